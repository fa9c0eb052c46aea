"""The README's tour shows what the commands print today, not what they printed once."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_readme_tour_is_current_output():
    spec = importlib.util.spec_from_file_location("readme_tour", REPO / "scripts/readme_tour.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert module.tour(readme) == readme, "run: python scripts/readme_tour.py"
