"""The compact backend (`pathways.compact`) gives the answers the networkx search gives: on
generated networks with feedback loops, both signs and unknown ones, hedged and hypothesised
links and is-a / part-of links, joined to the shipped data, for every way `converge` and `shared`
are asked."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest

from pathways import queries
from pathways.compact import compact_graph, search, walk_chooser
from pathways.load import load_dataset
from pathways.merge import add_network, merge, network_graph
from pathways.queries import converging_compounds, shared_downstream
from pathways.readers import Interaction, Network, Node

# Network names that join the shipped entities, so curated compounds reach into the network
# and the network feeds back into the curated pathway.
JOINING = ["mTOR", "BDNF", "AMPA receptor", "Synaptogenesis", "NMDA receptor", "Glutamate surge"]


def generated(seed: int, nodes: int = 400, edges: int = 1600) -> Network:
    """A seeded random signed network: mostly forward links with 10 % pointing back (feedback
    loops), signs +, - and a few unknown, statuses of all three kinds, some nodes a kind of or
    a part of another."""
    rng = random.Random(seed)
    names = [f"G{i:04d}" for i in range(nodes)]
    for k, name in enumerate(JOINING):
        names[(k + 1) * nodes // (len(JOINING) + 1)] = name
    net = Network(f"gen{seed}", f"gen{seed}.tsv", "sif", f"gen{seed}.tsv")
    src = net.file_source()
    for i, name in enumerate(names):
        parent = part = ""
        if name.startswith("G") and i > 10 and rng.random() < 0.05:
            parent = names[rng.randrange(i)]
        elif name.startswith("G") and i > 10 and rng.random() < 0.03:
            part = names[rng.randrange(i)]
        if i == 300:  # fixed ones too: G0300 is a kind of G0200, G0350 a part of it
            parent, part = names[200], ""
        elif i == 350:
            parent, part = "", names[200]
        net.node(Node(name, name, parent=parent, part_of=part))
    seen: set[tuple[int, int]] = set()
    while len(seen) < edges:
        u = rng.randrange(nodes)
        v = u - rng.randint(1, 30) if rng.random() < 0.1 else u + rng.randint(1, 40)
        if not 0 <= v < nodes or u == v or (u, v) in seen:
            continue
        seen.add((u, v))
        sign = rng.choices("+-?", weights=(6, 3, 1))[0]
        status = rng.choices(("stated", "hedged", "hypothesised"), weights=(6, 2, 2))[0]
        effect = {"+": "activates", "-": "inhibits", "?": "regulates"}[sign]
        net.interactions.append(Interaction(names[u], names[v], effect, sign,
                                            ((src, f"{names[u]} {effect} {names[v]}", status),)))
    return net


@pytest.fixture(scope="module", params=[(1, False), (2, False), (3, False), (1, True), (3, True)],
                ids=["1", "2", "3", "1-columns", "3-columns"])
def joined(request: pytest.FixtureRequest, graphs_dir: Path) -> nx.DiGraph:
    """The shipped data joined to a generated network, held as networkx dicts or in columns."""
    seed, columns = request.param
    return add_network(merge(load_dataset(graphs_dir)),
                       network_graph(generated(seed), columns=columns))


def both(monkeypatch: pytest.MonkeyPatch, ask):
    """`ask()` answered by the networkx search and by the compact one."""
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 10**12)
    plain = ask()
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 0)
    return plain, ask()


def as_json(found):
    return [c.as_json() for c in found]


def test_the_generated_network_has_what_the_comparison_needs(joined: nx.DiGraph):
    signs = {d["sign"] for _, _, d in joined.edges(data=True)}
    statuses = {d["status"] for _, _, d in joined.edges(data=True)}
    assert signs == {"+", "-", "?"} and statuses == {"stated", "hedged", "hypothesised"}
    assert any(len(c) > 50 for c in nx.strongly_connected_components(joined))  # feedback loops
    assert any(d["parent"] for _, d in joined.nodes(data=True) if d.get("networks"))
    assert any(d["part_of"] for _, d in joined.nodes(data=True) if d.get("networks"))
    assert {"mtor", "bdnf"} <= set(joined) and joined.in_degree("mtor") > 3  # joined


@pytest.mark.parametrize("target", ["mtor", "synaptogenesis", "G0250", "G0399", "nmda_receptor"])
def test_converge_for_the_compounds_is_the_same(monkeypatch, joined: nx.DiGraph, target: str):
    plain, compact = both(monkeypatch, lambda: as_json(converging_compounds(joined, target)))
    assert compact == plain
    if target in ("mtor", "synaptogenesis"):
        assert len(plain) >= 3


@pytest.mark.parametrize("target", ["mtor", "G0200", "G0350", "G0399"])
@pytest.mark.parametrize("max_steps", [None, 2, 5])
def test_converge_from_every_node_is_the_same(monkeypatch, joined: nx.DiGraph, target: str,
                                              max_steps: int | None):
    every = sorted(joined.nodes)
    plain, compact = both(monkeypatch, lambda: as_json(converging_compounds(
        joined, target, sources=every, max_steps=max_steps)))
    assert compact == plain
    assert len(plain) > (5 if max_steps == 2 else 20)
    if max_steps is None:
        assert any(c["ambiguous"] for c in plain) and any(c["loop"] or c["loop_signs"]
                                                          for c in plain)
    if target == "G0200" and max_steps != 2:  # reaching G0300, a kind of it, counts
        assert any(c["via_relation"] == "is-a" for c in plain)
    if target == "G0350" and max_steps != 2:  # reaching G0200, its whole, counts
        assert any(c["via_relation"] == "part-of" for c in plain)
    assert {c["sign"] for c in plain} >= {"+", "-"}


RANK = {"stated": 2, "hedged": 1, "hypothesised": 0}


def surest_within(graph: nx.DiGraph, targets: list[str], max_steps: int | None
                  ) -> dict[str, tuple[int, int]]:
    """For each node, the most certain level (as a rank) at which a route of at most
    `max_steps` steps reaches one of `targets`, and the fewest steps at that level: a plain BFS
    against the links of each level and above, apart from the code under test."""
    found: dict[str, tuple[int, int]] = {}
    for rank in (2, 1, 0):
        sub = nx.DiGraph([(a, b) for a, b, status in graph.edges(data="status")
                          if RANK[status] >= rank])
        sub.add_nodes_from(targets)
        lengths = nx.multi_source_dijkstra_path_length(sub.reverse(copy=False), set(targets),
                                                       cutoff=max_steps)
        for node, steps in lengths.items():
            found.setdefault(node, (rank, steps))
    return found


def test_the_more_certain_route_is_the_surest_within_max_steps(monkeypatch, joined: nx.DiGraph):
    """Every node's more certain route, in both searches, is one of the most certain level any
    route within `--max-steps` reaches (where that beats the route shown) and the shortest
    there; including where a still more certain route exists but only beyond the bound."""
    sources = sorted(n for n in joined if n.startswith("G"))
    only_within = 0  # more certain routes that exist only because the bound is kept
    for target in ("mtor", "G0200", "G0399"):
        targets = sorted(queries.targets_of(joined, target))
        unbounded = surest_within(joined, targets, None)
        for max_steps in (None, 2, 4):
            expected = surest_within(joined, targets, max_steps)
            for answer in both(monkeypatch, lambda: converging_compounds(
                    joined, target, sources=sources, max_steps=max_steps)):  # noqa: B023
                assert len(answer) > 5
                for conv in answer:
                    shown = RANK[conv.certainty]
                    rank, steps = expected[conv.compound]
                    assert rank >= shown
                    if rank == shown:
                        assert conv.surer == (), conv.compound
                        continue
                    sure = conv.surer
                    assert sure[0] == conv.compound and sure[-1] in targets
                    assert len(sure) - 1 == steps, conv.compound
                    assert min(RANK[joined.edges[a, b]["status"]]
                               for a, b in pairwise(sure)) == rank
                    only_within += unbounded[conv.compound][0] > rank
    assert only_within > 0


@pytest.mark.parametrize("seed", range(6))
def test_converge_from_a_few_nodes_is_the_same(monkeypatch, joined: nx.DiGraph, seed: int):
    rng = random.Random(seed)
    nodes = sorted(joined.nodes)
    target = rng.choice(nodes[len(nodes) // 2:])
    few = [*rng.sample(nodes, 8), "ketamine", "ro25_6981"]
    for tools in (False, True):
        plain, compact = both(monkeypatch, lambda: as_json(converging_compounds(
            joined, target, sources=few, include_tools=tools)))  # noqa: B023
        assert compact == plain


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("numpy", [False, True], ids=["python", "numpy"])
def test_shared_is_the_same(monkeypatch, graphs_dir: Path, seed: int, numpy: bool):
    """The compact order and convergence points, worked out in Python or (a large union) with
    numpy arrays, are networkx's: same shared nodes in the same order, same points."""
    from pathways import columns

    monkeypatch.setattr(columns, "NUMPY_MIN_LINKS", 0 if numpy else 10**9)
    small = add_network(merge(load_dataset(graphs_dir)),
                        network_graph(generated(seed, nodes=150, edges=450)))
    plain, compact = both(monkeypatch, lambda: shared_downstream(
        small, ["ketamine", "mgs0039", "esketamine"]).as_json())
    assert compact == plain
    assert len(plain["shared"]) > 20 and plain["routes"]
    assert 0 < len(plain["convergence"]) < len(plain["shared"])


