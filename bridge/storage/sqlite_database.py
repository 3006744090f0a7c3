"""One SQLite.Database: a sqlite3 connection used only from its own worker thread, so a slow
query never holds up the event loop (sqlite.py hands each call over and awaits it).

Each member takes and returns JSON-able values (sqlite_values.py says how bytes and infinities
are tagged). SQLite's errors are raised as `DatabaseError` with GRDB's wording ("SQLite error 1:
no such table: items - while executing `...`"), which scripts written for the app may match.
"""

from __future__ import annotations

import functools
import locale
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from . import sqlite_schema as schema
from .sqlite_values import arguments, identifier, to_js
from .wal import switch_to_wal

_TRANSACTION_KINDS = ("deferred", "immediate", "exclusive")


class DatabaseError(Exception):
    """An error SQLite reported, worded as GRDB words it."""


@dataclass(frozen=True)
class Configuration:
    """The app's SQLite.Configuration, with GRDB's defaults."""
    foreign_keys: bool = True
    readonly: bool = False
    label: str | None = None
    busy_timeout: float = 0.0  # "immediateError": fail at once when another connection holds a lock
    wal: bool = False
    # maximumReaderCount has no effect here: each Database is one connection (README).

    @classmethod
    def from_options(cls, options: dict) -> Configuration:
        busy = options.get("busyMode", "immediateError")
        if busy != "immediateError" and (not isinstance(busy, (int, float)) or isinstance(busy, bool) or busy < 0):
            raise TypeError(f'SQLite: configuration.busyMode must be "immediateError" or a number of seconds, got {busy!r}')
        journal = options.get("journalMode", "default")
        if journal not in ("wal", "default"):
            raise TypeError(f'SQLite: configuration.journalMode must be "wal" or "default", got {journal!r}')
        label = options.get("label")
        return cls(foreign_keys=bool(options.get("foreignKeysEnabled", True)),
                   readonly=bool(options.get("readonly", False)),
                   label=label if isinstance(label, str) else None,
                   busy_timeout=0.0 if busy == "immediateError" else float(busy), wal=journal == "wal")


def _sqlite_errors(member):
    """Run a member, turning sqlite3's errors into DatabaseError with the statement that failed."""
    @functools.wraps(member)
    def run(self, *args):
        try:
            return member(self, *args)
        except sqlite3.Error as error:
            code = getattr(error, "sqlite_errorcode", None)
            text = f"SQLite error {code}: {error}" if code is not None else f"SQLite error: {error}"
            sql = self.current_sql
            raise DatabaseError(text + (f" - while executing `{sql}`" if sql else "")) from None
        finally:
            self.current_sql = None
    return run


