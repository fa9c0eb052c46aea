"""The one module that starts processes: Graphviz, through the `graphviz` package, with a timeout."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import GraphvizNotFound, RenderError

__all__ = ["TIMEOUT", "dot_available", "layout_many", "layout_positions", "rerender", "run_graphviz"]

TIMEOUT = 120  # seconds for one Graphviz run; a figure that takes longer is a bug to report


def dot_available() -> bool:
    """True when the Graphviz `dot` program is on PATH."""
    return shutil.which("dot") is not None


def run_graphviz(source: str, outputs: dict[str, Path] | None = None, engine: str = "dot",
                 fmt: str = "svg", label: str = "figure", args: tuple[str, ...] = ()) -> bytes:
    """Run Graphviz once on DOT `source`.

    With `outputs` (format -> path), write every format from one layout (`-Tfmt -ofile` pairs) and
    return b""; otherwise return the `fmt` output as bytes.
    """
    from graphviz.backend.execute import CalledProcessError, ExecutableNotFound, run_check

    if not dot_available():
        raise GraphvizNotFound()
    cmd = [engine, *args]
    if outputs:
        for f, path in outputs.items():
            cmd += [f"-T{f}", f"-o{path}"]
    else:
        cmd.append(f"-T{fmt}")
    try:
        proc = run_check(cmd, input=source.encode("utf-8"), capture_output=True,
                         timeout=TIMEOUT, quiet=True)
    except ExecutableNotFound as exc:
        raise GraphvizNotFound() from exc
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"{label}: Graphviz took longer than {TIMEOUT} s") from exc
    except CalledProcessError as exc:
        msg = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"{label}: Graphviz failed: {msg[-1] if msg else exc.returncode}") \
            from exc
    return b"" if outputs else proc.stdout


def layout_positions(source: str, label: str = "layout") -> dict[str, tuple[float, float, float,
                                                                              float]]:
    """Node centre and size in points, y pointing down, keyed by DOT node name: (x, y, w, h)."""
    data = json.loads(run_graphviz(source, fmt="json", label=label))
    height = float(data["bb"].split(",")[3])
    out = {}
    for obj in data.get("objects", []):
        if "pos" not in obj or "nodes" in obj:
            continue
        x, y = (float(v) for v in obj["pos"].split(","))
        out[obj["name"]] = (x, height - y, float(obj["width"]) * 72, float(obj["height"]) * 72)
    return out


def layout_many(sources: list[str], label: str = "figure") -> list[dict[str, bytes]]:
    """Lay several DOT graphs out in one `dot` run (`-O` names each one's files), returning each
    as positioned DOT and JSON, in order: one process for all the candidates of a figure."""
    with tempfile.TemporaryDirectory(prefix="pathways-layout-") as tmp:
        path = Path(tmp) / "layout.gv"
        path.write_text("\n".join(sources), encoding="utf-8")
        try:
            run_graphviz("", fmt="json", label=label, args=("-Tdot", "-O", str(path)))
        except RenderError:
            if len(sources) == 1:
                raise
            # Some Graphviz releases crash on a later graph of a multi-graph file (state left
            # over from the one before): lay each candidate out in a process of its own.
            return [layout_many([one], label)[0] for one in sources]
        names = ["layout.gv"] + [f"layout.gv.{i}" for i in range(2, len(sources) + 1)]
        return [{f: (Path(tmp) / f"{name}.{f}").read_bytes() for f in ("dot", "json")}
                for name in names]


def rerender(positioned: str, outputs: dict[str, Path], label: str = "figure") -> None:
    """Draw an already laid-out graph (DOT with positions) again, without a new layout."""
    run_graphviz(positioned, outputs, engine="neato", label=label, args=("-n2",))
