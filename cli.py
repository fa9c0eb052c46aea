"""Run `pathways` from a checkout without installing: `python cli.py --help`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from pathways.entry import run

if __name__ == "__main__":
    run()
