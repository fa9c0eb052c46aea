"""The shipped workflows say what their documents say: every result the documents give for the
design (all time points, every arm, both values where two documents disagree), no certainty or
randomisation the documents do not state, examples kept as examples."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from pathways.cli import main
from pathways.describe import describe_workflow
from pathways.labels import plain
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.model import Dataset, Status, Workflow
from pathways.validate import hedge_words
from pathways.views import View, ViewNode, figure_view

PHASE2 = "mij821-phase2-workflow"
ESKETAMINE = "esketamine-trial-workflow"
# The two documents that give the Phase 2 results, by their titles.
GUIDE = "An In-Depth Technical Guide to the Mechanism of Action of Mij821 (Onfasprodil)"
COMPARATIVE = "A Comparative Analysis of Mij821 and Ketamine for Treatment-Resistant Depression"


@pytest.fixture(scope="module")
def dataset(graphs_dir: Path) -> Dataset:
    return load_dataset(graphs_dir)


@pytest.fixture(scope="module")
def views(dataset: Dataset) -> dict[str, View]:
    graph = merge(dataset)
    return {f: figure_view(dataset, graph, spec, None) for f, spec in dataset.figures.items()
            if spec.workflow}


def node(view: View, label: str) -> ViewNode:
    """The one box whose title is `label`."""
    found = [n for n in view.nodes if plain(n.label) == label]
    assert len(found) == 1, (label, [n.label for n in view.nodes])
    return found[0]


def flow(workflow: Workflow) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(s.id for s in workflow.steps)
    g.add_edges_from((ln.source, ln.target) for ln in workflow.links)
    return g


def cite(view: View, title: str) -> str:
    """The '[n]' a figure's footnotes give the document titled `title`."""
    found = [m.group(1) for note in view.notes if (m := re.fullmatch(r"(\[\d+\]) (.+)", note))
             and m.group(2) == title]
    assert len(found) == 1, view.notes
    return found[0]


# --- Phase 2 study of Mij821 ---------------------------------------------------------------------

def test_phase2_figure_shows_every_arm_at_24_h_48_h_and_6_weeks(views: dict[str, View]) -> None:
    view = views[PHASE2]
    expected = {
        "MADRS vs placebo at 24 h": ["Mij821 0.16 mg/kg: \u22128.25 (p=0.001)",
                                     "Mij821 0.32 mg/kg: \u22125.71 (p=0.019)",
                                     "Ketamine 0.5 mg/kg: \u22125.67 (p=0.046)"],
        "MADRS vs placebo at 48 h": ["Mij821 0.16 mg/kg: \u22127.06 (p=0.013)",
                                     "Mij821 0.32 mg/kg: \u22127.37 (p=0.013)",
                                     "Ketamine 0.5 mg/kg: \u221211.02 (p=0.019)"],
    }
    for label, lines in expected.items():
        assert [x for x in node(view, label).lines if ":" in x and "mg/kg" in x] == lines
    six = node(view, "MADRS vs placebo at 6 weeks").lines
    assert "Ketamine 0.5 mg/kg: \u22125.24 (p=0.097)" in six


def test_phase2_figure_keeps_both_6_week_values_with_both_sources(views: dict[str, View]) -> None:
    """The two documents disagree at 6 weeks (value and significance): the figure shows both,
    each numbered, and the footnotes name both documents under those numbers."""
    view = views[PHASE2]
    guide, comparative = cite(view, GUIDE), cite(view, COMPARATIVE)
    six = node(view, "MADRS vs placebo at 6 weeks").lines
    assert f"Mij821 0.16 mg/kg: \u22125.78 (p=0.0427) {guide} vs \u22126.46 (p=0.059) {comparative}" in six
    assert f"Mij821 0.32 mg/kg: \u22124.24 (p=0.1133) {guide} vs \u22125.42 (p=0.099) {comparative}" in six
    assert any("documents disagree" in n for n in view.notes)
    # Where they agree (24 h) one value is shown, without numbers.
    assert not any("[" in x for x in node(view, "MADRS vs placebo at 24 h").lines)


def test_phase2_svg_draws_both_6_week_values(catalog: Path, graphs_dir: Path) -> None:
    svg = (catalog / f"{PHASE2}.svg").read_text(encoding="utf-8")
    dataset = load_dataset(graphs_dir)
    n = dataset.citation_numbers(dataset.workflows[PHASE2].cited_sources())
    guide, comparative = n["mij821-mechanism"], n["mij821-vs-ketamine"]
    for text in (f"\u22125.78 (p=0.0427) [{guide}]", f"\u22126.46 (p=0.059) [{comparative}]",
                 f"\u22124.24 (p=0.1133) [{guide}]", f"\u22125.42 (p=0.099) [{comparative}]", "48 h",
                 "6 weeks", "\u221211.02"):
        assert text in svg, text
    for sid, number in ((("mij821-mechanism", guide), ("mij821-vs-ketamine", comparative))):
        first_words = " ".join(dataset.sources[sid].title.split()[:2])
        assert f"[{number}] {first_words}" in svg  # the footnote names it (wrapped)


