"""The `WebSocket` client: the `websockets` sans-I/O ClientProtocol under an asyncio transport.

The mirror of connection.py (the server side). The JS class (client.js) finds each socket by
an integer id. One task per socket opens the connection (DNS, TCP, TLS); after that there is no
task or future per message: bytes read are fed to the protocol and each complete message goes
to the script at once, through the runtime's inbox (Python strings and bytes never cross into
JS, see docs/engine.md); each send is framed and handed to the transport synchronously.

What the script sees (README.md, "WebSocket (client)"): `onopen()`; `onmessage(message)`;
`onerror(error)` when the connection fails or breaks without a closing handshake, always
followed by `onclose(reason, code)`, which fires exactly once per socket.
"""

from __future__ import annotations

import asyncio
import errno
import json
import re
import socket
import ssl
import sys

from websockets.exceptions import InvalidHandshake, InvalidStatus, InvalidURI, PayloadTooBig
from websockets.frames import Frame, Opcode
from websockets.http11 import USER_AGENT, Response
from websockets.client import ClientProtocol
from websockets.protocol import CONNECTING, OPEN
from websockets.uri import WebSocketURI, parse_uri

from ..runtime.outbox import js_callable
from .endpoint import Endpoint
from .messages import CountedFragments, ValidatedText

OPEN_TIMEOUT = 30.0             # DNS, TCP, TLS and the opening handshake, all together
CLOSE_TIMEOUT = 5.0             # a server that does not finish the closing handshake is cut
MAX_MESSAGE = 16 * 1024 * 1024  # as the server's default maxWebSocketPayloadSize; larger -> 1009
ABNORMAL = 1006                 # the code onclose gets when no close frame arrived


class ClientHost:
    """Python half of client.js: socket ids to connections, and the JS entry points per event."""

    def __init__(self, runtime) -> None:
        self._runtime = runtime
        self.loop = runtime.loop
        self.inbox = runtime.inbox
        self._connections: dict[int, ClientConnection] = {}
        self._ended = asyncio.Event()
        self._ended.set()
        self._shutting_down = False
        self._ssl_context: ssl.SSLContext | None = None
        runtime.engine.load("websocket/client.js", self)
        # Each event is one call with plain ints (the payload waits in the inbox).
        events = runtime.engine.entry_points("websocketClient", "opened", "text", "binary", "failed",
                                             "closed")
        self._opened, self.text, self.binary = events.opened, events.text, events.binary
        self._failed, self._closed = events.failed, events.closed
        runtime.on_close(self.close_all)

    @property
    def ssl_context(self) -> ssl.SSLContext:
        # The system's CAs, or those in SSL_CERT_FILE / SSL_CERT_DIR when set (OpenSSL reads them).
        if self._ssl_context is None:
            self._ssl_context = ssl.create_default_context()
        return self._ssl_context

    async def close_all(self) -> None:
        """Close every client socket (1001) and wait until each has had its onclose."""
        self._shutting_down = True
        for connection in list(self._connections.values()):
            connection.close(1001, "")
        await self._ended.wait()

    # Called by client.js.

    @js_callable
    def connect(self, socket_id: int, url: str) -> None:
        """Start connecting; raises with what is wrong (client.js throws it as a SyntaxError)."""
        if self._shutting_down:
            raise ValueError("WebSocket: the runtime is shutting down; no new connections")
        try:
            uri = parse_uri(url)
        except InvalidURI as error:
            raise ValueError(f"WebSocket: {json.dumps(url)} is not a valid WebSocket URL: {error.msg}") from None
        except ValueError as error:  # a port that is not a number, or out of range
            raise ValueError(f"WebSocket: {json.dumps(url)} is not a valid WebSocket URL: {error}") from None
        connection = ClientConnection(self, socket_id, url, uri)
        self._connections[connection.socket_id] = connection
        self._ended.clear()
        self._runtime.liveness.acquire()
        connection.start()

    @js_callable
    def send_text(self, socket_id: int, text: bytes) -> None:
        """`text` is the UTF-8 of the script's string (lone surrogates made U+FFFD, as browsers do)."""
        connection = self._connections.get(socket_id)
        if connection is not None:
            connection.send(Opcode.TEXT, text)

    @js_callable
    def send_binary(self, socket_id: int, data: memoryview) -> None:
        connection = self._connections.get(socket_id)
        if connection is not None:
            connection.send(Opcode.BINARY, data)

    @js_callable
    def close(self, socket_id: int, code: int, reason: str) -> None:
        connection = self._connections.get(socket_id)
        if connection is not None:
            connection.close(code, reason)

    # Called by ClientConnection.

    def opened(self, connection: ClientConnection) -> None:
        self._opened(connection.socket_id)

    def ended(self, connection: ClientConnection, error: str | None, code: int, reason: str | None) -> None:
        """The connection is over: onerror (if it failed or broke), then onclose, once."""
        del self._connections[connection.socket_id]
        self._runtime.liveness.release()
        if not self._connections:
            self._ended.set()
        if error is not None:
            self._failed(connection.socket_id, self.inbox.put_text(error))
        self._closed(connection.socket_id, code, -1 if reason is None else self.inbox.put_text(reason))


