"""A Graphviz layout server: Graphviz's own library, loaded once, laying out each graph in a
child process forked from it. `render` starts it (`python -I -S gvserver.py`, in the
surroundings of every Graphviz run) and runs the `dot` program wherever it declines.

Why: a `dot` process spends about 10 ms of processor time before it reads its graph (the
dynamic linker binding some hundred libraries, fontconfig parsing its configuration), about as
much as laying out one of our figures; a clean build lays out some ninety graphs. Laying
several graphs out in one process is not safe in Graphviz 2.43 (see `render.run_each`), so each
graph still gets a process of its own: a child forked from this one, which has loaded the
libraries and read fontconfig's configuration but never laid anything out. Measured on the
catalog's 67 candidate layouts: 1.1-1.5 s of processor time against 1.5-1.7 s for the
programs.

What a child does is what `dot -Tfmt -ofile` does, through Graphviz's documented C interface
(`agmemread`, `gvLayout`, `gvRenderFilename`; `Nop` is what `neato -n` sets), in a thread of
its own (see `in_a_thread`). Its files are byte for byte those of the programs: the tests
compare every figure of the catalog, built both ways.

Standard library only, so it starts fast, outside the package. The protocol, one JSON document
per line:
- on start it writes `{"version": ..., "built": ..., "nop": true|false, "stack": n}` (what
  `gvcVersion` and `gvcBuildDate` say, whether `Nop` is exported, and the stack its layout
  threads get), or `{"error": "..."}` and exits;
- then, for each line read, a list of jobs `{"input": path, "cwd": folder, "engine": "dot" or
  "neato", "nop": n, "outputs": [[format, path], ...], "errors": path}`: it forks one child per
  job, all at once, and answers with the list of their exit codes, in order, once all have
  ended (negative: the signal that ended one, as `subprocess` reports it). A child's messages
  go to its `errors` file, as `dot`'s go to its standard error;
- told to stop (SIGTERM), it kills the children of the batch in hand, waits until each has
  ended, and ends.
"""

from __future__ import annotations

import _thread
import contextlib
import ctypes
import gc
import json
import locale
import os
import resource
import signal
import sys
from collections.abc import Callable
from typing import Any

LIBRARIES = ("libgvc.so.6",)  # as Linux distributions' Graphviz names it
FAILED = 70  # a child's exit code where Python itself failed (EX_SOFTWARE)


def load() -> tuple[Any, Any, ctypes.c_int | None]:
    """Graphviz's libgvc (with libcgraph, which it links), a context with its plugins, and its
    `Nop` setting (what `neato -n` sets), or None where the library does not export it."""
    error: OSError | None = None
    for name in LIBRARIES:
        try:
            gvc = ctypes.CDLL(name)
            break
        except OSError as exc:
            error = exc
    else:
        raise OSError(f"no Graphviz library ({error})")
    gvc.gvContext.restype = ctypes.c_void_p
    gvc.agmemread.restype = ctypes.c_void_p
    gvc.agmemread.argtypes = [ctypes.c_char_p]
    gvc.gvLayout.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p]
    gvc.gvRenderFilename.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
                                     ctypes.c_char_p]
    gvc.agerrors.restype = ctypes.c_int
    gvc.agerrors.argtypes = []
    for name in ("gvcVersion", "gvcBuildDate"):
        getattr(gvc, name).restype = ctypes.c_char_p
        getattr(gvc, name).argtypes = [ctypes.c_void_p]
    try:
        nop: ctypes.c_int | None = ctypes.c_int.in_dll(gvc, "Nop")
    except ValueError:
        nop = None
    return gvc, gvc.gvContext(), nop


def warm_fonts() -> None:
    """Read fontconfig's configuration and font list now, once, as every `dot` reads them at
    its first label: the children find them read."""
    with contextlib.suppress(OSError, AttributeError):  # else each child reads them, as `dot`
        ctypes.CDLL("libfontconfig.so.1").FcInit()


