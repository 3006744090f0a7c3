"""The Python half of `FileManager`: runs operations.py for file_manager.js, at once for the
`...Sync` members and on worker threads for the others.

A path from a script is resolved here: a relative one starts at the folder of the script file
that made the call (as Data.fromFile's do). An async member is an `async` host method, so
its JS half gets a promise (runtime/outbox.py) that keeps the run alive while it is pending.
"""

from __future__ import annotations

import asyncio
import json
import os
from typing import Callable

from ..runtime.outbox import js_callable
from . import operations
from .bookmarks import Bookmarks
from .locations import Locations, data_root
from .operations import FileError


def _operations() -> dict[str, tuple[Callable, tuple[str, ...]]]:
    """Member name (without "Sync") -> the function and which of the call's fields it takes:
    `path` and `other` are paths resolved from the script's folder, `text` is a string left
    as it is (contents, or a link's target), `encoding`, `flag`, `data` as given."""
    o = operations
    return {
        "readAsString": (o.read_string, ("path", "encoding")),
        "readAsBytes": (o.read_bytes, ("path",)),
        "readAsData": (o.read_bytes, ("path",)),
        "writeAsString": (o.write_string, ("path", "text", "encoding")),
        "writeAsBytes": (o.write_bytes, ("path", "data")),
        "writeAsData": (o.write_bytes, ("path", "data")),
        "appendText": (o.append_string, ("path", "text", "encoding")),
        "appendData": (o.append_bytes, ("path", "data")),
        "exists": (o.exists, ("path",)),
        "isFile": (o.is_file, ("path",)),
        "isDirectory": (o.is_directory, ("path",)),
        "isLink": (o.is_link, ("path",)),
        "isBinaryFile": (o.is_binary, ("path",)),
        "stat": (o.stat, ("path",)),
        "readDirectory": (o.read_directory, ("path", "flag")),
        "createDirectory": (o.create_directory, ("path", "flag")),
        "createLink": (o.create_link, ("path", "text")),
        "copyFile": (o.copy, ("path", "other")),
        "rename": (o.rename, ("path", "other")),
        "remove": (o.remove, ("path",)),
        "zip": (o.zip_items, ("path", "other", "flag")),
        "unzip": (o.unzip, ("path", "other")),
        "mimeType": (o.mime_type, ("path",)),
        "destinationOfSymbolicLink": (o.link_destination, ("path",)),
    }


OPERATIONS = _operations()


class FileManagerHost:
    def __init__(self, runtime, script) -> None:
        self._runtime = runtime
        self._script = script  # ScriptHost: whose folders these are

    def resolve(self, path: str, caller: str) -> str:
        """`path` from the script file `caller`: a relative one starts at that file's folder."""
        if "\0" in path:
            raise FileError(f"the path {json.dumps(path)} holds a NUL character")
        return os.path.join(self._runtime.folder_of(caller), path)

    def _arguments(self, name: str, path: str, other: str | None, text: str | None, encoding: str | None,
                   flag: bool | None, data: bytes | None, caller: str) -> tuple[Callable, list]:
        function, fields = OPERATIONS[name]
        given = {"path": path, "other": other, "text": text, "encoding": encoding, "flag": bool(flag),
                 "data": data}
        arguments = []
        for field in fields:
            value = given[field]
            if field in ("path", "other"):
                value = self.resolve(value, caller)
            arguments.append(value)
        return function, arguments

    @js_callable
    def call(self, name: str, path: str, other: str | None, text: str | None, encoding: str | None,
             flag: bool | None, data: memoryview | None, caller: str):
        """A `...Sync` member (or mimeType, destinationOfSymbolicLink): its result, or an Error
        naming the member, the path and why."""
        operation = name[:-len("Sync")] if name.endswith("Sync") else name
        try:
            function, arguments = self._arguments(operation, path, other, text, encoding, flag, data, caller)
            result = function(*arguments)
        except FileError as error:
            raise FileError(f"FileManager.{name}: {error}") from None
        return result

    @js_callable
    async def run(self, name: str, path: str, other: str | None, text: str | None,
                  encoding: str | None, flag: bool | None, data: bytes | None, caller: str):
        """An async member: the same work on a worker thread; JS gets a promise of its result."""
        try:
            function, arguments = self._arguments(name, path, other, text, encoding, flag, data, caller)
            return await asyncio.to_thread(function, *arguments)
        except FileError as error:
            raise FileError(f"FileManager.{name}: {error}") from None

    @property
    def locations(self) -> Locations:
        # Asked each time: the script is known only once its file has started running.
        return Locations(self._script.name, data_root(self._runtime.data_dir))

    @js_callable
    def folder(self, name: str) -> str:
        """One of FileManager's folder constants, made if it does not exist yet."""
        if name == "scriptsDirectory":
            return str(self._script.scripts_directory)
        locations = self.locations
        folder = {"documentsDirectory": locations.documents, "temporaryDirectory": locations.temporary,
                  "appGroupDocumentsDirectory": locations.app_group}[name]
        try:
            return Locations.made(folder)
        except OSError as error:
            raise FileError(f"FileManager.{name}: cannot create {folder}: {error.strerror}") from None

    def _bookmarks(self) -> Bookmarks:
        return Bookmarks(self.locations.root / "bookmarks.json")

    @js_callable
    def bookmark_add(self, path: str, name: str | None, caller: str) -> str | None:
        return self._bookmarks().add(self.resolve(path, caller), name)

    @js_callable
    def bookmark_remove(self, name: str) -> bool:
        return self._bookmarks().remove(name)

    @js_callable
    def bookmark_path(self, name: str) -> str | None:
        return self._bookmarks().path(name)

    @js_callable
    def bookmark_list(self) -> list:
        return self._bookmarks().all()

