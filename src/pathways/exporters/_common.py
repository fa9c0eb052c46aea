"""What every exporter shares: canonical order and the sign vocabularies, so formats agree."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Iterator, Mapping
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "IDENTIFIER_COLUMNS",
    "SIGN_RELATIONS",
    "SIGN_VALUES",
    "JsonLists",
    "evidence_sources",
    "identifiers_of",
    "sorted_edges",
    "sorted_nodes",
    "source_field",
]

# Sign of an influence -> the relation word of the edge-list formats (SIF).
SIGN_RELATIONS: Mapping[str, str] = MappingProxyType(
    {"+": "activates", "-": "inhibits", "?": "unknown"})
# Sign of an influence -> the number of the signed edge-list formats (TSV).
SIGN_VALUES: Mapping[str, int] = MappingProxyType({"+": 1, "-": -1, "?": 0})


# Table column -> (CURIE prefix, keep the prefix): UniProt accessions bare, as OmniPath's
# source/target columns hold them; HGNC and ChEBI ids as their databases write them.
IDENTIFIER_COLUMNS: Mapping[str, tuple[str, bool]] = MappingProxyType({
    "uniprot": ("UniProt", False), "hgnc": ("HGNC", True), "chebi": ("CHEBI", True)})


def identifiers_of(node: Mapping[str, Any], column: str) -> str:
    """A node's identifiers for one `IDENTIFIER_COLUMNS` column, sorted, joined with ";"."""
    prefix, keep = IDENTIFIER_COLUMNS[column]
    found = sorted(i if keep else i.split(":", 1)[1] for i in node.get("identifiers", ())
                   if i.split(":", 1)[0].casefold() == prefix.casefold())
    return ";".join(found)


def sorted_nodes(graph: nx.DiGraph) -> list[tuple[str, Mapping[str, Any]]]:
    """Nodes with their attributes, sorted by id: every format lists them in this order."""
    return [(n, graph.nodes[n]) for n in sorted(graph.nodes)]


def sorted_edges(graph: nx.DiGraph) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """Edges with their attributes, sorted by (source, target), one at a time: a network held
    in columns (`pathways.columns`) makes a link's attribute dict afresh as its node's links
    are read, and keeps none of them, so an exporter that writes a row per edge never holds
    10^6 of them at once (`graph.edges[u, v]` would keep each one it makes)."""
    for u in sorted(graph):
        yield from sorted(graph.edges(u, data=True), key=itemgetter(1))


def evidence_sources(edge: Mapping[str, Any]) -> list[str]:
    """The source ids an edge's evidence quotes, each once, sorted."""
    return sorted({ev["source"] for ev in edge["evidence"]})


def source_field(graph: nx.DiGraph, source_id: str, name: str) -> str:
    """`title`, `address` or `citation` of a source; "" when the graph does not know it."""
    return str(graph.graph.get("sources", {}).get(source_id, {}).get(name, ""))


class JsonLists:
    """`json.dumps(doc, indent=2, ensure_ascii=False)` of a document whose long lists (a
    network's nodes and edges) are made one item at a time: each item is encoded as it comes
    and only its text kept, so a network of 10^5 links never holds every item as a dict, nor
    the encoder's pieces of the whole document, at once. The text is the same, byte for byte:
    an item nested at some depth is its own encoding with each line indented as deep.

    Put `lists.slot(items)` where a list goes, then `lists.dumps(doc)`."""

    def __init__(self) -> None:
        self._token = secrets.token_hex(16)  # marks a slot; replaced, so never in the output
        self._slots: dict[str, Iterable[Any]] = {}

    def slot(self, items: Iterable[Any]) -> list[str]:
        """A stand-in list for `items`, to put in the document."""
        marker = f"\x00{self._token}:{len(self._slots)}"
        self._slots[marker] = items
        return [marker]

    def dumps(self, doc: Any, *, sort_keys: bool = False) -> str:
        """The document's JSON text, each slot filled with its items."""
        text = json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=sort_keys)
        places = sorted((text.index(json.dumps(m)), m) for m in self._slots)
        pieces, done = [], 0
        for at, marker in places:
            end = at + len(json.dumps(marker))
            pad = text[text.rindex("\n", 0, at) + 1:at]  # the item's indentation
            items = [json.dumps(item, indent=2, ensure_ascii=False, sort_keys=sort_keys)
                     .replace("\n", "\n" + pad) for item in self._slots[marker]]
            if items:
                pieces += [text[done:at], (",\n" + pad).join(items)]
                done = end
            else:  # `[` newline, the marker, newline, `]`: an empty list is `[]`
                pieces += [text[done:text.rindex("[", 0, at)], "[]"]
                done = text.index("]", end) + 1
        pieces.append(text[done:])
        return "".join(pieces)
