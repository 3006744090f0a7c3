"""The timeouts of a server's HTTP connections, without a timer per request.

Arming and cancelling an asyncio timer for every phase of every request costs more than
parsing the request. Instead each connection keeps the time (time.monotonic) its phase may last
until (a float it sets as the phase changes), and one periodic sweep per server tells every
connection the time; the one that is due acts. A timeout thus fires up to one sweep interval
late: the interval is a quarter of the shortest timeout, at most a second.
"""

from __future__ import annotations

import asyncio
from time import monotonic
from typing import Callable, Protocol

LONGEST_INTERVAL = 1.0
SHORTEST_INTERVAL = 0.01


class Timed(Protocol):
    def check_deadline(self, now: float) -> None: ...


class Sweep:
    def __init__(self, shortest_timeout: Callable[[], float]) -> None:
        self._shortest_timeout = shortest_timeout  # read at each sweep: the timeouts may change
        self._members: set[Timed] = set()
        self._loop = asyncio.get_running_loop()
        self._next: asyncio.TimerHandle | None = None

    def add(self, member: Timed) -> None:
        self._members.add(member)

    def discard(self, member: Timed) -> None:
        self._members.discard(member)

    def start(self) -> None:
        if self._next is None:
            self._next = self._loop.call_later(self._interval(), self._run)

    def stop(self) -> None:
        if self._next is not None:
            self._next.cancel()
            self._next = None

    def _interval(self) -> float:
        return min(LONGEST_INTERVAL, max(SHORTEST_INTERVAL, self._shortest_timeout() / 4))

    def _run(self) -> None:
        self._next = self._loop.call_later(self._interval(), self._run)
        now = monotonic()
        for member in list(self._members):  # a check may close a connection, which leaves the set
            member.check_deadline(now)
