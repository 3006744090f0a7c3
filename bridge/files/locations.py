"""Which folders of this machine stand for the app's: the per-script data folder, the shared
"app group" folder, the temporary folder. One place, so every API that keeps data (FileManager
now, Storage and SQLite later) agrees on it.

The data root is, first found: the Runtime's `data_dir` option, the environment variable
SCRIPTING_BRIDGE_DATA, `$XDG_DATA_HOME/scripting-bridge`, `~/.local/share/scripting-bridge`.
Under it (README.md, "Files"):

    scripts/<script name>/documents   FileManager.documentsDirectory
    scripts/<script name>/            the script's own data (Storage, SQLite)
    app-group/                        FileManager.appGroupDocumentsDirectory, shared by all scripts

The temporary folder is `<system temporary folder>/scripting-bridge/<script name>` (the system
one honours TMPDIR). Folders are made when first asked for, not before.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

DATA_ENVIRONMENT_VARIABLE = "SCRIPTING_BRIDGE_DATA"
_APP_FOLDER = "scripting-bridge"


def data_root(option: str | os.PathLike | None = None) -> Path:
    """The folder all scripts' data lives under (see the module's text for the order)."""
    if option:
        return Path(option).expanduser().absolute()
    from_environment = os.environ.get(DATA_ENVIRONMENT_VARIABLE)
    if from_environment:
        return Path(from_environment).expanduser().absolute()
    xdg = os.environ.get("XDG_DATA_HOME")
    # The XDG spec says a relative $XDG_DATA_HOME is invalid and must be ignored.
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / _APP_FOLDER


def _folder_name(script_name: str) -> str:
    # A script name is a file or folder name already; these few could still climb or vanish.
    if script_name in ("", ".", "..") or "/" in script_name or "\0" in script_name:
        return "_" + script_name.replace("/", "_").replace("\0", "_")
    return script_name


class Locations:
    """The folders of one script (by its name) under one data root."""

    def __init__(self, script_name: str, root: Path) -> None:
        self.root = root
        self.script_name = script_name
        folder = _folder_name(script_name)
        self.script_data = root / "scripts" / folder
        self.documents = self.script_data / "documents"
        self.app_group = root / "app-group"
        self.temporary = Path(tempfile.gettempdir()) / _APP_FOLDER / folder

    @staticmethod
    def made(folder: Path) -> str:
        """`folder` as a string, created (with its parents) if it does not exist yet."""
        folder.mkdir(parents=True, exist_ok=True)
        return str(folder)