def test_phase2_speaker_notes_give_all_time_points_and_the_disagreement(dataset: Dataset) -> None:
    text = describe_workflow(dataset, dataset.workflows[PHASE2])
    body, sources = text.split("\n\nSources:\n")
    number = {title: m.group(1) for title in (GUIDE, COMPARATIVE)
              if (m := re.search(rf"(\[\d+\]) [^\n]*{re.escape(title)}", sources))}
    assert len(number) == 2
    for when in ("24 h", "48 h", "6 weeks"):
        assert f"MADRS vs placebo at {when}" in body
    g, c = number[GUIDE], number[COMPARATIVE]
    assert (f"Mij821 0.16 mg/kg \u22125.78 (p=0.0427) {g}, but \u22126.46 (p=0.059) {c} "
            "(the documents disagree)") in body
    assert (f"Mij821 0.32 mg/kg \u22124.24 (p=0.1133) {g}, but \u22125.42 (p=0.099) {c} "
            "(the documents disagree)") in body
    assert "Ketamine 0.5 mg/kg \u221211.02 (p=0.019)" in body


def test_check_reports_the_6_week_disagreement(graphs_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "check"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines()
             if "mij821-phase2-workflow.toml" in ln and "documents disagree" in ln]
    assert len(lines) == 2, result.output
    assert all("step 'result_6w'" in ln and "both are kept" in ln for ln in lines)
    low = next(ln for ln in lines if "0.16 mg/kg" in ln)
    assert "-5.78 (p=0.0427) (mij821-mechanism)" in low and "-6.46 (p=0.059) (mij821-vs-ketamine)" in low


def test_phase2_primary_endpoint_follows_the_first_dose(dataset: Dataset) -> None:
    """The 24 h endpoint is reached from every arm without passing the 6 weeks of dosing, and the
    6-week result only after it."""
    wf = dataset.workflows[PHASE2]
    g = flow(wf)
    arms = [s.id for s in wf.steps if s.kind == "arm"]
    assert len(arms) == 4
    assert "dosing" not in nx.ancestors(g, "result_24h")
    assert all(g.has_edge(arm, "result_24h") for arm in arms)
    assert "dosing" in nx.ancestors(g, "result_6w") and "result_24h" in nx.ancestors(g, "dosing")
    primary = next(s for s in wf.steps if s.id == "result_24h")
    assert any("24 hours after the first dose" in e.quote for e in primary.evidence)


# --- Esketamine trial workflow -------------------------------------------------------------------

def test_esketamine_trial_shows_each_trial_with_its_design(views: dict[str, View]) -> None:
    view = views[ESKETAMINE]
    transform = node(view, "TRANSFORM-2").lines
    assert "Phase 3, + new oral AD" in transform and "Flexible 56 or 84 mg" in transform
    assert "Esketamine + oral AD: \u22124.0 (p=0.020), N=114, response 69.3%, remission 52.5%" \
        in transform
    assert "Placebo + oral AD: N=109, response 52.0%, remission 31.0%" in transform
    mono = node(view, "Monotherapy").lines
    assert "Phase 4, no oral AD" in mono and "NCT04599855" in mono
    assert {"Esketamine 56 mg: \u22125.1 (p<0.001), N=114", "Esketamine 84 mg: \u22126.8 (p<0.001), N=112",
            "Placebo: N=152", "Response, remission: not reported"} <= set(mono)
    # The monotherapy panel never claims an oral antidepressant.
    assert not any("+ new oral AD" in x or "+ oral AD" in x for x in mono)


def test_esketamine_trial_results_both_follow_the_primary_endpoint(dataset: Dataset) -> None:
    g = flow(dataset.workflows[ESKETAMINE])
    assert set(g.successors("primary")) == {"transform2", "monotherapy"}
    arms = {s.id: s for s in dataset.workflows[ESKETAMINE].steps if s.kind == "arm"}
    # The protocol's doses are examples, and the oral antidepressant is for adjunct trials only.
    assert "e.g. 56 or 84 mg" in arms["esketamine"].details
    assert all("Adjunct: + new oral AD" in a.details for a in arms.values())


# --- Every workflow ------------------------------------------------------------------------------

def test_no_workflow_quote_with_a_hedge_word_is_marked_stated(dataset: Dataset) -> None:
    bad = []
    for wf in dataset.workflows.values():
        items = [(s.id, e) for s in wf.steps
                 for e in (*s.evidence, *(m.evidence for m in s.measures))]
        items += [(f"{ln.source}->{ln.target}", e) for ln in wf.links for e in ln.evidence]
        bad += [(wf.id, where, e.quote) for where, e in items
                if hedge_words(e.quote) and e.status is Status.STATED]
    assert bad == []


