"""Each step of the text pipeline on its own, the table of bodies, metadata from the text,
robustness (CRLF, BOM, re-wrapped lines, a page break moved) and the no-silent-loss
regressions of issue 12 that live in the ingest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from palimpsest.errors import SourceError
from palimpsest.ingest import IngestCrash, bodies, ingest_text, load_corpus, load_document, read_source
from palimpsest.ingest.callouts import mark_callouts
from palimpsest.ingest.derive import derive_metadata, meta_from_fields, slug_for
from palimpsest.ingest.pages import furniture, split_pages
from palimpsest.ingest.raw import FN_TOKEN_RE, RawBlock
from palimpsest.model import Footnote

ROOT = Path(__file__).resolve().parents[2]
MORE = ROOT / "tests" / "fixtures" / "corpus-more"
GA = ROOT / "tests" / "fixtures" / "corpus-ga"


def _marks(texts: list[str], notes: list[str]) -> list[str]:
    blocks = [RawBlock(text=t, line=k + 1) for k, t in enumerate(texts)]
    mark_callouts(blocks, [Footnote(number=n, text="x", line=100 + k) for k, n in enumerate(notes)])
    return [FN_TOKEN_RE.sub(lambda m: f"[^{m.group(1)}]", b.text) for b in blocks]


# --- call-outs: the order of the notes is the evidence ------------------------------------


def test_callout_glued_to_a_resolution_number_by_note_order():
    out = _marks(
        [
            "Recalling the report of the Group,8 pursuant to its resolution 59/3009 and the reports,10 "
            "and resolution 70/1 of 25 September 2015,"
        ],
        ["8", "9", "10"],
    )
    assert out == [
        "Recalling the report of the Group,[^8] pursuant to its resolution 59/300[^9] and the "
        "reports,[^10] and resolution 70/1 of 25 September 2015,"
    ]


def test_a_number_stays_a_number_when_no_note_is_due():
    out = _marks(["Recalling its resolution 70/1 and resolution 59/3009,"], [])
    assert out == ["Recalling its resolution 70/1 and resolution 59/3009,"]
    out = _marks(["in resolution 59/3009 of 2005, and the Agenda,9"], ["9"])
    assert out == ["in resolution 59/3009 of 2005, and the Agenda,[^9]"]  # a plain call-out of 9 follows


def test_callouts_glued_to_a_year_and_after_a_year():
    out = _marks(
        [
            "the Convention governing refugee problems in Africa of 19691 and the Charter,2",
            "the Framework of September 2016 7 and the report,8",
        ],
        ["1", "2", "7", "8"],
    )
    assert out == [
        "the Convention governing refugee problems in Africa of 1969[^1] and the Charter,[^2]",
        "the Framework of September 2016[^7] and the report,[^8]",
    ]


def test_callouts_of_three_digits_glued_to_a_year():
    out = _marks(
        ["the Protocol for the Pacific against Pollution115 and the Economy beyond 2030116 and the Agenda,117"],
        ["115", "116", "117"],
    )
    assert out == [
        "the Protocol for the Pacific against Pollution[^115] and the Economy beyond 2030[^116] and the Agenda,[^117]"
    ]


def test_callout_glued_to_a_name_with_a_number_the_text_uses():
    out = _marks(
        ["Recalling COVID-19 recovery plans,14", "the Group on COVID-1915 and commits to act,"],
        ["14", "15"],
    )
    assert out == ["Recalling COVID-19 recovery plans,[^14]", "the Group on COVID-19[^15] and commits to act,"]
    # without the note due, "1915" after a name stays as printed
    assert _marks(["the Group on COVID-1915 and commits to act,"], []) == [
        "the Group on COVID-1915 and commits to act,"
    ]


def test_a_lost_note_does_not_lose_the_later_callouts():
    out = _marks(["the Declaration,1 the Programme of Action,3 and the Agenda,4"], ["1", "2", "3", "4"])
    assert out == ["the Declaration,[^1] the Programme of Action,[^3] and the Agenda,[^4]"]


def test_a_note_never_called_is_found_once_between_its_neighbours():
    out = _marks(
        ["the report,19 and the decision 20 on funding, and the Agenda,21 held on 18 and 19 May"], ["19", "20", "21"]
    )
    assert out == ["the report,[^19] and the decision[^20] on funding, and the Agenda,[^21] held on 18 and 19 May"]


def test_dates_and_ranges_are_not_callouts():
    out = _marks(["in which it proclaimed 3 March World Wildlife Day, held from 8 to 17 July 2024,3"], ["3"])
    assert out == ["in which it proclaimed 3 March World Wildlife Day, held from 8 to 17 July 2024,[^3]"]


def test_a_mark_whose_note_is_missing_is_reported_not_left_in_the_text():
    text = (GA / "A-RES-78-185.txt").read_text("utf-8")
    text = text.replace("Peoples’ Rights,2", "Peoples’ Rights,2 and the Secretary-General;42")
    doc, _raw, errors = ingest_text(
        text, "x.txt", lambda raw: meta_from_fields(derive_metadata(raw, text)[0], "x", "x.txt")
    )
    assert doc is not None
    assert not any("Secretary-General;42" in c.text for c in doc.clauses)
    assert any(e.problem == "Footnote mark 42 has no footnote text." and e.line > 1 for e in errors)


def test_a_list_quoted_inside_a_paragraph_keeps_the_numbering_going():
    text = (GA / "A-RES-78-223.txt").read_text("utf-8")  # a kept fixture: missing is a failure, not a skip
    doc, _raw, errors = ingest_text(
        text, "x.txt", lambda r: meta_from_fields(derive_metadata(r, text)[0], "x", "x.txt")
    )
    assert not errors
    ops = [c.number for c in doc.parts[0].items if getattr(c, "kind", "") == "operative"]
    assert ops == [str(k) for k in range(1, len(ops) + 1)] and "12" in ops
    assert any(b.kind == "note" and b.text.startswith("1. Opening of the Congress") for b in doc.parts[0].items)


def test_a_quoted_list_before_a_heading_and_a_number_glued_under_its_paragraph():
    """A/RES/79/1, annex I: paragraph 7 quotes the objectives 1.–5., then "Principles" heads
    paragraph 8; "13. We commit…" is printed right under the last line of paragraph 12."""
    text = (GA / "A-RES-79-1.txt").read_text("utf-8")  # a kept fixture: missing is a failure, not a skip
    doc, _raw, errors = ingest_text(
        text, "x.txt", lambda r: meta_from_fields(derive_metadata(r, text)[0], "x", "x.txt")
    )
    assert not errors
    annex = next(p for p in doc.parts if p.title == "Annex I")
    items = list(annex.items)
    nums = [i.number for i in items if getattr(i, "kind", "") in ("operative", "paragraph")]
    assert nums[:20] == [str(k) for k in range(1, 21)]
    seven = next(k for k, i in enumerate(items) if getattr(i, "number", "") == "7")
    quoted = [i.text[:2] for i in items[seven + 1 : seven + 6]]
    assert quoted == ["1.", "2.", "3.", "4.", "5."] and all(i.kind == "note" for i in items[seven + 1 : seven + 6])
    twelve = next(i for i in items if getattr(i, "number", "") == "12")
    assert twelve.text.endswith("retain talent.")


# --- pages and furniture ------------------------------------------------------------------


def test_furniture_by_repetition_across_pages():
    text = (
        "S/RES/1 (2020)\nThe Security Council,\nRecalling its resolutions,\n1. Decides to act;\n20-01234\n"
        "\fS/RES/1 (2020)\n2/3\n2. Requests the report;\n3. Decides to remain seized of the matter.\n20-01234\n"
        "\fS/RES/1 (2020)\n3/3\n4.\nDecides also;\n"
    )
    pages = split_pages(text)
    assert len(pages) == 3
    lines = {line.number: line.text for p in pages for line in p}
    furn = {lines[n] for n in furniture(pages)}
    assert furn == {"S/RES/1 (2020)", "20-01234", "2/3", "3/3"}
    assert "4." not in furn  # a paragraph number alone at a page top is never furniture


# --- bodies -------------------------------------------------------------------------------


def test_bodies_table():
    sc = bodies.body_for_symbol("S/RES/2334 (2016)")
    assert sc is not None and sc.name == "Security Council"
    body, found = bodies.adoption("Adopted by the Security Council at its 7853rd meeting, on 23 December 2016")
    assert body.name == "Security Council" and found == {"meeting": "7853rd", "date": "23 December 2016"}
    assert bodies.official_url("S/RES/2334 (2016)") == "https://undocs.org/S/RES/2334 (2016)"
    assert bodies.official_url("WHA77.1") == "https://apps.who.int/gb/ebwha/pdf_files/WHA77/A77_R1-en.pdf"
    assert bodies.official_url("ILC.109/Record No. 7A") == ""
    assert bodies.body_for_symbol("A/HRC/RES/55/1").name == "Human Rights Council"
    for formula in ("The Security Council,", "The Human Rights Council,", "The Seventy-seventh World Health Assembly,"):
        assert bodies.formula_re().match(formula), formula


def test_every_body_is_data():
    names = [b.name for b in bodies.bodies()]
    for name in (
        "General Assembly",
        "Security Council",
        "Economic and Social Council",
        "Human Rights Council",
        "UNESCO General Conference",
        "International Labour Conference",
        "World Health Assembly",
    ):
        assert name in names
    for b in bodies.bodies():
        assert b.symbols and b.formulas


# --- paged text (pdftotext) -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, symbol, adopted, pp, op",
    [
        ("S-RES-1373-2001.txt", "S/RES/1373 (2001)", "2001-09-28", 10, 9),
        ("S-RES-1441-2002.txt", "S/RES/1441 (2002)", "2002-11-08", 18, 14),
        ("S-RES-1701-2006.txt", "S/RES/1701 (2006)", "2006-08-11", 10, 19),
        ("S-RES-2250-2015.txt", "S/RES/2250 (2015)", "2015-12-09", 18, 22),
        ("S-RES-2565-2021.txt", "S/RES/2565 (2021)", "2021-02-26", 17, 14),
        ("S-RES-2623-2022.txt", "S/RES/2623 (2022)", "2022-02-27", 2, 1),
        ("S-RES-1160-1998.txt", "S/RES/1160 (1998)", "1998-03-31", 8, 20),
        ("S-RES-2249-2015.txt", "S/RES/2249 (2015)", "2015-11-20", 10, 8),  # a date stamp alone at a page foot
        ("S-RES-2401-2018.txt", "S/RES/2401 (2018)", "2018-02-24", 13, 13),
        ("S-RES-2117-2013.txt", "S/RES/2117 (2013)", "2013-09-26", 23, 21),  # numbers glued / after the first line
    ],
)
def test_security_council_pdftotext(name, symbol, adopted, pp, op):
    text = (MORE / name).read_text("utf-8")
    raw = read_source(text, name)
    fields, _missing = derive_metadata(raw, text)
    assert fields["symbol"] == symbol and fields["body"] == "Security Council" and fields["adopted"] == adopted
    doc, _raw, errors = ingest_text(text, name, lambda r: meta_from_fields(fields, slug_for(symbol), name))
    main = doc.parts[0].items
    assert sum(1 for c in main if c.kind == "preambular") == pp
    assert sum(1 for c in main if c.kind == "operative") == op


def test_paragraph_number_printed_after_the_first_line():
    name = "A-RES-64-292.txt"
    text = (MORE / name).read_text("utf-8")
    doc, _raw, _errors = ingest_text(text, name, lambda r: meta_from_fields(derive_metadata(r, text)[0], "x", name))
    op3 = next(c for c in doc.clauses if c.anchor == "op3")
    assert op3.text.startswith(
        "Welcomes the decision by the Human Rights Council to request that the independent expert"
    )
    name = "S-RES-2117-2013.txt"
    text = (MORE / name).read_text("utf-8")
    doc, _raw, _errors = ingest_text(text, name, lambda r: meta_from_fields(derive_metadata(r, text)[0], "x", name))
    assert doc.clause("op5").text.startswith("Reiterates that such peacekeeping operations and relevant Council")


def test_thematic_headings_between_operative_paragraphs_are_headings():
    text = (MORE / "S-RES-2250-2015.txt").read_text("utf-8")
    doc, _raw, _errors = ingest_text(
        text, "x.txt", lambda r: meta_from_fields(derive_metadata(r, text)[0], "x", "x.txt")
    )
    headings = [b.text for b in doc.parts[0].items if b.kind == "heading"]
    assert headings[:2] == ["Participation", "Protection"]
    assert all(not c.text.startswith(("Participation", "Protection")) for c in doc.clauses)


# --- robustness -------------------------------------------------------------------------------


def _anchors(text: str, name: str = "x.txt"):
    doc, _raw, errors = ingest_text(text, name, lambda r: meta_from_fields(derive_metadata(r, text)[0], "x", name))
    assert doc is not None, [e.message for e in errors]
    return [(c.anchor, c.text) for c in doc.clauses], [e.problem for e in errors]


@pytest.mark.parametrize(
    "path", [GA / "A-RES-78-102.txt", MORE / "S-RES-1701-2006.txt", ROOT / "sources/a-res-78-175/source.txt"]
)
def test_crlf_and_bom_give_the_same_clauses(path):
    text = path.read_text("utf-8")
    base = _anchors(text)
    assert _anchors(text.replace("\n", "\r\n")) == base
    assert _anchors("\ufeff" + text) == base


def test_rewrapped_lines_and_a_moved_page_break_give_the_same_clauses():
    text = (MORE / "S-RES-1701-2006.txt").read_text("utf-8")
    base = _anchors(text)
    lines = text.split("\n")
    # re-wrap: join two lines inside a paragraph (line 30 and 31 are both mid-sentence)
    k = next(
        i
        for i in range(20, len(lines) - 1)
        if lines[i]
        and lines[i + 1]
        and lines[i][-1].isalpha()
        and lines[i + 1][:1].islower()
        and "\f" not in lines[i] + lines[i + 1]
    )
    rewrapped = "\n".join(lines[:k] + [lines[k] + " " + lines[k + 1]] + lines[k + 2 :])
    assert _anchors(rewrapped) == base
    # move the first page break one line later (the last line of page 1 goes to page 2)
    f = next(i for i, line in enumerate(lines) if line.startswith("\f"))
    moved = lines[:]
    moved[f] = moved[f][1:]
    j = f + 1
    moved[j] = "\f" + moved[j]
    assert [a for a, _ in _anchors("\n".join(moved))[0]] == [a for a, _ in base[0]]


# --- never a crash, never a silent loss -------------------------------------------------------


def test_an_unexpected_shape_is_a_located_message_and_the_others_still_load(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "sources" / "a-res-78-175", tmp_path / "sources" / "a-res-78-175")
    shutil.copytree(ROOT / "sources" / "a-res-70-126", tmp_path / "sources" / "a-res-70-126")
    import palimpsest.ingest as ingest

    real = ingest.build_document

    def boom(raw, meta, path):
        if "78-175" in path:
            int("")
        return real(raw, meta, path)

    monkeypatch.setattr(ingest, "build_document", boom)
    docs, errors = load_corpus(tmp_path / "sources", tmp_path)
    assert [d.slug for d in docs] == ["a-res-70-126"]
    (err,) = errors
    assert isinstance(err, IngestCrash) and isinstance(err, SourceError)
    assert err.path == "sources/a-res-78-175/source.txt" and "ValueError" in err.problem and err.fix


def test_a_second_source_file_is_an_error(tmp_path):
    folder = tmp_path / "sources" / "a-res-78-175"
    shutil.copytree(ROOT / "sources" / "a-res-78-175", folder)
    (folder / "source.md").write_text("# Other\n\nThe General Assembly,\n\n1. Decides.\n", "utf-8")
    doc, errors = load_document(folder, tmp_path)
    assert doc is None
    assert any("more than one source file" in e.problem and e.path.endswith("source.txt") for e in errors)


def test_nul_bytes_are_reported_and_never_reach_the_text(tmp_path):
    folder = tmp_path / "sources" / "a-res-78-175"
    shutil.copytree(ROOT / "sources" / "a-res-78-175", folder)
    src = folder / "source.txt"
    text = src.read_text("utf-8")
    src.write_text(text.replace("Recalling", "Recal\x00ling", 1), "utf-8")
    doc, errors = load_document(folder, tmp_path)
    assert doc is not None and not any("\x00" in c.text for c in doc.clauses)
    (err,) = [e for e in errors if "NUL" in e.problem]
    assert err.line == text[: text.index("Recalling")].count("\n") + 1


MD = """# Test resolution

