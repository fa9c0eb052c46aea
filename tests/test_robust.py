"""Nothing the data says can escape, crash or hang `pathways`: each class of hostile or broken
input gives one line naming the file and the entry at fault, and a non-zero exit."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import fastjsonschema
import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft7Validator

import pathways.schema as schema_module
from helpers import edit
from pathways.cli import main
from pathways.dot import _attrs, build_dot
from pathways.errors import UsageError
from pathways.load import load_dataset, read_dataset
from pathways.quoting import dot_string, html_text, safe_url, terminal_text, tooltip
from pathways.schema import FILE_KINDS, check, schema, schema_path, validator_module
from pathways.style import PRESETS, THEMES
from pathways.validate import validate
from pathways.views import View, ViewNode

REPO = Path(__file__).parent.parent


def run(graphs: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--graphs", str(graphs), *args])



def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def clean_failure(result: Result, code: int = 1) -> list[str]:
    """The result is a handled failure (no traceback) with the given exit code; its lines."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.output.splitlines()


def error_lines(result: Result) -> list[str]:
    """The problems `check` lists: not its warnings, its summary or its note that the checks
    across files wait for a file that could not be read."""
    lines = [ln for ln in clean_failure(result) if not ln.startswith(("warning:", "info:"))]
    return [ln for ln in lines if not ln.startswith(SKIPPED)][:-1]


SKIPPED = "The checks across files"


def the_line(lines: list[str], *fragments: str) -> str:
    hits = [ln for ln in lines if all(f in ln for f in fragments)]
    assert len(hits) == 1, (fragments, lines)
    return hits[0]


def line_no(path: Path, needle: str, header: str) -> int:
    """Line of the `header` opening the table that holds the first `needle`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if needle in text)
    return max(i for i in range(at + 1) if lines[i].strip() == header) + 1


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped graphs/ to break."""
    root = tmp_path / "graphs"
    shutil.copytree(REPO / "graphs", root)
    return root


# --- the schema -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", FILE_KINDS)
def test_each_schema_is_a_valid_json_schema(kind: str) -> None:
    Draft7Validator.check_schema(schema(kind))


@pytest.mark.parametrize(("kind", "pattern"), [
    ("sources", "sources.toml"), ("entities", "entities.toml"), ("mechanism", "mechanisms/*.toml"),
    ("workflow", "workflows/*.toml"), ("figures", "figures.toml")])
def test_shipped_data_meets_its_schema_without_warnings(kind: str, pattern: str) -> None:
    files = sorted((REPO / "graphs").glob(pattern))
    assert files
    for path in files:
        assert check(kind, tomllib.loads(path.read_text(encoding="utf-8"))) == [], path


def test_schemas_share_their_definitions() -> None:
    """The shared definitions (ids, text, quotes, statuses) say the same in every file."""
    defs = [schema(kind)["definitions"] for kind in FILE_KINDS]
    for name in defs[0]:
        assert all(d[name] == defs[0][name] for d in defs), name


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_the_shipped_validator_is_the_one_its_schema_generates(kind: str) -> None:
    """Each schema's validator ships as a module; one left behind by a schema edit fails here
    (and is not used: see the next test)."""
    module = importlib.import_module(f"pathways.schema.validators.{kind}")
    text = Path(module.__file__).read_text(encoding="utf-8")
    assert hashlib.sha256(schema_path(kind).read_bytes()).hexdigest() == module.SCHEMA_SHA256, \
        "run `python -m pathways.schema` after changing a schema"
    if f"(fastjsonschema {fastjsonschema.VERSION})" not in text.split("\n", 2)[1]:
        pytest.skip(f"written with another fastjsonschema than {fastjsonschema.VERSION}")
    assert text == validator_module(kind)
    assert schema_module._compiled(kind) is getattr(module, module.ROOT)


def test_a_stale_validator_module_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """A schema changed since its module was written is compiled afresh, so the rules in force
    are always the schema's."""
    schema_module._compiled.cache_clear()
    monkeypatch.setattr(schema_module, "_digest", lambda kind: "changed")
    try:
        validate_sources = schema_module._compiled("sources")
        assert validate_sources.__module__ != "pathways.schema.validators.sources"
        bad = {"source": [{"id": "Doc 1", "title": "T", "address": "https://example.org"}]}
        assert [p.message for p in check("sources", bad)] == [
            "`id` 'Doc 1' is not an id ([a-z0-9][a-z0-9_-]*, at most 64 characters)"]
    finally:
        schema_module._compiled.cache_clear()


