"""The event loop the command line runs scripts on: uvloop's where it is installed.

uvloop (libuv, the loop Node runs on) does a socket read or write in C where asyncio's
selector loop runs Python for each: in the runs that chose it, the bridge's WebSocket echo was
faster and steadier on it (docs/benchmarks.md, "The event loop"). `SCRIPTING_BRIDGE_LOOP=asyncio` picks asyncio's own
loop instead (the benchmarks do, to pair the bridge with pure-Python servers on the same
loop); `bridge.Runtime` itself runs on whatever loop its host program runs.
"""

from __future__ import annotations

import asyncio
import os
from typing import Awaitable, Callable, TypeVar

T = TypeVar("T")

ENVIRONMENT = "SCRIPTING_BRIDGE_LOOP"
CHOICES = ("uvloop", "asyncio")


def chosen() -> str:
    """"uvloop" or "asyncio": what SCRIPTING_BRIDGE_LOOP asks for, else uvloop if installed.
    Raises ValueError naming the variable for any other value, or for uvloop not installed."""
    asked = os.environ.get(ENVIRONMENT, "")
    if asked not in ("", *CHOICES):
        raise ValueError(f"{ENVIRONMENT}={asked!r}: expected one of {', '.join(CHOICES)}")
    if asked == "asyncio":
        return "asyncio"
    try:
        import uvloop  # noqa: F401
    except ImportError:
        if asked == "uvloop":
            raise ValueError(f"{ENVIRONMENT}=uvloop, but uvloop is not installed (pip install uvloop)") from None
        return "asyncio"
    return "uvloop"


def run(main: Callable[[], Awaitable[T]]) -> T:
    """asyncio.run(main()) on the chosen loop."""
    if chosen() == "uvloop":
        import uvloop
        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            return runner.run(main())
    return asyncio.run(main())
