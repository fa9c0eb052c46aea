"""Arrowheads on one spot moved apart (`pathways.heads`): the packing along a side, the edges'
new ends on the node's outline, and, in the drawn catalog, no two arrowheads into one node
touching (two inhibitors' T-bars read as one bar, three arms' arrows as one head)."""

from __future__ import annotations

import itertools
import math
import shutil
from pathlib import Path
from typing import Any

import pytest

from helpers import touching_heads
from pathways.heads import HEAD_GAP, Head, heads_of, spread, spread_heads

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not on PATH")


def _spread(heads: list[Head], low: float, high: float) -> dict[str, float]:
    """`spread`, by edge id alone (every head here is at its edge's end)."""
    moves = spread(heads, low, high)
    assert all(key.endswith(">") for key in moves)
    return {key[:-1]: shift for key, shift in moves.items()}


def _head(edge: str, at: float, width: float = 10.0, came: float | None = None) -> Head:
    return Head(edge, 1, "left", at, at - width / 2, at + width / 2,
                at if came is None else came, "")


# --- packing along one side -----------------------------------------------------------------


def test_crowded_heads_are_packed_apart_about_where_they_were() -> None:
    heads = [_head("a", 100.0), _head("b", 103.0), _head("c", 104.0)]
    moves = _spread(heads, 0.0, 400.0)
    placed = sorted(h.at + moves.get(h.edge, 0.0) for h in heads)
    assert all(b - a >= 10.0 + HEAD_GAP - 1e-9 for a, b in itertools.pairwise(placed))
    assert math.isclose(sum(placed) / 3, (100 + 103 + 104) / 3)  # centred where they were


def test_a_crowd_of_heads_on_one_spot_is_packed_in_order() -> None:
    heads = [_head(f"h{i:03}", 500.0, came=float(i)) for i in range(60)]
    moves = _spread(heads, 0.0, 1000.0)
    placed = [500.0 + moves[h.edge] for h in heads]  # in the order they come in
    assert all(b - a == pytest.approx(10.0 + HEAD_GAP) for a, b in itertools.pairwise(placed))
    assert sum(placed) / len(placed) == pytest.approx(500.0)


def test_heads_with_room_stay_and_a_crowded_pair_moves_alone() -> None:
    heads = [_head("a", 50.0), _head("b", 100.0), _head("c", 101.0)]
    moves = _spread(heads, 0.0, 400.0)
    assert "a" not in moves
    assert set(moves) == {"b", "c"}


def test_heads_keep_the_order_the_edges_come_in() -> None:
    # "b" ends a little below "a" but comes in from above it: spread, it lands above.
    heads = [_head("a", 100.0, came=90.0), _head("b", 99.0, came=140.0)]
    moves = _spread(heads, 0.0, 400.0)
    assert 99.0 + moves["b"] > 100.0 + moves["a"]


def test_heads_packed_inside_the_side_and_left_alone_without_room() -> None:
    heads = [_head("a", 5.0), _head("b", 6.0)]
    moves = _spread(heads, 0.0, 100.0)
    assert min(h.lo + moves.get(h.edge, 0.0) for h in heads) >= 0.0
    assert _spread(heads, 0.0, 20.0) == {}  # 24 pt of heads on a 20 pt side: as dot drew them


def test_heads_too_many_for_their_side_are_squeezed_along_it_each_tip_apart() -> None:
    # Four 10 pt heads on a 36 pt side: 4 pt apart they need 52 pt.
    heads = [_head(name, 18.0 + k * 0.5, came=float(k)) for k, name in enumerate("abcd")]
    assert _spread(heads, 0.0, 36.0) == {}  # no room given: as dot drew them
    moves = spread(heads, 0.0, 36.0, room=(0.0, 36.0))
    starts = [h.lo + moves.get(h.edge + ">", 0.0) for h in heads]  # in the order they came in
    assert starts[0] == pytest.approx(0.0) and starts[-1] + 10.0 == pytest.approx(36.0)
    steps = [b - a for a, b in itertools.pairwise(starts)]
    assert all(step == pytest.approx(26.0 / 3) for step in steps)  # evenly, each tip its own
    # Ten would overlap by more than half a head: left as dot drew them.
    many = [_head(f"h{k}", 18.0, came=float(k)) for k in range(10)]
    assert spread(many, 0.0, 36.0, room=(0.0, 36.0)) == {}


