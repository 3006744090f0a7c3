"""`Data` and `CompressionAlgorithm`: the app's bytes, as a JS class with a Python host.

data.js is the class itself; data.py is what it hands to Python (text codecs other than
UTF-8, compression, file reads); encodings.py and compression.py say what each name and
algorithm means and why.
"""

from __future__ import annotations

from .data import DataHost


def install(runtime) -> None:
    """Define the globals `Data` and `CompressionAlgorithm` in the runtime's engine; other halves
    reach the class through `internals.Data`, `internals.dataFromBytes` and `internals.bytesOfData`."""
    runtime.engine.load("data/data.js", DataHost(runtime))


__all__ = ["install", "DataHost"]
