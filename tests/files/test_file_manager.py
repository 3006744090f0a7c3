"""FileManager against os/pathlib on real temporary folders: every member, sync and async."""

from __future__ import annotations

import asyncio
import io
import json
import mimetypes
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import bridge
from bridge.data import encodings

from file_scripts import failed

NAMES = ["plain.txt", "empty", "ünïcødé 名前.txt", "with space", ".hidden"]


async def test_strings_round_trip_sync_and_async_with_unicode_names_and_empty_files(scripts):
    folder = scripts.folder
    texts = {"plain.txt": "hello\nworld", "empty": "", "ünïcødé 名前.txt": "é ☃ 😀", "with space": " ",
             ".hidden": "x" * 100_000}
    results = await scripts.run(f"""
        const texts = {json.dumps(texts)}
        for (const [name, text] of Object.entries(texts)) {{
          FileManager.writeAsStringSync(name + ".sync", text)
          await FileManager.writeAsString(name, text)
          out([FileManager.readAsStringSync(name), await FileManager.readAsString(name + ".sync")])
        }}
    """)
    for (name, text), (sync_read, async_read) in zip(texts.items(), results):
        assert (folder / name).read_text(encoding="utf-8") == text
        assert (folder / (name + ".sync")).read_bytes() == text.encode("utf-8")
        assert sync_read == async_read == text


async def test_bytes_and_data_round_trip(scripts):
    payload = bytes(range(256)) * 3
    (scripts.folder / "in.bin").write_bytes(payload)
    (scripts.folder / "empty.bin").write_bytes(b"")
    results = await scripts.run("""
        out(FileManager.readAsBytesSync("in.bin"))
        out(await FileManager.readAsBytes("in.bin"))
        out(FileManager.readAsDataSync("in.bin"))
        out(await FileManager.readAsData("empty.bin"))
        out(FileManager.readAsBytesSync("empty.bin"))
        const bytes = FileManager.readAsBytesSync("in.bin")
        FileManager.writeAsBytesSync("a.bin", bytes)
        await FileManager.writeAsBytes("b.bin", bytes.subarray(1, 3))
        FileManager.writeAsDataSync("c.bin", Data.fromUint8Array(bytes))
        await FileManager.writeAsData("d.bin", Data.fromIntArray([7, 8]))
        out((await FileManager.readAsData("in.bin")) instanceof Data)
    """)
    assert results[0] == results[1] == list(payload)
    assert results[2] == {"data": list(payload)}
    assert results[3] == {"data": []}
    assert results[4] == []
    assert results[5] is True
    assert (scripts.folder / "a.bin").read_bytes() == payload
    assert (scripts.folder / "b.bin").read_bytes() == payload[1:3]
    assert (scripts.folder / "c.bin").read_bytes() == payload
    assert (scripts.folder / "d.bin").read_bytes() == b"\x07\x08"


async def test_text_encodings_are_the_data_class_ones(scripts):
    results = await scripts.run("""
        FileManager.writeAsStringSync("u16.txt", "héllo", "utf-16")
        await FileManager.writeAsString("latin.txt", "héllo", "isoLatin1")
        out(FileManager.readAsStringSync("u16.txt", "utf-16"))
        out(await FileManager.readAsString("latin.txt", "isoLatin1"))
        out(await attemptAsync(() => FileManager.readAsString("latin.txt")))
        out(attempt(() => FileManager.writeAsStringSync("a.txt", "é", "ascii")))
        out(attempt(() => FileManager.readAsStringSync("u16.txt", "klingon")))
        out(attempt(() => FileManager.readAsStringSync("u16.txt", 5)))
    """)
    assert (scripts.folder / "u16.txt").read_bytes() == encodings.by_name("utf-16").encode("héllo")
    assert (scripts.folder / "latin.txt").read_bytes() == "héllo".encode("latin-1")
    assert results[:2] == ["héllo", "héllo"]
    failed(results[2], "FileManager.readAsString", "latin.txt", "not utf-8")
    failed(results[3], "FileManager.writeAsStringSync", "a.txt", "ascii cannot encode")
    assert not (scripts.folder / "a.txt").exists()
    failed(results[4], "unknown encoding", "klingon", "utf-8")
    assert results[5]["error"] == "TypeError"
    failed(results[5], "FileManager.readAsStringSync: encoding must be an Encoding name, got number")


