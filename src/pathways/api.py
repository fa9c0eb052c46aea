"""The library for notebooks and scripts: load a data folder, ask by any name, draw and export.

A small facade over the modules the CLI uses (load, merge, queries, describe, views, figures,
exporters), in the manner of the `graphviz` package: results have readable reprs, HTML tables in
Jupyter and a pandas DataFrame (`.to_frame()`) where pandas is installed; figures display inline
and save to any format.

>>> import pathways
>>> pw = pathways.load()                        # the shipped data; or pathways.load("my/graphs")
>>> pw.converge("mTOR")                         # doctest: +SKIP
mTOR (mtor): reached by 4 compounds ...
>>> pw.figure("mij821-signaling").save("out/mij821.pdf")   # doctest: +SKIP
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .labels import readable

if TYPE_CHECKING:
    import networkx as nx
    import pandas

    from .describe import Account
    from .figures import BuildOptions
    from .model import Dataset
    from .queries import Convergence, Route
    from .queries import SharedResult as _Shared
    from .views import View

__all__ = [
    "Convergences",
    "Description",
    "Figure",
    "Pathways",
    "Routes",
    "Shared",
    "Table",
    "compound_account",
    "describe_compound",
    "load",
]

_EFFECT = {"+": "raises", "-": "lowers", "?": "affects (sign unknown)"}


def _name(graph: nx.DiGraph, node: str) -> str:
    """How a person reads an entity's name: Ca²⁺ influx, not Ca^{2+} influx."""
    return readable(graph.nodes[node]["markup"])


def _route(graph: nx.DiGraph, path: Iterable[str]) -> str:
    return " -> ".join(_name(graph, n) for n in path)


