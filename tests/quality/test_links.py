"""Every internal link and fragment of the built site resolves (``scripts/check_links.py``,
offline, external links skipped) and every anchor of the JSON export is an id of its page."""

from __future__ import annotations

import json

from quality_support import load_script, site_url

check_links = load_script("check_links")


def test_internal_links_and_fragments_resolve(seed_site):
    problems = check_links.check_site(seed_site, site_url())
    assert not problems, f"{len(problems)} broken link(s):\n" + "\n".join(map(str, problems[:40]))


def test_checker_finds_broken_links(tmp_path):
    """The checker is not vacuous: a missing page, a missing fragment and a duplicate id."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="x">x</p><a href="a/">ok</a><a href="a/#y">ok</a><a href="b/">404</a>'
        '<a href="a/#nope">bad fragment</a><a href="#x">ok</a><a href="https://example.org/z">external</a>'
    )
    (tmp_path / "a" / "index.html").write_text('<p id="y">y</p><p id="y">dup</p><a href="../#x">ok</a>')
    found = {(p.page, p.link) for p in check_links.check_site(tmp_path)}
    assert found == {("index.html", "b/"), ("index.html", "a/#nope"), ("a/index.html", "#y")}


def test_json_anchors_exist_in_their_pages(seed_site):
    index = json.loads((seed_site / "api" / "index.json").read_text(encoding="utf-8"))
    assert index["documents"], "api/index.json lists no document"
    missing = []
    checked = 0
    for entry in index["documents"]:
        record = json.loads((seed_site / entry["data"]).read_text(encoding="utf-8"))
        page = seed_site / record["url"] / "index.html"
        assert page.is_file(), f"{entry['data']}: its page {record['url']} is not in the site"
        ids = check_links.page_ids(page)
        for clause in record["clauses"]:
            checked += 1
            if clause["anchor"] not in ids:
                missing.append(f"{record['url']}#{clause['anchor']}")
        for note in record.get("footnotes", []):
            if f"fn:{note['number']}" not in ids:
                missing.append(f"{record['url']}#fn:{note['number']}")
    assert checked > 500
    assert not missing, f"{len(missing)} anchor(s) of the JSON export missing from the pages: {missing[:20]}"
