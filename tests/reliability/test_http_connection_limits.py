"""Hostile HTTP clients against the server run as a user runs it (its memory and descriptors
read from /proc): pipelined downloads never read, input pushed behind a pending request,
clients that leave a pending request, many bodies at once, a body trickled in, a pipelined
burst, and more connections than the process has descriptors (issue #13). Each attack is
bounded in time and memory; BRIDGE_SOAK=1 makes it 10 times larger."""

from __future__ import annotations

import asyncio
import re
import socket
import time

from .support import MiB, ScriptProcess, bounded, raise_fd_limit, scaled

HELLO = 'server.registerHandler("/hello", () => HttpResponse.ok(HttpResponseBody.text("hello")))\n'
NEVER = 'server.registerAsyncHandler("/never", () => new Promise(() => {}))\n'


def get(path: str, extra: str = "") -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: x\r\n{extra}\r\n".encode()


def split_responses(buffer: bytearray) -> list[tuple[int, int]]:
    """Complete responses (status, body length) at the start of `buffer`, removed from it."""
    found = []
    while (end := buffer.find(b"\r\n\r\n")) >= 0:
        head = bytes(buffer[:end]).decode("latin-1")
        length = int(re.search(r"(?im)^content-length:\s*(\d+)", head).group(1))
        if len(buffer) < end + 4 + length:
            break
        found.append((int(head.split()[1]), length))
        del buffer[:end + 4 + length]
    return found


async def read_responses(reader: asyncio.StreamReader, count: int, timeout: float) -> list[tuple[int, int]]:
    buffer, found = bytearray(), []
    deadline = time.monotonic() + timeout
    while len(found) < count:
        data = await asyncio.wait_for(reader.read(1 << 20), max(0.01, deadline - time.monotonic()))
        if not data:
            break
        buffer += data
        found += split_responses(buffer)
    return found


async def ask(port: int, request: bytes, timeout: float = 10) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    try:
        return await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()


def connect(port: int, receive_buffer: int | None = None) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if receive_buffer is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.connect(("127.0.0.1", port))
    return sock


def peak_rss(server: ScriptProcess, seconds: float) -> int:
    peak, deadline = server.rss(), time.monotonic() + seconds
    while time.monotonic() < deadline:
        peak = max(peak, server.rss())
        time.sleep(0.02)
    return peak


# Item 3: responses the client does not read.

@bounded(30, soak_seconds=300)
async def test_pipelined_downloads_never_read_do_not_pile_up_in_memory(tmp_path):
    """A client pipelines GET /big (8 MiB) many times and reads nothing: the server sends what
    the socket takes and reads no further request meanwhile, so its memory stays flat; once the
    client reads, every response arrives whole."""
    count, size = scaled(24, 240), 8 * MiB
    (tmp_path / "big.bin").write_bytes(b"\x5a" * size)
    with ScriptProcess(tmp_path, 'server.registerFile("/big", "big.bin")\n') as server:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(get("/big"))
        assert await read_responses(reader, 1, 10) == [(200, size)]  # warmed up
        baseline = server.rss()
        writer.write(get("/big") * count)
        grown = await asyncio.to_thread(peak_rss, server, 1.5) - baseline
        assert grown < 32 * MiB, f"the server grew by {grown / MiB:.0f} MiB for a client that reads nothing"
        assert await read_responses(reader, count, 60) == [(200, size)] * count
        writer.close()
        assert server.crash_signs() == []


@bounded(30)
async def test_a_large_file_is_sent_in_chunks_not_read_whole(tmp_path):
    """A 128 MiB file (sparse: it costs no disk) is sent without being read into memory."""
    size = 128 * MiB
    with open(tmp_path / "huge.bin", "wb") as file:
        file.truncate(size)
    with ScriptProcess(tmp_path, 'server.registerFile("/huge", "huge.bin")\n') as server:
        baseline = server.rss()
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port, limit=1 << 20)
        writer.write(get("/huge", "Connection: close\r\n"))
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200 ") and f"content-length: {size}".encode() in head.lower()
        grown = await asyncio.to_thread(peak_rss, server, 1.0) - baseline
        assert grown < 32 * MiB, f"the server grew by {grown / MiB:.0f} MiB sending one file"
        received = 0
        while data := await reader.read(1 << 20):
            received += len(data)
        assert received == size
        writer.close()


@bounded(30)
async def test_a_client_that_takes_nothing_of_a_response_is_dropped_at_response_stall_timeout(tmp_path):
    (tmp_path / "big.bin").write_bytes(b"\x5a" * 8 * MiB)
    start = "{ port: 0, responseStallTimeout: 1 }"
    with ScriptProcess(tmp_path, 'server.registerFile("/big", "big.bin")\n', start=start) as server:
        baseline = server.fds()
        sock = connect(server.port, receive_buffer=4096)
        sock.sendall(get("/big"))
        await server.until(lambda: server.fds() > baseline, what="the connection")
        await server.until(lambda: server.fds() <= baseline, timeout=10,
                           what="the server to drop a client that reads nothing")
        sock.close()


