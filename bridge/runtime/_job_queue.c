/* The engine's promise jobs, queued here and drained from one callback of the asyncio loop.
 *
 * pythonmonkey 1.4.1's JobQueue gives each promise job (each `await`, each `.then` callback)
 * to the loop as a callback of its own: it wraps the JS function in a Python proxy and a
 * wrapper, schedules that with call_soon_threadsafe (an asyncio Handle) and clears and sets an
 * asyncio.Event around it, ~8 us a job, where running the job itself takes well under 1 us.
 *
 * install() takes the engine's calls to JobQueue::enqueuePromiseJob for this module (the slot
 * of pythonmonkey's JobQueue vtable, which the engine calls through). While a runtime has the
 * queue (activate), a job is a pointer appended to a ring of them: an extra GC roots tracer
 * keeps each alive and updated when a major GC moves it, and the post-write barrier of each
 * write tells minor GCs, which trace no roots of the embedding's, where the young ones are.
 * The first job that finds no drain coming schedules one (loop.call_soon(run_round)); a drain
 * runs the jobs in order, one JS call each, and the jobs they queue, until none is left (as JS
 * engines run every pending job before the next task), or until jobs_per_turn have run: then
 * the rest waits for the loop's next turn, so an endless chain of promises does not starve
 * timers or sockets. run_pending() drains at once; the timers do before each callback, so
 * jobs queued before a timer fires run before it, on any loop. A job that fails (only an
 * interrupt or running out of memory fails one: a promise reaction catches what JS throws) is
 * reported through the runtime's `report` callable, and the drain goes on. With no runtime
 * (deactivate), jobs go to pythonmonkey's own enqueue again; jobs already queued still run in
 * the drains left, or on the loop of the next runtime that activates.
 *
 * The functions are found by their exported names in the loaded pythonmonkey module, and the
 * facts of SpiderMonkey 136 in _rejection_tracker.c apply: a JS::Handle is passed as a pointer
 * to the rooted thing, and an object's JS::Value is its pointer XOR JSVAL_SHIFTED_TAG_OBJECT.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "_read_only_slots.h"
#include "_engine_symbols.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define USER "this job queue" /* for the errors of engine_symbol() */
#define SHIFTED_TAG_OBJECT UINT64_C(0xFFFE000000000000)
#define ENQUEUE "_ZN8JobQueue17enqueuePromiseJobEP9JSContextN2JS6HandleIP8JSObjectEES6_S6_S6_"
#define VTABLE "_ZTV8JobQueue"
#define VTABLE_SLOTS 16 /* looked through for the enqueue slot; 1.4.1's has 8 */
#define SMALLEST_CAPACITY 64  /* a power of two, as every capacity */
#define LARGEST_KEPT_CAPACITY 1024 /* 8 KiB: kept while empty; a larger array is shrunk */

/* bool JobQueue::enqueuePromiseJob(JSContext *cx, HandleObject promise, HandleObject job,
 *                                  HandleObject allocationSite, HandleObject incumbentGlobal) */
typedef bool (*Enqueue)(void *self, void *cx, void **promise, void **job, void **site, void **global);
typedef void (*TraceOp)(void *tracer, void *data);
typedef bool (*AddRootsTracer)(void *cx, TraceOp trace, void *data);
typedef void (*TraceObject)(void *tracer, void **object, const char *name);
/* JS::HeapObjectPostWriteBarrier(JSObject **slot, JSObject *prev, JSObject *next) */
typedef void (*PostWriteBarrier)(void **slot, void *prev, void *next);
struct HandleValueArray { size_t length; const uint64_t *elements; };
typedef bool (*CallFunctionValue)(void *cx, void **self, uint64_t *function,
                                  const struct HandleValueArray *args, uint64_t *result);
typedef void (*ContextFunction)(void *cx);