async def test_append_makes_missing_folders_and_adds_to_the_end(scripts):
    await scripts.run("""
        FileManager.appendTextSync("new/deeper/log.txt", "one\\n")
        await FileManager.appendText("new/deeper/log.txt", "twö\\n")
        await FileManager.appendData("new/data.bin", Data.fromIntArray([1]))
        FileManager.appendDataSync("new/data.bin", Data.fromIntArray([2, 3]))
        FileManager.appendTextSync("new/u16", "a", "utf16BigEndian")
    """)
    assert (scripts.folder / "new/deeper/log.txt").read_text(encoding="utf-8") == "one\ntwö\n"
    assert (scripts.folder / "new/data.bin").read_bytes() == b"\x01\x02\x03"
    assert (scripts.folder / "new/u16").read_bytes() == "a".encode("utf-16-be")


def make_tree(folder: Path) -> None:
    (folder / "dir/sub").mkdir(parents=True)
    (folder / "dir/a.txt").write_text("a")
    (folder / "dir/sub/b.txt").write_text("bb")
    (folder / "dir/é.txt").write_text("")
    (folder / "dir/link-to-a").symlink_to("a.txt")
    (folder / "dir/link-to-sub").symlink_to("sub")
    (folder / "dir/dangling").symlink_to("nowhere")


KINDS = ["dir", "dir/a.txt", "dir/é.txt", "dir/link-to-a", "dir/link-to-sub", "dir/dangling", "missing",
         "dir/a.txt/below"]


async def test_questions_answer_as_os_path_does(scripts):
    make_tree(scripts.folder)
    results = await scripts.run(f"""
        for (const name of {json.dumps(KINDS)}) {{
          out([FileManager.existsSync(name), FileManager.isFileSync(name), FileManager.isDirectorySync(name),
               FileManager.isLinkSync(name), await FileManager.exists(name), await FileManager.isFile(name),
               await FileManager.isDirectory(name), await FileManager.isLink(name)])
        }}
    """)
    for name, answers in zip(KINDS, results):
        path = os.path.join(scripts.folder, name)
        expected = [os.path.exists(path), os.path.isfile(path), os.path.isdir(path), os.path.islink(path)]
        assert answers == expected * 2, name


async def test_stat_follows_links_like_os_stat(scripts):
    make_tree(scripts.folder)
    results = await scripts.run("""
        for (const name of ["dir/a.txt", "dir", "dir/link-to-a", "dir/é.txt"]) out(FileManager.statSync(name))
        out(await FileManager.stat("dir/sub/b.txt"))
        out(await attemptAsync(() => FileManager.stat("dir/dangling")))
        out(attempt(() => FileManager.statSync("missing")))
    """)
    for name, found in zip(["dir/a.txt", "dir", "dir/link-to-a", "dir/é.txt", "dir/sub/b.txt"], results):
        info = os.stat(scripts.folder / name)
        assert found["size"] == info.st_size
        assert found["type"] == ("directory" if name == "dir" else "file")
        assert found["modificationDate"] == pytest.approx(info.st_mtime * 1000)
        assert found["creationDate"] <= found["modificationDate"]
    failed(results[5], "FileManager.stat:", "dangling", "no such file or directory")
    failed(results[6], "FileManager.statSync:", str(scripts.folder / "missing"), "no such file or directory")


async def test_read_directory_lists_names_or_every_path_below(scripts):
    make_tree(scripts.folder)
    results = await scripts.run("""
        out(FileManager.readDirectorySync("dir"))
        out(await FileManager.readDirectory("dir", true))
        out(FileManager.readDirectorySync("dir", false))
        out(await FileManager.readDirectory(Script.directory + "/dir/sub"))
        out(attempt(() => FileManager.readDirectorySync("missing", true)))
        out(await attemptAsync(() => FileManager.readDirectory("dir/a.txt")))
        out(attempt(() => FileManager.readDirectorySync("dir", "yes")))
    """)
    folder = scripts.folder / "dir"
    assert results[0] == results[2] == sorted(os.listdir(folder))
    walked = []
    for top, folders, files in os.walk(folder):
        relative = os.path.relpath(top, folder)
        walked += [name if relative == "." else f"{relative}/{name}" for name in folders + files]
    assert results[1] == sorted(walked)
    assert "link-to-sub/b.txt" not in results[1]  # links to folders are listed, not entered
    assert results[3] == ["b.txt"]
    failed(results[4], "FileManager.readDirectorySync", "missing", "no such file or directory")
    failed(results[5], "FileManager.readDirectory", "a.txt", "not a directory")
    assert results[6]["error"] == "TypeError"