def test_schema_accepts_the_certainty_and_module_fields() -> None:
    data = {"mechanism": {"id": "m", "title": "M", "uses": ["other"]},
            "edge": [{"source": "a", "target": "b", "effect": "reduction_triggers",
                      "status": "hedged", "evidence": [
                          {"source": "s", "quote": "q", "status": "hypothesised",
                           "contradicts": True}, {"source": "s", "quote": "r"}]}]}
    assert check("mechanism", data) == []
    step = {"workflow": {"id": "w", "title": "W", "source": "s"},
            "step": [{"id": "x", "label": "X", "kind": "arm", "evidence": [{"quote": "q"}],
                      "measure": [{"name": "n", "value": "1", "context": "c", "quote": "q"}]}]}
    assert check("workflow", step) == []
    ent = {"entity": [{"id": "a", "label": "A", "kind": "compound", "role": "tool",
                       "part_of": "b"}]}
    assert check("entities", ent) == []


def test_a_misspelt_key_is_a_warning_naming_it(tiny_graphs: Path) -> None:
    edit(tiny_graphs / "mechanisms/x.toml", 'effect = "promotes"', 'effect = "promotes"\nlabl = "x"')
    result = run(tiny_graphs, "check")
    assert result.exit_code == 0
    assert "warning: " in the_line(result.output.splitlines(), "unknown key `labl`",
                                   "messenger -> growth")


# --- wrong TOML types: one line each, never a traceback ----------------------------------------

WRONG_TYPES = [
    ("mechanisms/x.toml", 'effect = "promotes"', 'effect = ["promotes"]', "messenger -> growth",
     "`effect` must be one of"),
    ("mechanisms/x.toml", 'effect = "promotes"', 'effect = "promotes"\nmeasure = 3',
     "messenger -> growth", "`measure` must be an array"),
    ("mechanisms/x.toml", '[[edge.evidence]]\nsource = "tiny-doc"\nquote = "Drugol inhibits receptor B."',
     'evidence = "x"', "drugol -> receptor_b", "`evidence` must be an array"),
    ("mechanisms/x.toml", 'quote = "Drugol inhibits receptor B."', "quote = 12",
     "drugol -> receptor_b", "`evidence[1].quote` must be a string, not an integer"),
    ("entities.toml", 'label = "Growth"', "label = 3.5", "entity 'growth'",
     "`label` must be a string, not a number"),
    ("entities.toml", 'label = "Growth"', 'label = "Growth"\nsynonyms = "grow"', "entity 'growth'",
     "`synonyms` must be an array, not a string"),
    ("entities.toml", 'label = "Growth"', 'label = "Growth"\nparent = {id = "x"}',
     "entity 'growth'", "`parent` must be a string, not a table"),
    ("sources.toml", "year = 2025", 'year = "2025"', "source 'tiny-doc'",
     "`year` must be an integer, not a string"),
]


@pytest.mark.parametrize(("file", "old", "new", "where", "message"), WRONG_TYPES)
def test_a_wrong_type_is_one_line_naming_the_entry(tiny_graphs: Path, file: str, old: str, new: str,
                                                   where: str, message: str) -> None:
    edit(tiny_graphs / file, old, new)
    line = the_line(error_lines(run(tiny_graphs, "check")), message)
    assert where in line and file in line
    assert re.search(rf"{re.escape(file)}:\d+: ", line), line
    clean_failure(run(tiny_graphs, "list"))


FIGURE = """
[[figure]]
id = "tiny"
caption = "Tiny"
source = "tiny-doc"
mechanisms = ["x"]
"""


@pytest.mark.parametrize(("old", "new", "message"), [
    ('mechanisms = ["x"]', 'mechanisms = ["x"]\ncompartments = "false"',
     "`compartments` must be true or false, not a string"),
    ('mechanisms = ["x"]', 'mechanisms = ["x"]\nnote = "see the text"',
     "`note` must be an array, not a string"),
    ('mechanisms = ["x"]', 'mechanisms = ["x"]\nnote = ["see the text"]',
     "`note[1]` must be a table, not a string"),
    ('mechanisms = ["x"]', 'mechanisms = ["x"]\nrows = "drugol"',
     "`rows` must be an array, not a string"),
    ('mechanisms = ["x"]', 'mechanisms = ["x"]\nplacement = 3',
     "`placement` must be a table, not an integer"),
])
def test_figure_types_are_checked(tiny_graphs: Path, old: str, new: str, message: str) -> None:
    (tiny_graphs / "figures.toml").write_text(FIGURE.replace(old, new), encoding="utf-8")
    line = the_line(error_lines(run(tiny_graphs, "check")), message)
    assert "figures.toml:2: figure 'tiny'" in line


