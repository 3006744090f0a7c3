"""HttpServer's HTTP half, end to end: real requests on 127.0.0.1 to a script's routes."""

from __future__ import annotations

import asyncio
import os
import urllib.error
import urllib.request
from pathlib import Path

from websockets.asyncio.client import connect

from helpers import serving


async def fetch(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    """(status, headers with lower-case names, body) of one request, redirects not followed."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    def call():
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError as error:
            return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()
    return await asyncio.to_thread(call)


async def raw_exchange(port: int, data: bytes, timeout: float = 5) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    try:
        return await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()


def http_url(served, path: str) -> str:
    return f"http://127.0.0.1:{served.port}{path}"


HANDLERS = """
server.registerHandler("/hello", (request) => HttpResponse.ok(HttpResponseBody.text("hello " + request.method)))
server.registerHandler("/user/:id", (request) => HttpResponse.ok(HttpResponseBody.text("user " + request.params.id)))
server.registerAsyncHandler("/later", async (request) => {
  await new Promise((resolve) => setTimeout(resolve, 10))
  return HttpResponse.ok(HttpResponseBody.html("<p>later</p>"))
})
server.registerAsyncHandler("/reject", async () => { throw new Error("it went wrong") })
server.registerHandler("/throw", () => { throw new TypeError("sync failure") })
server.registerHandler("/echo", (request) => HttpResponse.ok(HttpResponseBody.data(request.body)))
server.registerHandler("/query", (request) =>
  HttpResponse.ok(HttpResponseBody.text(request.path + " " + JSON.stringify(request.queryParams))))
server.registerHandler("/headers", (request) =>
  HttpResponse.ok(HttpResponseBody.text(request.headers["x-custom"] + " " + request.address)))
server.registerHandler("/raw", () => HttpResponse.raw(418, "I'm a teapot", {
  headers: { "X-Extra": "1" }, body: Data.fromRawString("short and stout") }))
server.registerWebsocket("/ws", { handleText: (session, text) => session.writeText("ws " + text) })
server.registerHandler("/not-a-response", () => "plain text")
"""


async def test_handlers_sync_async_params_and_raw_responses():
    async with serving(HANDLERS) as served:
        assert (await fetch(http_url(served, "/hello")))[2] == b"hello GET"
        assert (await fetch(http_url(served, "/hello"), method="POST", body=b"x"))[2] == b"hello POST"
        assert (await fetch(http_url(served, "/user/42")))[2] == b"user 42"
        assert (await fetch(http_url(served, "/user/%C3%A9t%C3%A9")))[2] == "user été".encode()
        status, headers, body = await fetch(http_url(served, "/later"))
        assert (status, body) == (200, b"<p>later</p>") and headers["content-type"].startswith("text/html")
        status, headers, body = await fetch(http_url(served, "/raw"))
        assert (status, headers["x-extra"], body) == (418, "1", b"short and stout")
        payload = bytes(range(256)) * 40
        assert (await fetch(http_url(served, "/echo"), method="POST", body=payload))[2] == payload
        status, _, body = await fetch(http_url(served, "/query?a=1&b=two+words&c=%C3%A9"))
        assert body.decode() == '/query [{"key":"a","value":"1"},{"key":"b","value":"two words"},{"key":"c","value":"é"}]'
        assert (await fetch(http_url(served, "/headers"), headers={"X-Custom": "yes"}))[2] == b"yes 127.0.0.1"


async def test_a_failing_handler_gives_500_with_its_message_and_the_server_goes_on():
    async with serving(HANDLERS) as served:
        assert (await fetch(http_url(served, "/reject")))[::2] == (500, b"it went wrong")
        assert (await fetch(http_url(served, "/throw")))[::2] == (500, b"sync failure")
        assert (await fetch(http_url(served, "/not-a-response")))[::2] == (
            500, b"HttpServer handler: expected an HttpResponse, got string")
        assert (await fetch(http_url(served, "/hello")))[2] == b"hello GET"
        report = served.stderr.getvalue()
        assert "script0.js:8:60: Uncaught Error: it went wrong" in report
        assert "script0.js:9:48: Uncaught TypeError: sync failure" in report


async def test_http_and_websocket_share_the_port():
    async with serving(HANDLERS) as served:
        async with connect(served.url("/ws")) as client:
            assert (await fetch(http_url(served, "/hello")))[2] == b"hello GET"
            await client.send("hi")
            assert await client.recv() == "ws hi"


async def test_unknown_paths_get_404_unless_a_not_found_handler_is_set():
    async with serving(HANDLERS) as served:
        assert (await fetch(http_url(served, "/nothing")))[0] == 404
    script = HANDLERS + """
    server.setNotFoundHandler(async (request) => HttpResponse.notFound(HttpResponseBody.text("no " + request.path)))
    """
    async with serving(script) as served:
        assert (await fetch(http_url(served, "/nothing")))[::2] == (404, b"no /nothing")


async def test_middleware_runs_in_order_and_a_response_short_circuits(tmp_path):
    (tmp_path / "page.txt").write_text("file body")
    script = f"""
    server.registerMiddleware(async (request) => {{ console.log("first " + request.path); return null }})
    server.registerMiddleware(async (request) => {{
      console.log("second " + request.path)
      if (request.headers["authorization"] !== "secret") return HttpResponse.unauthorized(HttpResponseBody.text("who are you?"))
    }})
    server.registerHandler("/private", () => HttpResponse.ok(HttpResponseBody.text("welcome")))
    server.registerFile("/page", {str(tmp_path / 'page.txt')!r})
    """
    async with serving(script) as served:
        assert (await fetch(http_url(served, "/private")))[::2] == (401, b"who are you?")
        allowed = {"Authorization": "secret"}
        assert (await fetch(http_url(served, "/private"), headers=allowed))[::2] == (200, b"welcome")
        assert (await fetch(http_url(served, "/page"), headers=allowed))[::2] == (200, b"file body")
        assert (await fetch(http_url(served, "/page")))[0] == 401
        assert served.lines()[:4] == ["first /private", "second /private", "first /private", "second /private"]


def _site(root: Path) -> Path:
    (root / "site" / "sub").mkdir(parents=True)
    (root / "site" / "index.html").write_text("<h1>home</h1>")
    (root / "site" / "app.js").write_text("console.log(1)")
    (root / "site" / "sub" / "data.json").write_text('{"a": 1}')
    (root / "site" / "sub" / "default.html").write_text("sub default")
    (root / "secret.txt").write_text("outside")
    os.symlink(root / "secret.txt", root / "site" / "escape.txt")
    return root / "site"


async def test_files_and_folders_with_defaults_and_content_types(tmp_path):
    site = _site(tmp_path)
    script = f"""
    server.registerFile("/one", {str(site / 'app.js')!r})
    server.registerFilesFromDirectory("/static/:file", {str(site)!r})
    server.registerFilesFromDirectory("/custom/:file", {str(site)!r}, {{ defaults: ["app.js"] }})
    server.registerDirectoryBrowser("/browse/:path", {str(site)!r})
    """
    async with serving(script) as served:
        status, headers, body = await fetch(http_url(served, "/one"))
        assert (status, body) == (200, b"console.log(1)") and "javascript" in headers["content-type"]
        status, headers, body = await fetch(http_url(served, "/static/sub/data.json"))
        assert (status, headers["content-type"], body) == (200, "application/json; charset=utf-8", b'{"a": 1}')
        assert (await fetch(http_url(served, "/static/")))[2] == b"<h1>home</h1>"
        assert (await fetch(http_url(served, "/static/sub")))[2] == b"sub default"
        assert (await fetch(http_url(served, "/custom/")))[2] == b"console.log(1)"
        status, headers, body = await fetch(http_url(served, "/browse/sub"))
        assert status == 200 and headers["content-type"].startswith("text/html")
        assert b'<a href="./sub/data.json">data.json</a>' in body  # relative to /browse/sub
        assert (await fetch(http_url(served, "/browse/sub/data.json")))[2] == b'{"a": 1}'
        status, headers, body = await fetch(http_url(served, "/static/app.js"), method="HEAD")
        assert (status, headers["content-length"], body) == (200, "14", b"")
        assert (await fetch(http_url(served, "/static/app.js"), method="POST", body=b""))[0] == 405


async def test_file_routes_never_leave_their_folder(tmp_path):
    site = _site(tmp_path)
    script = f"""
    server.registerFilesFromDirectory("/static/:file", {str(site)!r})
    server.registerDirectoryBrowser("/browse/:path", {str(site)!r})
    """
    async with serving(script) as served:
        for attempt in ["/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/..%2fsecret.txt",
                        "/static/%2e%2e%2fsecret.txt", "/static/escape.txt", "/browse/..%2f", "/static/%00",
                        "/static//etc/passwd", "/browse/%2e%2e/%2e%2e/etc/passwd"]:
            answer = await raw_exchange(served.port, f"GET {attempt} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            assert answer.startswith(b"HTTP/1.1 404 "), (attempt, answer[:60])
            assert b"outside" not in answer and b"root:" not in answer


async def test_bodies_413_400_keep_alive_and_chunked():
    script = HANDLERS.replace('server.registerWebsocket', '// ')
    async with serving(script, start="{ port: 0, maxRequestBodySize: 1000 }") as served:
        answer = await raw_exchange(served.port, b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 413 ")  # refused before any of the body was sent
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (b"x" * 600, b"y" * 600)) + b"0\r\n\r\n"
        answer = await raw_exchange(served.port, b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks)
        assert answer.startswith(b"HTTP/1.1 413 ")  # counted while reading
        assert (await raw_exchange(served.port, b"NOT HTTP AT ALL\r\n\r\n")).startswith(b"HTTP/1.1 400 ")
        small = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (b"ab", b"cd")) + b"0\r\n\r\n"
        answer = await raw_exchange(served.port,
            b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + small
            + b"GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")  # two requests, one connection
        assert answer.count(b"HTTP/1.1 200 OK") == 2 and b"\r\n\r\nabcd" in answer and answer.endswith(b"hello GET")


async def test_a_request_head_sent_too_slowly_times_out(monkeypatch):
    from bridge.http import connection
    monkeypatch.setattr(connection, "HEAD_TIMEOUT", 0.5)
    async with serving(HANDLERS) as served:
        reader, writer = await asyncio.open_connection("127.0.0.1", served.port)

        async def trickle():  # one byte every 50 ms: 1 s for the whole head
            for byte in b"GET /hello HTTP/1.1\r\nHost: x\r\n":
                if writer.is_closing():
                    return
                writer.write(bytes([byte]))
                await asyncio.sleep(0.05)
        sender = asyncio.ensure_future(trickle())
        answer = await asyncio.wait_for(reader.read(), 5)
        assert answer.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
        sender.cancel()
        writer.close()


async def test_both_form_parsers_through_a_real_request():
    script = """
    server.registerHandler("/form", (request) => HttpResponse.ok(HttpResponseBody.text(JSON.stringify(request.parseUrlencodedForm()))))
    server.registerHandler("/upload", (request) => {
      const parts = request.parseMultiPartFormData()
      return HttpResponse.ok(HttpResponseBody.text(JSON.stringify(parts.map((part) =>
        [part.name, part.filename, part.headers["content-type"] ?? null, part.data.size, part.data.toHexString().slice(0, 8)]))))
    })
    """
    async with serving(script) as served:
        status, _, body = await fetch(http_url(served, "/form"), method="POST", body=b"a=1&b=two+words&c=%C3%A9",
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert body.decode() == '[{"key":"a","value":"1"},{"key":"b","value":"two words"},{"key":"c","value":"é"}]'
        binary = bytes(range(256))
        multipart = (b"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n"
                     b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bytes.bin\"\r\n"
                     b"Content-Type: application/octet-stream\r\n\r\n" + binary + b"\r\n--XyZ--\r\n")
        status, _, body = await fetch(http_url(served, "/upload"), method="POST", body=multipart,
                                      headers={"Content-Type": "multipart/form-data; boundary=XyZ"})
        assert __import__("json").loads(body) == [["title", None, None, 5, "68656c6c"],
                                                  ["file", "bytes.bin", "application/octet-stream", 256, "00010203"]]


async def test_non_ascii_header_values_go_out_as_utf8():
    script = """
    server.registerHandler("/h", () => HttpResponse.raw(200, "OK", { headers: { "X-Name": "été" }, body: Data.fromRawString("x") }))
    """
    async with serving(script) as served:
        answer = await raw_exchange(served.port, b"GET /h HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert "x-name: été\r\n".encode() in answer.lower()


async def test_a_request_whose_client_left_is_forgotten_and_its_late_answer_ignored():
    script = """
    let release
    server.registerAsyncHandler("/slow", () => new Promise((resolve) => { release = resolve }))
    server.registerHandler("/release", () => {
      release(HttpResponse.ok(HttpResponseBody.text("too late")))
      return HttpResponse.ok(HttpResponseBody.text("released"))
    })
    """
    async with serving(script) as served:
        reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
        writer.write(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        await asyncio.sleep(0.2)
        writer.transport.abort()
        await asyncio.sleep(0.1)
        assert (await fetch(http_url(served, "/release")))[2] == b"released"
        await asyncio.sleep(0.1)
        assert served.stderr.getvalue() == ""
