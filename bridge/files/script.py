"""The Python half of `Script`: which script is running (its name, folder and script.json),
the arguments it was given, and `Script.exit`.

The script is the first file or script folder the runtime ran (`Runtime.entry`); before any has
run (a host program calling run_source), the current folder stands for it. A script folder (as
the app keeps them) names the script, and so does a folder's `index` file; any other file is
named by its name without its extension.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..runtime.outbox import js_callable
from .script_runs import ScriptRuns, deliver_result, find_sibling

METADATA_FILE = "script.json"
_INDEX_STEMS = ("index",)


def _script_folder(entry: Path) -> Path | None:
    """The script folder `entry` stands for, or None for a single-file script."""
    if entry.is_dir():
        return entry
    return entry.parent if entry.stem in _INDEX_STEMS and entry.parent.name else None


def script_name(entry: Path | None) -> str:
    if entry is None:
        return Path.cwd().name or "script"
    folder = _script_folder(entry)
    return entry.stem if folder is None else folder.name


def script_directory(entry: Path | None) -> Path:
    if entry is None:
        return Path.cwd()
    return entry if entry.is_dir() else entry.parent


def scripts_directory(entry: Path | None) -> Path:
    """Where this script's siblings are: beside its folder for a script folder, else beside it."""
    if entry is None:
        return Path.cwd()
    folder = _script_folder(entry)
    return entry.parent if folder is None else folder.parent


def metadata(name: str, directory: Path) -> dict:
    """script.json of the script's folder over defaults made from the name. Raises ValueError
    naming the file when it is there but is not a JSON object."""
    found: dict = {}
    path = directory / METADATA_FILE
    if path.is_file():
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"Script.metadata: cannot read {path}: {error}") from None
        if not isinstance(found, dict):
            raise ValueError(f"Script.metadata: {path} must hold a JSON object, it holds "
                             f"{type(found).__name__}")
    named = found.get("name") if isinstance(found.get("name"), str) else name
    defaults = {
        "name": named,
        "icon": "doc.text",
        "iconImage": None,
        "color": "systemBlue",
        "localizedName": named,
        "localizedDescription": found.get("description") if isinstance(found.get("description"), str) else "",
        "version": "1.0.0",
    }
    return {**defaults, **found}


class ScriptHost:
    def __init__(self, runtime) -> None:
        self._runtime = runtime
        self._runs = ScriptRuns(runtime.stdout, runtime.stderr)

    @property
    def name(self) -> str:
        return script_name(self._runtime.entry)

    @property
    def directory(self) -> Path:
        return script_directory(self._runtime.entry)

    @property
    def scripts_directory(self) -> Path:
        return scripts_directory(self._runtime.entry)

    @js_callable
    def context(self) -> dict:
        """{name, directory}: read when a script first asks, after its file is known."""
        return {"name": self.name, "directory": str(self.directory)}

    @js_callable
    def metadata(self) -> dict:
        return metadata(self.name, self.directory)

    @js_callable
    def query_parameters(self) -> dict:
        return self._runtime.query_parameters

    @js_callable
    async def run(self, name: str, query_parameters: str, single: bool):
        """Script.run: the sibling script's Script.exit result as JSON text; "null" when there
        is no such script or it gave none. `query_parameters` is JSON text."""
        script = find_sibling(self.scripts_directory, name)
        if script is None:
            return "null"
        return json.dumps(await self._runs.run(name, script, query_parameters, single))

    @js_callable
    def exit(self, result: str | None) -> None:
        """`result` is the JSON of what the script passed (None for undefined). A script run by
        another one's Script.run hands it to that one instead of `run` printing it."""
        if deliver_result(result):
            result = None
        self._runtime.exit(None if result is None else json.loads(result))
