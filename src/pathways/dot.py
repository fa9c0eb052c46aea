"""DOT text from a view: pure functions, canonical order, every text escaped (see `quoting`)."""

from __future__ import annotations

import itertools
import re
import textwrap
from collections.abc import Iterable, Mapping

from .labels import plain
from .quoting import dot_string, html_text, safe_url, tooltip
from .style import FONT, KIND_NAMES, SIGN_NAMES, Preset, Theme, edge_look, node_look
from .views import View, ViewEdge, ViewNode

__all__ = ["PAD", "build_dot", "legend_entries", "legend_label", "node_names", "route_colours"]

WORKFLOW_KIND_LOOK: Mapping[str, tuple[str, str]] = {
    # kind -> (theme kind whose colours it borrows, shape)
    "population": ("receptor", "box"),
    "procedure": ("process", "box"),
    "randomisation": ("compound", "box"),
    "arm": ("neurotransmitter", "box"),
    "assessment": ("protein", "box"),
    "endpoint": ("phenotype", "box"),
    "analysis": ("analysis", "box"),
    "outcome": ("outcome", "box"),
}
WORKFLOW_KIND_NAMES: Mapping[str, str] = {
    "population": "Participants / animals", "procedure": "Procedure",
    "randomisation": "Allocation", "arm": "Arm / group", "assessment": "Measurement",
    "endpoint": "Endpoint", "analysis": "Analysis", "outcome": "Result / outcome",
}


def node_names(view: View) -> dict[str, str]:
    """Safe generated DOT names (n0, n1, ...) in canonical order; names live in labels."""
    return {n.id: f"n{i}" for i, n in enumerate(sorted(view.nodes, key=lambda n: n.id))}


def _attrs(attrs: Mapping[str, str]) -> str:
    parts = []
    for key in sorted(attrs):
        value = attrs[key]
        if value.startswith("<") and value.endswith(">"):
            parts.append(f"{key}={value}")
        else:
            parts.append(f"{key}={dot_string(value)}")
    return ", ".join(parts)


