"""Views: the plain-data selection a figure draws (nodes, edges, clusters, emphasis), cut from the
merged graph or a workflow. DOT is built from a view, never from the raw data."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from .errors import UsageError
from .labels import readable, readable_quote, typeset, typeset_guard
from .merge import drawn_label, edge_status
from .model import Dataset, FigureSpec, Link, Status, Workflow
from .style import CERTAINTY_NAMES, look_kind

if TYPE_CHECKING:
    import re
    from collections.abc import Mapping

    import networkx as nx

__all__ = [
    "STRUCTURE",
    "View",
    "ViewEdge",
    "ViewNode",
    "around_view",
    "compounds_view",
    "figure_graph",
    "figure_view",
    "graph_guard",
    "summaries",
    "view_from_graph",
    "workflow_guard",
    "workflow_view",
]


@dataclass(frozen=True)
class ViewNode:
    """A box to draw."""

    id: str
    label: str  # may carry ^{..}/_{..} markup
    kind: str
    compartment: str = ""
    lines: tuple[str, ...] = ()  # info and measures, drawn small under the label
    tooltip: str = ""
    url: str = ""
    status: str = "stated"
    group: str = ""
    emphasis: bool = False  # a convergence point: drawn with a double border
    highlight: bool = False  # a node the user asked to see marked: drawn with a heavy border


@dataclass(frozen=True)
class ViewEdge:
    """An arrow to draw."""

    source: str
    target: str
    sign: str
    status: str
    label: str = ""
    lines: tuple[str, ...] = ()
    tooltip: str = ""
    url: str = ""
    route: str = ""  # the one compound whose route this edge is on, for multi-compound colouring
    # A structural line, not an influence: "part-of" (a whole to its part: a receptor to its
    # subunit) or "is-a" (a general entity to its subtype); "" for an influence.
    relation: Literal["", "part-of", "is-a"] = ""
    triggered_by_reduction: bool = False  # "a reduction in the source triggers the target"
    summary: bool = False  # its target is also reached along a longer route drawn (`summaries`)
    # In a drawing of what compounds reach (`compounds_view`), a link none of their own
    # documents asserts: the mechanisms it is drawn from (`render ketamine` draws esketamine's
    # BDNF -> mTOR), drawn faded; () for the compounds' own links and in other views.
    borrowed: tuple[str, ...] = ()

    @property
    def structural(self) -> bool:
        """True for a line saying what an entity is or is in (`relation`), not an influence."""
        return bool(self.relation)


@dataclass(frozen=True)
class View:
    """Everything one figure draws, in canonical order."""

    id: str
    kind: str  # "mechanism" or "workflow"
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    compartments: tuple[tuple[str, str], ...] = ()  # (id, label) of clusters drawn
    routes: tuple[tuple[str, str], ...] = ()  # (compound id, label) coloured routes
    notes: tuple[str, ...] = ()
    rankdir: str = ""
    same_rank: tuple[tuple[str, ...], ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()  # drawn as a snake: each row under the one before
    align: tuple[str, ...] = ()  # the nodes stacked in one column (default: each row's first)


def _evidence_text(graph: nx.DiGraph, evidence: list[dict[str, str]]) -> str:
    sources = graph.graph.get("sources", {})
    seen, parts = set(), []
    for ev in evidence:
        key = (ev["source"], ev["quote"])
        if key in seen:
            continue
        seen.add(key)
        title = sources.get(ev["source"], {}).get("title", ev["source"])
        against = "; contradicts the link" if ev.get("contradicts") else ""
        parts.append(f"\u201c{readable_quote(ev['quote'])}\u201d ({title}{against})")
    return " | ".join(parts)


def _grouped(measures: list[dict[str, str]], key: tuple[str, str]
             ) -> dict[tuple[str, str], dict[str, list[str]]]:
    """Measures grouped by two of their fields, then by value, with the sources giving each."""
    out: dict[tuple[str, str], dict[str, list[str]]] = {}
    for m in measures:
        sources = out.setdefault((m[key[0]], m[key[1]]), {}).setdefault(m["value"], [])
        if m.get("source", "") not in sources:
            sources.append(m.get("source", ""))
    return out


def _values_text(per_value: dict[str, list[str]], cite: dict[str, int],
                 guard: re.Pattern[str] | None = None) -> str:
    """'8 nM', or where documents disagree both values with their sources' numbers (assigned in
    `cite` as met): '−6.46 (p=0.059) [1] vs −5.78 (p=0.0427) [2]'. Values typeset
    (`labels.typeset`, names in `guard` as written)."""
    if len(per_value) == 1 or len({s for v in per_value.values() for s in v}) == 1:
        return typeset(next(iter(per_value)), guard)
    return " vs ".join(f"{typeset(value, guard)} " + "".join(f"[{cite.setdefault(s, len(cite) + 1)}]"
                                              for s in sources)
                       for value, sources in per_value.items())


def _measure_lines(measures: list[dict[str, str]], cite: dict[str, int] | None = None,
                   guard: re.Pattern[str] | None = None) -> tuple[str, ...]:
    """One line per measure, 'K_{i} 2.2 nM (mGluR2)'; where a context has several, one line for
    it: 'mGluR2: K_{i} 2.2 nM, IC_{50} 20 nM'. Documents that disagree are both shown."""
    cite = {} if cite is None else cite
    by_context: dict[str, list[str]] = {}
    for (ctx, markup), per_value in _grouped(measures, ("context", "markup")).items():
        shown = f"{markup} {_values_text(per_value, cite, guard)}"
        if shown not in (row := by_context.setdefault(ctx, [])):
            row.append(shown)
    out = []
    for ctx, values in by_context.items():
        if ctx and len(values) > 1:
            out.append(f"{ctx}: {', '.join(values)}")
        else:
            out.extend(f"{v} ({ctx})" if ctx else v for v in values)
    return tuple(out)


def _result_lines(results: list[dict[str, str]], cite: dict[str, int],
                  guard: re.Pattern[str] | None = None) -> tuple[str, ...]:
    """A workflow step's results, one line per arm (the measure's name) and time point (its
    context): 'Mij821 0.16 mg/kg: −8.25 (p=0.001)'. Documents that disagree are both shown."""
    return tuple(f"{arm} ({ctx}): {_values_text(v, cite, guard)}" if ctx
                 else f"{arm}: {_values_text(v, cite, guard)}"
                 for (arm, ctx), v in _grouped(results, ("name", "context")).items())


def graph_guard(graph: nx.DiGraph) -> re.Pattern[str] | None:
    """The names in `graph` that typesetting its numbers leaves as written (`labels.typeset`):
    a value or detail that names "Ro 25-6981" keeps the name's hyphen."""
    return typeset_guard(name for _, d in graph.nodes(data=True)
                         for name in (d["label"], *d.get("synonyms", ())))


