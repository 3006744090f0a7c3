"""Load: 10,000 concurrent connections held open, all answered, none dropped.

The server runs as a user runs it (`scripting-bridge run`, its own process) and the 10,000
clients are cheap ones in this process (swarm.Peer: websockets' sans-I/O ClientProtocol on a
bare asyncio transport), so each process holds ~10,000 sockets. The test raises this process's
RLIMIT_NOFILE soft limit to the hard limit (the server inherits it) and skips, saying so, if the
hard limit is below what 10,000 sockets need.

Held for the full minute, in CI too: once the connections are open the hold costs little CPU
(500 echoes a second, and the default keepalive pings every connection every 20 s, so each one
answers two or three pings), and the whole reliability suite still takes about two and a half
minutes on 2 cores. BRIDGE_SOAK=1 holds for 10 minutes.
"""

from __future__ import annotations

import asyncio
import random
import time

from . import swarm
from .support import ScriptProcess, bounded, raise_fd_limit, scaled

COUNT = 10_000
HOLD = scaled(60, 600)

LOAD = """
let open = 0, disconnected = 0
server.registerWebsocket("/load", {
  onConnected: () => { open++ },
  handleText: (session, text) =>
    session.writeText(text === "stats?" ? `open ${open} disconnected ${disconnected}` : text),
  onDisconnected: () => { open--; disconnected++ },
})
"""


async def ask(peer: swarm.Peer, text: str) -> str:
    peer.send_text(text)
    return await peer.recv(timeout=30)


@bounded(300, soak_seconds=1200)
async def test_ten_thousand_connections_are_held_all_answered_none_dropped(tmp_path):
    raise_fd_limit(COUNT + 2_000)
    with ScriptProcess(tmp_path, LOAD) as server:  # default keepalive: a ping every 20 s
        started = time.monotonic()
        peers = await swarm.connect_many(server.url("/load"), COUNT, parallel=200, timeout=60)
        connect_seconds = time.monotonic() - started
        assert await ask(peers[0], "stats?") == f"open {COUNT} disconnected 0"

        # Every connection is answered.
        for index, peer in enumerate(peers):
            peer.send_text(f"hello {index}")
        for index, peer in enumerate(peers):
            assert await peer.recv(timeout=30) == f"hello {index}"

        # Held: keepalive rounds pass and traffic keeps flowing; nobody is dropped.
        rng = random.Random(10)
        rounds = 0
        deadline = time.monotonic() + HOLD
        while time.monotonic() < deadline:
            sample = rng.sample(range(COUNT), 500)
            for index in sample:
                peers[index].send_text(f"round {rounds} {index}")
            for index in sample:
                assert await peers[index].recv(timeout=30) == f"round {rounds} {index}"
            rounds += 1
            closed = [index for index, peer in enumerate(peers) if peer.is_closed]
            assert closed == [], f"{len(closed)} connections dropped during the hold, e.g. {closed[:5]}"
            await asyncio.sleep(1)
        assert await ask(peers[-1], "stats?") == f"open {COUNT} disconnected 0"

        # And every one of them is still answered at the end.
        for index, peer in enumerate(peers):
            peer.send_text(f"bye {index}")
        for index, peer in enumerate(peers):
            assert await peer.recv(timeout=30) == f"bye {index}"

        for peer in peers[1:]:
            peer.close(1000)
        codes = await asyncio.gather(*(peer.wait_closed(30) for peer in peers[1:]))
        assert set(codes) == {1000}
        for _ in range(100):  # onDisconnected runs once the server's side of TCP has closed too
            if (stats := await ask(peers[0], "stats?")) == f"open 1 disconnected {COUNT - 1}":
                break
            await asyncio.sleep(0.1)
        assert stats == f"open 1 disconnected {COUNT - 1}"
        assert server.crash_signs() == [], server.stderr()
    print(f"{COUNT} connections opened in {connect_seconds:.1f} s, held {HOLD} s, {rounds} rounds")
