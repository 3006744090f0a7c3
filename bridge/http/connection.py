"""One HTTP/1.1 connection, parsed by httptools (llhttp, the parser of Node and uvicorn):
requests go to the server's routes one at a time, and a WebSocket upgrade hands the socket to
bridge.websocket on the same port.

One request is answered at a time. Bytes that arrive meanwhile are held unparsed, and reading
pauses once readAheadLimit (a start() option) bytes are held or while the client does not take
what is written to it; requests pipelined in one read are parsed together and answered in order.

No timer is armed per request: each phase sets the time (time.monotonic) at which the connection
is due and what happens then, and the server's sweep (deadlines.py) checks every connection.
"""

from __future__ import annotations

import asyncio
import math
import os
import re
from collections import deque
from dataclasses import dataclass
from enum import Enum
from http import HTTPStatus
from time import monotonic
from typing import BinaryIO, Callable, Protocol

import httptools

IDLE_TIMEOUT = 30.0  # a kept-alive connection may wait this long for its next request
HEAD_TIMEOUT = 10.0  # once a request has started, its head must be complete within this
BODY_TIMEOUT = 30.0  # and its body may pause no longer than this
SMALL_RESPONSE = 64 * 1024  # responses up to this size are written in one piece
FILE_CHUNK = 256 * 1024  # files are sent in chunks of this size...
FILE_TURN = 4 * FILE_CHUNK  # ...and at most this much per turn of the loop, so others get theirs
SENDFILE_FROM = 256 * 1024  # files this large go out by os.sendfile (no copy through Python), TLS aside
LINGER_TIMEOUT = 2.0  # after an error answer, input is read and dropped this long at most...
LINGER_LIMIT = 1024 * 1024  # ...and this much, so the client reads the answer before the socket closes


@dataclass(frozen=True)
class Limits:
    """What one request may take; `start()` options (README)."""
    max_body: int = 50 * 1024 * 1024  # maxRequestBodySize
    max_bodies: int = 200 * 1024 * 1024  # maxTotalRequestBodySize: all connections' bodies at once
    request_timeout: float = 300.0  # requestTimeout: head and body must arrive within this
    handler_timeout: float = 60.0  # handlerTimeout: the script must answer within this
    send_timeout: float = 30.0  # responseStallTimeout: a client taking nothing of a response this long is dropped
    read_ahead: int = 64 * 1024  # readAheadLimit: bytes read past the request being answered before reading pauses
    max_head: int = 16 * 1024  # maxRequestHeadSize: bytes of a request's line and headers, else 431

    def shortest(self) -> float:
        """The shortest timeout a connection may be given, module constants included."""
        return min(IDLE_TIMEOUT, HEAD_TIMEOUT, BODY_TIMEOUT, self.request_timeout, self.handler_timeout,
                   self.send_timeout)


@dataclass(slots=True)
class IncomingRequest:
    method: str
    target: str
    path: str  # the target's path (absolute-form targets too), without the query
    # For server.js (instance.py: request_fields): UTF-8 text, fields joined by NUL: the method,
    # the target, then each header's lower-case name and value (in order; values read as UTF-8,
    # U+FFFD for bad bytes).
    head_fields: bytes
    body: bytes | bytearray
    keep_alive: bool = True  # the client may send another request on this connection after it
    raw_head: bytes = b""  # as received, for an upgrade request (the WebSocket handshake reads it)
    reserved: int = 0  # bytes of the server's body budget (maxTotalRequestBodySize) it holds


@dataclass(frozen=True)
class Refusal:
    """A request answered with an error, after which nothing more is read (in order with the
    requests before it)."""
    status: int
    message: str


def _origin_form(target: str) -> str:
    """The path and query of an absolute-form target (`http://host/path?q`), which HTTP/1.1
    servers must accept; any other target as it is."""
    if target[:1] == "/":  # origin-form, as nearly every request's
        return target
    scheme, separator, rest = target.partition("://")
    if not separator or scheme.lower() not in ("http", "https"):
        return target
    start = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
    path = rest[start:]
    return path if path.startswith("/") else "/" + path


class Phase(Enum):
    """What the connection is doing about the request being answered (one at a time)."""
    READY = "no request is being answered"        # the next one read is taken at once
    WITH_SCRIPT = "the script has the request"    # handlerTimeout; input is held, not parsed
    UPGRADING = "an upgrade waits for the server" # handlerTimeout (middleware may answer it)
    SENDING = "sending a response"                # the next request waits
    DRAINING = "the client has not taken the response yet"  # ...until it has
    CLOSING = "answered for the last time"


