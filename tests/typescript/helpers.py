"""Helpers for the TypeScript tests: run JavaScript in the real engine, compare layouts, find tsc."""

from __future__ import annotations

import asyncio
import re
import shutil

import pythonmonkey as pm

from helpers import REPO


def run_js(code: str) -> list[str]:
    """Evaluate `code` as a classic script in SpiderMonkey; return what it print()ed.

    The code runs inside a function (opened on its first line, so lines keep their
    numbers) so that snippets can declare the same names without clashing; `print`
    is that function's parameter. Promises settle before this returns.
    """
    printed: list[str] = []

    async def evaluate() -> None:
        show = pm.eval(
            "(out => (...values) => out(values.map("
            "v => typeof v === 'string' ? v : v === undefined ? 'undefined' : JSON.stringify(v)).join(' ')))"
        )(printed.append)
        pm.eval("(function (print) {" + code + "\n})")(show)
        await pm.wait()

    asyncio.run(evaluate())
    return printed


def same_layout(typescript: str, javascript: str) -> bool:
    """Same length in characters and line breaks at the same offsets."""
    return len(typescript) == len(javascript) and _breaks(typescript) == _breaks(javascript)


def same_lines(typescript: str, javascript: str) -> bool:
    return _breaks(typescript, lines_only=True) == _breaks(javascript, lines_only=True)


def _breaks(text: str, lines_only: bool = False) -> list:
    matches = re.finditer(r"\r\n|[\n\r\u2028\u2029]", text)
    return [match.group() if lines_only else (match.start(), match.group()) for match in matches]


def find_tsc() -> str | None:
    local = REPO / "node_modules" / ".bin" / "tsc"
    return str(local) if local.exists() else shutil.which("tsc")
