"""The classes around fetch, on their own: Headers, Blob, FormData, ReadableStream (reader,
tee, async iteration, pull on demand), AbortController/AbortSignal, CancelToken, Request."""

from __future__ import annotations

from fetching import run_script


async def test_headers():
    lines = await run_script("""
    const h = new Headers({ "Content-Type": "text/plain", "X-B": "2" })
    h.append("x-a", "1")
    h.append("X-A", " 3 ")
    h.append("Set-Cookie", "a=1")
    h.append("set-cookie", "b=2")
    const seen = []
    h.forEach((value, name) => seen.push(name + "=" + value))
    console.log(JSON.stringify([h.get("X-A"), h.has("x-b"), h.get("missing"), h.keys(), h.values(), h.entries(),
      [...h], seen, h.getSetCookie(), h.toJson()]))
    h.delete("X-B"); h.set("x-a", "only")
    console.log(JSON.stringify([h.has("x-b"), h.get("x-a"), new Headers(h).get("x-a"), new Headers([["k", "v"]]).get("K")]))
    for (const bad of [() => h.get("bad name"), () => h.set("x", "line\\nbreak"), () => new Headers([["only one"]]),
                       () => new Headers(5), () => h.set("x", "\u20ac")]) {
      try { bad(); console.log("no error") } catch (e) { console.log(JSON.stringify([e.name, e.message])) }
    }
    """)
    (get, has, missing, keys, values, entries, iterated, seen, set_cookies, as_json), after, *errors = lines
    assert (get, has, missing) == ("1, 3", True, None)
    assert keys == ["content-type", "set-cookie", "set-cookie", "x-a", "x-b"]
    assert values == ["text/plain", "a=1", "b=2", "1, 3", "2"]
    assert entries == iterated == [list(pair) for pair in zip(keys, values)]
    assert seen == ["content-type=text/plain", "set-cookie=a=1", "set-cookie=b=2", "x-a=1, 3", "x-b=2"]
    assert set_cookies == ["a=1", "b=2"]
    assert as_json == {"content-type": "text/plain", "x-b": "2", "x-a": "1, 3", "set-cookie": "a=1, b=2"}
    assert after == [False, "only", "only", "v"]
    assert [e[0] for e in errors] == ["TypeError"] * 5
    assert '"bad name" is not a valid header name' in errors[0][1]
    assert "init[0] must be a [name, value] pair, it has 1 items" in errors[2][1]


async def test_blob():
    lines = await run_script("""
    const b = new Blob(["héllo ", Uint8Array.from([119, 111]), new Blob(["rld"]), Data.fromRawString("!")], { type: "Text/Plain" })
    console.log(JSON.stringify([b.size, b.type, await b.text(), Array.from(await b.bytes()).length,
      (await b.arrayBuffer()).byteLength, await b.slice(1, 3).text(), await b.slice(-4).text(), await b.slice(-4, -1, "x/y").text(),
      b.slice(2, 1).size, b.slice(0, 3, "a/b").type]))
    const chunks = []
    for await (const chunk of b.stream()) chunks.push(chunk.length)
    console.log(JSON.stringify([chunks, new Blob().size, new Blob(["a\\r\\nb"], { endings: "native" }).size,
      await new Blob([Uint8Array.from([0xff, 0x61])]).text()]))
    """)
    assert lines[0] == [13, "text/plain", "héllo world!", 13, 13, "é", "rld!", "rld", 0, "a/b"]
    assert lines[1] == [[13], 0, 3, "\ufffda"]


async def test_form_data():
    lines = await run_script("""
    const f = new FormData()
    f.append("a", "1")
    f.append("a", "2")
    f.append("file", Data.fromRawString("bytes"), "text/plain", "f.txt")
    f.append("blob", new Blob(["x"]), "x.bin")
    const file = f.get("file")
    console.log(JSON.stringify([f.get("a"), f.getAll("a"), f.has("blob"), f.has("zzz"), f.get("zzz"),
      file.mimeType, file.filename, file.data.toRawString(), f.get("blob") instanceof Blob,
      f.entries().map(([name]) => name), Object.keys(f.toJson()), f.toJson().a]))
    f.set("a", "only")
    f.delete("blob")
    const seen = []
    f.forEach((value, name, parent) => seen.push([name, typeof value, parent === f]))
    console.log(JSON.stringify([f.getAll("a"), seen]))
    try { f.append("d", Data.fromRawString("x")) } catch (e) { console.log(JSON.stringify([e.name, e.message])) }
    """)
    assert lines[0] == ["1", ["1", "2"], True, False, None, "text/plain", "f.txt", "bytes", True,
                        ["a", "a", "file", "blob"], ["a", "file", "blob"], ["1", "2"]]
    assert lines[1] == [["only"], [["a", "string", True], ["file", "object", True]]]
    assert lines[2] == ["TypeError", "FormData.append: mimeType must be a string, got undefined"]


