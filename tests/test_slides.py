"""The slide deck: layout arithmetic as pure functions, then real decks reopened with pptx."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.slide import Slide

from pathways.errors import PathwaysError
from pathways.slides import (
    ASVG_NS,
    DECK_DATE,
    DECK_FONT,
    DEFAULT_TITLE,
    R_NS,
    SLIDE_H,
    SLIDE_W,
    SVG_CONTENT_TYPE,
    SVG_EXT_URI,
    ZIP_DATE,
    Box,
    SlidesError,
    build_deck,
    citations,
    deck_sources,
    description,
    figure_area,
    fit_box,
    notes_text,
    slide_title,
    wrapped_lines,
)

SMALL = ("mgs0039-ketamine-signaling", "esketamine-trial-workflow")
ALT = ("Drug X inhibits Receptor Y [1]. Receptor Y promotes Effect Z [1][2].\n"
       "Sources: [1] Lab. Paper one (2025). https://example.org/one "
       "[2] Lab. Paper two (2024). https://example.org/two")

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not on PATH")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice `soffice` not on PATH")


# --- pure functions ---------------------------------------------------------------------------

@pytest.mark.parametrize("aspect", [0.5, 1.0, 16 / 9, 3.0, 10.0])
def test_fit_box_keeps_aspect_fills_one_side_and_centres(aspect: float) -> None:
    area = Box(100, 200, 8000, 3000)
    box = fit_box(area, aspect)
    assert box.width / box.height == pytest.approx(aspect, rel=1e-3)
    assert box.width == area.width or box.height == area.height
    assert area.left <= box.left and box.left + box.width <= area.left + area.width
    assert area.top <= box.top and box.top + box.height <= area.top + area.height
    assert abs((box.left - area.left) - (area.left + area.width - box.left - box.width)) <= 1
    assert abs((box.top - area.top) - (area.top + area.height - box.top - box.height)) <= 1


def test_wrapped_lines_counts_greedy_word_wrap() -> None:
    assert wrapped_lines("Short title", 28, SLIDE_W) == 1
    assert wrapped_lines(" ".join(["word"] * 60), 28, SLIDE_W) > 2
    assert wrapped_lines("", 28, SLIDE_W) == 1


def test_a_measured_line_counts_one_line_only_where_it_fits() -> None:
    """A measured title that fits takes one line, though its letters suggest two; one measured
    too wide takes at least two, though its letters suggest one (forty W's); unmeasured, the
    letters decide."""
    from pathways.slides import MARGIN_X, TITLE_PT, line_count

    width = SLIDE_W - 2 * MARGIN_X
    long_title = "Generalized Clinical Trial Workflow for Esketamine in TRD"
    assert wrapped_lines(long_title, TITLE_PT, width) == 2
    assert line_count(long_title, TITLE_PT, width, 772.0) == 1
    assert line_count("W" * 40, TITLE_PT, width, 1051.0) == 2
    assert line_count(long_title, TITLE_PT, width, None) == 2


def test_two_line_title_leaves_less_room_for_the_figure() -> None:
    one, two = figure_area(1), figure_area(2)
    assert two.top > one.top and two.height < one.height
    assert one.top + one.height < SLIDE_H and one.left + one.width < SLIDE_W


def test_description_and_citations_split_the_alt_text() -> None:
    assert description(ALT) == ("Drug X inhibits Receptor Y [1]. Receptor Y promotes Effect Z "
                                "[1][2].")
    assert citations(ALT) == ["[1] Lab. Paper one (2025). https://example.org/one",
                              "[2] Lab. Paper two (2024). https://example.org/two"]
    assert citations("No sources here.") == []


def test_notes_hold_description_then_one_citation_per_line() -> None:
    notes = notes_text({"alt_text": ALT, "caption_inferred": True})
    assert notes.startswith(description(ALT))
    assert "\n[1] Lab. Paper one (2025). https://example.org/one\n[2]" in notes
    assert "inferred" in notes


def test_the_source_line_names_every_document_the_figure_cites() -> None:
    from pathways.slides import source_line

    own = {"id": "a", "title": "Guide A", "address": "https://example.org/a"}
    entry = {"source": own, "caption_inferred": False,
             "cited": [{"id": "b", "title": "Analysis B", "address": "https://example.org/b"},
                       own]}
    assert source_line(entry) == "Source: Guide A; also cited: Analysis B"
    assert source_line({**entry, "cited": [own]}) == "Source: Guide A"
    assert source_line({**entry, "caption_inferred": True, "cited": []}) == \
        "Source: Guide A (caption inferred)"


def test_slide_title_drops_closing_full_stop() -> None:
    assert slide_title({"caption": "Workflow for the model."}) == "Workflow for the model"
    assert slide_title({"caption": "Signaling Pathway"}) == "Signaling Pathway"


def test_deck_sources_once_each_in_figure_order() -> None:
    manifest = {"figures": [{"source": {"id": "b", "title": "B"}},
                            {"source": {"id": "a", "title": "A"}},
                            {"source": {"id": "b", "title": "B"}}]}
    assert [s["title"] for s in deck_sources(manifest)] == ["B", "A"]


# --- helpers ----------------------------------------------------------------------------------

def _pictures(slide: Slide) -> list[Any]:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def _svg_rid(picture: Any) -> str | None:
    blip = picture._element.blipFill.find(f"{{{_A}}}blip")
    for ext in blip.iter(f"{{{_A}}}ext"):
        if ext.get("uri") == SVG_EXT_URI:
            svg_blip = ext.find(f"{{{ASVG_NS}}}svgBlip")
            return None if svg_blip is None else svg_blip.get(f"{{{R_NS}}}embed")
    return None


def _shape_text(slide: Slide, name: str) -> str:
    return next(s.text_frame.text for s in slide.shapes if s.name == name)


def _check_deck(deck: Path, manifest: dict[str, Any], folder: Path) -> None:
    """Everything a figure slide must carry, checked against the manifest and the files."""
    prs = Presentation(str(deck))
    slides = list(prs.slides)
    assert (prs.slide_width, prs.slide_height) == (SLIDE_W, SLIDE_H)
    assert len(slides) == len(manifest["figures"]) + 1
    title_slide = slides[0].shapes.title
    assert title_slide is not None and title_slide.text_frame.text == DEFAULT_TITLE
    subtitle = slides[0].placeholders[1].text_frame.text
    assert all(s["title"] in subtitle for s in deck_sources(manifest))
    for slide, entry in zip(slides[1:], manifest["figures"], strict=True):
        title = slide.shapes.title
        assert title is not None and title.text_frame.text == slide_title(entry)
        assert all(r.font.size.pt >= 28 for p in title.text_frame.paragraphs for r in p.runs)
        source = _shape_text(slide, "Source")
        assert entry["source"]["title"] in source and entry["source"]["address"] in source
        # Every document the figure's notes cite is named under it, not its own alone.
        assert all(c["title"] in source.replace("\n", " ") for c in entry.get("cited", []))
        # The source line runs the slide's width under the figure, not a sliver at its edge
        # (a box one PNG's width in EMU wide: LibreOffice wrapped it a letter a line).
        line = next(s for s in slide.shapes if s.name == "Source")
        assert line.left == title.left and line.width == title.width
        assert line.top + line.height <= SLIDE_H
        assert ("(caption inferred)" in source) == bool(entry["caption_inferred"])
        # Every word on the slide and in its notes is set in the deck's face.
        runs = [r for shape in slide.shapes if shape.has_text_frame
                for p in shape.text_frame.paragraphs for r in p.runs]
        runs += [r for p in slide.notes_slide.notes_text_frame.paragraphs for r in p.runs]
        assert runs and {r.font.name for r in runs} == {DECK_FONT}

        (picture,) = _pictures(slide)
        c_nv_pr = picture._element.nvPicPr.cNvPr
        assert c_nv_pr.get("descr") == description(entry["alt_text"]) != ""
        notes = slide.notes_slide.notes_text_frame.text
        assert description(entry.get("notes") or entry["alt_text"]) in notes
        assert entry["source"]["address"] in notes

        png = folder / entry["files"]["png"]
        with Image.open(png) as image:
            px_w, px_h = image.size
        assert picture.image.blob == png.read_bytes()
        assert (picture.width / picture.height) == pytest.approx(px_w / px_h, rel=0.01)
        assert picture.left >= 0 and picture.top >= 0
        assert picture.left + picture.width <= SLIDE_W
        assert picture.top + picture.height <= SLIDE_H
        assert picture.top >= title.top + title.height
        assert picture.top + picture.height <= next(s.top for s in slide.shapes
                                                    if s.name == "Source")

        rid = _svg_rid(picture)
        assert rid is not None, "no svgBlip extension on the picture"
        svg_part = slide.part.related_part(rid)
        assert svg_part.content_type == SVG_CONTENT_TYPE
        assert str(svg_part.partname).endswith(".svg")
        assert svg_part.blob == (folder / entry["files"]["svg"]).read_bytes()


# --- decks from synthetic figures (no Graphviz needed) -----------------------------------------

def _synthetic(folder: Path) -> dict[str, Any]:
    entries = []
    for i, (fig_id, size, inferred) in enumerate([("wide", (1920, 480), False),
                                                   ("tall", (600, 1200), True)]):
        Image.new("RGB", size, "white").save(folder / f"{fig_id}.png")
        (folder / f"{fig_id}.svg").write_text(
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{size[0]}" height="{size[1]}"/>',
            encoding="utf-8")
        entries.append({
            "id": fig_id, "caption": f"Figure {fig_id}.", "caption_inferred": inferred,
            "source": {"id": f"s{i}", "title": f"Paper {i}", "address": f"https://example.org/{i}",
                       "citation": f"Lab. Paper {i} (2025). https://example.org/{i}"},
            "files": {"svg": f"{fig_id}.svg", "png": f"{fig_id}.png"},
            "alt_text": ALT.replace("https://example.org/one", f"https://example.org/{i}"),
        })
    return {"figures": entries}


def test_synthetic_deck_has_every_part(tmp_path: Path) -> None:
    manifest = _synthetic(tmp_path)
    deck = tmp_path / "out" / "deck.pptx"
    assert build_deck(manifest, tmp_path, deck) == 3
    _check_deck(deck, manifest, tmp_path)
    assert [p.name for p in deck.parent.iterdir()] == ["deck.pptx"]  # no temp file left


def test_wide_figure_spans_the_width_tall_one_the_height(tmp_path: Path) -> None:
    manifest = _synthetic(tmp_path)
    deck = tmp_path / "deck.pptx"
    build_deck(manifest, tmp_path, deck)
    wide, tall = (_pictures(s)[0] for s in list(Presentation(str(deck)).slides)[1:])
    area = figure_area(1)
    assert wide.width == area.width
    assert tall.height == area.height
    assert abs((tall.left + tall.width / 2) - SLIDE_W / 2) <= 1


def test_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    manifest = _synthetic(tmp_path)
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    build_deck(manifest, tmp_path, first)
    build_deck(manifest, tmp_path, second)
    assert first.read_bytes() == second.read_bytes()
    # Two builds in the same second would match anyway: check no clock reaches the file.
    with zipfile.ZipFile(first) as z:
        assert {info.date_time for info in z.infolist()} == {ZIP_DATE}
    props = Presentation(str(first)).core_properties
    assert props.created == props.modified == DECK_DATE
    assert props.title == DEFAULT_TITLE


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_missing_file_is_a_one_line_error_and_writes_nothing(tmp_path: Path, fmt: str) -> None:
    manifest = _synthetic(tmp_path)
    (tmp_path / f"tall.{fmt}").unlink()
    deck = tmp_path / "deck.pptx"
    with pytest.raises(SlidesError, match=rf"'tall'.*{fmt.upper()}") as info:
        build_deck(manifest, tmp_path, deck)
    assert isinstance(info.value, PathwaysError) and "\n" not in str(info.value)
    assert not deck.exists()


def test_manifest_without_svg_is_an_error(tmp_path: Path) -> None:
    manifest = _synthetic(tmp_path)
    del manifest["figures"][0]["files"]["svg"]
    with pytest.raises(SlidesError, match="no SVG"):
        build_deck(manifest, tmp_path, tmp_path / "deck.pptx")


def test_empty_manifest_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SlidesError, match="no figures"):
        build_deck({"figures": []}, tmp_path, tmp_path / "deck.pptx")


def test_failed_build_keeps_the_old_deck(tmp_path: Path) -> None:
    manifest = _synthetic(tmp_path)
    deck = tmp_path / "deck.pptx"
    build_deck(manifest, tmp_path, deck)
    before = deck.read_bytes()
    (tmp_path / "wide.png").write_bytes(b"not a png")
    with pytest.raises(SlidesError, match="not a readable PNG"):
        build_deck(manifest, tmp_path, deck)
    assert deck.read_bytes() == before
    assert sorted(p.name for p in tmp_path.glob(".deck.pptx*")) == []


# --- decks from the real catalog --------------------------------------------------------------

@pytest.fixture(scope="session")
def small_build(graphs_dir: Path,
                tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """Two real figures (one mechanism, one workflow) built once per session."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` not on PATH")
    from pathways.figures import BuildOptions, build_catalog
    from pathways.load import load_dataset

    folder = tmp_path_factory.mktemp("figs")
    manifest = build_catalog(load_dataset(graphs_dir), folder,
                             BuildOptions(formats=("svg", "png"), preset="slide"), only=SMALL)
    return manifest, folder


