"""Lineage on a real corpus, against a judged regression set.

``tests/fixtures/lineage/corpus.json.gz``: 498 real documents (the GA resolutions of sessions
78–79 the ingest reads cleanly, and the documents of ``sources/``), clause by clause.
``tests/fixtures/lineage/judged.json``: links and unlinked clauses drawn at random (seeded)
from the lineage of that corpus, each judged by a person who read both texts:

* a link: ``reuse`` (the later clause takes its wording from the earlier one), ``formula``
  (standard wording many unrelated texts share: counted apart) or ``not_reuse``;
* an unlinked clause: ``new`` or ``missed`` (with the earlier clause it takes its wording from).

Precision: of the judged pairs the engine links now, the share judged reuse (formulas apart;
a clause judged new that the engine links counts against it). Recall: of the pairs judged
reuse (links and missed sources), the share the engine links now — to the judged source or
to another clause with exactly the same words (one of the identical copies a template leaves
in many texts).
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import pytest

from palimpsest.lineage import compute_lineage
from palimpsest.lineage.text import words
from palimpsest.model import Clause, Document, DocumentMeta, Part

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lineage"


def fixture_documents() -> list[Document]:
    with gzip.open(FIXTURE / "corpus.json.gz", "rt", encoding="utf-8") as f:
        data = json.load(f)
    docs = []
    for x in data["documents"]:
        meta = DocumentMeta(
            slug=x["slug"],
            symbol=x["symbol"],
            title=x["title"],
            body=x["body"],
            adopted=x["adopted"],
            official_url="",
            source="",
            status="draft" if x.get("status") == "draft" else "adopted",
            **{k: str(x[k]) for k in ("dated", "session", "agenda_item", "draft") if k in x},
        )
        clauses = tuple(
            Clause(anchor=a, eid=a, kind=k, number="", label=a, parent=None, part="", text=t, line=0)
            for a, k, t in x["clauses"]
        )
        docs.append(Document(meta, (Part("", None, clauses),), ()))
    return docs


def judged() -> list[dict]:
    return json.loads((FIXTURE / "judged.json").read_text("utf-8"))["items"]


def score(lin, items: list[dict]) -> dict:
    """Precision and recall of ``lin`` on the judged items (formulas counted apart)."""
    words_of = {(s, c.anchor): " ".join(words(c.text)) for s in lin.order for c in lin.clauses[s]}
    tp = fp = fn = 0
    formulas = formulas_linked = 0
    errors = []
    for it in items:
        key = (it["document"], it["anchor"])
        linked = {(x.document, x.anchor) for x in lin.ancestors(*key)}
        if it["judgment"] == "formula":
            formulas += 1
            formulas_linked += (it["source_document"], it["source_anchor"]) in linked
            continue
        if it["judgment"] == "new":
            if linked:
                fp += 1
                errors.append(("linked, judged new", it["document"], it["anchor"], sorted(linked)))
            continue
        src = (it["source_document"], it["source_anchor"])
        accepted = {src} | {tuple(x) for x in it.get("also_accepted", [])}
        same_words = {words_of.get(x) for x in accepted}  # another copy of the same words will do
        if it["judgment"] in ("reuse", "missed"):
            if accepted & linked or any(words_of.get(x) in same_words for x in linked):
                tp += 1
            else:
                fn += 1
                errors.append(("reuse not linked", it["document"], it["anchor"], src))
        elif it["judgment"] == "not_reuse" and src in linked:
            fp += 1
            errors.append(("linked, judged not reuse", it["document"], it["anchor"], src))
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "true_links": tp,
        "false_links": fp,
        "missed": fn,
        "formulas": formulas,
        "formulas_linked": formulas_linked,
        "errors": errors,
    }


@lru_cache(maxsize=1)
def _lineage():
    return compute_lineage(fixture_documents())


@pytest.fixture(scope="module")
def lin():
    return _lineage()


def test_the_judged_set_is_large_and_self_contained():
    items = judged()
    links = [x for x in items if x["kind"] == "link"]
    unlinked = [x for x in items if x["kind"] == "unlinked"]
    assert len(links) >= 150 and len(unlinked) >= 150
    assert len({x["id"] for x in items}) == len(items)
    known = {(d.slug, c.anchor): c.text for d in fixture_documents() for c in d.clauses}
    for it in items:
        assert it["judgment"] in {"reuse", "formula", "not_reuse", "new", "missed"} and it["reason"].strip()
        assert known[(it["document"], it["anchor"])] == it["text"]
        if it["judgment"] != "new":
            assert known[(it["source_document"], it["source_anchor"])] == it["source_text"]


# The target of issue 10: 0.98 for both (measured: precision 0.988, recall 0.981 on the 400
# items). What is still missed: a Territory's recital whose every word pair is boilerplate (no
# candidate), and two apportionment templates linked to other missions' equal-but-for-numbers
# copies than the one judged.
MIN_PRECISION = 0.98
MIN_RECALL = 0.98


def test_precision_and_recall_on_the_judged_set(lin):
    result = score(lin, judged())
    assert result["precision"] >= MIN_PRECISION, result["errors"]
    assert result["recall"] >= MIN_RECALL, result["errors"]
    assert result["formulas_linked"] >= 0.8 * result["formulas"]


def _copies(lin, documents):
    """(later clause, earlier clauses with the same words, or the same but for numbers)."""
    from palimpsest.lineage.text import prepare

    order = {s: i for i, s in enumerate(lin.order)}
    by_slug = {d.slug: d for d in documents}
    keys = [(s, c.anchor) for s in lin.order for c in by_slug[s].clauses]
    texts = [by_slug[s].clause(a).text for s, a in keys]
    prep = prepare(texts)
    groups: dict[int, list[int]] = {}
    for i, k in enumerate(prep.near_keys.tolist()):
        if prep.all_offsets[i + 1] > prep.all_offsets[i]:
            groups.setdefault(k, []).append(i)
    for members in groups.values():
        for i in members:
            earlier = [keys[j] for j in members if order[keys[j][0]] < order[keys[i][0]]]
            if earlier:
                yield keys[i], earlier


def test_no_copy_left_unlinked_in_the_real_corpus(lin):
    docs = fixture_documents()
    n = 0
    for key, earlier in _copies(lin, docs):
        n += 1
        assert lin.ancestors(*key), (key, earlier[:3])
    assert n > 3000  # the GA texts repeat themselves a lot


def test_no_copy_left_unlinked_in_the_sources():
    from seeds import full_corpus

    docs, _errors = full_corpus()
    lin = compute_lineage(docs)
    n = 0
    for key, earlier in _copies(lin, docs):
        n += 1
        assert lin.ancestors(*key), (key, earlier)
    assert n >= 20


def test_number_only_differences_are_linked(lin):
    # the yearly recital of a territory's resolution: only the year of the report changes
    links = lin.ancestors("a-res-79-100", "pp1")
    assert (links[0].document, links[0].anchor) == ("a-res-78-87", "pp1")
    assert links[0].series is True and 0.9 < links[0].similarity < 1.0


def test_standard_wording_is_labelled_and_still_linked_to_its_own_series(lin):
    formulas = [(k, x) for k, links in lin.evolved_from.items() for x in links if x.formula]
    assert len(formulas) > 200
    f = formulas[0][1].formula
    assert f is not None and f.texts >= 5 and f.since[:2] == "20" and "/RES/" in f.first
    # "Guided by the purposes and principles enshrined in the Charter of the United Nations,"
    key = ("a-res-78-161", "pp1")
    assert key in lin.formulas and lin.formulas[key].texts >= 5
    assert lin.ancestors(*key)[0].similarity == 1.0
    # a formula clause whose own series used it before: the own series first
    own = [(k, links) for k, links in lin.evolved_from.items() if links[0].formula and links[0].series]
    assert len(own) > 100


def test_own_series_before_same_day_siblings(lin):
    # American Samoa 2024 (79/99): its clauses descend from American Samoa 2023 (78/86), not
    # from the resolutions on other Territories adopted the same day
    parents = [lin.parent("a-res-79-99", c.anchor) for c in lin.clauses["a-res-79-99"]]
    parents = [p for p in parents if p]
    own = sum(p.document == "a-res-78-86" for p in parents)
    assert own >= 0.8 * len(parents)
    assert lin.predecessor["a-res-79-99"] == "a-res-78-86"


def test_documents_of_one_day_in_the_order_of_their_numbers(lin):
    rank = {s: i for i, s in enumerate(lin.order)}
    assert rank["a-res-78-90"] < rank["a-res-78-100"] and rank["a-res-79-99"] < rank["a-res-79-100"]


def test_citations_names_and_quoted_titles_alone_are_not_reuse(lin):
    # two unrelated lists of resolutions of the same length: not copies
    assert ("a-res-78-113", "pp2") not in {(x.document, x.anchor) for x in lin.ancestors("a-res-78-280", "pp1")}
    # the name of the Fourth Geneva Convention alone
    assert ("a-res-78-77", "op5") not in {(x.document, x.anchor) for x in lin.ancestors("a-res-79-83", "pp5")}


def test_containment_links_carry_their_passage(lin):
    with_passage = [(k, x) for k, links in lin.evolved_from.items() for x in links if x.passage is not None]
    assert len(with_passage) > 50
    for _key, x in with_passage:
        assert len(x.passage.split()) >= 4
        earlier = next(c.text for c in lin.clauses[x.document] if c.anchor == x.anchor)
        assert x.passage in earlier
