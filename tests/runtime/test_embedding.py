"""The Python embedding API: what a host program sees of bridge.Runtime."""

from __future__ import annotations

import asyncio
import io

import pytest
from websockets.asyncio.client import connect

import bridge


async def test_expose_run_source_servers_idle_and_close():
    stdout = io.StringIO()
    calls = []
    async with bridge.Runtime(stdout=stdout) as runtime:
        runtime.expose("record", lambda value: calls.append(value) or len(calls))
        runtime.expose("settings", {"greeting": "hi"})
        await runtime.run_source("""
        console.log(record("from js"), settings.greeting)
        const server = new HttpServer()
        server.registerWebsocket("/x", { handleText: (s, t) => { record(t); s.writeText(t.toUpperCase()) } })
        server.start({ port: 0 })
        globalThis.stopServer = () => server.stop()  // top-level names are private to the script
        """, "embedded.js")
        assert [server.port > 0 for server in runtime.servers] == [True]
        async with connect(f"ws://127.0.0.1:{runtime.servers[0].port}/x") as client:
            await client.send("shout")
            assert await client.recv() == "SHOUT"
        idle = asyncio.ensure_future(runtime.idle())
        await asyncio.sleep(0.1)
        assert not idle.done()  # a running server keeps it busy
        await runtime.run_source("stopServer()", "stop.js")
        await asyncio.wait_for(idle, 5)
    assert calls == ["from js", "shout"]
    assert stdout.getvalue() == "1 hi\n"


async def test_script_errors_are_raised_as_script_error_with_the_report():
    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        with pytest.raises(bridge.ScriptError) as failure:
            await runtime.run_source("let a = 1\nnull.f()", "bad.js")
        assert str(failure.value).startswith("bad.js:2:1: Uncaught TypeError: ")
        with pytest.raises(bridge.ScriptError) as failure:
            await runtime.run_source("let = ;", "syntax.js")
        assert str(failure.value) == "syntax.js:1:7: SyntaxError: expected expression, got ';'"


async def test_idle_returns_when_timers_are_done_and_close_stops_servers():
    stdout = io.StringIO()
    async with bridge.Runtime(stdout=stdout) as runtime:
        await runtime.run_source("setTimeout(() => console.log('done'), 20)", "timer.js")
        await asyncio.wait_for(runtime.idle(), 5)
        assert stdout.getvalue() == "done\n"
        await runtime.run_source("new HttpServer().start({ port: 0 })", "server.js")
        assert len(runtime.servers) == 1
    assert runtime.servers == []


async def test_one_runtime_at_a_time():
    async with bridge.Runtime():
        with pytest.raises(RuntimeError, match="already open"):
            bridge.Runtime()
    async with bridge.Runtime():
        pass
