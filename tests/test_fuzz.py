"""Property: whatever is done to the shipped data (types, ids, unicode, references, nesting),
every command ends with a documented exit code, no traceback, nothing written outside its
output folder and only well-formed XML.

Bounded (a fixed, derandomised set of examples) so the suite stays within minutes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.cli import main
from pathways.exporters import EXPORTERS

REPO = Path(__file__).parent.parent
GRAPHS = REPO / "graphs"
FILES = sorted(str(p.relative_to(GRAPHS)) for p in GRAPHS.rglob("*.toml"))
XML_FORMATS = {"graphml", "sbgn"}
EXIT_CODES = {0, 1, 2, 3}

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not on PATH")

HOSTILE_IDS = ["../../x", "/tmp/abs", "fig.v1", "javascript:alert(1)", "a\tb", "a->b", "a\nb",
               "", "UPPER", "x" * 80, "ketamine", "mtor", "no_such_thing", "\x1b[31mred"]
HOSTILE_TEXT = ["Ca^{}", "x_{ }", "Ca^{2_{x}}", "Ca^{2+", "\x01", "\x0b", "\x1b]0;t\x07",
                "\ufffe", "\uffff", "\x85", "<b>&amp;</b>", '"]; a -> b [', "\\N \\G", "y" * 3000, "日本 ü →"]

# TOML can carry any of these; surrogates it cannot.
_CHARS = st.characters(blacklist_categories=("Cs",))
_SCALARS = st.one_of(st.integers(-10, 10**12), st.floats(allow_nan=False, allow_infinity=False),
                     st.booleans(), st.text(_CHARS, max_size=12))
_VALUES = st.one_of(_SCALARS, st.lists(_SCALARS, max_size=3),
                    st.dictionaries(st.text("abcxyz_", min_size=1, max_size=6), _SCALARS,
                                    max_size=2),
                    st.lists(st.dictionaries(st.sampled_from(["id", "quote", "source"]),
                                             _SCALARS, max_size=2), max_size=2))


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value in parsed TOML."""
    out = []
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else ()
    for key, value in items:
        out.append((*prefix, key))
        out.extend(_paths(value, (*prefix, key)))
    return out


def _set(data: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _get(data: Any, path: tuple) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> tuple[dict[str, str], str]:
    """The text of each data file after one to three mutations, and what was done."""
    texts = {name: (GRAPHS / name).read_text(encoding="utf-8") for name in FILES}
    done = []
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(FILES))
        how = draw(st.sampled_from(["type", "id", "unicode", "reference", "delete", "nesting"]))
        if how == "nesting":  # deeper than any parser's recursion, written as text
            depth = draw(st.sampled_from([3, 40, 600]))
            texts[name] = f"nest = {'[' * depth}{']' * depth}\n" + texts[name]
            done.append(f"{name}: nesting {depth}")
            continue
        data = tomllib.loads(texts[name])
        paths = _paths(data)
        if how == "id":
            paths = [p for p in paths if p[-1] in ("id", "source", "target", "from", "to",
                                                   "compound", "workflow", "parent")]
        elif how in ("unicode", "reference"):
            paths = [p for p in paths if isinstance(_get(data, p), str)]
        if not paths:
            continue
        path = draw(st.sampled_from(paths))
        if how == "type":
            value = draw(_VALUES)
        elif how in ("id", "reference"):
            value = draw(st.sampled_from(HOSTILE_IDS))
        elif how == "unicode":
            old = _get(data, path)
            extra = draw(st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(_CHARS, max_size=8)))
            at = draw(st.integers(0, len(old)))
            value = old[:at] + extra + old[at:]
        else:
            parent = _get(data, path[:-1])
            if isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
            texts[name] = tomli_w.dumps(data)
            done.append(f"{name}: delete {path}")
            continue
        _set(data, path, value)
        texts[name] = tomli_w.dumps(data)
        done.append(f"{name}: {how} {path} = {value!r:.60}")
    return texts, "; ".join(done)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _commands(out: Path) -> list[list[str]]:
    exports = [["export", "--format", name, "-o", str(out / f"export.{name}")]
               for name in EXPORTERS]
    return [["check"], ["list"], ["list", "--json"], ["converge", "mtor"], *exports,
            ["render", "ketamine", "-o", str(out / "render.svg")]]


@needs_dot
@settings(max_examples=10, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_any_mutation_of_the_data_is_handled(case: tuple[dict[str, str], str]) -> None:
    texts, done = case
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        graphs, out, cwd = work / "graphs", work / "cwd" / "out", work / "cwd"
        for name, text in texts.items():
            (graphs / name).parent.mkdir(parents=True, exist_ok=True)
            (graphs / name).write_text(text, encoding="utf-8")
        cwd.mkdir()
        before = _tree(graphs)
        here = os.getcwd()
        os.chdir(cwd)
        try:
            for command in _commands(out):
                result = CliRunner().invoke(main, ["--graphs", str(graphs), *command])
                context = f"{command} after {done}: {result.output[-500:]}"
                assert result.exit_code in EXIT_CODES, context
                assert result.exception is None or isinstance(result.exception, SystemExit), \
                    f"{context}: {result.exception!r}"
                assert "Traceback" not in result.output, context
        finally:
            os.chdir(here)
        assert _tree(graphs) == before, done
        outside = {p for p in _tree(cwd) if not p.startswith("out/")}
        assert outside == set(), done
        for name in (*(f"export.{f}" for f in XML_FORMATS), "render.svg"):
            if (out / name).exists():
                ET.parse(out / name)  # well-formed, or this raises
