"""DOT text from a view: pure functions, canonical order, every text escaped (see `quoting`)."""

from __future__ import annotations

import functools
import itertools
import math
import re
import textwrap
from collections.abc import Iterable, Mapping

from .errors import UsageError
from .labels import MARKUP, plain, readable, xml_token
from .model import Status
from .quoting import dot_string, safe_url, tooltip
from .quoting import html_text as _html_text
from .style import (
    CERTAINTY_NAMES,
    CERTAINTY_STYLES,
    FONT,
    KIND_NAMES,
    REDUCTION_ARROWHEAD,
    SIGN_NAMES,
    Preset,
    Theme,
    edge_look,
    node_look,
    sharp_cornered,
)
from .views import STRUCTURE, View, ViewEdge, ViewNode

__all__ = ["NODE_MARGIN", "PAD", "RANKDIRS", "build_dot", "hexagon_labels", "legend_cells", "legend_entries",
           "legend_label", "node_names", "route_colours"]

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
    "population": "Population", "procedure": "Procedure",
    "randomisation": "Allocation", "arm": "Arm / group", "assessment": "Measurement",
    "endpoint": "Endpoint", "analysis": "Analysis", "outcome": "Result / outcome",
}


def node_names(view: View) -> dict[str, str]:
    """Safe generated DOT names (n0, n1, ...) in canonical order; names live in labels."""
    return {n.id: f"n{i}" for i, n in enumerate(sorted(view.nodes, key=lambda n: n.id))}


# The attributes whose values may be HTML-like labels (<...>), built here from escaped text;
# every other value is written as a quoted, escaped string, whatever it looks like.
_HTML_KEYS = frozenset({"label", "xlabel", "headlabel", "taillabel"})
RANKDIRS = ("TB", "LR", "BT", "RL")


# Memoised: the layout search writes each figure's DOT (and legend) many times over, with the
# same texts.
_quoted = functools.lru_cache(maxsize=16384)(dot_string)
html_text = functools.lru_cache(maxsize=16384)(_html_text)


def _attrs(attrs: Mapping[str, str]) -> str:
    parts = []
    for key in sorted(attrs):
        value = attrs[key]
        if key in _HTML_KEYS and value.startswith("<") and value.endswith(">"):
            parts.append(f"{key}={value}")
        else:
            parts.append(f"{key}={_quoted(value)}")
    return ", ".join(parts)


NODE_MARGIN = (0.12, 0.06)  # inches around a node's label (Graphviz `margin`)
EDGE_LABEL_PAD = 6.0  # points kept clear between an edge label's text and its edge
PAD = 8.0  # points of margin around every figure (Graphviz `pad`); slides add their own


