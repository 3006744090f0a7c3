"""JSX, rewritten on the same lines into calls of the element factory, as TypeScript's
`"jsx": "react"` emits them with the app's `"jsxFactory": "createElement"` and
`"jsxFragmentFactory": "Fragment"`:

    <VStack spacing={8}>         createElement(VStack, {"spacing": 8},
      <Text>hi {name}</Text>       , createElement(Text, null, "hi ", name)
    </VStack>                    )

Expressions inside `{...}` stay where they are (and are erased like any other code);
only the tags and text around them are replaced, each keeping its line breaks. A line
holding tags may get longer, so columns after a tag on its own line can move; every
line keeps its number.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence

from tree_sitter import Node

from .walk import Eraser, Handler

_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")

FACTORY = "createElement"
FRAGMENT = "Fragment"


def _element(eraser: Eraser, node: Node) -> Sequence[Node]:
    eraser.module.uses_jsx = True
    visit: list[Node] = []
    if node.type == "jsx_self_closing_element":
        _open(eraser, node, visit, closing="/>")
        return visit
    opening = node.child_by_field_name("open_tag")
    closing = node.child_by_field_name("close_tag")
    if opening is None or closing is None:
        return ()
    _open(eraser, opening, visit, closing=">")
    children = [child for child in node.named_children if child not in (opening, closing)]
    for index, child in enumerate(children):
        if child.type == "jsx_text":
            _text(eraser, child, _is_element(children[index + 1]) if index + 1 < len(children) else False)
        elif child.type == "jsx_expression":
            _child_expression(eraser, child, visit)
        elif child.type != "comment":
            previous = children[index - 1] if index else None
            if previous is None or previous.type != "jsx_text":
                eraser.edits.insert(child.start_byte, ", ")  # else the text left the comma
            visit.append(child)
    eraser.edits.replace(closing.start_byte, closing.end_byte, ")")
    return visit


def _is_element(node: Node) -> bool:
    return node.type in ("jsx_element", "jsx_self_closing_element")


def _open(eraser: Eraser, tag: Node, visit: list[Node], *, closing: str) -> None:
    """`<Name a="1" {...b}>` to `createElement(Name, {"a": "1", ...b}`; `/>` adds `)`."""
    source = eraser.source
    edits = eraser.edits
    name = tag.child_by_field_name("name")
    attributes = [child for child in tag.named_children if child != name and child.type != "comment"
                  and child.type != "type_arguments"]
    end_token = tag.children[-1]
    if name is None:
        head = f"{FACTORY}({FRAGMENT}"
        name_end = tag.children[0].end_byte
    else:
        head = f"{FACTORY}({_tag_name(source.text_of(name), name.type)}"
        name_end = name.end_byte
    for child in tag.children:
        if child.type == "type_arguments":
            eraser.erase(child)  # `<Select<string> ...>`
    tail = ")" if closing == "/>" else ""
    if not attributes:
        edits.replace(tag.start_byte, name_end, head)
        edits.replace(end_token.start_byte, end_token.end_byte, ", null" + tail)
        return
    edits.replace(tag.start_byte, name_end, head + ", {")
    for index, attribute in enumerate(attributes):
        if index:
            edits.insert(attribute.start_byte, ", ")
        _attribute(eraser, attribute, visit)
    edits.replace(end_token.start_byte, end_token.end_byte, "}" + tail)


def _tag_name(text: str, node_type: str) -> str:
    """Lower-case and namespaced tags are strings (intrinsic elements); others are values."""
    if node_type == "identifier" and (text[:1].islower() or "-" in text):
        return json.dumps(text, ensure_ascii=False)
    if node_type == "jsx_namespace_name":
        return json.dumps(text, ensure_ascii=False)
    return text


def _attribute(eraser: Eraser, attribute: Node, visit: list[Node]) -> None:
    source = eraser.source
    edits = eraser.edits
    if attribute.type == "jsx_expression":  # `{...props}`
        edits.blank(attribute.start_byte, attribute.start_byte + 1)
        edits.blank(attribute.end_byte - 1, attribute.end_byte)
        visit.extend(attribute.named_children)
        return
    key = attribute.named_children[0]
    key_text = json.dumps(source.text_of(key), ensure_ascii=False)
    value = attribute.named_children[1] if attribute.named_child_count > 1 else None
    if value is None:
        edits.replace(attribute.start_byte, attribute.end_byte, f"{key_text}: true")
    elif value.type == "string":
        raw = source.text_of(value)[1:-1]
        literal = json.dumps(html.unescape(raw), ensure_ascii=False)
        edits.replace(attribute.start_byte, attribute.end_byte, f"{key_text}: {literal}")
    elif value.type == "jsx_expression":
        inner = [child for child in value.named_children if child.type != "comment"]
        if not inner:
            edits.replace(attribute.start_byte, attribute.end_byte, f"{key_text}: undefined")
            return
        edits.replace(attribute.start_byte, inner[0].start_byte, f"{key_text}: ")
        edits.blank(inner[-1].end_byte, attribute.end_byte)
        visit.extend(inner)
    else:  # an element as the value
        edits.replace(attribute.start_byte, value.start_byte, f"{key_text}: ")
        visit.append(value)


def _text(eraser: Eraser, node: Node, comma_after: bool) -> None:
    """JSX text as TypeScript reads it: lines trimmed, blank lines dropped, joined by spaces."""
    raw = eraser.source.text_of(node)
    lines = _LINE_BREAK.split(raw)
    parts = []
    for index, line in enumerate(lines):
        if index > 0:
            line = line.lstrip(" \t")
        if index < len(lines) - 1:
            line = line.rstrip(" \t")
        if line:
            parts.append(line)
    if len(lines) > 1:
        parts = [part for part in parts if part.strip(" \t")]
    text = html.unescape(" ".join(parts))
    generated = f", {json.dumps(text, ensure_ascii=False)}" if text else ""
    if comma_after:
        generated += ", "
    eraser.edits.replace(node.start_byte, node.end_byte, generated)


def _child_expression(eraser: Eraser, node: Node, visit: list[Node]) -> None:
    """`{value}` to `,value`, which keeps its columns; an empty or comment-only one goes."""
    inner = [child for child in node.named_children if child.type != "comment"]
    if not inner:
        eraser.erase(node)
        return
    eraser.edits.replace(node.start_byte, node.start_byte + 1, ",")
    eraser.edits.blank(node.end_byte - 1, node.end_byte)
    visit.extend(inner)


HANDLERS: dict[str, Handler] = {
    "jsx_element": _element,
    "jsx_self_closing_element": _element,
}
