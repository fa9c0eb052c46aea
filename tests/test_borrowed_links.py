"""Links drawn from another mechanism: `render ketamine` draws all that ketamine reaches, and a
third of its links are asserted only in other documents (esketamine's BDNF -> mTOR and
GluA1 / PSD-95 branch, the Mij821 comparison's cascades). They are drawn faded, named in the
legend and in their tooltips, as `converge` calls such routes inferred; the compounds' own
links are drawn as before, and the catalog's figures, which list their mechanisms, not at all."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from pathways.cli import main
from pathways.dot import BORROWED_NAME
from pathways.figures import select_figures
from pathways.merge import merge
from pathways.views import around_view, compounds_view, figure_view

SVG = "{http://www.w3.org/2000/svg}"


def _owns(graph: nx.DiGraph, compound: str, a: str, b: str) -> bool:
    """As `converge` counts a compound's own link: its files' (and modules'), or its action."""
    own = set(graph.graph["own"][compound])
    return a == compound or bool(own & set(graph.edges[a, b]["mechanisms"]))


@pytest.mark.parametrize("compounds", [["ketamine"], ["esketamine"], ["mij821"],
                                       ["ketamine", "mgs0039"]])
def test_a_link_is_marked_borrowed_exactly_where_no_drawn_compound_owns_it(
        graph: nx.DiGraph, compounds: list[str]) -> None:
    view = compounds_view(graph, compounds, "v")
    influences = [e for e in view.edges if not e.structural]
    borrowed = [e for e in influences if e.borrowed]
    assert borrowed, "every shipped compound's drawing borrows some links"
    for e in influences:
        owned = any(_owns(graph, c, e.source, e.target) for c in compounds)
        assert bool(e.borrowed) is not owned, (e.source, e.target)
        if e.borrowed:
            assert e.borrowed == tuple(sorted(graph.edges[e.source, e.target]["mechanisms"]))
            assert "Drawn from the " in e.tooltip and "own documents." in e.tooltip


def test_ketamine_s_drawing_names_what_it_borrows_from_esketamine(graph: nx.DiGraph) -> None:
    view = compounds_view(graph, ["ketamine"], "v")
    edge = next(e for e in view.edges if (e.source, e.target) == ("bdnf", "mtor"))
    assert edge.borrowed == ("esketamine",)
    assert edge.tooltip.endswith(
        "Drawn from the esketamine mechanism: not in Ketamine's own documents.")
    own = next(e for e in view.edges if (e.source, e.target) == ("ampa_receptor", "bdnf"))
    assert own.borrowed == () and "Drawn from" not in own.tooltip


def test_figures_and_neighbourhoods_mark_nothing(dataset, graph: nx.DiGraph) -> None:
    """A catalog figure draws the mechanisms it lists, all of them its own; a neighbourhood
    has no compound whose own it would be."""
    for spec in select_figures(dataset):
        view = figure_view(dataset, graph, spec, None)
        assert not [e for e in view.edges if e.borrowed], spec.id
    assert not [e for e in around_view(graph, "mtor", 2, "v").edges if e.borrowed]


def _opacity(path: ET.Element) -> float:
    return float(path.get("stroke-opacity", "1"))


@pytest.mark.graphviz
def test_the_svg_draws_borrowed_links_faded_and_the_legend_names_them(tmp_path: Path,
                                                                      graphs_dir: Path) -> None:
    out = tmp_path / "k.svg"
    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "render", "ketamine", "-o",
                                       str(out)])
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    lines = {}
    for group in root.iter(f"{SVG}g"):
        m = re.fullmatch(r"k-edge-(\w+)-(\w+)", group.get("id", ""))
        if m:
            lines[m.groups()] = [p for p in group.iter(f"{SVG}path")]
    assert lines[("bdnf", "mtor")] and all(0.4 < _opacity(p) < 0.6
                                           for p in lines[("bdnf", "mtor")])
    assert lines[("ampa_receptor", "bdnf")] and all(_opacity(p) == 1
                                                    for p in lines[("ampa_receptor", "bdnf")])
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "k-legend")
    words = " ".join(t.text or "" for t in legend.iter(f"{SVG}text"))
    assert BORROWED_NAME in words


def test_a_loaded_network_s_link_is_named_as_the_network_s(dataset, tmp_path: Path) -> None:
    """A network's link on ketamine's way is no mechanism's: its tooltip names the network."""
    from pathways.merge import add_network, network_graph
    from pathways.readers import read_network

    net = tmp_path / "kn.tsv"
    net.write_text("source\tinteraction\ttarget\nketamine\t1\tP0003\nP0003\t1\tP0004\n",
                   encoding="utf-8")
    graph = add_network(merge(dataset), network_graph(read_network(net)))
    view = compounds_view(graph, ["ketamine"], "v")
    edges = {(e.source, e.target): e for e in view.edges}
    assert edges[("ketamine", "P0003")].borrowed == ()  # its own action, wherever written
    assert edges[("P0003", "P0004")].tooltip.endswith(
        "Drawn from the network kn: not in Ketamine's own documents.")


@pytest.mark.parametrize(("compounds", "shown"), [(["mgs0039"], False), (["esketamine"], False),
                                                  (["ketamine"], True),
                                                  (["ketamine", "mgs0039"], True)])
def test_a_node_shows_only_the_values_the_drawn_compounds_files_measured(
        graph: nx.DiGraph, compounds: list[str], shown: bool) -> None:
    """`render mgs0039` wrote "mPFC microdialysis: increased (ketamine)" under glutamate surge:
    ketamine's file measured it, and MGS0039's drawing is not the place for it. A node in a
    compound's drawing shows what that compound's own files measured there."""
    view = compounds_view(graph, compounds, "v")
    surge = next(n for n in view.nodes if n.id == "glutamate_surge")
    assert any("microdialysis" in line for line in surge.lines) is shown
    assert ("Medial Prefrontal Cortex Glutamate Increased" in surge.tooltip) is shown
