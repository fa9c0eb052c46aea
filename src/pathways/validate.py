"""Cross-file checks on a read dataset: references, signs, evidence, quotes. Pure over the model."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from .certainty import hedge_words
from .errors import Problem
from .labels import folded, plain
from .model import Dataset, Evidence, Kind, Measure, Status

__all__ = ["evidence_items", "hedge_words", "measure_conflicts", "normalise_quote", "suggest",
           "validate", "verify_quotes"]

_CURIE = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*:[A-Za-z0-9_.\-]+$")


def suggest(name: str, known: list[str]) -> str:
    """" (did you mean 'x', 'y'?)" for the names of `known` closest to `name`, or ""."""
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


def _data_file(dataset: Dataset, name: str) -> str:
    """A data file named as `load` names files."""
    from .load import display_name

    return display_name(Path(dataset.root), Path(dataset.root) / name)


def validate(dataset: Dataset, lines: dict[str, int | None] | None = None) -> list[Problem]:
    """Every cross-reference problem in `dataset`, plus cycles reported as information."""
    lines = lines or {}
    problems: list[Problem] = []
    ents = dataset.entities
    known = sorted(ents)
    ent_file = _data_file(dataset, "entities.toml")
    fig_file = _data_file(dataset, "figures.toml")

    def ref(name: str, file: str, where: str, line: int | None, what: str = "entity") -> None:
        if name and name not in ents:
            problems.append(Problem(file, where, f"unknown {what} {name!r}{suggest(name, known)}",
                                    line))

    def src_ref(ev: Evidence, file: str, where: str, line: int | None) -> None:
        if ev.source and ev.source not in dataset.sources:
            problems.append(Problem(file, where, f"unknown source {ev.source!r}"
                                    f"{suggest(ev.source, sorted(dataset.sources))}", line))

    # Entities: parents, compartments, identifiers, ambiguous names.
    names: dict[str, str] = {}
    for e in ents.values():
        where = f"entity {e.id!r}"
        if e.parent:
            ref(e.parent, ent_file, f"{where} parent", e.line)
            if e.parent == e.id:
                problems.append(Problem(ent_file, where, "is a kind of itself", e.line))
        if e.compartment and e.compartment not in dataset.compartments:
            problems.append(Problem(ent_file, where, f"unknown compartment {e.compartment!r}"
                                    f"{suggest(e.compartment, sorted(dataset.compartments))}",
                                    e.line))
        for curie in e.identifiers:
            if not _CURIE.match(curie):
                problems.append(Problem(ent_file, where, f"identifier {curie!r} is not a CURIE "
                                        "(PREFIX:local, e.g. CHEBI:6121)", e.line))
        # The keys a lookup finds it by (`queries.name_table`): its id in any case; its label,
        # drawn and as written, and synonyms folded (NFKC: "Ke\u0301tamine" is "Kétamine").
        keys = {e.id: e.id.casefold(), **{n: folded(n) for n in (plain(e.label), e.label,
                                                                   *e.synonyms)}}
        for name in (e.label, *e.synonyms):
            if (hidden := next((c for c in name if unicodedata.category(c) == "Cf"), None)):
                problems.append(Problem(ent_file, where, f"name {name!r} holds an invisible "
                                        f"character (U+{ord(hidden):04X}): it looks like a name "
                                        "it is not, and nobody types it", e.line))
        for name, key in keys.items():
            if key in names and names[key] != e.id:
                problems.append(Problem(ent_file, where, f"name {name!r} also names entity "
                                        f"{names[key]!r}; lookups would be ambiguous", e.line))
            names.setdefault(key, e.id)

    problems.extend(_is_a_cycles(dataset, ent_file))

    # Mechanisms: references, evidence sources, duplicate and contradictory edges.
    signs: dict[tuple[str, str], tuple[str, str, str]] = {}
    for m in dataset.mechanisms.values():
        if m.compound:
            ref(m.compound, m.file, "[mechanism] compound", 1)
            if m.compound in ents and ents[m.compound].kind is not Kind.COMPOUND:
                problems.append(Problem(m.file, "[mechanism] compound",
                                        f"{m.compound!r} is not of kind compound", 1))
        seen: set[tuple[str, str]] = set()
        for e in m.edges:
            where = f"edge {e.source} -> {e.target}"
            ref(e.source, m.file, where, e.line)
            ref(e.target, m.file, where, e.line)
            if e.source == e.target:
                problems.append(Problem(m.file, where, "an edge from an entity to itself", e.line))
            if (e.source, e.target) in seen:
                problems.append(Problem(m.file, where, "asserted twice in this file; merge the "
                                        "evidence into one edge", e.line))
            seen.add((e.source, e.target))
            for ev in e.evidence + tuple(x.evidence for x in e.measures):
                src_ref(ev, m.file, where, e.line)
            prior = signs.get((e.source, e.target))
            if prior and prior[0] != e.sign and "?" not in (prior[0], e.sign):
                problems.append(Problem(m.file, where, f"sign {e.sign} ({e.effect}) contradicts "
                                        f"sign {prior[0]} ({prior[1]}) asserted in {prior[2]}",
                                        e.line))
            signs.setdefault((e.source, e.target), (e.sign, e.effect, m.file))
        for entity, measure in m.measures:
            ref(entity, m.file, f"measure {measure.name} on {entity}", measure.line)
            src_ref(measure.evidence, m.file, f"measure {measure.name} on {entity}", None)

    # Workflows: step references and evidence sources.
    for w in dataset.workflows.values():
        if w.source and w.source not in dataset.sources:
            problems.append(Problem(w.file, "[workflow] source", f"unknown source {w.source!r}"
                                    f"{suggest(w.source, sorted(dataset.sources))}", 1))
        step_ids = [s.id for s in w.steps]
        seen_steps: set[str] = set()
        for s in w.steps:
            if s.id in seen_steps:
                problems.append(Problem(w.file, f"step {s.id!r}", "duplicate step id", s.line))
            seen_steps.add(s.id)
            for ev in s.evidence:
                src_ref(ev, w.file, f"step {s.id!r}", s.line)
        seen_links: set[tuple[str, str]] = set()
        for ln in w.links:
            where = f"link {ln.source} -> {ln.target}"
            for end in (ln.source, ln.target):
                if end and end not in step_ids:
                    problems.append(Problem(w.file, where, f"unknown step {end!r}"
                                            f"{suggest(end, step_ids)}", ln.line))
            # A link from a step to itself is a repeat, drawn as a loop on the step; given
            # twice, a link was drawn as two arrows side by side.
            if (ln.source, ln.target) in seen_links:
                problems.append(Problem(w.file, where, "given twice; merge the evidence into "
                                        "one link", ln.line))
            seen_links.add((ln.source, ln.target))
            for ev in ln.evidence:
                src_ref(ev, w.file, where, ln.line)

    # Figures: what they draw must exist.
    for fig in dataset.figures.values():
        where = f"figure {fig.id!r}"
        if bool(fig.mechanisms) == bool(fig.workflow):
            problems.append(Problem(fig_file, where, "give either `mechanisms` or `workflow`",
                                    fig.line))
        for mid in fig.mechanisms:
            if mid not in dataset.mechanisms:
                problems.append(Problem(fig_file, where, f"unknown mechanism {mid!r}"
                                        f"{suggest(mid, sorted(dataset.mechanisms))}", fig.line))
        if fig.workflow and fig.workflow not in dataset.workflows:
            problems.append(Problem(fig_file, where, f"unknown workflow {fig.workflow!r}"
                                    f"{suggest(fig.workflow, sorted(dataset.workflows))}",
                                    fig.line))
        for sid in (fig.source, *fig.sources):
            if sid and sid not in dataset.sources:
                problems.append(Problem(fig_file, where, f"unknown source {sid!r}"
                                        f"{suggest(sid, sorted(dataset.sources))}", fig.line))
        for eid in fig.exclude:
            ref(eid, fig_file, f"{where} exclude", fig.line)
        wf = dataset.workflows.get(fig.workflow or "")
        placed = [("rows", x) for row in fig.rows for x in row] + [("align", x) for x in fig.align]
        for key, eid in placed:
            if wf is None:
                ref(eid, fig_file, f"{where} {key}", fig.line)
            elif eid not in {s.id for s in wf.steps}:
                problems.append(Problem(fig_file, f"{where} {key}", f"unknown step {eid!r}",
                                        fig.line))
        for eid, comp in fig.placement:
            ref(eid, fig_file, f"{where} placement", fig.line)
            if comp and comp not in dataset.compartments:
                problems.append(Problem(fig_file, f"{where} placement",
                                        f"unknown compartment {comp!r}", fig.line))
        for note in fig.notes:
            src_ref(note.evidence, fig_file, f"{where} note", fig.line)

    problems.extend(_links(dataset, ent_file))
    problems.extend(_certainty(dataset))
    problems.extend(_conflicting_measures(dataset, ent_file))
    problems.extend(_synonyms(dataset, ent_file))
    problems.extend(_cycles(dataset))
    problems.extend(_figures_draw_something(dataset, fig_file))
    return problems


def _is_a_cycles(dataset: Dataset, ent_file: str) -> list[Problem]:
    """Is-a and part-of must each be a tree (a loop would make `converge` spin, or say a node
    contains itself): each entity on a loop of `parent` links, or of `part_of` links, is
    reported once (see `_loops`)."""
    return [*_loops(dataset, ent_file, "parent", "is-a"),
            *_loops(dataset, ent_file, "part_of", "part-of")]


def _loops(dataset: Dataset, ent_file: str, link: str, name: str) -> list[Problem]:
    """Each entity on a loop of its `link` field (an entity id, or ""), once, in one pass over
    the entities (each is walked once)."""
    ents = dataset.entities
    state: dict[str, int] = {}  # 1: on the walk in progress, 2: finished
    out = []
    for start in ents:
        walk, node = [], start
        while node in ents and node not in state:
            state[node] = 1
            walk.append(node)
            node = getattr(ents[node], link) or ""
        if state.get(node) == 1:  # the walk came back to itself: node .. end of walk is a loop
            for member in walk[walk.index(node):]:
                e = ents[member]
                out.append(Problem(ent_file, f"entity {e.id!r}",
                                   f"{name} cycle through {getattr(e, link)!r}", e.line))
        for member in walk:
            state[member] = 2
    return out


def _figures_draw_something(dataset: Dataset, fig_file: str) -> list[Problem]:
    """A figure whose `exclude` and `sources` leave no link (or whose workflow has no step) would
    only fail in Graphviz; say so here, naming the figure."""
    out = []
    for fig in dataset.figures.values():
        if fig.workflow:
            wf = dataset.workflows.get(fig.workflow)
            if wf is not None and not wf.steps:
                out.append(Problem(fig_file, f"figure {fig.id!r}", f"draws nothing: workflow "
                                   f"{fig.workflow!r} has no [[step]]", fig.line))
            continue
        mechs = [dataset.mechanisms[m] for m in fig.mechanisms if m in dataset.mechanisms]
        if not mechs:
            continue
        excluded, sources = set(fig.exclude), set(fig.sources)
        drawn = any(e.source not in excluded and e.target not in excluded
                    and (not sources or any(ev.source in sources for ev in e.evidence))
                    for m in mechs for e in m.edges)
        if not drawn:
            why = " and ".join(k for k, v in (("`exclude`", excluded), ("`sources`", sources)) if v)
            out.append(Problem(fig_file, f"figure {fig.id!r}", "draws nothing: no link of its "
                               f"mechanisms is left{' by ' + why if why else ''}", fig.line))
    return out


def _certainty(dataset: Dataset) -> list[Problem]:
    """A quote with a hedge marked `stated`, and an edge whose own quotes contradict it."""
    out = []
    for file, where, line, ev in evidence_items(dataset):
        words = hedge_words(ev.quote)
        if words and ev.status is Status.STATED and not ev.contradicts:
            out.append(Problem(file, where, f"quote hedges ({', '.join(dict.fromkeys(words))}) "
                               f"but is marked stated: {ev.quote[:70]!r}; use status = "
                               "\"hedged\" (or \"hypothesised\")", line, "warning"))
    for m in dataset.mechanisms.values():
        for e in m.edges:
            for ev in e.evidence:
                if ev.contradicts:
                    out.append(Problem(m.file, f"edge {e.source} -> {e.target}",
                                       f"quote contradicts the edge ({ev.source}): "
                                       f"{ev.quote[:70]!r}", e.line, "warning"))
    return out


def _links(dataset: Dataset, ent_file: str) -> list[Problem]:
    """References added with certainty and roles: part-of, module use, roles."""
    out = []
    ents = dataset.entities
    for e in ents.values():
        if e.part_of and e.part_of not in ents:
            out.append(Problem(ent_file, f"entity {e.id!r} part_of", f"unknown entity "
                               f"{e.part_of!r}{suggest(e.part_of, sorted(ents))}", e.line))
    for m in dataset.mechanisms.values():
        for used in m.uses:
            if used not in dataset.mechanisms:
                out.append(Problem(m.file, "[mechanism] uses", f"unknown mechanism {used!r}"
                                   f"{suggest(used, sorted(dataset.mechanisms))}", 1))
            elif dataset.mechanisms[used].compound:
                out.append(Problem(m.file, "[mechanism] uses", f"{used!r} is the mechanism of "
                                   f"{dataset.mechanisms[used].compound!r}, not a shared module; "
                                   "its links are that compound's", 1))
    return out


def _measure_owners(dataset: Dataset) -> Iterator[tuple[str, str, int | None, Measure]]:
    """Every measure with the file, the thing it describes, and its line."""
    for m in dataset.mechanisms.values():
        for e in m.edges:
            for x in e.measures:
                yield m.file, f"edge {e.source} -> {e.target}", x.line, x
        for entity, x in m.measures:
            yield m.file, f"entity {entity!r}", x.line, x
    for w in dataset.workflows.values():
        for s in w.steps:
            for x in s.measures:
                yield w.file, f"step {s.id!r}", x.line, x


def measure_conflicts(measures: Iterable[Measure]) -> dict[tuple[str, str], list[Measure]]:
    """Measures of one name and context whose documents give different values: both are kept;
    this says which disagree, keyed by (name, context)."""
    groups: dict[tuple[str, str], list[Measure]] = {}
    for x in measures:
        groups.setdefault((plain(x.name).casefold(), x.context.casefold()), []).append(x)
    return {k: v for k, v in groups.items()
            if len({x.value for x in v}) > 1 and len({x.evidence.source for x in v}) > 1}


def _conflicting_measures(dataset: Dataset, ent_file: str) -> list[Problem]:
    """Reported, not resolved: where documents disagree, both values stay."""
    by_owner: dict[tuple[str, str], list[tuple[int | None, Measure]]] = {}
    for file, owner, line, x in _measure_owners(dataset):
        owner_key = owner if owner.startswith(("entity", "edge")) else f"{file}|{owner}"
        by_owner.setdefault((owner_key, file), []).append((line, x))
    merged: dict[str, list[tuple[str, int | None, Measure]]] = {}
    for (owner, file), items in by_owner.items():
        merged.setdefault(owner, []).extend((file, line, x) for line, x in items)
    out = []
    for owner, items in sorted(merged.items()):
        for (_name, _ctx), group in sorted(measure_conflicts(x for _, _, x in items).items()):
            first = next((f, ln) for f, ln, x in items if x is group[0])
            values = "; ".join(f"{x.value} ({x.evidence.source})" for x in group)
            where = owner.split("|")[-1]
            ctx = f" ({group[0].context})" if group[0].context else ""
            out.append(Problem(first[0], where, f"documents disagree on {plain(group[0].name)}"
                               f"{ctx}: {values}; both are kept and shown", first[1], "warning"))
    return out


def _synonyms(dataset: Dataset, ent_file: str) -> list[Problem]:
    """A name that one entity claims while another entity's names use it as a word (the
    documents' 'NR2B' for the subunit and for the receptor), unless the two are linked by is-a
    or part-of: lookups would pick one of the meanings silently."""
    ents = dataset.entities

    def linked(a: str, b: str) -> bool:
        def up(x: str) -> set[str]:
            out, todo = set(), [x]
            while todo:
                e = ents.get(todo.pop())
                for nxt in (e.parent, e.part_of) if e else ():
                    if nxt and nxt not in out:
                        out.add(nxt)
                        todo.append(nxt)
            return out
        return b in up(a) or a in up(b)

    words: dict[str, set[str]] = {}
    for e in ents.values():
        for name in (e.label, *e.synonyms):
            for w in set(re.findall(r"[\w\-/]+", plain(name).casefold())):
                words.setdefault(w, set()).add(e.id)
    out = []
    for e in sorted(ents.values(), key=lambda e: e.id):
        for syn in e.synonyms:
            key = syn.casefold()
            others = sorted(o for o in words.get(key, ()) if o != e.id and not linked(e.id, o))
            if others:
                out.append(Problem(ent_file, f"entity {e.id!r}", f"synonym {syn!r} also names "
                                   f"part of {', '.join(others)}, which is not linked to it "
                                   "(is-a or part-of): the documents' uses disagree", e.line,
                                   "warning"))
    return out


def _cycles(dataset: Dataset) -> list[Problem]:
    """Feedback loops are legal; report each knot of them (a strongly connected component) as
    information, in time linear in the edges: one line per knot, never one per cycle (a ladder of
    n entities has 2^n cycles). A knot that is one simple loop is written out in order; a larger
    one is named by its entities, with one loop through it as an example."""
    import networkx as nx

    g = nx.DiGraph()
    files: dict[tuple[str, str], str] = {}
    for m in dataset.mechanisms.values():
        for e in m.edges:
            if e.source != e.target:  # a self-edge is an error of its own
                g.add_edge(e.source, e.target)
                files.setdefault((e.source, e.target), m.file)
    out = []
    knots = sorted((sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1),
                   key=lambda c: c[0])
    for knot in knots:
        sub = g.subgraph(knot)
        found = [u for u, _ in nx.find_cycle(sub, knot[0])]
        i = found.index(min(found))  # start at the smallest id, keep the order
        cycle = found[i:] + found[:i]
        loop = " -> ".join([*cycle, cycle[0]])
        file = files.get((cycle[0], cycle[1 % len(cycle)]), dataset.root)
        if sub.number_of_edges() == len(knot):
            message = f"feedback loop {loop} (legal; reported for information)"
        else:
            named = ", ".join(knot[:8]) + (f" and {len(knot) - 8} more" if len(knot) > 8 else "")
            message = (f"feedback loops among {len(knot)} entities ({named}; "
                       f"{sub.number_of_edges()} links), e.g. {loop} (legal; reported for "
                       "information)")
        out.append(Problem(file, "cycle", message, severity="info"))
    return out


def normalise_quote(text: str) -> str:
    """What quote matching forgives: runs of whitespace and Markdown bold markers."""
    return " ".join(text.replace("**", "").split())


def evidence_items(dataset: Dataset) -> Iterator[tuple[str, str, int | None, Evidence]]:
    """Every piece of evidence with the file, place and line it is written at."""
    for m in dataset.mechanisms.values():
        for e in m.edges:
            for ev in e.evidence + tuple(x.evidence for x in e.measures):
                yield m.file, f"edge {e.source} -> {e.target}", e.line, ev
        for entity, measure in m.measures:
            yield m.file, f"measure {measure.name} on {entity}", None, measure.evidence
    for w in dataset.workflows.values():
        for s in w.steps:
            for ev in s.evidence + tuple(x.evidence for x in s.measures):
                yield w.file, f"step {s.id!r}", s.line, ev
        for ln in w.links:
            for ev in ln.evidence:
                yield w.file, f"link {ln.source} -> {ln.target}", ln.line, ev
    fig_file = _data_file(dataset, "figures.toml")
    for fig in dataset.figures.values():
        for note in fig.notes:
            yield fig_file, f"figure {fig.id!r} note", fig.line, note.evidence


def verify_quotes(dataset: Dataset, texts_dir: str | Path) -> list[Problem]:
    """Check every quote against full-text copies of the sources in `texts_dir`.

    A text file belongs to the source whose title it contains. A source with no text is a
    warning (its quotes are not checked: you may have only some of the texts); where no text
    matches any source (the wrong folder, say), nothing could be checked, which is an error.
    """
    texts: dict[str, str] = {}
    for path in sorted(Path(texts_dir).glob("*")):
        if not path.is_file():
            continue
        body = normalise_quote(path.read_text(encoding="utf-8", errors="replace"))
        for src in dataset.sources.values():
            if normalise_quote(src.title) in body:
                texts.setdefault(src.id, body)
    none = not texts and bool(dataset.sources)
    problems = [Problem(_data_file(dataset, "sources.toml"), f"source {sid!r}",
                        f"no text in {texts_dir} contains its title: its quotes are not checked",
                        None, "error" if none else "warning")
                for sid in sorted(dataset.sources) if sid not in texts]
    for file, where, line, ev in evidence_items(dataset):
        body = texts.get(ev.source)
        if body is not None and normalise_quote(ev.quote) not in body:
            problems.append(Problem(file, where, f"quote not found verbatim in {ev.source!r}: "
                                    f"{ev.quote[:60]!r}", line))
    return problems
