"""Constructor parameter properties: `constructor(private x: T)` declares and assigns `this.x`.

Emitted as TypeScript does for ES2022 classes: a field declaration `x;` first in
the class body, and `this.x = x;` first in the constructor body, or right after
the top-level `super(...)` call in a derived class. Insertions stay on the line
they are made on.
"""

from __future__ import annotations

from tree_sitter import Node

from .walk import Eraser

MODIFIERS = frozenset({"accessibility_modifier", "override_modifier", "readonly"})


def erase_modifiers(eraser: Eraser, parameter: Node, modifiers: list[Node]) -> None:
    """Erase `private`/`readonly`/... of a parameter; transform_constructor adds what they meant."""
    if not is_constructor(parameter.parent.parent if parameter.parent else None):
        eraser.refuse(modifiers[0], "parameter property outside a constructor")
    for modifier in modifiers:
        eraser.erase(modifier)


def transform_constructor(eraser: Eraser, method: Node) -> None:
    parameters = method.child_by_field_name("parameters")
    body = method.child_by_field_name("body")
    if parameters is None or body is None:
        return
    names = []
    for parameter in parameters.named_children:
        if not any(child.type in MODIFIERS for child in parameter.children):
            continue
        pattern = parameter.child_by_field_name("pattern")
        if pattern is None or pattern.type != "identifier":
            eraser.refuse(parameter, "parameter property that is not a plain identifier")
            return
        names.append(eraser.source.text_of(pattern))
    if not names:
        return
    class_body = method.parent
    assignments = " ".join(f"this.{name} = {name};" for name in names)
    if _is_derived(class_body.parent):
        call = _super_call_statement(body)
        if call is None:
            what = "parameter properties without a top-level 'super(...)' call"
            eraser.refuse(method.child_by_field_name("name"), what)
            return
        separator = "" if eraser.source.char_at(call.end_byte - 1) == b";" else ";"
        eraser.edits.insert(call.end_byte, f"{separator} {assignments}")
    else:
        eraser.edits.insert(body.children[0].end_byte, f" {assignments}")
    eraser.edits.insert(class_body.children[0].end_byte, " " + " ".join(f"{name};" for name in names))


def is_constructor(method: Node | None) -> bool:
    if method is None or method.type != "method_definition":
        return False
    if method.parent is None or method.parent.type != "class_body":
        return False
    name = method.child_by_field_name("name")
    return name is not None and name.type == "property_identifier" and name.text == b"constructor"


def _is_derived(class_node: Node) -> bool:
    for child in class_node.children:
        if child.type == "class_heritage":
            return any(clause.type == "extends_clause" for clause in child.children)
    return False


def _super_call_statement(body: Node) -> Node | None:
    for statement in body.named_children:
        if statement.type != "expression_statement":
            continue
        call = statement.children[0]
        if call.type == "call_expression":
            function = call.child_by_field_name("function")
            if function is not None and function.type == "super":
                return statement
    return None
