"""Storage and Keychain: values that survive the process, kept where README.md says, and
state written by a process that is killed (SIGKILL) is all there for the next one."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

from helpers import REPO


async def test_storage_keeps_json_values_and_data_under_keys(scripts):
    out = await scripts.run("""
    out([Storage.set("object", { a: [1, "two", null], b: { c: true } }), Storage.set("number", 2.5),
         Storage.set("text", "héllo ✓"), Storage.set("flag", false), Storage.set("nothing", null)])
    out([Storage.get("object"), Storage.get("number"), Storage.get("text"), Storage.get("flag"), Storage.get("nothing"),
         Storage.get("missing")])
    const cyclic = {}; cyclic.self = cyclic
    out([Storage.set("undefined", undefined), Storage.set("function", () => 1), Storage.set("cyclic", cyclic),
         Storage.contains("undefined")])
    Storage.setData("bytes", Data.fromIntArray([0, 1, 255]))
    out([Storage.getData("bytes").toIntArray(), Storage.get("bytes"), Storage.getData("number"), Storage.getData("missing")])
    Storage.set("number", 3)
    out([Storage.get("number"), Storage.contains("bytes"), Storage.keys()])
    Storage.remove("bytes")
    Storage.remove("never there")
    out([Storage.contains("bytes"), Storage.keys().length])
    Storage.clear()
    out(Storage.keys())
    """)
    assert out == [
        [True, True, True, True, True],
        [{"a": [1, "two", None], "b": {"c": True}}, 2.5, "héllo ✓", False, None, None],
        [False, False, False, False],
        [[0, 1, 255], None, None, None],
        [3, True, ["bytes", "flag", "nothing", "number", "object", "text"]],
        [False, 5],
        [],
    ]


async def test_each_script_has_its_own_storage_and_all_share_the_shared_one(scripts):
    await scripts.run('Storage.set("mine", "first"); Storage.set("common", "from first", { shared: true })', "first.js")
    out = await scripts.run("""
    out([Storage.get("mine"), Storage.get("common", { shared: true }), Storage.contains("common"), Storage.keys()])
    """, "second.js")
    assert out == [[None, "from first", False, []]]
    data = scripts.folder / "data"
    with sqlite3.connect(data / "scripts" / "first" / "storage.sqlite") as reference:
        assert reference.execute("SELECT key, value FROM entries").fetchall() == [("mine", '"first"')]
    assert (data / "shared" / "storage.sqlite").is_file()


async def test_wrong_arguments_name_the_member(scripts):
    out = await scripts.run("""
    for (const attempt of [() => Storage.set(1, "x"), () => Storage.setData("k", "not data"), () => Storage.get("k", 5),
                           () => Keychain.set("k", 5), () => Keychain.setBool("k", "yes"), () => Keychain.get(null)]) {
      try { attempt(); out("no error") } catch (error) { out(`${error.name}: ${error.message}`) }
    }
    """)
    assert out == [
        "TypeError: Storage.set: key must be a string, got number",
        "TypeError: Storage.setData: data must be a Data, got string",
        "TypeError: Storage.get: options must be an object, got number",
        "TypeError: Keychain.set: value must be a string, got number",
        "TypeError: Keychain.setBool: value must be a boolean, got string",
        "TypeError: Keychain.get: key must be a string, got null",
    ]


async def test_keychain_items_are_encrypted_in_files_only_the_user_can_read(scripts, monkeypatch):
    monkeypatch.setenv("SCRIPTING_BRIDGE_KEYRING", "0")  # the key file, whatever this machine has
    secret = "tok_0123456789abcdef"
    out = await scripts.run(f"""
    const options = {{ accessibility: "whatever iOS says", synchronizable: true }}
    out([Keychain.set("token", {secret!r}, options), Keychain.setBool("enabled", true), Keychain.setBool("off", false),
         Keychain.setData("blob", Data.fromIntArray([200, 201]))])
    out([Keychain.get("token"), Keychain.get("enabled"), Keychain.getBool("enabled"), Keychain.getBool("off"),
         Keychain.getBool("token"), Keychain.get("blob"), Keychain.getData("blob").toIntArray(),
         Keychain.getData("token").toRawString(), Keychain.get("missing"), Keychain.getBool("missing"),
         Keychain.getData("missing")])
    out([Keychain.contains("token", options), Keychain.keys(options), Keychain.remove("token"), Keychain.remove("token"),
         Keychain.contains("token")])
    Keychain.set("token", {secret!r})
    """)
    assert out == [
        [True, True, True, True],
        [secret, "true", True, False, None, None, [200, 201], secret, None, None, None],
        [True, ["blob", "enabled", "off", "token"], True, False, False],
    ]
    folder = scripts.folder / "data" / "keychain"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("keychain.sqlite", "key"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    assert secret.encode() not in (folder / "keychain.sqlite").read_bytes()
    # Another script of the same user sees the same keychain.
    out = await scripts.run('out([Keychain.get("token"), Keychain.clear(), Keychain.keys()])', "other.js")
    assert out == [[secret, True, []]]


async def test_a_keychain_whose_key_was_replaced_says_so(scripts, monkeypatch):
    monkeypatch.setenv("SCRIPTING_BRIDGE_KEYRING", "0")
    await scripts.run('Keychain.set("token", "value")')
    (scripts.folder / "data" / "keychain" / "key").write_bytes(b"qqf1S3a5Xb1Jy7nJvVbE4wS7kq6m9ERNRZ3b2eS0mA8=")
    out = await scripts.run('try { Keychain.get("token") } catch (error) { out(error.message) }')
    assert out == ["Keychain: the item 'token' cannot be decrypted with this machine's key "
                   "(was the key file or keyring entry replaced?)"]


STATE_SCRIPT = """
const mode = Script.queryParameters.mode
const db = SQLite.open(Path.join(FileManager.documentsDirectory, "state.sqlite"))
if (mode === "write") {
  await db.execute("CREATE TABLE IF NOT EXISTS notes (text TEXT)")
  for (let i = 0; i < 50; i++) {
    Storage.set(`key ${i}`, { i })
    Keychain.set(`secret ${i}`, `value ${i}`)
    await db.execute("INSERT INTO notes VALUES (?)", [`note ${i}`])
  }
  console.log("written")
  setInterval(() => {}, 1000)  // stays up until it is killed
} else {
  const notes = await db.fetchAll("SELECT text FROM notes")
  console.log(JSON.stringify([Storage.keys().length, Storage.get("key 49"), Keychain.keys().length,
                              Keychain.get("secret 49"), notes.length, notes[49].text]))
}
"""


def _environment(data: Path) -> dict:
    return {**os.environ, "SCRIPTING_BRIDGE_DATA": str(data), "SCRIPTING_BRIDGE_KEYRING": "0",
            "PYTHONPATH": str(REPO)}


def test_state_written_before_a_sigkill_is_all_there_for_the_next_process(tmp_path):
    script = tmp_path / "state.js"
    script.write_text(STATE_SCRIPT, encoding="utf-8")
    environment = _environment(tmp_path / "data")
    writer = subprocess.Popen([sys.executable, "-m", "bridge", "run", str(script), "--", "mode=write"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment, cwd=REPO)
    try:
        assert writer.stdout.readline() == "written\n", writer.stderr.read()
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    reader = subprocess.run([sys.executable, "-m", "bridge", "run", str(script), "--", "mode=read"],
                            capture_output=True, text=True, env=environment, cwd=REPO, timeout=60)
    assert (reader.returncode, reader.stderr) == (0, "")
    assert reader.stdout == '[50,{"i":49},50,"value 49",50,"note 49"]\n'


def test_processes_opening_and_writing_the_same_new_storage_at_once_lose_nothing(tmp_path):
    """Four processes make the same new database at once (its switch to WAL takes an exclusive
    lock, which SQLite does not wait for by itself), then write 300 values each."""
    folder = tmp_path / "shared-writer"
    folder.mkdir()
    (folder / "index.js").write_text("""
    const prefix = Script.queryParameters.prefix
    for (let i = 0; i < 300; i++) Storage.set(`${prefix} ${i}`, i)
    console.log(Storage.keys().filter((key) => key.startsWith(prefix)).length)
    """, encoding="utf-8")
    environment = _environment(tmp_path / "data")
    writers = [subprocess.Popen([sys.executable, "-m", "bridge", "run", str(folder / "index.js"), "--", f"prefix={p}"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment, cwd=REPO)
               for p in ("a", "b", "c", "d")]
    deadline = time.monotonic() + 120
    results = [writer.communicate(timeout=max(1, deadline - time.monotonic())) for writer in writers]
    assert [(writer.returncode, stderr) for writer, (_, stderr) in zip(writers, results)] == [(0, "")] * 4
    assert [stdout for stdout, _ in results] == ["300\n"] * 4
    with sqlite3.connect(tmp_path / "data" / "scripts" / "shared-writer" / "storage.sqlite") as reference:
        assert reference.execute("SELECT count(*) FROM entries").fetchone() == (1200,)


def _start_notes(data: Path) -> tuple[subprocess.Popen, str, str]:
    process = subprocess.Popen([sys.executable, "-m", "bridge", "run", "js_examples/notes_sqlite.ts", "--", "port=0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_environment(data),
                               cwd=REPO)
    token = process.stdout.readline().rpartition(": ")[2].strip()
    url = process.stdout.readline().rpartition(" ")[2].strip()
    assert url.startswith("http://localhost:"), process.stderr.read() if process.poll() is not None else url
    return process, token, url


def test_the_notes_sample_keeps_its_notes_and_token_across_a_sigkill(tmp_path):
    import json
    import urllib.error
    import urllib.request

    def post(url: str, text: str, token: str) -> int:
        request = urllib.request.Request(url, data=text.encode(), method="POST",
                                         headers={"authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    process, token, url = _start_notes(tmp_path / "data")
    try:
        assert [post(url, "buy milk", token), post(url, "call bob", token), post(url, "x", "wrong")] == [201, 201, 401]
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    process, same_token, url = _start_notes(tmp_path / "data")
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            listing = json.loads(response.read())
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
    assert same_token == token
    assert listing["visits"] == 4
    assert [note["text"] for note in listing["notes"]] == ["buy milk", "call bob"]
    assert all(len(note["created"]) == len("2024-01-02 03:04:05.678") for note in listing["notes"])


def test_processes_opening_the_same_new_wal_databases_at_once_wait_for_each_other(tmp_path):
    """SQLite.open with journalMode "wal" and a busyMode waits for the switch's lock (wal.py):
    four processes open twenty new databases together, each at the same instant."""
    script = tmp_path / "open_wal.js"
    script.write_text("""
    const { start, folder, who } = Script.queryParameters
    for (let k = 0; k < 20; k++) {
      while (Date.now() < Number(start) + k * 100) {}  // every process opens database k at once
      const db = SQLite.open(`${folder}/db${k}.sqlite`, { journalMode: "wal", busyMode: 10 })
      await db.execute("CREATE TABLE IF NOT EXISTS t (who TEXT)")
      await db.execute("INSERT INTO t VALUES (?)", [who])
    }
    console.log("done")
    """, encoding="utf-8")
    start = int(time.time() * 1000) + 5000  # after every process has started
    processes = [subprocess.Popen([sys.executable, "-m", "bridge", "run", str(script), "--", f"start={start}",
                                   f"folder={tmp_path}", f"who={who}"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=_environment(tmp_path / "data"), cwd=REPO)
                 for who in "abcd"]
    deadline = time.monotonic() + 120
    results = [process.communicate(timeout=max(1, deadline - time.monotonic())) for process in processes]
    assert [(process.returncode, stdout, stderr) for process, (stdout, stderr) in zip(processes, results)] == \
        [(0, "done\n", "")] * 4
    for k in range(20):
        with sqlite3.connect(tmp_path / f"db{k}.sqlite") as reference:
            assert reference.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert reference.execute("SELECT who FROM t ORDER BY who").fetchall() == [("a",), ("b",), ("c",), ("d",)]
