"""Benchmark: how long `pathways` takes to start, against the bare imports it cannot avoid.

Every time is a whole process, started fresh, as a user would start it, on the shipped data:

    (A) the `pathways` command                (B) the bare import it is measured against
    pathways --help                           python -c "import click"
    pathways converge mTOR --json             python -c "import networkx"
    pathways list                             python -c "import networkx"
    pathways check                            python -c "import networkx"

`converge` is timed twice: as a user runs it again on unchanged data (the merged graph is then
loaded from the cache, `pathways.cache`) and with the cache off (`PATHWAYS_CACHE=off`: read,
check and merge the TOML every time). A and B alternate, round by round and in turn which goes
first, so a machine busy with something else slows both alike; each round gives a ratio A / B,
and the script prints their min / median / max with the median wall times, then the median
ratio of processor times (user + system), which a machine busy with other work disturbs less.

The processes run with bytecode caching on (`PYTHONDONTWRITEBYTECODE` removed), as an installed
package runs, and with a cache folder of their own (a temporary folder, removed afterwards), so
the user's cache is neither read nor written. Run from anywhere:

    python benchmarks/bench_startup.py [--rounds 21]
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Case:
    """One comparison: the command (A), the bare import (B), the ratio aimed at, and the
    environment A runs in beyond the common one."""

    name: str
    command: tuple[str, ...]
    baseline: str
    target: float | None
    env: tuple[tuple[str, str], ...] = ()


CASES = (
    Case("pathways --help", ("--help",), "click", 1.5),
    Case("pathways converge mTOR --json", ("converge", "mTOR", "--json"), "networkx", 1.3),
    Case("  the same, cache off", ("converge", "mTOR", "--json"), "networkx", None,
         (("PATHWAYS_CACHE", "off"),)),
    Case("pathways list", ("list",), "networkx", None),
    Case("pathways check", ("check",), "networkx", None),
)


def pathways_command() -> list[str]:
    """The `pathways` program installed next to this Python, else the checkout's cli.py."""
    script = Path(sys.executable).parent / "pathways"
    return [str(script)] if script.exists() else [sys.executable, str(REPO / "cli.py")]


def base_env(cache: Path) -> dict[str, str]:
    """The environment of every run: bytecode cached, a private cache folder, the shipped data
    found as ./graphs (no $PATHWAYS_GRAPHS)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "PATHWAYS_GRAPHS", "PATHWAYS_CACHE")}
    env["PATHWAYS_CACHE_DIR"] = str(cache)
    return env


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall time, processor time: user + system) of one process, start to exit; a failure
    stops the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:  # check exits 1 on errors
        sys.exit(f"{shlex.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu


Times = list[tuple[float, float]]  # (wall, processor) seconds of each run


def measure(case: Case, rounds: int, env: dict[str, str]) -> tuple[Times, Times]:
    """(A times, B times), alternating which runs first; two untimed warm-up runs of each
    first (they write the bytecode and, for A, the cache)."""
    a_cmd = [*pathways_command(), *case.command]
    b_cmd = [sys.executable, "-c", f"import {case.baseline}"]
    a_env = {**env, **dict(case.env)}
    for _ in range(2):
        timed(a_cmd, a_env)
        timed(b_cmd, env)
    a_times, b_times = [], []
    for i in range(rounds):
        if i % 2:
            b_times.append(timed(b_cmd, env))
            a_times.append(timed(a_cmd, a_env))
        else:
            a_times.append(timed(a_cmd, a_env))
            b_times.append(timed(b_cmd, env))
    return a_times, b_times


def report(case: Case, a: Times, b: Times) -> str:
    """Two lines: median wall times and the wall-time ratios A / B (min, median, max); then
    the median processor-time ratio, which a busy machine disturbs less."""
    ratios = [x / y for (x, _), (y, _) in zip(a, b, strict=True)]
    cpu = [x / y for (_, x), (_, y) in zip(a, b, strict=True) if y > 0]
    target = f"target {case.target}x" if case.target else "no target"
    wall_a, wall_b = statistics.median(t for t, _ in a), statistics.median(t for t, _ in b)
    cpu_a, cpu_b = statistics.median(c for _, c in a), statistics.median(c for _, c in b)
    return (f"{case.name}  ({target})\n"
            f"    wall: A {wall_a:.3f} s, B (import {case.baseline}) {wall_b:.3f} s; A/B min "
            f"{min(ratios):.2f}x, median {statistics.median(ratios):.2f}x, max "
            f"{max(ratios):.2f}x\n"
            f"    processor: A {cpu_a:.3f} s, B {cpu_b:.3f} s; A/B median "
            f"{statistics.median(cpu):.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=21, help="A/B pairs per command")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores, load {load:.2f}, Python {sys.version.split()[0]}, "
          f"{args.rounds} rounds; {shlex.join(pathways_command())}")
    with tempfile.TemporaryDirectory(prefix="pathways-bench-cache-") as cache:
        env = base_env(Path(cache))
        for case in CASES:
            a, b = measure(case, args.rounds, env)
            print(report(case, a, b), flush=True)


if __name__ == "__main__":
    main()
