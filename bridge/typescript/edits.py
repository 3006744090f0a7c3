"""Text edits keyed by byte offsets, applied so that every line break survives."""

from __future__ import annotations

import re

from .source import Source

_NOT_LINE_BREAK = re.compile(r"[^\n\r\u2028\u2029]")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")


def blank(text: str) -> str:
    """One space per character, line breaks kept: positions after it do not move."""
    if text.isascii() and "\n" not in text and "\r" not in text:
        return " " * len(text)  # the common case, several times faster
    return _NOT_LINE_BREAK.sub(" ", text)


def fit(text: str, original: str) -> str:
    """Generated `text` standing in for `original`, with as many line breaks.

    The missing line breaks go at the end, and a shorter last line is padded, so
    the code that follows keeps its line (and, where possible, its column).
    """
    first_break = _LINE_BREAK.search(original)
    if first_break is not None and len(text) <= first_break.start() and not _LINE_BREAK.search(text):
        # Fits on the first line: every line keeps its length too.
        return text.ljust(first_break.start()) + blank(original[first_break.start():])
    breaks = _LINE_BREAK.findall(original)
    missing = len(breaks) - len(_LINE_BREAK.findall(text))
    if missing < 0:
        raise ValueError("generated text has more line breaks than the code it replaces")
    if missing:
        text += "".join(breaks[-missing:])
    last_line = len(text) - _last_break_end(text)
    wanted = len(original) - _last_break_end(original)
    return text + " " * (wanted - last_line)


def _last_break_end(text: str) -> int:
    end = 0
    for match in _LINE_BREAK.finditer(text):
        end = match.end()
    return end


class Edits:
    def __init__(self, source: Source) -> None:
        self._source = source
        self._edits: list[tuple[int, int, str]] = []

    def blank(self, start: int, end: int, *, first: str = "", last: str = "") -> None:
        """Blank [start, end), optionally turning its first or last character into `first`/`last`."""
        text = blank(self._source.slice(start, end))
        if first:
            text = first + text[1:]
        if last:
            text = text[:-1] + last
        self._edits.append((start, end, text))

    def replace(self, start: int, end: int, text: str) -> None:
        self._edits.append((start, end, fit(text, self._source.slice(start, end))))

    def insert(self, offset: int, text: str) -> None:
        self._edits.append((offset, offset, text))

    def apply(self) -> str:
        if not self._edits:
            return self._source.text
        data = self._source.data
        pieces = []
        position = 0
        # Insertions sort before a blank starting at the same offset.
        for start, end, text in sorted(self._edits, key=lambda edit: (edit[0], edit[1])):
            if start < position:
                if end <= position:
                    continue  # inside code already erased as a whole
                raise AssertionError(f"overlapping edits at byte {start}")
            pieces.append(data[position:start].decode("utf-8", "surrogatepass"))
            pieces.append(text)
            position = end
        pieces.append(data[position:].decode("utf-8", "surrogatepass"))
        return "".join(pieces)
