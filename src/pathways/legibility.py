"""Whether a figure's text is large enough where its preset shows it, and what would help when
it is not: the advice `pathways render` prints with its warning."""

from __future__ import annotations

from collections.abc import Mapping

from .labels import plain
from .layout import fit_scale, layout_view
from .style import PRESETS, Preset, Theme
from .views import View

__all__ = ["REACH", "advice", "text_at", "text_elsewhere", "unbroken_word",
           "worth_laying_out"]

# A generous width of a character of the figures' sans-serif, in ems: Liberation Sans's lower
# and upper case average about 0.5-0.67. A word this wide at the floor is too wide in fact.
EM_PER_CHARACTER = 0.5


def text_at(view: View, preset: str, theme: Theme) -> float:
    """The smallest text, in points, of `view` laid out for `preset` and shown where it shows
    it (one layout search, its box measured as drawn, no file written): what switching to that
    preset prints (`figures.printed_text`)."""
    from .figures import printed_text

    return printed_text(layout_view(view, PRESETS[preset], theme), PRESETS[preset], view.id)


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


# How many times larger a preset's own layout may show a view's smallest text than the same
# drawing scaled to the preset's area (`text_elsewhere`) before it is worth laying the view out
# for that preset to find out: over the catalog, laid out for one column, at most 2.0x (a
# figure stretched down a narrow page); at full width 1.2x. A view of 300 nodes took a minute
# a layout, and its advice two more minutes for presets where it was never near the floor.
REACH = 3.0


def worth_laying_out(width: float, height: float, text_pt: float, preset: str, other: str
                     ) -> bool:
    """Whether laying the view drawn `width` x `height` points, `text_pt` where `preset` shows
    it, out for `other` could bring its text to `other`'s floor (within REACH of the scaled
    drawing's), so that `text_at` is worth its layout.

    >>> worth_laying_out(1000, 500, 7.0, "slide", "full"), worth_laying_out(4000, 900, 2.0,
    ...                                                                      "slide", "full")
    (True, False)
    """
    return text_elsewhere(width, height, text_pt, preset, other) * REACH >= PRESETS[other].floor


def unbroken_word(view: View, preset: Preset) -> str | None:
    """Where one word of a name or label (no space to wrap it at) is, at the preset's floor,
    wider than half the area the preset shows the figure in, which keeps the whole drawing small
    however few its nodes: that word, cut short, and whose it is; else None.

    >>> from pathways.views import View, ViewNode
    >>> unbroken_word(View("v", "mechanism", (ViewNode("a", "X" * 200, "receptor"),), ()),
    ...               PRESETS["slide"])
    "entity 'a' (a word of 200 characters: XXXXXXXXXXXXXXXXXXXX…)"
    """
    words = [(len(word), f"entity {node.id!r}", word) for node in view.nodes
             for word in plain(node.label).split()]
    words += [(len(word), f"link {edge.source} -> {edge.target}", word) for edge in view.edges
              for word in plain(edge.label).split()]
    if not words:
        return None
    length, owner, word = max(words, key=lambda w: w[0])
    if length * EM_PER_CHARACTER * preset.floor <= preset.area[0] / 2:
        return None
    shown = word if length <= 20 else word[:20] + "\u2026"
    return f"{owner} (a word of {length} characters: {shown})"


# How many times larger a smaller view (`--depth`, `--max-nodes`) must print the text to be
# named: `render --around nmda_receptor --depth 3` was told "try --depth 2 (6.5 pt)" at 6.4 pt,
# and in one column "--max-nodes 15 (2.5 pt)" at 2.4 pt, which help no one.
HELPS = 1.1


def advice(elsewhere: Mapping[str, float], *, smaller: Mapping[str, float] | None = None,
           now: float = 0.0, around: bool = False, compounds: int = 0,
           wide_word: str | None = None) -> str:
    """What would make the text large enough, in a few words: the presets where it reaches
    their floor (`elsewhere`: preset name -> its smallest text there), the options that draw
    less (`smaller`: option -> its smallest text, laid out) where the text comes out at least
    HELPS times as large as `now`, fewer compounds; else, that the view is too large to print,
    or, where one word is too wide to print at the floor (`wide_word`, see `unbroken_word`),
    that it be shortened.

    >>> advice({}, wide_word="entity 'a' (a word of 200 characters: XX…)")
    "shorten the name of entity 'a' (a word of 200 characters: XX…) or give it spaces to wrap at"

    A preset's text is smaller than the slide's, but printed at its width it meets that
    preset's own floor: the tip says so, or it reads as advice to shrink the text.

    >>> advice({"column": 6.4, "full": 6.1}, smaller={"--depth 1": 9.0}, now=6.0)
    'try --preset column (6.4 pt, its floor 6 pt), --depth 1 (9 pt)'
    """
    tips = [f"--preset {name} ({shown:g} pt, its floor {PRESETS[name].floor:g} pt)"
            for name, shown in elsewhere.items() if shown >= PRESETS[name].floor]
    tips += [f"{option} ({shown:g} pt)" for option, shown in (smaller or {}).items()
             if shown >= now * HELPS]
    if compounds > 1:
        tips.append("fewer compounds")
    if wide_word:
        what = "label" if wide_word.startswith("link") else "name"
        first = f"shorten the {what} of {wide_word} or give it spaces to wrap at"
        return first + ("; try " + ", ".join(tips) if tips else "")
    if tips:
        return "try " + ", ".join(tips)
    if around:
        return ("no preset, smaller --depth or --max-nodes tried prints it much larger; "
                "`pathways export` it to a viewer that zooms")
    return ("too many nodes to print legibly: draw part of it with --around NODE --max-nodes "
            "40, or `pathways export` it to a viewer that zooms")
