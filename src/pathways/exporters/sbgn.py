"""SBGN-ML 0.3 Activity Flow (AF L1V1.2) map, laid out by Graphviz `dot`.

Valid against the SBGN-ML schema, the AF specification and libsbgn's AF schematron rules:

- every entity is a `biological activity` glyph with a `unit of information` whose entity
  type (`ENTITY_TYPES`) gives the kind of thing acting, labelled with the kind, plus one unit
  per `info` string; compounds are `simple chemical` units (a drug is a chemical);
- phenotypes are `phenotype` glyphs; a phenotype that influences something is drawn as a
  biological activity instead (AF influence arcs may not start at a phenotype), with an
  `unspecified entity` unit labelled "phenotype";
- compartments are `compartment` glyphs, each the box of a Graphviz cluster around its members
  (so compartments never overlap), with the label's own `bbox` at its top: the layout keeps
  that room free as an empty node above the members, so edges are routed around it; members
  carry a `compartmentRef`. AF rule af10114 wants a
  `compartmentRef` on every top-level *biological activity* once any compartment exists, so
  activities the data puts in no compartment share one more compartment, labelled "unassigned"
  (explained in its notes); phenotype glyphs, which the rule leaves free, stay outside it;
- arcs are `positive influence` (+), `negative influence` (-) or `unknown influence` (?),
  routed as the Graphviz layout routes the edge: from the source glyph's border, through the
  layout's bend points (`<next>`), to the target glyph's border, so no arc crosses a glyph it
  does not touch; none ends on a unit of information (`_off_units`), and a negative influence
  ends BAR_GAP short of its target, its bar clear of the border. AF has no dashed or dotted
  arc: an edge's certainty (stated, hedged or hypothesised), effect, label, compounds and
  evidence quotes (each with its own certainty, and marked where it contradicts the link) are
  kept in its `<notes>`, whose first line reads e.g. "hypothesised: inhibits";
- identifiers are RDF annotations (`bqbiol:is` identifiers.org URIs) in each glyph's
  `<extension><annotation>`, the libsbgn convention; descriptions and synonyms are notes.

SBGN renderers draw a glyph's label on one line (momapy and Newt: DejaVu Sans, 11 pt; units of
information 8 pt), so every glyph is sized for its label set that way, measured by Graphviz in
the same font, with `LABEL_PAD` either side; a phenotype's hexagon adds its points. Labels are as
a person reads them (Ca²⁺). Coordinates are Graphviz points (y down), shifted so the map starts
at `MARGIN`.
"""

from __future__ import annotations

import heapq
import itertools
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..labels import readable, readable_evidence, xml_token
from ._common import sorted_edges, sorted_nodes
from ._layout import UNASSIGNED, UNASSIGNED_LABEL

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "AF_VERSION",
    "ARC_CLASSES",
    "ENTITY_TYPES",
    "SBGN_NAMESPACE",
    "compartment_id",
    "export",
    "glyph_id",
]

SBGN_NAMESPACE = "http://sbgn.org/libsbgn/0.3"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
RDF_NAMESPACE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
BQBIOL_NAMESPACE = "http://biomodels.net/biology-qualifiers/"
AF_VERSION = "http://identifiers.org/combine.specifications/sbgn.af.level-1.version-1.2"

# Node kind -> AF entity type of the unit of information on its biological activity.
ENTITY_TYPES: Mapping[str, str] = MappingProxyType({
    "compound": "simple chemical",
    "neurotransmitter": "simple chemical",
    "ion": "simple chemical",
    "receptor": "macromolecule",
    "protein": "macromolecule",
    "process": "unspecified entity",
    "phenotype": "unspecified entity",
})
ARC_CLASSES: Mapping[str, str] = MappingProxyType({
    "+": "positive influence", "-": "negative influence", "?": "unknown influence"})

