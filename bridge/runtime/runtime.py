"""`Runtime`: runs scripts in the embedded engine on the running asyncio loop.

pythonmonkey schedules promise jobs on the running loop, so a Runtime is made and used
inside a coroutine. Its JS timers, promise jobs and socket servers all share that loop.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar, Iterable, TextIO

import pythonmonkey as pm

from .console import ConsoleHost
from .engine import Engine
from .errors import ErrorReporter, ScriptError, format_error
from .interrupts import Interrupted, is_interruption
from .liveness import Liveness
from .outbox import js_callable
from . import async_stacks, promise_jobs
from .rejections import RejectionTracker
from .timers import TimerHost
from ..modules.resolution import ResolutionError, folder_entry

if TYPE_CHECKING:
    from ..apis import Api

class _CoreHost:
    """Python side of core.js: error reports and the outcome of each script's top level."""

    def __init__(self, reporter: ErrorReporter, timers: TimerHost) -> None:
        self._reporter = reporter
        self.outcomes: dict[int, asyncio.Future] = {}
        self._timers = timers

    @js_callable
    def report_error(self, kind: str, headline: str, stack: str, file: str, line: int, column: int) -> None:
        self._reporter.report_error(kind, headline, stack, file, line, column)

    @js_callable
    def report_slow(self, name: str, milliseconds: float) -> None:
        self._reporter.report_slow(name, milliseconds)

    @js_callable
    def script_finished(self, token: int) -> None:
        self.outcomes.pop(token).set_result(None)

    @js_callable
    def script_failed(self, token: int, headline: str, stack: str, file: str, line: int,
                      column: int) -> None:
        # As when Node dies of an uncaught exception, nothing the script scheduled runs after.
        self._timers.cancel_all()
        self.outcomes.pop(token).set_exception(ScriptError(format_error(
            f"Uncaught {headline}", stack, file, line, column)))


