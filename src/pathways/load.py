"""Read graphs/ (TOML) into the model, collecting every problem with its file and line."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataError, Problem
from .model import (
    EFFECT_SIGNS,
    WORKFLOW_KINDS,
    Compartment,
    Dataset,
    Edge,
    Entity,
    Evidence,
    FigureSpec,
    Kind,
    Link,
    Measure,
    Mechanism,
    Note,
    Role,
    Source,
    Status,
    Step,
    Workflow,
)

__all__ = ["ENTITIES_FILE", "FIGURES_FILE", "SOURCES_FILE", "load_dataset", "read_dataset"]

SOURCES_FILE = "sources.toml"
ENTITIES_FILE = "entities.toml"
FIGURES_FILE = "figures.toml"
MECHANISMS_DIR = "mechanisms"
WORKFLOWS_DIR = "workflows"

_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


@dataclass
class _File:
    """One TOML file being read: its text, for line lookups, and the problems found in it."""

    path: Path
    rel: str
    text: str
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, header: str, index: int) -> int | None:
        """Line of the index-th `[[header]]` table, so problems point at the right entry."""
        pattern = re.compile(r"^[ \t]*\[\[\s*" + re.escape(header) + r"\s*\]\]", re.M)
        matches = list(pattern.finditer(self.text))
        if index < len(matches):
            return self.text.count("\n", 0, matches[index].start()) + 1
        return None

    def problem(self, where: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.rel, where, message, line))


def display_name(root: Path, path: Path) -> str:
    """How problems name a data file: as the user would type it from here (relative to the
    working folder when inside it, else absolute)."""
    import os

    full = path.resolve()
    rel = os.path.relpath(full)
    return str(full) if rel.startswith("..") else rel


def _read_toml(path: Path, root: Path) -> tuple[_File, dict[str, Any]]:
    """Parse one file; a syntax error becomes a problem of that file, not an exception."""
    rel = display_name(root, path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        f = _File(path, rel, "")
        f.problem("file", f"cannot read: {exc}")
        return f, {}
    f = _File(path, rel, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        f.problem("TOML syntax", str(exc), int(m.group(1)) if m else None)
        data = {}
    return f, data


def _text(f: _File, table: dict[str, Any], key: str, where: str, line: int | None,
          required: bool = True) -> str:
    value = table.get(key)
    if value is None:
        if required:
            f.problem(where, f"missing `{key}`", line)
        return ""
    if not isinstance(value, str):
        f.problem(where, f"`{key}` must be a string, not {type(value).__name__}", line)
        return ""
    if required and not value.strip():
        f.problem(where, f"`{key}` is empty", line)
    return value.strip()


def _texts(f: _File, table: dict[str, Any], key: str, where: str, line: int | None) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        f.problem(where, f"`{key}` must be a list of strings", line)
        return ()
    return tuple(v.strip() for v in value)


def _tables(f: _File, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        f.problem(key, f"`{key}` must be an array of tables ([[{key}]])")
        return []
    return value


def _status(f: _File, table: dict[str, Any], where: str, line: int | None,
            default: Status = Status.STATED) -> Status:
    raw = table.get("status", default.value)
    try:
        return Status(raw)
    except (ValueError, TypeError):
        f.problem(where, f"unknown status {raw!r} (use: {', '.join(s.value for s in Status)})",
                  line)
        return default


def _flag(f: _File, table: dict[str, Any], key: str, where: str, line: int | None,
          default: bool = False) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        f.problem(where, f"`{key}` must be true or false, not {value!r}", line)
        return default
    return value


def _evidence(f: _File, table: dict[str, Any], where: str, line: int | None,
              default_source: str = "", default_status: Status = Status.STATED
              ) -> tuple[Evidence, ...]:
    """The `[[...evidence]]` items of `table`; each takes its own `status` (certainty) or the
    default of the table it belongs to."""
    items = table.get("evidence", [])
    if not isinstance(items, list):
        items = []
    out = []
    for item in items:
        if not isinstance(item, dict):
            f.problem(where, "each evidence must be a table with `source` and `quote`", line)
            continue
        source = item.get("source", default_source)
        quote = item.get("quote", "")
        if not isinstance(source, str) or not source:
            f.problem(where, "evidence without `source`", line)
            continue
        if not isinstance(quote, str) or not quote.strip():
            f.problem(where, "evidence without `quote`", line)
            continue
        out.append(Evidence(source, " ".join(quote.split()),
                            _status(f, item, where, line, default_status),
                            _flag(f, item, "contradicts", where, line)))
    if not out:
        f.problem(where, "no evidence: every link needs a verbatim quote from its source", line)
    elif all(e.contradicts for e in out):
        f.problem(where, "every quote contradicts this link: nothing supports it", line)
    return tuple(out)


def _measures(f: _File, table: dict[str, Any], where: str, line: int | None,
              default_source: str = "") -> tuple[Measure, ...]:
    out = []
    items = table.get("measure", [])
    if not isinstance(items, list):
        f.problem(where, "`measure` must be an array of tables ([[...measure]])", line)
        items = []
    for item in items:
        if not isinstance(item, dict):
            f.problem(where, "each measure must be a table", line)
            continue
        ev = _evidence(f, {"evidence": [item]}, f"{where} measure", line, default_source)
        out.append(Measure(
            name=_text(f, item, "name", f"{where} measure", line),
            value=_text(f, item, "value", f"{where} measure", line),
            context=_text(f, item, "context", f"{where} measure", line, required=False),
            evidence=ev[0] if ev else Evidence("", ""),
            line=line,
        ))
    return tuple(out)


def _read_sources(f: _File, data: dict[str, Any]) -> list[tuple[Source, int | None]]:
    out = []
    for i, t in enumerate(_tables(f, data, "source")):
        line = f.line_of("source", i)
        sid = _text(f, t, "id", f"source #{i + 1}", line)
        where = f"source {sid!r}"
        year = t.get("year")
        out.append((Source(
            id=sid,
            title=_text(f, t, "title", where, line),
            address=_text(f, t, "address", where, line),
            publisher=_text(f, t, "publisher", where, line, required=False),
            year=year if isinstance(year, int) else None,
        ), line))
    return out


def _read_entities(f: _File, data: dict[str, Any]) -> tuple[
        list[tuple[Entity, int | None]], list[tuple[Compartment, int | None]]]:
    compartments = []
    for i, t in enumerate(_tables(f, data, "compartment")):
        line = f.line_of("compartment", i)
        cid = _text(f, t, "id", f"compartment #{i + 1}", line)
        compartments.append(
            (Compartment(cid, _text(f, t, "label", f"compartment {cid!r}", line)), line))
    entities = []
    for i, t in enumerate(_tables(f, data, "entity")):
        line = f.line_of("entity", i)
        eid = _text(f, t, "id", f"entity #{i + 1}", line)
        where = f"entity {eid!r}"
        raw_kind = t.get("kind", "")
        try:
            kind = Kind(raw_kind)
        except ValueError:
            kinds = ", ".join(k.value for k in Kind)
            f.problem(where, f"unknown kind {raw_kind!r} (use one of: {kinds})", line)
            kind = Kind.PROCESS
        entities.append((Entity(
            id=eid,
            label=_text(f, t, "label", where, line),
            kind=kind,
            synonyms=_texts(f, t, "synonyms", where, line),
            identifiers=_texts(f, t, "identifiers", where, line),
            compartment=_text(f, t, "compartment", where, line, required=False) or None,
            parent=_text(f, t, "parent", where, line, required=False) or None,
            part_of=_text(f, t, "part_of", where, line, required=False) or None,
            role=_role(f, t, kind, where, line),
            info=_texts(f, t, "info", where, line),
            description=_text(f, t, "description", where, line, required=False),
            line=line,
        ), line))
    return entities, compartments


def _role(f: _File, table: dict[str, Any], kind: Kind, where: str, line: int | None
          ) -> Role | None:
    """A compound's role (drug by default); other kinds have none."""
    raw = table.get("role")
    if kind is not Kind.COMPOUND:
        if raw is not None:
            f.problem(where, "`role` is for compounds only", line)
        return None
    try:
        return Role(raw or Role.DRUG.value)
    except (ValueError, TypeError):
        f.problem(where, f"unknown role {raw!r} (use: {', '.join(r.value for r in Role)})", line)
        return Role.DRUG


