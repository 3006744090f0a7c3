"""HttpRequest, HttpResponse and HttpResponseBody in the real engine, without a server: requests
are made with internals.http.makeRequest as the server makes them, responses are read back with
internals.http.responseParts as the server reads them. Form parsing is also checked in Python
alone (bridge.http.forms) against bodies built here."""

from __future__ import annotations

import time

import pythonmonkey as pm
import pytest
from hypothesis import given, settings, strategies as st

from bridge.apis import Api
from bridge.data import install as install_data
from bridge.http import forms
from bridge.http import install_classes
from bridge.runtime.errors import ScriptError
from helpers import JS

ALL_BYTES = bytes(range(256))

# The tested functions are called as (request, internals, ...args, responseParts): request(meta,
# body) makes an HttpRequest from a JSON-able meta (defaults filled in) and a body, as the server
# makes one; responseParts(response) is a response's parts as plain values, as the server reads them.
HARNESS = """(internals, test) => {
    const request = (meta = {}, body = new Uint8Array(0)) => internals.http.makeRequest(Object.assign(
        { method: "GET", target: "/", path: "/", headers: {}, address: null, params: {} },
        JSON.parse(JSON.stringify(meta))), Data.fromUint8Array(body instanceof Uint8Array ? body : new Uint8Array(body)));
    const responseParts = (response) => {
        const parts = internals.http.responseParts(response);
        return { status: parts.status, reason: parts.reason, headers: parts.headers,
                 body: Array.from(parts.body), bodyIsBytes: parts.body instanceof Uint8Array };
    };
    return (...args) => test(request, internals, ...args, responseParts);
}"""


def engine():
    return JS.open(apis=(Api("data", install_data), Api("http classes", install_classes, needs=("data",))),
                   harness=HARNESS)


def multipart(boundary: bytes, parts: list[tuple[list[bytes], bytes]], *, preamble: bytes = b"",
              epilogue: bytes = b"\r\n") -> bytes:
    """A multipart body: each part is (header lines, data)."""
    out = [preamble]
    for headers, data in parts:
        out += [b"--", boundary, b"\r\n", *(line + b"\r\n" for line in headers), b"\r\n", data, b"\r\n"]
    out += [b"--", boundary, b"--", epilogue]
    return b"".join(out)


# HttpRequest: members


async def test_request_members():
    async with engine() as js:
        result = js("""(request) => {
            const r = request({ method: "POST", target: "/items/7?x=1", path: "/items/7",
                headers: { "content-type": "text/plain", "x-many": "a, b" }, address: "127.0.0.1",
                params: { id: "7" } }, [104, 105]);
            return { method: r.method, target: r.target, path: r.path, headers: r.headers,
                address: r.address, params: r.params, body: r.body.toIntArray(),
                bodyIsData: r.body instanceof Data, isRequest: r instanceof HttpRequest,
                same: r.headers === r.headers && r.body === r.body && r.queryParams === r.queryParams,
                tag: Object.prototype.toString.call(r) };
        }""")
        assert result == {
            "method": "POST", "target": "/items/7?x=1", "path": "/items/7",
            "headers": {"content-type": "text/plain", "x-many": "a, b"}, "address": "127.0.0.1",
            "params": {"id": "7"}, "body": [104, 105], "bodyIsData": True, "isRequest": True,
            "same": True, "tag": "[object HttpRequest]"}


async def test_request_defaults_and_header_names():
    async with engine() as js:
        result = js("""(request, internals) => {
            const r = internals.http.makeRequest({ method: "GET", target: "/", path: "/",
                headers: JSON.parse('{ "X-Upper": "1", "x-upper": "2", "__proto__": "odd" }'), address: undefined });
            return { address: r.address, params: r.params, size: r.body.size,
                headers: Object.entries(r.headers), query: r.queryParams };
        }""")
        assert result == {"address": None, "params": {}, "size": 0,
                          "headers": [["x-upper", "1, 2"], ["__proto__", "odd"]], "query": []}


