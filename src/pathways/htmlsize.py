"""The size Graphviz gives an HTML-like table label, worked out from the sizes of its text cells.

A legend is tried in many shapes (`layout.legend_labels`): one to several entries per row,
names wrapped or not, notes below or beside. Having Graphviz measure every shape means laying
out every line of every shape's text with Pango again, the same lines many times over. Here
each distinct text cell is measured once (`cell_label`, a table of that one cell with no
padding, border or spacing, whose size is the text's as Graphviz rounds it), and a shape's
size is then composed as Graphviz 2.42's `htmltable.c` composes it:

- a text cell is its text plus 2 x (CELLPADDING + BORDER) each way, at least its WIDTH and
  HEIGHT; a FIXEDSIZE cell is its WIDTH x HEIGHT; a cell holding a table, that table's size
  plus the same margin; sizes are whole points (Graphviz truncates them);
- a column is as wide as its widest single-column cell, a row as tall as its tallest cell;
  a cell spanning every column widens the table to its own width where it is the wider;
  a table of one row or one column splits a spanning cell over its columns as Graphviz does;
- a table is its columns and rows plus CELLSPACING before, between and after them and
  2 x BORDER (defaults: CELLSPACING 2, CELLPADDING 2, BORDER 1; a cell's border is the
  table's CELLBORDER, else its BORDER).

`parse` returns None for markup it does not read (anything but a table of rows of cells,
row spans, empty tables or rows, values Graphviz would ignore), and `table_size` None for a
cell spanning some columns but not all in a table of several rows and columns, which
Graphviz sizes by network simplex: such a label is measured whole. `layout` also measures a
shape or two whole and compares (`sample`), so a Graphviz that sizes tables otherwise falls
back to measuring them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Cell", "Table", "cell_label", "parse", "sample", "table_size", "texts"]

DEFAULT_BORDER = 1
DEFAULT_CELLPADDING = 2
DEFAULT_CELLSPACING = 2

_TAG = re.compile(r"<(/?)(TABLE|TR|TD)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r'([A-Za-z-]+)\s*=\s*"([^"]*)"')


@dataclass(frozen=True)
class Cell:
    """A <TD>: its COLSPAN, CELLPADDING and BORDER (None: as its table says), whether it is
    FIXEDSIZE, its WIDTH and HEIGHT (0 where not given), and its content: a text (the markup
    between its tags, as written) or a nested table."""

    span: int
    pad: int | None
    border: int | None
    fixed: bool
    width: int
    height: int
    content: str | Table


@dataclass(frozen=True)
class Table:
    """A <TABLE>: its CELLSPACING, BORDER, CELLBORDER (None where not given), CELLPADDING,
    WIDTH and HEIGHT, and its rows of cells."""

    space: int
    border: int
    cell_border: int | None
    pad: int
    width: int
    height: int
    rows: tuple[tuple[Cell, ...], ...]


class _Unsupported(Exception):
    """Markup this module does not size (see the module docstring)."""


# The largest value Graphviz takes for each attribute (`htmllex.c`): it ignores a larger one,
# with a warning, and a COLSPAN or ROWSPAN of 0; such a label is measured whole.
_LARGEST = {"BORDER": 255, "CELLPADDING": 255, "CELLSPACING": 127, "CELLBORDER": 127,
            "WIDTH": 65535, "HEIGHT": 65535, "COLSPAN": 65535, "ROWSPAN": 65535}


def _int(attrs: dict[str, str], name: str, default: int | None) -> int | None:
    """The whole number `name` is set to, else `default`; _Unsupported for a value that is
    not digits, or one Graphviz would ignore."""
    value = attrs.get(name)
    if value is None:
        return default
    digits = value.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise _Unsupported(f"{name}={value!r}")
    number = int(digits)
    if number > _LARGEST.get(name, number) or (number == 0 and name in ("COLSPAN", "ROWSPAN")):
        raise _Unsupported(f"{name}={value!r}")
    return number


def _attrs(text: str) -> dict[str, str]:
    """A tag's attributes by upper-cased name."""
    return {name.upper(): value for name, value in _ATTR.findall(text)}


