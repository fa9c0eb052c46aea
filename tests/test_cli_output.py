"""Pipes and files: `-o -` writes to standard output, files get the usual mode, and shell
completion offers the data's own names."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete
from click.testing import CliRunner

from pathways.cli import main

REPO = Path(__file__).parent.parent
GRAPHS = REPO / "graphs"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not on PATH")


def run(*args: str):
    return CliRunner().invoke(main, ["--graphs", str(GRAPHS), *args])


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield 0o640
    os.umask(old)


@pytest.mark.parametrize("fmt", ["sif", "tsv", "mermaid", "json"])
def test_export_dash_writes_to_stdout_and_no_file(fmt, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    piped = run("export", "--format", fmt, "ketamine", "-o", "-")
    assert piped.exit_code == 0, piped.output
    assert not (tmp_path / "-").exists()
    to_file = run("export", "--format", fmt, "ketamine", "-o", str(tmp_path / f"k.{fmt}"))
    assert to_file.exit_code == 0
    assert piped.stdout == (tmp_path / f"k.{fmt}").read_text(encoding="utf-8")


def test_export_dash_needs_a_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", "-o", "-")
    assert result.exit_code == 2 and "give --format" in result.output
    assert not (tmp_path / "-").exists()


def test_export_files_get_the_umask_mode(tmp_path, umask_027):
    result = run("export", "--format", "tsv", "-o", str(tmp_path / "k.tsv"))
    assert result.exit_code == 0
    assert (tmp_path / "k.tsv").stat().st_mode & 0o777 == umask_027
    assert [p.name for p in tmp_path.iterdir()] == ["k.tsv"]  # no temporary file left


@needs_dot
def test_cyjs_export_writes_its_styles_alongside(tmp_path):
    result = run("export", "ketamine", "-o", str(tmp_path / "k.cyjs"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.cyjs", "k.style.json",
                                                          "k.styles.xml"]
    assert "k.style.json" in result.stderr
    style = json.loads((tmp_path / "k.style.json").read_text(encoding="utf-8"))
    assert {"selector": "edge[certainty = \"hedged\"]", "style": {"line-style": "dotted"}} \
        in style
    mask = os.umask(0)
    os.umask(mask)
    for p in tmp_path.iterdir():  # the usual mode, not mkstemp's 0600
        assert p.stat().st_mode & 0o777 == 0o666 & ~mask
    piped = run("export", "ketamine", "--format", "cyjs", "-o", "-")
    assert json.loads(piped.stdout)["elements"]["nodes"]


@needs_dot
def test_render_dash_writes_svg_to_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("render", "mgs0039", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith("<?xml") and "</svg>" in result.stdout
    assert list(tmp_path.iterdir()) == []
    png = run("render", "mgs0039", "--format", "png", "-o", "-")
    assert png.exit_code == 0 and png.stdout_bytes.startswith(b"\x89PNG")


@needs_dot
def test_slides_dash_writes_the_deck_to_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("slides", "--only", "mij821-signaling", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"PK")  # a zip: the .pptx itself
    assert list(tmp_path.iterdir()) == []


def _complete(args: list[str], incomplete: str) -> list[str]:
    comp = ShellComplete(main, {}, "pathways", "_PATHWAYS_COMPLETE")
    return [c.value for c in comp.get_completions(["--graphs", str(GRAPHS), *args], incomplete)]


def test_completion_offers_entities_compounds_figures_and_formats():
    assert "mtor" in _complete(["converge"], "mt")
    assert _complete(["converge"], "MT") == _complete(["converge"], "mt")
    compounds = _complete(["shared", "ketamine"], "")
    assert "mgs0039" in compounds and "mtor" not in compounds
    assert _complete(["path"], "mgs") == ["mgs0039"]
    assert "glutamate_surge" in _complete(["path", "mgs0039"], "glu")
    assert "mij821-signaling" in _complete(["figures", "--only"], "mij")
    assert "mij821-signaling" in _complete(["slides", "--only"], "mij")
    assert "sbgn" in _complete(["export", "--format"], "s")
    assert "bdnf" in _complete(["render", "--around"], "bd")
    assert _complete(["describe"], "zzz") == []


def test_completion_of_broken_data_offers_nothing(tmp_path):
    comp = ShellComplete(main, {}, "pathways", "_PATHWAYS_COMPLETE")
    got = comp.get_completions(["--graphs", str(tmp_path / "missing"), "converge"], "m")
    assert got == []


# --- what -o names: a link is written through, a pipe straight into, a folder refused -----------

def test_export_writes_through_a_symbolic_link(tmp_path):
    """A temporary file moved into place replaced the link with a plain file and left the file
    it named as it was; the shell's `>` writes through it."""
    target = tmp_path / "kept" / "target.sif"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.sif"
    link.symlink_to(target)
    result = run("export", "--format", "sif", "mij821", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target
    assert "old" not in target.read_text(encoding="utf-8")
    assert "mij821\t" in target.read_text(encoding="utf-8")
    assert [p.name for p in target.parent.iterdir()] == ["target.sif"]  # no temporary left


@needs_dot
def test_render_writes_through_a_symbolic_link(tmp_path):
    link = tmp_path / "latest.svg"
    link.symlink_to(tmp_path / "v1.svg")  # not there yet: made through the link
    result = run("render", "mij821", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and (tmp_path / "v1.svg").read_text(encoding="utf-8").startswith(
        "<?xml")


def test_export_writes_straight_into_a_named_pipe(tmp_path):
    """A pipe (or a device: /dev/null, /dev/stdout) is written into, not replaced by a file: as
    root, a file moved into place replaced even /dev/full and /dev/stdout."""
    import stat
    import threading

    fifo = tmp_path / "pipe.sif"
    os.mkfifo(fifo)
    read: list[bytes] = []
    reader = threading.Thread(target=lambda: read.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("export", "--format", "sif", "mij821", "-o", str(fifo))
    reader.join(timeout=30)
    if reader.is_alive():  # nothing was written into the pipe: free the reader
        with open(fifo, "wb"):
            pass
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"mij821\t" in read[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.sif"]


@pytest.mark.parametrize("command", [["export", "--format", "sif", "mij821"],
                                     ["render", "mij821"]])
def test_an_output_ending_in_a_slash_names_a_folder_and_is_refused(command, tmp_path):
    """`-o adir/` wrote a file named `adir`."""
    result = run(*command, "-o", f"{tmp_path / 'adir'}/")
    assert result.exit_code == 2
    assert "names a folder" in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_an_edge_list_counts_the_nodes_it_holds(fmt, tmp_path):
    """An edge list has no row for a node without a link: "Wrote ... 1,329 nodes" was said of
    a file holding 1,034. It says how many it holds and how many it leaves out."""
    net = tmp_path / "lone.sif"
    net.write_text("A\t1\tB\nLONE\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--graphs", str(GRAPHS), "--network", str(net), "export",
                                       "--format", fmt, "-o", str(tmp_path / f"x.{fmt}")])
    assert result.exit_code == 0, result.output
    whole = CliRunner().invoke(main, ["--graphs", str(GRAPHS), "--network", str(net), "export",
                                      "--format", "sif", "-o", str(tmp_path / "x.sif")])
    total = int(re.search(r"sif: (\d+) nodes", whole.output).group(1))  # type: ignore[union-attr]
    held = int(re.search(rf"{fmt}: (\d+) nodes", result.output).group(1))  # type: ignore[union-attr]
    assert held == total - 1
    assert "; 1 node without a link, which an edge list has no row for" in result.output
    assert "LONE" not in (tmp_path / f"x.{fmt}").read_text(encoding="utf-8")


@pytest.mark.parametrize(("command", "suffix"), [
    (["export", "--format", "sif", "mij821"], ".sif"), (["render", "mij821"], ".svg"),
    (["slides"], ".pptx")])
def test_links_naming_each_other_and_too_long_a_folder_are_one_line(command, suffix, tmp_path):
    """A symbolic link loop as the output raised RuntimeError, and a folder name over the
    system's limit OSError, each a traceback; now one line naming the file, the links left as
    they were and nothing written."""
    (tmp_path / f"one{suffix}").symlink_to(f"two{suffix}")
    (tmp_path / f"two{suffix}").symlink_to(f"one{suffix}")
    for out in (tmp_path / f"one{suffix}", tmp_path / ("c" * 300) / f"x{suffix}"):
        result = run(*command, "-o", str(out))
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"Error: cannot write {out}")
        assert len(result.output.strip().splitlines()) == 1
        assert not isinstance(result.exception, (OSError, RuntimeError))
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"one{suffix}", f"two{suffix}"]
    assert os.readlink(tmp_path / f"one{suffix}") == f"two{suffix}"


def test_figures_into_links_naming_each_other_says_so(tmp_path):
    """`figures --out` a symbolic link loop raised RuntimeError, then called the link a file."""
    (tmp_path / "one").symlink_to("two")
    (tmp_path / "two").symlink_to("one")
    result = run("figures", "--format", "svg", "--only", "ketamine-signaling",
                 "--out", str(tmp_path / "one"))
    assert result.exit_code == 1, result.output
    assert result.output.strip() == (f"Error: cannot write {tmp_path / 'one'}: "
                                     f"{tmp_path / 'one'} is a link that leads to no folder, "
                                     "not a folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "two"]


def test_a_link_into_a_missing_folder_makes_no_folder(tmp_path):
    """Writing through a link to `elsewhere/dir/x.sif` made `elsewhere/dir`, outside the output
    folder; as the shell's `>`, it is refused, naming where the link leads."""
    link = tmp_path / "out" / "x.sif"
    link.parent.mkdir()
    link.symlink_to(tmp_path / "elsewhere" / "dir" / "x.sif")
    result = run("export", "--format", "sif", "mij821", "-o", str(link))
    assert result.exit_code == 1, result.output
    assert result.output.strip() == (f"Error: cannot write {link}: a link to "
                                     f"{tmp_path / 'elsewhere' / 'dir' / 'x.sif'}, in a folder "
                                     "that does not exist")
    assert not (tmp_path / "elsewhere").exists() and link.is_symlink()
