"""The package's shape: no Python module under bridge/ imports one that imports it back, even
only for type checking (each dependency goes one way, as the README's Layout describes)."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import REPO

PACKAGE = REPO / "bridge"


def _module_name(path: Path, root: Path = REPO) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str], root: Path = REPO) -> set[str]:
    """The bridge modules `path` imports, those it imports only for type checking included."""
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            submodules = [f"{origin}.{alias.name}" for alias in node.names]
            # `from . import x` imports the module x; `from .p import Name` imports p itself.
            targets = submodules + ([origin] if any(m not in modules for m in submodules) else [])
        else:
            continue
        found.update(target for target in targets if target in modules and target != name)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected group of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    # C extensions (bridge/runtime/_x.c) are modules too, with no imports of their own.
    modules = {_module_name(path) for path in [*paths, *PACKAGE.rglob("*.c")]}
    graph = {name: set() for name in modules}
    graph.update({_module_name(path): _imports(path, modules) for path in paths})
    return graph


def test_no_module_imports_one_that_imports_it_back():
    assert _cycles(_graph()) == []


def test_the_check_sees_cycles_and_imports_made_only_for_type_checking(tmp_path):
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
    source = tmp_path / "bridge" / "x" / "one.py"
    source.parent.mkdir(parents=True)
    source.write_text("from typing import TYPE_CHECKING\nfrom ..y import z\nfrom ..w import Name\n"
                      "if TYPE_CHECKING:\n    from .two import Two\n")
    modules = {"bridge.x.one", "bridge.x.two", "bridge.y.z", "bridge.y", "bridge.w"}
    assert _imports(source, modules, tmp_path) == {"bridge.x.two", "bridge.y.z", "bridge.w"}


def test_each_api_comes_after_the_apis_it_needs():
    from bridge.apis import APIS

    names = [api.name for api in APIS]
    assert len(set(names)) == len(names)
    for index, api in enumerate(APIS):
        assert set(api.needs) <= set(names[:index]), f"{api.name} needs {api.needs}, installed after it"


async def test_a_runtime_refuses_an_api_whose_needs_are_not_installed():
    import io

    import pytest

    import bridge
    from bridge.apis import APIS

    http = next(api for api in APIS if api.name == "http")
    with pytest.raises(RuntimeError, match="the http API needs data, websocket, files installed before it"):
        bridge.Runtime(stdout=io.StringIO(), apis=[http])