# Item 4: input pushed while the script has the request.

@bounded(30, soak_seconds=120)
async def test_input_behind_a_pending_request_is_not_read_without_bound(tmp_path):
    """While a handler that never answers has its request, the client pushes junk: the server
    stops reading it once a little is buffered, so the push stalls and memory stays flat."""
    target = scaled(256 * MiB, 2560 * MiB)
    with ScriptProcess(tmp_path, NEVER) as server:
        baseline = server.rss()

        def push() -> int:
            sock = connect(server.port)
            sock.sendall(get("/never"))
            sock.settimeout(1.0)
            chunk, sent = b"x" * MiB, 0
            try:
                while sent < target:
                    sent += sock.send(chunk)
            except socket.timeout:
                pass  # the server stopped reading: the push stalls
            peak = peak_rss(server, 0.5)
            sock.close()
            return sent, peak
        sent, peak = await asyncio.to_thread(push)
        assert peak - baseline < 32 * MiB, f"the server grew by {(peak - baseline) / MiB:.0f} MiB"
        assert sent < target, "the server read everything it was sent"
        assert server.crash_signs() == []


# Item 5: clients that leave while the script has their request.

@bounded(30, soak_seconds=180)
async def test_clients_that_leave_a_pending_request_are_released(tmp_path):
    """Clients send GET /never and close: each connection is closed and its request forgotten
    (no descriptor stays in CLOSE-WAIT), and the server goes on serving."""
    count = scaled(200, 2000)
    raise_fd_limit(count + 100)
    with ScriptProcess(tmp_path, NEVER + HELLO) as server:
        baseline = server.fds()
        for _ in range(count):
            sock = connect(server.port)
            sock.sendall(get("/never"))
            sock.close()
        await server.until(lambda: server.fds() <= baseline + 2, timeout=15,
                           what=f"the descriptors of {count} departed clients to be closed (now {server.fds()}, "
                                f"at first {baseline})")
        assert (await ask(server.port, get("/hello", "Connection: close\r\n"))).endswith(b"hello")
        assert server.crash_signs() == []


@bounded(30)
async def test_a_handler_that_never_answers_gets_503_at_handler_timeout(tmp_path):
    """handlerTimeout: the client gets 503 and keeps its connection; the script's answer,
    when it comes later, is dropped without a trace but the warning."""
    script = HELLO + """
    server.registerAsyncHandler("/late", () => new Promise((resolve) =>
      setTimeout(() => { resolve(HttpResponse.ok(HttpResponseBody.text("late"))); console.log("resolved") }, 1500)))
    """
    with ScriptProcess(tmp_path, script, start="{ port: 0, handlerTimeout: 0.5 }") as server:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(get("/late"))
        assert await read_responses(reader, 1, 5) == [(503, len(b"Service unavailable: the server did not answer in time\n"))]
        await server.until(lambda: server.count("resolved") == 1, what="the late answer")
        writer.write(get("/hello"))
        assert await read_responses(reader, 1, 5) == [(200, 5)]
        writer.close()
        assert "handlerTimeout" in server.stderr() and server.crash_signs() == []


# Item 7: many request bodies at once.

HOLD = """
const held = []
server.registerAsyncHandler("/hold", (request) => new Promise(() => { held.push(request.body) }))
server.registerHandler("/held", () => HttpResponse.ok(HttpResponseBody.text(String(held.length))))
"""


async def held(port: int) -> int:
    return int((await ask(port, get("/held", "Connection: close\r\n"))).rpartition(b"\r\n\r\n")[2])


def post(path: str, size: int) -> bytes:
    return f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\n\r\n".encode()


@bounded(30)
async def test_request_bodies_in_flight_are_bounded(tmp_path):
    """maxTotalRequestBodySize: bodies with the script count against it until answered; a
    request that would pass it gets 503 before its body is read, and fits again once one of
    the others is gone."""
    size = 1_000_000
    start = f"{{ port: 0, maxRequestBodySize: {size}, maxTotalRequestBodySize: {3 * size} }}"
    with ScriptProcess(tmp_path, HOLD, start=start) as server:
        holders = []
        for number in range(3):
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(post("/hold", size) + b"b" * size)
            holders.append(writer)
            deadline = time.monotonic() + 10
            while await held(server.port) < number + 1:
                assert time.monotonic() < deadline, "a body was not handed to the script"
                await asyncio.sleep(0.05)
        answer = await ask(server.port, post("/hold", size))
        assert answer.startswith(b"HTTP/1.1 503 ") and b"too many request bodies" in answer
        holders[0].transport.abort()  # its request is forgotten, and its body's share freed
        await asyncio.sleep(0.3)
        _, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(post("/hold", size) + b"b" * size)
        deadline = time.monotonic() + 10
        while await held(server.port) < 4:
            assert time.monotonic() < deadline, "a body that fits again was not handed to the script"
            await asyncio.sleep(0.05)
        for holder in [*holders, writer]:
            holder.close()


