"""Running Graphviz: every graph laid out the same way every time, measured as it is drawn, and
the legend search's shortcuts giving what the plain search gives."""

from __future__ import annotations

import json
import math
import os
import random
import re
from pathlib import Path

import pytest

import pathways.render as render
from helpers import CLUSTERED, copies, note_programs
from pathways.errors import RenderError
from pathways.layout import GAP, _measure_source, _measured, _plain_sizes, legend_spots, profiles
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.render import SERVER_SWITCH, _server, dot_available, run_each, run_graphviz
from pathways.style import PRESETS, THEMES
from pathways.views import figure_view

pytestmark = pytest.mark.graphviz
needs_dot = pytest.mark.skipif(not dot_available(), reason="Graphviz `dot` is not installed")



@needs_dot
def test_every_graph_is_laid_out_as_if_it_were_alone() -> None:
    alone = run_graphviz(CLUSTERED, fmt="dot")
    laid = run_each(copies(CLUSTERED, 8, ("dot", "json")))
    assert [one["dot"] for one in laid] == [alone] * 8
    order = re.findall(rb"subgraph (cluster_\d)", laid[-1]["dot"])
    assert order == [b"cluster_0", b"cluster_1", b"cluster_2", b"cluster_3"]
    assert len({one["json"] for one in laid}) == 1



