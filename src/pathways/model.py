"""The validated model: plain frozen data, no I/O. Built by `load`, trusted everywhere after."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from .certainty import Status, strongest, weakest

__all__ = [
    "EFFECT_SIGNS", "WORKFLOW_KINDS", "Compartment", "Dataset", "Edge", "Entity", "Evidence",
    "FigureSpec", "Kind", "Link", "Measure", "Mechanism", "Note", "Role", "Source", "Status",
    "Step", "Workflow", "strongest", "weakest",
]


class Kind(StrEnum):
    """What an entity is; decides its shape and colour in figures and its SBGN glyph."""

    COMPOUND = "compound"
    RECEPTOR = "receptor"
    NEUROTRANSMITTER = "neurotransmitter"
    ION = "ion"
    PROTEIN = "protein"
    PROCESS = "process"
    PHENOTYPE = "phenotype"


class Role(StrEnum):
    """What a compound is: a drug (clinical or investigational), a research tool, or a chemical
    a map names (a metabolite, a second messenger: what `pathways import` writes for a map's
    small molecules). Tools are listed apart, badged in figures and counted by `converge` only
    through their own evidence; chemicals are listed apart, drawn without a badge, and answered
    for by `converge` only when named (--from)."""

    DRUG = "drug"
    TOOL = "tool"
    CHEMICAL = "chemical"


# Effect verb -> sign of the influence: an increase in the source raises (+) or lowers (-) the target.
EFFECT_SIGNS: dict[str, str] = {
    "activates": "+",
    "increases": "+",
    "stimulates": "+",
    "releases": "+",
    "induces": "+",
    "recruits": "+",
    "promotes": "+",
    "inhibits": "-",
    "blocks": "-",
    "antagonises": "-",
    "decreases": "-",
    "negatively_modulates": "-",
    # "A reduction in the source triggers the target": the sign of a block that stimulates,
    # without claiming that the source inhibits the target.
    "reduction_triggers": "-",
    "interacts_with": "?",
    "modulates": "?",
    "regulates": "?",
}

WORKFLOW_KINDS: tuple[str, ...] = (
    "population",
    "procedure",
    "randomisation",
    "arm",
    "assessment",
    "endpoint",
    "analysis",
    "outcome",
)


@dataclass(frozen=True)
class Source:
    """A source document, cited by its own title and address."""

    id: str
    title: str
    address: str
    publisher: str = ""
    year: int | None = None

    def citation(self) -> str:
        """One-line citation: publisher, title, year, address."""
        year = f" ({self.year})" if self.year else ""
        who = f"{self.publisher}. " if self.publisher else ""
        return f"{who}{self.title}{year}. {self.address}"


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote from a source document, with how certain the document is of the link it
    backs; `contradicts` marks a quote that says the opposite (kept, shown and reported)."""

    source: str
    quote: str
    status: Status = Status.STATED
    contradicts: bool = False


@dataclass(frozen=True)
class Measure:
    """A number the documents give (Ki, IC50, dose), attached to the edge or entity it describes."""

    name: str
    value: str
    context: str
    evidence: Evidence
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Compartment:
    """A place a node sits in: drawn as a labelled cluster."""

    id: str
    label: str


@dataclass(frozen=True)
class Entity:
    """A node of the shared vocabulary: one id for one thing across all mechanisms."""
    id: str
    label: str
    kind: Kind
    synonyms: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    compartment: str | None = None
    parent: str | None = None
    part_of: str | None = None
    role: Role | None = None  # compounds only: drug or research tool
    info: tuple[str, ...] = ()
    description: str = ""
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Edge:
    """A signed influence between two entities, with its evidence."""
    source: str
    target: str
    effect: str
    evidence: tuple[Evidence, ...]
    label: str = ""
    measures: tuple[Measure, ...] = ()
    line: int | None = field(default=None, compare=False)

    @property
    def sign(self) -> str:
        """'+', '-' or '?' from the effect verb."""
        return EFFECT_SIGNS[self.effect]

    @property
    def supporting(self) -> tuple[Evidence, ...]:
        """The evidence that backs the edge (contradicting quotes left out)."""
        return tuple(e for e in self.evidence if not e.contradicts)

    @property
    def status(self) -> Status:
        """As certain as its strongest supporting evidence."""
        return Status(strongest(e.status.value for e in self.supporting))


