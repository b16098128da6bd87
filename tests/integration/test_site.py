"""The built site, checked in its HTML (BeautifulSoup) and its JSON export."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from subset_project import REPO_URL, SITE_URL, SUBSET, make_project, run_build

from palimpsest.render.lineage_view import LINEAGE_SHOWN

pytestmark = pytest.mark.integration

SCHEMAS = Path(__file__).resolve().parents[2] / "plugins" / "palimpsest" / "schemas"


def page(site: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((site / slug / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site: Path, slug: str):
    return page(site, slug).select_one("article")


def test_header_of_an_adopted_resolution(subset_site):
    header = article(subset_site, "a-res-70-126").select_one("header.pal-header")
    text = header.get_text(" ", strip=True)
    assert "A/RES/70/126" in text and "General Assembly" in text and "17 December 2015" in text
    assert header.select_one("time")["datetime"] == "2015-12-17"
    assert header.select_one("a.pal-official")["href"] == "https://undocs.org/A/RES/70/126"
    assert header.select_one("a.pal-source")["href"] == f"{REPO_URL}/blob/trunk/sources/a-res-70-126/source.txt"
    assert (
        page(subset_site, "a-res-70-126")
        .h1.get_text(strip=True)
        .startswith("Promoting social integration through social inclusion")
    )


def test_header_of_a_draft(subset_site):
    header = article(subset_site, "a-c-3-80-l-10").select_one("header.pal-header")
    assert "pal-header--draft" in header["class"]
    assert header.select_one(".pal-badge--draft").get_text() == "Draft"
    assert header.select_one("time")["datetime"] == "2025-10-14"
    assert "Adopted" not in header.get_text()


def test_official_url_from_document_yml(subset_site):
    header = article(subset_site, "ilc-109-record-7a").select_one("header.pal-header")
    assert header.select_one("a.pal-official")["href"].startswith("https://www.ilo.org/")


@pytest.mark.parametrize("slug", SUBSET)
def test_every_clause_has_a_unique_anchor_permalink_and_citation(subset_site, slug):
    art = article(subset_site, slug)
    data = json.loads((subset_site / "api" / f"{slug}.json").read_text(encoding="utf-8"))
    ids = [el["id"] for el in page(subset_site, slug).select("[id]")]
    assert [k for k, n in Counter(ids).items() if n > 1] == []
    clauses = art.select("div.pal-clause")
    assert [c["id"] for c in clauses] == [c["anchor"] for c in data["clauses"]]
    for div, rec in zip(clauses, data["clauses"]):
        assert div["data-eid"] == rec["eid"]
        para = div.find("p", recursive=False)
        assert para.select_one("a.pal-permalink")["href"] == f"#{rec['anchor']}"
        # what the "Cite" button (added by the script) builds the citation from
        assert div.select_one(".pal-num")["aria-label"] == rec["label"]
    # no aside markers are left on the page
    assert art.select("aside.pal-aside[data-anchor]:empty") == []


def test_points_nest_under_their_parent(subset_site):
    art = article(subset_site, "a-res-80-5")
    point = art.find(id="annex-p40-b")
    assert point.parent["id"] == "annex-p40"
    assert point.select_one(".pal-num").get_text() == "(b)"
    art = article(subset_site, "ilc-109-record-7a")
    assert art.find(id="conclusions-p14-a").parent["id"] == "conclusions-p14"
    assert art.find(id="op3-a").parent["id"] == "op3"


def test_layout_blocks(subset_site):
    art = article(subset_site, "a-res-70-126")
    assert art.select_one(".pal-formula").get_text(strip=True) == "The General Assembly,"
    assert [c.get_text(strip=True) for c in art.select(".pal-closing")] == ["80th plenary meeting", "17 December 2015"]
    assert art.select_one("#pp3 > p > em").get_text() == "Recalling also"
    assert art.select_one("#op4 > p > .pal-num").get_text() == "4."
    # parts and headings of a resolution followed by conclusions
    ilc = article(subset_site, "ilc-109-record-7a")
    assert ilc.find("h2", id="conclusions") is not None
    assert any("Guiding principles" in h.get_text() for h in ilc.find_all(["h3", "h4"]))


def test_footnotes_keep_printed_numbers(subset_site):
    art = article(subset_site, "a-res-80-178")
    data = json.loads((subset_site / "api" / "a-res-80-178.json").read_text(encoding="utf-8"))
    printed = {f["number"]: f["text"] for f in data["footnotes"]}
    assert len(printed) >= 20
    for a in art.select("sup a.footnote-ref"):
        number = a["href"].removeprefix("#fn:")
        assert a.get_text() == number and number in printed
    items = art.select("div.footnote > ol > li")
    assert [li["value"] for li in items] == sorted(printed, key=int)
    for li in items:
        note = li["id"].removeprefix("fn:")
        assert li["value"] == note
        words = printed[note].split()
        assert " ".join(li.get_text().split()).startswith(" ".join(words[:3]))
    # every clause's footnotes (JSON) are called in its HTML
    for rec in data["clauses"]:
        div = art.find(id=rec["anchor"])
        own = {a.get_text() for a in div.find("p", recursive=False).select("a.footnote-ref")}
        assert own == set(rec["footnotes"])


def test_citation_links(subset_site):
    art = article(subset_site, "a-res-70-126")
    links = {a.get_text(" ", strip=True): a["href"] for a in art.select("#pp3 a.pal-ref")}
    assert links == {
        "Economic and Social Council resolution 2010/12": "../e-res-2010-12/",
        "General Assembly resolutions 66/122": "https://undocs.org/A/RES/66/122",
        "68/131": "../a-res-68-131/",
    }
    # the relative link lands on a page of the site
    assert (subset_site / "a-res-68-131" / "index.html").is_file()
    # a report symbol is not linked as a resolution
    assert not [a for a in art.select("a.pal-ref") if "A/70/481" in a["href"]]


def test_home_lists_bodies_and_sessions_and_each_session_page_its_documents(subset_site):
    home = page(subset_site, ".").select_one("article")
    bodies = [h.get_text(" ", strip=True).rstrip("¶") for h in home.select(".pal-summary h2")]
    names = [b.rsplit(" ", 2)[0] for b in bodies]
    assert names == sorted(names) and "General Assembly" in names and "International Labour Conference" in names
    ga = home.find("a", string="General Assembly").find_parent("section")
    sessions = [a["href"] for a in ga.select(".pal-summary__sessions a")]
    assert sessions[0] == "browse/general-assembly/80/"  # the latest session first
    assert "browse/general-assembly/70/" in sessions
    # every document is listed on the page of its session (or its body's page without one)
    listed = set()
    for listing in (subset_site / "browse").rglob("index.html"):
        soup = BeautifulSoup(listing.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("table.pal-listing tbody a"):
            listed.add(a["href"].rstrip("/").rsplit("/", 1)[-1])
    assert set(SUBSET) <= listed
    s70 = page(subset_site, "browse/general-assembly/70")
    row = s70.find("a", string="A/RES/70/126").find_parent("tr")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[0] == "17 December 2015" and cells[3] == "A/70/481" and cells[-1] == "36"
    assert row.find("a")["href"] == "../../../a-res-70-126/"
    s80 = page(subset_site, "browse/general-assembly/80").select("table.pal-listing tbody tr")
    dates = [tr.find("td")["data-v"] for tr in s80]
    assert dates == sorted(dates, reverse=True) and len(s80) >= 2


def test_nav_holds_only_the_hand_written_pages(subset_site):
    nav = page(subset_site, "a-res-70-126").select_one("nav.md-nav--primary")
    hrefs = [a["href"] for a in nav.select("a.md-nav__link[href]")]
    assert not any("a-res" in h for h in hrefs)


def test_a_document_page_carries_no_hidden_table_of_contents(seed_site):
    """The margin panel takes the place of the table of contents: Material would still write
    every heading into the page, hidden; only the skip link's target is left."""
    doc = page(seed_site, "ilc-109-record-7a")  # parts and headings: a long table of contents
    assert len(doc.select("article h2, article h3")) > 2
    toc = doc.select("nav.md-nav--secondary a.md-nav__link")
    assert len(toc) <= 1
    skip = doc.select_one("a.md-skip")
    assert skip is not None and skip["href"] == "#document-title"
    # a hand-written page keeps its own
    assert len(page(seed_site, "how-to-cite").select("nav.md-nav--secondary a.md-nav__link")) > 1


