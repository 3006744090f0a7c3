"""Python half of server.js: HttpServer ids to servers, and the calls the JS class makes."""

from __future__ import annotations

import itertools

from ..websocket import ConnectionSettings, SessionHost
from .server import Server


class ServerHost:
    def __init__(self, runtime) -> None:
        self._runtime = runtime
        self._sessions = SessionHost(runtime)
        self._servers: dict[int, Server] = {}
        self._route_ids = itertools.count(1)
        runtime.engine.load("http/server.js", self)
        runtime.on_close(self.close_all)

    async def close_all(self) -> None:
        """Stop every server (their sessions get onDisconnected) and wait until they have."""
        for server in self._servers.values():
            server.stop()
        for server in self._servers.values():
            await server.wait_stopped()

    # Called by server.js; numbers from JS arrive as floats.

    def create(self) -> int:
        server_id = len(self._servers) + 1
        self._servers[server_id] = Server(self._runtime, self._sessions)
        return server_id

    def state(self, server_id: float) -> int:
        return int(self._servers[int(server_id)].state)

    def port(self, server_id: float) -> int:
        port = self._servers[int(server_id)].port
        return -1 if port is None else port

    def is_ipv4(self, server_id: float) -> bool:
        return self._servers[int(server_id)].is_ipv4

    def register_websocket(self, server_id: float, path: str) -> int:
        route = next(self._route_ids)
        self._servers[int(server_id)].routes[str(path)] = route
        return route

    def start(self, server_id: float, port: float, force_ipv4: bool, ipv4_address: str,
              ipv6_address: str, max_payload: float, deflate: bool, ping_interval: float,
              ping_timeout: float, write_limit: float, write_hard_limit: float,
              write_stall_timeout: float) -> str:
        settings = ConnectionSettings(
            max_payload=int(max_payload), deflate=bool(deflate), ping_interval=float(ping_interval),
            ping_timeout=float(ping_timeout), write_limit=int(write_limit),
            write_hard_limit=int(write_hard_limit), write_stall_timeout=float(write_stall_timeout))
        return self._servers[int(server_id)].start(int(port), bool(force_ipv4), str(ipv4_address),
                                                   str(ipv6_address), settings)

    def stop(self, server_id: float) -> None:
        self._servers[int(server_id)].stop()