MARGIN = 20.0  # around the whole map
LABEL_FONT = "DejaVu Sans"  # what SBGN renderers (momapy, Newt) draw labels in
LABEL_SIZE = 11.0
UNIT_SIZE = 8.0  # text of units of information
LABEL_PAD = 8.0  # between a glyph's label and its left and right borders
GLYPH_HEIGHT = 36.0
MIN_WIDTH = 48.0
UNIT_HEIGHT = 14.0
UNIT_PAD = 4.0  # between a unit's text and its border
UNIT_GAP = 6.0
COMPARTMENT_LABEL_HEIGHT = 16.0
# Points of a glyph's top border kept clear of its units of information, right of them: an arc
# from above that would end on a unit ends there instead. Ending where the layout put it, 22 of
# the 59 arcs of every compound's map set their arrowhead or bar on a unit's text in momapy
# ("neurotr▷nsmitter" on dopamine), as if the arc named the kind rather than the activity.
FREE_TOP = 48.0
END_CLEAR = 4.0  # points an arc's end keeps from a unit of information and from a corner
END_SPREAD = 8.0  # points between two arcs' ends moved off units at one glyph
HEAD = 12.0  # points an SBGN renderer's arrowhead or bar takes back from an arc's end (momapy 10)
CELL = 64.0  # points a side of the squares `_Grid` buckets glyphs by
NEAR = 256.0  # points of a stretch of arc, back from its end, looked at for what it crosses
TRIED = 160  # border points tried for an arc's end moved off units, nearest first
BACK = 3  # points back along an arc from which its new end is tried
STEEP = 0.35  # the least slant (rise over run, some 20 degrees) a moved end meets its border at
# Points a negative influence's end stands off its target's border: its bar, drawn across the
# arc's end, lies along the border of a glyph it meets square-on, and is lost in that line
# (momapy drew Ketamine -> NMDA receptor, straight down onto its top, with no bar to see).
BAR_GAP = 3.0

Rect = tuple[float, float, float, float]  # left, top, width, height
Point = tuple[float, float]


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _sub(parent: ET.Element, tag: str, attrs: Mapping[str, str] | None = None,
         text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag, dict(attrs or {}))
    if text is not None:
        el.text = text
    return el


def _bbox(parent: ET.Element, rect: Rect, shift: Point) -> None:
    x, y, w, h = rect
    _sub(parent, "bbox", {"x": _num(x + shift[0]), "y": _num(y + shift[1]),
                          "w": _num(w), "h": _num(h)})


def _notes(parent: ET.Element, paragraphs: Iterable[str]) -> None:
    paragraphs = [p for p in paragraphs if p]
    if paragraphs:
        body = _sub(_sub(parent, "notes"), "body", {"xmlns": XHTML_NAMESPACE})
        for text in paragraphs:
            _sub(body, "p", text=text)


def _annotation(parent: ET.Element, about: str, identifiers: list[str]) -> None:
    if not identifiers:
        return
    annotation = _sub(_sub(parent, "extension"), "annotation")
    rdf = _sub(annotation, "rdf:RDF", {"xmlns:rdf": RDF_NAMESPACE,
                                       "xmlns:bqbiol": BQBIOL_NAMESPACE})
    bag = _sub(_sub(_sub(rdf, "rdf:Description", {"rdf:about": f"#{about}"}), "bqbiol:is"),
               "rdf:Bag")
    for curie in identifiers:
        _sub(bag, "rdf:li", {"rdf:resource": f"https://identifiers.org/{curie}"})


def _enclose(rects: list[Rect], pad: float) -> Rect:
    left = min(r[0] for r in rects) - pad
    upper = min(r[1] for r in rects) - pad
    right = max(r[0] + r[2] for r in rects) + pad
    bottom = max(r[1] + r[3] for r in rects) + pad
    return left, upper, right - left, bottom - upper


def _border(rect: Rect, towards: Point) -> Point:
    """Where the line from the rectangle's centre to `towards` leaves the rectangle."""
    x, y, w, h = rect
    cx, cy = x + w / 2, y + h / 2
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(w / 2 / abs(dx) if dx else float("inf"), h / 2 / abs(dy) if dy else float("inf"))
    return cx + dx * scale, cy + dy * scale


def _centre(rect: Rect) -> Point:
    return rect[0] + rect[2] / 2, rect[1] + rect[3] / 2


