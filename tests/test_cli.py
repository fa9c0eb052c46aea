"""The `pathways` command line, as a user runs it: exit codes, one-line errors, text and JSON."""

from __future__ import annotations

import itertools
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from helpers import edit
from pathways.cli import main
from pathways.load import read_dataset
from pathways.validate import validate

REPO = Path(__file__).parent.parent
COMPOUNDS = ["ketamine", "esketamine", "mij821", "mgs0039"]


def run(graphs: Path | str, *args: str, **kwargs) -> Result:
    return CliRunner(**kwargs).invoke(main, ["--graphs", str(graphs), *args])


def one_line_error(result: Result) -> str:
    """The output of a failed command: exactly one line, and no traceback."""
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # not a crash
    return lines[0]



def break_three_ways(root: Path) -> None:
    """An unknown entity, an unknown kind and an edge with no evidence, in two files."""
    edit(root / "mechanisms/x.toml", 'target = "messenger"', 'target = "mesenger"')
    edit(root / "entities.toml", 'kind = "protein"', 'kind = "protien"')
    path = root / "mechanisms/x.toml"
    path.write_text(path.read_text(encoding="utf-8")
                    + '\n[[edge]]\nsource = "drugol"\ntarget = "growth"\neffect = "promotes"\n',
                    encoding="utf-8")


# --- check ----------------------------------------------------------------------------------

def test_check_shipped_data_is_clean(graphs_dir: Path):
    result = run(graphs_dir, "check")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1].startswith("0 problems")


def test_check_quotes_against_the_source_texts(graphs_dir: Path, seeds_dir: Path,
                                               tmp_path: Path):
    result = run(graphs_dir, "check", "--texts", str(seeds_dir))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].endswith(f"; quotes checked against {seeds_dir}")
    # A folder holding no source's text checked nothing, and the summary says so.
    empty = run(graphs_dir, "check", "--texts", str(tmp_path))
    assert empty.exit_code == 1
    assert empty.output.splitlines()[-1].endswith(
        f"; no quote checked: no text in {tmp_path} names a source")


def test_a_network_format_with_no_network_leaves_help_alone(graphs_dir: Path):
    result = run(graphs_dir, "--network-format", "bogus", "list", "--help")
    assert result.exit_code == 0 and result.output.startswith("Usage:")


def test_check_mutated_quote_fails(graphs_dir: Path, seeds_dir: Path, tmp_path: Path):
    root = tmp_path / "graphs"
    shutil.copytree(graphs_dir, root)
    edit(root / "mechanisms/esketamine.toml", 'quote = "', 'quote = "Reportedly, ')
    result = run(root, "check", "--texts", str(seeds_dir))
    assert result.exit_code == 1
    assert "mechanisms/esketamine.toml" in result.output
    assert "Reportedly, " in result.output


def test_check_lists_every_problem_one_per_line(tiny_graphs: Path):
    break_three_ways(tiny_graphs)
    dataset, problems, lines = read_dataset(tiny_graphs)
    expected = [str(p) for p in problems + validate(dataset, lines)]
    assert len(expected) >= 3

    result = run(tiny_graphs, "check")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    out = result.output.strip().splitlines()
    for problem in expected:
        assert problem in out, problem
    assert len(out) == len(expected) + 1  # and a summary line
    assert out[-1].startswith(f"{len(expected)} problems")
    for line in out[:-1]:
        assert re.match(r"(\S*/)?graphs/\S+\.toml:\d+: ", line), line


def test_check_reports_cycles_as_information(tiny_graphs: Path):
    path = tiny_graphs / "mechanisms/x.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[edge]]\nsource = "growth"\n'
                    'target = "drugol"\neffect = "activates"\n[[edge.evidence]]\n'
                    'source = "tiny-doc"\nquote = "Growth calls for more drugol."\n',
                    encoding="utf-8")
    result = run(tiny_graphs, "check")
    assert result.exit_code == 0, result.output
    assert any(line.startswith("info: ") and "drugol" in line
               for line in result.output.splitlines())


def test_other_commands_refuse_broken_data_in_one_line(tiny_graphs: Path):
    break_three_ways(tiny_graphs)
    line = one_line_error(run(tiny_graphs, "converge", "growth"))
    assert "pathways check" in line
    assert run(tiny_graphs, "converge", "growth").exit_code == 1


# --- converge -------------------------------------------------------------------------------

def test_converge_text(graphs_dir: Path):
    result = run(graphs_dir, "converge", "mammalian target of rapamycin")
    assert result.exit_code == 0, result.output
    first, *rest = result.output.splitlines()
    assert "mTOR" in first
    for label in ("Ketamine", "Esketamine", "Mij821", "MGS0039"):
        assert any(f"+  {label}:" in line and "raises" in line for line in rest), label


def test_a_command_run_in_process_leaves_nothing_frozen(graphs_dir: Path, tmp_path: Path):
    """Loading freezes what it made out of the garbage collector's sight; a caller running
    commands in its own process (a notebook, a test) gets it all handed back when each command
    ends, and the collector is on again, whether the data came from the cache or not, and with
    a network joined in."""
    import gc

    network = tmp_path / "net.sif"
    network.write_text("mTOR\tactivates\tBDNF\nBDNF\tinhibits\tAKT1\n", encoding="utf-8")
    assert gc.get_freeze_count() == 0
    for args in (["converge", "mTOR"], ["converge", "mTOR"], ["check"],
                 ["--network", str(network), "converge", "AKT1", "--json"]):
        result = run(graphs_dir, *args, env={"PATHWAYS_CACHE_DIR": str(tmp_path / "cache")})
        assert result.exit_code == 0, result.output
        assert gc.get_freeze_count() == 0, args
        assert gc.isenabled(), args


