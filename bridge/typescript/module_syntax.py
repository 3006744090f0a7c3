"""What a file imports and exports, as the eraser records it (modules.py) and the runtime's
module loader (bridge/modules/) reads it, and the names the transformed code uses that the
loader defines. It imports no parser: the loader reads it for files that need none."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

    from .source import Source

# What the eraser writes in place of `export default <expression>`, `import(...)`, `import.meta`
# (names of the same or shorter length), and the element factory the JSX stage calls.
DEFAULT_LOCAL = "$$default"
DYNAMIC_IMPORT = "$$imp"
IMPORT_META = "$$meta"
FACTORY = "createElement"
FRAGMENT = "Fragment"


@dataclass(frozen=True)
class Request:
    """A module named by an `import ... from` or `export ... from`, where the name stands."""

    specifier: str
    line: int
    column: int


@dataclass(frozen=True)
class ImportBinding:
    local: str
    request: int  # index in ModuleSyntax.requests
    name: str  # the exported name; "*" for the namespace
    line: int
    column: int


@dataclass(frozen=True)
class ReExport:
    exported: str
    request: int
    name: str  # "*" for `export * as ns from`
    line: int
    column: int


@dataclass
class ModuleSyntax:
    """What a file imports and exports. `is_module` is false for a classic script."""

    is_module: bool = False
    requests: list[Request] = field(default_factory=list)
    imports: list[ImportBinding] = field(default_factory=list)
    # exported name -> (local name, declaration kind: const, let, var, function, class, import)
    exports: dict[str, tuple[str, str]] = field(default_factory=dict)
    reexports: list[ReExport] = field(default_factory=list)
    stars: list[int] = field(default_factory=list)  # requests of `export * from`
    dynamic: list[Request] = field(default_factory=list)  # `import("./x")` with a plain string
    # top-level names and their kinds (as in `exports`), imports included
    declared: dict[str, str] = field(default_factory=dict)
    type_names: set[str] = field(default_factory=set)  # top-level interfaces, type aliases
    type_exports: set[str] = field(default_factory=set)  # exported names that are types only
    uses_jsx: bool = False
    has_default_local: bool = False

    def request(self, source: Source, string: Node) -> int:
        specifier = "".join(source.text_of(part) for part in string.named_children)
        line, column = source.position(string)
        for index, known in enumerate(self.requests):
            if known.specifier == specifier:
                return index
        self.requests.append(Request(specifier, line, column))
        return len(self.requests) - 1
