"""Importing pythonmonkey without the HTTP client of its XMLHttpRequest, until that is used.

`import pythonmonkey` loads its XMLHttpRequest, whose Python helper imports aiohttp: ~120 ms of
a cold start, for a global the bridge deletes (engine_globals.py). pythonmonkey 1.4.1 loads
that helper with its own `load()`, which reuses what `sys.modules` holds under the file's
name, so a module put there first stands in for it: its two functions load the real helper
on their first call. That is a fact of this version's internals, so it is relied on only for
the exact version pyproject.toml pins (docs/engine.md, "Start-up"); with any other, nothing
is done. It must run before pythonmonkey is first imported: `bridge.runtime` calls it first.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from importlib import machinery, metadata

PYTHONMONKEY_VERSION = "1.4.1"
XHR_HELPER = "XMLHttpRequest-internal.py"  # its `sys.modules` key in pythonmonkey 1.4.1


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


def defer_xhr_helper() -> None:
    if "pythonmonkey" in sys.modules or XHR_HELPER in sys.modules:
        return  # too late, or done already
    try:
        version = metadata.version("pythonmonkey")
    except metadata.PackageNotFoundError:
        return
    if version != PYTHONMONKEY_VERSION:
        return
    stand_in = types.ModuleType(XHR_HELPER)
    stand_in.exports = {"request": _request, "decodeStr": _decode_str}
    sys.modules[XHR_HELPER] = stand_in
