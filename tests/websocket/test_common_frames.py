"""The common frame's fast path (bridge/websocket/_common_frames.c, batch.py): every frame a
read holds is either taken by it, valid, or reaches the websockets protocol untouched, so what
the protocol refuses is refused as before, and the messages of one read reach the script in
order. Each test writes its frames in one write, so the server reads them together."""

from __future__ import annotations

import asyncio

from websockets.frames import Close, Frame, Opcode

from helpers import serving
from raw_client import RawClient

ECHO = """
server.registerWebsocket("/echo", {
  handleText: (session, text) => {
    if (text === "stop") session.close()
    else session.writeText(text)
  },
  handleBinary: (session, data) => session.writeData(data),
})
"""


def frame(opcode: Opcode, payload: bytes, fin: bool = True, mask: bool = True, rsv1: bool = False) -> bytes:
    data = Frame(opcode, payload, fin).serialize(mask=mask)
    return bytes([data[0] | 0x40]) + data[1:] if rsv1 else data  # (serialize() refuses to set it)


def zero_masked(opcode: Opcode, payload: bytes) -> bytes:
    """A masked frame whose mask is zero: its payload is on the wire as it is."""
    assert len(payload) < 126
    return bytes([0x80 | opcode, 0x80 | len(payload)]) + bytes(4) + payload


async def closed_with(raw: RawClient) -> int:
    """The code of the close frame that must come next."""
    closing = await raw.next_frame()
    assert closing.opcode is Opcode.CLOSE, closing
    return Close.parse(closing.data).code


async def echoes(raw: RawClient, count: int) -> list[tuple[Opcode, bytes]]:
    return [((f := await raw.next_frame()).opcode, bytes(f.data)) for _ in range(count)]


async def test_text_and_binary_frames_of_one_read_are_echoed_exactly_and_in_order():
    messages = [(Opcode.TEXT, b"hello"), (Opcode.BINARY, bytes(range(256))), (Opcode.TEXT, b""),
                (Opcode.TEXT, "caf\u00e9 \u4e16\u754c \U0001f600".encode()), (Opcode.BINARY, b""),
                (Opcode.TEXT, b"x" * 125), (Opcode.TEXT, b"y" * 126), (Opcode.BINARY, b"\xff" * 65535),
                (Opcode.TEXT, b"z" * 7)]
    async with serving(ECHO) as served:
        raw = await RawClient.connect(served.url("/echo"))
        raw.writer.write(b"".join(frame(opcode, payload) for opcode, payload in messages))
        assert await echoes(raw, len(messages)) == messages


async def test_more_messages_than_one_batch_holds_keep_their_order():
    # ~200 KiB of 1 KiB texts, a 70,000-byte text (too large for the batch: alone) among them.
    messages = [f"{i:06d}".encode() + b"m" * 1018 for i in range(200)]
    messages.insert(100, b"L" * 70_000)
    async with serving(ECHO) as served:
        raw = await RawClient.connect(served.url("/echo"))
        raw.writer.write(b"".join(frame(Opcode.TEXT, message) for message in messages))
        assert [payload for _, payload in await echoes(raw, len(messages))] == messages


async def test_invalid_utf8_after_common_frames_is_closed_with_1007():
    async with serving(ECHO) as served:
        raw = await RawClient.connect(served.url("/echo"))
        raw.writer.write(frame(Opcode.TEXT, b"fine") + frame(Opcode.TEXT, b"caf\xc3")
                         + frame(Opcode.TEXT, b"never echoed"))
        assert await raw.next_frame() == Frame(Opcode.TEXT, b"fine")
        assert await closed_with(raw) == 1007
        # Surrogates and overlong forms are not UTF-8 either, as the protocol's decoder says.
        for invalid in (b"\xed\xa0\x80", b"\xc0\xaf", b"ok\xf4\x90\x80\x80"):
            raw = await RawClient.connect(served.url("/echo"))
            raw.writer.write(frame(Opcode.TEXT, b"fine") + frame(Opcode.TEXT, invalid))
            assert await raw.next_frame() == Frame(Opcode.TEXT, b"fine")
            assert await closed_with(raw) == 1007, invalid


