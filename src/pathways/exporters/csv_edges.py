"""Edges with their evidence as CSV for spreadsheet users: one row per edge per quote.

A quote appears once per mechanism that cites it (`evidence_mechanism`), as in the merged graph.
An edge without evidence still gets one row, with empty source and quote cells. Lists
(compounds, mechanisms) are joined with "; ". Fields are quoted as needed (RFC 4180), so quotes
with commas, double quotes and newlines survive a round trip through any CSV reader.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ._common import sorted_edges, source_field

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["COLUMNS", "export"]

COLUMNS: tuple[str, ...] = (
    "source", "source_label", "target", "target_label", "effect", "sign", "status",
    "compounds", "mechanisms", "source_id", "source_title", "source_address",
    "evidence_mechanism", "quote",
)


def export(graph: nx.DiGraph) -> str:
    """CSV text with a header row; rows in edge order, then evidence order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for u, v, d in sorted_edges(graph):
        head = [u, graph.nodes[u]["label"], v, graph.nodes[v]["label"], d["effect"], d["sign"],
                d["status"], "; ".join(d["compounds"]), "; ".join(d["mechanisms"])]
        for ev in d["evidence"] or [{"source": "", "quote": "", "mechanism": ""}]:
            sid = ev["source"]
            writer.writerow([*head, sid, source_field(graph, sid, "title"),
                             source_field(graph, sid, "address"), ev["mechanism"], ev["quote"]])
    return out.getvalue()
