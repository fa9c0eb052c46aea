"""Quoting: hostile text through every escaper, then through Graphviz, comes out as written.

Unit tests need no Graphviz; the end-to-end tests (marked `graphviz`) build a View with hostile
labels and tooltips, run `dot`, parse the SVG and compare what a reader would see.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pydot
import pytest

from pathways.dot import build_dot
from pathways.quoting import dot_string, html_text, safe_url, tooltip
from pathways.render import run_graphviz
from pathways.style import PRESETS, THEMES
from pathways.svg import fix_svg
from pathways.views import View, ViewEdge, ViewNode

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not on PATH")

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

HOSTILE = [
    'say "hi"',
    "it's",
    "back\\slash",
    "lit \\N name",
    "\\G \\E \\T \\H \\L",
    "<script>alert(1)</script>",
    "&amp;",
    "]; a -> b [",
    'x"]; n99 [label="pwned',
    "a > b",
    "two\nlines",
    "µg Ca^{2+} ü 日本 →",
    "",
]


def _unquote_dot(text: str) -> str:
    """What the DOT lexer makes of a double-quoted string: only \\" is an escape."""
    assert text.startswith('"') and text.endswith('"')
    return text[1:-1].replace('\\"', '"')


# --- dot_string ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_dot_string_is_one_quoted_token(text: str) -> None:
    quoted = dot_string(text)
    assert quoted.startswith('"') and quoted.endswith('"')
    inner = quoted[1:-1]
    # every quote inside is escaped (preceded by an odd run of backslashes), no raw newline
    for m in re.finditer('"', inner):
        run = len(inner[:m.start()]) - len(inner[:m.start()].rstrip("\\"))
        assert run % 2 == 1, f"unescaped quote in {quoted!r}"
    assert "\n" not in quoted


@pytest.mark.parametrize(("text", "expected"), [
    ('a"b', '"a\\"b"'),
    ("a\\b", '"a\\\\b"'),
    ("a\nb", '"a b"'),
    ("µ → 日本", '"µ → 日本"'),
    ('\\"', '"\\\\\\""'),
])
def test_dot_string_exact(text: str, expected: str) -> None:
    assert dot_string(text) == expected


@pytest.mark.parametrize("text", HOSTILE)
def test_dot_string_cannot_add_statements(text: str) -> None:
    """A hostile value in an attribute leaves the graph with exactly one node and no edge."""
    (graph,) = pydot.graph_from_dot_data(f"digraph G {{ n0 [comment={dot_string(text)}]; }}")
    names = [n.get_name() for n in graph.get_nodes() if n.get_name() not in ("node", "edge")]
    assert names == ["n0"]
    assert graph.get_edges() == []


# --- tooltip ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("\\N", '"' + "\\" * 4 + 'N"'),
    ('say "hi"', '"say \\"hi\\""'),
    ("a\nb", '"a b"'),
    ("<b>x</b> -> ]", '"<b>x</b> -> ]"'),
])
def test_tooltip_exact(text: str, expected: str) -> None:
    assert tooltip(text) == expected


@pytest.mark.parametrize("text", HOSTILE)
def test_tooltip_cannot_add_statements(text: str) -> None:
    (graph,) = pydot.graph_from_dot_data(f"digraph G {{ n0 [tooltip={tooltip(text)}]; }}")
    names = [n.get_name() for n in graph.get_nodes() if n.get_name() not in ("node", "edge")]
    assert names == ["n0"]
    assert "\n" not in tooltip(text)


# --- html_text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("<script>", "&lt;script&gt;"),
    ("&amp;", "&amp;amp;"),
    ("a > b", "a &gt; b"),
    ('say "hi"', "say &quot;hi&quot;"),
    ("it's", "it&#39;s"),
    ("two\nlines", "two lines"),
    ("µg 日本", "µg 日本"),
    ("Ca^{2+}", "Ca<SUP>2+</SUP>"),
    ("IC_{50} 2 nM", "IC<SUB>50</SUB> 2 nM"),
    ("^{<b>}", "<SUP>&lt;b&gt;</SUP>"),
    ("^{2+", "^{2+"),
    ("]; a -> b [", "]; a -&gt; b ["),
])
def test_html_text_exact(text: str, expected: str) -> None:
    assert html_text(text) == expected


@pytest.mark.parametrize("text", [*HOSTILE, "^{</SUP><IMG SRC=\"x\"/>}", "_{<B>}</TABLE>"])
def test_html_text_has_no_markup_but_sup_sub(text: str) -> None:
    out = re.sub(r"</?(SUP|SUB)>", "", html_text(text))
    assert "<" not in out and ">" not in out and '"' not in out and "\n" not in out
    # every & starts an entity it wrote itself
    assert re.fullmatch(r"([^&]|&(amp|lt|gt|quot|#39);)*", out)


