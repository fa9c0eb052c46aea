"""Node positions and edge routes for the formats that carry coordinates (cyjs, graphml, sbgn),
from Graphviz.

A graph of up to `DOT_MAX` nodes and links is laid out whole by `dot` (layered, edges routed
round the nodes, compartments as clusters). `dot` grows much faster than that on a large
network (70 s at 10,000 nodes, past two minutes at 20,000 links), so a larger graph is laid
out one compartment at a time (`_large_layout`, `_block`): each connected part larger than
`DOT_MAX` by `sfdp` (multilevel force-directed, overlaps removed) up to `SFDP_MAX`, else on a
grid in id order with each box as Graphviz sizes it; the small parts together by `dot`; the
parts and the compartments side by side, links between them drawn straight. A viewer's own
layout (Cytoscape, Gephi, yEd) can take it from there.

The DOT is built here by pure functions, so it is testable as text; `pathways.render` runs it.
"""

from __future__ import annotations

import json
import math
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
    "Names",
    "Point",
    "graph_layout",
    "layout_source",
    "named_source",
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
DOT_MAX = 3_000  # nodes + links that `dot` lays out whole (a few seconds)
SFDP_MAX = 60_000  # nodes + links of one compartment that `sfdp` lays out (about 20 s at most)
GAP = 2 * CLUSTER_MARGIN  # points between compartments, and between grid boxes


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


@dataclass(frozen=True)
class Names:
    """What each DOT name of a layout source stands for. Nodes and clusters are named by their
    place in the source (`n0`, `cluster_0`, ...), never by their ids: Graphviz gives a quoted
    name back as written, its backslashes not undone, so an id with a backslash, a newline or
    a quote written into DOT would come back as another name."""

    nodes: dict[str, str]  # DOT name -> node id
    clusters: dict[str, str]  # DOT name of a cluster -> its compartment key
    labels: dict[str, str]  # DOT name of a node holding a compartment's label -> the compartment

    def boxes(self, found: Mapping[str, Box]) -> dict[str, Box]:
        """`found` (keyed by DOT name, as `render.json_boxes` gives them) keyed by node."""
        return {self.nodes[name]: box for name, box in found.items() if name in self.nodes}


def _names(groups: Mapping[str | None, list[str]]) -> tuple[dict[str, str], dict[str, str]]:
    """Each node's DOT name, and each compartment's cluster name, by their place in `groups`
    (compartment key, None for no cluster -> its nodes), in the order the source writes them."""
    nodes: dict[str, str] = {}
    clusters: dict[str, str] = {}
    for i, key in enumerate(sorted(groups, key=lambda k: (k is None, k or ""))):
        if key is not None:
            clusters[key] = f"cluster_{i}"
        for node in groups[key]:
            nodes[node] = f"n{len(nodes)}"
    return nodes, clusters


def _label(text: str, wrap: int | None) -> str:
    lines = (textwrap.wrap(text, wrap, break_long_words=False, break_on_hyphens=False)
             if wrap else [text]) or [""]
    return '"' + "\\n".join(dot_string(line)[1:-1] for line in lines) + '"'


def layout_source(graph: nx.DiGraph, **options: object) -> str:
    """The DOT text `named_source` writes for `graph` (options as there)."""
    return named_source(graph, **options)[0]  # type: ignore[arg-type]


