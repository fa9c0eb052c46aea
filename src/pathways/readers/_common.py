"""What every reader shares: the network it returns, its errors and the sign vocabularies.

A reader turns one file into a `Network`: nodes (with the names and identifiers they join the
shared vocabulary by) and directed signed interactions, each keeping the evidence the file gives
(a sentence and its citation, or the record itself where the file has no sentence). Nothing here
knows about networkx: `merge.network_graph` builds the graph the queries use.
"""

from __future__ import annotations

import io
import math
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import PathwaysError

__all__ = [
    "Interaction",
    "Network",
    "Node",
    "ReadError",
    "an_object",
    "cite_pubmed",
    "finite",
    "load_json",
    "open_text",
    "read_bytes",
    "sign_of_number",
]


class ReadError(PathwaysError):
    """A file that cannot be read as its format: the message names the file and the line."""

    exit_code = 1

    def __init__(self, file: str | Path, message: str, line: int | None = None):
        place = f"{file}:{line}" if line else str(file)
        super().__init__(f"{place}: {message}")
        self.file, self.line, self.reason = str(file), line, message


class Node(NamedTuple):
    """A node of an imported network, as the file names it.

    `kind` is one of the model's entity kinds; `parent` and `part_of` are node ids of the same
    network (a paralog group a member is a kind of, a complex a member is part of); `position`
    is the map's (x, y) centre where the file draws one.
    """

    id: str
    label: str
    kind: str = "protein"
    synonyms: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    compartment: str = ""
    parent: str = ""
    part_of: str = ""
    info: tuple[str, ...] = ()
    position: tuple[float, float] | None = None


class Interaction(NamedTuple):
    """A directed influence `source -> target` with its effect word and sign ('+', '-', '?').

    `evidence` holds (source id, quote, certainty) triples: the sentence and citation the file
    gives, or the record as written (the line, or the element) where it gives none.
    """

    source: str
    target: str
    effect: str
    sign: str
    evidence: tuple[tuple[str, str, str], ...]
    label: str = ""
    line: int | None = None


@dataclass
class Network:
    """Everything one file says: nodes, interactions, the documents its evidence cites, and what
    could not become an interaction (counted by reason, so nothing is dropped silently)."""

    id: str
    file: str
    format: str
    title: str
    nodes: dict[str, Node] = field(default_factory=dict)
    interactions: list[Interaction] = field(default_factory=list)
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    compartments: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str, count: int = 1) -> None:
        """Count a record that is not a directed influence (or cannot be resolved), by reason."""
        self.skipped[reason] = self.skipped.get(reason, 0) + count

    def node(self, node: Node) -> str:
        """Add `node` unless a node of that id is there already; its id."""
        self.nodes.setdefault(node.id, node)
        return node.id

    def file_source(self) -> str:
        """The source id standing for the file itself (for evidence that is the record)."""
        sid = f"network-{self.id}"
        self.sources.setdefault(sid, {"title": self.title, "address": self.file,
                                      "citation": f"{self.title}. {self.file}"})
        return sid


