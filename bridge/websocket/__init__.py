"""WebSocket: the sessions of a server's WebSocket routes (WebSocketSession) and the client
(WebSocket), both over the `websockets` sans-I/O protocol (endpoint.py)."""

from .client import ClientHost
from .connection import ConnectionSettings, WebSocketConnection
from .session import SessionHost


def install(runtime) -> SessionHost:
    """Define `WebSocketSession` and `WebSocket`; HTTP servers hand their upgrades to the
    returned session host."""
    sessions = SessionHost(runtime)
    ClientHost(runtime)
    return sessions


__all__ = ["ClientHost", "ConnectionSettings", "SessionHost", "WebSocketConnection", "install"]
