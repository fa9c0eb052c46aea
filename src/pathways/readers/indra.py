"""INDRA Statement JSON (a list of statements, or `{"statements": [...]}`).

Causal statements become signed influences: Activation, IncreaseAmount, Gef +; Inhibition,
DecreaseAmount, Gap -. Modifications (Phosphorylation, Ubiquitination, ... between an enzyme and
a substrate) are directed influences of unknown sign, labelled with the statement type. Complex,
ActiveForm, Translocation, self-modifications and other statements with no source and target
are no influence: counted and reported. Each evidence keeps its sentence as the quote and its
PubMed id (or, without one, its DOI) as the citation; evidence marked as a hypothesis is
hypothesised, a sentence that hedges ("suggest", "may") hedged; negated evidence is counted
and left out, and a statement whose every evidence is negated is no link. A statement without
a sentence is quoted as the statement itself ("Activation(TESK1, TESK1)"), cited as the file,
hypothesised where all its evidence is marked as a hypothesis. Agents are nodes named by their
INDRA name, with their grounding (`db_refs`) as identifiers (HGNC, UniProt, NCBIGene, CHEBI,
GO, ...).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..certainty import as_said
from ._common import (
    Interaction,
    Network,
    Node,
    ReadError,
    a_name,
    an_object,
    cite_doi,
    cite_pubmed,
    load_json,
)

__all__ = ["STATEMENT_SIGNS", "read", "sniff"]

STATEMENT_SIGNS: dict[str, tuple[str, str, str, str]] = {  # type -> (from, to, sign, effect)
    "Activation": ("subj", "obj", "+", "activates"),
    "Inhibition": ("subj", "obj", "-", "inhibits"),
    "IncreaseAmount": ("subj", "obj", "+", "increases"),
    "DecreaseAmount": ("subj", "obj", "-", "decreases"),
    "Gef": ("gef", "ras", "+", "activates"),
    "Gap": ("gap", "ras", "-", "inhibits"),
}
_PREFIXES = {"HGNC": "HGNC", "UP": "UniProt", "EGID": "NCBIGene", "FPLX": "FPLX",
             "MESH": "MESH", "PUBCHEM": "pubchem.compound", "HMDB": "HMDB", "IP": "interpro",
             "PF": "pfam", "NCIT": "NCIT", "DRUGBANK": "drugbank"}
_CHEMICAL = {"CHEBI", "PUBCHEM", "HMDB", "DRUGBANK", "CHEMBL", "LINCS"}
_LOCAL = re.compile(r"^[A-Za-z0-9_.\-]+$")


def sniff(head: str) -> bool:
    """True for JSON statements: objects with a `type` and INDRA agents or evidence."""
    start = head.lstrip()[:1]
    return start in "[{" and '"type"' in head and any(
        k in head for k in ('"subj"', '"enz"', '"members"', '"statements"', '"evidence"'))


def _identifiers(refs: dict[str, Any]) -> tuple[str, ...]:
    out = []
    for db, value in sorted(refs.items()):
        value = str(value)
        if db in ("CHEBI", "GO") and ":" in value:
            curie = value
        elif db in _PREFIXES and _LOCAL.match(value):
            curie = f"{_PREFIXES[db]}:{value}"
        else:
            continue
        out.append(curie)
    return tuple(out)


def _agent(path: Path, network: Network, agent: Any, where: str) -> str | None:
    if not isinstance(agent, dict) or agent.get("name") is None:
        return None
    name = a_name(path, agent["name"], f"{where}: an agent's `name`")
    refs = an_object(path, agent.get("db_refs"), f"{where}: {name!r}'s `db_refs`")
    kind = "compound" if _CHEMICAL & set(refs) else "process" if "GO" in refs and \
        "HGNC" not in refs else "protein"
    network.node(Node(name, name, kind, identifiers=_identifiers(refs)))
    return name


def read(path: Path, network: Network, data: bytes | None = None) -> Network:
    """Every statement of `path` into `network`."""
    doc = load_json(path, data)
    statements = doc.get("statements") if isinstance(doc, dict) else doc
    if not isinstance(statements, list):
        raise ReadError(path, "not INDRA Statement JSON: expected a list of statements")
    for k, st in enumerate(statements):
        if not isinstance(st, dict) or "type" not in st:
            raise ReadError(path, f"statement #{k + 1} has no `type`")
        kind = str(st["type"])
        if kind in STATEMENT_SIGNS:
            a, b, sign, effect = STATEMENT_SIGNS[kind]
            label = ""
        elif "enz" in st and "sub" in st:
            a, b, sign, effect, label = "enz", "sub", "?", "regulates", kind.lower()
        else:
            network.skip(f"{kind} statements (no directed influence)")
            continue
        where = f"statement #{k + 1}"
        u, v = _agent(path, network, st.get(a), where), _agent(path, network, st.get(b), where)
        if u is None or v is None:
            network.skip(f"{kind} statements missing an agent")
            continue
        evidence = []
        evidences = st.get("evidence") or []
        if not isinstance(evidences, list):
            raise ReadError(path, f"{where}'s `evidence` is not a list")
        kept, negated, unquoted = 0, 0, set()  # evidence kept, negated; statuses of textless
        for ev in evidences:
            if not isinstance(ev, dict):
                continue
            epistemics = an_object(path, ev.get("epistemics"), f"{where}'s `epistemics`")
            if epistemics.get("negated"):
                network.skip("negated evidence (left out)")
                negated += 1
                continue
            kept += 1
            text = ev.get("text")
            if text is not None and not isinstance(text, str):
                raise ReadError(path, f"{where}'s evidence `text` is not a string")
            sentence = " ".join((text or "").split())
            status = "hypothesised" if epistemics.get("hypothesis") else as_said(sentence)
            if not sentence:
                unquoted.add(status)
            refs = an_object(path, ev.get("text_refs"), f"{where}'s `text_refs`")
            pmid = str(ev.get("pmid") or refs.get("PMID") or "")
            if sentence and pmid.isdigit():
                evidence.append((cite_pubmed(network, pmid), sentence, status))
            elif sentence and (doi := cite_doi(network, str(refs.get("DOI") or ""))):
                evidence.append((doi, sentence, status))
            elif sentence:
                evidence.append((network.file_source(), sentence, status))
        if negated and not kept:
            # Every evidence says the opposite ("X does not inhibit Y"): no link.
            network.skip(f"{kind} statements whose every evidence is negated (left out)")
            continue
        if not evidence:  # quoted as the statement, as sure as its surest evidence said it
            status = "hypothesised" if unquoted == {"hypothesised"} else "stated"
            evidence.append((network.file_source(), f"{kind}({u}, {v})", status))
        network.interactions.append(Interaction(u, v, effect, sign,
                                                tuple(dict.fromkeys(evidence)), label, k + 1))
    return network
