"""`pathways check`: every problem in the data is found, named by file, entity or edge, and line."""

from __future__ import annotations

import re
import shutil
import signal
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

from helpers import edit
from pathways.errors import DataError, Problem
from pathways.load import load_dataset, read_dataset
from pathways.validate import validate, verify_quotes

REPO = Path(__file__).resolve().parent.parent

# --- helpers --------------------------------------------------------------------------------

def problems_of(root: Path) -> list[Problem]:
    """What `pathways check` finds: per-file problems, then the cross-file checks."""
    dataset, problems, lines = read_dataset(root)
    return problems + validate(dataset, lines)


def errors_of(root: Path) -> list[Problem]:
    return [p for p in problems_of(root) if p.severity == "error"]



def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def header_above(path: Path, needle: str, header: str) -> int:
    """Line (1-based) of the `header` line that opens the table containing the first `needle`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if needle in text)
    return max(i for i in range(at + 1) if lines[i].strip() == header) + 1


def last_line(path: Path, header: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return max(i for i, text in enumerate(lines) if text.strip() == header) + 1


def line_containing(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines) if needle in text) + 1


def find(problems: list[Problem], *fragments: str) -> Problem:
    """The one problem whose message has every fragment."""
    hits = [p for p in problems if all(f in p.message for f in fragments)]
    assert len(hits) == 1, f"expected one problem with {fragments}, got: {[str(p) for p in problems]}"
    return hits[0]


def names_file(problem: Problem, root: Path, suffix: str) -> bool:
    """The problem's file is the real file (relative to the folder holding graphs/)."""
    return problem.file.endswith(suffix) and (root.parent / problem.file).is_file()


@dataclass(frozen=True)
class Broken:
    """One way to break the tiny dataset, and where the problem must be reported."""

    file: str  # path suffix of the file the problem names
    where: str  # fragment naming the entity, edge or step
    message: tuple[str, ...]  # fragments of the message
    line: Callable[[Path], int]  # the line of the [[...]] header, from the file text


def _edge_line(file: str, needle: str) -> Callable[[Path], int]:
    return lambda root: header_above(root / file, needle, "[[edge]]")


def _entity_line(needle: str) -> Callable[[Path], int]:
    return lambda root: header_above(root / "entities.toml", needle, "[[entity]]")


EXTRA_MECHANISM = """\
[mechanism]
id = "y"
title = "Another view of receptor B"

[[edge]]
source = "receptor_b"
target = "messenger"
effect = "activates"
[[edge.evidence]]
source = "tiny-doc"
quote = "Receptor B switches messenger M on."
"""

WORKFLOW = """\
[workflow]
id = "w"
title = "Dosing study"
source = "tiny-doc"

[[step]]
id = "dose"
label = "Dose"
kind = "procedure"
[[step.evidence]]
quote = "Mice got one dose."

[[step]]
id = "measure"
label = "Measure growth"
kind = "assessment"
[[step.evidence]]
quote = "Growth was measured."

[[link]]
from = "dose"
to = "mesure"
[[link.evidence]]
quote = "Growth was measured after the dose."
"""


def break_unknown_entity(root: Path) -> None:
    edit(root / "mechanisms/x.toml", 'target = "messenger"', 'target = "mesenger"')


def break_unknown_parent(root: Path) -> None:
    edit(root / "entities.toml", 'parent = "receptor"', 'parent = "recepter"')


def break_unknown_kind(root: Path) -> None:
    edit(root / "entities.toml", 'kind = "protein"', 'kind = "protien"')


def break_unknown_effect(root: Path) -> None:
    edit(root / "mechanisms/x.toml", 'effect = "promotes"', 'effect = "boosts"')


def break_unknown_status(root: Path) -> None:
    edit(root / "mechanisms/x.toml", 'effect = "promotes"\n', 'effect = "promotes"\nstatus = "maybe"\n')


def break_duplicate_id(root: Path) -> None:
    append(root / "entities.toml",
           '\n[[entity]]\nid = "growth"\nlabel = "Growth, again"\nkind = "process"\n')


def break_no_evidence(root: Path) -> None:
    append(root / "mechanisms/x.toml",
           '\n[[edge]]\nsource = "drugol"\ntarget = "growth"\neffect = "promotes"\n')


