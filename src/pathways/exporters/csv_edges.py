"""Edges with their evidence as CSV for spreadsheet users: one row per edge per quote.

A quote appears once per mechanism that cites it (`evidence_mechanism`), as in the merged graph.
An edge without evidence still gets one row, with empty source and quote cells. Lists
(compounds, mechanisms) are joined with "; ". Fields are quoted as needed (RFC 4180), so quotes
with commas, double quotes and newlines survive a round trip through any CSV reader.

Labels and quotes are as a person reads them (Ca²⁺); `source_markup` and `target_markup` keep
the data's markup, and `quote_verbatim` the quote as its document writes it where that differs
(its inline TeX, `$\\text{Ca}^{2+}$`). `certainty` is the edge's (as certain as its strongest
supporting quote), `evidence_certainty` the quote's own, and `contradicts` is "yes" for a quote
that says the opposite of the link (kept so it can be checked, never counted as support).

A spreadsheet takes a cell that starts with `=`, `+`, `-` or `@` for a formula, and a network's
names and quotes are other people's text: such a cell is written with a leading `'` (what
spreadsheets read as "text, not a formula"), unless it is a number or the sign column's `+`,
`-` or `?`.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ..labels import readable, readable_evidence
from ._common import sorted_edges, source_field

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["COLUMNS", "export", "inert"]

COLUMNS: tuple[str, ...] = (
    "source", "source_label", "target", "target_label", "effect", "sign", "status",
    "compounds", "mechanisms", "source_id", "source_title", "source_address",
    "evidence_mechanism", "quote",
    "certainty", "evidence_certainty", "contradicts", "source_markup", "target_markup",
    "quote_verbatim",
)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """`cell` as a spreadsheet shows it rather than runs it: with a leading `'` where it starts
    as a formula would (`=HYPERLINK(...)`, `@SUM(...)`, `-1+cmd|...`), unless it is a number
    ("-5.78") or a sign alone."""
    if not cell.startswith(_FORMULA_START) or cell in ("+", "-"):
        return cell
    try:
        float(cell)
    except ValueError:
        return "'" + cell
    return cell


def export(graph: nx.DiGraph) -> str:
    """CSV text with a header row; rows in edge order, then evidence order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for u, v, d in sorted_edges(graph):
        a, b = graph.nodes[u]["markup"], graph.nodes[v]["markup"]
        head = [u, readable(a), v, readable(b), d["effect"], d["sign"],
                d["status"], "; ".join(d["compounds"]), "; ".join(d["mechanisms"])]
        for ev in readable_evidence(d["evidence"]) or [{"source": "", "quote": "",
                                                         "mechanism": ""}]:
            sid = ev["source"]
            row = [*head, sid, source_field(graph, sid, "title"),
                   source_field(graph, sid, "address"), ev["mechanism"], ev["quote"],
                   d["status"], ev.get("status", ""),
                   "yes" if ev.get("contradicts") else "" if not sid else "no",
                   a, b, ev.get("verbatim", "")]
            writer.writerow([inert(cell) for cell in row])
    return out.getvalue()
