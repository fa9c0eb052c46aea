"""Readers: one module per input format, all turning a file into the same `Network`, listed in
one registry (the mirror of `pathways.exporters`).

The format follows the file's suffix (`.gz` looked through) and, where formats share a suffix
(`.json`, `.tsv`, `.txt`, `.xml`), the file's content; `format=` names it explicitly.

>>> from pathways.readers import READERS
>>> sorted(READERS)
['bel', 'bel-script', 'gpml', 'indra', 'omnipath', 'pcsif', 'sbgn', 'sif']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from . import bel, gpml, indra, omnipath, pcsif, sbgn, sif
from ._common import Interaction, Network, Node, ReadError, read_bytes, slug

__all__ = ["READERS", "Interaction", "Network", "Node", "ReadError", "Reader", "detect_format",
           "get_reader", "network_id", "read_network"]


@dataclass(frozen=True)
class Reader:
    """One input format: its name (`--format`), suffixes, a one-line description for help texts,
    a test on the file's first characters, and the function that reads it into a Network."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    sniff: Callable[[str], bool]
    read: Callable[[Path, Network, bytes | None], Network]


READERS: dict[str, Reader] = {r.name: r for r in sorted((
    Reader("sif", (".sif", ".txt", ".tsv"),
           "signed SIF: source, activates/inhibits or 1/-1, target (CARNIVAL, COSMOS)",
           sif.sniff, sif.read),
    Reader("omnipath", (".tsv", ".txt", ".csv"),
           "OmniPath interactions TSV (and `pathways export --format tsv`)",
           omnipath.sniff, omnipath.read),
    Reader("pcsif", (".txt", ".sif", ".tsv"), "Pathway Commons Extended SIF",
           pcsif.sniff, pcsif.read),
    Reader("sbgn", (".sbgn", ".sbgnml", ".xml"), "SBGN-ML Activity Flow map",
           sbgn.sniff, sbgn.read),
    Reader("gpml", (".gpml", ".xml"), "WikiPathways GPML", gpml.sniff, gpml.read),
    Reader("bel", (".json",), "BEL as PyBEL node-link JSON", bel.sniff, bel.read),
    Reader("bel-script", (".bel",), "BEL script (needs the optional PyBEL: pathways[bel])",
           lambda head: False, bel.read_script),
    Reader("indra", (".json",), "INDRA Statement JSON", indra.sniff, indra.read),
), key=lambda r: r.name)}

# Which reader's sniff is asked first where several share a suffix: the most specific first.
# Formats whose content says what it is (an XML root, JSON keys, a header of OmniPath's
# columns): a file that looks like one of them is not read as the text format its suffix names.
DOCUMENTS = ("gpml", "sbgn", "bel", "indra", "omnipath")
_ORDER = ("omnipath", "pcsif", "sif", "gpml", "sbgn", "bel", "indra", "bel-script")


def _formats() -> str:
    return ", ".join(sorted(READERS))


def get_reader(name: str) -> Reader:
    """The reader for a format name; UsageError naming the available formats otherwise."""
    try:
        return READERS[name]
    except KeyError:
        from ..labels import did_you_mean

        hint = did_you_mean(name, READERS)
        raise UsageError(f"unknown input format {name!r}; {hint}available: {_formats()}"
                         ) from None


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def network_id(path: Path) -> str:
    """The id a file's network goes by: its name without suffixes, as a slug."""
    name = path.name
    for s in reversed(path.suffixes):
        if len(s) <= 8:
            name = name[: -len(s)]
    return slug(name) or "network"


def _head(data: bytes) -> str:
    """The start of a file's text, as the readers' `sniff` functions are shown it."""
    return data[:65536].decode("utf-8", "replace").lstrip("\ufeff")


def detect_format(path: Path, data: bytes) -> str:
    """The format of `path` (its bytes, gunzipped, in `data`): by suffix, then by content."""
    suffix = _suffix(path)
    candidates = [n for n in _ORDER if suffix in READERS[n].suffixes]
    head = _head(data)
    for name in candidates:
        if READERS[name].sniff(head):
            return name
    owners = [n for n in candidates if READERS[n].suffixes[0] == suffix]
    if candidates:
        documents = [n for n in DOCUMENTS if n not in candidates and READERS[n].sniff(head)]
        if documents:
            # A GPML map saved as .sif was read as a SIF of 130 links, each an XML line's
            # first three words: the suffix gives way to what the content plainly is, said.
            raise ReadError(path, f"its suffix is {suffix!r} but it is {documents[0]}: name "
                                  f"its format with --network-format {documents[0]} (or "
                                  f"--format for import), or give it the suffix "
                                  f"{READERS[documents[0]].suffixes[0]!r}")
    if len(candidates) == 1 or owners:
        return (owners or candidates)[0]  # the format the suffix belongs to first
    if not candidates:  # an unknown suffix: the content alone decides
        found = [n for n in _ORDER if READERS[n].sniff(head)]
        if found:
            return found[0]
    raise UsageError(f"{path}: cannot tell its format from its suffix and content; name it "
                     f"with --network-format (or --format for import), one of: {_formats()}")