def test_shared_meets_where_the_compounds_own_links_meet_in_both_searches(
        monkeypatch, graphs_dir: Path):
    """Mij821's and MGS0039's documents reach BDNF and mTOR side by side; only esketamine's has
    BDNF lead to mTOR. Their routes meet at mTOR as at BDNF, in the compact search (a network
    joined) as in networkx's."""
    small = add_network(merge(load_dataset(graphs_dir)),
                        network_graph(generated(1, nodes=150, edges=450)))
    plain, compact = both(monkeypatch, lambda: shared_downstream(
        small, ["mij821", "mgs0039"]).as_json())
    assert compact == plain
    assert {"bdnf", "mtor"} <= set(plain["convergence"])
    assert "protein_synthesis" not in plain["convergence"]  # MGS0039 reaches it through mTOR


@pytest.mark.parametrize("max_steps", [1, 2, 4])
def test_shared_within_max_steps_is_the_same_and_within_reach(monkeypatch, graphs_dir: Path,
                                                              max_steps: int):
    """`shared --max-steps` bounded the routes shown but not the nodes called shared: a node
    one compound reaches only in 6 links was listed under `--max-steps 3`. Now every shared
    node is one each compound reaches in at most that many links (or is a kind of, or a part
    of, one it reaches so), in the compact search as in networkx's."""
    small = add_network(merge(load_dataset(graphs_dir)),
                        network_graph(generated(2, nodes=150, edges=450)))
    compounds = ["ketamine", "mgs0039", "esketamine"]
    plain, compact = both(monkeypatch, lambda: shared_downstream(
        small, compounds, max_steps=max_steps).as_json())
    assert compact == plain
    unbounded = shared_downstream(small, compounds).as_json()
    assert set(plain["shared"]) < set(unbounded["shared"])
    kin = queries._kin(small)
    for compound in compounds:
        near = nx.single_source_shortest_path_length(small, compound, cutoff=max_steps)
        near_ids = set(near) - {compound}
        counted = near_ids | {p for n in near_ids for p in queries._is_a_ancestors(small, n)}
        counted |= {p for n in set(counted) for p in kin.parts.get(n, [])}
        assert set(plain["shared"]) <= counted, compound
    for point, found in plain["routes"].items():
        assert all(route["steps"] <= max_steps for route in found.values()), point


