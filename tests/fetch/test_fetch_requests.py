"""What fetch sends: methods, headers, every kind of body, against a real server that echoes
what it received (aiohttp.web), and against the bridge's own HttpServer in the same script."""

from __future__ import annotations

import base64
import hashlib

from aiohttp import web

from fetching import run_script, web_server


async def _echo(request: web.Request) -> web.Response:
    body = await request.read()
    return web.json_response({
        "method": request.method,
        "path": request.path_qs,
        "headers": [[name.decode("latin-1"), value.decode("latin-1")] for name, value in request.raw_headers],
        "body": base64.b64encode(body).decode(),
    })


def echo_app(*routes: tuple[str, object]) -> web.Application:
    """Echoes every path but `routes` ((path, handler) pairs, any method)."""
    app = web.Application(client_max_size=16 * 1024 * 1024)
    for path, handler in routes:
        app.router.add_route("*", path, handler)
    app.router.add_route("*", "/{tail:.*}", _echo)
    return app


def header(echoed: dict, name: str) -> list[str]:
    return [value for key, value in echoed["headers"] if key.lower() == name]


def body(echoed: dict) -> bytes:
    return base64.b64decode(echoed["body"])


SEND = """
const base = %r
async function send(path, init) {
  const response = await fetch(base + path, init)
  console.log(JSON.stringify(await response.json()))
}
"""


