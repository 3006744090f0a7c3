"""`enum` and `const enum`, rewritten to the object TypeScript builds, line for line.

    enum E {          var E; (function (E) {
      A,                E[E["A"] = 0] = "A";
      B = "b",          E["B"] = "b";
      C = A | 4,        if (typeof (E["C"] = E.A | 4) !== "string") E[E["C"]] = "C";
    }                 })(E || (E = {}));

Below the top level, `let` declares the variable instead of `var`, as in
TypeScript's output. Numbers get a reverse mapping, strings do not; for other initializers the value
decides at run time, which is what TypeScript's constant folding amounts to.
Initializers stay in place (so their own types are still erased); references to
members inside them are qualified with the enum's name.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from tree_sitter import Node

from .source import Source
from .walk import Eraser, Handler


def _enum(eraser: Eraser, node: Node) -> Sequence[Node]:
    source = eraser.source
    name = node.child_by_field_name("name")
    body = node.child_by_field_name("body")
    if name is None or body is None:
        return ()
    enum = source.text_of(name)
    members = [child for child in body.named_children if child.type != "comment"]
    keys = []
    referable = set()
    for member in members:
        key_node = member.child_by_field_name("name") if member.type == "enum_assignment" else member
        key = _key(key_node, source)
        if key is None:
            eraser.refuse(key_node, "enum member name that is not an identifier or a one-line string")
            return ()
        literal, plain = key
        keys.append(literal)
        if plain is not None and plain.isidentifier():
            referable.add(plain)

    edits = eraser.edits
    edits.replace(node.start_byte, body.children[0].end_byte, f"{_declare(node, enum)}(function ({enum}) {{")
    initializers = []
    previous: int | str = -1  # the last value if a known integer, else the last key
    for member, key in zip(members, keys):
        end = _end_with_comma(member)
        value = member.child_by_field_name("value") if member.type == "enum_assignment" else None
        if value is None:
            if isinstance(previous, int):
                previous += 1
                number = str(previous)
            else:
                number = f"{enum}[{previous}] + 1"
                previous = key
            edits.replace(member.start_byte, end, f"{enum}[{enum}[{key}] = {number}] = {key};")
            continue
        integer = _integer(source.text_of(value)) if value.type == "number" else None
        previous = key if integer is None else integer
        if integer is not None:
            prefix, suffix = f"{enum}[{enum}[{key}] = ", f"] = {key};"
        elif _is_string_literal(value):
            prefix, suffix = f"{enum}[{key}] = ", ";"
        else:
            prefix, suffix = f"if (typeof ({enum}[{key}] = ", f') !== "string") {enum}[{enum}[{key}]] = {key};'
        edits.replace(member.start_byte, value.start_byte, prefix)
        edits.replace(value.end_byte, end, suffix)
        _qualify_members(eraser, value, enum, referable)
        initializers.append(value)
    closing = body.children[-1]
    edits.replace(closing.start_byte, node.end_byte, f"}})({enum} || ({enum} = {{}}));")
    return initializers


def _declare(node: Node, enum: str) -> str:
    """Declare the variable as TypeScript does: `var` at top level, else `let` (once per block)."""
    if node.parent is None or node.parent.type == "program":
        return f"var {enum}; "
    sibling = node.prev_named_sibling
    while sibling is not None:
        if sibling.type == "enum_declaration" and sibling.child_by_field_name("name").text == enum.encode():
            return ";"  # merges into the earlier declaration; `;` keeps `(` off the previous line
        sibling = sibling.prev_named_sibling
    return f"let {enum}; "


def _key(node: Node, source: Source) -> tuple[str, str | None] | None:
    """The member's name as a JavaScript string literal, and as a plain name if it has one."""
    if node.type == "property_identifier":
        name = source.text_of(node)
        return json.dumps(name, ensure_ascii=False), name
    if node.type == "string":
        if source.spans_lines(node.start_byte, node.end_byte):
            return None  # its text is written twice, which would add lines
        fragments = node.named_children
        plain = all(child.type == "string_fragment" for child in fragments)
        return source.text_of(node), "".join(source.text_of(child) for child in fragments) if plain else None
    if node.type == "computed_property_name" and node.named_child_count == 1:
        inner = node.named_children[0]
        if inner.type == "string":
            return _key(inner, source)
    return None


def _end_with_comma(member: Node) -> int:
    following = member.next_sibling
    while following is not None and following.type == "comment":
        following = following.next_sibling
    return following.end_byte if following is not None and following.type == "," else member.end_byte


def _integer(text: str) -> int | None:
    try:
        return int(text.replace("_", ""), 0)
    except ValueError:
        return None


def _is_string_literal(value: Node) -> bool:
    if value.type == "string":
        return True
    return value.type == "template_string" and not any(
        child.type == "template_substitution" for child in value.children
    )


def _qualify_members(eraser: Eraser, value: Node, enum: str, members: set[str]) -> None:
    """`B = A | 4` refers to `E.A`, which inside the function is a property, not a variable."""
    stack = [value]
    while stack:
        node = stack.pop()
        if node.type == "identifier":
            text = eraser.source.text_of(node)
            if text in members:
                eraser.edits.insert(node.start_byte, f"{enum}.")
        else:
            stack.extend(node.named_children)


HANDLERS: dict[str, Handler] = {"enum_declaration": _enum}
