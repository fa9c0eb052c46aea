"""A large imported network held in flat columns behind the networkx graph interface.

networkx keeps every link as a dict of attributes, stored in both endpoints' adjacency rows:
1.1-1.6 KB a link once its evidence is attached, 1.8 GiB for 10^6 links. `ColumnGraph` is a
`networkx.DiGraph` whose nodes, adjacency rows and link attributes are built on demand from
columns: node and link indices in typed arrays, signs and certainties as one-byte codes, effect
words, labels and evidence sources interned, each link's quote one string. A link's or a
node's attribute dict is made when it is asked for (`graph.edges[u, v]`, `graph.nodes[n]`) and
kept from then on, so changes to it stay; links walked in bulk (`graph.edges(data=True)`) are
made afresh and not kept, and nodes walked in bulk (`graph.nodes(data=True)`) are read-only
views of their records. Links that are not one record with one quote (a pair asserted several
times, a record with several quotes) are kept as ordinary dicts, as are nodes and links added
later (the curated data joined in).

It answers like the plain graph `merge.network_graph` builds (same nodes, links and
attributes), at about 100 bytes a link; `pathways.compact` builds its search arrays
from the columns directly. A graph made with `ColumnGraph()` is an ordinary networkx graph
(`copy()` and subgraph views make those).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from .merge import NameRow

__all__ = ["NUMPY_MIN_LINKS", "SIGNS", "STATUSES", "ColumnGraph", "grouped", "with_numpy"]

SIGNS = "+-?"
STATUSES = ("stated", "hedged", "hypothesised")
_SIGN_CODE = {s: i for i, s in enumerate(SIGNS)}
_STATUS_CODE = {s: i for i, s in enumerate(STATUSES)}


NUMPY_MIN_LINKS = 50_000
"""From this many links the arrays are grouped and sorted with numpy; below it, by counting
in Python, which costs less than importing numpy (60-90 ms): a network of 20,000 links is
indexed in about 15 ms."""


def with_numpy(links: int) -> bool:
    """True when arrays of `links` values are worth numpy's import (`NUMPY_MIN_LINKS`)."""
    return links >= NUMPY_MIN_LINKS


def grouped(rows: Sequence[int], size: int) -> tuple[array, array]:
    """(start, order): the positions of `rows` (values 0 <= row < `size`) grouped by row,
    each group in position order, and where row r's group starts in `order` (`start[r]`, with
    `start[size]` = len(rows)): a CSR index. A counting sort, linear; numpy from
    `NUMPY_MIN_LINKS` values."""
    if with_numpy(len(rows)):
        import numpy as np

        ends = np.asarray(rows, dtype=np.int64)
        order = np.argsort(ends, kind="stable").astype(np.int32)
        start = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(np.bincount(ends, minlength=size), out=start[1:])
        return array("q", start.tobytes()), array("i", order.tobytes())
    counts = [0] * (size + 1)
    for r in rows:
        counts[r + 1] += 1
    start = list(accumulate(counts))
    place = start[:-1]
    order = [0] * len(rows)
    for k, r in enumerate(rows):
        order[place[r]] = k
        place[r] += 1
    return array("q", start), array("i", order)


ROW_SCAN = 32  # links a row may have and still be scanned for a neighbour (`links_between`)


