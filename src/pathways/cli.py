"""The `pathways` command line: thin commands over the library; errors become one line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import PathwaysError

if TYPE_CHECKING:
    import networkx as nx

    from .model import Dataset
    from .queries import Convergence, Route

DEFAULT_GRAPHS = "graphs"


class _Fail(click.ClickException):
    """A PathwaysError as click prints it: `error: ...`, with the error's exit code."""

    def __init__(self, error: PathwaysError):
        super().__init__(str(error))
        self.exit_code = error.exit_code

    def format_message(self) -> str:
        from .quoting import terminal_text

        return terminal_text(self.message).replace("\n", " ")


class _Group(click.Group):
    """Catches PathwaysError once, at the edge, for every command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PathwaysError as exc:
            raise _Fail(exc) from None


class State:
    """The one context object: where the data lives, loaded on first use."""

    def __init__(self, graphs: Path):
        self.graphs = graphs
        self._dataset: Dataset | None = None
        self._graph: nx.DiGraph | None = None

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            from .load import load_dataset

            self._dataset = load_dataset(self.graphs)
        return self._dataset

    @property
    def graph(self) -> nx.DiGraph:
        if self._graph is None:
            from .merge import merge

            self._graph = merge(self.dataset)
        return self._graph


pass_state = click.make_pass_decorator(State)


def _emit(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--graphs", "graphs", type=click.Path(file_okay=False, path_type=Path),
              default=lambda: os.environ.get("PATHWAYS_GRAPHS", DEFAULT_GRAPHS),
              show_default="graphs (or $PATHWAYS_GRAPHS)",
              help="Folder of mechanism, workflow and figure data to use.")
@click.version_option(package_name="pathways")
@click.pass_context
def main(ctx: click.Context, graphs: Path) -> None:
    """Drug mechanisms as signalling-pathway graphs: check them, query them, draw them."""
    ctx.obj = State(graphs)


@main.command()
@click.option("--texts", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of full-text copies of the sources: check every quote against them.")
@pass_state
def check(state: State, texts: Path | None) -> None:
    """List every problem in the data files (exit 1 if any error); warnings (hedged quotes marked
    stated, contradicting quotes, documents that disagree, ambiguous synonyms) and cycles are
    listed without failing."""
    from .load import cross_checks, read_dataset
    from .validate import verify_quotes

    dataset, problems, lines = read_dataset(state.graphs)
    problems = problems + cross_checks(dataset, problems, lines)
    if texts:
        problems += verify_quotes(dataset, texts)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    for p in problems:
        click.echo(("" if p.severity == "error" else f"{p.severity}: ") + str(p))
    edges = sum(len(m.edges) for m in dataset.mechanisms.values())
    summary = (f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {state.graphs}: "
               f"{len(dataset.entities)} entities, {len(dataset.mechanisms)} mechanisms "
               f"({edges} edges), {len(dataset.workflows)} workflows, "
               f"{len(dataset.figures)} figures")
    if warnings:
        summary += f"; {len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    click.echo(summary + (f"; quotes checked against {texts}" if texts else ""))
    if errors:
        sys.exit(1)


def _arrow(sign: str) -> str:
    return {"+": "raises", "-": "lowers", "?": "affects (sign unknown)"}[sign]


CERTAINTY_WORDS = {"stated": "stated", "hedged": "hedged in the source",
                   "hypothesised": "hypothesised"}


def _route_flags(g: nx.DiGraph, conv: Convergence | Route) -> str:
    """'2 steps; hedged in the source; inferred from nr2b-synaptic-plasticity': how far, how
    certain, whose links: the same words for converge, shared and path."""
    n = len(conv.path) - 1
    flags = [f"{n} step{'s' if n != 1 else ''}", CERTAINTY_WORDS[conv.certainty]]
    if conv.inferred_from:
        flags.append(f"inferred from {', '.join(conv.inferred_from)}")
    return "; ".join(flags)


def weakest_of(g: nx.DiGraph, path: tuple[str, ...]) -> str:
    from itertools import pairwise

    from .model import weakest

    return weakest(g.edges[a, b]["status"] for a, b in pairwise(path))


def _route_text(g: nx.DiGraph, path: tuple[str, ...]) -> str:
    from .labels import readable

    return " -> ".join(readable(g.nodes[n]["markup"]) for n in path)


def _convergence_lines(g: nx.DiGraph, nid: str, c: Convergence, indent: str = "  ") -> list[str]:
    from .labels import readable

    tool = " [research tool]" if c.role == "tool" else ""
    out = [f"{indent}{c.sign}  {readable(g.nodes[c.compound]['markup'])}{tool}: "
           f"{_arrow(c.sign)} it ({_route_flags(g, c)})",
           f"{indent}     via {_route_text(g, c.path)}"]
    if c.via:
        how = "which contains it" if c.via_relation == "part-of" else "a kind of it"
        out.append(f"{indent}     counted for {readable(g.nodes[nid]['markup'])}: reaches "
                   f"{readable(g.nodes[c.via]['markup'])}, {how}")
    if c.ambiguous:
        out.append(f"{indent}     ambiguous: a route of the opposite sign is as short "
                   f"(see `pathways path {c.compound} {nid}`)")
    elif len([s for s in c.signs if s != "?"]) > 1:
        other = ", ".join(f"{s} in {n} steps" for s, n in c.shortest if s != c.sign)
        out.append(f"{indent}     longer routes of the opposite sign exist: {other} "
                   f"(see `pathways path {c.compound} {nid}`)")
    if c.loop_signs:
        out.append(f"{indent}     sign {', '.join(c.loop_signs)} found only round a feedback loop")
    if c.loop:
        out.append(f"{indent}     the route passes round a feedback loop")
    if c.surer:
        n = len(c.surer) - 1
        certainty = CERTAINTY_WORDS[weakest_of(g, c.surer)]
        out.append(f"{indent}     a more certain route ({n} steps; {certainty}): "
                   f"{_route_text(g, c.surer)}")
    return out


@main.command()
@click.argument("node")
@click.option("--include-tools", is_flag=True,
              help="Count research tools through other compounds' links too (flagged inferred).")
@click.option("--max-steps", type=click.IntRange(1), help="Only routes of at most this many steps.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def converge(state: State, node: str, include_tools: bool, max_steps: int | None,
             as_json: bool) -> None:
    """Which compounds reach NODE (id, label or synonym), by which route, with which net sign
    and certainty: own routes first, then routes inferred through other mechanisms."""
    from .labels import readable
    from .queries import converging_compounds, resolve

    g = state.graph
    nid = resolve(g, node)
    found = converging_compounds(g, nid, include_tools=include_tools, max_steps=max_steps)
    if as_json:
        _emit({"node": {"id": nid, "label": readable(g.nodes[nid]["markup"])},
               "compounds": [c.as_json() for c in found]})
        return
    click.echo(f"{readable(g.nodes[nid]['markup'])} ({nid}): reached by {len(found)} "
               f"compound{'s' if len(found) != 1 else ''}")
    groups = (("Own routes (every link asserted for the compound):", True),
              ("Inferred through other mechanisms:", False))
    for heading, own in groups:
        rows = [c for c in found if c.own is own]
        if rows:
            click.echo(heading)
            for c in rows:
                click.echo("\n".join(_convergence_lines(g, nid, c)))


@main.command()
@click.argument("compounds", nargs=-1, required=True)
@click.option("--max-steps", type=click.IntRange(1), help="Only routes of at most this many steps.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def shared(state: State, compounds: tuple[str, ...], max_steps: int | None,
           as_json: bool) -> None:
    """Nodes downstream of all COMPOUNDS (is-a aware), and where their routes first meet."""
    from .labels import readable
    from .queries import resolve, shared_downstream

    g = state.graph
    ids = [resolve(g, c) for c in compounds]
    result = shared_downstream(g, ids, max_steps=max_steps)
    if as_json:
        _emit(result.as_json())
        return
    names = ", ".join(readable(g.nodes[c]["markup"]) for c in ids)
    click.echo(f"Shared downstream of {names}: {len(result.shared)} nodes")
    for n in result.shared:
        mark = "  * " if n in result.convergence else "    "
        click.echo(f"{mark}{readable(g.nodes[n]['markup'])} ({n})")
    click.echo("Convergence points (* above), where the routes first meet:")
    for point in result.convergence:
        click.echo(f"  {readable(g.nodes[point]['markup'])}")
        for c in result.routes[point].values():
            click.echo("\n".join(_convergence_lines(g, point, c, indent="    ")))


@main.command()
@click.argument("start")
@click.argument("node")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1),
              help="Most routes to show (the k shortest, own routes first).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def path(state: State, start: str, node: str, limit: int, as_json: bool) -> None:
    """The routes from START (a compound) to NODE, with sign, certainty and evidence per step."""
    from .labels import readable
    from .queries import resolve, routes

    g = state.graph
    a, b = resolve(g, start), resolve(g, node)
    found = routes(g, a, b, limit)
    if as_json:
        _emit({"from": a, "to": b, "routes": [r.as_json() for r in found]})
        return
    if not found:
        click.echo(f"No route from {readable(g.nodes[a]['markup'])} to "
                   f"{readable(g.nodes[b]['markup'])}.")
        return
    sources = g.graph["sources"]
    for i, r in enumerate(found, 1):
        kind = "own route" if r.own else "inferred route"
        click.echo(f"Route {i} ({kind}): net {r.sign}; {_route_flags(g, r)}")
        for s in r.steps:
            borrowed = "" if s["own"] else f"; from {', '.join(s['mechanisms'])}"
            click.echo(f"  {readable(g.nodes[s['source']]['markup'])} --{s['effect']} "
                       f"({s['sign']}, {s['certainty']}{borrowed})--> "
                       f"{readable(g.nodes[s['target']]['markup'])}")
            for ev in s["evidence"]:
                against = " [contradicts]" if ev["contradicts"] else ""
                click.echo(f"      \u201c{ev['quote']}\u201d ({sources[ev['source']]['title']})"
                           f"{against}")


@main.command()
@click.argument("compound")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def describe(state: State, compound: str, as_json: bool) -> None:
    """A plain-English account of COMPOUND's mechanism, with citations (alt text, notes)."""
    from .describe import account_of_graph
    from .labels import readable
    from .merge import edge_status
    from .queries import resolve

    g = state.graph
    cid = resolve(g, compound)
    own = [(a, b) for a, b, d in g.edges(data=True) if cid in d["compounds"]]
    if not own:
        raise PathwaysError(f"{g.nodes[cid]['label']} has no mechanism of its own in "
                            f"{state.graphs}/mechanisms")
    sub = g.edge_subgraph(own).copy()
    mechs = sorted(m.id for m in state.dataset.mechanisms.values() if m.compound == cid)
    for a, b in own:
        d = sub.edges[a, b]
        d["evidence"] = [e for e in d["evidence"] if e["mechanism"] in mechs]
        d["status"] = edge_status(d["evidence"])  # as certain as this compound's own sources
        d["effect"] = next((d["effects"][m] for m in mechs if m in d["effects"]), d["effect"])
        d["label"] = next((d["labels"][m] for m in mechs if m in d["labels"]), "")
    account = account_of_graph(sub, cid, title=f"Mechanism of {readable(g.nodes[cid]['markup'])}")
    if as_json:
        _emit({"id": cid, "label": readable(g.nodes[cid]["markup"]),
               "description": account.text(), **account.as_json()})
    else:
        click.echo(account.text())


