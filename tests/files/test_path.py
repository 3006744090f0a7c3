"""Path against Node's path.posix, on a table of inputs run through both."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from file_scripts import evaluate
from helpers import unavailable

INPUTS = [
    "", "/", "//", "///", "a", "a/", "/a", "/a/", "//a", "/a//b", "a//b/", ".", "..", "...", "....",
    "./", "../", "/./", "./a/", ".a", "a.", "..a", "a..", ".a.", "a.b.c", "a.b.", ".profile",
    "/home/user/file.tar.gz", "/foo/bar//baz/asdf/quux/..", "/x/../..", "../../a", "a/../..",
    "a/./b/", "/a/b.c/", "/.d", "x/...", "/a/..b", "/a/b/../../..", "a/b/c/../../../..",
    "..../a.b.", "é/ü.txt", "名前/ファイル.md", "with space/a b.c", "a\\b.c", "/a/b/", "a/b//",
    "/a/b.", "/a/.b", "/a/.b.", "/..", "/../a", "./..", "a/.", "a/..", "a/...",
]
SUFFIXES = [None, "", ".js", ".c", "a", "xa", "b", "/", "a/", "b.c", ".txt", "..", "a.b.c"]
JOINS = [[], [""], ["", ""], ["a", "", "b"], ["/a", "../b"], ["a", "/b"], ["..", "a"], ["/", "/"],
         ["a/", "/b/"], [".", "."], ["", "/x"], ["foo", "bar", "../../.."]]

TABLE = """(inputs, suffixes, joins) => JSON.stringify({
  single: inputs.map((p) => [Path.normalize(p), Path.isAbsolute(p), Path.dirname(p), Path.extname(p),
    Path.parse(p), Path.join(p, "x", p), suffixes.map((s) => s === null ? Path.basename(p) : Path.basename(p, s))]),
  joins: joins.map((parts) => Path.join(...parts)),
  constants: [Path.sep, Path.delimiter],
})"""


@pytest.fixture(scope="module")
def node_table() -> dict:
    node = shutil.which("node")
    if node is None:
        unavailable("node is not installed: Path is compared with Node's path.posix")
    program = f"const Path = require('path').posix; const table = {TABLE}; " \
              "console.log(table(...JSON.parse(process.argv[1])))"
    done = subprocess.run([node, "-e", program, json.dumps([INPUTS, SUFFIXES, JOINS])],
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


async def test_path_gives_node_path_posix_results(node_table):
    ours = json.loads(await evaluate(TABLE, INPUTS, SUFFIXES, JOINS))
    assert ours["constants"] == node_table["constants"] == ["/", ":"]
    assert ours["joins"] == node_table["joins"]
    for path, mine, node in zip(INPUTS, ours["single"], node_table["single"]):
        assert mine == node, f"Path differs from path.posix for {path!r}"


async def test_the_documented_examples():
    assert await evaluate("""() => [Path.normalize('/foo/bar//baz/asdf/quux/..'),
        Path.dirname('/foo/bar/baz/asdf/quux'), Path.join(), Path.isAbsolute('')]""") == [
        "/foo/bar/baz/asdf", "/foo/bar/baz/asdf", ".", False]


async def test_a_non_string_is_a_type_error_naming_the_member():
    caught = """(f) => { try { f() } catch (e) { return [e.constructor.name, e.message] } }"""
    assert await evaluate(f"""() => [({caught})(() => Path.join('a', 3)),
        ({caught})(() => Path.basename('a', null)), ({caught})(() => Path.parse())]""") == [
        ["TypeError", "Path.join: argument 2 must be a string, got number"],
        ["TypeError", "Path.basename: suffix must be a string, got null"],
        ["TypeError", "Path.parse: path must be a string, got undefined"]]
