"""The Akoma Ntoso reader (``ingest/akn.py``): structure from the elements, not from the words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from palimpsest.errors import SourceError
from palimpsest.ingest import find_source, load_document, read_source
from palimpsest.ingest.akn import read_akn
from palimpsest.model import Block, Clause

ROOT = Path(__file__).resolve().parents[2]
AKN = ROOT / "tests" / "fixtures" / "akn" / "a-res-68-262"
TWIN = ROOT / "tests" / "fixtures" / "corpus-more" / "A-RES-68-262.txt"


def _twin(tmp_path: Path):
    folder = tmp_path / "sources" / "a-res-68-262"
    folder.mkdir(parents=True)
    shutil.copyfile(TWIN, folder / "source.txt")
    shutil.copyfile(AKN / "document.yml", folder / "document.yml")
    return load_document(folder, tmp_path)


def test_source_xml_is_found_beside_document_yml():
    assert find_source(AKN) == AKN / "source.xml"


def test_same_clauses_anchors_and_footnotes_as_the_pdftotext_twin(tmp_path):
    doc, errors = load_document(AKN, ROOT)
    assert errors == []
    twin, twin_errors = _twin(tmp_path)
    assert twin_errors == []
    assert [(c.anchor, c.kind, c.number, c.text, c.footnote_refs) for c in doc.clauses] == [
        (c.anchor, c.kind, c.number, c.text, c.footnote_refs) for c in twin.clauses
    ]
    assert [(f.number, f.text) for f in doc.footnotes] == [(f.number, f.text) for f in twin.footnotes]
    assert doc.meta.meeting == "80th plenary meeting" and doc.meta.session == "68"
    assert [b.text for b in doc.parts[0].items if isinstance(b, Block)] == [
        "The General Assembly,",
        "80th plenary meeting",
        "27 March 2014",
    ]


def test_eids_and_italics_are_the_sources():
    doc, _ = load_document(AKN, ROOT)
    pp3 = doc.clause("pp3")
    assert pp3 is not None and pp3.eid == "recs_1__rec_3"  # the element's eId, not a derived one
    assert pp3.text[slice(*pp3.emphasis[0])] == "Recalling also"  # the printed italics
    op2 = doc.clause("op2")
    assert op2 is not None and op2.eid == "para_2" and op2.text[slice(*op2.emphasis[0])] == "Calls upon"


SMALL = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <meta><identification source="#x"><FRBRWork><FRBRdate date="2020-01-02" name="adoption"/></FRBRWork>
    </identification></meta>
    <coverPage><p><docNumber>A/RES/74/1</docNumber></p></coverPage>
    <preamble>
      <formula name="enactingFormula"><p>The General Assembly,</p></formula>
      <recitals><recital eId="Bad-Id"><p><i>Noting</i> the report,</p></recital></recitals>
    </preamble>
    <mainBody>
      <paragraph eId="para_1"><num>1.</num>
        <list eId="para_1__list_1">
          <intro><p><i>Decides</i>:</p></intro>
          <point eId="para_1__list_1__point_a"><num>(a)</num><content><p>to act;</p></content></point>
          <point eId="para_1__list_1__point_b"><num>(b)</num>
            <list><intro><p>to report on:</p></intro>
              <point><num>(i)</num><content><p>the first thing;</p></content></point>
              <point><num>(ii)</num><content><p>the second thing;</p></content></point>
            </list>
          </point>
        </list>
      </paragraph>
      <hcontainer name="heading"><heading>Follow-up</heading>
        <paragraph eId="para_2"><num>2.</num><content><p><i>Requests</i> a report.<authorialNote marker="1"><p>See A/74/1.</p></authorialNote></p></content></paragraph>
      </hcontainer>
    </mainBody>
    <attachments><attachment><doc name="annex"><preface><p><docTitle>Annex</docTitle></p></preface>
      <mainBody><paragraph><num>1.</num><content><p>First rule.</p></content></paragraph>
      <paragraph><num>2.</num><content><p>Second rule.</p></content></paragraph></mainBody></doc></attachment></attachments>
  </statement>
</akomaNtoso>
"""


