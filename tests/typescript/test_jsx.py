"""JSX in .tsx: the elements our rewrite builds are the ones tsc's `"jsx": "react"` output
builds (with the app's factory names), whitespace rules and entities included."""

from __future__ import annotations

import subprocess

import pytest

from helpers import unavailable

from bridge.typescript import strip

from .helpers import find_tsc, run_js, same_lines

# A factory that records elements as JSON-able values, and two components to refer to.
_PRELUDE = (
    "const createElement = (type, props, ...children) => "
    "({ type: typeof type === 'function' ? type.name : type, props, children });\n"
    "function Fragment() {}\nfunction Box() {}\nconst ui = { Row: function Row() {} };\n"
)

SNIPPETS = {
    "attributes": '<Box a="x" b={1 + 1} c d="&amp; &lt;tag&gt;" {...{ e: 5 }} f={"s"} />',
    "text whitespace": "<Box>\n  Hello,\n     world  \n\n  again\n</Box>",
    "inline spaces": "<Box> a {1} b {'c'}  </Box>",
    "nested and fragments": "<>\n  <Box>{[1, 2].map((n: number) => <i key={n}>{n}</i>)}</Box>\n  text\n</>",
    "member and intrinsic tags": "<ui.Row><span-x>{/* nothing */}</span-x><div /></ui.Row>",
    "element as attribute": "<Box icon=<i /> label={<b>{'bold'}</b>} />",
    "typed expressions": "<Box value={3 as number} list={[1] satisfies number[]}>{(x => x)(2) as number}</Box>",
}


def _tsc_compile(tmp_path, source: str) -> str:
    executable = find_tsc()
    if executable is None:
        unavailable("tsc not found: run `npm install --no-save typescript@5` at the repository root")
    (tmp_path / "input.tsx").write_text(source, encoding="utf-8")
    command = [executable, "--target", "es2022", "--jsx", "react", "--jsxFactory", "createElement",
               "--jsxFragmentFactory", "Fragment", "--noCheck", "--module", "none", "input.tsx"]
    subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    return (tmp_path / "input.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(SNIPPETS))
def test_jsx_builds_what_tsc_builds(tmp_path, name: str) -> None:
    source = _PRELUDE + f"print(JSON.stringify(\n{SNIPPETS[name]}\n));\n"
    ours = strip(source, "view.tsx")
    assert same_lines(source, ours)
    assert run_js(ours) == run_js(_tsc_compile(tmp_path, source))
