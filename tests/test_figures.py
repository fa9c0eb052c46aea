"""The figure catalog end to end: every entry builds, manifest and gallery, determinism,
atomic failure, and the `figures` and `render` commands (through click's CliRunner)."""

from __future__ import annotations

import itertools
import json
import math
import re
import shutil
import struct
import time
import tomllib
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import pathways.figures
import pathways.gallery
from pathways.cli import main
from pathways.errors import RenderError
from pathways.figures import FORMATS, BuildOptions, build_catalog
from pathways.labels import readable
from pathways.load import load_dataset
from pathways.model import Dataset

REPO = Path(__file__).resolve().parent.parent
FIGURE_IDS = [f["id"] for f in tomllib.loads(
    (REPO / "graphs" / "figures.toml").read_text(encoding="utf-8"))["figure"]]
SVG = "{http://www.w3.org/2000/svg}"
HAVE_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAVE_DOT, reason="Graphviz `dot` not on PATH")


# --- the catalog, built once per session --------------------------------------------------------



@pytest.fixture(scope="session")
def built(catalog: Path) -> Path:
    return catalog


@pytest.fixture(scope="session")
def built_again(built: Path, tmp_path_factory: pytest.TempPathFactory, graphs_dir: Path) -> Path:
    """A second build of the same catalog, started at least a second after the first ended,
    so anything stamped with the wall clock differs."""
    wait = (built / "manifest.json").stat().st_mtime + 1.1 - time.time()
    if wait > 0:
        time.sleep(wait)
    out = tmp_path_factory.mktemp("catalog-again")
    build_catalog(load_dataset(graphs_dir), out, BuildOptions(formats=FORMATS))
    return out


@pytest.fixture(scope="module")
def dataset(graphs_dir: Path) -> Dataset:
    return load_dataset(graphs_dir)


@pytest.fixture(scope="module")
def manifest(built: Path) -> dict[str, Any]:
    return json.loads((built / "manifest.json").read_text(encoding="utf-8"))


def _entry(manifest: dict[str, Any], fig_id: str) -> dict[str, Any]:
    found = [f for f in manifest["figures"] if f["id"] == fig_id]
    assert len(found) == 1, f"{fig_id} not once in manifest"
    return found[0]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _cli(*args: str, graphs: Path) -> Result:
    return CliRunner().invoke(main, ["--graphs", str(graphs), *args])


# --- every entry builds; manifest; gallery ------------------------------------------------------


@pytest.mark.graphviz
@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_every_catalog_entry_builds(built: Path, manifest: dict[str, Any], fig_id: str) -> None:
    entry = _entry(manifest, fig_id)
    assert entry["files"] == {f: f"{fig_id}.{f}" for f in FORMATS}
    for name in entry["files"].values():
        assert (built / name).stat().st_size > 1000, name


@pytest.mark.graphviz
def test_manifest_lists_catalog_in_order(manifest: dict[str, Any], built: Path) -> None:
    assert [f["id"] for f in manifest["figures"]] == FIGURE_IDS
    assert manifest["preset"] == "slide" and manifest["theme"] == "light"
    expected = {f"{i}.{f}" for i in FIGURE_IDS for f in FORMATS} | {"manifest.json",
                                                                      "index.html"}
    assert {p.name for p in built.iterdir()} == expected | {".pathways"}, "stray or missing files"
    state = sorted("gen-*" if p.name.startswith("gen-") else p.name
                   for p in (built / ".pathways").iterdir())
    assert state == ["current", "gen-*", "lock"], "staging or an old generation left behind"


@pytest.mark.graphviz
@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_manifest_fields(manifest: dict[str, Any], dataset: Dataset, fig_id: str) -> None:
    entry = _entry(manifest, fig_id)
    spec = dataset.figures[fig_id]
    source = dataset.sources[spec.source]
    assert entry["caption"] == spec.caption
    assert entry["caption_inferred"] is spec.caption_inferred
    assert entry["source"]["title"] == source.title
    assert entry["source"]["address"] == source.address
    assert isinstance(entry["alt_text"], str) and len(entry["alt_text"]) > 40
    assert entry["rankdir"] in ("TB", "LR")
    if spec.rankdir:
        assert entry["rankdir"] == spec.rankdir


