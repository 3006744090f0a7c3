"""`scripting-bridge`: run scripts written for the Scripting app, or inspect them.

The command line is parsed before the engine is imported (that takes most of a second), so
`--help` and `--version` answer at once; every command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

_EXAMPLES = """\
examples:
  scripting-bridge run server.ts                run a script until nothing is left to do
  scripting-bridge run "My Script"              a script folder: its script.json "entry", else index.*
  scripting-bridge run setup.js server.ts       several scripts in order, sharing globals
  scripting-bridge run --watch server.ts        restart it whenever a file it loaded changes
  echo 'console.log(1)' | scripting-bridge run -     a script from stdin (--ext ts: TypeScript)
  scripting-bridge -e 'console.log(Data.fromString("hi")?.toHexString())'
  scripting-bridge                              an interactive prompt (also: scripting-bridge repl)
  scripting-bridge check *.ts                   every error, imported files too, exit 1 if any
  scripting-bridge init my-scripts              tsconfig.json and typings for your editor

scripts and arguments: every argument of `run` before `--` is a script; every one after it is
a key=value pair for Script.queryParameters (strings); --queryparameters JSON gives an object
whose types are kept. Nothing runs unless every script exists and every argument is valid:
  scripting-bridge run server.ts --queryparameters '{"port": 8080, "debug": true}'
  scripting-bridge run server.ts -- port=8080 name=demo

exit status: 0 when all went well (or a script called Script.exit); 1 when a script failed to load, threw at top level, or an
error or unhandled rejection was reported while it ran (--tolerate-errors: 0 for the latter);
130 after Ctrl+C (SIGINT), 143 after SIGTERM.

