"""HttpServer and the classes its handlers use; WebSocket routes are served by bridge.websocket."""

from .classes import install_classes
from .host import ServerHost


def install(runtime) -> None:
    install_classes(runtime)
    ServerHost(runtime)
