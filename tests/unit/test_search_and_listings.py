"""Search data (symbol keys, clause map, filters) and the browse pages, on documents built in
memory and on the real seeds."""

from __future__ import annotations

import yaml
from bs4 import BeautifulSoup
from small_corpus import ROOT, content_block, one_clause_document, template_environment

from palimpsest.model import Document
from palimpsest.render import SiteContext
from palimpsest.render.listings import PAGE_ROWS, listing_pages, summary
from palimpsest.search import search_data, search_filters, symbol_keys

CTX = SiteContext()


def doc(i: int, session: str | None = "78", body: str = "General Assembly", title: str | None = None) -> Document:
    return one_clause_document(
        f"a-res-{session or 0}-{i}",
        f"A/RES/{session or 0}/{i}",
        title=title or f"Title {i}",
        body=body,
        adopted=f"2023-12-{(i % 28) + 1:02d}",
        session=session or "",
    )


def test_symbol_keys_match_the_forms_readers_type():
    # the same rule runs in assets/search.js (symbolKey): keep both in step
    assert symbol_keys("A/RES/70/126") == ["symaxresx70x126z", "sym70x126z"]
    assert symbol_keys("S/RES/2334 (2016)") == ["symsxresx2334z", "sym2334z"]
    assert symbol_keys("E/ESCAP/RES/67/8") == ["symexescapxresx67x8z", "sym67x8z"]
    assert symbol_keys("A/C.3/80/L.10") == ["symaxc3x80xl10z"]
    # no key is a prefix of another (Pagefind matches the last query word as a prefix)
    assert not symbol_keys("A/RES/70/10")[0].startswith(symbol_keys("A/RES/70/1")[0])
    js = (ROOT / "plugins" / "palimpsest" / "assets" / "search.js").read_text(encoding="utf-8")
    assert '"sym" + segments.join("x") + "z"' in js and 'replace(/[^a-z0-9]/g, "")' in js


def test_search_data_carries_clause_labels_and_filters():
    data = search_data(doc(5))
    assert data["clauses"] == "op1|op|para. 1"
    assert data["filters"] == {"body": "General Assembly", "session": "78", "year": "2023"}
    assert search_filters([doc(1), doc(2, "79"), doc(3, None, "Security Council")])["session"] == ["79", "78"]


def test_clause_list_encodes_what_its_separators_could_break():
    """``anchor|kind|label;…``: a label holding a separator is percent-encoded (search.js
    decodes it), every kind has its code."""
    from dataclasses import replace

    from palimpsest.search.records import CLAUSE_KIND_CODES, clause_list

    d = doc(5)
    odd = replace(d.clauses[0], label="annex; part|2, para. 1 (a) — 100%")
    d2 = replace(d, parts=(replace(d.parts[0], items=(odd,)),))
    item = clause_list(d2)
    anchor, kind, label = item.split("|")
    assert (anchor, kind) == ("op1", "op") and ";" not in label and "|" not in label
    from urllib.parse import unquote

    assert unquote(label) == "annex; part|2, para. 1 (a) — 100%"
    from typing import get_args

    from palimpsest.model import ClauseKind

    assert set(CLAUSE_KIND_CODES) == set(get_args(ClauseKind))
    # the page script decodes with the same table
    import re

    js = (ROOT / "plugins/palimpsest/assets/search.js").read_text(encoding="utf-8")
    table = re.search(r"var KINDS = \{([^}]*)\}", js)
    assert table, "search.js has no KINDS table"
    decoded = dict(re.findall(r'(\w+): "(\w+)"', table.group(1)))
    assert decoded == {code: kind for kind, code in CLAUSE_KIND_CODES.items()}


def test_search_data_partial_escapes_contributor_values():
    env = template_environment()
    bad = doc(1, title='"><script>alert(1)</script>')
    html = env.get_template("partials/palimpsest/search-data.html").render(
        page={"meta": {"palimpsest": {"search": search_data(bad)}}}
    )
    assert "<script>" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('[data-pagefind-meta="doc_title[data-v]"]')["data-v"] == bad.meta.title
    assert soup.select_one("[data-pagefind-weight]").get_text() == "symaxresx78x1z sym78x1z"