def break_opposite_signs(root: Path) -> None:
    (root / "mechanisms/y.toml").write_text(EXTRA_MECHANISM, encoding="utf-8")


def break_unknown_source(root: Path) -> None:
    edit(root / "mechanisms/x.toml", 'source = "tiny-doc"', 'source = "tiny-dco"')


def break_unknown_step(root: Path) -> None:
    (root / "workflows").mkdir()
    (root / "workflows/w.toml").write_text(WORKFLOW, encoding="utf-8")


BREAKS: dict[str, tuple[Callable[[Path], None], Broken]] = {
    "unknown entity": (break_unknown_entity, Broken(
        "mechanisms/x.toml", "receptor_b -> mesenger",
        ("unknown entity 'mesenger'", "did you mean", "'messenger'"),
        _edge_line("mechanisms/x.toml", '"mesenger"'))),
    "unknown parent": (break_unknown_parent, Broken(
        "entities.toml", "receptor_b", ("unknown entity 'recepter'", "did you mean", "'receptor'"),
        _entity_line('id = "receptor_b"'))),
    "unknown kind": (break_unknown_kind, Broken(
        "entities.toml", "messenger", ("unknown kind 'protien'",),
        _entity_line('id = "messenger"'))),
    "unknown effect": (break_unknown_effect, Broken(
        "mechanisms/x.toml", "messenger -> growth", ("unknown effect 'boosts'",),
        _edge_line("mechanisms/x.toml", '"boosts"'))),
    "unknown status": (break_unknown_status, Broken(
        "mechanisms/x.toml", "messenger -> growth", ("unknown status 'maybe'",),
        _edge_line("mechanisms/x.toml", '"maybe"'))),
    "duplicate id": (break_duplicate_id, Broken(
        "entities.toml", "growth", ("duplicate",),
        _entity_line('"Growth, again"'))),
    "edge without evidence": (break_no_evidence, Broken(
        "mechanisms/x.toml", "drugol -> growth", ("evidence",),
        lambda root: last_line(root / "mechanisms/x.toml", "[[edge]]"))),
    "opposite signs": (break_opposite_signs, Broken(
        "mechanisms/y.toml", "receptor_b -> messenger", ("contradicts", "mechanisms/x.toml"),
        _edge_line("mechanisms/y.toml", '"activates"'))),
    "unknown source": (break_unknown_source, Broken(
        "mechanisms/x.toml", "drugol -> receptor_b",
        ("unknown source 'tiny-dco'", "did you mean", "'tiny-doc'"),
        _edge_line("mechanisms/x.toml", '"tiny-dco"'))),
    "unknown step": (break_unknown_step, Broken(
        "workflows/w.toml", "dose -> mesure", ("unknown step 'mesure'", "did you mean", "'measure'"),
        lambda root: header_above(root / "workflows/w.toml", '"mesure"', "[[link]]"))),
}


# --- the tiny dataset is clean --------------------------------------------------------------

def test_tiny_dataset_is_valid(tiny_graphs: Path):
    assert problems_of(tiny_graphs) == []
    assert "drugol" in load_dataset(tiny_graphs).entities


def test_shipped_data_is_valid(graphs_dir: Path):
    assert errors_of(graphs_dir) == []


# --- one test per kind of problem -----------------------------------------------------------

@pytest.mark.parametrize("kind", BREAKS)
def test_problem_names_file_place_and_line(tiny_graphs: Path, kind: str):
    breaker, expected = BREAKS[kind]
    breaker(tiny_graphs)
    errors = errors_of(tiny_graphs)
    problem = find(errors, *expected.message)
    assert names_file(problem, tiny_graphs, expected.file), problem
    assert expected.where in problem.where, problem
    assert problem.line is not None, problem
    assert str(problem).startswith(f"{problem.file}:{problem.line}: ")


@pytest.mark.parametrize("kind", BREAKS)
def test_problem_line_is_its_header(tiny_graphs: Path, kind: str):
    breaker, expected = BREAKS[kind]
    breaker(tiny_graphs)
    problem = find(errors_of(tiny_graphs), *expected.message)
    assert problem.line == expected.line(tiny_graphs)


