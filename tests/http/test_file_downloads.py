"""Files of every size served by registerFile, whole and byte for byte, on asyncio's loop (large
ones go out by os.sendfile) and on uvloop (whose transports have no sendfile: chunks instead)."""

from __future__ import annotations

import asyncio
import os

import pytest

from helpers import serving

SIZES = (0, 1, 64 * 1024, 256 * 1024 - 1, 256 * 1024, 3 * 1024 * 1024 + 7)


async def download_all(tmp_path) -> None:
    files = {size: os.urandom(size) for size in SIZES}
    script = ""
    for size, content in files.items():
        (tmp_path / f"{size}.bin").write_bytes(content)
        script += f"server.registerFile('/{size}', {str(tmp_path / f'{size}.bin')!r})\n"
    async with serving(script) as served:
        reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
        for size, content in files.items():  # one keep-alive connection, one after the other
            writer.write(f"GET /{size} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
            assert head.startswith(b"HTTP/1.1 200 ") and f"content-length: {size}\r\n".encode() in head.lower()
            assert await asyncio.wait_for(reader.readexactly(size), 10) == content
        writer.close()
        assert served.stderr.getvalue() == ""


async def test_files_of_every_size_arrive_whole_on_asyncio(tmp_path):
    await download_all(tmp_path)


def test_files_of_every_size_arrive_whole_on_uvloop(tmp_path):
    uvloop = pytest.importorskip("uvloop", reason="uvloop is not installed (it is in the test extra: pip install -e '.[test]')")
    uvloop.run(asyncio.wait_for(download_all(tmp_path), 60))
