"""HttpServer: the server scripts start; WebSocket routes are served by bridge.websocket."""

from .host import ServerHost


def install(runtime) -> None:
    ServerHost(runtime)
