"""SQLite: every member of SQLite.Database against Python's sqlite3 reading the same file."""

from __future__ import annotations

import sqlite3

import pytest

VALUES_TABLE = """
const db = SQLite.open("values.sqlite")
await db.execute("CREATE TABLE v (id INTEGER PRIMARY KEY, text TEXT, whole INTEGER, real REAL, flag INTEGER, blob BLOB, at TEXT, absent TEXT)")
"""


async def test_values_of_every_kind_are_stored_as_sqlite3_reads_them_and_come_back(scripts):
    out = await scripts.run(VALUES_TABLE + """
    await db.execute("INSERT INTO v (text, whole, real, flag, blob, at, absent) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ["héllo ✓", 42, 2.5, true, Data.fromIntArray([0, 255, 7]), new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)), null])
    await db.execute("INSERT INTO v (text, real, flag) VALUES (:text, @real, $flag)", { text: "named", real: -Infinity, flag: false })
    const rows = await db.fetchAll("SELECT * FROM v ORDER BY id")
    out(rows.map((row) => Object.entries(row).map(([name, value]) =>
      [name, value instanceof Data ? ["Data", value.toIntArray()] : value === -Infinity ? "-Infinity" : value])))
    """)
    assert out == [[
        [["id", 1], ["text", "héllo ✓"], ["whole", 42], ["real", 2.5], ["flag", 1], ["blob", ["Data", [0, 255, 7]]],
         ["at", "2024-01-02 03:04:05.678"], ["absent", None]],
        [["id", 2], ["text", "named"], ["whole", None], ["real", "-Infinity"], ["flag", 0], ["blob", None],
         ["at", None], ["absent", None]],
    ]]
    with sqlite3.connect(scripts.folder / "values.sqlite") as reference:
        assert reference.execute("SELECT text, whole, real, flag, blob, at FROM v WHERE id = 1").fetchone() == (
            "héllo ✓", 42, 2.5, 1, b"\x00\xff\x07", "2024-01-02 03:04:05.678")
        assert reference.execute("SELECT real FROM v WHERE id = 2").fetchone() == (float("-inf"),)


async def test_an_injection_attempt_through_a_parameter_stays_data(scripts):
    attack = "x'); DROP TABLE v; --"
    out = await scripts.run(VALUES_TABLE + f"""
    await db.execute("INSERT INTO v (text) VALUES (?)", [{attack!r}])
    out(await db.fetchAll("SELECT text FROM v WHERE text = :t", {{ t: {attack!r} }}))
    out(await db.tableExists("v"))
    """)
    assert out == [[{"text": attack}], True]


async def test_fetch_all_set_and_one(scripts):
    out = await scripts.run(VALUES_TABLE + """
    for (const text of ["b", "a", "b", "c"]) await db.execute("INSERT INTO v (text) VALUES (?)", [text])
    out(await db.fetchAll("SELECT text FROM v ORDER BY id"))
    out(await db.fetchSet("SELECT text FROM v ORDER BY id"))
    out(await db.fetchOne("SELECT text FROM v ORDER BY text"))
    out(await db.fetchOne("SELECT text FROM v WHERE text = ?", ["none"]))
    out(await db.fetchAll("SELECT text FROM v WHERE 0"))
    """)
    assert out == [[{"text": "b"}, {"text": "a"}, {"text": "b"}, {"text": "c"}],
                   [{"text": "b"}, {"text": "a"}, {"text": "c"}], {"text": "a"}, None, []]


async def test_execute_runs_a_script_of_statements_without_arguments(scripts):
    out = await scripts.run("""
    const db = SQLite.open("script.sqlite")
    await db.execute("CREATE TABLE a (x TEXT); INSERT INTO a VALUES ('semi;colon'); CREATE TABLE b (y); ")
    out(await db.fetchAll("SELECT x FROM a"))
    out([await db.tableExists("a"), await db.tableExists("B"), await db.tableExists("c")])
    try { await db.execute("INSERT INTO a VALUES (?); INSERT INTO a VALUES (?)", ["1", "2"]) }
    catch (error) { out(error.message) }
    """)
    assert out[:2] == [[{"x": "semi;colon"}], [True, True, False]]
    assert "one statement at a time" in out[2]


