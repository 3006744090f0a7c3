"""The declared boundary between the JS halves and Python: `bridge/runtime/hosts.d.ts`, what
each JS half sees as `host`, written from its Python half's @js_callable methods and their
annotations (outbox.py says how each crosses). `internals.d.ts` beside it declares the object
the halves share. tests/layout checks that hosts.d.ts is up to date and type-checks the halves.

    python -m bridge.runtime.boundary   # rewrites hosts.d.ts from a fresh Runtime
"""

from __future__ import annotations

import asyncio
import inspect
import io
import types
import typing
from pathlib import Path

HOSTS = Path(__file__).with_name("hosts.d.ts")
_HEADER = """\
// What each JS half sees as `host`: a stub per @js_callable method of its Python half, with
// that method's annotations as types. Written by `python -m bridge.runtime.boundary`: do not
// edit by hand. A half without a Python half gets `null`.
"""


def _type(annotation, *, argument: bool) -> str:
    """A Python annotation as the TypeScript type of what crosses (outbox.py)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or isinstance(annotation, types.UnionType):
        members = [m for m in typing.get_args(annotation) if m is not type(None)]
        absent = "null | undefined" if argument else "undefined"
        return " | ".join([*(_type(m, argument=argument) for m in members), absent])
    if annotation in (int, float):
        return "number"
    if annotation is bool:
        return "boolean"
    if annotation is str:
        return "string"
    if annotation is bytes:
        return "string | Uint8Array" if argument else "Uint8Array"
    if annotation in (bytearray, memoryview):
        return "Uint8Array"
    if annotation is None or annotation is type(None):
        return "void"
    if origin is list and typing.get_args(annotation):
        return f"{_type(typing.get_args(annotation)[0], argument=argument)}[]"
    if annotation is list or origin is list:
        return "any[]"
    if annotation is dict or origin is dict:
        return "Record<string, any>"
    return "any"


def _signature(method) -> str:
    hints = typing.get_type_hints(method)
    parameters = list(inspect.signature(method).parameters.values())[1:]  # without self
    written = []
    for index, parameter in enumerate(parameters):
        annotation = hints.get(parameter.name)
        optional_tail = all(type(None) in typing.get_args(hints.get(p.name)) for p in parameters[index:])
        written.append(f"{parameter.name}{'?' if optional_tail else ''}: {_type(annotation, argument=True)}")
    result = _type(hints["return"], argument=False) if "return" in hints else "any"
    if inspect.iscoroutinefunction(method):
        result = f"Promise<{'void' if result == 'void' else result}>"
    return f"{method.__name__}({', '.join(written)}): {result}"


def declarations(halves: dict[str, type | None]) -> str:
    lines = [_HEADER, "interface Hosts {"]
    for path in sorted(halves):
        host = halves[path]
        if host is None:
            lines.append(f'  "{path}": null')
            continue
        lines.append(f'  /** {host.__module__.replace(".", "/")}.py: {host.__qualname__} */')
        lines.append(f'  "{path}": {{')
        for name, member in sorted(inspect.getmembers(host)):
            if getattr(member, "js_callable", False):
                lines.append(f"    {_signature(member)}")
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


async def _halves() -> dict[str, type | None]:
    from .runtime import Runtime

    async with Runtime(stdout=io.StringIO(), stderr=io.StringIO()) as runtime:
        return dict(runtime.engine.halves)


def written() -> str:
    """hosts.d.ts as the halves a Runtime loads now would have it."""
    return declarations(asyncio.run(_halves()))


if __name__ == "__main__":
    HOSTS.write_text(written(), encoding="utf-8")
    print(f"wrote {HOSTS}")
