"""render/: Markdown of a document page, printed footnote numbers, home listing, JSON export."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import jinja2
import jsonschema
import markdown
import pytest
from bs4 import BeautifulSoup

from palimpsest.citations import link_document
from palimpsest.model import (
    Block,
    Clause,
    Document,
    DocumentMeta,
    Footnote,
    FootnoteRef,
    Part,
)
from palimpsest.render import (
    SiteContext,
    cite,
    document_record,
    documents_listing,
    index_record,
    render_document,
)
from palimpsest.render.footnote_numbers import FootnoteNumbersExtension
from palimpsest.render.inline import LinkSpan, escape_md, weave

PKG = Path(__file__).resolve().parents[2] / "plugins" / "palimpsest"
CTX = SiteContext(site_url="https://example.org/pal/", repo_url="https://github.com/o/r", repo_branch="main")

META = DocumentMeta(
    slug="a-res-70-126",
    symbol="A/RES/70/126",
    title="Promoting social integration through social inclusion",
    body="General Assembly",
    adopted="2015-12-17",
    official_url="https://undocs.org/A/RES/70/126",
    source="sources/a-res-70-126/source.txt",
    session="70",
)
PP3 = (
    "Recalling also Economic and Social Council resolution 2010/12 of 22 July 2010 on promoting social "
    "integration and General Assembly resolutions 66/122 of 19 December 2011 and 68/131 of 18 December "
    "2013 on promoting social integration through social inclusion,"
)
PP4 = (
    "Welcoming the fact that the 2030 Agenda for Sustainable Development reflects the cross-cutting nature "
    "and importance of social inclusion,"
)
OP1 = "Requests the Secretary-General to report on *progress* [sic] <b>& more</b>, including on:"


def clause(anchor, eid, kind, number, label, text, line, parent=None, emphasis=(), refs=()):
    return Clause(
        anchor=anchor,
        eid=eid,
        kind=kind,
        number=number,
        label=label,
        parent=parent,
        part="",
        text=text,
        line=line,
        emphasis=emphasis,
        footnote_refs=refs,
    )


def sample_doc() -> Document:
    items = (
        Block(kind="formula", text="The General Assembly,", line=8),
        clause("pp3", "preamble__recital_3", "preambular", "3", "preambular para. 3", PP3, 11, emphasis=((0, 14),)),
        # printed notes 4 and 7, the 7 called before the 4
        clause(
            "pp4",
            "preamble__recital_4",
            "preambular",
            "4",
            "preambular para. 4",
            PP4,
            12,
            emphasis=((0, 9),),
            refs=(FootnoteRef(67, "7"), FootnoteRef(len(PP4) - 1, "4")),
        ),
        clause("op1", "para_1", "operative", "1", "para. 1", OP1, 20, emphasis=((0, 8),)),
        clause("op1-a", "para_1__list_1__point_a", "point", "a", "para. 1 (a)", "the first thing;", 21, parent="op1"),
        clause(
            "op1-a-i",
            "para_1__list_1__point_a__list_1__point_i",
            "point",
            "i",
            "para. 1 (a) (i)",
            "a sub-point;",
            22,
            parent="op1-a",
        ),
        clause(
            "op1-b", "para_1__list_1__point_b", "point", "b", "para. 1 (b)", "2030. the second thing", 23, parent="op1"
        ),
        clause("op2", "para_2", "operative", "2", "para. 2", "Decides to continue.", 24, emphasis=((0, 7),)),
        Block(kind="closing", text="80th plenary meeting", line=30),
        Block(kind="closing", text="17 December 2015", line=31),
    )
    notes = (Footnote("4", "Resolution 70/1.", 40), Footnote("7", "A/70/179.", 41))
    doc = Document(meta=META, parts=(Part(slug="", title=None, items=items),), footnotes=notes)
    return link_document(doc, {"A/RES/68/131": "a-res-68-131", "A/RES/70/126": "a-res-70-126"})


def to_html(md_text: str) -> BeautifulSoup:
    body = md_text.split("---\n", 2)[2]  # front matter off
    html = markdown.markdown(
        body, extensions=["footnotes", "attr_list", "md_in_html", "toc", FootnoteNumbersExtension()]
    )
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def page():
    return render_document(sample_doc(), CTX)


@pytest.fixture(scope="module")
def soup(page):
    return to_html(page.markdown)


def test_escape_md_round_trips_markdown_syntax():
    text = "a *b* _c_ [d](e) <f> & `g` # {h} \\"
    html = markdown.markdown(escape_md(text))
    assert BeautifulSoup(html, "html.parser").get_text() == text


def test_weave_spans_and_line_start():
    md = weave("2030. Recalling x", emphasis=[(6, 15)], notes=[(17, "3")], links=[LinkSpan(16, 17, "u.md")])
    assert md == "2030\\. <em>Recalling</em> [x](u.md)[^3]"


def test_weave_drops_a_link_crossing_italics_and_moves_notes_out_of_links():
    md = weave("abcdef", emphasis=[(0, 3)], links=[LinkSpan(2, 5, "u")])
    assert md == "<em>abc</em>def"
    md = weave("abcdef", notes=[(3, "1")], links=[LinkSpan(2, 5, "u")])
    assert md == "ab[cde](u)[^1]f"


def test_unknown_footnote_numbers_are_plain_superscripts():
    assert weave("ab", notes=[(2, "9")], known_notes={"1"}) == "ab<sup>9</sup>"


def test_clause_ids_eids_and_nesting(soup):
    ids = [d["id"] for d in soup.select("div.pal-clause")]
    assert ids == ["pp3", "pp4", "op1", "op1-a", "op1-a-i", "op1-b", "op2"]
    assert soup.find(id="op1-a-i").parent["id"] == "op1-a"
    assert soup.find(id="op1-b").parent["id"] == "op1"
    assert soup.find(id="op2").parent["class"] == ["pal-document"]
    assert soup.find(id="pp4")["data-eid"] == "preamble__recital_4"


def test_opening_verb_in_italics_and_text_escaped(soup):
    assert soup.select_one("#pp3 > p > em").get_text() == "Recalling also"
    op1 = soup.select_one("#op1 > p")
    assert op1.select_one(".pal-num").get_text() == "1."
    assert "*progress* [sic] <b>& more</b>" in op1.get_text()
    assert op1.find("b") is None
    assert soup.select_one("#op1-b > p").get_text().startswith("(b) 2030. the second thing")


def test_permalink_and_citation_text(soup):
    assert soup.select_one("#op1-a > p > a.pal-permalink")["href"] == "#op1-a"
    div = soup.find(id="op1-a")
    # a clause carries its label only; the page's citation data makes every format of it
    assert label(div) == "para. 1 (a)" and not any(k.startswith("data-pin") for k in div.attrs)
    data = json.loads(soup.find("script", id="pal-cite").string)
    short = next(f["template"] for f in data["formats"] if f["id"] == "short")
    url = data["url"] + "#op1-a"
    assert cite.fill(short, cite.clause_values(label(div), url)) == (
        "A/RES/70/126, para. 1 (a) \u2014 https://example.org/pal/a-res-70-126/#op1-a"
    )
    # the "Cite" button is the script's: no dead button with JavaScript off
    assert soup.select("button") == []


def label(div) -> str:
    """A clause's label: the accessible name of its number (what the page script cites)."""
    return div.select_one(".pal-num")["aria-label"]