def _clip(origin: Point, through: Point, rect: Rect, touching: bool = True
          ) -> tuple[float, float] | None:
    """Where the line origin + t * (through - origin) is inside `rect` (Liang-Barsky): the
    (entering, leaving) values of t, or None where a line parallel to a side runs outside it
    (along that side too, unless `touching`)."""
    x, y, w, h = rect
    dx, dy = through[0] - origin[0], through[1] - origin[1]
    enter, leave = float("-inf"), float("inf")
    for p, q in ((-dx, origin[0] - x), (dx, x + w - origin[0]),
                 (-dy, origin[1] - y), (dy, y + h - origin[1])):
        if p == 0:
            if q < 0 or (q == 0 and not touching):
                return None
            continue
        t = q / p
        if p < 0:
            enter = max(enter, t)
        else:
            leave = min(leave, t)
    return enter, leave


def _entry(rect: Rect, origin: Point, through: Point) -> Point:
    """Where the ray from `origin` through `through` enters `rect`; the border point facing
    `origin` when the ray misses it. Moves an arc's end from the layout's box (which includes
    the units' band) onto the glyph's own border, along the arc's last segment."""
    span = _clip(origin, through, rect)
    if span is None or span[0] > span[1] or span[0] < 0:
        return _border(rect, origin)
    t = span[0]
    return origin[0] + (through[0] - origin[0]) * t, origin[1] + (through[1] - origin[1]) * t


def _unit_texts(kind: str, info: list[str], activity: bool) -> list[tuple[str, str]]:
    """(label, entity type or "") of the units of information of a glyph."""
    entity = ENTITY_TYPES.get(kind, "unspecified entity") if activity else ""
    return [(text, entity) for text in ([kind, *info] if activity else info)]


def _units_width(widths: list[float]) -> float:
    """Width a glyph needs to carry units of these widths side by side."""
    return sum(widths) + UNIT_GAP * (len(widths) + 1)


def _place_units(units: list[tuple[str, str]], widths: list[float], rect: Rect
                 ) -> list[tuple[str, str, Rect]]:
    """The units with their boxes, left to right, centred on the glyph's top border."""
    out, x = [], rect[0] + UNIT_GAP
    for (text, entity), width in zip(units, widths, strict=True):
        out.append((text, entity, (x, rect[1] - UNIT_HEIGHT / 2, width, UNIT_HEIGHT)))
        x += width + UNIT_GAP
    return out


def _glyph_notes(node: str, d: Mapping[str, Any]) -> list[str]:
    measures = [f"{readable(m.get('markup', m['name']))} {m['value']}"
                + (f" ({m['context']})" if m["context"] else "") + f" [{m['source']}]"
                for m in d["measures"]]
    return [
        f"pathways entity {node} ({d['kind']})",
        f"role: {d['role']}" if d.get("role") else "",
        d["description"],
        "synonyms: " + "; ".join(d["synonyms"]) if d["synonyms"] else "",
        "identifiers: " + "; ".join(d["identifiers"]) if d["identifiers"] else "",
        f"is a: {d['parent']}" if d["parent"] else "",
        *measures,
    ]


def _arc_notes(d: Mapping[str, Any]) -> list[str]:
    label = readable(d["label"])
    return [
        f"{d['status']}: {d['effect']}" + (f" ({label})" if label else ""),
        f"certainty: {d['status']}",
        "compounds: " + "; ".join(d["compounds"]) if d["compounds"] else "",
        "mechanisms: " + "; ".join(d["mechanisms"]) if d["mechanisms"] else "",
        *(f"\u201c{ev['quote']}\u201d [{ev['source']}; {ev['mechanism']}"
          + (f"; {ev['status']}" if ev.get("status") else "")
          + ("; contradicts the link" if ev.get("contradicts") else "") + "]"
          for ev in readable_evidence(d["evidence"])),
        *(f"{readable(m.get('markup', m['name']))} {m['value']}"
          + (f" ({m['context']})" if m["context"] else "") + f" [{m['source']}]"
          for m in d["measures"]),
    ]




def glyph_id(node: str) -> str:
    """Glyph id of an entity; a token never holds ".", so derived ids cannot clash."""
    return f"e.{xml_token(node)}"


def compartment_id(compartment: str) -> str:
    """Glyph id of a compartment; the unassigned one is `c._` (tokens never start with "_")."""
    return f"c.{xml_token(compartment) if compartment else '_'}"


