"""Simple Interaction Format: `source<TAB>relation<TAB>target`, one line per edge.

The relation is the edge's sign as a word: `activates` (+), `inhibits` (-), `unknown` (?), so
Cytoscape can style by interaction type. Nodes without edges follow as lines of their id alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._common import SIGN_RELATIONS, sorted_edges

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["export"]


def export(graph: nx.DiGraph) -> str:
    """SIF text: edges sorted by (source, target), then isolated nodes sorted."""
    lines = [f"{u}\t{SIGN_RELATIONS[d['sign']]}\t{v}" for u, v, d in sorted_edges(graph)]
    lines.extend(n for n in sorted(graph.nodes) if graph.degree(n) == 0)
    return "".join(line + "\n" for line in lines)
