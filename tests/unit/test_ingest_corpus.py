"""The ingest over every real text kept in the repository: no crash, and the clean count.

Inputs: `sources/` (with their document.yml), and the bare texts of `tests/fixtures/` (metadata
derived from the text, as `palimpsest add` does): the corpus-extra texts, a seeded sample of
corpus-ga with its hard cases, the born-digital Security Council texts of corpus-more.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import ingest_report  # noqa: E402

from palimpsest.ingest import IngestCrash  # noqa: E402

SOURCES = [p for p in (ROOT / "sources").iterdir() if (p / "document.yml").is_file()]
FOLDERS = {  # folder → documents that parse clean (no problem at all)
    # every published text parses clean (the GA texts set aside are not in sources/: README)
    "sources": (len(SOURCES), len(SOURCES)),
    "tests/fixtures/corpus-extra": (5, 5),
    "tests/fixtures/corpus-ga": (56, 55),
    "tests/fixtures/corpus-more": (40, 30),
    "tests/fixtures/akn": (1, 1),
}


@pytest.fixture(scope="module")
def results():
    out = {}
    for folder in FOLDERS:
        inputs = ingest_report._inputs(ROOT / folder)
        out[folder] = [(p, *ingest_report.run_one(p)) for p in inputs]
    return out


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_no_crash_and_clean_count(results, folder):
    total, clean = FOLDERS[folder]
    rows = results[folder]
    assert len(rows) == total
    crashes = [(p.name, e.message) for p, _d, errs in rows for e in errs if isinstance(e, IngestCrash)]
    assert crashes == []
    clean_names = [p.name for p, doc, errs in rows if doc is not None and not errs]
    assert len(clean_names) == clean, [(p.name, [e.message[:120] for e in errs][:2]) for p, d, errs in rows if errs]


def test_every_problem_is_located(results):
    for rows in results.values():
        for p, _doc, errs in rows:
            for e in errs:
                assert e.path and e.line >= 1 and e.problem and e.fix, (p.name, e.message)


def test_operative_counts_agree_with_the_record(results):
    """records.jsonl is an independent count, wrong in places: the disagreements were read by hand."""
    records = {
        json.loads(line)["file"].split("/")[-1]: json.loads(line)["record_operative_paragraphs"]
        for line in (ROOT / "tests/fixtures/corpus-ga/records.jsonl").read_text("utf-8").splitlines()
    }
    disagree = {}
    for p, doc, _errs in results["tests/fixtures/corpus-ga"]:
        if doc is not None and records.get(p.name) != ingest_report.operative_count(doc):
            disagree[p.name] = (ingest_report.operative_count(doc), records.get(p.name))
    # 79/160: paragraphs 26 and 27 are printed without their full stop; the record lost them
    # (the ingest's 75 is right). 79/243: the record also counts the annex's paragraphs. 79/1:
    # the record adds the resolution's one unnumbered sentence ("Adopts the following Pact…")
    # to the Pact's 84 numbered paragraphs, which the ingest counts (its first part).
    assert disagree == {
        "A-RES-79-1.txt": (84, 85),
        "A-RES-79-160.txt": (75, 73),
        "A-RES-79-243.txt": (12, 32),
    }, disagree
