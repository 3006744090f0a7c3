"""The `WebSocket` client global (api.md, "WebSocket (client)"; README, "WebSocket (client)"):
against the script's own HttpServer and against `websockets` servers, over real sockets on
127.0.0.1, ws:// and wss://."""

from __future__ import annotations

import asyncio
import io
import json
import shutil
import socket
import ssl
import subprocess
import time
from contextlib import asynccontextmanager
from pathlib import Path

import pythonmonkey as pm
from websockets.asyncio.server import serve

import bridge
from helpers import Served, unavailable

# Logs every client callback, one line each; `message` lines say text or Data.
LOGGER = """
function logged(ws, name = "ws") {
  ws.onopen = () => console.log(`${name} open`)
  ws.onmessage = (m) => console.log(typeof m === "string" ? `${name} text ${m}` : `${name} data ${m.toHexString()}`)
  ws.onerror = (e) => console.log(`${name} error ${e instanceof Error} ${e.message}`)
  ws.onclose = (reason, code) => console.log(`${name} close ${JSON.stringify(reason)} ${code}`)
  return ws
}
"""


@asynccontextmanager
async def running(source: str):
    """One script in a fresh Runtime; the runtime is closed when the block ends."""
    stdout, stderr = io.StringIO(), io.StringIO()
    async with bridge.Runtime(stdout=stdout, stderr=stderr) as runtime:
        await runtime.run_source(LOGGER + source, "client.js")
        yield Served(runtime, stdout, stderr)


