"""Clause lineage on the real texts of sources/ (loaded by the real ingest)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from seeds import seed_corpus

from palimpsest.lineage import (
    Params,
    apply_overrides,
    compute_lineage,
    document_order_key,
    word_diff,
)
from palimpsest.lineage.text import content_words
from palimpsest.model import ComparisonRow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus():
    docs, errors = seed_corpus()  # particular chains of the seed documents
    assert docs and not errors, errors
    return {d.slug: d for d in docs}


@pytest.fixture(scope="module")
def lin(corpus):
    return compute_lineage(list(corpus.values()))


def ids(links):
    return [(x.document, x.anchor) for x in links]


def test_chain_70_126_op4_back_to_ecosoc_2010_12_op24(lin, corpus):
    assert lin.chain("a-res-70-126", "op4") == [
        ("a-res-70-126", "op4"),
        ("a-res-68-131", "op4"),
        ("e-res-2010-12", "op24"),
    ]
    # the texts really share the education clause
    for slug, anchor in lin.chain("a-res-70-126", "op4"):
        assert "skills development and quality training" in corpus[slug].clause(anchor).text
    links = lin.ancestors("a-res-70-126", "op4")
    assert links[0].origin == "computed" and 0 < links[1].similarity < links[0].similarity <= 1
    # reverse direction
    assert ("a-res-70-126", "op4") in ids(lin.descendants("a-res-68-131", "op4"))


def test_escap_quotes_ecosoc_social_protection_investment(lin, corpus):
    quoted = corpus["e-res-2010-12"].clause("pp9").text
    quoting = corpus["e-escap-res-67-8"].clause("pp2").text
    assert "investment in people" in quoted and "investment in people" in quoting
    assert len(quoting.split()) > len(quoted.split())  # quoted inside a longer clause
    assert lin.parent("e-escap-res-67-8", "pp2").document == "e-res-2010-12"
    assert lin.parent("e-escap-res-67-8", "pp2").anchor == "pp9"


def test_opening_verb_change_and_move_from_operative_to_preamble(lin, corpus):
    old = corpus["e-res-2010-12"].clause("op31")
    new = corpus["a-res-68-131"].clause("pp16")
    assert old.kind == "operative" and old.text.startswith("Stresses the importance")
    assert new.kind == "preambular" and new.text.startswith("Stressing the importance")
    assert ids(lin.ancestors("a-res-68-131", "pp16"))[0] == ("e-res-2010-12", "op31")
    # and on to 70/126, where it opens with yet another verb
    assert corpus["a-res-70-126"].clause("pp20").text.startswith("Recognizing also")
    assert lin.chain("a-res-70-126", "pp20")[1:] == [("a-res-68-131", "pp16"), ("e-res-2010-12", "op31")]


def test_opening_phrase_is_not_evidence():
    assert content_words("Stresses the importance of eradicating illiteracy") == content_words(
        "Stressing also the importance of eradicating illiteracy"
    )
    assert (
        content_words(
            "Requests the Secretary-General to submit to the General Assembly at its eighty-second session a report on the implementation of the present resolution."
        )
        == []
    )


def test_boilerplate_is_not_descent(lin, corpus):
    # Reporting requests of unrelated resolutions (homelessness, cooperatives) share the formula
    # with the social-inclusion family's op14, but nothing else: no link between them.
    for slug, anchor in [("a-res-80-175", "op23"), ("a-res-80-182", "op18"), ("a-res-78-175", "op15")]:
        text = corpus[slug].clause(anchor).text
        assert "Requests the Secretary-General to submit" in text or "requests the Secretary-General to submit" in text
        assert not any(x.document in ("a-res-70-126", "a-res-68-131") for x in lin.ancestors(slug, anchor))
    assert lin.is_new("a-res-80-175", "op23") and lin.is_new("a-res-78-175", "op15")
    assert not any(x.document.startswith("a-res-80-17") for x in lin.descendants("a-res-70-126", "op14"))


def test_copies_differing_only_by_numbers_are_linked_to_their_own_series(lin, corpus):
    # cooperatives 80/182 op18 = 78/175 op15 but for the session ("eighty-second" / "eightieth")
    old, new = corpus["a-res-78-175"].clause("op15").text, corpus["a-res-80-182"].clause("op18").text
    assert "eightieth session" in old and "eighty-second session" in new
    link = lin.parent("a-res-80-182", "op18")
    assert (link.document, link.anchor) == ("a-res-78-175", "op15") and link.series is True
    assert 0.9 < link.similarity < 1.0


def test_exact_copies_are_always_linked(lin, corpus):
    # "Takes note of the report of the Secretary-General;": six words, everywhere, still a copy
    copies = [
        (slug, c.anchor)
        for slug in lin.order
        for c in corpus[slug].clauses
        if c.text.rstrip(";. ") == "Takes note of the report of the Secretary-General"
    ]
    assert len(copies) >= 5
    for key in copies[1:]:
        links = [x for x in lin.ancestors(*key) if (x.document, x.anchor) in copies]
        assert links and all(x.similarity == 1.0 for x in links)
        assert (links[0].document, links[0].anchor) == (
            lin.ancestors(*key)[0].document,
            lin.ancestors(*key)[0].anchor,
        )


def test_documents_of_one_day_in_the_order_of_their_numbers():
    from palimpsest.lineage.engine import document_order_key
    from palimpsest.model import Document, DocumentMeta

    docs = [
        Document(
            DocumentMeta(
                slug=s.lower().replace("/", "-"),
                symbol=s,
                title="T",
                body="General Assembly",
                adopted="2025-12-01",
                official_url="",
                source="",
            ),
            (),
            (),
        )
        for s in ("A/RES/80/103", "A/RES/80/90", "A/RES/80/9")
    ]
    assert [d.meta.symbol for d in sorted(docs, key=document_order_key)] == [
        "A/RES/80/9",
        "A/RES/80/90",
        "A/RES/80/103",
    ]


def test_only_earlier_documents_are_ancestors(lin, corpus):
    rank = {s: i for i, s in enumerate(lin.order)}
    assert lin.order == [d.slug for d in sorted(corpus.values(), key=document_order_key)]
    for (slug, _anchor), links in lin.evolved_from.items():
        for x in links:
            assert rank[x.document] < rank[slug]
    assert lin.ancestors("e-res-2010-12", "op24") == []  # the first text: everything new
    assert lin.summary["e-res-2010-12"].new_clauses == lin.summary["e-res-2010-12"].clauses


def test_predecessors(lin):
    assert lin.predecessor["a-res-70-126"] == "a-res-68-131"
    assert lin.predecessor["a-c-3-80-l-10"] == "a-res-78-178"
    assert lin.predecessor["a-res-80-181"] == "a-c-3-80-l-10"
    assert lin.predecessor["a-res-80-182"] == "a-res-78-175"
    assert lin.predecessor["e-escap-res-67-8"] == "e-res-2010-12"
    assert lin.predecessor["e-res-2010-12"] is None


def test_comparison_70_126_with_68_131(lin, corpus):
    rows = lin.comparison["a-res-70-126"]
    by_anchor = {r.anchor: r for r in rows if r.anchor}
    assert by_anchor["op1"].status == "kept" and by_anchor["op1"].predecessor_anchor == "op1"
    op4 = by_anchor["op4"]
    assert op4.status == "changed" and op4.predecessor_anchor == "op4"
    old = " ".join(w for op, ws in op4.diff if op != "insert" for w in ws)
    new = " ".join(w for op, ws in op4.diff if op != "delete" for w in ws)
    assert old == " ".join(corpus["a-res-68-131"].clause("op4").text.split())
    assert new == " ".join(corpus["a-res-70-126"].clause("op4").text.split())
    assert ("delete", ["eradicating", "illiteracy"]) in [(o, w) for o, w in op4.diff]
    # the closing formula differs only by the session: matched although it is boilerplate
    assert by_anchor["op15"].predecessor_anchor == "op15" and by_anchor["op15"].status == "changed"
    # 68/131 op7 (monitoring the Millennium Development Goals) was dropped in 70/126
    assert ComparisonRow(status="dropped", anchor=None, predecessor_anchor="op7", similarity=None, diff=None) in rows
    # new 2030-Agenda language
    assert by_anchor["pp4"].status == "new"
    statuses = {r.status for r in rows}
    assert {"kept", "changed", "new", "dropped"} <= statuses
    # every clause of the text appears exactly once; every clause of the predecessor at least
    # once, more than once only where lineage links several clauses to it (a split clause)
    assert sorted(r.anchor for r in rows if r.anchor) == sorted(c.anchor for c in corpus["a-res-70-126"].clauses)
    olds = [r.predecessor_anchor for r in rows if r.predecessor_anchor]
    assert set(olds) == {c.anchor for c in corpus["a-res-68-131"].clauses}
    for old in {o for o in olds if olds.count(o) > 1}:
        for r in rows:
            if r.predecessor_anchor == old and r.anchor:
                links = lin.evolved_from.get(("a-res-70-126", r.anchor), [])
                assert any(x.document == "a-res-68-131" and x.anchor == old for x in links), (old, r)
    # a clause linked to the predecessor is never "new" on the comparison
    for r in rows:
        if r.status == "new":
            assert not any(x.document == "a-res-68-131" for x in lin.evolved_from.get(("a-res-70-126", r.anchor), []))


def test_word_diff_ops():
    ops = word_diff(
        "Stresses the importance of eradicating illiteracy", "Stressing the importance of ensuring literacy for all"
    )
    assert ops == [
        ("delete", ["Stresses"]),
        ("insert", ["Stressing"]),
        ("equal", ["the", "importance", "of"]),
        ("delete", ["eradicating", "illiteracy"]),
        ("insert", ["ensuring", "literacy", "for", "all"]),
    ]
    assert word_diff("a b c", "a b c") == [("equal", ["a", "b", "c"])]
    assert word_diff("", "new words") == [("insert", ["new", "words"])]


def test_corpus_map(lin):
    flow = next(f for f in lin.flows if f.source == "a-res-68-131" and f.target == "a-res-70-126")
    assert flow.clauses >= 20 and flow.words > 500
    s = lin.summary["a-res-80-181"]
    assert s.carried_over > 0.8 and s.new_clauses < 10
    assert 0.5 < lin.summary["a-res-70-126"].carried_over < 0.9


def test_overrides(lin):
    over = apply_overrides(
        lin,
        [
            ("a-res-70-126", "op4", "not_evolved_from", "a-res-68-131", "op4"),
            ("a-res-70-126", "op4", "evolved_from", "e-res-2010-12", "op24"),
            ("a-res-70-126", "pp4", "evolved_from", "a-res-68-131", "pp4"),
        ],
    )
    links = over.ancestors("a-res-70-126", "op4")
    assert ids(links) == [("e-res-2010-12", "op24")]
    assert links[0].origin == "contributor" and links[0].similarity > 0.5  # computed value kept
    assert ("a-res-70-126", "op4") not in ids(over.descendants("a-res-68-131", "op4"))
    assert over.descendants("e-res-2010-12", "op24")[0].origin == "contributor"
    added = over.ancestors("a-res-70-126", "pp4")
    assert ids(added) == [("a-res-68-131", "pp4")] and added[0].origin == "contributor"
    assert isinstance(added[0].similarity, float)
    assert not over.is_new("a-res-70-126", "pp4")
    # the original result is untouched
    assert ids(lin.ancestors("a-res-70-126", "op4"))[0] == ("a-res-68-131", "op4")
    with pytest.raises(ValueError):
        apply_overrides(lin, [("a-res-70-126", "op99", "evolved_from", "a-res-68-131", "op4")])


def test_overrides_derive_only_what_changed_and_leave_the_input_alone(lin):
    """apply_overrides recomputes the comparisons of the documents it changed only: the result
    equals a full derivation, and the computed result it started from is left as it was."""
    from palimpsest.lineage.engine import derive

    before = json.dumps(lin.to_json(), ensure_ascii=False)
    overrides = [
        ("a-res-70-126", "op4", "not_evolved_from", "a-res-68-131", "op4"),
        ("a-res-70-126", "op4", "evolved_from", "e-res-2010-12", "op24"),
    ]
    over = apply_overrides(lin, overrides)
    assert json.dumps(lin.to_json(), ensure_ascii=False) == before
    full = replace(over, comparison={}, predecessor={}, summary={})
    derive(full)
    assert json.dumps(full.to_json(), ensure_ascii=False) == json.dumps(over.to_json(), ensure_ascii=False)
    assert over.comparison["a-res-70-126"] != lin.comparison["a-res-70-126"]


def test_deterministic_json(lin, corpus):
    again = compute_lineage(list(reversed(list(corpus.values()))))
    a = json.dumps(lin.to_json(), sort_keys=False, ensure_ascii=False)
    assert a == json.dumps(again.to_json(), sort_keys=False, ensure_ascii=False)
    data = json.loads(a)
    assert data["documents"]["a-res-70-126"]["predecessor"] == "a-res-68-131"
    assert data["documents"]["a-res-70-126"]["clauses"]["op4"]["evolved_from"][0] == {
        "document": "a-res-68-131",
        "anchor": "op4",
        "similarity": lin.ancestors("a-res-70-126", "op4")[0].similarity,
        "origin": "computed",
        "series": True,
    }


def test_cache_reuses_pairs_and_recomputes_only_edited(tmp_path, corpus):
    docs = list(corpus.values())
    first = compute_lineage(docs, cache_dir=tmp_path)
    assert first.stats["aligned"] == first.stats["candidates"] > 0
    for f in tmp_path.glob("result-*.pickle"):  # the pair cache alone
        f.unlink()
    second = compute_lineage(docs, cache_dir=tmp_path)
    assert second.stats["result_cache"] == "miss"
    assert second.stats["aligned"] == 0 and second.stats["cache_hits"] == second.stats["candidates"]
    assert second.to_json() == first.to_json()
    # edit one clause of 70/126: only pairs touching it are aligned again
    d = corpus["a-res-70-126"]
    part = d.parts[0]
    items = tuple(
        replace(c, text=c.text.replace("lifelong learning", "lifelong and adult learning"))
        if getattr(c, "anchor", None) == "op4"
        else c
        for c in part.items
    )
    edited = replace(d, parts=(replace(part, items=items),) + d.parts[1:])
    third = compute_lineage([edited if x.slug == d.slug else x for x in docs], cache_dir=tmp_path)
    assert 0 < third.stats["aligned"] <= 10
    assert third.chain("a-res-70-126", "op4")[1] == ("a-res-68-131", "op4")


def test_result_cache_skips_recomputation_of_an_unchanged_corpus(tmp_path, corpus):
    docs = list(corpus.values())
    first = compute_lineage(docs, cache_dir=tmp_path)
    assert first.stats["result_cache"] == "miss" and first.stats["clauses"] > 0
    assert {"words", "candidates", "align", "documents"} <= set(first.stats["seconds"])
    # same corpus (in another input order): read back whole, no stage runs
    second = compute_lineage(list(reversed(docs)), cache_dir=tmp_path)
    assert second.stats["result_cache"] == "hit"
    assert "aligned" not in second.stats and "cache_hits" not in second.stats  # nothing made up
    assert not {"words", "candidates", "align", "documents"} & set(second.stats["seconds"])
    assert second.to_json() == first.to_json()
    assert second.chain("a-res-70-126", "op4") == first.chain("a-res-70-126", "op4")
    # other parameters, or one document fewer: recomputed (the pair cache still serves)
    third = compute_lineage(docs, cache_dir=tmp_path, params=Params(max_links=3))
    assert third.stats["result_cache"] == "miss" and third.stats["aligned"] == 0
    fourth = compute_lineage([d for d in docs if d.slug != "a-res-80-182"], cache_dir=tmp_path)
    assert fourth.stats["result_cache"] == "miss" and fourth.stats["aligned"] < fourth.stats["cache_hits"]
    assert "a-res-80-182" not in fourth.order


def test_links_built_fast_are_the_same_frozen_links_and_survive_the_cache():
    import copy
    import dataclasses
    import pickle

    from palimpsest.model import Formula, Link, new_link

    formula = Formula(texts=5, since="2010-07-22", first="E/RES/2010/12")
    args = ("a-res-68-131", "op4", 0.84, "computed", True, "shared words", formula, None)
    link = new_link(*args)
    assert link == Link(*args) and hash(link) == hash(Link(*args))
    assert pickle.loads(pickle.dumps(link, protocol=pickle.HIGHEST_PROTOCOL)) == link
    assert copy.deepcopy(link) == link and dataclasses.replace(link, anchor="op5").anchor == "op5"
    with pytest.raises(dataclasses.FrozenInstanceError):
        link.anchor = "op5"  # type: ignore[misc]


def test_the_opening_phrase_is_dropped_whatever_adverb_leads_it():
    """ "Also encourages" and "Encourages" open the same clause: neither verb is evidence of
    descent (the leading adverbs are the ingest's, ingest/vocabulary.py)."""
    from palimpsest.lineage.text import content_words

    for verb in ("encourages", "urges", "decides", "requests"):
        plain = content_words(f"{verb.capitalize()} Member States to strengthen cooperation")
        for adverb in ("Also", "Further", "Strongly", "Once again"):
            assert content_words(f"{adverb} {verb} Member States to strengthen cooperation") == plain, (adverb, verb)
    assert content_words("Taking into account the outcome") == content_words("Taking the outcome")
