"""Property tests: layout is kept for any mix of constructs, and broken input never crashes.

Erasure keeps every position (the output as long as the input, every line break at its offset)
for types, module syntax and files with JSX; the JSX stage after it keeps every line. (`enum`
and constructor parameter properties are the transforms that keep only lines: corpus.py.)"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bridge.typescript import TypeScriptSyntaxError, check, erase, strip

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


# Module syntax JavaScript has too (so .js/.jsx files are generated from it as well).
_MODULE_SYNTAX = st.sampled_from(
    [
        "import d from './a';",
        "import d2, * as ns from \"./b\";",
        "import { a as b, c } from './c';",
        "import {\n  e1,\n  e2 as e3,\n} from './e';",
        "import './side-effect';",
        "import j from './data.json';",
        "export const e = 1, { f, g: [h] } = o;",
        "export let i = 2;",
        "export var i2;",
        "export function j(x) { return x; }",
        "export function* j2() { yield 1; }",
        "export async function k() { await l; }",
        "export class M { p; }",
        "export default function () {};",
        "export default async function* () {};",
        "export default class extends M {};",
        "export default\n  (y);",
        "export default { a: 1 };",
        "export { e as q, i };",
        "export { i as default };",
        "export { r as s } from './r';",
        "export * from './t';",
        "export * as v from './v';",
        "const w = await import('./w');",
        "import('./x').then(m => m.x);",
        "const u = import.meta.url;",
        "const 名前 = '😀'; export { 名前 };",
    ]
)

# Module syntax only TypeScript has: type-only imports and exports, and types in exports.
_TYPED_MODULE_SYNTAX = st.sampled_from(
    [
        "import { a as b, type T, c } from './c';",
        "import type { U } from './u';",
        "import type D from './d';",
        "import type * as NS from './ns';",
        "import { type V1, type V2 } from './v';",
        "export const e: number = 1;",
        "export function j<T>(x: T): T { return x; }",
        "export class M<T> implements N { p?: T; }",
        "export abstract class A { abstract m(): void; }",
        "export default x as unknown;",
        "export default interface I { x: number }",
        "export type { W } from './w';",
        "export { type X, e as e4 };",
        "export type Alias<T> = T[];",
        "export interface Shape {\n  side: number;\n}",
        "export declare const dc: number;",
        "export namespace Types { export type Z = 1 }",
        "const w = await import('./w' as string);",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(_JAVASCRIPT, _TYPESCRIPT, _MODULE_SYNTAX, _TYPED_MODULE_SYNTAX), max_size=12),
    st.lists(_SEPARATORS, min_size=12, max_size=12),
)
def test_module_syntax_keeps_every_position(statements: list[str], separators: list[str]) -> None:
    source = _program(statements, separators)
    assert check(source, "module.ts") == []
    assert same_layout(source, strip(source, "module.ts"))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(_JAVASCRIPT, _MODULE_SYNTAX), max_size=12), st.lists(_SEPARATORS, min_size=12, max_size=12))
def test_javascript_module_syntax_keeps_every_position(statements: list[str], separators: list[str]) -> None:
    source = _program(statements, separators)
    assert same_layout(source, strip(source, "module.mjs"))


# JSX JavaScript has too. None of these has `</` or `/>` but in its tags.
_JSX = st.sampled_from(
    [
        "const a = <VStack spacing={8} title=\"t &amp; u\" on>\n  <Text>hi {name}</Text>\n</VStack>;",
        "const b = <>\n  {/* nothing */}\n  text\n  <Spacer />\n</>;",
        "const c = <Foo.Bar {...props} x={<i />}\n  y={n => n} />;",
        "f(<a>\n  {items.map(item => <li key={item}>{item}</li>)}\n</a>);",
        "g = <svg:rect data-x=\"1\" label=<b>bold</b> />;",
        "h = <p>\n  Hello,\n     wörld 😀  \n\n  again {1}{2} <br/>\n</p>;",
        "export const View = () => <Text\n  font=\"title\"\n>{title}</Text>;",
        "export default <App name=\"you\" />;",
    ]
)

# JSX holding TypeScript: erasure reaches into expressions and tags.
_TYPED_JSX = st.sampled_from(
    [
        "const d = <Box value={3 as number} list={[1] satisfies number[]}>{(x => x)(2) as number}</Box>;",
        "const e = <Picker<string> value={v!} onChange={(s: string): void => set(s)} />;",
        "f(<a>\n  {items.map((item: Item) => <li key={item.id}>{item.name as string}</li>)}\n</a>);",
        "const gen = <T,>(x: T) => <i>{x as unknown as string}</i>;",
        "function Row({ title }: { title: string }): JSX.Element {\n  return <Text>{title}</Text>;\n}",
    ]
)


def _jsx_programs(suffix: str):
    typed = suffix == ".tsx"
    parts = [_JAVASCRIPT, _MODULE_SYNTAX, _JSX] + ([_TYPESCRIPT, _TYPED_MODULE_SYNTAX, _TYPED_JSX] if typed else [])
    return st.builds(_program, st.lists(st.one_of(*parts), max_size=10), st.lists(_SEPARATORS, min_size=12, max_size=12))


def _tags(code: str) -> tuple[int, int]:
    return code.count("</"), code.count("/>")


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([".tsx", ".jsx"]).flatmap(lambda suffix: st.tuples(st.just(suffix), _jsx_programs(suffix))))
def test_erasure_keeps_every_position_and_leaves_jsx_as_jsx(case: tuple[str, str]) -> None:
    suffix, source = case
    filename = "view" + suffix
    assert check(source, filename) == []
    erased = erase(source, filename)
    assert same_layout(source, erased.code)
    assert _tags(erased.code) == _tags(source)
    assert erased.module.uses_jsx == (_tags(source) != (0, 0))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([".tsx", ".jsx"]).flatmap(lambda suffix: st.tuples(st.just(suffix), _jsx_programs(suffix))))
def test_jsx_stage_keeps_every_line(case: tuple[str, str]) -> None:
    """Tags become calls, which may be longer than the tags: lines stay, columns after a tag may move."""
    suffix, source = case
    javascript = strip(source, "view" + suffix)
    assert same_lines(source, javascript)
    assert _tags(javascript) == (0, 0)  # every tag is gone
