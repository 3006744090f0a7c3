"""scripting-bridge: run Scripting-app scripts in SpiderMonkey, with the app's globals served from Python."""

from .runtime import engine_import

# Before any module of the package imports pythonmonkey (engine_import.py says what and why).
engine_import.prepare()

__all__ = ["Runtime", "ScriptError"]


def __getattr__(name: str):
    # Imported on first use: importing the engine takes most of a second, which the command
    # line's --help and --version should not wait for.
    if name in __all__:
        from . import runtime
        return getattr(runtime, name)
    raise AttributeError(f"module 'bridge' has no attribute {name!r}")
