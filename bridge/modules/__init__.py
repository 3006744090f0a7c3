"""ES modules for scripts: `import`/`export` between a script's files, the module "scripting",
and script folders. loader.py loads and checks, loader.js evaluates, wrappers.py writes the
line around each module's code, resolution.py finds files, scripting.py/.js is "scripting"."""

from __future__ import annotations

from pathlib import Path

from .graph import ModuleGraph, Problems
from .resolution import ResolutionError, folder_entry
from .scripting import ScriptingExports


def strip_folder(folder: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """The JavaScript each file a script folder's entry reaches runs as ([(filename, code)]),
    read and transformed as `run` does, and the reports of what is wrong."""
    try:
        entry = folder_entry(folder)
    except ResolutionError as error:
        return [], [str(error)]
    scripting = ScriptingExports()
    graph = ModuleGraph(scripting.values, scripting.types, lambda name: True)
    problems = Problems(collect=True)
    graph.add_from(entry, None, problems, classic_allowed=True)
    files = [(module.filename, module.code) for module in graph.modules if module.kind in ("module", "classic")]
    return files, problems.reports
