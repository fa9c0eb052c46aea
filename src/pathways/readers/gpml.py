"""WikiPathways GPML (2013a and 2021), parsed with defusedxml.

- DataNodes are nodes: GeneProduct, Protein, Rna and Complex -> protein, Metabolite -> compound
  (ion for a charged label), Pathway and anything else -> process; the Xref becomes a CURIE
  identifier (Ensembl, NCBIGene, UniProt, CHEBI, HGNC.symbol, ...), the map's centre its position.
- Groups are nodes too, labelled by their TextLabel or their members ("MTOR/RPTOR/MLST8"): a
  member of a Complex group is part of it, a member of any other group a kind of it (so a link
  to the group counts for its members in `converge`, as curated part-of and is-a links do).
- Interactions run from their first point to their last (reversed when only the first point has
  an arrowhead). An end on a DataNode or Group is that node; an end on an Anchor (a point on
  another interaction) stands for that interaction's target (or, at the start, its source), so
  "X inhibits the conversion A -> B" becomes X -| B. Legacy and MIM arrowheads give the sign:
  Arrow and mim-stimulation, -necessary-stimulation, -conversion, -catalysis,
  -transcription-translation, -translocation +; TBar and mim-inhibition -; other MIM heads
  (binding, modification, cleavage, gap, ...) unknown.
- What cannot be resolved (no arrowhead, an end on a Label or Shape or on nothing) is counted by
  reason and reported, never silently dropped.

Each interaction's evidence is the interaction as the map draws it ("TBar: TSC2 -> RHEB"),
cited as the pathway (its WikiPathways page where the file names its WP id).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..labels import Unique
from ._common import Interaction, Network, Node, ReadError, finite, slug
from .sbgn import _ION, _local, parse_xml

__all__ = ["ARROW_SIGNS", "arrow_sign", "read", "sniff"]

ARROW_SIGNS: dict[str, tuple[str, str, str]] = {  # arrowhead, normalised -> (sign, effect, label)
    "arrow": ("+", "activates", ""),
    "directed": ("+", "activates", ""),
    "stimulation": ("+", "stimulates", ""),
    "necessarystimulation": ("+", "stimulates", "necessary"),
    "conversion": ("+", "increases", "conversion"),
    "catalysis": ("+", "activates", "catalysis"),
    "transcriptiontranslation": ("+", "increases", "transcription-translation"),
    "translocation": ("+", "increases", "translocation"),
    "tbar": ("-", "inhibits", ""),
    "inhibition": ("-", "inhibits", ""),
}


def arrow_sign(head: str) -> tuple[str, str, str]:
    """(sign, effect, label) of an arrowhead, legacy (`TBar`), MIM (`mim-inhibition`) or GPML
    2021 (`Inhibition`) spelling alike; unknown sign, labelled with the head, otherwise."""
    key = head.lower().removeprefix("mim-").replace("-", "").replace("_", "")
    return ARROW_SIGNS.get(key, ("?", "regulates", head))


_KINDS = {"geneproduct": "protein", "protein": "protein", "rna": "protein", "complex": "protein",
          "metabolite": "compound"}
_PREFIXES = {"ensembl": "Ensembl", "entrez gene": "NCBIGene", "ncbi gene": "NCBIGene",
             "uniprot-trembl": "UniProt", "uniprot-swissprot": "UniProt", "uniprot": "UniProt",
             "uniprotkb": "UniProt", "hgnc": "HGNC.symbol", "hgnc accession": "HGNC",
             "chebi": "CHEBI", "hmdb": "HMDB", "kegg compound": "kegg.compound",
             "pubchem-compound": "pubchem.compound", "wikidata": "wikidata",
             "wikipathways": "wikipathways", "reactome": "reactome", "cas": "cas",
             "chemspider": "chemspider", "drugbank": "drugbank", "mirbase": "mirbase",
             "go": "GO", "kegg pathway": "kegg.pathway", "kegg genes": "kegg.genes"}
_LOCAL = re.compile(r"^[A-Za-z0-9_.\-]+$")
_WP = re.compile(r"\b(WP\d+)")


def sniff(head: str) -> bool:
    """True for a GPML document (a `Pathway` root in the PathVisio GPML namespace)."""
    return "<Pathway" in head and "GPML" in head


def _get(elem: Any, *names: str) -> str:
    for n in names:
        value = elem.get(n)
        if value is not None:
            return value
    return ""


def _kids(elem: Any, name: str) -> list[Any]:
    return [c for c in elem if _local(c.tag) == name]


def _all(root: Any, name: str) -> list[Any]:
    """Elements of that name at the top level or in its container (GPML 2021 wraps DataNodes in
    <DataNodes>, Interactions in <Interactions>, ...)."""
    return _kids(root, name) + [e for box in _kids(root, name + "s") for e in _kids(box, name)]


def _curie(xref: Any) -> str | None:
    db = _get(xref, "Database", "dataSource").strip()
    local = _get(xref, "ID", "identifier").strip()
    if not db or not local:
        return None
    prefix = _PREFIXES.get(db.lower(), re.sub(r"[^A-Za-z0-9_.]", "", db))
    if prefix == "CHEBI" and local.upper().startswith("CHEBI:"):
        local = local[6:]
    if not prefix or not prefix[0].isalpha() or not _LOCAL.match(local):
        return None
    return f"{prefix}:{local}"


def _centre(elem: Any) -> tuple[float, float] | None:
    for gr in _kids(elem, "Graphics"):
        try:
            return (finite(float(_get(gr, "CenterX", "centerX"))),
                    finite(float(_get(gr, "CenterY", "centerY"))))
        except ValueError:
            return None
    return None


def _points(inter: Any) -> tuple[list[Any], list[Any]]:
    """(points, anchors) of an interaction, 2013a (`Graphics`) or 2021 (`Waypoints`)."""
    points: list[Any] = []
    anchors: list[Any] = []
    for holder in _kids(inter, "Graphics") + _kids(inter, "Waypoints"):
        points.extend(_kids(holder, "Point"))
        anchors.extend(_kids(holder, "Anchor"))
    return points, anchors


def read(path: Path, network: Network, data: bytes | None = None) -> Network:
    """DataNodes, Groups and resolvable Interactions of `path` into `network`."""
    root = parse_xml(path, data)
    if _local(root.tag) != "Pathway":
        raise ReadError(path, f"root element is <{_local(root.tag)}>, not <Pathway>")
    name = " ".join(_get(root, "Name", "title").split())
    if name:
        network.title = name
    wp = _WP.search(_get(root, "Version", "elementId") + " " + path.name)
    address = f"https://www.wikipathways.org/pathways/{wp.group(1)}" if wp else network.file
    network.sources[f"network-{network.id}"] = {
        "title": network.title, "address": address, "citation": f"{network.title}. {address}"}
    refs: dict[str, str] = {}  # GraphId -> node id, or "label"/"shape" for unresolvable ends
    unique = Unique()

    members: dict[str, list[str]] = {}  # GroupId -> member node ids
    member_of: dict[str, str] = {}  # node id -> GroupId it belongs to
    for dn in _all(root, "DataNode"):
        label = " ".join(_get(dn, "TextLabel", "textLabel").split())
        gid = _get(dn, "GraphId", "elementId")
        kind = _KINDS.get(_get(dn, "Type", "type").lower(), "process")
        if kind == "compound" and _ION.match(label.replace(" ", "")):
            kind = "ion"
        ids = tuple(c for c in (_curie(x) for x in _kids(dn, "Xref")) if c)
        nid = unique(slug(label) or slug(gid) or "datanode")
        network.node(Node(nid, label or gid, kind, identifiers=ids, position=_centre(dn)))
        if gid:
            if gid in refs:  # an interaction naming it could mean either node
                raise ReadError(path, f"two DataNodes have the GraphId {gid!r}")
            refs[gid] = nid
        group = _get(dn, "GroupRef", "groupRef")
        if group:
            members.setdefault(group, []).append(nid)
            member_of[nid] = group
    groups = _all(root, "Group")
    group_nodes: dict[str, str] = {}  # GroupId -> node id
    styles: dict[str, str] = {}
    for grp in groups:
        group_id = _get(grp, "GroupId", "elementId")
        parent = _get(grp, "GroupRef", "groupRef")
        if parent:
            member_of[f"group:{group_id}"] = parent
    for grp in groups:  # named after their members once every member is known
        group_id = _get(grp, "GroupId", "elementId")
        style = _get(grp, "Style", "type").lower()
        label = " ".join(_get(grp, "TextLabel", "textLabel").split()) or "/".join(
            network.nodes[m].label for m in members.get(group_id, [])) or group_id
        nid = unique(slug(label) or f"group_{slug(group_id)}")
        group_nodes[group_id] = nid
        styles[group_id] = style
        network.node(Node(nid, label, "protein" if style == "complex" else "process",
                          info=("complex",) if style == "complex" else ()))
        graph_id = _get(grp, "GraphId", "elementId")
        if graph_id:
            refs[graph_id] = nid
    for key, group_id in member_of.items():
        whole = group_nodes.get(group_id)
        nid = group_nodes.get(key[6:]) if key.startswith("group:") else key
        if whole is None or nid is None or nid == whole:
            continue
        node = network.nodes[nid]
        if styles.get(group_id) == "complex":
            network.nodes[nid] = node._replace(part_of=whole)
        else:
            network.nodes[nid] = node._replace(parent=whole)
    for kind in ("Label", "Shape"):
        for el in _all(root, kind):
            refs.setdefault(_get(el, "GraphId", "elementId"), kind.lower())
    interactions = _all(root, "Interaction") + _all(root, "GraphicalLine")
    ends: dict[str, tuple[str | None, str | None]] = {}  # interaction id -> (source, target)
    anchors: dict[str, str] = {}  # anchor GraphId -> interaction id
    parsed = []
    for inter in interactions:
        iid = _get(inter, "GraphId", "elementId")
        points, anchor_elems = _points(inter)
        for a in anchor_elems:
            anchors[_get(a, "GraphId", "elementId")] = iid
        parsed.append((inter, iid, points))

    def resolve(ref: str, at_start: bool, depth: int = 0) -> str | None:
        if ref in refs:
            return refs[ref] if refs[ref] not in ("label", "shape") else None
        if ref in anchors and depth < 10:
            inter_id = anchors[ref]
            start, end = raw_ends.get(inter_id, ("", ""))
            return resolve(start if at_start else end, at_start, depth + 1)
        return None

    raw_ends: dict[str, tuple[str, str]] = {}
    heads: dict[str, str] = {}
    for _inter, iid, points in parsed:
        if len(points) < 2:
            raw_ends[iid] = ("", "")
            continue
        first, last = points[0], points[-1]
        head_first = _get(first, "ArrowHead", "arrowHead")
        head_last = _get(last, "ArrowHead", "arrowHead")
        if head_first and not head_last:
            first, last, head_last = last, first, head_first
        raw_ends[iid] = (_get(first, "GraphRef", "elementRef"), _get(last, "GraphRef",
                                                                        "elementRef"))
        heads[iid] = head_last
    src = f"network-{network.id}"
    for _inter, iid, points in parsed:
        if len(points) < 2:
            network.skip("interactions with fewer than two points")
            continue
        head = heads.get(iid, "")
        if not head or head.lower() == "line":
            network.skip("interactions without an arrowhead (undirected lines)")
            continue
        start_ref, end_ref = raw_ends[iid]
        problems = []
        for ref, at_start in ((start_ref, True), (end_ref, False)):
            if not ref:
                problems.append("an end attached to nothing")
            elif refs.get(ref) in ("label", "shape"):
                problems.append(f"an end on a {refs[ref].capitalize()}")
            elif resolve(ref, at_start) is None:
                problems.append("an end on an anchor or id that resolves to no node")
        if problems:
            network.skip(f"interactions with {problems[0]}")
            continue
        u, v = resolve(start_ref, True), resolve(end_ref, False)
        assert u is not None and v is not None
        ends[iid] = (u, v)
        sign, effect, label = arrow_sign(head)
        quote = f"{head}: {network.nodes[u].label} -> {network.nodes[v].label}"
        network.interactions.append(Interaction(u, v, effect, sign, ((src, quote, "stated"),),
                                                label))
    return network
