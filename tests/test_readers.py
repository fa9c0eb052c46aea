"""Every reader on small files of our own and, where present, on the real files in
../shared/realdata (read in place, never copied); identity joins, conflicts, cache, import."""

from __future__ import annotations

import csv
import gzip
import json
import shutil
from collections import deque
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathways.cli import main
from pathways.errors import PathwaysError, UsageError
from pathways.load import load_dataset, read_dataset
from pathways.merge import add_network, merge, network_graph
from pathways.queries import converging_compounds
from pathways.readers import READERS, ReadError, read_network
from pathways.readers.cache import load_network_graph

REPO = Path(__file__).parent.parent

DATA = Path(__file__).parent / "data" / "networks"
REAL = REPO.parent / "shared" / "realdata"


def real(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


def edges(net):  # (source, target) -> sign of every interaction
    return {(i.source, i.target, i.sign) for i in net.interactions}


# --- one test per reader on our own files -------------------------------------------------

def test_signed_sif_numbers_and_header():
    net = read_network(DATA / "signed.sif")
    assert net.format == "sif"
    assert ("DrugA", "RecA", "+") in edges(net) and ("RecA", "KinB", "-") in edges(net)
    assert {("KinC", "MTOR", "+"), ("KinC", "MTOR", "-")} <= edges(net)
    assert "source" not in net.nodes  # the header is not a node
    ev = net.interactions[0].evidence[0]
    assert ev[1] == "DrugA 1 RecA" and net.sources[ev[0]]["address"].endswith("signed.sif")


def test_sif_words_and_lone_node():
    net = read_network(DATA / "words.sif")
    assert edges(net) == {("a", "b", "+"), ("b", "c", "-"), ("c", "d", "?")}
    assert "e" in net.nodes


def test_a_spaced_interaction_in_a_tab_separated_sif_is_refused(tmp_path: Path):
    """`B -1 C` among tab-separated lines was read as one node named "B -1 C", its inhibition
    lost without a word (B being a node of another line); a lone name with spaces, "HIF 1
    alpha" among them, is still a node."""
    bad = tmp_path / "bad.sif"
    bad.write_text("A\t1\tB\nB -1 C\n")
    with pytest.raises(ReadError, match=r"bad\.sif:2.*'B -1 C' has no tab"):
        read_network(bad, "sif")
    good = tmp_path / "good.sif"
    good.write_text("A\t1\tB\nprotein kinase A\nHIF 1 alpha\n")
    assert {"protein kinase A", "HIF 1 alpha"} <= set(read_network(good, "sif").nodes)


def test_omnipath_signs_references_and_undirected():
    net = read_network(DATA / "omnipath.tsv")
    assert net.format == "omnipath"
    assert ("P42345", "P23443", "+") in edges(net)
    assert ("Q96B36", "P42345", "-") in edges(net)
    # both stimulation and inhibition: two interactions of opposite sign
    assert {("P31749", "Q96B36", "+"), ("P31749", "Q96B36", "-")} <= edges(net)
    assert net.nodes["P42345"].label == "MTOR"
    assert "UniProt:P42345" in net.nodes["P42345"].identifiers
    assert {"pmid-12345678", "pmid-23456789", "pmid-11111111"} <= set(net.sources)
    assert net.skipped == {"undirected rows (is_directed 0): not an influence": 1}


def test_pathway_commons_extended_sif_gz():
    net = read_network(DATA / "pc_extended.txt.gz")
    assert net.format == "pcsif"
    assert edges(net) == {("BMPR2", "SMAD1", "?"), ("SMAD4", "ID1", "+"), ("SMAD6", "ID1", "-")}
    assert not any({i.source, i.target} == {"BMP2", "BMPR1A"} for i in net.interactions)
    assert sum(net.skipped.values()) == 1 and "in-complex-with" in next(iter(net.skipped))
    assert "UniProt:Q13873" in net.nodes["BMPR2"].identifiers
    assert {"pmid-7644468", "pmid-7791754"} <= set(net.sources)


def test_sbgn_activity_flow():
    net = read_network(DATA / "map.sbgn")
    by_label = {n.label: n for n in net.nodes.values()}
    assert by_label["KinA"].kind == "protein" and by_label["Ca++"].kind == "ion"
    assert by_label["Growth"].kind == "phenotype" and "perturbation" in by_label["Stress"].info
    assert by_label["KinA"].compartment == "cell" and net.compartments == {"cell": "Cell"}
    assert by_label["KinA"].position == (130.0, 115.0)
    gate = by_label["KinB AND Ca++"]
    signs = {(net.nodes[i.source].label, net.nodes[i.target].label): (i.sign, i.label)
             for i in net.interactions}
    assert signs[("Stress", "KinA")] == ("+", "necessary")
    assert signs[("KinA", "KinB")][0] == "-" and signs[("KinA", "Ca++")][0] == "?"
    assert signs[("KinB", gate.label)][0] == "+" and signs[(gate.label, "Growth")][0] == "+"
    assert net.skipped == {"tag glyphs (not an activity)": 1,
                           "equivalence arcs (identity, not an influence)": 1}


def test_gpml_groups_anchors_arrowheads_unresolved():
    net = read_network(DATA / "pathway.gpml")
    labels = {(net.nodes[i.source].label, net.nodes[i.target].label): i.sign
              for i in net.interactions}
    assert labels[("TSC2", "RHEB")] == "-"
    assert labels[("RHEB", "MTOR/RPTOR")] == "+"
    assert labels[("MTOR/RPTOR", "S6K")] == "+"
    assert labels[("AMP", "S6K")] == "-"  # to an anchor: the anchored interaction's target
    assert labels[("AMP", "GENE1")] == "+"  # arrowhead on the first point: reversed
    assert labels[("S6K", "GENE1")] == "?"  # mim-binding: no sign
    mtor = next(n for n in net.nodes.values() if n.label == "MTOR")
    assert net.nodes[mtor.part_of].label == "MTOR/RPTOR"
    assert "HGNC.symbol:MTOR" in mtor.identifiers
    assert "CHEBI:16027" in next(n for n in net.nodes.values() if n.label == "AMP").identifiers
    assert net.skipped == {"interactions with an end on a Label": 1,
                           "interactions without an arrowhead (undirected lines)": 1}
    assert net.title == "Tiny mTOR map"
    assert next(iter(net.sources.values()))["address"] == \
        "https://www.wikipathways.org/pathways/WP9999"


def test_bel_nodelink_evidence_and_degradation():
    net = read_network(DATA / "bel.nodelink.json")
    assert net.format == "bel"
    got = {(net.nodes[i.source].label, net.nodes[i.target].label): i for i in net.interactions}
    assert set(got) == {("AKT1", "MTOR"), ("rapamycin", "MTOR"), ("AKT1", "TSC2")}
    assert got[("AKT1", "MTOR")].sign == "+"
    assert got[("AKT1", "MTOR")].evidence == (("pmid-100", "AKT1 activates mTOR signalling.",
                                               "stated"),)
    assert got[("rapamycin", "MTOR")].sign == "-"
    assert got[("AKT1", "TSC2")].sign == "-"  # increases its degradation
    assert "CHEBI:9168" in net.nodes["a(CHEBI:rapamycin)"].identifiers
    assert net.nodes["a(CHEBI:rapamycin)"].kind == "compound"
    assert sum(net.skipped.values()) == 2


def test_indra_statements():
    net = read_network(DATA / "indra.json")
    assert net.format == "indra"
    got = {(i.source, i.target): i for i in net.interactions}
    assert got[("AKT1", "MTOR")].sign == "+"
    assert got[("AKT1", "MTOR")].evidence == (
        ("pmid-12345", "AKT1 phosphorylates and activates mTOR.", "stated"),
        ("pmid-23456", "AKT may activate mTOR.", "hypothesised"))
    assert got[("sirolimus", "MTOR")].sign == "-"
    assert got[("MTOR", "RPS6KB1")].sign == "?" and got[("MTOR", "RPS6KB1")].label == \
        "phosphorylation"
    assert net.skipped == {"negated evidence (left out)": 1,
                           "Complex statements (no directed influence)": 1}
    assert "UniProt:P31749" in net.nodes["AKT1"].identifiers
    assert net.nodes["sirolimus"].kind == "compound"


def test_an_indra_statement_only_its_negated_evidence_tells_is_no_link(tmp_path: Path):
    """"DRUGX does not inhibit MTOR" (negated) was read as a stated inhibition, quoted as the
    statement itself; a statement whose evidence, without text, is all a hypothesis was stated."""
    def agent(name: str) -> dict:
        return {"name": name, "db_refs": {"TEXT": name}}

    statements = [
        {"type": "Inhibition", "subj": agent("DRUGX"), "obj": agent("MTOR"),
         "evidence": [{"text": "DRUGX does not inhibit MTOR.", "epistemics": {"negated": True}}]},
        {"type": "Activation", "subj": agent("A"), "obj": agent("B"),
         "evidence": [{"epistemics": {"hypothesis": True}}]},
        {"type": "Activation", "subj": agent("C"), "obj": agent("D"),
         "evidence": [{"epistemics": {"hypothesis": True}}, {"epistemics": {}}]},
        {"type": "Activation", "subj": agent("E"), "obj": agent("F"),
         "evidence": [{"text": "E does not activate F.", "epistemics": {"negated": True}},
                      {"text": "E activates F.", "pmid": "1"}]},
    ]
    path = tmp_path / "neg.json"
    path.write_text(json.dumps(statements), encoding="utf-8")
    net = read_network(path)
    got = {(i.source, i.target): i for i in net.interactions}
    assert ("DRUGX", "MTOR") not in got
    assert net.skipped["Inhibition statements whose every evidence is negated (left out)"] == 1
    assert [status for _, _, status in got["A", "B"].evidence] == ["hypothesised"]
    assert [status for _, _, status in got["C", "D"].evidence] == ["stated"]
    assert [quote for _, quote, _ in got["E", "F"].evidence] == ["E activates F."]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{**statements[1], "evidence": [{"text": {"a": "<b>"}}]}]),
                   encoding="utf-8")
    with pytest.raises(ReadError, match="statement #1's evidence `text` is not a string"):
        read_network(bad)