@pytest.fixture(scope="session")
def small_deck(small_build: tuple[dict[str, Any], Path],
               tmp_path_factory: pytest.TempPathFactory) -> Path:
    manifest, folder = small_build
    deck = tmp_path_factory.mktemp("deck") / "figures.pptx"
    build_deck(manifest, folder, deck)
    return deck


@pytest.mark.graphviz
@needs_dot
def test_real_figures_deck(small_build: tuple[dict[str, Any], Path], small_deck: Path) -> None:
    manifest, folder = small_build
    assert [e["id"] for e in manifest["figures"]] == list(SMALL)
    _check_deck(small_deck, manifest, folder)


@pytest.mark.graphviz
@needs_dot
def test_real_deck_is_deterministic(small_build: tuple[dict[str, Any], Path],
                                    small_deck: Path, tmp_path: Path) -> None:
    manifest, folder = small_build
    again = tmp_path / "again.pptx"
    build_deck(manifest, folder, again)
    assert again.read_bytes() == small_deck.read_bytes()


@pytest.mark.graphviz
@needs_dot
def test_full_catalog_deck(graphs_dir: Path, tmp_path: Path) -> None:
    from pathways.figures import BuildOptions, build_catalog
    from pathways.load import load_dataset

    folder = tmp_path / "figs"
    manifest = build_catalog(load_dataset(graphs_dir), folder,
                             BuildOptions(formats=("svg", "png"), preset="slide"))
    assert manifest == json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    deck = tmp_path / "figures.pptx"
    assert build_deck(manifest, folder, deck) == 13
    # The phase 2 trial and the NR2B figure cite a second document: named on their slides.
    assert {e["id"] for e in manifest["figures"] if len(e["cited"]) > 1} == {
        "mij821-phase2-workflow", "nr2b-synaptic-plasticity"}
    _check_deck(deck, manifest, folder)
    subtitle = Presentation(str(deck)).slides[0].placeholders[1].text_frame.text
    assert "5 source documents" in subtitle


