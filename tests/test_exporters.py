"""Exporters: every format in the registry, read back by a real reader of that format."""

from __future__ import annotations

import copy
import csv
import io
import itertools
import json
import re
import shutil
import warnings
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import pydot
import pytest

from pathways.errors import GraphvizNotFound, UsageError
from pathways.exporters import (
    EXPORTERS,
    csv_edges,
    cyjs,
    cytoscape_style,
    export,
    format_for_path,
    get_exporter,
    graphml,
    mermaid,
    sbgn,
    tsv,
)
from pathways.exporters._common import sorted_edges
from pathways.exporters._layout import graph_layout, layout_source, named_source
from pathways.labels import readable, readable_evidence
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.style import look_kind

GRAPHS = Path(__file__).parent.parent / "graphs"
HAVE_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAVE_DOT, reason="Graphviz `dot` not on PATH")
SBGN_NS = {"s": sbgn.SBGN_NAMESPACE}


# --- fixtures -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dataset():
    return load_dataset(GRAPHS)


@pytest.fixture(scope="module")
def merged(dataset) -> nx.DiGraph:
    return merge(dataset)


@pytest.fixture(scope="module")
def subset(dataset) -> nx.DiGraph:
    return merge(dataset, ["ketamine", "mgs0039"])


def _node(label: str, kind: str = "protein", **extra: Any) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "label": label, "markup": label, "kind": kind, "synonyms": [], "identifiers": [],
        "compartment": "", "parent": "", "info": [], "description": "", "measures": [],
    }
    attrs.update(extra)
    return attrs


def _edge(effect: str, sign: str, quotes: list[str], status: str = "stated",
          label: str = "") -> dict[str, Any]:
    return {
        "effect": effect, "sign": sign, "status": status, "label": label,
        "mechanisms": ["m-1"], "compounds": ["node"],
        "evidence": [{"source": "src,1", "quote": q, "mechanism": "m-1"} for q in quotes],
        "measures": [],
    }


def hostile_graph() -> nx.DiGraph:
    """Labels and quotes that break naive quoting: quotes, backslashes, markup, unicode."""
    g = nx.DiGraph()
    g.graph["sources"] = {"src,1": {"title": 'A "title", with commas', "address":
                                    "https://example.org/a?b=1&c=2", "citation": "A, B & C"}}
    g.graph["compartments"] = {"cell": 'The "cell" <membrane> & co'}
    g.add_node("node", **_node('Say "hi" \\ back\\slash', "compound",
                               identifiers=["CHEBI:1"], synonyms=["a; b"]))
    g.add_node("edge", **_node("<b>bold</b> & <i>co</i>", compartment="cell",
                               info=['info "x"'], description="a\nb"))
    g.add_node("end", **_node("Ünïcödé ☃ α-β #1 `tick`", "process", compartment="cell"))
    g.add_node("a-b", **_node("trailing backslash \\", "phenotype"))
    g.add_node("a_b", **_node("Ca2+ {braces} [brackets] (parens) |pipe|", "ion",
                              markup="Ca^{2+} {braces} [brackets] (parens) |pipe|"))
    g.add_node("x1", **_node("isolated ', -- -> --x", "receptor"))
    g.add_edge("node", "edge", **_edge("activates", "+", [
        'He said, "stop"\nthen left, quickly.', "plain"], label='label "q" <x>'))
    g.add_edge("edge", "end", **_edge("inhibits", "-", ["semi; colon\ttab"],
                                      status="hypothesised"))
    g.add_edge("end", "a-b", **_edge("modulates", "?", [], status="hedged"))
    g.add_edge("a-b", "a_b", **_edge("increases", "+", ["x"], status="hypothesised",
                                     label="phenotype as a source"))
    return g


def empty_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    g.graph.update(sources={}, compartments={})
    return g


def _reversed_copy(graph: nx.DiGraph) -> nx.DiGraph:
    """Same graph, built in the opposite order: output must not depend on insertion order."""
    g = nx.DiGraph()
    g.graph.update(copy.deepcopy(graph.graph))
    for n in reversed(list(graph.nodes)):
        g.add_node(n, **copy.deepcopy(graph.nodes[n]))
    for u, v in reversed(list(graph.edges)):
        g.add_edge(u, v, **copy.deepcopy(graph.edges[u, v]))
    return g


def _formats() -> list[Any]:
    return [pytest.param(name, marks=[pytest.mark.graphviz, needs_dot] if e.needs_graphviz
                         else [], id=name) for name, e in EXPORTERS.items()]


def _snapshot(graph: nx.DiGraph) -> tuple[Any, ...]:
    return (copy.deepcopy(graph.graph), copy.deepcopy(list(graph.nodes(data=True))),
            copy.deepcopy(list(graph.edges(data=True))))


# --- registry -------------------------------------------------------------------------------

