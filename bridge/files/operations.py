"""What FileManager does to the file system, as plain functions on absolute paths.

Each raises FileError with a sentence naming the path and the reason ("cannot read
"/tmp/a.txt": no such file or directory"); file_manager.py adds the member's name. Where the
app's declarations are silent, the app's own behaviour (Foundation's FileManager) decides:
rename, copy, link and zip refuse to replace what exists; README.md ("Files") lists the rules.
These run on worker threads for the async members, so they touch no JS.
"""

from __future__ import annotations

import json
import mimetypes
import os
import shutil
import stat as stat_module
import zipfile

from ..data import encodings

BINARY_SNIFF = 8192  # bytes isBinaryFile looks at


class FileError(Exception):
    pass


def _quoted(path: str | os.PathLike) -> str:
    return json.dumps(os.fspath(path), ensure_ascii=False)


def _reason(error: OSError) -> str:
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]


def _fail(verb: str, path: str, error: OSError) -> FileError:
    # The path the system complained about may be the other one (a rename's destination).
    where = error.filename if error.filename is not None else path
    return FileError(f"cannot {verb} {_quoted(where)}: {_reason(error)}")


def _encoding(name: str | None) -> encodings.Encoding:
    if name is None:
        return encodings.by_name("utf-8")
    for candidate in (name, name.lower()):
        if candidate in encodings.NAMES:
            return encodings.by_name(candidate)
    lowered = {known.lower(): known for known in encodings.NAMES}
    if name.lower() in lowered:
        return encodings.by_name(lowered[name.lower()])
    raise FileError(f"unknown encoding {json.dumps(name)}; the encodings are {', '.join(encodings.NAMES)}")


def _refuse_existing(verb: str, path: str) -> None:
    if os.path.lexists(path):
        raise FileError(f"cannot {verb} {_quoted(path)}: it already exists")


# Reading

def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise _fail("read", path, error) from None


def read_string(path: str, encoding: str | None) -> str:
    codec = _encoding(encoding)
    payload = read_bytes(path)
    try:
        return codec.decode(payload, "strict")
    except ValueError:
        raise FileError(f"cannot read {_quoted(path)} as {codec.name} text: it holds bytes that are "
                        f"not {codec.name}") from None


def is_binary(path: str) -> bool:
    """True when the start of the file holds a NUL byte or is not UTF-8 text."""
    try:
        with open(path, "rb") as file:
            head = file.read(BINARY_SNIFF)
    except OSError as error:
        raise _fail("read", path, error) from None
    if b"\0" in head:
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A character cut in two by the end of the sample is still text.
        return not (error.reason == "unexpected end of data" and len(head) == BINARY_SNIFF)
    return False


def mime_type(path: str) -> str:
    kind, _ = mimetypes.guess_type(os.path.basename(path))
    return kind or "application/octet-stream"


# Writing

def write_bytes(path: str, payload: bytes) -> None:
    try:
        with open(path, "wb") as file:
            file.write(payload)
    except OSError as error:
        raise _fail("write", path, error) from None


def _encoded(path: str, text: str, encoding: str | None) -> bytes:
    codec = _encoding(encoding)
    try:
        return codec.encode(text)
    except ValueError:
        raise FileError(f"cannot write {_quoted(path)}: the text has characters that {codec.name} "
                        "cannot encode") from None


def write_string(path: str, text: str, encoding: str | None) -> None:
    write_bytes(path, _encoded(path, text, encoding))


def append_bytes(path: str, payload: bytes) -> None:
    """Appends, making the file and its missing folders first (as the app's appendData does)."""
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "ab") as file:
            file.write(payload)
    except OSError as error:
        raise _fail("append to", path, error) from None


def append_string(path: str, text: str, encoding: str | None) -> None:
    append_bytes(path, _encoded(path, text, encoding))


# Questions

def exists(path: str) -> bool:
    return os.path.exists(path)


def is_file(path: str) -> bool:
    return os.path.isfile(path)


def is_directory(path: str) -> bool:
    return os.path.isdir(path)


def is_link(path: str) -> bool:
    return os.path.islink(path)


