"""Garbage from clients: each bad connection gets the right close code (or is dropped when no
code can apply), never a crash, and a well-behaved client is served throughout.

One server, run as a user runs it (`scripting-bridge run`, its own process, so a crash would
show as a dead process rather than a dead test runner), serves every test of this module. A
bystander (a real `websockets` client) stays connected throughout and is checked after each
bad connection. The script counts onConnected/onDisconnected, so each test also checks that
every bad session that opened was closed exactly once from the script's point of view.
"""

from __future__ import annotations

import codecs
import random
import struct
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.sync.client import connect

from .rawsock import RawSocket, frame
from .support import ScriptProcess, scaled

ECHO = """
let connected = 0, disconnected = 0
server.registerWebsocket("/echo", {
  onConnected: () => { connected++ },
  handleText: (session, text) =>
    session.writeText(text === "stats?" ? `connected ${connected} disconnected ${disconnected}` : text),
  handleBinary: (session, data) => session.writeData(data),
  onDisconnected: () => { disconnected++ },
})
"""

TEXT, BINARY, CONT, CLOSE, PING, PONG = 1, 2, 0, 8, 9, 10
VALID_OPCODES = {0, 1, 2, 8, 9, 10}
# Codes a server may close with after garbage: a protocol error, bad UTF-8, too big.
GARBAGE_CODES = {1002, 1007, 1009}
# Close codes a client may send, which the server echoes (RFC 6455 7.4; websockets' list), and
# 1005: how an empty close frame reads (the answer to a client's close without a code).
CLIENT_CODES = {1000, 1001, 1002, 1003, 1005, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014}


class Served:
    def __init__(self, process: ScriptProcess, bystander) -> None:
        self.process = process
        self.bystander = bystander
        self.rounds = 0
        self.bad_sessions = 0  # raw connections that completed a handshake

    @property
    def port(self) -> int:
        return self.process.port

    def raw(self, handshake: bool = True) -> RawSocket:
        if handshake:
            self.bad_sessions += 1
        return RawSocket(self.port, handshake=handshake)

    def bystander_is_served(self) -> None:
        self.rounds += 1
        text = f"still served {self.rounds}"
        self.bystander.send(text)
        assert self.bystander.recv(timeout=5) == text

    def check(self) -> None:
        """The server is up and clean, the bystander is served, and every bad session that
        opened has had onDisconnected."""
        self.bystander_is_served()
        assert self.process.alive(), self.process.stderr()
        assert self.process.crash_signs() == [], self.process.stderr()
        expected = f"connected {self.bad_sessions + 1} disconnected {self.bad_sessions}"
        deadline = time.monotonic() + 5
        while True:
            self.bystander.send("stats?")
            stats = self.bystander.recv(timeout=5)
            if stats == expected or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert stats == expected


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with ScriptProcess(tmp_path_factory.mktemp("garbage"), ECHO) as process:
        with connect(process.url("/echo")) as bystander:
            yield Served(process, bystander)
        assert process.stop() == 143
        assert process.crash_signs() == [], process.stderr()


def decided_by_header(data: bytes) -> int | None:
    """1002 if the first two bytes already make the frame a protocol error (a reserved opcode,
    or no mask bit: a client must mask); None if more must be read to know."""
    if len(data) < 2:
        return None
    if data[0] & 0x0F not in VALID_OPCODES or not data[1] & 0x80:
        return 1002
    return None


def test_random_bytes_after_a_valid_handshake(served):
    rng = random.Random(8)
    decided = 0
    for _ in range(scaled(60, 2000)):
        data = rng.randbytes(rng.randrange(1, 3000))
        raw = served.raw()
        raw.send(data)
        expected = decided_by_header(data)
        if expected is not None:
            decided += 1
            assert raw.outcome().close_code == expected, data[:16]
        else:
            raw.half_close()  # the bytes may be the start of a valid frame: say there are no more
            outcome = raw.outcome()
            assert outcome.dropped or outcome.close_code in GARBAGE_CODES | CLIENT_CODES, (outcome, data[:16])
        served.bystander_is_served()
    assert decided > 30  # most random first bytes are decided by the header alone
    served.check()


def test_random_bytes_instead_of_a_handshake(served):
    rng = random.Random(80)
    for attempt in range(scaled(60, 2000)):
        raw = served.raw(handshake=False)
        data = rng.randbytes(rng.randrange(1, 3000))
        if attempt % 2:
            # A complete (nonsense) request: refused at once, without waiting for the end.
            raw.send(data.replace(b"\r\n", b"") + b"\r\n\r\n")
        else:
            raw.send(data)
            raw.half_close()
        outcome = raw.outcome()
        assert outcome.http == b"" or outcome.http.startswith(b"HTTP/1.1 400 "), outcome.http[:100]
        if attempt % 2:
            assert outcome.http.startswith(b"HTTP/1.1 400 "), outcome.http[:100]
        served.bystander_is_served()
    served.check()


