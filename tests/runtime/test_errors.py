"""Errors in scripts as a user sees them running `scripting-bridge run`: syntax errors and
uncaught exceptions name FILE:LINE:COL with the script's own stack; in a callback they are
reported and the process goes on."""

from __future__ import annotations

import pytest

from helpers import run_cli, write_script


@pytest.mark.parametrize("name, code, where", [
    # tree-sitter finds the TypeScript error; SpiderMonkey finds the JavaScript one.
    ("broken.ts", "console.log('ran')\nconst ok: number = 1\nconst bad = (1 + ;\n", "3:11: syntax error"),
    ("broken.js", "console.log('ran')\nconst ok = 1\nconst bad = (1 + ;\n", "3:18: SyntaxError"),
])
def test_a_syntax_error_names_file_line_column_and_nothing_runs(tmp_path, name, code, where):
    path = write_script(tmp_path, name, code)
    result = run_cli("run", path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}:{where}")
    assert result.stdout == ""


def test_an_uncaught_exception_exits_1_with_its_stack_before_later_statements(tmp_path):
    path = write_script(tmp_path, "throws.ts", """
        function explode(reason: string): never {
          throw new TypeError(reason)
        }
        setTimeout(() => console.log("timer must not fire"), 0)
        explode("top level")
        console.log("not reached")
        """)
    result = run_cli("run", path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}:2:9: Uncaught TypeError: top level"
    assert lines[1:3] == ["  2 |   throw new TypeError(reason)", "    |         ^"]  # the code frame
    assert lines[3:5] == [f"    at explode ({path}:2:9)", f"    at {path}:5:8"]  # the call's "("


def test_an_exception_in_a_timer_is_reported_and_the_process_goes_on(tmp_path):
    path = write_script(tmp_path, "timer.ts", """
        setTimeout(() => {
          const items: number[] = []
          items.missing.call()
        }, 5)
        setTimeout(() => console.log("still running"), 30)
        """)
    result = run_cli("run", path)
    assert result.returncode == 1  # as Node, once nothing is left: an error was reported
    assert result.stdout == "still running\n"
    assert result.stderr.startswith(f"{path}:3:3: Uncaught TypeError: ")
    assert f"    at {path}:3:3" in result.stderr


@pytest.mark.parametrize("options, async_frames", [
    ((), []),
    (("--async-stack-traces",), ["    at async outer ({path}:3:9)", "    at {path}:5:18"]),
])
def test_an_error_after_an_await_lists_the_async_callers_only_when_asked(tmp_path, options, async_frames):
    path = write_script(tmp_path, "awaits.js", """
        async function inner() { await null; throw new Error("boom") }
        async function outer() {
          await inner()
        }
        setTimeout(() => outer(), 1)
        """)
    result = run_cli("run", *options, path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}:1:44: Unhandled rejection: Error: boom"
    frames = [line for line in lines if line.startswith("    at ")]
    assert frames == [f"    at inner ({path}:1:44)", *(frame.format(path=path) for frame in async_frames)]


async def test_a_runtime_gives_the_engine_its_async_stack_setting_back():
    import io

    import bridge
    from bridge.runtime import async_stacks

    assert async_stacks.captured()  # pythonmonkey's own setting
    async with bridge.Runtime(stdout=io.StringIO()):
        assert not async_stacks.captured()
    assert async_stacks.captured()
    async with bridge.Runtime(stdout=io.StringIO(), async_stack_traces=True):
        assert async_stacks.captured()


def test_a_callback_that_holds_the_loop_for_500_ms_is_named(tmp_path):
    path = write_script(tmp_path, "slow.js", """
        setTimeout(function busyTimer() {
          const until = Date.now() + 600
          while (Date.now() < until) {}
        }, 1)
        setTimeout(function quickTimer() {}, 1)
        """)
    result = run_cli("run", path)
    assert result.returncode == 0
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("scripting-bridge: busyTimer ran for "), result.stderr
    assert warnings[0].endswith(" ms; every other connection and timer waited for it")
