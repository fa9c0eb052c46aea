"""The built figures as a reader gets them: SVG structure and tooltips, PNG size, PDF fonts.

The whole catalog is built once per session (svg, png, pdf) and every assertion is parametrized
over the catalog ids; `fix_svg` also has unit tests on Graphviz-2.43-style snippets.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

from pathways.figures import BuildOptions, render_view
from pathways.labels import plain
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.model import Dataset
from pathways.svg import fix_svg
from pathways.views import View, ViewEdge, ViewNode, figure_view

REPO = Path(__file__).resolve().parent.parent
FIGURE_IDS = [f["id"] for f in tomllib.loads(
    (REPO / "graphs" / "figures.toml").read_text(encoding="utf-8"))["figure"]]

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
HAVE_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAVE_DOT, reason="Graphviz `dot` not on PATH")


# --- the catalog, built once per session --------------------------------------------------------



@pytest.fixture(scope="session")
def svg_catalog(catalog: Path) -> Path:
    return catalog


@cache
def _data() -> tuple[Dataset, nx.DiGraph]:
    dataset = load_dataset(REPO / "graphs")
    return dataset, merge(dataset)


@cache
def _view(fig_id: str) -> View:
    dataset, graph = _data()
    return figure_view(dataset, graph, dataset.figures[fig_id])


@cache
def _quotes() -> frozenset[str]:
    """Every evidence quote in the data, as a person reads it (a document's inline TeX shown
    as characters: `readable_quote`)."""
    from pathways.labels import readable_quote

    dataset, _ = _data()
    quotes = {ev.quote for m in dataset.mechanisms.values() for e in m.edges for ev in e.evidence}
    for w in dataset.workflows.values():
        for item in (*w.steps, *w.links):
            quotes |= {ev.quote for ev in item.evidence}
    return frozenset(readable_quote(q) for q in quotes)


def _root(folder: Path, fig_id: str) -> ET.Element:
    return ET.parse(folder / f"{fig_id}.svg").getroot()


def _groups(root: ET.Element, cls: str) -> dict[str, ET.Element]:
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g") if g.get("class") == cls}


def _title(group: ET.Element) -> str:
    title = group.find(f"{SVG}title")
    assert title is not None
    return title.text or ""


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- SVG ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
@pytest.mark.graphviz
def test_svg_is_svg11(svg_catalog: Path, fig_id: str) -> None:
    text = (svg_catalog / f"{fig_id}.svg").read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"')
    assert "//W3C//DTD SVG 1.1//EN" in text
    assert _root(svg_catalog, fig_id).tag == f"{SVG}svg"
    assert "transparent" not in text


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
@pytest.mark.graphviz
def test_links_only_http(svg_catalog: Path, fig_id: str) -> None:
    hrefs = [el.get(f"{XLINK}href", "") for el in _root(svg_catalog, fig_id).iter()
             if el.get(f"{XLINK}href")]
    assert hrefs, "expected identifier and source links"
    assert all(re.match(r"https?://|#", h) for h in hrefs), hrefs


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
@pytest.mark.graphviz
def test_node_labels_present(svg_catalog: Path, fig_id: str) -> None:
    nodes = _groups(_root(svg_catalog, fig_id), "node")
    for node in _view(fig_id).nodes:
        g = nodes[f"{fig_id}-node-{node.id}"]
        shown = _squash("".join("".join(t.itertext()) for t in g.iter(f"{SVG}text")))
        assert _squash(plain(node.label)) in shown, node.id


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
@pytest.mark.graphviz
def test_every_view_node_and_edge_drawn(svg_catalog: Path, fig_id: str) -> None:
    root = _root(svg_catalog, fig_id)
    view = _view(fig_id)
    assert {f"{fig_id}-node-{n.id}" for n in view.nodes} <= set(_groups(root, "node"))
    assert {f"{fig_id}-edge-{e.source}-{e.target}" for e in view.edges} <= set(
        _groups(root, "edge"))


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
@pytest.mark.graphviz
def test_arrowheads_and_dashes_by_sign_and_status(svg_catalog: Path, fig_id: str) -> None:
    """One arrowhead per influence: a triangle (4 points) for +, a tee or diamond (5) for - and
    ?; the line solid when stated, dotted when hedged, dashed when hypothesised. A whole-to-part
    line has no head."""
    edges = _groups(_root(svg_catalog, fig_id), "edge")
    dashes = {"stated": None, "hedged": "1,5", "hypothesised": "5,2"}
    for edge in _view(fig_id).edges:
        g = edges[f"{fig_id}-edge-{edge.source}-{edge.target}"]
        heads = list(g.iter(f"{SVG}polygon"))
        assert len(heads) == (0 if edge.structural else 1), edge
        if heads:
            points = len(heads[0].get("points", "").split())
            hollow = edge.triggered_by_reduction  # a hollow triangle: a reduction triggers it
            assert points == (4 if edge.sign == "+" or hollow else 5), edge
        lines = list(g.iter(f"{SVG}path"))
        assert lines
        assert all(p.get("stroke-dasharray") == dashes[edge.status] for p in lines), edge


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
@pytest.mark.graphviz
def test_titles_carry_tooltips_and_evidence(svg_catalog: Path, fig_id: str) -> None:
    root = _root(svg_catalog, fig_id)
    view = _view(fig_id)
    nodes, edges = _groups(root, "node"), _groups(root, "edge")
    quotes = _quotes()
    for node in view.nodes:
        title = _title(nodes[f"{fig_id}-node-{node.id}"])
        assert title == (node.tooltip or node.label).replace("\n", " ")
        if view.kind == "workflow":
            assert any(q in title for q in quotes), node.id
    for edge in view.edges:
        title = _title(edges[f"{fig_id}-edge-{edge.source}-{edge.target}"])
        assert title == edge.tooltip.replace("\n", " ")
        assert edge.structural or any(q in title for q in quotes), (edge.source, edge.target)


@pytest.mark.graphviz
def test_every_link_in_an_edge_carries_its_tooltip(svg_catalog: Path) -> None:
    wrong = []
    for fig_id in FIGURE_IDS:
        for gid, g in _groups(_root(svg_catalog, fig_id), "edge").items():
            title = _title(g)
            wrong += [(gid, a.get(f"{XLINK}title")) for a in g.iter(f"{SVG}a")
                      if a.get(f"{XLINK}title") != title]
    assert wrong == []


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
@pytest.mark.graphviz
def test_ids_prefixed_by_figure_id(svg_catalog: Path, fig_id: str) -> None:
    ids = [el.get("id", "") for el in _root(svg_catalog, fig_id).iter() if el.get("id")]
    assert ids
    assert all(i == fig_id or i.startswith(f"{fig_id}-") for i in ids), \
        [i for i in ids if not i.startswith(fig_id)]
    assert len(ids) == len(set(ids)), "duplicate ids"


@pytest.mark.graphviz
def test_ids_unique_across_catalog(svg_catalog: Path) -> None:
    seen: dict[str, str] = {}
    for fig_id in FIGURE_IDS:
        for el in _root(svg_catalog, fig_id).iter():
            i = el.get("id")
            if i:
                assert i not in seen, f"{i} in {seen.get(i)} and {fig_id}"
                seen[i] = fig_id


def _pt(value: str) -> float:
    m = re.fullmatch(r"([\d.]+)pt", value)
    assert m, f"size {value!r} not in points"
    return float(m.group(1))


def _svg_size(root: ET.Element) -> tuple[float, float, list[float]]:
    box = [float(v) for v in root.get("viewBox", "").split()]
    return _pt(root.get("width", "")), _pt(root.get("height", "")), box


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
@pytest.mark.graphviz
def test_size_agrees_with_viewbox(svg_catalog: Path, fig_id: str) -> None:
    width, height, box = _svg_size(_root(svg_catalog, fig_id))
    assert len(box) == 4 and box[:2] == [0.0, 0.0]
    assert abs(width - box[2]) <= 1 and abs(height - box[3]) <= 1


# --- PNG and PDF --------------------------------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
@pytest.mark.graphviz
def test_png_slide_width_and_same_layout(svg_catalog: Path, fig_id: str) -> None:
    width, height = _png_size(svg_catalog / f"{fig_id}.png")
    assert width >= 1920
    _, _, box = _svg_size(_root(svg_catalog, fig_id))
    assert abs(width / height - box[2] / box[3]) < 0.02 * box[2] / box[3]


def _pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) for each font `pdffonts` lists."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True,
                         timeout=30).stdout.splitlines()
    rows = out[out.index(next(line for line in out if line.startswith("---"))) + 1:]
    return [(r.split()[0], r.split()[-5] == "yes") for r in rows if r.strip()]


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
@pytest.mark.graphviz
def test_pdf_fonts_embedded(svg_catalog: Path, fig_id: str) -> None:
    path = svg_catalog / f"{fig_id}.pdf"
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    if shutil.which("pdffonts"):
        fonts = _pdf_fonts(path)
        assert fonts and all(embedded for _, embedded in fonts), fonts
    else:
        assert b"/FontFile" in data
    m = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert m, "no MediaBox"
    width, height, _ = _svg_size(_root(svg_catalog, fig_id))
    # the same layout as the SVG; Graphviz's PDF device adds its default 36 pt page margin
    margin = 72 if abs(float(m.group(1)) - width - 72) <= 2 else 0
    assert abs(float(m.group(1)) - margin - width) <= 2
    assert abs(float(m.group(2)) - margin - height) <= 2


# --- notation through Graphviz: the unknown-influence diamond -----------------------------------


@pytest.mark.graphviz
@needs_dot
def test_unknown_influence_is_an_open_diamond(tmp_path: Path) -> None:
    view = View("signs", "mechanism",
                (ViewNode("a", "A", "protein"), ViewNode("b", "B", "protein"),
                 ViewNode("c", "C", "protein"), ViewNode("d", "D", "protein")),
                (ViewEdge("a", "b", "?", "stated", tooltip="a?b"),
                 ViewEdge("a", "c", "-", "stated", tooltip="a-c"),
                 ViewEdge("a", "d", "+", "hypothesised", tooltip="a+d")))
    render_view(view, tmp_path / "signs", BuildOptions(formats=("svg",)))
    edges = _groups(ET.parse(tmp_path / "signs.svg").getroot(), "edge")
    diamond = next(edges["signs-edge-a-b"].iter(f"{SVG}polygon"))
    tee = next(edges["signs-edge-a-c"].iter(f"{SVG}polygon"))
    arrow = next(edges["signs-edge-a-d"].iter(f"{SVG}polygon"))
    assert diamond.get("fill") == "none" and len(diamond.get("points", "").split()) == 5
    assert tee.get("fill") not in ("none", None)
    assert len(arrow.get("points", "").split()) == 4
    assert next(edges["signs-edge-a-d"].iter(f"{SVG}path")).get("stroke-dasharray")


# --- fix_svg on Graphviz 2.43-style output (no Graphviz needed) ---------------------------------

GV243 = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
 "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generated by graphviz version 2.43.0 (0)
 -->
<!-- Title: fig Pages: 1 -->
<svg width="62pt" height="116pt"
 viewBox="0.00 0.00 62.00 116.00" xmlns="http://www.w3.org/2000/svg" \
xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="fig" class="graph" transform="scale(1 1) rotate(0) translate(4 112)">
<title>fig</title>
<polygon fill="transparent" stroke="transparent" points="-4,4 -4,-112 58,-112 58,4 -4,4"/>
<!-- n0 -->
<g id="fig&#45;node&#45;a" class="node">
<title>n0</title>
<g id="a_fig&#45;node&#45;a"><a xlink:href="https://example.org/a" \
xlink:title="A (protein): &quot;quoted&quot; \\N" target="_blank">
<ellipse fill="none" stroke="transparent" cx="27" cy="-90" rx="27" ry="18"/>
<text text-anchor="middle" x="27" y="-86.3" font-family="Times,serif" \
font-size="14.00">A</text>
</a>
</g>
</g>
<!-- n1 -->
<g id="node2" class="node">
<title>n1</title>
<ellipse fill="none" stroke="black" cx="27" cy="-18" rx="27" ry="18"/>
<text text-anchor="middle" x="27" y="-14.3" font-family="Times,serif" font-size="14.00">B</text>
</g>
<!-- n0&#45;&gt;n1 -->
<g id="edge1" class="edge">
<title>n0&#45;&gt;n1</title>
<g id="a_edge1"><a xlink:title="evidence: &#8220;a quote&#8221;">
<path fill="none" stroke="black" d="M27,-71.7C27,-63.98 27,-54.71 27,-46.11"/>
<polygon fill="black" stroke="black" points="30.5,-46.1 27,-36.1 23.5,-46.1 30.5,-46.1"/>
</a>
</g>
</g>
<g id="clip1"><clipPath id="cp1"><rect width="1" height="1"/></clipPath>
<use xlink:href="#cp1"/></g>
</g>
</svg>
"""


