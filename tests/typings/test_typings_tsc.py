"""`tsc` over js_examples/ with typings/: the examples type-check under `--strict`, misuse is
rejected with the expected errors, and a copied tsconfig.json works next to a user's scripts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import EXAMPLES, REPO, TYPINGS
from script_globals import ENGINE_EXTRAS, LANGUAGE

TSC = REPO / "node_modules" / ".bin" / "tsc"

MAIN = EXAMPLES / "tsconfig.json"                            # scripts, with typings/
STRICT_NULL = EXAMPLES / "typecheck" / "tsconfig.json"       # the type-level tests, strictNullChecks on
BROWSER = EXAMPLES / "typecheck" / "tsconfig.browser.json"   # web-page code, against the DOM
SCRIPT_SUFFIXES = {".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".jsx"}
DIAGNOSTIC = re.compile(r"^(?P<file>.+?)\((?P<line>\d+),(?P<column>\d+)\): error (?P<code>TS\d+):", re.M)


@pytest.fixture(scope="module")
def tsc() -> Path:
    if not TSC.exists():
        pytest.fail(f"{TSC.relative_to(REPO)} is missing: run `npm install --no-save typescript@5` "
                    "at the repository root first (the README's test command does)", pytrace=False)
    version = subprocess.run([str(TSC), "--version"], capture_output=True, text=True, timeout=60).stdout
    assert re.search(r"Version 5\.", version), f"TypeScript 5 is expected, found {version!r}"
    return TSC


def run_tsc(tsc: Path, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([str(tsc), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def listed_files(tsc: Path, project: Path) -> set[Path]:
    done = run_tsc(tsc, "-p", str(project), "--listFilesOnly")
    assert done.returncode == 0, done.stdout + done.stderr
    return {Path(line).resolve() for line in done.stdout.splitlines() if line.strip()}


def errors(done: subprocess.CompletedProcess, name: str) -> list[tuple[int, str]]:
    """(line, code) of each error tsc reported in the file called `name`."""
    return sorted((int(m["line"]), m["code"]) for m in DIAGNOSTIC.finditer(done.stdout)
                  if Path(m["file"]).name == name)


def browser_files() -> list[Path]:
    return [p for p in EXAMPLES.rglob("*") if p.suffix in SCRIPT_SUFFIXES
            and (p.name.startswith("browser_") or "browser" in p.relative_to(EXAMPLES).parts[:-1])]


def test_the_examples_type_check_under_strict(tsc):
    done = run_tsc(tsc, "-p", str(MAIN), "--strict", "--noEmit")
    assert done.returncode == 0, f"tsc -p {MAIN.relative_to(REPO)} --strict --noEmit:\n{done.stdout}{done.stderr}"


def test_the_type_level_tests_hold_with_strict_null_checks(tsc):
    done = run_tsc(tsc, "-p", str(STRICT_NULL), "--strict", "--noEmit")
    assert done.returncode == 0, f"tsc -p {STRICT_NULL.relative_to(REPO)}:\n{done.stdout}{done.stderr}"


def test_the_browser_examples_type_check_against_the_dom(tsc):
    if not browser_files():
        return  # nothing to check (tsc would stop at "no inputs")
    done = run_tsc(tsc, "-p", str(BROWSER), "--strict", "--noEmit")
    assert done.returncode == 0, f"tsc -p {BROWSER.relative_to(REPO)}:\n{done.stdout}{done.stderr}"


def test_every_example_and_every_typing_is_checked(tsc):
    main = listed_files(tsc, MAIN)
    browser = listed_files(tsc, BROWSER) if browser_files() else set()
    scripts = {p.resolve() for p in EXAMPLES.rglob("*")
               if p.suffix in SCRIPT_SUFFIXES and "node_modules" not in p.parts}
    assert scripts - main - browser == set(), "files in js_examples/ that no tsconfig checks"
    assert not {p for p in main & browser if p.is_relative_to(EXAMPLES.resolve())}, (
        "browser code must not be checked against the runtime's typings")
    typings = {p.resolve() for p in TYPINGS.glob("*.d.ts")}
    assert typings and typings <= main
    assert typings <= listed_files(tsc, STRICT_NULL)
    assert (EXAMPLES / "typecheck" / "websocket-session.ts").resolve() in main
    assert (EXAMPLES / "typecheck" / "app-declarations.ts").resolve() in main


def test_the_language_globals_are_the_ones_typescript_declares(tsc, tmp_path):
    # The drift test lets scripts see LANGUAGE and ENGINE_EXTRAS without typings/ declaring
    # them: the first because TypeScript's lib (as the examples' tsconfig sets it) does, the
    # second, README says, because it does not.
    names = sorted(LANGUAGE | ENGINE_EXTRAS)
    shutil.copytree(TYPINGS, tmp_path / "typings")
    (tmp_path / "js_examples").mkdir()
    shutil.copy(MAIN, tmp_path / "js_examples" / "tsconfig.json")
    (tmp_path / "js_examples" / "names.ts").write_text(
        "".join(f"{name}\n" for name in names), encoding="utf-8")
    done = run_tsc(tsc, "-p", "js_examples/tsconfig.json", "--noEmit", cwd=tmp_path)
    unknown = {names[line - 1] for line, code in errors(done, "names.ts") if code in ("TS2304", "TS2552", "TS2583", "TS2584", "TS2693")}
    assert unknown == ENGINE_EXTRAS, done.stdout


# A script full of mistakes, each on its own line, and the error each must produce. If the
# typings accepted any of them (or the tsconfig were not strict or let the DOM in), the set of
# errors would differ.
MISUSE = """\
const server = new HttpServer()
server.registerWebsocket("/chat", {
  handleText: (session, text) => {
    session.writeText(42)
    session.writeData(text)
  },
  onMessage: (session: WebSocketSession) => {},
})
new WebSocketSession()
const id: string = setTimeout(() => {}, 10)
setTimeout("alert(1)", 10)
Data.fromRawString("hi", "latin-9")
console.lg("typo")
document.title = "no DOM here"
const untyped = function (value) { return value }
server.start({ port: "8080" })
new WebSocket("ws://127.0.0.1:1/").addEventListener("mesage", () => {})
HttpResponse.raw(200, "OK", { body: "text" })
Data.fromPNG({})
python.exec("import os")
"""
MISUSE_ERRORS = [
    (4, "TS2345"),   # a number to writeText
    (5, "TS2345"),   # a string to writeData
    (7, "TS2353"),   # an unknown handler name
    (9, "TS2673"),   # WebSocketSession's constructor is private
    (10, "TS2322"),  # setTimeout returns a number
    (11, "TS2769"),  # no strings of code for setTimeout (in either of its forms)
    (12, "TS2345"),  # not an Encoding
    (13, "TS2339"),  # console has no `lg`
    (14, "TS2584"),  # no DOM lib
    (15, "TS7006"),  # strict: no implicit any
    (16, "TS2322"),  # port is a number
    (17, "TS2769"),  # not one of the four events
    (18, "TS2322"),  # raw's body is a Data or a FileEntity
    (19, "TS2345"),  # only the app makes a UIImage
    (20, "TS2304"),  # pythonmonkey's `python` is not a global of scripts
]


def test_misuse_is_rejected_with_the_expected_errors(tsc, tmp_path):
    # The repository's layout in miniature: js_examples/tsconfig.json finds ../typings.
    shutil.copytree(TYPINGS, tmp_path / "typings")
    (tmp_path / "js_examples").mkdir()
    shutil.copy(MAIN, tmp_path / "js_examples" / "tsconfig.json")
    (tmp_path / "js_examples" / "misuse.ts").write_text(MISUSE, encoding="utf-8")
    done = run_tsc(tsc, "-p", "js_examples/tsconfig.json", "--strict", "--noEmit", cwd=tmp_path)
    assert done.returncode != 0
    assert errors(done, "misuse.ts") == MISUSE_ERRORS, done.stdout


def test_the_seed_samples_need_the_server_declaration(tsc, tmp_path):
    # Without seed-server.d.ts the samples' free `server` is the only thing missing: they are
    # checked as written, and the declaration file is what supplies it.
    shutil.copytree(TYPINGS, tmp_path / "typings")
    shutil.copytree(EXAMPLES / "seed", tmp_path / "js_examples" / "seed")
    shutil.copy(MAIN, tmp_path / "js_examples" / "tsconfig.json")
    samples = [p for p in (tmp_path / "js_examples").rglob("*") if p.suffix in SCRIPT_SUFFIXES
               and not p.name.startswith("browser_")]
    assert samples, "js_examples/seed/ has no samples"
    done = run_tsc(tsc, "-p", "js_examples/tsconfig.json", "--strict", "--noEmit", cwd=tmp_path)
    # Each use of `server` is unknown (TS2304), so the handlers' parameters lose their
    # context and are implicitly any (TS7006); nothing else is wrong.
    codes = {m["code"] for m in DIAGNOSTIC.finditer(done.stdout)}
    assert "TS2304" in codes and codes <= {"TS2304", "TS7006"}, done.stdout
    unknown = set(re.findall(r"error TS2304: Cannot find name '(\w+)'", done.stdout))
    assert unknown == {"server"}, done.stdout
    shutil.copy(EXAMPLES / "seed-server.d.ts", tmp_path / "js_examples")
    done = run_tsc(tsc, "-p", "js_examples/tsconfig.json", "--strict", "--noEmit", cwd=tmp_path)
    assert done.returncode == 0, done.stdout


# A user's folder: the tsconfig.json and the typings/ folder copied next to their scripts,
# nothing else configured.
USER_SCRIPT = """\
const server = new HttpServer()
const sessions: WebSocketSession[] = []

