"""`shared` shows, at every convergence point, exactly what `converge` shows for that point and
those compounds: the same route (the same one among equally good routes), sign, certainty,
per-sign shortest lengths and more certain route; on the shipped data and on generated networks
with feedback loops, both signs and unknown ones, every certainty, is-a and part-of links."""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import pytest
from test_compact import generated

from pathways import queries
from pathways.load import load_dataset
from pathways.merge import add_network, merge, network_graph
from pathways.queries import converging_compounds, is_compound, shared_downstream


def per_point(graph: nx.DiGraph, compounds: list[str], max_steps: int | None) -> None:
    """`shared`'s routes equal `converge`'s, point by point."""
    result = shared_downstream(graph, compounds, max_steps=max_steps)
    assert result.convergence
    for point in result.convergence:
        found = converging_compounds(graph, point, sources=compounds, include_tools=True,
                                     max_steps=max_steps)
        expected = {c.compound: c.as_json() for c in found}
        got = {c: conv.as_json() for c, conv in result.routes[point].items()}
        assert got == expected, point


@pytest.mark.parametrize("max_steps", [None, 2, 3])
def test_shared_routes_are_converge_routes_on_the_shipped_data(graphs_dir: Path,
                                                               max_steps: int | None):
    graph = merge(load_dataset(graphs_dir))
    compounds = sorted(n for n in graph if is_compound(graph, n))
    for pair in itertools.combinations(compounds, 2):
        try:
            per_point(graph, list(pair), max_steps)
        except AssertionError as e:
            if str(e) != "assert []":  # no convergence point for this pair
                raise


@pytest.mark.parametrize("compact", [False, True], ids=["networkx", "compact"])
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_shared_routes_are_converge_routes_on_generated_networks(
        monkeypatch: pytest.MonkeyPatch, graphs_dir: Path, seed: int, compact: bool):
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 0 if compact else 10**12)
    graph = add_network(merge(load_dataset(graphs_dir)),
                        network_graph(generated(seed, nodes=150, edges=450)))
    for compounds in (["ketamine", "mgs0039", "G0010", "G0020"], ["G0003", "G0007"],
                      ["mij821", "G0001", "G0040"]):
        for max_steps in (None, 3, 5):
            per_point(graph, compounds, max_steps)
