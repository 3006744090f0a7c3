"""Loading a script and every module it imports, before any of them runs.

`load()` walks the static imports (graph.py), then compiles each new module inside its
wrapper (wrappers.py); only when all of that succeeded are the new modules handed to
loader.js, which evaluates them in ES order. So a missing file, a syntax error or a missing
export anywhere stops the script before anything of it runs, with the file:line:col of the
problem and the chain of imports that led there. `import()` loads the same way at run time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pythonmonkey as pm

from ..runtime.engine import Engine, compile_wrapped
from ..runtime.errors import compile_error_report
from ..runtime.outbox import js_callable
from . import wrappers
from .graph import LoadError, Module, ModuleGraph, Problems
from .resolution import SCRIPTING, ResolutionError, resolve
from .scripting import ScriptingExports

__all__ = ["LoadError", "ModuleLoader"]


class ModuleLoader:
    """Python half of loader.js: one per Runtime, so each module is evaluated once per run."""

    def __init__(self, engine: Engine) -> None:
        scripting = ScriptingExports()
        engine.load("modules/scripting.js", scripting)
        engine.load("modules/loader.js", self)
        self._js = engine.entry_points("modules", "define", "entry")
        self._scripting_js = engine.entry_points("scripting", "isGlobal", "allowGlobal")
        self._graph = ModuleGraph(scripting.values, scripting.types, self._allow_scripting_global)

    def load(self, path: Path, code: str | None = None) -> int:
        """Load a script to run (its text read from `path` unless given); its id for entry().
        A classic script (no import or export) is compiled anew each time; a module once per run.
        Raises LoadError with the report."""
        return self._load(path, code, classic_allowed=True).id

    def files(self) -> list[Path]:
        """Every file read so far (scripts, modules and JSON imports), loaded or not."""
        return list(self._graph.files_read)

    def entry(self, module_id: int):
        """The async function that runs a loaded script (for internals.runScript)."""
        return self._js.entry(module_id)

    def check(self, path: Path) -> list[str]:
        """Every problem in `path` and the files it imports, as reports; nothing is kept or run."""
        problems = Problems(collect=True)
        first_new = len(self._graph.modules)
        try:
            self._graph.add_from(path, None, problems, classic_allowed=True)
            for module in self._graph.modules[first_new:]:
                self._compile(module, problems)
        finally:
            self._graph.forget_from(first_new)
        return problems.reports

    @js_callable
    def load_dynamic(self, referrer: int, specifier: str) -> int:
        """`import(specifier)` in module `referrer`: the id of the module, loaded; raises with
        the report when it cannot be loaded (loader.js rejects the import's promise with it)."""
        importer = self._graph.modules[referrer]
        try:
            target = resolve(specifier, Path(importer.filename))
        except ResolutionError as error:
            raise LoadError(f"{error} (imported by {importer.filename})") from None
        if target == SCRIPTING:
            first_new = len(self._graph.modules)
            module = self._graph.scripting()
            self._define_from(first_new)
            return module.id
        return self._load(target, None, classic_allowed=False).id

    def _load(self, path: Path, code: str | None, *, classic_allowed: bool) -> Module:
        first_new = len(self._graph.modules)
        problems = Problems(collect=False)
        try:
            root = self._graph.add_from(path, code, problems, classic_allowed=classic_allowed)
            for module in self._graph.modules[first_new:]:
                self._compile(module, problems)
        except LoadError:
            self._graph.forget_from(first_new)
            raise
        self._define_from(first_new)
        return root

    def _allow_scripting_global(self, name: str) -> bool:
        """`import { Data } from "scripting"`: the runtime's globals are importable too."""
        if not self._scripting_js.isGlobal(name):
            return False
        self._scripting_js.allowGlobal(name)
        return True

    def _compile(self, module: Module, problems: Problems) -> None:
        if module.kind not in ("module", "classic"):
            return
        syntax = module.syntax
        if module.kind == "classic":
            head, tail = wrappers.classic_head(syntax), wrappers.TAIL
        else:
            # Names that are types only are not imported, as in TypeScript's output.
            syntax.imports = [
                binding for binding in syntax.imports
                if binding.name == "*" or not self._graph.is_type(module, binding.request, binding.name)
            ]
            bindings = [wrappers.Binding(binding.local, binding.request, binding.name) for binding in syntax.imports]
            local_exports = {
                name: syntax.exports.get(name, (name, ""))[0]
                for name, entry in module.exports.items()
                if entry == ["local"]
            }
            head, tail = wrappers.module_head(syntax, bindings, local_exports, module.live)
        try:
            module.compiled = compile_wrapped(head, module.code, tail, module.filename)
        except pm.SpiderMonkeyError as error:
            problems.add(compile_error_report(error, module.filename), module.chain)

    def _define_from(self, first_new: int) -> None:
        for module in self._graph.modules[first_new:]:
            scope = {
                binding.local: [module.deps[binding.request], binding.name] for binding in module.syntax.imports
            } if module.live else {}
            spec = {
                "filename": module.filename,
                "url": Path(module.filename).absolute().as_uri() if module.kind != "scripting" else None,
                "kind": module.kind,
                "deps": module.deps,
                "exports": module.exports,
                "scc": module.scc,
                "scope": scope,
                "json": module.code if module.kind == "json" else None,
            }
            self._js.define(module.id, module.compiled, json.dumps(spec))
