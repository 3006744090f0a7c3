"""WebSocket benchmark: scripting-bridge against pure-Python `websockets`, Node `ws` and Bun.

    python -m bench [--rounds N] [--quick] [--servers a,b] [--scenarios a,b] [--no-write]

Every scenario is measured on each server, in one run, round after round; the servers' order
alternates (A B C D, then D C B A), each measurement starts a fresh server process, and each
ratio is taken pair by pair (bridge in round r against the peer in round r) and reported as the
median over the rounds. One load generator (bench/loadgen.mjs, one Node process) drives all.
Writes docs/benchmarks.md (the part between its "generated" markers), docs/benchmarks.json and
docs/benchmarks.png unless --no-write. Traffic stays on 127.0.0.1; every step has a timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "bench"

from . import peers as peer_setup
from . import report

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SERVERS_DIR = BENCH / "servers"
LOADGEN = BENCH / "loadgen.mjs"

# Another checkout of the bridge to measure instead of this one (--bridge-root), for trying changes.
BRIDGE_ROOT: Path | None = None
# A second checkout measured beside it as "bridge-alt" (--compare-root), ratio bridge-alt/bridge.
ALT_ROOT: Path | None = None
ALT_LABEL = ""

UVLOOP_LAUNCHER = ("import asyncio, sys, uvloop; asyncio.set_event_loop_policy(uvloop.EventLoopPolicy()); "
                   "from bridge.cli import main; sys.exit(main())")


# Scenarios: what the load generator is asked, and which numbers come back.

@dataclass(frozen=True)
class Metric:
    key: str           # field of the measurement
    label: str
    unit: str
    higher_is_better: bool
    goal: float | None = None  # bound on the median ratio bridge / python (same loop)


SCENARIOS: dict[str, dict] = {
    "echo": {
        "title": "Echo, 50 connections x 4 in flight, 64-byte text",
        "metrics": [Metric("rate", "echo throughput", "msg/s", True, 0.9),
                    Metric("p50_ms", "echo p50 latency", "ms", False),
                    Metric("p99_ms", "echo p99 latency", "ms", False, 1.2)],
    },
    "broadcast": {
        "title": "Broadcast of one 64-byte text to 1,000 sessions (time until all received)",
        "metrics": [Metric("broadcast_ms", "broadcast to 1,000", "ms", False, 1.2)],
    },
    "binary": {
        "title": "1 MiB binary echo, 1 connection x 2 in flight",
        "metrics": [Metric("mb_per_s", "1 MiB binary echo", "MB/s", True, 0.8)],
    },
    "idle": {
        "title": "10,000 idle connections (server RSS growth per connection)",
        "metrics": [Metric("bytes_per_connection", "memory per idle connection", "bytes", False, 1.5)],
    },
    "startup": {
        "title": "Cold start: process start until a WebSocket handshake succeeds",
        "metrics": [Metric("startup_ms", "cold start to listening", "ms", False)],
    },
}


@dataclass(frozen=True)
class Settings:
    rounds: int
    echo_warmup: float
    echo_seconds: float
    binary_seconds: float
    broadcast_count: int
    broadcast_connections: int
    idle_connections: int


FULL = Settings(rounds=5, echo_warmup=1.0, echo_seconds=3.0, binary_seconds=3.0, broadcast_count=20,
                broadcast_connections=1000, idle_connections=10_000)
QUICK = Settings(rounds=2, echo_warmup=0.5, echo_seconds=1.5, binary_seconds=1.5, broadcast_count=10,
                 broadcast_connections=1000, idle_connections=10_000)


# Servers.

@dataclass(frozen=True)
class ServerKind:
    name: str
    label: str
    loop: str  # the event loop, for the Python ones


def server_kinds(peers: peer_setup.Peers, wanted: list[str] | None) -> tuple[list[ServerKind], list[str]]:
    notes: list[str] = []
    kinds = [ServerKind("bridge", "scripting-bridge", "asyncio"),
             ServerKind("python", "Python websockets", "asyncio")]
    try:
        import uvloop  # noqa: F401
        kinds += [ServerKind("bridge-uvloop", "scripting-bridge on uvloop", "uvloop"),
                  ServerKind("python-uvloop", "Python websockets on uvloop", "uvloop")]
    except ImportError:
        notes.append("uvloop is not installed: the uvloop pair is skipped (pip install -e '.[bench]')")
    if peers.node and peer_setup.has_ws():
        kinds.append(ServerKind("node", "Node ws", ""))
    if peers.bun:
        kinds.append(ServerKind("bun", "Bun", ""))
    if ALT_ROOT is not None:
        kinds.insert(1, ServerKind("bridge-alt", ALT_LABEL or f"scripting-bridge from {ALT_ROOT}", "asyncio"))
    if wanted:
        wanted = wanted + (["bridge-alt"] if ALT_ROOT is not None else [])
        unknown = set(wanted) - {k.name for k in kinds}
        if unknown:
            notes.append(f"not available here, skipped: {', '.join(sorted(unknown))}")
        kinds = [k for k in kinds if k.name in wanted]
    return kinds, notes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One fresh server process on a free port."""

    def __init__(self, kind: ServerKind, peers: peer_setup.Peers, workdir: Path) -> None:
        self.kind = kind
        self.port = free_port()
        self.log = workdir / f"{kind.name}-{self.port}.log"
        if kind.name.startswith("bridge"):
            prelude = workdir / f"prelude-{self.port}.js"
            prelude.write_text(f"globalThis.BENCH_PORT = {self.port}\n")
            head = [sys.executable, "-m", "bridge"] if kind.loop == "asyncio" else [sys.executable, "-c", UVLOOP_LAUNCHER]
            self.command = [*head, "run", str(prelude), str(SERVERS_DIR / "bridge_server.js")]
        elif kind.name.startswith("python"):
            self.command = [sys.executable, str(SERVERS_DIR / "python_server.py"), str(self.port), "--loop", kind.loop]
        elif kind.name == "node":
            self.command = [peers.node, str(SERVERS_DIR / "node_server.mjs"), str(self.port)]
        else:
            self.command = [peers.bun, str(SERVERS_DIR / "bun_server.mjs"), str(self.port)]
        self.env, self.cwd = None, ROOT
        root = ALT_ROOT if kind.name == "bridge-alt" else BRIDGE_ROOT if kind.name.startswith("bridge") else None
        if root is not None:
            # `python -m` puts the working folder first on sys.path: start there, and PYTHONPATH for -c.
            self.env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
            self.cwd = root
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> float:
        """Start the process; return the seconds until a WebSocket handshake on /echo succeeds."""
        log = self.log.open("ab")
        started = time.perf_counter()
        self.process = subprocess.Popen(self.command, cwd=self.cwd, stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                                        env=self.env)
        log.close()
        while True:
            if handshake(self.port):
                return time.perf_counter() - started
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.kind.name} exited with {self.process.returncode} before listening: "
                                   f"{self.log_tail()}")
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"{self.kind.name} was not listening after {timeout} s")
            time.sleep(0.002)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def rss(self) -> int:
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        raise RuntimeError("no VmRSS")

    def cpu_seconds(self) -> float:
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def log_tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-1500:]
        except OSError:
            return ""


