"""`scripting-bridge init [FOLDER]`: set a folder up for an editor (VS Code, or any editor
speaking TypeScript's language server) and for `tsc`: a tsconfig.json and the typings of
this version of the runtime's globals beside it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

TSCONFIG = {
    "compilerOptions": {
        "target": "es2022",
        # The language only, no DOM: the runtime's WebSocket, console and timers are the ones
        # declared in typings/, not the browser's or Node's.
        "lib": ["es2022"],
        "types": [],
        # Each script runs in its own scope, and top-level await works.
        "module": "preserve",
        "moduleDetection": "force",
        "jsx": "preserve",
        "strict": True,
        # The app's own samples pass `Data | null` results straight on; the typings keep `| null`.
        "strictNullChecks": False,
        "allowJs": True,
        "checkJs": True,
        "noEmit": True,
    },
    "include": ["**/*.ts", "**/*.tsx", "**/*.js", "typings/*.d.ts"],
    "exclude": ["node_modules"],
}


def typings_folder() -> Path:
    """The typings shipped with this package (bridge/typings in a wheel), or, run from a
    checkout or an editable install, the checkout's typings/ folder."""
    package = Path(__file__).resolve().parent
    for folder in (package / "typings", package.parent / "typings"):
        if any(folder.glob("*.d.ts")):
            return folder
    raise FileNotFoundError("this installation of scripting-bridge has no typings")


def init(folder: Path) -> int:
    try:
        source = typings_folder()
    except FileNotFoundError as error:
        print(f"scripting-bridge init: {error}", file=sys.stderr)
        return 1
    target = folder / "typings"
    target.mkdir(parents=True, exist_ok=True)
    for typing in sorted(source.glob("*.d.ts")):  # replaced: they match this version
        (target / typing.name).write_bytes(typing.read_bytes())
    config = folder / "tsconfig.json"
    if config.exists():
        print(f"{config} exists and was left as it is; its \"include\" needs \"typings/*.d.ts\"",
              file=sys.stderr)
    else:
        config.write_text(json.dumps(TSCONFIG, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {config} and {target}{'/'}*.d.ts. Open {folder} in your editor, or type-check "
          f"with: npm i -D typescript && npx tsc -p {folder}")
    return 0
