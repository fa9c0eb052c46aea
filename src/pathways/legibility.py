"""Whether a figure's text is large enough where its preset shows it, and what would help when
it is not: the advice `pathways render` prints with its warning."""

from __future__ import annotations

from .layout import fit_scale
from .style import PRESETS

__all__ = ["advice", "text_elsewhere"]


def text_elsewhere(width: float, height: float, text_pt: float, preset: str, other: str) -> float:
    """About how large the smallest text of a figure drawn `width` x `height` points, `text_pt`
    where `preset` shows it, is where `other` shows it: the same drawing, scaled to the other
    area. A lower bound more than a forecast, since `other` lays the view out for its own area.

    >>> text_elsewhere(1000, 500, 7.0, "slide", "full")
    4.0
    """
    here = fit_scale(width, height, PRESETS[preset].area)
    return round(text_pt * fit_scale(width, height, PRESETS[other].area) / here, 1)


def advice(width: float, height: float, text_pt: float, preset: str, *, depth: int | None = None,
           compounds: int = 0) -> str:
    """What would make the text larger, in a few words: presets where this drawing already
    reaches their floor, a smaller --depth, fewer compounds; else, a view too large to print."""
    tips = []
    for name, other in PRESETS.items():
        if other is PRESETS[preset] or name == "paper":
            continue
        if (shown := text_elsewhere(width, height, text_pt, preset, name)) >= other.floor:
            tips.append(f"--preset {name} (about {shown:g} pt)")
    if depth is not None and depth > 1:
        tips.append(f"--depth {depth - 1}")
    if compounds > 1:
        tips.append("fewer compounds")
    if tips:
        return "try " + ", ".join(tips)
    return ("too many nodes to print legibly: draw a less connected node with --around, or "
            "`pathways export` the graph to a viewer that zooms")
