"""What pythonmonkey puts on the global object for itself, which scripts must not see.

Importing pythonmonkey defines `python` (the whole of Python: `python.exec`, `python.exit`),
`pmEval`, XMLHttpRequest with its events, core-js's shared store and the class of Python list
iterators; the engine itself adds `debuggerGlobal`, a second global holding SpiderMonkey's
Debugger API, with which a script could inspect any closure (and find `python` in one). The
app has none of them. The runtime needs none either: pythonmonkey's module loader does use
`python` and `pmEval`, so `util` (console.js) is taken from the loader's bootstrap, which
loaded it at import and holds its own references.

`debuggerGlobal` cannot be deleted (pythonmonkey defines it read-only and permanent), so its
`Debugger` is taken out instead and kept here for tools that measure the heap (tests/reliability).

`ListIterator` comes back whenever JS iterates a Python list: pythonmonkey defines the class
again each time (and calling its `next` on anything else crashes the process). The runtime's
own halves never hand JS a Python list (the outbox sends lists as JSON); only a list a host
program exposes (`Runtime.expose`) does, so each new Runtime removes it again.
"""

from __future__ import annotations

import json

import pythonmonkey as pm

LEAKED = (
    "python", "pmEval", "XMLHttpRequest", "XMLHttpRequestEventTarget", "XMLHttpRequestUpload",
    "ProgressEvent", "__core-js_shared__", "ListIterator",
)
# Stays as a name (it cannot go), emptied of the Debugger API.
PERMANENT = ("debuggerGlobal",)

_debugger = None


def hide() -> None:
    """Remove the leaked globals and the Debugger API from scripts' reach (each Runtime calls
    it; the Debugger, once gone, stays gone)."""
    global _debugger
    pm.eval(f"for (const name of {json.dumps(LEAKED)}) delete globalThis[name];")
    if _debugger is None:
        _debugger = pm.eval("""(() => {
          const Debugger = debuggerGlobal.Debugger;
          delete debuggerGlobal.Debugger;
          return Debugger;
        })()""")


def debugger_class():
    """SpiderMonkey's `Debugger` constructor (it lives in debuggerGlobal's compartment), for
    code run with `debuggerGlobal.eval` that takes it as an argument."""
    if _debugger is None:
        hide()
    return _debugger


def util():
    """pythonmonkey's port of Node's `util` module, as its loader's bootstrap holds it."""
    return pm.bootstrap.requireFromDisk("util")