def _route(points: tuple[Point, ...], source: Rect, target: Rect) -> list[Point]:
    """The layout's polyline for an edge, its ends moved onto the glyphs' own borders."""
    if len(points) < 2:
        return [_border(source, _centre(target)), _border(target, _centre(source))]
    start = _entry(source, points[1], points[0])
    end = _entry(target, points[-2], points[-1])
    return [start, *points[1:-1], end]


def _crosses(p: Point, q: Point, rect: Rect) -> bool:
    """Whether the segment p-q passes through the inside of `rect`."""
    span = _clip(p, q, rect, touching=False)
    return span is not None and max(span[0], 0.0) < min(span[1], 1.0)


def _border_points(rect: Rect, units: list[Rect]) -> list[Point]:
    """Points every 2 pt round `rect`'s border where an arc may end: END_CLEAR from its corners
    and from every unit of information (all on its top border)."""
    x, y, w, h = rect
    steps = [END_CLEAR + 2.0 * i for i in range(int((max(w, h) - 2 * END_CLEAR) / 2.0) + 1)]
    top = [(x + t, y) for t in steps if t <= w - END_CLEAR
           if not any(ux - END_CLEAR < x + t < ux + uw + END_CLEAR for ux, _, uw, _ in units)]
    sides = [(side, y + t) for t in steps if t <= h - END_CLEAR for side in (x, x + w)]
    bottom = [(x + t, y + h) for t in steps if t <= w - END_CLEAR]
    return top + sides + bottom


def _on_unit(point: Point, rect: Rect, units: list[Rect]) -> bool:
    """Whether an arc's end at `point`, on `rect`'s border, would sit on one of its units (all
    on its top border), within END_CLEAR."""
    return abs(point[1] - rect[1]) < 0.5 and any(
        ux - END_CLEAR < point[0] < ux + uw + END_CLEAR for ux, _, uw, _ in units)