def test_registry_is_sorted_with_unique_suffixes():
    assert list(EXPORTERS) == sorted(EXPORTERS)
    suffixes = [s for e in EXPORTERS.values() for s in e.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert all(s.startswith(".") and s == s.lower() for s in suffixes)
    for name, exporter in EXPORTERS.items():
        assert exporter.name == name and exporter.description
        assert get_exporter(name) is exporter


def test_unknown_format_lists_the_available_ones():
    with pytest.raises(UsageError) as err:
        get_exporter("png")
    assert str(err.value) == ("unknown export format 'png'; available: "
                              + ", ".join(sorted(EXPORTERS)))
    with pytest.raises(UsageError):
        export(empty_graph(), "PNG")


@pytest.mark.parametrize(("path", "fmt"), [
    ("out/k.graphml", "graphml"), ("k.cyjs", "cyjs"), ("k.json", "json"), ("k.sbgn", "sbgn"),
    ("k.sbgnml", "sbgn"), ("k.sif", "sif"), ("k.tsv", "tsv"), ("k.csv", "csv"),
    ("k.dot", "dot"), ("k.gv", "dot"), ("k.mmd", "mermaid"), ("k.mermaid", "mermaid"),
    (Path("OUT/K.GraphML"), "graphml"),
])
def test_format_for_path(path, fmt):
    assert format_for_path(path) == fmt


@pytest.mark.parametrize("path", ["k.png", "k", "k.xml", "out.d/k"])
def test_format_for_path_unknown_suffix(path):
    with pytest.raises(UsageError, match="pass --format, one of: csv, cyjs, dot"):
        format_for_path(path)


# --- every exporter -------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", _formats())
def test_exporter_is_deterministic(fmt, merged, subset):
    for graph in (merged, subset):
        text = export(graph, fmt)
        assert text.strip() and text.endswith("\n")
        assert export(graph, fmt) == text
        assert export(_reversed_copy(graph), fmt) == text
        assert EXPORTERS[fmt].export(graph) == text


@pytest.mark.parametrize("fmt", _formats())
def test_exporter_does_not_mutate_the_graph(fmt, subset):
    before = _snapshot(subset)
    export(subset, fmt)
    assert _snapshot(subset) == before


@pytest.mark.parametrize("sort_keys", [False, True])
def test_json_made_an_item_at_a_time_is_json_dumps_byte_for_byte(sort_keys):
    """The JSON exporters encode their long lists an item at a time (`JsonLists`): the text
    must be `json.dumps`'s, at any depth, for empty lists, several lists, and text holding
    brackets, quotes, newlines and control characters."""
    from pathways.exporters._common import JsonLists

    hostile = 'a [b] "c" \n\x00 ]\t[ {d}: e, Ca²⁺'
    items = [{"z": hostile, "a": [1, 2.5, None, True], "m": {"k": [], "j": {}}},
             [hostile, [], [[hostile]]], hostile, 7, {}]
    for nodes, edges in ((items, items[::-1]), ([], items), (items, []), ([], [])):
        doc = {"b": {"deep": {"nodes": nodes, "meta": hostile}}, "edges": edges, "a": hostile}
        lists = JsonLists()
        lazy = {"b": {"deep": {"nodes": lists.slot(iter(nodes)), "meta": hostile}},
                "edges": lists.slot(x for x in edges), "a": hostile}
        assert lists.dumps(lazy, sort_keys=sort_keys) == json.dumps(
            doc, indent=2, ensure_ascii=False, sort_keys=sort_keys)


@pytest.mark.parametrize("fmt", _formats())
def test_asking_a_question_does_not_change_what_is_exported(fmt, dataset):
    """The queries keep their indexes (is-a children, ...) with the graph; none of them may
    show up in an export, whose every graph attribute a reader sees."""
    from pathways.queries import converging_compounds, shared_downstream

    graph = merge(dataset)
    before = export(graph, fmt)
    converging_compounds(graph, "nmda_receptor")  # has kinds: builds the is-a index
    shared_downstream(graph, ["ketamine", "mij821"])
    assert export(graph, fmt) == before


@pytest.mark.parametrize("fmt", _formats())
@pytest.mark.parametrize("graph", [hostile_graph, empty_graph])
def test_exporter_handles_hostile_and_empty_graphs(fmt, graph):
    g = graph()
    before = _snapshot(g)
    text = export(g, fmt)
    assert text.strip() or (fmt == "sif" and g.number_of_nodes() == 0)  # empty SIF is empty
    assert export(g, fmt) == text
    assert _snapshot(g) == before


@pytest.mark.parametrize("fmt", [n for n, e in EXPORTERS.items() if e.needs_graphviz])
def test_layout_formats_say_when_graphviz_is_missing(fmt, subset, monkeypatch):
    import pathways.render

    monkeypatch.setattr(pathways.render, "dot_available", lambda: False)
    with pytest.raises(GraphvizNotFound):
        export(subset, fmt)


def test_subset_exports_only_the_chosen_mechanisms(subset):
    lines = export(subset, "sif").splitlines()
    assert "mgs0039\tinhibits\tmglur2_3" in lines
    assert not any(line.startswith("mij821\t") for line in lines)


# --- graphml --------------------------------------------------------------------------------

def _decode_graphml(value: Any, key: str, original: Any) -> Any:
    if key in graphml.JSON_KEYS or isinstance(original, dict):
        return json.loads(value)
    if isinstance(original, list):
        return value.split(graphml.SEPARATOR) if value else []
    return value


LAYOUT_ATTRS = {"x", "y", "width", "height", "r", "g", "b"}


@pytest.mark.graphviz
@needs_dot
def test_graphml_reads_back_to_the_merged_graph(merged):
    text = export(merged, "graphml")
    back = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert isinstance(back, nx.DiGraph)
    assert sorted(back.nodes) == sorted(merged.nodes)
    assert sorted(back.edges) == sorted(merged.edges)
    for key in ("sources", "compartments"):
        assert json.loads(back.graph[key]) == merged.graph[key]
    for n, d in merged.nodes(data=True):
        got = dict(back.nodes[n])
        assert got.pop("shape_type") in ("roundrectangle", "ellipse", "rectangle", "hexagon")
        assert set(got) == set(d) | LAYOUT_ATTRS
        assert got.pop("label") == readable(d["markup"])
        assert {k: _decode_graphml(got[k], k, v) for k, v in d.items() if k != "label"} \
            == {k: v for k, v in d.items() if k != "label"}
    for u, v, d in merged.edges(data=True):
        got = dict(back.edges[u, v])
        assert got.pop("evidence_count") == len(d["evidence"])
        assert got.pop("certainty") == d["status"]
        assert got.pop("markup") == d["label"]
        assert got.pop("label") == readable(d["label"])
        assert set(got) == set(d) - {"label"}
        evidence = _decode_graphml(got.pop("evidence"), "evidence", d["evidence"])
        assert evidence == readable_evidence(d["evidence"])
        assert _as_written(evidence) == d["evidence"]
        assert {k: _decode_graphml(got[k], k, val) for k, val in d.items()
                if k not in ("label", "evidence")} \
            == {k: v for k, v in d.items() if k not in ("label", "evidence")}


def _as_written(evidence: list[dict]) -> list[dict]:
    """Exported evidence with each quote as its document writes it again (`verbatim`)."""
    return [{**{k: v for k, v in e.items() if k != "verbatim"},
             "quote": e.get("verbatim", e["quote"])} for e in evidence]


@pytest.mark.graphviz
@needs_dot
def test_graphml_opens_laid_out_in_gephi_and_yed(subset):
    """Gephi reads x/y (y up) and r/g/b node attributes; yEd reads its ShapeNode geometry
    (y down); both from the same Graphviz layout, so compounds sit above what they reach."""
    root = ET.fromstring(export(subset, "graphml").encode("utf-8"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns", "y": graphml.YFILES_NAMESPACE}
    keys = {k.get("attr.name") or k.get("yfiles.type"): k.get("id")
            for k in root.findall("g:key", ns)}
    assert {"x", "y", "r", "g", "b", "nodegraphics", "edgegraphics"} <= set(keys)
    gephi, yed = {}, {}
    for node in root.iter("{http://graphml.graphdrawing.org/xmlns}node"):
        data = {d.get("key"): d for d in node.findall("g:data", ns)}
        gephi[node.get("id")] = (float(data[keys["x"]].text), float(data[keys["y"]].text))
        geometry = data[keys["nodegraphics"]].find("y:ShapeNode/y:Geometry", ns)
        yed[node.get("id")] = (float(geometry.get("x")) + float(geometry.get("width")) / 2,
                               float(geometry.get("y")) + float(geometry.get("height")) / 2)
    for n in subset:
        assert gephi[n][0] == pytest.approx(yed[n][0], abs=0.01)
        assert gephi[n][1] == pytest.approx(-yed[n][1], abs=0.01)
    assert yed["mgs0039"][1] < yed["mglur2_3"][1] < yed["glutamate_surge"][1]
    assert len(set(yed.values())) == len(yed)  # no two nodes at one place
    lines = {(e.get("source"), e.get("target")):
             e.find(f"g:data[@key='{keys['edgegraphics']}']/y:PolyLineEdge", ns)
             for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")}
    for (u, v), line in lines.items():
        d = subset.edges[u, v]
        assert line.find("y:Arrows", ns).get("target") == graphml.YED_ARROWS[d["sign"]]
        assert line.find("y:LineStyle", ns).get("type") == graphml.YED_LINES[d["status"]]
    assert lines["mgs0039", "mglur2_3"].find("y:Arrows", ns).get("target") == "t_shape"


@pytest.mark.graphviz
@needs_dot
def test_graphml_keys_are_typed(merged):
    root = ET.fromstring(export(merged, "graphml").encode("utf-8"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    types = {(k.get("for"), k.get("attr.name")): k.get("attr.type")
             for k in root.findall("g:key", ns)}
    assert types[("edge", "evidence_count")] in ("int", "long")
    assert types[("node", "label")] == "string"
    assert types[("edge", "sign")] == "string"
    assert types[("graph", "sources")] == "string"


@pytest.mark.graphviz
@needs_dot
def test_graphml_keeps_hostile_text():
    g = hostile_graph()
    back = nx.read_graphml(io.BytesIO(export(g, "graphml").encode("utf-8")))
    for n in g:
        assert back.nodes[n]["label"] == readable(g.nodes[n]["markup"])
        assert back.nodes[n]["markup"] == g.nodes[n]["markup"]
    assert json.loads(back.edges["node", "edge"]["evidence"]) == g.edges["node", "edge"]["evidence"]


# --- json node-link -------------------------------------------------------------------------

@pytest.mark.parametrize("graph", ["merged", "subset"])
def test_json_reloads_to_an_equal_graph(graph, request):
    g = request.getfixturevalue(graph)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        back = nx.node_link_graph(json.loads(export(g, "json")), edges="edges")
    assert isinstance(back, nx.DiGraph)
    assert back.graph == g.graph
    assert dict(back.nodes(data=True)) == dict(g.nodes(data=True))
    # every attribute, and the certainty under the name every other export gives it; each
    # quote as people read it, and as its document writes it where that differs (`verbatim`)
    assert {(u, v): d for u, v, d in back.edges(data=True)} == \
        {(u, v): {**d, "certainty": d["status"], "evidence": readable_evidence(d["evidence"])}
         for u, v, d in g.edges(data=True)}
    assert {(u, v): _as_written(d["evidence"]) for u, v, d in back.edges(data=True)} == \
        {(u, v): d["evidence"] for u, v, d in g.edges(data=True)}


def test_json_reloads_hostile_text():
    g = hostile_graph()
    back = nx.node_link_graph(json.loads(export(g, "json")), edges="edges")
    assert dict(back.nodes(data=True)) == dict(g.nodes(data=True))
    assert back.edges["node", "edge"] == {**g.edges["node", "edge"],
                                          "certainty": g.edges["node", "edge"]["status"]}


@pytest.mark.parametrize("fmt", ["json", "cyjs", "graphml", "csv", "tsv", "dot"])
def test_every_format_with_fields_names_each_link_s_certainty(merged, fmt):
    """The README: every format carries each link's certainty as `certainty`."""
    assert "certainty" in export(merged, fmt)
    if fmt == "json":
        edges = json.loads(export(merged, fmt))["edges"]
        assert [e["certainty"] for e in edges] == \
            [merged.edges[e["source"], e["target"]]["status"] for e in edges]
        assert {"hedged", "hypothesised"} <= {e["certainty"] for e in edges}


# --- csv ------------------------------------------------------------------------------------

def test_csv_one_row_per_edge_per_quote(merged):
    rows = list(csv.DictReader(io.StringIO(export(merged, "csv"))))
    assert tuple(rows[0]) == csv_edges.COLUMNS
    assert len(rows) == sum(max(1, len(d["evidence"])) for *_, d in merged.edges(data=True))
    quotes = {(u, v, ev["source"], ev["mechanism"], ev["quote"])
              for u, v, d in merged.edges(data=True) for ev in d["evidence"]}
    # A quote as its document writes it is `quote_verbatim` where its inline TeX differs from
    # what people read (`quote`): "decreasing Ca²⁺ influx", not "$\\text{Ca}^{2+}$".
    assert {(r["source"], r["target"], r["source_id"], r["evidence_mechanism"],
             r["quote_verbatim"] or r["quote"]) for r in rows} == quotes
    assert not [r for r in rows if "$" in r["quote"] or r["quote_verbatim"] == r["quote"]]
    assert any("decreasing Ca²⁺ influx" in r["quote"] and r["quote_verbatim"] for r in rows)
    sources = merged.graph["sources"]
    for r in rows:
        assert r["source_title"] == sources[r["source_id"]]["title"]
        assert r["source_address"] == sources[r["source_id"]]["address"]
        assert r["source_label"] == readable(merged.nodes[r["source"]]["markup"])
        assert r["source_markup"] == merged.nodes[r["source"]]["markup"]
        assert r["sign"] in ("+", "-", "?")
        d = merged.edges[r["source"], r["target"]]
        assert r["certainty"] == d["status"]
        ev = next(e for e in d["evidence"] if (e["source"], e["mechanism"], e["quote"])
                  == (r["source_id"], r["evidence_mechanism"], r["quote_verbatim"] or r["quote"]))
        assert r["evidence_certainty"] == ev["status"]
        assert r["contradicts"] == ("yes" if ev["contradicts"] else "no")
    assert "Ca²⁺ influx" in {r["source_label"] for r in rows}


def test_csv_quotes_with_commas_and_newlines_survive():
    g = hostile_graph()
    rows = list(csv.DictReader(io.StringIO(export(g, "csv"), newline="")))
    first = [r for r in rows if (r["source"], r["target"]) == ("node", "edge")]
    assert [r["quote"] for r in first] == ['He said, "stop"\nthen left, quickly.', "plain"]
    assert first[0]["source_title"] == 'A "title", with commas'
    assert first[0]["source_label"] == 'Say "hi" \\ back\\slash'
    no_evidence = [r for r in rows if (r["source"], r["target"]) == ("end", "a-b")]
    assert len(no_evidence) == 1 and no_evidence[0]["quote"] == ""


# --- tsv ------------------------------------------------------------------------------------

def test_tsv_signed_edge_list(merged):
    rows = list(csv.DictReader(io.StringIO(export(merged, "tsv")), dialect="excel-tab"))
    assert tuple(rows[0]) == tsv.COLUMNS
    assert [(r["source"], r["target"]) for r in rows] == sorted(merged.edges)
    for r in rows:
        d = merged.edges[r["source"], r["target"]]
        sign = {"+": "1", "-": "-1", "?": "0"}[d["sign"]]
        assert r["sign"] == sign
        assert (r["is_stimulation"], r["is_inhibition"]) == \
            (str(int(sign == "1")), str(int(sign == "-1")))
        assert (r["consensus_stimulation"], r["consensus_inhibition"]) == \
            (r["is_stimulation"], r["is_inhibition"])
        assert r["is_directed"] == r["consensus_direction"] == "1"
        assert r["status"] == r["certainty"] == d["status"] and r["effect"] == d["effect"]
        for end in ("source", "target"):
            node = merged.nodes[r[end]]
            assert r[f"{end}_label"] == readable(node["markup"])
            assert r[f"{end}_markup"] == node["markup"]
            ids = node["identifiers"]
            assert r[f"{end}_uniprot"].split(";") == sorted(
                i.split(":")[1] for i in ids if i.startswith("UniProt:")) or [""]
            assert r[f"{end}_hgnc"].split(";") == sorted(
                i for i in ids if i.startswith("HGNC:")) or [""]
            assert r[f"{end}_chebi"].split(";") == sorted(
                i for i in ids if i.startswith("CHEBI:")) or [""]
        sources = sorted({ev["source"] for ev in d["evidence"]})
        assert r["sources"].split(";") == sources
        assert r["references"].split(";") == [merged.graph["sources"][s]["address"]
                                              for s in sources]


def test_tsv_joins_to_omnipath_by_uniprot(merged):
    """An OmniPath-style table keyed by UniProt accessions joins on the new columns: BDNF
    (P23560) -> mTOR (P42345) is found, and small molecules keep their ChEBI id."""
    rows = list(csv.DictReader(io.StringIO(export(merged, "tsv")), dialect="excel-tab"))
    pairs = {(r["source_uniprot"], r["target_uniprot"]) for r in rows}
    assert ("P23560", "P42345") in pairs
    glutamate = next(r for r in rows if r["source"] == "glutamate")
    assert glutamate["source_chebi"] == "CHEBI:18237"
    calcium = next(r for r in rows if r["source"] == "calcium_influx")
    assert calcium["source_label"] == "Ca²⁺ influx" and calcium["source_markup"] == "Ca^{2+} influx"


def test_tsv_hostile_fields_stay_in_their_columns():
    g = hostile_graph()
    rows = list(csv.DictReader(io.StringIO(export(g, "tsv"), newline=""), dialect="excel-tab"))
    assert len(rows) == g.number_of_edges()
    row = next(r for r in rows if r["source"] == "node")
    assert row["source_label"] == 'Say "hi" \\ back\\slash'
    assert row["label"] == 'label "q" <x>'


# --- sif ------------------------------------------------------------------------------------

def test_sif_lines(merged):
    lines = export(merged, "sif").splitlines()
    edges = [line.split("\t") for line in lines if "\t" in line]
    assert [(s, t) for s, _, t in edges] == sorted(merged.edges)
    relation = {"+": "activates", "-": "inhibits", "?": "unknown"}
    assert all(r == relation[merged.edges[s, t]["sign"]] for s, r, t in edges)
    isolated = [line for line in lines if "\t" not in line]
    assert isolated == sorted(n for n in merged if merged.degree(n) == 0)


def test_sif_relation_by_sign_and_isolated_nodes():
    lines = export(hostile_graph(), "sif").splitlines()
    assert lines == ["a-b\tactivates\ta_b", "edge\tinhibits\tend", "end\tunknown\ta-b",
                     "node\tactivates\tedge", "x1"]


# --- dot ------------------------------------------------------------------------------------

def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return re.sub(r"\\(.)", r"\1", text, flags=re.S)


def _pydot_graph(text: str) -> tuple[dict[str, dict[str, str]], dict[tuple[str, str], dict]]:
    parsed = pydot.graph_from_dot_data(text)
    assert parsed and len(parsed) == 1
    nodes: dict[str, dict[str, str]] = {}
    edges: dict[tuple[str, str], dict[str, str]] = {}

    def walk(g: Any) -> None:
        for n in g.get_nodes():
            if n.get_name() in ("node", "edge", "graph"):  # default-attribute statements
                continue
            name = _unquote(n.get_name())
            assert name not in nodes, f"{name} declared twice"
            nodes[name] = {k: _unquote(v) for k, v in n.get_attributes().items()}
        for e in g.get_edges():
            key = (_unquote(e.get_source()), _unquote(e.get_destination()))
            edges[key] = {k: _unquote(v) for k, v in e.get_attributes().items()}
        for sub in g.get_subgraphs():
            walk(sub)

    walk(parsed[0])
    return nodes, edges


@pytest.mark.parametrize("graph", ["merged", "subset"])
def test_dot_parses_back_with_pydot(graph, request):
    g = request.getfixturevalue(graph)
    nodes, edges = _pydot_graph(export(g, "dot"))
    assert set(nodes) == set(g.nodes)
    assert set(edges) == set(g.edges)
    for n, d in g.nodes(data=True):
        assert nodes[n]["label"] == readable(d["markup"]) and nodes[n]["kind"] == d["kind"]
        assert nodes[n]["markup"] == d["markup"]
    for (u, v), attrs in edges.items():
        d = g.edges[u, v]
        assert (attrs["label"], attrs["sign"], attrs["effect"], attrs["certainty"]) == \
            (readable(d["label"]), d["sign"], d["effect"], d["status"])
        assert attrs["arrowhead"] == {"+": "normal", "-": "tee", "?": "odot"}[d["sign"]]
        assert attrs["style"] == {"stated": "solid", "hedged": "dotted",
                                  "hypothesised": "dashed"}[d["status"]]


def test_dot_clusters_use_the_nodes_font(subset):
    text = export(subset, "dot")
    graph_font = re.search(r'graph \[[^]]*fontname="([^"]+)"', text)
    node_font = re.search(r'node \[[^]]*fontname="([^"]+)"', text)
    assert graph_font and node_font and graph_font.group(1) == node_font.group(1)
    assert "subgraph" in text


def test_dot_quotes_hostile_labels_and_keyword_ids():
    g = hostile_graph()
    nodes, edges = _pydot_graph(export(g, "dot"))
    assert set(nodes) == set(g.nodes)  # includes the DOT keywords "node" and "edge" as ids
    assert set(edges) == set(g.edges)
    for n, d in g.nodes(data=True):
        assert nodes[n]["label"] == readable(d["markup"])
    assert edges["node", "edge"]["label"] == 'label "q" <x>'


@pytest.mark.graphviz
@needs_dot
def test_dot_ids_with_backslashes_and_quotes_read_back_as_they_are():
    """A network's node `B\\back` was written "B\\\\back", which Graphviz reads as two
    backslashes (its lexer keeps them; only a label's escString halves them). Ids and data are
    now written as Graphviz reads them back; an id no DOT can spell (a backslash at its end)
    is refused in one line, the file not written."""
    import json as json_module

    from pathways.render import run_graphviz

    g = hostile_graph()
    nx.relabel_nodes(g, {"x1": "B\\back", "end": 'q"uote\\mid'}, copy=False)
    drawn = json_module.loads(run_graphviz(export(g, "dot"), fmt="json"))
    names = {o["name"] for o in drawn["objects"] if "nodes" not in o}
    assert {"B\\back", 'q"uote\\mid'} <= names and names >= set(g.nodes)
    nx.relabel_nodes(g, {"B\\back": "tail\\"}, copy=False)
    with pytest.raises(UsageError, match="has a backslash before a quote or at its end"):
        export(g, "dot")


@pytest.mark.graphviz
@needs_dot
def test_dot_is_accepted_by_graphviz():
    from pathways.render import run_graphviz

    for g in (hostile_graph(), merge(load_dataset(GRAPHS))):
        svg = run_graphviz(export(g, "dot"), fmt="svg").decode("utf-8")
        assert svg.count('class="node"') == g.number_of_nodes()
        assert svg.count('class="edge"') == g.number_of_edges()


# --- mermaid --------------------------------------------------------------------------------

_MERMAID_NODE = re.compile(r'^  (\w+)(\(\[|\{\{|\[|\()"([^"]*)"(\]\)|\}\}|\]|\))$')
_MERMAID_EDGE = re.compile(r'^  (\w+) (-->|--x|--o|-\.->|-\.-x|-\.-o)(?:\|"([^"]*)"\|)? (\w+)$')
_MERMAID_CLASS = re.compile(r"^  class ([\w,]+) (\w+)$")
_MERMAID_LINK_STYLE = re.compile(r"^  linkStyle ([\d,]+) (.+)$")


def _mermaid(text: str) -> tuple[dict[str, str], list[tuple[str, str, str, str | None]]]:
    nodes, edges, _, _ = _mermaid_parts(text)
    return nodes, edges


def _mermaid_parts(text: str) -> tuple[dict[str, str], list[tuple[str, str, str, str | None]],
                                       dict[str, str], dict[int, str]]:
    """Nodes (id -> label), edges, node classes and each link's style, as Mermaid reads them."""
    lines = text.splitlines()
    assert lines[0] in ("flowchart TB", "flowchart LR")
    nodes: dict[str, str] = {}
    edges = []
    classes: dict[str, str] = {}
    styles: dict[int, str] = {}
    for line in lines[1:]:
        if m := _MERMAID_NODE.match(line):
            assert m.group(1) not in nodes, f"{m.group(1)} declared twice"
            nodes[m.group(1)] = m.group(3)
        elif m := _MERMAID_EDGE.match(line):
            edges.append((m.group(1), m.group(2), m.group(4), m.group(3)))
        elif m := _MERMAID_CLASS.match(line):
            classes.update(dict.fromkeys(m.group(1).split(","), m.group(2)))
        elif m := _MERMAID_LINK_STYLE.match(line):
            for i in m.group(1).split(","):
                assert int(i) not in styles
                styles[int(i)] = m.group(2)
        elif not line.startswith("  classDef "):
            pytest.fail(f"unexpected Mermaid line {line!r}")
    return nodes, edges, classes, styles


@pytest.mark.parametrize("graph", ["merged", "subset", "hostile"])
def test_mermaid_structure(graph, request):
    g = hostile_graph() if graph == "hostile" else request.getfixturevalue(graph)
    ids = mermaid.node_ids(g)
    assert len(set(ids.values())) == len(ids)
    assert all(re.fullmatch(r"n_\w+", i) for i in ids.values())
    nodes, edges, classes, styles = _mermaid_parts(export(g, "mermaid"))
    assert set(nodes) == set(ids.values()) == set(classes)
    assert len(edges) == g.number_of_edges()
    back = {v: k for k, v in ids.items()}
    for i, (source, arrow, target, label) in enumerate(edges):
        d = g.edges[back[source], back[target]]
        assert arrow == mermaid.ARROWS[d["sign"], d["status"] == "stated"]
        assert arrow.startswith("--" if d["status"] == "stated" else "-.-")
        assert arrow[-1] == {"+": ">", "-": "x", "?": "o"}[d["sign"]]
        # Three line styles: solid stated, dotted hedged, dashed hypothesised.
        style = styles.get(i, "")
        if d["status"] == "stated":
            assert "dasharray" not in style
        else:
            assert f"stroke-dasharray:{mermaid.DASHES[d['status']]}" in style
        assert ("stroke:#D55E00" in style) == (d["sign"] == "-")
        assert (label or "").replace("<br>", " ") == \
            (mermaid.escape(readable(d["label"])) if d["label"] else "")
    for text in [*nodes.values(), *(e[3] or "" for e in edges)]:
        assert not set(text.replace("<br>", "")) & set('"<>`')
        assert all(len(line) <= 2 * mermaid.WRAP for line in text.split("<br>"))
    for n, d in g.nodes(data=True):
        assert classes[ids[n]] == look_kind(d["kind"], d.get("role"))


def test_mermaid_direction_keeps_charts_narrow():
    chain = nx.DiGraph([(f"n{i}", f"n{i + 1}") for i in range(8)])
    fan = nx.DiGraph([("hub", f"leaf{i}") for i in range(8)])
    assert mermaid.direction(chain) == "TB"  # a long chain goes down the page
    assert mermaid.direction(fan) == "LR"  # a wide rank goes across
    loop = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    assert mermaid.direction(loop) == "TB"  # feedback loops are condensed, not an error


def test_mermaid_escapes_and_safe_ids():
    g = hostile_graph()
    ids = mermaid.node_ids(g)
    assert ids["end"] == "n_end" and ids["a-b"] != ids["a_b"]
    assert mermaid.escape('Say "hi" <b> & #1') == "Say #quot;hi#quot; #lt;b#gt; #amp; #35;1"
    nodes, _ = _mermaid(export(g, "mermaid"))
    assert nodes[ids["node"]] == "Say #quot;hi#quot; \\<br>back\\slash"
    assert nodes[ids["a_b"]].startswith("Ca²⁺ {braces}")


# --- layout DOT (pure) ----------------------------------------------------------------------

def test_layout_source_is_quoted_dot(merged):
    text, named = named_source(merged, cluster_unassigned=True, min_widths={"ketamine": 144})
    assert text == layout_source(merged, cluster_unassigned=True, min_widths={"ketamine": 144})
    nodes, edges = _pydot_graph(text)
    assert {named.nodes[n] for n in nodes} == set(merged.nodes)
    assert {(named.nodes[u], named.nodes[v]) for u, v in edges} == set(merged.edges)
    ketamine = next(n for n, node in named.nodes.items() if node == "ketamine")
    assert nodes[ketamine]["width"] == "2.000"
    assert set(named.clusters.values()) == {d["compartment"] for _, d in merged.nodes(data=True)}
    assert all(re.fullmatch(r"cluster_\d+", name) and f"subgraph {name} {{" in text
               for name in named.clusters)
    hostile_text, hostile = named_source(hostile_graph())
    hostile_nodes, _ = _pydot_graph(hostile_text.replace("\\n", " "))  # undo the wrapping
    by_id = {hostile.nodes[n]: attrs for n, attrs in hostile_nodes.items()}
    assert by_id["node"]["label"] == 'Say "hi" \\ back\\slash'


@pytest.mark.graphviz
@needs_dot
@pytest.mark.parametrize("fmt", ["cyjs", "graphml", "sbgn"])
def test_ids_graphviz_would_rename_are_laid_out(fmt):
    """Graphviz gives a quoted DOT name back as written (its backslashes not undone), so ids
    with a backslash, a newline or a quote must not be the names the layout looks for: every
    node of such a network still gets its place, in a compartment too."""
    g = nx.DiGraph()
    g.graph["compartments"] = {'cyto\\sol "x"': 'cyto\\sol "x"'}
    ids = ["A\\B", "C\\", "D\nE", 'F"q', "label:cyto", "n0"]
    for i, node in enumerate(ids):
        g.add_node(node, **_node(node, compartment='cyto\\sol "x"' if i % 2 else ""))
    for u, v in pairwise(ids):
        g.add_edge(u, v, **_edge("activates", "+", ["x"]))
    layout = graph_layout(g)
    assert set(layout.nodes) == set(ids) and set(layout.edges) == set(g.edges)
    assert set(layout.clusters) == {'cyto\\sol "x"'}
    assert len({(x, y) for x, y, _, _ in layout.nodes.values()}) == len(ids)  # all apart
    text = export(g, fmt)  # raised "Graphviz placed no node for A\\B, C\\, ..." before
    if fmt == "cyjs":
        placed = {n["data"]["id"] for n in json.loads(text)["elements"]["nodes"]
                  if "position" in n}
        assert set(ids) <= placed
    elif fmt == "graphml":
        assert set(nx.read_graphml(io.BytesIO(text.encode("utf-8")))) == set(ids)
    else:
        root = ET.fromstring(text.encode("utf-8"))
        labels = {label.get("text") for glyph in root.iter(f"{{{SBGN_NS['s']}}}glyph")
                  if glyph.get("class") != "compartment"
                  and (label := glyph.find("s:label", SBGN_NS)) is not None}
        assert {readable(i) for i in ids} <= labels


# --- cyjs -----------------------------------------------------------------------------------

@pytest.mark.graphviz
@needs_dot
@pytest.mark.parametrize("graph", ["merged", "subset", "hostile"])
def test_cyjs_structure(graph, request):
    g = hostile_graph() if graph == "hostile" else request.getfixturevalue(graph)
    doc = json.loads(export(g, "cyjs"))
    assert set(doc) >= {"data", "elements"}
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    compartments = [n for n in nodes if n["data"]["kind"] == "compartment"]
    nodes = [n for n in nodes if n["data"]["kind"] != "compartment"]
    node_ids = [n["data"]["id"] for n in nodes]
    edge_ids = [e["data"]["id"] for e in edges]
    assert sorted(node_ids) == sorted(g.nodes) and len(edges) == g.number_of_edges()
    assert len(set(node_ids + edge_ids)) == len(node_ids) + len(edge_ids)
    for e in edges:
        assert e["data"]["source"] in node_ids and e["data"]["target"] in node_ids
        d = g.edges[e["data"]["source"], e["data"]["target"]]
        assert (e["data"]["sign"], e["data"]["certainty"], e["data"]["status"],
                e["data"]["interaction"]) == (d["sign"], d["status"], d["status"], d["effect"])
        assert len(e["data"]["evidence"]) == len(d["evidence"])
        assert e["data"]["label"] == readable(d["label"])
    # Compartments are compound (parent) nodes, one per compartment used, holding its members.
    used = {d["compartment"] for _, d in g.nodes(data=True)} - {""}
    assert sorted(c["data"]["id"] for c in compartments) == sorted(
        cyjs.compartment_node_id(c) for c in used)
    positions = []
    for n in nodes:
        d = g.nodes[n["data"]["id"]]
        assert n["data"].get("parent", "") == (
            cyjs.compartment_node_id(d["compartment"]) if d["compartment"] else "")
        assert n["data"]["name"] == n["data"]["label"] == readable(d["markup"])
        assert n["data"]["markup"] == d["markup"]
        x, y = n["position"]["x"], n["position"]["y"]
        assert isinstance(x, int | float) and isinstance(y, int | float)
        positions.append((x, y))
    assert len(set(positions)) == len(positions)  # not all equal: no two nodes on one spot


# --- sbgn -----------------------------------------------------------------------------------

def _write(tmp_path: Path, text: str, name: str = "map.sbgn") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _sbgn_issues(path: Path) -> tuple[list[str], list[Any]]:
    from libsbgnpy import validate, validate_schematron

    return validate(path), validate_schematron(path)


def _box(el: ET.Element) -> tuple[float, float, float, float]:
    b = el.find("s:bbox", SBGN_NS)
    assert b is not None
    return float(b.get("x")), float(b.get("y")), float(b.get("w")), float(b.get("h"))


def _inside(inner: tuple[float, ...], outer: tuple[float, ...], tol: float = 0.01) -> bool:
    return (outer[0] - tol <= inner[0] and outer[1] - tol <= inner[1]
            and inner[0] + inner[2] <= outer[0] + outer[2] + tol
            and inner[1] + inner[3] <= outer[1] + outer[3] + tol)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@pytest.mark.graphviz
@needs_dot
@pytest.mark.parametrize("graph", ["merged", "subset", "hostile"])
def test_sbgn_is_valid_activity_flow(graph, request, tmp_path):
    pytest.importorskip("libsbgnpy")
    g = hostile_graph() if graph == "hostile" else request.getfixturevalue(graph)
    errors, issues = _sbgn_issues(_write(tmp_path, export(g, "sbgn")))
    assert errors == []
    assert issues == []


@pytest.mark.graphviz
@needs_dot
def test_sbgn_content_and_geometry(merged):
    root = ET.fromstring(export(merged, "sbgn").encode("utf-8"))
    sbgn_map = root.find("s:map", SBGN_NS)
    assert sbgn_map is not None
    assert sbgn_map.get("language") == "activity flow"
    assert sbgn_map.get("version") == sbgn.AF_VERSION
    glyphs = {g.get("id"): g for g in sbgn_map.findall("s:glyph", SBGN_NS)}
    compartments = {i: _box(g) for i, g in glyphs.items() if g.get("class") == "compartment"}
    used = {d["compartment"] for _, d in merged.nodes(data=True) if d["compartment"]}
    assert set(compartments) == {sbgn.compartment_id(c) for c in used} | {"c._"}
    for a, b in ((a, b) for a in compartments for b in compartments if a < b):
        assert not _overlap(compartments[a], compartments[b]), (a, b)
    boxes = {}
    for n, d in merged.nodes(data=True):
        glyph = glyphs[sbgn.glyph_id(n)]
        assert glyph.find("s:label", SBGN_NS).get("text") == readable(d["markup"])
        boxes[n] = box = _box(glyph)
        units = glyph.findall("s:glyph", SBGN_NS)
        if d["kind"] == "phenotype":
            assert glyph.get("class") == "phenotype" and not units
            # AF requires a compartment only of activities: a phenotype the data places
            # nowhere stays out of the catch-all compartment.
            assert glyph.get("compartmentRef") is None or d["compartment"]
            if glyph.get("compartmentRef") is None:
                assert not any(_overlap(box, c) for c in compartments.values())
            continue
        assert _inside(box, compartments[glyph.get("compartmentRef")])
        assert glyph.get("class") == "biological activity"
        entity = units[0].find("s:entity", SBGN_NS)
        assert entity is not None and entity.get("name") == sbgn.ENTITY_TYPES[d["kind"]]
        assert [u.find("s:label", SBGN_NS).get("text") for u in units] == \
            [d["kind"], *d["info"]]
        for unit in units:
            assert _inside(_box(unit), compartments[glyph.get("compartmentRef")])
            assert _box(unit)[0] + _box(unit)[2] <= box[0] + box[2]
    assert len({b[:2] for b in boxes.values()}) == len(boxes)  # real layout, not all at 0,0
    arcs = sbgn_map.findall("s:arc", SBGN_NS)
    assert len(arcs) == merged.number_of_edges()
    for arc in arcs:
        u, v = (arc.get(k).removeprefix("e.") for k in ("source", "target"))
        d = merged.edges[u, v]
        assert arc.get("class") == sbgn.ARC_CLASSES[d["sign"]]
        for tag, node in (("start", u), ("end", v)):
            point = arc.find(f"s:{tag}", SBGN_NS)
            px, py = float(point.get("x")), float(point.get("y"))
            x, y, w, h = boxes[node]
            gap = max(x - px, px - x - w, y - py, py - y - h)  # how far outside the box
            if tag == "end" and d["sign"] == "-":
                # A negative influence ends BAR_GAP back along its arc, its bar off the border.
                assert 0.1 < gap <= sbgn.BAR_GAP + 0.05, (arc.get("id"), gap)
            else:
                assert abs(gap) < 0.02, (arc.get("id"), tag, gap)
        notes = [p.text for p in arc.find("s:notes", SBGN_NS)[0]]  # <notes><body><p>
        assert notes[0].startswith(f"{d['status']}: {d['effect']}")
        assert f"certainty: {d['status']}" in notes
    # The catch-all compartment holds only activities the data places nowhere.
    for glyph in glyphs.values():
        if glyph.get("compartmentRef") == "c._":
            node = glyph.get("id").removeprefix("e.")
            assert glyph.get("class") == "biological activity"
            assert merged.nodes[node]["compartment"] == ""


def _arc_points(arc: ET.Element) -> list[tuple[float, float]]:
    return [(float(p.get("x")), float(p.get("y"))) for p in arc
            if p.tag.rsplit("}", 1)[-1] in ("start", "next", "end")]


def _segment_hits(p: tuple[float, float], q: tuple[float, float],
                  rect: tuple[float, float, float, float], tol: float = 1.0) -> bool:
    """True when segment p-q passes through `rect` shrunk by `tol` (Liang-Barsky)."""
    x, y, w, h = rect[0] + tol, rect[1] + tol, rect[2] - 2 * tol, rect[3] - 2 * tol
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for a, b in ((-dx, p[0] - x), (dx, x + w - p[0]), (-dy, p[1] - y), (dy, y + h - p[1])):
        if a == 0:
            if b < 0:
                return False
            continue
        t = b / a
        if a < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
    return t0 <= t1


@pytest.mark.graphviz
@needs_dot
@pytest.mark.parametrize("graph", ["merged", "subset", "hostile"])
def test_sbgn_no_arc_crosses_a_glyph_it_does_not_touch(graph, request):
    """Arcs follow the layout's bend points (`<next>`): none passes through a glyph, or a
    unit of information, other than its own source's and target's."""
    g = hostile_graph() if graph == "hostile" else request.getfixturevalue(graph)
    sbgn_map = ET.fromstring(export(g, "sbgn").encode("utf-8")).find("s:map", SBGN_NS)
    glyphs = {gl.get("id"): [_box(gl), *(_box(u) for u in gl.findall("s:glyph", SBGN_NS))]
              for gl in sbgn_map.findall("s:glyph", SBGN_NS) if gl.get("class") != "compartment"}
    arcs = sbgn_map.findall("s:arc", SBGN_NS)
    crossings = [(arc.get("id"), gid) for arc in arcs for gid, rects in glyphs.items()
                 if gid not in (arc.get("source"), arc.get("target"))
                 and any(_segment_hits(p, q, r) for p, q in pairwise(_arc_points(arc))
                         for r in rects)]
    assert crossings == []
    if graph == "merged":
        assert any(arc.find("s:next", SBGN_NS) is not None for arc in arcs)
    # Nor through a compartment's label, which sits inside its compartment.
    for compartment in sbgn_map.findall("s:glyph[@class='compartment']", SBGN_NS):
        label = _box(compartment.find("s:label", SBGN_NS))
        assert _inside(label, _box(compartment))
        assert not [arc.get("id") for arc in arcs
                    if any(_segment_hits(p, q, label, tol=0.0)
                           for p, q in pairwise(_arc_points(arc)))], compartment.get("id")


@pytest.mark.graphviz
@needs_dot
@pytest.mark.parametrize("graph", ["merged", "subset", "hostile"])
def test_sbgn_arcs_end_clear_of_their_glyphs_units(graph, request):
    """No arc starts or ends on a unit of information of its own glyph, nor within a head's
    length of one: every compound's map had set 22 of its 59 arrowheads and bars on the kind
    tags ("neurotr▷nsmitter" on dopamine in momapy), as if the arc named the kind."""
    g = hostile_graph() if graph == "hostile" else request.getfixturevalue(graph)
    sbgn_map = ET.fromstring(export(g, "sbgn").encode("utf-8")).find("s:map", SBGN_NS)
    units = {gl.get("id"): [_box(u) for u in gl.findall("s:glyph", SBGN_NS)]
             for gl in sbgn_map.findall("s:glyph", SBGN_NS)}
    on_units = []
    for arc in sbgn_map.findall("s:arc", SBGN_NS):
        points = _arc_points(arc)
        for end, before, glyph in ((points[0], points[1], arc.get("source")),
                                   (points[-1], points[-2], arc.get("target"))):
            length = ((end[0] - before[0]) ** 2 + (end[1] - before[1]) ** 2) ** 0.5
            t = min(1.0, 10.0 / length) if length else 0.0  # a head 10 pt long, as momapy's
            head = (end[0] + (before[0] - end[0]) * t, end[1] + (before[1] - end[1]) * t)
            if any(_segment_hits(head, end, (x - 2, y - 2, w + 4, h + 4), tol=0.0)
                   for x, y, w, h in units[glyph]):
                on_units.append((arc.get("id"), glyph))
    assert on_units == []


@pytest.mark.graphviz
@needs_dot
def test_sbgn_drawn_by_momapy_arcs_end_clear_of_units_and_bars_show(subset, tmp_path):
    """As momapy reads the map of ketamine and MGS0039: no arc's end lies on a unit of
    information of the glyph it ends at, and every negative influence ends outside its
    target's box, so its bar is not drawn along the box's border (Ketamine -> NMDA receptor,
    straight down onto its top, had shown no bar at all)."""
    momapy_io = pytest.importorskip("momapy.io.core", reason="momapy is not installed")
    graph = subset
    sbgn_map = momapy_io.read(str(_write(tmp_path, export(graph, "sbgn")))).obj
    arcs = [e for e in sbgn_map.layout.layout_elements if type(e).__name__.endswith("Influence"
                                                                                     "Layout")]
    assert len(arcs) == graph.number_of_edges()
    negative = 0
    for arc in arcs:
        points = arc.points()
        for end, glyph in ((points[0], arc.source), (points[-1], arc.target)):
            for unit in glyph.layout_elements:
                box = unit.bbox()
                assert not (abs(end.x - box.position.x) <= box.width / 2 + 1
                            and abs(end.y - box.position.y) <= box.height / 2 + 1), \
                    (glyph.label.text, unit.label.text)
        if type(arc).__name__ == "NegativeInfluenceLayout":
            negative += 1
            box, end, before = arc.target, points[-1], points[-2]  # its own box, not units'
            across = abs(end.x - box.position.x) - box.width / 2
            down = abs(end.y - box.position.y) - box.height / 2
            # Outside the box; met square-on (within some 25 degrees), at least 2 pt off it.
            dx, dy = abs(end.x - before.x), abs(end.y - before.y)
            square = dy > 2 * dx if down >= across else dx > 2 * dy
            assert max(across, down) >= (2.0 if square else 0.5), arc.target.label.text
    assert negative >= 3


@pytest.mark.graphviz
@needs_dot
def test_sbgn_drawn_by_momapy_every_label_fits(merged, tmp_path):
    """momapy, an SBGN renderer, reads the map, draws it, and every label it sets (one line,
    in its own font metrics) fits inside its glyph; compartment labels have a place inside
    their compartment, clear of every other glyph."""
    momapy_io = pytest.importorskip("momapy.io.core", reason="momapy is not installed")
    from momapy.rendering.core import render_map

    path = _write(tmp_path, export(merged, "sbgn"))
    sbgn_map = momapy_io.read(str(path)).obj
    render_map(sbgn_map, str(tmp_path / "map.svg"), format_="svg", renderer="svg-native")
    assert (tmp_path / "map.svg").stat().st_size > 10_000
    elements = list(sbgn_map.layout.layout_elements)
    nodes = [e for e in elements if getattr(e, "label", None) is not None
             and type(e).__name__ != "CompartmentLayout" and hasattr(e, "width")]
    assert len(nodes) == merged.number_of_nodes()
    checked = 0
    for node in nodes:
        inner = node.width - (node.height if type(node).__name__ == "PhenotypeLayout" else 0)
        assert node.label.bbox().width <= inner + 0.5, node.label.text
        for unit in getattr(node, "layout_elements", ()):
            if getattr(unit, "label", None) is not None:
                assert unit.label.bbox().width <= unit.width, unit.label.text
                checked += 1
    assert checked >= merged.number_of_nodes() - 2  # the units were there to check
    boxes = [(n.position.x - n.width / 2, n.position.y - n.height / 2, n.width, n.height)
             for n in nodes]
    compartments = [e for e in elements if type(e).__name__ == "CompartmentLayout"]
    assert compartments
    for c in compartments:
        label = c.label.bbox()
        rect = (label.position.x - label.width / 2, label.position.y - label.height / 2,
                label.width, label.height)
        outer = (c.position.x - c.width / 2, c.position.y - c.height / 2, c.width, c.height)
        assert _inside(rect, outer, tol=0.5), c.label.text
        assert not any(_overlap(rect, b) for b in boxes), c.label.text


@pytest.mark.graphviz
@needs_dot
def test_sbgn_phenotype_that_acts_becomes_an_activity():
    root = ET.fromstring(export(hostile_graph(), "sbgn").encode("utf-8"))
    glyph = root.find("s:map/s:glyph[@id='e.a-b']", SBGN_NS)
    assert glyph is not None and glyph.get("class") == "biological activity"


@pytest.mark.graphviz
@needs_dot
@pytest.mark.parametrize(("mutation", "expect"), [
    # an arc class of Process Description, not Activity Flow: spec check and schematron
    (lambda m: m.find("s:arc", SBGN_NS).set("class", "production"), "both"),
    # a top-level activity without its compartment: AF rule af10114
    (lambda m: m.find("s:glyph[@class='biological activity']", SBGN_NS).attrib.pop(
        "compartmentRef"), "af10114"),
    # an arc to nowhere: schematron 00002 (lxml's XSD does not resolve IDREFs)
    (lambda m: m.find("s:arc", SBGN_NS).set("target", "nowhere"), "00002"),
    # a glyph without its bbox: schema
    (lambda m: m.find("s:glyph", SBGN_NS).remove(m.find("s:glyph/s:bbox", SBGN_NS)), "schema"),
], ids=["pd-arc-class", "no-compartmentRef", "dangling-arc", "no-bbox"])
def test_sbgn_validation_catches_a_broken_file(mutation, expect, subset, tmp_path):
    pytest.importorskip("libsbgnpy")
    root = ET.fromstring(export(subset, "sbgn").encode("utf-8"))
    mutation(root.find("s:map", SBGN_NS))
    path = _write(tmp_path, ET.tostring(root, encoding="unicode"), "broken.sbgn")
    errors, issues = _sbgn_issues(path)
    if expect in ("schema", "both"):
        assert errors
    if expect == "both":
        assert issues
    if expect not in ("schema", "both"):
        assert expect in [i.rule_id for i in issues]


# --- cytoscape.js: the CYJS with its style, as Cytoscape.js reads and styles it -------------

def _npm_install(tmp_path_factory, package: str, timeout: int) -> Path:
    """A node_modules folder with `package` from npm; skips the test where npm cannot."""
    import subprocess

    folder = tmp_path_factory.mktemp(package.split("@")[0] + "-js")
    done = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund",
                           "--prefix", str(folder), package], capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode != 0:
        pytest.skip(f"npm could not install {package}: {done.stderr.strip()[-200:]}")
    return folder / "node_modules"


@pytest.fixture(scope="session")
def cytoscape_js(tmp_path_factory) -> Path:
    """A node_modules folder with cytoscape.js, installed from npm (skipped without Node)."""
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("Node.js and npm are not installed: cannot load the CYJS in cytoscape.js")
    return _npm_install(tmp_path_factory, "cytoscape@3", 300)


def _cytoscape_styles(modules: Path, tmp_path: Path, graph: nx.DiGraph) -> dict[str, Any]:
    import subprocess

    network = tmp_path / "k.cyjs"
    network.write_text(export(graph, "cyjs"), encoding="utf-8")
    for suffix, text in EXPORTERS["cyjs"].companions(graph).items():
        (tmp_path / f"k{suffix}").write_text(text, encoding="utf-8")
    script = Path(__file__).parent / "js" / "cytoscape_styles.js"
    done = subprocess.run(["node", str(script), str(modules), str(network),
                           str(tmp_path / "k.style.json")], capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout)


def _rgb(hex_colour: str) -> str:
    return "rgb({},{},{})".format(*(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.graphviz
@needs_dot
@pytest.mark.parametrize("graph", ["merged", "hostile"])
def test_cyjs_opens_styled_in_cytoscape_js(graph, request, cytoscape_js, tmp_path):
    """Cytoscape.js loads the network with its stylesheet without a warning, and draws it in
    the figures' notation: shapes and colours by kind, arrows by sign, lines by certainty,
    compartments as parent nodes around their members and clear of every other node."""
    from pathways.style import LIGHT

    g = hostile_graph() if graph == "hostile" else request.getfixturevalue(graph)
    drawn = _cytoscape_styles(cytoscape_js, tmp_path, g)
    assert drawn["warnings"] == []
    nodes, edges = drawn["nodes"], drawn["edges"]
    for n, d in g.nodes(data=True):
        got = nodes[n]
        kind = look_kind(d["kind"], d.get("role"))  # a compound no one calls a drug: chemical
        assert got["background"] == _rgb(LIGHT.kind_fill[kind]), n
        assert got["border"] == _rgb(LIGHT.kind_line[kind]), n
        assert got["shape"] == ("cut-rectangle" if kind == "tool" else "ellipse"
                                if kind == "chemical" else cytoscape_style.SHAPES[d["kind"]])
        assert got["label"] == readable(d["markup"])
        assert got["parent"] == (cyjs.compartment_node_id(d["compartment"])
                                 if d["compartment"] else None)
    for u, v, d in g.edges(data=True):
        got = edges[cyjs.edge_id(u, v)]
        assert got["arrow"] == cytoscape_style.ARROWS[d["sign"]]
        assert got["line"] == cytoscape_style.LINE_STYLES[d["status"]]
        assert got["colour"] == _rgb(LIGHT.sign_colour[d["sign"]])
    boxes = {n: (b["x1"], b["y1"], b["x2"] - b["x1"], b["y2"] - b["y1"])
             for n, b in ((n, got["bbox"]) for n, got in nodes.items())}
    parents = [n for n in nodes if n.startswith("compartment:")]
    assert len(parents) == len({d["compartment"] for _, d in g.nodes(data=True)} - {""})
    for parent in parents:
        members = [n for n, got in nodes.items() if got["parent"] == parent]
        assert members and nodes[parent]["children"] == len(members)
        for n in set(g.nodes) - set(members):
            assert not _overlap(boxes[parent], boxes[n]), (parent, n)
    if graph == "merged":
        assert nodes["calcium_influx"]["label"] == "Ca²⁺ influx"


def test_cytoscape_desktop_style_maps_the_notation():
    """styles.xml (Cytoscape desktop's vizmap format) maps kind to shape and colours, sign to
    arrow and colour, certainty to line type, and takes labels and sizes from the columns."""
    root = ET.fromstring(cytoscape_style.desktop_style().encode("utf-8"))
    assert root.tag == "vizmap" and root.find("visualStyle").get("name") == "pathways"

    def mapping(scope: str, prop: str) -> dict[str, str]:
        el = root.find(f"visualStyle/{scope}/visualProperty[@name='{prop}']/discreteMapping")
        return {e.get("attributeValue"): e.get("value") for e in el}

    assert mapping("node", "NODE_SHAPE")["phenotype"] == "HEXAGON"
    assert mapping("node", "NODE_FILL_COLOR")["receptor"] == "#D6E9F8"
    # Mapped on `look`, as the figures draw a node: a research tool and a map's chemical (cAMP)
    # apart from a drug (mapped on `kind`, desktop Cytoscape drew both as drugs).
    shapes = mapping("node", "NODE_SHAPE")
    assert (shapes["compound"], shapes["tool"], shapes["chemical"]) == (
        "ROUND_RECTANGLE", "OCTAGON", "ELLIPSE")
    column = root.find("visualStyle/node/visualProperty[@name='NODE_SHAPE']/discreteMapping")
    assert column.get("attributeName") == "look"
    graph = merge(load_dataset(GRAPHS))
    graph.add_node("cAMP", **{**graph.nodes["bdnf"], "kind": "compound", "role": "",
                              "label": "cAMP", "markup": "cAMP"})
    from pathways.exporters.cyjs import _node
    looks = {n: _node(n, graph.nodes[n], graph, (0, 0, 10, 10), {})["data"]["look"]
             for n in ("ketamine", "ro25_6981", "cAMP", "bdnf")}
    assert looks == {"ketamine": "compound", "ro25_6981": "tool", "cAMP": "chemical",
                     "bdnf": "protein"}
    assert mapping("edge", "EDGE_TARGET_ARROW_SHAPE") == {"+": "DELTA", "-": "T", "?": "DIAMOND"}
    assert mapping("edge", "EDGE_LINE_TYPE") == {"stated": "SOLID", "hedged": "DOT",
                                                 "hypothesised": "EQUAL_DASH"}
    label = root.find("visualStyle/node/visualProperty[@name='NODE_LABEL']/passthroughMapping")
    assert label.get("attributeName") == "label"


# --- cyjs: the network as cytoscape.js draws it, in headless Chromium -----------------------

def _browser_and_npm(tmp_path_factory, package: str, timeout: int, what: str
                     ) -> tuple[str, Path]:
    """(Chromium program, a node_modules folder with `package` from npm); the test is skipped,
    saying it cannot draw `what`, without Chromium, Node or npm."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip(f"Chromium is not installed: cannot draw {what}")
    if not shutil.which("npm"):
        pytest.skip(f"npm is not installed: cannot install {package}")
    return browser, _npm_install(tmp_path_factory, package, timeout)


def _page_result(browser: str, page: Path, tmp_path: Path) -> dict[str, Any]:
    """What `page` writes into its <pre id="result"> (JSON) once headless Chromium has run it."""
    import html
    import subprocess

    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                           f"--user-data-dir={tmp_path / 'profile'}",
                           "--virtual-time-budget=20000", "--dump-dom", page.as_uri()],
                          capture_output=True, text=True, timeout=180)
    found = re.search(r'<pre id="result">(.*?)</pre>', done.stdout, re.S)
    assert found and found.group(1), done.stderr[-500:]
    return json.loads(html.unescape(found.group(1)))


@pytest.fixture(scope="session")
def cytoscape_page(tmp_path_factory) -> tuple[str, Path]:
    """(Chromium program, cytoscape.min.js) from npm; skipped without Chromium, Node or npm."""
    browser, modules = _browser_and_npm(tmp_path_factory, "cytoscape@3", 300,
                                        "the CYJS export in cytoscape.js")
    return browser, modules / "cytoscape/dist/cytoscape.min.js"


def _cytoscape_drawn(page: tuple[str, Path], graph: nx.DiGraph, tmp_path: Path
                     ) -> dict[str, Any]:
    """The network and its stylesheet as cytoscape.js draws them in a page: each edge's
    polyline and each node's box (`tests/js/cytoscape_page.html.in`)."""
    browser, script = page
    style = EXPORTERS["cyjs"].companions(graph)[".style.json"]
    text = (Path(__file__).parent / "js/cytoscape_page.html.in").read_text(encoding="utf-8")
    path = tmp_path / "network.html"
    path.write_text(text.replace("@CYTOSCAPE@", script.as_uri())
                    .replace("@NETWORK@", export(graph, "cyjs")).replace("@STYLE@", style),
                    encoding="utf-8")
    return _page_result(browser, path, tmp_path)


@pytest.mark.graphviz
@needs_dot
@pytest.mark.parametrize("compounds", [["mij821"], None])
def test_cyjs_drawn_by_cytoscape_js_edges_go_round_nodes(compounds, dataset, cytoscape_page,
                                                         tmp_path):
    """cytoscape.js draws each edge the layout bends round other nodes through its bends
    (`segments`), so no edge passes through a node it does not join (3 pt of slack for the
    borders). Drawn straight from centre to centre, 5 of Mij821's 19 links and 17 of all 59
    crossed a node: its links to BDNF and to the antidepressant effect ran through
    Dissociative symptoms and Channel open probability."""
    g = merge(dataset, compounds)
    drawn = _cytoscape_drawn(cytoscape_page, g, tmp_path)
    assert "error" not in drawn, drawn.get("error")
    assert drawn["warnings"] == []
    assert any(e["curve"] == "segments" for e in drawn["edges"].values())
    through = []
    for edge_id, edge in drawn["edges"].items():
        points = edge["points"]
        for node, found in drawn["nodes"].items():
            if node in (edge["source"], edge["target"]) or found["parent"]:
                continue
            box = found["box"]
            rect = (box["x1"], box["y1"], box["x2"] - box["x1"], box["y2"] - box["y1"])
            if any(_segment_hits(tuple(p), tuple(q), rect, tol=3.0)
                   for p, q in pairwise(points)):
                through.append((edge_id, node))
    assert through == []


# --- mermaid: the chart as mermaid draws it, in headless Chromium -------------------------

@pytest.fixture(scope="session")
def mermaid_js(tmp_path_factory) -> tuple[str, Path]:
    """(Chromium program, mermaid.min.js) from npm; skipped without Chromium, Node or npm."""
    browser, modules = _browser_and_npm(tmp_path_factory, "mermaid@11", 600,
                                        "the Mermaid export")
    return browser, modules / "mermaid/dist/mermaid.min.js"


def _mermaid_drawn(mermaid_js: tuple[str, Path], chart: str, tmp_path: Path) -> dict[str, Any]:
    import html

    browser, script = mermaid_js
    page = (Path(__file__).parent / "js/mermaid_page.html.in").read_text(encoding="utf-8")
    path = tmp_path / "chart.html"
    path.write_text(page.replace("@CHART@", html.escape(chart))
                    .replace("@MERMAID@", script.as_uri()), encoding="utf-8")
    return _page_result(browser, path, tmp_path)


@pytest.mark.parametrize("compounds", [["mij821"], ["ketamine", "mgs0039"], None])
def test_mermaid_draws_in_mermaid(compounds, dataset, mermaid_js, tmp_path):
    """mermaid parses and draws the export: every node with its kind's class, negative links
    vermillion, hypothesised links dashed, labels read Ca²⁺, and in the direction it draws
    narrower (the all-compounds chart had gone down the page 4,029 px wide, where across it
    draws 3,424 px)."""
    g = merge(dataset, compounds)
    chart = export(g, "mermaid")
    drawn = _mermaid_drawn(mermaid_js, chart, tmp_path)
    assert "error" not in drawn, drawn.get("error")
    assert len(drawn["nodes"]) == g.number_of_nodes()
    assert len(drawn["links"]) == g.number_of_edges()
    ids = mermaid.node_ids(g)
    for node in drawn["nodes"]:
        entity = next(n for n, i in ids.items() if f"-{i}-" in node["id"] + "-")
        d = g.nodes[entity]
        assert look_kind(d["kind"], d.get("role")) in node["classes"].split()
        assert " ".join(node["text"].split()).replace(" ", "") == \
            readable(d["markup"]).replace(" ", "")
    for link, (_, _, d) in zip(drawn["links"], sorted_edges(g), strict=True):
        assert ("#D55E00" in link["style"]) == (d["sign"] == "-")
        assert ("8 5" in link["style"] or "8,5" in link["style"]) == \
            (d["status"] == "hypothesised")
    # As narrow as the other direction would draw it (its own width, before the page scales
    # it down to fit: the page's 760 px had capped the width this test read).
    first, rest = chart.split("\n", 1)
    other = tmp_path / "other"
    other.mkdir()
    flipped = _mermaid_drawn(mermaid_js, ("flowchart LR\n" if first.endswith("TB")
                                          else "flowchart TB\n") + rest, other)
    assert drawn["natural"] <= flipped["natural"]


# --- large graphs ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def large(merged) -> nx.DiGraph:
    """The shipped data joined to a generated network (feedback loops, a large connected part)
    and to scattered pairs and loners (many small parts): every way a large export is laid out,
    once the limits are lowered to its size."""
    import random

    from pathways.merge import add_network, network_graph
    from pathways.readers import Interaction, Node
    from test_compact import generated

    net = generated(5, nodes=120, edges=300)
    src = net.file_source()
    rng = random.Random(5)
    for i in range(60):
        net.node(Node(f"P{i:03d}", f"P{i:03d} {'x' * rng.randrange(12)}"))
    for i in range(0, 40, 2):
        net.interactions.append(Interaction(f"P{i:03d}", f"P{i + 1:03d}", "activates", "+",
                                            ((src, "pair", "stated"),)))
    return add_network(merged, network_graph(net))


@pytest.mark.graphviz
@needs_dot
@pytest.mark.parametrize("largest", ["sfdp", "grid"])
def test_a_large_graph_is_laid_out_part_by_part(monkeypatch, large, largest, tmp_path):
    """Past `DOT_MAX` the export is not one `dot` run over the whole graph (which takes minutes
    at 20,000 links): each compartment on its own, its large connected part by `sfdp` (or, past
    `SFDP_MAX`, on a grid) and its small parts by `dot`. The SBGN map is still valid Activity
    Flow: no glyph on another, each inside its compartment, compartments apart; the same bytes
    on every run."""
    from pathways.exporters import _layout
    from pathways.render import run_graphviz

    monkeypatch.setattr(_layout, "DOT_MAX", 100)
    monkeypatch.setattr(_layout, "SFDP_MAX", 1_000 if largest == "sfdp" else 200)
    runs: list[tuple[str, int]] = []  # (engine, nodes) of each layout run (not measuring)

    def counted(source: str, *args: Any, engine: str = "dot", **kwargs: Any) -> bytes:
        if source.startswith('digraph "layout"'):
            runs.append((engine, source.count("label=")))
        return run_graphviz(source, *args, engine=engine, **kwargs)

    import pathways.render

    monkeypatch.setattr(pathways.render, "run_graphviz", counted)
    text = export(large, "sbgn")
    assert text == export(large, "sbgn")
    nodes = large.number_of_nodes()
    assert all(labels < nodes for engine, labels in runs if engine == "dot")
    assert ("sfdp" in {e for e, _ in runs}) == (largest == "sfdp")
    assert ("neato" in {e for e, _ in runs}) == (largest == "grid")  # the grid's boxes sized
    # by Graphviz with no layout
    root = ET.fromstring(text.encode("utf-8"))
    glyphs = root.findall("s:map/s:glyph", SBGN_NS)
    compartments = {g.get("id"): _box(g) for g in glyphs if g.get("class") == "compartment"}
    placed = [(_box(g), g.get("compartmentRef")) for g in glyphs
              if g.get("class") in ("biological activity", "phenotype")]
    assert len(placed) == nodes and {"c._", "c.presynaptic_terminal"} <= set(compartments)
    for box, ref in placed:
        if ref:
            assert _inside(box, compartments[ref])
    boxes = [b for b, _ in placed]
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][0])
    for k, i in enumerate(order):  # sweep by left edge: no two glyphs overlap
        for j in order[k + 1:]:
            if boxes[j][0] >= boxes[i][0] + boxes[i][2]:
                break
            assert not _overlap(boxes[i], boxes[j])
    rects = sorted(compartments.values())
    assert not any(_overlap(a, b) for a, b in pairwise(rects))
    pytest.importorskip("libsbgnpy")
    errors, issues = _sbgn_issues(_write(tmp_path, text))
    assert errors == [] and issues == []
    graphml = export(large, "graphml")  # every node placed (yEd's boxes), none on another
    geometry = [tuple(float(v) for v in m) for m in re.findall(
        r'<y:Geometry x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"', graphml)]
    assert len(geometry) == nodes
    assert not any(_overlap(a, b) for a, b in itertools.combinations(geometry, 2))


@pytest.mark.graphviz
@needs_dot
def test_sbgn_ids_are_xml_ids_whatever_a_network_names_its_nodes(merged, tmp_path):
    """A BEL term (`a(CHEBI:"2,4-dinitrophenol")`) as a node id made 7,209 schema errors in a
    joined BEL corpus; every id is now an xs:ID, and two names never share one (`Xh41` is how
    a name that needs it is written, and is itself a name here)."""
    pytest.importorskip("libsbgnpy")
    from pathways.merge import add_network
    from pathways.readers.cache import load_network_graph

    names = ['a(CHEBI:"2,4-dinitrophenol")', "p(HGNC:AKT1)", "A", "Xh41", "x y", "ü"]
    network = tmp_path / "odd.sif"
    network.write_text("".join(f"{n}\tactivates\tMTOR\n" for n in names), encoding="utf-8")
    g = add_network(copy.deepcopy(merged), load_network_graph(network, None))
    path = _write(tmp_path, export(g, "sbgn"))
    errors, issues = _sbgn_issues(path)
    assert errors == [] and issues == []
    ids = [el.get("id") for el in ET.parse(path).iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    labels = {el.find("s:label", SBGN_NS).get("text") for el in ET.parse(path).iter()
              if el.get("class") == "biological activity" and el.find("s:label", SBGN_NS) is not None}
    assert {"A", "Xh41", "ü"} <= labels


@pytest.mark.graphviz
def test_an_export_with_companions_writes_all_or_none(tmp_path: Path, graphs_dir: Path) -> None:
    """`export -o d/q.cyjs` replaced q.cyjs, then failed on a folder named q.style.json, so the
    network was new and its style missing. A folder in the way of any of the three files is now
    found before one is written: the old file stays as it was."""
    from click.testing import CliRunner

    from pathways.cli import main

    (tmp_path / "q.style.json").mkdir()
    (tmp_path / "q.cyjs").write_text("OLD\n")
    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "export", "mgs0039", "-o",
                                       str(tmp_path / "q.cyjs")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "q.style.json" in result.output
    assert (tmp_path / "q.cyjs").read_text() == "OLD\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.cyjs", "q.style.json"]


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_inert(tmp_path):
    """A network's names and quotes are other people's text: `=HYPERLINK(...)` as a name ran in
    a spreadsheet opening the CSV. Numbers and signs stay as they are."""
    import csv
    import io

    from click.testing import CliRunner

    from pathways.cli import main
    from pathways.exporters.csv_edges import inert

    assert inert("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert inert("@SUM(1+1)") == "'@SUM(1+1)" and inert("+1+1") == "'+1+1"
    assert [inert(c) for c in ("-5.78", "+", "-", "?", "mTOR")] == ["-5.78", "+", "-", "?", "mTOR"]
    net = tmp_path / "evil.sif"
    net.write_text('=HYPERLINK("http://x")\t1\tMTOR\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--network", str(net), "export", "--format", "csv",
                                       "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO((tmp_path / "x.csv").read_text(encoding="utf-8"))))
    cells = [c for row in rows[1:] for c in row]
    assert not any(c.startswith(("=", "@")) for c in cells)
    assert "'=HYPERLINK(\"http://x\")" in cells
    assert {row[5] for row in rows[1:]} <= {"+", "-", "?"}  # the sign column as it was


def test_mermaid_labels_keep_percent_signs_from_starting_a_comment():
    from pathways.exporters.mermaid import escape

    assert escape("end;%%{init}%%") == "end;#37;#37;{init}#37;#37;"


@needs_dot
def test_the_readme_s_note_on_networkx_reading_graphml_positions_holds(tmp_path):
    """networkx takes `x` and `y` from yEd's box (its top-left corner, y down, as strings):
    the README says how to get the typed centre Gephi reads back from them."""
    import xml.etree.ElementTree as ET

    import networkx as nx
    from click.testing import CliRunner

    from pathways.cli import main

    out = tmp_path / "m.graphml"
    result = CliRunner().invoke(main, ["export", "--format", "graphml", "mij821", "-o", str(out)])
    assert result.exit_code == 0, result.output
    read = nx.read_graphml(out).nodes["mtor"]
    assert isinstance(read["x"], str)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(out).getroot()
    keys = {k.get("attr.name"): k.get("id") for k in root.findall("g:key", ns)
            if k.get("for") == "node"}
    node = next(n for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")
                if n.get("id") == "mtor")
    typed = {k: float(d.text or "nan") for k in ("x", "y") for d in node.findall("g:data", ns)
             if d.get("key") == keys[k]}
    assert float(read["x"]) + read["width"] / 2 == pytest.approx(typed["x"], abs=0.01)
    assert -(float(read["y"]) + read["height"] / 2) == pytest.approx(typed["y"], abs=0.01)


@needs_dot
def test_cyjs_element_ids_stay_unique_whatever_a_network_names(tmp_path):
    """A network node named "a->b" took the id of the link from a to b, one named
    "compartment:x" that of a compartment: cytoscape.js keeps the first element of an id and
    drops the rest without a word (101 elements written, 98 loaded)."""
    from click.testing import CliRunner

    from pathways.cli import main

    net = tmp_path / "names.sif"
    net.write_text("a\t1\tb\na->b\t1\tc\ncompartment:presynaptic_terminal\t-1\tglutamate\n",
                   encoding="utf-8")
    out = tmp_path / "x.cyjs"
    result = CliRunner().invoke(main, ["--network", str(net), "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    elements = json.loads(out.read_text(encoding="utf-8"))["elements"]
    ids = [e["data"]["id"] for kind in ("nodes", "edges") for e in elements[kind]]
    assert len(ids) == len(set(ids))
    by_id = {e["data"]["id"]: e["data"] for e in elements["nodes"]}
    assert "a->b" in by_id and by_id["compartment:presynaptic_terminal"]["kind"] != "compartment"
    parents = {e["data"].get("parent") for e in elements["nodes"]} - {None}
    assert all(by_id[p]["kind"] == "compartment" for p in parents)
