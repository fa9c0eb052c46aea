"""OmniPath interactions TSV, and the signed TSV that `pathways export --format tsv` writes.

A header names the columns; `source` and `target` are required. The sign comes from
`consensus_stimulation` / `consensus_inhibition` where present, else `is_stimulation` /
`is_inhibition`, else a `sign` column (1, -1, 0). A row both stimulating and inhibiting gives two
interactions of opposite sign (kept and reported as a conflict); neither gives unknown sign.
Rows with `is_directed` (or `consensus_direction`) 0 are undirected: counted, not read as an
influence. Names: `source_genesymbol` (OmniPath) or `source_label` (our export) label the node;
an accession-like `source` (UniProt) becomes an identifier. `references` like
`SIGNOR:12345678` become PubMed citations; our export's `sources` and `references` columns (ids
and addresses) become sources; `effect`, `status` and `label` columns are kept where present.
The quote of each row's evidence is the row as written.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import EFFECT_SIGNS
from ._common import Interaction, Network, Node, ReadError, cite_pubmed, open_text, sign_of_number

__all__ = ["read", "sniff"]

_UNIPROT = re.compile(r"^(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})"
                      r"(?:-\d+)?$")
_PMID = re.compile(r"^(?:[A-Za-z_\-]+:)?(\d{4,9})$")
_EFFECTS = {"+": "activates", "-": "inhibits", "?": "regulates"}
_STATUSES = ("stated", "hedged", "hypothesised")


def sniff(head: str) -> bool:
    """True when the first line is a tab-separated header with `source` and `target` columns
    and a sign column OmniPath or our export writes."""
    first = head.split("\n", 1)[0].lower().split("\t")
    return "source" in first and "target" in first and bool(
        {"is_stimulation", "consensus_stimulation", "sign", "is_directed"} & set(first))


_TRUE, _FALSE = ("1", "true", "t", "yes", "1.0"), ("0", "false", "f", "no", "0.0")


def _flag(row: list[str], col: int | None) -> bool | None:
    """A 0/1 column's value (None where the row has none); ValueError for anything else, which
    would otherwise be read as 0 and drop a sign without a word."""
    if col is None or col >= len(row) or row[col].strip() == "":
        return None
    value = row[col].strip().lower()
    if value not in _TRUE + _FALSE:
        raise ValueError(f"{row[col].strip()!r} is not 1 or 0 (true or false, yes or no)")
    return value in _TRUE


def _rows(reader: Any, path: Path, separator: str) -> Iterator[list[str]]:
    """The rows of a `csv.reader`, a row it cannot read (a field over the csv module's limit
    of 131,072 characters, a quote left open) a ReadError naming its line, not a traceback."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ReadError(path, f"not readable as {separator}-separated values ({exc})",
                            reader.line_num) from None
        yield row


