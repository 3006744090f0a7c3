"""FileEntity against Python's own files on real temporary files."""

from __future__ import annotations

import asyncio
import io
import json
import os

import pythonmonkey as pm

import bridge

from file_scripts import failed


async def test_reading_in_pieces_seeking_and_the_end(scripts):
    payload = bytes(range(256)) * 40
    (scripts.folder / "in.bin").write_bytes(payload)
    results = await scripts.run("""
        const file = FileEntity.openForReading("in.bin")
        out([file.path, file.offset])
        out(file.read(10))
        out(file.offset)
        const rest = []
        for (;;) { const piece = file.read(4096); if (piece.size === 0) break; rest.push(...piece.toUint8Array()) }
        out(rest.length)
        out([file.seek(5), file.offset, file.read(3)])
        out([file.seek(1e6), file.read(10).size, file.seek(-1), file.seek(1.5), file.seek("0")])
        out([attempt(() => file.read(-1)), attempt(() => file.read("1"))])
        out(attempt(() => file.write(Data.fromIntArray([1]))))
        file.close()
        file.close()
        out([attempt(() => file.read(1)), file.seek(0), attempt(() => file.offset)])
    """)
    assert results[0] == ["in.bin", 0]
    assert results[1] == {"data": list(payload[:10])}
    assert results[2] == 10
    assert results[3] == len(payload) - 10
    assert results[4] == [True, 5, {"data": list(payload[5:8])}]
    assert results[5] == [True, 0, False, False, False]
    assert results[6][0]["error"] == "RangeError" and results[6][1]["error"] == "TypeError"
    failed(results[7], "FileEntity.write (in.bin)")
    failed(results[8][0], "FileEntity.read (in.bin)", "closed")
    assert results[8][1] is False
    failed(results[8][2], "closed")


async def test_writing_modes_match_fopen(scripts):
    folder = scripts.folder
    (folder / "existing.txt").write_bytes(b"0123456789")
    for name in ("r", "w", "a", "r+", "w+", "a+", "rb", "r+b"):
        (folder / f"mode-{name}").write_bytes(b"abc")
    results = await scripts.run("""
        const text = (s) => Data.fromRawString(s)
        const fresh = FileEntity.openNewForWriting("new.txt"); fresh.write(text("hello")); fresh.close()
        const truncated = FileEntity.openNewForWriting("existing.txt"); truncated.write(text("x")); truncated.close()
        out(attempt(() => FileEntity.openForWritingAndReading("missing.txt")))
        const both = FileEntity.openForWritingAndReading("new.txt")
        both.seek(1); both.write(text("EL")); both.seek(0); out(both.read(100).toRawString()); both.close()
        for (const mode of ["w", "a", "r+", "w+", "a+", "r+b"]) {
          const file = FileEntity.openForMode("mode-" + mode, mode); file.write(text("Z")); file.close()
        }
        const reading = FileEntity.openForMode("mode-rb", "rb"); out(reading.read(2).toRawString()); reading.close()
        out(attempt(() => FileEntity.openForMode("x", "rw")))
        out(attempt(() => FileEntity.openForReading("missing.txt")))
        out(attempt(() => FileEntity.openForReading(".")))
        out(attempt(() => new FileEntity()))
    """)
    assert (folder / "new.txt").read_bytes() == b"hELlo"
    assert (folder / "existing.txt").read_bytes() == b"x"
    failed(results[0], "FileEntity.openForWritingAndReading", "missing.txt", "no such file")
    assert results[1] == "hELlo"
    # Python's open() with the same modes is the reference.
    for mode in ("w", "a", "r+", "w+", "a+", "r+b"):
        reference = folder / f"reference-{mode}"
        reference.write_bytes(b"abc")
        with open(reference, mode.replace("b", "") + "b") as file:
            file.write(b"Z")
        assert (folder / f"mode-{mode}").read_bytes() == reference.read_bytes(), mode
    assert results[2] == "ab"
    assert results[3]["error"] == "TypeError" and "r, w, a, r+, w+, a+" in results[3]["message"]
    failed(results[4], "FileEntity.openForReading", "missing.txt", "no such file or directory")
    failed(results[5], "FileEntity.openForReading", "is a directory")
    assert results[6]["error"] == "TypeError"


async def test_an_unclosed_entity_is_closed_when_collected_and_at_the_end(tmp_path):
    (tmp_path / "f").write_bytes(b"x")
    open_files = lambda: len(os.listdir("/proc/self/fd"))  # noqa: E731
    async with bridge.Runtime(stdout=io.StringIO(), stderr=io.StringIO()) as runtime:
        before = open_files()
        await runtime.run_source(f"""
            for (let i = 0; i < 200; i++) FileEntity.openForReading({json.dumps(str(tmp_path / "f"))}).read(1)
            globalThis.held = FileEntity.openForReading({json.dumps(str(tmp_path / "f"))})
        """, "leaky.js")
        assert open_files() == before + 201
        for _ in range(20):
            pm.collect()
            await asyncio.sleep(0.01)
            if open_files() == before + 1:
                break
        assert open_files() == before + 1  # only the one a global still holds
    assert open_files() <= before  # and that one, with the runtime
