"""How certain each link is and whose it is, said the same way by check, the queries, the figures
and the text: hedges, contradicting quotes, documents that disagree, research tools, own versus
inferred routes, part-of and is-a, and signs that state no biology the documents do not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner, Result

from helpers import edit as edit_file
from pathways.cli import main
from pathways.describe import account_of_graph
from pathways.load import load_dataset
from pathways.merge import drawn_label, merge
from pathways.queries import converging_compounds, resolve, routes, shared_downstream
from pathways.views import compounds_view, view_from_graph


def run(graphs: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--graphs", str(graphs), *args])


@pytest.fixture(scope="module")
def graph(graphs_dir: Path) -> nx.DiGraph:
    return merge(load_dataset(graphs_dir))


def edit(root: Path, old: str, new: str, file: str = "mechanisms/x.toml") -> None:
    edit_file(root / file, old, new)


# --- check ---------------------------------------------------------------------------------

def test_a_hedged_quote_marked_stated_is_reported_with_its_line(tiny_graphs: Path):
    edit(tiny_graphs, 'quote = "Messenger M promotes growth."',
         'quote = "Messenger M is believed to promote growth."')
    result = run(tiny_graphs, "check")
    assert result.exit_code == 0, result.output  # a warning, not an error
    (line,) = [ln for ln in result.output.splitlines() if "hedges" in ln]
    assert line.startswith("warning: ") and "x.toml:" in line and "messenger -> growth" in line
    assert "(believed)" in line


def test_a_hedged_quote_marked_hedged_is_not_reported(tiny_graphs: Path):
    edit(tiny_graphs, 'effect = "promotes"\n', 'effect = "promotes"\nstatus = "hedged"\n')
    edit(tiny_graphs, 'quote = "Messenger M promotes growth."',
         'quote = "Messenger M is believed to promote growth."')
    result = run(tiny_graphs, "check")
    assert "hedges" not in result.output
    g = merge(load_dataset(tiny_graphs))
    assert g.edges["messenger", "growth"]["status"] == "hedged"


def test_a_contradicting_quote_is_kept_reported_and_never_support(tiny_graphs: Path):
    edit(tiny_graphs, 'quote = "Messenger M promotes growth."',
         'quote = "Messenger M promotes growth."\n[[edge.evidence]]\nsource = "tiny-doc"\n'
         'contradicts = true\nstatus = "hedged"\nquote = "Messenger M may not affect growth."')
    result = run(tiny_graphs, "check")
    assert result.exit_code == 0
    assert any("contradicts the edge" in ln and "messenger -> growth" in ln
               for ln in result.output.splitlines())
    g = merge(load_dataset(tiny_graphs))
    d = g.edges["messenger", "growth"]
    assert d["status"] == "stated"  # certainty from the supporting quote only
    assert [e["contradicts"] for e in d["evidence"]] == [False, True]
    text = account_of_graph(g, "drugol").text()
    assert "contradicted by [1]" in text


def test_an_edge_only_contradicted_is_an_error(tiny_graphs: Path):
    edit(tiny_graphs, 'quote = "Messenger M promotes growth."',
         'contradicts = true\nquote = "Messenger M promotes growth."')
    result = run(tiny_graphs, "check")
    assert result.exit_code == 1
    assert "nothing supports it" in result.output


def test_conflicting_measures_are_both_kept_and_reported(tiny_graphs: Path):
    (tiny_graphs / "sources.toml").write_text(
        (tiny_graphs / "sources.toml").read_text(encoding="utf-8")
        + '\n[[source]]\nid = "other-doc"\ntitle = "Another Document"\n'
          'address = "https://example.org/other"\n', encoding="utf-8")
    edit(tiny_graphs, 'quote = "Drugol inhibits receptor B."',
         'quote = "Drugol inhibits receptor B."\n[[edge.measure]]\nname = "IC_{50}"\n'
         'value = "8 nM"\ncontext = "human"\nsource = "tiny-doc"\nquote = "IC50 8 nM"\n'
         '[[edge.measure]]\nname = "IC_{50}"\nvalue = "9 nM"\ncontext = "human"\n'
         'source = "other-doc"\nquote = "IC50 9 nM"')
    result = run(tiny_graphs, "check")
    assert result.exit_code == 0
    (line,) = [ln for ln in result.output.splitlines() if "disagree" in ln]
    assert "8 nM (tiny-doc)" in line and "9 nM (other-doc)" in line
    g = merge(load_dataset(tiny_graphs))
    view = view_from_graph(g, "v")
    (edge,) = [e for e in view.edges if (e.source, e.target) == ("drugol", "receptor_b")]
    assert edge.lines == ("IC_{50} 8 nM [1] vs 9 nM [2] (human)",)
    assert "[1] A Tiny Document About Drugol" in view.notes
    assert "[2] Another Document" in view.notes


def test_the_documents_disagree_at_six_weeks_and_check_says_so(graphs_dir: Path):
    out = run(graphs_dir, "check").output
    assert any("mij821-phase2-workflow" in ln and "disagree" in ln for ln in out.splitlines())


def test_a_synonym_naming_part_of_an_unlinked_entity_is_reported(tiny_graphs: Path):
    edit(tiny_graphs, 'label = "Messenger M"\n', 'label = "Messenger M"\nsynonyms = ["Growth"]\n',
         file="entities.toml")
    edit(tiny_graphs, 'label = "Growth"\n', 'label = "Growth factor"\n', file="entities.toml")
    out = run(tiny_graphs, "check").output
    assert any("synonym 'Growth'" in ln and "growth" in ln for ln in out.splitlines()), out


def test_shipped_data_has_no_hedged_quote_marked_stated(graphs_dir: Path):
    assert "hedges" not in run(graphs_dir, "check").output


# --- research tools ------------------------------------------------------------------------

def test_list_shows_research_tools_apart(graphs_dir: Path):
    data = json.loads(run(graphs_dir, "list", "--json").output)
    assert "ro25_6981" not in {c["id"] for c in data["compounds"]}
    assert [t["id"] for t in data["research tools"]] == ["ro25_6981"]


def test_a_tool_is_not_counted_through_other_compounds_links(graph: nx.DiGraph):
    found = {c.compound: c for c in converging_compounds(graph, "antidepressant_effect")}
    assert "ro25_6981" not in found
    asked = {c.compound: c for c in converging_compounds(graph, "antidepressant_effect",
                                                         include_tools=True)}
    assert asked["ro25_6981"].inferred_from  # counted when asked, and flagged as borrowed
    assert not asked["ro25_6981"].own


def test_a_tool_is_counted_where_its_own_evidence_reaches(graph: nx.DiGraph):
    found = {c.compound: c for c in converging_compounds(graph, "ltp")}
    assert found["ro25_6981"].own and found["ro25_6981"].path == ("ro25_6981", "ltp")
    assert found["ro25_6981"].sign == "-"


def test_a_tool_wears_its_own_badge(graph: nx.DiGraph):
    view = view_from_graph(graph.subgraph(["ro25_6981", "ltp"]).copy(), "v")
    assert {n.id: n.kind for n in view.nodes}["ro25_6981"] == "tool"


# --- own versus inferred, the same in converge, shared and path ----------------------------

def test_mij821_on_ltp_is_its_own_inferred_link_with_no_sign(graph: nx.DiGraph):
    conv = {c.compound: c for c in converging_compounds(graph, "ltp")}["mij821"]
    assert conv.own and conv.sign == "?" and conv.certainty == "hypothesised"


def test_converge_json_carries_certainty_and_inferred_from(graphs_dir: Path):
    data = json.loads(run(graphs_dir, "converge", "mTOR", "--json").output)
    for c in data["compounds"]:
        assert c["certainty"] in ("stated", "hedged", "hypothesised")
        assert isinstance(c["inferred_from"], list)
        assert c["own"] == (c["inferred_from"] == [])
    owns = [c["own"] for c in data["compounds"]]
    assert owns == sorted(owns, reverse=True)  # own routes first


def test_shared_finds_the_nmda_receptor_both_target_through_is_a(graph: nx.DiGraph):
    result = shared_downstream(graph, ["ketamine", "mij821"])
    assert "nmda_receptor" in result.convergence
    via = result.routes["nmda_receptor"]["mij821"]
    assert via.via == "nr2b_nmda_receptor" and via.via_relation == "is-a"


@pytest.mark.parametrize(("compound", "node"), [("mij821", "nmda_receptor"),
                                                ("ketamine", "synaptogenesis"),
                                                ("mgs0039", "mtor"),
                                                ("esketamine", "antidepressant_effect")])
def test_converge_shared_and_path_agree(graph: nx.DiGraph, compound: str, node: str):
    conv = {c.compound: c for c in converging_compounds(graph, node)}[compound]
    first = routes(graph, compound, node, limit=3)[0]
    assert (first.path, first.sign, first.certainty, first.inferred_from) == \
        (conv.path, conv.sign, conv.certainty, conv.inferred_from)
    other = "ketamine" if compound != "ketamine" else "mgs0039"
    shared = shared_downstream(graph, [compound, other])
    for point, by_compound in shared.routes.items():
        same = {c.compound: c for c in converging_compounds(graph, point)}[compound]
        assert by_compound[compound] == same


def test_path_prints_each_quote_once_and_says_whose_links(graphs_dir: Path):
    out = run(graphs_dir, "path", "ketamine", "mtor").output
    for block in out.split("\n  ")[1:]:
        quotes = re.findall(r"\u201c(.*?)\u201d", block)
        assert len(quotes) == len(set(quotes))
    assert "(own route)" in out


def test_path_names_borrowed_links(graphs_dir: Path):
    out = run(graphs_dir, "path", "ro25_6981", "antidepressant_effect").output
    assert out.startswith("Route 1 (inferred route)")
    assert "; from " in out  # each borrowed step names the mechanism it comes from


# --- names ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["NR2B", "GluN2B", "nr2b subunit", "GluN2B subunit"])
def test_the_documents_names_for_the_subunit_resolve_together(graph: nx.DiGraph, name: str):
    assert resolve(graph, name) == "nr2b_subunit"


def test_a_compound_on_the_receptor_counts_for_its_subunit(graph: nx.DiGraph):
    found = {c.compound: c for c in converging_compounds(graph, "nr2b_subunit")}
    assert found["mij821"].via == "nr2b_nmda_receptor"
    assert found["mij821"].via_relation == "part-of"
    assert "ketamine" not in found  # ketamine acts on NMDA receptors in general


# --- signs that state no biology the documents do not --------------------------------------

def test_no_block_is_turned_into_an_inhibition_of_downstream_signalling(graph: nx.DiGraph):
    invented = [(a, b) for a, b, d in graph.edges(data=True)
                if b == "downstream_signalling" and d["effect"] == "inhibits"]
    assert invented == []


@pytest.mark.parametrize("compound", ["ketamine", "esketamine", "mij821", "mgs0039"])
def test_describe_reads_aloud(graphs_dir: Path, compound: str):
    text = run(graphs_dir, "describe", compound).output
    body = text.split("\n\nSources:\n")[0]
    assert "^{" not in text and "_{" not in text
    assert not re.search(r"\([^()]*\(", body), "doubled parentheses"
    assert ":;" not in text and ";;" not in text
    assert "inhibits downstream" not in body.casefold()
    for paragraph in body.split("\n\n")[1:]:
        assert (paragraph.endswith(".") and paragraph[0].isupper()) or paragraph[0] == "m"


def test_describe_says_certainty_in_words(graphs_dir: Path):
    text = run(graphs_dir, "describe", "mij821").output
    assert "is believed to" in text or "are believed to" in text
    assert "is hypothesised to" in text or "are hypothesised to" in text
    assert "A reduction in" in text
    assert "IC₅₀ 8 nM (human)" in text


def test_figure_alt_text_and_notes_have_no_markup(catalog: Path):
    manifest = json.loads((catalog / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["figures"]:
        for key in ("alt_text", "notes"):
            assert "^{" not in entry[key] and "_{" not in entry[key], entry["id"]
        assert len(entry["alt_text"]) < len(entry["notes"])


def test_a_route_is_as_certain_as_its_own_files_say(graph: nx.DiGraph):
    """MGS0039's document only implies glutamate -> AMPA; esketamine's states it. MGS0039's
    own route through the surge is hypothesised, not lent the other document's certainty; what
    its document does say plainly ("Both MGS0039 and ketamine ultimately lead to ... the
    activation of ... AMPA receptors") is its surest answer, one stated step."""
    assert graph.edges["glutamate_surge", "ampa_receptor"]["status"] == "stated"
    through = [r for r in routes(graph, "mgs0039", "ampa_receptor")
               if "glutamate_surge" in r.path]
    assert through and through[0].own and through[0].certainty == "hypothesised"
    conv = {c.compound: c for c in converging_compounds(graph, "ampa_receptor")}
    assert conv["mgs0039"].path == ("mgs0039", "ampa_receptor")
    assert conv["mgs0039"].certainty == "stated" and conv["mgs0039"].own
    assert conv["esketamine"].certainty == "hedged"  # its own 'postulated' disinhibition step


# --- labels speak for the evidence the line is drawn from ----------------------------------

def test_a_label_rides_only_on_a_line_its_own_evidence_draws():
    """A label belongs to its mechanism's claim: the weaker mechanism's 'implied' never sits on
    the line a stronger mechanism draws, and of equally strong ones the first in order labels."""
    evidence = [{"mechanism": "weak", "status": "hypothesised", "contradicts": False},
                {"mechanism": "strong", "status": "hedged", "contradicts": False},
                {"mechanism": "also", "status": "hedged", "contradicts": False}]
    assert drawn_label({"weak": "implied"}, evidence, ["weak", "strong", "also"]) == ""
    assert drawn_label({"weak": "implied", "also": "expression"}, evidence,
                       ["weak", "strong", "also"]) == "expression"
    only_weak = evidence[:1]
    assert drawn_label({"weak": "implied"}, only_weak, ["weak"]) == "implied"


@pytest.mark.parametrize("compounds", [["ketamine"], ["ketamine", "mgs0039"], ["esketamine"],
                                       ["mij821"]])
def test_no_line_drawn_surer_than_implied_is_labelled_implied(graph: nx.DiGraph,
                                                              compounds: list[str]):
    """`render ketamine` merges every document's links: synaptogenesis -> antidepressant effect is
    hedged there (Mij821's comparison: "believed to be mediated"), so esketamine's
    "implied: thought to reverse synaptic deficits" must not label its dotted line."""
    view = compounds_view(graph, compounds, "v")
    for e in view.edges:
        if e.label.startswith("implied"):
            assert e.status == "hypothesised", (e.source, e.target, e.label, e.status)
    edge = next(e for e in view.edges
                if (e.source, e.target) == ("synaptogenesis", "antidepressant_effect"))
    assert edge.status in ("hedged", "hypothesised")


def test_mgs0039s_document_only_implies_that_synaptogenesis_brings_the_effect(graph: nx.DiGraph):
    """"...demonstrate rapid antidepressant-like effects by modulating the glutamatergic system,
    culminating in ... synaptogenesis": the effects come by the modulation; that synaptogenesis
    causes them is implied, and the MGS0039 figure draws it dashed and labelled so. That MGS0039
    has the effect at all is stated ("It has demonstrated antidepressant and anxiolytic-like
    effects in animal models"): `converge` answers with that finding, in one step, labelled as
    the animal models it comes from."""
    d = graph.edges["synaptogenesis", "antidepressant_effect"]
    mgs = [e for e in d["evidence"] if e["source"] == "mgs0039-vs-ketamine"]
    assert mgs and all(e["status"] == "hypothesised" for e in mgs)
    conv = {c.compound: c for c in converging_compounds(graph, "antidepressant_effect")}
    assert conv["mgs0039"].path == ("mgs0039", "antidepressant_effect")
    assert conv["mgs0039"].certainty == "stated"
    assert graph.edges["mgs0039", "antidepressant_effect"]["label"] == "in animal models"
    cascade = [r for r in routes(graph, "mgs0039", "antidepressant_effect")
               if "synaptogenesis" in r.path]
    assert cascade and cascade[0].certainty == "hypothesised"