def test_converge_text_says_when_a_child_counts(graphs_dir: Path):
    result = run(graphs_dir, "converge", "NMDAR")
    assert result.exit_code == 0
    out = result.output
    blocks = re.split(r"\n(?=  [+?-]  )", out)  # one block per compound
    mij821 = next(b for b in blocks if "Mij821:" in b)
    assert "NR2B-containing NMDA receptor" in mij821 and "a kind of it" in mij821
    ketamine = next(b for b in blocks if " Ketamine:" in b)
    assert "a kind of it" not in ketamine
    assert re.search(r"-\s+Esketamine: lowers it", out)


def test_converge_json(graphs_dir: Path):
    result = run(graphs_dir, "converge", "synapse formation", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["node"] == {"id": "synaptogenesis", "label": "Synaptogenesis"}
    found = {c["id"]: c for c in data["compounds"]}
    assert set(COMPOUNDS) <= set(found)
    for cid in COMPOUNDS:
        c = found[cid]
        assert {"id", "label", "path", "sign"} <= set(c)
        assert c["sign"] == "+"
        assert c["path"][0] == cid and c["path"][-1] == "synaptogenesis"


def test_converge_json_via(graphs_dir: Path):
    data = json.loads(run(graphs_dir, "converge", "nmda_receptor", "--json").output)
    found = {c["id"]: c for c in data["compounds"]}
    assert found["mij821"]["via"] == "nr2b_nmda_receptor"
    assert found["esketamine"]["sign"] == "-"


def test_converge_unknown_node_exits_2_in_one_line(graphs_dir: Path):
    result = run(graphs_dir, "converge", "mtorr")
    assert result.exit_code == 2
    line = one_line_error(result)
    assert "mtorr" in line and "did you mean" in line and "'mtor'" in line


def test_converge_reports_opposite_sign_routes(tiny_graphs: Path):
    path = tiny_graphs / "mechanisms/x.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[edge]]\nsource = "drugol"\n'
                    'target = "messenger"\neffect = "decreases"\n[[edge.evidence]]\n'
                    'source = "tiny-doc"\nquote = "Drugol lowers messenger M directly."\n',
                    encoding="utf-8")
    result = run(tiny_graphs, "converge", "messenger")
    assert result.exit_code == 0
    assert "opposite sign" in result.output
    data = json.loads(run(tiny_graphs, "converge", "messenger", "--json").output)
    assert set(data["compounds"][0]["signs"]) == {"+", "-"}


def _add_a_route_the_other_way(tiny_graphs: Path) -> None:
    """Drugol also boosts growth, which switches receptor B on: a second route to the receptor,
    of the other sign, so `converge receptor` suggests a `path` command."""
    (tiny_graphs / "mechanisms/y.toml").write_text(
        '[mechanism]\nid = "y"\ntitle = "Booster"\ncompound = "drugol"\n\n'
        '[[edge]]\nsource = "drugol"\ntarget = "growth"\neffect = "activates"\n'
        '[[edge.evidence]]\nsource = "tiny-doc"\nquote = "Drugol boosts growth."\n\n'
        '[[edge]]\nsource = "growth"\ntarget = "receptor_b"\neffect = "activates"\n'
        '[[edge.evidence]]\nsource = "tiny-doc"\nquote = "Growth switches receptor B on."\n',
        encoding="utf-8")


def test_the_path_converge_suggests_shows_the_routes(tiny_graphs: Path):
    _add_a_route_the_other_way(tiny_graphs)
    out = run(tiny_graphs, "converge", "receptor").output
    suggested = re.search(r"see `(pathways [^`]*)`", out)
    assert suggested, out
    # Pasted as printed, in a shell whose ./graphs is another folder: the suggestion names the
    # data folder it answered from, so it does not answer from the default data instead.
    words = shlex.split(suggested.group(1))
    assert words[1:3] == ["--graphs", str(tiny_graphs.resolve())], words
    result = CliRunner().invoke(main, words[1:])
    assert result.exit_code == 0, result.output
    assert "No route" not in result.output


def test_a_suggested_command_names_the_folder_it_was_given_as_an_absolute_path(
        tiny_graphs: Path, monkeypatch):
    """`--graphs ../data` pasted in another folder would miss the data."""
    _add_a_route_the_other_way(tiny_graphs)
    monkeypatch.delenv("PATHWAYS_GRAPHS", raising=False)
    (tiny_graphs.parent / "elsewhere").mkdir()
    monkeypatch.chdir(tiny_graphs.parent / "elsewhere")
    out = run("../graphs", "converge", "receptor").output
    assert f"(see `pathways --graphs {tiny_graphs.resolve()} path drugol receptor`)" in out, out


def test_a_suggested_command_names_no_folder_the_command_finds_by_itself(tiny_graphs: Path,
                                                                        monkeypatch):
    _add_a_route_the_other_way(tiny_graphs)
    monkeypatch.delenv("PATHWAYS_GRAPHS", raising=False)
    monkeypatch.chdir(tiny_graphs.parent)  # ./graphs is the folder asked about
    for named in ("graphs", str(tiny_graphs.resolve())):  # however it is named
        out = run(named, "converge", "receptor").output
        assert "(see `pathways path drugol receptor`)" in out, out


def test_converge_counts_research_tools_apart_from_the_compounds(graphs_dir: Path):
    """`list` keeps Ro 25-6981 apart as a research tool; `converge "NMDA receptor"` said
    "reached by 4 compounds", counting it among the drugs. The tool is listed after them."""
    out = run(graphs_dir, "converge", "NMDA receptor").output.splitlines()
    assert out[0] == "NMDA receptor (nmda_receptor): reached by 3 compounds and 1 research tool"
    named = [ln.split(":")[0].strip() for ln in out if ln.startswith("  ") and ": " in ln
             and not ln.startswith("     ")]
    assert named[-1] == "-  Ro 25-6981 [research tool]", named
    assert run(graphs_dir, "converge", "mtor").output.splitlines()[0] == \
        "mTOR (mtor): reached by 4 compounds"
    asked = run(graphs_dir, "converge", "mtor", "--from", "bdnf").output.splitlines()
    assert asked[:2] == ["mTOR (mtor): reached by 1 source",
                         "Own routes (every link asserted for the source):"]


