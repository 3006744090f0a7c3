"""Python half of encoding.js: decoding bytes that are not valid UTF-8, leniently."""

from __future__ import annotations

from ..runtime.outbox import js_callable


class EncodingHost:
    @js_callable
    def decode_replacing(self, data: memoryview) -> str:
        """The text, each invalid sequence replaced by U+FFFD as the Encoding standard says
        (one per maximal invalid subpart, which is what Python's "replace" handler does)."""
        return bytes(data).decode("utf-8", "replace")