def test_lists_points_headings_notes_and_annexes(tmp_path):
    folder = tmp_path / "sources" / "a-res-74-1"
    folder.mkdir(parents=True)
    (folder / "source.xml").write_text(SMALL, "utf-8")
    (folder / "document.yml").write_text(
        "symbol: A/RES/74/1\ntitle: A test\nbody: General Assembly\nadopted: 2020-01-02\n", "utf-8"
    )
    doc, errors = load_document(folder, tmp_path)
    assert errors == []
    got = [(c.anchor, c.kind, c.text) for c in doc.clauses]
    assert got == [
        ("pp1", "preambular", "Noting the report,"),
        ("op1", "operative", "Decides:"),
        ("op1-a", "point", "to act;"),
        ("op1-b", "point", "to report on:"),
        ("op1-b-i", "point", "the first thing;"),
        ("op1-b-ii", "point", "the second thing;"),
        ("op2", "operative", "Requests a report."),
        ("annex-p1", "paragraph", "First rule."),
        ("annex-p2", "paragraph", "Second rule."),
    ]
    assert doc.clause("pp1").eid == "preamble__recital_1"  # an eId that is no clause id: derived
    assert doc.clause("op1-a").eid == "para_1__list_1__point_a"
    assert [r.number for r in doc.clause("op2").footnote_refs] == ["1"]
    assert [b.text for b in doc.parts[0].items if isinstance(b, Block) and b.kind == "heading"] == ["Follow-up"]
    assert all(isinstance(c, Clause) for c in doc.parts[1].items if not isinstance(c, Block))


@pytest.mark.parametrize(
    "text, line, words",
    [
        ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<akomaNtoso/>', 2, "document type"),
        ("<akomaNtoso>\n<statement>\n<preamble>\n</statement>", 4, "not well-formed"),
        ("<akomaNtoso>\n<p>no document</p>\n</akomaNtoso>", 1, "No Akoma Ntoso document"),
        (
            "<akomaNtoso><statement><mainBody>\n<paragraph><num>1.</num><content><p>A"
            "<authorialNote><p>x</p></authorialNote></p></content></paragraph></mainBody></statement></akomaNtoso>",
            2,
            "no marker",
        ),
    ],
)
def test_bad_xml_is_a_located_message(text, line, words):
    with pytest.raises(SourceError) as exc:
        read_akn(text, "sources/x/source.xml")
    assert exc.value.line == line and words in exc.value.problem and exc.value.fix


def test_akn_text_is_recognised_by_its_shape():
    raw = read_source(SMALL, "pasted.txt")
    assert raw.meta["symbol"] == "A/RES/74/1" and raw.meta["adopted"] == "2020-01-02"


def test_palimpsest_add_takes_an_akn_file(tmp_path):
    import io

    from palimpsest.cli import add_source

    src = tmp_path / "incoming.xml"
    shutil.copyfile(AKN / "source.xml", src)
    (tmp_path / "sources").mkdir()
    code, _missing = add_source(tmp_path, src, io.StringIO())
    assert code == 0
    folder = tmp_path / "sources" / "a-res-68-262"
    assert (folder / "source.xml").read_bytes() == (AKN / "source.xml").read_bytes()
    doc, errors = load_document(folder, tmp_path)
    assert errors == [] and doc.meta.adopted == "2014-03-27" and doc.meta.title == "Territorial integrity of Ukraine"


def test_cover_page_and_metadata_are_set_aside_with_their_lines():
    doc, _ = load_document(AKN, ROOT)
    aside = [text for _line, text in doc.discarded]
    assert "[coverPage] Agenda item 33 (b)" in aside
    assert "[meta] 13-62855 (E)" in aside  # the job number of the presentation block
    assert all(line > 1 for line, _ in doc.discarded)
