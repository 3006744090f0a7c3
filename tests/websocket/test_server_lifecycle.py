"""HttpServer's state, port and start()/stop() as a script sees them."""

from __future__ import annotations

import asyncio
import io
import socket

from websockets.asyncio.client import connect

import bridge
from helpers import serving


async def _run(script: str) -> list[str]:
    stdout = io.StringIO()
    async with bridge.Runtime(stdout=stdout, stderr=stdout) as runtime:
        await runtime.run_source(script, "lifecycle.js")
        await asyncio.wait_for(runtime.idle(), 10)
    return stdout.getvalue().splitlines()


async def test_state_and_port_through_start_and_stop():
    lines = await _run("""
    const server = new HttpServer()
    console.log(server.state, server.port)
    console.log(server.start({ port: 0 }), server.state, typeof server.port)
    setTimeout(() => {
      console.log(server.state, server.port > 0)
      server.stop()
      console.log(server.state)
      setTimeout(() => console.log(server.state, server.port), 50)
    }, 50)
    """)
    # With no session to close, stop() completes at once.
    assert lines == ["stopped null", "null starting number", "running true", "stopped", "stopped null"]


async def test_start_on_a_busy_port_returns_a_message():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        lines = await _run(f"""
        const server = new HttpServer()
        server.listenAddressIPv4 = "127.0.0.1"
        const failure = server.start({{ port: {port}, forceIPv4: true }})
        console.log(typeof failure, failure)
        console.log(server.state, server.port)
        """)
    message = f"HttpServer.start: cannot listen on port {port}: the address is already in use"
    # Also reported, where the script called start(), for scripts that ignore what it returns.
    assert lines == [f"lifecycle.js:4:32: {message}", "    at lifecycle.js:4:32",
                     f"string {message}", "stopped null"]


async def test_bad_options_and_addresses_are_returned_not_thrown():
    lines = await _run("""
    const server = new HttpServer()
    console.log(server.start({ port: 70000 }))
    console.log(server.start({ port: "80" }))
    console.log(server.start({ port: 0, maxRequestBodySize: Infinity }))
    console.log(server.start({ port: 0, readAheadLimit: "64k" }))
    console.log(server.start({ port: 0, webSocketFramesPerTurn: Infinity }))
    server.listenAddressIPv4 = "my-laptop.local"
    console.log(server.start({ port: 0, forceIPv4: true }))
    """)
    lines = [line for line in lines if not line.startswith(("lifecycle.js:", "    at "))]  # the reports
    assert lines == ["HttpServer.start: port must be an integer from 0 to 65535, got 70000",
                     "HttpServer.start: port must be a number, got string",
                     "HttpServer.start: maxRequestBodySize must be a finite number, got Infinity",
                     "HttpServer.start: readAheadLimit must be a number, got string",
                     "HttpServer.start: webSocketFramesPerTurn must be a finite number, got Infinity",
                     "HttpServer.start: cannot listen on port 0: listenAddressIPv4 must be an IPv4 address, got 'my-laptop.local'"]


async def test_force_ipv4_listens_on_ipv4():
    lines = await _run("""
    const server = new HttpServer()
    server.listenAddressIPv4 = "127.0.0.1"
    console.log(server.start({ port: 0, forceIPv4: true }), server.isIPv4)
    server.stop()
    """)
    assert lines == ["null true"]


async def test_a_script_with_a_running_server_stays_alive_until_stopped():
    async with serving("""
    server.registerWebsocket("/s", { handleText: () => server.stop() })
    """) as served:
        idle = asyncio.ensure_future(served.runtime.idle())
        await asyncio.sleep(0.2)
        assert not idle.done()
        async with connect(served.url("/s")) as client:
            await client.send("stop")
            await client.wait_closed()
        await asyncio.wait_for(idle, 5)


async def test_closing_the_runtime_closes_sessions_with_1001():
    async with serving("""
    server.registerWebsocket("/s", { onDisconnected: () => console.log("gone") })
    """) as served:
        client = await connect(served.url("/s"))
    assert served.lines() == ["gone"]
    await client.wait_closed()
    assert client.close_code == 1001
