"""Writing what `pathways` makes: whole files atomically with the usual permissions, or a stream.

`-` as an output path means standard output, as in most Unix tools.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
import tempfile
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from .errors import PathwaysError, UsageError

__all__ = ["STDOUT", "GuardedStdout", "destination", "file_mode", "guard_stdout", "is_stdout",
           "made_note", "new_folder", "stdout_failed", "write_atomic", "write_files",
           "write_stdout"]

STDOUT = "-"


def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """True when `path` is `-`, the name for standard output."""
    return path is not None and os.fspath(path) == STDOUT


def file_mode() -> int:
    """The mode a new file gets from this process's umask (0o644 under the common 022), the
    mode `open()` would give it; `tempfile.mkstemp` files are 0o600 until changed."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def new_folder(path: Path) -> Path | None:
    """The folder `path` is to be written in, where it does not exist yet (writing makes it,
    and any folder it is in that is missing), else None: a command says it made it, so a
    mistyped folder is noticed rather than quietly created."""
    folder = path.parent
    try:
        return None if folder.exists() or folder.is_symlink() else folder
    except OSError:  # a name too long, say: writing says what is wrong, naming the file
        return None


def made_note(folder: Path | None) -> str:
    """" (made the folder F)" for a folder `new_folder` found, else nothing."""
    return f" (made the folder {folder})" if folder is not None else ""


def destination(path: Path) -> tuple[Path, bool]:
    """Where writing `path` writes, and whether straight into it: through a symbolic link to
    the file it names (as the shell's `>` does: the link stays a link), and straight into
    something that is no file (a device such as /dev/null or /dev/stdout, a named pipe), which
    a temporary file moved into place would have replaced, as root even a device; a full
    device then fails as a full disk does. A regular file, or none yet, is written through a
    temporary file moved into place. A link into a folder that does not exist is an OSError,
    as for the shell: writing makes the folders of the path it is given, not of where a link
    leads (outside the output folder, anywhere)."""
    try:
        mode = path.stat().st_mode  # of what a link names
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # links naming each other: nothing to write into
            raise
        mode = None
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return path, True  # opened as named: /dev/stdout names a pipe only this process sees
    if path.is_symlink():
        path = Path(os.path.realpath(path))
        if not path.parent.is_dir():  # as the shell's `>`: no folder made where a link leads
            raise OSError(errno.ENOENT, f"a link to {path}, in a folder that does not exist")
    return path, False


def write_files(files: Mapping[Path, str | bytes]) -> None:
    """Write every file via a temporary file in its folder, then move them all into place, so a
    failure leaves none half-written; each gets the usual mode (see `file_mode`). A symbolic
    link is written through, and a device or pipe straight into (`destination`). A file that
    cannot be written (a file in the way of its folder, a read-only or full disk) is an
    OutputError naming it."""
    staged: list[tuple[str, Path]] = []
    path = Path()
    try:
        for path in files:  # a folder in the way: found before any file is moved into place
            if destination(path)[0].is_dir():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        for path, data in files.items():
            target, straight = destination(path)
            if straight:
                with open(target, "wb") as fh:
                    _write_encoded(fh, data)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                       dir=target.parent)
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                _write_encoded(fh, data)
            os.chmod(tmp, file_mode())
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException as exc:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            from .workspace import os_error

            raise os_error(exc, path) from exc
        raise


CHUNK = 1 << 20  # characters of a text encoded at a time


def _write_encoded(fh: BinaryIO, data: str | bytes) -> None:
    """`data` into `fh`, a text as UTF-8 a CHUNK at a time: an export of a network of 10^6
    links is a text of over 100 MB, and encoding it whole would hold a second copy."""
    if isinstance(data, bytes):
        fh.write(data)
        return
    for start in range(0, len(data), CHUNK):
        fh.write(data[start:start + CHUNK].encode("utf-8"))


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write one file atomically (see `write_files`)."""
    write_files({path: data})


def write_stdout(data: str | bytes, what: str) -> None:
    """Write `data` to standard output; binary `what` (e.g. "PNG") is refused on a terminal."""
    if isinstance(data, bytes) and sys.stdout.isatty():
        raise UsageError(f"not writing {what} (binary) to a terminal; redirect it or use -o FILE")
    sys.stdout.flush()
    try:
        _write_encoded(sys.stdout.buffer, data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise  # a reader that stopped reading (`| head`): click ends quietly
    except OSError as exc:
        raise stdout_failed(exc) from None


def stdout_failed(exc: OSError) -> PathwaysError:
    """The error for a failed write to standard output (a redirect into a full disk), as one
    line; what is still waiting to go out is sent nowhere from then on, so that Python's last
    flush at exit does not fail again, with a traceback of its own."""
    from .workspace import os_error

    with suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return os_error(exc, "standard output")


class GuardedStdout(io.TextIOWrapper):
    """Standard output whose failed writes (other than a closed pipe) are an OutputError naming
    it, caught with every other PathwaysError at the command line's edge: `pathways check >
    out.txt` on a full disk ended in a traceback from deep inside click.echo."""

    def write(self, text: str) -> int:
        if isinstance(text, str) and not text:
            # click probes the stream with an empty write; unbuffered (PYTHONUNBUFFERED), even
            # that reaches the file, and on a full disk fails: the probe must not count.
            return 0
        try:
            return super().write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise stdout_failed(exc) from None

    def flush(self) -> None:
        try:
            super().flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise stdout_failed(exc) from None


def guard_stdout() -> None:
    """Put a GuardedStdout in place of `sys.stdout` (the program's own process only: it
    writes to the same file as before, with the same encoding and buffering)."""
    out = sys.stdout
    if isinstance(out, GuardedStdout) or not isinstance(out, io.TextIOWrapper):
        return
    out.flush()
    sys.stdout = GuardedStdout(out.buffer, encoding=out.encoding, errors=out.errors,
                               line_buffering=out.line_buffering,
                               write_through=out.write_through)
