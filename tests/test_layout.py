"""Layout for the space a figure is shown in: legend placement, free room, slide text size."""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pathways.dot import build_dot, legend_entries, legend_label, node_names
from pathways.layout import (
    GAP,
    edge_crossings,
    fit_scale,
    ink,
    label_crossings,
    layout_view,
    legend_labels,
    legend_spots,
    misleading_labels,
    profiles,
    smallest_font,
)
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.model import Dataset
from pathways.render import dot_available, run_graphviz
from pathways.style import PRESETS, THEMES
from pathways.views import View, ViewEdge, ViewNode, figure_view

pytestmark = pytest.mark.graphviz
needs_dot = pytest.mark.skipif(not dot_available(), reason="Graphviz `dot` is not installed")
SLIDE, LIGHT = PRESETS["slide"], THEMES["light"]
# The catalog's twelve figures, each checked alone by the tests parametrised over it.
CATALOG = ("mij821-signaling", "ketamine-signaling", "mij821-proposed-pathway",
           "mij821-first-in-human-workflow", "mij821-phase2-workflow", "nr2b-synaptic-plasticity",
           "mij821-preclinical-workflow", "mgs0039-ketamine-signaling", "social-defeat-workflow",
           "esketamine-mechanism", "trd-preclinical-workflow", "esketamine-trial-workflow")


@pytest.fixture(scope="module")
def dataset(graphs_dir: Path) -> Dataset:
    return load_dataset(graphs_dir)


@pytest.fixture(scope="module")
def views(dataset: Dataset) -> dict[str, View]:
    graph = merge(dataset)
    return {f: figure_view(dataset, graph, spec, None) for f, spec in dataset.figures.items()}


def test_fit_scale_is_the_tighter_side() -> None:
    assert fit_scale(200, 100, (100, 100)) == 0.5
    assert fit_scale(100, 400, (100, 100)) == 0.25
    assert fit_scale(0, 100, (100, 100)) == 1.0


def _first(spots: list[tuple[str, float, float, float, float]]
           ) -> tuple[str, float, float, float, float]:
    """The spot `layout_view` keeps: the first of those that make the whole smallest."""
    return min(spots, key=lambda s: (s[3] * s[4], spots.index(s)))


def test_legend_goes_inside_at_the_bottom_right_when_there_is_room() -> None:
    assert _first(legend_spots(500, 300, (100, 50), profiles(500, 300, []))) == ("inside", 450, 25, 500, 300)


def test_legend_keeps_its_distance_from_the_drawing() -> None:
    blocker = (380.0, 0.0, 500.0, 100.0)  # the bottom-right corner is taken
    side, x, y, w, h = _first(legend_spots(500, 300, (100, 50), profiles(500, 300, [blocker])))
    box = (x - 50, y - 25, x + 50, y + 25)
    assert side == "inside" and (w, h) == (500, 300)
    assert box[2] <= blocker[0] - GAP or box[1] >= blocker[3] + GAP


def test_legend_sticks_out_only_as_far_as_the_drawing_needs() -> None:
    """A drawing whose lowest 30 pt are taken only on the right: the legend sits bottom left
    and hangs below the figure by what it lacks there, not by its whole height."""
    rects = [(0.0, 60.0, 500.0, 300.0), (300.0, 0.0, 500.0, 60.0)]
    side, x, y, w, h = _first(legend_spots(500, 300, (200, 50), profiles(500, 300, rects)))
    assert side == "below" and w == 500
    assert y + 25 == pytest.approx(60 - GAP) and h == pytest.approx(300 + 50 - (60 - GAP))
    assert x + 100 <= 300 - GAP


def test_legend_wider_than_the_figure_overhangs_it() -> None:
    full = [(0.0, 0.0, 80.0, 300.0)]
    spots = legend_spots(80, 300, (100, 50), profiles(80, 300, full))
    assert all(s[0] != "inside" for s in spots)
    assert min(s[3] * s[4] for s in spots) >= 80 * 300 + 100 * 50


@needs_dot
def test_ink_covers_nodes_edges_and_label_text() -> None:
    data = json.loads(run_graphviz('digraph { a -> b [label="a long edge label"]; }', fmt="json"))
    rects = ink(data)
    nodes = [o for o in data["objects"] if "pos" in o]
    for node in nodes:
        x, y = (float(v) for v in node["pos"].split(","))
        assert any(r[0] <= x <= r[2] and r[1] <= y <= r[3] for r in rects)
    lx, ly = (float(v) for v in data["edges"][0]["lp"].split(","))
    assert any(r[0] <= lx <= r[2] and r[1] - 10 <= ly <= r[3] + 10 for r in rects)


def _legend_box(positioned: str) -> tuple[float, float, float, float]:
    stmt = positioned[positioned.index("\tlegend ["):]
    x, y = (float(v) for v in re.search(r'pos="([-\d.]+),([-\d.]+)"', stmt).groups())  # type: ignore[union-attr]
    w = float(re.search(r'width="([\d.]+)"', stmt).group(1)) * 72  # type: ignore[union-attr]
    h = float(re.search(r'height="([\d.]+)"', stmt).group(1)) * 72  # type: ignore[union-attr]
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


@needs_dot
@pytest.mark.parametrize("fig_id", ["mij821-signaling", "esketamine-mechanism",
                                    "mgs0039-ketamine-signaling", "trd-preclinical-workflow",
                                    "mij821-preclinical-workflow"])
def test_legend_never_covers_the_drawing(views: dict[str, View], fig_id: str) -> None:
    laid = layout_view(views[fig_id], SLIDE, LIGHT, directions=("TB", "LR"))
    assert laid.legend in ("inside", "below", "right", "above", "left")
    x0, y0, x1, y1 = _legend_box(laid.positioned)
    without = laid.positioned[:laid.positioned.index("\tlegend [")] + "}\n"
    drawn = json.loads(run_graphviz(without, engine="neato", fmt="json", args=("-n2",)))
    for a, b, c, d in ink(drawn):
        assert c <= x0 or a >= x1 or d <= y0 or b >= y1, (fig_id, (a, b, c, d))


def _plain_words(label: str) -> list[str]:
    return re.sub(r"<[^>]*>", " ", label).split()


@needs_dot
def test_a_legend_beside_the_figure_wraps_its_long_line_names(views: dict[str, View]) -> None:
    """Esketamine's one-column legend is as wide as 'Negative influence (hedged in the source)';
    with the names of line entries wrapped it is over 100 pt narrower and keeps every word; the
    slide layout never draws the long names unwrapped (wrapped, or compact: see below)."""
    view = views["esketamine-mechanism"]
    written = legend_label(view, SLIDE, LIGHT, 1)
    wrapped = legend_label(view, SLIDE, LIGHT, 1, SLIDE.wrap + 6)
    assert {written, wrapped} <= set(legend_labels(view, SLIDE, LIGHT))
    assert _plain_words(wrapped) == _plain_words(written)
    source = ('digraph { node [shape=plain, fontname="Liberation Sans"]; '
              f"a [label={written}]; b [label={wrapped}]; }}")
    data = json.loads(run_graphviz(source, fmt="json"))
    width = {o["name"]: float(o["width"]) * 72 for o in data["objects"]}
    assert width["b"] < width["a"] - 100
    laid = layout_view(view, SLIDE, LIGHT, directions=("TB", "LR"))
    assert "influence (hedged in the source)" not in laid.positioned


def _measured_size(label: str) -> tuple[float, float]:
    data = json.loads(run_graphviz(
        f'digraph {{ node [shape=plain, fontname="Liberation Sans"]; a [label={label}]; }}',
        fmt="json"))
    obj = data["objects"][0]
    return float(obj["width"]) * 72, float(obj["height"]) * 72


def _legend_of(positioned: str) -> str:
    return positioned[positioned.index("\tlegend ["):]


@needs_dot
def test_compact_legend_names_each_line_style_and_arrowhead_once(views: dict[str, View]) -> None:
    """NR2B draws positive influences solid, dotted and dashed: the compact legend names each
    arrowhead once and each line style once, in one block, so it has fewer entries; the slide
    layout draws it where the figure's text is then larger than with one row per certainty
    (Mij821's proposed pathway)."""
    view = views["nr2b-synaptic-plasticity"]
    full = legend_label(view, SLIDE, LIGHT, 4)
    compact = legend_label(view, SLIDE, LIGHT, 4, compact=True)
    assert legend_entries(view, SLIDE, LIGHT, compact=True) < legend_entries(view, SLIDE, LIGHT)
    for name in ("Positive influence", "Negative influence", "Unknown influence",
                 "Stated", "Hedged in the source", "Hypothesised", "Contains (a part of the whole)"):
        assert compact.count(f">{name}<") == 1, name
    assert "(hedged in the source)" in full and "(hedged in the source)" not in compact
    for arrowhead in ("\u25b6", "\u2524", "\u25c7"):  # arrowhead, T-bar, diamond: each drawn once
        assert compact.count(arrowhead) == 1, arrowhead
    for glyph in ("\u2500\u2500\u2500\u2500", "\u2508\u2508\u2508", "\u2500 \u2500 \u2500"):
        assert glyph in compact
    laid = layout_view(views["mij821-proposed-pathway"], SLIDE, LIGHT)  # where it fits best
    assert ">Stated<" in _legend_of(laid.positioned)
    assert ">Hypothesised<" in _legend_of(laid.positioned)
    # a reduction that triggers is named once too, its certainty in the block
    eske = views["esketamine-mechanism"]
    block = legend_label(eske, SLIDE, LIGHT, 2, compact=True)
    assert block.count("Triggered by a reduction upstream") == 1
    assert ">Hedged in the source<" in block and ">Hypothesised<" in block


@needs_dot
def test_notes_beside_the_legend_make_a_wide_legend_shorter(views: dict[str, View]) -> None:
    """MGS0039/ketamine's note printed right of its entries, not under them: every word kept,
    the legend under a figure is shorter, and it is one of the shapes the layout tries."""
    view = views["mgs0039-ketamine-signaling"]
    below = legend_label(view, SLIDE, LIGHT, 5, compact=True)
    beside = legend_label(view, SLIDE, LIGHT, 5, compact=True, notes_beside=True)
    assert sorted(_plain_words(beside)) == sorted(_plain_words(below))
    assert _measured_size(beside)[1] < _measured_size(below)[1] - 20
    assert beside in legend_labels(view, SLIDE, LIGHT)