def _swap_values(data: dict, values: list) -> list[tuple[str, dict]]:
    """Every way to replace one value of the first entry of each table by one of `values`."""
    out = []
    for key, tables in data.items():
        entry = tables[0] if isinstance(tables, list) else tables
        for field in entry:
            for value in values:
                if type(value) is type(entry[field]) and value == entry[field]:
                    continue
                copy = json.loads(json.dumps(data))
                target = copy[key][0] if isinstance(tables, list) else copy[key]
                target[field] = value
                out.append((f"{key}.{field}={value!r}", copy))
    return out


def test_every_key_with_every_type_is_a_problem_not_a_crash(tiny_graphs: Path) -> None:
    """Each key of each kind of table, given each TOML type: reading and checking never raise."""
    import tomli_w

    values: list = ["", "x", 0, -1, 2.5, True, [], ["x"], [1], {}, {"a": "b"}, [{"a": 1}],
                    [[["x"]]]]
    (tiny_graphs / "workflows").mkdir()
    wf = tiny_graphs / "workflows/w.toml"
    wf.write_text('[workflow]\nid = "w"\ntitle = "W"\nsource = "tiny-doc"\n\n[[step]]\nid = "a"\n'
                  'label = "A"\nkind = "arm"\nduration = "1 d"\ndetails = ["d"]\ngroup = "g"\n'
                  '[[step.evidence]]\nquote = "q"\n[[step.measure]]\nname = "n"\nvalue = "1"\n'
                  'quote = "q"\n\n[[link]]\nfrom = "a"\nto = "a"\nlabel = "l"\n'
                  '[[link.evidence]]\nquote = "q"\n', encoding="utf-8")
    (tiny_graphs / "figures.toml").write_text(
        FIGURE + 'exclude = ["growth"]\nrows = [["drugol"]]\nalign = ["drugol"]\n'
        'placement = { drugol = "cell" }\nrankdir = "TB"\n[[figure.note]]\ntext = "t"\n'
        'source = "tiny-doc"\nquote = "q"\n', encoding="utf-8")
    files = ["sources.toml", "entities.toml", "mechanisms/x.toml", "workflows/w.toml",
             "figures.toml"]
    cases = 0
    for name in files:
        path = tiny_graphs / name
        original = path.read_text(encoding="utf-8")
        for label, data in _swap_values(tomllib.loads(original), values):
            path.write_text(tomli_w.dumps(data), encoding="utf-8")
            dataset, problems, lines = read_dataset(tiny_graphs)
            problems += validate(dataset, lines)
            errors = [p for p in problems if p.severity == "error"]
            if not errors:  # what passes must be usable
                from pathways.merge import merge

                merge(dataset)
            cases += 1
            assert all(str(p).count("\n") == 0 for p in problems), label
        path.write_text(original, encoding="utf-8")
    assert cases > 500


def test_deep_nesting_is_a_problem_of_the_file(tiny_graphs: Path) -> None:
    append(tiny_graphs / "mechanisms/x.toml", "\n[[edge]]\nsource = " + "[" * 600 + "]" * 600 + "\n")
    line = the_line(error_lines(run(tiny_graphs, "check")), "nested too deeply")
    assert "mechanisms/x.toml" in line


