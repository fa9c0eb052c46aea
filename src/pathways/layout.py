"""Lay a view out for the space it is shown in: the direction, and where the legend goes, are
chosen for the largest text there. One Graphviz layout per direction; the legend is sized once
and composed in afterwards, beside or below the figure, so it never stretches a rank."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .dot import NODE_MARGIN, PAD, build_dot, hexagon_labels, legend_entries, legend_label
from .quoting import dot_string
from .render import layout_once, run_graphviz
from .style import FONT, Preset, Theme
from .views import View

__all__ = ["GAP", "Layout", "bounding_box", "fit_scale", "free_spot", "ink", "layout_view",
           "smallest_font", "snug_hexagon"]

GAP = 18.0  # points between the legend and anything else drawn
HEXAGON_MARGIN = (NODE_MARGIN[0] * 72, NODE_MARGIN[1] * 72)  # points, as other nodes' margin
STEP = 12.0  # points between the positions tried when looking for room inside a figure

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in Graphviz points (y up)


@dataclass(frozen=True)
class Layout:
    """A laid-out figure: ready to draw again with `neato -n2`, sizes in points."""

    dot: str  # the DOT text that was laid out (the figure without its legend)
    positioned: str  # the laid-out DOT, legend placed: what every output format is drawn from
    rankdir: str
    legend: str  # "inside", "below", "right" or "" (none)
    width: float  # as laid out, pad included (`figures.drawn_size` measures the drawing)
    height: float


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


def ink(data: dict[str, Any]) -> list[Rect]:
    """Rectangles covering everything drawn in a laid-out graph (Graphviz JSON): nodes, cluster
    boxes, every stretch of every edge, arrowheads and label text."""
    rects: list[Rect] = []
    for obj in data.get("objects", []):
        if "bb" in obj:  # a cluster: its whole box, label included
            x0, y0, x1, y1 = (float(v) for v in obj["bb"].split(","))
            rects.append((x0, y0, x1, y1))
        elif "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * 36, float(obj["height"]) * 36
            rects.append((x - w, y - h, x + w, y + h))
    for edge in data.get("edges", []):
        size = 14.0
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
                    left = {"l": x, "r": x - w}.get(op["align"], x - w / 2)
                    rects.append((left, y - 0.3 * size, left + w, y + size))
    return rects


def _clear(box: Rect, rects: list[Rect]) -> bool:
    x0, y0, x1, y1 = box
    return not any(a < x1 + GAP and c > x0 - GAP and b < y1 + GAP and d > y0 - GAP
                   for a, b, c, d in rects)


def free_spot(width: float, height: float, size: tuple[float, float], rects: list[Rect]
              ) -> tuple[float, float] | None:
    """The centre of a `size` box inside a width x height figure that keeps GAP from all `rects`:
    tried along the bottom edge from the right, then up the right edge, then along the top and
    up the left edge; None when there is no such room."""
    lw, lh = size
    if lw > width or lh > height:
        return None
    xs = [width - lw - i * STEP for i in range(int((width - lw) / STEP) + 1)] + [0.0]
    ys = [i * STEP for i in range(int((height - lh) / STEP) + 1)] + [height - lh]
    spots = ([(x, 0.0) for x in xs] + [(width - lw, y) for y in ys]
             + [(x, height - lh) for x in xs] + [(0.0, y) for y in ys])
    for x, y in spots:
        if _clear((x, y, x + lw, y + lh), rects):
            return x + lw / 2, y + lh / 2
    return None


Lines = list[tuple[float, float]]  # (farthest distance from the label's centre, width) per line


def _measure(labels: list[str], font_size: float, name: str) -> list[tuple[float, float, Lines]]:
    """(width, height, lines) in points of each label, from one Graphviz run with the figure's
    node defaults (a label's spacer cells take the default font size)."""
    source = (f"digraph measure {{\n  node [shape=plain, fontname={dot_string(FONT)}, "
              f'fontsize="{font_size:g}"];\n'
              + "".join(f"  l{i} [label={label}];\n" for i, label in enumerate(labels)) + "}\n")
    data = json.loads(run_graphviz(source, fmt="json", label=name))
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
    return [out[f"l{i}"] for i in range(len(labels))]


def snug_hexagon(height: float, lines: Lines, margin: tuple[float, float]) -> tuple[float, float]:
    """Width and height of the smallest Graphviz hexagon holding a label `height` tall whose lines
    sit as `lines` say: its sides slope in from the points (±W/2, 0) to (±W/4, ±H/2), so at a
    distance y from the middle it is W (1 - y/H) wide."""
    mx, my = margin
    tall = height + 2 * my + 14
    wide = max(((w + 2 * mx) / (1 - min(y / tall, 0.9)) for y, w in lines), default=tall)
    return round(max(wide, tall), 1), round(tall, 1)


def _placements(width: float, height: float, sizes: list[tuple[float, float]],
                rects: list[Rect]) -> list[tuple[str, int, float, float, float, float]]:
    """Every (side, columns, legend centre x, y, total width, total height) to choose from: in
    free room inside the figure, below it or beside it. Graphviz y points up and the figure spans
    (0, 0)-(width, height)."""
    out = []
    for i, (lw, lh) in enumerate(sizes):
        spot = free_spot(width, height, (lw, lh), rects)
        if spot:
            out.append(("inside", i + 1, *spot, width, height))
        out.append(("below", i + 1, width - lw / 2, -GAP - lh / 2, max(width, lw),
                    height + GAP + lh))
        out.append(("right", i + 1, width + GAP + lw / 2, lh / 2, width + GAP + lw,
                    max(height, lh)))
    return out


def layout_view(view: View, preset: Preset, theme: Theme, *, transparent: bool = False,
                legend: bool = True, directions: tuple[str, ...] = ("TB",)) -> Layout:
    """Lay `view` out in each of `directions` (the view's own rankdir wins), place the legend,
    and keep the arrangement that is largest once scaled to fit `preset.area`."""
    candidates = (view.rankdir,) if view.rankdir else directions
    labels = ([legend_label(view, preset, theme, c)
               for c in range(1, legend_entries(view, preset, theme) + 1)] if legend else [])
    hexagons = hexagon_labels(view, preset, theme)
    measured = (_measure(labels + list(hexagons.values()), preset.font_size, f"{view.id} labels")
                if labels or hexagons else [])
    sizes = [(w, h) for w, h, _ in measured[:len(labels)]]
    snug = {node: snug_hexagon(h, lines, HEXAGON_MARGIN)
            for node, (_, h, lines) in zip(hexagons, measured[len(labels):], strict=True)}
    best: tuple[tuple[float, int, int], Layout] | None = None
    for order, rankdir in enumerate(candidates):
        text = build_dot(view, preset, theme, rankdir=rankdir, transparent=transparent,
                         sizes=snug)
        laid = layout_once(text, ("dot", "json"), label=view.id)
        positioned = laid["dot"].decode("utf-8")
        w, h = bounding_box(positioned)
        options = ([("", 0, 0.0, 0.0, w, h)] if not sizes else
                   _placements(w, h, sizes, ink(json.loads(laid["json"]))))
        for side, columns, x, y, total_w, total_h in options:
            # Largest once fitted; then the most compact; then the earlier direction.
            key = (round(fit_scale(total_w + 2 * PAD, total_h + 2 * PAD, preset.area), 4),
                   -round(total_w * total_h), -order)
            if best is not None and key <= best[0]:
                continue
            placed = positioned
            if side:
                node = (f"\tlegend [id={dot_string(view.id + '-legend')}, shape=plain, "
                        f'tooltip="Legend", pos="{x:.2f},{y:.2f}", '
                        f'width="{sizes[columns - 1][0] / 72:.4f}", '
                        f'height="{sizes[columns - 1][1] / 72:.4f}", '
                        f"label={labels[columns - 1]}];\n")
                placed = positioned.rstrip().removesuffix("}") + node + "}\n"
            best = (key, Layout(text, placed, rankdir, side, round(total_w + 2 * PAD, 1),
                                round(total_h + 2 * PAD, 1)))
    assert best is not None
    return best[1]
