"""The real site (whole corpus + hand-written pages), built once by the shared ``built_site``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def test_every_source_has_a_page_and_data(built_site):
    slugs = sorted(p.name for p in (ROOT / "sources").iterdir() if (p / "document.yml").is_file())
    index = json.loads((built_site / "api" / "index.json").read_text(encoding="utf-8"))
    assert sorted(d["slug"] for d in index["documents"]) == slugs
    for slug in slugs:
        assert (built_site / slug / "index.html").is_file()


def test_hand_written_pages(built_site):
    for name in ("how-to-cite", "data"):
        assert (built_site / name / "index.html").is_file()
    soup = BeautifulSoup((built_site / "how-to-cite" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in soup.select("article a[href]")}
    assert "../ilc-109-record-7a/#conclusions-p14-a" in hrefs and "../a-res-80-5/#annex-p12" in hrefs
    target = BeautifulSoup((built_site / "a-res-80-5" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert target.find(id="annex-p12") is not None


def test_home_lists_every_document(built_site):
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    sessions = [a["href"] for a in soup.select("article .pal-summary a")]
    linked = set()
    paged = 0
    for href in sessions:
        listing = BeautifulSoup((built_site / href / "index.html").read_text(encoding="utf-8"), "html.parser")
        # a session of more than PAGE_ROWS documents continues on numbered pages (78/2/)
        more = [href + a["href"] for a in listing.select(".pal-listing__pages a")]
        paged += bool(more)
        for url in [None, *more]:
            if url is not None:
                listing = BeautifulSoup((built_site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
            linked |= {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in listing.select("table.pal-listing tbody a")}
    slugs = {p.name for p in (ROOT / "sources").iterdir() if (p / "document.yml").is_file()}
    assert slugs <= linked
    assert paged >= 1  # sessions 78 and 79 hold more documents than one listing page
    # search is Pagefind's (fragmented), not Material's (one index of the whole site)
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert not (built_site / "search" / "search_index.json").exists()
