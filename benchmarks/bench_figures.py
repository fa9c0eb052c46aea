"""Benchmark: `pathways figures` as a user runs it, against the naive way of running Graphviz.

Every time is a whole process, started fresh, as a user would start it:

(A) `pathways figures --out DIR` into an empty folder: the whole catalog, SVG, PNG and PDF;
(B) naive: one `dot` run per figure and format, one after another, from a shell script (each
    figure's DOT, from `build_dot` with the direction the catalog chose, is written beforehand
    and not timed; PNG with the `-Gdpi` the catalog used);
(C) `pathways figures --out DIR` again into the folder (A) filled, nothing changed: the cache;
(D) the least work of other programs any build of these same figures does: per figure one
    `dot` layout (of the arrangement the catalog chose), one `neato -n2` run drawing SVG and
    PDF, and the PNG's pixels drawn from that PDF by poppler's `pdftocairo` as the build
    draws them (or, where poppler is not installed, one `neato -n2` run drawing the PNG),
    the drawings, legend placed, prepared beforehand and not timed; one figure per core at a
    time (`xargs -P`), and no Python: no layout search, no legend measured, no PNG encoded,
    nothing checked or recorded. B / D bounds what B / A can ever reach here.

Each run's processor time (user + system, its child processes included) is kept too, and the
ratio of B's to A's printed: on a machine busy with other work it moves far less than the wall
times, which count the time a run waited for a core.

An untimed build under `strace -f`, where strace is installed, counts the processes
`pathways figures` starts: the programs it runs, and the processes its layout servers fork, one
for each graph laid out. A and B alternate, round by round, so a
machine busy with something else slows both alike; each round gives a ratio, and the script
prints their min / median / max. Then the same for A against C. Run from the repository root:

    python benchmarks/bench_figures.py [--rounds 7] [--graphs graphs]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from pathways.dot import build_dot  # noqa: E402
from pathways.figures import _with_dpi  # noqa: E402
from pathways.layout import layout_view  # noqa: E402
from pathways.load import load_dataset  # noqa: E402
from pathways.merge import merge  # noqa: E402
from pathways.render import RASTERIZER, rasterizer_available  # noqa: E402
from pathways.style import PRESETS, THEMES  # noqa: E402
from pathways.views import figure_view  # noqa: E402

FORMATS = ("svg", "png", "pdf")


def pathways_command() -> list[str]:
    """The `pathways` program installed next to this Python, else the checkout's cli.py."""
    script = Path(sys.executable).parent / "pathways"
    return [str(script)] if script.exists() else [sys.executable, str(REPO / "cli.py")]


CPU: dict[str, list[float]] = {}  # processor seconds (user + system) of each run, by approach


