"""Graphviz DOT of the merged graph as data: plain labels, every id and value quoted.

Not a styled figure (that is `pathways.dot`): boxes, one cluster per compartment (labelled in
the nodes' font), arrowheads by sign (`normal` +, `tee` -, `odot` unknown), line style by
certainty as in the figures (solid stated, dotted hedged, dashed hypothesised). Labels are as a
person reads them (Ca²⁺); the data rides along as extra attributes (markup, kind, role,
identifiers, effect, sign, certainty and its older name status, compounds, mechanisms) that
Graphviz ignores and DOT readers (pydot, networkx) keep. Lists are joined with "; ".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..labels import readable
from ..quoting import dot_string
from ..style import CERTAINTY_STYLES
from ._common import sorted_edges, sorted_nodes

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ARROWHEADS", "export"]

ARROWHEADS: Mapping[str, str] = MappingProxyType({"+": "normal", "-": "tee", "?": "odot"})


def _attrs(attrs: Mapping[str, str]) -> str:
    return ", ".join(f"{key}={dot_string(value)}" for key, value in attrs.items())


def _node_attrs(d: Mapping[str, Any]) -> dict[str, str]:
    return {"label": readable(d["markup"]), "markup": d["markup"], "kind": d["kind"],
            "role": d.get("role", ""), "identifiers": "; ".join(d["identifiers"])}


def _edge_attrs(d: Mapping[str, Any]) -> dict[str, str]:
    return {
        "label": readable(d["label"]), "markup": d["label"], "effect": d["effect"],
        "sign": d["sign"], "certainty": d["status"], "status": d["status"],
        "compounds": "; ".join(d["compounds"]), "mechanisms": "; ".join(d["mechanisms"]),
        "arrowhead": ARROWHEADS[d["sign"]], "style": CERTAINTY_STYLES[d["status"]],
    }


def export(graph: nx.DiGraph) -> str:
    """DOT text: clusters by compartment id, then other nodes, then edges, all sorted."""
    lines = ['digraph "pathways" {', '  graph [rankdir="LR", fontname="Helvetica"];',
             '  node [shape="box", fontname="Helvetica"];', '  edge [fontname="Helvetica"];']
    groups: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for node, d in sorted_nodes(graph):
        groups.setdefault(d["compartment"], []).append((node, d))
    for key in sorted(groups):
        indent = "  "
        if key:
            label = graph.graph.get("compartments", {}).get(key, key)
            lines.append(f"  subgraph {dot_string('cluster_' + key)} {{")
            lines.append(f"    graph [{_attrs({'label': label})}];")
            indent = "    "
        lines.extend(f"{indent}{dot_string(n)} [{_attrs(_node_attrs(d))}];" for n, d in groups[key])
        if key:
            lines.append("  }")
    lines.extend(f"  {dot_string(u)} -> {dot_string(v)} [{_attrs(_edge_attrs(d))}];"
                 for u, v, d in sorted_edges(graph))
    lines.append("}")
    return "\n".join(lines) + "\n"