@pytest.mark.parametrize("floor", [None, "hedged", "stated"],
                         ids=["every-link", "hedged-up", "stated-only"])
def test_routes_are_read_from_the_compact_search_as_from_the_networkx_one(
        monkeypatch, joined: nx.DiGraph, floor: str | None):
    """Every reached state's route, read step by step from the compact search's arrays
    (`walk_chooser`), is the one `queries` reads from the networkx search: same nodes, same
    choice among equally cheap walks (unknown signs, feedback loops and all), over every link
    or only those from a certainty floor up."""
    target = "G0399"
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 10**12)
    plain = queries._search(joined, [target], reverse=True, floor=floor)
    plain_walk = queries._walk_chooser(joined, plain)
    compact = search(compact_graph(joined), [target], reverse=True, floor=floor)
    compact_walk = walk_chooser(compact)
    assert set(compact) == set(plain)
    assert len(plain) > 100
    least = RANK[floor or "hypothesised"]
    # The floor holds, and the routes do take links of every certainty it lets through.
    assert {RANK[joined.edges[a, b]["status"]]
            for s in plain for a, b in pairwise(plain_walk(s))} == set(range(least, 3))
    for state in sorted(plain):
        assert compact_walk(state) == plain_walk(state), state


def test_the_compact_search_visits_only_the_routes_from_the_sources(joined: nx.DiGraph):
    """Asked for one source, the search settles only states of nodes on its routes to the
    target, and those exactly as the unconfined search does."""
    cg = compact_graph(joined)
    target = "G0399"
    up = nx.ancestors(joined, target)
    source = max(n for n in up if n.startswith("G"))  # late in the band: few routes
    on_routes = (nx.descendants(joined, source) | {source}) & (up | {target})
    whole = search(cg, [target], reverse=True)
    confined = search(cg, [target], reverse=True, sources=[source])
    assert {n for n, _ in confined} <= on_routes
    assert len(confined) < len(whole)
    for state in confined:
        assert confined[state] == whole[state]
        assert confined.chain(state) == whole.chain(state)
    for sign in "+-?":
        assert ((source, sign) in confined) == ((source, sign) in whole)
    assert any((source, sign) in confined for sign in "+-?")


