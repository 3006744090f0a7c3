"""The app's folders on this machine (locations.py), bookmarks, and the iCloud/WebDAV/Safari
members that have nothing to stand for here."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from bridge.files.locations import DATA_ENVIRONMENT_VARIABLE, data_root

from file_scripts import failed


async def test_folders_are_per_script_under_the_data_option_and_made_when_read(scripts):
    data = scripts.data
    assert not data.exists()
    results = await scripts.run("""
        out([FileManager.documentsDirectory, FileManager.appGroupDocumentsDirectory,
             FileManager.temporaryDirectory, FileManager.scriptsDirectory])
    """, name="myscript/index.ts")
    documents, group, temporary, scripts_folder = results[0]
    assert documents == str(data / "scripts" / "myscript" / "documents")
    assert group == str(data / "app-group")
    assert temporary == str(Path(tempfile.gettempdir()) / "scripting-bridge" / "myscript")
    assert scripts_folder == str(scripts.folder)  # the folder holding the script's folder
    assert all(os.path.isdir(folder) for folder in results[0])


async def test_a_file_script_is_named_by_its_file(scripts):
    (documents,) = await scripts.run("out(FileManager.documentsDirectory)", name="tool.js")
    assert documents == str(scripts.data / "scripts" / "tool" / "documents")


def test_the_data_root_order(monkeypatch, tmp_path):
    monkeypatch.delenv(DATA_ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_root() == tmp_path / "xdg" / "scripting-bridge"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert data_root() == Path.home() / ".local" / "share" / "scripting-bridge"
    monkeypatch.setenv(DATA_ENVIRONMENT_VARIABLE, str(tmp_path / "env"))
    assert data_root() == tmp_path / "env"
    assert data_root(tmp_path / "option") == tmp_path / "option"


async def test_the_environment_variable_moves_the_data(scripts, monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_ENVIRONMENT_VARIABLE, str(tmp_path / "from-env"))
    (documents,) = await scripts.run("out(FileManager.documentsDirectory)", data_dir=None)
    assert documents == str(tmp_path / "from-env" / "scripts" / "main" / "documents")


async def test_bookmarks_name_paths_across_runs(scripts):
    (scripts.folder / "notes").mkdir()
    (scripts.folder / "other").mkdir()
    (scripts.folder / "other" / "notes").mkdir()
    first = await scripts.run("""
        out(FileManager.addFileBookmark("notes"))
        out(FileManager.addFileBookmark("other/notes"))
        out(FileManager.addFileBookmark("notes", "mine"))
        out(FileManager.addFileBookmark("missing"))
        out(attempt(() => FileManager.addFileBookmark("notes", 3)))
    """)
    assert first[:4] == ["notes", "notes 2", "mine", None]
    assert first[4]["error"] == "TypeError"
    second = await scripts.run("""
        out(FileManager.getAllFileBookmarks())
        out([FileManager.bookmarkExists("mine"), FileManager.bookmarkedPath("notes 2"), FileManager.bookmarkedPath("nope")])
        out([FileManager.removeFileBookmark("mine"), FileManager.removeFileBookmark("mine"), FileManager.bookmarkExists("mine")])
    """, name="another.js")
    notes, other = str(scripts.folder / "notes"), str(scripts.folder / "other" / "notes")
    assert second[0] == [{"name": "mine", "path": notes}, {"name": "notes", "path": notes},
                         {"name": "notes 2", "path": other}]
    assert second[1] == [True, other, None]
    assert second[2] == [True, False, False]
    assert json.loads((scripts.data / "bookmarks.json").read_text())["notes"] == notes


async def test_icloud_webdav_and_safari_say_they_are_not_here(scripts):
    (scripts.folder / "local.txt").write_text("x")
    results = await scripts.run("""
        out([FileManager.isiCloudEnabled, FileManager.isWebDAVAvailable])
        out([FileManager.isFileStoredIniCloud("local.txt"), FileManager.isiCloudFileDownloaded("local.txt"),
             FileManager.isiCloudFileDownloaded("missing"), await FileManager.downloadFileFromiCloud("local.txt")])
        for (const name of ["iCloudDocumentsDirectory", "webDAVDocumentsDirectory", "safariBrowserDirectory",
                            "safariBrowserStorageDirectory", "safariBrowserDownloadsDirectory",
                            "safariBrowserUserscriptsDirectory"]) out(attempt(() => FileManager[name]))
        out(attempt(() => FileManager.getShareUrlOfiCloudFile("local.txt")))
    """)
    assert results[0] == [False, False]
    assert results[1] == [False, True, False, True]
    failed(results[2], "FileManager.iCloudDocumentsDirectory", "iCloud is not available")
    failed(results[3], "WebDAV is not available")
    for result in results[4:8]:
        failed(result, "FileManager.safariBrowser", "no Safari")
    failed(results[8], "FileManager.getShareUrlOfiCloudFile", "iCloud")