async def test_request_members_are_read_only_and_the_class_is_not_constructible():
    async with engine() as js:
        assert js("""(request) => {
            const r = request({ method: "GET", path: "/a" });
            try { r.path = "/b"; } catch {}
            try { r.method = "PUT"; } catch {}
            return [r.path, r.method];
        }""") == ["/a", "GET"]
        name, message = js.error("() => new HttpRequest()")
        assert name == "TypeError" and "cannot be constructed" in message and "registerHandler" in message
        assert js.error("(request, internals) => internals.http.makeRequest({}, 'body')")[0] == "TypeError"


async def test_request_inspects_as_its_request_line():
    async with engine() as js:
        shown = js("""(request) => {
            const r = request({ method: "DELETE", target: "/x?y=1" });
            return r[Symbol.for("nodejs.util.inspect.custom")]();
        }""")
        assert shown == "<HttpRequest DELETE /x?y=1>"


# queryParams


QUERIES = [
    ("/", []),
    ("/?", []),
    ("/p?a=1&b=2&a=3", [["a", "1"], ["b", "2"], ["a", "3"]]),
    ("/p?q=two+words&r=%2B%20plus", [["q", "two words"], ["r", "+ plus"]]),
    ("/p?name=%C3%A9t%C3%A9&emoji=%F0%9F%98%80", [["name", "été"], ["emoji", "😀"]]),
    ("/p?flag&empty=&=v&&x==y", [["flag", ""], ["empty", ""], ["", "v"], ["x", "=y"]]),
    ("/p?bad=%G1&cut=%4&end=%&pct=100%25", [["bad", "%G1"], ["cut", "%4"], ["end", "%"], ["pct", "100%"]]),
    ("/p?latin=%E9&lone=%C3", [["latin", "\ufffd"], ["lone", "\ufffd"]]),
    ("/p?mixed=%F0%9F%98&then=ok", [["mixed", "\ufffd"], ["then", "ok"]]),
    ("/p?raw=é&Key=A", [["raw", "é"], ["Key", "A"]]),
    ("/p?a=1?b=2", [["a", "1?b=2"]]),
    ("/p?u=%u0041&uu=%%u0041&U=%U0041&mix=%41%u%", [["u", "%u0041"], ["uu", "%%u0041"], ["U", "%U0041"], ["mix", "A%u%"]]),
    ("/p?bad=%ED%A0%80&over=%C0%AF&ok=%E2%9C%93", [["bad", "\ufffd\ufffd\ufffd"], ["over", "\ufffd\ufffd"], ["ok", "✓"]]),
]


async def test_query_params():
    async with engine() as js:
        for target, expected in QUERIES:
            got = js("(request, internals, target) => request({ target }).queryParams.map((p) => [p.key, p.value])",
                     target)
            assert got == expected, target
        assert js("(request) => Object.keys(request({ target: '/?a=b' }).queryParams[0])") == ["key", "value"]


# hasTokenForHeader


async def test_has_token_for_header():
    async with engine() as js:
        result = js("""(request) => {
            const r = request({ headers: { connection: "keep-alive, Upgrade", upgrade: "websocket",
                "accept-encoding": "gzip,deflate ,  br" } });
            return [
                r.hasTokenForHeader("connection", "upgrade"),
                r.hasTokenForHeader("Connection", "UPGRADE"),
                r.hasTokenForHeader("CONNECTION", "keep-alive"),
                r.hasTokenForHeader("connection", " upgrade "),
                r.hasTokenForHeader("connection", "keep"),
                r.hasTokenForHeader("connection", "close"),
                r.hasTokenForHeader("accept-encoding", "deflate"),
                r.hasTokenForHeader("accept-encoding", "br"),
                r.hasTokenForHeader("missing", "x"),
                r.hasTokenForHeader("upgrade", "WebSocket"),
            ];
        }""")
        assert result == [True, True, True, True, False, False, True, True, False, True]
        name, message = js.error("(request) => request().hasTokenForHeader(1, 'x')")
        assert (name, message) == ("TypeError", "HttpRequest.hasTokenForHeader: name must be a string, got number")
        name, message = js.error("(request) => request().hasTokenForHeader('a', null)")
        assert (name, message) == ("TypeError", "HttpRequest.hasTokenForHeader: token must be a string, got null")


# parseUrlencodedForm