def front(markdown: str) -> dict:
    return yaml.safe_load(markdown.split("---\n")[1])


def test_listing_pages_by_session_newest_first_and_paginated():
    docs = [doc(i) for i in range(1, PAGE_ROWS + 11)] + [doc(1, "79"), doc(2, None, "Security Council")]
    pages = dict(listing_pages(docs, CTX))
    assert {
        "browse/index.md",
        "browse/general-assembly/index.md",
        "browse/general-assembly/78/index.md",
        "browse/general-assembly/78/2/index.md",
        "browse/general-assembly/79/index.md",
        "browse/security-council/other/index.md",
    } <= set(pages)
    first = front(pages["browse/general-assembly/78/index.md"])
    data = first["palimpsest"]
    assert first["template"] == "palimpsest/listing.html" and first["search"] == {"exclude": True}
    assert len(data["rows"]) == PAGE_ROWS and data["count"] == PAGE_ROWS + 10
    dates = [r["date"] for r in data["rows"]]
    assert dates == sorted(dates, reverse=True)
    assert data["rows"][0]["url"] == "../../../a-res-78-27/" or data["rows"][0]["url"].startswith("../../../a-res-78-")
    assert [p["url"] for p in data["pages"]] == ["./", "2/"]
    second = front(pages["browse/general-assembly/78/2/index.md"])["palimpsest"]
    assert len(second["rows"]) == 10 and second["pages"][0]["url"] == "../"
    body = front(pages["browse/general-assembly/index.md"])["palimpsest"]
    assert [s["session"] for s in body["sessions"]] == ["79", "78"]


def test_summary_counts_latest_session_first():
    s = summary([doc(1), doc(2), doc(1, "79"), doc(1, "8")], CTX, "")
    ga = s["bodies"][0]
    assert [x["session"] for x in ga["sessions"]] == ["79", "78", "8"]
    assert [x["count"] for x in ga["sessions"]] == [1, 2, 1] and ga["count"] == 4
    assert ga["sessions"][0]["url"] == "browse/general-assembly/79/"


def test_listing_template_escapes_and_sorts_on_the_real_seeds(seed_docs):
    docs = seed_docs + [doc(9, "78", title="<img src=x onerror=alert(1)>")]
    # render the table part alone (Material's base is not here)
    tpl = content_block("palimpsest/listing.html")
    tpl.globals["config"] = {}
    for src, markdown in listing_pages(docs, CTX):
        meta = front(markdown)
        html = tpl.render(page={"meta": meta})
        assert "<img src=x" not in html, src
        assert len(html.encode()) < 200_000, src
        if meta["palimpsest"]["kind"] == "session":
            soup = BeautifulSoup(html, "html.parser")
            assert len(soup.select("table.pal-listing tbody tr")) == len(meta["palimpsest"]["rows"])


def test_pagefind_reads_the_pages_it_indexes_and_only_those(tmp_path):
    """``index_glob``: every page at most one folder down, the deeper ones by name (glob
    characters escaped); too long an argument falls back to reading everything. Checked with
    Pagefind itself on a small site: the lineage page is not read, a deep hand-written page is."""
    import subprocess
    import sys

    from palimpsest.search.pagefind import GLOB_MAX, index_glob

    pages = ["index.html", "a-res-70-126/index.html", "guide/intro/index.html", "odd{1}/x,y/index.html"]
    glob = index_glob(pages)
    assert glob == "{*.html,*/index.html,guide/intro/index.html,odd[{]1[}]/x[,]y/index.html}"
    assert index_glob([f"d{i:06d}/deep/er/index.html" for i in range(GLOB_MAX // 20)]) is None

    body = "<html><body><main data-pagefind-body><p>{}</p></main></body></html>"
    for path, word in [
        ("index.html", "home"),
        ("a-res-70-126/index.html", "clause"),
        ("a-res-70-126/lineage/index.html", "lineage"),
        ("guide/intro/index.html", "guide"),
    ]:
        f = tmp_path / path
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(body.format(word), encoding="utf-8")
    indexed = ["index.html", "a-res-70-126/index.html", "guide/intro/index.html"]
    run = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(tmp_path), "--glob", index_glob(indexed)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "Indexed 3 pages" in run.stdout, run.stdout
