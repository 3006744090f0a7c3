"""Many fetches leave nothing behind: no JS cells, Python objects or memory per request, as
the reliability suite measures them (three phases; a leak grows in every one)."""

from __future__ import annotations

import io

import pythonmonkey as pm
from aiohttp import web

import bridge
from fetching import web_server
from reliability.support import growth_per_operation

FETCHES_PER_ROUND = 6
ROUND = """
globalThis.fetchRound = async (base, count) => {
  for (let i = 0; i < count; i++) {
    await (await fetch(base + "/small?i=" + i, { headers: { "X-I": String(i) } })).text()
    await (await fetch(base + "/echo", { method: "POST", body: Data.fromRawString("body " + i) })).data()
    for await (const chunk of (await fetch(base + "/large")).body) {}
    await fetch(base + "/large")  // dropped unread
    const reader = (await fetch(base + "/large")).body.getReader()
    await reader.read()  // dropped after one chunk
    const controller = new AbortController()
    const pending = fetch(base + "/small", { signal: controller.signal })
    controller.abort()
    await pending.catch(() => null)
  }
}
"""


async def _small(request):
    return web.Response(text="small")


async def _echo(request):
    return web.Response(body=await request.read())


async def _large(request):
    return web.Response(body=bytes(300 * 1024))  # more than comes with the head


async def test_fetches_of_every_kind_leak_nothing():
    app = web.Application()
    app.router.add_get("/small", _small)
    app.router.add_post("/echo", _echo)
    app.router.add_get("/large", _large)
    async with web_server(app) as base, bridge.Runtime(stdout=io.StringIO(), stderr=io.StringIO()) as runtime:
        await runtime.run_source(ROUND, "round.js")
        run_round = pm.eval("(base, count) => fetchRound(base, count)")
        await run_round(base, 100)  # warm up: caches, pools, the JIT
        rounds = 400

        async def phase():
            await run_round(base, rounds)

        growth = await growth_per_operation(phase, rounds * FETCHES_PER_ROUND)
    assert growth["heap"] == {} and growth["python"] == {}, growth
    # RSS moves up and down by a MiB or two between phases (the engine's heap, aiohttp's
    # buffers); a leaked body (300 KiB a round here) or connection is far above 4 KiB a round.
    assert growth["rss"] < 4096, growth
    # A leak is one Python block or more per fetch. Below that: asyncio keeps the read timers
    # aiohttp cancels in its heap until it prunes it, so a phase may end with a few more.
    assert growth["blocks"] < 0.1, growth
