"""Cheap WebSocket clients, thousands per process: the handshake and the parsing of what the
server sends are done by websockets' sans-I/O ClientProtocol under a bare asyncio transport
(no task, stream or queue per connection). Pings are answered as they arrive.

Run as a program it drives the churn workload from a separate process, so that the server's
memory is measured without the clients' (`python swarm.py churn URL CYCLES CONCURRENCY`
prints one JSON line).
"""

from __future__ import annotations

import asyncio
import collections
import json
import os
import random
import socket
import sys
import time

from websockets.client import ClientProtocol
from websockets.frames import Close, Opcode
from websockets.http11 import Response
from websockets.protocol import State
from websockets.uri import parse_uri


class Peer(asyncio.Protocol):
    """One client connection. `messages` holds what arrived (str for text, bytes for binary)."""

    def __init__(self, url: str) -> None:
        self.protocol = ClientProtocol(parse_uri(url), max_size=None)
        loop = asyncio.get_running_loop()
        self.handshake: asyncio.Future[Response] = loop.create_future()
        self.lost: asyncio.Future[None] = loop.create_future()
        self.messages: collections.deque = collections.deque()
        self.close_frame: Close | None = None  # the server's close frame, once it came
        self._waiter: asyncio.Future | None = None
        self.transport: asyncio.Transport | None = None

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.Transport) -> None:
        self.transport = transport
        self.protocol.send_request(self.protocol.connect())
        self.flush()

    def data_received(self, data: bytes) -> None:
        self.protocol.receive_data(data)
        self._handle_events()

    def eof_received(self) -> None:
        self.protocol.receive_eof()
        self._handle_events()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.handshake.done():
            self.handshake.set_exception(ConnectionError("connection lost during the handshake"))
            self.handshake.exception()  # retrieved: no "never retrieved" warning
        if not self.lost.done():
            self.lost.set_result(None)
        self._wake()

    # Sending.

    def flush(self) -> None:
        for data in self.protocol.data_to_send():
            if data:
                self.transport.write(data)
            elif self.transport.can_write_eof() and not self.transport.is_closing():
                self.transport.write_eof()

    def send_text(self, text: str) -> None:
        self.protocol.send_text(text.encode())
        self.flush()

    def send_binary(self, data: bytes) -> None:
        self.protocol.send_binary(data)
        self.flush()

    def send_raw(self, data: bytes) -> None:
        self.transport.write(data)

    def close(self, code: int = 1000) -> None:
        self.protocol.send_close(code)
        self.flush()

    def abort(self) -> None:
        self.transport.abort()

    # Receiving.

    @property
    def is_open(self) -> bool:
        """The WebSocket is open: neither side has started closing it."""
        return self.protocol.state is State.OPEN

    @property
    def is_closed(self) -> bool:
        return self.lost.done()

    async def recv(self, timeout: float = 10.0):
        """The next message; ConnectionError if the connection ended first."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not self.messages:
            if self.lost.done():
                raise ConnectionError(f"connection closed ({self.describe_close()})")
            self._waiter = asyncio.get_running_loop().create_future()
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise TimeoutError("no message")
            try:
                await asyncio.wait_for(self._waiter, remaining)
            except asyncio.TimeoutError:
                raise TimeoutError("no message") from None
        return self.messages.popleft()

    async def wait_closed(self, timeout: float = 10.0) -> int | None:
        """Wait until the TCP connection ended; the server's close code, or None if it sent none."""
        await asyncio.wait_for(asyncio.shield(self.lost), timeout)
        return self.close_frame.code if self.close_frame else None

    def describe_close(self) -> str:
        return f"close code {self.close_frame.code}" if self.close_frame else "no close frame"

    def _handle_events(self) -> None:
        for event in self.protocol.events_received():
            if isinstance(event, Response):
                if not self.handshake.done():
                    self.handshake.set_result(event)
            elif event.opcode is Opcode.TEXT:
                self.messages.append(event.data.decode())
            elif event.opcode is Opcode.BINARY:
                self.messages.append(bytes(event.data))
            elif event.opcode is Opcode.CLOSE:
                self.close_frame = Close.parse(event.data)
        self.flush()  # pongs, the reply to a close
        if self.messages or self.close_frame:
            self._wake()

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)


async def connect(url: str, timeout: float = 10.0, receive_buffer: int | None = None) -> Peer:
    """Open a connection and finish the handshake (101 expected)."""
    uri = parse_uri(url)
    loop = asyncio.get_running_loop()
    sock = None
    if receive_buffer is not None:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        sock.setblocking(False)
        await loop.sock_connect(sock, (uri.host, uri.port))
    try:
        if sock is None:
            _, peer = await asyncio.wait_for(
                loop.create_connection(lambda: Peer(url), uri.host, uri.port), timeout)
        else:
            _, peer = await loop.create_connection(lambda: Peer(url), sock=sock)
        response = await asyncio.wait_for(asyncio.shield(peer.handshake), timeout)
    except BaseException:
        if sock is not None:
            sock.close()
        raise
    if response.status_code != 101:
        peer.abort()
        raise ConnectionError(f"handshake refused: {response.status_code}")
    return peer


async def connect_many(url: str, count: int, parallel: int = 200, timeout: float = 30.0) -> list[Peer]:
    """Open `count` connections, at most `parallel` handshakes at a time (so the listen backlog
    never overflows into SYN retries)."""
    gate = asyncio.Semaphore(parallel)

    async def one() -> Peer:
        async with gate:
            return await connect(url, timeout)

    return list(await asyncio.gather(*(one() for _ in range(count))))


async def read_until(peer: Peer, wanted, timeout: float = 10.0) -> int:
    """Read messages until `wanted` arrives; how many others came before it."""
    skipped = 0
    while (message := await peer.recv(timeout)) != wanted:
        skipped += 1
    return skipped


# The churn workload: connect / message / binary / disconnect cycles against the chat room.

async def churn(url: str, cycles: int, concurrency: int, seed: int = 0) -> dict:
    rng = random.Random(seed)
    failures: list[str] = []
    counter = iter(range(cycles))
    welcomes: collections.Counter = collections.Counter()

    async def cycle(index: int) -> None:
        peer = await connect(url)
        try:
            welcome = await peer.recv()
            welcomes[welcome.startswith("Welcome! There are ")] += 1
            text = f"churn {os.getpid()} {index} " + "é" * rng.randrange(0, 40)
            peer.send_text(text)
            await read_until(peer, text)  # the broadcast came back to the sender
            peer.send_binary(rng.randbytes(rng.randrange(1, 4096)))
            peer.close(1000)
            code = await peer.wait_closed()
            if code != 1000:
                failures.append(f"cycle {index}: closed with {code}")
        except (ConnectionError, TimeoutError, OSError) as error:
            failures.append(f"cycle {index}: {type(error).__name__}: {error}")
            peer.abort()

    async def worker() -> None:
        for index in counter:
            try:
                await cycle(index)
            except (ConnectionError, TimeoutError, OSError) as error:
                failures.append(f"cycle {index}: connect: {type(error).__name__}: {error}")

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return {"cycles": cycles, "failures": failures[:20], "failed": len(failures),
            "welcomed": welcomes[True], "seconds": round(time.monotonic() - started, 2)}


def main(argv: list[str]) -> None:
    command, url, cycles, concurrency = argv[:4]
    assert command == "churn", command
    result = asyncio.run(asyncio.wait_for(churn(url, int(cycles), int(concurrency)), 3600))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
