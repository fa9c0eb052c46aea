"""Text people read shows Ca²⁺, IC₅₀, Kᵢ, never the data's markup Ca^{2+}, IC_{50}, K_{i}: the
manifest, the gallery page and the slide deck, from the real catalog and from manifests that
carry markup on purpose."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from pathways.gallery import gallery_html
from pathways.slides import build_deck

MARKUP = re.compile(r"[\^_]\{")
MARKED = "Ca^{2+} influx and IC_{50}"
SHOWN = "Ca²⁺ influx and IC₅₀"


class _Readable(HTMLParser):
    """What a reader of the page gets: its text outside the inlined figures, and its alt and
    aria-label attributes (the figures' own text is tested as SVG)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.svg_depth = 0
        self.read: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.svg_depth += 1
        if not self.svg_depth:
            self.read += [v or "" for k, v in attrs if k in ("alt", "aria-label", "title")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.svg_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.svg_depth:
            self.read.append(data)


def _page_text(page: str) -> str:
    parser = _Readable()
    parser.feed(page)
    return "\n".join(parser.read)


def _entry(fig_id: str, folder: Path) -> dict[str, Any]:
    """A manifest entry with markup in everything a person reads; a PNG (and an SVG) to show."""
    Image.new("RGB", (320, 180), "white").save(folder / f"{fig_id}.png")
    (folder / f"{fig_id}.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"/>', encoding="utf-8")
    return {"id": fig_id, "caption": f"{MARKED}.", "caption_inferred": False,
            "source": {"id": "s", "title": f"Notes on {MARKED}", "address": "https://example.org/s",
                       "citation": f"Lab. Notes on {MARKED} (2025). https://example.org/s"},
            "files": {"png": f"{fig_id}.png"},
            "alt_text": f"Drug X lowers {MARKED}, K_{{i}} 2 nM [1].\n"
                        f"Sources: [1] Lab. Notes on {MARKED} (2025). https://example.org/s"}


# --- from the real catalog ------------------------------------------------------------------------


@pytest.mark.graphviz
def test_manifest_shows_no_markup(catalog: Path) -> None:
    text = (catalog / "manifest.json").read_text(encoding="utf-8")
    assert MARKUP.findall(text) == []
    manifest = json.loads(text)
    read = [(f["id"], f["caption"] + f["alt_text"] + f.get("notes", "") + f["source"]["title"]
             + f["source"]["citation"]) for f in manifest["figures"]]
    assert [fig for fig, t in read if MARKUP.search(t)] == []


@pytest.mark.graphviz
def test_gallery_shows_no_markup(catalog: Path) -> None:
    read = _page_text((catalog / "index.html").read_text(encoding="utf-8"))
    manifest = json.loads((catalog / "manifest.json").read_text(encoding="utf-8"))
    assert all(f["alt_text"] in read for f in manifest["figures"])  # there to be read
    assert MARKUP.findall(read) == []


@pytest.mark.graphviz
def test_deck_notes_and_text_show_no_markup(catalog: Path, tmp_path: Path) -> None:
    manifest = json.loads((catalog / "manifest.json").read_text(encoding="utf-8"))
    deck = tmp_path / "deck.pptx"
    build_deck(manifest, catalog, deck)
    for slide in Presentation(str(deck)).slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        texts += [p._element.nvPicPr.cNvPr.get("descr", "") for p in slide.shapes
                  if p.shape_type == MSO_SHAPE_TYPE.PICTURE]  # a picture's alt text
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
        assert [t for t in texts if MARKUP.search(t)] == []


# --- from manifests with markup ---------------------------------------------------------------------


def test_gallery_shows_scripts_as_characters(tmp_path: Path) -> None:
    entry = _entry("f", tmp_path)
    read = _page_text(gallery_html({"figures": [entry]}, tmp_path))
    assert MARKUP.findall(read) == []
    assert f"{SHOWN}." in read  # caption (and the figure's aria-label)
    assert f"Drug X lowers {SHOWN}, Kᵢ 2 nM [1]." in read  # alt text, in the page and on <img>
    assert f"Notes on {SHOWN}" in read  # source


def test_deck_shows_scripts_as_characters(tmp_path: Path) -> None:
    entry = _entry("f", tmp_path)
    entry["files"]["svg"] = "f.svg"
    deck = tmp_path / "deck.pptx"
    build_deck({"figures": [entry]}, tmp_path, deck)
    title_slide, slide = Presentation(str(deck)).slides
    assert f"Notes on {SHOWN}" in title_slide.placeholders[1].text_frame.text
    assert slide.shapes.title is not None and slide.shapes.title.text_frame.text == SHOWN
    (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert picture._element.nvPicPr.cNvPr.get("descr") == f"Drug X lowers {SHOWN}, Kᵢ 2 nM [1]."
    source = next(s.text_frame.text for s in slide.shapes if s.name == "Source")
    assert source.startswith(f"Source: Notes on {SHOWN}")
    notes = slide.notes_slide.notes_text_frame.text
    assert notes.startswith(f"Drug X lowers {SHOWN}, Kᵢ 2 nM [1].")
    assert f"[1] Lab. Notes on {SHOWN} (2025)." in notes
    assert MARKUP.findall(notes) == []


# --- the documents' own TeX in quotes -----------------------------------------------------------


def test_a_quote_s_inline_tex_reads_as_characters_and_dollars_stay_dollars() -> None:
    from pathways.labels import readable_quote

    assert readable_quote(r"thereby decreasing $\text{Ca}^{2+}$ influx") == \
        "thereby decreasing Ca²⁺ influx"
    assert readable_quote(r"$K_{i}$ of $\mathrm{IC}_{50}$") == "Kᵢ of IC₅₀"
    assert readable_quote("costs $5 and $6 each") == "costs $5 and $6 each"
    assert readable_quote("no formula") == "no formula"


@pytest.mark.graphviz
def test_tooltips_show_the_quotes_tex_as_characters(catalog: Path) -> None:
    """Two quotes write Ca²⁺ as TeX (`$\\text{Ca}^{2+}$`): the tooltips of the figures that
    cite them read "Ca²⁺ influx", as the terminal's `path` does."""
    svgs = {p.name: p.read_text(encoding="utf-8") for p in catalog.glob("*.svg")}
    assert [name for name, svg in svgs.items() if "\\text{" in svg or "$" in svg] == []
    assert any("decreasing Ca²⁺ influx" in svg for svg in svgs.values())


@pytest.mark.graphviz
@pytest.mark.parametrize("fmt", ["csv", "json", "graphml", "cyjs", "sbgn"])
def test_exports_show_the_quotes_tex_as_characters(graphs_dir: Path, fmt: str) -> None:
    """The same two quotes in every export that carries quotes: "decreasing Ca²⁺ influx" where
    a person reads them (a spreadsheet cell, Cytoscape's table, an SBGN editor's notes), and
    the TeX as the document writes it only in the quote's `verbatim` (`quote_verbatim`) field,
    for checking it word for word."""
    from pathways.exporters import export
    from pathways.load import load_dataset
    from pathways.merge import merge

    text = export(merge(load_dataset(graphs_dir)), fmt)
    assert "decreasing Ca²⁺ influx" in text.replace("&#178;&#8314;", "²⁺")
    if fmt == "csv":
        import csv
        import io

        rows = list(csv.DictReader(io.StringIO(text)))
        assert not [r for r in rows if "\\text{" in r["quote"]]
        assert sum("\\text{Ca}" in r["quote_verbatim"] for r in rows) >= 2
    elif fmt in ("cyjs", "sbgn"):
        assert "\\text{" not in text
    else:  # the evidence of every link: quotes as read, TeX only where kept as written
        import io

        import networkx as nx

        if fmt == "json":
            edges = json.loads(text)["edges"]
        else:
            g = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
            edges = [{"evidence": json.loads(d["evidence"])} for *_, d in g.edges(data=True)]
        evidence = [ev for e in edges for ev in e["evidence"]]
        assert not [ev for ev in evidence if "\\text{" in ev["quote"]]
        assert sum("\\text{Ca}" in ev.get("verbatim", "") for ev in evidence) >= 2


def test_path_json_shows_the_quotes_tex_as_characters(graphs_dir: Path) -> None:
    from click.testing import CliRunner

    from pathways.cli import main

    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "path", "mij821",
                                       "calcium_influx", "--json"])
    assert result.exit_code == 0, result.output
    quotes = [ev for route in json.loads(result.output)["routes"] for step in route["steps"]
              for ev in step["evidence"]]
    assert any("decreasing Ca²⁺ influx" in ev["quote"] for ev in quotes)
    assert not [ev for ev in quotes if "\\text{" in ev["quote"]]
    assert all("\\text{Ca}" in ev["verbatim"] for ev in quotes if "verbatim" in ev)


@pytest.mark.graphviz
def test_tooltips_name_things_and_effects_as_people_read_them(catalog: Path) -> None:
    """Hovering over "Ca²⁺ influx → CaMKII" said "Ca2+ influx → CaMKII", and a link between
    the NR2B subunit and CaMKII "interacts_with": names with their scripts, effects in words."""
    titles = [t for p in sorted(catalog.glob("*.svg"))
              for t in re.findall(r"<title>([^<]*)</title>", p.read_text(encoding="utf-8"))]
    assert any(t.startswith("Ca²⁺ influx \u2192 CaMKII: activates") for t in titles)
    assert any(": interacts with (?" in t for t in titles)
    assert [t for t in titles if re.search(r"\bCa2\+|\b[a-z]+_[a-z]+\b", t.split(" Evidence")[0])] \
        == []


# --- numbers as printed ---------------------------------------------------------------------------

MINUS, EN_DASH = "\u2212", "\u2013"


def _svg_lines(svg: Path) -> list[str]:
    """Each drawn line of text as a reader shows it (a line's runs joined)."""
    import xml.etree.ElementTree as ET

    ns = "{http://www.w3.org/2000/svg}"
    return ["".join(t.itertext()) for t in ET.parse(svg).getroot().iter(f"{ns}text")]


@pytest.mark.graphviz
def test_drawn_numbers_have_minus_signs_and_en_dashes(catalog: Path, graphs_dir: Path) -> None:
    """The data type "-5.78" and "24.8-33.6%" with the keyboard's hyphen; a figure prints a
    minus sign and an en dash, as a journal sets them, and never a hyphen before a number
    (names, such as Ro 25-6981, aside)."""
    from pathways.load import load_dataset

    names = {n for e in load_dataset(graphs_dir).entities.values() for n in (e.label, *e.synonyms)}
    phase2 = _svg_lines(catalog / "mij821-phase2-workflow.svg")
    assert any(f"{MINUS}5.78 (p=0.0427)" in t for t in phase2), phase2
    trial = _svg_lines(catalog / "esketamine-trial-workflow.svg")
    assert any(f"24.8{EN_DASH}33.6%" in t for t in trial), trial
    first = _svg_lines(catalog / "mij821-first-in-human-workflow.svg")
    assert any(f"0.016{EN_DASH}0.48 mg/kg" in t for t in first), first
    hyphen_number = re.compile(r"(?:^|[\s(~])-\d|\d-\d")
    for svg in sorted(catalog.glob("*.svg")):
        drawn = [t for t in _svg_lines(svg)
                 if hyphen_number.search(re.sub("|".join(map(re.escape, names)), "", t))]
        assert drawn == [], f"{svg.name}: {drawn}"


@pytest.mark.graphviz
def test_alt_text_and_notes_print_numbers_as_the_figure_does(catalog: Path) -> None:
    manifest = json.loads((catalog / "manifest.json").read_text(encoding="utf-8"))
    entry = next(f for f in manifest["figures"] if f["id"] == "mij821-phase2-workflow")
    read = entry["alt_text"] + entry.get("notes", "")
    assert f"{MINUS}5.78 (p=0.0427)" in read and "-5.78" not in read


def test_a_name_with_a_hyphen_between_numbers_is_left_as_written(graphs_dir: Path) -> None:
    """Ro 25-6981 is a compound's name, not the range 25 to 6981: a detail naming it keeps its
    hyphen, while the dose range beside it gets its en dash."""
    from dataclasses import replace

    from pathways.load import load_dataset
    from pathways.views import workflow_view

    dataset = load_dataset(graphs_dir)
    assert any(e.label == "Ro 25-6981" for e in dataset.entities.values())
    wf = dataset.workflows["social-defeat-workflow"]
    step = replace(wf.steps[0], details=("Ro 25-6981 5-10 mg/kg, -2 h",))
    view = workflow_view(dataset, replace(wf, steps=(step, *wf.steps[1:])), "v")
    lines = next(n.lines for n in view.nodes if n.id == step.id)
    assert f"Ro 25-6981 5{EN_DASH}10 mg/kg, {MINUS}2 h" in lines, lines


def test_a_range_written_with_spaced_hyphen_is_drawn_with_an_en_dash(graphs_dir: Path) -> None:
    """Esketamine's dissociation frequency is "24.3% - 25.5%" in its document and data; `render
    esketamine` drew the spaced hyphen. It is drawn 24.3%–25.5%, as the trial workflow draws
    the same range; the spaced hyphen after a name's number ("IL-6 - 10 ng") stays."""
    from pathways.labels import typeset
    from pathways.load import load_dataset
    from pathways.merge import merge
    from pathways.views import compounds_view

    view = compounds_view(merge(load_dataset(graphs_dir)), ["esketamine"], "esk")
    drawn = [line for e in view.edges for line in e.lines]
    assert any(f"24.3%{EN_DASH}25.5%" in line for line in drawn), drawn
    assert not any("% - " in line for line in drawn)
    assert typeset("IL-6 - 10 ng") == "IL-6 - 10 ng"
