"""The tree-sitter TypeScript parser, built once on first use."""

from __future__ import annotations

import threading

from tree_sitter import Language, Parser, Tree

_parser: Parser | None = None
# A tree-sitter Parser is stateful: callers on several threads must take turns.
_lock = threading.Lock()


def parse(data: bytes) -> Tree:
    global _parser
    with _lock:
        if _parser is None:
            import tree_sitter_typescript  # deferred: loading the grammar costs startup time

            # The plain `typescript` grammar, not `tsx`: `<T>(x) => x` must mean generics.
            _parser = Parser(Language(tree_sitter_typescript.language_typescript()))
        return _parser.parse(data)
