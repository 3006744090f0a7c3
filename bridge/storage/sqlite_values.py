"""How SQLite values cross to JS and back as JSON (sqlite.js does the other half).

JSON has no bytes and no infinities, so those travel tagged: `{"$data": "<base64>"}` for a BLOB
(a `Data` in JS) and `{"$number": "Infinity"}` (or "-Infinity") for an infinite REAL. A JS `Date`
arrives already written as text in the format GRDB (the app's SQLite layer) stores dates in,
"YYYY-MM-DD HH:MM:SS.SSS" in UTC, and reads back as that text: SQLite keeps no column types.
Booleans are stored as 1 and 0, as SQLite has no boolean either.
"""

from __future__ import annotations

import base64
import math

DATA_TAG = "$data"
NUMBER_TAG = "$number"


def to_sqlite(value: object) -> object:
    """A JSON-decoded argument as the value sqlite3 binds."""
    if isinstance(value, dict):
        if DATA_TAG in value:
            return base64.b64decode(value[DATA_TAG])
        if NUMBER_TAG in value:
            return float(value[NUMBER_TAG])
        raise TypeError(f"SQLite: an argument must be a string, number, boolean, Data, Date or null, "
                        f"got an object with keys {sorted(value)}")
    if isinstance(value, list):
        raise TypeError("SQLite: an argument must be a string, number, boolean, Data, Date or null, got an array")
    return value


def arguments(decoded: object) -> list | dict:
    """A statement's arguments: positional (a JSON array) or named (a JSON object, names without
    their `:`, `@` or `$`)."""
    if decoded is None:
        return []
    if isinstance(decoded, list):
        return [to_sqlite(value) for value in decoded]
    if isinstance(decoded, dict):
        return {name.lstrip(":@$"): to_sqlite(value) for name, value in decoded.items()}
    raise TypeError(f"SQLite: arguments must be an array or an object, got {type(decoded).__name__}")


def to_js(value: object) -> object:
    """A column's value as JSON (tagged where JSON cannot say it)."""
    if isinstance(value, bytes):
        return {DATA_TAG: base64.b64encode(value).decode("ascii")}
    if isinstance(value, float) and math.isinf(value):
        return {NUMBER_TAG: "Infinity" if value > 0 else "-Infinity"}
    return value


def literal(value: object) -> str:
    """A value as an SQL literal, for a column's DEFAULT."""
    value = to_sqlite(value)
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return repr(value) if math.isfinite(value) else ("1e999" if value > 0 else "-1e999")
    if isinstance(value, bytes):
        return f"X'{value.hex()}'"
    return "'" + str(value).replace("'", "''") + "'"


def identifier(name: str) -> str:
    """A table, column or index name quoted for SQL, whatever it holds."""
    if not isinstance(name, str) or name == "":
        raise TypeError(f"SQLite: a name must be a non-empty string, got {name!r}")
    return '"' + name.replace('"', '""') + '"'
