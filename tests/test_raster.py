"""PNG drawn from the figure's PDF by poppler and encoded here: the files a reader opens (Pillow
decodes them), the TIFF read of what `pdftocairo` writes, and the figures it gives: the pixels
Graphviz's own PNG has, their resolution said, a transparent background kept, failures named."""

from __future__ import annotations

import io
import os
import random
import shutil
import struct
from pathlib import Path

import pytest

import pathways.figures
import pathways.raster
from pathways.errors import RenderError
from pathways.figures import BuildOptions, build_catalog, render_view, tool_fingerprint
from pathways.load import load_dataset
from pathways.raster import Pixels, png_bytes, tiff_pixels, with_resolution
from pathways.render import RASTERIZER, dot_available, rasterizer_available
from pathways.views import View, ViewEdge, ViewNode

Image = pytest.importorskip("PIL.Image", reason="Pillow (a test dependency) decodes the PNGs")

needs_both = pytest.mark.skipif(not (dot_available() and rasterizer_available()),
                                reason=f"needs Graphviz and poppler's `{RASTERIZER}`")


def _random_pixels(rng: random.Random, channels: int) -> Pixels:
    width, height = rng.randint(1, 40), rng.randint(1, 30)
    return Pixels(width, height, channels, rng.randbytes(width * height * channels))


@pytest.mark.parametrize("channels", [3, 4])
@pytest.mark.parametrize("seed", range(5))
def test_a_png_made_here_is_the_pixels_it_was_given(channels: int, seed: int) -> None:
    pixels = _random_pixels(random.Random(seed), channels)
    data = png_bytes(pixels, dpi=300)
    image = Image.open(io.BytesIO(data))
    image.load()  # checks every chunk's CRC and the zlib stream
    assert image.mode == {3: "RGB", 4: "RGBA"}[channels]
    assert image.size == (pixels.width, pixels.height)
    assert image.tobytes() == pixels.data
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    assert data == png_bytes(pixels, dpi=300)  # the same pixels give the same bytes
    assert "dpi" not in Image.open(io.BytesIO(png_bytes(pixels))).info


def test_a_png_without_a_resolution_is_given_one_and_one_with_it_a_new_one() -> None:
    pixels = _random_pixels(random.Random(7), 3)
    for before in (png_bytes(pixels), png_bytes(pixels, dpi=72)):
        after = with_resolution(before, 300)
        image = Image.open(io.BytesIO(after))
        image.load()
        assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
        assert image.tobytes() == pixels.data
        assert after.count(b"pHYs") == 1
    assert with_resolution(b"not a png", 300) == b"not a png"


def _tiff(width: int, height: int, channels: int, data: bytes, *, order: str = "<",
          rows_per_strip: int = 1, compression: int = 1, associated: bool = True) -> bytes:
    """An uncompressed TIFF as libtiff lays one out: the pixel strips first, then the tags."""
    stride = width * channels
    strips = [data[y * stride:(y + rows_per_strip) * stride]
              for y in range(0, height, rows_per_strip)]
    body = b"".join(strips)
    offsets, at = [], 8
    for strip in strips:
        offsets.append(at)
        at += len(strip)
    extra = bytearray()

    def values(kind: int, items: list[int]) -> tuple[int, int, bytes]:
        code = {3: "H", 4: "I"}[kind]
        packed = struct.pack(order + code * len(items), *items)
        if len(packed) <= 4:
            return kind, len(items), packed.ljust(4, b"\0")
        where = 8 + len(body) + len(extra)
        extra.extend(packed)
        return kind, len(items), struct.pack(order + "I", where)

    tags = [(256, 3, [width]), (257, 3, [height]), (258, 3, [8] * channels),
            (259, 3, [compression]), (262, 3, [2]), (273, 4, offsets), (277, 3, [channels]),
            (278, 3, [rows_per_strip]), (279, 4, [len(s) for s in strips]), (284, 3, [1])]
    if channels == 4:
        tags.append((338, 3, [1 if associated else 2]))
    entries = [(tag, *values(kind, items)) for tag, kind, items in tags]
    ifd_at = 8 + len(body) + len(extra)
    ifd = struct.pack(order + "H", len(entries)) + b"".join(
        struct.pack(order + "HHI", tag, kind, count) + raw for tag, kind, count, raw in entries)
    head = (b"II" if order == "<" else b"MM") + struct.pack(order + "HI", 42, ifd_at)
    return head + body + bytes(extra) + ifd + b"\0\0\0\0"


@pytest.mark.parametrize("order", ["<", ">"])
@pytest.mark.parametrize("rows_per_strip", [1, 3, 100])
def test_the_tiff_read_is_its_pixels(order: str, rows_per_strip: int) -> None:
    pixels = _random_pixels(random.Random(rows_per_strip), 3)
    data = _tiff(pixels.width, pixels.height, 3, pixels.data, order=order,
                 rows_per_strip=rows_per_strip)
    assert tiff_pixels(data) == pixels