def test_legend_entries_side_by_side_stand_apart(views: dict[str, View]) -> None:
    """"Procedure" ran into the next entry's swatch, no farther from it than from its own: each
    row now has an empty column between entries, the table's spacing once more (12 pt between
    one entry's name and the next swatch, against 8 between a swatch and its name)."""
    import pathways.htmlsize as hs

    view = views["mij821-first-in-human-workflow"]
    label = legend_label(view, SLIDE, LIGHT, 3)
    table = hs.parse(label[1:-1])
    assert table is not None
    rows = [row for row in table.rows if len(row) > 1]
    assert rows and all(len(row) in (2, 5, 8) for row in rows), [len(r) for r in rows]
    for row in rows:
        for spacer in row[2::3]:
            assert spacer.content == "" and spacer.pad == 0


def test_legend_entries_count_what_is_used(views: dict[str, View]) -> None:
    view = views["mgs0039-ketamine-signaling"]
    kinds = {n.kind for n in view.nodes}
    signs = {(e.sign, e.status) for e in view.edges if not e.triggered_by_reduction}
    reductions = {e.status for e in view.edges if e.triggered_by_reduction}
    # kinds + convergence mark + influences + reductions that trigger + two routes and "shared"
    assert legend_entries(view, SLIDE, LIGHT) == \
        len(kinds) + 1 + len(signs) + len(reductions) + 3


def test_workflow_rows_are_drawn_as_a_snake(views: dict[str, View]) -> None:
    view = views["trd-preclinical-workflow"]
    text = build_dot(view, SLIDE, LIGHT, rankdir="TB")
    names = {n.id: f"n{i}" for i, n in enumerate(sorted(view.nodes, key=lambda n: n.id))}
    for row in view.rows:
        assert "{ rank=same; " + "; ".join(names[x] for x in row) + "; }" in text
    firsts = [names[row[0]] for row in view.rows]
    for a, b in itertools.pairwise(firsts):
        assert f'{a} -> {b} [style=invis, weight="50"];' in text


def test_smallest_font_reads_html_and_attributes() -> None:
    assert smallest_font('a [fontsize="20", label=<<FONT POINT-SIZE="9.5">x</FONT>>];') == 9.5


def test_slide_area_is_the_decks_picture_area() -> None:
    from pathways.slides import EMU_PER_PT, figure_area

    box = figure_area(1)
    assert abs(box.width / EMU_PER_PT - SLIDE.area[0]) < 1
    assert abs(box.height / EMU_PER_PT - SLIDE.area[1]) < 1


def test_manifest_slide_text_matches_the_svg(catalog: Path) -> None:
    """slide_text_pt is the smallest font in the SVG scaled to fit the slide's picture area
    (the lines' fonts: a super- or subscript <tspan> is drawn smaller than its line)."""
    manifest: dict[str, Any] = json.loads((catalog / "manifest.json").read_text())
    for entry in manifest["figures"]:
        svg = (catalog / entry["files"]["svg"]).read_text()
        sizes = [float(s) for s in re.findall(r'<text [^>]*?font-size="([\d.]+)"', svg)]
        w, h = (float(v) for v in re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"',  # type: ignore[union-attr]
                                             svg).groups())
        expected = min(sizes) * fit_scale(w, h, SLIDE.area)
        assert abs(entry["slide_text_pt"] - expected) < 0.15, entry["id"]
        assert abs(entry["width_pt"] - w) < 1.5 and abs(entry["height_pt"] - h) < 1.5, entry["id"]


@needs_dot
def test_no_legend_when_off(views: dict[str, View]) -> None:
    laid = layout_view(views["esketamine-mechanism"], SLIDE, LIGHT, legend=False)
    assert laid.legend == "" and "\tlegend [" not in laid.positioned


def test_a_row_written_right_to_left_keeps_its_order(views: dict[str, View]) -> None:
    """mij821-signaling's last row reads 'effect <- synaptogenesis': drawn in the written order,
    the arrow still at the effect."""
    from pathways.render import layout_positions

    view = views["mij821-signaling"]
    assert view.rows[-1] == ("antidepressant_effect", "synaptogenesis")
    text = build_dot(view, SLIDE, LIGHT, rankdir="TB")
    names = node_names(view)
    effect, synapto = names["antidepressant_effect"], names["synaptogenesis"]
    assert re.search(rf'  {effect} -> {synapto} \[[^\n]*arrowtail="normal"[^\n]*dir="back"', text)
    pos = layout_positions(text)
    assert pos[effect][0] < pos[synapto][0]
    assert abs(pos[effect][1] - pos[synapto][1]) < 1


def test_align_stacks_only_the_named_nodes(views: dict[str, View]) -> None:
    view = views["mij821-preclinical-workflow"]
    assert view.align == ("ltp_slices", "ltp_drug", "spine_labeling", "direct")
    text = build_dot(view, SLIDE, LIGHT, rankdir="TB")
    names = node_names(view)
    chain = re.findall(r'  (n\d+) -> (n\d+) \[style=invis, weight="50"\];', text)
    assert chain == [(names["ltp_slices"], names["ltp_drug"]),
                     (names["ltp_drug"], names["spine_labeling"]),
                     (names["spine_labeling"], names["direct"])]
    assert names["molecular"] not in {b for _, b in chain}


@needs_dot
def test_hexagons_are_snug_and_hold_their_text(views: dict[str, View]) -> None:
    """Graphviz draws a hexagon ~1.6 times as wide as its text; ours fit it, every line inside."""
    from pathways.dot import hexagon_labels
    from pathways.layout import snug_hexagon

    view = views["mij821-signaling"]
    lay = layout_view(view, SLIDE, LIGHT)
    data = json.loads(run_graphviz(lay.positioned, fmt="json", engine="neato", args=("-n2",)))
    plain = json.loads(run_graphviz(build_dot(view, SLIDE, LIGHT), fmt="json"))
    default = {o["id"]: float(o["width"]) * 72 for o in plain["objects"] if o.get("shape") == "hexagon"}
    hexes = [o for o in data["objects"] if o.get("shape") == "hexagon"]
    assert len(hexes) == len(hexagon_labels(view, SLIDE, LIGHT)) == 2
    for obj in hexes:
        cy = float(obj["pos"].split(",")[1])
        w, h = float(obj["width"]) * 72, float(obj["height"]) * 72
        texts = [op for op in obj["_ldraw_"] if op["op"] == "T"]
        assert w <= default[obj["id"]], (obj["id"], w, default[obj["id"]])
        for op in texts:  # every line's ends are inside the hexagon at its height
            y = abs(float(op["pt"][1]) + 0.3 * SLIDE.font_size - cy)
            assert float(op["width"]) / 2 <= w / 2 * (1 - y / h), (obj["id"], op["text"])
    effect = next(o for o in hexes if o["id"].endswith("antidepressant_effect"))
    assert float(effect["width"]) * 72 < 0.8 * default[effect["id"]]
    # a wide top line makes the hexagon wider than a narrow one does
    narrow = snug_hexagon(60, [(30, 50), (10, 140), (30, 50)], (9, 4))
    wide = snug_hexagon(60, [(30, 140), (10, 50), (30, 50)], (9, 4))
    assert wide[0] > narrow[0] and wide[1] == narrow[1]


def test_the_figures_checked_one_by_one_are_the_catalog(dataset: Dataset) -> None:
    """A figure added to figures.toml is checked by every test parametrised over CATALOG."""
    assert sorted(CATALOG) == sorted(dataset.figures)


@pytest.mark.parametrize("fig_id", CATALOG)
def test_slide_text_is_at_least_14_pt(catalog: Path, fig_id: str) -> None:
    """The slide preset's promise: no text under 14 pt once the figure fills the slide's picture
    area (the manifest's slide_text_pt, itself checked against the SVG above)."""
    manifest: dict[str, Any] = json.loads((catalog / "manifest.json").read_text())
    entry = next(f for f in manifest["figures"] if f["id"] == fig_id)
    assert entry["slide_text_pt"] >= 14.0


def test_arms_placed_by_a_row_are_ranked_once(views: dict[str, View]) -> None:
    """Phase 2's four arms are one row: one rank=same group for them, not two."""
    text = build_dot(views["mij821-phase2-workflow"], SLIDE, LIGHT, rankdir="TB")
    groups = re.findall(r"\{ rank=same; [^}]*\}", text)
    assert len(groups) == len(set(groups)) == 3


@needs_dot
@pytest.mark.parametrize("fig_id", ["mgs0039-ketamine-signaling", "esketamine-mechanism",
                                    "mij821-preclinical-workflow", "esketamine-trial-workflow"])
def test_no_edge_runs_through_a_compartment_label(views: dict[str, View], fig_id: str) -> None:
    """Laid out as drawn (`neato -n2`), no edge passes through a cluster's label: where one did
    at the top left, the label moved to another corner or wrapped."""
    laid = layout_view(views[fig_id], SLIDE, LIGHT)
    drawn = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    assert label_crossings(drawn) == {}


@needs_dot
def test_label_crossings_sees_an_edge_through_a_label() -> None:
    """Edges entering a cluster from above run through a long label at its top left (as
    ketamine's edge into the interneuron did); with the label at the bottom, none does."""
    source = ('digraph { a -> b; subgraph cluster_0 { id="f-cluster-0"; '
              'label="A very long compartment name here"; labeljust=l; b; c; } a -> c; }')
    crossings = label_crossings(json.loads(run_graphviz(source, fmt="json")))
    assert crossings == {0: 2}
    moved = source.replace("labeljust=l;", "labelloc=b; labeljust=l;")
    assert label_crossings(json.loads(run_graphviz(moved, fmt="json"))) == {}


def test_details_narrow_to_their_row_only_when_asked(views: dict[str, View]) -> None:
    """'Compound of interest' under 'Treatment' wraps to the title's width in the narrowed
    variant (its row has three-line nodes anyway) and stays one line as written."""
    view = views["mij821-preclinical-workflow"]
    written = build_dot(view, SLIDE, LIGHT, rankdir="TB")
    narrowed = build_dot(view, SLIDE, LIGHT, rankdir="TB", narrow=True)
    assert ">Compound of interest<" in written
    assert ">Compound of<" in narrowed and ">interest<" in narrowed
    # A row's tallest node keeps its details as written.
    assert ">e.g. 0.05 Hz pulses<" in narrowed
    assert build_dot(view, SLIDE, LIGHT, rankdir="LR", narrow=True) == \
        build_dot(view, SLIDE, LIGHT, rankdir="LR")


@needs_dot
def test_narrowed_details_make_the_preclinical_workflow_narrower(views: dict[str, View]) -> None:
    view = views["mij821-preclinical-workflow"]
    widths = []
    for narrow in (False, True):
        text = build_dot(view, SLIDE, LIGHT, rankdir="TB", narrow=narrow)
        data = json.loads(run_graphviz(text, fmt="json"))
        widths.append(float(data["bb"].split(",")[2]))
    assert widths[1] < widths[0] - 80  # about one node narrower


