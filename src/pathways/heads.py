"""Arrowheads that would land on one spot, moved apart along the side of the node they enter.

dot ends an edge where its route meets the outline of the node it enters, and edges that come
in the same way (past neighbouring labels, round the same corner) meet it at nearly the same
point: two inhibitors' T-bars then join into one longer bar, three arms' arrows into a trial's
endpoint pile into one thick head, and a reader counts one link where there are several. Once
a view is laid out, the arrowheads on one side of a node that come closer than HEAD_GAP to
each other, or to an edge leaving the node there (a T-bar touching a line that leaves its
receptor reads as part of it), are spread along that side: in the order their edges come in,
as little as keeps them apart, centred where they were (beside a leaving edge, which stays,
packed away from it). The end of each moved edge bends to its new place, and nothing else
moves. A crowd that will not fit on its side is left where dot put it.

An arrowhead is an edge's end with an arrow: at its head (`e,x,y` in its `pos`), or at its
tail for an edge drawn backwards (`dir=back`: `s,x,y`). Pure functions over Graphviz's JSON of
a layout: `spread_heads` says, by edge id, each moved edge's new `pos`; `layout` writes them
into the laid-out DOT.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["HEAD_GAP", "Head", "heads_of", "spread", "spread_heads"]

HEAD_GAP = 4.0  # points left between two arrowheads on one side of a node
CORNER = 2.0  # points: an end this much nearer one side than another is at a corner
APPROACH = 24.0  # points out from a node at which the order of the edges coming in is read
BEND = 30.0  # points along a moved edge over which it bends to its new end, at the least
UNCLIPPED = 8.0  # points off the drawn outline past which a tip was left there on purpose
SQUEEZE_DEPTH = 4.0  # points inside its outermost point the outline may lie, heads squeezed

Point = tuple[float, float]


@dataclass(frozen=True)
class Head:
    """An edge's end at a node: the edge id, the node, the side it meets (top, bottom, left or
    right, Graphviz's y growing upwards), where its tip and arrowhead lie along that side
    (`at`, `lo`, `hi`) and where along it the edge runs APPROACH points out (`came`: ends
    spread in that order do not cross on their way in), its `pos` as written, whether the end
    is the curve's start (`start`), its arrowhead's corners (`arrow`) and where its tip lies
    across the side (`across`: its y on the top or bottom, its x on a side). A `fixed` one is
    an end with no arrow, where an edge leaves the node: arrowheads keep clear of it, and it
    does not move. `lo` and `hi` take in the `stroke` round the arrowhead (or the line), half
    as wide as the edge's line."""

    edge: str
    node: int
    side: str
    at: float
    lo: float
    hi: float
    came: float
    pos: str
    fixed: bool = False
    start: bool = False
    arrow: tuple[Point, ...] = ()
    across: float = 0.0
    stroke: float = 0.0


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
    """Where along the side (`axis`: 0 for x, 1 for y) a curve ending at `points[-1]` (by
    `tip`) is APPROACH points out from the side it meets: ends spread in that order do not
    cross on their way in. Where the whole curve is nearer than that, its start."""
    across = 1 - axis
    for end in range(len(points) - 1, 2, -3):  # piece by piece from the end: few are looked at
        for x, y in reversed(_sampled(points[end - 3:end + 1])):
            if abs((x, y)[across] - tip[across]) >= APPROACH:
                return (x, y)[axis]
    return points[0][axis]


def _side(node: dict[str, Any], tip: Point, inward: Point) -> tuple[str, int]:
    """The side of `node`'s box an edge ending at `tip` meets, the nearest; at a corner (two
    sides within CORNER points), the side it was heading for (`inward`: its direction at the
    end). With the side's axis: 0 where it runs along x, 1 along y."""
    cx, cy = (float(v) for v in node["pos"].split(","))
    hw, hh = float(node["width"]) * 36, float(node["height"]) * 36
    near = sorted([(abs(cy + hh - tip[1]), "top"), (abs(tip[1] - cy + hh), "bottom"),
                   (abs(tip[0] - cx + hw), "left"), (abs(cx + hw - tip[0]), "right")])
    side = near[0][1]
    if near[1][0] - near[0][0] < CORNER:
        dx, dy = inward
        side = ("left" if dx > 0 else "right") if abs(dx) > abs(dy) else \
            ("bottom" if dy > 0 else "top")
    return side, 0 if side in ("top", "bottom") else 1


