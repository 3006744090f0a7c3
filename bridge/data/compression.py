"""`Data.compressed`/`decompressed`: the formats Apple's Compression framework writes and reads.

Data compressed by the app must decompress here and the reverse, so each algorithm produces and
accepts the byte format of the framework's `compression_encode_buffer`/`_decode_buffer`
(developer.apple.com/documentation/compression, "compression_algorithm" constants):

- zlib (3): raw DEFLATE (RFC 1951) with no zlib header or checksum. Apple documents its encoder
  as `deflateInit2(level 5, Z_DEFLATED, -15 window bits, memLevel 8, Z_DEFAULT_STRATEGY)`, and
  Python's `zlib` is configured exactly so here (two deflate implementations may still choose
  different bytes for the same input; either reads the other's).
- lzma (2): an .xz container holding LZMA2 at preset 6 (the only level Apple encodes at). Apple's
  decoder reads .xz streams; ours are written with no integrity check, as the xz streams Apple's
  own tools write are. Reading accepts any .xz stream (any check, several streams).
- lz4 (1): Apple's framing around raw LZ4 blocks: `bv41` + decoded size + encoded size (both u32
  little-endian) + an LZ4 block; `bv4-` + size + stored bytes; `bv4$` ends the stream. Blocks
  may refer back into the previous 64 KiB of output, which reading honours. Written here as
  independent blocks of at most 64 KiB (the `lz4` package's block API), stored raw when LZ4
  does not make them smaller; any LZ4 decoder, Apple's included, reads those.
- lzfse (0): the LZFSE reference implementation (Apple's own, open source) through the `lzfse`
  package. If that package is missing, lzfse raises a clear error instead of writing some other
  format.

Decompressing empty data gives empty data. Bytes after a stream's end marker are ignored.
Malformed input raises `CompressionError` with a message for the script.
"""

from __future__ import annotations

import lzma
import struct
import zlib

import lz4.block

try:
    import lzfse as _lzfse
except ImportError:  # pragma: no cover - lzfse is a declared dependency
    _lzfse = None

LZFSE, LZ4, LZMA, ZLIB = 0, 1, 2, 3
NAMES = {LZFSE: "lzfse", LZ4: "lz4", LZMA: "lzma", ZLIB: "zlib"}


class CompressionError(ValueError):
    """Compressed data that cannot be read, or an algorithm that cannot be used here."""


def compress(algorithm: int, data) -> bytes:
    if algorithm == ZLIB:
        encoder = zlib.compressobj(5, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY)
        return encoder.compress(data) + encoder.flush()
    if algorithm == LZMA:
        return lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_NONE, preset=6)
    if algorithm == LZ4:
        return _lz4_compress(data)
    if algorithm == LZFSE:
        return _lzfse_module().compress(bytes(data))
    raise CompressionError(f"unknown algorithm {algorithm}")


def decompress(algorithm: int, data) -> bytes:
    if len(data) == 0:
        return b""
    if algorithm == ZLIB:
        return _inflate(data)
    if algorithm == LZMA:
        try:
            return lzma.decompress(data, format=lzma.FORMAT_XZ)
        except lzma.LZMAError as error:
            raise CompressionError(f"the data is not valid lzma (.xz) data: {error}") from None
    if algorithm == LZ4:
        return _lz4_decompress(data)
    if algorithm == LZFSE:
        return _lzfse_decompress(data)
    raise CompressionError(f"unknown algorithm {algorithm}")


# zlib: raw DEFLATE


def _inflate(data) -> bytes:
    decoder = zlib.decompressobj(-15)
    try:
        out = decoder.decompress(data) + decoder.flush()
    except zlib.error as error:
        raise CompressionError(f"the data is not valid zlib (raw DEFLATE) data: {error}") from None
    if not decoder.eof:
        raise CompressionError("the data is not valid zlib (raw DEFLATE) data: it ends before the stream does")
    return out


# lz4: Apple's framing

_LZ4_BLOCK = 64 * 1024
_LZ4_WINDOW = 64 * 1024
_BV41, _BV4_RAW, _BV4_END = b"bv41", b"bv4-", b"bv4$"
_U32 = struct.Struct("<I")
_U32X2 = struct.Struct("<II")


def _lz4_compress(data) -> bytes:
    view = memoryview(data)
    out = bytearray()
    for start in range(0, len(view), _LZ4_BLOCK):
        block = view[start:start + _LZ4_BLOCK]
        packed = lz4.block.compress(block, store_size=False)
        if len(packed) < len(block):
            out += _BV41 + _U32X2.pack(len(block), len(packed)) + packed
        else:
            out += _BV4_RAW + _U32.pack(len(block)) + block
    out += _BV4_END
    return bytes(out)