class Columns:
    """The columns of one network: nodes (file order) and the links that are one record with
    one quote (file order), with a CSR index of each node's links out and in."""

    def __init__(self, nid: str, nodes: list[Any]):
        self.nid = nid
        self.records = nodes  # the reader's Node records, by index
        self.names: list[str] = [n.id for n in nodes]
        self.index: dict[str, int] = {n: i for i, n in enumerate(self.names)}
        self.alive = bytearray(b"\x01") * len(nodes)
        self.src, self.dst = array("i"), array("i")
        self.sign, self.status = array("b"), array("b")
        self.effect, self.label, self.source = array("i"), array("i"), array("i")
        self.quote: list[str] = []
        self.words: list[str] = []  # effects, labels and evidence source ids, by code
        self.retarget: dict[str, str] = {}  # where a node's parent / part_of went when joined
        self.mechanisms: list[str] = [nid]  # shared by every link: replaced, never mutated
        self.none: list[Any] = []
        self.no_labels: dict[str, str] = {}
        self.out_start = self.out_edge = self.in_start = self.in_edge = array("i")
        self._rows: dict[bool, dict[int, dict[int, list[int]]]] = {}  # see `links_between`

    def fill(self, interactions: list[Any], src: array, dst: array) -> None:
        """The column links: `interactions`, each of one quote, in their order, between the
        nodes `src` and `dst` (arrays of node indices)."""
        codes: dict[str, int] = {}  # word -> its code
        self.src, self.dst = src, dst
        self.sign = array("b", [_SIGN_CODE[it.sign] for it in interactions])
        self.status = array("b", [_STATUS_CODE[it.evidence[0][2]] for it in interactions])
        for column, values in (("effect", [it.effect for it in interactions]),
                               ("label", [it.label for it in interactions]),
                               ("source", [it.evidence[0][0] for it in interactions])):
            for word in dict.fromkeys(values):  # each new word's code, in order of first use
                codes.setdefault(word, len(codes))
            setattr(self, column, array("i", [codes[v] for v in values]))
        self.words = list(codes)  # in code order: a dict keeps insertion order
        self.quote = [it.evidence[0][1] for it in interactions]

    def index_rows(self) -> None:
        """The CSR index over the links, each row in file order (as networkx keeps it)."""
        n = len(self.names)
        self.out_start, self.out_edge = grouped(self.src, n)
        self.in_start, self.in_edge = grouped(self.dst, n)

    def links_between(self, i: int, j: int, out: bool) -> list[int]:
        """The column links of node `i`'s row out (or in) whose other end is node `j`, in file
        order. A long row is looked up in an index of it made on first use, not scanned: a
        hub's links looked up one by one (as joining a network to the curated data moves
        each) were quadratic in its degree, 20,000 links into mTOR taking 23 s to `check`."""
        start, edge = (self.out_start, self.out_edge) if out else (self.in_start, self.in_edge)
        ends = self.dst if out else self.src
        lo, hi = start[i], start[i + 1]
        if hi - lo <= ROW_SCAN:
            return [e for k in range(lo, hi) if ends[e := edge[k]] == j]
        rows = self._rows.setdefault(out, {})
        row = rows.get(i)
        if row is None:
            row = rows[i] = {}
            for k in range(lo, hi):
                row.setdefault(ends[edge[k]], []).append(edge[k])
        return row.get(j, [])

    def edge_data(self, e: int) -> dict[str, Any]:
        """The attribute dict of column link `e`, as `merge.network_graph` writes it."""
        words = self.words
        label = words[self.label[e]]
        status = STATUSES[self.status[e]]
        return {"effect": words[self.effect[e]], "sign": SIGNS[self.sign[e]], "status": status,
                "label": label, "mechanisms": self.mechanisms,
                "labels": {self.nid: label} if label else self.no_labels,
                "compounds": self.none,
                "evidence": [{"source": words[self.source[e]], "quote": self.quote[e],
                              "mechanism": self.nid, "status": status, "contradicts": False}],
                "measures": self.none}

    def node_data(self, i: int) -> dict[str, Any]:
        """The attribute dict of node `i`, as `merge.network_graph` writes it (parent and
        part_of pointed where a join moved those nodes)."""
        from .merge import network_node_attrs

        attrs = network_node_attrs(self.records[i], self.nid)
        for key in ("parent", "part_of"):
            if attrs[key]:
                attrs[key] = self.retarget.get(attrs[key], attrs[key])
        return attrs


