"""SQL for the schema members of SQLite.Database: the statements that createTable and
createIndex write from their options, and the introspection (columns, keys, indexes) read
from SQLite's pragmas, in the shapes the app declares (GRDB's, underneath)."""

from __future__ import annotations

import sqlite3

from .sqlite_values import identifier, literal

# The app's collation names: SQLite's own three, and Swift string comparisons, which GRDB
# registers under these names (registered by sqlite_database.py).
BUILT_IN_COLLATIONS = {"binary": "BINARY", "rtrim": "RTRIM", "nocase": "NOCASE"}
SWIFT_COLLATIONS = ("caseInsensitiveCompare", "localizedCaseInsensitiveCompare", "localizedCompare",
                    "localizedStandardCompare", "unicodeCompare")
_ACTIONS = {"cascade": "CASCADE", "restrict": "RESTRICT", "setNull": "SET NULL", "setDefault": "SET DEFAULT"}
_INDEX_ORIGINS = {"c": "createIndex", "pk": "primaryKeyConstraint", "u": "uniqueConstraint"}


def collation_name(name: str) -> str:
    if name in BUILT_IN_COLLATIONS:
        return BUILT_IN_COLLATIONS[name]
    if name in SWIFT_COLLATIONS:
        return "swift_" + name
    raise ValueError(f"SQLite: unknown collation {name!r}; use one of "
                     f"{', '.join([*BUILT_IN_COLLATIONS, *SWIFT_COLLATIONS])}")


def create_table(name: str, columns: list[dict], if_not_exists: bool) -> list[str]:
    """CREATE TABLE for `columns` (the app's ColumnDefinition objects), then one CREATE INDEX
    per column marked `indexed`."""
    if not isinstance(columns, list) or not columns:
        raise TypeError("SQLite.Database.createTable: options.columns must be a non-empty array of column definitions")
    definitions = [_column(column) for column in columns]
    statements = [f"CREATE TABLE {'IF NOT EXISTS ' if if_not_exists else ''}{identifier(name)} "
                  f"({', '.join(definitions)})"]
    for column in columns:
        if column.get("indexed"):
            index = identifier(f"{name}_on_{column['name']}")
            statements.append(f"CREATE INDEX {'IF NOT EXISTS ' if if_not_exists else ''}{index} "
                              f"ON {identifier(name)}({identifier(column['name'])})")
    return statements


def _column(column: dict) -> str:
    if not isinstance(column, dict) or not isinstance(column.get("name"), str) or not isinstance(column.get("type"), str):
        raise TypeError(f"SQLite.Database.createTable: each column needs a string name and type, got {column!r}")
    parts = [identifier(column["name"]), column["type"]]
    if column.get("primaryKey"):
        parts.append("PRIMARY KEY")
        if column.get("autoIncrement"):
            parts.append("AUTOINCREMENT")
    elif column.get("autoIncrement"):
        raise ValueError(f"SQLite.Database.createTable: column {column['name']!r}: autoIncrement needs primaryKey")
    if column.get("notNull"):
        parts.append("NOT NULL")
    if column.get("unique"):
        parts.append("UNIQUE")
    if column.get("checkSQL"):
        parts.append(f"CHECK ({column['checkSQL']})")
    if column.get("collation"):
        parts.append(f"COLLATE {collation_name(column['collation'])}")
    if "defaultValue" in column and "defaultSQL" in column:
        raise ValueError(f"SQLite.Database.createTable: column {column['name']!r} has both defaultValue and defaultSQL")
    if "defaultValue" in column:
        parts.append(f"DEFAULT {literal(column['defaultValue'])}")
    elif column.get("defaultSQL"):
        parts.append(f"DEFAULT ({column['defaultSQL']})")
    if column.get("references"):
        parts.append(_references(column["name"], column["references"]))
    return " ".join(parts)


def _references(column: str, references: dict) -> str:
    if not isinstance(references, dict) or not isinstance(references.get("table"), str):
        raise TypeError(f"SQLite.Database.createTable: column {column!r}: references needs a table name")
    clause = f"REFERENCES {identifier(references['table'])}"
    if references.get("column"):
        clause += f"({identifier(references['column'])})"
    for key, verb in (("onDelete", "DELETE"), ("onUpdate", "UPDATE")):
        if references.get(key):
            if references[key] not in _ACTIONS:
                raise ValueError(f"SQLite.Database.createTable: column {column!r}: {key} must be one of "
                                 f"{', '.join(_ACTIONS)}, got {references[key]!r}")
            clause += f" ON {verb} {_ACTIONS[references[key]]}"
    if references.get("deferred"):
        clause += " DEFERRABLE INITIALLY DEFERRED"
    return clause


def create_index(name: str, table: str, columns: list[str], unique: bool, if_not_exists: bool,
                 condition: str | None) -> str:
    if not isinstance(columns, list) or not columns:
        raise TypeError("SQLite.Database.createIndex: options.columns must be a non-empty array of column names")
    sql = (f"CREATE {'UNIQUE ' if unique else ''}INDEX {'IF NOT EXISTS ' if if_not_exists else ''}"
           f"{identifier(name)} ON {identifier(table)}({', '.join(identifier(c) for c in columns)})")
    return sql + (f" WHERE {condition}" if condition else "")


