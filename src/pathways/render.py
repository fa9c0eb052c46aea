"""The one module that starts processes: Graphviz, through its layout server (`gvserver`, which
forks a process per graph from one that has Graphviz loaded) or its programs, and poppler's
`pdftocairo`, which draws a figure's PDF as the pixels of its PNG (see `raster`).

Every run gets the same surroundings whatever the user's: UTC and the C locale (cairo stamps
PDFs with the local time zone; pango picks fonts by locale), and a scratch folder as working
directory (Graphviz 2.43 writes an empty `noname.gv.xdot` into it). One time limit bounds all the
runs of a build (`time_limit`), not each run; outputs are checked before anyone reads them, so a
`dot` that prints garbage or nothing is a one-line RenderError naming the figure.
"""

from __future__ import annotations

import atexit
import json
import mmap
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

from .cleanup import remove_tree, scratch_folder
from .errors import GraphvizNotFound, PathwaysError, RenderError

__all__ = ["RASTERIZER", "TIMEOUT", "Drawing", "dot_available", "graphviz_env",
           "graphviz_version", "json_boxes", "kill_servers", "layout_positions",
           "rasterize_later", "rasterizer_available", "rasterizer_version", "rerender",
           "rerender_later", "run_each", "run_graphviz", "scratch_root", "time_limit"]

RASTERIZER = "pdftocairo"  # poppler's: draws a PDF with cairo, as Graphviz draws its PNGs
TIMEOUT = 120  # seconds for all the Graphviz runs of one build; longer is a bug to report

# The limit in force: (deadline on the monotonic clock, its length in seconds, what it bounds,
# what to do when it is reached), set by `time_limit`; a run outside any limit gets the whole
# TIMEOUT.
_limit: tuple[float, float, str, str] | None = None
BUILD = ("for the whole build", "build fewer figures at a time (--only) or report the figure")
# What each `dot` program said of its version (see `graphviz_version`).
_versions: dict[tuple[Any, ...], str] = {}
# Where scratch folders go while a build runs (inside its staging folder), else the system's.
_scratch: Path | None = None


@contextmanager
def time_limit(seconds: float | None = None, deadline: float | None = None,
               scope: tuple[str, str] = BUILD) -> Iterator[float]:
    """Bound every Graphviz run inside the block by one deadline, `seconds` (else TIMEOUT) from
    now (or the
    given `deadline` on `time.monotonic()`, for a worker process of the same build); yields the
    deadline. `scope`: what the limit bounds and what to do when it is reached, as the error
    then says them (a build's figures, or one `render` drawing). Nested limits keep the
    earlier deadline, and its scope."""
    global _limit
    before = _limit
    seconds = TIMEOUT if seconds is None else seconds
    end = time.monotonic() + seconds if deadline is None else deadline
    limit = (end, seconds, *scope)
    _limit = before if before is not None and before[0] <= end else limit
    try:
        yield end
    finally:
        _limit = before


@contextmanager
def scratch_root(folder: Path) -> Iterator[Path]:
    """Put the scratch folders of the Graphviz runs inside the block under `folder` (a build's
    staging folder), so that removing the staging folder removes them too."""
    global _scratch
    before, _scratch = _scratch, folder
    try:
        yield folder
    finally:
        _scratch = before


def graphviz_env() -> dict[str, str]:
    """The environment Graphviz runs in: the user's, with the time zone, locale and date fixed."""
    env = dict(os.environ)
    env.update(TZ="UTC", LC_ALL="C.UTF-8", LANGUAGE="", SOURCE_DATE_EPOCH="946684800")
    return env


def dot_available() -> bool:
    """True when the Graphviz `dot` program is on PATH."""
    return shutil.which("dot") is not None


def graphviz_version() -> str:
    """What `dot -V` says about itself (part of the build cache's key). Asked once for each
    `dot` program file (by its path, size and time), so a build's workers, forked after the
    build asked, do not ask again."""
    found = shutil.which("dot")
    if found is None:
        raise GraphvizNotFound()
    key = _file_identity(found)
    if key is not None and key in _versions:
        return _versions[key]
    proc = _run(["dot", "-V"], b"", "Graphviz version", cwd=None)
    said = (proc.stderr + proc.stdout).decode("utf-8", "replace").strip()
    if key is not None:
        _versions[key] = said
    return said


