"""Preparing pythonmonkey's import, which bridge/__init__.py does before anything imports it.

Two things are done as pythonmonkey is imported, each relying on a fact of pythonmonkey 1.4.1's
internals, so only for the exact version pyproject.toml pins; with any other, nothing is done:

- Its XMLHttpRequest is loaded without its HTTP client. `import pythonmonkey` loads its
  XMLHttpRequest, whose Python helper imports aiohttp: ~120 ms of a cold start, for a global
  the bridge deletes (engine_globals.py). pythonmonkey 1.4.1 loads that helper with its own
  `load()`, which reuses what `sys.modules` holds under the file's name, so a module put there
  first stands in for it: its two functions load the real helper on their first call
  (docs/engine.md, "Start-up").
- Its C++ module is mended as soon as it is loaded, before any JS runs, so that JS strings
  reach Python as copies (string_copies.py): pythonmonkey's own import can crash without it.

prepare() puts a finder first on `sys.meta_path` that does each at its moment, when the
package is looked up and when its C++ module is; until then it costs nothing, so the command
line's --help does not wait for any of it.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from importlib import machinery

from . import string_copies

PYTHONMONKEY_VERSION = "1.4.1"
XHR_HELPER = "XMLHttpRequest-internal.py"  # its `sys.modules` key in pythonmonkey 1.4.1
ENGINE_MODULE = "pythonmonkey.pythonmonkey"  # the C++ module inside the pythonmonkey package


def _real_helper() -> types.ModuleType:
    """The helper pythonmonkey would have run, run now (as its `load()` would: with `exports`)."""
    module = sys.modules.get("bridge:" + XHR_HELPER)
    if module is None:
        spec = importlib.util.find_spec("pythonmonkey")
        folder = spec.submodule_search_locations[0]
        loader = machinery.SourceFileLoader("bridge:" + XHR_HELPER, f"{folder}/builtin_modules/{XHR_HELPER}")
        module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
        module.exports = {}
        loader.exec_module(module)
        sys.modules[loader.name] = module
    return module


async def _request(*args):
    return await _real_helper().exports["request"](*args)


def _decode_str(*args):
    return _real_helper().exports["decodeStr"](*args)


def prepare() -> None:
    """Do both things as pythonmonkey is imported; if it was imported already, only mend its
    strings, from now on."""
    module = sys.modules.get(ENGINE_MODULE)
    if module is not None:
        string_copies.patch(module.__file__)
    elif not any(isinstance(finder, _ImportHook) for finder in sys.meta_path):
        sys.meta_path.insert(0, _ImportHook())


class _ImportHook:
    """A finder for `sys.meta_path` that acts as pythonmonkey is imported: it stands in for the
    XMLHttpRequest helper when the package is looked up, and finds the package's C++ module
    where Python would, with a loader that mends it once loaded (pythonmonkey's __init__
    imports it before running any JS)."""

    def find_spec(self, fullname, path, target=None):
        if fullname == "pythonmonkey":
            defer_xhr_helper()
        elif fullname == ENGINE_MODULE:
            sys.meta_path.remove(self)
            spec = machinery.PathFinder.find_spec(fullname, path)
            if spec is not None and isinstance(spec.loader, machinery.ExtensionFileLoader):
                spec.loader = string_copies.PatchingLoader(spec.loader.name, spec.loader.path)
            return spec
        return None


def defer_xhr_helper() -> None:
    if "pythonmonkey" in sys.modules or XHR_HELPER in sys.modules:
        return  # too late, or done already
    from importlib import metadata  # here: the command line's --help does not wait for it
    try:
        version = metadata.version("pythonmonkey")
    except metadata.PackageNotFoundError:
        return
    if version != PYTHONMONKEY_VERSION:
        return
    stand_in = types.ModuleType(XHR_HELPER)
    stand_in.exports = {"request": _request, "decodeStr": _decode_str}
    sys.modules[XHR_HELPER] = stand_in
