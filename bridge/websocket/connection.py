"""One WebSocket connection: the `websockets` sans-I/O protocol under an asyncio transport.

No task or future per message: the common frames of a read are taken ahead of the protocol,
the rest is fed to it, and the messages of the read go to the script together at its end
(batch.py); each write is framed and handed to the transport synchronously, so writes keep
call order and a script never waits on them.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from typing import Callable, Generator, Mapping, Protocol

from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory
from websockets.frames import Frame, Opcode
from websockets.http11 import Request
from websockets.protocol import CONNECTING, OPEN
from websockets.server import ServerProtocol
from websockets.streams import StreamReader

from .batch import MessageBatch
from .endpoint import Endpoint
from .messages import CountedFragments, ValidatedText, unmasked_frame

PING, PONG = Opcode.PING, Opcode.PONG



class _HeldReader(StreamReader):
    """A StreamReader whose parser can be held at a frame boundary, with the bytes after it kept."""

    held = False
    between_frames = False  # the parser waits for the start of a frame (the fast path may go first)

    def at_eof(self) -> Generator[None, None, bool]:
        # The parser asks this before each frame. StreamReader.at_eof, plus the hold (written
        # out rather than delegated: a generator less per frame).
        self.between_frames = True
        while True:
            if not self.held:
                if self.buffer:
                    self.between_frames = False
                    return False
                if self.eof:
                    return True
            yield


class _ServerProtocol(ValidatedText, CountedFragments, ServerProtocol):
    """The server's protocol: text checked and fragments counted (messages.py), and turns.

    Parsing stops (the reader is held) once `frames_left` frames have been parsed in a turn.
    Pings are not answered one by one: the connection answers the latest of those that came
    before a message or in a turn (`ping_owed`), as RFC 6455 5.5.3 allows, so a ping flood
    costs a pong a turn, not one a ping."""

    ping_owed: bytes | None = None  # the data of the latest ping not answered yet
    frames_left = 0  # set at the start of each turn (ConnectionSettings.frames_per_turn)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The same parser, over a reader that can be held (nothing has been read yet).
        self.reader = _HeldReader()
        self.parser = self.parse()
        next(self.parser)

    def recv_frame(self, frame: Frame) -> None:
        self.frames_left -= 1
        if not self.frames_left:
            self.reader.held = True
        if frame.opcode is PING:
            self.ping_owed = frame.data
            return
        super().recv_frame(frame)


@dataclass(frozen=True)
class ConnectionSettings:
    max_payload: int            # larger frames or messages close the connection with 1009
    deflate: bool               # permessage-deflate: off by default, it costs ~100 KiB a connection
    ping_interval: float        # seconds between keepalive pings; <= 0 sends none
    ping_timeout: float         # a peer that answers no ping within this is dropped
    write_limit: int            # queued bytes past which a peer must keep draining...
    write_hard_limit: int       # ...and past which it is closed even if it drains
    write_stall_timeout: float  # how long a peer over write_limit may go without draining
    # Fairness: frames one connection parses of what it has read before it stops reading until
    # every other callback the loop has ready has run. (A 256 KiB read of empty frames is ~43,000
    # frames: without this, one connection flooding small frames holds the loop for seconds.)
    frames_per_turn: int = 500
    open_timeout: float = 10.0  # a handshake not done by then is dropped
    close_timeout: float = 5.0  # a closing handshake not done by then is cut


class SessionEvents(Protocol):
    """Where a connection's events go (session.py: SessionHost, the half of session.js). The
    messages of a read go to `batch` (batch.py), handed to JS at the end of the read or before
    any other event; the events carry only ints."""

    batch: MessageBatch

    def add(self, connection: WebSocketConnection) -> int: ...
    def remove(self, session_id: int) -> None: ...
    def connected(self, session_id: int, route: int) -> None: ...
    def pong(self, session_id: int) -> None: ...
    def disconnected(self, session_id: int) -> None: ...


class WebSocketConnection(Endpoint):
    """The server's end of one WebSocket connection (its session, for the script)."""

    def __init__(self, routes: Mapping[str, int], sessions: SessionEvents, settings: ConnectionSettings,
                 on_lost: Callable[[WebSocketConnection], None], warn: Callable[[str], None]) -> None:
        super().__init__(asyncio.get_running_loop(), settings.close_timeout)
        self._routes = routes
        self._sessions = sessions
        self._settings = settings
        self._on_lost = on_lost
        self._warn = warn
        self.session_id: int | None = None
        self._written = 0      # bytes handed to the transport, to tell whether the peer drains
        self._corked: list[bytes] | None = None  # data frames held while a read is handled
        self._eof_pending = False  # the peer's end of stream came while the parser was held
        # Whether a data frame may go straight to the transport (send_data): open, not closing,
        # no extension, not in a read, nothing queued by the protocol. Set once a read, turn or
        # end of stream is handled (_update_direct), cleared as one starts or the connection
        # closes: a broadcast then costs a check a connection, not five objects' worth.
        self._direct = False

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.Transport) -> None:
        self.transport = transport
        self.peer = transport.get_extra_info("peername")
        extensions = [ServerPerMessageDeflateFactory()] if self._settings.deflate else None
        self.protocol = _ServerProtocol(extensions=extensions, max_size=self._settings.max_payload)
        self._start_timer("open", self._settings.open_timeout, self.transport.abort)

    def data_received(self, data: bytes) -> None:
        if self.protocol.reader.held:
            # A turn is pending, yet reading was resumed (the HTTP hand-over does, after an
            # upgrade that waited for middleware): keep the bytes behind the rest, pause again.
            self.protocol.receive_data(data)
            self.transport.pause_reading()
            return
        # What is written while a read is handled (the echoes of several messages that came in
        # one read, pongs) leaves in one transport.write at the end: one syscall, not one each.
        self._corked, self._direct = [], False
        protocol = self.protocol
        try:
            protocol.frames_left = self._settings.frames_per_turn
            reader = protocol.reader
            if reader.between_frames and not reader.buffer and protocol.state is OPEN and not self._closing \
                    and protocol.current_size is None and not protocol.extensions:
                # The common frames go straight to the batch (batch.py); the protocol gets the rest.
                start, taken = self._sessions.batch.take_common(self.session_id, data, protocol.frames_left,
                                                                self._settings.max_payload)
                protocol.frames_left -= taken
                if not protocol.frames_left:
                    reader.held = True
                if start < len(data):
                    protocol.receive_data(data[start:])
            else:
                protocol.receive_data(data)
            self._handle_events()
        finally:
            self._sessions.batch.clear()  # handed over already, unless the read failed
            self._uncork()
        self._update_direct()
        if self.protocol.reader.held:
            self._end_turn()

    def _end_turn(self) -> None:
        """The parser was held with frames still to parse: let everyone else have a turn first."""
        if not self.transport.is_closing():
            self.transport.pause_reading()
            self._loop.call_soon(self._next_turn)

    def _next_turn(self) -> None:
        if self.transport.is_closing():
            return
        self._corked, self._direct = [], False
        try:
            self.protocol.frames_left = self._settings.frames_per_turn
            self.protocol.reader.held = False
            self.protocol.receive_data(b"")  # parse on from where the reader was held
            self._handle_events()
        finally:
            self._sessions.batch.clear()
            self._uncork()
        self._update_direct()
        if self.protocol.reader.held:
            self._end_turn()
        elif self._eof_pending:
            self.eof_received()
        elif not self.transport.is_closing():
            self.transport.resume_reading()

    def eof_received(self) -> bool:
        if self.protocol.reader.held:  # (reading resumed meanwhile, as in data_received)
            self._eof_pending = True
            return True  # keep the transport: the end is handled once what came before it is
        self._eof_pending = False
        self._direct = False
        self.protocol.receive_eof()
        self._handle_events()
        self._update_direct()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._direct = False
        self._cancel_timers()
        if self.session_id is not None:
            self._sessions.remove(self.session_id)
            self._sessions.disconnected(self.session_id)
        self._on_lost(self)

    # Called for the script (through SessionHost) and by the server.

    def send_data(self, opcode: Opcode, payload, frame: bytes | None = None) -> None:
        """Send a text (UTF-8) or binary message. `frame` may be the message as one unmasked
        frame already (unmasked_frame): a broadcast makes it once for all its connections."""
        if self._direct:
            self._write(frame if frame is not None else unmasked_frame(opcode, payload))
            return
        if self.protocol.state is not OPEN or self._closing:
            return
        if self.protocol.extensions:
            (self.protocol.send_text if opcode is Opcode.TEXT else self.protocol.send_binary)(payload)
            self._flush()
            return
        # With no extension negotiated and no fragmenting, a data frame needs nothing of the
        # protocol object's bookkeeping: it goes out after anything the protocol still holds
        # (a handshake response, a pong), in order. (`writes` is what data_to_send() would
        # return; looking first saves a list and two state checks on every message.)
        if self.protocol.writes:
            self._flush()
        self._write(frame if frame is not None else unmasked_frame(opcode, payload))

    def close(self, code: int, reason: str) -> None:
        self._direct = False
        super().close(code, reason)

    # Incoming events.

    def _handle_events(self) -> None:
        ponged = False  # pongs that came together reach the script once
        for event in self.protocol.events_received():
            if not isinstance(event, Frame):
                self._open(event)
            elif event.opcode is not PONG:
                self._receive_frame(event)
            elif not ponged:
                ponged = True
                self._sessions.batch.flush(self.session_id)  # the messages before it first
                self._pong()
        protocol = self.protocol
        if protocol.ping_owed is not None:
            self._answer_ping()
        if self.session_id is not None:
            self._sessions.batch.flush(self.session_id)
        if protocol.state is CONNECTING and protocol.handshake_exc is not None:
            # The library ends the connection silently on a request it cannot parse; say why.
            response = protocol.reject(400, f"Malformed WebSocket handshake: {protocol.handshake_exc}\n")
            self.transport.write(response.serialize())
        self._flush()

    def _open(self, request: Request) -> None:
        path = request.path.partition("?")[0]
        route = self._routes.get(path)
        if route is None:
            response = self.protocol.reject(404, f"No WebSocket handlers are registered for {path}\n")
        else:
            response = self.protocol.accept(request)
        self.protocol.send_response(response)
        if response.status_code != 101:
            return
        self._cancel_timer("open")
        self.session_id = self._sessions.add(self)
        self._schedule_ping()
        self._sessions.connected(self.session_id, route)

    def _pong(self) -> None:
        if not self._closing:
            self._cancel_timer("pong")
            self._sessions.pong(self.session_id)

    def _answer_ping(self) -> None:
        protocol = self.protocol
        if protocol.state is OPEN:
            protocol.send_pong(protocol.ping_owed)
        protocol.ping_owed = None

    def _deliver(self, opcode: Opcode, payload: bytes | bytearray) -> None:
        if self.protocol.ping_owed is not None:
            self._answer_ping()  # before the script may answer what came after the ping
        # Text is valid UTF-8: _ServerProtocol checked it as the frames were parsed.
        self._sessions.batch.add(self.session_id, opcode, payload)

    # Outgoing bytes.

    def _end_of_stream(self) -> None:
        self._uncork()  # what was written before it goes first
        self.transport.close()  # a server closes the TCP connection

    def _write(self, data: bytes) -> None:
        self._written += len(data)
        if self._corked is not None:
            self._corked.append(data)
            return
        self.transport.write(data)
        if self.transport.get_write_buffer_size() > self._settings.write_limit:
            self._check_backlog()

    def _update_direct(self) -> None:
        protocol = self.protocol
        self._direct = protocol.state is OPEN and not self._closing and not protocol.extensions \
            and not protocol.writes and self._corked is None and not self.transport.is_closing()

    def _uncork(self) -> None:
        corked, self._corked = self._corked, None
        if corked:
            self.transport.write(corked[0] if len(corked) == 1 else b"".join(corked))
            if self.transport.get_write_buffer_size() > self._settings.write_limit:
                self._check_backlog()

    def _check_backlog(self) -> None:
        queued = self.transport.get_write_buffer_size()
        if queued <= self._settings.write_limit:
            return
        if queued > self._settings.write_hard_limit:
            self._drop(f"{queued} bytes are queued for it, over writeBufferHardLimit "
                       f"({self._settings.write_hard_limit})")
        elif "stall" not in self._timers:
            self._start_timer("stall", self._settings.write_stall_timeout, self._check_stall,
                              self._written - queued)

    def _check_stall(self, drained_before: int) -> None:
        del self._timers["stall"]
        queued = self.transport.get_write_buffer_size()
        if queued <= self._settings.write_limit:
            return
        drained = self._written - queued
        if drained == drained_before:
            self._drop(f"it stopped reading with {queued} bytes queued, over writeBufferLimit "
                       f"({self._settings.write_limit})")
        else:
            self._start_timer("stall", self._settings.write_stall_timeout, self._check_stall, drained)

    def _drop(self, why: str) -> None:
        if self._closing:
            return
        self._cancel_timer("stall")
        host, port = self.peer[:2] if self.peer else ("?", 0)
        host = host.removeprefix("::ffff:")  # an IPv4 client of the dual-stack socket
        self._warn(f"scripting-bridge: closing WebSocket session {self.session_id} "
                   f"({host}:{port}) with 1008: {why}")
        self.close(1008, "too much data queued for a client that does not read it")

    # Keepalive: pings the peer must answer; every pong (asked for or not) reaches onPong.

    def _schedule_ping(self) -> None:
        if self._settings.ping_interval > 0:
            self._start_timer("ping", self._settings.ping_interval, self._ping)

    def _ping(self) -> None:
        del self._timers["ping"]
        if self.protocol.state is not OPEN or self._closing:
            return
        self.protocol.send_ping(os.urandom(4))
        self._flush()
        if "pong" not in self._timers:
            self._start_timer("pong", self._settings.ping_timeout, self._keepalive_expired)
        self._schedule_ping()

    def _keepalive_expired(self) -> None:
        del self._timers["pong"]
        self._closing, self._direct = True, False
        self.protocol.fail(1011, "keepalive ping timeout")
        self._flush()
        self.transport.abort()
