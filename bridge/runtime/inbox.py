"""Handing bytes from Python to JS without pythonmonkey's two hazards.

A `bytes` passed into JS leaks its whole size, and a Python `str` passed into JS slows every
later garbage collection (docs/engine.md). So one long-lived bytearray is shared with JS once
(it becomes a Uint8Array over the same memory); each payload is copied into it, and JS is
called with its length and copies the bytes out or decodes them (internals.inbox in inbox.js).
"""

from __future__ import annotations

_INITIAL_SIZE = 64 * 1024


class Inbox:
    def __init__(self, internals) -> None:
        self._internals = internals
        self._view = memoryview(bytearray(0))
        self._share(_INITIAL_SIZE)

    def put(self, *payloads) -> int:
        """Copy bytes-like payloads, one after the other, to the start of the shared buffer;
        return their total length."""
        size = 0
        for payload in payloads:
            size += len(payload)
        if size > len(self._view):
            # Geometric growth: each replacement leaks its old buffer once (see above).
            self._share(max(size, 2 * len(self._view)))
        offset = 0
        for payload in payloads:
            self._view[offset:offset + len(payload)] = payload
            offset += len(payload)
        return size

    def put_text(self, text: str) -> int:
        """Put a Python string as UTF-8, for JS to decode with internals.inbox.text()."""
        return self.put(text.encode("utf-8", "surrogatepass"))

    def _share(self, size: int) -> None:
        buffer = bytearray(size)
        # Held as a memoryview so the bytearray can never be resized under JS's feet.
        self._view = memoryview(buffer)
        self._internals.shareInbox(buffer)
