"""Node positions for the formats that carry coordinates (cyjs, sbgn), from one Graphviz layout.

The DOT is built here by a pure function, so it is testable as text; `pathways.render` runs it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..errors import RenderError
from ..quoting import dot_string
from ._common import sorted_edges, sorted_nodes

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CLUSTER_MARGIN", "UNASSIGNED", "UNASSIGNED_LABEL", "Box", "layout_source", "node_boxes"]

Box = tuple[float, float, float, float]  # centre x, centre y, width, height; points, y down
UNASSIGNED = ""  # compartment key of the nodes that have none
UNASSIGNED_LABEL = "unassigned"  # label of their cluster, when they get one
WRAP = 22  # characters per label line: Graphviz sizes the boxes, viewers wrap to fit
CLUSTER_MARGIN = 20.0  # points between a cluster's nodes and its border


def _label(text: str) -> str:
    lines = textwrap.wrap(text, WRAP, break_long_words=False, break_on_hyphens=False) or [""]
    return '"' + "\\n".join(dot_string(line)[1:-1] for line in lines) + '"'


def layout_source(graph: nx.DiGraph, *, cluster_unassigned: bool = False,
                  min_widths: Mapping[str, float] | None = None) -> str:
    """Minimal DOT for the layout: boxes with plain labels, one cluster per compartment.

    With `cluster_unassigned`, nodes without a compartment get a cluster of their own, so a
    compartment drawn around them does not overlap the others (SBGN AF needs one, see `sbgn`).
    `min_widths` (points) widens boxes that must hold more than their label.
    """
    min_widths = min_widths or {}
    groups: dict[str, list[str]] = {}
    for node, data in sorted_nodes(graph):
        groups.setdefault(data["compartment"], []).append(node)
    lines = [
        'digraph "layout" {',
        '  graph [rankdir="TB", nodesep="0.35", ranksep="0.55"];',
        '  node [shape="box", fontname="Helvetica", fontsize="12", margin="0.15,0.08"];',
    ]
    for key in sorted(groups):
        indent = "  "
        if key != UNASSIGNED or cluster_unassigned:
            label = (UNASSIGNED_LABEL if key == UNASSIGNED
                     else graph.graph.get("compartments", {}).get(key, key))
            lines.append(f"  subgraph {dot_string('cluster_' + key)} {{")
            lines.append(f'    graph [label={_label(label)}, margin="{CLUSTER_MARGIN:g}"];')
            indent = "    "
        for node in groups[key]:
            width = f', width="{min_widths[node] / 72:.3f}"' if node in min_widths else ""
            lines.append(f"{indent}{dot_string(node)} [label="
                         f"{_label(graph.nodes[node]['label'])}{width}];")
        if indent != "  ":
            lines.append("  }")
    for u, v, _ in sorted_edges(graph):
        lines.append(f"  {dot_string(u)} -> {dot_string(v)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def node_boxes(graph: nx.DiGraph, *, cluster_unassigned: bool = False,
               min_widths: Mapping[str, float] | None = None) -> dict[str, Box]:
    """Every node's box from the Graphviz `dot` layout; needs Graphviz (see `pathways.render`)."""
    from ..render import layout_positions

    if graph.number_of_nodes() == 0:
        return {}
    source = layout_source(graph, cluster_unassigned=cluster_unassigned, min_widths=min_widths)
    boxes = layout_positions(source, label="export layout")
    missing = sorted(set(graph.nodes) - set(boxes))
    if missing:
        raise RenderError(f"export layout: Graphviz placed no node for {', '.join(missing)}")
    return {n: boxes[n] for n in sorted(graph.nodes)}