def cite_pubmed(network: Network, pmid: str, title: str = "") -> str:
    """Register a PubMed citation as a source of `network`; its source id ('pmid-12345')."""
    return _cite(network, f"pmid-{pmid}", title or f"PubMed {pmid}",
                 f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/")


def _cite(network: Network, sid: str, name: str, address: str) -> str:
    """Register the source `sid` of `network`, titled `name`, at `address` (the first
    registration of an id stands); its id."""
    network.sources.setdefault(sid, {"title": name, "address": address,
                                     "citation": f"{name}. {address}"})
    return sid


# A DOI as registered: "10.", a registrant code, "/", a suffix of printable characters.
DOI = re.compile(r"10\.\d{4,9}/[!-~]+")


def cite_doi(network: Network, doi: str, title: str = "") -> str | None:
    """Register a DOI citation as a source of `network`, with its https://doi.org/ address; its
    source id ('doi-10-1038-nature11111'), or None where `doi` is not one (a path, a URL)."""
    from urllib.parse import quote

    doi = doi.strip()
    doi = re.sub(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", doi, flags=re.IGNORECASE)
    if not DOI.fullmatch(doi):
        return None
    return _cite(network, "doi-" + re.sub(r"[^a-z0-9]+", "-", doi.lower()).strip("-"),
                 title or f"DOI {doi}", "https://doi.org/" + quote(doi, safe="/;:()._-"))


def cite_compact(network: Network, prefix: str, local: str, title: str = "") -> str:
    """Register a citation named by a database prefix and a local id (BEL's `db` and `db_id`:
    "PMC", "PMC3342398") as a source of `network`, its address the identifiers.org resolver's
    (https://identifiers.org/pmc:PMC3342398); its source id ('pmc-pmc3342398')."""
    prefix = prefix.lower()
    sid = f"{re.sub(r'[^a-z0-9]+', '-', prefix)}-{re.sub(r'[^a-z0-9]+', '-', local.lower())}"
    return _cite(network, sid.strip("-"), title or f"{prefix} {local}",
                 f"https://identifiers.org/{prefix}:{local}")


def read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped when it is gzip (by content, not by name)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}") from None
    if data[:2] == b"\x1f\x8b":
        data = _gunzipped(path, data)
    return data


MAX_UNZIPPED = 512 * 2**20  # bytes a gzip file may unpack to: 10^7 interactions of SIF and more


def _gunzipped(path: Path, data: bytes) -> bytes:
    """A gzip file's contents, every member, unpacked a piece at a time and refused past
    MAX_UNZIPPED bytes: a file of a few kilobytes can unpack to gigabytes (a gzip bomb)."""
    out, left = [], MAX_UNZIPPED + 1
    try:
        while data and left > 0:
            unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out.append(unpack.decompress(data, left))
            left -= len(out[-1])
            if left > 0 and not unpack.eof:
                raise ReadError(path, "broken gzip file: it ends before its data does")
            data = unpack.unused_data.lstrip(b"\0")
    except zlib.error as exc:
        raise ReadError(path, f"broken gzip file: {exc}") from None
    if left <= 0:
        raise ReadError(path, f"unpacks to more than {MAX_UNZIPPED // 2**20} MiB: unpack it "
                              "and look at it first (this may be a gzip bomb)")
    return b"".join(out)


def an_object(path: Path, value: object, what: str) -> dict[str, Any]:
    """`value` where a JSON file must have an object (a missing one, None or empty, is {}):
    anything else is a ReadError naming `what`, not a Python error further on."""
    if not value:
        return {}
    if not isinstance(value, dict):
        raise ReadError(path, f"{what} is not an object ({type(value).__name__})")
    return value


def a_name(path: Path, value: object, what: str) -> str:
    """`value` where a JSON file must have a name: text with something in it. A number, a list,
    NaN or blanks is a ReadError naming `what`, not a node called "5", "['B']" or "nan"."""
    if not isinstance(value, str):
        raise ReadError(path, f"{what} is not text ({type(value).__name__})")
    if not value.strip():
        raise ReadError(path, f"{what} is blank")
    return value


def finite(value: float) -> float:
    """`value` if it is a number a drawing can place (not NaN or infinite), else ValueError."""
    if not math.isfinite(value):
        raise ValueError(f"{value} is not a finite number")
    return value


def open_text(path: Path, data: bytes | None = None) -> io.StringIO:
    """The file as text (UTF-8, BOM dropped), gunzipped when needed."""
    raw = read_bytes(path) if data is None else data
    try:
        return io.StringIO(raw.decode("utf-8-sig"), newline=None)
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ReadError(path, "not UTF-8 text", line) from None


_NUMBER_SIGNS = {"1": "+", "+1": "+", "+": "+", "1.0": "+", "-1": "-", "-1.0": "-", "-": "-",
                 "0": "?", "0.0": "?", "?": "?"}  # "?": unknown, as the csv export writes it


def load_json(path: Path, data: bytes | None = None) -> object:
    """The JSON document in `path` (or `data`); a syntax error names the file and line."""
    import json

    try:
        return json.loads(open_text(path, data).getvalue())
    except json.JSONDecodeError as exc:
        raise ReadError(path, f"not valid JSON: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise ReadError(path, "JSON nested too deeply to read (thousands of levels)") from None


def sign_of_number(value: str) -> str | None:
    """'1' / '+1' / '+' -> '+', '-1' / '-' -> '-', '0' / '?' -> '?'; None for anything else."""
    return _NUMBER_SIGNS.get(value.strip())


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A lower-case id from free text: 'α/βCaMKII' -> 'camkii' (letters a-z, digits, '_')."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("_", ascii_text.lower()).strip("_")
