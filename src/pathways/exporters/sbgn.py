"""SBGN-ML 0.3 Activity Flow (AF L1V1.2) map, laid out by Graphviz `dot`.

Valid against the SBGN-ML schema, the AF specification and libsbgn's AF schematron rules:

- every entity is a `biological activity` glyph with a `unit of information` whose entity
  type (`ENTITY_TYPES`) gives the kind of thing acting, labelled with the kind, plus one unit
  per `info` string; compounds are `simple chemical` units (a drug is a chemical);
- phenotypes are `phenotype` glyphs; a phenotype that influences something is drawn as a
  biological activity instead (AF influence arcs may not start at a phenotype), with an
  `unspecified entity` unit labelled "phenotype";
- compartments are `compartment` glyphs whose boxes enclose their members (the layout draws
  each as a Graphviz cluster) and members carry a `compartmentRef`. AF rule af10114 wants a
  `compartmentRef` on every top-level activity once any compartment exists, so entities the
  data puts in no compartment get one more compartment, labelled "unassigned" (explained in
  its notes);
- arcs are `positive influence` (+), `negative influence` (-) or `unknown influence` (?),
  from border to border of the glyphs. AF has no dashed arc: an edge's status (stated or
  hypothesised), effect, label, compounds and evidence quotes are kept in its `<notes>`, whose
  first line reads e.g. "hypothesised: inhibits";
- identifiers are RDF annotations (`bqbiol:is` identifiers.org URIs) in each glyph's
  `<extension><annotation>`, the libsbgn convention; descriptions and synonyms are notes.

Coordinates are Graphviz points (y down), shifted so the map starts at `MARGIN`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ._common import sorted_edges, sorted_nodes
from ._layout import UNASSIGNED, UNASSIGNED_LABEL, node_boxes

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
PAD = 10.0  # between a compartment's border and its members (inside the cluster margin)
LABEL_BAND = 8.0  # extra room above a compartment's members for its label
UNIT_HEIGHT = 14.0
UNIT_GAP = 6.0

Rect = tuple[float, float, float, float]  # left, top, width, height


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _sub(parent: ET.Element, tag: str, attrs: Mapping[str, str] | None = None,
         text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag, dict(attrs or {}))
    if text is not None:
        el.text = text
    return el


def _bbox(parent: ET.Element, rect: Rect, shift: tuple[float, float]) -> None:
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


def _enclose(rects: list[Rect], pad: float, top: float) -> Rect:
    left = min(r[0] for r in rects) - pad
    upper = min(r[1] for r in rects) - pad - top
    right = max(r[0] + r[2] for r in rects) + pad
    bottom = max(r[1] + r[3] for r in rects) + pad
    return left, upper, right - left, bottom - upper


def _border(rect: Rect, towards: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the rectangle's centre to `towards` leaves the rectangle."""
    x, y, w, h = rect
    cx, cy = x + w / 2, y + h / 2
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(w / 2 / abs(dx) if dx else float("inf"), h / 2 / abs(dy) if dy else float("inf"))
    return cx + dx * scale, cy + dy * scale


def _centre(rect: Rect) -> tuple[float, float]:
    return rect[0] + rect[2] / 2, rect[1] + rect[3] / 2


def _unit_texts(kind: str, info: list[str], activity: bool) -> list[tuple[str, str, float]]:
    """(label, entity type or "", width) of the units of information of a glyph."""
    entity = ENTITY_TYPES.get(kind, "unspecified entity") if activity else ""
    return [(text, entity, max(24.0, 5.5 * len(text) + 8))
            for text in ([kind, *info] if activity else info)]


def _units_width(units: list[tuple[str, str, float]]) -> float:
    """Width a glyph needs to carry its units side by side."""
    return sum(w for _, _, w in units) + UNIT_GAP * (len(units) + 1)


def _place_units(units: list[tuple[str, str, float]], rect: Rect) -> list[tuple[str, str, Rect]]:
    """The units with their boxes, left to right, centred on the glyph's top border."""
    out, x = [], rect[0] + UNIT_GAP
    for text, entity, width in units:
        out.append((text, entity, (x, rect[1] - UNIT_HEIGHT / 2, width, UNIT_HEIGHT)))
        x += width + UNIT_GAP
    return out


def _glyph_notes(node: str, d: Mapping[str, Any]) -> list[str]:
    measures = [f"{m['name']} {m['value']}" + (f" ({m['context']})" if m["context"] else "")
                + f" [{m['source']}]" for m in d["measures"]]
    return [
        f"pathways entity {node} ({d['kind']})",
        d["description"],
        "synonyms: " + "; ".join(d["synonyms"]) if d["synonyms"] else "",
        "identifiers: " + "; ".join(d["identifiers"]) if d["identifiers"] else "",
        f"is a: {d['parent']}" if d["parent"] else "",
        *measures,
    ]


