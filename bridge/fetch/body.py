"""Python half of body.js: the parts of a multipart/form-data body, for formData().

The same parser as HttpRequest.parseMultiPartFormData (http/forms.py): it answers where each
part's bytes lie in the body, and body.js slices them out of its own copy.
"""

from __future__ import annotations

from ..http import forms
from ..runtime.outbox import js_callable


class BodyHost:
    @js_callable
    def parse_multipart(self, body: memoryview, content_type: str) -> list[dict] | None:
        """[{name, filename, headers, start, end}], or None when the body is malformed."""
        return forms.parse(body, content_type)
