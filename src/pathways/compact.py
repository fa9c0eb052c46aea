"""A compact copy of a large graph's structure, for the searches `queries` runs on big networks.

networkx stays the model (every attribute, every quote); this keeps only what a search over
(node, net sign) states reads, in flat arrays: the node ids in sorted order, and for each
direction a CSR adjacency (row offsets, neighbour indices sorted by id, the link's sign code and
its certainty code). A search over it visits neighbours in the same order as
`sorted(graph.predecessors(node))` and breaks ties the same way, so it settles the same states
with the same costs and the same predecessors as the networkx search in `queries`.

Reachability (what the asked-for sources reach, what reaches the node) is answered by
rustworkx, in compiled code, so a search can be confined to the nodes that lie on some route
from a source to the node: every state it settles there is settled exactly as an unconfined
search would settle it (a state on such a route is only ever reached from another one), and the
rest of the network is never visited.

>>> cg = compact_graph(graph)
>>> best = search(cg, ["mtor"], reverse=True, sources=["esketamine"])
>>> best[("esketamine", "+")][0]   # (steps, hypothesised links, hedged links)
(3, 1, 1)
>>> best.chain(("esketamine", "+"))
['esketamine', 'nmda_receptor', 'downstream_signalling', 'mtor']
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any
from weakref import ref

from .columns import grouped, with_numpy

if TYPE_CHECKING:
    import networkx as nx
    import rustworkx as rx

__all__ = ["CompactGraph", "Settled", "compact_graph", "descendants", "graph_size",
           "link_lists", "links_of",
           "meeting_order", "reached_from", "search", "walk_chooser", "within"]

SIGNS = "+-?"
_SIGN_CODE = {"+": 0, "-": 1, "?": 2}
# Net sign code of a state reached over a link: _COMBINE[link sign * 3 + state sign].
_COMBINE = (0, 1, 2, 1, 0, 2, 2, 2, 2)
_WEAK_CODE = {"stated": 0, "hedged": 1, "hypothesised": 2}
_BITS = 24  # each of a cost's three counts in 24 bits of one integer key (16 million steps)
_MASK = (1 << _BITS) - 1
# A link's cost as one integer, ordered (steps, hypothesised, hedged); indexed by the certainty
# code.
_STEP_KEY = tuple((1 << 2 * _BITS) | (h << _BITS) | d for h, d in ((0, 0), (0, 1), (1, 0)))

Cost = tuple[int, int, int]
State = tuple[str, str]


@dataclass(eq=False)
class Adjacency:
    """One direction's links in CSR form: row `i` is `index[start[i]:start[i + 1]]`."""

    start: array
    index: array
    sign: array
    weak: array