@pytest.mark.graphviz
@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_notes_and_alt_text_tell_what_the_figure_draws(manifest: dict[str, Any],
                                                       dataset: Dataset, fig_id: str) -> None:
    """The notes and alt text were written from the whole graph: the Mij821 figure draws BDNF ->
    synaptogenesis hedged (its document says "believed"), but its alt text said "BDNF promotes
    synaptogenesis" (another document states it), and told a label of esketamine's that the
    figure does not show. Now they cite only the figure's own documents, as it draws them."""
    from pathways.merge import merge
    from pathways.views import figure_graph, figure_view

    entry, spec = _entry(manifest, fig_id), dataset.figures[fig_id]
    if spec.workflow or not spec.sources:
        return
    graph = merge(dataset)
    view = figure_view(dataset, graph, spec)
    drawn = figure_graph(graph, spec).edge_subgraph((e.source, e.target) for e in view.edges)
    backing = {ev["source"] for _, _, d in drawn.edges(data=True) for ev in d["evidence"]}
    backing |= {m["source"] for _, _, d in drawn.edges(data=True) for m in d["measures"]}
    assert backing and backing <= set(spec.sources)
    cited = entry["notes"].split("\nSources:\n", 1)[1]
    for sid, source in dataset.sources.items():
        assert (readable(source.title) in cited) == (sid in backing), sid
    if fig_id == "mij821-signaling":
        for text in (entry["alt_text"], entry["notes"]):
            assert "BDNF is believed to promote synaptogenesis" in text
            assert "BDNF promotes" not in text and "thought to reverse" not in text


class _Text(HTMLParser):
    """Text content and tags of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def gallery(built: Path) -> _Text:
    page = _Text()
    page.feed((built / "index.html").read_text(encoding="utf-8"))
    return page


@pytest.mark.graphviz
@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_gallery_has_figure_caption_source_alt(gallery: _Text, manifest: dict[str, Any],
                                               fig_id: str) -> None:
    entry = _entry(manifest, fig_id)
    text = "".join(gallery.text)
    assert entry["caption"] in text
    assert entry["alt_text"] in text
    assert entry["source"]["title"] in text
    assert any(tag == "a" and attrs.get("href") == entry["source"]["address"]
               for tag, attrs in gallery.tags)
    # the SVG is inlined (its graph group carries the figure id), not linked as an image
    assert any(tag == "g" and attrs.get("id") == fig_id for tag, attrs in gallery.tags)


@pytest.mark.graphviz
def test_gallery_inlines_every_svg_once(built: Path) -> None:
    page = (built / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == len(FIGURE_IDS)
    assert "transparent" not in page
    svg_ids = re.findall(r'<(?!figure)\w+ [^>]*\bid="([^"]+)"', page)
    assert len(svg_ids) == len(set(svg_ids)), "duplicate ids among the inlined SVGs"


@pytest.mark.graphviz
def test_every_dashed_or_dotted_link_is_long_enough_to_show_its_pattern(built: Path) -> None:
    """A hypothesised or hedged link only reads as such where its line shows the dashes or dots:
    between neighbours in a workflow's row it was one node gap long, mostly arrowhead, and
    read as a solid arrow (3.8-9.2 pt of line against a 7 pt dash period)."""
    from pathways.layout import SHORT_BROKEN, spline_points

    short = []
    for svg in sorted(built.glob("*.svg")):
        for edge in ET.parse(svg).getroot().iter(f"{SVG}g"):
            if edge.get("class") != "edge":
                continue
            for path in edge.iter(f"{SVG}path"):
                if not path.get("stroke-dasharray"):
                    continue
                period = sum(float(v) for v in path.get("stroke-dasharray", "").split(","))
                numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
                points = spline_points([list(p) for p in zip(numbers[::2], numbers[1::2],
                                                             strict=True)])
                length = sum(math.dist(a, b) for a, b in itertools.pairwise(points))
                if length < max(2 * period, SHORT_BROKEN):
                    short.append(f"{edge.get('id')}: {length:.1f} pt")
    assert short == []


@pytest.mark.graphviz
def test_the_readme_table_tells_the_slide_sizes_the_build_gives(manifest: dict[str, Any]
                                                                ) -> None:
    """The README's direction, size and slide text of each catalog figure are what the build
    writes into its manifest (they had gone stale: 856 x 500 pt for a figure built 1040 x 438).
    Exact, as laid out by the Graphviz the setup installs (2.43): another version lays out
    otherwise, and the table is then rebuilt from its manifests."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = {fig: cells.split(" | ") for fig, cells in
             re.findall(r"^\| `([a-z0-9-]+)` \| (.+) \|$", readme, re.M)
             if len(cells.split(" | ")) == 7}
    assert set(table) == set(FIGURE_IDS)
    for entry in manifest["figures"]:
        cells = table[entry["id"]]
        size = f"{entry['rankdir']}, {round(entry['width_pt'])} \u00d7 {round(entry['height_pt'])}"
        assert (cells[1], cells[2]) == (size, f"{entry['slide_text_pt']:g}"), entry["id"]


