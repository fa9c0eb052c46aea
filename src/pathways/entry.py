"""The `pathways` program's entry point (its script, `python -m pathways`, `python cli.py`).

Why a module of its own: Ctrl-C while the command line is still being imported (its first
tenth of a second) raised KeyboardInterrupt out of the imports, and Python printed a traceback
through them. Here it ends the program as Ctrl-C does later (click's "Aborted!", exit 1).
"""

from __future__ import annotations

import sys

__all__ = ["run"]


def run() -> None:
    """Import the command line, then run it (`cli.run`)."""
    try:
        from .cli import run as command
    except KeyboardInterrupt:
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)
    command()
