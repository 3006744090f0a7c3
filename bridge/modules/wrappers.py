"""The line put before each script's first line (line 0), and the one after its last.

Every script runs inside an async function (engine.py), so top-level `await` works and its
declarations stay its own. For a module, that line also publishes its exports (as getters,
so they are live), waits for the modules it imports (in order, each evaluated once) and binds
their names; then the module's own code runs, strict, as ES modules are. Nothing is added to the
script's own lines, so every line and column stays the user's.

Bindings are copied once the imported module has run (`const a = ns.a`), which is as fast as
any local. Where a copy could go stale (an imported `let` or `var` that its module may assign
again, or a module of an import cycle, whose bindings may not exist yet when the importer
starts), the module's code instead runs inside `with (scope)`, where each imported name is a
getter reading the exporting module's binding at each use: live, as in ES modules, at the cost
of a slower lookup of every name that is not the module's own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..typescript.module_syntax import DEFAULT_LOCAL, DYNAMIC_IMPORT, FACTORY, FRAGMENT, IMPORT_META, ModuleSyntax

# `$$m` is the module's handle (loader.js): exports(), link(), scope, import(), meta, jsx.
_SERVICES = f"const {DYNAMIC_IMPORT} = $$m.import, {IMPORT_META} = $$m.meta;"
TAIL = "\n})"
WRAPPER_FUNCTION = "$$module"
# The module's code is a function declared in the `with` block, so that the call to it is on
# line 0 too (a frame on the last line would look like one of the script's); its name is left
# out of stack traces (errors.py).
_LIVE_TAIL = "\n} } })"


@dataclass(frozen=True)
class Binding:
    local: str
    request: int
    name: str  # "*" for the namespace


def classic_head(syntax: ModuleSyntax) -> str:
    return f"(async function ($$m) {{ {_SERVICES}{_jsx(syntax)}\n"


def module_head(syntax: ModuleSyntax, bindings: list[Binding], local_exports: dict[str, str],
                live: bool) -> tuple[str, str]:
    """The head and tail of a module's wrapper."""
    getters = ", ".join(f"{json.dumps(name)}: () => {local}" for name, local in local_exports.items())
    parts = ['"use strict";', f"$$m.exports({{{getters}}});"]
    if live or not bindings:
        parts.append("await $$m.link();")
    else:
        copies = ", ".join(
            f"{binding.local} = $$n[{binding.request}]" + ("" if binding.name == "*" else f"[{json.dumps(binding.name)}]")
            for binding in bindings
        )
        parts.append(f"const $$n = await $$m.link(); const {copies};")
    if syntax.has_default_local:
        parts.append(f"let {DEFAULT_LOCAL};")
    parts.append(_SERVICES + _jsx(syntax))
    body = " ".join(parts)
    if live:
        return (f"(async function ($$m) {{ with ($$m.scope) {{ return await {WRAPPER_FUNCTION}(); "
                f"async function {WRAPPER_FUNCTION}() {{ {body}\n", _LIVE_TAIL)
    return f"(async function ($$m) {{ {body}\n", TAIL


def _jsx(syntax: ModuleSyntax) -> str:
    """The element factory, unless the script declares or imports its own (as TypeScript would use)."""
    if not syntax.uses_jsx:
        return ""
    names = [(FACTORY, "$$m.jsx.createElement"), (FRAGMENT, "$$m.jsx.Fragment")]
    missing = [f"{name} = {value}" for name, value in names if name not in syntax.declared]
    return f" const {', '.join(missing)};" if missing else ""