def workflow_guard(dataset: Dataset, workflow: Workflow) -> re.Pattern[str] | None:
    """`graph_guard` for a workflow: its steps' names and every entity's."""
    return typeset_guard([*(s.label for s in workflow.steps),
                          *(name for e in dataset.entities.values()
                            for name in (e.label, *e.synonyms))])


def view_from_graph(graph: nx.DiGraph, view_id: str, *, placement: dict[str, str] | None = None,
                    compartments: bool = True, measures: bool = True,
                    routes: list[str] | None = None, emphasis: list[str] | None = None,
                    notes: tuple[str, ...] = (), rankdir: str = "",
                    rows: tuple[tuple[str, ...], ...] = (),
                    highlight: list[str] | None = None,
                    own: list[str] | None = None) -> View:
    """A mechanism view of `graph` (already cut to what is drawn): `emphasis`, the convergence
    points; `highlight`, the nodes a user asked to have marked (drawn otherwise, and named
    apart in the legend); `own`, the compounds whose own links are drawn as usual, every other
    link marked as borrowed (`ViewEdge.borrowed`)."""
    import networkx as nx

    placement = placement or {}
    comp_labels = graph.graph.get("compartments", {})
    cite: dict[str, int] = {}  # sources of values the documents disagree on, numbered as met
    guard = graph_guard(graph)
    nodes = []
    for n in sorted(graph.nodes):
        d = graph.nodes[n]
        comp = placement.get(n, d["compartment"]) if compartments else ""
        lines = [typeset(x, guard) for x in d["info"]]
        if measures:
            lines.extend(_measure_lines(d["measures"], cite, guard))
        ids = "; ".join(d["identifiers"])
        # A tooltip is read by a person hovering: names as the terminal prints them (Ca²⁺).
        tip = f"{readable(d['markup'])} ({d['kind']})" + (
            f". {d['description']}" if d["description"] else "")
        tip += f". {ids}" if ids else ""
        if d["measures"]:
            tip += ". " + _evidence_text(graph, d["measures"])
        url = f"https://identifiers.org/{d['identifiers'][0]}" if d["identifiers"] else ""
        kind = look_kind(d["kind"], d.get("role"))  # a map's cAMP: no DRUG badge
        nodes.append(ViewNode(n, d["markup"], kind, comp, tuple(lines), tip, url,
                              emphasis=n in (emphasis or []), highlight=n in (highlight or [])))
    reach = {c: nx.descendants(graph, c) | {c} for c in (routes or []) if c in graph}
    edges = []
    for a, b in sorted(graph.edges):
        d = graph.edges[a, b]
        on = [c for c in reach if a in reach[c]]
        tip = (f"{readable(graph.nodes[a]['markup'])} \u2192 {readable(graph.nodes[b]['markup'])}: "
               f"{d['effect'].replace('_', ' ')} ({d['sign']}, {d['status']}). "
               f"Evidence: {_evidence_text(graph, d['evidence'])}")
        first = d["evidence"][0]["source"] if d["evidence"] else ""
        url = graph.graph.get("sources", {}).get(first, {}).get("address", "")
        # Drawn as its supporting quotes make it, and marked where a quote drawn from says
        # the opposite (the tooltip names which): a solid arrow alone would hide the dispute.
        label = d["label"]
        if any(e.get("contradicts") for e in d["evidence"]):
            label = f"{label} (contested)" if label else "contested"
        lent = _lent(graph, a, d, own) if own else ()
        if lent:
            tip += (f" Drawn from {_lenders(graph, lent)}: not in "
                    f"{_names(graph, own or [])}'s own documents.")
        edges.append(ViewEdge(a, b, d["sign"], d["status"], label,
                              _measure_lines(d["measures"], cite, guard) if measures else (),
                              tip, url,
                              route=on[0] if len(on) == 1 and len(reach) > 1 else "",
                              triggered_by_reduction=d["effect"] == "reduction_triggers",
                              borrowed=lent))
    edges.extend(_structure_lines(graph))
    if not rows:  # rows chosen by hand were chosen with every link's pull
        short = summaries(edges, len(nodes))
        edges = [replace(e, summary=True) if (e.source, e.target) in short else e
                 for e in edges]
    used = sorted({n.compartment for n in nodes if n.compartment})
    kept = tuple(k for row in rows if len(k := tuple(x for x in row if x in graph)) > 1)
    return View(
        id=view_id, kind="mechanism", nodes=tuple(nodes), edges=tuple(edges),
        compartments=tuple((c, comp_labels.get(c, c)) for c in used),
        routes=tuple((c, graph.nodes[c]["label"]) for c in (routes or []) if c in graph)
        if len(reach) > 1 else (),
        notes=notes + _conflict_notes(graph.graph.get("sources", {}), cite), rankdir=rankdir,
        same_rank=kept, rows=kept,
    )


