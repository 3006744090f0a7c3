"""Run by test_fetch_memory.py in a fresh process (so its peak RSS is the client's alone):
fetch URL's body through `response.body` in a Runtime, and print one JSON line with the bytes
read and the peak RSS (KiB) before and after.

    python stream_probe.py URL
"""

from __future__ import annotations

import asyncio
import io
import json
import resource
import sys

import bridge

SCRIPT = """
const warm = await fetch(%(url)r + "?size=1048576")
for await (const chunk of warm.body) {}
globalThis.reportBaseline()
const response = await fetch(%(url)r)
let total = 0, chunks = 0, last = 0
for await (const chunk of response.body) {
  total += chunk.length
  chunks++
  last = chunk[chunk.length - 1]
}
console.log(JSON.stringify({ total, chunks, last, length: response.expectedContentLength }))
"""


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


async def main(url: str) -> None:
    stdout = io.StringIO()
    baseline = []
    async with bridge.Runtime(stdout=stdout) as runtime:
        runtime.expose("reportBaseline", lambda: baseline.append(peak_kib()))
        await runtime.run_source(SCRIPT % {"url": url}, "stream.js")
        await runtime.idle()
    result = json.loads(stdout.getvalue().splitlines()[-1])
    result.update(baseline_kib=baseline[0], peak_kib=peak_kib())
    print(json.dumps(result))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
