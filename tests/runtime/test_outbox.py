"""The outbox: how JS halves call their Python hosts (bridge/runtime/outbox.py).

A host method marked @js_callable is seen from JS as a stub; the stub's arguments arrive as the
method's annotations say, and nothing of a call stays behind: pythonmonkey 1.4.1 would leak
every JS number and string passed to Python, and every method looked up on a Python object.
"""

from __future__ import annotations

import asyncio
import gc
import io
import sys

import pytest
import pythonmonkey as pm
from hypothesis import given, settings
from hypothesis import strategies as st

import bridge
from bridge.runtime.outbox import RangeError, js_callable


class Recorder:
    def __init__(self) -> None:
        self.calls = []

    @js_callable
    def scalars(self, whole: int, fraction: float, flag: bool, text: str, maybe: str | None) -> int:
        self.calls.append((whole, fraction, flag, text, maybe))
        return whole + 1

    @js_callable
    def binary(self, utf8: bytes, copy: bytes, view: memoryview, absent: memoryview | None) -> None:
        self.calls.append((utf8, copy, bytes(view), absent))

    @js_callable
    def count(self, n: int) -> None:
        self.calls.append(n)

    def not_for_js(self) -> None:
        raise AssertionError("only @js_callable methods are stubbed")


def stubs_of(runtime: bridge.Runtime, host: object):
    return runtime.engine.outbox.stubs(host)


async def test_arguments_arrive_as_the_annotations_say():
    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        recorder = Recorder()
        calls = pm.eval("""(host) => [
          host.scalars(41, 2.5, true, "héllo ✓ 🎉", null),
          host.scalars(-7, -0.25, false, "", "given"),
          host.scalars(0, 1e300, true, "x".repeat(100000), undefined),
          host.binary("\\ud800 lone", new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), null),
          Object.keys(host).sort().join(","),
        ]""")(stubs_of(runtime, recorder))
        assert list(calls) == [42, -6, 1, None, "binary,count,scalars"]
        assert recorder.calls == [
            (41, 2.5, True, "héllo ✓ 🎉", None),
            (-7, -0.25, False, "", "given"),
            (0, 1e300, True, "x" * 100000, None),  # bigger than the shared buffer at first
            ("\ufffd lone".encode(), b"\x01\x02\x03", b"\x04\x05", None),
        ]


async def test_uint8arrays_of_any_size_arrive_whole_beside_other_arguments():
    """Up to 4 KiB an array is copied into the shared payload (after the strings before it, which
    may make the payload grow mid-call); a larger one crosses as itself. Either way the method
    gets its bytes, a subarray's own bytes only."""
    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        recorder = Recorder()
        pm.eval("""(host) => {
          const filled = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);
          for (const n of [0, 1, 4095, 4096, 4097, 70000]) {
            host.binary("x".repeat(30000), filled(n, 1), filled(n, 2).subarray(0), null);
          }
          const big = filled(9000, 3);
          host.binary("é", big.subarray(10, 20), big.subarray(100, 5000), big.subarray(5, 8));
        }""")(stubs_of(runtime, recorder))

        def filled(n: int, seed: int) -> bytes:
            return bytes((i * 7 + seed) & 0xFF for i in range(n))
        expected = [(b"x" * 30000, filled(n, 1), filled(n, 2), None) for n in (0, 1, 4095, 4096, 4097, 70000)]
        big = filled(9000, 3)
        expected.append(("é".encode(), big[10:20], big[100:5000], big[5:8]))
        assert [(utf8, copy, view, bytes(absent) if absent is not None else None)
                for utf8, copy, view, absent in recorder.calls] == expected


