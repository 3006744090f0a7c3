"""Floods of small frames: fragments that never end, pings, pongs and one-byte messages. None
of them may cost the server memory out of proportion to the bytes sent, nor keep it from
serving everyone else.

The server runs as a user runs it (its own process, so its memory can be read from /proc and
the flooders, threads here writing from blocking sockets, never share its CPU time); each
attack is raw frames on a socket.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
from websockets.client import ClientProtocol
from websockets.http11 import Response
from websockets.sync.client import connect
from websockets.uri import parse_uri

from .rawsock import RawSocket, frame
from .support import MiB, ScriptProcess, scaled

TEXT, CONT, PING, PONG = 1, 0, 9, 10

# Each flood message says how many frames its block took, so `frames` is what the server has
# parsed of the floods; "/echo" answers with the text it got and that count.
SCRIPT = """
let frames = 0, pongs = 0
server.registerWebsocket("/flood", { handleText: (session, text) => { frames += Number(text) } })
server.registerWebsocket("/pongs", {
  onPong: () => { pongs++ },
  handleText: (session, text) => session.writeText(String(pongs)),
})
server.registerWebsocket("/echo", {
  handleText: (session, text) => session.writeText(`${text} ${frames}`),
})
"""

# The raw sockets here never answer the server's keepalive pings (soak runs outlast them).
START = "{ port: 0, pingInterval: 0 }"

# Blocks of 1,000 frames, each ending its block with a message; "1" is a one-byte message alone.
FLOOD_BLOCKS = {
    "one-byte messages": frame(TEXT, b"1"),
    "empty continuations": (frame(TEXT, b"1000", fin=False) + frame(CONT, b"", fin=False) * 998
                            + frame(CONT, b"")),
    "pings": frame(PING, b"") * 999 + frame(TEXT, b"1000"),
    "pongs": frame(PONG, b"") * 999 + frame(TEXT, b"1000"),
}


def blocks(block: bytes, size: int = MiB) -> bytes:
    return block * (size // len(block))


class Flooder(threading.Thread):
    """Writes `data` to a session again and again until stopped (blocking in send while the
    server does not read: what it reads is what it is made to parse)."""

    def __init__(self, port: int, data: bytes, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.raw = RawSocket(port, "/flood")
        self.raw.sock.settimeout(0.5)
        self.data, self.stop = data, stop

    def run(self) -> None:
        view = memoryview(self.data)
        while not self.stop.is_set():
            try:
                sent = self.raw.sock.send(view)
            except socket.timeout:
                continue
            except OSError:
                return
            view = view[sent:] or memoryview(self.data)


def test_small_frame_floods_do_not_starve_a_control_client(tmp_path):
    """While flooders send small frames as fast as the server reads them, a control client's
    echoes are answered each after the server has parsed only a little of the floods (a turn
    per flooder, at most), not after whole reads of them: before, each echo waited for ~43,000
    frames per flooder (a 256 KiB read) and took 2.5-8 s."""
    flooders_count = scaled(8, 80)
    per_flooder = 10_000  # frames a flooder may have parsed per control round trip
    with ScriptProcess(tmp_path, SCRIPT, start=START) as server, connect(server.url("/echo")) as control:
        stop = threading.Event()
        kinds = list(FLOOD_BLOCKS)
        data = {kind: blocks(block) for kind, block in FLOOD_BLOCKS.items()}
        flooders = [Flooder(server.port, data[kinds[number % len(kinds)]], stop)
                    for number in range(flooders_count)]
        try:
            for flooder in flooders:
                flooder.start()

            def echo(text: str) -> int:
                """Have `text` echoed; how many flood frames the server had parsed then."""
                control.send(text)
                echoed, _, frames = control.recv(timeout=20).rpartition(" ")
                assert echoed == text
                return int(frames)

            counts = [echo("warm up")]
            while counts[-1] < 50_000:  # the floods are under way
                counts.append(echo("warm up"))
            for number in range(scaled(20, 200)):
                counts.append(echo(f"echo {number}"))
                assert counts[-1] - counts[-2] < per_flooder * flooders_count, counts
            assert counts[-1] - counts[0] > per_flooder, "the floods did not get served meanwhile"
        finally:
            stop.set()
            for flooder in flooders:
                flooder.join(5)
                flooder.raw.close()
        assert server.alive() and server.crash_signs() == [], server.stderr()


def test_a_ping_flood_gets_a_pong_per_turn_not_per_ping(tmp_path):
    """20,000 pings in one write get far fewer pongs, the last one for the last ping, and before
    the echo of the message that follows them (RFC 6455 lets a server answer the latest ping)."""
    pings = scaled(20_000, 200_000)
    with ScriptProcess(tmp_path, SCRIPT, start=START) as server:
        raw = RawSocket(server.port, "/echo")
        raw.send(b"".join(frame(PING, b"%d" % number) for number in range(pings)) + frame(TEXT, b"after"))
        pongs = []
        while True:
            event = raw.next_frame()
            if event.opcode.value != PONG:
                break
            pongs.append(event.data)
        assert (event.opcode.value, event.data) == (TEXT, b"after 0")
        assert 1 <= len(pongs) <= pings // 50, len(pongs)
        assert pongs[-1] == b"%d" % (pings - 1)
        raw.close()


def test_a_pong_flood_calls_onPong_once_per_turn_not_per_pong(tmp_path):
    """20,000 unsolicited pongs in one write call onPong a few times (before, once each: a call
    into JS per 6 bytes received)."""
    pongs = scaled(20_000, 200_000)
    with ScriptProcess(tmp_path, SCRIPT, start=START) as server:
        raw = RawSocket(server.port, "/pongs")
        raw.send(frame(PONG, b"") * pongs + frame(TEXT, b"how many?"))
        called = int(raw.next_frame().data)
        assert 1 <= called <= pongs // 50, called
        raw.close()


def test_a_message_of_empty_fragments_closes_with_1009(tmp_path):
    """Each fragment counts its header towards maxWebSocketPayloadSize: a message of nothing but
    empty fragments ends with 1009 once it has sent more than the limit. (Before, empty
    fragments counted nothing: a message could go on forever.)"""
    limit = scaled(64 * 1024, 640 * 1024)
    fragments = limit // 6 * 2  # a masked empty frame is 6 bytes
    start = f"{{ port: 0, pingInterval: 0, maxWebSocketPayloadSize: {limit} }}"
    with ScriptProcess(tmp_path, SCRIPT, start=start) as server:
        raw = RawSocket(server.port, "/echo")
        raw.send(frame(TEXT, b"", fin=False) + frame(CONT, b"", fin=False) * fragments + frame(CONT, b""))
        raw.half_close()
        assert raw.outcome(timeout=20).close_code == 1009
        with connect(server.url("/echo")) as bystander:
            bystander.send("still served")
            assert bystander.recv(timeout=5) == "still served 0"
        assert server.crash_signs() == [], server.stderr()


def test_one_byte_fragments_cost_the_server_about_their_size(tmp_path):
    """Messages of one-byte fragments that never end hold their bytes in one buffer each: the
    server grows by well under 16 bytes a fragment (before, ~60: a bytes object and a list slot
    each; 5 M fragments cost 268 MB)."""
    connections = scaled(2, 20)
    fragments = 200_000  # per connection; 7 counted bytes each, so 1.4 MB of the 16 MiB limit
    data = frame(TEXT, b"x", fin=False) + frame(CONT, b"x", fin=False) * fragments
    with ScriptProcess(tmp_path, SCRIPT, start=START) as server:
        raws = [RawSocket(server.port, "/echo", timeout=60) for _ in range(connections)]
        before = server.rss()
        for number, raw in enumerate(raws):
            raw.send(data + frame(PING, b"%d" % number))
        for number, raw in enumerate(raws):  # the pong: every fragment before it was parsed
            pong = raw.next_frame()
            assert (pong.opcode.value, pong.data) == (PONG, b"%d" % number)
        grown = server.rss() - before
        assert grown < 16 * fragments * connections, f"{grown / MiB:.1f} MiB"
        for raw in raws:
            raw.close()
        assert server.crash_signs() == [], server.stderr()


# Middleware that takes its time: the upgrade waits, the HTTP layer stops reading past 64 KiB
# and reads again once it has handed the connection over.
SLOW_MIDDLEWARE = """
server.registerMiddleware(() => new Promise((resolve) => setTimeout(() => resolve(null), 500)))
"""


@pytest.mark.parametrize("middleware", ["", SLOW_MIDDLEWARE], ids=["at once", "after slow middleware"])
def test_messages_past_a_turn_are_all_handled_in_order(tmp_path, middleware):
    """A handshake, 12,000 one-byte messages at once, the end of the stream once the handshake
    is answered: the server takes them over many turns, yet every message is echoed, in order,
    before the end."""
    count = scaled(12_000, 120_000)
    texts = [b"%d" % (number % 10) for number in range(count)]
    with ScriptProcess(tmp_path, SCRIPT, middleware, start=START) as server:
        client = ClientProtocol(parse_uri(server.url("/echo")), max_size=None)
        client.send_request(client.connect())
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=20)
        sock.sendall(b"".join(client.data_to_send()))
        time.sleep(0.1)  # (so that the messages come in reads of their own, while middleware decides)
        sock.sendall(b"".join(frame(TEXT, text) for text in texts))
        events = []
        while data := sock.recv(1 << 20):
            client.receive_data(data)
            events += client.events_received()
            if len(events) == 1:  # the handshake's answer: the client has nothing more to say
                sock.shutdown(socket.SHUT_WR)
        sock.close()
        assert isinstance(events[0], Response) and events[0].status_code == 101
        echoed = [event.data for event in events[1:] if event.opcode.value == TEXT]
        assert echoed == [text + b" 0" for text in texts]
        assert server.crash_signs() == [], server.stderr()
