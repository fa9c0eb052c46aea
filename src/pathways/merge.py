"""Merge every mechanism into one networkx graph keyed by entity id."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .labels import plain
from .model import Dataset, Edge, Entity, Mechanism, strongest

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["add_network", "combine_signs", "edge_status", "join_nodes", "merge",
           "network_graph", "node_attrs"]


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
                d["label"] = d["label"] or e.label
                if e.label:
                    d["labels"][mech.id] = e.label
                if d["sign"] == "?" and e.sign != "?":
                    d["sign"], d["effect"] = e.sign, e.effect
            else:
                g.add_edge(e.source, e.target, effect=e.effect, sign=e.sign,
                           status=e.status.value, label=e.label, mechanisms=[mech.id],
                           labels={mech.id: e.label} if e.label else {},
                           compounds=[mech.compound] if mech.compound else [],
                           evidence=_evidence(e, mech), measures=_measures(e, mech))
    return g


# Networks read from other people's files (pathways.readers): built as they are, then joined.

_EFFECT_OF_SIGN = {"+": "activates", "-": "inhibits", "?": "regulates"}


def network_graph(network: Any) -> nx.DiGraph:
    """The graph of one imported network, with the node and edge attributes `merge` gives.

    Every interaction's evidence is kept, cited to the network (`mechanisms` = [its id]). Where a
    pair is asserted with both signs, the edge keeps the sign most of its records give (the first
    one on a tie) and the records of the other sign are kept as contradicting evidence; the pair
    is listed in `graph.graph["networks"][id]["conflicts"]`.
    """
    import networkx as nx

    nid = network.id
    g = nx.DiGraph()
    g.graph["sources"] = dict(network.sources)
    g.graph["compartments"] = dict(network.compartments)
    nodes = []
    for n in network.nodes.values():
        attrs: dict[str, Any] = {
            "label": plain(n.label), "markup": n.label, "kind": n.kind,
            "synonyms": list(n.synonyms), "identifiers": list(n.identifiers),
            "compartment": n.compartment, "parent": n.parent, "part_of": n.part_of, "role": "",
            "info": list(n.info), "description": "", "measures": [], "networks": [nid]}
        if n.position is not None:
            attrs["position"] = [n.position[0], n.position[1]]
        nodes.append((n.id, attrs))
    g.add_nodes_from(nodes)
    by_pair: dict[tuple[str, str], list[Any]] = {}
    for it in network.interactions:
        by_pair.setdefault((it.source, it.target), []).append(it)
    conflicts: list[list[str]] = []
    edges = []
    for (u, v), its in by_pair.items():
        if len(its) == 1:
            it = its[0]
            evidence = [{"source": s, "quote": q, "mechanism": nid, "status": st,
                         "contradicts": False} for s, q, st in it.evidence]
            edges.append((u, v, {
                "effect": it.effect, "sign": it.sign, "status": edge_status(evidence),
                "label": it.label, "mechanisms": [nid],
                "labels": {nid: it.label} if it.label else {}, "compounds": [],
                "evidence": evidence, "measures": []}))
            continue
        counts = {s: sum(1 for it in its if it.sign == s) for s in "+-"}
        known = [it.sign for it in its if it.sign != "?"]
        if counts["+"] and counts["-"]:
            sign = max("+-", key=lambda s: (counts[s], -known.index(s)))
            conflicts.append([u, v])
        else:
            sign = known[0] if known else "?"
        first = next(it for it in its if it.sign == sign)
        evidence = []
        seen: set[tuple[str, str, bool]] = set()
        for it in its:
            against = it.sign not in (sign, "?")
            for s, q, st in it.evidence:
                if (s, q, against) not in seen:
                    seen.add((s, q, against))
                    evidence.append({"source": s, "quote": q, "mechanism": nid, "status": st,
                                     "contradicts": against})
        label = next((it.label for it in its if it.label and it.sign == sign), "")
        edges.append((u, v, {
            "effect": first.effect, "sign": sign, "status": edge_status(evidence),
            "label": label, "mechanisms": [nid], "labels": {nid: label} if label else {},
            "compounds": [], "evidence": evidence, "measures": []}))
    g.add_edges_from(edges)
    g.graph["networks"] = {nid: {"file": network.file, "format": network.format,
                                 "title": network.title, "skipped": dict(network.skipped),
                                 "conflicts": conflicts}}
    return g


def _casefold_keys(names: list[str], identifiers: list[str]) -> set[str]:
    """The keys a node is known by: its names and identifiers, and the identifiers' local parts
    (a gene symbol, a UniProt accession) unless merely a number, all case-folded."""
    keys = {n.casefold() for n in names if n}
    for curie in identifiers:
        keys.add(curie.casefold())
        local = curie.split(":", 1)[-1]
        if local and not local.isdigit():
            keys.add(local.casefold())
    return keys


def _vocabulary(graph: nx.DiGraph) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for node, d in graph.nodes(data=True):
        for key in _casefold_keys([node, d.get("label", ""), d.get("markup", ""),
                                   *d.get("synonyms", ())], d.get("identifiers", [])):
            index.setdefault(key, set()).add(node)
    return index


def join_nodes(graph: nx.DiGraph, net: nx.DiGraph
               ) -> tuple[dict[str, str], list[list[str]], list[list[Any]], int]:
    """Where each node of `net` goes in `graph`: (network id -> graph id, the [node, joined id]
    pairs, the [node, [candidates]] that are ambiguous, how many stay separate). See
    `add_network` for the rules."""
    (nid, _), = net.graph["networks"].items()
    index = _vocabulary(graph) if graph.number_of_nodes() else {}
    mapping: dict[str, str] = {}
    joined: list[list[str]] = []
    ambiguous: list[list[Any]] = []
    separate = 0
    for node, d in net.nodes(data=True):
        keys = _casefold_keys([node, d["label"], d["markup"], *d["synonyms"]], d["identifiers"])
        hits = set().union(*(index.get(k, ()) for k in keys)) if index else set()
        if len(hits) == 1:
            (target,) = hits
            mapping[node] = target
            joined.append([node, target])
            continue
        if len(hits) > 1:
            ambiguous.append([node, sorted(hits)])
        separate += 1
        mapping[node] = node if node not in graph else f"{nid}:{node}"
    return mapping, joined, ambiguous, separate


def _combine(old: dict[str, Any], d: dict[str, Any]) -> bool:
    """Add edge data `d` to the edge `old` (in place); True when their signs conflict, in which
    case `d`'s evidence is kept as contradicting."""
    against = "?" not in (old["sign"], d["sign"]) and old["sign"] != d["sign"]
    old["evidence"] = old["evidence"] + [dict(e, contradicts=e["contradicts"] or against)
                                         for e in d["evidence"]]
    old["mechanisms"] = [*old["mechanisms"], *(m for m in d["mechanisms"]
                                               if m not in old["mechanisms"])]
    if old["sign"] == "?" and d["sign"] != "?":
        old["sign"], old["effect"] = d["sign"], d["effect"]
    if any(not e["contradicts"] for e in old["evidence"]):
        old["status"] = edge_status(old["evidence"])
    return against


