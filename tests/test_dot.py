"""DOT text: golden files, SBGN-AF-like notation, clusters, legend, safe names, determinism.

Everything here is pure (no Graphviz): DOT is built as text from views. Golden files live in
tests/golden/<figure-id>.dot; rewrite them after an intended change with
`PATHWAYS_UPDATE_GOLDEN=1 python -m pytest tests/test_dot.py`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path

import networkx as nx
import pydot
import pytest

from pathways.dot import WORKFLOW_KIND_NAMES, build_dot, legend_label, node_names
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.model import Dataset
from pathways.quoting import html_text
from pathways.style import CERTAINTY_NAMES, KIND_NAMES, OKABE_ITO, PRESETS, SIGN_NAMES, THEMES
from pathways.views import View, ViewEdge, ViewNode, figure_view

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

REPO = Path(__file__).resolve().parent.parent
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
FIGURE_IDS = [f["id"] for f in tomllib.loads(
    (REPO / "graphs" / "figures.toml").read_text(encoding="utf-8"))["figure"]]
# one mechanism without compartments, one with compartments and coloured routes, one workflow
GOLDEN_IDS = ["ketamine-signaling", "mgs0039-ketamine-signaling", "mij821-phase2-workflow"]
UPDATE_GOLDEN = os.environ.get("PATHWAYS_UPDATE_GOLDEN") == "1"

SLIDE, LIGHT = PRESETS["slide"], THEMES["light"]


@cache
def _catalog() -> tuple[Dataset, nx.DiGraph]:
    dataset = load_dataset(REPO / "graphs")
    return dataset, merge(dataset)


@cache
def catalog_view(fig_id: str) -> View:
    dataset, graph = _catalog()
    return figure_view(dataset, graph, dataset.figures[fig_id])


@cache
def catalog_dot(fig_id: str) -> str:
    view = catalog_view(fig_id)
    return build_dot(view, SLIDE, LIGHT, rankdir=view.rankdir or "TB")


@cache
def parsed(text: str) -> pydot.Dot:
    (graph,) = pydot.graph_from_dot_data(text)
    return graph


def _unq(value: str | None) -> str | None:
    return value[1:-1] if value and value.startswith('"') and value.endswith('"') else value


def _all_nodes(graph: pydot.Graph) -> list[pydot.Node]:
    out = [n for n in graph.get_nodes() if n.get_name() not in ("node", "edge", "graph")]
    for sub in graph.get_subgraphs():
        out += _all_nodes(sub)
    return out


def _drawn_edges(graph: pydot.Graph) -> dict[str, dict[str, str]]:
    """Edges that draw a view edge (they carry an id), by id, with unquoted attributes."""
    out = {}
    edges = list(graph.get_edges())
    for sub in graph.get_subgraphs():
        edges += sub.get_edges()
    for e in edges:
        attrs = {k: _unq(v) or "" for k, v in e.get_attributes().items()}
        if "id" in attrs:
            attrs["_ends"] = f"{e.get_source()}->{e.get_destination()}"
            out[attrs["id"]] = attrs
    return out


def _clusters(graph: pydot.Graph) -> list[pydot.Subgraph]:
    out = []
    for sub in graph.get_subgraphs():
        if sub.get_name().strip('"').startswith("cluster"):
            out.append(sub)
        out += _clusters(sub)
    return out


def _legend(view: View) -> str:
    return legend_label(view, SLIDE, LIGHT, 3)


def _in_legend(legend: str, entry: str) -> bool:
    return re.search(">" + re.escape(html_text(entry)) + "<", legend) is not None


# --- golden files -------------------------------------------------------------------------------


@pytest.mark.parametrize("fig_id", GOLDEN_IDS)
def test_golden_dot(fig_id: str) -> None:
    text = catalog_dot(fig_id)
    path = GOLDEN_DIR / f"{fig_id}.dot"
    if UPDATE_GOLDEN:
        GOLDEN_DIR.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} missing: run with PATHWAYS_UPDATE_GOLDEN=1 to write it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (f"DOT for {fig_id} changed; if intended, rewrite the golden file "
                              "with PATHWAYS_UPDATE_GOLDEN=1")


# --- a small synthetic view with every sign, status, kind mix and compartment -------------------

SYNTH = View(
    id="synth", kind="mechanism",
    nodes=(
        ViewNode("drug", "Drug X", "compound", "pre", tooltip="Drug X (compound)"),
        ViewNode("rec", "Receptor R", "receptor", "pre"),
        ViewNode("prot", "Kinase K", "protein", "post"),
        ViewNode("proc", "Plasticity", "process", "post"),
        ViewNode("out", "Mood", "phenotype"),
    ),
    edges=(
        ViewEdge("drug", "rec", "-", "stated", tooltip="blocks"),
        ViewEdge("rec", "prot", "+", "stated", tooltip="activates"),
        ViewEdge("prot", "proc", "?", "stated", tooltip="modulates"),
        ViewEdge("proc", "out", "+", "hypothesised", tooltip="maybe promotes"),
        ViewEdge("drug", "out", "-", "hypothesised", tooltip="maybe lowers"),
    ),
    compartments=(("post", "Postsynaptic neuron"), ("pre", "Presynaptic terminal")),
)


def test_arrowheads_by_sign() -> None:
    edges = _drawn_edges(parsed(build_dot(SYNTH, SLIDE, LIGHT)))
    heads = {eid.removeprefix("synth-edge-"): e["arrowhead"] for eid, e in edges.items()}
    assert heads == {"drug-rec": "tee", "rec-prot": "normal", "prot-proc": "odiamond",
                     "proc-out": "normal", "drug-out": "tee"}


def test_hypothesised_edges_dashed_and_stated_not() -> None:
    edges = _drawn_edges(parsed(build_dot(SYNTH, SLIDE, LIGHT)))
    for edge in SYNTH.edges:
        style = edges[f"synth-edge-{edge.source}-{edge.target}"].get("style", "")
        assert ("dashed" in style) == (edge.status == "hypothesised"), edge


def test_hypothesised_node_dashed() -> None:
    view = View("h", "workflow", (ViewNode("a", "A", "procedure", status="hypothesised"),
                                  ViewNode("b", "B", "procedure")), ())
    nodes = {_unq(n.get("id")): _unq(n.get("style")) or "" for n in _all_nodes(
        parsed(build_dot(view, SLIDE, LIGHT))) if n.get("id")}
    assert "dashed" in nodes["h-node-a"] and "dashed" not in nodes["h-node-b"]


def test_edge_endpoints_follow_generated_names() -> None:
    names = node_names(SYNTH)
    edges = _drawn_edges(parsed(build_dot(SYNTH, SLIDE, LIGHT)))
    for edge in SYNTH.edges:
        ends = edges[f"synth-edge-{edge.source}-{edge.target}"]["_ends"]
        assert ends == f"{names[edge.source]}->{names[edge.target]}"


def test_compartments_are_clusters_holding_their_nodes() -> None:
    graph = parsed(build_dot(SYNTH, SLIDE, LIGHT))
    names = node_names(SYNTH)
    found = {}
    for sub in _clusters(graph):
        label = sub.get_attributes()["label"]
        members = {n.get_name() for n in sub.get_nodes()}
        found[label] = members
    assert found == {
        "<<B>Postsynaptic neuron</B>>": {names["prot"], names["proc"]},
        "<<B>Presynaptic terminal</B>>": {names["drug"], names["rec"]},
    }


def test_no_clusters_without_compartments() -> None:
    view = View("flat", "mechanism", tuple(ViewNode(n.id, n.label, n.kind) for n in SYNTH.nodes),
                SYNTH.edges)
    assert _clusters(parsed(build_dot(view, SLIDE, LIGHT))) == []


def test_node_shape_and_colour_by_kind() -> None:
    nodes = {_unq(n.get("id")): n for n in _all_nodes(parsed(build_dot(SYNTH, SLIDE, LIGHT)))
             if n.get("id")}
    looks = {nid.removeprefix("synth-node-"): (_unq(n.get("shape")), _unq(n.get("fillcolor")),
                                                _unq(n.get("color")))
             for nid, n in nodes.items()}
    for node in SYNTH.nodes:
        _, fill, line = looks[node.id]
        assert fill == LIGHT.kind_fill[node.kind] and line == LIGHT.kind_line[node.kind]
    # different kinds look different
    assert len({looks[n.id] for n in SYNTH.nodes}) == len(SYNTH.nodes)
    assert looks["out"][0] == "hexagon"


def test_legend_lists_exactly_what_is_used() -> None:
    legend = _legend(SYNTH)
    used = {n.kind for n in SYNTH.nodes}
    for kind, name in KIND_NAMES.items():
        assert _in_legend(legend, name) == (kind in used), name
    used_edges = {(e.sign, e.status) for e in SYNTH.edges}
    for sign, name in SIGN_NAMES.items():
        for status in ("stated", "hypothesised"):
            text = name.capitalize() + (" (hypothesised)" if status == "hypothesised" else "")
            assert _in_legend(legend, text) == ((sign, status) in used_edges), text


def test_a_highlight_is_drawn_and_named_apart_from_a_convergence_point() -> None:
    """`render ketamine mgs0039 --highlight ampa_receptor` drew AMPA receptor with the double
    border of a convergence point, and the legend named only "Convergence point": a reader took
    the node asked for as one where the routes meet. A highlight now has one heavy border, and
    its own legend entry; a convergence point keeps its double border, drawn so in the legend."""
    from dataclasses import replace

    nodes = tuple(replace(n, emphasis=n.id == "proc", highlight=n.id == "prot")
                  for n in SYNTH.nodes)
    view = replace(SYNTH, nodes=nodes, routes=(("drug", "Drug X"),))
    drawn = {_unq(n.get("id")): n for n in _all_nodes(parsed(build_dot(view, SLIDE, LIGHT)))
             if n.get("id")}
    meeting, asked = drawn["synth-node-proc"], drawn["synth-node-prot"]
    assert _unq(meeting.get("peripheries")) == "2"
    assert asked.get("peripheries") is None
    assert float(_unq(asked.get("penwidth"))) > float(_unq(meeting.get("penwidth")))
    legend = _legend(view)
    assert _in_legend(legend, "Convergence point") and _in_legend(legend, "Highlighted")
    assert re.search(r'<TABLE BORDER="1" CELLBORDER="1"[^>]*><TR><TD[^>]*> </TD></TR></TABLE>'
                     r'</TD><TD ALIGN="LEFT"><FONT[^>]*><B>Convergence point<', legend)
    only_asked = replace(SYNTH, nodes=tuple(replace(n, highlight=n.id == "prot")
                                            for n in SYNTH.nodes))
    assert not _in_legend(_legend(only_asked), "Convergence point")
    assert _in_legend(_legend(only_asked), "Highlighted")


def test_no_legend_when_off() -> None:
    assert ">Legend<" not in build_dot(SYNTH, SLIDE, LIGHT)


def test_okabe_ito_colours_for_signs_and_routes() -> None:
    palette = {v.upper() for v in OKABE_ITO.values()}
    assert LIGHT.sign_colour["-"].upper() in palette
    assert {c.upper() for c in LIGHT.compound_colours} <= palette
    edges = _drawn_edges(parsed(catalog_dot("mgs0039-ketamine-signaling")))
    route_colours = {e["color"].upper() for e in edges.values()} - {LIGHT.muted.upper()}
    assert len(route_colours) == 2 and route_colours <= palette


def test_transparent_background_in_dot_only_when_asked() -> None:
    assert 'bgcolor="transparent"' in build_dot(SYNTH, SLIDE, LIGHT, transparent=True)
    assert 'bgcolor="transparent"' not in build_dot(SYNTH, SLIDE, LIGHT)


# --- every catalog figure -----------------------------------------------------------------------


def test_proposed_pathway_draws_the_chain_figures_md_asks_for_with_the_implied_step_dashed(
        ) -> None:
    """FIGURES.md: Mij821 -> receptor -> reduced channel opening -> decreased Ca2+ influx ->
    downstream cascades -> ... Ca2+ influx was a dead end; the document names the receptor's
    inhibition as the trigger, so the step from Ca2+ influx is drawn hypothesised (dashed),
    its label saying it is implied, and the receptor's own link stays. Mij821 lowers the
    channel's opening (stated); that the channel is the receptor's own, the chain FIGURES.md
    draws, is implied (the sentence's subject is the binding event): dashed, and labelled so."""
    view = catalog_view("mij821-proposed-pathway")
    edges = {(e.source, e.target): e for e in view.edges}
    step = edges["calcium_influx", "downstream_signalling"]
    assert step.status == "hypothesised" and step.triggered_by_reduction
    assert "implied" in step.label
    assert ("nr2b_nmda_receptor", "downstream_signalling") in edges
    chain = [("mij821", "nr2b_nmda_receptor"), ("nr2b_nmda_receptor", "channel_opening"),
             ("channel_opening", "calcium_influx")]
    assert set(chain) <= set(edges)
    assert [edges[e].status for e in chain] == ["stated", "hypothesised", "stated"]
    assert edges["nr2b_nmda_receptor", "channel_opening"].label.startswith("implied")
    direct = edges["mij821", "channel_opening"]
    assert direct.status == "stated" and direct.label == "conformational change"


def test_a_link_a_drawn_quote_contradicts_is_marked_contested_on_the_figure() -> None:
    """NR2B subunit -> synaptogenesis is stated ("crucial for synaptogenesis") and contradicted
    by the same document's overexpression row; `check` warned and the notes said so, but the
    figure drew a plain solid arrow. Its label now says "contested", its tooltip which quote."""
    view = catalog_view("nr2b-synaptic-plasticity")
    edge = next(e for e in view.edges if (e.source, e.target) == ("nr2b_subunit",
                                                                   "synaptogenesis"))
    assert edge.status == "stated" and edge.label.endswith("(contested)")
    assert "No significant change in the number of synapses" in edge.tooltip
    assert "contradicts the link" in edge.tooltip
    others = [e for e in view.edges if e is not edge]
    assert all("contested" not in e.label for e in others)


def test_every_link_labelled_implied_is_drawn_hypothesised() -> None:
    """A link the text only implies is drawn as hypothesised and labelled so, in every figure."""
    for fig_id in FIGURE_IDS:
        for edge in catalog_view(fig_id).edges:
            if "implied" in edge.label:
                assert edge.status == "hypothesised", (fig_id, edge.source, edge.target)


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_catalog_node_names_are_generated(fig_id: str) -> None:
    view = catalog_view(fig_id)
    nodes = _all_nodes(parsed(catalog_dot(fig_id)))
    names = {n.get_name() for n in nodes}
    assert all(re.fullmatch(r"n\d+", name) for name in names), sorted(names)
    drawn = {_unq(n.get("id")) for n in nodes if n.get("id")}
    assert drawn == {f"{fig_id}-node-{n.id}" for n in view.nodes}
    assert len(names) == len(view.nodes)


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_catalog_edges_notation(fig_id: str) -> None:
    view = catalog_view(fig_id)
    edges = _drawn_edges(parsed(catalog_dot(fig_id)))
    assert set(edges) == {f"{fig_id}-edge-{e.source}-{e.target}" for e in view.edges}
    heads = {"+": "normal", "-": "tee", "?": "odiamond"}
    ids = {n.get_name(): _unq(n.get("id")).removeprefix(f"{fig_id}-node-")
           for n in _all_nodes(parsed(catalog_dot(fig_id))) if n.get("id")}
    for edge in view.edges:
        attrs = edges[f"{fig_id}-edge-{edge.source}-{edge.target}"]
        tail, head = attrs["_ends"].split("->")
        want = "none" if edge.structural else \
            "empty" if edge.triggered_by_reduction else heads[edge.sign]
        if want == "tee" and edge.target in {n.id for n in view.nodes if n.emphasis}:
            want = "nonetee"  # the T-bar off a convergence point's heavy border
        if attrs.get("dir") == "back":  # written target first, the arrow drawn at its tail
            assert (ids[head], ids[tail]) == (edge.source, edge.target)
            assert attrs["arrowtail"] == want and "arrowhead" not in attrs
        else:
            assert (ids[tail], ids[head]) == (edge.source, edge.target)
            assert attrs["arrowhead"] == want
        assert ("dashed" in attrs.get("style", "")) == (edge.status == "hypothesised")
        assert ("dotted" in attrs.get("style", "")) == (edge.status == "hedged")


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_catalog_clusters(fig_id: str) -> None:
    view = catalog_view(fig_id)
    clusters = _clusters(parsed(catalog_dot(fig_id)))
    expected = {n.compartment or n.group for n in view.nodes} - {""}
    assert len(clusters) == len(expected)
    # A label round one node may be wrapped to it: its lines are the label's words.
    labels = {re.sub(r"<BR[^>]*/>", " ", re.sub(r"<BR[^>]*/>(?=</B>)", "",
                                                 sub.get_attributes()["label"]))
              for sub in clusters}
    comp_labels = dict(view.compartments)
    assert labels == {f"<<B>{html_text(comp_labels.get(k, k))}</B>>" for k in expected}


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_catalog_legend_lists_exactly_the_kinds_used(fig_id: str) -> None:
    view = catalog_view(fig_id)
    legend = _legend(view)
    names = WORKFLOW_KIND_NAMES if view.kind == "workflow" else KIND_NAMES
    used = {n.kind for n in view.nodes}
    assert {k for k, name in names.items() if _in_legend(legend, name)} == used
    if view.kind == "mechanism":
        shown = {(s, st) for s, name in SIGN_NAMES.items() for st in CERTAINTY_NAMES
                 if _in_legend(legend, name.capitalize()
                               + (f" ({CERTAINTY_NAMES[st]})" if st != "stated" else ""))}
        assert shown == {(e.sign, e.status) for e in view.edges
                         if not e.structural and not e.triggered_by_reduction}
        assert all("Triggered by a reduction upstream" in legend
                   for e in view.edges if e.triggered_by_reduction)
    for note in view.notes:  # notes are printed (wrapped) in the legend
        assert all(html_text(word) in legend for word in note.split())


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_catalog_dot_identical_across_builds(fig_id: str) -> None:
    dataset = load_dataset(REPO / "graphs")
    view = figure_view(dataset, merge(dataset), dataset.figures[fig_id])
    for rankdir in ("TB", "LR"):
        assert build_dot(view, SLIDE, LIGHT, rankdir=rankdir) == \
            build_dot(catalog_view(fig_id), SLIDE, LIGHT, rankdir=rankdir)


_HASH_SCRIPT = """
import hashlib, json, sys
from pathways.dot import build_dot
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.style import PRESETS, THEMES
from pathways.views import figure_view
ds = load_dataset(sys.argv[1]); g = merge(ds)
out = {}
for spec in ds.figures.values():
    v = figure_view(ds, g, spec)
    text = build_dot(v, PRESETS["slide"], THEMES["light"], rankdir=v.rankdir or "TB")
    out[spec.id] = hashlib.sha256(text.encode()).hexdigest()
print(json.dumps(out))
"""


def test_catalog_dot_independent_of_hash_seed() -> None:
    """Set and dict order must not leak into the DOT: two processes, two hash seeds."""
    here = {f: hashlib.sha256(catalog_dot(f).encode()).hexdigest() for f in FIGURE_IDS}
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", _HASH_SCRIPT, str(REPO / "graphs")],
                              capture_output=True, text=True, env=env, check=True, timeout=60)
        assert json.loads(proc.stdout) == here, f"DOT differs with PYTHONHASHSEED={seed}"