@dataclass(frozen=True)
class Mechanism:
    """One compound's mechanism (or a compound-free signalling module) from one data file."""

    id: str
    title: str
    compound: str | None
    edges: tuple[Edge, ...]
    measures: tuple[tuple[str, Measure], ...] = ()  # (entity id, measure)
    file: str = ""
    uses: tuple[str, ...] = ()  # compound-free modules whose links count as this compound's own


@dataclass(frozen=True)
class Step:
    """A box in a workflow: a procedure, an arm, a measurement, an endpoint..."""
    id: str
    label: str
    kind: str
    evidence: tuple[Evidence, ...]
    duration: str = ""
    details: tuple[str, ...] = ()
    group: str = ""
    status: Status = Status.STATED
    measures: tuple[Measure, ...] = ()  # results: name = arm, context = time point
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Link:
    """An arrow between two workflow steps."""
    source: str
    target: str
    evidence: tuple[Evidence, ...]
    label: str = ""
    status: Status = Status.STATED
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Workflow:
    """An experimental or clinical workflow, drawn as a flowchart."""

    id: str
    title: str
    source: str
    steps: tuple[Step, ...]
    links: tuple[Link, ...]
    file: str = ""

    def cited_sources(self) -> list[str]:
        """Every source the workflow's steps, results and links cite."""
        out = [ev.source for s in self.steps for ev in s.evidence]
        out += [x.evidence.source for s in self.steps for x in s.measures]
        return out + [ev.source for ln in self.links for ev in ln.evidence]


@dataclass(frozen=True)
class Note:
    """A footnote printed under a figure, backed by evidence."""

    text: str
    evidence: Evidence


@dataclass(frozen=True)
class FigureSpec:
    """One catalog entry: which graph to draw, with which options."""
    id: str
    caption: str
    source: str
    caption_inferred: bool = False
    mechanisms: tuple[str, ...] = ()
    workflow: str | None = None
    sources: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    placement: tuple[tuple[str, str], ...] = ()
    compartments: bool = True
    measures: bool = True
    rankdir: str = ""
    rows: tuple[tuple[str, ...], ...] = ()  # entities drawn side by side on one rank, in order
    align: tuple[str, ...] = ()  # one per row, stacked in a column (default: each row's first)
    notes: tuple[Note, ...] = ()
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Dataset:
    """Everything under graphs/, validated."""

    root: str
    sources: dict[str, Source]
    entities: dict[str, Entity]
    compartments: dict[str, Compartment]
    mechanisms: dict[str, Mechanism]
    workflows: dict[str, Workflow] = field(default_factory=dict)
    figures: dict[str, FigureSpec] = field(default_factory=dict)

    def compounds(self, role: Role | None = None) -> list[Entity]:
        """Entities of kind compound (of one role, if given), sorted by id."""
        return sorted(
            (e for e in self.entities.values() if e.kind is Kind.COMPOUND
             and (role is None or (e.role or Role.DRUG) is role)), key=lambda e: e.id
        )

    def citation_numbers(self, source_ids: Iterable[str]) -> dict[str, int]:
        """[n] numbers for the sources cited, in the order sources.toml lists them: the same
        numbers in a figure's footnotes and in the speaker notes read beside it."""
        cited = set(source_ids)
        return {sid: i for i, sid in enumerate((s for s in self.sources if s in cited), 1)}

    def own_mechanisms(self, compound: str) -> tuple[str, ...]:
        """Mechanism ids whose links are `compound`'s own: its mechanism files and the modules
        they declare they use."""
        own = [m for m in self.mechanisms.values() if m.compound == compound]
        return tuple(sorted({m.id for m in own} | {u for m in own for u in m.uses}))