# Figure id -> crossings a figure's data cannot avoid: Randomisation's arrows to the phase 2
# trial's placebo and ketamine arms cross as they leave it (with the arms in the order the trial
# lists them; the other way round, their arrows into the 24 h result crossed, up to 3 there).
KNOWN_CROSSINGS: dict[str, int] = {"mij821-phase2-workflow": 1}
# Figure id -> arrows into one node crossing on their way there, which a figure may have where
# a dashed link needed room to show its dashes (`layout.short_broken_links`).
KNOWN_FAN_IN: dict[str, int] = {}


@needs_dot
@pytest.mark.parametrize("fig_id", CATALOG)
def test_edges_do_not_cross(views: dict[str, View], fig_id: str) -> None:
    """As drawn, no two edges cross (the social defeat figure's tissue analysis sits left of the
    behavioural tests so its edge no longer cuts across the arms'; NR2B's CaMKII sits right of
    LTP, under the calcium route, so the subunit's edge to it no longer cuts across the
    receptor's), but for any noted."""
    laid = layout_view(views[fig_id], SLIDE, LIGHT, directions=("TB", "LR"))
    drawn = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    assert edge_crossings(drawn, fan_in=False) <= KNOWN_CROSSINGS.get(fig_id, 0)
    assert edge_crossings(drawn) <= KNOWN_CROSSINGS.get(fig_id, 0) + KNOWN_FAN_IN.get(fig_id, 0)


@needs_dot
def test_a_label_no_corner_clears_is_drawn_over_the_edges() -> None:
    """A compartment as narrow as its one receptor, fed from above by two drugs and feeding two
    outputs below: its label is as wide as its box, so an edge crosses it at every corner; the
    label is then a plate in the compartment's fill, drawn after the edges, and the compartment
    itself carries no text."""
    view = View("plate", "mechanism",
                nodes=(ViewNode("a", "Drug A", "compound"), ViewNode("b", "Drug B", "compound"),
                       ViewNode("n", "NMDA", "receptor", "inter"),
                       ViewNode("c", "Output C", "process"), ViewNode("d", "Output D", "process")),
                edges=(ViewEdge("a", "n", "-", "stated"), ViewEdge("b", "n", "-", "stated"),
                       ViewEdge("n", "c", "+", "stated"), ViewEdge("n", "d", "+", "stated")),
                compartments=(("inter", "GABAergic interneuron"),), rankdir="TB")
    laid = layout_view(view, SLIDE, LIGHT, directions=("TB", "LR"))
    drawn = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    assert label_crossings(drawn) == {}
    plates = [o for o in drawn["objects"] if re.search(r"-cluster-\d+-label$", o.get("id", ""))]
    assert any("GABAergic interneuron" in _words(o["label"]) for o in plates)
    assert all(f'BGCOLOR="{LIGHT.cluster_fill}"' in o["label"] for o in plates)
    svg = run_graphviz(laid.positioned, engine="neato", fmt="svg", args=("-n2",)).decode()
    svg = svg.replace("&#45;", "-")
    plate = svg.index(f'id="{plates[0]["id"]}"')
    assert svg.rindex('class="edge"') < plate
    clusters = [o for o in drawn["objects"] if o.get("name", "").startswith("cluster")]
    assert not any("GABAergic interneuron" in _words(o.get("label", "")) for o in clusters)


def _words(label: str) -> str:
    """A label's text without its markup, one space between words (a wrapped label too)."""
    return " ".join(re.sub(r"<[^>]*>", " ", label).split())


# --- the search's batches: a candidate Graphviz cannot lay out, and the candidates refined ---

def _chain(length: int, rankdir: str = "TB") -> str:
    """A plain DOT chain of `length` labelled boxes."""
    nodes = "".join(f'  n{i} [shape=box, label="step number {i}"];\n' for i in range(length))
    edges = "".join(f"  n{i} -> n{i + 1};\n" for i in range(length - 1))
    return f"digraph g {{\n  rankdir={rankdir};\n  node [fontsize=10];\n{nodes}{edges}}}\n"


@needs_dot
def test_a_candidate_graphviz_cannot_lay_out_is_dropped_and_the_others_laid_out_at_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One broken candidate among good ones: it comes back as its error, the others laid out,
    all in the one batch of runs (no candidate-by-candidate second pass)."""
    import pathways.layout as lay
    from pathways.errors import RenderError

    batches: list[int] = []
    real = lay.run_each
    monkeypatch.setattr(lay, "run_each", lambda jobs, label:
                        batches.append(len(jobs)) or real(jobs, label))
    texts = [_chain(3), "digraph broken { a -> ; }\n", _chain(4, "LR")]
    builds = [lambda text=text, **_: text for text in texts]
    figures, measures = lay._laid_out(builds, "test figure")
    assert measures == []
    assert isinstance(figures[1], RenderError) and "test figure" in str(figures[1])
    for i in (0, 2):
        text, laid = figures[i]  # type: ignore[misc]
        assert text == texts[i] and json.loads(laid["json"])["objects"]
    assert batches == [3]


@needs_dot
def test_many_candidates_refine_only_the_promising_ones() -> None:
    """Beyond REFINED_ALL candidates, those as written and the PROMISING whose bare drawing
    shows its text largest go on to be refined; up to REFINED_ALL, every one does."""
    from types import SimpleNamespace

    import pathways.layout as lay
    from pathways.render import run_each

    lengths = [9, 2, 8, 3, 7, 4, 6, 5, 9, 8, 7, 6, 5, 4, 3, 2]
    texts = [_chain(n) for n in lengths]
    first = run_each([(t, ("dot", "json")) for t in texts], "chains")
    orders = [(i, "TB", "as written" if i == 0 else "snaked") for i in range(len(texts))]
    view = SimpleNamespace(rows=(), rankdir="")
    chosen = lay._promising(view, SLIDE, orders, texts, first)  # type: ignore[arg-type]
    assert len(texts) > lay.REFINED_ALL and len(chosen) == lay.PROMISING + 1
    assert 0 in chosen  # the arrangement as written, however small
    # On a wide slide a short chain is shown largest: the shortest ones win, the first of
    # equals first.
    shortest = sorted(range(1, len(texts)), key=lambda i: (lengths[i], i))[:lay.PROMISING]
    assert chosen - {0} == set(shortest)
    few = lay._promising(view, SLIDE, orders[:lay.REFINED_ALL], texts[:lay.REFINED_ALL],
                         first[:lay.REFINED_ALL])  # type: ignore[arg-type]
    assert few == set(range(lay.REFINED_ALL))


@needs_dot
def test_a_render_view_refines_a_few_of_its_many_candidates(
        dataset: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """`render ketamine` is tried in dozens of arrangements; only the promising few have their
    compartment labels moved and are laid out again (each several more Graphviz runs)."""
    import pathways.layout as lay
    from pathways.views import compounds_view

    refined: list[int] = []
    real = lay._corner_steps
    monkeypatch.setattr(lay, "_corner_steps", lambda *a: refined.append(1) or real(*a))
    promising: list[tuple[int, int, int]] = []  # candidates, refined, as written
    choose = lay._promising
    monkeypatch.setattr(lay, "_promising", lambda *a: (promising.append(
        (len(a[-1]), len(r := choose(*a)), sum(lay._as_written(o[2]) for o in a[2]))) or r))
    view = compounds_view(merge(dataset), ["ketamine"], "ketamine")
    laid = layout_view(view, SLIDE, LIGHT)
    assert laid.width > 0 and promising
    assert any(count > lay.REFINED_ALL for count, _, _ in promising)
    assert sum(refined) == sum(kept for _, kept, _ in promising)
    assert all(kept <= lay.PROMISING + written
               for count, kept, written in promising if count > lay.REFINED_ALL)
    assert sum(refined) < sum(count for count, _, _ in promising) / 2


def _edge(edge_id: str, points: list[list[float]], label_at: tuple[float, float] | None = None
          ) -> dict:
    """A laid-out edge as Graphviz JSON has it: a straight cubic Bézier, and a one-line label
    (10 pt, 60 pt wide, centred at `label_at`)."""
    edge: dict = {"id": edge_id, "_draw_": [{"op": "b", "points": points}]}
    if label_at is not None:
        edge["_ldraw_"] = [{"op": "F", "size": 10.0},
                           {"op": "T", "pt": list(label_at), "align": "c", "width": 60.0}]
    return edge


def test_an_edge_label_another_edge_runs_through_moves_beside_its_own_edge() -> None:
    from pathways.layout import labels_to_edges

    # A horizontal edge with its label just above it; a vertical edge crossing the label's
    # text (but not the labelled edge's own stretch of the figure) is the only other line.
    own = _edge("own", [[0, 100], [100, 100], [200, 100], [300, 100]], label_at=(150, 106))
    across = _edge("across", [[150, 300], [150, 250], [150, 150], [150, 110]])
    data = {"bb": "0,0,300,300", "objects": [], "edges": [own, across]}
    moved = labels_to_edges(data)
    assert set(moved) == {"own"}
    dx, dy = moved["own"]
    # Now beside its own edge (within FAR_LABEL) and clear of the crossing one.
    x, y = 150 + dx, 106 + dy
    assert abs(y - 100) <= 24 + 10
    assert x + 30 < 150 or x - 30 > 150 or y + 10 < 110  # the crossing line: x 150, y >= 110
    # Untouched where nothing crosses it.
    assert labels_to_edges({"bb": "0,0,300,300", "objects": [], "edges": [own]}) == {}
    # A line that ends short of the text, between two of its sampled points, is no crossing.
    short = _edge("short", [[150, 300], [150, 250], [150, 200], [150, 140]])
    assert labels_to_edges({"bb": "0,0,300,300", "objects": [], "edges": [own, short]}) == {}


def test_a_dashed_or_dotted_link_too_short_to_show_its_pattern_is_found() -> None:
    from pathways.layout import SHORT_BROKEN, short_broken_links

    def link(edge_id: str, length: float, style: str | None) -> dict:
        edge = _edge(edge_id, [[0, 0], [length / 3, 0], [2 * length / 3, 0], [length, 0]])
        return {**edge, **({"style": style} if style else {})}

    edges = [link("dashed-short", 8.5, "dashed"), link("dotted-short", SHORT_BROKEN - 0.5,
                                                        "dotted"),
             link("dashed-long", SHORT_BROKEN + 0.5, "dashed"), link("solid-short", 4.0, None),
             link("invisible", 2.0, "invis")]
    assert short_broken_links({"objects": [], "edges": edges}) == ["dashed-short",
                                                                    "dotted-short"]


@needs_dot
def test_a_relayout_for_dashed_links_is_not_kept_where_it_brings_text_under_the_floor(
        views: dict[str, View], monkeypatch: pytest.MonkeyPatch) -> None:
    """The relayout that gives short dashed links room is dropped where the drawing it makes
    shows its text under the preset's floor: here one four times as far apart as laid out."""
    import pathways.layout as lay

    view = views["mij821-preclinical-workflow"]
    asked: list[str] = []

    def spread(laid: tuple[str, dict], label: str) -> Iterator[tuple[str, dict]]:
        asked.append(label)
        text = re.sub(r'nodesep="[\d.]+"', 'nodesep="4"', laid[0], count=1)
        (again,) = lay.run_each([(text, ("dot", "json"))], label)
        yield text, again

    monkeypatch.setattr(lay, "_shown_broken", spread)
    laid = layout_view(view, SLIDE, LIGHT)
    assert asked
    monkeypatch.setattr(lay, "_shown_broken", lambda laid, label: iter(()))
    as_chosen = layout_view(view, SLIDE, LIGHT)  # no relayout at all
    assert laid.positioned == as_chosen.positioned
    assert (laid.width, laid.height) == (as_chosen.width, as_chosen.height)