@pytest.mark.graphviz
@needs_dot
def test_every_slide_shows_its_figure_as_large_as_the_manifest_says(graphs_dir: Path,
                                                                     tmp_path: Path) -> None:
    """The manifest's slide text size is the figure fitted to the picture area below a one-line
    title: each slide's picture is that large. The esketamine trial's title, estimated at two
    lines by its letters, took one, and its picture had a line less room: 13.2 pt against the
    14.3 pt the manifest said."""
    from pathways.figures import BuildOptions, build_catalog
    from pathways.layout import fit_scale
    from pathways.load import load_dataset
    from pathways.style import PRESETS

    folder = tmp_path / "figs"
    manifest = build_catalog(load_dataset(graphs_dir), folder,
                             BuildOptions(formats=("svg", "png"), preset="slide"),
                             only=("esketamine-trial-workflow", "nr2b-synaptic-plasticity"))
    deck = tmp_path / "figures.pptx"
    build_deck(manifest, folder, deck)
    slides = list(Presentation(str(deck)).slides)[1:]
    for entry, slide in zip(manifest["figures"], slides, strict=True):
        (picture,) = _pictures(slide)
        shown = picture.width / 12700 / entry["width_pt"]
        wanted = fit_scale(entry["width_pt"], entry["height_pt"], PRESETS["slide"].area)
        assert shown >= wanted * 0.995, entry["id"]


