"""Python half of the timers: one asyncio timer handle per JS timer, each keeping the process alive."""

from __future__ import annotations

import asyncio

from . import promise_jobs
from .liveness import Liveness
from .outbox import js_callable


class TimerHost:
    def __init__(self, loop: asyncio.AbstractEventLoop, liveness: Liveness) -> None:
        self._loop = loop
        self._liveness = liveness
        self._handles: dict[int, asyncio.TimerHandle] = {}
        self.fire = None  # internals.timers.fire, set once the JS half is loaded

    @js_callable
    def start(self, timer_id: int, delay_ms: float, repeat: bool) -> None:
        self._liveness.acquire()
        self._arm(timer_id, delay_ms / 1000, repeat)

    @js_callable
    def cancel(self, timer_id: int) -> None:
        handle = self._handles.pop(timer_id, None)
        if handle is not None:
            handle.cancel()
            self._liveness.release()

    def cancel_all(self) -> None:
        for timer_id in list(self._handles):
            self.cancel(timer_id)

    def _arm(self, timer_id: int, delay: float, repeat: bool) -> None:
        self._handles[timer_id] = self._loop.call_later(delay, self._expire, timer_id, delay, repeat)

    def _expire(self, timer_id: int, delay: float, repeat: bool) -> None:
        # Promise jobs queued before the timer fired run first, as JS engines run them before any
        # timer; one of them may cancel it (clearTimeout, or a failed script's cancel_all).
        handle = self._handles.get(timer_id)
        promise_jobs.run_pending()
        if handle is None or self._handles.get(timer_id) is not handle:
            return
        if repeat:
            # Re-armed before the callback runs, so clearInterval inside it cancels the next one.
            self._arm(timer_id, delay, repeat)
        else:
            del self._handles[timer_id]
            self._liveness.release()
        self.fire(timer_id)
