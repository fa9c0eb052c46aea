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

from ..errors import UsageError
from ..labels import readable
from ..quoting import dot_literal, dot_string
from ..style import CERTAINTY_STYLES
from ._common import sorted_edges, sorted_nodes

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ARROWHEADS", "export"]

ARROWHEADS: Mapping[str, str] = MappingProxyType({"+": "normal", "-": "tee", "?": "odot"})


def _literal(text: str, what: str) -> str:
    """`text` quoted as Graphviz reads it back (`dot_literal`), or a UsageError naming `what`
    where DOT has no spelling for it."""
    quoted = dot_literal(text)
    if quoted is None:
        raise UsageError(f"{what} has a backslash before a quote or at its end ({text[:60]!r}), "
                         "which DOT cannot spell; export it as GraphML or JSON")
    return quoted


def _attrs(attrs: Mapping[str, str]) -> str:
    """Attributes: a label as Graphviz draws it (escString: `dot_string`), the data as written
    (`dot_literal`), so a DOT reader gets back the value itself; where DOT cannot spell that
    (a markup ending in a backslash), as a label is."""
    def quoted(key: str, value: str) -> str:
        return dot_string(value) if key == "label" else dot_literal(value) or dot_string(value)

    return ", ".join(f"{key}={quoted(key, value)}" for key, value in attrs.items())


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
            what = f"compartment {key!r}"
            lines.append(f"  subgraph {_literal('cluster_' + key, what)} {{")
            lines.append(f"    graph [{_attrs({'label': label})}];")
            indent = "    "
        lines.extend(f"{indent}{_literal(n, f'node {n!r}')} "
                     f"[{_attrs(_node_attrs(d))}];" for n, d in groups[key])
        if key:
            lines.append("  }")
    lines.extend(f"  {_literal(u, f'node {u!r}')} -> {_literal(v, f'node {v!r}')} "
                 f"[{_attrs(_edge_attrs(d))}];"
                 for u, v, d in sorted_edges(graph))
    lines.append("}")
    return "\n".join(lines) + "\n"
