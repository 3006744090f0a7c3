"""Bad handshakes and frames get the right answer, and never disturb other sessions."""

from __future__ import annotations

import asyncio

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus
from websockets.frames import Opcode

from helpers import serving
from raw_client import RawClient

ECHO = """
server.registerWebsocket("/echo", {
  handleText: (session, text) => session.writeText(text),
  onDisconnected: () => console.log("disconnected"),
})
"""


async def test_an_unregistered_path_gets_404():
    async with serving(ECHO) as served:
        with pytest.raises(InvalidStatus) as refused:
            await connect(served.url("/nowhere"))
        assert refused.value.response.status_code == 404
        assert b"/nowhere" in refused.value.response.body


async def test_a_malformed_handshake_gets_400_and_others_are_served():
    async with serving(ECHO) as served:
        async with connect(served.url("/echo")) as bystander:
            reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
            writer.write(b"THIS IS NOT HTTP\r\n\r\n")
            answer = await asyncio.wait_for(reader.read(), 5)
            assert answer.startswith(b"HTTP/1.1 400 Bad Request\r\n")
            writer.close()
            await bystander.send("still fine")
            assert await bystander.recv() == "still fine"


async def test_a_handshake_missing_websocket_headers_is_refused():
    async with serving(ECHO) as served:
        reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
        writer.write(b"GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n\r\n")
        answer = await asyncio.wait_for(reader.read(), 5)
        assert answer.startswith(b"HTTP/1.1 400 Bad Request\r\n")
        assert b"missing Connection header" in answer
        writer.close()


async def test_plain_http_to_a_websocket_path_is_told_to_upgrade():
    async with serving(ECHO) as served:
        reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
        writer.write(b"GET /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        answer = await asyncio.wait_for(reader.read(), 5)
        assert answer.startswith(b"HTTP/1.1 426 Upgrade Required\r\n")
        writer.close()


async def test_invalid_utf8_closes_with_1007_and_others_are_served():
    async with serving(ECHO) as served:
        async with connect(served.url("/echo")) as bystander:
            raw = await RawClient.connect(served.url("/echo"))
            raw.send_frame(Opcode.TEXT, b"caf\xc3")  # a truncated two-byte sequence
            assert await raw.close_code() == 1007
            await bystander.send("still fine")
            assert await bystander.recv() == "still fine"
        await served.until_logged("disconnected", count=2)


async def test_a_message_over_max_websocket_payload_size_closes_with_1009():
    async with serving(ECHO, start="{ port: 0, maxWebSocketPayloadSize: 1000 }") as served:
        raw = await RawClient.connect(served.url("/echo"))
        raw.send_frame(Opcode.TEXT, b"a" * 600, fin=False)
        raw.send_frame(Opcode.CONT, b"a" * 600)  # each frame fits; the message does not
        assert await raw.close_code() == 1009
        async with connect(served.url("/echo")) as client:
            await client.send("x" * 1000)
            assert await client.recv() == "x" * 1000


async def test_fragments_are_reassembled_around_an_interleaved_ping():
    async with serving(ECHO) as served:
        raw = await RawClient.connect(served.url("/echo"))
        raw.send_frame(Opcode.TEXT, "Hel".encode(), fin=False)
        raw.send_frame(Opcode.PING, b"in between")
        raw.send_frame(Opcode.CONT, "lo, 世".encode()[:-1], fin=False)  # split inside a character
        raw.send_frame(Opcode.CONT, "世".encode()[-1:])
        pong = await raw.next_frame()
        assert (pong.opcode, pong.data) == (Opcode.PONG, b"in between")
        echoed = await raw.next_frame()
        assert (echoed.opcode, echoed.data.decode()) == (Opcode.TEXT, "Hello, 世")


async def test_a_continuation_without_a_start_is_a_protocol_error():
    async with serving(ECHO) as served:
        raw = await RawClient.connect(served.url("/echo"))
        raw.send_frame(Opcode.CONT, b"orphan")
        assert await raw.close_code() == 1002


async def test_a_control_frame_over_125_bytes_is_a_protocol_error():
    async with serving(ECHO) as served:
        raw = await RawClient.connect(served.url("/echo"))
        raw.writer.write(bytes([0x89, 0x80 | 126, 0, 200, 1, 2, 3, 4]) + b"p" * 200)  # masked ping, 200 bytes
        assert await raw.close_code() == 1002


async def test_a_close_between_the_fragments_of_a_message_is_echoed_not_a_protocol_error():
    """RFC 6455 5.4: control frames may come between fragments; the message is abandoned."""
    async with serving(ECHO) as served:
        raw = await RawClient.connect(served.url("/echo"))
        raw.send_frame(Opcode.TEXT, b"half a mess", fin=False)
        raw.send_frame(Opcode.CLOSE, b"\x0f\xa0bye")  # 4000
        assert await raw.close_code() == 4000
        await served.until_logged("disconnected")
