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
    """Remove the leaked globals and the Debugger API from scripts' reach. Globals are per
    process, so the first call does it and later ones do nothing."""
    global _debugger
    if _debugger is not None:
        return
    _debugger = pm.eval(f"""(() => {{
      for (const name of {json.dumps(LEAKED)}) delete globalThis[name];
      const Debugger = debuggerGlobal.Debugger;
      delete debuggerGlobal.Debugger;
      return Debugger;
    }})()""")


def debugger_class():
    """SpiderMonkey's `Debugger` constructor (it lives in debuggerGlobal's compartment), for
    code run with `debuggerGlobal.eval` that takes it as an argument."""
    hide()
    return _debugger


def util():
    """pythonmonkey's port of Node's `util` module, as its loader's bootstrap holds it."""
    return pm.bootstrap.requireFromDisk("util")