def timed(cmd: list[str], cwd: Path | None = None, approach: str = "",
          env: dict[str, str] | None = None) -> float:
    """Wall time of one process, start to exit (its processor time, with its children's, is
    kept in CPU[approach]); a failure stops the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{shlex.join(cmd)} failed:\n{proc.stdout}{proc.stderr}")
    CPU.setdefault(approach, []).append(after.ru_utime - before.ru_utime
                                        + after.ru_stime - before.ru_stime)
    return elapsed


def count_processes(cmd: list[str], folder: Path) -> dict[str, int] | None:
    """Run `cmd` once under `strace -f` and count the processes it started: each program it
    ran by name, each layout server, and the processes the servers forked to lay out one graph
    each (`pathways.gvserver`); None where strace is not installed."""
    if shutil.which("strace") is None:
        return None
    log = folder / "trace"
    subprocess.run(["strace", "-f", "-qq", "-s", "512", "-e", "trace=execve,clone,clone3,fork,vfork",
                    "-e", "signal=none", "-o", str(log), *cmd], check=True, capture_output=True)
    calls, unfinished = [], {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        pid, _, rest = line.partition(" ")
        rest = rest.strip()
        if rest.endswith("<unfinished ...>"):
            unfinished[pid] = rest.removesuffix("<unfinished ...>")
        elif rest.startswith("<..."):
            calls.append((pid, unfinished.pop(pid, "") + rest.split("resumed>", 1)[-1]))
        else:
            calls.append((pid, rest))
    counts: dict[str, int] = {}
    servers, forked = set(), {}
    for pid, call in calls:
        name, result = call.split("(", 1)[0], call.rsplit("=", 1)[-1].split()[0]
        if name == "execve" and result == "0":
            program = Path(call.split('"', 2)[1]).name
            if "gvserver.py" in call:
                servers.add(pid)
                program = "layout server"
            counts[program] = counts.get(program, 0) + 1
            forked.pop(pid, None)  # a program, not a layout in a forked child
        elif name in ("clone", "clone3", "fork", "vfork") and result.isdigit() \
                and "CLONE_THREAD" not in call:
            forked[result] = pid
    counts["graphs laid out in forked children"] = sum(
        1 for parent in forked.values() if parent in servers)
    return counts


def naive_script(graphs: Path, manifest: dict, folder: Path) -> Path:
    """Write every figure's DOT into `folder` and a shell script running `dot` once per figure
    and format; returns the script."""
    dataset = load_dataset(graphs)
    graph = merge(dataset)
    preset, theme = PRESETS["slide"], THEMES["light"]
    lines = ["set -e"]
    for entry in manifest["figures"]:
        spec = dataset.figures[entry["id"]]
        view = figure_view(dataset, graph, spec)
        source = folder / f"{spec.id}.dot"
        source.write_text(build_dot(view, preset, theme, rankdir=entry["rankdir"]),
                          encoding="utf-8")
        dpi = max(math.ceil(preset.min_png_width / (entry["width_pt"] / 72)), 96)
        for fmt in FORMATS:
            extra = f"-Gdpi={dpi} " if fmt == "png" else ""
            lines.append(f"dot {extra}-T{fmt} {shlex.quote(source.name)} "
                         f"-o {shlex.quote(f'{spec.id}.{fmt}')}")
    script = folder / "naive.sh"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return script


def least_script(graphs: Path, manifest: dict, folder: Path) -> Path:
    """Write, for every figure, the DOT the catalog laid out last, its drawing (legend placed)
    and the same with the PNG's dpi into `folder`, and a shell script drawing them all with
    the least Graphviz work (see (D) in the module docstring); returns the script."""
    dataset = load_dataset(graphs)
    graph = merge(dataset)
    preset, theme = PRESETS["slide"], THEMES["light"]
    ids = []
    for entry in manifest["figures"]:
        spec = dataset.figures[entry["id"]]
        laid = layout_view(figure_view(dataset, graph, spec), preset, theme)
        dpi = max(math.ceil(preset.min_png_width / (entry["width_pt"] / 72)), 96)
        for suffix, text in ((".dot", laid.dot), (".pos.gv", laid.positioned),
                             (".png.gv", _with_dpi(laid.positioned, dpi))):
            (folder / f"{spec.id}{suffix}").write_text(text, encoding="utf-8")
        ids.append(f"{spec.id} {dpi}")
    (folder / "ids").write_text("".join(f"{i}\n" for i in ids), encoding="utf-8")
    png = (f'{RASTERIZER} -r "$2" -tiff -tiffcompression none -singlefile "$1.pdf" "$1.page"'
           if rasterizer_available() else 'neato -n2 -Tpng -o "$1.png" "$1.png.gv"')
    one = folder / "one.sh"
    one.write_text('set -e\ndot -Tdot -o "$1.laid" "$1.dot"\n'
                   'neato -n2 -Tsvg -o "$1.svg" -Tpdf -o "$1.pdf" "$1.pos.gv"\n'
                   f"{png}\n", encoding="utf-8")
    script = folder / "least.sh"
    script.write_text(f"xargs -P {os.cpu_count() or 1} -n 2 sh one.sh < ids\n", encoding="utf-8")
    return script


def summary(name: str, ratios: list[float]) -> str:
    return (f"{name}: min {min(ratios):.2f}x, median {statistics.median(ratios):.2f}x, "
            f"max {max(ratios):.2f}x over {len(ratios)} rounds")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graphs", type=Path, default=REPO / "graphs")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    # Every run as an installed package runs: Python keeps the bytecode it compiles (a
    # machine that sets PYTHONDONTWRITEBYTECODE would compile `pathways` from source in
    # every process, and in every worker of a build, but not networkx, installed compiled).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    if shutil.which("dot") is None:
        sys.exit("Graphviz `dot` not found on PATH (Debian/Ubuntu: apt-get install graphviz)")
    cli = [*pathways_command(), "--graphs", str(args.graphs.resolve()), "figures"]
    work = Path(tempfile.mkdtemp(prefix="bench-figures-"))
    try:
        first = work / "first"
        # Untimed: warms the disk cache and gives the manifest; then, untimed too, a build
        # under strace counts the processes one starts.
        timed([*cli, "--out", str(first)])
        runs = count_processes([*cli, "--out", str(work / "counted")], work)
        manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
        naive = work / "naive"
        naive.mkdir()
        script = naive_script(args.graphs, manifest, naive)
        processes = sum(1 for line in script.read_text().splitlines() if line.startswith("dot "))
        fewest = work / "least"
        fewest.mkdir()
        least = least_script(args.graphs, manifest, fewest)

        full, plain, again, floor = [], [], [], []
        for i in range(args.rounds):
            out = work / f"out-{i}"
            a = timed([*cli, "--out", str(out)], approach="A")
            b = timed(["sh", script.name], cwd=naive, approach="B")
            c = timed([*cli, "--out", str(out)], approach="C")
            d = timed(["sh", least.name], cwd=fewest, approach="D")
            full.append(a)
            plain.append(b)
            again.append(c)
            floor.append(d)
            print(f"round {i + 1}: (A) pathways figures {a:.2f} s   (B) naive {b:.2f} s   "
                  f"(C) nothing changed {c:.2f} s   (D) least work {d:.2f} s", flush=True)
            shutil.rmtree(out)

        version = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
        print()
        poppler = (subprocess.run([RASTERIZER, "-v"], capture_output=True, text=True)
                   .stderr.splitlines()[0] if rasterizer_available() else "no pdftocairo")
        started = ("not counted (strace not installed)" if runs is None else
                   ", ".join(f"{n} {name}" for name, n in sorted(runs.items())))
        print(f"{version}; {poppler}; {os.cpu_count()} CPUs; {len(manifest['figures'])} "
              f"figures x {len(FORMATS)} formats")
        print(f"processes started: pathways figures: {started}; naive: {processes} dot")
        for name, label, times in (("A", "pathways figures, clean build", full),
                                   ("B", "naive dot runs", plain),
                                   ("C", "rebuild, nothing changed", again),
                                   ("D", "least work, no Python", floor)):
            print(f"({name}) {label + ':':<33} median {statistics.median(times):.2f} s wall, "
                  f"{statistics.median(CPU[name]):.2f} s processor")
        print(summary("speed-up of A over naive B (B / A)", [b / a for a, b in
                                                             zip(full, plain, strict=True)]))
        print(summary("naive B against the least work D (B / D), the most B / A can be",
                      [b / d for d, b in zip(floor, plain, strict=True)]))
        print(summary("no-change rebuild against full build (C / A)",
                      [c / a for a, c in zip(full, again, strict=True)]))
        # Processor time moves far less than wall time on a machine busy with other work:
        # the wall times above are only as fair as the machine was idle.
        print(summary("processor time of naive B against A (B / A)",
                      [b / a for a, b in zip(CPU["A"], CPU["B"], strict=True)]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