@asynccontextmanager
async def python_server(handler, **options):
    """A `websockets` server on 127.0.0.1; yields its port."""
    async with serve(handler, "127.0.0.1", 0, **options) as server:
        yield server.sockets[0].getsockname()[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def settle(served: Served, seconds: float = 0.3) -> None:
    """Time for a callback that should not come (a second onclose, a late message) to show."""
    await asyncio.sleep(seconds)


# The script is both server and client: it connects to its own HttpServer.

SELF_ECHO = """
const server = new HttpServer()
server.registerWebsocket("/echo", {
  handleText: (session, text) => {
    if (text === "close me") session.close()
    else session.writeText(text)
  },
  handleBinary: (session, data) => session.writeData(data),
  onDisconnected: () => console.log("server disconnected"),
})
const failure = server.start({ port: 0 })
if (failure !== null) throw new Error(failure)
const url = `ws://127.0.0.1:${server.port}/echo`
"""


async def test_a_script_echoes_text_and_binary_through_its_own_server():
    async with running(SELF_ECHO + """
    const ws = logged(new WebSocket(url))
    console.log("url", ws.url === url)
    ws.send("sent before open")                 // queued until open, in order
    const bytes = Data.fromIntArray([0, 1, 254, 255])
    ws.send(bytes)
    bytes.append(Data.fromIntArray([7]))        // queued as it was when sent
    const onopen = ws.onopen
    ws.onopen = () => {
      onopen()
      ws.send("héllo wörld 😀 世界")
      ws.send(Data.fromIntArray(Array.from({ length: 70000 }, (_, i) => i % 256)).slice(69990))
      ws.send("")
      ws.send("close me")
    }
    """) as served:
        await served.until_logged('ws close "" 1000')
        await served.until_logged("server disconnected")
        await settle(served)
        lines = [line for line in served.lines() if line != "server disconnected"]
        assert lines == [
            "url true",
            "ws open",
            "ws text sent before open",
            "ws data 0001feff",
            "ws text héllo wörld 😀 世界",
            "ws data " + bytes(i % 256 for i in range(69990, 70000)).hex(),
            "ws text ",
            'ws close "" 1000',
        ]
        assert served.stderr.getvalue() == ""


async def test_the_client_closing_is_seen_by_the_script_server():
    async with running(SELF_ECHO + """
    const ws = logged(new WebSocket(url))
    ws.onopen = () => ws.close(4000, "done here")
    ws.send("dropped: close() comes before open")
    """) as served:
        await served.until_logged('ws close "done here" 4000')
        await served.until_logged("server disconnected")
        await settle(served)
        assert served.lines().count('ws close "done here" 4000') == 1
        assert not any(line.startswith("ws text") for line in served.lines())


async def test_a_large_binary_message_round_trips_byte_exact():
    async with running(SELF_ECHO + """
    const size = 3 * 1024 * 1024
    const sent = Data.fromIntArray(Array.from({ length: size }, (_, i) => (i * 7919) % 251))
    const ws = new WebSocket(url)
    ws.onopen = () => ws.send(sent)
    ws.onmessage = (m) => {
      console.log("same", m.size === size && m.toBase64String() === sent.toBase64String())
      ws.close()
    }
    """) as served:
        await served.until_logged("same true", timeout=30)


# Close codes and reasons, seen on both sides.

async def test_close_code_and_reason_from_the_script_reach_the_server():
    seen = asyncio.get_running_loop().create_future()

    async def handler(connection):
        await connection.send(await connection.recv())
        await connection.wait_closed()
        seen.set_result((connection.close_code, connection.close_reason))

    async with python_server(handler) as port:
        async with running(f"""
        const ws = logged(new WebSocket("ws://127.0.0.1:{port}/"))
        ws.onopen = () => ws.send("ping")
        ws.onmessage = (m) => {{ console.log("got", m); ws.close(4321, "bye from the script, ü") }}
        """) as served:
            await served.until_logged('ws close "bye from the script, ü" 4321')
            assert await asyncio.wait_for(seen, 5) == (4321, "bye from the script, ü")
            assert served.lines() == ["got ping", 'ws close "bye from the script, ü" 4321']


async def test_close_code_and_reason_from_the_server_reach_the_script():
    seen = asyncio.get_running_loop().create_future()

    async def handler(connection):
        await connection.close(4002, "server says bye")
        seen.set_result((connection.close_code, connection.close_reason))

    async with python_server(handler) as port:
        async with running(f'logged(new WebSocket("ws://127.0.0.1:{port}/"))') as served:
            await served.until_logged('ws close "server says bye" 4002')
            # The client echoes the server's close frame, as RFC 6455 says.
            assert await asyncio.wait_for(seen, 5) == (4002, "server says bye")
            await settle(served)
            assert served.lines() == ["ws open", 'ws close "server says bye" 4002']


async def test_close_without_arguments_sends_1000_and_an_empty_close_frame_gives_1005():
    seen = asyncio.get_running_loop().create_future()

    async def handler(connection):
        message = await connection.recv()
        if message == "close yourself":
            await connection.wait_closed()
            seen.set_result((connection.close_code, connection.close_reason))
        else:
            await connection.close(code=None)  # a close frame with no code: 1005 on arrival

    async with python_server(handler) as port:
        async with running(f"""
        const a = logged(new WebSocket("ws://127.0.0.1:{port}/"), "a")
        a.onopen = () => {{ a.send("close yourself"); a.close() }}
        const b = logged(new WebSocket("ws://127.0.0.1:{port}/"), "b")
        b.onopen = () => b.send("close me")
        """) as served:
            await served.until_logged('a close "" 1000')
            await served.until_logged('b close "" 1005')
            assert await asyncio.wait_for(seen, 5) == (1000, "")


async def test_close_validates_its_code_and_reason():
    async with running(SELF_ECHO + """
    const ws = new WebSocket(url)
    function attempt(...args) {
      try { ws.close(...args); console.log("ok") } catch (e) { console.log(`${e.name}: ${e.message}`) }
    }
    for (const code of [999, 1004, 1005, 1006, 1015, 2999, 5000, 1000.5, NaN]) attempt(code)
    attempt("1000")
    attempt(1000, 42)
    attempt(1000, "x".repeat(124))
    attempt(1000, "é".repeat(62))                  // 124 bytes in 62 characters
    attempt(1000, "😀".repeat(31))                 // 124 bytes
    attempt(3000, "é".repeat(61) + "x")            // 123 bytes: allowed
    attempt(1003)                                  // already closing: nothing more to do
    ws.onclose = (reason, code) => console.log("closed", code, reason)
    """) as served:
        await served.until(lambda: any(line.startswith("closed") for line in served.lines()))
        lines = served.lines()
        allowed = "must be 1000, 1001, 1002, 1003 or from 3000 to 4999"
        assert lines[:9] == [f"RangeError: WebSocket.close: code {allowed}, got {code}"
                             for code in ["999", "1004", "1005", "1006", "1015", "2999", "5000", "1000.5", "NaN"]]
        assert lines[9:15] == [
            "TypeError: WebSocket.close: code must be a number, got string",
            "TypeError: WebSocket.close: reason must be a string, got number",
            "RangeError: WebSocket.close: reason must be at most 123 bytes of UTF-8, got 124",
            "RangeError: WebSocket.close: reason must be at most 123 bytes of UTF-8, got 124",
            "RangeError: WebSocket.close: reason must be at most 123 bytes of UTF-8, got 124",
            "ok",
        ]
        assert lines[15] == "ok"
        # Closed while connecting: no close frame was exchanged.
        assert lines[16:] == ["closed 1006 undefined"]


async def test_codes_1001_to_1003_and_3000_to_4999_are_accepted():
    seen = []

    async def handler(connection):
        await connection.wait_closed()
        seen.append((connection.close_code, connection.close_reason))

    async with python_server(handler) as port:
        async with running(f"""
        let left = 6
        for (const code of [1000, 1001, 1002, 1003, 3000, 4999]) {{
          const ws = new WebSocket("ws://127.0.0.1:{port}/")
          ws.onopen = () => ws.close(code, "code " + code)
          ws.onclose = (reason, got) => {{ if (--left === 0) console.log("all closed") }}
        }}
        """) as served:
            await served.until_logged("all closed")
            await served.until(lambda: len(seen) == 6)
            assert sorted(seen) == [(code, f"code {code}") for code in (1000, 1001, 1002, 1003, 3000, 4999)]


# Failures: onerror, then onclose, once each.

async def test_connection_refused_gives_onerror_then_onclose():
    port = free_port()
    async with running(f"""
    logged(new WebSocket("ws://127.0.0.1:{port}/"))
    """) as served:
        await served.until_logged("ws close undefined 1006")
        await asyncio.wait_for(served.runtime.idle(), 5)  # nothing keeps the process alive now
        assert served.lines() == [f"ws error true connection refused: ws://127.0.0.1:{port}/",
                                  "ws close undefined 1006"]


async def test_a_server_that_vanishes_mid_connection():
    async def handler(connection):
        await connection.send("hello, then nothing")
        await connection.recv()
        connection.transport.abort()  # no close frame, the TCP connection reset

    async with python_server(handler) as port:
        url = f"ws://127.0.0.1:{port}/"
        async with running(f"""
        const ws = logged(new WebSocket("{url}"))
        ws.onmessage = (m) => {{ console.log("got", m); ws.send("now vanish") }}
        """) as served:
            await served.until(lambda: any(line.startswith("ws close") for line in served.lines()))
            await settle(served)
            lines = served.lines()
            assert lines[:2] == ["ws open", "got hello, then nothing"]
            assert len(lines) == 4
            assert lines[2].startswith("ws error true connection lost")
            assert lines[2].endswith(url)
            assert lines[3] == "ws close undefined 1006"
            await asyncio.wait_for(served.runtime.idle(), 5)


async def test_a_server_that_closes_tcp_without_a_close_frame():
    async def handler(reader, writer):
        request = await reader.readuntil(b"\r\n\r\n")
        key = next(line.split(b":", 1)[1].strip() for line in request.split(b"\r\n")
                   if line.lower().startswith(b"sec-websocket-key"))
        from websockets.utils import accept_key
        writer.write(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     b"Sec-WebSocket-Accept: " + accept_key(key.decode()).encode() + b"\r\n\r\n")
        writer.write(b"\x81\x02hi")  # one text frame, then a clean TCP end with no close frame
        await writer.drain()
        writer.close()

    listener = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    async with listener:
        async with running(f'logged(new WebSocket("ws://127.0.0.1:{port}/x"))') as served:
            await served.until_logged("ws close undefined 1006")
            assert served.lines() == ["ws open", "ws text hi",
                                      f"ws error true connection lost: ws://127.0.0.1:{port}/x",
                                      "ws close undefined 1006"]


async def test_a_refused_handshake_says_the_http_status():
    async with running(SELF_ECHO + """
    logged(new WebSocket(`ws://127.0.0.1:${server.port}/nowhere`))
    """) as served:
        await served.until_logged("ws close undefined 1006")
        port = served.port
        assert served.lines() == [
            "ws error true the server refused the WebSocket handshake with HTTP 404 Not Found: "
            f"ws://127.0.0.1:{port}/nowhere",
            "ws close undefined 1006",
        ]


async def test_an_unknown_host_gives_onerror():
    async with running('logged(new WebSocket("ws://no-such-host.invalid/"))') as served:
        await served.until_logged("ws close undefined 1006", timeout=30)
        [error, _] = served.lines()
        assert error.startswith("ws error true cannot resolve the host no-such-host.invalid")
        assert error.endswith(": ws://no-such-host.invalid/")


async def test_invalid_utf8_from_the_server_closes_with_1007():
    seen = asyncio.get_running_loop().create_future()

    async def handler(connection):
        await connection.send(b"caf\xc3", text=True)  # a truncated two-byte sequence
        await connection.wait_closed()
        seen.set_result(connection.close_code)

    async with python_server(handler) as port:
        async with running(f'logged(new WebSocket("ws://127.0.0.1:{port}/"))') as served:
            await served.until(lambda: any(line.startswith("ws close") for line in served.lines()))
            assert await asyncio.wait_for(seen, 5) == 1007
            lines = served.lines()
            assert lines[0] == "ws open"
            assert lines[1].startswith("ws error true the server sent invalid UTF-8")
            assert lines[2] == "ws close undefined 1006"  # no close frame came back: we failed it


async def test_a_message_over_the_limit_closes_with_1009(monkeypatch):
    from bridge.websocket import client

    monkeypatch.setattr(client, "MAX_MESSAGE", 1000)
    seen = asyncio.get_running_loop().create_future()

    async def handler(connection):
        await connection.send("fits")
        await connection.send("x" * 1001)
        await connection.wait_closed()
        seen.set_result(connection.close_code)

    async with python_server(handler) as port:
        async with running(f'logged(new WebSocket("ws://127.0.0.1:{port}/"))') as served:
            await served.until(lambda: any(line.startswith("ws close") for line in served.lines()))
            assert await asyncio.wait_for(seen, 5) == 1009
            lines = served.lines()
            assert lines[:2] == ["ws open", "ws text fits"]
            assert "(closed with 1009)" in lines[2] and lines[2].startswith("ws error true")
            assert lines[3] == "ws close undefined 1006"


async def test_a_message_of_empty_fragments_closes_with_1009(monkeypatch):
    """Each fragment's header counts towards the limit (2 bytes for an empty unmasked frame), so
    600 empty fragments are over 1000 bytes: before, they counted nothing."""
    from bridge.websocket import client

    monkeypatch.setattr(client, "MAX_MESSAGE", 1000)
    seen = asyncio.get_running_loop().create_future()

    async def handler(connection):
        await connection.send(["a"] + [""] * 200)  # 201 fragments: 403 bytes counted
        await connection.send(["b"] + [""] * 600)
        await connection.wait_closed()
        seen.set_result(connection.close_code)

    async with python_server(handler) as port:
        async with running(f'logged(new WebSocket("ws://127.0.0.1:{port}/"))') as served:
            await served.until(lambda: any(line.startswith("ws close") for line in served.lines()))
            assert await asyncio.wait_for(seen, 5) == 1009
            lines = served.lines()
            assert lines[:2] == ["ws open", "ws text a"]
            assert "(closed with 1009)" in lines[2] and lines[2].startswith("ws error true")


# The constructor and send().

async def test_the_constructor_refuses_what_is_not_a_websocket_url():
    async with running("""
    for (const url of ["http://example.com/", "wss://", "ws://host:99999/", "ws://host/#top", "not a url", 42, undefined]) {
      try { new WebSocket(url); console.log("made", url) } catch (e) { console.log(`${e.name}: ${e.message}`) }
    }
    """) as served:
        lines = served.lines()
        assert lines == [
            'SyntaxError: WebSocket: "http://example.com/" is not a valid WebSocket URL: scheme isn\'t ws or wss',
            'SyntaxError: WebSocket: "wss://" is not a valid WebSocket URL: hostname isn\'t provided',
            'SyntaxError: WebSocket: "ws://host:99999/" is not a valid WebSocket URL: Port out of range 0-65535',
            'SyntaxError: WebSocket: "ws://host/#top" is not a valid WebSocket URL: fragment identifier is meaningless',
            'SyntaxError: WebSocket: "not a url" is not a valid WebSocket URL: scheme isn\'t ws or wss',
            "TypeError: WebSocket: url must be a string, got number",
            "TypeError: WebSocket: url must be a string, got undefined",
        ]
        await asyncio.wait_for(served.runtime.idle(), 5)  # a refused URL leaves nothing running


async def test_send_refuses_other_types_and_does_nothing_once_closed():
    async with running(SELF_ECHO + """
    const ws = logged(new WebSocket(url))
    for (const bad of [42, null, new Uint8Array(2), { size: 1 }]) {
      try { ws.send(bad) } catch (e) { console.log(`${e.name}: ${e.message}`) }
    }
    ws.onopen = () => {
      ws.send("last")
      ws.close()
      ws.send("after close()")     // dropped, no throw
      ws.close()                   // harmless
    }
    const onclose = ws.onclose
    ws.onclose = (reason, code) => {
      onclose(reason, code)
      ws.send("after onclose")     // dropped, no throw
      ws.close(4000)
      console.log("still fine")
    }
    """) as served:
        await served.until_logged("still fine")
        await settle(served)
        lines = [line for line in served.lines() if line != "server disconnected"]
        assert lines[:4] == [f"TypeError: WebSocket.send: message must be a string or a Data, got {kind}"
                             for kind in ("number", "null", "Uint8Array", "Object")]
        # The echo of "last" may or may not arrive before the close: no onmessage after close().
        assert lines[4:] == ['ws close "" 1000', "still fine"]
        assert served.stderr.getvalue() == ""


async def test_callbacks_are_called_with_the_socket_as_this_and_errors_are_reported():
    async with running(SELF_ECHO + """
    const ws = new WebSocket(url)
    ws.onopen = function () { console.log("this", this === ws); ws.send("one"); ws.send("two") }
    ws.onmessage = (m) => {
      console.log("message", m)
      if (m === "one") throw new Error("thrown from onmessage")
      ws.close()
    }
    ws.onclose = () => console.log("closed")
    """) as served:
        await served.until_logged("closed")
        lines = [line for line in served.lines() if line != "server disconnected"]
        assert lines == ["this true", "message one", "message two", "closed"]
        report = served.stderr.getvalue()
        assert "client.js:" in report and "Uncaught Error: thrown from onmessage" in report


# Lifetime: an open client keeps the process alive; closing the runtime closes it (1001).

async def test_an_open_client_keeps_the_runtime_alive_until_it_closes():
    async def handler(connection):
        await connection.send("wait for it")
        await asyncio.sleep(0.3)
        await connection.close(1000, "done")

    async with python_server(handler) as port:
        async with running(f'logged(new WebSocket("ws://127.0.0.1:{port}/"))') as served:
            start = time.monotonic()
            await asyncio.wait_for(served.runtime.idle(), 5)
            assert time.monotonic() - start >= 0.25
            assert served.lines() == ["ws open", "ws text wait for it", 'ws close "done" 1000']


async def test_closing_the_runtime_closes_client_sockets_with_1001():
    seen = asyncio.get_running_loop().create_future()

    async def handler(connection):
        await connection.wait_closed()
        seen.set_result(connection.close_code)

    async with python_server(handler) as port:
        async with running(f'logged(new WebSocket("ws://127.0.0.1:{port}/"))') as served:
            await served.until_logged("ws open")
        assert await asyncio.wait_for(seen, 5) == 1001
        assert served.lines() == ["ws open", 'ws close "" 1001']


# The data path: no Python str or bytes crosses into JS per message (docs/engine.md).

async def test_many_incoming_messages_do_not_stall_garbage_collection():
    count = 20_000

    async def handler(connection):
        for i in range(count):
            await connection.send(f"message {i} é ü")  # Latin-1: the hazardous kind of str
        await connection.send(bytes(range(256)))
        await connection.wait_closed()

    async with python_server(handler) as port:
        async with running(f"""
        let texts = 0
        const ws = new WebSocket("ws://127.0.0.1:{port}/")
        ws.onmessage = (m) => {{
          if (typeof m === "string") texts++
          else {{ console.log("texts", texts, "then", m.size); ws.close() }}
        }}
        """) as served:
            await served.until_logged(f"texts {count} then 256", timeout=60)
            start = time.perf_counter()
            pm.collect()
            assert time.perf_counter() - start < 1.0


# wss://, with a test CA the client trusts through SSL_CERT_FILE.

def _make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    if shutil.which("openssl") is None:
        unavailable("the openssl command is needed to make a test CA")

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True, timeout=60)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "2", "-subj", "/CN=scripting-bridge test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=localhost")
    (folder / "server.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                                       "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext")
    return folder / "ca.pem", folder / "server.pem", folder / "server.key"


async def _tls_echo(connection):
    async for message in connection:
        await connection.send(message)


async def test_wss_echo_with_a_trusted_test_ca(tmp_path, monkeypatch):
    ca, cert, key = _make_certificates(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    async with python_server(_tls_echo, ssl=context) as port:
        async with running(f"""
        for (const host of ["localhost", "127.0.0.1"]) {{
          const ws = logged(new WebSocket(`wss://${{host}}:{port}/secure`), host)
          ws.onopen = () => {{ console.log(`${{host}} open`); ws.send("over TLS"); ws.send(Data.fromHexString("c0ffee")) }}
          let n = 0
          const onmessage = ws.onmessage
          ws.onmessage = (m) => {{ onmessage(m); if (++n === 2) ws.close(1000, "tls bye") }}
        }}
        """) as served:
            await served.until_logged('localhost close "tls bye" 1000')
            await served.until_logged('127.0.0.1 close "tls bye" 1000')
            for host in ("localhost", "127.0.0.1"):
                assert [line for line in served.lines() if line.startswith(host + " ")] == [
                    f"{host} open", f"{host} text over TLS", f"{host} data c0ffee",
                    f'{host} close "tls bye" 1000']


async def test_wss_refuses_a_certificate_it_does_not_trust(tmp_path, monkeypatch):
    _, cert, key = _make_certificates(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "no-such-bundle.pem"))
    async with python_server(_tls_echo, ssl=context) as port:
        async with running(f'logged(new WebSocket("wss://localhost:{port}/"))') as served:
            await served.until_logged("ws close undefined 1006")
            [error, _] = served.lines()
            assert error.startswith("ws error true TLS certificate not accepted (")
            assert error.endswith(f"): wss://localhost:{port}/")


async def test_wss_to_a_plain_server_fails_cleanly():
    async with python_server(_tls_echo) as port:
        async with running(f'logged(new WebSocket("wss://127.0.0.1:{port}/"))') as served:
            await served.until_logged("ws close undefined 1006")
            [error, _] = served.lines()
            assert error.startswith("ws error true TLS handshake failed")
            assert json.dumps(error)  # one line, no traceback
