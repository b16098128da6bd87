"""The lineage of each clause in a real browser: the sidebar, its diff, keyboard access, the
narrow layout, the comparison page and the corpus map."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CLAUSE = "#op4"
LINEAGE = f"{CLAUSE} > .pal-aside details.pal-lineage"


def test_sidebar_open_on_wide_screens_with_diff(page, js_errors):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("a-res-70-126/")
    block = page.locator(LINEAGE)
    assert block.evaluate("d => d.open") is True  # lineage.js opens it beside the clause
    summary = block.locator("> summary")
    assert "Evolved from A/RES/68/131 para. 4" in summary.inner_text()
    # beside the clause, not under it
    text_box = page.locator(f"{CLAUSE} > p").first.bounding_box()
    aside_box = page.locator(f"{CLAUSE} > .pal-aside").bounding_box()
    assert aside_box["x"] >= text_box["x"] + text_box["width"] - 1
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
    assert block.locator(".pal-lineage__item", has_text="A/RES/68/131").inner_text().count("Shares wording with") == 1
    assert "Carried into" in block.inner_text()
    assert js_errors == []


def test_keyboard_reaches_the_lineage_and_opens_the_diff(page, js_errors):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("a-res-70-126/")
    target = page.locator(f"{LINEAGE} details.pal-diff > summary").first
    target.evaluate("e => e.setAttribute('data-test-target', '1')")
    page.locator(f"{CLAUSE} .pal-permalink").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.dataset.testTarget === '1'"):
            break
    else:
        pytest.fail("Tab never reached the 'Show changes' summary of op4")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    diff = page.locator(f"{LINEAGE} details.pal-diff").first
    assert diff.evaluate("d => d.open") is True
    assert diff.locator("del").first.is_visible()
    assert js_errors == []


def test_narrow_layout_collapses_under_the_clause(page, js_errors):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("a-res-70-126/")
    block = page.locator(LINEAGE)
    assert block.evaluate("d => d.open") is False
    assert not block.locator(".pal-lineage__body").is_visible()
    text_box = page.locator(f"{CLAUSE} > p").first.bounding_box()
    box = block.bounding_box()
    assert box["y"] >= text_box["y"] + text_box["height"] - 1  # under the clause
    assert box["x"] + box["width"] <= 375 + 1  # no horizontal overflow
    block.locator("> summary").focus()
    page.keyboard.press("Enter")
    assert block.evaluate("d => d.open") is True
    assert block.locator(".pal-lineage__body").is_visible()
    assert js_errors == []


def test_new_clause_says_so(page):
    page.goto("e-res-2010-12/")
    summary = page.locator("#op1 > .pal-aside details.pal-lineage > summary")
    assert "New in this text" in summary.inner_text()


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
    assert svg.get_attribute("role") == "img"
    box = svg.bounding_box()
    assert box["width"] > 200 and box["height"] > 200
    # aggregated by session: an arc per flow between two groups, each a link to its table row
    arcs = page.locator("svg.pal-map__svg a path.pal-map__flow")
    assert arcs.count() >= 2
    assert page.locator(".pal-map__flows tbody tr").count() >= arcs.count()
    assert page.locator("svg.pal-map__svg a.pal-map__doc").count() == page.locator(".pal-map__groups tbody tr").count()
    assert js_errors == []
