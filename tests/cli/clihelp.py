"""Running the command line in a subprocess, as a user would."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from pathlib import Path

WORKTREE = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "bridge"]
# The checkout under test first, whichever checkout the package was installed from.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(WORKTREE), os.environ.get("PYTHONPATH")]))}


def script(folder: Path, name: str, code: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(code).lstrip("\n"), encoding="utf-8")
    return path


def run(*args, stdin: str | None = None, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], input=stdin, capture_output=True, text=True,
                          timeout=timeout, **{"env": ENV, **kwargs})


async def start(*args) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(*CLI, *map(str, args), stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE, env=ENV)


async def line(stream: asyncio.StreamReader, timeout: float = 30) -> str:
    text = await asyncio.wait_for(stream.readline(), timeout)
    assert text, "the process ended before writing the line"
    return text.decode().rstrip("\n")
