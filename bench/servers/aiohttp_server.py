"""HTTP scenario server in aiohttp (the pure-Python floor for the bridge's HTTP half).

    python bench/servers/aiohttp_server.py PORT FILES [--loop asyncio|uvloop]

Same work as bridge_http_server.js: /hello and /hello-async answer "Hello, world!" with
`web.Response(text=...)`, /files/NAME is `web.FileResponse` of FILES/NAME, POST /upload answers
the size of the body it read.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
from pathlib import Path

from aiohttp import web


def application(files: Path) -> web.Application:
    async def hello(request: web.Request) -> web.Response:
        return web.Response(text="Hello, world!")

    async def download(request: web.Request) -> web.StreamResponse:
        path = (files / request.match_info["name"]).resolve()
        if path.parent != files or not path.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(path)

    async def upload(request: web.Request) -> web.Response:
        return web.Response(text=str(len(await request.read())))

    app = web.Application(client_max_size=64 * 1024 * 1024)
    app.router.add_get("/hello", hello)
    app.router.add_get("/hello-async", hello)
    app.router.add_get("/files/{name}", download)
    app.router.add_post("/upload", upload)
    return app


async def main(port: int, files: Path) -> None:
    stop = asyncio.get_running_loop().create_future()
    for signum in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    runner = web.AppRunner(application(files), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port, backlog=1024).start()
    try:
        await stop
    finally:
        await runner.cleanup()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("files", type=Path)
    parser.add_argument("--loop", choices=("asyncio", "uvloop"), default="asyncio")
    args = parser.parse_args()
    if args.loop == "uvloop":
        import uvloop
        uvloop.run(main(args.port, args.files.resolve()))
    else:
        asyncio.run(main(args.port, args.files.resolve()))
