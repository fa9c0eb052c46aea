"""The k shortest simple routes between two nodes (Yen's algorithm), each spur found by A*.

`path` asks for a few best routes between two nodes. networkx's `shortest_simple_paths` runs
a bidirectional Dijkstra for every spur node of every route found, each exploring the graph
around both ends; on a network of 10^6 links that is half a minute for five routes. Here every
spur search is an A* guided by the exact distance to the target in the whole graph (one reverse
Dijkstra, made once): removing the nodes and links Yen removes only makes distances longer, so
that distance is a consistent lower bound, and a spur search walks almost straight to the
target instead of flooding the graph.

The graph is given as two functions, `out(u)` and `into(v)`, listing `(neighbour, weight)`
pairs in neighbour order (a weight of None hides the link), so the same code runs over a
networkx graph and over `pathways.compact`'s arrays and, given the same links in the same order,
returns the same routes. Ties are broken by node order (the heap compares nodes after costs), so
the answer is the same on every run.

Yen, J. Y. (1971). Finding the K Shortest Loopless Paths in a Network. Management Science
17(11), 712-716. https://doi.org/10.1287/mnsc.17.11.712

>>> links = {"a": [("b", 1), ("c", 1)], "b": [("d", 1)], "c": [("d", 2)], "d": []}
>>> back = {"a": [], "b": [("a", 1)], "c": [("a", 1)], "d": [("b", 1), ("c", 2)]}
>>> k_shortest_routes(links.__getitem__, back.__getitem__, "a", "d", 3)
[(2, ('a', 'b', 'd')), (3, ('a', 'c', 'd'))]
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable
from itertools import pairwise
from typing import TypeVar

__all__ = ["distances_to", "k_shortest_routes"]

N = TypeVar("N", bound=Hashable)
Links = Callable[[N], Iterable[tuple[N, "int | None"]]]


def distances_to(into: Links[N], target: N) -> dict[N, int]:
    """The least total weight from every node that reaches `target` to it (one reverse
    Dijkstra)."""
    dist: dict[N, int] = {}
    heap: list[tuple[int, N]] = [(0, target)]
    while heap:
        d, v = heapq.heappop(heap)
        if v in dist:
            continue
        dist[v] = d
        for u, w in into(v):
            if w is not None and u not in dist:
                heapq.heappush(heap, (d + w, u))  # type: ignore[misc]
    return dist


def _spur(out: Links[N], h: dict[N, int], start: N, target: N, banned: set[N],
          cut: set[N]) -> tuple[int, list[N]] | None:
    """The least-weight route from `start` to `target` avoiding the nodes `banned` and the links
    from `start` to the nodes in `cut`: A* over `h`, a consistent lower bound."""
    if start not in h:
        return None
    came: dict[N, N | None] = {}
    cost: dict[N, int] = {start: 0}
    # (estimate, -weight so far: the deeper of equal estimates first, node, previous node)
    heap: list[tuple[int, int, N, N | None]] = [(h[start], 0, start, None)]
    while heap:
        _, minus_g, u, prev = heapq.heappop(heap)
        g = -minus_g
        if u in came:
            continue
        came[u] = prev
        if u == target:
            path = [u]
            while (p := came[path[-1]]) is not None:
                path.append(p)
            return g, path[::-1]
        for v, w in out(u):
            if w is None or v in came or v in banned or v not in h or (u == start and v in cut):
                continue
            nxt = g + w
            if nxt < cost.get(v, nxt + 1):
                cost[v] = nxt
                heapq.heappush(heap, (nxt + h[v], -nxt, v, u))  # type: ignore[misc]
    return None


def _common(one: tuple[N, ...], two: tuple[N, ...]) -> int:
    """How many nodes `one` and `two` share from their start."""
    n = 0
    for x, y in zip(one, two, strict=False):
        if x != y:
            break
        n += 1
    return n


def k_shortest_routes(out: Links[N], into: Links[N], start: N, target: N, k: int
                      ) -> list[tuple[int, tuple[N, ...]]]:
    """Up to `k` simple routes from `start` to `target`, least total weight first, each with its
    weight (Yen's algorithm, every spur search an A* over the exact distances to `target`).

    Weights must be positive. O(k L (E log E)) at worst for routes of L links; in practice each
    spur search settles little more than the route it finds, and the rest of the work is
    O(k^2 L): a long chain with no way round costs k passes along it, not L^2.
    """
    if k < 1 or start == target:
        return []
    h = distances_to(into, target)
    first = _spur(out, h, start, target, set(), set())
    if first is None:
        return []
    found: list[tuple[int, tuple[N, ...]]] = [(first[0], tuple(first[1]))]
    candidates: list[tuple[int, tuple[N, ...]]] = []
    seen = {found[0][1]}
    weight: dict[tuple[N, N], int] = {}
    while len(found) < k:
        _, last = found[-1]
        prefix = [0]
        for a, b in pairwise(last):
            if (a, b) not in weight:
                weight[(a, b)] = next(w for v, w in out(a) if v == b and w is not None)
            prefix.append(prefix[-1] + weight[(a, b)])
        # How far each route found runs along `last`: it shares the root up to node i where
        # this reaches i + 1. Worked out once, not by comparing slices at every node (which
        # made a route of L links cost L^2), as is the set of root nodes a spur avoids.
        shared = [_common(path, last) for _, path in found]
        banned: set[N] = set()
        for i in range(len(last) - 1):
            cut = {path[i + 1] for (_, path), n in zip(found, shared, strict=True) if n > i}
            spur = _spur(out, h, last[i], target, banned, cut)
            banned.add(last[i])
            if spur is None:
                continue
            route = last[:i] + tuple(spur[1])
            if route not in seen:
                seen.add(route)
                heapq.heappush(candidates, (prefix[i] + spur[0], route))  # type: ignore[misc]
        if not candidates:
            break
        found.append(heapq.heappop(candidates))
    return found
