"""Queries on the merged graph: who converges where, with which sign; what is shared; routes."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest

from pathways.errors import UsageError
from pathways.labels import plain
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.model import Dataset
from pathways.queries import converging_compounds, resolve, routes, shared_downstream

COMPOUNDS = ["ketamine", "esketamine", "mij821", "mgs0039"]


@pytest.fixture(scope="module")
def dataset(graphs_dir: Path) -> Dataset:
    return load_dataset(graphs_dir)


@pytest.fixture(scope="module")
def graph(dataset: Dataset) -> nx.DiGraph:
    return merge(dataset)


def by_compound(graph: nx.DiGraph, node: str) -> dict:
    return {c.compound: c for c in converging_compounds(graph, node)}


def product(signs: list[str]) -> str:
    """Net sign of a chain of signed links, worked out independently of the code under test."""
    if "?" in signs:
        return "?"
    return "-" if signs.count("-") % 2 else "+"


def path_sign(graph: nx.DiGraph, path: tuple[str, ...] | list[str]) -> str:
    return product([graph.edges[a, b]["sign"] for a, b in pairwise(path)])


# --- tiny graphs ----------------------------------------------------------------------------

def entity(eid: str, kind: str = "protein", parent: str = "") -> str:
    extra = f'parent = "{parent}"\n' if parent else ""
    return f'\n[[entity]]\nid = "{eid}"\nlabel = "{eid.title()}"\nkind = "{kind}"\n{extra}'


def edge(source: str, target: str, effect: str, status: str = "stated") -> str:
    return (f'\n[[edge]]\nsource = "{source}"\ntarget = "{target}"\neffect = "{effect}"\n'
            f'status = "{status}"\n[[edge.evidence]]\nsource = "tiny-doc"\n'
            f'quote = "{source} {effect} {target}."\n')


def mechanism(mid: str, compound: str = "") -> str:
    line = f'compound = "{compound}"\n' if compound else ""
    return f'[mechanism]\nid = "{mid}"\ntitle = "Mechanism {mid}"\n{line}'


def add(path: Path, text: str) -> None:
    path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + text,
                    encoding="utf-8")


def tiny(root: Path, entities: str = "", x: str = "", y: str = "") -> nx.DiGraph:
    """Merge the tiny dataset with extra entities, edges in x.toml and a second file y.toml."""
    add(root / "entities.toml", entities)
    add(root / "mechanisms/x.toml", x)
    if y:
        add(root / "mechanisms/y.toml", y)
    return merge(load_dataset(root))


# --- answers the documents imply ------------------------------------------------------------

@pytest.mark.parametrize("node", ["mtor", "bdnf", "synaptogenesis"])
@pytest.mark.parametrize("compound", COMPOUNDS)
def test_every_compound_raises_the_shared_pathway(graph: nx.DiGraph, compound: str, node: str):
    found = by_compound(graph, node)
    assert compound in found, f"{compound} does not reach {node}"
    conv = found[compound]
    assert conv.sign == "+"
    assert conv.path[0] == compound and conv.path[-1] == node
    assert all(graph.has_edge(a, b) for a, b in pairwise(conv.path))
    assert path_sign(graph, conv.path) == conv.sign


def test_ketamine_and_mgs0039_first_meet_at_the_glutamate_surge(graph: nx.DiGraph):
    result = shared_downstream(graph, ["ketamine", "mgs0039"])
    assert "glutamate_surge" in result.convergence
    assert "ampa_receptor" in result.shared
    assert "ampa_receptor" not in result.convergence
    assert {"bdnf", "mtor", "synaptogenesis"} <= set(result.shared)
    assert set(result.convergence) <= set(result.shared)
    routes_in = result.routes["glutamate_surge"]
    assert set(routes_in) == {"ketamine", "mgs0039"}
    for compound, conv in routes_in.items():
        assert conv.path[0] == compound and conv.path[-1] == "glutamate_surge"
    # their routes share no node before the surge
    ketamine, mgs0039 = (set(routes_in[c].path[:-1]) for c in ("ketamine", "mgs0039"))
    assert not ketamine & mgs0039


def test_shared_lists_convergence_before_what_follows(graph: nx.DiGraph):
    shared = shared_downstream(graph, ["ketamine", "mgs0039"]).shared
    assert shared.index("glutamate_surge") < shared.index("ampa_receptor") < shared.index("mtor")


def test_esketamine_lowers_the_nmda_receptor(graph: nx.DiGraph):
    conv = by_compound(graph, "nmda_receptor")["esketamine"]
    assert conv.sign == "-"
    assert conv.path == ("esketamine", "nmda_receptor")
    assert conv.via is None


def test_mij821_counts_for_nmda_receptor_via_nr2b(graph: nx.DiGraph):
    found = by_compound(graph, "nmda_receptor")
    conv = found["mij821"]
    assert conv.via == "nr2b_nmda_receptor"
    assert conv.path[-1] == "nr2b_nmda_receptor"
    assert conv.sign == "-"
    assert found["ketamine"].via is None


def test_mij821_does_not_reach_the_parent_itself(graph: nx.DiGraph):
    """Without is-a there is no route: the count comes from the child."""
    assert not nx.has_path(graph, "mij821", "nmda_receptor")


def test_compound_is_not_counted_for_itself(graph: nx.DiGraph):
    assert "ketamine" not in by_compound(graph, "ketamine")


def test_mij821_route_to_mtor_is_as_sure_as_its_surest_document(graph: nx.DiGraph):
    """Its cascade leans on hypothesised links (the receptor's inhibition "is hypothesized to
    trigger downstream signaling cascades"), and a route is as certain as its weakest link; the
    comparison says of both compounds that their effects "are believed to be mediated through
    ... the activation of ... mTOR": hedged, the surer of the two, and the answer."""
    conv = by_compound(graph, "mtor")["mij821"]
    assert (conv.path, conv.certainty) == (("mij821", "mtor"), "hedged")
    cascade = [r for r in routes(graph, "mij821", "mtor") if "downstream_signalling" in r.path]
    assert cascade and cascade[0].certainty == "hypothesised"
    assert "hypothesised" in [s["certainty"] for s in cascade[0].steps]


# --- names ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("onfasprodil", "mij821"),
    ("ONFASPRODIL", "mij821"),
    ("GluN2B", "nr2b_subunit"),
    ("gluN2b", "nr2b_subunit"),
    ("mammalian target of rapamycin", "mtor"),
    ("Mammalian Target Of Rapamycin", "mtor"),
    ("MTOR", "mtor"),
    ("S-ketamine", "esketamine"),
    ("  Ketamine ", "ketamine"),
    ("NMDA receptor", "nmda_receptor"),
])
def test_resolve_by_id_label_or_synonym_in_any_case(graph: nx.DiGraph, name: str, expected: str):
    assert resolve(graph, name) == expected


