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
   be waiting in another thread, and a Handle per job costs its own turn of asyncio's
   machinery. Jobs are scheduled from the loop's own thread while it runs JS: the replacement
   (_promise_jobs.c: Scheduler) keeps them in a list that one call_soon callback per turn runs
   in order, with no Python code per job. Jobs those jobs schedule run at the next turn, so I/O
   and timers get their turns between the rounds of a promise chain, as with a Handle each.
   Every other callback goes to the loop's own call_soon_threadsafe.

1 and 2 depend on pythonmonkey's exact reference counts, so they apply to 1.4.1 only (the
version pyproject.toml pins). asyncio's loops and uvloop's take the replacement method.
"""

from __future__ import annotations

import asyncio

import pythonmonkey as pm

from ._promise_jobs import Scheduler
from ._proxy_dealloc import free_after_dealloc

LEAKING_VERSION = "1.4.1"


def apply(loop: asyncio.AbstractEventLoop) -> None:
    """Mend the scheduling of promise jobs on this loop (not possible, and skipped, on a loop
    class without an instance dictionary). Call it from the loop's thread."""
    if isinstance(loop.call_soon_threadsafe, Scheduler):
        return  # a runtime made earlier on this loop did it
    leaks = pm.__version__ == LEAKING_VERSION
    if leaks:
        free_after_dealloc(pm.JSFunctionProxy)
        free_after_dealloc(pm.JSMethodProxy)

    def report(error: BaseException) -> None:
        loop.call_exception_handler({"message": "Exception in a promise job", "exception": error})

    try:
        loop.call_soon_threadsafe = Scheduler(loop.call_soon, loop.call_soon_threadsafe, report, leaks)
    except AttributeError:
        pass


def remove(loop: asyncio.AbstractEventLoop) -> None:
    """Give the loop back its own call_soon_threadsafe (the deallocators stay mended; jobs not
    run yet still run, at the loop's next turn)."""
    if isinstance(loop.__dict__.get("call_soon_threadsafe"), Scheduler):
        del loop.call_soon_threadsafe
