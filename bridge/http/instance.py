"""One HttpServer a script made: its listening socket, its state, its routes and the connections
it accepted. What the script's handlers do is asked through `dispatch` (server.py's)."""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import json
import socket
import ssl
from enum import IntEnum
from http import HTTPStatus
from typing import Callable, Protocol

from ..websocket import ConnectionSettings, SessionHost, WebSocketConnection
from . import files
from .connection import PLAIN_TEXT, HttpConnection, IncomingRequest, Limits
from .deadlines import Sweep
from .listener import Listener, raise_descriptor_limit
from .routes import HANDLER, SERVED_KINDS, Route, RouteKind, RouteTable, served_path
from .start_options import StartOptions


class State(IntEnum):  # indexes into STATES in server.js
    STOPPED = 0
    STARTING = 1
    RUNNING = 2
    STOPPING = 3


class Dispatch(Protocol):
    """Hands a request to the script (server.py: ServerHost.dispatch): its middleware, then the
    JS handler of route id `handler`, or `answer` (which answers it in Python), or with neither
    the not-found handler."""

    def __call__(self, instance: ServerInstance, connection: HttpConnection, request: IncomingRequest,
                 params: dict[str, str], handler: int = ..., answer: Callable[[], None] | None = ...) -> None: ...


class ServerInstance:
    """One HttpServer of a script."""

    def __init__(self, server_id: int, runtime, dispatch: Dispatch, sessions: SessionHost) -> None:
        self._runtime = runtime
        self._dispatch = dispatch
        self._sessions = sessions
        self.server_id = server_id
        self.state = State.STOPPED
        self.port: int | None = None
        self.address = ""  # the address listened on, once started
        self.is_ipv4 = False
        self.routes = RouteTable()
        self.websocket_routes: dict[str, int] = {}  # path -> route id of its handlers in server.js
        self.has_middleware = False  # then every request goes through the script first
        self.limits = Limits()
        self._bodies = 0  # bytes of request bodies being received or with the script, all connections
        self._settings: ConnectionSettings | None = None
        self._connections: set[asyncio.Protocol] = set()
        self._deadlines: Sweep | None = None  # the HTTP connections' timeouts, while listening
        self._listener: Listener | None = None
        self._stopped = asyncio.Event()
        self._stopped.set()

    def start(self, options: StartOptions, tls: ssl.SSLContext | None) -> str | None:
        """Bind at once, so a busy port or a bad address is reported to the caller; None if all is well."""
        if self.state is not State.STOPPED:
            return f"HttpServer.start: the server is already {self.state.name.lower()}"
        raise_descriptor_limit()
        try:
            sock = _bind(options.port, options.force_ipv4, options.ipv4_address or "", options.ipv6_address or "")
        except OSError as error:
            return f"HttpServer.start: cannot listen on port {options.port}: {_describe(error)}"
        self.address, self.port = sock.getsockname()[:2]
        self.is_ipv4 = sock.family == socket.AF_INET
        self.limits = options.limits
        self._settings = options.websocket
        self.state = State.STARTING
        self._stopped.clear()
        self._runtime.liveness.acquire()
        self._runtime.servers.append(self)
        asyncio.ensure_future(self._listen(sock, tls))
        return None

    async def _listen(self, sock: socket.socket, tls: ssl.SSLContext | None) -> None:
        self._listener = Listener(sock, lambda: HttpConnection(self), tls, self.warn)
        if self.state is State.STARTING:
            self.state = State.RUNNING
            self._deadlines = Sweep(lambda: self.limits.shortest())
            self._deadlines.start()
        else:  # stop() came while the listener was being set up
            self._listener.close()
            self._finish_stop()

    # Requests, from HttpConnection.

    def handle(self, connection: HttpConnection, request: IncomingRequest) -> None:
        match = self.routes.match(request.path, SERVED_KINDS)
        route, params = match if match else (None, {})
        if route is not None and route.kind is HANDLER:
            return self._dispatch(self, connection, request, params, route.route_id)
        if route is not None:
            self._after_middleware(connection, request, params,
                                   lambda: self.serve_file(connection, request, route, params))
        elif request.path in self.websocket_routes:
            self._after_middleware(connection, request, params, lambda: self.upgrade_required(connection))
        else:
            self._dispatch(self, connection, request, params)  # the script's not-found handler

    def upgrade(self, connection: HttpConnection, request: IncomingRequest) -> None:
        """A WebSocket upgrade request (its body-less head): the middleware may answer it."""
        self._after_middleware(connection, request, {}, connection.upgrade)

    def _after_middleware(self, connection: HttpConnection, request: IncomingRequest,
                          params: dict[str, str], answer) -> None:
        """`answer()` answers the request in Python, once the script's middleware (if any) let it
        through; a response from middleware answers it instead."""
        if self.has_middleware:
            self._dispatch(self, connection, request, params, answer=answer)
        else:
            answer()

    def upgrade_required(self, connection: HttpConnection) -> None:
        connection.respond(426, "Upgrade Required", b"upgrade: websocket\r\nconnection: upgrade\r\n" + PLAIN_TEXT, False,
                           b"This path is a WebSocket endpoint: connect with a WebSocket client.\n")

    def serve_file(self, connection: HttpConnection, request: IncomingRequest, route: Route,
                   params: dict[str, str]) -> None:
        if request.method not in ("GET", "HEAD"):
            return connection.respond(405, "Method Not Allowed", b"allow: GET, HEAD\r\n", False, b"")
        if route.kind is RouteKind.FILE:
            target = route.target
        else:
            target = files.inside(route.target, served_path(params))
            if target is not None and target.is_dir():
                if route.kind is RouteKind.BROWSER:
                    return connection.respond(200, "OK", b"content-type: text/html; charset=utf-8\r\n", False,
                                              files.listing(request.path, target))
                target = next((target / name for name in route.defaults if (target / name).is_file()), None)
        try:
            file = open(target, "rb") if target is not None and target.is_file() else None
        except OSError:
            file = None
        if file is None:
            return self.not_found(connection)
        connection.respond_file(200, "OK", b"content-type: %s\r\n" % files.content_type(target).encode(), False, file)

    def not_found(self, connection: HttpConnection) -> None:
        connection.respond(404, "Not Found", PLAIN_TEXT, False, b"Not Found\n")

    def websocket_connection(self) -> WebSocketConnection:
        connection = WebSocketConnection(self.websocket_routes, self._sessions, self._settings,
                                         self.forget, self.warn)
        self._connections.add(connection)
        return connection

    def track(self, connection: HttpConnection) -> None:
        """Called once a connection is made (for TLS, after its handshake)."""
        self._connections.add(connection)
        if self._deadlines is not None:
            self._deadlines.add(connection)

    def forget(self, connection: asyncio.Protocol) -> None:
        self._connections.discard(connection)
        if self._deadlines is not None:
            self._deadlines.discard(connection)
        if self._listener is not None:
            self._listener.connection_closed()
        if self.state is State.STOPPING and not self._connections and self._listener is not None:
            self._finish_stop()

    def reserve_body(self, size: int) -> bool:
        """Count `size` more bytes of request body (maxTotalRequestBodySize); False past it."""
        if size > 0 and self._bodies + size > self.limits.max_bodies:
            return False
        self._bodies += size
        return True

    def release_body(self, size: int) -> None:
        self._bodies -= size

    def warn(self, message: str) -> None:
        self._runtime.stderr.write(message + "\n")
        self._runtime.stderr.flush()

    # Stopping.

    def stop(self) -> None:
        """Stop listening and close every connection (sessions with 1001); stopped once all ended."""
        if self.state in (State.STOPPED, State.STOPPING):
            return
        was_running = self.state is State.RUNNING
        self.state = State.STOPPING
        if not was_running:
            return  # _listen finishes the stop once the listener exists
        self._listener.close()
        for connection in list(self._connections):
            if isinstance(connection, WebSocketConnection):
                connection.close(1001, "server stopping")
            else:
                connection.transport.close()
        if not self._connections:
            self._finish_stop()

    async def wait_stopped(self) -> None:
        await self._stopped.wait()

    def _finish_stop(self) -> None:
        if self.state is State.STOPPED:
            return
        self.state = State.STOPPED
        self.port = None
        self._listener = None
        if self._deadlines is not None:
            self._deadlines.stop()
            self._deadlines = None
        self._runtime.servers.remove(self)
        self._runtime.liveness.release()
        self._stopped.set()


