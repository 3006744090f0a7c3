/* Frees the Python objects that pythonmonkey 1.4.1's function proxies forget to free.
 *
 * JSFunctionProxy_dealloc and JSMethodProxy_dealloc release the JS function they hold but
 * never call tp_free, so the proxy object itself (24-32 bytes) stays allocated forever.
 * pythonmonkey makes one for every JS function that crosses into Python (and for every promise
 * job it schedules itself, when no runtime's job queue takes them). promise_jobs.py calls
 * free_after_dealloc() for those two types (for pythonmonkey 1.4.1 only): their tp_dealloc
 * becomes "the original deallocator, then tp_free". This is C, not ctypes, because a
 * deallocator may run while an exception is set, where no Python code may run.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define MAX_TYPES 4

static PyTypeObject *patched_types[MAX_TYPES];
static destructor original_deallocs[MAX_TYPES];
static int patched_count = 0;

static void dealloc_then_free(PyObject *self) {
  PyTypeObject *type = Py_TYPE(self);
  for (int i = 0; i < patched_count; i++) {
    if (patched_types[i] == type) {
      original_deallocs[i](self);
      type->tp_free(self);
      return;
    }
  }
}

static PyObject *free_after_dealloc(PyObject *module, PyObject *arg) {
  if (!PyType_Check(arg)) {
    PyErr_SetString(PyExc_TypeError, "free_after_dealloc() takes a type");
    return NULL;
  }
  PyTypeObject *type = (PyTypeObject *)arg;
  if (type->tp_dealloc == dealloc_then_free) {
    Py_RETURN_NONE; /* already done in this process */
  }
  /* Only static, non-GC types whose objects the original deallocator leaves allocated. */
  if (type->tp_flags & (Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE)) {
    PyErr_Format(PyExc_TypeError, "%s: not a static, final, non-GC type", type->tp_name);
    return NULL;
  }
  if (patched_count == MAX_TYPES) {
    PyErr_SetString(PyExc_RuntimeError, "free_after_dealloc(): too many types");
    return NULL;
  }
  patched_types[patched_count] = type;
  original_deallocs[patched_count] = type->tp_dealloc;
  patched_count++;
  type->tp_dealloc = dealloc_then_free;
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
  {"free_after_dealloc", free_after_dealloc, METH_O,
   "Make the type's deallocator free the object after running the original one."},
  {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
  PyModuleDef_HEAD_INIT, "bridge.runtime._proxy_dealloc", NULL, -1, methods,
};

PyMODINIT_FUNC PyInit__proxy_dealloc(void) {
  return PyModule_Create(&module);
}