static void **global_cx = NULL;
static Enqueue original_enqueue = NULL;
static TraceObject trace_object = NULL;
static PostWriteBarrier post_write_barrier = NULL;
static CallFunctionValue call_function_value = NULL;
static ContextFunction may_not_be_empty = NULL;
static ContextFunction set_python_error = NULL; /* pythonmonkey's setSpiderMonkeyException */

/* The queue, a ring: `count` jobs from `head`. A slot holding a job is a GC root (trace()),
 * and as the engine moves young objects without tracing roots, each write to a slot tells it
 * through the post-write barrier, as a JS::Heap<JSObject*> does. */
static void **jobs = NULL;
static size_t capacity = 0, head = 0, count = 0;
static bool draining = false;
static bool scheduled = false; /* a run_round callback is on the loop and has not started */
static size_t jobs_per_turn = 10000;
static bool active = false;
static PyObject *call_soon = NULL; /* the active runtime's loop.call_soon */
static PyObject *report = NULL;    /* its report(exception) for a job that failed */
static PyObject *run_round_callable = NULL;

static void *no_this = NULL;
static const struct HandleValueArray no_arguments = {0, NULL};

static void **slot_at(size_t position) {
  return &jobs[(head + position) & (capacity - 1)];
}

static void store(void **slot, void *job) {
  void *previous = *slot;
  *slot = job;
  post_write_barrier(slot, previous, job);
}

static void trace(void *tracer, void *data) {
  (void)data;
  for (size_t i = 0; i < count; i++) {
    trace_object(tracer, slot_at(i), "promise job");
  }
}

/* Moves the waiting jobs to an array of `new_capacity` slots from the front. */
static bool reallocate(size_t new_capacity) {
  void **moved = PyMem_RawCalloc(new_capacity, sizeof(void *));
  if (moved == NULL) {
    return false;
  }
  for (size_t i = 0; i < count; i++) {
    void **slot = slot_at(i);
    store(&moved[i], *slot);
    store(slot, NULL);
  }
  PyMem_RawFree(jobs);
  jobs = moved, capacity = new_capacity, head = 0;
  return true;
}

/* Schedules a drain on the active runtime's loop; false if the loop refused (it is closed).
 * A Python error being raised (pythonmonkey raises through JS) is kept as it was. */
static bool schedule_round(void) {
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  PyObject *handle = PyObject_CallOneArg(call_soon, run_round_callable);
  Py_XDECREF(handle);
  PyErr_Clear();
  PyErr_Restore(type, value, traceback);
  scheduled = handle != NULL;
  return scheduled;
}

static bool enqueue(void *self, void *cx, void **promise, void **job, void **site, void **global) {
  if (!active) {
    return original_enqueue(self, cx, promise, job, site, global);
  }
  if (count == capacity && !reallocate(capacity == 0 ? SMALLEST_CAPACITY : capacity * 2)) {
    return false; /* the engine reports it as out of memory */
  }
  store(slot_at(count), *job);
  count++;
  may_not_be_empty(cx);
  if (scheduled || draining || schedule_round()) {
    return true; /* a drain is running or coming */
  }
  count--; /* a closed loop: left to pythonmonkey's enqueue, which fails as it did */
  store(slot_at(count), NULL);
  return original_enqueue(self, cx, promise, job, site, global);
}

/* Runs the job at the head and takes it off the queue; false, with a Python error set, if it
 * failed. The job stays in its slot while it runs, which keeps it alive and up to date; the
 * engine reads the function's value below only as the call starts. */
static bool run_next_job(void) {
  uint64_t function = (uint64_t)(uintptr_t)jobs[head] ^ SHIFTED_TAG_OBJECT;
  uint64_t result = 0;
  bool ok = call_function_value(*global_cx, &no_this, &function, &no_arguments, &result);
  store(&jobs[head], NULL); /* jobs the job queued may have moved the ring: head is current */
  head = (head + 1) & (capacity - 1);
  count--;
  if (!ok) {
    set_python_error(*global_cx);
  }
  return ok && !PyErr_Occurred();
}