def test_premultiplied_alpha_is_made_straight_as_cairo_does() -> None:
    # Half-transparent pure red is stored premultiplied as (128, 0, 0, 128); nothing at all
    # as (0, 0, 0, 0); opaque colours as they are.
    stored = bytes([128, 0, 0, 128, 0, 0, 0, 0, 10, 200, 30, 255, 64, 32, 0, 64])
    read = tiff_pixels(_tiff(4, 1, 4, stored))
    assert read.data == bytes([255, 0, 0, 128, 0, 0, 0, 0, 10, 200, 30, 255, 255, 128, 0, 64])
    # An unassociated alpha is already straight.
    assert tiff_pixels(_tiff(4, 1, 4, stored, associated=False)).data == stored


@pytest.mark.parametrize("data, words", [
    (b"%PDF-1.5 not a tiff", "not a TIFF image"),
    (_tiff(2, 2, 3, bytes(12), compression=5), "of a kind not read here"),
    (_tiff(2, 2, 3, bytes(12))[:-40], "not a TIFF image"),
])
def test_a_tiff_not_read_here_is_one_line_naming_the_figure(data: bytes, words: str) -> None:
    with pytest.raises(RenderError) as caught:
        tiff_pixels(data, "fig-x")
    assert str(caught.value).startswith("fig-x: ") and words in str(caught.value)
    assert "\n" not in str(caught.value)


class _Interrupting:
    """A compressor that is interrupted (Ctrl-C, or a SIGTERM made one) after a few rows."""

    def __init__(self, level: int) -> None:
        self.calls = 0

    def compress(self, data: bytes | memoryview) -> bytes:
        self.calls += 1
        if self.calls > 5:
            raise KeyboardInterrupt
        return b""

    def flush(self) -> bytes:
        return b""


@needs_both
@pytest.mark.parametrize("transparent", [False, True])
def test_an_interrupted_encoding_is_the_interrupt_and_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, transparent: bool) -> None:
    """The pixels are a view into the memory-mapped TIFF poppler wrote; an interrupt (Ctrl-C,
    or SIGTERM made one) mid-encoding left views in the frames its traceback holds, and
    closing the map then failed (BufferError): the interrupt came out as a traceback."""
    import subprocess

    from pathways.render import rasterize_later

    pdf = tmp_path / "x.pdf"
    subprocess.run(["dot", "-Tpdf", "-o", str(pdf)], input=b"digraph { a -> b }", check=True)
    monkeypatch.setattr(pathways.raster.zlib_ng, "compressobj", _Interrupting)
    run = rasterize_later(pdf, tmp_path / "x.png", 96, transparent, "fig-x")
    with pytest.raises(KeyboardInterrupt):
        run.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.pdf"]


def _view() -> View:
    return View("tiny", "mechanism",
                (ViewNode("drugol", "Drugol", "compound"),
                 ViewNode("receptor", "Receptor R", "receptor"),
                 ViewNode("effect", "Calm", "phenotype")),
                (ViewEdge("drugol", "receptor", "-", "stated"),
                 ViewEdge("receptor", "effect", "+", "hedged")))


