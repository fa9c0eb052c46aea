"""Node positions and edge routes for the formats that carry coordinates (cyjs, graphml, sbgn),
from one Graphviz layout.

The DOT is built here by pure functions, so it is testable as text; `pathways.render` runs it.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import RenderError
from ..labels import readable
from ..quoting import dot_string
from ._common import sorted_edges, sorted_nodes

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CLUSTER_MARGIN",
    "UNASSIGNED",
    "UNASSIGNED_LABEL",
    "Box",
    "Layout",
    "Point",
    "graph_layout",
    "label_node",
    "layout_source",
    "node_boxes",
    "text_widths",
]

Box = tuple[float, float, float, float]  # centre x, centre y, width, height; points, y down
Point = tuple[float, float]
UNASSIGNED = ""  # compartment key of the nodes that have none
UNASSIGNED_LABEL = "unassigned"  # label of their cluster, when they get one
WRAP = 22  # characters per label line: Graphviz sizes the boxes, viewers wrap to fit
CLUSTER_MARGIN = 20.0  # points between a cluster's nodes and its border
FONT = "Helvetica"
FONT_SIZE = 12.0


@dataclass(frozen=True)
class Layout:
    """Where Graphviz put things: node boxes, each edge's route (a polyline from the source's
    border to the target's, the arrow's tip last) and each compartment cluster's box (left, top,
    width, height) with its label's centre, keyed by compartment; points, y down."""

    nodes: dict[str, Box]
    edges: dict[tuple[str, str], tuple[Point, ...]]
    clusters: dict[str, tuple[tuple[float, float, float, float], Point | None]] = \
        field(default_factory=dict)
    labels: dict[str, Box] = field(default_factory=dict)  # compartment -> its label's box


def label_node(compartment: str) -> str:
    """The DOT name of the node that holds a compartment's label (":" is in no entity id)."""
    return f"label:{compartment}"


def _label(text: str, wrap: int | None) -> str:
    lines = (textwrap.wrap(text, wrap, break_long_words=False, break_on_hyphens=False)
             if wrap else [text]) or [""]
    return '"' + "\\n".join(dot_string(line)[1:-1] for line in lines) + '"'