def test_every_id_plain_label_and_synonym_resolves(graph: nx.DiGraph, dataset: Dataset):
    for e in dataset.entities.values():
        for name in (e.id, plain(e.label), *e.synonyms):
            assert resolve(graph, name.swapcase()) == e.id, name


def test_label_as_written_resolves(graph: nx.DiGraph, dataset: Dataset):
    for e in dataset.entities.values():
        assert resolve(graph, e.label) == e.id, e.label


def test_unknown_name_suggests_the_closest(graph: nx.DiGraph):
    with pytest.raises(UsageError) as info:
        resolve(graph, "ketamin")
    assert info.value.exit_code == 2
    assert "did you mean" in str(info.value)
    assert "'ketamine'" in str(info.value)
    assert "\n" not in str(info.value)


def test_unknown_name_with_nothing_close_points_at_list(graph: nx.DiGraph):
    with pytest.raises(UsageError, match="pathways list"):
        resolve(graph, "qqqqqqqq")


def test_each_suggestion_is_named_once(tiny_graphs: Path):
    graph = tiny(tiny_graphs)
    with pytest.raises(UsageError) as info:
        resolve(graph, "Messenger Mx")
    suggested = re.findall(r"'([^']+)'", str(info.value).split("did you mean", 1)[1])
    assert len(suggested) == len(set(suggested)), str(info.value)


# --- shared ---------------------------------------------------------------------------------

