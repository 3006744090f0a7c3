"""Cold start: `scripting-bridge run empty.ts` against `python -c "import pythonmonkey"`.

Both are run alternately, A B A B, and the ratio is taken pair by pair; the median is
reported (goal: at most 1.3x). Usage: python bench/startup.py [rounds]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(rounds: int = 10) -> None:
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty.ts"
        empty.write_text("const nothing: number = 0\n")
        bridge = [sys.executable, "-m", "bridge", "run", str(empty)]
        floor = [sys.executable, "-c", "import pythonmonkey"]
        _seconds(bridge), _seconds(floor)  # warm the file cache
        pairs = [(_seconds(bridge), _seconds(floor)) for _ in range(rounds)]
    ratios = [ours / theirs for ours, theirs in pairs]
    print(f"scripting-bridge run empty.ts: median {statistics.median(p[0] for p in pairs) * 1000:.0f} ms")
    print(f"python -c 'import pythonmonkey': median {statistics.median(p[1] for p in pairs) * 1000:.0f} ms")
    print(f"ratio (median of {rounds} pairs): {statistics.median(ratios):.2f}x  (goal <= 1.3x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
