"""A large network held in columns (`pathways.columns`) answers as the same network held as
networkx dicts: the same graph, the same output from every command that reads a network, the
same after a pickle round trip; and it takes a fraction of the memory."""

from __future__ import annotations

import pickle
import random
import tracemalloc
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from pathways import merge as merge_module
from pathways import queries
from pathways.cli import main
from pathways.columns import ColumnGraph
from pathways.load import load_dataset
from pathways.merge import add_network, merge, network_graph
from pathways.readers import Interaction, Network, Node
from test_compact import generated


def edges(g: nx.DiGraph) -> dict[tuple[str, str], dict]:
    return {(u, v): d for u, v, d in g.edges(data=True)}


@pytest.mark.parametrize("seed", [1, 2])
def test_the_column_graph_is_the_networkx_graph(graphs_dir: Path, seed: int):
    net = generated(seed)
    # a pair asserted twice with both signs, and a record with two quotes, kept as dicts
    src = net.file_source()
    net.interactions.append(Interaction("G0010", "G0011", "inhibits", "-",
                                        ((src, "G0010 inhibits G0011", "hedged"),)))
    net.interactions.append(Interaction("G0010", "G0011", "inhibits", "-",
                                        ((src, "again", "stated"),)))
    net.interactions.append(Interaction("G0010", "G0011", "activates", "+",
                                        ((src, "G0010 activates G0011", "stated"),)))
    net.interactions.append(Interaction("G0020", "G0399", "activates", "+",
                                        ((src, "one", "hedged"), (src, "two", "stated"))))
    plain, columns = network_graph(net, columns=False), network_graph(net, columns=True)
    assert isinstance(columns, ColumnGraph) and columns.columns is not None
    assert not isinstance(plain, ColumnGraph)
    assert list(plain.nodes) == list(columns.nodes)
    assert dict(plain.nodes(data=True)) == {n: dict(d) for n, d in columns.nodes(data=True)}
    assert edges(plain) == edges(columns)
    assert plain.number_of_edges() == columns.number_of_edges() == len(edges(plain))
    assert plain.graph == columns.graph and plain.graph["networks"][net.id]["conflicts"]
    for n in ("G0010", "G0200", "G0399"):
        assert sorted(plain.succ[n]) == sorted(columns.succ[n])
        assert sorted(plain.pred[n]) == sorted(columns.pred[n])
    # joined to the curated data: the same graph, and the network stays in columns
    curated = load_dataset(graphs_dir)
    a, b = add_network(merge(curated), plain), add_network(merge(curated), columns)
    assert isinstance(b, ColumnGraph)
    assert dict(a.nodes(data=True)) == {n: dict(d) for n, d in b.nodes(data=True)}
    assert edges(a) == edges(b) and a.graph == b.graph
    assert a.number_of_edges() == b.number_of_edges() and len(a) == len(b)
    assert a.graph["networks"][net.id]["joined"]  # mTOR, BDNF... joined the entities


