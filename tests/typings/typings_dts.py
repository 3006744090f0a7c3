"""What typings/*.d.ts declare, read with tree-sitter: each global value and its members.

Only the shapes the typings use are understood (`declare class/function/var/const/enum`,
interfaces, type aliases, namespaces of types, functions and constants); anything else is an error, so a
new kind of declaration cannot slip past the drift test unread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node

from bridge.typescript.parser import parse

TYPE_ONLY = {"interface_declaration", "type_alias_declaration"}
MEMBER_KINDS = {"method_signature", "public_field_definition", "property_signature",
                "abstract_method_signature"}


@dataclass
class Declared:
    """One global value the typings declare."""

    name: str
    kind: str  # "class", "function", "object" (a var/const with members) or "enum"
    file: str
    static: set[str] = field(default_factory=set)    # class: static members
    members: set[str] = field(default_factory=set)   # class: instance members; object: its members
    optional: set[str] = field(default_factory=set)  # members declared with `?` (a script sets them)
    enum_values: dict[str, int | str] = field(default_factory=dict)


class DtsError(Exception):
    pass


def _where(path: Path, node: Node) -> str:
    return f"{path}:{node.start_point[0] + 1}:{node.start_point[1] + 1}"


def _text(node: Node) -> str:
    return node.text.decode("utf-8")


def _modifiers(node: Node) -> set[str]:
    found = set()
    for child in node.children:
        if child.type == "accessibility_modifier":
            found.add(_text(child))
        elif child.type in ("static", "readonly", "?", "get", "set", "abstract", "declare"):
            found.add(child.type)
    return found


def _members(path: Path, body: Node, into: Declared, *, in_class: bool) -> None:
    for member in body.named_children:
        if member.type == "comment":
            continue
        if member.type not in MEMBER_KINDS:
            raise DtsError(f"{_where(path, member)}: unsupported member {member.type} in {into.name}")
        name_node = member.child_by_field_name("name")
        if name_node is not None and name_node.type == "computed_property_name":
            continue  # `[Symbol.iterator]`: symbols are not names a script spells (nor compared)
        if name_node is None or name_node.type != "property_identifier":
            raise DtsError(f"{_where(path, member)}: unsupported member name in {into.name}")
        name = _text(name_node)
        modifiers = _modifiers(member)
        if name == "constructor" or modifiers & {"private", "protected"}:
            continue  # not part of what a script can use
        target = into.static if "static" in modifiers else into.members
        if not in_class and "static" in modifiers:
            raise DtsError(f"{_where(path, member)}: `static` outside a class")
        target.add(name)
        if "?" in modifiers:
            into.optional.add(name)


def _enum(path: Path, node: Node, into: Declared) -> None:
    next_value: int | None = 0
    for item in node.child_by_field_name("body").named_children:
        if item.type == "comment":
            continue
        if item.type == "property_identifier":
            name, value_node = _text(item), None
        elif item.type == "enum_assignment":
            name, value_node = _text(item.child_by_field_name("name")), item.child_by_field_name("value")
        else:
            raise DtsError(f"{_where(path, item)}: unsupported enum member {item.type}")
        if value_node is None:
            if next_value is None:
                raise DtsError(f"{_where(path, item)}: enum member needs a value")
            value: int | str = next_value
        elif value_node.type == "number":
            value = int(_text(value_node), 0)
        elif value_node.type == "string":
            value = _text(value_node)[1:-1]
        else:
            raise DtsError(f"{_where(path, value_node)}: unsupported enum value")
        into.enum_values[name] = value
        next_value = value + 1 if isinstance(value, int) else None


def _namespace_members(path: Path, body: Node, into: Declared) -> bool:
    """Adds the functions and constants a namespace declares to `into`; False if it has none."""
    for statement in body.named_children:
        if statement.type == "comment" or statement.type in TYPE_ONLY:
            continue
        if statement.type == "function_signature":
            into.members.add(_text(statement.child_by_field_name("name")))
        elif statement.type == "class_declaration":  # `namespace SQLite { class Database }`
            into.members.add(_text(statement.child_by_field_name("name")))
        elif statement.type in ("lexical_declaration", "variable_declaration"):
            for declarator in statement.named_children:
                if declarator.type == "variable_declarator":
                    into.members.add(_text(declarator.child_by_field_name("name")))
        else:
            raise DtsError(f"{_where(path, statement)}: a namespace may hold types, functions, classes and constants, "
                           f"not {statement.type}")
    return bool(into.members)


def read_typings(paths: list[Path]) -> dict[str, Declared]:
    """The global values declared in `paths`, by name (types and interfaces are not values)."""
    values: dict[str, Declared] = {}
    interfaces: dict[str, list[tuple[Path, Node]]] = {}
    typed_by_interface: list[tuple[Declared, str, Path, Node]] = []

    def add(declared: Declared, node: Node, path: Path) -> None:
        if declared.name in values:
            raise DtsError(f"{_where(path, node)}: {declared.name} declared twice "
                           f"(also in {values[declared.name].file})")
        values[declared.name] = declared

    for path in paths:
        tree = parse(path.read_bytes())
        if tree.root_node.has_error:
            raise DtsError(f"{path}: tree-sitter cannot parse it")
        for node in tree.root_node.named_children:
            if node.type == "comment" or node.type == "type_alias_declaration":
                continue
            if node.type == "interface_declaration":
                interfaces.setdefault(_text(node.child_by_field_name("name")), []).append((path, node))
                continue
            if node.type != "ambient_declaration":
                raise DtsError(f"{_where(path, node)}: unsupported top-level {node.type} "
                               "(the typings are global `declare`s only, no import/export)")
            inner = node.named_children[0]
            if inner.type == "class_declaration":
                declared = Declared(_text(inner.child_by_field_name("name")), "class", str(path))
                _members(path, inner.child_by_field_name("body"), declared, in_class=True)
                add(declared, inner, path)
            elif inner.type == "function_signature":
                name = _text(inner.child_by_field_name("name"))
                if name in values and values[name].kind == "function":
                    continue  # an overload
                add(Declared(name, "function", str(path)), inner, path)
            elif inner.type in ("variable_declaration", "lexical_declaration"):
                for declarator in inner.named_children:
                    if declarator.type != "variable_declarator":
                        continue
                    declared = Declared(_text(declarator.child_by_field_name("name")), "object", str(path))
                    annotation = declarator.child_by_field_name("type")
                    shape = annotation.named_children[0] if annotation is not None else None
                    if shape is not None and shape.type == "type_identifier":
                        typed_by_interface.append((declared, _text(shape), path, declarator))
                    elif shape is not None and shape.type == "object_type":
                        _members(path, shape, declared, in_class=False)
                    else:
                        raise DtsError(f"{_where(path, declarator)}: give {declared.name} an "
                                       "interface or object type, so its members can be compared")
                    add(declared, declarator, path)
            elif inner.type == "enum_declaration":
                declared = Declared(_text(inner.child_by_field_name("name")), "enum", str(path))
                _enum(path, inner, declared)
                add(declared, inner, path)
            elif inner.type == "module":
                continue  # `declare module "scripting"`: a module's exports, not globals
            elif inner.type == "internal_module":
                # A namespace of types only declares no value; one with functions or constants
                # (`declare namespace FileManager { function exists(...) }`) is an object.
                declared = Declared(_text(inner.child_by_field_name("name")), "object", str(path))
                if _namespace_members(path, inner.child_by_field_name("body"), declared):
                    add(declared, inner, path)
            else:
                raise DtsError(f"{_where(path, inner)}: unsupported declaration {inner.type}")

    for declared, interface, path, node in typed_by_interface:
        if interface not in interfaces:
            raise DtsError(f"{_where(path, node)}: interface {interface} is not declared in typings/")
        for interface_path, interface_node in interfaces[interface]:
            _members(interface_path, interface_node.child_by_field_name("body"), declared, in_class=False)
    return values


def string_union(paths: list[Path], alias: str) -> set[str]:
    """The string literals of `type <alias> = "a" | "b" | ...` in `paths`."""
    for path in paths:
        for node in parse(path.read_bytes()).root_node.named_children:
            if node.type == "type_alias_declaration" and _text(node.child_by_field_name("name")) == alias:
                literals = set()
                pending = [node.child_by_field_name("value")]
                while pending:
                    item = pending.pop()
                    if item.type == "union_type":
                        pending.extend(item.named_children)
                    elif item.type == "literal_type" and item.named_children[0].type == "string":
                        literals.add(_text(item.named_children[0])[1:-1])
                    elif item.type != "comment":
                        raise DtsError(f"{_where(path, item)}: {alias} must be a union of strings")
                return literals
    raise DtsError(f"type {alias} is not declared")


def overload_literals(paths: list[Path], class_name: str, method: str) -> set[str]:
    """The string literal types of the first parameter of each overload of `class_name#method`
    (`addEventListener(event: "open", ...)` gives "open")."""
    found: set[str] = set()
    for path in paths:
        for node in parse(path.read_bytes()).root_node.named_children:
            inner = node.named_children[0] if node.type == "ambient_declaration" else None
            if inner is None or inner.type != "class_declaration" or _text(inner.child_by_field_name("name")) != class_name:
                continue
            for member in inner.child_by_field_name("body").named_children:
                name = member.child_by_field_name("name")
                if member.type != "method_signature" or name is None or _text(name) != method:
                    continue
                first = member.child_by_field_name("parameters").named_children[0]
                literal = first.child_by_field_name("type").named_children[0]
                if literal.type != "literal_type" or literal.named_children[0].type != "string":
                    raise DtsError(f"{_where(path, first)}: {class_name}.{method}'s first parameter must be a string literal")
                found.add(_text(literal.named_children[0])[1:-1])
    return found
