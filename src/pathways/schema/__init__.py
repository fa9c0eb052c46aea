"""The structure of each data file, as JSON Schema (draft-07) shipped with the package.

`load` checks every parsed TOML file against its schema before building the model, so wrong
types, unknown enum values, ids that are not ids and text that no figure or XML file can carry
are reported once, in one place, with the file and entry. The same files give an editor
completion and live errors (see graphs/README.md). Pure: data in, problems out.

A file is first validated with a compiled validator (`fastjsonschema`, linear and fast); only a
file that fails is walked again with `jsonschema`, which lists every error, not only the first.
Generating and compiling a validator takes about 10 ms a schema, so each schema's validator is
generated once and shipped as a module (`pathways.schema.validators`, written by `python -m
pathways.schema`, as validate-pyproject ships its own), imported like any other code; a schema
changed since its module was written (its SHA-256 no longer the one the module records) is
compiled afresh instead, and the test suite fails until the modules are written again.

>>> [p.message for p in check("sources", {"source": [{"id": "Doc 1", "title": "T",
...                                                    "address": "https://example.org"}]})]
["`id` 'Doc 1' is not an id ([a-z0-9][a-z0-9_-]*, at most 64 characters)"]
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import fastjsonschema

from ..labels import did_you_mean

if TYPE_CHECKING:
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError

__all__ = ["FILE_KINDS", "SchemaProblem", "check", "schema", "schema_path"]

# File kind -> schema file, in the order `load` reads them.
FILE_KINDS: dict[str, str] = {
    "sources": "sources.schema.json",
    "entities": "entities.schema.json",
    "mechanism": "mechanism.schema.json",
    "workflow": "workflow.schema.json",
    "figures": "figures.schema.json",
}

# Top-level keys that hold one table ([mechanism]) rather than an array of tables ([[edge]]).
_SINGLE_TABLES = frozenset({"mechanism", "workflow"})

# Characters XML 1.0 cannot carry, and C1 controls that terminals treat as escape sequences.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
# Bidirectional embeddings, overrides and isolates: refused with a message of their own.
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")

_TYPE_NAMES = {"string": "a string", "array": "an array", "object": "a table",
               "boolean": "true or false", "integer": "an integer", "number": "a number"}


@dataclass(frozen=True)
class SchemaProblem:
    """One place where a file breaks its schema.

    `entry` is the path of the table the problem belongs to (("edge", 2) for the third
    `[[edge]]`, ("mechanism",) for `[mechanism]`, () for the file), `path` the full path.
    """

    entry: tuple[str | int, ...]
    path: tuple[str | int, ...]
    message: str
    severity: str = "error"


def schema_path(kind: str) -> Any:
    """The shipped schema file for `kind` (a Traversable; `str()` of it is a path on disk)."""
    return resources.files(__name__).joinpath(FILE_KINDS[kind])


@cache
def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for files of `kind` ("sources", "entities", "mechanism", ...)."""
    return json.loads(schema_path(kind).read_text(encoding="utf-8"))


@cache
def _validator(kind: str) -> Draft7Validator:
    from jsonschema import Draft7Validator  # only for files that fail: it is slow to import

    return Draft7Validator(schema(kind))


@cache
def _compiled(kind: str) -> Any:
    """The fastjsonschema validator of `kind`: the shipped module's, else compiled now."""
    try:
        module = importlib.import_module(f"{__name__}.validators.{kind}")
    except ImportError:
        module = None
    if module is not None and getattr(module, "SCHEMA_SHA256", None) == _digest(kind):
        return getattr(module, module.ROOT)
    return fastjsonschema.compile(schema(kind), detailed_exceptions=False)


def _digest(kind: str) -> str:
    return hashlib.sha256(schema_path(kind).read_bytes()).hexdigest()


def validator_module(kind: str) -> str:
    """The source of the module that validates files of `kind`: fastjsonschema's code for the
    schema, without detailed messages (only whether a file passes is used; `check` lists the
    errors with jsonschema), under a header naming the schema's SHA-256 and the root function."""
    source = fastjsonschema.compile_to_code(schema(kind), detailed_exceptions=False)
    root = re.search(r"^def (\w+)\(", source, re.M)
    if root is None:
        raise RuntimeError(f"fastjsonschema {fastjsonschema.VERSION} wrote no validator function")
    return (f"# Generated from {FILE_KINDS[kind]} by `python -m pathways.schema`\n"
            f"# (fastjsonschema {fastjsonschema.VERSION}); do not edit: write it again after\n"
            f"# changing the schema (the tests check that it matches).\n"
            f"SCHEMA_SHA256 = {_digest(kind)!r}\nROOT = {root.group(1)!r}\n\n{source}")


