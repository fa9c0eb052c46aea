"""BEL as PyBEL node-link JSON (no PyBEL needed), and BEL scripts through PyBEL when installed
(`pip install 'pathways[bel]'`).

Causal relations become signed influences: `increases`, `directlyIncreases`,
`rateLimitingStepOf` +; `decreases`, `directlyDecreases` -; `regulates` unknown. An object
modifier of degradation turns the sign round (increasing the degradation of B lowers B).
Correlations (`positiveCorrelation`, `association`, ...), `causesNoChange` and the structural
relations (`partOf`, `hasVariant`, `hasComponent`, `isA`, `hasReactant`, ...) are no influence:
counted and reported. Each influence keeps its evidence sentence (hedged where the sentence
hedges: "suggest", "may") with its citation (a PubMed id becomes a PubMed source, a DOI a
doi.org source, another database's id an identifiers.org source); a statement
without a sentence is quoted as its BEL terms, cited as the file. Nodes are labelled by their
concept's name (with "RNA", "gene" for those functions) or, for complexes, variants and
composites, by their BEL term; `NAMESPACE:name` and the concept's identifier are kept as
identifiers.
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
    cite_compact,
    cite_doi,
    cite_pubmed,
    load_json,
)
from .sbgn import _ION

__all__ = ["RELATION_SIGNS", "read", "read_script", "sniff"]

RELATION_SIGNS: dict[str, tuple[str, str]] = {
    "increases": ("+", "increases"), "directlyIncreases": ("+", "increases"),
    "rateLimitingStepOf": ("+", "increases"),
    "decreases": ("-", "decreases"), "directlyDecreases": ("-", "decreases"),
    "regulates": ("?", "regulates"),
}
_KINDS = {"Protein": "protein", "RNA": "protein", "Gene": "protein", "miRNA": "protein",
          "Complex": "protein", "Abundance": "compound", "BiologicalProcess": "process",
          "Pathology": "phenotype"}
_SUFFIX = {"RNA": " RNA", "Gene": " gene"}
_LOCAL = re.compile(r"^[A-Za-z0-9_.\-]+$")


def sniff(head: str) -> bool:
    """True for node-link JSON whose nodes carry BEL functions."""
    return '"function"' in head and '"nodes"' in head


def _node(path: Path, k: int, raw: dict[str, Any]) -> Node:
    function = str(raw.get("function", ""))
    concept = an_object(path, raw.get("concept"), f"node #{k + 1}'s `concept`")
    if not concept and ("name" in raw or "namespace" in raw):
        # PyBEL before 0.14 wrote a node's namespace, name and identifier on the node itself.
        concept = {key: raw[key] for key in ("namespace", "name", "identifier") if key in raw}
    # Its BEL term names a node; an id names one only where it is text: a number (PyBEL's
    # node-link ids are 0, 1, ...) is a key for links, never a name to show.
    bel = raw.get("bel") if raw.get("bel") is not None else raw.get("id")
    bel = bel.strip() if isinstance(bel, str) else ""
    simple = concept and not any(k in raw for k in ("variants", "members", "reactants"))
    where = f"node #{k + 1}'s {'concept ' if 'concept' in raw else ''}`name`"
    name = (a_name(path, concept["name"], where)
            if simple and concept.get("name") is not None else "")
    label = f"{name}{_SUFFIX.get(function, '')}" if name else bel or _composed(raw, concept)
    if not label:
        raise ReadError(path, f"node #{k + 1} has no name: no concept name, BEL term or id "
                              "in words")
    kind = _KINDS.get(function, "process")
    if kind == "compound" and _ION.match(name.replace(" ", "")):
        kind = "ion"
    ids: list[str] = []
    ns = str(concept.get("namespace", ""))
    if simple and ns:
        for local in (concept.get("identifier"), name):
            if local and _LOCAL.match(str(local)):
                ids.append(f"{ns}:{local}")
    synonyms = (bel,) if bel and bel != label else ()
    return Node(bel or label, label, kind, synonyms, tuple(dict.fromkeys(ids)))


def _composed(raw: dict[str, Any], concept: dict[str, Any]) -> str:
    """A name for a node written without its BEL term (older PyBEL, numeric ids) that is no
    simple concept: a variant as its concept's name and what varies ("AKT1 (pmod Ph)"), a
    complex or composite by its members' names ("complex of A, B"); "" where none is given."""
    def named(part: Any) -> str:
        if not isinstance(part, dict):
            return ""
        inner = part.get("concept") if isinstance(part.get("concept"), dict) else part
        return str(inner.get("name") or "").strip()

    base = named(concept)
    if base and isinstance(raw.get("variants"), list):
        kinds = [" ".join(x for x in (str(v.get("kind") or ""), named(v)) if x)
                 for v in raw["variants"] if isinstance(v, dict)]
        return f"{base} ({', '.join(k for k in kinds if k) or 'variant'})"
    for key in ("members", "reactants"):
        parts = [n for n in map(named, raw.get(key) or []) if n]
        if parts:
            word = "complex" if str(raw.get("function")) == "Complex" else "composite"
            return f"{word} of {', '.join(parts)}"
    return base


