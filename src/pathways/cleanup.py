"""Removing scratch folders so that a stop cannot leave one half removed.

A stop (Ctrl-C, or SIGTERM or SIGHUP, which `cli.run` turns into an exception) that lands while
a folder is being removed interrupts `shutil.rmtree` half-way: the folder would stay behind, in
the system's temporary folder or in `out/`, until a later run cleaned it up. `remove_trees`
finishes the removal first, then lets the stop go on. A second stop signal is a no-op by then
(`cli._again`); a second Ctrl-C only restarts the removal where it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


def remove_trees(folders: Iterable[Path]) -> None:
    """Remove each of `folders` with everything in it (one that is gone or cannot be removed is
    left, as `shutil.rmtree(ignore_errors=True)` leaves it). An interrupt or stop on the way is
    raised once every folder has been removed."""
    stopped: BaseException | None = None
    for folder in folders:
        while True:
            try:
                shutil.rmtree(folder, ignore_errors=True)
                break
            except BaseException as exc:  # KeyboardInterrupt, cli's stop: finish, then stop
                stopped = stopped or exc
    if stopped is not None:
        raise stopped


def remove_tree(folder: Path) -> None:
    """`remove_trees` of one folder."""
    remove_trees([folder])


@contextmanager
def scratch_folder(prefix: str, parent: Path | None = None) -> Iterator[Path]:
    """A new private folder (in `parent`, else the system's temporary folder) for the block,
    removed after it by `remove_tree`: `tempfile.TemporaryDirectory`, whose clean-up a stop
    can interrupt, leaving the folder."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        yield folder
    finally:
        remove_tree(folder)