def test_a_sif_comment_is_no_link_wherever_it_stands(tmp_path: Path):
    """A `#` line after a relation had been seen took the tab-separated fast path and was read
    as a link from a node named "#C"; a row with no target left its source a lone node."""
    path = tmp_path / "c.sif"
    path.write_text("A\tactivates\tB\n#C\tactivates\tMTOR\n  # D\tactivates\tE\n",
                    encoding="utf-8")
    net = read_network(path)
    assert [(i.source, i.target) for i in net.interactions] == [("A", "B")]
    assert set(net.nodes) == {"A", "B"}
    bad = tmp_path / "d.sif"
    bad.write_text("A\tactivates\tB\nD\tactivates\t\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"d\.sif:2: 'D' activates has no target"):
        read_network(bad)


@pytest.mark.parametrize(("doc", "message"), [
    ({"nodes": [{"function": "Protein", "concept": {"namespace": "HGNC", "name": "A"}}, None],
      "links": []}, "node #2 is not an object"),
    ({"nodes": [5], "links": []}, "node #1 is not an object"),
    ({"nodes": [{"function": "Protein", "concept": {"namespace": "HGNC", "name": "A"}}],
      "links": 5}, "`links` is not a list"),
])
def test_a_malformed_bel_node_link_file_is_one_line(tmp_path: Path, doc: dict, message: str):
    """A node that is no object, or links that are no list, raised AttributeError/TypeError
    (a traceback at the command line). Nodes are not skipped either: links name them by
    their place, and a skipped one would send every later link to the wrong node."""
    path = tmp_path / "b.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ReadError, match=message):
        read_network(path, "bel")


def test_registry_lists_every_reader_with_a_description():
    assert set(READERS) == {"bel", "bel-script", "gpml", "indra", "omnipath", "pcsif", "sbgn",
                            "sif"}
    assert all(r.description and r.suffixes for r in READERS.values())


def test_explicit_format_overrides_detection(tmp_path):
    f = tmp_path / "odd.dat"
    f.write_text("x\tpp\ty\n")
    # Named as `--network` takes it: "pass --format" named an option `--network` has not.
    with pytest.raises(UsageError, match="cannot tell its format .* --network-format "
                                         r"\(or --format for import\)"):
        read_network(f)
    assert edges(read_network(f, "sif")) == {("x", "y", "?")}


# --- bad files: one line with file and line ------------------------------------------------

@pytest.mark.parametrize(("name", "text", "fmt", "where"), [
    ("bad.sif", "a\t1\tb\nc\t7\td\n", "sif", ":2:"),
    ("bad.tsv", "source\ttarget\tsign\na\tb\tx\n", "omnipath", ":2:"),
    ("bad.sbgn", "<sbgn xmlns='http://sbgn.org/libsbgn/0.3'><map>\n<glyph></map></sbgn>", "sbgn",
     ":2"),
    ("bad.json", '[{"type": "Activation",\n "subj": }]', "indra", ":2:"),
    ("bomb.gpml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Pathway>&a;</Pathway>',
     "gpml", "unsafe XML refused: it declares entities ('a')"),
])
def test_bad_files_name_file_and_line(tmp_path, name, text, fmt, where):
    f = tmp_path / name
    f.write_text(text)
    with pytest.raises(ReadError) as err:
        read_network(f, fmt)
    assert str(f) in str(err.value) and where in str(err.value)
    assert "\n" not in str(err.value)


_BEL_NODES = ('{"graph": {}, "nodes": [{"id": 0, "function": "Protein", "concept": '
              '{"namespace": "HGNC", "name": "A"}}, {"id": 1, "function": "Protein", "concept": '
              '{"namespace": "HGNC", "name": "B"}}], "links": [')
_INDRA_AGENTS = '"subj": {"name": "A"}, "obj": {"name": "B"}'


@pytest.mark.parametrize(("name", "text", "fmt", "said"), [
    # A field that must be an object, given as something else: a Python error before.
    ("citation.json", _BEL_NODES + '{"source": 0, "target": 1, "relation": "increases", '
     '"citation": "notadict"}]}', "bel", "link #1's `citation` is not an object (str)"),
    ("concept.json", '{"nodes": [{"id": 0, "function": "Protein", "concept": "HGNC:A"}], '
     '"links": []}', "bel", "node #1's `concept` is not an object (str)"),
    ("meta.json", '{"graph": ["x"], "nodes": [], "links": []}', "bel",
     "`graph` is not an object (list)"),
    ("epistemics.json", '[{"type": "Activation", ' + _INDRA_AGENTS + ', "evidence": '
     '[{"text": "A activates B.", "epistemics": "y"}]}]', "indra",
     "statement #1's `epistemics` is not an object (str)"),
    ("refs.json", '[{"type": "Activation", "subj": {"name": "A", "db_refs": "HGNC:1"}, '
     '"obj": {"name": "B"}}]', "indra", "statement #1: 'A''s `db_refs` is not an object (str)"),
    ("evidence.json", '[{"type": "Activation", ' + _INDRA_AGENTS + ', "evidence": "x"}]',
     "indra", "statement #1's `evidence` is not a list"),
    # A 0/1 flag with another value was read as 0: the row lost its sign without a word.
    ("flags.tsv", "source\ttarget\tis_directed\tis_stimulation\tis_inhibition\n"
     "C\tD\tyes\t2\tmaybe\n", "omnipath", ":2: '2' is not 1 or 0"),
    # A row cut short before its sign: read as of unknown sign without a word, before.
    ("short.tsv", "source\ttarget\tis_directed\tis_stimulation\tis_inhibition\n"
     "A\tB\t1\t1\t0\nB\tC\t1\n", "omnipath",
     ":3: 3 columns where the header has 5: no is_stimulation value"),
    ("twice.gpml", '<Pathway xmlns="http://pathvisio.org/GPML/2013a"><DataNode GraphId="a" '
     'TextLabel="A" Type="GeneProduct"/><DataNode GraphId="a" TextLabel="A2" '
     'Type="GeneProduct"/></Pathway>', "gpml", "two DataNodes have the GraphId 'a'"),
])
def test_a_field_of_the_wrong_kind_is_one_line_not_a_python_error(tmp_path, name, text, fmt,
                                                                   said):
    f = tmp_path / name
    f.write_text(text)
    with pytest.raises(ReadError) as err:
        read_network(f, fmt)
    assert str(err.value).startswith(str(f)) and said in str(err.value), str(err.value)
    assert "\n" not in str(err.value)


def _two_cited(folder: Path, first: tuple[str, str], second: tuple[str, str]) -> Path:
    """A BEL node-link file of two sentences, A raises B and B lowers A, citing `first` and
    `second` (each a `db` and a `db_id`)."""
    f = folder / "cite.json"
    links = [{"source": 0, "target": 1, "relation": "increases", "evidence": "A raises B.",
              "citation": {"db": first[0], "db_id": first[1]}},
             {"source": 1, "target": 0, "relation": "decreases", "evidence": "B lowers A.",
              "citation": {"db": second[0], "db_id": second[1]}}]
    f.write_text(_BEL_NODES + ", ".join(json.dumps(link) for link in links) + "]}")
    return f


def test_a_bel_citation_id_that_is_a_path_is_not_made_a_source(tmp_path):
    """`import` wrote a source id from a citation's `db_id` as it came ("1/../../x?y=<z>"),
    which `check` then refused; only an id is taken, else the file itself is cited."""
    from pathways.load import is_id

    net = read_network(_two_cited(tmp_path, ("PubMed", "1/../../x?y=<z>"), ("DOI", "ABC.1_x")),
                       "bel")
    assert net.sources and all(is_id(sid) for sid in net.sources), list(net.sources)
    assert "doi-abc-1-x" in net.sources


def test_two_bel_nodes_of_one_id_are_refused(tmp_path):
    """Links name BEL nodes by id: two nodes of id "a" made "A increases B" a self-loop a -> a,
    B gone, without a word. Now the file and the id are named."""
    def protein(name: str) -> dict:
        return {"function": "Protein", "concept": {"namespace": "HGNC", "name": name}, "id": "a"}

    f = tmp_path / "dup.json"
    f.write_text(json.dumps({"directed": True, "multigraph": True, "graph": {},
                             "nodes": [protein("A"), protein("B")],
                             "links": [{"source": 0, "target": 1, "relation": "increases",
                                        "evidence": "A increases B.",
                                        "citation": {"db": "PubMed", "db_id": "1"}}]}))
    with pytest.raises(ReadError, match=r"dup\.json.*node id 'a' is used twice"):
        read_network(f, "bel")


def test_bel_nodes_of_the_older_layout_are_named_by_their_own_name(tmp_path):
    """PyBEL before 0.14 wrote `namespace` and `name` on the node itself, not in `concept`, with
    ids 0, 1, ...: the nodes were called "" and "1" (and `import` wrote an entity `check`
    refused). Now they are MTOR and BDNF, with their HGNC identifiers, and join the data."""
    f = tmp_path / "old.json"
    f.write_text(json.dumps({"graph": {}, "nodes": [
        {"id": 0, "function": "Protein", "namespace": "HGNC", "name": "MTOR"},
        {"id": 1, "function": "Protein", "namespace": "HGNC", "name": "BDNF"}],
        "links": [{"source": 1, "target": 0, "relation": "increases"}]}))
    net = read_network(f, "bel")
    assert sorted((n.label, n.identifiers) for n in net.nodes.values()) == [
        ("BDNF", ("HGNC:BDNF",)), ("MTOR", ("HGNC:MTOR",))]
    assert edges(net) == {("BDNF", "MTOR", "+")}


def test_older_bel_variants_and_complexes_are_named_by_their_parts(tmp_path):
    """Without BEL terms, a variant and a complex had no name (the read stopped); before that
    they were called by their ids, "1" and "2". Now by their concept and what varies, and by
    their members."""
    f = tmp_path / "old.json"
    f.write_text(json.dumps({"graph": {}, "nodes": [
        {"id": 0, "function": "Protein", "namespace": "HGNC", "name": "AKT1"},
        {"id": 1, "function": "Protein", "namespace": "HGNC", "name": "AKT1",
         "variants": [{"kind": "pmod", "concept": {"name": "Ph"}}]},
        {"id": 2, "function": "Complex", "members": [
            {"function": "Protein", "namespace": "HGNC", "name": "A"},
            {"function": "Protein", "concept": {"namespace": "HGNC", "name": "B"}}]},
        {"id": 3, "function": "Protein", "namespace": "HGNC", "name": "MTOR"}],
        "links": [{"source": 0, "target": 1, "relation": "increases"},
                  {"source": 1, "target": 3, "relation": "increases"},
                  {"source": 2, "target": 3, "relation": "decreases"}]}))
    assert edges(read_network(f, "bel")) == {("AKT1", "AKT1 (pmod Ph)", "+"),
                                             ("AKT1 (pmod Ph)", "MTOR", "+"),
                                             ("complex of A, B", "MTOR", "-")}


def test_citations_other_than_pubmed_get_addresses_a_browser_opens(tmp_path, graphs_dir):
    """A BEL DOI citation was dropped (its "/" is no id) and the file cited instead; a PMC id
    was written with the address "pmc:PMC3342398", which `import` made a file:/// address of the
    working folder. Now a DOI is a doi.org source, another database's id an identifiers.org one,
    an INDRA evidence with only a DOI a doi.org source; `check` accepts the file written."""
    f = _two_cited(tmp_path, ("DOI", "10.1038/nature11111"), ("PMC", "PMC3342398"))
    net = read_network(f, "bel")
    assert net.sources["doi-10-1038-nature11111"]["address"] == (
        "https://doi.org/10.1038/nature11111")
    assert net.sources["pmc-pmc3342398"]["address"] == "https://identifiers.org/pmc:PMC3342398"
    statements = tmp_path / "indra.json"
    statements.write_text(json.dumps([{
        "type": "Activation", "subj": {"name": "A"}, "obj": {"name": "B"},
        "evidence": [{"text": "A activates B.", "text_refs": {"DOI": "10.1016/J.CELL.2020.1"}}]}]))
    assert read_network(statements, "indra").sources["doi-10-1016-j-cell-2020-1"]["address"] == (
        "https://doi.org/10.1016/J.CELL.2020.1")
    data = tmp_path / "graphs"
    shutil.copytree(graphs_dir, data)
    runner = CliRunner()
    written = runner.invoke(main, ["--graphs", str(data), "import", str(f), "-o",
                                   str(data / "mechanisms" / "cited.toml")])
    assert written.exit_code == 0, written.output
    text = (data / "mechanisms" / "cited.toml").read_text(encoding="utf-8")
    assert 'address = "https://doi.org/10.1038/nature11111"' in text
    assert 'address = "https://identifiers.org/pmc:PMC3342398"' in text
    assert "file://" not in text
    checked = runner.invoke(main, ["--graphs", str(data), "check"])
    assert checked.exit_code == 0, checked.output


def test_non_numbers_as_coordinates_are_left_out_not_written(tmp_path):
    """An SBGN box at x="1e400" y="nan" gave a node position of NaN, which JSON readers refuse;
    a position that is no finite number is dropped (the node is laid out as any other)."""
    text = (DATA / "map.sbgn").read_text(encoding="utf-8")
    old = '<label text="KinA"/><bbox x="100" y="100" w="60" h="30"/>'
    assert old in text
    f = tmp_path / "nan.sbgn"
    f.write_text(text.replace(old, '<label text="KinA"/><bbox x="1e400" y="nan" w="60" h="30"/>'))
    by_label = {n.label: n for n in read_network(f, "sbgn").nodes.values()}
    assert by_label["KinA"].position is None and by_label["KinB"].position == (230.0, 115.0)


def test_a_gzip_bomb_is_refused_before_it_is_unpacked_whole(tmp_path, monkeypatch):
    """A file of a few kilobytes may unpack to gigabytes: it is unpacked a piece at a time and
    refused past MAX_UNZIPPED (made small here), in one line; a multi-member file still reads."""
    import pathways.readers._common as common

    monkeypatch.setattr(common, "MAX_UNZIPPED", 1000)
    f = tmp_path / "bomb.sif.gz"
    f.write_bytes(gzip.compress(b"\0" * 100_000))
    assert len(f.read_bytes()) < 1000
    with pytest.raises(ReadError, match="unpacks to more than 0 MiB"):
        read_network(f, "sif")
    two = tmp_path / "two.sif.gz"
    two.write_bytes(gzip.compress(b"a\tinhibits\tb\n") + gzip.compress(b"b\tactivates\tc\n"))
    assert edges(read_network(two)) == {("a", "b", "-"), ("b", "c", "+")}
    broken = tmp_path / "broken.sif.gz"
    broken.write_bytes(gzip.compress(b"a\tinhibits\tb\n")[:-12])
    with pytest.raises(ReadError, match="broken gzip file"):
        read_network(broken, "sif")


def test_an_unreadable_networks_folder_is_one_line(tiny_graphs, monkeypatch):
    folder = tiny_graphs / "networks"
    folder.mkdir()

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    r = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "list"])
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert r.output.strip() == f"Error: {folder}: cannot read the folder: Permission denied"


