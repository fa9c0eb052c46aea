"""Cytoscape.js / Cytoscape desktop JSON (`.cyjs`), positioned by the Graphviz `dot` layout.

Values are flat (strings, numbers, lists of strings) so Cytoscape desktop can turn them into
table columns; Cytoscape.js reads the same file with `cy.add(data.elements)`. Labels are as a
person reads them (Ca²⁺, IC₅₀), with the data's markup (`Ca^{2+}`) kept in `markup`. Evidence is
a list of "quote [source id]" strings (a quote that contradicts the link ends "[contradicts]"),
measures a list of "Kᵢ 2.2 nM (context)" strings. Each edge carries its `certainty` ("stated",
"hedged" or "hypothesised", also under its older name `status`); compounds carry their `role`,
and every node its `look`, the kind as the figures draw it ("tool", "chemical" for a map's cAMP).

Compartments are compound (parent) nodes of `kind` "compartment", with id `compartment:` plus
the compartment's id; their members name them in `parent`. The is-a parent is therefore `is_a`.
Positions are in points with y pointing down, as in Cytoscape. An edge the layout bends
round other nodes carries its bend points as Cytoscape.js's `segments` edges take them:
`segment_weights` (how far along the line from its source's centre to its target's, 0 to 1)
and `segment_distances` (how far off that line, in points, positive to its left as y points
down), which the style maps with `edge-distances: node-position`; drawn straight, 5 of
Mij821's 19 links (17 of all 59) ran through a node they do not join in Cytoscape.js. The
figures' notation comes as a style next to the network (see `cytoscape_style`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain
from typing import TYPE_CHECKING, Any

from ..labels import Unique, readable, readable_evidence
from ..style import look_kind
from ._common import JsonLists, evidence_sources, sorted_edges, sorted_nodes
from ._layout import Point, graph_layout
from .cytoscape_style import COMPARTMENT_KIND

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["compartment_node_id", "edge_id", "export"]

TEXT_PAD = 8.0  # points between a node's border and its wrapped label
OUT = 6.0  # points off its source's border of an edge's first segment point (`_bends`)


def compartment_node_id(compartment: str) -> str:
    """Element id of a compartment's parent node; ":" never occurs in curated entity ids (a
    network's names may hold it: `_unique` tells them apart)."""
    return f"compartment:{compartment}"


def edge_id(source: str, target: str) -> str:
    """Element id of an edge; `->` never occurs in curated entity ids (see `compartment_node_id`)."""
    return f"{source}->{target}"


def _element_ids(nodes: Iterable[str]) -> Unique:
    """Element ids made unique: a wanted id, or `id#2`, `#3`, ... where an element has it
    already (the nodes keep theirs: the links name them). cytoscape.js keeps the first element
    of an id and drops the rest without a word, and a network's node named "a->b" (or
    "compartment:x") took the id of the link from a to b (or of the compartment)."""
    return Unique(nodes, lambda wanted, n: f"{wanted}#{n}")


def _measures(items: list[Mapping[str, str]]) -> list[str]:
    return [" ".join(p for p in (readable(m.get("markup", m["name"])), m["value"],
                                 f"({m['context']})" if m["context"] else "") if p)
            for m in items]


def _node(node: str, d: Mapping[str, Any], graph: nx.DiGraph,
          box: tuple[float, float, float, float], parents: Mapping[str, str]) -> dict[str, Any]:
    x, y, w, h = box
    label = readable(d["markup"])
    data = {
        "id": node, "name": label, "label": label, "markup": d["markup"],
        "kind": d["kind"], "role": d.get("role", ""), "look": look_kind(d["kind"], d.get("role")),
        "compartment": d["compartment"],
        "compartment_label": graph.graph.get("compartments", {}).get(d["compartment"], ""),
        "is_a": d["parent"], "synonyms": list(d["synonyms"]),
        "identifiers": list(d["identifiers"]), "info": list(d["info"]),
        "description": d["description"], "measures": _measures(d["measures"]),
        "width": round(w, 2), "height": round(h, 2),
        "text_width": round(max(w - 2 * TEXT_PAD, 10.0), 2),
    }
    if d["compartment"]:
        data["parent"] = parents[d["compartment"]]
    return {"data": data, "position": {"x": round(x, 2), "y": round(y, 2)}}