UNIT_SPACE = re.compile(r"(?<=\d) (?=[A-Za-z\u00b5\u03bc%][\w/%]{0,5}(?![\w/]))")
CITE_SPACE = re.compile(r" (?=\[\d+\])")  # before a citation mark: it stays with its value
VALUE_SPACE = re.compile(r"(?<=:) (?=\S{1,12}$)")  # "Dissociation: 24.3–25.5%": one short value
GLUE = "\ue8ff"  # a private-use character holding a number to its unit while wrapping


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters as drawn ('K_{i}' counts 2), never breaking inside
    ^{..} or _{..} markup, between a number and its unit ('2.2 nM'), before a citation mark
    ('-5.78 (p=0.0427) [2]': the mark names the source of what it follows), nor between a
    lead and the one short value ending the text ('Dissociation: 24.3–25.5%')."""
    text = VALUE_SPACE.sub(GLUE, CITE_SPACE.sub(GLUE, UNIT_SPACE.sub(GLUE, text)))
    marks = [m.group(0) for m in MARKUP.finditer(text)]
    # Each markup run becomes as many private-use characters as it draws, one code per run.
    held = [chr(0xE000 + i) * max(len(plain(m)), 1) for i, m in enumerate(marks)]
    runs = iter(held)
    kept = MARKUP.sub(lambda _: next(runs), text)
    lines = textwrap.wrap(kept, width=width, break_long_words=False, break_on_hyphens=False)
    for h, m in zip(held, marks, strict=True):
        lines = [line.replace(h, m, 1) for line in lines]
    return [line.replace(GLUE, " ") for line in lines] or [""]


LEAD = re.compile(r"[^:]{1,40}:(?= \S)")  # "0.48 mg/kg:" leading "AUC_{inf} 708 h·ng/mL"


@functools.lru_cache(maxsize=8192)  # pure, and asked the same thing for every layout candidate
def _balanced(text: str, width: int) -> tuple[str, ...]:
    """As few lines as `_wrap` at `width` gives, but of even length: no one-word last line; a
    text that wraps and opens with a lead ("0.48 mg/kg:") breaks after it where that takes no
    more lines, so a measure is not parted from its value ("0.48 mg/kg: AUC_{inf}" over
    "708 h·ng/mL" reads as if the dose were the measure)."""
    return list(_balanced_lines(text, width))


@functools.lru_cache(maxsize=8192)
def _balanced_lines(text: str, width: int) -> tuple[str, ...]:
    # Memoised: the layout search builds each figure's DOT many times over the same texts.
    lines = _wrap(text, width)
    lead = LEAD.match(text)
    if len(lines) > 1 and lead and len(plain(lead.group(0))) <= width:
        rest = _balanced_lines(text[lead.end() + 1:], width)
        if 1 + len(rest) <= len(lines):
            return (lead.group(0), *rest)
    narrowest = max(len(w) for w in text.split()) if text.split() else width
    for w in range(max(narrowest, len(text) // len(lines)), width):
        if len(even := _wrap(text, w)) == len(lines):
            return tuple(even)
    return tuple(lines)


def _lines_html(lines: Iterable[str], size: float, colour: str, width: int) -> str:
    rows = []
    for line in lines:
        for part in _balanced(line, width):
            rows.append(f'<TR><TD><FONT POINT-SIZE="{size:g}" COLOR="{colour}">'
                        f"{html_text(part)}</FONT></TD></TR>")
    return "".join(rows)


def _detail_width(preset: Preset) -> int:
    """Characters a node's detail lines wrap at unless its row leaves room to wrap them
    narrower."""
    return preset.wrap + 8


def _height(node: ViewNode, preset: Preset, detail_width: int) -> float:
    """A node's label height in points, as Graphviz sets it: the title's first line 1.2 em, each
    further line (a line break) 0.9 em; each detail line is a table row, 1.24 em."""
    details = sum(len(_balanced(line, detail_width)) for line in node.lines)
    title = len(_balanced(node.label, preset.wrap))
    return preset.font_size * (0.3 + 0.9 * title) + preset.small_size * 1.24 * details


def _narrow_details(view: View, preset: Preset, theme: Theme, rankdir: str,
                    level: int = 1) -> dict[str, int]:
    """Detail widths for nodes in a row (TB) whose details are wider than their title: wrapped
    down to the title's width (never under `preset.wrap` characters) as far as the row's tallest
    node allows, give or take a quarter line, so a row gets narrower and hardly taller; at
    `level` 2, all the way down, however much taller the row gets (for a figure whose width is
    what keeps its text small). Hexagons keep theirs (`layout` sizes them from their label)."""
    if rankdir != "TB":
        return {}
    slack = math.inf if level >= 2 else 0.25 * preset.small_size
    nodes = {n.id: n for n in view.nodes}
    wide, out = _detail_width(preset), {}
    for row in view.same_rank:
        members = [nodes[i] for i in row if i in nodes and not _is_hexagon(nodes[i], view, theme)]
        tallest = max((_height(n, preset, wide) for n in members), default=0.0)
        for node in members:
            title = _title_width(node, preset)
            # Detail text is smaller than the title's: as many of its characters fit as wide.
            start = max(math.ceil(title * preset.font_size / preset.small_size), preset.wrap)
            for width in range(start, wide):
                if _height(node, preset, width) <= tallest + slack:
                    out[node.id] = width
                    break
    return out


def _title_width(node: ViewNode, preset: Preset) -> int:
    """Characters in the longest line of a node's title as drawn."""
    return max(len(plain(p)) for p in _balanced(node.label, preset.wrap))


def _node_label(node: ViewNode, preset: Preset, theme: Theme, bold: bool,
                detail_width: int | None = None) -> str:
    title = "<BR/>".join(html_text(p) for p in _balanced(node.label, preset.wrap))
    if bold:
        title = f"<B>{title}</B>"
    head = f'<TR><TD><FONT POINT-SIZE="{preset.font_size:g}">{title}</FONT></TD></TR>'
    if node.kind == "compound":
        badge = (f'<TD BGCOLOR="{theme.kind_line["compound"]}" CELLPADDING="3">'
                 f'<FONT POINT-SIZE="{preset.small_size:g}" COLOR="white"><B>DRUG</B></FONT></TD>')
    elif node.kind == "tool":  # the same badge, outlined: a compound used to probe, not to treat
        badge = (f'<TD BGCOLOR="{theme.kind_fill["tool"]}" COLOR="{theme.kind_line["tool"]}" '
                 f'BORDER="1" CELLPADDING="2"><FONT POINT-SIZE="{preset.small_size:g}" '
                 f'COLOR="{theme.kind_line["tool"]}"><B>TOOL</B></FONT></TD>')
    if node.kind in ("compound", "tool"):
        head = (f'<TR><TD><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{badge}'
                f'<TD CELLPADDING="4"><FONT POINT-SIZE="{preset.font_size:g}"><B>{title}</B>'
                "</FONT></TD></TR></TABLE></TD></TR>")
    body = _lines_html(node.lines, preset.small_size, theme.muted,
                       detail_width or _detail_width(preset))
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{head}{body}</TABLE>>'