# Introspection. `schema` is a quoted schema name and a dot ("main.") or "".

def _pragma(connection: sqlite3.Connection, schema: str, pragma: str, argument: str) -> list[tuple]:
    return connection.execute(f"PRAGMA {schema}{pragma}({identifier(argument)})").fetchall()


def table_exists(connection: sqlite3.Connection, table: str, schema: str | None) -> bool:
    schemas = [schema] if schema else ["main", "temp"]
    for name in schemas:
        master = "sqlite_temp_master" if name == "temp" else f"{identifier(name)}.sqlite_master"
        if connection.execute(f"SELECT 1 FROM {master} WHERE type = 'table' AND name = ? COLLATE NOCASE",
                              (table,)).fetchone():
            return True
    return False


def _require_table(connection: sqlite3.Connection, table: str, schema: str | None) -> str:
    if not table_exists(connection, table, schema):
        error = sqlite3.OperationalError(f"no such table: {table}")
        error.sqlite_errorcode = sqlite3.SQLITE_ERROR  # what SQLite itself says of a missing table
        raise error
    return f"{identifier(schema)}." if schema else ""


def columns(connection: sqlite3.Connection, table: str, schema: str | None) -> list[dict]:
    prefix = _require_table(connection, table, schema)
    return [{"name": name, "type": kind, "defaultValueSQL": default, "isNotNull": bool(not_null),
             "primaryKeyIndex": primary_key}
            for _, name, kind, not_null, default, primary_key in _pragma(connection, prefix, "table_info", table)]


def primary_key(connection: sqlite3.Connection, table: str, schema: str | None) -> dict:
    info = columns(connection, table, schema)
    key = [column for column in sorted(info, key=lambda c: c["primaryKeyIndex"]) if column["primaryKeyIndex"] > 0]
    if not key:  # the hidden rowid
        return {"columns": ["rowid"], "rowIDColumn": None, "isRowID": True}
    if len(key) == 1 and key[0]["type"].upper() == "INTEGER" and _is_rowid_table(connection, table, schema):
        return {"columns": [key[0]["name"]], "rowIDColumn": key[0]["name"], "isRowID": True}
    return {"columns": [column["name"] for column in key], "rowIDColumn": None, "isRowID": False}


def _is_rowid_table(connection: sqlite3.Connection, table: str, schema: str | None) -> bool:
    # An INTEGER PRIMARY KEY aliases the rowid, unless the table is WITHOUT ROWID.
    master = "sqlite_temp_master" if schema == "temp" else f"{identifier(schema or 'main')}.sqlite_master"
    row = connection.execute(f"SELECT sql FROM {master} WHERE type = 'table' AND name = ? COLLATE NOCASE",
                             (table,)).fetchone()
    return not (row and row[0] and "WITHOUT ROWID" in row[0].upper())


def foreign_keys(connection: sqlite3.Connection, table: str, schema: str | None) -> list[dict]:
    prefix = _require_table(connection, table, schema)
    keys: dict[int, dict] = {}
    for key_id, _, destination, origin, target, *_ in _pragma(connection, prefix, "foreign_key_list", table):
        key = keys.setdefault(key_id, {"id": key_id, "originColumns": [], "destinationTable": destination,
                                       "destinationColumns": [], "mapping": []})
        key["originColumns"].append(origin)
        key["destinationColumns"].append(target)
    for key in keys.values():
        if any(column is None for column in key["destinationColumns"]):  # refers to the primary key
            key["destinationColumns"] = primary_key(connection, key["destinationTable"], schema)["columns"]
        key["mapping"] = [{"origin": o, "destination": d} for o, d in zip(key["originColumns"], key["destinationColumns"])]
    return list(keys.values())


def indexes(connection: sqlite3.Connection, table: str, schema: str | None) -> list[dict]:
    prefix = _require_table(connection, table, schema)
    found = []
    for _, name, unique, origin, _partial in _pragma(connection, prefix, "index_list", table):
        names = [row[2] for row in sorted(_pragma(connection, prefix, "index_info", name))]
        found.append({"name": name, "columns": names, "isUnique": bool(unique),
                      "origin": _INDEX_ORIGINS.get(origin, "createIndex")})
    return found


def has_unique_key(connection: sqlite3.Connection, table: str, keys: list[str]) -> bool:
    """True when the columns `keys` identify at most one row: they hold the primary key or all
    the columns of a unique index."""
    wanted = {key.lower() for key in keys}
    candidates = [primary_key(connection, table, None)["columns"]]
    candidates += [index["columns"] for index in indexes(connection, table, None) if index["isUnique"]]
    return any(candidate and {column.lower() for column in candidate} <= wanted for candidate in candidates)


def index_on(connection: sqlite3.Connection, table: str, names: list[str]) -> str | None:
    """The name of the index of `table` on exactly the columns `names`, in order, if any."""
    wanted = [name.lower() for name in names]
    for index in indexes(connection, table, None):
        if [column.lower() for column in index["columns"]] == wanted:
            return index["name"]
    return None
