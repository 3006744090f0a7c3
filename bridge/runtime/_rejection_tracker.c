/* SpiderMonkey's promise rejection tracker, forwarded to Python with both of its states.
 *
 * The engine calls its tracker with "unhandled" when a promise is rejected while nothing
 * handles it, and with "handled" when a handler is attached later. pythonmonkey 1.4.1's
 * tracker ignores "handled", so `asyncFn().catch(...)` (rejected before `.catch` runs) looks
 * the same as a promise nobody will ever handle. This one calls a Python callable with
 * (promise, handled) for each call, the promise as a pythonmonkey JSObjectProxy (made the way
 * pythonmonkey wraps a plain object, which neither converts the promise to a Future nor
 * attaches a handler to it). rejections.py decides, once pending promise jobs have run,
 * which promises are still unhandled.
 *
 * The engine's and pythonmonkey's C++ functions are found by their exported names in the
 * loaded pythonmonkey module. Two facts of SpiderMonkey 136 on 64-bit machines are used, both
 * read off the x86-64 binary pythonmonkey 1.4.1 ships: a JS::Handle<T> is passed as a pointer
 * to the rooted T, and an object's JS::Value is its pointer XOR JSVAL_SHIFTED_TAG_OBJECT.
 * No JS runs inside the tracker: the Python callable only records what it is given.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "_engine_symbols.h"
#include <stdbool.h>
#include <stdint.h>

#define USER "this rejection tracker" /* for the errors of engine_symbol() */
#define SHIFTED_TAG_OBJECT UINT64_C(0xFFFE000000000000)
#define HANDLED 1 /* JS::PromiseRejectionHandlingState::Handled */

typedef void (*Tracker)(void *cx, bool muted_errors, void **promise, int state, void *data);
typedef void (*SetTracker)(void *cx, Tracker tracker, void *data);
typedef PyObject *(*WrapObject)(void *cx, uint64_t *value);

static WrapObject wrap_object = NULL;
static PyObject *callback = NULL;

static void track(void *cx, bool muted_errors, void **promise, int state, void *data) {
  (void)data;
  if (muted_errors || callback == NULL) {
    return;
  }
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback); /* the engine may be unwinding a Python error */
  uint64_t promise_value = (uint64_t)(uintptr_t)*promise ^ SHIFTED_TAG_OBJECT;
  PyObject *proxy = wrap_object(cx, &promise_value);
  if (proxy != NULL) {
    PyObject *result = PyObject_CallFunctionObjArgs(callback, proxy, state == HANDLED ? Py_True : Py_False, NULL);
    Py_DECREF(proxy);
    Py_XDECREF(result);
  }
  if (PyErr_Occurred()) {
    PyErr_WriteUnraisable(callback);
  }
  PyErr_Restore(type, value, traceback);
}

static PyObject *install(PyObject *module, PyObject *args) {
  const char *library_path;
  PyObject *new_callback;
  if (!PyArg_ParseTuple(args, "sO:install", &library_path, &new_callback)) {
    return NULL;
  }
  void *library = open_engine_module(library_path);
  if (library == NULL) {
    return NULL;
  }
  void **global_cx = engine_symbol(library, "GLOBAL_CX", USER);
  SetTracker set_tracker = (SetTracker)engine_symbol(library,
    "_ZN2JS34SetPromiseRejectionTrackerCallbackEP9JSContextPFvS1_bNS_6HandleIP8JSObjectEENS_29PromiseRejectionHandlingStateEPvES7_", USER);
  WrapObject wrap = (WrapObject)engine_symbol(library, "_ZN8DictType11getPyObjectEP9JSContextN2JS6HandleINS2_5ValueEEE", USER);
  dlclose(library); /* the module stays loaded: Python holds it */
  if (global_cx == NULL || set_tracker == NULL || wrap == NULL) {
    return NULL;
  }
  Py_INCREF(new_callback);
  Py_XSETREF(callback, new_callback);
  wrap_object = wrap;
  set_tracker(*global_cx, track, NULL);
  Py_RETURN_NONE;
}

static PyObject *clear(PyObject *module, PyObject *unused) {
  Py_CLEAR(callback); /* the tracker stays installed and does nothing */
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
  {"install", install, METH_VARARGS,
   "install(pythonmonkey_module_path, callback): call callback(promise, handled) for each "
   "call of the engine's rejection tracker."},
  {"clear", clear, METH_NOARGS, "Stop calling the callback."},
  {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
  PyModuleDef_HEAD_INIT, "bridge.runtime._rejection_tracker", NULL, -1, methods,
};

PyMODINIT_FUNC PyInit__rejection_tracker(void) {
  return PyModule_Create(&module);
}
