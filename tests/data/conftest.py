"""Helpers for the Data tests: call JavaScript in a fresh bridge.Runtime and get plain Python back.

Each call opens its own Runtime (a few ms) inside asyncio.run, because pythonmonkey needs a
running loop and a Runtime must be closed before the next one opens. Results are converted
while the runtime is open: JS typed arrays arrive as memoryviews into JS memory, so they are
copied to bytes; arrays become lists, null/undefined become None, integral numbers become ints.
"""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pythonmonkey as pm
import pytest

import bridge


def plain(value):
    if value is None or value is pm.null:
        return None
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value


class JS:
    """`js(source, *args)`: evaluate `source`, a JS function expression that can use the
    runtime's globals (Data, CompressionAlgorithm), call it with args, return plain(result).
    bytes arguments are passed as bytearrays, which JS sees as Uint8Arrays."""

    def __init__(self, script_dir: Path | None = None) -> None:
        self.script_dir = script_dir
        self.stdout = io.StringIO()
        self.stderr = io.StringIO()

    def __call__(self, source: str, *args):
        return self._call(source, args, with_internals=False)

    def internals(self, source: str):
        """Call `source` with the runtime's `internals` object, which the other halves use."""
        return self._call(source, (), with_internals=True)

    def _call(self, source: str, args: tuple, with_internals: bool):
        async def call():
            async with bridge.Runtime(stdout=self.stdout, stderr=self.stderr) as runtime:
                if self.script_dir is not None:
                    runtime.script_dir = self.script_dir
                function = pm.eval(f"({source})")
                if with_internals:
                    return plain(function(runtime.engine.internals))
                return plain(function(*(bytearray(a) if isinstance(a, bytes) else a for a in args)))
        return asyncio.run(call())

    def error(self, source: str, *args) -> tuple[str, str]:
        """(constructor name, message) of what calling `source` throws; fails if nothing is thrown."""
        wrapped = (f"(...args) => {{ try {{ ({source})(...args); }} catch (e) {{ "
                   f"return [e.constructor.name, String(e.message)]; }} return null; }}")
        result = self(wrapped, *args)
        assert result is not None, f"{source} threw nothing"
        return tuple(result)

    async def script(self, code: str, filename: str = "script.js") -> str:
        """Run a whole script in a fresh Runtime (inside a running loop); return its stdout."""
        async with bridge.Runtime(stdout=self.stdout, stderr=self.stderr) as runtime:
            await runtime.run_source(code, filename)
            await runtime.idle()
        return self.stdout.getvalue()


@pytest.fixture
def js() -> JS:
    return JS()


@pytest.fixture
def js_in():
    """JS whose runtime's script_dir (where relative paths start) is the given folder."""
    return JS
