"""The lineage of each clause in a real browser: the sidebar, its diff, keyboard access, the
narrow layout, the comparison page and the corpus map."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CLAUSE = "#op4"
MARKER = f"{CLAUSE} > .pal-aside details.pal-more > summary.pal-marker"
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
    assert link.get_attribute("href") == "../a-res-68-131/#op4"
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
    page.locator("#op3 > .pal-aside summary.pal-marker").click()  # op3 = 68/131 op3, word for word
    first = page.locator(f"{PANEL} .pal-lineage__item").first
    assert "(100%)" in first.inner_text() and "Identical wording" in first.inner_text()
    assert first.locator("details.pal-diff").count() == 0
    assert js_errors == []


def test_without_javascript_the_lineage_opens_under_the_clause(browser, site_url):
    ctx = browser.new_context(base_url=site_url, java_script_enabled=False, viewport={"width": 375, "height": 800})
    try:
        page = ctx.new_page()
        page.goto("a-res-70-126/")
        block = page.locator(f"{CLAUSE} > .pal-aside details.pal-more")
        assert block.evaluate("d => d.open") is False
        assert not block.locator(".pal-lineage").is_visible()
        text_box = page.locator(f"{CLAUSE} > p").first.bounding_box()
        box = block.bounding_box()
        assert box["y"] >= text_box["y"] + text_box["height"] - 1  # under the clause
        assert box["x"] + box["width"] <= 375 + 1  # no horizontal overflow
        block.locator("> summary").focus()
        page.keyboard.press("Enter")
        assert block.evaluate("d => d.open") is True
        assert block.locator(".pal-lineage").is_visible() and block.locator("#op4-note").is_visible()
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
