"""What a script can rely on from its sessions (api.md, WebSocketSession and the `ours` lines)."""

from __future__ import annotations

import asyncio

from websockets.asyncio.client import connect
from websockets.frames import Opcode

from helpers import serving
from raw_client import RawClient

# Logs every callback with a per-connection number, and checks identity across callbacks.
TRACKER = """
const known = []
function number(session) { return known.indexOf(session) }
server.registerWebsocket("/t", {
  onConnected: (session) => { known.push(session); console.log("connected", number(session)) },
  handleText: (session, text) => {
    console.log("text", number(session), text)
    if (text === "close me") session.close()
    if (text === "stop server") server.stop()
    if (text === "write after close") { session.close(); session.writeText("x"); session.close() }
  },
  handleBinary: (session, data) => console.log("binary", number(session), data.size),
  onPong: (session) => console.log("pong", number(session)),
  onDisconnected: (session) => console.log("disconnected", number(session), known.includes(session)),
})
"""


async def test_the_same_connection_is_the_same_object_in_every_callback():
    async with serving(TRACKER) as served:
        async with connect(served.url("/t")) as first, connect(served.url("/t")) as second:
            await second.send("from second")
            await first.send("from first")
            await first.send(b"abc")
            await served.until_logged("binary 0 3")
        await served.until(lambda: sum(l.startswith("disconnected") for l in served.lines()) == 2)
        lines = served.lines()
        assert {"connected 0", "connected 1", "text 1 from second", "text 0 from first",
                "disconnected 0 true", "disconnected 1 true"} <= set(lines)


async def _disconnect_count_after(served, action) -> list[str]:
    await action()
    await served.until(lambda: any(l.startswith("disconnected") for l in served.lines()))
    await asyncio.sleep(0.3)  # time for a second, wrong, onDisconnected to show
    return [l for l in served.lines() if l.startswith("disconnected")]


async def test_on_disconnected_once_when_the_client_closes():
    async with serving(TRACKER) as served:
        client = await connect(served.url("/t"))
        assert await _disconnect_count_after(served, client.close) == ["disconnected 0 true"]


async def test_on_disconnected_once_when_the_script_closes():
    async with serving(TRACKER) as served:
        async with connect(served.url("/t")) as client:
            async def ask():
                await client.send("close me")
                await client.wait_closed()
            assert await _disconnect_count_after(served, ask) == ["disconnected 0 true"]
            assert client.close_code == 1000


async def test_on_disconnected_once_when_tcp_drops():
    async with serving(TRACKER) as served:
        raw = await RawClient.connect(served.url("/t"))

        async def drop():
            raw.abort()
        assert await _disconnect_count_after(served, drop) == ["disconnected 0 true"]


async def test_on_disconnected_once_on_a_protocol_error():
    async with serving(TRACKER) as served:
        raw = await RawClient.connect(served.url("/t"))

        async def unmasked():
            raw.send_frame(Opcode.TEXT, b"unmasked", mask=False)  # clients must mask: 1002
            assert await raw.close_code() == 1002
        assert await _disconnect_count_after(served, unmasked) == ["disconnected 0 true"]


async def test_on_disconnected_once_when_the_server_stops():
    async with serving(TRACKER) as served:
        first = await connect(served.url("/t"))
        second = await connect(served.url("/t"))
        await first.send("stop server")
        await first.wait_closed()
        await second.wait_closed()
        assert first.close_code == second.close_code == 1001
        await served.until(lambda: sum(l.startswith("disconnected") for l in served.lines()) == 2)
        await asyncio.sleep(0.3)
        assert sorted(l for l in served.lines() if l.startswith("disconnected")) == [
            "disconnected 0 true", "disconnected 1 true"]
        assert served.runtime.servers == []


async def test_writes_after_close_do_nothing_and_a_broadcast_reaches_the_others():
    script = """
    const all = []
    server.registerWebsocket("/b", {
      onConnected: (session) => all.push(session),
      handleText: (session, text) => {
        if (text === "leave") { session.close(); session.writeText("ignored"); session.close(); return }
        for (const s of all) s.writeText("all: " + text)  // still holds the closed session
        console.log("broadcast done")
      },
    })
    """
    async with serving(script) as served:
        async with connect(served.url("/b")) as leaver, connect(served.url("/b")) as stayer:
            await leaver.send("leave")
            await leaver.wait_closed()
            await stayer.send("hello")
            assert await stayer.recv() == "all: hello"
            await served.until_logged("broadcast done")
        assert served.stderr.getvalue() == ""


