"""Files and the script's own context: `Path`, `Script`, `FileManager`, `FileEntity`.

path.js is pure JS (POSIX path strings). The others are a JS half beside a Python half:
script.js/script.py (who is running, with what arguments), file_manager.js/file_manager.py
(the file system, sync and async), file_entity.js/file_entity.py (open files). locations.py
says which folders of this machine stand for the app's (documents, temporary, app group).
"""

from __future__ import annotations


def install(runtime) -> None:
    """Define the globals `Path`, `Script`, `FileManager` and `FileEntity`."""
    runtime.engine.load("files/path.js", None)


__all__ = ["install"]
