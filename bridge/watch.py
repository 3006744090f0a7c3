"""`run --watch`: run the scripts in a child process and restart it when a file it loaded
changes, as `node --watch` does.

A child process rather than a new Runtime: the engine's one global object would keep what
the last run left on it. The child is stopped with SIGTERM, so its servers stop as on any
SIGTERM (sessions closed with 1001, `onDisconnected` run). It lists the files it loaded in
the file named by LOADED_FILES_VARIABLE; those are watched with the scripts given.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOADED_FILES_VARIABLE = "SCRIPTING_BRIDGE_LOADED_FILES"
POLL_SECONDS = 0.2  # how often files are looked at; a stat of each, nothing more
STOP_SECONDS = 10  # a child that has not stopped this long after SIGTERM is killed


def watch(argv: list[str], scripts: list[Path]) -> int:
    if Path("-") in scripts:
        print("scripting-bridge: --watch cannot watch a script read from stdin", file=sys.stderr)
        return 2
    command = [sys.executable, "-m", "bridge", *[a for a in argv if a != "--watch"]]
    signalled: list[int] = []

    def on_signal(signum, frame) -> None:
        signalled.append(signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, on_signal)
    with tempfile.NamedTemporaryFile("w+", prefix="scripting-bridge-", suffix=".loaded") as listed:
        env = {**os.environ, LOADED_FILES_VARIABLE: listed.name}
        while True:
            listed.truncate(0)
            # Its own session: a Ctrl+C reaches it once, from here, not from the terminal too.
            started = time.time_ns()
            child = subprocess.Popen(command, env=env, start_new_session=True)
            seen = _stamps(scripts, listed.name)
            changed = None
            said_waiting = False
            while not signalled and changed is None:
                time.sleep(POLL_SECONDS)
                if child.poll() is not None and not said_waiting:
                    print(f"scripting-bridge: exited with status {child.returncode}; waiting for a "
                          f"change to restart", file=sys.stderr, flush=True)
                    said_waiting = True
                now = _stamps(scripts, listed.name)
                # A file the child listed since the last look counts as changed if it was written
                # after the child started (it changed while the child was loading it).
                changed = next((path for path in now if now[path] != seen.get(path, now[path])
                                or (path not in seen and (now[path] or 0) > started)), None)
                seen = {**now, **seen} if changed is None else seen
            _stop(child, signalled[0] if signalled else signal.SIGTERM)
            if signalled:
                return 128 + signalled[0]
            print(f"scripting-bridge: {changed} changed; restarting", file=sys.stderr, flush=True)


def _stamps(scripts: list[Path], listed: str) -> dict[Path, float | None]:
    try:
        loaded = [Path(line) for line in Path(listed).read_text(encoding="utf-8").splitlines() if line]
    except OSError:
        loaded = []
    stamps = {}
    for path in [*(p.resolve() for p in scripts), *loaded]:
        try:
            stamps[path] = path.stat().st_mtime_ns
        except OSError:
            stamps[path] = None  # gone (an editor saving by rename): its return is a change
    return stamps


def _stop(child: subprocess.Popen, signum: int) -> None:
    if child.poll() is None:
        child.send_signal(signum)
        try:
            child.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def note_loaded(path: Path) -> None:
    """In a watched child: add a loaded file to the list the parent watches."""
    listed = os.environ.get(LOADED_FILES_VARIABLE)
    if listed:
        with open(listed, "a", encoding="utf-8") as out:
            out.write(f"{path.resolve()}\n")