def test_a_missing_graphs_folder_is_a_usage_error(tmp_path: Path) -> None:
    for command in (["check"], ["list"]):
        lines = clean_failure(run(tmp_path / "nowhere", *command), code=2)
        assert len(lines) == 1 and "not found" in lines[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_named_toml_is_skipped_not_waited_on(tiny_graphs: Path) -> None:
    os.mkfifo(tiny_graphs / "mechanisms/pipe.toml")
    done = subprocess.run([sys.executable, "-m", "pathways.cli", "--graphs", str(tiny_graphs),
                           "check"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert done.returncode == 0, done.stderr
    assert "pipe.toml" in the_line(done.stdout.splitlines(), "not a regular file")


def test_a_folder_that_cannot_be_listed_is_named(tiny_graphs: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """mechanisms/ unreadable (as chmod 000 makes it for anyone but root): the check names the
    folder, where its files were silently missing and nothing said why."""
    listing = os.scandir
    unreadable = str(tiny_graphs / "mechanisms")

    def scandir(path: object = ".") -> object:
        if os.fspath(path).rstrip("/") == unreadable:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied")
        return listing(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    lines = error_lines(run(tiny_graphs, "check"))
    assert the_line(lines, "mechanisms", "cannot read the folder: Permission denied")


@pytest.mark.parametrize("how", ["file", "dangling link"])
def test_a_file_where_a_data_folder_goes_is_named(tiny_graphs: Path, how: str) -> None:
    """workflows/ replaced by a file (or mechanisms/ by a link to nothing): its files were read
    as none, and `check` listed only what that broke downstream, never the folder."""
    for name in ("mechanisms", "workflows"):
        folder = tiny_graphs / name
        if folder.is_dir():
            shutil.rmtree(folder)
        if how == "file":
            folder.write_text("x\n")
        else:
            folder.symlink_to(tiny_graphs / "nowhere")
        lines = error_lines(run(tiny_graphs, "check"))
        what = "not a folder" if how == "file" else "a link to nothing"
        assert the_line(lines, f"{name}: is {what}: its .toml files are read from a folder")


def test_a_data_file_that_is_a_link_is_named_as_the_link(tiny_graphs: Path,
                                                         tmp_path: Path) -> None:
    """A mechanism file that is a symbolic link to a file elsewhere: a problem in it names the
    link, the file the user keeps in the data folder, not where it points."""
    elsewhere = tmp_path / "kept" / "real.toml"
    elsewhere.parent.mkdir()
    shutil.move(tiny_graphs / "mechanisms" / "x.toml", elsewhere)
    append(elsewhere, '\n[[edge]]\nsource = "nothing"\ntarget = "growth"\neffect = "promotes"\n')
    (tiny_graphs / "mechanisms" / "x.toml").symlink_to(elsewhere)
    line = the_line(error_lines(run(tiny_graphs, "check")), "unknown entity 'nothing'")
    assert line.startswith(str(tiny_graphs / "mechanisms" / "x.toml") + ":")  # outside the cwd
    assert "real.toml" not in line


@pytest.mark.parametrize("file", ["mechanisms/x.toml", "entities.toml", "sources.toml"])
def test_one_syntax_error_is_one_problem(tiny_graphs: Path, file: str) -> None:
    append(tiny_graphs / file, "\nbroken = \n")
    result = run(tiny_graphs, "check")
    lines = error_lines(result)
    assert len(lines) == 1, lines
    assert file in lines[0] and "TOML syntax" in lines[0]
    # The count is not all there is: the checks across files wait, and `check` says so.
    assert result.output.splitlines()[-1] == (
        "The checks across files (ids, references, figures) run once every file can be read: "
        "fix the files above, then check again.")


def test_a_check_with_every_file_read_says_nothing_of_skipped_checks(tiny_graphs: Path) -> None:
    edit(tiny_graphs / "entities.toml", 'label = "Growth"', 'label = "Growth^{}"')
    assert SKIPPED not in run(tiny_graphs, "check").output


# --- what would fail in Graphviz is reported by check -----------------------------------------

def test_empty_markup_is_reported_with_the_entity(tiny_graphs: Path) -> None:
    edit(tiny_graphs / "entities.toml", 'label = "Growth"', 'label = "Growth^{}"')
    line = the_line(error_lines(run(tiny_graphs, "check")), "empty ^{} or _{} markup")
    path = tiny_graphs / "entities.toml"
    assert f"entities.toml:{line_no(path, 'Growth^', '[[entity]]')}: entity 'growth'" in line


@pytest.mark.parametrize("label", ["Ca^{2_{x}}", "Ca^{2+", "K_{i x"])
def test_unclosed_or_nested_markup_is_reported_with_the_entity(tiny_graphs: Path,
                                                               label: str) -> None:
    """Markup that is not closed, or holds another, was drawn raw (`Ca^{2` and a subscript x
    and `}`) and printed so in every answer."""
    edit(tiny_graphs / "entities.toml", 'label = "Growth"', f'label = "{label}"')
    line = the_line(error_lines(run(tiny_graphs, "check")), "markup that is not closed")
    assert "entity 'growth'" in line and "entities.toml:" in line


def test_closed_markup_side_by_side_is_no_problem(tiny_graphs: Path) -> None:
    edit(tiny_graphs / "entities.toml", 'label = "Growth"', 'label = "IC_{50} Ca^{2+} {x}"')
    assert run(tiny_graphs, "check").exit_code == 0


def test_a_figure_whose_exclude_removes_everything_is_named(tiny_graphs: Path) -> None:
    (tiny_graphs / "figures.toml").write_text(
        FIGURE + 'exclude = ["receptor_b", "messenger"]\n', encoding="utf-8")
    line = the_line(error_lines(run(tiny_graphs, "check")), "draws nothing")
    assert "figures.toml:2: figure 'tiny'" in line and "`exclude`" in line


@pytest.mark.parametrize(("old", "new", "where"), [
    ('quote = "Drugol inhibits receptor B."', f'quote = "{"x" * 16000}"', "drugol -> receptor_b"),
    ('effect = "promotes"', f'effect = "promotes"\nlabel = "{"y" * 16000}"', "messenger -> growth"),
])
def test_text_too_long_to_draw_is_reported(tiny_graphs: Path, old: str, new: str,
                                            where: str) -> None:
    edit(tiny_graphs / "mechanisms/x.toml", old, new)
    line = the_line(error_lines(run(tiny_graphs, "check")), "16000 characters long")
    assert where in line


# --- control characters and terminal escapes --------------------------------------------------

@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x1b", "\x7f", "\x85", "\ufffe", "\uffff",
                                  "\u202e", "\u2066"])
@pytest.mark.parametrize(("file", "old"), [
    ("entities.toml", 'label = "Growth"'),
    ("sources.toml", 'title = "A Tiny Document About Drugol"'),
    ("mechanisms/x.toml", 'title = "Drugol: receptor B block to growth"'),
])
def test_control_characters_are_reported_with_file_and_line(tiny_graphs: Path, char: str,
                                                            file: str, old: str) -> None:
    escaped = json.dumps(char)[1:-1] if char < "\x80" else char  # TOML \u escape or raw
    edit(tiny_graphs / file, old, old[:-1] + f"{escaped}x" + '"')
    code = f"U+{ord(char):04X}"
    line = the_line(error_lines(run(tiny_graphs, "check")), "control character", code)
    assert re.match(rf".*{re.escape(file)}:\d+: ", line), line
    # A direction control is XML's to carry: what it does is said instead.
    assert ("shows text in another order" in line) == (char in "\u202e\u2066"), line
    assert char not in run(tiny_graphs, "check").output


def test_escape_sequences_never_reach_the_terminal(tiny_graphs: Path) -> None:
    edit(tiny_graphs / "entities.toml", 'label = "Growth"', 'label = "Gr\\u001b[2J\\u001b]0;x\\u0007"')
    edit(tiny_graphs / "mechanisms/x.toml", 'target = "growth"', 'target = "\\u001b[31mgrowth"')
    for command in (["check"], ["list"], ["converge", "growth"]):
        result = run(tiny_graphs, *command)
        clean_failure(result)
        assert "\x1b" not in result.output and "\x07" not in result.output


def test_terminal_text_strips_sequences() -> None:
    assert terminal_text("a\x1b[31mred\x1b[0m \x1b]0;title\x07b \x9b2Jc\x01d\te\n") == "ared b cd\te\n"


@pytest.mark.parametrize("escaper", [dot_string, html_text, tooltip])
def test_escapers_never_emit_characters_xml_forbids(escaper) -> None:
    out = escaper("a\x01b\x0bc\x1bd\ufffee\uffff f\x85")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", out)


def test_empty_markup_is_not_drawn_as_an_empty_tag() -> None:
    assert "<SUP></SUP>" not in html_text("Ca^{} x_{ }")


# --- ids ---------------------------------------------------------------------------------------

BAD_IDS = ["../../x", "/tmp/abs", "fig.v1", "javascript:alert(1)", "a\tb", "a->b", "Upper",
           "", "x" * 65, "-lead"]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_figure_id_that_is_not_an_id_is_refused(tiny_graphs: Path, tmp_path: Path,
                                                  bad: str) -> None:
    (tiny_graphs / "figures.toml").write_text(
        FIGURE.replace('id = "tiny"', f"id = {json.dumps(bad)}"), encoding="utf-8")
    line = the_line(error_lines(run(tiny_graphs, "check")), "`id`")
    assert "figures.toml:2: figure #1: `id`" in line
    out = tmp_path / "deep" / "out"
    out.parent.mkdir()
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    clean_failure(run(tiny_graphs, "figures", "--out", str(out), "--format", "svg"))
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize(("file", "old", "new", "where"), [
    ("entities.toml", 'id = "growth"', 'id = "gro wth"', "entity #5"),
    ("entities.toml", 'id = "cell"', 'id = "ce/ll"', "compartment #1"),
    ("sources.toml", 'id = "tiny-doc"', 'id = "tiny.doc"', "source #1"),
    ("mechanisms/x.toml", 'id = "x"', 'id = "../x"', "[mechanism]"),
    ("mechanisms/x.toml", 'target = "growth"', 'target = "grow\\nth"', "edge messenger -> ?"),
])
def test_every_kind_of_id_is_checked_at_load(tiny_graphs: Path, file: str, old: str, new: str,
                                             where: str) -> None:
    edit(tiny_graphs / file, old, new)
    line = the_line(error_lines(run(tiny_graphs, "check")), "is not an id")
    assert f"{where}: " in line and re.search(rf"{re.escape(file)}:\d+: ", line), line


def test_a_step_id_is_checked(tiny_graphs: Path) -> None:
    (tiny_graphs / "workflows").mkdir()
    (tiny_graphs / "workflows/w.toml").write_text(
        '[workflow]\nid = "w"\ntitle = "W"\nsource = "tiny-doc"\n\n[[step]]\nid = "a b"\n'
        'label = "A"\nkind = "arm"\n[[step.evidence]]\nquote = "q"\n', encoding="utf-8")
    line = the_line(error_lines(run(tiny_graphs, "check")), "is not an id")
    assert "workflows/w.toml:6: step #1: `id` 'a b'" in line


# --- DOT attributes and links ---------------------------------------------------------------

INJECTION = '<TB>]; x [URL="javascript:alert(1)", label="click"]; y [label=<z>'


def test_rankdir_injection_is_refused_by_check(tiny_graphs: Path) -> None:
    (tiny_graphs / "figures.toml").write_text(
        FIGURE + f"rankdir = {json.dumps(INJECTION)}\n", encoding="utf-8")
    line = the_line(error_lines(run(tiny_graphs, "check")), "unknown rankdir")
    assert "figure 'tiny'" in line


def test_build_dot_refuses_a_rankdir_outside_the_enum() -> None:
    view = View(id="v", kind="mechanism", nodes=(ViewNode(id="a", label="A", kind="protein"),),
                edges=())
    with pytest.raises(UsageError):
        build_dot(view, PRESETS["slide"], THEMES["light"], rankdir=INJECTION)


def test_only_labels_pass_as_html() -> None:
    text = _attrs({"rankdir": "<TB>]; x [URL=\"javascript:1\"]", "label": "<<B>a</B>>"})
    assert 'rankdir="<TB>]; x [URL=\\"javascript:1\\"]"' in text
    assert "label=<<B>a</B>>" in text


def test_a_local_file_address_is_taken_and_never_made_a_link(tiny_graphs: Path) -> None:
    """An imported network's source is the file it was read from (file:///...): `check` takes
    it; the figures, gallery and deck link http(s) addresses only."""
    from pathways.quoting import safe_url

    edit(tiny_graphs / "sources.toml", 'address = "https://example.org/tiny"',
         'address = "file:///home/me/maps/stress.sbgn"')
    assert run(tiny_graphs, "check").exit_code == 0
    assert safe_url("file:///home/me/maps/stress.sbgn") is None


@pytest.mark.parametrize("address", ["javascript:alert(1)", "data:text/html,<b>x</b>",
                                     "file://host/etc/passwd", "https://exa mple.org"])
def test_a_source_address_must_be_http(tiny_graphs: Path, address: str) -> None:
    edit(tiny_graphs / "sources.toml", 'address = "https://example.org/tiny"',
         f"address = {json.dumps(address)}")
    line = the_line(error_lines(run(tiny_graphs, "check")), "is not an http(s) or file:/// address")
    assert "source 'tiny-doc'" in line


@pytest.mark.parametrize("url", ["https://example.org/\x01", "https://example.org\u0085/",
                                 "https:///path", "https://@/x", "https://example.org/'x'"])
def test_safe_url_refuses_controls_and_hostless(url: str) -> None:
    assert safe_url(url) is None


# --- blow-ups ---------------------------------------------------------------------------------

def _ladder(n: int) -> str:
    """n entities in a ladder (each links to the next two) and one edge back to the start:
    2^(n/2) cycles, one strongly connected component."""
    ids = [f"e{i:03d}" for i in range(n)]
    pairs = [(ids[i], ids[j]) for i in range(n) for j in (i + 1, i + 2) if j < n]
    pairs.append((ids[-1], ids[0]))
    edges = "".join(f'\n[[edge]]\nsource = "{a}"\ntarget = "{b}"\neffect = "activates"\n'
                    f'[[edge.evidence]]\nsource = "tiny-doc"\nquote = "{a} {b}"\n' for a, b in pairs)
    return "".join(f'\n[[entity]]\nid = "{i}"\nlabel = "{i.upper()}"\nkind = "protein"\n'
                   for i in ids), edges


def test_a_ladder_of_cycles_is_one_line(tiny_graphs: Path) -> None:
    entities, edges = _ladder(52)
    append(tiny_graphs / "entities.toml", entities)
    (tiny_graphs / "mechanisms/ladder.toml").write_text(
        '[mechanism]\nid = "ladder"\ntitle = "Ladder"\n' + edges, encoding="utf-8")
    result = run(tiny_graphs, "check")
    assert result.exit_code == 0, result.output
    info = [ln for ln in result.output.splitlines() if ln.startswith("info:")]
    assert len(info) == 1
    assert "feedback loops among 52 entities" in info[0] and "e000 -> " in info[0]


def test_load_is_linear_in_entries_per_file() -> None:
    """Line numbers come from one index per file: a file of many entries is read without
    searching its text once per entry (the index is what `line_of` consults)."""
    from pathways.load import _Lines

    text = "".join(f"[[edge]]\nsource = 'a{i}'\n[[edge.evidence]]\nquote = 'q'\n"
                   for i in range(2000))
    index = _Lines(text)
    assert index.of("edge", 0) == 1 and index.of("edge", 1999) == 1 + 4 * 1999
    assert index.of("edge.evidence", 3) == 3 + 4 * 3
    assert index.of("edge", 2000) is None


def test_shipped_data_still_loads() -> None:
    assert load_dataset(REPO / "graphs").figures


def test_build_dot_refuses_a_cluster_label_place_outside_the_enum() -> None:
    view = View(id="v", kind="mechanism", nodes=(ViewNode(id="a", label="A", kind="protein",
                                                          compartment="c"),),
                edges=(), compartments=(("c", "C"),))
    assert "labelloc=b; labeljust=r;" in build_dot(view, PRESETS["slide"], THEMES["light"],
                                                  label_at={0: "br"})
    with pytest.raises(UsageError):
        build_dot(view, PRESETS["slide"], THEMES["light"], label_at={0: "t; x=<y>"})


def test_a_long_is_a_chain_with_a_loop_is_reported_once_per_member(tiny_graphs: Path) -> None:
    ids = [f"p{i:05d}" for i in range(3000)]
    append(tiny_graphs / "entities.toml", "".join(
        f'\n[[entity]]\nid = "{x}"\nlabel = "P {x}"\nkind = "protein"\nparent = "{ids[i + 1]}"\n'
        for i, x in enumerate(ids[:-1])) + f'\n[[entity]]\nid = "{ids[-1]}"\nlabel = "P last"\n'
        f'kind = "protein"\nparent = "{ids[-3]}"\n')
    lines = [ln for ln in error_lines(run(tiny_graphs, "check")) if "is-a cycle" in ln]
    assert len(lines) == 3, lines  # the three entities on the loop, not the 2997 leading in


def test_an_unknown_top_level_key_does_not_hide_the_cross_file_checks(tiny_graphs: Path) -> None:
    edit(tiny_graphs / "mechanisms/x.toml", "[mechanism]", 'extra = 1\n\n[mechanism]')
    edit(tiny_graphs / "mechanisms/x.toml", 'target = "messenger"', 'target = "mesenger"')
    result = run(tiny_graphs, "check")
    assert "warning: " in the_line(result.output.splitlines(), "unknown key `extra`")
    assert "unknown entity 'mesenger'" in the_line(error_lines(result), "mesenger")


@pytest.mark.parametrize("command", ["export", "import"])
def test_an_output_that_cannot_be_written_is_one_line_naming_it(tmp_path: Path, command: str
                                                                ) -> None:
    """`export` and `import` write through one atomic writer: a file in the way of the output's
    folder is one line naming the output, exit 1, and nothing written."""
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder\n", encoding="utf-8")
    target = in_the_way / ("k.tsv" if command == "export" else "k.toml")
    if command == "export":
        result = run(REPO / "graphs", "export", "--format", "tsv", "-o", str(target))
    else:
        network = tmp_path / "small.sif"
        network.write_text("ALPHA\tactivates\tBETA\nBETA\tinhibits\tGAMMA\n", encoding="utf-8")
        result = run(REPO / "graphs", "import", str(network), "-o", str(target))
    lines = clean_failure(result)
    assert lines[-1] == f"Error: cannot write {target}: a file is in the way of a folder"
    assert in_the_way.read_text(encoding="utf-8") == "not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == \
        sorted(["a-file"] + (["small.sif"] if command == "import" else []))


def test_a_part_of_loop_is_reported_like_an_is_a_loop(tiny_graphs: Path) -> None:
    """An entity part of itself, or two each part of the other, passed `check`; `converge`
    then said a compound reached a node "which contains it"."""
    edit(tiny_graphs / "entities.toml", 'label = "Messenger M"\n',
         'label = "Messenger M"\npart_of = "growth"\n')
    edit(tiny_graphs / "entities.toml", 'label = "Growth"\n', 'label = "Growth"\npart_of = "messenger"\n')
    lines = [ln for ln in error_lines(run(tiny_graphs, "check")) if "part-of cycle" in ln]
    assert len(lines) == 2 and any("entity 'messenger'" in ln for ln in lines), lines


@pytest.mark.parametrize(("old", "new", "said"), [
    ('label = "Messenger M"', 'label = "Messenger\\nM"', "`label` holds a line break or tab"),
    ('label = "Messenger M"', 'label = "Messenger\\tM"', "`label` holds a line break or tab"),
    ('synonyms = ["DRX-1"]', 'synonyms = ["DRX-1", ""]', "`synonyms[2]` is empty"),
    ('synonyms = ["DRX-1"]', 'synonyms = ["DRX-1", " "]', "`synonyms[2]` is empty"),
])
def test_a_name_on_two_lines_or_an_empty_synonym_is_refused(tiny_graphs: Path, old: str,
                                                             new: str, said: str) -> None:
    """A label with a newline passed `check`, split `list` and `describe` across lines, and
    exported a file `import` refused; an empty synonym made `converge ""` answer for MGS0039."""
    edit(tiny_graphs / "entities.toml", old, new)
    line = the_line(error_lines(run(tiny_graphs, "check")), said)
    assert line.startswith(f"{tiny_graphs / 'entities.toml'}:")


def test_a_pipe_in_the_networks_folder_is_skipped_with_a_warning(shipped: Path) -> None:
    """A named pipe or a link to a device in graphs/networks/ was skipped without a word (one
    in mechanisms/ is warned of); a link to nothing likewise."""
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    folder = shipped / "networks"
    folder.mkdir(exist_ok=True)
    os.mkfifo(folder / "pipe.sif")
    (folder / "gone.sif").symlink_to(shipped / "nowhere.sif")
    result = CliRunner().invoke(main, ["--graphs", str(shipped), "list"])
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    warned = result.stderr.splitlines()
    assert the_line(warned, "pipe.sif").endswith(
        "skipped: not a regular file (a pipe or device would never end)")
    assert the_line(warned, "gone.sif").endswith("skipped: a link to nothing")


@pytest.mark.parametrize(("file", "table"), [("mechanisms/ketamine.toml", "mechanism"),
                                             ("workflows/social-defeat-workflow.toml",
                                              "workflow")])
def test_a_single_table_written_as_an_array_says_how_to_write_it(shipped: Path, file: str,
                                                                 table: str) -> None:
    """`[[mechanism]]` for `[mechanism]` was reported as "`` must be a table, not an array",
    the key's name empty."""
    edit(shipped / file, f"[{table}]", f"[[{table}]]")
    line = the_line(error_lines(run(shipped, "check")), f"[[{table}]]")
    assert line.endswith(f"write [{table}], one table, not [[{table}]]") and "``" not in line


def test_a_graphviz_failure_on_a_nearly_full_disk_says_so(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A build into a full disk ended "nr2b-synaptic-plasticity: Graphviz failed: exit status
    1": Graphviz says no more when it cannot write its file. The error now says how little room
    is left; with room, it adds nothing."""
    from types import SimpleNamespace

    from pathways import figures

    def statvfs(free: int):
        return lambda _: SimpleNamespace(f_bavail=free // 4096, f_frsize=4096)

    monkeypatch.setattr(os, "statvfs", statvfs(200 << 10))
    assert figures._short_of_room(tmp_path, tmp_path / "out") == (
        f" (only 200 KiB free where {tmp_path / 'out'} is written: is the disk full?)")
    monkeypatch.setattr(os, "statvfs", statvfs(1 << 30))
    assert figures._short_of_room(tmp_path, tmp_path / "out") == ""


def test_a_rendered_network_with_any_node_names_has_valid_svg_ids(tmp_path: Path) -> None:
    """Every id of a drawing is an XML name, whatever a network calls its nodes: a node named
    "../../etc/passwd" had given `id="trav-node-../../etc/passwd"`, which no SVG 1.1 validator
    takes and CSS and links cannot name. Names with "/", spaces, quotes or markup are written
    in hex (`labels.xml_token`); plain ones, as every curated id, as they are."""
    sif = tmp_path / "names.sif"
    sif.write_text('../../etc/passwd\t1\tMTOR\n<b>x</b>\t-1\t../../etc/passwd\n'
                   '"quoted"\t1\tBDNF\nA B\t1\tMTOR\n', encoding="utf-8")
    out = tmp_path / "trav.svg"
    result = CliRunner().invoke(main, ["--network", str(sif), "render", "--around", "mtor",
                                       "--depth", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ids = re.findall(r'\sid="([^"]*)"', out.read_text(encoding="utf-8"))
    assert len(ids) > 10
    assert [i for i in ids if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", i)] == []
    assert "trav-node-mtor" in ids  # a curated id as it is