class _NodeRecord(Mapping[str, Any]):
    """A column node's attributes read straight from its record, for walks over every node
    (`graph.nodes(data="kind")`): nothing is made but what is read. Read-only: change a node
    through `graph.nodes[n]`."""

    __slots__ = ("_full", "cols", "i")

    def __init__(self, cols: Columns, i: int):
        self.cols, self.i = cols, i
        self._full: dict[str, Any] | None = None

    def __getitem__(self, key: str) -> Any:
        n = self.cols.records[self.i]
        if key in _SCALAR:
            value = getattr(n, _SCALAR[key])
            return self.cols.retarget.get(value, value) if key in ("parent", "part_of") \
                else value
        if key == "label":
            return n.label if "{" not in n.label else self.full()["label"]
        if key in ("synonyms", "identifiers", "info"):
            return list(getattr(n, key))
        if key in ("role", "description"):
            return ""
        return self.full()[key]

    def full(self) -> dict[str, Any]:
        if self._full is None:
            self._full = self.cols.node_data(self.i)
        return self._full

    def copy(self) -> dict[str, Any]:
        return dict(self.full())

    def __iter__(self) -> Iterator[str]:
        return iter(self.full())

    def __len__(self) -> int:
        return len(self.full())


_SCALAR = {"kind": "kind", "markup": "label", "compartment": "compartment", "parent": "parent",
           "part_of": "part_of"}


class _Nodes(MutableMapping[str, dict[str, Any]]):
    """node -> attribute dict: the kept dicts first, then the columns' live nodes."""

    def __init__(self, g: ColumnGraph):
        self.g = g

    def __getitem__(self, n: str) -> dict[str, Any]:
        g = self.g
        d = g._xnode.get(n)
        if d is None:
            i = g._live(n)
            if i < 0:
                raise KeyError(n)
            d = g._xnode[n] = g._cols.node_data(i)  # kept: a change to it stays
        return d

    def __setitem__(self, n: str, d: dict[str, Any]) -> None:
        g = self.g
        if n not in g._xnode and g._live(n) < 0:
            g._count_nodes += 1
        g._xnode[n] = d

    def __delitem__(self, n: str) -> None:
        raise TypeError("remove nodes with remove_node")

    def __contains__(self, n: object) -> bool:
        g = self.g
        return n in g._xnode or (isinstance(n, str) and g._live(n) >= 0)

    def __iter__(self) -> Iterator[str]:
        g = self.g
        cols, kept = g._cols, g._xnode
        alive = cols.alive
        for i, n in enumerate(cols.names):
            if alive[i]:
                yield n
        for n in kept:
            if cols.index.get(n, -1) < 0 or not alive[cols.index[n]]:
                yield n

    def __len__(self) -> int:
        return self.g._count_nodes

    def items(self) -> Iterator[tuple[str, Mapping[str, Any]]]:  # type: ignore[override]
        """Every node with its attributes: a kept dict, or a read-only view of its record."""
        g = self.g
        kept, cols = g._xnode, g._cols
        for n in self:
            d = kept.get(n)
            yield n, d if d is not None else _NodeRecord(cols, cols.index[n])

    def values(self) -> Iterator[Mapping[str, Any]]:  # type: ignore[override]
        return (d for _, d in self.items())


