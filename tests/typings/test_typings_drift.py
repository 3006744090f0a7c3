"""typings/ and the runtime must agree: the globals and members a script can really use (as
the engine enumerates them) are the ones the .d.ts files declare, both ways."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, TYPINGS as TYPINGS_DIR
from script_globals import ENGINE_EXTRAS, LANGUAGE, LEAKED, PERMANENT
from typings_dts import Declared, overload_literals, read_typings, string_union

TYPINGS = sorted(TYPINGS_DIR.glob("*.d.ts"))
PROBE = Path(__file__).with_name("typings_runtime_probe.py")

# The globals whose runtime half exists: the app's, then the web platform's that stay.
# typings/ declares the whole documented API (editors should offer all of it); a global whose
# runtime half is still to come is listed in PENDING_GLOBALS until it lands, then moves here
# and is compared like the rest.
IMPLEMENTED = {
    "console", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "queueMicrotask",
    "Data", "CompressionAlgorithm", "HttpServer", "WebSocketSession", "WebSocket",
    "HttpRequest", "HttpResponse", "HttpResponseBody",
    "setImmediate", "clearImmediate", "URL", "URLSearchParams", "TextEncoder", "TextDecoder",
    "atob", "btoa", "Event", "EventTarget", "DOMException",
    "fetch", "Request", "Response", "Headers", "FormData", "Blob", "ReadableStream",
    "ReadableStreamDefaultReader", "ReadableStreamDefaultController", "AbortController", "AbortSignal",
    "AbortEvent", "CancelToken", "CancelError", "Crypto", "UUID",
    "Path", "Script", "FileManager", "FileEntity", "Storage", "Keychain", "SQLite",
}
PENDING_GLOBALS: set[str] = set()

# Documented members of implemented globals whose runtime half is still to come. Only the
# runtime may lack them; once one exists it must leave this list.
PENDING_MEMBERS: dict[str, set[str]] = {}

# How to get an instance in the engine, for members that live on instances (class fields
# assigned in the constructor) rather than on the prototype. WebSocketSession has none
# without a live connection; its members are all on the prototype, as are WebSocket's (a
# sample would open a connection).
SAMPLES = {
    "HttpServer": "new HttpServer()",
    "Data": "Data.fromIntArray([1, 2, 3])",
    "Event": 'new Event("sample")',
    "EventTarget": "new EventTarget()",
    "URL": 'new URL("http://127.0.0.1/")',
    "URLSearchParams": 'new URLSearchParams("a=1")',
    "TextEncoder": "new TextEncoder()",
    "TextDecoder": "new TextDecoder()",
    "Request": "new Request('http://127.0.0.1/')",
    "AbortController": "new AbortController()",
    "AbortSignal": "new AbortSignal()",
    "AbortEvent": "new AbortEvent(new AbortSignal())",
    "CancelToken": "new CancelToken()",
}


@pytest.fixture(scope="module")
def declared() -> dict[str, Declared]:
    assert TYPINGS, "typings/*.d.ts is missing"
    return read_typings(TYPINGS)


@pytest.fixture(scope="module")
def runtime(declared) -> dict:
    events = overload_literals(TYPINGS, "WebSocket", "addEventListener")
    candidates = events | {name[2:] for name in declared["WebSocket"].optional if name.startswith("on")} | {"bogus", "Message"}
    request = {"names": sorted(set(declared) | IMPLEMENTED), "samples": SAMPLES, "events": sorted(candidates)}
    try:
        # PYTHONPATH: this checkout's bridge, even where another one is installed.
        done = subprocess.run([sys.executable, str(PROBE), json.dumps(request)], cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)},
                              capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"the runtime probe did not finish in 120 s:\n{error.stdout}\n{error.stderr}")
    assert done.returncode == 0, f"the runtime probe failed:\n{done.stdout}\n{done.stderr}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_typings_declare_each_documented_global_once(declared):
    assert not IMPLEMENTED & PENDING_GLOBALS
    assert set(declared) == IMPLEMENTED | PENDING_GLOBALS, (
        "every global in typings/ must be either compared (IMPLEMENTED) or knowingly pending "
        "(PENDING_GLOBALS)")


def test_the_reader_sees_the_documented_members(declared):
    # Guards the drift test itself: a reader that saw nothing would compare empty sets.
    assert declared["WebSocketSession"].kind == "class"
    assert declared["WebSocketSession"].members == {"writeText", "writeData", "close"}
    assert declared["WebSocketSession"].static == set()
    assert {"size", "length", "toRawString"} <= declared["Data"].members
    assert {"fromRawString", "fromFile", "combine"} <= declared["Data"].static
    assert declared["CompressionAlgorithm"].enum_values == {"lzfse": 0, "lz4": 1, "lzma": 2, "zlib": 3}
    assert {"log", "info", "warn", "error", "debug"} <= declared["console"].members
    assert declared["setTimeout"].kind == "function"
    assert {"onopen", "onmessage"} <= declared["WebSocket"].optional
    assert declared["Path"].kind == "object" and {"sep", "join", "parse"} <= declared["Path"].members
    assert {"readAsString", "readAsStringSync", "documentsDirectory"} <= declared["FileManager"].members
    assert {"openForReading", "openForMode"} <= declared["FileEntity"].static


def test_the_runtime_defines_exactly_the_implemented_globals(runtime, declared):
    defined = set(runtime["defined"])
    undeclared = defined - set(declared)
    landed = (defined & PENDING_GLOBALS)
    missing = IMPLEMENTED - set(runtime["all"])
    assert not undeclared, f"the runtime defines globals that typings/ does not declare: {sorted(undeclared)}"
    assert not landed, f"now implemented: move {sorted(landed)} from PENDING_GLOBALS to IMPLEMENTED"
    assert not missing, f"typings/ declares globals the runtime does not define: {sorted(missing)}"


def test_every_global_a_script_sees_is_the_language_or_declared(runtime, declared):
    seen = set(runtime["all"])
    leaked = seen & LEAKED
    assert not leaked, f"pythonmonkey's own globals are visible to scripts: {sorted(leaked)}"
    unexplained = seen - LANGUAGE - ENGINE_EXTRAS - PERMANENT - set(declared)
    assert not unexplained, f"globals scripts see that typings/ does not declare: {sorted(unexplained)}"
    gone = (LANGUAGE | PERMANENT) - seen
    assert not gone, f"globals of the language that the runtime lost: {sorted(gone)}"
    assert not runtime["debuggerApi"], "debuggerGlobal still holds the Debugger API"


def test_the_listener_overloads_are_the_on_properties_and_what_the_runtime_accepts(runtime, declared):
    events = overload_literals(TYPINGS, "WebSocket", "addEventListener")
    assert events == overload_literals(TYPINGS, "WebSocket", "removeEventListener")
    properties = {name[2:] for name in declared["WebSocket"].optional if name.startswith("on")}
    assert events == properties == {"open", "error", "message", "close"}
    assert set(runtime["listenerEvents"]) == events


def _difference_report(name: str, part: str, declared: set[str], real: set[str],
                       may_lack: set[str]) -> list[str]:
    problems = []
    undeclared = real - declared
    missing = declared - real - may_lack
    if undeclared:
        problems.append(f"{name} {part}: the runtime has {sorted(undeclared)}, typings/ does not declare them")
    if missing:
        problems.append(f"{name} {part}: typings/ declares {sorted(missing)}, the runtime lacks them")
    return problems


@pytest.mark.parametrize("name", sorted(IMPLEMENTED))
def test_members_agree(name, runtime, declared):
    assert name in declared, f"{name} is in IMPLEMENTED but typings/ does not declare it"
    want = declared[name]
    real = runtime["globals"][name]
    assert real["present"], f"the runtime has no global {name}"
    pending = PENDING_MEMBERS.get(name, set())
    problems: list[str] = []

    if want.kind == "function":
        assert real["type"] == "function", f"{name} is declared a function, the runtime has a {real['type']}"
        return
    if want.kind == "class":
        assert real["type"] == "function", f"{name} is declared a class, the runtime has a {real['type']}"
        assert "sampleError" not in real, f"making a sample {name} ({SAMPLES[name]}) failed: {real['sampleError']}"
        instance = set(real["prototype"]) | set(real.get("instance", []))
        if pending & instance:
            problems.append(f"{name}: now implemented: remove {sorted(pending & instance)} from PENDING_MEMBERS")
        problems += _difference_report(name, "static members", want.static, set(real["static"]), set())
        # Optional members (`onopen?`) are slots a script fills in; the runtime may not have them.
        problems += _difference_report(name, "instance members", want.members, instance,
                                       pending | want.optional)
    elif want.kind == "object":
        assert real["type"] == "object", f"{name} is declared an object, the runtime has a {real['type']}"
        problems += _difference_report(name, "members", want.members, set(real["keys"]), want.optional)
    elif want.kind == "enum":
        assert real["type"] == "object", f"{name} is declared an enum, the runtime has a {real['type']}"
        # A TypeScript numeric enum also maps each value back to its name (`E[0] === "a"`);
        # those reverse keys are allowed, not required.
        names = {k for k in real["keys"] if not k.isdigit()}
        problems += _difference_report(name, "members", set(want.enum_values), names, set())
        values = {k: v for k, v in real["values"].items() if k in want.enum_values}
        if values != {k: v for k, v in want.enum_values.items() if k in values}:
            problems.append(f"{name} values: the runtime has {values}, typings/ say {want.enum_values}")
    else:  # pragma: no cover - read_typings knows no other kind
        raise AssertionError(want.kind)
    assert not problems, "\n".join(problems)


def test_the_encoding_names_are_the_runtime_ones():
    from bridge.data.encodings import NAMES

    declared_names = string_union(TYPINGS, "Encoding")
    assert declared_names == set(NAMES), (
        f"only in typings/: {sorted(declared_names - set(NAMES))}; "
        f"only in the runtime: {sorted(set(NAMES) - declared_names)}")


def test_the_readme_lists_every_global_scripts_get():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    unlisted = sorted(name for name in IMPLEMENTED | ENGINE_EXTRAS | PERMANENT if f"`{name}`" not in readme)
    assert not unlisted, f"README.md does not name these globals: {unlisted}"