def test_a_hub_s_links_are_found_as_in_networkx(graphs_dir: Path):
    """A row longer than ROW_SCAN is looked up in an index of it, not scanned (joining a hub
    of 20,000 links into mTOR to the curated data took 23 s): every lookup of a hub's row,
    out and in, a pair asserted twice included, gives what networkx gives, and so does the
    hub joined to the curated data (its links moved onto mTOR)."""
    from pathways.columns import ROW_SCAN

    net = generated(1)
    src = net.file_source()
    net.node(Node("HUB", "HUB"))
    hub = [Interaction("HUB", f"G{i:04d}", "activates", "+", ((src, f"hub {i}", "stated"),))
           for i in range(0, 400, 3) if f"G{i:04d}" in net.nodes]
    into = [Interaction(f"G{i:04d}", "mTOR", "inhibits", "-", ((src, f"in {i}", "stated"),))
            for i in range(1, 400, 5) if f"G{i:04d}" in net.nodes]
    twice = Interaction("HUB", "G0003", "inhibits", "-", ((src, "again", "hedged"),))
    net.interactions.extend([*hub, *into, twice])
    assert len(hub) > ROW_SCAN and len(into) > ROW_SCAN
    plain, columns = network_graph(net, columns=False), network_graph(net, columns=True)
    assert isinstance(columns, ColumnGraph)
    for node, rows in (("HUB", "succ"), ("mTOR", "pred")):
        mine, theirs = getattr(columns, rows)[node], getattr(plain, rows)[node]
        for other in [f"G{i:04d}" for i in range(400)] + ["HUB", "mTOR", "nowhere"]:
            assert (other in mine) == (other in theirs), (node, other)
            assert mine.get(other) == theirs.get(other), (node, other)
    curated = load_dataset(graphs_dir)
    a, b = add_network(merge(curated), plain), add_network(merge(curated), columns)
    assert edges(a) == edges(b) and sorted(a.pred["mtor"]) == sorted(b.pred["mtor"])


def test_a_link_changed_through_the_graph_stays_changed():
    g = network_graph(generated(1), columns=True)
    u, v = next((u, v) for u, v, _ in g.edges(data=True))
    g.edges[u, v]["status"] = "hypothesised"
    assert g.edges[u, v]["status"] == "hypothesised"
    assert g.pred[v][u]["status"] == "hypothesised"
    g.nodes[u]["synonyms"].append("another name")
    assert "another name" in g.nodes[u]["synonyms"]
    g.add_edge(v, u, sign="-", status="stated")
    assert g.has_edge(v, u) and g.edges[v, u]["sign"] == "-"
    g.remove_edge(v, u)
    g.remove_edge(u, v)
    assert not g.has_edge(u, v) and not g.has_edge(v, u)
    assert (u, v) not in set(g.edges) and u not in g.pred[v]
    before = g.number_of_edges()
    assert before == len(list(g.edges))
    degree = len(list(g.succ["G0200"])) + len([p for p in g.pred["G0200"] if p != "G0200"])
    g.remove_node("G0200")
    assert "G0200" not in g and g.number_of_edges() == before - degree
    assert not any("G0200" in (a, b) for a, b in g.edges)


def test_a_pickled_column_graph_answers_as_before(monkeypatch, graphs_dir: Path):
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 0)
    g = queries.prepare(add_network(merge(load_dataset(graphs_dir)),
                                    network_graph(generated(3), columns=True)))
    ask = lambda h: [c.as_json() for c in queries.converging_compounds(  # noqa: E731
        h, "G0399", sources=sorted(h))]
    before = ask(g)
    again = pickle.loads(pickle.dumps(g))
    assert isinstance(again, ColumnGraph) and again.columns is not None
    assert ask(again) == before
    assert edges(again) == edges(g)


def link_bytes(columns: bool, count: int = 20_000) -> float:
    rng = random.Random(5)
    net = Network("m", "m.tsv", "sif", "m.tsv")
    src = net.file_source()
    for i in range(2_000):
        net.node(Node(f"N{i}", f"N{i}"))
    seen: set[tuple[int, int]] = set()
    while len(seen) < count:
        u, v = rng.randrange(2_000), rng.randrange(2_000)
        if u != v and (u, v) not in seen:
            seen.add((u, v))
            net.interactions.append(Interaction(f"N{u}", f"N{v}", "activates", "+",
                                                ((src, f"N{u} 1 N{v}", "stated"),)))
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    g = network_graph(net, columns=columns)
    used = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    assert g.number_of_edges() == count
    return used / count


def test_a_network_in_columns_takes_a_fraction_of_the_memory():
    """networkx holds a link in about a kilobyte of dicts; the columns in about a tenth."""
    plain, columns = link_bytes(False), link_bytes(True)
    assert plain > 500
    assert columns < plain / 4