def test_fix_svg_makes_valid_svg11() -> None:
    out = fix_svg(GV243, "fig")
    assert "transparent" not in out
    assert out.startswith('<?xml version="1.0" encoding="UTF-8" standalone="no"?>')
    assert "//W3C//DTD SVG 1.1//EN" in out
    root = ET.fromstring(out[out.index("<svg"):])
    assert root.get("viewBox") == "0.00 0.00 62.00 116.00"
    assert root.get("width") == "62pt" and root.get("height") == "116pt"
    fills = [el.get("fill") for el in root.iter() if el.get("fill")]
    strokes = [el.get("stroke") for el in root.iter() if el.get("stroke")]
    assert "none" in fills and "none" in strokes


def test_fix_svg_prefixes_ids_and_references() -> None:
    root = ET.fromstring(fix_svg(GV243, "fig").split("\n", 3)[3])
    ids = [el.get("id", "") for el in root.iter() if el.get("id")]
    assert set(ids) == {"fig", "fig-node-a", "fig-a_fig-node-a", "fig-node2", "fig-edge1",
                        "fig-a_edge1", "fig-clip1", "fig-cp1"}
    refs = [el.get(f"{XLINK}href") for el in root.iter(f"{SVG}use")]
    assert refs == ["#fig-cp1"]
    links = {el.get(f"{XLINK}href") for el in root.iter(f"{SVG}a")} - {None}
    assert links == {"https://example.org/a"}


