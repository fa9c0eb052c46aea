"""GraphML with typed keys and Graphviz coordinates, for Cytoscape, Gephi and yEd (and
`networkx.read_graphml`).

GraphML values are scalars, so the merged graph's attributes are encoded:

- strings stay strings (labels as a person reads them, Ca²⁺; the data's markup in `markup`);
  ints, floats and bools keep their GraphML type (`int`, `double`, `boolean`); edges get an
  extra `evidence_count` (int) for filtering and styling, and `certainty` ("stated", "hedged"
  or "hypothesised"; `status` keeps the same value under its older name);
- lists of strings (synonyms, identifiers, info, mechanisms, compounds) are joined with "; ",
  which table views show as one readable cell (the data's ids and synonyms contain no ";");
- structured values are JSON-encoded strings, so nothing of the evidence is lost: always the
  keys in `JSON_KEYS` (evidence, measures, per-mechanism labels, the graph's sources and
  compartments), and any other dict or list of non-strings.

The network opens laid out, from one Graphviz `dot` layout: Gephi reads the node attributes
`x`, `y` (y pointing up, as Gephi draws) and `r`, `g`, `b` (the kind's colour in the figures);
yEd reads its own `nodegraphics` / `edgegraphics` data (a box of the node's size and colours at
its place, y pointing down; arrows and line styles by sign and certainty, as in the figures).
`width` and `height` are in points.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..labels import readable, readable_evidence
from ..style import LIGHT, look_kind
from ._common import sorted_edges, sorted_nodes
from ._layout import Box, node_boxes

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["JSON_KEYS", "SEPARATOR", "YED_ARROWS", "YED_LINES", "YFILES_NAMESPACE", "export"]

SEPARATOR = "; "
JSON_KEYS: frozenset[str] = frozenset(
    {"evidence", "measures", "labels", "sources", "compartments"})
YFILES_NAMESPACE = "http://www.yworks.com/xml/graphml"
# yEd's arrow and line types for the figures' notation (sign, certainty).
YED_ARROWS: Mapping[str, str] = MappingProxyType({"+": "standard", "-": "t_shape",
                                                  "?": "white_diamond"})
YED_LINES: Mapping[str, str] = MappingProxyType({"stated": "line", "hedged": "dotted",
                                                 "hypothesised": "dashed"})
_YED_SHAPES = MappingProxyType({"neurotransmitter": "ellipse", "ion": "ellipse",
                                "process": "rectangle", "phenotype": "hexagon"})


def _encode(key: str, value: Any) -> str | int | float | bool:
    if key in JSON_KEYS:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, str | int | float | bool):
        return value
    if value is None:
        return ""
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return SEPARATOR.join(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _encoded(attrs: Mapping[str, Any]) -> dict[str, str | int | float | bool]:
    return {k: _encode(k, attrs[k]) for k in sorted(attrs)}


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _node_data(data: Mapping[str, Any], box: Box) -> dict[str, str | int | float | bool]:
    x, y, w, h = box
    out = _encoded(data)
    r, g, b = _rgb(LIGHT.kind_line.get(data["kind"], "#6B6B6B"))
    out.update(label=readable(data["markup"]), x=round(x, 2), y=round(-y, 2),
               width=round(w, 2), height=round(h, 2), r=r, g=g, b=b)
    return out


def _yed_node(data: Mapping[str, Any], box: Box) -> ET.Element:
    x, y, w, h = box
    kind = look_kind(data["kind"], data.get("role"))
    node = ET.Element("y:ShapeNode")
    ET.SubElement(node, "y:Geometry", {"x": f"{x - w / 2:.2f}", "y": f"{y - h / 2:.2f}",
                                       "width": f"{w:.2f}", "height": f"{h:.2f}"})
    ET.SubElement(node, "y:Fill", {"color": LIGHT.kind_fill.get(kind, "#FFFFFF"),
                                   "transparent": "false"})
    ET.SubElement(node, "y:BorderStyle", {"color": LIGHT.kind_line.get(kind, "#6B6B6B"),
                                          "type": "line", "width": "1.4"})
    label = ET.SubElement(node, "y:NodeLabel", {"fontFamily": "Dialog", "fontSize": "12",
                                                "modelName": "internal", "modelPosition": "c"})
    label.text = readable(data["markup"])
    ET.SubElement(node, "y:Shape", {"type": _YED_SHAPES.get(data["kind"], "roundrectangle")})
    return node


def _yed_edge(data: Mapping[str, Any]) -> ET.Element:
    edge = ET.Element("y:PolyLineEdge")
    ET.SubElement(edge, "y:LineStyle", {"color": LIGHT.sign_colour[data["sign"]],
                                        "type": YED_LINES[data["status"]], "width": "1.8"})
    ET.SubElement(edge, "y:Arrows", {"source": "none", "target": YED_ARROWS[data["sign"]]})
    if data["label"]:
        label = ET.SubElement(edge, "y:EdgeLabel", {"fontFamily": "Dialog", "fontSize": "10"})
        label.text = readable(data["label"])
    return edge


def export(graph: nx.DiGraph) -> str:
    """GraphML text: keys in first-use order of sorted nodes, then sorted edges; runs Graphviz
    once for the coordinates.

    The document is networkx's `GraphMLWriter`'s, byte for byte (its keys, type names and
    indentation), but made one node or edge at a time: each element is built, written out and
    dropped, so a network of 10^5 links never holds a tree of millions of elements (it took
    1.4 GB that way). The keys, which come first, are known only once every element is made;
    the elements' text waits in a list meanwhile."""
    from networkx.readwrite.graphml import GraphMLWriter

    boxes = node_boxes(graph)
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)

    def add_data(element: ET.Element, scope: str, attrs: Mapping[str, Any]) -> None:
        for name, value in attrs.items():
            kind = writer.get_xml_type(type(value))
            key = writer.get_key(str(name), kind, scope, None)  # networkx's ids and key order
            ET.SubElement(element, "data", key=key).text = str(value)

    def text(element: ET.Element) -> str:
        writer.indent(element, 2)  # a child of <graph>, as the whole document is indented
        element.tail = None
        return ET.tostring(element).decode(writer.encoding)

    graph_data = _encoded(graph.graph)
    graph_id = graph_data.pop("id", None)
    graph_element = ET.Element("graph", {"edgedefault": "directed"} if graph_id is None
                               else {"edgedefault": "directed", "id": str(graph_id)})
    graph_attrs = ET.Element("graph")  # its data, keyed first, written after its nodes and edges
    add_data(graph_attrs, "graph", {k: v for k, v in graph_data.items()
                                    if k not in ("node_default", "edge_default")})
    chunks = []
    for node, data in sorted_nodes(graph):
        element = ET.Element("node", id=str(node))
        add_data(element, "node", _node_data(data, boxes[node]))
        ET.SubElement(element, "data", {"key": "ng"}).append(_yed_node(data, boxes[node]))
        chunks.append(text(element))
    for u, v, data in sorted_edges(graph):
        attrs = _encoded({**data, "evidence": readable_evidence(data.get("evidence", ()))})
        attrs.update(label=readable(data["label"]), markup=data["label"],
                     certainty=data["status"], evidence_count=len(data.get("evidence", ())))
        element = ET.Element("edge", source=str(u), target=str(v))
        add_data(element, "edge", attrs)
        ET.SubElement(element, "data", {"key": "eg"}).append(_yed_edge(data))
        chunks.append(text(element))
    root = writer.xml
    root.set("xmlns:y", YFILES_NAMESPACE)
    for scope, key, kind in (("node", "ng", "nodegraphics"), ("edge", "eg", "edgegraphics")):
        root.append(ET.Element("key", {"for": scope, "id": key, "yfiles.type": kind}))
    marker = "pathways-elements"  # where the nodes and edges go; no text of ours contains it
    if chunks:
        graph_element.append(ET.Element(marker))
    graph_element.extend(graph_attrs)
    root.append(graph_element)
    document = str(writer).replace(f"<{marker} />", "\n    ".join(chunks), 1)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + document + "\n"