def child(gvc: Any, context: int, nop: ctypes.c_int | None, job: dict[str, Any]) -> None:
    """Lay out and draw one job, in a forked child, and end the child: exit code 0 where every
    file was written, 1 where Graphviz failed (its message in the errors file), FAILED where
    the job itself was wrong."""
    code = FAILED
    try:
        os.chdir(job["cwd"])  # where Graphviz may leave a file of its own, as `dot` does
        errors = os.open(job["errors"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(errors, 2)
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        with open(job["input"], "rb") as file:
            source = file.read()
        if job.get("nop"):
            if nop is None:
                return
            nop.value = int(job["nop"])
        code = in_a_thread(lambda: draw(gvc, context, source, job))
    except BaseException:  # a child must never return into the server's loop
        pass
    finally:
        os._exit(code)


def in_a_thread(work: Callable[[], int]) -> int:
    """`work()` run in a new thread, waited for: FAILED where it raised.

    Why a thread: glibc's malloc gives a new thread a memory arena of its own, fresh and
    empty, as a new process's heap is. Graphviz keeps named subgraphs in the order of their
    names' addresses in memory (cgraph's default ID map), so laid out in the server's own,
    used memory, a figure's clusters came out in another order than `dot` writes them. (The
    bare `_thread` module: `threading` would run Python code in every child.)"""
    done = _thread.allocate_lock()
    done.acquire()
    result: list[int] = []

    def run() -> None:
        try:
            result.append(work())
        finally:
            done.release()

    try:
        _thread.start_new_thread(run, ())
    except RuntimeError:  # no room for a stack that large: the default, as before
        _thread.stack_size(0)
        _thread.start_new_thread(run, ())
    done.acquire()
    return result[0] if result else FAILED


def main_thread_stack() -> None:
    """Give the layout threads the stack `dot`'s main thread would have (the soft stack limit;
    1 GiB where it is unlimited), not the smaller thread default: a deep graph (a chain of
    32,000 nodes) that `dot` lays out would otherwise overflow it."""
    soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    size = 1 << 30 if soft == resource.RLIM_INFINITY else soft
    with contextlib.suppress(ValueError):  # below the minimum, or not settable here
        _thread.stack_size(max(size, 1 << 20))


def draw(gvc: Any, context: int, source: bytes, job: dict[str, Any]) -> int:
    """Parse, lay out and write one graph: 0, or 1 where Graphviz failed."""
    graph = gvc.agmemread(source)
    if not graph:
        return 1
    if gvc.gvLayout(context, graph, str(job["engine"]).encode()) != 0:
        return 1
    for fmt, path in job["outputs"]:
        if gvc.gvRenderFilename(context, graph, str(fmt).encode(), os.fsencode(path)) != 0:
            return 1
    # Any error Graphviz reported on the way (a malformed label, a node without a position
    # under `-n`, a file it could not open), as `dot` exits 1 for it (`gvFreeContext`).
    return 1 if gvc.agerrors() else 0


RUNNING: list[int] = []  # the children of the batch in hand


def stop(signum: int, frame: object) -> None:
    """Told to stop (SIGTERM; `render` asks so when a build is interrupted or out of time):
    kill the batch's children and wait until each has ended, so that none writes another file
    into a folder the caller is about to remove, then end."""
    for pid in RUNNING:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        while True:  # every child, any not listed yet too
            os.waitpid(-1, 0)
    os._exit(128 + signum)


def serve(gvc: Any, context: int, nop: ctypes.c_int | None) -> None:
    """Answer each line of jobs on standard input until it closes."""
    for line in sys.stdin:
        jobs = json.loads(line)
        pids = RUNNING
        pids.clear()
        for job in jobs:
            # SIGTERM held back over the fork: the child must not run `stop` (its own copy of
            # RUNNING lists its brothers), and this process lists the child before stopping.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
            pid = os.fork()
            if pid == 0:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
                child(gvc, context, nop, job)
            pids.append(pid)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
        sys.stdout.write(json.dumps(codes) + "\n")
        sys.stdout.flush()


def main() -> int:
    locale.setlocale(locale.LC_ALL, "C")  # as `dot`, which never sets a locale of its own
    try:
        gvc, context, nop = load()
        if not context:
            raise OSError("gvContext failed")
        about: dict[str, Any] = {
            "version": gvc.gvcVersion(context).decode("utf-8", "replace"),
            "built": gvc.gvcBuildDate(context).decode("utf-8", "replace"),
            "nop": nop is not None}
    except (OSError, AttributeError) as exc:
        print(json.dumps({"error": str(exc)}), flush=True)
        return 1
    warm_fonts()
    main_thread_stack()
    about["stack"] = _thread.stack_size()  # what its layout threads get
    gc.disable()  # nor a collection of Python's garbage in every child,
    gc.freeze()  # nor its objects' pages copied for it
    signal.signal(signal.SIGTERM, stop)
    print(json.dumps(about), flush=True)
    serve(gvc, context, nop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