async def test_close_stops_receive_callbacks_for_messages_already_read():
    async with serving(TRACKER) as served:
        raw = await RawClient.connect(served.url("/t"))
        # Both frames arrive in one read; the second must not reach the script.
        raw.writer.write(b"".join(
            __import__("websockets").frames.Frame(Opcode.TEXT, text).serialize(mask=True)
            for text in (b"close me", b"too late")))
        assert await raw.close_code() == 1000
        raw.flush()
        await served.until_logged("disconnected 0 true")
        assert "text 0 too late" not in served.lines()


async def test_a_throwing_handler_is_reported_and_the_session_goes_on():
    script = """
    server.registerWebsocket("/e", {
      handleText: (session, text) => {
        if (text === "throw") {
          throw new RangeError("handler failed on purpose")
        }
        session.writeText("ok: " + text)
      },
    })
    """
    async with serving(script) as served:
        async with connect(served.url("/e")) as client:
            await client.send("throw")
            await client.send("after")
            assert await client.recv() == "ok: after"
        report = served.stderr.getvalue()
        assert "script0.js:5:17: Uncaught RangeError: handler failed on purpose" in report
        assert "    at handleText (script0.js:5:17)" in report


async def test_an_unsolicited_pong_reaches_on_pong():
    async with serving(TRACKER) as served:
        async with connect(served.url("/t")) as client:
            await client.pong(b"unasked")
            await served.until_logged("pong 0")


async def test_keepalive_pings_reach_on_pong_and_a_silent_peer_is_dropped():
    async with serving(TRACKER, start="{ port: 0, pingInterval: 0.1, pingTimeout: 0.3 }") as served:
        async with connect(served.url("/t"), ping_interval=None) as client:
            await served.until_logged("pong 0", count=2)  # the client answers pings itself
        silent = await RawClient.connect(served.url("/t"))  # reads nothing, answers nothing
        await served.until_logged("disconnected 1 true", timeout=5)
        silent.abort()


async def test_messages_keep_their_order_with_cjk_and_emoji():
    script = """
    server.registerWebsocket("/echo", { handleText: (session, text) => session.writeText(text) })
    """
    async with serving(script) as served:
        async with connect(served.url("/echo")) as client:
            sent = [f"消息 {i} 😀 é ✓ {'漢字' * (i % 7)}" for i in range(1000)]
            for text in sent:
                await client.send(text)
            received = [await client.recv() for _ in sent]
        assert received == sent


async def test_several_servers_run_at_once():
    script = """
    const other = new HttpServer()
    other.registerWebsocket("/which", { onConnected: (s) => s.writeText("other") })
    server.registerWebsocket("/which", { onConnected: (s) => s.writeText("first") })
    const failure = other.start({ port: 0 })
    if (failure !== null) throw new Error(failure)
    """
    async with serving(script) as served:
        ports = [server.port for server in served.runtime.servers]
        assert len(set(ports)) == 2
        greetings = set()
        for port in ports:
            async with connect(f"ws://127.0.0.1:{port}/which") as client:
                greetings.add(await client.recv())
        assert greetings == {"first", "other"}


async def test_sessions_cannot_be_constructed_and_writes_check_their_argument():
    script = """
    try { new WebSocketSession() } catch (e) { console.log(e.constructor.name, e.message) }
    server.registerWebsocket("/a", {
      onConnected: (session) => {
        for (const bad of [() => session.writeText(42), () => session.writeData("text")]) {
          try { bad() } catch (e) { console.log(e.constructor.name + ": " + e.message) }
        }
      },
    })
    """
    async with serving(script) as served:
        async with connect(served.url("/a")):
            await served.until_logged("TypeError: WebSocketSession.writeData: data must be a Data, got string")
        assert "TypeError: WebSocketSession.writeText: text must be a string, got number" in served.lines()
        assert served.lines()[0].startswith("TypeError WebSocketSession cannot be constructed by scripts")


async def test_a_handler_that_blocks_is_logged_and_the_others_are_served_after():
    script = """
    server.registerWebsocket("/w", {
      handleText: (session, text) => {
        if (text === "block") { const end = Date.now() + 700; while (Date.now() < end) {} }
        session.writeText("done " + text)
      },
    })
    """
    async with serving(script) as served:
        async with connect(served.url("/w")) as blocker, connect(served.url("/w")) as other:
            await blocker.send("block")
            await other.send("waiting")
            assert await other.recv() == "done waiting"
            assert await blocker.recv() == "done block"
        assert "scripting-bridge: handleText of the WebSocket route /w registered at script0.js:2:12 ran for 7" \
            in served.stderr.getvalue()
        assert "every other connection and timer waited for it" in served.stderr.getvalue()
