"""Merge every mechanism into one networkx graph keyed by entity id."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .labels import plain
from .model import Dataset, Edge, Entity, Mechanism, strongest

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["combine_signs", "edge_status", "merge", "node_attrs"]


def combine_signs(a: str, b: str) -> str:
    """Product of two signs; anything times unknown is unknown."""
    if "?" in (a, b):
        return "?"
    return "+" if a == b else "-"


def node_attrs(entity: Entity) -> dict[str, Any]:
    """Plain-data node attributes for an entity."""
    return {
        "label": plain(entity.label),
        "markup": entity.label,
        "kind": entity.kind.value,
        "synonyms": list(entity.synonyms),
        "identifiers": list(entity.identifiers),
        "compartment": entity.compartment or "",
        "parent": entity.parent or "",
        "part_of": entity.part_of or "",
        "role": entity.role.value if entity.role else "",
        "info": list(entity.info),
        "description": entity.description,
        "measures": [],
    }


def _evidence(edge: Edge, mech: Mechanism) -> list[dict[str, Any]]:
    return [{"source": ev.source, "quote": ev.quote, "mechanism": mech.id,
             "status": ev.status.value, "contradicts": ev.contradicts} for ev in edge.evidence]


def edge_status(evidence: list[dict[str, Any]]) -> str:
    """An edge's certainty: that of its strongest supporting (not contradicting) evidence."""
    return strongest(e["status"] for e in evidence if not e["contradicts"])


def _measures(edge: Edge, mech: Mechanism) -> list[dict[str, str]]:
    return [{"name": plain(m.name), "markup": m.name, "value": m.value, "context": m.context,
             "source": m.evidence.source, "quote": m.evidence.quote, "mechanism": mech.id}
            for m in edge.measures]


def merge(dataset: Dataset, mechanisms: list[str] | None = None) -> nx.DiGraph:
    """One graph of the chosen mechanisms (all by default), merged on shared entities.

    Each edge keeps the mechanisms and compounds that assert it and all their evidence; an edge is
    stated if any mechanism states it.
    """
    import networkx as nx

    g = nx.DiGraph()
    g.graph["sources"] = {s.id: {"title": s.title, "address": s.address,
                                 "citation": s.citation()} for s in dataset.sources.values()}
    g.graph["compartments"] = {c.id: c.label for c in dataset.compartments.values()}
    # Which mechanisms' links count as each compound's own (its files and the modules they use).
    g.graph["own"] = {c.id: list(dataset.own_mechanisms(c.id)) for c in dataset.compounds()}
    g.graph["mechanism_files"] = {m.id: m.file for m in dataset.mechanisms.values()}
    from .errors import UsageError

    unknown = [m for m in mechanisms or () if m not in dataset.mechanisms]
    if unknown:
        raise UsageError(f"unknown mechanism {unknown[0]!r}; known: {', '.join(sorted(dataset.mechanisms))}")
    chosen = [dataset.mechanisms[m] for m in
              (sorted(dataset.mechanisms) if mechanisms is None else mechanisms)]
    used: set[str] = set()
    for mech in chosen:
        for e in mech.edges:
            used.update((e.source, e.target))
        used.update(ent for ent, _ in mech.measures)
    if mechanisms is None:
        used.update(dataset.entities)
    for eid in sorted(used):
        g.add_node(eid, **node_attrs(dataset.entities[eid]))
    for mech in chosen:
        for ent, m in mech.measures:
            g.nodes[ent]["measures"].append(
                {"name": plain(m.name), "markup": m.name, "value": m.value, "context": m.context,
                 "source": m.evidence.source, "quote": m.evidence.quote, "mechanism": mech.id})
        for e in mech.edges:
            if g.has_edge(e.source, e.target):
                d = g.edges[e.source, e.target]
                d["mechanisms"].append(mech.id)
                if mech.compound and mech.compound not in d["compounds"]:
                    d["compounds"].append(mech.compound)
                d["evidence"].extend(_evidence(e, mech))
                have = {(m["name"], m["value"], m["context"]) for m in d["measures"]}
                d["measures"].extend(m for m in _measures(e, mech)
                                     if (m["name"], m["value"], m["context"]) not in have)
                d["status"] = edge_status(d["evidence"])
                d["effects"][mech.id] = e.effect
                d["label"] = d["label"] or e.label
                if e.label:
                    d["labels"][mech.id] = e.label
                if d["sign"] == "?" and e.sign != "?":
                    d["sign"], d["effect"] = e.sign, e.effect
            else:
                g.add_edge(e.source, e.target, effect=e.effect, sign=e.sign,
                           status=e.status.value, label=e.label, mechanisms=[mech.id],
                           labels={mech.id: e.label} if e.label else {},
                           effects={mech.id: e.effect},
                           compounds=[mech.compound] if mech.compound else [],
                           evidence=_evidence(e, mech), measures=_measures(e, mech))
    return g