def test_citation_links(soup):
    links = {a.get_text(): a for a in soup.select("#pp3 a.pal-ref")}
    assert links["68/131"]["href"] == "../a-res-68-131/"  # the page's URL: the clauses are HTML already
    assert "pal-ref--corpus" in links["68/131"]["class"]
    assert links["General Assembly resolutions 66/122"]["href"] == "https://undocs.org/A/RES/66/122"
    assert links["Economic and Social Council resolution 2010/12"]["title"] == "E/RES/2010/12"
    # a footnote text is linked as well
    assert soup.select_one("#fn\\:4 a.pal-ref")["href"] == "https://undocs.org/A/RES/70/1"


def test_footnotes_keep_printed_numbers(soup):
    refs = [(a["href"], a.get_text()) for a in soup.select("#pp4 sup a.footnote-ref")]
    assert refs == [("#fn:7", "7"), ("#fn:4", "4")]
    items = soup.select("div.footnote > ol > li")
    assert [(li["id"], li["value"]) for li in items] == [("fn:4", "4"), ("fn:7", "7")]
    assert "A/70/179." in items[1].get_text()
    assert items[1].select_one("a.footnote-backref")["title"] == "Jump back to footnote 7 in the text"


def test_blocks_and_header(soup, page):
    assert soup.select_one(".pal-formula").get_text(strip=True) == "The General Assembly,"
    assert [d.get_text(strip=True) for d in soup.select(".pal-closing")] == ["80th plenary meeting", "17 December 2015"]
    assert soup.h1.get_text() == META.title
    assert 'datetime="2015-12-17">17 December 2015<' in page.markdown
    assert 'href="https://github.com/o/r/blob/main/sources/a-res-70-126/source.txt"' in page.markdown
    assert 'href="https://undocs.org/A/RES/70/126"' in page.markdown
    assert page.markdown.startswith('---\ntitle: "A/RES/70/126 — Promoting social')