def named_source(graph: nx.DiGraph, *, cluster_unassigned: bool = False,
                 min_widths: Mapping[str, float] | None = None,
                 sizes: Mapping[str, tuple[float, float]] | None = None,
                 font: str = FONT, font_size: float = FONT_SIZE, wrap: int | None = WRAP,
                 skip_clusters: Iterable[str] = (),
                 label_sizes: Mapping[str, tuple[float, float]] | None = None,
                 at_origin: bool = False) -> tuple[str, Names]:
    """Minimal DOT for the layout: boxes with readable labels, one cluster per compartment,
    edges routed as polylines (so their bend points can be written as straight segments).

    With `cluster_unassigned`, nodes without a compartment get a cluster of their own, so a
    compartment drawn around them does not overlap the others (SBGN AF needs one, see `sbgn`);
    nodes listed in `skip_clusters` stay outside every cluster. `min_widths` (points) widens
    boxes that must hold more than their label; `sizes` fixes a node's width and height.

    With `label_sizes` (compartment -> width, height), a compartment's label is an empty node of
    that size above the cluster's first members (tied to them by invisible edges) instead of the
    cluster's own label: edges are routed around nodes, not around cluster labels, so then no
    edge runs through a label. With `at_origin` every node is pinned at (0, 0) and no link is
    written: for sizing the boxes with no layout (`neato -n2`). Returns the text and what its
    DOT names stand for (`Names`).
    """
    label_sizes = label_sizes or {}
    min_widths = min_widths or {}
    sizes = sizes or {}
    skip = set(skip_clusters)
    groups: dict[str | None, list[str]] = {}
    for node, data in sorted_nodes(graph):
        groups.setdefault(None if node in skip else data["compartment"], []).append(node)
    names, cluster_names = _names(groups)
    label_names = {key: f"label{i}" for i, key in enumerate(sorted(label_sizes))}
    lines = [
        'digraph "layout" {',
        '  graph [rankdir="TB", newrank="true", nodesep="0.35", ranksep="0.55", splines="polyline"];',
        f'  node [shape="box", fontname={dot_string(font)}, fontsize="{font_size:g}", '
        'margin="0.15,0.08"' + (', pos="0,0"' if at_origin else '') + '];',
    ]
    for key in sorted(groups, key=lambda k: (k is None, k or "")):
        indent = "  "
        clustered = key is not None and (key != UNASSIGNED or cluster_unassigned)
        if clustered:
            assert key is not None
            label = (UNASSIGNED_LABEL if key == UNASSIGNED
                     else graph.graph.get("compartments", {}).get(key, key))
            lines.append(f"  subgraph {cluster_names[key]} {{")
            text = '""' if key in label_sizes else _label(label, wrap)
            lines.append(f"    graph [label={text}, fontname={dot_string(font)}, "
                         f'fontsize="{font_size:g}", margin="{CLUSTER_MARGIN:g}"];')
            indent = "    "
            if key in label_sizes:
                w, h = label_sizes[key]
                lines.append(f'    {label_names[key]} [shape="plaintext", label="", '
                             f'width="{w / 72:.4f}", height="{h / 72:.4f}", fixedsize="true"];')
                inside = set(groups[key])
                for node in groups[key]:
                    if not any(p in inside for p in graph.predecessors(node)):
                        lines.append(f"    {label_names[key]} -> {names[node]} "
                                     '[style="invis"];')
        for node in groups[key]:
            extra = ""
            if node in sizes:
                w, h = sizes[node]
                extra = f', width="{w / 72:.4f}", height="{h / 72:.4f}", fixedsize="true"'
            elif node in min_widths:
                extra = f', width="{min_widths[node] / 72:.3f}"'
            text = readable(graph.nodes[node]["markup"])
            lines.append(f"{indent}{names[node]} [label={_label(text, wrap)}{extra}];")
        if clustered:
            lines.append("  }")
    if not at_origin:
        lines += [f"  {names[u]} -> {names[v]};" for u, v, _ in sorted_edges(graph)]
    lines.append("}")
    return "\n".join(lines) + "\n", Names({n: node for node, n in names.items()},
                                           {n: key for key, n in cluster_names.items()},
                                           {n: key for key, n in label_names.items()})


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
    """Lay `graph` out with Graphviz `dot` (options as for `layout_source`), or a large graph
    one compartment at a time (`_large_layout`); needs Graphviz."""
    if graph.number_of_nodes() == 0:
        return Layout({}, {})
    if graph.number_of_nodes() + graph.number_of_edges() > DOT_MAX:
        return _large_layout(graph, **options)  # type: ignore[arg-type]
    return _dot_layout(graph, **options)


def _dot_layout(graph: nx.DiGraph, **options: object) -> Layout:
    """`graph` laid out whole by `dot`."""
    from ..render import json_boxes, run_graphviz

    source, named = named_source(graph, **options)  # type: ignore[arg-type]
    data = json.loads(run_graphviz(source, fmt="json", label="export layout"))
    height = float(data["bb"].split(",")[3])
    ids = {obj["_gvid"]: named.nodes.get(obj["name"]) for obj in data.get("objects", [])}
    found = json_boxes(data)
    nodes = named.boxes(found)
    missing = sorted(set(graph.nodes) - set(nodes))
    if missing:
        raise RenderError(f"export layout: Graphviz placed no node for {', '.join(missing)}")
    edges = {(ids[e["tail"]], ids[e["head"]]): _route(e["pos"], height)
             for e in data.get("edges", []) if "pos" in e and ids[e["tail"]] is not None
             and ids[e["head"]] is not None}
    labels = {named.labels[name]: box for name, box in found.items() if name in named.labels}
    clusters = {}
    for obj in data.get("objects", []):
        if "nodes" in obj and obj["name"] in named.clusters and "bb" in obj:
            x0, y0, x1, y1 = (float(v) for v in obj["bb"].split(","))
            label = _point(obj["lp"], height) if "lp" in obj else None
            clusters[named.clusters[obj["name"]]] = ((x0, height - y1, x1 - x0, y1 - y0),
                                                     label)
    return Layout({n: nodes[n] for n in sorted(graph.nodes)}, edges, clusters, labels)