def _edge_label(edge: ViewEdge, preset: Preset, theme: Theme, across: bool,
                spacing: float = 1.0) -> str:
    if not edge.label and not edge.lines:
        return ""
    # A label beside an edge between ranks is wrapped narrow, so it widens the figure less; one
    # over an edge `across` a rank (a row) wider, so it adds fewer lines to that rank's height.
    # Numbers (Ki, IC50, doses) keep to one line each where they can.
    # The words need not wrap narrower than the numbers under them make the label anyway.
    measures = preset.wrap + 14
    widest = max((len(plain(p)) for line in edge.lines for p in _balanced(line, measures)),
                 default=0)
    rows = (_lines_html([edge.label] if edge.label else [], preset.small_size, theme.muted,
                        max(preset.wrap + 6 if across else preset.wrap + 2, widest))
            + _lines_html(edge.lines, preset.small_size, theme.muted, measures))
    # Spacer cells either side keep the edge, which dot routes right beside its label, off the text.
    pad = f'<TD FIXEDSIZE="TRUE" WIDTH="{EDGE_LABEL_PAD * spacing:g}" HEIGHT="1"></TD>'
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{pad}<TD>'
            f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>'
            f"</TD>{pad}</TR></TABLE>>")


def _scaled(look: dict[str, str], preset: Preset) -> dict[str, str]:
    """Line weights follow the text size, so small print gets thin lines (the style is drawn
    for 20 pt slide text)."""
    factor = max(preset.font_size / 20, 0.5)
    if "penwidth" in look:
        look["penwidth"] = f"{float(look['penwidth']) * factor:.2g}"
    return look


def _is_bold(node: ViewNode, view: View) -> bool:
    return (view.kind == "workflow" or node.kind in ("compound", "phenotype") or node.emphasis
            or node.highlight)


def hexagon_labels(view: View, preset: Preset, theme: Theme) -> dict[str, str]:
    """The labels of the nodes drawn as hexagons, by node id: Graphviz sizes a hexagon ~1.6 times
    its text, so `layout` measures these and passes `build_dot` a snug size."""
    return {n.id: _node_label(n, preset, theme, _is_bold(n, view)) for n in view.nodes
            if _is_hexagon(n, view, theme)}


def _is_hexagon(node: ViewNode, view: View, theme: Theme) -> bool:
    return view.kind != "workflow" and node_look(node.kind, theme)["shape"] == "hexagon"


def _node_attrs(node: ViewNode, view: View, preset: Preset, theme: Theme,
                size: tuple[float, float] | None = None, detail_width: int | None = None,
                spacing: float = 1.0) -> dict[str, str]:
    if view.kind == "workflow":
        borrowed, shape = WORKFLOW_KIND_LOOK[node.kind]
        look = node_look(borrowed, theme)
        look["shape"] = shape
        look["style"] = "rounded,filled" if _rounded(node.kind, "workflow") else "filled"
        if node.kind in ("endpoint", "randomisation"):
            look["penwidth"] = "2.2"
    else:
        look = node_look(node.kind, theme)
    bold = _is_bold(node, view)
    if node.status != "stated":
        look["style"] += "," + CERTAINTY_STYLES[node.status]
    if node.emphasis:  # a convergence point: a double border (heavier, where also asked for)
        look["penwidth"] = "4" if node.highlight else "3.2"
        look["peripheries"] = "2"
    elif node.highlight:  # asked for: one heavy border
        look["penwidth"] = "4"
    look["id"] = f"{view.id}-node-{xml_token(node.id)}"
    look["label"] = _node_label(node, preset, theme, bold, detail_width)
    look["margin"] = f"{NODE_MARGIN[0] * spacing:.3g},{NODE_MARGIN[1] * spacing:.3g}"
    if size:
        look.update(fixedsize="true", width=f"{size[0] / 72:.4f}", height=f"{size[1] / 72:.4f}")
    return _linked(_scaled(look, preset), node.url)


TEE_SIZE = 1.5  # a T-bar's size against an arrowhead's: 16.5 pt wide on a slide, not 11


def arrow_size(preset: Preset) -> float:
    """Graphviz's `arrowsize` for a preset: 1.1 at a slide's 20 pt text, smaller with smaller
    text, never under half that."""
    return 1.1 * max(preset.font_size / 20, 0.5)


