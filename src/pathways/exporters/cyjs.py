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
Positions are in points with y pointing down, as in Cytoscape. The figures' notation comes as a
style next to the network (see `cytoscape_style`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain
from typing import TYPE_CHECKING, Any

from ..labels import Unique, readable, readable_evidence
from ..style import look_kind
from ._common import JsonLists, evidence_sources, sorted_edges, sorted_nodes
from ._layout import node_boxes
from .cytoscape_style import COMPARTMENT_KIND

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["compartment_node_id", "edge_id", "export"]

TEXT_PAD = 8.0  # points between a node's border and its wrapped label


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


def _edge(u: str, v: str, d: Mapping[str, Any], element: str) -> dict[str, Any]:
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
    }}


def export(graph: nx.DiGraph) -> str:
    """Cytoscape JSON text; runs Graphviz once for the positions."""
    boxes = node_boxes(graph)
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
            "edges": lists.slot(_edge(u, v, d, unique(edge_id(u, v)))
                                for u, v, d in sorted_edges(graph)),
        },
    }
    return lists.dumps(doc) + "\n"
