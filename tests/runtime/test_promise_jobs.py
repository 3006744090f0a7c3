"""Promise jobs as scripts see them, with the bridge's scheduling (promise_jobs.py): in order,
each round of a promise chain at its own turn of the loop (so an endless chain does not starve
timers or sockets)."""

from __future__ import annotations

import asyncio
import io

import pythonmonkey as pm

import bridge
from helpers import run_cli, write_script


def test_jobs_run_in_the_order_they_were_scheduled(tmp_path):
    path = write_script(tmp_path, "order.js", """
        const seen = []
        const log = (x) => () => seen.push(x)
        Promise.resolve().then(log("a1")).then(log("a2")).then(log("a3"))
        Promise.resolve().then(log("b1")).then(log("b2"))
        queueMicrotask(log("c1"))
        ;(async () => { seen.push("d0"); await null; seen.push("d1"); await null; seen.push("d2") })()
        setTimeout(() => console.log(seen.join(" ")), 50)
        """)
    result = run_cli("run", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["d0", "a1", "b1", "c1", "d1", "a2", "b2", "d2", "a3"]


def test_an_endless_promise_chain_does_not_starve_timers(tmp_path):
    """Jobs scheduled by the jobs being run wait for the next turn, where timers get theirs."""
    path = write_script(tmp_path, "chain.js", """
        let stop = false, rounds = 0
        ;(async () => { while (!stop) { await null; rounds++ } })()
        setTimeout(() => { stop = true; console.log(rounds > 0 ? "the timer ran" : "no round ran") }, 20)
        """)
    result = run_cli("run", path, timeout=30)
    assert (result.returncode, result.stdout.strip()) == (0, "the timer ran"), result.stderr


async def test_a_runtime_schedules_jobs_itself_and_gives_the_loop_back():
    loop = asyncio.get_running_loop()
    own = loop.call_soon_threadsafe
    async with bridge.Runtime(stdout=io.StringIO()):
        assert loop.call_soon_threadsafe != own
        count = pm.eval("(n) => (async () => { let i = 0; while (i < n) { await null; i++ } return i })()")
        assert await count(1000) == 1000
        # Anyone else's callback still goes to the loop's own call_soon_threadsafe.
        done = loop.create_future()
        loop.call_soon_threadsafe(done.set_result, "called")
        assert await done == "called"
    assert loop.call_soon_threadsafe == own
