"""Plain-English accounts of mechanisms and workflows, generated from the graph: speaker notes a
presenter can read aloud, and the same text shortened as alt text.

One short paragraph per route or stage, in reading order: one sentence per link, with articles,
rendered markup (Ca²⁺, IC₅₀), how certain the source is said in words ("is believed to", "is
hypothesised to"), affinities where given, and numbered citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .labels import readable, typeset
from .model import Dataset, Workflow

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Account", "account_of_graph", "account_of_workflow", "describe_graph",
           "describe_workflow"]

# effect -> (third person singular, base form); the base form follows "is believed to" and
# plural subjects.
_VERBS: dict[str, tuple[str, str]] = {
    "activates": ("activates", "activate"),
    "increases": ("increases", "increase"),
    "stimulates": ("stimulates", "stimulate"),
    "releases": ("triggers the release of", "trigger the release of"),
    "induces": ("induces", "induce"),
    "recruits": ("recruits", "recruit"),
    "promotes": ("promotes", "promote"),
    "inhibits": ("inhibits", "inhibit"),
    "blocks": ("blocks", "block"),
    "antagonises": ("antagonises", "antagonise"),
    "decreases": ("decreases", "decrease"),
    "negatively_modulates": ("negatively modulates", "negatively modulate"),
    "modulates": ("modulates", "modulate"),
    "regulates": ("regulates", "regulate"),
    "interacts_with": ("interacts with", "interact with"),
    "reduction_triggers": ("triggers", "trigger"),
}

# How certain the source is, in words: (singular, plural) auxiliaries before the base form.
_HEDGES = {"hedged": ("is believed to", "are believed to"),
           "hypothesised": ("is hypothesised to", "are hypothesised to")}

# Kinds named with "the" mid-sentence ("the NMDA receptor"); and words that make a label one
# countable thing ("the glutamate surge", "the rapid antidepressant effect").
_THE_KINDS = {"receptor"}
_THE_WORDS = {"surge", "effect", "subunit", "tail", "receptor", "pathway", "channel"}


@dataclass(frozen=True)
class Account:
    """A description: a title, paragraphs (with [n] citations), the numbered sources, and short
    paragraphs for alt text (no citations, no numbers)."""

    title: str
    paragraphs: tuple[str, ...]
    sources: tuple[str, ...]
    short: tuple[str, ...]
    cited: tuple[str, ...] = ()  # the ids of `sources`, in their order

    def text(self) -> str:
        """Speaker notes: title, paragraphs, then 'Sources:' with one citation per line."""
        head = [f"{self.title}."] if self.title else []
        body = "\n\n".join([*head, *self.paragraphs])
        if not self.sources:
            return body
        return body + "\n\nSources:\n" + "\n".join(self.sources)

    def alt(self) -> str:
        """Alt text: the same account, shortened."""
        head = [f"{self.title}."] if self.title else []
        return " ".join([*head, *self.short])

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "paragraphs": list(self.paragraphs),
                "sources": list(self.sources), "alt": self.alt(), "text": self.text()}


def _symbol(word: str) -> bool:
    """'BDNF', 'mTOR', 'Ca²⁺', 'GluA1', 'MGS0039': a word whose case is part of its name."""
    return any(ch.isdigit() or ch.isupper() for ch in word[1:]) or not word[:1].isalpha()


def _says_the_verb(label: str, verb: str) -> bool:
    """True where a link's label is only the noun of the verb the sentence already says
    ('activation' of 'activate'), which in parentheses would say it twice.

    >>> _says_the_verb("activation", "activate"), _says_the_verb("expression", "increase")
    (True, False)
    """
    word = label.strip().casefold()
    return " " not in word and word[:6] == verb.casefold()[:6] and len(verb) >= 6


def _in_sentence(label: str) -> str:
    """A label mid-sentence: 'Synaptogenesis' -> 'synaptogenesis', but 'BDNF', 'mTOR' kept."""
    word = label.split()[0]
    return label if _symbol(word) or not word[:1].isupper() else label[0].lower() + label[1:]


def _plural(label: str) -> bool:
    """'Downstream signalling cascades' is plural; 'Disinhibition of pyramidal neurons' is not:
    the head noun is the last word before 'of' and any parenthesis."""
    head = re.sub(r"\s*\(.*\)$", "", label).split(" of ")[0]
    last = head.split()[-1].casefold()
    return last.endswith("s") and not last.endswith(("ss", "sis", "us", "is"))


def _noun(graph: nx.DiGraph, node: str, start: bool = False) -> str:
    """The entity as a noun phrase: 'the NMDA receptor', 'synaptogenesis', 'BDNF'."""
    d = graph.nodes[node]
    label = readable(d["markup"])
    last = re.sub(r"\s*\(.*\)$", "", label).split()[-1].casefold()
    the = d["kind"] in _THE_KINDS or (last in _THE_WORDS and d["kind"] != "compound")
    phrase = _in_sentence(label)
    if the:
        phrase = f"the {phrase}"
    if start and not _symbol(phrase.split()[0]):  # 'mTOR' opens a sentence as it is spelled
        phrase = phrase[0].upper() + phrase[1:]
    return phrase


def _clause(text: str) -> str:
    """A label as a parenthetical without nested parentheses: 'agonist (glutamate site)' ->
    'agonist, glutamate site'."""
    text = readable(text)
    return re.sub(r"\s*\(([^()]*)\)", r", \1", text).strip(" ,")


def _sentence(graph: nx.DiGraph, a: str, b: str, cite: dict[str, int], also: bool) -> str:
    d = graph.edges[a, b]
    effect, status = d["effect"], d["status"]
    third, base = _VERBS[effect]
    if effect == "reduction_triggers":
        # 'A reduction in NMDA receptor activity', 'A reduction in Ca²⁺ influx'.
        what = _in_sentence(readable(graph.nodes[a]["markup"]))
        if graph.nodes[a]["kind"] in ("receptor", "protein"):
            what += " activity"
        subject = f"A reduction in {what}"
        plural = False
    else:
        subject = _noun(graph, a, start=True)
        plural = _plural(readable(graph.nodes[a]["markup"]))
    if status in _HEDGES:
        aux, rest = _HEDGES[status][plural].split(" ", 1)
        verb = f"{aux} {'also ' if also else ''}{rest} {base}"
    else:
        verb = ("also " if also else "") + (base if plural else third)
    target = _noun(graph, b)
    label = ""
    if d["label"] and not _says_the_verb(d["label"], base):
        # never two parentheses in a row: 'LTD (LTD); inferred: ...'
        label = f"; {_clause(d['label'])}" if target.endswith(")") else \
            f" ({_clause(d['label'])})"
    refs = _refs(d["evidence"], cite)
    against = [e for e in d["evidence"] if e["contradicts"]]
    contra = ""
    if against:
        contra = "; contradicted by " + "".join(f"[{cite.setdefault(e['source'], len(cite) + 1)}]"
                                                  for e in against)
    return f"{subject} {verb} {target}{label} {refs}{contra}.".replace(" .", ".")


def _refs(evidence: list[dict[str, Any]], cite: dict[str, int]) -> str:
    """'[1][3]': the numbers of the sources backing a statement, in order."""
    sources = dict.fromkeys(e["source"] for e in evidence if not e.get("contradicts"))
    return "".join(f"[{n}]" for n in sorted(cite.setdefault(s, len(cite) + 1) for s in sources))


def _measures_sentence(measures: list[dict[str, Any]], cite: dict[str, int],
                       guard: re.Pattern[str] | None = None) -> str:
    """'Reported: IC₅₀ 8 nM (human), 6 nM (rat) [2].' Values the documents disagree on are
    both given, each with its source."""
    if not measures:
        return ""
    by_name: dict[str, list[str]] = {}
    for m in measures:
        ref = f" [{cite.setdefault(m['source'], len(cite) + 1)}]"
        ctx = f" ({_clause(m['context'])})" if m["context"] else ""
        by_name.setdefault(readable(m["markup"]), []).append(
            f"{typeset(m['value'], guard)}{ctx}{ref}")
    parts = [f"{name} {', '.join(dict.fromkeys(values))}" for name, values in by_name.items()]
    return f"Reported values: {'; '.join(parts)}."


def _edge_order(graph: nx.DiGraph, start: str | None) -> list[tuple[str, str]]:
    """Edges in reading order: depth first from the start (or every root), the successor that
    leads furthest first (`_lead`), so each route reads as one chain; then what is left.
    O(E log E): each node's successors are sorted once, and each edge followed once."""
    lead = _lead(graph)
    roots = [start] if start else sorted(graph, key=lambda n: (graph.in_degree(n) > 0,
                                                               -lead[n], n))
    ahead = {n: sorted(graph.successors(n), key=lambda s: (-lead[s], s)) for n in graph}
    taken = dict.fromkeys(graph, 0)  # how many of a node's successors are followed
    order: list[tuple[str, str]] = []
    visited: set[str] = set()

    def visit(node: str) -> None:
        stack = [node]
        visited.add(node)
        while stack:
            here = stack[-1]
            if taken[here] == len(ahead[here]):
                stack.pop()
                continue
            succ = ahead[here][taken[here]]
            taken[here] += 1
            order.append((here, succ))
            if succ not in visited:
                visited.add(succ)
                stack.append(succ)

    for root in roots:
        if root not in visited:
            visit(root)
    if not start:
        followed = set(order)
        order.extend(e for e in sorted(graph.edges) if e not in followed)
    return order


