"""How a user tests a script with the pytest plugin the package ships (bridge.testing). Their
conftest.py says `pytest_plugins = ["bridge.testing"]`, as tests/conftest.py does here."""

from __future__ import annotations

import textwrap

SCRIPT = textwrap.dedent("""
    const server = new HttpServer()
    server.registerWebsocket("/echo", {
      onConnected: () => console.log("a client connected"),
      handleText: (session, text) => session.writeText("echo: " + text),
    })
    server.registerHandler("/hello", () => HttpResponse.ok(HttpResponseBody.text("hello")))
    server.start({ port: 0 })
    console.log("ready")
    """)


async def test_an_echo_server(scripting_bridge, tmp_path):
    path = tmp_path / "echo.ts"
    path.write_text(SCRIPT, encoding="utf-8")
    async with scripting_bridge(path) as app:
        assert app.stdout == "ready\n"
        async with app.websocket("/echo") as client:
            await client.send("hi")
            assert await client.recv() == "echo: hi"
        await app.until_printed("a client connected")
        assert await app.get("/hello") == (200, "hello")
        status, headers, body = await app.request("GET", "/missing")
        assert status == 404
        assert app.stderr == ""
