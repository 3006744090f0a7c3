"""Python half of session.js: session ids to connections, and the JS entry points per event."""

from __future__ import annotations

from websockets.frames import Opcode

from ..runtime.outbox import js_callable
from .batch import MessageBatch
from .connection import WebSocketConnection
from .messages import unmasked_frame

TEXT, BINARY = Opcode.TEXT, Opcode.BINARY  # an Enum member lookup costs ~70 ns a message
# write_batch: the kinds of entry session.js holds, and how much its buffers hold.
HELD_TEXT, HELD_BINARY, HELD_SAME_TEXT = 0, 1, 2
HELD_BYTES, HELD_WRITES = 64 * 1024, 4096


class SessionHost:
    def __init__(self, runtime) -> None:
        self._connections: dict[int, WebSocketConnection] = {}
        self._last_id = 0
        self.inbox = runtime.inbox
        self._text = b""        # the last text written, as UTF-8...
        self._text_frame = b""  # ...and as a frame: session.js says when it is written again
        runtime.engine.load("websocket/session.js", self)
        # Each event is one call with plain ints (the payloads wait in the batch or the inbox).
        events = runtime.engine.entry_points("websocket", "connected", "messages", "text", "binary", "pong",
                                             "disconnected", "shareBatch", "shareWrites")
        self.connected, self.pong, self.disconnected = events.connected, events.pong, events.disconnected
        self._text_event, self._binary_event = events.text, events.binary
        self.batch = MessageBatch(events.shareBatch, events.messages, self._deliver_alone)
        held_bytes, held_entries = bytearray(HELD_BYTES), bytearray(4 * 3 * HELD_WRITES)
        # Memoryviews: the bytearrays can never be resized under JS's feet.
        self._held_bytes, self._held_entries = memoryview(held_bytes), memoryview(held_entries).cast("i")
        events.shareWrites(held_bytes, held_entries)

    def add(self, connection: WebSocketConnection) -> int:
        self._last_id += 1
        self._connections[self._last_id] = connection
        return self._last_id

    def remove(self, session_id: int) -> None:
        del self._connections[session_id]

    def _deliver_alone(self, session_id: int, opcode: Opcode, payload: bytes | bytearray) -> None:
        """A message too large for the batch, through the inbox."""
        length = self.inbox.put(payload)
        (self._text_event if opcode is TEXT else self._binary_event)(session_id, length)

    # Called by session.js.

    @js_callable
    def write_text(self, session_id: int, text: bytes | None) -> None:
        """`text` is None when it is the text of the last call again (a broadcast)."""
        if text is not None:
            self._text = text
            self._text_frame = unmasked_frame(TEXT, text)
        connection = self._connections.get(session_id)
        if connection is not None:
            connection.send_data(TEXT, self._text, self._text_frame)

    @js_callable
    def write_batch(self, count: int) -> None:
        """The first `count` writes session.js held (session.js: holdText), in order."""
        entries = self._held_entries[:3 * count].tolist()
        payloads, offset, connections = self._held_bytes, 0, self._connections
        fields = iter(entries)
        for session_id, kind, length in zip(fields, fields, fields):
            connection = connections.get(session_id)
            if kind == HELD_SAME_TEXT:
                if connection is not None:
                    connection.send_data(TEXT, self._text, self._text_frame)
            elif kind == HELD_TEXT:
                self._text = payloads[offset:offset + length].tobytes()
                self._text_frame = unmasked_frame(TEXT, self._text)
                offset += length
                if connection is not None:
                    connection.send_data(TEXT, self._text, self._text_frame)
            else:  # HELD_BINARY
                if connection is not None:
                    connection.send_data(BINARY, payloads[offset:offset + length].tobytes())
                offset += length

    @js_callable
    def write_data(self, session_id: int, data: memoryview) -> None:
        connection = self._connections.get(session_id)
        if connection is not None:
            connection.send_data(BINARY, data)

    @js_callable
    def close(self, session_id: int) -> None:
        connection = self._connections.get(session_id)
        if connection is not None:
            connection.close(1000, "")
