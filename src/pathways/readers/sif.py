"""Signed Simple Interaction Format: `source interaction target`, one interaction a line.

The interaction is a sign word (`activates`, `inhibits`, `unknown`, as `pathways export --format
sif` writes them, and their usual synonyms) or a number (`1`, `-1`, `0`: the CARNIVAL / COSMOS
prior-knowledge networks). Fields are separated by tabs (or, in a file without tabs, by runs of
spaces); the first line of three fields (blank lines and `#` comments aside) is a header where
its middle field names the column (`source interaction target`; also `sign`, `type`, ...).
SIF's `a pp b c` (one source, several targets) gives one interaction per target, unless a
header names those columns otherwise (`source interaction target reference`: the reference is
no target); a line of one
name is a node without interactions. Another word (`pp`, `pd`) is an interaction of unknown sign
with the word as its label. Each interaction's evidence is its line, cited as the file.
"""

from __future__ import annotations

from pathlib import Path

from ._common import Interaction, Network, Node, ReadError, open_text, sign_of_number

__all__ = ["SIGN_WORDS", "read", "sniff"]

# Relation word -> (sign, effect verb of the model).
SIGN_WORDS: dict[str, tuple[str, str]] = {
    "activates": ("+", "activates"), "activation": ("+", "activates"),
    "stimulates": ("+", "stimulates"), "stimulation": ("+", "stimulates"),
    "increases": ("+", "increases"), "positive": ("+", "activates"), "->": ("+", "activates"),
    "inhibits": ("-", "inhibits"), "inhibition": ("-", "inhibits"),
    "decreases": ("-", "decreases"), "negative": ("-", "inhibits"), "-|": ("-", "inhibits"),
    "unknown": ("?", "regulates"), "regulates": ("?", "regulates"),
    "modulates": ("?", "modulates"),
}
_NUMBER_EFFECTS = {"+": "activates", "-": "inhibits", "?": "regulates"}
# The first line of three fields (blank lines and comments aside) whose middle field is one of
# these is a header (`source interaction target`).
HEADER_WORDS = frozenset({"interaction", "relation", "sign", "type", "effect",
                          "interaction_type"})


def _relation(word: str) -> tuple[str, str, str] | None:
    """(sign, effect, label) for a relation field; None where it is no known relation."""
    sign = sign_of_number(word)
    if sign is not None:
        return sign, _NUMBER_EFFECTS[sign], ""
    known = SIGN_WORDS.get(word.lower())
    return (known[0], known[1], "") if known else None


def sniff(head: str) -> bool:
    """True when most of the first lines read `name relation name` with a known relation."""
    rows = [ln.split("\t") if "\t" in ln else ln.split() for ln in head.splitlines()[:20]
            if ln.strip() and not ln.lstrip().startswith("#")]
    rows = [r for r in rows if len(r) >= 3]
    if len(rows) == 1 and rows[0][1].strip().lower() in HEADER_WORDS:
        return True  # this layout's header and no interaction yet
    if len(rows) > 1 and _relation(rows[0][1].strip()) is None:
        rows = rows[1:]  # a header
    return bool(rows) and sum(_relation(r[1].strip()) is not None for r in rows) * 2 > len(rows)


def read(path: Path, network: Network, data: bytes | None = None) -> Network:
    """Every line of `path` into `network` (see the module docstring for the layout)."""
    src = network.file_source()
    nodes, out = network.nodes, network.interactions
    text = open_text(path, data)
    tabs = "\t" in text.getvalue()[:65536]  # tab-separated unless no tab is to be seen
    known: dict[str, tuple[str, str, str]] = {}  # relation fields seen, for the common case
    first = True  # no line of three fields read yet: such a line may be the header
    targets: list[int] = []  # the columns of targets a header names; none: every column after
    others: list[str] = []  # the columns a header names that are not targets
    unread = 0  # values in those columns
    # Lone names of three words with a relation between ("B -1 C"): an interaction written with
    # spaces in a file of tabs where an end is a node of another line's interaction; else a name
    # ("HIF 1 alpha"). Decided once every line is read.
    suspects: list[tuple[int, str, str, str]] = []
    for number, raw in enumerate(text, 1):
        line = raw.rstrip("\n\r")
        if tabs:  # fast path: `u<TAB>relation<TAB>v` with a relation seen before
            parts = line.split("\t")
            if len(parts) == 3 and parts[1] in known:
                u, v = parts[0].strip(), parts[2].strip()
                if u and v and not u.startswith("#"):  # a comment is no link, whatever it holds
                    sign, effect, label = known[parts[1]]
                    if u not in nodes:
                        nodes[u] = Node(u, u)
                    if v not in nodes:
                        nodes[v] = Node(v, v)
                    out.append(Interaction(u, v, effect, sign,
                                           ((src, f"{u} {parts[1]} {v}", "stated"),), label, number))
                    continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")] if tabs else line.split()
        if len(fields) == 1 or (len(fields) == 2 and not fields[1]):
            words = fields[0].split()
            if tabs and len(words) == 3 and _relation(words[1]) is not None:
                suspects.append((number, fields[0], words[0], words[2]))
            if fields[0]:
                nodes.setdefault(fields[0], Node(fields[0], fields[0]))
            continue
        if len(fields) == 2:
            raise ReadError(path, f"expected `source interaction target`, got {line!r}", number)
        word = fields[1]
        rel = _relation(word)
        header, first = first and rel is None and word.lower() in HEADER_WORDS, False
        if header:  # after blank lines and comments, as `sniff` takes it
            # Its columns after the target that it names otherwise ("reference", "pmid") hold
            # no targets: read as targets, "source interaction target reference" made a link
            # to every row's reference ("AKT1 -> PMID:123").
            # A header of three columns leaves SIF's several targets a row as they are.
            named = [i for i, name in enumerate(fields) if i >= 2
                     and name.lower().startswith(("target", "node"))]
            if len(fields) > 3:
                targets = named or [2]
                others = [fields[i] for i in range(2, len(fields)) if i not in targets]
            continue
        if rel is None:
            if word.lstrip("+-").replace(".", "", 1).isdigit():
                raise ReadError(path, f"sign {word!r} is not 1, -1 or 0", number)
            rel = ("?", "regulates", word)
        if tabs:
            known.setdefault(word, rel)
        sign, effect, label = rel
        u = fields[0]
        if not u:
            raise ReadError(path, "empty source name", number)
        if u not in nodes:
            nodes[u] = Node(u, u)
        quote = " ".join(fields)
        if others:
            unread += sum(1 for i in range(2, len(fields)) if i not in targets and fields[i])
        ends = [v for v in ((fields[i] for i in targets if i < len(fields)) if targets
                            else fields[2:]) if v]
        if not ends:
            raise ReadError(path, f"{u!r} {word} has no target", number)
        for v in ends:
            if v not in nodes:
                nodes[v] = Node(v, v)
            out.append(Interaction(u, v, effect, sign, ((src, quote, "stated"),), label, number))
    if unread:
        network.skip(f"values of columns the header names as no target ({', '.join(others)}), "
                     "kept in their links' evidence", unread)
    ends = {name for i in out for name in (i.source, i.target)} if suspects else set()
    for number, text, u, v in suspects:
        if u in ends or v in ends:  # read as a node named "B -1 C", its interaction lost
            raise ReadError(path, f"{text!r} has no tab in a tab-separated file: separate "
                                  "source, interaction and target with tabs", number)
    return network
