"""Read graphs/ (TOML) into the model, collecting every problem with its file and line.

Each file is parsed, then checked against its JSON Schema (`pathways.schema`): types, enums,
ids and text are reported there, once. The readers below only build the model, leniently, so a
file with problems still yields what it can for the cross-file checks. Line numbers are found
in one pass over each file, so reading is linear in its size.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import schema
from .errors import DataError, Problem, UsageError
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

__all__ = ["ENTITIES_FILE", "FIGURES_FILE", "ID_MAX", "ID_PATTERN", "SOURCES_FILE", "is_id", "load_dataset",
           "read_dataset"]

SOURCES_FILE = "sources.toml"
ENTITIES_FILE = "entities.toml"
FIGURES_FILE = "figures.toml"
MECHANISMS_DIR = "mechanisms"
WORKFLOWS_DIR = "workflows"

# Every id (entity, compartment, source, mechanism, workflow, step, figure): ids become file
# names, DOT and XML element ids and SIF fields, so they are plain words (see graphs/README.md).
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_\-]*")
ID_MAX = 64  # characters in an id, as the schemas allow

_HEADER = re.compile(r"^[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_.\-\" ]+?)[ \t]*\]\]?", re.M)


class _Lines:
    """Where each table header of one file is, found in one pass: `[[edge]]` number i, or
    `[mechanism]`, looked up in constant time."""

    def __init__(self, text: str):
        self.arrays: dict[str, list[int]] = {}
        self.tables: dict[str, int] = {}
        line, pos = 1, 0
        for m in _HEADER.finditer(text):
            line += text.count("\n", pos, m.start())
            pos = m.start()
            name = m.group(2).replace('"', "").replace(" ", "")
            if m.group(1) == "[[":
                self.arrays.setdefault(name, []).append(line)
            else:
                self.tables.setdefault(name, line)

    def of(self, header: str, index: int | None = None) -> int | None:
        """Line of the index-th `[[header]]`, or of `[header]` when index is None."""
        if index is None:
            return self.tables.get(header)
        found = self.arrays.get(header, [])
        return found[index] if 0 <= index < len(found) else None


@dataclass
class _File:
    """One TOML file being read: where its tables are, and the problems found in it."""

    path: Path
    rel: str
    lines: _Lines = field(default_factory=lambda: _Lines(""))
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, header: str, index: int) -> int | None:
        """Line of the index-th `[[header]]` table, so problems point at the right entry."""
        return self.lines.of(header, index)

    def problem(self, where: str, message: str, line: int | None = None,
                severity: str = "error") -> None:
        self.problems.append(Problem(self.rel, where, message, line, severity))


def display_name(root: Path, path: Path) -> str:
    """How problems name a data file: as the user would type it from here (relative to the
    working folder when inside it, else absolute), by the name it has in the data folder: a
    file that is a symbolic link is named as the link, not as the file it points to."""
    full = os.path.abspath(path)
    rel = os.path.relpath(full)
    return full if rel.startswith("..") else rel


def _is_regular(path: Path) -> bool:
    """A regular file: a FIFO or device named *.toml would block or never end when read."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _read_toml(path: Path, root: Path, kind: str) -> tuple[_File, dict[str, Any]]:
    """Parse one file and check it against the schema of `kind`; a syntax error becomes one
    problem of that file, not an exception (and no schema problems follow from it)."""
    rel = display_name(root, path)
    f = _File(path, rel)
    if not _is_regular(path):
        f.problem("file", "not a regular file (skipped: a pipe or device would never end)")
        return f, {}
    try:
        # A byte order mark (Notepad saves one) is no text: left in, TOML read it as an
        # "Invalid statement (at line 1, column 1)".
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        f.problem("file", f"cannot read: {exc}")
        return f, {}
    f.lines = _Lines(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        f.problem("TOML syntax", str(exc), int(m.group(1)) if m else None)
        return f, {}
    except RecursionError:
        f.problem("TOML syntax", "arrays or tables nested too deeply to read")
        return f, {}
    for p in schema.check(kind, data):
        where, line = _entry_place(f, data, p.entry)
        f.problem(where, p.message, line, p.severity)
    return f, data


def _entry_place(f: _File, data: dict[str, Any], entry: tuple[str | int, ...]
                 ) -> tuple[str, int | None]:
    """How problems name an entry of a file ("edge a -> b", "entity 'x'") and its line."""
    if not entry:
        return "top level", None
    key = str(entry[0])
    if len(entry) == 1:
        return f"[{key}]", f.lines.of(key) or 1
    index = int(entry[1])
    item = data.get(key)
    item = item[index] if isinstance(item, list) and index < len(item) else {}
    item = item if isinstance(item, dict) else {}
    line = f.line_of(key, index)

    def name(k: str) -> str:
        value = item.get(k)
        return value if isinstance(value, str) and is_id(value) else "?"

    if key == "edge":
        return f"edge {name('source')} -> {name('target')}", line
    if key == "link":
        return f"link {name('from')} -> {name('to')}", line
    if key == "measure":
        return f"measure on {name('entity')}", line
    sid = item.get("id")
    if isinstance(sid, str) and is_id(sid):
        return f"{key} {sid!r}", line
    return f"{key} #{index + 1}", line


def _values(enum: type[Kind] | type[Status] | type[Role]) -> tuple[str, ...]:
    """The values of a string enum, to test any parsed value against (lists included)."""
    return tuple(e.value for e in enum)


def is_id(value: str) -> bool:
    """True for a stable id: ID_PATTERN, at most ID_MAX characters."""
    return len(value) <= ID_MAX and ID_PATTERN.fullmatch(value) is not None


# The readers: the schema has checked types, so these only take what is there.

def _str(table: dict[str, Any], key: str) -> str:
    value = table.get(key)
    return value.strip() if isinstance(value, str) else ""


def _strs(table: dict[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key)
    return tuple(v.strip() for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _tables(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    """The `[[key]]` tables with their index among the file's `[[key]]` headers."""
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]


def _status(table: dict[str, Any], default: Status = Status.STATED) -> Status:
    raw = table.get("status")
    return Status(raw) if raw in _values(Status) else default


def _flag(table: dict[str, Any], key: str, default: bool) -> bool:
    value = table.get(key)
    return value if isinstance(value, bool) else default


def _evidence(f: _File, table: dict[str, Any], where: str, line: int | None,
              default_source: str = "", default_status: Status = Status.STATED
              ) -> tuple[Evidence, ...]:
    """The `[[...evidence]]` items of `table`; each takes its own `status` (certainty) or the
    default of the table it belongs to."""
    out = tuple(Evidence(_str(item, "source") or default_source, " ".join(_str(item, "quote").split()),
                         _status(item, default_status), _flag(item, "contradicts", False))
                for _, item in _tables(table, "evidence"))
    if out and all(e.contradicts for e in out):
        f.problem(where, "every quote contradicts this link: nothing supports it", line)
    return out


def _measure(item: dict[str, Any], line: int | None, default_source: str = "") -> Measure:
    ev = Evidence(_str(item, "source") or default_source, " ".join(_str(item, "quote").split()),
                  _status(item), _flag(item, "contradicts", False))
    return Measure(name=_str(item, "name"), value=_str(item, "value"),
                   context=_str(item, "context"), evidence=ev, line=line)


def _measures(table: dict[str, Any], line: int | None, default_source: str = ""
              ) -> tuple[Measure, ...]:
    return tuple(_measure(item, line, default_source) for _, item in _tables(table, "measure"))


def _read_sources(f: _File, data: dict[str, Any]) -> list[tuple[Source, int | None]]:
    out = []
    for i, t in _tables(data, "source"):
        year = t.get("year")
        out.append((Source(
            id=_str(t, "id"),
            title=_str(t, "title"),
            address=_str(t, "address"),
            publisher=_str(t, "publisher"),
            year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        ), f.line_of("source", i)))
    return out


def _read_entities(f: _File, data: dict[str, Any]) -> tuple[
        list[tuple[Entity, int | None]], list[tuple[Compartment, int | None]]]:
    compartments = [(Compartment(_str(t, "id"), _str(t, "label")), f.line_of("compartment", i))
                    for i, t in _tables(data, "compartment")]
    entities = []
    for i, t in _tables(data, "entity"):
        line = f.line_of("entity", i)
        eid = _str(t, "id")
        raw_kind = t.get("kind")
        kind = Kind(raw_kind) if raw_kind in _values(Kind) else Kind.PROCESS
        entities.append((Entity(
            id=eid,
            label=_str(t, "label"),
            kind=kind,
            synonyms=_strs(t, "synonyms"),
            identifiers=_strs(t, "identifiers"),
            compartment=_str(t, "compartment") or None,
            parent=_str(t, "parent") or None,
            part_of=_str(t, "part_of") or None,
            role=_role(f, t, kind, f"entity {eid!r}", line),
            info=_strs(t, "info"),
            description=_str(t, "description"),
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
    return Role(raw) if raw in _values(Role) else Role.DRUG


def _head(data: dict[str, Any], key: str) -> dict[str, Any]:
    head = data.get(key)
    return head if isinstance(head, dict) else {}


def _read_mechanism(f: _File, data: dict[str, Any]) -> Mechanism:
    head = _head(data, "mechanism")
    edges = []
    for i, t in _tables(data, "edge"):
        line = f.line_of("edge", i)
        src, dst = _str(t, "source"), _str(t, "target")
        effect = t.get("effect")
        edges.append(Edge(
            source=src, target=dst,
            effect=effect if isinstance(effect, str) and effect in EFFECT_SIGNS else "modulates",
            evidence=_evidence(f, t, f"edge {src} -> {dst}", line, default_status=_status(t)),
            label=_str(t, "label"),
            measures=_measures(t, line),
            line=line,
        ))
    measures = [(_str(t, "entity"), _measure(t, f.line_of("measure", i)))
                for i, t in _tables(data, "measure")]
    return Mechanism(
        id=_str(head, "id") or f.path.stem,
        title=_str(head, "title"),
        compound=_str(head, "compound") or None,
        edges=tuple(edges),
        measures=tuple(measures),
        file=f.rel,
        uses=_strs(head, "uses"),
    )


def _read_workflow(f: _File, data: dict[str, Any]) -> Workflow:
    head = _head(data, "workflow")
    default = _str(head, "source")
    steps = []
    for i, t in _tables(data, "step"):
        line = f.line_of("step", i)
        sid = _str(t, "id")
        kind = t.get("kind")
        status = _status(t)
        steps.append(Step(
            id=sid,
            label=_str(t, "label"),
            kind=kind if isinstance(kind, str) and kind in WORKFLOW_KINDS else "procedure",
            evidence=_evidence(f, t, f"step {sid!r}", line, default, status),
            duration=_str(t, "duration"),
            details=_strs(t, "details"),
            group=_str(t, "group"),
            status=status,
            measures=_measures(t, line, default),
            line=line,
        ))
    links = []
    for i, t in _tables(data, "link"):
        line = f.line_of("link", i)
        src, dst = _str(t, "from"), _str(t, "to")
        status = _status(t)
        links.append(Link(
            source=src, target=dst,
            evidence=_evidence(f, t, f"link {src} -> {dst}", line, default, status),
            label=_str(t, "label"),
            status=status,
            line=line,
        ))
    return Workflow(
        id=_str(head, "id") or f.path.stem,
        title=_str(head, "title"),
        source=default,
        steps=tuple(steps),
        links=tuple(links),
        file=f.rel,
    )


def _read_figures(f: _File, data: dict[str, Any]) -> list[tuple[FigureSpec, int | None]]:
    out = []
    for i, t in _tables(data, "figure"):
        line = f.line_of("figure", i)
        notes = tuple(Note(_str(n, "text"), _measure(n, line).evidence)
                      for _, n in _tables(t, "note"))
        placement = t.get("placement")
        placement = placement if isinstance(placement, dict) else {}
        rows = t.get("rows")
        rankdir = _str(t, "rankdir")
        out.append((FigureSpec(
            id=_str(t, "id"),
            caption=_str(t, "caption"),
            source=_str(t, "source"),
            caption_inferred=_flag(t, "caption_inferred", False),
            mechanisms=_strs(t, "mechanisms"),
            workflow=_str(t, "workflow") or None,
            sources=_strs(t, "sources"),
            exclude=_strs(t, "exclude"),
            placement=tuple(sorted((str(k), v) for k, v in placement.items()
                                   if isinstance(v, str))),
            compartments=_flag(t, "compartments", True),
            measures=_flag(t, "measures", True),
            rankdir=rankdir if rankdir in ("TB", "LR") else "",
            rows=tuple(_strs({"r": r}, "r") for r in rows) if isinstance(rows, list) else (),
            align=_strs(t, "align"),
            notes=notes,
            line=line,
        ), line))
    return out


def _files(directory: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """The *.toml files of `directory`, sorted, but hidden ones (`.#ketamine.toml`, an editor's
    lock, or a swap file): an editor's, not the data, as in networks/ (pipes and devices among
    them are skipped by `read_dataset`, never opened). A folder that cannot be listed is a
    problem of its own: its files would otherwise be missing without a word, and figures.toml
    then name "unknown" mechanisms."""
    if not directory.is_dir():
        if os.path.lexists(directory):  # a file, or a link to nothing, where the folder goes
            what = "a link to nothing" if directory.is_symlink() and not directory.exists() \
                else "not a folder"
            problems.append(Problem(display_name(root, directory), "",
                                    f"is {what}: its .toml files are read from a folder of "
                                    "that name"))
        return []
    try:
        with os.scandir(directory) as entries:
            names = sorted(entry.name for entry in entries
                           if entry.name.endswith(".toml") and not entry.name.startswith("."))
    except OSError as exc:
        problems.append(Problem(display_name(root, directory), "folder",
                                f"cannot read the folder: {exc.strerror or exc}"))
        return []
    return [directory / name for name in names]


def read_dataset(root: str | Path) -> tuple[Dataset, list[Problem], dict[str, int | None]]:
    """Read every file under `root` without giving up at the first problem.

    Returns the (possibly inconsistent) dataset, the per-file problems found so far, and the line
    of each entry (keyed like "entity:ketamine") for the cross-file checks in `validate`.
    Raises UsageError (exit 2) if `root` is not a folder.
    """
    root = Path(root)
    if not root.is_dir():
        raise UsageError(f"{root}: graphs folder not found (pass --graphs DIR)")
    problems: list[Problem] = []
    places: dict[str, tuple[str, int | None]] = {}  # "kind:id" -> (file, line) it was first in
    files: list[_File] = []

    def read(path: Path, kind: str) -> dict[str, Any]:
        f, data = _read_toml(path, root, kind)
        files.append(f)
        return data

    def regular(paths: Iterable[Path]) -> list[Path]:
        out = []
        for path in paths:
            if _is_regular(path):
                out.append(path)
            else:
                problems.append(Problem(display_name(root, path), "skipped", "not a regular file "
                                        "(a pipe or device would never end)", None, "warning"))
        return out

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
            first_file, first_line = places[f"{kind}:{key}"]
            where = (f"line {first_line}" if first_file == f.rel
                     else f"{first_file}:{first_line}" if first_line else first_file)
            f.problem(f"{kind} {key!r}", f"duplicate id (first defined at {where})", line)
            return
        table[key] = value
        places[f"{kind}:{key}"] = (f.rel, line)

    for name in (SOURCES_FILE, ENTITIES_FILE):
        path = root / name
        if not path.exists():
            problems.append(Problem(display_name(root, path), "", "required file is missing"))
            continue
        if name == SOURCES_FILE:
            data = read(path, "sources")
            for src, line in _read_sources(files[-1], data):
                keep(sources, "source", src.id, src, files[-1], line)
        else:
            data = read(path, "entities")
            ents, comps = _read_entities(files[-1], data)
            for comp, line in comps:
                keep(compartments, "compartment", comp.id, comp, files[-1], line)
            for ent, line in ents:
                keep(entities, "entity", ent.id, ent, files[-1], line)
    for path in regular(_files(root / MECHANISMS_DIR, root, problems)):
        data = read(path, "mechanism")
        # A mechanism file may bring its own vocabulary (`pathways import` writes one): its
        # [[source]], [[compartment]] and [[entity]] tables join the shared ones.
        for src, line in _read_sources(files[-1], data) if "source" in data else ():
            keep(sources, "source", src.id, src, files[-1], line)
        ents, comps = _read_entities(files[-1], data)
        for comp, line in comps:
            keep(compartments, "compartment", comp.id, comp, files[-1], line)
        for ent, line in ents:
            keep(entities, "entity", ent.id, ent, files[-1], line)
        mech = _read_mechanism(files[-1], data)
        keep(mechanisms, "mechanism", mech.id, mech, files[-1], files[-1].lines.of("mechanism"))
    for path in regular(_files(root / WORKFLOWS_DIR, root, problems)):
        data = read(path, "workflow")
        wf = _read_workflow(files[-1], data)
        keep(workflows, "workflow", wf.id, wf, files[-1], files[-1].lines.of("workflow"))
    if (root / FIGURES_FILE).exists():
        data = read(root / FIGURES_FILE, "figures")
        for fig, line in _read_figures(files[-1], data):
            keep(figures, "figure", fig.id, fig, files[-1], line)
    for f in files:
        problems.extend(f.problems)
    dataset = Dataset(str(root), sources, entities, compartments, mechanisms, workflows, figures)
    return dataset, problems, {key: line for key, (_, line) in places.items()}


def cross_checks(dataset: Dataset, problems: list[Problem],
                 lines: dict[str, int | None]) -> list[Problem]:
    """The cross-file checks, unless a file could not be parsed: a file read as empty would
    only make every reference into it look unknown."""
    from .validate import validate

    if unreadable(problems):
        return []
    return validate(dataset, lines)


def unreadable(problems: list[Problem]) -> bool:
    """Whether a file could not be read (TOML syntax, or not a regular file): the cross-file
    checks then wait until it can (`cross_checks`)."""
    return any(p.where in ("TOML syntax", "file") and p.severity == "error" for p in problems)


def load_dataset(root: str | Path) -> Dataset:
    """Read and validate `root`; raise DataError listing every problem if anything is wrong."""
    dataset, problems, lines = read_dataset(root)
    problems = problems + cross_checks(dataset, problems, lines)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return dataset