class CompactGraph:
    """Node ids (sorted) and each direction's adjacency of one graph, in flat arrays; a
    direction is built when a search first goes that way (a `converge` goes against the links
    only), the rustworkx copy when reachability is first asked."""

    def __init__(self, graph: nx.DiGraph):
        self.nodes: list[str] = sorted(graph.nodes)
        self.index: dict[str, int] = {n: i for i, n in enumerate(self.nodes)}
        self.size = _size(graph)
        self._graph = ref(graph)  # weak: the graph owns this copy, not the other way round
        self._adjacency: dict[bool, Adjacency] = {}
        self._rx: rx.PyDiGraph | None = None
        # The last answers of `within` and of a downward closure: `converge` asks the same
        # mask for both its searches.
        self._last: dict[str, tuple[Any, Any]] = {}

    def __getstate__(self) -> dict[str, Any]:
        """Pickled with its graph (a cached graph brings its copy along), less the link back
        and the last answers."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_graph", "_last")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _graph=lambda: None, _last={})

    def prepare(self) -> None:
        """Build now what a `converge` uses (the links into each node, the rustworkx copy)."""
        self.adjacency(True)
        self.reach()

    def adjacency(self, reverse: bool) -> Adjacency:
        """The links into each node (`reverse`) or out of it, neighbours sorted by id."""
        if reverse not in self._adjacency:
            graph = self._graph()
            assert graph is not None, "a compact copy outlived its graph"
            if (not reverse) in self._adjacency:
                self._adjacency[reverse] = _flipped(self._adjacency[not reverse], len(self.nodes))
            elif getattr(graph, "columns", None) is not None:  # a network held in columns
                self._adjacency[reverse] = _column_adjacency(self, graph, reverse)
            else:
                rows = graph.pred if reverse else graph.succ
                self._adjacency[reverse] = _adjacency(self.nodes, self.index, rows)
        return self._adjacency[reverse]

    def reach(self) -> rx.PyDiGraph:
        """The structure as a rustworkx graph (node i is `nodes[i]`), built on first use."""
        if self._rx is None:
            import rustworkx as rx

            adj = next(iter(self._adjacency.values()), None) or self.adjacency(True)
            # The links are distinct already (a networkx graph's); a simple graph would look
            # for each new link among its node's links, quadratic in a hub's degree (a star of
            # 10^5 links took 12 s to `converge`).
            g = rx.PyDiGraph(multigraph=True, node_count_hint=len(self.nodes),
                             edge_count_hint=len(adj.index))
            g.add_nodes_from(range(len(self.nodes)))  # payload: the node's index here
            start, index = adj.start, adj.index
            reverse = adj is self._adjacency.get(True)
            g.add_edges_from_no_data([(index[k], v) if reverse else (v, index[k])
                                      for v in range(len(self.nodes))
                                      for k in range(start[v], start[v + 1])])
            self._rx = g
        return self._rx


def _adjacency(nodes: list[str], index: dict[str, int],
               rows: Mapping[str, Mapping[str, dict[str, Any]]]) -> Adjacency:
    """One direction's CSR arrays from networkx adjacency `rows`, each row sorted by id."""
    start, idx, sign, weak = array("q", [0]), array("i"), array("b"), array("b")
    for node in nodes:
        row = rows[node]
        for other in sorted(row):
            d = row[other]
            idx.append(index[other])
            sign.append(_SIGN_CODE[d["sign"]])
            weak.append(_WEAK_CODE[d["status"]])
        start.append(len(idx))
    return Adjacency(start, idx, sign, weak)


def _flipped(adj: Adjacency, size: int) -> Adjacency:
    """The other direction's CSR arrays from `adj`'s, each row sorted by id as `_adjacency`
    sorts it (row i of `adj` lists the nodes j linked with i; the result lists i in row j),
    without reading the graph's links again: `adj`'s links are in order of i, so grouping
    them by j, each group in that order, sorts each new row by i."""
    here = _row_of_each(adj.start, size)
    out, order = grouped(adj.index, size)
    return Adjacency(out, _taken(here, order, "i"), _taken(adj.sign, order, "b"),
                     _taken(adj.weak, order, "b"))


def _row_of_each(start: array, size: int) -> array:
    """For each position of a CSR index with row starts `start`, its row."""
    if with_numpy(start[size]):
        import numpy as np

        counts = np.diff(np.frombuffer(start, np.int64))
        return array("i", np.repeat(np.arange(size, dtype=np.int32), counts).tobytes())
    return array("i", [i for i in range(size) for _ in range(start[i + 1] - start[i])])


def _taken(values: array, order: array, typecode: str) -> array:
    """`values` in the order `order` gives, as an array of `typecode`."""
    if with_numpy(len(order)):
        import numpy as np

        picked = np.frombuffer(values, values.typecode)[np.frombuffer(order, np.int32)]
        return array(typecode, picked.astype(typecode).tobytes())
    return array(typecode, [values[k] for k in order])


def _column_adjacency(cg: CompactGraph, graph: Any, reverse: bool) -> Adjacency:
    """One direction's CSR arrays of a `pathways.columns.ColumnGraph`, from its columns and
    its links held as dicts (no link is made as a dict), each row sorted by id."""
    index = cg.index
    size = len(cg.nodes)
    held = {*graph._hidden, *graph.shadowed_links()}  # links held as dicts, or gone
    src, dst, sign, weak = _live_column_links(graph.columns, index, held)
    for u, v, d in graph.kept_links():
        src.append(index[u])
        dst.append(index[v])
        sign.append(_SIGN_CODE[d["sign"]])
        weak.append(_WEAK_CODE[d["status"]])
    row, other = (dst, src) if reverse else (src, dst)
    # Grouped by the other end, then (stably) by row: each row sorted by the other end's id.
    _, by_other = grouped(other, size)
    start, order = grouped(_taken(row, by_other, "i"), size)
    order = _taken(by_other, order, "i")
    return Adjacency(start, _taken(other, order, "i"), _taken(sign, order, "b"),
                     _taken(weak, order, "b"))


