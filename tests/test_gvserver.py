"""The layout server (`gvserver`, run by `render`): the same bytes as the Graphviz programs, each
graph in a process of its own, and the programs wherever it cannot stand for them."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import pathways.render as render
from helpers import CLUSTERED, copies, note_programs
from pathways.errors import RenderError
from pathways.figures import BuildOptions, build_catalog, fixed_pdf_dates
from pathways.load import load_dataset
from pathways.render import SERVER_SWITCH, dot_available, run_each, run_graphviz, time_limit

pytestmark = [pytest.mark.graphviz,
              pytest.mark.skipif(not dot_available(), reason="Graphviz `dot` is not installed"),
              pytest.mark.skipif(not Path("/proc/self").exists(),
                                 reason="no /proc here to see processes by")]


@pytest.fixture(autouse=True)
def _server_here() -> None:
    """Every test here needs a layout server that stands for `dot` on this machine."""
    if render._server("dot") is None:
        pytest.skip("no layout server here (no fork(), no libgvc.so.6, or another Graphviz on "
                    "PATH): the programs run")


def _layouts(started: list[list[str]]) -> list[list[str]]:
    """The Graphviz programs started to lay out or draw (not to say their version)."""
    return [cmd for cmd in started if cmd[0] in ("dot", "neato") and "-V" not in cmd]


def _servers() -> set[int]:
    """Process ids of every layout server running on this machine."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(render.SERVER).encode() in cmdline:
                found.add(int(entry.name))
    return found


def _group_running(pgid: int) -> list[int]:
    """Processes of group `pgid` still running (not ended and waiting to be reaped)."""
    running = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="utf-8")
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()  # state, ppid, pgrp, ...
            if int(fields[2]) == pgid and fields[0] not in "ZX":
                running.append(int(entry.name))
    return running


def _group_ends(pgid: int, within: float = 5.0) -> bool:
    """Whether every process of group `pgid` ends within `within` seconds (SIGKILL takes a
    moment)."""
    end = time.monotonic() + within
    while _group_running(pgid) and time.monotonic() < end:
        time.sleep(0.05)
    return _group_running(pgid) == []


def _a_server() -> render._Server:
    """This process's layout server, once it has laid a graph out."""
    run_each([(CLUSTERED, ("dot",))])
    server = render._server("dot")
    assert server is not None
    return server


# A graph `dot` takes over a minute to lay out: any time limit below that cuts it off.
SLOW = "digraph big { " + "\n".join(f"n{i} -> n{(i * 7919) % 1500}; n{i} -> n{(i * 104729) % 1500};"
                                    for i in range(1500)) + " }"





@pytest.fixture(autouse=True)
def _every_layout_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests watch how each graph is laid out (by the server, by the programs, after a
    failure), often the same graph twice: none is answered from `run_each`'s memory."""
    monkeypatch.setattr(render, "_laid", render._Layouts(0))


