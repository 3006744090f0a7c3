"""SIGINT and SIGTERM stop a script even while its JavaScript never returns (a busy loop)."""

from __future__ import annotations

import asyncio
import signal

import pytest

from .clihelp import line, script, start

BUSY = {
    # (In optimised code the engine may place a frame a line early: each loop is on the line
    # of the statement before it.)
    "top level": ("spin.js", """
        let turns = 0
        console.log("spinning"); while (true) { turns++ }
        """, 2, ""),
    "timer": ("spin.ts", """
        function spin(): never {
          console.log("spinning"); for (;;) {}
        }
        setTimeout(() => spin(), 5)
        """, 2, "spin "),
    "after await": ("spin.js", """
        await null
        console.log("spinning"); while (true) {}
        """, 2, ""),
}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("where", list(BUSY))
async def test_a_signal_stops_a_busy_loop_with_its_status_and_stack(tmp_path, where, signum):
    name, code, spin_line, function = BUSY[where]
    path = script(tmp_path, name, code)
    process = await start("run", path)
    try:
        assert await line(process.stdout) == "spinning"
        await asyncio.sleep(0.2)  # well inside the loop
        process.send_signal(signum)
        # A bound against hanging, not a measure of speed: Ctrl+C that does nothing never ends.
        assert await asyncio.wait_for(process.wait(), 10) == 128 + signum
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    stderr = (await process.stderr.read()).decode().splitlines()
    assert stderr[0].startswith(f"{path}:{spin_line}:")
    assert stderr[0].endswith(f": Interrupted by {signum.name} while running JavaScript")
    assert stderr[1].startswith(f"  {spin_line} | ")  # the code frame
    assert stderr[3].startswith(f"    at {function}{'(' if function else ''}{path}:{spin_line}:")
    assert not any("bridge:" in text or "self-hosted" in text for text in stderr)


async def test_servers_close_their_sessions_after_a_busy_handler_is_stopped(tmp_path):
    path = script(tmp_path, "server.js", """
        const server = new HttpServer()
        server.registerWebsocket("/s", {
          handleText: function busy(session, text) { console.log("spinning"); while (text) {} },
          onDisconnected: () => console.log("onDisconnected ran"),
        })
        server.start({ port: 0 })
        console.log(server.port)
        """)
    from websockets.asyncio.client import connect

    process = await start("run", "--quiet", path)
    try:
        port = int(await line(process.stdout))
        async with connect(f"ws://127.0.0.1:{port}/s") as idle, connect(f"ws://127.0.0.1:{port}/s") as busy:
            await busy.send("go")
            assert await line(process.stdout) == "spinning"
            process.send_signal(signal.SIGINT)
            await asyncio.wait_for(idle.wait_closed(), 10)
            assert idle.close_code == 1001
            await asyncio.wait_for(busy.wait_closed(), 10)  # its connection was in the stopped JS
        assert await asyncio.wait_for(process.wait(), 10) == 130
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert (await process.stdout.read()).decode().splitlines() == ["onDisconnected ran"] * 2
    stderr = (await process.stderr.read()).decode().splitlines()
    assert stderr[0].startswith(f"{path}:3:") and stderr[0].endswith("Interrupted by SIGINT while running JavaScript")
    assert stderr[3].startswith(f"    at busy ({path}:3:")


async def test_a_second_signal_exits_at_once_when_stopping_hangs(tmp_path):
    path = script(tmp_path, "stuck.js", """
        const server = new HttpServer()
        server.registerWebsocket("/s", { onDisconnected: () => { console.log("stuck"); while (true) {} } })
        server.start({ port: 0 })
        console.log(server.port)
        """)
    from websockets.asyncio.client import connect

    process = await start("run", "--quiet", path)
    try:
        port = int(await line(process.stdout))
        client = await connect(f"ws://127.0.0.1:{port}/s")
        process.send_signal(signal.SIGINT)
        assert await line(process.stdout) == "stuck"  # the graceful stop cannot finish
        process.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(process.wait(), 10) == 130
        await client.close()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