class Database:
    def __init__(self, target: str, uri: bool, configuration: Configuration) -> None:
        self.current_sql: str | None = None
        self._executor = ThreadPoolExecutor(1, thread_name_prefix=f"SQLite {configuration.label or target}")
        # Made on the loop's thread (opening is quick and its errors belong to SQLite.open, which
        # returns the database; only a switch to WAL racing another process waits, up to the
        # busy timeout), used only on the worker's from then on.
        self._connection = sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False,
                                           timeout=configuration.busy_timeout)
        try:
            self._configure(configuration)
        except BaseException:
            self._connection.close()
            self._executor.shutdown(wait=False)
            raise

    def _configure(self, configuration: Configuration) -> None:
        connection = self._connection
        connection.execute(f"PRAGMA foreign_keys = {'ON' if configuration.foreign_keys else 'OFF'}")
        if configuration.wal and not configuration.readonly:
            switch_to_wal(connection, configuration.busy_timeout)
        for name, compare in _SWIFT_COMPARISONS.items():
            connection.create_collation("swift_" + name, compare)

    @property
    def executor(self) -> ThreadPoolExecutor:
        return self._executor

    def close(self) -> None:
        """Close once the calls already handed to the worker have run."""
        self._executor.submit(self._connection.close)
        self._executor.shutdown(wait=False)

    # The members (on the worker thread). Each takes the JSON-decoded arguments of the JS call.

    @_sqlite_errors
    def execute(self, sql: str, args=None) -> None:
        self._run_statements(sql, args)

    @_sqlite_errors
    def fetch_all(self, sql: str, args=None) -> list[dict]:
        return self._rows(sql, args)

    @_sqlite_errors
    def fetch_set(self, sql: str, args=None) -> list[dict]:
        seen, unique = set(), []
        for row in self._rows(sql, args):
            key = tuple((name, repr(value)) for name, value in row.items())
            if key not in seen:
                seen.add(key)
                unique.append(row)
        return unique

    @_sqlite_errors
    def fetch_one(self, sql: str, args=None) -> dict | None:
        cursor = self._cursor(sql, args)
        row = cursor.fetchone()
        return None if row is None else _row(cursor.description, row)

    @_sqlite_errors
    def transaction(self, steps: list, kind: str | None = None) -> None:
        kind = kind or "deferred"
        if kind not in _TRANSACTION_KINDS:
            raise TypeError(f"SQLite.Database.transaction: options.kind must be one of "
                            f"{', '.join(_TRANSACTION_KINDS)}, got {kind!r}")
        self._connection.execute(f"BEGIN {kind.upper()}")
        try:
            for step in steps:
                self._run_statements(step["sql"], step.get("args"))
            self._connection.execute("COMMIT")
        except BaseException:
            sql = self.current_sql
            self._connection.execute("ROLLBACK")
            self.current_sql = sql  # the step that failed, for the error
            raise

    @_sqlite_errors
    def schema_version(self) -> int:
        return self._connection.execute("PRAGMA schema_version").fetchone()[0]

    @_sqlite_errors
    def table_exists(self, table: str, schema_name: str | None = None) -> bool:
        return schema.table_exists(self._connection, table, schema_name)

    @_sqlite_errors
    def has_unique_keys(self, table: str, keys: list[str]) -> bool:
        return schema.has_unique_key(self._connection, table, keys)

    @_sqlite_errors
    def columns(self, table: str, schema_name: str | None = None) -> list[dict]:
        return schema.columns(self._connection, table, schema_name)

    @_sqlite_errors
    def primary_key(self, table: str, schema_name: str | None = None) -> dict:
        return schema.primary_key(self._connection, table, schema_name)

    @_sqlite_errors
    def foreign_keys(self, table: str, schema_name: str | None = None) -> list[dict]:
        return schema.foreign_keys(self._connection, table, schema_name)

    @_sqlite_errors
    def indexes(self, table: str, schema_name: str | None = None) -> list[dict]:
        return schema.indexes(self._connection, table, schema_name)

    @_sqlite_errors
    def create_table(self, name: str, options: dict) -> None:
        statements = schema.create_table(name, options.get("columns"), bool(options.get("ifNotExists")))
        self._in_one_transaction(statements)

    @_sqlite_errors
    def rename_table(self, name: str, new_name: str) -> None:
        self._run_statements(f"ALTER TABLE {identifier(name)} RENAME TO {identifier(new_name)}", None)

    @_sqlite_errors
    def drop_table(self, name: str) -> None:
        self._run_statements(f"DROP TABLE {identifier(name)}", None)

    @_sqlite_errors
    def create_index(self, name: str, options: dict) -> None:
        self._run_statements(schema.create_index(
            name, options.get("table"), options.get("columns"), bool(options.get("unique")),
            bool(options.get("ifNotExists")), options.get("condition")), None)

    @_sqlite_errors
    def drop_index(self, name: str) -> None:
        self._run_statements(f"DROP INDEX {identifier(name)}", None)

    @_sqlite_errors
    def drop_index_on(self, table: str, columns: list[str]) -> None:
        """Drop the index on exactly these columns; nothing to do if there is none (as GRDB)."""
        name = schema.index_on(self._connection, table, columns)
        if name is not None:
            self._run_statements(f"DROP INDEX {identifier(name)}", None)

    # Running statements.

    def _cursor(self, sql: str, args) -> sqlite3.Cursor:
        if not isinstance(sql, str):
            raise TypeError(f"SQLite: sql must be a string, got {type(sql).__name__}")
        self.current_sql = sql
        return self._connection.execute(sql, arguments(args))

    def _rows(self, sql: str, args) -> list[dict]:
        cursor = self._cursor(sql, args)
        description = cursor.description
        return [] if description is None else [_row(description, row) for row in cursor.fetchall()]

    def _run_statements(self, sql: str, args) -> None:
        """One statement with its arguments, or several without (a script), as GRDB's execute."""
        if args is None and not _single_statement(sql):
            for statement in _statements(sql):
                self._cursor(statement, None).fetchall()
            return
        self._cursor(sql, args).fetchall()

    def _in_one_transaction(self, statements: list[str]) -> None:
        in_transaction = self._connection.in_transaction
        if not in_transaction:
            self._connection.execute("BEGIN")
        try:
            for statement in statements:
                self._cursor(statement, None)
            if not in_transaction:
                self._connection.execute("COMMIT")
        except BaseException:
            if not in_transaction:
                sql = self.current_sql
                self._connection.execute("ROLLBACK")
                self.current_sql = sql
            raise


def _row(description, values) -> dict:
    # Duplicate column names: the last one wins, as in an object literal.
    return {column[0]: to_js(value) for column, value in zip(description, values)}


def _single_statement(sql: str) -> bool:
    return isinstance(sql, str) and sum(1 for _ in _statements(sql)) <= 1


def _statements(sql: str):
    """The complete statements of an SQL script, split where SQLite itself says one ends (so a
    `;` inside a string literal or a trigger body does not split)."""
    buffer = ""
    for piece in sql.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \t\r\n;"):
                yield buffer
            buffer = ""
    if buffer.strip(" \t\r\n;"):
        yield buffer.removesuffix(";")


def _compare(key) -> callable:
    def compare(a: str, b: str) -> int:
        a, b = key(a), key(b)
        return (a > b) - (a < b)
    return compare


def _localized(text: str):
    return locale.strxfrm(text)


# Swift's string comparisons, as GRDB registers them (the system locale for the localized ones).
_SWIFT_COMPARISONS = {
    "caseInsensitiveCompare": _compare(str.casefold),
    "localizedCaseInsensitiveCompare": _compare(lambda text: _localized(text.casefold())),
    "localizedCompare": _compare(_localized),
    "localizedStandardCompare": _compare(lambda text: _localized(text.casefold())),
    "unicodeCompare": _compare(lambda text: text),
}