def _live_column_links(cols: Any, index: Mapping[str, int], held: set[int]
                       ) -> tuple[array, array, array, array]:
    """(source, target, sign, certainty) of the column links between live nodes that are not
    `held` as dicts, the nodes renumbered by `index`."""
    alive = cols.alive
    if with_numpy(len(cols.src)):
        import numpy as np

        tr = np.fromiter((index.get(n, -1) for n in cols.names), np.int64, len(cols.names))
        tr[np.frombuffer(bytes(alive), np.uint8) == 0] = -1
        src, dst = tr[np.frombuffer(cols.src, np.int32)], tr[np.frombuffer(cols.dst, np.int32)]
        keep = (src >= 0) & (dst >= 0)
        if held:
            keep[np.fromiter(held, np.int64, len(held))] = False
        return (array("i", src[keep].astype(np.int32).tobytes()),
                array("i", dst[keep].astype(np.int32).tobytes()),
                array("b", np.frombuffer(cols.sign, np.int8)[keep].tobytes()),
                array("b", np.frombuffer(cols.status, np.int8)[keep].tobytes()))
    here = [index.get(n, -1) if alive[i] else -1 for i, n in enumerate(cols.names)]
    csrc, cdst = cols.src, cols.dst
    live = [e for e, (u, v) in enumerate(zip(csrc, cdst, strict=True))
            if here[u] >= 0 and here[v] >= 0 and e not in held]
    if len(live) == len(csrc):  # every link: the columns as they are, renumbered
        return (array("i", [here[u] for u in csrc]), array("i", [here[v] for v in cdst]),
                array("b", cols.sign), array("b", cols.status))
    return (array("i", [here[csrc[e]] for e in live]), array("i", [here[cdst[e]] for e in live]),
            array("b", [cols.sign[e] for e in live]), array("b", [cols.status[e] for e in live]))


def graph_size(graph: nx.DiGraph) -> tuple[int, int]:
    """Nodes and links of `graph`, counted fast (see `_size`): what says a copy kept with a
    graph is still the graph's."""
    return _size(graph)


def _size(graph: nx.DiGraph) -> tuple[int, int]:
    """Nodes and links of `graph`: the links counted from its adjacency rows directly, since
    `number_of_edges` walks a degree view node by node (a tenth of a second at 10^5 nodes); a
    network held in columns keeps its count."""
    if getattr(graph, "columns", None) is not None:
        return len(graph), graph.number_of_edges()
    return len(graph), sum(map(len, graph._succ.values()))


_ATTRIBUTE = "_pathways_compact"  # where a graph keeps its copy: pickled with it, never exported


def compact_graph(graph: nx.DiGraph) -> CompactGraph:
    """The compact copy of `graph`, made once per graph (each part O(E log E), on first use)
    and kept on the graph object itself, outside `graph.graph` (which exporters write out), so a
    pickled graph keeps it and a `graph.copy()` makes its own; made anew if the graph has gained
    or lost nodes or edges since. A graph whose links change sign or certainty in place must
    delete the attribute."""
    size = _size(graph)
    cg = getattr(graph, _ATTRIBUTE, None)
    if isinstance(cg, CompactGraph) and cg.size == size:
        cg._graph = ref(graph)
        return cg
    cg = CompactGraph(graph)
    setattr(graph, _ATTRIBUTE, cg)
    return cg


def _closure(cg: CompactGraph, nodes: Iterable[int], *, down: bool) -> set[int]:
    """`nodes` and everything they reach (`down`) or that reaches them, in one pass."""
    import rustworkx as rx

    g = cg.reach()
    hub = g.add_node(None)  # one extra node joined to all of `nodes` makes one search of many
    try:
        g.add_edges_from_no_data([(hub, n) if down else (n, hub) for n in nodes])
        found = rx.descendants(g, hub) if down else rx.ancestors(g, hub)
    finally:
        g.remove_node(hub)
    return found


