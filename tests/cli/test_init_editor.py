"""`scripting-bridge init` makes a folder an editor understands: the real TypeScript language
server (tsserver, over its JSON protocol) completes, explains and checks a script there."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .clihelp import WORKTREE, run

TSSERVER = WORKTREE / "node_modules" / "typescript" / "lib" / "tsserver.js"

SCRIPT = """\
import { Path } from "scripting"
const server = new HttpServer()
server.registerWebsocket("/chat", {
  handleText: (session, text) => {
    session.writeText(text.toUpperCase())
  },
})
server.start({ port: 8080 })
const size: number = Data.fromRawString("x", "utf-8").size
server.start({ port: "8080" })
const joined: string = Path.join("a", "b")
"""


class TsServer:
    """tsserver over stdin/stdout: one request at a time, events skipped."""

    def __init__(self, cwd: Path) -> None:
        self._process = subprocess.Popen(["node", str(TSSERVER), "--disableAutomaticTypingAcquisition"],
                                         cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._seq = itertools.count(1)

    def request(self, command: str, **arguments) -> dict:
        seq = next(self._seq)
        message = {"seq": seq, "type": "request", "command": command, "arguments": arguments}
        self._process.stdin.write(json.dumps(message).encode() + b"\n")
        self._process.stdin.flush()
        while True:
            header = self._process.stdout.readline()
            assert header, "tsserver ended"
            if not header.startswith(b"Content-Length:"):
                continue
            length = int(header.split(b":")[1])
            self._process.stdout.readline()  # the blank line after the header
            reply = json.loads(self._process.stdout.read(length))
            if reply.get("type") == "response" and reply.get("request_seq") == seq:
                assert reply["success"], reply
                return reply.get("body")

    def close(self) -> None:
        self._process.kill()
        self._process.wait()


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    if shutil.which("node") is None or not TSSERVER.exists():
        pytest.skip("needs node and node_modules/typescript (npm install typescript@5)")
    folder = tmp_path_factory.mktemp("scripts")
    result = run("init", folder)
    assert result.returncode == 0, result.stderr
    assert "npm i -D typescript" in result.stdout
    path = folder / "main.ts"
    path.write_text(SCRIPT, encoding="utf-8")
    server = TsServer(folder)
    server.request("open", file=str(path))
    yield server, str(path)
    server.close()


def _position(needle: str, inside: int = 0) -> dict:
    for number, text in enumerate(SCRIPT.splitlines(), 1):
        if needle in text:
            return {"line": number, "offset": text.index(needle) + 1 + inside}
    raise AssertionError(needle)


@pytest.mark.parametrize("after, expected", [
    ("session.", {"writeText", "writeData", "close"}),
    ("server.", {"registerHandler", "registerWebsocket", "start", "stop", "port"}),
    ("Data.", {"fromRawString", "fromFile", "fromBase64String"}),
    ("Path.", {"join", "dirname", "basename", "normalize"}),  # imported from "scripting"
])
def test_completions(editor, after, expected):
    server, path = editor
    where = _position(after, len(after))
    body = server.request("completionInfo", file=path, **where)
    names = {entry["name"] for entry in body["entries"]}
    assert expected <= names, sorted(names)


def test_hover_on_write_text_shows_its_signature_and_description(editor):
    server, path = editor
    body = server.request("quickinfo", file=path, **_position("writeText", 2))
    assert "writeText(text: string): void" in body["displayString"]
    assert body["documentation"]


@pytest.mark.parametrize("name, needle, type_name", [("session", "session, text", "WebSocketSession"),
                                                     ("text", "text) =>", "string")])
def test_handler_parameters_get_their_types_from_context(editor, name, needle, type_name):
    server, path = editor
    body = server.request("quickinfo", file=path, **_position(needle))
    assert body["displayString"] == f"(parameter) {name}: {type_name}"


def test_misuse_is_diagnosed_on_its_line(editor):
    server, path = editor
    diagnostics = server.request("semanticDiagnosticsSync", file=path)
    assert [(d["start"]["line"], d["code"]) for d in diagnostics] == [(10, 2322)], diagnostics


def test_init_keeps_an_existing_tsconfig(tmp_path):
    (tmp_path / "tsconfig.json").write_text("{}\n")
    result = run("init", tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "tsconfig.json").read_text() == "{}\n"
    assert "left as it is" in result.stderr
    assert sorted(p.name for p in (tmp_path / "typings").iterdir()) == \
        sorted(p.name for p in (WORKTREE / "typings").glob("*.d.ts"))


def test_the_build_puts_the_typings_inside_the_package(tmp_path):
    subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(tmp_path)],
                   cwd=WORKTREE, check=True, capture_output=True, timeout=120)
    shipped = sorted(p.name for p in (tmp_path / "bridge" / "typings").glob("*.d.ts"))
    assert shipped and shipped == sorted(p.name for p in (WORKTREE / "typings").glob("*.d.ts"))