def check(kind: str, data: dict[str, Any]) -> list[SchemaProblem]:
    """Every place where `data` (a parsed file of `kind`) breaks its schema, in file order."""
    try:
        _compiled(kind)(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass  # list every error (and unknown keys, only warnings), with the full validator
    out = []
    for error in _validator(kind).iter_errors(data):
        out.extend(_problems(error))
    return sorted(out, key=lambda p: [(str(type(x)), x) for x in p.path])


def _entry(path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    if path and path[0] in _SINGLE_TABLES:
        return path[:1]
    if len(path) >= 2 and isinstance(path[1], int):
        return path[:2]
    return ()


def _key(relative: tuple[str | int, ...]) -> str:
    """A path inside an entry as the user writes it: `evidence[2].quote`."""
    text = ""
    for part in relative:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _toml_type(value: Any) -> str:
    names = {str: "a string", list: "an array", dict: "a table", bool: "a boolean",
             int: "an integer", float: "a number"}
    return names.get(type(value), f"a {type(value).__name__}")


def _problems(error: ValidationError) -> list[SchemaProblem]:
    path = tuple(error.absolute_path)
    entry = _entry(path)
    key = _key(path[len(entry):])
    value, rule, kind = error.instance, error.validator_value, error.validator

    def one(message: str, severity: str = "error") -> list[SchemaProblem]:
        return [SchemaProblem(entry, path, message, severity)]

    if kind == "required":
        missing = [k for k in rule if k not in value]
        prefix = f"{key}." if key else ""
        return [SchemaProblem(entry, (*path, k), _NO_EVIDENCE if k == "evidence"
                              else f"missing `{prefix}{k}`") for k in missing]
    if kind == "minItems" and path and path[-1] == "evidence":
        return one(_NO_EVIDENCE)
    if kind == "additionalProperties" and rule is False:
        known = set(error.schema.get("properties", {}))
        prefix = f"{key}." if key else ""
        return [SchemaProblem(entry, (*path, k), f"unknown key `{prefix}{k}` (ignored: check the "
                              "spelling)", "warning") for k in sorted(set(value) - known)]
    if kind == "type":
        if not key and path and path[0] in _SINGLE_TABLES and isinstance(value, list):
            return one(f"write [{path[0]}], one table, not [[{path[0]}]]")
        name = key or (str(path[-1]) if path else "the file")
        return one(f"`{name}` must be {_TYPE_NAMES.get(rule, rule)}, not {_toml_type(value)}")
    if kind == "enum":
        name = next((p for p in reversed(path) if isinstance(p, str)), "value")
        if not isinstance(value, str):
            return one(f"`{key}` must be one of: {', '.join(str(v) for v in rule if v)}; not "
                       f"{_toml_type(value)}")
        close = did_you_mean(value, [v for v in rule if isinstance(v, str) and v])
        return one(f"unknown {name} {_short(value)} ({close}use one of: "
                   f"{', '.join(repr(v) if v == '' else str(v) for v in rule)})")
    if kind == "maxLength":
        return one(f"`{key}` is {len(value)} characters long (at most {rule})")
    if kind == "propertyNames":
        return one(f"`{key}` key {_short(value)} is not an id")
    template = error.schema.get("x-message") if kind == "pattern" else None
    if template:
        bad = _BAD_CHAR.search(value)
        char = f"U+{ord(bad.group()):04X}" if bad else ""
        if bad and _DIRECTION.match(bad.group()):
            return one(f"`{key}` contains the direction control character {char}, which shows "
                       "text in another order than it is stored (a label would read one thing "
                       "and match another)")
        return one(f"`{key}` " + template.replace("{value!r}", _short(value))
                   .replace("{char}", char).replace("{{", "{").replace("}}", "}"))
    return one(f"`{key}`: {error.message[:200]}")


_NO_EVIDENCE = "no evidence: every link needs a verbatim quote from its source"
