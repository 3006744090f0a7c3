"""What a hostile client finds at a WebSocket upgrade: raw handshakes on 127.0.0.1 against the
real engine (issue 13)."""

from __future__ import annotations

import asyncio
import base64
import os

from helpers import serving

ECHO = """
server.registerWebsocket("/echo", {
  onConnected: () => console.log("connected"),
  handleText: (session, text) => session.writeText(text),
  onDisconnected: () => console.log("disconnected"),
})
"""


def handshake(path: str, *extra: str) -> bytes:
    key = base64.b64encode(os.urandom(16)).decode()
    return (f"GET {path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{''.join(extra)}\r\n").encode()


async def exchange(port: int, data: bytes) -> bytes:
    """Everything the server sends until it closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    try:
        return await asyncio.wait_for(reader.read(), 10)
    finally:
        writer.close()


def close_code(frames: bytes) -> int:
    """The code of the close frame (unmasked, short) that `frames` starts with."""
    assert frames[0] == 0x88 and frames[1] < 126, frames[:20]
    return int.from_bytes(frames[2:4], "big")


async def test_a_handshake_followed_by_garbage_gets_101_then_a_1002_close():
    async with serving(ECHO) as served:
        answer = await exchange(served.port, handshake("/echo") + b"\xff\xff not a frame at all")
        head, _, frames = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 101 "), answer[:80]
        assert close_code(frames) == 1002
        await served.until_logged("disconnected")
        assert served.stderr.getvalue() == ""


async def test_a_handshake_to_a_path_without_handlers_with_extra_bytes_gets_404():
    async with serving(ECHO) as served:
        answer = await exchange(served.port, handshake("/nowhere") + b"extra bytes after the head")
        assert answer.startswith(b"HTTP/1.1 404 "), answer[:80]
        assert b"/nowhere" in answer
        assert served.stderr.getvalue() == ""


GUARDED = ECHO + """
let release = null
server.registerMiddleware(async (request) => {
  console.log("middleware " + request.path)
  if (request.headers["x-hold"] === "yes") await new Promise((resolve) => { release = resolve })
  if (request.headers["authorization"] !== "secret") {
    return HttpResponse.unauthorized(HttpResponseBody.text("who are you?"))
  }
  return null
})
server.registerHandler("/release", () => { release(); return HttpResponse.ok(HttpResponseBody.text("released")) })
"""
ALLOWED = "Authorization: secret\r\n"


async def test_middleware_answers_a_websocket_upgrade_and_the_426_before_them():
    async with serving(GUARDED) as served:
        answer = await exchange(served.port, handshake("/echo"))
        assert answer.startswith(b"HTTP/1.1 401 ") and answer.endswith(b"who are you?"), answer[:80]
        plain = b"GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        assert (await exchange(served.port, plain + b"\r\n")).startswith(b"HTTP/1.1 401 ")
        assert (await exchange(served.port, plain + ALLOWED.encode() + b"\r\n")).startswith(b"HTTP/1.1 426 ")
        assert served.lines() == ["middleware /echo"] * 3  # and no session was opened


async def test_an_upgrade_middleware_lets_through_waits_for_it_and_keeps_what_came_meanwhile():
    from websockets.frames import Frame, Opcode
    async with serving(GUARDED) as served:
        reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
        writer.write(handshake("/echo", ALLOWED, "X-Hold: yes\r\n"))
        await served.until_logged("middleware /echo")
        writer.write(Frame(Opcode.TEXT, b"sent while held").serialize(mask=True))  # before any 101
        await writer.drain()
        assert (await exchange(served.port, b"GET /release HTTP/1.1\r\nHost: x\r\n" + ALLOWED.encode()
                               + b"Connection: close\r\n\r\n")).endswith(b"released")
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
        assert head.startswith(b"HTTP/1.1 101 ")
        echo = await asyncio.wait_for(reader.readexactly(2 + len(b"sent while held")), 5)
        assert echo == b"\x81\x0fsent while held"
        await served.until_logged("connected")
        writer.close()
        await served.until_logged("disconnected")


async def test_an_upgrade_whose_client_left_while_middleware_ran_is_forgotten():
    async with serving(GUARDED) as served:
        reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
        writer.write(handshake("/echo", ALLOWED, "X-Hold: yes\r\n"))
        await served.until_logged("middleware /echo")
        writer.close()
        await asyncio.sleep(0.2)  # the server sees the client go
        assert (await exchange(served.port, b"GET /release HTTP/1.1\r\nHost: x\r\n" + ALLOWED.encode()
                               + b"Connection: close\r\n\r\n")).endswith(b"released")
        await asyncio.sleep(0.2)  # the middleware's promise settles and lets it through: to nobody
        assert "connected" not in served.lines()
        assert served.stderr.getvalue() == ""
