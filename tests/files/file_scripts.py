"""Helpers for the file tests: run a script in a real Runtime, in a real temporary folder.
(A module with its own name: every test folder's conftest.py is "conftest" to Python.)

A script reports with `out(value)` (one JSON line on stdout); `attempt(() => ...)` and
`await attemptAsync(() => ...)` turn a throw or rejection into {error, message} so a test can
check both the kind and the sentence. Uint8Arrays and Data are reported as arrays of bytes.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pythonmonkey as pm

import bridge

PRELUDE = r"""
const plain = (v) => v instanceof Uint8Array ? Array.from(v)
  : v instanceof Data ? { data: Array.from(v.toUint8Array() ?? []) } : Array.isArray(v) ? v.map(plain) : v;
globalThis.out = (v) => console.log(JSON.stringify(v === undefined ? "<undefined>" : plain(v)));
const failure = (e) => ({ error: e?.constructor?.name, message: String(e?.message ?? e) });
globalThis.attempt = (f) => { try { return { value: plain(f()) ?? "<undefined>" } } catch (e) { return failure(e) } };
globalThis.attemptAsync = async (f) => { try { return { value: plain(await f()) ?? "<undefined>" } } catch (e) { return failure(e) } };
"""


class Scripts:
    """Runs scripts saved in `folder` (so relative paths start there), with data under `data`."""

    def __init__(self, folder: Path, data: Path) -> None:
        self.folder = folder
        self.data = data
        self.stderr = ""

    async def run(self, code: str, name: str = "main.js", query_parameters: dict | None = None,
                  data_dir: Path | None | bool = True) -> list:
        """The values the script passed to out(), in order."""
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
        stdout, stderr = io.StringIO(), io.StringIO()
        async with bridge.Runtime(stdout=stdout, stderr=stderr, query_parameters=query_parameters,
                                  data_dir=self.data if data_dir is True else data_dir or None) as runtime:
            await runtime.run_source(PRELUDE, "prelude.js")
            await runtime.run_file(path)
            await runtime.idle()
        self.stderr = stderr.getvalue()
        assert not self.stderr, self.stderr
        return [json.loads(line) for line in stdout.getvalue().splitlines()]

    async def value(self, expression: str) -> object:
        """The value of one JS expression (awaited) in a script of the folder."""
        (result,) = await self.run(f"out(await ({expression}))")
        return result


async def evaluate(source: str, *args) -> object:
    """Call `source`, a JS function expression, with JSON-able args; its result as JSON. Both
    cross as JSON text: Python lists handed to JS would be proxies, which is not what scripts get."""
    async with bridge.Runtime(stdout=io.StringIO(), stderr=io.StringIO()):
        call = pm.eval(f"(args) => JSON.stringify(({source})(...JSON.parse(args)) ?? null)")
        return json.loads(str(call(json.dumps(args))))


def failed(result: dict, *words: str) -> None:
    """`result` is an attempt's error whose message contains each of `words`."""
    assert "error" in result, f"expected a failure, got {result}"
    for word in words:
        assert word in result["message"], f"{word!r} not in {result['message']!r}"
