"""The real notes in sources/*/annotations.md, and the example in docs/how-to-contribute.md,
validated against the real corpus."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from test_annotations_fixtures import ROOT, real_corpus

from palimpsest.notes.read import EVOLVED_FROM, load_annotations, parse_annotations

SEEDS = ["e-res-2010-12", "a-res-68-131", "a-res-70-126", "e-escap-res-67-8", "ilc-109-record-7a"]


def test_every_note_in_sources_is_valid_and_the_seeds_are_annotated():
    docs, _ = real_corpus()
    total = 0
    for slug, doc in docs.items():
        notes, errors = load_annotations(ROOT / "sources" / slug, doc, docs, ROOT)
        assert errors == [], [e.message for e in errors]
        total += len(notes)
        for note in notes.values():
            assert note.html, f"{slug}#{note.anchor} has no text"
            assert note.sources or note.references, f"{slug}#{note.anchor} cites nothing"
    assert total >= 12
    for slug in SEEDS:
        notes, _ = load_annotations(ROOT / "sources" / slug, docs[slug], docs, ROOT)
        assert notes, f"no notes for {slug}"


def test_real_cross_references_and_overrides():
    docs, _ = real_corpus()
    notes, _ = load_annotations(ROOT / "sources" / "e-escap-res-67-8", docs["e-escap-res-67-8"], docs, ROOT)
    pp2 = notes["pp2"]
    assert (EVOLVED_FROM, "e-res-2010-12", "pp9") in pp2.overrides
    assert "investment in people" in docs["e-res-2010-12"].clause("pp9").text
    hrefs = [a["href"] for a in BeautifulSoup(pp2.html, "html.parser").find_all("a")]
    assert hrefs == ["../e-res-2010-12/#pp9"]
    ilo, _ = load_annotations(ROOT / "sources" / "ilc-109-record-7a", docs["ilc-109-record-7a"], docs, ROOT)
    assert "conclusions-p13-b" in ilo and ilo["conclusions-p13-b"].references == (("e-escap-res-67-8", "op1-d"),)


def test_the_documented_example_is_valid():
    docs, _ = real_corpus()
    text = (ROOT / "docs" / "how-to-contribute.md").read_text(encoding="utf-8")
    example = re.search(r"### A complete example\s+```markdown\n(.*?)\n```\n", text, re.S).group(1)
    notes, errors = parse_annotations(example, "docs/how-to-contribute.md", docs["a-res-70-126"], docs)
    assert errors == [], [e.message for e in errors]
    assert list(notes) == ["op4", "pp5"]
    op4 = notes["op4"]
    assert op4.author == "Jane Doe" and len(op4.sources) == 2
    assert ("not-evolved-from", "e-res-2010-12", "op21") in op4.overrides
    assert "<sup>superscripts</sup>" in op4.html and "<blockquote>" in op4.html