def _timeout(label: str) -> float:
    if _limit is None:
        return TIMEOUT
    left = _limit[0] - time.monotonic()
    if left <= 0:
        raise _too_slow(label)
    return left


def _run(cmd: list[str], stdin: bytes, label: str, cwd: Path | None
         ) -> subprocess.CompletedProcess[bytes]:
    from graphviz.backend.execute import CalledProcessError, ExecutableNotFound, run_check

    if not dot_available():
        raise GraphvizNotFound()
    if shutil.which(cmd[0]) is None:
        raise GraphvizNotFound(cmd[0])
    timeout = _timeout(label)
    try:
        return run_check(cmd, input=stdin, capture_output=True, timeout=timeout, quiet=True,
                         env=graphviz_env(), cwd=cwd or _scratch or tempfile.gettempdir())
    except ExecutableNotFound as exc:
        raise GraphvizNotFound(cmd[0]) from exc
    except subprocess.TimeoutExpired as exc:
        raise _too_slow(label) from exc
    except CalledProcessError as exc:
        raise RenderError(f"{label}: Graphviz failed: {_error_text(exc.stderr, exc.returncode)}") \
            from exc
    except OSError as exc:  # not executable, too many processes, ...
        raise RenderError(f"{label}: cannot run Graphviz `{cmd[0]}`: {exc.strerror or exc}") \
            from exc


def _too_slow(label: str) -> RenderError:
    """The error for a Graphviz run cut off by the time limit (the one in force, or one run's),
    saying what it bounds and what to do."""
    if _limit is None:
        return RenderError(f"{label}: Graphviz took longer than {TIMEOUT:g} s")
    _, seconds, bounds, advice = _limit
    return RenderError(f"{label}: Graphviz took longer than {seconds:g} s {bounds}; {advice}")


def _error_text(stderr: bytes | None, code: int) -> str:
    """Graphviz's error on one line: from its first "Error" line to the end, without warnings
    before it, shortened."""
    lines = [line.strip() for line in (stderr or b"").decode("utf-8", "replace").splitlines()]
    start = next((i for i, line in enumerate(lines) if "Error" in line), 0)
    text = " ".join(line for line in lines[start:] if line).removeprefix("Error: ")
    text = re.sub(r"\S*layout(?:-\d+)?\.gv:\s*", "", text)  # our scratch file's name says nothing
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return (text[:300] + "...") if len(text) > 300 else text or f"exit status {code}"


def _check_output(data: bytes, fmt: str, label: str) -> bytes:
    """`data` if it looks like Graphviz's `fmt` output, else a RenderError: a broken or fake
    `dot` fails here, naming the figure, not later in a parser."""
    head, tail = data[:64].lstrip(), data.rstrip()[-16:]
    ok = {
        "json": head.startswith(b"{") and tail.endswith(b"}"),
        "dot": head.startswith((b"digraph", b"graph", b"strict")) and tail.endswith(b"}"),
        "svg": b"<svg" in data[:2048] and tail.endswith(b"</svg>"),
        "pdf": head.startswith(b"%PDF-") and b"%%EOF" in data[-1024:],
        "plain": head.startswith(b"graph ") and tail.endswith(b"stop"),
        "png": data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82"),
        "tif": data.startswith((b"II*\0", b"MM\0*")),
    }.get(fmt, bool(data))
    if not ok:
        what = "nothing" if not data.strip() else "something that is not " + fmt.upper()
        if fmt == "tif":
            what = what.replace("TIF", "a TIFF image")
            raise RenderError(f"{label}: {RASTERIZER} wrote {what}; check the poppler-utils "
                              f"installation (`{RASTERIZER} -v`)")
        raise RenderError(f"{label}: Graphviz wrote {what}; check the Graphviz installation "
                          "(`dot -V`)")
    return data


def run_graphviz(source: str, outputs: dict[str, Path] | None = None, engine: str = "dot",
                 fmt: str = "svg", label: str = "figure", args: tuple[str, ...] = ()) -> bytes:
    """Run Graphviz once on DOT `source`.

    With `outputs` (format -> path), write every format from one layout (`-Tfmt -ofile` pairs),
    check each file and return b""; otherwise return the `fmt` output as bytes, checked.
    """
    served = _serve_one(source, engine, args, outputs, fmt, label)
    if served is not None:
        return served
    cmd = [engine, *args]
    if outputs:
        for f, path in outputs.items():
            cmd += [f"-T{f}", f"-o{path}"]
    else:
        cmd.append(f"-T{fmt}")
    proc = _run(cmd, source.encode("utf-8"), label, cwd=None)
    if not outputs:
        return _check_output(proc.stdout, fmt, label)
    for f, path in outputs.items():
        _check_output(path.read_bytes() if path.is_file() else b"", f, label)
    return b""


