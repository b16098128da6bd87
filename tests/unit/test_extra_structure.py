"""Full structure of the 14 texts extracted from UN PDFs: reader (pdf_text) + structure builder.

Counts were established by reading each source text (tests/fixtures/corpus-extra/README.md); they
are in the golden files ``tests/fixtures/expected/<slug>.yml`` (``parts``, ``footnotes``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from expectations import expected, slugs_with

from palimpsest.ingest import load_document, read_source
from palimpsest.ingest.structure import build_document
from palimpsest.model import Block, DocumentMeta

ROOT = Path(__file__).resolve().parents[2]

# symbol → golden file (tests/fixtures/expected/<slug>.yml: parts, footnotes, cover)
GOLDEN = {e.symbol: e for e in (expected(slug) for slug in slugs_with("parts"))}
KINDS = ("preambular", "operative", "paragraph", "point", "heading", "note")


def _load(symbol):
    golden = GOLDEN[symbol]
    path = golden.text
    if path.parent.parent == ROOT / "sources":  # a folder of sources/, with its document.yml
        return load_document(path.parent, ROOT)
    # a fixture text without document.yml: meta from its cover block
    rel = path.relative_to(ROOT).as_posix()
    raw = read_source(path.read_text("utf-8"), rel)
    meta = DocumentMeta(
        slug=path.stem.lower(),
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
    return {symbol: _load(symbol) for symbol in GOLDEN}


@pytest.mark.parametrize("symbol", sorted(GOLDEN))
def test_structure_counts(docs, symbol):
    doc, errors = docs[symbol]
    golden = GOLDEN[symbol]
    assert [e.message for e in errors] == []
    got = []
    for p in doc.parts:
        kinds = [i.kind for i in p.items]
        got.append({"slug": p.slug, **{k: kinds.count(k) for k in KINDS}})
    golden.check("parts", got, golden["parts"])
    golden.check("footnotes", len(doc.footnotes), golden["footnotes"])
    # every footnote is referenced from some clause or block
    refs = {r.number for p in doc.parts for i in p.items for r in i.footnote_refs}
    assert refs == {f.number for f in doc.footnotes}


@pytest.mark.parametrize("symbol", sorted(GOLDEN))
def test_formula_and_closing(docs, symbol):
    doc, _ = docs[symbol]
    main = doc.parts[0]
    assert isinstance(main.items[0], Block) and main.items[0].kind == "formula"
    closing = [i.text for i in main.items if isinstance(i, Block) and i.kind == "closing"]
    if GOLDEN[symbol]["cover"].get("status") == "draft":
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
