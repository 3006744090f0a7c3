"""multipart/form-data bodies, parsed with python-multipart's streaming parser.

`HttpRequest.parseMultiPartFormData()` (http/request.js) hands the body over once and gets back
where each part's bytes are, not the bytes themselves: a part is described by its name, file
name, headers and the `[start, end)` offsets of its data in the body, and JS slices its own copy
of the body, so a part's bytes are never copied through Python.

What counts as a form (the app's documents are silent; these are ours):
- The request's Content-Type must be multipart/form-data (any case) with a non-empty boundary
  of at most 256 bytes (python-multipart's limit); anything else is "not a form": no parts.
- The body must be a whole, well-formed multipart body up to its closing boundary. A syntax
  error, a truncated body or a part over python-multipart's limits on headers (in current
  releases 8 headers of about 4 KiB each) makes the whole body malformed: no parts, never some.
  A preamble before the first boundary and an epilogue after the last are ignored (RFC 2046;
  python-multipart itself skips only line breaks before the first boundary, so a preamble is
  cut off here first).
- Header names are lower case; a repeated header's values are joined with ", ". Header bytes
  are read as UTF-8 (what browsers send, e.g. for file names), or as Latin-1 when not UTF-8.
- `name` and `filename` are the Content-Disposition parameters as parsed by python-multipart
  (quotes and backslash escapes removed, an old IE full path cut to its last component), or
  None when absent. An empty `filename=""` (a file input left empty) stays "".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from python_multipart.exceptions import FormParserError, MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

FORM_DATA = b"multipart/form-data"

# python-multipart logs a warning for every syntax error it finds; a client's malformed body is
# the script's business (it gets no parts), not something to print on the server's stderr.
_QUIET = logging.getLogger(__name__ + ".parser")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False


@dataclass
class Part:
    """One part: raw header pairs, then where its data lies in the body."""

    raw_headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    start: int = 0
    end: int = 0
    has_data: bool = False


class Malformed(Exception):
    """The body is not a complete multipart body."""


class TooManyParts(Exception):
    """The body has more parts than the caller allows (parsing stops at the first one over)."""


def boundary_of(content_type: str | bytes) -> bytes | None:
    """The boundary of a multipart/form-data Content-Type, or None when it is not one."""
    if isinstance(content_type, str):
        content_type = content_type.encode("utf-8", "surrogatepass")
    media_type, options = parse_options_header(content_type)
    if media_type.strip() != FORM_DATA:
        return None
    boundary = options.get(b"boundary")
    return boundary or None


def parse(body, content_type: str | bytes, max_parts: float = float("inf")) -> list[dict] | None:
    """The parts of a multipart/form-data body as dicts {name, filename, headers, start, end}
    (start/end: offsets of the part's data in `body`), or None when the content type is not
    multipart/form-data or the body is malformed (see the module's docstring). TooManyParts if
    it has more than `max_parts`: each part costs Python work, so a flood of them is refused."""
    boundary = boundary_of(content_type)
    if boundary is None:
        return None
    data = bytes(body)
    try:
        skip = _preamble(data, boundary)
        parts = _split(data[skip:] if skip else data, boundary, max_parts)
    except (Malformed, MultipartParseError, FormParserError):
        return None
    return [_describe(part, skip) for part in parts]


def _preamble(data: bytes, boundary: bytes) -> int:
    """Where the first boundary line starts (0 when the body starts with it)."""
    if data.startswith(b"--" + boundary):
        return 0
    at = data.find(b"\r\n--" + boundary)
    if at < 0:
        raise Malformed("no boundary")
    return at + 2


def _split(data: bytes, boundary: bytes, max_parts: float) -> list[Part]:
    parts: list[Part] = []
    field_name: list[bytes] = []
    field_value: list[bytes] = []
    finished = False

    def part_begin() -> None:
        if len(parts) >= max_parts:
            raise TooManyParts(max_parts)
        parts.append(Part())

    def header_field(buffer: bytes, start: int, end: int) -> None:
        field_name.append(buffer[start:end])

    def header_value(buffer: bytes, start: int, end: int) -> None:
        field_value.append(buffer[start:end])

    def header_end() -> None:
        parts[-1].raw_headers.append((b"".join(field_name), b"".join(field_value)))
        field_name.clear()
        field_value.clear()

    def part_data(buffer: bytes, start: int, end: int) -> None:
        # The whole body is written at once, so every piece of data is a range of `data` itself
        # (python-multipart hands over other buffers only for boundaries split across writes);
        # the pieces of one part follow each other.
        part = parts[-1]
        if buffer is not data:
            raise Malformed("part data outside the body")
        if not part.has_data:
            part.start, part.end, part.has_data = start, end, True
        elif start == part.end:
            part.end = end
        else:
            raise Malformed("part data is not contiguous")

    def end() -> None:
        nonlocal finished
        finished = True

    parser = MultipartParser(boundary, {
        "on_part_begin": part_begin,
        "on_header_field": header_field,
        "on_header_value": header_value,
        "on_header_end": header_end,
        "on_part_data": part_data,
        "on_end": end,
    })
    parser.logger = _QUIET
    parser.write(data)
    parser.finalize()
    if not finished:
        raise Malformed("the closing boundary is missing")
    return parts


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _describe(part: Part, skip: int) -> dict:
    headers: dict[str, str] = {}
    disposition: bytes | None = None
    for raw_name, raw_value in part.raw_headers:
        name = _text(raw_name).strip().lower()
        value = _text(raw_value).strip(" \t")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
        if name == "content-disposition" and disposition is None:
            disposition = raw_value
    name = filename = None
    if disposition is not None:
        # Given bytes, the parser works in Latin-1 and returns the parameters' bytes as sent.
        try:
            _, options = parse_options_header(disposition)
        except (ValueError, UnicodeError):  # older releases re-encode RFC 2231 values
            options = {}
        if b"name" in options:
            name = _text(options[b"name"])
        if b"filename" in options:
            filename = _text(options[b"filename"])
    return {"name": name, "filename": filename, "headers": headers,
            "start": skip + part.start, "end": skip + part.end}
