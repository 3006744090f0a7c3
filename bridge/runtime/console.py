"""Python half of `console`: writes whole lines and flushes each, so a supervisor sees them."""

from __future__ import annotations

from typing import TextIO

import pythonmonkey as pm

from .outbox import js_callable


class ConsoleHost:
    def __init__(self, stdout: TextIO, stderr: TextIO) -> None:
        self._streams = {1: stdout, 2: stderr}

    @js_callable
    def util(self):
        """pythonmonkey's port of Node's util module (a JS object, so it crosses back unwrapped)."""
        return pm.require("util")

    @js_callable
    def write(self, stream: int, text: str) -> None:
        out = self._streams[stream]
        out.write(f"{text}\n")
        out.flush()
