"""A content-keyed cache of built values (pickles), so a second run on unchanged inputs skips
the work that built them.

A key is a SHA-256 of what the value is built from: the names and bytes of its input files
(data and the code that reads them) and any extra text; never a timestamp, so touching a file
does not invalidate an entry and editing one always does. Entries are pickles in
`$PATHWAYS_CACHE_DIR`, else `$XDG_CACHE_HOME/pathways`, else
`~/.cache/pathways`; `PATHWAYS_CACHE=off` turns the cache off. A cache that cannot be
written or read is skipped, never an error.

The folder is kept to `$PATHWAYS_CACHE_MAX_MB` (512 MB unless set): after an entry is
written, the entries least recently used go until the rest fit (`prune`). Each data edit makes
a new key, and a large network's entry is tens of megabytes, so an unbounded cache would only
grow. Use is an entry's modification time, set when it is written or read: times decide only
what goes first, never whether an entry is valid. Only files named as entries are removed (a
key and a suffix, and temporary files of a write that never finished, after an hour), so a
`$PATHWAYS_CACHE_DIR` shared with other files loses none of them.

The command line keeps its validated dataset and merged graph here (the curated data with any
networks joined), so a query on unchanged files loads one pickle instead of importing and running
the TOML loader, the schema check and the merge. Answers are always computed; only loading is
cached. Commands that write files (`figures`, `render`, `slides`, `export`) call `turn_off()`:
they write nothing outside their output and the system's temporary folder, and a clean build
reuses nothing.

Standard library only, and `pickle` imported where used: importing this module costs next to
nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

__all__ = ["CACHE_VERSION", "MAX_MB", "cache_dir", "cached", "content_key", "entry_path", "limit_bytes",
           "prune", "read_entry", "store", "turn_off", "write_entry"]

T = TypeVar("T")
CACHE_VERSION = "1"  # bump when what is cached changes shape without its code files changing
MAX_MB = 512  # the folder's size after a write, unless $PATHWAYS_CACHE_MAX_MB says otherwise
_ENTRY = re.compile(r"[0-9a-f]{64}\.[a-z]+")  # a key and a suffix: the files `prune` may remove
_TEMPORARY = ".tmp-"  # the start of a write not yet finished (`_write`)
_UNFINISHED = re.compile(r"\.tmp-[a-z0-9_]{8}")  # such a file, as `tempfile.mkstemp` names it
_STALE_SECONDS = 3600  # a temporary file this old was left by a write that never finished
_turned_off = False  # by `turn_off`


def turn_off(off: bool = True) -> None:
    """No cache from now on in this process (`turn_off(False)` turns it back on): nothing read
    from it or written to it."""
    global _turned_off
    _turned_off = off


def cache_dir() -> Path | None:
    """Where entries live; None when the cache is turned off."""
    if _turned_off or os.environ.get("PATHWAYS_CACHE", "").lower() in ("off", "0", "no",
                                                                      "false"):
        return None
    if os.environ.get("PATHWAYS_CACHE_DIR"):
        return Path(os.environ["PATHWAYS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pathways"


def content_key(files: Iterable[Path], extra: str = "") -> str | None:
    """SHA-256 over the names and bytes of `files` (and `extra`); None if one cannot be read."""
    h = hashlib.sha256((CACHE_VERSION + extra).encode())
    for f in files:
        try:
            data = f.read_bytes()
        except OSError:
            return None
        h.update(f"{f}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def entry_path(name: str) -> Path | None:
    """Where the entry `name` (a key and a suffix) lives; None when the cache is off."""
    folder = cache_dir()
    return folder / name if folder is not None else None


def read_entry(name: str) -> bytes | None:
    """The bytes stored under `name`, or None (no entry, cache off or unreadable)."""
    path = entry_path(name)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: the last to go when the folder is pruned
    return data


def write_entry(name: str, data: bytes) -> None:
    """Store `data` under `name` (atomically, so no reader sees half an entry); nothing when
    the cache is off, and an error is ignored, since the cache only saves time."""
    path = entry_path(name)
    if path is not None and _write(path, data):
        prune(path.parent, limit_bytes(), keep=path.name)


def limit_bytes() -> int:
    """The most the cache folder holds after a write: `$PATHWAYS_CACHE_MAX_MB` megabytes (a
    whole number, 0 or more), else `MAX_MB`; a value that is not such a number is ignored."""
    text = os.environ.get("PATHWAYS_CACHE_MAX_MB", "").strip()
    mb = int(text) if text.isascii() and text.isdigit() else MAX_MB
    return mb * 1024 * 1024


def prune(folder: Path, limit: int, keep: str = "") -> list[str]:
    """Remove the entries of `folder` least recently used (oldest modification time first, then
    by name) until the rest hold at most `limit` bytes, never the entry named `keep` (the one
    just written), and temporary files older than an hour; returns the names removed. Files not
    named as entries are neither counted nor removed. Linear in the folder's entries and one
    sort; a file another process removed first is skipped."""
    now = time.time()
    entries: list[tuple[int, str, int]] = []
    removed: list[str] = []
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return removed
    for item in listing:
        try:
            if not item.is_file(follow_symlinks=False):
                continue
            info = item.stat(follow_symlinks=False)
        except OSError:
            continue
        if _UNFINISHED.fullmatch(item.name):
            if now - info.st_mtime > _STALE_SECONDS and _removed(item.path):
                removed.append(item.name)
        elif _ENTRY.fullmatch(item.name):
            entries.append((info.st_mtime_ns, item.name, info.st_size))
    total = sum(size for _, _, size in entries)
    for _, name, size in sorted(entries):
        if total <= limit:
            break
        if name != keep and _removed(os.path.join(folder, name)):
            removed.append(name)
            total -= size
    return removed


def _removed(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def cached(key: str | None, build: Callable[[], T]) -> T:
    """`build()`, or what it returned before for the same `key` (None: no cache)."""
    import pickle  # here, not above: `pathways.schema` uses this module without pickles

    data = read_entry(f"{key}.pickle") if key else None
    if data is not None:
        try:
            return pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError,
                TypeError, ValueError):
            pass  # a stale, damaged or foreign entry: built again, never reported
    value = build()
    if key and cache_dir() is not None:  # never pickled for nothing when the cache is off
        write_entry(f"{key}.pickle", _pickled(value))
    return value


def store(entry: Path, value: object) -> None:
    """Pickle `value` into the file `entry`, as `cached` does; an error is ignored."""
    _write(entry, _pickled(value))


def _pickled(value: object) -> bytes:
    import pickle

    try:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return b""  # nothing is written: the value is built again next time


def _write(path: Path, data: bytes) -> bool:
    """Write `data` to `path` atomically; whether it was written (an error is ignored)."""
    if not data:
        return False
    import tempfile  # only when an entry is written: most runs only read

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=_TEMPORARY, dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return True
