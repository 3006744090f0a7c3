"""js_examples/http_server_fetch.ts, the app's HttpServer demo without its UI, runs headless
through the CLI: it serves its routes, fetches each one, prints PASS per route and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "js_examples" / "http_server_fetch.ts"


def test_the_demo_passes_every_route_and_exits():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "bridge", "run", "--quiet", str(EXAMPLE)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    results = lines[:-1]
    assert len(results) == 11 and all(line.startswith("PASS ") for line in results), done.stdout
    assert lines[-1] == "all routes passed"
