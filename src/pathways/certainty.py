"""How certain a source is of a link, and how certainties combine along a route.

Its own module, apart from the model's dataclasses, because the queries need only this: a query
answered from the cached graph then imports no dataclass at all (see `pathways.cache`).
`pathways.model` re-exports every name here.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

__all__ = ["Status", "strongest", "weakest"]


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
