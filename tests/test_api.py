"""The library API: load, ask by any name, results and figures as notebooks display them."""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import pathways
from pathways import PathwaysError, UsageError

REPO = Path(__file__).parent.parent
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not on PATH")


@pytest.fixture(scope="module")
def pw() -> pathways.Pathways:
    return pathways.load()


def test_load_defaults_to_the_shipped_data(pw):
    assert Path(pw.dataset.root).resolve() == (REPO / "graphs").resolve()
    assert pathways.shipped_graphs().resolve() == (REPO / "graphs").resolve()
    assert repr(pw).startswith("<pathways.Pathways ")
    assert f"{len(pw.dataset.entities)} entities" in repr(pw)
    assert pathways.load(REPO / "graphs").dataset.entities.keys() == pw.dataset.entities.keys()


def test_queries_resolve_names_as_the_cli_does(pw):
    by_label = pw.converge("mTOR")
    assert by_label.node == "mtor"
    assert pw.converge("mammalian target of rapamycin").node == "mtor"
    assert {c.compound for c in by_label.items} >= {"ketamine", "mgs0039", "esketamine"}
    assert pw.path("onfasprodil", "NR2B").items  # synonyms on both ends
    assert pw.describe("onfasprodil").compound == "mij821"
    with pytest.raises(UsageError, match="did you mean 'mtor'"):
        pw.converge("mtr")


def test_converge_table_repr_html_and_json(pw):
    result = pw.converge("glutamate surge")
    text = repr(result)
    assert text.splitlines()[0].startswith("Glutamate surge (glutamate_surge): reached by")
    assert "MGS0039 -> mGluR2/3 -> Glutamate surge" in text
    html = result._repr_html_()
    assert html.startswith("<table>") and "<th>compound</th>" in html
    assert html.count("<tr>") == len(result) + 1
    data = result.as_json()
    assert data["node"] == {"id": "glutamate_surge", "label": "Glutamate surge"}
    assert [c["id"] for c in data["compounds"]] == [c.compound for c in result.items]


def test_tables_escape_html_and_show_readable_labels(pw):
    result = pw.path("mij821", "downstream_signalling")
    assert result.items
    assert "Ca^{" not in repr(pw.converge("camkii")) + repr(result)
    table = pathways.Table("a <b> & c", ("x",), (("<script>",),))
    assert "<script>" not in table._repr_html_()
    assert "&lt;script&gt;" in table._repr_html_()


def test_shared_and_path_results(pw):
    shared = pw.shared("ketamine", "MGS0039")
    rows = {r[1]: r for r in shared.rows}
    assert rows["glutamate_surge"][2] == "yes" and rows["mtor"][2] == ""
    assert shared.as_json()["convergence"] == list(shared.result.convergence)
    routes = pw.path("mgs0039", "glutamate surge")
    assert routes.rows[0][5] == "MGS0039 -> mGluR2/3 -> Glutamate surge"
    assert routes.as_json()[0]["path"] == ["mgs0039", "mglur2_3", "glutamate_surge"]


def test_to_frame_gives_a_dataframe(pw):
    pandas = pytest.importorskip("pandas", reason="pandas is not installed")
    frame = pw.converge("mTOR").to_frame()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns)[:2] == ["compound", "role"]
    assert "MGS0039" in set(frame["compound"])


def test_describe_displays_as_text_and_html(pw):
    text = pw.describe("ketamine")
    assert str(text) == repr(text) and str(text).startswith("Mechanism of Ketamine.")
    assert text._repr_html_().startswith("<p>Mechanism of Ketamine.")


