"""Whether a figure's text is large enough where its preset shows it, and what would help when
it is not: the advice `pathways render` prints with its warning."""

from __future__ import annotations

from collections.abc import Mapping

from .layout import fit_scale, layout_view, smallest_font
from .style import PRESETS, Theme
from .views import View

__all__ = ["advice", "text_at", "text_elsewhere"]


def text_at(view: View, preset: str, theme: Theme) -> float:
    """The smallest text, in points, of `view` laid out for `preset` and shown where it shows
    it (one layout search, nothing drawn): what switching to that preset would give."""
    p = PRESETS[preset]
    laid = layout_view(view, p, theme)
    return round(smallest_font(laid.positioned) * fit_scale(laid.width, laid.height, p.area), 1)


def text_elsewhere(width: float, height: float, text_pt: float, preset: str, other: str) -> float:
    """About how large the smallest text of a figure drawn `width` x `height` points, `text_pt`
    where `preset` shows it, is where `other` shows it: the same drawing, scaled to the other
    area. A lower bound more than a forecast, since `other` lays the view out for its own area
    (`text_at` does that).

    >>> text_elsewhere(1000, 500, 7.0, "slide", "full")
    4.0
    """
    here = fit_scale(width, height, PRESETS[preset].area)
    return round(text_pt * fit_scale(width, height, PRESETS[other].area) / here, 1)


def advice(elsewhere: Mapping[str, float], *, smaller: Mapping[str, float] | None = None,
           now: float = 0.0, around: bool = False, compounds: int = 0) -> str:
    """What would make the text large enough, in a few words: the presets where it reaches
    their floor (`elsewhere`: preset name -> its smallest text there), the options that draw
    less (`smaller`: option -> its smallest text, laid out) where the text comes out larger
    than `now`, fewer compounds; else, that the view is too large to print.

    >>> advice({"column": 6.4, "full": 6.1}, smaller={"--depth 1": 9.0}, now=6.0)
    'try --preset column (6.4 pt), --depth 1 (9 pt)'
    """
    tips = [f"--preset {name} ({shown:g} pt)" for name, shown in elsewhere.items()
            if shown >= PRESETS[name].floor]
    tips += [f"{option} ({shown:g} pt)" for option, shown in (smaller or {}).items()
             if shown > now]
    if compounds > 1:
        tips.append("fewer compounds")
    if tips:
        return "try " + ", ".join(tips)
    if around:
        return ("no preset, smaller --depth or --max-nodes tried prints it larger; "
                "`pathways export` it to a viewer that zooms")
    return ("too many nodes to print legibly: draw part of it with --around NODE --max-nodes "
            "40, or `pathways export` it to a viewer that zooms")
