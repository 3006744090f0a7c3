"""`scripting-bridge run|strip|check FOLDER` in a subprocess, on script folders in temporary
directories."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

CLI = [sys.executable, "-m", "bridge"]


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def without_code_frames(stderr: str) -> list[str]:
    """The report's lines, less the source line and caret printed under a FILE:LINE:COL."""
    return [line for line in stderr.splitlines() if not re.match(r"^  \s*\d* \| ", line)]


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=60)


def test_run_folder_runs_the_entry_of_script_json(tmp_path):
    folder = write(tmp_path / "My Script", {
        "script.json": '{ "name": "My Script", "icon": "star", "color": "blue", "entry": "app/main.ts" }',
        "app/main.ts": """
            import { greeting } from "../shared/text";
            console.log(greeting);
            """,
        "shared/text.ts": "export const greeting: string = 'hello from a folder';\n",
    })
    result = cli("run", folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "hello from a folder\n"


def test_a_failed_load_exits_1_with_the_report(tmp_path):
    folder = write(tmp_path / "s", {"index.ts": "import { x } from './x';\n", "x.ts": "export const y = 1;\n"})
    result = cli("run", folder)
    assert result.returncode == 1
    assert without_code_frames(result.stderr) == [
        f'{folder / "index.ts"}:1:10: module "./x" ({folder / "x.ts"}) has no export named "x"']


def test_check_folder_reports_every_error_of_every_reachable_file(tmp_path):
    folder = write(tmp_path / "s", {
        "index.tsx": """
            import { a } from "./a";
            import { missing } from "./b";
            import pad from "left-pad";
            const view = <a>{a}</a>;
            const later = () => import("./later");
            """,
        "later.ts": "export const x = ;\n",
        "a.ts": "export const a: number = 1;\nnamespace N { export const v = 1 }\n",
        "b.js": "export const b = 1;\nlet = ;\n",
        "unreachable.ts": "let broken: = ;\n",
    })
    result = cli("check", folder)
    assert result.returncode == 1
    assert without_code_frames(result.stderr) == [
        f'{folder / "a.ts"}:2:1: unsupported TypeScript syntax: namespace with values in it',
        f'    imported at {folder / "index.tsx"}:1:19',
        f'{folder / "index.tsx"}:3:17: cannot resolve module "left-pad": only relative paths ("./name", '
        '"../name", resolved from the importing file) and "scripting" can be imported; packages are not '
        "installed here",
        f"{folder / 'later.ts'}:1:16: syntax error: unexpected '='",
        f'    imported at {folder / "index.tsx"}:5:28',
        f'{folder / "index.tsx"}:2:10: module "./b" ({folder / "b.js"}) has no export named "missing"',
        f'{folder / "b.js"}:2:1: SyntaxError: let is a reserved identifier',
        f'    imported at {folder / "index.tsx"}:2:25',
    ]
    assert cli("check", write(tmp_path / "good", {"index.ts": "import './x';\n", "x.ts": "export {};\n"})).returncode == 0


def test_strip_folder_prints_each_reachable_file_with_lines_kept(tmp_path):
    folder = write(tmp_path / "s", {
        "index.ts": "import { n } from './n';\nconsole.log(n as number);\n",
        "n.ts": "export const n: number = 1;\n",
    })
    result = cli("strip", folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"// ==> {folder / 'index.ts'} <==\n"
        "                        \nconsole.log(n          );\n\n"
        f"// ==> {folder / 'n.ts'} <==\n"
        "       const n         = 1;\n\n"
    )
