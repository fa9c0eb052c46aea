"""A cache of network graphs keyed by the file's content, so a second run on an unchanged file
skips parsing and building.

The key is a SHA-256 of the file's bytes, the path as given (it is cited in the evidence), the
format asked for and `CACHE_VERSION`; never a timestamp, so touching a file does not invalidate
it and editing it always does. Entries are pickles in `$PATHWAYS_CACHE_DIR`, else
`$XDG_CACHE_HOME/pathways`, else `~/.cache/pathways`; `PATHWAYS_CACHE=off`
turns the cache off. A cache that cannot be written or read is skipped, never an error.

The folder, `cached` and `content_key` are those of `pathways.cache` (re-exported here), which
also keeps the command line's whole joined graph, so a second run on unchanged files skips
reading, checking and joining as well.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from ..cache import CACHE_VERSION, cache_dir, cached, content_key, store
from ._common import ReadError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CACHE_VERSION", "cache_dir", "cache_key", "cached", "content_key",
           "load_network_graph"]

def cache_key(raw: bytes, path: Path, fmt: str | None) -> str:
    """SHA-256 of the content, the path as given, the format asked for, the cache version and
    the code that reads and builds a network (`_code_digest`)."""
    h = hashlib.sha256()
    for part in (CACHE_VERSION, _code_digest(), str(path), fmt or ""):
        h.update(part.encode() + b"\0")
    h.update(raw)
    return h.hexdigest()


# The package's files a network's graph is built by (globs relative to the package): a new
# version of them reads a file afresh. Without them in the key, a file read before a reader
# learnt to refuse a control character was still answered from the cache, and a graph pickled
# by older code came back without what newer code looks for.
_BUILT_BY = ("readers/*.py", "merge.py", "columns.py", "model.py", "labels.py")


@functools.cache
def _code_digest() -> str:
    """SHA-256 over the names and bytes of the files in _BUILT_BY, once a process."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for f in sorted({p for pattern in _BUILT_BY for p in package.glob(pattern)}):
        h.update(f"{f.relative_to(package)}\0".encode() + f.read_bytes())
    return h.hexdigest()


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
        store(entry, graph)
    return graph
