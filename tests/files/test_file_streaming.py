"""A FileEntity response is streamed: a 100 MiB download barely grows the server, and a client
that stops reading pauses the sending. The server runs as `scripting-bridge run` in its own
process, so its memory and its file position are its own."""

from __future__ import annotations

import hashlib
import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

SIZE = 100 * 1024 * 1024
SERVER = """
const server = new HttpServer()
server.registerHandler("/download", () => HttpResponse.raw(200, "OK", {
  headers: { "Content-Type": "application/zip" },
  body: FileEntity.openForReading(Path.join(Script.directory, "example.zip")),
}))
server.registerHandler("/small", () => HttpResponse.ok(HttpResponseBody.text("ok")))
server.start({ port: 0 })
console.log(server.port)
"""


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def file_position(pid: int, path: Path) -> int | None:
    """Where the server's open descriptor of `path` is, or None if it has none open."""
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                for line in Path(f"/proc/{pid}/fdinfo/{fd}").read_text().splitlines():
                    if line.startswith("pos:"):
                        return int(line.split()[1])
        except OSError:
            continue  # closed meanwhile
    return None


def start_server(tmp_path: Path) -> tuple[subprocess.Popen, int, Path]:
    example = tmp_path / "example.zip"
    with open(example, "wb") as out:
        block = os.urandom(1024 * 1024)
        for index in range(SIZE // len(block)):
            out.write(index.to_bytes(4, "big") + block[4:])
    (tmp_path / "server.js").write_text(SERVER)
    process = subprocess.Popen([sys.executable, "-m", "bridge", "run", str(tmp_path / "server.js")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = int(process.stdout.readline())
    return process, port, example


def digest(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def test_a_100_mib_download_streams_in_bounded_memory_and_pauses_with_its_client(tmp_path):
    process, port, example = start_server(tmp_path)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/small")
        assert connection.getresponse().read() == b"ok"
        before = rss(process.pid)

        connection.request("GET", "/download")
        response = connection.getresponse()
        assert (response.status, response.getheader("content-length")) == (200, str(SIZE))
        received = hashlib.sha256(response.read(1024 * 1024))
        time.sleep(1.0)  # the client stops reading: the server must stop sending
        paused_at = file_position(process.pid, example)
        assert paused_at is not None and paused_at < 32 * 1024 * 1024, paused_at
        time.sleep(0.5)
        assert file_position(process.pid, example) == paused_at

        peak = rss(process.pid)
        while chunk := response.read(1024 * 1024):
            received.update(chunk)
            peak = max(peak, rss(process.pid))
        assert received.hexdigest() == digest(example)
        assert peak - before < 20 * 1024 * 1024, f"the server grew by {(peak - before) / 2**20:.1f} MiB"
        assert file_position(process.pid, example) is None  # closed once sent
        connection.close()
    finally:
        process.terminate()
        process.communicate(timeout=30)
