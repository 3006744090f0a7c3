/* JS strings reach Python as copies of their characters that end in a NUL, as Python's own do.
 *
 * pythonmonkey 1.4.1 on Python 3.11 hands a JS string to Python as a JSStringProxy: a str
 * whose character pointer is the JS string's own buffer (StrType::proxifyString). CPython
 * assumes every str's characters are followed by a NUL, and some functions read it:
 * os.path.normpath copies length + 1 characters (PyUnicode_AsWideCharString). A JS buffer has
 * no NUL after it, and when it ends exactly at the end of one of the engine's 1 MiB nursery
 * chunks (each mapped on its own, at a random address) that read faults. A flattened string
 * of a power-of-two length fills its buffer exactly, so JS strings of 64, 128, 256...
 * characters do this; pythonmonkey's own import can, normalising a module path of such a
 * length (docs/engine.md has what was measured).
 *
 * patch() points pythonmonkey's module's call to proxifyString (through its procedure linkage
 * table: one slot, used by both of its callers) at copy_string below, which calls the
 * original and, when that gives a JSStringProxy, returns a plain copy of its characters and
 * frees the proxy (1.4.1's deallocator never frees the object, as with the function proxies
 * in _proxy_dealloc.c). The copy equals the JS string; going back into JS it becomes a new JS
 * string instead of the original one. The slot is found in the module's dynamic section, as
 * the dynamic linker itself finds it; the loaded module is found by the address of its init
 * function.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "_engine_symbols.h"
#include "_read_only_slots.h"
#include <elf.h>
#include <string.h>

/* PyObject *StrType::proxifyString(JSContext *cx, JS::HandleValue strVal); a JS::Handle is
 * passed as a pointer (see _rejection_tracker.c). */
#define PROXIFY_STRING "_ZN7StrType13proxifyStringEP9JSContextN2JS6HandleINS2_5ValueEEE"

typedef PyObject *(*ProxifyString)(void *cx, void *value);

#if defined(__x86_64__)
#define JUMP_SLOT R_X86_64_JUMP_SLOT
#elif defined(__aarch64__)
#define JUMP_SLOT R_AARCH64_JUMP_SLOT
#endif

static ProxifyString original = NULL;

static PyObject *copy_string(void *cx, void *value) {
  PyObject *proxy = original(cx, value);
  if (proxy == NULL || PyUnicode_CheckExact(proxy)) {
    return proxy; /* an error, or already a str of Python's own (pythonmonkey copies some) */
  }
  PyObject *copy = PyUnicode_FromKindAndData(PyUnicode_KIND(proxy), PyUnicode_DATA(proxy),
                                             PyUnicode_GET_LENGTH(proxy));
  PyTypeObject *type = Py_TYPE(proxy);
  int only_reference = Py_REFCNT(proxy) == 1; /* it is new: always, in 1.4.1 */
  Py_DECREF(proxy); /* the deallocator releases the JS string */
  if (only_reference) {
    type->tp_free(proxy);
  }
  return copy;
}

struct search {
  uintptr_t base;   /* where the module is loaded */
  void **slot;      /* its procedure linkage table's slot for proxifyString, once found */
};

/* An address from the module's dynamic section: the dynamic linker has already added the
 * load address to some of them (glibc does, on x86-64). */
static uintptr_t dynamic_address(uintptr_t base, ElfW(Addr) value) {
  return value < base ? base + value : value;
}

static int find_slot(struct dl_phdr_info *info, size_t size, void *data) {
  struct search *search = data;
  if (info->dlpi_addr != search->base) {
    return 0;
  }
  const ElfW(Dyn) *dynamic = NULL;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *header = &info->dlpi_phdr[i];
    if (header->p_type == PT_DYNAMIC) {
      dynamic = (const ElfW(Dyn) *)(info->dlpi_addr + header->p_vaddr);
    }
  }
  const ElfW(Rela) *relocations = NULL;
  size_t relocations_size = 0;
  const ElfW(Sym) *symbols = NULL;
  const char *names = NULL;
  for (; dynamic != NULL && dynamic->d_tag != DT_NULL; dynamic++) {
    switch (dynamic->d_tag) {
      case DT_JMPREL: relocations = (const ElfW(Rela) *)dynamic_address(search->base, dynamic->d_un.d_ptr); break;
      case DT_PLTRELSZ: relocations_size = dynamic->d_un.d_val; break;
      case DT_SYMTAB: symbols = (const ElfW(Sym) *)dynamic_address(search->base, dynamic->d_un.d_ptr); break;
      case DT_STRTAB: names = (const char *)dynamic_address(search->base, dynamic->d_un.d_ptr); break;
    }
  }
  if (relocations == NULL || symbols == NULL || names == NULL) {
    return 1;
  }
  for (size_t i = 0; i < relocations_size / sizeof(ElfW(Rela)); i++) {
    const ElfW(Rela) *relocation = &relocations[i];
    if (ELF64_R_TYPE(relocation->r_info) == JUMP_SLOT &&
        strcmp(names + symbols[ELF64_R_SYM(relocation->r_info)].st_name, PROXIFY_STRING) == 0) {
      search->slot = (void **)(search->base + relocation->r_offset);
      break;
    }
  }
  return 1;
}

static PyObject *patch(PyObject *module, PyObject *args) {
  const char *library_path;
  if (!PyArg_ParseTuple(args, "s:patch", &library_path)) {
    return NULL;
  }
  void *library = open_engine_module(library_path);
  if (library == NULL) {
    return NULL;
  }
  ProxifyString proxify = (ProxifyString)engine_symbol(library, PROXIFY_STRING, "_string_copies");
  void *init = engine_symbol(library, "PyInit_pythonmonkey", "_string_copies");
  dlclose(library); /* the module stays loaded: Python holds it */
  Dl_info loaded;
  if (proxify == NULL || init == NULL) {
    return NULL;
  }
  if (dladdr(init, &loaded) == 0) {
    PyErr_SetString(PyExc_RuntimeError, "pythonmonkey's module is loaded from no file dladdr knows");
    return NULL;
  }
  struct search search = {(uintptr_t)loaded.dli_fbase, NULL};
  dl_iterate_phdr(find_slot, &search);
  if (search.slot == NULL) {
    PyErr_SetString(PyExc_RuntimeError, "pythonmonkey's module does not call "
                    "StrType::proxifyString through its linkage table");
    return NULL;
  }
  if (*search.slot == (void *)copy_string) {
    Py_RETURN_NONE; /* already done in this process */
  }
  original = proxify;
  struct read_only_range range = read_only_range_of(search.base);
  if (write_slot(&range, search.slot, (void *)copy_string) != 0) {
    return PyErr_SetFromErrno(PyExc_OSError);
  }
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
  {"patch", patch, METH_VARARGS,
   "patch(pythonmonkey_module_path): from now on, JS strings reach Python as copies."},
  {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
  PyModuleDef_HEAD_INIT, "bridge.runtime._string_copies", NULL, -1, methods,
};

PyMODINIT_FUNC PyInit__string_copies(void) {
  return PyModule_Create(&module);
}
