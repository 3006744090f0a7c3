"""What permessage-deflate costs the server per connection: `python -m bench.deflate_memory [N]`.

An echo server runs as a user runs it (`python -m bridge run`), once with `perMessageDeflate`
off and once on. N clients (websockets, which offers deflate) connect and exchange one small
text message each, so both of a connection's zlib streams have been used; the server's RSS
growth per connection is printed for each run, and their difference is deflate's cost.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from websockets.asyncio.client import connect

REPO = Path(__file__).resolve().parent.parent
SCRIPT = """
const server = new HttpServer()
server.listenAddressIPv4 = "127.0.0.1"
server.registerWebsocket("/echo", { handleText: (session, text) => session.writeText(text) })
const error = server.start({ port: 0, forceIPv4: true, perMessageDeflate: %s })
if (error) throw new Error(error)
console.log("listening", server.port)
"""
MESSAGE = "a small chat message, repeated a little: " * 4


def rss(pid: int) -> int:
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def growth_per_connection(deflate: bool, connections: int, workdir: Path) -> tuple[float, bool]:
    script = workdir / f"echo_{deflate}.js"
    script.write_text(SCRIPT % ("true" if deflate else "false"))
    server = subprocess.Popen([sys.executable, "-m", "bridge", "run", str(script)], cwd=REPO,
                              stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline().split()[1])
        await asyncio.sleep(0.5)
        before = rss(server.pid)
        clients = []
        for _ in range(connections):
            client = await connect(f"ws://127.0.0.1:{port}/echo", compression="deflate", ping_interval=None)
            await client.send(MESSAGE)
            assert await client.recv() == MESSAGE
            clients.append(client)
        await asyncio.sleep(1.0)
        after = rss(server.pid)
        negotiated = all("permessage-deflate" in (c.response.headers.get("Sec-WebSocket-Extensions") or "")
                         for c in clients)
        for client in clients:
            await client.close()
        return (after - before) / connections, negotiated
    finally:
        server.kill()
        server.wait()


async def main(connections: int) -> None:
    with tempfile.TemporaryDirectory() as workdir:
        off, _ = await growth_per_connection(False, connections, Path(workdir))
        on, negotiated = await growth_per_connection(True, connections, Path(workdir))
    assert negotiated, "the server did not negotiate permessage-deflate"
    print(f"{connections} connections, one message each")
    print(f"  perMessageDeflate off: {off / 1024:6.1f} KiB per connection")
    print(f"  perMessageDeflate on:  {on / 1024:6.1f} KiB per connection")
    print(f"  deflate's cost:        {(on - off) / 1024:6.1f} KiB per connection")


if __name__ == "__main__":
    started = time.monotonic()
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
    print(f"({time.monotonic() - started:.0f} s)")
