"""Helpers for tests: scripts served by a real Runtime, awaited conditions, paths."""

from __future__ import annotations

import asyncio
import io
import os
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

import bridge

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "js_examples"
SHARED = REPO.parent / "shared"


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
