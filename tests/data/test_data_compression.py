"""compressed/decompressed in Apple's Compression formats, against Python's zlib and lzma, the
lz4 block API and the LZFSE reference implementation."""

from __future__ import annotations

import lzma
import os
import struct
import zlib

import lz4.block
import lzfse
import pytest

TEXT = b"The quick brown fox jumps over the lazy dog. " * 400
RANDOM = os.urandom(150_000)
MIXED = TEXT + RANDOM[:70_000] + bytes(100_000) + TEXT
ALGORITHMS = {"lzfse": 0, "lz4": 1, "lzma": 2, "zlib": 3}

COMPRESS = "(b, a) => Data.fromUint8Array(b).compressed(a).toUint8Array()"
DECOMPRESS = "(b, a) => Data.fromUint8Array(b).decompressed(a).toUint8Array()"


def apple_lz4_decode(stream: bytes) -> bytes:
    """Apple's framing, read as the app's own decoders do (blocks may refer to earlier output)."""
    out, at = b"", 0
    while stream[at:at + 4] != b"bv4$":
        magic = stream[at:at + 4]
        if magic == b"bv41":
            size, packed = struct.unpack_from("<II", stream, at + 4)
            out += lz4.block.decompress(stream[at + 12:at + 12 + packed], uncompressed_size=size, dict=out[-65536:])
            at += 12 + packed
        else:
            assert magic == b"bv4-", magic
            (size,) = struct.unpack_from("<I", stream, at + 4)
            out += stream[at + 8:at + 8 + size]
            at += 8 + size
    assert at + 4 == len(stream)
    return out


@pytest.mark.parametrize("payload", [b"", b"x", TEXT, RANDOM, MIXED], ids=["empty", "one", "text", "random", "mixed"])
@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_round_trip(js, algorithm, payload):
    assert js("(b, a) => Data.fromUint8Array(b).compressed(a).decompressed(a).toUint8Array()",
              payload, ALGORITHMS[algorithm]) == payload


@pytest.mark.parametrize("payload", [b"", b"x", TEXT, MIXED], ids=["empty", "one", "text", "mixed"])
def test_zlib_writes_raw_deflate_configured_as_apple_documents(js, payload):
    # Apple: deflateInit2(zstream, 5, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), no header.
    encoder = zlib.compressobj(5, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY)
    expected = encoder.compress(payload) + encoder.flush()
    assert js(COMPRESS, payload, 3) == expected
    assert zlib.decompress(expected, -15) == payload


@pytest.mark.parametrize("level", [0, 1, 9])
def test_zlib_reads_raw_deflate_of_any_level(js, level):
    encoder = zlib.compressobj(level, zlib.DEFLATED, -15)
    assert js(DECOMPRESS, encoder.compress(MIXED) + encoder.flush(), 3) == MIXED


def test_lzma_writes_xz_at_preset_6(js):
    written = js(COMPRESS, TEXT, 2)
    assert written.startswith(b"\xfd7zXZ\x00") and written.endswith(b"YZ")
    assert lzma.decompress(written, format=lzma.FORMAT_XZ) == TEXT
    assert written == lzma.compress(TEXT, format=lzma.FORMAT_XZ, check=lzma.CHECK_NONE, preset=6)


@pytest.mark.parametrize("check", [lzma.CHECK_NONE, lzma.CHECK_CRC32, lzma.CHECK_CRC64, lzma.CHECK_SHA256])
def test_lzma_reads_any_xz(js, check):
    assert js(DECOMPRESS, lzma.compress(MIXED, format=lzma.FORMAT_XZ, check=check, preset=1), 2) == MIXED


def test_lzma_reads_concatenated_streams(js):
    two = lzma.compress(b"first ") + lzma.compress(b"second")
    assert js(DECOMPRESS, two, 2) == b"first second"


def test_lz4_writes_apples_framing(js):
    written = js(COMPRESS, MIXED, 1)
    assert written.startswith(b"bv41") and written.endswith(b"bv4$")
    assert apple_lz4_decode(written) == MIXED
    stored = js(COMPRESS, RANDOM, 1)  # random bytes do not shrink: stored as they are
    assert stored.startswith(b"bv4-" + struct.pack("<I", 65536)) and apple_lz4_decode(stored) == RANDOM
    assert js(COMPRESS, b"", 1) == b"bv4$"


def test_lz4_reads_blocks_that_refer_to_earlier_blocks(js):
    # As Apple's encoder writes them: the second block's matches reach into the first block.
    first, second = TEXT[:10_000], TEXT[10_000:20_000]
    block1 = lz4.block.compress(first, store_size=False)
    block2 = lz4.block.compress(second, store_size=False, dict=first)
    stored = b"stored bytes"
    stream = (b"bv41" + struct.pack("<II", len(first), len(block1)) + block1
              + b"bv41" + struct.pack("<II", len(second), len(block2)) + block2
              + b"bv4-" + struct.pack("<I", len(stored)) + stored + b"bv4$")
    with pytest.raises(lz4.block.LZ4BlockError):  # the second block cannot be read alone
        lz4.block.decompress(block2, uncompressed_size=len(second))
    assert js(DECOMPRESS, stream, 1) == first + second + stored


