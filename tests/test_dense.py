"""Figures under their preset's floor are drawn denser: one text size, details narrowed to their
titles, nodes and ranks closer; a box round one node is labelled no wider than the node."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from pathways.dot import build_dot
from pathways.layout import layout_view, one_size, shown_text, smallest_font
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.render import dot_available, run_graphviz
from pathways.style import PRESETS, THEMES
from pathways.views import View, ViewEdge, ViewNode, compounds_view, figure_view

needs_dot = pytest.mark.skipif(not dot_available(), reason="Graphviz `dot` is not installed")
SLIDE, LIGHT = PRESETS["slide"], THEMES["light"]


@pytest.fixture(scope="module")
def shipped(graphs_dir: Path) -> tuple:
    dataset = load_dataset(graphs_dir)
    return dataset, merge(dataset)


def _sizes(dot_text: str) -> set[float]:
    return {float(s) for s in re.findall(r'(?:POINT-SIZE|fontsize)="?([\d.]+)', dot_text)}


def test_one_size_draws_details_as_large_as_titles() -> None:
    single = one_size(SLIDE)
    assert single.small_size == single.font_size == SLIDE.font_size
    assert single.floor == SLIDE.floor and single.area == SLIDE.area


def test_a_one_node_compartment_label_wraps_to_its_node() -> None:
    """'GABAergic interneuron' round one 'NMDA receptor' is set on two lines, so the box is not
    widened by its label; round two nodes it stays one line."""
    nodes = (ViewNode("k", "Ketamine", "compound"),
             ViewNode("n", "NMDA receptor", "receptor", "inter"),
             ViewNode("d", "Downstream", "process"))
    edges = (ViewEdge("k", "n", "-", "stated"), ViewEdge("n", "d", "+", "stated"))
    alone = View("one", "mechanism", nodes, edges, compartments=(("inter", "GABAergic interneuron"),))
    text = build_dot(alone, SLIDE, LIGHT)
    assert re.search(r"GABAergic<BR[^>]*/>interneuron", text)
    shared = dataclasses.replace(alone, nodes=(*nodes[:2], dataclasses.replace(nodes[2],
                                                                               compartment="inter")))
    assert "<B>GABAergic interneuron</B>" in build_dot(shared, SLIDE, LIGHT)


def test_details_narrow_to_their_titles_and_spacing_shrinks(shipped: tuple) -> None:
    """At narrowing level 2 the glutamate surge's microdialysis line wraps to the title's width
    although that makes its row taller (level 1 keeps the row's height); `spacing` scales the
    room between nodes and ranks."""
    dataset, graph = shipped
    view = figure_view(dataset, graph, dataset.figures["mgs0039-ketamine-signaling"])
    single = one_size(SLIDE)
    kept = build_dot(view, single, LIGHT, narrow=1)
    narrowed = build_dot(view, single, LIGHT, narrow=2)
    assert ">mPFC microdialysis:<" in kept
    assert ">microdialysis:<" in narrowed and ">mPFC microdialysis:<" not in narrowed
    dense = build_dot(view, SLIDE, LIGHT, spacing=0.75)
    assert 'nodesep="0.21"' in dense and 'ranksep="0.24"' in dense
    assert 'nodesep="0.28"' in build_dot(view, SLIDE, LIGHT)


@needs_dot
def test_a_view_under_the_floor_is_drawn_denser_and_larger(shipped: tuple) -> None:
    """Everything esketamine and MGS0039 reach (18 nodes, `render esketamine mgs0039`) misses
    the 14 pt slide floor with two text sizes (9.3 pt); laid out densely at one size, its
    smallest text on the slide is larger (9.9 pt), and every text is that size."""
    _, graph = shipped
    view = compounds_view(graph, ["esketamine", "mgs0039"], "esketamine-mgs0039", [])
    two_sizes = layout_view(view, dataclasses.replace(SLIDE, floor=0), LIGHT)  # no fallback
    assert _sizes(two_sizes.positioned) >= {SLIDE.font_size, SLIDE.small_size}
    dense = layout_view(view, SLIDE, LIGHT)
    assert _sizes(dense.positioned) == {SLIDE.font_size}
    assert shown_text(dense, SLIDE) > 1.05 * shown_text(two_sizes, SLIDE)


@needs_dot
def test_a_figure_that_reaches_the_floor_keeps_two_text_sizes(shipped: tuple) -> None:
    dataset, graph = shipped
    view = figure_view(dataset, graph, dataset.figures["mij821-signaling"])
    laid = layout_view(view, SLIDE, LIGHT)
    assert smallest_font(laid.positioned) == SLIDE.small_size
    assert shown_text(laid, SLIDE) >= SLIDE.floor


@needs_dot
def test_a_render_of_a_long_cascade_is_snaked_across_the_slide(shipped: tuple) -> None:
    """`pathways render esketamine`: a 10-step chain. Drawn straight down it is a tall figure
    with 7.4 pt text on a slide; snaked into rows, it is wider than tall, its text half as
    large again. Laid out left to right it is a strip with text smaller still: that strip does
    not bar the snake."""
    _, graph = shipped
    view = compounds_view(graph, ["esketamine"], "esketamine")
    laid = layout_view(view, SLIDE, LIGHT)
    assert " rows" in laid.arrangement and laid.width > laid.height
    assert shown_text(laid, SLIDE) >= 12


@needs_dot
def test_no_drawing_is_chosen_for_its_text_that_hides_a_node_under_a_label(shipped: tuple
                                                                           ) -> None:
    """`pathways render ketamine` came out snaked in four rows at 11.4 pt, Graphviz's place for
    "implied: crucial for regulating" (a link between two nodes of a row) over mTOR and
    Synaptic protein synthesis, their names cut, and no clear spot beside the link to move it
    to. A drawing leaving a label over a node is now kept only where every other leaves as
    many, as one with a node over another is: ketamine's is drawn straight down instead."""
    _, graph = shipped
    view = compounds_view(graph, ["ketamine"], "ketamine")
    laid = layout_view(view, SLIDE, LIGHT)
    data = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json",
                                   args=("-n2",)))
    placed = [o for o in data["objects"] if "pos" in o and o["name"] != "legend"]
    # A label moved off its place or drawn as a plate is a node of its own ("...-label").
    nodes = {o["name"]: _box(o) for o in placed if not o["name"].endswith("-label")}
    assert len(nodes) == len(view.nodes)
    for label in (o for o in placed if o["name"].endswith("-label")):
        hit = [n for n, b in nodes.items() if _overlap(_box(label), b) > 1.0]
        assert not hit, (label["name"], hit)
    for edge in data["edges"]:
        for op in edge.get("_ldraw_", []):
            if op["op"] != "T":
                continue
            (x, y), w, size = op["pt"], op["width"], 20.0
            words = (x - w / 2, y - 0.25 * size, x + w / 2, y + 0.75 * size)
            hit = [n for n, b in nodes.items() if _overlap(words, b) > 1.0]
            assert not hit, (edge["id"], op["text"], hit)


def _box(obj: dict) -> tuple[float, float, float, float]:
    x, y = (float(v) for v in obj["pos"].split(","))
    w, h = float(obj["width"]) * 36, float(obj["height"]) * 36
    return x - w, y - h, x + w, y + h


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """Points two boxes share across, the lesser of their overlaps in x and in y."""
    return min(min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1]))
