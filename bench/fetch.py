"""Benchmark of fetch: requests per second from a script against a local server, as a ratio to
aiohttp's own client doing the same requests in the same run (ratio = fetch / aiohttp; 1 means
as fast, below 1 slower).

    python bench/fetch.py [--requests N] [--repeat R]

The server (aiohttp.web, small bodies and a 1 MiB one) runs in its own process on 127.0.0.1, so
the client's process holds only the client. Each row is the best of R runs of N requests, one at
a time and 16 at a time, each body read whole (`bytes()` / `read()`); the 1 MiB row counts MiB/s.
Besides wall-clock rates, each row gives the rate per second of the client's CPU time, which a
busy machine disturbs much less (the server's time is not in it).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import socket
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp
import pythonmonkey as pm

import bridge

MIB = 1024 * 1024

_SERVER = r"""
import sys
from aiohttp import web
LARGE = bytes(range(256)) * 4096
async def small(request): return web.Response(text="ok")
async def large(request): return web.Response(body=LARGE)
app = web.Application()
app.router.add_get("/small", small)
app.router.add_get("/large", large)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
"""

# `run(url, count, concurrency)` resolves to the number of body bytes read.
_JS = r"""
globalThis.benchFetch = async (url, count, concurrency) => {
  let next = 0, bytes = 0
  const worker = async () => {
    while (next < count) {
      next++
      const response = await fetch(url)
      bytes += (await response.bytes()).length
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return bytes
}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def wait_for_server(port: int) -> None:
    for _ in range(100):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.05)
    raise RuntimeError("the benchmark server did not start")


async def with_aiohttp(url: str, count: int, concurrency: int) -> int:
    async with aiohttp.ClientSession() as session:
        remaining, total = count, 0

        async def worker():
            nonlocal remaining, total
            while remaining > 0:
                remaining -= 1
                async with session.get(url) as response:
                    total += len(await response.read())
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return total


async def main(requests: int, repeat: int) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", _SERVER, str(port)])
    try:
        await wait_for_server(port)
        base = f"http://127.0.0.1:{port}"
        cases = [("small, 1 at a time", "/small", requests, 1), ("small, 16 at a time", "/small", requests, 16),
                 ("1 MiB bodies, 4 at a time", "/large", max(requests // 20, 20), 4)]
        async with bridge.Runtime(stdout=io.StringIO()) as runtime:
            await runtime.run_source(_JS, "bench.js")
            run_js = pm.eval("(url, count, concurrency) => benchFetch(url, count, concurrency)")
            print(f"{'case':28} {'fetch':>12} {'aiohttp':>12} {'ratio':>6}   {'per CPU second: fetch':>22} "
                  f"{'aiohttp':>8} {'ratio':>6}")
            for name, path, count, concurrency in cases:
                ours, theirs = [], []
                for _ in range(repeat):
                    for side, run in ((ours, run_js), (theirs, with_aiohttp)):
                        wall, cpu = time.perf_counter(), time.process_time()
                        read = await run(base + path, count, concurrency)
                        side.append((time.perf_counter() - wall, time.process_time() - cpu, read))
                large = path == "/large"
                unit = "MiB/s" if large else "req/s"

                def best(runs, at):
                    return max((r[2] / MIB if large else count) / r[at] for r in runs)
                rates = [best(ours, 0), best(theirs, 0), best(ours, 1), best(theirs, 1)]
                print(f"{name:28} {rates[0]:6.0f} {unit} {rates[1]:6.0f} {unit} {rates[0] / rates[1]:6.2f}   "
                      f"{rates[2]:16.0f} {unit} {rates[3]:8.0f} {rates[2] / rates[3]:6.2f}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.requests, arguments.repeat))
