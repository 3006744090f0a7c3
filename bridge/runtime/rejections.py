"""Reporting promises that are rejected and never handled, as Node does.

SpiderMonkey tells its rejection tracker when a promise is rejected with no handler and when
one is attached later (`asyncFn().catch(...)` does both: the function throws before `.catch`
runs). pythonmonkey 1.4.1's tracker ignores the second, so the runtime installs its own
(_rejection_tracker.c), which hands each call here. Nothing runs in JS then: the calls are
recorded, and once the promise jobs pending at that moment have run (as Node checks once the
microtask queue is empty), they are replayed in rejections.js and what is still unhandled is
reported, like an exception thrown by a callback: printed, and the process goes on.
"""

from __future__ import annotations

import asyncio
import sys

from . import _rejection_tracker, promise_jobs
from .liveness import Liveness

# Under a steady stream of promise jobs the queue may not empty for long: check by then anyway.
LONGEST_WAIT = 1.0


class RejectionTracker:
    def __init__(self, engine, loop: asyncio.AbstractEventLoop, liveness: Liveness) -> None:
        self._loop = loop
        self._liveness = liveness
        engine.load("runtime/rejections.js", None)
        rejections = engine.entry_points("rejections", "note", "report")
        self._note, self._report = rejections.note, rejections.report
        self._calls: list[tuple[object, bool]] = []
        self._check: asyncio.Task | None = None
        self._reporting = False
        _rejection_tracker.install(sys.modules["pythonmonkey.pythonmonkey"].__file__, self._record)

    def close(self) -> None:
        _rejection_tracker.clear()
        if self._check is not None:
            self._check.cancel()
            self._check = None
            self._liveness.release()
        self._calls.clear()

    def _record(self, promise, handled: bool) -> None:
        # Called by the tracker, inside the engine: only record.
        if self._reporting:
            return  # report() attaching its own handlers
        self._calls.append((promise, handled))
        if self._check is None:
            self._liveness.acquire()  # a rejection still to report keeps the process alive
            self._check = self._loop.create_task(self._after_pending_jobs())

    async def _after_pending_jobs(self) -> None:
        try:
            await asyncio.wait_for(promise_jobs.settled(), LONGEST_WAIT)
        except TimeoutError:
            pass
        calls, self._calls = self._calls, []
        self._check = None
        for promise, handled in calls:
            self._note(promise, handled)
        self._reporting = True
        try:
            self._report()
        finally:
            self._reporting = False
            self._liveness.release()
