"""GraphML with typed keys, for Cytoscape, Gephi and yEd (and `networkx.read_graphml`).

GraphML values are scalars, so the merged graph's attributes are encoded:

- strings stay strings; ints, floats and bools keep their GraphML type (`int`, `double`,
  `boolean`); edges get an extra `evidence_count` (int) for filtering and styling;
- lists of strings (synonyms, identifiers, info, mechanisms, compounds) are joined with "; ",
  which table views show as one readable cell (the data's ids and synonyms contain no ";");
- structured values are JSON-encoded strings, so nothing of the evidence is lost: always the
  keys in `JSON_KEYS` (evidence, measures, per-mechanism labels, the graph's sources and
  compartments), and any other dict or list of non-strings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._common import sorted_edges, sorted_nodes

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["JSON_KEYS", "SEPARATOR", "export"]

SEPARATOR = "; "
JSON_KEYS: frozenset[str] = frozenset(
    {"evidence", "measures", "labels", "sources", "compartments"})


def _encode(key: str, value: Any) -> str | int | float | bool:
    if key in JSON_KEYS:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, str | int | float | bool):
        return value
    if value is None:
        return ""
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return SEPARATOR.join(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _encoded(attrs: Mapping[str, Any]) -> dict[str, str | int | float | bool]:
    return {k: _encode(k, attrs[k]) for k in sorted(attrs)}


def export(graph: nx.DiGraph) -> str:
    """GraphML text: keys in first-use order of sorted nodes, then sorted edges."""
    import networkx as nx

    out = nx.DiGraph()
    out.graph.update(_encoded(graph.graph))
    for node, data in sorted_nodes(graph):
        out.add_node(node, **_encoded(data))
    for u, v, data in sorted_edges(graph):
        out.add_edge(u, v, **_encoded(data), evidence_count=len(data.get("evidence", ())))
    lines = nx.generate_graphml(out, encoding="utf-8", prettyprint=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n"
