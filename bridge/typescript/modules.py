"""`import`, `export`, `namespace` and `module`: erased when type-only, refused otherwise.

Scripts run as classic scripts, so value imports and exports cannot work, and
namespaces holding values would need code generated around them.
"""

from __future__ import annotations

from collections.abc import Sequence

from tree_sitter import Node

from .walk import Eraser, Handler

_CLASSIC_SCRIPT = "scripts run as classic scripts, not modules"
_TYPE_ONLY_DECLARATIONS = frozenset(
    {"interface_declaration", "type_alias_declaration", "ambient_declaration", "function_signature"}
)


def _import(eraser: Eraser, node: Node) -> Sequence[Node]:
    tokens = {child.type for child in node.children}
    clause = _child(node, "import_clause")
    names = [child for child in clause.named_children if child.type != "comment"] if clause else []
    only_named = len(names) == 1 and names[0].type == "named_imports"
    if "type" in tokens or (only_named and _only_type_specifiers(names[0], "import_specifier")):
        eraser.erase_statement(node)
    elif "import_require_clause" in tokens:
        eraser.refuse(node, "'import x = require(...)'")
    else:
        eraser.refuse(node, f"import declaration ({_CLASSIC_SCRIPT})")
    return ()


def _import_alias(eraser: Eraser, node: Node) -> Sequence[Node]:
    eraser.refuse(node, "import alias 'import x = ...'")
    return ()


def _export(eraser: Eraser, node: Node) -> Sequence[Node]:
    tokens = [child.type for child in node.children]
    declaration = node.child_by_field_name("declaration")
    if "=" in tokens:
        eraser.refuse(node, "'export ='")
    elif declaration is not None and _is_type_only(declaration):
        eraser.erase_statement(node)
    elif "type" in tokens or tokens[1:3] == ["as", "namespace"]:
        eraser.erase_statement(node)  # `export type { A }`, `export as namespace A`
    elif _only_type_specifiers(_child(node, "export_clause"), "export_specifier"):
        eraser.erase_statement(node)
    else:
        eraser.refuse(node, f"export declaration ({_CLASSIC_SCRIPT})")
    return ()


def _child(node: Node, node_type: str) -> Node | None:
    return next((child for child in node.children if child.type == node_type), None)


def _only_type_specifiers(specifiers: Node | None, specifier_type: str) -> bool:
    """`{ type A, type B }`: at least one specifier, all marked `type`."""
    if specifiers is None:
        return False
    children = [child for child in specifiers.named_children if child.type != "comment"]
    return bool(children) and all(
        child.type == specifier_type and any(token.type == "type" for token in child.children) for child in children
    )


def _namespace(eraser: Eraser, node: Node) -> Sequence[Node]:
    if _is_type_only(node):
        # `namespace N {}` parses as an expression statement.
        parent = node.parent
        eraser.erase_statement(parent if parent is not None and parent.type == "expression_statement" else node)
    else:
        what = "namespace" if node.type == "internal_module" else "module declaration"
        eraser.refuse(node, f"{what} with values in it")
    return ()


def _is_type_only(node: Node) -> bool:
    """Whether a declaration exists for the type checker only (TypeScript's non-instantiated)."""
    if node.type in _TYPE_ONLY_DECLARATIONS:
        return True
    if node.type == "export_statement":
        declaration = node.child_by_field_name("declaration")
        return declaration is not None and _is_type_only(declaration)
    if node.type == "expression_statement":
        return node.named_child_count == 1 and _is_type_only(node.named_children[0])
    if node.type in ("internal_module", "module"):
        body = node.child_by_field_name("body")
        return body is None or all(
            statement.type == "comment" or _is_type_only(statement) for statement in body.named_children
        )
    return False


HANDLERS: dict[str, Handler] = {
    "import_statement": _import,
    "import_alias": _import_alias,
    "export_statement": _export,
    "internal_module": _namespace,
    "module": _namespace,
}