async def test_wrong_or_missing_arguments_are_errors_that_name_the_method_and_argument():
    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        call = pm.eval("""(host, name, args) => {
          try { host[name](...args); return "no error" } catch (e) { return `${e.name}: ${e.message}` }
        }""")
        host = stubs_of(runtime, Recorder())
        assert "Recorder.count: argument 1 (n) must be int, the JS half passed a string" in call(host, "count", ["3"])
        assert "Recorder.count: argument 1 (n) must be int, the JS half passed undefined" in call(host, "count", [])
        assert "Recorder.count: argument 1 (n) must be int, the JS half passed a boolean" in call(host, "count", [True])
        assert call(host, "count", [{}]) == "TypeError: host.count: argument 1 cannot cross to Python: object"
        assert "Recorder.scalars: argument 4 (text) must be str, the JS half passed a number" in \
            call(host, "scalars", [1, 2, True, 4, None])
        for size in (3, 5000):  # copied or crossing, an array is not text
            assert "Recorder.scalars: argument 4 (text) must be str, the JS half passed a Uint8Array" in \
                call(host, "scalars", [1, 2, True, pm.eval(f"new Uint8Array({size})"), None])


# UTF-16 code units, lone surrogates included: what a JS string may hold.
_CODE_UNITS = st.lists(st.one_of(st.integers(0, 0x7F), st.integers(0x80, 0xFFFF), st.integers(0xD800, 0xDFFF)),
                       max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(_CODE_UNITS, min_size=1, max_size=4))
def test_any_js_strings_arrive_whole_lone_surrogates_as_u_fffd(strings):
    """As TextEncoder would encode them: each string's own text, none bleeding into the next."""
    expected = [bytes(b for unit in units for b in unit.to_bytes(2, "little")).decode("utf-16-le", "replace")
                for units in strings]

    class Texts:
        @js_callable
        def four(self, a: str | None, b: str | None, c: str | None, d: str | None) -> None:
            self.received = [a, b, c, d]

    async def send() -> list:
        async with bridge.Runtime(stdout=io.StringIO()) as runtime:
            host = Texts()
            pm.eval("(host, strings) => host.four(...Array.from(strings, (units) => String.fromCharCode(...units)))")(
                stubs_of(runtime, host), strings)
            return host.received

    assert asyncio.run(send()) == expected + [None] * (4 - len(strings))


class Results:
    """Host methods returning each kind of plain value, and raising each kind of error."""

    @js_callable
    def give(self, kind: str) -> object:
        return {"text": "héllo ✓ 🎉", "bytes": b"\x00\xff", "bytearray": bytearray(b"ab"),
                "view": memoryview(b"xyz")[1:], "none": None, "int": 7, "float": 0.5, "bool": True,
                "list": ["a", 1, None, [True]], "dict": {"k": {"nested": 2.5}, "é": []}}[kind]

    @js_callable
    def fail(self, kind: str) -> None:
        raise {"type": TypeError("wanted a number"), "range": RangeError("index 9 is out of range"),
               "value": ValueError("no such thing"), "os": FileNotFoundError(2, "No such file", "/x"),
               "empty": KeyError()}[kind]


async def test_host_methods_return_plain_values_which_js_sees_as_its_own():
    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        describe = pm.eval("""(host, kind) => {
          const value = host.give(kind);
          const tag = Object.prototype.toString.call(value);
          return tag + " " + (value instanceof Uint8Array ? Array.from(value).join(",") : JSON.stringify(value));
        }""")
        host = stubs_of(runtime, Results())
        seen = {kind: describe(host, kind) for kind in
                ("text", "bytes", "bytearray", "view", "none", "int", "float", "bool", "list", "dict")}
    assert seen == {
        "text": '[object String] "héllo ✓ 🎉"', "bytes": "[object Uint8Array] 0,255",
        "bytearray": "[object Uint8Array] 97,98", "view": "[object Uint8Array] 121,122",
        "none": "[object Undefined] undefined", "int": "[object Number] 7", "float": "[object Number] 0.5",
        "bool": "[object Boolean] true", "list": '[object Array] ["a",1,null,[true]]',
        "dict": '[object Object] {"k":{"nested":2.5},"é":[]}',
    }


