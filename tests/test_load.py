"""The shipped data under graphs/ loads, and says what the five source documents say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pathways.load import load_dataset, read_dataset
from pathways.model import Dataset, Kind, Status

IDENTIFIERS_MD = Path(__file__).parent.parent.parent / "shared" / "IDENTIFIERS.md"
CURIE = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*:[A-Za-z0-9_.\-]+$")


@pytest.fixture(scope="module")
def dataset(graphs_dir: Path) -> Dataset:
    return load_dataset(graphs_dir)


def _header_line(path: Path, line: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[line - 1].strip()


def _block(path: Path, line: int) -> str:
    """The text of the TOML table that starts at `line`, up to the next table of the same kind."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[line - 1].strip()
    out = []
    for text in lines[line:]:
        if text.strip() == header:
            break
        out.append(text)
    return "\n".join(out)


# --- what is there --------------------------------------------------------------------------

def test_counts_match_the_documents(dataset: Dataset):
    assert len(dataset.sources) == 5
    assert len(dataset.mechanisms) == 12
    assert len(dataset.workflows) == 6
    assert len(dataset.figures) == 12


def test_every_source_is_cited_by_title_and_address(dataset: Dataset):
    for source in dataset.sources.values():
        assert source.title
        assert source.address.startswith("https://")
        assert source.title in source.citation()
        assert source.address in source.citation()


@pytest.mark.parametrize("compound", ["ketamine", "esketamine", "mij821", "mgs0039"])
def test_each_compound_has_its_own_mechanism(dataset: Dataset, compound: str):
    assert dataset.entities[compound].kind is Kind.COMPOUND
    owners = [m.id for m in dataset.mechanisms.values() if m.compound == compound]
    assert owners, f"no mechanism file has compound = {compound!r}"


@pytest.mark.parametrize(("entity", "kind"), [
    ("ketamine", Kind.COMPOUND),
    ("nmda_receptor", Kind.RECEPTOR),
    ("nr2b_nmda_receptor", Kind.RECEPTOR),
    ("mglur2_3", Kind.RECEPTOR),
    ("ampa_receptor", Kind.RECEPTOR),
    ("glutamate_surge", Kind.NEUROTRANSMITTER),
    ("calcium_influx", Kind.ION),
    ("bdnf", Kind.PROTEIN),
    ("mtor", Kind.PROTEIN),
    ("nr2b_subunit", Kind.PROTEIN),
    ("synaptogenesis", Kind.PROCESS),
    ("antidepressant_effect", Kind.PHENOTYPE),
])
def test_entity_kinds(dataset: Dataset, entity: str, kind: Kind):
    assert dataset.entities[entity].kind is kind


def test_every_kind_is_used(dataset: Dataset):
    assert {e.kind for e in dataset.entities.values()} == set(Kind)


@pytest.mark.parametrize(("entity", "synonym"), [
    ("mij821", "onfasprodil"),
    ("nr2b_subunit", "GluN2B"),
    ("mtor", "mammalian target of rapamycin"),
    ("bdnf", "brain-derived neurotrophic factor"),
    ("esketamine", "S-ketamine"),
])
def test_synonyms_from_the_documents(dataset: Dataset, entity: str, synonym: str):
    assert synonym in dataset.entities[entity].synonyms


def test_nr2b_receptor_is_a_kind_of_nmda_receptor(dataset: Dataset):
    assert dataset.entities["nr2b_nmda_receptor"].parent == "nmda_receptor"


def test_parents_and_compartments_exist(dataset: Dataset):
    for e in dataset.entities.values():
        if e.parent:
            assert e.parent in dataset.entities, e.id
        if e.compartment:
            assert e.compartment in dataset.compartments, e.id


# --- identifiers ----------------------------------------------------------------------------

def test_identifiers_are_curies(dataset: Dataset):
    curies = [(e.id, c) for e in dataset.entities.values() for c in e.identifiers]
    assert curies, "no entity carries an identifier"
    bad = [(eid, c) for eid, c in curies if not CURIE.match(c)]
    assert not bad


def _checked_identifiers() -> tuple[set[str], list[str]]:
    """CURIEs listed in IDENTIFIERS.md, and the names of the rows marked 'not found'."""
    text = IDENTIFIERS_MD.read_text(encoding="utf-8")
    curies = set(re.findall(r"\b[A-Za-z][A-Za-z.]*:[A-Za-z0-9_.\-]+\b", text))
    not_found = []
    for row in text.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[2] == "not found":
            not_found.append(cells[0])
    return curies, not_found


