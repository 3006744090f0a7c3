"""SIGINT and SIGTERM that stop JS even in a busy loop (`while (true) {}`).

Python acts on a signal only between bytecodes, and JS running in the engine is one long
call, so an asyncio signal handler alone never runs while a script spins. _interrupt.c adds
a C signal handler in front of Python's: it asks the engine to interrupt the running JS,
and JS still running 100 ms later ends with an uncatchable error, noting where it was.
The asyncio handler runs as soon as JS returns; it settles the stop, so JS runs normally
again (servers close their sessions, and their `onDisconnected` runs) and hands on the
stack where JS was stopped.
"""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from typing import Callable

import pythonmonkey as pm

from . import _interrupt
from .engine import INTERNAL_PREFIX
from .errors import Frame

# What pythonmonkey 1.4.1 raises for JS ended with no exception; only an interrupt does that.
_NO_EXCEPTION = "Spidermonkey failed, but spidermonkey did not set an exception."
# JS::FormatStackDump's lines: `0 name() ["FILE":LINE:COL]`.
# (A global script's frame has no name and no parentheses.)
_STACK_FRAME = re.compile(r'^\d+ (?P<name>[^\[]*?)(?:\(\))? ?\["(?P<file>.*)":(?P<line>\d+):(?P<col>\d+)\]$')


class Interrupted(Exception):
    """A script's top level was stopped by a signal (the signal's handler has the stack)."""


def is_interruption(error: BaseException | None) -> bool:
    """Whether `error` is JS ended by a signal (see the module's description)."""
    return (isinstance(error, pm.SpiderMonkeyError) and getattr(error, "jsError", None) is None
            and str(error) == _NO_EXCEPTION)


def handle_signals(loop: asyncio.AbstractEventLoop, on_signal: Callable[[int, list[Frame]], None],
                   signums: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)) -> None:
    """Call `on_signal(signum, stack)` on the loop for each of `signums`, stopping running JS
    first; `stack` holds the user's frames (innermost first) where JS was stopped, empty if
    none was running. In optimised code the engine may place a frame a line early. stop_handling_signals() undoes it."""
    _interrupt.install(sys.modules["pythonmonkey.pythonmonkey"].__file__)

    def settle(signum: int) -> None:
        on_signal(signum, user_frames(_interrupt.settle() or ""))

    for signum in signums:
        loop.add_signal_handler(signum, settle, signum)
        _interrupt.arm(signum)  # after asyncio's handler, which it chains to


def stop_handling_signals(loop: asyncio.AbstractEventLoop,
                          signums: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)) -> None:
    """Give the signals back to Python's own handling, and let JS run again even if a signal
    came that the loop never got to handle (the engine keeps running JS as Python exits)."""
    for signum in signums:
        loop.remove_signal_handler(signum)
    _interrupt.settle()


def user_frames(stack: str) -> list[Frame]:
    frames = []
    for text in stack.splitlines():
        match = _STACK_FRAME.match(text)
        if match and not match["file"].startswith((INTERNAL_PREFIX, "self-hosted")):
            name = "" if match["name"] in ("anonymous", "") else match["name"]
            frames.append(Frame(name, match["file"], int(match["line"]), int(match["col"])))
    return frames