@lru_cache(maxsize=4096)
def _cell_spec(text: str) -> tuple[int, int | None, int | None, bool, int, int]:
    """A <TD>'s attributes `text`, as `Cell` keeps them (cached: legend shapes repeat their
    cells many times over)."""
    attrs = _attrs(text)
    if _int(attrs, "ROWSPAN", 1) != 1:
        raise _Unsupported("ROWSPAN")
    fixed = attrs.get("FIXEDSIZE", "").lower() == "true"
    width, height = _int(attrs, "WIDTH", 0) or 0, _int(attrs, "HEIGHT", 0) or 0
    if fixed and not (width and height):
        raise _Unsupported("FIXEDSIZE without WIDTH and HEIGHT")
    return (_int(attrs, "COLSPAN", 1) or 1, _int(attrs, "CELLPADDING", None),
            _int(attrs, "BORDER", None), fixed, width, height)


@lru_cache(maxsize=4096)
def _text_cell(text: str, content: str) -> Cell:
    return Cell(*_cell_spec(text), content)


@lru_cache(maxsize=256)
def _table_spec(text: str) -> tuple[int, int, int | None, int, int, int]:
    """A <TABLE>'s attributes `text`, as `Table` keeps them."""
    attrs = _attrs(text)
    if attrs.get("FIXEDSIZE", "").lower() == "true":
        raise _Unsupported("a table of fixed size")
    return (_int(attrs, "CELLSPACING", DEFAULT_CELLSPACING) or 0,
            _int(attrs, "BORDER", DEFAULT_BORDER) or 0, _int(attrs, "CELLBORDER", None),
            _int(attrs, "CELLPADDING", DEFAULT_CELLPADDING) or 0,
            _int(attrs, "WIDTH", 0) or 0, _int(attrs, "HEIGHT", 0) or 0)


def parse(label: str) -> Table | None:
    """The table of an HTML-like label `<<TABLE ...>...</TABLE>>` (or without the outer angle
    brackets); None where it is not one table of rows of cells, or spans rows."""
    text = label.strip()
    if text.startswith("<<") and text.endswith(">>"):
        text = text[1:-1]
    tags = list(_TAG.finditer(text))
    try:
        table, after = _table(text, tags, 0)
    except (_Unsupported, IndexError):
        return None
    if after != len(tags) or text[:tags[0].start()].strip() or text[tags[-1].end():].strip():
        return None
    return table


def _between(text: str, tags: list[re.Match[str]], i: int) -> bool:
    """Whether anything but blanks stands between tag i - 1 and tag i."""
    return bool(text[tags[i - 1].end():tags[i].start()].strip())


def _table(text: str, tags: list[re.Match[str]], i: int) -> tuple[Table, int]:
    """The table whose <TABLE> tag is tags[i], and the index of the tag after its end."""
    opening = tags[i]
    if opening.group(1) or opening.group(2).upper() != "TABLE":
        raise _Unsupported("not a table")
    spec, rows = _table_spec(opening.group(3)), []
    i += 1
    while True:
        tag = tags[i]
        name, closing = tag.group(2).upper(), bool(tag.group(1))
        if _between(text, tags, i):
            raise _Unsupported("text between rows")
        if closing and name == "TABLE":
            if not rows:
                raise _Unsupported("a table without rows")  # Graphviz: a syntax error
            return Table(*spec, tuple(rows)), i + 1
        if closing or name != "TR":
            raise _Unsupported(f"<{name}> where a row belongs")
        row, i = _row(text, tags, i + 1)
        rows.append(row)


