"""Route paths as the app writes them: `/user/:id` puts `id` in `request.params`.

A variable in the last segment of a file or directory route takes the rest of the path,
slashes included, so `/static/:file` serves nested folders too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from urllib.parse import unquote


class RouteKind(Enum):
    """What answers a route; the values are the names server.js registers routes by."""
    HANDLER = "handler"      # a JS function of the script
    FILE = "file"            # registerFile
    DIRECTORY = "directory"  # registerFilesFromDirectory
    BROWSER = "browser"      # registerDirectoryBrowser


HANDLER = RouteKind.HANDLER  # named once: a request reads it (an Enum member costs ~100 ns through its class)
FILE_KINDS = (RouteKind.FILE, RouteKind.DIRECTORY, RouteKind.BROWSER)
FOLDER_KINDS = (RouteKind.DIRECTORY, RouteKind.BROWSER)
SERVED_KINDS = (HANDLER, *FILE_KINDS)  # what answers an HTTP request (WebSocket routes aside)


@dataclass
class Route:
    kind: RouteKind
    route_id: int               # names the JS handler of the route
    target: Path | None = None  # for file routes: the file or folder served
    defaults: tuple[str, ...] = ()


@dataclass
class _Pattern:
    segments: list[str]
    route: Route
    greedy: bool  # the last variable takes the rest of the path


@dataclass
class RouteTable:
    _exact: dict[str, Route] = field(default_factory=dict)
    _patterns: list[_Pattern] = field(default_factory=list)

    def add(self, path: str, route: Route) -> None:
        """Register a route; registering a path again replaces it (the last one wins)."""
        self._patterns = [p for p in self._patterns if "/".join(p.segments) != path]
        self._exact.pop(path, None)
        if ":" not in path:
            self._exact[path] = route
            return
        segments = path.split("/")
        greedy = route.kind in FILE_KINDS and segments[-1].startswith(":")
        self._patterns.append(_Pattern(segments, route, greedy))

    def match(self, path: str, kinds: tuple[RouteKind, ...]) -> tuple[Route, dict[str, str]] | None:
        """The route of one of `kinds` for a request path (exact paths first), and its params."""
        route = self._exact.get(path)
        if route is not None and route.kind in kinds:
            return route, {}
        parts = path.split("/")
        for pattern in self._patterns:
            if pattern.route.kind not in kinds:
                continue
            params = _bind(pattern, parts)
            if params is not None:
                return pattern.route, params
        for prefix, route in self._exact.items():  # a file folder registered without a variable
            if route.kind in FOLDER_KINDS and route.kind in kinds \
                    and path.startswith(prefix.rstrip("/") + "/"):
                return route, {"path": unquote(path[len(prefix.rstrip("/")) + 1:])}
        return None


def served_path(params: dict[str, str]) -> str:
    """The path a file or folder route serves below its folder: its last variable."""
    return next(reversed(params.values()), "")


def _bind(pattern: _Pattern, parts: list[str]) -> dict[str, str] | None:
    segments = pattern.segments
    if len(parts) != len(segments) and not (pattern.greedy and len(parts) > len(segments)):
        return None
    params: dict[str, str] = {}
    for index, segment in enumerate(segments):
        if segment.startswith(":"):
            last = pattern.greedy and index == len(segments) - 1
            value = "/".join(parts[index:]) if last else parts[index]
            params[segment[1:]] = unquote(value)
        elif segment != parts[index]:
            return None
    return params
