"""`run --watch` restarts the scripts when a file changes; clients see a clean close and reconnect."""

from __future__ import annotations

import asyncio
import signal
import socket

from websockets.asyncio.client import connect

from .clihelp import line, script, start

SERVER = """
    const server = new HttpServer()
    server.registerWebsocket("/v", {{ onConnected: (session) => session.writeText("{version}") }})
    server.listenAddressIPv4 = "127.0.0.1"
    console.log(server.start({{ port: {port} }}) ?? "started {version}")
    """


async def _reconnect(url: str) -> str:
    for _ in range(200):  # the new child may still be starting
        try:
            async with connect(url, open_timeout=5) as client:
                return await asyncio.wait_for(client.recv(), 10)
        except OSError:
            await asyncio.sleep(0.05)
    raise AssertionError("the restarted server never answered")


async def test_a_change_restarts_the_script_and_clients_reconnect(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    path = script(tmp_path, "server.js", SERVER.format(version="v1", port=port))
    process = await start("run", "--watch", "--quiet", path)
    try:
        assert await line(process.stdout) == "started v1"
        async with connect(f"ws://127.0.0.1:{port}/v") as client:
            assert await client.recv() == "v1"
            path.write_text(SERVER.format(version="v2", port=port).replace("\n    ", "\n"), encoding="utf-8")
            await asyncio.wait_for(client.wait_closed(), 10)
            assert client.close_code == 1001  # the old run stopped its server as on SIGTERM
        assert await line(process.stdout) == "started v2"
        assert await _reconnect(f"ws://127.0.0.1:{port}/v") == "v2"
        assert await line(process.stderr) == f"scripting-bridge: {path} changed; restarting"
        process.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(process.wait(), 20) == 130
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_a_script_that_ends_waits_for_a_change(tmp_path):
    path = script(tmp_path, "once.ts", "const n: number = 1\nconsole.log('run', n)\n")
    process = await start("run", "--watch", path)
    try:
        assert await line(process.stdout) == "run 1"
        assert await line(process.stderr) == "scripting-bridge: exited with status 0; waiting for a change to restart"
        path.write_text("console.log('run', 2)\n", encoding="utf-8")
        assert await line(process.stdout) == "run 2"
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 143
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_a_change_to_an_imported_module_restarts_too_even_one_that_failed_to_load(tmp_path):
    script(tmp_path, "lib.ts", "export const n: number = 1 +\n")  # a syntax error: the first run fails
    path = script(tmp_path, "main.ts", "import { n } from './lib'\nconsole.log('run', n)\n")
    process = await start("run", "--watch", path)
    try:
        assert "lib.ts:1:" in await line(process.stderr)
        (tmp_path / "lib.ts").write_text("export const n: number = 2\n", encoding="utf-8")
        assert await line(process.stdout) == "run 2"
        (tmp_path / "lib.ts").write_text("export const n: number = 3\n", encoding="utf-8")
        assert await line(process.stdout) == "run 3"
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 143
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