def test_same_sign_in_two_files_is_not_a_contradiction(tiny_graphs: Path):
    (tiny_graphs / "mechanisms/y.toml").write_text(
        EXTRA_MECHANISM.replace('"activates"', '"decreases"'), encoding="utf-8")
    assert errors_of(tiny_graphs) == []


def test_unknown_sign_does_not_contradict(tiny_graphs: Path):
    (tiny_graphs / "mechanisms/y.toml").write_text(
        EXTRA_MECHANISM.replace('"activates"', '"modulates"'), encoding="utf-8")
    assert errors_of(tiny_graphs) == []


def test_toml_syntax_error_names_file_and_line(tiny_graphs: Path):
    path = tiny_graphs / "mechanisms/broken.toml"
    path.write_text('[mechanism]\nid = "broken"\ntitle = "Broken"\n\n[[edge]]\nsource = "drugol"\n'
                    'target = \n', encoding="utf-8")
    errors = errors_of(tiny_graphs)
    problem = next(p for p in errors if p.file.endswith("mechanisms/broken.toml"))
    assert names_file(problem, tiny_graphs, "mechanisms/broken.toml")
    assert problem.line == line_containing(path, "target = ")
    # the other files are still read and still clean
    assert all(p.file.endswith("broken.toml") for p in errors)


def test_missing_required_file(tiny_graphs: Path):
    (tiny_graphs / "sources.toml").unlink()
    errors = errors_of(tiny_graphs)
    assert any("sources.toml" in p.file and "missing" in p.message for p in errors)


def test_identifier_must_be_a_curie(tiny_graphs: Path):
    edit(tiny_graphs / "entities.toml", 'kind = "protein"\n',
         'kind = "protein"\nidentifiers = ["P42345"]\n')
    problem = find(errors_of(tiny_graphs), "'P42345'", "CURIE")
    assert "messenger" in problem.where


def test_ambiguous_name_is_a_problem(tiny_graphs: Path):
    edit(tiny_graphs / "entities.toml", 'label = "Growth"', 'label = "Growth"\nsynonyms = ["drx-1"]')
    problem = find(errors_of(tiny_graphs), "'drx-1'", "drugol")
    assert "growth" in problem.where


@pytest.mark.parametrize("synonym", ["Gro\u0301wth", "\uff27rowth", "GROWTH"])
def test_a_name_a_lookup_would_take_for_another_is_a_problem(tiny_graphs: Path, synonym: str):
    """`check` compared names in any case only: a combining accent or full-width letters
    passed, and `converge` then called the name ambiguous. It folds them as lookups do."""
    with (tiny_graphs / "entities.toml").open("a", encoding="utf-8") as f:
        f.write(f'\n[[entity]]\nid = "other"\nlabel = "Other"\nkind = "process"\n'
                f'synonyms = ["{synonym}"]\n')
    if synonym.startswith("Gro\u0301"):  # the same, accented, in both: composed and not
        edit(tiny_graphs / "entities.toml", 'label = "Growth"', 'label = "Gr\u00f3wth"')
    problem = find(errors_of(tiny_graphs), "also names entity", "lookups would be ambiguous")
    assert "other" in problem.where


def test_an_invisible_character_in_a_name_is_a_problem(tiny_graphs: Path):
    """A zero-width space made a second "Growth" that looks like the first."""
    edit(tiny_graphs / "entities.toml", 'label = "Growth"',
         'label = "Growth"\nsynonyms = ["Gro\u200bwth"]')
    problem = find(errors_of(tiny_graphs), "invisible character (U+200B)")
    assert "growth" in problem.where


# --- every problem, not just the first ------------------------------------------------------

# Breaks that do not mask each other (an unknown target would hide the sign contradiction).
ALL_AT_ONCE = ["unknown parent", "unknown kind", "unknown effect", "duplicate id",
               "edge without evidence", "opposite signs", "unknown source", "unknown step"]


