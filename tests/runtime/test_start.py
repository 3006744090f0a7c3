"""What a cold start loads: a library the bridge uses for one API is imported when a script
first uses that API, not at start, and so are pythonmonkey's own JS modules (its console,
timers, URL, DOMException, XMLHttpRequest) (docs/benchmarks.md, "Where the time goes at start";
docs/engine.md, "Start-up")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from helpers import write_script

from bridge.files.locations import DATA_ENVIRONMENT_VARIABLE
from bridge.storage.keychain_key import KEYRING_VARIABLE

# `python -m bridge ARGS`, then on stderr's last line the top-level packages loaded by the end
# and the files of pythonmonkey's JS modules read (its module loader opens them with Python's open).
_PROBE = textwrap.dedent("""
    import atexit, json, runpy, sys
    from importlib import util
    modules = util.find_spec("pythonmonkey").submodule_search_locations[0] + "/"
    read = []
    sys.addaudithook(lambda event, args: read.append(args[0][len(modules):]) if event == "open"
                     and isinstance(args[0], str) and args[0].startswith(modules) and args[0].endswith(".js") else None)
    atexit.register(lambda: sys.stderr.write("\\nLOADED " + json.dumps(
        {"packages": sorted({name.split(".")[0] for name in sys.modules}), "read": read}) + "\\n"))
    sys.argv = ["bridge", *sys.argv[1:]]
    runpy.run_module("bridge", run_name="__main__", alter_sys=True)
""")

# Each is imported only by the API that needs it (aiohttp by fetch, and by pythonmonkey's
# XMLHttpRequest, which the bridge removes); tree_sitter only for a file to erase or transform.
_DEFERRED = ("aiohttp", "yarl", "tree_sitter", "tree_sitter_typescript", "cryptography")
# What a start reads of pythonmonkey's JS: its module loader and the `util` it formats with.
_ENGINE_START = ["node_modules/ctx-module/ctx-module.js", "builtin_modules/util.js"]


def _run(*args, env: dict | None = None) -> tuple[str, set[str], list[str]]:
    """The script's stdout, the packages loaded, pythonmonkey's JS files read (in order)."""
    result = subprocess.run([sys.executable, "-c", _PROBE, *map(str, args)], capture_output=True,
                            text=True, timeout=120, env=None if env is None else {**os.environ, **env})
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stderr.rsplit("LOADED ", 1)[1])
    return result.stdout, set(loaded["packages"]), loaded["read"]


def test_a_plain_script_starts_without_the_libraries_it_does_not_use(tmp_path):
    script = write_script(tmp_path, "plain.js", """
        const server = new HttpServer()
        server.registerHandler("/hello", () => new HttpResponse("hi"))
        console.log(typeof fetch, typeof Keychain, Data.fromRawString("hi").size)
    """)
    output, loaded, read = _run("run", script)
    assert output == "function object 2\n"
    assert loaded.isdisjoint(_DEFERRED), sorted(loaded.intersection(_DEFERRED))
    assert read == _ENGINE_START  # none of console.js, timers.js, url.js, core-js, XMLHttpRequest.js


def test_url_and_domexception_load_when_a_script_first_uses_them(tmp_path):
    """pythonmonkey's URL, URLSearchParams and DOMException (core-js polyfills) are read at their
    first use, and that load changes no other global: not the bridge's fetch and Request, which
    core-js's URLSearchParams would wrap, nor pythonmonkey's leftovers."""
    script = write_script(tmp_path, "url.js", """
        const before = Object.getOwnPropertyNames(globalThis).map((name) =>
          [name, Object.getOwnPropertyDescriptor(globalThis, name)])
        const url = new URL("/a b?x=1", "http://127.0.0.1:8080")
        console.log(url.href, new URLSearchParams({ a: "1 2" }).toString())
        const changed = before.filter(([name, was]) => {
          const now = Object.getOwnPropertyDescriptor(globalThis, name)
          return now === undefined || !Object.is(now.value, was.value) || now.get !== was.get
        }).map(([name]) => name)
        const added = Object.getOwnPropertyNames(globalThis).filter((name) => !before.some(([n]) => n === name))
        console.log(changed.join(), added.join() || "nothing added")
        console.log(new DOMException("gone", "AbortError").name, typeof setTimeout(() => {}, 0))
    """)
    output, _, read = _run("run", script)
    assert output.splitlines() == [
        "http://127.0.0.1:8080/a%20b?x=1 a=1+2",
        "DOMException,URL,URLSearchParams nothing added",  # their accessors, now the classes
        "AbortError number",  # the bridge's setTimeout, not pythonmonkey's
    ]
    assert read[:len(_ENGINE_START)] == _ENGINE_START
    assert {"builtin_modules/url.js", "builtin_modules/dom-exception.js",
            "node_modules/core-js/actual/url/index.js"} <= set(read)
    assert not {"builtin_modules/timers.js", "builtin_modules/console.js",
                "builtin_modules/XMLHttpRequest.js"} & set(read)


def test_each_library_comes_when_its_api_is_first_used(tmp_path):
    script = write_script(tmp_path, "uses.ts", """
        const key: string = `start-${Date.now()}`
        Keychain.set(key, "secret")
        console.log(Keychain.get(key))
        Keychain.remove(key)
        fetch("http://127.0.0.1:9/").catch(() => console.log("fetch failed"))
    """)
    # The keychain in tmp_path, its key in a file there (not this machine's keyring).
    output, loaded, _ = _run("run", script, env={DATA_ENVIRONMENT_VARIABLE: str(tmp_path / "data"),
                                              KEYRING_VARIABLE: "0"})
    assert output == "secret\nfetch failed\n"
    assert set(_DEFERRED) <= loaded


def test_a_host_program_still_gets_pythonmonkeys_own_modules_when_it_asks(tmp_path):
    """bridge.runtime keeps pythonmonkey's import from evaluating its JS modules
    (bridge/runtime/engine_import.py); a host program that imports it and then uses them, as
    globals or through pythonmonkey.require, still gets the real ones: here XMLHttpRequest (which
    the bridge removes from scripts, and whose helper imports aiohttp), setTimeout, console, atob
    and URL."""
    program = textwrap.dedent("""
        import asyncio, http.server, sys, threading
        import bridge.runtime
        import pythonmonkey as pm
        print("at start:", "aiohttp" in sys.modules, pm.eval("typeof globalThis['__core-js_shared__']"))

        class Hello(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Length", "5")
                self.end_headers()
                self.wfile.write(b"hello")
            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Hello)
        threading.Thread(target=server.serve_forever, daemon=True).start()

        async def main():
            get = pm.eval('''(XMLHttpRequest, url, done) => {
              const request = new XMLHttpRequest();
              request.open("GET", url);
              request.onload = () => setTimeout(() => done(request.status + " " + request.responseText), 1);
              request.onerror = () => done("failed");
              request.send();
            }''')
            url = f"http://127.0.0.1:{server.server_port}/"
            for XMLHttpRequest in (pm.eval("XMLHttpRequest"), pm.require("XMLHttpRequest").XMLHttpRequest):
                done = asyncio.get_running_loop().create_future()
                get(XMLHttpRequest, url, done.set_result)
                print(await asyncio.wait_for(done, 30))

        asyncio.run(main())
        pm.eval("console.log(atob('aGk='), new URL('b?c=1', 'http://a/').href)")
        print(pm.new(pm.require("url").URL)("http://a/../d").href)
    """)
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert (result.stdout.splitlines(), result.returncode) == (
        ["at start: False undefined", "200 hello", "200 hello", "hi http://a/b?c=1", "http://a/d"], 0), result.stderr
