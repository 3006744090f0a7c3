"""Writes a handler makes are held until the messages of a read are handled, then leave in one
host call (session.js: holdText, session.py: write_batch): they must leave exactly as written,
in order, whatever their size and number, and before a close."""

from __future__ import annotations

from websockets.asyncio.client import connect
from websockets.frames import Frame, Opcode

from helpers import serving
from raw_client import RawClient

SCRIPT = """
const room = new Set()
server.registerWebsocket("/room", {
  onConnected: (session) => { room.add(session) },
  onDisconnected: (session) => { room.delete(session) },
  handleText: (session, text) => {
    if (text === "mixed") {
      session.writeText("a")
      session.writeData(Data.fromUint8Array(new Uint8Array([1, 2, 3])))
      session.writeData(Data.fromUint8Array(new Uint8Array(100000).fill(7)))  // larger than the held buffer
      session.writeText("b".repeat(70000))                    // so is its UTF-8
      session.writeText("\\u4e16")
      session.writeText("\\u4e16")                            // the same text again
      session.close()
    } else if (text === "many") {
      for (let i = 0; i < 5000; i++) session.writeText(String(i))
    } else if (text === "later") {
      setTimeout(() => { for (const member of room) member.writeText("from a timer") }, 10)
    } else {
      for (const member of room) member.writeText(text)
    }
  },
})
"""


async def test_writes_of_every_kind_and_size_leave_in_order_before_the_close():
    async with serving(SCRIPT) as served:
        async with connect(served.url("/room"), max_size=None) as client:
            await client.send("mixed")
            got = [await client.recv() for _ in range(6)]
            assert got == ["a", b"\x01\x02\x03", b"\x07" * 100000, "b" * 70000, "\u4e16", "\u4e16"]
            await client.wait_closed()
            assert client.close_code == 1000


async def test_more_writes_than_are_held_at_once_all_arrive_in_order():
    async with serving(SCRIPT) as served:
        async with connect(served.url("/room")) as client:
            await client.send("many")
            assert [await client.recv() for _ in range(5000)] == [str(i) for i in range(5000)]


async def test_a_broadcast_reaches_every_session_and_writes_outside_handlers_still_leave():
    async with serving(SCRIPT) as served:
        async with connect(served.url("/room")) as one, connect(served.url("/room")) as two, \
                connect(served.url("/room")) as three:
            await one.send("hello, room")
            for client in (one, two, three):
                assert await client.recv() == "hello, room"
            await two.send("later")
            for client in (one, two, three):
                assert await client.recv() == "from a timer"


async def test_what_a_session_answers_in_a_read_leaves_after_what_the_read_asked_first():
    # A ping, then a text, in one read: the pong is owed first (RFC 6455 5.5.3), so it leaves
    # before the broadcast the text makes, on the session that sent both and on no other.
    async with serving(SCRIPT) as served:
        sender, other = await RawClient.connect(served.url("/room")), await RawClient.connect(served.url("/room"))
        for _ in range(2):  # the second time, the sender has been open for a whole read before
            sender.writer.write(Frame(Opcode.PING, b"p").serialize(mask=True) +
                                Frame(Opcode.TEXT, b"hi").serialize(mask=True))
            got = [await sender.next_frame(), await sender.next_frame()]
            assert [(frame.opcode, frame.data) for frame in got] == [(Opcode.PONG, b"p"), (Opcode.TEXT, b"hi")]
            assert (await other.next_frame()).data == b"hi"
