"""Python half of uuid.js: the random ids come from the operating system's generator."""

from __future__ import annotations

import uuid

from ..runtime.outbox import js_callable


class UUIDHost:
    @js_callable
    def string(self) -> str:
        # Foundation's UUID().uuidString is upper case: scripts may compare or store it as such.
        return str(uuid.uuid4()).upper()
