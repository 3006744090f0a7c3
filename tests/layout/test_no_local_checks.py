"""The words of a wrong argument are made in one place, bridge/runtime/checks.js: no other JS
half defines its own type check (checkString, expectFunction, ...) or writes the wording
"must be ..., got ${typeName(...)}" by hand, so every API says the same mistake the same way."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import REPO

RUNTIME = REPO / "bridge" / "runtime"
HALVES = sorted(path for path in (REPO / "bridge").glob("*/*.js") if path.parent != RUNTIME)

TYPES = "String|Strings|Function|Boolean|Bool|Object|Number|Integer|Int|Array|Data"
# A function named like a type check: `function checkString(`, `const expectFunction = (`, ...
TYPE_CHECK = re.compile(
    rf"(?:function\s+|(?:const|let|var)\s+)((?:check|expect|require|ensure|assert|validate)(?:Optional)?(?:{TYPES})s?)\b")
# The wording written out instead of asked of checks.js.
HAND_WORDED = re.compile(r"must be [^`]*, got \$\{(?:internals\.)?typeName\(")


def _findings(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(REPO).as_posix()
    found = [f"{name}: defines {match.group(1)}" for match in TYPE_CHECK.finditer(text)]
    found += [f"{name}:{text.count(chr(10), 0, match.start()) + 1}: words a wrong argument by hand"
              for match in HAND_WORDED.finditer(text)]
    return found


def test_no_half_outside_the_runtime_checks_argument_types_its_own_way():
    assert len(HALVES) > 10
    findings = [finding for half in HALVES for finding in _findings(half)]
    assert findings == [], ("use internals.check.* / internals.wrongType (bridge/runtime/checks.js):\n"
                            + "\n".join(findings))


def test_the_patterns_find_what_they_are_meant_to():
    text = ("function checkString(where, value) {}\nconst expectFunction = (v) => v;\n"
            "function checkPath(method, path) {}\n"
            "throw new TypeError(`X.y: key must be a string, got ${typeName(key)}`);\n")
    assert [match.group(1) for match in TYPE_CHECK.finditer(text)] == ["checkString", "expectFunction"]
    assert len(HAND_WORDED.findall(text)) == 1
