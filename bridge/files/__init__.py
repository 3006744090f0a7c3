"""Files and the script's own context: `Path`, `Script`, `FileManager`, `FileEntity`.

path.js is pure JS (POSIX path strings). The others are a JS half beside a Python half:
script.js/script.py (which script runs, with what arguments, and Script.exit),
file_manager.js/file_manager.py (the file system, sync and async, over operations.py),
file_entity.js/file_entity.py (open files). locations.py says which folders of this machine
stand for the app's (documents, temporary, app group); bookmarks.py keeps named paths.
"""

from __future__ import annotations

from .file_entity import FileEntityHost
from .file_manager import FileManagerHost
from .locations import Locations, data_root
from .script import ScriptHost


def install(runtime) -> FileEntityHost:
    """Define the globals `Path`, `Script`, `FileManager` and `FileEntity` (after Data); HTTP
    takes the returned FileEntity host's files for HttpResponse.raw bodies."""
    engine = runtime.engine
    engine.load("files/path.js", None)
    script = ScriptHost(runtime)
    engine.load("files/script.js", script)
    files = FileManagerHost(runtime, script)
    engine.load("files/file_manager.js", files)
    entities = FileEntityHost(runtime)
    entities.attach(files.resolve)
    engine.load("files/file_entity.js", entities)
    return entities


__all__ = ["install", "Locations", "data_root"]