class _Grid:
    """Rectangles (each with its glyph's id) bucketed by CELL-point squares, so that what a
    segment may cross is found without looking at every glyph of a large map."""

    def __init__(self, rects: list[tuple[str, Rect]]) -> None:
        self.rects = rects
        self.cells: dict[tuple[int, int], list[int]] = {}
        for i, (_, (x, y, w, h)) in enumerate(rects):
            for cx in range(int(x // CELL), int((x + w) // CELL) + 1):
                for cy in range(int(y // CELL), int((y + h) // CELL) + 1):
                    self.cells.setdefault((cx, cy), []).append(i)

    def crossed(self, p: Point, q: Point, skip: str) -> set[str]:
        """The glyphs other than `skip` through whose rectangles the segment p-q passes, within
        NEAR points of q (bounded work however long the segment: what a moved end changes lies
        near that end)."""
        p = _back(q, p, NEAR)
        steps = max(1, int(((q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2) ** 0.5 / (CELL / 2)) + 1)
        looked: set[int] = set()
        out: set[str] = set()
        at = (int(p[0] // CELL), int(p[1] // CELL))
        for k in range(1, steps + 1):
            x, y = p[0] + (q[0] - p[0]) * k / steps, p[1] + (q[1] - p[1]) * k / steps
            nxt = (int(x // CELL), int(y // CELL))
            for cx in range(min(at[0], nxt[0]), max(at[0], nxt[0]) + 1):
                for cy in range(min(at[1], nxt[1]), max(at[1], nxt[1]) + 1):
                    for i in self.cells.get((cx, cy), ()):
                        if i not in looked:
                            looked.add(i)
                            owner, rect = self.rects[i]
                            if owner != skip and owner not in out and _crosses(p, q, rect):
                                out.add(owner)
            at = nxt
        return out


def _back(end: Point, before: Point, by: float) -> Point:
    """The point `by` back from `end` towards `before` (`before` itself where nearer)."""
    dx, dy = before[0] - end[0], before[1] - end[1]
    length = (dx * dx + dy * dy) ** 0.5
    t = 1.0 if length <= by else by / length
    return end[0] + dx * t, end[1] + dy * t


def _clear_of_units(before: Point, end: Point, units: list[Rect]) -> bool:
    """Whether an arc's last stretch, `before` to `end`, passes through no unit of information
    and keeps its head (HEAD points long) HEAD / 2 from every one."""
    head = _back(end, before, HEAD)
    return not any(_crosses(before, end, (ux - 1.0, uy - 1.0, uw + 2.0, uh + 2.0))
                   or _crosses(head, end, (ux - HEAD / 2, uy - HEAD / 2, uw + HEAD, uh + HEAD))
                   for ux, uy, uw, uh in units)


def _reaches(before: Point, spot: Point, rect: Rect, units: list[Rect],
             steep: float = STEEP) -> bool:
    """Whether an arc from `before` can end at `spot` on the border of a glyph (`rect`):
    without passing through it, into the border at a slant of at least STEEP (rise over run),
    not along it (an arc run along the top, from a bend just over a unit to the far corner,
    read as a ledge), clear of its units (`_clear_of_units`)."""
    if _crosses(before, spot, (rect[0] + 0.5, rect[1] + 0.5, rect[2] - 1.0, rect[3] - 1.0)):
        return False
    dx, dy = abs(spot[0] - before[0]), abs(spot[1] - before[1])
    if (dy < steep * dx) if spot[1] in (rect[1], rect[1] + rect[3]) else (dx < steep * dy):
        return False
    return _clear_of_units(before, spot, units)


def _off_units(arcs: list[list[Point]], rect: Rect, units: list[Rect],
               crossed: Callable[[Point, Point], set[str]]) -> list[list[Point]]:
    """The arcs at a glyph (each its points, the glyph's end last), each whose end would sit on
    a unit of information, or its head near one, ended instead at the nearest point of the
    border (`_border_points`) it reaches from its point before (`_reaches`), END_SPREAD from
    every other arc's end there. Where none of the TRIED nearest is reached so, it is tried
    from the point before that, up to BACK points back, the bend points in between dropped (a
    route that bent right over a unit came down onto it, whatever the end); then at any slant;
    else it stays. `crossed`: the other glyphs (or their units) a stretch of arc passes
    through; the new stretch may pass through none the stretch it replaces did not (in a large
    map, laid out with straight arcs, most arcs pass through some). An arc from above ends
    right of the units (FREE_TOP); one coming in low from the side, at that side: moved along
    the top, it ran across them. Bounded work an arc, however many meet at the glyph."""
    out = [list(points) for points in arcs]
    moving = [i for i, points in enumerate(arcs) if _on_unit(points[-1], rect, units)
              or not _clear_of_units(points[-2], points[-1], units)]
    if not moving:
        return out
    spots = _border_points(rect, units)
    # Every end's END_SPREAD square, so that a spot near one is found at once.
    near: dict[tuple[int, int], list[Point]] = {}

    def mark(point: Point, add: bool) -> None:
        cell = near.setdefault((int(point[0] // END_SPREAD), int(point[1] // END_SPREAD)), [])
        if add:
            cell.append(point)
        else:
            cell.remove(point)

    def crowded(spot: Point) -> bool:
        cx, cy = int(spot[0] // END_SPREAD), int(spot[1] // END_SPREAD)
        return any(abs(spot[0] - t[0]) + abs(spot[1] - t[1]) < END_SPREAD
                   for a in (-1, 0, 1) for b in (-1, 0, 1) for t in near.get((cx + a, cy + b), ()))

    def facing(spot: Point, before: Point) -> bool:  # the side of the border `before` is on
        return ((spot[1] == rect[1] and before[1] < rect[1])
                or (spot[1] == rect[1] + rect[3] and before[1] > rect[1] + rect[3])
                or (spot[0] == rect[0] and before[0] < rect[0])
                or (spot[0] == rect[0] + rect[2] and before[0] > rect[0] + rect[2]))

    for points in out:
        mark(points[-1], True)
    for i in sorted(moving, key=lambda i: (out[i][-1][0], i)):
        points = out[i]
        end = points[-1]
        mark(end, False)  # its own end does not crowd the spots near it
        # Slanting in first; then, where no spot can be reached so, at any slant.
        for steep, k in itertools.product(
                (STEEP, 0.0), range(len(points) - 2, max(-1, len(points) - 2 - BACK), -1)):
            before = points[k]
            was = set().union(*(crossed(points[j], points[j + 1])  # what it passed through
                                for j in range(k, len(points) - 1)))
            tried = heapq.nsmallest(
                TRIED, (s for s in spots if facing(s, before)),
                key=lambda p: ((p[0] - end[0]) ** 2 + (p[1] - end[1]) ** 2, p))
            best = next((spot for spot in tried if not crowded(spot)
                         and _reaches(before, spot, rect, units, steep)
                         and crossed(before, spot) <= was), None)
            if best is not None:
                out[i] = [*points[:k + 1], best]
                break
        mark(out[i][-1], True)
    return out


def _stand_off(points: list[Point], by: float) -> list[Point]:
    """`points` with the last moved `by` back towards the nearest point before it that is more
    than twice `by` away (those between dropped); as they are where there is none."""
    end = points[-1]
    for k in range(len(points) - 2, -1, -1):
        if (points[k][0] - end[0]) ** 2 + (points[k][1] - end[1]) ** 2 > (2 * by) ** 2:
            return [*points[:k + 1], _back(end, points[k], by)]
    return points


def export(graph: nx.DiGraph) -> str:
    """SBGN-ML text; runs Graphviz twice: once to measure the labels, once for the layout."""
    from ._layout import graph_layout, text_widths

    nodes = sorted_nodes(graph)
    has_compartments = any(d["compartment"] for _, d in nodes)
    activity = {n: d["kind"] != "phenotype" or graph.out_degree(n) > 0 for n, d in nodes}
    loose = [n for n, d in nodes if not d["compartment"] and not activity[n]]
    unassigned = has_compartments and any(not d["compartment"] and activity[n] for n, d in nodes)
    labels = {n: readable(d["markup"]) for n, d in nodes}
    texts = {n: _unit_texts(d["kind"], [readable(i) for i in d["info"]], activity[n])
             for n, d in nodes}
    label_w = text_widths(labels.values(), LABEL_FONT, LABEL_SIZE)
    unit_w = text_widths((t for ts in texts.values() for t, _ in ts), LABEL_FONT, UNIT_SIZE)
    widths = {n: [max(unit_w[t] + 2 * UNIT_PAD, 20.0) for t, _ in texts[n]] for n, _ in nodes}
    sizes: dict[str, tuple[float, float]] = {}
    for n, _ in nodes:
        points = GLYPH_HEIGHT if not activity[n] else 0.0  # a hexagon's two points
        w = max(label_w[labels[n]] + 2 * LABEL_PAD + points,
                _units_width(widths[n]) + (FREE_TOP if widths[n] else 0.0), MIN_WIDTH)
        # The layout's box includes the band the units stick up into, so edges keep clear.
        sizes[n] = (w, GLYPH_HEIGHT + (UNIT_HEIGHT / 2 if texts[n] else 0.0))
    keys = {d["compartment"] for n, d in nodes if n not in loose} if has_compartments else set()
    names = graph.graph.get("compartments", {})
    title = {k: UNASSIGNED_LABEL if k == UNASSIGNED else names.get(k, k) for k in keys}
    title_w = text_widths(title.values(), LABEL_FONT, LABEL_SIZE)
    layout = graph_layout(graph, cluster_unassigned=unassigned, sizes=sizes, font=LABEL_FONT,
                          font_size=LABEL_SIZE, wrap=None, skip_clusters=loose,
                          label_sizes={k: (title_w[title[k]] + 4, COMPARTMENT_LABEL_HEIGHT)
                                       for k in keys})
    rects: dict[str, Rect] = {}
    for n, (x, y, w, h) in layout.nodes.items():
        band = h - GLYPH_HEIGHT
        rects[n] = (x - w / 2, y - h / 2 + band, w, GLYPH_HEIGHT)
    units = {n: _place_units(texts[n], widths[n], rects[n]) for n, _ in nodes}
    compartments: dict[str, Rect] = {}
    compartment_labels: dict[str, Rect] = {}
    routes = {(u, v): _route(layout.edges.get((u, v), ()), rects[u], rects[v])
              for u, v, _ in sorted_edges(graph)}
    ends: dict[str, list[tuple[tuple[str, str], int]]] = {}  # glyph -> (arc, -1 or 0) at it
    for (u, v) in sorted(routes):
        ends.setdefault(u, []).append(((u, v), 0))
        ends.setdefault(v, []).append(((u, v), -1))
    grid = _Grid([(n, (x + 0.5, y + 0.5, w - 1.0, h - 1.0)) for n, (x, y, w, h) in rects.items()]
                 + [(n, (x - 1.0, y - 1.0, w + 2.0, h + 2.0))
                    for n, us in units.items() for _, _, (x, y, w, h) in us])
    for n, at in sorted(ends.items()):
        # Each arc with this glyph's end last (an arc from it, reversed) and back again.
        moved = _off_units([routes[arc][::-1] if i == 0 else routes[arc] for arc, i in at],
                           rects[n], [r for _, _, r in units[n]],
                           lambda p, q, n=n: grid.crossed(p, q, n))
        for (arc, i), points in zip(at, moved, strict=True):
            routes[arc] = points[::-1] if i == 0 else points
    for u, v, d in sorted_edges(graph):
        if d["sign"] == "-":
            routes[u, v] = _stand_off(routes[u, v], BAR_GAP)
    for key in sorted(keys):  # each compartment is a cluster of the layout
        compartments[key] = layout.clusters[key][0]
        x, y, w, h = layout.labels[key]  # the room the layout kept for it: edges avoid it
        compartment_labels[key] = (x - w / 2, y - h / 2, w, h)
    everything = [*compartments.values(), *rects.values(),
                  *(u[2] for us in units.values() for u in us),
                  *((p[0], p[1], 0.0, 0.0) for r in routes.values() for p in r)]
    shift = ((MARGIN - min(r[0] for r in everything), MARGIN - min(r[1] for r in everything))
             if everything else (MARGIN, MARGIN))

    root = ET.Element("sbgn", {"xmlns": SBGN_NAMESPACE})
    sbgn_map = _sub(root, "map", {"id": "pathways", "version": AF_VERSION,
                                  "language": "activity flow"})
    sources = graph.graph.get("sources", {})
    _notes(sbgn_map, ["Exported by pathways from its merged mechanism graph.",
                      *(f"{sid}: {sources[sid].get('citation', '')}" for sid in sorted(sources))])
    if everything:
        _bbox(sbgn_map, _enclose(everything, MARGIN), shift)
    for key in sorted(compartments):
        glyph = _sub(sbgn_map, "glyph", {"class": "compartment", "id": compartment_id(key)})
        if key == UNASSIGNED:
            _notes(glyph, ["Activities the data places in no compartment. Added because the "
                           "SBGN AF rules (af10114) require a compartment for every top-level "
                           "biological activity once any compartment is drawn."])
        label = _sub(glyph, "label", {"text": title[key]})
        _bbox(label, compartment_labels[key], shift)
        _bbox(glyph, compartments[key], shift)
    for n, d in nodes:
        attrs = {"class": "biological activity" if activity[n] else "phenotype",
                 "id": glyph_id(n)}
        if has_compartments and n not in loose:
            attrs["compartmentRef"] = compartment_id(d["compartment"])
        glyph = _sub(sbgn_map, "glyph", attrs)
        _notes(glyph, _glyph_notes(n, d))
        _annotation(glyph, glyph_id(n), list(d["identifiers"]))
        _sub(glyph, "label", {"text": labels[n]})
        _bbox(glyph, rects[n], shift)
        for i, (text, entity, rect) in enumerate(units[n], start=1):
            unit = _sub(glyph, "glyph", {"class": "unit of information",
                                         "id": f"{glyph_id(n)}.u{i}"})
            _sub(unit, "label", {"text": text})
            if entity:
                _sub(unit, "entity", {"name": entity})
            _bbox(unit, rect, shift)
    for u, v, d in sorted_edges(graph):
        arc = _sub(sbgn_map, "arc", {"class": ARC_CLASSES[d["sign"]],
                                     "id": f"a.{xml_token(u)}.{xml_token(v)}",
                                     "source": glyph_id(u), "target": glyph_id(v)})
        _notes(arc, _arc_notes(d))
        points = routes[u, v]
        tags = ["start", *(["next"] * (len(points) - 2)), "end"]
        for tag, (px, py) in zip(tags, points, strict=True):
            _sub(arc, tag, {"x": _num(px + shift[0]), "y": _num(py + shift[1])})
    ET.indent(root, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")