event loop: uvloop's where it is installed (it is a dependency), else asyncio's;
SCRIPTING_BRIDGE_LOOP=asyncio or =uvloop chooses. --version says which."""


_RUN_RULE = """\
Every argument before `--` is a script to run (in order, sharing one runtime); every argument
after it is a key=value pair for Script.queryParameters, a string as from the app's run URL
scheme. Nothing runs unless every script exists and every argument is valid. Examples:
  scripting-bridge run server.ts --queryparameters '{"port": 8080, "debug": true}'
  scripting-bridge run server.ts -- port=8080 name=demo"""


def _json_object(text: str) -> dict:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise argparse.ArgumentTypeError(f"not JSON: {error}") from None
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError(f"must be a JSON object ({{...}}), got {type(value).__name__}")
    return value


def _query_parameters(parser: argparse.ArgumentParser, args: argparse.Namespace, pairs: list[str]) -> dict:
    """Script.queryParameters: --queryparameters, then the key=value pairs after `--` over it."""
    parameters = dict(args.queryparameters or {})
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key:
            parser.error(f"{pair!r} after `--` is not key=value (scripts go before `--`)")
        parameters[key] = value  # strings, as from the app's run URL scheme
    return parameters


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripting-bridge", description=__doc__.split("\n\n")[0],
                                     epilog=_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="store_true",
                        help="print the versions of scripting-bridge, pythonmonkey and SpiderMonkey")
    parser.add_argument("-e", "--eval", metavar="CODE",
                        help="run CODE as a script (as `run`), e.g. -e 'console.log(1 + 1)'")
    commands = parser.add_subparsers(dest="command", metavar="command")
    run = commands.add_parser("run", help="run scripts (.ts, .tsx, .js, .jsx) or script folders, in order, "
                                          "until nothing is left to do",
                              usage="%(prog)s [options] script [script ...] [-- key=value ...]",
                              epilog=_RUN_RULE, formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("files", type=Path, nargs="+", metavar="script",
                     help="scripts sharing one runtime: an earlier one can set globals for a later one; "
                          "- reads one from stdin. The first is the one `Script` describes")
    run.add_argument("--queryparameters", metavar="JSON", type=_json_object,
                     help="a JSON object: Script.queryParameters, with its types kept")
    _run_options(parser)
    _run_options(run, argparse.SUPPRESS)  # given after `run`, or before it: either works
    run.add_argument("--watch", action="store_true",
                     help="restart when a loaded file changes (servers stop, sessions are closed with 1001)")
    show = commands.add_parser("strip", help="print the JavaScript a script (or each file a script folder "
                                             "loads) runs as (same lines)")
    show.add_argument("file", type=Path)
    verify = commands.add_parser("check", help="report every error in scripts (or folders) and the files "
                                               "they import, without running anything")
    verify.add_argument("files", type=Path, nargs="+")
    commands.add_parser("repl", help="an interactive prompt (the default with no command)")
    init = commands.add_parser("init", help="write tsconfig.json and the typings into a folder, for an editor")
    init.add_argument("folder", type=Path, nargs="?", default=Path("."), help="default: the current folder")
    return parser


def _run_options(parser: argparse.ArgumentParser, default=None) -> None:
    parser.add_argument("--ext", choices=("js", "ts"), default=default or "js",
                        help="the language of a script from stdin or -e (default js)")
    parser.add_argument("--quiet", action="store_true", default=default or False,
                        help="no `listening on http://HOST:PORT` line when a server starts")
    parser.add_argument("--tolerate-errors", action="store_true", default=default or False,
                        help="exit 0 even if an error or unhandled rejection was reported while running")
    parser.add_argument("--async-stack-traces", action="store_true", default=default or False,
                        help="errors thrown after an `await` also list the async functions that awaited "
                             "(`at async ...`); every promise then records its stack, which slows "
                             "promise-heavy code")


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    # argparse cannot tell which side of `--` a positional was on: the pairs are taken out first.
    split = given.index("--") if "--" in given else len(given)
    parser = _parser()
    args = parser.parse_args(given[:split])
    pairs = given[split + 1:]
    if pairs and args.command != "run":
        parser.error("key=value arguments after `--` are for `run`")
    from . import event_loop
    try:
        event_loop.chosen()
    except ValueError as error:
        parser.error(str(error))
    if args.version:
        print(_versions())
        return 0
    if args.eval is not None:
        return _start([("[eval]", args.eval)], args)
    if args.command == "run":
        if args.watch:
            from .watch import watch
            return watch(given, args.files)
        args.query_parameters = _query_parameters(parser, args, pairs)
        missing = [path for path in args.files if path != Path("-") and not path.exists()]
        for path in missing:  # checked first, so that no script runs when a later one is missing
            print(f"{path}: cannot read the script: no such file or directory", file=sys.stderr)
        if missing:
            return 1
        return _start([_stdin() if path == Path("-") else path for path in args.files], args)
    if args.command == "strip":
        return _strip(args.file)
    if args.command == "check":
        return _check(args.files)
    if args.command == "init":
        from .init import init
        return init(args.folder)
    if args.command is None and not sys.stdin.isatty():
        return _start([_stdin()], args)  # `... | scripting-bridge`, as Node: a script from stdin
    from .repl import repl
    return repl()


def _versions() -> str:
    from importlib import metadata

    from . import event_loop
    import ctypes
    import importlib.util

    lines = [f"scripting-bridge {metadata.version('scripting-bridge')}",
             f"pythonmonkey {metadata.version('pythonmonkey')}"]
    folder = Path(importlib.util.find_spec("pythonmonkey").origin).parent
    for library in sorted(folder.glob("libmozjs-*.so")):  # asking the engine needs no JS context
        version = ctypes.CDLL(str(library))._Z27JS_GetImplementationVersionv
        version.restype = ctypes.c_char_p
        lines.append(f"SpiderMonkey {version().decode().removeprefix('JavaScript-C')}")
    loop = event_loop.chosen()
    lines.append(f"event loop: {loop}" + (f" {metadata.version('uvloop')}" if loop == "uvloop" else ""))
    return "\n".join(lines)


def _stdin() -> tuple[str, str]:
    return "[stdin]", sys.stdin.read()


def _start(scripts: list, args: argparse.Namespace) -> int:
    from . import event_loop
    return event_loop.run(lambda: _run(scripts, args))


async def _run(scripts: list, args: argparse.Namespace) -> int:
    """Run the scripts (paths, or (name, source) pairs) until nothing is left to do, or a
    signal; the exit status, as the help describes it."""
    import asyncio

    from .runtime.interrupts import handle_signals, is_interruption, stop_handling_signals

    import pythonmonkey as pm  # after bridge.runtime, which trims what importing it loads

    loop = asyncio.get_running_loop()
    signalled: asyncio.Future[tuple[int, list]] = loop.create_future()

    def on_signal(signum: int, stack: list) -> None:
        if signalled.done():
            _exit_at_once(128 + signum)  # a second Ctrl+C while servers are stopping
        signalled.set_result((signum, stack))

    handle_signals(loop, on_signal)
    try:
        return await _run_until_signalled(scripts, args, signalled)
    except pm.SpiderMonkeyError as error:
        if not is_interruption(error):
            raise
        return 128 + (await signalled)[0]  # a signal while the runtime was being made
    finally:
        stop_handling_signals(loop)


async def _run_until_signalled(scripts: list, args: argparse.Namespace, signalled) -> int:
    import asyncio

    from .runtime import Runtime, ScriptError
    from .runtime.errors import with_code_frame
    from .runtime.interrupts import Interrupted

    async with Runtime(announce=not args.quiet, code_frames=True, async_stack_traces=args.async_stack_traces,
                       query_parameters=getattr(args, "query_parameters", None)) as runtime:
        script = asyncio.ensure_future(_run_until_idle(runtime, scripts, args.ext))
        await asyncio.wait({script, signalled, runtime.exited}, return_when=asyncio.FIRST_COMPLETED)
        if runtime.exited.done() and not signalled.done():
            # Script.exit(): what still runs stops as the runtime closes; the result is printed.
            script.cancel()
            _print_result(runtime.exit_result)
            return 0
        if script.done() and isinstance(script.exception(), Interrupted):
            await signalled  # stopped in its top level: the signal's handler is next on the loop
        if signalled.done():
            script.cancel()
            signum, stack = signalled.result()
            if stack:
                _report_interruption(runtime, signum, stack)
            return 128 + signum  # the shell's convention; close() runs on the way out
        try:
            script.result()
        except ScriptError as error:
            print(with_code_frame(str(error), runtime.sources), file=sys.stderr, flush=True)
            return 1
        errors = runtime.errors.count
    if errors and not args.tolerate_errors:
        return 1
    return 0


def _print_result(result: object) -> None:
    """A string as it is, anything else as JSON; nothing for Script.exit() without a result."""
    if result is not None:
        print(result if isinstance(result, str) else json.dumps(result, ensure_ascii=False), flush=True)


async def _run_until_idle(runtime, scripts: list, ext: str) -> None:
    from .watch import note_loaded

    for script in scripts:
        if isinstance(script, Path):
            note_loaded(script)  # for a parent running --watch
            try:
                await runtime.run_file(script)
            finally:  # the modules it imported too, even one that failed to load
                for loaded in runtime.loaded_files():
                    note_loaded(loaded)
            continue
        name, code = script  # stdin or -e: the runtime reads it as TypeScript when its name says so
        if ext == "ts":
            name += ".ts"
        runtime.sources[name] = code
        await runtime.run_source(code, name)
    await runtime.idle()


def _report_interruption(runtime, signum: int, stack: list) -> None:
    import signal

    from .runtime.errors import with_code_frame

    where = f"{stack[0].file}:{stack[0].line}:{stack[0].column}: "
    report = "\n".join([f"{where}Interrupted by {signal.Signals(signum).name} while running JavaScript",
                        *(f"    at {frame}" for frame in stack)])
    runtime.stderr.write(with_code_frame(report, runtime.sources) + "\n")
    runtime.stderr.flush()


def _exit_at_once(status: int) -> None:
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{path}: cannot read the script: {error}", file=sys.stderr)
        return None


def _strip(path: Path) -> int:
    from .typescript import TypeScriptSyntaxError, strip

    if path.is_dir():
        return _strip_folder(path)
    code = _read(path)
    if code is None:
        return 1
    try:
        sys.stdout.write(strip(code, str(path)))
    except TypeScriptSyntaxError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _strip_folder(folder: Path) -> int:
    """Each file the folder's entry reaches, after a `// ==> FILE <==` line."""
    from .modules import strip_folder

    files, reports = strip_folder(folder)
    for filename, code in files:
        sys.stdout.write(f"// ==> {filename} <==\n{code}\n")
    for report in reports:
        print(report, file=sys.stderr)
    return 1 if reports else 0


def _check(paths: list[Path]) -> int:
    import asyncio

    return asyncio.run(_check_all(paths))


async def _check_all(paths: list[Path]) -> int:
    """Every error of each script (or folder) and the files it imports, as `run` would find them."""
    from .runtime import Runtime
    from .runtime.errors import with_code_frame

    failed = False
    async with Runtime() as runtime:
        for path in paths:
            reports = runtime.check(path)
            for report in reports:
                print(with_code_frame(report), file=sys.stderr)
            failed = failed or bool(reports)
    return 1 if failed else 0