async def test_a_failing_step_rolls_the_whole_transaction_back(scripts):
    out = await scripts.run(VALUES_TABLE + """
    await db.transaction([
      { sql: "INSERT INTO v (text) VALUES (?)", args: ["one"] },
      { sql: "INSERT INTO v (text) VALUES (:t)", args: { t: "two" } },
    ], { kind: "immediate" })
    await db.transaction({ sql: "INSERT INTO v (text) VALUES ('three')" })
    try {
      await db.transaction([{ sql: "INSERT INTO v (text) VALUES ('four')" }, { sql: "INSERT INTO nowhere VALUES (1)" }])
    } catch (error) { out(error.message) }
    out((await db.fetchAll("SELECT text FROM v ORDER BY id")).map((row) => row.text))
    try { await db.transaction([], { kind: "sometimes" }) } catch (error) { out(`${error.name}: ${error.message}`) }
    """)
    assert out[0] == "SQLite error 1: no such table: nowhere - while executing `INSERT INTO nowhere VALUES (1)`"
    assert out[1] == ["one", "two", "three"]
    assert out[2] == "TypeError: SQLite.Database.transaction: options.kind must be one of deferred, immediate, exclusive, got 'sometimes'"


async def test_schema_members_match_what_sqlite_itself_reports(scripts):
    out = await scripts.run("""
    const db = SQLite.open("schema.sqlite")
    await db.createTable("author", { columns: [{ name: "id", type: "INTEGER", primaryKey: true, autoIncrement: true }] })
    await db.createTable("book", { columns: [
      { name: "isbn", type: "TEXT", primaryKey: true, collation: "nocase" },
      { name: "title", type: "TEXT", notNull: true, defaultValue: "it's untitled", indexed: true },
      { name: "pages", type: "INTEGER", checkSQL: "pages > 0", defaultSQL: "1" },
      { name: "cover", type: "BLOB", defaultValue: Data.fromIntArray([1, 2]) },
      { name: "author", type: "INTEGER", references: { table: "author", onDelete: "cascade", deferred: true } },
      { name: "code", type: "TEXT", unique: true, collation: "caseInsensitiveCompare" },
    ] })
    await db.createTable("book", { columns: [{ name: "x", type: "TEXT" }], ifNotExists: true })
    await db.createIndex("by_pages", { table: "book", columns: ["pages", "title"], unique: true, condition: "pages > 10" })
    out(await db.columnsIn("book"))
    out(await db.primaryKey("book"))
    out(await db.primaryKey("author"))
    out(await db.foreignKeys("book"))
    out((await db.indexes("book")).sort((a, b) => a.name < b.name ? -1 : 1))
    out([await db.isTableHasUniqueKeys("book", ["ISBN"]), await db.isTableHasUniqueKeys("book", ["code", "title"]),
         await db.isTableHasUniqueKeys("book", ["title"])])
    const version = await db.schemaVersion()
    await db.dropIndexOn("book", ["pages", "title"])
    await db.dropIndexOn("book", ["no", "such"])
    await db.renameTable("author", "writer")
    await db.dropIndex("book_on_title")
    out([typeof version, (await db.schemaVersion()) > version])
    await db.createTable("gone", { columns: [{ name: "x", type: "TEXT" }] })
    await db.dropTable("gone")
    try { await db.columnsIn("gone") } catch (error) { out(error.message) }
    """)
    columns, book_key, author_key, foreign, indexes, unique, versions, missing = out
    with sqlite3.connect(scripts.folder / "schema.sqlite") as reference:
        info = reference.execute("PRAGMA table_info(book)").fetchall()
        assert columns == [{"name": n, "type": t, "defaultValueSQL": d, "isNotNull": bool(nn), "primaryKeyIndex": pk}
                           for _, n, t, nn, d, pk in info]
        assert [c["defaultValueSQL"] for c in columns] == [None, "'it''s untitled'", "1", "X'0102'", None, None]
        tables = {name for (name,) in reference.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"book", "writer"} <= tables and "author" not in tables and "gone" not in tables
        remaining = {name for (name,) in reference.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "by_pages" not in remaining and "book_on_title" not in remaining
        sql = reference.execute("SELECT sql FROM sqlite_master WHERE name = 'book'").fetchone()[0]
        assert "COLLATE NOCASE" in sql and "CHECK (pages > 0)" in sql and "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED" in sql
        assert "COLLATE swift_caseInsensitiveCompare" in sql
    assert book_key == {"columns": ["isbn"], "rowIDColumn": None, "isRowID": False}
    assert author_key == {"columns": ["id"], "rowIDColumn": "id", "isRowID": True}
    assert foreign == [{"id": 0, "originColumns": ["author"], "destinationTable": "author", "destinationColumns": ["id"],
                        "mapping": [{"origin": "author", "destination": "id"}]}]
    assert indexes == [
        {"name": "book_on_title", "columns": ["title"], "isUnique": False, "origin": "createIndex"},
        {"name": "by_pages", "columns": ["pages", "title"], "isUnique": True, "origin": "createIndex"},
        {"name": "sqlite_autoindex_book_1", "columns": ["isbn"], "isUnique": True, "origin": "primaryKeyConstraint"},
        {"name": "sqlite_autoindex_book_2", "columns": ["code"], "isUnique": True, "origin": "uniqueConstraint"},
    ]
    assert unique == [True, True, False]
    assert versions == ["number", True]
    assert missing == "SQLite error 1: no such table: gone"


async def test_a_table_without_a_primary_key_reports_the_hidden_rowid(scripts):
    out = await scripts.run("""
    const db = SQLite.openInMemory("rowid")
    await db.execute("CREATE TABLE items (name TEXT)")
    out(await db.primaryKey("items"))
    """)
    assert out == [{"columns": ["rowid"], "rowIDColumn": None, "isRowID": True}]


async def test_in_memory_databases_are_shared_by_name_and_readonly_refuses_writes(scripts):
    (scripts.folder / "existing.sqlite").unlink(missing_ok=True)
    with sqlite3.connect(scripts.folder / "existing.sqlite") as reference:
        reference.execute("CREATE TABLE t (x)")
    out = await scripts.run("""
    const first = SQLite.openInMemory("shared"), second = SQLite.openInMemory("shared"), other = SQLite.openInMemory("other")
    await first.execute("CREATE TABLE t (x)")
    out([await second.tableExists("t"), await other.tableExists("t")])
    const readonly = SQLite.open("existing.sqlite", { readonly: true })
    try { await readonly.execute("INSERT INTO t VALUES (1)") } catch (error) { out(error.message) }
    try { SQLite.open("no/such/folder/db.sqlite") } catch (error) { out(error.message) }
    """)
    assert out[0] == [True, False]
    assert out[1].startswith("SQLite error 8: attempt to write a readonly database")
    assert out[2] == "SQLite.open: cannot open 'no/such/folder/db.sqlite': unable to open database file"


async def test_wrong_arguments_are_type_errors_that_name_the_member(scripts):
    out = await scripts.run("""
    const db = SQLite.openInMemory("types")
    const attempts = [
      () => db.execute(42),
      () => db.fetchAll("SELECT ?", [{}]),
      () => db.fetchAll("SELECT ?", "text"),
      () => db.createTable("t", { columns: "x" }),
      () => db.createIndex("i", { table: "t", columns: [1] }),
      () => db.tableExists(null),
      () => new SQLite.Database(),
      () => SQLite.open(1),
    ]
    for (const attempt of attempts) {
      try { attempt(); out("no error") } catch (error) { out(`${error.name}: ${error.message}`) }
    }
    """)
    assert out == [
        "TypeError: SQLite.Database.execute: sql must be a string, got number",
        "TypeError: SQLite.Database.fetchAll: argument 1 must be a string, number, boolean, Data, Date or null, got Object",
        "TypeError: SQLite.Database.fetchAll: arguments must be an array or an object of values, got string",
        "TypeError: SQLite.Database.createTable: options.columns must be an array, got string",
        "TypeError: SQLite.Database.createIndex: options.columns[0] must be a string, got number",
        "TypeError: SQLite.Database.tableExists: tableName must be a string, got null",
        "TypeError: SQLite.Database has no public constructor: use SQLite.open(path) or SQLite.openInMemory(name)",
        "TypeError: SQLite.open: path must be a string, got number",
    ]


async def test_a_slow_query_leaves_the_event_loop_serving(scripts):
    """A query of about a second runs on the database's thread: a WebSocket echo sent after
    it started is answered before it ends."""
    out = await scripts.run("""
    const server = new HttpServer()
    server.registerWebsocket("/echo", { handleText: (session, text) => session.writeText(text) })
    server.start({ port: 0 })
    const db = SQLite.openInMemory("slow")
    const events = []
    const query = db.fetchOne(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000)
                               SELECT count(*) AS c FROM n`).then((row) => events.push(`query ${row.c}`))
    await new Promise((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/echo`)
      ws.onopen = () => ws.send("ping")
      ws.onmessage = (message) => { events.push(`echo ${message}`); ws.close(); resolve() }
    })
    await query
    server.stop()
    out(events)
    """)
    assert out == [["echo ping", "query 3000000"]]


@pytest.mark.parametrize("busy", ["immediateError", 2])
async def test_configuration_options_are_accepted_and_checked(scripts, busy):
    out = await scripts.run(f"""
    const db = SQLite.open("configured.sqlite", {{ foreignKeysEnabled: false, readonly: false, label: "x",
      busyMode: {busy!r}, journalMode: "wal", maximumReaderCount: 3 }})
    out(await db.fetchOne("PRAGMA journal_mode"))
    out(await db.fetchOne("PRAGMA foreign_keys"))
    try {{ SQLite.open("x.sqlite", {{ journalMode: "fast" }}) }} catch (error) {{ out(`${{error.name}}: ${{error.message}}`) }}
    """)
    assert out == [{"journal_mode": "wal"}, {"foreign_keys": 0},
                   "TypeError: SQLite: configuration.journalMode must be \"wal\" or \"default\", got 'fast'"]
