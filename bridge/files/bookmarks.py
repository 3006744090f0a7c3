"""File bookmarks: names for paths, kept in `<data root>/bookmarks.json` (locations.py) so that
every script and every run sees them, as the app's File Bookmarks are shared by all scripts."""

from __future__ import annotations

import json
import os
from pathlib import Path


class Bookmarks:
    def __init__(self, file: Path) -> None:
        self._file = file

    def _read(self) -> dict[str, str]:
        try:
            found = json.loads(self._file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise OSError(f"cannot read the bookmarks in {self._file}: {error}") from None
        return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)} \
            if isinstance(found, dict) else {}

    def _write(self, bookmarks: dict[str, str]) -> None:
        self._file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._file.with_suffix(".tmp")
        temporary.write_text(json.dumps(bookmarks, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, self._file)  # never a half-written file

    def add(self, path: str, name: str | None) -> str | None:
        """The bookmark's name, or None when `path` does not exist. Without a name, the file's
        own name is used, numbered ("notes 2") if another bookmark has it."""
        if not os.path.exists(path):
            return None
        bookmarks = self._read()
        if name is None:
            base = os.path.basename(os.path.normpath(path)) or "/"
            name, number = base, 1
            while name in bookmarks and bookmarks[name] != path:
                number += 1
                name = f"{base} {number}"
        bookmarks[name] = path
        self._write(bookmarks)
        return name

    def remove(self, name: str) -> bool:
        bookmarks = self._read()
        if bookmarks.pop(name, None) is None:
            return False
        self._write(bookmarks)
        return True

    def path(self, name: str) -> str | None:
        return self._read().get(name)

    def all(self) -> list[dict[str, str]]:
        return [{"name": name, "path": path} for name, path in sorted(self._read().items())]
