"""The figure catalog: build every figure of graphs/figures.toml into a folder, atomically, in
parallel, and only what changed.

A build is staged and published through `workspace` (OUT/.pathways/: lock, staging, generations),
so OUT holds the previous build or the new one, never a mix. The figures themselves are drawn
by a small pool of processes (one per core), each figure laid out once and drawn as SVG and PDF
in one Graphviz run, and as PNG from that PDF by poppler's `pdftocairo` (see `raster`; where
poppler is not installed, by Graphviz from the same layout). The published record.json is the
build cache: for each figure the key of what was drawn (its view, the options, this package's
code and the Graphviz and poppler versions: never a timestamp) and the hash of each file
written; a figure whose key and files are unchanged is not drawn again."""

from __future__ import annotations

import hashlib
import json
import math
import multiprocessing
import os
import re
import shutil
import signal
import sys
from collections.abc import Callable, Collection, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .describe import Account, account_of_graph, account_of_workflow
from .dot import PAD, node_names
from .errors import DataError, PathwaysError, Problem, RenderError, UsageError
from .labels import readable
from .layout import (
    Layout,
    Page,
    bounding_box,
    fit_scale,
    layout_view,
    on_page,
    page_for,
    smallest_font,
    smallest_script,
)
from .model import Dataset, FigureSpec
from .raster import with_resolution
from .render import (
    TIMEOUT,
    Drawing,
    graphviz_version,
    kill_servers,
    rasterize_later,
    rasterizer_available,
    rasterizer_version,
    rerender,
    rerender_later,
    run_graphviz,
    scratch_root,
    time_limit,
)
from .style import PRESETS, THEMES, Preset
from .svg import SCRIPT_SCALE, fix_svg
from .views import View, figure_graph, figure_view
from .workspace import Workspace, workspace

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FORMATS", "BuildOptions", "FigureResult", "build_catalog", "figure_key",
           "inputs_key", "render_view", "select_figures", "tool_fingerprint", "unchanged_build"]

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
    max_png_side: int | None = None  # longest PNG side in pixels (slides: what a slide can show)


@dataclass(frozen=True)
class FigureResult:
    """What one build produced and measured."""

    id: str
    files: dict[str, str]
    width_pt: float
    height_pt: float
    rankdir: str
    slide_text_pt: float  # the smallest text, in points, once the figure fills a 16:9 slide
    printed_text_pt: float = 0.0  # the smallest text, in points, where the preset shows it
    # The smallest super- or subscript (IC₅₀'s 50, Ca²⁺'s 2+) there: drawn SCRIPT_SCALE of its
    # line's size, so below the floor the line's text meets; None where the figure has none.
    printed_script_pt: float | None = None


def render_view(view: View, out_stem: Path, options: BuildOptions) -> FigureResult:
    """Render `view` to `out_stem`.<format> for each format, from a single layout. A Graphviz
    error names the view and its entities, not Graphviz's names for them."""
    try:
        return _render_view(view, out_stem, options)
    except RenderError as exc:
        raise RenderError(_entity_names(str(exc), view)) from exc


def _entity_names(message: str, view: View) -> str:
    """`message` with the generated DOT node names (n0, n1, ...) replaced by entity ids."""
    ids = {name: node for node, name in node_names(view).items()}
    return re.sub(r"\b(?:node )?(n\d+)\b", lambda m: f"entity {ids[m.group(1)]!r}"
                  if m.group(1) in ids else m.group(0), message)


