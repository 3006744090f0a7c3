"""A FileEntity as the body of HttpResponse.raw, as the app's HttpServer documentation serves files."""

from __future__ import annotations

import asyncio
import http.client
import io
import os

import bridge


def fetch(port: int, path: str, method: str = "GET") -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


SERVER = """
const server = new HttpServer()
server.registerHandler("/image", (request) => {
  // The documentation's sample, verbatim:
  const file = FileEntity.openForReading(Path.join(Script.directory, "image.png"))
  return HttpResponse.raw(200, "OK", {
    headers: { "Content-Type": "image/png" },
    body: file
  })
})
server.registerHandler("/read-first", () => {
  const file = FileEntity.openForReading("image.png")
  file.read(10)
  globalThis.sent = file
  return HttpResponse.raw(200, "OK", { body: file })
})
server.registerHandler("/after", () => HttpResponse.ok(HttpResponseBody.text(
  String(globalThis.sent.seek(0)) + " " + (() => { try { globalThis.sent.read(1) } catch (e) { return e.message } })())))
server.registerHandler("/closed", () => {
  const file = FileEntity.openForReading("image.png")
  file.close()
  return HttpResponse.raw(200, "OK", { body: file })
})
server.registerHandler("/wrong", () => HttpResponse.raw(200, "OK", { body: "text" }))
server.start({ port: 0 })
"""


async def test_the_documented_file_response_sends_the_whole_file(tmp_path):
    payload = os.urandom(300_000)
    (tmp_path / "image.png").write_bytes(payload)
    (tmp_path / "server.js").write_text(SERVER)
    stderr = io.StringIO()
    async with bridge.Runtime(stdout=io.StringIO(), stderr=stderr) as runtime:
        await runtime.run_file(tmp_path / "server.js")
        port = runtime.servers[0].port
        status, headers, body = await asyncio.to_thread(fetch, port, "/image")
        assert (status, headers["content-type"], headers["content-length"], body) == (
            200, "image/png", str(len(payload)), payload)
        status, headers, body = await asyncio.to_thread(fetch, port, "/image", "HEAD")
        assert (status, headers["content-length"], body) == (200, str(len(payload)), b"")
        # From the file's start whatever the entity read; the entity is closed once sent.
        status, headers, body = await asyncio.to_thread(fetch, port, "/read-first")
        assert (status, headers["content-type"], body) == (200, "application/octet-stream", payload)
        assert (await asyncio.to_thread(fetch, port, "/after"))[2] == b"false FileEntity.read (image.png): the file is closed"
        status, _, body = await asyncio.to_thread(fetch, port, "/closed")
        assert (status, body) == (500, b"HttpResponse.raw: cannot send the FileEntity body: the file is closed\n")
        status, _, body = await asyncio.to_thread(fetch, port, "/wrong")
        assert status == 500 and b"HttpResponse.raw: body must be a Data or a FileEntity, got string" in body
    assert "body must be a Data or a FileEntity" in stderr.getvalue()
