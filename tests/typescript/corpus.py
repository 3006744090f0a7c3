"""TypeScript snippets covering every construct, with what each prints when run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    source: str
    expected: tuple[str, ...]
    # False for transformed constructs (enums, parameter properties): only lines must match.
    exact: bool = True
    # Also compile with tsc and check both run the same.
    tsc: bool = False


CASES = [
    Case(
        "variable annotations",
        'let a: number = 1;\nconst b: string = "x", c: { d: number } = { d: 2 };\n'
        "var e: Array<number> | null = [3];\nlet f: (x: number) => string = (x) => String(x);\n"
        "print(a, b, c.d, e![0], f(4));\n",
        ("1 x 2 3 4",),
        tsc=True,
    ),
    Case(
        "definite assignment",
        "let x!: number;\nvar y!: string, z = 2;\nx = 1; y = 'y';\nprint(x, y, z);\n",
        ("1 y 2",),
    ),
    Case(
        "non-ASCII text around erased types",
        'let s: "日本" | "😀" = "日本"; /* 注释 😀 */ let t: `${string}😀` = `a😀`;\n'
        "const u = { k: '汉字' } as { k: string }; // 😀😀\nprint(s, t, u.k);\n",
        ("日本 a😀 汉字",),
    ),
    Case(
        "functions",
        "function f<T extends object>(a: T, b?: number, ...rest: string[]): [T, number | undefined, string[]] {\n"
        "  return [a, b, rest];\n}\nfunction g(x: number = 2): void { print(x); }\n"
        "const h = function <U>(u: U): U { return u; };\nprint(f({}, undefined, 'r'), h<string>('h')); g();\n",
        ('[{},null,["r"]] h', "2"),
    ),
    Case(
        "this parameter",
        "function f(this: { v: number }, x: number) { return this.v + x; }\n"
        "function g(this: unknown) { return typeof this; }\n"
        "function h(\n  this: any,\n  a: number,\n) { return a; }\nprint(f.call({ v: 1 }, 2), g.call(1), h(3));\n",
        ("3 object 3",),
        tsc=True,
    ),
    Case(
        "overloads",
        "function o(a: string): string;\nfunction o(a: number): number;\n"
        "function o(a: any): any { return a; }\nclass C {\n  m(): void;\n  m(x?: number): void;\n"
        "  m(x?: number) { print('m', x); }\n  constructor();\n  constructor(x?: number) {}\n}\n"
        "print(o(1), o('s')); new C().m(5);\n",
        ("1 s", "m 5"),
    ),
    Case(
        "predicates, asserts and unique symbol",
        "function isNum(x: unknown): x is number { return typeof x === 'number'; }\n"
        "function check(x: unknown): asserts x is string { if (typeof x !== 'string') throw new Error(); }\n"
        "const sym: unique symbol = Symbol('s');\nconst v: unknown = 'ok'; check(v);\n"
        "print(isNum(1), isNum('1'), v, typeof sym);\n",
        ("true false ok symbol",),
    ),
    Case(
        "arrow functions",
        "const id = <T,>(x: T): T => x;\nconst pair = <A, B>(a: A, b: B): [A, B] => [a, b];\n"
        "const run = async <T>(v: T): Promise<T> => v;\n"
        "const guard = (x: any): x is string => typeof x === 'string';\n"
        "const one = (x?: number) => x ?? 1;\nconst add = (x: number): ((y: number) => number) => (y) => x + y;\nrun(3).then((v: number) => print('async', v));\n"
        "print(id(1), pair('a', 2), guard('s'), one(), add(1)(2));\n",
        ('1 ["a",2] true 1 3', "async 3"),
        tsc=True,
    ),
    Case(
        "arrow return type across lines",
        "let f = (a: string, b: string): Array<\n   string\n> => [a, b];\n"
        "let g = ()\n  : number =>\n  1;\nlet h = (\n  x: number\n):\n  number => x * 2;\n"
        "print(f('a', 'b'), g(), h(4));\n",
        ('["a","b"] 1 8',),
        tsc=True,
    ),
    Case(
        "generic arrow type parameters across lines",
        "const b = async <\n    T\n>(v: T) => v;\nconst c = async <\n  T\n>(v: T): Promise<\n  T\n> => v;\n"
        "function r() {\n  return<T>\n    (v: T) => v;\n}\nfunction* y() {\n  yield<T>\n(v: T) => v;\n}\n"
        "b(1).then(v => print('b', v)); c(2).then(v => print('c', v));\n"
        "print(typeof r(), r()(3), typeof y().next().value);\n",
        ("function 3 function", "b 1", "c 2"),
        tsc=True,
    ),
    Case(
        "classes and members",
        "interface Shape { area(): number }\nclass Base<T> { constructor(public readonly t?: T) {} }\n"
        "class Sq extends Base<number> implements Shape {\n  private readonly side: number = 2;\n"
        "  protected static count?: number;\n  public name!: string;\n  declare extra: string;\n"
        "  [key: string]: unknown;\n  override toString(): string { return 'Sq'; }\n"
        "  area(): number { return this.side ** 2; }\n  get double(): number { return this.area() * 2; }\n"
        "  set double(v: number) {}\n  opt?(): void {}\n  static #hidden?: number = 1;\n"
        "  static hidden(): number | undefined { return Sq.#hidden; }\n}\nconst s = new Sq();\n"
        "print(s.area(), s.double, String(s), 'extra' in s, Object.keys(s), Sq.hidden());\n",
        ('4 8 Sq false ["t","side","name"] 1',),
        exact=False,
        tsc=True,
    ),
    Case(
        "abstract classes",
        "abstract class A {\n  abstract name: string;\n  protected abstract m(): number;\n"
        "  abstract get g(): number;\n  run(): number { return this.m() + 1; }\n}\n"
        "class B extends A { name = 'b'; get g() { return 0; } protected m() { return 41; } }\n"
        "print(new B().run(), Object.keys(new B()));\n",
        ('42 ["name"]',),
        tsc=True,
    ),
    Case(
        "erased modifier before a computed key",
        "class K {\n  a = 1\n  public ['b'] = 2\n  c = 3\n  private *['gen']() { yield 4; }\n"
        "  d = 5\n  static readonly ['e'] = 6\n}\nconst k: any = new K();\n"
        "print(k.a, k.b, k.c, k.gen().next().value, k.d, (K as any).e);\n",
        ("1 2 3 4 5 6",),
        tsc=True,
    ),
    Case(
        "class expressions and generic heritage",
        "interface I {}\n"
        "const Mixin = <T extends new (...a: any[]) => object>(B: T) => class extends B implements I {"
        " m(): string { return 'mixed'; } };\nclass Plain {}\nconst M = Mixin(Plain);\n"
        "print(new M().m(), new (class<T> extends Array<T> { first(): T { return this[0]; } })<number>(7).length);\n",
        ("mixed 7",),
    ),
    Case(
        "parameter properties",
        "class Point {\n  constructor(public x: number, private readonly y = 2, protected z?: number) {}\n"
        "  sum(): number { return this.x + this.y + (this.z ?? 0); }\n}\n"
        "class Base { constructor(public tag: string) {} }\n"
        "class Derived extends Base {\n  extra = 'e';\n  constructor(readonly n: number, override tag: string) {\n"
        "    print('before super');\n    super(tag)\n    print('after super', this.n);\n  }\n}\n"
        "const p = new Point(1);\nconst d = new Derived(5, 't');\n"
        "print(p.sum(), Object.keys(p), Object.keys(d), d.tag);\n",
        ("before super", "after super 5", '3 ["x","y","z"] ["tag","n","extra"] t'),
        exact=False,
        tsc=True,
    ),
    Case(
        "interfaces and type aliases",
        "interface A {\n  x: number;\n  f(y: string): void;\n}\ntype B<T> =\n  | { kind: 'a'; value: T }\n"
        "  | { kind: 'b' };\nexport interface C extends A {}\nexport type D = B<number>;\n"
        "const v: D = { kind: 'b' };\n"
        "print(v.kind);\n",
        ("b",),
    ),
    Case(
        "assertions",
        "const a = [1, 2] as const;\nconst b = { n: 1 } satisfies { n: number };\n"
        "const c = ('x' as unknown) as string;\n"
        "const d = (b as any)!.n! + 1;\nconst e = <T,>(x: T) => x as unknown as T[];\n"
        "const f = 1 * 1 as number + 2;\n"
        "let g: any = {}; (g as any).h = 2; g!.i = 3;\nprint(a, b.n, c, d, e(1), f, g.h, g.i);\n",
        ('[1,2] 1 x 2 1 3 2 3',),
        tsc=True,
    ),
    Case(
        "generic calls",
        "function f<T>(x: T): T { return x; }\nconst m = new Map<string, number>([['a', 1]]);\n"
        "const s = new Set<number>;\nconst o = { g<T>(x: T) { return x; } };\nconst n: any = null;\n"
        "const inst = f<string>;\n"
        "print(f<number>(1), m.get('a'), s.size, o.g<number>(2), n?.h<number>(3), inst('i'));\n",
        ("1 1 0 2 undefined i",),
    ),
    Case(
        "optional chaining stays",
        "const o: any = { a: { b: [5], c: (x: number) => x } };\nconst no: any = undefined;\n"
        "print(o?.a?.b?.[0], o.a?.c?.(6), no?.a.b, o.a!.b![0]);\n",
        ("5 6 undefined 5",),
    ),
    Case(
        "declarations",
        "declare const ext: number;\ndeclare let maybe: string | undefined;\n"
        "declare function ambient(x: number): void;\n"
        "declare class Foo { x: number }\ndeclare enum DE { A }\ndeclare namespace NS { const y: number }\n"
        'declare module "somewhere" {\n  export const z: number;\n}\n'
        "declare global {\n  interface Window { w: number }\n}\n"
        "print('declarations erased');\n",
        ("declarations erased",),
    ),
    Case(
        "type-only imports and exports",
        "import type { A } from './a';\nimport type B from './b';\nimport { type C, type D } from './c';\n"
        "export type { A };\nexport { type C };\nexport type E = A | B;\nexport declare const F: number;\n"
        "export as namespace G;\nprint('ok');\n",
        ("ok",),
    ),
    Case(
        "type-only namespaces",
        "namespace Types {\n  export type T = number;\n  export interface I {}\n  namespace Inner { type U = 1 }\n}\n"
        "module Legacy { export type X = 1 }\nprint('namespaces erased');\n",
        ("namespaces erased",),
    ),
    Case(
        "semicolons after erased statements",
        "let log = (x: any) => print(x)\nlet v = 'value'\ntype A = 1\n(function () { print('iife') })()\n"
        "v\ninterface I {}\n[1, 2].forEach(log)\nv\ninterface J {}\n`template`\n"
        "if (v)\n  type T = 1;\nprint('after if')\nlet z = v as string\n(log)('called')\n",
        ("iife", "1", "2", "after if", "called"),
        tsc=True,
    ),
    Case(
        "enums",
        "enum Color { Red, Green = 5, Blue }\nenum Str { A = 'a', B = `b` }\n"
        "enum Mixed {\n  One = 1,\n  Two = One * 2, // doubled\n  Three,\n  'four-4' = 4,\n  Len = 'abc'.length,\n}\n"
        "const enum Flags { None = 0, A = 1 << 0, B = 1 << 1, AB = A | B }\n"
        "print(Color.Red, Color.Green, Color.Blue, Color[6], Str.A, Str.B, Str['a']);\n"
        "print(Mixed.Two, Mixed.Three, Mixed['four-4'], Mixed[4], Mixed.Len, Mixed[3], Flags.AB);\n"
        "print(JSON.stringify(Color));\n",
        (
            "0 5 6 Blue a b undefined",
            "2 3 4 four-4 3 Len 3",
            '{"0":"Red","5":"Green","6":"Blue","Red":0,"Green":5,"Blue":6}',
        ),
        exact=False,
        tsc=True,
    ),
    Case(
        "enums in functions, blocks and loops",
        "function f() {\n  enum Local { A }\n  enum Local { B = 3 }\n  for (const i of [1, 2]) {\n"
        "    enum InLoop { B = i }\n    print(JSON.stringify(InLoop));\n  }\n  return Local;\n}\n"
        "enum Top { A }\nenum Top { B = 2 }\nprint(JSON.stringify(f()), JSON.stringify(Top));\n",
        ('{"1":"B","B":1}', '{"2":"B","B":2}', '{"0":"A","3":"B","A":0,"B":3} {"0":"A","2":"B","A":0,"B":2}'),
        exact=False,
        tsc=True,
    ),
    Case(
        "enum initializers",
        "enum A { X = -1, Y, Z = 1.5, W, H = 0x10, S = 1_000 }\nenum B { P = 'p', Q = `q${1}`, R = P + 'r' }\n"
        "enum C { default = 1, delete, new = A.Y + 10 }\nenum D { Q1 = B.P.length, Q2 = Q1 * 2, Q3 = 'x'.length }\n"
        "print(JSON.stringify(A));\nprint(JSON.stringify(B), JSON.stringify(C), JSON.stringify(D));\n",
        (
            '{"0":"Y","16":"H","1000":"S","X":-1,"-1":"X","Y":0,"Z":1.5,"1.5":"Z","W":2.5,"2.5":"W","H":16,"S":1000}',
            '{"P":"p","Q":"q1","R":"pr"} {"1":"default","2":"delete","10":"new","default":1,"delete":2,"new":10}'
            ' {"1":"Q3","2":"Q2","Q1":1,"Q2":2,"Q3":1}',
        ),
        exact=False,
        tsc=True,
    ),
    Case(
        "enum spanning lines keeps later lines",
        "enum E\n{\n  A = 1 +\n    2,\n  B\n}\nprint(E.A, E.B, E[4], new Error().lineNumber);\n",
        ("3 4 B 7",),
        exact=False,
    ),
    Case(
        "catch, loops and object methods",
        "try { throw 1; } catch (e: unknown) { print('caught', e); }\nfor (let i: number = 0; i < 2; i++) print(i);\n"
        "for (const k of ['a'] as string[]) print(k);\nconst o = { m(x: number): number { return x + 1; }, "
        "get g(): string { return 'g'; } };\nprint(o.m(1), o.g);\n",
        ("caught 1", "0", "1", "a", "2 g"),
    ),
    Case(
        "CRLF line endings",
        "let a: number = 1;\r\ninterface I {\r\n  x: number;\r\n}\r\nprint(a);\r\n",
        ("1",),
    ),
]
