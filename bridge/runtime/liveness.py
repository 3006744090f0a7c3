"""What keeps a script's process alive: pending timers, running servers, open client sockets."""

from __future__ import annotations

import asyncio


class Liveness:
    def __init__(self) -> None:
        self._count = 0
        self._changed = asyncio.Event()

    @property
    def alive(self) -> bool:
        return self._count > 0

    def acquire(self) -> None:
        self._count += 1

    def release(self) -> None:
        self._count -= 1
        if self._count == 0:
            self._changed.set()

    async def until_released(self) -> None:
        self._changed.clear()
        if self._count > 0:
            await self._changed.wait()
