"""The key that encrypts Keychain values at rest: kept in the OS keyring when one is reachable
(the `keyring` package: macOS Keychain, Secret Service, Windows Credential Locker), otherwise in
a key file beside the keychain, readable by its owner only.

SCRIPTING_BRIDGE_KEYRING=0 skips the OS keyring (for a server with a keyring it should not use).
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet

SERVICE, ACCOUNT = "scripting-bridge", "keychain-key"
KEYRING_VARIABLE = "SCRIPTING_BRIDGE_KEYRING"


def load(key_file: Path) -> tuple[bytes, str]:
    """The key, made on first use, and where it is kept ("the OS keyring" or the file's path)."""
    from_keyring = _from_keyring()
    if from_keyring is not None:
        return from_keyring, "the OS keyring"
    return _from_file(key_file), str(key_file)


def _from_keyring() -> bytes | None:
    if os.environ.get(KEYRING_VARIABLE, "") == "0":
        return None
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
        if isinstance(backend, (fail.Keyring, null.Keyring)) or getattr(backend, "priority", 0) <= 0:
            return None  # no usable keyring on this machine (a headless server, a container)
        stored = keyring.get_password(SERVICE, ACCOUNT)
        if stored is None:
            stored = Fernet.generate_key().decode("ascii")
            keyring.set_password(SERVICE, ACCOUNT, stored)
        return stored.encode("ascii")
    except Exception:  # a keyring that is there but locked or broken: fall back to the file
        return None


def _from_file(key_file: Path) -> bytes:
    try:
        return key_file.read_bytes().strip()
    except FileNotFoundError:
        pass
    key = Fernet.generate_key()
    # O_EXCL: two processes starting at once must not each write a different key.
    try:
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_bytes().strip()
    with os.fdopen(descriptor, "wb") as file:
        file.write(key)
        file.flush()
        os.fsync(file.fileno())
    return key