def test_edit_url_points_at_the_source_folder(subset_site):
    edit = page(subset_site, "a-res-70-126").select_one('a.md-content__button[rel="edit"]')
    assert edit["href"] == f"{REPO_URL}/tree/trunk/sources/a-res-70-126"


def test_assets_and_footnote_tooltips(subset_site):
    html = (subset_site / "a-res-70-126" / "index.html").read_text(encoding="utf-8")
    assert "assets/palimpsest/palimpsest.css" in html and "assets/palimpsest/palimpsest.js" in html
    assert (subset_site / "assets" / "palimpsest" / "palimpsest.js").is_file()
    assert "content.footnote.tooltips" in html


def test_json_export_is_valid(subset_site):
    index = json.loads((subset_site / "api" / "index.json").read_text(encoding="utf-8"))
    jsonschema.validate(index, json.loads((SCHEMAS / "index.schema.json").read_text(encoding="utf-8")))
    assert sorted(d["slug"] for d in index["documents"]) == sorted(SUBSET)
    doc_schema = json.loads((SCHEMAS / "document.schema.json").read_text(encoding="utf-8"))
    for entry in index["documents"]:
        assert (subset_site / entry["url"] / "index.html").is_file()
        data = json.loads((subset_site / entry["data"]).read_text(encoding="utf-8"))
        jsonschema.validate(data, doc_schema)
        assert data["slug"] == entry["slug"]
    draft = next(d for d in index["documents"] if d["slug"] == "a-c-3-80-l-10")
    assert draft["adopted"] is None and draft["status"] == "draft"
    data = json.loads((subset_site / "api" / "a-res-70-126.json").read_text(encoding="utf-8"))
    cites = data["clauses"][2]["citations"]
    assert [(c["document"], c["url"]) for c in cites] == [
        ("e-res-2010-12", "e-res-2010-12/"),
        (None, "https://undocs.org/A/RES/66/122"),
        ("a-res-68-131", "a-res-68-131/"),
    ]