async def test_host_methods_raise_and_js_catches_an_error_of_the_matching_type():
    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        caught = pm.eval("""(host, kind) => {
          try { host.fail(kind); return "no error" } catch (e) {
            return `${e.constructor === Error || e.constructor === TypeError || e.constructor === RangeError
              ? e.name : "foreign"}: ${e.message}`
          }
        }""")
        host = stubs_of(runtime, Results())
        seen = {kind: caught(host, kind) for kind in ("type", "range", "value", "os", "empty")}
        # A wrong argument from the JS half is a TypeError too, naming the method.
        wrong = caught(pm.eval("(host) => ({ fail: () => host.give(5) })")(host), "")
    assert seen == {"type": "TypeError: wanted a number", "range": "RangeError: index 9 is out of range",
                    "value": "Error: no such thing", "os": "Error: [Errno 2] No such file: '/x'",
                    "empty": "Error: KeyError"}
    assert wrong == "TypeError: Results.give: argument 1 (kind) must be str, the JS half passed a number"


class Slow:
    @js_callable
    async def later(self, kind: str, delay: float) -> object:
        await asyncio.sleep(delay)
        if kind == "fail":
            raise TypeError("not that way")
        return {"text": "done ✓", "bytes": b"\x01\x02", "number": 4.5, "list": [1, "two"]}[kind]


async def test_an_async_host_method_gives_js_a_promise_settled_by_the_same_rules():
    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        outcomes = []
        runtime.expose("record", lambda text: outcomes.append(text))
        pm.eval("""(host) => {
          for (const [kind, delay] of [["text", 0.02], ["bytes", 0], ["number", 0.01], ["list", 0], ["fail", 0]]) {
            host.later(kind, delay).then(
              (value) => record(`${kind}: ${value instanceof Uint8Array ? "bytes " + value.join(",") : JSON.stringify(value)}`),
              (error) => record(`${kind}: ${error.name}: ${error.message}`))
          }
        }""")(stubs_of(runtime, Slow()))
        await runtime.idle()  # pending calls keep the runtime alive until they are settled
    assert sorted(outcomes) == ['bytes: bytes 1,2', 'fail: TypeError: not that way', 'list: [1,"two"]',
                                'number: 4.5', 'text: "done ✓"']


async def test_closing_the_runtime_cancels_what_async_host_methods_still_await():
    runtime = bridge.Runtime(stdout=io.StringIO())
    slow = Slow()
    pm.eval("(host) => { host.later('text', 3600) }")(stubs_of(runtime, slow))
    assert runtime.liveness.alive
    await runtime.close()
    assert not runtime.liveness.alive


async def test_a_call_that_runs_js_making_calls_of_its_own_returns_its_own_result():
    class Nested:
        def __init__(self) -> None:
            self.inner = None

        @js_callable
        def outer(self, value: int) -> int:
            self.heard = self.inner(value)  # JS, which calls text() below
            return value * 2

        @js_callable
        def text(self, value: int) -> str:
            return f"text {value}"

    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        nested = Nested()
        host = stubs_of(runtime, nested)
        nested.inner = pm.eval("(host) => (value) => host.text(value + 1)")(host)
        assert pm.eval("(host) => host.outer(20)")(host) == 40
        assert nested.heard == "text 21"


def test_a_method_without_supported_annotations_is_refused_when_stubbed():
    class Unannotated:
        @js_callable
        def method(self, value) -> None:
            pass

    async def stub() -> None:
        async with bridge.Runtime(stdout=io.StringIO()) as runtime:
            stubs_of(runtime, Unannotated())

    with pytest.raises(TypeError, match="Unannotated.method: a @js_callable parameter must be annotated"):
        asyncio.run(stub())


