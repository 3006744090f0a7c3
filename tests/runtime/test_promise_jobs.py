"""Promise jobs as scripts see them, with the bridge's queue (promise_jobs.py): in order, every
pending job before a timer's callback, as JS engines run them, but at most
`promise_jobs_per_turn` at a time (so an endless chain does not starve timers or sockets)."""

from __future__ import annotations

import asyncio
import io

import pythonmonkey as pm
import pytest

import bridge
from bridge.runtime import promise_jobs
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


@pytest.mark.parametrize("loop", ["uvloop", "asyncio"])
def test_a_chain_of_awaits_ends_before_a_timer_set_before_it(tmp_path, monkeypatch, loop):
    monkeypatch.setenv("SCRIPTING_BRIDGE_LOOP", loop)  # uvloop runs due timers first, asyncio last
    path = write_script(tmp_path, "chain.js", """
        let steps = 0
        setTimeout(() => console.log(`the timer saw ${steps} steps`), 0)
        ;(async () => { for (let i = 0; i < 1000; i++) { await null; steps++ } })()
        """)
    result = run_cli("run", path)
    assert (result.returncode, result.stdout) == (0, "the timer saw 1000 steps\n"), result.stderr


async def test_a_timer_gets_its_turn_after_promise_jobs_per_turn_jobs():
    out = io.StringIO()
    async with bridge.Runtime(stdout=out, promise_jobs_per_turn=10) as runtime:
        await runtime.run_source("""
            let steps = 0
            setTimeout(() => console.log(steps), 0)
            ;(async () => { for (let i = 0; i < 1000; i++) { await null; steps++ } })()
            """, "capped.js")
        await runtime.idle()
    assert 0 < int(out.getvalue()) < 1000


def test_an_endless_promise_chain_does_not_starve_timers(tmp_path):
    """Jobs scheduled by the jobs being run wait for the next turn, where timers get theirs."""
    path = write_script(tmp_path, "chain.js", """
        let stop = false, rounds = 0
        ;(async () => { while (!stop) { await null; rounds++ } })()
        setTimeout(() => { stop = true; console.log(rounds > 0 ? "the timer ran" : "no round ran") }, 20)
        """)
    result = run_cli("run", path, timeout=30)
    assert (result.returncode, result.stdout.strip()) == (0, "the timer ran"), result.stderr


async def test_an_await_is_no_loop_callback_of_its_own_and_pythonmonkey_has_the_jobs_back_after():
    """pythonmonkey makes each job a call_soon_threadsafe callback; the runtime's queue does not."""
    loop = asyncio.get_running_loop()
    callbacks = 0
    own = loop.call_soon_threadsafe

    def counting(callback, *args, context=None):
        nonlocal callbacks
        callbacks += 1
        return own(callback, *args, context=context)

    loop.call_soon_threadsafe = counting
    try:
        count = pm.eval("(n) => (async () => { let i = 0; while (i < n) { await null; i++ } return i })()")
        async with bridge.Runtime(stdout=io.StringIO()):
            assert await count(1000) == 1000
            assert callbacks < 10
        assert await count(100) == 100
        assert callbacks >= 100
    finally:
        del loop.call_soon_threadsafe


async def test_queued_jobs_survive_garbage_collections():
    """Jobs wait in the bridge's queue through minor GCs (which move young objects) and a full
    one, and each still runs with what it closed over."""
    async with bridge.Runtime(stdout=io.StringIO()):
        queue = pm.eval("""(n) => {
            const seen = []
            for (let i = 0; i < n; i++) {
                const box = { value: i, padding: new Array(8).fill(i) }
                Promise.resolve().then(() => seen.push(box.value + box.padding[7]))
            }
            return seen
        }""")
        churn = pm.eval("() => { let keep = []; for (let i = 0; i < 200000; i++) keep[i % 100] = { i }; }")
        seen = queue(20_000)
        churn()
        pm.collect()
        churn()
        assert len(seen) == 0  # not run yet: they wait for the loop's next turn
        await promise_jobs.settled()  # two turns: 10,000 jobs a turn
        assert list(seen) == [2 * i for i in range(20_000)]
