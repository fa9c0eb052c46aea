"""Where a build writes before it publishes, so that an output folder only ever goes from one
complete build to the next, and nothing is left behind or written elsewhere.

A build into OUT keeps its state in OUT/.pathways/:

- `lock`: held (`flock`) by the build in progress; a second build into OUT waits for it;
- `staging-<pid>-<random>/`: the build in progress, with its Graphviz scratch folders;
- `gen-<random>/`: a complete published build (every file it shows, and `record.json`, what it
  wrote, for the build cache: see `figures`);
- `current`: a symbolic link to the published `gen-*` folder.

Each file a build shows is a symbolic link OUT/NAME -> .pathways/current/NAME. Publishing fills
a new `gen-*` folder (new files moved in from staging, kept ones hard-linked from the current
one), then replaces `current` in one atomic rename: every file changes from the previous build
to the next at the same instant, so a build killed at any moment leaves OUT showing the complete
previous build or the complete new one, never a mix. The next build removes what a killed one
left. Where the file system has no symbolic links, files are moved into OUT under a journal
instead (`journal.json`, written before the first move); a build killed while moving is then
finished by the next build before anything else.

Anything else in OUT is the user's: a build replaces only the files it writes, removes only
those an earlier build published that it no longer shows and that are still as published
(`Workspace.publish`'s `drops`), and a failed build removes only the folders and files it
created. Commands that write one file (`render`,
`slides`) work in `temp_folder()` under the system's temporary folder instead, which removes
the leftovers of killed runs.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cleanup import remove_tree, remove_trees
from .errors import OutputError

__all__ = ["STATE", "Workspace", "dangling", "left_behind", "os_error", "published_record", "temp_folder",
           "workspace", "write_atomically"]

STATE = ".pathways"
CURRENT = "current"  # the link to the published generation, in the state folder
_LINK_TMP = ".pathways-link"  # suffix of a link being made in the state folder, before its rename
WAIT = 120.0  # seconds a build waits for another build into the same folder
_TEMP_PREFIX = "pathways-"


def os_error(exc: OSError, path: Path | str, doing: str = "write") -> OutputError:
    """An OSError as one line naming the path and what went wrong (read-only, full disk, ...)."""
    reason = {errno.EROFS: "the file system is read-only", errno.ENOSPC: "the disk is full",
              errno.EDQUOT: "the disk quota is exhausted", errno.EACCES: "permission denied",
              errno.EPERM: "permission denied", errno.ENOTDIR: "a file is in the way of a folder",
              errno.EEXIST: "a file is in the way of a folder",
              errno.EISDIR: "a folder is in the way"}.get(exc.errno or 0,
                                                                     exc.strerror or str(exc))
    return OutputError(f"cannot {doing} {path}: {reason}")


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and any missing parents; the ones created, outermost first."""
    missing = []
    for part in [folder, *folder.parents]:
        if part.is_dir():
            break
        missing.append(part)
    made = []
    for part in reversed(missing):
        try:
            part.mkdir()
        except FileExistsError as exc:
            if not part.is_dir():
                what = "a link that leads to no folder" if part.is_symlink() else "a file"
                raise OutputError(f"cannot write {folder}: {part} is {what}, not a folder") \
                    from exc
            continue
        except NotADirectoryError as exc:
            raise OutputError(f"cannot write {folder}: a file is in the way of a folder") from exc
        except OSError as exc:
            raise os_error(exc, folder) from exc
        made.append(part)
    return made


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder: a killed process
    leaves the old file or the new one. (Nothing is synced to disk: that guards against power
    cuts, not kills, and costs seconds on a busy disk.)"""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def _locked(lock: Path, out: Path, notify: Callable[[str], None] | None,
            wait: float) -> Iterator[None]:
    """Hold `lock` (flock) for the block; wait for another holder up to `wait` seconds."""
    give_up = time.monotonic() + wait
    told = False
    while True:
        lock.parent.mkdir(parents=True, exist_ok=True)  # a failed build we waited for removed it
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() > give_up:
                raise OutputError(f"another pathways build into {out} has been running for more "
                                  f"than {wait:g} s; try again when it has finished") from None
            if notify and not told:
                notify(f"Waiting for another pathways build into {out} to finish")
                told = True
            time.sleep(0.05)
            continue
        try:  # the lock file may have been removed by a failed build we waited for
            same = os.stat(lock).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        os.close(fd)  # closing releases the flock


def published_record(state: Path) -> dict[str, Any]:
    """What the published build in the state folder `state` wrote (an empty record where there
    is none or it is unreadable)."""
    for where in (state / CURRENT / "record.json", state / "record.json"):
        try:
            data = json.loads(where.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        return data if isinstance(data, dict) else {}
    return {}


@dataclass
class Workspace:
    """A build in progress into `out`: its state folder and its own staging folder."""

    out: Path
    state: Path
    staging: Path

    def read_record(self) -> dict[str, Any]:
        """What the last builds wrote (see `published_record`)."""
        return published_record(self.state)

    def publish(self, moves: list[str], record: dict[str, Any],
                drops: Mapping[str, str] | None = None) -> list[str]:
        """Publish the staged files `moves` (names relative to staging and to `out`) with
        `record`, all or nothing: as a new generation behind one link swap where the file system
        has symbolic links, else by moves under a journal. `drops` (name -> the SHA-256 it was
        published with) are files an earlier build published that this one no longer shows:
        they leave `out` with the same step, and only while still the build's own and as it
        wrote them (a link of the build's to those bytes, or under a journal a plain file of
        those bytes): a file of yours there, or one edited since, stays. Returns the names
        removed."""
        record_bytes = json.dumps(record, indent=1, sort_keys=True).encode("utf-8")
        drops = dict(sorted((drops or {}).items()))
        if _symlinks_work(self.state):
            return _publish_generation(self.state, self.out, self.staging, moves, record_bytes,
                                       drops)
        write_atomically(self.staging / "record.json", record_bytes)
        going = [name for name, digest in drops.items() if name not in moves
                 and not (self.out / name).is_symlink() and _digest(self.out / name) == digest]
        journal = {"staging": self.staging.name, "moves": moves, "drops": drops}
        write_atomically(self.state / "journal.json", json.dumps(journal).encode("utf-8"))
        _apply_journal(self.state, self.out)
        return [name for name in going if not (self.out / name).exists()]


def _symlinks_work(state: Path) -> bool:
    """True when symbolic links can be made in `state` (not on FAT, some network shares...)."""
    if (state / CURRENT).is_symlink():
        return True
    probe = state / f".probe-{os.getpid()}{_LINK_TMP}"
    try:
        os.symlink("probe", probe)
    except OSError:
        return False
    probe.unlink()
    return True


def _current(state: Path) -> Path | None:
    """The published generation folder, if there is one."""
    link = state / CURRENT
    if not link.is_symlink():
        return None
    target = state / Path(os.readlink(link)).name
    return target if target.is_dir() else None


def _link_or_copy(src: Path, dst: Path) -> None:
    """Put `src` at `dst` as a hard link (no copy, same file system), else as a copy."""
    tmp = dst.with_name(f".{dst.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def _symlink(target: str, path: Path, state: Path) -> None:
    """Make (or replace) the symbolic link `path` -> `target` in one rename; the link is made
    in the state folder first, so that `out` never shows it half-made."""
    tmp = state / f".{path.name}{_LINK_TMP}"
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, path)


def _shown(name: str) -> str:
    """Where OUT/name points: into the published generation, through `current`."""
    return f"{STATE}/{CURRENT}/{name}"


def _publish_generation(state: Path, out: Path, staging: Path, moves: list[str],
                        record: bytes, drops: Mapping[str, str] | None = None) -> list[str]:
    """Fill a new generation (the staged `moves`, the current generation's other files but
    those of `drops` still as published, the record), link every name it shows from `out`, then
    swap `current` to it in one rename; then remove the links of those dropped, which no longer
    resolve (`_recover` removes them where a build is stopped before it does). Returns the
    names whose links it removed.

    Before the swap `out` shows the previous build: a name the new build adds is a link that
    does not resolve yet, and a name a previous version of the tool wrote as a plain file is
    first taken into the current generation unchanged (adopted), so replacing it by a link
    changes nothing the user sees."""
    for name in moves:
        if (out / name).is_dir() and not (out / name).is_symlink():
            raise OutputError(f"cannot write {out / name}: a folder is in the way")
    new = _generation(state)
    made: list[Path] = []
    old = _current(state)
    # A file edited through its link since (an editor saving in place) is the user's now: kept.
    dropping = {name for name, digest in (drops or {}).items()
                if old is not None and _digest(old / name) == digest}
    try:
        _fill_and_link(state, out, staging, new, moves, record, made, dropping)
    except BaseException:
        remove_tree(new)
        for link in made:
            link.unlink(missing_ok=True)
        raise
    _symlink(new.name, state / CURRENT, state)  # the moment the new build is published
    removed = []
    for name in sorted(dropping):
        if _ours(out, name) and not (new / name).exists():
            (out / name).unlink()
            removed.append(name)
    _drop_old_generations(state, new)
    (state / "record.json").unlink(missing_ok=True)  # a previous version's record
    return removed


def _fill_and_link(state: Path, out: Path, staging: Path, new: Path, moves: list[str],
                   record: bytes, made: list[Path], drops: Collection[str] = ()) -> None:
    """Fill the generation `new` and link its names from `out` (those it adds are listed in
    `made`), without changing what `out` shows; the current generation's `drops` are left out."""
    old = _current(state)
    for name in moves:
        os.replace(staging / name, new / name)
    if old is not None:
        for kept in sorted(old.iterdir()):
            if _shows(kept.name) and kept.name not in drops and not (new / kept.name).exists():
                _link_or_copy(kept, new / kept.name)
    write_atomically(new / "record.json", record)
    shown = sorted(p.name for p in new.iterdir() if _shows(p.name))
    plain = [name for name in shown  # files, or links of someone else's, in the way
             if (out / name).exists() and not _ours(out, name)]
    if plain:
        if old is None:  # the first build of this kind into `out`: adopt what is there
            old = _generation(state)
            _symlink(old.name, state / CURRENT, state)
        for name in plain:
            _link_or_copy(out / name, old / name)
            _symlink(_shown(name), out / name, state)
    for name in shown:
        if not _ours(out, name):
            _symlink(_shown(name), out / name, state)
            made.append(out / name)


