"""Lay a view out for the space it is shown in: the direction, how narrow details wrap and where
the legend goes are chosen for the largest text there. All candidates are laid out at once,
each in a Graphviz process of its own; compartment labels an edge runs through are moved, and
arrowheads that land on one spot moved apart (`heads`); the legend's shapes are sized from
their text cells (`htmlsize`) and the legend composed in afterwards, in free room or just
outside the drawing, so it never stretches a rank."""

from __future__ import annotations

import heapq
import html
import itertools
import math
import re
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Any

import orjson

from . import htmlsize
from .dot import EDGE_LABEL_PAD, NODE_MARGIN, PAD, build_dot, hexagon_labels, legend_cells, legend_label
from .errors import RenderError
from .heads import spread_heads
from .labels import readable
from .quoting import dot_string, tooltip
from .render import run_each, run_graphviz
from .style import FONT, Preset, Theme
from .views import View

__all__ = [
    "GAP",
    "Layout",
    "Page",
    "arrangements",
    "bounding_box",
    "edge_crossings",
    "fit_scale",
    "ink",
    "label_crossings",
    "layout_view",
    "legend_labels",
    "legend_spots",
    "longest_chain",
    "narrow_rows",
    "on_page",
    "one_size",
    "page_for",
    "profiles",
    "shown_text",
    "smallest_font",
    "snake_cuts",
    "snake_rows",
    "snug_hexagon",
    "spline_points",
    "stacked",
]

GAP = 18.0  # points between the legend and anything else drawn
HEXAGON_MARGIN = (NODE_MARGIN[0] * 72, NODE_MARGIN[1] * 72)  # points, as other nodes' margin
STEP = 12.0  # points between the positions a legend is tried at along each side of a figure

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in Graphviz points (y up)


@dataclass(frozen=True)
class Layout:
    """A laid-out figure: ready to draw again with `neato -n2`, sizes in points."""

    dot: str  # the DOT text that was laid out (the figure without its legend)
    positioned: str  # the laid-out DOT, legend placed: what every output format is drawn from
    rankdir: str
    legend: str  # "inside", or the side it sticks out of ("below", "right", ...), "" for none
    width: float  # as laid out, pad included (`figures.drawn_size` measures the drawing)
    height: float
    arrangement: str = "as written"  # which of `arrangements` it is: "as written", "no rows", ...


def bounding_box(positioned: str) -> tuple[float, float]:
    """Width and height in points of a laid-out graph (its `bb`)."""
    m = re.search(r'\bbb="([-\d.]+),([-\d.]+),([-\d.]+),([-\d.]+)"', positioned)
    if not m:
        return 0.0, 0.0
    x0, y0, x1, y1 = (float(v) for v in m.groups())
    return x1 - x0, y1 - y0


def fit_scale(width: float, height: float, area: tuple[float, float]) -> float:
    """The factor a width x height picture is scaled by to fit `area` (both in points)."""
    return min(area[0] / width, area[1] / height) if width > 0 and height > 0 else 1.0


def smallest_font(dot_text: str) -> float:
    """The smallest font size, in points, anywhere in a DOT text."""
    sizes = [float(s) for s in re.findall(r'(?:POINT-SIZE|fontsize)="?([\d.]+)', dot_text)]
    return min(sizes) if sizes else 14.0


_SIZE_TOKENS = re.compile(r'<FONT\b[^>]*?POINT-SIZE="([\d.]+)"[^>]*>|(</FONT>)|<SU[BP]>|'
                          r'(label=<)')


def smallest_script(dot_text: str, scale: float) -> float | None:
    """The smallest super- or subscript in a DOT text, in points, as drawn: its line's font
    size (the FONT it is in) times `scale` (a figure's super- and subscripts are drawn that much
    smaller than their line: `svg.SCRIPT_SCALE`); None where there is none. Graphviz's own DOT
    output continues long lines with a backslash, undone first."""
    sizes: list[float] = []
    found: list[float] = []
    for m in _SIZE_TOKENS.finditer(dot_text.replace("\\\n", "")):
        if m.group(3):  # a new label: no FONT open
            sizes = []
        elif m.group(1):
            sizes.append(float(m.group(1)))
        elif m.group(2):
            if sizes:
                sizes.pop()
        elif sizes:
            found.append(sizes[-1] * scale)
    return min(found) if found else None


def ink(data: dict[str, Any], moved: dict[str, tuple[float, float]] | None = None) -> list[Rect]:
    """Rectangles covering everything drawn in a laid-out graph (Graphviz JSON): nodes, cluster
    boxes, every stretch of every edge, arrowheads and label text (an edge label `moved`, by
    edge id, shifted by that much: see `labels_to_edges`)."""
    rects: list[Rect] = []
    for obj in data.get("objects", []):
        if "bb" in obj:  # a subgraph: a cluster's whole box, label included, is drawn
            if obj.get("name", "").startswith("cluster"):
                x0, y0, x1, y1 = (float(v) for v in obj["bb"].split(","))
                rects.append((x0, y0, x1, y1))
        elif "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * 36, float(obj["height"]) * 36
            rects.append((x - w, y - h, x + w, y + h))
    for edge in data.get("edges", []):
        size = 14.0
        dx, dy = (moved or {}).get(edge.get("id", ""), (0.0, 0.0))
        for key in ("_draw_", "_hdraw_", "_tdraw_", "_ldraw_", "_hldraw_", "_tldraw_"):
            for op in edge.get(key, []):
                if op["op"] in "bBpPL":
                    pts = op["points"]
                    for (xa, ya), (xb, yb) in zip(pts, pts[1:] + pts[:1] if op["op"] in "pP"
                                                  else pts[1:], strict=False):
                        rects.append((min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)))
                elif op["op"] == "F":
                    size = float(op["size"])
                elif op["op"] == "T":
                    (x, y), w = op["pt"], float(op["width"])
                    if key == "_ldraw_":
                        x, y = x + dx, y + dy
                    left = {"l": x, "r": x - w}.get(op["align"], x - w / 2)
                    rects.append((left, y - 0.3 * size, left + w, y + size))
    return rects


def _line_boxes(ops: list[dict[str, Any]]) -> list[Rect]:
    """The box round each text line a Graphviz draw list (`_ldraw_`) writes."""
    size, boxes = 14.0, []
    for op in ops:
        if op["op"] == "F":
            size = float(op["size"])
        elif op["op"] == "T":
            (x, y), w = op["pt"], float(op["width"])
            left = {"l": x, "r": x - w}.get(op["align"], x - w / 2)
            boxes.append((left, y - 0.3 * size, left + w, y + size))
    return boxes


def _text_box(ops: list[dict[str, Any]]) -> Rect | None:
    """The box round the text lines a Graphviz draw list (`_ldraw_`) writes."""
    lines = _line_boxes(ops)
    if not lines:
        return None
    return (min(b[0] for b in lines), min(b[1] for b in lines), max(b[2] for b in lines),
            max(b[3] for b in lines))


def _gap(box: Rect, points: list[tuple[float, float]]) -> float:
    """How far the nearest of `points` is from `box` (0 inside it)."""
    return min((math.hypot(max(box[0] - x, 0, x - box[2]), max(box[1] - y, 0, y - box[3]))
                for x, y in points), default=0.0)


FAR_LABEL = 24.0  # points between an edge label and its edge past which the label is moved
LABEL_GAP = 8.0  # points between a moved label and its edge
# Points of its own line a label set on it (a plate the line passes behind) leaves in view: some
# four dots of a dotted line, three dashes of a dashed one, so its certainty still shows.
SHOWN = 24.0


def _clipped(box: Rect, a: tuple[float, float], b: tuple[float, float]) -> float | None:
    """The fraction of the stretch a -> b inside `box` (Liang-Barsky clipping), None where it
    misses the box."""
    (ax, ay), (bx, by) = a, b
    x0, y0, x1, y1 = box
    if max(ax, bx) < x0 or min(ax, bx) > x1 or max(ay, by) < y0 or min(ay, by) > y1:
        return None
    start, end, dx, dy = 0.0, 1.0, bx - ax, by - ay
    for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
        if p == 0:
            if q < 0:
                return None
        elif p < 0:
            start = max(start, q / p)
        else:
            end = min(end, q / p)
        if start > end:
            return None
    return end - start


def _through(box: Rect, points: list[tuple[float, float]]) -> bool:
    """Whether the line through `points` (a sampled curve) passes through `box`: each stretch
    clipped to the box, so a stretch crossing it between two samples counts."""
    x0, y0, x1, y1 = box
    for a, b in itertools.pairwise(points):
        if max(a[0], b[0]) < x0 or min(a[0], b[0]) > x1 or max(a[1], b[1]) < y0 \
                or min(a[1], b[1]) > y1:
            continue  # the quick test first: most stretches are nowhere near
        if _clipped(box, a, b) is not None:
            return True
    return False


def _shown(curve: list[tuple[float, float]], box: Rect) -> float:
    """How long, in points, the part of `curve` outside `box` is: what a plate over `box`
    leaves of the line in view."""
    return sum(math.hypot(b[0] - a[0], b[1] - a[1]) * (1.0 - (_clipped(box, a, b) or 0.0))
               for a, b in itertools.pairwise(curve))


def _curves(data: dict[str, Any]) -> dict[str, list[tuple[float, float]]]:
    """Each edge's drawn curve, sampled, by edge id, from a laid-out graph (Graphviz JSON)."""
    return {e.get("id", ""): pts for e, pts in zip(data.get("edges", []), _sampled(data),
                                                   strict=True)}


_SAMPLED: dict[int, tuple[dict[str, Any], list[list[tuple[float, float]]]]] = {}
SAMPLED_KEPT = 64  # laid-out graphs whose sampled curves are kept (`_json` keeps 32 parsed)


