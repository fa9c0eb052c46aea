"""Questions users ask of the merged graph: who converges where, what is shared, by which route."""

from __future__ import annotations

import difflib
import heapq
from dataclasses import dataclass, field
from itertools import count, pairwise
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .merge import combine_signs

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Convergence",
    "Route",
    "SharedResult",
    "converging_compounds",
    "is_compound",
    "resolve",
    "routes",
    "shared_downstream",
]

HYPOTHESISED_COST = 100  # a stated route always beats one that leans on a hypothesised link


def _names(graph: nx.DiGraph, node: str) -> list[str]:
    d = graph.nodes[node]
    return [node, d["label"], d["markup"], *d["synonyms"]]


def resolve(graph: nx.DiGraph, name: str) -> str:
    """Entity id for `name`, matched against ids, labels and synonyms in any case.

    >>> resolve(graph, "onfasprodil")
    'mij821'
    """
    key = name.strip().casefold()
    index: dict[str, str] = {}
    for node in sorted(graph.nodes):
        for n in _names(graph, node):
            index.setdefault(n.casefold(), node)
    if key in index:
        return index[key]
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
    ids = dict.fromkeys(index[c] for c in close)
    hint = f"; did you mean {', '.join(repr(i) for i in ids)}?" if ids \
        else "; `pathways list` shows every entity"
    raise UsageError(f"unknown entity {name!r}{hint}")


def is_compound(graph: nx.DiGraph, node: str) -> bool:
    """True for drug and tool-compound nodes."""
    return graph.nodes[node]["kind"] == "compound"


def _children(graph: nx.DiGraph, node: str) -> list[str]:
    """`node` and every entity that is (transitively) a kind of it."""
    out, frontier = [node], [node]
    while frontier:
        parent = frontier.pop()
        kids = sorted(n for n, d in graph.nodes(data=True) if d["parent"] == parent)
        new = [k for k in kids if k not in out]
        out.extend(new)
        frontier.extend(new)
    return out


def _cost(data: dict[str, Any]) -> int:
    return 1 + (HYPOTHESISED_COST if data["status"] == "hypothesised" else 0)


@dataclass(frozen=True)
class Convergence:
    """One compound reaching a node: its best route, that route's net sign, every sign it can reach."""

    compound: str
    label: str
    path: tuple[str, ...]
    sign: str
    signs: tuple[str, ...]
    via: str | None = None  # the more specific entity reached, when counted for its parent
    hypothesised: bool = False
    borrowed: tuple[str, ...] = ()  # other mechanisms whose links the route uses

    def as_json(self) -> dict[str, Any]:
        return {"id": self.compound, "label": self.label, "path": list(self.path),
                "sign": self.sign, "signs": list(self.signs), "via": self.via,
                "hypothesised": self.hypothesised, "borrowed": list(self.borrowed)}


def _reverse_search(graph: nx.DiGraph, targets: list[str]) -> dict[tuple[str, str], tuple]:
    """One Dijkstra over (node, sign-to-target) states, walking edges backwards from the targets.

    Returns, for every reachable state, (cost, next state or target id): enough to rebuild the
    cheapest route to a target for each node and each net sign.
    """
    best: dict[tuple[str, str], tuple] = {}
    tie = count()
    heap = [(0, next(tie), (t, "+"), t) for t in targets]
    while heap:
        cost, _, state, nxt = heapq.heappop(heap)
        if state in best:
            continue
        best[state] = (cost, nxt)
        node, sign = state
        for pred in sorted(graph.predecessors(node)):
            data = graph.edges[pred, node]
            pstate = (pred, combine_signs(data["sign"], sign))
            if pstate not in best:
                heapq.heappush(heap, (cost + _cost(data), next(tie), pstate, state))
    return best


def _walk(best: dict[tuple[str, str], tuple], state: tuple[str, str]) -> tuple[list[str], str]:
    path = [state[0]]
    nxt = best[state][1]
    while isinstance(nxt, tuple):
        path.append(nxt[0])
        nxt = best[nxt][1]
    return path, nxt


def _own_route(graph: nx.DiGraph, compound: str, targets: list[str], sign: str,
               cost: int) -> tuple[list[str], str] | None:
    """A route as cheap as the best one, with the same sign, using only the compound's own links.

    Only consulted to show a compound's own mechanism when the cheapest route borrowed links from
    another mechanism; the reachability answer itself comes from the single reverse traversal.
    """
    own = graph.edge_subgraph((a, b) for a, b, d in graph.edges(data=True)
                              if compound in d["compounds"])
    if compound not in own:
        return None
    best = _reverse_search(own, [t for t in targets if t in own])
    state = (compound, sign)
    if state in best and best[state][0] <= cost + HYPOTHESISED_COST - 1:
        return _walk(best, state)
    return None


