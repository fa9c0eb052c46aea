"""Starting up: what each command imports, and the content-keyed cache that lets a query on
unchanged data skip the loader. Assertions about behaviour (modules imported, files written,
answers given), never about time: the times are in benchmarks/bench_startup.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import edit

REPO = Path(__file__).parent.parent

# Libraries a compact graph for big networks may come from: imported only for a big network.
COMPACT_BACKENDS = ("scipy", "igraph", "rustworkx", "numpy")

# What `--help` must not import: the graph library, the readers of other formats, the TOML
# loader, the schema libraries and the model (`pathways --help` is click and the command table).
NOT_FOR_HELP = ("networkx", "pathways.readers", "pathways.load", "pathways.schema",
                "pathways.model", "pathways.merge", "pathways.queries", "tomllib",
                "fastjsonschema", "jsonschema", "pydot", "graphviz", *COMPACT_BACKENDS)

# What a query answered from the cache must not import: everything that reads the TOML.
NOT_FROM_CACHE = ("pathways.load", "pathways.validate", "pathways.schema", "pathways.model",
                  "pathways.readers", "tomllib", "fastjsonschema", "jsonschema", *COMPACT_BACKENDS)


def _env(cache: Path | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PATHWAYS_CACHE", "PATHWAYS_GRAPHS")}
    if cache is not None:
        env["PATHWAYS_CACHE_DIR"] = str(cache)
    return {**env, **extra}


def _pathways(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None
              ) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run `python -X importtime -m pathways ARGS` as a user would; the result and the names
    of every module the process imported."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "pathways", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    modules = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines()
               if line.startswith("import time:") and "|" in line}
    return proc, modules


def _imported(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_help_imports_click_and_the_command_table_only(tmp_path: Path) -> None:
    proc, modules = _pathways("--help", env=_env(tmp_path / "cache"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    for command in ("check", "converge", "figures", "import", "render", "shared"):
        assert f"  {command} " in proc.stdout
    assert "click" in modules and "pathways.cli" in modules
    assert _imported(modules, NOT_FOR_HELP) == []
    assert not (tmp_path / "cache").exists()  # asking for help writes nothing


def test_command_help_imports_no_data_code(tmp_path: Path) -> None:
    proc, modules = _pathways("converge", "--help", env=_env(tmp_path / "cache"))
    assert proc.returncode == 0 and "--max-steps" in proc.stdout
    assert _imported(modules, NOT_FOR_HELP) == []


def test_import_pathways_is_light_and_its_names_still_there() -> None:
    code = ("import sys, pathways\n"
            "light = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('networkx', 'tomllib', 'fastjsonschema', 'jsonschema', 'click') or m in "
            "('pathways.load', 'pathways.model', 'pathways.api', 'pathways.schema'))\n"
            "names = {n: type(getattr(pathways, n)).__name__ for n in pathways.__all__}\n"
            "from pathways.load import load_dataset\n"  # the submodule does not hide load()
            "print(light, names['load'], callable(pathways.load), pathways.load.__module__,\n"
            "      set(pathways.__all__) <= set(dir(pathways)))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["[]", "function", "True", "pathways.api", "True"]


def test_converge_on_unchanged_data_loads_the_cached_graph(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ("converge", "mTOR", "--json")
    off, _ = _pathways(*args, env=_env(None, PATHWAYS_CACHE="off"))
    first, first_modules = _pathways(*args, env=_env(cache))
    again, modules = _pathways(*args, env=_env(cache))
    assert off.returncode == first.returncode == again.returncode == 0, again.stderr[-2000:]
    assert json.loads(off.stdout)["node"]["id"] == "mtor"
    assert first.stdout == again.stdout == off.stdout  # the same answer, byte for byte
    assert "pathways.load" in first_modules  # the first run read the data...
    # ...and, with no network to read, no reader of other formats nor a compact backend
    assert _imported(first_modules, ("pathways.readers", *COMPACT_BACKENDS)) == []
    assert _imported(modules, NOT_FROM_CACHE) == []
    assert "pathways.queries" in modules  # the answer is computed every time


@pytest.mark.parametrize("args", [("list", "--json"), ("describe", "onfasprodil"),
                                  ("path", "mgs0039", "glutamate_surge", "--json")])
def test_commands_answer_the_same_from_the_cache(tmp_path: Path, args: tuple[str, ...]) -> None:
    cache = tmp_path / "cache"
    off, _ = _pathways(*args, env=_env(None, PATHWAYS_CACHE="off"))
    first, _ = _pathways(*args, env=_env(cache))
    again, modules = _pathways(*args, env=_env(cache))
    assert off.returncode == 0 and off.stdout, off.stderr[-2000:]
    assert first.stdout == again.stdout == off.stdout
    assert _imported(modules, ("pathways.load", "tomllib", "fastjsonschema")) == []


def test_cache_off_writes_nothing(tmp_path: Path) -> None:
    proc, _ = _pathways("converge", "mTOR", env=_env(tmp_path / "cache", PATHWAYS_CACHE="off"))
    assert proc.returncode == 0
    assert not (tmp_path / "cache").exists()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped data to edit."""
    shutil.copytree(REPO / "graphs", tmp_path / "graphs")
    return tmp_path / "graphs"