def _edge_attrs(edge: ViewEdge, view: View, preset: Preset, theme: Theme,
                route_colour: Mapping[str, str], across: bool = False,
                into_emphasis: bool = False, spacing: float = 1.0) -> dict[str, str]:
    colour = route_colour.get(edge.route) if edge.route else None
    if view.routes and not colour:
        colour = theme.muted
    look = edge_look(edge.sign, edge.status, theme, colour)
    if edge.structural:
        look.update(arrowhead="none", color=theme.muted, penwidth="1.2")
    elif edge.triggered_by_reduction:
        look.update(arrowhead=REDUCTION_ARROWHEAD,
                    color=colour or theme.sign_colour["+"])
    if edge.borrowed:  # another compound's documents' link: there, but not this one's claim
        look["color"] = faded(look["color"])
    if look.get("arrowhead") == "tee":
        # Graphviz's T-bar is as wide as its arrow is long, and half as long as an arrow: at the
        # arrows' size it read as a stub against the node, hard to tell from an arrowhead.
        look["arrowsize"] = f"{TEE_SIZE * arrow_size(preset):.2g}"
        if into_emphasis:
            # A convergence point's heavy double border would hide a T-bar drawn against it:
            # the bar stands one arrow's length off the border ("none" then "tee"), on the line.
            look["arrowhead"] = "nonetee"
    look["id"] = f"{view.id}-edge-{xml_token(edge.source)}-{xml_token(edge.target)}"
    if edge.summary:
        # Its target is ranked below its source by the longer route already: pulled short
        # too, the link would stretch the whole route into one tall column.
        look["constraint"] = "false"
    label = _edge_label(edge, preset, theme, across, spacing)
    if label:
        look["label"] = label
    look["fontsize"] = f"{preset.small_size:g}"
    return _linked(_scaled(look, preset), edge.url)


# How opaque a borrowed link is drawn (`ViewEdge.borrowed`), as a colour's alpha byte: about
# half, so it reads as there but secondary, its dots and dashes still plain.
BORROWED_ALPHA = "80"
BORROWED_NAME = "From another mechanism"


def faded(colour: str) -> str:
    """`colour` (#RRGGBB) drawn at BORROWED_ALPHA: every format Graphviz writes keeps the
    opacity (SVG's stroke-opacity, PDF's and PNG's alpha)."""
    return colour + BORROWED_ALPHA if len(colour) == 7 and colour.startswith("#") else colour


def _linked(look: dict[str, str], url: str) -> dict[str, str]:
    """A click-through to the evidence, opened in a new tab; only http(s) addresses pass."""
    if safe := safe_url(url):
        look.update(URL=safe, target="_blank")
    return look


_GLYPHS: Mapping[str, str] = {"+": "\u2500\u2500\u2500\u25b6", "-": "\u2500\u2500\u2500\u2524",
                               "?": "\u2500\u2500\u2500\u25c7"}
_DASHED: Mapping[str, str] = {"+": "\u2500 \u2500 \u25b6", "-": "\u2500 \u2500 \u2524",
                              "?": "\u2500 \u2500 \u25c7"}
_DOTTED: Mapping[str, str] = {"+": "\u2508\u2508\u2508\u25b6", "-": "\u2508\u2508\u2508\u2524",
                              "?": "\u2508\u2508\u2508\u25c7"}
_LINE_GLYPHS = {"stated": _GLYPHS, "hedged": _DOTTED, "hypothesised": _DASHED}
# A line style alone, no arrowhead: the compact legend's block naming each certainty once.
_STYLE_GLYPHS = {"stated": "\u2500\u2500\u2500\u2500", "hedged": "\u2508\u2508\u2508\u2508",
                 "hypothesised": "\u2500 \u2500 \u2500"}
def _weaker(status: str) -> int:
    """Sort key: stated first, then hedged, then hypothesised."""
    return -Status(status).rank


def _rounded(kind: str, view_kind: str) -> bool:
    """Whether a node of `kind` is drawn other than as a sharp-cornered box: a workflow's
    procedure and a mechanism's process or analysis are the sharp ones."""
    return kind != "procedure" if view_kind == "workflow" else not sharp_cornered(kind)


