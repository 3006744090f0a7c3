"""Run by test_fetch_memory.py in a fresh process (so its peak RSS is the client's alone):
upload 200 MiB from a ReadableStream body to URL, and print one JSON line with what the server
counted and the peak RSS (KiB) before and after.

    python upload_probe.py URL
"""

from __future__ import annotations

import asyncio
import io
import json
import resource
import sys

import pythonmonkey as pm

import bridge

SCRIPT = """
const chunk = new Uint8Array(256 * 1024).fill(7)
globalThis.upload = async (url, count) => {
  let sent = 0
  const body = new ReadableStream({ pull(c) { if (sent++ < count) c.enqueue(chunk); else c.close() } })
  return Number(await (await fetch(url, { method: "POST", body })).text())
}
"""


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


async def main(url: str) -> None:
    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        await runtime.run_source(SCRIPT, "upload.js")
        upload = pm.eval("(url, count) => upload(url, count)")
        await upload(url, 8)  # warm up
        baseline = peak_kib()
        received = await upload(url, 800)
    print(json.dumps({"received": int(received), "baseline_kib": baseline, "peak_kib": peak_kib()}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