async def test_create_directory_recursive_or_not(scripts):
    (scripts.folder / "file").write_text("")
    results = await scripts.run("""
        FileManager.createDirectorySync("one")
        await FileManager.createDirectory("two/three/four", true)
        FileManager.createDirectorySync("two/three/four", true)
        out(attempt(() => FileManager.createDirectorySync("one")))
        out(await attemptAsync(() => FileManager.createDirectory("five/six")))
        out(attempt(() => FileManager.createDirectorySync("file", true)))
        out(attempt(() => FileManager.createDirectorySync("file/x", true)))
    """)
    assert (scripts.folder / "one").is_dir() and (scripts.folder / "two/three/four").is_dir()
    failed(results[0], "FileManager.createDirectorySync", "one", "already exists")
    failed(results[1], "FileManager.createDirectory", "five/six", "no such file or directory")
    failed(results[2], "file", "already exists")
    failed(results[3], "not a directory")


async def test_links_are_made_and_read_back_like_os_readlink(scripts):
    (scripts.folder / "target.txt").write_text("t")
    results = await scripts.run("""
        FileManager.createLinkSync("sync-link", "target.txt")
        await FileManager.createLink("async-link", "/absolute/nowhere")
        out([FileManager.destinationOfSymbolicLink("sync-link"), FileManager.destinationOfSymbolicLink("async-link")])
        out(FileManager.readAsStringSync("sync-link"))
        out(attempt(() => FileManager.createLinkSync("sync-link", "other")))
        out(attempt(() => FileManager.destinationOfSymbolicLink("target.txt")))
        out(attempt(() => FileManager.destinationOfSymbolicLink("missing")))
    """)
    assert results[0] == [os.readlink(scripts.folder / "sync-link"), os.readlink(scripts.folder / "async-link")]
    assert results[0] == ["target.txt", "/absolute/nowhere"]
    assert results[1] == "t"
    failed(results[2], "FileManager.createLinkSync", "sync-link", "already exists")
    failed(results[3], "target.txt", "not a symbolic link")
    failed(results[4], "missing", "no such file or directory")


def tree(folder: Path) -> dict:
    found = {}
    for top, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(top, name)
            relative = str(path.relative_to(folder))
            found[relative] = ("link", os.readlink(path)) if path.is_symlink() else \
                ("dir",) if path.is_dir() else ("file", path.read_bytes())
    return found


async def test_copy_rename_and_remove(scripts):
    make_tree(scripts.folder)
    before = tree(scripts.folder / "dir")
    results = await scripts.run("""
        FileManager.copyFileSync("dir", "copy")
        await FileManager.copyFile("dir/a.txt", "a-copy.txt")
        await FileManager.copyFile("dir/link-to-a", "link-copy")
        out(attempt(() => FileManager.copyFileSync("dir/a.txt", "a-copy.txt")))
        out(await attemptAsync(() => FileManager.copyFile("missing", "x")))
        await FileManager.rename("copy", "moved")
        FileManager.renameSync("a-copy.txt", "moved/renamed.txt")
        out(attempt(() => FileManager.renameSync("moved/renamed.txt", "dir/a.txt")))
        out(await attemptAsync(() => FileManager.rename("missing", "y")))
        FileManager.removeSync("moved/link-to-sub")
        await FileManager.remove("moved/sub")
        FileManager.removeSync("link-copy")
        out(await attemptAsync(() => FileManager.remove("missing")))
    """)
    assert tree(scripts.folder / "dir") == before  # the source is untouched
    moved = tree(scripts.folder / "moved")
    expected = {k: v for k, v in before.items() if not k.startswith("sub") and k != "link-to-sub"}
    expected["renamed.txt"] = ("file", b"a")
    assert moved == expected
    assert not (scripts.folder / "copy").exists() and not (scripts.folder / "link-copy").exists()
    assert (scripts.folder / "dir/a.txt").read_text() == "a"  # a link's removal leaves its target
    failed(results[0], "FileManager.copyFileSync", "a-copy.txt", "already exists")
    failed(results[1], "FileManager.copyFile", "missing", "no such file or directory")
    failed(results[2], "FileManager.renameSync", "dir/a.txt", "already exists")
    failed(results[3], "FileManager.rename", "missing", "no such file or directory")
    failed(results[4], "FileManager.remove", "missing", "no such file or directory")


