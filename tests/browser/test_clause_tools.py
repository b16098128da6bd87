"""Clause tools in a real browser: copy citation, highlight, forgiving fragments, eIds."""

import pytest

pytestmark = pytest.mark.browser


def test_cite_button_on_every_clause(page, js_errors):
    page.goto("a-res-70-126/")
    assert page.locator("button.pal-cite").count() == page.locator(".pal-clause").count()
    button = page.locator("#op4 > .pal-aside > button.pal-cite")  # added by the script
    assert button.is_visible()  # visible without hover (touch screens have none)
    assert button.evaluate("b => getComputedStyle(b).opacity") == "1"
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    button.click()
    page.locator(".pal-panel input[value='short']").check()
    page.locator(".pal-citetool__copy").click()
    page.wait_for_function("document.querySelector('.pal-citetool__status').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "A/RES/70/126, para. 4 \u2014 https://palimpsest-un.github.io/palimpsest/a-res-70-126/#op4"
    assert js_errors == []


@pytest.mark.parametrize(
    ("fragment", "anchor"),
    [
        ("op4", "op4"),
        ("OP4", "op4"),
        ("op-4", "op4"),
        ("PP3", "pp3"),
        ("para_4", "op4"),
        ("preamble__recital_3", "pp3"),
    ],
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
