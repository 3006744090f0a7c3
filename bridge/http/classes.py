"""HttpRequest, HttpResponse and HttpResponseBody: the classes handlers receive and return.

They live in JS (request.js, response.js); the server makes requests with
`internals.http.makeRequest(meta, body)` and reads what a handler returned with
`internals.http.responseParts(response)`. The one thing done in Python is splitting a
multipart/form-data body (forms.py), through `HttpClassesHost.parse_multipart`.
"""

from __future__ import annotations

from ..runtime.outbox import js_callable
from . import forms


class HttpClassesHost:
    """The Python half of request.js."""

    def __init__(self, runtime) -> None:
        self._inbox = runtime.inbox

    @js_callable
    def parse_multipart(self, body: memoryview, content_type: str) -> int:
        """Describe the parts of a multipart/form-data body as JSON in the inbox; return its
        length, or -1 when the content type is not multipart/form-data or the body is malformed.
        `body` is a view into JS memory, read during this call only."""
        described = forms.parts_json(body, content_type)
        return -1 if described is None else self._inbox.put_text(described)


def install_classes(runtime) -> None:
    """Define the globals HttpRequest, HttpResponse and HttpResponseBody, and internals.http's
    makeRequest and responseParts for the server. Needs Data (bridge.data) loaded first."""
    runtime.engine.load("http/request.js", HttpClassesHost(runtime))
    runtime.engine.load("http/response.js", None)
