"""The tree walk: visits nodes in source order and lets a handler per node type record edits."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tree_sitter import Node

from . import hazards
from .edits import Edits
from .errors import TypeScriptSyntaxError
from .module_syntax import ModuleSyntax
from .source import Source

# A handler records edits or problems for its node and returns the children still
# to visit, or None for all named children.
Handler = Callable[["Eraser", Node], "Sequence[Node] | None"]


class Eraser:
    def __init__(self, source: Source, handlers: dict[str, Handler]) -> None:
        self.source = source
        self.edits = Edits(source)
        self.module = ModuleSyntax()
        self.problems: list[TypeScriptSyntaxError] = []
        self._handlers = handlers

    def run(self, root: Node) -> None:
        # A stack, not recursion: long operator chains nest deeper than Python's limit.
        stack = [root]
        handlers = self._handlers
        while stack:
            node = stack.pop()
            handler = handlers.get(node.type)
            children = None if handler is None else handler(self, node)
            if children is None:
                if node.named_child_count:
                    stack.extend(reversed(node.named_children))
            else:
                stack.extend(reversed(children))

    def erase(self, node: Node, *, semicolon: bool = False) -> None:
        self.edits.blank(node.start_byte, node.end_byte, first=";" if semicolon else "")

    def erase_statement(self, node: Node) -> None:
        self.erase(node, semicolon=hazards.erased_statement_needs_semicolon(node, self.source))

    def refuse(self, node: Node, what: str) -> None:
        self.problems.append(self.source.error(node, f"unsupported TypeScript syntax: {what}"))

    def fail(self, node: Node, message: str) -> None:
        self.problems.append(self.source.error(node, f"syntax error: {message}"))
