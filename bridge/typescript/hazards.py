"""Places where blanking TypeScript out would let JavaScript read the rest differently."""

from __future__ import annotations

from tree_sitter import Node

from .source import Source

# Parents whose children are a list of statements or class members, where `;` is harmless.
_STATEMENT_LISTS = frozenset({"program", "statement_block", "class_body", "switch_case", "switch_default"})

# Statements that can end with an expression, and so can end with `x as T`.
_EXPRESSION_ENDED = frozenset(
    {
        "expression_statement",
        "lexical_declaration",
        "variable_declaration",
        "return_statement",
        "throw_statement",
        "public_field_definition",
    }
)

_ASSERTIONS = frozenset({"as_expression", "satisfies_expression"})

_PRECEDENCE = {
    "**": 15,
    "*": 14, "/": 14, "%": 14,
    "+": 13, "-": 13,
    "<<": 12, ">>": 12, ">>>": 12,
    "<": 11, "<=": 11, ">": 11, ">=": 11, "instanceof": 11, "in": 11,
    "==": 10, "!=": 10, "===": 10, "!==": 10,
    "&": 9, "^": 8, "|": 7, "&&": 6, "||": 5, "??": 4,
}  # fmt: skip
# TypeScript parses `as`/`satisfies` at the precedence of `<`.
_RELATIONAL = 11


def erased_statement_needs_semicolon(node: Node, source: Source) -> bool:
    """Whether an erased statement must leave a `;` behind.

    It must when it is the body of `if`/`else`, a loop or a label (else the next
    statement would become the body), and when the statement before it lacks a
    `;` (else a next line starting with `(`, `[` or `` ` `` would continue it).
    """
    parent = node.parent
    if parent is None or parent.type not in _STATEMENT_LISTS:
        return True
    previous = node.prev_sibling
    while previous is not None and previous.type == "comment":
        previous = previous.prev_sibling
    if previous is None or not previous.is_named:
        return False  # first in its block, or after `{`, `;` or `case x:`
    return source.char_at(previous.end_byte - 1) != b";"


def assertion_ends_statement(node: Node, source: Source) -> bool:
    """Whether `x as T` ends a statement that has no `;` of its own.

    TypeScript ends the statement after `T` when the next line cannot continue a
    type (`(`, `[`, `` ` ``); after erasure, JavaScript would continue it.
    """
    ancestor = node.parent
    while ancestor is not None and ancestor.end_byte == node.end_byte:
        if ancestor.type in _EXPRESSION_ENDED:
            return source.char_at(node.end_byte) != b";"
        ancestor = ancestor.parent
    return False


def assertion_regroups(node: Node) -> bool:
    """Whether erasing `as T` would regroup operators, e.g. `1 + 1 as number / 2`.

    TypeScript groups it as `(1 + 1) / 2`; the erased `1 + 1 / 2` would not be.
    `node` is the outermost assertion of a chain.
    """
    parent = node.parent
    if parent is None or parent.type != "binary_expression" or parent.child_by_field_name("left") != node:
        return False
    outer = operator(parent)
    base = node
    while base.type in _ASSERTIONS:
        base = base.children[0]
    # Operators weaker than `as` are outside TypeScript's grouping anyway.
    while base is not None and base.type == "binary_expression" and _rank(operator(base)) < _RELATIONAL:
        base = base.child_by_field_name("right")
    if base is None:
        return False
    if base.type == "binary_expression":
        inner = operator(base)
    else:
        # tree-sitter may bind `as` tighter than an operator on its left: `2 ** 2 as T ** 3`.
        grandparent = parent.parent
        if grandparent is None or grandparent.type != "binary_expression":
            return False
        if grandparent.child_by_field_name("right") != parent:
            return False
        inner = operator(grandparent)
        if _rank(inner) < _RELATIONAL:
            return False
    inner_rank, outer_rank = _rank(inner), _rank(outer)
    # `**` is right-associative, so equal precedence regroups too.
    return outer_rank > inner_rank or (outer_rank == inner_rank and "**" in (inner, outer))


def line_break_before_bracket(type_node: Node, source: Source) -> Node | None:
    """A `[` that tree-sitter read as part of a type although a line break precedes it.

    TypeScript ends the type there (`x satisfies T` then `[0]` on the next line is
    a new statement); erasing the whole type would delete that code.
    """
    if not source.spans_lines(type_node.start_byte, type_node.end_byte):
        return None
    node: Node | None = type_node
    while node is not None:
        indexed = node
        while indexed.type in ("lookup_type", "array_type"):
            bracket = next((child for child in indexed.children if child.type == "["), None)
            if bracket is not None and source.spans_lines(indexed.children[0].end_byte, bracket.start_byte):
                return bracket
            indexed = indexed.children[0]
        node = node.children[-1] if node.child_count else None
    return None


def _rank(operator_token: str) -> int:
    return _PRECEDENCE.get(operator_token, 0)


def operator(binary: Node) -> str:
    """The operator token of a binary expression, '' if missing."""
    token = binary.child_by_field_name("operator")
    return token.type if token is not None else ""
