"""Crypto and UUID calls leave nothing behind: Data crosses as whole buffers through the
outbox and back, with no JS cells, Python objects or memory per call (measured as the
reliability suite does: three phases, a leak grows in every one). The Data is small (64 bytes)
so that the allocator keeping freed large buffers does not blur RSS."""

from __future__ import annotations

import io

import pythonmonkey as pm

import bridge
from reliability.support import growth_per_operation, leaks

ROUND = """
globalThis.cryptoRound = (count) => {
  const key = Crypto.generateSymmetricKey()
  const data = Data.fromRawString("x".repeat(64))
  for (let i = 0; i < count; i++) {
    Crypto.sha256(data)
    Crypto.hmacSHA512(data, key)
    const sealed = Crypto.encryptAESGCM(data, key)
    Crypto.decryptAESGCM(sealed, key)
    Crypto.decryptAESGCM(data, key)  // null
    UUID.string()
  }
}
"""


async def test_crypto_calls_leak_nothing():
    async with bridge.Runtime(stdout=io.StringIO(), stderr=io.StringIO()) as runtime:
        await runtime.run_source(ROUND, "round.js")
        run_round = pm.eval("(count) => cryptoRound(count)")
        run_round(500)
        rounds = 10000

        async def phase():
            run_round(rounds)

        growth = await growth_per_operation(phase, rounds)
    # The engine's heap moves RSS up and down by ~1-2 MiB between phases (no trend over 240,000
    # calls, measured); 256 bytes a round lies above that noise and below a leaked copy of the
    # Data on each of a round's six calls.
    assert not leaks(growth, rss_per_operation=256), growth