@pytest.mark.parametrize("truncated", [
    frame(TEXT, b"0123456789", length=100),                      # payload cut short
    frame(BINARY, b"x" * 100, length=70000)[:50],                # inside a 16-bit length frame
    frame(TEXT, b"hello")[:1],                                   # half a header
    frame(TEXT, b"x" * 300)[:3],                                 # half an extended length
    frame(TEXT, b"x" * 70000, length_form="64")[:6],             # half a 64-bit length
    frame(TEXT, b"hello")[:4],                                   # half a mask key
    frame(TEXT, b"hel", fin=False) + frame(CONT, b"lo")[:5],     # a fragmented message cut short
], ids=["payload", "payload-16", "header", "length-16", "length-64", "mask", "fragment"])
def test_a_truncated_frame_then_end_of_stream_is_dropped(served, truncated):
    raw = served.raw()
    raw.send(truncated)
    raw.half_close()
    # The connection is gone mid-frame: there is no code to send (1006 is never sent on the wire).
    assert raw.outcome().dropped
    served.check()


@pytest.mark.parametrize("length", [2**24 + 1, 2**32, 2**63 - 1, 2**64 - 1])
@pytest.mark.parametrize("opcode", [TEXT, BINARY, PING])
def test_an_oversized_length_field_closes_at_once_with_1009(served, opcode, length):
    raw = served.raw()
    # Only the header: the server must not wait for (or allocate) the announced payload.
    raw.send(frame(opcode, b"", length=length)[:10] + b"mask")
    assert raw.outcome(timeout=3).close_code == 1009
    served.check()


@pytest.mark.parametrize("opcode, payload", [
    (TEXT, b"hello"), (BINARY, b"\x00\x01"), (PING, b"p"), (PONG, b""), (CLOSE, struct.pack("!H", 1000)),
], ids=["text", "binary", "ping", "pong", "close"])
def test_an_unmasked_client_frame_closes_with_1002(served, opcode, payload):
    raw = served.raw()
    raw.send(frame(opcode, payload, masked=False))
    assert raw.outcome().close_code == 1002
    served.check()


@pytest.mark.parametrize("opcode, payload", [
    (PING, b"p" * 126), (PONG, b"p" * 200), (CLOSE, struct.pack("!H", 1000) + b"r" * 124),
    (PING, b"p" * 70000),
], ids=["ping-126", "pong-200", "close-126", "ping-70000"])
def test_a_control_frame_over_125_bytes_closes_with_1002(served, opcode, payload):
    raw = served.raw()
    raw.send(frame(opcode, payload))
    assert raw.outcome().close_code == 1002
    served.check()


def test_a_fragmented_control_frame_closes_with_1002(served):
    raw = served.raw()
    raw.send(frame(PING, b"part", fin=False))
    assert raw.outcome().close_code == 1002
    served.check()


@pytest.mark.parametrize("payload, expected", [
    *[(struct.pack("!H", code), 1002) for code in (0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535)],
    (b"\x03", 1002),                                   # a one-byte close payload
    (struct.pack("!H", 1000) + b"\xff\xfe", 1007),      # a reason that is not UTF-8
    *[(struct.pack("!H", code) + b"bye", code) for code in (1000, 1001, 3000, 4999)],  # echoed
    (b"", 1005),                                       # no code: answered with an empty close
], ids=lambda value: (value.hex() or "empty") if isinstance(value, bytes) else str(value))
def test_close_codes_get_the_right_answer(served, payload, expected):
    raw = served.raw()
    raw.send(frame(CLOSE, payload))
    assert raw.outcome().close_code == expected
    served.check()


@pytest.mark.parametrize("frames, expected", [
    ([frame(TEXT, b"caf\xc3"), frame(CONT, b"orphan")], 1007),
    ([frame(TEXT, b"caf\xc3"), frame(CLOSE, struct.pack("!H", 1000))], 1007),
    ([frame(TEXT, b"caf\xc3"), frame(TEXT, b"ok"), frame(PING, b"x" * 126)], 1007),
], ids=["then-orphan-continuation", "then-close", "then-long-ping"])
def test_the_first_error_decides_the_close_code_even_within_one_read(served, frames, expected):
    """Invalid UTF-8, then another error (or a close) in the same TCP segment: the connection
    fails at the first error, so the code is 1007 (RFC 6455 8.1), not what a later frame says."""
    raw = served.raw()
    raw.send(b"".join(frames))
    assert raw.outcome().close_code == expected
    served.check()


