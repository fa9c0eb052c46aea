"""The full merged graph as networkx node-link JSON, with every attribute and all evidence.
Each edge's certainty ("stated", "hedged" or "hypothesised") is its `certainty`, as in every
other export, and also `status`, the graph's own name for it. Each quote reads as people read
it (a document's inline TeX as Ca²⁺), the quote as written kept as `verbatim` where they differ.

Reload it with the same `edges` key (networkx 3.4+ warns unless it is given):

>>> import json, networkx as nx
>>> g = nx.node_link_graph(json.loads(text), edges="edges")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..labels import readable_evidence
from ._common import JsonLists, sorted_edges, sorted_nodes

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EDGES_KEY", "export"]

EDGES_KEY = "edges"  # pass as `edges=` to networkx.node_link_graph


def export(graph: nx.DiGraph) -> str:
    """Node-link JSON: nodes sorted by id, edges by (source, target), keys sorted, UTF-8 text;
    the text of `networkx.node_link_data` dumped whole, made an item at a time (`JsonLists`)."""
    lists = JsonLists()
    data = {"directed": graph.is_directed(), "multigraph": graph.is_multigraph(),
            "graph": graph.graph,
            "nodes": lists.slot({**d, "id": n} for n, d in sorted_nodes(graph)),
            EDGES_KEY: lists.slot({**d, "certainty": d["status"], "source": u, "target": v,
                                   "evidence": readable_evidence(d["evidence"])}
                                  for u, v, d in sorted_edges(graph))}
    return lists.dumps(data, sort_keys=True) + "\n"