async def test_methods_are_sent_upper_case():
    # The six standard methods are normalised as WHATWG says (Request.method shows it); aiohttp
    # sends every method upper case, so "purge" goes out as PURGE (README, "fetch").
    async with web_server(echo_app()) as base:
        lines = await run_script(SEND % base + """
        console.log(JSON.stringify([new Request(base, { method: "post" }).method, new Request(base, { method: "purge" }).method]))
        for (const method of ["get", "post", "PUT", "delete", "options", "PATCH", "purge"]) {
          await send("/m", { method, body: ["get", "options"].includes(method) ? undefined : "x" })
        }
        const head = await fetch(base + "/m", { method: "HEAD" })
        console.log(JSON.stringify([head.status, await head.text()]))
        """)
    assert lines[0] == ["POST", "purge"]
    assert [line["method"] for line in lines[1:-1]] == ["GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "PURGE"]
    assert lines[-1] == [200, ""]


async def test_headers_are_case_insensitive_and_keep_every_value():
    async with web_server(echo_app()) as base:
        (echoed,) = await run_script(SEND % base + """
        const headers = new Headers([["X-Multi", "one"], ["x-multi", "two"]])
        headers.append("Accept", "text/plain")
        headers.set("X-Replaced", "old")
        headers.set("x-REPLACED", "new")
        await send("/h?q=1", { headers })
        """)
    assert echoed["path"] == "/h?q=1"
    assert header(echoed, "x-multi") in (["one, two"], ["one", "two"])
    assert header(echoed, "x-replaced") == ["new"]
    assert header(echoed, "accept") == ["text/plain"]


async def test_a_record_of_headers_and_a_request_object():
    async with web_server(echo_app()) as base:
        lines = await run_script(SEND % base + """
        await send("/a", { headers: { "X-Token": "abc", "Content-Type": "application/json" }, method: "POST",
                           body: JSON.stringify({ a: 1 }) })
        const request = new Request(base + "/b", { method: "POST", body: "from a Request", headers: { "X-R": "1" } })
        const response = await fetch(request)
        console.log(JSON.stringify(await response.json()))
        """)
    first, second = lines
    assert header(first, "x-token") == ["abc"] and header(first, "content-type") == ["application/json"]
    assert body(first) == b'{"a":1}'
    assert second["path"] == "/b" and body(second) == b"from a Request" and header(second, "x-r") == ["1"]


async def test_every_kind_of_body_arrives_byte_exact_with_its_content_type():
    async with web_server(echo_app()) as base:
        lines = await run_script(SEND % base + """
        const bytes = Uint8Array.from([0, 1, 2, 253, 254, 255])
        const post = (body) => send("/body", { method: "POST", body })
        await post("text é 漢字 😀")
        await post(Data.fromUint8Array(bytes))
        await post(bytes.buffer)
        await post(new Uint16Array([0x0102, 0xfffe]))
        await post(new DataView(bytes.buffer, 2, 3))
        await post(new Blob(["blob ", bytes], { type: "application/x-test" }))
        await post(new URLSearchParams({ a: "1 2", b: "é" }))
        await post(new ReadableStream({
          start(controller) { controller.enqueue(Uint8Array.from([1, 2])); controller.enqueue(Uint8Array.from([3])); controller.close() },
        }))
        await post(new Blob([]))
        """)
    bodies = [body(line) for line in lines]
    types = [header(line, "content-type") for line in lines]
    raw = bytes([0, 1, 2, 253, 254, 255])
    assert bodies == ["text é 漢字 😀".encode(), raw, raw, bytes([2, 1, 0xFE, 0xFF]), raw[2:5],
                      b"blob " + raw, b"a=1+2&b=%C3%A9", bytes([1, 2, 3]), b""]
    assert types[0] == ["text/plain;charset=UTF-8"]
    assert types[1] == types[2] == types[3] == types[4] == types[7] == []
    assert types[5] == ["application/x-test"]
    assert types[6] == ["application/x-www-form-urlencoded;charset=UTF-8"]


async def test_form_data_with_text_files_data_and_blobs_is_multipart():
    async with web_server(echo_app()) as base:
        (echoed,) = await run_script(SEND % base + """
        const form = new FormData()
        form.append("na\\"me", "Ada \\"L\\"")
        form.append("upload", Data.fromRawString("file body"), "text/plain", "notes.txt")
        form.append("blob", new Blob([Uint8Array.from([0, 255])], { type: "image/png" }), "dot.png")
        form.append("anonymous", new Blob(["x"]))
        await send("/form", { method: "POST", body: form })
        """)
    content_type = header(echoed, "content-type")[0]
    assert content_type.startswith("multipart/form-data; boundary=")
    # Parsed back by Python's own multipart reader, not by ours.
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body(echoed))
    parts = [(part.get_param("name", header="content-disposition"), part.get_filename(),
              part.get_content_type(), part.get_payload(decode=True)) for part in message.iter_parts()]
    assert parts == [
        ("na%22me", None, "text/plain", b'Ada "L"'),
        ("upload", "notes.txt", "text/plain", b"file body"),
        ("blob", "dot.png", "image/png", b"\x00\xff"),
        ("anonymous", "blob", "application/octet-stream", b"x"),
    ]


async def test_a_large_body_goes_out_whole():
    async with web_server(echo_app()) as base:
        (echoed,) = await run_script(SEND % base + """
        const bytes = new Uint8Array(3 * 1024 * 1024)
        for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff
        await send("/big", { method: "POST", body: bytes })
        """)
    expected = bytes((i * 7) & 0xFF for i in range(3 * 1024 * 1024))
    assert hashlib.sha256(body(echoed)).digest() == hashlib.sha256(expected).digest()


async def test_a_script_fetches_from_its_own_http_server():
    lines = await run_script("""
    const server = new HttpServer()
    server.registerHandler("/hello", (request) => HttpResponse.ok(HttpResponseBody.text(`hello ${request.method}`)))
    server.registerAsyncHandler("/echo", async (request) =>
      HttpResponse.raw(200, "OK", { headers: { "X-Length": String(request.body.size) }, body: request.body }))
    server.start({ port: 0 })
    const base = `http://127.0.0.1:${server.port}`
    const hello = await fetch(base + "/hello")
    console.log(JSON.stringify([hello.status, hello.headers.get("content-type"), await hello.text()]))
    const echoed = await fetch(base + "/echo", { method: "POST", body: Data.fromHexString("00ff10") })
    console.log(JSON.stringify([echoed.headers.get("x-length"), (await echoed.data()).toHexString()]))
    const missing = await fetch(base + "/nothing-here")
    console.log(JSON.stringify([missing.status, missing.ok]))
    server.stop()
    """)
    assert lines[0][0] == 200 and lines[0][2] == "hello GET"
    assert lines[1] == ["3", "00ff10"]
    assert lines[2] == [404, False]