def _swatch(fill: str, line: str, text: str, size: float, colour: str, bold: bool = False,
            border: int = 0, rounded: bool = True) -> str:
    """A legend row: a 30 x 16 point swatch in a kind's colours, with corners as its nodes
    have them (sharp for a process, rounded for the rest: an ellipse or hexagon has no
    HTML cell to match, and a rounded one is the nearer), then the kind's name."""
    inner = f"<B>{html_text(text)}</B>" if bold else html_text(text)
    width = border or (2 if bold else 1)
    style = ' STYLE="rounded"' if rounded else ""
    return (f'<TR><TD BGCOLOR="{fill}" COLOR="{line}" BORDER="{width}" FIXEDSIZE="TRUE"'
            f'{style} WIDTH="30" HEIGHT="16"> </TD><TD ALIGN="LEFT">'
            f'<FONT POINT-SIZE="{size:g}" COLOR="{colour}">{inner}</FONT></TD></TR>')


def _double_swatch(fill: str, line: str, text: str, size: float, colour: str) -> str:
    """A legend row whose swatch has two borders, as a convergence point is drawn: a cell in a
    table, each with its own border, 30 x 16 points as every swatch."""
    return (f'<TR><TD BORDER="0" CELLPADDING="0" FIXEDSIZE="TRUE" WIDTH="30" HEIGHT="16"><TABLE BORDER="1" '
            f'CELLBORDER="1" CELLSPACING="2" CELLPADDING="0" COLOR="{line}" BGCOLOR="{fill}">'
            f'<TR><TD FIXEDSIZE="TRUE" WIDTH="22" HEIGHT="8"> </TD></TR></TABLE></TD>'
            f'<TD ALIGN="LEFT"><FONT POINT-SIZE="{size:g}" COLOR="{colour}">'
            f"<B>{html_text(text)}</B></FONT></TD></TR>")


def route_colours(view: View, theme: Theme) -> dict[str, str]:
    """Each compound of a multi-compound view gets its own palette colour, in route order."""
    return {c: theme.compound_colours[i % len(theme.compound_colours)]
            for i, (c, _) in enumerate(view.routes)}


def _line_entry(glyph: str, text: str, size: float, colour: str, theme: Theme) -> str:
    """A legend row: a line sample in `colour`, then its name (which may hold <BR/>s)."""
    return (f'<TR><TD ALIGN="RIGHT" BALIGN="RIGHT"><FONT POINT-SIZE="{size:g}" COLOR="{colour}">'
            f'<B>{glyph}</B></FONT></TD><TD ALIGN="LEFT" BALIGN="LEFT"><FONT '
            f'POINT-SIZE="{size:g}" COLOR="{theme.text}">{text}</FONT></TD></TR>')


def _line_statuses(view: View) -> list[str]:
    """The certainties of the view's drawn influences (not parts), most certain first."""
    return sorted({e.status for e in view.edges if not e.structural}, key=_weaker)


