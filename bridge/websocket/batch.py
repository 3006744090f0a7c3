"""The messages of one read, handed to session.js in one call.

Their payloads lie one after another in a buffer shared with JS once; their lengths in a second
one (a text's byte length, or -1 - length for binary). A message too large for the buffer goes
alone through the inbox, after those before it. The common frame (whole, final, masked, small
text or binary, no extension) is taken straight off the read by _common_frames.c; the websockets
protocol parses everything else and its messages join the batch in order.

One batch serves every connection: a connection flushes it before it returns to the loop, and
nothing JS calls can make another connection read meanwhile."""

from __future__ import annotations

from typing import Callable

from websockets.frames import Opcode

from ._common_frames import scan

PAYLOAD_ROOM = 64 * 1024  # bytes of payload a batch holds
SLOTS = 1024  # messages a batch holds

TEXT = Opcode.TEXT


class MessageBatch:
    def __init__(self, share: Callable, deliver: Callable[[int, int], None],
                 alone: Callable[[int, Opcode, bytes | bytearray], None]) -> None:
        """`share(payloads, lengths)` gives JS the two buffers; `deliver(session_id, count)` has
        JS take the batch's messages; `alone(session_id, opcode, payload)` a single large one."""
        payloads, lengths = bytearray(PAYLOAD_ROOM), bytearray(4 * SLOTS)
        # Held as memoryviews so the bytearrays can never be resized under JS's feet.
        self._payloads, self._lengths = memoryview(payloads), memoryview(lengths).cast("i")
        self._deliver = deliver
        self._alone = alone
        self._used = 0
        self._count = 0
        share(payloads, lengths)

    def take_common(self, session_id: int, data: bytes, frames: int, max_size: int) -> tuple[int, int]:
        """Take the common frames at the start of `data`, at most `frames` of them, none over
        `max_size`; return where the first frame left to the protocol starts, and how many
        were taken."""
        position = taken = 0
        while taken < frames and position < len(data):
            before = self._count
            position, self._used, self._count = scan(data, position, self._payloads, self._used, self._lengths,
                                                     before, frames - taken, max_size)
            taken += self._count - before
            if self._count == before:  # nothing taken: the batch is full, or the frame is not common
                if not before:
                    break  # the protocol's
                self.flush(session_id)
        return position, taken

    def add(self, session_id: int, opcode: Opcode, payload: bytes | bytearray) -> None:
        """A message the protocol assembled."""
        length = len(payload)
        if self._count == SLOTS or self._used + length > PAYLOAD_ROOM:
            self.flush(session_id)
            if length > PAYLOAD_ROOM:
                self._alone(session_id, opcode, payload)
                return
        self._payloads[self._used:self._used + length] = payload
        self._lengths[self._count] = length if opcode is TEXT else -1 - length
        self._used += length
        self._count += 1

    def clear(self) -> None:
        """Forget what it holds: after a read that failed midway, so that its messages never
        reach the next connection's session."""
        self._used = self._count = 0

    def flush(self, session_id: int) -> None:
        """Hand the messages held to JS (for session_id: each batch holds one connection's)."""
        count = self._count
        if not count:
            return
        try:
            self._deliver(session_id, count)
        finally:
            self._used = self._count = 0
