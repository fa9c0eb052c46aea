"""Label markup: data labels may write ^{..} and _{..} for super- and subscripts (Ca^{2+})."""

from __future__ import annotations

import re

__all__ = ["MARKUP", "plain"]

MARKUP = re.compile(r"([\^_])\{([^{}]*)\}")


def plain(label: str) -> str:
    """The label as plain text: 'Ca^{2+} influx' -> 'Ca2+ influx'."""
    return MARKUP.sub(r"\2", label)