async def test_readable_stream_pulls_on_demand_and_tees():
    lines = await run_script("""
    let pulls = 0
    const stream = new ReadableStream({
      pull(controller) {
        pulls++
        if (pulls > 3) controller.close()
        else controller.enqueue(pulls)
      },
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    const pulledBeforeReading = pulls
    const reader = stream.getReader()
    console.log(JSON.stringify([pulledBeforeReading, stream.locked, await reader.read(), await reader.read(),
      await reader.read(), await reader.read(), await reader.read()]))
    reader.releaseLock()
    console.log(JSON.stringify([stream.locked]))

    const source = new ReadableStream({ start(c) { for (const n of [1, 2, 3]) c.enqueue(n); c.close() } })
    const [left, right] = source.tee()
    const all = async (s) => { const out = []; for await (const x of s) out.push(x); return out }
    console.log(JSON.stringify([await all(left), await all(right), source.locked]))

    let cancelled = null
    const endless = new ReadableStream({ pull(c) { c.enqueue("tick") }, cancel(reason) { cancelled = reason } })
    for await (const tick of endless) break
    const failing = new ReadableStream({ start(c) { c.error(new Error("broken")) } })
    let failure = null
    try { await failing.getReader().read() } catch (e) { failure = e.message }
    const locked = new ReadableStream()
    locked.getReader()
    let lockError = null
    try { locked.getReader() } catch (e) { lockError = e.name }
    console.log(JSON.stringify([cancelled === undefined, failure, lockError]))
    """)
    assert lines[0] == [1, True, {"value": 1, "done": False}, {"value": 2, "done": False},
                        {"value": 3, "done": False}, {"done": True}, {"done": True}]
    assert lines[1] == [False]
    assert lines[2] == [[1, 2, 3], [1, 2, 3], True]
    assert lines[3] == [True, "broken", "TypeError"]


async def test_abort_signals_and_cancel_tokens():
    lines = await run_script("""
    const controller = new AbortController()
    const events = []
    controller.signal.onabort = (event) => events.push(["onabort", event.type, event.target === controller.signal])
    const listener = (event) => events.push(["listener", event.type])
    controller.signal.addEventListener("abort", listener)
    controller.signal.addEventListener("abort", () => events.push(["second"]))
    console.log(JSON.stringify([controller.signal.aborted, controller.signal.reason]))
    controller.abort("why")
    controller.abort("again")
    console.log(JSON.stringify([controller.signal.aborted, controller.signal.reason, events]))
    try { controller.signal.throwIfAborted() } catch (e) { console.log(JSON.stringify(["thrown", e])) }
    const a = new AbortController(), b = new AbortController()
    const any = AbortSignal.any([a.signal, b.signal])
    b.abort("b first")
    console.log(JSON.stringify([any.aborted, any.reason, AbortSignal.any([AbortSignal.abort("done")]).reason]))
    const timed = AbortSignal.timeout(30)
    await new Promise((resolve) => timed.addEventListener("abort", resolve))
    console.log(JSON.stringify([timed.reason.name, new AbortEvent(timed).type]))
    const token = new CancelToken()
    const heard = []
    token.oncancel = (reason) => heard.push(["oncancel", reason])
    const off = (reason) => heard.push(["removed", reason])
    token.addEventListener("cancel", off)
    token.removeEventListener("cancel", off)
    token.cancel("stop")
    console.log(JSON.stringify([typeof token.token, token.token.length, token.isCancelled, token.cancelReason, heard,
      new CancelError().name, new CancelError("m").message, new CancelError() instanceof Error]))
    """)
    assert lines[0] == [False, None]
    assert lines[1] == [True, "why", [["onabort", "abort", True], ["listener", "abort"], ["second"]]]
    assert lines[2] == ["thrown", "why"]
    assert lines[3] == [True, "b first", "done"]
    assert lines[4] == ["TimeoutError", "abort"]
    assert lines[5] == ["string", 36, True, "stop", [["oncancel", "stop"]], "CancelError", "m", True]


async def test_requests():
    lines = await run_script("""
    const r = new Request("http://127.0.0.1:9/path?q", { method: "post", body: "text", headers: { A: "1" },
      timeout: 5, debugLabel: "label", allowInsecureRequest: true })
    console.log(JSON.stringify([r.url, r.method, r.headers.get("a"), r.body, r.timeout, r.debugLabel,
      r.allowInsecureRequest, r.bodyUsed]))
    const copy = r.clone()
    console.log(JSON.stringify([await r.text(), r.bodyUsed, await copy.json().catch((e) => e.name)]))
    try { await r.text() } catch (e) { console.log(JSON.stringify([e.name, e.message])) }
    const derived = new Request(new Request(r.url, { method: "POST", body: "text", headers: r.headers }), { method: "PUT" })
    console.log(JSON.stringify([derived.url, derived.method, derived.headers.get("A"), derived.body]))
    const form = new FormData(); form.append("k", "v")
    const formRequest = new Request("http://127.0.0.1:9/", { method: "POST", body: form })
    console.log(JSON.stringify([(await formRequest.formData()).get("k"),
      (await new Request("http://127.0.0.1:9/", { method: "POST", body: "a=1" ,
        headers: { "content-type": "application/x-www-form-urlencoded" } }).formData()).get("a"),
      (await new Request("http://127.0.0.1:9/", { method: "POST", body: Data.fromRawString("xy") }).blob()).size,
      new Uint8Array(await new Request("http://127.0.0.1:9/", { method: "POST", body: "z" }).arrayBuffer())[0]]))
    """)
    assert lines[0] == ["http://127.0.0.1:9/path?q", "POST", "1", "text", 5, "label", True, False]
    assert lines[1] == ["text", True, "SyntaxError"]
    assert lines[2] == ["TypeError", "Request: the body has already been read"]
    assert lines[3] == ["http://127.0.0.1:9/path?q", "PUT", "1", "text"]
    assert lines[4] == ["v", "1", 2, 122]
