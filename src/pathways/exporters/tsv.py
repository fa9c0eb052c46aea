"""Signed edge list as TSV with OmniPath-style columns, for signalling-network tools.

`sign` is +1 / -1 / 0 (unknown). The OmniPath flags are derived from it: every edge is directed,
`is_stimulation` / `is_inhibition` say which sign it has, and the `consensus_*` columns repeat
them, since a merged edge has one sign already (a known sign wins over unknown, see `merge`).
Lists (compounds, mechanisms, source ids, addresses) are joined with ";".
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ._common import SIGN_VALUES, evidence_sources, sorted_edges, source_field

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["COLUMNS", "export"]

COLUMNS: tuple[str, ...] = (
    "source", "target", "source_label", "target_label", "effect", "sign",
    "is_directed", "is_stimulation", "is_inhibition",
    "consensus_direction", "consensus_stimulation", "consensus_inhibition",
    "status", "label", "compounds", "mechanisms", "sources", "references",
)


def export(graph: nx.DiGraph) -> str:
    """TSV text with a header row; one row per edge, sorted by (source, target)."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel-tab", lineterminator="\n")
    writer.writerow(COLUMNS)
    for u, v, d in sorted_edges(graph):
        sign = SIGN_VALUES[d["sign"]]
        stimulation, inhibition = int(sign > 0), int(sign < 0)
        sources = evidence_sources(d)
        writer.writerow([
            u, v, graph.nodes[u]["label"], graph.nodes[v]["label"], d["effect"], sign,
            1, stimulation, inhibition, 1, stimulation, inhibition,
            d["status"], d["label"], ";".join(d["compounds"]), ";".join(d["mechanisms"]),
            ";".join(sources),
            ";".join(a for a in (source_field(graph, s, "address") for s in sources) if a),
        ])
    return out.getvalue()