def _ours(out: Path, name: str) -> bool:
    """Whether OUT/name is the link a build makes (not a file, nor a link of the user's)."""
    try:
        return os.readlink(out / name) == _shown(name)
    except OSError:
        return False


def _shows(name: str) -> bool:
    """Whether a file of a generation is one `out` shows (not the record or a temporary)."""
    return name != "record.json" and not name.startswith(".")


def _generation(state: Path) -> Path:
    """A new, empty generation folder, readable by whoever may read `out` (the umask's mode,
    not `mkdtemp`'s private 0o700)."""
    folder = Path(tempfile.mkdtemp(prefix="gen-", dir=state))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(folder, 0o777 & ~mask)
    return folder


def _drop_old_generations(state: Path, keep: Path) -> None:
    remove_trees(gen for gen in sorted(state.glob("gen-*")) if gen.name != keep.name)


def _apply_journal(state: Path, out: Path) -> None:
    """Finish the moves the journal lists (those not done yet), then drop the journal."""
    journal = state / "journal.json"
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        staging = state / Path(str(data["staging"])).name
        moves = [Path(str(m)).name for m in data["moves"]]
        drops = {Path(str(k)).name: str(v) for k, v in dict(data.get("drops", {})).items()}
    except (OSError, ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)  # unreadable: it was never committed
        return
    for name in moves:
        if (staging / name).exists():
            os.replace(staging / name, out / name)
    for name, digest in drops.items():  # only a file still as the build published it
        path = out / name
        if name not in moves and not path.is_symlink() and _digest(path) == digest:
            path.unlink()
    if (staging / "record.json").exists():
        os.replace(staging / "record.json", state / "record.json")
    journal.unlink()