def layout_positions(source: str, label: str = "layout") -> dict[str, tuple[float, float, float,
                                                                              float]]:
    """Node centre and size in points, y pointing down, keyed by DOT node name: (x, y, w, h)."""
    return json_boxes(json.loads(run_graphviz(source, fmt="json", label=label)))


def json_boxes(data: dict[str, Any]) -> dict[str, tuple[float, float, float, float]]:
    """Every node's centre and size in points, y pointing down, keyed by DOT node name, from
    Graphviz's `-Tjson` output `data`."""
    height = float(data["bb"].split(",")[3])
    out = {}
    for obj in data.get("objects", []):
        if "pos" not in obj or "nodes" in obj:
            continue
        x, y = (float(v) for v in obj["pos"].split(","))
        out[obj["name"]] = (x, height - y, float(obj["width"]) * 72, float(obj["height"]) * 72)
    return out


def run_each(jobs: list[tuple[str, tuple[str, ...]]], label: str = "figure"
             ) -> list[dict[str, bytes] | RenderError]:
    """Lay each (DOT source, formats) of `jobs` out in a `dot` process of its own, all running
    at once, and return each one's outputs by format, in order, checked; a job Graphviz cannot
    lay out (`trouble in init_rank`, say) gives its RenderError in its place rather than
    stopping the others; running out of time raises.

    One process per graph, never one for several: in Graphviz 2.43 a graph laid out after
    another in the same process may come out laid out otherwise than alone (with `newrank`,
    which every figure sets; not without it), differently from one run to the next, or crash
    the process. Of some 330 pairs of candidate layouts of three `render` views, the second
    came out otherwise in 10 to 12 (three tries), most of them differently every time; of 398
    candidates that lay out alone, 78 crashed `dot` laid out twice in one process. A graph
    alone in its process comes out the same every time. The process is a child of the layout
    server where it stands for `dot` (`_server`), else a `dot` program.

    Since a graph alone comes out the same every time, a job this process has laid out before
    (the same text and formats, the same `dot` and surroundings) is answered from memory
    (`_laid`), and a job given twice is laid out once: a `render` and its advice ask for the same
    candidate again and again (61 of the 373 graphs of `render ketamine mgs0039`).
    """
    if not jobs:
        return []
    if not dot_available():
        raise GraphvizNotFound()
    where = _graphviz_identity()
    out: list[dict[str, bytes] | RenderError | None] = [None] * len(jobs)
    todo: dict[tuple[Any, ...], list[int]] = {}  # the jobs to lay out, each where it is asked
    for i, (text, formats) in enumerate(jobs):
        key = (where, text, formats)
        if (hit := _laid.get(key)) is not None:
            out[i] = hit
        else:
            todo.setdefault(key, []).append(i)
    if todo:
        keys = list(todo)
        for key, result in zip(keys, _run_each([(k[1], k[2]) for k in keys], label),
                               strict=True):
            for i in todo[key]:
                out[i] = result
            if not isinstance(result, RenderError):
                _laid.add(key, result)
    return out  # type: ignore[return-value]  # every place filled


class _Layouts:
    """Layouts this process has made, by (Graphviz, text, formats), the least recently asked
    for forgotten first once their outputs pass `most` bytes. Shared: only ever read."""

    def __init__(self, most: int) -> None:
        self.most, self.size = most, 0
        self.kept: OrderedDict[tuple[Any, ...], dict[str, bytes]] = OrderedDict()
        self.lock = threading.Lock()  # threads may share a process's layouts (and server)

    def get(self, key: tuple[Any, ...]) -> dict[str, bytes] | None:
        with self.lock:
            hit = self.kept.get(key)
            if hit is not None:
                self.kept.move_to_end(key)
            return hit

    def add(self, key: tuple[Any, ...], outputs: dict[str, bytes]) -> None:
        with self.lock:
            if key in self.kept:
                return
            self.kept[key] = outputs
            self.size += sum(map(len, outputs.values()))
            while self.size > self.most and self.kept:
                _, dropped = self.kept.popitem(last=False)
                self.size -= sum(map(len, dropped.values()))

    def clear(self) -> None:
        with self.lock:
            self.kept.clear()
            self.size = 0


