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