_NBSP = "\u00a0"
PAD = 8.0  # points of margin around every figure (Graphviz `pad`); slides add their own


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters, never breaking inside ^{..} or _{..} markup."""
    kept = re.sub(r"[\^_]\{[^{}]*\}", lambda m: m.group(0).replace(" ", _NBSP), text)
    lines = textwrap.wrap(kept, width=width, break_long_words=False, break_on_hyphens=False)
    return [line.replace(_NBSP, " ") for line in lines] or [""]


def _balanced(text: str, width: int) -> list[str]:
    """As few lines as `_wrap` at `width` gives, but of even length: no one-word last line."""
    lines = _wrap(text, width)
    narrowest = max(len(w) for w in text.split()) if text.split() else width
    for w in range(max(narrowest, len(text) // len(lines)), width):
        if len(even := _wrap(text, w)) == len(lines):
            return even
    return lines


def _lines_html(lines: Iterable[str], size: float, colour: str, width: int) -> str:
    rows = []
    for line in lines:
        for part in _wrap(line, width + 8):
            rows.append(f'<TR><TD><FONT POINT-SIZE="{size:g}" COLOR="{colour}">'
                        f"{html_text(part)}</FONT></TD></TR>")
    return "".join(rows)


def _node_label(node: ViewNode, preset: Preset, theme: Theme, bold: bool) -> str:
    title = "<BR/>".join(html_text(p) for p in _wrap(node.label, preset.wrap))
    if bold:
        title = f"<B>{title}</B>"
    head = f'<TR><TD><FONT POINT-SIZE="{preset.font_size:g}">{title}</FONT></TD></TR>'
    if node.kind == "compound":
        badge = (f'<TD BGCOLOR="{theme.kind_line["compound"]}" CELLPADDING="3">'
                 f'<FONT POINT-SIZE="{preset.small_size:g}" COLOR="white"><B>DRUG</B></FONT></TD>')
        head = (f'<TR><TD><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{badge}'
                f'<TD CELLPADDING="4"><FONT POINT-SIZE="{preset.font_size:g}"><B>{title}</B>'
                "</FONT></TD></TR></TABLE></TD></TR>")
    body = _lines_html(node.lines, preset.small_size, theme.muted, preset.wrap)
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{head}{body}</TABLE>>'


def _edge_label(edge: ViewEdge, preset: Preset, theme: Theme) -> str:
    if not edge.label and not edge.lines:
        return ""
    # Edge labels sit between nodes: wrapped narrower than node details, so they widen less;
    # numbers (Ki, IC50, doses) keep the node width, so a value stays on one line.
    rows = (_lines_html([edge.label] if edge.label else [], preset.small_size, theme.muted,
                        preset.wrap - 6)
            + _lines_html(edge.lines, preset.small_size, theme.muted, preset.wrap))
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>>'


def _scaled(look: dict[str, str], preset: Preset) -> dict[str, str]:
    """Line weights follow the text size, so small print gets thin lines (the style is drawn
    for 20 pt slide text)."""
    factor = max(preset.font_size / 20, 0.5)
    if "penwidth" in look:
        look["penwidth"] = f"{float(look['penwidth']) * factor:.2g}"
    return look


def _node_attrs(node: ViewNode, view: View, preset: Preset, theme: Theme) -> dict[str, str]:
    if view.kind == "workflow":
        borrowed, shape = WORKFLOW_KIND_LOOK[node.kind]
        look = node_look(borrowed, theme)
        look["shape"] = shape
        look["style"] = "rounded,filled" if node.kind != "procedure" else "filled"
        if node.kind in ("endpoint", "randomisation"):
            look["penwidth"] = "2.2"
        bold = True
    else:
        look = node_look(node.kind, theme)
        bold = node.kind in ("compound", "phenotype") or node.emphasis
    if node.status == "hypothesised":
        look["style"] += ",dashed"
    if node.emphasis:
        look["penwidth"] = "3.2"
        look["peripheries"] = "2"
    look["id"] = f"{view.id}-node-{node.id}"
    look["label"] = _node_label(node, preset, theme, bold)
    look["margin"] = "0.12,0.06"
    _scaled(look, preset)
    url = safe_url(node.url)
    if url:
        look["URL"] = url
        look["target"] = "_blank"
    return look


def _edge_attrs(edge: ViewEdge, view: View, preset: Preset, theme: Theme,
                route_colour: Mapping[str, str]) -> dict[str, str]:
    colour = route_colour.get(edge.route) if edge.route else None
    if view.routes and not colour:
        colour = theme.muted
    look = edge_look(edge.sign, edge.status, theme, colour)
    look["id"] = f"{view.id}-edge-{edge.source}-{edge.target}"
    label = _edge_label(edge, preset, theme)
    if label:
        look["label"] = label
    look["fontsize"] = f"{preset.small_size:g}"
    _scaled(look, preset)
    url = safe_url(edge.url)
    if url:
        look["URL"] = url
        look["target"] = "_blank"
    return look


_GLYPHS: Mapping[str, str] = {"+": "\u2500\u2500\u2500\u2192", "-": "\u2500\u2500\u2500\u2524",
                               "?": "\u2500\u2500\u2500\u25c7"}
_DASHED: Mapping[str, str] = {"+": "\u2500 \u2500 \u2192", "-": "\u2500 \u2500 \u2524",
                              "?": "\u2500 \u2500 \u25c7"}


def _swatch(fill: str, line: str, text: str, size: float, colour: str, bold: bool = False) -> str:
    inner = f"<B>{html_text(text)}</B>" if bold else html_text(text)
    return (f'<TR><TD BGCOLOR="{fill}" COLOR="{line}" BORDER="{2 if bold else 1}" '
            f'STYLE="rounded" WIDTH="30" HEIGHT="16"> </TD><TD ALIGN="LEFT">'
            f'<FONT POINT-SIZE="{size:g}" COLOR="{colour}">{inner}</FONT></TD></TR>')


def route_colours(view: View, theme: Theme) -> dict[str, str]:
    """Each compound of a multi-compound view gets its own palette colour, in route order."""
    return {c: theme.compound_colours[i % len(theme.compound_colours)]
            for i, (c, _) in enumerate(view.routes)}


def _legend_cells(view: View, preset: Preset, theme: Theme) -> list[str]:
    """One swatch-and-name cell pair per thing the view actually uses: kinds, marks, influences
    and compound routes."""
    route_colour = route_colours(view, theme)
    size, rows = preset.small_size, []
    names = WORKFLOW_KIND_NAMES if view.kind == "workflow" else KIND_NAMES
    for kind in [k for k in names if any(n.kind == k for n in view.nodes)]:
        look_kind = WORKFLOW_KIND_LOOK[kind][0] if view.kind == "workflow" else kind
        rows.append(_swatch(theme.kind_fill[look_kind], theme.kind_line[look_kind], names[kind],
                            size, theme.text, bold=kind == "compound"))
    if any(n.emphasis for n in view.nodes) and view.kind == "mechanism":
        rows.append(_swatch(theme.background if theme.background != "transparent" else "white",
                            theme.text, "Convergence point" if view.routes else "Highlighted",
                            size, theme.text, bold=True))
    if any(n.status == "hypothesised" for n in view.nodes):
        rows.append(f'<TR><TD BORDER="1" STYLE="dashed" COLOR="{theme.muted}"> </TD>'
                    f'<TD ALIGN="LEFT"><FONT POINT-SIZE="{size:g}" COLOR="{theme.text}">'
                    "Hypothesised step</FONT></TD></TR>")
    used = sorted({(e.sign, e.status) for e in view.edges},
                  key=lambda x: ("+-?".index(x[0]), x[1] == "hypothesised"))
    for sign, status in used:
        text = "Next step" if view.kind == "workflow" else SIGN_NAMES[sign].capitalize()
        glyph = (_DASHED if status == "hypothesised" else _GLYPHS)[sign]
        if status == "hypothesised":
            text += " (hypothesised)"
        colour = theme.muted if view.routes else theme.sign_colour[sign]
        rows.append(f'<TR><TD ALIGN="RIGHT"><FONT POINT-SIZE="{size:g}" COLOR="{colour}">'
                    f'<B>{glyph}</B></FONT></TD><TD ALIGN="LEFT"><FONT POINT-SIZE="{size:g}" '
                    f'COLOR="{theme.text}">{html_text(text)}</FONT></TD></TR>')
    routes = [*view.routes, ("", "Shared")] if view.routes else []
    for compound, label in routes:
        colour = route_colour.get(compound, theme.muted)
        rows.append(f'<TR><TD ALIGN="RIGHT"><FONT POINT-SIZE="{size:g}" COLOR="{colour}">'
                    f'<B>\u2501\u2501\u2501</B></FONT></TD><TD ALIGN="LEFT">'
                    f'<FONT POINT-SIZE="{size:g}" COLOR="{theme.text}">'
                    f"{html_text(label)} route</FONT></TD></TR>")
    return [r.removeprefix("<TR>").removesuffix("</TR>") for r in rows]


def legend_entries(view: View, preset: Preset, theme: Theme) -> int:
    """How many entries the legend has: the most columns it can usefully be laid out in."""
    return max(1, len(_legend_cells(view, preset, theme)))


def legend_label(view: View, preset: Preset, theme: Theme, columns: int) -> str:
    """The legend as an HTML-like label, `columns` entries per row, notes below them."""
    size, cells = preset.small_size, _legend_cells(view, preset, theme)
    grid = ["<TR>" + "".join(cells[i:i + columns]) + "</TR>" for i in range(0, len(cells), columns)]
    span = 2 * min(columns, len(cells)) if cells else 2
    for note in view.notes:
        wrapped = "<BR/>".join(html_text(p) for p in _balanced(note, 30 * (span // 2)))
        grid.append(f'<TR><TD COLSPAN="{span}" ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{size:g}" '
                    f'COLOR="{theme.text}"><I>{wrapped}</I></FONT></TD></TR>')
    return (f'<<TABLE BORDER="1" COLOR="{theme.cluster_line}" CELLBORDER="0" '
            f'CELLSPACING="4" CELLPADDING="2" STYLE="rounded"><TR><TD COLSPAN="{span}" '
            f'ALIGN="LEFT"><FONT POINT-SIZE="{size + 1:g}" COLOR="{theme.text}"><B>Legend</B>'
            f"</FONT></TD></TR>{''.join(grid)}</TABLE>>")


def build_dot(view: View, preset: Preset, theme: Theme, *, rankdir: str = "TB",
              transparent: bool = False) -> str:
    """The DOT text for `view`, deterministic: same view, same bytes. The legend is not part of
    it: `layout` places `legend_label` after the layout, where it makes the figure largest."""
    names = node_names(view)
    bg = "transparent" if transparent else theme.background
    route_colour = route_colours(view, theme)
    graph_attrs = {
        "id": view.id, "rankdir": rankdir, "bgcolor": bg, "fontname": FONT,
        "fontsize": f"{preset.font_size:g}", "fontcolor": theme.text, "pad": f"{PAD / 72:g}",
        "nodesep": "0.28", "ranksep": "0.32", "newrank": "true", "compound": "true",
        "outputorder": "edgesfirst", "charset": "UTF-8",
    }
    lines = [f"digraph {dot_string(view.id)} {{",
             f"  graph [{_attrs(graph_attrs)}];",
             f'  node [fontname={dot_string(FONT)}, fontsize="{preset.font_size:g}"];',
             f'  edge [fontname={dot_string(FONT)}, '
             f'arrowsize="{1.1 * max(preset.font_size / 20, 0.5):.2g}"];']
    # Canonical order: nodes listed in rows first, in reading order (dot's initial ordering
    # follows the input), then the rest by id; clusters in the order of their first node.
    row_pos = {n: i for i, n in enumerate(x for row in view.same_rank for x in row)}
    order = sorted(view.nodes, key=lambda n: (row_pos.get(n.id, len(row_pos)), n.id))
    by_comp: dict[str, list[ViewNode]] = {}
    for node in order:
        by_comp.setdefault(node.compartment or node.group, []).append(node)
    comp_labels = dict(view.compartments)
    for i, key in enumerate(by_comp):
        indent = "  "
        if key:
            label = comp_labels.get(key, key)
            lines.append(f"  subgraph cluster_{i} {{")
            lines.append(f'    id={dot_string(f"{view.id}-cluster-{i}")}; '
                         f"label=<<B>{html_text(label)}</B>>; labeljust=l; "
                         f'style="rounded,filled"; fillcolor={dot_string(theme.cluster_fill)}; '
                         f"color={dot_string(theme.cluster_line)}; "
                         f"fontcolor={dot_string(theme.text)}; margin=8;")
            indent = "    "
        for node in by_comp[key]:
            attrs = _node_attrs(node, view, preset, theme)
            attrs["tooltip"] = node.tooltip or plain(node.label)
            lines.append(f"{indent}{names[node.id]} [{_node_attr_text(attrs)}];")
        if key:
            lines.append("  }")
    linked = {(e.source, e.target) for e in view.edges}
    firsts = [g[0] for g in view.rows]
    for a, b in itertools.pairwise(firsts):
        # Start each row under the previous one (a snake that reads like text).
        lines.append(f'  {names[a]} -> {names[b]} [style=invis, weight="50"];')
    if len(firsts) > 1:
        lines.append("  " + " ".join(f'{names[a]} [group="rows"];' for a in firsts))
    for group in view.same_rank:
        lines.append("  { rank=same; " + "; ".join(names[g] for g in group) + "; }")
        # Keep the written order left to right where no real edge already does.
        lines.extend(f"  {names[a]} -> {names[b]} [style=invis];"
                     for a, b in itertools.pairwise(group)
                     if (a, b) not in linked and (b, a) not in linked)
    rank = {n.id: i for i, n in enumerate(order)}
    for edge in sorted(view.edges, key=lambda e: (rank[e.source], rank[e.target])):
        attrs = _edge_attrs(edge, view, preset, theme, route_colour)
        attrs["tooltip"] = edge.tooltip
        if "label" in attrs:
            attrs["labeltooltip"] = edge.tooltip
        lines.append(f"  {names[edge.source]} -> {names[edge.target]} [{_node_attr_text(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_attr_text(attrs: Mapping[str, str]) -> str:
    """Attributes with the tooltip escaped as an escString and the rest as plain strings."""
    rest = {k: v for k, v in attrs.items() if k not in ("tooltip", "labeltooltip")}
    text = _attrs(rest)
    for key in ("labeltooltip", "tooltip"):
        if key in attrs:
            text += f", {key}={tooltip(attrs[key])}"
    return text