def _large_layout(graph: nx.DiGraph, *, cluster_unassigned: bool = False,
                  skip_clusters: Iterable[str] = (),
                  label_sizes: Mapping[str, tuple[float, float]] | None = None,
                  **options: object) -> Layout:
    """A large graph's layout: each compartment (the nodes a `dot` layout would put in one
    cluster, and those in none) laid out on its own (`_block`), the compartments side by side
    in id order, top-aligned, each cluster's box round its nodes with room for its label on
    top. Links between compartments, and within one not laid out by `dot`, have no route:
    they are drawn straight. Linear in the graph's size but for the layout engines' own."""
    label_sizes = label_sizes or {}
    skip = set(skip_clusters)
    groups: dict[str | None, list[str]] = {}
    for node, data in sorted_nodes(graph):
        key = None if node in skip else data["compartment"]
        if key == UNASSIGNED and not cluster_unassigned:
            key = None
        groups.setdefault(key, []).append(node)
    nodes: dict[str, Box] = {}
    edges: dict[tuple[str, str], tuple[Point, ...]] = {}
    clusters: dict[str, tuple[tuple[float, float, float, float], Point | None]] = {}
    labels: dict[str, Box] = {}
    left = 0.0
    for key in sorted(groups, key=lambda k: (k is None, k or "")):
        block, routes, (width, height) = _block(graph, groups[key], **options)
        margin = CLUSTER_MARGIN if key is not None else 0.0
        label_w, label_h = label_sizes.get(key, (0.0, FONT_SIZE * 1.5)) if key is not None \
            else (0.0, 0.0)
        dx, dy = left + margin, margin + label_h
        nodes.update({n: (x + dx, y + dy, w, h) for n, (x, y, w, h) in block.items()})
        edges.update({e: tuple((x + dx, y + dy) for x, y in pts) for e, pts in routes.items()})
        outer_w = max(width, label_w) + 2 * margin
        if key is not None:
            clusters[key] = ((left, 0.0, outer_w, height + label_h + 2 * margin),
                             (left + outer_w / 2, margin + label_h / 2))
            if key in label_sizes:
                labels[key] = (left + outer_w / 2, margin + label_h / 2, label_w, label_h)
        left += outer_w + GAP
    return Layout({n: nodes[n] for n in sorted(graph.nodes)}, edges, clusters, labels)


Block = tuple[dict[str, Box], dict[tuple[str, str], tuple[Point, ...]], tuple[float, float]]


def _block(graph: nx.DiGraph, members: list[str], **options: object) -> Block:
    """One compartment's nodes laid out on their own, with the links among them: by `dot`
    where they come to at most `DOT_MAX` nodes + links (routes kept); else each connected part
    larger than that by `sfdp` (up to `SFDP_MAX`, else on a grid), the small parts together by
    `dot` (or on a grid, many of them), side by side: `sfdp` is slow on thousands of small
    parts and `dot` on one large one. Boxes and routes from the block's top left, y down,
    and the block's width and height."""
    import networkx as nx

    sub = graph.subgraph(members)
    if sub.number_of_nodes() + sub.number_of_edges() <= DOT_MAX:
        return _dot_block(sub, **options)
    parts = sorted((sorted(p) for p in nx.weakly_connected_components(sub)),
                   key=lambda p: p[0])
    small: list[str] = []
    blocks = []
    for part in parts:
        size = len(part) + sub.subgraph(part).number_of_edges()
        if size <= DOT_MAX:
            small += part
        elif size <= SFDP_MAX:
            blocks.append(_sfdp_block(sub.subgraph(part), **options))
        else:
            blocks.append(_placed(_grid(_sizes(graph, part, **options), part), {}))
    if small:
        rest = sub.subgraph(small)
        blocks.append(_dot_block(rest, **options)
                      if rest.number_of_nodes() + rest.number_of_edges() <= DOT_MAX
                      else _placed(_grid(_sizes(graph, small, **options), small), {}))
    return _side_by_side(blocks)


