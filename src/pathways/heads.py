"""Arrowheads that would land on one spot, moved apart along the side of the node they enter.

dot ends an edge where its route meets the outline of the node it enters, and edges that come
in the same way (past neighbouring labels, round the same corner) meet it at nearly the same
point: two inhibitors' T-bars then join into one longer bar, three arms' arrows into a trial's
endpoint pile into one thick head, and a reader counts one link where there are several. Once
a view is laid out, the heads on one side of a node that come closer than their own width (and
HEAD_GAP) are spread along that side, in the order they came in, as little as keeps them apart
and centred where they were, and clear of the edges that leave the node on that side (a
T-bar touching a line leaving its receptor reads as part of it); each such edge's last stretch
bends to its new end, and nothing else moves. Heads that cannot all fit on the side are left
where dot put them.

Pure functions over Graphviz's JSON of a layout: `spread_heads` says, by edge id, each moved
edge's new `pos`; `layout` writes them into the laid-out DOT.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["HEAD_GAP", "Head", "heads_of", "spread", "spread_heads", "tails_of"]

HEAD_GAP = 4.0  # points left between two arrowheads on one side of a node
SIDE_USE = 1.0  # the share of a side, about its middle, that heads are spread over
CORNER = 0.15  # how near the diagonal a head is taken to be at a corner (see `_side`)
APPROACH = 24.0  # points out from a node at which the order of the edges coming in is read

Point = tuple[float, float]


@dataclass(frozen=True)
class Head:
    """An edge's end at its head node: the edge id, the node, the side it enters (top, bottom,
    left or right, Graphviz's y growing upwards), where its tip and arrowhead lie along that
    side (`at`, `lo`, `hi`) and where along it the edge runs APPROACH points out (`came`:
    heads spread in that order do not cross on their way in), and its `pos` as written. A
    `fixed` one is where an edge leaves the node (`tails_of`): heads keep clear of it, and it
    does not move."""

    edge: str
    node: int
    side: str
    at: float
    lo: float
    hi: float
    came: float
    pos: str
    fixed: bool = False


def _points(ops: list[dict[str, Any]]) -> list[Point]:
    """The corner and control points of every polygon, polyline and curve in a draw list."""
    return [(float(x), float(y)) for op in ops if op["op"] in "pPbBL"
            for x, y in op["points"]]


def _ends(pos: str) -> tuple[Point | None, Point | None, list[Point]] | None:
    """The start arrow's tip (`s,x,y`, or None), the end arrow's tip (`e,x,y`, or None) and
    the curve's points (a start point, then control-point triples) of an edge's `pos`; None for
    an edge drawn as more than one curve."""
    if ";" in pos:
        return None
    start = end = None
    curve = []
    for token in pos.replace("\\\n", "").split():
        x, y = (float(v) for v in token.removeprefix("s,").removeprefix("e,").split(","))
        if token.startswith("s,"):
            start = (x, y)
        elif token.startswith("e,"):
            end = (x, y)
        else:
            curve.append((x, y))
    return (start, end, curve) if len(curve) >= 4 else None


def _sampled(points: list[Point], steps: int = 8) -> list[Point]:
    """Points along a B-spline (a start point then control-point triples), start to end."""
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = points[i:i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            u = 1 - t
            w0, w1, w2, w3 = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            out.append((w0 * ax + w1 * bx + w2 * cx + w3 * dx,
                        w0 * ay + w1 * by + w2 * cy + w3 * dy))
    return out


def _approach(tip: Point, points: list[Point], axis: int) -> float:
    """Where along the side (`axis`: 0 for x, 1 for y) the edge is APPROACH points out from
    the side it enters: heads spread in that order do not cross on their way in. Where the
    whole curve is nearer than that, its start."""
    across = 1 - axis
    for end in range(len(points) - 1, 2, -3):  # piece by piece from the end: few are looked at
        for x, y in reversed(_sampled(points[end - 3:end + 1])):
            if abs((x, y)[across] - tip[across]) >= APPROACH:
                return (x, y)[axis]
    return points[0][axis]


def _side(centre: Point, half: Point, tip: Point, came: Point) -> str:
    """The side of a node (`centre`, half width and height `half`) that `tip` lies on; at a
    corner, the side the edge was heading for (`came`: its direction at the end)."""
    nx = (tip[0] - centre[0]) / half[0] if half[0] else 0.0
    ny = (tip[1] - centre[1]) / half[1] if half[1] else 0.0
    if abs(abs(nx) - abs(ny)) < CORNER:  # a corner: the way in decides
        nx, ny = -came[0], -came[1]
    if abs(nx) > abs(ny):
        return "right" if nx > 0 else "left"
    return "top" if ny > 0 else "bottom"


def _nodes(data: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {obj["_gvid"]: obj for obj in data.get("objects", [])
            if "pos" in obj and "bb" not in obj and "_gvid" in obj}


def _shown(edge: dict[str, Any]) -> bool:
    return bool(edge.get("id")) and "invis" not in edge.get("style", "")


def _end(node: dict[str, Any], tip: Point, inward: Point) -> tuple[str, int]:
    """The side of `node` an edge ends at `tip` on, heading `inward`, and its axis (0: the
    side runs along x, 1: along y)."""
    cx, cy = (float(v) for v in node["pos"].split(","))
    half = (float(node["width"]) * 36, float(node["height"]) * 36)
    side = _side((cx, cy), half, tip, inward)
    return side, 0 if side in ("top", "bottom") else 1


def heads_of(data: dict[str, Any]) -> list[Head]:
    """Every drawn edge's head in a laid-out graph (Graphviz JSON) that has an arrowhead, an id
    and a single curve, with the side of the node it enters."""
    nodes = _nodes(data)
    out = []
    for edge in data.get("edges", []):
        node, arrow = nodes.get(edge.get("head")), _points(edge.get("_hdraw_", []))
        ends = _ends(edge.get("pos", ""))
        if node is None or not arrow or ends is None or ends[1] is None or not _shown(edge):
            continue
        _, tip, points = ends
        last = points[-1]
        side, axis = _end(node, tip, (tip[0] - last[0], tip[1] - last[1]))
        along = [p[axis] for p in arrow]
        out.append(Head(edge["id"], edge["head"], side, tip[axis], min(along), max(along),
                        _approach(tip, points, axis), edge["pos"]))
    return out


def tails_of(data: dict[str, Any]) -> list[Head]:
    """Where each drawn edge with an id and a single curve leaves its tail node, as a `fixed`
    mark the width of a line: heads on that side are spread clear of it."""
    nodes = _nodes(data)
    out = []
    for edge in data.get("edges", []):
        node, ends = nodes.get(edge.get("tail")), _ends(edge.get("pos", ""))
        if node is None or ends is None or not _shown(edge):
            continue
        arrow, _, points = ends
        start = arrow or points[0]
        side, axis = _end(node, start, (start[0] - points[1][0], start[1] - points[1][1]))
        width = float(edge.get("penwidth", 1.0)) / 2
        out.append(Head(edge["id"], edge["tail"], side, start[axis], start[axis] - width,
                        start[axis] + width, _approach(start, points[::-1], axis),
                        edge["pos"], fixed=True))
    return out


PINNED = 1e6  # the weight of a fixed mark where a run's place is the mean of its wishes


def spread(heads: list[Head], low: float, high: float) -> dict[str, float]:
    """How far to move each of `heads` (all on one side of one node) along the side, by edge
    id, so that no two arrowheads (or an arrowhead and a `fixed` mark: an edge leaving there)
    come within HEAD_GAP of each other: in the order the edges come in along the side
    (`Head.came`), each run of crowded ones packed as closely as that allows about the mean of
    where they were (the usual merging of blocks; a run with a fixed mark stays where that
    is), then slid inside `low` to `high`. Heads with room are not moved; nothing is in a run
    that will not fit inside `low` to `high`, or that holds no head."""
    ordered = sorted(heads, key=lambda h: (h.came, h.at, h.edge))
    # A block is a run of `ordered` packed edge to edge: [first, count, width, wish, weight],
    # where wish sums each member's weighted wish (its `lo` less its offset in the block), so
    # a merge is O(1) and the block starts at wish / weight.
    blocks: list[list[float]] = []
    for i, head in enumerate(ordered):
        weight = PINNED if head.fixed else 1.0
        blocks.append([i, 1, head.hi - head.lo, weight * head.lo, weight])
        while len(blocks) > 1 and (blocks[-2][3] / blocks[-2][4] + blocks[-2][2] + HEAD_GAP
                                   > blocks[-1][3] / blocks[-1][4]):
            last = blocks.pop()
            block = blocks[-1]
            shift = block[2] + HEAD_GAP
            block[3] += last[3] - shift * last[4]
            block[4] += last[4]
            block[1] += last[1]
            block[2] = shift + last[2]
    moves: dict[str, float] = {}
    for first, count, width, wish, weight in blocks:
        members = ordered[int(first):int(first + count)]
        if count < 2 or all(h.fixed for h in members):
            continue  # room enough, or nothing to move
        offsets = list(itertools.accumulate((h.hi - h.lo + HEAD_GAP for h in members[:-1]),
                                            initial=0.0))
        pinned = [o - h.lo for h, o in zip(members, offsets, strict=True) if h.fixed]
        at = -pinned[0] if pinned else wish / weight  # a fixed mark stays exactly where it is
        if not pinned:  # slid inside the side, where it fits
            if width > high - low:
                continue
            at = min(max(at, low), high - width)
        shifts = [at + o - h.lo for h, o in zip(members, offsets, strict=True)]
        if len(pinned) > 1 or any(
                not h.fixed and not (low <= h.lo + d and h.hi + d <= high)
                for h, d in zip(members, shifts, strict=True)):
            continue  # two edges leave too close to pack between, or no room on the side
        moves.update((h.edge, d) for h, d in zip(members, shifts, strict=True) if not h.fixed)
    return moves


def _outline(node: dict[str, Any]) -> tuple[list[list[Point]], list[tuple[float, ...]]]:
    """A node's drawn outline: each polygon's corners and each curve's course (a rounded box's
    corners as drawn), and its ellipses as (centre x, centre y, radius x, radius y)."""
    shapes, ellipses = [], []
    for op in node.get("_draw_", []):
        if op["op"] in "eE":
            ellipses.append(tuple(float(v) for v in op["rect"]))
        elif op["op"] in "pPbBL":
            points = [(float(x), float(y)) for x, y in op["points"]]
            shapes.append(_sampled(points) if op["op"] in "bB" and len(points) >= 4 else points)
    return shapes, ellipses


def _edge_at(side: str, at: float, node: dict[str, Any]) -> float | None:
    """Where the node's outline lies across its `side` at `at` along it (the outermost of its
    outlines: the y of the top or bottom, the x of the left or right side), or None where the
    outline does not reach `at`."""
    shapes, ellipses = _outline(node)
    axis = 0 if side in ("top", "bottom") else 1
    outer = max if side in ("top", "right") else min
    found = []
    for cx, cy, rx, ry in ellipses:
        centre, radius = (cx, cy)[axis], (rx, ry)[axis]
        if radius and abs(at - centre) <= radius:
            reach = (ry, rx)[axis] * math.sqrt(1 - ((at - centre) / radius) ** 2)
            other = (cy, cx)[axis]
            found.append(other + reach if outer is max else other - reach)
    for points in shapes:
        for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1], strict=True):
            a, b = ((ax, ay), (bx, by)) if axis == 0 else ((ay, ax), (by, bx))
            if min(a[0], b[0]) <= at <= max(a[0], b[0]) and a[0] != b[0]:
                found.append(a[1] + (b[1] - a[1]) * (at - a[0]) / (b[0] - a[0]))
    if not found:  # nothing drawn (a plain HTML label): the node's box
        cx, cy = (float(v) for v in node["pos"].split(","))
        half = (float(node["width"]) * 36, float(node["height"]) * 36)
        centre, reach = (cx, cy)[axis], half[axis]
        if abs(at - centre) > reach:
            return None
        other, depth = (cy, cx)[axis], (half[1], half[0])[axis]
        return other + depth if outer is max else other - depth
    return outer(found)


def _moved_pos(pos: str, shift: Point) -> str:
    """An edge's `pos` with its arrow tip and the end of its curve (its last point and the
    control point before it) moved by `shift`: the last stretch bends to the new end."""
    tokens = pos.replace("\\\n", "").split()
    curve = [i for i, t in enumerate(tokens) if not t.startswith(("e,", "s,"))]
    moved = {i for i, t in enumerate(tokens) if t.startswith("e,")} | set(curve[-2:])
    out = []
    for i, token in enumerate(tokens):
        if i in moved:
            prefix = token[:2] if token.startswith("e,") else ""
            x, y = (float(v) for v in token[len(prefix):].split(","))
            token = f"{prefix}{x + shift[0]:.2f},{y + shift[1]:.2f}"
        out.append(token)
    return " ".join(out)


def _bundled(tails: list[Head]) -> list[Head]:
    """Fixed marks less than HEAD_GAP apart (edges leaving a node at one spot, as dot often
    starts them) as one mark across them all."""
    out: list[Head] = []
    for tail in sorted(tails, key=lambda t: (t.lo, t.edge)):
        if out and tail.lo < out[-1].hi + HEAD_GAP:
            last = out[-1]
            out[-1] = replace(last, hi=max(last.hi, tail.hi), came=(last.came + tail.came) / 2)
        else:
            out.append(tail)
    return out


def spread_heads(data: dict[str, Any]) -> dict[str, str]:
    """The new `pos`, by edge id, of every edge whose arrowhead `spread` moves in a laid-out
    graph (Graphviz JSON): along its side of the node, its tip kept as far from the outline as
    dot put it (a curved outline, an ellipse's, is followed)."""
    nodes = _nodes(data)
    sides: dict[tuple[int, str], list[Head]] = {}
    for head in heads_of(data):
        sides.setdefault((head.node, head.side), []).append(head)
    for tail in tails_of(data):
        if (tail.node, tail.side) in sides:
            sides[(tail.node, tail.side)].append(tail)
    out: dict[str, str] = {}
    for (number, side), found in sorted(sides.items()):
        heads = [h for h in found if not h.fixed] + _bundled([h for h in found if h.fixed])
        if len(heads) < 2:
            continue
        node = nodes[number]
        axis = 0 if side in ("top", "bottom") else 1
        centre = float(node["pos"].split(",")[axis])
        reach = float(node["width" if axis == 0 else "height"]) * 36 * SIDE_USE
        moves = spread(heads, centre - reach, centre + reach)
        for head in heads:
            shift = moves.get(head.edge)
            if not shift:
                continue
            before, after = _edge_at(side, head.at, node), _edge_at(side, head.at + shift, node)
            if before is None or after is None:
                continue
            out[head.edge] = _moved_pos(head.pos, (shift, after - before) if axis == 0
                                        else (after - before, shift))
    return out
