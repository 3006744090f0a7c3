/* Stopping JS that never returns to Python (`while (true) {}`), on SIGINT or SIGTERM.
 *
 * Python runs its signal handlers between bytecodes, so while the engine runs a busy loop
 * neither Ctrl+C nor SIGTERM is ever acted on. SpiderMonkey checks for interrupt requests
 * at loop heads and function entries. This module's C signal handler notes the signal, wakes
 * a watchdog thread (sem_post is async-signal-safe) and chains to the handler it replaced
 * (Python's, which wakes the asyncio loop). If Python has not handled the signal once the
 * main thread has spent GRACE_NS of CPU time since, JS must be busy: only then does the
 * watchdog ask the engine for an interrupt (JS_RequestInterruptCallback, documented as safe
 * from another thread), again every RETRY_NS until Python has. CPU time, not wall time: a
 * process starved of CPU by other work is not busy, and under such load a wall-clock grace
 * stopped ordinary callbacks (each connection whose callback was stopped was dropped without
 * its close). After stopping one JS call, the next is stopped only after another GRACE_NS of
 * CPU: between the stopped call and Python's handler, the loop's other ready callbacks run. The interrupt callback runs on the engine's thread: it formats
 * the JS stack and returns false, which ends that JS with an uncatchable error;
 * pythonmonkey 1.4.1 raises it as a SpiderMonkeyError with no JS exception ("...did not set
 * an exception"). The engine keeps working afterwards. interrupts.py handles the Python side.
 *
 * No interrupt is requested while JS is merely busy with ordinary work: a pending request
 * trips the engine's stack-limit checks, and some of them (Function.prototype.apply pushing
 * its arguments) report "too much recursion" instead of handling it. Measured: requesting at
 * once and again from the callback during the grace period failed ~2% of the messages a
 * server was handling at a SIGTERM under load (tests/reliability/test_shutdown.py).
 *
 * The engine's functions are found by their exported (mangled) names through the loaded
 * pythonmonkey module, as in _rejection_tracker.c.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "_engine_symbols.h"
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define USER "the interrupt handler" /* for the errors of engine_symbol() */

typedef bool (*InterruptCallback)(void *cx);
typedef bool (*AddInterruptCallback)(void *cx, InterruptCallback callback);
typedef void (*RequestInterruptCallback)(void *cx);
/* JS::FormatStackDump returns a JS::UniqueChars, which the x86-64 ABI returns through a
 * pointer passed first. Its text is not freed: it is made once per signal, and freeing it
 * would need the engine's own allocator. */
typedef void (*FormatStackDump)(char **result, void *cx, bool args, bool locals, bool this_props);

static void **global_cx = NULL;
static RequestInterruptCallback request_interrupt = NULL;
static FormatStackDump format_stack = NULL;
static volatile sig_atomic_t stop_requested = 0;
static char *backtrace = NULL; /* the stack where JS was stopped, until settled */
static struct sigaction replaced[NSIG];

/* JS that returns within this long after a signal is let finish: the asyncio handler then
 * handles the signal with everything intact. Only JS still running past it is stopped. */
#define GRACE_NS 100000000L
#define RETRY_NS 20000000L

static sem_t signalled; /* posted by the signal handler, waited on by the watchdog */

static clockid_t main_cpu; /* the CPU-time clock of the thread that runs the engine */
static struct timespec busy_since; /* main_cpu at the signal, then at the last JS stopped */

static long busy_for(void) {
  struct timespec now;
  clock_gettime(main_cpu, &now); /* async-signal-safe, and readable from any thread */
  return (now.tv_sec - busy_since.tv_sec) * 1000000000L + (now.tv_nsec - busy_since.tv_nsec);
}

static bool on_interrupt(void *cx) {
  if (!stop_requested || busy_for() < GRACE_NS) {
    return true; /* Python handled the signal meanwhile (or will): carry on */
  }
  if (backtrace == NULL) {
    format_stack(&backtrace, cx, false, false, false);
  }
  clock_gettime(main_cpu, &busy_since);
  return false;
}

static void pause_ns(long nanoseconds) {
  struct timespec pause = {nanoseconds / 1000000000L, nanoseconds % 1000000000L};
  while (nanosleep(&pause, &pause) != 0) {
  }
}

/* Waits for a signal; once its grace period is over and Python still has not handled it,
 * asks the engine to interrupt JS until Python has. */
static void *watchdog(void *unused) {
  (void)unused;
  for (;;) {
    while (sem_wait(&signalled) != 0) {
    }
    while (stop_requested) {
      long left = GRACE_NS - busy_for(); /* CPU time advances no faster than this sleeps */
      if (left > 0) {
        pause_ns(left);
        continue;
      }
      request_interrupt(*global_cx);
      pause_ns(RETRY_NS);
    }
  }
  return NULL;
}

