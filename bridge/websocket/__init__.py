"""WebSocketSession: connections served with the `websockets` sans-I/O protocol."""

from .client import ClientHost, install as install_client
from .connection import ConnectionSettings, WebSocketConnection
from .session import SessionHost

__all__ = ["ClientHost", "ConnectionSettings", "SessionHost", "WebSocketConnection", "install_client"]