def test_broken_document_yml_fails_the_strict_build(tmp_path):
    project = make_project(tmp_path, slugs=("a-res-70-126",))
    yml = project / "sources" / "a-res-70-126" / "document.yml"
    yml.write_text(
        "".join(line for line in yml.read_text(encoding="utf-8").splitlines(True) if not line.startswith("title:")),
        encoding="utf-8",
    )
    build = run_build(project)
    assert build.returncode != 0
    assert re.search(r"sources/a-res-70-126/document\.yml:\d+: .*title", build.output), build.output[-3000:]
    assert "Fix:" in build.output


# --- one truth about lineage: the page, the comparison page and the export agree ---------------

PERCENT = re.compile(r"\((\d+)%\)")


def _href_target(href: str, here: str) -> tuple[str, str]:
    """``../a-res-68-131/#op4`` seen from ``a-res-70-126/`` → ("a-res-68-131", "op4")."""
    path, _, anchor = href.partition("#")
    parts = [p for p in (here + path).split("/") if p]
    out: list[str] = []
    for p in parts:
        if p == "..":
            out.pop()
        elif p not in (".", "index.html"):
            out.append(p)
    return "/".join(out), anchor


def _display_percent(similarity, same: bool):
    if same:
        return 100
    return max(1, min(99, int(round(similarity * 100))))


