"""SVG post-processing: valid SVG 1.1 on any Graphviz, ids prefixed per figure, tooltips in <title>."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

__all__ = ["fix_svg"]

FONT_STACK = "Liberation Sans, Arial, Helvetica, sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

_HEADER = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
           '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
           ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n')


def fix_svg(svg: str, prefix: str) -> str:
    """Make Graphviz's SVG safe to inline next to others and valid SVG 1.1.

    - `transparent` (written by Graphviz 2.43, not SVG 1.1) becomes `none`;
    - every id starts with `prefix`, and references follow;
    - each node's and edge's <title> carries its tooltip (the evidence), not its DOT name.
    """
    svg = re.sub(r'(stroke|fill)="transparent"', r'\1="none"', svg)
    # Liberation Sans is metric-compatible with Arial: name the fallbacks viewers will have.
    svg = svg.replace('font-family="Liberation Sans"', f'font-family="{FONT_STACK}"')
    body = svg[svg.index("<svg"):]
    # Graphviz 2.43 writes a URL's bare & into attributes: not XML until escaped.
    body = re.sub(r"&(?!(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);)", "&amp;", body)
    root = ET.fromstring(body)
    renamed: dict[str, str] = {}
    for el in root.iter():
        old = el.get("id")
        if old is not None and not old.startswith(f"{prefix}-") and old != prefix:
            renamed[old] = f"{prefix}-{old}"
            el.set("id", renamed[old])
    href = f"{{{XLINK_NS}}}href"
    for el in root.iter():
        ref = el.get(href)
        if ref and ref.startswith("#") and ref[1:] in renamed:
            el.set(href, "#" + renamed[ref[1:]])
    def url_ref(m: re.Match[str]) -> str:
        return f"url(#{renamed.get(m.group(1), m.group(1))})"

    for el in root.iter():
        for attr in ("fill", "stroke", "clip-path", "mask", "filter"):
            value = el.get(attr)
            if value and "url(#" in value:
                el.set(attr, re.sub(r"url\(#([^)]+)\)", url_ref, value))
    for g in root.iter(f"{{{SVG_NS}}}g"):
        if g.get("class") not in ("node", "edge"):
            continue
        title = g.find(f"{{{SVG_NS}}}title")
        link = next((a for a in g.iter(f"{{{SVG_NS}}}a") if a.get(f"{{{XLINK_NS}}}title")), None)
        if title is not None and link is not None:
            title.text = link.get(f"{{{XLINK_NS}}}title")
    return _HEADER + ET.tostring(root, encoding="unicode") + "\n"
