"""The Python half of `Data`: what data.js hands over because Python does it better.

Bytes come in as memoryviews into JS memory (used during the call, never kept). Results go back
through the runtime's inbox (see runtime/inbox.py): each method puts its bytes or text there and
returns their length, and data.js copies them out. Nothing but ints crosses back, because
Python `bytes` and `str` passed into JS leak or slow the collector (engine-notes.md).

A negative result is a failure data.js turns into the script's error or null: -1 alone means
"no result" (unencodable text, invalid bytes, a missing file); for compression, -(n + 1) means
the inbox holds an n-byte UTF-8 message saying what is wrong.
"""

from __future__ import annotations

from pathlib import Path

from ..runtime.outbox import js_callable
from . import compression, encodings


class DataHost:
    def __init__(self, runtime) -> None:
        self._runtime = runtime
        self._inbox = runtime.inbox

    @js_callable
    def encoding_names(self) -> int:
        """The encoding names scripts may use, one per line, in the order data.js numbers them."""
        return self._inbox.put_text("\n".join(encodings.NAMES))

    @js_callable
    def encode(self, index: int, text: str) -> int:
        payload = encodings.encode(index, text)
        return -1 if payload is None else self._inbox.put(payload)

    @js_callable
    def decode(self, index: int, data: memoryview, lenient: bool) -> int:
        text = encodings.decode(index, data, lenient)
        return -1 if text is None else self._inbox.put_text(text)

    @js_callable
    def compress(self, algorithm: int, data: memoryview) -> int:
        return self._run(compression.compress, algorithm, data)

    @js_callable
    def decompress(self, algorithm: int, data: memoryview) -> int:
        return self._run(compression.decompress, algorithm, data)

    @js_callable
    def read_file(self, path: str) -> int:
        """The file's bytes, or -1 when it cannot be read (missing, a directory, no permission).
        A relative path starts at the folder of the script being run."""
        target = Path(path).expanduser()
        if not target.is_absolute():
            target = self._runtime.script_dir / target
        try:
            payload = target.read_bytes()
        except OSError:
            return -1
        return self._inbox.put(payload)

    def _run(self, operation, algorithm: int, data: memoryview) -> int:
        try:
            payload = operation(algorithm, data)
        except compression.CompressionError as error:
            return -self._inbox.put_text(str(error)) - 1
        return self._inbox.put(payload)
