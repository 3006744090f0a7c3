"""Python half of `console`: writes whole lines and flushes each, so a supervisor sees them."""

from __future__ import annotations

from typing import TextIO

import pythonmonkey as pm


class ConsoleHost:
    def __init__(self, stdout: TextIO, stderr: TextIO) -> None:
        self._streams = {1: stdout, 2: stderr}
        self.util = pm.require("util")

    def write(self, stream: float, text: str) -> None:
        out = self._streams[int(stream)]
        out.write(f"{text}\n")
        out.flush()
