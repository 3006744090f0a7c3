"""The Python half of `FileManager`: runs operations.py for file_manager.js, at once for the
`...Sync` members and on worker threads for the others.

A path from a script is resolved here: a relative one starts at the folder of the script being
run (as Data.fromFile and the file routes do). An async member's result comes back later through
the inbox: file_manager.js gets `settle(request, kind, length)` with plain ints only.
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

# How an async result reaches JS (file_manager.js reads the same numbers).
NOTHING, TEXT, BYTES, JSON, FAILURE = 0, 1, 2, 3, 4


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
        self._inbox = runtime.inbox
        self._settle: Callable | None = None  # internals.fileManager.settle, once loaded
        self._pending = 0
        self._closed = False
        runtime.on_close(self._close)

    def attach(self, settle: Callable) -> None:
        self._settle = settle

    def resolve(self, path: str) -> str:
        if "\0" in path:
            raise FileError(f"the path {json.dumps(path)} holds a NUL character")
        return os.path.join(self._runtime.script_dir, path)

    def _arguments(self, name: str, path: str, other: str | None, text: str | None,
                   encoding: str | None, flag: bool | None, data: bytes | None) -> tuple[Callable, list]:
        function, fields = OPERATIONS[name]
        given = {"path": path, "other": other, "text": text, "encoding": encoding, "flag": bool(flag),
                 "data": data}
        arguments = []
        for field in fields:
            value = given[field]
            if field in ("path", "other"):
                value = self.resolve(value)
            arguments.append(value)
        return function, arguments

    @js_callable
    def call(self, name: str, path: str, other: str | None, text: str | None, encoding: str | None,
             flag: bool | None, data: memoryview | None):
        """A `...Sync` member (or mimeType, destinationOfSymbolicLink): its result, or an Error
        naming the member, the path and why."""
        operation = name[:-len("Sync")] if name.endswith("Sync") else name
        try:
            function, arguments = self._arguments(operation, path, other, text, encoding, flag, data)
            result = function(*arguments)
        except FileError as error:
            raise FileError(f"FileManager.{name}: {error}") from None
        return result

    @js_callable
    def start(self, request: int, name: str, path: str, other: str | None, text: str | None,
              encoding: str | None, flag: bool | None, data: bytes | None) -> None:
        """An async member: runs on a worker thread; file_manager.js hears back through settle()."""
        try:
            function, arguments = self._arguments(name, path, other, text, encoding, flag, data)
        except FileError as error:
            self._runtime.loop.call_soon(self._deliver, request, name, None, error)
            self._hold()
            return
        self._hold()
        task = asyncio.ensure_future(asyncio.to_thread(function, *arguments))
        task.add_done_callback(lambda done: self._finish(request, name, done))

    def _hold(self) -> None:
        self._pending += 1
        self._runtime.liveness.acquire()  # a pending promise keeps `run` alive

    def _finish(self, request: int, name: str, done: asyncio.Future) -> None:
        if done.cancelled():
            self._deliver(request, name, None, FileError("cancelled: the runtime is closing"))
            return
        error = done.exception()
        self._deliver(request, name, None if error is not None else done.result(), error)

    def _deliver(self, request: int, name: str, result, error: BaseException | None) -> None:
        self._pending -= 1
        self._runtime.liveness.release()
        if self._closed or self._settle is None:
            return
        if error is not None:
            if not isinstance(error, FileError):  # a bug of ours: still say where
                error = FileError(f"{type(error).__name__}: {error}")
            kind, length = FAILURE, self._inbox.put_text(f"FileManager.{name}: {error}")
        elif result is None:
            kind, length = NOTHING, 0
        elif isinstance(result, str):
            kind, length = TEXT, self._inbox.put_text(result)
        elif isinstance(result, bytes):
            kind, length = BYTES, self._inbox.put(result)
        else:
            kind, length = JSON, self._inbox.put_text(json.dumps(result))
        self._settle(request, kind, length)

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
    def bookmark_add(self, path: str, name: str | None) -> str | None:
        return self._bookmarks().add(self.resolve(path), name)

    @js_callable
    def bookmark_remove(self, name: str) -> bool:
        return self._bookmarks().remove(name)

    @js_callable
    def bookmark_path(self, name: str) -> str | None:
        return self._bookmarks().path(name)

    @js_callable
    def bookmark_list(self) -> list:
        return self._bookmarks().all()

    def _close(self) -> None:
        self._closed = True  # operations still running finish on their threads, unheard