@pytest.mark.skipif(not IDENTIFIERS_MD.exists(), reason="IDENTIFIERS.md not available")
def test_every_identifier_was_checked(dataset: Dataset):
    """Never a guessed id: each CURIE in graphs/ is one listed in IDENTIFIERS.md."""
    checked, _ = _checked_identifiers()
    unchecked = [(e.id, c) for e in dataset.entities.values() for c in e.identifiers
                 if c not in checked]
    assert not unchecked


@pytest.mark.skipif(not IDENTIFIERS_MD.exists(), reason="IDENTIFIERS.md not available")
def test_entities_without_a_found_identifier_carry_none(dataset: Dataset):
    _, not_found = _checked_identifiers()
    assert not_found, "IDENTIFIERS.md lists no 'not found' rows"
    matched = []
    for row in not_found:
        names = {n.strip().casefold() for n in re.split(r"[()]", row) if n.strip()}
        for e in dataset.entities.values():
            if names & {n.casefold() for n in (e.id, e.label, *e.synonyms)}:
                matched.append(e.id)
                assert e.identifiers == (), f"{e.id} has an identifier IDENTIFIERS.md did not find"
    assert "mij821" in matched and "mgs0039" in matched


# --- edges and evidence ---------------------------------------------------------------------

def test_every_edge_has_evidence_from_a_known_source(dataset: Dataset):
    edges = [e for m in dataset.mechanisms.values() for e in m.edges]
    assert edges
    for e in edges:
        assert e.evidence, f"{e.source} -> {e.target} has no evidence"
        for ev in e.evidence:
            assert ev.source in dataset.sources
            assert ev.quote.strip()
        for measure in e.measures:
            assert measure.evidence.source in dataset.sources
            assert measure.evidence.quote.strip()


def test_every_workflow_step_and_link_has_evidence(dataset: Dataset):
    for w in dataset.workflows.values():
        assert w.source in dataset.sources
        for item in (*w.steps, *w.links):
            assert item.evidence, f"{w.id}: {item}"
            assert all(ev.source in dataset.sources for ev in item.evidence)


def test_edges_reference_known_entities(dataset: Dataset):
    for m in dataset.mechanisms.values():
        for e in m.edges:
            assert e.source in dataset.entities and e.target in dataset.entities


def test_both_statuses_occur(dataset: Dataset):
    statuses = {e.status for m in dataset.mechanisms.values() for e in m.edges}
    assert statuses == {Status.STATED, Status.HEDGED, Status.HYPOTHESISED}


def test_edge_lines_point_at_their_edge_header(dataset: Dataset, graphs_dir: Path):
    """Problems are reported at these lines, so they must be right."""
    for m in dataset.mechanisms.values():
        path = graphs_dir.parent / m.file
        for e in m.edges:
            assert e.line is not None
            assert _header_line(path, e.line) == "[[edge]]"
            block = _block(path, e.line)
            assert f'source = "{e.source}"' in block and f'target = "{e.target}"' in block


def test_entity_lines_point_at_their_entity_header(dataset: Dataset, graphs_dir: Path):
    path = graphs_dir / "entities.toml"
    for e in dataset.entities.values():
        assert e.line is not None
        assert _header_line(path, e.line) == "[[entity]]"
        assert f'id = "{e.id}"' in _block(path, e.line)


def test_an_editors_hidden_files_are_not_the_data(graphs_dir: Path, tmp_path: Path) -> None:
    """An editor's lock (`.#ketamine.toml`, a link to nothing) was warned about as a pipe or
    device, and a hidden copy (`.mij821.swp.toml`) read as a second mechanism, its ids all
    duplicates."""
    import shutil

    graphs = tmp_path / "graphs"
    shutil.copytree(graphs_dir, graphs)
    (graphs / "mechanisms" / ".#ketamine.toml").symlink_to("root@host.1234:1700000000")
    shutil.copy(graphs / "mechanisms" / "mij821.toml", graphs / "mechanisms" / ".mij821.swp.toml")
    dataset, problems, _ = read_dataset(graphs)
    assert problems == []
    assert set(dataset.mechanisms) == set(load_dataset(graphs_dir).mechanisms)


def test_a_data_file_saved_with_a_byte_order_mark_is_read(tiny_graphs):
    """A mechanism saved by Notepad (a BOM before its first line) failed with "TOML syntax:
    Invalid statement (at line 1, column 1)", nothing in the file to see wrong."""
    from pathways.load import load_dataset

    for f in (tiny_graphs / "mechanisms").glob("*.toml"):
        f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    assert load_dataset(tiny_graphs).mechanisms