class _Row(MutableMapping[str, dict[str, Any]]):
    """One node's links out (or in): neighbour -> attribute dict."""

    __slots__ = ("g", "node", "out")

    def __init__(self, g: ColumnGraph, node: str, out: bool):
        self.g, self.node, self.out = g, node, out

    def _kept(self) -> dict[str, dict[str, Any]]:
        return (self.g._xsucc if self.out else self.g._xpred).get(self.node, {})

    def _columns(self) -> Iterator[tuple[str, int]]:
        """(neighbour, link) of the column links of this row between live nodes."""
        g = self.g
        i = g._live(self.node)
        if i < 0:
            return
        cols = g._cols
        start, edge = (cols.out_start, cols.out_edge) if self.out else (cols.in_start, cols.in_edge)
        ends, names, alive, hidden = (cols.dst if self.out else cols.src), cols.names, \
            cols.alive, g._hidden
        for k in range(start[i], start[i + 1]):
            e = edge[k]
            j = ends[e]
            if alive[j] and e not in hidden:
                yield names[j], e

    def _link(self, v: str) -> int | None:
        """The first column link of this row to `v` between live nodes, else None."""
        g = self.g
        i, j = g._live(self.node), g._live(v)
        if i < 0 or j < 0:
            return None
        hidden = g._hidden
        return next((e for e in g._cols.links_between(i, j, self.out)  # type: ignore[union-attr]
                     if e not in hidden), None)

    def __getitem__(self, v: str) -> dict[str, Any]:
        kept = self._kept()
        if v in kept:
            return kept[v]
        e = self._link(v)
        if e is None:
            raise KeyError(v)
        u, t = (self.node, v) if self.out else (v, self.node)
        return self.g._keep(u, t, self.g._cols.edge_data(e))  # type: ignore[union-attr]

    def get(self, v: str, default: Any = None) -> Any:
        try:
            return self[v]
        except KeyError:
            return default

    def __setitem__(self, v: str, d: dict[str, Any]) -> None:
        g = self.g
        if self.out and v not in self:
            g._count_edges += 1
        (g._xsucc if self.out else g._xpred).setdefault(self.node, {})[v] = d

    def __delitem__(self, v: str) -> None:
        raise TypeError("remove links with remove_edge")

    def __contains__(self, v: object) -> bool:
        if v in self._kept():
            return True
        return isinstance(v, str) and self._link(v) is not None

    def __iter__(self) -> Iterator[str]:
        kept = self._kept()
        seen = set()
        for w, _ in self._columns():
            seen.add(w)
            yield w
        for w in kept:
            if w not in seen:
                yield w

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:  # type: ignore[override]
        """Every link of the row with its attributes; a column link's dict made afresh unless
        kept (a change to it is not kept: change a link through `graph.edges[u, v]`)."""
        kept = self._kept()
        cols = self.g._cols
        for w, e in self._columns():
            yield w, kept[w] if w in kept else cols.edge_data(e)
        seen = None
        for w, d in kept.items():
            if seen is None:
                seen = {x for x, _ in self._columns()}
            if w not in seen:
                yield w, d

    def values(self) -> Iterator[dict[str, Any]]:  # type: ignore[override]
        return (d for _, d in self.items())


class _Adjacency(MutableMapping[str, _Row]):
    """node -> its row of links out (or in)."""

    def __init__(self, g: ColumnGraph, out: bool):
        self.g, self.out = g, out

    def __getitem__(self, n: str) -> _Row:
        g = self.g
        if n not in (g._xsucc if self.out else g._xpred) and g._live(n) < 0 and n not in g._xnode:
            raise KeyError(n)
        return _Row(g, n, self.out)

    def __setitem__(self, n: str, row: Any) -> None:
        if row:
            raise TypeError("add links with add_edge")
        (self.g._xsucc if self.out else self.g._xpred).setdefault(n, {})

    def __delitem__(self, n: str) -> None:
        raise TypeError("remove nodes with remove_node")

    def __contains__(self, n: object) -> bool:
        return n in self.g._node

    def __iter__(self) -> Iterator[str]:
        return iter(self.g._node)

    def __len__(self) -> int:
        return len(self.g._node)


class _EdgeView(nx.classes.reportviews.OutEdgeView):
    """`graph.edges` of a column graph: a link asked for again comes straight from the dict
    kept for it (the queries ask each link of a route several times)."""

    def __getitem__(self, e: Any) -> Any:
        if isinstance(e, tuple) and len(e) == 2:
            d = self._graph._xsucc.get(e[0], _EMPTY).get(e[1])
            if d is not None:
                return d
        return super().__getitem__(e)


_EMPTY: dict[str, Any] = {}


def _single(its: list[Any], src: array, dst: array, size: int) -> bytes:
    """For each interaction, 1 where it is the only one for its pair and has one quote (it
    goes into the columns), else 0 (a pair asserted more than once keeps all its records
    apart): one sort with numpy for many links, one count in Python for fewer."""
    if with_numpy(len(its)):
        import numpy as np

        key = np.frombuffer(src, np.int32).astype(np.int64) * max(size, 1) \
            + np.frombuffer(dst, np.int32)
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        same = ordered[1:] == ordered[:-1]
        repeated = np.zeros(len(its), bool)
        repeated[order[1:][same]] = True
        repeated[order[:-1][same]] = True
        single = np.fromiter((len(it.evidence) == 1 for it in its), bool, len(its))
        return (single & ~repeated).tobytes()
    pairs = Counter(zip(src, dst, strict=True))
    return bytes([len(it.evidence) == 1 and pairs[u, v] == 1
                  for it, u, v in zip(its, src, dst, strict=True)])