def _lent(graph: nx.DiGraph, source: str, d: Mapping[str, Any], compounds: list[str]
          ) -> tuple[str, ...]:
    """The mechanisms a link is drawn from where it is none of `compounds`' own: not in their
    mechanism files or the modules they use, and not a direct action of one of them (what
    `converge` counts as a compound's own route). () for an own link."""
    own = graph.graph.get("own", {})
    mechanisms = set(d["mechanisms"])
    if any(source == c or mechanisms & set(own.get(c, ())) for c in compounds):
        return ()
    return tuple(sorted(mechanisms))


def _lenders(graph: nx.DiGraph, lent: tuple[str, ...]) -> str:
    """Where borrowed links come from, in words: "the esketamine mechanism", "the network
    carnival" (a loaded network's links are its own, not a mechanism's)."""
    networks = graph.graph.get("networks", {})
    kinds = [f"the network {m}" if m in networks else f"the {m} mechanism" for m in lent]
    return " and ".join(kinds) if len(kinds) < 3 else ", ".join(kinds)


def _names(graph: nx.DiGraph, compounds: list[str]) -> str:
    """The compounds' names as a person reads them: "Ketamine", "Ketamine and MGS0039"."""
    names = [readable(graph.nodes[c]["markup"]) for c in compounds]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 2 else names)


# A link whose target its source also reaches along at least SUMMARY_LINKS other links drawn
# ("esketamine -> rapid antidepressant effect", beside its ten-link proposed cascade) summarises
# that route; looked for in views of up to SUMMARY_CHECKED nodes (a search from each link's
# source: quadratic, so not in a large network's view).
SUMMARY_LINKS = 3
SUMMARY_CHECKED = 80


