"""A client that stops reading cannot make the server buffer without bound, nor slow others."""

from __future__ import annotations

from websockets.asyncio.client import connect

from helpers import serving
from raw_client import RawClient

FLOOD = """
const feeds = []
server.registerWebsocket("/feed", {
  onConnected: (session) => feeds.push(session),
  onDisconnected: (session) => { feeds.splice(feeds.indexOf(session), 1); console.log("feed closed") },
})
server.registerWebsocket("/echo", { handleText: (session, text) => session.writeText(text) })
const chunk = "x".repeat(64 * 1024)
setInterval(() => { for (const session of feeds) session.writeText(chunk) }, 10)
"""

LIMITS = "{ port: 0, writeBufferLimit: 1048576, writeBufferHardLimit: 8388608, writeStallTimeout: 0.5 }"


async def test_a_reader_that_stopped_is_closed_and_others_are_served():
    async with serving(FLOOD, start=LIMITS) as served:
        stuck = await RawClient.connect(served.url("/feed"), receive_buffer=4096)  # never reads
        async with connect(served.url("/echo")) as healthy:
            for i in range(20):
                await healthy.send(f"ping {i}")
                assert await healthy.recv() == f"ping {i}"
            await served.until_logged("feed closed", timeout=15)
            await healthy.send("after")
            assert await healthy.recv() == "after"
        warning = served.stderr.getvalue()
        assert "closing WebSocket session 1 (127.0.0.1:" in warning
        assert "with 1008: it stopped reading with" in warning
        assert "over writeBufferLimit (1048576)" in warning
        # The stuck connection's queue stayed under the hard limit: it was never hit.
        assert "writeBufferHardLimit" not in warning
        stuck.abort()


async def test_a_reader_that_drains_may_pass_the_soft_limit():
    script = FLOOD.replace("setInterval(() => {", "setInterval(() => { if (feeds.length && ++ticks > 100) return;") \
        .replace("const chunk", "let ticks = 0\nconst chunk")
    async with serving(script, start=LIMITS) as served:
        async with connect(served.url("/feed"), max_size=None, max_queue=None) as reader:
            received = 0
            while received < 100 * 64 * 1024:
                received += len(await reader.recv())
        assert "feed closed" in served.lines()
        assert served.stderr.getvalue() == ""
