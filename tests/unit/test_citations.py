"""citations.py on clause texts copied verbatim from the seed sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from seeds import seed_corpus

from palimpsest.citations import find_citations, link_document, link_text, symbol_index
from palimpsest.model import Clause, Document, DocumentMeta, Part

ROOT = Path(__file__).resolve().parents[2]


def meta(slug: str, symbol: str, body: str = "General Assembly") -> DocumentMeta:
    return DocumentMeta(
        slug=slug,
        symbol=symbol,
        title="t",
        body=body,
        adopted="2015-12-17",
        official_url=f"https://undocs.org/{symbol}",
        source=f"sources/{slug}/source.txt",
    )


GA = meta("a-res-70-126", "A/RES/70/126")
ESCAP = meta("e-escap-res-67-8", "E/ESCAP/RES/67/8", "Economic and Social Commission for Asia and the Pacific")
ECOSOC = meta("e-res-2010-12", "E/RES/2010/12", "Economic and Social Council")
ILC = meta("ilc-109-record-7a", "ILC.109/Record No. 7A", "International Labour Conference")

PP3_70_126 = (
    "Recalling also Economic and Social Council resolution 2010/12 of 22 July 2010 on promoting social "
    "integration and General Assembly resolutions 66/122 of 19 December 2011 and 68/131 of 18 December "
    "2013 on promoting social integration through social inclusion,"
)


def in_source(slug: str, fragment: str) -> bool:
    folder = ROOT / "sources" / slug
    text = " ".join(next(folder.glob("source.*")).read_text(encoding="utf-8").split())
    return fragment in text


def symbols(text: str, m: DocumentMeta = GA) -> list[tuple[str, str]]:
    return [(printed, symbol) for printed, _s, _e, symbol in find_citations(text, m)]


def test_seed_text_is_real():
    assert in_source("a-res-70-126", PP3_70_126)


def test_list_with_dates_and_two_bodies():
    assert symbols(PP3_70_126) == [
        ("Economic and Social Council resolution 2010/12", "E/RES/2010/12"),
        ("General Assembly resolutions 66/122", "A/RES/66/122"),
        ("68/131", "A/RES/68/131"),
    ]


def test_offsets_point_at_the_printed_words():
    for printed, start, end, _ in find_citations(PP3_70_126, GA):
        assert PP3_70_126[start:end] == printed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A/RES/80/178 and siblings
        (
            "Reaffirming its resolution 70/1 of 25 September 2015, entitled “Transforming our world",
            [("resolution 70/1", "A/RES/70/1")],
        ),
        ("Recalling its resolution 74/4 of 15 October 2019, in which it endorsed", [("resolution 74/4", "A/RES/74/4")]),
        (
            "General Assembly resolution 64/135 of 18 December 2009 and resolution 65/1",
            [("General Assembly resolution 64/135", "A/RES/64/135"), ("resolution 65/1", "A/RES/65/1")],
        ),
        ("General Assembly resolution S-24/2, annex", [("General Assembly resolution S-24/2", "A/RES/S-24/2")]),
        (
            "Recalling its resolutions 47/90 of 16 December 1992, 49/155 of 23 December 1994 and 50/10",
            [("resolutions 47/90", "A/RES/47/90"), ("49/155", "A/RES/49/155"), ("50/10", "A/RES/50/10")],
        ),
        ("reaffirms its resolution 54/237 C of 23 December 1999;", [("resolution 54/237 C", "A/RES/54/237C")]),
        (
            "in particular Security Council resolution 2250 (2015) of 9 December 2015",
            [("Security Council resolution 2250 (2015)", "S/RES/2250(2015)")],
        ),
        (
            "Economic and Social Council resolutions 2016/7 and 2016/8, of",
            [("Economic and Social Council resolutions 2016/7", "E/RES/2016/7"), ("2016/8", "E/RES/2016/8")],
        ),
        ("Human Rights Council resolution 35/19", [("Human Rights Council resolution 35/19", "A/HRC/RES/35/19")]),
    ],
)
def test_general_assembly_texts(text, expected):
    assert symbols(text) == expected


def test_not_resolutions():
    text = (
        "[on the report of the Third Committee (A/78/472)] the Social Protection Floors Recommendation, "
        "2012 (No. 202), chap. I, resolution 1, annexes I and II; in 2030 and 78/2023; "
        "Commission on the Status of Women resolution 60/2; Statistical Commission resolution 47/101"
    )
    assert symbols(text) == []


def test_escap_text_cites_its_own_resolutions():
    text = "Recalling resolution 66/14 and Commission resolution 64/4, and General Assembly resolution 65/1"
    assert symbols(text, ESCAP) == [
        ("resolution 66/14", "E/ESCAP/RES/66/14"),
        ("Commission resolution 64/4", "E/ESCAP/RES/64/4"),
        ("General Assembly resolution 65/1", "A/RES/65/1"),
    ]
    # ... while in a General Assembly text the same words mean the Assembly's resolution
    assert symbols("Recalling resolution 66/14", GA) == [("resolution 66/14", "A/RES/66/14")]


def test_escap_seed_clause():
    text = (
        "Recalling also Economic and Social Council resolution 2010/12 of 22 July 2010, in which the "
        "Council, among other things, recognized that social protection is an investment in people"
    )
    assert in_source("e-escap-res-67-8", text)
    assert symbols(text, ESCAP) == [("Economic and Social Council resolution 2010/12", "E/RES/2010/12")]


def test_ecosoc_text():
    text = "Recalling all resolutions pertaining to social development, including General Assembly resolution 64/135 of 18 December 2009,"
    assert in_source("e-res-2010-12", text.replace("Recalling", "*Recalling*"))
    assert symbols(text, ECOSOC) == [("General Assembly resolution 64/135", "A/RES/64/135")]
    assert symbols("Recalling its resolution 2008/19", ECOSOC) == [("resolution 2008/19", "E/RES/2008/19")]


def test_ilc_text_has_no_numbered_resolutions():
    text = (
        "Recalling the resolution concerning the first recurrent discussion on social protection (social "
        "security) adopted by the International Labour Conference (hereinafter the Conference) at its 100th "
        "Session in 2011, and the subsequently adopted Social Protection Floors Recommendation, 2012 (No. 202)"
    )
    assert symbols(text, ILC) == []


def test_link_text_in_corpus_and_official():
    cites = link_text(PP3_70_126, GA, {"A/RES/68/131": "a-res-68-131", "E/RES/2010/12": "e-res-2010-12"})
    assert [(c.symbol, c.document, c.url) for c in cites] == [
        ("E/RES/2010/12", "e-res-2010-12", "e-res-2010-12/"),
        ("A/RES/66/122", None, "https://undocs.org/A/RES/66/122"),
        ("A/RES/68/131", "a-res-68-131", "a-res-68-131/"),
    ]


def test_link_document_returns_a_new_document():
    clause = Clause(
        anchor="pp3",
        eid="preamble__recital_3",
        kind="preambular",
        number="3",
        label="preambular para. 3",
        parent=None,
        part="",
        text=PP3_70_126,
        line=11,
        emphasis=((0, 14),),
    )
    doc = Document(meta=GA, parts=(Part(slug="", title=None, items=(clause,)),), footnotes=())
    other = Document(meta=meta("a-res-68-131", "A/RES/68/131"), parts=(), footnotes=())
    linked = link_document(doc, symbol_index([doc, other]))
    assert doc.clauses[0].citations == ()  # the input is untouched
    cites = linked.clauses[0].citations
    assert [c.document for c in cites] == [None, None, "a-res-68-131"]
    assert cites[2].text == "68/131" and PP3_70_126[cites[2].start : cites[2].end] == "68/131"


def test_self_citation_links_to_the_official_text():
    cites = link_text("Recalling its resolution 70/126", GA, {"A/RES/70/126": "a-res-70-126"})
    assert cites[0].document is None and cites[0].url == "https://undocs.org/A/RES/70/126"


def test_footnotes_and_blocks_are_linked_by_the_citation_stage():
    """The one citation stage links footnotes and blocks too, so their links reach the model and
    the JSON export, not only the page."""
    from palimpsest.render import SiteContext, document_record

    docs, _ = seed_corpus()
    index = symbol_index(docs)
    doc = link_document(next(d for d in docs if d.slug == "a-res-70-126"), index)
    note = next(f for f in doc.footnotes if f.number == "1")
    assert note.text == "Resolution 70/1." and [c.symbol for c in note.citations] == ["A/RES/70/1"]
    record = document_record(doc, SiteContext())
    assert record["footnotes"][0]["citations"][0]["url"] == "https://undocs.org/A/RES/70/1"
