"""Pathway Commons Extended SIF: interaction rows, a blank line, then a participant section.

Rows read `PARTICIPANT_A INTERACTION_TYPE PARTICIPANT_B [DATA_SOURCE PUBMED_IDS PATHWAY_NAMES
MEDIATOR_IDS]` (tab-separated, with or without the header line). Pathway Commons types say what
happens, not its sign, so the directed ones (`controls-state-change-of`, `controls-expression-of`,
`catalysis-precedes`, ...) become influences of unknown sign with the type as label; the signed
types of the CausalPath dialect (`upregulates-expression`, `downregulates-expression`) keep their
sign. Undirected types are not influences: complex membership (`in-complex-with`) and
`interacts-with`, `neighbor-of`, `reacts-with` are counted and reported, never turned into a
directed link. The participant section gives each participant its type (protein or small
molecule), name and cross-references (UniProt, ChEBI, HGNC symbol) as identifiers.
"""

from __future__ import annotations

import re
from pathlib import Path

from ._common import Interaction, Network, Node, ReadError, cite_pubmed, open_text

__all__ = ["DIRECTED", "UNDIRECTED", "read", "sniff"]

# Directed Extended SIF types -> sign.
DIRECTED: dict[str, str] = {
    "controls-state-change-of": "?", "controls-transport-of": "?",
    "controls-phosphorylation-of": "?", "controls-expression-of": "?",
    "controls-production-of": "?", "controls-transport-of-chemical": "?",
    "catalysis-precedes": "?", "consumption-controlled-by": "?", "chemical-affects": "?",
    "used-to-produce": "?", "phosphorylates": "?", "dephosphorylates": "?",
    "upregulates-expression": "+", "downregulates-expression": "-",
    "acetylates": "?", "deacetylates": "?", "methylates": "?", "demethylates": "?",
    "ubiquitinates": "?", "deubiquitinates": "?",
}
UNDIRECTED: frozenset[str] = frozenset(
    {"in-complex-with", "interacts-with", "neighbor-of", "reacts-with"})
_EFFECTS = {"+": "increases", "-": "decreases", "?": "regulates"}
_XREF_PREFIXES = {"uniprot knowledgebase": "UniProt", "uniprot": "UniProt", "chebi": "CHEBI",
                  "hgnc": "HGNC", "hgnc symbol": "HGNC.symbol", "ncbi gene": "NCBIGene",
                  "entrez gene": "NCBIGene", "ensembl": "Ensembl", "pubchem-compound": "pubchem.compound"}
_KINDS = {"proteinreference": "protein", "smallmoleculereference": "compound",
          "rnareference": "protein", "dnareference": "protein"}
_LOCAL = re.compile(r"^[A-Za-z0-9_.\-]+$")


def sniff(head: str) -> bool:
    """True for the Extended SIF header or rows whose middle field is a Pathway Commons type."""
    if head.startswith("PARTICIPANT_A\tINTERACTION_TYPE"):
        return True
    rows = [ln.split("\t") for ln in head.splitlines()[:20] if ln.count("\t") >= 2]
    known = DIRECTED.keys() | UNDIRECTED
    return bool(rows) and sum(r[1] in known for r in rows) * 2 > len(rows)


def _curie(xref: str) -> str | None:
    """'uniprot knowledgebase:P37023' -> 'UniProt:P37023'; 'chebi:CHEBI:15422' -> 'CHEBI:15422'."""
    db, _, local = xref.strip().partition(":")
    prefix = _XREF_PREFIXES.get(db.lower())
    if prefix == "CHEBI" and local.upper().startswith("CHEBI:"):
        local = local[6:]
    if not prefix or not _LOCAL.match(local):
        return None
    return f"{prefix}:{local}"


# A .txt file is read as Pathway Commons' SIF; a classic SIF of its own relation words often
# has that suffix too.
_CLASSIC = ("; a classic SIF (relation words of its own, tabs or spaces) is read with "
            "--network-format sif, or named .sif")


def read(path: Path, network: Network, data: bytes | None = None) -> Network:
    """Interaction rows, then participants, of `path` into `network`."""
    nodes, out = network.nodes, network.interactions
    in_participants = False
    for number, raw in enumerate(open_text(path, data), 1):
        line = raw.rstrip("\n\r")
        if not line.strip():
            continue
        fields = line.split("\t")
        if fields[0] == "PARTICIPANT_A":
            continue
        if fields[0] == "PARTICIPANT":
            in_participants = True
            continue
        if in_participants:
            _participant(network, fields)
            continue
        if len(fields) < 3:
            raise ReadError(path, f"expected Pathway Commons' tab-separated `A TYPE B`, got "
                            f"{line!r}{_CLASSIC}", number)
        a, kind, b = fields[0].strip(), fields[1].strip(), fields[2].strip()
        if not a or not b:
            raise ReadError(path, "empty participant", number)
        for name in (a, b):
            if name not in nodes:
                nodes[name] = Node(name, name)
        if kind in UNDIRECTED:
            network.skip(f"{kind} rows (undirected; complex membership is not an influence)")
            continue
        if kind not in DIRECTED:
            raise ReadError(path, f"unknown interaction type {kind!r} (known: "
                            f"{', '.join(sorted(DIRECTED.keys() | UNDIRECTED))}){_CLASSIC}",
                            number)
        sign = DIRECTED[kind]
        pmids = [p.strip() for p in fields[4].split(";")] if len(fields) > 4 else []
        cites = [cite_pubmed(network, p) for p in pmids if p.isdigit()]
        quote = " ".join(" ".join(fields[:4]).split())
        evidence = tuple((s, quote, "stated") for s in cites or [network.file_source()])
        out.append(Interaction(a, b, _EFFECTS[sign], sign, evidence, kind, number))
    return network


def _participant(network: Network, fields: list[str]) -> None:
    name = fields[0].strip()
    ptype = fields[1].strip().lower() if len(fields) > 1 else ""
    display = fields[2].strip() if len(fields) > 2 else ""
    xrefs = [x for f in fields[3:5] for x in f.split(";") if x.strip()]
    ids = tuple(dict.fromkeys(c for c in map(_curie, xrefs) if c))
    old = network.nodes.get(name)
    synonyms = tuple(s for s in (display,) if s and s != name)
    network.nodes[name] = Node(name, old.label if old else name, _KINDS.get(ptype, "process"),
                               synonyms, ids)