def test_heads_are_squeezed_only_where_the_outline_faces_them() -> None:
    from pathways.heads import _room

    box = {"pos": "100,100", "width": "1", "height": "0.5",
           "_draw_": [{"op": "p", "points": [[64, 82], [136, 82], [136, 118], [64, 118]]}]}
    assert _room("left", box, 82.0, 118.0) == pytest.approx((82.0, 118.0))
    ellipse = {"pos": "100,100", "width": "1", "height": "0.5",
               "_draw_": [{"op": "e", "rect": [100, 100, 36, 18]}]}
    low, high = _room("left", ellipse, 82.0, 118.0)
    # Where the ellipse's left side lies within 4 pt of its leftmost point: its middle third.
    assert 82.0 + 9.0 < low < 100.0 < high < 118.0 - 9.0


def test_a_head_keeps_clear_of_an_edge_leaving_there_which_does_not_move() -> None:
    # An edge leaves the side at 100 (a 1 pt line); a 10 pt head came in just beside it.
    leaving = Head("out", 1, "left", 100.0, 99.5, 100.5, 100.0, "", fixed=True)
    heads = [_head("in", 103.0, came=110.0), leaving]
    moves = _spread(heads, 0.0, 400.0)
    assert "out" not in moves
    assert 103.0 - 5.0 + moves["in"] >= 100.5 + HEAD_GAP - 1e-9  # its head clear of the line
    assert _spread([_head("in", 130.0, came=130.0), leaving], 0.0, 400.0) == {}  # room: stays
    # Packed against the leaving edge, the head would leave the side: it stays as dot drew it.
    assert _spread([_head("in", 103.0, came=110.0), leaving], 0.0, 110.0) == {}


# --- edges' new ends, from Graphviz's JSON ----------------------------------------------------


def _graph(node: dict[str, Any], tips: list[tuple[float, float]]) -> dict[str, Any]:
    """A laid-out graph (as Graphviz writes JSON) of edges from the left into `node`, each a
    straight curve ending in a 10 pt wide arrowhead at its tip."""
    edges = []
    for i, (x, y) in enumerate(tips):
        start = (x - 60.0, y + 30.0 * i)
        pos = (f"e,{x:.2f},{y:.2f} {start[0]:.2f},{start[1]:.2f} {x - 40:.2f},{y:.2f} "
               f"{x - 20:.2f},{y:.2f} {x - 10:.2f},{y:.2f}")
        edges.append({"id": f"e{i}", "head": 1, "tail": 0, "pos": pos,
                      "_hdraw_": [{"op": "P", "points": [[x - 10, y - 5], [x, y], [x - 10, y + 5]]}]})
    return {"objects": [{"_gvid": 0, "pos": "0,0", "width": "0.5", "height": "0.5"}, node],
            "edges": edges}


def _ends(pos: str) -> tuple[tuple[float, float], list[str]]:
    tokens = pos.split()
    x, y = (float(v) for v in tokens[0][2:].split(","))
    return (x, y), tokens[1:]


def test_two_heads_on_one_spot_of_a_box_move_apart_along_its_side() -> None:
    box = {"_gvid": 1, "pos": "100,100", "width": "1", "height": "1",  # 72 x 72 pt
           "_draw_": [{"op": "p", "points": [[64, 64], [136, 64], [136, 136], [64, 136]]}]}
    data = _graph(box, [(64.0, 100.0), (64.0, 102.0)])
    assert {h.side for h in heads_of(data)} == {"left"}
    new = spread_heads(data)
    assert set(new) == {"e0", "e1"}
    (x0, y0), rest0 = _ends(new["e0"])
    (x1, y1), _ = _ends(new["e1"])
    assert x0 == x1 == 64.0  # still on the box's left side
    assert abs(y1 - y0) >= 10.0 + HEAD_GAP - 0.01
    assert rest0[0] == data["edges"][0]["pos"].split()[1]  # the curve's start kept


