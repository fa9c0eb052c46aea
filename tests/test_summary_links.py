"""Summary links: a compound's clinical effect drawn beside the whole cascade proposed for it.

Documents state that ketamine and esketamine have rapid antidepressant effects, apart from the
mechanism they propose; the data keep that finding as a link of its own, so `converge` answers
with it, and a `render` view draws it without letting it stretch the cascade into one column."""

from __future__ import annotations

import networkx as nx
import pytest

from pathways.dot import build_dot
from pathways.layout import arrangements, layout_view, shown_text
from pathways.queries import converging_compounds
from pathways.style import PRESETS, THEMES
from pathways.views import ViewEdge, compounds_view, figure_view, summaries


def _edges(*pairs: str) -> list[ViewEdge]:
    return [ViewEdge(*pair.split(">"), "+", "stated") for pair in pairs]  # type: ignore[misc]


def test_a_link_beside_a_route_of_three_links_or_more_is_a_summary():
    chain = _edges("a>b", "b>c", "c>d", "a>d", "b>d")
    # a -> d has a -> b -> c -> d beside it... and a -> b -> d, two links: not a summary.
    assert summaries(chain, 4) == set()
    longer = _edges("a>b", "b>c", "c>d", "d>e", "a>e")
    assert summaries(longer, 5) == {("a", "e")}
    assert summaries(longer, 81) == set()  # not looked for in a large network's view


def test_a_structural_line_is_no_route():
    lines = [*_edges("a>b", "b>c", "a>d"),
             ViewEdge("c", "d", "?", "stated", relation="part-of")]
    assert summaries(lines, 4) == set()


def test_converge_answers_with_the_stated_clinical_findings(graph: nx.DiGraph):
    found = {c.compound: c for c in converging_compounds(graph, "antidepressant_effect")}
    for compound in ("ketamine", "esketamine", "mij821"):
        assert found[compound].path == (compound, "antidepressant_effect"), compound
        assert (found[compound].sign, found[compound].certainty) == ("+", "stated"), compound


def test_catalog_figures_keep_every_links_pull(dataset, graph: nx.DiGraph):
    for spec in dataset.figures.values():
        view = figure_view(dataset, graph, spec)
        assert not any(e.summary for e in view.edges), spec.id
        assert "constraint" not in build_dot(view, PRESETS["slide"], THEMES["light"],
                                             rankdir=spec.rankdir or "TB")


def test_the_summary_link_is_loose_as_written_and_pulled_when_folded(graph: nx.DiGraph):
    view = compounds_view(graph, ["esketamine"], "v")
    loose = {(e.source, e.target) for e in view.edges if e.summary}
    # mTOR -> synaptogenesis is one too: mTOR -> synaptic protein synthesis -> GluA1 -> it.
    assert loose == {("esketamine", "antidepressant_effect"), ("mtor", "synaptogenesis")}
    tried = arrangements(view, PRESETS["slide"])
    for name, rankdir, arranged in tried:
        text = build_dot(arranged, PRESETS["slide"], THEMES["light"], rankdir=rankdir)
        assert ("constraint=\"false\"" in text) == (name == "as written"), name
    assert any(name == "as written, summaries pulled" for name, _, _ in tried)


def test_render_esketamine_folds_its_cascade_beside_the_clinical_link(
        graph: nx.DiGraph, monkeypatch: pytest.MonkeyPatch):
    # Pulled like any other link, the clinical effect held the ten-link cascade in one column
    # of 7.8 pt text on the slide; left loose as written, the cascade folds into four rows
    # beside it (13.6 pt as `render esketamine` prints it).
    import pathways.views

    slide, light = PRESETS["slide"], THEMES["light"]
    folded = layout_view(compounds_view(graph, ["esketamine"], "v"), slide, light)
    monkeypatch.setattr(pathways.views, "summaries", lambda edges, nodes: set())
    column = layout_view(compounds_view(graph, ["esketamine"], "v"), slide, light)
    assert "rows" in folded.arrangement and column.arrangement == "as written"
    assert shown_text(folded, slide) > 1.3 * shown_text(column, slide)


@pytest.mark.parametrize(("preset", "compounds"), [
    ("slide", ["ketamine"]), ("slide", ["esketamine"]), ("slide", ["mij821"]),
    ("slide", ["ketamine", "mij821"]), ("slide", ["esketamine", "mgs0039"]),
    ("full", ["esketamine"]), ("full", ["mgs0039"]), ("full", ["ketamine", "mgs0039"])])
def test_summary_links_never_make_the_largest_drawing_smaller(
        graph: nx.DiGraph, preset: str, compounds: list[str], monkeypatch: pytest.MonkeyPatch):
    """Loose as written and pulled in rearrangements, with the drawing as written tried pulled
    too: the largest drawing of a view is at least as large as with every link pulled. (Which
    drawing is kept may then trade text for fewer labels over other edges, as anywhere, and
    for dashed links long enough to show their dashes, down to the preset's floor: both
    steps come after the choice this tests, and are left out of it. `render esketamine` at
    full width gives up 0.03 pt so, once the legend names the links from other mechanisms.)"""
    import pathways.layout
    import pathways.views

    shown, light = PRESETS[preset], THEMES["light"]
    monkeypatch.setattr(pathways.layout, "_fewer_plated", lambda *args: args[-1])
    monkeypatch.setattr(pathways.layout, "_shown_broken", lambda laid, label: iter(()))
    loose = shown_text(layout_view(compounds_view(graph, compounds, "v"), shown, light), shown)
    monkeypatch.setattr(pathways.views, "summaries", lambda edges, nodes: set())
    pulled = shown_text(layout_view(compounds_view(graph, compounds, "v"), shown, light), shown)
    assert loose >= pulled - 0.005
