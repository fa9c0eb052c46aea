"""Super- and subscripts as readers draw them: every label line with a script, cut out of the
built figures, rendered by librsvg (`rsvg-convert`), headless Chromium and LibreOffice (each where
installed), measured in pixels.

Each measurement renders the label's lines alone on white, with one piece painted at a time (the
others laid out but unpainted), so each piece's ink has a box of its own. A script piece must come
out smaller than the same characters drawn at the line's size, below (subscript) or above
(superscript) the baseline, clear of the pieces beside it, with the space that follows it kept,
and clear of the label's other lines.
"""

from __future__ import annotations

import copy
import itertools
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

SVG_NS = "http://www.w3.org/2000/svg"
SVG = f"{{{SVG_NS}}}"
ET.register_namespace("", SVG_NS)  # a plain <svg>: some readers take no prefixed SVG
# The catalog figures that draw Ca^{2+}, K_{i} or IC_{50}.
SCRIPTED = ("mgs0039-ketamine-signaling", "mij821-proposed-pathway", "nr2b-synaptic-plasticity")
SCALE = 3  # pixels per SVG unit
INK = 160  # a pixel darker than this (0-255 grey) is ink

RSVG = shutil.which("rsvg-convert")
CHROMIUM = next((p for p in (shutil.which(n) for n in (
    "chromium-headless-shell", "chromium", "chromium-browser", "google-chrome")) if p), None)
SOFFICE = shutil.which("soffice")
needs_rsvg = pytest.mark.skipif(RSVG is None, reason="librsvg's `rsvg-convert` not on PATH")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no headless Chromium (chromium-headless-shell or chromium) on PATH")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice `soffice` not on PATH")

Box = tuple[int, int, int, int]  # left, top, right, bottom, in pixels (right, bottom past the ink)


Ref = tuple[int, int | None]  # a piece: the <text> it is in, and its <tspan> (None: the whole)


@dataclass(frozen=True)
class Label:
    """One label as a renderer sees it: its <text> elements, grouped into lines of pieces.

    Graphviz writes a line with a script as several <text> (the script one carrying
    `baseline-shift`); `fix_svg` makes it one <text> of <tspan>s. Both are measured alike.
    """

    figure: str
    texts: tuple[ET.Element, ...]
    lines: tuple[tuple[Ref, ...], ...]


@dataclass(frozen=True)
class Page:
    """A standalone SVG of a label's lines: its viewBox origin and size, in SVG units."""

    x0: float
    y0: float
    width: float
    height: float


def _size(el: ET.Element) -> float:
    return float(el.get("font-size", "14"))


def _element(texts: tuple[ET.Element, ...] | list[ET.Element], ref: Ref) -> ET.Element:
    text, span = ref
    return texts[text] if span is None else list(texts[text].iter(f"{SVG}tspan"))[span]


def _shift(el: ET.Element) -> str | None:
    """'sub' or 'super' for a script piece, None for one on the baseline."""
    if el.get("baseline-shift") in ("sub", "super"):
        return el.get("baseline-shift")
    dy = float(el.get("dy", "0") or 0)
    if el.tag == f"{SVG}tspan" and dy and el.get("font-size") is not None:
        return "sub" if dy > 0 else "super"
    return None


def _labels(folder: Path) -> list[Label]:
    """Every label with a script piece in the SCRIPTED figures."""
    out = []
    for fig in SCRIPTED:
        root = ET.parse(folder / f"{fig}.svg").getroot()
        for parent in root.iter():
            texts = tuple(el for el in parent if el.tag == f"{SVG}text")
            lines: dict[str, list[Ref]] = {}
            for k, text in enumerate(texts):
                spans = list(text.iter(f"{SVG}tspan"))
                refs: list[Ref] = [(k, i) for i in range(len(spans))] if spans else [(k, None)]
                lines.setdefault(text.get("y", ""), []).extend(refs)
            if any(_shift(_element(texts, r)) for line in lines.values() for r in line):
                out.append(Label(fig, texts, tuple(tuple(line) for line in lines.values())))
    return out


def _page(label: Label) -> Page:
    """A region holding every line of `label`, with an em or more to spare all round."""
    lefts, rights = [], []
    for text in label.texts:
        x, size = float(text.get("x", "0")), _size(text)
        width = 0.6 * size * len("".join(text.itertext()))  # Liberation Sans averages 0.5 em
        anchor = text.get("text-anchor", "start")
        left = x - (width / 2 if anchor == "middle" else width if anchor == "end" else 0)
        lefts.append(left)
        rights.append(left + width)
    ys = [float(text.get("y", "0")) for text in label.texts]
    em = max(_size(text) for text in label.texts)
    return Page(min(lefts) - em, min(ys) - 2 * em, max(rights) - min(lefts) + 2 * em,
                max(ys) - min(ys) + 3 * em)


def _svg(page: Page, texts: list[ET.Element]) -> str:
    root = ET.Element(f"{SVG}svg", {
        "width": str(round(page.width * SCALE)), "height": str(round(page.height * SCALE)),
        "viewBox": f"{page.x0} {page.y0} {page.width} {page.height}"})
    ET.SubElement(root, f"{SVG}rect", {"x": str(page.x0), "y": str(page.y0), "fill": "#ffffff",
                                       "width": str(page.width), "height": str(page.height)})
    root.extend(texts)
    return ET.tostring(root, encoding="unicode")


