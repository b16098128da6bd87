"""The reader-facing lineage: sidebar view model, comparison pages, corpus map (real corpus)."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from small_corpus import SITE_CTX

from palimpsest.render import render_document
from palimpsest.render.generated_pages import lineage_pages
from palimpsest.render.lineage_view import clause_extras, relative_url


@pytest.fixture(scope="module")
def corpus(seed_lineage):
    return seed_lineage  # (lineage, {slug: document}) of the seed documents, shared (conftest.py)


@pytest.fixture(scope="module")
def ctx():
    return SITE_CTX


@pytest.fixture(scope="module")
def extras(corpus, ctx):
    lin, docs = corpus
    return clause_extras(lin, docs, ctx)


@pytest.fixture(scope="module")
def pages(corpus, ctx):
    lin, docs = corpus
    return dict(lineage_pages(lin, docs, ctx))


@pytest.fixture(scope="module")
def views(corpus, ctx):
    """{(slug, anchor): the clause's lineage as its document's lineage page shows it}."""
    from palimpsest.render.lineage_lists import lineage_list_data

    lin, docs = corpus
    out = {}
    for src, data in lineage_list_data(lin, docs, ctx):
        for c in data["clauses"]:
            out[(src.split("/")[0], c["anchor"])] = c["lineage"]
    return out


def test_relative_url_forms():
    assert relative_url("a-res-70-126/", "a-res-68-131/", "op4") == "../a-res-68-131/#op4"
    assert relative_url("a-res-70-126/compare/", "a-res-68-131/", "op4") == "../../a-res-68-131/#op4"
    assert relative_url("a-res-70-126/compare/", "a-res-70-126/") == "../"
    assert relative_url("a-res-70-126/index.html", "a-res-68-131/index.html", "op4") == "../a-res-68-131/index.html#op4"
    assert relative_url("corpus-map/", "a-res-70-126/compare/") == "../a-res-70-126/compare/"


def test_every_clause_has_lineage_data(corpus, extras):
    _, docs = corpus
    assert sorted(extras) == sorted(docs)
    for slug, doc in docs.items():
        assert sorted(extras[slug]) == sorted(c.anchor for c in doc.clauses)
        for entry in extras[slug].values():
            assert {"evolved_from", "carried_into", "lineage"} <= set(entry)
            assert entry["lineage"]["new"] == (not entry["evolved_from"])


def test_chain_70_126_op4_in_the_view(extras, views):
    entry = extras["a-res-70-126"]["op4"]
    first, second = entry["evolved_from"][:2]
    assert (first["document"], first["anchor"]) == ("a-res-68-131", "op4")
    assert (second["document"], second["anchor"]) == ("e-res-2010-12", "op24")
    assert 0 < first["similarity"] <= 1 and round(first["similarity"], 3) == first["similarity"]
    json.dumps(entry["evolved_from"] + entry["carried_into"])  # plain JSON

    assert entry["lineage"]["new"] is False and entry["lineage"]["page"] == "lineage/#op4"
    view = views[("a-res-70-126", "op4")]  # on the lineage page (a-res-70-126/lineage/)
    assert view["new"] is False
    a, b = view["evolved_from"][:2]
    assert a["url"] == "../../a-res-68-131/#op4" and a["symbol"] == "A/RES/68/131" and a["label"] == "para. 4"
    assert b["url"] == "../../e-res-2010-12/#op24" and b["symbol"] == "E/RES/2010/12"
    assert a["percent"] == round(first["similarity"] * 100)
    assert a["date"].startswith("2013")
    ops = {d["op"] for d in a["diff"]}
    assert ops == {"equal", "delete", "insert"}
    # the diff rebuilds both texts: old = equal+delete, new = equal+insert
    new_text = " ".join(d["text"] for d in a["diff"] if d["op"] != "delete")
    assert new_text.startswith("Stresses the importance of ensuring inclusive")
    assert "eradicating illiteracy" in " ".join(d["text"] for d in a["diff"] if d["op"] == "delete")
    assert view["summary"].startswith(f"Evolved from A/RES/68/131 para. 4 ({a['percent']}%)")
    assert entry["lineage"]["summary"] == view["summary"] and entry["lineage"]["marker"] == view["marker"]
    # 68/131 op4 is carried into 70/126 op4, and comes itself from 2010/12 op24
    back = views[("a-res-68-131", "op4")]
    assert any(c["url"] == "../../a-res-70-126/#op4" and "diff" not in c for c in back["carried_into"])
    assert back["evolved_from"][0]["url"] == "../../e-res-2010-12/#op24"


def test_new_clauses_flagged(extras):
    first = extras["e-res-2010-12"]  # the earliest text: everything is new
    assert all(e["lineage"]["new"] and e["lineage"]["summary"].startswith("New in this text") for e in first.values())
    assert any(e["lineage"]["new"] for e in extras["a-res-70-126"].values())
    assert any(not e["lineage"]["new"] for e in extras["a-res-70-126"].values())


def test_view_is_deterministic(corpus, ctx, extras):
    lin, docs = corpus
    assert json.dumps(clause_extras(lin, docs, ctx), sort_keys=True) == json.dumps(extras, sort_keys=True)


def test_header_links_the_comparison(corpus, ctx, extras):
    _, docs = corpus
    page = render_document(docs["a-res-70-126"], ctx, extras["a-res-70-126"])
    assert '<a class="pal-compare" href="compare/">Compared with its predecessor</a>' in page.markdown
    first = render_document(docs["e-res-2010-12"], ctx, extras["e-res-2010-12"])
    assert "pal-compare" not in first.markdown


def test_comparison_page(pages, corpus):
    lin, docs = corpus
    md = pages["a-res-70-126/compare/index.md"]
    assert re.search(r'^title: "A/RES/70/126 compared with A/RES/68/131"$', md, re.M)
    assert "# A/RES/70/126 compared with A/RES/68/131" in md
    assert "% of this text was carried over" in md
    soup = BeautifulSoup(md, "html.parser")
    rows = soup.select(".pal-redline .pal-cmp")
    statuses = {r["class"][1] for r in rows}
    assert {"pal-cmp--kept", "pal-cmp--changed", "pal-cmp--new"} <= statuses
    # every clause of 70/126 once, in reading order, then the dropped ones
    ids = [r["id"] for r in rows if not r["id"].startswith("dropped-")]
    assert ids == [c.anchor for c in docs["a-res-70-126"].clauses]
    changed = soup.select_one(".pal-cmp--changed#pp3")
    assert changed.find("del") and changed.find("ins")
    hrefs = [a["href"] for a in changed.select(".pal-cmp__head a")]
    assert hrefs == ["../#pp3", "../../a-res-68-131/#pp3"]
    dropped = soup.select(".pal-cmp--dropped")
    assert len(dropped) == sum(r.status == "dropped" for r in lin.comparison["a-res-70-126"])
    assert all(d.find("del") for d in dropped)
    # only documents with a predecessor get one
    assert "e-res-2010-12/compare/index.md" not in pages


# --- printed diffs, percentages, one truth ---------------------------------------------------


def test_diff_at_word_and_punctuation_level():
    from palimpsest.lineage.diff import printed_diff

    assert printed_diff("quality training as", "quality training, as") == [
        ("equal", "quality training"),
        ("insert", ","),
        ("equal", " as"),
    ]
    ops = printed_diff("at its seventieth session", "at its seventy-second session")
    assert ops == [("equal", "at its"), ("delete", " seventieth"), ("insert", " seventy-second"), ("equal", " session")]
    old, new = "Welcomes the report (A/70/61), and", "Welcomes the reports (A/70/61 and A/71/1);"
    ops = printed_diff(old, new)
    assert "".join(t for o, t in ops if o != "insert") == old
    assert "".join(t for o, t in ops if o != "delete") == new
    assert printed_diff("Same text.", "Same  text.") == [("equal", "Same text.")]


def test_diff_view_keeps_spaces_outside_the_marks():
    from palimpsest.render.lineage_view import diff_view

    view = diff_view("Recalling further the outcome", "Recognizing the outcome")
    assert view[0] == {"op": "delete", "space": "", "text": "Recalling further"}
    assert view[1] == {"op": "insert", "space": " ", "text": "Recognizing"}
    assert diff_view("Identical words.", "Identical words.") == []


def test_percent_is_100_only_for_identical_text():
    from palimpsest.render.lineage_view import display_percent

    assert display_percent(0.996, False) == 99
    assert display_percent(1.0, False) == 99
    assert display_percent(0.9, True) == 100
    assert display_percent(0.004, False) == 1
    assert display_percent(None, False) is None


def test_every_view_link_says_identical_or_shows_a_change(corpus, extras, views):
    lin, docs = corpus
    text = {(s, c.anchor): c.text for s, d in docs.items() for c in d.clauses}
    seen_identical = seen_changed = 0
    for slug, per in extras.items():
        for anchor, entry in per.items():
            shown = views.get((slug, anchor), {"evolved_from": []})["evolved_from"]
            assert len(shown) == min(3, len(entry["evolved_from"]))
            for view, link in zip(shown, entry["evolved_from"]):
                same = text[(link["document"], link["anchor"])].split() == text[(slug, anchor)].split()
                assert view["identical"] == same and (view["percent"] == 100) == same
                assert (link["similarity"] == 1.0) == same
                if same:
                    assert view["diff"] == []
                    seen_identical += 1
                else:
                    assert any(d["op"] != "equal" for d in view["diff"])
                    seen_changed += 1
    assert seen_identical > 10 and seen_changed > 10


def test_comparison_pairs_are_links_of_the_clause(corpus, extras, views, ctx):
    """70/126 op1 and op15: the comparison pairs them with 68/131 (a formula the engine leaves
    unlinked); the sidebar and the export say the same, never "New in this text"."""
    from palimpsest.render.lineage_pages import comparison_data

    lin, docs = corpus
    data = comparison_data(lin, docs["a-res-70-126"], docs["a-res-68-131"], ctx)
    rows = {r["anchor"]: r for r in data["rows"]}
    for anchor in ("op1", "op15"):
        row = rows[anchor]
        assert row["status"] != "new"
        entry = extras["a-res-70-126"][anchor]
        assert not entry["lineage"]["new"]
        link = next(x for x in entry["evolved_from"] if x["document"] == "a-res-68-131")
        view = next(x for x in views[("a-res-70-126", anchor)]["evolved_from"] if x["document"] == "a-res-68-131")
        assert link["anchor"] == row["from"]["anchor"] and view["percent"] == row["from"]["percent"]
    for row in data["rows"]:
        if row["status"] == "kept":
            assert row["from"]["identical"] and row["diff"] == []
        if row["status"] == "changed":
            assert not row["from"]["identical"] and row["diff"]


def test_marker_is_compact(extras):
    assert extras["a-res-70-126"]["op4"]["lineage"]["marker"].startswith("↰ 65% · A/RES/68/131")
    assert (
        extras["e-res-2010-12"]["op1"]["lineage"]["marker"] in ("",)
        or "↰" not in extras["e-res-2010-12"]["op1"]["lineage"]["marker"]
    )


def test_the_lineage_page_says_what_a_link_rests_on(corpus, views, pages):
    """A formula is labelled as standard wording (how many texts, since when) and a link that
    rests on a shared passage quotes it; both come from the engine's links."""
    lin, docs = corpus
    formula = next(
        ((k, x) for k, links in sorted(lin.evolved_from.items()) for x in links[:3] if x.formula is not None), None
    )
    passage = next(((k, x) for k, links in sorted(lin.evolved_from.items()) for x in links[:3] if x.passage), None)
    assert formula is not None and passage is not None  # the seed documents have both
    for (slug, anchor), link in (formula, passage):
        view = next(
            v
            for v in views[(slug, anchor)]["evolved_from"]
            if (v["document"], v["anchor"]) == (link.document, link.anchor)
        )
        assert view["passage"] == (link.passage or "")
        assert view["formula"] == (link.formula.to_json() if link.formula else None)
    (slug, anchor), link = formula
    soup = BeautifulSoup(lineage_page_html(pages, slug), "html.parser")
    text = soup.select_one(f"section#{anchor}").get_text(" ", strip=True)
    assert f"Standard wording, used in {link.formula.texts} texts since {link.formula.since[:4]}" in text
    (slug, anchor), link = passage
    soup = BeautifulSoup(lineage_page_html(pages, slug), "html.parser")
    quoted = [q.get_text() for q in soup.select(f"section#{anchor} .pal-lineage__passage q")]
    assert link.passage in quoted


def lineage_page_html(pages, slug: str) -> str:
    """The lineage page's body: one raw HTML block after its front matter."""
    return pages[f"{slug}/lineage/index.md"].split("\n---\n", 1)[1]