class _ClientProtocol(ValidatedText, CountedFragments, ClientProtocol):
    """The client's protocol: text checked and fragments counted (messages.py)."""


class ClientConnection(Endpoint):
    """The script's end of one WebSocket connection it opened."""

    def __init__(self, host: ClientHost, socket_id: int, url: str, uri: WebSocketURI) -> None:
        super().__init__(host.loop, CLOSE_TIMEOUT)
        self._host = host
        self.socket_id = socket_id
        self.url = url
        self.uri = uri
        self.protocol = _ClientProtocol(uri, max_size=MAX_MESSAGE)
        self.transport: asyncio.Transport | None = None
        self._task: asyncio.Task | None = None
        self._ended = False
        self._error: str | None = None  # why the connection failed, for onerror

    def start(self) -> None:
        self._task = self._host.loop.create_task(self._open())
        # Cancelled before it ever ran (close() in the same tick as the constructor).
        self._task.add_done_callback(lambda task: self._end() if task.cancelled() else None)
        self._start_timer("open", OPEN_TIMEOUT, self._open_timed_out)

    async def _open(self) -> None:
        uri = self.uri
        tls = self._host.ssl_context if uri.secure else None
        try:
            await self._host.loop.create_connection(
                lambda: self, uri.host, uri.port, ssl=tls, server_hostname=uri.host if tls else None,
                **_ALL_ERRORS)
        except asyncio.CancelledError:
            self._end()  # close() or the open timeout while connecting
        except (OSError, ExceptionGroup) as error:
            if self._error is None:
                self._error = _describe_connect_error(error, uri.host, self.url, tls is not None)
            self._end()

    def _open_timed_out(self) -> None:
        del self._timers["open"]
        self._error = f"timed out opening the connection after {OPEN_TIMEOUT:g} s: {self.url}"
        if self.transport is not None:
            self.transport.abort()
        elif self._task is not None:
            self._task.cancel()

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.Transport) -> None:
        self.transport = transport
        if self._closing or self._ended:  # closed while the TCP/TLS connection was being made
            transport.abort()
            return
        request = self.protocol.connect()
        request.headers["User-Agent"] = USER_AGENT
        self.protocol.send_request(request)
        self._flush()

    def data_received(self, data: bytes) -> None:
        self.protocol.receive_data(data)
        self._handle_events()

    def eof_received(self) -> None:
        self.protocol.receive_eof()
        self._handle_events()

    def connection_lost(self, exc: Exception | None) -> None:
        if exc is not None and self._error is None and self.protocol.close_rcvd is None and not self._closing:
            self._error = f"connection lost ({_strerror(exc)}): {self.url}"
        self._end()

    # Called for the script (through ClientHost).

    def send(self, opcode: Opcode, payload) -> None:
        if self.protocol.state is OPEN and not self._closing:
            if opcode is Opcode.TEXT:
                self.protocol.send_text(payload)
            else:
                self.protocol.send_binary(payload)
            self._flush()

    def close(self, code: int, reason: str) -> None:
        if not self._ended:
            super().close(code, reason)

    def _abandon(self) -> None:
        if self.transport is not None:
            self.transport.abort()
        elif self._task is not None:
            self._task.cancel()  # still connecting

    # Incoming events.

    def _handle_events(self) -> None:
        for event in self.protocol.events_received():
            if isinstance(event, Frame):
                self._receive_frame(event)
            elif isinstance(event, Response) and self.protocol.handshake_exc is None:
                self._opened()
        protocol = self.protocol
        if self._error is None:
            if protocol.state is CONNECTING and protocol.handshake_exc is not None:
                self._error = _describe_handshake_error(protocol.handshake_exc, self.url)
            elif protocol.parser_exc is not None and not isinstance(protocol.parser_exc, EOFError):
                self._error = _describe_protocol_error(protocol.parser_exc, self.url)
        self._flush()

    def _opened(self) -> None:
        # (A refused handshake also comes as a Response event, with handshake_exc saying why.)
        self._cancel_timer("open")
        if not self._closing:
            self._host.opened(self)

    def _deliver(self, opcode: Opcode, payload: bytes | bytearray) -> None:
        length = self._host.inbox.put(payload)
        if opcode is Opcode.BINARY:
            self._host.binary(self.socket_id, length)
        else:
            self._host.text(self.socket_id, length)

    # Outgoing bytes.

    def _flush(self) -> None:
        if self.transport is not None:  # (nothing is queued before the TCP connection is made)
            super()._flush()

    def _close_timed_out(self) -> None:
        del self._timers["close"]
        if self._error is None and self.protocol.close_rcvd is None:
            self._error = f"the server did not finish the closing handshake within {CLOSE_TIMEOUT:g} s: {self.url}"
        self.transport.abort()

    # The end, whichever way it came: once.

    def _end(self) -> None:
        if self._ended:
            return
        self._ended = True
        self._cancel_timers()
        close = self.protocol.close_rcvd
        error = self._error
        if close is None and error is None and not (self._closing and self.protocol.state is CONNECTING):
            error = f"connection lost: {self.url}"  # the server went away without a close frame
        if close is not None:
            self._host.ended(self, error, close.code, close.reason)
        else:
            self._host.ended(self, error, ABNORMAL, None)


