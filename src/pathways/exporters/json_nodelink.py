"""The full merged graph as networkx node-link JSON, with every attribute and all evidence.

Reload it with the same `edges` key (networkx 3.4+ warns unless it is given):

>>> import json, networkx as nx
>>> g = nx.node_link_graph(json.loads(text), edges="edges")  # doctest: +SKIP
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EDGES_KEY", "export"]

EDGES_KEY = "edges"  # pass as `edges=` to networkx.node_link_graph


def export(graph: nx.DiGraph) -> str:
    """Node-link JSON: nodes sorted by id, edges by (source, target), keys sorted, UTF-8 text."""
    import networkx as nx

    data = nx.node_link_data(graph, edges=EDGES_KEY)
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data[EDGES_KEY] = sorted(data[EDGES_KEY], key=lambda e: (e["source"], e["target"]))
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
