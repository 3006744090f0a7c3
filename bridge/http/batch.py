"""The requests of one turn of the loop, handed to server.js in one call, and the responses of
its handlers, handed back together.

Each call between Python and JS costs more than the JS of a small request (docs/engine.md), and
a server under load reads many connections in one turn of the loop. So a request is not handed
over from its connection's read: the server holds the requests read during the turn and hands
them over together once the turn's reads are done (loop.call_soon). Their fields and bodies lie
one after another in a buffer shared with JS once, five numbers each in a second one. A request
too large for the buffer goes alone, at once (server.py).

The responses come back the same way (two buffers, six numbers each), held by server.js and
handed over in one call (server.py: respond_batch): those a batch's handlers return at once
when the batch is done, an async handler's once the promise jobs queued before it have run. A
response too large for the buffers comes back alone.
"""

from __future__ import annotations

import asyncio
import struct
from typing import Callable, Iterator

REQUEST_ROOM = 64 * 1024  # bytes of fields and bodies a batch of requests holds
REQUEST_SLOTS = 256  # requests a batch holds
REQUEST_NUMBERS = 5  # server id, request id, route, fields length, body length
RESPONSE_ROOM = 64 * 1024  # bytes of reasons, header lines and bodies server.js holds
RESPONSE_SLOTS = 256  # responses it holds
RESPONSE_NUMBERS = 6  # request id, status, close (0 or 1), reason length, lines length, body length

_REQUEST_NUMBERS = struct.Struct(f"{REQUEST_NUMBERS}d")  # one call writes a request's numbers


class RequestBatch:
    def __init__(self, loop: asyncio.AbstractEventLoop, share: Callable, deliver: Callable[[int], None]) -> None:
        """`share(payloads, numbers)` gives JS the two buffers once; `deliver(count)` has JS take
        the first `count` requests."""
        payloads, numbers = bytearray(REQUEST_ROOM), bytearray(8 * REQUEST_NUMBERS * REQUEST_SLOTS)
        # Held as memoryviews so the bytearrays can never be resized under JS's feet.
        self._payloads, self._numbers = memoryview(payloads), memoryview(numbers)
        self._loop = loop
        self._deliver = deliver
        self._used = 0
        self._count = 0
        self._scheduled: asyncio.Handle | None = None
        self._delivering = False
        share(payloads, numbers)

    def add(self, server_id: int, request_id: int, route: int, fields: bytes, body: bytes | bytearray) -> bool:
        """Hold a request for the end of this turn; False if it does not fit in a batch (or a
        batch is being delivered): the caller hands it over alone."""
        size = len(fields) + len(body)
        if self._delivering or size > REQUEST_ROOM:
            return False
        if self._count == REQUEST_SLOTS or self._used + size > REQUEST_ROOM:
            self.flush()
        used = self._used
        self._payloads[used:used + len(fields)] = fields
        if body:
            self._payloads[used + len(fields):used + size] = body
        _REQUEST_NUMBERS.pack_into(self._numbers, _REQUEST_NUMBERS.size * self._count,
                                   server_id, request_id, route, len(fields), len(body))
        self._used = used + size
        self._count += 1
        if self._scheduled is None:
            self._scheduled = self._loop.call_soon(self.flush)
        return True

    def flush(self) -> None:
        """Hand the requests held to JS."""
        self._unschedule()
        count = self._count
        if not count:
            return
        self._delivering = True
        try:
            self._deliver(count)
        finally:
            self._delivering = False
            self._used = self._count = 0

    def clear(self) -> None:
        """Forget the requests held: the runtime is closing."""
        self._unschedule()
        self._used = self._count = 0

    def _unschedule(self) -> None:
        if self._scheduled is not None:
            self._scheduled.cancel()
            self._scheduled = None


class HeldResponses:
    """The two buffers in which server.js holds responses until it hands them over together."""

    def __init__(self, share: Callable) -> None:
        payloads, numbers = bytearray(RESPONSE_ROOM), bytearray(8 * RESPONSE_NUMBERS * RESPONSE_SLOTS)
        self._payloads, self._numbers = memoryview(payloads), memoryview(numbers).cast("d")
        share(payloads, numbers)

    def read(self, count: int, used: int) -> Iterator[tuple[int, int, str, bytes, bool, bytes]]:
        """The first `count` responses held, in `used` bytes: (request id, status, reason,
        header lines, close, body) each."""
        numbers = self._numbers[:RESPONSE_NUMBERS * count].tolist()
        data = self._payloads[:used].tobytes()  # one copy, then slices of it
        offset = 0
        for at in range(0, RESPONSE_NUMBERS * count, RESPONSE_NUMBERS):
            request_id, status, close, reason_length, lines_length, body_length = numbers[at:at + RESPONSE_NUMBERS]
            reason_end = offset + int(reason_length)
            lines_end = reason_end + int(lines_length)
            end = lines_end + int(body_length)
            yield (int(request_id), int(status), str(data[offset:reason_end], "utf-8"), data[reason_end:lines_end],
                   close != 0, data[lines_end:end])
            offset = end
