"""The deck against hostile or outsized input: links are http(s) only, pictures larger than a
slide can show are scaled down (no DecompressionBombError), OS errors are one line."""

from __future__ import annotations

import errno
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import pathways.output
import pathways.slides
from pathways.errors import OutputError
from pathways.slides import MAX_PICTURE_SIDE, build_deck, png_size

SVG = ('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
       'width="100pt" height="50pt" viewBox="0 0 100 50"><rect width="100" height="50"/></svg>\n')


def _figure(folder: Path, fig_id: str, size: tuple[int, int], address: str,
            mode: str = "RGB") -> dict[str, Any]:
    Image.new(mode, size, 1 if mode == "1" else "white").save(folder / f"{fig_id}.png")
    (folder / f"{fig_id}.svg").write_text(SVG, encoding="utf-8")
    return {"id": fig_id, "caption": f"Figure {fig_id}", "caption_inferred": False,
            "alt_text": "A drawing.", "files": {"png": f"{fig_id}.png", "svg": f"{fig_id}.svg"},
            "source": {"id": f"src-{fig_id}", "title": "A source", "address": address}}


def _links(deck: Path) -> list[str]:
    with zipfile.ZipFile(deck) as z:
        rels = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".rels"))
    return re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', rels)


def test_deck_writes_only_http_links(tmp_path: Path) -> None:
    figures = [_figure(tmp_path, "a", (400, 200), "javascript:alert(1)"),
               _figure(tmp_path, "b", (400, 200), "data:text/html,<script>alert(1)</script>"),
               _figure(tmp_path, "c", (400, 200), "https://example.org/paper")]
    deck = tmp_path / "deck.pptx"
    build_deck({"figures": figures}, tmp_path, deck)
    links = _links(deck)
    assert links == ["https://example.org/paper"]
    with zipfile.ZipFile(deck) as z:  # the address may be shown as text, never as a link
        text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    assert 'Target="javascript' not in text and 'Target="data:' not in text


def test_picture_too_large_for_a_slide_is_scaled_down(tmp_path: Path) -> None:
    # 30,000 x 8,000 px (a 2,000-node figure at 96 dpi is this big): over Pillow's
    # decompression-bomb limit, so opening it as python-pptx does fails.
    figure = _figure(tmp_path, "huge", (30000, 8000), "https://example.org/x", mode="1")
    assert png_size(tmp_path / "huge.png", "huge") == (30000, 8000)
    deck = tmp_path / "deck.pptx"
    assert build_deck({"figures": [figure]}, tmp_path, deck) == 2
    with zipfile.ZipFile(deck) as z:
        pngs = [n for n in z.namelist() if n.startswith("ppt/media/") and n.endswith(".png")]
        assert len(pngs) == 1
        z.extract(pngs[0], tmp_path / "x")
    width, height = png_size(tmp_path / "x" / pngs[0], "huge")
    assert width == MAX_PICTURE_SIDE and abs(width / height - 30000 / 8000) < 0.01


def test_small_picture_is_embedded_as_is(tmp_path: Path) -> None:
    figure = _figure(tmp_path, "small", (1920, 900), "https://example.org/x")
    deck = tmp_path / "deck.pptx"
    build_deck({"figures": [figure]}, tmp_path, deck)
    with zipfile.ZipFile(deck) as z:
        png = next(z.read(n) for n in z.namelist() if n.startswith("ppt/media/")
                   and n.endswith(".png"))
    assert png == (tmp_path / "small.png").read_bytes()


def test_full_disk_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    figure = _figure(tmp_path, "a", (400, 200), "https://example.org/x")

    def full(fh: object, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pathways.output, "_write_encoded", full)
    with pytest.raises(OutputError, match="disk is full"):
        build_deck({"figures": [figure]}, tmp_path, tmp_path / "deck.pptx")
    assert not (tmp_path / "deck.pptx").exists()


def test_output_under_a_file_is_one_clear_error(tmp_path: Path) -> None:
    figure = _figure(tmp_path, "a", (400, 200), "https://example.org/x")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write"):
        build_deck({"figures": [figure]}, tmp_path, tmp_path / "file" / "deck.pptx")
    assert (tmp_path / "file").read_text(encoding="utf-8") == "x"
