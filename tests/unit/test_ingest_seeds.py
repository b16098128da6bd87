"""The ingest on the five real seed texts: counts, anchors, footnotes, re-joined clauses, no junk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from expectations import expected, slugs_with

from palimpsest.ingest import load_document
from palimpsest.model import Block, Clause

ROOT = Path(__file__).resolve().parents[2]
JUNK = re.compile(
    r"<<ODS|\[Start1\]|\[DU1\]|Please recycle|\*\d{7}\*|\d+/\d+\s*$|^-{3,}|_{5,}|预览|yunbaogao|\ue000|\ue001|\*\*|<sup>"
)


def load(slug):
    doc, errors = load_document(ROOT / "sources" / slug, ROOT)
    assert not errors, [e.message for e in errors]
    return doc


def counts(doc, part=None):
    out = {}
    for c in doc.clauses:
        if part is not None and c.part != part:
            continue
        out[c.kind] = out.get(c.kind, 0) + 1
    return out


def with_marks(c: Clause) -> str:
    t = c.text
    for r in reversed(c.footnote_refs):
        t = t[: r.offset] + f"[^{r.number}]" + t[r.offset :]
    return t


@pytest.mark.parametrize("slug", slugs_with("clause_kinds"))
def test_seed_counts(slug):
    golden = expected(slug)  # tests/fixtures/expected/<slug>.yml
    doc = load(slug)
    golden.check("clause_kinds", counts(doc), golden["clause_kinds"])
    footnotes = golden["footnotes"]
    golden.check("footnotes", [f.number for f in doc.footnotes], [str(i) for i in range(1, footnotes + 1)])


def test_ilo_resolution_and_conclusions():
    doc = load("ilc-109-record-7a")
    assert [p.slug for p in doc.parts] == ["", "conclusions"]
    assert counts(doc, "") == {"preambular": 1, "operative": 3, "point": 4}
    assert counts(doc, "conclusions") == {"paragraph": 21, "point": 61}
    assert doc.parts[1].title.startswith("Conclusions concerning the second recurrent discussion")
    assert doc.clause("op3-d").text == "keep the Governing Body informed of their implementation."
    assert doc.clause("conclusions-p14-j").label == "conclusions, para. 14 (j)"
    assert doc.clause("conclusions-p14-j").eid == "conclusions__para_14__list_1__point_j"
    headings = [b.text for b in doc.parts[1].items if isinstance(b, Block) and b.kind == "heading"]
    assert "II. Mobilizing ILO means of action" in headings
    assert "Guiding principles and context" in headings


@pytest.mark.parametrize(
    "anchor, joined",
    [
        ("conclusions-p9", "advocated by the Centenary Declaration, together with measures securing respect"),
        ("conclusions-p13-a", "Social Protection Floors Recommendation, 2012 (No. 202), as well as"),
        ("conclusions-p14-i", "the stability, sustainability and legitimacy of the social security systems"),
        ("conclusions-p19-b", "development cooperation, including in the framework of the Global Flagship"),
        ("conclusions-p15-g", "avoidance of social security contributions, reprioritizing"),
        ("conclusions-p17-g", "ensuring the preservation and portability of acquired entitlements"),
    ],
)
def test_ilo_clauses_split_by_page_breaks_are_rejoined(anchor, joined):
    doc = load("ilc-109-record-7a")
    assert joined in doc.clause(anchor).text


def test_ilo_stray_bold_and_front_matter_are_gone():
    doc = load("ilc-109-record-7a")
    p16 = doc.clause("conclusions-p16")
    assert p16.text.startswith("In giving full effect to the Social Justice Declaration")
    assert "*" not in p16.text
    discarded = " ".join(t for _, t in doc.discarded)
    assert "Record of proceedings" in discarded  # set aside, recorded, not lost
    assert not any("Record of proceedings" in c.text for c in doc.clauses)


def test_ecosoc_page_break_inside_op7_and_footnotes():
    doc = load("e-res-2010-12")
    op7 = doc.clause("op7")
    assert "social development affirmed by the World Summit for Social Development and the twenty-fourth" in op7.text
    assert with_marks(doc.clause("pp1")).startswith(
        "Recalling the outcomes of the World Summit for Social Development[^1] and the twenty-fourth"
    )
    assert with_marks(doc.clause("op1")) == "Takes note with appreciation of the report of the Secretary-General;[^3]"
    # the same footnote cited from two clauses
    assert doc.clause("pp1").footnotes == ("1", "2")
    assert doc.clause("pp2").footnotes == ("1", "2")
    assert doc.footnotes[2].text == "E/CN.5/2010/2."
    assert doc.clause("op1").emphasis == ((0, len("Takes note with appreciation")),)
    closing = [b.text for b in doc.parts[0].items if isinstance(b, Block) and b.kind == "closing"]
    assert closing == ["45th plenary meeting", "22 July 2010"]


def test_ods_seed_callouts_trailer_and_hard_break():
    doc = load("a-res-70-126")
    assert with_marks(doc.clause("pp4")).startswith(
        "Welcoming the fact that the 2030 Agenda for Sustainable Development[^1] reflects"
    )
    assert with_marks(doc.clause("op1")) == "Takes note of the report of the Secretary-General;[^2]"
    assert doc.footnotes[0].text == "Resolution 70/1."
    assert doc.meta.distributed == "2016-02-08"
    assert doc.meta.agenda_item == "28 (b)"
    assert doc.meta.session == "70"
    assert doc.clause("pp1").emphasis == ((0, len("Recognizing")),)
    assert doc.clause("pp3").text.startswith("Recalling also Economic and Social Council resolution 2010/12")
    old = load("a-res-68-131")
    assert (
        "General Assembly resolution 66/122 of 19 December 2011 on promoting social integration through "
        "social inclusion,"
    ) in old.clause("pp3").text
    assert old.clause("pp3").emphasis == ((0, len("Recalling also")),)


def test_escap_points_page_break_and_watermark():
    doc = load("e-escap-res-67-8")
    d = doc.clause("op2-d")
    assert "effective public-private partnerships in order to enhance" in d.text
    assert d.parent == "op2" and d.label == "para. 2 (d)" and d.eid == "para_2__list_1__point_d"
    assert [c.anchor for c in doc.clauses if c.parent == "op1"] == ["op1-a", "op1-b", "op1-c", "op1-d", "op1-e"]
    assert doc.clause("pp4").footnotes == ("1",)
    assert doc.footnotes[0].text.startswith("The Promise of Protection")
    assert any("yunbaogao" in t for _, t in doc.discarded)


@pytest.mark.parametrize(
    "slug", ["e-res-2010-12", "a-res-68-131", "a-res-70-126", "e-escap-res-67-8", "ilc-109-record-7a"]
)
def test_no_junk_and_unique_anchors(slug):
    doc = load(slug)
    anchors = [c.anchor for c in doc.clauses]
    assert len(anchors) == len(set(anchors))
    for c in doc.clauses:
        assert not JUNK.search(c.text), (c.anchor, c.text)
        assert c.text == c.text.strip() and "  " not in c.text
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", c.anchor)
    for f in doc.footnotes:
        assert not JUNK.search(f.text), f.text


@pytest.mark.parametrize(
    "slug, anchor, phrase",
    [
        ("a-res-70-126", "op7", "Also encourages"),
        ("a-res-70-126", "op8", "Further encourages"),
        ("a-res-70-126", "pp7", "Taking note with appreciation"),
        ("a-res-68-131", "pp4", "Recalling further"),
        ("e-escap-res-67-8", "pp9", "Noting with concern"),
        ("e-escap-res-67-8", "op1", "Calls upon"),
        ("a-res-78-113", "pp3", "Taking into account"),  # a GA text of the corpus (not a seed)
    ],
)
def test_opening_verb_phrase_is_italic(slug, anchor, phrase):
    c = load(slug).clause(anchor)
    ((start, end),) = c.emphasis
    assert c.text[start:end] == phrase