def test_an_edited_data_file_gives_a_fresh_answer(tmp_path: Path, data: Path) -> None:
    env = _env(tmp_path / "cache")
    args = ("--graphs", str(data), "converge", "mTOR", "--json")
    before, _ = _pathways(*args, env=env)
    assert json.loads(before.stdout)["node"]["label"] == "mTOR"
    edit(data / "entities.toml", 'label = "mTOR"', 'label = "mTORC1"')
    after, modules = _pathways(*args, env=env)
    assert after.returncode == 0, after.stderr[-2000:]
    assert json.loads(after.stdout)["node"]["label"] == "mTORC1"
    assert "pathways.load" in modules  # read again, not served from the cache


def test_invalid_data_is_reported_every_time_never_cached(tmp_path: Path, data: Path) -> None:
    env = _env(tmp_path / "cache")
    args = ("--graphs", str(data), "converge", "mTOR")
    assert _pathways(*args, env=env)[0].returncode == 0
    mechanism = sorted((data / "mechanisms").glob("*.toml"))[0]
    good = mechanism.read_text(encoding="utf-8")
    mechanism.write_text(good.replace('effect = "', 'effect = "zaps', 1), encoding="utf-8")
    for _ in range(2):
        bad, _ = _pathways(*args, env=env)
        assert bad.returncode == 1 and "Traceback" not in bad.stderr
        assert mechanism.name in bad.stderr and "zaps" in bad.stderr
    mechanism.write_text(good, encoding="utf-8")
    assert _pathways(*args, env=env)[0].returncode == 0


def test_a_damaged_cache_is_rebuilt_not_reported(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ("converge", "mTOR", "--json")
    first, _ = _pathways(*args, env=_env(cache))
    check, _ = _pathways("check", env=_env(cache))
    entries = sorted(cache.iterdir())
    assert {p.suffix for p in entries} == {".pickle"}  # the graph and the data
    for entry in entries:
        entry.write_bytes(b"\x80not a pickle")
    again, _ = _pathways(*args, env=_env(cache))
    check_again, _ = _pathways("check", env=_env(cache))
    assert again.returncode == 0 and again.stdout == first.stdout
    assert check_again.returncode == 0 and check_again.stdout == check.stdout
    assert all(p.read_bytes() != b"\x80not a pickle" for p in entries)  # written afresh


def test_check_validates_with_the_shipped_validators_compiling_none(tmp_path: Path) -> None:
    """`check` with the cache off compiles no validator: the shipped ones are used (run with
    fastjsonschema's compilers removed, so that compiling one would fail)."""
    program = ("import sys, fastjsonschema\n"
               "fastjsonschema.compile = fastjsonschema.compile_to_code = None\n"
               "from pathways.cli import main\n"
               "sys.argv = ['pathways', 'check']\n"
               "main()\n")
    proc = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env=_env(None, PATHWAYS_CACHE="off"))
    normal, _ = _pathways("check", env=_env(tmp_path / "cache"))
    assert proc.returncode == normal.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout == normal.stdout
    assert not list((tmp_path / "cache").glob("schema-*"))  # nothing compiled to keep


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    off, _ = _pathways("converge", "mTOR", "--json", env=_env(None, PATHWAYS_CACHE="off"))
    proc, _ = _pathways("converge", "mTOR", "--json", env=_env(blocker / "cache"))
    assert proc.returncode == 0
    assert [ln for ln in proc.stderr.splitlines() if not ln.startswith("import time:")] == []
    assert proc.stdout == off.stdout
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def _entry_name(n: int) -> str:
    return f"{n:064x}.pickle"


