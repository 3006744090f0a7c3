"""HttpServer and the classes its handlers use; WebSocket routes are served by bridge.websocket."""

from .request import RequestHost
from .server import ServerHost


def install_classes(runtime) -> None:
    """Define HttpRequest, HttpResponse and HttpResponseBody (Data must be loaded first)."""
    runtime.engine.load("http/request.js", RequestHost())
    runtime.engine.load("http/response.js", None)


def install(runtime) -> None:
    """The classes, then HttpServer (its WebSocket routes go to the websocket API's sessions)."""
    install_classes(runtime)
    ServerHost(runtime, runtime.apis["websocket"])
