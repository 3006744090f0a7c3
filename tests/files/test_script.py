"""Script: which script runs, its metadata, arguments from the command line, exit, URL schemes."""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys

from websockets.asyncio.client import connect

import bridge

from file_scripts import failed

CLI = [sys.executable, "-m", "bridge"]


def cli(*args, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout)


async def test_a_script_folder_names_the_script_and_its_metadata_defaults(scripts):
    (result,) = await scripts.run("""
        out([Script.name, Script.directory, Script.env, Script.widgetParameter, Script.metadata, Script.queryParameters])
    """, name="My Tool/index.js")
    assert result == ["My Tool", str(scripts.folder / "My Tool"), "index", "", {
        "name": "My Tool", "icon": "doc.text", "iconImage": None, "color": "systemBlue",
        "localizedName": "My Tool", "localizedDescription": "", "version": "1.0.0"}, {}]


async def test_a_file_is_named_by_its_file_and_script_json_fills_the_metadata(scripts):
    (scripts.folder / "script.json").write_text(json.dumps({
        "name": "Pretty", "version": "2.1.0", "description": "does things", "color": "#FF0000",
        "author": {"name": "Ann", "email": None, "homepage": None}}))
    (result,) = await scripts.run("out([Script.name, Script.metadata])", name="server.ts")
    assert result[0] == "server"
    assert result[1] == {"name": "Pretty", "icon": "doc.text", "iconImage": None, "color": "#FF0000",
                         "localizedName": "Pretty", "localizedDescription": "does things",
                         "version": "2.1.0", "description": "does things",
                         "author": {"name": "Ann", "email": None, "homepage": None}}


async def test_a_broken_script_json_is_an_error_naming_it_when_read(scripts):
    (scripts.folder / "script.json").write_text("{ not json")
    (result,) = await scripts.run("out([Script.name, attempt(() => Script.metadata)][1])")
    failed(result, "Script.metadata", str(scripts.folder / "script.json"))
    (scripts.folder / "script.json").write_text("[1]")
    (result,) = await scripts.run("out(attempt(() => Script.metadata))")
    failed(result, "must hold a JSON object")


async def test_url_schemes_are_the_app_strings(scripts):
    (result,) = await scripts.run("""
        out([Script.createDocumentationURLScheme(), Script.createDocumentationURLScheme("Quick Start"),
             Script.createOpenURLScheme("example_script"),
             Script.createRunURLScheme("Script A", { param1: 1, "b&c": "x y=z" }),
             Script.createRunURLScheme("example_script"),
             Script.createRunSingleURLScheme("example_script", { a: "1", b: "2" }),
             Script.createOAuthCallbackURLScheme("github"),
             Script.createImportScriptsURLScheme(["https://example.com/a.zip"]),
             attempt(() => Script.createOpenURLScheme(1))])
    """)
    assert result[:8] == [
        "scripting://doc", "scripting://doc?title=Quick%20Start", "scripting://open/example_script",
        "scripting://run/Script%20A?param1=1&b%26c=x%20y%3Dz", "scripting://run/example_script",
        "scripting://run_single/example_script?a=1&b=2", "scripting://oauth_callback/github",
        "scripting://import_scripts?urls=%5B%22https%3A%2F%2Fexample.com%2Fa.zip%22%5D"]
    assert result[8] == {"error": "TypeError",
                         "message": "Script.createOpenURLScheme: scriptName must be a string, got number"}


async def test_the_phone_only_members_answer_or_fail_clearly(scripts):
    results = await scripts.run("""
        out([Script.supportsMinimization(), Script.isMinimized(), await Script.minimize(), Script.hasFullAccess()])
        out([Script.enableMinimize(), typeof Script.onMinimize(() => 1), typeof Script.onResume(() => 1),
             typeof Script.onHomeTabEvent(() => 1)])
        out(attempt(() => Script.onResume(5)))
        out(await Script.run({ name: "no such script" }))
        out(await Script.requestAccess(["calendar"]))
        out(await attemptAsync(() => Script.requestAccess([])))
    """)
    assert results[0] == [False, False, False, True]
    assert results[1] == [None, "function", "function", "function"]
    assert results[2] == {"error": "TypeError", "message": "Script.onResume: callback must be a function, got number"}
    assert results[3] is None
    assert results[4] == []
    assert results[5] == {"error": "TypeError", "message": "Script.requestAccess: apis must not be empty"}


def test_query_parameters_from_the_command_line_keep_their_types(tmp_path):
    script = tmp_path / "show.ts"
    script.write_text("const q: Record<string, any> = Script.queryParameters\n"
                      "console.log(JSON.stringify(Object.entries(q).map(([k, v]) => [k, v, typeof v])))\n")
    typed = cli("run", script, "--queryparameters", '{"enabled":true,"count":1,"none":null,"list":[1,"a"],"o":{"x":2}}')
    assert typed.returncode == 0, typed.stderr
    assert json.loads(typed.stdout) == [["enabled", True, "boolean"], ["count", 1, "number"],
                                        ["none", None, "object"], ["list", [1, "a"], "object"],
                                        ["o", {"x": 2}, "object"]]
    strings = cli("run", script, "--", "count=1", "name=a=b", "empty=", "ünï=☃")
    assert strings.returncode == 0, strings.stderr
    assert json.loads(strings.stdout) == [["count", "1", "string"], ["name", "a=b", "string"],
                                          ["empty", "", "string"], ["ünï", "☃", "string"]]
    both = cli("run", script, "--queryparameters", '{"a": 1, "b": 2}', "--", "b=3")
    assert json.loads(both.stdout) == [["a", 1, "number"], ["b", "3", "string"]]


