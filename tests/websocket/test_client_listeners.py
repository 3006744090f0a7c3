"""`WebSocket.addEventListener`/`removeEventListener` (the app's four events; README,
"WebSocket (client)"), against real `websockets` servers and the script's own HttpServer on
127.0.0.1."""

from __future__ import annotations

import asyncio
import io
import socket
from contextlib import asynccontextmanager

import pytest
from websockets.asyncio.server import serve

import bridge
from helpers import Served


@asynccontextmanager
async def running(source: str):
    stdout, stderr = io.StringIO(), io.StringIO()
    async with bridge.Runtime(stdout=stdout, stderr=stderr) as runtime:
        await runtime.run_source(source, "listeners.js")
        yield Served(runtime, stdout, stderr)


@asynccontextmanager
async def python_server(handler):
    async with serve(handler, "127.0.0.1", 0) as server:
        yield server.sockets[0].getsockname()[1]


async def test_listeners_run_after_the_property_in_the_order_added_for_every_event():
    async def handler(connection):
        await connection.send("one")
        await connection.send(b"\x01\x02")
        await connection.recv()
        await connection.close(4005, "the server is done")

    async with python_server(handler) as port:
        async with running(f"""
        const ws = new WebSocket("ws://127.0.0.1:{port}/")
        const show = (m) => typeof m === "string" ? m : m.toHexString()
        ws.onopen = () => console.log("onopen")
        ws.addEventListener("open", () => console.log("open A"))
        ws.addEventListener("open", function () {{ console.log("open B", this === ws) }})
        ws.onmessage = (m) => console.log("onmessage", show(m))
        ws.addEventListener("message", (m) => console.log("message A", show(m)))
        ws.addEventListener("message", (m) => {{
          console.log("message B", show(m))
          if (typeof m !== "string") ws.send("ack")
        }})
        ws.onclose = (reason, code) => console.log("onclose", reason, code)
        ws.addEventListener("close", (reason, code) => console.log("close A", reason, code))
        ws.addEventListener("close", (reason) => console.log("close B", reason))
        ws.addEventListener("error", (e) => console.log("error", e.message))
        """) as served:
            await served.until_logged("close B the server is done")
            await asyncio.sleep(0.2)
            assert served.lines() == [
                "onopen", "open A", "open B true",
                "onmessage one", "message A one", "message B one",
                "onmessage 0102", "message A 0102", "message B 0102",
                "onclose the server is done 4005", "close A the server is done 4005",
                "close B the server is done",
            ]
            assert served.stderr.getvalue() == ""


async def test_listeners_alone_without_any_on_property():
    async def handler(connection):
        await connection.send(await connection.recv())
        await connection.wait_closed()  # the script closes, and its reason comes back

    async with python_server(handler) as port:
        async with running(f"""
        const ws = new WebSocket("ws://127.0.0.1:{port}/")
        ws.addEventListener("open", () => ws.send("echo me"))
        ws.addEventListener("message", (m) => {{ console.log("got", m); ws.close(1000, "thanks") }})
        ws.addEventListener("close", (reason, code) => console.log("closed", reason, code))
        """) as served:
            await served.until_logged("closed thanks 1000")
            assert served.lines() == ["got echo me", "closed thanks 1000"]


async def test_removed_listeners_stop_and_removing_an_unknown_one_does_nothing():
    async def handler(connection):
        for text in ("first", "second", "third"):
            await connection.send(text)
            await connection.recv()  # one at a time: the script removes listeners in between
        await connection.close(1000, "bye")

    async with python_server(handler) as port:
        async with running(f"""
        const ws = new WebSocket("ws://127.0.0.1:{port}/")
        const a = (m) => console.log("A", m)
        const b = (m) => {{
          console.log("B", m)
          if (m === "first") ws.removeEventListener("message", a)
          if (m === "second") ws.removeEventListener("message", b)
        }}
        const c = (m) => {{ console.log("C", m); ws.send("next") }}
        ws.addEventListener("message", a)
        ws.addEventListener("message", b)
        ws.addEventListener("message", c)
        ws.removeEventListener("message", (m) => console.log("never added", m))
        ws.removeEventListener("close", a)
        const never = () => console.log("removed before it ran")
        ws.addEventListener("close", never)
        ws.removeEventListener("close", never)
        ws.addEventListener("close", (reason) => console.log("closed", reason))
        """) as served:
            await served.until_logged("closed bye")
            assert served.lines() == [
                "A first", "B first", "C first",
                "B second", "C second",
                "C third",
                "closed bye",
            ]
            assert served.stderr.getvalue() == ""


