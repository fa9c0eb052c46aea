"""Mermaid flowchart for Markdown (GitHub, GitLab, MkDocs render it), in the figures' notation.

- Direction: top-down (`TB`) or left-right (`LR`), whichever draws narrower, as the figures
  choose the direction that fits their page: a chart is as wide as its ranks end to end in `LR`
  and as its widest rank in `TB` (ranks by longest path, feedback loops condensed; widths from
  the labels, long links' bends and labels counted: `direction`), and Markdown columns are
  narrow. Ties go to `TB`.
- Labels are as a person reads them (Ca²⁺), wrapped at `WRAP` characters with `<br>`, and
  quoted with Mermaid's entity codes for the characters that would end or mark them up
  (`#quot;`, `#lt;`, `#gt;`, `#amp;`, `#35;`, `#96;`, `#124;`, `#37;`: "%%" starts a
  comment), so any label is safe to paste.
- Nodes are styled by kind with `classDef` (the figures' fill and border colours) and shaped by
  kind: compounds and receptors rounded boxes, neurotransmitters and ions stadiums, processes
  boxes, phenotypes hexagons; research tools have a dashed border.
- Edges by sign: `-->` positive (an arrow), `--x` negative (Mermaid has no T-bar; the cross is
  its nearest, and the line is vermillion, as negative links are in the figures), `--o`
  unknown (Mermaid's circle end, which it draws filled). By certainty, as the figures draw
  it: solid for stated, dotted for hedged and dashed for hypothesised; dotted and dashed
  links are written `-.->` (`-.-x`, `-.-o`) and told apart by a `linkStyle` dash pattern.

Node ids are `n_` plus the entity id with characters other than letters, digits and "_"
replaced (the prefix keeps clear of Mermaid keywords such as `end`).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..labels import Unique, readable
from ..style import LIGHT, look_kind
from ._common import sorted_edges, sorted_nodes

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ARROWS", "DASHES", "SHAPES", "WRAP", "direction", "escape", "export", "node_ids"]

WRAP = 20  # characters per label line
# (sign, solid line?) -> arrow token
ARROWS: Mapping[tuple[str, bool], str] = MappingProxyType({
    ("+", True): "-->", ("-", True): "--x", ("?", True): "--o",
    ("+", False): "-.->", ("-", False): "-.-x", ("?", False): "-.-o",
})
# Certainty -> `stroke-dasharray` of its links (stated links are solid: no pattern).
DASHES: Mapping[str, str] = MappingProxyType({"hedged": "2 4", "hypothesised": "8 5"})
# Kind -> (opening, closing) of the Mermaid node shape.
SHAPES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "compound": ("(", ")"), "receptor": ("(", ")"), "protein": ("(", ")"),
    "neurotransmitter": ("([", "])"), "ion": ("([", "])"), "chemical": ("([", "])"),
    "process": ("[", "]"), "phenotype": ("{{", "}}"),
})
# `%` too: "%%" starts a Mermaid comment or directive even inside a quoted label, and cut
# "end;%%{init}%%" short at "end;".
_ENTITIES = {"#": "#35;", "&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;",
             "|": "#124;", "%": "#37;"}
# What Mermaid's layout gives things, in pixels, as `direction` estimates a chart's width: a
# character of a label (16 px sans-serif), a node's padding round its label and a link label's,
# a long link's bend through a rank it passes, and the spacing between nodes and between ranks.
CHAR, NODE_PAD, LINK_PAD, BEND, SPACING = 8.0, 30.0, 10.0, 10.0, 50.0


def escape(text: str) -> str:
    """Text for a quoted Mermaid label: markup characters as entity codes, one line."""
    return "".join(_ENTITIES.get(c, c) for c in " ".join(text.split()))


def _lines(text: str) -> list[str]:
    """`text` as a person reads it, wrapped at WRAP characters: a label's lines."""
    return textwrap.wrap(readable(text), WRAP, break_long_words=False,
                         break_on_hyphens=False) or [""]


def _label(text: str) -> str:
    """A readable, wrapped, escaped label (lines joined with `<br>`)."""
    return "<br>".join(escape(line) for line in _lines(text))


def node_ids(graph: nx.DiGraph) -> dict[str, str]:
    """Entity id -> safe, unique Mermaid node id, in sorted order."""
    out: dict[str, str] = {}
    unique = Unique()
    for node in sorted(graph.nodes):
        out[node] = unique("n_" + re.sub(r"[^A-Za-z0-9_]", "_", node))
    return out


def _text_width(text: str) -> float:
    """Pixels the widest line of `text`, wrapped as `_label` wraps it, takes in Mermaid."""
    return max(map(len, _lines(text))) * CHAR


