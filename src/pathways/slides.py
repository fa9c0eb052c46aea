"""A 16:9 PowerPoint deck of the figure catalog: a title slide, then one slide per figure.

Each figure slide carries the caption as its title, the figure as large as fits without
distortion (the high-resolution PNG, plus the SVG through PowerPoint's `svgBlip` extension so
PowerPoint 2016+ shows vectors), a source line, alt text and speaker notes with citations.
Every text on a slide shows super- and subscripts as characters (Ca²⁺, IC₅₀), never as the data's
markup, whatever the manifest holds. The same manifest and files always give a byte-identical
.pptx.

>>> fit_box(Box(0, 0, 400, 100), aspect=2.0)
Box(left=100, top=0, width=200, height=100)
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationT
from pptx.shapes.picture import Picture
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt

from .errors import PathwaysError
from .labels import readable
from .output import write_atomic
from .quoting import safe_url

__all__ = ["DEFAULT_TITLE", "Box", "SlidesError", "build_deck", "citations", "deck_sources",
           "description", "figure_area", "fit_box", "fixed_zip", "line_count", "measured_widths",
           "notes_size", "notes_text", "png_size", "slide_picture", "slide_title", "source_line",
           "wrapped_lines"]

DEFAULT_TITLE = "Rapid-acting antidepressants: mechanisms and study workflows"

EMU_PER_IN, EMU_PER_PT = 914400, 12700
SLIDE_W, SLIDE_H = 12192000, 6858000  # 13.333 x 7.5 in, PowerPoint's widescreen
MARGIN_X = int(0.25 * EMU_PER_IN)
TITLE_TOP = int(0.15 * EMU_PER_IN)
TITLE_PT, SOURCE_PT, SUBTITLE_PT, DECK_TITLE_PT = 28, 10, 18, 40
# The deck's text face: Arial, which every PowerPoint has and for which LibreOffice sets
# Liberation Sans (its metric twin), the figures' own face; the template's Calibri came out in
# another face from the figures, or as DejaVu Sans where Calibri is not installed.
DECK_FONT = "Arial"
LINE = 1.2  # line height as a multiple of the font size
INSETS = int(0.1 * EMU_PER_IN)  # a text frame's left and right insets (python-pptx defaults)
GAP = int(0.08 * EMU_PER_IN)
BOTTOM_MARGIN = int(0.15 * EMU_PER_IN)
GREY = RGBColor(0x59, 0x59, 0x59)
# The longest side, in pixels, of a picture placed on a slide: the picture area (about 12.8 x 6.2
# in) at over 300 dpi. Larger PNGs are scaled down for the deck.
MAX_PICTURE_SIDE = 4000

SVG_CONTENT_TYPE = "image/svg+xml"
SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the zip epoch: no build time anywhere in the file
DECK_DATE = datetime(2000, 1, 1)  # core-properties created/modified: fixed for the same reason


class SlidesError(PathwaysError):
    """The deck cannot be built from this manifest: rebuild the figures with svg and png."""


class Box(NamedTuple):
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class FigureFiles:
    """The two files a figure slide embeds, checked to exist."""

    png: Path
    svg: Path


def fit_box(area: Box, aspect: float) -> Box:
    """The largest box of width/height `aspect` inside `area`, centred in it."""
    width = min(area.width, round(area.height * aspect))
    height = min(area.height, round(width / aspect))
    return Box(area.left + (area.width - width) // 2, area.top + (area.height - height) // 2,
               width, height)


def wrapped_lines(text: str, font_pt: float, width_emu: int, em: float = 0.62) -> int:
    """How many lines `text` takes in a box `width_emu` wide: a greedy word wrap at an average
    character width of `em` times the font size. 0.62 fits bold DejaVu Sans, wider than the
    deck's Arial (and LibreOffice's Liberation Sans for it), so the estimate errs long rather
    than clipping.

    >>> wrapped_lines("short", 28, SLIDE_W)
    1
    """
    per_line = max(1, int((width_emu - INSETS * 2) / EMU_PER_PT / (font_pt * em)))
    lines, used = 1, 0
    for word in text.split():
        need = len(word) if used == 0 else used + 1 + len(word)
        if need <= per_line or used == 0:
            used = need
        else:
            lines, used = lines + 1, len(word)
    return lines


# Room kept beyond a line's measured width before it is taken to fit on one line: PowerPoint's
# Arial and LibreOffice's Liberation Sans share their metrics, which Graphviz measures.
FIT_MARGIN = 1.03


def measured_widths(texts: Sequence[tuple[str, float, bool]]) -> list[float] | None:
    """The width in points of each (text, size, bold) on one line, in the deck's face as
    Graphviz measures it (Liberation Sans, Arial's metric twin), from one run; None where
    Graphviz is not there or fails (the lines are then estimated: `wrapped_lines`)."""
    from .dot import html_text
    from .errors import GraphvizNotFound, RenderError
    from .layout import measure_labels

    labels = [f'<<FONT POINT-SIZE="{size:g}">' + (f"<B>{html_text(t)}</B>" if bold
                                                   else html_text(t)) + "</FONT>>"
              for t, size, bold in texts]
    try:
        return ([w for w, _, _ in measure_labels(labels, SOURCE_PT, "slide titles")]
                if labels else [])
    except (GraphvizNotFound, RenderError):
        return None


def line_count(text: str, font_pt: float, width_emu: int, measured: float | None) -> int:
    """The lines `text` takes in a box `width_emu` wide: one where its measured width (with
    FIT_MARGIN) fits, else as `wrapped_lines` estimates, erring long. The estimate alone gave
    the esketamine trial's title two lines where it takes one, and its picture a line less
    room: 13.2 pt text on a slide the manifest said shows 14.3 pt."""
    room = (width_emu - INSETS * 2) / EMU_PER_PT
    if measured is None:
        return wrapped_lines(text, font_pt, width_emu)
    if measured * FIT_MARGIN <= room:
        return 1
    # Too wide for one line, whatever the letters suggest (forty W's are wider than forty i's).
    return max(2, wrapped_lines(text, font_pt, width_emu))


NOTES_PT = (12.0, 11.0, 10.0, 9.0, 8.0)  # speaker-notes sizes, tried largest first
NOTES_INSET = int(0.05 * EMU_PER_IN)  # a text frame's top and bottom insets (the defaults)


def notes_size(text: str, width_emu: int, height_emu: int, em: float = 0.55) -> float:
    """The largest of NOTES_PT at which `text` (paragraphs split at newlines; a blank line is a
    line) fits a notes box `width_emu` x `height_emu`, by `wrapped_lines` at `em` (regular
    DejaVu Sans runs about 0.55 em a character, the deck's Arial less); the
    smallest where none does. A notes page prints its box as it is, so notes longer than it
    were cut off there (a figure's notes run to 2,000 characters and its sources).

    >>> notes_size("short", 5486400, 4114800)
    12.0
    """
    room = height_emu - 2 * NOTES_INSET
    for size in NOTES_PT:
        lines = sum(wrapped_lines(par, size, width_emu, em) if par.strip() else 1
                    for par in text.split("\n"))
        if text_height(lines, size) <= room:
            return size
    return NOTES_PT[-1]


def text_height(lines: int, font_pt: float) -> int:
    """Height in EMU of a text frame holding `lines` lines at `font_pt`."""
    return round(lines * font_pt * LINE * EMU_PER_PT)


def slide_title(entry: dict[str, Any]) -> str:
    """The slide title: the figure's caption without a closing full stop."""
    return readable(str(entry["caption"])).strip().removesuffix(".")


def description(alt_text: str) -> str:
    """The plain-English description: the alt text without its trailing "Sources:" part."""
    return readable(alt_text.split("\nSources:", 1)[0]).strip()


def citations(alt_text: str) -> list[str]:
    """The numbered citations ("[1] Author. Title (year). address") ending the alt text."""
    _, _, tail = readable(alt_text).partition("\nSources:")
    return [c.strip() for c in re.split(r"\s+(?=\[\d+\]\s)", tail.strip()) if c.strip()]


def notes_text(entry: dict[str, Any]) -> str:
    """Speaker notes: the description, then one citation per line."""
    alt = str(entry.get("notes") or entry["alt_text"])
    cites = citations(alt)
    parts = [description(alt)]
    if entry.get("caption_inferred"):
        parts.append("The caption was inferred; the source document gives none.")
    if cites:
        parts.append("Sources:\n" + "\n".join(cites))
    return "\n\n".join(parts)


def source_line(entry: dict[str, Any]) -> str:
    """The line under a figure naming its source document, and the other documents its notes
    cite, whose facts or values it draws too (the phase 2 trial's results where the two
    documents disagree): "Source: A; also cited: B"."""
    source = entry["source"]
    inferred = " (caption inferred)" if entry.get("caption_inferred") else ""
    others = [readable(str(c["title"])) for c in entry.get("cited", [])
              if c.get("id") != source["id"]]
    also = f"; also cited: {'; '.join(others)}" if others else ""
    return f"Source: {readable(source['title'])}{inferred}{also}"


def deck_sources(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The documents of the manifest's figures, each once, in figure order: each figure's
    source, then the others its notes cite (`cited`)."""
    seen: dict[str, dict[str, Any]] = {}
    for entry in manifest.get("figures", []):
        for doc in (entry["source"], *entry.get("cited", [])):
            seen.setdefault(doc["id"], doc)
    return list(seen.values())


def figure_area(title_lines: int, source_lines: int = 2) -> Box:
    """Where a figure may go: below a title of `title_lines` lines, above the source lines."""
    top = TITLE_TOP + text_height(title_lines, TITLE_PT) + GAP
    bottom = SLIDE_H - BOTTOM_MARGIN - text_height(source_lines, SOURCE_PT) - GAP
    return Box(MARGIN_X, top, SLIDE_W - 2 * MARGIN_X, bottom - top)


def _figure_files(entry: dict[str, Any], folder: Path) -> FigureFiles:
    files = entry.get("files", {})
    paths = {}
    for fmt in ("png", "svg"):
        if fmt not in files:
            raise SlidesError(f"figure {entry.get('id')!r} has no {fmt.upper()} in the manifest; "
                              "build the figures with formats svg and png")
        path = folder / files[fmt]
        if not path.is_file():
            raise SlidesError(f"figure {entry.get('id')!r}: {fmt.upper()} file {path} is missing; "
                              "rebuild the figures with `pathways figures`")
        paths[fmt] = path
    return FigureFiles(png=paths["png"], svg=paths["svg"])


def png_size(path: Path, figure_id: str) -> tuple[int, int]:
    """Width and height in pixels, from the PNG header alone (no pixels decoded, so a huge
    picture costs nothing to measure)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(24)
    except OSError as exc:
        raise SlidesError(f"figure {figure_id!r}: cannot read {path}: {exc.strerror}") from exc
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise SlidesError(f"figure {figure_id!r}: {path} is not a readable PNG")
    width, height = struct.unpack(">II", head[16:24])
    if not width or not height:
        raise SlidesError(f"figure {figure_id!r}: {path} has no pixels")
    return width, height


def slide_picture(path: Path, figure_id: str, limit: int = MAX_PICTURE_SIDE) -> bytes:
    """The PNG to place on a slide: the file itself, or, when its longer side is over `limit`
    pixels (more than a slide can show; a 2,000-node figure is hundreds of megapixels, which
    Pillow refuses as a decompression bomb), the picture scaled down to `limit`."""
    width, height = png_size(path, figure_id)
    if max(width, height) <= limit:
        return path.read_bytes()
    from PIL import Image as PILImage

    before = PILImage.MAX_IMAGE_PIXELS
    PILImage.MAX_IMAGE_PIXELS = None  # our own file, measured above: decode it whatever its size
    try:
        with PILImage.open(path) as picture:
            factor = max(width, height) / limit
            size = (max(1, round(width / factor)), max(1, round(height / factor)))
            picture.draft(None, size)
            small = picture.resize(size, PILImage.Resampling.LANCZOS,
                                   reducing_gap=3.0)
        buffer = io.BytesIO()
        small.save(buffer, "PNG")
    except (OSError, ValueError) as exc:
        raise SlidesError(f"figure {figure_id!r}: {path} is not a readable PNG ({exc})") from exc
    finally:
        PILImage.MAX_IMAGE_PIXELS = before
    return buffer.getvalue()


def _set_text(frame: TextFrame, paragraphs: Sequence[str], size_pt: float, *,
              align: PP_ALIGN = PP_ALIGN.LEFT, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
              bold: bool = False, color: RGBColor | None = None) -> None:
    """Fill `frame` with one paragraph per string, fixed size (no autofit), wrapped."""
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_top = frame.margin_bottom = 0  # text_height() counts the lines only
    for i, text in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = text
        run.font.name = DECK_FONT
        run.font.size = Pt(size_pt)
        run.font.bold = bold
        if color is not None:
            run.font.color.rgb = color


def _place(shape: Any, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = (Emu(v) for v in box)


def _add_title_slide(prs: PresentationT, title: str, sources: list[dict[str, Any]]) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])  # "Title Slide"
    title_shape, subtitle = slide.placeholders[0], slide.placeholders[1]
    width = SLIDE_W - 4 * MARGIN_X
    title_h = text_height(wrapped_lines(title, DECK_TITLE_PT, width), DECK_TITLE_PT)
    _place(title_shape, Box(2 * MARGIN_X, int(1.2 * EMU_PER_IN), width, title_h))
    _set_text(title_shape.text_frame, [title], DECK_TITLE_PT, align=PP_ALIGN.CENTER,
              anchor=MSO_ANCHOR.BOTTOM, bold=True)
    top = int(1.2 * EMU_PER_IN) + title_h + int(0.4 * EMU_PER_IN)
    _place(subtitle, Box(2 * MARGIN_X, top, width, SLIDE_H - top - int(0.6 * EMU_PER_IN)))
    lead = (f"Figures rebuilt from {len(sources)} source document"
            f"{'s' if len(sources) != 1 else ''}:")
    _set_text(subtitle.text_frame, [lead, *(readable(s["title"]) for s in sources)], SUBTITLE_PT,
              align=PP_ALIGN.CENTER, color=GREY)


def _add_svg(slide: Slide, picture: Picture, svg: bytes) -> str:
    """Embed `svg` as an image part of `slide` and point the picture's blip at it via the
    svgBlip extension; the PNG stays as the fallback for older readers. Returns the rId."""
    package = slide.part.package
    part = Part(package.next_image_partname("svg"), SVG_CONTENT_TYPE, package, svg)
    rid = slide.part.relate_to(part, RT.IMAGE)
    blip = picture._element.blipFill.find(qn("a:blip"))
    assert blip is not None  # python-pptx always writes one
    ext_lst = blip.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(blip, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=SVG_EXT_URI)
    svg_blip = etree.SubElement(ext, f"{{{ASVG_NS}}}svgBlip", nsmap={"asvg": ASVG_NS})
    svg_blip.set(f"{{{R_NS}}}embed", rid)
    return rid


def _add_figure_slide(prs: PresentationT, entry: dict[str, Any], files: FigureFiles,
                      widths: tuple[float | None, float | None] = (None, None)) -> None:
    """One figure's slide: its title, the picture (PNG, with the SVG PowerPoint shows), the
    source lines; `widths` are the title's and the source line's measured widths, if known."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
    title = slide_title(entry)
    width = SLIDE_W - 2 * MARGIN_X
    lines = line_count(title, TITLE_PT, width, widths[0])
    credit = source_line(entry)
    source_lines = line_count(credit, SOURCE_PT, width, widths[1]) + 1  # and the address
    title_shape = slide.shapes.title
    assert title_shape is not None  # the layout has a title placeholder
    _place(title_shape, Box(MARGIN_X, TITLE_TOP, width, text_height(lines, TITLE_PT)))
    # Anchored at the top: should a renderer wrap more than estimated, the title runs into the
    # gap above the figure, never off the top of the slide.
    _set_text(title_shape.text_frame, [title], TITLE_PT, anchor=MSO_ANCHOR.TOP, bold=True)

    png = slide_picture(files.png, entry["id"])
    px_w, px_h = png_size(files.png, entry["id"])
    box = fit_box(figure_area(lines, source_lines), px_w / px_h)
    picture = slide.shapes.add_picture(io.BytesIO(png), Emu(box.left), Emu(box.top),
                                       Emu(box.width), Emu(box.height))
    c_nv_pr = picture._element.nvPicPr.cNvPr
    c_nv_pr.set("name", entry["id"])
    c_nv_pr.set("descr", description(entry["alt_text"]))
    _add_svg(slide, picture, files.svg.read_bytes())

    source = entry["source"]
    height = text_height(source_lines, SOURCE_PT)
    box = Box(MARGIN_X, SLIDE_H - BOTTOM_MARGIN - height, width, height)
    line = slide.shapes.add_textbox(*(Emu(v) for v in box))
    line.name = "Source"
    _set_text(line.text_frame, [credit, source["address"]], SOURCE_PT,
              anchor=MSO_ANCHOR.BOTTOM, color=GREY)
    address = safe_url(str(source["address"]))
    if address:  # http(s) only: never a javascript: or data: link in the deck
        line.text_frame.paragraphs[1].runs[0].hyperlink.address = address

    placeholder = slide.notes_slide.notes_placeholder
    assert placeholder is not None  # the default notes master has a body placeholder
    notes = placeholder.text_frame
    notes.text = notes_text(entry)
    size = Pt(notes_size(notes.text, placeholder.width, placeholder.height))
    for para in notes.paragraphs:
        for run in para.runs:
            run.font.name = DECK_FONT
            run.font.size = size
        # A blank line between paragraphs has no run: its height is its end mark's size.
        para._p.get_or_add_endParaRPr().set("sz", str(round(size.pt * 100)))
    # Should a reader wrap longer than estimated, it may shrink the text further to fit.
    notes.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE


def _set_properties(prs: PresentationT, title: str, slides: int) -> None:
    """Core and app properties that describe this deck and hold no build time."""
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = title, "pathways", "pathways"
    props.comments = "Built by pathways from the figure catalog."
    props.created = props.modified = DECK_DATE
    props.revision = 1
    app = prs.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    xml = app.blob.decode("utf-8")
    xml = re.sub(r"<PresentationFormat>[^<]*<", "<PresentationFormat>Widescreen<", xml)
    xml = re.sub(r"<Slides>\d+<", f"<Slides>{slides}<", xml)
    xml = re.sub(r"<Notes>\d+<", f"<Notes>{slides - 1}<", xml)
    app.blob = xml.encode("utf-8")  # a plain Part: its blob is its content


def fixed_zip(data: bytes) -> bytes:
    """`data` (a zip) rewritten with every entry dated at the zip epoch, order kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def build_deck(manifest: dict[str, Any], folder: Path, output: Path,
               title: str = DEFAULT_TITLE) -> int:
    """Write a 16:9 deck of the manifest's figures (files in `folder`) to `output`, atomically;
    return the number of slides (a title slide plus one per figure).

    Every PNG and SVG is checked before anything is built; a missing one, or a manifest with
    no figures, is a SlidesError. The caller builds the figures, for example:

        manifest = build_catalog(dataset, folder, BuildOptions(formats=("svg", "png")))
        build_deck(manifest, folder, Path("out/figures.pptx"))
    """
    entries = list(manifest.get("figures", []))
    if not entries:
        raise SlidesError("the manifest lists no figures; build some with `pathways figures`")
    files = [_figure_files(entry, folder) for entry in entries]
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_W), Emu(SLIDE_H)
    sld_sz = prs.part._element.find(qn("p:sldSz"))
    if sld_sz is not None:
        sld_sz.attrib.pop("type", None)  # the template says "screen4x3"; widescreen has no type
    _add_title_slide(prs, title, deck_sources(manifest))
    measured = measured_widths([x for entry in entries for x in (
        (slide_title(entry), TITLE_PT, True), (source_line(entry), SOURCE_PT, False))])
    for i, (entry, figure_files) in enumerate(zip(entries, files, strict=True)):
        widths = (measured[2 * i], measured[2 * i + 1]) if measured else (None, None)
        _add_figure_slide(prs, entry, figure_files, widths)
    slides = len(prs.slides)
    _set_properties(prs, title, slides)
    buffer = io.BytesIO()
    prs.save(buffer)
    write_atomic(output, fixed_zip(buffer.getvalue()))  # OS errors are one line
    return slides
