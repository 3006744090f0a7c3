"""The names the module "scripting" exports, as the app declares them (scripting_exports.txt:
one a line, `type X` for a type-only export), for the loader's checks and scripting.js."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pythonmonkey as pm

from ..runtime.outbox import js_callable
from ..typescript.module_syntax import FACTORY, FRAGMENT

_LIST = Path(__file__).with_name("scripting_exports.txt")


@functools.cache
def _engine_globals() -> tuple[str, ...]:
    """The globals of the language and the engine. Read once per process, when the first runtime
    makes its loader, before it installs its APIs (the process's one JS context keeps the globals
    every runtime defines)."""
    return tuple(json.loads(pm.eval("JSON.stringify(Object.getOwnPropertyNames(globalThis))")))


class ScriptingExports:
    def __init__(self) -> None:
        self._engine_globals = _engine_globals()
        lines = [line.strip() for line in _LIST.read_text(encoding="utf-8").splitlines()]
        self.types = frozenset(line[len("type "):] for line in lines if line.startswith("type "))
        # The element factory that JSX compiles to is importable too, as in the app.
        self.values = tuple(sorted({line for line in lines if line and not line.startswith("type ")}
                                   | {FACTORY, FRAGMENT}))

    @js_callable
    def value_names(self) -> list:
        return list(self.values)

    @js_callable
    def engine_global_names(self) -> list:
        return list(self._engine_globals)
