"""Turning JS errors into what a user reads: `FILE:LINE:COL: message` and the script's stack.

Frames from the runtime's own JS halves are left out, and the position printed first is the
innermost frame in the user's code, so an error raised by a runtime API points at the call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, TextIO

from .engine import INTERNAL_PREFIX

# SpiderMonkey frames read `name@file:line:col`, async ones prefixed with `async*`.
_FRAME = re.compile(r"^(?P<async>async\*)?(?P<name>[^@]*)@(?P<file>.*):(?P<line>\d+):(?P<col>\d+)$")


@dataclass(frozen=True)
class Frame:
    function: str
    file: str
    line: int
    column: int
    is_async: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        prefix = "async " if self.is_async else ""
        return f"{prefix}{self.function} ({where})" if self.function else f"{prefix}{where}"


def user_frames(stack: str) -> list[Frame]:
    frames = []
    for text in stack.splitlines():
        match = _FRAME.match(text.strip())
        # Line 0 is the line the runtime puts before a script (engine.py): its frames are
        # a module waiting for its imports, which the frames after it show.
        if match and not match["file"].startswith(INTERNAL_PREFIX) and match["line"] != "0":
            name = "" if match["name"].startswith("$$") else match["name"]  # the runtime's wrapper
            frames.append(Frame(name, match["file"], int(match["line"]), int(match["col"]), bool(match["async"])))
    return frames


def format_error(headline: str, stack: str = "", file: str = "", line: int = 0, column: int = 0) -> str:
    """The report for one error: location, headline, then the user's frames."""
    frames = user_frames(stack)
    if frames:
        where = f"{frames[0].file}:{frames[0].line}:{frames[0].column}: "
    elif file and not file.startswith(INTERNAL_PREFIX):
        where = f"{file}:{line}:{column}: "
    else:
        where = ""
    return "\n".join([where + headline, *(f"    at {frame}" for frame in frames)])


class ScriptError(Exception):
    """A script failed to compile or threw at top level; `str()` is the report a user reads."""


class ErrorReporter:
    """Host of `internals.reportError`: callbacks' errors are printed and the process goes on."""

    _KINDS = {"uncaught": "Uncaught ", "unhandled rejection": "Unhandled rejection: "}

    def __init__(self, stderr: TextIO) -> None:
        self._stderr = stderr
        self.count = 0
        self.code_frames: Mapping[str, str] | None = None  # sources of with_code_frame(), if wanted

    def report_error(self, kind: str, headline: str, stack: str, file: str, line: int,
                     column: int) -> None:
        self.count += 1
        text = format_error(self._KINDS.get(kind, "") + headline, stack, file, line, column)
        if self.code_frames is not None:
            text = with_code_frame(text, self.code_frames)
        self._stderr.write(text + "\n")
        self._stderr.flush()

    def report_slow(self, name: str, milliseconds: float) -> None:
        self._stderr.write(f"scripting-bridge: {name} ran for {int(milliseconds)} ms; every other "
                           f"connection and timer waited for it\n")
        self._stderr.flush()


_LOCATION = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): ")


def with_code_frame(report: str, sources: Mapping[str, str] | None = None) -> str:
    """`report` with, under its first line, the source line that line's FILE:LINE:COL points at
    and a caret under the column (as Node, Deno and Bun print them). The file is read from
    disk, else looked up in `sources` (scripts that are no file: stdin, -e); unchanged if
    neither has it."""
    first, newline, rest = report.partition("\n")
    match = _LOCATION.match(first)
    if match is None:
        return report
    text = (sources or {}).get(match["file"])
    if text is None:
        try:
            text = Path(match["file"]).read_text(encoding="utf-8").removeprefix("\ufeff")
        except (OSError, UnicodeDecodeError, ValueError):
            return report
    lines = text.splitlines()
    number, column = int(match["line"]), int(match["column"])
    if not 1 <= number <= len(lines):
        return report
    source = lines[number - 1].rstrip()
    # The caret's indent copies the line's tabs, so it stays under the column.
    indent = "".join(c if c == "\t" else " " for c in source[:max(column - 1, 0)])
    gutter = str(number)
    frame = [f"  {gutter} | {source}", f"  {' ' * len(gutter)} | {indent}^"]
    return "\n".join([first, *frame]) + (newline + rest if rest else "")


def compile_error_report(error: Exception, filename: str) -> str:
    """The report for a pythonmonkey.SpiderMonkeyError raised while compiling a script."""
    details = error.jsError if error.jsError is not None else {}
    message = details.get("message")
    if message is None:
        return f"{filename}: {error}".rstrip()
    name = details.get("name") or "SyntaxError"
    line = int(details.get("lineNumber") or 0)
    column = int(details.get("columnNumber") or 0)
    return f"{details.get('fileName') or filename}:{line}:{column}: {name}: {message}"
