"""Where an import specifier leads, and which file of a script folder runs, as the app and
TypeScript decide (`"moduleResolution": "node"` with the app's `resolveJsonModule`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

SCRIPTING = "scripting"
# Tried in this order after the exact name, and as `index.*` in a folder.
EXTENSIONS = (".ts", ".tsx", ".js", ".jsx")
# TypeScript lets `./util.js` name `./util.ts`, the file it compiles to util.js.
_COMPILED_FROM = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}
FOLDER_ENTRIES = ("index.tsx", "index.ts", "index.js")

UNSUPPORTED = (
    'only relative paths ("./name", "../name", resolved from the importing file) and "scripting" '
    "can be imported; packages are not installed here"
)


class ResolutionError(Exception):
    """`str()` says what was not found and why; the loader adds where."""


def resolve(specifier: str, importer: Path) -> Path | str:
    """The file `specifier` means in `importer`, or SCRIPTING."""
    if specifier == SCRIPTING:
        return SCRIPTING
    if not (specifier.startswith(("./", "../")) or specifier in (".", "..")):
        raise ResolutionError(f'cannot resolve module "{specifier}": {UNSUPPORTED}')
    base = importer.parent / specifier
    candidates = []
    if not (specifier.endswith("/") or specifier in (".", "..")):  # those name a folder
        candidates += [base, *(base.with_name(base.name + extension) for extension in EXTENSIONS)]
        # Declarations only: every name it exports is a type, which imports as nothing.
        candidates.append(base.with_name(base.name + ".d.ts"))
        candidates += [base.with_suffix(source) for source in _COMPILED_FROM.get(base.suffix, ())]
    candidates += [base / ("index" + extension) for extension in EXTENSIONS]
    for candidate in candidates:
        if candidate.is_file():
            return Path(os.path.normpath(candidate))
    tried = ", ".join(extension for extension in EXTENSIONS)
    raise ResolutionError(
        f'cannot resolve module "{specifier}": no file {base} (also tried {tried} and index.* in a folder)'
    )


def folder_entry(folder: Path) -> Path:
    """The file the app runs for a script folder: script.json's "entry", else index.tsx/.ts/.js."""
    manifest = folder / "script.json"
    if manifest.is_file():
        try:
            entry = json.loads(manifest.read_text(encoding="utf-8")).get("entry")
        except (OSError, UnicodeDecodeError, ValueError, AttributeError) as error:
            raise ResolutionError(f"{manifest}: cannot read the script's manifest: {error}") from None
        if entry is not None:
            if not isinstance(entry, str) or not (folder / entry).is_file():
                raise ResolutionError(f'{manifest}: its "entry" {json.dumps(entry)} is not a file in {folder}')
            return folder / entry
    for name in FOLDER_ENTRIES:
        if (folder / name).is_file():
            return folder / name
    raise ResolutionError(
        f"{folder}: no script to run: the folder has no script.json with an \"entry\" and no "
        + ", ".join(FOLDER_ENTRIES)
    )
