"""The runtime core: engine, event loop integration, errors, console and timers."""

from .errors import ScriptError
from .runtime import Runtime

__all__ = ["Runtime", "ScriptError"]
