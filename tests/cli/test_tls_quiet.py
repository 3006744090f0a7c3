"""A TLS server run from the command line prints nothing of asyncio's own."""

from __future__ import annotations

import asyncio
import ssl
import sys
from pathlib import Path

from .clihelp import line, script, start

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "http"))
from test_tls import make_p12  # noqa: E402


async def test_clients_that_half_close_a_tls_connection_leave_stderr_clean(tmp_path):
    p12, certificate = make_p12("secret")
    (tmp_path / "server.p12").write_bytes(p12)
    path = script(tmp_path, "tls.js", """
        const server = new HttpServer()
        server.registerHandler("/", () => HttpResponse.ok(HttpResponseBody.text("hello")))
        server.listenAddressIPv4 = "127.0.0.1"
        server.start({ port: 0, tls: { p12: "server.p12", password: "secret" } })
        console.log(server.port)
        """)
    trust = ssl.create_default_context(cadata=certificate.decode())
    trust.check_hostname = False
    process = await start("run", "--quiet", path)
    try:
        port = int(await line(process.stdout))
        for _ in range(3):
            reader, writer = await asyncio.open_connection("127.0.0.1", port, ssl=trust)
            writer.write(b"GET / HTTP/1.1\r\nhost: x\r\n\r\n")
            await writer.drain()
            writer.transport.close()  # close_notify, then FIN, before reading the answer
            await asyncio.sleep(0.1)
        process.terminate()
        assert await asyncio.wait_for(process.wait(), 10) == 143
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert (await process.stderr.read()).decode() == ""