def _nodes(data: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {obj["_gvid"]: obj for obj in data.get("objects", [])
            if "pos" in obj and "bb" not in obj and "_gvid" in obj}


def _all_ends(data: dict[str, Any]) -> list[Head]:
    """Both ends of every drawn edge with an id and a single curve: an end with an arrow
    drawn (`_hdraw_` at the head, `_tdraw_` at the tail of an edge drawn backwards) as a head
    spread may move, the other as a `fixed` mark the width of its line."""
    nodes = _nodes(data)
    out = []
    for edge in data.get("edges", []):
        ends = _ends(edge.get("pos", ""))
        if ends is None or not edge.get("id") or "invis" in edge.get("style", ""):
            continue
        s_tip, e_tip, points = ends
        line = float(edge.get("penwidth", 1.0)) / 2
        for start, number, tip, arrow, course in (
                (True, edge.get("tail"), s_tip, edge.get("_tdraw_", []), points[::-1]),
                (False, edge.get("head"), e_tip, edge.get("_hdraw_", []), points)):
            node, drawn = nodes.get(number), _points(arrow) if tip is not None else []
            if node is None:
                continue
            end = tip or course[-1]
            side, axis = _side(node, end, (end[0] - course[-2][0], end[1] - course[-2][1]))
            # As drawn: an arrowhead's outline is stroked as wide as its line, half of it
            # outside (a 1.8 pt T-bar 4 pt from another showed 2.2 pt between them).
            along = [p[axis] for p in drawn] or [end[axis]]
            out.append(Head(edge["id"], number, side, end[axis], min(along) - line,
                            max(along) + line, _approach(end, course, axis), edge["pos"],
                            fixed=not drawn, start=start, arrow=tuple(drawn),
                            across=end[1 - axis], stroke=line))
    return out


def heads_of(data: dict[str, Any]) -> list[Head]:
    """Every drawn arrowhead in a laid-out graph (Graphviz JSON) of an edge with an id and a
    single curve, with the side of the node it meets."""
    return [h for h in _all_ends(data) if not h.fixed]


def _order(heads: list[Head]) -> list[Head]:
    """`heads` along their side: apart, by where they lie; a crowd of them (each within
    HEAD_GAP of the next), by where their edges come in (`Head.came`)."""
    out: list[Head] = []
    crowd: list[Head] = []
    reach = -math.inf
    for head in sorted(heads, key=lambda h: (h.lo, h.edge)):
        if crowd and head.lo >= reach + HEAD_GAP:
            out += _by_way_in(crowd)
            crowd = []
        crowd.append(head)
        reach = max(reach, head.hi) if len(crowd) > 1 else head.hi
    return out + _by_way_in(crowd)


def _by_way_in(crowd: list[Head]) -> list[Head]:
    """A crowd in the order its edges come in (`Head.came`), the fixed marks, which cannot
    move, in the places that order gives them but in their own order along the side."""
    ordered = sorted(crowd, key=lambda h: (h.came, h.at, h.edge))
    fixed = iter(sorted((h for h in crowd if h.fixed), key=lambda h: (h.lo, h.edge)))
    return [next(fixed) if h.fixed else h for h in ordered]


@dataclass
class _Block:
    """A run of heads packed edge to edge, from `first` in the order, `count` of them, `width`
    wide; `wish` sums each movable one's wish (its `lo` less its offset in the run) and
    `movers` counts them, so the run's own wish is their mean; `pin` is where a fixed mark in
    it puts the run's start, and `pins` how many fixed marks it holds."""

    first: int
    count: int
    width: float
    wish: float
    movers: int
    pin: float | None
    pins: int

    def start(self, low: float, high: float) -> float:
        if self.pin is not None:
            return self.pin
        mean = self.wish / self.movers
        return min(max(mean, low), high - self.width) if self.width <= high - low else mean


def spread(heads: list[Head], low: float, high: float, *, one_crowd: bool = False,
           room: tuple[float, float] | None = None) -> dict[str, float]:
    """How far to move each of `heads` (all on one side of one node) along the side, by edge
    end (the edge id, then "<" for an arrow at the curve's start, ">" at its end), so that no
    two arrowheads (nor an arrowhead and a `fixed` mark: an edge leaving there) come within
    HEAD_GAP of each other: in their `_order`, each run of crowded ones packed as closely as
    that allows about the mean of where they were and inside `low` to `high` (the usual
    merging of blocks), a run with a fixed mark where that mark is. Heads with room are not
    moved; nor is any in a run that will not fit inside `low` to `high` or that holds two
    fixed marks, except that a run of arrowheads alone that will not fit is `_squeezed` into
    `room` where that is given. `one_crowd`: the whole side taken as one crowd, in the order the
    edges come in (`_other_ways` tries leaving edges at other places in that order)."""
    ordered = _by_way_in(heads) if one_crowd else _order(heads)
    blocks: list[_Block] = []
    for i, head in enumerate(ordered):
        blocks.append(_Block(i, 1, head.hi - head.lo, 0.0, 0, head.lo, 1) if head.fixed
                      else _Block(i, 1, head.hi - head.lo, head.lo, 1, None, 0))
        while len(blocks) > 1 and (blocks[-2].start(low, high) + blocks[-2].width + HEAD_GAP
                                   > blocks[-1].start(low, high)):
            last = blocks.pop()
            block = blocks[-1]
            shift = block.width + HEAD_GAP
            block.wish += last.wish - shift * last.movers
            block.movers += last.movers
            if block.pin is None and last.pin is not None:
                block.pin = last.pin - shift
            block.pins += last.pins
            block.count += last.count
            block.width = shift + last.width
    moves: dict[str, float] = {}
    for block in blocks:
        members = ordered[block.first:block.first + block.count]
        if block.count >= 2 and not block.pins and block.width > high - low and room:
            moves.update(_squeezed(members, *room))
            continue
        if block.count < 2 or block.pins > 1 or not block.movers or \
                (block.pin is None and block.width > high - low):
            continue
        at = block.start(low, high)
        offsets = itertools.accumulate((h.hi - h.lo + HEAD_GAP for h in members[:-1]),
                                       initial=0.0)
        shifts = [(h, at + o - h.lo) for h, o in zip(members, offsets, strict=True)]
        if any(not (low <= h.lo + d and h.hi + d <= high) for h, d in shifts if not h.fixed):
            continue  # packed against a leaving edge, a head would leave the side
        moves.update((h.edge + ("<" if h.start else ">"), d) for h, d in shifts
                     if not h.fixed and d)
    return moves


def _squeezed(heads: list[Head], low: float, high: float) -> dict[str, float]:
    """Arrowheads too many for their side with HEAD_GAP between them, in their order, spread
    evenly from `low` to `high` instead: closer than HEAD_GAP, overlapping even, but each tip
    at its own place, so a reader counts as many arrows as there are (four piled at one spot
    read as one). {} where they would overlap by more than half the narrowest."""
    widths = [h.hi - h.lo for h in heads]
    gap = (high - low - sum(widths)) / (len(heads) - 1)
    if gap < -min(widths) / 2:
        return {}
    starts = itertools.accumulate((w + gap for w in widths[:-1]), initial=low)
    return {h.edge + ("<" if h.start else ">"): at - h.lo
            for h, at in zip(heads, starts, strict=True) if abs(at - h.lo) > 1e-9}


def _room(side: str, node: dict[str, Any], low: float, high: float) -> tuple[float, float] | None:
    """The stretch of `side` (from `low` to `high` along it) where the node's drawn outline lies
    within SQUEEZE_DEPTH of its outermost point: all of a box's side, the flat of a rounded
    one, the middle of an ellipse's. Heads squeezed there meet the outline head on."""
    count = 32
    spots = [low + (high - low) * i / count for i in range(count + 1)]
    found = [(at, edge) for at in spots if (edge := _edge_at(side, at, node)) is not None]
    if not found:
        return None
    outer = (max if side in ("top", "right") else min)(edge for _, edge in found)
    inside = [at for at, edge in found if abs(edge - outer) <= SQUEEZE_DEPTH]
    return min(inside), max(inside)


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


def _bent(points: list[Point], shift: Point) -> list[Point]:
    """A curve (a start point, then control-point triples) whose end moves by `shift`: each
    joint between its pieces by less the farther back it is along the curve (all of it at the
    end, none BEND points, or twice the shift, back, and never the start), and each control
    point as much as the joint it leans on, so the curve stays smooth at every joint and keeps
    its way in and its way out of its start. It bends to the new end."""
    reach = max(BEND, 2 * math.hypot(*shift))
    weights = [0.0] * len(points)
    back = 0.0
    for joint in range(len(points) - 1, 0, -3):
        if joint < len(points) - 1:
            back += math.dist(points[joint], points[joint + 3])
        weight = max(0.0, 1 - back / reach)
        if weight == 0:
            break
        weights[joint] = weights[joint - 1] = weight  # the joint, the control point before
        if joint + 1 < len(points):
            weights[joint + 1] = weight  # and the one after
    return [(x + w * shift[0], y + w * shift[1]) for (x, y), w in zip(points, weights,
                                                                       strict=True)]


def _moved_pos(pos: str, start: Point | None, end: Point | None) -> str:
    """An edge's `pos` with its start moved by `start` and its end by `end` (where given):
    each arrow tip by all of it, the curve bent to it (`_bent`)."""
    s_tip, e_tip, points = _ends(pos) or (None, None, [])
    if end is not None:
        points = _bent(points, end)
        e_tip = (e_tip[0] + end[0], e_tip[1] + end[1]) if e_tip else None
    if start is not None:
        points = _bent(points[::-1], start)[::-1]
        s_tip = (s_tip[0] + start[0], s_tip[1] + start[1]) if s_tip else None
    tips = [f"{mark},{x:.2f},{y:.2f}" for mark, tip in (("s", s_tip), ("e", e_tip))
            if tip is not None for x, y in [tip]]
    return " ".join(tips + [f"{x:.2f},{y:.2f}" for x, y in points])


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


TRIED = 6  # arrowheads on a side up to which `_other_ways` tries leaving edges among them


def _other_ways(heads: list[Head], low: float, high: float) -> dict[str, float]:
    """Where the heads on a side cannot all be packed clear of its leaving edges (and the
    arrowheads round its corners) in the order the edges come in: the least moving of the
    packings with each of those (up to two) at another place among the heads instead (one head
    above it, one below, say), that leaves every head clear; {} where none does, or the side
    has too many to try."""
    movable = sorted((h for h in heads if not h.fixed), key=lambda h: (h.came, h.at, h.edge))
    fixed = [h for h in heads if h.fixed]
    if not fixed or len(fixed) > 2 or len(movable) > TRIED:
        return {}
    slots = [movable[0].came - 1] + [(a.came + b.came) / 2
                                     for a, b in itertools.pairwise(movable)] \
        + [movable[-1].came + 1]
    best: tuple[float, dict[str, float]] | None = None
    for places in itertools.product(slots, repeat=len(fixed)):
        tried = movable + [replace(f, came=c) for f, c in zip(fixed, places, strict=True)]
        moves = spread(tried, low, high, one_crowd=True)
        if moves and not _crowded(heads, moves):
            cost = sum(abs(d) for d in moves.values())
            if best is None or cost < best[0] - 1e-9:
                best = (cost, moves)
    return best[1] if best else {}


def _crowded(heads: list[Head], moves: dict[str, float]) -> bool:
    """Whether an arrowhead of `heads`, each moved as `moves` says, still comes within HEAD_GAP
    of another or of a fixed mark among them (two fixed marks near each other do not count)."""
    placed = sorted((h.lo + d, h.hi + d, h.fixed) for h in heads
                    for d in [moves.get(h.edge + ("<" if h.start else ">"), 0.0)])
    reach_any = reach_head = -math.inf
    for lo, hi, fixed in placed:
        if lo < (reach_head if fixed else reach_any) + HEAD_GAP - 1e-6:
            return True
        reach_any = max(reach_any, hi)
        if not fixed:
            reach_head = max(reach_head, hi)
    return False


def _clear(heads: list[Head], low: float, high: float) -> dict[str, float] | None:
    """`spread`'s moves that leave every arrowhead of `heads` HEAD_GAP clear of the others and
    of the fixed marks among them, in the order the edges come in or, failing that, in one of
    `_other_ways`; None where neither does."""
    moves = spread(heads, low, high)
    if not _crowded(heads, moves):
        return moves
    return _other_ways(heads, low, high) or None


def _thin(head: Head) -> Head:
    """An arrowhead without the stroke round it: where a side has no room to keep HEAD_GAP between
    the strokes (two T-bars and two edges leaving on the NR2B receptor's side, at full width),
    heads HEAD_GAP apart outline to outline and clear of the leaving edges read better than
    heads on a leaving edge."""
    if not head.arrow:  # an edge leaving: its line is as wide as it is drawn
        return head
    return replace(head, lo=head.lo + head.stroke, hi=head.hi - head.stroke, stroke=0.0)


def _corner_marks(head: Head, node: dict[str, Any]) -> list[Head]:
    """An arrowhead at a corner of its node, as `fixed` marks on the sides it reaches (within
    HEAD_GAP of their line) besides its own: the arrowheads there keep clear of it too."""
    arrow = head.arrow
    cx, cy = (float(v) for v in node["pos"].split(","))
    hw, hh = float(node["width"]) * 36, float(node["height"]) * 36
    xs, ys = [p[0] for p in arrow], [p[1] for p in arrow]
    stroke = head.stroke
    reaches = {"top": max(ys) >= cy + hh - HEAD_GAP, "bottom": min(ys) <= cy - hh + HEAD_GAP,
               "left": min(xs) <= cx - hw + HEAD_GAP, "right": max(xs) >= cx + hw - HEAD_GAP}
    return [replace(head, side=side, lo=min(along) - stroke, hi=max(along) + stroke,
                    came=(min(along) + max(along)) / 2, fixed=True)
            for side, near in reaches.items() if near and side != head.side
            for along in [xs if side in ("top", "bottom") else ys]]


def spread_heads(data: dict[str, Any]) -> dict[str, str]:
    """The new `pos`, by edge id, of every edge an arrowhead of which `spread` moves in a
    laid-out graph (Graphviz JSON): along its side of the node, its tip on the node's drawn
    outline (a curved one, an ellipse's or a rounded corner's, is followed).
    A side where any moved tip would leave the outline is left as it is."""
    nodes = _nodes(data)
    sides: dict[tuple[int, str], list[Head]] = {}
    ends = _all_ends(data)
    for head in ends:
        if not head.fixed:
            sides.setdefault((head.node, head.side), []).append(head)
    for tail in ends:
        if tail.fixed and (tail.node, tail.side) in sides:
            sides[(tail.node, tail.side)].append(tail)
    for head in ends:
        if not head.fixed:
            for mark in _corner_marks(head, nodes[head.node]):
                if (head.node, mark.side) in sides:
                    sides[(head.node, mark.side)].append(mark)
    shifts: dict[str, dict[bool, Point]] = {}
    poses: dict[str, str] = {}
    for (number, side), found in sorted(sides.items()):
        heads = [h for h in found if not h.fixed] + _bundled([h for h in found if h.fixed])
        if len(heads) < 2:
            continue
        node = nodes[number]
        axis = 0 if side in ("top", "bottom") else 1
        centre = float(node["pos"].split(",")[axis])
        reach = float(node["width" if axis == 0 else "height"]) * 36
        low, high = centre - reach, centre + reach
        moves = _clear(heads, low, high)
        if moves is None:  # then as if the strokes round them were not there
            moves = _clear([_thin(h) for h in heads], low, high)
        if moves is None:
            movable = [h for h in heads if not h.fixed]
            moves = spread(heads, low, high)
            if _crowded(movable, moves):  # at least apart; squeezed where they will not fit
                moves = spread(movable, low, high, room=_room(side, node, low, high))
        planned = {}
        for head in heads:
            shift = moves.get(head.edge + ("<" if head.start else ">"))
            if not shift:
                continue
            before, after = _edge_at(side, head.at, node), _edge_at(side, head.at + shift, node)
            if before is None or after is None:
                planned = {}
                break
            # The tip on the outline, as dot ends an edge (at a rounded corner dot's tip is on
            # the square one, off the drawn curve: it comes onto the curve as it moves); one
            # dot left off the outline on purpose (`headclip=false`) keeps its distance.
            off = head.across - before if abs(head.across - before) > UNCLIPPED else 0.0
            planned[(head.edge, head.start)] = (shift, after + off - head.across) \
                if axis == 0 else (after + off - head.across, shift)
            poses[head.edge] = head.pos
        for (edge, start), shift in planned.items():
            shifts.setdefault(edge, {})[start] = shift
    return {edge: _moved_pos(poses[edge], moved.get(True), moved.get(False))
            for edge, moved in sorted(shifts.items())}
