"""Handing numbers, text and bytes from JS to Python without pythonmonkey's per-argument leak.

pythonmonkey 1.4.1 leaks every JS number (~24 B) and string (~90 B) passed to a Python
function, and a call with arguments costs ~1.4 us where one with none costs ~0.3 us
(measured; see issue #8). So, the mirror of the inbox: memory shared with JS once. JS writes a
call's numbers into `numbers` (a Float64Array) and its text and bytes into the payload buffer
(outbox.js), then calls a host function that takes no arguments; that function reads them
here before doing anything that could run JS again (which may overwrite them).
"""

from __future__ import annotations

import json

SLOTS = 16  # numbers a call can carry
_INITIAL_SIZE = 64 * 1024


class Outbox:
    def __init__(self, internals) -> None:
        self._internals = internals
        numbers = bytearray(8 * SLOTS)
        self.numbers = memoryview(numbers).cast("d")  # numbers[i]: a float, as JS has them
        self._payload = memoryview(bytearray(0))
        internals.shareOutbox(numbers, self._grow)
        self._share(_INITIAL_SIZE)

    def int(self, slot: int) -> int:
        return int(self.numbers[slot])

    def bytes(self, offset: int, length: int) -> bytes:
        """A copy of `length` payload bytes from `offset` (payloads lie one after another)."""
        return self._payload[offset:offset + length].tobytes()

    def text(self, offset: int, length: int) -> str:
        return str(self._payload[offset:offset + length], "utf-8")

    def json(self, offset: int, length: int):
        return json.loads(self._payload[offset:offset + length])

    def _grow(self) -> None:
        # outbox.js asks for room for numbers[SLOTS - 1] bytes, keeping what it already wrote.
        self._share(max(int(self.numbers[SLOTS - 1]), 2 * len(self._payload)))

    def _share(self, size: int) -> None:
        buffer = bytearray(size)
        # Held as a memoryview so the bytearray can never be resized under JS's feet. Each
        # replacement leaks the old buffer in pythonmonkey (engine-notes.md), hence doubling.
        self._payload = memoryview(buffer)
        self._internals.shareOutboxPayload(buffer)
