"""Cold load of a 50-module script folder: `scripting-bridge run FOLDER` against `node` running
the same folder compiled by `tsc` (CommonJS, as the app's tsconfig says) in the same run.

The folder is generated: 50 TypeScript modules, each importing up to three earlier ones
(named, default and namespace imports, a class, an interface, an enum) and all of them
reached from index.ts, which prints a checksum (both must print the same one). Each
process times its own load (from the call that runs the entry until its top level is done,
leaving out the start-up of Python or node); the two run alternately, A B A B, and the ratio is
taken pair by pair. The whole process is reported too. Usage: python bench/modules.py [rounds]
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TSC = REPO / "node_modules" / ".bin" / "tsc"
MODULES = 50


def _module(index: int, rng: random.Random) -> str:
    imports = sorted(rng.sample(range(index), min(index, 3))) if index else []
    lines = [f'import type {{ Shape{i} }} from "./m{i}";' for i in imports[:1]]
    for position, i in enumerate(imports):
        if position == 0:
            lines.append(f'import base{i}, {{ value{i}, Kind{i} }} from "./m{i}";')
        elif position == 1:
            lines.append(f'import * as ns{i} from "./m{i}";')
        else:
            lines.append(f'import {{ Thing{i} as Other{i} }} from "./m{i}";')
    used = " + ".join(
        [f"base{imports[0]}(1) + value{imports[0]} + Kind{imports[0]}.B"] if imports else ["1"]
    )
    if len(imports) > 1:
        used += f" + ns{imports[1]}.value{imports[1]}"
    if len(imports) > 2:
        used += f" + new Other{imports[2]}(2).size()"
    lines += [
        f"export interface Shape{index} {{ size(): number; label?: string }}",
        f"export enum Kind{index} {{ A, B, C = {index} }}",
        f"export const value{index}: number = {used};",
        f"export class Thing{index} implements Shape{index} {{",
        "  constructor(private readonly n: number) {}",
        f"  size(): number {{ return this.n * {index + 1}; }}",
        "}",
        f"export default function scale{index}(x: number): number {{",
        f"  const values: number[] = [x, {index}, value{index} % 7];",
        "  return values.reduce((sum, v) => sum + v, 0);",
        "}",
    ]
    return "\n".join(lines) + "\n"


def generate(folder: Path) -> None:
    rng = random.Random(50)
    for index in range(MODULES):
        (folder / f"m{index}.ts").write_text(_module(index, rng), encoding="utf-8")
    imports = "\n".join(f'import {{ value{i} }} from "./m{i}";' for i in range(MODULES))
    total = " + ".join(f"value{i}" for i in range(MODULES))
    (folder / "index.ts").write_text(f"{imports}\nconsole.log(\"checksum\", {total});\n", encoding="utf-8")


# Each process times its own load of the folder, so the start-up of Python or node is left out.
_BRIDGE_LOAD = """
import asyncio, sys, time, bridge
async def main():
    async with bridge.Runtime() as runtime:
        start = time.perf_counter()
        await runtime.run_file(sys.argv[1])
        sys.stderr.write(f"{time.perf_counter() - start}\\n")
asyncio.run(main())
"""
_NODE_LOAD = """
const start = process.hrtime.bigint();
require(process.argv[1]);
process.stderr.write(`${Number(process.hrtime.bigint() - start) / 1e9}\\n`);
"""


def _run(command: list[str]) -> tuple[float, float, str]:
    """(seconds for the whole process, seconds it reports for the load, its stdout)."""
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, float(done.stderr.split()[-1]), done.stdout


def main(rounds: int = 10) -> None:
    node = shutil.which("node")
    if node is None or not TSC.exists():
        sys.exit("needs node and node_modules/.bin/tsc (npm install --no-save typescript@5)")
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        source, compiled = root / "app", root / "compiled"
        source.mkdir()
        generate(source)
        subprocess.run([str(TSC), "--outDir", str(compiled), "--module", "commonjs", "--target", "es2022",
                        "--esModuleInterop", "--strict", *sorted(map(str, source.glob("*.ts")))], check=True)
        bridge = [sys.executable, "-c", _BRIDGE_LOAD, str(source)]
        nodejs = [node, "-e", _NODE_LOAD, str(compiled / "index.js")]
        ours, theirs = _run(bridge)[2], _run(nodejs)[2]
        if ours != theirs:
            sys.exit(f"the outputs differ: bridge {ours!r}, node {theirs!r}")
        pairs = [(_run(bridge), _run(nodejs)) for _ in range(rounds)]
    for index, name in ((0, "whole process"), (1, f"load of {MODULES} modules")):
        mine = statistics.median(pair[0][index] for pair in pairs)
        node_s = statistics.median(pair[1][index] for pair in pairs)
        ratio = statistics.median(pair[0][index] / pair[1][index] for pair in pairs)
        print(f"{name}: scripting-bridge {mine * 1000:.0f} ms, node (tsc output) {node_s * 1000:.0f} ms, "
              f"ratio {ratio:.1f}x (median of {rounds} pairs)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
