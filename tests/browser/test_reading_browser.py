"""The reading experience of a document page in headless Chromium (issue 11): the reading
column and its margin numbers, the margin panel (click, keyboard, tap), citations in every
documented format, footnotes on tap, target sizes, no request off the site's origin.

Screenshots go to ``artifacts/screenshots/`` (a CI artifact), named
``reading-<page>-<width>-<scheme>[-panel].png``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from palimpsest.model import DocumentMeta
from palimpsest.render import cite

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0])["site_url"]
READING = ("a-res-70-126", "ilc-109-record-7a")
WIDTHS = (375, 768, 1440)
SCHEMES = ("light", "dark")

CLAUSE_NUMBERS = """() => Array.from(document.querySelectorAll('.pal-document .pal-clause')).map(c => {
    const a = c.querySelector(':scope > p > a.pal-num');
    const p = c.querySelector(':scope > p');
    if (!a || !p) return {id: c.id, missing: true};
    const r = a.getBoundingClientRect();
    const range = document.createRange();
    const text = Array.from(p.childNodes).find(n => n !== a && (n.nodeType === 3 ? n.textContent.trim() : true));
    range.selectNodeContents(text || p);
    const t = range.getClientRects()[0] || p.getBoundingClientRect();
    const s = getComputedStyle(a);
    return {id: c.id, text: a.textContent.trim(), left: r.left, right: r.right, top: r.top, width: r.width,
            height: r.height, textLeft: t.left, textTop: t.top, visible: s.visibility === 'visible' && s.opacity !== '0'};
})"""

# Everything a reader can press on the page's content (article, panel, footnote popover):
# links, buttons, summaries, form controls (a radio inside its label counts as its label).
TARGETS = """() => {
    const nodes = document.querySelectorAll(
      'article a[href], article button, article summary, article label, article input:not(label input), article select, ' +
      '.pal-panel a[href], .pal-panel button, .pal-panel summary, .pal-panel label, .pal-fnpop a[href], .pal-fnpop button');
    const out = [];
    for (const n of nodes) {
      const s = getComputedStyle(n);
      if (s.visibility !== 'visible') continue;
      const r = n.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (n.closest('details:not([open]) > :not(summary)')) continue;
      out.push({tag: n.tagName.toLowerCase(), cls: n.className, text: (n.textContent || '').trim().slice(0, 30),
                width: r.width, height: r.height});
    }
    return out;
}"""


def expected_citations(record: dict, clause: dict) -> dict[str, str]:
    """The documented rules (docs/how-to-cite.md), as implemented by render/cite.py."""
    meta = DocumentMeta(
        slug=record["slug"],
        symbol=record["symbol"],
        title=record["title"],
        body=record["body"],
        adopted=record["adopted"] or "",
        official_url=record["official_url"],
        source=record["source"],
        status="draft" if record["status"] == "draft" else "adopted",
        dated=str(record.get("dated") or ""),
    )
    return cite.citations(meta, clause["label"], f"{SITE_URL}{record['slug']}/#{clause['anchor']}")


def record_of(built_site: Path, slug: str) -> dict:
    return json.loads((built_site / "api" / f"{slug}.json").read_text(encoding="utf-8"))


@pytest.fixture
def touch_page(browser, site_url, js_errors):
    """A phone: 375 px, touch events (Playwright's tap)."""
    ctx = browser.new_context(base_url=site_url, viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True)
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    tab = ctx.new_page()
    tab.set_default_timeout(10_000)
    tab.on("pageerror", lambda error: js_errors.append(str(error)))
    try:
        yield tab
    finally:
        ctx.close()


# --- layout at every width, light and dark ------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_reading_column_numbers_targets_and_origin(page, site_url, width, scheme, js_errors):
    off_origin: list[str] = []
    page.on(
        "request", lambda r: off_origin.append(r.url) if not r.url.startswith((site_url, "data:", "blob:")) else None
    )
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": 900})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for slug in READING:
        page.goto(f"{slug}/")
        page.wait_for_selector(".pal-document > .pal-panel", state="attached")
        full = slug == "a-res-70-126"
        page.screenshot(path=str(SCREENSHOTS / f"reading-{slug}-{width}-{scheme}.png"), full_page=full)

        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert scroll_width <= inner_width, f"/{slug}/ at {width}px scrolls sideways ({scroll_width}px)"

        numbers = page.evaluate(CLAUSE_NUMBERS)
        assert len(numbers) > 10
        bad = [
            n["id"]
            for n in numbers
            if n.get("missing")
            or not n["visible"]
            or n["width"] < 1
            or n["left"] < 0
            or n["right"] > inner_width
            or n["right"] > n["textLeft"] + 1
        ]
        assert not bad, f"/{slug}/ at {width}px: clause numbers missing, hidden or over the text: {bad[:8]}"
        assert all(n["text"] for n in numbers)
        pp = [n["text"] for n in numbers if n["id"].startswith("pp")]
        assert all(t.startswith("PP") for t in pp)

        if width == 1440:
            widths = page.evaluate("""() => Array.from(document.querySelectorAll('.pal-document > .pal-clause > p'))
                .map(p => p.getBoundingClientRect().width)""")
            column = sorted(widths)[len(widths) // 2]
            assert column >= 560, f"/{slug}/ at 1440px: text column {column:.0f}px"
            per_line = page.evaluate("""() => {
                const out = [];
                for (const p of document.querySelectorAll('.pal-document > .pal-clause > p')) {
                  const lh = parseFloat(getComputedStyle(p).lineHeight);
                  const lines = Math.round(p.getBoundingClientRect().height / lh);
                  if (lines >= 4) out.push(p.textContent.trim().length / lines);
                }
                return out;
            }""")
            mean = sum(per_line) / len(per_line)
            assert 60 <= mean <= 80, f"/{slug}/ at 1440px: {mean:.0f} characters a line"
            panel = page.locator(".pal-panel").bounding_box()
            text = page.locator(".pal-document > .pal-clause > p").first.bounding_box()
            assert panel["x"] >= text["x"] + text["width"], "the panel is the right column, beside the text"

        # open a panel and a footnote so their controls are measured too
        page.locator(".pal-document .pal-clause button.pal-cite").first.click()
        small = [t for t in page.evaluate(TARGETS) if t["width"] < 23.5 or t["height"] < 23.5]
        assert not small, f"/{slug}/ at {width}px: targets under 24×24 px: {small[:8]}"
        if full:
            page.screenshot(path=str(SCREENSHOTS / f"reading-{slug}-{width}-{scheme}-panel.png"))
    assert off_origin == [], f"requests that leave the site: {sorted(set(off_origin))[:5]}"
    assert js_errors == []


# --- the panel: click, keyboard, tap ------------------------------------------------------------


def test_panel_opens_by_click_with_the_clauses_lineage_and_note(page, js_errors):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("a-res-70-126/")
    panel = page.locator(".pal-panel")
    assert panel.is_visible() and "Select a clause" in panel.inner_text()
    marker = page.locator("#op4 > .pal-aside > a.pal-marker")
    assert "↰ 65% · A/RES/68/131" in marker.inner_text()
    assert "1 note" in page.locator("#op4 > .pal-aside summary.pal-marker").inner_text()
    marker.click()
    assert "pal-panel--open" in panel.get_attribute("class")
    panel.locator(".pal-lineage").wait_for()  # fetched from the document's lineage page
    assert panel.locator(".pal-panel__title").inner_text() == "A/RES/70/126, para. 4"
    text = panel.inner_text()
    assert "Evolved from" in text and "A/RES/68/131 para. 4" in text and "Carried into" in text
    assert panel.locator("#op4-note").is_visible()
    assert text.count("Shares wording with A/RES/68/131 para. 4") == 1  # said once
    assert page.locator("#op4").evaluate("e => e.classList.contains('pal-selected')")
    # another clause: the panel follows, op4's content goes back under op4
    page.locator("#op5 > .pal-aside > a.pal-marker").click()
    assert panel.locator(".pal-panel__title").inner_text() == "A/RES/70/126, para. 5"
    assert page.locator("#op4 #op4-note").count() == 1 and panel.locator("#op4-note").count() == 0
    # a click on a clause's text selects it too
    page.locator("#op6 > p").click(position={"x": 200, "y": 5})
    assert panel.locator(".pal-panel__title").inner_text() == "A/RES/70/126, para. 6"
    assert js_errors == []


def test_panel_by_keyboard_enter_and_escape(page, js_errors):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("a-res-70-126/")
    marker = page.locator("#op4 > .pal-aside > a.pal-marker")
    marker.focus()
    page.keyboard.press("Enter")
    panel = page.locator(".pal-panel")
    assert "pal-panel--open" in panel.get_attribute("class")
    panel.locator(".pal-lineage").wait_for()
    assert page.url.endswith("/a-res-70-126/")  # Enter opened the panel, it did not follow the link
    assert page.evaluate("document.activeElement.closest('.pal-panel') !== null")
    assert marker.get_attribute("aria-expanded") == "true"
    # Tab reaches the diff of the first link, Enter opens it
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('details.pal-diff > summary')"):
            break
    else:
        pytest.fail("Tab never reached 'Show changes' in the panel")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    diff = panel.locator("details.pal-diff").first
    assert diff.evaluate("d => d.open") and diff.locator("del, ins").first.is_visible()
    page.keyboard.press("Escape")
    assert "pal-panel--open" not in panel.get_attribute("class")
    assert page.evaluate("document.activeElement.matches('#op4 > .pal-aside > a.pal-marker')")
    assert page.locator("#op4 #op4-note").count() == 1
    assert js_errors == []


def test_panel_by_tap_is_a_bottom_sheet(touch_page, js_errors):
    page = touch_page
    page.goto("a-res-70-126/")
    panel = page.locator(".pal-panel")
    assert not panel.is_visible()
    page.locator("#op4 > .pal-aside > a.pal-marker").tap()
    assert panel.is_visible()
    panel.locator(".pal-lineage").wait_for()
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 376 and box["y"] + box["height"] <= 801
    assert "Evolved from" in panel.inner_text() and panel.locator("#op4-note").is_visible()
    assert page.locator("#op4").bounding_box()["y"] < box["y"]  # the clause stays in sight above the sheet
    panel.locator(".pal-panel__close").tap()
    assert not panel.is_visible()
    assert js_errors == []


def test_new_clause_says_so_once(page, built_site, js_errors):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("e-res-2010-12/")  # the earliest text: every clause is new
    page.locator("#op1 button.pal-cite").click()
    page.locator(".pal-panel .pal-lineage").wait_for()  # op1 was carried into later texts: fetched
    text = page.locator(".pal-panel").inner_text()
    assert text.count("New in this text") == 1
    # a clause that shares wording with no other text has no marker (its Cite button opens
    # the panel)
    record = record_of(built_site, "a-res-80-178")
    lonely = next(c["anchor"] for c in record["clauses"] if not c.get("evolved_from") and not c.get("carried_into"))
    page.goto("a-res-80-178/")
    assert page.locator(f"[id='{lonely}'] > .pal-aside a.pal-marker").count() == 0
    assert page.locator(f"[id='{lonely}'] > .pal-aside button.pal-cite").is_visible()
    page.locator(f"[id='{lonely}'] > .pal-aside button.pal-cite").click()
    assert page.locator(".pal-panel").inner_text().count("New in this text") == 1  # known without a fetch
    assert js_errors == []


# --- footnotes ----------------------------------------------------------------------------------


def test_footnote_opens_on_tap_and_escape_closes(touch_page, built_site, js_errors):
    page = touch_page
    record = record_of(built_site, "a-res-70-126")
    note = next(f for f in record["footnotes"] if f["number"] == "1")
    page.goto("a-res-70-126/")
    ref = page.locator("#pp4 a.footnote-ref").first
    ref.scroll_into_view_if_needed()
    before = page.evaluate("scrollY")
    box = ref.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    ref.tap()
    pop = page.locator(".pal-fnpop")
    assert pop.is_visible()
    assert " ".join(note["text"].split()[:3]) in " ".join(pop.inner_text().split())
    assert page.evaluate("scrollY") == before and page.evaluate("location.hash") == ""  # no jump
    assert page.locator(".md-tooltip2:visible").count() == 0  # shown once
    page.keyboard.press("Escape")
    assert pop.count() == 0
    assert js_errors == []


# --- citations ----------------------------------------------------------------------------------


def copy_format(page, fmt: str) -> str:
    panel = page.locator(".pal-panel")
    panel.locator(f"input[name='pal-cite-format'][value='{fmt}']").check()
    shown = panel.locator(".pal-citetool__text").inner_text()
    page.evaluate("document.querySelector('.pal-citetool__status').textContent = ''")
    panel.locator(".pal-citetool__copy").click()
    page.wait_for_function("document.querySelector('.pal-citetool__status').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == shown
    return copied


def test_each_citation_format_copied_matches_its_rule(page, built_site, js_errors):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("a-res-70-126/")
    page.locator("#op4 button.pal-cite").click()
    got = {f: copy_format(page, f) for f in ("short", "full", "oscola", "bluebook", "link")}
    url = f"{SITE_URL}a-res-70-126/#op4"
    assert got == {  # docs/how-to-cite.md, worked example
        "short": f"A/RES/70/126, para. 4 — {url}",
        "full": "General Assembly resolution 70/126, “Promoting social integration through social inclusion”, "
        f"A/RES/70/126, adopted on 17 December 2015, para. 4 — {url}",
        "oscola": "UNGA Res 70/126 (17 December 2015) UN Doc A/RES/70/126, para 4.",
        "bluebook": "G.A. Res. 70/126, ¶ 4 (Dec. 17, 2015).",
        "link": url,
    }
    assert "127.0.0.1" not in " ".join(got.values())  # site_url, never the server's address
    # a preambular paragraph, a point of the ILO conclusions, a draft: the same rules
    for slug, anchor in (("a-res-70-126", "pp3"), ("ilc-109-record-7a", "conclusions-p14-a"), ("a-c-3-80-l-10", "op2")):
        record = record_of(built_site, slug)
        clause = next(c for c in record["clauses"] if c["anchor"] == anchor)
        page.goto(f"{slug}/")
        page.locator(f"[id='{anchor}'] > .pal-aside button.pal-cite").click()
        expected = expected_citations(record, clause)
        for fmt, text in expected.items():
            assert copy_format(page, fmt) == text, f"{slug}#{anchor} {fmt}"
    assert js_errors == []


def test_citation_format_is_remembered(page, js_errors):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("a-res-70-126/")
    page.locator("#op4 button.pal-cite").click()
    page.locator(".pal-panel input[value='bluebook']").check()
    page.goto("a-res-68-131/")
    page.locator("#op2 button.pal-cite").click()
    assert page.locator(".pal-panel input[value='bluebook']").is_checked()
    assert page.locator(".pal-citetool__text").inner_text() == "G.A. Res. 68/131, ¶ 2 (Dec. 18, 2013)."
    assert js_errors == []


@pytest.mark.parametrize("path", ["", "how-to-cite/", "how-to-contribute/"])
def test_tables_and_code_are_not_clipped_on_a_phone(page, path, js_errors):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(path)
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll_width <= inner_width
    clipped = page.evaluate("""() => Array.from(document.querySelectorAll(
          'article .md-typeset__scrollwrap, article .md-typeset__table, article table, article pre > code'))
        .filter(e => e.scrollWidth > e.clientWidth + 1)
        .map(e => e.tagName + ' ' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth)""")
    assert clipped == [], f"/{path} at 375px: content hidden sideways: {clipped[:5]}"
    assert js_errors == []
