"""js_examples/notes_server.ts: a server keeping files with FileManager, run as a user would."""

from __future__ import annotations

import asyncio
import http.client
import io

import bridge

from helpers import EXAMPLES


def request(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


async def test_notes_are_files_in_the_documents_folder(tmp_path):
    stdout = io.StringIO()
    async with bridge.Runtime(stdout=stdout, stderr=io.StringIO(), query_parameters={"port": 0},
                              data_dir=tmp_path) as runtime:
        await runtime.run_file(EXAMPLES / "notes_server.ts")
        port = runtime.servers[0].port
        folder = tmp_path / "scripts" / "notes_server" / "documents" / "notes"
        assert stdout.getvalue() == f"notes_server: notes in {folder}, on port {port}\n"
        assert await asyncio.to_thread(request, port, "POST", "/notes/shopping", "buy milk ☃".encode()) == (201, b"saved\n")
        assert (folder / "shopping.txt").read_text(encoding="utf-8") == "buy milk ☃"
        assert await asyncio.to_thread(request, port, "GET", "/notes/shopping") == (200, "buy milk ☃".encode())
        assert await asyncio.to_thread(request, port, "GET", "/notes") == (200, b"shopping\n")
        assert (await asyncio.to_thread(request, port, "GET", "/notes/missing"))[0] == 404
        assert (await asyncio.to_thread(request, port, "GET", "/notes/..%2f..%2fx"))[0] == 400
