"""Syntax errors: tree-sitter recovers instead of failing, so find what it recovered from."""

from __future__ import annotations

from tree_sitter import Node

from .errors import TypeScriptSyntaxError
from .source import Source

_SHOWN_CHARS = 20


def syntax_errors(root: Node, source: Source) -> list[TypeScriptSyntaxError]:
    """Every ERROR and MISSING node, outermost only, in source order."""
    if not root.has_error:
        return []
    found = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_missing:
            found.append(source.error(node, f"syntax error: missing {_expected(node)}"))
        elif node.is_error:
            found.append(source.error(node, f"syntax error: {_unexpected(node, source)}"))
        else:
            stack.extend(child for child in reversed(node.children) if child.has_error)
    return found


def _expected(node: Node) -> str:
    # Named nodes are grammar rules (`identifier`); anonymous ones are literal tokens (`;`).
    return node.type if node.is_named else f"'{node.type}'"


def _unexpected(node: Node, source: Source) -> str:
    leaf = node
    while leaf.child_count:
        leaf = leaf.children[0]
    text = source.text_of(leaf).splitlines()[0] if leaf.end_byte > leaf.start_byte else ""
    if not text:
        return "unexpected end of input" if node.start_byte >= len(source.data) else "unexpected token"
    if len(text) > _SHOWN_CHARS:
        text = text[:_SHOWN_CHARS] + "..."
    return f"unexpected '{text}'"
