"""Python half of abort.js: the clock of AbortSignal.timeout.

Unlike setTimeout, these timers do not keep the process alive: a signal nobody waits on any
more must not hold a finished script open until it fires (browsers and Node do the same).
"""

from __future__ import annotations

import asyncio

from ..runtime.outbox import js_callable


class AbortHost:
    def __init__(self, runtime) -> None:
        self._loop = runtime.loop
        self._handles: dict[int, asyncio.TimerHandle] = {}
        runtime.engine.load("fetch/abort.js", self)
        self._timed_out = runtime.engine.entry_points("abort", "timedOut").timedOut
        runtime.on_close(self.cancel_all)

    @js_callable
    def start_timeout(self, timer_id: int, delay_ms: float) -> None:
        self._handles[timer_id] = self._loop.call_later(delay_ms / 1000, self._expire, timer_id)

    def _expire(self, timer_id: int) -> None:
        del self._handles[timer_id]
        self._timed_out(timer_id)

    def cancel_all(self) -> None:
        for handle in self._handles.values():
            handle.cancel()
        self._handles.clear()