async def test_parse_urlencoded_form():
    async with engine() as js:
        form = "(request, internals, type, body) => request({ headers: type === null ? {} : { 'content-type': type } }, body).parseUrlencodedForm().map((p) => [p.key, p.value])"
        body = b"name=J%C3%BCrgen+M&note=a%26b%3Dc&empty=&flag&&x=%ZZ&bin=%FF"
        expected = [["name", "Jürgen M"], ["note", "a&b=c"], ["empty", ""], ["flag", ""],
                    ["x", "%ZZ"], ["bin", "\ufffd"]]
        assert js(form, "application/x-www-form-urlencoded", body) == expected
        assert js(form, "Application/X-WWW-Form-URLEncoded; charset=UTF-8", body) == expected
        assert js(form, "application/x-www-form-urlencoded", b"") == []
        # Raw UTF-8 in the body (not escaped) is read as UTF-8 too.
        assert js(form, "application/x-www-form-urlencoded", "city=Zürich".encode()) == [["city", "Zürich"]]
        # Only an urlencoded Content-Type makes it a form (as in the app).
        assert js(form, None, body) == []
        assert js(form, "text/plain", body) == []
        assert js(form, "multipart/form-data; boundary=x", body) == []


async def test_a_form_over_max_form_fields_is_a_range_error():
    async with engine() as js:
        count = ("(request, internals, body) => request({ headers: { 'content-type': "
                 "'application/x-www-form-urlencoded' } }, body).parseUrlencodedForm().length")
        assert js(count, b"&".join(b"k%d" % i for i in range(1000)) + b"&&&") == 1000  # the default cap
        body = b"&".join(b"k%d" % i for i in range(20000))
        assert js.error(count, body) == (
            "RangeError", "HttpRequest.parseUrlencodedForm: the form has more than 1000 fields (maxFormFields)")
        parts = multipart(b"b1", [([b'Content-Disposition: form-data; name="a"'], b"1")] * 1001)
        assert js.error("(request, internals, body) => request({ headers: { 'content-type': "
                        "'multipart/form-data; boundary=b1' } }, body).parseMultiPartFormData()", parts) == (
            "RangeError", "HttpRequest.parseMultiPartFormData: the form has more than 1000 parts (maxFormFields)")


# parseMultiPartFormData


BOUNDARY = b"----formBoundary7MA4YWxkTrZu0gW"
FILE_DATA = ALL_BYTES + b"\r\n--" + BOUNDARY[:10] + b"\r\n\r\n--" + ALL_BYTES[::-1] + b"\r\n"
UPLOAD = multipart(BOUNDARY, [
    ([b'Content-Disposition: form-data; name="title"'], "Grüße".encode()),
    ([b'Content-Disposition: form-data; name="count"'], b"42"),
    ([b'Content-Disposition: form-data; name="file"; filename="r\xc3\xa9sum\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac.bin"',
      b"Content-Type: application/octet-stream"], FILE_DATA),
    ([b'Content-Disposition: form-data; name="empty"; filename=""', b"Content-Type: text/plain"], b""),
    ([b"X-Note: first", b"x-note: second", b"Content-Type: text/plain"], b"no disposition"),
])
MULTIPART_TYPE = "multipart/form-data; boundary=" + BOUNDARY.decode()

PARSE = """(request, internals, type, body) => request({ headers: type === null ? {} : { "content-type": type } }, body)
    .parseMultiPartFormData().map((p) => ({ name: p.name, filename: p.filename, headers: p.headers,
        data: p.data.toIntArray(), isData: p.data instanceof Data }))"""


async def test_multipart_fields_and_a_binary_file():
    async with engine() as js:
        parts = js(PARSE, MULTIPART_TYPE, UPLOAD)
        assert [(p["name"], p["filename"], bytes(p["data"])) for p in parts] == [
            ("title", None, "Grüße".encode()),
            ("count", None, b"42"),
            ("file", "résumé 日本.bin", FILE_DATA),
            ("empty", "", b""),
            (None, None, b"no disposition"),
        ]
        assert all(p["isData"] for p in parts)
        assert parts[2]["headers"] == {
            "content-disposition": 'form-data; name="file"; filename="résumé 日本.bin"',
            "content-type": "application/octet-stream"}
        assert parts[4]["headers"] == {"x-note": "first, second", "content-type": "text/plain"}