@needs_dot
def test_a_layout_asked_for_again_is_remembered_not_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A graph comes out the same every time, so a process lays each out once: asked again
    (a `render` and its advice ask for the same candidates), or twice in one call, it is
    answered from memory, the same bytes; another `dot` on PATH lays it out anew."""
    monkeypatch.setenv(SERVER_SWITCH, "0")  # the programs: each layout is seen
    started = note_programs(monkeypatch)
    first = run_each([(CLUSTERED, ("dot", "json")), (CLUSTERED, ("dot", "json"))])
    assert len(started) == 1 and first[0] == first[1]
    again = run_each([(CLUSTERED, ("dot", "json")), (CLUSTERED, ("dot",))])
    assert again[0] == first[0]
    assert len(started) == 2  # only the job in other formats is laid out
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "dot").write_text(f'#!/bin/sh\nexec {render.shutil.which("dot")} "$@"\n',
                                encoding="utf-8")
    (folder / "dot").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    assert run_each([(CLUSTERED, ("dot",))])[0]["dot"] == again[1]["dot"]
    assert len(started) == 3  # another Graphviz: laid out again


def test_remembered_layouts_are_bounded_by_their_size() -> None:
    kept = render._Layouts(10)
    kept.add(("a",), {"dot": b"1234"})
    kept.add(("b",), {"dot": b"1234"})
    assert kept.get(("a",)) == {"dot": b"1234"}  # now the most recently asked for
    kept.add(("c",), {"dot": b"1234"})  # 12 bytes: the least recently asked for goes
    assert kept.get(("b",)) is None and kept.get(("a",)) and kept.get(("c",))
    assert kept.size == 8
    kept.add(("big",), {"json": b"x" * 11})  # larger than the whole: kept by nothing
    assert kept.size == 0 and kept.get(("big",)) is None


@needs_dot
def test_a_failing_graph_among_several_is_one_line_naming_the_figure() -> None:
    good, failed = run_each([(CLUSTERED, ("dot",)), ("digraph { a -> }", ("dot",))],
                            label="my-figure")
    assert isinstance(good, dict) and good["dot"].startswith(b"digraph")
    assert isinstance(failed, RenderError)
    message = str(failed)
    assert message.startswith("my-figure: Graphviz failed: ")
    assert "\n" not in message and ".gv" not in message


@needs_dot
def test_each_graph_is_laid_out_in_a_process_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    # The programs, the layout server switched off: one `dot` per graph.
    monkeypatch.setenv(SERVER_SWITCH, "0")
    started = note_programs(monkeypatch)
    variants = [CLUSTERED.replace("a -> h", f"a -> h [minlen={k}]") for k in range(1, 6)]
    laid = run_each([(v, ("dot", "json")) for v in variants] + [(CLUSTERED, ("plain",))])
    assert [sum(a.endswith(".gv") for a in cmd) for cmd in started] == [1] * 6
    for variant, got in zip(variants, laid, strict=False):
        assert got["dot"] == run_graphviz(variant, fmt="dot")  # byte for byte, as alone
    assert laid[-1]["plain"].startswith(b"graph ")
    # The layout server, where there is one: no `dot` program at all, the same bytes.
    monkeypatch.delenv(SERVER_SWITCH)
    served = run_each([(v, ("dot", "json")) for v in variants] + [(CLUSTERED, ("plain",))])
    assert served == laid
    if _server("dot") is not None:
        assert not [cmd for cmd in started[6 + len(variants):]
                    if cmd[0] == "dot" and "-V" not in cmd]


@needs_dot
def test_legend_sizes_from_plain_text_are_those_from_json() -> None:
    labels = ["<<B>Drug</B>>", '"plain words"',
              '<<TABLE BORDER="1" CELLSPACING="4"><TR><TD>K<SUB>i</SUB> 2.2 nM</TD>'
              "<TD>Ca<SUP>2+</SUP></TD></TR><TR><TD COLSPAN=\"2\">two cells</TD></TR></TABLE>>"]
    source = _measure_source(labels, 20)
    plain, = run_each([(source, ("plain",))], label="measure")
    from_json = _measured(json.loads(run_graphviz(source, fmt="json")), len(labels), 20)
    assert _plain_sizes(plain["plain"], len(labels)) == [(w, h) for w, h, _ in from_json]


def _spots_by_scanning(width: float, height: float, size: tuple[float, float],
                       rects: list[tuple[float, float, float, float]]
                       ) -> list[tuple[str, float, float, float, float]]:
    """`legend_spots` written the slow, obvious way: every spot's clearance found by scanning
    its stretch of the profile."""
    low, right, high, left = profiles(width, height, rects)
    lw, lh = size

    def over(profile: list[float], start: float, end: float, lowest: bool) -> float:
        lo, hi = max(int(start - GAP), 0), min(math.ceil(end + GAP), len(profile) - 1)
        part = profile[lo:hi + 1] if lo <= hi else []
        return (min if lowest else max)(part, default=math.inf if lowest else -math.inf)

    def along(length: float, side: float) -> list[float]:
        far = length - side
        return [far - i * 12.0 for i in range(int(max(far, 0.0) / 12.0) + 1)] + [min(far, 0.0)]

    out = []

    def add(side: str, x0: float, y0: float) -> None:
        x1, y1 = x0 + lw, y0 + lh
        inside = x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height
        out.append(("inside" if inside else side, x0 + lw / 2, y0 + lh / 2,
                    max(width, x1) - min(0.0, x0), max(height, y1) - min(0.0, y0)))

    for x0 in along(width, lw):
        add("below", x0, min(0.0, over(low, x0, x0 + lw, True) - GAP - lh))
    for y0 in along(height, lh)[::-1]:
        add("right", max(width - lw, over(right, y0, y0 + lh, False) + GAP), y0)
    for x0 in along(width, lw):
        add("above", x0, max(height - lh, over(high, x0, x0 + lw, False) + GAP))
    for y0 in along(height, lh)[::-1]:
        add("left", min(0.0, over(left, y0, y0 + lh, True) - GAP - lw), y0)
    return out


@pytest.mark.parametrize("seed", range(12))
def test_legend_spots_are_those_a_full_scan_finds(seed: int) -> None:
    rng = random.Random(seed)
    width, height = rng.uniform(60, 900), rng.uniform(60, 700)
    rects = []
    for _ in range(rng.randint(0, 40)):
        x, y = rng.uniform(-20, width), rng.uniform(-20, height)
        rects.append((x, y, x + rng.uniform(1, 200), y + rng.uniform(1, 120)))
    size = (rng.uniform(20, 400), rng.uniform(20, 300))
    assert legend_spots(width, height, size, profiles(width, height, rects)) == \
        _spots_by_scanning(width, height, size, rects)


@needs_dot
@pytest.mark.parametrize("preset", ["slide", "column"])
def test_skipping_legends_that_cannot_win_keeps_the_layout(preset: str, graphs_dir: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    import pathways.layout as layout

    dataset = load_dataset(graphs_dir)
    graph = merge(dataset)
    ids = ["mgs0039-ketamine-signaling", "trd-preclinical-workflow", "esketamine-mechanism"]
    views = [figure_view(dataset, graph, dataset.figures[f], None) for f in ids]
    kept = [layout.layout_view(v, PRESETS[preset], THEMES["light"]) for v in views]
    monkeypatch.setattr(layout, "_ceiling", lambda *args: math.inf)  # place every legend
    assert [layout.layout_view(v, PRESETS[preset], THEMES["light"]) for v in views] == kept
