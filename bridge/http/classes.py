"""HttpRequest, HttpResponse and HttpResponseBody: the classes handlers receive and return.

They live in JS (request.js, response.js); the server makes requests with
`internals.http.makeRequest(meta, body)` and reads what a handler returned with
`internals.http.responseParts(response)`. The one thing done in Python is splitting a
multipart/form-data body (forms.py), through `HttpClassesHost.parse_multipart`.
"""

from __future__ import annotations

from ..runtime.outbox import RangeError, js_callable
from . import forms


class HttpClassesHost:
    """The Python half of request.js."""

    @js_callable
    def parse_multipart(self, body: memoryview, content_type: str, max_parts: int) -> list[dict] | None:
        """The parts of a multipart/form-data body (their byte ranges in it), or None when the
        content type is not multipart/form-data or the body is malformed; a RangeError past
        `max_parts` parts. `body` is a view into JS memory, read during this call only."""
        try:
            return forms.parse(body, content_type, max_parts)
        except forms.TooManyParts:
            raise RangeError(f"HttpRequest.parseMultiPartFormData: the form has more than "
                             f"{max_parts} parts (maxFormFields)") from None


def install_classes(runtime) -> None:
    """Define the globals HttpRequest, HttpResponse and HttpResponseBody, and internals.http's
    makeRequest and responseParts for the server. Needs Data (bridge.data) loaded first."""
    runtime.engine.load("http/request.js", HttpClassesHost())
    runtime.engine.load("http/response.js", None)