def _painted(label: Label, refs: tuple[Ref, ...], full_size: bool = False) -> list[ET.Element]:
    """Copies of the label's <text>s, laid out as they are, with only the pieces `refs` painted
    (black on white); `full_size` draws the one piece in `refs` at the line's size, unshifted."""
    texts = [copy.deepcopy(t) for t in label.texts]
    for text in texts:
        spans = list(text.iter(f"{SVG}tspan"))
        # LibreOffice paints no <tspan> of a <text> whose own fill is none: hide the pieces
        text.set("fill", "#000000" if spans else "none")
        for span in spans:
            span.set("fill", "none")
    for ref in refs:
        _element(texts, ref).set("fill", "#000000")
    if full_size:
        (ref,) = refs
        el = _element(texts, ref)
        if el.attrib.pop("baseline-shift", None) is None:  # a <tspan>: undo its dy and size
            drop = float(el.attrib.pop("dy", "0"))
            del el.attrib["font-size"]
            spans = list(texts[ref[0]].iter(f"{SVG}tspan"))
            if ref[1] is not None and ref[1] + 1 < len(spans):
                after = spans[ref[1] + 1]
                after.set("dy", f"{float(after.get('dy', '0')) + drop:g}")
    return texts


def _ink(image: Image.Image) -> Box | None:
    grey = image.convert("L").point(lambda v: 255 if v < INK else 0)
    return grey.getbbox()


# --- renderers: SVGs in, one image each out, from as few program starts as each allows ----------

Renderer = Callable[[list[str], Path], list[Image.Image]]


def _sheet(svgs: list[str]) -> tuple[str, int, int, list[Box]]:
    """The SVGs nested in one sheet, in a grid (one renderer start for them all): the sheet, its
    width and height, and each SVG's place on it."""
    roots = [ET.fromstring(s) for s in svgs]
    sizes = [(int(r.get("width", "0")), int(r.get("height", "0"))) for r in roots]
    gap = 8
    column = max(w for w, _ in sizes) + gap
    columns = max(1, min(len(svgs), 3000 // column))
    heights, places = [0] * columns, []
    for w, h in sizes:  # each into the shortest column
        c = heights.index(min(heights))
        places.append((c * column, heights[c], c * column + w, heights[c] + h))
        heights[c] += h + gap
    width, height = columns * column, max(heights)
    sheet = ET.Element(f"{SVG}svg", {"width": str(width), "height": str(height),
                                     "viewBox": f"0 0 {width} {height}"})
    ET.SubElement(sheet, f"{SVG}rect", {"width": str(width), "height": str(height),
                                        "fill": "#ffffff"})
    for root, (x, y, _, _) in zip(roots, places, strict=True):
        root.set("x", str(x))
        root.set("y", str(y))
        sheet.append(root)
    return ET.tostring(sheet, encoding="unicode"), width, height, places


def _cut(svgs: list[str], tmp: Path, draw: Callable[[Path, int, int, Path], None]) -> list[
        Image.Image]:
    """Draw all the SVGs on one sheet with `draw(sheet.svg, width, height, sheet.png)`, then cut
    the picture apart."""
    sheet, width, height, places = _sheet(svgs)
    source, shot = tmp / "sheet.svg", tmp / "sheet.png"
    source.write_text(sheet, encoding="utf-8")
    draw(source, width, height, shot)
    with Image.open(shot) as image:
        whole = image.convert("RGB")
    assert whole.size == (width, height)
    return [whole.crop(place) for place in places]


def _rsvg(svgs: list[str], tmp: Path) -> list[Image.Image]:
    def draw(source: Path, width: int, height: int, shot: Path) -> None:
        assert RSVG is not None
        subprocess.run([RSVG, "--format", "png", "-o", str(shot), str(source)],
                       capture_output=True, check=True, timeout=60)

    return _cut(svgs, tmp, draw)


def _chromium(svgs: list[str], tmp: Path) -> list[Image.Image]:
    def draw(source: Path, width: int, height: int, shot: Path) -> None:
        assert CHROMIUM is not None
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                        "--hide-scrollbars", "--force-device-scale-factor=1",
                        f"--user-data-dir={tmp / 'profile'}", f"--window-size={width},{height}",
                        f"--screenshot={shot}", source.as_uri()],
                       capture_output=True, check=True, timeout=120)

    return _cut(svgs, tmp, draw)


def _libreoffice(svgs: list[str], tmp: Path) -> list[Image.Image]:
    """LibreOffice Draw imports each SVG (it takes no nested <svg>): one start converts them all."""
    assert SOFFICE is not None
    sources = [tmp / f"v{i:04d}.svg" for i in range(len(svgs))]
    for source, svg in zip(sources, svgs, strict=True):
        source.write_text(svg, encoding="utf-8")
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                    "--convert-to", "png", "--outdir", str(tmp), *map(str, sources)],
                   capture_output=True, check=True, timeout=300)
    images = []
    for source, svg in zip(sources, svgs, strict=True):
        with Image.open(source.with_suffix(".png")) as image:
            images.append(image.convert("RGB"))
        root = ET.fromstring(svg)
        # drawn at 96 dpi, one pixel per SVG px, give or take a pixel of rounding
        assert abs(images[-1].width - int(root.get("width", "0"))) <= 2
    return images


