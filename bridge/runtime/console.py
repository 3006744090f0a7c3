"""Python half of `console`: writes whole lines and flushes each, so a supervisor sees them."""

from __future__ import annotations

from typing import TextIO

from . import engine_globals
from .outbox import js_callable

CLEAR_SCREEN = "\x1b[H\x1b[J"


class ConsoleHost:
    def __init__(self, stdout: TextIO, stderr: TextIO) -> None:
        self._streams = {1: stdout, 2: stderr}

    @js_callable
    def util(self):
        """pythonmonkey's port of Node's util module (a JS object, so it crosses back unwrapped)."""
        return engine_globals.util()

    @js_callable
    def write(self, stream: int, text: str) -> None:
        out = self._streams[stream]
        out.write(f"{text}\n")
        out.flush()

    @js_callable
    def clear(self) -> None:
        """Clears the screen as Node does (cursor home, erase below) when stdout is a terminal;
        into a file or a pipe the escape codes would only be noise, so nothing is written."""
        out = self._streams[1]
        try:
            terminal = out.isatty()
        except (AttributeError, ValueError):  # no isatty, or a closed stream
            terminal = False
        if terminal:
            out.write(CLEAR_SCREEN)
            out.flush()