def test_page_meta(page):
    meta = page.meta
    assert meta["edit_url"] == "https://github.com/o/r/tree/main/sources/a-res-70-126"
    assert meta["clauses"]["op1-a"]["citation"].endswith("a-res-70-126/#op1-a")
    assert meta["eids"]["para_1__list_1__point_a"] == "op1-a"
    assert meta["adopted"] == "2015-12-17" and meta["draft"] is False
    # no aside markers without data for them
    assert '<aside class="pal-aside"' not in page.markdown


def test_extras_reach_page_meta_and_export():
    doc = sample_doc()
    view = {
        "new": False,
        "summary": "Evolved from A/RES/68/131 para. 1",
        "marker": "↰ A/RES/68/131",
        "page": "lineage/#op1",
    }
    # op2 shares no wording: no aside
    extras = {"op1": {"lineage": view}, "op2": {"lineage": {**view, "marker": "", "page": ""}}}
    page = render_document(doc, CTX, extras)
    assert page.meta["clauses"]["op1"]["lineage"]["marker"] == "↰ A/RES/68/131"
    # one marker, right after the paragraph of op1, before its points
    assert page.markdown.count('<aside class="pal-aside"') == 1
    soup = to_html(page.markdown)
    marker = soup.select_one("#op1 > aside.pal-aside")
    assert marker["data-anchor"] == "op1" and marker.find_previous_sibling("p") is not None
    assert marker.find_next_sibling("div")["id"] == "op1-a"
    assert document_record(doc, CTX, {"op1": {"evolved_from": ["a-res-68-131#op1"]}})["clauses"][2]["evolved_from"]


def draft_doc() -> Document:
    meta = DocumentMeta(
        slug="a-c-3-80-l-10",
        symbol="A/C.3/80/L.10",
        title="Promoting social integration",
        body="General Assembly, Third Committee",
        adopted="",
        official_url="",
        source="sources/a-c-3-80-l-10/source.txt",
        dated="2025-10-14",
        status="draft",
    )
    c = clause("op1", "para_1", "operative", "1", "para. 1", "Calls upon States to act.", 10)
    return Document(meta=meta, parts=(Part(slug="", title=None, items=(c,)),), footnotes=())


def test_draft_header():
    page = render_document(draft_doc(), CTX)
    soup = BeautifulSoup(page.markdown.split("---\n", 2)[2], "html.parser")
    header = soup.select_one("header.pal-header")
    assert "pal-header--draft" in header["class"]
    assert header.select_one(".pal-badge--draft").get_text() == "Draft"
    assert "Adopted" not in header.get_text()
    assert header.select_one("time")["datetime"] == "2025-10-14"
    assert header.select_one("a.pal-official")["href"] == "https://undocs.org/A/C.3/80/L.10"
    assert page.meta["adopted"] is None


def schema(name: str) -> dict:
    return json.loads((PKG / "schemas" / name).read_text(encoding="utf-8"))


def test_export_matches_schemas():
    docs = [sample_doc(), draft_doc()]
    index = index_record(docs, CTX)
    jsonschema.validate(index, schema("index.schema.json"))
    assert [d["slug"] for d in index["documents"]] == ["a-res-70-126", "a-c-3-80-l-10"]
    assert index["documents"][1]["adopted"] is None
    assert index["documents"][0]["data"] == "api/a-res-70-126.json"
    for doc in docs:
        jsonschema.validate(document_record(doc, CTX), schema("document.schema.json"))
    rec = document_record(docs[0], CTX)
    pp4 = rec["clauses"][1]
    assert pp4["footnotes"] == ["7", "4"]
    assert rec["clauses"][0]["citations"][2] == {
        "text": "68/131",
        "symbol": "A/RES/68/131",
        "document": "a-res-68-131",
        "url": "a-res-68-131/",
        "start": 174,
        "end": 180,
    }