def test_converge_nothing_reaches_points_at_the_namesake_that_is_reached(graphs_dir: Path):
    """The documents' glutamate rise is the "Glutamate surge" node; `converge glutamate` (the
    transmitter at NR2B, which nothing reaches) said "reached by 0 compounds" and nothing else."""
    result = run(graphs_dir, "converge", "glutamate")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Glutamate (glutamate): reached by 0 compounds"
    assert lines[1:] == ["  see Glutamate surge (glutamate_surge), reached by 3 compounds"]
    assert run(graphs_dir, "converge", "LTP").output.count("  see ") == 0  # it is reached
    data = json.loads(run(graphs_dir, "converge", "glutamate", "--json").output)
    assert data["compounds"] == [] and data["see_also"] == [
        {"id": "glutamate_surge", "label": "Glutamate surge", "reached_by": 3}]


@pytest.mark.parametrize(("typed", "meant"), [("Ca2+", "calcium_influx"), ("calcium",
                                              "calcium_influx"), ("nmda", "nmda_receptor")])
def test_an_unknown_name_suggests_the_names_holding_it_first(graphs_dir: Path, typed: str,
                                                              meant: str):
    """`converge "Ca2+"` suggested only CaMKII (spelled alike), not Ca²⁺ influx, whose name
    holds what was typed."""
    result = run(graphs_dir, "converge", typed)
    assert result.exit_code == 2
    line = one_line_error(result)
    assert f"did you mean {meant!r}" in line, line


def test_mistyped_words_are_answered_with_the_word_meant(graphs_dir: Path, tmp_path: Path):
    """An effect, an export format: the error lists every choice, and now names the nearest
    ("antagonizes": antagonises, the documents' British spelling)."""
    root = tmp_path / "graphs"
    shutil.copytree(graphs_dir, root)
    path = root / "mechanisms" / "mgs0039.toml"
    text = path.read_text(encoding="utf-8")
    assert 'effect = "antagonises"' in text
    path.write_text(text.replace('effect = "antagonises"', 'effect = "antagonizes"', 1),
                    encoding="utf-8")
    out = run(root, "check").output
    assert "unknown effect 'antagonizes' (did you mean 'antagonises'? use one of:" in out
    result = run(graphs_dir, "export", "--format", "sfi")
    assert result.exit_code == 2
    assert "unknown export format 'sfi'; did you mean 'sif'?" in one_line_error(result)


def test_render_says_what_to_give_when_given_nothing_or_both(graphs_dir: Path, tmp_path: Path):
    none = run(graphs_dir, "render", "-o", str(tmp_path / "x.svg"))
    assert none.exit_code == 2 and one_line_error(none).endswith(
        "give what to draw: COMPOUND... (what they reach) or --around NODE (its neighbourhood)")
    both = run(graphs_dir, "render", "ketamine", "--around", "mtor", "-o",
               str(tmp_path / "x.svg"))
    assert both.exit_code == 2 and one_line_error(both).endswith(
        "give COMPOUND... or --around NODE, not both")


def test_a_route_counted_for_a_part_says_it_acts_on_the_whole(graphs_dir: Path):
    """Mij821 lowers NR2B-containing NMDA receptor activity; `converge NR2B` (the subunit, a part
    of that receptor) said "Mij821: lowers it", a claim about the subunit no document makes."""
    result = run(graphs_dir, "converge", "NR2B")
    assert result.exit_code == 0, result.output
    assert "  -  Mij821: lowers NR2B-containing NMDA receptor, which contains it (1 step; stated)" \
        in result.output.splitlines()
    assert "lowers it" not in result.output
    assert "the sign is the whole's" in result.output
    kind = run(graphs_dir, "converge", "NMDA receptor").output  # a kind of it: still "it"
    assert "  -  Mij821: lowers it (1 step; stated)" in kind.splitlines()


# --- shared ---------------------------------------------------------------------------------

def test_shared_text(graphs_dir: Path):
    result = run(graphs_dir, "shared", "ketamine", "MGS-0039")
    assert result.exit_code == 0, result.output
    marked = [line for line in result.output.splitlines() if line.startswith("  * ")]
    assert any("(glutamate_surge)" in line for line in marked)
    assert not any("(ampa_receptor)" in line for line in marked)
    assert any("(ampa_receptor)" in line for line in result.output.splitlines())


def test_shared_json(graphs_dir: Path):
    result = run(graphs_dir, "shared", "ketamine", "mgs0039", "--json")
    data = json.loads(result.output)
    assert {"compounds", "shared", "convergence"} <= set(data)
    assert data["compounds"] == ["ketamine", "mgs0039"]
    assert "glutamate_surge" in data["convergence"]
    assert "ampa_receptor" in data["shared"] and "ampa_receptor" not in data["convergence"]


def test_shared_max_steps_bounds_what_is_shared(graphs_dir: Path):
    """Ro 25-6981 shares 7 nodes with MGS0039 but none within 2 links of both: `--max-steps`
    bounds every route, and the count reads as English (1 node; nothing). Before, `--max-steps
    3` listed shared nodes with one compound's route at the meeting point only."""
    assert run(graphs_dir, "shared", "ro25_6981", "mgs0039").output.startswith(
        "Shared downstream of Ro 25-6981, MGS0039: 7 nodes\n")
    result = run(graphs_dir, "shared", "ro25_6981", "mgs0039", "--max-steps", "2")
    assert result.exit_code == 0, result.output
    assert result.output == "Shared downstream of Ro 25-6981, MGS0039 within 2 steps: nothing\n"
    one = run(graphs_dir, "shared", "mij821", "mgs0039", "--max-steps", "1")
    assert one.output.splitlines()[:2] == [
        "Shared downstream of Mij821, MGS0039 within 1 step: 1 node",
        "  * Rapid antidepressant effect (antidepressant_effect)"]
    data = json.loads(run(graphs_dir, "shared", "ketamine", "mgs0039", "--max-steps", "2",
                          "--json").output)
    assert "dopamine" in data["shared"] and "synaptogenesis" not in data["shared"]
    for node, reached in data["routes"].items():  # the convergence points' routes
        assert all(c["steps"] <= 2 for c in reached.values()), node