def test_fix_svg_titles_carry_tooltips() -> None:
    root = ET.fromstring(fix_svg(GV243, "fig").split("\n", 3)[3])
    titles = {g.get("id"): g.find(f"{SVG}title").text  # type: ignore[union-attr]
              for g in root.iter(f"{SVG}g") if g.get("class") in ("node", "edge")}
    assert titles == {"fig-node-a": 'A (protein): "quoted" \\N',
                      "fig-node2": "n1",  # no tooltip: Graphviz's title is kept
                      "fig-edge1": "evidence: \u201ca quote\u201d"}


def test_fix_svg_is_idempotent() -> None:
    once = fix_svg(GV243, "fig")
    assert fix_svg(once, "fig") == once


def test_fix_svg_renames_url_references() -> None:
    svg = GV243.replace(
        '<polygon fill="black" stroke="black"',
        '<defs><linearGradient id="l_0"><stop offset="0"/></linearGradient></defs>'
        '<polygon fill="url(#l_0)" stroke="black"')
    root = ET.fromstring(fix_svg(svg, "fig").split("\n", 3)[3])
    ids = {el.get("id") for el in root.iter()}
    fills = {el.get("fill") for el in root.iter(f"{SVG}polygon")}
    assert "url(#fig-l_0)" in fills and "fig-l_0" in ids