class Input(Enum):
    """Where the parser is in the request it reads (deadlines apply only while READY)."""
    IDLE = "between requests"                     # IDLE_TIMEOUT closes it
    HEAD = "reading a request's head"             # HEAD_TIMEOUT, and requestTimeout for the request
    BODY = "reading a request's body"             # BODY_TIMEOUT between reads, and requestTimeout
    STOPPED = "reading no more requests"          # after a bad request, or behind an upgrade


# Named once: an Enum member looked up through its class costs ~100 ns (EnumType.__getattr__
# in Python 3.11), and a request reads them some twenty times.
READY, WITH_SCRIPT, UPGRADING, SENDING, DRAINING, CLOSING = Phase
INPUT_IDLE, INPUT_HEAD, INPUT_BODY, INPUT_STOPPED = Input


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


_NOT_IN_VALUE = re.compile(rb"[\x00\r\n]").search  # what would end a status line or the head early
PLAIN_TEXT = b"content-type: text/plain; charset=utf-8\r\n"  # the header line of Python's own text answers
_NO_BODY = frozenset((204, 304))
# The status lines of the standard statuses with their own phrases, made once.
_STATUS_LINES = {(status.value, status.phrase): b"HTTP/1.1 %d %s\r\n" % (status.value, status.phrase.encode())
                 for status in HTTPStatus if status.value >= 200}


