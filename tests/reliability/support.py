"""Helpers for the reliability suite: soak scaling, time bounds, memory and heap measurements,
and a server run the way a user runs it (`scripting-bridge run`, in its own process)."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import gc
import io
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import textwrap
import time
import types
from pathlib import Path

import pytest

from helpers import EXAMPLES, REPO

SEED_CHAT_ROOM = EXAMPLES / "seed" / "chat_room.ts"

# BRIDGE_SOAK=1 scales counts and durations up (README: "Reliability and soak tests").
SOAK = os.environ.get("BRIDGE_SOAK", "") not in ("", "0")


def scaled(ci, soak):
    """The CI value, or the soak value when BRIDGE_SOAK=1."""
    return soak if SOAK else ci


def bounded(seconds: float, soak_seconds: float | None = None):
    """Run an async test on a fresh loop, failing it if it takes longer than its bound.

    (tests/conftest.py runs `async def` tests with a flat 120 s bound; the soak mode needs more,
    so these tests are plain functions that run their coroutine themselves.)"""
    limit = scaled(seconds, soak_seconds or seconds)

    def wrap(test):
        @functools.wraps(test)
        def run(*args, **kwargs):
            asyncio.run(asyncio.wait_for(test(*args, **kwargs), limit))
        return run
    return wrap


# Memory, file descriptors.

_PAGE = os.sysconf("SC_PAGE_SIZE")
MiB = 1024 * 1024


def rss(pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE


def fd_count(pid: int | str = "self") -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def raise_fd_limit(needed: int) -> int:
    """Raise this process's RLIMIT_NOFILE soft limit to the hard limit (children inherit it);
    skip the test if even the hard limit is below `needed`."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < needed:
        pytest.skip(f"needs {needed} file descriptors per process; the hard RLIMIT_NOFILE is {hard} "
                    f"(raise it, e.g. `ulimit -Hn {needed + 1000}` as root, to run this test)")
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else needed * 2, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# The JS heap and the Python<->JS proxies of this process's one SpiderMonkey context.

_CENSUS = None


def collect() -> None:
    """A full JS collection and a full Python collection, twice (each can free the other's)."""
    import pythonmonkey as pm
    for _ in range(2):
        gc.collect()
        pm.collect()


def js_heap() -> dict[str, int]:
    """Live cells of the JS heap, counted by SpiderMonkey's Debugger.Memory.takeCensus().

    pythonmonkey 1.4.1 exposes no GC statistics, but it creates a `debuggerGlobal` with the
    Debugger API in it (the runtime keeps `Debugger` away from scripts: engine_globals.py), and a census walks every live cell of the debuggee's zone. Keys:
    "objects"/"strings"/"scripts"/"other" (count), "*_bytes", and "class:NAME" per object class
    ("class:Proxy" are Python objects seen from JS; "class:FinalizationRecord" are Python
    callables handed to JS, each registered with a finalizer)."""
    global _CENSUS
    import pythonmonkey as pm
    from bridge.runtime import engine_globals
    if _CENSUS is None:
        _CENSUS = pm.eval("debuggerGlobal.eval")("""(mainGlobal, Debugger) => () => {
          const dbg = new Debugger(mainGlobal);
          try {
            const coarse = dbg.memory.takeCensus({ breakdown: { by: "coarseType",
              objects: { by: "objectClass", then: { by: "count", count: true, bytes: true },
                         other: { by: "count", count: true, bytes: true } },
              scripts: { by: "count", count: true, bytes: true },
              strings: { by: "count", count: true, bytes: true },
              other: { by: "count", count: true, bytes: true } } });
            const result = {};
            for (const kind of ["scripts", "strings", "other"]) {
              result[kind] = coarse[kind].count; result[kind + "_bytes"] = coarse[kind].bytes;
            }
            let count = 0, bytes = 0;
            for (const [name, cell] of Object.entries(coarse.objects)) {
              result["class:" + name] = cell.count; count += cell.count; bytes += cell.bytes;
            }
            result.objects = count; result.objects_bytes = bytes;
            return JSON.stringify(result);
          } finally { dbg.removeAllDebuggees(); }
        }""")(pm.globalThis, engine_globals.debugger_class())
    return json.loads(_CENSUS())


def measure() -> dict:
    """After full collections: this process's RSS and allocated Python memory blocks (every
    object, tracked by the cyclic GC or not: a leaked float or proxy shows here), its JS heap
    census and its Python objects the cyclic GC tracks, by type."""
    collect()
    footprint = {"rss": rss(), "blocks": sys.getallocatedblocks()}
    return {**footprint, "heap": js_heap(), "python": python_objects()}


