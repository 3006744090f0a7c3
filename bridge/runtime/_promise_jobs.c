/* The loop's call_soon_threadsafe while a runtime runs, for pythonmonkey's promise jobs.
 *
 * pythonmonkey hands every promise job (each await, each .then callback) to
 * loop.call_soon_threadsafe, wrapped in a new builtin function named eventLoopJobWrapper.
 * promise_jobs.py says what goes wrong with that and installs a Scheduler in its place; this is
 * the Scheduler, in C because it runs for every job: a job scheduled from the loop's own thread
 * joins a list, and one call_soon callback per turn of the loop runs the list in order. Jobs
 * that those jobs schedule go to a new list, run at the next turn, so I/O and timers get their
 * turns between the rounds of a promise chain as they did with a Handle per job. Any other
 * callback, or a job from another thread, goes to the loop's own call_soon_threadsafe.
 *
 * With `leaks` (pythonmonkey 1.4.1), the reference pythonmonkey makes to each wrapper and never
 * drops is dropped here, once the list or the loop holds its own.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pythread.h>
#include <string.h>

#define JOB_WRAPPER "eventLoopJobWrapper"

typedef struct {
  PyObject_HEAD
  PyObject *call_soon;            /* the loop's own */
  PyObject *call_soon_threadsafe; /* the loop's own */
  PyObject *report;               /* report(exception) for a job that raised */
  PyObject *jobs;                 /* a list: scheduled, not run yet */
  PyObject *run;                  /* this scheduler's run_jobs, made once */
  unsigned long loop_thread;
  int leaks;
} Scheduler;

static int is_job(PyObject *callback) {
  return PyCFunction_Check(callback) && strcmp(((PyCFunctionObject *)callback)->m_ml->ml_name, JOB_WRAPPER) == 0;
}

static PyObject *scheduler_call(Scheduler *self, PyObject *args, PyObject *kwargs) {
  PyObject *callback = PyTuple_GET_SIZE(args) == 1 ? PyTuple_GET_ITEM(args, 0) : NULL;
  if (callback == NULL || !is_job(callback) || (kwargs != NULL && PyDict_GET_SIZE(kwargs) > 0)) {
    /* Anyone else's callback, perhaps from a signal handler while the loop waits. */
    return PyObject_Call(self->call_soon_threadsafe, args, kwargs);
  }
  PyObject *handle;
  if (PyThread_get_thread_ident() == self->loop_thread) {
    if (PyList_Append(self->jobs, callback) < 0) {
      return NULL;
    }
    if (PyList_GET_SIZE(self->jobs) == 1) {
      PyObject *scheduled = PyObject_CallOneArg(self->call_soon, self->run);
      if (scheduled == NULL) {
        PyList_SetSlice(self->jobs, 0, 1, NULL); /* not scheduled after all */
        return NULL;
      }
      Py_DECREF(scheduled);
    }
    handle = Py_NewRef(Py_None); /* pythonmonkey drops what it is given back for a job */
  } else {
    handle = PyObject_Call(self->call_soon_threadsafe, args, kwargs);
    if (handle == NULL) {
      return NULL;
    }
  }
  if (self->leaks) {
    Py_DECREF(callback); /* the list or the loop's handle keeps its own reference */
  }
  return handle;
}

/* Runs the jobs scheduled until now, in order. A job that raises is reported and the others
 * run; SystemExit and KeyboardInterrupt propagate (as from any loop callback), the jobs after
 * it kept for the next turn. */
