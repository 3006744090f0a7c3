"""`run`'s exit status and what it says about servers; --version, --help, stdin and -e."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

from .clihelp import ENV, run, script


def test_a_server_that_cannot_start_is_reported_and_the_run_exits_1(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        path = script(tmp_path, "busy.ts", f"""
            const server = new HttpServer()
            server.listenAddressIPv4 = "127.0.0.1"
            server.start({{ port: {port} }})
            """)
        result = run("run", path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{path}:3:8: HttpServer.start: cannot listen on port {port}: the address is already in use",
        f"  3 | server.start({{ port: {port} }})",
        "    |        ^",
        f"    at {path}:3:8"]


def test_each_started_server_says_where_it_listens_unless_quiet(tmp_path):
    path = script(tmp_path, "two.js", """
        const local = new HttpServer()
        local.listenAddressIPv4 = "127.0.0.1"  // honoured without forceIPv4
        local.start({ port: 0 })
        const everywhere = new HttpServer()
        everywhere.start({ port: 0 })
        console.log(local.port, everywhere.port)
        setTimeout(() => { local.stop(); everywhere.stop() }, 50)
        """)
    result = run("run", path)
    assert result.returncode == 0, result.stderr
    local, everywhere = result.stdout.split()
    assert result.stderr.splitlines() == [f"listening on http://127.0.0.1:{local}",
                                          f"listening on http://[::]:{everywhere}"]
    quiet = run("run", "--quiet", path)
    assert (quiet.returncode, quiet.stderr) == (0, "")


def test_version_names_the_package_pythonmonkey_spidermonkey_and_the_event_loop():
    result = run("--version")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["scripting-bridge", "pythonmonkey", "SpiderMonkey", "event"]
    assert lines[1] == "pythonmonkey 1.4.1"
    assert lines[2].startswith("SpiderMonkey 136.")
    assert lines[3].startswith("event loop: uvloop 0.")  # a dependency: the default


def test_the_event_loop_is_chosen_by_the_environment(tmp_path):
    path = script(tmp_path, "served.js", """
        const server = new HttpServer()
        server.listenAddressIPv4 = "127.0.0.1"
        server.start({ port: 0 })
        fetch(`http://127.0.0.1:${server.port}/missing`).then((r) => { console.log(r.status); server.stop() })
        """)
    on_asyncio = run("run", "--quiet", path, env={**ENV, "SCRIPTING_BRIDGE_LOOP": "asyncio"})
    assert (on_asyncio.returncode, on_asyncio.stdout, on_asyncio.stderr) == (0, "404\n", "")
    assert run("--version", env={**ENV, "SCRIPTING_BRIDGE_LOOP": "asyncio"}).stdout.splitlines()[3] == "event loop: asyncio"
    wrong = run("run", path, env={**ENV, "SCRIPTING_BRIDGE_LOOP": "trio"})
    assert wrong.returncode == 2
    assert wrong.stderr.splitlines()[-1] == ("scripting-bridge: error: SCRIPTING_BRIDGE_LOOP='trio': "
                                             "expected one of uvloop, asyncio")


def test_help_has_examples_and_does_not_load_the_engine():
    code = ("import sys, runpy\nsys.argv = ['scripting-bridge', '--help']\n"
            "try:\n    runpy.run_module('bridge', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('engine loaded' if 'pythonmonkey' in sys.modules else 'engine not loaded')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "examples:" in result.stdout
    assert "scripting-bridge run --watch server.ts" in result.stdout
    assert result.stdout.rstrip().endswith("engine not loaded")


def test_a_script_from_stdin_and_from_dash_e(tmp_path):
    js = run("run", "-", stdin="console.log('from stdin', 1 + 1)\n")
    assert (js.returncode, js.stdout) == (0, "from stdin 2\n")
    ts = run("run", "--ext", "ts", "-", stdin="const n: number = 2\nconsole.log(n * 3)\n")
    assert (ts.returncode, ts.stdout) == (0, "6\n")
    piped = run(stdin="console.log('piped, no command')\n")  # as `... | node`: not the prompt
    assert (piped.returncode, piped.stdout) == (0, "piped, no command\n")
    fails = run("run", "-", stdin="\nthrow new Error('bad input')\n")
    assert fails.returncode == 1
    assert fails.stderr.splitlines()[:3] == ["[stdin]:2:7: Uncaught Error: bad input",
                                             "  2 | throw new Error('bad input')", "    |       ^"]
    evaluated = run("-e", "console.log(JSON.stringify(Data.fromString('hi')?.toHexString()))")
    assert (evaluated.returncode, evaluated.stdout) == (0, json.dumps("6869") + "\n")


def test_reports_show_the_line_with_a_caret_and_a_bom_is_no_column(tmp_path):
    path = tmp_path / "bom.js"
    path.write_text("\ufeffsetTimeout(() => {\n\tnull.x\n}, 1); throw new RangeError('first line')\n",
                    encoding="utf-8")
    result = run("run", path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:3] == [
        f"{path}:3:14: Uncaught RangeError: first line",
        "  3 | }, 1); throw new RangeError('first line')",
        "    |              ^"]
    first_line = tmp_path / "first.js"
    first_line.write_text("\ufeffnull.x\n", encoding="utf-8")
    result = run("run", first_line)
    assert result.stderr.splitlines()[:3] == [  # column 1, not 2
        f"{first_line}:1:1: Uncaught TypeError: can't access property \"x\" of null",
        "  1 | null.x",
        "    | ^"]
    tab = tmp_path / "tab.js"
    tab.write_text("setTimeout(() => {\n\tnull.x\n}, 1)\n", encoding="utf-8")
    result = run("run", tab)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:3] == [  # the caret's indent keeps the tab
        f"{tab}:2:2: Uncaught TypeError: can't access property \"x\" of null",
        "  2 | \tnull.x",
        "    | \t^"]


def test_a_slow_anonymous_callback_is_named_by_where_it_was_set(tmp_path):
    path = script(tmp_path, "slow.ts", """
        const hold = (ms: number) => { const until = Date.now() + ms; while (Date.now() < until) {} }
        setTimeout(() => hold(600), 1)
        """)
    result = run("run", path)
    assert result.returncode == 0
    assert result.stderr.startswith(f"scripting-bridge: the setTimeout callback from {path}:2:11 ran for ")


async def test_a_slow_websocket_handler_is_named_by_its_route_and_where_it_was_registered(tmp_path):
    import asyncio

    from websockets.asyncio.client import connect

    from .clihelp import line, start

    path = script(tmp_path, "slow_ws.js", """
        const server = new HttpServer()
        server.registerWebsocket("/slow", {
          handleText: () => { const until = Date.now() + 600; while (Date.now() < until) {} },
        })
        server.start({ port: 0 })
        console.log(server.port)
        """)
    process = await start("run", "--quiet", path)
    try:
        port = int(await line(process.stdout))
        async with connect(f"ws://127.0.0.1:{port}/slow") as client:
            await client.send("go")
            warning = await line(process.stderr)
        assert warning.startswith(f"scripting-bridge: handleText of the WebSocket route /slow registered "
                                  f"at {path}:2:8 ran for ")
        process.terminate()
        assert await asyncio.wait_for(process.wait(), 10) == 143
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def test_listen_address_ipv6_alone_listens_there_only(tmp_path):
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        import pytest
        pytest.skip("no IPv6 loopback on this machine")
    path = script(tmp_path, "v6.js", """
        const server = new HttpServer()
        server.listenAddressIPv6 = "::1"
        server.start({ port: 0 })
        console.log(server.port, server.isIPv4)
        setTimeout(() => server.stop(), 50)
        """)
    result = run("run", path)
    assert result.returncode == 0, result.stderr
    port, is_ipv4 = result.stdout.split()
    assert (result.stderr, is_ipv4) == (f"listening on http://[::1]:{port}\n", "false")
