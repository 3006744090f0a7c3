"""`import`, `export`, `namespace` and `module`.

Type-only imports, exports and namespaces are erased. Value imports and exports are
blanked where they stand and recorded in a ModuleSyntax: the runtime's module loader
(bridge/modules/) binds imports and publishes exports from the line it puts before the
script's first line, so nothing in the script moves. `export default <expression>` becomes
an assignment to `$$default`, and `import(...)`/`import.meta` become `$$imp(...)`/`$$meta`,
names of the same or shorter length that the loader defines.
"""

from __future__ import annotations

from collections.abc import Sequence

from tree_sitter import Node

from .module_syntax import DEFAULT_LOCAL, DYNAMIC_IMPORT, IMPORT_META, ImportBinding, ReExport, Request
from .source import Source
from .walk import Eraser, Handler

_TYPE_ONLY_DECLARATIONS = frozenset(
    {"interface_declaration", "type_alias_declaration", "ambient_declaration", "function_signature"}
)

_DECLARATIONS = frozenset({
    "lexical_declaration", "variable_declaration", "function_declaration", "generator_function_declaration",
    "class_declaration", "abstract_class_declaration", "enum_declaration",
})


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
        _record_import(eraser, node, names)
        eraser.erase_statement(node)
    return ()


def _record_import(eraser: Eraser, node: Node, names: list[Node]) -> None:
    module = eraser.module
    module.is_module = True
    string = node.child_by_field_name("source")
    if string is None:
        return
    request = module.request(eraser.source, string)
    source = eraser.source

    def bind(local: Node, name: str) -> None:
        text = source.text_of(local)
        module.imports.append(ImportBinding(text, request, name, *source.position(local)))
        module.declared[text] = "import"

    for name in names:
        if name.type == "identifier":
            bind(name, "default")
        elif name.type == "namespace_import":
            bind(name.named_children[-1], "*")
        elif name.type == "named_imports":
            for specifier in name.named_children:
                if specifier.type != "import_specifier" or _has_token(specifier, "type"):
                    continue
                imported = specifier.child_by_field_name("name")
                alias = specifier.child_by_field_name("alias") or imported
                bind(alias, _name_text(source, imported))


def _import_alias(eraser: Eraser, node: Node) -> Sequence[Node]:
    eraser.refuse(node, "import alias 'import x = ...'")
    return ()


def _export(eraser: Eraser, node: Node) -> Sequence[Node]:
    tokens = [child.type for child in node.children]
    declaration = node.child_by_field_name("declaration")
    clause = _child(node, "export_clause")
    if "=" in tokens:
        eraser.refuse(node, "'export ='")
    elif declaration is not None and _is_type_only(declaration):
        names = ["default"] if "default" in tokens else declared_names(declaration, eraser.source)
        eraser.module.type_exports.update(names)
        eraser.erase_statement(node)
    elif "type" in tokens or tokens[1:3] == ["as", "namespace"]:
        _record_type_exports(eraser, clause, every=True)
        eraser.erase_statement(node)  # `export type { A }`, `export as namespace A`
    elif _only_type_specifiers(clause, "export_specifier"):
        _record_type_exports(eraser, clause, every=True)
        eraser.erase_statement(node)
    else:
        _record_type_exports(eraser, clause, every=False)
        eraser.module.is_module = True
        if declaration is not None:
            return _export_declaration(eraser, node, declaration, "default" in tokens)
        value = node.child_by_field_name("value")
        if value is not None:
            return _export_default_value(eraser, node, value)
        _export_list(eraser, node)
        eraser.erase_statement(node)
    return ()


def _record_type_exports(eraser: Eraser, clause: Node | None, *, every: bool) -> None:
    """`export type { A }`, `export { type B }`: names an importer may import and must not bind."""
    if clause is None:
        return
    for specifier in clause.named_children:
        if specifier.type == "export_specifier" and (every or _has_token(specifier, "type")):
            alias = specifier.child_by_field_name("alias") or specifier.child_by_field_name("name")
            eraser.module.type_exports.add(_name_text(eraser.source, alias))


def _export_declaration(eraser: Eraser, node: Node, declaration: Node, default: bool) -> Sequence[Node]:
    """`export const a = 1`, `export default function f() {}`: the keywords go, the declaration stays."""
    eraser.edits.blank(node.start_byte, declaration.start_byte)
    names = declared_names(declaration, eraser.source)
    kind = _kind(declaration)
    if default:
        eraser.module.exports["default"] = (names[0], kind)
    else:
        for name in names:
            eraser.module.exports[name] = (name, kind)
    return [declaration]


def _export_default_value(eraser: Eraser, node: Node, value: Node) -> Sequence[Node]:
    module = eraser.module
    keyword = _anonymous_declaration_keyword(value)
    if keyword is not None:
        # An anonymous function or class declaration: named, so a function stays hoisted.
        words = eraser.source.text_of(value)[: keyword.end_byte - value.start_byte].split()
        eraser.edits.replace(node.start_byte, keyword.end_byte, " ".join(words) + " " + DEFAULT_LOCAL)
        module.exports["default"] = (DEFAULT_LOCAL, "class" if value.type == "class" else "function")
    else:
        eraser.edits.replace(node.start_byte, value.start_byte, DEFAULT_LOCAL + " = ")
        module.exports["default"] = (DEFAULT_LOCAL, "default")  # assigned once, where it stands
        module.has_default_local = True
    return [value]


def _anonymous_declaration_keyword(value: Node) -> Node | None:
    """The last token before where a name would go in `function* (`, `async function (`, `class {`."""
    if value.type not in ("function_expression", "generator_function", "class"):
        return None
    if value.child_by_field_name("name") is not None:
        return None
    keyword = None
    for child in value.children:
        if child.type in ("async", "function", "*", "class"):
            keyword = child
        elif child.type != "comment":
            break
    return keyword


