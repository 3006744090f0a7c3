"""What both ends of a WebSocket connection do the same way, over the websockets sans-I/O
protocol under an asyncio transport: named timers, whole messages from data frames, the
closing handshake and writing what the protocol queues. The server's connection
(connection.py) and the client's (client.py) keep only what differs: opening, where messages
go, and how they end."""

from __future__ import annotations

import asyncio
from typing import Callable

from websockets.frames import Frame, Opcode
from websockets.protocol import OPEN, Protocol

from .messages import MessageAssembler

TEXT, BINARY, CONT = Opcode.TEXT, Opcode.BINARY, Opcode.CONT


class Endpoint(asyncio.Protocol):
    protocol: Protocol
    transport: asyncio.Transport | None

    def __init__(self, loop: asyncio.AbstractEventLoop, close_timeout: float) -> None:
        self._loop = loop
        self._close_timeout = close_timeout
        self._closing = False  # this end started the close: nothing more reaches the script
        self._messages = MessageAssembler()
        self._timers: dict[str, asyncio.TimerHandle] = {}

    # What differs between the ends.

    def _deliver(self, opcode: Opcode, payload: bytes | bytearray) -> None:
        """A whole text (valid UTF-8: the protocol checked it) or binary message, for the script."""
        raise NotImplementedError

    def _write(self, data: bytes) -> None:
        self.transport.write(data)

    def _abandon(self) -> None:
        """close() before the connection is open: there is no handshake to finish."""
        self.transport.abort()

    def _close_timed_out(self) -> None:
        del self._timers["close"]
        self.transport.abort()

    # Closing.

    def close(self, code: int, reason: str) -> None:
        """Start the closing handshake; a peer that does not finish it is cut after the close timeout."""
        if self._closing:
            return
        self._closing = True
        if self.protocol.state is OPEN:
            self.protocol.send_close(code, reason)
            self._flush()
        else:
            self._abandon()

    # Incoming frames.

    def _receive_frame(self, frame: Frame) -> None:
        if self._closing:
            return
        opcode = frame.opcode
        if opcode is TEXT or opcode is BINARY or opcode is CONT:
            message = self._messages.add(frame)
            if message is not None:
                self._deliver(*message)

    # Outgoing bytes.

    def _flush(self) -> None:
        """Write what the protocol has queued; once it expects the TCP connection to close, cut
        it after the close timeout if the peer does not."""
        protocol = self.protocol
        for data in protocol.data_to_send():
            if data:
                self._write(data)
            else:
                self._end_of_stream()
        if protocol.state is not OPEN and protocol.close_expected() and "close" not in self._timers \
                and not self.transport.is_closing():
            self._start_timer("close", self._close_timeout, self._close_timed_out)

    def _end_of_stream(self) -> None:
        self.transport.close()  # the protocol's end of stream

    # Timers, by name: at most one of each.

    def _start_timer(self, name: str, delay: float, callback: Callable, *args) -> None:
        self._cancel_timer(name)
        self._timers[name] = self._loop.call_later(delay, callback, *args)

    def _cancel_timer(self, name: str) -> None:
        timer = self._timers.pop(name, None)
        if timer is not None:
            timer.cancel()

    def _cancel_timers(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
