"""Label markup: data labels may write ^{..} and _{..} for super- and subscripts (Ca^{2+}).

Three renderings of one label: `plain` (the characters only, for ids and sorting), `readable`
(what a person reads in text: Unicode super- and subscripts where Unicode has them), and the
markup itself (for drawing, where Graphviz or SVG shift the baseline).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MARKUP", "folded", "plain", "readable", "readable_quote"]

MARKUP = re.compile(r"([\^_])\{([^{}]*)\}")
# A document's inline TeX math, as some sources write a formula inside a sentence
# ("$\text{Ca}^{2+}$"), and the commands in it that only set a font.
_MATH = re.compile(r"\$([^$\n]{1,80})\$")
_FONT = re.compile(r"\\(?:text|mathrm|mathit|textrm|operatorname)\{([^{}]*)\}")

_SUP = dict(zip("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", strict=True))
_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ",
                strict=True))


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


def folded(name: str) -> str:
    """`name` as typed and as written compare equal: in any case, and with Unicode super- and
    subscripts as plain characters (NFKC), so "Ca2+" finds a node labelled "Ca²⁺", and a
    network's "Ca²⁺ influx" joins the entity whose synonym is "Ca2+ influx".

    >>> folded("Ca²⁺") == folded("ca2+")
    True
    """
    return unicodedata.normalize("NFKC", name).casefold() if not name.isascii() \
        else name.casefold()
