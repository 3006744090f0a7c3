"""The tsc fixture: compile snippets with the real TypeScript compiler, or skip."""

from __future__ import annotations

import re
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from helpers import unavailable

from .helpers import find_tsc

_JS_GLOBALS_DTS = "declare function print(...values: unknown[]): void;\n"


@pytest.fixture(scope="session")
def tsc(tmp_path_factory):
    """Compile snippets with `tsc --target es2022 --module none`, each in its own program."""
    executable = find_tsc()
    if executable is None:
        unavailable("tsc not found: run `npm install --no-save typescript@5` at the repository root")
    version = subprocess.run([executable, "--version"], capture_output=True, text=True, check=True).stdout
    major, minor = (int(part) for part in re.search(r"(\d+)\.(\d+)", version).groups())
    no_check = ["--noCheck"] if (major, minor) >= (5, 6) else []  # type errors are not what we compare

    def compile_all(snippets: dict[str, str]) -> dict[str, str]:
        root = tmp_path_factory.mktemp("tsc")

        def compile_one(name: str) -> str:
            directory = root / name
            directory.mkdir()
            (directory / "globals.d.ts").write_text(_JS_GLOBALS_DTS)
            (directory / "input.ts").write_text(snippets[name], encoding="utf-8")
            command = [executable, "--target", "es2022", "--module", "none", *no_check, "input.ts", "globals.d.ts"]
            result = subprocess.run(command, cwd=directory, capture_output=True, text=True)
            output = directory / "input.js"
            if not output.exists():
                raise AssertionError(f"tsc emitted nothing for {name}:\n{result.stdout}{result.stderr}")
            return output.read_text(encoding="utf-8")

        with ThreadPoolExecutor() as pool:
            return dict(zip(snippets, pool.map(compile_one, snippets)))

    return compile_all
