"""The runtime core: engine, event loop integration, errors, console and timers."""

__all__ = ["Runtime", "ScriptError"]


def __getattr__(name: str):
    # Imported on first use, so that bridge/__init__.py can prepare pythonmonkey's import
    # (engine_import.py) before anything imports it.
    if name == "Runtime":
        from .runtime import Runtime
        return Runtime
    if name == "ScriptError":
        from .errors import ScriptError
        return ScriptError
    raise AttributeError(f"module 'bridge.runtime' has no attribute {name!r}")