@pytest.mark.parametrize("compounds", [["ketamine"], ["ketamine", "ketamine"], []])
def test_shared_needs_two_different_compounds(graph: nx.DiGraph, compounds: list[str]):
    with pytest.raises(UsageError) as info:
        shared_downstream(graph, compounds)
    assert info.value.exit_code == 2


def test_shared_of_all_four(graph: nx.DiGraph):
    result = shared_downstream(graph, COMPOUNDS)
    assert {"mtor", "bdnf", "synaptogenesis"} <= set(result.shared)
    for node in result.shared:
        assert all(nx.has_path(graph, c, node) for c in COMPOUNDS)
    assert not set(COMPOUNDS) & set(result.shared)


# --- JSON shapes ----------------------------------------------------------------------------

def test_convergence_json_shape(graph: nx.DiGraph):
    found = converging_compounds(graph, "mtor")
    data = json.loads(json.dumps([c.as_json() for c in found]))
    assert {c["id"] for c in data} >= set(COMPOUNDS)
    for c in data:
        assert {"id", "label", "path", "sign"} <= set(c)
        assert c["label"] == graph.nodes[c["id"]]["label"]
        assert c["path"][0] == c["id"] and c["path"][-1] == "mtor"
        assert c["sign"] in {"+", "-", "?"}


def test_shared_json_shape(graph: nx.DiGraph):
    data = json.loads(json.dumps(shared_downstream(graph, ["ketamine", "mgs0039"]).as_json()))
    assert {"compounds", "shared", "convergence"} <= set(data)
    assert data["compounds"] == ["ketamine", "mgs0039"]
    assert "glutamate_surge" in data["convergence"]


def test_route_json_shape(graph: nx.DiGraph):
    (first, *_) = routes(graph, "mgs0039", "mtor")
    data = json.loads(json.dumps(first.as_json()))
    assert data["path"][0] == "mgs0039" and data["path"][-1] == "mtor"
    assert len(data["steps"]) == len(data["path"]) - 1
    for step in data["steps"]:
        assert step["evidence"] and all(ev["quote"] for ev in step["evidence"])


# --- the merged graph -----------------------------------------------------------------------

def test_merged_graph_is_keyed_by_entity_id(graph: nx.DiGraph, dataset: Dataset):
    assert set(graph.nodes) == set(dataset.entities)


def test_shared_edge_keeps_every_mechanism_compound_and_quote(graph: nx.DiGraph,
                                                             dataset: Dataset):
    asserting = [m for m in dataset.mechanisms.values()
                 if any((e.source, e.target) == ("bdnf", "synaptogenesis") for e in m.edges)]
    assert len(asserting) >= 3
    data = graph.edges["bdnf", "synaptogenesis"]
    assert sorted(data["mechanisms"]) == sorted(m.id for m in asserting)
    assert sorted(data["compounds"]) == sorted(m.compound for m in asserting if m.compound)
    quotes = {(ev.source, ev.quote) for m in asserting for e in m.edges
              if (e.source, e.target) == ("bdnf", "synaptogenesis") for ev in e.evidence}
    assert {(ev["source"], ev["quote"]) for ev in data["evidence"]} == quotes


def test_subset_merge_keeps_only_what_the_mechanisms_use(dataset: Dataset):
    g = merge(dataset, ["mgs0039"])
    used = {n for e in dataset.mechanisms["mgs0039"].edges for n in (e.source, e.target)}
    assert set(g.nodes) == used
    assert all(d["mechanisms"] == ["mgs0039"] for _, _, d in g.edges(data=True))


def test_edge_is_stated_if_any_mechanism_states_it(tiny_graphs: Path):
    g = tiny(tiny_graphs, y=mechanism("y") + edge("drugol", "receptor_b", "inhibits",
                                                  "hypothesised"))
    assert g.edges["drugol", "receptor_b"]["status"] == "stated"
    assert g.edges["drugol", "receptor_b"]["mechanisms"] == ["x", "y"]


# --- is-a and signs on tiny graphs ----------------------------------------------------------

def test_is_a_child_counts_for_its_parent(tiny_graphs: Path):
    g = tiny(tiny_graphs)
    conv = by_compound(g, "receptor")["drugol"]
    assert conv.via == "receptor_b"
    assert conv.sign == "-"


