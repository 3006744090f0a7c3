"""JS strings reach Python as copies (bridge/runtime/string_copies.py): pythonmonkey 1.4.1's own
strings over JS memory let CPython read past their end and kill the process, even inside
`import pythonmonkey` (docs/engine.md, "JS strings in Python")."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pythonmonkey as pm
import pytest

from helpers import REPO

# Each call leaves a different amount of garbage in the engine's nursery, then makes a rope of
# 128 characters; handed to Python, it is flattened into a buffer it fills exactly (a power of
# two), and now and then that buffer ends where a nursery chunk, and the mapped memory, ends.
# os.path.normpath reads the character after the last. Measured with pythonmonkey's own
# strings: 19 runs in 20 crashed within 200,000 calls; each run here is a fresh process.
NURSERY_EDGE_PROBE = """
import os
{imports}

make = pm.eval('''(k) => {{
  const pad = [];
  for (let j = 0; j < k; j++) pad.push(j + 0.5);
  return 'x'.repeat(64) + 'y'.repeat(64);
}}''')
for i in range(200_000):
    assert os.path.normpath(make(i % 37)) == 'x' * 64 + 'y' * 64
print("normalised 200000 strings")
"""

IMPORT_PROBE = """
import sys

paths = []

def note(frame, event, arg):
    # pythonmonkey's module loader (require.py) normalises each path JS gives it.
    if event == "call" and frame.f_code.co_name in ("statSync_inner", "existsSync", "readFileSync"):
        paths.append(frame.f_locals["filename"])

sys.setprofile(note)
import bridge
import pythonmonkey
pythonmonkey.eval("new URL('http://127.0.0.1/')")  # its modules (core-js) load at first use
sys.setprofile(None)
proxies = [path for path in paths if isinstance(path, pythonmonkey.JSStringProxy)]
print(f"{len(paths)} paths, {len(proxies)} over JS memory")
"""


def run_file(folder: Path, source: str) -> subprocess.CompletedProcess:
    """`python FILE` with this checkout's bridge, the way a user's program runs."""
    path = folder / "program.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, str(path)], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("imports", [
    "import bridge\nimport pythonmonkey as pm",
    "import pythonmonkey as pm\nimport bridge",  # too late to mend the import, not the strings after it
])
def test_strings_ending_where_the_engines_memory_ends_do_not_crash_python(tmp_path, imports):
    for _ in range(2):
        done = run_file(tmp_path, NURSERY_EDGE_PROBE.format(imports=imports))
        assert done.returncode == 0, f"exit status {done.returncode} (-11 is SIGSEGV): {done.stderr[-2000:]}"
        assert done.stdout == "normalised 200000 strings\n"


def test_pythonmonkeys_module_loader_gets_copies(tmp_path):
    done = run_file(tmp_path, IMPORT_PROBE)
    assert done.returncode == 0, done.stderr[-2000:]
    count, _, proxies = done.stdout.partition(" paths, ")
    assert int(count) > 100 and proxies == "0 over JS memory\n"


@pytest.mark.parametrize("source, text", [
    ("'plain ascii'", "plain ascii"),
    ("'caf\\u00e9'", "caf\u00e9"),
    ("'\\u65e5\\u672c\\u8a9e'", "\u65e5\u672c\u8a9e"),
    ("'\\u{1F642} smile'", "\U0001F642 smile"),
    ("'x'.repeat(128)", "x" * 128),
    # Stored two bytes a character in JS though all ASCII: pythonmonkey's own str of it is
    # unequal to "abc".
    ("'\\u65e5abc'.substring(1)", "abc"),
])
def test_a_js_string_in_python_is_a_plain_str_equal_to_its_text(source, text):
    value = pm.eval(source)
    assert not isinstance(value, pm.JSStringProxy)
    assert value == text
    assert hash(value) == hash(text)