def _export_list(eraser: Eraser, node: Node) -> None:
    module = eraser.module
    source = eraser.source
    string = node.child_by_field_name("source")
    clause = _child(node, "export_clause")
    if string is None:
        for specifier in _value_specifiers(clause, "export_specifier"):
            local = specifier.child_by_field_name("name")
            alias = specifier.child_by_field_name("alias") or local
            module.exports[_name_text(source, alias)] = (_name_text(source, local), "")
        return
    request = module.request(source, string)
    namespace = _child(node, "namespace_export")
    if clause is not None:
        for specifier in _value_specifiers(clause, "export_specifier"):
            name = specifier.child_by_field_name("name")
            alias = specifier.child_by_field_name("alias") or name
            module.reexports.append(
                ReExport(_name_text(source, alias), request, _name_text(source, name), *source.position(name))
            )
    elif namespace is not None:
        alias = namespace.named_children[-1]
        module.reexports.append(ReExport(_name_text(source, alias), request, "*", *source.position(alias)))
    else:
        module.stars.append(request)


def dynamic_import(eraser: Eraser, node: Node) -> Sequence[Node] | None:
    """`import(x)`: the keyword becomes the loader's function."""
    function = node.child_by_field_name("function")
    if function is None or function.type != "import":
        return None
    eraser.edits.replace(function.start_byte, function.end_byte, DYNAMIC_IMPORT)
    arguments = node.child_by_field_name("arguments")
    first = arguments.named_children[0] if arguments is not None and arguments.named_child_count else None
    if first is not None and first.type == "string":
        specifier = "".join(eraser.source.text_of(part) for part in first.named_children)
        eraser.module.dynamic.append(Request(specifier, *eraser.source.position(first)))
    return [arguments] if arguments is not None else ()


def _meta_property(eraser: Eraser, node: Node) -> Sequence[Node]:
    if eraser.source.text_of(node).startswith("import"):
        eraser.edits.replace(node.start_byte, node.end_byte, IMPORT_META)
    return ()


def _program(eraser: Eraser, node: Node) -> None:
    """Top-level names, so the loader declares nothing a script declares itself."""
    for statement in node.named_children:
        target = statement.child_by_field_name("declaration") if statement.type == "export_statement" else statement
        if target is not None and target.type in ("interface_declaration", "type_alias_declaration"):
            eraser.module.type_names.update(declared_names(target, eraser.source))
        elif target is not None and target.type in _DECLARATIONS:
            kind = _kind(target)
            for name in declared_names(target, eraser.source):
                eraser.module.declared[name] = kind


def declared_names(declaration: Node, source: Source) -> list[str]:
    """The names a declaration binds: `const { a, b: [c] } = ...` binds a and c."""
    if declaration.type in ("lexical_declaration", "variable_declaration"):
        names: list[str] = []
        for declarator in declaration.named_children:
            if declarator.type == "variable_declarator":
                names.extend(_pattern_names(declarator.child_by_field_name("name"), source))
        return names
    name = declaration.child_by_field_name("name")
    return [source.text_of(name)] if name is not None else []


def _pattern_names(pattern: Node | None, source: Source) -> list[str]:
    if pattern is None:
        return []
    if pattern.type in ("identifier", "shorthand_property_identifier_pattern"):
        return [source.text_of(pattern)]
    names = []
    for child in pattern.named_children:
        if child.type == "pair_pattern":
            names.extend(_pattern_names(child.child_by_field_name("value"), source))
        elif child.type == "object_assignment_pattern" or child.type == "assignment_pattern":
            names.extend(_pattern_names(child.child_by_field_name("left"), source))
        elif child.type != "property_identifier" and child.type != "comment":
            names.extend(_pattern_names(child, source))
    return names


def _kind(declaration: Node) -> str:
    if declaration.type == "lexical_declaration":
        return declaration.child_by_field_name("kind").type
    if declaration.type == "variable_declaration":
        return "var"
    if "class" in declaration.type:
        return "class"
    if declaration.type == "enum_declaration":
        return "const"  # declared with `var` by the transform, but never assigned again
    return "function"


def _child(node: Node, node_type: str) -> Node | None:
    return next((child for child in node.children if child.type == node_type), None)


def _has_token(node: Node, token: str) -> bool:
    return any(child.type == token for child in node.children)


def _name_text(source: Source, node: Node) -> str:
    """An import or export name: an identifier, or a string (`export { a as "b c" }`)."""
    if node.type == "string":
        return "".join(source.text_of(part) for part in node.named_children)
    return source.text_of(node)


def _value_specifiers(specifiers: Node | None, specifier_type: str) -> list[Node]:
    if specifiers is None:
        return []
    return [
        child
        for child in specifiers.named_children
        if child.type == specifier_type and not _has_token(child, "type")
    ]


def _only_type_specifiers(specifiers: Node | None, specifier_type: str) -> bool:
    """`{ type A, type B }`: at least one specifier, all marked `type`."""
    if specifiers is None:
        return False
    children = [child for child in specifiers.named_children if child.type != "comment"]
    return bool(children) and all(
        child.type == specifier_type and _has_token(child, "type") for child in children
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
    "program": _program,
    "import_statement": _import,
    "import_alias": _import_alias,
    "export_statement": _export,
    "internal_module": _namespace,
    "module": _namespace,
    "meta_property": _meta_property,
}

# Handlers that apply to JavaScript files too (which are otherwise left as they are).
JAVASCRIPT_HANDLERS: dict[str, Handler] = {
    key: HANDLERS[key] for key in ("program", "import_statement", "export_statement", "meta_property")
}
