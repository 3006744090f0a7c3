"""The runtime core: engine, event loop integration, errors, console and timers."""

from .engine_import import defer_xhr_helper

defer_xhr_helper()  # before anything imports pythonmonkey

from .errors import ScriptError  # noqa: E402
from .runtime import Runtime  # noqa: E402

__all__ = ["Runtime", "ScriptError"]
