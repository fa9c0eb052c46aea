"""Structural lines in views: a subtype drawn with the general entity it is a kind of, and a part
drawn with its whole, are joined by a plain labelled line, so that what a figure marks as a
convergence point is reached by every compound along what it draws."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from pathways.cli import main
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.views import View, around_view, compounds_view, view_from_graph

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def graph(graphs_dir: Path) -> nx.DiGraph:
    return merge(load_dataset(graphs_dir))


def _reached(view: View, start: str) -> set[str]:
    """What `start` reaches along the view's lines, each read as the queries read it: an
    influence forwards; a subtype line from the subtype to the general entity (reaching a kind
    of a node counts for it); a part-of line from the whole to its part."""
    steps = nx.DiGraph()
    for e in view.edges:
        if e.relation == "is-a":
            steps.add_edge(e.target, e.source)
        else:
            steps.add_edge(e.source, e.target)
    return nx.descendants(steps, start) if start in steps else set()


def test_every_convergence_point_is_reached_along_drawn_lines(graph: nx.DiGraph):
    view = compounds_view(graph, ["ketamine", "mij821"], "v")
    marked = [n.id for n in view.nodes if n.emphasis]
    assert "nmda_receptor" in marked  # Mij821 acts on its NR2B-containing subtype
    for compound in ("ketamine", "mij821"):
        assert set(marked) <= _reached(view, compound), compound


def test_the_subtype_line_is_labelled_and_carries_no_influence(graph: nx.DiGraph):
    view = compounds_view(graph, ["ketamine", "mij821"], "v")
    (line,) = [e for e in view.edges if e.relation == "is-a"]
    assert (line.source, line.target) == ("nmda_receptor", "nr2b_nmda_receptor")
    assert line.label == "subtype" and line.structural
    assert line.tooltip == "NR2B-containing NMDA receptor is a kind of NMDA receptor"


def test_no_subtype_line_without_both_ends_or_where_already_linked(graph: nx.DiGraph):
    alone = compounds_view(graph, ["mij821"], "v")
    assert "nmda_receptor" not in {n.id for n in alone.nodes}
    assert not [e for e in alone.edges if e.relation == "is-a"]
    pair = graph.subgraph(["nmda_receptor", "nr2b_nmda_receptor"]).copy()
    assert [e.relation for e in view_from_graph(pair, "v").edges] == ["is-a"]
    linked = pair.copy()
    linked.add_edge("nr2b_nmda_receptor", "nmda_receptor",
                    **graph.edges["ketamine", "nmda_receptor"])
    assert [e.relation for e in view_from_graph(linked, "v").edges] == [""]


def test_around_a_node_counts_from_its_subtypes_as_converge_does(graph: nx.DiGraph):
    drawn = {n.id for n in around_view(graph, "nmda_receptor", 1, "v").nodes}
    assert {"nr2b_nmda_receptor", "mij821", "ro25_6981", "ketamine"} <= drawn
    # The subtype's neighbourhood does not take in the general receptor: acting on the NMDA
    # receptor is not acting on its NR2B-containing kind.
    drawn = {n.id for n in around_view(graph, "nr2b_nmda_receptor", 1, "v").nodes}
    assert "ketamine" not in drawn and "nmda_receptor" not in drawn


def test_render_draws_the_subtype_line_and_names_it_in_the_legend(graphs_dir: Path,
                                                                  tmp_path: Path):
    out = tmp_path / "k.svg"
    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "render", "ketamine",
                                       "mij821", "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    (group,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"
                and g.get("id", "").endswith("-edge-nmda_receptor-nr2b_nmda_receptor")]
    words = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
    assert "subtype" in words
    assert not list(group.iter(f"{SVG}polygon"))  # a line, no arrowhead
    legend = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "Subtype (a kind of the general entity)" in re.sub(r"\s+", " ", legend)
