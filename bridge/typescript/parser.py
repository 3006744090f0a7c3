"""The tree-sitter TypeScript grammars (plain and TSX) and their parsers, each built once on first use."""

from __future__ import annotations

import threading

from tree_sitter import Language, Parser, Tree

_languages: dict[bool, Language] = {}
_parsers: dict[bool, Parser] = {}
# A tree-sitter Parser is stateful: callers on several threads must take turns.
_lock = threading.Lock()


def language(*, jsx: bool = False) -> Language:
    """The plain `typescript` grammar (where `<T>(x) => x` means generics), or the `tsx` one
    for .tsx and .jsx files."""
    grammar = _languages.get(jsx)
    if grammar is None:
        import tree_sitter_typescript  # deferred: loading the grammar costs startup time

        built = tree_sitter_typescript.language_tsx() if jsx else tree_sitter_typescript.language_typescript()
        grammar = _languages.setdefault(jsx, Language(built))
    return grammar


def parse(data: bytes, *, jsx: bool = False) -> Tree:
    with _lock:
        parser = _parsers.get(jsx)
        if parser is None:
            parser = _parsers[jsx] = Parser(language(jsx=jsx))
        return parser.parse(data)
