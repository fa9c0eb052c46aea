"""Merge every mechanism into one networkx graph keyed by entity id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .certainty import strongest
from .labels import folded, plain

if TYPE_CHECKING:
    import networkx as nx

    from .model import Dataset, Edge, Entity, Mechanism

__all__ = ["CHILDREN_INDEX", "add_network", "combine_signs", "drawn_label", "edge_status",
           "join_nodes", "merge", "network_graph", "network_node_attrs", "node_attrs"]


# Where a graph keeps the is-a index `queries` builds: an attribute of the graph object, so a
# cached graph brings it along; never in `graph.graph`, whose every key the exporters write.
CHILDREN_INDEX = "_pathways_children"


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


def drawn_label(labels: Mapping[str, str], evidence: list[dict[str, Any]],
                order: Iterable[str]) -> str:
    """The label an edge is drawn and described with: the first, in `order`, of the mechanisms
    whose own evidence is as certain as the edge's strongest. A label speaks for its mechanism's
    claim ("implied: thought to reverse synaptic deficits"), so a weaker mechanism's label never
    rides on a line its stronger evidence draws; where no such mechanism labels it, none."""
    status = edge_status(evidence)
    for m in order:
        if labels.get(m) and edge_status([e for e in evidence if e["mechanism"] == m]) == status:
            return labels[m]
    return ""


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
                if e.label:
                    d["labels"][mech.id] = e.label
                d["label"] = drawn_label(d["labels"], d["evidence"], d["mechanisms"])
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


# Networks read from other people's files (pathways.readers): built as they are, then joined.

_EFFECT_OF_SIGN = {"+": "activates", "-": "inhibits", "?": "regulates"}


COLUMNS_MIN_INTERACTIONS = 10_000  # from this many interactions a network is held in columns


def network_graph(network: Any, columns: bool | None = None) -> nx.DiGraph:
    """The graph of one imported network, with the node and edge attributes `merge` gives.

    Every interaction's evidence is kept, cited to the network (`mechanisms` = [its id]). The
    edges share their `mechanisms` list and their empty `compounds`, `measures` and `labels`
    (a network of 10^5 edges loads from the cache twice as fast): replace them, never mutate
    them in place. Where a
    pair is asserted with both signs, the edge keeps the sign most of its records give (the first
    one on a tie) and the records of the other sign are kept as contradicting evidence; the pair
    is listed in `graph.graph["networks"][id]["conflicts"]`.

    A network of `COLUMNS_MIN_INTERACTIONS` interactions or more (or any, with `columns`) is
    held in columns (`pathways.columns.ColumnGraph`: the same graph at a tenth of the memory).
    """
    import networkx as nx

    nid = network.id
    its_all = network.interactions
    if columns is None:
        columns = len(its_all) >= COLUMNS_MIN_INTERACTIONS
    if columns:
        from .columns import ColumnGraph

        g, apart = ColumnGraph.from_network(network)  # what is not one record with one quote
        mechanisms = g.columns.mechanisms  # type: ignore[attr-defined]
        none, no_labels = g.columns.none, g.columns.no_labels  # type: ignore[attr-defined]
    else:
        g = nx.DiGraph()
        g.add_nodes_from((n.id, network_node_attrs(n, nid)) for n in network.nodes.values())
        # Shared by every edge (so a cached network loads fast and takes less memory): replace
        # these values, never mutate them in place.
        mechanisms, none, no_labels = [nid], [], {}
        apart = its_all
    g.graph["sources"] = dict(network.sources)
    g.graph["compartments"] = dict(network.compartments)
    by_pair: dict[tuple[str, str], list[Any]] = {}
    for it in apart:
        by_pair.setdefault((it.source, it.target), []).append(it)
    conflicts: list[list[str]] = []
    edges = []
    for (u, v), its in by_pair.items():
        if len(its) == 1:
            it = its[0]
            evidence = [{"source": s, "quote": q, "mechanism": nid, "status": st,
                         "contradicts": False} for s, q, st in it.evidence]
            edges.append((u, v, {
                "effect": it.effect, "sign": it.sign,
                "status": evidence[0]["status"] if len(evidence) == 1 else edge_status(evidence),
                "label": it.label, "mechanisms": mechanisms,
                "labels": {nid: it.label} if it.label else no_labels, "compounds": none,
                "evidence": evidence, "measures": none}))
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
            "label": label, "mechanisms": mechanisms,
            "labels": {nid: label} if label else no_labels, "compounds": none,
            "evidence": evidence, "measures": none}))
    g.add_edges_from(edges)
    g.graph["networks"] = {nid: {"file": network.file, "format": network.format,
                                 "title": network.title, "skipped": dict(network.skipped),
                                 "conflicts": conflicts}}
    return g


def network_node_attrs(n: Any, nid: str) -> dict[str, Any]:
    """The attributes of an imported network's node."""
    attrs: dict[str, Any] = {
        "label": plain(n.label), "markup": n.label, "kind": n.kind,
        "synonyms": list(n.synonyms), "identifiers": list(n.identifiers),
        "compartment": n.compartment, "parent": n.parent, "part_of": n.part_of, "role": "",
        "info": list(n.info), "description": "", "measures": [], "networks": [nid]}
    if n.position is not None:
        attrs["position"] = [n.position[0], n.position[1]]
    return attrs