async def test_get_with_a_body_and_bad_input_are_type_errors():
    lines = await run_script("""
    const attempts = [
      () => fetch("http://127.0.0.1:9/", { method: "GET", body: "x" }),
      () => fetch("not a url"),
      () => fetch("ftp://127.0.0.1/file"),
      () => fetch("http://127.0.0.1:9/", { method: "bad method" }),
      () => fetch("http://127.0.0.1:9/", { method: "POST", body: { an: "object" } }),
      () => fetch("http://127.0.0.1:9/", { headers: { "bad name": "x" } }),
      () => fetch("http://127.0.0.1:9/", { headers: { "x": "a\\r\\nb" } }),
      () => fetch("http://127.0.0.1:9/", { timeout: -1 }),
      () => fetch(42),
    ]
    for (const attempt of attempts) {
      try { await attempt(); console.log("resolved") } catch (e) { console.log(JSON.stringify([e.name, e.message])) }
    }
    """)
    assert all(line[0] == "TypeError" for line in lines), lines
    messages = [line[1] for line in lines]
    assert "GET request cannot have a body" in messages[0]
    assert '"not a url" is not an absolute URL' in messages[1]
    assert "only http: and https:" in messages[2]
    assert "not a valid HTTP method" in messages[3]
    assert "body must be a string, Data," in messages[4] and messages[4].endswith("got Object")
    assert "not a valid header name" in messages[5]
    assert "cannot carry" in messages[6]
    assert "timeout must be a positive number" in messages[7]
    assert "input must be a URL string or a Request" in messages[8]


async def test_a_stream_body_is_sent_chunked_as_it_is_read():
    async with web_server(echo_app()) as base:
        lines = await run_script(SEND % base + """
        let pulls = 0
        const parts = new ReadableStream({
          pull(controller) {
            pulls++
            if (pulls > 4) controller.close()
            else controller.enqueue(pulls % 2 ? "text " : Uint8Array.from([0, 255]))
          },
        })
        await send("/stream", { method: "POST", body: parts })
        const failing = new ReadableStream({ pull(controller) { controller.error(new Error("the source broke")) } })
        try { await fetch(base + "/stream", { method: "POST", body: failing }) }
        catch (e) { console.log(JSON.stringify([e.name, e.message])) }
        """)
    echoed, failure = lines
    assert body(echoed) == b"text \x00\xfftext \x00\xff"
    assert header(echoed, "transfer-encoding") == ["chunked"] and header(echoed, "content-length") == []
    assert failure == ["TypeError", f"fetch failed: the request's body stream failed (the source broke): {base}/stream"]


async def test_a_stream_body_cannot_follow_a_redirect_that_sends_it_again():
    async def moved(request):
        status = int(request.match_info["status"])
        raise (web.HTTPTemporaryRedirect if status == 307 else web.HTTPSeeOther)("/landing")

    async with web_server(echo_app(("/moved/{status}", moved))) as base:
        lines = await run_script(SEND % base + """
        const stream = () => new ReadableStream({ start(c) { c.enqueue("once"); c.close() } })
        try { await fetch(base + "/moved/307", { method: "POST", body: stream() }) }
        catch (e) { console.log(JSON.stringify([e.name, e.message])) }
        await send("/moved/303", { method: "POST", body: stream() })
        """)
    assert lines[0] == ["TypeError", f"fetch failed: the server redirected (HTTP 307) a request whose body is a "
                                     f"stream, which cannot be sent twice: {base}/moved/307"]
    assert lines[1]["method"] == "GET" and lines[1]["path"] == "/landing" and body(lines[1]) == b""
