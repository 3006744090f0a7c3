"""Preparing pythonmonkey's import, which bridge/__init__.py does before anything imports it.

Two things are done as pythonmonkey is imported, each relying on facts of pythonmonkey 1.4.1's
internals, so only for the exact version pyproject.toml pins; with any other, nothing is done:

- Its builtin JS modules are not evaluated; their globals load them at first use.
  `import pythonmonkey` ends by requiring `console`, `base64`, `timers`, `url` (core-js's URL
  and DOMException polyfills) and `XMLHttpRequest` (whose Python helper imports aiohttp):
  ~200 ms of JS and Python, for globals the bridge replaces (console, atob/btoa, the timers),
  deletes (XMLHttpRequest and its events; engine_globals.py) or keeps for the scripts that use
  them (URL, URLSearchParams, DOMException). Its `__init__` does `from .require import *`, then
  calls `require` on exactly those names: while it runs, the `require` it copies only checks
  the name, and afterwards each of those globals is an accessor that loads its module through
  pythonmonkey's own `require` when first read, so a script (or a host program) that uses one
  gets pythonmonkey's real one. `pythonmonkey.require` itself is put back as it was
  (docs/engine.md, "Start-up").
- Its C++ module is mended as soon as it is loaded, before any JS runs, so that JS strings
  reach Python as copies (string_copies.py): pythonmonkey's own import can crash without it.

prepare() puts a finder first on `sys.meta_path` that does each at its moment, when the
package, its C++ module and its `require` module are looked up; until then it costs nothing,
so the command line's --help does not wait for any of it.
"""

from __future__ import annotations

import json
import sys
from importlib import machinery

from . import string_copies

PYTHONMONKEY_VERSION = "1.4.1"
ENGINE_MODULE = "pythonmonkey.pythonmonkey"  # the C++ module inside the pythonmonkey package
REQUIRE_MODULE = "pythonmonkey.require"  # its CommonJS loader, whose `require` __init__ copies

# Each module pythonmonkey's `__init__` requires (and dom-exception, which timers and url require
# first), with the globals it defines, whether they are enumerable (assigned) or not (core-js
# defines them), and the globals whose modules load before it, in the order `__init__` had.
MODULES = {
    "dom-exception": {"globals": ["DOMException"], "enumerable": False, "after": []},
    "console": {"globals": ["console"], "enumerable": True, "after": []},
    "base64": {"globals": ["atob", "btoa"], "enumerable": True, "after": []},
    "timers": {"globals": ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "setInterval",
                           "clearInterval"], "enumerable": True, "after": ["DOMException"]},
    "url": {"globals": ["URL", "URLSearchParams"], "enumerable": False, "after": ["DOMException"]},
    "XMLHttpRequest": {"globals": ["XMLHttpRequestEventTarget", "XMLHttpRequestUpload", "XMLHttpRequest",
                                   "ProgressEvent", "Event", "EventTarget"],
                       "enumerable": True, "after": ["DOMException", "URL"]},
}
# What pythonmonkey's module loader reads from the global object (the bridge deletes them).
LOADER_GLOBALS = ["python", "pmEval"]

# Defines the accessors. A load leaves the global object as it found it but for its module's
# globals: core-js's URLSearchParams would otherwise wrap a `fetch` and `Request` defined since
# (the bridge's), and the loader leaves `ListIterator` and core-js's shared store behind.
_DEFINE_ACCESSORS = """((modules, loaderGlobals, load) => {
  const lent = loaderGlobals.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]);
  const getters = new Set();
  const same = (a, b) => a.get === b.get && a.set === b.set && Object.is(a.value, b.value)
    && a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable;
  function accessors(id) {
    const { globals, enumerable } = modules[id];
    for (const name of globals) {
      const get = () => { loadModule(id); return globalThis[name]; };
      getters.add(get);
      Object.defineProperty(globalThis, name, {
        configurable: true, enumerable, get,
        set(value) {
          Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable });
        },
      });
    }
  }
  function loadModule(id) {
    for (const name of modules[id].after) void globalThis[name];
    const before = new Map(Object.getOwnPropertyNames(globalThis).map(
      (name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]));
    // Its globals still waiting here (the bridge replaces some): the module defines those.
    const own = modules[id].globals.filter((name) => getters.has(before.get(name)?.get));
    for (const name of own) delete globalThis[name];
    for (const [name, descriptor] of lent) {
      if (!before.has(name)) Object.defineProperty(globalThis, name, descriptor);
    }
    let loaded = false;
    try {
      load(id);
      loaded = true;
    } finally {
      const keep = new Set(loaded ? own : []);
      for (const name of Object.getOwnPropertyNames(globalThis)) {
        if (!before.has(name) && !keep.has(name)) delete globalThis[name];
      }
      for (const [name, was] of before) {
        const now = Object.getOwnPropertyDescriptor(globalThis, name);
        if (!keep.has(name) && (now === undefined || !same(now, was))) Object.defineProperty(globalThis, name, was);
      }
    }
  }
  for (const id of Object.keys(modules)) accessors(id);
})"""