def _lead(graph: nx.DiGraph) -> dict[str, int]:
    """How far each node leads: the most links on a route out of it, a loop counted once (on
    the graph of its strongly connected components, each as deep as its own size). In O(E),
    where counting everything downstream of every node took minutes at 10^5 edges."""
    import networkx as nx

    dag = nx.condensation(graph)
    depth: dict[int, int] = {}
    for c in reversed(list(nx.topological_sort(dag))):
        size = len(dag.nodes[c]["members"])
        depth[c] = size - 1 + max((depth[d] + 1 for d in dag.successors(c)), default=0)
    return {n: depth[c] for n, c in dag.graph["mapping"].items()}


def _chains(order: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Split the reading order where the next link does not continue from the last one."""
    chains: list[list[tuple[str, str]]] = []
    for a, b in order:
        if chains and chains[-1][-1][1] == a:
            chains[-1].append((a, b))
        else:
            chains.append([(a, b)])
    return chains


def _in_order(cite: dict[str, int]) -> tuple[str, ...]:
    """The source ids `cite` numbers, in the order of their numbers."""
    return tuple(sorted(cite, key=cite.__getitem__))


def _numbered(graph_sources: dict[str, dict[str, str]], cite: dict[str, int]) -> tuple[str, ...]:
    return tuple(f"[{n}] {graph_sources[s]['citation']}" if s in graph_sources else f"[{n}] {s}"
                 for s, n in sorted(cite.items(), key=lambda x: x[1]))


def _strip_refs(text: str) -> str:
    return re.sub(r"\s*(; contradicted by )?(\[\d+\])+", "", text)


def account_of_graph(graph: nx.DiGraph, start: str | None = None, title: str = "") -> Account:
    """A mechanism's account: one paragraph per route, in the order the start reaches it."""
    from .views import graph_guard

    cite: dict[str, int] = {}
    paragraphs, short = [], []
    subjects: set[str] = set()
    guard = graph_guard(graph)  # numbers typeset as the figure draws them
    for chain in _chains(_edge_order(graph, start)):
        sentences, brief = [], []
        for a, b in chain:
            also = a in subjects and a == chain[0][0] and len(sentences) == 0
            sentence = _sentence(graph, a, b, cite, also)
            subjects.add(a)
            sentences.append(sentence)
            brief.append(_strip_refs(sentence))
            extra = _measures_sentence(graph.edges[a, b]["measures"], cite, guard)
            if extra:
                sentences.append(extra)
        paragraphs.append(" ".join(sentences))
        short.append(" ".join(brief))
    return Account(title, tuple(paragraphs), _numbered(graph.graph.get("sources", {}), cite),
                   tuple(short), _in_order(cite))


def describe_graph(graph: nx.DiGraph, start: str | None = None, title: str = "") -> str:
    """Speaker notes for a mechanism (see `account_of_graph`)."""
    return account_of_graph(graph, start, title).text()


def account_of_workflow(dataset: Dataset, workflow: Workflow) -> Account:
    """A workflow's account: one paragraph per stage in flow order (arms that follow the same
    step together), with the results the documents give, disagreements said so."""
    import networkx as nx

    from .views import workflow_guard

    guard = workflow_guard(dataset, workflow)  # numbers typeset as the figure draws them
    g = nx.DiGraph()
    g.add_nodes_from(s.id for s in workflow.steps)
    g.add_edges_from((ln.source, ln.target) for ln in workflow.links)
    steps = {s.id: s for s in workflow.steps}
    index = {s.id: i for i, s in enumerate(workflow.steps)}
    # In flow order, written order breaking ties; a loop (a step repeated: `check` allows it) is
    # one stage, its steps as written, so a cycle never stops the account.
    dag = nx.condensation(g)
    first = {c: min(index[m] for m in dag.nodes[c]["members"]) for c in dag}
    order = [m for c in nx.lexicographical_topological_sort(dag, key=first.__getitem__)
             for m in sorted(dag.nodes[c]["members"], key=index.__getitem__)]
    cite = dataset.citation_numbers(workflow.cited_sources())  # the figure's numbers too
    paragraphs, short, done = [], [], set()
    for sid in order:
        if sid in done:
            continue
        s = steps[sid]
        if s.kind == "arm":
            arms = [a for a in order if steps[a].kind == "arm" and a not in done
                    and set(g.predecessors(a)) == set(g.predecessors(sid))]
            done.update(arms)
            names = "; ".join(_step_text(steps[a], guard) for a in arms)
            refs = _refs([{"source": e.source} for a in arms for e in steps[a].evidence], cite)
            paragraphs.append(f"Arms: {names} {refs}.")
            short.append(f"Arms: {names}.")
            continue
        done.add(sid)
        hedge = {"hedged": " (hedged in the source)",
                 "hypothesised": " (hypothesised)"}.get(s.status.value, "")
        refs = _refs([{"source": e.source} for e in s.evidence], cite)
        text = f"{_step_text(s, guard)}{hedge} {refs}."
        brief = f"{_step_text(s, guard)}{hedge}."
        results = _results_text(s, cite, guard)
        paragraphs.append(" ".join(x for x in (text, results) if x))
        short.append(" ".join(x for x in (brief, _strip_refs(results)) if x))
    sources = {sid: {"citation": src.citation()} for sid, src in dataset.sources.items()}
    return Account(workflow.title, tuple(paragraphs), _numbered(sources, cite), tuple(short),
                   _in_order(cite))


def _step_text(step: Any, guard: re.Pattern[str] | None = None) -> str:
    extra = [readable(typeset(x, guard)) for x in (step.duration, *step.details) if x]
    label = readable(step.label)
    return f"{label}: {', '.join(extra)}" if extra else label


def _results_text(step: Any, cite: dict[str, int], guard: re.Pattern[str] | None = None) -> str:
    """'Results: Mij821 0.16 mg/kg −8.25 (p=0.001) [1]; ...'; where documents disagree:
    'Mij821 0.16 mg/kg −6.46 (p=0.059) [1], but −5.78 (p=0.0427) [2] (the documents
    disagree)'. Values typeset (`labels.typeset`)."""
    if not step.measures:
        return ""
    by_arm: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for m in step.measures:
        by_arm.setdefault((readable(m.name), m.context), []).append(
            (typeset(m.value, guard), m.evidence.source))
    parts = []
    for (arm, ctx), values in by_arm.items():
        when = f" at {ctx}" if ctx else ""
        shown = [f"{v} [{cite.setdefault(src, len(cite) + 1)}]" for v, src in values]
        unique = {v for v, _ in values}
        if len(unique) > 1:
            parts.append(f"{arm}{when} {shown[0]}, but {', '.join(shown[1:])} "
                         "(the documents disagree)")
        else:
            refs = "".join(dict.fromkeys(f"[{cite.setdefault(src, len(cite) + 1)}]"
                                         for _, src in values))
            parts.append(f"{arm}{when} {values[0][0]} {refs}")
    return f"Results: {'; '.join(parts)}."


def describe_workflow(dataset: Dataset, workflow: Workflow) -> str:
    """Speaker notes for a workflow (see `account_of_workflow`)."""
    return account_of_workflow(dataset, workflow).text()
