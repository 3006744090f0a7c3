"""What scripts see of the global object besides the app's APIs (README, "Globals"):
pythonmonkey's own globals are gone, and the web globals that stay work as a script expects."""

from __future__ import annotations

import io


import bridge


async def run(source: str) -> tuple[list[str], str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    async with bridge.Runtime(stdout=stdout, stderr=stderr) as runtime:
        await runtime.run_source(source, "web.js")
        await runtime.idle()
    return stdout.getvalue().splitlines(), stderr.getvalue()


async def test_pythonmonkeys_own_globals_are_out_of_reach():
    lines, errors = await run("""
    for (const name of ["python", "pmEval", "XMLHttpRequest", "XMLHttpRequestEventTarget",
                        "XMLHttpRequestUpload", "ProgressEvent", "__core-js_shared__", "ListIterator"]) {
      console.log(name, name in globalThis, typeof globalThis[name])
    }
    try { python.exit(3) } catch (e) { console.log(e.name, e.message) }
    // It cannot be deleted (pythonmonkey makes it permanent), but the Debugger API is gone.
    console.log("Debugger" in debuggerGlobal, typeof debuggerGlobal.eval("typeof Debugger"))
    console.log(debuggerGlobal.eval("typeof Debugger"))
    // console formats objects with pythonmonkey's util, which does not need them.
    console.log({ still: ["formatted"] })
    """)
    assert lines == [
        "python false undefined", "pmEval false undefined", "XMLHttpRequest false undefined",
        "XMLHttpRequestEventTarget false undefined", "XMLHttpRequestUpload false undefined",
        "ProgressEvent false undefined", "__core-js_shared__ false undefined", "ListIterator false undefined",
        "ReferenceError python is not defined",
        "false string",
        "undefined",
        "{ still: [ 'formatted' ] }",
    ]
    assert errors == ""


async def test_base64_with_atob_and_btoa():
    lines, _ = await run(r"""
    console.log(btoa(""), btoa("hi"), btoa("\x00\xff"), atob("aGk="), atob(" a G k "), atob("aGk"))
    console.log(atob(btoa("\x00\x80\xff")) === "\x00\x80\xff")
    for (const bad of ["a", "aGk=x", "a=Gk", "aGk*"]) {
      try { atob(bad); console.log("accepted", bad) } catch (e) { console.log(e instanceof DOMException, e.name, e.message) }
    }
    try { btoa("e\u20ac") } catch (e) { console.log(e.name, e.message) }
    """)
    assert lines == [
        " aGk= AP8= hi hi hi",
        "true",
        *["true InvalidCharacterError atob: the string is not valid Base64"] * 4,
        "InvalidCharacterError btoa: the character at 1 is beyond U+00FF",
    ]


async def test_text_encoder_and_decoder():
    lines, _ = await run(r"""
    const show = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
    const encoder = new TextEncoder()
    console.log(encoder.encoding, show(encoder.encode("aé€😀")), show(encoder.encode("\ud800")), encoder.encode().length)
    const into = new Uint8Array(6)
    console.log(JSON.stringify(encoder.encodeInto("ab😀c", into)), show(into))
    const decoder = new TextDecoder()
    console.log(decoder.encoding, decoder.fatal, decoder.ignoreBOM, decoder.decode(encoder.encode("aé€😀")))
    console.log(JSON.stringify(decoder.decode(new Uint8Array([0x61, 0xff, 0xf0, 0x9f, 0x98, 0x62, 0xed, 0xa0, 0x80]))))
    console.log(JSON.stringify(decoder.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x68]).buffer)),
                JSON.stringify(new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x68]))))
    const view = new DataView(new Uint8Array([0x20, 0x68, 0x69, 0x20]).buffer, 1, 2)
    console.log(decoder.decode(view), JSON.stringify(decoder.decode()))
    const streaming = new TextDecoder()
    const parts = [[0xe2], [0x82], [0xac, 0xf0, 0x9f], [0x98, 0x80]].map((p) => streaming.decode(new Uint8Array(p), { stream: true }))
    console.log(JSON.stringify(parts), JSON.stringify(streaming.decode(new Uint8Array([0xe2]))))
    try { new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xc3])) } catch (e) { console.log(e.name, e.message) }
    try { new TextDecoder("latin1") } catch (e) { console.log(e.name, e.message) }
    try { decoder.decode("text") } catch (e) { console.log(e.name, e.message) }
    console.log(new TextDecoder(" UTF8 ").encoding)
    // A byte order mark cut in two is still dropped; one later in the stream is text.
    const bom = new TextDecoder()
    console.log(JSON.stringify([[0xef, 0xbb], [0xbf, 0x61], [0xef, 0xbb, 0xbf]].map((p) => bom.decode(new Uint8Array(p), { stream: true }))))
    // A byte that starts no sequence is not held back for the next chunk.
    console.log(JSON.stringify(new TextDecoder().decode(new Uint8Array([0x61, 0xf8]), { stream: true })))
    const roomy = new Uint8Array(20)
    console.log(JSON.stringify(encoder.encodeInto("a\ud800😀", roomy)), show(roomy.subarray(0, 8)))
    """)
    assert lines == [
        "utf-8 61c3a9e282acf09f9880 efbfbd 0",
        '{"read":4,"written":6} 6162f09f9880',
        "utf-8 false false aé€😀",
        '"a\ufffd\ufffdb\ufffd\ufffd\ufffd"',
        '"h" "\ufeffh"',
        'hi ""',
        '["","","€","😀"] "\ufffd"',
        "TypeError TextDecoder.decode: the bytes are not valid UTF-8",
        'RangeError TextDecoder: only UTF-8 is supported here, got "latin1"',
        "TypeError TextDecoder.decode: input must be an ArrayBuffer, a typed array or a DataView, got string",
        "utf-8",
        '["","a","\ufeff"]',
        '"a\ufffd"',
        '{"read":4,"written":8} 61efbfbdf09f9880',
    ]


async def test_event_target_and_event():
    lines, errors = await run("""
    const target = new EventTarget()
    const first = function (event) {
      console.log("first", this === target, event.target === target, event.currentTarget === target, event.eventPhase)
    }
    target.addEventListener("ping", first)
    target.addEventListener("ping", first)  // kept once
    target.addEventListener("ping", () => console.log("once"), { once: true })
    target.addEventListener("ping", { handleEvent(event) { console.log("object", event.type, this !== target) } })
    target.addEventListener("ping", () => { throw new Error("from a listener") })
    target.addEventListener("ping", (event) => { event.preventDefault(); console.log("canceled", event.defaultPrevented) })
    const ping = new Event("ping", { cancelable: true })
    console.log(ping.eventPhase, ping.target, ping.isTrusted, typeof ping.timeStamp)
    console.log("returned", target.dispatchEvent(ping))
    console.log("after", ping.eventPhase, ping.currentTarget, ping.target === target, ping.defaultPrevented)
    console.log("returned", target.dispatchEvent(new Event("ping")))
    target.removeEventListener("ping", first)
    target.addEventListener("stop", (event) => { console.log("A"); event.stopImmediatePropagation() })
    target.addEventListener("stop", () => console.log("never"))
    target.dispatchEvent(new Event("stop"))
    target.addEventListener("passive", (event) => event.preventDefault(), { passive: true })
    console.log("passive", target.dispatchEvent(new Event("passive", { cancelable: true })))
    target.addEventListener("nested", (event) => {
      try { target.dispatchEvent(event) } catch (e) { console.log(e.name, e.message) }
    })
    target.dispatchEvent(new Event("nested"))
    try { target.dispatchEvent({ type: "ping" }) } catch (e) { console.log(e.name, e.message) }
    try { target.addEventListener("x", () => {}, { signal: {} }) } catch (e) { console.log(e.name, e.message) }
    const captured = () => console.log("capture listener")
    target.addEventListener("cap", captured, true)
    target.removeEventListener("cap", captured)  // not the same listener: capture differs
    target.dispatchEvent(new Event("cap"))
    target.removeEventListener("cap", captured, { capture: true })
    target.dispatchEvent(new Event("cap"))
    console.log(Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE)
    """)
    assert lines == [
        "0 null false number",
        "first true true true 2",
        "once",
        "object ping true",
        "canceled true",
        "returned false",
        "after 0 null true true",
        "first true true true 2",
        "object ping true",
        "canceled false",
        "returned true",
        "A",
        "passive true",
        "InvalidStateError Event: it is being dispatched already",
        "TypeError EventTarget.dispatchEvent: event must be an Event, got Object",
        "TypeError EventTarget.addEventListener: the signal option needs AbortSignal, which scripting-bridge does not have",
        "capture listener",
        "0 1 2 3",
    ]
    assert errors.count("Uncaught Error: from a listener") == 2


async def test_set_immediate_runs_after_the_current_code_and_keeps_the_runtime_alive():
    lines, errors = await run("""
    setImmediate((a, b) => console.log("immediate", a, b), 1, 2)
    const cancelled = setImmediate(() => console.log("never"))
    clearImmediate(cancelled)
    setImmediate(() => { throw new Error("from setImmediate") })
    Promise.resolve().then(() => console.log("microtask"))
    await new Promise((resolve) => setImmediate(resolve))
    console.log("awaited")
    try { setImmediate("code") } catch (e) { console.log(e.name, e.message) }
    """)
    assert lines == ["microtask", "immediate 1 2", "awaited",
                     "TypeError setImmediate: callback must be a function, got string"]
    assert "Uncaught Error: from setImmediate" in errors


async def test_url_and_url_search_params_stay():
    lines, _ = await run("""
    const url = new URL("/a b?x=1&y=2#top", "http://127.0.0.1:8080")
    url.searchParams.append("z", "é")
    console.log(url.href, url.port, url.searchParams.get("y"), URL.canParse("nope"))
    console.log(new URLSearchParams({ a: "1", b: "two words" }).toString())
    """)
    assert lines == ["http://127.0.0.1:8080/a%20b?x=1&y=2&z=%C3%A9#top 8080 2 false", "a=1&b=two+words"]


async def test_list_iterator_made_again_by_an_exposed_list_is_gone_in_the_next_runtime():
    stdout = io.StringIO()
    async with bridge.Runtime(stdout=stdout) as runtime:
        runtime.expose("hostList", [1, 2])
        runtime.expose("hostItems", lambda: [1, 2])
        await runtime.run_source("""
        for (const item of hostItems()) {}  // a JS array: nothing made
        console.log(typeof ListIterator)
        for (const item of hostList) {}     // a Python list: pythonmonkey makes the class again
        console.log(typeof ListIterator)
        """, "lists.js")
    lines, _ = await run("console.log(typeof ListIterator)")
    assert stdout.getvalue().splitlines() + lines == ["undefined", "function", "undefined"]