def _row(text: str, tags: list[re.Match[str]], i: int) -> tuple[tuple[Cell, ...], int]:
    """The cells of the row whose first tag after <TR> is tags[i], and the index after </TR>."""
    cells = []
    while True:
        tag = tags[i]
        name, closing = tag.group(2).upper(), bool(tag.group(1))
        if _between(text, tags, i):
            raise _Unsupported("text between cells")
        if closing and name == "TR":
            if not cells:
                raise _Unsupported("a row without cells")  # Graphviz: a syntax error
            return tuple(cells), i + 1
        if closing or name != "TD":
            raise _Unsupported(f"<{name}> where a cell belongs")
        inner = tags[i + 1]
        if not inner.group(1) and inner.group(2).upper() == "TABLE":
            if _between(text, tags, i + 1):
                raise _Unsupported("more than a table in a cell")
            nested, i = _table(text, tags, i + 1)
            if _between(text, tags, i) or not tags[i].group(1) \
                    or tags[i].group(2).upper() != "TD":
                raise _Unsupported("more than a table in a cell")
            cells.append(Cell(*_cell_spec(tag.group(3)), nested))
        elif inner.group(1) and inner.group(2).upper() == "TD":
            cells.append(_text_cell(tag.group(3), text[tag.end():inner.start()]))
            i += 1
        else:
            raise _Unsupported(f"<{inner.group(2)}> inside a text cell")
        i += 1


def texts(table: Table) -> list[str]:
    """The text of every cell whose size depends on it (not FIXEDSIZE), nested tables' too, in
    order, each once."""
    out: dict[str, None] = {}
    for row in table.rows:
        for cell in row:
            if isinstance(cell.content, Table):
                out.update(dict.fromkeys(texts(cell.content)))
            elif not cell.fixed:
                out.setdefault(cell.content)
    return list(out)


def cell_label(text: str) -> str:
    """A label of one cell holding `text` with no padding, border or spacing: laid out by
    Graphviz, its node is as large as the text in a cell (in whole points)."""
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD>'
            f"{text}</TD></TR></TABLE>>")


def _split(size: int, span: int, space: int) -> int:
    """Graphviz's SPLIT: a spanning cell's share of each column (or row) it spans, truncated."""
    return max(int((size - (space - 1) * (span - 1)) / span), 1)


def table_size(table: Table, text_sizes: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    """(width, height) in points Graphviz gives `table`, from the size of each of its `texts`;
    None where a cell spans some columns but not all of a table of several rows and columns."""
    try:
        return _size(table, text_sizes)
    except _Unsupported:
        return None


def _size(table: Table, text_sizes: dict[str, tuple[int, int]]) -> tuple[int, int]:
    space, border = table.space, table.border
    cell_border = table.cell_border if table.cell_border is not None else border
    placed = []  # (row, column, column span, width, height) of each cell
    columns = 0
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            if cell.fixed:
                w = h = 0
            else:
                margin = 2 * ((table.pad if cell.pad is None else cell.pad)
                              + (cell_border if cell.border is None else cell.border))
                w, h = (_size(cell.content, text_sizes) if isinstance(cell.content, Table)
                        else text_sizes[cell.content])
                w, h = w + margin, h + margin
            placed.append((r, c, cell.span, max(w, cell.width), max(h, cell.height)))
            c += cell.span
        columns = max(columns, c)
    rows = len(table.rows)
    widths, heights = [0] * columns, [0] * rows
    if rows == 1 or columns == 1:  # Graphviz sizes a one-row or one-column table by hand
        for r, c, span, w, h in placed:
            heights[r] = max(heights[r], h)
            share = w if span == 1 else _split(w, span, space)
            for i in range(c, c + span):
                widths[i] = max(widths[i], share)
        width = sum(widths)
    else:  # network simplex over the columns: solved here only for spans of every column
        widest_span = 0
        for r, c, span, w, h in placed:
            heights[r] = max(heights[r], h)
            if span == 1:
                widths[c] = max(widths[c], w)
            elif c == 0 and span == columns:
                widest_span = max(widest_span, w)
            else:
                raise _Unsupported("a cell spanning some columns")
        width = max(sum(widths), widest_span)
    width += (columns + 1) * space + 2 * border
    height = sum(heights) + (rows + 1) * space + 2 * border
    return max(width, table.width), max(height, table.height)


def sample(labels: list[str]) -> list[int]:
    """Which of `labels` to measure whole as a check on the sizes composed here: the first (the
    narrowest shape, of one entry per row: with notes, a table of several rows and columns and
    a spanning cell) and the first whose table holds a table, where there is one."""
    if not labels:
        return []
    nested = next((i for i, label in enumerate(labels) if label.count("<TABLE") > 1), 0)
    return sorted({0, nested})
