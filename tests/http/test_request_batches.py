"""Requests read in one turn of the loop reach the script together and their responses come back
together (bridge/http/batch.py): over raw sockets to a real server, every client gets the answer
to its own request, whichever way its request and its response went."""

from __future__ import annotations

import asyncio
import re

from helpers import serving

SCRIPT = """
// The answer names the request (its id, its body's size) in the reason, a header and the body.
const answer = (request) => {
  const id = request.params.id
  return HttpResponse.raw(200, "Fine é " + id, {
    headers: { "X-Id": id, "X-Text": "naïve ✓", "X-Size": String(request.body?.size ?? 0) },
    body: Data.fromRawString(id.repeat(Number(request.queryParams.find((p) => p.key === "repeat")?.value ?? 1))),
  })
}
server.registerHandler("/sync/:id", answer)
server.registerAsyncHandler("/async/:id", async (request) => {
  await null
  return answer(request)
})
server.registerHandler("/throw/:id", (request) => { throw new Error("failed " + request.params.id) })
"""

CONNECTIONS = 300  # more than a batch holds (REQUEST_SLOTS)


async def _exchange_all(port: int, requests: list[bytes]) -> list[bytes]:
    """Open a connection per request, write every request before reading any answer (so the
    server reads many in one turn), then read each answer whole (Connection: close)."""
    streams = [await asyncio.open_connection("127.0.0.1", port) for _ in requests]
    for (_, writer), request in zip(streams, requests):
        writer.write(request)
    try:
        return list(await asyncio.wait_for(asyncio.gather(*(reader.read() for reader, _ in streams)), 30))
    finally:
        for _, writer in streams:
            writer.close()


def _request(path: str, body: bytes = b"") -> bytes:
    method = b"POST" if body else b"GET"
    return (b"%s %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s"
            % (method, path.encode(), len(body), body))


def _parts(answer: bytes) -> tuple[bytes, dict[bytes, bytes], bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.split(b"\r\n")
    return status, dict(line.lower().split(b": ", 1) for line in lines), body


async def test_each_of_many_requests_read_together_gets_its_own_answer():
    """Sync and async handlers and ones that throw, small and large bodies (a large one goes
    alone), answers small and large (a large one goes alone): the batches of requests and of
    responses fill up (in requests and in bytes) and are handed over several times in a turn."""
    requests, expected = [], []
    for index in range(CONNECTIONS):
        kind = ("sync", "async", "throw")[index % 3] if index % 10 else "sync"
        body = b"b" * (100_000 if index % 50 == 7 else 30_000 if index % 100 == 20 else index % 7 * 30)
        repeat = 30_000 if index % 40 == 3 else 1 + index * 7 % 1500
        requests.append(_request(f"/{kind}/r{index}?repeat={repeat}", body))
        expected.append((kind, f"r{index}".encode(), len(body), repeat))
    async with serving(SCRIPT) as served:
        answers = await _exchange_all(served.port, requests)
    for answer, (kind, name, size, repeat) in zip(answers, expected):
        status, headers, body = _parts(answer)
        if kind == "throw":
            assert status == b"HTTP/1.1 500 Internal Server Error" and body == b"failed " + name, answer[:300]
            continue
        assert status == b"HTTP/1.1 200 Fine \xe9 " + name, answer[:300]
        assert headers[b"x-id"] == name and headers[b"x-size"] == str(size).encode()
        assert headers[b"x-text"] == "naïve ✓".encode()
        assert body == name * repeat and headers[b"content-length"] == str(len(body)).encode()
    errors = re.findall(r"failed r\d+", served.stderr.getvalue())
    assert len(errors) == sum(1 for kind, *_ in expected if kind == "throw")


async def test_an_answer_is_the_same_whether_its_request_went_in_a_batch_or_alone():
    async with serving(SCRIPT) as served:
        batched, alone = await _exchange_all(served.port, [
            _request("/sync/same", b"x" * 10), _request("/sync/same", b"x" * 100_000)])
    assert batched.replace(b"X-Size: 10\r\n", b"X-Size: 100000\r\n") == alone
    assert batched.startswith(b"HTTP/1.1 200 Fine \xe9 same\r\n")


async def test_more_requests_in_a_turn_than_a_batch_holds_are_all_answered():
    async with serving(SCRIPT) as served:
        answers = await _exchange_all(served.port, [_request(f"/sync/n{index}") for index in range(CONNECTIONS)])
    assert [_parts(answer)[2] for answer in answers] == [f"n{index}".encode() for index in range(CONNECTIONS)]


async def test_requests_pipelined_on_many_connections_are_answered_in_order_on_each():
    def burst(connection: int) -> bytes:
        requests = [f"GET /{('sync', 'async')[index % 2]}/c{connection}-{index} HTTP/1.1\r\nHost: x\r\n\r\n"
                    for index in range(10)]
        return ("".join(requests[:-1]) + requests[-1].replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")).encode()
    async with serving(SCRIPT) as served:
        answers = await _exchange_all(served.port, [burst(connection) for connection in range(20)])
    for connection, answer in enumerate(answers):
        names = re.findall(rb"\r\nX-Id: (c\d+-\d+)\r\n", answer)
        assert names == [f"c{connection}-{index}".encode() for index in range(10)], answer[:500]
