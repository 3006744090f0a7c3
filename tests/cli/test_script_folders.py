"""Relative paths start at the folder of the script that uses them, in a run of several."""

from __future__ import annotations

from .clihelp import run, script


def test_data_from_file_in_a_callback_reads_beside_its_own_script(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("beside a")
    (tmp_path / "b" / "x.txt").write_text("beside b")
    first = script(tmp_path / "a", "first.js", """
        globalThis.readLater = () => setTimeout(() => console.log("a:", Data.fromFile("x.txt")?.toRawString("utf-8")), 10)
        console.log("a now:", Data.fromFile("x.txt")?.toRawString("utf-8"))
        """)
    second = script(tmp_path / "b", "second.ts", """
        readLater()
        console.log("b:", Data.fromFile("x.txt")?.toRawString("utf-8"))
        """)
    result = run("run", first, second)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["a now: beside a", "b: beside b", "a: beside a"]
