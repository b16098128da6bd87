"""Search (Pagefind) in Chromium, on the real site: clause-level results, symbols in the forms
readers type, filters, landing on the anchor with the words marked, nothing fetched before the
reader types, JavaScript off; and under `mkdocs serve` with the site under a sub-path."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from palimpsest.search import symbol_keys

pytestmark = pytest.mark.browser


def search(page, query: str):
    page.fill("#pal-search-input", query)
    page.wait_for_function(
        "() => /found|Nothing/.test(document.querySelector('.pal-search__panel .pal-search__status').textContent)"
    )
    return page.locator(".pal-search__panel .pal-search__results a.pal-result__title")


def test_nothing_is_fetched_before_the_reader_types(page, js_errors):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto("a-res-78-175/", wait_until="networkidle")
    assert not [u for u in fetched if "pagefind" in u or "search_index" in u]
    search(page, "cooperatives")
    assert [u for u in fetched if u.endswith("pagefind/pagefind.js")]
    assert js_errors == []


def test_a_phrase_gives_clause_results_titled_with_their_citation(page, js_errors):
    page.goto("a-res-78-175/")
    titles = search(page, "cooperatives in social development")
    first = titles.first
    assert re.fullmatch(r"A/RES/\d+/\d+, (preambular )?para\. \d+( \([a-z]+\))?", first.inner_text()), (
        first.inner_text()
    )
    href = first.get_attribute("href")
    assert re.search(r"/a-res-\d+-\d+/\?h=[^#]+#(pp|op)\d+", href), href
    excerpt = page.locator(".pal-search__panel .pal-result--clause .pal-result__excerpt").first
    assert excerpt.locator("mark").count() >= 1
    # the landing: the clause is the target, the words are marked in it
    anchor = href.rsplit("#", 1)[1]
    first.click()
    page.wait_for_url(re.compile(f"#{anchor}$"))
    marks = page.locator(f"[id='{anchor}'] mark.pal-hit")
    assert marks.count() >= 1
    assert page.evaluate(
        f"() => {{ const r = document.getElementById('{anchor}').getBoundingClientRect(); return r.top >= -5 && r.top < innerHeight; }}"
    )
    assert js_errors == []


@pytest.mark.parametrize("query", ["A/RES/70/126", "70/126", "resolution 70/126", "General Assembly resolution 70/126"])
def test_a_symbol_in_any_usual_form_puts_its_document_first(page, js_errors, query):
    page.goto("how-to-cite/")
    titles = search(page, query)
    assert titles.first.inner_text() == "A/RES/70/126"
    assert titles.first.get_attribute("href").rstrip("/").endswith("/a-res-70-126")
    assert js_errors == []


def test_symbol_keys_are_the_same_in_the_browser_and_the_index(page):
    page.goto("how-to-cite/")
    for typed, symbol in [
        ("S/RES/2334 (2016)", "S/RES/2334"),
        ("resolution 2334 (2016)", "S/RES/2334"),
        ("E/RES/2010/12", "E/RES/2010/12"),
        ("a/res/78/175", "A/RES/78/175"),
    ]:
        key = page.evaluate("q => window.palimpsestSearch.symbolKey(q)", typed)
        assert key in symbol_keys(symbol), (typed, key)


def test_filters_by_body_and_clause_kind(page, js_errors):
    page.goto("search/?q=social+integration&body=Economic+and+Social+Council&kind=preambular")
    page.wait_for_function("() => /found|Nothing/.test(document.querySelector('.pal-search-page__status').textContent)")
    titles = page.locator(".pal-search-page__results a.pal-result__title").all_inner_texts()
    assert titles and all(t.startswith("E/RES/") for t in titles), titles
    assert all("preambular para." in t for t in titles), titles
    assert page.locator("select[name=body]").input_value() == "Economic and Social Council"
    # changing a filter runs the search again
    page.select_option("select[name=kind]", "")
    page.select_option("select[name=body]", "General Assembly")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.pal-search-page__results a.pal-result__title')]"
        ".some(a => a.textContent.startsWith('A/RES/'))"
    )
    assert "body=General+Assembly" in page.url
    assert js_errors == []


def test_notes_are_searchable_lineage_is_not(page):
    page.goto("search/?q=verbatim")  # a word of a contributor's note on A/RES/68/131
    page.wait_for_function("() => /found|Nothing/.test(document.querySelector('.pal-search-page__status').textContent)")
    assert "A/RES/68/131" in page.locator(".pal-search-page__results").inner_text()
    page.goto("search/?q=%22Evolved+from%22")  # the lineage sidebars' own words
    page.wait_for_function("() => /found|Nothing/.test(document.querySelector('.pal-search-page__status').textContent)")
    assert not page.locator(".pal-search-page__results .pal-result--clause").count()


def test_without_javascript_search_says_so_and_links_to_the_lists(browser, site_url):
    ctx = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        tab = ctx.new_page()
        tab.goto("a-res-70-126/")
        tab.fill("#pal-search-input", "social inclusion")
        tab.press("#pal-search-input", "Enter")
        tab.wait_for_url(re.compile(r"/search/\?q=social\+inclusion"))
        text = tab.locator("article").inner_text()
        assert "needs JavaScript" in text
        href = tab.locator("article noscript a, article a", has_text="lists of documents").first.get_attribute("href")
        assert href and "browse" in href
    finally:
        ctx.close()


# --- mkdocs serve, site under a sub-path ---------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
    from subset_project import make_project

    project = make_project(tmp_path_factory.mktemp("serve") / "project")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    base = f"http://127.0.0.1:{port}/palimpsest/"  # site_url of the subset project has /palimpsest/
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "pagefind/pagefind.js", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(1)
    else:
        proc.kill()
        pytest.fail("mkdocs serve did not serve pagefind/pagefind.js:\n" + proc.stdout.read().decode()[-3000:])
    yield base
    proc.terminate()
    proc.wait(timeout=20)


def test_search_works_under_serve_at_a_sub_path(browser, served):
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        tab.goto(served + "a-res-80-5/")
        titles = search(tab, "68/131")
        assert titles.first.inner_text() == "A/RES/68/131"
        href = titles.first.get_attribute("href")
        assert href.startswith(served + "a-res-68-131/"), href
    finally:
        ctx.close()