/* A job's failure goes to `report`; what is no Exception (KeyboardInterrupt, SystemExit)
 * ends the round early and is raised, as asyncio's callbacks raise it. */
static bool report_failure(void) {
  if (!PyErr_ExceptionMatches(PyExc_Exception) || report == NULL) {
    return false;
  }
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  PyErr_NormalizeException(&type, &value, &traceback);
  if (traceback != NULL) {
    PyException_SetTraceback(value, traceback);
  }
  PyObject *result = PyObject_CallOneArg(report, value);
  if (result == NULL) {
    PyErr_WriteUnraisable(report);
  }
  Py_XDECREF(result);
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(traceback);
  return true;
}

/* Schedules a drain for what is left (a closed loop leaves it to the next runtime's). */
static void schedule_rest(void) {
  if (count > 0 && !scheduled && call_soon != NULL) {
    schedule_round();
  }
}

/* Runs jobs, those they queue too, until none is left or jobs_per_turn have run. */
static PyObject *drain(void) {
  if (draining) {
    Py_RETURN_NONE; /* a job's Python code ran the loop's callbacks: the outer drain goes on */
  }
  draining = true;
  for (size_t ran = 0; count > 0 && ran < jobs_per_turn; ran++) {
    if (!run_next_job() && !report_failure()) {
      draining = false;
      schedule_rest();
      return NULL;
    }
  }
  draining = false;
  schedule_rest(); /* an endless chain: the rest at the loop's next turn */
  if (count == 0 && capacity > LARGEST_KEPT_CAPACITY) {
    reallocate(SMALLEST_CAPACITY); /* a burst is over: give its memory back */
  }
  Py_RETURN_NONE;
}

static PyObject *run_round(PyObject *module, PyObject *unused) {
  (void)module, (void)unused;
  scheduled = false;
  return drain();
}

static PyMethodDef run_round_def = {
  "run_round", run_round, METH_NOARGS, "Run the queued promise jobs (the callback a round schedules).",
};

static PyObject *install(PyObject *module, PyObject *args) {
  const char *library_path;
  if (!PyArg_ParseTuple(args, "s:install", &library_path)) {
    return NULL;
  }
  if (original_enqueue != NULL) {
    Py_RETURN_NONE; /* already done in this process */
  }
  void *library = open_engine_module(library_path);
  if (library == NULL) {
    return NULL;
  }
  void **cx = engine_symbol(library, "GLOBAL_CX", USER);
  void **vtable = engine_symbol(library, VTABLE, USER);
  Enqueue enqueue_function = engine_symbol(library, ENQUEUE, USER);
  AddRootsTracer add_tracer = engine_symbol(library, "_Z24JS_AddExtraGCRootsTracerP9JSContextPFvP8JSTracerPvES3_", USER);
  TraceObject object_tracer = engine_symbol(library, "_ZN2js2gc17TraceExternalEdgeEP8JSTracerPP8JSObjectPKc", USER);
  PostWriteBarrier barrier = engine_symbol(library, "_ZN2JS26HeapObjectPostWriteBarrierEPP8JSObjectS1_S1_", USER);
  CallFunctionValue call = engine_symbol(library, "_Z20JS_CallFunctionValueP9JSContextN2JS6HandleIP8JSObjectEENS2_"
                                         "INS1_5ValueEEERKNS1_16HandleValueArrayENS1_13MutableHandleIS6_EE", USER);
  ContextFunction not_empty = engine_symbol(library, "_ZN2JS21JobQueueMayNotBeEmptyEP9JSContext", USER);
  ContextFunction python_error = engine_symbol(library, "_Z24setSpiderMonkeyExceptionP9JSContext", USER);
  void *init = engine_symbol(library, "PyInit_pythonmonkey", USER);
  dlclose(library); /* the module stays loaded: Python holds it */
  if (cx == NULL || vtable == NULL || enqueue_function == NULL || add_tracer == NULL ||
      object_tracer == NULL || barrier == NULL || call == NULL || not_empty == NULL ||
      python_error == NULL || init == NULL) {
    return NULL;
  }
  void **slot = NULL;
  for (int i = 2; i < VTABLE_SLOTS; i++) { /* after the offset to top and the type info */
    if (vtable[i] == (void *)enqueue_function) {
      slot = &vtable[i];
      break;
    }
  }
  Dl_info loaded;
  if (slot == NULL || dladdr(init, &loaded) == 0) {
    PyErr_SetString(PyExc_RuntimeError, "pythonmonkey's JobQueue vtable has no enqueuePromiseJob "
                    "slot: this job queue is written for pythonmonkey 1.4.1");
    return NULL;
  }
  run_round_callable = PyCFunction_New(&run_round_def, NULL);
  if (run_round_callable == NULL) {
    return NULL;
  }
  global_cx = cx;
  trace_object = object_tracer;
  post_write_barrier = barrier;
  call_function_value = call;
  may_not_be_empty = not_empty;
  set_python_error = python_error;
  if (!add_tracer(*global_cx, trace, NULL)) {
    Py_CLEAR(run_round_callable);
    return PyErr_NoMemory();
  }
  struct read_only_range range = read_only_range_of((uintptr_t)loaded.dli_fbase);
  original_enqueue = enqueue_function;
  if (write_slot(&range, slot, (void *)enqueue) != 0) {
    original_enqueue = NULL;
    return PyErr_SetFromErrno(PyExc_OSError);
  }
  Py_RETURN_NONE;
}