def test_randomisation_is_drawn_only_where_the_document_says_randomized(dataset: Dataset) -> None:
    """'randomly scheduled stressors' is about the schedule, and a drug given to susceptible mice
    is not said to be randomised: neither is drawn as a randomisation."""
    for wf in dataset.workflows.values():
        for s in wf.steps:
            if s.kind == "randomisation":
                assert any(re.search(r"\brandomi[sz]ed\b", e.quote) for e in s.evidence), s.id
    kinds = {s.id: s.kind for s in dataset.workflows["social-defeat-workflow"].steps}
    assert kinds["allocation"] != "randomisation"
    kinds = {s.id: s.kind for s in dataset.workflows["trd-preclinical-workflow"].steps}
    assert kinds["allocation"] != "randomisation"


@pytest.mark.parametrize(("workflow", "step"), [
    ("social-defeat-workflow", "defeat"), ("social-defeat-workflow", "behavior"),
    ("social-defeat-workflow", "tissue"), ("mij821-preclinical-workflow", "ltp_baseline"),
    ("mij821-preclinical-workflow", "ltp_hfs"), ("mij821-preclinical-workflow", "spine_measures"),
    ("trd-preclinical-workflow", "fst")])
def test_values_the_document_gives_as_examples_stay_examples(dataset: Dataset, workflow: str,
                                                             step: str) -> None:
    s = next(x for x in dataset.workflows[workflow].steps if x.id == step)
    assert any("e.g.," in e.quote for e in s.evidence)
    assert any(x.startswith("e.g.") or "(e.g." in x or ", e.g." in x
               for x in (s.duration, *s.details)), (s.duration, s.details)


@pytest.mark.parametrize(("workflow", "step"), [
    ("mij821-first-in-human-workflow", "repeated"), ("mij821-first-in-human-workflow", "eeg"),
    ("mij821-first-in-human-workflow", "safety"), ("social-defeat-workflow", "tissue"),
    ("trd-preclinical-workflow", "immobility")])
def test_steps_without_results_say_so(dataset: Dataset, workflow: str, step: str) -> None:
    s = next(x for x in dataset.workflows[workflow].steps if x.id == step)
    assert "No results given" in s.details and not s.measures


def test_social_defeat_result_gives_the_social_interaction_outcome_per_arm(
        views: dict[str, View]) -> None:
    lines = node(views["social-defeat-workflow"], "Antidepressant-like effects").lines
    for arm in ("MGS0039 1 mg/kg", "Ketamine 10 mg/kg"):
        assert any(x.startswith(f"{arm}: more interaction time") for x in lines), lines
    assert "No time points or vehicle values given" in lines
    tissue = node(views["social-defeat-workflow"], "Tissue analysis").lines
    assert not any(x.rstrip().endswith(":") for x in tissue)


def test_preclinical_future_studies_are_proposals_not_hypotheses(dataset: Dataset) -> None:
    """The document lists them under 'Future research should focus on', in no order: they are
    drawn stated, boxed together, with nothing leading into them."""
    wf = dataset.workflows["mij821-preclinical-workflow"]
    g = flow(wf)
    future = [s for s in wf.steps if s.group == "Future research"]
    assert {s.id for s in future} == {"direct", "molecular", "behavior"}
    assert all(s.status is Status.STATED and g.degree(s.id) == 0 for s in future)
    inferred = [s for s in wf.steps if s.id in ("threshold", "synaptogenesis", "rebalance")]
    assert all(s.status is Status.HYPOTHESISED for s in inferred)
    assert all(any("not yet extensively available" in e.quote for e in s.evidence)
               for s in inferred)


@pytest.mark.parametrize("link", [("susceptible", "defeat"), ("sit", "sit")])
def test_a_workflow_with_a_loop_is_described_and_drawn(graphs_dir: Path, tmp_path: Path,
                                                       link: tuple[str, str]) -> None:
    """A link back to an earlier step (or a step to itself) is no error in `check`; the speaker
    notes and the figure build take it too (they stopped with a networkx traceback)."""
    import shutil

    graphs = tmp_path / "graphs"
    shutil.copytree(graphs_dir, graphs)
    with (graphs / "workflows" / "social-defeat-workflow.toml").open("a", encoding="utf-8") as f:
        f.write(f'\n[[link]]\nfrom = "{link[0]}"\nto = "{link[1]}"\n'
                '[[link.evidence]]\nquote = "social defeat"\n')
    dataset = load_dataset(graphs)
    workflow = dataset.workflows["social-defeat-workflow"]
    text = describe_workflow(dataset, workflow)
    for step in workflow.steps:
        assert plain(step.label).split("\n")[0] in text
    result = CliRunner().invoke(main, ["--graphs", str(graphs), "figures", "--only",
                                       "social-defeat-workflow", "--format", "svg",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "Built 1 figure (svg) into" in result.output
    assert (tmp_path / "out" / "social-defeat-workflow.svg").is_file()
