"""The examples in the docstrings (`>>>`) are run, so what they show is what the code does; the
few that query data get the shipped graph as `graph`."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import networkx as nx
import pytest

import pathways
from pathways.load import load_dataset
from pathways.merge import merge

REPO = Path(__file__).resolve().parent.parent
MODULES = sorted(m.name for m in pkgutil.walk_packages(pathways.__path__, "pathways.")
                 if not m.name.endswith("__main__"))


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    return merge(load_dataset(REPO / "graphs"))


def test_the_modules_with_examples_are_found() -> None:
    assert {"pathways.layout", "pathways.readers.mechanism_toml", "pathways.queries"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_a_module_s_docstring_examples_give_what_they_show(name: str, graph: nx.DiGraph) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, extraglobs={"graph": graph}, report=True,
                             optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"