class ColumnGraph(nx.DiGraph):
    """A networkx DiGraph over a network's columns (see the module docstring); `ColumnGraph()`
    with no columns is an ordinary DiGraph."""

    _cols: Columns | None = None

    @classmethod
    def from_network(cls, network: Any) -> tuple[ColumnGraph, list[Any]]:
        """The graph of `network`'s nodes and of its interactions that are one record with one
        quote for their pair, and the other interactions (in file order), for the caller to
        add as ordinary links."""
        g = cls()
        cols = Columns(network.id, list(network.nodes.values()))
        its = network.interactions
        index = cols.index
        src = array("i", [index[it.source] for it in its])
        dst = array("i", [index[it.target] for it in its])
        keep = _single(its, src, dst, len(cols.names))
        cols.fill([it for it, k in zip(its, keep, strict=True) if k],
                  array("i", [u for u, k in zip(src, keep, strict=True) if k]),
                  array("i", [v for v, k in zip(dst, keep, strict=True) if k]))
        cols.index_rows()
        g._install(cols)
        return g, [it for it, k in zip(its, keep, strict=True) if not k]

    def _install(self, cols: Columns) -> None:
        self._cols = cols
        self._xnode: dict[str, dict[str, Any]] = {}
        self._xsucc: dict[str, dict[str, dict[str, Any]]] = {}
        self._xpred: dict[str, dict[str, dict[str, Any]]] = {}
        self._hidden: set[int] = set()
        self._count_nodes = len(cols.names)
        self._count_edges = len(cols.src)
        self._node = _Nodes(self)
        self._adj = self._succ = _Adjacency(self, True)
        self._pred = _Adjacency(self, False)
        for name in ("nodes", "adj", "succ", "pred", "edges", "in_edges", "out_edges",
                     "degree", "in_degree", "out_degree"):
            self.__dict__.pop(name, None)  # views made before, over the empty dicts

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for name in ("_node", "_adj", "_succ", "_pred", "nodes", "adj", "succ", "pred",
                     "edges", "in_edges", "out_edges", "degree", "in_degree", "out_degree"):
            state.pop(name, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if self._cols is not None:
            self._node = _Nodes(self)
            self._adj = self._succ = _Adjacency(self, True)
            self._pred = _Adjacency(self, False)

    @cached_property
    def edges(self) -> nx.classes.reportviews.OutEdgeView:  # type: ignore[override]
        return _EdgeView(self) if self._cols is not None else nx.DiGraph.edges.func(self)

    @property
    def columns(self) -> Columns | None:
        """The columns, or None for an ordinary graph."""
        return self._cols

    def _live(self, n: str) -> int:
        """Node `n`'s column index while it lives in the columns, else -1."""
        cols = self._cols
        i = cols.index.get(n, -1)  # type: ignore[union-attr]
        return i if i >= 0 and cols.alive[i] else -1  # type: ignore[union-attr]

    def _keep(self, u: str, v: str, d: dict[str, Any]) -> dict[str, Any]:
        """Keep `d` as the link u -> v's dict from now on (in both rows)."""
        self._xsucc.setdefault(u, {})[v] = d
        self._xpred.setdefault(v, {})[u] = d
        return d

    def kept_links(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """The links held as ordinary dicts (added, or kept once asked for)."""
        for u, row in self._xsucc.items():
            for v, d in row.items():
                yield u, v, d

    def shadowed_links(self) -> Iterator[int]:
        """The column links held as dicts now (kept once asked for, or replaced): the dicts
        stand for them."""
        cols = self._cols
        assert cols is not None
        start, edge, dst, index = cols.out_start, cols.out_edge, cols.dst, cols.index
        for u, row in self._xsucc.items():
            i = self._live(u)
            if i < 0 or not row:
                continue
            held = {index[v] for v in row if v in index}
            for k in range(start[i], start[i + 1]):
                if dst[edge[k]] in held:
                    yield edge[k]

    def name_rows(self) -> Iterator[NameRow]:
        """(node, label, markup, synonyms, identifiers) for every node, in `graph.nodes`
        order, read from the records: the names a node is found and joined by, with no
        attribute dict made."""
        from .labels import plain
        from .merge import name_row

        cols = self._cols
        assert cols is not None
        kept, alive, names = self._xnode, cols.alive, cols.names
        for i, rec in enumerate(cols.records):
            if alive[i]:
                n = names[i]
                d = kept.get(n)
                if d is not None:
                    yield name_row(n, d)
                else:
                    label = rec.label
                    yield (n, label if "{" not in label else plain(label), label, rec.synonyms,
                           rec.identifiers)
        for n, d in kept.items():
            if self._live(n) < 0:
                yield name_row(n, d)

    def node_values(self, key: str) -> Iterator[tuple[str, Any]]:
        """(node, its attribute `key`) for every node, as `graph.nodes(data=key)` gives them,
        read from the records (key: kind, markup, compartment, parent or part_of)."""
        cols = self._cols
        assert cols is not None
        attr, kept, alive, names = _SCALAR[key], self._xnode, cols.alive, cols.names
        moved = cols.retarget if key in ("parent", "part_of") else {}
        for i, rec in enumerate(cols.records):
            if alive[i]:
                n = names[i]
                d = kept.get(n)
                if d is not None:
                    yield n, d.get(key)
                else:
                    value = getattr(rec, attr)
                    yield n, moved.get(value, value)
        for n, d in kept.items():
            if self._live(n) < 0:
                yield n, d.get(key)

    def retarget(self, mapping: dict[str, str]) -> None:
        """Point the column nodes' parent / part_of at where those nodes went (a join)."""
        assert self._cols is not None
        self._cols.retarget.update((k, v) for k, v in mapping.items() if k != v)
        for d in self._xnode.values():
            for key in ("parent", "part_of"):
                if d.get(key):
                    d[key] = mapping.get(d[key], d[key])

    def remove_node(self, n: str) -> None:
        if self._cols is None:
            super().remove_node(n)
            return
        if n not in self._node:
            raise nx.NetworkXError(f"The node {n} is not in the digraph.")
        out, into = list(self._succ[n]), [u for u in self._pred[n] if u != n]
        self._count_edges -= len(out) + len(into)
        for v in out:
            self._xpred.get(v, {}).pop(n, None)
        for u in into:
            self._xsucc.get(u, {}).pop(n, None)
        self._xsucc.pop(n, None)
        self._xpred.pop(n, None)
        self._xnode.pop(n, None)
        i = self._cols.index.get(n, -1)
        if i >= 0:
            self._cols.alive[i] = 0
        self._count_nodes -= 1
        self.__networkx_cache__.clear()

    def remove_nodes_from(self, nodes: Any) -> None:
        if self._cols is None:
            super().remove_nodes_from(nodes)
            return
        for n in list(nodes):
            if n in self._node:
                self.remove_node(n)

    def remove_edge(self, u: str, v: str) -> None:
        if self._cols is None:
            super().remove_edge(u, v)
            return
        if not self.has_edge(u, v):
            raise nx.NetworkXError(f"The edge {u}-{v} not in graph.")
        self._xsucc.get(u, {}).pop(v, None)
        self._xpred.get(v, {}).pop(u, None)
        for w, e in _Row(self, u, True)._columns():
            if w == v:
                self._hidden.add(e)
        self._count_edges -= 1
        self.__networkx_cache__.clear()

    def number_of_edges(self, u: Any = None, v: Any = None) -> int:
        if self._cols is None or u is not None:
            return super().number_of_edges(u, v)
        return self._count_edges

    def copy(self, as_view: bool = False) -> nx.DiGraph:
        """An ordinary networkx graph with the same nodes, links and attributes (every link
        made as a dict: as large as networkx makes it)."""
        if self._cols is None or as_view:
            return super().copy(as_view)
        g = nx.DiGraph()
        g.graph.update(self.graph)
        g.add_nodes_from((n, dict(d)) for n, d in self._node.items())
        g.add_edges_from((u, v, dict(d)) for u in self._succ for v, d in self._succ[u].items())
        return g