# Python 3.12 can report every address's failure (an ExceptionGroup); 3.11 merges them into one
# OSError whose message lists them.
_ALL_ERRORS = {"all_errors": True} if sys.version_info >= (3, 12) else {}


def _describe_connect_error(error: BaseException, host: str, url: str, tls: bool) -> str:
    errors = list(error.exceptions) if isinstance(error, BaseExceptionGroup) else [error]
    first = errors[0]
    if all(isinstance(e, ConnectionRefusedError) for e in errors) or _all_refused(first):
        return f"connection refused: {url}"
    if isinstance(first, socket.gaierror):
        return f"cannot resolve the host {host} ({first.strerror}): {url}"
    if isinstance(first, ssl.SSLCertVerificationError):
        return f"TLS certificate not accepted ({first.verify_message}): {url}"
    if isinstance(first, ssl.SSLError):
        return f"TLS handshake failed ({first.reason or first}): {url}"
    if tls and isinstance(first, (ConnectionResetError, ConnectionAbortedError, EOFError)):
        # TCP was connected (a refusal says so), so the server hung up during the TLS handshake.
        return f"TLS handshake failed (the server closed the connection): {url}"
    return f"cannot connect ({'; '.join(_strerror(e) for e in errors)}): {url}"


def _all_refused(error: BaseException) -> bool:
    # Python 3.11, a host with several addresses: "Multiple exceptions: [Errno 111] Connect
    # call failed ('::1', 1, 0, 0), [Errno 111] Connect call failed ('127.0.0.1', 1)".
    numbers = re.findall(r"\[Errno (\d+)\]", str(error))
    return str(error).startswith("Multiple exceptions:") and bool(numbers) and all(
        int(n) == errno.ECONNREFUSED for n in numbers)


def _describe_handshake_error(error: InvalidHandshake, url: str) -> str:
    if isinstance(error, InvalidStatus):
        response = error.response
        return (f"the server refused the WebSocket handshake with HTTP {response.status_code} "
                f"{response.reason_phrase}: {url}")
    cause = f": {error.__cause__}" if error.__cause__ is not None else ""
    return f"invalid WebSocket handshake from the server ({error}{cause}): {url}"


def _describe_protocol_error(error: BaseException, url: str) -> str:
    if isinstance(error, PayloadTooBig):
        return f"a message from the server is over {MAX_MESSAGE // (1024 * 1024)} MiB (closed with 1009): {url}"
    if isinstance(error, UnicodeDecodeError):
        return f"the server sent invalid UTF-8 in a text message (closed with 1007): {url}"
    return f"the server broke the WebSocket protocol ({error}): {url}"


def _strerror(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