@pytest.mark.parametrize("args", [["ketamine"], ["ketamine", "Ketamine"]])
def test_shared_needs_two_compounds(graphs_dir: Path, args: list[str]):
    result = run(graphs_dir, "shared", *args)
    assert result.exit_code == 2
    one_line_error(result)


# --- path -----------------------------------------------------------------------------------

def test_path_text_shows_steps_signs_and_quotes(graphs_dir: Path):
    result = run(graphs_dir, "path", "mgs0039", "mtor")
    assert result.exit_code == 0, result.output
    out = result.output
    # Glutamate to AMPA is only implied in MGS0039's document, but that MGS0039 ultimately
    # activates AMPA receptors is said plainly: the surest own route is the stated one, and the
    # route through the surge is as certain as its implied link.
    assert out.startswith("Route 1 (own route): net +; 2 steps; stated\n"
                          "  MGS0039 --activates (+, stated)--> AMPA receptor")
    assert "net +; 4 steps; hypothesised" in out
    assert "mGluR2/3" in out and "antagonises" in out
    assert "A Comparative Analysis of the Mechanisms of MGS0039 and Ketamine" in out


def test_path_json(graphs_dir: Path):
    data = json.loads(run(graphs_dir, "path", "esketamine", "bdnf", "--json").output)
    assert data["from"] == "esketamine" and data["to"] == "bdnf"
    assert data["routes"]
    for route in data["routes"]:
        assert route["path"][0] == "esketamine" and route["path"][-1] == "bdnf"
        assert route["sign"] == "+"


def test_path_limit(graphs_dir: Path):
    data = json.loads(run(graphs_dir, "path", "ketamine", "antidepressant_effect", "--limit", "1",
                          "--json").output)
    assert len(data["routes"]) == 1


def test_path_without_route_says_so(graphs_dir: Path):
    result = run(graphs_dir, "path", "mtor", "ketamine")
    assert result.exit_code == 0
    assert "No route" in result.output


# --- describe and list ----------------------------------------------------------------------

def test_describe_text(graphs_dir: Path):
    result = run(graphs_dir, "describe", "Spravato")
    assert result.exit_code == 0
    assert "Esketamine" in result.output and "Sources:" in result.output


def test_describe_of_what_is_not_a_compound_is_a_usage_error(graphs_dir: Path):
    """Asking for the mechanism of a neurotransmitter is a mistake in the command (exit 2), not
    in the data (exit 1)."""
    result = run(graphs_dir, "describe", "dopamine")
    assert result.exit_code == 2
    assert "Dopamine has no mechanism of its own" in result.output
    assert "Traceback" not in result.output


def test_export_warns_where_the_suffix_names_another_format(graphs_dir: Path, tmp_path: Path):
    """`--format sif -o x.json` writes SIF as asked, and says the name promises JSON; a suffix
    no format claims (.txt) is written without a word."""
    named = tmp_path / "x.json"
    result = run(graphs_dir, "export", "--format", "sif", "ketamine", "-o", str(named))
    assert result.exit_code == 0
    assert f"warning: {named}: written as sif (--format), though its suffix names json" \
        in result.output
    assert "ketamine\tinhibits\tnmda_receptor" in named.read_text(encoding="utf-8")
    plain = run(graphs_dir, "export", "--format", "sif", "ketamine", "-o", str(tmp_path / "x.txt"))
    assert plain.exit_code == 0 and "warning" not in plain.output


def test_list_text(graphs_dir: Path):
    result = run(graphs_dir, "list")
    assert result.exit_code == 0
    out = result.output
    for section in ("Compounds", "Entities", "Mechanisms", "Workflows", "Figures", "Sources"):
        assert re.search(rf"^{section} \(\d+\):", out, re.M), section
    assert "Mechanisms (12):" in out and "Sources (5):" in out
    # As `figures --list` marks it: the caption no document gives, put together from its title.
    assert re.search(r"^  ketamine-signaling +Ketamine Signaling Pathway \(caption inferred\)$",
                     out, re.M)
    assert out.count("(caption inferred)") == run(graphs_dir, "figures", "--list").output.count(
        "(caption inferred)") == 1


def test_list_json(graphs_dir: Path):
    data = json.loads(run(graphs_dir, "list", "--json").output)
    assert set(COMPOUNDS) <= {c["id"] for c in data["compounds"]}
    assert len(data["mechanisms"]) == 12
    assert len(data["workflows"]) == 6
    assert len(data["figures"]) == 12
    assert all(s["address"].startswith("https://") for s in data["sources"])
    # Labels read as in every other answer (converge --json says "Ca²⁺ influx"); markup apart.
    calcium = next(e for e in data["entities"] if e["id"] == "calcium_influx")
    assert calcium["label"] == "Ca²⁺ influx" and calcium["markup"] == "Ca^{2+} influx"
    converged = json.loads(run(graphs_dir, "converge", "calcium_influx", "--json").output)
    assert converged["node"]["label"] == calcium["label"]


# --- --graphs -------------------------------------------------------------------------------

def test_graphs_option_points_at_other_data(tiny_graphs: Path):
    data = json.loads(run(tiny_graphs, "list", "--json").output)
    assert [c["id"] for c in data["compounds"]] == ["drugol"]
    assert run(tiny_graphs, "converge", "DRX-1").exit_code == 0


def test_graphs_from_the_environment(tiny_graphs: Path):
    result = CliRunner(env={"PATHWAYS_GRAPHS": str(tiny_graphs)}).invoke(main, ["list", "--json"])
    assert [c["id"] for c in json.loads(result.output)["compounds"]] == ["drugol"]


