"""pathways: drug mechanisms as validated signalling-pathway graphs, convergence queries and
slide-ready diagrams.

>>> import pathways
>>> pw = pathways.load()            # the shipped data folder; pathways.load("path/to/graphs")
>>> pw.converge("mTOR")             # doctest: +SKIP

The names below are imported on first use (PEP 562), so `import pathways` and the command
line's `--help` cost only what they use: the loader, the schema and networkx are imported when
data is first read, not when the package is.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import (
        Convergences,
        Description,
        Figure,
        Pathways,
        Routes,
        Shared,
        Table,
        describe_compound,
        load,
    )
    from .data import shipped_graphs
    from .errors import DataError, GraphvizNotFound, PathwaysError, RenderError, UsageError

__version__ = "0.1.0"

# Public name -> the submodule that defines it.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(("Convergences", "Description", "Figure", "Pathways", "Routes", "Shared",
                     "Table", "describe_compound", "load"), "api"),
    "shipped_graphs": "data",
    **dict.fromkeys(("DataError", "GraphvizNotFound", "PathwaysError", "RenderError",
                     "UsageError"), "errors"),
}

__all__ = [
    "Convergences",
    "DataError",
    "Description",
    "Figure",
    "GraphvizNotFound",
    "Pathways",
    "PathwaysError",
    "RenderError",
    "Routes",
    "Shared",
    "Table",
    "UsageError",
    "__version__",
    "describe_compound",
    "load",
    "shipped_graphs",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use and keep the name (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


class _Package(ModuleType):
    """The package module, keeping `pathways.load` the library's load() function.

    Importing the submodule `pathways.load` makes Python set the package attribute `load` to that
    module; the name belongs to the function (`pathways.load()`), so the module is left to
    `sys.modules["pathways.load"]`, where `from pathways.load import ...` finds it.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "load" and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
