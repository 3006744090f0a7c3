"""start({ tls }): HTTPS and WSS from a PKCS#12 the test makes, as a file path or as Data."""

from __future__ import annotations

import asyncio
import base64
import datetime
import io
import ipaddress
import ssl
import urllib.request

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, pkcs12
from cryptography.x509.oid import NameOID
from websockets.asyncio.client import connect

import bridge
from helpers import serving

SCRIPT = """
server.registerHandler("/hello", () => HttpResponse.ok(HttpResponseBody.text("hello over TLS")))
server.registerWebsocket("/ws", { handleText: (session, text) => session.writeText("wss " + text) })
"""


def make_p12(password: str) -> tuple[bytes, bytes]:
    """A self-signed certificate for 127.0.0.1, as (PKCS#12 bytes, certificate PEM)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "scripting-bridge test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .sign(key, hashes.SHA256()))
    p12 = pkcs12.serialize_key_and_certificates(b"test", key, certificate, None,
                                                BestAvailableEncryption(password.encode()))
    return p12, certificate.public_bytes(Encoding.PEM)


async def _check(served, trust: ssl.SSLContext) -> None:
    def get() -> bytes:
        url = f"https://127.0.0.1:{served.port}/hello"
        with urllib.request.urlopen(url, context=trust, timeout=10) as response:
            return response.read()
    assert await asyncio.to_thread(get) == b"hello over TLS"
    async with connect(f"wss://127.0.0.1:{served.port}/ws", ssl=trust) as client:
        await client.send("hi")
        assert await client.recv() == "wss hi"


async def test_https_and_wss_from_a_p12_file(tmp_path):
    p12, pem = make_p12("s3cret")
    (tmp_path / "server.p12").write_bytes(p12)
    trust = ssl.create_default_context(cadata=pem.decode())
    start = f'{{ port: 0, tls: {{ p12: {str(tmp_path / "server.p12")!r}, password: "s3cret", minVersion: "1.2" }} }}'
    async with serving(SCRIPT, start=start) as served:
        await _check(served, trust)


async def test_https_and_wss_from_p12_data_with_tls_1_3_only(tmp_path):
    p12, pem = make_p12("pw")
    trust = ssl.create_default_context(cadata=pem.decode())
    script = SCRIPT + f"globalThis.p12 = Data.fromBase64String({base64.b64encode(p12).decode()!r})"
    async with serving(script, start='{ port: 0, tls: { p12, password: "pw", minVersion: "1.3" } }') as served:
        await _check(served, trust)
        old = ssl.create_default_context(cadata=pem.decode())
        old.maximum_version = ssl.TLSVersion.TLSv1_2
        reader_writer = asyncio.open_connection("127.0.0.1", served.port, ssl=old)
        try:
            await asyncio.wait_for(reader_writer, 5)
            raise AssertionError("a TLS 1.2 client must be refused when minVersion is 1.3")
        except (ssl.SSLError, ConnectionError):
            pass


async def test_a_wrong_password_is_returned_by_start(tmp_path):
    p12, _ = make_p12("right")
    (tmp_path / "server.p12").write_bytes(p12)
    output = io.StringIO()
    async with bridge.Runtime(stdout=output) as runtime:
        await runtime.run_source(f"""
        const server = new HttpServer()
        console.log(server.start({{ port: 0, tls: {{ p12: {str(tmp_path / 'server.p12')!r}, password: "wrong" }} }}))
        console.log(server.start({{ port: 0, tls: {{ p12: 42, password: "x" }} }}))
        """, "tls.js")
    lines = output.getvalue().splitlines()
    assert lines[0].startswith("HttpServer.start: tls: the p12 could not be read (wrong password, or not PKCS#12)")
    assert lines[1] == "HttpServer.start: tls.p12 must be a file path or a Data, got number"