@main.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def list_(state: State, as_json: bool) -> None:
    """The compounds (drugs, then research tools), entities, mechanisms, workflows, figures and
    sources."""
    from .model import Role

    ds = state.dataset
    data = {
        "compounds": [{"id": e.id, "label": e.label, "synonyms": list(e.synonyms)}
                      for e in ds.compounds(Role.DRUG)],
        "research tools": [{"id": e.id, "label": e.label, "synonyms": list(e.synonyms)}
                           for e in ds.compounds(Role.TOOL)],
        "entities": [{"id": e.id, "label": e.label, "kind": e.kind.value,
                      "identifiers": list(e.identifiers)}
                     for e in sorted(ds.entities.values(), key=lambda e: e.id)],
        "mechanisms": [{"id": m.id, "title": m.title, "compound": m.compound,
                        "edges": len(m.edges)} for m in ds.mechanisms.values()],
        "workflows": [{"id": w.id, "title": w.title} for w in ds.workflows.values()],
        "figures": [{"id": f.id, "caption": f.caption} for f in ds.figures.values()],
        "sources": [{"id": s.id, "title": s.title, "address": s.address}
                    for s in ds.sources.values()],
    }
    if as_json:
        _emit(data)
        return
    from .labels import readable

    for section, rows in data.items():
        click.echo(f"{section.capitalize()} ({len(rows)}):")
        for r in rows:
            name = r.get("label") or r.get("title") or r.get("caption")
            extra = f"  [{r['kind']}]" if "kind" in r else ""
            click.echo(f"  {r['id']:<32} {readable(str(name))}{extra}")


