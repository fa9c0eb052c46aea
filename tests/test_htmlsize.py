"""Legend shapes sized from their text cells: the size Graphviz gives each table, whichever
shape, preset, theme or figure, with a fallback to measuring whole what is not composed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import pathways.layout as layout
from pathways import htmlsize
from pathways.layout import _measure_source, _plain_sizes, legend_labels, one_size
from pathways.load import load_dataset
from pathways.merge import merge
from pathways.render import dot_available, run_each, run_graphviz
from pathways.style import PRESETS, THEMES
from pathways.views import around_view, figure_view

needs_dot = pytest.mark.skipif(not dot_available(), reason="Graphviz `dot` is not installed")

SWATCH = ('<TD BORDER="1" FIXEDSIZE="TRUE" WIDTH="30" HEIGHT="16"> </TD>'
          '<TD><FONT POINT-SIZE="17">Signalling protein</FONT></TD>')


def _measured_whole(labels: list[str], font_size: float = 20) -> list[tuple[float, float]]:
    """What Graphviz measures each label as: the sizes a layout would have used."""
    plain = run_graphviz(_measure_source(labels, font_size), fmt="plain")
    return _plain_sizes(plain, len(labels))


def _composed(labels: list[str], font_size: float = 20) -> list[tuple[float, float] | None]:
    """Each label's size composed from its text cells, each measured alone; None where not
    composed."""
    tables = [htmlsize.parse(label) for label in labels]
    cells = list(dict.fromkeys(t for table in tables if table for t in htmlsize.texts(table)))
    measured = _measured_whole([htmlsize.cell_label(t) for t in cells], font_size)
    texts = {t: (round(w), round(h)) for t, (w, h) in zip(cells, measured, strict=True)}
    out: list[tuple[float, float] | None] = []
    for table in tables:
        size = htmlsize.table_size(table, texts) if table else None
        out.append((layout._as_measured(size[0]), layout._as_measured(size[1])) if size else None)
    return out


def test_a_table_is_its_cells_padding_borders_and_spacing() -> None:
    # A FIXEDSIZE swatch 30 x 16 and a text 133 x 19 (padding 2, cell border 0) in a table
    # with CELLSPACING 4 and BORDER 1: 4 + 30 + 4 + (133 + 4) + 4 + 2 wide, 4 + 23 + 4 + 2 tall.
    table = htmlsize.parse(f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="4" CELLPADDING="2">'
                           f"<TR>{SWATCH}</TR></TABLE>>")
    assert table is not None
    assert htmlsize.texts(table) == ['<FONT POINT-SIZE="17">Signalling protein</FONT>']
    assert htmlsize.table_size(table, {htmlsize.texts(table)[0]: (133, 19)}) == (181, 33)


def test_a_note_across_every_column_widens_the_table_only_where_it_is_wider() -> None:
    label = ('<<TABLE CELLSPACING="0" CELLPADDING="0" BORDER="0" CELLBORDER="0">'
             '<TR><TD>a</TD><TD>b</TD></TR><TR><TD COLSPAN="2">note</TD></TR></TABLE>>')
    table = htmlsize.parse(label)
    assert table is not None
    assert htmlsize.table_size(table, {"a": (10, 5), "b": (20, 5), "note": (25, 7)}) == (30, 12)
    assert htmlsize.table_size(table, {"a": (10, 5), "b": (20, 5), "note": (45, 7)}) == (45, 12)


@pytest.mark.parametrize("label", [
    '"plain words"',
    "<<B>Drug</B>>",
    '<<TABLE><TR><TD ROWSPAN="2">a</TD><TD>b</TD></TR><TR><TD>c</TD></TR></TABLE>>',
    "<<TABLE><TR><TD>a</TD></TR>stray words<TR><TD>b</TD></TR></TABLE>>",
    "<<TABLE><TR><TD>a<TR><TD>b</TD></TR></TD></TR></TABLE>>",
    "<<TABLE><TR><TD>a</TD></TR></TABLE> and more>",
    "<<TABLE><TR><TD>a</TD></TR>>",
    '<<TABLE><TR><TD CELLPADDING="two">a</TD></TR></TABLE>>',
    '<<TABLE FIXEDSIZE="TRUE" WIDTH="9" HEIGHT="9"><TR><TD>a</TD></TR></TABLE>>',
    # Values Graphviz ignores (too large, or a span of 0), or reads otherwise than Python
    '<<TABLE CELLSPACING="200"><TR><TD>a</TD></TR></TABLE>>',
    '<<TABLE><TR><TD CELLPADDING="300">a</TD></TR></TABLE>>',
    '<<TABLE><TR><TD COLSPAN="0">a</TD></TR></TABLE>>',
    '<<TABLE BORDER="\u00b2"><TR><TD>a</TD></TR></TABLE>>',
    # What Graphviz calls a syntax error: no rows, a row without cells, an unknown tag
    "<<TABLE></TABLE>>",
    "<<TABLE><TR><TD>a</TD></TR><TR></TR></TABLE>>",
    "<<table><tr></tr></table>>",
    "<<TABLE><TR><TDX>a</TDX></TR></TABLE>>",
])
def test_what_is_not_one_table_of_cells_is_not_composed(label: str) -> None:
    assert htmlsize.parse(label) is None


def test_markup_written_by_hand_reads_as_the_same_table() -> None:
    # Tags in small letters and blanks between them, as a person may write a label, and as
    # Graphviz reads them: the same table as the markup this package writes.
    label = ('<<TABLE BORDER="1" CELLSPACING="4"><TR>' + SWATCH + '</TR><TR><TD COLSPAN="2">'
             '<TABLE CELLPADDING="0"><TR><TD>K<SUB>i</SUB></TD></TR></TABLE></TD></TR></TABLE>>')
    by_hand = "\n".join(label.replace("<TR>", " <tr>").replace("</TR>", "</tr>\n")
                        .replace("<TABLE", "<table").replace("</TABLE>", " </table>")
                        .split("\n"))
    assert htmlsize.parse(label) is not None
    assert htmlsize.parse(by_hand) == htmlsize.parse(label)


def test_a_cell_spanning_some_columns_of_a_grid_is_not_composed() -> None:
    # Graphviz sizes such a table by network simplex: it is measured whole instead.
    table = htmlsize.parse("<<TABLE><TR><TD>a</TD><TD>b</TD><TD>c</TD></TR>"
                           '<TR><TD COLSPAN="2">ab</TD><TD>c</TD></TR></TABLE>>')
    assert table is not None
    assert htmlsize.table_size(table, dict.fromkeys(("a", "b", "c", "ab"), (9, 9))) is None


def _random_table(rng: random.Random, depth: int = 0) -> str:
    """A table of the kinds legends are made of, attributes varied: text cells with markup,
    line breaks and other sizes, FIXEDSIZE swatches, cells of a given least size, cells across
    every column (or, in one row, across several), a table in a cell."""
    attrs = " ".join(f'{name}="{rng.randint(0, 5)}"' for name in
                     ("BORDER", "CELLBORDER", "CELLSPACING", "CELLPADDING") if rng.random() < 0.7)
    rows, columns = rng.randint(1, 4), rng.randint(1, 4)
    words = ["Ketamine", "K<SUB>i</SUB> 2.2 nM", "Ca<SUP>2+</SUP> influx", "<B>mTOR</B>",
             "<I>a note on<BR/>two lines</I>", "──▶", '<FONT POINT-SIZE="9">small</FONT>', " "]
    out = []
    for _ in range(rows):
        if (rng.random() < 0.2 and rows > 1) or (rows == 1 and rng.random() < 0.3):
            cells = [f'<TD COLSPAN="{columns}">{rng.choice(words)}</TD>']
        else:
            cells = []
            for _ in range(rng.randint(1, columns)):
                kind = rng.random()
                if kind < 0.2:
                    cells.append('<TD FIXEDSIZE="TRUE" WIDTH="30" HEIGHT="16"> </TD>')
                elif kind < 0.3 and depth == 0:
                    cells.append(f'<TD VALIGN="TOP">{_random_table(rng, 1)}</TD>')
                elif kind < 0.4:
                    cells.append(f'<TD WIDTH="{rng.randint(10, 90)}" HEIGHT="{rng.randint(5, 40)}"'
                                 f' BORDER="{rng.randint(0, 2)}">{rng.choice(words)}</TD>')
                else:
                    cells.append(f'<TD ALIGN="LEFT" CELLPADDING="{rng.randint(0, 4)}">'
                                 f"{rng.choice(words)}</TD>")
        out.append("<TR>" + "".join(cells) + "</TR>")
    return f"<TABLE {attrs}>" + "".join(out) + "</TABLE>"


@needs_dot
@pytest.mark.graphviz
def test_random_tables_come_out_the_size_graphviz_gives_them() -> None:
    rng = random.Random(2026)
    labels = [f"<{_random_table(rng)}>" for _ in range(150)]
    composed = _composed(labels)
    assert sum(size is not None for size in composed) > 120  # most are composed
    for label, got, want in zip(labels, composed, _measured_whole(labels), strict=True):
        assert got is None or got == want, label


@pytest.fixture(scope="module")
def catalog(graphs_dir: Path) -> tuple[object, object]:
    dataset = load_dataset(graphs_dir)
    return dataset, merge(dataset)


@needs_dot
@pytest.mark.graphviz
@pytest.mark.parametrize("preset", list(PRESETS))
def test_every_legend_shape_of_every_figure_is_the_size_graphviz_measures(
        preset: str, catalog: tuple) -> None:
    dataset, graph = catalog
    views = [figure_view(dataset, graph, spec, None) for spec in dataset.figures.values()]
    views.append(around_view(graph, "mtor", 1, "mtor"))
    for theme in THEMES.values():
        for size in (PRESETS[preset], one_size(PRESETS[preset])):
            labels = [label for view in views for label in legend_labels(view, size, theme)]
            composed = _composed(labels, size.font_size)
            assert None not in composed
            assert composed == _measured_whole(labels, size.font_size)


@needs_dot
@pytest.mark.graphviz
def test_legend_sizes_are_those_of_measuring_every_shape_in_one_run(catalog: tuple) -> None:
    dataset, graph = catalog
    view = figure_view(dataset, graph, dataset.figures["mgs0039-ketamine-signaling"], None)
    preset, theme = PRESETS["slide"], THEMES["light"]
    labels = [*legend_labels(view, preset, theme),
              '<<TABLE><TR><TD ROWSPAN="2">rows</TD><TD>b</TD></TR><TR><TD>c</TD></TR></TABLE>>']
    plan = layout.legend_measure(labels, preset.font_size)
    assert len(plan.whole) < 4  # the shape not composed, and a sample: not all of them
    [laid] = run_each([(plan.source, ("plain",))])
    sizes = layout.legend_sizes(labels, preset.font_size, plan, laid["plain"], "fig")
    assert sizes == _measured_whole(labels, preset.font_size)


@needs_dot
@pytest.mark.graphviz
def test_composed_sizes_unlike_the_sample_measured_make_every_shape_measured_whole(
        catalog: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    # As with a Graphviz that sized tables otherwise: the sample's measure disagrees.
    dataset, graph = catalog
    view = figure_view(dataset, graph, dataset.figures["mgs0039-ketamine-signaling"], None)
    preset, theme = PRESETS["slide"], THEMES["light"]
    labels = legend_labels(view, preset, theme)
    plan = layout.legend_measure(labels, preset.font_size)
    [laid] = run_each([(plan.source, ("plain",))])
    real = htmlsize.table_size

    def off_by_one(table: htmlsize.Table, texts: dict) -> tuple[int, int] | None:
        size = real(table, texts)
        return (size[0] + 1, size[1]) if size else None

    monkeypatch.setattr(htmlsize, "table_size", off_by_one)
    sizes = layout.legend_sizes(labels, preset.font_size, plan, laid["plain"], "fig")
    assert sizes == _measured_whole(labels, preset.font_size)
