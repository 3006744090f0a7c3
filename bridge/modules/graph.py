"""The graph of a script's static imports: each file read and transformed once, each import
resolved, each imported name checked, each import cycle found.

A problem either stops the walk (`Problems(collect=False)`, for running: nothing of the
script may run) or is noted and the walk goes on where it can (for `check`). Each report is
`FILE:LINE:COL: what`, followed by the chain of imports that led to the file.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..runtime.errors import ScriptError
from ..typescript import ModuleSyntax, TypeScriptSyntaxError
from .resolution import SCRIPTING, ResolutionError, resolve

# Kinds of exported bindings that a module may assign again after exporting them.
_MUTABLE = frozenset({"let", "var"})
# What an import may name (the script run first may be any file: it is JavaScript unless .ts/.tsx).
_MODULE_SUFFIXES = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json")
_TYPESCRIPT_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")
# JavaScript with neither word needs no parse at all (a plain script starts faster).
_MODULE_WORDS = ("import", "export")


class LoadError(ScriptError):
    """A script or one of its imports could not be loaded; str() is the report a user reads."""


class Problems:
    def __init__(self, *, collect: bool) -> None:
        self.collect = collect
        self.reports: list[str] = []

    def add(self, report: str, chain: tuple[str, ...] = ()) -> None:
        report = "\n".join([report, *(f"    imported at {where}" for where in chain)])
        if not self.collect:
            raise LoadError(report)
        self.reports.append(report)


@dataclass(eq=False)
class Module:
    id: int
    filename: str
    kind: str  # "module", "classic", "json" or "scripting"
    syntax: ModuleSyntax = field(default_factory=ModuleSyntax)
    code: str = ""
    deps: list[int | None] = field(default_factory=list)  # a module id per request (None: not found)
    # exported name -> ["local"] | ["dep", id, name] | ["namespace", id] | ["json", key?] | ["scripting"]
    exports: dict[str, list] = field(default_factory=dict)
    type_exports: set[str] = field(default_factory=set)  # names that are types only: bound to nothing
    linked: bool = False
    scc: int = 0  # modules of one import cycle share it
    live: bool = False  # bindings read at each use rather than copied (wrappers.py)
    compiled: object = None  # the wrapper function, once compiled (loader.py)
    chain: tuple[str, ...] = ()  # where it was first imported, and where that file was, ...


class ModuleGraph:
    """Every module loaded in one run, by id; `add_from()` walks a new entry's imports."""

    def __init__(self, scripting_values: tuple[str, ...], scripting_types: frozenset[str],
                 allow_scripting_global: Callable[[str], bool]) -> None:
        self.modules: list[Module] = []
        self._numbers = itertools.count(1)  # for cycles: unique across loads, as loader.js compares them
        self._by_key: dict[Path | str, int] = {}
        self.files_read: dict[Path, None] = {}  # every file read, in order
        self._scripting_values = scripting_values
        self._scripting_types = scripting_types
        self._allow_scripting_global = allow_scripting_global

    def add_from(self, path: Path, code: str | None, problems: Problems, *, classic_allowed: bool) -> Module | None:
        """Load `path` (its text given, or read) and everything it imports that is not loaded
        yet. Returns the entry's module (None if it could not be read or parsed)."""
        first_new = len(self.modules)
        root = self._visit(path, code, problems, classic_allowed=classic_allowed)
        new = self.modules[first_new:]
        try:
            for module in new:
                self._link(module, problems)
        except RecursionError:  # names followed through re-exports (`export * from`), file to file
            problems.add(f"{path}: its chain of re-exports (`export ... from`) is too long to follow "
                         f"(over Python's limit of {sys.getrecursionlimit()} calls)")
        self._mark_cycles(new)
        return root

    def forget_from(self, first_new: int) -> None:
        """Drop the modules from `first_new` on (a load that failed, or a check)."""
        self._by_key = {key: index for key, index in self._by_key.items() if index < first_new}
        del self.modules[first_new:]

    def scripting(self) -> Module:
        if SCRIPTING not in self._by_key:
            module = self._add(Module(len(self.modules), SCRIPTING, "scripting"))
            module.exports = {name: ["scripting"] for name in self._scripting_values}
            module.type_exports = set(self._scripting_types)
            module.linked = True
            self._by_key[SCRIPTING] = module.id
        return self.modules[self._by_key[SCRIPTING]]

    def _add(self, module: Module) -> Module:
        self.modules.append(module)
        return module

    def _visit(self, path: Path, code: str | None, problems: Problems, *, classic_allowed: bool) -> Module | None:
        """Read `path` and, depth first, every file it imports that is not loaded yet. A stack of
        its own rather than recursion, so a long chain of imports cannot reach Python's limit."""
        root, new = self._read(path, code, (), problems, classic_allowed=classic_allowed)
        stack = [self._imports_of(root, path, problems)] if new else []
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                continue
            target, chain, importer = step
            module, new = self._read(target, None, chain, problems, classic_allowed=False)
            if importer is not None:
                importer.deps.append(module.id if module is not None else None)
            if new:
                stack.append(self._imports_of(module, target, problems))
        return root

    def _read(self, path: Path, code: str | None, chain: tuple[str, ...], problems: Problems, *,
              classic_allowed: bool) -> tuple[Module | None, bool]:
        """The module for `path`, and whether it is new (its imports still to be visited)."""
        key = Path(os.path.abspath(path))  # not resolve(): a realpath per import costs more than it gives
        if code is None and key in self._by_key:
            return self.modules[self._by_key[key]], False
        filename = str(path)
        if chain and not filename.lower().endswith(_MODULE_SUFFIXES):
            problems.add(f"{filename}: cannot import it: only {', '.join(_MODULE_SUFFIXES)} files are modules", chain)
            return None, False
        if code is None:
            self.files_read[key] = None  # (watched by `run --watch`, even if it fails to load)
            try:
                code = path.read_text(encoding="utf-8").removeprefix("\ufeff")  # a BOM is no column
            except (OSError, UnicodeDecodeError) as error:
                problems.add(f"{filename}: cannot read the script: {error}", chain)
                return None, False
        if path.suffix.lower() == ".json":
            return self._json(key, filename, code, chain, problems), False
        # A script that is no file (stdin, -e) or has another extension is JavaScript.
        typescript = path.suffix.lower() in _TYPESCRIPT_SUFFIXES
        try:
            if not typescript and path.suffix.lower() not in (".jsx", ".tsx") and not any(
                    word in code for word in _MODULE_WORDS):
                javascript, syntax = code, ModuleSyntax()
            else:
                from ..typescript import transform  # the parser is imported for files that need it

                transformed = transform(code, filename, typescript=typescript)
                javascript, syntax = transformed.code, transformed.module
        except TypeScriptSyntaxError as error:
            from ..typescript import check

            for problem in check(code, filename, typescript=typescript) if problems.collect else [error]:
                problems.add(str(problem), chain)
            return None, False
        kind = "module" if syntax.is_module or not classic_allowed else "classic"
        module = self._add(Module(len(self.modules), filename, kind, syntax, javascript, chain=chain))
        if kind == "module":
            self._by_key[key] = module.id
        return module, True

    def _imports_of(self, module: Module, path: Path, problems: Problems):
        """(file, chain of imports, importer) for each file `module` imports, in order; the
        importer's deps get each one as _visit reads it (None when it is not found). For `check`,
        the files a plain `import("./x")` would load follow, with no importer."""
        for request in module.syntax.requests:
            where = f"{module.filename}:{request.line}:{request.column}"
            try:
                target = resolve(request.specifier, path)
            except ResolutionError as error:
                problems.add(f"{where}: {error}", module.chain)
                module.deps.append(None)
                continue
            if target == SCRIPTING:
                module.deps.append(self.scripting().id)
            else:
                yield target, (where, *module.chain), module
        if problems.collect:
            for request in module.syntax.dynamic:
                where = f"{module.filename}:{request.line}:{request.column}"
                try:
                    target = resolve(request.specifier, path)
                except ResolutionError as error:
                    problems.add(f"{where}: {error}", module.chain)
                    continue
                if target != SCRIPTING:
                    yield target, (where, *module.chain), None

    def _json(self, key: Path, filename: str, text: str, chain: tuple[str, ...], problems: Problems) -> Module | None:
        try:
            value = json.loads(text)
        except ValueError as error:
            line, column = getattr(error, "lineno", 0), getattr(error, "colno", 0)
            problems.add(f"{filename}:{line}:{column}: invalid JSON: {getattr(error, 'msg', error)}", chain)
            return None
        module = self._add(Module(len(self.modules), filename, "json", code=text, linked=True))
        module.exports = {"default": ["json"]}
        if isinstance(value, dict):  # the app's CommonJS output lets `import { key } from "./x.json"` work
            module.exports.update({name: ["json", name] for name in value if name != "default"})
        self._by_key[key] = module.id
        return module

    # Linking: what each exported name is, and whether every imported one exists ----------

    def _link(self, module: Module, problems: Problems) -> None:
        self._ensure_exports(module)
        syntax = module.syntax
        for binding in syntax.imports:
            if binding.name != "*":
                self._require(module, binding.request, binding.name, binding.line, binding.column, problems)
        for reexport in syntax.reexports:
            if reexport.name != "*":
                self._require(module, reexport.request, reexport.name, reexport.line, reexport.column, problems)

    def _ensure_exports(self, module: Module) -> None:
        if not module.linked:
            module.exports = self._export_table(module, set())
            module.linked = True

    def _require(self, module: Module, request: int, name: str, line: int, column: int, problems: Problems) -> None:
        dep = module.deps[request]
        if dep is None:
            return  # already reported
        target = self.modules[dep]
        self._ensure_exports(target)
        if name in target.exports or name in target.type_exports:
            return
        if target.kind == "scripting" and self._allow_scripting_global(name):
            target.exports[name] = ["scripting"]
            return
        specifier = module.syntax.requests[request].specifier
        shown = f'"{specifier}"' if specifier == target.filename else f'"{specifier}" ({target.filename})'
        problems.add(f'{module.filename}:{line}:{column}: module {shown} has no export named "{name}"', module.chain)

    def _export_table(self, module: Module, visiting: set[int]) -> dict[str, list]:
        """The module's exported names (see Module.exports); type-only ones go to type_exports."""
        if module.kind != "module" or module.linked:
            return module.exports
        if module.id in visiting:
            return {}  # `export *` around a cycle: each name is found on the first pass
        visiting.add(module.id)
        syntax = module.syntax
        table: dict[str, list] = {}
        imported = {binding.local: binding for binding in syntax.imports}
        for star in syntax.stars:
            if module.deps[star] is None:
                continue
            target = self.modules[module.deps[star]]
            for name in self._export_table(target, visiting):
                if name != "default":
                    table[name] = ["dep", target.id, name]
            module.type_exports.update(name for name in target.type_exports if name != "default")
        for exported, (local, kind) in syntax.exports.items():
            binding = imported.get(local)
            if binding is not None:
                dep = module.deps[binding.request]
                if dep is not None:
                    table[exported] = ["namespace", dep] if binding.name == "*" else ["dep", dep, binding.name]
            elif not kind and local not in syntax.declared and local in syntax.type_names:
                module.type_exports.add(exported)
            else:
                table[exported] = ["local"]  # a name it never declares is a ReferenceError when read
        for reexport in syntax.reexports:
            dep = module.deps[reexport.request]
            if dep is not None:
                table[reexport.exported] = ["namespace", dep] if reexport.name == "*" else ["dep", dep, reexport.name]
        module.type_exports.update(syntax.type_exports)
        visiting.discard(module.id)
        return table

    def is_type(self, module: Module, request: int, name: str) -> bool:
        """Whether an imported name is a type only, which TypeScript's output would not import."""
        dep = module.deps[request]
        if dep is None:
            return True
        target = self.modules[dep]
        return name not in target.exports and name in target.type_exports

    def _binding_kind(self, module: Module, name: str, seen: set[tuple[int, str]]) -> str:
        """The declaration kind behind an exported name, through re-exports."""
        if module.kind != "module" or (module.id, name) in seen:
            return "const"
        seen.add((module.id, name))
        entry = module.exports.get(name)
        if entry is None or entry[0] == "namespace":
            return "const"
        if entry[0] == "dep":
            return self._binding_kind(self.modules[entry[1]], entry[2], seen)
        local, kind = module.syntax.exports.get(name, (name, ""))
        return kind or module.syntax.declared.get(local, "const")

    # Import cycles ---------------------------------------------------------------------

    def _mark_cycles(self, modules: list[Module]) -> None:
        """Number the strongly connected components (Tarjan's algorithm, without recursion so a
        long chain of imports cannot hit Python's limit), then choose live bindings for a module
        that imports from its own cycle or imports a binding its module may assign again."""
        members = {module.id for module in modules}
        index: dict[int, int] = {}
        low: dict[int, int] = {}
        stack: list[int] = []
        on_stack: set[int] = set()

        def deps(node: int):
            return iter([dep for dep in self.modules[node].deps if dep in members])

        for start in modules:
            if start.id in index:
                continue
            index[start.id] = low[start.id] = next(self._numbers)
            stack.append(start.id)
            on_stack.add(start.id)
            work = [(start.id, deps(start.id))]
            while work:
                node, edges = work[-1]
                for dep in edges:
                    if dep not in index:
                        index[dep] = low[dep] = next(self._numbers)
                        stack.append(dep)
                        on_stack.add(dep)
                        work.append((dep, deps(dep)))
                        break
                    if dep in on_stack:
                        low[node] = min(low[node], index[dep])
                else:
                    work.pop()
                    if work:
                        parent = work[-1][0]
                        low[parent] = min(low[parent], low[node])
                    if low[node] == index[node]:
                        while True:
                            member = stack.pop()
                            on_stack.discard(member)
                            self.modules[member].scc = index[node]
                            if member == node:
                                break
        for module in modules:
            for binding in module.syntax.imports:
                dep = module.deps[binding.request] if module.kind == "module" else None
                if dep is None or binding.name == "*":
                    continue
                target = self.modules[dep]
                if target.scc == module.scc or self._binding_kind(target, binding.name, set()) in _MUTABLE:
                    module.live = True