@pytest.mark.parametrize("text", ["lit \\N name", "\\G", "\\E"])
def test_html_text_disarms_graphviz_escapes(text: str) -> None:
    out = html_text(text)
    # in an HTML label Graphviz turns \\ into \ ; any other \X is an escape it may expand
    assert not re.search(r"(?<!\\)(\\\\)*\\[NGETHL]", out)


# --- safe_url -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "https://example.org/a?b=c&d=e#f",
    "http://example.org",
    "https://identifiers.org/HGNC:1033",
])
def test_safe_url_keeps_http(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "//evil.example.org",
    "ftp://example.org",
    'https://example.org/" onmouseover="alert(1)',
    "https://example.org/<script>",
    "https://exa mple.org",
    "",
    "https://",
])
def test_safe_url_refuses(url: str) -> None:
    assert safe_url(url) is None


def test_safe_url_refuses_trailing_newline() -> None:
    assert safe_url("https://example.org/\n") is None


# --- DOT structure of a hostile view (no Graphviz needed) ---------------------------------------

URL_OK = "https://example.org/path?q=1#frag"


def _hostile_view(labels: list[str], tooltips: list[str] | None = None,
                  edge_tooltip: str = 'edge "\\N" <b> x"]; n99 [') -> View:
    """Nodes x00, x01... labelled `labels`; odd ones carry a javascript: URL that must vanish."""
    tips = tooltips if tooltips is not None else [f"tip {label}" for label in labels]
    nodes = tuple(
        ViewNode(f"x{i:02d}", label, "protein", tooltip=tip,
                 url="javascript:alert(1)" if i % 2 else URL_OK)
        for i, (label, tip) in enumerate(zip(labels, tips, strict=True)))
    edges = (
        ViewEdge("x00", "x01", "+", "stated", label="]; a -> b [", tooltip=edge_tooltip,
                 url="javascript:alert(2)"),
        ViewEdge("x01", "x02", "-", "hypothesised", tooltip="plain \\G tip", url=URL_OK),
    )
    ids = {n.id for n in nodes}
    return View("hostile", "mechanism", nodes,
                tuple(e for e in edges if {e.source, e.target} <= ids))


def _walk(graph: pydot.Dot):  # type: ignore[no-untyped-def]
    yield from graph.get_nodes()
    for sub in graph.get_subgraphs():
        yield from _walk(sub)


def test_hostile_view_dot_has_only_generated_names() -> None:
    view = _hostile_view(HOSTILE)
    text = build_dot(view, PRESETS["slide"], THEMES["light"])
    (graph,) = pydot.graph_from_dot_data(text)
    names = sorted(n.get_name() for n in _walk(graph)
                   if n.get_name() not in ("node", "edge", "graph"))
    assert names == sorted(f"n{i}" for i in range(len(HOSTILE)))
    assert [(e.get_source(), e.get_destination()) for e in graph.get_edges()] == [
        ("n0", "n1"), ("n1", "n2")]
    assert "javascript:" not in text


# --- end to end through Graphviz ----------------------------------------------------------------

# label as written -> what the reader should see (newlines become spaces, markup is rendered)
SAFE_LABELS = {
    'say "hi"': 'say "hi"',
    "it's": "it's",
    "back\\slash": "back\\slash",
    "<script>x</script>": "<script>x</script>",
    "&amp; &lt;": "&amp; &lt;",
    "]; a -> b [": "]; a -> b [",
    'x"]; n99 [label="p': 'x"]; n99 [label="p',
    "a > b & c": "a > b & c",
    "two\nlines": "two lines",
    "µg ü 日本 →": "µg ü 日本 →",
    "Ca^{2+} influx": "Ca2+ influx",
}
# tooltips as written (newlines become spaces)
SAFE_TOOLTIPS = [
    'say "hi"', "it's", "back\\slash", "lit \\N name", "<script>x</script>", "]; a -> b [",
    'x"]; n99 [label="p', "a > b & c", "two\nlines", "µg ü 日本 →", "R&D; \\G \\E \\T \\H \\L",
]
ESCAPE_LABELS = {"lit \\N name": "lit \\N name", "\\G and \\E": "\\G and \\E",
                 "plain": "plain"}
ENTITY_TOOLTIPS = ["&amp;", "x &lt;b&gt; y", "&#92;N"]