def _arc_notes(d: Mapping[str, Any]) -> list[str]:
    return [
        f"{d['status']}: {d['effect']}" + (f" ({d['label']})" if d["label"] else ""),
        "compounds: " + "; ".join(d["compounds"]) if d["compounds"] else "",
        "mechanisms: " + "; ".join(d["mechanisms"]) if d["mechanisms"] else "",
        *(f"\u201c{ev['quote']}\u201d [{ev['source']}; {ev['mechanism']}]"
          for ev in d["evidence"]),
        *(f"{m['name']} {m['value']}" + (f" ({m['context']})" if m["context"] else "")
          + f" [{m['source']}]" for m in d["measures"]),
    ]


def glyph_id(node: str) -> str:
    """Glyph id of an entity; "." never occurs in entity ids, so derived ids cannot clash."""
    return f"e.{node}"


def compartment_id(compartment: str) -> str:
    """Glyph id of a compartment; the unassigned one is `c._` (ids never start with "_")."""
    return f"c.{compartment or '_'}"


def export(graph: nx.DiGraph) -> str:
    """SBGN-ML text; runs Graphviz once for the layout."""
    nodes = sorted_nodes(graph)
    has_compartments = any(d["compartment"] for _, d in nodes)
    unassigned = has_compartments and any(not d["compartment"] for _, d in nodes)
    activity = {n: d["kind"] != "phenotype" or graph.out_degree(n) > 0 for n, d in nodes}
    texts = {n: _unit_texts(d["kind"], list(d["info"]), activity[n]) for n, d in nodes}
    boxes = node_boxes(graph, cluster_unassigned=unassigned,
                       min_widths={n: _units_width(t) for n, t in texts.items() if t})
    rects: dict[str, Rect] = {n: (x - w / 2, y - h / 2, w, h) for n, (x, y, w, h) in
                              boxes.items()}
    units = {n: _place_units(texts[n], rects[n]) for n, _ in nodes}
    members: dict[str, list[str]] = {}
    if has_compartments:
        for n, d in nodes:
            members.setdefault(d["compartment"], []).append(n)
    compartments = {key: _enclose([r for n in ns for r in (rects[n], *(u[2] for u in units[n]))],
                                  PAD, LABEL_BAND) for key, ns in members.items()}
    everything = [*compartments.values(), *rects.values(),
                  *(u[2] for us in units.values() for u in us)]
    shift = ((MARGIN - min(r[0] for r in everything), MARGIN - min(r[1] for r in everything))
             if everything else (MARGIN, MARGIN))

    root = ET.Element("sbgn", {"xmlns": SBGN_NAMESPACE})
    sbgn_map = _sub(root, "map", {"id": "pathways", "version": AF_VERSION,
                                  "language": "activity flow"})
    sources = graph.graph.get("sources", {})
    _notes(sbgn_map, ["Exported by pathways from its merged mechanism graph.",
                      *(f"{sid}: {sources[sid].get('citation', '')}" for sid in sorted(sources))])
    if everything:
        _bbox(sbgn_map, _enclose(everything, MARGIN, 0), shift)
    labels = graph.graph.get("compartments", {})
    for key in sorted(compartments):
        glyph = _sub(sbgn_map, "glyph", {"class": "compartment", "id": compartment_id(key)})
        if key == UNASSIGNED:
            _notes(glyph, ["Entities the data places in no compartment. Added because the SBGN "
                           "AF rules (af10114) require a compartment for every top-level "
                           "activity once any compartment is drawn."])
        _sub(glyph, "label", {"text": UNASSIGNED_LABEL if key == UNASSIGNED
                              else labels.get(key, key)})
        _bbox(glyph, compartments[key], shift)
    for n, d in nodes:
        attrs = {"class": "biological activity" if activity[n] else "phenotype",
                 "id": glyph_id(n)}
        if has_compartments:
            attrs["compartmentRef"] = compartment_id(d["compartment"])
        glyph = _sub(sbgn_map, "glyph", attrs)
        _notes(glyph, _glyph_notes(n, d))
        _annotation(glyph, glyph_id(n), list(d["identifiers"]))
        _sub(glyph, "label", {"text": d["label"]})
        _bbox(glyph, rects[n], shift)
        for i, (text, entity, rect) in enumerate(units[n], start=1):
            unit = _sub(glyph, "glyph", {"class": "unit of information",
                                         "id": f"{glyph_id(n)}.u{i}"})
            _sub(unit, "label", {"text": text})
            if entity:
                _sub(unit, "entity", {"name": entity})
            _bbox(unit, rect, shift)
    for u, v, d in sorted_edges(graph):
        arc = _sub(sbgn_map, "arc", {"class": ARC_CLASSES[d["sign"]], "id": f"a.{u}.{v}",
                                     "source": glyph_id(u), "target": glyph_id(v)})
        _notes(arc, _arc_notes(d))
        if u == v:
            x, y, w, h = rects[u]
            start, end = (x + w / 2, y), (x + w, y + h / 2)
        else:
            start = _border(rects[u], _centre(rects[v]))
            end = _border(rects[v], _centre(rects[u]))
        for tag, (px, py) in (("start", start), ("end", end)):
            _sub(arc, tag, {"x": _num(px + shift[0]), "y": _num(py + shift[1])})
    ET.indent(root, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")