def direction(graph: nx.DiGraph) -> str:
    """"TB" or "LR", whichever draws narrower, estimated in linear time on ranks by longest
    path over the graph with its feedback loops condensed: TB is as wide as its widest rank
    (its nodes side by side, with a bend of every link passing through that rank, and the
    label of a long link at its middle rank), LR as its ranks' widest nodes (or link labels)
    end to end. Counting nodes alone against ranks, the all-compounds chart went down the page
    4,029 px wide, where across it draws 3,424 px."""
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return "TB"
    cond = nx.condensation(graph)
    member = cond.graph["mapping"]
    rank: dict[int, int] = {}
    for comp in nx.topological_sort(cond):
        rank[comp] = max((rank[p] + 1 for p in cond.predecessors(comp)), default=0)
    ranks = max(rank.values()) + 1
    across, along, count = [0.0] * ranks, [0.0] * ranks, [0] * ranks
    for n, d in graph.nodes(data=True):
        r, w = rank[member[n]], _text_width(d.get("markup", str(n))) + NODE_PAD
        across[r] += w
        along[r] = max(along[r], w)
        count[r] += 1
    passing = [0] * (ranks + 1)  # links passing each rank, counted from where they start
    for u, v, d in graph.edges(data=True):
        lo, hi = sorted((rank[member[u]], rank[member[v]]))
        if hi - lo > 1:
            passing[lo + 1] += 1
            passing[hi] -= 1
            if d.get("label"):  # its label in place of its bend at the middle rank
                mid, w = (lo + hi) // 2, _text_width(d["label"]) + LINK_PAD
                across[mid] += w - BEND
                along[mid] = max(along[mid], w)
    running = 0
    for r in range(ranks):
        running += passing[r]
        across[r] += running * BEND
        count[r] += running
    down = max(a + SPACING * (c - 1) for a, c in zip(across, count, strict=True))
    return "LR" if sum(along) + SPACING * (ranks - 1) < down else "TB"


def _classes(graph: nx.DiGraph) -> dict[str, str]:
    """Node -> its class: the kind it is drawn as (`style.look_kind`: "tool" for a research
    tool, "chemical" for a map's small molecule)."""
    return {n: look_kind(d["kind"], d.get("role")) for n, d in sorted_nodes(graph)}


def _class_def(name: str) -> str:
    fill = LIGHT.kind_fill.get(name, "#FFFFFF")
    line = LIGHT.kind_line.get(name, "#6B6B6B")
    width = "2px" if name in ("compound", "phenotype", "tool") else "1.4px"
    dash = ",stroke-dasharray:5 3" if name == "tool" else ""
    return f"  classDef {name} fill:{fill},stroke:{line},stroke-width:{width},color:{LIGHT.text}{dash}"


def _link_styles(edges: list[tuple[str, str, Mapping[str, Any]]]) -> list[str]:
    """`linkStyle` lines: vermillion for negative links, dash patterns by certainty."""
    groups: dict[str, list[int]] = {}
    for i, (_, _, d) in enumerate(edges):
        parts = []
        if d["sign"] == "-":
            parts.append(f"stroke:{LIGHT.sign_colour['-']}")
        if d["status"] in DASHES:
            parts.append(f"stroke-dasharray:{DASHES[d['status']]}")
        if parts:
            groups.setdefault(",".join(parts), []).append(i)
    return [f"  linkStyle {','.join(map(str, ids))} {style}"
            for style, ids in sorted(groups.items(), key=lambda kv: kv[1][0])]


def export(graph: nx.DiGraph) -> str:
    """Mermaid text: the direction, one line per node, one per edge (sorted), then the classes
    and link styles."""
    ids = node_ids(graph)
    classes = _classes(graph)
    lines = ["flowchart " + direction(graph)]
    for n, d in sorted_nodes(graph):
        opening, closing = SHAPES.get(look_kind(d["kind"], d.get("role")), ("[", "]"))
        lines.append(f'  {ids[n]}{opening}"{_label(d["markup"])}"{closing}')
    edges = list(sorted_edges(graph))
    for u, v, d in edges:
        arrow = ARROWS[d["sign"], d["status"] == "stated"]
        label = f'|"{_label(d["label"])}"|' if d["label"] else ""
        lines.append(f"  {ids[u]} {arrow}{label} {ids[v]}")
    for name in sorted(set(classes.values())):
        lines.append(_class_def(name))
        members = ",".join(ids[n] for n, c in classes.items() if c == name)
        lines.append(f"  class {members} {name}")
    lines.extend(_link_styles(edges))
    return "\n".join(lines) + "\n"
