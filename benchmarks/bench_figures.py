"""Benchmark: the figure catalog build against the naive way of running Graphviz.

(a) `build_catalog` for the whole catalog (svg, png, pdf), best of N;
(b) naive: for each figure and each format, write the figure's DOT (`build_dot`, with the rankdir
    the catalog chose, read from its manifest) to a file and run `dot -T<fmt>` on it, one process
    per file, sequentially (PNG with the -Gdpi the catalog used).

Prints both times, the ratio, how many Graphviz processes each way started, and a per-figure
table of sizes. Run from the repository root:

    python benchmarks/bench_figures.py [--repeat 3] [--graphs graphs]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import graphviz.backend.execute as gv_execute  # noqa: E402

from pathways.dot import build_dot  # noqa: E402
from pathways.figures import BuildOptions, build_catalog  # noqa: E402
from pathways.load import load_dataset  # noqa: E402
from pathways.merge import merge  # noqa: E402
from pathways.style import PRESETS, THEMES  # noqa: E402
from pathways.views import figure_view  # noqa: E402

FORMATS = ("svg", "png", "pdf")


@contextmanager
def counting_graphviz() -> Iterator[list[int]]:
    """Count the Graphviz processes `pathways.render` starts (it calls graphviz's run_check)."""
    real = gv_execute.run_check
    count, lock = [0], threading.Lock()

    def run_check(*args: Any, **kwargs: Any) -> Any:
        with lock:
            count[0] += 1
        return real(*args, **kwargs)

    gv_execute.run_check = run_check
    try:
        yield count
    finally:
        gv_execute.run_check = real


def best_of(repeat: int, run: Callable[[Path], int]) -> tuple[float, int, Path]:
    """Best wall time of `repeat` runs, each into a fresh folder; the processes and folder of the
    last run."""
    best, processes, folder = math.inf, 0, Path()
    for _ in range(repeat):
        if folder != Path():
            shutil.rmtree(folder, ignore_errors=True)
        folder = Path(tempfile.mkdtemp(prefix="bench-"))
        start = time.perf_counter()
        processes = run(folder)
        best = min(best, time.perf_counter() - start)
    return best, processes, folder


def png_width(path: Path) -> int:
    return struct.unpack(">I", path.read_bytes()[16:20])[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graphs", type=Path, default=REPO / "graphs")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("dot") is None:
        sys.exit("Graphviz `dot` not found on PATH (Debian/Ubuntu: apt-get install graphviz)")

    dataset = load_dataset(args.graphs)
    options = BuildOptions(formats=FORMATS)
    preset, theme = PRESETS[options.preset], THEMES[options.theme]

    def catalog(out: Path) -> int:
        with counting_graphviz() as count:
            build_catalog(dataset, out, options)
        return count[0]

    cat_time, cat_procs, cat_dir = best_of(args.repeat, catalog)
    manifest = json.loads((cat_dir / "manifest.json").read_text(encoding="utf-8"))
    entries = {f["id"]: f for f in manifest["figures"]}

    def dpi_for(entry: dict[str, Any]) -> int:
        # as figures.render_view: PNG at least min_png_width wide, never below 96 dpi
        width_in = entry["width_pt"] / 72
        return options.dpi or max(preset.dpi if preset.name == "paper" else 0,
                                  math.ceil(preset.min_png_width / width_in) if width_in else 96,
                                  96)

    def naive(out: Path) -> int:
        graph = merge(dataset)
        procs = 0
        for spec in dataset.figures.values():
            view = figure_view(dataset, graph, spec)
            source = out / f"{spec.id}.dot"
            source.write_text(build_dot(view, preset, theme, rankdir=entries[spec.id]["rankdir"]),
                              encoding="utf-8")
            for fmt in FORMATS:
                cmd = ["dot", f"-T{fmt}", str(source), "-o", str(out / f"{spec.id}.{fmt}")]
                if fmt == "png":
                    cmd.insert(1, f"-Gdpi={dpi_for(entries[spec.id])}")
                subprocess.run(cmd, check=True, capture_output=True, timeout=120)
                procs += 1
        return procs

    naive_time, naive_procs, naive_dir = best_of(args.repeat, naive)

    version = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
    print(f"{version}; {os.cpu_count()} CPUs; {len(entries)} figures x {len(FORMATS)} formats; "
          f"best of {args.repeat}")
    print()
    print(f"{'approach':<34} {'time (s)':>9} {'Graphviz processes':>19}")
    print(f"{'(a) build_catalog':<34} {cat_time:>9.2f} {cat_procs:>19}")
    print(f"{'(b) naive: dot -T<fmt> per file':<34} {naive_time:>9.2f} {naive_procs:>19}")
    print(f"ratio naive / catalog: {naive_time / cat_time:.2f}x")
    print()
    head = (f"{'figure':<32} {'dir':>3} {'size (pt)':>11} {'dpi':>4} {'PNG px a/b':>11} "
            f"{'SVG KB a/b':>11} {'PNG KB a/b':>11} {'PDF KB a/b':>11}")
    print(head)
    print("-" * len(head))
    for fig_id, entry in entries.items():
        kb = {f: f"{(cat_dir / f'{fig_id}.{f}').stat().st_size / 1024:.0f}/"
                 f"{(naive_dir / f'{fig_id}.{f}').stat().st_size / 1024:.0f}" for f in FORMATS}
        px = f"{png_width(cat_dir / f'{fig_id}.png')}/{png_width(naive_dir / f'{fig_id}.png')}"
        size = f"{entry['width_pt']:.0f}x{entry['height_pt']:.0f}"
        print(f"{fig_id:<32} {entry['rankdir']:>3} {size:>11} {dpi_for(entry):>4} {px:>11} "
              f"{kb['svg']:>11} {kb['png']:>11} {kb['pdf']:>11}")
    print()
    print("(a) lays out every candidate of a figure (direction, details as written or narrowed) "
          "with its legend measurement in one dot run, re-lays compartments whose label an edge "
          "crosses, then draws SVG+PDF from one positioned graph and PNG from it again; SVGs are "
          "post-processed (fix_svg). (b) lays out again for every file and writes raw Graphviz "
          "SVG.")
    for folder in {cat_dir, naive_dir}:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