async def test_a_listener_removed_during_a_dispatch_does_not_run_in_it_and_one_added_does_not_either():
    async def handler(connection):
        await connection.send("one")
        await connection.send("two")
        await connection.recv()

    async with python_server(handler) as port:
        async with running(f"""
        const ws = new WebSocket("ws://127.0.0.1:{port}/")
        const late = (m) => console.log("late", m)
        const second = (m) => console.log("second", m)
        ws.addEventListener("message", (m) => {{
          console.log("first", m)
          if (m === "one") {{ ws.removeEventListener("message", second); ws.addEventListener("message", late) }}
          else ws.close()
        }})
        ws.addEventListener("message", second)
        ws.addEventListener("close", () => console.log("closed"))
        """) as served:
            await served.until_logged("closed")
            assert served.lines() == ["first one", "first two", "late two", "closed"]


async def test_the_same_function_added_twice_runs_once_and_a_throwing_listener_does_not_stop_the_rest():
    async def handler(connection):
        await connection.send("hi")
        await connection.recv()

    async with python_server(handler) as port:
        async with running(f"""
        const ws = new WebSocket("ws://127.0.0.1:{port}/")
        const twice = (m) => console.log("twice", m)
        ws.addEventListener("message", twice)
        ws.addEventListener("message", twice)
        ws.onmessage = () => {{ throw new Error("from onmessage") }}
        ws.addEventListener("message", () => {{ throw new Error("from a listener") }})
        ws.addEventListener("message", () => {{ console.log("still called"); ws.close() }})
        ws.addEventListener("close", () => console.log("closed"))
        """) as served:
            await served.until_logged("closed")
            assert served.lines() == ["twice hi", "still called", "closed"]
            report = served.stderr.getvalue()
            assert "Uncaught Error: from onmessage" in report
            assert "Uncaught Error: from a listener" in report


async def test_a_failed_connection_reaches_error_and_close_listeners_with_the_property():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with running(f"""
    const ws = new WebSocket("ws://127.0.0.1:{port}/")
    ws.onerror = (e) => console.log("onerror", e.message)
    ws.addEventListener("error", (e) => console.log("error listener", e instanceof Error, e.message))
    ws.onclose = (reason, code) => console.log("onclose", reason, code)
    ws.addEventListener("close", (reason, code) => console.log("close listener", reason, code))
    ws.addEventListener("open", () => console.log("never opened"))
    """) as served:
        await served.until_logged("close listener undefined 1006")
        message = f"connection refused: ws://127.0.0.1:{port}/"
        assert served.lines() == [f"onerror {message}", f"error listener true {message}",
                                  "onclose undefined 1006", "close listener undefined 1006"]


async def test_the_script_closing_its_own_server_connection_reaches_both():
    async with running("""
    const server = new HttpServer()
    server.registerWebsocket("/bye", { onConnected: (session) => session.close() })
    const failure = server.start({ port: 0 })
    if (failure !== null) throw new Error(failure)
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bye`)
    ws.onclose = (reason, code) => console.log("onclose", JSON.stringify(reason), code)
    ws.addEventListener("close", (reason, code) => console.log("listener", JSON.stringify(reason), code))
    """) as served:
        await served.until_logged('listener "" 1000')
        assert served.lines()[-2:] == ['onclose "" 1000', 'listener "" 1000']


@pytest.mark.parametrize("call, message", [
    ('ws.addEventListener("mesage", () => {})',
     'TypeError: WebSocket.addEventListener: event must be "open", "error", "message" or "close", got "mesage"'),
    ('ws.addEventListener(undefined, () => {})',
     'TypeError: WebSocket.addEventListener: event must be "open", "error", "message" or "close", got undefined'),
    ('ws.addEventListener("open", null)',
     "TypeError: WebSocket.addEventListener: listener must be a function, got null"),
    ('ws.removeEventListener("close", "handler")',
     "TypeError: WebSocket.removeEventListener: listener must be a function, got string"),
    ('ws.removeEventListener("Close", () => {})',
     'TypeError: WebSocket.removeEventListener: event must be "open", "error", "message" or "close", got "Close"'),
])
async def test_bad_arguments_are_type_errors_that_say_what_is_wrong(call, message):
    async with running(f"""
    const ws = new WebSocket("ws://127.0.0.1:1/")
    try {{ {call}; console.log("accepted") }} catch (e) {{ console.log(`${{e.name}}: ${{e.message}}`) }}
    ws.close()
    """) as served:
        assert served.lines() == [message]