def add_network(graph: nx.DiGraph, net: nx.DiGraph) -> dict[str, Any]:
    """Join the network graph `net` (from `network_graph`) into `graph`, in place.

    A network node joins the node of `graph` that shares its id, label, a synonym or an
    identifier (a CURIE or its local part), in any case, when exactly one node does; it stays
    separate when none does, and when several do (ambiguous: reported, not guessed). A separate
    node keeps its id (prefixed with the network id if `graph` uses that id already). An edge
    already in `graph` gains the network's evidence; a sign opposite to the one there is kept as
    contradicting evidence and reported. Returns the report also stored in
    `graph.graph["networks"][network id]`: what joined, what is ambiguous, how many stayed
    separate, the pairs with conflicting signs.
    """
    (nid, info), = net.graph["networks"].items()
    mapping, joined, ambiguous, separate = join_nodes(graph, net)
    for _node, target in joined:
        have = graph.nodes[target].setdefault("networks", [])
        if nid not in have:
            have.append(nid)
    if not joined and not any(m != n for n, m in mapping.items()):
        graph.add_nodes_from(net.nodes(data=True))
    else:
        graph.add_nodes_from((mapping[n], d) for n, d in net.nodes(data=True)
                             if mapping[n] not in graph)
        for n, d in net.nodes(data=True):  # parent / part_of point at the joined ids
            for key in ("parent", "part_of"):
                if d[key] and graph.nodes[mapping[n]].get(key) == d[key]:
                    graph.nodes[mapping[n]][key] = mapping.get(d[key], d[key])
    conflicts = [list(p) for p in info["conflicts"]]
    if not graph.number_of_edges() and not joined:
        graph.add_edges_from((mapping[u], mapping[v], d) for u, v, d in net.edges(data=True))
    else:
        succ = graph.adj
        new: dict[tuple[str, str], dict[str, Any]] = {}
        for u, v, d in net.edges(data=True):
            a, b = mapping[u], mapping[v]
            if (a, b) in new:  # two network nodes joined one entity
                old = new[(a, b)] = dict(new[(a, b)])
            elif a in succ and b in succ[a]:
                old = succ[a][b]
            else:
                new[(a, b)] = d
                continue
            if _combine(old, d):
                conflicts.append([a, b])
        graph.add_edges_from((a, b, d) for (a, b), d in new.items())
    for key in ("sources", "compartments"):
        graph.graph.setdefault(key, {})
        for k, v in net.graph[key].items():
            graph.graph[key].setdefault(k, v)
    report = dict(info, id=nid, nodes=net.number_of_nodes(), edges=net.number_of_edges(),
                  joined=sorted(joined), ambiguous=sorted(ambiguous), separate=separate,
                  conflicts=sorted(conflicts))
    graph.graph.setdefault("networks", {})[nid] = report
    graph.graph.pop("_children", None)
    return report