def test_every_problem_is_reported(tiny_graphs: Path):
    for kind in ALL_AT_ONCE:
        BREAKS[kind][0](tiny_graphs)
    errors = errors_of(tiny_graphs)
    for kind in ALL_AT_ONCE:
        expected = BREAKS[kind][1]
        problem = find(errors, *expected.message)
        assert names_file(problem, tiny_graphs, expected.file)
        assert expected.where in problem.where


def test_load_raises_with_every_problem(tiny_graphs: Path):
    for kind in ALL_AT_ONCE:
        BREAKS[kind][0](tiny_graphs)
    with pytest.raises(DataError) as info:
        load_dataset(tiny_graphs)
    assert len(info.value.problems) == len(errors_of(tiny_graphs)) >= len(ALL_AT_ONCE)
    message = str(info.value)
    assert "\n" not in message
    assert f"{len(info.value.problems) - 1} more problems" in message


# --- cycles are legal -----------------------------------------------------------------------

FEEDBACK = """
[[edge]]
source = "growth"
target = "receptor_b"
effect = "activates"
[[edge.evidence]]
source = "tiny-doc"
quote = "Growth feeds back on receptor B."
"""


def test_cycle_is_information_not_an_error(tiny_graphs: Path):
    append(tiny_graphs / "mechanisms/x.toml", FEEDBACK)
    problems = problems_of(tiny_graphs)
    assert [p for p in problems if p.severity == "error"] == []
    info = [p for p in problems if p.severity == "info"]
    assert len(info) == 1
    assert info[0].where == "cycle"
    assert all(n in info[0].message for n in ("growth", "receptor_b", "messenger"))
    load_dataset(tiny_graphs)  # does not raise


def test_cycle_is_reported_in_its_own_order_and_file(tiny_graphs: Path):
    append(tiny_graphs / "mechanisms/x.toml", FEEDBACK)
    (info,) = [p for p in problems_of(tiny_graphs) if p.severity == "info"]
    loop = re.search(r"feedback loop (.+?) \(", info.message).group(1).split(" -> ")
    edges = {(e.source, e.target) for e in load_dataset(tiny_graphs).mechanisms["x"].edges}
    assert loop[0] == loop[-1]
    assert all(pair in edges for pair in pairwise(loop)), loop
    assert names_file(info, tiny_graphs, "mechanisms/x.toml")


def test_is_a_cycle_is_an_error(tiny_graphs: Path):
    edit(tiny_graphs / "entities.toml", 'label = "Receptor R"\n',
         'label = "Receptor R"\nparent = "receptor_b"\n')
    errors = errors_of(tiny_graphs)
    assert any("receptor" in p.where and "receptor_b" in p.message for p in errors)


# --- places the format allows ---------------------------------------------------------------

def test_unknown_entity_in_a_measure_has_a_line(tiny_graphs: Path):
    append(tiny_graphs / "mechanisms/x.toml",
           '\n[[measure]]\nentity = "mesenger"\nname = "level"\nvalue = "up"\n'
           'source = "tiny-doc"\nquote = "Messenger M goes up."\n')
    problem = find(errors_of(tiny_graphs), "unknown entity 'mesenger'")
    assert problem.line is not None


def test_file_names_are_consistent_when_run_inside_the_folder(tiny_graphs: Path,
                                                              monkeypatch: pytest.MonkeyPatch):
    break_unknown_parent(tiny_graphs)  # reported by validate, against entities.toml
    break_unknown_kind(tiny_graphs)  # reported by load, against entities.toml
    monkeypatch.chdir(tiny_graphs)
    files = {p.file for p in problems_of(Path("."))}
    assert len(files) == 1
    assert all((tiny_graphs / f).is_file() for f in files)


# --- quotes against the source texts --------------------------------------------------------

def test_shipped_quotes_are_verbatim(graphs_dir: Path, seeds_dir: Path):
    dataset, _, _ = read_dataset(graphs_dir)
    assert verify_quotes(dataset, seeds_dir) == []