class HttpConnection(asyncio.Protocol):
    def __init__(self, server: ConnectionOwner) -> None:
        self._server = server
        self._limits: Limits = server.limits
        self._loop = asyncio.get_running_loop()
        self._parser = self._new_parser()
        self._input = INPUT_IDLE
        self._phase = READY
        self._queue: deque[IncomingRequest | Refusal] = deque()  # read, not yet answered
        self._answering: IncomingRequest | None = None
        self._held = bytearray()  # input not parsed yet: it came while a request was answered
        self._input_paused = False
        self._write_paused = False
        self._eof = False  # the client will send nothing more
        self._close_after = False  # the request's framing was ambiguous: no next request on it
        # The request being read.
        self._url: list[bytes] = []
        self._headers: list[tuple[bytes, bytes]] = []
        self._body = bytearray()
        self._reserved = 0  # bytes of the server's body budget the request being read holds
        self._refused: Refusal | None = None
        self._linger_left = LINGER_LIMIT
        self._continue_waiting = False  # an `Expect: 100-continue` not answered yet
        self._head_due = math.inf
        self._head_size = 0  # bytes of the head of the request being read (maxRequestHeadSize)
        # What its headers say of its framing and purpose (on_header).
        self._length: int | None = None
        self._chunked = False
        self._expect: bytes | None = None
        self._websocket = False  # an Upgrade header names websocket
        self._begun = 0  # requests begun on this connection
        # Deadlines, in time.monotonic: the phase's, and requestTimeout of the request being read.
        self.due = math.inf
        self._expire: Callable[[], None] = _nothing
        self._request_due = math.inf
        self._file: BinaryIO | None = None  # a file being sent, and how much of it is left
        self._file_left = 0
        self._sendfile: asyncio.Task | None = None  # sending the file by os.sendfile
        # Set while the script holds a request of this connection; called when that request is
        # given up (the connection is lost, or the handler's deadline passed).
        self.on_lost = _nothing

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.Transport) -> None:
        self.transport = transport
        peer = transport.get_extra_info("peername")
        self.address = peer[0].removeprefix("::ffff:") if peer else None
        self._server.track(self)
        self._watch(IDLE_TIMEOUT, self._expire_idle)

    def data_received(self, data: bytes) -> None:
        if self._phase is CLOSING:
            self._linger_left -= len(data)
            if self._linger_left < 0:
                self.transport.close()
            return
        if self._phase is not READY or self._queue or self._input is INPUT_STOPPED:
            self._hold(data)
            return
        self._feed(data)
        self._answer_next()

    def eof_received(self) -> bool:
        if self._phase in (UPGRADING, WITH_SCRIPT, CLOSING):
            return False  # gone while the server decides or the script has its request: close, forget it
        self._eof = True
        if self._phase is READY and not self._queue:
            self._end_of_input()
        # Keep the transport open until the responses have been written; TLS transports cannot
        # be half-closed (asyncio says so on stderr if asked to).
        return self.transport.get_extra_info("sslcontext") is None

    def connection_lost(self, exc: Exception | None) -> None:
        self.due = math.inf
        if self._sendfile is not None:
            self._sendfile.cancel()
        self._close_file()
        self._release_bodies()
        self._queue.clear()
        self.on_lost()
        self.on_lost = _nothing
        self._server.forget(self)

    def pause_writing(self) -> None:
        self._write_paused = True
        self._watch(self._limits.send_timeout, self._expire_send)

    def resume_writing(self) -> None:
        self._write_paused = False
        self.due = math.inf
        if self._file is not None:
            self._send_file()
        elif self._phase is DRAINING:
            self._ready()

    # httptools callbacks, for the request being read.

    def on_message_begin(self) -> None:
        self._input = INPUT_HEAD
        now = monotonic()
        self._head_due = now + HEAD_TIMEOUT
        self._head_size = 0
        self._begun += 1
        self._request_due = now + self._limits.request_timeout
        self._url = []
        self._headers = []
        self._body = bytearray()
        self._length = self._expect = None
        self._chunked = self._websocket = False

    def on_url(self, url: bytes) -> None:
        self._url.append(url)
        self._head_size += len(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        value = value.strip(b" \t")
        self._headers.append((name, value))
        self._head_size += len(name) + len(value) + 4
        # The headers the connection itself reads, told apart by length first: this runs for
        # every header of every request.
        size = len(name)
        if size == 14 and name.lower() == b"content-length":
            self._length = int(value)
        elif size == 17 and name.lower() == b"transfer-encoding":
            self._chunked = True
        elif size == 6 and name.lower() == b"expect":
            self._expect = value.lower()
        elif size == 7 and name.lower() == b"upgrade" and b"websocket" in value.lower():
            self._websocket = True

    def on_headers_complete(self) -> None:
        self._input = INPUT_BODY
        if self._head_size > self._limits.max_head:
            return self._refuse_head()
        version = self._parser.get_http_version()
        if not version.startswith("1."):
            return self._refuse_reading(505, f"HTTP version {version} is not supported: use HTTP/1.1\n")
        length, chunked = self._length, self._chunked
        if chunked and length is not None:
            # Both framings at once: the body is read as chunked (RFC 9112 section 6.1), but a
            # proxy in front may have read it otherwise, so nothing more is read from here.
            self._close_after = True
        elif length is not None:
            if length > self._limits.max_body:
                return self._refuse_reading(413, "Request body too large\n")  # before reading any of it
            if not self._reserve(length):
                return
        if self._expect == b"100-continue" and (length or chunked):
            self._continue_waiting = True
            if not self._queue:
                self._send_continue()

    def on_body(self, body: bytes) -> None:
        if self._refused is not None:
            return
        self._body += body
        if len(self._body) > self._limits.max_body:
            self._refuse_reading(413, "Request body too large\n")
        elif len(self._body) > self._reserved:
            self._reserve(len(self._body))

    def on_message_complete(self) -> None:
        if self._refused is not None:
            return
        self._input = INPUT_IDLE
        self._request_due = math.inf
        self._continue_waiting = False
        parser, headers = self._parser, self._headers
        url = self._url[0] if len(self._url) == 1 else b"".join(self._url)
        method = parser.get_method()
        fields = [method, url]
        for name, value in headers:
            fields += (name.lower(), value)
        head_fields = b"\0".join(fields)
        if not head_fields.isascii():  # the target is read as Latin-1 and values as UTF-8, each sent as UTF-8
            fields = [method.decode("ascii"), url.decode("latin-1")]
            for name, value in headers:
                fields += (name.decode("latin-1").lower(), value.decode("utf-8", "replace"))
            head_fields = "\0".join(fields).encode("utf-8", "surrogatepass")
        target = url.decode("latin-1")
        path = _origin_form(target).partition("?")[0]
        request = IncomingRequest(method.decode("ascii"), target, path, head_fields, self._body,
                                  parser.should_keep_alive() and not self._close_after, reserved=self._reserved)
        if self._websocket:
            request.raw_head = b"".join([method, b" ", url, b" HTTP/1.1\r\n",
                                         *(name + b": " + value + b"\r\n" for name, value in headers), b"\r\n"])
        self._body = bytearray()
        self._reserved = 0
        self._queue.append(request)

    # Reading.

    def _new_parser(self) -> httptools.HttpRequestParser:
        parser = httptools.HttpRequestParser(self)
        parser.set_dangerous_leniencies(lenient_chunked_length=True)  # read as chunked, then close (above)
        return parser

    def _feed(self, data) -> None:
        head_before, head_size_before = (self._begun if self._input is INPUT_HEAD else -1), self._head_size
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserUpgrade as upgrade:
            # What follows the request is the new protocol's, held for it; if the upgrade is not
            # made, the connection closes once the request is answered.
            self._input = INPUT_STOPPED
            self._held += memoryview(data)[upgrade.args[0]:]
            if self._queue and isinstance(self._queue[-1], IncomingRequest):
                self._queue[-1].keep_alive = False
        except httptools.HttpParserError as error:
            if self._refused is None:
                self._refuse_reading(400, f"Bad request: {error}\n")
        if self._input is INPUT_HEAD:
            # llhttp sets no bound on a head, and httptools holds a header until it is complete:
            # the callbacks count the complete pieces, and a read that was all head counts whole.
            if head_before == self._begun:
                self._head_size = head_size_before + len(data)
            if self._head_size > self._limits.max_head:
                self._refuse_head()
        if self._refused is not None and self._input is not INPUT_STOPPED:
            self._input = INPUT_STOPPED
            self._queue.append(self._refused)

    def _refuse_head(self) -> None:
        self._refuse_reading(431, f"Request header fields too large: the request's head is over "
                                  f"{self._limits.max_head} bytes (maxRequestHeadSize)\n")

    def _refuse_reading(self, status: int, message: str) -> None:
        """Answer the request being read with an error (after those before it) and read no more."""
        if self._refused is None:
            self._refused = Refusal(status, message)

    def _hold(self, data: bytes) -> None:
        self._held += data
        if len(self._held) > self._limits.read_ahead:
            self._pause_input()

    def _answer_next(self) -> None:
        """Take the first request read, if nothing is being answered; else wait for input."""
        if self._phase is not READY:
            return
        if not self._queue:
            return self._await_input()
        request = self._queue.popleft()
        if isinstance(request, Refusal):
            return self._refuse(request.status, request.message)
        self._answering = request
        if request.raw_head:  # a WebSocket upgrade: the server decides (its middleware may answer instead)
            self._phase = UPGRADING
            self._watch(self._limits.handler_timeout, self._expire_handler)  # middleware that never decides
            return self._server.upgrade(self, request)
        self._phase = WITH_SCRIPT
        self._watch(self._limits.handler_timeout, self._expire_handler)
        self._server.handle(self, request)

    def _await_input(self) -> None:
        """Nothing is queued: parse what was held meanwhile, or wait for more within the
        deadline of where the parser is."""
        if self._input is INPUT_STOPPED:
            return
        if self._held:
            held, self._held = self._held, bytearray()
            self._resume_input()
            self._feed(held)
            if self._queue:
                return self._answer_next()
        self._resume_input()
        if self._continue_waiting:
            self._send_continue()
        if self._eof:
            return self._end_of_input()
        if self._input is INPUT_IDLE:
            self._watch(IDLE_TIMEOUT, self._expire_idle)
        elif self._input is INPUT_HEAD:
            self.due, self._expire = self._head_due, self._expire_head
        else:
            self._watch(BODY_TIMEOUT, self._expire_body)

    def _end_of_input(self) -> None:
        """The client has sent all it will, and all of it is answered."""
        if self._input in (INPUT_HEAD, INPUT_BODY):
            self._refuse(400, "Bad request: the connection was closed in the middle of a request\n")
        else:
            self.transport.close()

    def _send_continue(self) -> None:
        self._continue_waiting = False
        self.transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")

    def upgrade(self) -> None:
        """Hand the socket to a WebSocket connection, which reads the handshake itself: the head
        on its own first, so the handshake is answered before what came after it is read as
        frames (garbage there then gets a close 1002, not silence)."""
        if self._phase is not UPGRADING or self.transport.is_closing():
            return
        after_head, self._held = bytes(self._held), bytearray()
        self.due = math.inf
        websocket = self._server.websocket_connection()
        self._server.forget(self)
        self.transport.set_protocol(websocket)
        websocket.connection_made(self.transport)
        websocket.data_received(self._answering.raw_head)
        if after_head and not self.transport.is_closing():
            websocket.data_received(after_head)
        if self._input_paused:
            self.transport.resume_reading()

    def _reserve(self, size: int) -> bool:
        """Count `size` bytes of body against the server's total (maxTotalRequestBodySize);
        refuse with 503 and return False when they do not fit."""
        if not self._server.reserve_body(size - self._reserved):
            self._refuse_reading(503, "Service unavailable: too many request bodies at once; try again later\n")
            return False
        self._reserved = size
        return True

    def _release_bodies(self) -> None:
        """Give back the body budget of every request this connection holds."""
        held = [self._answering, *self._queue]
        self._server.release_body(self._reserved + sum(r.reserved for r in held if isinstance(r, IncomingRequest)))
        self._reserved = 0
        for request in held:
            if isinstance(request, IncomingRequest):
                request.reserved = 0

    # Called by the server when the script (or a file route) has the response.

    def respond(self, status: int, reason: str, lines: bytes, close: bool, body) -> None:
        """Send a response whose body is bytes-like (read during this call only). `lines` are
        its headers as lines of the head ("Name: value\r\n" each, checked, trimmed and without
        framing headers: server.js makes them of a script's response, and Python's own answers
        are constants); `close` if one of them is `Connection: close`."""
        length = None if status in _NO_BODY else len(body)
        head = self._response_head(status, reason, lines, close, length)
        if head is None:
            return
        if not length or self._answering.method == "HEAD":
            self.transport.write(head)
        elif len(head) + length <= SMALL_RESPONSE:
            self.transport.write(head + body)  # one segment for the common small response
        else:
            self.transport.write(head)
            self.transport.write(bytes(body))  # a copy: `body` is valid during this call only
        self._next_cycle()

    def respond_file(self, status: int, reason: str, lines: bytes, close: bool, file: BinaryIO) -> None:
        """Send a response whose body is an open file (headers as respond() takes them), in
        chunks as the client takes them; the file is closed once sent or when the connection
        ends."""
        size = os.fstat(file.fileno()).st_size
        head = self._response_head(status, reason, lines, close, size)
        if head is None:
            return file.close()
        self.transport.write(head)
        if self._answering.method == "HEAD":
            file.close()
            return self._next_cycle()
        self._file, self._file_left = file, size
        if size >= SENDFILE_FROM and self.transport.get_extra_info("sslcontext") is None:
            self._sendfile = self._loop.create_task(self._send_file_by_sendfile())
        else:
            self._send_file()

    def _response_head(self, status: int, reason: str, lines: bytes, close: bool, length: int | None) -> bytes | None:
        """The head of a response with `length` bytes of body (None: a status without one), for
        the caller to write; None if there is no request to answer any more."""
        if self._phase not in (WITH_SCRIPT, UPGRADING) or self.transport.is_closing():
            return None
        self.on_lost = _nothing
        self._phase = SENDING  # (an upgrade middleware answered is answered like any request)
        status_line = _STATUS_LINES.get((status, reason))
        if status_line is None:
            status_line = b"HTTP/1.1 %d %s\r\n" % (status, reason.encode("latin-1", "replace"))
            if not 200 <= status <= 999 or _NOT_IN_VALUE(status_line, 0, len(status_line) - 2):
                self._abort_response(f"the status line {status} {reason!r} cannot be sent")
                return None
        if close or self._close_after or not self._answering.keep_alive:
            self._close_after = True
            lines += b"connection: close\r\n"
        if length is None:
            return b"%s%s\r\n" % (status_line, lines)
        return b"%s%scontent-length: %d\r\n\r\n" % (status_line, lines, length)

    async def _send_file_by_sendfile(self) -> None:
        """The file by os.sendfile (asyncio's loop.sendfile), in FILE_TURN pieces: each must
        leave within responseStallTimeout."""
        offset = 0
        try:
            while self._file is not None and self._file_left:
                piece = min(FILE_TURN, self._file_left)
                self._watch(self._limits.send_timeout, self._expire_send)
                try:
                    sent = await self._loop.sendfile(self.transport, self._file, offset, piece)
                except NotImplementedError:  # uvloop's transports: the file goes in chunks instead
                    self.due = math.inf
                    self._file.seek(offset)
                    self._loop.call_soon(self._send_file)
                    return
                self.due = math.inf
                if sent < piece:
                    self._server.warn(f"scripting-bridge: cannot send {self._file.name}: it shrank while being "
                                      f"sent; connection dropped")
                    self._close_file()
                    self.transport.abort()
                    return
                offset += sent
                self._file_left -= sent
        except (ConnectionError, RuntimeError, OSError):  # the client left, or the transport was closed
            self._close_file()
            if not self.transport.is_closing():
                self.transport.abort()
            return
        finally:
            self._sendfile = None
        if self._file is not None:
            self._close_file()
            self._next_cycle()

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
            self.transport.write(chunk)
        if self._file_left == 0:
            self._close_file()
            self._next_cycle()
        elif not self._write_paused:
            self._loop.call_soon(self._send_file)

    def _abort_response(self, problem: str) -> None:
        target = self._answering.target if self._answering is not None else "a request"
        self._server.warn(f"scripting-bridge: cannot send the response to {target!r}: {problem}")
        self._phase = CLOSING
        self.transport.abort()

    def _close_file(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            self._file_left = 0

    def _refuse(self, status: int, message: str) -> None:
        """Answer with an error and close: a bad or unfinished request, or one too large."""
        body = message.encode()
        self.transport.write(b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\n"
                             b"content-length: %d\r\nconnection: close\r\n\r\n%s"
                             % (status, HTTPStatus(status).phrase.encode(), len(body), body))
        self._phase = CLOSING
        self._release_bodies()
        self._queue.clear()
        self._held = bytearray()
        self._resume_input()
        # Closing with unread input would reset the connection, and the client could lose the
        # answer: so the answer is followed by an end of output, and input is dropped until the
        # client closes too (or for LINGER_TIMEOUT at most).
        if self.transport.can_write_eof():
            self.transport.write_eof()
            self._watch(LINGER_TIMEOUT, self.transport.close)
        else:
            self.due = math.inf
            self.transport.close()

    def _next_cycle(self) -> None:
        """The response is written: the next request, unless this was the last."""
        if self._answering.reserved:
            self._server.release_body(self._answering.reserved)
            self._answering.reserved = 0
        if self._close_after:
            self._phase = CLOSING
            self.due = math.inf
            self.transport.close()
        elif self._write_paused:
            self._phase = DRAINING  # resume_writing goes on once the client took it
        else:
            self._ready()

    def _ready(self) -> None:
        """Take the next request once the client has taken this response (no queue of responses
        builds up behind one that is not read): a queued one from the loop rather than from
        this call (so a burst of pipelined requests is a loop, not a recursion, and other
        connections get turns)."""
        self._phase = READY
        self._answering = None
        if self._queue:
            self.due = math.inf
            self._loop.call_soon(self._answer_next)
        else:
            self._await_input()

    # Input flow control.

    def _pause_input(self) -> None:
        if not self._input_paused and not self.transport.is_closing():
            self._input_paused = True
            self.transport.pause_reading()

    def _resume_input(self) -> None:
        if self._input_paused and not self.transport.is_closing():
            self._input_paused = False
            self.transport.resume_reading()

    # Deadlines: a slow or half-sent request cannot hold the server, nor a handler that never answers.

    def _watch(self, delay: float, expire: Callable[[], None]) -> None:
        """From now, `expire` is what happens if this phase lasts `delay` seconds."""
        self.due = monotonic() + delay
        self._expire = expire

    def check_deadline(self, now: float) -> None:
        """Called by the server's sweep."""
        if now >= self.due:
            self.due = math.inf
            self._expire()
        elif now >= self._request_due and self._phase is READY and self._input in (INPUT_HEAD, INPUT_BODY):
            self._refuse(408, f"Request timeout: the request took longer than {self._limits.request_timeout:g} s "
                              f"to arrive\n")

    def _expire_idle(self) -> None:
        self.transport.close()

    def _expire_head(self) -> None:
        self._refuse(408, "Request timeout: the request head took too long\n")

    def _expire_body(self) -> None:
        self._refuse(408, "Request timeout: the request body stalled\n")

    def _expire_handler(self) -> None:
        target = self._answering.target
        self.on_lost()  # its answer, if it ever comes, goes nowhere
        self.on_lost = _nothing
        self._server.warn(f"scripting-bridge: the handler for {target!r} did not answer within "
                          f"{self._limits.handler_timeout:g} s (handlerTimeout); answered 503")
        self.respond(503, "Service Unavailable", PLAIN_TEXT, False,
                     b"Service unavailable: the server did not answer in time\n")

    def _expire_send(self) -> None:
        self.transport.abort()


def _nothing() -> None:
    pass