@dataclass(frozen=True)
class Table:
    """Rows of text with a title: the shape every query result shows itself in.

    `repr()` is an aligned plain-text table, `_repr_html_` an HTML table for Jupyter, and
    `to_frame()` a pandas DataFrame (pandas is optional: `pip install 'pathways[notebook]'`).
    """

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        widths = [max([len(c), *(len(r[i]) for r in self.rows)]) for i, c in
                  enumerate(self.columns)]
        def line(cells: Sequence[str]) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
        body = [line(self.columns), line(["-" * w for w in widths]), *map(line, self.rows)]
        return "\n".join([self.title, *body]) if self.rows else self.title

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>"
                       for row in self.rows)
        return (f"<table><caption>{html.escape(self.title)}</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def to_frame(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame (one column per heading)."""
        try:
            import pandas
        except ImportError:
            raise UsageError("to_frame() needs pandas: pip install 'pathways[notebook]'") from None
        return pandas.DataFrame(list(self.rows), columns=list(self.columns))


@dataclass(frozen=True, repr=False)
class Convergences(Table):
    """The answer to `converge`: which compounds reach a node, by which route (`items` holds
    the query's `Convergence`s, `as_json()` the CLI's JSON)."""

    node: str = ""
    node_label: str = ""
    items: tuple[Convergence, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The same JSON as `pathways converge --json`."""
        return {"node": {"id": self.node, "label": self.node_label},
                "compounds": [c.as_json() for c in self.items]}


@dataclass(frozen=True, repr=False)
class Shared(Table):
    """The answer to `shared`: nodes every compound reaches, convergence points first marked."""

    result: _Shared | None = None

    def as_json(self) -> dict[str, Any]:
        """The same JSON as `pathways shared --json`."""
        return self.result.as_json() if self.result else {}


@dataclass(frozen=True, repr=False)
class Routes(Table):
    """The answer to `path`: routes from a compound to a node, each with its steps in `items`."""

    items: tuple[Route, ...] = ()

    def as_json(self) -> list[dict[str, Any]]:
        """The routes as `pathways path --json` lists them."""
        return [r.as_json() for r in self.items]


@dataclass(frozen=True)
class Description:
    """A compound's mechanism in plain English, with numbered citations (speaker notes)."""

    compound: str
    label: str
    text: str

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return "".join(f"<p>{html.escape(p)}</p>" for p in self.text.split("\n") if p)


@dataclass
class Figure:
    """A drawing, rendered on first use: shows inline in Jupyter (SVG) and saves as SVG, PNG or
    PDF. Like `graphviz.Source`: `pipe(format)` returns the bytes, `save(path)` writes a file."""

    view: View
    options: BuildOptions
    caption: str = ""
    alt_text: str = ""
    _cache: dict[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def id(self) -> str:
        return self.view.id

    def __repr__(self) -> str:
        caption = f" {self.caption!r}" if self.caption else ""
        return (f"<pathways.Figure {self.id!r}{caption}: {len(self.view.nodes)} nodes, "
                f"{len(self.view.edges)} edges>")

    def pipe(self, format: str = "svg") -> bytes:
        """The figure in `format` (svg, png or pdf) as bytes; each format is drawn once."""
        from dataclasses import replace

        from .cleanup import scratch_folder
        from .figures import FORMATS, render_view

        fmt = format.lower().lstrip(".")
        if fmt not in FORMATS:
            raise UsageError(f"unknown figure format {format!r}; choose from {', '.join(FORMATS)}")
        if fmt not in self._cache:
            with scratch_folder("pathways-figure-") as tmp:
                stem = tmp / self.id
                render_view(self.view, stem, replace(self.options, formats=(fmt,)))
                self._cache[fmt] = stem.with_suffix(f".{fmt}").read_bytes()
        return self._cache[fmt]

    @property
    def svg(self) -> str:
        """The SVG text."""
        return self.pipe("svg").decode("utf-8")

    def save(self, path: str | Path, format: str | None = None) -> Path:
        """Write the figure to `path` (format from `format` or the suffix), atomically; returns
        the path."""
        from .output import write_atomic

        path = Path(path)
        write_atomic(path, self.pipe(format or path.suffix or "svg"))
        return path

    def _repr_svg_(self) -> str:
        return self.svg

    def _repr_mimebundle_(self, include: Iterable[str] | None = None,
                          exclude: Iterable[str] | None = None) -> dict[str, Any]:
        """What Jupyter displays: the SVG (PNG too, when asked for it by `include`)."""
        kinds = {"image/svg+xml": "svg", "image/png": "png"}
        wanted = set(include) if include else {"image/svg+xml"}
        wanted -= set(exclude or ())
        return {mime: (self.svg if fmt == "svg" else self.pipe("png"))
                for mime, fmt in kinds.items() if mime in wanted}


def compound_account(dataset: Dataset, graph: nx.DiGraph, compound: str) -> Account:
    """`compound`'s own mechanism as an account in plain English (what `pathways describe`
    prints): the links `converge` counts as its own (its mechanism files', and its direct
    actions wherever they are written), each with only the quotes of its own files (any quote,
    for a direct action), its effect and label as its files give them."""
    from .describe import account_of_graph
    from .labels import readable
    from .merge import drawn_label, edge_status

    # Direct actions count for a compound of the data only (as `converge` counts them): the
    # links out of a receptor are no mechanism of its own.
    acts = compound in graph.graph.get("own", {})
    own = [(a, b) for a, b, d in graph.edges(data=True)
           if compound in d["compounds"] or (acts and a == compound)]
    if not own:
        label = graph.nodes[compound]["label"]
        if graph.nodes[compound].get("kind") != "compound" and graph.out_degree(compound):
            # Links from a receptor or a network's node are no mechanism: saying it had no link
            # from it was false (BDNF -> synaptogenesis is drawn in four figures).
            raise UsageError(f"{label} is no compound: `describe` tells a compound's mechanism; "
                             f"ask `path {compound} NODE` or `converge NODE` for its links")
        raise UsageError(f"{label} has no mechanism of its own in {dataset.root}/mechanisms, "
                         "and no link from it")
    sub = graph.edge_subgraph(own).copy()
    mechs = sorted(m.id for m in dataset.mechanisms.values() if m.compound == compound)
    for a, b in own:
        d = sub.edges[a, b]
        d["evidence"] = [e for e in d["evidence"] if e["mechanism"] in mechs or a == compound]
        d["status"] = edge_status(d["evidence"])  # as certain as this compound's own sources
        effects = d.get("effects", {})  # a network's link has one effect, and no label per
        d["effect"] = next((effects[m] for m in mechs if m in effects), d["effect"])
        d["label"] = drawn_label(d.get("labels", {}), d["evidence"], mechs)
    return account_of_graph(sub, compound,
                            title=f"Mechanism of {readable(graph.nodes[compound]['markup'])}")


def describe_compound(dataset: Dataset, graph: nx.DiGraph, compound: str) -> str:
    """`compound`'s own mechanism in plain English, as `pathways describe` prints it (see
    `compound_account`)."""
    return compound_account(dataset, graph, compound).text()


class Pathways:
    """One data folder, loaded and validated, with the questions and drawings of the CLI.

    Names are resolved as the CLI resolves them: ids, labels and synonyms, in any case.
    """

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    def __repr__(self) -> str:
        ds = self.dataset
        return (f"<pathways.Pathways {ds.root!s}: {len(ds.entities)} entities, "
                f"{len(ds.mechanisms)} mechanisms, {len(ds.workflows)} workflows, "
                f"{len(ds.figures)} figures>")

    @cached_property
    def graph(self) -> nx.DiGraph:
        """Every mechanism merged into one networkx graph (do not modify it)."""
        from .merge import merge

        return merge(self.dataset)

    def resolve(self, name: str) -> str:
        """The entity id `name` (id, label or synonym, any case) stands for."""
        from .queries import resolve

        return resolve(self.graph, name)

    # --- questions -------------------------------------------------------------------------

    def converge(self, node: str, *, include_tools: bool = False,
                 max_steps: int | None = None,
                 sources: str | Sequence[str] | None = None) -> Convergences:
        """Which compounds reach `node` (or a kind of it), by which route, with which net sign
        and certainty; own routes first. `sources` (names) asks for those nodes instead of the
        compounds, as the command's --from does: a network node, a map's chemical."""
        from .queries import converging_compounds, name_table, reached_by, resolve_with

        g = self.graph
        nid = self.resolve(node)
        chosen = None
        if sources is not None:
            table = name_table(g)
            chosen = [resolve_with(g, table, s)
                      for s in ((sources,) if isinstance(sources, str) else sources)]
        found = converging_compounds(g, nid, sources=chosen, include_tools=include_tools,
                                     max_steps=max_steps)
        rows = tuple((_name(g, c.compound), c.role or "", c.sign, _EFFECT[c.sign], str(c.steps),
                      c.certainty, "own" if c.own else "inferred from "
                      + ", ".join(c.inferred_from), _route(g, c.path)) for c in found)
        title = f"{_name(g, nid)} ({nid}): reached by {reached_by(found, sources is not None)}"
        return Convergences(title, ("compound", "role", "sign", "effect", "steps", "certainty",
                                    "route kind", "route"), rows, node=nid, node_label=_name(g, nid),
                            items=tuple(found))

    def shared(self, *compounds: str, max_steps: int | None = None) -> Shared:
        """Nodes downstream of every one of `compounds` (is-a aware), and where their routes
        first meet (the convergence points)."""
        from .queries import shared_downstream, shared_title

        g = self.graph
        ids = [self.resolve(c) for c in compounds]
        result = shared_downstream(g, ids, max_steps=max_steps)
        rows = tuple((_name(g, n), n, "yes" if n in result.convergence else "")
                     for n in result.shared)
        title = shared_title([_name(g, c) for c in ids], len(result.shared), max_steps)
        return Shared(title, ("node", "id", "convergence point"), rows, result=result)

    def path(self, start: str, node: str, limit: int = 5) -> Routes:
        """Up to `limit` routes from `start` to `node`: own routes first, shortest and most
        certain first; each route's steps and evidence are in `.items`."""
        from .queries import routes

        g = self.graph
        a, b = self.resolve(start), self.resolve(node)
        found = routes(g, a, b, limit)
        rows = tuple((str(i), "own" if r.own else "inferred from " + ", ".join(r.inferred_from),
                      r.sign, r.certainty, str(len(r.steps)), _route(g, r.path))
                     for i, r in enumerate(found, 1))
        title = f"Routes from {_name(g, a)} to {_name(g, b)}: {len(found)}"
        return Routes(title, ("route", "kind", "net sign", "certainty", "steps", "path"), rows,
                      items=tuple(found))

    def describe(self, compound: str) -> Description:
        """`compound`'s mechanism in plain English, with numbered citations."""
        cid = self.resolve(compound)
        return Description(cid, _name(self.graph, cid),
                           describe_compound(self.dataset, self.graph, cid))

    # --- drawings and files ----------------------------------------------------------------

    @staticmethod
    def _options(preset: str, theme: str, transparent: bool) -> BuildOptions:
        from .figures import BuildOptions
        from .style import PRESETS, THEMES

        if preset not in PRESETS:
            raise UsageError(f"unknown preset {preset!r}; choose from {', '.join(PRESETS)}")
        if theme not in THEMES:
            raise UsageError(f"unknown theme {theme!r}; choose from {', '.join(THEMES)}")
        return BuildOptions(preset=preset, theme=theme, transparent=transparent)

    def figure(self, figure_id: str, *, preset: str = "slide", theme: str = "light",
               transparent: bool = False, measures: bool | None = None) -> Figure:
        """A figure of the catalog (`graphs/figures.toml`), by id."""
        from .describe import describe_graph, describe_workflow
        from .figures import select_figures
        from .views import figure_graph, figure_view

        spec = select_figures(self.dataset, (figure_id,))[0]
        view = figure_view(self.dataset, self.graph, spec, measures)
        if spec.workflow:
            alt = describe_workflow(self.dataset, self.dataset.workflows[spec.workflow])
        else:  # each link told as the figure draws it (its documents' certainty and labels)
            sub = figure_graph(self.graph, spec).edge_subgraph((e.source, e.target)
                                                                for e in view.edges)
            alt = describe_graph(sub, title=spec.caption.rstrip("."))
        return Figure(view, self._options(preset, theme, transparent), spec.caption, alt)

    def render(self, *compounds: str, around: str | None = None, depth: int = 2,
               highlight: str | Sequence[str] = (), preset: str = "slide",
               theme: str = "light", transparent: bool = False, measures: bool = True) -> Figure:
        """An ad-hoc drawing: what `compounds` reach, or the neighbourhood `around` a node;
        `highlight`, one node or several, marked."""
        from .views import around_view, compounds_view

        if bool(compounds) == bool(around):
            raise UsageError("give compounds or around=NODE (not both)")
        g = self.graph
        marks = [self.resolve(h) for h in ((highlight,) if isinstance(highlight, str)
                                           else highlight)]
        if around:
            nid = self.resolve(around)
            view = around_view(g, nid, depth, f"around-{nid}", marks, measures)
        else:
            ids = [self.resolve(c) for c in compounds]
            view = compounds_view(g, ids, "-".join(ids), marks, measures)
        return Figure(view, self._options(preset, theme, transparent))

    def subgraph(self, *compounds: str) -> nx.DiGraph:
        """The merged graph of only `compounds`' own mechanism files (all when none given)."""
        from .merge import merge

        if not compounds:
            return self.graph
        ids = [self.resolve(c) for c in compounds]
        mechs = [m.id for m in self.dataset.mechanisms.values() if m.compound in ids]
        missing = [c for c in ids if not any(m.compound == c
                                             for m in self.dataset.mechanisms.values())]
        if missing:
            raise UsageError(f"{missing[0]!r} has no mechanism file of its own")
        return merge(self.dataset, mechs)

    def export(self, format: str, *compounds: str) -> str:
        """The merged graph (or `compounds`' mechanisms) as the text of an export format
        (`pathways.exporters.EXPORTERS`: csv, cyjs, dot, graphml, json, mermaid, sbgn, sif,
        tsv)."""
        from .exporters import export

        return export(self.subgraph(*compounds), format)


def load(graphs: str | Path | None = None) -> Pathways:
    """Load and validate a data folder (the shipped one by default); DataError lists every
    problem found."""
    from .data import shipped_graphs
    from .load import load_dataset

    return Pathways(load_dataset(shipped_graphs() if graphs is None else Path(graphs)))