def test_page_comparison_and_export_agree_for_every_clause(seed_site):
    """Over every clause of the seed documents (their pages, lineage pages and comparison
    pages, read whole with BeautifulSoup: the whole corpus would take minutes), from the export: the panel lists exactly the export's
    ``evolved_from`` (same clauses, same order, same percent); "100%" and "Identical" only for
    identical text; "Show changes" only over a real change; "New in this text" exactly when
    the export has no link; every pair of the comparison page is a link of the export with the
    same percent, and a clause the comparison calls new has no link to the predecessor."""
    index = json.loads((seed_site / "api" / "index.json").read_text(encoding="utf-8"))
    records = {d["slug"]: json.loads((seed_site / d["data"]).read_text(encoding="utf-8")) for d in index["documents"]}
    texts = {(s, c["anchor"]): c["text"] for s, r in records.items() for c in r["clauses"]}
    checked = links_checked = rows_checked = 0
    for slug, rec in records.items():
        soup = page(seed_site, slug)
        lineage_file = seed_site / slug / "lineage" / "index.html"
        lineage = (
            BeautifulSoup(lineage_file.read_text(encoding="utf-8"), "html.parser") if lineage_file.is_file() else None
        )
        for clause in rec["clauses"]:
            anchor = clause["anchor"]
            div = soup.find(id=anchor)
            exported = clause.get("evolved_from", [])
            later = clause.get("carried_into", [])
            # the document page: a marker linking to the clause's section of the lineage page,
            # exactly when the clause shares wording with another text
            marker = div.select_one(":scope > .pal-aside > a.pal-marker")
            assert (marker is not None) == bool(exported or later), f"{slug}#{anchor}: marker vs export"
            checked += 1
            if marker is None:
                continue
            assert marker["href"] == f"lineage/#{anchor}", f"{slug}#{anchor}"
            if exported:
                first = records.get(exported[0]["document"], {}).get("symbol", "")
                assert f"· {first}" in marker.get_text() and "↰" in marker.get_text()
            if later:
                assert f"↳ {len(later)} later text" in marker.get_text()
            # the lineage page: what the panel shows
            body = lineage.find("section", id=anchor)
            assert body is not None, f"{slug}/lineage/ has no section #{anchor}"
            here = f"{slug}/lineage/"
            items = (
                body.select(".pal-lineage > .pal-lineage__list")[0].select(":scope > .pal-lineage__item")
                if exported
                else []
            )
            # the nearest LINEAGE_SHOWN with their changes, then "and N more" by name
            shown_n = min(len(exported), LINEAGE_SHOWN)
            assert len(items) == shown_n, f"{slug}#{anchor}: panel lists {len(items)} links, export {len(exported)}"
            if len(exported) > LINEAGE_SHOWN:
                more = body.select_one(f"#{anchor}-evolved-more")
                assert more is not None and len(more.select(".pal-lineage__item")) == len(exported) - LINEAGE_SHOWN
                rest = [_href_target(i.a["href"], here) for i in more.select(".pal-lineage__item")]
                assert rest == [(x["document"], x["anchor"]) for x in exported[LINEAGE_SHOWN:]], f"{slug}#{anchor}"
            for item, link in zip(items, exported):
                a = item.select_one("p > a")
                assert _href_target(a["href"], here) == (link["document"], link["anchor"]), f"{slug}#{anchor}"
                same = " ".join(texts[(link["document"], link["anchor"])].split()) == " ".join(clause["text"].split())
                shown = int(PERCENT.search(item.select_one(".pal-similarity").get_text()).group(1))
                assert shown == _display_percent(link["similarity"], same), f"{slug}#{anchor} → {link}"
                assert (link["similarity"] == 1.0) == same, f"{slug}#{anchor}: similarity 1.0 only for identical text"
                if same:
                    assert (
                        item.select_one(".pal-diff--identical") is not None
                        and item.select_one("details.pal-diff") is None
                    )
                else:
                    diff = item.select_one("details.pal-diff")
                    assert diff is not None and diff.select("del, ins"), f"{slug}#{anchor}: a change without its diff"
                links_checked += 1
            after = f"#{anchor}-carried ~ div .pal-lineage__item, #{anchor}-carried ~ details .pal-lineage__item"
            carried = [_href_target(i.a["href"], here) for i in body.select(after)]
            assert carried == [(x["document"], x["anchor"]) for x in later], f"{slug}#{anchor}: carried into"
            new_line = body.select_one(".pal-lineage__new")
            assert (new_line is not None) == (not exported), f"{slug}#{anchor}: 'New in this text' vs export"
            assert body.get_text().count("New in this text") <= 1
        cmp_file = seed_site / slug / "compare" / "index.html"
        if not cmp_file.is_file():
            continue
        cmp = BeautifulSoup(cmp_file.read_text(encoding="utf-8"), "html.parser")
        by_anchor = {c["anchor"]: c for c in rec["clauses"]}
        for row in cmp.select(".pal-redline > .pal-cmp:not(.pal-cmp--dropped)"):
            clause = by_anchor[row["id"]]
            status = next(c for c in row["class"] if c.startswith("pal-cmp--"))[len("pal-cmp--") :]
            src = row.select_one(".pal-cmp__from a")
            pred_slug = None
            if src is not None:
                pred_slug, pred_anchor = _href_target(src["href"], f"{slug}/compare/")
                match = [
                    x
                    for x in clause.get("evolved_from", [])
                    if (x["document"], x["anchor"]) == (pred_slug, pred_anchor)
                ]
                assert match, (
                    f"{slug}/compare/#{row['id']}: pairs it with {pred_slug}#{pred_anchor}, the export does not"
                )
                same = " ".join(texts[(pred_slug, pred_anchor)].split()) == " ".join(clause["text"].split())
                assert (status == "kept") == (same and status != "moved"), f"{slug}/compare/#{row['id']}: {status}"
                head = row.select_one(".pal-cmp__from").get_text()
                if same:
                    assert "(identical)" in head
                elif status != "kept":
                    assert f"shares {_display_percent(match[0]['similarity'], same)}%" in head
            else:
                assert status == "new"
                pred = cmp.select_one(".pal-cmp-intro a:nth-of-type(2)")
                pred_slug = _href_target(pred["href"], f"{slug}/compare/")[0]
                assert not [x for x in clause.get("evolved_from", []) if x["document"] == pred_slug], (
                    f"{slug}/compare/#{row['id']} says new, the export links it to {pred_slug}"
                )
            rows_checked += 1
    assert checked == sum(len(r["clauses"]) for r in records.values())
    assert links_checked > 100 and rows_checked > 100, (links_checked, rows_checked)  # the test saw real data


