"""Handlers for TypeScript-only parts of classes and their members."""

from __future__ import annotations

from collections.abc import Sequence

from tree_sitter import Node

from . import parameter_properties
from .walk import Eraser, Handler

_MEMBER_MODIFIERS = frozenset({"accessibility_modifier", "override_modifier", "readonly"})
# Members that exist only for the type checker.
_BODILESS = frozenset({"declare", "abstract"})


def _member(eraser: Eraser, node: Node) -> Sequence[Node] | None:
    """Fields and methods: `private`, `readonly`, `override`, `x?`, `x!`; `declare`/`abstract` ones go."""
    children = node.children
    types = [child.type for child in children]
    if not _BODILESS.isdisjoint(types):
        eraser.erase_statement(node)
        return ()
    semicolon = types[0] in _MEMBER_MODIFIERS and _key_could_continue_previous(types)
    for child, child_type in zip(children, types):
        if child_type in _MEMBER_MODIFIERS:
            eraser.erase(child, semicolon=semicolon)
            semicolon = False
        elif child_type == "?" or child_type == "!":
            eraser.erase(child)
    if node.type == "method_definition" and parameter_properties.is_constructor(node):
        parameter_properties.transform_constructor(eraser, node)
    return None


def _key_could_continue_previous(types: list[str]) -> bool:
    """`x = 1` then `private [k] = 2`: without `private`, `1[k]` would be read (or `1 * gen()`)."""
    for child_type in types:
        if child_type not in _MEMBER_MODIFIERS and child_type != "comment":
            return child_type in ("computed_property_name", "*")
    return False


def _abstract_class(eraser: Eraser, node: Node) -> None:
    for child in node.children:
        if child.type == "abstract":
            eraser.erase(child)


def _erase_member(eraser: Eraser, node: Node) -> Sequence[Node]:
    eraser.erase_statement(node)
    return ()


def _decorator(eraser: Eraser, node: Node) -> Sequence[Node]:
    eraser.refuse(node, "decorator")
    return ()


HANDLERS: dict[str, Handler] = {
    "public_field_definition": _member,
    "method_definition": _member,
    "abstract_class_declaration": _abstract_class,
    "method_signature": _erase_member,  # an overload
    "abstract_method_signature": _erase_member,
    "index_signature": _erase_member,
    "decorator": _decorator,
}