def handshake(port: int) -> bool:
    """One WebSocket handshake on /echo: True once the server answers 101."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(f"GET /echo HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                         "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                         "Sec-WebSocket-Version: 13\r\n\r\n".encode())
            answer = b""
            while b"\r\n\r\n" not in answer:
                chunk = sock.recv(4096)
                if not chunk:
                    return False
                answer += chunk
            return answer.startswith(b"HTTP/1.1 101")
    except OSError:
        return False


def loadgen(peers: peer_setup.Peers, options: dict, timeout: float) -> dict:
    options = {**options, "deadline": timeout}
    done = subprocess.run([peers.node, str(LOADGEN), json.dumps(options)], capture_output=True, text=True,
                          timeout=timeout + 15)
    if done.returncode != 0:
        raise RuntimeError(f"load generator failed ({done.returncode}): {done.stderr.strip()[-800:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result.get("failures"):
        raise RuntimeError(f"load generator saw {result['failures']} failed connections: {done.stderr.strip()[-800:]}")
    return result


# One measurement of one scenario on one server.

def measure(scenario: str, kind: ServerKind, peers: peer_setup.Peers, settings: Settings, workdir: Path) -> dict:
    server = Server(kind, peers, workdir)
    try:
        ready = server.start()
        if scenario == "startup":
            return {"startup_ms": ready * 1000}
        if scenario == "idle":
            return _idle(server, peers, settings)
        cpu_before, wall_before = server.cpu_seconds(), time.perf_counter()
        if scenario == "echo":
            result = loadgen(peers, {"scenario": "echo", "port": server.port, "connections": 50, "inflight": 4,
                                     "size": 64, "warmup": settings.echo_warmup,
                                     "duration": settings.echo_seconds}, 60 + settings.echo_seconds)
        elif scenario == "binary":
            result = loadgen(peers, {"scenario": "echo", "port": server.port, "connections": 1, "inflight": 2,
                                     "size": 1 << 20, "binary": True, "warmup": settings.echo_warmup,
                                     "duration": settings.binary_seconds}, 60 + settings.binary_seconds)
            result["mb_per_s"] = result["bytes_per_second"] / 1e6
        elif scenario == "broadcast":
            result = loadgen(peers, {"scenario": "broadcast", "port": server.port,
                                     "connections": settings.broadcast_connections,
                                     "count": settings.broadcast_count, "timeout": 20}, 120)
            result["broadcast_ms"] = result["seconds"] * 1000
        else:
            raise ValueError(scenario)
        result["server_cpu"] = (server.cpu_seconds() - cpu_before) / (time.perf_counter() - wall_before)
        return result
    finally:
        server.stop()


def _idle(server: Server, peers: peer_setup.Peers, settings: Settings) -> dict:
    time.sleep(0.5)
    before = server.rss()
    options = {"scenario": "idle", "port": server.port, "connections": settings.idle_connections,
               "hold": 60, "deadline": 120}
    process = subprocess.Popen([peers.node, str(LOADGEN), json.dumps(options)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = _readline(process, 90)
        ready = json.loads(line)
        time.sleep(1.0)  # let the server finish what the last handshakes started
        after = server.rss()
        process.stdin.write("close\n")
        process.stdin.flush()
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if process.returncode != 0:
        raise RuntimeError(f"load generator failed ({process.returncode}): {err.strip()[-800:]}")
    result = json.loads(out.strip().splitlines()[-1])
    if result["still_open"] != settings.idle_connections:
        raise RuntimeError(f"only {result['still_open']} of {settings.idle_connections} idle connections stayed open")
    return {"rss_before": before, "rss_after": after, "open_seconds": ready["open_seconds"],
            "bytes_per_connection": (after - before) / settings.idle_connections}


def _readline(process: subprocess.Popen, timeout: float) -> str:
    import selectors
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise RuntimeError(f"the load generator did not open its connections in {timeout} s: "
                               f"{process.stderr.read() if process.poll() is not None else ''}")
    line = process.stdout.readline()
    if not line:
        raise RuntimeError(f"the load generator ended early: {process.stderr.read().strip()[-800:]}")
    return line


def _seconds(command: list[str], timeout: float = 60) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, cwd=ROOT)
    return time.perf_counter() - started


def import_floor(workdir: Path) -> dict:
    """The cold-start goal's floor, and the bridge's own start with nothing to serve."""
    empty = workdir / "empty.ts"
    empty.write_text("const nothing: number = 0\n")
    return {"import_pythonmonkey_ms": _seconds([sys.executable, "-c", "import pythonmonkey"]) * 1000,
            "bridge_empty_ms": _seconds([sys.executable, "-m", "bridge", "run", str(empty)]) * 1000}


# The run.

def machine() -> dict:
    info = {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "bridge"], cwd=ROOT, capture_output=True,
                               text=True, timeout=10).stdout.strip()
        info["bridge_commit"] = head + (" with uncommitted changes in bridge/" if dirty else "")
    except (OSError, subprocess.TimeoutExpired):
        pass
    if BRIDGE_ROOT is not None:
        info["bridge_root"] = str(BRIDGE_ROOT)
    for package in ("websockets", "pythonmonkey", "uvloop"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    return info


def other_cpu_share(seconds: float) -> float:
    """Busy share of all CPUs over `seconds` (before the run: how loaded the machine was)."""
    def sample():
        fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        return sum(fields), fields[3] + fields[4]
    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, help="rounds (default 5; --quick: 2)")
    parser.add_argument("--quick", action="store_true", help="shorter measurements, for development")
    parser.add_argument("--servers", help="comma-separated subset of bridge,python,bridge-uvloop,python-uvloop,node,bun "
                        "(bridge-alt comes with --compare-root)")
    parser.add_argument("--scenarios", help=f"comma-separated subset of {','.join(SCENARIOS)}")
    parser.add_argument("--no-install", action="store_true", help="do not npm install the peers when absent")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/ alone")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--bridge-root", type=Path,
                        help="measure the bridge package found in this folder (a copy with changes to try)")
    parser.add_argument("--compare-root", type=Path,
                        help="also measure the bridge package in this folder, as bridge-alt (ratio bridge-alt/bridge)")
    parser.add_argument("--compare-label", default="", help="what to call bridge-alt in the report")
    args = parser.parse_args(argv)
    global BRIDGE_ROOT, ALT_ROOT, ALT_LABEL
    ALT_LABEL = args.compare_label
    BRIDGE_ROOT = args.bridge_root.resolve() if args.bridge_root else None
    ALT_ROOT = args.compare_root.resolve() if args.compare_root else None
    settings = QUICK if args.quick else FULL
    rounds = args.rounds or settings.rounds
    scenarios = args.scenarios.split(",") if args.scenarios else list(SCENARIOS)
    for name in scenarios:
        if name not in SCENARIOS:
            parser.error(f"unknown scenario {name!r}")

    peers = peer_setup.ensure(install=not args.no_install)
    if peers.node is None:
        print("\n".join(peers.notes), file=sys.stderr)
        return 1
    kinds, notes = server_kinds(peers, args.servers.split(",") if args.servers else None)
    notes = peers.notes + notes
    for note in notes:
        print(f"note: {note}", file=sys.stderr)

    busy_before = other_cpu_share(2.0)
    load_before = os.getloadavg()
    started = time.time()
    results: dict[str, dict[str, list]] = {s: {k.name: [None] * rounds for k in kinds} for s in scenarios}
    floors: list[dict] = []
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        workdir = Path(folder)
        for round_index in range(rounds):
            order = kinds if round_index % 2 == 0 else list(reversed(kinds))
            for scenario in scenarios:
                if scenario == "startup":
                    floors.append(import_floor(workdir))
                for kind in order:
                    try:
                        value = measure(scenario, kind, peers, settings, workdir)
                    except (RuntimeError, subprocess.TimeoutExpired, OSError, ValueError) as error:
                        errors.append(f"round {round_index + 1}, {scenario}, {kind.name}: {error}")
                        print(f"error: {errors[-1]}", file=sys.stderr)
                        continue
                    results[scenario][kind.name][round_index] = value
                    print(f"round {round_index + 1}/{rounds} {scenario:<9} {kind.name:<14} {_brief(scenario, value)}",
                          file=sys.stderr, flush=True)
    finished = time.time()

    data = {
        "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "started": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(started)),
        "seconds": round(finished - started, 1),
        "rounds": rounds,
        "settings": settings.__dict__ | {"rounds": rounds},
        "machine": machine() | {"peers": peers.versions},
        "noise": {"cpu_busy_before": busy_before, "loadavg_before": load_before, "loadavg_after": os.getloadavg()},
        "servers": {k.name: k.label for k in kinds},
        "notes": notes,
        "errors": errors,
        "scenarios": {s: {"title": SCENARIOS[s]["title"],
                          "metrics": [m.__dict__ for m in SCENARIOS[s]["metrics"]]} for s in scenarios},
        "raw": results,
        "startup_floor": floors,
    }
    data["summary"] = report.summarize(data)
    print(report.text_table(data))
    if args.json:
        args.json.write_text(json.dumps(data, indent=1))
    if not args.no_write:
        report.write(data, ROOT / "docs")
        print("wrote docs/benchmarks.md, docs/benchmarks.json, docs/benchmarks.png", file=sys.stderr)
    return 0


def _brief(scenario: str, value: dict) -> str:
    parts = []
    for metric in SCENARIOS[scenario]["metrics"]:
        parts.append(f"{metric.key}={value[metric.key]:.4g}")
    for extra in ("server_cpu", "loadgen_cpu"):
        if extra in value:
            parts.append(f"{extra}={value[extra]:.2f}")
    return " ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
