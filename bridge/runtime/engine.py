"""The process's one SpiderMonkey context, and loading the runtime's JS halves into it.

pythonmonkey has a single global JS context per process, so globals are shared by every
script. Each user script therefore runs inside its own async function (as Node wraps
CommonJS modules): top-level declarations stay private to the script, and `await` works at
top level as it does in the Scripting app.
"""

from __future__ import annotations

import functools
from pathlib import Path
from types import SimpleNamespace

import pythonmonkey as pm

from . import engine_globals
from .inbox import Inbox
from .liveness import Liveness
from .outbox import Outbox

# Frames from files named like this are the runtime's own and are hidden from stack traces.
INTERNAL_PREFIX = "bridge:"
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent



@functools.cache
def _compiled_half(relative_path: str):
    """Compile a JS half once per process; it is a function `(host, internals) => exports`."""
    source = (_PACKAGE_ROOT / relative_path).read_text(encoding="utf-8")
    return pm.eval(source, {"filename": INTERNAL_PREFIX + relative_path, "strict": True})


class Engine:
    """One runtime's view of the JS context: the `internals` object its JS halves share, and
    the two ways values cross between the halves (inbox.py, outbox.py)."""

    def __init__(self, liveness: Liveness) -> None:
        engine_globals.hide()
        # A plain JS object made in JS, so every half sees the same object (no Python proxy).
        self.internals = pm.eval("({})")
        self.halves: dict[str, type | None] = {}  # each JS half loaded, with its host's class (boundary.py)
        for half in ("runtime/utf8.js", "runtime/inbox.js", "runtime/outbox.js"):
            _compiled_half(half)(None, self.internals)
            self.halves[half] = None
        self.inbox = Inbox(self.internals)
        self.outbox = Outbox(self.internals, self.inbox, liveness)

    def entry_points(self, name: str, *members: str) -> SimpleNamespace:
        """The JS functions a half defines as `internals[name].member` for Python to call, each
        looked up once (a lookup per call would cost a crossing). Missing ones are an error."""
        namespace = self.internals[name]
        missing = [member for member in members if namespace is None or namespace.get(member) is None]
        if missing:
            raise RuntimeError(f"internals.{name} lacks {', '.join(missing)}: is its JS half loaded?")
        return SimpleNamespace(**{member: namespace[member] for member in members})

    def load(self, relative_path: str, host: object | None) -> None:
        """Run a JS half (e.g. "runtime/timers.js") with its Python host, seen from JS as stubs
        of the host's @js_callable methods; define the globals it exports."""
        self.halves[relative_path] = None if host is None else type(host)
        stubs = None if host is None else self.outbox.stubs(host)
        exports = _compiled_half(relative_path)(stubs, self.internals)
        if exports is not None:
            self.internals.defineGlobals(exports)


def compile_script(code: str, filename: str):
    """Compile a classic script without running it: an async function to call (the REPL's)."""
    return compile_wrapped("(async function () {\n", code, "\n})", filename)


def compile_wrapped(head: str, code: str, tail: str, filename: str):
    """Compile a script without running it, between a one-line `head` and a `tail` that make it
    a function expression (bridge/modules/wrappers.py). The head is line 0, so the script's line 1
    is reported as line 1. A SyntaxError surfaces as pm.SpiderMonkeyError whose jsError holds the
    script's own line and column."""
    return pm.eval(head + code + tail, {"filename": filename, "lineno": 0})
