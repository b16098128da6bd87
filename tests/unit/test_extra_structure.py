"""Full structure of the 14 texts extracted from UN PDFs: reader (pdf_text) + structure builder.

Counts were established by reading each source text (tests/fixtures/corpus-extra/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from palimpsest.ingest import load_document, read_source
from palimpsest.ingest.structure import build_document
from palimpsest.model import Block, DocumentMeta

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "corpus-extra"

SOURCES = {  # slug → symbol (folders of sources/, loaded with their document.yml)
    "a-res-78-178": "A/RES/78/178",
    "a-c-3-80-l-10": "A/C.3/80/L.10",
    "a-res-80-181": "A/RES/80/181",
    "a-res-78-175": "A/RES/78/175",
    "a-res-80-182": "A/RES/80/182",
    "a-res-80-178": "A/RES/80/178",
    "a-res-80-5": "A/RES/80/5",
    "a-res-80-175": "A/RES/80/175",
    "a-res-78-261": "A/RES/78/261",
}
FIXTURE_FILES = {  # fixture file → symbol (no document.yml: meta from the cover block)
    "A-80-L.6.txt": "A/80/L.6",
    "A-RES-80-4.txt": "A/RES/80/4",
    "A-RES-80-2.txt": "A/RES/80/2",
    "A-RES-80-55.txt": "A/RES/80/55",
    "A-RES-80-226.txt": "A/RES/80/226",
}

# symbol → [(part slug, preambular, operative, paragraph, points, headings, notes)], footnotes
EXPECTED = {
    "A/RES/78/178": ([("", 43, 25, 0, 0, 0, 0)], 5),
    "A/C.3/80/L.10": ([("", 41, 25, 0, 0, 0, 0)], 4),
    "A/RES/80/181": ([("", 42, 25, 0, 0, 0, 0)], 3),
    "A/RES/78/175": ([("", 13, 15, 0, 0, 0, 0)], 3),
    "A/RES/80/182": ([("", 14, 18, 0, 0, 0, 0)], 4),
    "A/RES/80/178": ([("", 50, 88, 0, 0, 0, 0)], 27),
    # one unnumbered operative sentence; the declaration: 44 paragraphs, 122 points, its title and
    # two section headings ("A call to action", "Follow-up")
    "A/RES/80/5": ([("", 0, 1, 0, 0, 0, 0), ("annex", 0, 0, 44, 122, 3, 0)], 15),
    "A/RES/80/175": ([("", 25, 23, 0, 0, 0, 0)], 17),
    "A/RES/78/261": ([("", 7, 3, 0, 0, 0, 0)], 4),
    "A/80/L.6": ([("", 8, 5, 0, 0, 0, 0)], 1),
    "A/RES/80/4": ([("", 8, 5, 0, 0, 0, 0)], 1),
    "A/RES/80/2": ([("", 2, 6, 0, 0, 0, 0)], 1),
    "A/RES/80/55": ([("", 17, 7, 0, 0, 0, 0)], 4),
    # the annex numbers its paragraphs 1-72 straight through its sections A.-G. (they do not
    # restart); headings: the annex title, 7 sections, 18 sub-headings, 24 box labels; the 24
    # boxed texts ("Core principle I", "Model strategy No. 1"...) are unnumbered notes
    "A/RES/80/226": ([("", 2, 5, 0, 3, 0, 0), ("annex", 0, 0, 72, 0, 50, 24)], 31),
}


def _load(symbol):
    for slug, sym in SOURCES.items():
        if sym == symbol:
            doc, errors = load_document(ROOT / "sources" / slug, ROOT)
            return doc, errors
    name = next(f for f, sym in FIXTURE_FILES.items() if sym == symbol)
    path = FIXTURES / name
    rel = path.relative_to(ROOT).as_posix()
    raw = read_source(path.read_text("utf-8"), rel)
    meta = DocumentMeta(
        slug=name[:-4].lower(),
        symbol=raw.meta["symbol"],
        title=raw.meta["title"],
        body="General Assembly",
        adopted=raw.meta.get("adopted", ""),
        official_url="",
        source=rel,
    )
    return build_document(raw, meta, rel)


@pytest.fixture(scope="module")
def docs():
    return {symbol: _load(symbol) for symbol in EXPECTED}


@pytest.mark.parametrize("symbol", sorted(EXPECTED))
def test_structure_counts(docs, symbol):
    doc, errors = docs[symbol]
    assert [e.message for e in errors] == []
    parts, footnotes = EXPECTED[symbol]
    got = []
    for p in doc.parts:
        kinds = [i.kind for i in p.items]
        got.append(
            (
                p.slug,
                kinds.count("preambular"),
                kinds.count("operative"),
                kinds.count("paragraph"),
                kinds.count("point"),
                kinds.count("heading"),
                kinds.count("note"),
            )
        )
    assert got == parts
    assert len(doc.footnotes) == footnotes
    # every footnote is referenced from some clause or block
    refs = {r.number for p in doc.parts for i in p.items for r in i.footnote_refs}
    assert refs == {f.number for f in doc.footnotes}


@pytest.mark.parametrize("symbol", sorted(EXPECTED))
def test_formula_and_closing(docs, symbol):
    doc, _ = docs[symbol]
    main = doc.parts[0]
    assert isinstance(main.items[0], Block) and main.items[0].kind == "formula"
    closing = [i.text for i in main.items if isinstance(i, Block) and i.kind == "closing"]
    if symbol in ("A/C.3/80/L.10", "A/80/L.6"):
        assert closing == []  # drafts have no closing line
    else:
        assert len(closing) == 2 and closing[0].endswith("plenary meeting")


def test_anchors_and_text(docs):
    doc, _ = docs["A/RES/78/178"]
    op1 = doc.clause("op1")
    assert op1.text == "Takes note of the report of the Secretary-General;"
    assert [r.number for r in op1.footnote_refs] == ["3"]
    assert doc.clause("op25").text.startswith("Decides to consider the question further")
    assert doc.clause("pp43") is not None and doc.clause("pp44") is None

    doc5, _ = docs["A/RES/80/5"]
    assert doc5.clause("annex-p18-i").text.startswith("Complex and interrelated opportunities")
    assert doc5.clause("annex-p44").text.startswith("We commit with united efforts")

    doc226, _ = docs["A/RES/80/226"]
    assert doc226.clause("op4-c").text.startswith("To closely coordinate")
    assert doc226.clause("annex-p72").text.startswith("Information-sharing and technical assistance")
    box = next(
        i
        for i in doc226.parts[1].items
        if getattr(i, "kind", "") == "note" and i.text.startswith("States should invest in making programmes")
    )
    assert [r.number for r in box.footnote_refs] == ["a"]
