"""console: what each method prints and where (stdout or stderr), formatted as Node does; and
`console.clear()` and `console.present()`, the app's two console members that are not about
printing (README, "Globals")."""

from __future__ import annotations

import io
import os
import pty

import bridge
from helpers import run_cli, write_script


def test_top_level_await_and_console_formatting(tmp_path):
    path = write_script(tmp_path, "console.ts", """
        await new Promise((resolve) => setTimeout(resolve, 5))
        console.log("object", { a: 1, b: "two", c: [1, 2, { d: null }] }, "tail")
        console.info([1, "x"], new Map([["k", 1]]), undefined)
        console.log("%s has %d items", "list", 3)
        console.warn("to stderr", 1)
        console.error(new Error("shown with stack").message)
        """)
    result = run_cli("run", path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "object { a: 1, b: 'two', c: [ 1, 2, { d: null } ] } tail",
        "[ 1, 'x' ] Map { 'k' => 1 } undefined",
        "list has 3 items",
    ]
    assert result.stderr.splitlines() == ["to stderr 1", "shown with stack"]


def test_each_method_writes_to_its_stream_and_trace_hides_the_runtimes_frames(tmp_path):
    path = write_script(tmp_path, "streams.js", """
        console.debug("debug"); console.info("info"); console.warn("warn")
        console.count(); console.count(); console.count("other")
        console.assert(1 === 1, "not shown"); console.assert(false, "shown", 2)
        console.dir({ nested: { deep: [1] } })
        function where() { console.trace("here", 1) }
        where()
        """)
    result = run_cli("run", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["debug", "info", "default: 1", "default: 2", "other: 1",
                                          "{ nested: { deep: [ 1 ] } }"]
    lines = result.stderr.splitlines()
    assert lines[:3] == ["warn", "Assertion failed: shown 2", "Trace: here 1"]
    assert lines[3].startswith(f"    at where@{path}:5:")
    assert "bridge:" not in result.stderr


async def test_clear_writes_nothing_into_a_file_or_pipe():
    stdout, stderr = io.StringIO(), io.StringIO()
    async with bridge.Runtime(stdout=stdout, stderr=stderr) as runtime:
        await runtime.run_source('console.log("before"); console.clear(); console.log("after")', "clear.js")
    assert stdout.getvalue() == "before\nafter\n"
    assert stderr.getvalue() == ""


async def test_clear_clears_a_terminal():
    leader, follower = pty.openpty()
    terminal = open(follower, "w", encoding="utf-8", closefd=True)
    try:
        async with bridge.Runtime(stdout=terminal, stderr=io.StringIO()) as runtime:
            await runtime.run_source('console.log("before"); console.clear(); console.log("after")', "clear.js")
        terminal.flush()
        written = b""
        while not written.endswith(b"after\r\n"):
            written += os.read(leader, 1024)
    finally:
        terminal.close()
        os.close(leader)
    # The terminal turns "\n" into "\r\n"; the cursor goes home and the screen below it is erased.
    assert written == b"before\r\n\x1b[H\x1b[Jafter\r\n"


async def test_present_resolves_at_once_to_undefined():
    stdout = io.StringIO()
    async with bridge.Runtime(stdout=stdout) as runtime:
        await runtime.run_source("""
        const shown = console.present()
        console.log(shown instanceof Promise, await shown)
        """, "present.js")
    assert stdout.getvalue() == "true undefined\n"