static void on_signal(int signum) {
  if (!stop_requested) {
    clock_gettime(main_cpu, &busy_since); /* async-signal-safe */
    stop_requested = 1;
    if (global_cx != NULL) {
      sem_post(&signalled);
    }
  }
  struct sigaction *previous = &replaced[signum];
  if (previous->sa_flags & SA_SIGINFO) {
    if (previous->sa_sigaction != NULL) {
      previous->sa_sigaction(signum, NULL, NULL);
    }
  } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN && previous->sa_handler != NULL) {
    previous->sa_handler(signum);
  }
}

static PyObject *install(PyObject *module, PyObject *args) {
  const char *library_path;
  if (!PyArg_ParseTuple(args, "s:install", &library_path)) {
    return NULL;
  }
  if (global_cx != NULL) {
    Py_RETURN_NONE; /* once per process: the engine keeps its callbacks for good */
  }
  void *library = open_engine_module(library_path);
  if (library == NULL) {
    return NULL;
  }
  /* dlsym through a handle also searches the libraries it depends on (libmozjs). */
  void **cx = engine_symbol(library, "GLOBAL_CX", USER);
  AddInterruptCallback add = (AddInterruptCallback)engine_symbol(library, "_Z23JS_AddInterruptCallbackP9JSContextPFbS0_E", USER);
  RequestInterruptCallback request = (RequestInterruptCallback)engine_symbol(library, "_Z27JS_RequestInterruptCallbackP9JSContext", USER);
  FormatStackDump format = (FormatStackDump)engine_symbol(library, "_ZN2JS15FormatStackDumpEP9JSContextbbb", USER);
  dlclose(library); /* the module stays loaded: Python holds it */
  if (cx == NULL || add == NULL || request == NULL || format == NULL) {
    return NULL;
  }
  if (*cx == NULL || !add(*cx, on_interrupt)) {
    PyErr_SetString(PyExc_RuntimeError, "the engine refused the interrupt callback");
    return NULL;
  }
  if (pthread_getcpuclockid(pthread_self(), &main_cpu) != 0) { /* install() runs on the engine's thread */
    PyErr_SetString(PyExc_RuntimeError, "no CPU-time clock for the engine's thread");
    return NULL;
  }
  request_interrupt = request;
  format_stack = format;
  pthread_t thread;
  if (sem_init(&signalled, 0, 0) != 0 || pthread_create(&thread, NULL, watchdog, NULL) != 0) {
    return PyErr_SetFromErrno(PyExc_OSError);
  }
  pthread_detach(thread);
  global_cx = cx;
  Py_RETURN_NONE;
}

static PyObject *arm(PyObject *module, PyObject *args) {
  int signum;
  if (!PyArg_ParseTuple(args, "i:arm", &signum)) {
    return NULL;
  }
  if (signum <= 0 || signum >= NSIG) {
    PyErr_Format(PyExc_ValueError, "no signal %d", signum);
    return NULL;
  }
  struct sigaction current;
  if (sigaction(signum, NULL, &current) != 0) {
    return PyErr_SetFromErrno(PyExc_OSError);
  }
  if (!(current.sa_flags & SA_SIGINFO) && current.sa_handler == on_signal) {
    Py_RETURN_NONE; /* already ours: keep what it chains to */
  }
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_ONSTACK;
  if (sigaction(signum, &action, &replaced[signum]) != 0) {
    return PyErr_SetFromErrno(PyExc_OSError);
  }
  Py_RETURN_NONE;
}

static PyObject *settle(PyObject *module, PyObject *unused) {
  stop_requested = 0;
  if (backtrace == NULL) {
    Py_RETURN_NONE;
  }
  PyObject *text = PyUnicode_DecodeUTF8(backtrace, strlen(backtrace), "replace");
  backtrace = NULL;
  return text;
}

static PyObject *stopped(PyObject *module, PyObject *unused) {
  return PyBool_FromLong(backtrace != NULL);
}

static PyMethodDef methods[] = {
  {"install", install, METH_VARARGS,
   "install(pythonmonkey_module_path): add the engine's interrupt callback (once per process)."},
  {"arm", arm, METH_VARARGS,
   "arm(signum): handle signum in C first (request an interrupt), then chain to the handler "
   "installed before; call it again after Python or asyncio replace the handler."},
  {"settle", settle, METH_NOARGS,
   "Forget the stop request (JS runs on normally again) and return the JS stack where JS was "
   "stopped, or None if none was running."},
  {"stopped", stopped, METH_NOARGS, "Whether JS was stopped since the last settle()."},
  {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
  PyModuleDef_HEAD_INIT, "bridge.runtime._interrupt", NULL, -1, methods,
};

PyMODINIT_FUNC PyInit__interrupt(void) {
  return PyModule_Create(&module);
}