async def test_multipart_part_data_is_a_copy_and_parsing_repeats():
    async with engine() as js:
        result = js("""(request, internals, type, body) => {
            const r = request({ headers: { "content-type": type } }, body);
            const first = r.parseMultiPartFormData();
            first[1].data.resetBytes(0, 2);
            const again = r.parseMultiPartFormData();
            return [first[1].data.toRawString(), again[1].data.toRawString(), again !== first];
        }""", MULTIPART_TYPE, UPLOAD)
        assert result == ["\x00\x00", "42", True]


async def test_multipart_content_types():
    async with engine() as js:
        body = multipart(b"b1", [([b'Content-Disposition: form-data; name="a"'], b"1")])
        names = lambda type_: [p["name"] for p in js(PARSE, type_, body)]  # noqa: E731
        assert names("multipart/form-data; boundary=b1") == ["a"]
        assert names('Multipart/Form-Data; charset=utf-8; boundary="b1"') == ["a"]
        assert names("multipart/form-data") == []                 # no boundary
        assert names("multipart/form-data; boundary=") == []      # an empty one
        assert names("multipart/form-data; boundary=other") == []  # the wrong one
        assert names("multipart/mixed; boundary=b1") == []
        assert names("application/x-www-form-urlencoded") == []
        assert names(None) == []
        assert names("multipart/form-data; boundary=" + "x" * 300) == []  # over python-multipart's limit


async def test_multipart_preamble_epilogue_and_line_breaks():
    async with engine() as js:
        body = multipart(b"b1", [([b'Content-Disposition: form-data; name="a"'], b"1")],
                         preamble=b"This is a preamble.\r\n", epilogue=b"\r\nand an epilogue")
        assert [(p["name"], p["data"]) for p in js(PARSE, "multipart/form-data; boundary=b1", body)] == [("a", [49])]
        body = b"\r\n" + multipart(b"b1", [([b'Content-Disposition: form-data; name="a"'], b"1")])
        assert [p["name"] for p in js(PARSE, "multipart/form-data; boundary=b1", body)] == ["a"]
        assert js(PARSE, "multipart/form-data; boundary=b1", b"--b1--\r\n") == []  # no parts at all


MALFORMED = [
    b"",
    b"just some text",
    UPLOAD[:len(UPLOAD) // 2],                         # cut in the middle of the file
    UPLOAD[:-len(b"--\r\n")],                          # no closing "--"
    b"--" + BOUNDARY + b"X\r\n\r\ndata\r\n--" + BOUNDARY + b"--\r\n",  # a boundary line with junk after it
    b"--" + BOUNDARY + b"\r\nno colon here\r\n\r\ndata\r\n--" + BOUNDARY + b"--\r\n",
    b"--" + BOUNDARY + b"\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(20)) + b"\r\nd\r\n--" + BOUNDARY + b"--",
]


async def test_malformed_multipart_bodies_give_no_parts():
    async with engine() as js:
        for body in MALFORMED:
            assert js(PARSE, MULTIPART_TYPE, body) == [], body[:60]
        assert js.runtime.stderr.getvalue() == ""  # nothing printed for a client's bad body


async def test_multipart_parsing_keeps_python_strings_out_of_the_engine():
    # Python strings passed into JS slow every later collection (docs/engine.md); forms.py
    # answers through the inbox with ints only. 3,000 parses of a 5-part form would leave ~20,000
    # such strings if that regressed, costing seconds in pm.collect(); without, milliseconds.
    async with engine() as js:
        count = js("""(request, internals, type, body) => {
            const r = request({ headers: { "content-type": type } }, body);
            let n = 0;
            for (let i = 0; i < 3000; i++) n += r.parseMultiPartFormData().length;
            return n;
        }""", MULTIPART_TYPE, UPLOAD)
        assert count == 3000 * 5
        started = time.monotonic()
        pm.collect()
        assert time.monotonic() - started < 1.5


# forms.py alone: offsets of random forms


_names = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"\\'), max_size=12)


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.tuples(_names, st.none() | _names, st.binary(max_size=300)), max_size=6),
       boundary=st.text("abcdefghijklmnopqrstuvwxyz0123456789'()+_,-./:=?", min_size=1, max_size=70))
