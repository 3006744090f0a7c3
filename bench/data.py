"""Benchmark of Data: each operation on 10 MiB in the engine, as a ratio to the same operation
on Python bytes in the same run (ratio = Data time / Python time; below 1 means Data is faster).

    python bench/data.py [--mib N] [--repeat R]

Each row is the best of R runs. Data's side runs inside the JS engine exactly as a script would
(the loops are JS loops); Python's side is plain CPython on bytes/bytearray/str.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import io
import os
import sys
import time
import zlib
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pythonmonkey as pm

import bridge

# The JS side of every row: each function takes the prepared state and does one operation.
_JS = r"""
(internals) => {
  const state = {};
  return {
    load(n) { state.data = internals.dataFromBytes(internals.inbox.bytes(n)); },
    loadText(n) { state.text = internals.inbox.text(n); },
    toBase64() { state.base64 = state.data.toBase64String(); },
    fromBase64() { state.decoded = Data.fromBase64String(state.base64); },
    toHex() { state.hex = state.data.toHexString(); },
    fromHex() { state.decoded = Data.fromHexString(state.hex); },
    encodeUtf8() { state.utf8 = Data.fromRawString(state.text); },
    decodeUtf8() { state.decodedText = state.utf8.toRawString(); },
    zlib() { state.packed = state.data.compressed(CompressionAlgorithm.zlib); },
    unzlib() { state.decoded = state.packed.decompressed(CompressionAlgorithm.zlib); },
    slices(count, width) {
      const data = state.data, last = data.size - width;
      let total = 0;
      for (let i = 0; i < count; i++) {
        const at = (i * 7919) % last;
        total += data.slice(at, at + width).size;
      }
      return total;
    },
    appends(count, width) {
      const piece = state.data.slice(0, width), out = new Data();
      for (let i = 0; i < count; i++) out.append(piece);
      return out.size;
    },
    check() {
      return [state.decoded === null ? -1 : state.decoded.size, state.decodedText === state.text];
    },
  };
}
"""


def _best(operation, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        operation()
        best = min(best, time.perf_counter() - started)
    return best


def _text(size: int) -> str:
    """Mostly ASCII with 2-, 3- and 4-byte characters mixed in: `size` bytes of UTF-8, about."""
    unit = "Data h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \U0001F600 plain ascii text, "
    return unit * (size // len(unit.encode()))


async def _run(mib: int, repeat: int) -> list[tuple[str, float, float]]:
    size = mib << 20
    payload = os.urandom(size)
    text = _text(size)
    rows: list[tuple[str, float, float]] = []
    async with bridge.Runtime(stdout=io.StringIO(), stderr=io.StringIO()) as runtime:
        js = pm.eval(f"({_JS})")(runtime.engine.internals)
        js.load(runtime.inbox.put(payload))
        js.loadText(runtime.inbox.put_text(text))
        b64, hexed, utf8 = base64.b64encode(payload), payload.hex(), text.encode()
        packed = _raw_deflate(payload)

        def row(name, in_js, in_python):
            rows.append((name, _best(in_js, repeat), _best(in_python, repeat)))

        row("toBase64String", js.toBase64, lambda: base64.b64encode(payload))
        row("fromBase64String", js.fromBase64, lambda: base64.b64decode(b64, validate=True))
        row("toHexString", js.toHex, payload.hex)
        row("fromHexString", js.fromHex, lambda: bytes.fromhex(hexed))
        row("fromRawString (UTF-8)", js.encodeUtf8, lambda: text.encode("utf-8"))
        row("toRawString (UTF-8)", js.decodeUtf8, lambda: utf8.decode("utf-8"))
        row("compressed(zlib)", js.zlib, lambda: _raw_deflate(payload))
        row("decompressed(zlib)", js.unzlib, lambda: zlib.decompress(packed, -15))
        count, width = 100_000, 64
        row(f"slice x{count:,} ({width} B)", lambda: js.slices(count, width),
            lambda: _python_slices(payload, count, width))
        row(f"append x{count:,} ({width} B)", lambda: js.appends(count, width),
            lambda: _python_appends(payload, count, width))
        decoded_size, text_ok = js.check()
        assert int(decoded_size) == size and text_ok, "a Data conversion gave a different result"
    return rows


def _raw_deflate(payload: bytes) -> bytes:
    encoder = zlib.compressobj(5, zlib.DEFLATED, -15, 8)
    return encoder.compress(payload) + encoder.flush()


def _python_slices(payload: bytes, count: int, width: int) -> int:
    last, total = len(payload) - width, 0
    for i in range(count):
        at = (i * 7919) % last
        total += len(payload[at:at + width])
    return total


def _python_appends(payload: bytes, count: int, width: int) -> int:
    piece, out = payload[:width], bytearray()
    for _ in range(count):
        out += piece
    return len(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=10, help="size of the data in MiB (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per row; the best is kept (default 3)")
    args = parser.parse_args(argv)
    rows = asyncio.run(_run(args.mib, args.repeat))
    print(f"Data vs Python bytes, {args.mib} MiB, best of {args.repeat} (ratio = Data / Python)")
    print(f"{'operation':<28}{'Data ms':>10}{'Python ms':>11}{'ratio':>8}")
    for name, in_js, in_python in rows:
        print(f"{name:<28}{in_js * 1e3:>10.1f}{in_python * 1e3:>11.1f}{in_js / in_python:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
