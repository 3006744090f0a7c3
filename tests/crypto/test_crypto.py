"""Crypto against Python's reference implementations (hashlib, hmac, cryptography's AESGCM),
byte for byte, on fixed vectors and on hypothesis's inputs; UUID.string()'s form."""

from __future__ import annotations

import hashlib
import hmac
import re

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given, settings
from hypothesis import strategies as st

from crypto_js import js

SETTINGS = settings(max_examples=60, deadline=None)
DIGESTS = {"md5": "md5", "sha1": "sha1", "sha256": "sha256", "sha384": "sha384", "sha512": "sha512"}
HMACS = {"hmacMD5": "md5", "hmacSHA1": "sha1", "hmacSHA224": "sha224", "hmacSHA256": "sha256",
         "hmacSHA384": "sha384", "hmacSHA512": "sha512"}

ALL_DIGESTS = f"""(bytes, key) => {{
  const data = d(bytes), secret = d(key)
  const out = {{}}
  for (const name of {list(DIGESTS)!r}) out[name] = Crypto[name](data).toUint8Array()
  for (const name of {list(HMACS)!r}) out[name] = Crypto[name](data, secret).toUint8Array()
  return out
}}"""


def reference(data: bytes, key: bytes) -> dict:
    expected = {name: hashlib.new(algorithm, data).digest() for name, algorithm in DIGESTS.items()}
    expected.update({name: hmac.new(key, data, algorithm).digest() for name, algorithm in HMACS.items()})
    return expected


def test_the_documented_example_and_known_vectors():
    assert js('() => Crypto.md5(Data.fromString("Hello, world!")).toHexString()') == "6cd3556deb0da54bca060b4c39479839"
    assert js('() => Crypto.sha256(Data.fromRawString("abc")).toHexString()') == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    # RFC 4231, test case 2.
    assert js('() => Crypto.hmacSHA256(Data.fromRawString("what do ya want for nothing?"), '
              'Data.fromRawString("Jefe")).toHexString()') == (
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")


@SETTINGS
@given(st.binary(max_size=2000), st.binary(max_size=200))
def test_digests_and_hmacs_match_hashlib_and_hmac(data, key):
    assert js(ALL_DIGESTS, data, key) == reference(data, key)


def test_a_large_input_crosses_whole():
    data = bytes(range(256)) * 8192  # 2 MiB
    assert js(ALL_DIGESTS, data, b"k") == reference(data, b"k")


@SETTINGS
@given(st.binary(max_size=1000), st.sampled_from([16, 24, 32]), st.binary(min_size=12, max_size=12),
       st.one_of(st.none(), st.binary(max_size=64)))
def test_aes_gcm_is_cryptokit_combined_and_interoperates_with_cryptography(data, key_size, iv, aad):
    key = bytes(range(key_size))
    sealed, opened, ours_opened = js("""(data, key, iv, aad) => {
      const options = { iv: d(iv) }
      if (aad != null) options.aad = d(aad)
      const k = d(key)
      const sealed = Crypto.encryptAESGCM(d(data), k, options)
      const opened = Crypto.decryptAESGCM(sealed, k, aad == null ? undefined : d(aad))
      return [sealed.toUint8Array(), opened.toUint8Array(), opened.size]
    }""", data, key, iv, aad)
    # nonce || ciphertext || tag, as CryptoKit's SealedBox.combined.
    assert sealed == iv + AESGCM(key).encrypt(iv, data, aad)
    assert opened == data and ours_opened == len(data)


def test_aes_gcm_random_nonces_and_every_failure_is_null():
    key = bytes(32)
    sealed = AESGCM(key).encrypt(b"\x01" * 12, b"from python", b"meta")
    result = js("""(key, sealed) => {
      const k = d(key)
      const plain = Data.fromRawString("secret")
      const a = Crypto.encryptAESGCM(plain, k), b = Crypto.encryptAESGCM(plain, k)
      const fromPython = d(sealed)
      const tampered = fromPython.toUint8Array(); tampered[20] ^= 1
      return [a.size, a.toHexString() !== b.toHexString(), Crypto.decryptAESGCM(a, k).toRawString(),
        Crypto.decryptAESGCM(fromPython, k, Data.fromRawString("meta")).toRawString(),
        Crypto.decryptAESGCM(fromPython, k), Crypto.decryptAESGCM(fromPython, k, Data.fromRawString("other")),
        Crypto.decryptAESGCM(Data.fromUint8Array(tampered), k, Data.fromRawString("meta")),
        Crypto.decryptAESGCM(Data.fromIntArray([1, 2, 3]), k),
        Crypto.decryptAESGCM(a, Crypto.generateSymmetricKey()),
        Crypto.encryptAESGCM(plain, Data.fromIntArray([1, 2, 3])),
        Crypto.encryptAESGCM(plain, k, { iv: Data.fromIntArray([1, 2, 3]) })]
    }""", key, b"\x01" * 12 + sealed)
    assert result == [12 + 6 + 16, True, "secret", "from python", None, None, None, None, None, None, None]


def test_symmetric_keys_are_random_and_sized_in_bits():
    sizes, distinct, errors = js("""() => {
      const sizes = [undefined, 128, 192, 256, 512].map((bits) => Crypto.generateSymmetricKey(bits).size)
      const distinct = new Set(Array.from({ length: 20 }, () => Crypto.generateSymmetricKey().toHexString())).size
      const errors = []
      for (const bad of [0, 12, -8, 1.5, "256"]) {
        try { Crypto.generateSymmetricKey(bad) } catch (e) { errors.push(e.name) }
      }
      return [sizes, distinct, errors]
    }""")
    assert sizes == [32, 16, 24, 32, 64]
    assert distinct == 20
    assert errors == ["RangeError", "RangeError", "RangeError", "TypeError", "TypeError"]


@pytest.mark.parametrize("call,message", [
    ("Crypto.md5('text')", "Crypto.md5: data must be a Data, got string"),
    ("Crypto.sha1(null)", "Crypto.sha1: data must be a Data, got null"),
    ("Crypto.hmacSHA256(Data.fromRawString('a'))", "Crypto.hmacSHA256: key must be a Data, got undefined"),
    ("Crypto.encryptAESGCM(Data.fromRawString('a'), Data.fromRawString('k'), { iv: 'x' })",
     "Crypto.encryptAESGCM: options.iv must be a Data, got string")])
def test_arguments_that_are_not_data_are_type_errors_naming_the_argument(call, message):
    assert js(f"() => {{ try {{ {call} }} catch (e) {{ return [e.name, e.message] }} }}") == ["TypeError", message]


def test_uuid_strings_are_random_upper_case_version_4():
    values = js("() => Array.from({ length: 50 }, () => UUID.string())")
    assert len(set(values)) == 50
    pattern = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$")
    assert all(pattern.match(value) for value in values), values[:3]
