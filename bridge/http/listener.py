"""Accepting connections on a listening socket without spinning at the descriptor limit.

asyncio's own accept loop (create_server) logs a traceback and schedules a retry for every
failed accept() of a batch, and keeps trying: at the process's file descriptor limit it spins
at full CPU, logging hundreds of thousands of tracebacks a minute. Here a failed accept()
pauses accepting until a connection closes or ACCEPT_PAUSE has passed, with one warning per
episode (an episode ends once the queue of waiting connections has been emptied).
"""

from __future__ import annotations

import asyncio
import errno
import resource
import socket
import ssl
from typing import Callable

ACCEPT_PAUSE = 0.1  # seconds without accepting after accept() ran out of descriptors
ACCEPT_BATCH = 100  # connections accepted per wake-up, so one busy listener cannot hog the loop
_OUT_OF_RESOURCES = (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)


def raise_descriptor_limit() -> None:
    """Raise this process's soft RLIMIT_NOFILE to its hard limit: each connection is a
    descriptor, and the soft limit is often 1,024 while the hard one is far higher."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            pass  # kept as it was; accepting still copes with the limit


class Listener:
    def __init__(self, sock: socket.socket, protocol_factory: Callable[[], asyncio.Protocol],
                 tls: ssl.SSLContext | None, warn: Callable[[str], None]) -> None:
        self._sock = sock
        self._factory = protocol_factory
        self._tls = tls
        self._warn = warn
        self._loop = asyncio.get_running_loop()
        self._resume_handle: asyncio.TimerHandle | None = None
        self._short = False  # in an episode of failed accepts
        self._closed = False
        self._loop.add_reader(sock.fileno(), self._accept)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._resume_handle is not None:
            self._resume_handle.cancel()
        else:
            self._loop.remove_reader(self._sock.fileno())
        self._sock.close()

    def connection_closed(self) -> None:
        """A descriptor was freed: accept again now if accepting was paused."""
        if self._resume_handle is not None:
            self._resume()

    def _accept(self) -> None:
        for _ in range(ACCEPT_BATCH):
            try:
                conn, _ = self._sock.accept()
            except (BlockingIOError, InterruptedError):
                self._short = False
                return
            except ConnectionAbortedError:
                continue
            except OSError as error:
                if error.errno in _OUT_OF_RESOURCES:
                    return self._pause(error)
                self._warn(f"scripting-bridge: accepting a connection failed: {error}")
                return
            conn.setblocking(False)
            asyncio.ensure_future(self._connect(conn))

    async def _connect(self, conn: socket.socket) -> None:
        try:
            await self._loop.connect_accepted_socket(self._factory, conn, ssl=self._tls)
        except (OSError, ssl.SSLError, asyncio.TimeoutError):
            pass  # a client that left, or failed the TLS handshake: nothing to serve (as asyncio's own)

    def _pause(self, error: OSError) -> None:
        self._loop.remove_reader(self._sock.fileno())
        self._resume_handle = self._loop.call_later(ACCEPT_PAUSE, self._resume)
        if not self._short:
            self._short = True
            self._warn(f"scripting-bridge: cannot accept more connections: {error.strerror} "
                       f"({errno.errorcode[error.errno]}); new clients wait until others close "
                       f"(raise the limit with `ulimit -n`)")

    def _resume(self) -> None:
        self._resume_handle.cancel()
        self._resume_handle = None
        if not self._closed:
            self._loop.add_reader(self._sock.fileno(), self._accept)
