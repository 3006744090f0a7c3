"""Erasing a 2,000-line file stays well under 100 ms."""

from __future__ import annotations

import time

from bridge.typescript import strip

_CHUNK = """\
interface Point{i} {{ x: number; y: number }}
function dist{i}(a: Point{i}, b: Point{i}): number {{
  const dx: number = a.x - b.x, dy = (a.y - b.y) as number;
  return Math.sqrt(dx * dx + dy * dy);
}}
class Shape{i}<T> implements Point{i} {{
  x = 0; y = 0;
  private readonly items: Array<T> = [];
  constructor(public name: string, count?: number) {{ this.items.push(count! as any); }}
  get size(): number {{ return this.items.length; }}
  static make<U>(x: U): Shape{i}<U> {{ return new Shape{i}<U>("a"); }}
}}
const m{i} = new Map<string, number>([["a", 1]]);
let s{i} = [1, 2, 3].map((v: number): string => `${{v}}`).join(",") satisfies string;
"""


def test_two_thousand_lines_take_well_under_100_ms() -> None:
    source = "".join(_CHUNK.format(i=i) for i in range(2000 // _CHUNK.count("\n") + 1))
    assert source.count("\n") >= 2000
    strip(source, "big.ts")  # the first call also builds the parser
    best = min(_timed(source) for _ in range(3))
    assert best < 0.1, f"{best * 1000:.0f} ms"


def _timed(source: str) -> float:
    start = time.perf_counter()
    strip(source, "big.ts")
    return time.perf_counter() - start