@needs_dot
def test_figure_displays_inline_and_saves_any_format(pw, tmp_path):
    figure = pw.figure("mgs0039-ketamine-signaling")
    assert "mgs0039-ketamine-signaling" in repr(figure)
    svg = figure._repr_svg_()
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag.endswith("svg")
    assert figure._repr_mimebundle_() == {"image/svg+xml": svg}
    bundle = figure._repr_mimebundle_(include=["image/png", "image/svg+xml"])
    assert bundle["image/png"].startswith(b"\x89PNG") and bundle["image/svg+xml"] == svg
    assert figure.alt_text
    pdf = figure.save(tmp_path / "f.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert figure.save(tmp_path / "f.any", format="svg").read_text(encoding="utf-8") == svg
    assert (pdf.stat().st_mode & 0o777) == 0o666 & ~_umask()
    with pytest.raises(UsageError, match="unknown figure format"):
        figure.pipe("gif")


@needs_dot
def test_render_draws_an_ad_hoc_view(pw):
    figure = pw.render("ketamine", "mgs0039", highlight=["AMPA receptor"])
    assert "Ketamine" in figure.svg and "MGS0039" in figure.svg
    around = pw.render(around="mTOR", depth=1)
    assert {n.id for n in around.view.nodes} >= {"mtor", "bdnf"}
    with pytest.raises(UsageError):
        pw.render()


@needs_dot
def test_export_by_any_name(pw):
    lines = pw.export("sif", "onfasprodil").splitlines()
    assert "mij821\tinhibits\tnr2b_nmda_receptor" in lines
    assert not any(line.startswith("ketamine\t") for line in lines)
    with pytest.raises(PathwaysError):
        pw.export("sif", "mtor")  # an entity with no mechanism file of its own


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_python_dash_m_runs_the_cli(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pathways", "converge", "mTOR", "--json"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120, check=True)
    assert '"id": "mtor"' in done.stdout


def test_cli_finds_the_shipped_data_anywhere(tmp_path):
    """No ./graphs and no --graphs: the data shipped with pathways is used."""
    env = {k: v for k, v in os.environ.items() if k != "PATHWAYS_GRAPHS"}
    done = subprocess.run([sys.executable, "-m", "pathways", "check"], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "0 problems in" in done.stdout


def test_every_data_file_is_shipped_as_package_data():
    """pyproject.toml maps graphs/ into the wheel as `pathways.graphs`; every file the loader
    reads must match one of its package-data patterns."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    assert setuptools["package-dir"]["pathways.graphs"] == "graphs"
    assert "pathways.graphs" in setuptools["packages"]
    patterns = setuptools["package-data"]["pathways.graphs"]
    files = [p.relative_to(REPO / "graphs").as_posix() for p in (REPO / "graphs").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts]
    assert files
    unshipped = [f for f in files
                 if not any(fnmatch.fnmatch(f, pat) or fnmatch.fnmatch(f, pat.replace("**/", ""))
                            for pat in patterns)]
    assert unshipped == []
    found = {p.name for p in (REPO / "src/pathways").iterdir() if p.suffix == ".py"}
    packages = {".".join(p.parent.relative_to(REPO / "src").parts)
                for p in (REPO / "src/pathways").rglob("__init__.py")}
    assert "pathways.schema.validators" in packages
    assert packages <= set(setuptools["packages"])
    assert "api.py" in found and "__main__.py" in found


def test_the_api_answers_as_the_command_does_after_its_fixes(pw):
    """The library told a figure's links as the whole graph has them ("BDNF promotes
    synaptogenesis" under a figure that draws it hedged), titled `shared` "1 nodes" with no bound,
    and could not ask for a named source as --from does."""
    alt = pw.figure("mij821-signaling").alt_text
    assert "BDNF is believed to promote synaptogenesis" in alt and "BDNF promotes" not in alt
    assert pw.shared("mij821", "mgs0039", max_steps=1).title == (
        "Shared downstream of Mij821, MGS0039 within 1 step: 1 node")
    assert pw.shared("ro25_6981", "mgs0039", max_steps=2).title.endswith(": nothing")
    asked = pw.converge("mtor", sources=["Ca2+ influx"])
    assert asked.title.startswith("mTOR (mtor): reached by 1 source")


@needs_dot
def test_one_name_is_one_node_not_its_letters(pw):
    """`highlight="ampa_receptor"` (as --highlight takes one node) was read a letter at a time:
    "unknown entity 'a'". One name, or a list of names, is taken as meant."""
    one = pw.render("ketamine", highlight="ampa_receptor")
    assert [n.id for n in one.view.nodes if n.highlight] == ["ampa_receptor"]
    listed = pw.render("ketamine", highlight=["AMPA receptor"])
    assert [n.id for n in listed.view.nodes if n.highlight] == ["ampa_receptor"]
    assert pw.converge("mtor", sources="Ca2+ influx").title == \
        pw.converge("mtor", sources=["Ca2+ influx"]).title


def test_without_pandas_to_frame_names_the_extra_to_install(pw, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if not installed
    with pytest.raises(UsageError, match=r"pip install 'pathways\[notebook\]'"):
        pw.converge("mTOR").to_frame()