def within(cg: CompactGraph, sources: Iterable[str], targets: Iterable[str]) -> bytearray:
    """A mask over node indices: the nodes on some route from one of `sources` to one of
    `targets` (sources and targets included), the only nodes a search between them needs."""
    key = (frozenset(sources), frozenset(targets))
    last = cg._last.get("within")
    if last is not None and last[0] == key:
        return last[1]
    down_last = cg._last.get("down")
    if down_last is not None and down_last[0] == key[0]:
        down = down_last[1]
    else:
        down = _closure(cg, (cg.index[s] for s in key[0] if s in cg.index), down=True)
        cg._last["down"] = (key[0], down)
    up = _closure(cg, (cg.index[t] for t in key[1] if t in cg.index), down=False)
    mask = bytearray(len(cg.nodes))
    for i in down & up if len(down) < len(up) else up & down:
        mask[i] = 1
    cg._last["within"] = (key, mask)
    return mask


def link_lists(cg: CompactGraph, mask: bytearray, weights: tuple[int, ...]
               ) -> tuple[Callable[[int], list[tuple[int, int]]],
                          Callable[[int], list[tuple[int, int]]]]:
    """`out(i)` and `into(i)`: the links out of and into node `i` as (neighbour, weight) pairs
    in id order, only between nodes of `mask`, each weighing `weights[certainty code]`: the
    graph `pathways.kshortest` walks."""
    fwd, back = cg.adjacency(False), cg.adjacency(True)

    def lister(adj: Adjacency) -> Callable[[int], list[tuple[int, int]]]:
        start, index, weak = adj.start, adj.index, adj.weak

        def links(i: int) -> list[tuple[int, int]]:
            return [(index[k], weights[weak[k]]) for k in range(start[i], start[i + 1])
                    if mask[index[k]]]
        return links
    return lister(fwd), lister(back)


def _cost(key: int) -> Cost:
    return key >> 2 * _BITS, (key >> _BITS) & _MASK, key & _MASK


