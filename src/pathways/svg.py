"""SVG post-processing: valid SVG 1.1 on any Graphviz, ids prefixed per figure, tooltips in <title>,
super- and subscripts drawn the same by every reader."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

__all__ = ["fix_svg", "join_script_runs"]

FONT_STACK = "Liberation Sans, Arial, Helvetica, sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Super- and subscripts, as fractions of the line's font size: five sixths high, the size Pango
# gives Graphviz's <SUB> and <SUP> (its "smaller"), so the SVG's scripts are those of the PDF and
# PNG, which Graphviz draws through Pango, and fill the width Graphviz laid out for them;
# subscripts 0.2 em down, superscripts 0.3 em up, a superscript's top clear of the line above
# at Graphviz's tight line spacing.
SCRIPT_SCALE = 5 / 6
SUB_DROP = 0.2
SUPER_RISE = 0.3
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

_HEADER = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
           '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
           ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n')


def fix_svg(svg: str, prefix: str) -> str:
    """Make Graphviz's SVG safe to inline next to others and valid SVG 1.1.

    - `transparent` (written by Graphviz 2.43, not SVG 1.1) becomes `none`;
    - every id starts with `prefix`, and references follow;
    - each node's and edge's <title> carries its tooltip (the evidence), not its DOT name;
    - each line with super- or subscripts is one <text> of <tspan>s (see `join_script_runs`).
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
    join_script_runs(root)
    return _HEADER + ET.tostring(root, encoding="unicode") + "\n"


def join_script_runs(root: ET.Element) -> None:
    """Rewrite, in place, each line Graphviz split around a <SUB> or <SUP> as one <text>.

    Graphviz writes such a line as sibling <text> elements, each placed by its own x, the
    shifted ones at full font size with `baseline-shift`, and the spaces that start a piece lost
    to whitespace collapsing: readers draw 'K<sub>i</sub> 2.2 nM, IC<sub>50</sub> 20 nM' as
    'K 2.2 nM, IC 5020 nM'. One <text> with a <tspan> per piece keeps the line in one flow; the
    shifted pieces are smaller and moved by `dy` (core SVG 1.1 text layout, which readers apply
    alike, where they treat `baseline-shift` each their own way); `xml:space="preserve"` keeps
    the spaces. One pass over each element's children.
    """
    for parent in list(root.iter()):
        lines = _script_lines(list(parent))
        if not lines:
            continue
        starts = {id(line[0]): line for line in lines}
        joined_away = {id(el) for line in lines for el in line[1:]}
        kept = []
        for el in parent:
            line = starts.get(id(el))
            if line is not None:
                joined = _joined(line)
                joined.tail = line[-1].tail
                kept.append(joined)
            elif id(el) not in joined_away:
                kept.append(el)
        parent[:] = kept


def _script_lines(children: list[ET.Element]) -> list[list[ET.Element]]:
    """Runs of adjacent <text> siblings that make one line around a shifted piece: same `y`,
    each neighbouring pair with a shifted piece in it (so two cells side by side on one row stay
    apart), pieces of plain text only."""
    lines: list[list[ET.Element]] = []
    line: list[ET.Element] = []
    for el in children:
        if el.tag != f"{{{SVG_NS}}}text" or len(el):
            line = []
            continue
        prev = line[-1] if line else None
        if prev is not None and prev.get("y") == el.get("y") and \
                prev.get("text-anchor") == el.get("text-anchor") == "start" and \
                (_shifted(prev) or _shifted(el)):
            line.append(el)
        else:
            line = [el]
            lines.append(line)
    return [line for line in lines if any(_shifted(el) for el in line)]


def _shifted(el: ET.Element) -> bool:
    return el.get("baseline-shift") not in (None, "baseline")


def _size(el: ET.Element, default: float) -> float:
    try:
        return float(el.get("font-size", ""))
    except ValueError:
        return default


def _drop(shift: str | None, size: float) -> float:
    """How far down (SVG y grows downwards) a piece's baseline goes for a `baseline-shift`."""
    if shift is None or shift == "baseline":
        return 0.0
    if shift == "sub":
        return SUB_DROP * size
    if shift == "super":
        return -SUPER_RISE * size
    try:
        return -float(shift[:-1]) / 100 * size if shift.endswith("%") else -float(shift)
    except ValueError:
        return 0.0


def _num(value: float) -> str:
    return f"{round(value, 2):g}"


def _joined(run: list[ET.Element]) -> ET.Element:
    """One <text> at the first piece's place, a <tspan> per piece: the pieces' own attributes
    where they differ from the line's, shifted pieces smaller and moved by a relative `dy`."""
    base = next((el for el in run if not _shifted(el)), run[0])
    size = _size(base, 14.0)
    attrs = {k: v for k, v in base.attrib.items() if k != "baseline-shift"}
    attrs.update({"x": run[0].get("x", "0"), "y": run[0].get("y", "0")})
    text = ET.Element(f"{{{SVG_NS}}}text", attrs)
    text.set(XML_SPACE, "preserve")
    now = 0.0
    for el in run:
        own = _size(el, size)
        drop = _drop(el.get("baseline-shift"), own)
        span = {k: v for k, v in el.attrib.items()
                if k not in ("x", "y", "text-anchor", "baseline-shift") and attrs.get(k) != v}
        if _shifted(el):
            span["font-size"] = _num(own * SCRIPT_SCALE)
        if drop != now:
            span["dy"] = _num(drop - now)
            now = drop
        ET.SubElement(text, f"{{{SVG_NS}}}tspan", span).text = el.text or ""
    return text
