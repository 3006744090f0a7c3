"""setTimeout, setInterval, their clear functions and queueMicrotask, as a script run by
`scripting-bridge run` sees them; pending timers keep the process alive, and only them."""

from __future__ import annotations

from helpers import run_cli, write_script


def test_timers_only_exits_0_when_done_and_cleared_timers_never_fire(tmp_path):
    path = write_script(tmp_path, "timers.js", """
        const cancelled = setTimeout(() => console.log("cancelled fired"), 20)
        clearTimeout(cancelled)
        let ticks = 0
        const interval = setInterval(() => {
          console.log("tick", ++ticks)
          if (ticks === 3) {
            clearInterval(interval)
            // Set from here, so a loaded machine cannot reorder it before the ticks.
            setTimeout((a, b) => console.log("args", a, b), 5, "x", 2)
          }
        }, 5)
        queueMicrotask(() => console.log("microtask"))
        """)
    result = run_cli("run", path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == ["microtask", "tick 1", "tick 2", "tick 3", "args x 2"]


def test_ids_are_numbers_callbacks_must_be_functions_and_clearing_twice_is_harmless(tmp_path):
    path = write_script(tmp_path, "ids.js", """
        const a = setTimeout(() => {}, 1), b = setInterval(() => {}, 1)
        console.log(typeof a, b > a)
        clearTimeout(a); clearTimeout(a); clearInterval(b); clearTimeout(12345); clearTimeout("nope")
        for (const call of [() => setTimeout("alert(1)", 1), () => setInterval(null, 1),
                            () => queueMicrotask(42)]) {
          try { call() } catch (e) { console.log(e.constructor.name + ": " + e.message) }
        }
        """)
    result = run_cli("run", path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "number true",
        "TypeError: setTimeout: callback must be a function, got string",
        "TypeError: setInterval: callback must be a function, got null",
        "TypeError: queueMicrotask: callback must be a function, got number",
    ]