def _legend_cells(view: View, preset: Preset, theme: Theme, wrap: int = 0,
                  compact: bool = False) -> list[str]:
    """One swatch-and-name cell pair per thing the view actually uses: kinds, marks, influences
    and compound routes. `wrap` > 0 wraps the names drawn beside a line (influences, parts,
    routes) at that many characters, so a one-column legend beside a figure is narrower.
    `compact` names each arrowhead once, drawn in its most certain line, and every line style
    used once, in one block (solid: stated, dotted: hedged, dashed: hypothesised), instead of
    one entry per arrowhead and certainty: fewer entries where several certainties are used."""
    route_colour = route_colours(view, theme)

    def name(text: str) -> str:
        return "<BR/>".join(html_text(p) for p in _balanced(text, wrap)) if wrap else html_text(text)

    size, rows = preset.small_size, []
    names = WORKFLOW_KIND_NAMES if view.kind == "workflow" else KIND_NAMES
    for kind in [k for k in names if any(n.kind == k for n in view.nodes)]:
        look_kind = WORKFLOW_KIND_LOOK[kind][0] if view.kind == "workflow" else kind
        rows.append(_swatch(theme.kind_fill[look_kind], theme.kind_line[look_kind], names[kind],
                            size, theme.text, bold=kind == "compound",
                            rounded=_rounded(kind, view.kind)))
    plain = theme.background if theme.background != "transparent" else "white"
    if any(n.emphasis for n in view.nodes) and view.kind == "mechanism":
        rows.append(_double_swatch(plain, theme.text, "Convergence point", size, theme.text))
    if any(n.highlight for n in view.nodes) and view.kind == "mechanism":
        rows.append(_swatch(plain, theme.text, "Highlighted", size, theme.text, bold=True,
                            border=3))
    for status in ("hedged", "hypothesised"):
        if any(n.status == status for n in view.nodes):
            rows.append(f'<TR><TD BORDER="1" FIXEDSIZE="TRUE" STYLE="{CERTAINTY_STYLES[status]}" '
                        f'COLOR="{theme.muted}" WIDTH="30" HEIGHT="16"> </TD>'
                        f'<TD ALIGN="LEFT"><FONT POINT-SIZE="{size:g}" COLOR="{theme.text}">'
                        f"Step {CERTAINTY_NAMES[status]}</FONT></TD></TR>")
    used = sorted({(e.sign, e.status) for e in view.edges
                   if not e.structural and not e.triggered_by_reduction},
                  key=lambda x: ("+-?".index(x[0]), _weaker(x[1])))
    if compact:  # each arrowhead once, in its most certain line
        used = [(sign, status) for sign, status in used
                if status == min((st for sg, st in used if sg == sign), key=_weaker)]
    for sign, status in used:
        text = "Next step" if view.kind == "workflow" else SIGN_NAMES[sign].capitalize()
        if status != "stated" and not compact:
            text += f" ({CERTAINTY_NAMES[status]})"
        colour = theme.muted if view.routes else theme.sign_colour[sign]
        rows.append(_line_entry(_LINE_GLYPHS[status][sign], name(text), size, colour, theme))
    reductions = sorted({e.status for e in view.edges if e.triggered_by_reduction},
                        key=_weaker)
    for status in reductions[:1] if compact else reductions:
        # "Upstream", not "in the source": beside "(hedged in the source)", the source is the
        # document.
        text = "Triggered by a reduction upstream" + (
            f" ({CERTAINTY_NAMES[status]})" if status != "stated" and not compact else "")
        colour = theme.muted if view.routes else theme.sign_colour["+"]
        rows.append(_line_entry(_LINE_GLYPHS[status]["+"][:-1] + "\u25b7", name(text), size,
                                colour, theme))
    # Only where a line could be told by its style: every line solid, "Stated" says nothing.
    if compact and (styles := _line_statuses(view)) and styles != ["stated"]:
        words = [name(CERTAINTY_NAMES[s].capitalize()) for s in styles]
        # A name wrapped onto more lines keeps its sample beside its first line: the samples'
        # column gets a blank line for each further line of the name.
        glyphs = "<BR/>".join(_STYLE_GLYPHS[s] + "<BR/>&#160;" * w.count("<BR/>")
                              for s, w in zip(styles, words, strict=True))
        rows.append(_line_entry(glyphs, "<BR/>".join(words), size, theme.text, theme))
    for relation, _, _, _, text in STRUCTURE:
        if any(e.relation == relation for e in view.edges):
            rows.append(_line_entry("\u2500\u2500\u2500\u2500", name(text), size, theme.muted,
                                    theme))
    routes = [*view.routes, ("", "Shared")] if view.routes else []
    for compound, label in routes:
        colour = route_colour.get(compound, theme.muted)
        rows.append(_line_entry("\u2501\u2501\u2501", name(label + " route"), size, colour,
                                theme))
    if any(e.borrowed for e in view.edges):
        rows.append(_line_entry("\u2501\u2501\u2501", name(BORROWED_NAME), size,
                                faded(theme.text), theme))
    return [r.removeprefix("<TR>").removesuffix("</TR>") for r in rows]


def legend_cells(view: View, preset: Preset, theme: Theme, wrap: int = 0,
                 compact: bool = False) -> list[str]:
    """The legend's entries as swatch-and-name cell pairs (see `_legend_cells`): what
    `legend_label` lays out in rows, built once where many shapes of one legend are tried."""
    return _legend_cells(view, preset, theme, wrap, compact)


def legend_entries(view: View, preset: Preset, theme: Theme, compact: bool = False) -> int:
    """How many entries the legend has: the most columns it can usefully be laid out in."""
    return max(1, len(_legend_cells(view, preset, theme, compact=compact)))


NOTE_WIDTH = 30  # characters a note wraps at per legend column (or, beside the legend, in all)