@needs_dot
def test_a_hypothesised_link_gets_room_for_its_dashes_where_both_cannot(
        views: dict[str, View]) -> None:
    """In one column, `mij821-phase2-workflow`'s two hypothesised links between its results were
    4 pt long, drawn as solid as the stated ones: room for both took the text to 5.96 pt,
    under the 6 pt floor, so neither got it. Room for one keeps the floor and shows its dashes."""
    from pathways.figures import printed_text
    from pathways.layout import SHORT_BROKEN, short_broken_links

    column = PRESETS["column"]
    laid = layout_view(views["mij821-phase2-workflow"], column, LIGHT)
    drawn = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    dashed = [e["id"] for e in drawn["edges"] if e.get("style") == "dashed"]
    assert len(dashed) == 2  # 24 h -> 48 h, 48 h -> repeated infusions
    assert len(short_broken_links(drawn)) == 1 and SHORT_BROKEN > 4
    assert printed_text(laid, column, "phase 2") >= column.floor


def test_lengthened_gives_only_the_links_named_more_room() -> None:
    from pathways.layout import lengthened

    text = ('digraph "w" {\n  a -> b [id="w-edge-a-b", style="dashed"];\n'
            '  a -> bc [id="w-edge-a-bc", style="dashed"];\n  b -> c [style=invis];\n}\n')
    assert lengthened(text, ["w-edge-a-b"]) == text.replace(
        'a -> b [id', 'a -> b [minlen="2", id', 1)
    assert lengthened(text, []) == text


def test_arrows_crossing_on_their_way_into_one_node_can_be_left_out_of_the_count() -> None:
    from pathways.layout import edge_crossings

    # Two arrows from the top corners into a node at the bottom middle, crossing above it on
    # the way (each curls past the other's side), and a third line between unrelated nodes.
    objects = [{"_gvid": i, "pos": pos, "width": "0.3", "height": "0.3"}
               for i, pos in enumerate(("0,300", "300,300", "150,0", "0,150", "300,150"))]
    left = {**_edge("a", [[0, 300], [300, 200], [300, 100], [150, 20]]), "tail": 0, "head": 2}
    right = {**_edge("b", [[300, 300], [0, 200], [0, 100], [150, 20]]), "tail": 1, "head": 2}
    data = {"objects": objects, "edges": [left, right]}
    assert edge_crossings(data) == 1
    assert edge_crossings(data, fan_in=False) == 0
    across = {**_edge("c", [[0, 150], [100, 150], [200, 150], [300, 150]]), "tail": 3,
              "head": 4}
    both = {"objects": objects, "edges": [left, right, across]}
    assert edge_crossings(both) == 3 and edge_crossings(both, fan_in=False) == 2
    # An edge written backwards (`dir=back`: a row read right to left) points at its written
    # tail. Written into node 2 but pointing out of it, it is no fan-in with an arrow into 2,
    # and counts; written out of node 2 but pointing into it, it is one, and does not.
    out_of = {**right, "dir": "back"}  # written 1 -> 2, the arrow at 1
    assert edge_crossings({"objects": objects, "edges": [left, out_of]}, fan_in=False) == 1
    into = {**right, "tail": 2, "head": 1, "dir": "back"}  # written 2 -> 1, the arrow at 2
    assert edge_crossings({"objects": objects, "edges": [left, into]}, fan_in=False) == 0


# The mTOR cascade, boxed in one compartment for the test (no document places these): in
# `render --around downstream_signalling --depth 1`, boxed, two edge labels are struck where
# they cannot move. (`--around mtor`, boxed, had one until a wrapped label's lead ended its
# line: "implied:" over "crucial for regulating".)
CASCADE = ("downstream_signalling", "mtor", "protein_synthesis", "synaptogenesis")


def _boxed(view: View) -> View:
    from dataclasses import replace

    nodes = tuple(replace(n, compartment="cell") if n.id in CASCADE else n for n in view.nodes)
    return replace(view, nodes=nodes, compartments=(*view.compartments, ("cell", "Cell")))