@pytest.mark.soffice
@pytest.mark.graphviz
@needs_soffice
@needs_dot
def test_libreoffice_renders_every_slide(small_deck: Path, small_build: tuple[dict[str, Any], Path],
                                         tmp_path: Path) -> None:
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(small_deck)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "figures.pdf"
    assert pdf.is_file()
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                              text=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
    else:
        pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    assert pages == len(list(Presentation(str(small_deck)).slides)) == len(SMALL) + 1
    if shutil.which("pdftotext"):  # each slide's source reads as a line, as it is written
        manifest, _ = small_build
        for page, entry in enumerate(manifest["figures"], start=2):
            text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf),
                                   "-"], check=True, capture_output=True, text=True).stdout
            assert f"Source: {entry['source']['title'][:40]}" in text.replace("\n", " ")
    if shutil.which("pdffonts"):  # the slides' words in the figures' face, not DejaVu Sans
        fonts = subprocess.run(["pdffonts", "-l", "1", str(pdf)], check=True,
                               capture_output=True, text=True).stdout
        assert "LiberationSans" in fonts and "DejaVu" not in fonts, fonts


@pytest.mark.graphviz
@needs_dot
def test_speaker_notes_are_sized_to_fit_their_box(small_deck: Path) -> None:
    """A notes page prints its notes box as it is: a figure's 2,000 characters of notes at the
    master's 12 pt ran off it, sources and all. Each slide's notes now carry the largest size
    at which they fit (by the estimate that errs long), and ask a reader to shrink them should
    it wrap longer still."""
    from pptx.util import Pt

    from pathways.slides import NOTES_PT, notes_size

    for slide in list(Presentation(str(small_deck)).slides)[1:]:
        box = slide.notes_slide.notes_placeholder
        text = box.text_frame.text
        sizes = {run.font.size for para in box.text_frame.paragraphs for run in para.runs}
        assert sizes == {Pt(notes_size(text, box.width, box.height))}, sizes
        ends = {p._p.endParaRPr.get("sz") for p in box.text_frame.paragraphs}  # blank lines too
        assert ends == {str(round(Pt(notes_size(text, box.width, box.height)).pt * 100))}
        assert box.text_frame._txBody.bodyPr.find(qn("a:normAutofit")) is not None
    assert notes_size("word " * 2000, 5486400, 4114800) == NOTES_PT[-1] < NOTES_PT[0]


