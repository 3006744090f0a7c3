"""Syntax errors and unsupported syntax: reported where they are, never run wrongly."""

from __future__ import annotations

import pickle

import pytest

from bridge.typescript import TypeScriptSyntaxError, check, strip

from .helpers import run_js


def test_syntax_error_reports_file_line_and_column() -> None:
    source = "let a: number = 1;\nlet b = 2;\nlet c = f(3;\n"
    with pytest.raises(TypeScriptSyntaxError) as raised:
        strip(source, "broken.ts")
    error = raised.value
    assert (error.filename, error.line, error.column) == ("broken.ts", 3, 12)
    assert error.message == "syntax error: missing ')'"
    assert str(error) == "broken.ts:3:12: syntax error: missing ')'"


def test_error_survives_pickling() -> None:
    error = TypeScriptSyntaxError("a.ts", 1, 2, "syntax error: unexpected 'x'")
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.filename, copy.line, copy.column, copy.message) == (
        str(error), "a.ts", 1, 2, "syntax error: unexpected 'x'"
    )


def test_unexpected_token_is_named() -> None:
    [error] = check("let ok = 1;\nlet x = (1 +;\n", "broken.ts")
    assert error.line == 2
    assert error.message.startswith("syntax error: unexpected '")


def test_column_counts_characters_not_bytes() -> None:
    [error] = check('const s = "日本語😀"; f(1;\n', "wide.ts")
    assert (error.line, error.column) == (1, 22)


def test_namespace_with_values_is_unsupported() -> None:
    source = "let a = 1;\n  namespace N {\n    export const x = 1;\n  }\n"
    with pytest.raises(TypeScriptSyntaxError) as raised:
        strip(source, "ns.ts")
    assert str(raised.value) == "ns.ts:2:3: unsupported TypeScript syntax: namespace with values in it"


@pytest.mark.parametrize(
    ("source", "what"),
    [
        ("module M { export const x = 1; }", "module declaration with values in it"),
        ("@sealed class A {}", "decorator"),
        ("class A { m(@inject x) {} }", "decorator"),
        ("import fs = require('fs');", "'import x = require(...)'"),
        ("import A = N.B;", "import alias 'import x = ...'"),
        ("export = 1;", "'export ='"),
        ("let x = <any>y;", "type assertion '<T>value' (write 'value as T')"),
        ("function f(private x) {}", "parameter property outside a constructor"),
        ("class A { constructor(public { x }) {} }", "parameter property that is not a plain identifier"),
        (
            "class A extends B { constructor(public x) { if (x) super(); } }",
            "parameter properties without a top-level 'super(...)' call",
        ),
        ("x = 1 + 1 as number / 2;", "'as'/'satisfies' whose erasure would regroup operators (add parentheses)"),
        ("x = 2 ** 2 as number ** 3;", "'as'/'satisfies' whose erasure would regroup operators (add parentheses)"),
        ("foo satisfies string\n[0];", "line break before '[' after a type (end the statement before it with ';')"),
        ("x = f<string>`tagged`;", "type arguments on a tagged template"),
        # A key is written twice by the transform, so one spanning lines would move what follows.
        ("enum E { 'a\\\nb' = 1 }", "enum member name that is not an identifier or a one-line string"),
    ],
)
def test_unsupported_syntax_is_refused(source: str, what: str) -> None:
    errors = check(source, "u.ts")
    assert [error.message for error in errors] == [f"unsupported TypeScript syntax: {what}"]
    with pytest.raises(TypeScriptSyntaxError):
        strip(source, "u.ts")


def test_import_require_is_refused_where_it_stands_among_module_syntax() -> None:
    source = "import a from './a';\nexport const b = a;\n  import fs = require('fs');\n"
    with pytest.raises(TypeScriptSyntaxError) as raised:
        strip(source, "m.ts")
    assert str(raised.value) == "m.ts:3:3: unsupported TypeScript syntax: 'import x = require(...)'"


def test_assertion_then_call_on_the_same_line_is_a_syntax_error() -> None:
    [error] = check("x as any(1);", "a.ts")
    assert error.message == "syntax error: unexpected '(' after a type"


def test_check_reports_every_problem_in_source_order() -> None:
    source = "@dec class A {}\nlet ok: number = 1;\nlet bad = f(1;\nnamespace N { const v = 1 }\nlet y = <T>z;\n"
    errors = check(source, "many.ts")
    assert [(error.line, error.message.split(":")[0]) for error in errors] == [
        (1, "unsupported TypeScript syntax"),
        (3, "syntax error"),
        (4, "unsupported TypeScript syntax"),
        (5, "unsupported TypeScript syntax"),
    ]
    with pytest.raises(TypeScriptSyntaxError) as raised:
        strip(source, "many.ts")
    assert str(raised.value) == str(errors[0])


def test_check_is_empty_for_valid_source() -> None:
    assert check("let a: number = 1;\nenum E { A }\nclass C { constructor(private x: number) {} }\n", "ok.ts") == []


def test_nothing_inside_erased_declarations_is_refused() -> None:
    source = (
        "declare namespace N { const v: number; export = v; }\ndeclare class D { constructor(private x: number); }\n"
        "declare enum E { A }\ndeclare module 'm' { import x = require('y'); }\n"
    )
    assert check(source, "d.ts") == []


def test_engine_errors_point_at_the_typescript_source() -> None:
    source = (
        "let a: number = 1;\n"
        "function f<T>(x: T, y?: number): T { return x; }\n"
        "const obj = {} as { [k: string]: number }; let e: Error = new Error('here');\n"
        "print(e.lineNumber, e.columnNumber);\n"
    )
    assert run_js(strip(source, "pos.ts")) == [f"3 {source.splitlines()[2].index('new Error') + 1}"]