def test_bad_network_on_the_command_line_is_one_line(tmp_path):
    f = tmp_path / "bad.sif"
    f.write_text("a\t1\tb\nc\t2\td\n")
    result = CliRunner().invoke(main, ["--network", str(f), "converge", "mtor"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {f}:2: sign '2' is not 1, -1 or 0"]


@pytest.mark.parametrize(("header", "fmt"), [
    ("source\tinteraction\ttarget\n", "sif"),  # the CARNIVAL / COSMOS layout, no lines yet
    ("source\ttarget\tis_directed\tis_stimulation\n", "omnipath"),
])
def test_a_header_alone_is_reported_as_its_own_format(tmp_path, header, fmt):
    f = tmp_path / "empty.tsv"
    f.write_text(header)
    result = CliRunner().invoke(main, ["--network", str(f), "converge", "mtor"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {f}: no nodes or interactions found as {fmt}"]


@pytest.mark.parametrize("suffix", [".txt", ".tsv", ".sif"])
def test_a_header_after_comments_and_blank_lines_is_a_header(tmp_path, suffix):
    """The header `sniff` recognises after a comment is the one `read` skips: never a link
    from `source` to `target`."""
    f = tmp_path / f"net{suffix}"
    f.write_text("# my network\n\nsource\tinteraction\ttarget\nA\t1\tB\nB\t-1\tC\n")
    net = read_network(f)
    assert net.format == "sif"
    assert edges(net) == {("A", "B", "+"), ("B", "C", "-")}
    assert "source" not in net.nodes
    f.write_text("# my network\nsource\tinteraction\ttarget\n")
    with pytest.raises(ReadError, match=r"no nodes or interactions found as sif$"):
        read_network(f)


def test_a_format_taken_from_the_suffix_alone_says_so(tmp_path):
    f = tmp_path / "notes.sif"
    f.write_text("# nothing here yet\n")
    with pytest.raises(ReadError, match=r"found as sif \(taken from its suffix.*"
                                        r"--network-format, or --format for import"):
        read_network(f)


def test_a_mistyped_network_format_is_one_line_before_any_work(tmp_path):
    """`--network-format sfi` is refused before the command runs (with the format meant), not
    after `check` has printed its report, which read as though the network had been checked."""
    f = tmp_path / "n.sif"
    f.write_text("A\t1\tB\n")
    result = CliRunner().invoke(main, ["--network", str(f), "--network-format", "sfi", "check"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        "Error: unknown input format 'sfi'; did you mean 'sif'? available: "
        + ", ".join(sorted(READERS))]


def test_an_empty_network_file_is_said_to_be_empty(tmp_path):
    f = tmp_path / "empty.sif"
    f.write_text("\n  \n")
    with pytest.raises(ReadError, match=r"empty\.sif: the file is empty$"):
        read_network(f)


@pytest.mark.parametrize(("data", "is_"), [("pathway.gpml", "gpml"), ("map.sbgn", "sbgn"),
                                          ("bel.nodelink.json", "bel"), ("indra.json", "indra"),
                                          ("omnipath.tsv", "omnipath")])
@pytest.mark.parametrize("suffix", [".sif", ".tsv", ".txt"])
def test_a_map_saved_under_a_text_format_s_suffix_is_not_read_as_that(tmp_path, data, is_,
                                                                       suffix):
    """A GPML map saved as .sif was read as a SIF of 130 links, each the first three words of
    an XML line (`<DataNode`, `TextLabel="TSC2"`, ...), without a word. What the content
    plainly is wins over the suffix, and is said; named, it reads."""
    f = tmp_path / f"wrong{suffix}"
    shutil.copy(DATA / data, f)
    if suffix in READERS[is_].suffixes:  # OmniPath's own .tsv and .txt: simply read as it
        assert read_network(f).format == is_
        return
    with pytest.raises(ReadError) as err:
        read_network(f)
    assert str(err.value) == (
        f"{f}: its suffix is {suffix!r} but it is {is_}: name its format with --network-format "
        f"{is_} (or --format for import), or give it the suffix "
        f"{READERS[is_].suffixes[0]!r}")
    assert read_network(f, is_).interactions


# --- graphs: attributes, conflicts, identity ----------------------------------------------

def test_network_graph_has_the_merge_attributes_and_keeps_conflicts():
    g = network_graph(read_network(DATA / "signed.sif"))
    d = g.edges["RecA", "KinB"]
    assert d["sign"] == "-" and d["status"] == "stated" and d["mechanisms"] == ["signed"]
    assert d["compounds"] == [] and d["measures"] == []
    assert set(d["evidence"][0]) == {"source", "quote", "mechanism", "status", "contradicts"}
    n = g.nodes["MTOR"]
    for key in ("label", "markup", "kind", "synonyms", "identifiers", "compartment", "parent"):
        assert key in n
    both = g.edges["KinC", "MTOR"]  # asserted + then -: the first kept, the other contradicts
    assert both["sign"] == "+"
    assert [e["contradicts"] for e in both["evidence"]] == [False, True]
    assert g.graph["networks"]["signed"]["conflicts"] == [["KinC", "MTOR"]]


def test_network_nodes_join_the_vocabulary_by_name_and_identifier(tiny_graphs):
    g = merge(load_dataset(tiny_graphs))
    net = network_graph(read_network(DATA / "words.sif"))
    net.add_node("RECEPTOR R", **dict(net.nodes["a"], label="RECEPTOR R", markup="RECEPTOR R"))
    net.add_edge("RECEPTOR R", "b", **net.edges["a", "b"])
    net.add_node("drx-1", **dict(net.nodes["a"], label="drx-1", markup="drx-1"))
    net.add_edge("drx-1", "RECEPTOR R", **dict(net.edges["a", "b"], sign="-"))
    g = add_network(g, net)
    report = g.graph["networks"]["words"]
    assert ["RECEPTOR R", "receptor"] in report["joined"] and ["drx-1", "drugol"] in \
        report["joined"]
    assert g.has_edge("receptor", "b") and g.has_edge("drugol", "receptor")
    assert "words" in g.edges["drugol", "receptor"]["mechanisms"]
    assert report["separate"] == 5  # a, b, c, d, e
    assert g.nodes["receptor"]["label"] == "Receptor R"  # the curated attributes win
    assert g.nodes["receptor"]["networks"] == ["words"]


@pytest.mark.parametrize("curated_edges", [0, 1])
def test_two_network_nodes_joining_one_entity_keep_all_evidence(tiny_graphs, curated_edges):
    """Both ways of pouring (network larger or smaller than the curated graph) agree."""
    g = merge(load_dataset(tiny_graphs))
    if not curated_edges:
        g.remove_edges_from(list(g.edges))
    f = tiny_graphs.parent / "two.sif"
    f.write_text("Receptor R\t1\tQ\nDRX-1\t-1\tQ\ndrugol\t1\tQ\nQ\t1\tgrowth\n")
    g = add_network(g, network_graph(read_network(f)))
    d = g.edges["drugol", "Q"]
    assert d["sign"] == "+"  # the node already named drugol first, DRX-1's sign contradicts
    assert [(e["quote"], e["contradicts"]) for e in d["evidence"]] == [
        ("drugol 1 Q", False), ("DRX-1 -1 Q", True)]
    assert ["drugol", "Q"] in g.graph["networks"]["two"]["conflicts"]
    assert g.edges["receptor", "Q"]["sign"] == "+"
    assert g.has_edge("Q", "growth")
    assert g.nodes["drugol"]["kind"] == "compound" and g.graph["own"]


# --- the CARNIVAL network: converge against an independent reverse BFS --------------------

def _reverse_bfs(path: Path, target: str) -> dict[str, dict[str, int]]:
    """Fewest steps per net sign from every node to `target`, over (node, sign) states; a pair
    written with both signs counts with the sign of its first line."""
    pred: dict[str, list[tuple[str, int]]] = {}
    seen_pairs: set[tuple[str, str]] = set()
    with path.open(newline="") as fh:
        rows = csv.reader(fh, delimiter="\t")
        next(rows)
        for u, s, v in rows:
            if (u, v) not in seen_pairs:
                seen_pairs.add((u, v))
                pred.setdefault(v, []).append((u, int(s)))
    dist = {(target, 1): 0}
    queue = deque([(target, 1)])
    while queue:
        node, sign = queue.popleft()
        for u, s in pred.get(node, ()):
            state = (u, sign * s)
            if state not in dist:
                dist[state] = dist[(node, sign)] + 1
                queue.append(state)
    out: dict[str, dict[str, int]] = {}
    for (node, sign), n in dist.items():
        if node != target:
            out.setdefault(node, {})["+" if sign > 0 else "-"] = n
    return out


def test_converge_on_carnival_matches_an_independent_reverse_bfs(monkeypatch, tmp_path):
    path = real("sif_signed_omnipath_carnival_pkn__saezlab-transcriptutorial.tsv")
    monkeypatch.setenv("PATHWAYS_CACHE_DIR", str(tmp_path))
    g = load_network_graph(path)
    expected = _reverse_bfs(path, "MTOR")
    found = {c.compound: c for c in converging_compounds(g, "MTOR", sources=list(g.nodes))}
    assert set(found) == set(expected)
    for node, c in found.items():
        want = expected[node]
        assert c.steps == min(want.values()), node
        assert want[c.sign] == c.steps, node
        assert set(c.signs) | set(c.loop_signs) == set(want), node
        for sign, n in c.shortest:
            assert want[sign] == n, node


def test_cache_gives_the_same_graph_and_follows_content(monkeypatch, tmp_path):
    monkeypatch.setenv("PATHWAYS_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "n.sif"
    f.write_text("a\t1\tb\n")
    first = load_network_graph(f)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    again = load_network_graph(f)
    assert sorted(again.edges(data="sign")) == sorted(first.edges(data="sign")) == [("a", "b", "+")]
    f.write_text("a\t-1\tb\n")  # same size, new content: a new entry, the new sign
    assert list(load_network_graph(f).edges(data="sign")) == [("a", "b", "-")]
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 2


# --- the command line: --network, check, import, converge --from ---------------------------

def test_cli_network_converge_from_and_check(monkeypatch, tmp_path, tiny_graphs):
    monkeypatch.setenv("PATHWAYS_CACHE", "off")
    f = tmp_path / "n.sif"
    f.write_text("X1\t1\tReceptor R\nX2\t-1\tX1\n")
    runner = CliRunner()
    r = runner.invoke(main, ["--graphs", str(tiny_graphs), "--network", str(f), "converge",
                             "receptor", "--from", "x2", "--from", "X1", "--json"])
    assert r.exit_code == 0, r.output
    import json

    got = {c["id"]: (c["sign"], c["steps"]) for c in json.loads(r.output)["compounds"]}
    assert got == {"X1": ("+", 1), "X2": ("-", 2)}
    r = runner.invoke(main, ["--graphs", str(tiny_graphs), "--network", str(f), "check"])
    assert r.exit_code == 0, r.output
    assert "network n (" in r.output and "3 nodes, 2 edges; 1 joined the vocabulary" in r.output
    assert "joined: Receptor R = receptor" in r.output
    gpml = runner.invoke(main, ["--graphs", str(tiny_graphs), "--network",
                                str(DATA / "pathway.gpml"), "check"])
    # What a file holds that is no influence, counted after its kind ("1 interactions with").
    assert "  not read as influences: interactions with an end on a Label (1)" in gpml.output
    f.write_text("X1\t1\tReceptor R\n")  # one link: "1 edge", not "1 edges"
    r = runner.invoke(main, ["--graphs", str(tiny_graphs), "--network", str(f), "check"])
    assert "2 nodes, 1 edge; 1 joined the vocabulary, 0 ambiguous, 1 separate" in r.output


def test_an_omnipath_row_without_its_last_columns_but_its_sign_is_read(tmp_path):
    """Only the columns that give a row's sign or direction must be there: a row that stops
    before an empty `references` column is read, with its sign."""
    f = tmp_path / "trailing.tsv"
    f.write_text("source\ttarget\tis_directed\tis_stimulation\tis_inhibition\treferences\n"
                 "A\tB\t1\t0\t1\n")
    assert edges(read_network(f, "omnipath")) == {("A", "B", "-")}


def test_networks_folder_is_loaded(monkeypatch, tiny_graphs):
    monkeypatch.setenv("PATHWAYS_CACHE", "off")
    (tiny_graphs / "networks").mkdir()
    (tiny_graphs / "networks" / "extra.sif").write_text("Zed\tinhibits\tReceptor R\n")
    r = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "converge", "receptor", "--from",
                                  "zed"])
    assert r.exit_code == 0, r.output
    assert "Zed" in r.output and "lowers it" in r.output


@pytest.mark.parametrize("name", ["map.sbgn", "pathway.gpml", "bel.nodelink.json", "indra.json",
                                  "signed.sif", "omnipath.tsv", "pc_extended.txt.gz"])
def test_import_writes_a_mechanism_that_passes_check(tiny_graphs, name):
    out = tiny_graphs / "mechanisms" / "imported.toml"
    r = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "import", str(DATA / name), "-o",
                                  str(out)])
    assert r.exit_code == 0, r.output
    assert out.exists() and "Wrote" in r.output
    dataset, problems, _ = read_dataset(tiny_graphs)
    from pathways.load import cross_checks

    errors = [p for p in problems + cross_checks(dataset, problems, {}) if p.severity == "error"]
    assert errors == []
    assert dataset.mechanisms["imported"].edges
    check = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "check"])
    assert check.exit_code == 0, check.output