def test_document_header_is_the_template_escaped(tmp_path):
    """The header comes from templates/partials/palimpsest/document-header.html; a
    contributor's value with markup is shown as text, never as HTML."""
    project = make_project(tmp_path, ("a-res-70-126",))
    yml = project / "sources" / "a-res-70-126" / "document.yml"
    text = yml.read_text(encoding="utf-8")
    # (a session with markup is refused by the schema: the committee report is shown as is)
    text = re.sub(r"^committee_report: .*$", 'committee_report: "70 <img src=x onerror=alert(1)>"', text, flags=re.M)
    yml.write_text(text, encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output[-3000:]
    art = article(build.site, "a-res-70-126")
    header = art.select_one("header.pal-header")
    assert header.select_one("img") is None
    assert "70 <img src=x onerror=alert(1)>" in header.get_text()
    cite = json.loads(art.select_one("script#pal-cite").string)
    assert {f["id"] for f in cite["formats"]} == {"short", "full", "oscola", "bluebook", "link"}
    assert cite["url"] == f"{SITE_URL}a-res-70-126/"


def test_no_page_fetches_repository_facts(built_site):
    """Material fetches stars/forks from api.github.com for an element marked
    data-md-component="source"; the override keeps the link without the marker."""
    for html in [built_site / "index.html", built_site / "a-res-70-126" / "index.html"]:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        assert soup.select('[data-md-component="source"]') == []
        assert soup.select_one("a.md-source")["href"].startswith("https://github.com/")
