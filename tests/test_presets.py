"""Figures at the size they are shown: print presets at journal widths, their text floor, pages
exactly that wide, and `render` views laid out for their preset or warned about."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import shutil
import struct
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import pathways.figures
import pathways.style
from helpers import touching_heads
from pathways.cli import main
from pathways.figures import BuildOptions, build_catalog
from pathways.layout import (
    Page,
    arrangements,
    fit_scale,
    layout_view,
    narrow_rows,
    on_page,
    page_for,
    shown_text,
    snake_cuts,
    snake_rows,
    stacked,
)
from pathways.legibility import advice, text_at, text_elsewhere, unbroken_word
from pathways.load import load_dataset
from pathways.render import dot_available, run_graphviz
from pathways.style import MM, PRESETS, THEMES
from pathways.views import View, ViewEdge, ViewNode

needs_dot = pytest.mark.skipif(not dot_available(), reason="Graphviz `dot` is not installed")

FIGURES = [
    "mij821-signaling", "ketamine-signaling", "mij821-proposed-pathway",
    "mij821-first-in-human-workflow", "mij821-phase2-workflow", "nr2b-synaptic-plasticity",
    "mij821-preclinical-workflow", "mgs0039-ketamine-signaling", "social-defeat-workflow",
    "esketamine-mechanism", "trd-preclinical-workflow", "esketamine-trial-workflow"]

def _cli(*args: str, graphs: Path) -> Result:
    return CliRunner().invoke(main, ["--graphs", str(graphs), *args])


@pytest.fixture(scope="module", params=["column", "full"])
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            graphs_dir: Path) -> tuple[str, Path]:
    """The shipped catalog built at a print preset (SVG, PNG, PDF)."""
    if not dot_available():
        pytest.skip("Graphviz `dot` not on PATH")
    out = tmp_path_factory.mktemp(f"catalog-{request.param}")
    build_catalog(load_dataset(graphs_dir), out, BuildOptions(preset=request.param))
    return request.param, out


def _entry(folder: Path, fig_id: str) -> dict[str, Any]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return next(f for f in manifest["figures"] if f["id"] == fig_id)


def _media_box(pdf: Path) -> tuple[float, float]:
    m = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert m, f"{pdf.name}: no MediaBox"
    return float(m.group(1)), float(m.group(2))


def _svg_printed_text(svg: Path) -> tuple[float, float]:
    """(page width in pt, smallest text in pt as printed) of an SVG drawn at a page size."""
    text = svg.read_text(encoding="utf-8")
    width = float(re.search(r'<svg [^>]*width="([\d.]+)pt"', text).group(1))  # type: ignore[union-attr]
    scale = float(re.search(r'class="graph" transform="scale\(([\d.]+)', text).group(1))  # type: ignore[union-attr]
    # The lines' fonts: a super- or subscript <tspan> is drawn smaller than its line.
    sizes = [float(s) for s in re.findall(r'<text [^>]*?font-size="([\d.]+)"', text)]
    return width, min(sizes) * scale


@needs_dot
@pytest.mark.parametrize("fig_id", FIGURES)
def test_printed_text_reaches_the_presets_floor(printed: tuple[str, Path], fig_id: str) -> None:
    """Placed at its preset's width at 100 %, no text is under the floor: 6 pt in one column,
    7 pt at full width (the manifest's printed_text_pt, checked against the SVG below)."""
    preset, folder = printed
    assert _entry(folder, fig_id)["printed_text_pt"] >= PRESETS[preset].floor


@needs_dot
@pytest.mark.parametrize("fig_id", FIGURES)
def test_every_format_is_the_presets_width(printed: tuple[str, Path], fig_id: str) -> None:
    """The PDF page, the SVG and the PNG (at 300 dpi) are the preset's width: 85 mm or 180 mm;
    no taller than its area; and the manifest's text size is what the SVG prints."""
    preset, folder = printed
    width, height = PRESETS[preset].area
    entry = _entry(folder, fig_id)
    pdf_w, pdf_h = _media_box(folder / f"{fig_id}.pdf")
    assert pdf_w == pytest.approx(width, abs=0.5) and pdf_h <= height + 1
    assert abs(pdf_w / MM - (85 if preset == "column" else 180)) < 0.5
    svg_w, svg_text = _svg_printed_text(folder / f"{fig_id}.svg")
    assert svg_w == pytest.approx(width, abs=0.5)
    assert entry["printed_text_pt"] == pytest.approx(svg_text, abs=0.15)
    png = (folder / f"{fig_id}.png").read_bytes()[16:24]
    assert struct.unpack(">I", png[:4])[0] == pytest.approx(width / 72 * 300, abs=2)
    assert entry["width_pt"] == pytest.approx(width, abs=0.5)


@needs_dot
@pytest.mark.parametrize("fig_id", FIGURES)
def test_the_manifest_records_the_super_and_subscripts_as_printed(printed: tuple[str, Path],
                                                                  fig_id: str) -> None:
    """IC₅₀'s 50 printed smaller than the manifest's smallest text (6.2 pt in a column): the
    scripts, drawn five sixths of their line, are recorded apart (printed_script_pt), as the
    SVG prints them, and None where a figure has none."""
    _, folder = printed
    text = (folder / f"{fig_id}.svg").read_text(encoding="utf-8")
    scale = float(re.search(r'class="graph" transform="scale\(([\d.]+)', text).group(1))  # type: ignore[union-attr]
    scripts = [float(s) for s in re.findall(r'<tspan [^>]*?font-size="([\d.]+)"', text)]
    recorded = _entry(folder, fig_id)["printed_script_pt"]
    if not scripts:
        assert recorded is None
    else:
        assert recorded == pytest.approx(min(scripts) * scale, abs=0.15)
        assert recorded < _entry(folder, fig_id)["printed_text_pt"]


@needs_dot
def test_no_two_arrowheads_into_one_node_touch_in_print(printed: tuple[str, Path]) -> None:
    """As on slides (see test_heads): arrowheads landing on one spot are moved apart."""
    _, folder = printed
    assert touching_heads(folder) == []


@needs_dot
def test_in_print_fewer_plated_labels_take_little_more_paper(printed: tuple[str, Path]) -> None:
    """`mij821-proposed-pathway` at full width: its text large enough either way, the drawing
    without a plated label went one narrow column 642 pt down the 510 pt wide page, blank
    beside it; the drawing with one label plated is kept, 256 pt tall."""
    preset, folder = printed
    width, height = _media_box(folder / "mij821-proposed-pathway.pdf")
    assert width == pytest.approx(PRESETS[preset].area[0], abs=1)
    if preset == "full":
        assert height < 1.5 * 256 < 642


def test_paper_is_the_one_column_preset() -> None:
    assert PRESETS["paper"] is PRESETS["column"]
    assert PRESETS["column"].floor == 6 and PRESETS["full"].floor == 7
    assert 84 <= PRESETS["column"].area[0] / MM <= 89
    assert 174 <= PRESETS["full"].area[0] / MM <= 183


@needs_dot
def test_slide_pdf_has_no_device_margin(catalog: Path) -> None:
    """Graphviz's PDF adds 36 pt round the page unless told not to: the PDF is the SVG's size."""
    manifest = json.loads((catalog / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["figures"]:
        pdf_w, pdf_h = _media_box(catalog / entry["files"]["pdf"])
        assert abs(pdf_w - entry["width_pt"]) <= 1 and abs(pdf_h - entry["height_pt"]) <= 1


# --- pages: size and centring --------------------------------------------------------------------


def test_page_for_fits_the_width_or_centres_a_tall_figure() -> None:
    column = PRESETS["column"]
    wide = page_for(482.0, 300.0, column)
    assert wide == Page(241, 8.0) and wide.scale(482.0 - 16) == pytest.approx(0.5)
    tall = page_for(300.0, 1296.0, column)  # at 241 pt wide it would be 1041 pt tall
    assert tall is not None and 640 <= tall.scale(300.0 - 16) * 1296.0 <= 648
    assert page_for(100.0, 100.0, PRESETS["slide"]) is None


@needs_dot
@pytest.mark.parametrize("size", [(400.0, 200.0), (200.0, 1400.0)])
def test_on_page_draws_exactly_the_page_width(tmp_path: Path, size: tuple[float, float]) -> None:
    """A laid-out graph, wide or tall, comes out of Graphviz exactly the column wide."""
    w, h = size
    source = (f'digraph g {{ graph [pad="0.1111"]; a [shape=box, fixedsize=true, '
              f'width="{(w - 16) / 72:.4f}", height="{(h - 16) / 72:.4f}"]; }}')
    laid = run_graphviz(source, fmt="dot").decode()
    paged = on_page(laid, page_for(w, h, PRESETS["column"]))
    svg = run_graphviz(paged, engine="neato", fmt="svg", args=("-n2",)).decode()
    pdf = tmp_path / "g.pdf"
    run_graphviz(paged, {"pdf": pdf}, engine="neato", args=("-n2",))
    assert re.search(r'<svg [^>]*width="241pt"', svg)
    assert _media_box(pdf)[0] == 241 and _media_box(pdf)[1] <= 649


# --- arrangements ---------------------------------------------------------------------------------


def _chain(n: int) -> View:
    ids = [f"s{i:02d}" for i in range(n)]
    return View("chain", "mechanism", tuple(ViewNode(i, i.upper(), "protein") for i in ids),
                tuple(ViewEdge(a, b, "+", "stated") for a, b in itertools.pairwise(ids)))


def test_snake_rows_turn_at_each_end() -> None:
    rows = snake_rows(_chain(9), 3)
    assert rows == (("s00", "s01", "s02"), ("s05", "s04", "s03"), ("s06", "s07", "s08"))
    assert snake_rows(_chain(3), 2) == (("s00", "s01"), ("s02",))
    assert snake_rows(_chain(2), 3) == ()


def test_snake_cuts_try_uneven_rows_after_even_ones() -> None:
    assert snake_cuts(11, 4) == [(3, 3, 3, 2), (2, 2, 3, 4), (2, 3, 3, 3), (4, 3, 2, 2)]
    assert snake_cuts(12, 2) == [(6, 6), (5, 7), (7, 5)]
    assert snake_cuts(3, 3) == []
    assert all(sum(c) == 11 and min(c) >= 2 for c in snake_cuts(11, 4)[1:])
    rows = snake_rows(_chain(11), 4, (2, 2, 3, 4))
    assert [len(r) for r in rows] == [2, 2, 3, 4] and rows[1] == ("s03", "s02")


def test_stacked_puts_separate_parts_one_under_another() -> None:
    """Two unrelated chains and a group of three loose steps: each part starts under the end of
    the one before, and the loose steps share one row."""
    nodes = tuple(ViewNode(i, i, "protein", group="g" if i.startswith("z") else "")
                  for i in ("a1", "a2", "a3", "b1", "b2", "z1", "z2", "z3"))
    edges = tuple(ViewEdge(a, b, "+", "stated") for a, b in
                  (("a1", "a2"), ("a2", "a3"), ("b1", "b2")))
    view = stacked(View("parts", "workflow", nodes, edges))
    assert view is not None
    assert view.align == ("a1", "a3", "b1", "b2", "z1")
    assert ("z1", "z2", "z3") in view.same_rank
    assert stacked(_chain(4)) is None


def test_render_views_are_tried_in_rows_and_catalog_rows_only_off_the_slide(
        graphs_dir: Path) -> None:
    names = [name for name, _, _ in arrangements(_chain(12), PRESETS["slide"])]
    assert names[:3] == ["as written", "as written", "2 rows"]
    assert {"3 rows", "4 rows", "4 rows: 2, 2, 4, 4", "4 rows: 4, 4, 2, 2"} <= set(names)
    dataset = load_dataset(graphs_dir)
    from pathways.merge import merge
    from pathways.views import figure_view

    view = figure_view(dataset, merge(dataset), dataset.figures["trd-preclinical-workflow"])
    assert [n for n, _, _ in arrangements(view, PRESETS["slide"])] == ["as written"]
    column = {n for n, _, _ in arrangements(view, PRESETS["column"])}
    assert not any(":" in n for n in column)  # uneven rows only for views without rows
    assert {"as written", "no rows"} <= column


def _nr2b() -> View:
    """The NR2B figure's view: three inputs on one receptor, ten labelled links."""
    from pathways.merge import merge
    from pathways.views import figure_view

    dataset = load_dataset(Path(__file__).resolve().parents[1] / "graphs")
    return figure_view(dataset, merge(dataset), dataset.figures["nr2b-synaptic-plasticity"])


def test_narrow_rows_stack_the_inputs_and_put_lone_ends_beside() -> None:
    """In a narrow column each input gets a row of its own, the one reaching farthest down on
    top (its long link then runs round the others); a node's one lone end node shares its row."""
    ids = ("x", "y", "far", "hub", "leaf", "leaf2", "mid", "low")
    nodes = tuple(ViewNode(i, i, "protein") for i in ids)
    links = [("x", "hub"), ("y", "hub"), ("far", "hub"), ("far", "low"), ("hub", "leaf"),
             ("hub", "leaf2"), ("hub", "mid"), ("mid", "low")]
    view = View("v", "mechanism", nodes, tuple(ViewEdge(a, b, "+", "stated") for a, b in links))
    assert narrow_rows(view) == (("far",), ("x",), ("y",), ("hub", "leaf"), ("leaf2", "mid"),
                                 ("low",))
    rows = narrow_rows(_nr2b())
    assert rows[0] == ("ro25_6981",)  # reaches LTP, four rows down
    assert ("nr2b_nmda_receptor", "ltd") in rows


def test_only_a_narrow_column_is_tried_narrow() -> None:
    """The narrow arrangement is one more layout per figure: tried for the one-column preset
    only, not on a slide or across a page."""
    view = _nr2b()
    assert "narrow" in [n for n, _, _ in arrangements(view, PRESETS["column"])]
    for preset in ("slide", "full"):
        assert "narrow" not in [n for n, _, _ in arrangements(view, PRESETS[preset])]


def test_dense_spacing_also_tightens_node_margins_and_label_gaps() -> None:
    from pathways.dot import build_dot

    view = _nr2b()
    loose = build_dot(view, PRESETS["column"], THEMES["light"])
    dense = build_dot(view, PRESETS["column"], THEMES["light"], spacing=0.5)
    assert 'margin="0.12,0.06"' in loose and 'WIDTH="6"' in loose
    assert 'margin="0.06,0.03"' in dense and 'WIDTH="3"' in dense
    assert 'margin="0.12,0.06"' not in dense


@needs_dot
def test_nr2b_reaches_the_column_floor_without_crossing_edges() -> None:
    """The NR2B figure, over 1100 pt wide as its slide rows draw it (4 pt in a column), is
    drawn down the column: its inputs stacked, 6 pt or more, and no two edges cross."""
    from pathways.layout import _json, edge_crossings  # the layout's own measure
    from pathways.render import run_graphviz as run

    laid = layout_view(_nr2b(), PRESETS["column"], THEMES["light"])
    assert laid.arrangement == "narrow" and laid.rankdir == "TB"
    assert shown_text(laid, PRESETS["column"]) >= 6
    drawn = run(laid.positioned, engine="neato", fmt="json", args=("-n2",))
    assert edge_crossings(_json(drawn)) == 0


def _mgs0039() -> View:
    from pathways.merge import merge
    from pathways.views import figure_view

    dataset = load_dataset(Path(__file__).resolve().parents[1] / "graphs")
    return figure_view(dataset, merge(dataset), dataset.figures["mgs0039-ketamine-signaling"])


def test_edges_into_a_box_can_enter_their_node_from_the_side() -> None:
    """A compartment label no corner clears ("tlw"): edges from outside the box come in at
    their node's west side, under the label; edges inside it are left alone."""
    from pathways.dot import build_dot
    from pathways.errors import UsageError

    view = _mgs0039()
    plain_text = build_dot(view, PRESETS["column"], THEMES["light"])
    number = int(re.search(r'cluster-(\d+)"; label=<<B>GABAergic', plain_text).group(1))  # type: ignore[union-attr]
    side = build_dot(view, PRESETS["column"], THEMES["light"], label_at={number: "tlw"})
    into = re.search(r'\[([^\n]*id="mgs0039-ketamine-signaling-edge-ketamine-nmda_receptor"[^\n]*)',
                     side)
    assert into and 'headport="w"' in into.group(1)
    assert "headport" not in plain_text and side.count("headport") == 1
    with pytest.raises(UsageError):
        build_dot(view, PRESETS["column"], THEMES["light"], label_at={number: "tlx"})


@needs_dot
def test_mgs0039_in_a_column_clears_the_interneuron_label_and_keeps_labels_by_their_edges() -> None:
    """In one column the ketamine edge no longer runs through "GABAergic interneuron" (no plate
    hides it), and "block on GABAergic interneurons" sits beside its edge, not 30 pt off."""
    from pathways.layout import FAR_LABEL, _gap, _text_box, spline_points

    laid = layout_view(_mgs0039(), PRESETS["column"], THEMES["light"])
    assert 'tooltip="GABAergic interneuron"' not in laid.positioned  # no plate over an edge
    drawn = json.loads(run_graphviz(laid.positioned, engine="neato", fmt="json", args=("-n2",)))
    for edge in drawn["edges"]:
        box = _text_box(edge.get("_ldraw_", []))
        curve = [p for op in edge["_draw_"] if op["op"] in "bB"
                 for p in spline_points(op["points"])]
        if box is not None:
            assert _gap(box, curve) <= FAR_LABEL, edge["id"]


def test_advice_names_what_would_help() -> None:
    # A wide drawing too small on a slide is larger across a full page.
    assert text_elsewhere(2000, 400, 7.0, "slide", "full") == pytest.approx(3.9, abs=0.05)
    tip = advice({"column": 6.2, "full": 6.9}, smaller={"--depth 1": 8.0}, now=5.0)
    assert tip == "try --preset column (6.2 pt, its floor 6 pt), --depth 1 (8 pt)"
    # A smaller view whose text comes out no larger, or hardly (under HELPS times), is not
    # advised: `--around nmda_receptor --depth 3` was told "try --depth 2 (6.5 pt)" at 6.4 pt.
    assert advice({"column": 2.0, "full": 3.0}, smaller={"--depth 3": 4.9}, now=5.0,
                  compounds=2) == "try fewer compounds"
    assert advice({}, smaller={"--depth 2": 6.5, "--max-nodes 15": 6.9}, now=6.4,
                  around=True).startswith("no preset, smaller --depth or --max-nodes tried")
    assert advice({}, smaller={"--depth 2": 7.1}, now=6.4) == "try --depth 2 (7.1 pt)"
    assert "too many nodes" in advice({"column": 1.0, "full": 1.0}, compounds=1)
    assert "smaller --depth or --max-nodes tried" in advice({"column": 1.0}, around=True)
    assert "--around NODE --max-nodes" in advice({"column": 1.0})


@needs_dot
def test_render_of_a_few_nodes_with_one_endless_word_says_to_shorten_it(
        tmp_path: Path, graphs_dir: Path) -> None:
    """A name of 200 letters and no space keeps a 13-node drawing at 6 pt on a slide: the advice
    names that entity and the word, not "too many nodes"."""
    data = tmp_path / "graphs"
    shutil.copytree(graphs_dir, data)
    entities = data / "entities.toml"
    text = entities.read_text(encoding="utf-8")
    assert text.count('label = "mGluR2/3"') == 1
    entities.write_text(text.replace('label = "mGluR2/3"', f'label = "{"X" * 200}"'),
                        encoding="utf-8")
    result = _cli("render", "mgs0039", "-o", str(tmp_path / "m.svg"), graphs=data)
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert "below the 14 pt floor (13 nodes)" in line
    assert ("shorten the name of entity 'mglur2_3' (a word of 200 characters: "
            f"{'X' * 20}…) or give it spaces to wrap at") in line
    assert "too many nodes" not in line
    # The shipped names are words a figure wraps: none is too wide for any preset.
    from pathways.merge import merge
    from pathways.views import figure_view

    dataset = load_dataset(graphs_dir)
    views = [figure_view(dataset, merge(dataset), spec) for spec in dataset.figures.values()]
    assert not [v.id for v in views for p in PRESETS.values() if unbroken_word(v, p)]


@needs_dot
def test_a_long_chain_is_snaked_across_a_slide() -> None:
    """A render view of a 12-step chain: snaked into rows on a slide, its text is far larger
    than drawn straight down (which a view with its own direction keeps)."""
    chain = _chain(12)
    laid = layout_view(chain, PRESETS["slide"], THEMES["light"])
    assert " rows" in laid.arrangement and laid.rankdir == "TB"
    straight = text_at(dataclasses.replace(chain, rankdir="TB"), "slide", THEMES["light"])
    assert text_at(chain, "slide", THEMES["light"]) > 1.5 * straight


# --- the command line -----------------------------------------------------------------------------


@needs_dot
def test_figures_warns_below_floor(tmp_path: Path, graphs_dir: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """One line per figure below the floor, on stderr; stdout stays the summary."""
    strict = dict(PRESETS)
    strict["column"] = dataclasses.replace(PRESETS["column"], floor=50)
    monkeypatch.setattr(pathways.style, "PRESETS", strict)
    monkeypatch.setattr(pathways.figures, "PRESETS", strict)
    result = _cli("figures", "--out", str(tmp_path / "out"), "--format", "svg", "--preset",
                  "column", "--only", "mij821-signaling", "--only", "esketamine-mechanism",
                  graphs=graphs_dir)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("warning: ") for line in lines)
    assert "mij821-signaling: smallest text" in lines[0] and "below the 50 pt floor" in lines[0]
    assert "esketamine-mechanism" in lines[1] and "warning" not in result.stdout


@needs_dot
def test_figures_at_the_column_preset_say_nothing_when_all_reach_it(
        tmp_path: Path, graphs_dir: Path) -> None:
    result = _cli("figures", "--out", str(tmp_path / "out"), "--format", "pdf", "--preset",
                  "paper", "--only", "mij821-signaling", graphs=graphs_dir)
    assert result.exit_code == 0 and result.stderr == ""
    assert _media_box(tmp_path / "out" / "mij821-signaling.pdf")[0] == 241


@needs_dot
def test_readme_render_example_reaches_the_slide_floor_or_warns(tmp_path: Path,
                                                                 graphs_dir: Path) -> None:
    """The README's `render ketamine mgs0039 --highlight ampa_receptor`: on a 16:9 slide its
    text is 14 pt, or the command says how small it is and what would help."""
    target = tmp_path / "ketamine-mgs0039.svg"
    result = _cli("render", "ketamine", "mgs0039", "--highlight", "ampa_receptor", "-o",
                  str(target), graphs=graphs_dir)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    w, h = (float(v) for v in re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"',  # type: ignore[union-attr]
                                        text).groups())
    smallest = min(float(s) for s in re.findall(r'<text [^>]*?font-size="([\d.]+)"', text))
    on_slide = smallest * fit_scale(w, h, PRESETS["slide"].area)
    if on_slide >= 14:
        assert result.stderr == ""
    else:
        (line,) = result.stderr.splitlines()
        said = re.search(r"smallest text ([\d.]+) pt on a 16:9 slide", line)
        assert said and float(said.group(1)) == round(on_slide, 1), line
        assert "below the 14 pt floor" in line and "try " in line


HUB = """\
[[entity]]
id = "hub"
label = "Hub kinase"
kind = "protein"
"""


@pytest.fixture
def hub_graphs(tiny_graphs: Path) -> Path:
    """The tiny dataset plus a hub protein with 115 targets, each with one target of its own:
    233 nodes two links out (with drugol's receptor)."""
    entities = [HUB] + [f'[[entity]]\nid = "t{i}"\nlabel = "Target {i}"\nkind = "protein"\n\n'
                        f'[[entity]]\nid = "u{i}"\nlabel = "Effect {i}"\nkind = "process"\n'
                        for i in range(115)]
    with (tiny_graphs / "entities.toml").open("a", encoding="utf-8") as f:
        f.write("\n" + "\n".join(entities))
    edges = ['[mechanism]\nid = "hub"\ntitle = "Drugol through the hub"\ncompound = "drugol"\n']
    links = [("drugol", "hub")] + [(a, b) for i in range(115)
                                   for a, b in (("hub", f"t{i}"), (f"t{i}", f"u{i}"))]
    for a, b in links:
        edges.append(f'[[edge]]\nsource = "{a}"\ntarget = "{b}"\neffect = "activates"\n'
                     f'[[edge.evidence]]\nsource = "tiny-doc"\nquote = "{a} drives {b}."\n')
    (tiny_graphs / "mechanisms" / "hub.toml").write_text("\n".join(edges), encoding="utf-8")
    return tiny_graphs


@needs_dot
def test_large_around_render_warns_with_advice(tmp_path: Path, hub_graphs: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A large view's text is warned about, with advice, and the view laid out again only for
    the presets it could reach the floor of: its slide text scaled to a page is under a third
    of the page's floor, and a view of 300 nodes took a minute a layout
    (`legibility.worth_laying_out`)."""
    import pathways.legibility

    asked: list[str] = []
    real = pathways.legibility.text_at

    def text_at(view: Any, preset: str, theme: Any) -> float:
        asked.append(preset)
        return real(view, preset, theme)

    monkeypatch.setattr(pathways.legibility, "text_at", text_at)
    target = tmp_path / "hub.svg"
    result = _cli("render", "--around", "hub", "--depth", "2", "-o", str(target),
                  graphs=hub_graphs)
    assert not {"column", "full"} & set(asked), asked
    assert result.exit_code == 0, result.output
    assert target.exists() and result.stdout.strip() == f"Wrote {target}"
    (line,) = result.stderr.splitlines()
    size = float(re.search(r"smallest text ([\d.]+) pt", line).group(1))  # type: ignore[union-attr]
    # Advised only what was laid out and found to print larger: here nothing smaller does.
    assert size < 14 and "(233 nodes)" in line
    assert line.endswith("`pathways export` it to a viewer that zooms")


@needs_dot
def test_a_hub_at_depth_one_is_called_too_large_to_print(tmp_path: Path,
                                                           hub_graphs: Path) -> None:
    result = _cli("render", "--around", "hub", "--depth", "1", "--preset", "column", "-o",
                  str(tmp_path / "hub.pdf"), graphs=hub_graphs)
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert "at column width (241 pt)" in line
    tip = re.search(r"try --max-nodes (\d+) \(([\d.]+) pt\)", line)
    size = float(re.search(r"smallest text ([\d.]+) pt", line).group(1))  # type: ignore[union-attr]
    assert tip is not None and float(tip.group(2)) > size, line


def _readme_catalog_table() -> dict[str, list[str]]:
    """The README's table of the catalog as built at each preset: its cells by figure id."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (.+) \|$", readme, re.M)
    return {fig: cells.split(" | ") for fig, cells in rows if len(cells.split(" | ")) == 7}


@pytest.mark.graphviz
def test_the_readme_table_tells_the_print_sizes_the_build_gives(printed: tuple[str, Path]
                                                                ) -> None:
    """The README's page height and printed text at each print preset, figure by figure, are
    what the build writes into its manifest (they had gone stale, one by 60 pt). Exact, as laid
    out by the Graphviz the setup installs (2.43)."""
    preset, out = printed
    table = _readme_catalog_table()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(table) == {f["id"] for f in manifest["figures"]}
    at = {"column": 3, "full": 5}[preset]
    for entry in manifest["figures"]:
        cells = table[entry["id"]]
        assert (cells[at], cells[at + 1]) == (f"{round(entry['height_pt'])}",
                                              f"{entry['printed_text_pt']:g}"), entry["id"]
