"""Scripts run in a real Runtime whose data folder is a temporary directory."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import bridge


class Scripts:
    """`await scripts.run(code)`: run `code` (a script; `await` works at its top level) with
    the script folder and data folder in tmp_path; return what it printed, one JSON value a
    line parsed back (`out(value)` prints one)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def run(self, code: str, name: str = "script.js") -> list:
        stdout, stderr = io.StringIO(), io.StringIO()
        script = self.folder / name
        script.write_text("const out = (value) => console.log(JSON.stringify(value))\n" + code, encoding="utf-8")
        async with bridge.Runtime(stdout=stdout, stderr=stderr, data_dir=self.folder / "data") as runtime:
            try:
                await runtime.run_file(script)
                await runtime.idle()
            except bridge.ScriptError as error:
                raise AssertionError(f"{error}\nstderr:\n{stderr.getvalue()}") from None
        assert stderr.getvalue() == "", stderr.getvalue()
        return [json.loads(line) for line in stdout.getvalue().splitlines()]


@pytest.fixture
def scripts(tmp_path: Path) -> Scripts:
    return Scripts(tmp_path)