def _formats(value: str) -> tuple[str, ...]:
    return tuple(v.strip().lower() for v in value.split(",") if v.strip())


@main.command()
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default="out",
              show_default=True, help="Folder to write figures, manifest.json and index.html to.")
@click.option("--format", "fmt", default="svg,png,pdf", show_default=True,
              help="Comma-separated formats: svg, png, pdf.")
@click.option("--preset", type=click.Choice(["slide", "paper"]), default="slide",
              show_default=True, help="slide: 16:9 slide, PNG >= 1920 px; paper: one column, 300 dpi.")
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True,
              help="Colour theme.")
@click.option("--transparent", is_flag=True, help="Transparent background.")
@click.option("--measures/--no-measures", default=None,
              help="Show or hide numbers (Ki, IC50, doses); default as each figure says.")
@click.option("--dpi", type=click.IntRange(36, 1200), help="PNG resolution (overrides preset).")
@click.option("--only", multiple=True, metavar="ID", help="Build only this figure (repeatable).")
@click.option("--list", "list_only", is_flag=True, help="List the catalog and exit.")
@pass_state
def figures(state: State, out: Path, fmt: str, preset: str, theme: str, transparent: bool,
            measures: bool | None, dpi: int | None, only: tuple[str, ...],
            list_only: bool) -> None:
    """Build every catalog figure (graphs/figures.toml) into OUT, with manifest and gallery."""
    from .figures import BuildOptions, build_catalog, select_figures, unchanged_build

    options = BuildOptions(formats=_formats(fmt), preset=preset, theme=theme,
                           transparent=transparent, measures=measures, dpi=dpi)
    manifest = None if list_only else unchanged_build(state.graphs, out, options, only)
    if manifest is not None:  # nothing changed since the build in `out`: nothing to load
        _report_build(manifest, options, out, preset)
        return
    ds = state.dataset
    if list_only:
        for spec in select_figures(ds, only):
            mark = " (caption inferred)" if spec.caption_inferred else ""
            click.echo(f"{spec.id:<34} {spec.caption}{mark}")
        return
    count = len(select_figures(ds, only))
    notify = lambda message: click.echo(message, err=True)  # noqa: E731
    if sys.stderr.isatty():
        with click.progressbar(length=count, label="Building figures", file=sys.stderr) as bar:
            manifest = build_catalog(ds, out, options, only, progress=lambda _: bar.update(1),
                                     notify=notify)
    else:
        manifest = build_catalog(ds, out, options, only, notify=notify)
    _report_build(manifest, options, out, preset)