def prepare() -> None:
    """Do both things as pythonmonkey is imported; if it was imported already, only mend its
    strings, from now on."""
    module = sys.modules.get(ENGINE_MODULE)
    if module is not None:
        string_copies.patch(module.__file__)
    elif not any(isinstance(finder, _ImportHook) for finder in sys.meta_path):
        sys.meta_path.insert(0, _ImportHook())


def _pinned_version() -> bool:
    from importlib import metadata  # here: the command line's --help does not wait for it
    try:
        return metadata.version("pythonmonkey") == PYTHONMONKEY_VERSION
    except metadata.PackageNotFoundError:
        return False


class _ImportHook:
    """A finder for `sys.meta_path` that acts as pythonmonkey is imported. It finds the package,
    its C++ module and its `require` module where Python would; the C++ module's loader mends it
    once loaded (pythonmonkey's __init__ imports it before running any JS), and for the pinned
    version the other two are run with the builtin modules' `require` calls held back. Once
    the package has run, it removes itself."""

    def __init__(self) -> None:
        self.deferring = False
        self.real_require = None

    def find_spec(self, fullname, path, target=None):
        if fullname == "pythonmonkey":
            self.deferring = _pinned_version()
            if not self.deferring:
                return None  # found as usual; only its C++ module is mended
            return self._hooked(machinery.PathFinder.find_spec(fullname, path), self._run_package)
        if fullname == ENGINE_MODULE:
            if not self.deferring:
                sys.meta_path.remove(self)
            spec = machinery.PathFinder.find_spec(fullname, path)
            if spec is not None and isinstance(spec.loader, machinery.ExtensionFileLoader):
                spec.loader = string_copies.PatchingLoader(spec.loader.name, spec.loader.path)
            return spec
        if fullname == REQUIRE_MODULE and self.deferring:
            return self._hooked(machinery.PathFinder.find_spec(fullname, path), self._run_require_module)
        return None

    def _hooked(self, spec, run):
        """`spec`, its loader running the module through `run` (once: the loader's own method is
        back as soon as it is called)."""
        if spec is None or not hasattr(spec.loader, "exec_module"):
            return spec
        real_exec = spec.loader.exec_module

        def exec_module(module):
            del spec.loader.exec_module
            run(real_exec, module)

        spec.loader.exec_module = exec_module
        return spec

    def _run_require_module(self, real_exec, module) -> None:
        real_exec(module)
        self.real_require = module.require
        module.require = _checking_require  # what `from .require import *` copies

    def _run_package(self, real_exec, module) -> None:
        try:
            real_exec(module)
        finally:
            sys.meta_path.remove(self)
            if self.real_require is not None:
                module.require = sys.modules[REQUIRE_MODULE].require = self.real_require
        _define_accessors(module)


def _checking_require(module_id: str) -> None:
    if module_id not in MODULES:
        raise ImportError(f"pythonmonkey {PYTHONMONKEY_VERSION} was expected not to require {module_id!r} "
                          "at import (bridge/runtime/engine_import.py)")


def _define_accessors(pm) -> None:
    package_file = pm.__file__  # `require` resolves from its caller's file: __init__.py's, as before
    requires = []  # one `require`, so a module two of them need is evaluated once

    def load(module_id: str) -> None:
        if not requires:
            requires.append(pm.createRequire(package_file))
        requires[0](module_id)

    pm.eval(_DEFINE_ACCESSORS)(pm.eval(f"({json.dumps(MODULES)})"), LOADER_GLOBALS, load)