def test_forms_offsets_match_the_parts(parts, boundary):
    boundary_bytes = boundary.encode()
    if any(b"--" + boundary_bytes in data or b"\r\n--" + boundary_bytes in b"\r\n" + data + b"\r\n"
           for _, _, data in parts):
        return  # a boundary must not occur in the data (RFC 2046); senders choose it so
    built = []
    for name, filename, data in parts:
        disposition = f'Content-Disposition: form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        built.append(([disposition.encode()], data))
    body = multipart(boundary_bytes, built)
    described = forms.parse(memoryview(body), f'multipart/form-data; boundary="{boundary}"')
    assert described is not None
    assert [(d["name"], d["filename"], body[d["start"]:d["end"]]) for d in described] == parts


def test_forms_refuse_what_is_not_a_form():
    assert forms.parse(UPLOAD, "text/plain") is None
    assert forms.parse(UPLOAD, "multipart/form-data") is None
    assert forms.parse(UPLOAD[:-3], MULTIPART_TYPE) is None
    assert forms.parse(b"", MULTIPART_TYPE) is None
    assert forms.parse(multipart(b"z", []), "multipart/form-data; boundary=z") == []
    # An old browser's full Windows path is cut to the file's name.
    body = multipart(b"z", [([b'Content-Disposition: form-data; name="f"; filename="C:\\\\Users\\\\me\\\\a.txt"'], b"x")])
    assert forms.parse(body, "multipart/form-data; boundary=z")[0]["filename"] == "a.txt"


# HttpResponseBody and HttpResponse


TEXT = "text/plain; charset=utf-8"
HTML = "text/html; charset=utf-8"


async def test_every_body_kind():
    async with engine() as js:
        result = js("""(request, internals, bytes, parts) => [
            parts(HttpResponse.ok(HttpResponseBody.text("héllo ✓"))),
            parts(HttpResponse.ok(HttpResponseBody.data(Data.fromUint8Array(bytes)))),
            parts(HttpResponse.ok(HttpResponseBody.html("<!doctype html><p>hi</p>"))),
            parts(HttpResponse.ok(HttpResponseBody.htmlBody("<p>é</p>"))),
            parts(HttpResponse.ok(HttpResponseBody.text(""))),
        ]""", ALL_BYTES)
        expected = [
            (TEXT, "héllo ✓".encode()),
            ("application/octet-stream", ALL_BYTES),
            (HTML, b"<!doctype html><p>hi</p>"),
            (HTML, '<html><meta charset="UTF-8"><body><p>é</p></body></html>'.encode()),
            (TEXT, b""),
        ]
        for parts, (content_type, body) in zip(result, expected):
            assert parts["status"] == 200 and parts["reason"] == "OK" and parts["bodyIsBytes"]
            assert parts["headers"] == [["Content-Type", content_type]]
            assert bytes(parts["body"]) == body


async def test_a_body_keeps_its_own_bytes():
    async with engine() as js:
        result = js("""(request, internals, parts) => {
            const data = Data.fromIntArray([1, 2, 3]);
            const body = HttpResponseBody.data(data);
            data.resetBytes(0, 3);
            data.append(Data.fromIntArray([4]));
            const response = HttpResponse.ok(body);
            const first = internals.http.responseParts(response).body;
            return [parts(response).body, parts(HttpResponse.created(body)).body, first === internals.http.responseParts(response).body];
        }""")
        assert result == [[1, 2, 3], [1, 2, 3], True]


FACTORIES = [
    ("ok", 200, "OK"), ("created", 201, "Created"), ("accepted", 202, "Accepted"),
    ("badRequest", 400, "Bad Request"), ("unauthorized", 401, "Unauthorized"),
    ("forbidden", 403, "Forbidden"), ("notFound", 404, "Not Found"),
    ("notAcceptable", 406, "Not Acceptable"), ("tooManyRequests", 429, "Too Many Requests"),
    ("internalServerError", 500, "Internal Server Error"),
]


async def test_every_factory_with_and_without_a_body():
    async with engine() as js:
        for name, status, reason in FACTORIES:
            bare, with_body, members = js(f"""(request, internals, parts) => {{
                const r = HttpResponse.{name}(HttpResponseBody.text("why"));
                return [parts(HttpResponse.{name}()), parts(r),
                        [r.statusCode, r.reasonPhrase, r.headers(), r instanceof HttpResponse]];
            }}""")
            assert bare == {"status": status, "reason": reason, "headers": [], "body": [], "bodyIsBytes": True}
            assert with_body == {"status": status, "reason": reason, "headers": [["Content-Type", TEXT]],
                                 "body": list(b"why"), "bodyIsBytes": True}
            assert members == [status, reason, {"Content-Type": TEXT}, True]
            assert js(f"() => HttpResponse.{name}(null).headers()") == {}