def test_import_keeps_evidence_and_dry_run_writes_nothing(tiny_graphs):
    out = tiny_graphs / "mechanisms" / "akt.toml"
    r = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "import", str(DATA / "indra.json"),
                                  "-o", str(out), "--dry-run"])
    assert r.exit_code == 0 and not out.exists()
    assert "Would write" in r.output and "Complex statements" in r.output
    CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "import", str(DATA / "indra.json"),
                              "-o", str(out)])
    ds = load_dataset(tiny_graphs)
    edge = next(e for e in ds.mechanisms["akt"].edges if (e.source, e.target) == ("akt1", "mtor"))
    assert edge.sign == "+"
    assert [(e.source, e.quote, e.status.value) for e in edge.evidence] == [
        ("pmid-12345", "AKT1 phosphorylates and activates mTOR.", "stated"),
        ("pmid-23456", "AKT may activate mTOR.", "hypothesised")]
    assert ds.sources["pmid-12345"].address == "https://pubmed.ncbi.nlm.nih.gov/12345/"


def test_export_tsv_round_trips(tmp_path):
    g = merge(load_dataset(REPO / "graphs"))
    from pathways.exporters import export

    f = tmp_path / "all.tsv"
    f.write_text(export(g, "tsv"))
    back = network_graph(read_network(f))
    assert back.graph["networks"]["all"]["format"] == "omnipath"
    assert set(back.edges) == set(g.edges)
    for u, v, d in g.edges(data=True):
        b = back.edges[u, v]
        assert (b["sign"], b["effect"], b["status"], b["label"]) == \
            (d["sign"], d["effect"], d["status"], d["label"]), (u, v)
    for n in back.nodes:
        assert back.nodes[n]["label"] == g.nodes[n]["label"]


