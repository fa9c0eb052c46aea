"""Exporters: one module per file format, all fed the same merged graph, listed in one registry.

Every exporter is a pure function `export(graph) -> str` returning the whole file text, so the CLI
can write it atomically and tests can compare strings. None mutates the graph; all are
deterministic (sorted nodes and edges, stable key order, no timestamps).

>>> from pathways.exporters import export, format_for_path
>>> format_for_path("out/k.sif")
'sif'
>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_edge("a", "b", sign="+")
>>> export(g, "sif")
'a\\tactivates\\tb\\n'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from ..errors import UsageError
from . import (
    csv_edges,
    cyjs,
    cytoscape_style,
    dot_export,
    graphml,
    json_nodelink,
    mermaid,
    sbgn,
    sif,
    tsv,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EXPORTERS", "Exporter", "companion_path", "export", "format_for_path",
           "get_exporter"]


@dataclass(frozen=True)
class Exporter:
    """One output format: its name (`--format`), file suffixes, a one-line description for help
    texts, and the function that turns a merged graph into the file's text."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    export: Callable[[nx.DiGraph], str]
    needs_graphviz: bool = False  # the layout of the coordinates comes from Graphviz `dot`
    # Files written next to the main one, as {suffix: text} (e.g. the Cytoscape styles).
    extras: Callable[[nx.DiGraph], dict[str, str]] | None = None
    edges_only: bool = False  # an edge list: a node without a link has no row in it

    def companions(self, graph: nx.DiGraph) -> dict[str, str]:
        """The texts of the files that go next to the export, keyed by their suffix."""
        return self.extras(graph) if self.extras else {}


EXPORTERS: dict[str, Exporter] = {e.name: e for e in sorted((
    Exporter("csv", (".csv",), "one row per edge per evidence quote, for spreadsheets",
             csv_edges.export, edges_only=True),
    Exporter("cyjs", (".cyjs",), "Cytoscape.js / Cytoscape desktop JSON with Graphviz positions, "
             "with its style (.style.json, .styles.xml)",
             cyjs.export, needs_graphviz=True, extras=cytoscape_style.companions),
    Exporter("dot", (".dot", ".gv"), "Graphviz DOT: plain boxes, arrowheads by sign",
             dot_export.export),
    Exporter("graphml", (".graphml",), "GraphML with typed attributes and Graphviz positions "
             "(Cytoscape, Gephi, yEd)", graphml.export, needs_graphviz=True),
    Exporter("json", (".json",), "networkx node-link JSON: the full merged graph, reloadable",
             json_nodelink.export),
    Exporter("mermaid", (".mmd", ".mermaid"), "Mermaid flowchart for Markdown",
             mermaid.export),
    Exporter("sbgn", (".sbgn", ".sbgnml"), "SBGN-ML 0.3 Activity Flow map with Graphviz layout",
             sbgn.export, needs_graphviz=True),
    Exporter("sif", (".sif",), "Simple Interaction Format: source, relation, target",
             sif.export),
    Exporter("tsv", (".tsv",), "signed edge list, OmniPath-style columns", tsv.export,
             edges_only=True),
), key=lambda e: e.name)}


def _formats() -> str:
    return ", ".join(sorted(EXPORTERS))


def get_exporter(name: str) -> Exporter:
    """The exporter for a format name; UsageError naming the available formats otherwise."""
    try:
        return EXPORTERS[name]
    except KeyError:
        from ..labels import did_you_mean

        hint = did_you_mean(name, EXPORTERS)
        raise UsageError(f"unknown export format {name!r}; {hint}available: {_formats()}"
                         ) from None


def format_for_path(path: str | PurePath) -> str:
    """The format a file name asks for by its suffix (case-insensitive): 'k.graphml' -> 'graphml'.

    `.json` is the node-link format; Cytoscape JSON is `.cyjs`.
    """
    suffix = PurePath(path).suffix.lower()
    for exporter in EXPORTERS.values():
        if suffix in exporter.suffixes:
            return exporter.name
    known = ", ".join(sorted(s for e in EXPORTERS.values() for s in e.suffixes))
    raise UsageError(f"cannot tell the export format of {str(path)!r} from its suffix "
                     f"({known}); pass --format, one of: {_formats()}")


def companion_path(output: Path, suffix: str) -> Path:
    """Where a companion file of `output` goes: `out/k.cyjs` + `.style.json` ->
    `out/k.style.json`."""
    return output.with_name(output.stem + suffix)


def export(graph: nx.DiGraph, fmt: str) -> str:
    """The text of `graph` in format `fmt` (a name from EXPORTERS)."""
    return get_exporter(fmt).export(graph)
