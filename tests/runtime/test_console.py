"""`console.clear()` and `console.present()`, the app's two console members that are not
about printing (README, "Globals")."""

from __future__ import annotations

import io
import os
import pty

import bridge


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
