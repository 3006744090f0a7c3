"""Where the engine's promise jobs run while a runtime is open: the bridge's own queue.

pythonmonkey 1.4.1 makes each promise job (each `await`, each `.then` callback) an asyncio
callback of its own, ~8 us a job where running it takes well under 1 us, and never drops its
reference to the wrapper it makes (~900 bytes per `await`, upstream PR #508).
_job_queue.c takes the jobs instead: the engine's enqueue appends each to an array, and one
loop callback runs them in order, and the jobs they queue, until none is left, as JS engines
do before the next task; at most `jobs_per_turn` at a time, so an endless promise chain does not
starve timers or sockets. Timers drain the queue before their callback (run_pending), so on
every loop the jobs queued before a timer fires run before it. A job that fails (only an
interrupt or an engine out of memory fails one) goes to the loop's exception handler, as a
failed callback does. Closing the runtime gives new jobs back to pythonmonkey.

Apart from the jobs: pythonmonkey's function proxies never free themselves (_proxy_dealloc.c
makes their deallocators do it), which every JS function that crosses into Python leaks.
Both rely on pythonmonkey 1.4.1's internals, the version pyproject.toml pins.
"""

from __future__ import annotations

import asyncio
import sys

import pythonmonkey as pm

from . import _job_queue
from ._proxy_dealloc import free_after_dealloc

QUEUE_VERSION = "1.4.1"
JOBS_PER_TURN = 10_000  # Runtime(promise_jobs_per_turn=...)


def apply(loop: asyncio.AbstractEventLoop, jobs_per_turn: int = JOBS_PER_TURN) -> None:
    """Run promise jobs in the bridge's queue, drained on `loop`, at most `jobs_per_turn` at a
    time."""
    if pm.__version__ != QUEUE_VERSION:
        raise RuntimeError(f"the bridge's promise job queue is written for pythonmonkey {QUEUE_VERSION}, "
                           f"not {pm.__version__}: install the version pyproject.toml pins")
    free_after_dealloc(pm.JSFunctionProxy)
    free_after_dealloc(pm.JSMethodProxy)
    _job_queue.install(sys.modules["pythonmonkey.pythonmonkey"].__file__)

    def report(error: BaseException) -> None:
        loop.call_exception_handler({"message": "a promise job failed", "exception": error})

    _job_queue.activate(loop.call_soon, report, jobs_per_turn)


def remove() -> None:
    """Give new promise jobs back to pythonmonkey (those queued still run)."""
    _job_queue.deactivate()


def run_pending() -> None:
    """Run the queued jobs now, and those they queue (at most jobs_per_turn of them)."""
    _job_queue.run_pending()


async def settled() -> None:
    """Return once no promise job is waiting to run, in the bridge's queue or pythonmonkey's."""
    while True:
        while _job_queue.pending():
            await asyncio.sleep(0)  # a drain runs at each turn of the loop
        await pm.wait()
        if not _job_queue.pending():
            return
