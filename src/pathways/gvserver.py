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
programs. Before forking a batch's children it also measures text in the fonts their graphs
name (`Warmer`), so that they find the fonts loaded: an eighth less again.

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
  "neato", "nop": n, "outputs": [[format, path], ...], "errors": path}`: it measures the fonts
  the inputs name, forks one child per job, all at once, and answers with the list of their
  exit codes, in order, once all have ended (negative: the signal that ended one, as
  `subprocess` reports it). A child's messages go to its `errors` file, as `dot`'s go to its
  standard error. Where measuring fonts leaves it unfit to fork, it starts itself again
  (`exec`, the same process and pipes) without measuring, and answers the batch from there;
- told to stop (SIGTERM), it kills the children of the batch in hand, waits until each has
  ended, and ends.
"""

from __future__ import annotations

import _thread
import contextlib
import ctypes
import gc
import itertools
import json
import locale
import os
import re
import resource
import signal
import sys
import time
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


# --- the fonts of a batch, measured here once before its children (see `Warmer`) --------------

class Font(ctypes.Structure):
    """Graphviz's `textfont_t` (textspan.h, unchanged from 2.30 on): a font as a label names
    it. `flags` are HTML_BF (1, bold), HTML_IF (2, italic), HTML_SUP (8) and HTML_SUB (16)."""

    _fields_ = [("name", ctypes.c_char_p), ("color", ctypes.c_char_p),
                ("postscript_alias", ctypes.c_void_p), ("size", ctypes.c_double),
                ("flags", ctypes.c_uint, 7), ("cnt", ctypes.c_uint, 25)]


class Span(ctypes.Structure):
    """Graphviz's `textspan_t` (textspan.h, unchanged from 2.30 on): a line of text, the font
    it is set in, and the size `textspan_size` measures it at (with the text layout it keeps)."""

    _fields_ = [("str", ctypes.c_char_p), ("font", ctypes.POINTER(Font)),
                ("layout", ctypes.c_void_p), ("free_layout", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
                ("yoffset_layout", ctypes.c_double), ("yoffset_centerline", ctypes.c_double),
                ("width", ctypes.c_double), ("height", ctypes.c_double), ("just", ctypes.c_char)]


class Size(ctypes.Structure):
    """Graphviz's `pointf`, as `textspan_size` returns it."""

    _fields_ = [("x", ctypes.c_double), ("y", ctypes.c_double)]


# What a batch's graphs set their text in: DOT's fontname and fontsize, HTML-like labels' FACE
# and POINT-SIZE, and whether any text is bold, italic, raised or lowered; Graphviz's defaults.
_FAMILY = re.compile(rb'\b(?:fontname|FACE)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([\w.-]+))', re.I)
_SIZE = re.compile(rb'\b(?:fontsize|POINT-SIZE)\s*=\s*"?\s*(\d+(?:\.\d*)?|\.\d+)', re.I)
_STYLES = ((re.compile(rb"<B>", re.I), 1), (re.compile(rb"<I>", re.I), 2),
           (re.compile(rb"<SUP>", re.I), 8), (re.compile(rb"<SUB>", re.I), 16))
DEFAULT_FAMILY, DEFAULT_SIZE = b"Times-Roman", 14.0
NO_WARMING = "PATHWAYS_GVSERVER_NO_FONTS"  # set where the server started again without a Warmer
MOST_FONTS = 64  # fonts measured for one batch at most (the first, sorted): the rest by children
# Measured in every font: the printable ASCII characters and the symbols labels often hold.
SAMPLE = ("".join(chr(c) for c in range(32, 127))
          + "\u00b1\u00b5\u00b7\u00d7\u00b2\u00b3\u207a\u207b\u2080\u2081\u2082\u2085"
            "\u1d62\u03b1\u03b2\u03b3\u03b4\u03ba\u2013\u2014\u2018\u2019\u201c\u201d"
            "\u2026\u2190\u2192\u2191\u2193\u2264\u2265").encode("utf-8")


def matches(pattern: re.Pattern[bytes], words: tuple[bytes, ...], source: bytes
            ) -> list[re.Match[bytes]]:
    """What `pattern.finditer(source)` finds, where every match of `pattern` (case-insensitive)
    starts with one of `words` (lower case): only where a word is found is the pattern tried.
    The same matches, several times faster on a figure's 40 KB: a regular expression that
    ignores case is tried at every byte, and a server reads hundreds of graphs."""
    lowered = source.lower()  # ASCII only, as IGNORECASE on bytes: the same length
    starts = []
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            starts.append(at)
            at = lowered.find(word, at + 1)
    found, end = [], 0
    for at in sorted(starts):
        if at >= end and (match := pattern.match(source, at)) is not None:
            found.append(match)
            end = max(match.end(), at + 1)
    return found


_DEFAULT_KINDS = frozenset({b"graph", b"node", b"edge"})
_DEFAULTS = re.compile(rb"\b(graph|node|edge)\s*\[", re.I)
_NAMES_FAMILY = re.compile(rb"\bfontname\s*=", re.I)
MOST_DEFAULTS = 16  # default statements looked into at most: ours has one of each, at the top


def _defaults_naming(source: bytes) -> set[bytes]:
    """Which of the default statements `graph [...]`, `node [...]` and `edge [...]` of
    `source` set `fontname` (the first MOST_DEFAULTS statements looked into, each up to its
    `]`). Only speed is at stake: a statement missed has the default family measured, as it
    always was, and a font not measured here is measured by each child that sets text in it."""
    kinds: set[bytes] = set()
    for m in itertools.islice(_DEFAULTS.finditer(source), MOST_DEFAULTS):  # lazily: ours stop
        if kinds == _DEFAULT_KINDS:  # at the top
            break
        end = source.find(b"]", m.end())
        if end >= 0 and _NAMES_FAMILY.search(source, m.end(), end):
            kinds.add(m.group(1).lower())
    return kinds


def fonts_named(source: bytes) -> set[tuple[bytes, float, int]]:
    """The fonts a graph's text may be set in, as (family, size in points, HTML flags): every
    family and size it names (Graphviz's defaults too, which text naming none is set in),
    each plain and in each style its labels use. Graphviz's default family is left out where
    the graph's graph, node and edge defaults each name a family (`_defaults_naming`), as every
    figure of ours does: no text falls back on it, and measuring it in each size and style
    was half the work for nothing (the catalog's fonts: 12 instead of 24, measured in 44-53 ms
    of a new server's processor time instead of 68-76 ms)."""
    families = {m.group(1) if m.group(1) is not None else m.group(2)
                for m in matches(_FAMILY, (b"fontname", b"face"), source)}
    if _defaults_naming(source) != _DEFAULT_KINDS:
        families.add(DEFAULT_FAMILY)
    sizes = {float(m.group(1)) for m in matches(_SIZE, (b"fontsize", b"point-size"), source)
             } | {DEFAULT_SIZE}
    styles = {0} | {flag for pattern, flag in _STYLES if pattern.search(source)}
    if 1 in styles and 2 in styles:
        styles.add(3)
    return {(family.replace(b'\\"', b'"'), size, flags) for family in families if family
            for size in sizes if 0 < size <= 1000 for flags in styles}


class Warmer:
    """Measures text in each font a batch's graphs name, here, once, before their children
    are forked.

    Why: the first label a process sets in a font makes Pango build its font map, fontconfig
    sort its fonts and FreeType open the files and load and hint their glyphs: about a fifth of
    each child's processor time on our figures, done again in every child. Measured here,
    through Graphviz's own text layout (`textspan_size`, where a label's size comes from), it
    is done once and every child finds it done: the catalog's 71 candidate layouts took a
    median 1.17-1.23 s of processor time instead of 1.34-1.40 s (five rounds, twice), their
    files byte for byte the same. Only the text libraries' caches are filled; nothing is laid
    out here (a graph laid out in the server would change the layouts of its children).

    Two things the measuring leaves behind would change the children, and are dealt with:
    - Pango sorts fonts in threads of its own. A thread still running when a child is forked
      is missing in the child, which would wait for it for ever: each measuring waits until
      they have ended (`settled`); a Pango that keeps one for the life of its font map is
      found out before the server answers at all (`probe`), and a server a later measuring
      leaves so starts itself again without measuring (`restart`).
    - Each of those threads took a malloc arena of its own, and a child's layout thread would
      be handed one of them, used memory, where `in_a_thread` needs a fresh one: `arenas`
      counts them, and each child has them taken by threads that hold them (`hold_arenas`)
      before its layout thread starts."""

    def __init__(self, gvc: Any, context: int) -> None:
        gvc.textspan_size.restype = Size
        gvc.textspan_size.argtypes = [ctypes.c_void_p, ctypes.POINTER(Span)]
        self.measure = gvc.textspan_size
        self.context = context
        self.done: set[tuple[bytes, float, int]] = set()
        self.arenas = 1  # the malloc arenas this process has: its own, and its threads'
        self.broken = False  # a measuring left a thread running or too many arenas

    def fonts(self, fonts: set[tuple[bytes, float, int]]) -> None:
        """Measure SAMPLE in each of `fonts` not measured before; then wait for the threads
        that left, and count the arenas. `broken` where that did not end well: then no child
        may be forked from this process."""
        new = sorted(fonts - self.done)[:MOST_FONTS]
        if not new:
            return
        for family, size, flags in new:
            self.done.add((family, size, flags))
            font = Font(family, b"black", None, size, flags, 0)
            span = Span(SAMPLE, ctypes.pointer(font))
            self.measure(self.context, ctypes.byref(span))
            if span.layout and span.free_layout:
                span.free_layout(span.layout)
        counted = arenas() if settled() else None
        if counted is None or counted > MOST_ARENAS:
            self.broken = True
        else:
            self.arenas = counted

    def warm(self, jobs: list[dict[str, Any]]) -> None:
        """Measure the fonts that `jobs`' graphs name (`fonts`)."""
        named: set[tuple[bytes, float, int]] = set()
        for job in jobs:
            with contextlib.suppress(OSError, KeyError, TypeError), \
                    open(job["input"], "rb") as file:  # else the child says what is wrong
                named |= fonts_named(file.read())
        self.fonts(named)


# Arenas past which a new thread might be handed a used one: glibc makes a new arena for a new
# thread while a process has at most 8 (64-bit; 2 on 32-bit, too few to measure fonts with).
MOST_ARENAS = 8 if ctypes.sizeof(ctypes.c_void_p) == 8 else 1
SETTLE = 2.0  # seconds the text library's threads have to end after a measuring


def settled(within: float = SETTLE) -> bool:
    """Whether this process is down to its one thread within `within` seconds (Linux: its
    threads are listed under /proc/self/task)."""
    end = time.monotonic() + within
    while True:
        try:
            if len(os.listdir("/proc/self/task")) == 1:
                return True
        except OSError:
            return False
        if time.monotonic() > end:
            return False
        time.sleep(0.0005)


def arenas() -> int | None:
    """How many malloc arenas glibc keeps in this process (`malloc_info`, one `<heap>` each),
    or None where that cannot be read."""
    try:
        libc = ctypes.CDLL(None)
        libc.open_memstream.restype = ctypes.c_void_p
        libc.open_memstream.argtypes = [ctypes.POINTER(ctypes.c_void_p),
                                        ctypes.POINTER(ctypes.c_size_t)]
        libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
        libc.fclose.argtypes = [ctypes.c_void_p]
        libc.free.argtypes = [ctypes.c_void_p]
    except (OSError, AttributeError):
        return None
    buffer, size = ctypes.c_void_p(), ctypes.c_size_t()
    stream = libc.open_memstream(ctypes.byref(buffer), ctypes.byref(size))
    if not stream:
        return None
    ok = libc.malloc_info(0, stream) == 0
    libc.fclose(stream)
    text = ctypes.string_at(buffer.value, size.value) if buffer.value else b""
    libc.free(buffer)
    count = text.count(b"<heap nr=")
    return count if ok and count else None


HOLDER_STACK = 1 << 18  # bytes: a holding thread runs a few Python calls, then waits


def hold_arenas(count: int) -> None:
    """In a child: start `count` threads that each take one of the arenas glibc hands a new
    thread (after a fork, every arena but the forking thread's), and keep it until the child
    ends; returns once each has. The next new thread then gets an arena of its own, fresh."""
    if count <= 0:
        return
    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    forever = _thread.allocate_lock()
    forever.acquire()
    before = _thread.stack_size(HOLDER_STACK)
    try:
        for _ in range(count):
            took = _thread.allocate_lock()
            took.acquire()

            def hold(took: Any = took) -> None:
                libc.malloc(64)  # a thread's first allocation takes it an arena
                took.release()
                forever.acquire()  # never released: the child ends with this thread in it

            try:
                _thread.start_new_thread(hold, ())
            except RuntimeError:  # the child's message, read as Graphviz's would be
                os.write(2, b"pathways layout server: no thread could be started to hold a "
                            b"memory arena (a limit on threads?)\n")
                raise
            took.acquire()
    finally:
        _thread.stack_size(before)


def probe(gvc: Any, context: int) -> tuple[Warmer | None, bool]:
    """A Warmer for this Graphviz, having measured Graphviz's default font with it, and
    whether the server must start again without one: (None, False) where the library does
    not export `textspan_size` (nothing measured); (None, True) where the measuring left a
    thread running (a Pango that sorts fonts in a thread for the life of its font map) or
    arenas that cannot be counted."""
    try:
        fonts = Warmer(gvc, context)
    except AttributeError:
        return None, False
    fonts.fonts({(DEFAULT_FAMILY, DEFAULT_SIZE, 0)})
    return (None, True) if fonts.broken else (fonts, False)


def child(gvc: Any, context: int, nop: ctypes.c_int | None, job: dict[str, Any],
          held: int = 1) -> None:
    """Lay out and draw one job, in a forked child, and end the child: exit code 0 where every
    file was written, 1 where Graphviz failed (its message in the errors file), FAILED where
    the job itself was wrong. `held`: the server's malloc arenas (see `Warmer`)."""
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
        hold_arenas(held - 1)
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


def serve(gvc: Any, context: int, nop: ctypes.c_int | None, fonts: Warmer | None = None,
          pending: str | None = None) -> None:
    """Answer `pending` (a line of jobs), then each line of jobs on standard input until it
    closes, the fonts they name measured first (`fonts`). Where measuring leaves this process
    unfit to fork (`Warmer.broken`), it starts again without measuring, the line in hand
    passed on to be answered there."""
    for line in itertools.chain([pending] if pending else [], sys.stdin):
        jobs = json.loads(line)
        if fonts is not None:
            fonts.warm(jobs)
            if fonts.broken:
                restart(line)
        pids = RUNNING
        for job in jobs:
            # SIGTERM held back over the fork: the child must not run `stop` (its own copy of
            # RUNNING lists its brothers), and this process lists the child before stopping.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
            pid = os.fork()
            if pid == 0:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
                child(gvc, context, nop, job, fonts.arenas if fonts is not None else 1)
            pids.append(pid)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
        pids.clear()  # reaped: `stop` must not kill what may by now be another's process
        sys.stdout.write(json.dumps(codes) + "\n")
        sys.stdout.flush()


PENDING = "PATHWAYS_GVSERVER_BATCH"  # a line of jobs the server started again to answer


def restart(pending: str | None = None) -> None:
    """Start this server again in this process (`exec`), measuring no fonts, to answer
    `pending` first where given (then without saying what it is: the caller knows)."""
    os.environ[NO_WARMING] = "1"
    if pending is not None:
        os.environ[PENDING] = pending
    sys.stdout.flush()
    os.execv(sys.executable, [sys.executable, "-I", "-S", os.path.abspath(__file__)])


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
    pending = os.environ.pop(PENDING, None)
    fonts, again = (None, False) if os.environ.get(NO_WARMING) else probe(gvc, context)
    if again:  # this process is not fit to fork children: the same, nothing measured
        restart()
    if pending is None:
        print(json.dumps(about), flush=True)
    serve(gvc, context, nop, fonts, pending)
    return 0


if __name__ == "__main__":
    sys.exit(main())