async def growth_per_operation(phase, operations: int, phases: int = 3) -> dict:
    """Run `phase()` (`operations` operations each time) `phases` times, measuring around
    each. For RSS and Python blocks: the least growth per operation over the phases, since a
    leak grows in every phase while a one-off (an allocator keeping freed memory, a cache
    filling up) grows in one. For the JS heap's cells and the tracked Python objects, what
    grew in the last phase (both are exact counts)."""
    from bridge.runtime import promise_jobs

    async def footprint() -> tuple[int, int]:
        # Promise jobs a phase left queued (an async handler's last reactions) hold memory
        # until they run; let them run first.
        await promise_jobs.settled()
        collect()
        return rss(), sys.getallocatedblocks()

    footprints = [await footprint()]
    for number in range(phases):
        if number == phases - 1:
            # The census is made before this footprint, so its own objects are not counted.
            before = measure()
            footprints[-1] = await footprint()
        await phase()
        footprints.append(await footprint())
    after = measure()
    steps = list(zip(footprints, footprints[1:]))
    return {
        "rss": min(b[0] - a[0] for a, b in steps) / operations,
        "blocks": min(b[1] - a[1] for a, b in steps) / operations,
        "heap": heap_growth(before, after),
        "python": grown(before["python"], after["python"], slack=20),
    }


def leaks(growth: dict, rss_per_operation: float = 128) -> dict:
    """What of `growth_per_operation` shows a leak: any JS heap or tracked-object growth, more
    than one Python block per 100 operations (a leak is one or more per operation), or more RSS
    per operation than `rss_per_operation` bytes."""
    found = {key: growth[key] for key in ("heap", "python") if growth[key]}
    if growth["blocks"] > 0.01:
        found["blocks"] = f"{growth['blocks']:.2f} Python blocks per operation"
    if growth["rss"] > rss_per_operation:
        found["rss"] = f"{growth['rss']:.0f} bytes of RSS per operation"
    return found


def heap_growth(before: dict, after: dict, slack: int = 50) -> dict:
    """Cell kinds and object classes of the JS heap that grew by more than `slack`."""
    counts = {key: value for key, value in after["heap"].items() if not key.endswith("_bytes")}
    return grown(before["heap"], counts, slack)


def python_objects() -> collections.Counter:
    """Live Python objects (those the cyclic GC tracks) of pythonmonkey's proxy types and of the
    bridge's and websockets' own classes, by type name; and bound methods of the bridge's objects
    (what JS gets when it looks a method up on a Python host object), by method name."""
    counts: collections.Counter = collections.Counter()
    for obj in gc.get_objects():
        kind = type(obj)
        if kind is types.MethodType:
            owner = type(obj.__self__)
            if _module_of(owner).startswith("bridge"):
                counts[f"bound method {_module_of(owner)}.{owner.__qualname__}.{obj.__func__.__name__}"] += 1
            continue
        module = _module_of(kind)
        if module.startswith(("pythonmonkey", "bridge", "websockets")):
            counts[f"{module}.{kind.__qualname__}"] += 1
    return counts


def _module_of(kind: type) -> str:
    module = kind.__dict__.get("__module__", None)
    if not isinstance(module, str):
        module = getattr(kind, "__module__", "")
    return module if isinstance(module, str) else ""


def grown(before: dict, after: dict, slack: int) -> dict:
    """The keys whose count grew by more than `slack`: {key: (before, after)}."""
    return {key: (before.get(key, 0), value) for key, value in after.items()
            if value - before.get(key, 0) > slack}


# A server in this process whose output is counted, not kept (so it costs no memory).

class Tally(io.TextIOBase):
    """A text stream that keeps only a count of lines with each marker, and the last lines."""

    def __init__(self, keep: int = 50) -> None:
        self.lines = 0
        self.last: collections.deque[str] = collections.deque(maxlen=keep)
        self._partial = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        *complete, self._partial = (self._partial + text).split("\n")
        self.lines += len(complete)
        self.last.extend(complete)
        return len(text)

    def getvalue(self) -> str:
        return "\n".join(self.last)


