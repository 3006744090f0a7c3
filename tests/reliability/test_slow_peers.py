"""Slow and stuck peers: a client that never reads, a handshake that trickles in, a thousand
connections whose other end has gone quiet. The server (run as a user runs it, in its own
process, so its memory and file descriptors can be read from /proc) drops each in bounded
time and memory, and keeps serving everyone else meanwhile.

True half-open TCP connections (the peer vanished without a FIN or RST) cannot be made on
loopback without packet filtering; a peer that stops reading and answering is what the server
sees of one until its buffers fill, so that is what these tests use.
"""

from __future__ import annotations

import asyncio
import time

from . import swarm
from .support import MiB, SEED_CHAT_ROOM, ScriptProcess, bounded, raise_fd_limit, scaled

ECHO = """
let connected = 0, disconnected = 0
server.registerWebsocket("/echo", {
  onConnected: () => { connected++ },
  handleText: (session, text) =>
    session.writeText(text === "stats?" ? `connected ${connected} disconnected ${disconnected}` : text),
  onDisconnected: () => { disconnected++ },
})
"""

# The backpressure cap of the flood test: what the user starts the chat room with.
SOFT_CAP, HARD_CAP = 1 * MiB, 8 * MiB
FLOOD_LIMITS = f"{{ port: 0, writeBufferLimit: {SOFT_CAP}, writeBufferHardLimit: {HARD_CAP}, writeStallTimeout: 1 }}"


async def sample_rss(server: ScriptProcess, peak: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], server.rss())
        await asyncio.sleep(0.02)


async def echo_round_trip(url: str, text: str = "hello", timeout: float = 5.0) -> float:
    """Seconds a fresh client takes to connect and have one message echoed."""
    started = time.monotonic()
    peer = await swarm.connect(url, timeout)
    try:
        peer.send_text(text)
        assert await peer.recv(timeout) == text
    finally:
        peer.abort()
    return time.monotonic() - started


async def read_to_end(reader: asyncio.StreamReader, timeout: float) -> bytes:
    """All the server sends until it ends the connection (b"" if it just dropped it)."""
    try:
        return await asyncio.wait_for(reader.read(), timeout)
    except ConnectionResetError:
        return b""


async def flood(directory, stuck_count: int, messages: int) -> dict:
    """Flood the seed's chat room with `messages` broadcasts of 64 KiB, eight in flight, while
    `stuck_count` members never read; how the server fared."""
    with ScriptProcess(directory, SEED_CHAT_ROOM, start=FLOOD_LIMITS) as server:
        url = server.url("/chat")
        flooder = await swarm.connect(url)
        await flooder.recv()  # the welcome
        stuck = [await swarm.connect(url, receive_buffer=4096) for _ in range(stuck_count)]
        for peer in stuck:
            peer.transport.pause_reading()  # never reads again
        flooder.send_text("warm up")  # one broadcast through the whole path
        await swarm.read_until(flooder, "warm up")
        baseline = server.rss()
        peak, stop = [baseline], asyncio.Event()
        sampler = asyncio.ensure_future(sample_rss(server, peak, stop))

        chunk = "x" * (64 * 1024)
        sent = received = 0
        slowest = 0.0
        while received < messages:
            while sent - received < 8 and sent < messages:
                flooder.send_text(f"{sent:08d}{chunk}")
                sent += 1
            started = time.monotonic()
            message = await flooder.recv(timeout=10)
            slowest = max(slowest, time.monotonic() - started)
            assert message.startswith(f"{received:08d}"), "broadcasts came back out of order"
            received += 1
        stop.set()
        await sampler

        # Each stuck member leaves the script's list (onDisconnected runs) once its connection
        # has ended: the close frame waits behind its queue, so up to closeTimeout (5 s) later.
        deadline = time.monotonic() + 10
        while True:
            newcomer = await swarm.connect(url)
            welcome = await newcomer.recv()
            newcomer.abort()
            if welcome == "Welcome! There are 2 users online." or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.2)
        for peer in [flooder, *stuck]:
            peer.abort()
        return {"grown": peak[0] - baseline, "slowest": slowest, "welcome": welcome,
                "warnings": [line for line in server.stderr().splitlines() if "with 1008" in line],
                "crash_signs": server.crash_signs(), "flooded": received * len(chunk)}


@bounded(120, soak_seconds=900)
async def test_a_client_that_never_reads_cannot_grow_server_memory_past_the_cap(tmp_path):
    """A broadcast flood in the seed's chat room while some members never read: each stuck one
    is closed (1008) once its queue passes the cap, and the flooder, who reads, is served
    throughout. Memory: the same flood is run twice, without and with the stuck members; they
    may cost at most the cap each (the rest of the growth during a flood is the collector's lag
    and is not theirs)."""
    messages = scaled(3_000, 60_000)  # 190 MiB of broadcasts (soak: 3.7 GiB)
    stuck_count = scaled(3, 20)
    control = await flood(tmp_path / "control", 0, messages)
    run = await flood(tmp_path / "stuck", stuck_count, messages)

    assert len(run["warnings"]) == stuck_count, run["warnings"]
    assert run["welcome"] == "Welcome! There are 2 users online."
    assert run["crash_signs"] == control["crash_signs"] == []
    assert run["flooded"] > 10 * HARD_CAP  # the flood dwarfs the cap
    # Each stuck member may hold its queue (up to the hard cap) until its closing handshake times
    # out; twice the cap each leaves room for the allocator, which does not hand freed buffers
    # back at once. Without a cap, each would hold everything flooded (190 MiB in CI).
    extra = run["grown"] - control["grown"]
    assert extra < stuck_count * 2 * HARD_CAP + 24 * MiB, (
        f"with {stuck_count} stuck members the server grew {run['grown'] / MiB:.0f} MiB, "
        f"without them {control['grown'] / MiB:.0f} MiB")
    print(f"RSS growth during the flood: {control['grown'] / MiB:.0f} MiB without stuck members, "
          f"{run['grown'] / MiB:.0f} MiB with {stuck_count}")
    assert run["slowest"] < 5, f"the flooder waited {run['slowest']:.1f} s for a broadcast"


