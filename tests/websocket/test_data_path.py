"""The message path to and from scripts: whole buffers, byte-exact, and free of pythonmonkey's
two hazards (a Python str crossing into JS slows every later GC; a bytes crossing leaks)."""

from __future__ import annotations

import os
import random
import time

import pythonmonkey as pm
from websockets.asyncio.client import connect

from helpers import serving

ECHO = """
let texts = 0, binaries = 0
server.registerWebsocket("/echo", {
  handleText: (session, text) => { if (++texts % 5000 === 0) session.writeText("texts " + texts) },
  handleBinary: (session, data) => {
    if (data.size > 1000000) session.writeData(data)
    else if (++binaries % 5000 === 0) session.writeText("binaries " + binaries)
  },
})
"""


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _collect_seconds() -> float:
    start = time.perf_counter()
    pm.collect()
    return time.perf_counter() - start


async def test_a_5_mib_binary_message_round_trips_byte_exact():
    payload = random.Random(5).randbytes(5 * 1024 * 1024)
    async with serving(ECHO) as served:
        async with connect(served.url("/echo"), max_size=None) as client:
            await client.send(payload)
            assert await client.recv() == payload


async def test_many_messages_neither_stall_garbage_collection_nor_leak():
    count = 20_000
    texts = [f"message {i} é ü" for i in range(count)]  # Latin-1: the hazardous kind of str
    blob = bytes(range(256)) * 8  # 2 KiB
    async with serving(ECHO) as served:
        async with connect(served.url("/echo")) as client:
            for text in texts[:1000]:  # warm up: buffers, JIT, first collections
                await client.send(text)
            pm.collect()
            baseline_gc = max(_collect_seconds(), _collect_seconds())
            rss_before = _rss()
            for text in texts[1000:]:
                await client.send(text)
            while (reply := await client.recv()) != f"texts {count}":
                assert reply.startswith("texts ")
            for _ in range(count):
                await client.send(blob)
            while (reply := await client.recv()) != f"binaries {count}":
                assert reply.startswith("binaries ")
            after_gc = _collect_seconds()
            grown = _rss() - rss_before
    # With the hazards, 20,000 messages cost ~9 s of collection and ~40 MB that never returns.
    assert after_gc < max(20 * baseline_gc, 0.5), (baseline_gc, after_gc)
    assert grown < 15 * 1024 * 1024, grown