# --- super- and subscripts: one <text> per line (no Graphviz needed) ----------------------------

# Graphviz 2.43's SVG for an edge label 'K_{i} 2.2 nM, IC_{50} &lt;20&gt; nM' over 'Ca^{2+} influx',
# next to a two-cell row ('DRUG' badge, then a name) that must stay two <text>s.
SCRIPTS = """<svg xmlns="http://www.w3.org/2000/svg" width="300pt" height="100pt" \
viewBox="0 0 300 100"><g id="s" class="graph" transform="translate(4 96)">
<g id="e" class="edge"><g id="a"><a>
<text text-anchor="start" x="10" y="-60" font-family="Liberation Sans" font-size="17.00" \
fill="#555555">K</text>
<text text-anchor="start" x="22" y="-60" font-family="Liberation Sans" baseline-shift="sub" \
font-size="17.00" fill="#555555">i</text>
<text text-anchor="start" x="26" y="-60" font-family="Liberation Sans" font-size="17.00" \
fill="#555555"> 2.2 nM, IC</text>
<text text-anchor="start" x="109" y="-60" font-family="Liberation Sans" baseline-shift="sub" \
font-size="17.00" fill="#555555">50</text>
<text text-anchor="start" x="126" y="-60" font-family="Liberation Sans" font-size="17.00" \
fill="#555555"> &lt;20&gt; &amp; nM</text>
<text text-anchor="start" x="10" y="-40" font-family="Liberation Sans" font-size="20.00" \
fill="#1a1a1a">Ca</text>
<text text-anchor="start" x="36" y="-40" font-family="Liberation Sans" baseline-shift="super" \
font-size="20.00" font-weight="bold" fill="#1a1a1a">2+</text>
<text text-anchor="start" x="55" y="-40" font-family="Liberation Sans" font-size="20.00" \
fill="#1a1a1a"> influx</text>
<text text-anchor="start" x="10" y="-10" font-family="Liberation Sans" font-size="20.00" \
fill="#ffffff">DRUG</text>
<text text-anchor="start" x="70" y="-10" font-family="Liberation Sans" font-size="20.00" \
fill="#1a1a1a">Name</text>
</a></g></g></g></svg>
"""