class Settled(Mapping[State, tuple[Cost, "State | None"]]):
    """A search's settled states as `queries` reads them: (node, sign) -> (cost, the state it
    was reached from); converted from the compact form only when asked for."""

    def __init__(self, cg: CompactGraph, best: dict[int, tuple[int, int]]):
        self._cg, self._best = cg, best

    def _state(self, k: int) -> State:
        return self._cg.nodes[k // 3], SIGNS[k % 3]

    def __getitem__(self, state: State) -> tuple[Cost, State | None]:
        i = self._cg.index.get(state[0])
        code = _SIGN_CODE.get(state[1])
        if i is None or code is None:
            raise KeyError(state)
        key, prev = self._best[3 * i + code]
        return _cost(key), (self._state(prev) if prev >= 0 else None)

    def get(self, state: State, default: Any = None) -> Any:  # type: ignore[override]
        """`self[state]`, or `default` where the search did not reach it: one lookup, where
        Mapping's `get` goes through a KeyError (the route choice asks this for every link
        it looks at)."""
        i, code = self._cg.index.get(state[0]), _SIGN_CODE.get(state[1])
        hit = None if i is None or code is None else self._best.get(3 * i + code)
        if hit is None:
            return default
        key, prev = hit
        return _cost(key), (self._state(prev) if prev >= 0 else None)

    def __contains__(self, state: object) -> bool:
        if not isinstance(state, tuple) or len(state) != 2:
            return False
        i, code = self._cg.index.get(state[0]), _SIGN_CODE.get(state[1])
        return i is not None and code is not None and 3 * i + code in self._best

    def chain(self, state: State) -> list[str]:
        """Nodes from `state` back to its seed, following the search's pointers."""
        nodes, best = self._cg.nodes, self._best
        k = 3 * self._cg.index[state[0]] + _SIGN_CODE[state[1]]
        out = []
        while k >= 0:
            out.append(nodes[k // 3])
            k = best[k][1]
        return out

    def __iter__(self) -> Iterator[State]:
        return (self._state(k) for k in self._best)

    def __len__(self) -> int:
        return len(self._best)


_LINK_COST = ((1, 0, 0), (1, 0, 1), (1, 1, 0))  # a link's cost by its certainty code
# The net sign codes s of a state whose link of sign code l leads on to a state of net sign
# code n: _BACK[l * 3 + n] (the sign codes for which _COMBINE[l * 3 + s] == n).
_BACK = tuple(tuple(s for s in range(3) if _COMBINE[link * 3 + s] == net)
              for link in range(3) for net in range(3))


def walk_chooser(best: Settled) -> Callable[[State], list[str]]:
    """`queries._walk_chooser` for a compact search: `walk(start)`, the route the reverse search
    `best` gives from `start` to a seed, among its cheapest walks the one whose node ids, read
    from the start, come first. The same steps, taken on the arrays: states as integers, each
    link's cost as the search's packed key (a state's key plus its link's is the next state's
    key exactly when their costs add up), the least node id as the least index. Each step is
    worked out once and kept, as there. A search over links from a certainty `floor` up needs
    no filter here: a weaker link adds a hypothesised or hedged link that no state it settled
    counts, so its key never adds up."""
    cg, settled = best._cg, best._best
    adj, nodes = cg.adjacency(True), cg.nodes
    start, into, sign, weak = adj.start, adj.index, adj.sign, adj.weak
    successors = cg.reach().successor_indices
    link_key = _STEP_KEY
    outs: dict[int, list[tuple[int, int, int]]] = {}
    steps: dict[tuple[int, ...], tuple[int, tuple[int, ...]] | None] = {}

    def out_links(i: int) -> list[tuple[int, int, int]]:
        """The links out of node i: (other end, sign code, packed cost), by the other's id."""
        got = outs.get(i)
        if got is None:
            got = outs[i] = []
            for j in sorted(successors(i)):
                k = bisect_left(into, i, start[j], start[j + 1])
                got.append((j, sign[k], link_key[weak[k]]))
        return got

    def step(frontier: tuple[int, ...]) -> tuple[int, tuple[int, ...]] | None:
        key = settled[frontier[0]][0]
        if key == 0:  # no step, no link: a seed
            return None
        found: dict[int, list[int]] = {}
        for state in frontier:
            i, net = divmod(state, 3)
            for j, link, w in out_links(i):
                for s in _BACK[link * 3 + net]:
                    hit = settled.get(3 * j + s)
                    if hit is not None and hit[0] + w == key:
                        found.setdefault(j, []).append(3 * j + s)
        least = min(found)
        return least, tuple(sorted(set(found[least])))

    def walk(first: State) -> list[str]:
        state = 3 * cg.index[first[0]] + _SIGN_CODE[first[1]]
        out, frontier = [first[0]], (state,)
        while True:
            if frontier not in steps:
                steps[frontier] = step(frontier)
            got = steps[frontier]
            if got is None:
                return out
            out.append(nodes[got[0]])
            frontier = got[1]
    return walk


def ranked(best: Settled) -> dict[State, tuple[int, State | None]]:
    """`queries._ranked` for a forward search made here: each state's rank among the states of
    its step count by its route, and the state before it on that route. The same choice, made
    on the arrays (states as integers, each link's cost as the search's packed key, the links
    into each node in id order, as `links_of` reads them), so that a dense network's search of
    thousands of states times dozens of links each is not read through `Settled`'s names."""
    cg, settled = best._cg, best._best
    adj = cg.adjacency(True)
    start, into, sign, weak = adj.start, adj.index, adj.sign, adj.weak
    link_key, back = _STEP_KEY, _BACK
    layers: dict[int, list[int]] = {}
    for k, (key, _) in settled.items():
        layers.setdefault(key >> 2 * _BITS, []).append(k)
    rank: dict[int, int] = {}
    before: dict[int, int] = {}
    for steps in sorted(layers):
        keyed: list[tuple[int, int, int]] = []
        for k in layers[steps]:
            if steps == 0:  # a seed: ranked by its id (the state orders as (node, sign))
                keyed.append((-1, k, -1))
                continue
            key = settled[k][0]
            i, net = divmod(k, 3)
            pick, least = -1, 0
            for e in range(start[i], start[i + 1]):  # the cheapest ways in, least rank first
                j, w = 3 * into[e], link_key[weak[e]]
                for s in back[sign[e] * 3 + net]:
                    hit = settled.get(j + s)
                    if hit is not None and hit[0] + w == key and (pick < 0 or rank[j + s] < least):
                        pick, least = j + s, rank[j + s]
            assert pick >= 0  # the search's own pointer is such a way in
            keyed.append((least, k, pick))
        keyed.sort()  # by the rank of the way in, then node id, then sign, as `_ranked` sorts
        for r, (_, k, pick) in enumerate(keyed):
            rank[k] = r
            before[k] = pick
    nodes = cg.nodes
    return {(nodes[k // 3], SIGNS[k % 3]):
            (rank[k], (nodes[p // 3], SIGNS[p % 3]) if p >= 0 else None)
            for k, p in before.items()}


def links_of(cg: CompactGraph, node: str, into: bool) -> list[tuple[str, str, Cost]]:
    """The links into `node` (`into`) or out of it, as (the other end, the link's sign, its
    cost as (steps, hypothesised, hedged)), by the other end's id. The links out of it are
    found through the rustworkx copy and read from the links into each end, so a reverse
    search's graph needs no second adjacency."""
    adj, nodes = cg.adjacency(True), cg.nodes
    i = cg.index[node]
    if into:
        return [(nodes[adj.index[k]], SIGNS[adj.sign[k]], _LINK_COST[adj.weak[k]])
                for k in range(adj.start[i], adj.start[i + 1])]
    out = []
    for j in sorted(cg.reach().successor_indices(i)):
        k = bisect_left(adj.index, i, adj.start[j], adj.start[j + 1])
        out.append((nodes[j], SIGNS[adj.sign[k]], _LINK_COST[adj.weak[k]]))
    return out


def search(cg: CompactGraph, seeds: Iterable[str], *, reverse: bool,
           max_steps: int | None = None, floor: str | None = None,
           sources: Iterable[str] | None = None,
           toward: Iterable[str] | None = None) -> Settled:
    """The search `queries._search` makes (one Dijkstra over (node, net sign) states from
    `seeds`, along links or against them when `reverse`, cheapest first by (steps, hypothesised,
    hedged), over links at least as certain as `floor` when given), over the compact graph.

    With `sources` (a reverse search: the nodes whose routes to the seeds are asked for) it is
    confined to the nodes on routes from them to the seeds; their states come out exactly as an
    unconfined search gives them. `toward`, in a forward search, does the same for the nodes
    whose states are wanted there (the ones a route may end at).
    """
    adj = cg.adjacency(reverse)
    start, index, sign, weak = adj.start, adj.index, adj.sign, adj.weak
    link = _STEP_KEY
    worst = _WEAK_CODE["hypothesised" if floor is None else floor]  # the weakest link taken
    mask = None
    if sources is not None and reverse:
        wanted = set(sources)
        if len(wanted) * 4 < len(cg.nodes):  # a few sources: confine the search to their routes
            mask = within(cg, wanted, seeds)
    elif toward is not None and not reverse:
        mask = within(cg, seeds, toward)
    limit = None if max_steps is None else max_steps << 2 * _BITS  # the key of that many steps
    best: dict[int, tuple[int, int]] = {}
    # A bucket queue: the states waiting at each key, in the order they were reached, and the
    # keys in a heap. Every link costs a step, so a state reaches only keys above its own: a
    # bucket is complete before it is taken, and states come out in exactly the order of a
    # heap of (key, order reached), without a heap entry per state.
    waiting: dict[int, list[tuple[int, int]]] = {0: [(3 * cg.index[s], -1)
                                                     for s in sorted(set(seeds))]}
    keys = [0]
    pop, push = heapq.heappop, heapq.heappush
    while keys:
        key = pop(keys)
        if limit is not None and key >= limit:
            for state, prev in waiting.pop(key):
                best.setdefault(state, (key, prev))
            continue
        for state, prev in waiting.pop(key):
            if state in best:
                continue
            best[state] = (key, prev)
            node, code = divmod(state, 3)
            for k in range(start[node], start[node + 1]):
                other = index[k]
                if (mask is not None and not mask[other]) or weak[k] > worst:
                    continue
                nxt = 3 * other + _COMBINE[3 * sign[k] + code]
                if nxt not in best:
                    at = key + link[weak[k]]
                    queue = waiting.get(at)
                    if queue is None:
                        queue = waiting[at] = []
                        push(keys, at)
                    queue.append((nxt, state))
    return Settled(cg, best)


def descendants(graph: nx.DiGraph, source: str) -> set[str]:
    """Every node `source` reaches (not itself), as `networkx.descendants` gives them."""
    cg = compact_graph(graph)
    nodes = cg.nodes
    return {nodes[i] for i in reached_from(cg, cg.index[source])}


def reached_from(cg: CompactGraph, source: int, max_steps: int | None = None) -> set[int]:
    """The indices of every node `source` reaches (not itself), in at most `max_steps` links
    where given (breadth first, level by level: linear in what it reaches)."""
    import rustworkx as rx

    g = cg.reach()
    if max_steps is None:
        return set(rx.descendants(g, source))
    seen, level = {source}, [source]
    for _ in range(max_steps):
        level = [m for n in level for m in g.successor_indices(n) if m not in seen
                 and not seen.add(m)]  # type: ignore[func-returns-value]
        if not level:
            break
    return seen - {source}


def loop_entries(meeting: list[Any], component: Callable[[Any], Any],
                 preds: Callable[[Any], Iterable[Any]], starts: set[Any]) -> list[Any]:
    """The convergence points `meeting` with those inside a feedback loop cut to where routes
    enter it: of the points sharing one strongly connected `component`, those with a link in
    from outside it or from one of the compounds (`starts`: a route begins there), where any
    has one; all of them where none has. Every member of a loop leads to every other, so none
    is upstream of the rest, and each had counted as a point where the routes first meet:
    with A -> B, X -> C and the loop B -> C -> D -> B, `shared A X` named D too, which both
    routes reach only through C; a chain of 10^5 links closed into a loop named every link
    of it. Linear in the links into the points."""
    by: dict[Any, list[Any]] = {}
    for n in meeting:
        by.setdefault(component(n), []).append(n)
    keep: set[Any] = set()
    for comp, nodes in by.items():
        entered = [n for n in nodes if len(nodes) > 1
                   and any(p in starts or component(p) != comp for p in preds(n))]
        keep.update(entered or nodes)
    return [n for n in meeting if n in keep]


def meeting_order(cg: CompactGraph, union: set[int], shared: set[int],
                  links: list[tuple[int, int]], dropped: Iterable[tuple[int, int]] = (),
                  starts: Iterable[int] = ()) -> tuple[list[str], list[str]]:
    """`shared` (node indices) in upstream-first order and the convergence points among them
    (those no other shared node leads to), judged on the graph's links within `union` plus
    `links`, less `dropped`, over the condensation (one node per strongly connected component), as
    `queries.shared_downstream` judges them with networkx: components ranked by a topological
    order that takes, among the components free to come next, the one whose least member id is
    least. Node ids sort as their indices, so the least member is the least index, and its
    index zero-padded is a key that sorts as the ids do. What follows the order is worked out
    in Python, or for a large union with numpy (`_meeting_arrays`), alike."""
    import rustworkx as rx

    names = cg.nodes
    h = cg.reach().subgraph(sorted(union))  # payload: the compact index
    at = {h[i]: i for i in h.node_indices()}
    for a, b in dropped:
        if a in at and b in at and h.has_edge(at[a], at[b]):
            h.remove_edge(at[a], at[b])
    if links:
        h.add_edges_from_no_data([(at[a], at[b]) for a, b in links])
    cond = _condensation(h)  # node c: a component; payload: its members' compact indices
    groups = cond.nodes()
    width = len(str(len(names)))
    for c, least in zip(cond.node_indices(), map(min, groups), strict=True):
        cond[c] = str(least).zfill(width)
    order = [int(k) for k in rx.lexicographical_topological_sort(cond, key=str)]
    of = {i: c for c, members in zip(cond.node_indices(), groups, strict=True) for i in members}
    meet = _meeting_arrays if with_numpy(h.num_edges()) else _meeting_lists
    ordered, meeting = meet(cond, groups, order, shared, len(names))
    meeting = loop_entries(meeting, of.__getitem__,
                           lambda i: (h[p] for p in h.predecessor_indices(at[i])), set(starts))
    return [names[i] for i in ordered], [names[i] for i in meeting]


def _condensation(h: rx.PyDiGraph) -> rx.PyDiGraph:
    """`h`'s condensation, as `rustworkx.condensation` makes it (node c a strongly connected
    component, its payload its members' payloads, a link from one component to another where
    a member of the one links to a member of the other), in time linear in `h`: that one
    looks for each new link among its component's links, quadratic in a hub's (a star of 10^5
    links took 10.5 s in `shared`)."""
    import rustworkx as rx

    components = [sorted(c) for c in rx.strongly_connected_components(h)]
    components.sort()
    of = {}
    for c, members in enumerate(components):
        for i in members:
            of[i] = c
    cond = rx.PyDiGraph(multigraph=True)
    cond.add_nodes_from([[h[i] for i in members] for members in components])
    cond.add_edges_from_no_data(sorted({(of[a], of[b]) for a, b in h.edge_list()
                                        if of[a] != of[b]}))
    return cond


def _meeting_lists(cond: rx.PyDiGraph, groups: list[list[int]], order: list[int],
                   shared: set[int], size: int) -> tuple[list[int], list[int]]:
    """`meeting_order`'s shared nodes in order and convergence points, given the condensation
    `cond` (its components' members in `groups`) and the components' least members in
    topological `order`. A component is downstream when a shared component leads to it by at
    least one link."""
    import rustworkx as rx

    component: dict[int, int] = {}  # shared node -> its component
    rank: dict[int, int] = {}  # component -> its place in `order`
    place = {least: r for r, least in enumerate(order)}
    for c, members in zip(cond.node_indices(), groups, strict=True):
        rank[c] = place[min(members)]
        for i in members:
            if i in shared:
                component[i] = c
    holding = set(component.values())
    after = {d for c in holding for d in cond.successor_indices(c)}
    hub = cond.add_node("")
    cond.add_edges_from_no_data([(hub, d) for d in after])
    downstream = rx.descendants(cond, hub)
    ordered = sorted(shared, key=lambda i: (rank[component[i]], i))
    return ordered, [i for i in ordered if component[i] not in downstream]


def _meeting_arrays(cond: rx.PyDiGraph, groups: list[list[int]], order: list[int],
                    shared: set[int], size: int) -> tuple[list[int], list[int]]:
    """`_meeting_lists` with numpy arrays over the `size` node indices: the same lists, with
    no Python loop over components or links (at 10^6 links the union holds some 65,000
    components and 580,000 links)."""
    import numpy as np
    import rustworkx as rx

    total = len(groups)
    sizes = np.fromiter(map(len, groups), dtype=np.int64, count=total)
    component = np.zeros(size, dtype=np.int64)
    component[np.fromiter(chain.from_iterable(groups), dtype=np.int64,
                          count=int(sizes.sum()))] = np.repeat(np.arange(total), sizes)
    rank = np.empty(total, dtype=np.int64)
    rank[component[np.asarray(order, dtype=np.int64)]] = np.arange(total)
    nodes = np.fromiter(shared, dtype=np.int64, count=len(shared))
    holding = np.zeros(total, dtype=bool)
    holding[component[nodes]] = True
    links = np.asarray(cond.edge_list(), dtype=np.int64).reshape(-1, 2)
    after = np.zeros(total, dtype=bool)
    after[links[holding[links[:, 0]], 1]] = True
    hub = cond.add_node("")
    cond.add_edges_from_no_data([(hub, d) for d in np.flatnonzero(after).tolist()])
    found = rx.descendants(cond, hub)
    downstream = np.zeros(total + 1, dtype=bool)
    downstream[np.fromiter(found, dtype=np.int64, count=len(found))] = True
    ordered = nodes[np.lexsort((nodes, rank[component[nodes]]))]
    return ordered.tolist(), ordered[~downstream[component[ordered]]].tolist()
