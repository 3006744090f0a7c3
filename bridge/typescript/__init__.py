"""Run TypeScript in a JavaScript engine by erasing its types in place.

The parser and the eraser are imported on the first use of what api.py defines: a script
with nothing to erase or transform (plain JavaScript importing nothing) starts without them.
"""

from .errors import TypeScriptSyntaxError
from .module_syntax import ModuleSyntax

__all__ = ["ModuleSyntax", "Transformed", "TypeScriptSyntaxError", "check", "erase", "strip", "transform"]
_API = ("Transformed", "check", "erase", "strip", "transform")


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
