"""Script.run: another script beside this one, run as a child `scripting-bridge run` process
(one runtime per process is all pythonmonkey allows). Its console lines are passed on to ours;
what it gives Script.exit comes back through a file named by RESULT_ENVIRONMENT_VARIABLE, which
the child's Script.exit writes instead of printing."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

RESULT_ENVIRONMENT_VARIABLE = "SCRIPTING_BRIDGE_RESULT_FILE"
_SUFFIXES = (".ts", ".tsx", ".js", ".jsx")
_INDEXES = tuple("index" + suffix for suffix in (".tsx", ".ts", ".js", ".jsx"))
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # the child runs this same bridge


def find_sibling(folder: Path, name: str) -> Path | None:
    """The script called `name` in `folder`: a script folder (its index file, or the folder
    itself when it has none) or a file `name` + .ts/.tsx/.js/.jsx; None if there is none."""
    if not name or "/" in name or "\0" in name or name in (".", ".."):
        return None
    candidate = folder / name
    if candidate.is_dir():
        return next((candidate / index for index in _INDEXES if (candidate / index).is_file()), candidate)
    return next((folder / (name + suffix) for suffix in _SUFFIXES if (folder / (name + suffix)).is_file()), None)


class ScriptRuns:
    """The child scripts this runtime started and has not seen end, by name (for singleMode)."""

    def __init__(self, stdout: TextIO, stderr: TextIO) -> None:
        self._stdout = stdout
        self._stderr = stderr
        self._running: dict[str, set[asyncio.subprocess.Process]] = {}
        self._replaced: set[asyncio.subprocess.Process] = set()  # ended by a later singleMode run

    async def run(self, name: str, script: Path, query_parameters: str, single: bool) -> object:
        """What the child gave Script.exit (None if nothing). Raises RuntimeError if it failed."""
        if single:
            for other in list(self._running.get(name, ())):
                self._replaced.add(other)
                other.terminate()
        with tempfile.TemporaryDirectory(prefix="scripting-bridge-run-") as folder:
            result_file = Path(folder) / "result.json"
            environment = {**os.environ, RESULT_ENVIRONMENT_VARIABLE: str(result_file),
                           "PYTHONPATH": os.pathsep.join(filter(None, [_PACKAGE_ROOT, os.environ.get("PYTHONPATH")]))}
            child = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bridge", "run", str(script), "--queryparameters", query_parameters,
                stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE, env=environment)
            self._running.setdefault(name, set()).add(child)
            try:
                await asyncio.gather(self._pass_on(child.stdout, self._stdout),
                                     self._pass_on(child.stderr, self._stderr))
                status = await child.wait()
            finally:
                if child.returncode is None:  # the runtime is closing: the child goes too
                    child.kill()
                    await child.wait()
                self._running[name].discard(child)
            if child in self._replaced:
                self._replaced.discard(child)
                return None
            if status != 0:
                raise RuntimeError(f"Script.run: the script {json.dumps(name)} failed (exit status {status})")
            if not result_file.exists():
                return None
            return json.loads(result_file.read_text(encoding="utf-8"))

    @staticmethod
    async def _pass_on(stream: asyncio.StreamReader, to: TextIO) -> None:
        while line := await stream.readline():
            to.write(line.decode("utf-8", "replace"))
            to.flush()


def deliver_result(result_json: str | None) -> bool:
    """In a child of Script.run: write what Script.exit got for the parent; False elsewhere."""
    target = os.environ.get(RESULT_ENVIRONMENT_VARIABLE)
    if not target:
        return False
    if result_json is not None:
        Path(target).write_text(result_json, encoding="utf-8")
    return True
