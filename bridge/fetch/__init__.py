"""fetch and its classes: Request, Response, Headers, FormData, Blob, ReadableStream,
AbortController/AbortSignal/AbortEvent, CancelToken/CancelError.

The module "scripting" exports them in the app; here they are globals (which that module
re-exports by name). Each JS half sits beside its Python half where it has one: streams.js
(pure JS), abort.js/abort.py, body.js/body.py, fetch.js/fetch.py (the HTTP client, aiohttp).
"""

from __future__ import annotations

from .abort import AbortHost
from .body import BodyHost
from .fetch import FetchHost


def install(runtime) -> None:
    """Define the fetch globals (they need Data and UUID, installed before them)."""
    runtime.engine.load("fetch/streams.js", None)
    AbortHost(runtime)
    runtime.engine.load("fetch/body.js", BodyHost())
    FetchHost(runtime)


__all__ = ["install", "AbortHost", "BodyHost", "FetchHost"]