def test_mutated_quote_is_caught(graphs_dir: Path, seeds_dir: Path, tmp_path: Path):
    root = tmp_path / "graphs"
    shutil.copytree(graphs_dir, root)
    path = root / "mechanisms/mgs0039.toml"
    edit(path, "MGS0039 is a potent and selective antagonist",
         "MGS0039 is a weak and selective antagonist")
    dataset, _, _ = read_dataset(root)
    problems = verify_quotes(dataset, seeds_dir)
    assert len(problems) == 1
    problem = problems[0]
    assert names_file(problem, root, "mechanisms/mgs0039.toml")
    assert "mgs0039 -> mglur2_3" in problem.where
    assert "weak and selective" in problem.message
    assert problem.line is not None


def test_source_without_text_is_reported(graphs_dir: Path, tmp_path: Path):
    """A folder with no text of any source checked nothing: an error for each source."""
    dataset, _, _ = read_dataset(graphs_dir)
    problems = verify_quotes(dataset, tmp_path)
    assert {p.where for p in problems} == {f"source {sid!r}" for sid in dataset.sources}
    assert {p.severity for p in problems} == {"error"}


def test_some_sources_without_text_are_warnings(graphs_dir: Path, seeds_dir: Path,
                                                tmp_path: Path):
    """With the texts of some sources only, the others' quotes go unchecked, which is said as
    a warning; the quotes that could be checked are, and `check` passes."""
    texts = tmp_path / "some"
    texts.mkdir()
    kept = sorted(seeds_dir.iterdir())[:2]
    for path in kept:
        shutil.copy(path, texts / path.name)
    dataset, _, _ = read_dataset(graphs_dir)
    problems = verify_quotes(dataset, texts)
    assert problems and {p.severity for p in problems} == {"warning"}
    assert all("its quotes are not checked" in p.message for p in problems)
    assert len(problems) < len(dataset.sources)


def test_quote_may_differ_in_whitespace_and_bold(tiny_graphs: Path, tmp_path: Path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "tiny.txt").write_text(
        "A Tiny Document About Drugol\n\n**Drugol** inhibits\nreceptor B. Receptor B holds "
        "messenger M down. Messenger M promotes growth.", encoding="utf-8")
    dataset, _, _ = read_dataset(tiny_graphs)
    assert verify_quotes(dataset, texts) == []
    edit(tiny_graphs / "mechanisms/x.toml", "promotes growth.", "promotes growth strongly.")
    dataset, _, _ = read_dataset(tiny_graphs)
    assert len(verify_quotes(dataset, texts)) == 1


# --- the is-a hang, kept out of the validate tests above -----------------------------------

@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
def test_converge_on_an_is_a_cycle_terminates(tiny_graphs: Path):
    from pathways.merge import merge
    from pathways.queries import converging_compounds

    edit(tiny_graphs / "entities.toml", 'label = "Receptor R"\n',
         'label = "Receptor R"\nparent = "receptor_b"\n')
    dataset, _, _ = read_dataset(tiny_graphs)

    def stop(*_: object) -> None:
        raise TimeoutError("converging_compounds did not return")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(3)
    try:
        converging_compounds(merge(dataset), "receptor")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_syntax_error_is_reported_alone(tiny_graphs: Path):
    """A file that does not parse is one problem, not a cascade of unknown references into it."""
    path = tiny_graphs / "entities.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[entity]]\nid = "x"\nkind = \n',
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(tiny_graphs)
    assert len(err.value.problems) == 1
    assert err.value.problems[0].where == "TOML syntax"
    assert err.value.problems[0].file.endswith("entities.toml")