class Runtime:
    """Scripts, their globals and everything they start. One may be open per process at a time,
    because pythonmonkey has a single JS context whose globals every script shares."""

    _open: ClassVar[Runtime | None] = None

    def __init__(self, *, stdout: TextIO | None = None, stderr: TextIO | None = None,
                 apis: Iterable[Api] | None = None, announce: bool = False,
                 code_frames: bool = False, query_parameters: dict | None = None,
                 data_dir: str | Path | None = None, async_stack_traces: bool = False,
                 promise_jobs_per_turn: int = promise_jobs.JOBS_PER_TURN) -> None:
        if Runtime._open is not None:
            raise RuntimeError("a bridge.Runtime is already open in this process; close() it first")
        self.loop = asyncio.get_running_loop()
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.liveness = Liveness()
        self.servers: list = []  # servers the scripts started and that still run
        self.announce = announce  # whether a server that starts says where it listens (see say())
        self.errors = ErrorReporter(self.stderr)
        self.sources: dict[str, str] = {}  # scripts that are no file (stdin, -e), for code frames
        if code_frames:  # each report shows the line it points at
            self.errors.code_frames = self.sources
        self.engine = Engine(self.liveness)
        self._timers = TimerHost(self.loop, self.liveness)
        self._core = _CoreHost(self.errors, self._timers)
        self._scripts = 0
        self.script_dir = Path.cwd()  # where the last script run lives: relative paths start here
        self.entry: Path | None = None  # the first script file (or folder) run: what `Script` describes
        self.query_parameters = dict(query_parameters or {})  # Script.queryParameters
        self.data_dir = data_dir  # overrides where scripts keep data (files/locations.py)
        # Set by Script.exit(result): the run is over; `exit_result` is the result it gave.
        self.exited: asyncio.Future[None] = self.loop.create_future()
        self.exit_result: object = None
        self._closers: list[Callable[[], object]] = []

        self.inbox = self.engine.inbox
        self.engine.load("runtime/checks.js", None)
        self.engine.load("runtime/core.js", self._core)
        self.engine.load("runtime/console.js", ConsoleHost(self.stdout, self.stderr))
        self.engine.load("runtime/timers.js", self._timers)
        self._timers.fire = self.engine.entry_points("timers", "fire").fire
        from ..modules.loader import ModuleLoader  # here: bridge.modules builds on this package

        self.modules = ModuleLoader(self.engine)
        if apis is None:
            from ..apis import APIS as apis
        self.apis: dict[str, object] = {}  # what each API installed returned, by name (apis.py)
        for api in apis:
            missing = [name for name in api.needs if name not in self.apis]
            if missing:
                raise RuntimeError(f"the {api.name} API needs {', '.join(missing)} installed before it")
            self.apis[api.name] = api.install(self)
        self._rejections = RejectionTracker(self.engine, self.loop, self.liveness)
        promise_jobs.apply(self.loop, promise_jobs_per_turn)
        # Each promise records its stack only if asked: it costs every promise (async_stacks.py).
        self._engine_async_stacks = async_stacks.captured()
        async_stacks.capture(async_stack_traces)
        self._loop_exceptions = self.loop.get_exception_handler()
        self.loop.set_exception_handler(self._on_loop_exception)
        Runtime._open = self

    async def __aenter__(self) -> Runtime:
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.close()

    def expose(self, name: str, value: object) -> None:
        """Give scripts a global `name` for a Python object. A function (or other callable
        that is not a class) is called through the outbox, so calls leave nothing behind;
        any other object is handed over as a pythonmonkey proxy."""
        if callable(value) and not isinstance(value, type):
            value = self.engine.outbox.function(value)
        self.engine.internals.defineGlobal(name, value)

    def folder_of(self, script_file: str) -> Path:
        """Where relative paths a script gives start: its folder, or for a script that is no
        file (stdin, -e) the last script's."""
        path = Path(script_file) if script_file else None
        return path.resolve().parent if path is not None and path.is_file() else self.script_dir

    def say(self, line: str) -> None:
        """A line about the run itself (`listening on ...`), on stderr when `announce` is set."""
        if self.announce:
            self.stderr.write(line + "\n")
            self.stderr.flush()

    def _on_loop_exception(self, loop: asyncio.AbstractEventLoop, context: dict) -> None:
        if is_interruption(context.get("exception")):
            return  # JS a signal stopped, in a callback of the loop: the signal's handler reports it
        if self._loop_exceptions is not None:
            self._loop_exceptions(loop, context)
        else:
            loop.default_exception_handler(context)

    def on_close(self, closer: Callable[[], object]) -> None:
        """Register a (possibly async) callable that close() runs; the APIs use it for servers."""
        self._closers.append(closer)

    async def run_source(self, code: str, filename: str) -> None:
        """Run a script's top level (awaiting a top-level `await`), `filename`'s extension saying
        whether it is TypeScript or JavaScript; imports are resolved from its folder. Raises
        ScriptError with the report a user reads when it does not load or throws."""
        await self._run(Path(filename), code)

    async def run_file(self, path: str | Path) -> None:
        """Run a .ts/.tsx/.js/.jsx file (or a script folder: its script.json's "entry", else its
        index.tsx, index.ts or index.js) with every module it imports."""
        path = Path(path)
        if path.is_dir():
            try:
                entry = folder_entry(path)
            except ResolutionError as error:
                raise ScriptError(str(error)) from None
            self.script_dir, path = path.resolve(), entry  # as the app's Script.directory
        else:
            self.script_dir = path.resolve().parent
        if self.entry is None:
            self.entry = path.resolve()
        await self._run(path, None)

    def loaded_files(self) -> list[Path]:
        """Every script file and module file loaded so far (what `run --watch` watches)."""
        return self.modules.files()

    def inspect(self, value: object) -> str:
        """A JS value as console.log shows it."""
        return self.engine.internals.inspect(value)

    def check(self, path: str | Path) -> list[str]:
        """Every problem that would stop `path` (a script, or a script folder) and the files it
        imports from loading, as the reports a user reads; nothing is run."""
        path = Path(path)
        try:
            entry = folder_entry(path) if path.is_dir() else path
        except ResolutionError as error:
            return [str(error)]
        return self.modules.check(entry)

    async def _run(self, path: Path, code: str | None) -> None:
        module_id = self.modules.load(path, code)
        self._scripts += 1
        outcome = self.loop.create_future()
        self._core.outcomes[self._scripts] = outcome
        try:
            self.engine.internals.runScript(self.modules.entry(module_id), self._scripts)
        except pm.SpiderMonkeyError as error:
            if is_interruption(error):
                raise Interrupted(str(path)) from None
            raise
        await outcome

    def exit(self, result: object = None) -> None:
        """End the run (Script.exit): idle() returns, and whoever runs the runtime closes it."""
        if not self.exited.done():
            self.exit_result = result
            self.exited.set_result(None)

    async def idle(self) -> None:
        """Wait until nothing can happen any more (no timer, server, socket or promise job), or
        until a script calls Script.exit()."""
        while not self.exited.done():
            await promise_jobs.settled()
            if self.exited.done():
                return
            if self.liveness.alive:
                released = asyncio.ensure_future(self.liveness.until_released())
                await asyncio.wait({released, self.exited}, return_when=asyncio.FIRST_COMPLETED)
                released.cancel()
                continue
            await asyncio.sleep(0)  # work scheduled with call_soon by the last callbacks
            if not self.liveness.alive:
                await promise_jobs.settled()
                if not self.liveness.alive:
                    return

    async def close(self) -> None:
        """Stop everything the scripts started (servers close their sessions) and cancel timers."""
        if Runtime._open is not self:
            return
        try:
            for closer in reversed(self._closers):
                result = closer()
                if asyncio.iscoroutine(result):
                    await result
        finally:
            self._timers.cancel_all()
            self.engine.outbox.close()
            self._rejections.close()
            promise_jobs.remove()
            async_stacks.capture(self._engine_async_stacks)
            self.loop.set_exception_handler(self._loop_exceptions)
            Runtime._open = None
