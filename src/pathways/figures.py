"""The figure catalog: build every figure of graphs/figures.toml into a folder, atomically."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .describe import Account, account_of_graph, account_of_workflow
from .dot import PAD
from .errors import UsageError
from .labels import readable
from .layout import bounding_box, fit_scale, layout_view, smallest_font
from .model import Dataset, FigureSpec
from .render import rerender, run_graphviz
from .style import PRESETS, THEMES
from .svg import fix_svg
from .views import View, figure_view

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FORMATS", "BuildOptions", "FigureResult", "build_catalog", "render_view",
           "select_figures"]

FORMATS = ("svg", "png", "pdf")


@dataclass(frozen=True)
class BuildOptions:
    """How to render: formats, preset, theme, background, numbers and legend on or off."""

    formats: tuple[str, ...] = FORMATS
    preset: str = "slide"
    theme: str = "light"
    transparent: bool = False
    measures: bool | None = None  # None: as the catalog entry says
    legend: bool = True
    dpi: int | None = None


@dataclass(frozen=True)
class FigureResult:
    """What one build produced and measured."""

    id: str
    files: dict[str, str]
    width_pt: float
    height_pt: float
    rankdir: str
    slide_text_pt: float  # the smallest text, in points, once the figure fills a 16:9 slide


def render_view(view: View, out_stem: Path, options: BuildOptions) -> FigureResult:
    """Render `view` to `out_stem`.<format> for each format, from a single layout."""
    preset = PRESETS[options.preset]
    laid = layout_view(view, preset, THEMES[options.theme], transparent=options.transparent,
                       legend=options.legend,
                       directions=("TB", "LR") if preset.name == "slide" else ("TB",))
    positioned = laid.positioned
    files = {}
    vector = {f: out_stem.with_suffix(f".{f}") for f in options.formats if f in ("svg", "pdf")}
    if vector:
        # Re-render the laid-out graph: no second layout, and no dpi anywhere near SVG; the
        # same run writes the drawing's own measure of itself.
        drawn = out_stem.with_suffix(".drawn.dot")
        rerender(positioned, {**vector, "dot": drawn}, label=view.id)
        w, h = _padded(bounding_box(drawn.read_text(encoding="utf-8")))
        drawn.unlink()
    else:
        w, h = drawn_size(positioned, view.id)
    if "pdf" in vector:
        vector["pdf"].write_bytes(fixed_pdf_dates(vector["pdf"].read_bytes()))
    if "svg" in vector:
        svg = vector["svg"].read_text(encoding="utf-8")
        vector["svg"].write_text(fix_svg(svg, view.id), encoding="utf-8")
    if "png" in options.formats:
        dpi = options.dpi or max(preset.dpi if preset.name == "paper" else 0,
                                 math.ceil(preset.min_png_width / (w / 72)) if w else 96, 96)
        png = out_stem.with_suffix(".png")
        rerender(_with_dpi(positioned, dpi), {"png": png}, label=view.id)
    for f in options.formats:
        files[f] = out_stem.with_suffix(f".{f}").name
    on_slide = fit_scale(w, h, PRESETS["slide"].area)
    return FigureResult(view.id, files, w, h, laid.rankdir,
                        round(smallest_font(laid.positioned) * on_slide, 1))


def drawn_size(positioned: str, label: str) -> tuple[float, float]:
    """Width and height in points of the picture every format is drawn as (`neato -n2` may
    measure labels a little differently from the layout), pad included."""
    drawn = run_graphviz(positioned, engine="neato", fmt="dot", label=label, args=("-n2",))
    return _padded(bounding_box(drawn.decode("utf-8")))


def _padded(size: tuple[float, float]) -> tuple[float, float]:
    return round(size[0] + 2 * PAD, 1), round(size[1] + 2 * PAD, 1)


def fixed_pdf_dates(pdf: bytes) -> bytes:
    """The PDF with its wall-clock dates (cairo writes the render time) replaced by a fixed one of
    the same length, so byte offsets stay valid and builds are byte-identical."""
    return re.sub(rb"/(CreationDate|ModDate) \(D:(\d{14})",
                  lambda m: b"/" + m.group(1) + b" (D:20000101000000", pdf)


def _with_dpi(positioned: str, dpi: int) -> str:
    """The laid-out graph with a PNG resolution: used only for raster output."""
    return re.sub(r"\bgraph \[", f'graph [dpi="{dpi}", ', positioned, count=1)


def select_figures(dataset: Dataset, only: tuple[str, ...] = ()) -> list[FigureSpec]:
    """Catalog entries to build, in catalog order; unknown ids are a usage error."""
    unknown = [f for f in only if f not in dataset.figures]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], list(dataset.figures), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise UsageError(f"unknown figure {unknown[0]!r}{hint}; `pathways figures --list` "
                         "shows the catalog")
    return [f for f in dataset.figures.values() if not only or f.id in only]


def _account(dataset: Dataset, graph: nx.DiGraph, spec: FigureSpec, view: View) -> Account:
    """What the figure shows, in words: speaker notes, and shortened, its alt text."""
    if spec.workflow:
        return account_of_workflow(dataset, dataset.workflows[spec.workflow])
    sub = graph.edge_subgraph((e.source, e.target) for e in view.edges)
    return account_of_graph(sub, title=spec.caption.rstrip("."))


def _entry(dataset: Dataset, spec: FigureSpec, result: FigureResult, account: Account
           ) -> dict[str, Any]:
    """The manifest entry of a built figure; what people read there shows Ca²⁺, not Ca^{2+}."""
    src = dataset.sources[spec.source]
    return {
        "id": spec.id, "caption": readable(spec.caption), "caption_inferred": spec.caption_inferred,
        "source": {"id": src.id, "title": readable(src.title), "address": src.address,
                   "citation": readable(src.citation())},
        "files": result.files, "alt_text": readable(account.alt()),
        "notes": readable(account.text()), "kind": "workflow" if spec.workflow else
        "mechanism", "width_pt": result.width_pt, "height_pt": result.height_pt,
        "rankdir": result.rankdir, "slide_text_pt": result.slide_text_pt,
    }


def build_catalog(dataset: Dataset, out_dir: Path, options: BuildOptions,
                  only: tuple[str, ...] = (),
                  progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Build the chosen figures, then manifest.json and index.html, into `out_dir`.

    Everything is written to a staging folder first and moved into place only when every figure
    has built, so a failure leaves `out_dir` as it was.
    """
    from .gallery import gallery_html
    from .merge import merge

    for f in options.formats:
        if f not in FORMATS:
            raise UsageError(f"unknown figure format {f!r}; choose from {', '.join(FORMATS)}")
    specs = select_figures(dataset, only)
    graph = merge(dataset)
    created = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    ok = False
    try:
        def one(spec: FigureSpec) -> dict[str, Any]:
            view = figure_view(dataset, graph, spec, options.measures)
            result = render_view(view, staging / spec.id, options)
            if progress:
                progress(spec.id)
            return _entry(dataset, spec, result, _account(dataset, graph, spec, view))

        workers = max(1, min(len(specs), os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            entries = list(pool.map(one, specs))
        manifest = {"figures": entries, "preset": options.preset, "theme": options.theme}
        (staging / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        (staging / "index.html").write_text(gallery_html(manifest, staging), encoding="utf-8")
        for path in sorted(staging.iterdir()):
            os.replace(path, out_dir / path.name)
        ok = True
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if created and not ok:
            shutil.rmtree(out_dir, ignore_errors=True)
    return manifest
