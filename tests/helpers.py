"""Small helpers the test files share (imported as `helpers`: pytest puts tests/ on the path)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# A graph with named clusters: Graphviz keeps them in the order of their names' addresses in
# memory (cgraph's default ID map), so a process whose memory was used before (a graph laid out
# before it, or the layout server's own) can write them in another order than `dot` alone.
CLUSTERED = """digraph g {
  node [shape=box, fontname="Liberation Sans"];
  subgraph cluster_0 { label=<<B>Alpha</B>>; a; b; }
  subgraph cluster_1 { label="Beta"; c; d; }
  subgraph cluster_2 { label="Gamma"; e; f; }
  subgraph cluster_3 { label="Delta"; g; h; }
  a -> c -> e -> g; b -> d -> f -> h; a -> h;
}
"""


def copies(text: str, count: int, formats: tuple[str, ...] = ("dot",)
           ) -> list[tuple[str, tuple[str, ...]]]:
    """`count` `run_each` jobs of the graph `text`, each its own text (a comment apart, laid out
    the same): a job given twice in one call is laid out once, and one laid out before is
    remembered, so a test that wants `count` layouts gives `count` texts."""
    return [(f"/* copy {i} */ {text}", formats) for i in range(count)]


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in `path` by `new` (which must be there: no silent no-op)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def note_programs(monkeypatch: Any) -> list[list[str]]:
    """From now on (in this test), every program `pathways.render` starts is noted, its command
    line appended to the list returned, and started as before."""
    import subprocess

    import pathways.render as render

    started: list[list[str]] = []
    real = subprocess.Popen

    def noting(cmd: list[str], *args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        started.append(list(cmd))
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(render.subprocess, "Popen", noting)
    return started


def _polygon(points: str) -> list[tuple[float, float]]:
    import re

    return [(float(x), float(y)) for x, y in re.findall(r"([-\d.]+),([-\d.]+)", points)]


def _apart(one: list[tuple[float, float]], two: list[tuple[float, float]]) -> float:
    """How far apart two arrowheads' boxes are (0 where they touch or overlap)."""
    import math

    dx = max(min(x for x, _ in two) - max(x for x, _ in one),
             min(x for x, _ in one) - max(x for x, _ in two), 0.0)
    dy = max(min(y for _, y in two) - max(y for _, y in one),
             min(y for _, y in one) - max(y for _, y in two), 0.0)
    return math.hypot(dx, dy)


def touching_heads(folder: Path) -> list[str]:
    """The pairs of arrowheads into one node that touch (less than 1 pt apart) in the figures'
    SVG files in `folder`, each as "figure: edge and edge into node": read as one arrow."""
    import itertools
    import xml.etree.ElementTree as ET

    svg_ns = "{http://www.w3.org/2000/svg}"
    out = []
    for svg in sorted(folder.glob("*.svg")):
        heads: dict[str, list[tuple[str, list[tuple[float, float]]]]] = {}
        for group in ET.parse(svg).getroot().iter(f"{svg_ns}g"):
            edge_id = group.get("id") or ""
            if group.get("class") != "edge" or "-edge-" not in edge_id:
                continue
            arrows = list(group.iter(f"{svg_ns}polygon"))
            if arrows:  # the last polygon an edge draws is its arrowhead
                heads.setdefault(edge_id.rsplit("-", 1)[-1], []).append(
                    (edge_id, _polygon(arrows[-1].get("points", ""))))
        for node, ends in heads.items():
            for (a, pa), (b, pb) in itertools.combinations(ends, 2):
                if _apart(pa, pb) < 1.0:
                    out.append(f"{svg.stem}: {a} and {b} into {node}")
    return out
