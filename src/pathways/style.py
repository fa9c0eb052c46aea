"""Figure styling as data: palettes, node looks by kind, edge looks by sign. Never mutated:
themes and presets build new mappings from these defaults."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["CERTAINTY_NAMES", "CERTAINTY_STYLES", "MM", "OKABE_ITO", "PRESETS", "THEMES", "Preset",
           "Theme", "edge_look", "node_look", "sharp_cornered"]

# Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO: Mapping[str, str] = MappingProxyType({
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
})

FONT = "Liberation Sans"  # metric-compatible with Arial/Helvetica; fallbacks via fontconfig


@dataclass(frozen=True)
class Theme:
    """Colours of one theme; node fills are light tints so black text stays readable."""

    name: str
    background: str
    text: str
    muted: str
    cluster_fill: str
    cluster_line: str
    kind_fill: Mapping[str, str]
    kind_line: Mapping[str, str]
    sign_colour: Mapping[str, str]
    compound_colours: tuple[str, ...]


_LINES = MappingProxyType({
    "compound": OKABE_ITO["vermillion"], "receptor": OKABE_ITO["blue"],
    "neurotransmitter": "#B59F00", "ion": OKABE_ITO["orange"], "protein": OKABE_ITO["green"],
    "process": "#6B6B6B", "phenotype": OKABE_ITO["purple"],
    "tool": OKABE_ITO["vermillion"], "chemical": OKABE_ITO["sky_blue"],
    # Workflow-only kinds.
    "analysis": "#6B6B6B", "outcome": OKABE_ITO["sky_blue"],
})

LIGHT = Theme(
    name="light", background="white", text="#1A1A1A", muted="#555555",
    cluster_fill="#F4F4F4", cluster_line="#9A9A9A",
    kind_fill=MappingProxyType({
        "compound": "#FBE3D3", "receptor": "#D6E9F8", "neurotransmitter": "#FBF6C8",
        "ion": "#FDEBC8", "protein": "#CDEFE4", "process": "#FFFFFF", "phenotype": "#F5DDEA",
        "tool": "#FFFFFF", "analysis": "#E8E8E8", "outcome": "#E3F2FB", "chemical": "#E3F2FB",
    }),
    kind_line=_LINES,
    sign_colour=MappingProxyType({"+": "#1A1A1A", "-": OKABE_ITO["vermillion"],
                                  "?": "#6B6B6B"}),
    compound_colours=(OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"],
                      OKABE_ITO["purple"], OKABE_ITO["sky_blue"], OKABE_ITO["vermillion"]),
)

DARK = Theme(
    name="dark", background="#111418", text="#F2F2F2", muted="#BDBDBD",
    cluster_fill="#1E242B", cluster_line="#6B7580",
    kind_fill=MappingProxyType({
        "compound": "#5A2A0C", "receptor": "#0E3553", "neurotransmitter": "#4A4413",
        "ion": "#4D3A0A", "protein": "#0B4536", "process": "#24292F", "phenotype": "#4D2440",
        "tool": "#24292F", "analysis": "#30363D", "outcome": "#123A52", "chemical": "#123A52",
    }),
    kind_line=MappingProxyType({**_LINES, "process": "#A0A0A0", "compound": "#F28C45",
                                "tool": "#F28C45"}),
    sign_colour=MappingProxyType({"+": "#F2F2F2", "-": "#FF8A4C", "?": "#BDBDBD"}),
    compound_colours=(OKABE_ITO["sky_blue"], OKABE_ITO["orange"], OKABE_ITO["green"],
                      OKABE_ITO["purple"], OKABE_ITO["yellow"], OKABE_ITO["vermillion"]),
)

THEMES: Mapping[str, Theme] = MappingProxyType({"light": LIGHT, "dark": DARK})


MM = 72 / 25.4  # points per millimetre


@dataclass(frozen=True)
class Preset:
    """Where a figure is shown and how it is laid out for it.

    `area` is the space (points) the figure is shown in; layouts are chosen to make its text
    largest there, and `floor` is the smallest text (points, as shown) the preset promises:
    below it `figures` and `render` warn. Past `enough`, larger text is not worth more paper:
    of the arrangements whose text reaches it, the one shown smallest is kept. A `page` preset
    draws every format `area[0]` wide (the drawing scaled to that width, or to `area[1]` tall,
    whichever is tighter), so the PDF drops into LaTeX or Word at 100 % with its text at the
    size the manifest records. Fonts are the sizes laid out in, before that scaling.
    """

    name: str
    font_size: float
    small_size: float
    dpi: int
    min_png_width: int
    wrap: int  # characters per label line
    area: tuple[float, float]
    floor: float = 0.0
    enough: float = math.inf  # text this large (as shown) is enough: past it, smaller wins
    page: bool = False
    directions: tuple[str, ...] = ("TB", "LR")
    description: str = ""


# A 16:9 slide is 13.333 x 7.5 in; the area is what `pathways slides` leaves a figure below the
# title and above the source line. PNGs at least 1920 px wide.
SLIDE = Preset("slide", 20, 17, 300, 1920, 16, (924.0, 449.0), floor=14,
               description="16:9 slide picture area (924 x 449 pt), text >= 14 pt, "
                           "PNG >= 1920 px")
# Journal print widths: one column is 84-89 mm (Nature 89, Cell 85, Elsevier 90, PLOS 83),
# the full width 174-183 mm; a page's text block is about 9 in tall, caption included. Text is
# laid out at one size (details as large as titles) and the whole scaled to the column, so
# print gets the largest small text; 300 dpi PNG.
COLUMN = Preset("column", 20, 20, 300, 0, 12, (round(85 * MM), 648.0), floor=6, enough=8,
                page=True,
                description="one journal column, 85 mm (241 pt) wide, text >= 6 pt, 300 dpi")
FULL = Preset("full", 20, 20, 300, 0, 16, (round(180 * MM), 648.0), floor=7, enough=9,
              page=True,
              description="full journal page width, 180 mm (510 pt), text >= 7 pt, 300 dpi")

PRESETS: Mapping[str, Preset] = MappingProxyType({
    "slide": SLIDE, "column": COLUMN, "full": FULL,
    "paper": COLUMN,  # the older name of one column
})


# SBGN Activity Flow: positive influence = arrow, negative influence = T-bar, unknown = diamond.
ARROWHEADS: Mapping[str, str] = MappingProxyType({"+": "normal", "-": "tee", "?": "odiamond"})
# "A reduction in the source triggers the target" (a block that stimulates): a hollow arrowhead,
# so the figure never reads as the source inhibiting the target.
REDUCTION_ARROWHEAD = "empty"

_SHAPES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "compound": ("box", "rounded,filled,bold"),
    # A research tool: the compound's outline on white, with an outlined TOOL badge.
    "tool": ("box", "rounded,filled"),
    "receptor": ("box", "rounded,filled"),
    "neurotransmitter": ("ellipse", "filled"),
    "ion": ("ellipse", "filled"),
    # A chemical a map names (cAMP, a metabolite): a small molecule, no drug badge.
    "chemical": ("ellipse", "filled"),
    "protein": ("box", "rounded,filled"),
    "process": ("box", "filled"),
    "phenotype": ("hexagon", "filled,bold"),
    "analysis": ("box", "filled"),
    "outcome": ("box", "rounded,filled"),
})

KIND_NAMES: Mapping[str, str] = MappingProxyType({
    "compound": "Drug", "tool": "Research tool", "receptor": "Receptor",
    "neurotransmitter": "Neurotransmitter",
    "ion": "Ion", "chemical": "Chemical", "protein": "Signalling protein",
    "process": "Cellular process", "phenotype": "Phenotype",
})

SIGN_NAMES: Mapping[str, str] = MappingProxyType({
    "+": "positive influence", "-": "negative influence", "?": "unknown influence",
})

# Certainty of a link -> its line style: solid (stated), dotted (hedged: "believed", "thought
# to"), dashed (hypothesised: only implied, or called a hypothesis).
CERTAINTY_STYLES: Mapping[str, str] = MappingProxyType({
    "stated": "solid", "hedged": "dotted", "hypothesised": "dashed",
})
CERTAINTY_NAMES: Mapping[str, str] = MappingProxyType({
    "stated": "stated", "hedged": "hedged in the source", "hypothesised": "hypothesised",
})


def look_kind(kind: str, role: str | None) -> str:
    """The kind a node is drawn as: a research tool as "tool"; a compound no one calls a drug (a
    map's cAMP, an imported metabolite: role "chemical", or none, as a network's) as
    "chemical", without the drug's look; anything else as its kind.

    >>> look_kind("compound", "drug"), look_kind("compound", ""), look_kind("ion", None)
    ('compound', 'chemical', 'ion')
    """
    if role == "tool":
        return "tool"
    return "chemical" if kind == "compound" and role != "drug" else kind


def node_look(kind: str, theme: Theme) -> dict[str, str]:
    """DOT attributes for a node of `kind`."""
    shape, style = _SHAPES[kind]
    return {"shape": shape, "style": style, "fillcolor": theme.kind_fill[kind],
            "color": theme.kind_line[kind], "fontcolor": theme.text,
            "penwidth": "2" if kind in ("compound", "phenotype") else "1.4"}


def sharp_cornered(kind: str) -> bool:
    """Whether nodes of an entity `kind` are boxes with square corners (a process, an analysis):
    a legend's swatch for the kind matches them."""
    shape, style = _SHAPES[kind]
    return shape == "box" and "rounded" not in style


def edge_look(sign: str, status: str, theme: Theme, colour: str | None = None) -> dict[str, str]:
    """DOT attributes for an influence: arrowhead by sign, line style by certainty."""
    look = {"arrowhead": ARROWHEADS[sign], "color": colour or theme.sign_colour[sign],
            "penwidth": "1.8", "fontcolor": theme.muted}
    if status != "stated":
        look["style"] = CERTAINTY_STYLES[status]
    return look
