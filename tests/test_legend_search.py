"""The layout search's shortcuts give what the plain search gives: the legend placed best first
(bounded by its size, then side by side by the drawing), legend shapes built from entries made
once, and PNGs drawn by the build while its workers lay out the next figures."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

import pathways.figures
import pathways.layout as layout
from helpers import note_programs
from pathways.dot import legend_entries, legend_label
from pathways.errors import RenderError
from pathways.figures import BuildOptions, build_catalog
from pathways.layout import PAD, _best_spot, _extremes, _spots, fit_scale, legend_labels, profiles
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.render import SERVER_SWITCH, dot_available
from pathways.style import PRESETS, THEMES
from pathways.views import around_view, compounds_view, figure_view

needs_dot = pytest.mark.skipif(not dot_available(), reason="Graphviz `dot` is not installed")


def _every_spot(orders: list[int], boxes: list[tuple[float, float]],
                sizes: list[tuple[float, float]], drawn: list[layout.Extremes],
                smallest: float, preset: layout.Preset) -> tuple[int, int, layout.Spot]:
    """The search written the plain way: every spot of every legend shape beside every
    candidate is placed and scored, and the first of the highest scores wins."""
    best = None
    for at, ((w, h), order) in enumerate(zip(boxes, orders, strict=True)):
        for shape, size in enumerate(sizes):
            for spot in _spots(w, h, size, drawn[at]):
                total_w, total_h = spot[3], spot[4]
                scale = fit_scale(total_w + 2 * PAD, total_h + 2 * PAD, preset.area)
                if scale * smallest < preset.enough:
                    key = (round(scale, 4), -round(total_w * total_h), -order)
                else:
                    key = (round(preset.enough / smallest, 4),
                           -round((total_w + 2 * PAD) * (total_h + 2 * PAD) * scale ** 2),
                           -order)
                if best is None or key > best[0]:
                    best = (key, (at, shape, spot))
    assert best is not None
    return best[1]


def _drawing(rng: random.Random, width: float, height: float
             ) -> list[tuple[float, float, float, float]]:
    """Boxes and thin edge-like strips scattered over a width x height figure."""
    rects = []
    for _ in range(rng.randint(0, 30)):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        if rng.random() < 0.3:  # an edge: long and thin
            rects.append((x, y, x + rng.uniform(1, 4), y + rng.uniform(20, 200)))
        else:
            rects.append((x, y, min(x + rng.uniform(30, 220), width),
                          min(y + rng.uniform(20, 90), height)))
    return rects


@pytest.mark.parametrize("preset", ["slide", "column", "full"])
@pytest.mark.parametrize("seed", range(40))
def test_best_first_legend_search_finds_what_placing_every_spot_finds(preset: str,
                                                                        seed: int) -> None:
    rng = random.Random(seed)
    candidates = rng.randint(1, 4)
    boxes = [(round(rng.uniform(80, 1200)), round(rng.uniform(60, 900)))
             for _ in range(candidates)]
    drawn = [_extremes(profiles(w, h, _drawing(rng, w, h))) for w, h in boxes]
    # Whole-point sizes, some repeated: shapes and spots of equal score, the first must win.
    sizes = [(float(rng.randint(60, 700)), float(rng.randint(40, 500)))
             for _ in range(rng.randint(1, 30))]
    sizes += rng.sample(sizes, k=min(3, len(sizes)))
    orders = sorted(rng.sample(range(10), candidates))
    smallest = rng.choice([6.0, 9.0, 14.0, 17.0, 20.0])
    got = _best_spot(orders, boxes, sizes, drawn.__getitem__, smallest, PRESETS[preset])
    assert got == _every_spot(orders, boxes, sizes, drawn, smallest, PRESETS[preset])


def test_best_first_legend_search_without_a_legend_keeps_the_best_candidate() -> None:
    boxes = [(900.0, 400.0), (400.0, 900.0), (900.0, 400.0)]
    got = _best_spot([0, 1, 2], boxes, [], lambda i: pytest.fail("no profiles needed"), 14.0,
                     PRESETS["slide"])
    assert got == (0, 0, ("", 0.0, 0.0, 900.0, 400.0))  # the first of the two equal ones


@pytest.fixture(scope="module")
def catalog(graphs_dir: Path) -> tuple[object, object]:
    dataset = load_dataset(graphs_dir)
    return dataset, merge(dataset)


def test_legend_shapes_are_those_built_one_by_one(catalog: tuple) -> None:
    dataset, graph = catalog
    for preset in (PRESETS["slide"], PRESETS["column"]):
        for spec in dataset.figures.values():
            view = figure_view(dataset, graph, spec, None)
            theme = THEMES["light"]
            plain: list[str] = []
            for compact in (False, True):
                for columns in range(1, legend_entries(view, preset, theme, compact) + 1):
                    for wrap in (0, preset.wrap + 6):
                        for beside in (False, True):
                            label = legend_label(view, preset, theme, columns, wrap, compact,
                                                 beside)
                            if label not in plain:
                                plain.append(label)
            assert legend_labels(view, preset, theme) == plain, spec.id


@needs_dot
@pytest.mark.graphviz
@pytest.mark.parametrize(("preset", "ids", "around"), [
    ("slide", ["mgs0039-ketamine-signaling", "nr2b-synaptic-plasticity",
               "social-defeat-workflow", "mij821-phase2-workflow"], ["mtor", "nmda_receptor"]),
    ("full", ["esketamine-trial-workflow", "mij821-signaling"], ["bdnf"]),
])
def test_search_shortcuts_keep_the_layout_of_catalog_and_render_views(
        preset: str, ids: list[str], around: list[str], catalog: tuple,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dataset, graph = catalog
    views = [figure_view(dataset, graph, dataset.figures[f], None) for f in ids]
    # `render` views (small ones: laid out with no bounds, their many snakes take long)
    views += [around_view(graph, node, 1, node) for node in around]
    theme = THEMES["light"]
    kept = [layout.layout_view(v, PRESETS[preset], theme) for v in views]
    # No bounds: every legend shape is placed along every side of every candidate.
    monkeypatch.setattr(layout, "_ceiling", lambda *args: math.inf)
    monkeypatch.setattr(layout, "_side_ceilings", lambda *args: [math.inf] * 4)
    assert [layout.layout_view(v, PRESETS[preset], theme) for v in views] == kept


@needs_dot
@pytest.mark.graphviz
def test_a_png_that_fails_in_the_build_fails_it_naming_the_figure(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pathways.figures._with_dpi

    def broken(positioned: str, dpi: int) -> str:  # one figure's PNG run gets no graph
        text = real(positioned, dpi)
        return "not a graph {" if '"social-defeat-workflow"' in text.split("\n", 1)[0] \
            else text

    monkeypatch.setattr(pathways.figures, "_with_dpi", broken)
    # Graphviz draws the PNG where poppler is not installed (test_raster covers poppler's).
    monkeypatch.setattr(pathways.figures, "rasterizer_available", lambda: False)
    out = tmp_path / "out"
    only = ("social-defeat-workflow", "esketamine-trial-workflow", "trd-preclinical-workflow")
    with pytest.raises(RenderError, match=r"^social-defeat-workflow: Graphviz failed"):
        build_catalog(load_dataset(graphs_dir), out, BuildOptions(formats=("svg", "png")),
                      only=only)
    assert not out.exists() or [p for p in out.rglob("*") if p.is_file()
                                and p.name != "lock"] == []  # nothing published or left


@pytest.mark.parametrize("seed", range(20))
def test_profiles_are_what_a_point_by_point_scan_finds(seed: int) -> None:
    rng = random.Random(seed)
    width, height = rng.uniform(50, 800), rng.uniform(50, 600)
    rects = [(x, y, x + rng.choice([0.0, rng.uniform(0, 300)]),
              y + rng.choice([0.0, rng.uniform(0, 200)]))
             for x, y in ((rng.uniform(-50, width), rng.uniform(-50, height))
                          for _ in range(rng.randint(0, 60)))]
    rects += rng.sample(rects, k=min(5, len(rects)))  # equal spans

    def scan(spans: list[tuple[float, float, float]], length: float, lowest: bool
             ) -> list[float]:
        out = []
        for point in range(int(length) + 2):
            over = [v for a, b, v in spans if max(int(a), 0) <= point <= math.ceil(b)]
            out.append((min if lowest else max)(over, default=math.inf if lowest
                                                else -math.inf))
        return out

    assert profiles(width, height, rects) == (
        scan([(a, c, b) for a, b, c, d in rects], width, True),
        scan([(b, d, c) for a, b, c, d in rects], height, False),
        scan([(a, c, d) for a, b, c, d in rects], width, False),
        scan([(b, d, a) for a, b, c, d in rects], height, True))
    for profile, lowest in zip(profiles(width, height, rects), (True, False, False, True),
                               strict=True):
        extremes = layout._Extremes(profile, lowest)
        for _ in range(30):  # every range query against the plain min (max) of its stretch
            start = rng.uniform(-40, len(profile) + 40)
            end = start + rng.uniform(0, 400)
            lo, hi = max(int(start - layout.GAP), 0), min(math.ceil(end + layout.GAP),
                                                          len(profile) - 1)
            part = profile[lo:hi + 1] if lo <= hi else []
            assert extremes.over(start, end) == (min if lowest else max)(
                part, default=math.inf if lowest else -math.inf)


@needs_dot
@pytest.mark.graphviz
def test_every_dot_process_of_a_search_lays_out_one_graph(
        catalog: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    # A graph laid out after another in one Graphviz 2.43 process may come out otherwise, and
    # otherwise from run to run (`render.run_each`): a search never shares a process, and its
    # figure is the same every time.
    # (The programs, with the layout server switched off; the server forks a process per graph,
    # and its figures are these: see test_gvserver.)
    _, graph = catalog
    monkeypatch.setenv(SERVER_SWITCH, "0")
    started = note_programs(monkeypatch)
    view = compounds_view(graph, ["ketamine", "mgs0039"], "x", highlight=["ampa_receptor"])
    first = layout.layout_view(view, PRESETS["slide"], THEMES["light"])
    dots = [cmd for cmd in started if cmd[0] == "dot"]
    assert len(dots) > 20
    assert all(sum(arg.endswith(".gv") for arg in cmd) <= 1 for cmd in dots)  # or standard input
    assert layout.layout_view(view, PRESETS["slide"], THEMES["light"]) == first
    monkeypatch.delenv(SERVER_SWITCH)
    assert layout.layout_view(view, PRESETS["slide"], THEMES["light"]) == first
