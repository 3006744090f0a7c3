"""Python half of keychain.js: the app's `Keychain`, secrets kept for every script of the user.

Items live in one SQLite database in a folder only the user may enter (0700), the file itself
0600. Each value is encrypted at rest with Fernet (AES-128-CBC with an HMAC-SHA256, from
`cryptography`) under a key from keychain_key.py. Item names are not encrypted. README.md
("Keychain") says what this protects against and what it does not.

A value is bytes: a string is kept as its UTF-8, a boolean as "true" or "false", a Data as it is,
so `get` reads any item that holds text and `getData` any item at all.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..runtime.outbox import js_callable

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

_SCHEMA = "CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY, value BLOB NOT NULL)"


class KeychainError(Exception):
    pass


class KeychainHost:
    def __init__(self, folder: Callable[[], Path], on_close) -> None:
        """`folder()` is where the keychain lives (asked at first use)."""
        self._folder = folder
        self._connection: sqlite3.Connection | None = None
        self._fernet: Fernet | None = None
        on_close(self.close)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            # cryptography (~10 ms to import) and the keyring load here, not at start.
            from cryptography.fernet import Fernet

            from . import keychain_key

            folder = self._folder()
            try:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.chmod(folder, 0o700)
                database = folder / "keychain.sqlite"
                if not database.exists():
                    os.close(os.open(database, os.O_WRONLY | os.O_CREAT, 0o600))
                os.chmod(database, 0o600)
                key, _where = keychain_key.load(folder / "key")
                connection = sqlite3.connect(database, isolation_level=None, timeout=10.0, check_same_thread=False)
                connection.execute("PRAGMA synchronous = FULL")
                connection.execute(_SCHEMA)
            except (OSError, sqlite3.Error) as error:
                raise KeychainError(f"Keychain: cannot open the keychain in {folder}: {error}") from None
            self._fernet = Fernet(key)
            self._connection = connection
        return self._connection

    def _value(self, key: str) -> bytes | None:
        rows = self._open().execute("SELECT value FROM items WHERE key = ?", (key,)).fetchall()
        if not rows:
            return None
        from cryptography.fernet import InvalidToken
        try:
            return self._fernet.decrypt(bytes(rows[0][0]))
        except InvalidToken:
            raise KeychainError(f"Keychain: the item {key!r} cannot be decrypted with this machine's key "
                                f"(was the key file or keyring entry replaced?)") from None

    # Called by keychain.js. A write returns False when it could not be stored.

    @js_callable
    def set(self, key: str, value: bytes) -> bool:
        try:
            self._open().execute("INSERT OR REPLACE INTO items VALUES (?, ?)", (key, self._fernet.encrypt(value)))
        except (sqlite3.Error, KeychainError):
            return False
        return True

    @js_callable
    def get(self, key: str) -> bytes | None:
        return self._value(key)

    @js_callable
    def remove(self, key: str) -> bool:
        """True when an item was there and is gone."""
        return self._open().execute("DELETE FROM items WHERE key = ?", (key,)).rowcount > 0

    @js_callable
    def contains(self, key: str) -> bool:
        return bool(self._open().execute("SELECT 1 FROM items WHERE key = ?", (key,)).fetchall())

    @js_callable
    def keys(self) -> list[str]:
        return [key for (key,) in self._open().execute("SELECT key FROM items ORDER BY key")]

    @js_callable
    def clear(self) -> bool:
        try:
            self._open().execute("DELETE FROM items")
        except sqlite3.Error:
            return False
        return True