def _compartment(key: str, graph: nx.DiGraph, element: str) -> dict[str, Any]:
    label = graph.graph.get("compartments", {}).get(key, key)
    return {"data": {"id": element, "name": label, "label": label,
                     "kind": COMPARTMENT_KIND, "look": COMPARTMENT_KIND, "compartment": key}}


def segments(source: Point, target: Point, bends: Iterable[Point]
             ) -> tuple[list[float], list[float]]:
    """The `bends` of an edge from the node centred at `source` to the one at `target` as
    Cytoscape.js's segment weights and distances (`edge-distances: node-position`): each
    point's share of the way along the line between the centres, and its distance off it along
    the normal (-dy, dx) / length, as Cytoscape.js sets a segment point."""
    dx, dy = target[0] - source[0], target[1] - source[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:  # a loop: no line to measure from
        return [], []
    length = length2 ** 0.5
    weights, distances = [], []
    for x, y in bends:
        px, py = x - source[0], y - source[1]
        weights.append(round((px * dx + py * dy) / length2, 4))
        distances.append(round((px * -dy + py * dx) / length, 2))
    return weights, distances


def _bends(route: tuple[Point, ...]) -> tuple[Point, ...]:
    """The points Cytoscape.js should draw an edge through to follow the layout's `route`
    (source border, bends, the arrow's start, its tip), where it bends: a point OUT points
    along it from the source's border, the bends and the arrow's start, so that the edge also
    leaves and enters its nodes where the layout has it (drawn from each node's centre to the
    first bend, `mgs0039 -> dopamine` crossed a phenotype beside MGS0039; a point on the
    border itself leaves Cytoscape.js no endpoint to draw from). None where it runs straight."""
    if len(route) <= 3:
        return ()
    (x0, y0), (x1, y1) = route[0], route[1]
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    t = min(OUT / length, 0.5) if length else 0.0
    return ((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t), *route[1:-1])


def _edge(u: str, v: str, d: Mapping[str, Any], element: str,
          bends: tuple[list[float], list[float]] = ([], [])) -> dict[str, Any]:
    weights, distances = bends
    return {"data": {
        "id": element, "source": u, "target": v, "interaction": d["effect"],
        "effect": d["effect"], "sign": d["sign"], "certainty": d["status"],
        "status": d["status"], "label": readable(d["label"]), "markup": d["label"],
        "mechanisms": list(d["mechanisms"]), "compounds": list(d["compounds"]),
        "sources": evidence_sources(d),
        "evidence": [f"{ev['quote']} [{ev['source']}]"
                     + (" [contradicts]" if ev.get("contradicts") else "")
                     for ev in readable_evidence(d["evidence"])],
        "measures": _measures(d["measures"]),
        **({"segment_weights": weights, "segment_distances": distances} if weights else {}),
    }}


def export(graph: nx.DiGraph) -> str:
    """Cytoscape JSON text; runs Graphviz once for the positions."""
    layout = graph_layout(graph)
    boxes = layout.nodes
    sources = graph.graph.get("sources", {})
    unique = _element_ids(graph.nodes)
    parents = {c: unique(compartment_node_id(c)) for c in
               sorted({d["compartment"] for _, d in sorted_nodes(graph)} - {""})}
    lists = JsonLists()  # the elements made and encoded one at a time, the text the same
    doc = {
        "format_version": "1.0",
        "generated_by": "pathways",
        "target_cytoscapejs_version": "~2.1",
        "data": {
            "name": "pathways",
            "sources": [f"{sid}: {sources[sid].get('citation', '')}" for sid in sorted(sources)],
        },
        "elements": {
            "nodes": lists.slot(chain(
                (_compartment(c, graph, element) for c, element in parents.items()),
                (_node(n, d, graph, boxes[n], parents) for n, d in sorted_nodes(graph)))),
            "edges": lists.slot(
                _edge(u, v, d, unique(edge_id(u, v)),
                      segments(boxes[u][:2], boxes[v][:2], _bends(layout.edges.get((u, v), ()))))
                for u, v, d in sorted_edges(graph)),
        },
    }
    return lists.dumps(doc) + "\n"