def _read_mechanism(f: _File, data: dict[str, Any]) -> Mechanism:
    head = data.get("mechanism", {})
    if not isinstance(head, dict) or not head:
        f.problem("[mechanism]", "missing the [mechanism] table (id, title, compound)", 1)
        head = {}
    mid = _text(f, head, "id", "[mechanism]", None) or f.path.stem
    edges = []
    for i, t in enumerate(_tables(f, data, "edge")):
        line = f.line_of("edge", i)
        src = _text(f, t, "source", f"edge #{i + 1}", line)
        dst = _text(f, t, "target", f"edge #{i + 1}", line)
        where = f"edge {src} -> {dst}"
        effect = t.get("effect", "")
        if effect not in EFFECT_SIGNS:
            f.problem(where, f"unknown effect {effect!r} (use one of: {', '.join(EFFECT_SIGNS)})",
                      line)
            effect = "modulates"
        edges.append(Edge(
            source=src, target=dst, effect=effect,
            evidence=_evidence(f, t, where, line,
                               default_status=_status(f, t, where, line)),
            label=_text(f, t, "label", where, line, required=False),
            measures=_measures(f, t, where, line),
            line=line,
        ))
    measures = []
    for i, t in enumerate(_tables(f, data, "measure")):
        line = f.line_of("measure", i)
        entity = _text(f, t, "entity", f"measure #{i + 1}", line)
        measures.extend((entity, m) for m in _measures(f, {"measure": [t]}, f"measure on {entity}",
                                                       line))
    return Mechanism(
        id=mid,
        title=_text(f, head, "title", "[mechanism]", None),
        compound=_text(f, head, "compound", "[mechanism]", None, required=False) or None,
        edges=tuple(edges),
        measures=tuple(measures),
        file=f.rel,
        uses=_texts(f, head, "uses", "[mechanism]", None),
    )


