"""Builds are all-or-nothing, deterministic anywhere, fail in one line and redraw only what
changed: killed, concurrent, failing, read-only, in another time zone, with a broken Graphviz."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import pathways.figures
import pathways.render
import pathways.workspace
from pathways.cli import main
from pathways.errors import RenderError
from pathways.figures import BuildOptions, build_catalog
from pathways.load import load_dataset
from pathways.render import RASTERIZER

REPO = Path(__file__).resolve().parent.parent
HAVE_DOT = shutil.which("dot") is not None
pytestmark = pytest.mark.skipif(not HAVE_DOT, reason="Graphviz `dot` not on PATH")

ONE = "social-defeat-workflow"  # a workflow: its own file changes it alone
OTHER = "esketamine-mechanism"
PICK = ("--only", ONE, "--only", OTHER)


def _cli(*args: str, graphs: Path) -> Result:
    return CliRunner().invoke(main, ["--graphs", str(graphs), *args])


def _proc(*args: str, graphs: Path, cwd: Path, env: dict[str, str] | None = None,
          session: bool = False) -> subprocess.Popen[str]:
    """`pathways ARGS` as a user starts it: a process of its own (leading a session of its own,
    as a shell's job leads its process group, where `session`)."""
    full = {**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "pathways.cli", "--graphs", str(graphs), *args],
                            cwd=cwd, env=full, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=session)


