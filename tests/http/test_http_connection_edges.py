"""Corners of HTTP/1.1 a client may reach for, over raw sockets to a real server (issue #13,
items 14, 15 and 19): what it must get back."""

from __future__ import annotations

import asyncio

from helpers import serving
from test_routes import raw_exchange as exchange

SCRIPT = """
server.registerHandler("/hello", (request) => HttpResponse.ok(HttpResponseBody.text("hello " + request.path + " " + JSON.stringify(request.queryParams))))
server.registerHandler("/echo", (request) => HttpResponse.ok(HttpResponseBody.data(request.body)))
server.registerHandler("/padded", () => HttpResponse.raw(200, "OK", {
  headers: { "X-Padded": "  spaced out\\t", "X-Plain": "plain" }, body: Data.fromRawString("padded") }))
"""


async def test_response_header_values_are_sent_trimmed():
    async with serving(SCRIPT) as served:
        answer = await exchange(served.port, b"GET /padded HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 200 ")
        assert b"x-padded: spaced out\r\n" in answer.lower() and answer.endswith(b"padded")
        assert served.stderr.getvalue() == ""


async def test_content_length_with_transfer_encoding_is_read_chunked_then_the_connection_closes():
    """RFC 9112 section 6.1: the body is chunked (Content-Length is ignored), and the
    connection is closed after the response, even though the client asked for nothing."""
    async with serving(SCRIPT) as served:
        answer = await exchange(served.port, b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                                b"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 200 ") and b"connection: close\r\n" in answer.lower()
        assert answer.endswith(b"\r\n\r\nhello")


async def test_a_request_line_of_http_2_gets_505():
    async with serving(SCRIPT) as served:
        answer = await exchange(served.port, b"GET /hello HTTP/2.0\r\nHost: x\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 505 HTTP Version Not Supported\r\n")


async def test_an_absolute_form_target_is_served_by_its_path():
    async with serving(SCRIPT) as served:
        answer = await exchange(served.port, b"GET http://example.test:8080/hello?a=1 HTTP/1.1\r\n"
                                b"Host: example.test:8080\r\nConnection: close\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 200 ")
        assert answer.endswith(b'hello /hello [{"key":"a","value":"1"}]')


async def test_expect_100_continue_is_answered_before_the_body_or_refused_at_once():
    async with serving(SCRIPT, start="{ port: 0, maxRequestBodySize: 1000 }") as served:
        reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
        writer.write(b"POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        interim = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
        assert interim == b"HTTP/1.1 100 Continue\r\n\r\n"
        writer.write(b"hello")
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
        assert head.startswith(b"HTTP/1.1 200 ") and await reader.readexactly(5) == b"hello"
        writer.close()
        # Too large: the final status at once, without a 100 first.
        answer = await exchange(served.port, b"POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                b"Content-Length: 5000\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 413 ")


async def test_middleware_that_never_decides_an_upgrade_gets_503_at_handler_timeout():
    script = """
    server.registerMiddleware(() => new Promise(() => {}))
    server.registerWebsocket("/ws", { handleText: (session, text) => session.writeText(text) })
    """
    async with serving(script, start="{ port: 0, handlerTimeout: 0.5 }") as served:
        answer = await exchange(served.port, b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                                b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                b"Sec-WebSocket-Version: 13\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 503 ")
        assert "handlerTimeout" in served.stderr.getvalue()


async def test_a_client_still_sending_reads_the_error_answer_before_the_connection_closes():
    """A body refused at its head (413) while the client goes on sending it: the answer is
    followed by an end of output and the rest is read and dropped, so the client reads the
    answer instead of a connection reset."""
    async with serving(SCRIPT, start="{ port: 0, maxRequestBodySize: 1000 }") as served:
        for _ in range(5):
            reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
            writer.write(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 400000\r\n\r\n")
            writer.write(b"x" * 400_000)  # more than the socket buffers take before the answer
            answer = await asyncio.wait_for(reader.read(), 10)
            assert answer.startswith(b"HTTP/1.1 413 ") and answer.endswith(b"Request body too large\n")
            writer.close()


async def test_a_head_over_max_request_head_size_gets_431_and_one_under_it_is_served():
    async with serving(SCRIPT, start="{ port: 0, maxRequestHeadSize: 4096 }") as served:
        fits = b"GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 3000 + b"\r\nConnection: close\r\n\r\n"
        assert (await exchange(served.port, fits)).startswith(b"HTTP/1.1 200 ")
        many = b"".join(b"X-H%d: %s\r\n" % (n, b"v" * 100) for n in range(60))  # ~6.5 KB of small headers
        answer = await exchange(served.port, b"GET /hello HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n")
        assert answer.startswith(b"HTTP/1.1 431 ") and b"maxRequestHeadSize" in answer
        # One endless header value, sent in pieces: refused once past the limit, not held whole.
        reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
        writer.write(b"GET /hello HTTP/1.1\r\nHost: x\r\nX-Endless: ")
        for _ in range(100):
            writer.write(b"z" * 1000)
            await writer.drain()
            await asyncio.sleep(0.01)
            if reader.at_eof() or len(reader._buffer):
                break
        answer = await asyncio.wait_for(reader.read(), 10)
        assert answer.startswith(b"HTTP/1.1 431 ")
        writer.close()