def test_wrapping_keeps_markup_whole() -> None:
    view = View("w", "mechanism",
                (ViewNode("a", "Influx of Ca^{2+ ions from outside} into the cell", "process"),),
                ())
    label = re.findall(r"label=(<<TABLE.*?</TABLE>>)", build_dot(view, SLIDE, LIGHT))[0]
    assert "^{" not in label
    assert "<SUP>2+ ions from outside</SUP>" in label


def test_wrap_counts_drawn_characters_not_markup() -> None:
    from pathways.dot import _wrap

    # 'K_{i} 2.2 nM, IC_{50} 20 nM' draws 21 characters: one line at 22
    assert _wrap("K_{i} 2.2 nM, IC_{50} 20 nM", 22) == ["K_{i} 2.2 nM, IC_{50} 20 nM"]
    assert _wrap("Ca^{2+} influx and K_{i}", 10) == ["Ca^{2+}", "influx and", "K_{i}"]


def test_a_citation_mark_stays_with_the_value_it_cites() -> None:
    from pathways.dot import _wrap

    # Where two documents disagree, each value carries its source's mark: a line must not
    # begin with a mark cut off from its value.
    text = "Mij821 0.16 mg/kg: -5.78 (p=0.0427) [2] vs -6.46 (p=0.059) [1]"
    for width in range(12, 40):
        lines = _wrap(text, width)
        assert not any(line.startswith("[") for line in lines), (width, lines)
        assert " ".join(lines) == text


