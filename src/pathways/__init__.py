"""pathways: drug mechanisms as validated signalling-pathway graphs, convergence queries and
slide-ready diagrams.

>>> import pathways
>>> pw = pathways.load()            # the shipped data folder; pathways.load("path/to/graphs")
>>> pw.converge("mTOR")             # doctest: +SKIP
"""

# The submodule `pathways.load` is imported first, so that the name `load` below is the function
# (a submodule imported later would replace its package's attribute of the same name).
from . import load as _load_module  # noqa: F401
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
