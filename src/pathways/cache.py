"""A content-keyed cache of built values (pickles), so a second run on unchanged inputs skips
the work that built them.

A key is a SHA-256 of what the value is built from: the names and bytes of its input files
(data and the code that reads them) and any extra text; never a timestamp, so touching a file
does not invalidate an entry and editing one always does. Entries are pickles in
`$PATHWAYS_CACHE_DIR`, else `$XDG_CACHE_HOME/pathways/networks`, else
`~/.cache/pathways/networks`; `PATHWAYS_CACHE=off` turns the cache off. A cache that cannot be
written or read is skipped, never an error.

The command line keeps its merged graph here (the curated data with any networks joined), so a
query on unchanged files loads one pickle instead of importing and running the TOML loader, the
schema check and the merge. Answers are always computed; only loading is cached.

Standard library only: importing this module costs next to nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

__all__ = ["CACHE_VERSION", "cache_dir", "cached", "content_key", "store"]

T = TypeVar("T")
CACHE_VERSION = "1"  # bump when what is cached changes shape without its code files changing

# What a stale or foreign entry raises when read: it is then rebuilt, never reported.
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
               IndexError, TypeError, ValueError)


def cache_dir() -> Path | None:
    """Where entries live; None when the cache is turned off."""
    if os.environ.get("PATHWAYS_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    if os.environ.get("PATHWAYS_CACHE_DIR"):
        return Path(os.environ["PATHWAYS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pathways" / "networks"


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


def cached(key: str | None, build: Callable[[], T]) -> T:
    """`build()`, or what it returned before for the same `key` (None: no cache)."""
    folder = cache_dir()
    entry = folder / f"{key}.pickle" if folder is not None and key else None
    if entry is not None:
        try:
            with entry.open("rb") as fh:
                return pickle.load(fh)
        except _UNREADABLE:
            pass
    value = build()
    if entry is not None:
        store(entry, value)
    return value


def store(entry: Path, value: object) -> None:
    """Write `value` to `entry` atomically (a reader never sees half a pickle); an error is
    ignored, since the cache only saves time."""
    tmp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=entry.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        tmp = None
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
