"""A stop (Ctrl-C, SIGTERM, SIGHUP) that lands while a scratch folder is being removed still
leaves no folder behind: the removal finishes, then the stop goes on. The interrupt is made to
land inside `shutil.rmtree` itself, at the n-th file it removes, where a real signal may land."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import pathways.workspace
from pathways.cleanup import remove_trees, scratch_folder
from pathways.cli import _Stopped
from pathways.figures import BuildOptions, build_catalog
from pathways.load import load_dataset

HAVE_DOT = shutil.which("dot") is not None


def _filled(folder: Path, files: int = 12) -> Path:
    (folder / "inner").mkdir(parents=True)
    for i in range(files):
        (folder / ("inner" if i % 2 else ".") / f"file-{i}.txt").write_text("x", encoding="utf-8")
    return folder


@pytest.fixture
def interrupt_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., list[int]]]:
    """`arm(*ns, stop=...)`: the n-th file removed from then on (`os.unlink`, as `rmtree`
    removes them) raises `stop` instead, once for each n; returns the list of unlinks seen."""
    real = os.unlink

    def arm(*ns: int, stop: Callable[[], BaseException] = KeyboardInterrupt) -> list[int]:
        seen: list[int] = []

        def unlink(path: object, *args: object, **kwargs: object) -> None:
            seen.append(1)
            if len(seen) in ns:
                raise stop()
            real(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "unlink", unlink)
        return seen

    yield arm
    monkeypatch.setattr(os, "unlink", real)


def test_an_interrupted_removal_finishes_every_folder_then_stops(
        tmp_path: Path, interrupt_at: Callable[..., list[int]]) -> None:
    folders = [_filled(tmp_path / "a"), _filled(tmp_path / "b")]
    seen = interrupt_at(3, 8)  # in the first folder, and again while it is finished
    with pytest.raises(KeyboardInterrupt):
        remove_trees(folders)
    assert len(seen) >= 8
    assert not any(folder.exists() for folder in folders)
    assert list(tmp_path.iterdir()) == []


def test_a_stop_signal_in_a_removal_is_raised_once_it_is_done(
        tmp_path: Path, interrupt_at: Callable[..., list[int]]) -> None:
    folder = _filled(tmp_path / "a")
    interrupt_at(2, stop=lambda: _Stopped(15))
    with pytest.raises(_Stopped) as stopped:
        remove_trees([folder])
    assert stopped.value.signum == 15 and not folder.exists()


def test_a_command_s_temporary_folder_is_gone_when_a_stop_lands_in_its_removal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        interrupt_at: Callable[..., list[int]]) -> None:
    """`slides`, `render` and `export` work in `temp_folder`: a stop just as they end, while it
    is removed, left it in TMPDIR until a later run."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(KeyboardInterrupt), pathways.workspace.temp_folder() as folder:
        _filled(folder / "deck")
        interrupt_at(4)
    assert not folder.exists() and list(tmp_path.iterdir()) == []


def test_a_scratch_folder_is_gone_when_a_stop_lands_in_its_removal(
        tmp_path: Path, interrupt_at: Callable[..., list[int]]) -> None:
    """The layouts' and the library's scratch folders (`tempfile.TemporaryDirectory` before,
    whose clean-up an interrupt cuts short)."""
    with pytest.raises(KeyboardInterrupt), scratch_folder("pathways-layout-", tmp_path) as folder:
        _filled(folder)
        interrupt_at(1)
    assert not folder.exists() and list(tmp_path.iterdir()) == []


def test_a_build_s_staging_folder_is_gone_when_a_stop_lands_in_its_removal(
        tmp_path: Path, interrupt_at: Callable[..., list[int]]) -> None:
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt), pathways.workspace.workspace(out) as space:
        _filled(space.staging / "figures")
        interrupt_at(5)
    state = out / pathways.workspace.STATE
    assert not space.staging.exists() and not list(state.glob("staging-*"))


@pytest.mark.skipif(not HAVE_DOT, reason="Graphviz `dot` not on PATH")
def test_a_stop_while_the_previous_build_is_removed_leaves_the_new_one_alone(
        tmp_path: Path, graphs_dir: Path, monkeypatch: pytest.MonkeyPatch,
        interrupt_at: Callable[..., list[int]]) -> None:
    """Stopped just after publishing, while the previous generation is removed: the new build
    is shown, and the previous one is gone all the same."""
    out = tmp_path / "out"
    dataset = load_dataset(graphs_dir)
    options = BuildOptions(formats=("svg",))
    build_catalog(dataset, out, options, only=("social-defeat-workflow",))
    state = out / pathways.workspace.STATE
    (first,) = state.glob("gen-*")
    real = pathways.workspace._drop_old_generations

    def dropped(state_: Path, keep: Path) -> None:
        if keep != first:  # after the swap to the new build, not in the clean-up before it
            interrupt_at(2)
        real(state_, keep)

    monkeypatch.setattr(pathways.workspace, "_drop_old_generations", dropped)
    with pytest.raises(KeyboardInterrupt):
        build_catalog(dataset, out, options,
                      only=("social-defeat-workflow", "esketamine-mechanism"))
    (kept,) = state.glob("gen-*")
    assert kept != first and not first.exists()
    assert (out / "esketamine-mechanism.svg").read_bytes().startswith(b"<?xml")
    assert not list(state.glob("staging-*"))