def test_lzfse_writes_what_the_reference_implementation_reads(js):
    written = js(COMPRESS, MIXED, 0)
    assert written.startswith(b"bvx") and written.endswith(b"bvx$")
    assert lzfse.decompress(written) == MIXED


@pytest.mark.parametrize("payload", [b"x", b"short text!", TEXT, MIXED], ids=["one", "short", "text", "mixed"])
def test_lzfse_reads_the_reference_implementation(js, payload):
    assert js(DECOMPRESS, lzfse.compress(payload), 0) == payload


def test_lzfse_reads_hand_built_stored_and_empty_blocks(js):
    stream = b"bvx-" + struct.pack("<I", 0) + b"bvx-" + struct.pack("<I", 3) + b"abc" + b"bvx$"
    assert js(DECOMPRESS, stream, 0) == b"abc"
    assert js(DECOMPRESS, b"bvx$", 0) == b""


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_empty_data_decompresses_to_empty_data(js, algorithm):
    assert js(DECOMPRESS, b"", ALGORITHMS[algorithm]) == b""


def _truncated(algorithm: int) -> bytes:
    whole = {0: lzfse.compress(TEXT), 1: b"", 2: lzma.compress(TEXT), 3: zlib.compress(TEXT)[2:-4]}[algorithm]
    return whole[:len(whole) // 2] if whole else b"bv41" + struct.pack("<II", 100, 50) + b"x"


@pytest.mark.parametrize("algorithm,payload,detail", [
    (3, b"\xff\xff\xff", "not valid zlib (raw DEFLATE) data"),
    (3, _truncated(3), "ends before the stream does"),
    (3, zlib.compress(b"zlib header"), "not valid zlib (raw DEFLATE) data"),
    (2, b"not xz at all", "not valid lzma (.xz) data"),
    (2, _truncated(2), "not valid lzma (.xz) data"),
    (2, lzma.compress(b"x", format=lzma.FORMAT_ALONE), "not valid lzma (.xz) data"),
    (1, b"garbage!", "unknown block header"),
    (1, _truncated(1), "a block is cut short"),
    (1, b"bv41" + struct.pack("<II", 5, 2) + b"\xff\xff" + b"bv4$", "a block does not decode"),
    (1, b"bv4-" + struct.pack("<I", 3) + b"abc", "ends before the end-of-stream marker"),
    (0, b"garbage!", "unknown block header"),
    (0, _truncated(0), "not valid lzfse data"),
    (0, b"bvx-" + struct.pack("<I", 10) + b"abc", "a block is cut short"),
    (0, b"bvx-", "a block header is cut short"),
])
def test_malformed_input_throws_an_error_saying_why(js, algorithm, payload, detail):
    name, message = js.error("(b, a) => Data.fromUint8Array(b).decompressed(a)", payload, algorithm)
    assert name == "Error"
    assert message.startswith("Data.decompressed: ")
    assert detail in message


def test_lzfse_payload_corruption_is_an_error_not_a_crash(js):
    stream = bytearray(lzfse.compress(TEXT))
    for at in range(40, len(stream) - 8, max(1, len(stream) // 25)):
        stream[at] ^= 0x5A
    result = js("(b) => { try { return Data.fromUint8Array(b).decompressed(0).size; } catch (e) { return e.message; } }",
                bytes(stream))
    assert isinstance(result, (int, str))


@pytest.mark.parametrize("algorithm", ["4", "-1", "'zlib'", "1.5", "undefined", "null"])
def test_unknown_algorithm_is_a_type_error(js, algorithm):
    for method in ("compressed", "decompressed"):
        name, message = js.error(f"() => Data.fromIntArray([1]).{method}({algorithm})")
        assert name == "TypeError"
        assert message.startswith(f"Data.{method}: algorithm must be a CompressionAlgorithm (lzfse = 0, lz4 = 1, lzma = 2, zlib = 3)")


def test_trailing_bytes_after_the_end_marker_are_ignored(js):
    assert js(DECOMPRESS, b"bv4-" + struct.pack("<I", 2) + b"hi" + b"bv4$trailing", 1) == b"hi"
    assert js(DECOMPRESS, lzfse.compress(b"hello") + b"trailing", 0) == b"hello"
    encoder = zlib.compressobj(5, zlib.DEFLATED, -15)
    assert js(DECOMPRESS, encoder.compress(b"hello") + encoder.flush() + b"trailing", 3) == b"hello"


def test_lzfse_unavailable_is_a_clear_error(monkeypatch):
    from bridge.data import compression

    monkeypatch.setattr(compression, "_lzfse", None)
    for operation in (compression.compress, compression.decompress):
        with pytest.raises(compression.CompressionError, match="lzfse is not available in scripting-bridge"):
            operation(compression.LZFSE, b"bvx$")