NameRow = tuple[str, str, str, Sequence[str], Sequence[str]]


def name_row(node: str, d: Mapping[str, Any]) -> NameRow:
    """`node`'s (node, label, markup, synonyms, identifiers) from its attribute dict."""
    return (node, d.get("label", ""), d.get("markup", ""), d.get("synonyms", ()),
            d.get("identifiers", ()))


def name_rows(graph: nx.DiGraph) -> Iterator[NameRow]:
    """(node, label, markup, synonyms, identifiers) for every node of `graph`, in node order:
    the names a node is found and joined by. A network held in columns reads them from its
    records (`ColumnGraph.name_rows`), making no attribute dicts."""
    rows = getattr(graph, "name_rows", None)
    if rows is not None and getattr(graph, "columns", None) is not None:
        return rows()  # type: ignore[no-any-return]
    return (name_row(n, d) for n, d in graph.nodes(data=True))


def _casefold_keys(names: list[str], identifiers: Sequence[str]) -> set[str]:
    """The keys a node is known by: its names and identifiers, and the identifiers' local parts
    (a gene symbol, a UniProt accession) unless merely a number, all case-folded, names with
    super- and subscripts as plain characters (`labels.folded`: "Ca²⁺ influx" is "ca2+ influx")."""
    keys = {folded(n) for n in names if n}
    for curie in identifiers:
        keys.add(curie.casefold())
        local = curie.split(":", 1)[-1]
        if local and not local.isdigit():
            keys.add(local.casefold())
    return keys


# ASCII characters a reader's id made from a name (`readers._common.slug`) may drop and still
# stand for it: "mGluR2/3" is mglur2_3; "Ca²⁺" as ca2 has lost its charge, and is not calcium.
_SLUG_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-/.,()")


def _own_names(node: str, label: str) -> list[str]:
    """The names a node joins by of its id and label: the id too, unless a reader made it from
    the label and lost part of it doing so (`slug("Ca²⁺")` is "ca2", which named a network's
    calcium as the gene CA2, carbonic anhydrase 2, of another network, and routes ran through
    it). A curated id (`mglur2_3`, `calcium_influx`) is someone's name for the entity and
    stays."""
    from .readers._common import slug

    if label and node != label and not set(label) <= _SLUG_SAFE and slug(label) == node:
        return [label]
    return [node, label]


def _vocabulary(graph: nx.DiGraph) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for node, label, markup, synonyms, identifiers in name_rows(graph):
        for key in _casefold_keys([*_own_names(node, label), markup, *synonyms], identifiers):
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
    for node, label, markup, synonyms, identifiers in name_rows(net):
        if label == markup == node and not synonyms and not identifiers:  # a bare name
            hits = index.get(folded(node), set())  # read, never changed
        else:
            keys = _casefold_keys([*_own_names(node, label), markup, *synonyms], identifiers)
            hits = set().union(*(index.get(k, ()) for k in keys))
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


def add_network(graph: nx.DiGraph, net: nx.DiGraph) -> nx.DiGraph:
    """`graph` with the network graph `net` (from `network_graph`) joined in; both are used up.

    A network node joins the node of `graph` that shares its id, label, a synonym or an
    identifier (a CURIE or its local part), in any case, when exactly one node does; it stays
    separate when none does, and when several do (ambiguous: reported, not guessed). A joined node
    keeps `graph`'s attributes. A separate node keeps its id (prefixed with the network id if
    `graph` uses that id already). An edge already in `graph` keeps its sign and gains the
    network's evidence, a sign opposite to it kept as contradicting evidence and reported.

    The smaller graph is poured into the larger, so joining a curated dataset to a network of
    10^5 edges costs the curated data's size, not the network's. The report (what joined, what is
    ambiguous, how many stayed separate, the pairs with conflicting signs, what the file held
    that is no influence) is in the result's `graph["networks"][network id]`.
    """
    (nid, info), = net.graph["networks"].items()
    # Read before pouring: poured into, `net` takes `graph`'s own tables (see below).
    own = {key: dict(net.graph.get(key, {})) for key in ("sources", "compartments")}
    mapping, joined, ambiguous, separate = join_nodes(graph, net)
    conflicts = [list(p) for p in info["conflicts"]]
    size = {"nodes": net.number_of_nodes(), "edges": net.number_of_edges()}
    if net.number_of_edges() > graph.number_of_edges():
        out = _pour_into_network(graph, net, mapping, nid, conflicts)
    else:
        out = _pour_network_in(graph, net, mapping, nid, conflicts)
    for key, values in own.items():  # the network's sources and compartments join `graph`'s
        table = out.graph[key] = dict(out.graph.get(key, {}))
        for k, v in values.items():
            table.setdefault(k, v)
    out.graph["networks"] = {**graph.graph.get("networks", {}), nid: dict(
        info, id=nid, **size,
        joined=sorted(joined), ambiguous=sorted(ambiguous), separate=separate,
        conflicts=sorted(conflicts))}
    out.__dict__.pop(CHILDREN_INDEX, None)  # a stale is-a index: joining moved nodes
    return out


