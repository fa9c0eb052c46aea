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
  does not touch. AF has no dashed or dotted arc: an edge's certainty (stated, hedged or
  hypothesised), effect, label, compounds and evidence quotes (each with its own certainty, and
  marked where it contradicts the link) are kept in its `<notes>`, whose first line reads e.g.
  "hypothesised: inhibits";
- identifiers are RDF annotations (`bqbiol:is` identifiers.org URIs) in each glyph's
  `<extension><annotation>`, the libsbgn convention; descriptions and synonyms are notes.

SBGN renderers draw a glyph's label on one line (momapy and Newt: DejaVu Sans, 11 pt; units of
information 8 pt), so every glyph is sized for its label set that way, measured by Graphviz in
the same font, with `LABEL_PAD` either side; a phenotype's hexagon adds its points. Labels are as
a person reads them (Ca²⁺). Coordinates are Graphviz points (y down), shifted so the map starts
at `MARGIN`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..labels import readable, readable_evidence
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


def _entry(rect: Rect, origin: Point, through: Point) -> Point:
    """Where the ray from `origin` through `through` enters `rect` (Liang-Barsky); the border
    point facing `origin` when the ray misses it. Moves an arc's end from the layout's box (which
    includes the units' band) onto the glyph's own border, along the arc's last segment."""
    x, y, w, h = rect
    dx, dy = through[0] - origin[0], through[1] - origin[1]
    enter, leave = float("-inf"), float("inf")
    for p, q in ((-dx, origin[0] - x), (dx, x + w - origin[0]),
                 (-dy, origin[1] - y), (dy, y + h - origin[1])):
        if p == 0:
            if q < 0:
                return _border(rect, origin)
            continue
        t = q / p
        if p < 0:
            enter = max(enter, t)
        else:
            leave = min(leave, t)
    if enter > leave or enter < 0:
        return _border(rect, origin)
    return origin[0] + dx * enter, origin[1] + dy * enter


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


_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def _token(name: str) -> str:
    """`name` as a piece of an XML id (xs:ID: no ":", space, quote or bracket) and never with a
    ".": as it is where it is plain (every curated id, a network's gene names), else "Xh" and
    its UTF-8 bytes in hex (a BEL term, `a(CHEBI:"2,4-dinitrophenol")`); a plain name that
    starts with "Xh" is written so too, so two names never share a token.

    >>> _token("mglur2_3"), _token('a(CHEBI:"x")')
    ('mglur2_3', 'Xh612843484542493a22782229')
    """
    if _PLAIN.fullmatch(name) and not name.startswith("Xh"):
        return name
    return "Xh" + name.encode("utf-8").hex()


def glyph_id(node: str) -> str:
    """Glyph id of an entity; a token never holds ".", so derived ids cannot clash."""
    return f"e.{_token(node)}"


def compartment_id(compartment: str) -> str:
    """Glyph id of a compartment; the unassigned one is `c._` (tokens never start with "_")."""
    return f"c.{_token(compartment) if compartment else '_'}"


def _route(points: tuple[Point, ...], source: Rect, target: Rect) -> list[Point]:
    """The layout's polyline for an edge, its ends moved onto the glyphs' own borders."""
    if len(points) < 2:
        return [_border(source, _centre(target)), _border(target, _centre(source))]
    start = _entry(source, points[1], points[0])
    end = _entry(target, points[-2], points[-1])
    return [start, *points[1:-1], end]


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
        w = max(label_w[labels[n]] + 2 * LABEL_PAD + points, _units_width(widths[n]), MIN_WIDTH)
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
        arc = _sub(sbgn_map, "arc", {"class": ARC_CLASSES[d["sign"]], "id": f"a.{_token(u)}.{_token(v)}",
                                     "source": glyph_id(u), "target": glyph_id(v)})
        _notes(arc, _arc_notes(d))
        points = routes[u, v]
        tags = ["start", *(["next"] * (len(points) - 2)), "end"]
        for tag, (px, py) in zip(tags, points, strict=True):
            _sub(arc, tag, {"x": _num(px + shift[0]), "y": _num(py + shift[1])})
    ET.indent(root, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")