@pytest.mark.graphviz
def test_workflow_link_tooltips_name_the_steps(built: Path, dataset: Dataset) -> None:
    """Hovering over a workflow's arrow tells the steps by name, and a hypothesised one says so,
    not the data file's step ids ("ltp_slope → threshold")."""
    svg = ET.parse(built / "mij821-preclinical-workflow.svg").getroot()
    titles = {g.get("id"): g.findtext(f"{SVG}title", "") for g in svg.iter(f"{SVG}g")
              if g.get("class") == "edge"}
    assert titles["mij821-preclinical-workflow-edge-ltp_slope-threshold"].startswith(
        "fEPSP slope \u2192 Altered LTP/LTD threshold (hypothesised). Evidence: \u201c")
    workflow = dataset.workflows["mij821-preclinical-workflow"]
    for link in workflow.links:
        title = titles[f"mij821-preclinical-workflow-edge-{link.source}-{link.target}"]
        assert not title.startswith(f"{link.source} \u2192"), title


@pytest.mark.graphviz
def test_gallery_ids_unique(built: Path) -> None:
    ids = re.findall(r'\bid="([^"]+)"', (built / "index.html").read_text(encoding="utf-8"))
    assert len(ids) == len(set(ids))


# --- determinism --------------------------------------------------------------------------------


@pytest.mark.graphviz
def test_two_builds_byte_identical(built: Path, built_again: Path) -> None:
    first, second = _files(built), _files(built_again)
    assert sorted(first) == sorted(second)
    differ = [name for name in first if not name.endswith(".pdf") and first[name] != second[name]]
    assert differ == []


@pytest.mark.graphviz
def test_two_builds_byte_identical_pdf(built: Path, built_again: Path) -> None:
    first, second = _files(built), _files(built_again)
    differ = [name for name in first if name.endswith(".pdf") and first[name] != second[name]]
    assert differ == []


# --- atomic failure -----------------------------------------------------------------------------


def _fail_for(monkeypatch: pytest.MonkeyPatch, bad_id: str) -> None:
    real = pathways.figures.render_view

    def render_view(view, out_stem, options):  # type: ignore[no-untyped-def]
        if view.id == bad_id:
            raise RenderError(f"{bad_id}: Graphviz failed: injected")
        return real(view, out_stem, options)

    monkeypatch.setattr(pathways.figures, "render_view", render_view)


def _previous_build(out: Path) -> dict[str, bytes]:
    out.mkdir()
    (out / "keep.txt").write_text("from before", encoding="utf-8")
    (out / "ketamine-signaling.svg").write_text("<svg>old</svg>", encoding="utf-8")
    (out / "manifest.json").write_text('{"figures": []}', encoding="utf-8")
    return _files(out)