def test_a_mistyped_align_id_is_named_under_align(graphs_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "graphs"
    shutil.copytree(graphs_dir, root)
    figures = root / "figures.toml"
    figures.write_text(figures.read_text(encoding="utf-8").replace(
        'align = ["ltp_slices"', 'align = ["ltp_slice"'), encoding="utf-8")
    found = [p for p in problems_of(root) if "ltp_slice'" in p.message]
    assert len(found) == 1
    assert found[0].where.endswith("align") and found[0].file.endswith("figures.toml")


def test_entity_source_and_compartment_tables_in_a_mechanism_file_are_checked(tmp_path):
    """`import` writes them there; they were loaded unchecked (a kind nobody knows, markup that
    breaks the exports, a javascript: address), and each file drew a false warning."""
    from click.testing import CliRunner

    from pathways.cli import main

    shutil.copytree(REPO / "graphs", tmp_path / "graphs")
    with (tmp_path / "graphs" / "mechanisms" / "mgs0039.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[compartment]]\nid = "cell"\nlabel = "Cell"\n'
                '\n[[entity]]\nid = "wiz"\nlabel = "Ca^{2+ x"\nkind = "wizard"\ncompartment = "cell"\n'
                '\n[[source]]\nid = "s1"\ntitle = "t"\naddress = "javascript:alert(1)"\n')
    result = CliRunner().invoke(main, ["--graphs", str(tmp_path / "graphs"), "check"])
    assert result.exit_code == 1
    errors = [ln for ln in result.output.splitlines() if "mgs0039.toml:" in ln
              and not ln.startswith(("warning", "info"))]
    assert any("entity 'wiz'" in ln and "unknown kind 'wizard'" in ln for ln in errors)
    assert any("entity 'wiz'" in ln and "markup that is not closed" in ln for ln in errors)
    assert any("source 's1'" in ln and "not an http(s) or file:/// address" in ln for ln in errors)
    assert "unknown key" not in result.output


def test_a_duplicate_id_in_another_file_names_that_file(tmp_path):
    """"first defined at line 4" pointed at the file being read, where the first definition was
    in another one (an entity of entities.toml again in a mechanism file, a copied file)."""
    from click.testing import CliRunner

    from pathways.cli import main

    graphs = tmp_path / "graphs"
    shutil.copytree(REPO / "graphs", graphs)
    shutil.copy(graphs / "mechanisms" / "mgs0039.toml", graphs / "mechanisms" / "mgs0039-copy.toml")
    with (graphs / "mechanisms" / "mgs0039.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[entity]]\nid = "mtor"\nlabel = "Another mTOR"\nkind = "protein"\n')
    out = CliRunner().invoke(main, ["--graphs", str(graphs), "check"]).output
    entity = next(ln for ln in out.splitlines() if "entity 'mtor': duplicate id" in ln)
    assert f"first defined at {graphs / 'entities.toml'}:" in entity
    mechanism = next(ln for ln in out.splitlines() if "mechanism 'mgs0039': duplicate id" in ln)
    assert "mgs0039.toml:4:" in mechanism and "first defined at " in mechanism
    assert "mgs0039-copy.toml:4" in mechanism  # the copy is read first (sorted by name)


def test_a_mechanism_file_s_tables_are_checked_as_in_their_own_files() -> None:
    """`[[entity]]`, `[[compartment]]` and `[[source]]` in a mechanism file follow the rules of
    entities.toml and sources.toml: the schemas say so in the same words, and stay so."""
    import json

    schemas = REPO / "src" / "pathways" / "schema"

    def props(name: str) -> dict:
        return json.loads((schemas / name).read_text(encoding="utf-8"))["properties"]

    mechanism, entities, sources = (props(f"{n}.schema.json")
                                    for n in ("mechanism", "entities", "sources"))
    assert mechanism["entity"] == entities["entity"]
    assert mechanism["compartment"] == entities["compartment"]
    assert mechanism["source"] == sources["source"]


@pytest.mark.parametrize(("links", "where", "message"), [
    ([("dose", "measure"), ("dose", "measure")], "dose -> measure", "given twice"),
    ([("dose", "measure"), ("measure", "dose"), ("measure", "dose")], "measure -> dose",
     "given twice"),
])
def test_a_workflow_link_given_twice_is_a_problem(
        tiny_graphs: Path, links: list[tuple[str, str]], where: str, message: str):
    """It passed `check`, and the figure drew two arrows side by side. (A link from a step to
    itself is a repeat, drawn as a loop: `test_a_workflow_with_a_loop_is_described_and_drawn`.)"""
    text = WORKFLOW.split("[[link]]")[0] + "".join(
        f'[[link]]\nfrom = "{a}"\nto = "{b}"\n[[link.evidence]]\nquote = "Growth was measured '
        'after the dose."\n\n' for a, b in links)
    (tiny_graphs / "workflows").mkdir()
    (tiny_graphs / "workflows/w.toml").write_text(text, encoding="utf-8")
    problem = find(errors_of(tiny_graphs), message)
    assert where in problem.where and problem.line is not None