LAID_BYTES = 64 << 20  # a `render` of two compounds and its advice: some 50 MB of layouts
_laid = _Layouts(LAID_BYTES)


def forget_layouts() -> None:
    """Forget every layout `run_each` remembers (a test that changes how Graphviz runs)."""
    _laid.clear()


def _graphviz_identity() -> tuple[Any, ...]:
    """What a layout rests on besides its text: the `dot` program on PATH (its real path, size
    and time) and what Graphviz reads from the environment; `_server` tells servers apart by
    it too."""
    dot = shutil.which("dot")
    return (dot and _file_identity(dot),
            tuple(sorted((k, v) for k, v in graphviz_env().items()
                         if k in _GRAPHVIZ_VARIABLES or k.startswith(_GRAPHVIZ_PREFIXES))))


def _run_each(jobs: list[tuple[str, tuple[str, ...]]], label: str
              ) -> list[dict[str, bytes] | RenderError]:
    """`run_each` without its memory: every job laid out."""
    server = _server("dot")
    with scratch_folder("pathways-layout-", _scratch) as folder:
        if server is not None:
            served = _serve(server, folder, [
                (text, "dot", 0, {f: folder / f"layout-{i}.gv.{f}" for f in formats})
                for i, (text, formats) in enumerate(jobs)], label)
            if served is not None:
                return served
        running: list[subprocess.Popen[bytes]] = []
        try:
            for i, (text, formats) in enumerate(jobs):
                (folder / f"layout-{i}.gv").write_text(text, encoding="utf-8")
                cmd = ["dot", *(f"-T{f}" for f in formats), "-O", f"layout-{i}.gv"]
                running.append(_start(cmd, folder, label))
            failed = [_failure(proc, label) for proc in running]
        finally:
            for proc in running:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        out: list[dict[str, bytes] | RenderError] = []
        for i, ((_, formats), error) in enumerate(zip(jobs, failed, strict=True)):
            try:
                if error is not None:
                    raise error
                out.append({f: _check_output(_read(folder / f"layout-{i}.gv.{f}"), f, label)
                            for f in formats})
            except RenderError as exc:
                out.append(exc)
    return out


def _read(path: Path) -> bytes:
    """A file's bytes; none where it was not written."""
    return path.read_bytes() if path.is_file() else b""


# --- the layout server (see `gvserver`) -------------------------------------------------------

SERVER = Path(__file__).with_name("gvserver.py")
# Opting out: PATHWAYS_LAYOUT_SERVER=0 runs the Graphviz programs for every layout.
SERVER_SWITCH = "PATHWAYS_LAYOUT_SERVER"
_servers: dict[tuple[Any, ...], _Server | None] = {}  # by process, `dot` and surroundings
# A layout child's exit code where it could not run its job itself (`gvserver.FAILED`): the
# job goes to the programs.
SERVER_FAILED = 70
STOP_WAIT = 2.0  # seconds a server told to stop has to end its layouts and itself
_starting = threading.Lock()


