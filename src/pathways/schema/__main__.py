"""Write the shipped validator modules (`pathways.schema.validators`) from the schemas.

    python -m pathways.schema

Run after changing a schema: until then that schema's validator is compiled on every run and
the tests fail.
"""

from __future__ import annotations

from pathlib import Path

from . import FILE_KINDS, validator_module


def main() -> None:
    folder = Path(__file__).resolve().parent / "validators"
    folder.mkdir(exist_ok=True)
    init = folder / "__init__.py"
    init.write_text('"""fastjsonschema validators generated from the schemas next to this folder '
                    '(see `pathways.schema`)."""\n', encoding="utf-8")
    for kind in FILE_KINDS:
        path = folder / f"{kind}.py"
        path.write_text(validator_module(kind), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