def _digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, in hex; None where it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def dangling(out: Path) -> bool:
    """Whether `out` shows a link of a build's that no longer resolves: one a build stopped
    right after publishing had still to remove (`_recover` removes them)."""
    try:
        return any(link.is_symlink() and not link.exists()
                   and os.readlink(link) == _shown(link.name) for link in out.iterdir())
    except OSError:
        return False


def _recover(state: Path, out: Path) -> None:
    """Finish a publication a killed build committed under a journal; remove killed builds'
    staging, unpublished generations, half-made links and links to files no build published."""
    if (state / "journal.json").exists():
        _apply_journal(state, out)
    current = _current(state)
    if current is not None:
        _drop_old_generations(state, current)
    remove_trees(sorted(state.glob("staging-*")))
    for tmp in [*state.glob(".*.tmp"), *state.glob(f".*{_LINK_TMP}")]:
        tmp.unlink(missing_ok=True)
    for link in out.iterdir():
        if link.is_symlink() and not link.exists() and \
                os.readlink(link) == _shown(link.name):
            link.unlink()


@contextmanager
def workspace(out: Path, notify: Callable[[str], None] | None = None,
              wait: float = WAIT) -> Iterator[Workspace]:
    """Create `out` as needed, take its lock, finish or clean up after killed builds, and give
    a fresh staging folder. On leaving, the staging folder is removed; if the block failed,
    the folders this build created (`out` itself, its state folder) are removed too when
    nothing else is in them. OS errors become one-line OutputErrors."""
    made = _make_folders(out)
    state = out / STATE
    made_state = False
    try:
        try:
            state.mkdir()
            made_state = True
        except FileExistsError:
            if not state.is_dir():
                raise
            if state.is_symlink():  # its builds would be written wherever it points
                raise OutputError(f"{state} is a symbolic link; a build keeps its files in a "
                                  "folder of that name inside the output folder: remove the "
                                  "link") from None
        with _locked(state / "lock", out, notify, wait):
            _recover(state, out)
            # Absolute: Graphviz runs in a scratch folder, so a relative `--out` would point
            # somewhere else for it.
            staging = Path(tempfile.mkdtemp(prefix=f"staging-{os.getpid()}-",
                                            dir=state)).absolute()
            ok = False
            try:
                yield Workspace(out, state, staging)
                ok = True
            finally:
                # A committed publication that failed half-way keeps its staging folder: the
                # next build completes it from there.
                if not (state / "journal.json").exists():
                    remove_tree(staging)
                    # Again what a build killed before this one left: its workers, told to
                    # stop when it died, may have written into its staging folder after
                    # `_recover` removed it, while they ended their layouts.
                    remove_trees(sorted(p for p in state.glob("staging-*")
                                        if _dead_run(p.name.split("-")[1])))
                    if not ok and made_state:  # still under the lock: remove what we created
                        (state / "lock").unlink(missing_ok=True)
    except OSError as exc:
        _remove_empty([state] if made_state else [])
        _remove_empty(made[::-1])
        raise os_error(exc, exc.filename or out) from exc
    except BaseException:
        _remove_empty([state] if made_state else [])
        _remove_empty(made[::-1])
        raise


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def left_behind(state: Path) -> bool:
    """Whether a build killed outright (no clean-up: `kill -9`, a power cut) left its staging
    folder in `state`: the next build, even one with nothing to draw, clears it."""
    return any(_dead_run(p.name.split("-")[1]) for p in state.glob("staging-*"))


def _dead_run(pid: str) -> bool:
    """True where `pid` (from a temporary folder's name) names another run, now ended."""
    return pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid))


@contextmanager
def temp_folder() -> Iterator[Path]:
    """A private folder under the system's temporary folder for one command, removed after it;
    the folders of earlier runs that were killed (their process is gone) are removed first."""
    root = Path(tempfile.gettempdir())
    remove_trees(old for old in sorted(root.glob(f"{_TEMP_PREFIX}*-*"))
                 if _dead_run(old.name[len(_TEMP_PREFIX):].split("-", 1)[0]))
    try:
        folder = Path(tempfile.mkdtemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-", dir=root))
    except OSError as exc:
        raise os_error(exc, root, "create a temporary folder in") from exc
    try:
        yield folder
    finally:
        remove_tree(folder)