@pytest.mark.parametrize("command", [["check"], ["list"], ["converge", "mtor"]])
def test_missing_graphs_folder_is_a_clear_one_line_error(tmp_path: Path, command: list[str]):
    missing = tmp_path / "no-such-folder"
    line = one_line_error(run(missing, *command))
    assert str(missing) in line
    assert "not found" in line


# --- help -----------------------------------------------------------------------------------

def _options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option)]


def test_main_options_have_help():
    for option in _options(main):
        assert option.help, option.name


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_and_option_has_help(name: str):
    command = main.commands[name]
    assert command.help and command.help.strip(), name
    assert command.get_short_help_str().strip(), name
    for option in _options(command):
        assert option.help and option.help.strip(), f"{name} {option.name}"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_help_runs(name: str):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert result.output.startswith("Usage:")


def test_commands_the_issue_asks_for_exist():
    assert {"check", "converge", "shared", "path", "describe", "list"} <= set(main.commands)


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert "0.1.0" in result.output


HELP_WITHOUT_NETWORKX = """
import sys
from click.testing import CliRunner
from pathways.cli import main
for args in [["--help"], *[[name, "--help"] for name in main.commands]]:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, (args, result.output)
print(sorted(m for m in sys.modules if m.split(".")[0] in {"networkx", "pydot", "pptx"}))
"""


def test_help_does_not_import_networkx():
    out = subprocess.run([sys.executable, "-c", HELP_WITHOUT_NETWORKX], capture_output=True,
                         text=True, cwd=REPO, timeout=60, check=True).stdout
    assert out.strip() == "[]"


