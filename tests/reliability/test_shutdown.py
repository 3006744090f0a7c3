"""Graceful shutdown under load: SIGTERM while 1,000 sessions are open and chatting closes each
with 1001 and runs onDisconnected for each before the process exits (143, as a shell expects
of a process ended by SIGTERM)."""

from __future__ import annotations

import asyncio
import collections
import signal
import time

from . import swarm
from .support import ScriptProcess, bounded, raise_fd_limit, scaled

SESSIONS = scaled(1_000, 5_000)

CHAT = """
const sessions = []
let next = 0
server.registerWebsocket("/chat", {
  onConnected: (session) => {
    session.name = "user" + next++
    sessions.push(session)
    session.writeText("welcome " + session.name)
  },
  handleText: (session, text) => {
    session.writeText(text)
    if (text.startsWith("all ")) for (const s of sessions) s.writeText(session.name + ": " + text)
  },
  onDisconnected: (session) => {
    sessions.splice(sessions.indexOf(session), 1)
    console.log("onDisconnected " + session.name + " left " + sessions.length)
  },
})
"""


@bounded(180, soak_seconds=600)
async def test_sigterm_under_load_closes_every_session_with_1001_and_runs_on_disconnected(tmp_path):
    raise_fd_limit(SESSIONS + 1_000)
    with ScriptProcess(tmp_path, CHAT) as server:
        peers = await swarm.connect_many(server.url("/chat"), SESSIONS)
        names = [await peer.recv() for peer in peers]
        assert sorted(names) == sorted(f"welcome user{i}" for i in range(SESSIONS))

        # Load: every session keeps sending (10,000 messages a second in all), and ten of them
        # broadcast to the whole room every tenth message.
        stop = asyncio.Event()
        interval = SESSIONS / 10_000

        async def chat(index: int, peer: swarm.Peer) -> None:
            sent = 0
            while not stop.is_set() and peer.is_open:
                peer.send_text(("all " if index < 10 and sent % 10 == 0 else "") + f"message {sent}")
                sent += 1
                await asyncio.sleep(interval)

        chatters = [asyncio.ensure_future(chat(index, peer)) for index, peer in enumerate(peers)]
        await asyncio.sleep(2)
        signalled = time.monotonic()
        server.process.send_signal(signal.SIGTERM)

        codes = await asyncio.gather(*(peer.wait_closed(30) for peer in peers))
        stop.set()
        await asyncio.gather(*chatters)
        for _ in range(300):
            if server.process.poll() is not None:
                break
            await asyncio.sleep(0.1)
        exit_code = server.process.poll()
        seconds = time.monotonic() - signalled

        assert collections.Counter(codes) == {1001: SESSIONS}
        assert exit_code == 128 + signal.SIGTERM, server.stderr()
        goodbyes = [line for line in server.lines() if line.startswith("onDisconnected ")]
        assert sorted(line.split()[1] for line in goodbyes) == sorted(f"user{i}" for i in range(SESSIONS))
        assert goodbyes[-1].endswith(" left 0")
        assert server.stderr() == ""
    assert seconds < 15, f"shutting down took {seconds:.1f} s"