def _all_paths(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*"))


@pytest.mark.graphviz
@needs_dot
def test_failure_leaves_out_dir_unchanged(tmp_path: Path, dataset: Dataset,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    before = _previous_build(out)
    paths = _all_paths(out)
    _fail_for(monkeypatch, "mij821-signaling")
    with pytest.raises(RenderError, match="injected"):
        build_catalog(dataset, out, BuildOptions(formats=("svg", "png")),
                      only=("ketamine-signaling", "mij821-signaling", "trd-preclinical-workflow"))
    assert _files(out) == before
    assert _all_paths(out) == paths, "staging folder or new files left behind"


@pytest.mark.graphviz
@needs_dot
def test_failure_in_gallery_leaves_out_dir_unchanged(tmp_path: Path, dataset: Dataset,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    before = _previous_build(out)

    def broken(manifest: Any, folder: Path) -> str:
        raise RenderError("gallery: injected")

    monkeypatch.setattr(pathways.gallery, "gallery_html", broken)
    with pytest.raises(RenderError):
        build_catalog(dataset, out, BuildOptions(formats=("svg",)), only=("ketamine-signaling",))
    assert _files(out) == before
    assert _all_paths(out) == sorted(before)


@pytest.mark.graphviz
@needs_dot
def test_failure_through_cli_is_one_line_and_writes_nothing(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "fresh"
    _fail_for(monkeypatch, "ketamine-signaling")
    result = _cli("figures", "--out", str(out), "--format", "svg", "--only", "mij821-signaling",
                  "--only", "ketamine-signaling", graphs=graphs_dir)
    assert result.exit_code == 1
    assert "injected" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists() or _all_paths(out) == []


# --- the figures command ------------------------------------------------------------------------


def test_only_unknown_id_suggests(tmp_path: Path, graphs_dir: Path) -> None:
    out = tmp_path / "o"
    result = _cli("figures", "--out", str(out), "--only", "ketamine-signalling", graphs=graphs_dir)
    assert result.exit_code == 2
    assert "did you mean" in result.output and "ketamine-signaling" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or _all_paths(out) == []


def test_bad_format_is_usage_error(tmp_path: Path, graphs_dir: Path) -> None:
    out = tmp_path / "o"
    result = _cli("figures", "--out", str(out), "--format", "svg,bmp", graphs=graphs_dir)
    assert result.exit_code == 2
    assert "bmp" in result.output and "Traceback" not in result.output
    assert not out.exists() or _all_paths(out) == []


@pytest.mark.graphviz
@needs_dot
def test_only_builds_just_those(tmp_path: Path, graphs_dir: Path) -> None:
    out = tmp_path / "o"
    result = _cli("figures", "--out", str(out), "--format", "svg", "--only", "esketamine-mechanism",
                  "--only", "social-defeat-workflow", graphs=graphs_dir)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [f["id"] for f in manifest["figures"]] == ["social-defeat-workflow",
                                                      "esketamine-mechanism"]
    assert {p.name for p in out.iterdir()} == {"social-defeat-workflow.svg",
                                               "esketamine-mechanism.svg", "manifest.json",
                                               "index.html", ".pathways"}


@pytest.mark.graphviz
@needs_dot
def test_dark_transparent_build(tmp_path: Path, graphs_dir: Path) -> None:
    out = tmp_path / "dark"
    result = _cli("figures", "--out", str(out), "--format", "svg", "--theme", "dark",
                  "--transparent", graphs=graphs_dir)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["theme"] == "dark"
    for fig_id in FIGURE_IDS:
        text = (out / f"{fig_id}.svg").read_text(encoding="utf-8")
        assert "transparent" not in text
        root = ET.fromstring(text[text.index("<svg"):])
        graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
        # no opaque background: Graphviz draws none, or fix_svg turned `transparent` into none
        assert all(p.get("fill") == "none" for p in graph.findall(f"{SVG}polygon"))
        assert "#f2f2f2" in text.lower()  # dark theme text colour
    assert "transparent" not in (out / "index.html").read_text(encoding="utf-8")


# --- the render command -------------------------------------------------------------------------


def _png_width(path: Path) -> int:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", data[16:20])[0]


@pytest.mark.graphviz
@needs_dot
def test_render_compounds_svg(tmp_path: Path, graphs_dir: Path) -> None:
    target = tmp_path / "x.svg"
    result = _cli("render", "ketamine", "mgs0039", "-o", str(target), graphs=graphs_dir)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "transparent" not in text
    ids = {el.get("id") for el in ET.fromstring(text[text.index("<svg"):]).iter()}
    assert {"x-node-ketamine", "x-node-mgs0039"} <= ids
    assert [p.name for p in tmp_path.iterdir()] == ["x.svg"], "temporary files left behind"


@pytest.mark.graphviz
@needs_dot
def test_render_around_png(tmp_path: Path, graphs_dir: Path) -> None:
    target = tmp_path / "x.png"
    result = _cli("render", "--around", "mtor", "--depth", "1", "-o", str(target),
                  graphs=graphs_dir)
    assert result.exit_code == 0, result.output
    assert _png_width(target) >= 1920
    assert [p.name for p in tmp_path.iterdir()] == ["x.png"]


@pytest.mark.parametrize("args", [
    ("ketamine", "-o", "x.bmp"),
    ("ketamine", "--around", "mtor", "-o", "x.svg"),
    ("-o", "x.svg"),
])
def test_render_usage_errors(tmp_path: Path, graphs_dir: Path, args: tuple[str, ...]) -> None:
    args = tuple(str(tmp_path / a) if a.startswith("x.") else a for a in args)
    result = _cli("render", *args, graphs=graphs_dir)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


# --- Graphviz missing ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [
    ("figures", "--only", "ketamine-signaling", "--out"),
    ("render", "ketamine", "-o"),
])
def test_graphviz_missing_is_one_clear_line(tmp_path: Path, graphs_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            command: tuple[str, ...]) -> None:
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    target = tmp_path / ("out" if command[0] == "figures" else "x.svg")
    result = _cli(*command, str(target), graphs=graphs_dir)
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    assert "apt-get install graphviz" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not target.exists() or (target.is_dir() and _all_paths(target) == [])


@pytest.mark.graphviz
def test_a_t_bar_into_a_convergence_point_stands_clear_of_its_heavy_border(built: Path) -> None:
    """mGluR2/3 -| glutamate surge: the T-bar must show, not sit under the surge's double
    border (a convergence point), or the brake reads as a plain line."""
    svg = ET.parse(built / "mgs0039-ketamine-signaling.svg").getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    groups = {g.get("id"): g for g in svg.iter("{http://www.w3.org/2000/svg}g")}
    edge = groups["mgs0039-ketamine-signaling-edge-mglur2_3-glutamate_surge"]
    node = groups["mgs0039-ketamine-signaling-node-glutamate_surge"]
    rings = node.findall(".//s:ellipse", ns)
    assert len(rings) == 2, "the convergence point is drawn with a double border"
    outer = max(rings, key=lambda e: float(e.get("rx", 0)))
    cx, cy, rx, ry = (float(outer.get(k, 0)) for k in ("cx", "cy", "rx", "ry"))
    reach = float(outer.get("stroke-width", 1)) / 2
    bars = edge.findall(".//s:polygon", ns)
    assert bars, "no T-bar drawn"
    for bar in bars:
        points = [tuple(map(float, p.split(","))) for p in (bar.get("points") or "").split()]
        inside = [(x, y) for x, y in points
                  if ((x - cx) / (rx + reach)) ** 2 + ((y - cy) / (ry + reach)) ** 2 <= 1]
        assert not inside, f"the T-bar is under the node's border at {inside}"


@pytest.mark.graphviz
def test_the_nr2b_figure_names_the_receptor_an_nr1_nr2b_heterotetramer(built: Path) -> None:
    """The figure asks for glutamate at NR2B-containing NMDA receptors "(NR1/NR2B
    heterotetramer)", the document's "two NR1 subunits and two NR2 subunits": the receptor's
    box says so, under its name, in the SVG's text a reader sees."""
    svg = (built / "nr2b-synaptic-plasticity.svg").read_text(encoding="utf-8")
    group = svg.split('id="nr2b-synaptic-plasticity-node-nr2b_nmda_receptor"', 1)[1]
    group = group.split("</g>", 1)[0]
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", group)
    assert texts[-1] == "NR1/NR2B heterotetramer", texts
    assert "NMDA receptor" in " ".join(texts[:-1])


@pytest.mark.parametrize(("args", "said"), [
    # Options that mean nothing for what is asked were taken without a word.
    (("render", "ketamine", "--depth", "5", "-o", "x.svg"), "--depth counts links out from "
     "--around NODE"),
    (("slides", "-o", "x.pdf"), "a deck is a .pptx file"),
    (("import", str(Path(__file__).parent / "data" / "networks" / "signed.sif"), "-o", "-"),
     "import writes a mechanism file, NAME.toml"),
    (("import", str(Path(__file__).parent / "data" / "networks" / "signed.sif"), "-o", "x.txt"),
     "import writes a mechanism file, NAME.toml"),
    (("import", str(Path(__file__).parent / "data" / "networks" / "signed.sif"), "--dry-run",
      "--compound", "ketamne"), "unknown compound 'ketamne' (did you mean 'ketamine'"),
])
def test_an_option_that_cannot_apply_is_one_line_and_writes_nothing(
        tmp_path: Path, graphs_dir: Path, args: tuple[str, ...], said: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # `import -o -` wrote a file named "-" where it was run
    args = tuple(str(tmp_path / a) if a.startswith("x.") else a for a in args)
    result = _cli(*args, graphs=graphs_dir)
    assert result.exit_code == 2, result.output
    assert said in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert list(tmp_path.iterdir()) == []
