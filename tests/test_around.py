"""`render --around NODE --max-nodes N`: a big neighbourhood cut to the routes that converge."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from pathways.errors import UsageError
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.queries import converging_compounds
from pathways.views import around_view


@pytest.fixture(scope="module")
def graph(graphs_dir: Path) -> nx.DiGraph:
    return merge(load_dataset(graphs_dir))


def test_max_nodes_keeps_the_node_and_the_first_route(graph: nx.DiGraph):
    full = around_view(graph, "mtor", 3, "v")
    cut = around_view(graph, "mtor", 3, "v", max_nodes=6)
    assert len(full.nodes) > 6 and len(cut.nodes) == 6
    kept = {n.id for n in cut.nodes}
    first = converging_compounds(graph, "mtor")[0].path
    assert "mtor" in kept
    assert set(first[-5:]) <= kept  # the route nearest the node comes first


def test_max_nodes_larger_than_the_neighbourhood_changes_nothing(graph: nx.DiGraph):
    assert around_view(graph, "mtor", 2, "v", max_nodes=10_000) == around_view(graph, "mtor", 2,
                                                                                "v")


def test_max_nodes_below_two_is_a_usage_error(graph: nx.DiGraph):
    with pytest.raises(UsageError):
        around_view(graph, "mtor", 2, "v", max_nodes=1)


def test_a_depth_past_the_graph_s_reach_ends_once_nothing_is_new(graph: nx.DiGraph):
    # The breadth-first walk stops when a step reaches nothing new: a depth of 10^20 had it
    # count steps for hours.
    assert around_view(graph, "mtor", 10**20, "v") == around_view(graph, "mtor", 40, "v")
