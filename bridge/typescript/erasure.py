"""Handlers for type-only syntax that is blanked out where it stands."""

from __future__ import annotations

from collections.abc import Sequence

from tree_sitter import Node

from . import hazards, parameter_properties
from .walk import Eraser, Handler

_NOTHING: Sequence[Node] = ()


def _erase(eraser: Eraser, node: Node) -> Sequence[Node]:
    eraser.erase(node)
    return _NOTHING


def _erase_statement(eraser: Eraser, node: Node) -> Sequence[Node]:
    eraser.erase_statement(node)
    return _NOTHING


def _type_annotation(eraser: Eraser, node: Node) -> Sequence[Node]:
    _refuse_bracket_after_line_break(eraser, node)
    eraser.erase(node)
    return _NOTHING


def _refuse_bracket_after_line_break(eraser: Eraser, type_node: Node) -> None:
    bracket = hazards.line_break_before_bracket(type_node, eraser.source)
    if bracket is not None:
        eraser.refuse(bracket, "line break before '[' after a type (end the statement before it with ';')")


def _assertion(eraser: Eraser, node: Node) -> Sequence[Node]:
    """`x as T`, `x as const`, `x satisfies T`."""
    return _erase_assertion(eraser, node, semicolon=False)


def _erase_assertion(eraser: Eraser, node: Node, *, semicolon: bool) -> Sequence[Node]:
    expression = node.children[0]
    if node.parent is not None and node.parent.type not in ("as_expression", "satisfies_expression"):
        if hazards.assertion_regroups(node):
            eraser.refuse(node, "'as'/'satisfies' whose erasure would regroup operators (add parentheses)")
            return [expression]
    _refuse_bracket_after_line_break(eraser, node.children[-1])
    semicolon = semicolon or hazards.assertion_ends_statement(node, eraser.source)
    eraser.edits.blank(expression.end_byte, node.end_byte, first=";" if semicolon else "")
    return [expression]


def call(eraser: Eraser, node: Node) -> Sequence[Node] | None:
    """tree-sitter reads `x as T` + newline + `(y)` as one call; TypeScript as two statements."""
    function = node.child_by_field_name("function")
    if function is None or function.type not in ("as_expression", "satisfies_expression"):
        return None
    arguments = node.child_by_field_name("arguments")
    if arguments is None or not eraser.source.spans_lines(function.end_byte, arguments.start_byte):
        eraser.fail(arguments or node, "unexpected '(' after a type")
        return _NOTHING
    return [*_erase_assertion(eraser, function, semicolon=True), arguments]


def _binary(eraser: Eraser, node: Node) -> None:
    """tree-sitter reads f<T>`x` as two comparisons; TypeScript as a tagged template."""
    right = node.child_by_field_name("right")
    if right is None or right.type != "template_string" or hazards.operator(node) != ">":
        return
    left = node.child_by_field_name("left")
    if left is not None and left.type == "binary_expression" and hazards.operator(left) == "<":
        eraser.refuse(left, "type arguments on a tagged template")


def _non_null(eraser: Eraser, node: Node) -> Sequence[Node]:
    """`x!`"""
    eraser.erase(node.children[-1])
    return [node.children[0]]


def _variable_declarator(eraser: Eraser, node: Node) -> None:
    """`let x!: T` (definite assignment)."""
    for child in node.children:
        if child.type == "!":
            eraser.erase(child)


