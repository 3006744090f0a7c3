"""What a fetched Response gives a script: status, headers, url, every way to read the body
(whole or streamed), clone(), cookies, gzip and chunked bodies; and Responses a script makes."""

from __future__ import annotations

import asyncio
import gzip
import json

from aiohttp import web

from fetching import run_script, web_server

PAYLOAD = bytes(range(256)) * 40  # 10 KiB, every byte value


async def _info(request):
    response = web.Response(text=json.dumps({"a": [1, "é"]}), status=201, reason="Made It",
                            content_type="application/json", charset="utf-8")
    response.headers.add("X-Multi", "one")
    response.headers.add("X-Multi", "two")
    response.set_cookie("session", "abc", path="/", httponly=True)
    response.set_cookie("pref", "dark", max_age=3600, secure=True)
    return response


async def _bytes(request):
    return web.Response(body=PAYLOAD, content_type="application/octet-stream")


async def _gzip(request):
    return web.Response(body=gzip.compress(b"squeezed " * 1000), headers={
        "Content-Encoding": "gzip", "Content-Type": "text/plain; charset=utf-8"})


async def _chunked(request):
    response = web.StreamResponse(headers={"Content-Type": "text/plain"})
    response.enable_chunked_encoding()
    await response.prepare(request)
    for i in range(5):
        await response.write(f"part {i};".encode())
        await asyncio.sleep(0.05)  # arrives in pieces
    await response.write_eof()
    return response


async def _status(request):
    code = int(request.match_info["code"])
    return web.Response(status=code, text=f"status {code}")


async def _form(request):
    return web.Response(text="a=1&b=%C3%A9&a=2", content_type="application/x-www-form-urlencoded")


async def _empty(request):
    return web.Response(status=204)


async def _latin1_header(request):
    return web.Response(text="x", headers={"X-Latin": "caf\u00e9"})  # aiohttp writes it as UTF-8


def responses_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/info", _info)
    app.router.add_get("/bytes", _bytes)
    app.router.add_get("/gzip", _gzip)
    app.router.add_get("/chunked", _chunked)
    app.router.add_get("/status/{code}", _status)
    app.router.add_get("/form", _form)
    app.router.add_get("/empty", _empty)
    app.router.add_get("/latin", _latin1_header)
    return app


async def test_status_headers_url_and_the_app_members():
    async with web_server(responses_app()) as base:
        (info,) = await run_script(f"""
        const r = await fetch("{base}/info")
        console.log(JSON.stringify({{
          status: r.status, ok: r.ok, statusText: r.statusText, url: r.url, redirected: r.redirected,
          multi: r.headers.get("x-multi"), type: r.headers.get("Content-Type"), mimeType: r.mimeType,
          textEncodingName: r.textEncodingName, expectedContentLength: r.expectedContentLength,
          setCookies: r.headers.getSetCookie().length, bodyUsed: r.bodyUsed,
          json: await r.json(), bodyUsedAfter: r.bodyUsed,
          cookies: r.cookies.map((c) => [c.name, c.value, c.domain, c.path, c.isSecure, c.isHTTPOnly,
                                         c.isSessionOnly, c.expiresDate instanceof Date]),
        }}))
        """)
    assert info["status"] == 201 and info["ok"] is True and info["statusText"] == "Made It"
    assert info["url"] == f"{base}/info" and info["redirected"] is False
    assert info["multi"] == "one, two"
    assert info["type"] == "application/json; charset=utf-8"
    assert info["mimeType"] == "application/json" and info["textEncodingName"] == "utf-8"
    assert info["expectedContentLength"] == len(json.dumps({"a": [1, "é"]}).encode())
    assert info["setCookies"] == 2 and info["bodyUsed"] is False and info["bodyUsedAfter"] is True
    assert info["json"] == {"a": [1, "é"]}
    assert sorted(info["cookies"]) == [["pref", "dark", "127.0.0.1", "/", True, False, False, True],
                                       ["session", "abc", "127.0.0.1", "/", False, True, True, False]]


async def test_every_reader_gives_the_same_bytes():
    async with web_server(responses_app()) as base:
        lines = await run_script(f"""
        const url = "{base}/bytes"
        const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
        console.log(hex(await (await fetch(url)).bytes()))
        console.log(hex(new Uint8Array(await (await fetch(url)).arrayBuffer())))
        console.log((await (await fetch(url)).data()).toHexString())
        const blob = await (await fetch(url)).blob()
        console.log(JSON.stringify([blob.size, blob.type]))
        console.log(hex(await blob.bytes()))
        const chunks = []
        for await (const chunk of (await fetch(url)).body) chunks.push(...chunk)
        console.log(hex(chunks))
        const dataChunks = []
        const reader = (await fetch(url)).dataStream.getReader()
        for (;;) {{
          const {{ value, done }} = await reader.read()
          if (done) break
          dataChunks.push(value instanceof Data ? value.toHexString() : "not a Data")
        }}
        console.log(dataChunks.join(""))
        """)
    expected = PAYLOAD.hex()
    assert lines[0] == lines[1] == lines[2] == lines[4] == lines[5] == lines[6] == expected
    assert lines[3] == [len(PAYLOAD), "application/octet-stream"]