async def test_a_frame_over_max_websocket_payload_size_is_closed_with_1009():
    async with serving(ECHO, start="{ port: 0, maxWebSocketPayloadSize: 1000 }") as served:
        raw = await RawClient.connect(served.url("/echo"))
        raw.writer.write(frame(Opcode.TEXT, b"a" * 1000) + frame(Opcode.BINARY, b"b" * 1001))
        assert await raw.next_frame() == Frame(Opcode.TEXT, b"a" * 1000)
        assert await closed_with(raw) == 1009


async def test_an_unmasked_frame_or_a_reserved_bit_after_common_frames_is_a_protocol_error():
    async with serving(ECHO) as served:
        for bad in (frame(Opcode.BINARY, b"unmasked", mask=False), frame(Opcode.BINARY, b"rsv1", rsv1=True)):
            raw = await RawClient.connect(served.url("/echo"))
            raw.writer.write(frame(Opcode.TEXT, b"fine") + bad + frame(Opcode.TEXT, b"never echoed"))
            assert await raw.next_frame() == Frame(Opcode.TEXT, b"fine")
            assert await closed_with(raw) == 1002


async def test_fragments_and_pings_between_common_frames_keep_the_order():
    async with serving(ECHO) as served:
        raw = await RawClient.connect(served.url("/echo"))
        raw.writer.write(frame(Opcode.TEXT, b"one") + frame(Opcode.TEXT, b"tw", fin=False)
                         + frame(Opcode.PING, b"ping") + frame(Opcode.CONT, b"o")
                         + frame(Opcode.BINARY, b"three") + frame(Opcode.TEXT, b"four"))
        got = await echoes(raw, 5)
        assert got.pop(got.index((Opcode.PONG, b"ping"))) == (Opcode.PONG, b"ping")
        assert got == [(Opcode.TEXT, b"one"), (Opcode.TEXT, b"two"), (Opcode.BINARY, b"three"),
                       (Opcode.TEXT, b"four")]
        # A text fragment then a new text frame (no continuation) is still refused.
        raw.writer.write(frame(Opcode.TEXT, b"half", fin=False) + frame(Opcode.TEXT, b"whole"))
        assert await closed_with(raw) == 1002


async def test_a_frame_cut_anywhere_between_two_reads_is_read_whole():
    whole = frame(Opcode.TEXT, b"first") + frame(Opcode.TEXT, b"s" * 300) + frame(Opcode.TEXT, b"last")
    start = len(frame(Opcode.TEXT, b"first"))
    async with serving(ECHO) as served:
        raw = await RawClient.connect(served.url("/echo"))
        # Cut inside the second frame's header, its extended length, its mask and its payload.
        for cut in (start + 1, start + 2, start + 3, start + 4, start + 6, start + 8, start + 100):
            raw.writer.write(whole[:cut])
            await raw.writer.drain()
            await asyncio.sleep(0.05)  # a read of its own
            raw.writer.write(whole[cut:])
            assert await echoes(raw, 3) == [(Opcode.TEXT, b"first"), (Opcode.TEXT, b"s" * 300),
                                            (Opcode.TEXT, b"last")], cut
        # A payload that looks like a frame, its first byte the first of a read.
        inner = zero_masked(Opcode.TEXT, b"inner")
        outer = zero_masked(Opcode.BINARY, inner)
        raw.writer.write(outer[:6])
        await raw.writer.drain()
        await asyncio.sleep(0.05)
        raw.writer.write(outer[6:])
        assert await raw.next_frame() == Frame(Opcode.BINARY, inner)


async def test_closing_the_session_drops_the_rest_of_the_read():
    async with serving(ECHO) as served:
        raw = await RawClient.connect(served.url("/echo"))
        raw.writer.write(frame(Opcode.TEXT, b"a") + frame(Opcode.TEXT, b"stop") + frame(Opcode.TEXT, b"b"))
        assert await raw.next_frame() == Frame(Opcode.TEXT, b"a")
        assert await closed_with(raw) == 1000
