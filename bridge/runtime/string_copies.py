"""JS strings that cross into Python as copies, so that no Python function reads past their end.

pythonmonkey 1.4.1 hands Python a JS string as a str over the JS string's own characters, with
no NUL after them; some CPython functions read that NUL, and the process dies with SIGSEGV
when the characters end where the engine's memory does (docs/engine.md, "JS strings in
Python"). _string_copies.c makes pythonmonkey's module copy them instead. pythonmonkey's own
import already hands strings to Python that can crash it, so engine_import.py loads the module
with PatchingLoader, which mends it before any JS runs; patch() mends a module loaded earlier,
for the strings from then on.
"""

from __future__ import annotations

from importlib import machinery

from . import _string_copies

PROXYING_VERSION = "1.4.1"


def patch(module_path: str) -> None:
    """Make pythonmonkey's module loaded from `module_path` hand JS strings to Python as copies
    (for pythonmonkey 1.4.1 only)."""
    from importlib import metadata  # here: the command line's --help does not wait for it
    if metadata.version("pythonmonkey") == PROXYING_VERSION:
        _string_copies.patch(module_path)


class PatchingLoader(machinery.ExtensionFileLoader):
    """Loads pythonmonkey's C++ module and mends it before anything can run JS."""

    def create_module(self, spec):
        module = super().create_module(spec)
        patch(self.path)
        return module