def _render(svgs: list[str], renderer: Renderer) -> list[Image.Image]:
    """Each SVG as `renderer` draws it."""
    with tempfile.TemporaryDirectory(prefix="pathways-svg-text-") as tmp:
        return renderer(svgs, Path(tmp))


# --- the measurements ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """One piece of a line as drawn: its text, its ink, and its shift."""

    text: str
    ink: Box
    shift: str | None


def _measure(labels: list[Label], renderer: Renderer) -> list[str]:
    """Every problem a reader would see in the labels' scripts, as drawn by `render`."""
    jobs: list[tuple[int, tuple[Ref, ...], bool]] = []  # label, painted pieces, full size
    for n, label in enumerate(labels):
        for line in label.lines:
            jobs.append((n, line, False))
            for ref in line:
                jobs.append((n, (ref,), False))
                if _shift(_element(label.texts, ref)):
                    jobs.append((n, (ref,), True))
    images = _render([_svg(_page(labels[n]), _painted(labels[n], refs, full))
                     for n, refs, full in jobs], renderer)
    inks = {job: _ink(image) for job, image in zip(jobs, images, strict=True)}
    problems = [f"{labels[job[0]].figure}: the test's page cuts off a label"
                for job, image in zip(jobs, images, strict=True)
                if (ink := inks[job]) and (min(ink[:2]) == 0 or ink[2] == image.width
                    or ink[3] == image.height)]
    for n, label in enumerate(labels):
        page = _page(label)
        line_inks = [inks[(n, line, False)] for line in label.lines]
        for k, line in enumerate(label.lines):
            first = label.texts[line[0][0]]
            em = _size(first) * SCALE
            baseline = (float(first.get("y", "0")) - page.y0) * SCALE
            where = f"{label.figure}: {''.join(_element(label.texts, r).text or '' for r in line)!r}"
            pieces = []
            for ref in line:
                el = _element(label.texts, ref)
                ink, shift = inks[(n, (ref,), False)], _shift(el)
                if ink is None:
                    if (el.text or "").strip():
                        problems.append(f"{where}: piece {el.text!r} drew nothing")
                    continue
                pieces.append(Piece(el.text or "", ink, shift))
                if shift is None:
                    continue
                full = inks[(n, (ref,), True)]
                assert full is not None
                height, full_height = ink[3] - ink[1], full[3] - full[1]
                # drawn five sixths high (`svg.SCRIPT_SCALE`, as Pango draws the PDF's):
                # anti-aliased ink a pixel over that, never near the line's own size
                if height > 0.9 * full_height:
                    problems.append(f"{where}: script {el.text!r} {height} px high, "
                                    f"{full_height} px at the line's size")
                if shift == "sub" and ink[3] < baseline + 0.1 * em:
                    problems.append(f"{where}: subscript {el.text!r} ends at {ink[3]} px, "
                                    f"not below the baseline at {baseline:.0f} px")
                if shift == "super" and ink[3] > baseline - 0.15 * em:
                    problems.append(f"{where}: superscript {el.text!r} ends at {ink[3]} px, "
                                    f"not above the baseline at {baseline:.0f} px")
                for j, other in enumerate(line_inks):
                    if j != k and other is not None and _overlap(ink, other):
                        problems.append(f"{where}: script {el.text!r} runs into another line")
            for a, b in itertools.pairwise(pieces):
                if a.ink[2] > b.ink[0]:
                    problems.append(f"{where}: {a.text!r} runs into {b.text!r}")
                elif (a.shift or b.shift) and b.text.startswith(" ") and \
                        b.ink[0] - a.ink[2] < 0.15 * em:
                    problems.append(f"{where}: the space before {b.text!r} is lost "
                                    f"({b.ink[0] - a.ink[2]} px)")
    return problems


def _overlap(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


@pytest.fixture(scope="module")
def labels(catalog: Path) -> list[Label]:
    found = _labels(catalog)
    # Ca^{2+} (a node in two figures, an edge label), K_{i} and IC_{50} (edge labels)
    assert {label.figure for label in found} == set(SCRIPTED)
    assert len(found) >= 6
    return found


@pytest.mark.graphviz
@needs_rsvg
def test_scripts_drawn_right_by_librsvg(labels: list[Label]) -> None:
    assert _measure(labels, _rsvg) == []


@pytest.mark.graphviz
@needs_chromium
def test_scripts_drawn_right_by_chromium(labels: list[Label]) -> None:
    assert _measure(labels, _chromium) == []


@pytest.mark.graphviz
@pytest.mark.soffice
@needs_soffice
def test_scripts_drawn_right_by_libreoffice(labels: list[Label]) -> None:
    assert _measure(labels, _libreoffice) == []
