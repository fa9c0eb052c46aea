"""`pathways describe`: a plain-English account of each mechanism, hedged and cited."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathways.cli import main
from pathways.describe import describe_graph, describe_workflow
from pathways.labels import plain, readable
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.model import Dataset, Status

# The target each document names for each compound.
TARGETS = {
    "ketamine": "nmda_receptor",
    "esketamine": "nmda_receptor",
    "mij821": "nr2b_nmda_receptor",
    "mgs0039": "mglur2_3",
}


@pytest.fixture(scope="module")
def dataset(graphs_dir: Path) -> Dataset:
    return load_dataset(graphs_dir)


def describe(graphs: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--graphs", str(graphs), "describe", *args])
    assert result.exit_code == 0, result.output
    return result.output


def own_edges(dataset: Dataset, compound: str) -> list:
    return [e for m in dataset.mechanisms.values() if m.compound == compound for e in m.edges]


@pytest.mark.parametrize("compound", TARGETS)
def test_describes_target_and_synaptogenesis(graphs_dir: Path, dataset: Dataset, compound: str):
    text = describe(graphs_dir, compound).casefold()  # labels may be sentence-cased
    assert plain(dataset.entities[compound].label).casefold() in text
    assert plain(dataset.entities[TARGETS[compound]].label).casefold() in text
    assert "synaptogenesis" in text


def _is_a_symbol(label: str) -> bool:
    """'GluA1', 'CaMKII', 'Ca2+ influx', 'MGS0039': a first word with a digit or inner capital."""
    word = label.split()[0]
    return any(ch.isdigit() or ch.isupper() for ch in word[1:])


@pytest.mark.parametrize("compound", ["esketamine", "mij821"])
def test_symbols_keep_their_case_mid_sentence(graphs_dir: Path, dataset: Dataset, compound: str):
    text = describe(graphs_dir, compound)
    symbols = {plain(dataset.entities[e.target].label) for e in own_edges(dataset, compound)
               if _is_a_symbol(plain(dataset.entities[e.target].label))}
    assert symbols
    for label in symbols:
        decapitalised = label[0].lower() + label[1:]
        assert decapitalised == label or decapitalised not in text, label


@pytest.mark.parametrize("compound", TARGETS)
def test_says_hypothesised_exactly_when_links_are(graphs_dir: Path, dataset: Dataset,
                                                  compound: str):
    text = describe(graphs_dir, compound)
    hypothesised = [e for e in own_edges(dataset, compound) if e.status is Status.HYPOTHESISED]
    assert ("hypothesised" in text) == bool(hypothesised)


def test_the_shipped_data_uses_every_certainty(dataset: Dataset):
    """Keeps the test above honest: stated, hedged and hypothesised links all occur."""
    used = {e.status for c in TARGETS for e in own_edges(dataset, c)}
    assert used == {Status.STATED, Status.HEDGED, Status.HYPOTHESISED}


@pytest.mark.parametrize("compound", TARGETS)
def test_cites_the_sources_of_its_own_mechanism(graphs_dir: Path, dataset: Dataset,
                                                compound: str):
    text = describe(graphs_dir, compound)
    cited = {ev.source for e in own_edges(dataset, compound) for ev in e.evidence}
    assert cited
    for sid, source in dataset.sources.items():
        assert (source.title in text) == (sid in cited), sid
        assert (source.address in text) == (sid in cited), sid


def test_resolves_synonyms(graphs_dir: Path):
    assert describe(graphs_dir, "onfasprodil") == describe(graphs_dir, "mij821")


def test_json(graphs_dir: Path, dataset: Dataset):
    data = json.loads(describe(graphs_dir, "mgs0039", "--json"))
    assert data["id"] == "mgs0039"
    assert data["label"] == dataset.entities["mgs0039"].label
    assert "mGluR2/3" in data["description"]


def test_a_compound_s_direct_actions_are_its_own_wherever_written(graphs_dir: Path):
    """Ro 25-6981 has no mechanism file; its two links are in the NR2B plasticity module.
    `converge` counts them as its own, stated; `describe` said it had no mechanism of its own.
    Now it gives them, cited; the drugs' accounts stay as they were (tested above)."""
    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "describe", "ro25_6981"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("Mechanism of Ro 25-6981.\n")
    assert "Ro 25-6981 blocks long-term potentiation (LTP) [1]." in text
    assert "antagonises the NR2B-containing NMDA receptor [1]." in text
    assert "[1] BenchChem. The Role of MIJ821 in Synaptic Plasticity" in text