def _report_build(manifest: dict[str, Any], options: Any, out: Path, preset: str) -> None:
    small = [f["id"] for f in manifest["figures"] if f["slide_text_pt"] < 14]
    click.echo(f"Built {len(manifest['figures'])} figures ({', '.join(options.formats)}) "
               f"into {out}/ with manifest.json and index.html")
    if preset == "slide" and small:
        click.echo(f"Note: text below 14 pt when shown full-slide in: {', '.join(small)}")


@main.command()
@click.argument("compounds", nargs=-1)
@click.option("--around", metavar="NODE", help="Draw the neighbourhood of NODE instead.")
@click.option("--depth", default=2, show_default=True, help="Links out from --around NODE.")
@click.option("--highlight", multiple=True, metavar="NODE", help="Emphasise NODE (repeatable).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output file; the format follows the suffix (.svg, .png, .pdf).")
@click.option("--preset", type=click.Choice(["slide", "paper"]), default="slide",
              show_default=True, help="Output geometry.")
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True,
              help="Colour theme.")
@click.option("--transparent", is_flag=True, help="Transparent background.")
@click.option("--measures/--no-measures", default=True, help="Show or hide Ki, IC50, doses.")
@pass_state
def render(state: State, compounds: tuple[str, ...], around: str | None, depth: int,
           highlight: tuple[str, ...], output: Path, preset: str, theme: str, transparent: bool,
           measures: bool) -> None:
    """Draw an ad-hoc view: what COMPOUNDS reach, or the neighbourhood --around NODE."""
    import re

    from .errors import UsageError
    from .figures import FORMATS, BuildOptions, render_view
    from .queries import resolve
    from .render import scratch_root, time_limit
    from .views import around_view, compounds_view
    from .workspace import os_error, temp_folder, write_atomically

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageError(f"{output}: unknown suffix; use one of .{', .'.join(FORMATS)}")
    if bool(compounds) == bool(around):
        raise UsageError("give COMPOUND... or --around NODE (not both)")
    g = state.graph
    marks = [resolve(g, h) for h in highlight]
    view_id = re.sub(r"[^a-z0-9-]+", "-", output.stem.lower()).strip("-") or "view"
    if around:
        view = around_view(g, resolve(g, around), depth, view_id, marks, measures)
    else:
        view = compounds_view(g, [resolve(g, c) for c in compounds], view_id, marks, measures)
    options = BuildOptions(formats=(fmt,), preset=preset, theme=theme, transparent=transparent)
    with temp_folder() as tmp, scratch_root(tmp), time_limit():
        render_view(view, tmp / view_id, options)
        data = (tmp / f"{view_id}.{fmt}").read_bytes()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(output, data)
    except OSError as exc:
        raise os_error(exc, output) from exc
    click.echo(f"Wrote {output}")


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default="out/figures.pptx", show_default=True, help="The deck to write (.pptx).")
@click.option("--only", multiple=True, metavar="ID", help="Only this figure (repeatable).")
@click.option("--title", default=None, help="Title of the deck's first slide.")
@pass_state
def slides(state: State, output: Path, only: tuple[str, ...], title: str | None) -> None:
    """A 16:9 slide deck: a title slide, then one slide per catalog figure (PNG + SVG)."""
    from .figures import BuildOptions, build_catalog
    from .slides import DEFAULT_TITLE, MAX_PICTURE_SIDE, build_deck
    from .workspace import temp_folder

    options = BuildOptions(formats=("svg", "png"), max_png_side=MAX_PICTURE_SIDE)
    with temp_folder() as tmp:
        manifest = build_catalog(state.dataset, tmp / "figures", options, only)
        count = build_deck(manifest, tmp / "figures", output, title or DEFAULT_TITLE)
    click.echo(f"Wrote {output} ({count} slides)")


