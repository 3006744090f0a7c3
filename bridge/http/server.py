"""One HttpServer: its listening socket, its state, and the connections it accepted."""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import socket
from enum import IntEnum

from ..websocket import ConnectionSettings, SessionHost, WebSocketConnection


class State(IntEnum):  # indexes into STATES in server.js
    STOPPED = 0
    STARTING = 1
    RUNNING = 2
    STOPPING = 3


class Server:
    """One HttpServer of a script."""

    def __init__(self, runtime, sessions: SessionHost) -> None:
        self._runtime = runtime
        self._sessions = sessions
        self.state = State.STOPPED
        self.port: int | None = None
        self.is_ipv4 = False
        self.routes: dict[str, int] = {}  # WebSocket path -> route id in server.js
        self._connections: set[WebSocketConnection] = set()
        self._listener: asyncio.Server | None = None
        self._stopped = asyncio.Event()
        self._stopped.set()

    def start(self, port: int, force_ipv4: bool, ipv4_address: str, ipv6_address: str,
              settings: ConnectionSettings) -> str:
        """Bind at once, so a busy port or a bad address is reported to the caller; "" if all is well."""
        if self.state is not State.STOPPED:
            return f"HttpServer.start: the server is already {self.state.name.lower()}"
        try:
            sock = _bind(port, force_ipv4, ipv4_address, ipv6_address)
        except OSError as error:
            return f"HttpServer.start: cannot listen on port {port}: {_describe(error)}"
        self.port = sock.getsockname()[1]
        self.is_ipv4 = sock.family == socket.AF_INET
        self.state = State.STARTING
        self._stopped.clear()
        self._runtime.liveness.acquire()
        self._runtime.servers.append(self)
        asyncio.ensure_future(self._listen(sock, settings))
        return ""

    async def _listen(self, sock: socket.socket, settings: ConnectionSettings) -> None:
        def accept() -> WebSocketConnection:
            connection = WebSocketConnection(self.routes, self._sessions, settings, self._forget, self._warn)
            self._connections.add(connection)
            return connection

        self._listener = await asyncio.get_running_loop().create_server(accept, sock=sock)
        if self.state is State.STARTING:
            self.state = State.RUNNING
        else:  # stop() came while the listener was being set up
            self._listener.close()
            self._finish_stop()

    def stop(self) -> None:
        """Stop listening and close every session (1001); stopped once the last one has ended."""
        if self.state in (State.STOPPED, State.STOPPING):
            return
        was_running = self.state is State.RUNNING
        self.state = State.STOPPING
        if not was_running:
            return  # _listen finishes the stop once the listener exists
        self._listener.close()
        for connection in list(self._connections):
            connection.close(1001, "server stopping")
        if not self._connections:
            self._finish_stop()

    async def wait_stopped(self) -> None:
        await self._stopped.wait()

    def _forget(self, connection: WebSocketConnection) -> None:
        self._connections.discard(connection)
        if self.state is State.STOPPING and not self._connections and self._listener is not None:
            self._finish_stop()

    def _finish_stop(self) -> None:
        if self.state is State.STOPPED:
            return
        self.state = State.STOPPED
        self.port = None
        self._listener = None
        self._runtime.servers.remove(self)
        self._runtime.liveness.release()
        self._stopped.set()

    def _warn(self, message: str) -> None:
        self._runtime.stderr.write(message + "\n")
        self._runtime.stderr.flush()


def _bind(port: int, force_ipv4: bool, ipv4_address: str, ipv6_address: str) -> socket.socket:
    if force_ipv4 or not socket.has_ipv6:
        family, address = socket.AF_INET, _literal(ipv4_address or "0.0.0.0", 4, "listenAddressIPv4")
    else:
        family, address = socket.AF_INET6, _literal(ipv6_address or "::", 6, "listenAddressIPv6")
    sock = socket.socket(family, socket.SOCK_STREAM)
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
