"""strip() and check(): parse once, collect syntax errors and edits, apply or report."""

from __future__ import annotations

from . import classes, enums, erasure, modules
from .errors import TypeScriptSyntaxError
from .parser import parse
from .source import Source
from .syntax import syntax_errors
from .walk import Eraser

_HANDLERS = {**erasure.HANDLERS, **classes.HANDLERS, **enums.HANDLERS, **modules.HANDLERS}


def strip(source: str, filename: str) -> str:
    """The JavaScript for `source`, with every line and column where it was.

    Raises TypeScriptSyntaxError for the first problem in the source.
    """
    eraser, problems = _analyse(source, filename)
    if problems:
        raise problems[0]
    return eraser.edits.apply()


def check(source: str, filename: str) -> list[TypeScriptSyntaxError]:
    """Every problem strip() would refuse `source` for, in source order."""
    return _analyse(source, filename)[1]


def _analyse(text: str, filename: str) -> tuple[Eraser, list[TypeScriptSyntaxError]]:
    source = Source(text, filename)
    root = parse(source.data).root_node
    problems = syntax_errors(root, source)
    eraser = Eraser(source, _HANDLERS)
    eraser.run(root)
    problems.extend(eraser.problems)
    problems.sort(key=lambda problem: (problem.line, problem.column))
    return eraser, problems
