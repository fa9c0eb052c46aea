"""Rewrite the README's tour, and its other examples of output, with the real, current output.

The tour is the console block between `<!-- tour:start -->` and `<!-- tour:end -->`: every line
starting with `$ pathways ...` is a command (optionally piped to `| head -N`); the lines after it,
up to the next command, are its output. Elsewhere, a line `<!-- output: pathways ... -->` right
before a fenced block makes the block's body that command's output (the export examples).
`python scripts/readme_tour.py` rewrites them; `python scripts/readme_tour.py --check` exits 1 if
the README is out of date (the test suite runs the same check).
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

from pathways.cli import main

REPO = Path(__file__).resolve().parent.parent
START, END = "<!-- tour:start -->", "<!-- tour:end -->"


def run(command: str) -> str:
    """The output of one tour command, as a user sees it in a terminal."""
    head = None
    if m := re.search(r"\s*\|\s*head -(\d+)\s*$", command):
        head, command = int(m.group(1)), command[:m.start()]
    args = shlex.split(command)[1:]  # drop "pathways"
    here = os.getcwd()
    os.chdir(REPO)  # file names print as a user in the clone sees them
    try:
        result = CliRunner().invoke(main, ["--graphs", "graphs", *args])
    finally:
        os.chdir(here)
    out = result.output
    if head is not None:
        out = "".join(out.splitlines(keepends=True)[:head])
    return out.rstrip("\n")


# `<!-- output: COMMAND -->`, then a fenced block (its opening line kept, its body replaced)
OUTPUT = re.compile(r"(<!-- output: (pathways [^\n]*?) -->\n(```[a-z]*\n))(.*?)(```\n)", re.S)


def tour(readme: str) -> str:
    """`readme` with every tour command's output, and every marked example's, replaced by
    what it prints now."""
    before, rest = readme.split(START, 1)
    block, after = rest.split(END, 1)
    commands = [line[2:] for line in block.splitlines() if line.startswith("$ pathways")]
    parts = []
    for command in commands:
        parts.append(f"$ {command}\n{run(command)}\n")
    body = "\n```console\n" + "\n".join(parts) + "```\n"
    whole = f"{before}{START}{body}{END}{after}"
    return OUTPUT.sub(lambda m: f"{m.group(1)}{run(m.group(2))}\n{m.group(5)}", whole)


def main_() -> int:
    path = REPO / "README.md"
    text = path.read_text(encoding="utf-8")
    new = tour(text)
    if "--check" in sys.argv[1:]:
        if new != text:
            print("README tour is out of date: run python scripts/readme_tour.py")
            return 1
        return 0
    path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
