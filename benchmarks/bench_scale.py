"""Benchmark: how every command grows with the size of the data.

Two kinds of data, each at several sizes:

- graphs/ folders in the shipped TOML format with about 10^3, 10^4 and 10^5 edges (a seeded
  random signed network: entities, compounds with one mechanism file each, every edge with a
  quote, feedback loops included): `check`, `converge`, `shared`, `path` and `export`;
- signed SIF networks loaded with `--network` (the generator of `bench_networks.py`: a band of
  nodes, each linked to nodes up to 300 places on, 2 % of links pointing back), with 10^3,
  10^4 and 10^5 links, and 10^6 with `--big` (about a minute a run): `check`, `converge`,
  `shared`, `path`, `export`, `import` (into an editable mechanism file) and `describe` (of
  the network imported as a mechanism).

Each command runs as a whole process, the sizes taken in turn within each round, the cache off.
Prints min / median / max seconds per size, the peak memory, and the growth exponent between
consecutive sizes (log of the time ratio over log of the size ratio; also with the process
start-up taken off), next to the exponent E log E would give: anything near 2 is quadratic.

    python benchmarks/bench_scale.py [--sizes 1000,10000,100000] [--network-sizes ...]
                                     [--big] [--repeat 3] [--only NAME ...] [--keep DIR]
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EFFECTS = ["activates", "increases", "inhibits", "blocks", "promotes", "decreases", "modulates"]
KINDS = ["receptor", "protein", "process", "neurotransmitter", "ion"]
EDGES_PER_FILE = 1000


def generate(root: Path, edges: int, seed: int = 1) -> str:
    """Write a graphs/ folder with `edges` edges to `root`; returns an entity to converge on."""
    rng = random.Random(seed)
    n = max(20, edges // 2)  # about two edges out of each entity
    compounds = max(2, edges // EDGES_PER_FILE)
    ids = [f"c{i:06d}" for i in range(compounds)] + [f"e{i:06d}" for i in range(n)]
    (root / "mechanisms").mkdir(parents=True)
    (root / "sources.toml").write_text(
        '[[source]]\nid = "doc"\ntitle = "A Generated Document"\npublisher = "Bench"\n'
        'year = 2025\naddress = "https://example.org/generated"\n', encoding="utf-8")
    parts = []
    for eid in ids:
        kind = "compound" if eid.startswith("c") else rng.choice(KINDS)
        parts.append(f'[[entity]]\nid = "{eid}"\nlabel = "Entity {eid.upper()}"\nkind = "{kind}"\n')
    (root / "entities.toml").write_text("\n".join(parts), encoding="utf-8")
    seen: set[tuple[str, str]] = set()
    signs: dict[tuple[str, str], str] = {}
    per_file = [edges // compounds + (1 if i < edges % compounds else 0) for i in range(compounds)]
    for c, count in enumerate(per_file):
        compound = ids[c]
        lines = [f'[mechanism]\nid = "m{c:06d}"\ntitle = "Mechanism {c}"\ncompound = "{compound}"\n']
        made = 0
        while made < count:
            if made == 0:
                a, b = compound, ids[compounds + rng.randrange(n)]
            else:
                i = rng.randrange(n)
                # Mostly forward (downstream), sometimes back: feedback loops exist.
                j = (i + rng.randint(1, 50)) % n if rng.random() < 0.95 else rng.randrange(n)
                a, b = ids[compounds + i], ids[compounds + j]
            if a == b or (a, b) in seen:
                continue
            seen.add((a, b))
            effect = signs.setdefault((a, b), rng.choice(EFFECTS))
            lines.append(f'[[edge]]\nsource = "{a}"\ntarget = "{b}"\neffect = "{effect}"\n'
                         f'[[edge.evidence]]\nsource = "doc"\nquote = "{a} acts on {b}."\n')
            made += 1
        (root / "mechanisms" / f"m{c:06d}.toml").write_text("\n".join(lines), encoding="utf-8")
    return ids[-1]


LIMIT = 600.0  # seconds a run may take before it is stopped and reported as too slow


class TooSlow(Exception):
    """A run stopped at `LIMIT`."""


def timed(args: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak memory (MiB) of one `pathways` process, the cache off."""
    env = dict(os.environ, PATHWAYS_CACHE="off", PYTHONPATH=str(REPO / "src"))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pathways.cli", *args], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    timer = threading.Timer(LIMIT, proc.kill)
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if elapsed >= LIMIT and code < 0:
        raise TooSlow
    if code not in (0, 1):  # 1: `check` found problems (the generated data has none)
        raise SystemExit(f"`pathways {' '.join(args)}` exited {code}: "
                         f"{proc.stderr.read().decode().strip()[-400:]}")
    return elapsed, usage.ru_maxrss / 1024