def test_a_head_on_an_ellipse_follows_its_outline() -> None:
    ellipse = {"_gvid": 1, "pos": "100,100", "width": "2", "height": "1",  # rx 72, ry 36
               "_draw_": [{"op": "e", "rect": [100, 100, 72, 36]}]}
    top = [(100.0, 136.0), (101.0, 136.0)]
    data = _graph(ellipse, top)
    for edge in data["edges"]:  # coming down onto the top of the ellipse
        edge["_hdraw_"] = [{"op": "P", "points": [[x - 5, 146.0], [x, 136.0], [x + 5, 146.0]]}
                           for x, _ in [top[int(edge["id"][1])]]]
        (x, y) = top[int(edge["id"][1])]
        edge["pos"] = f"e,{x},{y} {x},{y + 60} {x},{y + 40} {x},{y + 20} {x},{y + 10}"
    new = spread_heads(data)
    for edge_id, pos in new.items():
        (x, y), _ = _ends(pos)
        on_outline = 100 + 36 * math.sqrt(1 - ((x - 100) / 72) ** 2)
        assert math.isclose(y, on_outline, abs_tol=0.02), edge_id
    xs = sorted(_ends(pos)[0][0] for pos in new.values())
    assert xs[1] - xs[0] >= 10.0 + HEAD_GAP - 0.01


def _beside_leaving(y0: float, y1: float, leaving: float) -> list[float]:
    """The tips, once spread, of two arrowheads landing at y 100 on the left side (y0 to y1)
    of a 72 pt wide box, an edge leaving that side at y `leaving`, which does not move."""
    box = {"_gvid": 1, "pos": f"100,{(y0 + y1) / 2}", "width": "1",
           "height": f"{(y1 - y0) / 72:.5f}",
           "_draw_": [{"op": "p", "points": [[64, y0], [136, y0], [136, y1], [64, y1]]}]}
    data = _graph(box, [(64.0, 100.0), (64.0, 100.0)])
    data["objects"].append({"_gvid": 2, "pos": "0,200", "width": "0.5", "height": "0.5"})
    data["edges"].append({"id": "out", "tail": 1, "head": 2, "penwidth": "1.8",
                          "pos": f"64.00,{leaving:.2f} 40.00,{leaving:.2f} 20.00,150.00 "
                                 "0.00,182.00"})
    new = spread_heads(data)
    assert "out" not in new
    return sorted(_ends(new[e])[0][1] if e in new else 100.0 for e in ("e0", "e1"))


def test_the_gap_between_heads_is_left_between_their_strokes() -> None:
    # A 3 pt line strokes its arrowhead 1.5 pt wider each side: 4 pt between the outlines
    # showed 1 pt between the drawn heads.
    box = {"_gvid": 1, "pos": "100,100", "width": "1", "height": "1",
           "_draw_": [{"op": "p", "points": [[64, 64], [136, 64], [136, 136], [64, 136]]}]}
    data = _graph(box, [(64.0, 100.0), (64.0, 100.0)])
    for edge in data["edges"]:
        edge["penwidth"] = "3"
    tips = sorted(_ends(pos)[0][1] for pos in spread_heads(data).values())
    assert tips[1] - tips[0] >= 10.0 + 3.0 + HEAD_GAP - 0.01


