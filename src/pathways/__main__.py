"""`python -m pathways ...` runs the command line, as the `pathways` script does."""

from .entry import run

if __name__ == "__main__":  # pragma: no cover
    run()
