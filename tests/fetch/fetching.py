"""Helpers for the fetch tests: a script run in a real Runtime, and aiohttp.web servers on
127.0.0.1 for what the bridge's own HttpServer cannot produce (redirects, slow or gzip bodies,
TLS with a test CA, a server that never answers)."""

from __future__ import annotations

import asyncio
import io
import json
from contextlib import asynccontextmanager

from aiohttp import web

import bridge


async def run_script(code: str, *, timeout: float = 30) -> list:
    """Run `code` to its end in a fresh Runtime; each stdout line parsed as JSON (or kept as
    text when it is not). Fails with the output if the script throws or reports an error."""
    stdout, stderr = io.StringIO(), io.StringIO()
    async with bridge.Runtime(stdout=stdout, stderr=stderr) as runtime:
        try:
            await asyncio.wait_for(runtime.run_source(code, "test.js"), timeout)
            await asyncio.wait_for(runtime.idle(), timeout)
        except (bridge.ScriptError, asyncio.TimeoutError) as error:
            raise AssertionError(f"{error!r}\nstdout:\n{stdout.getvalue()}\nstderr:\n{stderr.getvalue()}") from None
    assert stderr.getvalue() == "", stderr.getvalue()
    return [_parsed(line) for line in stdout.getvalue().splitlines()]


def _parsed(line: str):
    try:
        return json.loads(line)
    except ValueError:
        return line


@asynccontextmanager
async def web_server(app: web.Application, ssl_context=None):
    """Serve `app` on 127.0.0.1 (a free port); yields its base URL."""
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=ssl_context)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    scheme = "https" if ssl_context is not None else "http"
    try:
        yield f"{scheme}://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