async def test_redirects_set_location():
    async with engine() as js:
        result = js("""(request, internals, parts) => [
            parts(HttpResponse.movedPermanently("https://example.com/new?q=1")),
            parts(HttpResponse.movedTemporarily("/elsewhere", HttpResponseBody.html("<a href='/elsewhere'>moved</a>"))),
            HttpResponse.movedTemporarily("/caf\u00e9/%20x?w=\u65e5").headers(),
        ]""")
        assert result[0] == {"status": 301, "reason": "Moved Permanently", "body": [], "bodyIsBytes": True,
                             "headers": [["Location", "https://example.com/new?q=1"]]}
        assert result[1]["status"] == 307 and result[1]["reason"] == "Moved Temporarily"
        assert result[1]["headers"] == [["Location", "/elsewhere"], ["Content-Type", HTML]]
        assert bytes(result[1]["body"]) == b"<a href='/elsewhere'>moved</a>"
        assert result[2] == {"Location": "/caf%C3%A9/%20x?w=%E6%97%A5"}


async def test_raw():
    async with engine() as js:
        result = js("""(request, internals, parts) => [
            parts(HttpResponse.raw(418, "I'm a teapot")),
            parts(HttpResponse.raw(200, "Fine", { headers: { "X-One": "1", "Cache-Control": "no-store" },
                                                  body: Data.fromRawString("{}") })),
            parts(HttpResponse.raw(201, "", { headers: { "content-type": "application/json" },
                                              body: Data.fromRawString("[]") })),
            parts(HttpResponse.raw(204, "No Content", null)),
            HttpResponse.raw(599, "Odd", { headers: { A: "b" } }).headers(),
        ]""")
        assert result[0] == {"status": 418, "reason": "I'm a teapot", "headers": [], "body": [], "bodyIsBytes": True}
        assert result[1]["headers"] == [["X-One", "1"], ["Cache-Control", "no-store"],
                                        ["Content-Type", "application/octet-stream"]]
        assert bytes(result[1]["body"]) == b"{}"
        assert result[2]["reason"] == "" and result[2]["headers"] == [["content-type", "application/json"]]
        assert result[3]["status"] == 204 and result[3]["headers"] == []
        assert result[4] == {"A": "b"}


async def test_headers_returns_a_copy_and_responses_are_immutable():
    async with engine() as js:
        result = js("""() => {
            const r = HttpResponse.ok(HttpResponseBody.text("x"));
            r.headers()["Content-Type"] = "changed";
            try { r.statusCode = 500; } catch {}
            return [r.headers(), r.statusCode, r[Symbol.for("nodejs.util.inspect.custom")]()];
        }""")
        assert result == [{"Content-Type": TEXT}, 200, "<HttpResponse 200 OK, 1 bytes>"]


async def test_response_parts_refuses_anything_else():
    async with engine() as js:
        for value, shown in [("null", "null"), ("undefined", "undefined"), ("'ok'", "string"),
                             ("{ statusCode: 200 }", "Object"), ("Promise.resolve()", "Promise"),
                             ("HttpResponseBody.text('x')", "HttpResponseBody"), ("[]", "array")]:
            name, message = js.error(f"(request, internals) => internals.http.responseParts({value}, 'HttpServer handler')")
            assert (name, message) == ("TypeError", f"HttpServer handler: expected an HttpResponse, got {shown}")
        assert js.error("(request, internals) => internals.http.responseParts(5, 'the handler')")[1] == (
            "the handler: expected an HttpResponse, got number")
        assert js("(request, internals) => [internals.http.isResponse(HttpResponse.ok()), internals.http.isResponse({})]") == [True, False]