def summaries(edges: list[ViewEdge], nodes: int) -> set[tuple[str, str]]:
    """The influence links among `edges` (of a view of `nodes` nodes) whose target is also
    reached from their source, without them, along no fewer than SUMMARY_LINKS links. They are
    drawn without pulling their ends together (see `layout.arrangements`): else one such link
    (a compound's clinical effect beside its whole proposed cascade) held `render esketamine` in
    one column, with 7.8 pt text on a slide, where without its pull the cascade folds into rows
    at 12.3 pt. None in a view of more than SUMMARY_CHECKED nodes."""
    if nodes > SUMMARY_CHECKED:
        return set()
    links = sorted({(e.source, e.target) for e in edges if not e.structural})
    out: dict[str, list[str]] = {}
    for a, b in links:
        out.setdefault(a, []).append(b)
    found = set()
    for a, b in links:
        seen, frontier, steps = {a}, [a], 0
        while frontier and b not in seen:  # breadth first, without the link itself
            steps += 1
            reached = []
            for u in frontier:
                for v in out.get(u, ()):
                    if v not in seen and (u, v) != (a, b):
                        seen.add(v)
                        reached.append(v)
            frontier = reached
        if b in seen and steps >= SUMMARY_LINKS:
            found.add((a, b))
    return found


# Each structural line: its relation, the node attribute naming the entity at its upper end (a
# whole, or the general entity a subtype is a kind of), its label, how its tooltip says it, and
# its name in the legend.
STRUCTURE: tuple[tuple[Literal["part-of", "is-a"], str, str, str, str], ...] = (
    ("part-of", "part_of", "contains", "is part of", "Contains (a part of the whole)"),
    ("is-a", "parent", "subtype", "is a kind of", "Subtype (a kind of the general entity)"))


def _structure_lines(graph: nx.DiGraph) -> list[ViewEdge]:
    """A part drawn with its whole, and a subtype drawn with the general entity it is a kind of,
    are joined to it by a plain line: else a subunit's own links float apart, and a figure marks
    "NMDA receptor" as where two compounds meet while one of them only reaches its NR2B-containing
    subtype, with nothing drawn to say why. None where the two are already linked."""
    lines = []
    for relation, attribute, label, says, _ in STRUCTURE:
        for n in sorted(graph.nodes):
            upper = graph.nodes[n].get(attribute, "")
            if upper in graph and upper != n and not graph.has_edge(upper, n) \
                    and not graph.has_edge(n, upper):
                lines.append(ViewEdge(upper, n, "?", "stated", label,
                                      tooltip=f"{readable(graph.nodes[n]['markup'])} {says} "
                                              f"{readable(graph.nodes[upper]['markup'])}",
                                      relation=relation))
    return lines


def _conflict_notes(sources: dict[str, dict[str, str]], cite: dict[str, int]) -> tuple[str, ...]:
    """Footnotes naming the sources of values the documents disagree on."""
    if not cite:
        return ()
    return ("Where the documents disagree, both values are shown with their sources:",
            *(f"[{n}] {sources.get(sid, {}).get('title', sid)}" for sid, n in cite.items()))


def figure_graph(graph: nx.DiGraph, spec: FigureSpec) -> nx.DiGraph:
    """The figure's edges: its mechanisms' edges with evidence from its sources, minus
    exclusions, each as certain and labelled as the figure draws it (what its notes and alt
    text say of it too)."""
    keep = []
    for a, b, d in graph.edges(data=True):
        if a in spec.exclude or b in spec.exclude:
            continue
        evidence = [e for e in d["evidence"] if e["mechanism"] in spec.mechanisms]
        if spec.sources:
            evidence = [e for e in evidence if e["source"] in spec.sources]
        if evidence:
            keep.append((a, b, evidence))
    sub = graph.edge_subgraph((a, b) for a, b, _ in keep).copy()
    for a, b, evidence in keep:
        sub.edges[a, b]["evidence"] = evidence
        sub.edges[a, b]["status"] = edge_status(evidence)  # as certain as what is drawn
        sub.edges[a, b]["label"] = drawn_label(sub.edges[a, b]["labels"], evidence,
                                               spec.mechanisms)
        sub.edges[a, b]["measures"] = [m for m in sub.edges[a, b]["measures"]
                                       if not spec.sources or m["source"] in spec.sources]
    for n in sub.nodes:
        sub.nodes[n]["measures"] = [m for m in sub.nodes[n]["measures"]
                                    if m["mechanism"] in spec.mechanisms
                                    and (not spec.sources or m["source"] in spec.sources)]
    return sub


