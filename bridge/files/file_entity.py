"""The Python half of `FileEntity`: open files, found by an integer id from file_entity.js.

Reads and writes are synchronous, as the app declares them. A file the script forgets to close
is closed when its FileEntity is collected (file_entity.js registers each one) or when the
runtime closes. Modes are C's fopen modes, binary always: "r" (must exist), "w" (made or
emptied), "a" (made; writes go to the end), and each with "+" to read and write too.
"""

from __future__ import annotations

import json
from typing import BinaryIO

from ..runtime.outbox import js_callable
from .operations import FileError, _fail

MODES = ("r", "w", "a", "r+", "w+", "a+")


def python_mode(mode: str) -> str | None:
    """The Python mode for an fopen mode ("rb", "r+b" and "rb+" spell "r", "r+"), or None."""
    plain = mode.replace("b", "", 1) if mode.count("b") == 1 else mode
    return plain + "b" if plain in MODES else None


class FileEntityHost:
    def __init__(self, runtime) -> None:
        self._resolve = None  # FileManagerHost.resolve: relative paths start at the caller's folder
        self._files: dict[int, BinaryIO] = {}
        self._last_id = 0
        runtime.on_close(self.close_all)

    def attach(self, resolve) -> None:
        self._resolve = resolve

    @js_callable
    def open(self, path: str, mode: str, caller: str) -> int:
        """A new id for the open file; raises with the path and the reason when it cannot open."""
        wanted = python_mode(mode)
        if wanted is None:
            raise TypeError(f"mode must be one of {', '.join(MODES)} (a \"b\" may be added), got "
                            f"{json.dumps(mode)}")
        target = self._resolve(path, caller)
        try:
            file = open(target, wanted, buffering=0)
        except OSError as error:
            raise _fail("open", target, error) from None
        self._last_id += 1
        self._files[self._last_id] = file
        return self._last_id

    def file(self, file_id: int) -> BinaryIO:
        file = self._files.get(file_id)
        if file is None:
            raise FileError("the file is closed")
        return file

    @js_callable
    def read(self, file_id: int, size: int) -> bytes:
        file = self.file(file_id)
        try:
            return file.read(size)
        except OSError as error:
            raise _fail("read", file.name, error) from None

    @js_callable
    def write(self, file_id: int, data: memoryview) -> None:
        file = self.file(file_id)
        try:
            while data:  # an unbuffered write may take only part of it
                data = data[file.write(data):]
        except OSError as error:
            raise _fail("write", file.name, error) from None

    def take(self, file_id: int) -> BinaryIO:
        """The open file, at its start, handed to a new owner (a response sending it): the
        FileEntity is closed from then on. Raises FileError if it is closed already."""
        file = self.file(file_id)
        del self._files[file_id]
        file.seek(0)
        return file

    @js_callable
    def seek(self, file_id: int, offset: int) -> bool:
        file = self._files.get(file_id)
        if file is None:
            return False
        try:
            file.seek(offset)
        except OSError:
            return False
        return True

    @js_callable
    def offset(self, file_id: int) -> int:
        return self.file(file_id).tell()

    @js_callable
    def close(self, file_id: int) -> None:
        file = self._files.pop(file_id, None)
        if file is not None:
            file.close()

    def close_all(self) -> None:
        for file_id in list(self._files):
            self.close(file_id)