def _write_atomic(output: Path, text: str) -> None:
    """Write via a temporary file in the same folder, so a failure leaves no half file."""
    import tempfile

    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@main.command()
@click.argument("compounds", nargs=-1)
@click.option("--format", "fmt", metavar="FORMAT",
              help="Export format (see --list); default: from the output file's suffix.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file; default: standard output.")
@click.option("--list", "list_only", is_flag=True, help="List the export formats and exit.")
@pass_state
def export(state: State, compounds: tuple[str, ...], fmt: str | None, output: Path | None,
           list_only: bool) -> None:
    """Export the merged graph (or only COMPOUNDS' mechanisms) for Cytoscape, SBGN, Markdown..."""
    from .errors import UsageError
    from .exporters import EXPORTERS, format_for_path, get_exporter
    from .exporters import export as run_export
    from .merge import merge
    from .queries import resolve

    if list_only:
        for name, exp in EXPORTERS.items():
            click.echo(f"{name:<9} {', '.join(exp.suffixes):<18} {exp.description}")
        return
    if fmt is None:
        if output is None:
            raise UsageError("give --format FORMAT or an -o file whose suffix names one")
        fmt = format_for_path(output)
    get_exporter(fmt)
    graph = state.graph
    if compounds:
        ids = [resolve(graph, c) for c in compounds]
        mechs = [m.id for m in state.dataset.mechanisms.values() if m.compound in ids]
        missing = [c for c in ids if not any(m.compound == c for m in state.dataset.mechanisms.values())]
        if missing:
            raise UsageError(f"{missing[0]!r} has no mechanism file of its own")
        graph = merge(state.dataset, mechs)
    text = run_export(graph, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write_atomic(output, text)
        click.echo(f"Wrote {output} ({fmt}: {graph.number_of_nodes()} nodes, "
                   f"{graph.number_of_edges()} edges)", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
