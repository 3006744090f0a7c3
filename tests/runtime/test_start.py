"""What a cold start loads: a library the bridge uses for one API is imported when a script
first uses that API, not at start (docs/benchmarks.md, "Where the time goes at start")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from helpers import write_script

from bridge.files.locations import DATA_ENVIRONMENT_VARIABLE
from bridge.storage.keychain_key import KEYRING_VARIABLE

# `python -m bridge ARGS`, then the top-level packages loaded by the end, on stderr's last line.
_PROBE = textwrap.dedent("""
    import atexit, json, runpy, sys
    atexit.register(lambda: sys.stderr.write(
        "\\nLOADED " + json.dumps(sorted({name.split(".")[0] for name in sys.modules})) + "\\n"))
    sys.argv = ["bridge", *sys.argv[1:]]
    runpy.run_module("bridge", run_name="__main__", alter_sys=True)
""")

# Each is imported only by the API that needs it (aiohttp by fetch, and by pythonmonkey's
# XMLHttpRequest, which the bridge removes); tree_sitter only for a file to erase or transform.
_DEFERRED = ("aiohttp", "yarl", "tree_sitter", "tree_sitter_typescript", "cryptography")


def _run(*args, env: dict | None = None) -> tuple[str, set[str]]:
    result = subprocess.run([sys.executable, "-c", _PROBE, *map(str, args)], capture_output=True,
                            text=True, timeout=120, env=None if env is None else {**os.environ, **env})
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stderr.rsplit("LOADED ", 1)[1])
    return result.stdout, set(loaded)


def test_a_plain_script_starts_without_the_libraries_it_does_not_use(tmp_path):
    script = write_script(tmp_path, "plain.js", """
        const server = new HttpServer()
        server.registerHandler("/hello", () => new HttpResponse("hi"))
        console.log(typeof fetch, typeof Keychain, Data.fromRawString("hi").size)
    """)
    output, loaded = _run("run", script)
    assert output == "function object 2\n"
    assert loaded.isdisjoint(_DEFERRED), sorted(loaded.intersection(_DEFERRED))


def test_each_library_comes_when_its_api_is_first_used(tmp_path):
    script = write_script(tmp_path, "uses.ts", """
        const key: string = `start-${Date.now()}`
        Keychain.set(key, "secret")
        console.log(Keychain.get(key))
        Keychain.remove(key)
        fetch("http://127.0.0.1:9/").catch(() => console.log("fetch failed"))
    """)
    # The keychain in tmp_path, its key in a file there (not this machine's keyring).
    output, loaded = _run("run", script, env={DATA_ENVIRONMENT_VARIABLE: str(tmp_path / "data"),
                                              KEYRING_VARIABLE: "0"})
    assert output == "secret\nfetch failed\n"
    assert set(_DEFERRED) <= loaded


def test_pythonmonkeys_xmlhttprequest_still_works_when_its_helper_loads_late(tmp_path):
    """bridge.runtime stands in for the helper pythonmonkey's XMLHttpRequest imports aiohttp
    for (bridge/runtime/engine_import.py); XMLHttpRequest, which the bridge removes from
    scripts, still works for a host program that asks pythonmonkey for it."""
    program = textwrap.dedent("""
        import asyncio, http.server, sys, threading
        import bridge.runtime
        import pythonmonkey as pm
        print("aiohttp at start:", "aiohttp" in sys.modules)

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
            done = asyncio.get_running_loop().create_future()
            pm.eval('''(XMLHttpRequest, url, done) => {
              const request = new XMLHttpRequest();
              request.open("GET", url);
              request.onload = () => done(request.status + " " + request.responseText);
              request.onerror = () => done("failed");
              request.send();
            }''')(pm.require("XMLHttpRequest").XMLHttpRequest, f"http://127.0.0.1:{server.server_port}/",
                  done.set_result)
            print(await asyncio.wait_for(done, 30))

        asyncio.run(main())
    """)
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert (result.stdout, result.returncode) == ("aiohttp at start: False\n200 hello\n", 0), result.stderr
