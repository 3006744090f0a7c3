"""`scripting-bridge run|strip|check`: run a script as the Scripting app would, or inspect it."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from pathlib import Path

import pythonmonkey as pm

from .runtime import Runtime, ScriptError
from .runtime.engine import compile_script
from .runtime.runtime import compile_error_report
from .typescript import TypeScriptSyntaxError, check, strip

_TYPESCRIPT = (".ts", ".mts", ".cts")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripting-bridge", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run .ts or .js scripts, in order, until nothing is left to do")
    run.add_argument("files", type=Path, nargs="+", metavar="file",
                     help="scripts sharing one runtime: an earlier one can set globals for a later one")
    show = commands.add_parser("strip", help="print the JavaScript a .ts file runs as (same lines and columns)")
    show.add_argument("file", type=Path)
    verify = commands.add_parser("check", help="report syntax errors without running anything")
    verify.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if args.command == "run":
        return asyncio.run(_run(args.files))
    if args.command == "strip":
        return _strip(args.file)
    return _check(args.files)


async def _run(paths: list[Path]) -> int:
    loop = asyncio.get_running_loop()
    signalled: asyncio.Future[int] = loop.create_future()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, lambda s=signum: signalled.done() or signalled.set_result(s))
    async with Runtime() as runtime:
        script = asyncio.ensure_future(_run_until_idle(runtime, paths))
        await asyncio.wait({script, signalled}, return_when=asyncio.FIRST_COMPLETED)
        if not script.done():
            script.cancel()
            return 128 + signalled.result()  # the shell's convention; close() runs on the way out
        try:
            script.result()
        except ScriptError as error:
            print(error, file=sys.stderr, flush=True)
            return 1
    return 0


async def _run_until_idle(runtime: Runtime, paths: list[Path]) -> None:
    for path in paths:
        await runtime.run_file(path)
    await runtime.idle()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{path}: cannot read the script: {error}", file=sys.stderr)
        return None


def _strip(path: Path) -> int:
    code = _read(path)
    if code is None:
        return 1
    try:
        sys.stdout.write(strip(code, str(path)) if path.suffix in _TYPESCRIPT else code)
    except TypeScriptSyntaxError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _check(paths: list[Path]) -> int:
    failed = False
    for path in paths:
        code = _read(path)
        if code is None:
            failed = True
            continue
        problems = [str(e) for e in check(code, str(path))] if path.suffix in _TYPESCRIPT else []
        if not problems:
            try:
                compile_script(strip(code, str(path)) if path.suffix in _TYPESCRIPT else code, str(path))
            except pm.SpiderMonkeyError as error:
                problems.append(compile_error_report(error, str(path)))
        for problem in problems:
            print(problem, file=sys.stderr)
        failed = failed or bool(problems)
    return 1 if failed else 0
