"""The source text, addressed by the UTF-8 byte offsets tree-sitter reports."""

from __future__ import annotations

import re

from tree_sitter import Node

from .errors import TypeScriptSyntaxError

# JavaScript's line terminators, as UTF-8 bytes.
_LINE_BREAK = re.compile(rb"[\n\r]|\xe2\x80[\xa8\xa9]")


class Source:
    def __init__(self, text: str, filename: str) -> None:
        self.text = text
        self.filename = filename
        # surrogatepass: a lone surrogate must not crash us; tree-sitter flags it.
        self.data = text.encode("utf-8", "surrogatepass")

    def slice(self, start: int, end: int) -> str:
        return self.data[start:end].decode("utf-8", "surrogatepass")

    def text_of(self, node: Node) -> str:
        return self.slice(node.start_byte, node.end_byte)

    def spans_lines(self, start: int, end: int) -> bool:
        return _LINE_BREAK.search(self.data, start, end) is not None

    def char_at(self, offset: int) -> bytes:
        return self.data[offset : offset + 1]

    def position(self, node: Node) -> tuple[int, int]:
        """1-based line and column (in characters) where `node` starts."""
        row, byte_column = node.start_point
        line_start = node.start_byte - byte_column
        return row + 1, len(self.slice(line_start, node.start_byte)) + 1

    def error(self, node: Node, message: str) -> TypeScriptSyntaxError:
        return TypeScriptSyntaxError(self.filename, *self.position(node), message)