def test_a_direct_action_in_a_loaded_network_is_described_with_its_file(graphs_dir: Path,
                                                                      tmp_path: Path):
    """A network's link from ketamine is ketamine's own, as `converge` counts it; its link has
    no per-mechanism effects or labels, which stopped `describe` with a Python error."""
    net = tmp_path / "kn.tsv"
    net.write_text("source\tinteraction\ttarget\nketamine\t1\tP0003\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "--network", str(net),
                                       "describe", "ketamine"])
    assert result.exit_code == 0, result.output
    assert "Ketamine also activates P0003 [3]." in result.output
    assert result.output.rstrip().endswith(f"[3] kn.tsv. {net}")


@pytest.mark.parametrize("node", ["nmda_receptor", "bdnf"])
def test_an_entity_that_is_no_compound_has_no_mechanism_to_describe(graphs_dir: Path,
                                                                    node: str):
    """The links out of a receptor are not its mechanism: one line, as before direct actions
    counted for compounds, saying what `describe` tells and what to ask instead (it said
    "no link from it", though BDNF -> synaptogenesis is in four figures)."""
    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "describe", node])
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert "is no compound" in result.output and f"path {node} NODE" in result.output
    assert "no link from it" not in result.output


def test_compound_without_its_own_mechanism_is_one_line_error(tiny_graphs: Path):
    """A compound nothing links from (here one added to the tiny data) is one line."""
    with (tiny_graphs / "entities.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[entity]]\nid = "idleol"\nlabel = "Idleol"\nkind = "compound"\n')
    result = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "describe", "idleol"])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert "Idleol has no mechanism of its own" in result.output


# --- the library function, on the tiny dataset ----------------------------------------------

def test_hedge_sits_on_the_hypothesised_link_only(tiny_graphs: Path):
    path = tiny_graphs / "mechanisms/x.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'target = "messenger"\neffect = "inhibits"\n',
        'target = "messenger"\neffect = "inhibits"\nstatus = "hypothesised"\n'), encoding="utf-8")
    g = merge(load_dataset(tiny_graphs))
    text = describe_graph(g, "drugol", title="Mechanism of Drugol")
    body, sources = text.split("\n\nSources:\n")
    sentences = [s for s in re.split(r"(?<=\])\.\s+", body) if s]
    hedged = [s for s in sentences if "hypothesised" in s]
    assert len(hedged) == 1
    assert "receptor r subtype b" in hedged[0].casefold()
    assert "messenger m" in hedged[0].casefold()
    assert "A Tiny Document About Drugol" in sources and "https://example.org/tiny" in sources


def test_follows_the_route_from_the_start(tiny_graphs: Path):
    g = merge(load_dataset(tiny_graphs))
    text = describe_graph(g, "drugol").casefold()
    at = [text.index(label) for label in ("drugol", "receptor r subtype b", "messenger m",
                                          "growth")]
    assert at == sorted(at)


@pytest.mark.parametrize("workflow", ["social-defeat-workflow", "mij821-phase2-workflow"])
def test_workflow_lists_steps_in_flow_order_and_cites_its_source(dataset: Dataset, workflow: str):
    wf = dataset.workflows[workflow]
    text = describe_workflow(dataset, wf)
    body = text.split("\n\nSources:\n")[0]
    position = {s.id: body.index(readable(s.label)) for s in wf.steps}
    for link in wf.links:
        assert position[link.source] < position[link.target], link
    assert dataset.sources[wf.source].title in text


def test_the_reading_order_looks_at_each_link_a_bounded_number_of_times() -> None:
    """A chain of 3,000 entities with every tenth node also linking back: each node's
    neighbours are looked up a few times, not once for every node upstream of it (counting all
    that lies downstream of every node took 735 s on 10^5 links)."""
    import networkx as nx

    from pathways.describe import _edge_order

    lookups = [0]

    class Counted(dict):  # type: ignore[type-arg]
        def __getitem__(self, key: object) -> object:
            lookups[0] += 1
            return super().__getitem__(key)

    class Graph(nx.DiGraph):  # type: ignore[type-arg]
        adjlist_outer_dict_factory = Counted

    graph = Graph()
    n = 3000
    graph.add_edges_from((f"n{i:04d}", f"n{i + 1:04d}") for i in range(n - 1))
    graph.add_edges_from((f"n{i:04d}", f"n{i - 5:04d}") for i in range(10, n, 10))
    lookups[0] = 0
    order = _edge_order(graph, "n0000")
    assert len(order) == graph.number_of_edges()  # every link read, each once
    assert order[:3] == [("n0000", "n0001"), ("n0001", "n0002"), ("n0002", "n0003")]
    assert lookups[0] < 20 * graph.number_of_edges()