@bounded(30, soak_seconds=120)
async def test_a_request_body_is_held_once_on_its_way_to_the_script(tmp_path):
    """Bodies that handlers keep cost the server about their size each, not several times it."""
    count, size = scaled(6, 12), 16 * MiB
    start = f"{{ port: 0, maxRequestBodySize: {size}, maxTotalRequestBodySize: {(count + 1) * size} }}"
    with ScriptProcess(tmp_path, HOLD, start=start) as server:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)  # warm up: one body
        writer.write(post("/hold", size) + b"w" * size)
        while await held(server.port) < 1:
            await asyncio.sleep(0.05)
        baseline = server.rss()
        writers = []
        for number in range(count):
            _, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(post("/hold", size) + bytes([number]) * size)
            writers.append(writer)
            deadline = time.monotonic() + 20
            while await held(server.port) < number + 2:
                assert time.monotonic() < deadline, "a body was not handed to the script"
                await asyncio.sleep(0.05)
        grown = server.rss() - baseline
        assert grown < 1.6 * count * size, \
            f"{count} bodies of {size // MiB} MiB with the script cost {grown / MiB:.0f} MiB"
        for writer in writers:
            writer.close()


# Item 8: a request trickled in.

@bounded(30)
async def test_a_body_trickled_in_is_cut_at_request_timeout(tmp_path):
    """requestTimeout bounds a request's whole arrival, not just each pause in it."""
    echo = 'server.registerHandler("/echo", (request) => HttpResponse.ok(HttpResponseBody.data(request.body)))\n'
    with ScriptProcess(tmp_path, echo, start="{ port: 0, requestTimeout: 1 }") as server:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(post("/echo", 100))

        async def trickle():  # one byte every 0.2 s: 20 s for the whole body
            for _ in range(100):
                if writer.is_closing():
                    return
                writer.write(b"t")
                await asyncio.sleep(0.2)
        sender = asyncio.ensure_future(trickle())
        answer = await asyncio.wait_for(reader.read(), 5)
        assert answer.startswith(b"HTTP/1.1 408 ") and b"longer than 1 s" in answer
        sender.cancel()
        writer.close()


# Item 9: a burst of pipelined requests.

@bounded(30, soak_seconds=180)
async def test_a_pipelined_burst_is_answered_whole_and_in_order(tmp_path):
    count = scaled(1000, 10_000)
    script = 'server.registerHandler("/n/:n", (request) => HttpResponse.ok(HttpResponseBody.text(request.params.n)))\n'
    with ScriptProcess(tmp_path, script) as server:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"".join(get(f"/n/{n}") for n in range(count)))  # one write
        buffer, bodies = bytearray(), []
        while len(bodies) < count:
            data = await asyncio.wait_for(reader.read(1 << 20), 20)
            assert data, f"the connection ended after {len(bodies)} of {count} answers"
            buffer += data
            while (end := buffer.find(b"\r\n\r\n")) >= 0:
                length = int(re.search(rb"(?i)content-length: (\d+)", buffer[:end]).group(1))
                if len(buffer) < end + 4 + length:
                    break
                bodies.append(int(buffer[end + 4:end + 4 + length]))
                del buffer[:end + 4 + length]
        assert bodies == list(range(count))
        writer.close()
        assert server.crash_signs() == [] and "RecursionError" not in server.stderr()


# Item 10: more connections than descriptors.

@bounded(30, soak_seconds=180)
async def test_at_the_descriptor_limit_accepting_pauses_with_one_warning(tmp_path):
    """With 128 descriptors and more clients than that, the server warns once, serves those it
    holds, and accepts the others as descriptors free up; no storm of tracebacks."""
    clients = scaled(300, 1800)  # what the server cannot take waits in its backlog of 1,024
    limit = scaled(128, 1024)
    raise_fd_limit(clients + 100)
    with ScriptProcess(tmp_path, HELLO, fd_limits=(limit, limit)) as server:
        socks = [connect(server.port) for _ in range(clients)]
        await asyncio.sleep(1.5)
        stderr = server.stderr()
        assert stderr.count("cannot accept more connections") == 1, stderr[-3000:]
        assert "out of system resource" not in stderr and server.crash_signs() == []
        for sock in socks:
            sock.close()
        answer = await ask(server.port, get("/hello", "Connection: close\r\n"), timeout=15)
        assert answer.startswith(b"HTTP/1.1 200 ") and answer.endswith(b"hello")
        assert server.stderr().count("cannot accept more connections") == 1


def test_start_raises_the_soft_descriptor_limit_to_the_hard_one(tmp_path):
    with ScriptProcess(tmp_path, HELLO, fd_limits=(256, 512)) as server:
        with open(f"/proc/{server.pid}/limits") as limits:
            line = next(line for line in limits if line.startswith("Max open files"))
        assert line.split()[3:5] == ["512", "512"], line