def stat(path: str) -> dict:
    """Size, type and times (milliseconds since 1970) of what `path` leads to (links followed).
    Linux keeps no creation time Python can read: creationDate is then the earlier of the last
    change and modification times."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise _fail("stat", path, error) from None
    created = getattr(info, "st_birthtime", None)
    if created is None:
        created = min(info.st_ctime, info.st_mtime)
    kind = ("file" if stat_module.S_ISREG(info.st_mode)
            else "directory" if stat_module.S_ISDIR(info.st_mode) else "other")
    return {"size": info.st_size, "type": kind, "creationDate": created * 1000,
            "modificationDate": info.st_mtime * 1000}


def link_destination(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError as error:
        if error.errno == 22:  # EINVAL: it exists but is not a link
            raise FileError(f"cannot read the link {_quoted(path)}: it is not a symbolic link") from None
        raise _fail("read the link", path, error) from None


def read_directory(path: str, recursive: bool) -> list[str]:
    """The names in the folder, sorted; recursive: every path below it, relative to it
    (folders included, links to folders not entered)."""
    try:
        if not recursive:
            return sorted(os.listdir(path))
        if not os.path.isdir(path):
            os.listdir(path)  # raises the reason: missing, not a folder, no permission
        found: list[str] = []

        def fail(error: OSError) -> None:
            raise error
        for folder, folders, files in os.walk(path, onerror=fail):
            relative = os.path.relpath(folder, path)
            prefix = "" if relative == "." else relative + "/"
            found.extend(prefix + name for name in folders + files)
        return sorted(found)
    except OSError as error:
        raise _fail("read the folder", path, error) from None


# Changing the tree

def create_directory(path: str, recursive: bool) -> None:
    try:
        if recursive:
            os.makedirs(path, exist_ok=True)
        else:
            os.mkdir(path)
    except FileExistsError:
        raise FileError(f"cannot create the folder {_quoted(path)}: something already exists there") from None
    except OSError as error:
        raise _fail("create the folder", path, error) from None


def create_link(path: str, target: str) -> None:
    _refuse_existing("create the link", path)
    try:
        os.symlink(target, path)
    except OSError as error:
        raise _fail("create the link", path, error) from None


def copy(path: str, new_path: str) -> None:
    """A file, a link (as a link) or a whole folder; the destination must not exist."""
    _refuse_existing("copy to", new_path)
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.copytree(path, new_path, symlinks=True)
        else:
            shutil.copy2(path, new_path, follow_symlinks=False)
    except shutil.Error as error:
        raise FileError(f"cannot copy {_quoted(path)}: {error}") from None
    except OSError as error:
        raise _fail("copy", path, error) from None


def rename(path: str, new_path: str) -> None:
    _refuse_existing("move to", new_path)
    if not os.path.lexists(path):
        raise FileError(f"cannot move {_quoted(path)}: no such file or directory")
    try:
        shutil.move(path, new_path)
    except OSError as error:
        raise _fail("move", path, error) from None


def remove(path: str) -> None:
    """A file or link, or a folder with everything in it."""
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.remove(path)
    except OSError as error:
        raise _fail("remove", path, error) from None


# Archives

def zip_items(source: str, destination: str, keep_parent: bool) -> None:
    """A zip of a file (at the archive's root) or of a folder: its contents, under the folder's
    own name when `keep_parent`. Links to files are stored as the files; links to folders are
    not followed."""
    _refuse_existing("zip to", destination)
    if not os.path.exists(source):
        raise FileError(f"cannot zip {_quoted(source)}: no such file or directory")
    try:
        with zipfile.ZipFile(destination, "x", zipfile.ZIP_DEFLATED) as archive:
            if not os.path.isdir(source):
                archive.write(source, os.path.basename(source))
                return
            top = os.path.basename(os.path.normpath(source)) if keep_parent else ""
            if top:
                archive.write(source, top + "/")
            for folder, folders, files in os.walk(source):
                relative = os.path.relpath(folder, source)
                base = os.path.normpath(os.path.join(top, relative)) if relative != "." else top
                for name in sorted(folders):
                    if not os.path.islink(os.path.join(folder, name)):
                        archive.write(os.path.join(folder, name), os.path.join(base, name) + "/")
                for name in sorted(files):
                    archive.write(os.path.join(folder, name), os.path.join(base, name))
    except OSError as error:
        if os.path.exists(destination):
            os.remove(destination)
        raise _fail("zip", source, error) from None


def unzip(source: str, destination: str) -> None:
    """Extracts into `destination` (made if missing). Nothing is written if an item of the
    archive exists there already; entries are kept inside it (`..` and absolute names are
    made relative, as Python's zipfile does)."""
    try:
        with zipfile.ZipFile(source) as archive:
            for info in archive.infolist():
                target = os.path.join(destination, *_safe_parts(info.filename))
                if os.path.lexists(target) and not info.is_dir():
                    raise FileError(f"cannot unzip {_quoted(source)}: {_quoted(target)} already exists")
            os.makedirs(destination, exist_ok=True)
            archive.extractall(destination)
    except zipfile.BadZipFile as error:
        raise FileError(f"cannot unzip {_quoted(source)}: not a zip archive ({error})") from None
    except OSError as error:
        raise _fail("unzip", source, error) from None


def _safe_parts(name: str) -> list[str]:
    return [part for part in name.replace("\\", "/").split("/") if part not in ("", ".", "..")]