def _run(*args: str, graphs: Path, cwd: Path, env: dict[str, str] | None = None
         ) -> tuple[int, str, str]:
    proc = _proc(*args, graphs=graphs, cwd=cwd, env=env)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def _published(out: Path) -> dict[str, bytes]:
    """What a user sees in `out`: every file but the build's own state folder."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _state(out: Path) -> list[str]:
    """The build's own state folder as a user could list it: one published generation behind
    `current`, the lock, nothing else (no staging, journal or temporary files)."""
    return sorted("gen-*" if p.name.startswith("gen-") else p.name
                  for p in (out / ".pathways").iterdir())


KEPT = ["current", "gen-*", "lock"]


def _changed_graphs(tmp_path: Path, graphs_dir: Path, name: str = "changed") -> Path:
    """A copy of the shipped data with one step of one workflow relabelled."""
    graphs = tmp_path / name
    shutil.copytree(graphs_dir, graphs)
    path = graphs / "workflows" / f"{ONE}.toml"
    text = path.read_text(encoding="utf-8")
    assert 'label = "Social defeat"' in text
    path.write_text(text.replace('label = "Social defeat"', 'label = "Repeated social defeat"'),
                    encoding="utf-8")
    return graphs


# --- nothing written outside --out and the system temp folder -----------------------------------


@pytest.mark.parametrize("command", [
    ("figures", "--format", "svg", "--only", "mij821-signaling", "--out", "{tmp}/out"),
    ("render", "ketamine", "-o", "{tmp}/out/k.pdf"),
    ("slides", "--only", "mij821-signaling", "-o", "{tmp}/out/deck.pptx"),
    ("export", "ketamine", "--format", "sbgn", "-o", "{tmp}/out/k.sbgn"),
])
def test_nothing_written_in_working_folder_or_left_in_temp(
        tmp_path: Path, graphs_dir: Path, command: tuple[str, ...]) -> None:
    cwd, temp = tmp_path / "cwd", tmp_path / "temp"
    cwd.mkdir()
    temp.mkdir()
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    if os.geteuid() != 0:  # root writes into read-only folders anyway
        cwd.chmod(0o555)
    cache = tmp_path / "cache"  # where queries keep their cache: a build writes nothing there
    code, out, err = _run(*args, graphs=graphs_dir, cwd=cwd,
                          env={"TMPDIR": str(temp), "PATHWAYS_CACHE_DIR": str(cache)})
    cwd.chmod(0o755)
    assert code == 0, out + err
    assert list(cwd.iterdir()) == [], "written into the working folder"
    assert list(temp.iterdir()) == [], "left behind in the temporary folder"
    assert not cache.exists(), "written into the cache"


@pytest.mark.parametrize("command", [
    ("render", "ketamine", "-o", "{out}/k.svg"),
    ("export", "ketamine", "--format", "sif", "-o", "{out}/k.sif"),
    ("slides", "--only", "mij821-signaling", "-o", "{out}/deck.pptx"),
])
def test_a_folder_made_for_a_file_is_said(tmp_path: Path, graphs_dir: Path,
                                          command: tuple[str, ...]) -> None:
    """`render -o /nonexistent/dir/x.svg` made the folders and said only "Wrote ...": a
    mistyped folder went unnoticed. The command says it made it; a folder there already is not
    mentioned."""
    out = tmp_path / "new" / "deeper"
    args = [a.replace("{out}", str(out)) for a in command]
    first = _cli(*args, graphs=graphs_dir)
    assert first.exit_code == 0, first.output
    assert f"(made the folder {out})" in first.output
    again = _cli(*args, graphs=graphs_dir)
    assert again.exit_code == 0 and "made the folder" not in again.output


# --- determinism in every time zone, locale and folder ------------------------------------------


def test_pdf_same_bytes_in_every_time_zone_locale_and_folder(tmp_path: Path,
                                                             graphs_dir: Path) -> None:
    builds = []
    for i, env in enumerate([{"TZ": "Asia/Tokyo", "LC_ALL": "C.UTF-8"},
                             {"TZ": "UTC", "LANG": "C", "LC_ALL": ""},
                             {"TZ": "America/St_Johns", "LC_ALL": "C"}]):
        out = tmp_path / f"folder-{i}" / "deep" / "out"
        code, so, se = _run("figures", "--format", "pdf,svg", "--only", "mij821-signaling",
                            "--out", str(out), graphs=graphs_dir, cwd=tmp_path, env=env)
        assert code == 0, so + se
        builds.append(_published(out))
    assert builds[0] == builds[1] == builds[2]


# --- a broken or missing Graphviz ---------------------------------------------------------------


def _fake_graphviz(folder: Path, body: str, programs: tuple[str, ...] = ("dot", "neato")) -> Path:
    folder.mkdir()
    for name in programs:
        script = folder / name
        script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        script.chmod(0o755)
    return folder


@pytest.mark.parametrize("body", ["echo 'garbage, not a graph'", "exit 0"])
@pytest.mark.parametrize("command", [("figures", "--only", ONE, "--out"), ("render", "ketamine",
                                                                           "-o")])
def test_graphviz_printing_garbage_or_nothing_is_one_line(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch, body: str,
        command: tuple[str, ...]) -> None:
    fake = _fake_graphviz(tmp_path / "bin", body)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    target = tmp_path / ("out" if command[0] == "figures" else "k.svg")
    result = _cli(*command, str(target), graphs=graphs_dir)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, ValueError)
    assert len(result.output.strip().splitlines()) == 1
    assert "Graphviz wrote" in result.output
    assert (ONE if command[0] == "figures" else "k") in result.output
    assert not target.exists()


def test_missing_neato_is_named(tmp_path: Path, graphs_dir: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    only_dot = tmp_path / "bin"
    only_dot.mkdir()
    (only_dot / "dot").symlink_to(shutil.which("dot") or "dot")
    monkeypatch.setenv("PATH", str(only_dot))
    result = _cli("figures", "--only", ONE, "--out", str(tmp_path / "out"), graphs=graphs_dir)
    assert result.exit_code == 3, result.output
    assert "`neato` not found" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_time_limit_bounds_the_whole_build(tmp_path: Path, graphs_dir: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    real = {name: shutil.which(name) for name in ("dot", "neato")}
    slow = tmp_path / "bin"
    slow.mkdir()
    for name, path in real.items():  # each run well inside the limit, all of them not
        (slow / name).write_text(f'#!/bin/sh\nsleep 0.4\nexec {path} "$@"\n', encoding="utf-8")
        (slow / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{slow}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(pathways.figures, "TIMEOUT", 1.0)
    out = tmp_path / "out"
    result = _cli("figures", "--only", ONE, "--out", str(out), graphs=graphs_dir)
    assert result.exit_code == 1, result.output
    assert "whole build" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_time_limit_of_a_render_names_the_drawing_and_what_helps(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`render` is one drawing: its time-out said "for the whole build" and advised `--only`,
    an option `render` does not have."""
    real = {name: shutil.which(name) for name in ("dot", "neato")}
    slow = tmp_path / "bin"
    slow.mkdir()
    for name, path in real.items():
        (slow / name).write_text(f'#!/bin/sh\nsleep 0.4\nexec {path} "$@"\n', encoding="utf-8")
        (slow / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{slow}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(pathways.render, "TIMEOUT", 1.0)
    drawing = tmp_path / "k.svg"
    result = _cli("render", "ketamine", "-o", str(drawing), graphs=graphs_dir)
    assert result.exit_code == 1, result.output
    line, = result.output.strip().splitlines()
    assert "longer than 1 s for this drawing" in line and "fewer compounds" in line, line
    assert "--only" not in line and "whole build" not in line and "--depth" not in line
    assert not drawing.exists()


def test_a_render_whose_advice_runs_out_of_time_is_still_written_and_warned(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The advice under a small drawing lays the view out again (other presets, smaller
    views); running out of time there failed a command whose drawing was already written."""
    import pathways.legibility

    def too_slow(*args: Any, **kwargs: Any) -> float:
        raise RenderError("mtor: Graphviz took longer than 120 s for this drawing")

    monkeypatch.setattr(pathways.legibility, "text_at", too_slow)
    drawing = tmp_path / "all.svg"
    result = _cli("render", "--around", "mtor", "--depth", "50", "-o", str(drawing),
                  graphs=graphs_dir)
    assert result.exit_code == 0, result.output
    assert drawing.read_bytes().rstrip().endswith(b"</svg>")
    assert "below the" in result.output and "a smaller --depth or --max-nodes" in result.output


# --- OS errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [("figures", "--only", ONE, "--out", "{file}/out"),
                                     ("render", "ketamine", "-o", "{file}/k.svg"),
                                     ("slides", "--only", ONE, "-o", "{file}/d.pptx")])
def test_output_under_a_file_is_one_line(tmp_path: Path, graphs_dir: Path,
                                         command: tuple[str, ...]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("mine", encoding="utf-8")
    result = _cli(*[a.replace("{file}", str(blocker)) for a in command], graphs=graphs_dir)
    assert result.exit_code == 1, result.output
    assert "cannot write" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert blocker.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "disk is full"),
                                             (errno.EROFS, "read-only")])
def test_full_or_read_only_disk_is_one_line_and_keeps_the_previous_build(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch, code: int,
        words: str) -> None:
    out = tmp_path / "out"
    assert _cli("figures", "--format", "svg", "--only", ONE, "--out", str(out),
                graphs=graphs_dir).exit_code == 0
    before = _published(out)

    def failing(path: Path, data: bytes) -> None:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(pathways.workspace, "write_atomically", failing)
    result = _cli("figures", "--format", "svg", "--only", OTHER, "--out", str(out),
                  graphs=graphs_dir)
    assert result.exit_code == 1, result.output
    assert words in result.output and "Traceback" not in result.output
    assert _published(out) == before
    assert _state(out) == KEPT


# --- all or nothing -----------------------------------------------------------------------------


def test_failed_build_removes_only_what_it_created(tmp_path: Path, graphs_dir: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    real = pathways.figures.render_view

    def render_view(view, out_stem, options):  # type: ignore[no-untyped-def]
        # meanwhile, something else (another program, the user) puts a file into the folder
        (out / "theirs.txt").write_text("not ours", encoding="utf-8")
        if view.id == ONE:
            raise RenderError(f"{ONE}: injected")
        return real(view, out_stem, options)

    monkeypatch.setattr(pathways.figures, "render_view", render_view)
    with pytest.raises(RenderError, match="injected"):
        build_catalog(load_dataset(graphs_dir), out, BuildOptions(formats=("svg",)),
                      only=(ONE,))
    assert sorted(p.name for p in out.iterdir()) == ["theirs.txt"]


def test_second_build_waits_for_the_first(tmp_path: Path, graphs_dir: Path) -> None:
    out = tmp_path / "out"
    (out / ".pathways").mkdir(parents=True)
    lock = os.open(out / ".pathways" / "lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)  # a first build, holding the folder
    log = tmp_path / "stderr.txt"
    try:
        with log.open("w") as err:
            second = subprocess.Popen(
                [sys.executable, "-m", "pathways.cli", "--graphs", str(graphs_dir), "figures",
                 "--format", "svg", "--only", ONE, "--out", str(out)],
                cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO / "src")},
                stdout=subprocess.DEVNULL, stderr=err)
        give_up = time.monotonic() + 60
        while "Waiting" not in log.read_text() and time.monotonic() < give_up:
            assert second.poll() is None, "the second build did not wait"
            time.sleep(0.05)
        assert "Waiting for another pathways build" in log.read_text()
        time.sleep(0.3)
        assert second.poll() is None, "the second build did not wait"
        assert _published(out) == {}
    finally:
        os.close(lock)
    assert second.wait(timeout=120) == 0, log.read_text()
    assert set(_published(out)) == {f"{ONE}.svg", "manifest.json", "index.html"}


def test_concurrent_builds_give_one_complete_build(tmp_path: Path, graphs_dir: Path) -> None:
    out, clean = tmp_path / "out", tmp_path / "clean"
    build_catalog(load_dataset(graphs_dir), clean, BuildOptions(formats=("svg",)), only=PICK[1::2])
    runs = [_proc("figures", "--format", "svg", *PICK, "--out", str(out), graphs=graphs_dir,
                  cwd=tmp_path) for _ in range(2)]
    for run in runs:
        stdout, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stdout + stderr
    assert _published(out) == _published(clean)
    assert _state(out) == KEPT


def test_killed_build_leaves_old_or_new_and_the_next_build_cleans_up(
        tmp_path: Path, graphs_dir: Path) -> None:
    """kill -9 at moments of a real build: `out` keeps the previous build or has the new one;
    the next build leaves no staging or temporary files, and equals a clean build."""
    new_data = _changed_graphs(tmp_path, graphs_dir)
    old, new = tmp_path / "old", tmp_path / "new"
    build_catalog(load_dataset(graphs_dir), old, BuildOptions(formats=("svg",)), only=PICK[1::2])
    build_catalog(load_dataset(new_data), new, BuildOptions(formats=("svg",)), only=PICK[1::2])
    old_files, new_files = _published(old), _published(new)
    assert old_files != new_files
    temp = tmp_path / "temp"
    temp.mkdir()
    for delay in (0.4, 1.0):
        out = tmp_path / "out"
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(old, out, symlinks=True)
        args = ("figures", "--format", "svg", *PICK, "--out", str(out))
        run = _proc(*args, graphs=new_data, cwd=tmp_path, env={"TMPDIR": str(temp)})
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=60)
        assert _published(out) in (old_files, new_files), f"a mix (killed at {delay} s)"
        code, stdout, stderr = _run(*args, graphs=new_data, cwd=tmp_path, env={"TMPDIR":
                                                                                 str(temp)})
        assert code == 0, stdout + stderr
        assert _published(out) == new_files
        assert _state(out) == KEPT
        assert list(temp.iterdir()) == []


def _descendants(pid: int) -> set[int]:
    """Every process now running below `pid` (read from /proc): a build's workers, their
    layout servers and the layouts those run, its PNG runs."""
    children: dict[int, list[int]] = {}
    # Listed by name, not globbed: a process that ends while /proc is walked made the glob
    # itself raise ProcessLookupError.
    for name in (n for n in os.listdir("/proc") if n.isdigit()):
        try:
            fields = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    """Whether `pid` still runs (a zombie no parent reaped has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _slow_dot(folder: Path) -> dict[str, str]:
    """An environment whose `dot` on PATH takes half a minute for each graph (a script, so the
    layout server gives way to the programs): a build is stopped while they run."""
    folder.mkdir()
    script = folder / "dot"
    script.write_text(f"#!{sys.executable} -S\nimport os, sys, time\n"
                      'if "-V" not in sys.argv:\n    time.sleep(30)\n'
                      f"os.execv({shutil.which('dot')!r}, ['dot'] + sys.argv[1:])\n",
                      encoding="utf-8")
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


STOPS = {  # how a build is told to stop: signals, to its process group, `dot` slow, exit, line
    "SIGTERM": ((signal.SIGTERM,), False, False, 128 + signal.SIGTERM, "Stopped (SIGTERM)."),
    "SIGHUP to the group": ((signal.SIGHUP,), True, False, 128 + signal.SIGHUP,
                            "Stopped (SIGHUP)."),
    "SIGTERM then SIGHUP": ((signal.SIGTERM, signal.SIGHUP), False, False, None, None),
    "SIGINT": ((signal.SIGINT,), False, False, 1, "Aborted!"),
    "SIGINT to the group": ((signal.SIGINT,), True, False, 1, "Aborted!"),
    "SIGKILL": ((signal.SIGKILL,), False, False, -signal.SIGKILL, ""),
    "SIGTERM, dot programs running": ((signal.SIGTERM,), False, True, 128 + signal.SIGTERM,
                                      "Stopped (SIGTERM)."),
    "SIGKILL, dot programs running": ((signal.SIGKILL,), False, True, -signal.SIGKILL, ""),
}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("how", list(STOPS))
def test_a_build_told_to_stop_ends_every_process_and_leaves_the_previous_build(
        tmp_path: Path, graphs_dir: Path, how: str) -> None:
    """`kill` (SIGTERM), a closed terminal (SIGHUP, to every process of the job) or Ctrl-C in
    the middle of a build: it ends with one line, `out` shows the previous build, no staging or
    temporary folder is left, and no process it started outlives it, `dot` programs included
    (where the layout server gives way to them); `kill -9` leaves the previous build shown and
    no process either. (Ended by SIGTERM's default action or by SIGKILL, a build left its
    workers and their layout servers running for good: the workers hold their own queue's
    pipes, so they never saw it end.)"""
    signals, group, slow, code, said = STOPS[how]
    new_data = _changed_graphs(tmp_path, graphs_dir)
    out, temp = tmp_path / "out", tmp_path / "temp"
    temp.mkdir()
    build_catalog(load_dataset(graphs_dir), out, BuildOptions(formats=("svg",)), only=PICK[1::2])
    before = _published(out)
    env = {"TMPDIR": str(temp), **(_slow_dot(tmp_path / "bin") if slow else {})}
    run = _proc("figures", "--out", str(out), graphs=new_data, cwd=tmp_path, env=env,
                session=group)
    started: set[int] = set()
    waited = time.monotonic() + 60

    def midway() -> bool:  # a figure drawn and the rest to come, or slow programs running
        if slow:
            return any(str(tmp_path / "bin") in _cmdline(pid) for pid in started)
        return bool(list((out / ".pathways").glob("staging-*/*.svg")))

    while not midway() and run.poll() is None:
        assert time.monotonic() < waited, "the build got nowhere within a minute"
        started |= _descendants(run.pid)
        time.sleep(0.01)
    started |= _descendants(run.pid)
    assert run.poll() is None, "the build ended before it could be stopped"
    for signum in signals:
        if group:
            os.killpg(run.pid, signum)
        else:
            run.send_signal(signum)
    try:
        _, stderr = run.communicate(timeout=30)
    except subprocess.TimeoutExpired:  # a process it left holds its output open
        _kill_left(started | _descendants(run.pid) | {run.pid})
        pytest.fail("the build did not end: processes it started kept running")
    if code is None:  # two signals: the one handled first is named
        code = {"Stopped (SIGTERM).": 128 + signal.SIGTERM,
                "Stopped (SIGHUP).": 128 + signal.SIGHUP}.get(stderr.strip())
        said = stderr.strip()
    assert run.returncode == code, stderr
    assert _published(out) == before
    if code != -signal.SIGKILL:  # killed outright, it leaves its staging folder behind
        assert stderr.strip() == said, stderr  # one line, no traceback of any process
        assert _state(out) == KEPT
        assert list(temp.iterdir()) == []
    assert started, "no process of the build was seen"
    waited = time.monotonic() + 10  # a process killed a moment ago may take that to end
    while any(_alive(pid) for pid in started) and time.monotonic() < waited:
        time.sleep(0.05)
    left = [pid for pid in started if _alive(pid)]
    _kill_left(set(left))
    assert not left, f"processes outlived the build: {[_cmdline(pid) for pid in left]}"


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP here")
def test_a_build_run_under_nohup_goes_on_after_sighup(tmp_path: Path, graphs_dir: Path) -> None:
    """Started with SIGHUP ignored (`nohup`), a build is not stopped by it."""
    out = tmp_path / "out"
    full = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    run = subprocess.Popen(
        [sys.executable, "-m", "pathways.cli", "--graphs", str(graphs_dir), "figures",
         "--format", "svg", *PICK, "--out", str(out)], cwd=tmp_path, env=full,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    waited = time.monotonic() + 60
    while not (out / ".pathways").is_dir() and run.poll() is None:
        assert time.monotonic() < waited
        time.sleep(0.005)
    run.send_signal(signal.SIGHUP)
    stdout, stderr = run.communicate(timeout=120)
    assert run.returncode == 0, stderr
    assert stdout.startswith("Built 2 figures")


def _kill_left(pids: set[int]) -> None:
    """Kill what a failed test left running, so it cannot hold up the rest of the run."""
    for pid in pids:
        if _alive(pid):
            with suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def _killed_at(step: int, publish: Any, space: pathways.workspace.Workspace,
               moves: list[str], record: dict[str, Any],
               drops: dict[str, str] | None = None) -> bool:
    """Run `publish` in a forked child that dies (like kill -9: no clean-up) just before its
    `step`-th file-system change; False when publishing has fewer steps (it then completed in
    the child, whose changes the caller discards)."""
    pid = os.fork()
    if pid == 0:  # the child: count every call that changes the file system
        count = [0]

        def dying(real: Any) -> Any:
            def call(*args: Any, **kwargs: Any) -> Any:
                count[0] += 1
                if count[0] == step:
                    os._exit(137)
                return real(*args, **kwargs)
            return call

        for name in ("replace", "rename", "link", "symlink", "unlink", "rmdir", "mkdir",
                     "chmod", "open"):
            setattr(os, name, dying(getattr(os, name)))
        try:
            publish(space, moves, record, drops)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WEXITSTATUS(status) == 137


@pytest.mark.parametrize("previous", ["linked", "plain files of an earlier version",
                                      "linked, with a format the new build drops"])
def test_killed_at_every_step_of_publishing_shows_old_or_new(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch,
        previous: str) -> None:
    """A build killed at each file-system step of publishing, one after another: `out` shows
    the complete previous build or the complete new one, never a mix, and what the next build
    recovers from it still shows the same build with nothing else left behind. (Where the
    previous build drew PDFs too, the new one's publishing removes them: they go with the
    same step that shows the new SVGs.)"""
    new_data = _changed_graphs(tmp_path, graphs_dir)
    old, new = tmp_path / "old", tmp_path / "new"
    formats = ("svg", "pdf") if "drops" in previous else ("svg",)
    build_catalog(load_dataset(graphs_dir), old, BuildOptions(formats=formats), only=PICK[1::2])
    build_catalog(load_dataset(new_data), new, BuildOptions(formats=("svg",)), only=PICK[1::2])
    old_files, new_files = _published(old), _published(new)
    out = tmp_path / "out"
    if previous.startswith("linked"):
        shutil.copytree(old, out, symlinks=True)
    else:  # as an earlier version left it: plain files, no generation
        shutil.copytree(old, out, symlinks=False)
        shutil.rmtree(out / ".pathways")
    real = pathways.workspace.Workspace.publish
    seen: list[str] = []

    def publish(space: pathways.workspace.Workspace, moves: list[str],
                record: dict[str, Any], drops: dict[str, str] | None = None) -> None:
        assert bool(drops) == ("drops" in previous), drops
        snapshot = tmp_path / "snapshot"
        shutil.copytree(space.out, snapshot, symlinks=True)
        step = 1
        while _killed_at(step, real, space, moves, record, drops):
            shown = _published(space.out)
            assert shown in (old_files, new_files), f"a mix when killed at step {step}"
            seen.append("old" if shown == old_files else "new")
            after = tmp_path / "recovered"
            shutil.copytree(space.out, after, symlinks=True)
            pathways.workspace._recover(after / ".pathways", after)
            assert _published(after) == shown, f"recovery changed the build (step {step})"
            assert "staging" not in " ".join(_state(after))
            assert not [p for p in after.iterdir() if p.is_symlink() and not p.exists()]
            shutil.rmtree(after)
            shutil.rmtree(space.out)
            shutil.copytree(snapshot, space.out, symlinks=True)
            step += 1
        shutil.rmtree(space.out)
        shutil.copytree(snapshot, space.out, symlinks=True)
        real(space, moves, record, drops)

    monkeypatch.setattr(pathways.workspace.Workspace, "publish", publish)
    build_catalog(load_dataset(new_data), out, BuildOptions(formats=("svg",)), only=PICK[1::2])
    assert _published(out) == new_files and _state(out) == KEPT
    assert not [p for p in out.iterdir() if p.is_symlink() and not p.exists()]
    assert "old" in seen and "new" in seen and len(seen) > 10, seen


# --- files an earlier build drew that this one does not ------------------------------------------


def _dangling(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_symlink() and not p.exists())


def _without_figure(tmp_path: Path, graphs_dir: Path, figure: str) -> Path:
    """A copy of the shipped data whose catalog no longer has `figure`."""
    graphs = tmp_path / "fewer"
    shutil.copytree(graphs_dir, graphs)
    path = graphs / "figures.toml"
    text = path.read_text(encoding="utf-8")
    blocks = text.split("[[figure]]")
    kept = [b for b in blocks if f'id = "{figure}"' not in b]
    assert len(kept) == len(blocks) - 1
    path.write_text("[[figure]]".join(kept), encoding="utf-8")
    return graphs


def test_a_build_removes_the_formats_it_no_longer_draws(tmp_path: Path,
                                                        graphs_dir: Path) -> None:
    """SVG and PDF, then SVG alone: the PDFs go (they showed the figures as an earlier build
    drew them, and no manifest lists them), the command says so, and the folder is what a
    clean SVG build gives, with nothing of the PDFs left in the build's own folder."""
    out, clean = tmp_path / "out", tmp_path / "clean"
    assert _cli("figures", "--format", "svg,pdf", *PICK, "--out", str(out),
                graphs=graphs_dir).exit_code == 0
    assert (out / f"{ONE}.pdf").is_file()
    result = _cli("figures", "--format", "svg", *PICK, "--out", str(out), graphs=graphs_dir)
    assert result.exit_code == 0, result.output
    assert f"Removed 2 files of other formats an earlier build drew: {OTHER}.pdf, {ONE}.pdf" \
        in result.output
    assert _cli("figures", "--format", "svg", *PICK, "--out", str(clean),
                graphs=graphs_dir).exit_code == 0
    assert _published(out) == _published(clean)
    assert not list(out.glob("*.pdf")) and not list((out / ".pathways").rglob("*.pdf"))
    assert _dangling(out) == [] and _state(out) == KEPT
    again = _cli("figures", "--format", "svg", *PICK, "--out", str(out), graphs=graphs_dir)
    assert "Removed" not in again.output and "nothing changed" in again.output


def test_only_leaves_the_other_figures_files_alone(tmp_path: Path, graphs_dir: Path) -> None:
    """`--only ONE --format pdf` after an SVG build of two figures: ONE's SVG goes, its PDF
    comes, and the other figure, not asked for, keeps its SVG."""
    out = tmp_path / "out"
    assert _cli("figures", "--format", "svg", *PICK, "--out", str(out),
                graphs=graphs_dir).exit_code == 0
    other = (out / f"{OTHER}.svg").read_bytes()
    result = _cli("figures", "--format", "pdf", "--only", ONE, "--out", str(out),
                  graphs=graphs_dir)
    assert result.exit_code == 0, result.output
    assert f"Removed 1 file of other formats an earlier build drew: {ONE}.svg" in result.output
    assert sorted(p.name for p in out.iterdir() if p.name != ".pathways") == sorted(
        [f"{ONE}.pdf", f"{OTHER}.svg", "index.html", "manifest.json"])
    assert (out / f"{OTHER}.svg").read_bytes() == other and _dangling(out) == []


def test_a_figure_gone_from_the_catalog_keeps_its_files_and_is_named(tmp_path: Path,
                                                                     graphs_dir: Path) -> None:
    """A figure taken out of figures.toml, or a build from another data folder (whose whole
    catalog that would be), or one whose figures.toml went missing: the files of figures the
    catalog does not define are left alone, and named so they can be removed by hand. (They
    were removed, and a data folder without its figures.toml removed every figure.)"""
    out = tmp_path / "out"
    assert _cli("figures", "--format", "svg", *PICK, "--out", str(out),
                graphs=graphs_dir).exit_code == 0
    before = _published(out)
    fewer = _without_figure(tmp_path, graphs_dir, OTHER)
    result = _cli("figures", "--format", "svg", "--only", ONE, "--out", str(out), graphs=fewer)
    assert result.exit_code == 0, result.output
    assert "Removed" not in result.output
    assert f"Left 1 file of figures {fewer}/figures.toml does not define (from an earlier " \
           f"build; remove them if stale): {OTHER}.svg" in result.output
    assert (out / f"{OTHER}.svg").read_bytes() == before[f"{OTHER}.svg"]
    assert (out / f"{ONE}.svg").is_file() and _dangling(out) == []
    bare = tmp_path / "bare"
    shutil.copytree(graphs_dir, bare)
    (bare / "figures.toml").unlink()
    result = _cli("figures", "--format", "svg", "--out", str(out), graphs=bare)
    assert result.exit_code == 0, result.output
    assert {name: data for name, data in _published(out).items()
            if name.endswith(".svg")} == {k: v for k, v in before.items() if k.endswith(".svg")}


@pytest.mark.parametrize("links", [True, False], ids=["linked", "plain files"])
def test_a_file_the_user_put_in_place_of_a_dropped_one_is_kept(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch, links: bool) -> None:
    """Only the build's own files are removed: a PDF the user put where the build's was (or,
    without symbolic links, changed in place) stays; the other figure's untouched PDF goes."""
    if not links:
        monkeypatch.setattr(pathways.workspace, "_symlinks_work", lambda state: False)
    out = tmp_path / "out"
    build_catalog(load_dataset(graphs_dir), out, BuildOptions(formats=("svg", "pdf")),
                  only=PICK[1::2])
    mine = out / f"{ONE}.pdf"
    mine.unlink()
    mine.write_bytes(b"%PDF-1.4 mine")
    removed: list[str] = []
    build_catalog(load_dataset(graphs_dir), out, BuildOptions(formats=("svg",)),
                  only=PICK[1::2], removed=removed.extend)
    assert mine.read_bytes() == b"%PDF-1.4 mine"
    assert not (out / f"{OTHER}.pdf").exists() and (out / f"{OTHER}.svg").is_file()
    assert _dangling(out) == []
    assert removed == [f"{OTHER}.pdf"]  # only what went, not the file of yours that stays


def test_a_file_edited_through_the_build_s_link_is_kept(tmp_path: Path,
                                                        graphs_dir: Path) -> None:
    """`echo mine > out/X.pdf` (or an editor saving in place) writes through the build's link
    into its own folder: that PDF is the user's now, and a build drawing SVG alone keeps it,
    as a plain file changed in place is kept without symbolic links."""
    out = tmp_path / "out"
    build_catalog(load_dataset(graphs_dir), out, BuildOptions(formats=("svg", "pdf")),
                  only=PICK[1::2])
    mine = out / f"{ONE}.pdf"
    assert mine.is_symlink()
    mine.write_bytes(b"%PDF-1.4 edited")
    removed: list[str] = []
    build_catalog(load_dataset(graphs_dir), out, BuildOptions(formats=("svg",)),
                  only=PICK[1::2], removed=removed.extend)
    assert mine.read_bytes() == b"%PDF-1.4 edited"
    assert removed == [f"{OTHER}.pdf"] and not (out / f"{OTHER}.pdf").exists()


def test_links_left_by_a_build_stopped_after_publishing_are_cleared_by_the_next(
        tmp_path: Path, graphs_dir: Path) -> None:
    """Stopped between publishing and removing the links of what it dropped, a build left
    links to nothing, and the next build of the same figures took the "nothing changed" path,
    which never cleared them. Now such a link makes it a build, which clears it."""
    out = tmp_path / "out"
    args = ("figures", "--format", "svg", *PICK, "--out", str(out))
    assert _cli(*args, graphs=graphs_dir).exit_code == 0
    (out / f"{ONE}.pdf").symlink_to(f".pathways/current/{ONE}.pdf")
    result = _cli(*args, graphs=graphs_dir)
    assert result.exit_code == 0, result.output
    assert not (out / f"{ONE}.pdf").is_symlink() and _dangling(out) == []
    assert "nothing changed" in _cli(*args, graphs=graphs_dir).output


def test_stale_files_are_the_drawn_figures_formats_not_drawn(tmp_path: Path) -> None:
    recorded = {"a": {"files": {"a.svg": "1", "a.pdf": "2"}},
                "b": {"files": {"b.svg": "3"}},
                "gone": {"files": {"gone.png": "4"}},
                "odd": "not a record"}
    names = {"a": {"svg": "a.svg"}}
    assert pathways.figures.stale_files(recorded, names) == {"a.pdf": "2"}
    (tmp_path / "gone.png").write_bytes(b"x")
    assert pathways.figures.orphan_files(recorded, {"a", "b"}, tmp_path) == ["gone.png"]
    # A record edited to name a path out of the folder: never anything to remove or name.
    hostile = {"a": {"files": {"../x.svg": "1", "/etc/passwd": "2", "a/b.svg": "3",
                               "..": "4", "ok.svg": "5"}}}
    assert pathways.figures.stale_files(hostile, {"a": {}}) == {"ok.svg": "5"}
    assert pathways.figures.orphan_files({"z": hostile["a"]}, set(), tmp_path) == []


# --- the build cache ----------------------------------------------------------------------------


def _inodes(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in out.iterdir() if p.is_file()}


def test_rebuild_with_nothing_changed_draws_nothing(tmp_path: Path, graphs_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    graphs = tmp_path / "graphs"
    shutil.copytree(graphs_dir, graphs)
    out = tmp_path / "out"
    assert _cli("figures", "--format", "svg,png", *PICK, "--out", str(out),
                graphs=graphs).exit_code == 0
    before, inodes = _published(out), _inodes(out)
    for path in graphs.rglob("*.toml"):  # new times, same content: not a change
        os.utime(path, (time.time() + 100, time.time() + 100))
    runs: list[list[str]] = []
    real = pathways.render._run

    def counting(cmd, *args, **kwargs):  # type: ignore[no-untyped-def]
        runs.append(list(cmd))
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(pathways.render, "_run", counting)
    assert _cli("figures", "--format", "svg,png", *PICK, "--out", str(out),
                graphs=graphs).exit_code == 0
    # Only the programs' versions are asked (the cache's key): nothing is drawn.
    assert [cmd for cmd in runs if cmd not in (["dot", "-V"], [RASTERIZER, "-v"])] == [], \
        "figures drawn again"
    assert _published(out) == before and _inodes(out) == inodes


def test_changed_data_file_redraws_only_its_figure(tmp_path: Path, graphs_dir: Path) -> None:
    out = tmp_path / "out"
    assert _cli("figures", "--format", "svg,pdf", *PICK, "--out", str(out),
                graphs=graphs_dir).exit_code == 0
    inodes = _inodes(out)
    changed = _changed_graphs(tmp_path, graphs_dir)
    assert _cli("figures", "--format", "svg,pdf", *PICK, "--out", str(out),
                graphs=changed).exit_code == 0
    after = _inodes(out)
    redrawn = sorted(name for name in after if after[name] != inodes.get(name))
    assert redrawn == sorted([f"{ONE}.svg", f"{ONE}.pdf", "manifest.json", "index.html"])
    clean = tmp_path / "clean"
    assert _cli("figures", "--format", "svg,pdf", *PICK, "--out", str(clean),
                graphs=changed).exit_code == 0
    assert _published(out) == _published(clean)


def test_a_rebuild_says_what_it_drew_and_what_it_kept(tmp_path: Path, graphs_dir: Path) -> None:
    """A rebuild printed what a full build prints, so nothing told a user it had kept figures:
    it says how many it drew and how many it kept; a clean build says neither."""
    out = tmp_path / "out"
    args = ("figures", "--format", "svg", *PICK, "--out", str(out))
    first = _cli(*args, graphs=graphs_dir)
    assert first.output.splitlines()[0] == \
        f"Built 2 figures (svg) into {out}/ with manifest.json and index.html"
    again = _cli(*args, graphs=graphs_dir)
    assert again.output.splitlines()[0].endswith(
        "index.html (nothing changed: every figure kept)")
    edited = _cli(*args, graphs=_changed_graphs(tmp_path, graphs_dir))
    assert edited.output.splitlines()[0].endswith("index.html (1 redrawn, 1 unchanged)")


def test_edited_output_file_is_drawn_again(tmp_path: Path, graphs_dir: Path) -> None:
    out = tmp_path / "out"
    args = ("figures", "--format", "svg", "--only", ONE, "--out", str(out))
    assert _cli(*args, graphs=graphs_dir).exit_code == 0
    good = (out / f"{ONE}.svg").read_bytes()
    (out / f"{ONE}.svg").write_text("<svg>edited</svg>", encoding="utf-8")
    assert _cli(*args, graphs=graphs_dir).exit_code == 0
    assert (out / f"{ONE}.svg").read_bytes() == good


def test_temp_folders_of_killed_runs_are_removed(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen(["true"])
    dead.wait()
    leftover = tmp_path / f"pathways-{dead.pid}-abc123"
    (leftover / "layout").mkdir(parents=True)
    someone_elses = tmp_path / "other-program"
    someone_elses.mkdir()
    with pathways.workspace.temp_folder() as folder:
        assert folder.parent == tmp_path and folder.is_dir()
        assert not leftover.exists()
    assert not folder.exists() and someone_elses.is_dir()


def test_rebuild_with_nothing_changed_does_not_even_load_the_data(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    graphs = tmp_path / "graphs"
    shutil.copytree(graphs_dir, graphs)
    out = tmp_path / "out"
    args = ("figures", "--format", "svg", *PICK, "--out", str(out))
    first = _cli(*args, graphs=graphs)
    assert first.exit_code == 0
    before = _published(out)

    def no_loading(root: object) -> None:
        raise AssertionError("the data was loaded")

    # `pathways.load` is also the library's load() function: patch the module itself; and no
    # cached dataset either, so that taking the full path is seen.
    monkeypatch.setattr(sys.modules["pathways.load"], "load_dataset", no_loading)
    monkeypatch.setenv("PATHWAYS_CACHE", "off")
    again = _cli(*args, graphs=graphs)
    assert again.exit_code == 0, again.output
    assert again.output == first.output.replace(
        "index.html\n", "index.html (nothing changed: every figure kept)\n")
    assert _published(out) == before
    # any change to the data folder (here a file no figure reads) takes the full path again
    (graphs / "notes.txt").write_text("a note", encoding="utf-8")
    fallback = _cli(*args, graphs=graphs)
    assert isinstance(fallback.exception, AssertionError), "a changed folder was not loaded"


# --- data that passes `check` but Graphviz cannot draw ------------------------------------------


def _tiny_view(label: str, tooltip: str = "") -> object:
    from pathways.views import View, ViewEdge, ViewNode

    return View("tiny", "mechanism",
                (ViewNode("drugol", "Drugol", "compound"), ViewNode("receptor", label, "receptor")),
                (ViewEdge("drugol", "receptor", "-", "stated", tooltip=tooltip),))


def test_graphviz_error_names_the_figure_and_entity(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from pathways.figures import render_view

    # Graphviz refusing a label speaks of its own node names (receptor is n1 here)
    body = "echo 'Error: syntax error in line 3' >&2; echo '... <SUP></SUP> ...' >&2; " \
           "echo 'in label of node n1' >&2; exit 1"
    fake = _fake_graphviz(tmp_path / "bin", body)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(RenderError) as caught:
        render_view(_tiny_view("Receptor R"), tmp_path / "tiny", BuildOptions(formats=("svg",)))
    message = str(caught.value)
    assert message.startswith("tiny: Graphviz failed")
    assert "entity 'receptor'" in message and "node n" not in message
    assert "\n" not in message


def test_a_quote_longer_than_graphviz_strings_still_draws(tmp_path: Path) -> None:
    from pathways.figures import render_view

    quote = "a very long quote " * 1200  # 21,600 characters: over Graphviz's 16,384
    render_view(_tiny_view("Receptor R", tooltip=quote), tmp_path / "tiny",
                BuildOptions(formats=("svg",)))
    svg = (tmp_path / "tiny.svg").read_text(encoding="utf-8")
    assert "a very long quote a very long" in svg and "…" in svg


def test_a_figure_whose_exclude_removes_everything_is_a_data_error(
        tmp_path: Path, graphs_dir: Path) -> None:
    graphs = tmp_path / "graphs"
    shutil.copytree(graphs_dir, graphs)
    figures = graphs / "figures.toml"
    text = figures.read_text(encoding="utf-8")
    head = 'id = "ketamine-signaling"\n'
    everything = ", ".join(f'"{e}"' for e in load_dataset(graphs_dir).entities)
    figures.write_text(text.replace(head, f"{head}exclude = [{everything}]\n", 1),
                       encoding="utf-8")
    out = tmp_path / "out"
    result = _cli("figures", "--only", "ketamine-signaling", "--out", str(out), graphs=graphs)
    assert result.exit_code == 1, result.output
    assert "ketamine-signaling" in result.output and "draws nothing" in result.output
    assert len(result.output.strip().splitlines()) == 1 and not out.exists()


@pytest.mark.graphviz
def test_a_relative_out_folder_builds(tmp_path: Path, graphs_dir: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """`pathways figures` as the README runs it: --out relative to the working folder, while
    Graphviz itself runs in a scratch folder."""
    monkeypatch.chdir(tmp_path)
    result = _cli("figures", "--format", "svg", *PICK, "--out", "out", graphs=graphs_dir)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.svg"))


def test_without_symbolic_links_the_build_writes_plain_files(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a file system without symbolic links (FAT, some network shares) the build publishes
    plain files under a journal instead, with the same bytes, and rebuilds from its record."""
    linked, plain = tmp_path / "linked", tmp_path / "plain"
    build_catalog(load_dataset(graphs_dir), linked, BuildOptions(formats=("svg",)),
                  only=PICK[1::2])
    monkeypatch.setattr(pathways.workspace, "_symlinks_work", lambda state: False)
    build_catalog(load_dataset(graphs_dir), plain, BuildOptions(formats=("svg",)),
                  only=PICK[1::2])
    assert not [p for p in plain.iterdir() if p.is_symlink()]
    assert _published(plain) == _published(linked)
    assert _state(plain) == ["lock", "record.json"]
    changed = _changed_graphs(tmp_path, graphs_dir)
    build_catalog(load_dataset(changed), plain, BuildOptions(formats=("svg",)), only=PICK[1::2])
    clean = tmp_path / "clean"
    build_catalog(load_dataset(changed), clean, BuildOptions(formats=("svg",)), only=PICK[1::2])
    assert _published(plain) == _published(clean)


def test_a_folder_in_the_way_of_a_figure_is_one_line_and_nothing_is_left(
        tmp_path: Path, graphs_dir: Path) -> None:
    out = tmp_path / "out"
    (out / f"{ONE}.svg").mkdir(parents=True)
    result = _cli("figures", "--format", "svg", "--only", ONE, "--out", str(out),
                  graphs=graphs_dir)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{out / ONE}.svg: a folder is in the way" in result.output
    assert sorted(p.name for p in out.iterdir()) == [f"{ONE}.svg"]


def test_a_build_run_in_process_leaves_the_query_cache_on(tmp_path: Path,
                                                          graphs_dir: Path) -> None:
    """`figures` turns the cache off for itself only: a query run after it in the same process
    (a notebook, a test) still uses the cache."""
    from pathways import cache

    assert _cli("figures", "--format", "svg", "--only", ONE, "--out", str(tmp_path / "out"),
                graphs=graphs_dir).exit_code == 0
    assert cache.cache_dir() is not None


def test_a_link_of_the_users_in_the_way_is_replaced_like_a_file(tmp_path: Path,
                                                                graphs_dir: Path) -> None:
    """A symbolic link of the user's named like a figure's file is replaced by the build's own,
    as a plain file would be, and what it pointed to is left alone."""
    out, elsewhere = tmp_path / "out", tmp_path / "mine.svg"
    out.mkdir()
    elsewhere.write_text("<svg>mine</svg>", encoding="utf-8")
    (out / f"{ONE}.svg").symlink_to(elsewhere)
    assert _cli("figures", "--format", "svg", "--only", ONE, "--out", str(out),
                graphs=graphs_dir).exit_code == 0
    clean = tmp_path / "clean"
    assert _cli("figures", "--format", "svg", "--only", ONE, "--out", str(clean),
                graphs=graphs_dir).exit_code == 0
    assert _published(out) == _published(clean)
    assert elsewhere.read_text(encoding="utf-8") == "<svg>mine</svg>"


def test_a_state_folder_that_is_a_link_is_refused_and_nothing_is_written_through_it(
        tmp_path: Path, graphs_dir: Path) -> None:
    """`out/.pathways` planted as a link to another folder would take the build there."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / ".pathways").symlink_to("../elsewhere")
    result = _cli("figures", "--only", ONE, "--format", "svg", "--out", str(out),
                  graphs=graphs_dir)
    assert result.exit_code != 0
    (line,) = result.output.strip().splitlines()
    assert ".pathways is a symbolic link" in line
    assert list(elsewhere.iterdir()) == [] and sorted(p.name for p in out.iterdir()) == [".pathways"]


_INTERRUPTED_AT_FORK = """
import os, signal, sys
import pathways.figures as figures
from pathways.cli import run

armed = []
def interrupt() -> None:  # Ctrl-C the moment a worker of the build is forked
    if armed:
        armed.clear()
        os.kill(os.getpid(), signal.SIGINT)
os.register_at_fork(after_in_parent=interrupt)
real = figures._render_all
def render_all(*args, **kwargs):
    armed.append(1)
    return real(*args, **kwargs)
figures._render_all = render_all
sys.argv = ["pathways", *sys.argv[1:]]
run()
"""


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks here")
def test_ctrl_c_while_the_workers_are_forked_stops_the_build(tmp_path: Path,
                                                             graphs_dir: Path) -> None:
    # Raised in Python's at-fork hooks, the interrupt was printed as "Exception ignored" and
    # lost: the build went on, published and exited 0 (1 run in 30 at the right moment).
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", _INTERRUPTED_AT_FORK, "--graphs",
                           str(graphs_dir), "figures", "--format", "svg", "--out", str(out),
                           *PICK],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip() == "Aborted!", proc.stderr
    assert not (out / "manifest.json").exists()


def test_what_a_killed_build_s_workers_write_during_the_next_build_is_cleared(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Told to stop when their build is killed, its workers may still write into its staging
    # folder (ending their layouts) after the next build cleared it: that build clears it again
    # before it ends (once in a full test run under load, `out/.pathways` kept one).
    import pathways.figures as figures

    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    out = tmp_path / "out"
    real = figures._render_all

    def render_all(*args: object, **kwargs: object) -> object:
        late = out / ".pathways" / f"staging-{ended.pid}-late" / "layout-1"
        late.mkdir(parents=True)
        (late / "layout-1.gv.svg").write_text("<svg/>", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(figures, "_render_all", render_all)
    build_catalog(load_dataset(graphs_dir), out, BuildOptions(formats=("svg",)), only=PICK[1::2])
    assert _state(out) == KEPT


def test_a_rebuild_with_nothing_changed_clears_what_a_killed_build_left(
        tmp_path: Path, graphs_dir: Path) -> None:
    """After `kill -9`, the next build clears the killed build's staging folder (as the README
    says): a rebuild with nothing to draw took the quick way, past the clean-up, and left it."""
    out = tmp_path / "out"
    code, stdout, stderr = _run("figures", "--format", "svg", *PICK, "--out", str(out),
                                graphs=graphs_dir, cwd=tmp_path)
    assert code == 0, stdout + stderr
    files = _published(out)
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    left = out / ".pathways" / f"staging-{ended.pid}-killed" / "layout-1"
    left.mkdir(parents=True)
    (left / "half.svg").write_text("<svg", encoding="utf-8")
    code, stdout, stderr = _run("figures", "--format", "svg", *PICK, "--out", str(out),
                                graphs=graphs_dir, cwd=tmp_path)
    assert code == 0, stdout + stderr
    assert _state(out) == KEPT and _published(out) == files