def test_a_wrapped_lead_ends_its_line() -> None:
    """A wrapped text that opens with a lead ("0.48 mg/kg:") breaks after it where that takes
    no more lines: "0.48 mg/kg: AUC_{inf}" over "708 h·ng/mL" reads as if the dose were the
    measure and parts the measure from its value."""
    from pathways.dot import _balanced

    assert _balanced("0.48 mg/kg: AUC_{inf} 708 h·ng/mL", 20) == [
        "0.48 mg/kg:", "AUC_{inf} 708 h·ng/mL"]
    assert _balanced("mGluR2: K_{i} 2.2 nM, IC_{50} 20 nM", 22) == [
        "mGluR2:", "K_{i} 2.2 nM, IC_{50} 20 nM"]
    # not where the lead costs a line, nor where the text fits on one
    assert _balanced("C_{max}: slightly overproportional", 20) == [
        "C_{max}: slightly", "overproportional"]
    assert _balanced("Dose: 10 mg", 20) == ["Dose: 10 mg"]
    # a colon inside a word ("10:30") is no lead
    assert _balanced("Dosed at 10:30 and again at 22:30", 14)[0] != "Dosed at 10:"


def test_measures_sharing_a_context_share_a_line() -> None:
    from pathways.views import _measure_lines

    def m(name: str, value: str, ctx: str) -> dict[str, str]:
        return {"markup": name, "value": value, "context": ctx}

    lines = _measure_lines([m("K_{i}", "2.2 nM", "mGluR2"), m("K_{i}", "4.5 nM", "mGluR3"),
                            m("IC_{50}", "20 nM", "mGluR2"), m("IC_{50}", "24 nM", "mGluR3")])
    assert lines == ("mGluR2: K_{i} 2.2 nM, IC_{50} 20 nM", "mGluR3: K_{i} 4.5 nM, IC_{50} 24 nM")
    assert _measure_lines([m("IC_{50}", "8 nM", "human"), m("IC_{50}", "6 nM", "rat")]) == (
        "IC_{50} 8 nM (human)", "IC_{50} 6 nM (rat)")


