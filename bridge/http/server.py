"""Python half of server.js: HttpServer ids to server instances, and the calls the JS class makes.

Requests go to JS as a request id plus the lengths of the request's fields and body: those read
in one turn of the loop together, at its end (batch.py), a large one alone through the inbox.
The response comes back as plain values keyed by that id, held with others and handed back
together (respond_batch), or alone when too large for that (respond).
"""

from __future__ import annotations

import functools
import itertools
import json
from dataclasses import dataclass
from typing import Callable

from ..files.operations import FileError
from ..runtime.outbox import js_callable
from ..websocket import SessionHost
from .batch import HeldResponses, RequestBatch
from .connection import PLAIN_TEXT, HttpConnection, IncomingRequest
from .instance import ServerInstance, reason_phrase, request_fields
from .routes import Route, RouteKind
from .start_options import StartOptions
from .tls import TLSError, context

# What dispatch() tells server.js about the route: a JS handler's id is positive.
NO_ROUTE = 0
PYTHON_ROUTE = -1


@dataclass(slots=True)
class PendingRequest:
    """A request the script has not answered yet."""
    instance: ServerInstance
    connection: HttpConnection
    answer: Callable[[], None] | None  # answers it in Python if the middleware lets it through


class ServerHost:
    def __init__(self, runtime, sessions: SessionHost) -> None:
        self.runtime = runtime
        self.sessions = sessions
        self._servers: dict[int, ServerInstance] = {}
        self._route_ids = itertools.count(1)
        self._request_ids = itertools.count(1)
        self._pending: dict[int, PendingRequest] = {}
        runtime.engine.load("http/server.js", self)
        calls = runtime.engine.entry_points("http", "dispatch", "dispatchBatch", "shareRequests", "shareResponses")
        self._dispatch = calls.dispatch
        self._batch = RequestBatch(runtime.loop, calls.shareRequests, calls.dispatchBatch)
        self._held = HeldResponses(calls.shareResponses)
        runtime.on_close(self.close_all)

    async def close_all(self) -> None:
        """Stop every server (their sessions get onDisconnected) and wait until they have."""
        self._batch.clear()  # their connections are closing: nothing is answered any more
        for server in self._servers.values():
            server.stop()
        for server in self._servers.values():
            await server.wait_stopped()

    def dispatch(self, instance: ServerInstance, connection: HttpConnection, request: IncomingRequest,
                 params: dict[str, str], handler: int = NO_ROUTE,
                 answer: Callable[[], None] | None = None) -> None:
        """Hand a request to the script: its middleware, then the JS `handler` (a route id), or
        `answer` (which answers it in Python), or with neither the not-found handler."""
        request_id = next(self._request_ids)
        self._pending[request_id] = PendingRequest(instance, connection, answer)
        connection.on_lost = functools.partial(self._pending.pop, request_id, None)  # never answered
        fields = request_fields(request, connection.address, params)
        body, request.body = request.body, b""  # the one copy of it is JS's from here on
        kind = PYTHON_ROUTE if answer is not None else handler
        if self._batch.add(instance.server_id, request_id, kind, fields, body):
            return
        self.runtime.inbox.put(fields, body)
        # Floats: an int costs pythonmonkey twice as much to make a JS number of (docs/engine.md).
        self._dispatch(float(instance.server_id), float(request_id), float(kind), float(len(fields)), float(len(body)))

    # Called by server.js.

    @js_callable
    def create(self) -> int:
        server_id = len(self._servers) + 1
        self._servers[server_id] = ServerInstance(server_id, self.runtime, self.dispatch, self.sessions)
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
        route_kind = RouteKind(kind)
        route_id = next(self._route_ids)
        folder = (self.runtime.script_dir / target) if route_kind is not RouteKind.HANDLER else None
        self._servers[server_id].routes.add(path, Route(route_kind, route_id, folder, tuple(json.loads(defaults))))
        return route_id

    @js_callable
    def use_middleware(self, server_id: int) -> None:
        self._servers[server_id].has_middleware = True

    @js_callable
    def start(self, server_id: int, options: str, p12: memoryview | None) -> str | None:
        """Listen as `options` (start_options.py) say; None once listening, else what went wrong
        (the script's start() returns it). `p12` is the bytes of a tls.p12 given as a Data."""
        settings = StartOptions.from_script(json.loads(options))
        tls = None
        if settings.tls is not None:
            try:
                pkcs12 = bytes(p12) if settings.tls.p12_path is None else \
                    (self.runtime.script_dir / settings.tls.p12_path).read_bytes()
                tls = context(pkcs12, settings.tls.password, settings.tls.min_version, settings.tls.max_version)
            except (OSError, TLSError) as error:
                return f"HttpServer.start: tls: {error}"
        server = self._servers[server_id]
        error = server.start(settings, tls)
        if error is None:
            host = f"[{server.address}]" if ":" in server.address else server.address
            self.runtime.say(f"listening on {'https' if tls else 'http'}://{host}:{server.port}")
        return error

    @js_callable
    def stop(self, server_id: int) -> None:
        self._servers[server_id].stop()

    # A request whose connection has gone was dropped from _pending: its answer goes nowhere.

    @js_callable
    def respond(self, request_id: int, status: int, reason: str, lines: bytes, close: bool, body: memoryview) -> None:
        """`lines`: the head's header lines as server.js makes them from a checked HttpResponse
        (connection.py: respond); `body` is read during this call only."""
        if (pending := self._pending.pop(request_id, None)) is not None:
            pending.connection.respond(status, reason or reason_phrase(status), lines, close, body)

    @js_callable
    def respond_batch(self, count: int, used: int) -> None:
        """The first `count` responses server.js held (batch.py: HeldResponses), in `used` bytes.
        One that fails to go out does not keep the others from going; JS hears of the first."""
        pending, failure = self._pending, None
        for request_id, status, reason, lines, close, body in self._held.read(count, used):
            if (request := pending.pop(request_id, None)) is not None:
                try:
                    request.connection.respond(status, reason or reason_phrase(status), lines, close, body)
                except Exception as error:
                    failure = failure or error
        if failure is not None:
            raise failure

    @js_callable
    def respond_file(self, request_id: int, status: int, reason: str, lines: bytes, close: bool, file_id: int) -> None:
        """A FileEntity body (HttpResponse.raw), its headers as respond() takes them: its file
        goes to the connection, which streams it as the client takes it and closes it."""
        if (pending := self._pending.pop(request_id, None)) is None:
            return
        try:
            file = self.runtime.apis["files"].take(file_id)
        except FileError as error:
            return pending.connection.respond(500, "Internal Server Error", PLAIN_TEXT, False,
                                              f"HttpResponse.raw: cannot send the FileEntity body: {error}\n".encode())
        pending.connection.respond_file(status, reason or reason_phrase(status), lines, close, file)

    @js_callable
    def respond_error(self, request_id: int, message: str) -> None:
        if (pending := self._pending.pop(request_id, None)) is not None:
            pending.connection.respond(500, "Internal Server Error", PLAIN_TEXT, False,
                                       message.encode("utf-8", "replace"))

    @js_callable
    def serve_route(self, request_id: int) -> None:
        """The middleware let a request through that Python answers (a file, an upgrade)."""
        if (pending := self._pending.pop(request_id, None)) is not None:
            pending.answer()

    @js_callable
    def not_found(self, request_id: int) -> None:
        if (pending := self._pending.pop(request_id, None)) is not None:
            pending.instance.not_found(pending.connection)