def _arrow_function(eraser: Eraser, node: Node) -> Sequence[Node]:
    """Generic and annotated arrows, keeping `(` and `)` where JavaScript needs them.

    A line break inside `<T>` would separate `async`/`return` from `(`; a line
    break between `)` and `=>` is forbidden. The parenthesis moves over the erased
    type instead: `<` becomes `(`, or the annotation's last character becomes `)`.
    """
    source = eraser.source
    parameters = node.child_by_field_name("parameters")
    type_parameters = node.child_by_field_name("type_parameters")
    return_type = node.child_by_field_name("return_type")
    if type_parameters is not None:
        if parameters is not None and source.spans_lines(type_parameters.start_byte, parameters.start_byte):
            eraser.edits.blank(type_parameters.start_byte, type_parameters.end_byte, first="(")
            eraser.edits.blank(parameters.start_byte, parameters.start_byte + 1)
        else:
            eraser.erase(type_parameters)
    if return_type is not None:
        arrow = next((child for child in node.children if child.type == "=>"), None)
        if (
            parameters is not None
            and arrow is not None
            and source.spans_lines(parameters.end_byte, arrow.start_byte)
        ):
            eraser.edits.blank(parameters.end_byte - 1, return_type.end_byte, last=")")
        else:
            eraser.erase(return_type)
    erased = (type_parameters, return_type)
    return [child for child in node.named_children if child not in erased]


def _formal_parameters(eraser: Eraser, node: Node) -> Sequence[Node] | None:
    """`function f(this: T, x)`: the `this` parameter goes, with its comma."""
    first = next((child for child in node.named_children if child.type != "comment"), None)
    if first is None or first.type != "required_parameter":
        return None
    pattern = first.child_by_field_name("pattern")
    if pattern is None or pattern.type != "this":
        return None
    end = first.end_byte
    following = first.next_sibling
    while following is not None and following.type == "comment":
        following = following.next_sibling
    if following is not None and following.type == ",":
        end = following.end_byte
    eraser.edits.blank(first.start_byte, end)
    return [child for child in node.named_children if child != first]


def _parameter(eraser: Eraser, node: Node) -> None:
    """`x?: T`, and the modifiers of constructor parameter properties."""
    modifiers = []
    for child in node.children:
        if child.type == "?":
            eraser.erase(child)
        elif child.type in parameter_properties.MODIFIERS:
            modifiers.append(child)
    if modifiers:
        parameter_properties.erase_modifiers(eraser, node, modifiers)


def _type_assertion(eraser: Eraser, node: Node) -> Sequence[Node]:
    eraser.refuse(node, "type assertion '<T>value' (write 'value as T')")
    return _NOTHING


def _skip(eraser: Eraser, node: Node) -> Sequence[Node]:
    return _NOTHING


def _jsx_tag(eraser: Eraser, node: Node) -> Sequence[Node]:
    """JSX stays JSX, for the stage after erasure (jsx_calls.py); only a tag's type arguments,
    `<Select<string> ...>`, go (in .jsx files too, as TypeScript's own output would)."""
    eraser.module.uses_jsx = True
    visit = []
    for child in node.named_children:
        if child.type == "type_arguments":
            eraser.erase(child)
        else:
            visit.append(child)
    return visit


HANDLERS: dict[str, Handler] = {
    "type_annotation": _type_annotation,
    "asserts_annotation": _erase,
    "type_predicate_annotation": _erase,
    "type_arguments": _erase,
    "type_parameters": _erase,
    "implements_clause": _erase,
    "interface_declaration": _erase_statement,
    "type_alias_declaration": _erase_statement,
    "ambient_declaration": _erase_statement,
    "function_signature": _erase_statement,  # an overload
    "as_expression": _assertion,
    "satisfies_expression": _assertion,
    "call_expression": call,
    "binary_expression": _binary,
    "non_null_expression": _non_null,
    "variable_declarator": _variable_declarator,
    "arrow_function": _arrow_function,
    "formal_parameters": _formal_parameters,
    "required_parameter": _parameter,
    "optional_parameter": _parameter,
    "type_assertion": _type_assertion,
    "ERROR": _skip,  # reported by the syntax check
}

# For .tsx and .jsx files, TypeScript or not.
JSX_HANDLERS: dict[str, Handler] = {
    "jsx_opening_element": _jsx_tag,
    "jsx_self_closing_element": _jsx_tag,
}