def _dot_block(sub: nx.DiGraph, **options: object) -> Block:
    layout = _dot_layout(sub, skip_clusters=list(sub), **options)
    return _placed(layout.nodes, layout.edges)


def _sfdp_block(sub: nx.DiGraph, **options: object) -> Block:
    from ..render import json_boxes, run_graphviz

    source, named = named_source(sub, skip_clusters=list(sub), **options)  # type: ignore[arg-type]
    data = json.loads(run_graphviz(source, engine="sfdp", fmt="json", label="export layout",
                                   args=("-Gsplines=false", "-Goverlap=prism")))
    return _placed(named.boxes(json_boxes(data)), {})


def _placed(boxes: dict[str, Box], routes: dict[tuple[str, str], tuple[Point, ...]]) -> Block:
    """`boxes` and `routes` moved so that the boxes start at (0, 0), with their extent."""
    if not boxes:
        return {}, {}, (0.0, 0.0)
    x0 = min(x - w / 2 for x, _, w, _ in boxes.values())
    y0 = min(y - h / 2 for _, y, _, h in boxes.values())
    x1 = max(x + w / 2 for x, _, w, _ in boxes.values())
    y1 = max(y + h / 2 for _, y, _, h in boxes.values())
    return ({n: (x - x0, y - y0, w, h) for n, (x, y, w, h) in boxes.items()},
            {e: tuple((x - x0, y - y0) for x, y in pts) for e, pts in routes.items()},
            (x1 - x0, y1 - y0))


def _side_by_side(blocks: list[Block]) -> Block:
    """`blocks` in a row, top-aligned, `GAP` apart."""
    boxes: dict[str, Box] = {}
    routes: dict[tuple[str, str], tuple[Point, ...]] = {}
    left = height = 0.0
    for block, paths, (w, h) in blocks:
        boxes.update({n: (x + left, y, bw, bh) for n, (x, y, bw, bh) in block.items()})
        routes.update({e: tuple((x + left, y) for x, y in pts) for e, pts in paths.items()})
        left, height = left + w + GAP, max(height, h)
    return boxes, routes, (max(left - GAP, 0.0), height)


def _sizes(graph: nx.DiGraph, members: list[str], **options: object
           ) -> dict[str, tuple[float, float]]:
    """Each node's box (width, height) as Graphviz sizes it for the layout, with no layout:
    every node pinned at the origin and drawn by `neato -n2` (linear, where laying out one
    rank of 10^5 nodes is not)."""
    from ..render import json_boxes, run_graphviz

    source, named = named_source(graph.subgraph(members), skip_clusters=members,
                                 at_origin=True, **options)  # type: ignore[arg-type]
    data = json.loads(run_graphviz(source, engine="neato", fmt="json", label="export layout",
                                   args=("-n2",)))
    return {n: (w, h) for n, (_, _, w, h) in named.boxes(json_boxes(data)).items()}


def _grid(sizes: Mapping[str, tuple[float, float]], order: list[str]) -> dict[str, Box]:
    """Boxes of `sizes` on a grid in `order`, about as wide as it is tall, `GAP` apart."""
    if not sizes:
        return {}
    cell_w = max(w for w, _ in sizes.values()) + GAP
    cell_h = max(h for _, h in sizes.values()) + GAP
    columns = max(1, math.ceil(math.sqrt(len(sizes) * cell_h / cell_w)))
    return {n: ((i % columns + 0.5) * cell_w, (i // columns + 0.5) * cell_h, *sizes[n])
            for i, n in enumerate(order)}


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
             f'fontname={dot_string(font)}, fontsize="{size:g}", pos="0,0"];']
    lines += [f"  m{i} [label={dot_string(t)}];" for i, t in enumerate(unique)]
    lines.append("}")
    # Pinned and drawn by `neato -n2`: no layout, so linear in the texts (`dot` would lay
    # them out in one rank, which grows as their square).
    data = json.loads(run_graphviz("\n".join(lines) + "\n", engine="neato", fmt="json",
                                   label="text measure", args=("-n2",)))
    width = {obj["name"]: float(obj["width"]) * 72 for obj in data.get("objects", [])}
    return {t: width[f"m{i}"] for i, t in enumerate(unique)}
