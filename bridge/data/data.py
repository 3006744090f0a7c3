"""The Python half of `Data`: what data.js hands over because Python does it better.

Bytes come in as memoryviews into JS memory (used during the call, never kept); results go
back as plain values through the outbox (bytes become a new Uint8Array, None undefined, which
data.js turns into the script's null). Compression failures raise with what is wrong.
"""

from __future__ import annotations

from pathlib import Path

from ..runtime.outbox import js_callable
from . import compression, encodings


class DataHost:
    def __init__(self, runtime) -> None:
        self._runtime = runtime

    @js_callable
    def encoding_names(self) -> list[str]:
        """The encoding names scripts may use, in the order data.js numbers them."""
        return list(encodings.NAMES)

    @js_callable
    def encode(self, index: int, text: str) -> bytes | None:
        """None when the text has a character the encoding cannot represent."""
        return encodings.encode(index, text)

    @js_callable
    def decode(self, index: int, data: memoryview, lenient: bool) -> str | None:
        """None when the bytes are not valid in the encoding (and not lenient)."""
        return encodings.decode(index, data, lenient)

    @js_callable
    def compress(self, algorithm: int, data: memoryview) -> bytes:
        return compression.compress(algorithm, data)

    @js_callable
    def decompress(self, algorithm: int, data: memoryview) -> bytes:
        return compression.decompress(algorithm, data)

    @js_callable
    def read_file(self, path: str, caller: str) -> bytes | None:
        """The file's bytes, or None when it cannot be read (missing, a directory, no permission).
        A relative path starts at the folder of the calling script (`caller`, its file name)."""
        target = Path(path).expanduser()
        if not target.is_absolute():
            target = self._runtime.folder_of(caller) / target
        try:
            return target.read_bytes()
        except OSError:
            return None
