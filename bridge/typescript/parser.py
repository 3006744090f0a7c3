"""The tree-sitter TypeScript parsers (plain and TSX), each built once on first use."""

from __future__ import annotations

import threading

from tree_sitter import Language, Parser, Tree

_parsers: dict[bool, Parser] = {}
# A tree-sitter Parser is stateful: callers on several threads must take turns.
_lock = threading.Lock()


def parse(data: bytes, *, jsx: bool = False) -> Tree:
    """Parse with the plain `typescript` grammar (where `<T>(x) => x` means generics), or with
    the `tsx` one for .tsx and .jsx files."""
    with _lock:
        parser = _parsers.get(jsx)
        if parser is None:
            import tree_sitter_typescript  # deferred: loading the grammar costs startup time

            grammar = tree_sitter_typescript.language_tsx() if jsx else tree_sitter_typescript.language_typescript()
            parser = _parsers[jsx] = Parser(Language(grammar))
        return parser.parse(data)
