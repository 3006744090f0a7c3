"""Python half of request.js (HttpRequest): splitting a multipart/form-data body (forms.py).

The request and response classes live in JS (request.js, response.js, which has no Python
half); the server makes requests with `internals.http.makeRequest(meta, body)` and reads what
a handler returned with `internals.http.responseParts(response)`.
"""

from __future__ import annotations

from ..runtime.outbox import RangeError, js_callable
from . import forms


class RequestHost:

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