@pytest.mark.soffice
@pytest.mark.graphviz
@needs_soffice
@needs_dot
def test_libreoffice_prints_every_note_whole_inside_its_box(small_deck: Path,
                                                            tmp_path: Path) -> None:
    """LibreOffice's notes pages (what printing the notes gives) hold each slide's notes, to
    their last citation, inside the notes box: at the master's 12 pt they ran past its foot,
    and the longest off the page."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's `pdftotext` not on PATH")
    profile = (tmp_path / "lo-profile").as_uri()
    export = ('pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},'
              '"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}')
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", export, "--outdir", str(tmp_path), str(small_deck)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "figures.pdf"
    prs = Presentation(str(small_deck))
    for page, slide in enumerate(list(prs.slides)[1:], start=2):
        box = slide.notes_slide.notes_placeholder
        foot = (box.top + box.height) / 12700 * 72 / 72  # points from the page's top
        words = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page),
                                str(pdf), "-"], check=True, capture_output=True,
                               text=True).stdout
        placed = [(float(y), w) for y, w in re.findall(r'yMax="([\d.]+)">([^<]*)</word>', words)]
        notes = box.text_frame.text
        last = notes.rstrip().splitlines()[-1]  # the last citation: "[n] Author. Title ..."
        title = last.split(". ", 1)[1].rsplit(" (", 1)[0]
        printed = "".join(w for _, w in placed)
        assert "".join(title.split()) in printed, (page, title)
        body = [y for y, w in placed if y > box.top / 12700 and not w.isdigit()]  # not the number
        assert max(body) <= foot + 2, (page, max(body), foot)


def test_deck_sources_count_the_documents_a_figure_cites_besides_its_own() -> None:
    own = {"id": "a", "title": "A", "address": "https://example.org/a"}
    other = {"id": "b", "title": "B", "address": "https://example.org/b"}
    # A deck of the phase 2 trial alone draws on two documents, its own and another.
    manifest = {"figures": [{"source": own, "cited": [other, own]}]}
    assert [d["id"] for d in deck_sources(manifest)] == ["a", "b"]