# --- the real files, where present ---------------------------------------------------------

@pytest.mark.parametrize(("name", "fmt", "nodes", "interactions"), [
    ("sif_signed_omnipath_carnival_pkn__saezlab-transcriptutorial.tsv", "sif", 6124, 19807),
    ("pc_extended_sif_BMP_signaling__PathwayCommons-sifgraph-server.txt.gz", "pcsif", 28, 22),
    ("sbgnAF_camkii_synaptic_plasticity__sbgn-sbgn.sbgn", "sbgn", 13, 13),
    ("sbgnAF_reference_card_all_glyphs__libsbgn.sbgn", "sbgn", None, 5),
    ("gpml_WP1471_target_of_rapamycin__wikipathways.gpml", "gpml", None, 31),
    ("gpml_WP2636_drug_addiction_common_pathways__wikipathways.gpml", "gpml", None, None),
    ("bel_selventa_small_corpus__pybel.nodelink.json.gz", "bel", 1301, 1814),
    ("indra_statements_signor200__sorgerlab-indra-belief-test.json", "indra", None, 180),
])
def test_real_files(name, fmt, nodes, interactions):
    net = read_network(real(name))
    assert net.format == fmt
    if nodes is not None:
        assert len(net.nodes) == nodes
    if interactions is not None:
        assert len(net.interactions) == interactions
    assert net.interactions and all(i.evidence for i in net.interactions)


def test_real_carnival_signs_and_conflict():
    net = read_network(real("sif_signed_omnipath_carnival_pkn__saezlab-transcriptutorial.tsv"))
    signs = [i.sign for i in net.interactions]
    assert (signs.count("+"), signs.count("-")) == (14350, 5457)
    g = network_graph(net)
    assert len(g.graph["networks"][net.id]["conflicts"]) == 1


def test_real_pathway_commons_keeps_complexes_out():
    net = read_network(real("pc_extended_sif_BMP_signaling__PathwayCommons-sifgraph-server.txt.gz"))
    assert sum(v for k, v in net.skipped.items() if "in-complex-with" in k) == 87
    assert {i.label for i in net.interactions} == {"controls-state-change-of"}


def test_real_sbgn_camkii_map():
    net = read_network(real("sbgnAF_camkii_synaptic_plasticity__sbgn-sbgn.sbgn"))
    classes = sorted(q.split(":")[0] for i in net.interactions for _, q, _ in i.evidence)
    assert classes.count("positive influence") == 8 and classes.count("logic arc") == 2
    assert classes.count("necessary stimulation") == 1
    assert any(n.label == "CaM AND CaMKK" for n in net.nodes.values())
    assert set(net.compartments.values()) == {"Neuron", "nucleus"}
    assert all(n.position for n in net.nodes.values())


def test_real_gpml_counts_what_it_cannot_resolve():
    net = read_network(real("gpml_WP1471_target_of_rapamycin__wikipathways.gpml"))
    signs = [i.sign for i in net.interactions]
    assert signs.count("-") == 10
    assert sum(net.skipped.values()) + len(net.interactions) >= 35
    net2 = read_network(real("gpml_WP2636_drug_addiction_common_pathways__wikipathways.gpml"))
    assert sum(i.label == "transcription-translation" for i in net2.interactions) == 2


def test_real_bel_and_indra_keep_sentences():
    bel = read_network(real("bel_selventa_small_corpus__pybel.nodelink.json.gz"))
    cited = [e for i in bel.interactions for e in i.evidence if e[0].startswith("pmid-")]
    assert len(cited) > 1500 and all(len(q) > 20 for _, q, _ in cited)
    indra = read_network(real("indra_statements_signor200__sorgerlab-indra-belief-test.json"))
    assert sum(1 for i in indra.interactions for e in i.evidence if e[0].startswith("pmid-")) \
        >= 170


def test_gzip_is_seen_by_content(tmp_path):
    f = tmp_path / "net.sif.gz"
    f.write_bytes(gzip.compress(b"a\tinhibits\tb\n"))
    assert edges(read_network(f)) == {("a", "b", "-")}


def test_pathways_error_base():
    assert issubclass(ReadError, PathwaysError)


def test_bel_script_without_pybel_says_how_to_get_it(tmp_path):
    try:
        import pybel  # noqa: F401
        pytest.skip("PyBEL installed: the extra's message is not shown")
    except ImportError:
        pass
    f = tmp_path / "doc.bel"
    f.write_text('p(HGNC:AKT1) increases p(HGNC:MTOR)\n')
    with pytest.raises(ReadError, match=r"pip install 'pathways\[bel\]'"):
        read_network(f)


def test_imported_map_keeps_gates_compartments_and_coordinates(tiny_graphs):
    out = tiny_graphs / "mechanisms" / "stress.toml"
    r = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "import",
                                  str(DATA / "map.sbgn"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    ds = load_dataset(tiny_graphs)
    gate = next(e for e in ds.entities.values() if e.label == "KinB AND Ca++")
    assert gate.synonyms == () and gate.info == ("AND gate",)
    assert ds.entities["kina"].compartment == "cell" and ds.compartments["cell"].label == "Cell"
    assert "position = [130, 115]" in out.read_text()
    signs = {(e.source, e.target): e.sign for e in ds.mechanisms["stress"].edges}
    assert signs[("kina", "kinb")] == "-" and signs[(gate.id, "growth")] == "+"


def test_joined_graph_cache_follows_the_data_files(monkeypatch, tmp_path, tiny_graphs):
    """The whole joined graph is cached under the content of every input: unchanged files give
    the cached graph, an edited data file a fresh one."""
    monkeypatch.setenv("PATHWAYS_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "n.sif"
    f.write_text("X1\t1\tReceptor R\n")
    args = ["--graphs", str(tiny_graphs), "--network", str(f), "converge", "receptor",
            "--from", "X1"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0 and "Receptor R" in first.output
    entries = set((tmp_path / "cache").glob("*.pickle"))
    assert len(entries) == 3  # the validated data, the network's graph and the joined graph
    assert CliRunner().invoke(main, args).output == first.output
    assert set((tmp_path / "cache").glob("*.pickle")) == entries
    ents = tiny_graphs / "entities.toml"
    ents.write_text(ents.read_text().replace('label = "Receptor R"', 'label = "Receptor Q"'))
    again = CliRunner().invoke(main, [*args[:-1], "X1"])
    assert again.exit_code == 0 and "Receptor Q" in again.output


def test_gpml_2021_containers_and_arrowheads():
    net = read_network(DATA / "pathway2021.gpml")
    assert net.format == "gpml" and net.title == "Tiny 2021 map"
    labels = {(net.nodes[i.source].label, net.nodes[i.target].label): i.sign
              for i in net.interactions}
    assert labels == {("AKT1", "TSC2/TSC1"): "-", ("TSC2/TSC1", "RHEB"): "-",
                      ("RHEB", "AKT1"): "+"}
    assert net.nodes["tsc1"].part_of == "tsc2_tsc1"
    assert "NCBIGene:207" in net.nodes["akt1"].identifiers


def test_readers_are_imported_only_when_used():
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from pathways.cli import main; "
            "CliRunner().invoke(main, ['--help']); "
            "print(sorted(m for m in sys.modules if m.startswith(('pathways.readers', "
            "'defusedxml', 'networkx'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def _check_passes(graphs: Path) -> None:
    check = CliRunner().invoke(main, ["--graphs", str(graphs), "check"])
    assert check.exit_code == 0, check.output
    assert "0 problems" in check.output
    assert "unknown key" not in check.output  # what import writes, check reads (`position`)


def test_import_of_long_names_and_a_long_file_name_passes_check(tiny_graphs, tmp_path):
    """Ids are at most 64 characters: a node named at length (a BEL complex, an OmniPath
    complex) and a file whose name makes the network's source id are cut, with a hash of the
    whole, so that two long names starting alike stay two entities."""
    long_a = "complex of " + " and ".join(f"protein{i}" for i in range(12))
    long_b = long_a + " and protein99"
    network = tmp_path / ("a_signed_network_with_a_very_long_file_name_" * 2 + ".sif")
    network.write_text(f"{long_a}\tactivates\tAKT1\n{long_b}\tinhibits\tAKT1\n",
                       encoding="utf-8")
    out = tiny_graphs / "mechanisms" / "long.toml"
    r = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "import", str(network), "-o",
                                  str(out)])
    assert r.exit_code == 0, r.output
    _check_passes(tiny_graphs)
    dataset = load_dataset(tiny_graphs)
    made = [e for e in dataset.entities.values() if e.label in (long_a, long_b)]
    assert len(made) == 2 and all(len(e.id) <= 64 for e in made)
    assert made[0].id != made[1].id
    (source,) = {ev.source for e in dataset.mechanisms["long"].edges for ev in e.evidence}
    assert len(source) <= 64 and dataset.sources[source].title == network.name


@pytest.mark.parametrize(("args", "said"), [
    (["--compound", "messenger"], "--compound 'messenger' is a protein, not a compound"),
    (["--compound", "nosuch"], "unknown compound 'nosuch'"),
    (["--id", "Not An Id"], "--id 'Not An Id' is not an id"),
])
def test_import_refuses_what_check_would_reject_before_writing(tiny_graphs, args, said):
    out = tiny_graphs / "mechanisms" / "refused.toml"
    r = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "import", str(DATA / "signed.sif"),
                                  "-o", str(out), *args])
    assert r.exit_code != 0 and said in r.output
    assert "Traceback" not in r.output and not out.exists()


