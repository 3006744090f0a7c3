"""Benchmark of SQLite and Storage through the bridge, as ratios to the same statements run with
Python's sqlite3 directly in the same run (ratio = bridge time / sqlite3 time; 1.0 is parity).

    python bench/storage.py [--rows N] [--repeat R]

Rows: inserting N rows one `execute` at a time (each awaited, as a script does), inserting them
in one transaction, selecting them all (`fetchAll`), and `Storage.set`/`Storage.get` per
second next to sqlite3 doing the same write (WAL, synchronous=FULL) and read. Each row is the
best of R runs, on files in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pythonmonkey as pm

import bridge

_SCRIPT = r"""
globalThis.bench = {
  async inserts(path, n) {
    const db = SQLite.open(path)
    await db.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT, score REAL)")
    const start = Date.now()
    for (let i = 0; i < n; i++) await db.execute("INSERT INTO t (name, score) VALUES (?, ?)", ["name " + i, i / 3])
    return Date.now() - start
  },
  async transaction(path, n) {
    const db = SQLite.open(path)
    await db.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT, score REAL)")
    const steps = []
    for (let i = 0; i < n; i++) steps.push({ sql: "INSERT INTO t (name, score) VALUES (?, ?)", args: ["name " + i, i / 3] })
    const start = Date.now()
    await db.transaction(steps)
    return Date.now() - start
  },
  async select(path) {
    const db = SQLite.open(path)
    const start = Date.now()
    const rows = await db.fetchAll("SELECT * FROM t")
    return [Date.now() - start, rows.length]
  },
  storage(n) {
    const start = Date.now()
    for (let i = 0; i < n; i++) Storage.set("key " + (i % 100), { i })
    const middle = Date.now()
    let total = 0
    for (let i = 0; i < n; i++) total += Storage.get("key " + (i % 100)).i >= 0 ? 1 : 0
    return [middle - start, Date.now() - middle, total]
  },
}
"""


def _python(folder: Path, rows: int) -> dict[str, float]:
    path = folder / "python.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL)")
    start = time.perf_counter()
    for i in range(rows):
        db.execute("INSERT INTO t (name, score) VALUES (?, ?)", (f"name {i}", i / 3))
    inserts = time.perf_counter() - start
    start = time.perf_counter()
    db.execute("BEGIN")
    for i in range(rows):
        db.execute("INSERT INTO t (name, score) VALUES (?, ?)", (f"name {i}", i / 3))
    db.execute("COMMIT")
    transaction = time.perf_counter() - start
    start = time.perf_counter()
    cursor = db.execute("SELECT * FROM t")
    names = [column[0] for column in cursor.description]
    [dict(zip(names, row)) for row in cursor.fetchall()]
    select = time.perf_counter() - start
    db.close()
    store = sqlite3.connect(folder / "python-storage.sqlite", isolation_level=None)
    store.execute("PRAGMA journal_mode = WAL")
    store.execute("PRAGMA synchronous = FULL")
    store.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, kind INTEGER NOT NULL, value BLOB NOT NULL)")
    start = time.perf_counter()
    for i in range(rows):
        store.execute("INSERT OR REPLACE INTO entries VALUES (?, 0, ?)", (f"key {i % 100}", f'{{"i":{i}}}'))
    sets = time.perf_counter() - start
    start = time.perf_counter()
    for i in range(rows):
        store.execute("SELECT value FROM entries WHERE key = ? AND kind = 0", (f"key {i % 100}",)).fetchall()
    gets = time.perf_counter() - start
    store.close()
    return {"insert one at a time": inserts, "insert in one transaction": transaction, "select all": select,
            "Storage.set": sets, "Storage.get": gets}


async def _bridge(folder: Path, rows: int) -> dict[str, float]:
    path = folder / "bridge.sqlite"
    path.unlink(missing_ok=True)
    async with bridge.Runtime(stdout=io.StringIO(), data_dir=folder / "data") as runtime:
        await runtime.run_source(_SCRIPT, "bench.js")
        await runtime.run_source(f"""globalThis.results = [await bench.inserts({str(path)!r}, {rows}),
          await bench.transaction({str(path)!r}, {rows}), ...await bench.select({str(path)!r}),
          ...bench.storage({rows})]""", "measure.js")
        inserts, transaction, select, selected, sets, gets, _ = (float(n) for n in pm.eval("globalThis.results"))
        results = {"insert one at a time": inserts / 1000, "insert in one transaction": transaction / 1000,
                   "select all": select / 1000, "Storage.set": sets / 1000, "Storage.get": gets / 1000}
        assert int(selected) == 2 * rows, "every row inserted is selected"
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    best_bridge: dict[str, float] = {}
    best_python: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for _ in range(options.repeat):
            for name, seconds in asyncio.run(_bridge(folder, options.rows)).items():
                best_bridge[name] = min(seconds, best_bridge.get(name, float("inf")))
            for name, seconds in _python(folder, options.rows).items():
                best_python[name] = min(seconds, best_python.get(name, float("inf")))
    print(f"{options.rows} rows, best of {options.repeat}; ratio = bridge time / sqlite3 time")
    print(f"{'operation':28} {'bridge ops/s':>14} {'sqlite3 ops/s':>14} {'ratio':>7}")
    for name in best_python:
        count = options.rows
        bridge_rate = count / max(best_bridge[name], 1e-9)
        python_rate = count / max(best_python[name], 1e-9)
        print(f"{name:28} {bridge_rate:14,.0f} {python_rate:14,.0f} {best_bridge[name] / best_python[name]:7.2f}")


if __name__ == "__main__":
    os.environ.setdefault("SCRIPTING_BRIDGE_KEYRING", "0")
    main()