def layout_source(graph: nx.DiGraph, *, cluster_unassigned: bool = False,
                  min_widths: Mapping[str, float] | None = None,
                  sizes: Mapping[str, tuple[float, float]] | None = None,
                  font: str = FONT, font_size: float = FONT_SIZE, wrap: int | None = WRAP,
                  skip_clusters: Iterable[str] = (),
                  label_sizes: Mapping[str, tuple[float, float]] | None = None) -> str:
    """Minimal DOT for the layout: boxes with readable labels, one cluster per compartment,
    edges routed as polylines (so their bend points can be written as straight segments).

    With `cluster_unassigned`, nodes without a compartment get a cluster of their own, so a
    compartment drawn around them does not overlap the others (SBGN AF needs one, see `sbgn`);
    nodes listed in `skip_clusters` stay outside every cluster. `min_widths` (points) widens
    boxes that must hold more than their label; `sizes` fixes a node's width and height.

    With `label_sizes` (compartment -> width, height), a compartment's label is an empty node of
    that size above the cluster's first members (tied to them by invisible edges) instead of the
    cluster's own label: edges are routed around nodes, not around cluster labels, so then no
    edge runs through a label.
    """
    label_sizes = label_sizes or {}
    min_widths = min_widths or {}
    sizes = sizes or {}
    skip = set(skip_clusters)
    groups: dict[str | None, list[str]] = {}
    for node, data in sorted_nodes(graph):
        groups.setdefault(None if node in skip else data["compartment"], []).append(node)
    lines = [
        'digraph "layout" {',
        '  graph [rankdir="TB", newrank="true", nodesep="0.35", ranksep="0.55", splines="polyline"];',
        f'  node [shape="box", fontname={dot_string(font)}, fontsize="{font_size:g}", '
        'margin="0.15,0.08"];',
    ]
    for key in sorted(groups, key=lambda k: (k is None, k or "")):
        indent = "  "
        clustered = key is not None and (key != UNASSIGNED or cluster_unassigned)
        if clustered:
            assert key is not None
            label = (UNASSIGNED_LABEL if key == UNASSIGNED
                     else graph.graph.get("compartments", {}).get(key, key))
            lines.append(f"  subgraph {dot_string('cluster_' + key)} {{")
            text = '""' if key in label_sizes else _label(label, wrap)
            lines.append(f"    graph [label={text}, fontname={dot_string(font)}, "
                         f'fontsize="{font_size:g}", margin="{CLUSTER_MARGIN:g}"];')
            indent = "    "
            if key in label_sizes:
                w, h = label_sizes[key]
                lines.append(f'    {dot_string(label_node(key))} [shape="plaintext", label="", '
                             f'width="{w / 72:.4f}", height="{h / 72:.4f}", fixedsize="true"];')
                inside = set(groups[key])
                for node in groups[key]:
                    if not any(p in inside for p in graph.predecessors(node)):
                        lines.append(f"    {dot_string(label_node(key))} -> {dot_string(node)} "
                                     '[style="invis"];')
        for node in groups[key]:
            extra = ""
            if node in sizes:
                w, h = sizes[node]
                extra = f', width="{w / 72:.4f}", height="{h / 72:.4f}", fixedsize="true"'
            elif node in min_widths:
                extra = f', width="{min_widths[node] / 72:.3f}"'
            text = readable(graph.nodes[node]["markup"])
            lines.append(f"{indent}{dot_string(node)} [label={_label(text, wrap)}{extra}];")
        if clustered:
            lines.append("  }")
    for u, v, _ in sorted_edges(graph):
        lines.append(f"  {dot_string(u)} -> {dot_string(v)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _point(text: str, height: float) -> Point:
    x, y = (float(v) for v in text.split(","))
    return x, height - y


def _route(pos: str, height: float) -> tuple[Point, ...]:
    """A Graphviz edge `pos` ("e,x,y p0 c c p1 ...") as a polyline: the Bezier pieces' end
    points (a polyline layout puts their control points on the segments), then the arrow tip."""
    parts = pos.split()
    tip = next((_point(p[2:], height) for p in parts if p.startswith("e,")), None)
    spline = [_point(p, height) for p in parts if not p.startswith(("e,", "s,"))]
    points = spline[::3] if len(spline) % 3 == 1 else [spline[0], spline[-1]]
    return tuple(points) + ((tip,) if tip is not None else ())


def graph_layout(graph: nx.DiGraph, **options: object) -> Layout:
    """Lay `graph` out with Graphviz `dot` (options as for `layout_source`); needs Graphviz."""
    from ..render import run_graphviz

    if graph.number_of_nodes() == 0:
        return Layout({}, {})
    source = layout_source(graph, **options)  # type: ignore[arg-type]
    data = json.loads(run_graphviz(source, fmt="json", label="export layout"))
    height = float(data["bb"].split(",")[3])
    names = {obj["_gvid"]: obj["name"] for obj in data.get("objects", [])}
    nodes: dict[str, Box] = {}
    for obj in data.get("objects", []):
        if "pos" in obj and "nodes" not in obj:
            x, y = _point(obj["pos"], height)
            nodes[obj["name"]] = (x, y, float(obj["width"]) * 72, float(obj["height"]) * 72)
    missing = sorted(set(graph.nodes) - set(nodes))
    if missing:
        raise RenderError(f"export layout: Graphviz placed no node for {', '.join(missing)}")
    edges = {(names[e["tail"]], names[e["head"]]): _route(e["pos"], height)
             for e in data.get("edges", []) if "pos" in e}
    labels = {}
    for obj in data.get("objects", []):
        if obj.get("name", "").startswith("label:") and "pos" in obj:
            x, y = _point(obj["pos"], height)
            labels[obj["name"][len("label:"):]] = (x, y, float(obj["width"]) * 72,
                                                   float(obj["height"]) * 72)
    clusters = {}
    for obj in data.get("objects", []):
        if "nodes" in obj and obj["name"].startswith("cluster_") and "bb" in obj:
            x0, y0, x1, y1 = (float(v) for v in obj["bb"].split(","))
            label = _point(obj["lp"], height) if "lp" in obj else None
            clusters[obj["name"][len("cluster_"):]] = ((x0, height - y1, x1 - x0, y1 - y0),
                                                       label)
    return Layout({n: nodes[n] for n in sorted(graph.nodes)}, edges, clusters, labels)


def node_boxes(graph: nx.DiGraph, *, cluster_unassigned: bool = False,
               min_widths: Mapping[str, float] | None = None) -> dict[str, Box]:
    """Every node's box from the Graphviz `dot` layout; needs Graphviz (see `pathways.render`)."""
    return graph_layout(graph, cluster_unassigned=cluster_unassigned,
                        min_widths=min_widths).nodes


def text_widths(texts: Iterable[str], font: str, size: float) -> dict[str, float]:
    """The width in points of each text set on one line in `font` at `size`, as Graphviz
    measures it (one run for all): what an SBGN renderer needs to fit a label."""
    from ..render import run_graphviz

    unique = sorted(set(texts))
    if not unique:
        return {}
    lines = ['digraph "measure" {',
             f'  node [shape="plaintext", margin="0", width="0", height="0", '
             f'fontname={dot_string(font)}, fontsize="{size:g}"];']
    lines += [f"  m{i} [label={dot_string(t)}];" for i, t in enumerate(unique)]
    lines.append("}")
    data = json.loads(run_graphviz("\n".join(lines) + "\n", fmt="json", label="text measure"))
    width = {obj["name"]: float(obj["width"]) * 72 for obj in data.get("objects", [])}
    return {t: width[f"m{i}"] for i, t in enumerate(unique)}