def test_compact_graph_is_rebuilt_when_the_graph_changes(joined: nx.DiGraph):
    g = joined.copy()
    first = compact_graph(g)
    assert compact_graph(g) is first
    before = len(first.adjacency(True).index)
    assert not g.has_edge("G0399", "G0000")
    g.add_edge("G0399", "G0000", sign="-", status="stated")
    again = compact_graph(g)
    assert again is not first
    assert len(again.adjacency(True).index) == before + 1


@pytest.mark.parametrize("first", [True, False], ids=["into-first", "out-first"])
def test_one_direction_made_from_the_other_is_the_one_read_from_the_graph(
        joined: nx.DiGraph, first: bool):
    """The second direction of a compact copy is made from the first in numpy: the same rows,
    in the same order, with the same signs and certainties as when read from the graph
    (networkx dicts, or columns with links kept and hidden as dicts)."""
    from pathways import compact

    g = joined.copy()
    made = compact_graph(g)
    made.adjacency(first)
    flipped = made.adjacency(not first)
    read = compact.CompactGraph(joined).adjacency(not first)  # read alone: no other direction
    for name in ("start", "index", "sign", "weak"):
        assert list(getattr(flipped, name)) == list(getattr(read, name)), name


def test_a_prepared_graph_keeps_its_compact_copy_through_pickle(monkeypatch, joined: nx.DiGraph):
    """The command line caches the joined graph as a pickle: the compact copy goes with it and
    answers as before, without being made again."""
    import pickle

    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 0)
    g = queries.prepare(joined.copy())
    before = as_json(converging_compounds(g, "G0399", sources=sorted(g)))
    again = pickle.loads(pickle.dumps(g))
    copy = compact_graph(again)
    assert copy._adjacency and copy._rx is not None  # made before pickling, not since
    assert as_json(converging_compounds(again, "G0399", sources=sorted(again))) == before
    assert compact_graph(again) is copy


def test_a_prepared_graph_exports_as_before(monkeypatch, joined: nx.DiGraph):
    """The compact copy stays out of what exporters write (`graph.graph`)."""
    from pathways.exporters import EXPORTERS

    g = joined.copy()
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 10**12)
    converging_compounds(g, "G0399", sources=["G0100"])
    before = EXPORTERS["json"].export(g)
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 0)
    converging_compounds(queries.prepare(g), "G0399", sources=["G0100"])
    assert EXPORTERS["json"].export(g) == before


def test_with_the_cache_off_nothing_is_pickled(monkeypatch):
    """A run with the cache off builds its value and never pickles it (at 10^6 edges pickling
    the joined graph costs seconds and hundreds of MiB)."""
    import pickle

    from pathways.cache import cached

    monkeypatch.setenv("PATHWAYS_CACHE", "off")

    def refuse(*args, **kwargs):
        raise AssertionError("pickled with the cache off")

    monkeypatch.setattr(pickle, "dumps", refuse)
    assert cached("some-key", lambda: {"built": True}) == {"built": True}


def test_a_prepared_graph_keeps_its_is_a_and_part_of_links_until_it_changes(
        monkeypatch, joined: nx.DiGraph):
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 0)
    g = queries.prepare(joined.copy())
    first = queries._kin(g)
    assert queries._kin(g) is first and "G0300" in first.kinds
    g.add_node("G9999", **{**g.nodes["G0010"], "parent": "G0200", "part_of": "G0100"})
    g.add_edge("G0010", "G9999", sign="+", status="stated", effect="activates",
               mechanisms=[], evidence=[])
    again = queries._kin(g)
    assert again is not first
    assert "G9999" in again.kinds and "G9999" in again.parts["G0100"]


