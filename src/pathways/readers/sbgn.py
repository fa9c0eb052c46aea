"""SBGN-ML Activity Flow maps (libsbgn 0.2 and 0.3), parsed with defusedxml.

- `biological activity` glyphs are nodes whose kind follows their unit of information's entity
  type (macromolecule, nucleic acid feature, complex -> protein; simple chemical -> compound, or
  ion for a charged label such as `Ca++`; unspecified entity -> process); further units are kept
  as info. `phenotype` glyphs are phenotypes, `perturbation` glyphs processes marked
  "perturbation", `submap` glyphs processes marked "submap".
- Compartments are kept, and each node keeps its compartment and the map's coordinates (the
  centre of its box).
- Arcs: positive influence (+), negative influence (-), unknown influence (?), necessary
  stimulation (+, labelled "necessary").
- Logic gates (AND, OR, NOT, delay) become nodes of their own, labelled by their inputs
  ("CaM AND CaMKK"): each input reaches the gate through its logic arc (+, or - into a NOT), and
  the gate's outgoing arc carries the influence, so every route through the gate is kept.
- Tags, terminals and equivalence arcs say two glyphs are the same thing, not an influence: they
  are counted and reported.

Maps carry no sentences: each interaction's evidence is the arc as the map draws it
("positive influence: CaN -> γCaMKII"), cited as the map file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..labels import Unique
from ._common import Interaction, Network, Node, ReadError, finite, read_bytes, slug

__all__ = ["ARC_SIGNS", "read", "sniff"]

ARC_SIGNS: dict[str, tuple[str, str, str]] = {  # arc class -> (sign, effect, label)
    "positive influence": ("+", "activates", ""),
    "negative influence": ("-", "inhibits", ""),
    "unknown influence": ("?", "modulates", ""),
    "necessary stimulation": ("+", "stimulates", "necessary"),
}
_UNIT_KINDS = {"macromolecule": "protein", "nucleic acid feature": "protein",
               "complex": "protein", "simple chemical": "compound",
               "unspecified entity": "process", "perturbation": "process"}
_GATES = {"and": "AND", "or": "OR", "not": "NOT", "delay": "DELAY"}
# An element's symbol and its charge, written plainly (Ca2+, Cl-), as markup (Ca^{2+}) or in
# Unicode superscripts (Ca²⁺, Cl⁻, Na⁺): an ion, not a compound.
_ION = re.compile(r"^[A-Z][a-z]?(?:\d*\+{1,3}|\d*-|\^\{\d*[+-]\}|[²³⁴]?[⁺⁻]{1,3})$"
                  r"|^[A-Z][a-z]?\s*2\+$")


def sniff(head: str) -> bool:
    """True for an SBGN-ML document (the `sbgn` root in the libsbgn namespace)."""
    return "<sbgn" in head and "sbgn.org/libsbgn" in head


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _children(elem: Any, name: str) -> list[Any]:
    return [c for c in elem if _local(c.tag) == name]


def _label(glyph: Any) -> str:
    for lab in _children(glyph, "label"):
        return " ".join((lab.get("text") or "").split())
    return ""


def _centre(glyph: Any) -> tuple[float, float] | None:
    for box in _children(glyph, "bbox"):
        try:
            x, y = finite(float(box.get("x"))), finite(float(box.get("y")))
            return (x + finite(float(box.get("w", 0))) / 2, y + finite(float(box.get("h", 0))) / 2)
        except (TypeError, ValueError):
            return None
    return None


def parse_xml(path: Path, data: bytes | None = None) -> Any:
    """The document's root element, parsed safely (no entities, no external references)."""
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    raw = read_bytes(path) if data is None else data
    try:
        return DET.fromstring(raw)
    except DefusedXmlException as exc:
        # In words, not the exception's repr ("EntitiesForbidden(name='lol', ...)").
        what = {"EntitiesForbidden": "it declares entities", "DTDForbidden": "it has a DTD",
                "ExternalReferenceForbidden": "it refers to an outside resource",
                "NotSupportedError": "it uses a feature not supported safely"}.get(
                    type(exc).__name__, type(exc).__name__)
        name = getattr(exc, "name", None)
        raise ReadError(path, f"unsafe XML refused: {what}"
                              + (f" ({name!r})" if name else "") +
                              ", which can expand without bound or fetch files") from None
    except DET.ParseError as exc:
        line = getattr(exc, "position", (None,))[0]
        raise ReadError(path, f"not well-formed XML: {exc.msg if hasattr(exc, 'msg') else exc}",
                        line) from None


