"""How pythonmonkey's promise jobs reach the asyncio loop, mended (issue #8).

pythonmonkey schedules every promise job (each `await`, each `.then` callback) with
`loop.call_soon_threadsafe`, wrapped in a new function object. Three things go wrong, and the
runtime's loop gets a `call_soon_threadsafe` that mends them:

1. PyEventLoop::enqueue never drops the reference it made to the wrapper, so the wrapper, the
   job's JS function and everything that closes over live forever: ~900 bytes per `await`
   (upstream PR #508). The replacement drops that one reference once the job is scheduled.
2. The function proxies' deallocators never free the proxy object itself (one per job):
   _proxy_dealloc.c makes them.
3. call_soon_threadsafe writes to the loop's self-pipe on every call, to wake a loop that may
   be waiting in another thread. Jobs are scheduled from the loop's own thread while it runs
   JS, so the replacement uses call_soon for them: async code runs ~1.7x faster. Every other
   callback goes to the loop's own call_soon_threadsafe.

1 and 2 depend on pythonmonkey's exact reference counts, so they apply to 1.4.1 only (the
version pyproject.toml pins). asyncio's loops and uvloop's take the replacement method.
"""

from __future__ import annotations

import asyncio
import ctypes
import threading

import pythonmonkey as pm

from ._proxy_dealloc import free_after_dealloc

LEAKING_VERSION = "1.4.1"
_JOB_WRAPPER = "eventLoopJobWrapper"  # the name pythonmonkey gives the wrapper's PyMethodDef
_BUILTIN = type(len)

_decref = ctypes.pythonapi.Py_DecRef
_decref.argtypes = [ctypes.py_object]
_decref.restype = None


def apply(loop: asyncio.AbstractEventLoop) -> None:
    """Mend the scheduling of promise jobs on this loop (not possible, and skipped, on a loop
    class without an instance dictionary)."""
    if getattr(loop.call_soon_threadsafe, "schedules_promise_jobs", False):
        return  # a runtime made earlier on this loop did it
    leaks = pm.__version__ == LEAKING_VERSION
    if leaks:
        free_after_dealloc(pm.JSFunctionProxy)
        free_after_dealloc(pm.JSMethodProxy)
    call_soon, call_soon_threadsafe = loop.call_soon, loop.call_soon_threadsafe
    loop_thread = threading.get_ident()

    def schedule(callback, *args, context=None):
        if type(callback) is not _BUILTIN or callback.__name__ != _JOB_WRAPPER:
            # Anyone else's callback, perhaps from a signal handler while the loop waits.
            return call_soon_threadsafe(callback, *args, context=context)
        if threading.get_ident() == loop_thread:
            handle = call_soon(callback, *args, context=context)
        else:
            handle = call_soon_threadsafe(callback, *args, context=context)
        if leaks:
            _decref(callback)  # the reference enqueue() made and never drops; the handle keeps its own
        return handle

    schedule.schedules_promise_jobs = True
    try:
        loop.call_soon_threadsafe = schedule
    except AttributeError:
        pass


def remove(loop: asyncio.AbstractEventLoop) -> None:
    """Give the loop back its own call_soon_threadsafe (the deallocators stay mended)."""
    if getattr(loop.__dict__.get("call_soon_threadsafe"), "schedules_promise_jobs", False):
        del loop.call_soon_threadsafe
