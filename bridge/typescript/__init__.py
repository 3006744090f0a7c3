"""Run TypeScript in a JavaScript engine by erasing its types in place."""

from .api import Transformed, check, erase, strip, transform
from .errors import TypeScriptSyntaxError
from .module_syntax import ModuleSyntax

__all__ = ["ModuleSyntax", "Transformed", "TypeScriptSyntaxError", "check", "erase", "strip", "transform"]
