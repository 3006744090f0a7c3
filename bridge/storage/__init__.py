"""A script's state that survives restarts: `Storage`, `Keychain` and `SQLite`.

storage.js/storage.py (key-value, per script and shared), keychain.js/keychain.py (secrets,
encrypted at rest with a key from keychain_key.py), sqlite.js/sqlite.py (databases, each on
its own worker thread: sqlite_database.py, with sqlite_schema.py and sqlite_values.py).
Where each keeps its files comes from files/locations.py (README.md, "Storage").
"""

from __future__ import annotations

from pathlib import Path

from ..files.locations import Locations, data_root
from ..files.script import script_name
from .keychain import KeychainHost
from .sqlite import SQLiteHost
from .storage import StorageHost


def install(runtime) -> None:
    """Define the globals `Storage`, `Keychain` and `SQLite` (after Data and the files APIs)."""
    def locations() -> Locations:
        # Asked at first use: which script runs is known only once its file has started.
        return Locations(script_name(runtime.entry), data_root(runtime.data_dir))

    def storage_file(shared: bool) -> Path:
        places = locations()
        return (places.root / "shared" if shared else places.script_data) / "storage.sqlite"

    engine = runtime.engine
    engine.load("storage/storage.js", StorageHost(storage_file, runtime.on_close))
    engine.load("storage/keychain.js", KeychainHost(lambda: locations().root / "keychain", runtime.on_close))
    engine.load("storage/sqlite.js", SQLiteHost(runtime))


__all__ = ["install"]
