"""One HTTP/1.1 connection, parsed by h11: requests go to the server's routes, and a
WebSocket upgrade hands the socket to bridge.websocket on the same port.

h11 is sans-I/O like websockets: bytes in, events out, so both protocols sit under one
asyncio transport and the hand-over is a change of protocol object.

One request at a time: while a request is answered (with the script, or its response still
being written), pipelined bytes wait in h11's buffer, and reading stops once they pass
readAheadLimit (a start() option) or while the client does not take what is written to it.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from enum import Enum
from http import HTTPStatus
from typing import BinaryIO, Protocol

import h11

IDLE_TIMEOUT = 30.0  # a kept-alive connection may wait this long for its next request
HEAD_TIMEOUT = 10.0  # once a request has started, its head must be complete within this
BODY_TIMEOUT = 30.0  # and its body may pause no longer than this
SMALL_RESPONSE = 64 * 1024  # responses up to this size are written in one piece
FILE_CHUNK = 256 * 1024  # files are sent in chunks of this size...
FILE_TURN = 4 * FILE_CHUNK  # ...and at most this much per turn of the loop, so others get theirs


@dataclass(frozen=True)
class Limits:
    """What one request may take; `start()` options (README)."""
    max_body: int = 50 * 1024 * 1024  # maxRequestBodySize
    max_bodies: int = 200 * 1024 * 1024  # maxTotalRequestBodySize: all connections' bodies at once
    request_timeout: float = 300.0  # requestTimeout: head and body must arrive within this
    handler_timeout: float = 60.0  # handlerTimeout: the script must answer within this
    send_timeout: float = 30.0  # responseStallTimeout: a client taking nothing of a response this long is dropped
    read_ahead: int = 64 * 1024  # readAheadLimit: bytes read past the request being answered before reading pauses


@dataclass
class IncomingRequest:
    method: str
    target: str
    headers: list[tuple[str, str]]  # lower-case names, in order; values read as UTF-8 (U+FFFD for bad bytes)
    body: bytes | bytearray
    address: str | None

    @property
    def path(self) -> str:
        return _origin_form(self.target).partition("?")[0]

    def header(self, name: str) -> str | None:
        values = [value for key, value in self.headers if key == name]
        return ", ".join(values) if values else None


def _origin_form(target: str) -> str:
    """The path and query of an absolute-form target (`http://host/path?q`), which HTTP/1.1
    servers must accept; any other target as it is."""
    scheme, separator, rest = target.partition("://")
    if not separator or scheme.lower() not in ("http", "https"):
        return target
    start = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
    path = rest[start:]
    return path if path.startswith("/") else "/" + path


class Phase(Enum):
    """Where a connection is in its request/response cycle (one request at a time)."""
    IDLE = "waiting for a request"                # IDLE_TIMEOUT closes it
    HEAD = "reading a request's head"             # HEAD_TIMEOUT, and requestTimeout for the request
    BODY = "reading a request's body"             # BODY_TIMEOUT between reads, and requestTimeout
    WITH_SCRIPT = "the script has the request"    # handlerTimeout; input is held, not parsed
    UPGRADING = "an upgrade waits for the server" # handlerTimeout (middleware may answer it)
    SENDING = "sending a response"                # the next request waits
    DRAINING = "the client has not taken the response yet"  # ...until it has
    CLOSING = "answered for the last time"


READING = (Phase.IDLE, Phase.HEAD, Phase.BODY)  # the phases in which the next event is parsed


class ConnectionOwner(Protocol):
    """What a connection asks of the server that accepted it (instance.py: ServerInstance)."""

    limits: Limits

    def track(self, connection: HttpConnection) -> None: ...
    def forget(self, connection: asyncio.Protocol) -> None: ...
    def handle(self, connection: HttpConnection, request: IncomingRequest) -> None: ...
    def upgrade(self, connection: HttpConnection, request: IncomingRequest) -> None: ...
    def websocket_connection(self) -> asyncio.Protocol: ...
    def reserve_body(self, size: int) -> bool: ...
    def release_body(self, size: int) -> None: ...
    def warn(self, message: str) -> None: ...


class HttpConnection(asyncio.Protocol):
    def __init__(self, server: ConnectionOwner) -> None:
        self._server = server
        self._limits: Limits = server.limits
        self._h11 = h11.Connection(h11.SERVER)
        self._loop = asyncio.get_running_loop()
        self._head: h11.Request | None = None
        self._body = bytearray()
        self._reserved = 0  # bytes of the server's body budget this request holds
        self._close_after = False  # the request's framing was ambiguous: no next request on it
        self._phase = Phase.IDLE
        self._held = 0  # bytes received while a request is answered
        self._input_paused = False
        self._write_paused = False
        self._file: BinaryIO | None = None  # a file being sent, and how much of it is left
        self._file_left = 0
        self._timer: asyncio.TimerHandle | None = None  # the phase's timeout
        self._deadline: asyncio.TimerHandle | None = None  # requestTimeout of the request being read
        # Set while the script holds a request of this connection; called when that request is
        # given up (the connection is lost, or the handler's deadline passed).
        self.on_lost = lambda: None
        self._upgrade_waiting = 0  # bytes received while an upgrade waits
        self._upgrade_paused = False

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.Transport) -> None:
        self.transport = transport
        peer = transport.get_extra_info("peername")
        self.address = peer[0].removeprefix("::ffff:") if peer else None
        self._server.track(self)
        self._arm(IDLE_TIMEOUT, self._expire_idle)

    def data_received(self, data: bytes) -> None:
        phase = self._phase
        if phase is Phase.UPGRADING:  # kept for the WebSocket connection, if the upgrade goes ahead
            self._h11.receive_data(data)
            self._upgrade_waiting += len(data)
            if self._upgrade_waiting > self._limits.read_ahead and not self._upgrade_paused:
                self._upgrade_paused = True
                self.transport.pause_reading()
            return
        if phase is Phase.IDLE:
            self._phase = Phase.HEAD
            self._arm(HEAD_TIMEOUT, self._expire_head)
            self._start_deadline()
        elif phase is Phase.BODY:
            self._arm(BODY_TIMEOUT, self._expire_body)
        elif phase is not Phase.HEAD:  # a request is being answered: what comes waits, bounded
            self._held += len(data)
            if self._held > self._limits.read_ahead:
                self._pause_input()
        self._h11.receive_data(data)
        self._read()

    def eof_received(self) -> bool:
        if self._phase is Phase.UPGRADING:  # the client left before the server decided: nothing to upgrade
            return False
        if self._phase is Phase.WITH_SCRIPT and self._h11.our_state is h11.SEND_RESPONSE:
            return False  # gone while the script has its request: close, and forget the request
        self._h11.receive_data(b"")
        self._read()
        # Keep the transport open until the response has been written; TLS transports cannot
        # be half-closed (asyncio says so on stderr if asked to).
        return self.transport.get_extra_info("sslcontext") is None

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self._stop_deadline()
        self._close_file()
        self._release_body()
        self.on_lost()
        self.on_lost = lambda: None
        self._server.forget(self)

    def pause_writing(self) -> None:
        self._write_paused = True
        self._arm(self._limits.send_timeout, self._expire_send)

    def resume_writing(self) -> None:
        self._write_paused = False
        self._disarm()
        if self._file is not None:
            self._send_file()
        elif self._phase is Phase.DRAINING:
            self._await_next()

    # Called by the server when the script (or a file route) has the response.

    def respond(self, status: int, reason: str, headers: list[tuple[str, str]], body) -> None:
        """Send a response whose body is bytes-like (read during this call only)."""
        length = None if status < 200 or status in (204, 304) else len(body)
        pieces = self._response_head(status, reason, headers, length)
        if pieces is None:
            return
        try:
            if body and length is not None and self._head.method != b"HEAD":
                pieces += self._h11.send_with_data_passthrough(h11.Data(data=body))
            pieces += self._h11.send_with_data_passthrough(h11.EndOfMessage())
        except h11.LocalProtocolError as error:
            return self._abort_response(error)
        if sum(map(len, pieces)) <= SMALL_RESPONSE:
            self.transport.write(b"".join(pieces))  # one segment for the common small response
        else:
            for piece in pieces:
                self.transport.write(bytes(piece))  # a copy: `body` is valid during this call only
        self._next_cycle()

    def respond_file(self, status: int, reason: str, headers: list[tuple[str, str]], file: BinaryIO) -> None:
        """Send a response whose body is an open file, in chunks as the client takes them; the
        file is closed once sent or when the connection ends."""
        size = os.fstat(file.fileno()).st_size
        head = self._response_head(status, reason, headers, size)
        if head is None:
            return file.close()
        self.transport.write(b"".join(head))
        if self._head.method == b"HEAD":
            file.close()
            self._send(h11.EndOfMessage())
            return self._next_cycle()
        self._file, self._file_left = file, size
        self._send_file()

    # Incoming events.

    def _read(self) -> None:
        if self.transport.get_protocol() is not self:
            return  # handed over to a WebSocket connection
        while self._phase in READING:
            try:
                event = self._h11.next_event()
            except h11.RemoteProtocolError as error:
                self._refuse(error.error_status_hint, f"Bad request: {error}\n")
                return
            if event is h11.NEED_DATA:
                self._resume_input()
                return
            if event is h11.PAUSED:
                return
            if isinstance(event, h11.Request):
                if self._begin(event):
                    return  # answered already, or handed to a WebSocket connection
            elif isinstance(event, h11.Data):
                self._body += event.data
                if len(self._body) > self._limits.max_body:
                    self._refuse(413, "Request body too large\n")
                    return
                if len(self._body) > self._reserved and not self._reserve(len(self._body)):
                    return
            elif isinstance(event, h11.EndOfMessage):
                self._phase = Phase.WITH_SCRIPT
                self._stop_deadline()
                self._arm(self._limits.handler_timeout, self._expire_handler)
                body, self._body = self._body, bytearray()
                self._server.handle(self, IncomingRequest(
                    self._head.method.decode("ascii"), self._head.target.decode("latin-1"),
                    self._decoded_headers(self._head), body, self.address))
            elif isinstance(event, h11.ConnectionClosed):
                self.transport.close()
                return

    def _begin(self, head: h11.Request) -> bool:
        """A request's head has arrived: True if it was answered at once (or handed over)."""
        self._head = head
        self._phase = Phase.BODY
        self._body = bytearray()
        self._arm(BODY_TIMEOUT, self._expire_body)
        self._start_deadline()
        if not head.http_version.startswith(b"1."):
            self._refuse(505, f"HTTP version {head.http_version.decode()} is not supported: use HTTP/1.1\n")
            return True
        headers = dict(head.headers)
        if b"websocket" in headers.get(b"upgrade", b"").lower():
            self._resume_input()  # the WebSocket connection reads from here on
            self._upgrade_requested(head)
            return True
        # Both framings at once: the body was read as chunked (RFC 9112 section 6.1), but a proxy
        # in front may have read it otherwise, so nothing more is read from this connection.
        self._close_after = b"content-length" in headers and b"transfer-encoding" in headers
        length = headers.get(b"content-length")
        if length is not None and not self._close_after:
            if int(length) > self._limits.max_body:
                self._refuse(413, "Request body too large\n")  # before reading any of it
                return True
            if not self._reserve(int(length)):
                return True
        if self._h11.they_are_waiting_for_100_continue:
            self._send(h11.InformationalResponse(status_code=100, headers=[], reason=b"Continue"))
        return False

    def _upgrade_requested(self, head: h11.Request) -> None:
        """The server decides (its middleware may answer instead): until then nothing more is
        parsed, and reading pauses once readAheadLimit bytes have come meanwhile."""
        self._stop_deadline()
        self._arm(self._limits.handler_timeout, self._expire_handler)  # middleware that never decides
        self._phase = Phase.UPGRADING
        self._server.upgrade(self, IncomingRequest(
            head.method.decode("ascii"), head.target.decode("latin-1"), self._decoded_headers(head), b"",
            self.address))

    def upgrade(self) -> None:
        """Hand the socket to a WebSocket connection, which reads the handshake itself: the head
        on its own first, so the handshake is answered before what came after it is read as
        frames (garbage there then gets a close 1002, not silence)."""
        if self._phase is not Phase.UPGRADING or self.transport.is_closing():
            return
        head = self._head
        raw_head = b"".join([head.method, b" ", head.target, b" HTTP/1.1\r\n",
                             *(name + b": " + value + b"\r\n" for name, value in head.headers.raw_items()),
                             b"\r\n"])
        after_head = self._h11.trailing_data[0]
        self._disarm()
        websocket = self._server.websocket_connection()
        self._server.forget(self)
        self.transport.set_protocol(websocket)
        websocket.connection_made(self.transport)
        websocket.data_received(raw_head)
        if after_head and not self.transport.is_closing():
            websocket.data_received(after_head)
        if self._upgrade_paused:
            self.transport.resume_reading()

    @staticmethod
    def _decoded_headers(head: h11.Request) -> list[tuple[str, str]]:
        return [(name.decode("ascii"), value.decode("utf-8", "replace")) for name, value in head.headers]

    def _reserve(self, size: int) -> bool:
        """Count `size` bytes of body against the server's total (maxTotalRequestBodySize);
        answer 503 and return False when they do not fit."""
        if not self._server.reserve_body(size - self._reserved):
            self._refuse(503, "Service unavailable: too many request bodies at once; try again later\n")
            return False
        self._reserved = size
        return True

    def _release_body(self) -> None:
        self._server.release_body(self._reserved)
        self._reserved = 0

    # Outgoing.

    def _response_head(self, status: int, reason: str, headers: list[tuple[str, str]],
                       length: int | None) -> list | None:
        """The head of a response with `length` bytes of body (None: a status without one), for
        the caller to write; None if there is no request to answer any more."""
        if self.transport.is_closing() or self._h11.our_state is not h11.SEND_RESPONSE:
            return None
        self.on_lost = lambda: None
        self._phase = Phase.SENDING  # (an upgrade middleware answered is answered like any request)
        # Framing is ours to set; values go out as UTF-8 (h11 would take ASCII only), trimmed
        # of the blanks HTTP says are not part of a value.
        headers = [(name.encode("latin-1"), value.strip(" \t").encode("utf-8")) for name, value in headers
                   if name.lower() not in ("content-length", "transfer-encoding")]
        if length is not None:
            headers.append((b"content-length", b"%d" % length))
        if self._close_after or self._h11.their_state is not h11.DONE:
            headers.append((b"connection", b"close"))  # answered before the body was read
        try:
            return self._h11.send_with_data_passthrough(h11.Response(
                status_code=status, reason=reason.encode("latin-1", "replace"), headers=headers))
        except (h11.LocalProtocolError, UnicodeEncodeError) as error:
            self._abort_response(error)
            return None

    def _send_file(self) -> None:
        """Write the next chunks of the file being sent, until the client's side is full (then
        resume_writing calls again) or this turn's share is written (then the loop does)."""
        if self._file is None:
            return  # the connection ended meanwhile
        budget = FILE_TURN
        while self._file_left and not self._write_paused and budget > 0:
            try:
                chunk = self._file.read(min(FILE_CHUNK, self._file_left))
            except OSError as error:
                chunk, problem = b"", error.strerror
            else:
                problem = "it shrank while being sent"
            if not chunk:  # the promised length cannot be kept
                self._server.warn(f"scripting-bridge: cannot send {self._file.name}: {problem}; connection dropped")
                self._close_file()
                self.transport.abort()
                return
            self._file_left -= len(chunk)
            budget -= len(chunk)
            self._send(h11.Data(data=chunk))
        if self._file_left == 0:
            self._close_file()
            self._send(h11.EndOfMessage())
            self._next_cycle()
        elif not self._write_paused:
            self._loop.call_soon(self._send_file)

    def _send(self, event) -> None:
        for data in self._h11.send_with_data_passthrough(event):
            self.transport.write(data)

    def _abort_response(self, error: Exception) -> None:
        self._server.warn(f"scripting-bridge: cannot send the response to {self._head.target.decode()!r}: {error}")
        self.transport.abort()

    def _close_file(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            self._file_left = 0

    def _refuse(self, status: int, message: str) -> None:
        """Answer with an error and close: a bad or unfinished request, or one too large."""
        body = message.encode()
        if self._h11.our_state in (h11.IDLE, h11.SEND_RESPONSE) and self._h11.their_state is not h11.IDLE:
            self.transport.write(self._h11.send(h11.Response(
                status_code=status, reason=HTTPStatus(status).phrase.encode(), headers=[
                    ("content-type", "text/plain; charset=utf-8"), ("content-length", str(len(body))),
                    ("connection", "close")])) + self._h11.send(h11.Data(data=body)))
        else:  # h11 sends no response to a request it has not seen whole (a timed-out head)
            self.transport.write(b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\n"
                                 b"content-length: %d\r\nconnection: close\r\n\r\n%s"
                                 % (status, HTTPStatus(status).phrase.encode(), len(body), body))
        self._phase = Phase.CLOSING
        self._stop_deadline()
        self._release_body()
        self.transport.close()

    def _next_cycle(self) -> None:
        self._release_body()
        self._head = None
        if self._h11.our_state is h11.DONE and self._h11.their_state is h11.DONE:
            self._h11.start_next_cycle()
            self._await_next()
        else:
            self.transport.close()

    def _await_next(self) -> None:
        """Take the next request once the client has taken this response (no queue of responses
        builds up behind one that is not read), from the loop rather than from this call (so a
        burst of pipelined requests is a loop, not a recursion, and other connections get turns)."""
        if self._write_paused:
            self._phase = Phase.DRAINING  # resume_writing calls again
            return
        self._phase = Phase.IDLE
        self._arm(IDLE_TIMEOUT, self._expire_idle)
        self._loop.call_soon(self._read)

    # Input flow control.

    def _pause_input(self) -> None:
        if not self._input_paused and not self.transport.is_closing():
            self._input_paused = True
            self.transport.pause_reading()

    def _resume_input(self) -> None:
        """h11 has used up what it held: read again."""
        self._held = 0
        if self._input_paused and not self.transport.is_closing():
            self._input_paused = False
            self.transport.resume_reading()

    # Timeouts: a slow or half-sent request cannot hold the server, nor a handler that never answers.

    def _expire_idle(self) -> None:
        self.transport.close()

    def _expire_head(self) -> None:
        self._refuse(408, "Request timeout: the request head took too long\n")

    def _expire_body(self) -> None:
        self._refuse(408, "Request timeout: the request body stalled\n")

    def _expire_request(self) -> None:
        self._deadline = None
        self._refuse(408, f"Request timeout: the request took longer than {self._limits.request_timeout:g} s "
                          f"to arrive\n")

    def _expire_handler(self) -> None:
        target = self._head.target.decode("latin-1")
        self.on_lost()  # its answer, if it ever comes, goes nowhere
        self._server.warn(f"scripting-bridge: the handler for {target!r} did not answer within "
                          f"{self._limits.handler_timeout:g} s (handlerTimeout); answered 503")
        self.respond(503, "Service Unavailable", [("content-type", "text/plain; charset=utf-8")],
                     b"Service unavailable: the server did not answer in time\n")

    def _expire_send(self) -> None:
        self.transport.abort()

    def _start_deadline(self) -> None:
        if self._deadline is None:
            self._deadline = self._loop.call_later(self._limits.request_timeout, self._expire_request)

    def _stop_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _arm(self, delay: float, callback) -> None:
        self._disarm()
        self._timer = self._loop.call_later(delay, callback)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = None