def _render_view(view: View, out_stem: Path, options: BuildOptions) -> FigureResult:
    preset = PRESETS[options.preset]
    laid = layout_view(view, preset, THEMES[options.theme], transparent=options.transparent,
                       legend=options.legend)
    # A print preset draws every format at its page width (the drawing scaled to it).
    page = page_for(laid.width, laid.height, preset)
    positioned = on_page(laid.positioned, page)
    files = {}
    vector = {f: out_stem.with_suffix(f".{f}") for f in options.formats if f in ("svg", "pdf")}
    # The PNG is the PDF drawn as pixels, where poppler is installed (see `raster`): a figure
    # asked for without PDF gets one for the purpose, a scratch file next to the others.
    from_pdf = "png" in options.formats and rasterizer_available()
    scratch_pdf = from_pdf and "pdf" not in vector
    if scratch_pdf:
        vector["pdf"] = out_stem.with_suffix(".raster.pdf")
    if vector:
        # Re-render the laid-out graph: no second layout, and no dpi anywhere near SVG; the
        # same run writes the drawing's own measure of itself.
        drawn = out_stem.with_suffix(".drawn.dot")
        rerender(positioned, {**vector, "dot": drawn}, label=view.id)
        box = bounding_box(drawn.read_text(encoding="utf-8"))
        drawn.unlink()
    else:
        box = drawn_box(positioned, view.id)
    w, h, drawn_at = _on_paper(box, page)
    if "pdf" in vector:
        vector["pdf"].write_bytes(fixed_pdf_dates(vector["pdf"].read_bytes()))
    if "svg" in vector:
        svg = vector["svg"].read_text(encoding="utf-8")
        vector["svg"].write_text(fix_svg(svg, view.id), encoding="utf-8")
    if "png" in options.formats:
        dpi = options.dpi or max(preset.dpi if preset.page else 0,
                                 math.ceil(preset.min_png_width / (w / 72)) if w else 96, 96)
        if options.max_png_side and max(w, h) > 0:
            dpi = max(1, min(dpi, math.floor(options.max_png_side * 72 / max(w, h))))
        png = PngRun(view.id, out_stem.with_suffix(".png"), dpi, options.transparent,
                     vector["pdf"] if from_pdf else None, scratch_pdf,
                     "" if from_pdf else _with_dpi(positioned, dpi))
        if _png_runs is not None:  # a catalog worker: the build draws it (see `_render_all`)
            _png_runs.append(png)
        else:
            png.start().finish()
    for f in options.formats:
        files[f] = out_stem.with_suffix(f".{f}").name
    smallest = smallest_font(laid.positioned) * drawn_at  # in the files
    script = smallest_script(laid.positioned, SCRIPT_SCALE)
    shown = fit_scale(w, h, preset.area)
    return FigureResult(view.id, files, w, h, laid.rankdir,
                        round(smallest * fit_scale(w, h, PRESETS["slide"].area), 1),
                        round(smallest * shown, 1),
                        None if script is None else round(script * drawn_at * shown, 1))


def _on_paper(box: tuple[float, float], page: Page | None) -> tuple[float, float, float]:
    """The width and height in points of a drawing whose box (Graphviz's `bb`, as drawn) is
    `box`, pad included, as its files have it, and the factor they draw the layout at: on a
    page, the page's width and that scale; else its own size and 1."""
    if page is None:
        return (*_padded(box), 1.0)
    drawn_at = page.scale(box[0])
    return round(page.width, 1), round((box[1] + 2 * PAD) * drawn_at, 1), drawn_at


def printed_text(laid: Layout, preset: Preset, label: str) -> float:
    """The smallest text of `laid`, in points, where `preset` shows it, measured as a figure's
    files are drawn (the box `neato -n2` draws, on the preset's page): what `render` and the
    manifest print, so that advice naming a preset or an option states what it will print."""
    page = page_for(laid.width, laid.height, preset)
    w, h, drawn_at = _on_paper(drawn_box(on_page(laid.positioned, page), label), page)
    return round(smallest_font(laid.positioned) * drawn_at * fit_scale(w, h, preset.area), 1)


def drawn_size(positioned: str, label: str) -> tuple[float, float]:
    """Width and height in points of the picture every format is drawn as (`neato -n2` may
    measure labels a little differently from the layout), pad included."""
    return _padded(drawn_box(positioned, label))


def drawn_box(positioned: str, label: str) -> tuple[float, float]:
    """Width and height in points of the drawing's box (Graphviz `bb`), as `neato -n2` draws
    it, before any page scaling."""
    drawn = run_graphviz(positioned, engine="neato", fmt="dot", label=label, args=("-n2",))
    return bounding_box(drawn.decode("utf-8"))


def _padded(size: tuple[float, float]) -> tuple[float, float]:
    return round(size[0] + 2 * PAD, 1), round(size[1] + 2 * PAD, 1)


