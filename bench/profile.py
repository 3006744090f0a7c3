"""Profile a server process under one scenario with py-spy: where the Python side spends its time.

    python -m bench.profile [--server bridge|python|bridge-uvloop|python-uvloop]
                            [--scenario echo|broadcast|binary|http_hello|http_hello_async]
                            [--seconds 8] [--native] [--out DIR]

Starts the server as bench/run.py does, attaches `py-spy record` to it, drives it with
bench/loadgen.mjs (wrk for the HTTP scenarios: one thread, 50 connections), then prints the
functions with the most samples: "self" (the function itself was running) and "total" (it was
on the stack). The raw collapsed stacks are left in --out (default /tmp/bench-profile). py-spy
needs ptrace (root, or kernel.yama.ptrace_scope=0). With --native the C frames of pythonmonkey
and SpiderMonkey show up too (py-spy then pauses the process for each sample, which slows it
down).
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "bench"

from . import peers as peer_setup
from . import run
from .run import LOADGEN, Server, ServerKind


def _frame_name(frame: str) -> str:
    # py-spy raw frames look like "function (path/to/file.py:123)"; keep the function and file name
    name, _, where = frame.partition(" (")
    where = where.rstrip(")")
    file = where.rsplit("/", 1)[-1].split(":")[0] if where else ""
    return f"{name} ({file})" if file else name


def summarize(raw: Path, top: int) -> str:
    self_counts: collections.Counter = collections.Counter()
    total_counts: collections.Counter = collections.Counter()
    samples = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        n = int(count)
        frames = [_frame_name(f) for f in stack.split(";")]
        samples += n
        self_counts[frames[-1]] += n
        for name in set(frames):
            total_counts[name] += n
    lines = [f"{samples} samples", "", f"{'self %':>7}  function"]
    lines += [f"{100 * n / samples:6.1f}%  {name}" for name, n in self_counts.most_common(top)]
    lines += ["", f"{'total %':>7}  function"]
    lines += [f"{100 * n / samples:6.1f}%  {name}" for name, n in total_counts.most_common(top)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="bridge")
    parser.add_argument("--scenario", default="echo", choices=("echo", "broadcast", "binary", "http_hello",
                                                                "http_hello_async"))
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rate", type=int, default=250, help="py-spy samples per second")
    parser.add_argument("--native", action="store_true", help="include C frames (pythonmonkey, SpiderMonkey)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-profile"))
    parser.add_argument("--bridge-root", type=Path, help="profile the bridge package in this folder instead")
    args = parser.parse_args(argv)
    if args.bridge_root:
        run.BRIDGE_ROOT = args.bridge_root.resolve()
    py_spy = shutil.which("py-spy")
    if py_spy is None:
        print("py-spy is not installed (pip install -e '.[bench]')", file=sys.stderr)
        return 1
    peers = peer_setup.ensure()
    args.out.mkdir(parents=True, exist_ok=True)
    loop = "uvloop" if args.server.endswith("uvloop") else "asyncio"
    stem = f"{args.server}-{args.scenario}{'-native' if args.native else ''}"
    raw = args.out / f"{stem}.txt"  # collapsed stacks: speedscope or flamegraph.pl read them as they are
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as folder:
        server = Server(ServerKind(args.server, args.server, loop), peers, Path(folder),
                        http=args.scenario in run.HTTP_SERVED)
        server.start()
        try:
            if args.scenario.startswith("http_"):
                load = [run.WRK, "-t1", "-c50", f"-d{int(args.seconds) + 2}s",
                        f"http://127.0.0.1:{server.port}{run.HTTP[args.scenario][0]}"]
            else:
                if args.scenario == "broadcast":
                    options = {"scenario": "broadcast", "port": server.port, "connections": 1000,
                               "count": int(args.seconds * 20), "timeout": 20}
                elif args.scenario == "binary":
                    options = {"scenario": "echo", "port": server.port, "connections": 1, "inflight": 2,
                               "size": 1 << 20, "binary": True, "warmup": 0.5, "duration": args.seconds}
                else:
                    options = {"scenario": "echo", "port": server.port, "connections": 50, "inflight": 4,
                               "size": 64, "warmup": 0.5, "duration": args.seconds}
                options["deadline"] = args.seconds + 90
                load = [peers.node, str(LOADGEN), json.dumps(options)]
            generator = subprocess.Popen(load, stdout=subprocess.PIPE, text=True)
            time.sleep(1.0)  # connections open, warm-up under way
            spy = [py_spy, "record", "--pid", str(server.process.pid), "--duration", str(int(args.seconds)),
                   "--rate", str(args.rate), "--format", "raw", "-o", str(raw)]
            # Native stacks need the process paused while sampled; Python-only sampling does not.
            spy.append("--native" if args.native else "--nonblocking")
            subprocess.run(spy, check=True, timeout=args.seconds + 60, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            out, _ = generator.communicate(timeout=args.seconds + 90)
            print(f"load generator: {out.strip()}")
        finally:
            server.stop()
    print(summarize(raw, args.top))
    print(f"\nraw stacks: {raw}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
