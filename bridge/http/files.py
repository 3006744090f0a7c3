"""Serving files and folder listings without ever leaving the registered folder."""

from __future__ import annotations

import html
import mimetypes
import os
from pathlib import Path
from urllib.parse import quote, unquote


def content_type(path: Path) -> str:
    kind, _ = mimetypes.guess_type(path.name)
    kind = kind or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind in (
        "application/javascript", "application/json") else kind


def inside(folder: Path, relative: str) -> Path | None:
    """The real path of `relative` under `folder`, or None if it leads out (`..`, an absolute
    path, a symlink pointing elsewhere) or holds a NUL."""
    if "\0" in relative:
        return None
    root = Path(os.path.realpath(folder))
    candidate = Path(os.path.realpath(root / relative.lstrip("/")))
    if candidate != root and root not in candidate.parents:
        return None
    return candidate


def listing(request_path: str, folder: Path) -> bytes:
    """An HTML index of a folder. Its links are relative to the page ("./name"), never built
    from the request path as sent, so one like `//other.host/..%2f` cannot make them point
    to another host: a browser resolves them on this server, under the listed folder."""
    here = "./" if request_path.endswith("/") else \
        "./" + quote(unquote(request_path.rpartition("/")[2]), safe="") + "/"
    items = sorted(folder.iterdir(), key=lambda p: (not p.is_dir(), p.name.lower()))
    rows = "\n".join(
        f'<li><a href="{html.escape(here + quote(p.name, safe="") + ("/" if p.is_dir() else ""))}">'
        f'{html.escape(p.name)}{"/" if p.is_dir() else ""}</a></li>' for p in items)
    title = html.escape(request_path)
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\n"
            f"<body><h1>{title}</h1>\n<ul>\n{rows}\n</ul></body></html>\n").encode("utf-8")
