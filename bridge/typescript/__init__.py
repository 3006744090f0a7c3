"""Run TypeScript in a JavaScript engine by erasing its types in place."""

from .api import check, strip
from .errors import TypeScriptSyntaxError

__all__ = ["TypeScriptSyntaxError", "check", "strip"]