class _Server:
    """A running `gvserver` of this process: `run` hands it a batch of jobs and waits, within
    the build's time limit, for their exit codes."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc, self.pending = proc, b""
        self.lock = threading.Lock()  # one batch at a time, whichever thread asks

    def line(self, timeout: float) -> bytes | None:
        """The server's next line, None if it ended first; TimeoutExpired after `timeout`."""
        assert self.proc.stdout is not None
        fd, end = self.proc.stdout.fileno(), time.monotonic() + timeout
        while b"\n" not in self.pending:
            left = end - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise subprocess.TimeoutExpired(str(SERVER), timeout)
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self.pending += chunk
        answer, self.pending = self.pending.split(b"\n", 1)
        return answer

    def run(self, jobs: list[dict[str, Any]], label: str) -> list[int] | None:
        """Each job's exit code, or None where the server is gone (the caller runs the
        programs instead); running out of time stops the server and raises."""
        assert self.proc.stdin is not None
        if not self.lock.acquire(timeout=_timeout(label)):  # another thread's batch first
            raise _too_slow(label)
        try:
            timeout = _timeout(label)  # out of time already: raise before asking anything
            try:
                request = memoryview(json.dumps(jobs).encode("utf-8") + b"\n")
                while request:  # unbuffered: nothing left behind for a forked process to send
                    request = request[self.proc.stdin.write(request) or 0:]
                answer = self.line(timeout)
            except subprocess.TimeoutExpired as exc:
                self.stop()
                raise _too_slow(label) from exc
            except (OSError, ValueError):  # its pipe broken, or closed by another thread
                answer = None
            except BaseException:  # interrupted: its answer would be read as the next one's
                self.stop()
                raise
        finally:
            self.lock.release()
        try:
            codes = json.loads(answer) if answer is not None else None
        except ValueError:
            codes = None
        if not isinstance(codes, list) or len(codes) != len(jobs):
            self.stop()
            return None
        return [int(code) for code in codes]

    def stop(self) -> None:
        """End the server and every layout it is running, and forget it. Told to stop, the
        server kills its layouts and waits until each has ended before it ends itself, so once
        this returns none writes into a folder the caller then removes (killed at once, they
        could, for the moment they took to die). What is left of its process group (the
        layouts of a server that died, or of one that did not end in time) is killed."""
        self.forget()
        if self.proc.poll() is None:
            with suppress(OSError):
                self.proc.send_signal(signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=STOP_WAIT)
        with suppress(OSError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.drop_pipes()

    def close(self) -> None:
        """End an idle server as it ends by itself, its input closed, and wait for it (so its
        processor time counts as this process's children's, as a program's does); stop it
        if it has not ended within a second."""
        self.forget()
        self.drop_pipes()
        try:
            self.proc.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            self.stop()

    def forget(self) -> None:
        for key, server in list(_servers.items()):
            if server is self:
                del _servers[key]

    def drop_pipes(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                with suppress(OSError):
                    stream.close()


def kill_servers() -> None:
    """End this process's layout servers and every layout they are running, as `_Server.stop`
    does, but taking no lock (`Popen.wait` takes one), so a signal handler can call it: for a
    process about to end at once, whose scratch files are about to be removed."""
    servers = [server.proc.pid for server in _servers.values() if server is not None]
    for pid in servers:
        with suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    end = time.monotonic() + STOP_WAIT
    for pid in servers:
        with suppress(ChildProcessError):
            while os.waitpid(pid, os.WNOHANG) == (0, 0) and time.monotonic() < end:
                time.sleep(0.005)
        with suppress(OSError):
            os.killpg(pid, signal.SIGKILL)


def _forget_servers_in_child() -> None:
    """In a process just forked (a build's worker), let go of the servers of the process it was
    forked from: their pipes are that process's, and this one starts its own."""
    global _starting
    for server in list(_servers.values()):
        if server is not None:
            server.drop_pipes()  # unbuffered: closing sends nothing
    _servers.clear()
    _starting = threading.Lock()  # another thread may have held it when this one was forked


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_servers_in_child)


def _native(program: str) -> str | None:
    """The real path of `program` on PATH where it is a compiled program (not a script standing
    in for it, whose wishes the server would pass over), else None."""
    found = shutil.which(program)
    if found is None:
        return None
    real = os.path.realpath(found)
    try:
        with open(real, "rb") as file:
            return real if file.read(4) == b"\x7fELF" else None
    except OSError:
        return None


# Variables that can change what Graphviz draws, or where it finds its plugins and fonts: a
# change to one of them starts a new server (and ends the old). Others, a shell's PWD or
# pytest's PYTEST_CURRENT_TEST, do not.
_GRAPHVIZ_VARIABLES = frozenset({"PATH", "HOME", "TMPDIR", "LANG", "LANGUAGE", "TZ",
                                 "SOURCE_DATE_EPOCH", "SERVER_NAME"})
_GRAPHVIZ_PREFIXES = ("GV", "DOT", "FONTCONFIG", "FC_", "PANGO", "CAIRO", "GDFONTPATH", "LD_",
                      "MALLOC_", "GLIBC_", "XDG_", "LC_", "G_")


def _server(*programs: str) -> _Server | None:
    """This process's layout server, started at the first call, where it stands for the
    Graphviz `programs` on PATH; else None, and the programs are run. It stands for them where
    it is not switched off, each program is a compiled one (a script on PATH is run as it is
    meant to be), the C library is glibc with no other allocator preloaded (see
    `gvserver.in_a_thread`), and the library the server loaded is the same Graphviz (`dot -V`
    names its version and build date). One server a process: a new `dot` program, or a
    change to what Graphviz reads from the environment, ends the old one and starts another."""
    if os.environ.get(SERVER_SWITCH, "1").strip().lower() in {"0", "no", "off", "false"} \
            or not hasattr(os, "fork") or not sys.executable or os.environ.get("LD_PRELOAD") \
            or not _glibc():
        return None
    if any(_native(program) is None for program in programs):
        return None
    env = graphviz_env()
    key = (os.getpid(), *_graphviz_identity())
    with _starting:
        if key in _servers:
            return _servers[key]
        for old in [server for server in _servers.values() if server is not None]:
            old.close()
        _servers.clear()
        server, lasting = _start_server(_server_env(env))
        if server is not None or lasting:  # a passing failure is tried again next time
            _servers[key] = server
        return server


@lru_cache(maxsize=1)
def _glibc() -> bool:
    """Whether this Python runs on glibc, whose malloc gives each new thread a fresh arena."""
    import platform

    return platform.libc_ver()[0] == "glibc"


def _file_identity(path: str) -> tuple[str, int, int] | None:
    """The real path of the file at `path` with its size and modification time: a Graphviz
    installed anew over the old is another program. None where it cannot be read."""
    real = os.path.realpath(path)
    try:
        stat = os.stat(real)
    except OSError:
        return None
    return real, stat.st_size, stat.st_mtime_ns


def _server_env(env: dict[str, str]) -> dict[str, str]:
    """`env` for the server: without limits on glibc's malloc arenas, which would make the
    layout threads share the server's used memory (see `gvserver.in_a_thread`); they only
    bound memory use. Nor with the server's own notes to itself when it starts itself again
    (`PATHWAYS_GVSERVER_...`): a new server starts as new."""
    out = {k: v for k, v in env.items() if k not in ("MALLOC_ARENA_MAX", "MALLOC_ARENA_TEST")
           and not k.startswith("PATHWAYS_GVSERVER_")}
    if "GLIBC_TUNABLES" in out:
        kept = [t for t in out["GLIBC_TUNABLES"].split(":")
                if t and not t.startswith("glibc.malloc.arena_")]
        if kept:
            out["GLIBC_TUNABLES"] = ":".join(kept)
        else:
            del out["GLIBC_TUNABLES"]
    return out


def _start_server(env: dict[str, str]) -> tuple[_Server | None, bool]:
    """A new `gvserver`, or None where it cannot stand for `dot` here; and whether that answer
    lasts (no library, another Graphviz) rather than passes (out of time, no process to be
    had), to be tried again."""
    left = None if _limit is None else _limit[0] - time.monotonic()
    if left is not None and left <= 0:
        return None, False
    try:
        proc = subprocess.Popen([sys.executable, "-I", "-S", str(SERVER)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                cwd=tempfile.gettempdir(), start_new_session=True, bufsize=0)
    except OSError:
        return None, False
    server = _Server(proc)
    lasting = False
    try:
        first = server.line(10.0 if left is None else min(10.0, left))
        lasting = True  # from here on, an answer it gives (or its end) is one it will give again
        about = json.loads(first) if first is not None else {}
        version = f"graphviz version {about['version']} ({about['built']})"
        lasting = False  # asking `dot -V` may run out of time
        said = graphviz_version()
        lasting = True
        if version in said and about.get("nop") is True:
            _close_at_exit(server)
            return server, True
    except (subprocess.TimeoutExpired, ValueError, KeyError, TypeError, PathwaysError, OSError):
        pass
    server.stop()
    return None, lasting


def _close_at_exit(server: _Server) -> None:
    """Close `server` when this process ends: a build's worker process ends through
    `multiprocessing`, which runs its finalizers, not `atexit`."""
    import multiprocessing
    import multiprocessing.util

    if multiprocessing.parent_process() is not None:
        multiprocessing.util.Finalize(server, server.close, exitpriority=10)
    else:
        atexit.register(server.close)


def _serve(server: _Server, folder: Path,
           jobs: list[tuple[str, str, int, dict[str, Path]]], label: str
           ) -> list[dict[str, bytes] | RenderError] | None:
    """Lay out each (DOT source, engine, `-n` setting, {format: file}) of `jobs` in the server,
    each in a process of its own, the source and messages through files in `folder`: each
    job's outputs by format, checked, or its RenderError, as `run_each` returns; None where
    the server is gone or a child of it could not run its job (`SERVER_FAILED`)."""
    requests = []
    for i, (text, engine, nop, files) in enumerate(jobs):
        source = folder / f"layout-{i}.gv"
        source.write_text(text, encoding="utf-8")
        requests.append({"input": str(source), "cwd": str(folder), "engine": engine, "nop": nop,
                         "errors": str(folder / f"layout-{i}.err"),
                         "outputs": [[f, str(path.resolve())] for f, path in files.items()]})
    codes = server.run(requests, label)
    if codes is None or SERVER_FAILED in codes:
        # Gone, or a child that could not run its job at all (no thread to be had under a
        # process limit, say): not Graphviz's failure, and the programs may do it.
        return None
    out: list[dict[str, bytes] | RenderError] = []
    for i, ((_, _, _, files), code) in enumerate(zip(jobs, codes, strict=True)):
        try:
            if code != 0:
                raise RenderError(f"{label}: Graphviz failed: "
                                  f"{_error_text(_read(folder / f'layout-{i}.err'), code)}")
            out.append({f: _check_output(_read(path), f, label) for f, path in files.items()})
        except RenderError as exc:
            out.append(exc)
    return out


def _serve_one(source: str, engine: str, args: tuple[str, ...], outputs: dict[str, Path] | None,
               fmt: str, label: str) -> bytes | None:
    """`run_graphviz` in the layout server, where it can stand for `engine` with `args` (none,
    or `-n2`), else None: the outputs written to their files (b"") or the one format's bytes;
    a failure raises as `run_graphviz`'s does."""
    nop = {(): 0, ("-n2",): 2}.get(args)
    if engine not in ("dot", "neato") or nop is None or not dot_available():
        return None
    server = _server("dot", engine)
    if server is None:
        return None
    with scratch_folder("pathways-layout-", _scratch) as folder:
        files = dict(outputs) if outputs else {fmt: folder / f"out.{fmt}"}
        served = _serve(server, folder, [(source, engine, nop, files)], label)
        if served is None:
            return None
        result = served[0]
        if isinstance(result, RenderError):
            raise result
        return b"" if outputs else result[fmt]


def _start(cmd: list[str], cwd: Path, label: str) -> subprocess.Popen[bytes]:
    """Start one Graphviz run in the background (see `run_each`)."""
    try:
        return subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env=graphviz_env())
    except OSError as exc:  # not executable, too many processes, ...
        raise RenderError(f"{label}: cannot run Graphviz `{cmd[0]}`: {exc.strerror or exc}") \
            from exc


def _failure(proc: subprocess.Popen[bytes], label: str) -> RenderError | None:
    """Wait for a run `_start` began, within the build's time limit (reading its messages, which
    wakes the moment it ends, where `wait` with a timeout polls): None, or the RenderError with
    Graphviz's message if it failed (running out of time raises)."""
    try:
        _, err = proc.communicate(timeout=_timeout(label))
    except subprocess.TimeoutExpired as exc:
        raise _too_slow(label) from exc
    if proc.returncode != 0:
        program = Path(str(proc.args[0])).name if isinstance(proc.args, list) else ""
        who = program if program == RASTERIZER else "Graphviz"
        return RenderError(f"{label}: {who} failed: {_error_text(err, proc.returncode)}")
    return None


def _finish(proc: subprocess.Popen[bytes], label: str) -> None:
    """`_failure`, raising the error of a run that failed."""
    error = _failure(proc, label)
    if error is not None:
        raise error


def rerender(positioned: str, outputs: dict[str, Path], label: str = "figure") -> None:
    """Draw an already laid-out graph (DOT with positions) again, without a new layout."""
    run_graphviz(positioned, outputs, engine="neato", label=label, args=("-n2",))


class Drawing:
    """A `rerender` (or `rasterize`) started and left running (see `rerender_later`); `then`,
    once it has finished well, makes the file asked for from what the program wrote."""

    def __init__(self, proc: subprocess.Popen[bytes], folder: Path, outputs: dict[str, Path],
                 label: str, then: Callable[[], None] | None = None) -> None:
        self.proc, self.folder, self.outputs, self.label = proc, folder, outputs, label
        self.then = then

    def running(self) -> bool:
        """True while Graphviz is still drawing."""
        return self.proc.poll() is None

    def finish(self) -> None:
        """Wait for the run (within the build's time limit) and check its files: a RenderError
        naming the figure if it failed."""
        try:
            _finish(self.proc, self.label)
            for f, path in self.outputs.items():
                _check_output(path.read_bytes() if path.is_file() else b"", f, self.label)
            if self.then is not None:
                self.then()
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop the run if it is still going and remove its scratch folder."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.communicate()
        remove_tree(self.folder)


def rerender_later(positioned: str, outputs: dict[str, Path], label: str = "figure",
                   then: Callable[[], None] | None = None) -> Drawing:
    """`rerender`, started now and left running: the build starts its PNG runs this way, so
    they draw while the next figures are laid out, and finishes them (`Drawing.finish`) at
    the end (running `then`, once they are drawn). The DOT goes through a scratch file, as
    `run_each`'s do."""
    if not dot_available():
        raise GraphvizNotFound()
    if shutil.which("neato") is None:
        raise GraphvizNotFound("neato")
    folder = Path(tempfile.mkdtemp(prefix="pathways-draw-", dir=_scratch))
    try:
        (folder / "draw.gv").write_text(positioned, encoding="utf-8")
        cmd = ["neato", "-n2"]
        for f, path in outputs.items():
            cmd += [f"-T{f}", f"-o{path.resolve()}"]
        cmd.append("draw.gv")
        return Drawing(_start(cmd, folder, label), folder, outputs, label, then)
    except BaseException:
        remove_tree(folder)
        raise


def rasterizer_available() -> bool:
    """True when poppler's `pdftocairo` is on PATH: figures' PNGs are then drawn from their
    PDFs (see `raster`)."""
    return shutil.which(RASTERIZER) is not None


def rasterizer_version() -> str | None:
    """What `pdftocairo -v` says about itself, or None where it is not installed (figures then
    get Graphviz's own PNG). Part of the build cache's key."""
    if shutil.which(RASTERIZER) is None:
        return None
    try:
        proc = _run([RASTERIZER, "-v"], b"", f"{RASTERIZER} version", cwd=None)
    except RenderError:  # it will say what is wrong when it is asked to draw
        return f"{RASTERIZER}, version unknown"
    text = (proc.stderr + proc.stdout).decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else RASTERIZER


def rasterize_later(pdf: Path, png: Path, dpi: int, transparent: bool = False,
                    label: str = "figure", remove_pdf: bool = False) -> Drawing:
    """Start drawing the one-page `pdf` at `dpi` as the PNG file `png` (a transparent
    background where `transparent`) and leave it running; `Drawing.finish` waits, checks and
    writes the PNG (see `raster`), then removes `pdf` where `remove_pdf` (a scratch PDF made
    for the purpose). The pixels go through an uncompressed TIFF in a scratch folder: poppler
    writes it fast, and the PNG is encoded here."""
    if shutil.which(RASTERIZER) is None:
        raise RenderError(f"{label}: `{RASTERIZER}` is no longer on PATH; install poppler-utils "
                          "again or build without it")
    folder = Path(tempfile.mkdtemp(prefix="pathways-raster-", dir=_scratch))
    page = folder / "page.tif"

    def encode() -> None:
        # The pixels are read through a memory map: a large figure is not copied into memory.
        with page.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            encoded = _encoded(data, dpi, label)
        png.write_bytes(encoded)
        if remove_pdf:
            pdf.unlink()

    try:
        cmd = [RASTERIZER, "-r", str(dpi), "-tiff", "-tiffcompression", "none", "-singlefile",
               *(["-transp"] if transparent else []), str(pdf.resolve()), "page"]
        return Drawing(_start(cmd, folder, label), folder, {"tif": page}, label, encode)
    except BaseException:
        remove_tree(folder)
        raise


def _encoded(data: mmap.mmap, dpi: int, label: str) -> bytes:
    """The PNG of the TIFF in `data`; every view into `data` is gone when this returns or
    raises, so the map can be closed. (An exception's traceback keeps the frames it passed
    through, and their views: cleared here, or closing the map would fail, and that failure
    would replace an interrupt or the error that stopped the encoding.)"""
    from .raster import png_bytes, tiff_pixels

    with memoryview(data) as view:
        try:
            return png_bytes(tiff_pixels(view, label), dpi)
        except BaseException as exc:
            traceback.clear_frames(exc.__traceback__)
            raise