# The fuzzer: sequences of frames with every header field drawn, including wrong ones.

raw_frames = st.builds(
    dict,
    opcode=st.sampled_from([TEXT, BINARY, CONT, CLOSE, PING, PONG] * 3 + [3, 4, 5, 6, 7, 11, 12, 13, 14, 15]),
    payload=st.one_of(st.binary(max_size=300), st.text(max_size=60).map(str.encode),
                      st.sampled_from([b"caf\xc3", b"\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]),  # bad UTF-8
                      st.tuples(st.integers(0, 65535), st.text(max_size=20)).map(
                          lambda code_reason: struct.pack("!H", code_reason[0]) + code_reason[1].encode())),
    fin=st.booleans(),
    rsv=st.sampled_from([0] * 8 + [1, 2, 4, 7]),
    masked=st.sampled_from([True] * 9 + [False]),
    length_form=st.sampled_from(["minimal", "minimal", "16", "64"]),
    length_delta=st.sampled_from([0] * 12 + [-3, -1, 1, 5, 2**24, 2**62]),
    mask_key=st.binary(min_size=4, max_size=4),
)


def encode(spec: dict) -> bytes:
    payload = spec["payload"]
    return frame(spec["opcode"], payload, fin=spec["fin"], rsv=spec["rsv"], masked=spec["masked"],
                 length=max(0, len(payload) + spec["length_delta"]), length_form=spec["length_form"],
                 mask_key=spec["mask_key"])


UNKNOWN = "unknown"


def expected_outcome(frames: list[dict]):
    """What RFC 6455 allows a server to answer these frames (followed by the end of the stream)
    with: the set of close codes it may send at the first error (or the echo of the client's
    close; None: dropped, nothing to answer); UNKNOWN when a wrong length field makes the byte
    stream parse differently from the frames drawn. A text message whose fragments so far are
    already invalid UTF-8 may fail at once (1007) or when it completes (RFC 6455 8.1)."""
    if any(spec["length_delta"] for spec in frames):
        return UNKNOWN
    early = set()
    outcome = _first_error(frames, early)
    return (outcome if isinstance(outcome, set) else {outcome}) | early


def _first_error(frames: list[dict], early: set):
    message = None  # (opcode, parts) of a fragmented message in progress
    for spec in frames:
        opcode, payload, fin = spec["opcode"], spec["payload"], spec["fin"]
        if opcode not in VALID_OPCODES or not spec["masked"] or spec["rsv"]:
            return 1002
        if opcode >= CLOSE and (len(payload) > 125 or not fin):
            return 1002
        if opcode in (TEXT, BINARY):
            if message is not None:
                return 1002  # a new message inside a fragmented one
            message = (opcode, [payload])
        elif opcode == CONT:
            if message is None:
                return 1002  # a continuation of nothing
            message[1].append(payload)
        elif opcode == CLOSE:
            if len(payload) == 1:
                return 1002
            if not payload:
                return 1005  # answered with an empty close frame
            code = struct.unpack("!H", payload[:2])[0]
            errors = set()
            if not (code in CLIENT_CODES - {1005} or 3000 <= code < 5000):
                errors.add(1002)
            if not utf8(payload[2:]):
                errors.add(1007)
            return errors or code  # both wrong: either answer; else the code is echoed
        if opcode in (TEXT, BINARY, CONT):
            if message[0] == TEXT and not utf8(b"".join(message[1]), final=fin):
                if fin:
                    return 1007
                early.add(1007)  # may fail here already, or go on to what follows
            if fin:
                message = None
    return None  # the stream ended between or inside messages: nothing to answer, just dropped


def utf8(data: bytes, final: bool = True) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final)
        return True
    except UnicodeDecodeError:
        return False


@settings(max_examples=scaled(300, 5000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames=st.lists(raw_frames, min_size=1, max_size=5), end=st.sampled_from(["eof", "wait"]))
def test_fuzzed_frames_get_the_right_close_code_and_never_crash(served, frames, end):
    raw = served.raw()
    data = b"".join(encode(spec) for spec in frames)
    raw.send(data)
    header = decided_by_header(data)
    if end == "eof" or header is None:
        raw.half_close()
    outcome = raw.outcome()  # the server ends the connection either way
    expected = expected_outcome(frames)
    if header is not None:
        assert outcome.close_code == header, outcome
    elif expected is UNKNOWN:
        assert outcome.dropped or outcome.close_code in GARBAGE_CODES | CLIENT_CODES | set(range(3000, 5000)), outcome
    else:
        assert outcome.close_code in expected, (outcome, expected)
    served.bystander_is_served()


def test_after_the_fuzzer_every_session_was_closed_once(served):
    served.check()