@contextlib.asynccontextmanager
async def serving_quietly(*scripts: str, start: str = "{ port: 0 }"):
    """Like tests/helpers.serving, but stdout and stderr are Tally streams."""
    import bridge
    stdout, stderr = Tally(), Tally()
    async with bridge.Runtime(stdout=stdout, stderr=stderr) as runtime:
        await runtime.run_source("globalThis.server = new HttpServer()", "prelude.js")
        for index, script in enumerate(scripts):
            await runtime.run_source(script, f"script{index}.js")
        await runtime.run_source(
            f"const failure = server.start({start}); if (failure !== null) throw new Error(failure)",
            "start.js")
        yield runtime, stdout, stderr


# A server run as a user runs it: `python -m bridge run prelude.js SCRIPT... start.js`.

class ScriptProcess:
    """`scripting-bridge run` on scripts that use a free `server` (as the seed's samples do): a
    prelude makes it, the scripts register handlers, and the last script starts it and prints
    `listening PORT`. Output goes to files, so a process that prints a lot never blocks."""

    def __init__(self, directory: Path, *scripts: str | Path, start: str = "{ port: 0 }",
                 listen: str = "127.0.0.1", fd_limits: tuple[int, int] | None = None) -> None:
        """`fd_limits`: the (soft, hard) RLIMIT_NOFILE the server starts with."""
        self.directory = directory
        self.fd_limits = fd_limits
        directory.mkdir(parents=True, exist_ok=True)
        files = [self._write("prelude.js", f"""
            globalThis.server = new HttpServer()
            server.listenAddressIPv4 = "{listen}"
            """)]
        for index, script in enumerate(scripts):
            files.append(script if isinstance(script, Path) else self._write(f"script{index}.js", script))
        start_options = start.rstrip()[:-1] + ", forceIPv4: true }"
        files.append(self._write("start.js", f"""
            const failure = server.start({start_options})
            if (failure !== null) throw new Error(failure)
            console.log("listening", server.port)
            """))
        self._stdout_path = directory / "stdout.txt"
        self._stderr_path = directory / "stderr.txt"
        self.files = files
        self.process: subprocess.Popen | None = None
        self.port: int | None = None

    def _write(self, name: str, source: str) -> Path:
        path = self.directory / name
        path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
        return path

    def start(self, timeout: float = 30.0) -> ScriptProcess:
        with open(self._stdout_path, "wb") as out, open(self._stderr_path, "wb") as err:
            limits = self.fd_limits
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bridge", "run", "--quiet", *map(str, self.files)], stdout=out, stderr=err, cwd=REPO,
                preexec_fn=None if limits is None else lambda: resource.setrlimit(resource.RLIMIT_NOFILE, limits))
        deadline = time.monotonic() + timeout
        while self.port is None:
            for line in self.lines():
                if line.startswith("listening "):
                    self.port = int(line.split()[1])
            if self.port is None:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"the server did not start:\n{self.stderr()}")
                time.sleep(0.02)
        self._first_connection()
        return self

    def _first_connection(self) -> None:
        """One request answered and closed, so that what the event loop opens once, at its first
        connection, is open before a test counts file descriptors (uvloop's libuv keeps one on
        /dev/null in reserve for when descriptors run out)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(b"GET /__first__ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            while sock.recv(65536):
                pass

    def url(self, path: str) -> str:
        return f"ws://127.0.0.1:{self.port}{path}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def stdout(self) -> str:
        return self._stdout_path.read_text(encoding="utf-8", errors="replace")

    def stderr(self) -> str:
        return self._stderr_path.read_text(encoding="utf-8", errors="replace")

    def lines(self) -> list[str]:
        return self.stdout().splitlines()

    def alive(self) -> bool:
        return self.process.poll() is None

    def rss(self) -> int:
        return rss(self.pid)

    def fds(self) -> int:
        return fd_count(self.pid)

    async def until(self, condition, timeout: float = 10.0, what: str = "condition") -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; stderr:\n{self.stderr()[-3000:]}")
            await asyncio.sleep(0.05)

    def count(self, line: str) -> int:
        return self.lines().count(line)

    def crash_signs(self) -> list[str]:
        """Lines of stderr that show the host itself failing (not a script's reported error)."""
        signs = ("Traceback", "Exception in callback", "Fatal Python error", "Segmentation fault",
                 "Task exception was never retrieved", "Error in sys.excepthook", "MemoryError")
        return [line for line in self.stderr().splitlines() if line.startswith(signs)]

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
            raise AssertionError(f"the server did not exit within {timeout} s of signal {signum}")

    def __enter__(self) -> ScriptProcess:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
