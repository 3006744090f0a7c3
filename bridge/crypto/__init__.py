"""`Crypto`: the app's digests, HMACs, random keys and AES-GCM, on hashlib, hmac and cryptography."""

from .crypto import CryptoHost


def install(runtime) -> None:
    """Define the global `Crypto` in the runtime's engine (it needs `Data`, installed before it)."""
    runtime.engine.load("crypto/crypto.js", CryptoHost())


__all__ = ["install", "CryptoHost"]