def test_grandchild_counts_for_its_grandparent(tiny_graphs: Path):
    g = tiny(tiny_graphs,
             entities=entity("receptor_b2", "receptor", parent="receptor_b")
             + entity("drugine", "compound"),
             y=mechanism("y", "drugine") + edge("drugine", "receptor_b2", "antagonises"))
    conv = by_compound(g, "receptor")["drugine"]
    assert conv.via == "receptor_b2"
    assert conv.sign == "-"


def test_double_negative_is_positive(tiny_graphs: Path):
    g = tiny(tiny_graphs)
    conv = by_compound(g, "messenger")["drugol"]
    assert [g.edges[a, b]["sign"] for a, b in pairwise(conv.path)] == ["-", "-"]
    assert conv.sign == "+"


def test_routes_of_opposite_sign_are_both_reported(tiny_graphs: Path):
    g = tiny(tiny_graphs, x=edge("drugol", "messenger", "decreases"))
    conv = by_compound(g, "messenger")["drugol"]
    assert set(conv.signs) == {"+", "-"}
    assert conv.sign == path_sign(g, conv.path)
    assert {r.sign for r in routes(g, "drugol", "messenger")} == {"+", "-"}


def test_unknown_effect_sign_gives_unknown_net_sign(tiny_graphs: Path):
    edit = tiny_graphs / "mechanisms/x.toml"
    edit.write_text(edit.read_text().replace('effect = "promotes"', 'effect = "modulates"'))
    g = tiny(tiny_graphs)
    conv = by_compound(g, "growth")["drugol"]
    assert conv.sign == "?"
    assert conv.signs == ("?",)
    (route,) = routes(g, "drugol", "growth")
    assert route.sign == "?"


def test_route_sign_is_the_product_of_its_steps(graph: nx.DiGraph):
    for compound in COMPOUNDS:
        for route in routes(graph, compound, "synaptogenesis", limit=50):
            assert route.sign == product([s["sign"] for s in route.steps])


def test_shorter_routes_come_first_and_say_how_certain_they_are(tiny_graphs: Path):
    g = tiny(tiny_graphs, x=edge("drugol", "growth", "promotes", "hypothesised"))
    found = routes(g, "drugol", "growth")
    assert [r.certainty for r in found] == ["hypothesised", "stated"]
    assert len(found[0].path) < len(found[1].path)
    conv = by_compound(g, "growth")["drugol"]
    assert conv.certainty == "hypothesised"
    assert conv.path == found[0].path
    assert conv.surer == found[1].path  # the longer stated route is named too


def test_the_more_certain_route_within_max_steps_is_the_surest_there_is(tiny_graphs: Path):
    # drugol -> growth directly (hypothesised, 1 step), through a hub (hedged, 2 steps), and by
    # the stated route through receptor B and messenger M (3 steps).
    g = tiny(tiny_graphs, entities=entity("hub", "protein"),
             x=edge("drugol", "growth", "promotes", "hypothesised")
             + edge("drugol", "hub", "activates", "hedged") + edge("hub", "growth", "promotes"))
    stated = ("drugol", "receptor_b", "messenger", "growth")
    hedged = ("drugol", "hub", "growth")
    for max_steps, surer in ((None, stated), (3, stated), (2, hedged), (1, ())):
        [conv] = [c for c in converging_compounds(g, "growth", max_steps=max_steps)
                  if c.compound == "drugol"]
        assert (conv.path, conv.certainty) == (("drugol", "growth"), "hypothesised")
        assert conv.surer == surer, max_steps


def test_the_more_certain_route_is_judged_by_the_compounds_own_files(tiny_graphs: Path):
    # Drugol's own file calls messenger -> hub hypothesised; another mechanism states it, and
    # states a longer way on to t through c1 and c2. Drugol's route through the hub is
    # hypothesised for drugol, so the stated way through c1 and c2 is its more certain route.
    g = tiny(tiny_graphs, entities=entity("hub") + entity("c1") + entity("c2") + entity("t"),
             x=edge("messenger", "hub", "activates", "hypothesised"),
             y=mechanism("y") + edge("messenger", "hub", "activates") + edge("hub", "t", "activates")
             + edge("messenger", "c1", "activates") + edge("c1", "c2", "activates")
             + edge("c2", "t", "activates"))
    for max_steps in (None, 5):
        [conv] = [c for c in converging_compounds(g, "t", max_steps=max_steps)
                  if c.compound == "drugol"]
        assert conv.path == ("drugol", "receptor_b", "messenger", "hub", "t")
        assert (conv.certainty, conv.own) == ("hypothesised", False)
        assert conv.surer == ("drugol", "receptor_b", "messenger", "c1", "c2", "t")
        assert conv.surer_certainty == "stated"
    [conv] = [c for c in converging_compounds(g, "t", max_steps=4) if c.compound == "drugol"]
    assert conv.surer == ()


