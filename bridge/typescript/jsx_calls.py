"""The stage after erasure: JSX rewritten on the same lines into calls of the element factory,
as TypeScript's `"jsx": "react"` emits them with the app's `"jsxFactory": "createElement"` and
`"jsxFragmentFactory": "Fragment"`:

    <VStack spacing={8}>         createElement(VStack, {"spacing": 8},
      <Text>hi {name}</Text>       , createElement(Text, null, "hi ", name)
    </VStack>                    )

It reads the eraser's output (JavaScript with JSX, every position that of the source), so the
expressions inside `{...}` come already erased and stay where they are; only the tags and text
around them are replaced, each keeping its line breaks. A line holding tags may get longer, so
columns after a tag on that line can move; every line keeps its number.
"""

from __future__ import annotations

import functools
import html
import json
import re

from tree_sitter import Node, Query, QueryCursor

from .edits import Edits
from .module_syntax import FACTORY, FRAGMENT
from .parser import language, parse
from .source import Source

_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")


@functools.cache
def _elements() -> Query:
    return Query(language(jsx=True), "[(jsx_element) (jsx_self_closing_element)] @element")


def rewrite(code: str, filename: str) -> str:
    """`code`, the eraser's output for a .tsx or .jsx file, with every element a call.

    Each element is rewritten on its own (its tags, attributes and the commas between its
    children); elements nested in it get their own turn. Elements in code the parser could
    not read are left for the engine to report, as the eraser leaves that code.
    """
    source = Source(code, filename)
    root = parse(source.data, jsx=True).root_node
    edits = Edits(source)
    for element in QueryCursor(_elements()).captures(root).get("element", ()):
        if not _inside_error(element):
            _element(source, edits, element)
    return edits.apply()


def _inside_error(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type == "ERROR":
            return True
        parent = parent.parent
    return False


def _element(source: Source, edits: Edits, node: Node) -> None:
    if node.type == "jsx_self_closing_element":
        _open(source, edits, node, closing="/>")
        return
    opening = node.child_by_field_name("open_tag")
    closing = node.child_by_field_name("close_tag")
    if opening is None or closing is None:
        return
    _open(source, edits, opening, closing=">")
    children = [child for child in node.named_children if child not in (opening, closing)]
    for index, child in enumerate(children):
        if child.type == "jsx_text":
            _text(source, edits, child, _is_element(children[index + 1]) if index + 1 < len(children) else False)
        elif child.type == "jsx_expression":
            _child_expression(edits, child)
        elif child.type != "comment":
            previous = children[index - 1] if index else None
            if previous is None or previous.type != "jsx_text":
                edits.insert(child.start_byte, ", ")  # else the text left the comma
    edits.replace(closing.start_byte, closing.end_byte, ")")


def _is_element(node: Node) -> bool:
    return node.type in ("jsx_element", "jsx_self_closing_element")


def _open(source: Source, edits: Edits, tag: Node, *, closing: str) -> None:
    """`<Name a="1" {...b}>` to `createElement(Name, {"a": "1", ...b}`; `/>` adds `)`."""
    name = tag.child_by_field_name("name")
    attributes = [child for child in tag.named_children if child != name and child.type != "comment"]
    end_token = tag.children[-1]
    if name is None:
        head = f"{FACTORY}({FRAGMENT}"
        name_end = tag.children[0].end_byte
    else:
        head = f"{FACTORY}({_tag_name(source.text_of(name), name.type)}"
        name_end = name.end_byte
    tail = ")" if closing == "/>" else ""
    if not attributes:
        edits.replace(tag.start_byte, name_end, head)
        edits.replace(end_token.start_byte, end_token.end_byte, ", null" + tail)
        return
    edits.replace(tag.start_byte, name_end, head + ", {")
    for index, attribute in enumerate(attributes):
        if index:
            edits.insert(attribute.start_byte, ", ")
        _attribute(source, edits, attribute)
    edits.replace(end_token.start_byte, end_token.end_byte, "}" + tail)


def _tag_name(text: str, node_type: str) -> str:
    """Lower-case and namespaced tags are strings (intrinsic elements); others are values."""
    if node_type == "identifier" and (text[:1].islower() or "-" in text):
        return json.dumps(text, ensure_ascii=False)
    if node_type == "jsx_namespace_name":
        return json.dumps(text, ensure_ascii=False)
    return text


def _attribute(source: Source, edits: Edits, attribute: Node) -> None:
    if attribute.type == "jsx_expression":  # `{...props}`
        edits.blank(attribute.start_byte, attribute.start_byte + 1)
        edits.blank(attribute.end_byte - 1, attribute.end_byte)
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
    else:  # an element as the value
        edits.replace(attribute.start_byte, value.start_byte, f"{key_text}: ")


def _text(source: Source, edits: Edits, node: Node, comma_after: bool) -> None:
    """JSX text as TypeScript reads it: lines trimmed, blank lines dropped, joined by spaces."""
    raw = source.text_of(node)
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
    edits.replace(node.start_byte, node.end_byte, generated)


def _child_expression(edits: Edits, node: Node) -> None:
    """`{value}` to `,value`, which keeps its columns; an empty or comment-only one goes."""
    if not any(child.type != "comment" for child in node.named_children):
        edits.blank(node.start_byte, node.end_byte)
        return
    edits.replace(node.start_byte, node.start_byte + 1, ",")
    edits.blank(node.end_byte - 1, node.end_byte)