def figure_view(dataset: Dataset, graph: nx.DiGraph, spec: FigureSpec,
                measures: bool | None = None) -> View:
    """The view a catalog entry asks for."""
    view = _figure_view(dataset, graph, spec, measures)
    drawn = {n.id for n in view.nodes}
    return replace(view, align=tuple(a for a in spec.align if a in drawn))


def _figure_view(dataset: Dataset, graph: nx.DiGraph, spec: FigureSpec,
                 measures: bool | None) -> View:
    if spec.workflow:
        view = workflow_view(dataset, dataset.workflows[spec.workflow], spec.id, spec.rankdir,
                             spec.rows)
        return replace(view, notes=tuple(n.text for n in spec.notes) + view.notes)
    from .queries import shared_downstream

    sub = figure_graph(graph, spec)
    compounds = [dataset.mechanisms[m].compound for m in spec.mechanisms]
    compounds = [c for c in compounds if c and c in sub]
    emphasis: list[str] = []
    if len(compounds) > 1:
        emphasis = list(shared_downstream(sub, compounds).convergence)
    return view_from_graph(
        sub, spec.id, placement=dict(spec.placement), compartments=spec.compartments,
        measures=spec.measures if measures is None else measures,
        routes=compounds if len(compounds) > 1 else None, emphasis=emphasis,
        notes=tuple(n.text for n in spec.notes), rankdir=spec.rankdir, rows=spec.rows)


def _in_own_words(graph: nx.DiGraph, compounds: list[str]) -> nx.DiGraph:
    """`graph` (a copy, changed in place) with each link the compounds' own files assert drawn
    as those files have it: as certain as their evidence, labelled and worded by them, with
    their quotes, as `describe` and `path` tell it. Merged, a link takes the surest document's
    certainty and the first file's label: `render ketamine` drew glutamate -> AMPA receptor
    solid and "BDNF release" on AMPA receptor -> BDNF, from esketamine's document, where
    ketamine's own call the one implied and word the other "activates". Links none of them
    asserts stay as merged (drawn borrowed: `ViewEdge.borrowed`). A node shows the values the
    compounds' own files measured at it, not another compound's: `render mgs0039` wrote
    "mPFC microdialysis: increased (ketamine)" under glutamate surge, from ketamine's file."""
    own = graph.graph.get("own", {})
    mechs = [m for c in compounds for m in own.get(c, ())]
    for _, d in graph.nodes(data=True):
        if any(m["mechanism"] not in mechs for m in d.get("measures", ())):
            d["measures"] = [m for m in d["measures"] if m["mechanism"] in mechs]
    for a, _, d in graph.edges(data=True):
        mine = [e for e in d["evidence"] if e["mechanism"] in mechs or a in compounds]
        if not mine or len(mine) == len(d["evidence"]):
            continue
        order = [m for m in mechs if m in d["mechanisms"]] or d["mechanisms"]
        d["evidence"] = mine
        d["status"] = edge_status(mine)
        d["label"] = drawn_label(d.get("labels", {}), mine, order)
        effects = d.get("effects", {})
        d["effect"] = next((effects[m] for m in order if m in effects), d["effect"])
    return graph


def compounds_view(graph: nx.DiGraph, compounds: list[str], view_id: str,
                   highlight: list[str] | None = None, measures: bool = True) -> View:
    """Everything the compounds reach, their routes coloured and convergence points emphasised."""
    import networkx as nx

    keep: set[str] = set()
    for c in compounds:
        keep |= nx.descendants(graph, c) | {c}
    sub = _in_own_words(graph.subgraph(sorted(keep)).copy(), compounds)
    emphasis: list[str] = []
    if len(compounds) > 1:
        from .queries import shared_downstream

        emphasis = list(shared_downstream(sub, compounds).convergence)
    return view_from_graph(sub, view_id, routes=compounds if len(compounds) > 1 else None,
                           emphasis=emphasis, measures=measures, highlight=list(highlight or []),
                           own=compounds)