def test_the_more_certain_route_is_labelled_as_its_compound_sees_it(tiny_graphs: Path):
    # Drugol's file calls hub -> growth hedged, another mechanism states it: for drugol the
    # route through the hub is hedged, and the text and the JSON say so.
    from click.testing import CliRunner

    from pathways.cli import main

    tiny(tiny_graphs, entities=entity("hub"),
         x=edge("drugol", "growth", "promotes", "hypothesised")
         + edge("drugol", "hub", "activates") + edge("hub", "growth", "promotes", "hedged"),
         y=mechanism("y") + edge("hub", "growth", "promotes"))
    ask = ["--graphs", str(tiny_graphs), "converge", "growth", "--max-steps", "2"]
    text = CliRunner().invoke(main, ask).output
    assert "a more certain route (2 steps; hedged in the source): Drugol -> Hub -> Growth" \
        in text, text
    [data] = [c for c in json.loads(CliRunner().invoke(main, [*ask, "--json"]).output)["compounds"]
              if c["id"] == "drugol"]
    assert data["more_certain_route"] == ["drugol", "hub", "growth"]
    assert data["more_certain_route_certainty"] == "hedged"


def test_among_equally_short_routes_the_more_certain_comes_first(tiny_graphs: Path):
    # A second three-step route to growth, through a hedged link.
    g = tiny(tiny_graphs, entities=entity("hub", "protein"),
             x=edge("drugol", "hub", "activates", "hedged") + edge("hub", "messenger", "activates"))
    found = routes(g, "drugol", "growth")
    assert [(len(r.path), r.certainty) for r in found] == [(4, "stated"), (4, "hedged")]
    assert by_compound(g, "growth")["drugol"].path == found[0].path


def test_among_stated_routes_shorter_comes_first(tiny_graphs: Path):
    g = tiny(tiny_graphs, x=edge("drugol", "growth", "promotes"))
    found = routes(g, "drugol", "growth")
    assert [len(r.path) for r in found] == sorted(len(r.path) for r in found)
    assert found[0].path == ("drugol", "growth")


def test_routes_respects_limit(graph: nx.DiGraph):
    assert len(routes(graph, "ketamine", "antidepressant_effect", limit=2)) == 2


def test_route_borrowed_from_another_mechanism_is_named(tiny_graphs: Path):
    g = tiny(tiny_graphs, entities=entity("drugine", "compound"),
             y=mechanism("y", "drugine") + edge("drugine", "receptor_b", "inhibits"))
    conv = by_compound(g, "growth")["drugine"]
    assert conv.inferred_from == ("x",)
    assert not conv.own
    assert by_compound(g, "growth")["drugol"].inferred_from == ()


# --- cycles are legal: queries must stay right on them --------------------------------------

def test_feedback_loop_adds_no_sign_that_no_route_has(tiny_graphs: Path):
    # drugol -| receptor_b -| messenger -> growth, plus messenger -> receptor_b (a loop)
    g = tiny(tiny_graphs, x=edge("messenger", "receptor_b", "activates"))
    conv = by_compound(g, "growth")["drugol"]
    route_signs = {r.sign for r in routes(g, "drugol", "growth")}
    assert set(conv.signs) == route_signs
    assert conv.loop_signs == ("-",)  # found only by going round the loop, and said so


def test_shared_finds_a_meeting_point_on_a_loop(tiny_graphs: Path):
    g = tiny(tiny_graphs, entities=entity("drugine", "compound"),
             x=edge("messenger", "receptor_b", "activates"),
             y=mechanism("y", "drugine") + edge("drugine", "receptor_b", "inhibits"))
    result = shared_downstream(g, ["drugol", "drugine"])
    assert "receptor_b" in result.shared
    assert "receptor_b" in result.convergence



