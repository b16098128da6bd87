"""Clause tools in a real browser: copy citation, highlight, forgiving fragments, eIds."""

import pytest

pytestmark = pytest.mark.browser


def test_copy_citation_button(page, site_url, js_errors):
    page.goto("a-res-70-126/")
    button = page.locator("#op4 > p > button.pal-copy")  # added by the script
    assert page.locator("button.pal-copy").count() == page.locator(".pal-clause").count()
    page.hover("#op4")
    button.click()
    page.wait_for_selector('#op4 button.pal-copy[data-state="copied"]')
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("A/RES/70/126, para. 4 \u2014 ")
    assert copied.endswith("/a-res-70-126/#op4")
    assert js_errors == []


@pytest.mark.parametrize(
    ("fragment", "anchor"),
    [("op4", "op4"), ("OP4", "op4"), ("op-4", "op4"), ("PP3", "pp3"), ("para_4", "op4"),
     ("preamble__recital_3", "pp3")],
)
def test_fragments_reach_the_clause(page, site_url, js_errors, fragment, anchor):
    page.goto(f"a-res-70-126/#{fragment}")
    page.wait_for_selector(f"#{anchor}.pal-highlight")
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top") < 400
    assert page.locator(".pal-highlight").count() == 1
    assert js_errors == []


def test_footnote_tooltip_markup_is_standard(page, site_url):
    page.goto("a-res-70-126/")
    ref = page.locator("#pp4 sup a.footnote-ref")
    assert ref.inner_text() == "1"
    assert ref.get_attribute("href") == "#fn:1"