def around_view(graph: nx.DiGraph, node: str, depth: int, view_id: str,
                highlight: list[str] | None = None, measures: bool = True,
                max_nodes: int | None = None, sources: list[str] | None = None) -> View:
    """The neighbourhood of `node`, up to `depth` links away in either direction, counted from
    the node and what reaching it means (`queries.targets_of`: its subtypes, and a whole it is
    part of), as `converge` counts: around the NMDA receptor are the compounds acting on its
    NR2B-containing subtype too, joined to it by a subtype line.

    With `max_nodes`, a neighbourhood larger than that keeps the node, then the nodes on the
    shortest route from each source (the compounds by default) that reaches it, then the nearest
    of the rest: on a big network the figure stays readable and still shows who converges."""
    if depth < 1:
        raise UsageError("--depth must be at least 1")
    if max_nodes is not None and max_nodes < 2:
        raise UsageError("--max-nodes must be at least 2")
    from .queries import targets_of

    near = _within(graph, list(targets_of(graph, node)), depth)
    if max_nodes is not None and len(near) > max_nodes:
        from .queries import converging_compounds

        on_routes: dict[str, int] = {}
        for conv in converging_compounds(graph, node, sources=sources):
            for n in conv.path:
                on_routes.setdefault(n, len(on_routes))
        ranked = sorted(near, key=lambda n: (n != node, n not in on_routes,
                                             on_routes.get(n, 0), near[n], n))
        near = {n: near[n] for n in ranked[:max_nodes]}
    sub = graph.subgraph(sorted(near)).copy()
    return view_from_graph(sub, view_id, highlight=[node, *(highlight or [])], measures=measures)


def _within(graph: nx.DiGraph, seeds: list[str], depth: int) -> dict[str, int]:
    """Each node at most `depth` links from the nearest of `seeds`, either way, with that
    distance (a search from all seeds at once, cut off at `depth`: a depth past the graph's
    reach ends when nothing new is reached)."""
    import networkx as nx

    both = graph.to_undirected(as_view=True)
    return dict(nx.multi_source_dijkstra_path_length(both, set(seeds), cutoff=depth,
                                                     weight=lambda u, v, d: 1))


def workflow_view(dataset: Dataset, workflow: Workflow, view_id: str, rankdir: str = "",
                  rows: tuple[tuple[str, ...], ...] = ()) -> View:
    """A workflow as a flowchart view; arms after the same step share a rank."""
    sources = dataset.sources

    def tip(label: str, evidence: tuple) -> str:
        quotes = " | ".join(f"\u201c{readable_quote(e.quote)}\u201d ({sources[e.source].title})"
                            for e in evidence if e.source in sources)
        return f"{label}. Evidence: {quotes}"

    nodes = []
    cite = dataset.citation_numbers(workflow.cited_sources())
    used: set[str] = set()
    guard = workflow_guard(dataset, workflow)
    for s in workflow.steps:
        results = [{"name": x.name, "markup": x.name, "value": x.value, "context": x.context,
                    "source": x.evidence.source} for x in s.measures]
        lines = tuple(typeset(x, guard) for x in (s.duration, *s.details) if x) + \
            _result_lines(results, cite, guard)
        used |= {r["source"] for r in results if any(f"[{cite[r['source']]}]" in ln
                                                      for ln in lines)}
        first = s.evidence[0].source if s.evidence else workflow.source
        nodes.append(ViewNode(s.id, s.label, s.kind, "", lines, tip(readable(s.label), s.evidence),
                              sources[first].address if first in sources else "",
                              status=s.status.value, group=s.group))
    names = {s.id: readable(s.label) for s in workflow.steps}

    def step_pair(ln: Link) -> str:
        # What a reader hovering over the arrow sees: the steps by name, and a next step the
        # documents do not state as one said so.
        said = "" if ln.status is Status.STATED else f" ({CERTAINTY_NAMES[ln.status.value]})"
        return f"{names[ln.source]} \u2192 {names[ln.target]}{said}"

    edges = tuple(
        ViewEdge(ln.source, ln.target, "+", ln.status.value, ln.label, (),
                 tip(step_pair(ln), ln.evidence))
        for ln in workflow.links)
    kinds = {s.id: s.kind for s in workflow.steps}
    arms: dict[str, list[str]] = {}
    for ln in workflow.links:
        if kinds.get(ln.target) == "arm":
            arms.setdefault(ln.source, []).append(ln.target)
    # Arms share a rank unless a row already places them.
    same = tuple(tuple(v) for _, v in sorted(arms.items())
                 if len(v) > 1 and not any(set(v) <= set(r) for r in rows)) + rows
    notes = _conflict_notes({k: {"title": v.title} for k, v in sources.items()},
                            {sid: n for sid, n in cite.items() if sid in used})
    return View(id=view_id, kind="workflow", nodes=tuple(nodes), edges=edges,
                rankdir=rankdir, same_rank=same, rows=rows, notes=notes)

