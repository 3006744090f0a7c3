"""Churn: thousands of connect / message / binary / disconnect cycles against the seed's chat
room leave nothing behind: not in RSS, not in the JS heap, not as Python<->JS proxies, not in
the script's session list.

The server runs in this process (so its JS heap can be counted); the clients run in a separate
process (tests/reliability/swarm.py), so the RSS measured is the server's alone. Between phases
both collectors run: `pm.collect()` (SpiderMonkey's full GC) and `gc.collect()`.

The JS heap is counted with SpiderMonkey's Debugger.Memory census (pythonmonkey exposes no GC
statistics, but its `debuggerGlobal` holds the Debugger API): every live cell, by object class.
Proxies: on the JS side, "Proxy" cells are Python objects seen from JS and "FinalizationRecord"
cells are Python callables handed to JS; on the Python side, live pythonmonkey proxy objects
(JSObjectProxy, JSFunctionProxy, ...) and the bridge's and websockets' own objects are counted
with gc.get_objects().

CI: 3,000 cycles, 50 at a time, compared after the first 500. Soak (BRIDGE_SOAK=1): 30,000.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path


from websockets.asyncio.client import connect

from helpers import serving

from .support import MiB, SEED_CHAT_ROOM, bounded, grown, growth_per_operation, heap_growth, leaks, measure, scaled

SWARM = Path(__file__).with_name("swarm.py")
CYCLES = scaled(3_000, 30_000)
FIRST = 500
CONCURRENCY = 50


async def churn(url: str, cycles: int) -> dict:
    """Run `cycles` cycles from a client process; its JSON summary."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(SWARM), "churn", url, str(cycles), str(CONCURRENCY),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    summary = json.loads(out)
    assert summary["failed"] == 0, summary
    assert summary["welcomed"] == cycles, summary
    return summary


async def users_online(url: str) -> str:
    """What a newcomer is told: the seed's welcome counts the script's session list."""
    async with connect(url) as client:
        return await asyncio.wait_for(client.recv(), 5)


async def settled(url: str) -> None:
    """Every churned session has had onDisconnected: a newcomer is alone in the room."""
    for _ in range(50):
        if await users_online(url) == "Welcome! There are 1 users online.":
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"sessions left in the room: {await users_online(url)!r}")


@bounded(300, soak_seconds=3600)
async def test_churn_leaves_no_sessions_memory_heap_or_proxies_behind():
    async with serving(SEED_CHAT_ROOM) as served:
        url = served.url("/chat")
        measure()  # the census itself allocates on first use
        first = await churn(url, FIRST)
        await settled(url)
        after_first = measure()

        rest = await churn(url, CYCLES - FIRST)
        await settled(url)
        after_all = measure()
        assert served.stderr.getvalue() == ""

    heap_first, heap_all = after_first["heap"], after_all["heap"]
    rss_grown = after_all["rss"] - after_first["rss"]
    problems = []
    # RSS: allocator noise only. One leaked 100-byte object per message delivered would already
    # be ~13 MiB here (2,500 cycles x ~51 deliveries each: the welcome and 50 broadcasts).
    if rss_grown > scaled(4, 12) * MiB:
        problems.append(f"RSS grew by {rss_grown / MiB:.1f} MiB "
                        f"({rss_grown / (CYCLES - FIRST) / 1024:.1f} KiB per cycle)")
    # The JS heap does not grow: no cell kind and no object class by more than a few dozen
    # (one leaked object per cycle would be +2,500).
    if heap_growth(after_first, after_all):
        problems.append(f"JS heap cells grew: {heap_growth(after_first, after_all)}")
    if heap_all["objects_bytes"] - heap_first["objects_bytes"] > 256 * 1024:
        problems.append(f"JS objects grew from {heap_first['objects_bytes']} to {heap_all['objects_bytes']} bytes")
    # No proxies or callbacks accumulate, on either side; no Python object leaks at all (one
    # per message delivered would be ~127,000 blocks).
    if after_all["blocks"] - after_first["blocks"] > 2_000:
        problems.append(f"Python memory blocks grew by {after_all['blocks'] - after_first['blocks']}")
    if grown(after_first["python"], after_all["python"], slack=20):
        problems.append(f"Python objects accumulated: {grown(after_first['python'], after_all['python'], slack=20)}")
    print(f"{CYCLES} cycles in {first['seconds'] + rest['seconds']:.1f} s; RSS {after_first['rss'] / MiB:.1f} -> "
          f"{after_all['rss'] / MiB:.1f} MiB; JS objects {heap_first['objects']} -> {heap_all['objects']}")
    assert problems == [], "\n".join(problems)


WRITER = """
server.registerWebsocket("/writer", {
  handleText: (session, text) => {
    const [what, count] = text.split(" ")
    const data = Data.fromRawString("binary payload " + "y".repeat(40))
    for (let i = 0; i < Number(count); i++) {
      if (what === "text") session.writeText("a message of some sixty characters, as chat messages are")
      else session.writeData(data)
    }
    session.writeText("done")
  },
})
"""


@bounded(120, soak_seconds=900)
async def test_messages_written_by_a_script_leave_nothing_behind():
    """Each writeText/writeData crosses from JS into Python: whatever crosses must be freed.
    (pythonmonkey 1.4.1 leaks every JS number and string passed to a Python function, and every
    method looked up on a Python object: host calls go through the outbox, runtime/outbox.py.)"""
    count = scaled(20_000, 200_000)
    async with serving(WRITER) as served:
        async with connect(served.url("/writer"), max_size=None, max_queue=None) as client:
            async def write(what: str) -> None:
                await client.send(f"{what} {count}")
                while await client.recv() != "done":
                    pass

            for what in ("text", "binary"):
                await write(what)  # warm up
            found = {what: leaks(await growth_per_operation(lambda: write(what), count))
                     for what in ("text", "binary")}
    assert found == {"text": {}, "binary": {}}


ASYNC = """
let handled = 0
server.registerWebsocket("/async", {
  handleText: async (session, text) => {
    await null  // one promise job, as any await in a handler makes
    if (++handled % 1000 === 0) session.writeText("handled " + handled)
  },
})
"""


@bounded(120, soak_seconds=900)
async def test_async_handlers_leave_nothing_behind():
    """Each call of an async handler makes a promise, an async function generator and promise
    jobs; once it has settled, all of it is garbage. (pythonmonkey 1.4.1 leaks the wrapper of
    each promise job it schedules and the proxy object of each job: runtime/promise_jobs.py.)"""
    count = scaled(10_000, 100_000)
    async with serving(ASYNC) as served:
        async with connect(served.url("/async")) as client:
            total = 0

            async def run() -> None:
                nonlocal total
                total += count
                for index in range(count):
                    await client.send(f"message {index}")
                for handled in range(total - count + 1000, total + 1, 1000):
                    assert await client.recv() == f"handled {handled}"

            for _ in range(4):  # warm-up: until the heaps have grown to this traffic
                await run()
            growth = await growth_per_operation(run, count)
    assert leaks(growth) == {}, growth
