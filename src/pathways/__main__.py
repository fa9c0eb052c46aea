"""`python -m pathways ...` runs the command line, as the `pathways` script does."""

from .cli import main

if __name__ == "__main__":  # pragma: no cover
    main(prog_name="pathways")
