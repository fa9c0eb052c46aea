"""Benchmark: loading a signed network and asking `converge` of it, against a bare baseline.

Whole processes, run alternately (A, B, A, B, ...), each pair giving one ratio B / A; printed as
min / median / max of the ratios, with each side's median time and peak memory.

- load + converge: `pathways --network FILE converge TARGET --json`, for the compounds (the
  default) and with every node of the network a source (`--from-file NODES`), the cache off,
  against the bare baseline: `csv` +
  `networkx.DiGraph.add_edges_from` + one reverse breadth-first search over (node, sign) states
  from TARGET, printing how many sources reach it (`BASELINE` below).
- cached second run: the same commands with a warm cache (keyed by the file's content), against
  `python -c "import networkx"`.
- where the time of one run goes, measured inside one process (imports, curated data, network,
  join, converge, JSON).

- the queries after load, in one process: the network read and joined (and its compact copy
  made, as the command line does), then `converge` for the compounds and from two nodes,
  `shared` of those two nodes and `path` (5 routes) from one of them, each timed alone.

Networks: 83,000 signed edges generated (12,000 nodes in a band, each node linked to nodes up
to 300 places on, 2 % of links pointing back to make feedback loops; seed fixed), and the real
19,807-edge CARNIVAL network in ../shared/realdata where present. `--big 1000000` adds a
generated network of that many edges (12 nodes per 100 edges, as above), measured once per
side (`--big-rounds`): load + `converge` against the baseline, peak memory, and the queries
after load. Run from the repository root:

    python benchmarks/bench_networks.py [--rounds 5] [--edges 83000] [--nodes 12000]
                                        [--big 1000000] [--big-rounds 1] [--skip-small]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL = REPO.parent / "shared" / "realdata" / \
    "sif_signed_omnipath_carnival_pkn__saezlab-transcriptutorial.tsv"

BASELINE = r'''
import csv, sys
from collections import deque
import networkx as nx
path, target = sys.argv[1], sys.argv[2]
g = nx.DiGraph()
with open(path, newline="") as fh:
    rows = csv.reader(fh, delimiter="\t")
    next(rows)
    g.add_edges_from((u, v, {"sign": int(s)}) for u, s, v in rows)
dist = {(target, 1): 0}
queue = deque([(target, 1)])
while queue:
    node, sign = queue.popleft()
    for u in g.predecessors(node):
        state = (u, sign * g.edges[u, node]["sign"])
        if state not in dist:
            dist[state] = dist[(node, sign)] + 1
            queue.append(state)
print(len({n for n, _ in dist}) - 1)
'''


def generate(path: Path, edges: int, nodes: int = 12_000, seed: int = 13) -> str:
    """Write `edges` signed edges (`source interaction target`); return the target to ask."""
    rng = random.Random(seed)
    seen: set[tuple[int, int]] = set()
    with path.open("w") as fh:
        fh.write("source\tinteraction\ttarget\n")
        while len(seen) < edges:
            u = rng.randrange(nodes)
            v = u - rng.randint(1, 50) if rng.random() < 0.02 else u + rng.randint(1, 300)
            if not 0 <= v < nodes or (u, v) in seen:
                continue
            seen.add((u, v))
            fh.write(f"N{u:05d}\t{1 if rng.random() < 0.7 else -1}\tN{v:05d}\n")
    return f"N{nodes // 2:05d}"


def node_list(network: Path, out: Path) -> None:
    names = set()
    with network.open() as fh:
        next(fh)
        for line in fh:
            u, _, v = line.rstrip("\n").split("\t")
            names.update((u, v))
    out.write_text("".join(n + "\n" for n in sorted(names)))


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak memory (MiB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def compare(name: str, a: list[str], b: list[str], env_a: dict[str, str],
            env_b: dict[str, str], rounds: int, target: float | None,
            warm: bool = True) -> None:
    ratios, ta, tb, ma, mb = [], [], [], [], []
    if warm:
        run(a, env_a)
        run(b, env_b)  # warm the OS file cache (and, for the cached case, the network cache)
    for _ in range(rounds):
        t1, m1 = run(a, env_a)
        t2, m2 = run(b, env_b)
        ratios.append(t2 / t1)
        ta.append(t1)
        tb.append(t2)
        ma.append(m1)
        mb.append(m2)
    med = statistics.median(ratios)
    print(f"{name}\n  baseline median {statistics.median(ta):.3f} s, {max(ma):.0f} MiB; "
          f"pathways median {statistics.median(tb):.3f} s, {max(mb):.0f} MiB\n"
          f"  ratio min {min(ratios):.2f} / median {med:.2f} / max {max(ratios):.2f} "
          + (f"(target <= {target}x: {'met' if med <= target else 'NOT met'})"
             if target is not None else "(no target: a route worked out for every source)"))


BREAKDOWN = r'''
import gc, json, sys, time
t0 = time.perf_counter()
from pathlib import Path
import networkx
t1 = time.perf_counter()
from pathways.cli import State, _resolve_all
from pathways.load import load_dataset
from pathways.merge import add_network, merge
from pathways.queries import converging_compounds, prepare, resolve
from pathways.readers.cache import load_network_graph
t2 = time.perf_counter()
gc.disable()
g = merge(load_dataset("graphs"))
t3 = time.perf_counter()
net = load_network_graph(sys.argv[1])
t4 = time.perf_counter()
g = prepare(add_network(g, net))
gc.freeze(); gc.enable()
t5 = time.perf_counter()
names = [ln.strip() for ln in open(sys.argv[3])]
found = converging_compounds(g, resolve(g, sys.argv[2]), sources=_resolve_all(g, names))
t6 = time.perf_counter()
text = json.dumps([c.as_json() for c in found], indent=2)
t7 = time.perf_counter()
print(f"import networkx {t1 - t0:.2f}, import pathways {t2 - t1:.2f}, curated data {t3 - t2:.2f},"
      f" network {t4 - t3:.2f}, join and compact copy {t5 - t4:.2f}, converge ({len(found)} sources) "
      f"{t6 - t5:.2f}, JSON {t7 - t6:.2f} s")
'''


AFTER_LOAD = r'''
import gc, resource, sys, time
from pathways.load import load_dataset
from pathways.merge import add_network, merge, network_graph
from pathways.queries import converging_compounds, prepare, routes, shared_downstream
from pathways.readers import read_network
path, target, a, b = sys.argv[1:5]
t0 = time.perf_counter()
gc.disable()
g = prepare(add_network(merge(load_dataset("graphs")), network_graph(read_network(path))))
gc.freeze(); gc.enable()
print(f"  load (read, join, compact copy): {time.perf_counter() - t0:.2f} s")
for name, ask in ((f"converge {target}, the compounds", lambda: converging_compounds(g, target)),
                  (f"converge {target} --from {a} --from {b}",
                   lambda: converging_compounds(g, target, sources=[a, b])),
                  (f"shared {a} {b}", lambda: shared_downstream(g, [a, b])),
                  (f"path {a} {target} --limit 5", lambda: routes(g, a, target, limit=5))):
    t = time.perf_counter()
    found = ask()
    took = time.perf_counter() - t
    what = (f"{len(found.shared)} shared, {len(found.convergence)} convergence points"
            if hasattr(found, "shared") else f"{len(found)} found")
    print(f"  {name}: {took:.2f} s ({what}; target < 1 s: {'met' if took < 1 else 'NOT met'})")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"  peak memory of this process: {peak:.0f} MiB")
'''


def after_load(network: Path, target: str, nodes: int) -> None:
    """The queries timed one by one after load, in one process (see AFTER_LOAD)."""
    a, b = f"N{nodes // 2 - nodes // 12:05d}", f"N{nodes // 2 - nodes // 12 + 100:05d}"
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), PATHWAYS_CACHE="off")
    out = subprocess.run([sys.executable, "-c", AFTER_LOAD, str(network), target, a, b],
                         env=env, cwd=REPO, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"queries after load failed:\n{out.stderr}")
    print(f"queries after load, in one process:\n{out.stdout.rstrip()}")


def bench_big(network: Path, target: str, rounds: int, nodes: int) -> None:
    """A large network: load + converge (the compounds) against the baseline, and the queries
    after load."""
    py = sys.executable
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    cold = dict(env, PATHWAYS_CACHE="off")
    lines = sum(1 for _ in network.open()) - 1
    print(f"\n== {network.name}: {lines} edges, {nodes} nodes, converge on {target}")
    compare("load + converge, the compounds (default), cache off, vs csv + add_edges_from + "
            "reverse BFS", [py, "-c", BASELINE, str(network), target],
            [py, "-m", "pathways.cli", "--network", str(network), "converge", target, "--json"],
            env, cold, rounds, 1.5, warm=False)
    after_load(network, target, nodes)


def bench(network: Path, target: str, rounds: int, work: Path) -> None:
    nodes = work / f"{network.stem}.nodes"
    node_list(network, nodes)
    py = sys.executable
    every = [py, "-m", "pathways.cli", "--network", str(network), "converge", target,
             "--from-file", str(nodes), "--json"]
    compounds = [*every[:7], "--json"]
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    cold = dict(env, PATHWAYS_CACHE="off")
    warm = dict(env, PATHWAYS_CACHE_DIR=str(work / "cache"))
    lines = sum(1 for _ in network.open()) - 1
    print(f"\n== {network.name}: {lines} edges, converge on {target}")
    baseline = [py, "-c", BASELINE, str(network), target]
    bare = [py, "-c", "import networkx"]
    # The targets are for `converge` as asked by default (the compounds); with every node a
    # source, each of thousands of routes is worked out and written, which the bare baseline,
    # counting the sources, does not do: printed for comparison, with no target.
    for what, cmd, cold_target, warm_target in (
            ("the compounds (default)", compounds, 1.5, 2.0),
            ("every node a source", every, None, None)):
        compare(f"load + converge, {what}, cache off, vs csv + add_edges_from + reverse BFS",
                baseline, cmd, env, cold, rounds, cold_target)
        compare(f"second run, {what}, cache warm, vs python -c 'import networkx'",
                bare, cmd, env, warm, rounds, warm_target)
    for label, env_b in (("cache off", cold), ("cache warm", warm)):
        out = subprocess.run([py, "-c", BREAKDOWN, str(network), target, str(nodes)], env=env_b,
                             cwd=REPO, capture_output=True, text=True, check=True).stdout
        print(f"one run in-process, every node a source, {label}: {out.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="A/B pairs per comparison")
    parser.add_argument("--edges", type=int, default=83_000, help="edges of the generated network")
    parser.add_argument("--nodes", type=int, default=12_000, help="nodes of the generated network")
    parser.add_argument("--big", type=int, default=0,
                        help="also a generated network of this many edges (e.g. 1000000)")
    parser.add_argument("--big-rounds", type=int, default=1, help="A/B pairs for --big")
    parser.add_argument("--skip-small", action="store_true",
                        help="only the --big network")
    args = parser.parse_args()
    # Every run as an installed package runs: Python keeps the bytecode it compiles (a
    # machine that sets PYTHONDONTWRITEBYTECODE would compile `pathways` from source in
    # every process, and in every worker of a build, but not networkx, installed compiled).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {args.rounds} rounds")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.skip_small:
            generated = work / f"generated-{args.edges}.tsv"
            target = generate(generated, args.edges, args.nodes)
            bench(generated, target, args.rounds, work)
            after_load(generated, target, args.nodes)
            if REAL.exists():
                bench(REAL, "MTOR", args.rounds, work)
            else:
                print(f"\n{REAL} not present: real network skipped")
        if args.big:
            nodes = args.big // 100 * 12
            big = work / f"generated-{args.big}.tsv"
            target = generate(big, args.big, nodes)
            bench_big(big, target, args.big_rounds, nodes)


if __name__ == "__main__":
    main()
