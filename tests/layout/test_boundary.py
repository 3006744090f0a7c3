"""The declared boundary between the JS halves and Python (bridge/runtime/boundary.py): every
half is type-checked against internals.d.ts and hosts.d.ts, hosts.d.ts says what the Python
halves really offer, and internals.d.ts declares exactly what the halves define."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
import pythonmonkey as pm

import bridge
from bridge.runtime import boundary
from helpers import REPO

TSC = REPO / "node_modules" / ".bin" / "tsc"
HALVES = sorted((REPO / "bridge").glob("*/*.js"))


def test_hosts_d_ts_is_written_from_the_python_halves_as_they_are():
    assert boundary.HOSTS.read_text(encoding="utf-8") == boundary.written(), (
        "bridge/runtime/hosts.d.ts is out of date: run `python -m bridge.runtime.boundary`")


def test_every_half_is_declared_and_says_which_host_it_gets():
    for half in HALVES:
        name = half.relative_to(REPO / "bridge").as_posix()
        first, rest = half.read_text(encoding="utf-8").split("\n", 1)
        assert first == "// @ts-check", f"{name} does not start with // @ts-check"
        assert f'/** @type {{Hosts["{name}"]}} */ host, /** @type {{Internals}} */ internals' in rest, (
            f"{name}: its function's parameters must be typed host: Hosts[\"{name}\"], internals: Internals")
        assert f'"{name}"' in boundary.HOSTS.read_text(encoding="utf-8"), f"{name} is not loaded by a Runtime"


def test_the_js_halves_type_check_against_the_boundary():
    if not TSC.exists():
        pytest.fail(f"{TSC.relative_to(REPO)} is missing: run `npm install --no-save typescript@5` (the test command does)")
    result = subprocess.run([str(TSC), "-p", "bridge"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def _declared_members() -> set[str]:
    text = (REPO / "bridge" / "runtime" / "internals.d.ts").read_text(encoding="utf-8")
    body = text[text.index("interface Internals {"):]
    return set(re.findall(r"^  (\w+)[(:]", body, re.MULTILINE))


async def test_internals_d_ts_declares_what_the_halves_define():
    async with bridge.Runtime(stdout=io.StringIO(), stderr=io.StringIO()) as runtime:
        defined = set(pm.eval("(internals) => Object.keys(internals)")(runtime.engine.internals))
    assert defined == _declared_members()