def fixed_pdf_dates(pdf: bytes) -> bytes:
    """The PDF with its wall-clock dates (cairo writes the render time) replaced by a fixed one of
    the same length, so byte offsets stay valid and builds are byte-identical."""
    return re.sub(rb"/(CreationDate|ModDate) \(D:(\d{14})",
                  lambda m: b"/" + m.group(1) + b" (D:20000101000000", pdf)


@dataclass(frozen=True)
class PngRun:
    """How one figure's PNG is drawn: from its PDF (`pdf`, removed afterwards where `scratch`)
    by poppler, or, where poppler is not installed, by Graphviz from the laid-out DOT with its
    dpi (`positioned`)."""

    view_id: str
    png: Path
    dpi: int
    transparent: bool
    pdf: Path | None
    scratch: bool
    positioned: str

    def start(self) -> Drawing:
        """Start drawing, left running: `Drawing.finish` waits and checks it."""
        if self.pdf is None:
            png, dpi = self.png, self.dpi

            def say_resolution() -> None:
                png.write_bytes(with_resolution(png.read_bytes(), dpi))

            return rerender_later(self.positioned, {"png": png}, self.view_id, say_resolution)
        return rasterize_later(self.pdf, self.png, self.dpi, self.transparent, self.view_id,
                               remove_pdf=self.scratch)


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
    """What the figure shows, in words: speaker notes, and shortened, its alt text. Each link is
    told as the figure draws it (`figure_graph`): as certain as the figure's own sources make
    it, with the figure's label, citing those sources, not as the whole graph has it."""
    if spec.workflow:
        return account_of_workflow(dataset, dataset.workflows[spec.workflow])
    sub = figure_graph(graph, spec).edge_subgraph((e.source, e.target) for e in view.edges)
    return account_of_graph(sub, title=spec.caption.rstrip("."))


def _entry(dataset: Dataset, spec: FigureSpec, result: FigureResult, account: Account
           ) -> dict[str, Any]:
    """The manifest entry of a built figure; what people read there shows Ca²⁺, not Ca^{2+}."""
    src = dataset.sources[spec.source]
    return {
        "id": spec.id, "caption": readable(spec.caption), "caption_inferred": spec.caption_inferred,
        "source": {"id": src.id, "title": readable(src.title), "address": src.address,
                   "citation": readable(src.citation())},
        # Every document the figure's notes cite, in their numbers' order (the figure's own
        # document among them): what the figure draws comes from all of them.
        "cited": [{"id": sid, "title": readable(dataset.sources[sid].title),
                   "address": dataset.sources[sid].address}
                  for sid in account.cited if sid in dataset.sources],
        "files": result.files, "alt_text": readable(account.alt()),
        "notes": readable(account.text()), "kind": "workflow" if spec.workflow else
        "mechanism", "width_pt": result.width_pt, "height_pt": result.height_pt,
        "rankdir": result.rankdir, "slide_text_pt": result.slide_text_pt,
        "printed_text_pt": result.printed_text_pt,
        "printed_script_pt": result.printed_script_pt,
    }


def zlib_ng_version() -> str:
    from zlib_ng import zlib_ng

    return str(zlib_ng.ZLIBNG_VERSION)


