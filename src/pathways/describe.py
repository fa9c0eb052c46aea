"""Plain-English accounts of mechanisms and workflows, generated from the graph: alt text, notes."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from .model import Dataset, Workflow

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["citations", "describe_graph", "describe_workflow"]

_VERBS = {
    "activates": "activates",
    "increases": "increases",
    "stimulates": "stimulates",
    "releases": "triggers release of",
    "induces": "induces",
    "recruits": "recruits",
    "promotes": "promotes",
    "inhibits": "inhibits",
    "blocks": "blocks",
    "antagonises": "antagonises",
    "decreases": "decreases",
    "negatively_modulates": "negatively modulates",
    "modulates": "modulates",
    "regulates": "regulates",
}


def _in_sentence(label: str) -> str:
    """A label mid-sentence: 'Synaptogenesis' -> 'synaptogenesis', but 'BDNF', 'mTOR' kept."""
    word = label.split()[0]
    return label[0].lower() + label[1:] if word.isalpha() and word[1:].islower() else label


def _edge_order(graph: nx.DiGraph, start: str | None) -> list[tuple[str, str]]:
    """Edges in reading order: breadth-first from the start (or from every root), then the rest."""
    roots = [start] if start else sorted(n for n in graph if graph.in_degree(n) == 0)
    order, seen, queue = [], set(), deque(roots)
    visited = set(roots)
    import networkx as nx

    reach = {n: len(nx.descendants(graph, n)) for n in graph}
    while queue:
        node = queue.popleft()
        # The main route first: successors that lead further come before side effects.
        for succ in sorted(graph.successors(node), key=lambda n: (-reach[n], n)):
            if (node, succ) not in seen:
                seen.add((node, succ))
                order.append((node, succ))
            if succ not in visited:
                visited.add(succ)
                queue.append(succ)
    order.extend(e for e in sorted(graph.edges) if e not in seen and not start)
    return order


def citations(graph: nx.DiGraph, edges: list[tuple[str, str]]) -> list[str]:
    """Source ids cited by `edges`, in first-use order."""
    out: list[str] = []
    for a, b in edges:
        for ev in graph.edges[a, b]["evidence"]:
            if ev["source"] not in out:
                out.append(ev["source"])
    return out


def describe_graph(graph: nx.DiGraph, start: str | None = None, title: str = "") -> str:
    """A paragraph per mechanism: one sentence per link, hypothesised links said so, sources cited.

    With `start`, only what `start` reaches is described, in the order it reaches it.
    """
    edges = _edge_order(graph, start)
    cited = citations(graph, edges)
    number = {sid: i + 1 for i, sid in enumerate(cited)}
    sentences = []
    for a, b in edges:
        d = graph.edges[a, b]
        label = f" ({d['label']})" if d["label"] else ""
        hedge = " (hypothesised: the source only implies this link)" \
            if d["status"] == "hypothesised" else ""
        refs = "".join(f"[{number[s]}]" for s in dict.fromkeys(e["source"]
                                                               for e in d["evidence"]))
        subject = graph.nodes[a]["label"]
        verb = _VERBS[d["effect"]]
        if subject.endswith(("cascades", "molecules")):  # plural subjects
            verb = verb[:-1] if verb.endswith(("tes", "ses")) else verb.replace("s ", " ", 1)
        sentences.append(f"{subject} {verb} {_in_sentence(graph.nodes[b]['label'])}{label}{hedge} "
                         f"{refs}.")
    head = f"{title}. " if title else ""
    sources = graph.graph.get("sources", {})
    refs = " ".join(f"[{number[s]}] {sources[s]['citation']}" for s in cited if s in sources)
    return f"{head}{' '.join(sentences)}\nSources: {refs}" if refs else head + " ".join(sentences)


def describe_workflow(dataset: Dataset, workflow: Workflow) -> str:
    """The workflow as numbered steps in flow order, with its source."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(s.id for s in workflow.steps)
    g.add_edges_from((ln.source, ln.target) for ln in workflow.links)
    steps = {s.id: s for s in workflow.steps}
    order = list(nx.lexicographical_topological_sort(g, key=lambda n: [s.id for s in
                                                                      workflow.steps].index(n)))
    parts = []
    for i, sid in enumerate(order, 1):
        s = steps[sid]
        extra = [x for x in (s.duration, *s.details) if x]
        hedge = " (hypothesised)" if s.status.value == "hypothesised" else ""
        parts.append(f"{i}. {s.label}{hedge}" + (f": {'; '.join(extra)}" if extra else "") + ".")
    sources = {ev.source for s in workflow.steps for ev in s.evidence}
    sources |= {ev.source for ln in workflow.links for ev in ln.evidence}
    refs = " ".join(f"[{i}] {dataset.sources[sid].citation()}"
                    for i, sid in enumerate(sorted(sources), 1) if sid in dataset.sources)
    return f"{workflow.title}. {' '.join(parts)}\nSources: {refs}"
