"""Label markup: data labels may write ^{..} and _{..} for super- and subscripts (Ca^{2+}).

Three renderings of one label: `plain` (the characters only, for ids and sorting), `readable`
(what a person reads in text: Unicode super- and subscripts where Unicode has them), and the
markup itself (for drawing, where Graphviz or SVG shift the baseline).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["MARKUP", "Unique", "counted", "did_you_mean", "folded", "plain", "readable",
           "readable_evidence", "readable_quote", "typeset", "typeset_guard"]

MARKUP = re.compile(r"([\^_])\{([^{}]*)\}")
# A document's inline TeX math, as some sources write a formula inside a sentence
# ("$\text{Ca}^{2+}$"), and the commands in it that only set a font.
_MATH = re.compile(r"\$([^$\n]{1,80})\$")
_FONT = re.compile(r"\\(?:text|mathrm|mathit|textrm|operatorname)\{([^{}]*)\}")

_SUP = dict(zip("0123456789+-\u2212=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ", strict=True))
_SUB = dict(zip("0123456789+-\u2212=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ",
                strict=True))
# Typesetting numbers (`typeset`). A hyphen before a number, not after a word, a number or a
# closing bracket: a negative number ("-5.78", "vs -6.46", "p=-0.1"). A hyphen between two
# numbers, neither of them part of a longer token (a date or a catalogue number, "2023-01-05",
# "123-45-6", or a name's "Ro25-6981"): a range ("0.016-0.48 mg/kg", "24-25°C").
_NEGATIVE = re.compile(r"(?<![\w.)\]}\-\u2013\u2212/])-(?=\.?\d)")
_RANGE = re.compile(r"(?<![\w.\-\u2013\u2212/])(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?![\w.]*[-\u2013])")
# A hyphen with a space either side between two numbers, as a document may write a range
# ("24.3% - 25.5%"): an en dash, set close; not after a name's number ("IL-6 - 10 ng").
_SPACED_RANGE = re.compile(r"(?<![\w.\-\u2013\u2212/])(\d+(?:\.\d+)?%?) +- +(?=\.?\d)")


def plain(label: str) -> str:
    """The label as plain text: 'Ca^{2+} influx' -> 'Ca2+ influx'."""
    return MARKUP.sub(r"\2", label)


def _shift(m: re.Match[str]) -> str:
    table = _SUP if m.group(1) == "^" else _SUB
    text = m.group(2)
    if text and all(c in table for c in text):
        return "".join(table[c] for c in text)
    return text  # no Unicode form for every character: the characters as written


def readable(label: str) -> str:
    """The label as a person reads it in plain text: Unicode super- and subscripts where Unicode
    has every character, the plain characters otherwise.

    >>> readable("Ca^{2+} influx, IC_{50}, K_{i}")
    'Ca²⁺ influx, IC₅₀, Kᵢ'
    >>> readable("K_{p,uu}")
    'Kp,uu'
    """
    return MARKUP.sub(_shift, label)


def readable_quote(quote: str) -> str:
    """A verbatim quote as a person reads it: its inline TeX math (`$\\text{Ca}^{2+}$`) as
    `readable` text (Ca²⁺), every other character as the document wrote it. For what people
    read (tooltips, the terminal); the data and the exports keep the quote as it was.

    >>> readable_quote(r"decreasing $\\text{Ca}^{2+}$ influx")
    'decreasing Ca²⁺ influx'
    >>> readable_quote("$5 and $6")
    '$5 and $6'
    """
    def shown(m: re.Match[str]) -> str:
        math = m.group(1)
        if not any(c in math for c in "\\^_{"):
            return m.group(0)  # dollars, not a formula: "$5 and $6"
        return readable(_FONT.sub(r"\1", math))

    return _MATH.sub(shown, quote)


def readable_evidence(evidence: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """An edge's evidence as people read it: each quote's inline TeX (`$\\text{Ca}^{2+}$`, as
    a document wrote it) shown as Ca²⁺ (`labels.readable_quote`), and the quote as written kept
    beside it as `verbatim` where the two differ, so it can still be checked against its
    document word for word."""
    out = []
    for ev in evidence:
        shown = readable_quote(ev["quote"])
        out.append({**ev, "quote": shown, "verbatim": ev["quote"]} if shown != ev["quote"]
                   else dict(ev))
    return out


def counted(n: int, noun: str) -> str:
    """`n` and `noun`, plural unless n is 1: "1 edge", "19,807 edges", "3 new entities"."""
    if n == 1:
        return f"1 {noun}"
    return f"{n:,} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """"did you mean 'x'? " for the choice nearest a mistyped `word` ("antagonizes":
    antagonises; "sfi": sif), else nothing."""
    import difflib

    found = difflib.get_close_matches(word.casefold(), list(choices), n=1)
    return f"did you mean {found[0]!r}? " if found else ""


def folded(name: str) -> str:
    """`name` as typed and as written compare equal: in any case, and with Unicode super- and
    subscripts as plain characters (NFKC), so "Ca2+" finds a node labelled "Ca²⁺", and a
    network's "Ca²⁺ influx" joins the entity whose synonym is "Ca2+ influx".

    >>> folded("Ca²⁺") == folded("ca2+")
    True
    """
    return unicodedata.normalize("NFKC", name).casefold() if not name.isascii() \
        else name.casefold()


def typeset_guard(names: Iterable[str]) -> re.Pattern[str] | None:
    """The names among `names` that `typeset` would change ("Ro 25-6981": a name, not the range
    25 to 6981), as one pattern `typeset` leaves alone; None when there is none. Build it once
    per figure, from the names the figure can mention."""
    kept = sorted({n for n in names if n and typeset(n) != n}, key=lambda n: (-len(n), n))
    return re.compile("|".join(re.escape(n) for n in kept)) if kept else None


def typeset(text: str, guard: re.Pattern[str] | None = None) -> str:
    """A number's text as it is printed: a minus sign (\u2212) for a hyphen before a negative
    number, an en dash (\u2013) for a hyphen between the ends of a range. For the values,
    details and durations a figure draws, typed with the keyboard's hyphen in the data (the
    data keep it); names matched by `guard` (see `typeset_guard`) as written.

    >>> typeset("-5.78 (p=0.0427) vs -6.46")
    '\u22125.78 (p=0.0427) vs \u22126.46'
    >>> typeset("0.016-0.48 mg/kg, 24-25\u00b0C, IL-6, 5-HT, 2023-01-05")
    '0.016\u20130.48 mg/kg, 24\u201325\u00b0C, IL-6, 5-HT, 2023-01-05'
    >>> typeset("Ro 25-6981 at 1-5 \u00b5M", typeset_guard(["Ro 25-6981"]))
    'Ro 25-6981 at 1\u20135 \u00b5M'
    >>> typeset("24.3% - 25.5%")
    '24.3%\u201325.5%'
    """
    if "-" not in text:
        return text
    if guard is not None:
        parts, start = [], 0
        for m in guard.finditer(text):
            parts += [typeset(text[start:m.start()]), m.group(0)]
            start = m.end()
        return "".join(parts) + typeset(text[start:])
    text = _SPACED_RANGE.sub("\\1\u2013", text)
    return _NEGATIVE.sub("\u2212", _RANGE.sub("\\1\u2013\\2", text))


def _numbered(base: str, k: int) -> str:
    return f"{base}_{k}"


class Unique:
    """Names made unique as they are asked for: the name itself where it is free, else the
    first free `form(base, k)` for k = 2, 3, ... Each base's count is kept, so many names of
    one base cost a step each, not a walk past every one before them (20,000 GPML nodes
    labelled "X" took 22 s to read; 20,000 CJK names with one Mermaid id, 25 s to export)."""

    def __init__(self, used: Iterable[str] = (),
                 form: Callable[[str, int], str] = _numbered) -> None:
        self.used = set(used)
        self._form = form
        self._next: dict[str, int] = {}

    def __call__(self, base: str, first: str | None = None) -> str:
        """`first` (by default `base`) where it is free, else `base` numbered."""
        name = base if first is None else first
        if name in self.used:
            return self.numbered(base)
        self.used.add(name)
        return name

    def numbered(self, base: str) -> str:
        """The first free `form(base, k)`, k from 2 (or past the last one given for `base`:
        every one before it is taken, since names are never given back)."""
        k = self._next.get(base, 2)
        while (name := self._form(base, k)) in self.used:
            k += 1
        self._next[base] = k + 1
        self.used.add(name)
        return name


_XML_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def xml_token(name: str) -> str:
    """`name` as a piece of an XML id (an SVG element's, an SBGN glyph's: xs:ID, no ":", "/",
    space, quote or bracket) and never with a ".": as it is where it is plain (every curated
    id, a network's gene names), else "Xh" and its UTF-8 bytes in hex (a BEL term,
    `a(CHEBI:"2,4-dinitrophenol")`; a network node named "../../etc/passwd"); a plain name
    that starts with "Xh" is written so too, so two names never share a token.

    >>> xml_token("mglur2_3"), xml_token('a(CHEBI:"x")')
    ('mglur2_3', 'Xh612843484542493a22782229')
    """
    if _XML_PLAIN.fullmatch(name) and not name.startswith("Xh"):
        return name
    return "Xh" + name.encode("utf-8").hex()