def _sampled(data: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Each edge's drawn curve (its `_draw_` B-splines, sampled by `spline_points`), in the
    order of the graph's edges: worked out once per laid-out graph, which the choice of
    drawing reads for crossings, struck labels and moved labels alike. Shared, so only ever
    read; emptied with `_json`'s cache. Keyed by the graph's identity, the graph kept with it
    so the key cannot be reused while it stands."""
    hit = _SAMPLED.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    if len(_SAMPLED) >= SAMPLED_KEPT:
        _SAMPLED.clear()
    value = [[p for op in e.get("_draw_", []) if op["op"] in "bB"
              for p in spline_points(op["points"])] for e in data.get("edges", [])]
    _SAMPLED[id(data)] = (data, value)
    return value


Curve = tuple[float, float, float, float, list[tuple[float, float]]]  # its box, its points


def _boxed(curves: Iterable[list[tuple[float, float]]]) -> list[Curve]:
    """Sampled curves with the box round each, so a line of text far from one skips it."""
    return [(min(x for x, _ in pts), min(y for _, y in pts), max(x for x, _ in pts),
             max(y for _, y in pts), pts) for pts in curves if pts]


def _boxed_by_edge(curves: Mapping[str, list[tuple[float, float]]]) -> dict[str, Curve]:
    """`_boxed` of each edge's curve, by edge id (edges drawing nothing left out), worked out
    once per drawing: each label looked at wants every curve but its own edge's (`_others`),
    which had been boxed again for every label."""
    return dict(zip((i for i, pts in curves.items() if pts), _boxed(curves.values()),
                    strict=True))


def _others(boxed: dict[str, Curve], edge_id: str) -> list[Curve]:
    """The boxed curves of every edge but `edge_id`, in the drawing's order."""
    return [curve for i, curve in boxed.items() if i != edge_id]


def _lines_struck(ops: list[dict[str, Any]], shift: tuple[float, float],
                  curves: list[Curve]) -> bool:
    """Whether one of `curves` runs through a line of a label's text (`ops`, its `_ldraw_`,
    moved by `shift`), a stroke grazing its edge aside."""
    dx, dy = shift
    for x0, y0, x1, y1 in _line_boxes(ops):
        line = (x0 + dx + 1, y0 + dy + 1, x1 + dx - 1, y1 + dy - 1)
        if any(_through(line, pts) for a, b, c, d, pts in curves
               if a <= line[2] and line[0] <= c and b <= line[3] and line[1] <= d):
            return True
    return False


def struck_labels(data: dict[str, Any], moved: dict[str, tuple[float, float]]
                  ) -> dict[str, bool]:
    """The edges, by id, whose label an edge (another, or the edge itself arcing back over it)
    runs through once the labels `moved` (see `labels_to_edges`) are where they go, each with
    whether the label lies in a compartment (whose fill a plate under it takes:
    `plated_labels`). Line by line: a line shorter than the label's longest leaves room an edge
    may pass through, and an edge there is drawn, not hidden. `crossed_labels` counts these,
    so the drawing chosen for fewer of them is the one drawn with fewer plates."""
    curves = _boxed(_curves(data).values())
    clusters = [tuple(float(v) for v in obj["bb"].split(",")) for obj in data.get("objects", [])
                if "bb" in obj and obj.get("name", "").startswith("cluster")]
    out = {}
    for e in data.get("edges", []):
        ops, edge_id = e.get("_ldraw_", []), e.get("id", "")
        shift = moved.get(edge_id, (0.0, 0.0))
        if _lines_struck(ops, shift, curves):
            box = _text_box(ops)
            assert box is not None  # a struck line is a line
            x0, y0, x1, y1 = box[0] + shift[0], box[1] + shift[1], box[2] + shift[0], \
                box[3] + shift[1]
            out[edge_id] = any(k[0] <= x0 and k[1] <= y0 and x1 <= k[2] and y1 <= k[3]
                               for k in clusters)
    return dict(sorted(out.items()))


def crossed_labels(data: dict[str, Any], moved: dict[str, tuple[float, float]]
                   ) -> tuple[int, int]:
    """How many edge labels another edge runs through, then how many any edge does (its own
    included), once the labels `moved` are where they go (`struck_labels`): each is drawn
    plated, the edge hidden behind it. Lower is better, the first count first: a label over
    another edge seems to name that edge, one on its own edge reads as its label."""
    struck = struck_labels(data, moved)
    if not struck:
        return 0, 0
    boxed = _boxed_by_edge(_curves(data))
    over = sum(_lines_struck(e.get("_ldraw_", []), moved.get(edge_id, (0.0, 0.0)),
                             _others(boxed, edge_id))
               for e in data.get("edges", []) if (edge_id := e.get("id", "")) in struck)
    return over, len(struck)


def misleading_labels(data: dict[str, Any], moved: dict[str, tuple[float, float]]) -> int:
    """How many edge labels, once the labels `moved` (see `labels_to_edges`) are where they go,
    still lie NEARER points nearer another edge than their own (`_misleads`) with no edge
    through their text (those `crossed_labels` counts): the ones no clear spot could be found
    for. A reader takes such a label for the nearer line's (see `_misleads`)."""
    curves = _curves(data)
    boxed = _boxed_by_edge(curves)
    count = 0
    for e in data.get("edges", []):
        edge_id, ops = e.get("id", ""), e.get("_ldraw_", [])
        box, curve = _text_box(ops), curves.get(edge_id, [])
        if box is None or not curve:
            continue
        dx, dy = moved.get(edge_id, (0.0, 0.0))
        box = (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
        others = _others(boxed, edge_id)
        if not _lines_struck(ops, (dx, dy), others) and _misleads(box, curve, others,
                                                                   beside=edge_id in moved):
            count += 1
    return count


# Points within which an edge passing a node it does not join seems to enter or leave it
# (`grazing_edges`): `render ketamine` ran glutamate surge -> AMPA receptor along the foot of the
# downstream cascades' box, 1 pt from it, reading as a link from the cascades.
GRAZE = 3.0
_OUTLINED = {"box", "rect", "rectangle", "square", "ellipse", "oval", "circle", "hexagon",
             "polygon", "octagon", "diamond", "Mrecord", "record"}


OVERLAP = 1.0  # points two nodes' boxes may share before they are drawn one over the other


def overlapping_nodes(data: dict[str, Any]) -> int:
    """Pairs of visible nodes whose boxes overlap by more than OVERLAP points, in a laid-out
    graph (Graphviz JSON). `dot` can leave two nodes of one rank on each other where a labelled
    link runs between them in a rank its rows asked for (`render mij821 ketamine esketamine
    --preset column` drew Esketamine over the NMDA receptor). A sweep over the boxes by their
    left side: each pair near in x is looked at once."""
    boxes = []
    for obj in data.get("objects", []):
        if "pos" not in obj or "width" not in obj or "invis" in obj.get("style", ""):
            continue
        x, y = (float(v) for v in obj["pos"].split(","))
        rx, ry = float(obj["width"]) * 36 - OVERLAP, float(obj["height"]) * 36 - OVERLAP
        if rx > 0 and ry > 0:
            boxes.append((x - rx, y - ry, x + rx, y + ry))
    boxes.sort()
    count, open_ = 0, list[Rect]()
    for box in boxes:
        open_ = [b for b in open_ if b[2] > box[0]]
        count += sum(1 for b in open_ if b[1] < box[3] and box[1] < b[3])
        open_.append(box)
    return count


def grazing_edges(data: dict[str, Any]) -> int:
    """Pairs of an edge and a node it does not join whose outline the edge's drawn curve comes
    within GRAZE points of (or crosses), in a laid-out graph (Graphviz JSON): the edge seems
    to start or end there. Ellipses are measured as ellipses, other outlines as their box.
    Edges times nodes, so `layout_view` counts it only for views small enough to be
    rearranged (MAX_SNAKED nodes); a node whose box misses the curve's is skipped."""
    outlines = []
    for obj in data.get("objects", []):
        if "pos" not in obj or "_gvid" not in obj or obj.get("shape", "box") not in _OUTLINED \
                or "invis" in obj.get("style", ""):
            continue
        x, y = (float(v) for v in obj["pos"].split(","))
        rx, ry = float(obj["width"]) * 36, float(obj["height"]) * 36
        outlines.append((obj["_gvid"], x, y, rx, ry, obj.get("shape") in ("ellipse", "oval",
                                                                         "circle")))
    count = 0
    for edge, pts in zip(data.get("edges", []), _sampled(data), strict=True):
        if not pts:
            continue
        a, b = min(x for x, _ in pts) - GRAZE, min(y for _, y in pts) - GRAZE
        c, d = max(x for x, _ in pts) + GRAZE, max(y for _, y in pts) + GRAZE
        for gvid, x, y, rx, ry, round_ in outlines:
            if gvid in (edge.get("tail"), edge.get("head")) or x + rx < a or c < x - rx \
                    or y + ry < b or d < y - ry:
                continue
            if round_:
                near = any(((px - x) / (rx + GRAZE)) ** 2 + ((py - y) / (ry + GRAZE)) ** 2 < 1
                           for px, py in pts)
            else:
                near = any(abs(px - x) < rx + GRAZE and abs(py - y) < ry + GRAZE
                           for px, py in pts)
            count += near
    return count + _grazed_heads(data)


def _grazed_heads(data: dict[str, Any]) -> int:
    """Pairs of an edge and another edge's arrowhead (or T-bar) that its drawn curve comes
    within GRAZE points of, the passing edge neither ending nor starting at the head's node
    (`heads.spread_heads` keeps a head off an edge leaving its node): the head seems to end
    the passing edge too (`render --around mtor --depth 1` ran the dashed link from the downstream
    cascades to synaptogenesis through the tip of mTOR's arrow into synaptic protein
    synthesis, which read as a link from that node)."""
    heads = []
    for i, edge in enumerate(data.get("edges", [])):
        pts = [p for op in edge.get("_hdraw_", []) if op.get("op") in ("P", "p", "L")
               for p in op.get("points", [])]
        if pts:
            heads.append((i, edge.get("head"), (min(x for x, _ in pts) - GRAZE,
                                                min(y for _, y in pts) - GRAZE,
                                                max(x for x, _ in pts) + GRAZE,
                                                max(y for _, y in pts) + GRAZE)))
    count = 0
    for i, (edge, pts) in enumerate(zip(data.get("edges", []), _sampled(data), strict=True)):
        count += sum(1 for j, head, box in heads
                     if j != i and head not in (edge.get("head"), edge.get("tail"))
                     and _through(box, pts))
    return count


def _on_any(box: Rect, rects: list[Rect]) -> bool:
    """Whether `box` overlaps any of `rects` by more than OVERLAP points each way."""
    return any(box[0] < r[2] - OVERLAP and r[0] < box[2] - OVERLAP
               and box[1] < r[3] - OVERLAP and r[1] < box[3] - OVERLAP for r in rects)


def _node_boxes(data: dict[str, Any]) -> list[Rect]:
    """The box of every visible node of a laid-out graph (Graphviz JSON), not the clusters."""
    boxes = []
    for obj in data.get("objects", []):
        if "pos" in obj and "bb" not in obj and "width" in obj \
                and "invis" not in obj.get("style", ""):
            x, y = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * 36, float(obj["height"]) * 36
            boxes.append((x - w, y - h, x + w, y + h))
    return boxes


def labels_on_nodes(data: dict[str, Any], moved: dict[str, tuple[float, float]]) -> int:
    """How many edge labels, once the labels `moved` are where they go, lie over a node: their
    words over its name, or, drawn as a plate, hiding it (`render mij821 ketamine esketamine
    --preset column` set "non-selective, non-competitive" over Esketamine's box and the NMDA
    receptor's, as dot set a label of a link between two nodes of one row)."""
    nodes = _node_boxes(data)
    count = 0
    for e in data.get("edges", []):
        box = _text_box(e.get("_ldraw_", []))
        if box is None:
            continue
        dx, dy = moved.get(e.get("id", ""), (0.0, 0.0))
        count += _on_any((box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy), nodes)
    return count


# Points within which two edges' labels read as one (`labels_to_edges`): `render ketamine
# mgs0039 --highlight ampa_receptor` set "more than placebo" and "less selective action", of
# two links out of ketamine, 7 pt apart on one line.
APART = 12.0


def crowded_labels(data: dict[str, Any], moved: dict[str, tuple[float, float]]) -> int:
    """How many edge labels, once the labels `moved` are where they go, still lie over or
    within APART points of another edge's label (`labels_to_edges` found no clear spot for
    either): the two read as one phrase. On the slide, `esketamine-mechanism` had set
    "non-selective, non-competitive", of Esketamine's link to the NMDA receptor, 1 pt over
    "block on GABAergic interneurons", one four-line label to a reader, where a drawing a
    little larger had room to move the first beside its own link."""
    boxes = []
    for e in data.get("edges", []):
        if (box := _text_box(e.get("_ldraw_", []))) is not None:
            dx, dy = moved.get(e.get("id", ""), (0.0, 0.0))
            boxes.append(_grown((box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy), APART / 2))
    return sum(_on_any(box, boxes[:i] + boxes[i + 1:]) for i, box in enumerate(boxes))


def _grown(box: Rect, by: float) -> Rect:
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by


def labels_to_edges(data: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Edge labels Graphviz left far from their edge (more than FAR_LABEL points: it happens to an
    edge between compartments, which dot routes apart from its label), put over a node
    (`labels_on_nodes`), where another edge runs through their text, or nearer another edge
    than their own (which they would seem to name: `_misleads`), over or within APART points of
    another edge's label (dot set Mij821's "conformational change" half over its "NAM:
    allosteric site ..." in `render --around bdnf --depth 2`, one plate hiding "confor"), or
    across a compartment's border (`_across_border`), each with the shift, by
    edge id, that puts it beside its edge instead: left or right of (or above or below) a
    point along the middle of the edge, as near as it can (a label another edge crossed, no
    farther than FAR_LABEL), in the first such spot clear of every node, edge and compartment
    label, APART from every other label, not across a compartment's border, and nearer its own
    edge than any other. Where there is none, on its own edge (drawn as a plate its edge passes
    behind), where that is clear of everything else and leaves SHOWN points of the line in
    view (a short edge would show only its arrowhead, not whether it is dotted or dashed);
    failing that too, it stays. A label dot set on its own edge, hiding it so, is moved
    likewise. For the few labels this finds it looks at every edge, so `layout_view` runs it
    only on views it may rearrange (MAX_SNAKED nodes)."""
    x0, y0, x1, y1 = (float(v) for v in data.get("bb", "0,0,0,0").split(","))
    nodes = _node_boxes(data)
    clusters = [tuple(float(v) for v in obj["bb"].split(",")) for obj in data.get("objects", [])
                if "bb" in obj and obj.get("name", "").startswith("cluster")]
    titles = [box for obj in data.get("objects", []) if "bb" in obj
              if (box := _text_box(obj.get("_ldraw_", []))) is not None]
    curves = _curves(data)
    edges = {e.get("id", ""): e for e in data.get("edges", [])}
    labels = {i: box for i, e in edges.items()
              if (box := _text_box(e.get("_ldraw_", []))) is not None}
    boxed = _boxed_by_edge(curves)
    every_curve = list(boxed.values())
    moved: dict[str, tuple[float, float]] = {}
    for edge_id, box in sorted(labels.items()):
        curve = curves.get(edge_id, [])
        now = _gap(box, curve) if curve else 0.0
        far = bool(curve) and now > FAR_LABEL
        others = _others(boxed, edge_id)
        if not curve or not (far or _lines_struck(edges[edge_id].get("_ldraw_", []),
                                                   (0.0, 0.0), others)
                             or _hides(box, curve) or _misleads(box, curve, others)
                             or _on_any(box, nodes)
                             or _on_any(_grown(box, APART / 2),
                                        [_grown(b, APART / 2) for i, b in labels.items()
                                         if i != edge_id])
                             or _across_border(box, clusters)):
            continue
        w, h = box[2] - box[0], box[3] - box[1]
        # Other labels kept APART: `_clear` keeps 3 points round the spot.
        solid = nodes + titles + [_grown(b, APART - 3) for i, b in labels.items()
                                  if i != edge_id]
        for cx, cy in _beside(curve, w, h):
            spot = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            near = _gap(spot, curve)
            if ((near < now if far else near <= FAR_LABEL)
                    and _clear(spot, (x0, y0, x1, y1), solid, clusters, every_curve)
                    and not _misleads(spot, curve, others, beside=True)):
                moved[edge_id] = (cx - (box[0] + box[2]) / 2, cy - (box[1] + box[3]) / 2)
                labels[edge_id] = spot
                break
        else:
            # No clear spot beside it: on its own edge, the line passing behind the words
            # (`plated_labels`), rather than over another edge, which it would seem to name.
            # Only where enough of the line stays in view to show its style (dotted, dashed).
            for at in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
                cx, cy = curve[int(at * (len(curve) - 1))]
                spot = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                if (_shown(curve, plate_box(spot)) >= SHOWN
                        and _clear(spot, (x0, y0, x1, y1), solid, clusters, others)):
                    moved[edge_id] = (cx - (box[0] + box[2]) / 2, cy - (box[1] + box[3]) / 2)
                    labels[edge_id] = spot
                    break
    return moved


GAPS = (1, 2, 3, 4, 6)  # LABEL_GAPs between a moved label and its edge, nearest first
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)  # how far along its edge, middle first


def _beside(curve: list[tuple[float, float]], w: float, h: float
            ) -> Iterator[tuple[float, float]]:
    """Centres for a `w` x `h` label moved beside its edge (`curve`), in the order tried:
    beside a point along the middle of the edge (right, left, above, below) at GAPS, nearest
    first; then, where none of those is clear, with a corner at such a point. A diagonal edge
    runs through any box set squarely beside it that is taller than the gap is wide:
    `mij821-proposed-pathway` left Mij821's "NAM: allosteric site ..." (five lines) between
    its two diagonal links, nearer the other one, with the clear space beyond its own."""
    for gap, at in itertools.product(GAPS, ALONG):
        px, py = curve[int(at * (len(curve) - 1))]
        g = gap * LABEL_GAP
        yield from ((px + g + w / 2, py), (px - g - w / 2, py),
                    (px, py + g + h / 2), (px, py - g - h / 2))
    for gap, at in itertools.product(GAPS, ALONG):
        px, py = curve[int(at * (len(curve) - 1))]
        g = gap * LABEL_GAP
        yield from ((px + sx * (g + w / 2), py + sy * (g + h / 2))
                    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)))


# A label names its own edge only where every other edge is at least CLEARLY times as far from
# its middle line as its own, and NEARER points farther besides (`_misleads`): a label midway
# between two lines reads as either's. `ketamine-signaling` set "expression", of the dotted
# link into BDNF, 15.7 pt from it and 15.7 pt from the link into mTOR, beside that link's
# "activation"; the one-column MGS0039 affinities sat 10 pt from its link to serotonin and 30
# pt from their own.
NEARER = 4.0
CLEARLY = 1.5


def _misleads(box: Rect, curve: list[tuple[float, float]], others: list[Curve],
              beside: bool = False) -> bool:
    """Whether a label whose words are at `box` fails to name its own `curve` clearly: one of
    `others` (boxed curves; one whose box is farther is not looked at) comes less than CLEARLY
    times as far from it as its own, or NEARER points farther. A label set `beside` its edge
    (`labels_to_edges` moves it there, LABEL_GAP or a few times that from the line, clear of
    every other) is taken over only by an edge NEARER points nearer than its own. Measured
    from the label's middle line (across its box, halfway up), not its corners: an edge that
    only grazes a corner of a label whose words run beside another line does not make it the
    label's (`mgs0039-ketamine-signaling` in one column set MGS0039's affinities along its
    link to serotonin, 12 pt from it, their own edge passing 2 pt from the box's top corner
    and some 50 pt from its middle)."""
    middle = (box[0], (box[1] + box[3]) / 2, box[2], (box[1] + box[3]) / 2)
    own = _gap(middle, curve)
    # Set beside its line, a label is its line's unless another is plainly nearer: one-column
    # `nr2b-synaptic-plasticity` sets "preferential (suggested)" 8 pt under its link to LTD,
    # 20 pt from its middle line, the subunit's "contains" line some 25 pt from it; held to
    # CLEARLY, it stayed where Graphviz put it, over Ro 25-6981's link.
    if own <= NEARER:  # within NEARER of its own line a label is that line's
        return False
    reach = own - NEARER if beside else max(own * CLEARLY, own + NEARER)
    a, b, c, d = middle[0] - reach, middle[1] - reach, middle[2] + reach, middle[3] + reach
    return any(_gap(middle, pts) < reach for p, q, r, t, pts in others
               if p <= c and a <= r and q <= d and b <= t)


def _hides(box: Rect, curve: list[tuple[float, float]]) -> bool:
    """Whether a label whose words are at `box` lies over its own line (`curve`) and, drawn as
    a plate, would hide all but SHOWN points of it."""
    return _through(box, curve) and _shown(curve, plate_box(box)) < SHOWN


def plate_box(box: Rect) -> Rect:
    """The plate `plated_labels` draws for a label whose words are at `box`: the label, its
    spacers (EDGE_LABEL_PAD) either side included."""
    return box[0] - EDGE_LABEL_PAD, box[1], box[2] + EDGE_LABEL_PAD, box[3]


def _across_border(box: Rect, clusters: list[tuple[float, ...]]) -> bool:
    """Whether `box` is neither wholly inside nor wholly outside one of the `clusters` (boxes):
    a label across a compartment's border (`render mgs0039` ran "autoreceptor brake" out of
    the presynaptic terminal's right side) reads as neither inside nor out."""
    a, b, c, d = box
    return any(not ((k[0] <= a and k[1] <= b and c <= k[2] and d <= k[3])
                    or c < k[0] or k[2] < a or d < k[1] or k[3] < b) for k in clusters)


def _clear(spot: Rect, bb: Rect, solid: list[Rect], clusters: list[tuple[float, ...]],
           curves: list[Curve]) -> bool:
    """Whether a label at `spot` is inside `bb`, a few points clear of every `solid` box and
    every edge's curve (`_boxed`: one whose box misses the spot is not looked at), and wholly
    inside or wholly outside each cluster box."""
    a, b, c, d = spot[0] - 3, spot[1] - 3, spot[2] + 3, spot[3] + 3
    if spot[0] < bb[0] or spot[1] < bb[1] or spot[2] > bb[2] or spot[3] > bb[3]:
        return False
    if any(a < r[2] and r[0] < c and b < r[3] and r[1] < d for r in solid):
        return False
    if _across_border((a, b, c, d), clusters):
        return False
    return not any(a <= x <= c and b <= y <= d for p, q, r, t, pts in curves
                   if p <= c and a <= r and q <= d and b <= t for x, y in pts)


_EDGE_START = re.compile(r"\n\t+[^\t\n]* -> ")  # at any depth: edges in clusters too
_LP = re.compile(r'\blp="([-\d.]+),([-\d.]+)"')
_EDGE_LABEL = re.compile(r"(?<=[\s\[,])label=<")  # an edge's own label, not head/tail/xlabel


def _edge_statement(positioned: str, edge_id: str) -> tuple[int, int] | None:
    """Where the edge `edge_id` is written in laid-out DOT: from the line naming its ends
    ("\tn3 -> n7 [", indented deeper inside a cluster) to its "];"; None where it is not."""
    at = positioned.find(f"id={dot_string(edge_id)}")
    starts = [m.start() for m in _EDGE_START.finditer(positioned, 0, max(at, 0))]
    if at < 0 or not starts:
        return None
    return starts[-1], positioned.find("];\n", at)


def moved_labels(positioned: str, moved: dict[str, tuple[float, float]]) -> str:
    """The laid-out DOT with each `moved` edge's label position (`lp`) shifted as given."""
    for edge_id, (dx, dy) in moved.items():
        where = _edge_statement(positioned, edge_id)
        m = _LP.search(positioned, *where) if where else None
        if not m:
            continue
        x, y = float(m.group(1)) + dx, float(m.group(2)) + dy
        positioned = positioned[:m.start()] + f'lp="{x:.2f},{y:.2f}"' + positioned[m.end():]
    return positioned


_POS = re.compile(r'(?<=[\s\[,])pos="[^"]*"')
_ID = re.compile(r'(?<=[\s\[,])id=("(?:[^"\\]|\\.)*"|[^\s,\]]+)')


def _dot_value(written: str) -> str:
    """An attribute value as Graphviz writes it (quoted, with `\\"` and line continuations, or
    bare), as the text it stands for."""
    if not written.startswith('"'):
        return written
    return written[1:-1].replace("\\\n", "").replace('\\"', '"')


def with_edge_pos(positioned: str, new: dict[str, str]) -> str:
    """The laid-out DOT with each edge of `new`, by id, drawn along the `pos` given there
    (see `heads.spread_heads`). One pass over the text, however many edges move."""
    if not new:
        return positioned
    out, done = [], 0
    for start in _EDGE_START.finditer(positioned):
        end = positioned.find("];\n", start.start())
        statement = positioned[start.start():end]
        found = _ID.search(statement)
        pos = new.get(_dot_value(found.group(1))) if found else None
        m = _POS.search(statement) if pos else None
        if m:
            at = start.start()
            out += [positioned[done:at + m.start()], f'pos="{pos}"']
            done = at + m.end()
    return "".join(out) + positioned[done:]


def _spots_along(length: float, size: float) -> list[float]:
    """Offsets at which a box `size` long is tried along a side `length` long: from the far end
    back in STEP strides, then flush with the near end (a box longer than the side overhangs
    it at the near end)."""
    far = length - size
    return [far - i * STEP for i in range(int(max(far, 0.0) / STEP) + 1)] + [min(far, 0.0)]


Profiles = tuple[list[float], list[float], list[float], list[float]]


def _profile(spans: list[tuple[float, float, float]], length: float, lowest: bool) -> list[float]:
    """Per point along a side: the lowest (or highest) value of the spans (start, end, value)
    over it; +inf (-inf) where none is."""
    empty = math.inf if lowest else -math.inf
    out = [empty] * (int(length) + 2)
    # Each span is written over those before it, from the farthest value to the nearest, so
    # the nearest ends on top; of equal values the first span's, as `min` (`max`) keeps it.
    order = sorted(range(len(spans)), key=lambda i: (spans[i][2], i if lowest else -i),
                   reverse=lowest)
    for i in order:
        start, end, value = spans[i]
        lo, hi = max(int(start), 0), min(math.ceil(end), len(out) - 1)
        if lo <= hi:
            out[lo:hi + 1] = [value] * (hi + 1 - lo)
    return out


def profiles(width: float, height: float, rects: list[Rect]) -> Profiles:
    """What a legend against each side must clear, point by point along it: the lowest bottom
    and highest top over each x, the highest right and lowest left over each y."""
    return (_profile([(a, c, b) for a, b, c, d in rects], width, True),
            _profile([(b, d, c) for a, b, c, d in rects], height, False),
            _profile([(a, c, d) for a, b, c, d in rects], width, False),
            _profile([(b, d, a) for a, b, c, d in rects], height, True))


class _Extremes:
    """The lowest (or highest) value of one profile over any stretch, in constant time: a sparse
    table (the extremes over every power-of-two stretch), built once per layout in
    O(n log n), since hundreds of legend spots are tried against the same drawing."""

    def __init__(self, profile: list[float], lowest: bool) -> None:
        self.pick = min if lowest else max
        self.empty = math.inf if lowest else -math.inf
        self.levels = [profile]
        step = 1
        while 2 * step <= len(profile):
            last = self.levels[-1]
            pairs = zip(last[:len(last) - step], last[step:], strict=True)
            # min(a, b) (max) as the builtins give it, b only where strictly lower (higher).
            self.levels.append([b if b < a else a for a, b in pairs] if lowest else
                               [b if b > a else a for a, b in pairs])
            step *= 2
        # Per level, the extreme any stretch that long can reach: the highest of the lowest
        # values (or the lowest of the highest), a bound on `over` for every longer stretch.
        self.peaks = [(max if lowest else min)(row) for row in self.levels]

    def reach(self, length: float) -> float:
        """A bound on `over` for any stretch at least `length` long: no such stretch's lowest
        value is higher (highest value lower), since it holds a power-of-two stretch whose own
        is at most (at least) that."""
        level = min(int(length).bit_length() - 1, len(self.peaks) - 1) if length >= 1 else 0
        return self.peaks[max(level, 0)]

    def over(self, start: float, end: float) -> float:
        """The extreme over [start - GAP, end + GAP], clipped to the profile."""
        lo = max(int(start - GAP), 0)
        hi = min(math.ceil(end + GAP), len(self.levels[0]) - 1)
        if lo > hi:
            return self.empty
        level = (hi - lo + 1).bit_length() - 1
        row = self.levels[level]
        return self.pick(row[lo], row[hi - (1 << level) + 1])


Extremes = tuple[_Extremes, _Extremes, _Extremes, _Extremes]


def _extremes(drawn: Profiles) -> Extremes:
    low, right, high, left = drawn
    return (_Extremes(low, True), _Extremes(right, False), _Extremes(high, False),
            _Extremes(left, True))


def legend_spots(width: float, height: float, size: tuple[float, float], drawn: Profiles
                 ) -> list[tuple[str, float, float, float, float]]:
    """Where a `size` legend can go against each side of a width x height figure, keeping GAP
    from everything drawn (its `profiles`): slid along the side and pushed out past it only as
    far as the drawing there needs (not at all where there is room inside).
    Each spot is (side, centre x, centre y, total width, total height); sides are tried bottom,
    right, top, left, each from its right or bottom end, so the first of equal spots is the
    conventional one."""
    return _spots(width, height, size, _extremes(drawn))


def _spots(width: float, height: float, size: tuple[float, float], drawn: Extremes
           ) -> list[tuple[str, float, float, float, float]]:
    """`legend_spots`, against profiles made ready for range queries once per layout."""
    return [spot for side in SIDES for spot in _side_spots(side, width, height, size, drawn)]


SIDES = ("below", "right", "above", "left")  # in the order `legend_spots` tries them


def _side_spots(side: str, width: float, height: float, size: tuple[float, float],
                drawn: Extremes) -> list[tuple[str, float, float, float, float]]:
    """The spots of `legend_spots` against one side."""
    lw, lh = size
    low, right, high, left = drawn
    out = []

    def add(x0: float, y0: float) -> None:
        x1, y1 = x0 + lw, y0 + lh
        inside = x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height
        total_w, total_h = max(width, x1) - min(0.0, x0), max(height, y1) - min(0.0, y0)
        out.append(("inside" if inside else side, x0 + lw / 2, y0 + lh / 2, total_w, total_h))

    if side == "below":
        for x0 in _spots_along(width, lw):
            add(x0, min(0.0, low.over(x0, x0 + lw) - GAP - lh))
    elif side == "right":
        for y0 in _spots_along(height, lh)[::-1]:
            add(max(width - lw, right.over(y0, y0 + lh) + GAP), y0)
    elif side == "above":
        for x0 in _spots_along(width, lw):
            add(x0, max(height - lh, high.over(x0, x0 + lw) + GAP))
    else:
        for y0 in _spots_along(height, lh)[::-1]:
            add(min(0.0, left.over(y0, y0 + lh) - GAP - lw), y0)
    return out


@dataclass(frozen=True)
class Page:
    """How a print preset draws a figure: `width` points wide, the drawing scaled to it with
    `pad` points (before scaling) left and right of the drawing's box, PAD above and below."""

    width: float
    pad: float

    def scale(self, box_width: float) -> float:
        """The factor a drawing whose box (Graphviz `bb`) is `box_width` wide is drawn at."""
        return self.width / (box_width + 2 * self.pad)


def page_for(width: float, height: float, preset: Preset) -> Page | None:
    """The page a `width` x `height` figure (pad included) is drawn on by `preset`: scaled to the
    preset's width, or where that would make it taller than the area, to the area's height and
    centred on a page still the preset's width (wider side pads). None for an unpaged preset."""
    if not preset.page or width <= 0 or height <= 0:
        return None
    page_w, page_h = preset.area
    pad = PAD
    if height * page_w / width > page_h:  # too tall at full width: fit the height
        # 1 % short of it: the drawing may measure a little taller than its layout.
        pad = (page_w * height / (0.99 * page_h) - (width - 2 * PAD)) / 2
    return Page(page_w, round(pad, 2))


def on_page(positioned: str, page: Page | None) -> str:
    """The laid-out graph set up to be drawn: no device margin (Graphviz's PDF otherwise adds
    36 pt round the page) and, on a `page`, scaled to exactly its width in every format."""
    attrs = 'margin="0", '
    if page is not None:
        positioned = re.sub(r'\bpad=(?:"[^"]*"|[\d.]+)', f'pad="{page.pad / 72:.4f},{PAD / 72:.4f}"',
                            positioned, count=1)
        attrs += f'size="{page.width / 72:.4f},1000!", '
    return re.sub(r"\bgraph \[", "graph [" + attrs, positioned, count=1)


def longest_chain(view: View) -> list[str]:
    """The view's longest chain of influences (parts left out). Cycles are condensed first, so
    it is one linear pass (networkx `dag_longest_path`)."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(n.id for n in view.nodes))
    graph.add_edges_from(sorted((e.source, e.target) for e in view.edges if not e.structural))
    dag = nx.condensation(graph)
    return [min(dag.nodes[c]["members"]) for c in nx.dag_longest_path(dag)]


def snake_cuts(length: int, count: int) -> list[tuple[int, ...]]:
    """Ways to cut a chain `length` long into `count` rows for a snake: rows of equal length
    (the last one shorter) first, then rows growing, or shrinking, by a node at a time from one
    under to one over that length, two nodes at least: where the chain's first steps branch
    more than its last (or the reverse), uneven rows pack tighter.

    >>> snake_cuts(11, 4)
    [(3, 3, 3, 2), (2, 2, 3, 4), (2, 3, 3, 3), (4, 3, 2, 2)]
    """
    even = math.ceil(length / count)
    if count < 2 or even < 2:
        return []
    out = [tuple(min(even, length - i) for i in range(0, length, even))]
    sizes = range(max(2, even - 1), even + 2)
    monotone = sorted(c for c in itertools.combinations_with_replacement(sizes, count)
                      if sum(c) == length)
    return list(dict.fromkeys(out + monotone + [c[::-1] for c in reversed(monotone)]))


def snake_rows(view: View, count: int, lengths: tuple[int, ...] = ()
               ) -> tuple[tuple[str, ...], ...]:
    """The view's longest chain of influences cut into `count` rows of equal length (or rows
    `lengths` long, see `snake_cuts`), each under the one before, the second right to left and
    so on (a snake): how a long chain fills a wide area."""
    chain = longest_chain(view)
    length = math.ceil(len(chain) / count)
    if count < 2 or length < 2:
        return ()
    if sum(lengths) != len(chain):
        lengths = tuple(min(length, len(chain) - i) for i in range(0, len(chain), length))
    ends = list(itertools.accumulate(lengths))
    rows = [chain[a:b] for a, b in zip([0, *ends], ends, strict=False) if b > a]
    # Every other row is written right to left, so the chain turns at the row's end (a
    # boustrophedon) rather than running back across the figure.
    return tuple(tuple(row[::-1] if i % 2 else row) for i, row in enumerate(rows))


def stacked(view: View) -> View | None:
    """The view with its separate parts (connected pieces, a compartment's or group's members
    counting as joined) one under another in the order they are written, each part's first
    steps side by side in one row: how unrelated tracks (a workflow's experiments) fill a tall
    column rather than stand side by side. None when the view is one part. Linear in its size."""
    import networkx as nx

    order = {n.id: i for i, n in enumerate(view.nodes)}
    joined = nx.Graph()
    joined.add_nodes_from(order)
    joined.add_edges_from((e.source, e.target) for e in view.edges)
    boxes: dict[str, list[str]] = {}
    for n in view.nodes:
        if n.compartment or n.group:
            boxes.setdefault(n.compartment or n.group, []).append(n.id)
    joined.add_edges_from(edge for ids in boxes.values() for edge in itertools.pairwise(ids))
    parts = sorted((sorted(c, key=order.__getitem__) for c in nx.connected_components(joined)),
                   key=lambda c: order[c[0]])
    if len(parts) < 2:
        return None
    flow = nx.DiGraph()
    flow.add_nodes_from(order)
    flow.add_edges_from((e.source, e.target) for e in view.edges if not e.structural)
    dag = nx.condensation(flow)
    step = {m: i for i, c in enumerate(nx.lexicographical_topological_sort(dag))
            for m in dag.nodes[c]["members"]}
    entered = {e.target for e in view.edges if not e.structural}
    chain: list[str] = []
    rows = []
    for part in parts:
        firsts = [n for n in part if n not in entered] or part[:1]
        if len(firsts) > 1:
            rows.append(tuple(firsts))
        last = max(part, key=lambda n: (step[n], order[n]))
        chain += [firsts[0]] + ([last] if last in entered else [])
    return replace(view, align=tuple(chain), same_rank=view.same_rank + tuple(rows))


SNAKES = (2, 3, 4)  # rows a long chain is tried in where the view has none of its own


def narrow_rows(view: View) -> tuple[tuple[str, ...], ...]:
    """Rows for a column far taller than wide: each node one row under its lowest input (the
    longest path down to it), except that the view's inputs (nodes nothing leads to) stand one
    under another, so each input's labelled link has a gap of its own instead of all sharing
    one: the input whose links reach farthest down first, so its long links run round the
    shorter ones rather than across them (then in the order written); and that an end node
    fed by one node alone is drawn in that node's row, just right of it (one per node), its
    link running across the row rather than widening the row below. Linear in the view's size.

    >>> from pathways.views import ViewEdge, ViewNode
    >>> nodes = tuple(ViewNode(i, i, "protein") for i in ("a", "b", "hub", "end", "next"))
    >>> links = [("a", "hub"), ("b", "hub"), ("hub", "end"), ("hub", "next")]
    >>> narrow_rows(View("v", "mechanism", nodes,
    ...                  tuple(ViewEdge(s, t, "+", "stated") for s, t in links)))
    (('a',), ('b',), ('hub', 'end'), ('next',))
    """
    import networkx as nx

    order = {n.id: i for i, n in enumerate(view.nodes)}
    flow = nx.DiGraph()
    flow.add_nodes_from(order)
    flow.add_edges_from((e.source, e.target) for e in view.edges)
    dag = nx.condensation(flow)
    members = {c: sorted(dag.nodes[c]["members"], key=order.__getitem__) for c in dag}
    written = sorted(dag, key=lambda c: order[members[c][0]])
    depth: dict[int, int] = {}
    for c in nx.topological_sort(dag):
        depth[c] = max((depth[p] + 1 for p in dag.predecessors(c)), default=0)
    inputs = sorted((c for c in written if dag.in_degree(c) == 0),
                    key=lambda c: -max((depth[t] for t in dag.successors(c)), default=0))
    row = {c: i for i, c in enumerate(inputs)}
    for c in nx.topological_sort(dag):
        if c not in row:
            row[c] = max(row[p] for p in dag.predecessors(c)) + 1
    beside: dict[int, int] = {}  # the node a lone end node is drawn beside -> that end node
    for c in written:
        feeds = list(dag.predecessors(c))
        if dag.out_degree(c) == 0 and len(feeds) == 1 and feeds[0] not in beside:
            beside[feeds[0]] = c
            row[c] = row[feeds[0]]
    rows: dict[int, list[str]] = {}
    for c in written:
        if c not in beside.values():
            rows.setdefault(row[c], []).extend(members[c])
            if c in beside:
                rows[row[c]].extend(members[beside[c]])
    return tuple(tuple(rows[r]) for r in sorted(rows))


def arrangements(view: View, preset: Preset) -> list[tuple[str, str, View]]:
    """The (name, direction, view) candidates a view is laid out in for `preset`.

    A view with rows and a direction of its own (a catalog figure) is drawn as written on a
    slide, whose area they were written for; a print preset also tries it without them, in
    each direction. A view without rows (any `render` view) is also tried with its longest
    chain snaked into rows (`snake_rows`), since nobody has chosen rows for it: into rows of
    equal length, and, for a view with no rows or direction of its own, also into each of the
    uneven rows of `snake_cuts` (named by their lengths, "4 rows: 2, 2, 3, 4"). A print preset
    also tries the view's separate parts one under another (`stacked`)."""
    written = [("as written", d, view) for d in ((view.rankdir,) if view.rankdir
                                                 else preset.directions)]
    own = bool(view.rows or view.rankdir)
    if own:
        if not preset.page:
            return written
        free = replace(view, rows=(), align=(), rankdir="",
                       same_rank=tuple(g for g in view.same_rank if g not in view.rows))
        written += [("no rows", d, free) for d in preset.directions]
        view = free
    if preset.page and (parts := stacked(view)) is not None:
        written.append(("stacked", "TB", parts))
    if preset.page and preset.area[0] < preset.area[1] / 2 and len(view.nodes) <= MAX_SNAKED:
        # A column far taller than wide: the view stretched down it (`narrow_rows`).
        rows = narrow_rows(view)
        written.append(("narrow", "TB", replace(view, rows=rows,
                                                same_rank=view.same_rank + rows)))
    out = list(written)
    if len(view.nodes) <= MAX_SNAKED:
        chain = len(longest_chain(view))
        for count in SNAKES:
            cuts = snake_cuts(chain, count)
            for i, lengths in enumerate(cuts[:1] if own else cuts):
                if rows := snake_rows(view, count, lengths):
                    name = f"{len(rows)} rows" + (f": {', '.join(map(str, lengths))}" if i
                                                  else "")
                    snaked = replace(view, rows=rows, same_rank=view.same_rank + rows)
                    out.append((name, "TB", snaked))
    if any(e.summary for e in view.edges):
        # A summary link (`views.summaries`) is left loose in the drawing as written, where it
        # lets the route it summarises fold beside it, and pulled as any other link in a
        # rearrangement, whose rows it would wander across loose (`render ketamine mgs0039`
        # drew one through a compartment); the drawing as written is tried pulled too. Loose,
        # the drawing as written crosses what it must, and so bars no fold of the route for
        # crossing the summary link: pulled, `render esketamine` was one column at 7.8 pt.
        out = [(name, d, v if name == "as written" else _pulled(v)) for name, d, v in out] \
            + [("as written, summaries pulled", d, _pulled(v)) for name, d, v in written
               if name == "as written"]
    return out


def _as_written(name: str) -> bool:
    """Whether an arrangement is the view as written, its summary links loose or pulled: never
    dropped for its crossings. (A rearrangement's crossings are held to the drawing as written
    with its summary links loose, which crosses what they must: see `arrangements`.)"""
    return name in ("as written", "as written, summaries pulled")


def _pulled(view: View) -> View:
    """`view` with every link pulling its ends together, summary links too."""
    return replace(view, edges=tuple(replace(e, summary=False) for e in view.edges))


MAX_SNAKED = 80  # nodes: a larger view is drawn without snaked rows (each is one more layout)


@lru_cache(maxsize=8)
def _bernstein(steps: int) -> tuple[tuple[float, float, float, float], ...]:
    """The cubic Bezier weights of the points `spline_points` takes along each piece, worked
    out once (the same numbers, in the same order of operations, as written out per point)."""
    out = []
    for k in range(steps + 1):
        s = k / steps
        u = 1 - s
        out.append((u ** 3, 3 * u * u * s, 3 * u * s * s, s ** 3))
    return tuple(out)


def spline_points(points: list[list[float]], steps: int = 12) -> list[tuple[float, float]]:
    """Points along a Graphviz B-spline (a start point then control-point triples)."""
    weights = _bernstein(steps)
    out = []
    for i in range(0, len(points) - 3, 3):
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = points[i:i + 4]
        out += [(w0 * ax + w1 * bx + w2 * cx + w3 * dx, w0 * ay + w1 * by + w2 * cy + w3 * dy)
                for w0, w1, w2, w3 in weights]
    return out


def label_crossings(data: dict[str, Any]) -> dict[int, int]:
    """How many edges run through each cluster's label in a laid-out graph (Graphviz JSON),
    by cluster number (the `-cluster-N` of its id); clusters no edge crosses are left out."""
    labels: dict[int, Rect] = {}
    for obj in data.get("objects", []):
        if "bb" in obj and (m := re.search(r"-cluster-(\d+)$", obj.get("id", ""))):
            size = 14.0
            for op in obj.get("_ldraw_", []):
                if op["op"] == "F":
                    size = float(op["size"])
                elif op["op"] == "T":  # one per line: the label is all of them
                    (x, y), w = op["pt"], float(op["width"])
                    left = {"l": x, "r": x - w}.get(op["align"], x - w / 2)
                    line = (left - 2, y - 0.3 * size - 2, left + w + 2, y + size + 2)
                    was = labels.get(int(m.group(1)), line)
                    labels[int(m.group(1))] = (min(was[0], line[0]), min(was[1], line[1]),
                                               max(was[2], line[2]), max(was[3], line[3]))
    out: dict[int, int] = {}
    for path in _sampled(data) if labels else []:
        for number, (x0, y0, x1, y1) in labels.items():
            if any(x0 <= x <= x1 and y0 <= y <= y1 for x, y in path):
                out[number] = out.get(number, 0) + 1
    return out


def edge_crossings(data: dict[str, Any], fan_in: bool = True) -> int:
    """Pairs of edges whose drawn curves cross away from their nodes, in a laid-out graph
    (Graphviz JSON); within 12 pt of its own ends' boxes an edge may meet another that shares
    the node. Without `fan_in`, edges into the same node crossing on their way there are not
    counted: a reader still sees where each goes. Quadratic in the edges, so `layout_view`
    counts it only for views small enough to be rearranged (MAX_SNAKED nodes); pairs whose
    boxes miss each other are skipped."""
    boxes = {}
    for obj in data.get("objects", []):
        if "pos" in obj and "_gvid" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * 36 + 12, float(obj["height"]) * 36 + 12
            boxes[obj["_gvid"]] = (x - w, y - h, x + w, y + h)

    def segments(edge: dict[str, Any], pts: list[tuple[float, float]]
                 ) -> list[tuple[tuple[float, float], tuple[float, float]]]:
        ends = [boxes[edge["tail"]], boxes[edge["head"]]]
        away = [p for p in pts if not any(a <= p[0] <= c and b <= p[1] <= d
                                          for a, b, c, d in ends)]
        return list(itertools.pairwise(away))

    drawn = []
    for edge, pts in zip(data.get("edges", []), _sampled(data), strict=True):
        if segs := segments(edge, pts):
            xs = [x for seg in segs for x, _ in seg]
            ys = [y for seg in segs for _, y in seg]
            # Where the arrow points: an edge written backwards (`dir=back`, a row read right
            # to left) points at its written tail.
            into = edge["tail"] if edge.get("dir") == "back" else edge["head"]
            drawn.append(((min(xs), min(ys), max(xs), max(ys)), segs, into))
    count = 0
    for (box1, one, head1), (box2, two, head2) in itertools.combinations(drawn, 2):
        if box1[2] < box2[0] or box2[2] < box1[0] or box1[3] < box2[1] or box2[3] < box1[1]:
            continue
        if not fan_in and head1 == head2:
            continue
        if _segments_cross(_near(one, box2), _near(two, box1)):
            count += 1
    return count


Segment = tuple[tuple[float, float], tuple[float, float]]
NEAR = 0.01  # points: segments farther apart than this cannot cross, rounding and all


def _near(segments: list[Segment], box: Rect) -> list[Segment]:
    """The `segments` whose own boxes come within NEAR of `box`: only they can cross a curve
    inside it."""
    x0, y0, x1, y1 = box[0] - NEAR, box[1] - NEAR, box[2] + NEAR, box[3] + NEAR
    return [seg for seg in segments
            if not (max(seg[0][0], seg[1][0]) < x0 or min(seg[0][0], seg[1][0]) > x1
                    or max(seg[0][1], seg[1][1]) < y0 or min(seg[0][1], seg[1][1]) > y1)]


def _segments_cross(one: list[Segment], two: list[Segment]) -> bool:
    """Whether a segment of `one` properly crosses one of `two` (each one's ends on either side
    of the other), the pairs whose boxes are NEAR apart or more skipped, since they cannot."""
    for (px, py), (qx, qy) in one:
        lo_x, hi_x = min(px, qx) - NEAR, max(px, qx) + NEAR
        lo_y, hi_y = min(py, qy) - NEAR, max(py, qy) + NEAR
        for (rx, ry), (sx, sy) in two:
            if (rx < lo_x and sx < lo_x) or (rx > hi_x and sx > hi_x) \
                    or (ry < lo_y and sy < lo_y) or (ry > hi_y and sy > hi_y):
                continue
            # The orientation of each point against the other segment's line, as written:
            # (b - a) x (c - a) for the line a -> b and the point c.
            if (((sx - rx) * (py - ry) - (sy - ry) * (px - rx))
                    * ((sx - rx) * (qy - ry) - (sy - ry) * (qx - rx)) < 0
                    and ((qx - px) * (ry - py) - (qy - py) * (rx - px))
                    * ((qx - px) * (sy - py) - (qy - py) * (sx - px)) < 0):
                return True
    return False


def _html_end(text: str, start: int) -> int:
    """The index just past the HTML-like value (`<...>`, nested) that starts at `start`."""
    depth = 0
    for i in range(start, len(text)):
        depth += {"<": 1, ">": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
    return len(text)


_SCRIPT_TAG = re.compile(r"<(SUB|SUP)>([^<]*)</\1>", re.IGNORECASE)


def hover_words(inner: str) -> str:
    """The words of an HTML-like label's contents (`inner`) as a plate's hover text shows them:
    its scripts in Unicode where Unicode has them (`labels.readable`: "IC₅₀", where stripping
    the tags left "IC 50 8 nM", read as two numbers), its lines joined by spaces, its entities
    and doubled backslashes the characters they stand for (`tooltip` escapes them again)."""
    marked = _SCRIPT_TAG.sub(lambda m: ("_" if m.group(1).upper() == "SUB" else "^")
                             + "{" + m.group(2) + "}", inner)
    text = html.unescape(re.sub(r"<[^>]*>", " ", marked).replace("\\\\", "\\"))
    return " ".join(readable(text).split())


# A label plate's opacity (a hex alpha): an edge that runs behind a label no spot could keep it
# off shows through faintly, so its route can still be followed, and the words stay legible
# over it. Opaque, `render esketamine` hid some 190 pt of disinhibition -> glutamate surge
# behind two labels, what was left reading as a line out of "common adverse event".
PLATE_ALPHA = "D0"


def see_through(colour: str) -> str:
    """`colour` (#RRGGBB, or white or black) at PLATE_ALPHA; any other as it is."""
    hexed = {"white": "#FFFFFF", "black": "#000000"}.get(colour.lower(), colour)
    return hexed + PLATE_ALPHA if len(hexed) == 7 and hexed.startswith("#") else colour


def plated_labels(positioned: str, struck: dict[str, bool], theme: Theme) -> str:
    """The laid-out graph with the labels of `struck` edges (see `struck_labels`) drawn as plates
    after every edge, in the background colour (in a compartment, its fill), rather than with
    their edges: for a label another edge runs through where no clear spot beside its own edge
    was found (see `labels_to_edges`), so that the line passes behind the text instead of
    striking it through, faintly in view (`PLATE_ALPHA`). The label keeps its place."""
    plates = []
    for edge_id, in_compartment in struck.items():
        fill = theme.cluster_fill if in_compartment else theme.background
        where = _edge_statement(positioned, edge_id)
        label = _EDGE_LABEL.search(positioned, *where) if where else None
        lp = _LP.search(positioned, *where) if where else None
        if not (label and lp):
            continue
        start, stop = label.start(), _html_end(positioned, label.end() - 1)
        inner = positioned[label.end():stop - 1]
        positioned = positioned[:start] + 'label=""' + positioned[stop:]
        plates.append(
            f"\t{dot_string(edge_id + '-label')} [id={dot_string(edge_id + '-label')}, "
            f'shape=plain, pos="{lp.group(1)},{lp.group(2)}", tooltip={tooltip(hover_words(inner))}, '
            f'label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" '
            f'BGCOLOR="{see_through(fill)}"><TR><TD>{inner}</TD></TR></TABLE>>];\n')
    return positioned.rstrip().removesuffix("}") + "".join(plates) + "}\n" if plates \
        else positioned


def plated(positioned: str, clusters: list[int], view_id: str, theme: Theme) -> str:
    """The laid-out graph with the labels of `clusters` drawn as plates over the edges (in the
    compartment's fill, after every edge) rather than under them: for the edges no corner kept
    out of a label, which then pass behind it instead of striking its text through."""
    plates = []
    for number in clusters:
        at = positioned.find(f'id="{view_id}-cluster-{number}"')
        start = positioned.find("label=<", at)
        if at < 0 or start < 0:
            continue
        end = _html_end(positioned, start + len("label="))
        inner = positioned[start + len("label=<"):end - 1]
        block = positioned[end:positioned.find("]", end)]
        found = [re.search(rf'\b{k}="?([-\d.,]+)', block) for k in ("lp", "lwidth", "lheight")]
        if not all(found):
            continue
        lp, lw, lh = (m.group(1) for m in found if m)
        positioned = positioned[:start] + 'label=""' + positioned[end:]
        plates.append(
            f'\t"{view_id}-label-{number}" [id={dot_string(f"{view_id}-cluster-{number}-label")}, '
            f'shape=plain, pos="{lp}", width="{lw}", height="{lh}", '
            f"fontcolor={dot_string(theme.text)}, tooltip={tooltip(hover_words(inner))}, "
            f'label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" '
            f'BGCOLOR="{theme.cluster_fill}"><TR><TD>{inner}</TD></TR></TABLE>>];\n')
    return positioned.rstrip().removesuffix("}") + "".join(plates) + "}\n" if plates else positioned


@lru_cache(maxsize=32)
def _json(data: bytes) -> Any:
    """A laid-out graph's Graphviz JSON, parsed once however many checks read it (the cache is
    emptied after each `layout_view`); the result is shared, so it is only ever read. (orjson:
    a candidate's JSON is some 100 KB, read three times faster than by the standard library's
    `json`, and a `render` reads hundreds.)"""
    return orjson.loads(data)


# A dashed or dotted line shorter than this (points, arrowhead apart) shows too little of its
# pattern to read as one: two periods of the SVG dash Graphviz draws (5 + 2), and in its PDF and
# PNG (6 + 6) a dash, a gap and a dash.
SHORT_BROKEN = 14.0


def short_broken_links(data: dict[str, Any]) -> list[str]:
    """The ids of the dashed or dotted edges of a laid-out graph (Graphviz JSON) whose line is
    under SHORT_BROKEN points long: drawn as solid as far as a reader can tell."""
    out = []
    for e, points in zip(data.get("edges", []), _sampled(data), strict=True):
        if e.get("style") not in ("dashed", "dotted"):
            continue
        if sum(math.dist(a, b) for a, b in itertools.pairwise(points)) < SHORT_BROKEN:
            out.append(e.get("id", ""))
    return sorted(out)


def lengthened(text: str, edge_ids: Collection[str]) -> str:
    """A figure's DOT `text` with the edges `edge_ids` given twice the usual room (`minlen`:
    between neighbours in a row, two node gaps; between ranks, two ranks)."""
    wanted = tuple(f"id={dot_string(i)}" for i in edge_ids)
    return "\n".join(line.replace(" [", ' [minlen="2", ', 1)
                     if " -> " in line and any(w in line for w in wanted) else line
                     for line in text.split("\n"))


def _shown_broken(laid: Laid, label: str) -> Iterator[Laid]:
    """The chosen candidate with its dashed and dotted links long enough to show their pattern,
    each a trial the caller keeps or goes on from: laid out again with those too short given
    more room (`lengthened`), then, where that is not kept and more than one was short, with
    each of them alone given room (`mij821-phase2-workflow` in one column showed both its
    hypothesised links between results 4 pt long, as solid as the rest: with room for both,
    its text came to 5.96 pt, under the 6 pt floor). A trial is offered where fewer links are
    then too short and no more edges or compartment labels cross. Arrows into one node may then
    cross on their way to it: a link read as what the documents say (hypothesised, hedged) is
    worth that."""
    text, first = laid
    before = _json(first["json"])
    short = short_broken_links(before)
    for edges in [short, *([one] for one in short if len(short) > 1)] if short else []:
        trial = lengthened(text, edges)
        (again,) = run_each([(trial, ("dot", "json"))], label)
        if isinstance(again, RenderError):
            continue
        after = _json(again["json"])
        if len(short_broken_links(after)) < len(short) and \
                edge_crossings(after, fan_in=False) <= edge_crossings(before, fan_in=False) and \
                sum(label_crossings(after).values()) <= sum(label_crossings(before).values()):
            yield trial, again


# Where a cluster's label may go instead of the top left, tried a batch at a time: the top
# right keeps it in the band it had; wrapping it ("...2") costs a line there; last, the label
# stays and edges from outside come in at their node's side ("tlw", "tle"), under the label.
CORNERS = (("tr", "bl", "br"), ("tl2", "tr2", "bl2", "br2"), ("tlw", "tle"))


Laid = tuple[str, dict[str, bytes]]  # a candidate's DOT text and its layout (positioned DOT, JSON)
Steps = Generator[list[str], list[dict[str, bytes]], Laid]


def _corner_steps(build: Callable[..., str], text: str, laid: dict[str, bytes]) -> Steps:
    """One candidate's cluster-label retries, as a generator: it yields the DOT texts to lay out
    next (a label at other corners), is sent their layouts, and returns the candidate's text
    and layout with the first placement that has the fewest crossings of an edge through a
    label. As a generator, every candidate's retries of one round run at once (`_laid_out`)."""
    label_at: dict[int, str] = {}
    crossed = label_crossings(_json(laid["json"]))
    for cluster, batch in itertools.product(sorted(crossed), CORNERS):
        if not crossed.get(cluster):
            continue
        trials = {}  # text -> placement; a label too short to wrap gives a text seen before
        for corner in batch:
            trials.setdefault(build(label_at={**label_at, cluster: corner}), corner)
        trials.pop(text, None)
        if not trials:
            continue
        results = yield list(trials)
        counts = [sum(label_crossings(_json(r["json"])).values()) for r in results]
        best = min(range(len(results)), key=lambda i: (counts[i], i))
        if counts[best] < sum(crossed.values()):
            text, laid = list(trials)[best], results[best]
            label_at = {**label_at, cluster: trials[text]}
            crossed = label_crossings(_json(laid["json"]))
    return text, laid


def _laid_out(builds: list[Callable[..., str]], label: str, extra: tuple[str, ...] = (),
              texts: list[str] | None = None,
              choose: Callable[[list[dict[str, bytes] | RenderError]], set[int]] | None = None
              ) -> tuple[list[Laid | RenderError | None], list[dict[str, bytes]]]:
    """Lay out the DOT text each of `builds` gives, and measure the `extra` graphs (`-Tplain`),
    all at once, each graph in a `dot` process of its own (`run_each`); where an edge runs
    through a cluster's label, lay that label out at the other corners (at once), then
    wrapped if that did not clear it, and keep the first placement
    with the fewest such crossings (`_corner_steps`; every candidate's retries of a round in
    one batch of runs). Returns the figures, each a RenderError where Graphviz could not lay
    it or one of its retries out, then the extra graphs measured.
    `texts`: what `builds` give with every label at its usual place, where already built;
    `choose`: given the first layouts, the candidates worth refining (the others are None)."""
    if texts is None:
        texts = [build(label_at={}) for build in builds]
    first = run_each([(text, ("dot", "json")) for text in texts]
                     + [(graph, ("plain",)) for graph in extra], label)
    measures = []
    for measured in first[len(texts):]:
        if isinstance(measured, RenderError):
            raise measured
        measures.append(measured)
    out: list[Laid | RenderError | None] = list(first[:len(texts)])  # type: ignore[arg-type]
    chosen = choose(first[:len(texts)]) if choose else set(range(len(texts)))
    steps: dict[int, Steps] = {}
    asked: dict[int, list[str]] = {}  # candidate -> the texts it waits for

    def advance(i: int, sent: list[dict[str, bytes]] | None) -> None:
        try:
            asked[i] = steps[i].send(sent)  # type: ignore[arg-type]
        except StopIteration as done:
            out[i] = done.value

    for i, (build, text, laid) in enumerate(zip(builds, texts, first, strict=False)):
        if isinstance(laid, RenderError):
            continue
        if i not in chosen:
            out[i] = None
            continue
        steps[i] = _corner_steps(build, text, laid)
        advance(i, None)
    while asked:
        batch, asked = sorted(asked.items()), {}
        results = run_each([(t, ("dot", "json")) for _, trials in batch for t in trials], label)
        at = 0
        for i, trials in batch:
            got, at = results[at:at + len(trials)], at + len(trials)
            error = next((r for r in got if isinstance(r, RenderError)), None)
            if error is not None:
                out[i] = error
            else:
                advance(i, got)  # type: ignore[arg-type]
    return out, measures


Lines = list[tuple[float, float]]  # (farthest distance from the label's centre, width) per line


def _measure_source(labels: list[str], font_size: float) -> str:
    """A graph of the labels alone, with the figure's node defaults (a label's spacer cells take
    the default font size): laid out, it measures them."""
    return (f"digraph measure {{\n  node [shape=plain, fontname={dot_string(FONT)}, "
            f'fontsize="{font_size:g}"];\n'
            + "".join(f"  l{i} [label={label}];\n" for i, label in enumerate(labels)) + "}\n")


def measure_labels(labels: list[str], font_size: float, name: str
                   ) -> list[tuple[float, float, Lines]]:
    """(width, height, lines) in points of each label (HTML-like, in the figures' face, at
    `font_size` unless it says otherwise), from one Graphviz run."""
    source = _measure_source(labels, font_size)
    return _measured(orjson.loads(run_graphviz(source, fmt="json", label=name)), len(labels),
                     font_size)


def _as_measured(points: int) -> float:
    """A whole number of points as Graphviz reports a node that size (in inches, to 5 digits),
    read back in points: what measuring a label gives."""
    return float(f"{points / 72:.5g}") * 72


@dataclass(frozen=True)
class LegendMeasure:
    """How a figure's legend shapes are sized (`legend_measure`): the graph to lay out, the
    shapes parsed (`htmlsize`; None where not composable), the distinct text cells it measures
    alone, then the shapes it measures whole."""

    source: str
    tables: list[htmlsize.Table | None]
    cells: list[str]
    whole: list[int]


def legend_measure(labels: list[str], font_size: float) -> LegendMeasure:
    """The graph that sizes `labels` (see `legend_sizes`): each distinct text cell once, alone
    in a cell (`htmlsize.cell_label`), then the labels measured whole: those `htmlsize` cannot
    compose, and a sample to check the composed sizes against."""
    tables = [htmlsize.parse(label) for label in labels]
    cells = list(dict.fromkeys(t for table in tables if table for t in htmlsize.texts(table)))
    whole = sorted({i for i, table in enumerate(tables) if table is None}
                   | set(htmlsize.sample(labels)))
    source = _measure_source([htmlsize.cell_label(t) for t in cells]
                             + [labels[i] for i in whole], font_size)
    return LegendMeasure(source, tables, cells, whole)


def legend_sizes(labels: list[str], font_size: float, plan: LegendMeasure, laid: bytes,
                 name: str) -> list[tuple[float, float]]:
    """(width, height) in points of each of `labels`, as measuring each whole would give, from
    `laid`, `plan.source` laid out as Graphviz's plain text: composed from the sizes of their text cells
    (`htmlsize`), else as measured whole. Where a sampled label's composed size differs from
    its measure (a Graphviz that sizes tables otherwise), every label is measured whole."""
    measured = _plain_sizes(laid, len(plan.cells) + len(plan.whole))
    texts = {t: (round(w), round(h)) for t, (w, h) in zip(plan.cells, measured, strict=False)}
    sizes = dict(zip(plan.whole, measured[len(plan.cells):], strict=True))
    out = []
    for i, table in enumerate(plan.tables):
        size = htmlsize.table_size(table, texts) if table else None
        composed = (_as_measured(size[0]), _as_measured(size[1])) if size else sizes[i]
        if sizes.get(i, composed) != composed:
            source = _measure_source(labels, font_size)
            return _plain_sizes(run_graphviz(source, fmt="plain", label=name), len(labels))
        out.append(composed)
    return out


def _plain_sizes(plain: bytes, count: int) -> list[tuple[float, float]]:
    """(width, height) in points of each label of a `_measure_source` graph laid out as
    Graphviz's plain text (`node NAME X Y WIDTH HEIGHT ...`, in inches): far less to write and
    read than JSON where only the sizes count."""
    out = {}
    for line in plain.decode("utf-8").splitlines():
        if line.startswith("node "):
            name, _, _, width, height = line.split(" ", 6)[1:6]
            out[name] = (float(width) * 72, float(height) * 72)
    return [out[f"l{i}"] for i in range(count)]


def _measured(data: dict[str, Any], count: int, font_size: float
              ) -> list[tuple[float, float, Lines]]:
    """(width, height, lines) of each label of a laid-out `_measure_source` graph."""
    out = {}
    for obj in data.get("objects", []):
        cy = float(obj["pos"].split(",")[1])
        lines, size = [], font_size
        for op in obj.get("_ldraw_", []):
            if op["op"] == "F":
                size = float(op["size"])
            elif op["op"] == "T":
                base = float(op["pt"][1]) - cy  # ascent ~0.9 em above the baseline, descent ~0.25
                lines.append((max(abs(base + 0.9 * size), abs(base - 0.25 * size)),
                              float(op["width"])))
        out[obj["name"]] = (float(obj["width"]) * 72, float(obj["height"]) * 72, lines)
    return [out[f"l{i}"] for i in range(count)]


def snug_hexagon(height: float, lines: Lines, margin: tuple[float, float]) -> tuple[float, float]:
    """Width and height of the smallest Graphviz hexagon holding a label `height` tall whose lines
    sit as `lines` say: its sides slope in from the points (±W/2, 0) to (±W/4, ±H/2), so at a
    distance y from the middle it is W (1 - y/H) wide."""
    mx, my = margin
    tall = height + 2 * my + 14
    wide = max(((w + 2 * mx) / (1 - min(y / tall, 0.9)) for y, w in lines), default=tall)
    return round(max(wide, tall), 1), round(tall, 1)


def legend_labels(view: View, preset: Preset, theme: Theme) -> list[str]:
    """Every shape the legend is tried in: 1, 2, ... entries per row, each with its names as
    written and, where that differs, with the long names of line entries wrapped (at the width
    an edge label across a row wraps at), which makes a legend beside a figure far narrower;
    each also compact (every line style named once, not per arrowhead) and with its notes
    beside the entries rather than under them, where that differs."""
    out: dict[str, None] = {}
    for compact in (False, True):
        # The entries for each wrapping, built once for all the shapes tried.
        cells = {wrap: legend_cells(view, preset, theme, wrap, compact)
                 for wrap in (0, preset.wrap + 6)}
        for columns in range(1, max(1, len(cells[0])) + 1):
            for wrap, beside in itertools.product(cells, (False, True)):
                out.setdefault(legend_label(view, preset, theme, columns, wrap, compact, beside,
                                            cells[wrap]))
    return list(out)


def shown_text(laid: Layout, preset: Preset) -> float:
    """The smallest text of a laid-out figure, in points, where `preset` shows it."""
    return smallest_font(laid.positioned) * fit_scale(laid.width, laid.height, preset.area)


def one_size(preset: Preset) -> Preset:
    """`preset` with every text at its title size: details, edge labels and legend as large as
    node titles, as the print presets draw them. It gives up the two sizes' hierarchy for
    larger small print: the smallest text grows by font_size / small_size while the drawing
    grows less, since titles and spacing keep their size."""
    return replace(preset, small_size=preset.font_size)


def layout_view(view: View, preset: Preset, theme: Theme, *, transparent: bool = False,
                legend: bool = True, directions: tuple[str, ...] | None = None) -> Layout:
    """Lay `view` out in each of its `arrangements` for `preset` (direction, rows), with details
    as written and narrowed to their rows, place the legend, and keep the arrangement that is
    largest once scaled to fit `preset.area`. Where its smallest text stays under the preset's
    floor, a view of up to MAX_SNAKED nodes is laid out again densely (all text at one size,
    details narrowed to their titles, nodes closer), which is kept where its smallest text is
    larger. `directions` overrides the preset's."""
    if directions is not None:
        preset = replace(preset, directions=directions)
    laid = _layout_for(view, preset, theme, transparent, legend)
    if shown_text(laid, preset) < preset.floor and len(view.nodes) <= MAX_SNAKED:
        dense = _layout_for(view, one_size(preset), theme, transparent, legend, dense=True)
        if shown_text(dense, preset) > shown_text(laid, preset):
            return dense
    return laid


# Edge crossings a snaked arrangement of a view without rows of its own (a `render` view) may add
# to the view as written: a figure whose long chain is folded into rows across a slide often
# crosses one edge that its tall, unreadably small straight drawing does not.
SPARE_CROSSINGS = 1
# A view laid out in more candidates than this (a `render` view with many ways to snake its
# chain, times narrowed details and dense spacing) has only its PROMISING best and the
# arrangement as written refined and placed: each refinement (a compartment label at other
# corners) is several more layouts, and most candidates cannot win.
REFINED_ALL = 12
PROMISING = 6


def _promising(view: View, preset: Preset, orders: list[tuple[int, str, str]], texts: list[str],
               first: list[dict[str, bytes] | RenderError]) -> set[int]:
    """The candidates worth refining, given their first layouts: every one, up to REFINED_ALL;
    beyond that, those as written and the PROMISING whose bare drawing shows its text largest
    (up to `preset.enough`; then the smallest drawing) among those crossing no more edges than
    the arrangement as written allows them (see `_layout_for`)."""
    ok = [i for i, laid in enumerate(first) if not isinstance(laid, RenderError)]
    if len(ok) <= REFINED_ALL:
        return set(ok)
    written = [i for i in ok if _as_written(orders[i][2])]
    crossings = {i: edge_crossings(_json(first[i]["json"])) for i in ok}  # type: ignore[index]

    def key(i: int) -> tuple[float, float, int]:
        box = bounding_box(first[i]["dot"].decode("utf-8"))  # type: ignore[index]
        return _fit_key(texts[i], box, i, preset)

    names = [orders[i][2] if i in crossings else "" for i in range(len(orders))]
    allowed = _written_allows(view, names, crossings, key)
    rest = sorted((i for i in ok if i not in written and crossings[i] <= allowed), key=key)
    return set(written) | set(rest[:PROMISING])


def _fit_key(text: str, box: tuple[float, float], order: int, preset: Preset
             ) -> tuple[float, float, int]:
    """How well a bare drawing (DOT `text` laid out `box` points large) fits `preset`, lower
    being better: its smallest text once scaled to the preset's area, largest first (up to
    `preset.enough`); then the smaller drawing; then the earlier candidate."""
    w, h = box
    shown = min(smallest_font(text) * fit_scale(w, h, preset.area), preset.enough)
    return (-round(shown, 2), round(w * h), order)


def _crossings_allowed(view: View, written: list[int], crossings: Mapping[int, int],
                       key: Callable[[int], tuple[float, float, int]]) -> float:
    """How many edges a rearrangement of `view` (rows dropped or snaked) may cross: as many as
    the drawing as written it would replace does, the one of `written` that fits the preset
    best (`key`, lowest); one more for a view nobody chose rows for (SPARE_CROSSINGS). Not the
    fewest of any direction as written: a view's long chain laid out left to right is often a
    strip crossing nothing whose text no slide could show, and would bar every snake."""
    if not written:
        return math.inf
    allowed = crossings[min(written, key=key)]
    return allowed + (0 if view.rows or view.rankdir else SPARE_CROSSINGS)


def _written_allows(view: View, names: list[str], crossings: Mapping[int, int],
                    key: Callable[[int], tuple[float, float, int]]) -> float:
    """How many edges a rearrangement may cross (`_crossings_allowed`), given each candidate's
    arrangement name: held to the drawing as written with its summary links loose, or pulled
    where that allows more. So no rearrangement is barred that the same view without summary
    links (every link pulled) would keep, and its largest drawing is never the smaller for
    them (`render ketamine`, its link to the AMPA receptor loose, was 10.3 pt against 10.9)."""
    families = [family for written in ("as written", "as written, summaries pulled")
                if (family := [i for i, name in enumerate(names) if name == written])]
    return max((_crossings_allowed(view, family, crossings, key) for family in families),
               default=math.inf)


DENSE_SPACING = 0.75  # room between nodes and ranks in a dense drawing, as a share of the usual


def _layout_for(view: View, preset: Preset, theme: Theme, transparent: bool, legend: bool,
                dense: bool = False) -> Layout:
    """`layout_view` at the preset's text sizes: the arrangement, details and legend that are
    largest once fitted. `dense` (for a figure under its floor) also narrows details to their
    titles' width and draws nodes and ranks DENSE_SPACING as far apart."""
    labels = legend_labels(view, preset, theme) if legend else []
    hexagons = hexagon_labels(view, preset, theme)
    # Hexagons are sized before the layout, so their labels are measured first; the legend
    # is measured while the candidates are laid out.
    measured = (measure_labels(list(hexagons.values()), preset.font_size, f"{view.id} labels")
                if hexagons else [])
    snug = {node: snug_hexagon(h, lines, HEXAGON_MARGIN)
            for node, (_, h, lines) in zip(hexagons, measured, strict=True)}
    builds: list[Callable[..., str]] = []
    orders, texts, seen = [], [], set()
    candidates = [(name, rankdir, arranged, narrow, spacing)
                  for name, rankdir, arranged in arrangements(view, preset)
                  for narrow in ((1, 2) if dense else (0, 1))
                  for spacing in ((1.0, DENSE_SPACING) if dense else (1.0,))]
    for order, (name, rankdir, arranged, narrow, spacing) in enumerate(candidates):
        build = partial(build_dot, arranged, preset, theme, rankdir=rankdir,
                        transparent=transparent, sizes=snug, narrow=narrow, spacing=spacing)
        if (first := build()) not in seen:  # else nothing to narrow: laid out already
            seen.add(first)
            builds.append(build)
            texts.append(first)
            orders.append((order, rankdir, name))
    plan = legend_measure(labels, preset.font_size) if labels else None
    extra = (plan.source,) if plan else ()
    laid_out, measures = _laid_out(builds, view.id, extra, texts,
                                   partial(_promising, view, preset, orders, texts))
    # Some rows Graphviz cannot rank (`trouble in init_rank`, rows across clusters): those
    # candidates are dropped, never the arrangement as written.
    for order, result in zip(orders, laid_out, strict=True):
        if isinstance(result, RenderError) and _as_written(order[2]):
            raise result
    kept = [i for i, result in enumerate(laid_out)
            if result is not None and not isinstance(result, RenderError)]
    # Nodes drawn one over another hide each other: such a drawing is kept only where every
    # candidate has as many (`overlapping_nodes`).
    overlaps = {i: overlapping_nodes(_json(laid_out[i][1]["json"])) for i in kept}  # type: ignore[index]
    kept = [i for i in kept if overlaps[i] == min(overlaps.values(), default=0)]
    orders = [orders[i] for i in kept]
    figures: list[Laid] = [laid_out[i] for i in kept]  # type: ignore[misc]
    sizes = (legend_sizes(labels, preset.font_size, plan, measures[0]["plain"],
                          f"{view.id} legend") if plan else [])
    if len({name for _, _, name in orders}) > 1:
        # A rearrangement (rows dropped or snaked) is kept only where it crosses no more edges
        # than the drawing as written that it would replace (`_crossings_allowed`).
        crossings = dict(enumerate(edge_crossings(_json(laid["json"])) for _, laid in figures))

        def fit(i: int) -> tuple[float, float, int]:
            return _fit_key(figures[i][0], bounding_box(figures[i][1]["dot"].decode("utf-8")),
                            orders[i][0], preset)

        allowed = _written_allows(view, [name for _, _, name in orders], crossings, fit)
        keep = [i for i, (_, _, name) in enumerate(orders)
                if _as_written(name) or crossings[i] <= allowed]
        orders, figures = [orders[i] for i in keep], [figures[i] for i in keep]
    smallest = min(smallest_font(text) for text, _ in figures)
    boxes = [bounding_box(laid["dot"].decode("utf-8")) for _, laid in figures]
    moves: dict[int, dict[str, tuple[float, float]]] = {}

    def moved(i: int) -> dict[str, tuple[float, float]]:
        """Candidate i's edge labels to move beside their edges (worked out once)."""
        if i not in moves:
            moves[i] = (labels_to_edges(_json(figures[i][1]["json"]))
                        if len(view.nodes) <= MAX_SNAKED else {})
        return moves[i]

    def drawn(i: int) -> Extremes:
        return _extremes(profiles(*boxes[i], ink(_json(figures[i][1]["json"]), moved(i))))

    numbers = [order for order, _, _ in orders]
    chosen = _best_spot(numbers, boxes, sizes, drawn, smallest, preset)
    if len(view.nodes) <= MAX_SNAKED:  # as `moved`: few edges to look at

        counted: dict[int, tuple[int, int]] = {}

        def struck(i: int) -> tuple[int, int]:
            # An edge grazing a node it does not join misleads as a label over another edge
            # does. Worked out once a candidate.
            if i not in counted:
                data = _json(figures[i][1]["json"])
                over, plated = crossed_labels(data, moved(i))
                # So do an edge grazing a node, and a label left nearer another edge than
                # its own: each seems to name a link that is not there; and a label over a
                # node, which hides its name or is hidden.
                wrong = (grazing_edges(data) + misleading_labels(data, moved(i))
                         + labels_on_nodes(data, moved(i)) + crowded_labels(data, moved(i)))
                counted[i] = (over + wrong, plated + wrong)
            return counted[i]

        chosen = _fewer_plated(numbers, boxes, sizes, drawn, smallest, preset, struck, chosen)
        hidden: dict[int, int] = {}

        def on_nodes(i: int) -> int:
            if i not in hidden:
                hidden[i] = labels_on_nodes(_json(figures[i][1]["json"]), moved(i))
            return hidden[i]

        if on_nodes(chosen[0]):
            chosen = _nothing_hidden(numbers, boxes, sizes, drawn, smallest, preset, struck,
                                     on_nodes, chosen)
    at, shape, (side, x, y, total_w, total_h) = chosen
    trials = _shown_broken(figures[at], view.id) if len(view.nodes) <= MAX_SNAKED else iter(())
    kept = (figures[at], boxes[at])
    for shown in trials:
        # Laid out again for its dashed links: the legend is placed anew beside it, and the
        # drawing kept unless that brings its text under the preset's floor, or leaves more
        # labels over other edges or nearer another edge than their own (`struck`), which the
        # choice of drawing weighed, or more nodes on each other (`overlapping_nodes`).
        wrong = struck(at)[0]  # of the drawing as chosen, back at `at` after each trial
        figures[at], boxes[at] = shown, bounding_box(shown[1]["dot"].decode("utf-8"))
        moves.pop(at, None)  # `moved` works them out again for the drawing now at `at`
        counted.pop(at, None)  # and `struck` its labels
        _, again, spot = _best_spot([orders[at][0]], [boxes[at]], sizes, lambda _: drawn(at),
                                    smallest, preset)
        before = smallest * fit_scale(total_w + 2 * PAD, total_h + 2 * PAD, preset.area)
        if smallest * fit_scale(spot[3] + 2 * PAD, spot[4] + 2 * PAD, preset.area) \
                >= min(before, preset.floor) and struck(at)[0] <= wrong \
                and overlapping_nodes(_json(shown[1]["json"])) \
                <= overlapping_nodes(_json(kept[0][1]["json"])):
            shape, (side, x, y, total_w, total_h) = again, spot
            break
        figures[at], boxes[at] = kept
        moves.pop(at, None)
        counted.pop(at, None)
    (_, rankdir, name), (text, laid) = orders[at], figures[at]
    placed = plated(laid["dot"].decode("utf-8"), sorted(label_crossings(_json(laid["json"]))),
                    view.id, theme)
    placed = moved_labels(placed, moved(at))
    placed = with_edge_pos(placed, spread_heads(_json(laid["json"])))
    if len(view.nodes) <= MAX_SNAKED and not transparent:  # as `moved`: few edges to look at
        placed = plated_labels(placed, struck_labels(_json(laid["json"]), moved(at)), theme)
    if side:
        placed = placed.rstrip().removesuffix("}") + (
            f"\tlegend [id={dot_string(view.id + '-legend')}, shape=plain, "
            f'tooltip="Legend", pos="{x:.2f},{y:.2f}", '
            f'width="{sizes[shape][0] / 72:.4f}", '
            f'height="{sizes[shape][1] / 72:.4f}", '
            f"label={labels[shape]}];\n") + "}\n"
    _json.cache_clear()
    _SAMPLED.clear()
    return Layout(text, placed, rankdir, side, round(total_w + 2 * PAD, 1),
                  round(total_h + 2 * PAD, 1), name)


Spot = tuple[str, float, float, float, float]  # side, centre x, centre y, total width, height


def _spot_key(total_w: float, total_h: float, order: int, smallest: float, preset: Preset
              ) -> tuple[float, int, int]:
    """How good a figure `total_w` x `total_h` (legend included) is: largest once fitted (up to
    `preset.enough`); then the most compact; then the earlier candidate (`order`: as written
    before rearranged, details as written before narrowed). Higher is better."""
    scale = fit_scale(total_w + 2 * PAD, total_h + 2 * PAD, preset.area)
    if scale * smallest < preset.enough:
        return (round(scale, 4), -round(total_w * total_h), -order)
    # Text enough: the figure shown smallest.
    return (round(preset.enough / smallest, 4),
            -round((total_w + 2 * PAD) * (total_h + 2 * PAD) * scale ** 2), -order)


def _best_spot(orders: list[int], boxes: list[tuple[float, float]],
               sizes: list[tuple[float, float]], drawn: Callable[[int], Extremes],
               smallest: float, preset: Preset) -> tuple[int, int, Spot]:
    """The (candidate, legend shape, spot) with the highest `_spot_key` of every spot of every
    legend shape (`sizes`) beside every laid-out candidate (`boxes`, with its `drawn`
    profiles); of equal keys, the first in candidate, shape, spot order. Without a legend,
    the best candidate alone.

    Best first: pairs of candidate and shape are tried from the highest bound down, and the
    search stops at the first pair whose bound is under the best key found, since no spot of
    it or of any pair after it can score more. A pair is first bounded by `_ceiling` (its
    size alone), then, when it comes up, again by `_side_ceilings` (how far the drawing lets a
    legend that size in on each side) and queued by that; a candidate's profiles are only
    built when one of its pairs comes up. A side whose own bound is under the best key is not
    tried, and spots of a pair with the size of an earlier one have its key and are skipped."""
    if not sizes:
        keys = [(_spot_key(w, h, order, smallest, preset), -i)
                for i, (order, (w, h)) in enumerate(zip(orders, boxes, strict=True))]
        at = max(range(len(keys)), key=keys.__getitem__)
        return at, 0, ("", 0.0, 0.0, *boxes[at])
    heap = [(-_ceiling(w, h, size, smallest, preset), at, shape, False)
            for at, (w, h) in enumerate(boxes) for shape, size in enumerate(sizes)]
    heapq.heapify(heap)
    made: dict[int, Extremes] = {}
    best: tuple[tuple[float, int, int], tuple[int, int, int]] | None = None
    found: tuple[int, int, Spot] | None = None
    while heap:
        ceiling, at, shape, tight = heapq.heappop(heap)
        if best is not None and -ceiling < best[0][0]:
            break
        if at not in made:
            made[at] = drawn(at)
        w, h = boxes[at]
        if not tight:  # bound it again from the drawing's profiles, and queue it by that
            bound = max(_side_ceilings(w, h, sizes[shape], made[at], smallest, preset))
            heapq.heappush(heap, (max(ceiling, -bound), at, shape, True))
            continue
        seen: dict[tuple[float, float], tuple[float, int, int]] = {}
        k = 0  # the spot's place in `_spots`'s list: of equal keys, the first wins
        for side, bound in zip(SIDES, _side_ceilings(w, h, sizes[shape], made[at], smallest,
                                                      preset), strict=True):
            spots = _side_spots(side, w, h, sizes[shape], made[at]) if best is None or \
                bound >= best[0][0] else [None] * _side_count(side, w, h, sizes[shape])
            for spot in spots:
                k += 1
                if spot is None or (size := (spot[3], spot[4])) in seen:
                    continue  # a side that cannot win; an equal key, later: never better
                key = seen[size] = _spot_key(spot[3], spot[4], orders[at], smallest, preset)
                if best is None or key > best[0] or (key == best[0] and (at, shape, k) < best[1]):
                    best, found = (key, (at, shape, k)), (at, shape, spot)
    assert found is not None
    return found


# The share of its text size a drawing may give up for one with fewer edge labels that an
# edge runs through (each drawn as a plate the edge passes behind, or struck through).
PLATE_TRADE = 0.9
# The share it may give up for one with fewer labels over other edges: such a label seems to
# name the edge through it (`render --around mtor --depth 1` drew "expression", of the dotted
# link into BDNF, over AMPA receptor -> mTOR at 21.9 pt, where a drawing with it on its own
# edge has 19.4 pt).
PLATE_TRADE_OTHER = 0.8
# In print, where the text is large enough (`Preset.enough`) and paper is what a drawing costs:
# how much more paper one with fewer such labels may take. `mij821-proposed-pathway` at full
# width, to have no label plated, came out 642 pt tall, one narrow column down the page beside
# blank space, where with one plated it is 256 pt.
PLATE_PAPER = 1.5


def _fewer_plated(orders: list[int], boxes: list[tuple[float, float]],
                  sizes: list[tuple[float, float]], drawn: Callable[[int], Extremes],
                  smallest: float, preset: Preset, plated: Callable[[int], tuple[int, int]],
                  chosen: tuple[int, int, Spot]) -> tuple[int, int, Spot]:
    """`chosen` (what `_best_spot` found), or, where an edge runs through some of its edge
    labels (`plated`: how many another edge does, then how many any edge does, once labels
    are moved beside their edges: `crossed_labels`), the best of the candidates with fewer
    such labels whose text is still large enough, again while that one has some: first fewer
    over other edges, at PLATE_TRADE_OTHER of the text, then fewer at all, at PLATE_TRADE
    (either way, or the preset's `enough`; never under the preset's floor where `chosen`
    reaches it). An edge hidden behind
    three labels misleads more than text a tenth smaller: `render ketamine mgs0039 --highlight
    ampa_receptor` came out with four labels plated over other edges at 11.5 pt where a drawing
    with none has 10.6 pt."""
    at, _, spot = chosen
    if not any(plated(at)):
        return chosen
    counts = [plated(i) for i in range(len(boxes))]
    text = smallest * fit_scale(spot[3] + 2 * PAD, spot[4] + 2 * PAD, preset.area)
    # Never under the preset's floor for it, where the drawing reaches it.
    least = preset.floor if text >= preset.floor else 0.0
    floors = tuple(max(min(text * trade, preset.enough), least)
                   for trade in (PLATE_TRADE_OTHER, PLATE_TRADE))
    for tier, floor in enumerate(floors):  # fewer over other edges; then fewer at all
        while any(counts[chosen[0]]):
            now = counts[chosen[0]]
            fewer = [i for i, n in enumerate(counts)
                     if (n[0] < now[0] if tier == 0 else n[0] == now[0] and n[1] < now[1])]
            if not fewer:
                break
            k, shape, spot = _best_spot([orders[i] for i in fewer], [boxes[i] for i in fewer],
                                        sizes, lambda j, among=tuple(fewer): drawn(among[j]),
                                        smallest, preset)
            if smallest * fit_scale(spot[3] + 2 * PAD, spot[4] + 2 * PAD, preset.area) < floor:
                break
            if text >= preset.enough and _paper(spot, preset) > PLATE_PAPER * _paper(chosen[2],
                                                                                   preset):
                break
            chosen = (fewer[k], shape, spot)
    return chosen


def _paper(spot: Spot, preset: Preset) -> float:
    """The paper in square points a figure laid out `spot` large takes once fitted to `preset`:
    its page is the preset's width (a column, the full width) however narrow the drawing."""
    w, h = spot[3] + 2 * PAD, spot[4] + 2 * PAD
    return preset.area[0] * h * fit_scale(w, h, preset.area)


def _nothing_hidden(orders: list[int], boxes: list[tuple[float, float]],
                    sizes: list[tuple[float, float]], drawn: Callable[[int], Extremes],
                    smallest: float, preset: Preset, plated: Callable[[int], tuple[int, int]],
                    on_nodes: Callable[[int], int], chosen: tuple[int, int, Spot]
                    ) -> tuple[int, int, Spot]:
    """`chosen`, which leaves an edge label over a node (`labels_on_nodes`: no spot beside its
    edge was clear), or the best of the candidates leaving fewest so (`_best_spot`, then
    `_fewer_plated` among them), whatever its text size, but never under the preset's floor
    where `chosen` reaches it: a label over a node hides its name, as a node over another
    does, which no candidate is chosen for either (`render ketamine` set "implied: crucial
    for regulating", Graphviz's place for it between two nodes of a row, over mTOR and
    Synaptic protein synthesis, at 11.4 pt)."""
    least = min(on_nodes(i) for i in range(len(boxes)))
    among = [i for i in range(len(boxes)) if on_nodes(i) == least]
    spot = chosen[2]
    text = smallest * fit_scale(spot[3] + 2 * PAD, spot[4] + 2 * PAD, preset.area)
    k, shape, spot = _best_spot([orders[i] for i in among], [boxes[i] for i in among], sizes,
                                lambda j: drawn(among[j]), smallest, preset)
    if text >= preset.floor > smallest * fit_scale(spot[3] + 2 * PAD, spot[4] + 2 * PAD,
                                                    preset.area):
        return chosen
    k, shape, spot = _fewer_plated([orders[i] for i in among], [boxes[i] for i in among],
                                   sizes, lambda j: drawn(among[j]), smallest, preset,
                                   lambda j: plated(among[j]), (k, shape, spot))
    return among[k], shape, spot


def _side_ceilings(width: float, height: float, size: tuple[float, float], drawn: Extremes,
                   smallest: float, preset: Preset) -> list[float]:
    """`_ceiling`, tighter, for each side (in SIDES order): there a legend is pushed out at
    least as far as the clearest stretch of the drawing as long as the legend
    (`_Extremes.reach`) allows, so the figure is at least that large."""
    lw, lh = size
    low, right, high, left = drawn
    boxes = (  # least total width and height with the legend below, right, above, left
        (max(width, lw), max(height - min(0.0, low.reach(lw) - GAP - lh), lh)),
        (max(width, right.reach(lh) + GAP + lw), max(height, lh)),
        (max(width, lw), max(height, high.reach(lw) + GAP + lh)),
        (max(width - min(0.0, left.reach(lh) - GAP - lw), lw), max(height, lh)),
    )
    return [round(min(fit_scale(w + 2 * PAD - 1e-6, h + 2 * PAD - 1e-6, preset.area),
                      preset.enough / smallest), 4) for w, h in boxes]


def _side_count(side: str, width: float, height: float, size: tuple[float, float]) -> int:
    """How many spots `_side_spots` tries against `side`."""
    return len(_spots_along(width, size[0]) if side in ("below", "above")
               else _spots_along(height, size[1]))


def _ceiling(width: float, height: float, size: tuple[float, float], smallest: float,
             preset: Preset) -> float:
    """The highest first part of `layout_view`'s key that any spot of a `size` legend beside a
    width x height drawing can score: the figure is at least as large as each of them, so it
    is scaled down at least that much (a hair looser, for rounding). A legend shape whose
    ceiling is below the best key so far cannot win and is not placed at all."""
    scale = fit_scale(max(width, size[0]) + 2 * PAD - 1e-6, max(height, size[1]) + 2 * PAD - 1e-6,
                      preset.area)
    return round(min(scale, preset.enough / smallest), 4)
