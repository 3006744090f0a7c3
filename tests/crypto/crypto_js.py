"""Call a JS function in a fresh bridge.Runtime and get plain Python back (bytes for typed
arrays, lists for arrays, None for null/undefined), as tests/data does for Data."""

from __future__ import annotations

import asyncio

import pythonmonkey as pm

import bridge


def _plain(value):
    if value is None or value is pm.null:
        return None
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, str):
        return str(value)
    return value


def js(source: str, *args):
    """Evaluate `source` (a JS function expression using the runtime's globals), call it with
    `args` and return the plain result. bytes arguments arrive as hex strings (an empty
    bytearray would reach JS as undefined); `d(hex)` in `source` makes a Data of one."""
    async def call():
        async with bridge.Runtime():
            function = pm.eval(f"((d) => ({source}))((hex) => Data.fromHexString(hex))")
            return _plain(function(*(a.hex() if isinstance(a, bytes) else a for a in args)))
    return asyncio.run(call())