static PyObject *activate(PyObject *module, PyObject *args) {
  PyObject *new_call_soon, *new_report;
  Py_ssize_t per_turn;
  if (!PyArg_ParseTuple(args, "OOn:activate", &new_call_soon, &new_report, &per_turn)) {
    return NULL;
  }
  if (per_turn < 1) {
    PyErr_SetString(PyExc_ValueError, "activate(): jobs_per_turn must be at least 1");
    return NULL;
  }
  if (original_enqueue == NULL) {
    PyErr_SetString(PyExc_RuntimeError, "activate() before install()");
    return NULL;
  }
  Py_INCREF(new_call_soon);
  Py_XSETREF(call_soon, new_call_soon);
  Py_INCREF(new_report);
  Py_XSETREF(report, new_report);
  active = true;
  jobs_per_turn = (size_t)per_turn;
  scheduled = false; /* a drain left on an earlier loop may never run */
  if (!draining) {
    schedule_rest();
  }
  Py_RETURN_NONE;
}

static PyObject *deactivate(PyObject *module, PyObject *unused) {
  active = false; /* call_soon stays: rounds already scheduled may schedule the rest */
  Py_RETURN_NONE;
}

static PyObject *run_pending(PyObject *module, PyObject *unused) {
  if (count == 0) {
    Py_RETURN_NONE;
  }
  return drain();
}

static PyObject *pending(PyObject *module, PyObject *unused) {
  return PyLong_FromSize_t(count);
}

static PyMethodDef methods[] = {
  {"install", install, METH_VARARGS,
   "install(pythonmonkey_module_path): the engine's promise jobs come to this module."},
  {"activate", activate, METH_VARARGS,
   "activate(call_soon, report, jobs_per_turn): queue jobs, and drain them from a callback "
   "scheduled with call_soon, at most jobs_per_turn at a time; report(exception) gets what a "
   "failed job raised."},
  {"run_pending", run_pending, METH_NOARGS,
   "Drain the queued jobs now (at most jobs_per_turn), as before a timer's callback."},
  {"deactivate", deactivate, METH_NOARGS, "Give new jobs to pythonmonkey's own enqueue."},
  {"pending", pending, METH_NOARGS, "How many jobs are queued and not yet run."},
  {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
  PyModuleDef_HEAD_INIT, "bridge.runtime._job_queue", NULL, -1, methods,
};

PyMODINIT_FUNC PyInit__job_queue(void) {
  return PyModule_Create(&module);
}
