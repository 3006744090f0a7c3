"""`scripting-bridge run|strip|check` on real scripts in temporary files, in a subprocess."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from helpers import CLI, run_cli as run, write_script as script


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
    assert lines[1:3] == ["  1 | namespace N { export const y = 1 }", "    | ^"]  # the code frame
    assert lines[3].startswith(f"{bad_js}:2:")
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
    process = await asyncio.create_subprocess_exec(*CLI, "run", "--quiet", str(path), stdout=asyncio.subprocess.PIPE,
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
