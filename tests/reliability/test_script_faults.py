"""Faults in scripts: a handler that throws on every message, one that blocks the loop for 2 s,
promises that never settle. The server stays up, serves everyone (late, while a handler
blocks it), says what happened on stderr, and keeps its memory.

The memory tests run the server in this process, so that both collectors can be forced before
each measurement (a server left to itself collects when it likes, and garbage not yet collected
is not a leak); its output goes to streams that count lines and keep none. The blocking test
runs the server as a user runs it (`scripting-bridge run`, its own process).
"""

from __future__ import annotations

import asyncio
import re
import signal
import time


from . import swarm
from .support import ScriptProcess, bounded, growth_per_operation, leaks, scaled, serving_quietly

FAULTS = """
server.registerWebsocket("/echo", {
  handleText: (session, text) => session.writeText(text),
})
server.registerWebsocket("/throws", {
  onConnected: (session) => session.writeText("ready"),
  handleText: (session, text) => { throw new Error("cannot handle " + text) },
})
server.registerWebsocket("/spins", {
  handleText: (session, text) => {
    const until = Date.now() + 2000
    while (Date.now() < until) {}  // blocks everything for 2 s
    session.writeText("spun " + text)
  },
})
async function fails(text) { throw new Error("rejected " + text) }
let rejected = 0
server.registerWebsocket("/rejects", {
  handleText: (session, text) => {
    fails(text)  // floating: nobody handles it
    fails(text).catch(() => {})  // handled, after it was rejected
    if (++rejected % 100 === 0) session.writeText("rejected " + rejected)
  },
})
let pending = 0
server.registerWebsocket("/pending", {
  handleText: async (session, text) => {
    if (++pending % 1000 === 0) session.writeText("pending " + pending)
    await new Promise(() => {})  // never settles
    session.writeText("never")
  },
})
"""


async def echoed(url: str, text: str = "hello") -> str:
    peer = await swarm.connect(url)
    try:
        peer.send_text(text)
        return await peer.recv()
    finally:
        peer.abort()


async def send_all(peer: swarm.Peer, count: int, prefix: str, reply=None) -> None:
    """Send `count` messages, 100 at a time; if `reply(i)` is given, wait for each reply."""
    for start in range(0, count, 100):
        batch = range(start, min(count, start + 100))
        for index in batch:
            peer.send_text(f"{prefix} {index}")
        if reply is not None:
            for index in batch:
                assert await peer.recv() == reply(index)


def stop_cleanly(server: ScriptProcess) -> None:
    assert server.alive(), server.stderr()[-2000:]
    assert server.stop(signal.SIGTERM, timeout=15) == 128 + signal.SIGTERM
    assert server.crash_signs() == [], server.stderr()[-2000:]


@bounded(120, soak_seconds=900)
async def test_a_handler_that_throws_on_every_message():
    """Each throw is reported with the script's file:line and the session goes on; the reports
    leave nothing behind (each one carries strings and numbers from JS into Python)."""
    count = scaled(10_000, 100_000)
    async with serving_quietly(FAULTS) as (runtime, stdout, stderr):
        port = runtime.servers[0].port
        peer = await swarm.connect(f"ws://127.0.0.1:{port}/throws")
        assert await peer.recv() == "ready"

        async def throw(n: int) -> None:
            before = stderr.lines
            await send_all(peer, n, "message")
            deadline = time.monotonic() + 30
            while stderr.lines < before + 2 * n:  # a report is two lines: where and what, then the frame
                assert time.monotonic() < deadline, f"{stderr.lines - before} report lines for {n} throws"
                await asyncio.sleep(0.01)

        for _ in range(2):  # warm-up: until the heaps have grown to what this traffic needs
            await throw(count)
        assert re.search(r"script0\.js:\d+:\d+: Uncaught Error: cannot handle message \d+$", stderr.getvalue(), re.M), \
            stderr.getvalue()
        growth = await growth_per_operation(lambda: throw(count), count)

        assert peer.is_open  # the session was not closed by its handler's errors
        peer.close(1000)
        assert await peer.wait_closed() == 1000
        assert await echoed(f"ws://127.0.0.1:{port}/echo") == "hello"
    assert leaks(growth) == {}, growth


