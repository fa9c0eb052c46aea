"""The figures' notation as Cytoscape styles, written next to a `.cyjs` network.

Two files with the same rules, from the same data (`pathways.style`, light theme):

- `.style.json`: a Cytoscape.js stylesheet (`cytoscape({elements, style})`);
- `.styles.xml`: a Cytoscape desktop style (File > Import > Styles from File), named "pathways".

Nodes: fill and border colour by `kind`, shape by kind (compounds and receptors rounded boxes,
neurotransmitters and ions ellipses, processes boxes, phenotypes hexagons); research tools
(`look` "tool") are cut-corner boxes on white, the figures' corner badge; a map's chemicals
(`look` "chemical": a compound with no role or role "chemical") ellipses. Compartments are
compound (parent) nodes in the light grey of the figures' clusters, labelled at the top.
Edges, as in SBGN Activity Flow: an arrow for positive influence, a T-bar for negative, a diamond
for unknown sign; line style by `certainty`: solid (stated), dotted (hedged), dashed
(hypothesised); negative links in vermillion.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..style import LIGHT

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "ARROWS",
    "COMPARTMENT_KIND",
    "DESKTOP_ARROWS",
    "DESKTOP_LINES",
    "DESKTOP_SHAPES",
    "LINE_STYLES",
    "SHAPES",
    "companions",
    "desktop_style",
    "js_style",
]

FONT = "Liberation Sans, Helvetica, Arial, sans-serif"
COMPARTMENT_KIND = "compartment"  # `kind` of the parent nodes drawn for compartments

# Node kind -> Cytoscape.js shape / Cytoscape desktop NODE_SHAPE.
SHAPES: Mapping[str, str] = MappingProxyType({
    "compound": "round-rectangle", "receptor": "round-rectangle", "protein": "round-rectangle",
    "neurotransmitter": "ellipse", "ion": "ellipse", "process": "rectangle",
    "phenotype": "hexagon",
})
DESKTOP_SHAPES: Mapping[str, str] = MappingProxyType({
    "round-rectangle": "ROUND_RECTANGLE", "ellipse": "ELLIPSE", "rectangle": "RECTANGLE",
    "hexagon": "HEXAGON", "cut-rectangle": "OCTAGON",
})
# Sign -> target arrow (Cytoscape.js, desktop).
ARROWS: Mapping[str, str] = MappingProxyType({"+": "triangle", "-": "tee", "?": "diamond"})
DESKTOP_ARROWS: Mapping[str, str] = MappingProxyType({"+": "DELTA", "-": "T", "?": "DIAMOND"})
# Certainty -> line style (Cytoscape.js, desktop): as the figures draw them.
LINE_STYLES: Mapping[str, str] = MappingProxyType(
    {"stated": "solid", "hedged": "dotted", "hypothesised": "dashed"})
DESKTOP_LINES: Mapping[str, str] = MappingProxyType(
    {"stated": "SOLID", "hedged": "DOT", "hypothesised": "EQUAL_DASH"})


def js_style() -> list[dict[str, Any]]:
    """The Cytoscape.js stylesheet: a list of {selector, style}, later rules winning."""
    theme = LIGHT
    rules: list[dict[str, Any]] = [
        {"selector": "node", "style": {
            "label": "data(label)", "font-family": FONT, "font-size": 12, "color": theme.text,
            "text-valign": "center", "text-halign": "center", "text-wrap": "wrap",
            "shape": "round-rectangle", "background-color": "#FFFFFF", "border-width": 1.4,
            "border-color": "#6B6B6B"}},
        # Sizes from the Graphviz layout, on the nodes that have them (not compartments).
        {"selector": "node[width]", "style": {"width": "data(width)"}},
        {"selector": "node[height]", "style": {"height": "data(height)"}},
        {"selector": "node[text_width]", "style": {"text-max-width": "data(text_width)"}},
    ]
    for kind, shape in SHAPES.items():
        rules.append({"selector": f'node[kind = "{kind}"]', "style": {
            "shape": shape, "background-color": theme.kind_fill[kind],
            "border-color": theme.kind_line[kind],
            "border-width": 2 if kind in ("compound", "phenotype") else 1.4}})
    rules += [
        # The kind as the figures draw it (`look`, written by the export, as the desktop style
        # maps): a research tool, and a compound no one calls a drug (a map's cAMP).
        {"selector": 'node[look = "tool"]', "style": {
            "shape": "cut-rectangle", "background-color": theme.kind_fill["tool"],
            "border-color": theme.kind_line["tool"], "border-width": 2}},
        {"selector": 'node[look = "chemical"]', "style": {
            "shape": "ellipse", "background-color": theme.kind_fill["chemical"],
            "border-color": theme.kind_line["chemical"], "border-width": 1.4}},
        {"selector": f'node[kind = "{COMPARTMENT_KIND}"]', "style": {
            "shape": "round-rectangle", "background-color": theme.cluster_fill,
            "background-opacity": 1, "border-color": theme.cluster_line, "border-width": 1,
            "text-valign": "top", "text-halign": "center", "text-max-width": "400px",
            "font-size": 12, "color": theme.muted, "padding": "14px"}},
        {"selector": "edge", "style": {
            "curve-style": "bezier", "width": 1.8, "line-color": theme.sign_colour["+"],
            "target-arrow-color": theme.sign_colour["+"], "target-arrow-shape": "triangle",
            "arrow-scale": 1.2, "label": "data(label)", "font-family": FONT, "font-size": 10,
            "color": theme.muted, "text-wrap": "wrap", "text-max-width": "140px",
            "text-background-color": "#FFFFFF", "text-background-opacity": 0.85,
            "text-background-padding": "2px"}},
    ]
    for sign, arrow in ARROWS.items():
        colour = theme.sign_colour[sign]
        rules.append({"selector": f'edge[sign = "{sign}"]', "style": {
            "target-arrow-shape": arrow, "line-color": colour, "target-arrow-color": colour,
            "target-arrow-fill": "hollow" if sign == "?" else "filled"}})
    for certainty, line in LINE_STYLES.items():
        rules.append({"selector": f'edge[certainty = "{certainty}"]',
                      "style": {"line-style": line}})
    # An edge the layout bent round other nodes follows its bends (see `cyjs`).
    rules.append({"selector": "edge[segment_weights]", "style": {
        "curve-style": "segments", "edge-distances": "node-position",
        "segment-weights": "data(segment_weights)",
        "segment-distances": "data(segment_distances)"}})
    return rules


def _mapping(parent: ET.Element, name: str, default: str, column: str,
             entries: Mapping[str, str]) -> None:
    prop = ET.SubElement(parent, "visualProperty", {"name": name, "default": default})
    mapping = ET.SubElement(prop, "discreteMapping",
                            {"attributeName": column, "attributeType": "string"})
    for key in sorted(entries):
        ET.SubElement(mapping, "discreteMappingEntry",
                      {"attributeValue": key, "value": entries[key]})


def _passthrough(parent: ET.Element, name: str, column: str, kind: str = "string") -> None:
    prop = ET.SubElement(parent, "visualProperty", {"name": name, "default": ""})
    ET.SubElement(prop, "passthroughMapping", {"attributeName": column, "attributeType": kind})


def _fixed(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, "visualProperty", {"name": name, "default": value})


def desktop_style() -> str:
    """The Cytoscape desktop style (vizmap XML, document version 3.1) named "pathways"."""
    theme = LIGHT
    # Mapped on `look` (the kind as the figures draw it: a research tool, a map's chemical), a
    # column the export writes, since a desktop mapping reads one column.
    looks = {**SHAPES, "tool": "cut-rectangle", "chemical": "ellipse"}
    kinds = {**{k: DESKTOP_SHAPES[v] for k, v in looks.items()},
             COMPARTMENT_KIND: "ROUND_RECTANGLE"}
    fills = {**{k: theme.kind_fill[k] for k in looks}, COMPARTMENT_KIND: theme.cluster_fill}
    lines = {**{k: theme.kind_line[k] for k in looks}, COMPARTMENT_KIND: theme.cluster_line}
    root = ET.Element("vizmap", {"id": "VizMap-pathways", "documentVersion": "3.1"})
    style = ET.SubElement(root, "visualStyle", {"name": "pathways"})
    network = ET.SubElement(style, "network")
    _fixed(network, "NETWORK_BACKGROUND_PAINT", "#FFFFFF")
    node = ET.SubElement(style, "node")
    ET.SubElement(node, "dependency", {"name": "nodeSizeLocked", "value": "false"})
    _passthrough(node, "NODE_LABEL", "label")
    _passthrough(node, "NODE_WIDTH", "width", "float")
    _passthrough(node, "NODE_HEIGHT", "height", "float")
    _passthrough(node, "NODE_LABEL_WIDTH", "text_width", "float")
    _mapping(node, "NODE_SHAPE", "ROUND_RECTANGLE", "look", kinds)
    _mapping(node, "NODE_FILL_COLOR", "#FFFFFF", "look", fills)
    _mapping(node, "NODE_BORDER_PAINT", "#6B6B6B", "look", lines)
    _mapping(node, "NODE_BORDER_WIDTH", "1.4", "look",
             {"compound": "2.0", "phenotype": "2.0", "tool": "2.0"})
    _fixed(node, "NODE_LABEL_FONT_FACE", "SansSerif.plain,plain,12")
    _fixed(node, "NODE_LABEL_FONT_SIZE", "12")
    _fixed(node, "NODE_LABEL_COLOR", theme.text)
    edge = ET.SubElement(style, "edge")
    ET.SubElement(edge, "dependency", {"name": "arrowColorMatchesEdge", "value": "true"})
    _passthrough(edge, "EDGE_LABEL", "label")
    _mapping(edge, "EDGE_TARGET_ARROW_SHAPE", "DELTA", "sign", DESKTOP_ARROWS)
    _mapping(edge, "EDGE_UNSELECTED_PAINT", theme.sign_colour["+"], "sign",
             dict(theme.sign_colour))
    _mapping(edge, "EDGE_STROKE_UNSELECTED_PAINT", theme.sign_colour["+"], "sign",
             dict(theme.sign_colour))
    _mapping(edge, "EDGE_LINE_TYPE", "SOLID", "certainty", DESKTOP_LINES)
    _fixed(edge, "EDGE_WIDTH", "1.8")
    _fixed(edge, "EDGE_LABEL_FONT_SIZE", "10")
    _fixed(edge, "EDGE_LABEL_COLOR", theme.muted)
    ET.indent(root, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")


def companions(graph: nx.DiGraph) -> dict[str, str]:
    """The style files that go next to a `.cyjs` export: {suffix: text}. The rules do not
    depend on the graph: they style whatever kinds, signs and certainties it holds."""
    del graph
    return {".style.json": json.dumps(js_style(), indent=2, ensure_ascii=False) + "\n",
            ".styles.xml": desktop_style()}