def legend_label(view: View, preset: Preset, theme: Theme, columns: int, wrap: int = 0,
                 compact: bool = False, notes_beside: bool = False,
                 cells: list[str] | None = None) -> str:
    """The legend as an HTML-like label, `columns` entries per row, notes below them (or, with
    `notes_beside`, in a column to their right, which makes a wide legend under a figure
    shorter); `wrap` > 0 wraps the long names of line entries, `compact` merges the certainty
    rows (see `_legend_cells`). `cells`: the `_legend_cells` for `wrap` and `compact`, where
    the caller tries many shapes of one legend and has them already."""
    size = preset.small_size
    if cells is None:
        cells = _legend_cells(view, preset, theme, wrap, compact)
    # Between one entry's name and the next entry's swatch, an empty column: the table's
    # spacing once more, 12 points in all. With only the spacing there, as much as between a
    # swatch and its own name, "Procedure" ran into the next swatch and seemed to name it; a
    # whole em more cost `nr2b-synaptic-plasticity` its 14 pt on the slide.
    apart = '<TD CELLPADDING="0"></TD>'
    grid = ["<TR>" + apart.join(cells[i:i + columns]) + "</TR>"
            for i in range(0, len(cells), columns)]
    span = 3 * min(columns, len(cells)) - 1 if cells else 2
    notes = []
    for note in view.notes:
        wrapped = "<BR/>".join(html_text(p) for p in _balanced(
            note, NOTE_WIDTH + 6 if notes_beside else NOTE_WIDTH * (span // 2)))
        notes.append(f'<TR><TD COLSPAN="{1 if notes_beside else span}" ALIGN="LEFT" '
                     f'BALIGN="LEFT"><FONT POINT-SIZE="{size:g}" '
                     f'COLOR="{theme.text}"><I>{wrapped}</I></FONT></TD></TR>')
    frame = f'BORDER="1" COLOR="{theme.cluster_line}" CELLBORDER="0" STYLE="rounded"'
    inner = 'CELLSPACING="4" CELLPADDING="2"'
    if notes_beside and notes and cells:
        return (f'<<TABLE {frame} CELLSPACING="0" CELLPADDING="0"><TR><TD VALIGN="TOP">'
                f'<TABLE BORDER="0" CELLBORDER="0" {inner}>{"".join(grid)}</TABLE></TD>'
                f'<TD VALIGN="TOP"><TABLE BORDER="0" CELLBORDER="0" {inner}>{"".join(notes)}'
                "</TABLE></TD></TR></TABLE>>")
    return f'<<TABLE {frame} {inner}>{"".join(grid + notes)}</TABLE>>'


# Points between a box's nodes and its border where edges from outside come in at their node's
# side ("tlw", "tle"): with the usual 8 an edge ran down the border line, its arrowhead askew.
SIDE_IN_MARGIN = 20


def build_dot(view: View, preset: Preset, theme: Theme, *, rankdir: str = "TB",
              transparent: bool = False, sizes: Mapping[str, tuple[float, float]] | None = None,
              narrow: int = 0, label_at: Mapping[int, str] | None = None,
              spacing: float = 1.0) -> str:
    """The DOT text for `view`, deterministic: same view, same bytes. The legend is not part of
    it: `layout` places `legend_label` after the layout, where it makes the figure largest.
    `sizes` fixes the size in points of some nodes (snug hexagons); `narrow` wraps details as
    narrow as their row's height allows (1 or True), or to their titles' width (2); `layout`
    tries the figure each way; `label_at` puts
    cluster i's label at another corner than the top left ("tr", "bl", "br"; "tl2" and so on
    wrap it too; "tlw" and "tle" keep it and bring edges from outside the box in on the west or
    east side of their node), where `layout` found an edge running through it. `spacing` scales the room
    between nodes and between ranks, round each node's text and between an edge and its label
    (under 1 for a denser drawing)."""
    if rankdir not in RANKDIRS:
        raise UsageError(f"{view.id}: rankdir {rankdir!r} is not one of {', '.join(RANKDIRS)}")
    names = node_names(view)
    bg = "transparent" if transparent else theme.background
    route_colour = route_colours(view, theme)
    graph_attrs = {
        "id": view.id, "rankdir": rankdir, "bgcolor": bg, "fontname": FONT,
        "fontsize": f"{preset.font_size:g}", "fontcolor": theme.text, "pad": f"{PAD / 72:g}",
        "nodesep": f"{0.28 * spacing:.3g}", "ranksep": f"{0.32 * spacing:.3g}",
        "newrank": "true", "compound": "true",
        "outputorder": "edgesfirst", "charset": "UTF-8",
    }
    lines = [f"digraph {dot_string(view.id)} {{",
             f"  graph [{_attrs(graph_attrs)}];",
             f'  node [fontname={dot_string(FONT)}, fontsize="{preset.font_size:g}"];',
             f'  edge [fontname={dot_string(FONT)}, arrowsize="{arrow_size(preset):.2g}"];']
    # Canonical order: nodes listed in rows first, in reading order (dot's initial ordering
    # follows the input), then the rest by id; clusters in the order of their first node.
    row_pos = {n: i for i, n in enumerate(x for row in view.same_rank for x in row)}
    order = sorted(view.nodes, key=lambda n: (row_pos.get(n.id, len(row_pos)), n.id))
    by_comp: dict[str, list[ViewNode]] = {}
    for node in order:
        by_comp.setdefault(node.compartment or node.group, []).append(node)
    comp_labels = dict(view.compartments)
    detail_widths = (_narrow_details(view, preset, theme, rankdir, int(narrow)) if narrow
                     else {})
    side_in: dict[str, str] = {}  # compartment -> the side edges from outside enter its nodes
    for i, key in enumerate(by_comp):
        indent = "  "
        if key:
            label = comp_labels.get(key, key)
            lines.append(f"  subgraph cluster_{i} {{")
            place = (label_at or {}).get(i, "tl")
            if place[:2] not in ("tl", "tr", "bl", "br") or place[2:] not in ("", "2", "w", "e"):
                raise UsageError(f"{view.id}: cluster label place {place!r} is not tl, tr, bl "
                                 "or br (optionally followed by 2, w or e)")
            if place[2:] in ("w", "e"):
                side_in[key] = place[2]
            # A long label may be wrapped ("...2"), so an edge can pass beside it; a box round
            # one node is wrapped to that node's title, so its label does not widen the box.
            br = f'<BR ALIGN="{"RIGHT" if place[1] == "r" else "LEFT"}"/>'
            parts: Iterable[str] = (label,)
            if place.endswith("2"):
                parts = _balanced(label, _detail_width(preset))
            elif len(by_comp[key]) == 1:
                parts = _balanced(label, max(_title_width(by_comp[key][0], preset), 10))
            parts = tuple(parts)
            title = (br.join(html_text(p) for p in parts) + br if len(parts) > 1
                     else html_text(label))
            lines.append(f'    id={dot_string(f"{view.id}-cluster-{i}")}; '
                         f"label=<<B>{title}</B>>; labelloc={place[0]}; labeljust={place[1]}; "
                         f'style="rounded,filled"; fillcolor={dot_string(theme.cluster_fill)}; '
                         f"color={dot_string(theme.cluster_line)}; "
                         f"fontcolor={dot_string(theme.text)}; "
                         f"margin={SIDE_IN_MARGIN if place[2:] in ('w', 'e') else 8};")
            indent = "    "
        for node in by_comp[key]:
            attrs = _node_attrs(node, view, preset, theme, (sizes or {}).get(node.id),
                                detail_widths.get(node.id), spacing)
            attrs["tooltip"] = node.tooltip or readable(node.label)
            lines.append(f"{indent}{names[node.id]} [{_node_attr_text(attrs)}];")
        if key:
            lines.append("  }")
    linked = {(e.source, e.target) for e in view.edges}
    firsts = list(view.align) or [g[0] for g in view.rows]
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
    backward = _backward_in_row(view)
    emphasised = {n.id for n in view.nodes if n.emphasis or n.highlight}  # a heavy border
    box = {n.id: n.compartment or n.group for n in view.nodes}
    for edge in sorted(view.edges, key=lambda e: (rank[e.source], rank[e.target])):
        # In TB a row's edge runs across, its label above it; in LR rows are columns.
        flat = any(edge.source in g and edge.target in g for g in view.same_rank)
        attrs = _edge_attrs(edge, view, preset, theme, route_colour, flat == (rankdir == "TB"),
                            edge.target in emphasised, spacing)
        attrs["tooltip"] = edge.tooltip
        if "label" in attrs:
            attrs["labeltooltip"] = edge.tooltip
        tail, head = edge.source, edge.target
        if (tail, head) in backward:
            # dot draws a flat edge tail-left: written head first, drawn back, the row keeps
            # its written order and the arrow still points at the target.
            tail, head = head, tail
            attrs.update(dir="back", arrowtail=attrs.pop("arrowhead"))
        if (side := side_in.get(box[edge.target])) and box[edge.source] != box[edge.target]:
            # Into the box from its side, below its label, rather than down through it.
            attrs["tailport" if tail == edge.target else "headport"] = side
        lines.append(f"  {names[tail]} -> {names[head]} [{_node_attr_text(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _backward_in_row(view: View) -> set[tuple[str, str]]:
    """Edges whose target is written left of their source in the same row."""
    where = {n: (r, i) for r, row in enumerate(view.rows) for i, n in enumerate(row)}
    return {(e.source, e.target) for e in view.edges
            if e.source in where and e.target in where
            and where[e.source][0] == where[e.target][0] and where[e.target][1] < where[e.source][1]}


def _node_attr_text(attrs: Mapping[str, str]) -> str:
    """Attributes with the tooltip escaped as an escString and the rest as plain strings."""
    return _attr_text(tuple(attrs.items()))


@functools.lru_cache(maxsize=16384)  # as `_quoted`: each node's and edge's in every candidate
def _attr_text(items: tuple[tuple[str, str], ...]) -> str:
    attrs = dict(items)
    rest = {k: v for k, v in attrs.items() if k not in ("tooltip", "labeltooltip")}
    text = _attrs(rest)
    for key in ("labeltooltip", "tooltip"):
        if key in attrs:
            text += f", {key}={tooltip(attrs[key])}"
    return text
