"""Each snippet strips to JavaScript that keeps its layout and runs as TypeScript means it to."""

from __future__ import annotations

import pytest

from bridge.typescript import strip

from .corpus import CASES, Case
from .helpers import run_js, same_layout, same_lines


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_strip_keeps_layout_and_meaning(case: Case) -> None:
    javascript = strip(case.source, "case.ts")
    if case.exact:
        assert same_layout(case.source, javascript), javascript
    else:
        assert same_lines(case.source, javascript), javascript
    assert run_js(javascript) == list(case.expected)


TSC_CASES = [case for case in CASES if case.tsc]


@pytest.fixture(scope="module")
def tsc_output(tsc) -> dict[str, str]:
    return tsc({f"case{index}": case.source for index, case in enumerate(TSC_CASES)})


@pytest.mark.parametrize("index", range(len(TSC_CASES)), ids=[case.name for case in TSC_CASES])
def test_same_output_as_tsc(index: int, tsc_output: dict[str, str]) -> None:
    case = TSC_CASES[index]
    assert run_js(strip(case.source, "case.ts")) == run_js(tsc_output[f"case{index}"]) == list(case.expected)


PLAIN_JAVASCRIPT = [
    "",
    "print(1)\n",
    "const a = 1, b = { c: [1, 2, 3] };\nfunction f(x, y = 2, ...z) { return x < y ? y > x : z; }\n",
    "class A extends Object { #p = 1; static s = 2; get g() { return this.#p; } *gen() { yield 1; } }\n",
    "label: for (const k in { a: 1 }) { if (k) continue label; else break; }\n"
    "const t = `x${1 + 2}y`; /* 注释 😀 */ // comment\nlet r = /ab+c/gi.test('abbc');\n",
    "async function f() { await null; for await (const x of []) {} }\nconst o = { a, b, ...c, [d]: e };\n",
    "a = b ? c : d; a ??= 1; a ||= 2; a &&= 3; x = a?.b?.[c]?.(d);\nswitch (x) { case 1: break; default: }\n",
]


@pytest.mark.parametrize("javascript", PLAIN_JAVASCRIPT)
def test_plain_javascript_is_unchanged(javascript: str) -> None:
    assert strip(javascript, "plain.ts") == javascript
