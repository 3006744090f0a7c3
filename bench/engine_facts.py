"""Re-measure the pythonmonkey facts that docs/engine.md builds on, each in a fresh process.

    python -m bench.engine_facts [fact ...]     # facts: str_gc bytes_leak inbox calls int_float js_values
                                                #        with_lookup promise_jobs async_stacks
                                                #        private_fields small_arrays large_arrays short_text

Prints one line per measurement. The numbers move with the machine; what matters is their
shape (quadratic, leaking, flat) and their order of magnitude.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

_COMMON = """
import gc, time
import pythonmonkey as pm

def rss():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024

def settle():
    gc.collect(); pm.collect(); gc.collect()

def print_paired(what, first_label, first, second_label, second):
    # medians of alternating measurements, and of their paired ratios (second / first)
    ratios = sorted(b / a for a, b in zip(first, second))
    print(f"{what}: {first_label} {sorted(first)[len(first) // 2]:.2f} us, {second_label} "
          f"{sorted(second)[len(second) // 2]:.2f} us (median of {len(ratios)} paired ratios "
          f"{ratios[len(ratios) // 2]:.2f}x, range {ratios[0]:.2f}-{ratios[-1]:.2f})")
"""

FACTS = {
    # Python str into JS: each becomes an external string, and freeing them scans them all.
    "str_gc": """
        n = int(N)
        length = pm.eval("(s) => s.length")
        settle()
        for i in range(n):
            length(f"message number {i} " * 3)
        started = time.perf_counter()
        pm.collect()
        print(f"str_gc n={n}: pm.collect() took {(time.perf_counter() - started) * 1000:.0f} ms")
    """,
    # bytes into JS: the whole buffer stays allocated.
    "bytes_leak": """
        n, size = 20_000, 2048
        length = pm.eval("(b) => b.length")
        for _ in range(200):
            length(bytes(size))
        settle()
        before = rss()
        for _ in range(n):
            length(bytes(size))
        settle()
        print(f"bytes_leak: {n} calls with a {size}-byte bytes: RSS +{(rss() - before) / 1e6:.1f} MB "
              f"({(rss() - before) / n:.0f} B a call)")
    """,
    # The inbox: one shared bytearray, each message copied in, JS decodes it.
    "inbox": """
        from bridge.runtime.engine import Engine
        engine = Engine()
        inbox = engine.inbox
        decode = pm.eval("(internals) => (n) => internals.inbox.text(n).length")(engine.internals)
        messages = [f"message number {i} ".encode() * 3 for i in range(1000)]
        settle()
        n = 100_000
        started = time.perf_counter()
        for i in range(n):
            decode(inbox.put(messages[i % 1000]))
        per_message = (time.perf_counter() - started) / n
        started = time.perf_counter()
        pm.collect()
        print(f"inbox: {n} messages, {per_message * 1e6:.2f} us each with the JS decode; "
              f"pm.collect() after: {(time.perf_counter() - started) * 1000:.0f} ms")
    """,
    # Call costs across the boundary.
    "calls": """
        n = 100_000
        add = pm.eval("(a, b) => a + b")
        started = time.perf_counter()
        for i in range(n):
            add(i, 1)
        print(f"calls: Python calling a JS function with two ints: {(time.perf_counter() - started) / n * 1e6:.2f} us")
        def python_function(value):
            return None
        loop = pm.eval("(f, n) => { const t = Date.now(); for (let i = 0; i < n; i++) f(i); return Date.now() - t }")
        ms = loop(python_function, n)
        print(f"calls: JS calling a Python function handed in once (pythonmonkey's own conversion): {ms / n * 1e3:.2f} us")
        identity = pm.eval("(a) => a")
        thing = {"a": 1}
        started = time.perf_counter()
        for i in range(n // 10):
            identity(thing)
        print(f"calls: Python passing a dict into JS per call: {(time.perf_counter() - started) / (n // 10) * 1e6:.2f} us")
        same = pm.eval("(a, b) => a === b")
        print(f"calls: the same Python dict passed twice is === to itself in JS: {same(thing, thing)}")
    """,
    # What Python numbers cost to cross into JS, by their type.
    "int_float": """
        n = 100_000
        five = pm.eval("(a, b, c, d, e) => undefined")
        for label, arguments in (("no argument", ()), ("five ints", (1, 2, 3, 4, 5)),
                                 ("five floats", (1.0, 2.0, 3.0, 4.0, 5.0)), ("five booleans", (True,) * 5)):
            started = time.perf_counter()
            for i in range(n):
                five(*arguments)
            print(f"int_float: Python calling a JS function with {label}: "
                  f"{(time.perf_counter() - started) / n * 1e6:.2f} us")
    """,
    # Promise jobs as pythonmonkey schedules them (each its own loop callback) and in the
    # bridge's queue (promise_jobs.py), alternately in one process: a chain of awaits (one job
    # a turn) and async functions answered with `.then`, 50 a turn (a server's requests).
    "promise_jobs": """
        import asyncio
        from bridge.runtime import promise_jobs
        n = 20_000
        chain = pm.eval("(n) => (async () => { for (let i = 0; i < n; i++) await null; })()")
        answered = [0]
        answer = pm.eval("(done) => () => { (async () => 'ok')().then(done) }")(lambda _: answered.__setitem__(0, answered[0] + 1))
        async def each_await() -> float:
            started = time.perf_counter()
            await chain(n)
            return (time.perf_counter() - started) / n * 1e6
        async def each_answer() -> float:
            started, goal = time.perf_counter(), answered[0] + n
            for _ in range(n // 50):
                for _ in range(50):
                    answer()
                await asyncio.sleep(0)
            while answered[0] < goal:
                await asyncio.sleep(0)
            return (time.perf_counter() - started) / n * 1e6
        async def main():
            loop = asyncio.get_running_loop()
            for label, measure in (("an await in a chain", each_await), ("an async call answered with .then, 50 a turn", each_answer)):
                own, queued = [], []
                for _ in range(5):
                    own.append(await measure())
                    promise_jobs.apply(loop)
                    queued.append(await measure())
                    promise_jobs.remove()
                print_paired(f"promise_jobs: {label}", "pythonmonkey's scheduling", own, "the bridge's queue", queued)
        asyncio.run(main())
    """,
    # An async function's call answered with `.then` (two promises), with the engine's async
    # stack capture on (pythonmonkey's setting) and off (a runtime's default), alternately.
    "async_stacks": """
        import asyncio
        from bridge.runtime import async_stacks, promise_jobs
        n = 50_000
        calls = pm.eval("(n) => { for (let i = 0; i < n; i++) (async () => i)().then(() => {}) }")
        async def main():
            promise_jobs.apply(asyncio.get_running_loop())  # the jobs wait in the bridge's queue
            on, off = [], []
            for _ in range(5):
                for enabled, times in ((True, on), (False, off)):
                    async_stacks.capture(enabled)
                    started = time.perf_counter()
                    calls(n)
                    times.append((time.perf_counter() - started) / n * 1e6)
                    await promise_jobs.settled()
            async_stacks.capture(True)
            promise_jobs.remove()
            print_paired("async_stacks: an async call and its .then (jobs not included)", "capture on", on, "off", off)
        asyncio.run(main())
    """,
    # What each JS value passed to a Python function leaves behind.
    "js_values": """
        import tracemalloc
        def sink(value):
            return None
        n = 50_000
        class Host:
            def method(self):
                return None
        host = Host()
        for label, code, target in (("a number", "f(i)", sink), ("a short string", "f('s' + i)", sink),
                                    ("nothing, calling a method of a Python object", "f.method()", host)):
            loop = pm.eval(f"(f, n) => {{ for (let i = 0; i < n; i++) {code} }}")
            loop(target, 1000)
            settle()
            tracemalloc.start()
            before = tracemalloc.get_traced_memory()[0]
            loop(target, n)
            settle()
            after = tracemalloc.get_traced_memory()[0]
            tracemalloc.stop()
            print(f"js_values: JS passing {label}: {(after - before) / n:.0f} B left allocated per call "
                  f"(Python heap)")
    """,
    # Private fields: each one of a new object is defined on a slow path (the request and
    # response classes keep one private state object instead; http/request.js).
    "private_fields": """
        out = pm.eval(\"\"\"(() => {
          const n = 300000, out = [];
          class Ten { #a; #b; #c; #d; #e = null; #f; #g; #h = null; #i = null; #j;
            constructor(m) { this.#a = m.a; this.#b = m.b; this.#c = m.c; this.#d = m; this.#f = null; this.#g = null; this.#j = 5; } }
          class One { #state;
            constructor(m) { this.#state = { a: m.a, b: m.b, c: m.c, d: m, e: null, f: null, g: null, h: null, i: null, j: 5 }; } }
          class Public { constructor(m) { this.a = m.a; this.b = m.b; this.c = m.c; this.d = m; this.e = null;
            this.f = null; this.g = null; this.h = null; this.i = null; this.j = 5; } }
          const m = { a: "x", b: "y", c: "z" };
          let keep;
          for (const [label, Class] of [["ten private fields", Ten], ["one private field holding an object of ten", One],
                                        ["ten public properties", Public]]) {
            let best = Infinity;
            for (let round = 0; round < 5; round++) {
              const started = Date.now();
              for (let i = 0; i < n; i++) keep = new Class(m);
              best = Math.min(best, (Date.now() - started) * 1000 / n);
            }
            out.push(`private_fields: a new object with ${label}: ${best.toFixed(2)} us`);
          }
          return out;
        })()\"\"\")
        print("\\n".join(out))
    """,
    # A small Uint8Array passed to Python: crossing as itself, or copied into shared memory as
    # the outbox's stubs do (runtime/outbox.js) and read back with one slice.
    "small_arrays": """
        shared = bytearray(4096)
        received = []
        def crossing(array):
            received.append(len(array))
        def copied():
            received.append(len(shared[0:13]))
        calls = pm.eval(\"\"\"(shared) => [
          (f, n) => { for (let i = 0; i < n; i++) f(new Uint8Array([i & 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])); },
          (f, n) => { for (let i = 0; i < n; i++) { shared.set(new Uint8Array([i & 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 0); f(); } },
        ]\"\"\")(shared)
        n = 100_000
        first, second = [], []
        for _ in range(5):
            for results, call, target in ((first, calls[0], crossing), (second, calls[1], copied)):
                started = time.perf_counter()
                call(target, n)
                results.append((time.perf_counter() - started) / n * 1e6)
        print_paired("small_arrays: JS passing a new 13-byte Uint8Array to Python", "as itself", first,
                     "copied into shared memory", second)
    """,
    # A large copy JS makes and passes to Python: made by slice(), it has no ArrayBuffer of its
    # own until the crossing asks for one; made on an ArrayBuffer up front, it has (outbox.js:
    # internals.copyBytes).
    "large_arrays": """
        shared = bytearray(1 << 20)
        received = []
        def crossing(array):
            received.append(len(array))
        calls = pm.eval(\"\"\"(shared) => [
          (f, size, n) => { for (let i = 0; i < n; i++) f(shared.slice(0, size)); },
          (f, size, n) => { for (let i = 0; i < n; i++) {
            const out = new Uint8Array(new ArrayBuffer(size)); out.set(shared.subarray(0, size)); f(out); } },
        ]\"\"\")(shared)
        for size, n in ((16 << 10, 2000), (32 << 10, 2000), (64 << 10, 1000), (256 << 10, 300), (1 << 20, 100)):
            first, second = [], []
            for _ in range(5):
                for results, call in ((first, calls[0]), (second, calls[1])):
                    started = time.perf_counter()
                    call(crossing, size, n)
                    results.append((time.perf_counter() - started) / n * 1e6)
            print_paired(f"large_arrays: JS copying {size >> 10} KiB and passing the copy to Python", "slice()", first,
                         "on its own ArrayBuffer", second)
    """,
    # Bytes to a JS string: fromCharCode.apply over a typed array (long runs) or over a plain
    # array, new or kept for its length (short runs; runtime/utf8.js keeps them).
    "short_text": """
        shared = bytearray(b"GET /hello HTTP/1.1 host 127.0.0.1:8080 accept */*" * 100)
        out = pm.eval(\"\"\"(shared) => {
          const n = 200000, out = [];
          const reused = Array.from({ length: 257 }, (_, size) => new Array(size).fill(0));
          for (const size of [16, 48, 64, 256]) {
            const times = {};
            for (const [label, decode] of [
              ["typed array", () => String.fromCharCode.apply(null, shared.subarray(0, size))],
              ["plain array", () => { const codes = new Array(size); for (let j = 0; j < size; j++) codes[j] = shared[j];
                                      return String.fromCharCode.apply(null, codes); }],
              ["reused plain array", () => { const codes = reused[size]; for (let j = 0; j < size; j++) codes[j] = shared[j];
                                             return String.fromCharCode.apply(null, codes); }]]) {
              let best = Infinity;
              for (let round = 0; round < 5; round++) {
                const started = Date.now();
                for (let i = 0; i < n; i++) decode();
                best = Math.min(best, (Date.now() - started) * 1000 / n);
              }
              times[label] = best.toFixed(2);
            }
            out.push(`short_text: ${size} bytes to a string through a typed array ${times["typed array"]} us, `
                     + `through a new plain array ${times["plain array"]} us, a reused one ${times["reused plain array"]} us`);
          }
          return out;
        }\"\"\")(shared)
        print("\\n".join(out))
    """,
    # A global read inside `with` (how a module's live import bindings are read; wrappers.py).
    "with_lookup": """
        n = 3_000_000
        body = "let s = 0; for (let i = 0; i < n; i++) s += Math.abs(i % 7); return s;"
        plain = pm.eval(f"(function (n) {{ {body} }})")
        scoped = pm.eval(f"(function (scope, n) {{ with (scope) {{ {body} }} }})")
        scope = pm.eval("Object.create(null)")
        for label, call in (("outside with", lambda: plain(n)), ("inside with", lambda: scoped(scope, n))):
            call()
            started = time.perf_counter()
            call()
            elapsed = time.perf_counter() - started
            print(f"with_lookup: {n} loop turns reading a global {label}: {elapsed * 1000:.0f} ms "
                  f"({elapsed / n * 1e9:.0f} ns each)")
    """,
}


def run(fact: str, n: str = "") -> str:
    code = _COMMON + f"N = {n!r}\n" + textwrap.dedent(FACTS[fact])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        return f"{fact}: failed: {done.stderr.strip()[-500:]}"
    return done.stdout.strip()


def main(argv: list[str]) -> None:
    for fact in argv or list(FACTS):
        if fact == "str_gc":
            for n in ("1000", "4000", "16000"):
                print(run(fact, n), flush=True)
        else:
            print(run(fact), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
