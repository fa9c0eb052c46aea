"""A small imported map as an editable mechanism file: the TOML `pathways import` writes.

The file brings what the shared vocabulary lacks, in tables the loader accepts in mechanism
files: `[[source]]` for the documents its evidence cites, `[[compartment]]` and `[[entity]]` for
the nodes that did not join an existing entity. Nodes that joined (by id, label, synonym or
identifier) are written by their existing id. Every interaction becomes an `[[edge]]` with its
evidence; what `pathways check` would reject is left out and listed: a link from a node to
itself, and a link whose sign contradicts the one the curated data gives that pair.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..labels import Unique
from ..load import ID_MAX
from ..model import EFFECT_SIGNS, Kind
from ._common import slug

if TYPE_CHECKING:
    import networkx as nx

    from ..model import Dataset

__all__ = ["ImportResult", "mechanism_toml"]

_CURIE = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*:[A-Za-z0-9_.\-]+$")
_KINDS = {k.value for k in Kind}
_NAMED_IDS = {"sif", "omnipath", "pcsif", "indra"}  # formats whose node ids are names people use
_DEFAULT_EFFECT = {"+": "activates", "-": "inhibits", "?": "regulates"}
def short_id(value: str, limit: int = ID_MAX) -> str:
    """`value` where it is at most `limit` characters long, else its start and a hash of the whole
    (`complex_p_hgnc_irak1_..._3f9a2c1b`): ids from long names (a BEL complex, a file name) fit
    the schemas, and two long ids that start alike stay apart.

    >>> short_id("a" * 70)
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_6bd5e503'
    """
    if len(value) <= limit:
        return value
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]
    return f"{value[:limit - len(digest) - 1].rstrip('_-')}_{digest}"


@dataclass
class ImportResult:
    """The file's text and what happened on the way: for the report `import` prints."""

    text: str
    entities: int = 0
    edges: int = 0
    left_out: list[str] = field(default_factory=list)


