"""`shared` shows, at every convergence point, exactly what `converge` shows for that point and
those compounds: the same route (the same one among equally good routes), sign, certainty,
per-sign shortest lengths and more certain route; on the shipped data and on generated networks
with feedback loops, both signs and unknown ones, every certainty, is-a and part-of links."""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import pytest

from pathways import queries
from pathways.load import load_dataset
from pathways.merge import add_network, merge, network_graph
from pathways.queries import converging_compounds, is_compound, shared_downstream
from pathways.readers import Interaction, Network, Node
from test_compact import generated


def per_point(graph: nx.DiGraph, compounds: list[str], max_steps: int | None,
              meet: bool = True) -> int:
    """`shared`'s routes equal `converge`'s, point by point; returns how many points there are
    (at least one where `meet`)."""
    result = shared_downstream(graph, compounds, max_steps=max_steps)
    assert result.convergence or not meet
    assert bool(result.convergence) == bool(result.shared)
    for point in result.convergence:
        found = converging_compounds(graph, point, sources=compounds, include_tools=True,
                                     max_steps=max_steps)
        expected = {c.compound: c.as_json() for c in found}
        got = {c: conv.as_json() for c, conv in result.routes[point].items()}
        assert got == expected, point
    return len(result.convergence)


@pytest.mark.parametrize("max_steps", [None, 2, 3])
def test_shared_routes_are_converge_routes_on_the_shipped_data(graphs_dir: Path,
                                                               max_steps: int | None):
    graph = merge(load_dataset(graphs_dir))
    compounds = sorted(n for n in graph if is_compound(graph, n))
    points = sum(per_point(graph, list(pair), max_steps, meet=False)  # some pairs meet nowhere
                 for pair in itertools.combinations(compounds, 2))
    assert points >= 5


@pytest.mark.parametrize("compact", [False, True], ids=["networkx", "compact"])
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_shared_routes_are_converge_routes_on_generated_networks(
        monkeypatch: pytest.MonkeyPatch, graphs_dir: Path, seed: int, compact: bool):
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 0 if compact else 10**12)
    graph = add_network(merge(load_dataset(graphs_dir)),
                        network_graph(generated(seed, nodes=150, edges=450)))
    for compounds in (["ketamine", "mgs0039", "G0010", "G0020"], ["G0003", "G0007"],
                      ["mij821", "G0001", "G0040"]):
        for max_steps in (None, 3, 5):  # within a bound, what is shared may be nothing
            per_point(graph, compounds, max_steps, meet=max_steps is None)


@pytest.mark.parametrize("compact", [False, True], ids=["networkx", "compact"])
def test_shared_searches_each_compound_once_however_many_points(
        monkeypatch: pytest.MonkeyPatch, graphs_dir: Path, compact: bool):
    """The searches `shared` makes grow with the compounds, not with the convergence points
    (one search per point made `shared` grow as points x links)."""
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 0 if compact else 10**12)
    graph = add_network(merge(load_dataset(graphs_dir)),
                        network_graph(generated(2, nodes=150, edges=450)))
    calls: list[bool] = []
    search = queries._search

    def counted(*args, **kwargs):
        calls.append(kwargs["reverse"])
        return search(*args, **kwargs)

    monkeypatch.setattr(queries, "_search", counted)
    compounds = ["ketamine", "mgs0039", "G0010", "G0020"]
    result = shared_downstream(graph, compounds)
    assert len(result.convergence) > 10
    assert not any(calls)  # no reverse search from each point
    # per compound: its routes over every link and from each of two certainty floors up, the
    # same three over its own links, and two floors as its own files see every link; never
    # one per point
    assert len(calls) <= 8 * len(compounds) < len(result.convergence) * len(compounds)


def test_among_equally_good_routes_both_show_the_one_whose_ids_come_first():
    """s -> a -> z -> t and s -> b -> y -> t are equally short and certain: `converge` and
    `shared` both show the route through a and z (read from the source, its ids come first),
    whichever order a search happens to settle nodes in."""
    net = Network("ties", "ties.tsv", "sif", "ties.tsv")
    src = net.file_source()
    for name in ("s", "r", "a", "b", "y", "z", "t"):
        net.node(Node(name, name))
    for u, v in (("s", "a"), ("a", "z"), ("z", "t"), ("s", "b"), ("b", "y"), ("y", "t"),
                 ("r", "t")):
        net.interactions.append(Interaction(u, v, "activates", "+",
                                            ((src, f"{u} activates {v}", "stated"),)))
    graph = network_graph(net)
    route = ("s", "a", "z", "t")
    [conv] = converging_compounds(graph, "t", sources=["s"])
    assert conv.path == route
    result = shared_downstream(graph, ["s", "r"])
    assert result.convergence == ("t",)
    assert result.routes["t"]["s"].path == route


def chain(length: int) -> Network:
    """A signed chain C0000 -> C0001 -> ... of `length` links, every link stated."""
    net = Network("chain", "chain.tsv", "sif", "chain.tsv")
    src = net.file_source()
    names = [f"C{i:04d}" for i in range(length + 1)]
    for name in names:
        net.node(Node(name, name))
    for i, (a, b) in enumerate(itertools.pairwise(names)):
        sign = "-" if i % 7 == 3 else "+"
        effect = "inhibits" if sign == "-" else "activates"
        net.interactions.append(Interaction(a, b, effect, sign, ((src, f"{a} {effect} {b}",
                                                                  "stated"),)))
    return net


@pytest.mark.parametrize("compact", [False, True], ids=["networkx", "compact"])
def test_every_node_a_source_reads_each_node_s_links_once(monkeypatch: pytest.MonkeyPatch,
                                                           compact: bool):
    """Asked with every node of a long chain a source, `converge` works each route out once
    from the routes the sources share, not once per source: every node's links are read a
    fixed number of times (one route choice per search), where choosing each source's route
    afresh reads the chain's nodes length^2 / 2 times. The answer is every node, each with
    its whole route to the end and the sign the chain's inhibitions give it."""
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 0 if compact else 10**12)
    length = 300
    graph = network_graph(chain(length))
    reads: list[str] = []
    reader = queries._link_reader

    def counting(g: nx.DiGraph) -> queries.LinkReader:
        links = reader(g)

        def counted(node: str, into: bool) -> list[tuple[str, str, queries.Cost]]:
            reads.append(node)
            return links(node, into)
        return counted

    monkeypatch.setattr(queries, "_link_reader", counting)
    target = f"C{length:04d}"
    found = converging_compounds(graph, target, sources=sorted(graph.nodes))
    assert len(found) == length
    by_source = {c.compound: c for c in found}
    for i in (0, 150, 299):
        conv = by_source[f"C{i:04d}"]
        assert conv.path == tuple(f"C{k:04d}" for k in range(i, length + 1))
        inhibitions = sum(1 for k in range(i, length) if k % 7 == 3)
        assert conv.sign == ("-" if inhibitions % 2 else "+")
    assert len(reads) <= 2 * (length + 1), len(reads)