def test_shared_meeting_points_follow_the_compounds_own_links(graphs_dir: Path):
    """Esketamine's document has BDNF activate mTOR; Mij821's and MGS0039's reach BDNF and mTOR
    side by side. Their routes first meet at both, not at BDNF alone; with esketamine asked
    about too, its BDNF -> mTOR counts again. Ketamine and MGS0039 still meet first at the
    glutamate surge (and dopamine), nothing downstream of it."""
    graph = merge(load_dataset(graphs_dir))
    pair = shared_downstream(graph, ["mij821", "mgs0039"])
    assert pair.convergence == ("bdnf", "mtor")
    for point in pair.convergence:
        assert set(pair.routes[point]) == {"mij821", "mgs0039"}
        for found in pair.routes[point].values():
            assert "bdnf" not in found.path[:-1] and "mtor" not in found.path[:-1]
    assert shared_downstream(graph, ["ketamine", "mgs0039"]).convergence == (
        "dopamine", "glutamate_surge")
    everyone = shared_downstream(graph, ["ketamine", "esketamine", "mij821", "mgs0039"])
    assert everyone.convergence == ("bdnf",)


def test_a_step_leads_with_the_quotes_that_make_it_as_certain_as_it_says(graphs_dir: Path):
    """On ketamine's route, BDNF -> synaptogenesis is stated (the MGS0039/ketamine document),
    but its first quote shown was another document's "are believed to": the quotes of the
    route's own documents now come first, surest first, a contradicting one last."""
    graph = merge(load_dataset(graphs_dir))
    for route in routes(graph, "ketamine", "antidepressant_effect", 5):
        for step in route.steps:
            evidence = step["evidence"]
            if step["certainty"] == "stated":
                assert evidence[0]["certainty"] == "stated", (step["source"], step["target"])
            flags = [e["contradicts"] for e in evidence]
            assert flags == sorted(flags)


def test_shared_says_which_compounds_reach_a_node_only_through_others_links(graphs_dir: Path):
    """GluA1 and PSD-95 come from esketamine's document: Mij821 and MGS0039 share them only
    through its links, and `shared` listed them beside what their own documents say, unflagged."""
    graph = merge(load_dataset(graphs_dir))
    pair = shared_downstream(graph, ["mij821", "mgs0039"])
    assert pair.inferred["psd95"] == ("mij821", "mgs0039")
    assert pair.inferred["protein_synthesis"] == ("mgs0039",)  # Mij821's own document has it
    assert "bdnf" not in pair.inferred and "mtor" not in pair.inferred
    assert pair.as_json()["inferred_for"]["glua1"] == ["mij821", "mgs0039"]
    with_esketamine = shared_downstream(graph, ["esketamine", "mij821"])
    assert "esketamine" not in with_esketamine.inferred.get("psd95", ())


@pytest.mark.parametrize("compound", COMPOUNDS)
def test_a_step_of_a_compound_s_own_link_speaks_its_own_file_s_verb(dataset: Dataset,
                                                                     graph: nx.DiGraph,
                                                                     compound: str):
    """AMPA receptor -> BDNF is "releases" in esketamine's file and "activates" in ketamine's
    and MGS0039's: merged, it took the first file's verb, and MGS0039's own route read
    "AMPA receptor releases BDNF", a word no MGS0039 document has. A step on a link the
    compound's own files assert now says what they say."""
    files = {(e.source, e.target): e.effect for m in dataset.mechanisms.values()
             if m.compound == compound for e in m.edges}
    checked = 0
    for node in ("bdnf", "synaptogenesis", "antidepressant_effect"):
        for route in routes(graph, compound, node, 10):
            for step in route.steps:
                if (step["source"], step["target"]) in files:
                    assert step["effect"] == files[step["source"], step["target"]], (
                        compound, step["source"], step["target"])
                    checked += 1
    assert checked
    if compound in ("ketamine", "mgs0039"):
        steps = [s for r in routes(graph, compound, "bdnf", 10) for s in r.steps
                 if (s["source"], s["target"]) == ("ampa_receptor", "bdnf")]
        assert steps and all(s["effect"] == "activates" for s in steps)