static PyObject *scheduler_run(Scheduler *self, PyObject *Py_UNUSED(ignored)) {
  PyObject *ready = self->jobs;
  PyObject *fresh = PyList_New(0);
  if (fresh == NULL) {
    return NULL;
  }
  self->jobs = fresh;
  Py_ssize_t count = PyList_GET_SIZE(ready);
  for (Py_ssize_t i = 0; i < count; i++) {
    PyObject *result = PyObject_CallNoArgs(PyList_GET_ITEM(ready, i));
    if (result != NULL) {
      Py_DECREF(result);
      continue;
    }
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    PyErr_NormalizeException(&type, &value, &traceback);
    if (PyErr_GivenExceptionMatches(type, PyExc_SystemExit) ||
        PyErr_GivenExceptionMatches(type, PyExc_KeyboardInterrupt)) {
      int was_empty = PyList_GET_SIZE(self->jobs) == 0; /* else run_jobs is scheduled already */
      PyObject *rest = PyList_GetSlice(ready, i + 1, count);
      if (rest != NULL && PyList_GET_SIZE(rest) > 0 && PyList_SetSlice(self->jobs, 0, 0, rest) == 0 && was_empty) {
        Py_XDECREF(PyObject_CallOneArg(self->call_soon, self->run));
      }
      Py_XDECREF(rest);
      PyErr_Clear(); /* keeping the rest is best effort; the exit is what matters */
      Py_DECREF(ready);
      PyErr_Restore(type, value, traceback);
      return NULL;
    }
    if (traceback != NULL) {
      PyException_SetTraceback(value, traceback);
    }
    PyObject *reported = PyObject_CallOneArg(self->report, value);
    if (reported == NULL) {
      PyErr_WriteUnraisable(self->report);
    }
    Py_XDECREF(reported);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(traceback);
  }
  Py_DECREF(ready);
  Py_RETURN_NONE;
}

static PyObject *scheduler_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
  static char *keywords[] = {"call_soon", "call_soon_threadsafe", "report", "leaks", NULL};
  PyObject *call_soon, *call_soon_threadsafe, *report;
  int leaks;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOp", keywords, &call_soon, &call_soon_threadsafe, &report,
                                   &leaks)) {
    return NULL;
  }
  Scheduler *self = (Scheduler *)type->tp_alloc(type, 0);
  if (self == NULL) {
    return NULL;
  }
  self->call_soon = Py_NewRef(call_soon);
  self->call_soon_threadsafe = Py_NewRef(call_soon_threadsafe);
  self->report = Py_NewRef(report);
  self->jobs = PyList_New(0);
  self->run = PyObject_GetAttrString((PyObject *)self, "run_jobs");
  self->loop_thread = PyThread_get_thread_ident();
  self->leaks = leaks;
  if (self->jobs == NULL || self->run == NULL) {
    Py_DECREF(self);
    return NULL;
  }
  return (PyObject *)self;
}

static int scheduler_traverse(Scheduler *self, visitproc visit, void *arg) {
  Py_VISIT(self->call_soon);
  Py_VISIT(self->call_soon_threadsafe);
  Py_VISIT(self->report);
  Py_VISIT(self->jobs);
  Py_VISIT(self->run);
  return 0;
}

static int scheduler_clear(Scheduler *self) {
  Py_CLEAR(self->call_soon);
  Py_CLEAR(self->call_soon_threadsafe);
  Py_CLEAR(self->report);
  Py_CLEAR(self->jobs);
  Py_CLEAR(self->run);
  return 0;
}

static void scheduler_dealloc(Scheduler *self) {
  PyObject_GC_UnTrack(self);
  scheduler_clear(self);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef scheduler_methods[] = {
  {"run_jobs", (PyCFunction)scheduler_run, METH_NOARGS, "Run the jobs scheduled until now, in order."},
  {NULL, NULL, 0, NULL},
};

static PyTypeObject SchedulerType = {
  PyVarObject_HEAD_INIT(NULL, 0)
  .tp_name = "bridge.runtime._promise_jobs.Scheduler",
  .tp_basicsize = sizeof(Scheduler),
  .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
  .tp_doc = "Scheduler(call_soon, call_soon_threadsafe, report, leaks): a loop's call_soon_threadsafe "
            "that runs pythonmonkey's promise jobs in one callback per turn.",
  .tp_new = scheduler_new,
  .tp_call = (ternaryfunc)scheduler_call,
  .tp_traverse = (traverseproc)scheduler_traverse,
  .tp_clear = (inquiry)scheduler_clear,
  .tp_dealloc = (destructor)scheduler_dealloc,
  .tp_methods = scheduler_methods,
};

static struct PyModuleDef module = {
  PyModuleDef_HEAD_INIT, "bridge.runtime._promise_jobs", NULL, -1, NULL,
};

PyMODINIT_FUNC PyInit__promise_jobs(void) {
  if (PyType_Ready(&SchedulerType) < 0) {
    return NULL;
  }
  PyObject *m = PyModule_Create(&module);
  if (m == NULL) {
    return NULL;
  }
  if (PyModule_AddObjectRef(m, "Scheduler", (PyObject *)&SchedulerType) < 0) {
    Py_DECREF(m);
    return NULL;
  }
  return m;
}
