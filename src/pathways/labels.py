"""Label markup: data labels may write ^{..} and _{..} for super- and subscripts (Ca^{2+}).

Three renderings of one label: `plain` (the characters only, for ids and sorting), `readable`
(what a person reads in text: Unicode super- and subscripts where Unicode has them), and the
markup itself (for drawing, where Graphviz or SVG shift the baseline).
"""

from __future__ import annotations

import re

__all__ = ["MARKUP", "plain", "readable"]

MARKUP = re.compile(r"([\^_])\{([^{}]*)\}")

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
