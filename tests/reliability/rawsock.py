"""A blocking raw socket client for the garbage tests (hypothesis drives plain functions): the
handshake is made by websockets' sans-I/O ClientProtocol, and afterwards we write any bytes we
like and read what the server does about them."""

from __future__ import annotations

import collections
import os
import socket
import struct
import time
from dataclasses import dataclass

from websockets.client import ClientProtocol
from websockets.exceptions import ProtocolError
from websockets.frames import Close, Frame, Opcode
from websockets.http11 import Response
from websockets.uri import parse_uri


@dataclass(frozen=True)
class Outcome:
    """How the server ended a connection: its close code, or None when it sent no close frame
    (the TCP connection was simply dropped, or reset)."""
    close_code: int | None
    reset: bool = False
    http: bytes = b""  # for a connection refused before the handshake: what the server answered

    @property
    def dropped(self) -> bool:
        return self.close_code is None


class RawSocket:
    def __init__(self, port: int, path: str = "/echo", handshake: bool = True, timeout: float = 5.0) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.protocol = ClientProtocol(parse_uri(f"ws://127.0.0.1:{port}{path}"), max_size=None)
        self.timeout = timeout
        self.opened = handshake
        self._frames: collections.deque[Frame] = collections.deque()
        if handshake:
            self.protocol.send_request(self.protocol.connect())
            self.sock.sendall(b"".join(self.protocol.data_to_send()))
            while True:
                data = self.sock.recv(65536)
                assert data, "the server closed the connection during the handshake"
                self.protocol.receive_data(data)
                events = self.protocol.events_received()
                if events:
                    assert isinstance(events[0], Response) and events[0].status_code == 101, events[0]
                    break

    def send(self, data: bytes) -> None:
        try:
            self.sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server already gave up on us; outcome() tells how

    def next_frame(self, timeout: float | None = None) -> Frame:
        """The next frame the server sends, but for its keepalive pings; TimeoutError if none comes."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while not self._frames:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                raise TimeoutError("the server sent no frame") from None
            assert data, "the server closed the connection"
            self.protocol.receive_data(data)
            self._frames.extend(event for event in self.protocol.events_received() if event.opcode is not Opcode.PING)
        return self._frames.popleft()

    def half_close(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def outcome(self, timeout: float | None = None) -> Outcome:
        """Read until the server ends the connection; how it did. TimeoutError if it does not."""
        deadline = time.monotonic() + (timeout or self.timeout)
        received = bytearray()
        close_code = None
        reset = False
        while True:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                data = self.sock.recv(65536)
            except ConnectionResetError:
                reset, data = True, b""
            except socket.timeout:
                raise TimeoutError(f"the server neither closed nor dropped the connection; "
                                   f"received {bytes(received[:200])!r}") from None
            received += data
            if self.opened:
                try:
                    if data:
                        self.protocol.receive_data(data)
                    else:
                        self.protocol.receive_eof()
                except ProtocolError:
                    pass
                for event in self.protocol.events_received():
                    if getattr(event, "opcode", None) is Opcode.CLOSE:
                        close_code = Close.parse(event.data).code
            if not data:
                self.sock.close()
                return Outcome(close_code, reset, bytes(received) if received.startswith(b"HTTP/") else b"")

    def close(self) -> None:
        self.sock.close()


def frame(opcode: int, payload: bytes, fin: bool = True, rsv: int = 0, masked: bool = True,
          length: int | None = None, length_form: str = "minimal", mask_key: bytes | None = None) -> bytes:
    """A frame as raw bytes, any field as we choose: `length` is the declared payload length
    (default: the real one), `length_form` is "minimal", "16" or "64" bits of extended length."""
    declared = len(payload) if length is None else length
    head = bytes([(0x80 if fin else 0) | (rsv & 7) << 4 | (opcode & 0x0F)])
    mask_bit = 0x80 if masked else 0
    if length_form == "minimal" and declared < 126:
        head += bytes([mask_bit | declared])
    elif length_form in ("minimal", "16") and declared < 65536:
        head += bytes([mask_bit | 126]) + struct.pack("!H", declared)
    else:
        head += bytes([mask_bit | 127]) + struct.pack("!Q", declared)
    if not masked:
        return head + payload
    key = mask_key if mask_key is not None else os.urandom(4)
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))
