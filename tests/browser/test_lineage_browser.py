"""The lineage of each clause in a real browser: the sidebar, its diff, keyboard access, the
narrow layout, the comparison page and the corpus map."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CLAUSE = "#op4"
MARKER = f"{CLAUSE} > .pal-aside > a.pal-marker"
PANEL = ".pal-panel"


def test_panel_beside_the_text_with_diff(page, js_errors):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("a-res-70-126/")
    page.locator(MARKER).click()
    block = page.locator(f"{PANEL} .pal-lineage")
    # beside the clause, not under it
    text_box = page.locator(f"{CLAUSE} > p").first.bounding_box()
    panel_box = page.locator(PANEL).bounding_box()
    assert panel_box["x"] >= text_box["x"] + text_box["width"] - 1
    link = block.locator(".pal-lineage__item a").first
    # fetched from the lineage page (a-res-70-126/lineage/), its links resolved against it
    assert link.get_attribute("href").endswith("/a-res-68-131/#op4")
    assert page.url.endswith("/a-res-70-126/")  # the marker opened the panel, it did not navigate
    diff = block.locator("details.pal-diff").first
    assert diff.evaluate("d => d.open") is False
    diff.locator("> summary").click()
    assert diff.evaluate("d => d.open") is True
    assert diff.locator("del").first.is_visible() and diff.locator("ins").first.is_visible()
    deco = diff.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in deco
    assert "underline" in diff.locator("ins").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert (
        block.locator(".pal-lineage__item", has_text="A/RES/68/131").first.inner_text().count("Shares wording with")
        == 1
    )
    assert "Carried into" in block.inner_text()
    assert js_errors == []


def test_identical_wording_has_no_show_changes(page, js_errors):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("a-res-70-126/")
    page.locator("#op3 > .pal-aside > a.pal-marker").click()  # op3 = 68/131 op3, word for word
    first = page.locator(f"{PANEL} .pal-lineage__item").first
    assert "(100%)" in first.inner_text() and "Identical wording" in first.inner_text()
    assert first.locator("details.pal-diff").count() == 0
    assert js_errors == []


def test_without_javascript_the_marker_leads_to_the_lineage_and_the_note_opens_in_place(browser, site_url):
    ctx = browser.new_context(base_url=site_url, java_script_enabled=False, viewport={"width": 375, "height": 800})
    try:
        page = ctx.new_page()
        page.goto("a-res-70-126/")
        note = page.locator("#pp4 > .pal-aside details.pal-more")
        assert note.evaluate("d => d.open") is False
        text_box = page.locator("#pp4 > p").first.bounding_box()
        box = note.bounding_box()
        assert box["y"] >= text_box["y"] + text_box["height"] - 1  # under the clause
        assert box["x"] + box["width"] <= 375 + 1  # no horizontal overflow
        note.locator("> summary").focus()
        page.keyboard.press("Enter")
        assert note.evaluate("d => d.open") is True and note.locator("#pp4-note").is_visible()
        # the lineage marker is a link to the clause's section of the lineage page
        marker = page.locator(MARKER)
        marker_box = marker.bounding_box()
        clause_box = page.locator(f"{CLAUSE} > p").first.bounding_box()
        assert marker_box["y"] >= clause_box["y"] + clause_box["height"] - 1
        marker.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/a-res-70-126/lineage/#op4")
        section = page.locator("section#op4")
        assert section.locator(".pal-lineage__item", has_text="A/RES/68/131").first.is_visible()
        assert section.locator("details.pal-diff").count() >= 1
        # and back to the clause
        section.locator("h2 a").click()
        page.wait_for_url("**/a-res-70-126/#op4")
    finally:
        ctx.close()


def test_comparison_page(page, js_errors):
    page.goto("a-res-70-126/")
    page.locator("a.pal-compare").click()
    page.wait_for_url("**/a-res-70-126/compare/")
    assert page.locator("h1").inner_text().startswith("A/RES/70/126 compared with A/RES/68/131")
    assert "of this text was carried over" in page.locator(".pal-cmp-summary").inner_text()
    changed = page.locator(".pal-cmp--changed").first
    assert changed.locator("del").count() + changed.locator("ins").count() > 0
    assert page.locator(".pal-cmp--dropped del").count() > 0
    changed.locator(".pal-cmp__head a").nth(1).click()
    page.wait_for_url("**/a-res-68-131/#*")
    assert js_errors == []


def test_corpus_map_renders_an_svg(page, js_errors):
    page.goto("corpus-map/")
    svg = page.locator("svg.pal-map__svg")
    assert svg.is_visible()
    assert svg.get_attribute("role") is None  # it holds links: not an image (axe: nested-interactive)
    box = svg.bounding_box()
    assert box["width"] > 200 and box["height"] > 200
    # aggregated by session: an arc per flow between two groups, each a link to its table row
    arcs = page.locator("svg.pal-map__svg a path.pal-map__flow")
    assert arcs.count() >= 2
    assert page.locator(".pal-map__flows tbody tr").count() >= arcs.count()
    assert page.locator("svg.pal-map__svg a.pal-map__doc").count() == page.locator(".pal-map__groups tbody tr").count()
    assert js_errors == []


def test_the_lineage_page_is_fetched_only_when_a_clause_is_opened_and_once(page, js_errors):
    page.set_viewport_size({"width": 1440, "height": 900})
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/lineage/" in r.url else None)
    page.goto("a-res-70-126/")
    page.wait_for_load_state("networkidle")
    assert fetched == []  # the document page alone: its size does not grow with the corpus
    page.locator(MARKER).click()
    page.locator(f"{PANEL} .pal-lineage").wait_for()
    page.locator("#op5 > .pal-aside > a.pal-marker").click()
    page.locator(f"{PANEL} .pal-lineage").wait_for()
    assert "A/RES/70/126, para. 5" in page.locator(".pal-panel__title").inner_text()
    assert len(fetched) == 1 and fetched[0].endswith("/a-res-70-126/lineage/")
    assert js_errors == []


def test_when_the_lineage_page_cannot_be_fetched_the_panel_links_to_it(page, js_errors):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.route("**/lineage/", lambda route: route.fulfill(status=503, body="unavailable"))
    page.goto("a-res-70-126/")
    page.locator(MARKER).click()
    fallback = page.locator(f"{PANEL} .pal-lineage__fallback a")
    fallback.wait_for()
    assert fallback.get_attribute("href").endswith("/a-res-70-126/lineage/#op4")
    assert page.locator(f"{PANEL} .pal-lineage__loading").count() == 0
    assert page.locator(f"{PANEL} .pal-citetool").is_visible()  # citing still works