def _flips(edge: dict[str, Any]) -> bool:
    target = edge.get("target_modifier") or edge.get("object") or {}
    return isinstance(target, dict) and str(target.get("modifier", "")).lower() == "degradation"


def read_nodelink(path: Path, network: Network, doc: Any) -> Network:
    """A PyBEL node-link document (already parsed) into `network`."""
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list):
        raise ReadError(path, "not PyBEL node-link JSON: no `nodes` list")
    meta = an_object(path, an_object(path, doc.get("graph"), "`graph`").get("document_metadata"),
                     "`graph.document_metadata`")
    if meta.get("name"):
        network.title = str(meta["name"])
    for k, raw in enumerate(doc["nodes"]):
        if not isinstance(raw, dict):  # links name nodes by their place: none may be skipped
            raise ReadError(path, f"node #{k + 1} is not an object")
    nodes = [_node(path, k, n) for k, n in enumerate(doc["nodes"])]
    by_key: dict[str, Node] = {}
    for raw, n in zip(doc["nodes"], nodes, strict=False):
        key = str(raw.get("id"))
        if raw.get("id") is not None and key in by_key:
            # Links name nodes by id: a second node of that id would take the first one's
            # links, or be merged into it, the data changed without a word.
            raise ReadError(path, f"node id {key!r} is used twice (links to it would be "
                                  "ambiguous)")
        by_key[key] = n
    for n in nodes:
        network.node(n)
    edges = doc.get("links", doc.get("edges", []))
    if edges is None:
        edges = []
    if not isinstance(edges, list):
        raise ReadError(path, "`links` is not a list")
    for k, e in enumerate(edges):
        if not isinstance(e, dict):
            raise ReadError(path, f"link #{k + 1} is not an object")
        ends = []
        for end in (e.get("source"), e.get("target")):
            node = nodes[end] if isinstance(end, int) and 0 <= end < len(nodes) \
                else by_key.get(str(end))
            if node is None:
                raise ReadError(path, f"link #{k + 1} points at unknown node {end!r}")
            ends.append(node)
        relation = str(e.get("relation", ""))
        if relation not in RELATION_SIGNS:
            network.skip(f"{relation or 'untyped'} relations (not a causal influence)")
            continue
        sign, effect = RELATION_SIGNS[relation]
        if _flips(e) and sign != "?":
            sign, effect = ("-", "decreases") if sign == "+" else ("+", "increases")
        u, v = ends[0].id, ends[1].id
        sentence = " ".join(str(e.get("evidence") or "").split())
        status = as_said(sentence)  # the paper's own words: "suggest that ..." is hedged
        citation = an_object(path, e.get("citation"), f"link #{k + 1}'s `citation`")
        db = str(citation.get("db", citation.get("namespace", ""))).lower()
        ref = str(citation.get("db_id", citation.get("identifier", "")))
        title = str(citation.get("title") or "")
        doi = cite_doi(network, ref, title) if sentence and db == "doi" else None
        ref = ref if _LOCAL.match(ref) else ""  # an id, not a path or an address to follow
        if doi:
            source = doi
        elif sentence and db == "pubmed" and ref.isdigit():
            source = cite_pubmed(network, ref, title)
        elif sentence and ref and re.fullmatch(r"[a-z][a-z0-9_.\-]*", db):
            source = cite_compact(network, db, ref, title)
        else:
            source = network.file_source()
            sentence = f"{u} {relation} {v}"
        network.interactions.append(Interaction(
            u, v, effect, sign, ((source, sentence, status),), relation,
            e.get("line") if isinstance(e.get("line"), int) else None))
    return network


def read(path: Path, network: Network, data: bytes | None = None) -> Network:
    """PyBEL node-link JSON from `path` into `network`."""
    doc = load_json(path, data)
    return read_nodelink(path, network, doc)


def read_script(path: Path, network: Network, data: bytes | None = None) -> Network:
    """A BEL script, compiled by PyBEL (the optional extra) and read as its node-link JSON."""
    try:
        import pybel
    except ImportError:
        raise ReadError(path, "reading BEL scripts needs PyBEL: pip install 'pathways[bel]' "
                        "(or give PyBEL's node-link JSON, which needs nothing)") from None
    try:
        graph = pybel.from_bel_script(str(path))
    except Exception as exc:  # PyBEL raises many kinds; say which, in one line
        raise ReadError(path, f"PyBEL could not compile it: {exc}") from None
    return read_nodelink(path, network, pybel.to_nodelink(graph))