def request_fields(request: IncomingRequest, address: str | None, params: dict[str, str]) -> bytes:
    """What server.js needs to make an HttpRequest, for the inbox: UTF-8 text of fields joined
    by NUL (which no method, target, address or header can hold): the path, the client's
    address, the route's params as JSON ("" if none), then the request's head fields (method,
    target, each header's name and value: IncomingRequest.head_fields)."""
    prefix = "%s\0%s\0%s\0" % (request.path, address or "", json.dumps(params) if params else "")
    return prefix.encode("utf-8", "surrogatepass") + request.head_fields


def reason_phrase(status: int) -> str:
    """The standard phrase of a status, "" for one without."""
    return _PHRASES.get(status, "")


_PHRASES = {status.value: status.phrase for status in HTTPStatus}


def _bind(port: int, force_ipv4: bool, ipv4_address: str, ipv6_address: str) -> socket.socket:
    # forceIPv4, or only an IPv4 address given: that address (all IPv4 interfaces if none).
    # Otherwise the IPv6 address; with none, all interfaces, IPv4 and IPv6 alike.
    if force_ipv4 or not socket.has_ipv6 or (ipv4_address and not ipv6_address):
        family, address = socket.AF_INET, _literal(ipv4_address or "0.0.0.0", 4, "listenAddressIPv4")
    else:
        family, address = socket.AF_INET6, _literal(ipv6_address or "::", 6, "listenAddressIPv6")
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # asyncio sets TCP_NODELAY only for proto IPPROTO_TCP
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6 and not ipv6_address:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)  # IPv4 clients too
        sock.bind((address, port))
        sock.listen(1024)
        sock.setblocking(False)
    except BaseException:
        sock.close()
        raise
    return sock


def _literal(address: str, version: int, name: str) -> str:
    # Only literal addresses: a host name would mean a DNS lookup that blocks the loop.
    try:
        if ipaddress.ip_address(address).version == version:
            return address
    except ValueError:
        pass
    raise OSError(f"{name} must be an IPv{version} address, got {address!r}")


def _describe(error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return "the address is already in use"
    if error.errno == errno.EADDRNOTAVAIL:
        return "the address is not available on this machine"
    return error.strerror or str(error.args[0])