def test_export_schema_rejects_a_broken_record():
    rec = document_record(sample_doc(), CTX)
    del rec["clauses"][0]["anchor"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(rec, schema("document.schema.json"))


def test_home_summary_by_body_and_session():
    html = documents_listing([sample_doc(), draft_doc()], CTX)
    soup = BeautifulSoup(html, "html.parser")
    assert "2 documents, 8 citable clauses." in soup.get_text()
    heads = [h.get_text(" ", strip=True) for h in soup.select("h2")]
    assert heads[0].startswith("General Assembly ") and heads[1].startswith("General Assembly, Third Committee")
    links = [a["href"] for a in soup.select("a")]
    assert "browse/general-assembly/" in links and any(
        h.startswith("browse/general-assembly/") and h != "browse/general-assembly/" for h in links
    )


def test_aside_partial_renders_only_with_data():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(PKG / "templates")))
    tpl = env.get_template("partials/palimpsest/clause-aside.html")
    base = {"anchor": "op1", "eid": "para_1", "label": "para. 1", "kind": "operative", "citation": "x"}
    assert tpl.render(clause=base, document={}).strip() == ""
    note = {
        "anchor": "op1",
        "id": "op1-note",
        "html": "<p>Hello</p>",
        "author": "Ana",
        "sources": [],
        "edit_url": "https://github.com/o/r/edit/main/sources/s/annotations.md",
    }
    lineage = {
        "new": False,
        "summary": "Evolved from A/RES/68/131 para. 1 (93%)",
        "evolved_from": [
            {
                "symbol": "A/RES/68/131",
                "label": "para. 1",
                "url": "../a-res-68-131/#op1",
                "percent": 93,
                "origin": "computed",
                "date": "2013",
                "document": "a-res-68-131",
                "anchor": "op1",
                "diff": [
                    {"op": "equal", "text": "Takes"},
                    {"op": "delete", "text": "old"},
                    {"op": "insert", "text": "new"},
                ],
            }
        ],
        "carried_into": [],
    }
    # the lineage page renders the whole view (clause-lineage.html) …
    full = env.get_template("partials/palimpsest/clause-lineage.html").render(clause={**base, "lineage": lineage})
    soup = BeautifulSoup(full, "html.parser")
    assert soup.select_one(".pal-lineage a[href='../a-res-68-131/#op1']") is not None
    assert soup.find("del").get_text(strip=True) == "old" and soup.find("ins").get_text(strip=True) == "new"
    assert "93%" in soup.get_text()
    # … the document page a marker that links to it, and the note
    side = {"new": False, "summary": lineage["summary"], "marker": "↰ 93% · A/RES/68/131", "page": "lineage/#op1"}
    html = tpl.render(clause={**base, "note": note, "lineage": side}, document={})
    soup = BeautifulSoup(html, "html.parser")
    marker = soup.select_one(".pal-aside > a.pal-marker")
    assert marker["href"] == "lineage/#op1" and marker.get_text() == "Lineage of para. 1: ↰ 93% · A/RES/68/131"
    assert soup.select_one(".pal-lineage") is None and soup.find("del") is None
    assert "Hello" in soup.get_text()
    assert soup.find(id="op1-note").find("a", string="Edit this note")["href"] == note["edit_url"]
    # a clause that shares no wording and has no note: nothing
    quiet = {**side, "marker": "", "page": ""}
    assert tpl.render(clause={**base, "lineage": quiet}, document={}).strip() == ""


def test_every_clause_number_in_the_margin(soup):
    """Preambular paragraphs too: "PP3", as the citation says "preambular para. 3"; the number
    is the clause's permalink."""
    nums = {d["id"]: d.select_one(":scope > p > a.pal-num") for d in soup.select("div.pal-clause")}
    assert {k: a.get_text() for k, a in nums.items()} == {
        "pp3": "PP3",
        "pp4": "PP4",
        "op1": "1.",
        "op1-a": "(a)",
        "op1-a-i": "(i)",
        "op1-b": "(b)",
        "op2": "2.",
    }
    assert all(a["href"] == f"#{k}" and "pal-permalink" in a["class"] for k, a in nums.items())
    assert soup.find(id="pp3").select_one(":scope > p > a.pal-num")["aria-label"] == "preambular para. 3"