def test_cli_shim_help_does_not_import_networkx():
    done = subprocess.run([sys.executable, "-X", "importtime", "cli.py", "--help"],
                          capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0
    assert "Usage:" in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert "click" in imported  # the importtime report is really there
    assert not {m for m in imported if m.split(".")[0] == "networkx"}


@pytest.mark.parametrize("links", [20, 200])
def test_path_through_a_network_cites_the_network_file(graphs_dir: Path, tmp_path: Path,
                                                        links: int):
    """A network larger than the curated data is the graph the curated data is poured into; its
    own sources (the file itself, for a SIF) stay in the joined graph, so `path` can cite them
    (it failed with a KeyError traceback from about 60 links on)."""
    chain = ["AKT1", *(f"P{i:04d}" for i in range(links - 1)), "mTOR"]
    network = tmp_path / "chain.sif"
    network.write_text("".join(f"{a}\tactivates\t{b}\n" for a, b in itertools.pairwise(chain)),
                       encoding="utf-8")
    for env in ({"PATHWAYS_CACHE": "off"}, {"PATHWAYS_CACHE_DIR": str(tmp_path / "cache")}):
        result = run(graphs_dir, "--network", str(network), "path", "AKT1", "mtor", env=env)
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
        assert f"\u201cP{links - 2:04d} activates mTOR\u201d (chain.sif)" in result.output
        assert "(sif_signed" not in result.output
    # The curated sources are still there for the curated routes.
    result = run(graphs_dir, "--network", str(network), "path", "ketamine", "mtor")
    assert "(A Comparative Analysis of the Mechanisms of MGS0039 and Ketamine)" in result.output


@pytest.mark.parametrize(("args", "said"), [
    (["convrge", "mtor"], "No such command 'convrge'. Did you mean 'converge'?"),
    (["--network", "/nonexistent/net.sif", "check"], "'/nonexistent/net.sif' does not exist"),
    (["converge", "mtor", "--frm", "x"], "No such option '--frm'"),
    (["converge"], "Missing argument 'NODE'"),
    (["figures", "--preset", "poster"], "'poster' is not one of"),
])
def test_a_usage_mistake_is_one_line_with_where_the_help_is(graphs_dir: Path, args, said):
    result = run(graphs_dir, *args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and said in lines[0], lines
    assert "--help')" in lines[0] and "Usage:" not in result.output


def test_no_command_still_shows_the_help(graphs_dir: Path):
    result = CliRunner().invoke(main, [])
    assert "Usage: " in result.output and "Commands:" in result.output


@pytest.mark.parametrize(("content", "said"), [
    (b"", "names no source"),
    (b"# only a comment\n\n", "names no source"),
    (b"ketamine\n# c\n\nnosuch\n", ":4: unknown entity 'nosuch'"),
    (b"\xff\xfe", "cannot read the names in it"),
])
def test_a_from_file_that_names_nothing_usable_says_so_with_file_and_line(
        graphs_dir: Path, tmp_path: Path, content: bytes, said: str):
    names = tmp_path / "names.txt"
    names.write_bytes(content)
    result = run(graphs_dir, "converge", "mtor", "--from-file", str(names))
    assert result.exit_code != 0 and "Traceback" not in result.output
    (line,) = result.output.strip().splitlines()
    assert str(names) in line and said in line


def test_a_from_file_saved_with_a_byte_order_mark_reads_its_first_name(graphs_dir: Path,
                                                                      tmp_path: Path):
    """A list saved by Notepad (a BOM, CRLF lines) said "unknown entity '\ufeffketamine'"."""
    names = tmp_path / "names.txt"
    names.write_bytes(b"\xef\xbb\xbfketamine\r\nmgs0039\r\n")
    data = json.loads(run(graphs_dir, "converge", "mtor", "--from-file", str(names),
                          "--json").output)
    assert {c["id"] for c in data["compounds"]} == {"ketamine", "mgs0039"}


def test_a_from_file_adds_to_from(graphs_dir: Path, tmp_path: Path):
    names = tmp_path / "names.txt"
    names.write_text("# the NMDA route\nketamine\n", encoding="utf-8")
    data = json.loads(run(graphs_dir, "converge", "mtor", "--from", "mgs0039", "--from-file",
                          str(names), "--json").output)
    assert {c["id"] for c in data["compounds"]} == {"ketamine", "mgs0039"}


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not on PATH")
def test_render_of_a_compound_named_twice_draws_it_once(graphs_dir: Path, tmp_path: Path):
    """`render mij821 onfasprodil` (one compound by two names) is the compound's own view, not
    the error for `shared` of one compound."""
    result = run(graphs_dir, "render", "mij821", "onfasprodil", "MIJ821",
                 "-o", str(tmp_path / "m.svg"))
    assert result.exit_code == 0, result.output
    assert run(graphs_dir, "render", "mij821", "-o", str(tmp_path / "one.svg")).exit_code == 0
    svg, one = ((tmp_path / n).read_text(encoding="utf-8") for n in ("m.svg", "one.svg"))
    assert svg.count('class="node"') == one.count('class="node"') > 5


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not on PATH")
def test_render_around_advises_only_what_prints_larger(graphs_dir: Path, tmp_path: Path):
    """Past the neighbourhood's end, --depth 50 draws what --depth 5 draws; the advice was
    `--depth 49` (nothing changes), and a smaller depth that was advised could print smaller
    still, sending the user in circles. Every option advised now prints the text larger, by
    the size it states."""
    def smallest(output: str) -> float:
        return float(re.search(r"smallest text ([\d.]+) pt", output).group(1))  # type: ignore[union-attr]

    result = run(graphs_dir, "render", "--around", "mtor", "--depth", "50",
                 "-o", str(tmp_path / "all.svg"))
    assert result.exit_code == 0, result.output
    tips = re.findall(r"(--depth|--max-nodes) (\d+) \(([\d.]+) pt\)", result.output)
    assert tips or "prints it larger" in result.output
    assert "--depth 49" not in result.output
    for option, value, said in tips:
        again = run(graphs_dir, "render", "--around", "mtor", "--depth", "50", option, value,
                    "-o", str(tmp_path / f"less{value}.svg"))
        assert smallest(again.output) == float(said) > smallest(result.output), again.output


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not on PATH")
def test_render_of_a_huge_neighbourhood_is_refused_at_once_with_what_helps(
        graphs_dir: Path, tmp_path: Path):
    """A neighbourhood of hundreds of nodes ran the layout search for two minutes, then failed
    on the time limit; it is refused at once, naming --max-nodes, which draws it."""
    network = tmp_path / "hub.sif"
    network.write_text("".join(f"P{i:03d}\tactivates\tmTOR\n" for i in range(400)),
                       encoding="utf-8")
    base = ("--network", str(network), "render", "--around", "mtor")
    refused = run(graphs_dir, *base, "-o", str(tmp_path / "all.svg"))
    assert refused.exit_code != 0 and not (tmp_path / "all.svg").exists()
    (line,) = refused.output.strip().splitlines()
    assert "nodes, more than a figure can show legibly" in line and "--max-nodes" in line
    drawn = run(graphs_dir, *base, "--max-nodes", "30", "-o", str(tmp_path / "part.svg"))
    assert drawn.exit_code == 0, drawn.output
    drawn_nodes = re.findall(r'<g id="[^"]*-node-[^"]*" class="node">',
                             (tmp_path / "part.svg").read_text(encoding="utf-8"))
    assert 2 <= len(drawn_nodes) <= 30  # (a label drawn as a plate is a "node" too: not counted)


@pytest.mark.parametrize(("title", "said"), [
    ("x" * 300, "--title is 300 characters long"),
    ("Deck\x07", "--title contains the character U+0007"),
    ("Deck \u202eevil", "--title contains the character U+202E"),
    ("   ", "--title is empty"),
])
def test_a_deck_title_a_slide_cannot_hold_is_one_line(graphs_dir: Path, tmp_path: Path,
                                                      title: str, said: str):
    deck = tmp_path / "d.pptx"
    result = run(graphs_dir, "slides", "--only", "mij821-signaling", "-o", str(deck),
                 "--title", title)
    assert result.exit_code == 2 and not deck.exists()
    (line,) = result.output.strip().splitlines()
    assert said in line


def test_max_nodes_without_around_is_refused_at_once(graphs_dir: Path, tmp_path: Path):
    """It cut nothing: a compound's view on a big network ran the layout for two minutes."""
    result = run(graphs_dir, "render", "mgs0039", "--max-nodes", "40", "-o", str(tmp_path / "x.svg"))
    assert result.exit_code == 2 and "--max-nodes cuts an --around NODE" in result.output


def test_an_unknown_name_with_a_network_does_not_send_the_user_to_list_alone(graphs_dir: Path,
                                                                             tmp_path: Path):
    """`list` shows the curated data only; with a network joined, the hint says so."""
    network = tmp_path / "n.sif"
    network.write_text("AKT1\tactivates\tMTOR\n", encoding="utf-8")
    result = run(graphs_dir, "--network", str(network), "converge", "mtor", "--from", "QQQQQQ")
    assert result.exit_code != 0
    assert "curated entities, a network's nodes go by their names in its file" in result.output


def test_render_refuses_a_format_its_file_name_contradicts(graphs_dir: Path, tmp_path: Path):
    """`-o x.svg --format png` wrote PNG bytes into a file every viewer opens as SVG."""
    result = run(graphs_dir, "render", "ketamine", "-o", str(tmp_path / "x.svg"),
                 "--format", "png")
    assert result.exit_code == 2 and not (tmp_path / "x.svg").exists()
    assert "a .svg file cannot hold --format png" in result.output


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not on PATH")
def test_render_says_when_a_highlight_is_not_in_the_view(graphs_dir: Path, tmp_path: Path):
    result = run(graphs_dir, "render", "mgs0039", "--highlight", "Ro 25-6981",
                 "-o", str(tmp_path / "x.svg"))
    assert result.exit_code == 0
    assert "--highlight Ro 25-6981: 'ro25_6981' is not in this view" in result.output


def test_a_suggested_command_can_be_pasted_into_a_shell(tmp_path: Path, graphs_dir: Path):
    """`converge` points at `pathways path A B` for the routes it does not show; with a BEL
    node such as p(HGNC:AKT1) pasted into bash that was a syntax error."""
    import shlex
    import subprocess

    network = tmp_path / "bel.sif"
    network.write_text("p(HGNC:AKT1)\t1\tX1\nX1\t1\tp(HGNC:CDKN1A)\np(HGNC:AKT1)\t-1\t"
                       "p(HGNC:CDKN1A)\n", encoding="utf-8")
    result = run(graphs_dir, "--network", str(network), "converge", "p(HGNC:CDKN1A)",
                 "--from", "p(HGNC:AKT1)")
    hint = re.search(r"see `(pathways [^`]*)`", result.output)
    assert hint is not None, result.output
    words = shlex.split(hint.group(1))
    assert words == ["pathways", "--network", str(network), "path", "p(HGNC:AKT1)",
                     "p(HGNC:CDKN1A)"]
    bash = subprocess.run(["bash", "-n", "-c", hint.group(1)], capture_output=True, text=True)
    assert bash.returncode == 0, bash.stderr
    pasted = run(graphs_dir, *words[1:])  # the same graph: the network is named again
    assert pasted.exit_code == 0 and "Route 2" in pasted.output, pasted.output


def test_a_route_through_a_long_chain_is_shown_by_its_ends(tmp_path: Path, graphs_dir: Path):
    """On a network with a chain of thousands, `shared` printed every convergence point's whole
    route (249 MB for one answer); a text line now shows a long route's ends and how many
    nodes lie between, --json keeps it whole."""
    network = tmp_path / "chain.sif"
    network.write_text("".join(f"C{i}\t1\tC{i + 1}\n" for i in range(500))
                       + "A\t1\tC0\nB\t-1\tC0\n", encoding="utf-8")
    text = run(graphs_dir, "--network", str(network), "converge", "C500", "--from", "A")
    via = next(line for line in text.output.splitlines() if "via " in line)
    assert via.strip() == ("via A -> C0 -> C1 -> C2 -> C3 -> C4 -> ... 490 more ... -> C495 -> "
                           "C496 -> C497 -> C498 -> C499 -> C500")
    data = json.loads(run(graphs_dir, "--network", str(network), "converge", "C500", "--from",
                          "A", "--json").output)
    assert len(data["compounds"][0]["path"]) == 502
    shared = run(graphs_dir, "--network", str(network), "shared", "A", "B")
    assert max(map(len, shared.output.splitlines())) < 200


# --- outputs never overwrite the inputs ---------------------------------------------------------


@pytest.mark.parametrize(("args", "says"), [
    # An export over the mechanism it was made from: the data gone, "Wrote" said.
    (["export", "-o", "{data}/mechanisms/ketamine.toml", "--format", "csv"], "data files"),
    (["render", "ketamine", "-o", "{data}/entities.toml", "--format", "svg"], "data files"),
    (["slides", "-o", "{data}/figures.toml"], "data files"),
    (["export", "-o", "{data}/README.md", "--format", "md"], "data files"),
    (["export", "-o", "{data}/mechanisms/new.toml", "--format", "csv"], "data files"),
    # every file in networks/ is loaded as a network: a figure folder there broke every command
    (["export", "-o", "{data}/networks/k.sif"], "data files"),
    (["figures", "--out", "{data}/networks"], "data files"),
    (["figures", "--out", "{data}"], "is the data folder"),
    (["figures", "--out", "{data}/mechanisms"], "data files"),
    (["figures", "--out", "{data}/mechanisms/x.toml"], "data files"),
    (["--network", "{tmp}/in.sif", "export", "-o", "{tmp}/in.sif"], "--network file"),
    # a mechanism that is a link to a file kept elsewhere: its link is data too
    (["export", "-o", "{data}/mechanisms/linked.toml", "--format", "csv"], "data files"),
])
def test_an_output_over_the_data_read_is_refused_and_nothing_is_written(
        graphs_dir: Path, tmp_path: Path, args: list[str], says: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(graphs_dir, data)
    (tmp_path / "in.sif").write_text("ketamine\t-1\tnmda_receptor\n", encoding="utf-8")
    kept = tmp_path / "elsewhere" / "linked.toml"
    kept.parent.mkdir()
    shutil.move(data / "mechanisms" / "ketamine.toml", kept)
    (data / "mechanisms" / "linked.toml").symlink_to(kept)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    words = [a.format(data=data, tmp=tmp_path) for a in args]
    if words[0] == "--network":
        result = CliRunner().invoke(main, ["--graphs", str(data), *words])
    else:
        result = run(data, *words)
    assert says in one_line_error(result)
    assert result.exit_code == 2
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_picture_beside_data_never_read_is_written_and_written_again(
        graphs_dir: Path, tmp_path: Path) -> None:
    # With the data at the root of a project (`--graphs .`), a view drawn there is not data,
    # and drawing it again replaces it.
    data = tmp_path / "data"
    shutil.copytree(graphs_dir, data)
    for _ in range(2):
        result = run(data, "export", "-o", str(data / "view.sif"))
        assert result.exit_code == 0, result.output
    assert (data / "view.sif").is_file()
    assert run(data, "figures", "--list", "--out", str(data / "mechanisms")).exit_code == 0


def test_figures_with_no_format_is_refused_and_a_format_twice_is_drawn_once(
        graphs_dir: Path, tmp_path: Path) -> None:
    # `--format ""` built "12 figures ()": a manifest and a gallery of nothing.
    assert "names no format" in one_line_error(run(graphs_dir, "figures", "--format", " , ",
                                                   "--out", str(tmp_path / "none")))
    assert not (tmp_path / "none").exists()
    result = run(graphs_dir, "figures", "--format", "svg,SVG", "--only", "ketamine-signaling",
                 "--out", str(tmp_path / "twice"))
    assert result.exit_code == 0, result.output
    assert "(svg)" in result.output


def test_a_missing_required_file_is_named_once(graphs_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(graphs_dir, root)
    (root / "sources.toml").unlink()
    lines = run(root, "check").output.splitlines()
    assert f"{root / 'sources.toml'}: required file is missing" in lines


def test_converge_marks_a_route_through_a_link_a_source_also_contradicts(
        graphs_dir: Path, tmp_path: Path) -> None:
    # A network asserting ketamine -> BDNF with both signs: converge showed a plain "+".
    both = tmp_path / "both.sif"
    both.write_text("ketamine\t1\tbdnf\nketamine\t-1\tbdnf\n", encoding="utf-8")
    args = ["--graphs", str(graphs_dir), "--network", str(both), "converge", "bdnf"]
    text = CliRunner().invoke(main, args).output
    ketamine = text[text.index("Ketamine: raises it"):].splitlines()
    assert ketamine[2].strip().startswith("contested: a source also says the opposite of "
                                          "Ketamine -> BDNF")
    found = json.loads(CliRunner().invoke(main, [*args, "--json"]).output)
    by_id = {c["id"]: c for c in found["compounds"]}
    assert by_id["ketamine"]["contested_links"] == [["ketamine", "bdnf"]]
    assert by_id["mij821"]["contested_links"] == []


def test_ctrl_c_while_the_command_line_is_imported_prints_no_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C in the first tenth of a second, while `pathways.cli` was being imported, printed
    a traceback through the imports; it ends the program as Ctrl-C does later."""
    import types

    from pathways import entry

    class Interrupted(types.ModuleType):
        def __getattr__(self, name: str) -> None:
            raise KeyboardInterrupt

    monkeypatch.setitem(sys.modules, "pathways.cli", Interrupted("pathways.cli"))
    with pytest.raises(SystemExit) as stopped:
        entry.run()
    assert stopped.value.code == 1
    assert capsys.readouterr().err == "\nAborted!\n"


@pytest.mark.parametrize("args", [["--network", "{dev}", "list"],
                                  ["import", "{dev}", "--format", "sif", "--dry-run"],
                                  ["converge", "mtor", "--from-file", "{dev}"]])
@pytest.mark.parametrize("device", ["/dev/zero", "fifo"])
def test_a_pipe_or_device_given_to_read_is_refused(args: list[str], device: str,
                                                   tmp_path: Path) -> None:
    """`--network /dev/zero` read until the machine ran out of memory, and a named pipe never
    ended: each is refused at once in one line, as a data folder's pipe is skipped."""
    import os

    if device == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes here")
        device = str(tmp_path / "pipe")
        os.mkfifo(device)
    elif not Path(device).exists():
        pytest.skip(f"no {device} here")
    result = CliRunner().invoke(main, [a.replace("{dev}", device) for a in args])
    assert result.exit_code == 2
    assert f"{device}: not a regular file (a pipe or device would never end)" in result.output
    assert "Traceback" not in result.output


def test_shared_text_stars_exactly_the_convergence_points_it_lists() -> None:
    """`shared` marks with * the shared nodes that are convergence points (looked up in a set
    built once: the tuple it had searched for each node took 46 s at 10^5 edges, which
    `benchmarks/bench_scale.py` now times), and lists the same points under its heading."""
    result = CliRunner().invoke(main, ["shared", "ketamine", "mgs0039"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    at = lines.index("Convergence points (* above), where the routes first meet:")
    starred = {re.sub(r" \([^)]*\).*$", "", line[4:]) for line in lines[:at]
               if line.startswith("  * ")}
    listed = {line.strip() for line in lines[at + 1:]
              if line.startswith("  ") and not line.startswith("   ")}
    assert starred and starred == listed


def test_an_unknown_name_pages_long_is_not_echoed_back_whole() -> None:
    """A 100,000-character name was printed back in full in the one error line (and compared
    with every name for suggestions); the line shows its start."""
    from pathways.queries import SHOWN_NAME

    result = CliRunner().invoke(main, ["converge", "x" * 100_000])
    assert result.exit_code == 2
    (line,) = [ln for ln in result.output.splitlines() if ln.startswith("Error:")]
    assert len(line) < SHOWN_NAME + 100 and "x" * (SHOWN_NAME - 1) + "\u2026'" in line


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("args", [("converge", "mtor", "--json"), ("check",),
                                  ("export", "--format", "json"), ("describe", "ketamine")])
def test_standard_output_on_a_full_disk_is_one_line(args: tuple[str, ...]) -> None:
    """`pathways converge mtor --json > out.json` on a full disk ended in a 30-line traceback;
    it now says what failed in one line, exit 1, as a file written to a full disk does."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, str(REPO / "cli.py"), "--graphs",
                               str(REPO / "graphs"), *args], stdout=full,
                              stderr=subprocess.PIPE, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Error: cannot write standard output: the disk is full"], done.stderr


@pytest.mark.parametrize("shipped", [False, True])
def test_a_network_named_as_a_mechanism_is_refused(graphs_dir: Path, tmp_path: Path,
                                                   shipped: bool):
    """`ketamine.sif` went by network 'ketamine': `converge` told its links as Ketamine's own
    routes, and `path mgs0039 ULK1` as "inferred from ketamine", the curated mechanism's
    words. A network's id is its file name: one a mechanism has is refused, naming the file."""
    graphs = tmp_path / "graphs"
    shutil.copytree(graphs_dir, graphs)
    folder = graphs / "networks" if shipped else tmp_path
    folder.mkdir(exist_ok=True)
    (folder / "ketamine.sif").write_text("MTOR\tactivates\tULK1\n", encoding="utf-8")
    args = () if shipped else ("--network", str(folder / "ketamine.sif"))
    result = run(graphs, *args, "converge", "ULK1")
    assert result.exit_code == 2
    assert "ketamine.sif would be network 'ketamine', the id of a mechanism" in result.output
    assert "Own routes" not in result.output
    (folder / "ketamine.sif").rename(folder / "kinases.sif")
    args = () if shipped else ("--network", str(folder / "kinases.sif"))
    result = run(graphs, *args, "converge", "ULK1")
    assert result.exit_code == 0, result.output
