"""Python half of sqlite.js: database ids to databases, each with its own worker thread.

sqlite.js calls `call(id, member, arguments)` for every member of SQLite.Database; the member
runs on that database's worker (sqlite_database.py) and its result settles the script's promise,
so a slow query never stalls the event loop, and the calls of one database run in order.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..runtime.outbox import js_callable
from .sqlite_database import Configuration, Database, DatabaseError

# JS member name -> Database method.
MEMBERS = {
    "schemaVersion": "schema_version", "tableExists": "table_exists",
    "isTableHasUniqueKeys": "has_unique_keys", "columnsIn": "columns", "primaryKey": "primary_key",
    "foreignKeys": "foreign_keys", "indexes": "indexes", "execute": "execute",
    "transaction": "transaction", "fetchAll": "fetch_all", "fetchSet": "fetch_set",
    "fetchOne": "fetch_one", "createTable": "create_table", "renameTable": "rename_table",
    "dropTable": "drop_table", "createIndex": "create_index", "dropIndex": "drop_index",
    "dropIndexOn": "drop_index_on",
}


class SQLiteHost:
    def __init__(self, runtime) -> None:
        self._runtime = runtime
        self._databases: dict[int, Database] = {}
        self._ids = itertools.count(1)
        runtime.on_close(self.close_all)

    def close_all(self) -> None:
        for database in self._databases.values():
            database.close()
        self._databases.clear()

    @js_callable
    def open(self, path: str, in_memory: bool, configuration: str, caller: str) -> int:
        """A new database connection; `configuration` is the script's options as JSON. A relative
        path starts at the folder of the calling script (`caller`), as Data.fromFile's does."""
        options = Configuration.from_options(json.loads(configuration))
        where = "SQLite.openInMemory" if in_memory else "SQLite.open"
        if in_memory:  # one shared database per name while a connection to it is open
            target, uri = f"file:{quote(path)}?mode=memory&cache=shared", True
        else:
            resolved = self._runtime.folder_of(caller) / Path(path).expanduser()
            target, uri = (f"file:{quote(str(resolved))}?mode=ro", True) if options.readonly else (str(resolved), False)
        try:
            database = Database(target, uri, options)
        except sqlite3.Error as error:
            raise DatabaseError(f"{where}: cannot open {path!r}: {error}") from None
        database_id = next(self._ids)
        self._databases[database_id] = database
        return database_id

    @js_callable
    async def call(self, database_id: int, member: str, arguments: str) -> object:
        """Run a member of SQLite.Database on the database's worker; `arguments` is a JSON array."""
        database = self._databases.get(database_id)
        if database is None:
            raise DatabaseError("SQLite: the database is closed (the runtime is shutting down)")
        operation = getattr(database, MEMBERS[member])
        return await asyncio.get_running_loop().run_in_executor(database.executor, operation, *json.loads(arguments))