def _q(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def _list(values: list[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def _fit(text: str, limit: int) -> str:
    """`text` cut to `limit` characters where longer (with an ellipsis), as the schema allows:
    a complex named after its forty members, a record quoted whole."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def _address(address: str) -> str:
    """A source's address as the schema takes it: a web address as it is; the file a network
    was read from (its records are the evidence) as a file:/// address."""
    if re.match(r"https?://", address):
        return address
    from pathlib import Path

    return Path(address).resolve().as_uri()


def mechanism_toml(net: nx.DiGraph, dataset: Dataset, mapping: dict[str, str],
                   mechanism_id: str, compound: str | None = None) -> ImportResult:
    """The mechanism file for network graph `net` (from `merge.network_graph`), its nodes placed
    by `mapping` (from `merge.join_nodes` against the curated graph)."""
    (_, info), = net.graph["networks"].items()
    names = {n.casefold() for e in dataset.entities.values()
             for n in (e.id, e.label, *e.synonyms)}
    ids: dict[str, str] = {}
    taken = Unique(dataset.entities, lambda base, k: short_id(f"{base}_{k}"))
    for node in sorted(net.nodes):
        target = mapping[node]
        if target in dataset.entities:
            ids[node] = target
            continue
        base = slug(net.nodes[node]["label"]) or slug(node) or "node"
        ids[node] = taken(base, short_id(base))
    result = ImportResult("")
    out = [f"# Imported by `pathways import` from {info['file']} ({info['format']}).",
           "# Edit freely; `pathways check` validates it.", "",
           "[mechanism]", f"id = {_q(mechanism_id)}", f"title = {_q(_fit(info['title'], 200))}"]
    if compound:
        out.append(f"compound = {_q(compound)}")
    used_sources = sorted({e["source"] for _, _, d in net.edges(data=True)
                           for e in d["evidence"]})
    # A source named after its file (`network-<file name>`) may be too long for an id.
    source_ids = {sid: sid if sid in dataset.sources else short_id(sid) for sid in used_sources}
    for sid in used_sources:
        if sid in dataset.sources:
            continue
        s = net.graph["sources"].get(sid, {"title": sid, "address": sid})
        out += ["", "[[source]]", f"id = {_q(source_ids[sid])}",
                f"title = {_q(_fit(s['title'], 200))}",
                f"address = {_q(_address(s['address'] or sid))}"]
    compartments = {net.nodes[n]["compartment"] for n in net.nodes
                    if ids[n] not in dataset.entities and net.nodes[n]["compartment"]}
    for cid in sorted(compartments - set(dataset.compartments)):
        out += ["", "[[compartment]]", f"id = {_q(short_id(cid))}",
                f"label = {_q(net.graph['compartments'].get(cid, cid))}"]
    first: dict[str, str] = {}  # entity id -> the node (least name) it is written for, once
    for node in sorted(net.nodes):
        first.setdefault(ids[node], node)
    for node in sorted(net.nodes, key=lambda n: ids[n]):
        eid = ids[node]
        if eid in dataset.entities or first[eid] != node:
            continue
        d = net.nodes[node]
        label = d["markup"]
        if label.casefold() in names or (eid.casefold() in names
                                         and eid.casefold() != label.casefold()):
            place = net.graph["compartments"].get(d["compartment"], "")
            label = f"{label} ({place or eid})"
        if label.casefold() in names:
            label = f"{d['markup']} ({eid})"
        names |= {eid.casefold(), label.casefold()}
        named = [node] if info["format"] in _NAMED_IDS else []
        synonyms = [s for s in dict.fromkeys([*named, *d["synonyms"]])
                    if s.casefold() not in names and s != label and len(s) <= 200]
        names |= {s.casefold() for s in synonyms}
        kind = d["kind"] if d["kind"] in _KINDS else "process"
        out += ["", "[[entity]]", f"id = {_q(eid)}", f"label = {_q(_fit(label, 200))}",
                f"kind = {_q(kind)}"]
        if kind == "compound" and eid != compound:
            # A map's small molecule (cAMP, a BEL abundance) is no drug: `converge` does not
            # answer for it unless asked (--from); the mechanism's own compound is the drug.
            out.append('role = "chemical"')
        if len(label) > 200:  # the whole name, where the label is cut
            out.append(f"description = {_q(_fit(label, 1000))}")
        if synonyms:
            out.append(f"synonyms = {_list(synonyms)}")
        curies = [c for c in d["identifiers"] if _CURIE.match(c)]
        if curies:
            out.append(f"identifiers = {_list(curies)}")
        if d["compartment"]:
            out.append(f"compartment = {_q(short_id(d['compartment']))}")
        for key in ("parent", "part_of"):
            if d.get(key) and d[key] in ids:
                out.append(f"{key} = {_q(ids[d[key]])}")
        if d["info"]:
            out.append(f"info = {_list(d['info'])}")
        if "position" in d:
            x, y = d["position"]
            out.append(f"position = [{x:g}, {y:g}]  # on the imported map")
        result.entities += 1
    curated_signs = {(e.source, e.target): e.sign for m in dataset.mechanisms.values()
                     for e in m.edges}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, d in sorted(net.edges(data=True), key=lambda x: (ids[x[0]], ids[x[1]])):
        a, b = ids[u], ids[v]
        label = f"{net.nodes[u]['markup']} -> {net.nodes[v]['markup']}"
        if a == b:
            result.left_out.append(f"{label}: a link from an entity to itself")
            continue
        prior = curated_signs.get((a, b), "?")
        if "?" not in (prior, d["sign"]) and prior != d["sign"]:
            result.left_out.append(f"{label}: sign {d['sign']} contradicts the curated {prior}")
            continue
        if (a, b) in edges:  # two network nodes joined one entity: one edge, all evidence
            edges[(a, b)]["evidence"] += d["evidence"]
            continue
        edges[(a, b)] = dict(d, evidence=list(d["evidence"]))
    for (a, b), d in edges.items():
        effect = d["effect"] if EFFECT_SIGNS.get(d["effect"]) == d["sign"] \
            else _DEFAULT_EFFECT[d["sign"]]
        out += ["", "[[edge]]", f"source = {_q(a)}", f"target = {_q(b)}", f"effect = {_q(effect)}"]
        if d["label"]:
            out.append(f"label = {_q(_fit(d['label'], 200))}")
        seen = set()
        for ev in d["evidence"]:
            key = (ev["source"], ev["quote"], ev["contradicts"])
            if key in seen:
                continue
            seen.add(key)
            out += ["[[edge.evidence]]", f"source = {_q(source_ids[ev['source']])}",
                    f"quote = {_q(_fit(ev['quote'], 2000))}"]
            if ev["status"] != "stated":
                out.append(f"status = {_q(ev['status'])}")
            if ev["contradicts"]:
                out.append("contradicts = true")
        result.edges += 1
    result.text = "\n".join(out) + "\n"
    return result