def test_an_imported_file_name_that_is_no_id_gives_a_mechanism_id_that_is(tiny_graphs):
    out = tiny_graphs / "mechanisms" / "My Map (v2).toml"
    r = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "import", str(DATA / "signed.sif"),
                                  "-o", str(out)])
    assert r.exit_code == 0, r.output
    _check_passes(tiny_graphs)
    assert "my_map_v2" in load_dataset(tiny_graphs).mechanisms


@pytest.mark.parametrize("name", ["bel_selventa_small_corpus__pybel.nodelink.json.gz",
                                  "sif_signed_omnipath_carnival_pkn__saezlab-transcriptutorial.tsv",
                                  "sbgnAF_camkii_synaptic_plasticity__sbgn-sbgn.sbgn",
                                  "gpml_WP1471_target_of_rapamycin__wikipathways.gpml"])
def test_import_of_a_real_network_passes_check(tiny_graphs, name):
    out = tiny_graphs / "mechanisms" / "real.toml"
    r = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "import", str(real(name)), "-o",
                                  str(out)])
    assert r.exit_code == 0, r.output
    _check_passes(tiny_graphs)


def _activity(gid: str, label: str, entity: str) -> str:
    box = '<bbox x="0" y="0" w="60" h="30"/>'
    return (f'<glyph class="biological activity" id="{gid}"><label text="{label}"/>{box}'
            f'<glyph class="unit of information" id="{gid}.u"><entity name="{entity}"/>{box}'
            "</glyph></glyph>\n")


def _arc(aid: str, source: str, target: str) -> str:
    return (f'<arc class="positive influence" id="{aid}" source="{source}" target="{target}">'
            '<start x="0" y="0"/><end x="1" y="1"/></arc>\n')


_CHEMICALS = ('<?xml version="1.0" encoding="UTF-8"?>\n<sbgn xmlns="http://sbgn.org/libsbgn/0.3">'
              '<map language="activity flow" id="m">\n'
              + _activity("ca", "Ca²⁺", "simple chemical") + _activity("camp", "cAMP", "simple chemical")
              + _activity("ampa", "AMPA receptor", "macromolecule")
              + _arc("e1", "ca", "ampa") + _arc("e2", "camp", "ampa") + "</map></sbgn>\n")


def test_a_map_s_chemicals_are_no_drugs_and_borrow_the_curated_links(graphs_dir, tmp_path):
    """A map's ions and second messengers are not the curated compounds `converge` answers for
    by default (they are asked about with --from: "Ca2+" finds the ion written Ca²⁺, which is an
    ion, not a compound); their routes through a curated mechanism's links are inferred from
    that mechanism, not their own."""
    network = tmp_path / "chemicals.sbgn"
    network.write_text(_CHEMICALS, encoding="utf-8")
    base = ["--graphs", str(graphs_dir), "--network", str(network)]
    plain = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "converge", "mtor", "--json"])
    joined = CliRunner().invoke(main, [*base, "converge", "mtor", "--json"])
    assert joined.exit_code == 0, joined.output
    assert ({c["id"] for c in json.loads(joined.output)["compounds"]}
            == {c["id"] for c in json.loads(plain.output)["compounds"]})
    asked = CliRunner().invoke(main, [*base, "converge", "mtor", "--from", "Ca2+", "--from",
                                      "cAMP", "--json"])
    assert asked.exit_code == 0, asked.output
    found = {c["id"]: c for c in json.loads(asked.output)["compounds"]}
    assert len(found) == 2
    for route in found.values():
        assert route["own"] is False and set(route["inferred_from"]) <= {"ketamine", "mgs0039"}
        assert route["inferred_from"]
    kinds = {n: d["kind"] for n, d in merge_with(graphs_dir, network).nodes(data=True)
             if d.get("label") in ("Ca²⁺", "cAMP")}
    assert sorted(kinds.values()) == ["compound", "ion"]


def merge_with(graphs: Path, network: Path):
    return add_network(merge(load_dataset(graphs)), load_network_graph(network, None))


@pytest.mark.parametrize(("name", "code"), [("A\x1b[31mX", "U+001B"), ("B\x07", "U+0007"),
                                            ("C\u202eD", "U+202E")])
def test_a_network_name_with_a_character_nothing_can_show_is_one_line(graphs_dir, tmp_path,
                                                                        name, code):
    """An escape sequence recoloured the terminal, XML exports broke and Graphviz lost the
    node; the name is refused with the file, as any other bad input."""
    network = tmp_path / "ctl.sif"
    network.write_text(f"{name}\t1\tMTOR\n", encoding="utf-8")
    for args in (["--network", str(network), "path", "mtor", "mtor"],
                 ["import", str(network), "--dry-run"]):
        result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), *args])
        assert result.exit_code == 1, result.output
        (line,) = result.output.strip().splitlines()
        assert str(network) in line and code in line and "\x1b" not in line


@pytest.mark.parametrize(("name", "content", "code"), [
    # a lone surrogate escape in JSON: read, then every export stopped on it with a traceback
    ("sur.json", '[{"type": "Activation", "subj": {"name": "X\\ud800y", "db_refs": {}}, '
                 '"obj": {"name": "MTOR", "db_refs": {}}, "evidence": [{"text": "s"}]}]',
     "U+D800"),
    ("sur_quote.json", '[{"type": "Activation", "subj": {"name": "XY", "db_refs": {}}, '
                       '"obj": {"name": "MTOR", "db_refs": {}}, '
                       '"evidence": [{"text": "s\\udfff"}]}]', "U+DFFF"),
    # a control character in a link's word: SBGN and GraphML were written unreadable, and a
    # TSV printed to the terminal cleared its screen
    ("ctl.sif", "AKT1\tfoo\x01\x1b[2J\tMTOR\n", "U+0001"),
    # a noncharacter no XML may hold, and an invisible one no one can type
    ("nonchar.sif", "X\ufffeY\t1\tMTOR\n", "U+FFFE"),
    ("zw.sif", "A\u200bB\t1\tMTOR\n", "U+200B"),
])
def test_a_network_s_links_and_quotes_hold_no_character_nothing_can_show(
        graphs_dir, tmp_path, name, content, code):
    """Names were checked, a link's words and quotes were not; lone surrogates and U+FFFE got
    past both. Each is refused when read, in one line naming the file and the node or link."""
    network = tmp_path / name
    network.write_text(content, encoding="utf-8", errors="surrogatepass")
    for args in (["--network", str(network), "export", "--format", "csv", "-o",
                  str(tmp_path / "out.csv")],
                 ["import", str(network), "--dry-run"]):
        result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), *args])
        assert result.exit_code == 1, result.output
        (line,) = result.output.strip().splitlines()
        assert str(network) in line and code in line and "Traceback" not in line
    assert not (tmp_path / "out.csv").exists()


def test_an_invisible_character_in_a_quote_is_kept(graphs_dir, tmp_path):
    """A zero-width space in an evidence sentence (papers' text has them) harms no export or
    terminal: refused in a name, which could not be typed back, it is kept in a quote."""
    network = tmp_path / "zw.json"
    network.write_text('[{"type": "Activation", "subj": {"name": "XY", "db_refs": {}}, '
                       '"obj": {"name": "MTOR", "db_refs": {}}, '
                       '"evidence": [{"text": "X\\u200bY activates MTOR"}]}]', encoding="utf-8")
    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "--network", str(network),
                                       "path", "XY", "mtor", "--json"])
    assert result.exit_code == 0, result.output
    assert "X\u200bY activates MTOR" in json.loads(result.output)["routes"][0]["steps"][0]["evidence"][0][
        "quote"]


def test_an_omnipath_field_past_the_csv_limit_is_one_line(graphs_dir, tmp_path):
    """A references field of 300,000 characters stopped the reader with the csv module's own
    traceback ("field larger than field limit")."""
    network = tmp_path / "big.tsv"
    network.write_text("source\ttarget\tis_directed\tis_stimulation\tis_inhibition\t"
                       "references\nA\tB\t1\t1\t0\t" + ";".join(["SIGNOR:12345678"] * 20_000)
                       + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "--network", str(network),
                                       "check"])
    assert result.exit_code == 1
    line = result.output.strip().splitlines()[-1]
    assert f"{network}:2:" in line and "field limit" in line and "Traceback" not in result.output


def test_a_network_read_by_other_code_is_read_afresh(monkeypatch, tmp_path):
    """A network's cached graph was keyed by the file alone: read before a reader learnt to
    refuse a character, it was still answered from the cache, and a graph pickled by older
    code came back without what newer code looks for (a traceback). The code is in the key."""
    from pathways.readers import cache as network_cache

    raw, path = b"A\t1\tB\n", tmp_path / "n.sif"
    before = network_cache.cache_key(raw, path, None)
    assert network_cache.cache_key(raw, path, None) == before
    monkeypatch.setattr(network_cache, "_code_digest", lambda: "other code")
    assert network_cache.cache_key(raw, path, None) != before