@needs_dot
@pytest.mark.parametrize(("centre", "boxed", "plate", "fill"), [
    ("downstream_signalling", False,
     "downstream_signalling-edge-downstream_signalling-mtor-label", LIGHT.background),
    ("downstream_signalling", True,
     "downstream_signalling-edge-mtor-protein_synthesis-label", LIGHT.cluster_fill),
])
def test_an_edge_label_struck_where_it_cannot_move_is_a_plate_drawn_after_the_edges(
        dataset: Dataset, centre: str, boxed: bool, plate: str, fill: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`render --around NODE --depth 1`: a label with another edge through its text and no clear
    spot beside its own (short) edge becomes a plate in the background colour (in a
    compartment, the compartment's fill), drawn after every edge, so the line passes behind the
    words. (A drawing with no label struck may win instead, `_fewer_plated`: the drawing that
    would win without it is the one looked at here, as is one leaving a label over a node,
    `_nothing_hidden`. Unboxed, `--around mtor` had such a label until Mij821's hedged link to
    mTOR was drawn in it.)"""
    import pathways.layout
    from pathways.layout import struck_labels
    from pathways.views import around_view

    monkeypatch.setattr(pathways.layout, "_fewer_plated", lambda *args: args[-1])
    monkeypatch.setattr(pathways.layout, "_nothing_hidden", lambda *args: args[-1])

    view = around_view(merge(dataset), centre, 1, centre)
    view = _boxed(view) if boxed else view
    laid = layout_view(view, SLIDE, LIGHT)
    svg = run_graphviz(laid.positioned, engine="neato", fmt="svg", args=("-n2",)).decode()
    svg = svg.replace("&#45;", "-")
    last_edge = svg.rindex('class="edge"')
    plates = re.findall(rf'id="({centre}-edge-[^"]+-label)"', svg)
    assert plate in plates
    for each in plates:
        assert svg.index(f'id="{each}"') > last_edge
    # Its colour a little see-through, so that the edge behind shows faintly and its route can
    # be followed: in the SVG, a fill-opacity of PLATE_ALPHA.
    from pathways.layout import PLATE_ALPHA
    seen = {LIGHT.background: "#FFFFFF", LIGHT.cluster_fill: LIGHT.cluster_fill}[fill]
    statement = laid.positioned.split(f'"{plate}" [', 1)[1].split("\n", 1)[0]
    assert f'BGCOLOR="{seen}{PLATE_ALPHA}"' in statement
    polygon = svg.split(f'id="{plate}"', 1)[1].split("<polygon", 1)[1].split("/>", 1)[0]
    opacity = float(re.search(r'fill-opacity="([\d.]+)"', polygon).group(1))
    assert opacity == pytest.approx(int(PLATE_ALPHA, 16) / 255, abs=0.01) and 0.7 < opacity < 0.9
    assert "implied: crucial" in svg
    # Drawn again, no label is struck but those plated over the edges.
    drawn = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    assert set(struck_labels(drawn, {})) == set()  # their edges now carry no label text
    # A transparent figure has no colour to plate with: its labels stay with their edges.
    clear = layout_view(view, SLIDE, LIGHT, transparent=True)
    assert "-label" not in "".join(re.findall(r'id="[^"]*"', clear.positioned))


@needs_dot
def test_a_drawing_with_fewer_labels_over_other_edges_wins_at_somewhat_less_text(
        dataset: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """`render ketamine esketamine`: the largest drawing has four edge labels with an edge
    through them (plated, each edge hidden behind them); one with three, its text at least
    PLATE_TRADE_OTHER as large, is drawn instead. (`render ketamine mgs0039`, the README's
    example, was the case, with three against two, until labels closer than APART were moved
    apart: its largest drawing now has two. `render mij821 mgs0039` was, with four against
    three, until the receptor's link to its channel's opening was drawn.)"""
    import pathways.layout
    from pathways.layout import PLATE_TRADE_OTHER, shown_text
    from pathways.views import compounds_view

    view = compounds_view(merge(dataset), ["ketamine", "esketamine"], "km")
    laid = layout_view(view, SLIDE, LIGHT)
    with monkeypatch.context() as patch:
        patch.setattr(pathways.layout, "_fewer_plated", lambda *args: args[-1])
        largest = layout_view(view, SLIDE, LIGHT)

    def plates(layout: Any) -> list[str]:
        return re.findall(r'id="(km-edge-[^"]+-label)"', layout.positioned)

    assert len(plates(largest)) >= 3
    assert len(plates(laid)) < len(plates(largest))
    assert shown_text(laid, SLIDE) >= PLATE_TRADE_OTHER * shown_text(largest, SLIDE)
    assert shown_text(laid, SLIDE) < shown_text(largest, SLIDE)


def _labels_struck_by_other_edges(positioned: str) -> dict[str, float]:
    """The edges, by id, whose label text (beside the edge, or drawn as a plate) another edge
    runs through in a laid-out graph, as drawn (`neato -n2`), each with how much of its own line
    a plate of the label set on it would leave in view: such a label seems to name the edge
    through it."""
    from pathways.layout import _boxed, _curves, _lines_struck, _text_box, plate_box

    data = json.loads(run_graphviz(positioned, engine="neato", fmt="json", args=("-n2",)))
    curves = _curves(data)
    labels = {e["id"]: e["_ldraw_"] for e in data.get("edges", []) if e.get("_ldraw_")}
    labels.update({o["id"].removesuffix("-label"): o.get("_ldraw_", [])
                   for o in data.get("objects", [])
                   if "-edge-" in o.get("id", "") and o["id"].endswith("-label")})
    struck = {}
    for edge, ops in sorted(labels.items()):
        if _lines_struck(ops, (0.0, 0.0), _boxed(c for k, c in curves.items() if k != edge)):
            x0, _, x1, _ = plate_box(_text_box(ops))
            line = sum(math.dist(a, b) for a, b in itertools.pairwise(curves[edge]))
            struck[edge] = line - (x1 - x0)
    return struck


@needs_dot
@pytest.mark.parametrize("preset", ["slide", "column", "full"])
def test_no_edge_runs_through_another_edge_s_label_in_the_catalog(
        preset: str, views: dict[str, View]) -> None:
    """A label over another edge seems to name that edge; one set on its own edge, as a plate,
    hides the line behind it. A label stays over another edge only where its own is too short
    to show SHOWN points past it, so that whether the link is dotted or dashed would be lost:
    "synapse formation and maturation" (scaffolding molecules -> synaptogenesis, dotted) in
    nr2b-synaptic-plasticity on slides and at full width, the end of the NR2B subunit's edge
    into synaptogenesis passing behind it. Set on its own edge before, it left 3 pt of it."""
    from pathways.layout import SHOWN

    for fid, view in views.items():
        struck = _labels_struck_by_other_edges(
            layout_view(view, PRESETS[preset], THEMES["light"]).positioned)
        assert all(room < SHOWN for room in struck.values()), (fid, struck)


@needs_dot
@pytest.mark.parametrize("preset", ["column", "full"])
def test_an_edge_brought_in_at_a_compartment_s_side_does_not_run_along_its_border(
        preset: str, views: dict[str, View]) -> None:
    # In one column and at full width, the GABAergic interneuron's label spans its box, so
    # ketamine's edge comes in at the NMDA receptor's side: with the box's usual 8 pt margin it
    # ran down the border, on top of its line, its T-bar squeezed in askew.
    from pathways.layout import spline_points

    laid = layout_view(views["mgs0039-ketamine-signaling"], PRESETS[preset], THEMES["light"])
    data = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    (edge,) = [e for e in data["edges"] if e.get("id", "").endswith("-ketamine-nmda_receptor")]
    box = next(tuple(float(v) for v in o["bb"].split(",")) for o in data["objects"]
               if o.get("name", "").startswith("cluster") and "GABAergic" in o.get("label", ""))
    points = [p for op in edge["_draw_"] if op["op"] in "bB" for p in spline_points(op["points"])]
    on_border = [(x, y) for x, y in points if box[1] - 2 <= y <= box[3] + 2
                 and min(abs(x - box[0]), abs(x - box[2])) <= 2.0]
    assert len(on_border) <= 2, on_border


def _flat(edge_id: str, a: tuple[float, float], b: tuple[float, float],
          label: tuple[float, float] | None = None, width: float = 60.0) -> dict[str, Any]:
    """A straight edge a -> b as Graphviz's JSON gives it, its label's text centred at `label`."""
    (ax, ay), (bx, by) = a, b
    points = [[ax + (bx - ax) * t / 3, ay + (by - ay) * t / 3] for t in range(4)]
    edge: dict[str, Any] = {"id": edge_id, "_draw_": [{"op": "b", "points": points}]}
    if label is not None:
        edge["_ldraw_"] = [{"op": "F", "size": 14.0, "face": "Liberation Sans",
                            "color": "#000000"},
                           {"op": "T", "pt": list(label), "align": "c", "width": width,
                            "text": "label"}]
    return edge


def _hemmed(own: dict[str, Any], other: dict[str, Any], ends: tuple[int, int]
            ) -> dict[str, Any]:
    """Graphviz's JSON of `own` and `other` between nodes at x `ends` (y 100), rows of nodes
    15 pt above and below the edge hemming it in, so no spot beside it is clear."""
    hem = [(x, y) for x in range(100, 330, 36) for y in (78, 122)]
    return {"bb": "0,0,400,200", "edges": [own, other],
            "objects": [{"pos": f"{x},{y}", "width": "0.5", "height": "0.2"}
                        for x, y in [(ends[0], 100), (ends[1], 100), *hem]]}


def test_a_label_with_no_room_beside_its_edge_goes_onto_it_not_onto_another() -> None:
    """Crossed by another edge, with every spot beside its own edge taken, a label is moved onto
    its own edge (then plated over it), where nothing else is."""
    from pathways.layout import labels_to_edges

    # Its edge runs across at y 100 between nodes at x 60 and 340; another edge runs down
    # through its text at x 200; rows of nodes 15 pt above and below the edge hem it in.
    own = _flat("own", (100.0, 100.0), (300.0, 100.0), label=(200.0, 120.0))
    other = _flat("other", (200.0, 60.0), (200.0, 140.0))
    moved = labels_to_edges(_hemmed(own, other, (60, 340)))
    assert set(moved) == {"own"}
    dx, dy = moved["own"]
    x, y = 200.0 + dx, 120.0 + dy + 14.0 * 0.35  # the text box's centre, moved
    assert abs(y - 100.0) < 1.0  # on its own edge
    assert abs(x - 200.0) > 30.0  # clear of the other edge


@needs_dot
@pytest.mark.parametrize("fig_id", CATALOG)
def test_every_slide_label_reads_as_its_own_links(views: dict[str, View], fig_id: str) -> None:
    """As drawn on a slide, no label lies nearer another link than its own (`misleading_labels`,
    held to CLEARLY). `mij821-proposed-pathway` left Mij821's "NAM: allosteric site ..." (five
    lines) between its two diagonal links, nearer the other one: every box set squarely beside
    a diagonal line, taller than the gap, is crossed by it. It now sits with a corner at its own
    link, on the side away from the other."""
    laid = layout_view(views[fig_id], SLIDE, LIGHT)
    drawn = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    assert misleading_labels(drawn, {}) == 0


@needs_dot
@pytest.mark.parametrize("preset", ["slide", "column", "full"])
@pytest.mark.parametrize("fig_id", CATALOG)
def test_no_two_labels_of_a_catalog_figure_read_as_one(views: dict[str, View], fig_id: str,
                                                       preset: str) -> None:
    """As drawn in each preset, no edge label lies over or within APART points of another's
    (`crowded_labels`). On the slide, `esketamine-mechanism` had set "non-selective,
    non-competitive" 1 pt above "block on GABAergic interneurons", each label of its own link,
    no clear spot beside either's link: it read as one four-line label. A drawing that leaves
    two labels so is now weighed as one that leaves a label nearer another edge."""
    from pathways.layout import crowded_labels

    laid = layout_view(views[fig_id], PRESETS[preset], LIGHT)
    drawn = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    assert crowded_labels(drawn, {}) == 0


def test_a_label_dot_set_over_another_label_is_moved_off_it() -> None:
    """dot set Mij821's "conformational change" half over its "NAM: allosteric site ..." in
    `render --around bdnf --depth 2`: both plated, one plate hid "confor". A label over
    another edge's label is moved beside its own edge, clear of the other."""
    from pathways.layout import _on_any, _text_box, labels_to_edges

    # Two edges fanning out from (200, 200), each label 60 pt wide at y 150, 30 pt apart:
    # half of each over the other.
    one = _flat("one", (200.0, 200.0), (100.0, 100.0), label=(185.0, 150.0))
    two = _flat("two", (200.0, 200.0), (300.0, 100.0), label=(215.0, 150.0))
    data = {"bb": "0,0,400,300", "edges": [one, two],
            "objects": [{"pos": f"{x},{y}", "width": "0.5", "height": "0.2"}
                        for x, y in ((200, 210), (100, 90), (300, 90))]}
    boxes = {e["id"]: _text_box(e["_ldraw_"]) for e in (one, two)}
    assert _on_any(boxes["one"], [boxes["two"]])  # as dot left them
    moved = labels_to_edges(data)
    assert moved
    after = {i: (b[0] + moved.get(i, (0, 0))[0], b[1] + moved.get(i, (0, 0))[1],
                 b[2] + moved.get(i, (0, 0))[0], b[3] + moved.get(i, (0, 0))[1])
             for i, b in boxes.items() if b is not None}
    assert not _on_any(after["one"], [after["two"]])


def test_a_label_across_a_compartment_border_is_moved_into_it_where_there_is_room() -> None:
    """A label dot sets across a compartment's border (`render mgs0039` ran "autoreceptor
    brake" out of the presynaptic terminal) reads as neither inside nor out: it is moved
    beside its edge wholly inside (or outside) the compartment, where a spot is clear."""
    from pathways.layout import _across_border, _text_box, labels_to_edges

    # An edge down x 150 inside a compartment (0..300 x 0..200); its 120 pt label centred at
    # x 250 runs 10 pt past the compartment's right side.
    own = _flat("own", (150.0, 150.0), (150.0, 50.0), label=(250.0, 100.0), width=120.0)
    cluster = (0.0, 0.0, 300.0, 200.0)
    data = {"bb": "0,0,400,260", "edges": [own],
            "objects": [{"name": "cluster_0", "bb": ",".join(map(str, cluster))},
                        *({"pos": f"150,{y}", "width": "0.5", "height": "0.2"}
                          for y in (160, 40))]}
    box = _text_box(own["_ldraw_"])
    assert box is not None and _across_border(box, [cluster])
    moved = labels_to_edges(data)
    dx, dy = moved["own"]
    after = (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
    assert not _across_border(after, [cluster]) and after[2] <= cluster[2]
    assert not _across_border(after, []) and not _across_border((310.0, 0.0, 350.0, 20.0),
                                                                  [cluster])


def test_two_labels_set_close_enough_to_read_as_one_are_moved_apart() -> None:
    """`render ketamine mgs0039 --highlight ampa_receptor` set "more than placebo" and "less
    selective action", of two links out of ketamine, 7 pt apart on one line: one phrase to a
    reader. Labels closer than APART are moved apart, each beside its own edge."""
    from pathways.layout import APART, _text_box, labels_to_edges

    # Two edges down x 100 and x 340; their 100 pt labels at one height, 6 pt apart, the first
    # 20 pt right of its edge, the second 14 pt left of its own.
    one = _flat("one", (100.0, 200.0), (100.0, 100.0), label=(170.0, 150.0), width=100.0)
    two = _flat("two", (340.0, 200.0), (340.0, 100.0), label=(276.0, 150.0), width=100.0)
    data = {"bb": "0,0,440,300", "edges": [one, two],
            "objects": [{"pos": f"{x},{y}", "width": "0.5", "height": "0.2"}
                        for x in (100, 340) for y in (210, 90)]}
    moved = labels_to_edges(data)
    assert moved
    boxes = []
    for edge in (one, two):
        box = _text_box(edge["_ldraw_"])
        assert box is not None
        dx, dy = moved.get(edge["id"], (0.0, 0.0))
        boxes.append((box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy))
    (a0, a1, a2, a3), (b0, b1, b2, b3) = boxes
    assert max(b0 - a2, a0 - b2, b1 - a3, a1 - b3) >= APART  # apart one way or the other


def test_a_label_is_not_set_on_an_edge_too_short_to_show_past_it() -> None:
    """The nr2b figure at full width: a label set on its own short edge hid all of it but the
    arrowhead, so no one could see the edge was dotted (hedged). A label is set on its own edge
    only where SHOWN points of the line stay in view; else it stays where it was."""
    from pathways.layout import SHOWN, labels_to_edges

    # As the test above, but the edge is 60 pt long under a 60 pt label, and the other edge
    # strikes the label only: on its edge the label would be clear of it, the line hidden.
    own = _flat("own", (170.0, 100.0), (230.0, 100.0), label=(200.0, 125.0))
    other = _flat("other", (200.0, 118.0), (200.0, 170.0))
    assert SHOWN > 0.3 * 60.0  # set a fifth of the way along, 18 pt of the line would show
    assert labels_to_edges(_hemmed(own, other, (130, 270))) == {}


def test_a_label_graphviz_sets_on_its_own_short_edge_is_moved_beside_it() -> None:
    """dot sets the label of a link between two nodes side by side in a row on the link itself:
    drawn as a plate, it would hide the line. It is moved beside it, where there is room."""
    from pathways.layout import labels_to_edges, struck_labels

    own = _flat("own", (160.0, 100.0), (240.0, 100.0), label=(200.0, 100.0 - 14.0 * 0.35))
    data = {"bb": "0,0,400,200", "edges": [own],
            "objects": [{"pos": f"{x},100", "width": "0.5", "height": "0.2"} for x in (120, 280)]}
    assert struck_labels(data, {}) == {"own": False}  # where dot put it: on its line
    moved = labels_to_edges(data)
    assert set(moved) == {"own"}
    assert struck_labels(data, moved) == {}  # beside it, the line in view



def test_a_label_nearer_another_edge_than_its_own_is_moved_to_its_own() -> None:
    """In one column, MGS0039's affinities sat 10 pt from its edge to serotonin and 30 pt from
    their own edge, as if they were serotonin's. A label another edge comes nearer to (by more
    than NEARER points) is moved beside its own edge, to a spot where its own is the nearest;
    so is one about as near both, which reads as either's (`ketamine-signaling` set
    "expression", of the link into BDNF, 15.7 pt from it and from the link into mTOR)."""
    from pathways.layout import (
        CLEARLY,
        NEARER,
        _gap,
        _text_box,
        labels_to_edges,
        spline_points,
    )

    def gaps(edge: dict[str, Any], shift: tuple[float, float], *others: dict[str, Any]
             ) -> list[float]:
        x0, y0, x1, y1 = _text_box(edge["_ldraw_"])  # type: ignore[misc]
        box = (x0 + shift[0], y0 + shift[1], x1 + shift[0], y1 + shift[1])
        return [_gap(box, spline_points(e["_draw_"][0]["points"])) for e in (edge, *others)]

    own = _flat("own", (100.0, 100.0), (300.0, 100.0), label=(200.0, 122.0))
    other = _flat("other", (100.0, 140.0), (300.0, 140.0))
    data = {"bb": "0,0,400,200", "edges": [own, other], "objects": []}
    mine, theirs = gaps(own, (0.0, 0.0), other)
    assert theirs < mine - NEARER and mine < 24.0  # near enough its own to stay, but misleading
    moved = labels_to_edges(data)
    assert set(moved) == {"own"}
    mine, theirs = gaps(own, moved["own"], other)
    assert mine < theirs - NEARER and mine <= 24.0

    # Halfway between the two, it names neither more than the other: moved beside its own,
    # where the other is plainly farther. Near its own, it stays.
    level = _flat("own", (100.0, 100.0), (300.0, 100.0), label=(200.0, 115.0))
    mine, theirs = gaps(level, (0.0, 0.0), other)
    assert abs(mine - theirs) < NEARER
    moved = labels_to_edges({"bb": "0,0,400,200", "edges": [level, other], "objects": []})
    assert set(moved) == {"own"}
    mine, theirs = gaps(level, moved["own"], other)
    assert theirs >= CLEARLY * mine
    near = _flat("own", (100.0, 100.0), (300.0, 100.0), label=(200.0, 104.0))
    assert labels_to_edges({"bb": "0,0,400,200", "edges": [near, other], "objects": []}) == {}

def test_no_catalog_label_hides_its_own_line(catalog: Path) -> None:
    """In every catalog figure, a label drawn as a plate over its own edge leaves SHOWN points
    of the line in view, so whether it is solid, dotted or dashed can be seen."""
    from pathways.layout import SHOWN, _shown, spline_points

    for svg_path in sorted(catalog.glob("*.svg")):
        svg = svg_path.read_text(encoding="utf-8").replace("&#45;", "-")
        for edge_id in re.findall(r'<g id="([^"]+-edge-[^"]+)-label" class="node">', svg):
            group = svg.split(f'<g id="{edge_id}" class="edge">', 1)[1].split("</g>\n</g>", 1)[0]
            numbers = [float(v) for v in re.findall(r"-?[\d.]+", re.search(
                r'<path fill="none"[^>]* d="([^"]+)"', group).group(1))]
            points = list(zip(numbers[::2], numbers[1::2], strict=True))
            curve = [p for i in range(0, len(points) - 1, 3)
                     for p in spline_points([list(q) for q in points[i:i + 4]])]
            plate = svg.split(f'<g id="{edge_id}-label" class="node">', 1)[1]
            xy = [float(v) for v in re.search(r'<polygon [^>]*points="([^"]+)"', plate)
                  .group(1).replace(",", " ").split()]
            box = (min(xy[::2]), min(xy[1::2]), max(xy[::2]), max(xy[1::2]))
            assert _shown(curve, box) >= SHOWN, (svg_path.name, edge_id, _shown(curve, box))


def test_a_label_its_own_edge_runs_through_is_plated_too() -> None:
    """An edge arcing over its own label (dot does it to a link between neighbours) strikes
    its text through: the label is drawn as a plate over it, as for another edge's."""
    from pathways.layout import struck_labels

    label = [{"op": "F", "size": 14.0, "face": "Liberation Sans", "color": "#000000"},
             {"op": "T", "pt": [100.0, 100.0], "align": "c", "width": 60.0, "text": "words"}]
    through = {"op": "b", "points": [[40.0, 104.0], [80.0, 104.0], [120.0, 104.0],
                                     [160.0, 104.0]]}
    beside = {"op": "b", "points": [[40.0, 130.0], [80.0, 130.0], [120.0, 130.0],
                                    [160.0, 130.0]]}
    edge = {"id": "e", "_ldraw_": label, "_draw_": [through]}
    assert struck_labels({"objects": [], "edges": [edge]}, {}) == {"e": False}
    assert struck_labels({"objects": [], "edges": [{**edge, "_draw_": [beside]}]}, {}) == {}
    # Moved off its line (`labels_to_edges`), it is struck no more.
    assert struck_labels({"objects": [], "edges": [edge]}, {"e": (0.0, 40.0)}) == {}


@needs_dot
def test_a_plated_label_hovers_with_its_scripts_in_unicode() -> None:
    """A plate's hover text is its label's words: "IC₅₀ 8 nM", not the "IC 50 8 nM" that
    stripping the label's tags left (read as two numbers), nor raw markup."""
    from pathways.layout import hover_words, plated_labels

    assert hover_words('K<SUB>i</SUB> 2.2 nM,<BR ALIGN="CENTER"/>Ca<SUP>2+</SUP> &amp; '
                       "K<SUB>p,uu</SUB>") == "Kᵢ 2.2 nM, Ca²⁺ & Kp,uu"
    source = ('digraph { a -> b [id="v-edge-a-b", label=<NAM<BR/>IC<SUB>50</SUB> 8 nM &amp; '
              "Ca<SUP>2+</SUP>>]; }")
    positioned = run_graphviz(source, fmt="dot").decode()
    plated = plated_labels(positioned, {"v-edge-a-b": False}, LIGHT)
    svg = run_graphviz(plated, engine="neato", fmt="svg", args=("-n2",)).decode()
    titles = re.findall(r'xlink:title="([^"]*)"', svg)
    assert "NAM IC₅₀ 8 nM &amp; Ca²⁺" in titles
    assert not any("IC 50" in t or "_{" in t for t in titles)


def test_what_is_plated_is_what_the_choice_of_drawing_counted() -> None:
    """A label is plated where an edge runs through a line of its text, not through the room
    beside a short line: there the edge is drawn, not hidden behind a plate, and the drawings
    are weighed (`crossed_labels`) by the very labels that would be plated."""
    from pathways.layout import crossed_labels, struck_labels

    # Two lines, 120 and 20 pt wide, centred on x=100: the second leaves 50 pt either side.
    label = [{"op": "F", "size": 14.0, "face": "Liberation Sans", "color": "#000000"},
             {"op": "T", "pt": [100.0, 100.0], "align": "c", "width": 120.0, "text": "a long line"},
             {"op": "T", "pt": [100.0, 83.0], "align": "c", "width": 20.0, "text": "x"}]
    labelled = {"id": "e", "_ldraw_": label,
                "_draw_": [{"op": "b", "points": [[0.0, 0.0], [0.0, 10.0], [0.0, 20.0],
                                                  [0.0, 30.0]]}]}

    def other(x: float, y0: float, y1: float) -> dict:
        return {"id": "o", "_draw_": [{"op": "b", "points": [[x, y0], [x, (2 * y0 + y1) / 3],
                                                             [x, (y0 + 2 * y1) / 3], [x, y1]]}]}

    beside_short_line = {"objects": [], "edges": [labelled, other(60.0, 60.0, 90.0)]}
    through_long_line = {"objects": [], "edges": [labelled, other(60.0, 60.0, 130.0)]}
    assert struck_labels(beside_short_line, {}) == {}
    assert crossed_labels(beside_short_line, {}) == (0, 0)
    assert struck_labels(through_long_line, {}) == {"e": False}
    assert crossed_labels(through_long_line, {}) == (1, 1)


def test_a_moved_label_inside_a_compartment_moves_its_own_edge_s_label() -> None:
    """Graphviz writes an edge inside a cluster indented one tab more; the label shift must find
    that edge's statement, not the last edge written before the cluster."""
    from pathways.layout import moved_labels

    positioned = ('digraph g {\n\tgraph [bb="0,0,300,300"];\n'
                  '\tn1 -> n2\t[id="top", label="a", lp="10,10"];\n'
                  '\tsubgraph cluster_0 {\n\t\tgraph [bb="0,0,200,200"];\n'
                  '\t\tn3 -> n4\t[id="inside", label="b", lp="50,50"];\n\t}\n}\n')
    moved = moved_labels(positioned, {"inside": (5.0, -5.0)})
    assert 'id="inside", label="b", lp="55.00,45.00"' in moved
    assert 'id="top", label="a", lp="10,10"' in moved


def _crossings_pair_by_pair(data: dict) -> int:
    """`edge_crossings` the plain way: every segment of every edge against every segment of
    every other edge (each edge's segments away from its ends' boxes, as there)."""
    import itertools

    from pathways.layout import spline_points

    boxes = {}
    for obj in data["objects"]:
        x, y = (float(v) for v in obj["pos"].split(","))
        w, h = float(obj["width"]) * 36 + 12, float(obj["height"]) * 36 + 12
        boxes[obj["_gvid"]] = (x - w, y - h, x + w, y + h)

    def side(a: tuple, b: tuple, c: tuple) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    drawn = []
    for edge in data["edges"]:
        ends = [boxes[edge["tail"]], boxes[edge["head"]]]
        pts = [p for op in edge["_draw_"] for p in spline_points(op["points"])]
        away = [p for p in pts if not any(a <= p[0] <= c and b <= p[1] <= d
                                          for a, b, c, d in ends)]
        drawn.append(list(itertools.pairwise(away)))
    return sum(any(side(r, s, p) * side(r, s, q) < 0 and side(p, q, r) * side(p, q, s) < 0
                   for p, q in one for r, s in two)
               for one, two in itertools.combinations(drawn, 2))


@pytest.mark.parametrize("seed", range(30))
def test_edge_crossings_are_those_every_pair_of_segments_finds(seed: int) -> None:
    # Curves wandering over a small area, some touching at a point, some along a line, some
    # parallel, between nodes scattered over it: the skipped pairs never hide a crossing.
    import random

    rng = random.Random(seed)
    grid = [float(v) for v in range(0, 200, 20)]
    objects = [{"_gvid": i, "pos": f"{rng.choice(grid)},{rng.choice(grid)}",
                "width": "0.2", "height": "0.2"} for i in range(6)]
    edges = []
    for _ in range(rng.randint(2, 9)):
        points = [[rng.choice(grid) + rng.choice((0.0, rng.uniform(-30, 30))),
                   rng.choice(grid) + rng.choice((0.0, rng.uniform(-30, 30)))]
                  for _ in range(3 * rng.randint(1, 3) + 1)]
        edges.append({"tail": rng.randrange(6), "head": rng.randrange(6),
                      "_draw_": [{"op": "b", "points": points}]})
    data = {"objects": objects, "edges": edges}
    assert edge_crossings(data) == _crossings_pair_by_pair(data)


def test_spline_points_are_the_bezier_formula_point_by_point() -> None:
    import random

    from pathways.layout import spline_points

    rng = random.Random(7)
    for _ in range(200):
        points = [[rng.uniform(-1e4, 1e4), rng.uniform(-1e4, 1e4)]
                  for _ in range(3 * rng.randint(1, 5) + 1)]
        steps = rng.choice((5, 12))
        want = []
        for i in range(0, len(points) - 3, 3):
            (ax, ay), (bx, by), (cx, cy), (dx, dy) = points[i:i + 4]
            for k in range(steps + 1):
                s = k / steps
                u = 1 - s
                want.append((u ** 3 * ax + 3 * u * u * s * bx + 3 * u * s * s * cx + s ** 3 * dx,
                             u ** 3 * ay + 3 * u * u * s * by + 3 * u * s * s * cy + s ** 3 * dy))
        assert spline_points(points, steps) == want  # to the last bit


@pytest.mark.parametrize(("smaller", "kept"), [(0.95, 1), (0.85, 0)])
def test_fewer_labels_on_their_own_edges_win_at_a_tenth_less_text(smaller: float,
                                                                   kept: int) -> None:
    """Of two drawings whose plated labels all sit on their own edges, the one with fewer is
    drawn where its text is at least PLATE_TRADE as large, and not where it is smaller."""
    from pathways.layout import PAD, PLATE_TRADE, _fewer_plated, fit_scale

    assert 0.85 < PLATE_TRADE < 0.95
    area = SLIDE.area
    big = (area[0] - 2 * PAD, area[1] - 2 * PAD)  # fitted at scale 1
    small = ((big[0] + 2 * PAD) / smaller - 2 * PAD, (big[1] + 2 * PAD) / smaller - 2 * PAD)
    assert fit_scale(small[0] + 2 * PAD, small[1] + 2 * PAD, area) == pytest.approx(smaller)
    counts = {0: (0, 2), 1: (0, 1)}  # none over another edge; two, then one, on their own
    smallest = SLIDE.floor / 2  # under the floor either way: the floor does not decide
    chosen = (0, 0, ("", 0.0, 0.0, *big))
    got = _fewer_plated([0, 1], [big, small], [], lambda i: None, smallest, SLIDE,  # type: ignore[arg-type,return-value]
                        counts.__getitem__, chosen)
    assert got[0] == kept


def _polygon_points(group: str) -> list[list[tuple[float, float]]]:
    """The points of each filled polygon (arrowheads) of an SVG edge group."""
    return [[(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", pts)]
            for pts in re.findall(r'<polygon fill="#[0-9a-fA-F]+"[^>]* points="([^"]+)"', group)]


def test_an_inhibition_s_t_bar_is_wider_than_an_arrowhead(catalog: Path) -> None:
    """At Graphviz's arrow size the T-bar of ketamine's block on the NMDA receptor was 11 pt
    across, a stub against the node that readers took for an arrowhead's end; it is drawn at
    TEE_SIZE, twice as wide as the arrowhead of glutamate's link into the same receptor."""
    from pathways.dot import TEE_SIZE

    assert TEE_SIZE > 1
    svg = (catalog / "nr2b-synaptic-plasticity.svg").read_text(encoding="utf-8")
    svg = svg.replace("&#45;", "-")

    def widest(edge: str) -> float:
        group = svg.split(f'<g id="nr2b-synaptic-plasticity-edge-{edge}" class="edge">', 1)[1]
        group = group.split("</g>\n</g>", 1)[0]
        (points,) = _polygon_points(group)  # one arrowhead per edge
        return max(math.dist(a, b) for a, b in itertools.combinations(points, 2))

    bar, arrow = widest("mij821-nr2b_nmda_receptor"), widest("glutamate-nr2b_nmda_receptor")
    assert bar >= 15.0 and bar >= 1.4 * arrow


def test_a_legend_swatch_has_the_corners_of_its_nodes(views: dict[str, View]) -> None:
    """Processes are drawn as square-cornered boxes and receptors as rounded ones: so are their
    swatches in the legend (all had been rounded)."""
    from pathways.dot import legend_cells

    cells = [c for spec in ("ketamine-signaling", "mij821-first-in-human-workflow")
             for c in legend_cells(views[spec], SLIDE, LIGHT)]

    def swatch(name: str) -> str:
        (cell,) = [c for c in cells if f">{name}<" in c]
        return cell.split("</TD>", 1)[0]

    assert 'STYLE="rounded"' not in swatch("Cellular process")
    assert 'STYLE="rounded"' not in swatch("Procedure")
    assert 'STYLE="rounded"' in swatch("Receptor") and 'STYLE="rounded"' in swatch("Population")


def test_an_edge_grazing_a_node_it_does_not_join_is_counted() -> None:
    """An edge that runs along a node's outline seems to start or end there (`render ketamine`
    ran glutamate surge -> AMPA receptor 1 pt under the downstream cascades' box). Within
    GRAZE points of a box, or of an ellipse measured as an ellipse, counts; its own ends and
    an edge well clear do not."""
    from pathways.layout import GRAZE, grazing_edges

    def node(gvid: int, x: float, y: float, shape: str = "box") -> dict[str, Any]:
        return {"_gvid": gvid, "pos": f"{x},{y}", "width": "1", "height": "0.5", "shape": shape}

    # Nodes 36 pt wide either side of their centre, 18 pt high either side.
    tail, head = node(0, 0, 0), node(1, 400, 0)
    box_below = node(2, 200, -18 - GRAZE + 1)  # its top GRAZE - 1 points under the line
    edge = {**_flat("e", (36.0, 0.0), (364.0, 0.0)), "tail": 0, "head": 1}
    assert grazing_edges({"objects": [tail, head, box_below], "edges": [edge]}) == 1
    clear = node(2, 200, -18 - 3 * GRAZE)
    assert grazing_edges({"objects": [tail, head, clear], "edges": [edge]}) == 0
    # A line through the corner of a node's bounding box: a box's own corner, but clear of an
    # ellipse drawn in that box.
    slant = {**_flat("s", (134.0, -62.0), (194.0, 58.0)), "tail": 0, "head": 1}
    cornered = node(2, 200, -20)  # its box's top left corner at (164, -2), on the line
    assert grazing_edges({"objects": [tail, head, cornered], "edges": [slant]}) == 1
    oval = node(2, 200, -20, shape="ellipse")
    assert grazing_edges({"objects": [tail, head, oval], "edges": [slant]}) == 0
    # Through a node is counted too; an invisible node never.
    across = node(2, 200, 0)
    assert grazing_edges({"objects": [tail, head, across], "edges": [edge]}) == 1
    hidden = {**across, "style": "invis"}
    assert grazing_edges({"objects": [tail, head, hidden], "edges": [edge]}) == 0


def test_an_edge_through_another_edges_arrowhead_is_counted_as_grazing() -> None:
    """`render --around mtor --depth 1` ran the dashed link from the downstream cascades to
    synaptogenesis through the tip of mTOR's arrow into synaptic protein synthesis: the head
    seemed to end that link too. An edge within GRAZE points of another edge's arrowhead
    counts as grazing, unless it ends or starts at the node that head points into (heads into
    one node, and an edge leaving it, are spread apart by `heads.spread_heads`)."""
    from pathways.layout import GRAZE, grazing_edges

    def arrow(edge_id: str, a: tuple[float, float], b: tuple[float, float], head: int,
              tail: int) -> dict[str, Any]:
        (bx, by) = b
        tip = {"op": "P", "points": [[bx - 5, by + 10], [bx, by], [bx + 5, by + 10]]}
        return {**_flat(edge_id, a, (bx, by + 10)), "_hdraw_": [tip], "head": head,
                "tail": tail}

    into = arrow("into", (100.0, 200.0), (100.0, 100.0), head=1, tail=0)  # tip at (100, 100)
    passing = {**_flat("passing", (0.0, 105.0), (300.0, 105.0)), "tail": 2, "head": 3}
    assert grazing_edges({"objects": [], "edges": [into, passing]}) == 1
    clear = {**_flat("clear", (0.0, 130.0 + GRAZE), (80.0, 130.0 + GRAZE)), "tail": 2,
             "head": 3}
    assert grazing_edges({"objects": [], "edges": [into, clear]}) == 0
    # Ending or starting at the node the arrow points into is not grazing it.
    same_head = {**passing, "head": 1}
    leaving = {**passing, "tail": 1}
    assert grazing_edges({"objects": [], "edges": [into, same_head]}) == 0
    assert grazing_edges({"objects": [], "edges": [into, leaving]}) == 0


def _grazes_in_svg(svg: str) -> list[tuple[str, str, float]]:
    """(edge, node, points apart) for each edge of a built SVG that comes within GRAZE points of
    a node it does not join, measured on what the SVG draws (node outlines' boxes, edge paths
    sampled)."""
    import xml.etree.ElementTree as ET

    from pathways.layout import GRAZE, spline_points

    ns = "{http://www.w3.org/2000/svg}"
    root = ET.fromstring(svg.encode("utf-8"))
    nodes, edges = {}, []
    for g in root.iter(f"{ns}g"):
        gid = g.get("id", "")
        if g.get("class") == "node" and "-node-" in gid:
            coords = [float(v) for el in g.iter() if el.tag in (f"{ns}polygon", f"{ns}path")
                      for v in re.findall(r"-?[\d.]+", el.get("points") or el.get("d") or "")]
            for el in g.iter(f"{ns}ellipse"):
                cx, cy, rx, ry = (float(el.get(k, "0")) for k in ("cx", "cy", "rx", "ry"))
                coords += [cx - rx, cy - ry, cx + rx, cy + ry]
            if coords:
                xs, ys = coords[::2], coords[1::2]
                nodes[gid.split("-node-", 1)[1]] = (min(xs), min(ys), max(xs), max(ys))
        elif g.get("class") == "edge":
            path = next(g.iter(f"{ns}path"), None)
            if path is None:
                continue
            v = [float(x) for x in re.findall(r"-?[\d.]+", path.get("d", ""))]
            pts = list(zip(v[::2], v[1::2], strict=True))
            curve = [p for i in range(0, len(pts) - 3, 3)
                     for p in spline_points([list(q) for q in pts[i:i + 4]])]
            edges.append((gid.split("-edge-", 1)[1], curve))
    found = []
    for edge, curve in edges:
        for name, (a, b, c, d) in nodes.items():
            if edge.startswith(name + "-") or edge.endswith("-" + name):
                continue
            apart = min(math.hypot(max(a - x, 0, x - c), max(b - y, 0, y - d)) for x, y in curve)
            if apart < GRAZE:
                found.append((edge, name, round(apart, 1)))
    return found


@needs_dot
def test_render_ketamine_runs_no_edge_along_a_node_it_does_not_join(tmp_path: Path) -> None:
    """The README's `render ketamine`: glutamate surge -> AMPA receptor ran along the foot of
    the downstream cascades' box (read as a link from the cascades), the dotted link into mTOR
    past the corner of synaptic protein synthesis. A drawing with no edge grazing a node wins
    where its text is at least PLATE_TRADE_OTHER as large."""
    from click.testing import CliRunner

    from pathways.cli import main

    out = tmp_path / "ketamine.svg"
    result = CliRunner().invoke(main, ["render", "ketamine", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _grazes_in_svg(out.read_text(encoding="utf-8")) == []


# --- a label names the line its words run beside, not one grazing its corner -----------------

def test_a_label_beside_another_line_misleads_though_its_own_grazes_a_corner():
    """Measured from the label's middle line: its own edge 3 pt from the box's corner but 36 pt
    from its middle, another line 12 pt along its whole side. Measured from the box, the own
    edge was the nearer, and the label was left where it read as the other line's."""
    from pathways.layout import _boxed, _misleads

    box = (0.0, 0.0, 100.0, 40.0)
    # Sampled curves, a point a unit: its own edge arcs from above the box's corner away left.
    own = [(-2.0 - t, 42.0 + t) for t in range(40)]
    other = _boxed([[(112.0, y - 50.0) for y in range(101)]])
    assert _misleads(box, own, other)
    beside = [(-8.0, y - 20.0) for y in range(81)]  # its own line along its other side
    assert not _misleads(box, beside, other)


@needs_dot
def test_mgs0039_affinities_sit_by_their_own_edge_in_one_column(dataset: Dataset) -> None:
    """`figures --preset column`: MGS0039's affinities ran down its link to serotonin, 12 pt
    from it, their own edge grazing the label's top corner: as if MGS0039 antagonised serotonin.
    No label of the drawing lies nearer another edge than its own."""
    from pathways.layout import _curves, _gap, _text_box, misleading_labels

    spec = dataset.figures["mgs0039-ketamine-signaling"]
    view = figure_view(dataset, merge(dataset), spec)
    laid = layout_view(view, PRESETS["column"], LIGHT)
    drawn = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    assert misleading_labels(drawn, {}) == 0
    curves = _curves(drawn)
    label = next(e for e in drawn["edges"] if e.get("id", "").endswith("-mgs0039-mglur2_3"))
    box = _text_box(label["_ldraw_"])
    assert box is not None
    middle = (box[0], (box[1] + box[3]) / 2, box[2], (box[1] + box[3]) / 2)
    own = _gap(middle, curves[label["id"]])
    serotonin = _gap(middle, curves["mgs0039-ketamine-signaling-edge-mgs0039-serotonin"])
    assert own < serotonin


@needs_dot
@pytest.mark.parametrize("fig_id", ["ketamine-signaling", "mij821-signaling"])
def test_expression_reads_as_the_link_into_bdnf_not_into_mtor(dataset: Dataset,
                                                               fig_id: str) -> None:
    """On the slide, "expression" (downstream cascades -> BDNF) sat midway between its link and
    the link into mTOR (15.7 pt from each in `ketamine-signaling`), beside that link's own
    "activation": which link it named was anyone's guess. Its own link is now plainly the
    nearer, by CLEARLY times."""
    from pathways.layout import CLEARLY, _curves, _gap, _text_box

    spec = dataset.figures[fig_id]
    laid = layout_view(figure_view(dataset, merge(dataset), spec), SLIDE, LIGHT)
    drawn = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    curves = _curves(drawn)
    label = next(e for e in drawn["edges"]
                 if e.get("id", "").endswith("-downstream_signalling-bdnf"))
    box = _text_box(label["_ldraw_"])
    assert box is not None
    middle = (box[0], (box[1] + box[3]) / 2, box[2], (box[1] + box[3]) / 2)
    own = _gap(middle, curves[label["id"]])
    mtor = _gap(middle, curves[f"{fig_id}-edge-downstream_signalling-mtor"])
    assert mtor >= CLEARLY * own


def _node(name: str, x: float, y: float, w: float, h: float, **extra: str) -> dict:
    """A laid-out node as Graphviz JSON has it: its centre and its size in inches."""
    return {"name": name, "_gvid": 0, "pos": f"{x},{y}", "width": str(w / 72),
            "height": str(h / 72), **extra}


def test_nodes_drawn_on_each_other_are_counted() -> None:
    from pathways.layout import overlapping_nodes

    apart = [_node("a", 50, 50, 80, 40), _node("b", 150, 50, 80, 40)]
    assert overlapping_nodes({"objects": apart}) == 0
    touching = [*apart, _node("c", 130, 50, 40, 40)]  # over b, and 1 pt short of a
    assert overlapping_nodes({"objects": touching}) == 1
    over_both = [*apart, _node("d", 100, 50, 80, 40)]
    assert overlapping_nodes({"objects": over_both}) == 2
    hidden = [*apart, _node("e", 150, 50, 80, 40, style="invis")]
    assert overlapping_nodes({"objects": hidden}) == 0


def test_a_label_over_a_node_is_counted_and_moved_off_it() -> None:
    """`render mij821 ketamine esketamine --preset column` drew a label dot set between two
    nodes of one row over both, plated: it hid the NMDA receptor's name. A label over a node
    is moved beside its edge where there is room, and counted against the drawing where not."""
    from pathways.layout import labels_on_nodes, labels_to_edges

    own = _edge("own", [[0, 100], [100, 100], [200, 100], [300, 100]], label_at=(150, 106))
    node = _node("n", 150, 110, 40, 30)
    data = {"bb": "0,0,300,300", "objects": [node], "edges": [own]}
    assert labels_on_nodes(data, {}) == 1
    moved = labels_to_edges(data)
    assert set(moved) == {"own"} and labels_on_nodes(data, moved) == 0
    assert labels_on_nodes({**data, "objects": []}, {}) == 0


@needs_dot
def test_a_render_view_draws_no_label_or_node_over_a_node() -> None:
    """The view whose label hid the NMDA receptor: no label over a node, no node over another."""
    from pathways.layout import labels_on_nodes, overlapping_nodes
    from pathways.views import compounds_view

    dataset = load_dataset(Path(__file__).resolve().parent.parent / "graphs")
    view = compounds_view(merge(dataset), ["mij821", "ketamine", "esketamine"], "mke")
    laid = layout_view(view, PRESETS["column"], LIGHT)
    drawn = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    assert overlapping_nodes(drawn) == 0
    assert labels_on_nodes(drawn, {}) == 0


@needs_dot
def test_esketamine_s_block_label_is_clear_of_its_link_to_the_receptor(dataset: Dataset) -> None:
    """On the slide, esketamine stood over the disinhibition (the figure's column), its link
    running down-left across "block on GABAergic interneurons", which was drawn as a plate
    over it and stacked under "non-selective, non-competitive". Left free, esketamine sits
    over the receptor: no label of the figure is over another edge, and none within APART of
    another label ("non-selective, non-competitive", with no clear spot beside its short link,
    is set on it, the link passing behind it, rather than 1 pt above the other label)."""
    from pathways.layout import _boxed_by_edge, _curves, _lines_struck, _others, crowded_labels

    spec = dataset.figures["esketamine-mechanism"]
    laid = layout_view(figure_view(dataset, merge(dataset), spec), SLIDE, LIGHT)
    svg = run_graphviz(laid.positioned, engine="neato", fmt="svg", args=("-n2",)).decode()
    plates = re.findall(r'<g id="([^"]+-edge-[^"]+)-label" class="node">',
                        svg.replace("&#45;", "-"))  # a label drawn over an edge: a plate
    assert plates in ([], ["esketamine-mechanism-edge-esketamine-nmda_receptor"])
    drawn = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    assert crowded_labels(drawn, {}) == 0
    boxed = _boxed_by_edge(_curves(drawn))
    struck = [e["id"] for e in drawn["edges"] if "id" in e
              and _lines_struck(e.get("_ldraw_", []), (0.0, 0.0), _others(boxed, e["id"]))]
    assert struck == []