The General Assembly,

*Recalling* its resolution 70/1,

1. *Decides* to act;

<div class="box">An HTML block</div>

2. *Requests* the Secretary-General to report in 中文 and English, ![the emblem of the United Nations](un.png) included;

3. *Decides* to remain seized of the matter.
"""


def test_markdown_no_silent_loss():
    raw = read_source(MD, "sources/x/source.md")
    doc, _raw, errors = ingest_text(
        MD, "sources/x/source.md", meta_from_fields({"symbol": "A/RES/1/1", "title": "T"}, "x", "sources/x/source.md")
    )
    op2 = next(c for c in doc.clauses if c.anchor == "op2")
    assert "中文" in op2.text  # CJK inside the text is text, not a watermark
    assert "the emblem of the United Nations" in op2.text  # image alt text kept
    assert "HTML block" not in doc.clauses[1].text and all("HTML block" not in c.text for c in doc.clauses)
    (html,) = [e for e in errors if "HTML" in e.problem]
    assert html.line == 9
    assert [c.anchor for c in doc.clauses] == ["pp1", "op1", "op2", "op3"]
    assert not raw.discarded


def test_a_trailing_watermark_is_still_set_aside():
    text = MD + "\n预览已结束，完整报告链接和二维码如下：\n\nhttps://example.org/report/1\n"
    raw = read_source(text, "sources/x/source.md")
    assert [t for _, t in raw.discarded] == ["预览已结束，完整报告链接和二维码如下：", "https://example.org/report/1"]


def _lines(*texts: str) -> list:
    from palimpsest.ingest.pages import Line

    return [Line(k + 1, t, 0) for k, t in enumerate(texts)]


def test_footnote_block_with_its_numbers_as_a_column():
    from palimpsest.ingest.pages import read_footnote_block as _read_footnotes

    notes: list[Footnote] = []
    _read_footnotes(_lines("1", "2", "A/49/765, annex I.", "A/52/174, annex I."), notes)
    assert [(f.number, f.text) for f in notes] == [("1", "A/49/765, annex I."), ("2", "A/52/174, annex I.")]


def test_footnote_whose_number_the_extractor_lost():
    """``1`` / two sentences / ``3``: the second sentence is note 2 (the order of the notes)."""
    from palimpsest.ingest.pages import read_footnote_block as _read_footnotes

    notes: list[Footnote] = []
    _read_footnotes(
        _lines("1", "Resolution 217 A (III).", "Resolution 2200 A (XXI), annex.", "3", "A/CONF.157/24."), notes
    )
    assert [(f.number, f.text) for f in notes] == [
        ("1", "Resolution 217 A (III)."),
        ("2", "Resolution 2200 A (XXI), annex."),
        ("3", "A/CONF.157/24."),
    ]
    # one sentence wrapped over two lines is one note, and 3 after 1 then is text
    notes = []
    _read_footnotes(_lines("1", "See Official Records of the Council, 1998,", "Supplement No. 3."), notes)
    assert [(f.number, f.text) for f in notes] == [
        ("1", "See Official Records of the Council, 1998, Supplement No. 3.")
    ]


def test_closing_line_title_header_and_session_of_a_pdftotext_resolution():
    text = (
        "United Nations\n\nA/RES/70/9\n\nGeneral Assembly\n\nDistr.: General\n1 April 2015\n\nSeventieth session\n"
        "Agenda item 3\n\nResolution adopted by the General Assembly on 27 March 2015\n\n70/9. A short title\n"
        "The General Assembly,\nRecalling its resolution 69/1,\n1.\nDecides to act;\n"
        "\f70/9\nA short title\n2.\nRequests a report.\n80th plenary meeting\n27 March 2015\n"
    )
    raw = read_source(text, "x.txt")
    assert raw.meta["session"] == "70" and raw.meta["meeting"] == "80th plenary meeting"
    texts = [b.text for b in raw.blocks]
    assert "A short title" not in texts  # the running header's title line is furniture
    assert texts[-2:] == ["80th plenary meeting", "27 March 2015"]


def test_a_line_exploded_one_word_per_line_before_its_number():
    from palimpsest.ingest.paged_text import _exploded_before_number

    got = _exploded_before_number(
        _lines("embargo;", "Member", "States,", "relevant", "entities,", "10. Urges", "intergovernmental bodies;")
    )
    assert [x.text for x in got] == [
        "embargo;",
        "10. Urges Member States, relevant entities,",
        "intergovernmental bodies;",
    ]
    # a short run (a heading of two words) is left alone
    two = _lines("Next", "steps", "10. Urges", "all;")
    assert [x.text for x in _exploded_before_number(two)] == ["Next", "steps", "10. Urges", "all;"]


def test_point_letters_printed_after_their_first_line():
    from palimpsest.ingest.paged_text import _late_letters

    got = _late_letters(
        _lines(
            "15. Affirms that, in that regard:",
            "Calls upon all States that have yet",
            "a.",
            "to sign, to do so,",
            "Calls upon all States to ratify",
            "b.",
            "the protocol;",
            "16. Decides.",
            "Notes the item",
            "b.",
        )
    )
    assert [x.text for x in got] == [
        "15. Affirms that, in that regard:",
        "(a) Calls upon all States that have yet",
        "to sign, to do so,",
        "(b) Calls upon all States to ratify",
        "the protocol;",
        "16. Decides.",
        "Notes the item",
        "b.",  # no list open: the letter stays as printed
    ]


def test_note_numbers_displaced_after_their_block():
    """``11`` / note / note / ``13`` / note / ``12``: 12 is the second note; the trailing ``12`` is set aside."""
    from palimpsest.ingest.pages import read_footnote_block as _read_footnotes

    notes = [Footnote(number="10", text="x.", line=1)]
    _read_footnotes(_lines("11", "Vol. 1520.", "Ibid., vol. 1144.", "13", "Ibid., vol. 213.", "12"), notes)
    assert [(f.number, f.text) for f in notes[1:]] == [
        ("11", "Vol. 1520."),
        ("12", "Ibid., vol. 1144."),
        ("13", "Ibid., vol. 213."),
    ]


def test_late_number_before_a_capitalised_continuation():
    from palimpsest.ingest.paged_text import _number_after_first_line

    blocks = [
        RawBlock("The General Assembly,", 1),
        RawBlock("Adopts the Basic Principles on the Right to a Remedy and", 2),
        RawBlock("1. Reparation for Victims annexed to the present resolution;", 3),
        RawBlock("2. Recommends that States take them into account;", 4),
    ]
    got = [b.text for b in _number_after_first_line(blocks)]
    assert (
        got[1]
        == "1. Adopts the Basic Principles on the Right to a Remedy and Reparation for Victims annexed to the present resolution;"
    )
    assert got[2].startswith("2. Recommends")


def test_footnote_block_without_a_rule():
    """WordPerfect-era pages: after a blank line, the due note number alone, then only notes."""
    text = (
        "United Nations\nA/RES/53/9\nGeneral Assembly\nDistr.: General\n1 March 1999\n"
        "The General Assembly,\nTaking note of resolution 1998/7,1 in which\nthe Commission approved it,\n"
        "\n1\n\nSee Official Records, 1998, chap. II, sect.\nA.\n/...\n"
        "\fA/RES/53/9\nPage 2\n1. Adopts the text;\n2. Decides to act.\n"
    )
    raw = read_source(text, "x.txt")
    assert [(f.number, f.text) for f in raw.footnotes] == [("1", "See Official Records, 1998, chap. II, sect. A.")]
    assert [b.text for b in raw.blocks][-2:] == ["1. Adopts the text;", "2. Decides to act."]


def test_one_footnote_step_for_both_plain_text_readers():
    """PyMuPDF text and pdftotext read their footnote blocks with the same step; each reader
    keeps only its own policy for text before any note number (an error / set aside)."""
    from palimpsest.ingest import paged_text, pdf_text
    from palimpsest.ingest.pages import read_footnote_block

    assert "read_footnote_block" in pdf_text._read_footnotes.__code__.co_names
    assert paged_text.read_footnote_block is read_footnote_block
    notes: list[Footnote] = []
    unplaced = read_footnote_block(_lines("stray words", "1 A/49/765.", "2 A/52/174,", "annex I."), notes)
    assert [x.text for x in unplaced] == ["stray words"]
    assert [(f.number, f.text) for f in notes] == [("1", "A/49/765."), ("2", "A/52/174, annex I.")]
    with pytest.raises(SourceError) as exc:
        pdf_text._read_footnotes([(7, "stray words"), (8, "1 A/49/765.")], [], "x.txt", pdf_text._Accounting())
    assert exc.value.line == 7
