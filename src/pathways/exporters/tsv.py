"""Signed edge list as TSV with OmniPath-style columns, for signalling-network tools.

`sign` is +1 / -1 / 0 (unknown). The OmniPath flags are derived from it: every edge is directed,
`is_stimulation` / `is_inhibition` say which sign it has, and the `consensus_*` columns repeat
them, since a merged edge has one sign already (a known sign wins over unknown, see `merge`).
Lists (compounds, mechanisms, source ids, addresses) are joined with ";".

Labels are as a person reads them (Ca²⁺ influx); `source_markup` and `target_markup` keep the
data's markup (`Ca^{2+} influx`). `certainty` is "stated", "hedged" or "hypothesised" (`status`
keeps the same value under its older name). The entities' identifiers come in
`source_uniprot`/`target_uniprot` (bare accessions, as OmniPath's `source` and `target` hold
them), `*_hgnc` (HGNC:4586) and `*_chebi` (CHEBI:6121), so the table joins to OmniPath-style
interaction tables; an entity with several (a receptor of two genes) lists them all.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ..labels import readable
from ._common import (
    IDENTIFIER_COLUMNS,
    SIGN_VALUES,
    evidence_sources,
    identifiers_of,
    sorted_edges,
    source_field,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["COLUMNS", "export"]

COLUMNS: tuple[str, ...] = (
    "source", "target", "source_label", "target_label", "effect", "sign",
    "is_directed", "is_stimulation", "is_inhibition",
    "consensus_direction", "consensus_stimulation", "consensus_inhibition",
    "status", "label", "compounds", "mechanisms", "sources", "references",
    "certainty", "source_markup", "target_markup",
    *(f"{end}_{column}" for column in IDENTIFIER_COLUMNS for end in ("source", "target")),
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
        a, b = graph.nodes[u], graph.nodes[v]
        writer.writerow([
            u, v, readable(a["markup"]), readable(b["markup"]), d["effect"], sign,
            1, stimulation, inhibition, 1, stimulation, inhibition,
            d["status"], readable(d["label"]), ";".join(d["compounds"]),
            ";".join(d["mechanisms"]), ";".join(sources),
            ";".join(a for a in (source_field(graph, s, "address") for s in sources) if a),
            d["status"], a["markup"], b["markup"],
            *(identifiers_of(node, column) for column in IDENTIFIER_COLUMNS
              for node in (a, b)),
        ])
    return out.getvalue()