def report(name: str, sizes: list[int], times: dict[int, list[float]],
           memory: dict[int, float], startup: float) -> None:
    """Seconds per size and the growth exponents between consecutive sizes."""
    print(f"{name}:")
    for size in sizes:
        t = times[size]
        print(f"  {size:>8} edges: min {min(t):7.2f}  median {statistics.median(t):7.2f}  "
              f"max {max(t):7.2f} s; peak {memory[size]:6.0f} MiB")
    for a, b in itertools.pairwise(sizes):
        ta, tb = statistics.median(times[a]), statistics.median(times[b])
        grow = math.log(tb / ta) / math.log(b / a)
        net = (math.log(max(tb - startup, 1e-3) / max(ta - startup, 1e-3)) / math.log(b / a))
        elog = math.log((b * math.log(b)) / (a * math.log(a))) / math.log(b / a)
        verdict = "ok" if net <= elog + 0.15 else "GROWS FASTER THAN E log E"
        print(f"  {a} -> {b}: exponent {grow:.2f} (less start-up: {net:.2f}); "
              f"E log E gives {elog:.2f}: {verdict}")


def measure(commands: dict[str, Callable[[int], list[str]]], sizes: list[int], repeat: int,
            startup: float, only: set[str]) -> None:
    for name, args in commands.items():
        if only and name.split()[0] not in only:
            continue
        times: dict[int, list[float]] = {s: [] for s in sizes}
        memory: dict[int, float] = dict.fromkeys(sizes, 0.0)
        done = list(sizes)
        for _ in range(repeat):
            for size in list(done):  # sizes in turn within each round
                try:
                    took, peak = timed(args(size))
                except TooSlow:
                    print(f"{name}: {size} edges took more than {LIMIT:.0f} s: not timed "
                          "further")
                    done = [s for s in done if s < size]
                    continue
                times[size].append(took)
                memory[size] = max(memory[size], peak)
        report(name, [s for s in done if times[s]], times, memory, startup)


