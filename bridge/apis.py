"""The APIs injected into every runtime, in load order, each with the APIs it needs (as Deno's
extensions declare theirs). An API's `install(runtime)` defines its globals and returns what the
APIs that need it may use, which they find in `runtime.apis` under its name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .crypto import install as install_crypto
from .data import install as install_data
from .fetch import install as install_fetch
from .files import install as install_files
from .http import install as install_http
from .storage import install as install_storage
from .uuid import install as install_uuid
from .web import install as install_web
from .websocket import install as install_websocket


@dataclass(frozen=True)
class Api:
    name: str
    install: Callable[..., object]  # install(runtime) -> what the APIs needing it use, or None
    needs: tuple[str, ...] = ()


APIS = (
    Api("data", install_data),
    Api("files", install_files, needs=("data",)),
    Api("websocket", install_websocket, needs=("data",)),
    Api("http", install_http, needs=("data", "websocket", "files")),  # files: FileEntity bodies
    Api("storage", install_storage, needs=("data", "files")),
    Api("uuid", install_uuid),
    Api("crypto", install_crypto, needs=("data",)),
    Api("fetch", install_fetch, needs=("data", "uuid")),
    Api("web", install_web, needs=("data",)),
)