@pytest.mark.parametrize(("name", "content", "said"), [
    ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("long.sif", "A\t1\t" + "B" * 100_000 + "\n", "100,000 characters"),
])
def test_a_network_nesting_or_naming_past_what_anything_can_show_is_one_line(
        graphs_dir, tmp_path, name, content, said):
    """JSON nested 100,000 deep gave a RecursionError traceback; a 5 MB node name loaded, then
    made every layout fail (Graphviz: "Edge length ... larger than maximum") or run for two
    minutes, naming neither file nor node. Both are refused when read, in one line."""
    network = tmp_path / name
    network.write_text(content, encoding="utf-8")
    for args in (["--network", str(network), "converge", "mtor"],
                 ["import", str(network), "--dry-run"]):
        result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), *args])
        assert result.exit_code == 1, result.output
        (line,) = result.output.strip().splitlines()
        assert str(network) in line and said in line and len(line) < 300, line


def test_a_network_name_written_with_superscripts_joins_the_entity(graphs_dir, tmp_path):
    """`Ca²⁺ influx`, the very label pathways prints (and writes into its SBGN and TSV exports),
    stayed a separate node, where `Ca2+ influx` joined: names compare with their super- and
    subscripts as plain characters."""
    network = tmp_path / "ca.sif"
    network.write_text("Ca²⁺ influx\t1\tXYZ1\n", encoding="utf-8")
    graph = merge_with(graphs_dir, network)
    assert graph.has_edge("calcium_influx", "XYZ1")
    assert "Ca²⁺ influx" not in graph
    found = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "--network", str(network),
                                      "converge", "XYZ1"])
    assert "Mij821: lowers it" in found.output


_TWO_CAM = ('<?xml version="1.0" encoding="UTF-8"?>\n<sbgn xmlns="http://sbgn.org/libsbgn/0.3">'
            '<map language="activity flow" id="m">\n'
            + _activity("can", "CaN", "macromolecule") + _activity("cam", "CaM", "macromolecule")
            + _activity("cam2", "CaM", "macromolecule") + _activity("pp1", "PP1", "macromolecule")
            + _arc("e1", "can", "cam2") + _arc("e2", "cam2", "pp1") + "</map></sbgn>\n")


def test_a_name_several_network_nodes_carry_is_refused_with_their_ids(graphs_dir, tmp_path):
    """Two glyphs of a map are both "CaM" (one per compartment); `path CaN CaM` silently took
    the first by id and answered "No route", though the other is reached. The name is now
    refused with the nodes that carry it; each is found by its id."""
    network = tmp_path / "cam.sbgn"
    network.write_text(_TWO_CAM, encoding="utf-8")
    names = tmp_path / "from.txt"
    names.write_text("CaN\nCaM\n", encoding="utf-8")

    def ask(*args: str):
        return CliRunner().invoke(main, ["--graphs", str(graphs_dir), "--network", str(network),
                                         *args])

    for args in (["path", "CaN", "CaM"], ["converge", "PP1", "--from", "CaM"],
                 ["converge", "PP1", "--from-file", str(names)]):
        result = ask(*args)
        assert result.exit_code == 2, result.output
        (line,) = result.output.strip().splitlines()
        assert "'CaM' names 2 nodes: 'cam', 'cam_2'; give one by its id" in line, line
    assert f"{names}:2:" in ask("converge", "PP1", "--from-file", str(names)).output
    found = ask("path", "CaN", "cam_2")
    assert found.exit_code == 0 and "Route 1" in found.output
    assert "No route" in ask("path", "CaN", "cam").output


def test_two_network_files_of_one_name_are_refused_the_same_file_twice_read_once(graphs_dir,
                                                                                   tmp_path):
    """`--network n1/x.sif --network n2/x.sif` reported only the second ("network x"), and
    evidence cited both as (x.sif)."""
    for folder, line in (("n1", "A\t1\tB\n"), ("n2", "C\t1\tD\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.sif").write_text(line, encoding="utf-8")
    one, two = tmp_path / "n1" / "x.sif", tmp_path / "n2" / "x.sif"
    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "--network", str(one),
                                       "--network", str(two), "check"])
    assert result.exit_code == 2, result.output
    (line,) = result.output.strip().splitlines()
    assert str(two) in line and str(one) in line and "'x'" in line
    again = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "--network", str(one),
                                      "--network", str(one), "check"])
    assert again.exit_code == 0 and again.output.count("network x (") == 1


def test_list_reads_the_networks_and_sums_each_up(graphs_dir, tmp_path):
    """`list --network broken.sbgn` exited 0 without reading it, and `list --json` said nothing
    of the networks."""
    good, broken = tmp_path / "good.sif", tmp_path / "broken.sbgn"
    good.write_text("BDNF\t1\tXYZ\nXYZ\t-1\tABC\n", encoding="utf-8")
    broken.write_text("<sbgn", encoding="utf-8")
    bad = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "--network", str(broken), "list"])
    assert bad.exit_code == 1 and str(broken) in bad.output
    listed = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "--network", str(good), "list",
                                       "--json"])
    (net,) = json.loads(listed.output)["networks"]
    assert (net["id"], net["nodes"], net["edges"], net["joined"]) == ("good", 3, 2, 1)
    plain = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "list"])
    assert "Networks" not in plain.output


def test_a_network_sentence_that_hedges_is_hedged_and_import_writes_it_so(tiny_graphs, tmp_path):
    """A BEL or INDRA evidence sentence that says "suggest" or "may" was read as stated:
    routes through it counted as stated, and `check` warned on every such edge `import` wrote
    ("quote hedges but is marked stated"; hundreds for the Selventa corpus)."""
    statements = [
        {"type": "Activation", "subj": {"name": "AKT1"}, "obj": {"name": "MTOR"},
         "evidence": [{"text": "These data suggest that AKT1 activates MTOR.", "pmid": "1"}]},
        {"type": "Inhibition", "subj": {"name": "TSC2"}, "obj": {"name": "MTOR"},
         "evidence": [{"text": "TSC2 inhibits MTOR.", "pmid": "2"}]},
    ]
    network = tmp_path / "st.json"
    network.write_text(json.dumps(statements), encoding="utf-8")
    graph = merge_with(tiny_graphs, network)
    (akt,) = [d for a, b, d in graph.edges(data=True) if a == "AKT1"]
    (tsc,) = [d for a, b, d in graph.edges(data=True) if a == "TSC2"]
    assert (akt["status"], tsc["status"]) == ("hedged", "stated")
    out = tiny_graphs / "mechanisms" / "st.toml"
    r = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "import", str(network), "-o",
                                  str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").count('status = "hedged"') == 1
    check = CliRunner().invoke(main, ["--graphs", str(tiny_graphs), "check"])
    assert check.exit_code == 0 and "quote hedges" not in check.output, check.output


def test_a_map_s_chemicals_stay_chemicals_when_drawn_and_when_imported(graphs_dir, tmp_path):
    """cAMP from a map was drawn with the DRUG badge; imported, every BEL abundance became a
    drug (the Selventa corpus: 142 "compounds", and `converge mtor` counted cAMP and cigarette
    smoke). A map's small molecule is drawn as a chemical, and imported with role "chemical":
    listed apart and answered for only when named."""
    from pathways.dot import build_dot
    from pathways.style import PRESETS, THEMES
    from pathways.views import around_view

    network = tmp_path / "chemicals.sbgn"
    network.write_text(_CHEMICALS, encoding="utf-8")
    graph = merge_with(graphs_dir, network)
    camp = next(n for n, d in graph.nodes(data=True) if d.get("label") == "cAMP")
    view = around_view(graph, camp, 1, "camp")
    assert {n.id: n.kind for n in view.nodes}[camp] == "chemical"
    dot = build_dot(view, PRESETS["slide"], THEMES["light"])
    assert ">DRUG<" not in dot and ">Chemical<" not in dot  # no badge; legend added by layout
    graphs = tmp_path / "graphs"
    import shutil

    shutil.copytree(graphs_dir, graphs)
    out = graphs / "mechanisms" / "chem.toml"
    r = CliRunner().invoke(main, ["--graphs", str(graphs), "import", str(network), "-o", str(out)])
    assert r.exit_code == 0, r.output
    written = out.read_text(encoding="utf-8")
    assert written.count('role = "chemical"') == 1  # cAMP (Ca²⁺ is an ion)
    _check_passes(graphs)
    listed = json.loads(CliRunner().invoke(main, ["--graphs", str(graphs), "list",
                                                  "--json"]).output)
    assert [c["label"] for c in listed["chemicals"]] == ["cAMP"]
    assert "cAMP" not in {c["label"] for c in listed["compounds"]}
    answered = json.loads(CliRunner().invoke(main, ["--graphs", str(graphs), "converge", "mtor",
                                                    "--json"]).output)
    assert "cAMP" not in {c["label"] for c in answered["compounds"]}


def test_the_bel_corpus_sentences_that_hedge_are_hedged():
    """The BEL reader, as the INDRA one: each cited evidence sentence is hedged exactly where
    it hedges ("suggest", "may"), and some of the Selventa corpus's do."""
    from pathways.certainty import hedge_words

    net = read_network(real("bel_selventa_small_corpus__pybel.nodelink.json.gz"))
    said = [(quote, status) for i in net.interactions for _, quote, status in i.evidence]
    hedged = [q for q, status in said if status == "hedged"]
    assert hedged and len(hedged) < len(said)
    for quote, status in said:
        if " " in quote and not quote.startswith(("p(", "a(", "r(", "g(", "bp(", "complex(")):
            assert (status == "hedged") == bool(hedge_words(quote)), quote