def _ids_once(path: Path, glyphs: list[Any]) -> None:
    """Refuse a map where two glyphs (or ports) share an id: an arc naming it could mean
    either, and reading on would join every arc to the last one."""
    seen: set[str] = set()
    for gid in (x.get("id", "") for g in glyphs for x in (g, *_children(g, "port"))):
        if gid in seen:
            raise ReadError(path, f"glyph id {gid!r} is used twice (arcs to it would be "
                            "ambiguous)")
        if gid:
            seen.add(gid)


def read(path: Path, network: Network, data: bytes | None = None) -> Network:
    """The activities, gates and influences of the first map in `path` into `network`."""
    root = parse_xml(path, data)
    if _local(root.tag) != "sbgn":
        raise ReadError(path, f"root element is <{_local(root.tag)}>, not <sbgn>")
    maps = _children(root, "map")
    if not maps:
        raise ReadError(path, "no <map> in the document")
    smap = maps[0]
    language = smap.get("language", "")
    if language and language != "activity flow":
        raise ReadError(path, f"map language is {language!r}; only Activity Flow is read")
    glyphs = _children(smap, "glyph")
    _ids_once(path, glyphs)
    places: dict[str, str] = {}  # compartment glyph id -> compartment id
    for g in glyphs:
        if g.get("class") == "compartment":
            name = _label(g) or g.get("id", "")
            cid = slug(name) or slug(g.get("id", ""))
            places[g.get("id", "")] = cid
            network.compartments[cid] = name
    ids: dict[str, str] = {}  # glyph or port id -> node id
    gates: dict[str, str] = {}  # gate node id -> operator
    used = Unique()

    def unique(base: str, compartment: str) -> str:
        nid = base or "glyph"
        if nid in used.used and compartment:
            nid = f"{base}_{slug(network.compartments.get(compartment, compartment))}"
        return used(base, nid)

    for g in glyphs:
        cls, gid = g.get("class", ""), g.get("id", "")
        if cls == "compartment":
            continue
        comp = places.get(g.get("compartmentRef", ""), "")
        label = _label(g)
        if cls in ("biological activity", "phenotype", "perturbation", "submap"):
            units = [u for u in _children(g, "glyph") if u.get("class") == "unit of information"]
            entity = next((e.get("name", "") for u in units for e in _children(u, "entity")), "")
            kind = {"phenotype": "phenotype", "perturbation": "process", "submap": "process"
                    }.get(cls) or _UNIT_KINDS.get(entity, "process")
            if kind == "compound" and _ION.match(label.replace(" ", "")):
                kind = "ion"
            info = tuple(x for x in (_label(u) for u in units) if x)
            if cls in ("perturbation", "submap"):
                info = (cls, *info)
            nid = unique(slug(label) or gid, comp)
            network.node(Node(nid, label or gid, kind, info=info, compartment=comp,
                              position=_centre(g)))
        elif cls in _GATES:
            nid = unique(f"{_GATES[cls].lower()}_gate_{slug(gid)}", comp)
            gates[nid] = _GATES[cls]
            network.node(Node(nid, _GATES[cls], "process", info=(f"{_GATES[cls]} gate",),
                              compartment=comp, position=_centre(g)))
        else:
            network.skip(f"{cls} glyphs (not an activity)")
            continue
        ids[gid] = nid
        for port in _children(g, "port"):
            ids[port.get("id", "")] = nid
    inputs: dict[str, list[str]] = {}
    pending: list[tuple[str, str, str, str, str, str]] = []
    for arc in _children(smap, "arc"):
        cls = arc.get("class", "")
        u, v = ids.get(arc.get("source", "")), ids.get(arc.get("target", ""))
        if cls == "equivalence arc":
            network.skip("equivalence arcs (identity, not an influence)")
            continue
        if u is None or v is None:
            network.skip(f"{cls} arcs whose ends are no activity or gate")
            continue
        if cls == "logic arc":
            inputs.setdefault(v, []).append(u)
            sign = "-" if gates.get(v) == "NOT" else "+"
            pending.append((u, v, "inhibits" if sign == "-" else "activates", sign, "input",
                            cls))
            continue
        if cls not in ARC_SIGNS:
            network.skip(f"{cls or 'unclassed'} arcs (not an Activity Flow influence)")
            continue
        sign, effect, label = ARC_SIGNS[cls]
        pending.append((u, v, effect, sign, label, cls))
    for gate, op in gates.items():
        names = [network.nodes[i].label for i in inputs.get(gate, [])]
        text = f"NOT {names[0]}" if op == "NOT" and names else f" {op} ".join(names) or op
        network.nodes[gate] = network.nodes[gate]._replace(label=text)
    src = network.file_source()
    for u, v, effect, sign, label, cls in pending:
        quote = f"{cls}: {network.nodes[u].label} -> {network.nodes[v].label}"
        network.interactions.append(Interaction(u, v, effect, sign, ((src, quote, "stated"),),
                                                label))
    return network
