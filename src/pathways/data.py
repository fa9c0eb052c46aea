"""Where the shipped data folder is: `graphs/` of a checkout, installed as `pathways/graphs`.

The repository's `graphs/` is the one source of truth; `pyproject.toml` maps it into the wheel as
package data, so an installed `pathways` finds the same files anywhere, and an editable install
or `python cli.py` reads the checkout's own folder.
"""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError

__all__ = ["shipped_graphs"]

_PACKAGE = Path(__file__).resolve().parent


def shipped_graphs() -> Path:
    """The data folder that ships with `pathways` (UsageError if this install has none)."""
    for candidate in (_PACKAGE / "graphs", _PACKAGE.parent.parent / "graphs"):
        if (candidate / "entities.toml").is_file():
            return candidate
    raise UsageError("the shipped graphs folder is missing from this install; "
                     "pass --graphs DIR (or set PATHWAYS_GRAPHS)")
