"""Nothing the ingest sets aside goes unaccounted for.

For every real source kept in the repository, each line of the raw text is either known page
furniture (listed in ``Document.discarded``, which ``palimpsest check --verbose`` shows) or its
words are in the document: its clauses, blocks (formula, headings, closing lines), part titles,
footnotes or the metadata the cover states. Words are compared as letters only, so re-joined
hyphenation, removed footnote call-outs, markup of a Markdown source and spacing do not count
as loss; the first and last word of a line may be halves of a word split at a line end.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from seeds import SEED_SLUGS

from palimpsest.ingest import find_source, load_document

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = sorted(
    {p.parent for base in (ROOT / "sources", ROOT / "tests" / "fixtures") for p in base.rglob("document.yml")}
)
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w+")


def letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalpha())


def document_letters(doc) -> str:
    texts = [doc.meta.title, doc.meta.symbol, doc.meta.body, *doc.meta.optional_fields().values()]
    for part in doc.parts:
        texts.append(part.title or "")
        texts.extend(item.text for item in part.items)
    texts.extend(f.text for f in doc.footnotes)
    return letters(" ".join(texts))


def unaccounted_lines(folder: Path) -> list[tuple[int, str]]:
    doc, errors = load_document(folder, ROOT)
    assert doc is not None, [e.message for e in errors]
    source = find_source(folder)
    assert source is not None
    return unaccounted(doc, source.read_text(encoding="utf-8"))


def unaccounted(doc, source_text: str) -> list[tuple[int, str]]:
    kept = document_letters(doc)
    furniture = letters(" ".join(text for _, text in doc.discarded))
    lost = []
    for number, line in enumerate(source_text.split("\n"), start=1):
        words = WORD.findall(TAG.sub(" ", line))
        core = letters(" ".join(words[1:-1])) if len(words) >= 3 else ""
        if core and core not in kept and core not in furniture:
            lost.append((number, line.strip()))
    return lost


def test_there_are_real_sources_to_check():
    sources = {f.name for f in FOLDERS if f.is_relative_to(ROOT / "sources")}
    assert set(SEED_SLUGS) <= sources and len(sources) > 600


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_line_is_in_the_document_or_listed_as_furniture(folder: Path):
    assert unaccounted_lines(folder) == []


def test_the_check_would_see_a_lost_clause():
    """Not vacuous: the same document with one clause missing is reported at that clause's lines."""
    folder = ROOT / "sources" / "a-res-70-126"
    doc, _ = load_document(folder, ROOT)
    assert doc is not None
    gone = doc.clause("op4")
    part = doc.parts[0]
    damaged = replace(doc, parts=(replace(part, items=tuple(i for i in part.items if i is not gone)), *doc.parts[1:]))
    lost = unaccounted(damaged, find_source(folder).read_text(encoding="utf-8"))
    assert lost and all(number >= gone.line for number, _ in lost)
    assert any(number == gone.line or number == gone.line + 1 for number, _ in lost)


def test_text_that_is_not_a_clause_is_in_the_export():
    """Formula, headings, closing lines and unplaced sentences reach the JSON, not only the page."""
    from palimpsest.render import SiteContext, document_record

    doc, _ = load_document(ROOT / "sources" / "a-res-70-126", ROOT)
    assert doc is not None
    record = document_record(doc, SiteContext())
    blocks = record["blocks"]
    assert blocks[0]["kind"] == "formula" and blocks[0]["text"].startswith("The General Assembly")
    assert {b["kind"] for b in blocks} >= {"formula", "closing"}
    on_page = [i for p in doc.parts for i in p.items if not hasattr(i, "anchor")]
    assert [b["text"] for b in blocks] == [i.text for i in on_page]
