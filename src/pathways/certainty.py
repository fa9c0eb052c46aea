"""How certain a source is of a link, and how certainties combine along a route.

Its own module, apart from the model's dataclasses, because the queries need only this: a query
answered from the cached graph then imports no dataclass at all (see `pathways.cache`).
`pathways.model` re-exports every name here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

__all__ = ["HEDGES", "Status", "as_said", "hedge_words", "strongest", "weakest"]

# Words by which a sentence hedges what it says ("is believed to", "suggests", "may").
HEDGES = re.compile(
    r"\b(believed|thought to|postulated|suggest(s|ed|ing)?|likely|may|might|could|possibly|"
    r"potential(ly)?|proposed|presumabl[ey]|putative|appears? to|hypothesi[sz](e|ed|es)|"
    r"inferred|implicates?)\b", re.I)


def hedge_words(quote: str) -> list[str]:
    """The hedging words in `quote`, in order: 'is believed to be mediated' -> ['believed']."""
    return [m.group(0) for m in HEDGES.finditer(quote)]


def as_said(sentence: str, status: str = "stated") -> str:
    """How certain a network file's evidence `sentence` is: "hedged" where a sentence given as
    stated hedges ("These data suggest that ..."), else `status` as the file gives it.

    >>> as_said("These results suggest that AKT1 activates MTOR.")
    'hedged'
    """
    return "hedged" if status == "stated" and HEDGES.search(sentence) else status


class Status(StrEnum):
    """How certain the source is of a link (its certainty): it states it plainly, states it with
    a hedge ("is believed to", "is thought to", "likely"), or only implies it or calls it a
    hypothesis. Drawn solid, dotted and dashed; said in words in every text output."""

    STATED = "stated"
    HEDGED = "hedged"
    HYPOTHESISED = "hypothesised"

    @property
    def rank(self) -> int:
        """2 for stated, 1 for hedged, 0 for hypothesised: higher is more certain."""
        return _RANK[self.value]


_RANK = {"stated": 2, "hedged": 1, "hypothesised": 0}


def strongest(statuses: Iterable[str]) -> str:
    """The most certain of `statuses` (an edge is as certain as its strongest evidence).

    >>> strongest(["hypothesised", "stated"])
    'stated'
    """
    return max(statuses, key=_RANK.__getitem__, default=Status.HYPOTHESISED.value)


def weakest(statuses: Iterable[str]) -> str:
    """The least certain of `statuses` (a route is as certain as its weakest link).

    >>> weakest(["hedged", "stated"])
    'hedged'
    """
    return min(statuses, key=_RANK.__getitem__, default=Status.STATED.value)
