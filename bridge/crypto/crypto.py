"""Python half of crypto.js: each Crypto function on hashlib, hmac or cryptography.

Data crosses as whole buffers: a Uint8Array in (a memoryview valid during the call), the
result back as bytes (which the outbox hands to JS as a new Uint8Array).

AES-GCM follows CryptoKit's AES.GCM, which the app uses: a sealed box is nonce (12 bytes),
ciphertext and tag (16 bytes) in one buffer, what CryptoKit calls `combined`. CryptoKit has a
`combined` only for 12-byte nonces, so another `iv` size gives null, as does a key that is not
128, 192 or 256 bits; decryption gives null for anything that does not authenticate.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from ..runtime.outbox import js_callable

DIGESTS = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")
NONCE_SIZE = 12
TAG_SIZE = 16
KEY_SIZES = (16, 24, 32)


def _aesgcm(key: memoryview):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # loaded when first needed

    return AESGCM(bytes(key))


class CryptoHost:
    @js_callable
    def digest(self, algorithm: str, data: memoryview) -> bytes:
        if algorithm not in DIGESTS:
            raise TypeError(f"Crypto: unknown digest {algorithm!r}")
        return hashlib.new(algorithm, data).digest()

    @js_callable
    def hmac(self, algorithm: str, data: memoryview, key: memoryview) -> bytes:
        if algorithm not in DIGESTS:
            raise TypeError(f"Crypto: unknown digest {algorithm!r}")
        return hmac.digest(key, data, algorithm)

    @js_callable
    def random_bytes(self, size: int) -> bytes:
        return os.urandom(size)

    @js_callable
    def encrypt_aes_gcm(self, data: memoryview, key: memoryview, iv: memoryview | None,
                        aad: memoryview | None) -> bytes | None:
        if len(key) not in KEY_SIZES or (iv is not None and len(iv) != NONCE_SIZE):
            return None
        nonce = os.urandom(NONCE_SIZE) if iv is None else bytes(iv)
        return nonce + _aesgcm(key).encrypt(nonce, bytes(data), None if aad is None else bytes(aad))

    @js_callable
    def decrypt_aes_gcm(self, data: memoryview, key: memoryview, aad: memoryview | None) -> bytes | None:
        from cryptography.exceptions import InvalidTag

        if len(key) not in KEY_SIZES or len(data) < NONCE_SIZE + TAG_SIZE:
            return None
        sealed = bytes(data)
        try:
            return _aesgcm(key).decrypt(sealed[:NONCE_SIZE], sealed[NONCE_SIZE:],
                                        None if aad is None else bytes(aad))
        except InvalidTag:
            return None
