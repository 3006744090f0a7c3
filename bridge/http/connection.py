"""One HTTP/1.1 connection, parsed by h11: requests go to the server's routes, and a
WebSocket upgrade hands the socket to bridge.websocket on the same port.

h11 is sans-I/O like websockets: bytes in, events out, so both protocols sit under one
asyncio transport and the hand-over is a change of protocol object.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING

import h11

if TYPE_CHECKING:
    from .server import Server

IDLE_TIMEOUT = 30.0  # a kept-alive connection may wait this long for its next request
HEAD_TIMEOUT = 10.0  # once a request has started, its head must be complete within this
BODY_TIMEOUT = 30.0  # and its body may pause no longer than this
UPGRADE_WAIT_BUFFER = 64 * 1024  # what a WebSocket upgrade may receive while middleware decides


@dataclass
class IncomingRequest:
    method: str
    target: str
    headers: list[tuple[str, str]]  # lower-case names, in order; values read as UTF-8 (U+FFFD for bad bytes)
    body: bytes
    address: str | None

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    def header(self, name: str) -> str | None:
        values = [value for key, value in self.headers if key == name]
        return ", ".join(values) if values else None


class HttpConnection(asyncio.Protocol):
    def __init__(self, server: Server) -> None:
        self._server = server
        self._h11 = h11.Connection(h11.SERVER)
        self._loop = asyncio.get_running_loop()
        self._head: h11.Request | None = None
        self._body = bytearray()
        self._responding = False  # the request is with the script; read nothing more for now
        self._timer: asyncio.TimerHandle | None = None
        self._timer_callback = None
        self.on_lost = lambda: None  # set while the script holds a request of this connection
        self._upgrading = False  # a WebSocket upgrade waits for the server's decision
        self._upgrade_waiting = 0  # bytes received meanwhile
        self._upgrade_paused = False

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.Transport) -> None:
        self.transport = transport
        peer = transport.get_extra_info("peername")
        self.address = peer[0].removeprefix("::ffff:") if peer else None
        self._server.track(self)
        self._arm(IDLE_TIMEOUT, self._expire_idle)

    def data_received(self, data: bytes) -> None:
        if self._upgrading:  # kept for the WebSocket connection, if the upgrade goes ahead
            self._h11.receive_data(data)
            self._upgrade_waiting += len(data)
            if self._upgrade_waiting > UPGRADE_WAIT_BUFFER and not self._upgrade_paused:
                self._upgrade_paused = True
                self.transport.pause_reading()
            return
        if self._head is None and self._timer_callback == self._expire_idle:
            self._arm(HEAD_TIMEOUT, self._expire_head)
        elif self._head is not None and not self._responding:
            self._arm(BODY_TIMEOUT, self._expire_body)
        self._h11.receive_data(data)
        self._read()

    def eof_received(self) -> bool:
        if self._upgrading:  # the client left before the server decided: nothing to upgrade
            return False
        self._h11.receive_data(b"")
        self._read()
        return True  # keep the transport open until the response has been written

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self.on_lost()
        self._server.forget(self)

    # Called by the server when the script (or a file route) has the response.

    def respond(self, status: int, reason: str, headers: list[tuple[str, str]], body) -> None:
        if self.transport.is_closing() or self._h11.our_state is not h11.SEND_RESPONSE:
            return
        self._upgrading = False  # middleware answered the upgrade; the connection closes after
        no_body = status < 200 or status in (204, 304)
        # Framing is ours to set; values go out as UTF-8 (h11 would take ASCII only).
        headers = [(name.encode("latin-1"), value.encode("utf-8")) for name, value in headers
                   if name.lower() not in ("content-length", "transfer-encoding")]
        if not no_body:
            headers.append((b"content-length", b"%d" % len(body)))
        if self._h11.their_state is not h11.DONE:
            headers.append((b"connection", b"close"))  # answered before the body was read
        try:
            out = self._h11.send(h11.Response(status_code=status, reason=reason.encode("latin-1", "replace"),
                                              headers=headers))
            if body and not no_body and self._head.method != b"HEAD":
                out += self._h11.send(h11.Data(data=bytes(body)))
            out += self._h11.send(h11.EndOfMessage())
        except (h11.LocalProtocolError, UnicodeEncodeError) as error:
            self._server.warn(f"scripting-bridge: cannot send the response to {self._head.target.decode()!r}: {error}")
            self.transport.abort()
            return
        self.transport.write(out)
        self._next_cycle()

    # Incoming events.

    def _read(self) -> None:
        while not self._responding:
            try:
                event = self._h11.next_event()
            except h11.RemoteProtocolError as error:
                self._refuse(error.error_status_hint, f"Bad request: {error}\n")
                return
            if event is h11.NEED_DATA or event is h11.PAUSED:
                return
            if isinstance(event, h11.Request):
                if self._begin(event):
                    return  # handed to a WebSocket connection
            elif isinstance(event, h11.Data):
                self._body += event.data
                if len(self._body) > self._server.max_body:
                    self._refuse(413, "Request body too large\n")
                    return
            elif isinstance(event, h11.EndOfMessage):
                self._responding = True
                self._disarm()
                self._server.handle(self, IncomingRequest(
                    self._head.method.decode("ascii"), self._head.target.decode("latin-1"),
                    self._decoded_headers(self._head),
                    bytes(self._body), self.address))
            elif isinstance(event, h11.ConnectionClosed):
                self.transport.close()
                return

    def _begin(self, head: h11.Request) -> bool:
        self._head = head
        self._body = bytearray()
        self._arm(BODY_TIMEOUT, self._expire_body)
        headers = dict(head.headers)
        if b"websocket" in headers.get(b"upgrade", b"").lower():
            self._upgrade_requested(head)
            return True
        length = headers.get(b"content-length")
        if length is not None and int(length) > self._server.max_body:
            self._refuse(413, "Request body too large\n")  # before reading any of it
            return True
        return False

    def _upgrade_requested(self, head: h11.Request) -> None:
        """The server decides (its middleware may answer instead): until then nothing more is
        parsed, and reading pauses once UPGRADE_WAIT_BUFFER bytes have come meanwhile."""
        self._disarm()
        self._responding = True
        self._upgrading = True
        self._server.upgrade(self, IncomingRequest(
            head.method.decode("ascii"), head.target.decode("latin-1"), self._decoded_headers(head), b"",
            self.address))

    def upgrade(self) -> None:
        """Hand the socket to a WebSocket connection, which reads the handshake itself: the head
        on its own first, so the handshake is answered before what came after it is read as
        frames (garbage there then gets a close 1002, not silence)."""
        if not self._upgrading or self.transport.is_closing():
            return
        head = self._head
        raw_head = b"".join([head.method, b" ", head.target, b" HTTP/1.1\r\n",
                             *(name + b": " + value + b"\r\n" for name, value in head.headers.raw_items()),
                             b"\r\n"])
        after_head = self._h11.trailing_data[0]
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
        self._responding = True
        self.transport.close()

    def _next_cycle(self) -> None:
        self._responding = False
        self._head = None
        if self._h11.our_state is h11.DONE and self._h11.their_state is h11.DONE:
            self._h11.start_next_cycle()
            self._arm(IDLE_TIMEOUT, self._expire_idle)
            self._read()  # a pipelined request may be waiting
        else:
            self.transport.close()

    # Timeouts: a slow or half-sent request cannot hold the server.

    def _expire_idle(self) -> None:
        self.transport.close()

    def _expire_head(self) -> None:
        self._refuse(408, "Request timeout: the request head took too long\n")

    def _expire_body(self) -> None:
        self._refuse(408, "Request timeout: the request body stalled\n")

    def _arm(self, delay: float, callback) -> None:
        self._disarm()
        self._timer_callback = callback
        self._timer = self._loop.call_later(delay, callback)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = None
        self._timer_callback = None
