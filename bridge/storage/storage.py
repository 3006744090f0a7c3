"""Python half of storage.js: the app's `Storage`, a key-value store that survives restarts.

Each domain (the script's own, or the one all scripts share) is a SQLite database in WAL mode
with `synchronous = FULL`, so a value is on disk when the call returns (a SIGKILL right after
loses nothing) and processes running the same script at once do not corrupt it (SQLite's locks,
waited on for up to BUSY_TIMEOUT). Values are JSON text or bytes (a Data), by key.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from ..runtime.outbox import js_callable
from .wal import switch_to_wal

BUSY_TIMEOUT = 10.0  # seconds another process may hold the write lock before a call fails
JSON_VALUE, DATA_VALUE = 0, 1
_SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, kind INTEGER NOT NULL, value BLOB NOT NULL)"


class StorageError(Exception):
    pass


def _open(path: Path) -> sqlite3.Connection:
    """A connection to the domain's database, made WAL (waiting for its lock: wal.py) and given
    its table."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT, check_same_thread=False)
    try:
        switch_to_wal(connection, BUSY_TIMEOUT)
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute(_SCHEMA)
    except BaseException:
        connection.close()
        raise
    return connection


class StorageHost:
    def __init__(self, files: Callable[[bool], Path], on_close: Callable) -> None:
        """`files(shared)` is the database file of a domain (made on first use)."""
        self._files = files
        self._connections: dict[bool, sqlite3.Connection] = {}
        on_close(self.close)

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    def _database(self, shared: bool) -> sqlite3.Connection:
        connection = self._connections.get(shared)
        if connection is None:
            path = self._files(shared)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                connection = _open(path)
            except (OSError, sqlite3.Error) as error:
                raise StorageError(f"Storage: cannot open {path}: {error}") from None
            self._connections[shared] = connection
        return connection

    def _run(self, shared: bool, sql: str, parameters: tuple = ()) -> list[tuple]:
        try:
            return self._database(shared).execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise StorageError(f"Storage: {error}") from None

    # Called by storage.js.

    @js_callable
    def set_json(self, key: str, text: str, shared: bool) -> None:
        self._run(shared, "INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", (key, JSON_VALUE, text))

    @js_callable
    def set_data(self, key: str, data: bytes, shared: bool) -> None:
        self._run(shared, "INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", (key, DATA_VALUE, data))

    @js_callable
    def get_json(self, key: str, shared: bool) -> str | None:
        """The JSON text under `key`, or None when there is none (or it holds a Data)."""
        rows = self._run(shared, "SELECT value FROM entries WHERE key = ? AND kind = ?", (key, JSON_VALUE))
        return rows[0][0] if rows else None

    @js_callable
    def get_data(self, key: str, shared: bool) -> bytes | None:
        """The bytes under `key`, or None when there are none (or it holds a JSON value)."""
        rows = self._run(shared, "SELECT value FROM entries WHERE key = ? AND kind = ?", (key, DATA_VALUE))
        return bytes(rows[0][0]) if rows else None

    @js_callable
    def remove(self, key: str, shared: bool) -> None:
        self._run(shared, "DELETE FROM entries WHERE key = ?", (key,))

    @js_callable
    def contains(self, key: str, shared: bool) -> bool:
        return bool(self._run(shared, "SELECT 1 FROM entries WHERE key = ?", (key,)))

    @js_callable
    def clear(self) -> None:
        self._run(False, "DELETE FROM entries")

    @js_callable
    def keys(self) -> list[str]:
        return [key for (key,) in self._run(False, "SELECT key FROM entries ORDER BY key")]
