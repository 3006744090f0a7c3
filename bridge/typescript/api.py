"""erase(), transform(), strip() and check(): parse once, collect syntax errors and edits, apply
or report; then, for a file with JSX, turn its elements into calls (jsx_calls.py).

Two stages, so that what each keeps is plain: erasure keeps every character where it was
(the output is as long as the input, each line break at its offset), JSX included; the JSX
stage keeps every line break but not every column.

The file name's extension decides the language: .ts (and .mts, .cts) and .tsx are TypeScript,
.tsx and .jsx may hold JSX, and JavaScript (.js, .mjs, .cjs, .jsx) is left as it is except for
its module syntax and JSX. Syntax errors in JavaScript are left to the engine to report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from tree_sitter import Node

from . import classes, enums, erasure, modules
from .errors import TypeScriptSyntaxError
from .module_syntax import ModuleSyntax
from .parser import parse
from .source import Source
from .syntax import syntax_errors
from .walk import Eraser

JAVASCRIPT_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx")
_JSX_SUFFIXES = (".tsx", ".jsx")


def _call(eraser: Eraser, node: Node) -> Sequence[Node] | None:
    dynamic_import = modules.dynamic_import(eraser, node)
    return dynamic_import if dynamic_import is not None else erasure.call(eraser, node)


_TYPESCRIPT = {**erasure.HANDLERS, **classes.HANDLERS, **enums.HANDLERS, **modules.HANDLERS,
               "call_expression": _call}
_JAVASCRIPT = {**modules.JAVASCRIPT_HANDLERS, "call_expression": modules.dynamic_import,
               "ERROR": erasure.HANDLERS["ERROR"]}
_HANDLERS = {
    (True, False): _TYPESCRIPT,
    (True, True): {**_TYPESCRIPT, **erasure.JSX_HANDLERS},
    (False, False): _JAVASCRIPT,
    (False, True): {**_JAVASCRIPT, **erasure.JSX_HANDLERS},
}


@dataclass(frozen=True)
class Transformed:
    """Code (every line where it was in the source) and what the file imports and exports."""

    code: str
    module: ModuleSyntax


def erase(source: str, filename: str, *, typescript: bool | None = None) -> Transformed:
    """The first stage: types erased and module syntax blanked (and recorded), JSX left as it
    is; the code is exactly as long as `source`, with every line break at the same offset.
    Raises TypeScriptSyntaxError for the first problem in the source. `typescript` overrides
    what the extension says (a file name with none is TypeScript)."""
    eraser, problems = _analyse(source, filename, typescript)
    if problems:
        raise problems[0]
    return Transformed(eraser.edits.apply(), eraser.module)


def transform(source: str, filename: str, *, typescript: bool | None = None) -> Transformed:
    """The JavaScript that runs: erase(), then JSX turned into calls (line numbers kept)."""
    erased = erase(source, filename, typescript=typescript)
    if not erased.module.uses_jsx:
        return erased
    from . import jsx_calls  # imported for the files that have JSX

    return Transformed(jsx_calls.rewrite(erased.code, filename), erased.module)


def strip(source: str, filename: str) -> str:
    """The JavaScript for `source`, with every line where it was (and every column, but for
    lines holding JSX tags). Raises TypeScriptSyntaxError for the first problem in the source.
    """
    return transform(source, filename).code


def check(source: str, filename: str, *, typescript: bool | None = None) -> list[TypeScriptSyntaxError]:
    """Every problem strip() would refuse `source` for, in source order."""
    return _analyse(source, filename, typescript)[1]


def _analyse(text: str, filename: str, typescript: bool | None) -> tuple[Eraser, list[TypeScriptSyntaxError]]:
    suffix = PurePath(filename).suffix.lower()
    if typescript is None:
        typescript = suffix not in JAVASCRIPT_SUFFIXES
    has_jsx = suffix in _JSX_SUFFIXES
    source = Source(text, filename)
    root = parse(source.data, jsx=has_jsx).root_node
    problems = syntax_errors(root, source) if typescript else []
    eraser = Eraser(source, _HANDLERS[typescript, has_jsx])
    eraser.run(root)
    problems.extend(eraser.problems)
    problems.sort(key=lambda problem: (problem.line, problem.column))
    return eraser, problems