def _lz4_decompress(data) -> bytes:
    view = memoryview(data)
    out = bytearray()
    at, end = 0, len(view)
    while True:
        if at + 4 > end:
            raise _lz4_error("it ends before the end-of-stream marker")
        magic = bytes(view[at:at + 4])
        if magic == _BV4_END:
            return bytes(out)
        if magic == _BV41:
            if at + 12 > end:
                raise _lz4_error("a block header is cut short")
            size, packed_size = _U32X2.unpack_from(view, at + 4)
            payload = view[at + 12:at + 12 + packed_size]
            if len(payload) < packed_size:
                raise _lz4_error("a block is cut short")
            try:
                block = lz4.block.decompress(payload, uncompressed_size=size,
                                             dict=bytes(out[-_LZ4_WINDOW:]))
            except lz4.block.LZ4BlockError:
                raise _lz4_error("a block does not decode") from None
            if len(block) != size:
                raise _lz4_error(f"a block decodes to {len(block)} bytes, its header says {size}")
            out += block
            at += 12 + packed_size
        elif magic == _BV4_RAW:
            if at + 8 > end:
                raise _lz4_error("a block header is cut short")
            (size,) = _U32.unpack_from(view, at + 4)
            stored = view[at + 8:at + 8 + size]
            if len(stored) < size:
                raise _lz4_error("a block is cut short")
            out += stored
            at += 8 + size
        else:
            raise _lz4_error(f"unknown block header {magic!r} at offset {at}")


def _lz4_error(detail: str) -> CompressionError:
    return CompressionError(f"the data is not valid lz4 data (Apple's bv41 framing): {detail}")


# lzfse

_LZFSE_V1_HEADER = 772  # sizeof(lzfse_compressed_block_header_v1) in the reference implementation
_U64X3 = struct.Struct("<QQQ")


def _lzfse_module():
    if _lzfse is None:
        raise CompressionError("lzfse is not available in scripting-bridge: install the 'lzfse' "
                               "package (pip install lzfse), a binding of Apple's reference LZFSE")
    return _lzfse


def _lzfse_decompress(data) -> bytes:
    module = _lzfse_module()
    view = memoryview(data)
    first, end, total = _lzfse_walk(view)
    if total == 0:
        return b""
    # The binding sizes its output from the first block's header and grows it; walking the
    # blocks first bounds that, and rules out reading past the input.
    try:
        out = module.decompress(bytes(view[first:end]))
    except (module.error, MemoryError):
        raise _lzfse_error("a block does not decode") from None
    if len(out) != total:
        raise _lzfse_error(f"it decodes to {len(out)} bytes, its blocks say {total}")
    return out


def _lzfse_walk(view: memoryview) -> tuple[int, int, int]:
    """Check the block structure: (offset of the first block with bytes, offset past the
    end-of-stream marker, total decoded size)."""
    at, end, total, first = 0, len(view), 0, None
    while True:
        if at + 4 > end:
            raise _lzfse_error("it ends before the end-of-stream marker")
        magic = bytes(view[at:at + 4])
        if magic == b"bvx$":
            return (at if first is None else first), at + 4, total
        if magic == b"bvx-":
            header = 8
        elif magic == b"bvxn":
            header = 12
        elif magic == b"bvx1":
            header = _LZFSE_V1_HEADER
        elif magic == b"bvx2":
            header = 32
        else:
            raise _lzfse_error(f"unknown block header {magic!r} at offset {at}")
        if at + header > end:
            raise _lzfse_error("a block header is cut short")
        (size,) = _U32.unpack_from(view, at + 4)
        if magic == b"bvx-":
            length = 8 + size
        elif magic == b"bvxn":
            length = 12 + _U32.unpack_from(view, at + 8)[0]
        elif magic == b"bvx1":
            literals, lmd = _U32X2.unpack_from(view, at + 20)
            length = _LZFSE_V1_HEADER + literals + lmd
        else:
            fields = _U64X3.unpack_from(view, at + 8)
            header_size = fields[2] & 0xFFFFFFFF
            if header_size < 32:
                raise _lzfse_error("a block header is malformed")
            length = header_size + ((fields[0] >> 20) & 0xFFFFF) + ((fields[1] >> 40) & 0xFFFFF)
        if at + length > end:
            raise _lzfse_error("a block is cut short")
        if size and first is None:
            first = at
        total += size
        at += length


def _lzfse_error(detail: str) -> CompressionError:
    return CompressionError(f"the data is not valid lzfse data: {detail}")