def write_network(path: Path, seed: int = 7, nodes: int = 300, links: int = 1500) -> None:
    """A signed SIF network with feedback loops and both signs, joined to the shipped data by
    a few names."""
    rng = random.Random(seed)
    names = [f"P{i:04d}" for i in range(nodes)]
    names[100], names[200] = "MTOR", "BDNF"
    seen: set[tuple[int, int]] = set()
    lines = ["source\tinteraction\ttarget"]
    while len(seen) < links:
        u = rng.randrange(nodes)
        v = u - rng.randint(1, 20) if rng.random() < 0.1 else u + rng.randint(1, 30)
        if 0 <= v < nodes and u != v and (u, v) not in seen:
            seen.add((u, v))
            lines.append(f"{names[u]}\t{rng.choice(('1', '1', '-1'))}\t{names[v]}")
    lines.append("ketamine\t1\tP0003")  # a compound of the shipped data into the network
    path.write_text("\n".join(lines) + "\n")


COMMANDS = [
    ["converge", "P0250", "--json"],
    ["converge", "mtor", "--from", "P0003", "--from", "P0050", "--json"],
    ["shared", "P0003", "P0040", "--json"],
    ["path", "P0003", "P0250", "--limit", "4", "--json"],
    ["path", "ketamine", "P0250", "--json"],
    ["check"],
    ["export", "--format", "tsv", "-o", "-"],
    ["export", "--format", "json", "-o", "-"],
    ["render", "--around", "P0150", "--max-nodes", "12", "-o", "-", "--format", "svg"],
    ["list"],
    ["describe", "ketamine"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_answers_the_same_from_columns(monkeypatch, tmp_path: Path,
                                                     command: list[str]):
    network = tmp_path / "net.tsv"
    write_network(network)
    monkeypatch.setenv("PATHWAYS_CACHE", "off")
    monkeypatch.setattr(queries, "COMPACT_MIN_NODES", 100)  # the compact searches too
    runner = CliRunner()
    out = {}
    for columns in (False, True):
        monkeypatch.setattr(merge_module, "COLUMNS_MIN_INTERACTIONS", 0 if columns else 10**9)
        result = runner.invoke(main, ["--network", str(network), *command])
        assert result.exit_code in (0, 1), result.output
        out[columns] = (result.exit_code, result.output)
    assert out[True] == out[False]
    assert len(out[False][1]) > 100


def test_import_writes_the_same_mechanism_from_columns(monkeypatch, tmp_path: Path):
    network = tmp_path / "net.tsv"
    write_network(network, links=400)
    monkeypatch.setenv("PATHWAYS_CACHE", "off")
    written = {}
    for columns in (False, True):
        monkeypatch.setattr(merge_module, "COLUMNS_MIN_INTERACTIONS", 0 if columns else 10**9)
        out = tmp_path / f"{columns}" / "net.toml"
        out.parent.mkdir()
        result = CliRunner().invoke(main, ["import", str(network), "-o", str(out)])
        assert result.exit_code == 0, result.output
        written[columns] = (result.output.replace(str(out), "OUT"), out.read_text())
    assert written[True] == written[False]
    assert "[[edge]]" in written[False][1]


def test_exporters_read_a_network_edge_by_edge_in_order():
    """The exporters' edge order is (source, target) sorted, given one edge at a time: a
    network in columns makes an edge's attribute dict only as it is read, so an export of
    10^6 links never holds all of them."""
    from pathways.exporters import export
    from pathways.exporters._common import sorted_edges

    g = network_graph(generated(2), columns=True)
    before = len(list(g.kept_links()))
    text = export(g, "tsv")
    assert len(text.splitlines()) == g.number_of_edges() + 1
    assert len(list(g.kept_links())) == before  # read, not kept as dicts
    got = sorted_edges(g)
    assert not isinstance(got, (list, tuple))
    got = list(got)
    assert [(u, v) for u, v, _ in got] == sorted(g.edges)
    assert all(dict(d) == dict(g.edges[u, v]) for u, v, d in got)
