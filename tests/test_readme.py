"""The README's tour shows what the commands print today, not what they printed once."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathways.cli import main

REPO = Path(__file__).resolve().parent.parent
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not on PATH")


def test_readme_tour_is_current_output():
    spec = importlib.util.spec_from_file_location("readme_tour", REPO / "scripts/readme_tour.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert module.tour(readme) == readme, "run: python scripts/readme_tour.py"


# --- the examples outside the tour ----------------------------------------------------------
# The README shows these commands with what they print, by hand, outside the tour; they went
# stale once (text sizes, counts). Commands that need a file the project does not ship (a
# network download) are not run.
RUN = ("render", "slides", "export")


def _examples(readme: str) -> list[tuple[str, str]]:
    """Each (command, what the README shows it printing) of the console blocks after the tour."""
    after = readme.split("<!-- tour:end -->", 1)[1]
    out = []
    for block in re.findall(r"```console\n(.*?)```", after, flags=re.S):
        for part in re.split(r"^(?=\$ )", block, flags=re.M):
            if part.startswith("$ pathways "):
                command, _, shown = part.partition("\n")
                out.append((command[2:], shown.rstrip("\n")))
    return out


README = (REPO / "README.md").read_text(encoding="utf-8")
EXAMPLES = [(c, s) for c, s in _examples(README) if shlex.split(c)[1] in RUN]


def test_the_examples_outside_the_tour_are_found() -> None:
    assert len(EXAMPLES) >= 7
    assert {shlex.split(c)[1] for c, _ in EXAMPLES} == set(RUN)


@needs_dot
@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_a_readme_example_prints_what_the_readme_shows(
        command: str, shown: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    result = CliRunner().invoke(main, ["--graphs", str(REPO / "graphs"),
                                       *shlex.split(command)[1:]])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip("\n") == shown


@needs_dot
def test_the_readme_s_cytoscape_excerpt_is_what_the_export_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every key and value the README shows of the `export mij821` elements is in the file."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--graphs", str(REPO / "graphs"), "export", "mij821",
                                       "-o", "m.cyjs"])
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "m.cyjs").read_text(encoding="utf-8"))["elements"]
    by_id = {e["data"]["id"]: e for kind in ("nodes", "edges") for e in written[kind]}
    block = README.split("$ pathways export mij821 -o out/m.cyjs", 1)[1]
    excerpt = re.search(r"```json\n(.*?)```", block, flags=re.S).group(1)  # type: ignore[union-attr]
    text, shown, at = excerpt.replace(", ...}", "}"), [], 0
    decoder = json.JSONDecoder()
    while (at := len(text) - len(text[at:].lstrip())) < len(text):
        element, at = decoder.raw_decode(text, at)
        shown.append(element)
    assert len(shown) >= 2
    for element in shown:
        real = by_id[element["data"]["id"]]
        assert {k: real["data"][k] for k in element["data"]} == element["data"]
        assert all(real[k] == v for k, v in element.items() if k != "data")


def test_the_readme_s_node_link_excerpt_is_an_edge_the_export_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The `json` format's example edge is one the export of the README's example writes, whole."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--graphs", str(REPO / "graphs"), "export", "--format",
                                       "json", "ketamine", "mgs0039", "-o", "k.json"])
    assert result.exit_code == 0, result.output
    edges = json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))["edges"]
    block = README.split("### `json`: the full graph, node-link", 1)[1]
    shown = json.loads(re.search(r"```json\n(.*?)```", block, flags=re.S).group(1))  # type: ignore[union-attr]
    assert shown in edges


# Each export format's README excerpt, and the export it is taken from.
EXCERPTS = {"sif": ("ketamine", "mgs0039"), "tsv": ("ketamine", "mgs0039"),
            "csv": ("ketamine", "mgs0039"), "graphml": ("ketamine", "mgs0039"),
            "sbgn": ("ketamine", "mgs0039"), "dot": ("mij821",), "mermaid": ("mij821",)}


@needs_dot
@pytest.mark.parametrize("fmt", sorted(EXCERPTS))
def test_a_format_s_readme_excerpt_is_taken_from_its_export(
        fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every line the README shows of a format (but the `...` that stand for lines left out) is a
    line of the export; the Mermaid chart, said to be the whole export, is all of it."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--graphs", str(REPO / "graphs"), "export", "--format",
                                       fmt, *EXCERPTS[fmt], "-o", f"x.{fmt}"])
    assert result.exit_code == 0, result.output
    written = (tmp_path / f"x.{fmt}").read_text(encoding="utf-8")
    section = README.split(f"### `{fmt}`:", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```(?:text|xml|dot|mermaid)\n(.*?)```", section, flags=re.S)
    assert blocks
    if fmt == "mermaid":
        assert blocks == [written]
        return
    lines = {line.strip() for line in written.splitlines()}
    shown = [line.strip() for block in blocks for line in block.splitlines()
             if line.strip() and "..." not in line]
    assert shown and [line for line in shown if line not in lines] == []


@needs_dot
def test_the_readme_s_notebook_session_is_real_output(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The README calls its Python session real output: run it (`...` stands for the folder)."""
    import doctest

    pytest.importorskip("pandas")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    block = README.split("session (real output):", 1)[1]
    session = re.search(r"```python\n(.*?)```", block, flags=re.S).group(1)  # type: ignore[union-attr]
    test = doctest.DocTestParser().get_doctest(session, {}, "README session", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 8
    assert (tmp_path / "out" / "mgs0039-ketamine.pdf").read_bytes().startswith(b"%PDF")


def test_the_readme_s_network_example_is_real_output(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The OmniPath example, run as the README says, on the file saved under its name there."""
    real = REPO.parent / "shared" / "realdata" / \
        "sif_signed_omnipath_carnival_pkn__saezlab-transcriptutorial.tsv"
    if not real.exists():
        pytest.skip(f"{real} not present")
    shutil.copy(real, tmp_path / "omnipath_carnival.tsv")
    monkeypatch.chdir(tmp_path)
    block = README.split("saved as `omnipath_carnival.tsv`:", 1)[1]
    console = re.search(r"```console\n(.*?)```", block, flags=re.S).group(1)  # type: ignore[union-attr]
    for part in re.split(r"^(?=\$ )", console, flags=re.M):
        if not part.startswith("$ pathways "):
            continue
        command, _, shown = part.partition("\n")
        result = CliRunner().invoke(main, ["--graphs", str(REPO / "graphs"),
                                           *shlex.split(command)[2:]])
        printed = result.output.replace(f"{REPO / 'graphs'}/", "graphs/")
        printed = printed.replace(f"in {REPO / 'graphs'}:", "in graphs:")
        assert printed.rstrip("\n") == shown.rstrip("\n"), command