def test_a_bad_command_line_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    first = tmp_path / "first.js"
    first.write_text(f"FileManager.writeAsStringSync({json.dumps(str(marker))}, 'yes')\n")
    for args, complaint in [
        ([first, "--", "second.js"], "'second.js' after `--` is not key=value (scripts go before `--`)"),
        ([first, "--", "=value"], "is not key=value"),
        ([first, tmp_path / "missing.ts"], f"{tmp_path / 'missing.ts'}: cannot read the script: no such file"),
        ([first, "--queryparameters", "[1, 2]"], "must be a JSON object"),
        ([first, "--queryparameters", "{oops"], "not JSON"),
    ]:
        done = cli("run", *args)
        assert done.returncode == (1 if "missing.ts" in complaint else 2), done
        assert complaint in done.stderr
        assert not marker.exists()
    usage = cli("run", "--help")
    assert "script [script ...] [-- key=value ...]" in usage.stdout
    assert "Every argument before `--` is a script" in usage.stdout


def test_exit_ends_the_run_with_status_0_and_prints_the_result(tmp_path):
    script = tmp_path / "serve.js"
    script.write_text("""
        const server = new HttpServer()
        server.start({ port: 0 })
        setInterval(() => {}, 1000)
        setTimeout(() => Script.exit({ port: server.port > 0, state: server.state }), 50)
    """)
    done = cli("run", script, timeout=30)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"port": True, "state": "running"}
    text = tmp_path / "text.js"
    text.write_text("Script.exit('plain words')\nconsole.log('still runs to the end of this job')\n")
    done = cli("run", text)
    assert (done.returncode, done.stdout) == (0, "still runs to the end of this job\nplain words\n")
    (tmp_path / "exit.js").write_text("Script.exit()")
    done = cli("run", tmp_path / "exit.js")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    (tmp_path / "bad.js").write_text("Script.exit(() => 1)")
    done = cli("run", tmp_path / "bad.js")
    assert done.returncode == 1 and "Script.exit: result must be a value JSON can hold" in done.stderr


async def test_exit_closes_the_servers_sessions_gracefully():
    stdout = io.StringIO()
    async with bridge.Runtime(stdout=stdout, stderr=io.StringIO()) as runtime:
        await runtime.run_source("""
            const server = new HttpServer()
            server.registerWebsocket("/", {
              handleText: (session, text) => Script.exit(text),
              onDisconnected: () => console.log("disconnected"),
            })
            server.start({ port: 0 })
        """, "server.js")
        async with connect(f"ws://127.0.0.1:{runtime.servers[0].port}/") as client:
            await client.send("bye")
            await asyncio.wait_for(runtime.idle(), 10)  # returns: Script.exit was called
            assert runtime.exit_result == "bye"
            await runtime.close()
            await asyncio.wait_for(client.wait_closed(), 10)
            assert client.close_code == 1001
    assert stdout.getvalue() == "disconnected\n"


def test_names_and_folders_of_a_script_folder_its_index_and_a_single_file(tmp_path):
    from bridge.files.script import script_directory, script_name, scripts_directory

    folder = tmp_path / "My Script"
    folder.mkdir()
    for entry in (folder, folder / "index.tsx"):
        assert (script_name(entry), script_directory(entry), scripts_directory(entry)) == (
            "My Script", folder, tmp_path)
    single = tmp_path / "tool.ts"
    assert (script_name(single), script_directory(single), scripts_directory(single)) == (
        "tool", tmp_path, tmp_path)


def test_script_run_runs_a_sibling_and_gets_its_exit_result(tmp_path):
    """The declaration's example: Script B runs Script A, which exits with a result."""
    (tmp_path / "Script A").mkdir()
    (tmp_path / "Script A" / "index.ts").write_text(
        "console.log('A runs with', JSON.stringify(Script.queryParameters))\n"
        "Script.exit(\n  Script.queryParameters[\"name\"] + '123'\n)\n")
    (tmp_path / "quiet.js").write_text("console.error('no result from me')\n")
    (tmp_path / "broken.js").write_text("throw new Error('broken on purpose')\n")
    (tmp_path / "Script B").mkdir()
    (tmp_path / "Script B" / "index.ts").write_text("""
        async function run() {
          const result = await Script.run({
            name: 'Script A',
            queryParameters: {
              name: 'AAAA',
            }
          })
          console.log(result) // output: AAAA123
        }
        await run()
        console.log(await Script.run({ name: "quiet" }), await Script.run({ name: "missing" }))
        try { await Script.run({ name: "broken" }) } catch (e) { console.log(e.message) }
        """)
    done = cli("run", tmp_path / "Script B" / "index.ts")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ['A runs with {"name":"AAAA"}', "AAAA123", "null null",
                                        'Script.run: the script "broken" failed (exit status 1)']
    assert "no result from me" in done.stderr and "broken on purpose" in done.stderr


def test_single_mode_ends_the_instance_already_running(tmp_path):
    (tmp_path / "worker.js").write_text(
        "if (Script.queryParameters.quick) Script.exit('done')\nelse setInterval(() => {}, 1000)\n")
    (tmp_path / "main.js").write_text("""
        const first = Script.run({ name: "worker", singleMode: true })
        await new Promise((resolve) => setTimeout(resolve, 200))
        const second = Script.run({ name: "worker", singleMode: true, queryParameters: { quick: true } })
        console.log(await first, await second)
        """)
    done = cli("run", tmp_path / "main.js", timeout=60)
    assert (done.returncode, done.stdout) == (0, "null done\n"), done.stderr
