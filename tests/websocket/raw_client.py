"""A raw WebSocket client for frames a well-behaved client never sends.

The handshake and the parsing of what the server sends back are done by the websockets
library's sans-I/O ClientProtocol; what we send after the handshake is written as we choose.
"""

from __future__ import annotations

import asyncio
import socket

from websockets.client import ClientProtocol
from websockets.frames import Close, Frame, Opcode
from websockets.http11 import Response
from websockets.uri import parse_uri


class RawClient:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                 protocol: ClientProtocol) -> None:
        self.reader, self.writer, self.protocol = reader, writer, protocol
        self._events: list = []

    @classmethod
    async def connect(cls, url: str, receive_buffer: int | None = None) -> RawClient:
        """Connect and finish the handshake; receive_buffer shrinks the socket's SO_RCVBUF."""
        uri = parse_uri(url)
        sock = socket.socket()
        if receive_buffer is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, (uri.host, uri.port))
        reader, writer = await asyncio.open_connection(sock=sock)
        protocol = ClientProtocol(uri, max_size=None)
        protocol.send_request(protocol.connect())
        client = cls(reader, writer, protocol)
        client.flush()
        response = await client.next_event()
        assert isinstance(response, Response) and response.status_code == 101, response
        return client

    def flush(self) -> None:
        """Send what the protocol queued (the handshake, pong replies, close replies)."""
        for data in self.protocol.data_to_send():
            if data:
                self.writer.write(data)

    def send_frame(self, opcode: Opcode, payload: bytes, fin: bool = True, mask: bool = True) -> None:
        self.writer.write(Frame(opcode, payload, fin).serialize(mask=mask))

    async def next_event(self, timeout: float = 5.0):
        while not self._events:
            data = await asyncio.wait_for(self.reader.read(65536), timeout)
            if data:
                self.protocol.receive_data(data)
            else:
                self.protocol.receive_eof()
            self._events.extend(self.protocol.events_received())
            if not data and not self._events:
                raise EOFError("the server closed the connection")
        return self._events.pop(0)

    async def next_frame(self, timeout: float = 5.0) -> Frame:
        event = await self.next_event(timeout)
        assert isinstance(event, Frame), event
        return event

    async def close_code(self, timeout: float = 5.0) -> int:
        """Read until the server's close frame; return its code."""
        while True:
            frame = await self.next_frame(timeout)
            if frame.opcode is Opcode.CLOSE:
                return Close.parse(frame.data).code

    def abort(self) -> None:
        self.writer.transport.abort()