def test_labels_over_a_row_wrap_wider_than_labels_between_rows() -> None:
    long = "implied: modulation stimulates downstream pathways"
    view = View(id="w", kind="mechanism",
                nodes=(ViewNode("a", "A", "process"), ViewNode("b", "B", "process"),
                       ViewNode("c", "C", "process")),
                edges=(ViewEdge("a", "b", "+", "stated", long), ViewEdge("b", "c", "+", "stated", long)),
                same_rank=(("a", "b"),), rows=(("a", "b"),))
    edges = _drawn_edges(parsed(build_dot(view, SLIDE, LIGHT, rankdir="TB")))
    across = edges["w-edge-a-b"]["label"].count("<TR>")
    beside = edges["w-edge-b-c"]["label"].count("<TR>")
    assert across < beside


def test_edge_words_wrap_no_narrower_than_their_numbers() -> None:
    """Ketamine's edge label: 'non-competitive channel block' keeps to one line, as wide as the
    Ki line under it already makes the label, instead of adding a line to the figure."""
    text = catalog_dot("mgs0039-ketamine-signaling")
    assert ">non-competitive channel block<" in text
    assert "varies with subunit" in text


@pytest.mark.parametrize("preset", ["slide", "column", "full"])
@pytest.mark.parametrize("wrap", [0, 8, 14])
def test_each_line_style_sits_beside_its_name_however_the_names_wrap(preset: str,
                                                                      wrap: int) -> None:
    from pathways.dot import legend_cells

    edges = tuple(ViewEdge("a", "b", "+", status) for status in
                  ("stated", "hedged", "hypothesised"))
    view = View("styles", "mechanism", (ViewNode("a", "A", "compound"),
                                        ViewNode("b", "B", "receptor")), edges)
    cells = legend_cells(view, PRESETS[preset], THEMES["light"], wrap, compact=True)
    block = next(c for c in cells if "Hypothesised" in c)
    glyphs, words = (re.sub(r"<[^>]+>", "", td.replace("<BR/>", "\n")).split("\n")
                     for td in re.findall(r"<TD[^>]*>(.*?)</TD>", block))
    assert len(glyphs) == len(words)  # line for line
    # A sample on exactly the lines where a name starts; blank beside a name's further lines.
    starts = [i for i, w in enumerate(words) if w.startswith(("Stated", "Hedged", "Hypothes"))]
    assert [i for i, g in enumerate(glyphs) if g.strip("&#160; ")] == starts
    assert len(starts) == 3


def test_a_compact_legend_names_line_styles_only_where_lines_differ() -> None:
    """The social defeat workflow, every step stated, had a lone "Stated" under its legend in
    one column: a style block with one style tells nothing. It appears once two are drawn."""
    from pathways.dot import legend_cells

    nodes = (ViewNode("a", "A", "compound"), ViewNode("b", "B", "receptor"))

    def words(*statuses: str) -> str:
        edges = tuple(ViewEdge("a", "b", "+", status) for status in statuses)
        cells = legend_cells(View("styles", "mechanism", nodes, edges), PRESETS["column"],
                             THEMES["light"], compact=True)
        return "".join(cells)

    assert ">Stated<" not in words("stated") and ">Positive influence<" in words("stated")
    assert ">Stated<" in words("stated", "hypothesised")
    assert ">Hypothesised<" in words("hypothesised")