def tool_fingerprint() -> str:
    """What draws the figures: this package's code, the Graphviz version, poppler's (which
    draws the PNGs, where installed) and zlib-ng's (which encodes them), hashed. A cached
    figure is reused only by the same tool."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    digest.update(graphviz_version().encode("utf-8"))
    digest.update(b"\0" + (rasterizer_version() or "no rasterizer").encode("utf-8"))
    digest.update(b"\0zlib-ng " + zlib_ng_version().encode("utf-8"))  # encodes the PNGs
    return digest.hexdigest()


def figure_key(view: View, options: BuildOptions, tool: str) -> str:
    """The build cache's key of one figure: everything its files are drawn from (the view, the
    options with the preset and theme they name, the tool), never a file's time."""
    parts = (tool, repr(view), repr(options), repr(PRESETS[options.preset]),
             repr(THEMES[options.theme]))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def inputs_key(graphs: Path, options: BuildOptions, only: tuple[str, ...], tool: str) -> str:
    """The key of a whole build: every file under the data folder (by content), the options,
    the figures asked for and the tool. Equal keys, equal builds."""
    digest = hashlib.sha256("\0".join((tool, repr(options), repr(sorted(set(only))))).encode())
    for path in sorted(p for p in graphs.rglob("*") if p.is_file()):
        digest.update(b"\0" + path.relative_to(graphs).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def unchanged_build(graphs: Path, out: Path, options: BuildOptions,
                    only: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """The manifest of the build in `out` when nothing it was built from has changed (data
    files, options, figures asked for, tool) and none of its files was touched since: then a
    build has nothing to do, and needs not even load the data. None otherwise."""
    from .workspace import STATE, dangling, left_behind, published_record

    state = out / STATE
    try:
        if (state / "journal.json").exists() or left_behind(state) or dangling(out):
            # A killed build to complete, its staging folder to clear, or links a stopped one
            # had still to remove: a build does that first.
            return None
        record = published_record(state)
        published = record.get("published")
        if not isinstance(published, dict) or not published:
            return None
        if record.get("inputs") != inputs_key(graphs, options, only, tool_fingerprint()):
            return None
        if any(_sha256(out / Path(str(name)).name) != digest for name, digest in
               published.items()):
            return None
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, AttributeError, PathwaysError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _cached(entry: Any, key: str, names: dict[str, str], out: Path) -> FigureResult | None:
    """The recorded result of a figure if it was drawn with `key` and its files in `out` are
    still the ones written then; else None."""
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    hashes = entry.get("files")
    if not isinstance(hashes, dict) or set(hashes) != set(names.values()):
        return None
    if any(_sha256(out / name) != hashes[name] for name in names.values()):
        return None
    try:
        return FigureResult(**{**entry["result"], "files": dict(names)})
    except (KeyError, TypeError):
        return None


def _check_file_name(spec: FigureSpec) -> None:
    """A figure id names files in the output folder: a plain name only, never a path."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", spec.id):
        raise DataError([Problem("figures.toml", f"figure {spec.id!r}",
                                 "id must be lower case letters, digits, _ and - (it names the "
                                 "figure's files)")])


# PNG runs `render_view` leaves to the build while `_png_later` collects them; None: drawn at once.
_png_runs: list[PngRun] | None = None


@contextmanager
def _png_later() -> Iterator[list[PngRun]]:
    """Inside the block, `render_view` does not draw PNGs but lists them (yielded): a worker
    returns its figure as soon as its layout and vector files are done, and the build draws the
    PNG (the longest Graphviz run) while the worker lays out its next figure."""
    global _png_runs
    before, _png_runs = _png_runs, []
    try:
        yield _png_runs
    finally:
        _png_runs = before


def _render_job(view: View, staging: Path, options: BuildOptions, deadline: float,
                png_later: bool = True) -> tuple[str, Any]:
    """One figure, in a worker process: ("ok", (result, PNG runs left to the build, where
    `png_later`)) or ("error", (class, message))."""
    try:
        with time_limit(deadline=deadline), scratch_root(staging):
            if not png_later:
                return "ok", (render_view(view, staging / view.id, options), [])
            with _png_later() as later:
                return "ok", (render_view(view, staging / view.id, options), later)
    except PathwaysError as exc:
        return "error", (type(exc), str(exc))


def _raise(error: tuple[type[PathwaysError], str]) -> None:
    """Raise a worker's error again here, as its class with its message."""
    cls, message = error
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    raise exc


def _cost(view: View) -> int:
    return len(view.nodes) + len(view.edges)


PR_SET_PDEATHSIG = 1  # Linux `prctl`: the signal a process gets when its parent ends


# Signals a build holds while it forks its workers (`_signals_held`), which a worker lets in
# again once it has its own handlers (`_worker_signals`).
HELD = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
             if hasattr(signal, name))


@contextmanager
def _signals_held() -> Iterator[None]:
    """Inside the block, Ctrl-C, SIGTERM and SIGHUP wait (where signals can be held), and arrive
    as it ends. Python runs code of its own around a fork (at-fork hooks); an interrupt raised
    there is printed as "Exception ignored" and lost, and the build went on, published and
    exited 0."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _worker_signals(build: int) -> None:
    """In a build's worker (`build`: the pid of the process building), which starts a process
    group of its own, so that ending it ends every program it runs too: an interrupt (Ctrl-C)
    or a closed terminal (SIGHUP) is left to the build, which stops the workers
    (`_workers_stopped_on_interrupt`); a worker told to stop (SIGTERM) ends its layout server
    (which ends the layouts it runs) and its group at once, so nothing writes into the staging
    folder the build then removes. On Linux a worker is also told to stop when the build ends
    without stopping it (`kill -9`): workers hold their own queue's pipes, so they would never
    see it end."""
    for name in ("SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stopped)
    if hasattr(signal, "pthread_sigmask"):  # held by the build while it forked this worker
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)
    with suppress(OSError, AttributeError):
        os.setpgid(0, 0)
    if sys.platform == "linux":
        import ctypes

        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != build:  # it ended before that was set
            _worker_stopped(signal.SIGTERM, None)


def _worker_stopped(signum: int, frame: object) -> None:
    kill_servers()
    if os.getpgrp() == os.getpid():  # this worker's group: the programs it runs, and itself
        with suppress(OSError):
            os.killpg(0, signal.SIGKILL)
    os._exit(128 + signum)


@contextmanager
def _workers_stopped_on_interrupt(pool: ProcessPoolExecutor) -> Iterator[None]:
    """Inside the block, an interrupt of this process (Ctrl-C, or SIGTERM where `cli.run` made
    it one: anything raised that is not an Exception) ends the pool's workers at once, its
    queued figures dropped. Else the pool would finish every figure before the interrupt got
    through, and workers forked from this process, which hold their own queue's pipes, would
    outlive a process killed outright."""
    try:
        yield
    except BaseException as exc:
        if not isinstance(exc, Exception):
            # The pool's processes, by pid (no public accessor before Python 3.14's
            # `terminate_workers`); taken before shutting down, which lets go of them.
            workers = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for worker in workers:
                if worker.is_alive():
                    worker.terminate()
            for worker in workers:
                worker.join(timeout=5)
            # And the pool's own thread, which closes its wake-up pipe as it ends: Python 3.11
            # wakes it at exit without a lock, and had it closing the pipe meanwhile print an
            # ignored "Bad file descriptor" traceback under the one line the command says.
            manager = getattr(pool, "_executor_manager_thread", None)
            if manager is not None and manager.is_alive():
                manager.join(timeout=5)
        raise


def _render_all(views: list[View], staging: Path, options: BuildOptions, deadline: float,
                progress: Callable[[str], None] | None) -> dict[str, FigureResult]:
    """Draw `views` into `staging`: in this process for one core, else in a pool of one process
    per core, largest figures first so the last to finish are small. A worker hands each PNG
    run back (the longest Graphviz run of a figure): this process starts it at once and goes
    on handing out figures, so PNGs are drawn while the workers lay out the next ones."""
    jobs = sorted(views, key=_cost, reverse=True)
    workers = min(len(jobs), os.cpu_count() or 1)
    results: dict[str, FigureResult] = {}
    if workers <= 1:
        for view in jobs:
            status, value = _render_job(view, staging, options, deadline, png_later=False)
            if status == "error":
                _raise(value)
            results[view.id] = value[0]
            if progress:
                progress(view.id)
        return results
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    drawing: list[tuple[View, Drawing]] = []  # PNG runs started and not yet finished
    by_id = {view.id: view for view in views}

    def finish(view: View, run: Drawing) -> None:
        try:
            run.finish()
        except RenderError as exc:
            raise RenderError(_entity_names(str(exc), view)) from exc

    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_signals,
                                 initargs=(os.getpid(),)) as pool, \
                _workers_stopped_on_interrupt(pool):
            with _signals_held():  # the first submit forks every worker
                pending = {pool.submit(_render_job, view, staging, options, deadline)
                           for view in jobs}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    status, value = future.result()
                    if status == "error":
                        pool.shutdown(wait=True, cancel_futures=True)
                        _raise(value)
                    result, later = value
                    drawing += [(by_id[run.view_id], run.start()) for run in later]
                    results[result.id] = result
                    if progress and not later:
                        progress(result.id)
                for view, run in [(v, r) for v, r in drawing if not r.running()]:
                    drawing.remove((view, run))  # a figure is done once its PNG is
                    try:
                        finish(view, run)
                    except RenderError:
                        pool.shutdown(wait=True, cancel_futures=True)
                        raise
                    if progress:
                        progress(view.id)
        while drawing:
            view, run = drawing.pop(0)
            finish(view, run)
            if progress:
                progress(view.id)
    except BrokenProcessPool as exc:
        raise RenderError("a process drawing figures died (out of memory, or killed); "
                          "nothing was changed") from exc
    finally:
        for _, run in drawing:  # a failure: stop the PNG runs still going
            run.stop()
    return results


# Free space under which a Graphviz run that failed without a word is likely to have found the
# disk full: a figure's three files and its scratch files take a few megabytes.
LOW_ROOM = 16 << 20


def _short_of_room(folder: Path, out_dir: Path) -> str:
    """A note for a failed Graphviz run where the disk under `folder` has under LOW_ROOM free:
    Graphviz says only "exit status 1" when it cannot write its file, which named a figure and
    Graphviz, not the disk. Empty otherwise."""
    try:
        stat = os.statvfs(folder)
    except (OSError, AttributeError):  # gone, or no statvfs (Windows)
        return ""
    free = stat.f_bavail * stat.f_frsize
    if free >= LOW_ROOM:
        return ""
    return f" (only {free >> 10} KiB free where {out_dir} is written: is the disk full?)"


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def build_catalog(dataset: Dataset, out_dir: Path, options: BuildOptions,
                  only: tuple[str, ...] = (),
                  progress: Callable[[str], None] | None = None,
                  notify: Callable[[str], None] | None = None,
                  kept: Callable[[str], None] | None = None,
                  removed: Callable[[list[str]], None] | None = None,
                  left: Callable[[list[str]], None] | None = None) -> dict[str, Any]:
    """Build the chosen figures, then manifest.json and index.html, into `out_dir`; `kept` is
    told each figure kept from the build already there, unchanged, rather than drawn again;
    `removed`, the files of an earlier build that this one removed (`stale_files`); `left`,
    the files of figures an earlier build drew that this catalog does not define, left alone.

    Everything is staged and published at once (see `workspace`): a failure leaves `out_dir` as
    it was, and a second build into the same folder waits for the first (`notify` is told).
    Figures whose content, options and tool are unchanged since they were written are kept, not
    drawn again; the result is byte-identical to a clean build. All Graphviz runs together are
    bounded by `render.TIMEOUT`.
    """
    from .gallery import gallery_html
    from .merge import merge

    for f in options.formats:
        if f not in FORMATS:
            raise UsageError(f"unknown figure format {f!r}; choose from {', '.join(FORMATS)}")
    specs = select_figures(dataset, only)
    for spec in specs:
        _check_file_name(spec)
    graph = merge(dataset)
    views = {spec.id: figure_view(dataset, graph, spec, options.measures) for spec in specs}
    empty = [spec.id for spec in specs if not views[spec.id].nodes]
    if empty:
        raise DataError([Problem("figures.toml", f"figure {fid!r}", "draws nothing: its "
                                 "mechanisms or workflow, sources and exclude leave no entity")
                         for fid in empty])
    with time_limit(TIMEOUT) as deadline, workspace(out_dir, notify) as space:
        tool = tool_fingerprint()
        names = {spec.id: {f: f"{spec.id}.{f}" for f in options.formats} for spec in specs}
        keys = {spec.id: figure_key(views[spec.id], options, tool) for spec in specs}
        recorded = space.read_record().get("figures", {})
        recorded = recorded if isinstance(recorded, dict) else {}
        results: dict[str, FigureResult] = {}
        for spec in specs:
            hit = _cached(recorded.get(spec.id), keys[spec.id], names[spec.id], out_dir)
            if hit is not None:
                results[spec.id] = hit
                if kept:
                    kept(spec.id)
                if progress:
                    progress(spec.id)
        todo = [views[spec.id] for spec in specs if spec.id not in results]
        with scratch_root(space.staging):
            try:
                results.update(_render_all(todo, space.staging, options, deadline, progress))
            except RenderError as exc:
                raise RenderError(f"{exc}{_short_of_room(space.staging, out_dir)}") from exc
        inputs = inputs_key(Path(dataset.root), options, only, tool)
        manifest, dropped = _finish(dataset, graph, specs, views, results, keys, names,
                                    recorded, space, options, gallery_html, inputs)
    if removed and dropped:
        removed(dropped)
    others = orphan_files(recorded, dataset.figures, out_dir)
    if left and others:
        left(others)
    return manifest


def stale_files(recorded: Mapping[str, Any],
                names: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """The files (name -> the SHA-256 published) of the earlier builds' `recorded` figures
    that a build drawing `names` (figure id -> format -> file) no longer shows: a drawn
    figure's files in formats not drawn now (an SVG left from before a `--format png` build
    shows the figure as it was, perhaps at another preset). Figures not drawn keep theirs:
    those left out with `--only`, and those the catalog does not define (a figure taken out
    of figures.toml, or a build from another data folder, whose whole catalog that would be:
    `orphan_files` names them instead)."""
    out: dict[str, str] = {}
    for fid, entry in recorded.items():
        files = entry.get("files") if isinstance(entry, dict) else None
        if not isinstance(files, dict) or fid not in names:
            continue
        shown = set(names.get(fid, {}).values())
        # Only a plain file name of the folder's own: a record edited to name "../x" or a path
        # elsewhere never has the build remove anything outside `out`.
        out.update({str(name): str(digest) for name, digest in files.items()
                    if name not in shown and isinstance(name, str) and _plain_name(name)})
    return dict(sorted(out.items()))


def orphan_files(recorded: Mapping[str, Any], defined: Collection[str], out: Path) -> list[str]:
    """The files in `out` of figures an earlier build drew that the catalog no longer
    defines: left alone (see `stale_files`), and named so that they can be removed by hand."""
    return sorted(str(name) for fid, entry in recorded.items() if fid not in defined
                  and isinstance(entry, dict) and isinstance(entry.get("files"), dict)
                  for name in entry["files"]
                  if isinstance(name, str) and _plain_name(name) and (out / name).exists())


def _plain_name(name: str) -> bool:
    """Whether `name` is a file name in a folder, not a path out of it ("..", "a/b", "/x")."""
    return name not in ("", ".", "..") and Path(name).name == name and "\\" not in name


def _finish(dataset: Dataset, graph: nx.DiGraph, specs: list[FigureSpec], views: dict[str, View],
            results: dict[str, FigureResult], keys: dict[str, str],
            names: dict[str, dict[str, str]], recorded: dict[str, Any], space: Workspace,
            options: BuildOptions, gallery_html: Callable[[dict[str, Any], Path], str],
            inputs: str) -> tuple[dict[str, Any], list[str]]:
    """Write manifest.json and index.html next to the staged figures and publish what changed,
    with the files of earlier builds this one no longer shows removed (`stale_files`).
    Returns the manifest and those files' names."""
    staging, out = space.staging, space.out
    entries = [_entry(dataset, spec, results[spec.id],
                      _account(dataset, graph, spec, views[spec.id])) for spec in specs]
    preset = PRESETS[options.preset]
    manifest = {"figures": entries, "preset": options.preset, "theme": options.theme,
                "shown_in_pt": list(preset.area), "page_width_pt":
                preset.area[0] if preset.page else None, "text_floor_pt": preset.floor}
    drawn = [name for spec in specs for name in names[spec.id].values()
             if (staging / name).exists()]
    for spec in specs:  # the gallery inlines every SVG: the kept ones are read from `out`
        svg = names[spec.id].get("svg")
        if svg and not (staging / svg).exists():
            shutil.copyfile(out / svg, staging / svg)
    _write(staging / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    _write(staging / "index.html", gallery_html(manifest, staging))
    moves = drawn + [name for name in ("manifest.json", "index.html")
                     if _sha256(staging / name) != _sha256(out / name)]
    drops = stale_files(recorded, names)
    figures = dict(recorded)
    for spec in specs:
        result = asdict(results[spec.id])
        result.pop("files")
        figures[spec.id] = {"key": keys[spec.id], "result": result,
                            "files": {name: _sha256(staging / name if name in drawn
                                                    else out / name)
                                      for name in names[spec.id].values()}}
    published = {name: digest for spec in specs for name, digest in
                 figures[spec.id]["files"].items()}
    published.update({name: _sha256(staging / name) for name in ("manifest.json", "index.html")})
    gone = space.publish(moves, {"version": 1, "figures": figures, "inputs": inputs,
                                 "published": published}, drops)
    return manifest, gone
