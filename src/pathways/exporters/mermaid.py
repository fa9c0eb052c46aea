"""Mermaid `flowchart LR` for Markdown (GitHub, GitLab, MkDocs render it).

Node ids are `n_` plus the entity id with characters other than letters, digits and "_"
replaced (the prefix keeps clear of Mermaid keywords such as `end`); labels are quoted, with
Mermaid's entity codes for the characters that would end or mark them up (`#quot;`, `#lt;`,
`#gt;`, `#amp;`, `#35;`, `#96;`, `#124;`). Arrows by sign: `-->` positive, `--x` negative (the
nearest to a T-bar), `--o` unknown; hypothesised edges dotted: `-.->`, `-.-x`, `-.-o`. The edge
label, if any, sits on the arrow.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from ._common import sorted_edges, sorted_nodes

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ARROWS", "escape", "export", "node_ids"]

# (sign, status) -> arrow token
ARROWS: Mapping[tuple[str, str], str] = MappingProxyType({
    ("+", "stated"): "-->", ("-", "stated"): "--x", ("?", "stated"): "--o",
    ("+", "hypothesised"): "-.->", ("-", "hypothesised"): "-.-x", ("?", "hypothesised"): "-.-o",
    ("+", "hedged"): "-.->", ("-", "hedged"): "-.-x", ("?", "hedged"): "-.-o",
})
_ENTITIES = {"#": "#35;", "&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;",
             "|": "#124;"}


def escape(text: str) -> str:
    """Text for a quoted Mermaid label: markup characters as entity codes, one line."""
    return "".join(_ENTITIES.get(c, c) for c in " ".join(text.split()))


def node_ids(graph: nx.DiGraph) -> dict[str, str]:
    """Entity id -> safe, unique Mermaid node id, in sorted order."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for node in sorted(graph.nodes):
        base = "n_" + re.sub(r"[^A-Za-z0-9_]", "_", node)
        name, i = base, 1
        while name in used:
            i += 1
            name = f"{base}_{i}"
        used.add(name)
        out[node] = name
    return out


def export(graph: nx.DiGraph) -> str:
    """Mermaid text: one line per node (declared once), then one line per edge, sorted."""
    ids = node_ids(graph)
    lines = ["flowchart LR"]
    lines.extend(f'  {ids[n]}["{escape(d["label"])}"]' for n, d in sorted_nodes(graph))
    for u, v, d in sorted_edges(graph):
        arrow = ARROWS[d["sign"], d["status"]]
        label = f'|"{escape(d["label"])}"|' if d["label"] else ""
        lines.append(f"  {ids[u]} {arrow}{label} {ids[v]}")
    return "\n".join(lines) + "\n"
