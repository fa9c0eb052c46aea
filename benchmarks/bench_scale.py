"""Benchmark: how `check`, `converge` and `export` grow with the size of the data.

Generates graphs/ folders in the shipped TOML format with about 10^3, 10^4 and 10^5 edges (a
seeded random signed network: entities, compounds with one mechanism file each, every edge with
a quote, feedback loops included), then times each command as a whole process, the sizes taken
in turn within each round. Prints min / median / max seconds per size and the growth exponent
between consecutive sizes (log of the time ratio over log of the size ratio), next to the
exponent E log E would give: anything near 2 would be quadratic.

    python benchmarks/bench_scale.py [--sizes 1000,10000,100000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pathways.cli", *args], capture_output=True,
                          text=True, cwd=REPO)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0,):
        raise SystemExit(f"`pathways {' '.join(args)}` exited {done.returncode}: "
                         f"{done.stderr.strip()[-400:] or done.stdout.strip()[-400:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="Comma-separated edge counts (default: 1000,10000,100000).")
    parser.add_argument("--repeat", type=int, default=3, help="Rounds per size (default: 3).")
    parser.add_argument("--keep", type=Path, help="Write the generated folders here and keep them.")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    base = options.keep or Path(tempfile.mkdtemp(prefix="pathways-bench-"))
    targets, folders = {}, {}
    for size in sizes:
        folders[size] = base / f"graphs-{size}"
        if folders[size].exists():
            shutil.rmtree(folders[size])
        start = time.perf_counter()
        targets[size] = generate(folders[size], size)
        print(f"generated {size} edges in {time.perf_counter() - start:.1f} s: {folders[size]}")
    commands = {
        "check": lambda s: ["--graphs", str(folders[s]), "check"],
        "converge": lambda s: ["--graphs", str(folders[s]), "converge", targets[s], "--json"],
        "export": lambda s: ["--graphs", str(folders[s]), "export", "--format", "tsv",
                             "-o", str(base / f"export-{s}.tsv")],
    }
    startup = min(timed(["--version"]) for _ in range(3))
    print(f"\nprocess start-up (pathways --version): {startup:.2f} s\n")
    for name, args in commands.items():
        times: dict[int, list[float]] = {s: [] for s in sizes}
        for _ in range(options.repeat):
            for size in sizes:  # sizes in turn within each round
                times[size].append(timed(args(size)))
        print(f"{name}:")
        for size in sizes:
            t = times[size]
            print(f"  {size:>7} edges: min {min(t):7.2f}  median {statistics.median(t):7.2f}  "
                  f"max {max(t):7.2f} s")
        for a, b in itertools.pairwise(sizes):
            ta, tb = statistics.median(times[a]), statistics.median(times[b])
            grow = math.log(tb / ta) / math.log(b / a)
            net = (math.log(max(tb - startup, 1e-3) / max(ta - startup, 1e-3)) / math.log(b / a))
            elog = math.log((b * math.log(b)) / (a * math.log(a))) / math.log(b / a)
            verdict = "ok" if net <= elog + 0.15 else "GROWS FASTER THAN E log E"
            print(f"  {a} -> {b}: exponent {grow:.2f} (less start-up: {net:.2f}); "
                  f"E log E gives {elog:.2f}: {verdict}")
    if not options.keep:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