def test_heads_with_no_room_between_strokes_still_keep_clear_of_a_leaving_edge() -> None:
    # Above the edge leaving at y 80 (0.9 pt either side) the side has 29 pt: two 10 pt heads
    # 4 pt apart and 4 pt off the line fit (28 pt), with their strokes 4 pt apart (30) not.
    box = {"_gvid": 1, "pos": "100,89.95", "width": "1", "height": f"{39.9 / 72:.5f}",
           "_draw_": [{"op": "p", "points": [[64, 70], [136, 70], [136, 109.9], [64, 109.9]]}]}
    data = _graph(box, [(64.0, 84.0), (64.0, 84.0)])
    data["objects"].append({"_gvid": 2, "pos": "0,200", "width": "0.5", "height": "0.5"})
    data["edges"].append({"id": "out", "tail": 1, "head": 2, "penwidth": "1.8",
                          "pos": "64.00,80.00 40.00,80.00 20.00,150.00 0.00,182.00"})
    new = spread_heads(data)
    tips = sorted(_ends(new[e])[0][1] for e in ("e0", "e1"))
    assert tips[0] - 5.0 >= 80.9 + HEAD_GAP - 0.01  # clear of the leaving edge
    assert tips[1] - tips[0] >= 10.0 + HEAD_GAP - 0.01
    assert tips[1] + 5.0 <= 109.9 + 0.01


def test_heads_on_one_spot_beside_a_leaving_edge_go_either_side_of_it() -> None:
    """No room to pack both on one side of an edge leaving the middle of the side: one goes
    above it and one below, all three clear of each other."""
    tips = _beside_leaving(82.0, 118.0, 99.0)
    assert tips[0] + 5 + HEAD_GAP <= 99.0 - 0.9 and tips[1] - 5 >= 99.0 + 0.9 + HEAD_GAP


def test_heads_clear_a_leaving_edge_just_beyond_them_too() -> None:
    """The leaving edge 4 pt past the heads' crowd, not in it: packed in the order they come
    in, one head would land on it; one goes either side of it instead."""
    tips = _beside_leaving(84.0, 127.0, 110.0)
    assert tips[1] - tips[0] >= 10.0 + HEAD_GAP - 0.01
    assert all(abs(t - 110.0) >= 5.0 + 0.9 + HEAD_GAP - 0.01 for t in tips)


def test_a_moved_edge_stays_smooth_at_its_joints_and_keeps_its_start() -> None:
    from pathways.heads import _bent

    # Two pieces, a joint at 60 whose control point before it lies far back (at 20).
    curve = [(0.0, 0.0), (10.0, 0.0), (20.0, 0.0), (60.0, 0.0), (62.0, 0.0), (64.0, 0.0),
             (66.0, 0.0)]
    bent = _bent(curve, (0.0, 5.0))
    assert bent[:2] == curve[:2]  # the start, and its way out, kept
    assert bent[-1] == (66.0, 5.0) and bent[-2] == (64.0, 5.0)  # the way in kept
    (ax, ay), (jx, jy), (bx, by) = bent[2:5]  # the joint and the control points either side
    assert abs((jx - ax) * (by - jy) - (jy - ay) * (bx - jx)) < 1e-9  # in line: no kink


# --- the drawn catalog ------------------------------------------------------------------------


@needs_dot
def test_no_two_arrowheads_into_one_node_touch_in_any_catalog_figure(catalog: Path) -> None:
    # Before heads were spread: the NR2B figure's two T-bars, and the phase 2 trial's and the
    # social defeat study's arms' arrows into one result, each drawn as one.
    assert touching_heads(catalog) == []


@needs_dot
@pytest.mark.parametrize("args", [
    # Arrows drawn backwards along a row (`dir=back`: at the curve's start) into mTOR, and one
    # at its corner from above, on another side.
    ["ketamine", "mgs0039", "--highlight", "ampa_receptor"],
    # Two arrows into BDNF on one spot, beside an edge leaving it with no room to pack them
    # away from it: apart from each other all the same.
    ["mij821", "ketamine", "esketamine", "--preset", "column"],
    # Four arrows into Synaptogenesis's left side, 36 pt tall: too many to fit 4 pt apart, they
    # piled into one; squeezed along it, each tip has its own place.
    ["--around", "synaptogenesis", "--depth", "1"],
])
def test_no_two_arrowheads_into_one_node_touch_in_render_views(
        args: list[str], tmp_path: Path, graphs_dir: Path) -> None:
    from click.testing import CliRunner

    from pathways.cli import main

    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "render", *args,
                                       "-o", str(tmp_path / "view.svg")])
    assert result.exit_code == 0, result.output
    assert touching_heads(tmp_path) == []
