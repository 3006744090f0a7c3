"""Promises rejected and never handled are reported as Node reports them (rejections.py,
_rejection_tracker.c); handled ones, however late their handler came, are not."""

from __future__ import annotations

from helpers import run_cli, write_script


def test_a_rejected_async_callback_is_reported(tmp_path):
    path = write_script(tmp_path, "reject.js", """
        setTimeout(async () => {
          await null
          throw new Error("async failure")
        }, 1)
        """)
    result = run_cli("run", path)
    assert result.returncode == 1  # as Node: a rejection was reported
    assert f"{path}:3:9: Unhandled rejection: Error: async failure" in result.stderr
    tolerant = run_cli("run", "--tolerate-errors", path)
    assert (tolerant.returncode, tolerant.stderr) == (0, result.stderr)


def test_promises_rejected_and_never_handled_are_reported_and_handled_ones_are_not(tmp_path):
    """As Node: a promise is unhandled if, once the promise jobs pending when it was rejected
    have run, nothing handles it; one handled by then is not reported, however late its
    handler came (the function threw before `.catch` or `await` reached its promise)."""
    path = write_script(tmp_path, "floating.ts", """
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
    result = run_cli("run", path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == ["caught by .catch", "caught by await", "caught by Promise.all",
                                          "caught a job later", "still running"]
    reports = [line for line in result.stderr.splitlines() if not line.startswith(("    at ", "  "))]
    assert reports == [  # in the order they were rejected
        "Unhandled rejection: 42",
        f"{path}:2:49: Unhandled rejection: Error: floating",
        f"{path}:10:54: Unhandled rejection: Error: in a timer",
    ]
    assert f"    at failsLater ({path}:2:49)" in result.stderr
