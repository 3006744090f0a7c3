"""Helpers for tests: paths, scripts served by a real Runtime, awaited conditions, JavaScript
called in the real engine (`JS`), the command line run in a subprocess."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
import textwrap
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import bridge  # first: it mends pythonmonkey's strings as pythonmonkey loads (docs/engine.md)
import pythonmonkey as pm
import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "js_examples"
TYPINGS = REPO / "typings"
# The project's reference folder beside a checkout (as in CI). A clone elsewhere has none: the
# few tests that compare with it are skipped there (shared_file).
SHARED = REPO.parent / "shared"


def shared_file(relative: str) -> Path:
    """A file of ../shared, or skip the test saying which file is missing."""
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"{path} is missing (the project's reference folder is not beside this "
                    "checkout); this test compares with it")
    return path


@dataclass
class Served:
    runtime: bridge.Runtime
    stdout: io.StringIO
    stderr: io.StringIO

    @property
    def port(self) -> int:
        return self.runtime.servers[0].port

    def url(self, path: str) -> str:
        return f"ws://127.0.0.1:{self.port}{path}"

    def lines(self) -> list[str]:
        return self.stdout.getvalue().splitlines()

    async def until(self, condition, timeout: float = 5.0) -> None:
        """Wait until condition() is true (e.g. a line was logged); fail with the output if not."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; stdout:\n{self.stdout.getvalue()}\n"
                                     f"stderr:\n{self.stderr.getvalue()}")
            await asyncio.sleep(0.01)

    async def until_logged(self, line: str, count: int = 1, timeout: float = 5.0) -> None:
        await self.until(lambda: self.lines().count(line) >= count, timeout)


@asynccontextmanager
async def serving(*scripts: str | Path, start: str = "{ port: 0 }"):
    """Run scripts (paths, or JS source) that use a free `server`, as the seed's samples do:
    a prelude makes `server = new HttpServer()` before them and starts it after."""
    stdout, stderr = io.StringIO(), io.StringIO()
    async with bridge.Runtime(stdout=stdout, stderr=stderr) as runtime:
        await runtime.run_source("globalThis.server = new HttpServer()", "prelude.js")
        for index, script in enumerate(scripts):
            if isinstance(script, Path):
                await runtime.run_file(script)
            else:
                await runtime.run_source(script, f"script{index}.js")
        await runtime.run_source(
            f"const failure = server.start({start}); if (failure !== null) throw new Error(failure)",
            "start.js")
        yield Served(runtime, stdout, stderr)


def unavailable(reason: str):
    """A tool a test needs is missing: skip the test, except in CI (CI=true), where the
    README's test command has installed every tool, so a missing one is a failure."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI=true: the test command should have installed it)")
    pytest.skip(reason)


# JavaScript in the real engine.

def plain(value):
    """A value JS returned, as plain Python: copied out of JS memory (typed arrays arrive as
    memoryviews into it), null and undefined as None, integral numbers as ints, arrays as lists,
    objects as dicts."""
    if value is None or value is pm.null:
        return None
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        # Rebuilt: pythonmonkey may hand over an ASCII text stored two bytes a character, which
        # CPython then finds unequal to the same text written in Python.
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    return value


class JS:
    """Calls JavaScript in a bridge.Runtime and gives back plain Python (plain() above).

    `js(source, *args)` evaluates `source`, a JS function expression that may use the runtime's
    globals, calls it with args (bytes as bytearrays, which JS sees as Uint8Arrays) and returns
    its result. `js.error(source, *args)` is (constructor name, message) of what it throws;
    `js.internals(source)` calls `source` with the runtime's `internals` object.

    `async with JS.open(...) as js` runs every call in one Runtime (for async tests); the `js`
    fixture's JS (no runtime given) opens a fresh Runtime for each call in its own event loop,
    for tests that are not async. A `harness`, the JS function `(internals, test) => (...args)
    => ...`, chooses what the tested function is called with (test_request_response.py gives it
    request makers)."""

    def __init__(self, runtime: bridge.Runtime | None = None, *, harness: str | None = None,
                 script_dir: Path | None = None) -> None:
        self.runtime = runtime
        self.harness = harness
        self.script_dir = script_dir
        self.stdout = runtime.stdout if runtime is not None else io.StringIO()
        self.stderr = runtime.stderr if runtime is not None else io.StringIO()

    @classmethod
    @asynccontextmanager
    async def open(cls, *, apis=None, harness: str | None = None):
        """A JS whose calls run in one Runtime made with these `apis` (default: all of them)."""
        async with bridge.Runtime(stdout=io.StringIO(), stderr=io.StringIO(), apis=apis) as runtime:
            yield cls(runtime, harness=harness)

    def __call__(self, source: str, *args):
        def call(runtime: bridge.Runtime):
            function = pm.eval(f"({source})")
            if self.harness is not None:
                function = pm.eval(f"({self.harness})")(runtime.engine.internals, function)
            return plain(function(*(bytearray(a) if isinstance(a, bytes) else a for a in args)))
        return self._in_runtime(call)

    def internals(self, source: str):
        return self._in_runtime(lambda runtime: plain(pm.eval(f"({source})")(runtime.engine.internals)))

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

    def _in_runtime(self, work):
        if self.runtime is not None:
            return work(self.runtime)

        async def in_a_fresh_runtime():
            async with bridge.Runtime(stdout=self.stdout, stderr=self.stderr) as runtime:
                if self.script_dir is not None:
                    runtime.script_dir = self.script_dir
                return work(runtime)  # converted while the runtime is open
        return asyncio.run(in_a_fresh_runtime())


# The command line, in a subprocess.

CLI = [sys.executable, "-m", "bridge"]


def write_script(folder: Path, name: str, code: str) -> Path:
    """Write `code` (dedented) to folder/name and return its path."""
    path = folder / name
    path.write_text(textwrap.dedent(code).lstrip("\n"), encoding="utf-8")
    return path


def run_cli(*args, timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m bridge ARGS...`, its output captured as text."""
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout)