def _lines(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg[svg.index("<svg"):]).iter(f"{SVG}text"))


def test_script_lines_become_one_text_of_tspans() -> None:
    texts = _lines(fix_svg(SCRIPTS, "s"))
    assert ["".join(t.itertext()) for t in texts] == [
        "Ki 2.2 nM, IC50 <20> & nM", "Ca2+ influx", "DRUG", "Name"]
    ki, ca = texts[0], texts[1]
    # the line starts where Graphviz put its first piece; its spaces are kept as written
    assert (ki.get("x"), ki.get("y"), ki.get("text-anchor")) == ("10", "-60", "start")
    assert ki.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert all(t.get("baseline-shift") is None for t in texts)
    spans = list(ki)
    assert [s.tag for s in spans] == [f"{SVG}tspan"] * 5
    assert [(s.text, s.get("font-size"), s.get("dy")) for s in spans] == [
        ("K", None, None), ("i", "14.17", "3.4"), (" 2.2 nM, IC", None, "-3.4"),
        ("50", "14.17", "3.4"), (" <20> & nM", None, "-3.4")]
    # a superscript goes up; a piece's own attributes (bold here) stay on its tspan
    assert [(s.text, s.get("font-size"), s.get("dy"), s.get("font-weight")) for s in ca] == [
        ("Ca", None, None, None), ("2+", "16.67", "-6", "bold"), (" influx", None, "6", None)]


def test_script_rewrite_keeps_markup_in_text_inert() -> None:
    out = fix_svg(SCRIPTS, "s")
    assert "&lt;20&gt; &amp; nM" in out and "<20>" not in out
    ET.fromstring(out[out.index("<svg"):])  # well-formed


def test_script_rewrite_is_idempotent() -> None:
    once = fix_svg(SCRIPTS, "s")
    assert fix_svg(once, "s") == once