def _read_workflow(f: _File, data: dict[str, Any]) -> Workflow:
    head = data.get("workflow", {})
    if not isinstance(head, dict) or not head:
        f.problem("[workflow]", "missing the [workflow] table (id, title, source)", 1)
        head = {}
    default = _text(f, head, "source", "[workflow]", None)
    steps = []
    for i, t in enumerate(_tables(f, data, "step")):
        line = f.line_of("step", i)
        sid = _text(f, t, "id", f"step #{i + 1}", line)
        where = f"step {sid!r}"
        kind = t.get("kind", "")
        if kind not in WORKFLOW_KINDS:
            f.problem(where, f"unknown kind {kind!r} (use one of: {', '.join(WORKFLOW_KINDS)})",
                      line)
        status = _status(f, t, where, line)
        steps.append(Step(
            id=sid,
            label=_text(f, t, "label", where, line),
            kind=kind if kind in WORKFLOW_KINDS else "procedure",
            evidence=_evidence(f, t, where, line, default, status),
            duration=_text(f, t, "duration", where, line, required=False),
            details=_texts(f, t, "details", where, line),
            group=_text(f, t, "group", where, line, required=False),
            status=status,
            measures=_measures(f, t, where, line, default),
            line=line,
        ))
    links = []
    for i, t in enumerate(_tables(f, data, "link")):
        line = f.line_of("link", i)
        src = _text(f, t, "from", f"link #{i + 1}", line)
        dst = _text(f, t, "to", f"link #{i + 1}", line)
        where = f"link {src} -> {dst}"
        status = _status(f, t, where, line)
        links.append(Link(
            source=src, target=dst,
            evidence=_evidence(f, t, where, line, default, status),
            label=_text(f, t, "label", where, line, required=False),
            status=status,
            line=line,
        ))
    return Workflow(
        id=_text(f, head, "id", "[workflow]", None) or f.path.stem,
        title=_text(f, head, "title", "[workflow]", None),
        source=default,
        steps=tuple(steps),
        links=tuple(links),
        file=f.rel,
    )


def _read_figures(f: _File, data: dict[str, Any]) -> list[tuple[FigureSpec, int | None]]:
    out = []
    for i, t in enumerate(_tables(f, data, "figure")):
        line = f.line_of("figure", i)
        fid = _text(f, t, "id", f"figure #{i + 1}", line)
        where = f"figure {fid!r}"
        notes = []
        for n in t.get("note", []):
            ev = _evidence(f, {"evidence": [n]}, f"{where} note", line)
            notes.append(Note(_text(f, n, "text", f"{where} note", line),
                              ev[0] if ev else Evidence("", "")))
        placement = t.get("placement", {})
        if not isinstance(placement, dict):
            f.problem(where, "`placement` must be a table of entity = compartment", line)
            placement = {}
        out.append((FigureSpec(
            id=fid,
            caption=_text(f, t, "caption", where, line),
            source=_text(f, t, "source", where, line),
            caption_inferred=bool(t.get("caption_inferred", False)),
            mechanisms=_texts(f, t, "mechanisms", where, line),
            workflow=_text(f, t, "workflow", where, line, required=False) or None,
            sources=_texts(f, t, "sources", where, line),
            exclude=_texts(f, t, "exclude", where, line),
            placement=tuple(sorted((str(k), str(v)) for k, v in placement.items())),
            compartments=bool(t.get("compartments", True)),
            measures=bool(t.get("measures", True)),
            rankdir=_text(f, t, "rankdir", where, line, required=False),
            rows=_rows(f, t, where, line),
            align=_texts(f, t, "align", where, line),
            notes=tuple(notes),
            line=line,
        ), line))
    return out


