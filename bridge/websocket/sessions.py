"""Python half of session.js: session ids to connections, and the JS entry points per event."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .connection import WebSocketConnection


class SessionHost:
    def __init__(self, runtime) -> None:
        self._connections: dict[int, WebSocketConnection] = {}
        self._last_id = 0
        self.inbox = runtime.inbox
        runtime.engine.load("websocket/session.js", self)
        events = runtime.engine.internals.websocket
        # JS functions fetched once; each event is then one call with plain ints.
        self.connected = events.connected
        self.text = events.text
        self.binary = events.binary
        self.pong = events.pong
        self.disconnected = events.disconnected

    def add(self, connection: WebSocketConnection) -> int:
        self._last_id += 1
        self._connections[self._last_id] = connection
        return self._last_id

    def remove(self, session_id: int) -> None:
        del self._connections[session_id]

    # Called by session.js.

    def write_text(self, session_id: float, text: str) -> None:
        connection = self._connections.get(int(session_id))
        if connection is not None:
            connection.send_text(text)

    def write_data(self, session_id: float, data: memoryview) -> None:
        connection = self._connections.get(int(session_id))
        if connection is not None:
            connection.send_binary(data)

    def close(self, session_id: float) -> None:
        connection = self._connections.get(int(session_id))
        if connection is not None:
            connection.close(1000, "")