def test_a_build_is_byte_identical_with_and_without_the_server(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = load_dataset(graphs_dir)
    options = BuildOptions()
    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # built in this process: its runs are seen
    started = note_programs(monkeypatch)
    build_catalog(dataset, tmp_path / "served", options)
    assert not _layouts(started)  # every layout and drawing went through the server
    monkeypatch.setenv(SERVER_SWITCH, "0")
    build_catalog(dataset, tmp_path / "programs", options)
    assert len(_layouts(started)) > 40
    names = sorted(p.name for p in (tmp_path / "programs").iterdir() if p.suffix != "")
    assert len(names) == 3 * len(dataset.figures) + 2
    for name in names:
        assert (tmp_path / "served" / name).read_bytes() == \
            (tmp_path / "programs" / name).read_bytes(), name


def test_clusters_keep_their_order_however_much_the_server_did_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    others = [CLUSTERED.replace("a -> h", f"a -> h [minlen={k}]; x{k} -> a") for k in range(20)]
    run_each([(text, ("dot",)) for text in others])
    served = run_graphviz(CLUSTERED, fmt="dot")
    positioned = served.decode("utf-8")
    drawn = {f: tmp_path / f"served.{f}" for f in ("svg", "pdf", "dot")}
    render.rerender(positioned, drawn)
    monkeypatch.setenv(SERVER_SWITCH, "0")
    assert served == run_graphviz(CLUSTERED, fmt="dot")
    alone = {f: tmp_path / f"programs.{f}" for f in ("svg", "pdf", "dot")}
    render.rerender(positioned, alone)
    for f in drawn:
        ours, theirs = drawn[f].read_bytes(), alone[f].read_bytes()
        assert fixed_pdf_dates(ours) == fixed_pdf_dates(theirs), f
    order = re.findall(r"<title>(cluster_\d)</title>", drawn["svg"].read_text(encoding="utf-8"))
    assert order == ["cluster_0", "cluster_1", "cluster_2", "cluster_3"]


def test_a_failing_graph_fails_alone_in_one_line(tmp_path: Path) -> None:
    good, broken, unknown = run_each([(CLUSTERED, ("dot",)), ("digraph { a -> }", ("dot",)),
                                      (CLUSTERED, ("nosuchformat",))], label="my-figure")
    assert isinstance(good, dict) and good["dot"].startswith(b"digraph")
    for failed in (broken, unknown):
        assert isinstance(failed, RenderError)
        assert str(failed).startswith("my-figure: Graphviz failed: ")
        assert "\n" not in str(failed) and ".gv" not in str(failed)
    assert "syntax error in line 1" in str(broken)
    assert "nosuchformat" in str(unknown)


def test_a_script_on_path_standing_in_for_dot_is_run(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "runs.log"
    for name in ("dot", "neato"):
        real = render.shutil.which(name)
        (folder / name).write_text(f'#!/bin/sh\necho {name} >> "{log}"\nexec {real} "$@"\n',
                                   encoding="utf-8")
        (folder / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    laid = run_each(copies(CLUSTERED, 3))
    assert log.read_text(encoding="utf-8").split().count("dot") == 3
    assert len({one["dot"] for one in laid}) == 1


def test_switched_off_runs_the_programs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERVER_SWITCH, "off")
    started = note_programs(monkeypatch)
    run_each(copies(CLUSTERED, 2))
    assert len(_layouts(started)) == 2


def test_the_time_limit_stops_the_server_and_every_layout_it_runs() -> None:
    server = _a_server()
    pgid = server.proc.pid
    assert _group_running(pgid) == [pgid]
    start = time.monotonic()
    with time_limit(0.5), pytest.raises(RenderError, match=r"took longer than 0\.5 s"):
        run_each(copies(SLOW, 2), label="slow")
    assert time.monotonic() - start < 5
    assert _group_ends(pgid)
    assert render._server("dot") is not server  # the next layout starts a new one
    assert run_each([(CLUSTERED, ("dot",))])[0]["dot"].startswith(b"digraph")


def test_a_server_gone_between_layouts_gives_way_to_the_programs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = run_each([(CLUSTERED, ("dot",))])[0]
    server = render._server("dot")
    assert server is not None
    os.kill(server.proc.pid, signal.SIGKILL)
    server.proc.wait()
    started = note_programs(monkeypatch)
    assert run_each([(CLUSTERED, ("dot",))])[0] == first  # the programs, this once
    assert len(_layouts(started)) == 1
    assert run_each([(CLUSTERED, ("dot",))])[0] == first  # and a new server after
    assert len(_layouts(started)) == 1


@pytest.mark.parametrize("first_line", ['{"error": "no Graphviz library"}',
                                        '{"version": "0.1", "built": "0", "nop": true}',
                                        "not json at all"])
def test_a_server_that_cannot_stand_for_dot_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_line: str) -> None:
    fake = tmp_path / "gvserver.py"
    fake.write_text(f"import sys\nprint({first_line!r}, flush=True)\nsys.stdin.read()\n",
                    encoding="utf-8")
    monkeypatch.setattr(render, "SERVER", fake)
    monkeypatch.setattr(render, "_servers", {})
    started = note_programs(monkeypatch)
    assert run_each([(CLUSTERED, ("dot",))])[0]["dot"].startswith(b"digraph")
    assert len(_layouts(started)) == 1
    assert render._server("dot") is None


def test_a_forked_process_starts_a_server_of_its_own() -> None:
    first = run_each([(CLUSTERED, ("dot",))])[0]
    server = render._server("dot")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: none of the parent's servers, and layouts as good
        os.close(read)
        try:
            ok = not render._servers and run_each([(CLUSTERED, ("dot",))])[0] == first
            mine = render._server("dot")
            ok = ok and mine is not None and mine.proc.pid != server.proc.pid
        except BaseException:
            ok = False
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.close(write)
    answer = os.read(read, 1)
    os.waitpid(pid, 0)
    os.close(read)
    assert answer == b"1"
    assert render._server("dot") is server and server.proc.poll() is None
    assert run_each([(CLUSTERED, ("dot",))])[0] == first


def test_a_build_leaves_no_server_behind(tmp_path: Path, graphs_dir: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # workers, each with a server of its own
    before = _servers()
    dataset = load_dataset(graphs_dir)
    build_catalog(dataset, tmp_path / "out", BuildOptions(), only=tuple(dataset.figures)[:3])
    mine = {s.proc.pid for s in render._servers.values() if s is not None}
    assert _servers() - before - mine == set()


def test_a_worker_waits_for_its_server_before_it_ends() -> None:
    # So the server's processor time counts as the worker's children's, as a program's does:
    # once the worker has ended, its server has ended and been reaped, not left to PID 1.
    import multiprocessing

    context = multiprocessing.get_context("fork")
    read, write = context.Pipe(duplex=False)
    worker = context.Process(target=_lay_out_and_say_server, args=(write,))
    worker.start()
    pid = read.recv()
    worker.join(30)
    assert worker.exitcode == 0
    assert not (Path("/proc") / str(pid)).exists()


def _lay_out_and_say_server(pipe: object) -> None:
    run_each([(CLUSTERED, ("dot",))])
    server = render._server("dot")
    pipe.send(server.proc.pid if server is not None else -1)  # type: ignore[attr-defined]


def test_the_server_answers_in_its_protocol(tmp_path: Path) -> None:
    source = tmp_path / "g.gv"
    source.write_text(CLUSTERED, encoding="utf-8")
    proc = render.subprocess.Popen([sys.executable, "-I", "-S", str(render.SERVER)],
                                   stdin=render.subprocess.PIPE, stdout=render.subprocess.PIPE,
                                   env=render.graphviz_env())
    assert proc.stdin is not None and proc.stdout is not None
    about = json.loads(proc.stdout.readline())
    assert about["version"] in render.graphviz_version() and about["nop"] is True
    jobs = [{"input": str(source), "cwd": str(tmp_path), "engine": engine, "nop": 0,
             "outputs": [["plain", str(tmp_path / f"{i}.plain")]],
             "errors": str(tmp_path / f"{i}.err")}
            for i, engine in enumerate(["dot", "nosuchengine"])]
    proc.stdin.write(json.dumps(jobs).encode() + b"\n")
    proc.stdin.flush()
    assert json.loads(proc.stdout.readline()) == [0, 1]
    assert (tmp_path / "0.plain").read_text(encoding="utf-8").startswith("graph ")
    assert "nosuchengine" in (tmp_path / "1.err").read_text(encoding="utf-8")
    proc.stdin.close()
    assert proc.wait(timeout=10) == 0


def test_threads_sharing_the_server_each_get_their_own_layouts() -> None:
    from concurrent.futures import ThreadPoolExecutor

    variants = [CLUSTERED.replace("a -> h", f"a -> h [minlen={k}]") for k in range(1, 9)]
    alone = [run_graphviz(v, fmt="dot") for v in variants]
    with ThreadPoolExecutor(4) as pool:
        laid = list(pool.map(lambda v: run_each(copies(v, 2)), variants))
    assert [[one["dot"] for one in pair] for pair in laid] == [[a, a] for a in alone]


def test_an_interrupted_batch_never_answers_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    # Interrupted while waiting (Ctrl-C in a notebook): the server is stopped, not left to
    # send its answer to whoever asks next.
    first = run_each([(CLUSTERED, ("dot",))])[0]
    server = render._server("dot")
    assert server is not None

    def interrupted(self: object, timeout: float) -> bytes:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(render._Server, "line", interrupted)
        with pytest.raises(KeyboardInterrupt):
            run_each([(CLUSTERED, ("dot",))])
    assert server.proc.poll() is not None
    other = CLUSTERED.replace("a -> h", "a -> h [minlen=3]")
    assert run_each([(other, ("dot",))])[0]["dot"] == run_graphviz(other, fmt="dot")
    assert run_each([(CLUSTERED, ("dot",))])[0] == first
    # Out of time before asking: nothing is sent, and the server goes on answering rightly.
    server = render._server("dot")
    with time_limit(0.0), pytest.raises(RenderError, match="longer than"):
        run_each([(CLUSTERED, ("dot",))])
    assert render._server("dot") is server
    assert run_each([(other, ("dot",))])[0]["dot"] == run_graphviz(other, fmt="dot")


@pytest.mark.parametrize("job", ["label", "position"])
def test_an_error_graphviz_reports_fails_as_with_the_programs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, job: str) -> None:
    # Errors that do not stop Graphviz (a malformed label; a node without its position under
    # `-n`) still make `dot` exit 1: the server's child as well, with the same message.
    def attempt() -> str:
        if job == "label":
            failed = run_each([("digraph { a [label=<<B>x</I>>] }", ("dot",))], label="fig")[0]
            assert isinstance(failed, RenderError)
            return str(failed)
        with pytest.raises(RenderError) as caught:
            render.rerender('digraph { a [pos="x,y"]; }', {"svg": tmp_path / "a.svg"}, "fig")
        return str(caught.value)

    served = attempt()
    assert ("mismatched tag" if job == "label" else "no position") in served
    monkeypatch.setenv(SERVER_SWITCH, "0")
    assert attempt() == served


def test_a_new_server_starts_as_new_whatever_the_environment_says(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The server's notes to itself, left in a caller's environment, would have it answer a
    # batch nobody sent and say nothing first (then the caller waits and runs the programs).
    monkeypatch.setenv("PATHWAYS_GVSERVER_BATCH", "[]")
    monkeypatch.setenv("PATHWAYS_GVSERVER_NO_FONTS", "1")
    for server in [s for s in render._servers.values() if s is not None]:
        server.close()
    render._servers.clear()
    server = render._server("dot")
    assert server is not None  # it said its first line
    environ = (Path("/proc") / str(server.proc.pid) / "environ").read_bytes().split(b"\0")
    assert not [v for v in environ if v.startswith(b"PATHWAYS_GVSERVER_")]


def test_limits_on_malloc_arenas_do_not_reach_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    # With one arena, a layout thread would share the server's used memory, and clusters come
    # out in another order than `dot` writes them.
    monkeypatch.setenv("MALLOC_ARENA_MAX", "1")
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=1:glibc.malloc.check=0")
    others = [CLUSTERED.replace("a -> h", f"a -> h [minlen={k}]; x{k} -> a") for k in range(20)]
    run_each([(text, ("dot",)) for text in others])
    server = render._server("dot")
    assert server is not None
    environ = (Path("/proc") / str(server.proc.pid) / "environ").read_bytes().split(b"\0")
    assert not [v for v in environ if v.startswith(b"MALLOC_ARENA_MAX=")]
    assert b"GLIBC_TUNABLES=glibc.malloc.check=0" in environ
    served = run_graphviz(CLUSTERED, fmt="dot")
    monkeypatch.setenv(SERVER_SWITCH, "0")
    assert served == run_graphviz(CLUSTERED, fmt="dot")


@pytest.mark.parametrize("limit", ["unlimited", 16 << 20])
def test_layout_threads_get_the_stack_dot_would_have(limit: object) -> None:
    # With no stack limit a thread's default stack is 2 MiB, where `dot`'s main thread grows as
    # needed: a chain of 32,000 nodes (86 s in `dot`) overflowed it. The server gives its
    # layout threads the soft stack limit, or 1 GiB where there is none.
    import resource
    import subprocess

    _, hard = resource.getrlimit(resource.RLIMIT_STACK)
    wanted = resource.RLIM_INFINITY if limit == "unlimited" else int(str(limit))
    if hard != resource.RLIM_INFINITY and (wanted == resource.RLIM_INFINITY or wanted > hard):
        pytest.skip("the hard stack limit is lower here")

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_STACK, (wanted, hard))

    proc = subprocess.Popen([sys.executable, "-I", "-S", str(render.SERVER)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            env=render.graphviz_env(), preexec_fn=limited)
    assert proc.stdout is not None and proc.stdin is not None
    about = json.loads(proc.stdout.readline())
    proc.stdin.close()
    proc.wait(timeout=10)
    assert about["stack"] == (1 << 30 if limit == "unlimited" else 16 << 20)


def test_a_server_that_dies_mid_batch_takes_its_layouts_with_it() -> None:
    import threading

    server = _a_server()
    pgid = server.proc.pid
    threading.Timer(0.3, lambda: os.kill(pgid, signal.SIGKILL)).start()
    with time_limit(1.5), pytest.raises(RenderError, match="longer than"):
        run_each(copies(SLOW, 2), label="slow")  # then the programs, out of time
    assert _group_ends(pgid)


def _children(pid: int) -> set[int]:
    """Processes whose parent is `pid`, ended or not."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


@pytest.mark.parametrize("how", ["stop", "kill_servers"])
def test_a_server_told_to_stop_has_ended_every_layout_when_it_returns(
        tmp_path: Path, how: str) -> None:
    """Once `stop` (or `kill_servers`, a worker's way out when its build is stopped) returns,
    no layout of the server exists any more, not even one waiting to be reaped: the server,
    told to stop, kills its layouts and waits for them. Killed at once with their server,
    layouts went on for the moment they took to die, writing into the folder the caller was
    then removing: an interrupted `render` failed now and then on a folder "not empty"."""
    server = _a_server()
    (tmp_path / "slow.gv").write_text(SLOW, encoding="utf-8")
    jobs = [{"input": str(tmp_path / "slow.gv"), "cwd": str(tmp_path), "engine": "dot",
             "nop": 0, "outputs": [["dot", str(tmp_path / f"{i}.dot")]],
             "errors": str(tmp_path / f"{i}.err")} for i in range(2)]
    assert server.proc.stdin is not None
    server.proc.stdin.write(json.dumps(jobs).encode() + b"\n")
    layouts: set[int] = set()
    end = time.monotonic() + 30
    while len(layouts) < 2 and time.monotonic() < end:
        layouts |= _children(server.proc.pid)
        time.sleep(0.01)
    assert len(layouts) == 2, "the layouts did not start"
    if how == "stop":
        server.stop()
    else:
        render.kill_servers()
        server.stop()  # forgotten, as a process that goes on would
    assert [pid for pid in layouts if Path(f"/proc/{pid}").exists()] == []
    assert not list(tmp_path.glob("*.dot"))


def test_one_server_a_process_started_again_only_for_what_graphviz_reads(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    run_each([(CLUSTERED, ("dot",))])
    first = render._server("dot")
    monkeypatch.setenv("PATHWAYS_SOMETHING_ELSE", "1")  # nothing Graphviz reads
    assert render._server("dot") is first
    monkeypatch.setenv("GDFONTPATH", str(tmp_path))  # something it does
    second = render._server("dot")
    assert second is not None and second is not first
    assert first is not None and first.proc.poll() is not None  # the old one ended
    assert len(render._servers) == 1


def test_running_out_of_time_while_starting_does_not_give_up_the_server() -> None:
    for server in [s for s in render._servers.values() if s is not None]:
        server.close()
    render._servers.clear()
    with time_limit(0.0), pytest.raises(RenderError, match="longer than"):
        run_each([(CLUSTERED, ("dot",))])
    assert render._server("dot") is not None


# --- fonts measured in the server before its children (`gvserver.Warmer`) ----------------------

def _gvserver() -> Any:
    """The server's module, as the server runs it (outside the package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gvserver_under_test", render.SERVER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fonts_a_graph_names_are_the_ones_measured() -> None:
    gvserver = _gvserver()
    named = gvserver.fonts_named(
        b'digraph { node [fontname="Liberation Sans", fontsize=9]; graph [fontname=Helvetica];'
        b' a [label=<<FONT POINT-SIZE="7.5"><B>K</B><SUB>i</SUB></FONT>>] }')
    families = {family for family, _, _ in named}
    sizes = {size for _, size, _ in named}
    styles = {flags for _, _, flags in named}
    # Text naming no font is set in Graphviz's default, Times-Roman 14.
    assert families == {b"Liberation Sans", b"Helvetica", b"Times-Roman"}
    assert sizes == {9.0, 7.5, 14.0}
    assert styles == {0, 1, 16}  # plain, bold, lowered: no italic, nothing raised
    assert len(named) == 3 * 3 * 3
    plain = gvserver.fonts_named(b"digraph { a -> b }")
    assert plain == {(b"Times-Roman", 14.0, 0)}


def test_no_text_falls_back_on_the_default_family_where_every_default_names_one() -> None:
    """A graph whose graph, node and edge defaults each name a family (as every figure's does)
    sets no text in Times-Roman: it is not measured, in any size or style. Where one of the
    three names none, it is."""
    gvserver = _gvserver()
    every = (b'digraph { graph [fontname="Liberation Sans", fontsize="20"];\n'
             b'  node [shape=box, fontname="Liberation Sans"];\n  edge [fontname=Arial];\n'
             b'  a [label=<<B>x</B>>]; a -> b }')
    assert {family for family, _, _ in gvserver.fonts_named(every)} == \
        {b"Liberation Sans", b"Arial"}
    for missing in (b"graph [", b"node [shape=box, ", b"edge ["):
        source = every.replace(missing + b"fontname", missing + b"colour")
        assert b"Times-Roman" in {family for family, _, _ in gvserver.fonts_named(source)}, \
            missing
    # Named only inside a label, or by a node of its own: text elsewhere may fall back.
    for source in (b'digraph { a [label=<<FONT FACE="Arial">x</FONT>>] }',
                   b'digraph { a [fontname=Arial]; b }',
                   b'digraph { mynode [fontname=Arial]; xgraph [fontname=Arial]; '
                   b'yedge [fontname=Arial] }'):
        assert b"Times-Roman" in {family for family, _, _ in gvserver.fonts_named(source)}


_FONT_BITS = [b"fontname", b"FontName", b"FACE", b"face", b"fontsize", b"POINT-SIZE",
              b"point-size", b"=", b" = ", b'"', b'\\"', b"Liberation Sans", b"Arial", b"9",
              b"7.5", b".5", b"x", b" ", b"<", b">", b";", b"-", b"\n", b"\xc3\xa9"]


@given(st.lists(st.sampled_from(_FONT_BITS), max_size=40))
@example([b"fontname", b"=", b'"', b"face", b"=", b"Arial", b'"'])  # a word inside a name
@example([b"fontsize", b"=", b'"', b"point-size", b"=", b"9", b'"'])
@settings(max_examples=400, deadline=None)
def test_fonts_are_found_where_the_expressions_find_them(bits: list[bytes]) -> None:
    """The server looks for font names and sizes only where one of the words that start them
    appears (`matches`): it must find exactly what the expressions find scanning every byte,
    overlapping words, words inside a quoted name and words glued to others included."""
    gvserver = _gvserver()
    source = b"".join(bits)
    for pattern, words in ((gvserver._FAMILY, (b"fontname", b"face")),
                           (gvserver._SIZE, (b"fontsize", b"point-size"))):
        assert [m.span() for m in gvserver.matches(pattern, words, source)] == \
            [m.span() for m in pattern.finditer(source)]


def test_a_figures_fonts_are_the_ones_every_byte_scanned_names() -> None:
    """On a real figure's DOT, the fonts named are those the expressions alone find."""
    gvserver = _gvserver()
    dataset = load_dataset(Path(__file__).resolve().parents[1] / "graphs")
    from pathways.dot import build_dot
    from pathways.merge import merge
    from pathways.style import PRESETS, THEMES
    from pathways.views import compounds_view

    view = compounds_view(merge(dataset), ["ketamine", "mgs0039"], "km", [], None)
    source = build_dot(view, PRESETS["slide"], THEMES["light"]).encode()
    # Its graph, node and edge defaults name the family: Graphviz's default is never used.
    families = {m.group(1) if m.group(1) is not None else m.group(2)
                for m in gvserver._FAMILY.finditer(source)}
    assert gvserver.DEFAULT_FAMILY not in families
    sizes = {float(m.group(1)) for m in gvserver._SIZE.finditer(source)} | {14.0}
    named = gvserver.fonts_named(source)
    assert {f for f, _, _ in named} == families and {s for _, s, _ in named} == sizes
    assert len(sizes) > 2  # titles, details and labels in sizes of their own


# A child run in a process of its own (the server's module, its library loaded): fonts measured
# as a batch of our figures would have them, then a forked child's layout thread asks how many
# arenas the process has once it allocated: one more (fresh) or as many (it took a used one).
_ARENA_CHILD = """
import os, sys
sys.path.insert(0, {folder!r})
import gvserver as g
gvc, context, nop = g.load()
g.warm_fonts()
fonts, again = g.probe(gvc, context)
if fonts is None:
    print("unmeasured", again)
    sys.exit(0)
fonts.fonts({{(b"Liberation Sans", 20.0, 0), (b"Liberation Sans", 17.0, 1),
              (b"Liberation Sans", 20.0, 16)}})
counts = []
for hold in (True, False):
    pid = os.fork()
    if pid == 0:
        if hold:
            g.hold_arenas(fonts.arenas - 1)
        os._exit(g.in_a_thread(lambda: g.arenas() or 0))
    counts.append(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
print(fonts.arenas, *counts)
"""


def test_a_layout_after_fonts_were_measured_gets_a_fresh_arena() -> None:
    # Pango sorts fonts in threads, each with a malloc arena; a child forked after the fonts
    # were measured would hand its layout thread one of them, used memory, and clusters came
    # out in another order than `dot` writes them, now and then. Held, a fresh one is made.
    import subprocess

    script = _ARENA_CHILD.format(folder=str(render.SERVER.parent))
    out = subprocess.run([sys.executable, "-I", "-S", "-c", script], capture_output=True,
                         text=True, env=render.graphviz_env(), timeout=60, check=True).stdout
    if out.startswith("unmeasured"):
        pytest.skip(f"fonts are not measured in the server here ({out.strip()})")
    server, held, unheld = (int(n) for n in out.split())
    assert held == server + 1  # the layout thread's arena is a new one
    if server > 1:  # arenas to reuse: without holding them, one is
        assert unheld == server


def test_the_server_measures_fonts_only_where_its_children_stay_whole() -> None:
    # A Pango that keeps a thread for the life of its font map leaves the server a thread its
    # children would lack (and wait for): the server starts again without measuring. Here the
    # server measures exactly where a process of its own finds the measuring safe.
    import subprocess

    script = (f"import sys; sys.path.insert(0, {str(render.SERVER.parent)!r}); "
              "import gvserver as g; gvc, c, n = g.load(); g.warm_fonts(); "
              "w, again = g.probe(gvc, c); print(w is not None, again)")
    _, again = subprocess.run(
        [sys.executable, "-I", "-S", "-c", script], capture_output=True, text=True,
        env=render.graphviz_env(), timeout=60, check=True).stdout.split()
    server = render._server("dot")
    assert server is not None
    environ = (Path("/proc") / str(server.proc.pid) / "environ").read_bytes().split(b"\0")
    restarted = any(v.startswith(b"PATHWAYS_GVSERVER_NO_FONTS=") for v in environ)
    assert restarted == (again == "True")


def test_settled_waits_for_the_other_threads_to_end() -> None:
    import threading

    gvserver = _gvserver()
    assert gvserver.settled(0.0) == (len(os.listdir("/proc/self/task")) == 1)
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert not gvserver.settled(0.05)  # a thread that goes on: not settled
    finally:
        release.set()
        worker.join()


# The server run with its font measuring failing at the second batch (as where a thread of the
# text library would not end): it starts itself again, measuring nothing, and answers that
# batch and the next from there, in the same process, its first line said once.
_BREAKS_AT_SECOND = """
import sys
sys.path.insert(0, {folder!r})
import gvserver as g
real, calls = g.Warmer.fonts, []
def fonts(self, named):
    calls.append(1)
    real(self, named)
    if len(calls) == 3:  # the probe, the first batch, then the second
        self.broken = True
g.Warmer.fonts = fonts
sys.argv[0] = {server!r}
g.__file__ = {server!r}
sys.exit(g.main())
"""


def test_a_server_unfit_to_fork_after_measuring_starts_again_and_answers(tmp_path: Path) -> None:
    import subprocess

    source = tmp_path / "g.gv"
    source.write_text(CLUSTERED, encoding="utf-8")
    script = _BREAKS_AT_SECOND.format(folder=str(render.SERVER.parent), server=str(render.SERVER))
    proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", script], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=render.graphviz_env())
    assert proc.stdin is not None and proc.stdout is not None
    assert "version" in json.loads(proc.stdout.readline())
    for batch in range(3):
        jobs = [{"input": str(source), "cwd": str(tmp_path), "engine": "dot", "nop": 0,
                 "outputs": [["dot", str(tmp_path / f"{batch}-{i}.dot")]],
                 "errors": str(tmp_path / f"{batch}-{i}.err")} for i in range(2)]
        proc.stdin.write(json.dumps(jobs).encode() + b"\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline()) == [0, 0], batch
        environ = (Path("/proc") / str(proc.pid) / "environ").read_bytes().split(b"\0")
        assert any(v.startswith(b"PATHWAYS_GVSERVER_NO_FONTS=") for v in environ) == (batch > 0)
    laid = {p.read_bytes() for p in tmp_path.glob("*.dot")}
    assert len(laid) == 1 and next(iter(laid)).startswith(b"digraph")
    proc.stdin.close()
    assert proc.stdout.read() == b""  # nothing more said: one first line, one answer a batch
    assert proc.wait(timeout=10) == 0


# The server run with every child unable to start a thread (as under a limit on processes):
# `hold_arenas` raises there, as `_thread.start_new_thread` does when none can be had.
_NO_THREADS = """
import sys
sys.path.insert(0, {folder!r})
import gvserver as g
def hold_arenas(count):
    raise RuntimeError("can't start new thread")
g.hold_arenas = hold_arenas
sys.argv[0] = {server!r}
g.__file__ = {server!r}
sys.exit(g.main())
"""


def test_a_layout_the_server_cannot_start_is_laid_out_by_the_programs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Not a Graphviz failure ("Graphviz failed: exit status 70"): the programs lay it out.
    expected = run_each([(CLUSTERED, ("dot",))])[0]
    wrapper = tmp_path / "gvserver.py"
    wrapper.write_text(_NO_THREADS.format(folder=str(render.SERVER.parent),
                                          server=str(render.SERVER)), encoding="utf-8")
    monkeypatch.setattr(render, "SERVER", wrapper)
    monkeypatch.setattr(render, "_servers", {})
    started = note_programs(monkeypatch)
    assert run_each(copies(CLUSTERED, 2)) == [expected, expected]
    assert len(_layouts(started)) == 2  # both went to the programs
    assert render._server("dot") is not None  # the server stays for what it can do
    assert run_graphviz(CLUSTERED, fmt="dot") == expected["dot"]
