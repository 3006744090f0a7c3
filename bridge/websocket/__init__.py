"""WebSocketSession: connections served with the `websockets` sans-I/O protocol."""

from .connection import ConnectionSettings, WebSocketConnection
from .sessions import SessionHost

__all__ = ["ConnectionSettings", "SessionHost", "WebSocketConnection"]
