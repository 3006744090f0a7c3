"""Turning JS errors into what a user reads: `FILE:LINE:COL: message` and the script's stack.

Frames from the runtime's own JS halves are left out, and the position printed first is the
innermost frame in the user's code, so an error raised by a runtime API points at the call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TextIO

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
        if match and not match["file"].startswith(INTERNAL_PREFIX):
            frames.append(Frame(match["name"], match["file"], int(match["line"]), int(match["col"]),
                                bool(match["async"])))
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

    def report_error(self, kind: str, headline: str, stack: str, file: str, line: int,
                     column: int) -> None:
        self.count += 1
        text = format_error(self._KINDS.get(kind, "") + headline, stack, file, line, column)
        self._stderr.write(text + "\n")
        self._stderr.flush()

    def report_slow(self, name: str, milliseconds: float) -> None:
        self._stderr.write(f"scripting-bridge: {name} ran for {int(milliseconds)} ms; every other "
                           f"connection and timer waited for it\n")
        self._stderr.flush()
