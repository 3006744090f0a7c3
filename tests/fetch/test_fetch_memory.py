"""A 200 MiB body read through `response.body` streams, and so does a 200 MiB ReadableStream
body sent: the client's peak memory grows by less than 30 MiB either way (measured in a
separate process, whose RSS is the client's alone)."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from aiohttp import web

from fetching import web_server

SIZE = 200 * 1024 * 1024
CHUNK = bytes(range(256)) * 256  # 64 KiB, ending in 0xff
PROBE = Path(__file__).with_name("stream_probe.py")
UPLOAD_PROBE = Path(__file__).with_name("upload_probe.py")
REPO = Path(__file__).resolve().parents[2]


async def _stream(request):
    size = int(request.query.get("size", SIZE))
    response = web.StreamResponse(headers={"Content-Type": "application/octet-stream",
                                           "Content-Length": str(size)})
    await response.prepare(request)
    for _ in range(size // len(CHUNK)):
        await response.write(CHUNK)
    await response.write_eof()
    return response


async def _sink(request):
    total = 0
    async for chunk in request.content.iter_any():
        total += len(chunk)
    return web.Response(text=str(total))


async def run_probe(probe: Path, url: str) -> dict:
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(probe), url, cwd=REPO,
        # This checkout's bridge, whichever one is installed.
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    stdout, stderr = await asyncio.wait_for(process.communicate(), 110)
    assert process.returncode == 0, stderr.decode()
    return json.loads(stdout.decode().splitlines()[-1])


async def test_a_200_mib_body_streams_in_bounded_memory():
    app = web.Application()
    app.router.add_get("/large", _stream)
    async with web_server(app) as base:
        result = await run_probe(PROBE, f"{base}/large")
    assert result["total"] == SIZE and result["length"] == SIZE and result["last"] == 0xFF
    assert result["chunks"] > 100  # streamed in pieces, not handed over whole
    growth_mib = (result["peak_kib"] - result["baseline_kib"]) / 1024
    assert growth_mib < 30, f"peak RSS grew by {growth_mib:.1f} MiB while streaming 200 MiB"


async def test_a_200_mib_stream_body_uploads_in_bounded_memory():
    app = web.Application(client_max_size=SIZE * 2)
    app.router.add_post("/sink", _sink)
    async with web_server(app) as base:
        result = await run_probe(UPLOAD_PROBE, f"{base}/sink")
    assert result["received"] == SIZE
    growth_mib = (result["peak_kib"] - result["baseline_kib"]) / 1024
    assert growth_mib < 30, f"peak RSS grew by {growth_mib:.1f} MiB while sending 200 MiB"
