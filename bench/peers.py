"""The bench's peers: Node with the `ws` package, and Bun, both from npm into bench/peers/.

`ensure()` runs `npm install` in bench/peers (git-ignored node_modules/) when `ws` or the `bun`
binary is missing, and says why a peer cannot be had instead of failing the whole run.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

PEERS = Path(__file__).resolve().parent / "peers"
MODULES = PEERS / "node_modules"


@dataclass
class Peers:
    node: str | None = None           # the node executable (also runs the load generator)
    bun: str | None = None            # the bun executable
    versions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _version(command: list[str]) -> str | None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def _bun_binary() -> str | None:
    for candidate in (MODULES / ".bin" / "bun", MODULES / "bun" / "bin" / "bun.exe"):
        if candidate.exists() and _version([str(candidate), "--version"]):
            return str(candidate)
    return None


def _package_version(name: str) -> str | None:
    import json
    try:
        return json.loads((MODULES / name / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def ensure(install: bool = True) -> Peers:
    peers = Peers()
    peers.node = shutil.which("node")
    if peers.node is None:
        peers.notes.append("node is not installed: the load generator and the Node `ws` peer need it")
        return peers
    peers.versions["node"] = _version([peers.node, "--version"]) or "?"
    missing = _package_version("ws") is None or _bun_binary() is None
    if missing and install:
        npm = shutil.which("npm")
        if npm is None:
            peers.notes.append("npm is not installed: cannot install `ws` and `bun`")
        else:
            try:
                done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error"],
                                      cwd=PEERS, capture_output=True, text=True, timeout=600)
                if done.returncode != 0:
                    peers.notes.append(f"npm install in bench/peers failed: {done.stderr.strip()[-500:]}")
            except subprocess.TimeoutExpired:
                peers.notes.append("npm install in bench/peers took over 10 minutes and was stopped")
    ws = _package_version("ws")
    if ws is None:
        peers.notes.append("the `ws` package is not installed" + ("" if install else " (--no-install)")
                           + ": Node `ws` is skipped")
    else:
        peers.versions["ws"] = ws
    peers.bun = _bun_binary() or shutil.which("bun")
    if peers.bun is None:
        peers.notes.append(("the `bun` npm package did not provide a working binary" if install
                            else "Bun is not installed (--no-install)") + ": Bun is skipped")
    else:
        peers.versions["bun"] = _version([peers.bun, "--version"]) or "?"
    return peers


def has_ws() -> bool:
    return _package_version("ws") is not None
