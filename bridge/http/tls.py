"""`start({ tls })`: an SSLContext from the app's options (a PKCS#12 file path or Data)."""

from __future__ import annotations

import os
import ssl
import tempfile
from pathlib import Path

_VERSIONS = {"1.2": ssl.TLSVersion.TLSv1_2, "1.3": ssl.TLSVersion.TLSv1_3}


class TLSError(ValueError):
    pass


def context(p12: bytes, password: str, min_version: str, max_version: str) -> ssl.SSLContext:
    # Imported here: it takes ~30 ms, a quarter of the runtime's start, and few servers use TLS.
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption, Encoding, PrivateFormat, pkcs12)

    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(p12, password.encode("utf-8"))
    except ValueError as error:
        raise TLSError(f"the p12 could not be read (wrong password, or not PKCS#12): {error}") from None
    if key is None or certificate is None:
        raise TLSError("the p12 must hold a private key and its certificate")
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    for name, value in (("minVersion", min_version), ("maxVersion", max_version)):
        if value and value not in _VERSIONS:
            raise TLSError(f"tls.{name} must be \"1.2\" or \"1.3\", got {value!r}")
    tls.minimum_version = _VERSIONS.get(min_version, ssl.TLSVersion.TLSv1_2)
    tls.maximum_version = _VERSIONS.get(max_version, ssl.TLSVersion.TLSv1_3)
    # ssl reads keys only from files: write them, encrypted, where only we can read, briefly.
    passphrase = os.urandom(16).hex().encode()
    with tempfile.TemporaryDirectory() as folder:
        chain_file, key_file = Path(folder) / "chain.pem", Path(folder) / "key.pem"
        chain_file.write_bytes(b"".join(c.public_bytes(Encoding.PEM) for c in [certificate, *chain]))
        key_file.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8,
                                               BestAvailableEncryption(passphrase)))
        tls.load_cert_chain(chain_file, key_file, password=passphrase)
    return tls