def _rows(f: _File, table: dict[str, Any], where: str, line: int | None
          ) -> tuple[tuple[str, ...], ...]:
    rows = table.get("rows", [])
    if not isinstance(rows, list) or not all(
            isinstance(r, list) and all(isinstance(x, str) for x in r) for r in rows):
        f.problem(where, "`rows` must be a list of lists of ids", line)
        return ()
    return tuple(tuple(r) for r in rows)


def _files(directory: Path) -> Iterable[Path]:
    return sorted(directory.glob("*.toml")) if directory.is_dir() else ()


def read_dataset(root: str | Path) -> tuple[Dataset, list[Problem], dict[str, int | None]]:
    """Read every file under `root` without giving up at the first problem.

    Returns the (possibly inconsistent) dataset, the per-file problems found so far, and the line
    of each entry (keyed like "entity:ketamine") for the cross-file checks in `validate`.
    """
    from .errors import PathwaysError

    root = Path(root)
    if not root.is_dir():
        raise PathwaysError(f"{root}: graphs folder not found (pass --graphs DIR)")
    problems: list[Problem] = []
    lines: dict[str, int | None] = {}
    files: list[_File] = []

    def read(path: Path) -> dict[str, Any]:
        f, data = _read_toml(path, root)
        files.append(f)
        return data

    sources: dict[str, Source] = {}
    entities: dict[str, Entity] = {}
    compartments: dict[str, Compartment] = {}
    mechanisms: dict[str, Mechanism] = {}
    workflows: dict[str, Workflow] = {}
    figures: dict[str, FigureSpec] = {}

    def keep(table: dict, kind: str, key: str, value: Any, f: _File, line: int | None) -> None:
        if not key:
            return
        if key in table:
            f.problem(f"{kind} {key!r}", f"duplicate id (first defined at line "
                      f"{lines.get(f'{kind}:{key}')})", line)
            return
        table[key] = value
        lines[f"{kind}:{key}"] = line

    for name in (SOURCES_FILE, ENTITIES_FILE):
        path = root / name
        if not path.exists():
            problems.append(Problem(str(path), name, "required file is missing"))
            continue
        data = read(path)
        f = files[-1]
        if name == SOURCES_FILE:
            for src, line in _read_sources(f, data):
                keep(sources, "source", src.id, src, f, line)
        else:
            ents, comps = _read_entities(f, data)
            for comp, line in comps:
                keep(compartments, "compartment", comp.id, comp, f, line)
            for ent, line in ents:
                keep(entities, "entity", ent.id, ent, f, line)
    for path in _files(root / MECHANISMS_DIR):
        data = read(path)
        mech = _read_mechanism(files[-1], data)
        keep(mechanisms, "mechanism", mech.id, mech, files[-1], 1)
    for path in _files(root / WORKFLOWS_DIR):
        data = read(path)
        wf = _read_workflow(files[-1], data)
        keep(workflows, "workflow", wf.id, wf, files[-1], 1)
    if (root / FIGURES_FILE).exists():
        data = read(root / FIGURES_FILE)
        for fig, line in _read_figures(files[-1], data):
            keep(figures, "figure", fig.id, fig, files[-1], line)
    for f in files:
        problems.extend(f.problems)
    dataset = Dataset(str(root), sources, entities, compartments, mechanisms, workflows, figures)
    return dataset, problems, lines


def cross_checks(dataset: Dataset, problems: list[Problem],
                 lines: dict[str, int | None]) -> list[Problem]:
    """The cross-file checks, unless a file could not be parsed: a file read as empty would
    only make every reference into it look unknown."""
    from .validate import validate

    if any(p.where in ("TOML syntax", "file") for p in problems):
        return []
    return validate(dataset, lines)


def load_dataset(root: str | Path) -> Dataset:
    """Read and validate `root`; raise DataError listing every problem if anything is wrong."""
    dataset, problems, lines = read_dataset(root)
    problems = problems + cross_checks(dataset, problems, lines)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return dataset
