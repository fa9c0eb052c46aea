"""Shared fixtures: where the shipped data and the source documents are, and a tiny dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent

TINY_SOURCES = """\
[[source]]
id = "tiny-doc"
title = "A Tiny Document About Drugol"
publisher = "Example Press"
year = 2025
address = "https://example.org/tiny"
"""

TINY_ENTITIES = """\
[[compartment]]
id = "cell"
label = "Cell"

[[entity]]
id = "drugol"
label = "Drugol"
kind = "compound"
synonyms = ["DRX-1"]

[[entity]]
id = "receptor"
label = "Receptor R"
kind = "receptor"

[[entity]]
id = "receptor_b"
label = "Receptor R subtype B"
kind = "receptor"
parent = "receptor"

[[entity]]
id = "messenger"
label = "Messenger M"
kind = "protein"
compartment = "cell"

[[entity]]
id = "growth"
label = "Growth"
kind = "process"
"""

TINY_MECHANISM = """\
[mechanism]
id = "x"
title = "Drugol: receptor B block to growth"
compound = "drugol"

[[edge]]
source = "drugol"
target = "receptor_b"
effect = "inhibits"
[[edge.evidence]]
source = "tiny-doc"
quote = "Drugol inhibits receptor B."

[[edge]]
source = "receptor_b"
target = "messenger"
effect = "inhibits"
[[edge.evidence]]
source = "tiny-doc"
quote = "Receptor B holds messenger M down."

[[edge]]
source = "messenger"
target = "growth"
effect = "promotes"
[[edge.evidence]]
source = "tiny-doc"
quote = "Messenger M promotes growth."
"""


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """The tests cache into a folder of their own, never the user's ~/.cache."""
    patch = pytest.MonkeyPatch()
    patch.setenv("PATHWAYS_CACHE_DIR", str(tmp_path_factory.mktemp("pathways-cache")))
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _layouts_forgotten() -> None:
    """Each test lays its graphs out afresh: a test that changes how Graphviz runs (a failing
    server, a program that counts its runs) must not be answered from an earlier test's
    layouts, which `render.run_each` remembers for the life of a process."""
    from pathways.render import forget_layouts

    forget_layouts()


@pytest.fixture(scope="session")
def graphs_dir() -> Path:
    """The shipped data folder, graphs/."""
    return REPO / "graphs"


@pytest.fixture(scope="session")
def dataset(graphs_dir: Path):
    """The shipped data, loaded and validated once per session (read only: a test that
    changes data works on a copy, `tiny_graphs` or its own)."""
    from pathways.load import load_dataset

    return load_dataset(graphs_dir)


@pytest.fixture(scope="session")
def graph(dataset):
    """The shipped data merged into one graph, once per session (read only)."""
    from pathways.merge import merge

    return merge(dataset)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five source documents as text (../shared/seeds); tests needing them skip without."""
    path = REPO.parent / "shared" / "seeds"
    if not path.is_dir():
        pytest.skip(f"source texts not found at {path}")
    return path


@pytest.fixture
def tiny_graphs(tmp_path: Path) -> Path:
    """A small valid graphs/ folder (one source, five entities, one mechanism) to break at will.

    Drugol inhibits receptor B (a kind of receptor R), which holds messenger M down; messenger M
    promotes growth. Returns the folder, named `graphs`.
    """
    root = tmp_path / "graphs"
    (root / "mechanisms").mkdir(parents=True)
    (root / "sources.toml").write_text(TINY_SOURCES, encoding="utf-8")
    (root / "entities.toml").write_text(TINY_ENTITIES, encoding="utf-8")
    (root / "mechanisms" / "x.toml").write_text(TINY_MECHANISM, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole shipped catalog (svg, png, pdf), built once per session for every test file."""
    import shutil

    from pathways.figures import FORMATS, BuildOptions, build_catalog
    from pathways.load import load_dataset

    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` not on PATH")
    out = tmp_path_factory.mktemp("pathways-catalog")
    build_catalog(load_dataset(REPO / "graphs"), out, BuildOptions(formats=FORMATS))
    return out
