"""When fetch does not get a response: refused, a server that never answers (timeout), one that
hangs up, an abort (before, while waiting, mid-body), a CancelToken, AbortSignal.timeout, TLS
with a test CA trusted through SSL_CERT_FILE (and not trusted), and a proxy from HTTP_PROXY."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import ssl
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from fetching import run_script, web_server


@asynccontextmanager
async def raw_server(handler):
    """A TCP server on 127.0.0.1 running `handler(reader, writer)` per connection; yields its port."""
    writers = []

    async def serve(reader, writer):
        writers.append(writer)
        await handler(reader, writer)

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        for writer in writers:
            writer.close()
        server.close()
        await server.wait_closed()


async def _never_answer(reader, writer):
    await reader.read(65536)
    await asyncio.sleep(30)


async def _hang_up(reader, writer):
    await reader.read(65536)
    writer.close()


async def test_refused_and_hung_up_connections_are_type_errors_naming_the_url():
    async with raw_server(_hang_up) as port:
        lines = await run_script(f"""
        for (const url of ["http://127.0.0.1:1/x", "http://127.0.0.1:{port}/y", "http://no-such-host.invalid/"]) {{
          try {{ await fetch(url); console.log("resolved") }} catch (e) {{ console.log(JSON.stringify([e.name, e.message])) }}
        }}
        """)
    assert lines[0] == ["TypeError", "fetch failed: connection refused: http://127.0.0.1:1/x"]
    assert lines[1] == ["TypeError", f"fetch failed: the server closed the connection before answering: http://127.0.0.1:{port}/y"]
    assert lines[2][0] == "TypeError"
    assert lines[2][1].startswith("fetch failed: ") and lines[2][1].endswith(": http://no-such-host.invalid/")


async def test_a_server_that_never_answers_times_out():
    async with raw_server(_never_answer) as port:
        lines = await run_script(f"""
        try {{ await fetch("http://127.0.0.1:{port}/slow", {{ timeout: 0.5 }}); console.log("resolved") }}
        catch (e) {{ console.log(JSON.stringify([e.name, e.message])) }}
        """)
    # The message says the fetch's own timeout ended it (the server would hold on for 30 s).
    assert lines == [["TypeError", f"fetch failed: timed out after 0.5 s waiting for the response: http://127.0.0.1:{port}/slow"]]


async def _slow_body(request):
    response = web.StreamResponse()
    await response.prepare(request)
    await response.write(b"first")
    for _ in range(600):  # then nothing, until the client goes (at most 30 s)
        if request.transport is None or request.transport.is_closing():
            break
        await asyncio.sleep(0.05)
    return response


async def _small(request):
    return web.Response(text="small")


async def test_aborts_before_while_waiting_and_mid_body():
    app = web.Application()
    app.router.add_get("/slow-body", _slow_body)
    app.router.add_get("/small", _small)
    async with raw_server(_never_answer) as port, web_server(app) as base:
        lines = await run_script(f"""
        const report = (e) => console.log(JSON.stringify([e.name, e.message, e instanceof DOMException]))
        try {{ await fetch("http://127.0.0.1:{port}/", {{ signal: AbortSignal.abort() }}) }} catch (e) {{ report(e) }}
        const waiting = new AbortController()
        setTimeout(() => waiting.abort(), 100)
        try {{ await fetch("http://127.0.0.1:{port}/", {{ signal: waiting.signal }}) }} catch (e) {{ report(e) }}
        const custom = new AbortController()
        setTimeout(() => custom.abort(new Error("changed my mind")), 100)
        try {{ await fetch("http://127.0.0.1:{port}/", {{ signal: custom.signal }}) }} catch (e) {{ report(e) }}
        const midBody = new AbortController()
        const response = await fetch("{base}/slow-body", {{ signal: midBody.signal }})
        const reader = response.body.getReader()
        const first = await reader.read()
        console.log(JSON.stringify(String.fromCharCode(...first.value)))
        setTimeout(() => midBody.abort(), 100)
        try {{ await reader.read(); console.log("read more") }} catch (e) {{ report(e) }}
        try {{ await fetch("http://127.0.0.1:{port}/", {{ signal: AbortSignal.timeout(150) }}) }} catch (e) {{ report(e) }}
        const small = new AbortController()
        const arrived = await fetch("{base}/small", {{ signal: small.signal }})
        small.abort()
        try {{ await arrived.text(); console.log("read after abort") }} catch (e) {{ report(e) }}
        """)
    assert lines[0] == ["AbortError", "This operation was aborted", True]
    assert lines[1] == ["AbortError", "This operation was aborted", True]
    assert lines[2] == ["Error", "changed my mind", False]
    assert lines[3] == "first"
    assert lines[4] == ["AbortError", "This operation was aborted", True]
    assert lines[5] == ["TimeoutError", "The operation timed out.", True]
    # A small body came whole with the head; an abort before it is read still fails the read.
    assert lines[6] == ["AbortError", "This operation was aborted", True]


async def test_a_body_that_stalls_times_out_mid_read():
    app = web.Application()
    app.router.add_get("/slow-body", _slow_body)
    async with web_server(app) as base:
        lines = await run_script(f"""
        const response = await fetch("{base}/slow-body", {{ timeout: 0.5 }})
        try {{ await response.text(); console.log("read it all") }} catch (e) {{ console.log(JSON.stringify([e.name, e.message])) }}
        """)
    assert lines == [["TypeError", f"fetch failed: timed out after 0.5 s waiting for more of the body: {base}/slow-body"]]


async def test_a_cancel_token_cancels_with_a_cancel_error():
    async with raw_server(_never_answer) as port:
        lines = await run_script(f"""
        const token = new CancelToken()
        token.addEventListener("cancel", (reason) => console.log(JSON.stringify(["listener", reason])))
        setTimeout(() => token.cancel("enough"), 100)
        try {{ await fetch("http://127.0.0.1:{port}/", {{ cancelToken: token }}) }}
        catch (e) {{ console.log(JSON.stringify([e.name, e.message, e instanceof CancelError, token.isCancelled, token.cancelReason])) }}
        try {{ await fetch("http://127.0.0.1:{port}/", {{ cancelToken: token }}) }}
        catch (e) {{ console.log(JSON.stringify([e.name, e.message])) }}
        """)
    assert lines == [["listener", "enough"], ["CancelError", "enough", True, True, "enough"], ["CancelError", "enough"]]


async def test_an_abort_signal_timeout_does_not_keep_a_finished_script_alive():
    # run_script waits at most 10 s for the runtime to be idle: a signal that kept it alive
    # for its 60 s would fail it there.
    lines = await run_script("""
    const signal = AbortSignal.timeout(60000)
    console.log(JSON.stringify(signal.aborted))
    """, timeout=10)
    assert lines == [False]


# TLS with a CA the test makes: trusted through SSL_CERT_FILE, and not trusted without it.

def make_ca_and_server_certificate(folder: Path) -> tuple[Path, ssl.SSLContext]:
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "scripting-bridge fetch test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
          .not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                       key_encipherment=False, data_encipherment=False, key_agreement=False,
                                       encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (x509.CertificateBuilder()
                   .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
                   .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                               x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
                   .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                   .sign(ca_key, hashes.SHA256()))
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "server.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "server.key").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                          serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "server.pem", folder / "server.key")
    return folder / "ca.pem", context


async def _secret(request):
    return web.Response(text="over TLS")


def tls_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/secret", _secret)
    return app


async def test_https_with_a_test_ca_trusted_through_ssl_cert_file(tmp_path, monkeypatch):
    ca, context = make_ca_and_server_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    async with web_server(tls_app(), ssl_context=context) as base:
        port = base.rsplit(":", 1)[1]
        lines = await run_script(f"""
        for (const host of ["127.0.0.1", "localhost"]) {{
          const r = await fetch(`https://${{host}}:{port}/secret`)
          console.log(JSON.stringify([host, r.status, await r.text()]))
        }}
        """)
    assert lines == [["127.0.0.1", 200, "over TLS"], ["localhost", 200, "over TLS"]]


async def test_https_refuses_a_certificate_it_does_not_trust(tmp_path, monkeypatch):
    _, context = make_ca_and_server_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "no-such-bundle.pem"))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path / "no-such-folder"))
    async with web_server(tls_app(), ssl_context=context) as base:
        lines = await run_script(f"""
        try {{ await fetch("{base}/secret"); console.log("resolved") }} catch (e) {{ console.log(JSON.stringify([e.name, e.message])) }}
        """)
    name, message = lines[0]
    assert name == "TypeError"
    assert message.startswith("fetch failed: TLS certificate not accepted (") and message.endswith(f"): {base}/secret")


async def _proxy(reader, writer):
    head = await reader.readuntil(b"\r\n\r\n")
    request_line = head.split(b"\r\n", 1)[0].decode()
    body = f"proxied {request_line}".encode()
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
    await writer.drain()


async def test_a_proxy_from_the_environment_is_used(monkeypatch):
    async with raw_server(_proxy) as port:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        # The proxy answers itself: nothing leaves the machine for example.invalid.
        lines = await run_script("""
        const r = await fetch("http://example.invalid/through/the/proxy")
        console.log(JSON.stringify(await r.text()))
        """)
    assert lines == ["proxied GET http://example.invalid/through/the/proxy HTTP/1.1"]
