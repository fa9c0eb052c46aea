"""Cytoscape.js / Cytoscape desktop JSON (`.cyjs`), positioned by the Graphviz `dot` layout.

Values are flat (strings, numbers, lists of strings) so Cytoscape desktop can turn them into
table columns; Cytoscape.js reads the same file with `cy.add(data.elements)`. Evidence is a
list of "quote [source id]" strings, measures a list of "Ki 2.2 nM (context)" strings. The is-a
parent is `is_a`, not `parent`, which Cytoscape.js reserves for compound (nested) nodes.
Positions are in points with y pointing down, as in Cytoscape.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._common import evidence_sources, sorted_edges, sorted_nodes
from ._layout import node_boxes

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["edge_id", "export"]


def edge_id(source: str, target: str) -> str:
    """Element id of an edge; `->` cannot occur in entity ids, so it never clashes with a node."""
    return f"{source}->{target}"


def _measures(items: list[Mapping[str, str]]) -> list[str]:
    return [" ".join(p for p in (m["name"], m["value"], f"({m['context']})" if m["context"] else "")
                     if p) for m in items]


def _node(node: str, d: Mapping[str, Any], graph: nx.DiGraph,
          box: tuple[float, float, float, float]) -> dict[str, Any]:
    x, y, w, h = box
    data = {
        "id": node, "name": d["label"], "label": d["label"], "markup": d["markup"],
        "kind": d["kind"], "compartment": d["compartment"],
        "compartment_label": graph.graph.get("compartments", {}).get(d["compartment"], ""),
        "is_a": d["parent"], "synonyms": list(d["synonyms"]),
        "identifiers": list(d["identifiers"]), "info": list(d["info"]),
        "description": d["description"], "measures": _measures(d["measures"]),
        "width": round(w, 2), "height": round(h, 2),
    }
    return {"data": data, "position": {"x": round(x, 2), "y": round(y, 2)}}


def _edge(u: str, v: str, d: Mapping[str, Any]) -> dict[str, Any]:
    return {"data": {
        "id": edge_id(u, v), "source": u, "target": v, "interaction": d["effect"],
        "effect": d["effect"], "sign": d["sign"], "status": d["status"], "label": d["label"],
        "mechanisms": list(d["mechanisms"]), "compounds": list(d["compounds"]),
        "sources": evidence_sources(d),
        "evidence": [f"{ev['quote']} [{ev['source']}]" for ev in d["evidence"]],
        "measures": _measures(d["measures"]),
    }}


def export(graph: nx.DiGraph) -> str:
    """Cytoscape JSON text; runs Graphviz once for the positions."""
    boxes = node_boxes(graph)
    sources = graph.graph.get("sources", {})
    doc = {
        "format_version": "1.0",
        "generated_by": "pathways",
        "target_cytoscapejs_version": "~2.1",
        "data": {
            "name": "pathways",
            "sources": [f"{sid}: {sources[sid].get('citation', '')}" for sid in sorted(sources)],
        },
        "elements": {
            "nodes": [_node(n, d, graph, boxes[n]) for n, d in sorted_nodes(graph)],
            "edges": [_edge(u, v, d) for u, v, d in sorted_edges(graph)],
        },
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