server.registerWebsocket("/echo", {
  onConnected: (session) => { sessions.push(session) },
  handleText: (session, text) => session.writeText(text.toUpperCase()),
  handleBinary: (session, data) => {
    const copy = Data.combine([data, data.slice(0, Math.min(1, data.size))])
    session.writeData(copy.compressed(CompressionAlgorithm.zlib).decompressed(CompressionAlgorithm.zlib))
  },
  onDisconnected: (session) => { sessions.splice(sessions.indexOf(session), 1) },
})

const error = server.start({ port: 0 })
if (error !== null) throw new Error(error)
console.log("listening on", server.port)
const timer: number = setTimeout(() => server.stop(), 1000)
clearTimeout(timer)
await new Promise<void>((resolve) => queueMicrotask(resolve))
"""


def test_a_copied_tsconfig_works_next_to_a_users_scripts(tsc, tmp_path):
    folder = tmp_path / "my-scripts"
    folder.mkdir()
    shutil.copy(MAIN, folder / "tsconfig.json")
    shutil.copytree(TYPINGS, folder / "typings")
    (folder / "echo.ts").write_text(USER_SCRIPT, encoding="utf-8")
    done = run_tsc(tsc, "-p", ".", "--strict", "--noEmit", cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    # The same mistakes are caught there too.
    (folder / "misuse.ts").write_text(MISUSE, encoding="utf-8")
    done = run_tsc(tsc, "-p", ".", "--strict", "--noEmit", cwd=folder)
    assert errors(done, "misuse.ts") == MISUSE_ERRORS, done.stdout