async def test_gzip_is_decoded_and_chunked_bodies_are_read_whole():
    async with web_server(responses_app()) as base:
        lines = await run_script(f"""
        const squeezed = await fetch("{base}/gzip")
        console.log(JSON.stringify([squeezed.headers.get("content-encoding"), (await squeezed.text()).length]))
        const chunked = await fetch("{base}/chunked")
        const reader = chunked.body.getReader()
        const pieces = []
        for (;;) {{
          const {{ value, done }} = await reader.read()
          if (done) break
          pieces.push(String.fromCharCode(...value))
        }}
        console.log(JSON.stringify([chunked.expectedContentLength ?? null, pieces.length, pieces.join("")]))
        """)
    assert lines[0] == ["gzip", len("squeezed ") * 1000]
    length, count, text = lines[1]
    # (How many reads it took depends on timing; that bodies stream is test_fetch_memory's.)
    assert length is None and count >= 1 and text == "part 0;part 1;part 2;part 3;part 4;"


async def test_http_error_statuses_resolve_and_empty_bodies_read_as_empty():
    async with web_server(responses_app()) as base:
        lines = await run_script(f"""
        for (const code of [404, 500, 503]) {{
          const r = await fetch("{base}/status/" + code)
          console.log(JSON.stringify([r.status, r.ok, await r.text()]))
        }}
        const empty = await fetch("{base}/empty")
        console.log(JSON.stringify([empty.status, await empty.text()]))
        const latin = await fetch("{base}/latin")
        console.log(JSON.stringify(latin.headers.get("x-latin")))
        """)
    assert lines[:3] == [[404, False, "status 404"], [500, False, "status 500"], [503, False, "status 503"]]
    assert lines[3] == [204, ""]
    # Each header byte is one character (Latin-1), as WHATWG's ByteString: é's two UTF-8 bytes.
    assert lines[4] == "caf\u00c3\u00a9"


async def test_clone_reads_the_same_body_twice_and_a_body_reads_once():
    async with web_server(responses_app()) as base:
        lines = await run_script(f"""
        const r = await fetch("{base}/bytes")
        const copy = r.clone()
        const [a, b] = await Promise.all([r.arrayBuffer(), copy.arrayBuffer()])
        console.log(JSON.stringify([a.byteLength, b.byteLength, copy.status, copy.headers.get("content-type")]))
        try {{ await r.text(); console.log("read twice") }} catch (e) {{ console.log(JSON.stringify([e.name, e.message])) }}
        try {{ r.clone(); console.log("cloned") }} catch (e) {{ console.log(JSON.stringify([e.name, e.message])) }}
        const form = await (await fetch("{base}/form")).formData()
        console.log(JSON.stringify(form.getAll("a").concat(form.get("b"))))
        """)
    assert lines[0] == [len(PAYLOAD), len(PAYLOAD), 200, "application/octet-stream"]
    assert lines[1] == ["TypeError", "Response.text: the body has already been read"]
    assert lines[2] == ["TypeError", "Response.clone: the body has already been read"]
    assert lines[3] == ["1", "2", "é"]


async def test_responses_a_script_makes():
    lines = await run_script("""
    const show = async (r) => console.log(JSON.stringify([r.status, r.ok, r.statusText, r.headers.get("content-type"),
      r.headers.get("location"), await r.text()]))
    await show(new Response("plain"))
    await show(new Response(Data.fromRawString("bytes"), { status: 202, statusText: "Accepted", headers: { "Content-Type": "x/y" } }))
    await show(Response.json({ a: 1 }, { status: 400 }))
    await show(Response.redirect("http://127.0.0.1/next", 307))
    await show(Response.error())
    await show(new Response(new ReadableStream({ start(c) { c.enqueue(Uint8Array.from([104, 105])); c.close() } })))
    await show(new Response(new URLSearchParams("a=1")))
    await show(new Response(null, { status: 204 }))
    for (const bad of [() => new Response("x", { status: 99 }), () => Response.redirect("http://x/", 200)]) {
      try { bad() } catch (e) { console.log(JSON.stringify([e.name, e.message])) }
    }
    const replaced = new Response("old")
    replaced.body = new ReadableStream({ start(c) { c.enqueue(Uint8Array.from([110, 101, 119])); c.close() } })
    console.log(JSON.stringify(await replaced.text()))
    const withCookies = new Response("", { cookies: [{ name: "n", value: "v", domain: "d", path: "/", isSecure: false,
      isHTTPOnly: false, isSessionOnly: true }], setCookies: ["a=1", "b=2"] })
    console.log(JSON.stringify([withCookies.cookies.length, withCookies.headers.getSetCookie()]))
    """)
    assert lines[0] == [200, True, "", "text/plain;charset=UTF-8", None, "plain"]
    assert lines[1] == [202, True, "Accepted", "x/y", None, "bytes"]
    assert lines[2] == [400, False, "", "application/json", None, '{"a":1}']
    assert lines[3] == [307, False, "", None, "http://127.0.0.1/next", ""]
    assert lines[4] == [0, False, "", None, None, ""]
    assert lines[5] == [200, True, "", None, None, "hi"]
    assert lines[6] == [200, True, "", "application/x-www-form-urlencoded;charset=UTF-8", None, "a=1"]
    assert lines[7] == [204, True, "", None, None, ""]
    assert lines[8][0] == "RangeError" and "99" in lines[8][1]
    assert lines[9][0] == "RangeError" and "200" in lines[9][1]
    assert lines[10] == "new"
    assert lines[11] == [1, ["a=1", "b=2"]]