async def test_zip_and_unzip_agree_with_zipfile(scripts):
    make_tree(scripts.folder)
    (scripts.folder / "dir/dangling").unlink()
    results = await scripts.run("""
        await FileManager.zip("dir", "kept.zip")
        FileManager.zipSync("dir", "flat.zip", false)
        await FileManager.zip("dir/a.txt", "one.zip")
        out(await attemptAsync(() => FileManager.zip("dir", "kept.zip")))
        out(attempt(() => FileManager.zipSync("missing", "m.zip")))
        await FileManager.unzip("kept.zip", "out")
        FileManager.unzipSync("flat.zip", "flat")
        out(attempt(() => FileManager.unzipSync("flat.zip", "flat")))
        out(await attemptAsync(() => FileManager.unzip("dir/a.txt", "bad")))
    """)
    with zipfile.ZipFile(scripts.folder / "kept.zip") as archive:
        names = set(archive.namelist())
        assert {"dir/", "dir/a.txt", "dir/sub/", "dir/sub/b.txt", "dir/é.txt", "dir/link-to-a"} <= names
        assert archive.read("dir/sub/b.txt") == b"bb"
        assert archive.read("dir/link-to-a") == b"a"  # a link to a file is stored as the file
        assert not any(name.startswith("dir/link-to-sub/") for name in names)
    with zipfile.ZipFile(scripts.folder / "flat.zip") as archive:
        assert "a.txt" in archive.namelist() and "sub/b.txt" in archive.namelist()
    with zipfile.ZipFile(scripts.folder / "one.zip") as archive:
        assert archive.namelist() == ["a.txt"]
    assert (scripts.folder / "out/dir/sub/b.txt").read_text() == "bb"
    assert (scripts.folder / "flat/é.txt").read_text() == ""
    failed(results[0], "FileManager.zip", "kept.zip", "already exists")
    failed(results[1], "FileManager.zipSync", "missing", "no such file")
    failed(results[2], "FileManager.unzipSync", "already exists")
    failed(results[3], "FileManager.unzip", "a.txt", "not a zip archive")
    assert not (scripts.folder / "bad").exists()


async def test_unzip_keeps_entries_inside_the_destination(scripts):
    with zipfile.ZipFile(scripts.folder / "evil.zip", "w") as archive:
        archive.writestr("../escaped.txt", "no")
        archive.writestr("/abs.txt", "no")
        archive.writestr("ok.txt", "yes")
    await scripts.run('FileManager.unzipSync("evil.zip", "out")')
    assert not (scripts.folder / "escaped.txt").exists()
    assert (scripts.folder / "out/ok.txt").read_text() == "yes"
    assert sorted(p.name for p in (scripts.folder / "out").rglob("*") if p.is_file()) == \
        ["abs.txt", "escaped.txt", "ok.txt"]


async def test_mime_types_and_binary_files(scripts):
    folder = scripts.folder
    (folder / "text.txt").write_text("plain ☃ text\n" * 2000)
    (folder / "nul.bin").write_bytes(b"abc\0def")
    (folder / "latin.txt").write_bytes("café".encode("latin-1"))
    (folder / "empty").write_bytes(b"")
    names = ["a.html", "b.JSON", "c.png", "d.unknownext", "noext", "x.tar.gz"]
    results = await scripts.run(f"""
        out({json.dumps(names)}.map((name) => FileManager.mimeType(name)))
        out([FileManager.isBinaryFileSync("text.txt"), await FileManager.isBinaryFile("nul.bin"),
             FileManager.isBinaryFileSync("latin.txt"), await FileManager.isBinaryFile("empty")])
        out(attempt(() => FileManager.isBinaryFileSync("missing")))
    """)
    assert results[0] == [mimetypes.guess_type(name)[0] or "application/octet-stream" for name in names]
    assert results[1] == [False, True, True, False]
    failed(results[2], "FileManager.isBinaryFileSync", "missing", "no such file")


async def test_relative_paths_start_at_the_script_folder_and_bad_arguments_are_type_errors(scripts):
    results = await scripts.run("""
        FileManager.writeAsStringSync("here.txt", "x")
        out(FileManager.existsSync(Path.join(Script.directory, "here.txt")))
        out(attempt(() => FileManager.readAsStringSync(42)))
        out(await attemptAsync(() => FileManager.writeAsBytes("b", [1, 2])))
        out(attempt(() => FileManager.writeAsDataSync("b", new Uint8Array(1))))
        out(attempt(() => FileManager.readAsStringSync("nul\\0name")))
    """, name="sub/main.js")
    assert (scripts.folder / "sub/here.txt").read_text() == "x"
    assert results[0] is True
    assert results[1] == {"error": "TypeError", "message": "FileManager.readAsStringSync: path must be a string, got number"}
    assert results[2] == {"error": "TypeError", "message": "FileManager.writeAsBytes: bytes must be a Uint8Array, got array"}
    assert results[3]["error"] == "TypeError" and "FileManager.writeAsDataSync" in results[3]["message"]
    failed(results[4], "NUL")


