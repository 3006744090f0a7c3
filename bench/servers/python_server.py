"""Scenario server in pure Python `websockets` (the floor of the bridge's stack).

    python bench/servers/python_server.py PORT [--loop asyncio|uvloop]

Same work as bridge_server.js: /echo echoes each message, /broadcast sends each text it gets to
every /broadcast session (websockets.broadcast, the library's own loop). No compression, 16 MiB
messages and the default 20 s keepalive, as the bridge's defaults.
"""

from __future__ import annotations

import argparse
import asyncio
import signal

from websockets.asyncio.server import broadcast, serve
from websockets.exceptions import ConnectionClosed

room: set = set()


async def handler(ws) -> None:
    try:
        await _serve(ws)
    except ConnectionClosed:  # the load generator ends its connections with a TCP reset
        pass


async def _serve(ws) -> None:
    path = ws.request.path.partition("?")[0]
    if path == "/echo":
        async for message in ws:
            await ws.send(message)
    elif path == "/broadcast":
        room.add(ws)
        try:
            async for message in ws:
                broadcast(room, message)
        finally:
            room.discard(ws)
    else:
        await ws.close(1008, "unknown path")


async def main(port: int) -> None:
    stop = asyncio.get_running_loop().create_future()
    for signum in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    async with serve(handler, "127.0.0.1", port, compression=None, max_size=16 * 1024 * 1024,
                     backlog=1024):
        await stop


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--loop", choices=("asyncio", "uvloop"), default="asyncio")
    args = parser.parse_args()
    if args.loop == "uvloop":
        import uvloop
        uvloop.run(main(args.port))
    else:
        asyncio.run(main(args.port))