def test_our_own_json_export_is_not_read_back_as_bel_with_no_links(graphs_dir: Path,
                                                                 tmp_path: Path) -> None:
    """Taken for BEL JSON by its suffix, the node-link JSON `export` writes gave 32 nodes, no
    link, and `import` wrote an empty mechanism and said "Wrote": now one line says what it is
    not, and nothing is written."""
    from click.testing import CliRunner

    from pathways.cli import main

    exported = tmp_path / "graph.json"
    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "export", "--format", "json",
                                       "-o", str(exported)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["--graphs", str(graphs_dir), "import", str(exported),
                                       "-o", str(tmp_path / "back.toml")])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert "no interactions read as bel" in line and "export --format json" in line
    assert not (tmp_path / "back.toml").exists()


def test_a_sif_of_names_alone_is_still_read(tmp_path: Path) -> None:
    # Its suffix is SIF's own: nodes without links are a SIF all the same.
    from pathways.readers import read_network

    nodes = tmp_path / "nodes.sif"
    nodes.write_text("ketamine\nbdnf\n", encoding="utf-8")
    network = read_network(nodes)
    assert len(network.nodes) == 2 and not network.interactions


def test_sbgn_glyphs_sharing_an_id_are_refused(tmp_path):
    """Two glyphs with one id: every arc joined the last of them, the first left with no link,
    silently. The map is refused, naming the id."""
    f = tmp_path / "twice.sbgn"
    f.write_text('<sbgn xmlns="http://sbgn.org/libsbgn/0.3"><map language="activity flow">'
                 '<glyph class="biological activity" id="a"><label text="A"/></glyph>'
                 '<glyph class="biological activity" id="a"><label text="B"/></glyph>'
                 '<glyph class="biological activity" id="c"><label text="C"/></glyph>'
                 '<arc class="positive influence" id="x" source="a" target="c"/>'
                 '</map></sbgn>', encoding="utf-8")
    with pytest.raises(ReadError, match="glyph id 'a' is used twice"):
        read_network(f)


@pytest.mark.parametrize(("fmt", "doc", "said"), [
    ("indra", [{"type": "Activation", "subj": {"name": 5}, "obj": {"name": "B"}}],
     "statement #1: an agent's `name` is not text (int)"),
    ("indra", [{"type": "Activation", "subj": {"name": ["A"]}, "obj": {"name": "B"}}],
     "statement #1: an agent's `name` is not text (list)"),
    ("indra", [{"type": "Activation", "subj": {"name": "   "}, "obj": {"name": "B"}}],
     "statement #1: an agent's `name` is blank"),
    ("bel", {"nodes": [{"function": "Protein", "concept": {"namespace": "HGNC",
                                                           "name": float("nan")}}],
             "links": []},
     "node #1's concept `name` is not text (float)"),
    # PyBEL's ids are numbers, which name no node: node 0's "name" was "", node 1's "1".
    ("bel", {"nodes": [{"id": 0, "function": "Protein"}, {"id": 1, "function": "Protein"}],
             "links": [{"source": 0, "target": 1, "relation": "increases"}]},
     "node #1 has no name: no concept name, BEL term or id in words"),
    ("bel", {"nodes": [{"id": 0, "function": "Protein", "namespace": "HGNC", "name": "  "}],
             "links": []},
     "node #1's `name` is blank"),
])
def test_a_name_that_is_not_text_stops_the_read(tmp_path, fmt, doc, said):
    """INDRA and BEL names that were numbers, lists or NaN became nodes called "5", "['A']" and
    "nan" (with the identifier HGNC:nan); a blank one a node `check` refused. Each stops the
    read in one line naming the statement or node."""
    f = tmp_path / "odd.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ReadError) as err:
        read_network(f, fmt)
    assert said in str(err.value)


def test_an_id_made_from_a_name_that_lost_part_of_it_joins_nothing(tmp_path: Path):
    """A GPML metabolite "Ca²⁺" gets the id ca2 (its name made an id, the charge lost): joined by
    it, it became the gene CA2 (carbonic anhydrase 2) of a signed network given with it, and
    `path` ran routes through calcium as if it were the enzyme. A curated id, or one made
    without loss ("mGluR2/3" as mglur2_3), still joins."""
    gpml = tmp_path / "calcium.gpml"
    gpml.write_text(
        '<Pathway xmlns="http://pathvisio.org/GPML/2013a" Name="c">'
        '<DataNode GraphId="n1" TextLabel="Ca²⁺" Type="Metabolite"/>'
        '<DataNode GraphId="n2" TextLabel="CaM" Type="Protein"/>'
        '<Interaction GraphId="i1"><Graphics><Point GraphRef="n1"/>'
        '<Point GraphRef="n2" ArrowHead="Arrow"/></Graphics></Interaction></Pathway>',
        encoding="utf-8")
    sif = tmp_path / "genes.sif"
    sif.write_text("SLC4A1\t-1\tCA2\nCA2\t1\tSLC9A1\n", encoding="utf-8")
    calcium = read_network(gpml)
    assert "ca2" in {n.id for n in calcium.nodes.values()}  # the id the reader made
    graph = add_network(merge(load_dataset(REPO / "graphs")), network_graph(read_network(sif)))
    graph = add_network(graph, network_graph(calcium))
    report = graph.graph["networks"]["calcium"]
    assert ["ca2", "CA2"] not in report["joined"]
    assert graph.has_edge("ca2", "cam") and not graph.has_edge("CA2", "cam")
    assert graph.nodes["ca2"]["label"] == "Ca²⁺" and graph.nodes["CA2"]["label"] == "CA2"


def test_omnipath_without_a_sign_column_is_refused_not_read_unsigned(tmp_path: Path):
    """A signed SIF with a header (source, interaction, target) read as OmniPath lost every
    sign without a word: each link read as of unknown sign."""
    f = tmp_path / "signed.tsv"
    f.write_text("source\tinteraction\ttarget\nA\t1\tMTOR\nB\t-1\tMTOR\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"no sign column .* its columns are source, "
                                        r"interaction, target"):
        read_network(f, "omnipath")


def test_omnipath_reads_a_comma_separated_file(tmp_path: Path):
    """A .csv saved from a spreadsheet was read as one column: "no source column"."""
    f = tmp_path / "op.csv"
    f.write_text("source,target,is_directed,is_stimulation,is_inhibition\n"
                 "A,MTOR,1,1,0\nB,MTOR,1,0,1\n", encoding="utf-8")
    assert edges(read_network(f, "omnipath")) == {("A", "MTOR", "+"), ("B", "MTOR", "-")}


def test_a_sif_header_naming_a_column_no_target_keeps_it_out_of_the_targets(tmp_path: Path):
    """`source interaction target reference` made a link from AKT1 to "PMID:123": every column
    after the relation was read as a target. Without a header, SIF's several targets still are."""
    f = tmp_path / "refs.sif"
    f.write_text("source\tinteraction\ttarget\treference\nAKT1\t1\tMTOR\tPMID:123\n"
                 "B\t-1\tMTOR\t\n", encoding="utf-8")
    net = read_network(f)
    assert edges(net) == {("AKT1", "MTOR", "+"), ("B", "MTOR", "-")}
    assert "PMID:123" not in net.nodes
    assert list(net.skipped.values()) == [1] and "reference" in next(iter(net.skipped))
    assert "PMID:123" in net.interactions[0].evidence[0][1]  # kept in the link's evidence
    several = tmp_path / "several.sif"
    several.write_text("A\tactivates\tB\tC\n", encoding="utf-8")
    assert edges(read_network(several)) == {("A", "B", "+"), ("A", "C", "+")}
    headed = tmp_path / "headed.sif"  # a header of three columns names no other column
    headed.write_text("source\tinteraction\ttarget\nA\tactivates\tB\tC\n", encoding="utf-8")
    assert edges(read_network(headed)) == {("A", "B", "+"), ("A", "C", "+")}


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_the_edge_list_exports_read_back_as_networks(tmp_path: Path, fmt: str):
    """`export -o all.csv` then `--network all.csv` stopped at "sign '?' is not 1, -1 or 0":
    the csv export writes an unknown sign as `?`. Both edge lists read back, every link with
    its sign."""
    out, graphs = tmp_path / f"all.{fmt}", Path(__file__).parent.parent / "graphs"
    result = CliRunner().invoke(main, ["--graphs", str(graphs), "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = merge(load_dataset(graphs))
    net = read_network(out)
    read = {(i.source, i.target): i.sign for i in net.interactions}
    assert read == {(u, v): d["sign"] for u, v, d in graph.edges(data=True)}
    assert "?" in read.values()


@pytest.mark.parametrize("text", ["MTOR pp RPTOR\n", "MTOR\tpp\tRPTOR\n"])
def test_a_classic_sif_named_txt_is_told_how_to_read_it(tmp_path: Path, text: str):
    """A .txt file is read as Pathway Commons' SIF: a classic one, spaced, was told it was not
    `A TYPE B` (which it is), with no word of the format that reads it."""
    path = tmp_path / "classic.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReadError, match=r"classic SIF .* --network-format sif, or named \.sif"):
        read_network(path)
    assert [(i.source, i.target) for i in read_network(path, "sif").interactions] == [
        ("MTOR", "RPTOR")]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_names_made_unique_are_those_the_plain_walk_gives(seed: int):
    """`labels.Unique` keeps each base's count instead of walking past every name before it
    (20,000 GPML nodes labelled "X" took 22 s to read): the same names as the walk, for
    bases that repeat, that collide with numbered names, and a first choice of their own."""
    import random

    from pathways.labels import Unique

    rng = random.Random(seed)
    taken = {"a", "a_3", "b_2"}
    unique, used = Unique(taken), set(taken)
    for _ in range(2_000):
        base = rng.choice(["a", "b", "a_2", "c"])
        first = rng.choice([None, f"{base}_x", base])
        name = base if first is None else first
        if name in used:
            k = 2
            while (name := f"{base}_{k}") in used:
                k += 1
        used.add(name)
        assert unique(base, first) == name