def _chattr(path: Path, flag: str) -> None:
    subprocess.run(["chattr", flag, str(path)], check=True, capture_output=True)


@pytest.fixture
def immutable(scripts):
    """A file and a folder that even root may not change (`chattr +i`): tests run as root,
    which ordinary permission bits do not stop."""
    file, folder = scripts.folder / "locked.txt", scripts.folder / "locked"
    file.write_text("keep")
    folder.mkdir()
    (folder / "inside.txt").write_text("in")
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed: no way to deny root a change")
    try:
        _chattr(file, "+i")
        _chattr(folder, "+i")
    except subprocess.CalledProcessError as error:
        pytest.skip(f"this file system refuses chattr +i: {error.stderr.decode().strip()}")
    yield file, folder
    _chattr(file, "-i")
    _chattr(folder, "-i")


async def test_a_denied_change_names_the_path_and_the_reason(scripts, immutable):
    results = await scripts.run("""
        out(attempt(() => FileManager.writeAsStringSync("locked.txt", "new")))
        out(await attemptAsync(() => FileManager.appendText("locked.txt", "more")))
        out(await attemptAsync(() => FileManager.remove("locked/inside.txt")))
        out(attempt(() => FileManager.writeAsStringSync("locked/new.txt", "x")))
        out(attempt(() => FileManager.renameSync("locked.txt", "elsewhere.txt")))
        out(attempt(() => FileEntity.openForMode("locked.txt", "a")))
        out(FileManager.readAsStringSync("locked.txt"))
    """)
    reason = os.strerror(1).lower()  # EPERM: "operation not permitted"
    failed(results[0], "FileManager.writeAsStringSync", "locked.txt", reason)
    failed(results[1], "FileManager.appendText", "locked.txt", reason)
    failed(results[2], "FileManager.remove", "inside.txt", reason)
    failed(results[3], "locked/new.txt", reason)
    failed(results[4], "FileManager.renameSync", "locked.txt", reason)
    failed(results[5], "FileEntity.openForMode", "locked.txt", reason)
    assert results[6] == "keep"


async def test_async_members_leave_the_event_loop_free(tmp_path):
    """A read of a FIFO blocks until a writer comes: a timer still fires meanwhile, so the
    read is not on the event loop."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    stdout = io.StringIO()
    async with bridge.Runtime(stdout=stdout, stderr=io.StringIO()) as runtime:
        await runtime.run_source(f"""
            FileManager.readAsString({json.dumps(str(fifo))}).then((text) => console.log("read " + text))
            setTimeout(() => console.log("timer ran"), 10)
        """, "fifo.js")
        for _ in range(500):
            if "timer ran" in stdout.getvalue():
                break
            await asyncio.sleep(0.01)
        assert stdout.getvalue() == "timer ran\n"

        def write() -> None:
            with open(fifo, "w") as pipe:
                pipe.write("through the pipe")
        await asyncio.to_thread(write)
        await asyncio.wait_for(runtime.idle(), 10)
    assert stdout.getvalue() == "timer ran\nread through the pipe\n"


async def test_a_relative_path_starts_at_the_folder_of_the_script_that_calls(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "f.txt").write_text(f"in {folder}")
    (tmp_path / "a" / "define.js").write_text(
        "globalThis.readBesideA = () => FileManager.readAsStringSync('f.txt')\n"
        "globalThis.openBesideA = () => FileEntity.openForReading('f.txt').read(9).toRawString()\n")
    (tmp_path / "b" / "use.js").write_text(
        "console.log(readBesideA(), openBesideA(), FileManager.readAsStringSync('f.txt'))\n")
    stdout = io.StringIO()
    async with bridge.Runtime(stdout=stdout, stderr=io.StringIO()) as runtime:
        await runtime.run_file(tmp_path / "a" / "define.js")
        await runtime.run_file(tmp_path / "b" / "use.js")
    assert stdout.getvalue() == "in a in a in b\n"
