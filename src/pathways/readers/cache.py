"""A cache of network graphs keyed by the file's content, so a second run on an unchanged file
skips parsing and building.

The key is a SHA-256 of the file's bytes, the path as given (it is cited in the evidence), the
format asked for and `CACHE_VERSION`; never a timestamp, so touching a file does not invalidate
it and editing it always does. Entries are pickles in `$PATHWAYS_CACHE_DIR`, else
`$XDG_CACHE_HOME/pathways/networks`, else `~/.cache/pathways/networks`; `PATHWAYS_CACHE=off`
turns the cache off. A cache that cannot be written or read is skipped, never an error.

`cached` keeps any value under a key of the caller's making: the command line keeps the whole
joined graph (curated data and networks) under the content of every file it was built from and
of the code that builds it, so a second run on unchanged files skips reading, checking and
joining as well.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ._common import ReadError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CACHE_VERSION", "cache_dir", "cache_key", "cached", "content_key",
           "load_network_graph"]

T = TypeVar("T")
CACHE_VERSION = "1"  # bump when a reader or the graph it builds changes


def cache_dir() -> Path | None:
    """Where entries live; None when the cache is turned off."""
    if os.environ.get("PATHWAYS_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    if os.environ.get("PATHWAYS_CACHE_DIR"):
        return Path(os.environ["PATHWAYS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pathways" / "networks"


def cache_key(raw: bytes, path: Path, fmt: str | None) -> str:
    """SHA-256 of the content, the path as given, the format asked for and the cache version."""
    h = hashlib.sha256()
    for part in (CACHE_VERSION, str(path), fmt or ""):
        h.update(part.encode() + b"\0")
    h.update(raw)
    return h.hexdigest()


def content_key(files: list[Path], extra: str = "") -> str | None:
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
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    value = build()
    if entry is not None:
        _store(entry, value)
    return value


def _store(entry: Path, value: object) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=entry.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except OSError:
        pass


def load_network_graph(path: str | Path, fmt: str | None = None, *, use_cache: bool = True
                       ) -> nx.DiGraph:
    """The graph of one network file (`merge.network_graph` of `read_network`), from the cache
    when an entry for this exact content exists, else read and stored."""
    from ..merge import network_graph
    from . import read_network

    path = Path(path)
    folder = cache_dir() if use_cache else None
    entry = None
    if folder is not None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ReadError(path, f"cannot read: {exc.strerror or exc}") from None
        entry = folder / f"{cache_key(raw, path, fmt)}.pickle"
        try:
            with entry.open("rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    graph = network_graph(read_network(path, fmt))
    if entry is not None:
        _store(entry, graph)
    return graph
