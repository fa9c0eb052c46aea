"""Mermaid flowchart for Markdown (GitHub, GitLab, MkDocs render it), in the figures' notation.

- Direction: top-down (`TB`) or left-right (`LR`), whichever draws narrower, as the figures
  choose the direction that fits their page: a chart is as wide as its longest chain in `LR` and
  as its widest rank in `TB` (ranks by longest path, feedback loops condensed), and Markdown
  columns are narrow. Ties go to `TB`.
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
NODE_WIDTH = 170.0  # pixels Mermaid gives a wrapped label, for choosing the direction


def escape(text: str) -> str:
    """Text for a quoted Mermaid label: markup characters as entity codes, one line."""
    return "".join(_ENTITIES.get(c, c) for c in " ".join(text.split()))


def _label(text: str) -> str:
    """A readable, wrapped, escaped label (lines joined with `<br>`)."""
    lines = textwrap.wrap(readable(text), WRAP, break_long_words=False,
                          break_on_hyphens=False) or [""]
    return "<br>".join(escape(line) for line in lines)


def node_ids(graph: nx.DiGraph) -> dict[str, str]:
    """Entity id -> safe, unique Mermaid node id, in sorted order."""
    out: dict[str, str] = {}
    unique = Unique()
    for node in sorted(graph.nodes):
        out[node] = unique("n_" + re.sub(r"[^A-Za-z0-9_]", "_", node))
    return out


def direction(graph: nx.DiGraph) -> str:
    """"TB" or "LR", whichever draws narrower: ranks by longest path over the graph with its
    feedback loops condensed (linear time); TB is as wide as the widest rank, LR as the number
    of ranks."""
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return "TB"
    cond = nx.condensation(graph)
    rank: dict[int, int] = {}
    for comp in nx.topological_sort(cond):
        rank[comp] = max((rank[p] + 1 for p in cond.predecessors(comp)), default=0)
    widths: dict[int, int] = {}
    for comp, r in rank.items():
        widths[r] = widths.get(r, 0) + len(cond.nodes[comp]["members"])
    return "LR" if max(widths.values()) > len(widths) else "TB"


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