async def test_an_exposed_function_gets_what_pythonmonkey_would_pass_and_may_return_text():
    received = []

    def record(*args):
        received.append(tuple(bytes(a) if isinstance(a, memoryview) else a for a in args))
        return f"{len(args)} arguments, the first {args[0]!r}" if args else None

    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        runtime.expose("record", record)
        results = pm.eval("""() => [
          record(1, 2.5, true, false, "héllo ✓", undefined, null, new Uint8Array([7, 8])),
          record(),
          record({ not: "carried" }, [1]),
        ]""")()
        assert list(results) == ["8 arguments, the first 1.0", None, "2 arguments, the first {'not': 'carried'}"]
    assert received[:2] == [(1.0, 2.5, True, False, "héllo ✓", None, pm.null, b"\x07\x08"), ()]
    assert received[2][0] == {"not": "carried"} and list(received[2][1]) == [1.0]  # pythonmonkey's own proxies


async def test_an_exposed_function_called_with_objects_and_too_few_arguments_keeps_none_alive():
    """pythonmonkey fills missing arguments with None without a reference: 2 of None's
    references lost a call here, until the interpreter dies deallocating None."""
    seen = []

    def three(a, b, c="default"):
        if not seen:  # keep no reference to None after the first call
            seen.append((dict(a), b, c))

    async with bridge.Runtime(stdout=io.StringIO()) as runtime:
        runtime.expose("three", three)
        call = pm.eval("(n) => { for (let i = 0; i < n; i++) three({ i }) }")
        call(10)
        before = sys.getrefcount(None)
        call(1000)
        assert sys.getrefcount(None) >= before
    assert seen == [({"i": 0.0}, None, "default")]


async def allocated_blocks_per_call(run, calls: int) -> float:
    async def settled() -> int:
        await asyncio.sleep(0)  # the loop drops cancelled timer handles in its next iteration
        for _ in range(2):
            gc.collect()
            pm.collect()
        return sys.getallocatedblocks()

    run(calls)  # warm up
    before = await settled()
    run(calls)
    return (await settled() - before) / calls


async def test_host_calls_leave_no_python_object_behind():
    """A leaked float, string or method proxy per call would be one block or more per call."""
    class Sink(io.TextIOBase):
        def write(self, text: str) -> int:
            return len(text)

    async with bridge.Runtime(stdout=Sink(), stderr=Sink()) as runtime:
        recorder = Recorder()
        runtime.expose("exposed", lambda *args: "result " + str(len(args)))
        loops = pm.eval("""(host, results, invoke) => ({
          stub: (n) => { for (let i = 0; i < n; i++) host.scalars(i, i / 3, true, "text " + i, null) },
          exposed: (n) => { for (let i = 0; i < n; i++) exposed(i, "text " + i, null).length },
          console: (n) => { for (let i = 0; i < n; i++) console.log("line", i, { i }) },
          timers: (n) => { for (let i = 0; i < n; i++) clearTimeout(setTimeout(() => {}, 1000 + i)) },
          data: (n) => {
            for (let i = 0; i < n; i++) {
              Data.fromRawString("text " + i, "isoLatin1").toRawString("utf16")
              Data.fromRawString("text " + i).compressed(CompressionAlgorithm.zlib)
            }
          },
          errors: (n) => { for (let i = 0; i < n; i++) invoke(() => { throw new Error("failure " + i) }) },
          results: (n) => {
            for (let i = 0; i < n; i++) {
              for (const kind of ["text", "bytes", "list", "none", "int"]) results.give(kind);
              try { results.fail("value") } catch {}
            }
          },
        })""")(stubs_of(runtime, recorder), stubs_of(runtime, Results()), pm.eval("(internals) => (f) => internals.invoke(f, undefined, [])")(
            runtime.engine.internals))

        def stub(n: int) -> None:
            loops.stub(n)
            recorder.calls.clear()

        measured = {name: await allocated_blocks_per_call(run, 5_000) for name, run in
                    [("stub", stub), ("exposed", loops.exposed), ("console", loops.console), ("timers", loops.timers),
                     ("data", loops.data), ("errors", loops.errors), ("results", loops.results)]}
    assert {name: blocks for name, blocks in measured.items() if blocks > 0.01} == {}
