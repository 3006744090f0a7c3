"""scripting-bridge: run Scripting-app scripts in SpiderMonkey, with the app's globals served from Python."""

from .runtime import Runtime, ScriptError

__all__ = ["Runtime", "ScriptError"]