def _retarget(d: dict[str, Any], mapping: dict[str, str]) -> None:
    """Point a network node's parent / part_of at where those nodes went."""
    for key in ("parent", "part_of"):
        if d.get(key):
            d[key] = mapping.get(d[key], d[key])


def _pour_network_in(graph: nx.DiGraph, net: nx.DiGraph, mapping: dict[str, str], nid: str,
                     conflicts: list[list[str]]) -> nx.DiGraph:
    """Add `net` to `graph` (the larger), in place."""
    for n, d in net.nodes(data=True):
        m = mapping[n]
        if m in graph:
            have = graph.nodes[m].setdefault("networks", [])
            if nid not in have:
                have.append(nid)
        else:
            _retarget(d, mapping)
            graph.add_node(m, **d)
    new: dict[tuple[str, str], dict[str, Any]] = {}
    # Where several network nodes joined one entity, the edge between nodes that already bear
    # the entity ids comes first (as when pouring the other way), then file order.
    for u, v, d in sorted(net.edges(data=True),
                          key=lambda e: mapping[e[0]] != e[0] or mapping[e[1]] != e[1]):
        a, b = mapping[u], mapping[v]
        if (a, b) in new:  # two network nodes joined one entity
            old = new[(a, b)] = dict(new[(a, b)])
        elif graph.has_edge(a, b):
            old = graph.edges[a, b]
        else:
            new[(a, b)] = d
            continue
        if _combine(old, d):
            conflicts.append([a, b])
    graph.add_edges_from((a, b, d) for (a, b), d in new.items())
    return graph


def _pour_into_network(graph: nx.DiGraph, net: nx.DiGraph, mapping: dict[str, str], nid: str,
                       conflicts: list[list[str]]) -> nx.DiGraph:
    """Add `graph` (the smaller) to `net`, moving only the network nodes that joined or were
    renamed; `graph`'s edges and attributes win where both have them."""
    for n in [n for n, m in mapping.items() if n != m]:
        m = mapping[n]
        if m not in net:
            net.add_node(m, **net.nodes[n])
        for v, d in list(net.succ[n].items()):
            _move_edge(net, m, m if v == n else v, d, conflicts)
        for u, d in list(net.pred[n].items()):
            if u != n:
                _move_edge(net, u, m, d, conflicts)
        net.remove_node(n)
    retarget = getattr(net, "retarget", None)
    if retarget is not None and getattr(net, "columns", None) is not None:
        retarget(mapping)  # a network held in columns: its nodes are made retargeted
    else:
        for _, d in net.nodes(data=True):
            if d.get("parent") or d.get("part_of"):
                _retarget(d, mapping)
    for n, d in graph.nodes(data=True):
        attrs = dict(d)
        if n in net:
            attrs["networks"] = [*d.get("networks", []), nid]
            net.nodes[n].clear()
        net.add_node(n, **attrs)
    for a, b, d in graph.edges(data=True):
        if net.has_edge(a, b):
            mine = dict(d)
            if _combine(mine, net.edges[a, b]):
                conflicts.append([a, b])
            net.edges[a, b].clear()
            net.edges[a, b].update(mine)
        else:
            net.add_edge(a, b, **d)
    net.graph = {**graph.graph, **{k: v for k, v in net.graph.items() if k not in graph.graph}}
    return net


def _move_edge(net: nx.DiGraph, a: str, b: str, d: dict[str, Any],
               conflicts: list[list[str]]) -> None:
    if net.has_edge(a, b):
        if _combine(net.edges[a, b], d):
            conflicts.append([a, b])
    else:
        net.add_edge(a, b, **d)
