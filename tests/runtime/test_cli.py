"""`scripting-bridge run|strip|check` on real scripts in temporary files, in a subprocess."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

CLI = [sys.executable, "-m", "bridge"]


def script(tmp_path: Path, name: str, code: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(code).lstrip("\n"), encoding="utf-8")
    return path


def run(*args, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def test_typescript_features_run_with_the_right_output(tmp_path):
    path = script(tmp_path, "features.ts", """
        interface Point { x: number; y: number }
        type Pair<T> = [T, T]
        enum Color { Red, Green = 5, Blue }
        const enum Mode { On = "on", Off = "off" }
        abstract class Shape {
          abstract area(): number
          describe(this: Shape): string { return `${this.constructor.name} ${this.area()}` }
        }
        class Square extends Shape implements Point {
          x = 0; y = 0
          constructor(private readonly side: number, public label?: string) { super() }
          area(): number { return this.side ** 2 }
        }
        function first<T,>(pair: Pair<T>): T { return pair[0] }
        function overloaded(x: string): string
        function overloaded(x: number): number
        function overloaded(x: any): any { return x }
        let late!: number
        late = first<number>([3, 4])
        const point = { x: 1, y: 2 } satisfies Point
        const maybe: string | undefined = "yes"
        console.log(Color.Green, Color[6], Mode.On, new Square(3, "sq").describe())
        console.log(late, point.x as number, maybe!.length, overloaded("s"))
        """)
    result = run("run", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["5 Blue on Square 9", "3 1 3 s"]


def test_python_dash_m_and_the_console_script_are_the_same_command(tmp_path):
    path = script(tmp_path, "hello.js", "console.log('hello', 1 + 1)")
    console_script = Path(sys.executable).with_name("scripting-bridge")
    assert console_script.exists(), "pip install -e . installs the scripting-bridge command"
    both = [subprocess.run([str(console_script), "run", str(path)], capture_output=True, text=True, timeout=60),
            run("run", path)]
    assert [(r.returncode, r.stdout) for r in both] == [(0, "hello 2\n")] * 2


@pytest.mark.parametrize("name, code, where", [
    # tree-sitter finds the TypeScript error; SpiderMonkey finds the JavaScript one.
    ("broken.ts", "console.log('ran')\nconst ok: number = 1\nconst bad = (1 + ;\n", "3:11: syntax error"),
    ("broken.js", "console.log('ran')\nconst ok = 1\nconst bad = (1 + ;\n", "3:18: SyntaxError"),
])
def test_a_syntax_error_names_file_line_column_and_nothing_runs(tmp_path, name, code, where):
    path = script(tmp_path, name, code)
    result = run("run", path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}:{where}")
    assert result.stdout == ""


def test_an_uncaught_exception_exits_1_with_its_stack_before_later_statements(tmp_path):
    path = script(tmp_path, "throws.ts", """
        function explode(reason: string): never {
          throw new TypeError(reason)
        }
        setTimeout(() => console.log("timer must not fire"), 0)
        explode("top level")
        console.log("not reached")
        """)
    result = run("run", path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}:2:9: Uncaught TypeError: top level"
    assert lines[1:3] == [f"    at explode ({path}:2:9)", f"    at {path}:5:8"]  # the call's "("


def test_an_exception_in_a_timer_is_reported_and_the_process_goes_on(tmp_path):
    path = script(tmp_path, "timer.ts", """
        setTimeout(() => {
          const items: number[] = []
          items.missing.call()
        }, 5)
        setTimeout(() => console.log("still running"), 30)
        """)
    result = run("run", path)
    assert result.returncode == 0
    assert result.stdout == "still running\n"
    assert result.stderr.startswith(f"{path}:3:3: Uncaught TypeError: ")
    assert f"    at {path}:3:3" in result.stderr


def test_a_rejected_async_callback_is_reported(tmp_path):
    path = script(tmp_path, "reject.js", """
        setTimeout(async () => {
          await null
          throw new Error("async failure")
        }, 1)
        """)
    result = run("run", path)
    assert result.returncode == 0
    assert f"{path}:3:9: Unhandled rejection: Error: async failure" in result.stderr


def test_promises_rejected_and_never_handled_are_reported_and_handled_ones_are_not(tmp_path):
    """As Node: a promise is unhandled if, once the promise jobs pending when it was rejected
    have run, nothing handles it; one handled by then is not reported, however late its
    handler came (the function threw before `.catch` or `await` reached its promise)."""
    path = script(tmp_path, "floating.ts", """
        async function fails(): Promise<void> { throw new Error("thrown before any await") }
        async function failsLater() { await null; throw new Error("floating") }
        fails().catch(() => console.log("caught by .catch"))
        ;(async () => { try { await fails() } catch { console.log("caught by await") } })()
        Promise.all([fails()]).catch(() => console.log("caught by Promise.all"))
        const early = Promise.reject(new Error("handled a job later"))
        queueMicrotask(() => early.catch(() => console.log("caught a job later")))
        failsLater()
        Promise.reject(42)
        setTimeout(() => { new Promise((_, reject) => reject(new Error("in a timer"))) }, 5)
        setTimeout(() => console.log("still running"), 50)
        """)
    result = run("run", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["caught by .catch", "caught by await", "caught by Promise.all",
                                          "caught a job later", "still running"]
    reports = [line for line in result.stderr.splitlines() if not line.startswith("    at ")]
    assert reports == [  # in the order they were rejected
        "Unhandled rejection: 42",
        f"{path}:2:49: Unhandled rejection: Error: floating",
        f"{path}:10:54: Unhandled rejection: Error: in a timer",
    ]
    assert f"    at failsLater ({path}:2:49)" in result.stderr


def test_timers_only_exits_0_when_done_and_cleared_timers_never_fire(tmp_path):
    path = script(tmp_path, "timers.js", """
        const cancelled = setTimeout(() => console.log("cancelled fired"), 20)
        clearTimeout(cancelled)
        let ticks = 0
        const interval = setInterval(() => {
          console.log("tick", ++ticks)
          if (ticks === 3) clearInterval(interval)
        }, 5)
        queueMicrotask(() => console.log("microtask"))
        setTimeout((a, b) => console.log("args", a, b), 40, "x", 2)
        """)
    result = run("run", path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == ["microtask", "tick 1", "tick 2", "tick 3", "args x 2"]


def test_top_level_await_and_console_formatting(tmp_path):
    path = script(tmp_path, "console.ts", """
        await new Promise((resolve) => setTimeout(resolve, 5))
        console.log("object", { a: 1, b: "two", c: [1, 2, { d: null }] }, "tail")
        console.info([1, "x"], new Map([["k", 1]]), undefined)
        console.log("%s has %d items", "list", 3)
        console.warn("to stderr", 1)
        console.error(new Error("shown with stack").message)
        """)
    result = run("run", path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "object { a: 1, b: 'two', c: [ 1, 2, { d: null } ] } tail",
        "[ 1, 'x' ] Map { 'k' => 1 } undefined",
        "list has 3 items",
    ]
    assert result.stderr.splitlines() == ["to stderr 1", "shown with stack"]


def test_scripts_given_together_share_globals_in_order(tmp_path):
    first = script(tmp_path, "first.js", "globalThis.shared = 41")
    second = script(tmp_path, "second.ts", "const local: number = shared + 1\nconsole.log(local)")
    result = run("run", first, second)
    assert (result.returncode, result.stdout) == (0, "42\n")


def test_a_missing_file_is_a_clear_error(tmp_path):
    result = run("run", tmp_path / "nope.ts")
    assert result.returncode == 1
    assert f"{tmp_path / 'nope.ts'}: cannot read the script:" in result.stderr


def test_strip_keeps_every_line_and_column(tmp_path):
    source = "const a: number = 1\ninterface I { x: string }\nlet b = a as number\n"
    result = run("strip", script(tmp_path, "s.ts", source))
    assert result.returncode == 0
    assert [len(line) for line in result.stdout.split("\n")] == [len(line) for line in source.split("\n")]
    # Blanked type syntax; a `;` is kept where a statement ended inside erased text.
    assert result.stdout.replace(" ", "") == "consta=1\n;\nletb=a;\n"


def test_check_reports_every_file_and_exits_1(tmp_path):
    good = script(tmp_path, "good.ts", "const x: number = 1\n")
    bad_ts = script(tmp_path, "bad.ts", "namespace N { export const y = 1 }\n")
    bad_js = script(tmp_path, "bad.js", "let ok = 1\nlet = ;\n")
    result = run("check", good, bad_ts, bad_js)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{bad_ts}:1:1: unsupported TypeScript syntax")
    assert lines[1].startswith(f"{bad_js}:2:")
    assert run("check", good).returncode == 0


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_a_signal_stops_servers_and_closes_sessions_cleanly(tmp_path, signum):
    path = script(tmp_path, "server.ts", """
        const server = new HttpServer()
        server.registerWebsocket("/s", {
          onConnected: (session) => session.writeText("hi"),
          onDisconnected: () => console.log("onDisconnected ran"),
        })
        server.start({ port: 0 })
        console.log("port", server.port)
        """)
    process = await asyncio.create_subprocess_exec(*CLI, "run", str(path), stdout=asyncio.subprocess.PIPE,
                                                   stderr=asyncio.subprocess.PIPE)
    port = int((await asyncio.wait_for(process.stdout.readline(), 30)).split()[1])
    async with connect(f"ws://127.0.0.1:{port}/s") as client:
        assert await client.recv() == "hi"
        process.send_signal(signum)
        await asyncio.wait_for(client.wait_closed(), 10)
        assert client.close_code == 1001
    assert await asyncio.wait_for(process.wait(), 10) == 128 + signum
    assert (await process.stdout.read()).decode() == "onDisconnected ran\n"
    assert (await process.stderr.read()).decode() == ""
