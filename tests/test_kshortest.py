"""`path`'s k shortest routes (`pathways.kshortest`): the k least-weight simple routes, checked
against every simple path of small graphs; the same routes whether the graph is searched through
networkx or through the compact arrays of a large network."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest

from pathways import queries
from pathways.kshortest import k_shortest_routes
from pathways.load import load_dataset
from pathways.merge import add_network, merge, network_graph
from pathways.queries import routes
from test_compact import generated


def random_graph(seed: int, nodes: int = 12, edges: int = 40) -> nx.DiGraph:
    """A seeded random directed graph with small positive weights (many ties) and loops."""
    rng = random.Random(seed)
    g = nx.DiGraph()
    g.add_nodes_from(range(nodes))
    while g.number_of_edges() < edges:
        u, v = rng.randrange(nodes), rng.randrange(nodes)
        if u != v:
            g.add_edge(u, v, w=rng.choice((1, 1, 2, 3)))
    return g


def lists(g: nx.DiGraph):
    def out(u):
        return [(v, g.edges[u, v]["w"]) for v in sorted(g.succ[u])]

    def into(v):
        return [(u, g.edges[u, v]["w"]) for u in sorted(g.pred[v])]
    return out, into


def weight(g: nx.DiGraph, path) -> int:
    return sum(g.edges[a, b]["w"] for a, b in pairwise(path))


@pytest.mark.parametrize("seed", range(40))
def test_the_k_least_weight_simple_routes_are_found(seed: int):
    g = random_graph(seed)
    out, into = lists(g)
    rng = random.Random(seed)
    start, target = rng.sample(sorted(g), 2)
    every = sorted(weight(g, p) for p in nx.all_simple_paths(g, start, target))
    for k in (1, 3, 8):
        found = k_shortest_routes(out, into, start, target, k)
        assert [w for w, _ in found] == every[:k]  # the k least weights, least first
        for w, path in found:
            assert len(set(path)) == len(path)  # simple
            assert path[0] == start and path[-1] == target and weight(g, path) == w
        assert len({p for _, p in found}) == len(found)
        assert found == k_shortest_routes(out, into, start, target, k)  # the same every time


def test_a_hidden_link_is_never_taken_and_no_route_is_no_answer():
    g = nx.DiGraph([(0, 1), (1, 2), (0, 2)])

    def out(u):
        return [(v, None if (u, v) == (0, 2) else 1) for v in sorted(g.succ[u])]

    def into(v):
        return [(u, None if (u, v) == (0, 2) else 1) for u in sorted(g.pred[v])]
    assert k_shortest_routes(out, into, 0, 2, 5) == [(2, (0, 1, 2))]
    assert k_shortest_routes(out, into, 2, 0, 5) == []


@pytest.fixture(scope="module", params=[1, 2])
def joined(request: pytest.FixtureRequest, graphs_dir: Path) -> nx.DiGraph:
    return add_network(merge(load_dataset(graphs_dir)), network_graph(generated(request.param)))


@pytest.mark.parametrize(("start", "node"), [
    ("G0010", "G0399"), ("G0100", "mtor"), ("ketamine", "G0250"), ("ketamine", "mtor"),
    ("mgs0039", "synaptogenesis"), ("G0150", "G0200"), ("G0390", "G0360"), ("G0390", "G0010")])
def test_routes_are_the_same_on_the_compact_arrays(monkeypatch, joined: nx.DiGraph, start: str,
                                                   node: str):
    """A network node's routes are searched on the compact arrays, a compound's through its own
    links; either way the routes are those the networkx graph gives."""
    def ask():
        return [r.as_json() for r in routes(joined, start, node, limit=6)]

    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 10**12)
    plain = ask()
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 0)
    assert ask() == plain
    reachable = any(nx.has_path(joined, start, t) for t in queries.targets_of(joined, node))
    assert bool(plain) == reachable and len(plain) <= 6
    for route in plain:
        assert len(set(route["path"])) == len(route["path"])
    steps = [len(r["path"]) for r in plain if r["own"]]
    assert steps == sorted(steps)


def test_a_large_network_is_never_searched_by_networkx_paths(monkeypatch, joined: nx.DiGraph):
    """On a large network `path` neither enumerates simple paths nor runs networkx's Yen (a
    bidirectional search per spur node: half a minute for five routes at 10^6 links)."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("networkx path search used")

    monkeypatch.setattr(nx, "shortest_simple_paths", refuse)
    monkeypatch.setattr(nx, "all_simple_paths", refuse)
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 0)
    found = routes(joined, "G0010", "G0399", limit=5)
    assert len(found) == 5 and all(r.path[0] == "G0010" for r in found)