def main() -> None:
    global LIMIT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="Edges of the TOML folders (default: 1000,10000,100000; '' for none).")
    parser.add_argument("--network-sizes", default="1000,10000,100000",
                        help="Links of the --network files (default: 1000,10000,100000).")
    parser.add_argument("--big", action="store_true", help="Add a network of 10^6 links.")
    parser.add_argument("--repeat", type=int, default=3, help="Rounds per size (default: 3).")
    parser.add_argument("--only", action="append", default=[],
                        help="Only this command (check, converge, shared, path, export); "
                             "repeatable.")
    parser.add_argument("--keep", type=Path, help="Write the generated data here and keep it.")
    parser.add_argument("--limit", type=float, default=LIMIT,
                        help=f"Seconds a run may take (default: {LIMIT:.0f}).")
    options = parser.parse_args()
    LIMIT = options.limit
    sizes = [int(s) for s in options.sizes.split(",") if s]
    network_sizes = [int(s) for s in options.network_sizes.split(",") if s]
    if options.big:
        network_sizes.append(1_000_000)
    base = options.keep or Path(tempfile.mkdtemp(prefix="pathways-bench-"))
    base.mkdir(parents=True, exist_ok=True)  # a --keep folder not made yet
    targets, folders, networks, asked = {}, {}, {}, {}
    for size in sizes:
        folders[size] = base / f"graphs-{size}"
        if folders[size].exists():
            shutil.rmtree(folders[size])
        start = time.perf_counter()
        targets[size] = generate(folders[size], size)
        print(f"generated {size} edges in {time.perf_counter() - start:.1f} s: {folders[size]}")
    for size in network_sizes:
        nodes = max(50, size // 100 * 12)
        networks[size] = base / f"network-{size}.tsv"
        # made in a child process: a forked child's peak memory starts from its parent's size
        target = subprocess.run(
            [sys.executable, "-c", "import sys; from bench_networks import generate; "
             "print(generate(__import__('pathlib').Path(sys.argv[1]), *map(int, sys.argv[2:])))",
             str(networks[size]), str(size), str(nodes)],
            cwd=Path(__file__).parent, capture_output=True, text=True, check=True).stdout.strip()
        a, b = f"N{nodes // 2 - nodes // 12:05d}", f"N{nodes // 2 - nodes // 12 + 3:05d}"
        asked[size] = (target, a, b)
        print(f"generated a network of {size} links, {nodes} nodes: {networks[size]}")
    toml = {
        "check": lambda s: ["--graphs", str(folders[s]), "check"],
        "converge": lambda s: ["--graphs", str(folders[s]), "converge", targets[s], "--json"],
        "shared": lambda s: ["--graphs", str(folders[s]), "shared", "c000000", "c000001",
                             "--json"],
        # The text a person reads: a point per line, its routes under it (its own code path).
        "shared text": lambda s: ["--graphs", str(folders[s]), "shared", "c000000", "c000001"],
        "path": lambda s: ["--graphs", str(folders[s]), "path", "c000000", targets[s],
                           "--limit", "5", "--json"],
        "export": lambda s: ["--graphs", str(folders[s]), "export", "--format", "tsv",
                             "-o", str(base / f"export-{s}.tsv")],
    }

    runs = itertools.count()

    def net(s: int, *args: str) -> list[str]:
        return ["--network", str(networks[s]), *args]

    network = {
        "check --network": lambda s: net(s, "check"),
        "converge --network": lambda s: net(s, "converge", asked[s][0], "--json"),
        "shared --network": lambda s: net(s, "shared", asked[s][1], asked[s][2], "--json"),
        "path --network": lambda s: net(s, "path", asked[s][1], asked[s][0], "--limit", "5",
                                        "--json"),
        "export --network": lambda s: net(s, "export", "--format", "tsv",
                                          "-o", str(base / f"export-network-{s}.tsv")),
        # `import` writes a new file each run (it never overwrites one)
        "import": lambda s: ["--graphs", str(REPO / "graphs"), "import", str(networks[s]),
                             "-o", str(base / f"imported-{s}-{next(runs)}.toml")],
        # the network imported as ketamine's mechanism (`described`), told in plain English
        "describe": lambda s: ["--graphs", str(described(s)), "describe", "ketamine"],
    }

    def described(s: int) -> Path:
        """A copy of the shipped data with the network imported as a mechanism of ketamine's,
        made once (untimed)."""
        folder = base / f"described-{s}"
        if not folder.exists():
            shutil.copytree(REPO / "graphs", folder)
            subprocess.run([sys.executable, "-m", "pathways.cli", "--graphs", str(folder),
                            "import", str(networks[s]), "--compound", "ketamine",
                            "-o", str(folder / "mechanisms" / "network.toml")],
                           cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO / "src")),
                           check=True, capture_output=True)
        return folder
    startup = min(timed(["--version"])[0] for _ in range(3))
    print(f"\nprocess start-up (pathways --version): {startup:.2f} s\n")
    only = set(options.only)
    if sizes:
        measure(toml, sizes, options.repeat, startup, only)
    if network_sizes:
        measure(network, network_sizes, options.repeat, startup, only)
    if not options.keep:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