@pytest.mark.parametrize("seed", [1, 3])
def test_numpy_and_counting_in_python_index_a_network_alike(monkeypatch, graphs_dir: Path,
                                                            seed: int):
    """A network under `NUMPY_MIN_LINKS` links is indexed by counting in Python (importing
    numpy costs more than that), a larger one with numpy: the same columns, the same links
    kept apart (a pair asserted twice, a record with two quotes), the same search arrays in
    both directions, read from the columns or made one from the other."""
    from pathways import columns, compact

    def arrays(limit: int) -> list[list[int]]:
        monkeypatch.setattr(columns, "NUMPY_MIN_LINKS", limit)
        net = generated(seed)
        first, second = net.interactions[5], net.interactions[9]
        net.interactions.append(first._replace(sign="-", evidence=(("x", "again", "stated"),)))
        net.interactions[9] = second._replace(evidence=(*second.evidence, ("y", "2nd", "hedged")))
        g = add_network(merge(load_dataset(graphs_dir)), network_graph(net, columns=True))
        cols = g.columns
        assert cols is not None and len(cols.src) < len(net.interactions) - 2
        out = [list(a) for a in (cols.src, cols.dst, cols.out_start, cols.out_edge,
                                 cols.in_start, cols.in_edge)]
        made = compact.CompactGraph(g)
        for adj in (made.adjacency(True), made.adjacency(False),
                    compact.CompactGraph(g).adjacency(False)):
            out += [list(adj.start), list(adj.index), list(adj.sign), list(adj.weak)]
        return out

    assert arrays(0) == arrays(10**9)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_condensation_is_rustworkx_s(seed: int):
    """`compact._condensation`, linear where rustworkx's own is quadratic in a hub's degree
    (a star of 10^5 links took 10.5 s in `shared`): the same components, each with its
    members' payloads, and the same links between them, on graphs with loops."""
    import rustworkx as rx

    from pathways.compact import _condensation

    rng = random.Random(seed)
    h = rx.PyDiGraph(multigraph=True)
    h.add_nodes_from([f"p{i}" for i in range(300)])
    h.add_edges_from_no_data(sorted({(rng.randrange(300), rng.randrange(300))
                                     for _ in range(500)} | {(0, i) for i in range(1, 120)}))

    def shape(g: rx.PyDiGraph) -> tuple[set, set]:
        members = {c: frozenset(g[c]) for c in g.node_indices()}
        return (set(members.values()),
                {(members[a], members[b]) for a, b in g.edge_list()})

    assert shape(_condensation(h)) == shape(rx.condensation(h))


def _loop_network(links: list[tuple[str, str]]) -> nx.DiGraph:
    """A network of stated activations `links` (source, target names)."""
    net = Network("loop", "loop.sif", "sif", "loop.sif")
    src = net.file_source()
    for name in sorted({n for link in links for n in link}):
        net.node(Node(name, name))
    for a, b in links:
        net.interactions.append(Interaction(a, b, "activates", "+",
                                            ((src, f"{a} activates {b}", "stated"),)))
    return network_graph(net)


@pytest.mark.parametrize("numpy", [False, True], ids=["python", "numpy"])
def test_shared_meets_in_a_loop_where_the_routes_enter_it(monkeypatch, numpy: bool):
    """In a feedback loop every member leads to every other, so none is upstream of the rest:
    each had counted as a point where the routes first meet. With A -> B, X -> C and the loop
    B -> C -> D -> B, `shared A X` named D too, which both routes reach only through C; a
    chain of 10^5 links closed into a loop named every link of it, and took minutes. The
    points are where the routes enter the loop, in both searches."""
    from pathways import columns

    monkeypatch.setattr(columns, "NUMPY_MIN_LINKS", 0 if numpy else 10**9)
    small = _loop_network([("A", "B"), ("X", "C"), ("B", "C"), ("C", "D"), ("D", "B")])
    plain, compact = both(monkeypatch, lambda: shared_downstream(small, ["A", "X"]).as_json())
    assert compact == plain
    assert sorted(plain["shared"]) == ["B", "C", "D"]
    assert sorted(plain["convergence"]) == ["B", "C"]
    # A long loop entered at one point by both: that point alone, not its 2,000 members.
    chain = [(f"L{i}", f"L{i + 1}") for i in range(2000)] + [("L2000", "L0")]
    long = _loop_network([("A", "L0"), ("X", "L0"), *chain])
    plain, compact = both(monkeypatch, lambda: shared_downstream(long, ["A", "X"]).as_json())
    assert compact == plain
    assert len(plain["shared"]) == 2001 and plain["convergence"] == ["L0"]