ARGUMENT_ERRORS = [
    ("HttpResponseBody.text(5)", "HttpResponseBody.text: text must be a string, got number"),
    ("HttpResponseBody.text()", "HttpResponseBody.text: text must be a string, got undefined"),
    ("HttpResponseBody.html(null)", "HttpResponseBody.html: html must be a string, got null"),
    ("HttpResponseBody.htmlBody({})", "HttpResponseBody.htmlBody: html must be a string, got Object"),
    ("HttpResponseBody.data('bytes')", "HttpResponseBody.data: data must be a Data, got string"),
    ("HttpResponseBody.data(new Uint8Array(2))", "HttpResponseBody.data: data must be a Data, got Uint8Array"),
    ("HttpResponse.ok('hello')", "HttpResponse.ok: body must be an HttpResponseBody (e.g. HttpResponseBody.text(...)), got string"),
    ("HttpResponse.notFound(Data.fromIntArray([1]))", "HttpResponse.notFound: body must be an HttpResponseBody (e.g. HttpResponseBody.text(...)), got Data"),
    ("HttpResponse.movedPermanently()", "HttpResponse.movedPermanently: url must be a string, got undefined"),
    ("HttpResponse.movedTemporarily('/a\\r\\nSet-Cookie: x=1')",
     'HttpResponse.movedTemporarily: url must not hold line breaks or control characters, got "/a\\r\\nSet-Cookie: x=1"'),
    ("HttpResponse.raw('200', 'OK')", 'HttpResponse.raw: statusCode must be an integer from 200 to 599, got "200"'),
    ("HttpResponse.raw(99, 'x')", "HttpResponse.raw: statusCode must be an integer from 200 to 599, got 99"),
    ("HttpResponse.raw(101, 'Switching')", "HttpResponse.raw: statusCode must be an integer from 200 to 599, got 101"),
    ("HttpResponse.raw(600, 'x')", "HttpResponse.raw: statusCode must be an integer from 200 to 599, got 600"),
    ("HttpResponse.raw(200.5, 'x')", "HttpResponse.raw: statusCode must be an integer from 200 to 599, got 200.5"),
    ("HttpResponse.raw(200)", "HttpResponse.raw: phrase must be a string, got undefined"),
    ("HttpResponse.raw(200, 'O\\nK')", 'HttpResponse.raw: phrase must not hold line breaks or control characters, got "O\\nK"'),
    ("HttpResponse.raw(200, 'OK', 'x')", "HttpResponse.raw: options must be an object { headers?, body? }, got string"),
    ("HttpResponse.raw(200, 'OK', { headers: [['a', 'b']] })", "HttpResponse.raw: headers must be an object of names to string values, got array"),
    ("HttpResponse.raw(200, 'OK', { headers: { 'X-Count': 3 } })", "HttpResponse.raw: header X-Count must be a string, got number"),
    ("HttpResponse.raw(200, 'OK', { headers: { 'bad name': 'x' } })", 'HttpResponse.raw: "bad name" is not a valid header name'),
    ("HttpResponse.raw(200, 'OK', { headers: { A: 'x\\r\\nB: y' } })", "HttpResponse.raw: header A must not hold line breaks or control characters"),
    ("HttpResponse.raw(200, 'OK', { body: 'text' })", "HttpResponse.raw: body must be a Data or a FileEntity, got string"),
    ("HttpResponse.raw(200, 'OK', { body: HttpResponseBody.text('x') })",
     "HttpResponse.raw: body must be a Data or a FileEntity (an HttpResponseBody goes to the other factories, e.g. HttpResponse.ok), got HttpResponseBody"),
]


async def test_argument_errors():
    async with engine() as js:
        for call, message in ARGUMENT_ERRORS:
            assert js.error(f"() => {call}") == ("TypeError", message), call


async def test_the_classes_cannot_be_constructed():
    async with engine() as js:
        for name in ("HttpResponse", "HttpResponseBody"):
            error, message = js.error(f"() => new {name}()")
            assert error == "TypeError" and "cannot be constructed with new" in message


async def test_errors_point_at_the_script():
    async with engine() as js:
        with pytest.raises(ScriptError) as caught:
            await js.runtime.run_source('const ok = HttpResponse.ok()\nHttpResponseBody.text(42)\n', "handler.js")
        report = str(caught.value)
        assert "handler.js:2:" in report and "HttpResponseBody.text: text must be a string, got number" in report
        assert "bridge:" not in report