def _simple_signs(graph: nx.DiGraph, compound: str, targets: list[str]) -> tuple[str, ...]:
    """Net signs of the simple routes only: on a graph with feedback loops a walk round a loop
    could invent a sign no route has."""
    import networkx as nx

    found = set()
    for path in nx.all_simple_paths(graph, compound, targets):
        sign = "+"
        for a, b in pairwise(path):
            sign = combine_signs(sign, graph.edges[a, b]["sign"])
        found.add(sign)
    return tuple(s for s in "+-?" if s in found)


def converging_compounds(graph: nx.DiGraph, node: str) -> list[Convergence]:
    """Every compound that reaches `node` (or an entity that is a kind of it), with route and sign.

    One reverse traversal from the node serves all compounds.
    """
    import networkx as nx

    targets = _children(graph, node)
    best = _reverse_search(graph, targets)
    acyclic = nx.is_directed_acyclic_graph(graph)  # then walks are simple routes: signs exact
    out = []
    for compound in sorted(n for n in graph.nodes if is_compound(graph, n)):
        states = [(compound, s) for s in "+-?" if (compound, s) in best]
        if not states or compound in targets:
            continue
        top = min(states, key=lambda s: best[s][0])
        path, reached = _walk(best, top)
        own = _own_route(graph, compound, targets, top[1], best[top][0])
        if own:
            path, reached = own
        edges = [graph.edges[a, b] for a, b in pairwise(path)]
        # Links of other compounds' mechanisms; compound-free modules (e.g. a receptor's
        # plasticity signalling) are shared knowledge, not borrowing.
        borrowed = sorted({m for d in edges if d["compounds"] and compound not in d["compounds"]
                           for m in d["mechanisms"]})
        out.append(Convergence(
            compound=compound, label=graph.nodes[compound]["label"], path=tuple(path),
            sign=top[1],
            signs=tuple(s for _, s in states) if acyclic else _simple_signs(graph, compound, targets),
            via=reached if reached != node else None,
            hypothesised=any(d["status"] == "hypothesised" for d in edges),
            borrowed=tuple(borrowed)))
    return out


@dataclass(frozen=True)
class SharedResult:
    """Nodes downstream of every compound given, and where their routes first meet."""

    compounds: tuple[str, ...]
    shared: tuple[str, ...]
    convergence: tuple[str, ...]
    routes: dict[str, dict[str, Convergence]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"compounds": list(self.compounds), "shared": list(self.shared),
                "convergence": list(self.convergence),
                "routes": {c: {k: v.as_json() for k, v in r.items()}
                           for c, r in self.routes.items()}}


def shared_downstream(graph: nx.DiGraph, compounds: list[str]) -> SharedResult:
    """Nodes every compound reaches, and the convergence points: shared nodes no other shared
    node leads to (where the routes first meet)."""
    import networkx as nx

    if len(set(compounds)) < 2:
        raise UsageError("give at least two different compounds")
    reach = [nx.descendants(graph, c) for c in compounds]
    shared = set.intersection(*reach) - set(compounds)
    order = {n: i for i, n in enumerate(nx.topological_sort(graph))} \
        if nx.is_directed_acyclic_graph(graph) else {}
    ordered = sorted(shared, key=lambda n: (order.get(n, 0), n))
    # Upstream of n but not on a loop through n: on a feedback loop every node is its own ancestor.
    convergence = [n for n in ordered
                   if not ((nx.ancestors(graph, n) - nx.descendants(graph, n)) & (shared - {n}))]
    routes = {}
    for point in convergence:
        by_compound = {c.compound: c for c in converging_compounds(graph, point)}
        routes[point] = {c: by_compound[c] for c in compounds if c in by_compound}
    return SharedResult(tuple(compounds), tuple(ordered), tuple(convergence), routes)


@dataclass(frozen=True)
class Route:
    """One route between two entities, step by step."""

    path: tuple[str, ...]
    sign: str
    steps: tuple[dict[str, Any], ...]

    @property
    def hypothesised(self) -> bool:
        return any(s["status"] == "hypothesised" for s in self.steps)

    def as_json(self) -> dict[str, Any]:
        return {"path": list(self.path), "sign": self.sign, "hypothesised": self.hypothesised,
                "steps": list(self.steps)}


def routes(graph: nx.DiGraph, start: str, node: str, limit: int = 10) -> list[Route]:
    """Simple routes from `start` to `node`, stated and short ones first, at most `limit`."""
    import networkx as nx

    found = []
    for path in nx.all_simple_paths(graph, start, _children(graph, node)):
        steps, sign = [], "+"
        for a, b in pairwise(path):
            d = graph.edges[a, b]
            sign = combine_signs(sign, d["sign"])
            steps.append({"source": a, "target": b, "effect": d["effect"], "sign": d["sign"],
                          "status": d["status"], "label": d["label"],
                          "evidence": [{"source": e["source"], "quote": e["quote"]}
                                       for e in d["evidence"]]})
        found.append(Route(tuple(path), sign, tuple(steps)))
    found.sort(key=lambda r: (sum(s["status"] == "hypothesised" for s in r.steps), len(r.path),
                              r.path))
    return found[:limit]
