"""Property tests: layout is kept for any mix of constructs, and broken input never crashes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bridge.typescript import TypeScriptSyntaxError, check, strip

from .corpus import CASES
from .helpers import same_layout, same_lines

_SEPARATORS = st.sampled_from(["\n", "\n\n", " ", "\r\n", "\n  ", " /* 注释 */\n", " // 😀\n"])

_JAVASCRIPT = st.sampled_from(
    [
        "let a = 1;",
        "const s = '日本😀';",
        "f(a, b);",
        "if (a < b) { c = a > b; } else d();",
        "x = a ? b : c;",
        "function g(x, y = 1, ...z) { return [x, y, z]; }",
        "class K extends Object { static s = 1; #p; get q() { return this.#p; } }",
        "for (const k of [1, 2]) continue;",
        "o = { m() {}, [k]: 1, ...r };",
        "t = `a${b}c`;",
        "(() => 1)();",
        "[1, 2].map(n => n * 2);",
        "a?.b?.[c]?.(d);",
        "label: while (x) break label;",
    ]
)

_TYPESCRIPT = st.sampled_from(
    [
        "let a: number = 1;",
        "let b!: string;",
        "type T<U> = U | null;",
        "interface I { x: number }",
        "declare const d: unique symbol;",
        "function f<T>(this: Window, x?: T, ...r: T[]): asserts x is T {}",
        "const g = <T,>(x: T): T => x;",
        "const h = (x: number):\n  number => x;",
        "x = y as unknown as string[];",
        "x = y! satisfies Z;",
        "new Map<string, number>();",
        "class C<T> extends B<T> implements I { private readonly p?: T; declare q: number; abstract m(): void; }",
        "abstract class A { protected abstract m(): void; [k: string]: any; }",
        "import type { A } from 'a';",
        "export type { A };",
        "function o(): void;",
        "namespace N { export type X = 1 }",
        "declare global { interface W {} }",
        "s = { m<T>(v: T): T { return v; } };",
    ]
)


def _program(statements: list[str], separators: list[str]) -> str:
    return "".join(statement + separator for statement, separator in zip(statements, separators))


@settings(max_examples=150, deadline=None)
@given(st.lists(_JAVASCRIPT, max_size=12), st.lists(_SEPARATORS, min_size=12, max_size=12))
def test_plain_javascript_comes_through_unchanged(statements: list[str], separators: list[str]) -> None:
    source = _program(statements, separators)
    assert strip(source, "plain.ts") == source


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_JAVASCRIPT, _TYPESCRIPT), max_size=12), st.lists(_SEPARATORS, min_size=12, max_size=12))
def test_erasure_keeps_every_position(statements: list[str], separators: list[str]) -> None:
    source = _program(statements, separators)
    assert check(source, "mixed.ts") == []
    assert same_layout(source, strip(source, "mixed.ts"))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([case.source for case in CASES]), st.data())
def test_broken_input_is_reported_not_crashed_on(source: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(source)))
    end = data.draw(st.integers(start, min(len(source), start + 12)))
    broken = source[:start] + data.draw(st.sampled_from(["", "(", "<", ":", "{", "as", "\n"])) + source[end:]
    problems = check(broken, "broken.ts")
    assert all(isinstance(problem, TypeScriptSyntaxError) for problem in problems)
    try:
        javascript = strip(broken, "broken.ts")
    except TypeScriptSyntaxError as error:
        assert problems and str(error) == str(problems[0])
    else:
        assert not problems and same_lines(broken, javascript)


_MODULE_SYNTAX = st.sampled_from(
    [
        "import d from './a';",
        "import d2, * as ns from \"./b\";",
        "import { a as b, type T, c } from './c';",
        "import './side-effect';",
        "import type { U } from './u';",
        "export const e: number = 1, { f, g: [h] } = o;",
        "export let i = 2;",
        "export function j<T>(x: T): T { return x; }",
        "export async function k() { await l; }",
        "export class M<T> implements N { p?: T; }",
        "export default function () {};",
        "export default async function* () {};",
        "export default class extends M {};",
        "export default x as unknown;",
        "export default\n  (y);",
        "export { e as q, i };",
        "export { r as s } from './r';",
        "export * from './t';",
        "export * as v from './v';",
        "export type { W } from './w';",
        "const w = await import('./w' as string);",
        "const u = import.meta.url;",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(_JAVASCRIPT, _TYPESCRIPT, _MODULE_SYNTAX), max_size=12),
    st.lists(_SEPARATORS, min_size=12, max_size=12),
)
def test_module_syntax_keeps_every_position(statements: list[str], separators: list[str]) -> None:
    source = _program(statements, separators)
    assert check(source, "module.ts") == []
    assert same_layout(source, strip(source, "module.ts"))


_JSX = st.sampled_from(
    [
        "const a = <VStack spacing={8} title=\"t &amp; u\" on>\n  <Text>hi {name}</Text>\n</VStack>;",
        "const b = <>\n  {/* nothing */}\n  text\n  <Spacer />\n</>;",
        "const c = <Foo.Bar {...props} x={<i />}\n  y={(n: number) => n} />;",
        "f(<a>\n  {items.map(item => <li key={item}>{item as string}</li>)}\n</a>);",
    ]
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.one_of(_JAVASCRIPT, _TYPESCRIPT, _MODULE_SYNTAX, _JSX), max_size=10),
    st.lists(_SEPARATORS, min_size=12, max_size=12),
)
def test_jsx_keeps_every_line(statements: list[str], separators: list[str]) -> None:
    """Tags become calls, which may be longer than the tags: lines stay, columns after a tag may move."""
    source = _program(statements, separators)
    assert check(source, "view.tsx") == []
    javascript = strip(source, "view.tsx")
    assert same_lines(source, javascript)
    assert "<" not in javascript.replace("a < b", "")  # every tag is gone