@bounded(120, soak_seconds=900)
async def test_rejected_promises_are_reported_once_each_and_leave_nothing_behind():
    """Per message, one promise nobody handles (reported) and one handled after it was
    rejected (not reported): the rejection tracker sees both, and keeps neither. (20,000 a
    phase: with 5,000, the few dozen blocks a phase may keep for its own reasons came near the
    bound of one block per 100 operations.)"""
    count = scaled(20_000, 50_000)
    async with serving_quietly(FAULTS) as (runtime, stdout, stderr):
        port = runtime.servers[0].port
        peer = await swarm.connect(f"ws://127.0.0.1:{port}/rejects")
        sent = 0

        async def reject(n: int) -> None:
            nonlocal sent
            before = stderr.lines
            for _ in range(n // 100):
                await send_all(peer, 100, "message")
                sent += 100
                assert await peer.recv() == f"rejected {sent}"
            deadline = time.monotonic() + 30
            while stderr.lines < before + 3 * n:  # where and what, the frame, the caller's frame
                assert time.monotonic() < deadline, f"{stderr.lines - before} report lines for {n} rejections"
                await asyncio.sleep(0.01)
            assert stderr.lines == before + 3 * n, stderr.getvalue()[-2000:]

        await reject(count)  # warm-up
        assert re.search(r"script0\.js:\d+:\d+: Unhandled rejection: Error: rejected message \d+$",
                         stderr.getvalue(), re.M), stderr.getvalue()
        growth = await growth_per_operation(lambda: reject(count), count)
        assert await echoed(f"ws://127.0.0.1:{port}/echo") == "hello"
    assert leaks(growth) == {}, growth


@bounded(60)
async def test_a_handler_that_blocks_for_2_s_delays_others_who_are_then_served_and_it_is_logged(tmp_path):
    with ScriptProcess(tmp_path, FAULTS) as server:
        others = [await swarm.connect(server.url("/echo")) for _ in range(20)]
        spinner = await swarm.connect(server.url("/spins"))
        spinner.send_text("once")
        await asyncio.sleep(0.2)  # the server is now inside the handler
        started = time.monotonic()
        for index, peer in enumerate(others):
            peer.send_text(f"waiting {index}")
        for index, peer in enumerate(others):
            assert await peer.recv(timeout=10) == f"waiting {index}"  # served, once it is free
        delayed = time.monotonic() - started
        assert await spinner.recv() == "spun once"
        assert 1.0 < delayed < 5.0, f"the others were answered after {delayed:.1f} s"
        assert await echoed(server.url("/echo")) == "hello"

        # It is logged: which handler, and for how long it held the server.
        logged = [line for line in server.stderr().splitlines() if "handleText" in line]
        assert logged, f"nothing on stderr names the handler that blocked the server for 2 s:\n{server.stderr()}"
        seconds = [float(number) / (1000 if unit == "ms" else 1) for line in logged
                   for number, unit in re.findall(r"(\d+(?:\.\d+)?) ?(ms|s)\b", line)]
        assert any(1.9 <= value < 5 for value in seconds), logged
        for peer in [spinner, *others]:
            peer.abort()
        stop_cleanly(server)


@bounded(120, soak_seconds=900)
async def test_promises_that_never_settle_neither_stop_the_server_nor_hold_memory(tmp_path):
    """Every message leaves an async handler waiting on a promise that can never settle (the
    handler answers every 1,000th message, to show it ran). Such a promise is unreachable once
    the handler has run: the collector frees it, and it is no work left to do: SIGTERM still
    ends the process at once."""
    count = scaled(10_000, 100_000)
    async with serving_quietly(FAULTS) as (runtime, stdout, stderr):
        port = runtime.servers[0].port
        peer = await swarm.connect(f"ws://127.0.0.1:{port}/pending")

        async def leave_pending(n: int, total: int) -> None:
            await send_all(peer, n, "message")
            for handled in range(total - n + 1000, total + 1, 1000):
                assert await peer.recv(timeout=30) == f"pending {handled}"

        totals = iter(range(count, 100 * count, count))
        for _ in range(2):  # warm-up: until the heaps have grown to this traffic
            await leave_pending(count, next(totals))
        growth = await growth_per_operation(lambda: leave_pending(count, next(totals)), count)
        assert await echoed(f"ws://127.0.0.1:{port}/echo") == "hello"
        peer.close(1000)
        assert await peer.wait_closed() == 1000
        assert stderr.lines == 0, stderr.getvalue()
    assert leaks(growth) == {}, growth

    with ScriptProcess(tmp_path, FAULTS) as server:
        peer = await swarm.connect(server.url("/pending"))
        await send_all(peer, 1_000, "message")
        assert await peer.recv() == "pending 1000"
        stop_cleanly(server)
