"""The corpus map (aggregated by body and session) and the lineage caps that keep document
pages from growing with the corpus — on the real corpus, and on a synthetic lineage."""

from __future__ import annotations

import json
from types import SimpleNamespace

import yaml
from bs4 import BeautifulSoup
from small_corpus import SITE_CTX, content_block, one_clause_document, template_environment

from palimpsest.model import Flow, LineageSummary, Link
from palimpsest.render.corpus_map import corpus_map_data, corpus_map_page
from palimpsest.render.lineage_lists import lineage_list_pages
from palimpsest.render.lineage_view import LINEAGE_SHOWN, clause_extras


def test_corpus_map_aggregates_by_session_and_links_everything(seed_lineage):
    lin, docs = seed_lineage
    src, md = corpus_map_page(lin, docs, SITE_CTX)
    assert src == "corpus-map/index.md"
    meta = yaml.safe_load(md.split("---\n")[1])
    data = meta["palimpsest"]
    assert meta["search"] == {"exclude": True}
    assert sum(g["documents"] for g in data["groups"]) == len(docs)
    labels = [g["label"] for g in data["groups"]]
    assert "General Assembly, 70th session" in labels
    # flows between groups add up to the flows between documents
    assert sum(f["clauses"] for f in data["flows"]) == sum(f.clauses for f in lin.flows)
    html = content_block("palimpsest/corpus-map.html").render(page={"meta": meta})
    soup = BeautifulSoup(html, "html.parser")
    svg = soup.find("svg")
    assert not svg.get("role")  # it holds links: not an image (axe: nested-interactive); the <title> names it
    assert svg.find("title").get_text().startswith(f"Timeline of {len(data['groups'])} groups")
    assert not soup.find("script")
    # every dot label links to its listing page, every arc to its row in the flows table
    assert [a["href"] for a in svg.select("a.pal-map__doc")] == [g["url"] for g in data["groups"]]
    assert "../browse/general-assembly/70/" in [g["url"] for g in data["groups"]]
    for a in svg.select("a:has(path.pal-map__flow)"):
        assert soup.find(id=a["href"][1:]) is not None
    row = next(
        r
        for r in soup.select(".pal-map__docs tbody tr")
        if [x.get_text() for x in r.find_all("a")][:2] == ["A/RES/68/131", "A/RES/70/126"]
    )
    assert row.find("a")["href"] == "../a-res-68-131/"


def fake_lineage(n_later: int):
    """One clause of d0 carried into ``n_later`` documents."""
    docs = {}
    for i in range(n_later + 1):
        doc = one_clause_document(
            f"d{i:04d}",
            f"A/RES/{70 + i // 300}/{i}",
            title=f"T{i}",
            adopted=f"{2000 + i // 300}-01-01",
            session=str(70 + i // 300),
            text="Calls upon all States to act now.",
        )
        docs[doc.slug] = doc
    later = [Link(document=f"d{i:04d}", anchor="op1", similarity=0.9) for i in range(1, n_later + 1)]
    lin = SimpleNamespace(
        evolved_from={
            (f"d{i:04d}", "op1"): [Link(document="d0000", anchor="op1", similarity=0.9)] for i in range(1, n_later + 1)
        },
        carried_into={("d0000", "op1"): later},
        symbols={s: d.meta.symbol for s, d in docs.items()},
        dates={s: d.meta.adopted for s, d in docs.items()},
        order=sorted(docs),
        predecessor={s: "d0000" for s in docs if s != "d0000"},
        summary={
            s: LineageSummary(clauses=1, words=7, carried_over=0.9 if s != "d0000" else 0.0, new_clauses=0)
            for s in docs
        },
        flows=[Flow(source="d0000", target=s, clauses=1, words=6) for s in sorted(docs) if s != "d0000"],
        comparison={},
    )
    return lin, docs


def test_a_clause_carried_into_300_texts_shows_the_nearest_few_and_links_to_the_rest():
    lin, docs = fake_lineage(300)
    view = clause_extras(lin, docs, SITE_CTX)["d0000"]["op1"]
    assert len(view["carried_into"]) == 300  # the JSON keeps them all
    side = view["lineage"]
    # the document page: a marker and a link to the clause's section of the lineage page
    assert side["marker"] == "↳ 300 later texts" and side["page"] == "lineage/#op1"
    assert "carried into 300 later texts" in side["summary"]
    assert set(side) == {"new", "summary", "marker", "page"}
    pages = dict(lineage_list_pages(lin, docs, SITE_CTX))
    # every document with shared wording has its lineage page
    assert len(pages) == 301 and "d0000/lineage/index.md" in pages
    html = pages["d0000/lineage/index.md"].split("\n---\n", 1)[1]  # front matter, then the page as HTML
    soup = BeautifulSoup(html, "html.parser")
    section = soup.select_one("section#op1")
    # the nearest few, then every other one by name
    shown = section.select(".pal-lineage > .pal-lineage__list > .pal-lineage__item")
    rest = section.select("#op1-carried-more > .pal-lineage__item")
    assert len(shown) == LINEAGE_SHOWN and len(rest) == 300 - LINEAGE_SHOWN
    assert section.select_one(".pal-lineage__more > summary").get_text() == f"and {300 - LINEAGE_SHOWN} more"
    assert rest[0].a["href"] == "../../d0004/#op1"
    assert soup.find("a", string="JSON export")["href"] == "../../api/d0000.json"
    # the document page's aside is a marker linking there, the same size for 3 or 300 texts
    aside_template = template_environment().get_template("partials/palimpsest/clause-aside.html")

    def aside(n: int) -> str:
        lin_n, docs_n = fake_lineage(n)
        entry = clause_extras(lin_n, docs_n, SITE_CTX)["d0000"]["op1"]
        return aside_template.render(clause={"anchor": "op1", "label": "para. 1", **entry}, document={})

    marker = BeautifulSoup(aside(300), "html.parser").select_one("a.pal-marker")
    assert marker["href"] == "lineage/#op1" and marker.get_text().endswith("↳ 300 later texts")
    assert len(aside(300)) - len(aside(3)) <= 2
    # the corpus map stays small: groups, not documents
    data = corpus_map_data(lin, docs, SITE_CTX)
    assert len(data["groups"]) == 2 and len(json.dumps(data)) < 20_000