def _render(view: View) -> ET.Element:
    text = build_dot(view, PRESETS["slide"], THEMES["light"])
    svg = fix_svg(run_graphviz(text, fmt="svg", label=view.id).decode("utf-8"), view.id)
    assert "javascript:" not in svg
    return ET.fromstring(svg[svg.index("<svg"):])


def _groups(root: ET.Element, cls: str) -> dict[str, ET.Element]:
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g") if g.get("class") == cls}


def _shown_text(group: ET.Element) -> str:
    """The text as read: pieces on one line (same y, e.g. around a superscript) joined as they
    are, wrapped lines joined by a space."""
    lines: dict[str, list[str]] = {}
    for t in group.iter(f"{SVG}text"):
        lines.setdefault(t.get("y", ""), []).append("".join(t.itertext()))
    return " ".join("".join(parts) for parts in lines.values())


def _title(group: ET.Element) -> str | None:
    title = group.find(f"{SVG}title")
    return None if title is None else title.text


def _check(view: View, shown_labels: list[str]) -> None:
    """Structure unchanged; every node shows its label and carries its tooltip as written."""
    root = _render(view)
    nodes, edges = _groups(root, "node"), _groups(root, "edge")
    assert len(nodes) == len(view.nodes), "a label or tooltip added or removed a node"
    assert len(edges) == len(view.edges), "a label or tooltip added or removed an edge"
    assert set(nodes) == {f"hostile-node-{n.id}" for n in view.nodes}
    for node, shown in zip(view.nodes, shown_labels, strict=True):
        g = nodes[f"hostile-node-{node.id}"]
        assert _shown_text(g) == shown
        tip = node.tooltip.replace("\n", " ")
        assert _title(g) == tip
        links = list(g.iter(f"{SVG}a"))
        assert links and all(a.get(f"{XLINK}title") == tip for a in links)
        assert {a.get(f"{XLINK}href") for a in links} <= {URL_OK, None}
    for edge in view.edges:
        g = edges[f"hostile-edge-{edge.source}-{edge.target}"]
        assert _title(g) == edge.tooltip


@pytest.mark.graphviz
@needs_dot
def test_hostile_labels_render_as_written() -> None:
    tips = [f"T{i}" for i in range(len(SAFE_LABELS))]
    _check(_hostile_view(list(SAFE_LABELS), tips), list(SAFE_LABELS.values()))


@pytest.mark.graphviz
@needs_dot
def test_hostile_tooltips_render_as_written() -> None:
    labels = [f"L{i}" for i in range(len(SAFE_TOOLTIPS))]
    _check(_hostile_view(labels, SAFE_TOOLTIPS), labels)


@pytest.mark.graphviz
@needs_dot
def test_javascript_urls_never_reach_the_svg() -> None:
    root = _render(_hostile_view(["a", "b", "c"]))
    hrefs = {a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a")} - {None}
    assert hrefs == {URL_OK}


@pytest.mark.graphviz
@needs_dot
def test_superscript_markup_renders_as_superscript() -> None:
    root = _render(_hostile_view(["Ca^{2+} influx", "IC_{50}", "plain"]))
    nodes = _groups(root, "node")
    # one <text> per line, the shifted piece a <tspan> moved up (dy < 0) or down (dy > 0)
    sup = [t.text for t in nodes["hostile-node-x00"].iter(f"{SVG}tspan")
           if float(t.get("dy", "0")) < 0]
    sub = [t.text for t in nodes["hostile-node-x01"].iter(f"{SVG}tspan")
           if float(t.get("dy", "0")) > 0]
    assert sup == ["2+"]
    assert sub == ["50"]


@pytest.mark.graphviz
@needs_dot
def test_backslash_escapes_in_labels_render_as_written() -> None:
    tips = [f"T{i}" for i in range(len(ESCAPE_LABELS))]
    _check(_hostile_view(list(ESCAPE_LABELS), tips), list(ESCAPE_LABELS.values()))


@pytest.mark.graphviz
@needs_dot
def test_entity_like_text_in_tooltips_renders_as_written() -> None:
    labels = [f"L{i}" for i in range(len(ENTITY_TOOLTIPS))]
    _check(_hostile_view(labels, ENTITY_TOOLTIPS, edge_tooltip="edge &amp; tip"), labels)


@pytest.mark.graphviz
@needs_dot
def test_url_with_ampersand_gives_valid_svg() -> None:
    url = "https://example.org/search?a=1&b=2"
    nodes = (ViewNode("a", "A", "protein", url=url), ViewNode("b", "B", "protein"))
    view = View("amp", "mechanism", nodes, (ViewEdge("a", "b", "+", "stated", url=url),))
    root = _render(view)
    hrefs = {a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a")} - {None}
    assert hrefs == {url}