def read(path: Path, network: Network, data: bytes | None = None) -> Network:
    """Every row of `path` into `network` (see the module docstring for the columns)."""
    text = open_text(path, data)
    first = text.readline()
    # Tab-separated as OmniPath writes it; comma-separated where the header has commas and no
    # tab (a .csv saved from a spreadsheet), which was read as one column ("no source column").
    comma = "\t" not in first and "," in first
    reader = csv.reader(itertools.chain([first], text), delimiter="," if comma else "\t")
    rows = _rows(reader, path, "comma" if comma else "tab")
    try:
        header = [h.strip().lower() for h in next(rows)]
    except StopIteration:
        raise ReadError(path, "empty file: expected a header with source and target") from None
    col = {name: i for i, name in enumerate(header)}
    for need in ("source", "target"):
        if need not in col:
            raise ReadError(path, f"no `{need}` column in the header", 1)
    if not {"is_stimulation", "is_inhibition", "consensus_stimulation", "consensus_inhibition",
            "sign"} & set(col):
        # Read so, every link lost its sign without a word (a signed SIF with a header, read
        # as OmniPath: 19,805 links of unknown sign).
        raise ReadError(path, "no sign column (is_stimulation and is_inhibition, their "
                        "consensus_ forms, or sign) in the header: every link would be of "
                        f"unknown sign; its columns are {', '.join(header)}", 1)

    def c(*names: str) -> int | None:
        return next((col[n] for n in names if n in col), None)

    i_src, i_dst = col["source"], col["target"]
    i_stim, i_inh = c("consensus_stimulation", "is_stimulation"), c("consensus_inhibition",
                                                                    "is_inhibition")
    i_dir, i_sign = c("consensus_direction", "is_directed"), c("sign")
    # Our own export writes the label as people read it (Ca²⁺) and the markup (Ca^{2+}) apart:
    # the markup round-trips.
    i_slabel = c("source_genesymbol", "source_markup", "source_label")
    i_tlabel = c("target_genesymbol", "target_markup", "target_label")
    i_effect, i_status, i_label = c("effect"), c("status"), c("label")
    i_refs, i_sources = c("references"), c("sources")
    file_src = network.file_source()
    nodes, out, width = network.nodes, network.interactions, len(header)
    signed = sorted(i for i in (i_dir, i_stim, i_inh, i_sign) if i is not None)

    def node(name: str, label_col: int | None, row: list[str]) -> str:
        if name not in nodes:
            label = row[label_col].strip() if label_col is not None and label_col < len(row) \
                else ""
            ids = (f"UniProt:{name}",) if _UNIPROT.match(name) else ()
            nodes[name] = Node(name, label or name, identifiers=ids)
        return name

    for row in rows:
        number = reader.line_num
        if not row or not any(f.strip() for f in row):
            continue
        if len(row) < min(width, max(i_src, i_dst) + 1):
            raise ReadError(path, f"{len(row)} columns where the header has {width}", number)
        # A row cut short before a column that gives its sign or direction would be read as
        # of unknown sign, or directed, without a word: refused, naming the column.
        cut = [header[i] for i in signed if i >= len(row)]
        if cut:
            raise ReadError(path, f"{len(row)} columns where the header has {width}: no "
                            f"{cut[0]} value", number)
        u, v = row[i_src].strip(), row[i_dst].strip()
        if not u or not v:
            raise ReadError(path, "empty source or target", number)
        try:
            directed, stim, inh = _flag(row, i_dir), _flag(row, i_stim), _flag(row, i_inh)
        except ValueError as exc:
            raise ReadError(path, f"{exc} in a direction, stimulation or inhibition column",
                            number) from None
        if directed is False:
            network.skip("undirected rows (is_directed 0): not an influence")
            continue
        if stim is None and inh is None and i_sign is not None:
            sign = sign_of_number(row[i_sign])
            if sign is None:
                raise ReadError(path, f"sign {row[i_sign]!r} is not 1, -1 or 0", number)
            signs = [sign]
        else:
            signs = [s for s, on in (("+", stim), ("-", inh)) if on] or ["?"]
        status = row[i_status].strip() if i_status is not None and i_status < len(row) else ""
        status = status if status in _STATUSES else "stated"
        quote = " ".join(" ".join(row).split())
        cites: list[str] = []
        if i_sources is not None and i_sources < len(row) and row[i_sources].strip():
            addresses = row[i_refs].split(";") if i_refs is not None and i_refs < len(row) else []
            for k, sid in enumerate(s.strip() for s in row[i_sources].split(";")):
                address = addresses[k].strip() if k < len(addresses) else ""
                network.sources.setdefault(sid, {"title": sid, "address": address,
                                                 "citation": f"{sid}. {address}".strip()})
                cites.append(sid)
        elif i_refs is not None and i_refs < len(row):
            for ref in row[i_refs].split(";"):
                m = _PMID.match(ref.strip())
                if m:
                    cites.append(cite_pubmed(network, m.group(1)))
        evidence = tuple((s, quote, status) for s in dict.fromkeys(cites or [file_src]))
        a, b = node(u, i_slabel, row), node(v, i_tlabel, row)
        label = row[i_label].strip() if i_label is not None and i_label < len(row) else ""
        for sign in signs:
            effect = _EFFECTS[sign]
            if i_effect is not None and i_effect < len(row) and len(signs) == 1:
                given = row[i_effect].strip()
                effect = given if EFFECT_SIGNS.get(given) == sign else effect
            out.append(Interaction(a, b, effect, sign, evidence, label, number))
    return network
