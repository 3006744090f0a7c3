"""`UUID`: random (version 4) UUID strings, as the app's UUID.string() gives them."""

from .uuid import UUIDHost


def install(runtime) -> None:
    """Define the global `UUID`; other halves get fresh ids from `internals.newUUID()`."""
    runtime.engine.load("uuid/uuid.js", UUIDHost())


__all__ = ["install", "UUIDHost"]