def test_the_cache_keeps_to_its_size_dropping_the_least_recently_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every edit of the data makes a new entry: the folder is pruned to its limit after each
    write, the entries used longest ago first; one just read stays, as does one just written,
    and a file of the user's own in the folder is never touched."""
    from pathways import cache

    folder = tmp_path / "cache"
    monkeypatch.setenv("PATHWAYS_CACHE_DIR", str(folder))
    monkeypatch.setenv("PATHWAYS_CACHE_MAX_MB", "1")
    folder.mkdir()
    mine = folder / "notes.txt"
    mine.write_bytes(b"x" * 2_000_000)  # not an entry: neither counted nor removed
    half = b"y" * 400_000
    for n in range(2):
        cache.write_entry(_entry_name(n), half)
        os.utime(folder / _entry_name(n), (1_000_000 + n, 1_000_000 + n))  # 0 the older
    assert cache.read_entry(_entry_name(0)) == half  # used now: the newer
    cache.write_entry(_entry_name(2), half)  # 1.2 MB: one must go, the one used longest ago
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([_entry_name(0), _entry_name(2), "notes.txt"]), left
    assert mine.read_bytes() == b"x" * 2_000_000


def test_an_entry_larger_than_the_limit_is_still_kept_as_the_newest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathways import cache

    monkeypatch.setenv("PATHWAYS_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("PATHWAYS_CACHE_MAX_MB", "0")
    cache.write_entry(_entry_name(1), b"a")
    cache.write_entry(_entry_name(2), b"b")
    assert [p.name for p in tmp_path.iterdir()] == [_entry_name(2)]


def test_an_unfinished_write_is_cleared_after_an_hour(tmp_path: Path) -> None:
    from pathways import cache

    old, new = tmp_path / ".tmp-abc12345", tmp_path / ".tmp-def45678"
    mine = tmp_path / ".tmp-my-own-notes"  # not named as a write's temporary file
    for path in (old, new, mine):
        path.write_bytes(b"half")
    for path in (old, mine):
        os.utime(path, (1_000_000, 1_000_000))
    assert cache.prune(tmp_path, 10**9) == [old.name]
    assert new.exists() and mine.exists()


@pytest.mark.parametrize("value", ["", "lots", "-5", "1.5", "\u0661"])
def test_a_cache_limit_that_is_not_a_whole_number_is_ignored(
        value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathways import cache

    monkeypatch.setenv("PATHWAYS_CACHE_MAX_MB", value)
    assert cache.limit_bytes() == cache.MAX_MB * 1024 * 1024


def test_a_run_prunes_the_cache_to_its_limit(tmp_path: Path) -> None:
    """As a user runs it: a cache already over its limit is brought under it by the next run
    that writes an entry, and the answer is the same."""
    cache = tmp_path / "cache"
    cache.mkdir()
    for n in range(4):
        (cache / _entry_name(n)).write_bytes(b"z" * 600_000)
        os.utime(cache / _entry_name(n), (1_000_000 + n, 1_000_000 + n))
    off, _ = _pathways("converge", "mTOR", "--json", env=_env(None, PATHWAYS_CACHE="off"))
    proc, _ = _pathways("converge", "mTOR", "--json",
                        env=_env(cache, PATHWAYS_CACHE_MAX_MB="1"))
    assert proc.returncode == 0 and proc.stdout == off.stdout, proc.stderr[-2000:]
    assert sum(p.stat().st_size for p in cache.iterdir()) <= 1024 * 1024
    assert not any(p.name in (_entry_name(0), _entry_name(1)) for p in cache.iterdir())