@bounded(60)
async def test_a_handshake_sent_one_byte_per_second_is_timed_out(tmp_path):
    """A slow-loris handshake (one byte a second: 3 minutes for the whole request) is refused
    (408) or dropped when the request head's deadline passes (10 s; there is no start option for
    it), trickling bytes does not extend it, and others are served meanwhile."""
    with ScriptProcess(tmp_path, ECHO) as server:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        request = (f"GET /echo HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n").encode()
        started = time.monotonic()
        dropped_after = None
        slowest_other = 0.0
        for byte in request:
            writer.write(bytes([byte]))
            slowest_other = max(slowest_other, await echo_round_trip(server.url("/echo")))
            try:
                answer = await asyncio.wait_for(reader.read(4096), 1.0)
            except asyncio.TimeoutError:
                continue  # one byte a second
            except ConnectionError:
                answer = b""
            assert answer == b"" or answer.startswith(b"HTTP/1.1 408 "), answer[:200]
            dropped_after = time.monotonic() - started
            break
        writer.close()
        assert dropped_after is not None, "the server waited for the whole trickled handshake"
        assert 8 < dropped_after < 13, f"dropped after {dropped_after:.1f} s"
        assert slowest_other < 1, f"another client waited {slowest_other:.2f} s meanwhile"
        assert server.lines().count("listening " + str(server.port)) == 1
        assert server.crash_signs() == []


@bounded(90)
async def test_a_thousand_connections_that_never_finish_the_handshake_are_dropped(tmp_path):
    """1,000 connections that send half a request and go quiet: each is refused (408) or dropped
    at the request head's deadline (10 s), none reaches the script, every file descriptor is
    given back, and other clients are served meanwhile."""
    count = 1_000
    raise_fd_limit(count + 1_000)
    with ScriptProcess(tmp_path, ECHO) as server:
        fds_before = server.fds()
        opened = []
        for _ in range(count):
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(b"GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and nothing more
            opened.append((reader, writer))
        started = time.monotonic()
        await server.until(lambda: server.fds() >= fds_before + count, 10, "the connections to be accepted")
        slowest_other = max([await echo_round_trip(server.url("/echo")) for _ in range(20)])

        ended = await asyncio.gather(*(read_to_end(reader, 20) for reader, _ in opened))
        waited = time.monotonic() - started
        refused = {answer for answer in ended if answer != b""}  # dropped, or told why
        assert all(answer.startswith(b"HTTP/1.1 408 ") for answer in refused), refused
        assert waited < 15, f"the last one was dropped after {waited:.1f} s"
        for _, writer in opened:
            writer.close()
        await server.until(lambda: server.fds() <= fds_before, 5, "file descriptors to be given back")
        assert slowest_other < 1
        probe = await swarm.connect(server.url("/echo"))
        probe.send_text("stats?")
        assert await probe.recv() == "connected 21 disconnected 20"
        probe.abort()
        assert server.crash_signs() == []


@bounded(90)
async def test_a_thousand_sessions_gone_quiet_are_dropped_by_keepalive(tmp_path):
    """1,000 sessions whose peers stop reading and answering (half of them stuck in the middle
    of a frame): keepalive (pingInterval 1 s, pingTimeout 1 s) drops each, onDisconnected runs
    for each, and every file descriptor is given back."""
    count = 1_000
    raise_fd_limit(count + 1_000)
    with ScriptProcess(tmp_path, ECHO, start="{ port: 0, pingInterval: 1, pingTimeout: 1 }") as server:
        fds_before = server.fds()
        peers = await swarm.connect_many(server.url("/echo"), count)
        for index, peer in enumerate(peers):
            if index % 2:
                peer.send_raw(b"\x81\xfe\x01\x00mask" + b"x" * 10)  # a 256-byte text frame, 10 sent
            peer.transport.pause_reading()  # and never reads or answers a ping again
        started = time.monotonic()
        await server.until(lambda: server.fds() <= fds_before, 15, "every quiet session to be dropped")
        dropped_after = time.monotonic() - started
        assert dropped_after < 6, f"keepalive took {dropped_after:.1f} s"
        probe = await swarm.connect(server.url("/echo"))
        probe.send_text("stats?")
        assert await probe.recv() == f"connected {count + 1} disconnected {count}"
        probe.abort()
        for peer in peers:
            peer.abort()
        assert server.crash_signs() == []
