/* The loaded pythonmonkey module's exported symbols (its own, and the engine's it links to),
 * found by name: how the runtime's C extensions reach what pythonmonkey 1.4.1 does not offer
 * Python. Included after Python.h. */
#ifndef BRIDGE_ENGINE_SYMBOLS_H
#define BRIDGE_ENGINE_SYMBOLS_H

#include <dlfcn.h>

/* The module loaded from `path`, without loading it again; NULL with a RuntimeError if it is not
 * loaded. The caller dlclose()s it after its lookups (the module stays: Python holds it). */
static void *open_engine_module(const char *path) {
  void *module = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
  if (module == NULL) {
    PyErr_Format(PyExc_RuntimeError, "pythonmonkey's module is not loaded from %s", path);
  }
  return module;
}

/* `name` in the module; NULL with a RuntimeError naming it and `user`, what needs it. */
static void *engine_symbol(void *module, const char *name, const char *user) {
  void *symbol = dlsym(module, name);
  if (symbol == NULL) {
    PyErr_Format(PyExc_RuntimeError, "the loaded pythonmonkey has no %s: %s is written for "
                 "pythonmonkey 1.4.1", name, user);
  }
  return symbol;
}

#endif
