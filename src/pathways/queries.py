"""Questions users ask of the merged graph: who converges where, what is shared, by which route.

Semantics, the same for `converge`, `shared` and `path`:

- A *route* is a chain of signed links; its net sign is the product of the links' signs and its
  certainty that of its weakest link (stated > hedged > hypothesised).
- The route shown for a compound is its *own* where one exists: every link asserted by the
  compound's own mechanism files or the modules they declare in `uses`. Otherwise the route is
  *inferred* through other mechanisms, and `inferred_from` names the mechanisms it borrows from.
- Among routes of the same kind, the shortest (fewest steps) wins; among equally short, the most
  certain; among routes through every link that are equally short and certain, the one whose
  node ids, read from the source, come first (so `converge` and `shared` show the same one).
  For each net sign the shortest length at which it occurs is reported; a route of the
  opposite sign at the same length makes the answer *ambiguous*.
- A *more certain route* is shown where the route shown is not stated: the shortest route (then
  chosen as the route shown is) over links at least as certain as the most certain level any
  route reaches, where that level beats the route shown; with `max_steps`, among routes of at
  most that many steps. One more search per level, over the links of that level and above,
  each link as certain as the compound's own files say (as for the route shown).
- Reaching an entity that is a kind of the node asked for counts for the node (is-a aware).
- Research tools (role "tool") are counted by `converge` only through their own evidence,
  unless asked (`include_tools`).

Every search is one Dijkstra over (node, net sign) states, O(E log E): `converge` searches back
from the node, `shared` forward from each compound (reading every convergence point's routes from
those), so neither grows with the number of points; `path` takes the k shortest simple routes
(Yen), never all of them. On a graph of `COMPACT_MIN_NODES` nodes or more, the
searches over every link run on `pathways.compact` (flat arrays, confined to the nodes on routes
from the asked-for sources), with the same answers.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import count, pairwise
from typing import TYPE_CHECKING, Any

from .certainty import Status, strongest, weakest
from .errors import UsageError
from .labels import counted, folded, readable_evidence
from .merge import CHILDREN_INDEX, combine_signs, drawn_label, name_rows

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Convergence",
    "Route",
    "SharedResult",
    "converging_compounds",
    "is_compound",
    "is_tool",
    "kinds_of",
    "prepare",
    "reached_by",
    "resolve",
    "routes",
    "shared_downstream",
    "targets_of",
]

Cost = tuple[int, int, int]  # (steps, hypothesised links, hedged links): compared in that order
State = tuple[str, str]  # (node, net sign between the node and the search's seed)
Settled = Mapping[State, tuple[Cost, "State | None"]]  # a search: state -> (cost, previous)
EdgeFilter = Callable[[str, str, dict[str, Any]], bool]  # (source, target, data)
# A source's cheapest walk to a node for each net sign it reaches: sign -> (cost, the walk's
# nodes from the source); among equally cheap walks, the one whose node ids come first.
Walks = dict[str, tuple[Cost, list[str]]]

_WEAKNESS = {"stated": (0, 0), "hedged": (0, 1), "hypothesised": (1, 0)}
_RANK = {s.value: s.rank for s in Status}
# The certainty levels a more certain route than one of the given certainty may have, surest first.
_SURER = {s.value: tuple(t.value for t in Status if t.rank > s.rank) for s in Status}
# A link's weight for `path`'s k shortest routes: steps first, then hypothesised, then hedged.
_ROUTE_WEIGHT = {s: 10_000 + hyp * 100 + hedged for s, (hyp, hedged) in _WEAKNESS.items()}
# The same by `pathways.compact`'s certainty code (0 stated, 1 hedged, 2 hypothesised).
_ROUTE_WEIGHT_BY_CODE = tuple(_ROUTE_WEIGHT[s] for s in ("stated", "hedged", "hypothesised"))
COMPACT_MIN_NODES = 2_000  # from this many nodes, unfiltered searches run on pathways.compact


def _names(graph: nx.DiGraph) -> Iterable[tuple[str, tuple[str, ...]]]:
    """(node, the names it is known by: id, label, markup and synonyms) for every node."""
    for node, label, markup, synonyms, _ in name_rows(graph):
        yield node, (node, label, markup, *synonyms)


def name_index(graph: nx.DiGraph) -> dict[str, str]:
    """Case-folded name -> the entity it names, for suggestions and hints; a name several
    entities share goes to the first of them by id (`resolve` itself refuses such a name)."""
    index: dict[str, str] = {}
    for node, names in _names(graph):
        for n in names:
            key = n.casefold()
            if index.get(key, node) >= node:
                index[key] = node
    return index


def resolve(graph: nx.DiGraph, name: str) -> str:
    """Entity id for `name`, matched against ids, labels and synonyms in any case (Ca2+ finds
    Ca²⁺); where several nodes carry the name (a map's two "CaM"), the one whose id it is,
    else a UsageError naming them (`_one`); an unknown name is a UsageError with suggestions.

    >>> resolve(graph, "onfasprodil")
    'mij821'
    """
    return resolve_with(graph, name_table(graph), name)


LONGEST_NAME = 200  # characters: a label's most (graphs/README); a longer name is no name
SHOWN_NAME = 80  # characters of an unknown name an error shows


def _unknown(graph: nx.DiGraph, name: str) -> UsageError:
    """The error for a name no node carries, with up to three suggestions: the names that hold
    it first, then names spelled alike."""
    key = folded(name.strip())
    index = name_index(graph)
    ids: dict[str, None] = {}
    if len(key) <= LONGEST_NAME:  # longer than any name: nothing holds it or is spelled alike
        ids = dict.fromkeys(index[c] for c in _names_holding(key, index)[:3])
        for c in difflib.get_close_matches(key, list(index), n=3, cutoff=0.6):
            if len(ids) < 3:
                ids.setdefault(index[c])
    if len(name) > SHOWN_NAME:  # a pasted page is not echoed back whole
        name = name[:SHOWN_NAME - 1] + "\u2026"
    hint = f"; did you mean {', '.join(repr(i) for i in ids)}?" if ids \
        else "; `pathways list` shows every entity" if not graph.graph.get("networks") \
        else "; `pathways list` shows the curated entities, a network's nodes go by their " \
             "names in its file"
    return UsageError(f"unknown entity {name!r}{hint}")


def _one(name: str, found: list[str]) -> str:
    """The node `name` means of the nodes `found` carrying it (sorted): the one whose id it is,
    as written, else the only one; several nodes of a network may carry one name (an SBGN
    map's five "Source AN", its two "CaM"), and taking the first silently answered for the
    wrong one ("No route"): a UsageError lists them, to be named by id."""
    typed = name.strip()
    if typed in found:
        return typed
    if len(found) == 1:
        return found[0]
    shown = ", ".join(repr(n) for n in found[:5]) + (f" and {len(found) - 5} more"
                                                      if len(found) > 5 else "")
    raise UsageError(f"{typed!r} names {len(found)} nodes: {shown}; give one by its id")


def name_table(graph: nx.DiGraph) -> dict[str, list[str]]:
    """Every name a node goes by (folded as `resolve` folds what is typed) -> the nodes carrying
    it: one pass over the graph's names, to resolve many names (`resolve_with`)."""
    table: dict[str, list[str]] = {}
    for node, label, markup, synonyms, _ in name_rows(graph):
        keys = {node.casefold(), folded(label), folded(markup),
                *(folded(s) for s in synonyms or ())}
        for k in keys:
            table.setdefault(k, []).append(node)
    return table


def resolve_with(graph: nx.DiGraph, table: dict[str, list[str]], name: str) -> str:
    """`resolve`, looking `name` up in `table` (`name_table`, made once for many names)."""
    found = table.get(folded(name.strip()))
    if not found:
        raise _unknown(graph, name)
    return _one(name, sorted(found))


def _names_holding(key: str, index: dict[str, str], leading: bool = False) -> list[str]:
    """The names (as `name_index` holds them) that have `key` as a whole word or more ("ca2+"
    in "Ca²⁺ influx", "nmda" in "NR2B-containing NMDA receptor"; where `leading`, as their
    first words only: "glutamate" in "Glutamate surge"), shortest first: what a user typing
    part of a name most likely meant, before names spelled alike. One pass over the names."""
    if not key:
        return []
    start = "^" if leading else r"(?<!\w)"
    word = re.compile(start + re.escape(key) + r"(?!\w)")
    return sorted((n for n in index if word.search(folded(n))), key=lambda n: (len(n), n))


def is_compound(graph: nx.DiGraph, node: str) -> bool:
    """True for drug and tool-compound nodes."""
    return graph.nodes[node]["kind"] == "compound"


def is_tool(graph: nx.DiGraph, node: str) -> bool:
    """True for research-tool compounds (e.g. a selective antagonist used in slice experiments)."""
    return graph.nodes[node].get("role") == "tool"


def _node_values(graph: nx.DiGraph, key: str) -> Iterable[tuple[str, Any]]:
    """(node, attribute `key`) for every node, as `graph.nodes(data=key)`; read straight from
    the columns of a network held in them (`pathways.columns`), making no attribute dicts."""
    values = getattr(graph, "node_values", None)
    if values is not None and getattr(graph, "columns", None) is not None:
        return values(key)  # type: ignore[no-any-return]
    return graph.nodes(data=key)  # type: ignore[no-any-return]


def _children_index(graph: nx.DiGraph) -> dict[str, list[str]]:
    """parent id -> the entities that are directly a kind of it; built once per graph."""
    index: dict[str, list[str]] | None = getattr(graph, CHILDREN_INDEX, None)
    if index is None:
        index = {}
        for n, parent in sorted((n, p) for n, p in _node_values(graph, "parent") if p):
            index.setdefault(parent, []).append(n)
        setattr(graph, CHILDREN_INDEX, index)
    return index


def kinds_of(graph: nx.DiGraph, node: str) -> list[str]:
    """`node` and every entity that is (transitively) a kind of it."""
    index = _children_index(graph)
    out, frontier, seen = [node], [node], {node}
    while frontier:
        for kid in index.get(frontier.pop(), ()):
            if kid not in seen:
                seen.add(kid)
                out.append(kid)
                frontier.append(kid)
    return out


def _up(graph: nx.DiGraph, node: str, link: str) -> list[str]:
    """The entities reached from `node` by following the node attribute `link` ("parent" for
    is-a, "part_of" for part-of) as far as it goes."""
    out, nxt = [], graph.nodes[node].get(link, "")
    while nxt and nxt in graph and nxt not in out:
        out.append(nxt)
        nxt = graph.nodes[nxt].get(link, "")
    return out


def _wholes(graph: nx.DiGraph, node: str) -> list[str]:
    """The entities `node` is (transitively) a part of: the receptor a subunit belongs to."""
    return _up(graph, node, "part_of")


def targets_of(graph: nx.DiGraph, node: str) -> dict[str, str]:
    """What reaching `node` means: each entity whose reaching counts, with how it relates
    ("" for the node itself, "is-a" for a kind of it, "part-of" for a whole it belongs to: a
    compound acting on the NR2B-containing receptor acts on its NR2B subunit)."""
    out = {n: "is-a" for n in kinds_of(graph, node)}
    out[node] = ""
    for whole in _wholes(graph, node):
        for n in kinds_of(graph, whole):
            out.setdefault(n, "part-of")
    return out


def _is_a_ancestors(graph: nx.DiGraph, node: str) -> list[str]:
    """The entities `node` is (transitively) a kind of."""
    return _up(graph, node, "parent")


def _weight(data: dict[str, Any]) -> Cost:
    hyp, hedged = _WEAKNESS[data["status"]]
    return (1, hyp, hedged)


def prepare(graph: nx.DiGraph) -> nx.DiGraph:
    """`graph`, with what the searches use on a large graph built now and kept with it (a
    cached graph then brings it along instead of building it on every run)."""
    if graph.number_of_nodes() >= COMPACT_MIN_NODES:
        from .compact import compact_graph

        compact_graph(graph).prepare()
        _kin(graph)
    return graph


def _search(graph: nx.DiGraph, seeds: Iterable[str], *, reverse: bool,
            allow: EdgeFilter | None = None, max_steps: int | None = None,
            floor: str | None = None,
            status_of: Callable[[str, str], str] | None = None,
            sources: Iterable[str] | None = None,
            toward: Iterable[str] | None = None) -> Settled:
    """One Dijkstra over (node, net sign) states from `seeds`, along edges (or against them when
    `reverse`), cheapest first by (steps, hypothesised links, hedged links); with `floor`, over
    the links at least that certain only (as `status_of(a, b)` says, else the link's status).

    Returns every reached state with its cost and the state it was reached from: enough to rebuild
    the cheapest route for each node and each net sign. `sources`, in a reverse search, names
    the only nodes whose states are wanted: on a large graph the search is then confined to the
    nodes on routes from them (their states unchanged); elsewhere it is ignored. `toward` does
    the same in a forward search for the nodes a wanted route may end at.
    """
    if allow is None and status_of is None and graph.number_of_nodes() >= COMPACT_MIN_NODES:
        from .compact import compact_graph, search

        return search(compact_graph(graph), seeds, reverse=reverse, max_steps=max_steps,
                      floor=floor, sources=sources, toward=toward)
    best: dict[State, tuple[Cost, State | None]] = {}
    tie = count()
    least = _RANK["hypothesised" if floor is None else floor]
    heap: list[tuple[Cost, int, Cost, State, State | None]] = [
        ((0, 0, 0), next(tie), (0, 0, 0), (s, "+"), None) for s in sorted(set(seeds))]
    while heap:
        _, _, cost, state, prev = heapq.heappop(heap)
        if state in best:
            continue
        best[state] = (cost, prev)
        if max_steps is not None and cost[0] >= max_steps:
            continue
        node, sign = state
        for other in sorted(graph.predecessors(node) if reverse else graph.successors(node)):
            a, b = (other, node) if reverse else (node, other)
            data = graph.edges[a, b]
            if allow is not None and not allow(a, b, data):
                continue
            nxt = (other, combine_signs(data["sign"], sign))
            if nxt not in best:
                status = data["status"] if status_of is None else status_of(a, b)
                if _RANK[status] < least:
                    continue
                hyp, hedged = _WEAKNESS[status]
                new = (cost[0] + 1, cost[1] + hyp, cost[2] + hedged)
                heapq.heappush(heap, (new, next(tie), new, nxt, state))
    return best


def _chain(best: Settled, state: State) -> list[str]:
    """Nodes from `state` back to its seed, following the search's pointers."""
    chain = getattr(best, "chain", None)  # a compact search walks its own arrays
    if chain is not None:
        return chain(state)
    out = [state[0]]
    prev = best[state][1]
    while prev is not None:
        out.append(prev[0])
        prev = best[prev][1]
    return out


def _own_filter(graph: nx.DiGraph, compound: str) -> EdgeFilter | None:
    """Accepts the links asserted for `compound`: those of its own mechanism files and declared
    modules, and its own direct actions wherever they are written. None for a source that is no
    compound of the curated data (a node of an imported network): every link is its own."""
    if compound not in graph.graph.get("own", {}):
        return None
    own = frozenset(graph.graph["own"][compound])
    return lambda a, _b, d: a == compound or not own.isdisjoint(d["mechanisms"])


def _inferred_from(graph: nx.DiGraph, compound: str, path: list[str]) -> tuple[str, ...]:
    """Mechanisms whose links a route of `compound` borrows (empty for its own route). A node of
    a loaded network searches every link as its own (`_own_filter`), but a curated mechanism's
    link on its route is still borrowed from that mechanism, and said so."""
    allow = _own_filter(graph, compound)
    if allow is None:
        if not graph.nodes[compound].get("networks"):
            return ()
        loaded = frozenset(graph.graph.get("networks", {}))
        allow = lambda _a, _b, d: not loaded.isdisjoint(d["mechanisms"])  # noqa: E731
    return tuple(sorted({m for a, b in pairwise(path) if not allow(a, b, graph.edges[a, b])
                         for m in graph.edges[a, b]["mechanisms"]}))


def _link_status(graph: nx.DiGraph, compound: str, a: str, b: str) -> str:
    """How certain the link a -> b is on a route of `compound`: as its own files say where they
    assert it (MGS0039's file calls glutamate -> AMPA implied, though another document states
    it for esketamine); a borrowed link, or any link of a network node, as certain as the
    strongest document that states it."""
    d = graph.edges[a, b]
    own = graph.graph.get("own", {}).get(compound)
    if own is None:
        return d["status"]
    mine = [e["status"] for e in d["evidence"]
            if not e["contradicts"] and (a == compound or e["mechanism"] in own)]
    return strongest(mine) if mine else d["status"]


def route_certainty(graph: nx.DiGraph, path: Sequence[str]) -> str:
    """A route's certainty, for the compound it starts from: that of its weakest link."""
    return weakest(_link_status(graph, path[0], a, b) for a, b in pairwise(path))


def _sign(graph: nx.DiGraph, path: list[str]) -> str:
    sign = "+"
    for a, b in pairwise(path):
        sign = combine_signs(sign, graph.edges[a, b]["sign"])
    return sign


@dataclass(frozen=True)
class Convergence:
    """One source reaching a node: its route, the route's net sign and certainty, and the
    shortest length at which each net sign occurs."""

    compound: str
    label: str
    path: tuple[str, ...]
    sign: str
    certainty: str
    shortest: tuple[tuple[str, int], ...]  # (net sign, fewest steps with that sign)
    via: str | None = None  # the entity reached, when counted for the node (is-a or part-of)
    via_relation: str = ""  # "is-a" (a kind of the node) or "part-of" (a whole the node is in)
    inferred_from: tuple[str, ...] = ()  # mechanisms whose links the route borrows
    role: str = ""
    loop: bool = False  # the route passes round a feedback loop
    loop_signs: tuple[str, ...] = ()  # net signs found only by walks round a feedback loop
    surer: tuple[str, ...] = ()  # a longer route of the same kind that is more certain, if any
    surer_certainty: str = ""  # that route's certainty
    # Links of the route that a quote drawn from says the opposite of (both kept, as the
    # documents give them): the net sign rests on a disputed link.
    contested: tuple[tuple[str, str], ...] = ()

    @property
    def steps(self) -> int:
        return len(self.path) - 1

    @property
    def own(self) -> bool:
        return not self.inferred_from

    @property
    def signs(self) -> tuple[str, ...]:
        return tuple(s for s, _ in self.shortest)

    @property
    def ambiguous(self) -> bool:
        """A route of the opposite sign is as short as this one."""
        opposite = {"+": "-", "-": "+"}.get(self.sign)
        return any(s == opposite and n <= self.steps for s, n in self.shortest)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.compound, "label": self.label, "role": self.role,
                "path": list(self.path), "steps": self.steps, "sign": self.sign,
                "certainty": self.certainty, "own": self.own,
                "inferred_from": list(self.inferred_from), "via": self.via,
                "via_relation": self.via_relation or None,
                "signs": list(self.signs), "shortest": dict(self.shortest),
                "ambiguous": self.ambiguous, "loop": self.loop,
                "loop_signs": list(self.loop_signs),
                "more_certain_route": list(self.surer) or None,
                "more_certain_route_certainty": self.surer_certainty or None,
                "contested_links": [list(link) for link in self.contested]}


def _best_at(best: Settled, nodes: Iterable[str]) -> State | None:
    found = [(hit[0], (n, s)) for n in nodes for s in "+-?"
             if (hit := best.get((n, s))) is not None]
    return min(found)[1] if found else None


def _per_sign(best: Settled, nodes: Iterable[str]) -> list[tuple[str, int, bool]]:
    """For each net sign reached at `nodes`: the fewest steps, and whether that shortest walk is
    a simple route.

    The search finds the shortest *walk* per sign; a walk that passes a node twice went round a
    feedback loop, and a loop could lend it a sign no route has, so such a sign is not given as a
    route's (it is listed apart, in `loop_signs`) rather than enumerating simple paths to prove
    it."""
    nodes = list(nodes)
    out = []
    for s in "+-?":
        found = [(hit[0], (n, s)) for n in nodes if (hit := best.get((n, s))) is not None]
        if found:
            cost, top = min(found)
            walk = _chain(best, top)
            out.append((s, cost[0], len(set(walk)) == len(walk)))
    return out


def _walk_signs(walks: Walks) -> list[tuple[str, int, bool]]:
    """`_per_sign` read from a source's `Walks`: each sign's fewest steps, and whether its
    walk is a simple route."""
    return [(s, cost[0], len(set(walk)) == len(walk)) for s, (cost, walk) in walks.items()]


def _convergence(graph: nx.DiGraph, source: str, node: str, path: list[str],
                 per_sign: list[tuple[str, int, bool]], relation: dict[str, str],
                 known: tuple[str, str] | None = None) -> Convergence:
    """`path` described, with `per_sign` (see `_per_sign`) giving its per-sign lengths;
    `known`, where the search that found it already knows them, is its (net sign, certainty)."""
    shortest = tuple((s, n) for s, n, simple in per_sign if simple)
    sign, certainty = known if known is not None else (_sign(graph, path),
                                                       route_certainty(graph, path))
    if not any(s == sign for s, _ in shortest) and len(set(path)) == len(path):
        shortest = tuple(sorted((*shortest, (sign, len(path) - 1)),
                                key=lambda x: "+-?".index(x[0])))
    return Convergence(
        compound=source, label=graph.nodes[source]["label"], path=tuple(path),
        sign=sign, certainty=certainty, shortest=shortest,
        via=path[-1] if path[-1] != node else None, via_relation=relation.get(path[-1], ""),
        inferred_from=_inferred_from(graph, source, path),
        role=graph.nodes[source].get("role", ""), loop=len(set(path)) < len(path),
        loop_signs=tuple(s for s, _, simple in per_sign if not simple and s not in dict(shortest)),
        contested=contested_links(graph, path))


def contested_links(graph: nx.DiGraph, path: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The links of `path` that a quote they are drawn from says the opposite of (a network
    asserting both signs, a document contradicting another), in route order."""
    return tuple((a, b) for a, b in pairwise(path)
                 if any(e.get("contradicts") for e in graph.edges[a, b].get("evidence", ())))


def _add(a: Cost, b: Cost) -> Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


# (a link's sign, a net sign) -> the signs s for which combine_signs(link, s) gives that net sign
_FACTORS = {(link, net): tuple(s for s in "+-?" if combine_signs(link, s) == net)
            for link in "+-?" for net in "+-?"}


LinkReader = Callable[[str, bool], list[tuple[str, str, Cost]]]


def _link_reader(graph: nx.DiGraph) -> LinkReader:
    """`links(node, into)`: the links into `node` (`into`) or out of it, as (the other end, the
    link's sign, its cost), by the other end's id; on a large graph read from its compact copy
    (looked up once here, not per node)."""
    if graph.number_of_nodes() >= COMPACT_MIN_NODES:
        from .compact import compact_graph, links_of

        return partial(links_of, compact_graph(graph))

    def links(node: str, into: bool) -> list[tuple[str, str, Cost]]:
        out = []
        for other in sorted(graph.predecessors(node) if into else graph.successors(node)):
            d = graph.edges[(other, node) if into else (node, other)]
            out.append((other, d["sign"], _weight(d)))
        return out
    return links


Chooser = Callable[[State], list[str]]


def _walk_chooser(graph: nx.DiGraph, best: Settled) -> Chooser:
    """`walk(start)`: the route a reverse search `best` gives from `start` (a source's state) to
    a seed: among its cheapest walks, the one whose node ids, read from the source, come first.

    Taken step by step: the least next node over which a cheapest walk goes on (all the states
    there that do, since a link of unknown sign leaves several), so the choice does not hang
    on the order the search settled states in, and a forward search can make it the same way
    (`_ranked`). Each step is worked out once per search and kept: the routes of many sources
    share their ends, so asking for every node's route costs O(E) steps in all, not O(E) per
    source. A compact search's walks are taken on its arrays (`compact.walk_chooser`)."""
    if not isinstance(best, dict):  # the networkx search gives a dict
        from .compact import Settled as CompactSettled
        from .compact import walk_chooser

        if isinstance(best, CompactSettled):
            return walk_chooser(best)
    links = _link_reader(graph)
    outs: dict[str, list[tuple[str, str, Cost]]] = {}
    steps: dict[tuple[State, ...], tuple[str, tuple[State, ...]] | None] = {}

    def step(frontier: tuple[State, ...]) -> tuple[str, tuple[State, ...]] | None:
        """The next node and its states after `frontier`; None at a seed."""
        cost = best[frontier[0]][0]
        if cost[0] == 0:
            return None
        found: dict[str, list[State]] = {}
        for node, sign in frontier:
            if node not in outs:
                outs[node] = links(node, False)
            for other, link, w in outs[node]:
                for s in _FACTORS[link, sign]:
                    nxt = (other, s)
                    if (hit := best.get(nxt)) and _add(hit[0], w) == cost:
                        found.setdefault(other, []).append(nxt)
        least = min(found)
        return least, tuple(sorted(set(found[least])))

    def walk(start: State) -> list[str]:
        out, frontier = [start[0]], (start,)
        while True:
            if frontier not in steps:
                steps[frontier] = step(frontier)
            if (got := steps[frontier]) is None:
                return out
            out.append(got[0])
            frontier = got[1]
    return walk


def _backward_walks(best: Settled, walk: Chooser, source: str) -> Walks:
    """`source`'s walks (see `Walks`) from a reverse search from the targets, `walk` choosing
    each (`_walk_chooser`)."""
    return {s: (best[(source, s)][0], walk((source, s))) for s in "+-?" if (source, s) in best}


Ranked = dict[State, tuple[int, "State | None"]]  # state -> (rank in its step count, previous)


def _ranked(graph: nx.DiGraph, best: Settled) -> Ranked:
    """For a forward search `best` from one seed: each state's rank among the states of its
    step count by its route (its cheapest walk whose node ids, read from the seed, come first)
    and the state before it on that route. Two walks to one state that cost the same have the
    same length, so such a route is the least-ranked cheapest way in plus its last node;
    O(E log E) for the whole search. A search made on a large graph's compact copy is ranked
    there, on its arrays (`pathways.compact.ranked`), alike."""
    if graph.number_of_nodes() >= COMPACT_MIN_NODES:
        from .compact import Settled as CompactSettled
        from .compact import ranked

        if isinstance(best, CompactSettled):
            return ranked(best)
    layers: dict[int, list[State]] = {}
    for state in best:
        layers.setdefault(best[state][0][0], []).append(state)
    links = _link_reader(graph)
    into: dict[str, list[tuple[str, str, Cost]]] = {}
    out: Ranked = {}
    for steps in sorted(layers):
        keyed = []
        for state in layers[steps]:
            if steps == 0:
                keyed.append(((-1, state[0]), state, None))
                continue
            cost, pick = best[state][0], None
            node = state[0]
            if node not in into:
                into[node] = links(node, True)
            for other, link, w in into[node]:
                for s in _FACTORS[link, state[1]]:
                    prev = (other, s)
                    if prev in best and _add(best[prev][0], w) == cost \
                            and (pick is None or out[prev][0] < out[pick][0]):
                        pick = prev
            assert pick is not None  # the search's own pointer is such a way in
            keyed.append(((out[pick][0], node), state, pick))
        keyed.sort()
        for rank, (_, state, prev) in enumerate(keyed):
            out[state] = (rank, prev)
    return out


def _forward_walks(best: Settled, ranked: Ranked, targets: list[str]) -> Walks:
    """The walks (see `Walks`) from the seed of forward search `best` to any of `targets`,
    chosen as `_walk_chooser` chooses them."""
    out: Walks = {}
    for s in "+-?":
        ends = [(c, ranked[(t, s)][0], (t, s)) for t in targets
                if (hit := best.get((t, s))) is not None for c in (hit[0],)]
        if ends:
            cost, _, end = min(ends)
            walk, at = [], end
            while at is not None:
                walk.append(at[0])
                at = ranked[at][1]
            out[s] = (cost, walk[::-1])
    return out


def _cheapest(walks: Walks) -> tuple[str, Cost, list[str]]:
    """The net sign whose walk is cheapest (then + - ?), with the walk's cost and nodes."""
    return min(((s, c, w) for s, (c, w) in walks.items()), key=lambda x: (x[1], x[0]))


def _first(walks: Walks) -> list[str] | None:
    """The walk of the cheapest net sign (then + - ?)."""
    return _cheapest(walks)[2] if walks else None


def _cost_certainty(cost: Cost) -> str:
    """The certainty of a walk of `cost`, its links as certain as their statuses say."""
    return "hypothesised" if cost[1] else "hedged" if cost[2] else "stated"


# A compound's forward searches, by (compound, certainty floor, None for its own links or the
# targets of a search over every link).
Kept = dict[tuple[str, "str | None", "tuple[str, ...] | None"], Settled]


def _own_search(graph: nx.DiGraph, source: str, own: EdgeFilter | None, max_steps: int | None,
                floor: str | None, kept: Kept, toward: Iterable[str] = ()) -> Settled:
    """The forward search from `source` over its own links (`own`; see `_search`), or with
    `own` None over every link toward the nodes `toward`, each link as certain as its files
    say (`_link_status`), from the certainty `floor` up when given; made once per `kept`, as
    `shared` asks the same compounds of every convergence point (and searches toward all of
    their ends, so that one search serves every point)."""
    key = (source, floor, None if own is not None else tuple(toward))
    if key not in kept:
        allow = own if own is not None else _toward(graph, source, toward)
        kept[key] = _search(graph, [source], reverse=False, allow=allow, max_steps=max_steps,
                            floor=floor, status_of=partial(_link_status, graph, source))
    return kept[key]


def _toward(graph: nx.DiGraph, source: str, targets: Iterable[str]) -> EdgeFilter | None:
    """On a large graph, a filter of the links into nodes on some route from `source` to
    `targets` (found on the compact copy), so a search from it goes no further; else None."""
    if graph.number_of_nodes() < COMPACT_MIN_NODES:
        return None
    from .compact import compact_graph, within

    cg = compact_graph(graph)
    mask, index = within(cg, [source], targets), cg.index
    return lambda _a, b, _d: bool(mask[index[b]])


def converging_compounds(graph: nx.DiGraph, node: str, *, sources: Iterable[str] | None = None,
                         include_tools: bool = False, max_steps: int | None = None
                         ) -> list[Convergence]:
    """Every source (by default the compounds of the curated data, drugs and research tools: not
    a network's chemicals, such as a map's metabolites and second messengers, which are named
    in `sources` to be asked about) that reaches `node` or a kind of it, with its route.

    One reverse search from the node serves every source; a compound with mechanism files of its
    own is also searched forward over its own links, so its own route is shown where it has one.
    Own routes come first, then inferred ones; within each, shorter first. Among equally good
    routes through every link, the one whose node ids, read from the source, come first.
    """
    relation = targets_of(graph, node)
    targets = sorted(relation)
    chosen = sorted(n for n, kind in _node_values(graph, "kind")
                    if kind == "compound" and graph.nodes[n].get("role") in ("drug", "tool")) \
        if sources is None \
        else list(dict.fromkeys(sources))
    best = _search(graph, targets, reverse=True, max_steps=max_steps, sources=chosen)
    floors: dict[str, Callable[[str], Walks]] = {}  # the walks from each floor, when first asked

    def sure_walks(source: str, floor: str) -> Walks:
        if floor not in floors:
            sure = _search(graph, targets, reverse=True, max_steps=max_steps, floor=floor,
                           sources=chosen)
            floors[floor] = partial(_backward_walks, sure, _walk_chooser(graph, sure))
        return floors[floor](source)

    return _converging(graph, node, relation, chosen, include_tools, max_steps,
                       partial(_backward_walks, best, _walk_chooser(graph, best)), sure_walks, {})


def _converging(graph: nx.DiGraph, node: str, relation: dict[str, str], chosen: list[str],
                include_tools: bool, max_steps: int | None, walks: Callable[[str], Walks],
                sure_walks: Callable[[str, str], Walks], kept: Kept,
                ends: Sequence[str] = ()) -> list[Convergence]:
    """`converging_compounds`' answer, each source's routes through every link read from
    `walks` and, over the links from a certainty floor up, from `sure_walks(source, floor)`;
    `kept` holds each compound's forward searches (`shared` keeps them for every point, and
    gives in `ends` the nodes any of its points' routes may end at, else this node's)."""
    targets = sorted(relation)
    out = []
    for source in chosen:
        if source in relation:
            continue
        found = walks(source)
        if not found:
            continue
        own = _own_filter(graph, source)
        conv = None
        if own is not None:
            fwd = _own_search(graph, source, own, max_steps, None, kept)
            end = _best_at(fwd, targets)
            if end is not None:
                path = _chain(fwd, end)[::-1]
                per_sign = _per_sign(fwd, targets) \
                    if is_tool(graph, source) and not include_tools else _walk_signs(found)
                conv = _convergence(graph, source, node, path, per_sign, relation)
                sure_of = partial(_own_route, graph, source, own, max_steps, kept, targets)
        if conv is None:
            if is_tool(graph, source) and not include_tools:
                continue  # a tool counts only where its own evidence reaches
            sign, cost, path = _cheapest(found)
            # A node with no files of its own takes each link as certain as its status says,
            # as the search counted them: its walk's sign and cost say what the route is.
            known = (sign, _cost_certainty(cost)) if own is None else None
            conv = _convergence(graph, source, node, path, _walk_signs(found), relation, known)
            sure_of = partial(_first_of, sure_walks, source)
            if own is not None:  # its files may call a link weaker than the other documents do
                exact = partial(_own_route, graph, source, None, max_steps, kept, targets,
                                toward=ends or targets)
                sure_of = partial(_as_its_files_say, graph, sure_of, exact)
        out.append(_with_surer(graph, conv, sure_of))
    out.sort(key=lambda c: (not c.own, c.role == "tool", c.steps, c.compound))
    return out


def _own_route(graph: nx.DiGraph, source: str, own: EdgeFilter | None, max_steps: int | None,
               kept: Kept, targets: list[str], floor: str,
               toward: Sequence[str] = ()) -> list[str] | None:
    """`source`'s route to `targets` over its own links (or every link toward `toward`, `own`
    None), each as certain as its files say, from the certainty `floor` up."""
    fwd = _own_search(graph, source, own, max_steps, floor, kept, toward)
    end = _best_at(fwd, targets)
    return _chain(fwd, end)[::-1] if end else None


def _first_of(sure_walks: Callable[[str, str], Walks], source: str,
              floor: str) -> list[str] | None:
    return _first(sure_walks(source, floor))


def _as_its_files_say(graph: nx.DiGraph, quick: Callable[[str], list[str] | None],
                      exact: Callable[[str], list[str] | None], floor: str) -> list[str] | None:
    """A compound's route from the certainty `floor` up, each link as certain as its own files
    say: `quick(floor)` (the route over links that certain by the strongest document) where its
    files leave it that certain, as they nearly always do; else `exact(floor)`, a search of its
    own. None where `quick` finds none: its files never make a link more certain."""
    sure = quick(floor)
    if sure is None or _RANK[route_certainty(graph, sure)] >= _RANK[floor]:
        return sure
    return exact(floor)


def _with_surer(graph: nx.DiGraph, conv: Convergence,
                route_from: Callable[[str], list[str] | None]) -> Convergence:
    """`conv` with its more certain route, if any: `route_from(floor)` for the surest floor
    above `conv`'s certainty that has a route, and that route's certainty."""
    for floor in _SURER[conv.certainty]:
        sure = route_from(floor)
        if sure:
            return replace(conv, surer=tuple(sure),
                           surer_certainty=route_certainty(graph, sure))
    return conv


def _reach(graph: nx.DiGraph, source: str, kin: _Kin, max_steps: int | None = None
           ) -> set[str]:
    """What `source` reaches (in at most `max_steps` links, where given), counted as `converge`
    counts: every entity a reached entity is a kind of, and the parts of a reached whole."""
    import networkx as nx

    if max_steps is None:
        reached = nx.descendants(graph, source)
    else:
        reached = set(nx.single_source_shortest_path_length(graph, source, cutoff=max_steps))
        reached.discard(source)
    return _counted(graph, reached, kin)


def _counted(graph: nx.DiGraph, reached: set[str], kin: _Kin) -> set[str]:
    """The nodes `reached`, with every entity one of them is a kind of, and the parts of a
    reached whole: what reaching them counts for, as `converge` counts."""
    general = reached | {p for n in reached & kin.kinds for p in _is_a_ancestors(graph, n)}
    return general | {p for n in general & kin.parts.keys() for p in kin.parts[n]}


def _shared_compact(graph: nx.DiGraph, compounds: list[str], kin: _Kin,
                    max_steps: int | None = None) -> tuple[list[str], list[str]]:
    """`shared_downstream`'s shared nodes (in order) and convergence points on a large graph:
    the same sets as `_reach` gives, held as the compact copy's node indices."""
    from .compact import compact_graph, meeting_order, reached_from

    cg = compact_graph(graph)
    idx, names = cg.index, cg.nodes
    kinds = {idx[k] for k in kin.kinds if k in idx}
    parts = {idx[w]: [idx[p] for p in ps] for w, ps in kin.parts.items() if w in idx}

    def reach(compound: str) -> set[int]:
        reached = reached_from(cg, idx[compound], max_steps)
        general = reached | {idx[p] for i in reached & kinds
                             for p in _is_a_ancestors(graph, names[i])}
        return general | {p for i in general & parts.keys() for p in parts[i]}

    reach_sets = [reach(c) for c in compounds]
    own = {idx[c] for c in compounds}
    shared = set.intersection(*reach_sets) - own
    union = set().union(*reach_sets) | own
    in_whole = {idx[n] for n in kin.in_whole if n in idx}
    links = _meeting_links(graph, lambda n: idx[n] in union,
                           {names[i] for i in union & kinds}, {names[i] for i in union & in_whole})
    borrowed = _borrowed_links(graph, compounds, lambda n: idx[n] in union)
    return meeting_order(cg, union, shared, [(idx[a], idx[b]) for a, b in links],
                         [(idx[a], idx[b]) for a, b in borrowed], own)


@dataclass(frozen=True)
class _Kin:
    """The graph's is-a and part-of links, gathered once per `shared`: the entities that are a
    kind of another, the parts of each whole, and the entities that are part of one."""

    kinds: frozenset[str]
    parts: dict[str, list[str]]
    in_whole: frozenset[str]

    @classmethod
    def of(cls, graph: nx.DiGraph) -> _Kin:
        parts: dict[str, list[str]] = {}
        for n, whole in _node_values(graph, "part_of"):
            if whole:
                parts.setdefault(whole, []).append(n)
        kinds = frozenset(k for kids in _children_index(graph).values() for k in kids)
        return cls(kinds, parts, frozenset(n for ns in parts.values() for n in ns))


_KIN = "_pathways_kin"  # where a graph keeps its `_Kin` (outside `graph.graph`, never exported)


def _kin(graph: nx.DiGraph) -> _Kin:
    """The graph's `_Kin`, gathered once per graph (two walks over every node: a tenth of a
    second at 10^5 nodes) and kept on the graph object, so a prepared and cached graph brings it
    along; gathered anew when the graph has gained or lost nodes or links since. A small
    graph's is gathered each time (in no time)."""
    if graph.number_of_nodes() < COMPACT_MIN_NODES:
        return _Kin.of(graph)
    from .compact import graph_size

    size = graph_size(graph)
    kept = getattr(graph, _KIN, None)
    if kept is not None and kept[0] == size:
        return kept[1]  # type: ignore[no-any-return]
    if kept is not None:  # the graph changed: its is-a index too may have
        graph.__dict__.pop(CHILDREN_INDEX, None)
    kin = _Kin.of(graph)
    setattr(graph, _KIN, (size, kin))
    return kin


@dataclass(frozen=True)
class SharedResult:
    """Nodes downstream of every compound given, and where their routes first meet."""

    compounds: tuple[str, ...]
    shared: tuple[str, ...]
    convergence: tuple[str, ...]
    routes: dict[str, dict[str, Convergence]] = field(default_factory=dict)
    # Shared node -> the compounds that reach it only through other mechanisms' links (MGS0039
    # reaches PSD-95 only by esketamine's): what is shared there is inferred for them.
    inferred: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"compounds": list(self.compounds), "shared": list(self.shared),
                "convergence": list(self.convergence),
                "inferred_for": {n: list(cs) for n, cs in self.inferred.items()},
                "routes": {c: {k: v.as_json() for k, v in r.items()}
                           for c, r in self.routes.items()}}


def shared_title(names: Sequence[str], count: int, max_steps: int | None = None) -> str:
    """The headline of a `shared` answer, in words, for the command and the API alike.

    >>> shared_title(["Mij821", "MGS0039"], 0, 3)
    'Shared downstream of Mij821, MGS0039 within 3 steps: nothing'
    >>> shared_title(["Ketamine", "MGS0039"], 1, 1)
    'Shared downstream of Ketamine, MGS0039 within 1 step: 1 node'
    """
    within = f" within {max_steps} step{'s' * (max_steps != 1)}" if max_steps else ""
    counted = f"{count} node{'s' * (count != 1)}" if count else "nothing"
    return f"Shared downstream of {', '.join(names)}{within}: {counted}"


def shared_downstream(graph: nx.DiGraph, compounds: list[str], *,
                      max_steps: int | None = None) -> SharedResult:
    """Nodes every compound reaches (is-a aware; in at most `max_steps` links, where given),
    and the convergence points: shared nodes that no other shared node leads to, where the
    routes first meet (in a feedback loop, where they enter it: `compact.loop_entries`).

    Upstream is judged on the graph's condensation (one node per strongly connected component, so
    a feedback loop does not make every node its own ancestor), with an is-a link counted as
    leading from the specific entity to the general one and a part-of link from the whole to
    its part, and without the links into a node that the compounds reach by links of their own
    which none of them asserts (`_borrowed_links`): linear in the graph's size.
    """
    import networkx as nx

    from .compact import loop_entries

    if len(set(compounds)) < 2:
        raise UsageError("give at least two different compounds")
    kin = _kin(graph)
    if graph.number_of_nodes() >= COMPACT_MIN_NODES:
        ordered, convergence = _shared_compact(graph, compounds, kin, max_steps)
        return replace(_with_routes(graph, compounds, ordered, convergence, max_steps),
                       inferred=_inferred_for(graph, compounds, ordered, kin, max_steps))
    reach = [_reach(graph, c, kin, max_steps) for c in compounds]
    shared = set.intersection(*reach) - set(compounds)
    union = set().union(*reach) | set(compounds)
    links = _meeting_links(graph, union.__contains__, union & kin.kinds, union & kin.in_whole)
    borrowed = set(_borrowed_links(graph, compounds, union.__contains__))
    h = nx.DiGraph()
    h.add_nodes_from(sorted(union))
    h.add_edges_from((a, b) for a, b in graph.subgraph(union).edges if (a, b) not in borrowed)
    h.add_edges_from(links)
    cond = nx.condensation(h)
    member = cond.graph["mapping"]
    has_shared = {c: bool(cond.nodes[c]["members"] & shared) for c in cond}
    upstream: dict[int, bool] = {}
    rank: dict[int, int] = {}
    for i, comp in enumerate(nx.lexicographical_topological_sort(
            cond, key=lambda c: min(cond.nodes[c]["members"]))):
        rank[comp] = i
        upstream[comp] = any(upstream[p] or has_shared[p] for p in cond.predecessors(comp))
    ordered = sorted(shared, key=lambda n: (rank[member[n]], n))
    convergence = loop_entries([n for n in ordered if not upstream[member[n]]],
                               member.__getitem__, h.predecessors, set(compounds))
    return replace(_with_routes(graph, compounds, ordered, convergence, max_steps),
                   inferred=_inferred_for(graph, compounds, ordered, kin, max_steps))


def _borrowed_links(graph: nx.DiGraph, compounds: list[str], in_union: Callable[[str], bool]
                    ) -> list[tuple[str, str]]:
    """The links `shared` leaves out when it judges what is upstream: into a node that every
    one of the `compounds` reaches by links of its own (`_own_filter`), each link that none of
    them asserts. Esketamine's document has BDNF activate mTOR; Mij821's and MGS0039's have
    BDNF and mTOR side by side, each reached by a link of their own: the routes of those two
    meet at mTOR as they meet at BDNF, though the joined graph leads from one to the other.
    A node that some compound reaches only through other mechanisms' links (or a network's)
    keeps every link into it: that compound's route runs through them. Linear in the links
    the compounds' own searches look at, and the links into the nodes they reach."""
    owns = [_own_filter(graph, c) for c in dict.fromkeys(compounds)]
    if any(own is None for own in owns):
        return []  # a network node: every link is its own
    owned: set[str] | None = None  # the nodes every compound reaches by its own links
    for compound, own in zip(dict.fromkeys(compounds), owns, strict=True):
        assert own is not None
        seen = _own_reach(graph, compound, own)
        owned = seen if owned is None else owned & seen
    return [(a, b) for b in sorted(owned or ()) if in_union(b)
            for a, d in sorted(graph.pred[b].items())
            if in_union(a) and not any(own(a, b, d) for own in owns if own is not None)]


def _own_reach(graph: nx.DiGraph, compound: str, own: EdgeFilter,
               max_steps: int | None = None) -> set[str]:
    """The nodes `compound` reaches by links of its own (`own`), in at most `max_steps` links
    where given: breadth first, linear in the links it looks at."""
    seen, level, steps = {compound}, [compound], 0
    while level and (max_steps is None or steps < max_steps):
        steps += 1
        nxt = []
        for a in level:
            for b, d in graph.adj[a].items():
                if b not in seen and own(a, b, d):
                    seen.add(b)
                    nxt.append(b)
        level = nxt
    seen.discard(compound)
    return seen


def _inferred_for(graph: nx.DiGraph, compounds: list[str], shared: list[str], kin: _Kin,
                  max_steps: int | None) -> dict[str, tuple[str, ...]]:
    """Shared node -> the compounds (of those with files of their own) that reach it only through
    other mechanisms' links: not by their own links, nor as a kind or part of what those reach."""
    out: dict[str, list[str]] = {}
    for compound in dict.fromkeys(compounds):
        own = _own_filter(graph, compound)
        if own is None:
            continue  # a network node: every link is its own
        counted = _counted(graph, _own_reach(graph, compound, own, max_steps), kin)
        for node in shared:
            if node not in counted:
                out.setdefault(node, []).append(compound)
    return {n: tuple(cs) for n, cs in out.items()}


def _meeting_links(graph: nx.DiGraph, in_union: Callable[[str], bool], kinds: set[str],
                   parts: set[str]) -> list[tuple[str, str]]:
    """The links `shared` adds to judge what is upstream: from a specific entity to the general
    one it is a kind of, and from a whole to its part (`kinds` and `parts`: the entities of the
    union that are a kind of one, a part of one)."""
    return [*((n, p) for n in sorted(kinds)
              for p in _is_a_ancestors(graph, n)[:1] if in_union(p)),
            *((w, n) for n in sorted(parts)
              for w in _wholes(graph, n)[:1] if in_union(w))]


def _with_routes(graph: nx.DiGraph, compounds: list[str], ordered: list[str],
                 convergence: list[str], max_steps: int | None) -> SharedResult:
    """`shared`'s answer with, at each convergence point, what `converging_compounds` gives
    for the point and the compounds (tools included): each compound's searches are made once,
    forward from it (one Dijkstra over (node, net sign) states, and one more per certainty
    floor a more certain route is looked for at), and every point's routes are read from
    them, so the whole costs O(compounds x E log E) however many points there are."""
    kept: Kept = {}  # each compound's own searches
    searched: dict[tuple[str, str | None], tuple[Settled, Ranked]] = {}

    def forward(source: str, floor: str | None) -> tuple[Settled, Ranked]:
        if (source, floor) not in searched:
            best = _search(graph, [source], reverse=False, floor=floor, max_steps=max_steps,
                           toward=ends)
            searched[source, floor] = (best, _ranked(graph, best))
        return searched[source, floor]

    ends = sorted({t for p in convergence for t in targets_of(graph, p)})
    routes = {}
    for point in convergence:
        relation = targets_of(graph, point)
        targets = sorted(relation)
        found = _converging(
            graph, point, relation, list(dict.fromkeys(compounds)), True, max_steps,
            lambda c, t=targets: _forward_walks(*forward(c, None), t),  # type: ignore[misc]
            lambda c, f, t=targets: _forward_walks(*forward(c, f), t),  # type: ignore[misc]
            kept, ends)
        routes[point] = {c.compound: c for c in found}
    return SharedResult(tuple(compounds), tuple(ordered), tuple(convergence), routes)


@dataclass(frozen=True)
class Route:
    """One route between two entities, step by step."""

    path: tuple[str, ...]
    sign: str
    certainty: str
    steps: tuple[dict[str, Any], ...]
    inferred_from: tuple[str, ...] = ()

    @property
    def own(self) -> bool:
        return not self.inferred_from

    def as_json(self) -> dict[str, Any]:
        return {"path": list(self.path), "steps_count": len(self.steps), "sign": self.sign,
                "certainty": self.certainty, "own": self.own,
                "inferred_from": list(self.inferred_from),
                "steps": [{**s, "evidence": readable_evidence(s["evidence"])}
                          for s in self.steps]}


def reached_by(found: Sequence[Convergence], sources: bool = False) -> str:
    """How many reach a node, in words, as `converge` heads its answer: "3 compounds and 1
    research tool" (tools are counted apart, as `list` keeps them), "1 compound", or with
    `sources` (asked `--from`) "2 sources"."""
    if sources:
        return counted(len(found), "source")
    tools = sum(c.role == "tool" for c in found)
    text = counted(len(found) - tools, "compound")
    return text + (f" and {counted(tools, 'research tool')}" if tools else "")


def _step(graph: nx.DiGraph, start: str, a: str, b: str, allow: EdgeFilter | None
          ) -> dict[str, Any]:
    d = graph.edges[a, b]
    seen: set[tuple[str, str]] = set()
    evidence = []
    own = set(graph.graph.get("own", {}).get(start, ()))
    rank = {"stated": 0, "hedged": 1, "hypothesised": 2}
    # The quotes that make the link as certain as the step says first: the start's own
    # documents' before others' (a stated link on ketamine's route is not led by esketamine's
    # hedged sentence), then the surest, the contradicting last; else as written.
    ordered = sorted(d["evidence"], key=lambda e: (e["contradicts"], e["mechanism"] not in own
                                                   and a != start, rank.get(e["status"], 3)))
    for e in ordered:  # one quote once, however many mechanisms cite it
        if (e["source"], e["quote"]) not in seen:
            seen.add((e["source"], e["quote"]))
            evidence.append({"source": e["source"], "quote": e["quote"], "certainty": e["status"],
                             "contradicts": e["contradicts"]})
    # In the start's own words where its files have the link: a link shared by three
    # mechanisms is merged under the first one's verb, and MGS0039's route read "AMPA receptor
    # releases BDNF", a word only esketamine's document has.
    mine = [m for m in d["mechanisms"] if m in own]
    effect = next((d["effects"][m] for m in mine if m in d.get("effects", {})), d["effect"])
    label = (drawn_label(d.get("labels", {}), [e for e in d["evidence"] if e["mechanism"] in own],
                         mine) if mine else d["label"])
    return {"source": a, "target": b, "effect": effect, "sign": d["sign"],
            "certainty": _link_status(graph, start, a, b), "label": label,
            "mechanisms": list(d["mechanisms"]),
            "own": allow is None or allow(a, b, d), "evidence": evidence}


def _k_routes(graph: nx.DiGraph, start: str, target: str, limit: int,
              weight: Callable[[str, str, dict[str, Any]], int | None] | None
              ) -> list[list[str]]:
    """The `limit` least-weight simple routes from `start` to `target` (Yen, `pathways.kshortest`),
    each link weighing `weight(a, b, data)` (None hides it), or with `weight` None what its
    status says (`_ROUTE_WEIGHT`). The same routes whatever backs the graph: neighbours are
    taken in id order, and on a large graph only the nodes on some route from `start` to
    `target` are looked at (found by `pathways.compact`), since no simple route leaves them."""
    from .kshortest import k_shortest_routes

    if graph.number_of_nodes() >= COMPACT_MIN_NODES:
        from .compact import compact_graph, link_lists, within

        cg = compact_graph(graph)
        mask = within(cg, [start], [target])
        if weight is None:  # over the compact arrays alone
            out, into = link_lists(cg, mask, _ROUTE_WEIGHT_BY_CODE)
            found = k_shortest_routes(out, into, cg.index[start], cg.index[target], limit)
            return [[cg.nodes[i] for i in path] for _, path in found]
        index = cg.index

        def keep(n: str) -> bool:
            return bool(mask[index[n]])
    else:
        def keep(n: str) -> bool:
            return True
    w = weight if weight is not None else (lambda _a, _b, d: _ROUTE_WEIGHT[d["status"]])
    succ, pred = graph.succ, graph.pred

    def out(a: str) -> list[tuple[str, int | None]]:
        return [(b, w(a, b, d)) for b, d in sorted(succ[a].items()) if keep(b)]

    def into(b: str) -> list[tuple[str, int | None]]:
        return [(a, w(a, b, d)) for a, d in sorted(pred[b].items()) if keep(a)]

    return [list(path) for _, path in k_shortest_routes(out, into, start, target, limit)]


def routes(graph: nx.DiGraph, start: str, node: str, limit: int = 10) -> list[Route]:
    """The `limit` best simple routes from `start` to `node` (or a kind of it): own routes first,
    then inferred; within each, fewest steps, then most certain (k shortest paths, Yen, each
    link weighing steps first, then hypothesised, then hedged; ties broken by node id, the same
    way on every run and whatever backs the graph)."""
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    own_filter = _own_filter(graph, start)

    def weight(allow: EdgeFilter | None) -> Callable[[str, str, dict[str, Any]], int | None]:
        if own_filter is None:  # no compound of the curated data: each link as certain as it is
            return lambda _a, _b, d: _ROUTE_WEIGHT[d["status"]]

        def w(a: str, b: str, d: dict[str, Any]) -> int | None:
            if allow is not None and not allow(a, b, d):
                return None
            return _ROUTE_WEIGHT[_link_status(graph, start, a, b)]
        return w

    found: dict[tuple[str, ...], Route] = {}
    passes = ([own_filter] if own_filter is not None else []) + [None]
    for allow in passes:
        candidates = []
        for target in targets_of(graph, node):
            if target == start or target not in graph:
                continue
            plain = own_filter is None  # each link weighs what its status says
            candidates += _k_routes(graph, start, target, limit,
                                    None if plain else weight(allow))
        for path in candidates:
            key = tuple(path)
            if key not in found:
                found[key] = Route(
                    path=key, sign=_sign(graph, path), certainty=route_certainty(graph, path),
                    steps=tuple(_step(graph, start, a, b, own_filter)
                                for a, b in pairwise(path)),
                    inferred_from=_inferred_from(graph, start, path))
    ordered = sorted(found.values(), key=lambda r: (not r.own, len(r.path),
                                                    -Status(r.certainty).rank,
                                                    r.path))
    return ordered[:limit]