def read_network(path: str | Path, fmt: str | None = None) -> Network:
    """Read one file into a Network (format from `fmt`, else from its suffix and content).

    Raises ReadError (one line: file, line, what is wrong) for a file that is not its format.
    """
    path = Path(path)
    data = read_bytes(path)
    if not data.strip():
        raise ReadError(path, "the file is empty")
    name = fmt or detect_format(path, data)
    reader = get_reader(name)
    network = Network(network_id(path), str(path), name, path.name)
    try:
        reader.read(path, network, data)
    except RecursionError:  # a document nested thousands deep (JSON arrays, XML elements)
        raise ReadError(path, "nested too deeply to read (thousands of levels); is it really "
                              f"a {name} file?") from None
    except ReadError as exc:
        # Taken from its suffix, and not that format: a GPML map saved as .sif failed at its
        # eleventh line as a SIF. Say what its content looks like.
        others = [n for n in _ORDER if n != name and READERS[n].sniff(_head(data))]
        if fmt is not None or not others:
            raise
        raise ReadError(exc.file, f"{exc.reason} (read as {name}, from its "
                        f"suffix; its content looks like {others[0]}: name it with "
                        f"--network-format {others[0]}, or --format for import)",
                        exc.line) from None
    guessed = fmt is None and not network.interactions and not reader.sniff(_head(data))
    if not network.interactions and not network.nodes:
        raise ReadError(path, f"no nodes or interactions found as {name}" + (
            f" (taken from its suffix: its content looks like no format; name its format with "
            f"--network-format, or --format for import: one of {_formats()})" if guessed else ""))
    owners = [n for n, r in READERS.items() if r.suffixes[:1] == (_suffix(path),)]
    if guessed and owners != [name]:
        # Taken for one of the formats whose own suffix it has, and not recognised by it: nodes
        # read, no link. Our own node-link JSON export, read as BEL JSON (`.json` is BEL's and
        # INDRA's), gave 32 nodes, no edge and "Wrote". A suffix of one format's own is that
        # format: a SIF of names alone is a SIF.
        raise ReadError(path, f"no interactions read as {name}, the first of the formats its "
                              f"suffix may name, and its content does not look like {name}; name "
                              f"its format with --network-format, or --format for import: one of "
                              f"{_formats()} (an `export --format json` file is not one: export "
                              "SIF, TSV or SBGN-ML to read a graph back)")
    _check_names(path, network)
    return network


# Characters no figure, export or terminal should be handed: control characters (an escape
# sequence recolours the terminal; XML cannot carry most of them), direction overrides (they
# reorder the text around them), lone surrogates (a JSON file's "\ud800": no UTF-8 file can
# hold one, and every export stopped on it), the noncharacters U+FFFE and U+FFFF (no XML
# may hold them) and, in a name, invisible ones (a zero-width space: a name that looks like
# "Gzw" could not be asked for as "Gzw"; in a quote from a paper it harms nothing). In a
# link's words and quotes, tabs and line breaks are text.
_BAD = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_UNSHOWABLE = re.compile(f"[\x00-\x1f{_BAD}\u200b-\u200f\u2060-\u2064\ufeff]")
_UNSHOWABLE_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_BAD}]")


NAME_MAX = 1_000  # characters in a node's id, label or synonym (real files: at most ~200)


def _check_names(path: Path, network: Network) -> None:
    """A ReadError naming the first node whose id, label or synonym holds a character
    `_UNSHOWABLE` matches, or runs past NAME_MAX characters (no figure or export can lay it
    out: Graphviz refuses a node that wide); linear in the names' length."""
    for node in network.nodes.values():
        for text in (node.id, node.label, *node.synonyms):
            if len(text) > NAME_MAX:
                raise ReadError(path, f"node {text[:40]!r}... has a name of {len(text):,} "
                                      f"characters (at most {NAME_MAX:,}); shorten it in the "
                                      "file")
            if (bad := _UNSHOWABLE.search(text)) is not None:
                raise ReadError(path, f"node {_shown(text)} contains the character "
                                      f"U+{ord(bad.group()):04X}, which no figure or export can "
                                      "show; clean the name in the file")
    for it in network.interactions:
        for text in (it.effect, it.label, *(part for ev in it.evidence for part in ev[:2])):
            if (bad := _UNSHOWABLE_TEXT.search(text)) is not None:
                at = f" (line {it.line})" if it.line else ""
                raise ReadError(path, f"link {_shown(it.source)} -> {_shown(it.target)}{at} "
                                      f"contains the character U+{ord(bad.group()):04X}, which "
                                      "no figure or export can show; clean it in the file")
    for sid, source in network.sources.items():
        for text in (sid, *source.values()):
            if (bad := _UNSHOWABLE_TEXT.search(text)) is not None:
                raise ReadError(path, f"source {_shown(sid)} contains the character "
                                      f"U+{ord(bad.group()):04X}, which no figure or export can "
                                      "show; clean it in the file")


def _shown(text: str) -> str:
    """`text` quoted for a message, every character a terminal or UTF-8 file cannot take
    written as an escape (a lone surrogate cannot even be printed)."""
    return repr(text[:60]).encode("ascii", "backslashreplace").decode("ascii")