def test_citation_pinpoints_from_the_rules_the_page_carries(soup):
    """The page script applies the pinpoint rules of the page's citation data in order
    (JavaScript's replace with a global RegExp; the patterns read alike in Python)."""
    rules = json.loads(soup.find("script", id="pal-cite").string)["pins"]

    def apply(style: str, label: str) -> str:
        for pattern, replacement in rules[style]:
            label = re.sub(pattern, replacement, label)
        return label

    assert apply("oscola", label(soup.find(id="op1-a"))) == "para 1(a)" == cite.pin_oscola("para. 1 (a)")
    assert apply("bluebook", label(soup.find(id="op1-a"))) == "¶ 1(a)"
    assert apply("bluebook", label(soup.find(id="pp3"))) == "pmbl. ¶ 3"
    assert apply("oscola", "conclusions, para. 14 (a)") == "conclusions para 14(a)"


def test_citation_formats_follow_the_documented_rules():
    from palimpsest.render import cite

    doc = sample_doc()
    url = "https://example.org/pal/a-res-70-126/#op4"
    got = cite.citations(doc.meta, "para. 4", url)
    assert got == {
        "short": f"A/RES/70/126, para. 4 — {url}",
        "full": f"General Assembly resolution 70/126, “{doc.meta.title}”, A/RES/70/126, adopted on 17 December 2015, para. 4 — {url}",
        "oscola": "UNGA Res 70/126 (17 December 2015) UN Doc A/RES/70/126, para 4.",
        "bluebook": "G.A. Res. 70/126, ¶ 4 (Dec. 17, 2015).",
        "link": url,
    }
    assert cite.citations(doc.meta, "preambular para. 3", url)["oscola"].endswith(", preambular para 3.")
    assert (
        cite.citations(doc.meta, "conclusions, para. 14 (a)", url)["bluebook"]
        == "G.A. Res. 70/126, conclusions ¶ 14(a) (Dec. 17, 2015)."
    )
    draft = cite.citations(draft_doc().meta, "para. 1", "u")
    assert draft["oscola"] == (
        "General Assembly, Third Committee, ‘Draft resolution: Promoting social integration’ "
        "(14 October 2025) UN Doc A/C.3/80/L.10, para 1."
    )
    assert draft["bluebook"] == (
        "General Assembly, Third Committee, Draft Resolution, Promoting social integration, ¶ 1, "
        "U.N. Doc. A/C.3/80/L.10 (Oct. 14, 2025)."
    )
    assert draft["full"] == (
        "General Assembly, Third Committee, draft resolution, “Promoting social integration”, "
        "A/C.3/80/L.10, dated 14 October 2025, para. 1 — u"
    )
    assert cite.resolution_number("A/RES/217(III)") == "217 (III)"
    assert cite.resolution_number("S/RES/2334 (2016)") == "2334 (2016)"
    assert cite.resolution_number("ILC.109/Record No. 7A") is None
    # a title with braces is text, not a placeholder
    tricky = dataclasses.replace(doc.meta, title="On {url} and {label}")
    assert "“On {url} and {label}”" in cite.citations(tricky, "para. 4", url)["full"]


def test_page_carries_the_citation_formats_once():
    page = render_document(sample_doc(), CTX)
    soup = BeautifulSoup(page.markdown.split("---\n", 2)[2], "html.parser")
    scripts = soup.select("script#pal-cite")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["url"] == "https://example.org/pal/a-res-70-126/"
    assert [f["id"] for f in data["formats"]] == ["short", "full", "oscola", "bluebook", "link"]
    assert page.meta["cite"] == data


def test_header_escapes_contributor_values():
    doc = sample_doc()
    evil = dataclasses.replace(doc.meta, body="Assembly <script>alert(1)</script>", symbol='A/RES/70/126"><b>x')
    page = render_document(dataclasses.replace(doc, meta=evil), CTX)
    body = page.markdown.split("---\n", 2)[2]
    assert "<script>alert(1)" not in body and "<b>x" not in body
    soup = BeautifulSoup(body, "html.parser")
    assert soup.select_one("header.pal-header")["data-symbol"] == 'A/RES/70/126"><b>x'
    assert "Assembly <script>alert(1)</script>" in soup.select_one("header.pal-header").get_text()
    json.loads(soup.select_one("script#pal-cite").string)  # still valid JSON, no early </script>
    assert "</script>" not in soup.select_one("script#pal-cite").string
