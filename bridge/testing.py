"""A pytest plugin for testing Scripting scripts from Python: `pytest_plugins = ["bridge.testing"]`
in your conftest.py gives the `scripting_bridge` fixture.

    async def test_chat(scripting_bridge):
        async with scripting_bridge("chat_room.ts") as app:
            async with app.websocket("/chat") as chat:
                await chat.send("hi")
                assert await chat.recv() == "You said: hi"
            status, body = await app.get("/")
            assert status == 200
            assert "joined" in app.stdout

The scripts run in the test's own process and event loop (the engine allows one runtime per
process, so one at a time); `async def` tests are run on a fresh loop by this plugin unless
another plugin (pytest-asyncio, anyio, a conftest hook) runs them first.
"""

from __future__ import annotations

import asyncio
import inspect
import io
import time
from pathlib import Path

import pytest


class ScriptRun:
    """Scripts (files, or script folders) running in a bridge.Runtime, with what they print."""

    def __init__(self, *scripts: str | Path, start_timeout: float = 10.0) -> None:
        self._scripts = [Path(script) for script in scripts]
        self._start_timeout = start_timeout
        self._stdout, self._stderr = io.StringIO(), io.StringIO()
        self.runtime = None

    async def __aenter__(self) -> ScriptRun:
        from . import Runtime

        self.runtime = Runtime(stdout=self._stdout, stderr=self._stderr)
        try:
            for script in self._scripts:
                await self.runtime.run_file(script)
            await self.until(lambda: all(server.state.name == "RUNNING" for server in self.runtime.servers),
                             self._start_timeout)
        except BaseException:
            await self.runtime.close()
            raise
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.runtime.close()

    @property
    def stdout(self) -> str:
        """What the scripts printed to stdout so far (console.log, info, debug)."""
        return self._stdout.getvalue()

    @property
    def stderr(self) -> str:
        """What they printed to stderr: console.warn/error and the runtime's error reports."""
        return self._stderr.getvalue()

    @property
    def ports(self) -> list[int]:
        """The ports of the servers that run, in the order they were started."""
        return [server.port for server in self.runtime.servers]

    @property
    def port(self) -> int:
        if not self.runtime.servers:
            raise AssertionError(f"no server is running; stderr:\n{self.stderr}")
        return self.ports[0]

    async def until(self, condition, timeout: float = 5.0) -> None:
        """Wait, with the scripts running, until condition() is true; fail with their output if not."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; stdout:\n{self.stdout}\nstderr:\n{self.stderr}")
            await asyncio.sleep(0.01)

    async def until_printed(self, text: str, timeout: float = 5.0) -> None:
        await self.until(lambda: text in self.stdout, timeout)

    def websocket(self, path: str = "/", port: int | None = None, **options):
        """A `websockets` client connection to a server of the scripts (`async with`)."""
        from websockets.asyncio.client import connect

        return connect(f"ws://127.0.0.1:{port or self.port}{path}", **options)

    async def request(self, method: str, path: str = "/", body: bytes = b"",
                      headers: dict[str, str] | None = None, port: int | None = None) -> tuple[int, dict[str, str], bytes]:
        """One HTTP/1.1 request to a server of the scripts: (status, headers, body)."""
        import h11

        reader, writer = await asyncio.open_connection("127.0.0.1", port or self.port)
        client = h11.Connection(h11.CLIENT)
        fields = [("host", "127.0.0.1"), ("content-length", str(len(body))), *(headers or {}).items()]
        writer.write(client.send(h11.Request(method=method, target=path, headers=fields))
                     + client.send(h11.Data(data=body)) + client.send(h11.EndOfMessage()))
        status, answer, content = 0, {}, bytearray()
        try:
            while True:
                event = client.next_event()
                if event is h11.NEED_DATA:
                    client.receive_data(await asyncio.wait_for(reader.read(65536), 30))
                elif isinstance(event, h11.Response):
                    status = event.status_code
                    answer = {name.decode(): value.decode("utf-8", "replace") for name, value in event.headers}
                elif isinstance(event, h11.Data):
                    content += event.data
                elif isinstance(event, (h11.EndOfMessage, h11.ConnectionClosed)):
                    return status, answer, bytes(content)
        finally:
            writer.close()

    async def get(self, path: str = "/", port: int | None = None) -> tuple[int, str]:
        """GET `path`: (status, body as text)."""
        status, _, body = await self.request("GET", path, port=port)
        return status, body.decode("utf-8", "replace")


@pytest.fixture
def scripting_bridge():
    """Call it with script files or folders: an async context manager running them (ScriptRun)."""
    return ScriptRun


@pytest.hookimpl
def pytest_pyfunc_call(pyfuncitem):  # (pytest-asyncio and the like run theirs first: tryfirst)
    if "scripting_bridge" not in pyfuncitem.fixturenames or not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True
