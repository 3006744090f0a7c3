"""Python half of server.js: HttpServer ids to servers, and the calls the JS class makes.

Requests go to JS as a request id plus lengths in the inbox (the request's metadata as
JSON, then its body); the response comes back as plain values keyed by that id.
"""

from __future__ import annotations

import itertools
import json
from typing import Callable

from ..files.operations import FileError
from ..runtime.outbox import js_callable
from ..websocket import ConnectionSettings, SessionHost
from .connection import HttpConnection, IncomingRequest, Limits
from .routes import Route
from .server import Server, reason_phrase, request_meta
from .tls import TLSError, context

# What dispatch() tells server.js about the route: a JS handler's id is positive.
NO_ROUTE = 0
PYTHON_ROUTE = -1


class ServerHost:
    def __init__(self, runtime) -> None:
        self.runtime = runtime
        self.sessions = SessionHost(runtime)
        self._servers: dict[int, Server] = {}
        self._route_ids = itertools.count(1)
        self._request_ids = itertools.count(1)
        # request id -> its server, connection, and what answers it if middleware lets it through
        self._pending: dict[int, tuple[Server, HttpConnection, Callable[[], None] | None]] = {}
        runtime.engine.load("http/server.js", self)
        self._dispatch = runtime.engine.entry_points("http", "dispatch").dispatch
        runtime.on_close(self.close_all)

    async def close_all(self) -> None:
        """Stop every server (their sessions get onDisconnected) and wait until they have."""
        for server in self._servers.values():
            server.stop()
        for server in self._servers.values():
            await server.wait_stopped()

    def dispatch(self, server: Server, connection: HttpConnection, request: IncomingRequest,
                 params: dict[str, str], handler: int = NO_ROUTE,
                 answer: Callable[[], None] | None = None) -> None:
        """Hand a request to the script: its middleware, then the JS `handler` (a route id), or
        `answer` (which answers it in Python), or with neither the not-found handler."""
        request_id = next(self._request_ids)
        self._pending[request_id] = (server, connection, answer)
        connection.on_lost = lambda: self._pending.pop(request_id, None)  # never answered
        meta = request_meta(request, params)
        body, request.body = request.body, b""  # the one copy of it is JS's from here on
        self.runtime.inbox.put(meta, body)
        kind = PYTHON_ROUTE if answer is not None else handler
        self._dispatch(server.server_id, request_id, kind, len(meta), len(body))

    # Called by server.js.

    @js_callable
    def create(self) -> int:
        server_id = len(self._servers) + 1
        self._servers[server_id] = Server(self, server_id)
        return server_id

    @js_callable
    def state(self, server_id: int) -> int:
        return int(self._servers[server_id].state)

    @js_callable
    def port(self, server_id: int) -> int | None:
        return self._servers[server_id].port

    @js_callable
    def is_ipv4(self, server_id: int) -> bool:
        return self._servers[server_id].is_ipv4

    @js_callable
    def register_websocket(self, server_id: int, path: str) -> int:
        route = next(self._route_ids)
        self._servers[server_id].websocket_routes[path] = route
        return route

    @js_callable
    def register_route(self, server_id: int, kind: str, path: str, target: str, defaults: str) -> int:
        """A handler route (its JS function is kept in server.js under the returned id) or a file
        route; relative file paths start at the script's folder. `defaults` is a JSON list."""
        route_id = next(self._route_ids)
        folder = (self.runtime.script_dir / target) if kind != "handler" else None
        self._servers[server_id].routes.add(path, Route(kind, route_id, folder, tuple(json.loads(defaults))))
        return route_id

    @js_callable
    def use_middleware(self, server_id: int) -> None:
        self._servers[server_id].has_middleware = True

    @js_callable
    def start(self, server_id: int, port: int, force_ipv4: bool, ipv4_address: str,
              ipv6_address: str, max_body: int, max_bodies: int, request_timeout: float,
              handler_timeout: float, send_timeout: float, max_payload: int, deflate: bool,
              ping_interval: float, ping_timeout: float, write_limit: int,
              write_hard_limit: int, write_stall_timeout: float, tls_path: str | None,
              tls_p12: memoryview | None, tls_password: str, tls_min: str, tls_max: str) -> str:
        """An empty string once listening, else what went wrong (the script's start() returns it)."""
        tls = None
        if tls_path is not None or tls_p12 is not None:
            try:
                p12 = (self.runtime.script_dir / tls_path).read_bytes() if tls_path is not None \
                    else bytes(tls_p12)
                tls = context(p12, tls_password, tls_min, tls_max)
            except (OSError, TLSError) as error:
                return f"HttpServer.start: tls: {error}"
        settings = ConnectionSettings(
            max_payload=max_payload, deflate=deflate, ping_interval=ping_interval,
            ping_timeout=ping_timeout, write_limit=write_limit, write_hard_limit=write_hard_limit,
            write_stall_timeout=write_stall_timeout)
        limits = Limits(max_body=max_body, max_bodies=max_bodies, request_timeout=request_timeout,
                        handler_timeout=handler_timeout, send_timeout=send_timeout)
        server = self._servers[server_id]
        error = server.start(port, force_ipv4, ipv4_address, ipv6_address, limits, settings, tls)
        if not error:
            host = f"[{server.address}]" if ":" in server.address else server.address
            self.runtime.say(f"listening on {'https' if tls else 'http'}://{host}:{server.port}")
        return error

    @js_callable
    def stop(self, server_id: int) -> None:
        self._servers[server_id].stop()

    # A request whose connection has gone was dropped from _pending: its answer goes nowhere.

    @js_callable
    def respond(self, request_id: int, status: int, reason: str, headers: str, body: memoryview) -> None:
        """`headers` is a JSON list of [name, value]; `body` is read during this call only."""
        if (pending := self._pending.pop(request_id, None)) is not None:
            pending[1].respond(status, reason or reason_phrase(status),
                               [(name, value) for name, value in json.loads(headers)], body)

    @js_callable
    def respond_file(self, request_id: int, status: int, reason: str, headers: str, file_id: int) -> None:
        """A FileEntity body (HttpResponse.raw): its file goes to the connection, which streams
        it as the client takes it and closes it."""
        if (pending := self._pending.pop(request_id, None)) is None:
            return
        try:
            file = self.runtime.file_entities.take(file_id)
        except FileError as error:
            return pending[1].respond(500, "Internal Server Error", [("content-type", "text/plain; charset=utf-8")],
                                      f"HttpResponse.raw: cannot send the FileEntity body: {error}\n".encode())
        pending[1].respond_file(status, reason or reason_phrase(status),
                                [(name, value) for name, value in json.loads(headers)], file)

    @js_callable
    def respond_error(self, request_id: int, message: str) -> None:
        if (pending := self._pending.pop(request_id, None)) is not None:
            pending[1].respond(500, "Internal Server Error", [("content-type", "text/plain; charset=utf-8")],
                               message.encode("utf-8", "replace"))

    @js_callable
    def serve_route(self, request_id: int) -> None:
        """The middleware let a request through that Python answers (a file, an upgrade)."""
        if (pending := self._pending.pop(request_id, None)) is not None:
            pending[2]()

    @js_callable
    def not_found(self, request_id: int) -> None:
        if (pending := self._pending.pop(request_id, None)) is not None:
            pending[0].not_found(pending[1])
