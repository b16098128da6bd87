"""The reader for text extracted from UN PDFs (PyMuPDF), on the 14 real texts of the corpus.

Every expectation here was checked by reading the source texts (see
tests/fixtures/corpus-extra/README.md for what is messy in them); the per-document ones (counts,
cover block, re-joined sentences) are in the golden files ``tests/fixtures/expected/<slug>.yml``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from expectations import expected, slugs_with

from palimpsest.errors import SourceError
from palimpsest.ingest.pdf_text import _read, looks_like_pdf_text, read_pdf_text
from palimpsest.ingest.raw import FN_CLOSE, FN_OPEN, FN_TOKEN_RE, fn_token

ROOT = Path(__file__).resolve().parents[2]
# Per-document expectations: tests/fixtures/expected/<slug>.yml (text_lines, cover, rejoined).
GOLDEN = {e.symbol: e for e in (expected(slug) for slug in slugs_with("text_lines"))}
PATHS = {symbol: e.text for symbol, e in GOLDEN.items()}


def _with_calls(sentence: str) -> str:
    """A rejoined sentence of a golden file: ``[^N]`` stands for the call of footnote N."""
    return re.sub(r"\[\^([0-9a-z]+)\]", lambda m: fn_token(m.group(1)), sentence)


def _raw(symbol):
    path = PATHS[symbol]
    return read_pdf_text(path.read_text("utf-8"), str(path))


@pytest.fixture(scope="module")
def raws():
    return {s: _raw(s) for s in PATHS}


def plain(text: str) -> str:
    return FN_TOKEN_RE.sub("", text).replace(FN_OPEN, "").replace(FN_CLOSE, "")


# --- detection ---------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", sorted(PATHS))
def test_detects_pdf_text(symbol):
    assert looks_like_pdf_text(PATHS[symbol].read_text("utf-8"))


def test_rejects_markdown_seed():
    md = (ROOT / "sources/e-res-2010-12/source.md").read_text("utf-8")
    assert not looks_like_pdf_text(md)
    assert not looks_like_pdf_text("")
    assert not looks_like_pdf_text("United Nations\nwhatever\n")


# --- cover block -------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", sorted(PATHS))
def test_cover_meta(raws, symbol):
    meta = raws[symbol].meta
    assert meta["symbol"] == symbol
    for key, value in GOLDEN[symbol]["cover"].items():
        GOLDEN[symbol].check(f"cover {key}", meta.get(key), value)
    assert all(isinstance(v, str) for v in meta.values())
    if symbol in ("A/C.3/80/L.10", "A/80/L.6"):
        assert meta["distribution"] == "Limited" and "adopted" not in meta and "meeting" not in meta
    else:
        assert meta["distribution"] == "General" and meta.get("status") != "draft"
        assert meta["number_title"] == f"{meta['number']}. {meta['title']}"
        assert meta["symbol"] == "A/RES/" + meta["number"]


def test_cover_and_headers_are_discarded_not_in_blocks(raws):
    raw = raws["A/RES/78/178"]
    discarded = dict(raw.discarded)
    assert discarded[9] == "23-25998 (E)    040124"
    assert discarded[10] == "*2325998*"
    assert discarded[1] == "United Nations"
    assert discarded[62] == "A/RES/78/178"  # running header of page 2 (the page break is line 61)
    assert discarded[66] == "2/8"
    assert discarded[127] == "__________________"
    assert 61 not in discarded  # blank lines are not listed
    assert dict(raws["A/C.3/80/L.10"].discarded)[8] == "Original: English"
    first = raws["A/RES/78/178"].blocks[0]
    assert (first.text, first.line) == ("The General Assembly,", 32)


@pytest.mark.parametrize("symbol", sorted(PATHS))
def test_every_line_is_accounted_for(symbol):
    """Each non-blank source line is in a block, a footnote or the discarded list."""
    text = PATHS[symbol].read_text("utf-8")
    raw, acct = _read(text, str(PATHS[symbol]))
    nonblank = {i + 1 for i, line in enumerate(text.split("\n")) if line.strip()}
    covered = acct.block_lines | acct.footnote_lines | {line for line, _ in raw.discarded}
    assert nonblank - covered == set()
    assert not (acct.block_lines & {line for line, _ in raw.discarded})


# --- no junk ------------------------------------------------------------------------------

JUNK = [
    re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])(?!\s*(?:of|,|and|\.|;|\u2013))"),  # page counter 2/8
    re.compile(r"\b\d{2}-\d{5}\b"),  # job number
    re.compile(r"\*\d{7}\*"),  # barcode
    re.compile(r"_{3,}"),
    re.compile(r"Please recycle"),
    re.compile(r"\s{2,}|\s$|^\s"),
]


@pytest.mark.parametrize("symbol", sorted(PATHS))
def test_no_junk_in_blocks(raws, symbol):
    raw = raws[symbol]
    for b in raw.blocks:
        for pat in JUNK:
            assert not pat.search(b.text), (symbol, b.line, pat.pattern, b.text)
        # the symbol appears in the text only where the text cites it, never as a running header
        assert symbol not in b.text, (symbol, b.line)
        assert b.line > 0
    lines = [b.line for b in raw.blocks]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)


@pytest.mark.parametrize("symbol", sorted(PATHS))
def test_running_title_never_glued_into_text(raws, symbol):
    raw = raws[symbol]
    assert "title" in raw.meta  # every text here (drafts too) prints its title
    short = raw.meta["title"]
    for b in raw.blocks:
        # a page header title followed by its job number would show as "<title> 25-"
        assert not re.search(re.escape(short) + r"\s*\d{2}-", b.text)


# --- counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", sorted(PATHS))
def test_counts(raws, symbol):
    raw = raws[symbol]
    golden = GOLDEN[symbol]
    lines = golden["text_lines"]
    texts = [b.text for b in raw.blocks]
    nums = [int(m.group(1)) for t in texts if (m := re.match(r"(\d+)\. \S", t))]
    golden.check("text_lines numbered_paragraphs", len(nums), lines["numbered_paragraphs"])
    # numbering runs 1..n, restarting at 1 for an annex
    for a, b in zip(nums, nums[1:]):
        assert b == a + 1 or b == 1, (symbol, a, b)
    points = sum(1 for t in texts if re.match(r"\([a-z]{1,2}\) \S", t))
    golden.check("text_lines lettered_points", points, lines["lettered_points"])
    golden.check("footnotes", len(raw.footnotes), golden["footnotes"])
    golden.check("text_lines headings", sum(1 for b in raw.blocks if b.heading), lines["headings"])
    assert texts[0].startswith("The General Assembly")


@pytest.mark.parametrize("symbol", sorted(PATHS))
def test_closing_lines(raws, symbol):
    raw = raws[symbol]
    texts = [b.text for b in raw.blocks]
    if raw.meta.get("status") == "draft":
        assert not any(re.match(r"\d+(st|nd|rd|th) plenary meeting$", t) for t in texts)
        return
    k = texts.index(raw.meta["meeting"])
    assert re.match(r"^\d{1,2} [A-Z][a-z]+ \d{4}$", texts[k + 1])
    if symbol in ("A/RES/80/5", "A/RES/80/226"):
        assert texts[k + 2] == "Annex"  # the closing line ends the resolution, before its annex
    else:
        assert k + 2 == len(texts)


# --- footnotes ----------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", sorted(PATHS))
def test_every_footnote_is_called_in_order(raws, symbol):
    raw = raws[symbol]
    numbers = [f.number for f in raw.footnotes]
    digits = [n for n in numbers if n.isdigit()]
    assert digits == [str(i) for i in range(1, len(digits) + 1)]
    calls = []
    for b in raw.blocks:
        calls += re.findall(FN_OPEN + "([0-9a-z]+)" + FN_CLOSE, b.text)
    first_calls = list(dict.fromkeys(calls))
    assert sorted(first_calls) == sorted(numbers)  # each note called
    assert [n for n in first_calls if n.isdigit()] == digits  # first calls in increasing order
    for f in raw.footnotes:
        assert f.text and not f.text.startswith(" ") and "  " not in f.text


def test_footnote_after_closing_line(raws):
    raw = raws["A/RES/80/178"]
    assert len(raw.footnotes) == 27
    last = raw.footnotes[-1]
    assert last.number == "27" and last.line == 1422
    assert last.text == (
        "See Official Records of the Economic and Social Council, 2005, Supplement No. 6 "
        "(E/2005/26), chap. I, sect. A; see also Economic and Social Council decision 2005/234."
    )
    assert raw.blocks[-1].text == "15 December 2025"
    assert "to continue to be actively involved" not in raw.blocks[-1].text
    assert any(f"Development,{fn_token(27)} to continue" in b.text for b in raw.blocks)
    assert raws["A/RES/78/178"].footnotes[-1].text == "Resolution 71/256, annex."


def test_wrapped_footnote_text(raws):
    fn = {f.number: f for f in raws["A/RES/80/5"].footnotes}
    assert fn["10"].text == (
        "Report of the United Nations Conference on Environment and Development, Rio de Janeiro, 3\u201314 June "
        "1992, vol. I, Resolutions Adopted by the Conference (United Nations publication, Sales No. E.93.I.8 and "
        "corrigendum), resolution 1, annex I."
    )
    assert fn["10"].line == 204
    fn226 = {f.number: f for f in raws["A/RES/80/226"].footnotes}
    assert fn226["28"].text.endswith("and volunteer probation officers (Singapore).")


def test_callouts_glued_spaced_and_odd(raws):
    def has(symbol, s):
        return any(s in b.text for b in raws[symbol].blocks)

    assert has("A/RES/78/178", f"September 2023,{fn_token(1)} inter alia, emphasizes")
    assert has("A/RES/78/178", f"Takes note of the report of the Secretary-General;{fn_token(3)}")
    assert has("A/RES/80/226", f"Kyoto Declaration{fn_token(1)} to reduce reoffending")
    assert has("A/RES/80/178", f"Development,{fn_token(3)} in which it is recognized")
    assert has("A/RES/80/178", f"Goals Summit,{fn_token(5)} in which Heads")  # spaced: "Summit, 5 in"
    assert has("A/RES/80/5", f"Development Goals Summits held in 2019 and 2023,{fn_token(4)} as well as")
    assert has("A/RES/80/5", f"Change{fn_token(8)} and the Paris Agreement{fn_token(9)} in relation")
    assert has("A/RES/78/261", f"\u2018Our Common Agenda\u2019{fn_token(3)} and noting")
    assert has("A/RES/80/226", f"crime prevention.{fn_token(8)} When imprisonment")
    assert has("A/RES/80/226", f"a legal adviser{fn_token(11)} or, in the case")
    # one-word lines glued the mark to the next word: "inclusion”, 3and of"
    assert has("A/RES/80/181", f"inclusion\u201d,{fn_token(3)} and of its findings")
    # a box note lettered "a": "sentences;a in addition"
    assert has("A/RES/80/226", f"prison sentences;{fn_token('a')} in addition")
    assert {f.number: f.text for f in raws["A/RES/80/226"].footnotes}["a"] == "See sect. E."


def test_real_numbers_are_not_eaten(raws):
    def has(symbol, s):
        return any(s in b.text for b in raws[symbol].blocks)

    assert has("A/RES/78/178", "Reaffirming its resolution 70/1 of 25 September 2015")
    assert has("A/RES/78/178", "including 1.1 billion in acute multidimensional poverty")
    assert has("A/RES/78/178", "among the 17 Sustainable Development Goals")
    assert has("A/RES/78/178", "Recalling also Economic and Social Council resolution 2010/12 of 22 July 2010")
    assert has("A/RES/80/178", "International Labour Organization recommendation No. 204 concerning")
    assert has("A/RES/80/178", "in particular Goal 3 of ensuring healthy lives")
    assert has("A/RES/80/5", "over 1 billion people endure poverty")
    assert has("A/RES/80/5", "We meet 30 years after the first World Summit")
    assert has("A/RES/80/55", "Youth4Disarmament Forum")
    assert has("A/RES/80/2", "Article 19 of the Charter")
    assert has("A/RES/80/226", "Pretrial detention should be used")


# --- re-joined text -----------------------------------------------------------------------


@pytest.mark.parametrize("symbol", sorted(s for s, e in GOLDEN.items() if e.get("rejoined")))
def test_paragraphs_rejoined_across_page_breaks(raws, symbol):
    for sentence in GOLDEN[symbol]["rejoined"]:
        found = any(_with_calls(sentence) in b.text for b in raws[symbol].blocks)
        assert found, f"{GOLDEN[symbol].file}: rejoined sentence not found: {sentence!r}"


def test_hyphenated_compounds_keep_their_hyphen(raws):
    def has(symbol, s):
        return any(s in b.text for b in raws[symbol].blocks)

    assert has(
        "A/RES/78/178", "a large portion of the workforce in self-employment and part-time"
    )  # "self-" / "employment"
    assert has("A/RES/78/178", "collection and use of high-quality, accessible")  # "high-" / "quality"
    assert has("A/RES/78/178", "universal age-, disability- and gender-sensitive social protection")
    assert has("A/RES/78/261", "at its twenty-fourth special session,")  # "twenty-" / "fourth"
    assert has("A/RES/80/5", "a whole-of-government, whole-of-society, people-centred")  # "whole-" / "of-government"
    assert has("A/RES/80/5", "can have long-lasting consequences")
    assert has("A/RES/80/5", "comprehensive, system-wide response plan")
    assert not any(
        re.search(r"\w- \w", b.text) and "- and" not in b.text and "- or" not in b.text
        for raw in raws.values()
        for b in raw.blocks
    )
    # U+2011 non-breaking hyphens are kept as printed
    assert has("A/RES/80/55", "disarmament and non\u2011proliferation")


def test_one_word_lines_rejoined(raws):
    def has(symbol, s):
        return any(s in b.text for b in raws[symbol].blocks)

    assert has(
        "A/RES/78/178",
        "intercultural dialogue and understanding, tolerance, mutual respect, gender equality, "
        "innovation, entrepreneurship, inclusion",
    )
    assert has("A/RES/80/5", "(d) Strengthening international cooperation and capacity-building in developing")


def test_split_paragraph_around_footnote_block(raws):
    blocks = raws["A/RES/78/178"].blocks
    b = next(b for b in blocks if b.text.startswith("Recalling that the political declaration"))
    assert b.line == 123
    assert b.text.endswith(
        "is the greatest global challenge and an indispensable requirement for sustainable development,"
    )
    assert "Resolution 78/1" not in b.text


# --- numbered paragraphs, points, headings ------------------------------------------------


def test_number_alone_on_its_line(raws):
    blocks = raws["A/RES/78/178"].blocks
    one = next(b for b in blocks if b.text.startswith("1. "))
    assert (one.line, one.text) == (316, "1. Takes note of the report of the Secretary-General;" + fn_token(3))
    ten = next(b for b in blocks if b.text.startswith("10. "))
    assert ten.line == 414 and ten.text.startswith("10. Encourages Member States to consider")
    assert sum(1 for b in blocks if re.match(r"\d+\. ", b.text)) == 25


def test_declaration_structure(raws):
    raw = raws["A/RES/80/5"]
    texts = [b.text for b in raw.blocks]
    assert texts[0] == "The General Assembly"
    assert texts[1].startswith("Adopts the Doha Political Declaration")
    assert texts[1].endswith("as contained in the annex to the present resolution.")
    heads = [(b.text, b.heading) for b in raw.blocks if b.heading]
    assert heads == [
        ("Annex", 2),
        (
            "Doha Political Declaration of the \u201cWorld Social Summit\u201d under the title \u201cthe Second World "
            "Summit for Social Development\u201d",
            2,
        ),
        ("A call to action", 3),
        ("Follow-up", 3),
    ]
    # paragraphs not separated by blank lines still start their own block
    assert next(t for t in texts if t.startswith("3. ")).startswith("3. We recognize that the three core themes")
    p2 = next(b for b in raw.blocks if b.text.startswith("2. "))
    assert p2.text.endswith("in order to reduce uncertainty, inequality and insecurity.")
    a = next(b for b in raw.blocks if b.text.startswith("(a) Although great strides"))
    assert a.line == 183  # the line of the marker standing alone
    m = next(b for b in raw.blocks if b.text.startswith("(m) Strengthening investment"))
    assert m.line == 459  # inline marker
    p44 = raw.blocks[-1]
    assert p44.text.startswith("44. We commit with united efforts")
    # the lettered points of para 18 run (a)-(i), then para 19
    k = texts.index(next(t for t in texts if t.startswith("18. ")))
    assert [t[:3] for t in texts[k + 1 : k + 10]] == [f"({c})" for c in "abcdefghi"]
    assert texts[k + 10].startswith("19. ")


def test_annex_sections_and_boxes(raws):
    raw = raws["A/RES/80/226"]
    heads = [(b.text, b.heading) for b in raw.blocks if b.heading]
    assert heads[:6] == [
        ("Annex", 2),
        ("United Nations Model Strategies on Reducing Reoffending (the Kyoto Model Strategies)", 2),
        ("A. Introduction", 3),
        ("B. Individualized approaches", 3),
        ("Core principle I", 5),
        ("Assessments", 4),
    ]
    sections = [t for t, level in heads if level == 3]
    assert [s[:2] for s in sections] == ["A.", "B.", "C.", "D.", "E.", "F.", "G."]
    assert sum(1 for t, _ in heads if t.startswith("Model strategy No. ")) == 18
    assert sum(1 for t, _ in heads if t.startswith("Core principle ")) == 6
    texts = [b.text for b in raw.blocks]
    k = texts.index("Model strategy No. 1")
    assert texts[k + 1].startswith("States should base their decisions") and texts[k + 1].endswith(
        "Due attention should be paid to data protection safeguards in this regard."
    )
    assert texts[k + 2].startswith("12. Decisions regarding individual offenders")
    # inline enumeration inside a paragraph is not split into points
    assert "(b) at the beginning of a period of imprisonment or supervision; (c) whenever there are" in texts[k + 2]
    # the annex numbering restarts at 1 after the resolution's 5 paragraphs and runs to 72
    nums = [int(m.group(1)) for t in texts if (m := re.match(r"(\d+)\. ", t))]
    assert nums == list(range(1, 6)) + list(range(1, 73))


def test_point_markers_alone_joined(raws):
    texts = [b.text for b in raws["A/RES/80/226"].blocks]
    assert (
        "(a) To take steps to ensure the broad dissemination of the United Nations Model Strategies on "
        "Reducing Reoffending;" in texts
    )
    b = next(t for t in texts if t.startswith("(b) "))
    assert b.startswith("(b) To identify needs and capacities of countries")


# --- errors -------------------------------------------------------------------------------


def test_broken_page_header_is_reported():
    text = PATHS["A/RES/78/178"].read_text("utf-8").replace("\n2/8 \n", "\n \n", 1)
    with pytest.raises(SourceError) as exc:
        read_pdf_text(text, "sources/x/source.txt")
    assert exc.value.line == 61 and exc.value.path == "sources/x/source.txt"
    assert "page" in exc.value.problem


def test_missing_formula_is_reported():
    """No enacting formula and no number-and-title line: nowhere to start, a located error."""
    text = PATHS["A/RES/78/178"].read_text("utf-8").replace("The General Assembly,", "The Assembly,")
    text = text.replace("78/178.", "Resolution")
    with pytest.raises(SourceError) as exc:
        read_pdf_text(text, "sources/x/source.txt")
    assert exc.value.line == 1 and "formula" in exc.value.problem


def test_document_printed_without_formula_starts_after_its_title():
    """Some official texts print no enacting formula (A/RES/78/225): the text starts after the
    number-and-title group of the cover, the preamble is still the preamble."""
    text = PATHS["A/RES/78/178"].read_text("utf-8").replace("The General Assembly,", "")
    raw = read_pdf_text(text, "sources/x/source.txt")
    assert raw.blocks[0].text.startswith("Recalling the World Summit for Social Development")
    from palimpsest.ingest.derive import derive_metadata, meta_from_fields
    from palimpsest.ingest.structure import build_document

    fields, _ = derive_metadata(raw, text)
    doc, errors = build_document(raw, meta_from_fields(fields, "x", "sources/x/source.txt"), "sources/x/source.txt")
    assert not errors
    kinds = [c.kind for c in doc.clauses if c.kind in ("preambular", "operative")]
    assert kinds.count("preambular") == 43 and kinds.count("operative") == 25
