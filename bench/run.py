"""Benchmark: scripting-bridge against its pure-Python floor (`websockets`; aiohttp for HTTP),
Node (`ws`; `http` for HTTP) and Bun.

    python -m bench [--rounds N] [--quick] [--servers a,b] [--scenarios a,b] [--no-write]

Every scenario is measured on each server, in one run, round after round; the servers' order
alternates (A B C D, then D C B A), each measurement starts a fresh server process, and each
ratio is taken pair by pair (bridge in round r against the peer in round r) and reported as the
median over the rounds. One load generator drives all servers in a scenario: bench/loadgen.mjs
(one Node process) for WebSocket, wrk (one thread, keep-alive) for HTTP.
Writes docs/benchmarks.md (the part between its "generated" markers), docs/benchmarks.json and
docs/benchmarks.png unless --no-write. Traffic stays on 127.0.0.1; every step has a timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
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
    "http_idle": {
        "title": "10,000 idle HTTP keep-alive connections, each after one GET /hello (server RSS growth per connection)",
        "metrics": [Metric("http_bytes_per_connection", "memory per idle HTTP connection", "bytes", False, 1.0)],
    },
    "startup": {
        "title": "Cold start: process start until a WebSocket handshake succeeds",
        "metrics": [Metric("startup_ms", "cold start to listening", "ms", False)],
    },
}

# HTTP scenarios, driven by wrk: (path, wrk Lua script or None, connections, goals on req/s and p99).
# Their peers are aiohttp (the "python" servers) and Node's `http` module (the "node" server).
HTTP = {
    "http_hello": ("/hello", None, 50, 1.0, 1.0,
                   "HTTP GET /hello from registerHandler (13 bytes), 50 keep-alive connections"),
    "http_hello_async": ("/hello-async", None, 50, 1.0, 1.0,
                         "HTTP GET /hello from registerAsyncHandler, 50 keep-alive connections"),
    "http_file_64k": ("/files/64k.bin", None, 50, 1.0, None,
                      "HTTP download of a 64 KiB file (registerFilesFromDirectory), 50 connections"),
    "http_file_1m": ("/files/1m.bin", None, 10, 1.0, None,
                     "HTTP download of a 1 MiB file (registerFilesFromDirectory), 10 connections"),
    "http_upload": ("/upload", "upload.lua", 10, 0.8, None,
                    "HTTP upload: POST of a 1 MiB body answered with its size, 10 connections"),
}
HTTP_SERVED = {*HTTP, "http_idle"}  # the scenarios run against the HTTP servers (bench/servers/*http*)
HTTP_FILES = {"64k.bin": 64 * 1024, "1m.bin": 1 << 20}
UPLOAD_SIZE = 1 << 20
for _name, (_path, _script, _connections, _rate_goal, _p99_goal, _title) in HTTP.items():
    _label = _name.removeprefix("http_").replace("_", " ")
    SCENARIOS[_name] = {"title": _title, "metrics": [
        Metric(f"{_name}_rate", f"HTTP {_label} throughput", "req/s", True, _rate_goal),
        Metric(f"{_name}_p99_ms", f"HTTP {_label} p99 latency", "ms", False, _p99_goal)]}


@dataclass(frozen=True)
class Settings:
    rounds: int
    echo_warmup: float
    echo_seconds: float
    binary_seconds: float
    broadcast_count: int
    broadcast_connections: int
    idle_connections: int
    http_warmup: int   # wrk takes whole seconds
    http_seconds: int


FULL = Settings(rounds=5, echo_warmup=1.0, echo_seconds=3.0, binary_seconds=3.0, broadcast_count=20,
                broadcast_connections=1000, idle_connections=10_000, http_warmup=1, http_seconds=3)
QUICK = Settings(rounds=2, echo_warmup=0.5, echo_seconds=1.5, binary_seconds=1.5, broadcast_count=10,
                 broadcast_connections=1000, idle_connections=10_000, http_warmup=1, http_seconds=2)


# Servers.

@dataclass(frozen=True)
class ServerKind:
    name: str
    label: str
    loop: str  # the event loop, for the Python ones
    websocket: bool = True  # serves the WebSocket scenarios (Node needs the `ws` package for them)


def server_kinds(peers: peer_setup.Peers, wanted: list[str] | None) -> tuple[list[ServerKind], list[str]]:
    notes: list[str] = []
    kinds = [ServerKind("bridge", "scripting-bridge", "asyncio"),
             ServerKind("python", "Python websockets / aiohttp", "asyncio")]
    try:
        import uvloop  # noqa: F401
        kinds += [ServerKind("bridge-uvloop", "scripting-bridge on uvloop", "uvloop"),
                  ServerKind("python-uvloop", "Python websockets / aiohttp on uvloop", "uvloop")]
    except ImportError:
        notes.append("uvloop is not installed: the uvloop pair is skipped (pip install -e '.[bench]')")
    if peers.node:
        kinds.append(ServerKind("node", "Node ws / http", "", websocket=peer_setup.has_ws()))
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

    def __init__(self, kind: ServerKind, peers: peer_setup.Peers, workdir: Path, http: bool = False) -> None:
        """`http`: the HTTP scenario server (bench/servers/*http*), serving the files in workdir/files."""
        self.kind = kind
        self.http = http
        self.port = free_port()
        self.log = workdir / f"{kind.name}-{self.port}.log"
        files = str(workdir / "files")
        if kind.name.startswith("bridge"):
            prelude = workdir / f"prelude-{self.port}.js"
            prelude.write_text(f"globalThis.BENCH_PORT = {self.port}\nglobalThis.BENCH_FILES = {json.dumps(files)}\n")
            script = "bridge_http_server.js" if http else "bridge_server.js"
            self.command = [sys.executable, "-m", "bridge", "run", str(prelude), str(SERVERS_DIR / script)]
        elif kind.name.startswith("python"):
            if http:
                self.command = [sys.executable, str(SERVERS_DIR / "aiohttp_server.py"), str(self.port), files,
                                "--loop", kind.loop]
            else:
                self.command = [sys.executable, str(SERVERS_DIR / "python_server.py"), str(self.port), "--loop", kind.loop]
        elif kind.name == "node":
            self.command = ([peers.node, str(SERVERS_DIR / "node_http_server.mjs"), str(self.port), files] if http
                            else [peers.node, str(SERVERS_DIR / "node_server.mjs"), str(self.port)])
        else:
            self.command = ([peers.bun, str(SERVERS_DIR / "bun_http_server.mjs"), str(self.port), files] if http
                            else [peers.bun, str(SERVERS_DIR / "bun_server.mjs"), str(self.port)])
        self.env, self.cwd = None, ROOT
        if kind.name.startswith("bridge"):
            # The bridge's command line picks uvloop by itself where it is installed (bridge/event_loop.py).
            self.env = {**os.environ, "SCRIPTING_BRIDGE_LOOP": kind.loop}
        root = ALT_ROOT if kind.name == "bridge-alt" else BRIDGE_ROOT if kind.name.startswith("bridge") else None
        if root is not None:
            # `python -m` puts the working folder first on sys.path: start there.
            self.env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
            self.cwd = root
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> float:
        """Start the process; return the seconds until a WebSocket handshake on /echo succeeds
        (for an HTTP server: until GET /hello is answered 200)."""
        log = self.log.open("ab")
        started = time.perf_counter()
        self.process = subprocess.Popen(self.command, cwd=self.cwd, stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                                        env=self.env)
        log.close()
        ready = http_ready if self.http else handshake
        while True:
            if ready(self.port):
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


def _http(port: int, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
    """One HTTP/1.1 request on a fresh connection: (status, body). Keeps the bench dependency-free."""
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request(method, path, body=body or None,
                           headers={"Content-Type": "application/octet-stream"} if body else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def http_ready(port: int) -> bool:
    try:
        return _http(port, "GET", "/hello")[0] == 200
    except OSError:
        return False


def check_http_work(port: int, workdir: Path) -> None:
    """Each server must do the same work: check every answer once before measuring."""
    expected = [("GET", "/hello", b"", b"Hello, world!"), ("GET", "/hello-async", b"", b"Hello, world!"),
                ("POST", "/upload", b"x" * UPLOAD_SIZE, str(UPLOAD_SIZE).encode())]
    expected += [("GET", f"/files/{name}", b"", (workdir / "files" / name).read_bytes()) for name in HTTP_FILES]
    for method, path, body, answer in expected:
        status, got = _http(port, method, path, body)
        if (status, got) != (200, answer):
            raise RuntimeError(f"{method} {path} was answered {status} with {len(got)} bytes "
                               f"({got[:40]!r}), not the expected {len(answer)} bytes")


def prepare_http(workdir: Path) -> None:
    """The files to download and wrk's upload script, in the run's temporary folder."""
    (workdir / "files").mkdir(exist_ok=True)
    for name, size in HTTP_FILES.items():
        (workdir / "files" / name).write_bytes(os.urandom(size))
    (workdir / "upload.lua").write_text(
        f'wrk.method = "POST"\nwrk.body = string.rep("x", {UPLOAD_SIZE})\n'
        'wrk.headers["Content-Type"] = "application/octet-stream"\n')


_WRK_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def wrk(port: int, path: str, connections: int, seconds: int, warmup: int, script: Path | None) -> dict:
    """wrk (one thread, keep-alive) against 127.0.0.1: requests/s, p50 and p99 in ms, its own CPU."""
    command = [WRK, "-t1", f"-c{connections}", "--latency", "--timeout", "10s"]
    if script is not None:
        command += ["-s", str(script)]
    url = f"http://127.0.0.1:{port}{path}"
    if warmup:
        subprocess.run([*command, f"-d{warmup}s", url], capture_output=True, timeout=warmup + 30, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([*command, f"-d{seconds}s", url], capture_output=True, text=True, timeout=seconds + 30)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    out = done.stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    percentiles = {p: float(v) * _WRK_UNITS[u] for p, v, u in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)}
    if rate is None or "99" not in percentiles:
        raise RuntimeError(f"cannot read wrk's output: {out[-500:]}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if bad:
        raise RuntimeError(f"{bad.group(1)} answers were not 2xx or 3xx")
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(map(int, errors.groups())) if errors else 0
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    if socket_errors:
        raise RuntimeError(f"wrk saw {errors.group(0)} in {requests} requests")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"rate": float(rate.group(1)), "p50_ms": percentiles["50"], "p99_ms": percentiles["99"],
            "requests": requests, "socket_errors": socket_errors, "loadgen_cpu": cpu / seconds}


WRK = shutil.which("wrk")


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
    server = Server(kind, peers, workdir, http=scenario in HTTP_SERVED)
    try:
        ready = server.start()
        if scenario in HTTP:
            return _http_scenario(scenario, server, settings, workdir)
        if scenario == "startup":
            return {"startup_ms": ready * 1000}
        if scenario == "idle":
            return _idle(server, peers, settings)
        if scenario == "http_idle":
            result = _idle(server, peers, settings, {"scenario": "httpIdle", "path": "/hello"})
            return {**result, "http_bytes_per_connection": result["bytes_per_connection"]}
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


def _http_scenario(scenario: str, server: Server, settings: Settings, workdir: Path) -> dict:
    path, script, connections, *_ = HTTP[scenario]
    check_http_work(server.port, workdir)
    cpu_before, wall_before = server.cpu_seconds(), time.perf_counter()
    result = wrk(server.port, path, connections, settings.http_seconds, settings.http_warmup,
                 workdir / script if script else None)
    result["server_cpu"] = (server.cpu_seconds() - cpu_before) / (time.perf_counter() - wall_before)
    # Keys of their own: the report keys medians and ratios by metric.
    result[f"{scenario}_rate"], result[f"{scenario}_p99_ms"] = result["rate"], result["p99_ms"]
    return result


def _idle(server: Server, peers: peer_setup.Peers, settings: Settings, scenario: dict | None = None) -> dict:
    """Server RSS growth per connection held open (WebSocket sessions, or with `scenario`
    the load generator's httpIdle)."""
    time.sleep(0.5)
    before = server.rss()
    options = {"scenario": "idle", "port": server.port, "connections": settings.idle_connections,
               "hold": 60, "deadline": 120, **(scenario or {})}
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
    if WRK is None and any(s in HTTP for s in scenarios):
        notes.append("wrk is not installed (Debian: apt-get install wrk): the HTTP scenarios are skipped")
        scenarios = [s for s in scenarios if s not in HTTP]
    if any(k.name == "node" and not k.websocket for k in kinds) and any(s not in HTTP_SERVED for s in scenarios):
        notes.append("Node is measured in the HTTP scenarios only (its WebSocket server needs the `ws` package)")
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
        prepare_http(workdir)
        for round_index in range(rounds):
            order = kinds if round_index % 2 == 0 else list(reversed(kinds))
            for scenario in scenarios:
                if scenario == "startup":
                    floors.append(import_floor(workdir))
                for kind in order:
                    if scenario not in HTTP_SERVED and not kind.websocket:
                        continue
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