def _graphviz_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build as on a machine without poppler: Graphviz draws the PNG."""
    monkeypatch.setattr(pathways.figures, "rasterizer_available", lambda: False)


@needs_both
@pytest.mark.graphviz
@pytest.mark.parametrize("preset", ["slide", "column"])
def test_the_png_has_the_pixels_of_graphviz_s_own(tmp_path: Path, preset: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    options = BuildOptions(formats=("png",), preset=preset)
    (tmp_path / "poppler").mkdir()
    render_view(_view(), tmp_path / "poppler" / "tiny", options)
    with monkeypatch.context() as patch:
        _graphviz_only(patch)
        (tmp_path / "graphviz").mkdir()
        render_view(_view(), tmp_path / "graphviz" / "tiny", options)
    # Asked for PNG alone, the PDF it is drawn from is not left behind.
    assert sorted(p.name for p in (tmp_path / "poppler").iterdir()) == ["tiny.png"]
    ours = Image.open(tmp_path / "poppler" / "tiny.png")
    graphviz_dpi = Image.open(tmp_path / "graphviz" / "tiny.png").info["dpi"]
    assert graphviz_dpi == pytest.approx(ours.info["dpi"], abs=0.01)  # said by both
    # Graphviz's has an alpha channel for a last column of pixels it half covers; ours is
    # opaque, as a figure on a white background should be.
    assert ours.mode == "RGB"
    theirs = Image.open(tmp_path / "graphviz" / "tiny.png").convert("RGB")
    assert abs(ours.width - theirs.width) <= 1 and abs(ours.height - theirs.height) <= 1
    width, height = min(ours.width, theirs.width), min(ours.height, theirs.height)
    a = ours.crop((0, 0, width, height)).tobytes()
    b = theirs.crop((0, 0, width, height)).tobytes()
    # The same drawing by the same library: the same picture, give or take antialiasing.
    assert sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a) < 3.0
    dark = [i for i in range(0, len(a), 3) if b[i] + b[i + 1] + b[i + 2] < 200]
    assert dark and sum(a[i] + a[i + 1] + a[i + 2] < 300 for i in dark) > 0.9 * len(dark)
    # Its resolution is said, so a word processor places it at the size it was drawn for:
    # a print preset's PNG at the column width.
    dpi = ours.info["dpi"][0]
    if preset == "column":
        from pathways.style import PRESETS

        assert ours.width / dpi * 72 == pytest.approx(PRESETS["column"].area[0], abs=1.5)


@needs_both
@pytest.mark.graphviz
def test_a_transparent_png_is_transparent_round_an_opaque_drawing(tmp_path: Path) -> None:
    render_view(_view(), tmp_path / "tiny", BuildOptions(formats=("png",), transparent=True))
    image = Image.open(tmp_path / "tiny.png")
    assert image.mode == "RGBA"
    alpha = image.getchannel("A")
    assert alpha.getpixel((0, 0)) == 0 and alpha.getpixel((image.width - 1, image.height - 1)) == 0
    assert alpha.getextrema() == (0, 255)  # the drawing itself is opaque
    # Where a pixel is wholly opaque its colour is as drawn, not darkened by its alpha.
    data = image.tobytes()
    opaque = [data[i:i + 3] for i in range(0, len(data), 4) if data[i + 3] == 255]
    assert max(sum(px) for px in opaque) > 600


def _fake_rasterizer(folder: Path, body: str) -> Path:
    """A `pdftocairo` that says its version, as poppler's does, and otherwise runs `body`."""
    folder.mkdir()
    script = folder / RASTERIZER
    script.write_text(f'#!/bin/sh\nif [ "$1" = -v ]; then echo "{RASTERIZER} version 0" >&2; '
                      f"exit 0; fi\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return folder


@needs_both
@pytest.mark.graphviz
@pytest.mark.parametrize("body, words", [
    ("echo 'Syntax Error: broken PDF' >&2; exit 1", "pdftocairo failed: Syntax Error"),
    ("for last; do :; done; echo 'garbage' > \"$last.tif\"", "pdftocairo wrote something"),
    ("exit 0", "pdftocairo wrote nothing"),
])
def test_a_png_poppler_cannot_draw_fails_the_build_naming_the_figure(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch, body: str,
        words: str) -> None:
    fake = _fake_rasterizer(tmp_path / "bin", body)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    out = tmp_path / "out"
    with pytest.raises(RenderError) as caught:
        build_catalog(load_dataset(graphs_dir), out, BuildOptions(formats=("svg", "png")),
                      only=("social-defeat-workflow", "trd-preclinical-workflow"))
    message = str(caught.value)
    assert message.split(":")[0] in ("social-defeat-workflow", "trd-preclinical-workflow")
    assert words in message and "\n" not in message
    assert not out.exists() or [p for p in out.rglob("*") if p.is_file()
                                and p.name != "lock"] == []  # nothing published or left


@needs_both
def test_the_build_cache_knows_which_program_drew_the_pngs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_poppler = tool_fingerprint()
    empty = tmp_path / "bin"
    empty.mkdir()
    for program in ("dot", "neato"):
        (empty / program).symlink_to(shutil.which(program) or program)
    monkeypatch.setenv("PATH", str(empty))
    assert not rasterizer_available()
    assert tool_fingerprint() != with_poppler


@pytest.mark.soffice
@pytest.mark.graphviz
@needs_both
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfimages") is None,
                    reason="needs LibreOffice `soffice` and poppler's `pdfimages`")
def test_libreoffice_places_a_column_png_one_column_wide(tmp_path: Path) -> None:
    """A word processor reads the PNG's resolution: placed as it comes, a `column` figure is
    85 mm wide on the page (300 ppi). Without it LibreOffice takes 96 dpi and shrinks the
    picture to fit the page: 137 mm wide, text half as large again as the preset's."""
    import subprocess

    render_view(_view(), tmp_path / "tiny", BuildOptions(formats=("png",), preset="column"))
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "tiny.png")],
                   check=True, capture_output=True, timeout=180)
    listing = subprocess.run(["pdfimages", "-list", str(tmp_path / "tiny.pdf")], check=True,
                             capture_output=True, text=True, timeout=30).stdout.splitlines()
    width_px, x_ppi = (int(listing[2].split()[i]) for i in (3, 12))
    assert x_ppi == 300
    assert width_px / x_ppi * 25.4 == pytest.approx(85, abs=0.5)
