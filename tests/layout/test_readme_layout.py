"""The repository explains itself (issue #14): the README's Layout section names only files that
exist and describes every package under bridge/, and the engine's leaks are the runtime's
business alone (no file outside bridge/runtime/ speaks of them)."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import REPO

SKIPPED = {".git", "node_modules", ".venv", "build"}
FILE_NAME = re.compile(r"`([\w./-]+\.(?:py|js|c|d\.ts|json))`")
PLACEHOLDERS = {"X.js", "X.py"}  # the naming rule's own example


def layout_section() -> str:
    readme = (REPO / "README.md").read_text()
    start = readme.index("## Layout")
    end = readme.find("\n## ", start + 1)
    return readme[start:end if end >= 0 else None]


def tracked_files() -> list[Path]:
    return [path for path in REPO.rglob("*") if path.is_file() and not SKIPPED & set(path.relative_to(REPO).parts)]


def names_not_in_tree(text: str, files: list[Path]) -> list[str]:
    relative = [path.relative_to(REPO).as_posix() for path in files]
    return sorted(name for name in set(FILE_NAME.findall(text)) - PLACEHOLDERS
                  if not any(path == name or path.endswith("/" + name) for path in relative))


def test_every_file_the_layout_names_exists():
    assert names_not_in_tree(layout_section(), tracked_files()) == []


def test_the_layout_describes_every_package_under_bridge():
    layout = layout_section()
    packages = [path.name for path in (REPO / "bridge").iterdir() if (path / "__init__.py").exists()]
    assert packages and [name for name in packages if f"{name}/" not in layout] == []


def test_the_name_check_finds_a_stale_name():
    assert names_not_in_tree("`http/connection.py` and `http/gone.py`", tracked_files()) == ["http/gone.py"]


def mentions_of_leaks(files: list[Path]) -> list[str]:
    runtime = REPO / "bridge" / "runtime"
    return [path.relative_to(REPO).as_posix() for path in files
            if path.suffix in (".py", ".js", ".c") and runtime not in path.parents
            and re.search(r"\bleak", path.read_text(errors="replace"), re.IGNORECASE)]


def test_no_file_outside_the_runtime_speaks_of_the_engines_leaks():
    bridge = REPO / "bridge"
    assert mentions_of_leaks([path for path in tracked_files() if bridge in path.parents]) == []


def test_the_leak_check_finds_a_mention():
    assert mentions_of_leaks([REPO / "bridge" / "runtime" / "outbox.py"]) == []  # the runtime may
    assert mentions_of_leaks([REPO / "tests" / "reliability" / "support.py"]) == ["tests/reliability/support.py"]
