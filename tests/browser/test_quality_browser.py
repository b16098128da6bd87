"""Publishing-quality gates that need a browser (headless Debian Chromium, Playwright).

* accessibility: axe-core (bundled by the ``axe-playwright-python`` package, no network) on the
  home page, a long document page, a comparison page and the corpus map, with every
  ``details`` open: no *serious* or *critical* violation;
* layout: screenshots at 375 / 768 / 1440 px in the light and dark palettes saved to
  ``artifacts/screenshots/`` (CI artifact); no horizontal scroll on phones; the text of
  consecutive clauses never overlaps;
* JavaScript off: text, clause anchors and footnotes are there and readable;
* print: a document page printed to PDF holds the clause text and none of the navigation
  chrome; ``assets/palimpsest/print.css`` is linked.

Fixtures (``built_site``, ``site_url``, ``browser``, ``context``, ``page``, ``js_errors``) come
from ``tests/conftest.py`` and ``tests/browser/conftest.py``.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
LONG_DOCUMENT = "a-res-80-178"  # the longest resolution of the corpus (≈ 180 kB of HTML)
DOCUMENT = "e-res-2010-12"  # a mid-sized ECOSOC resolution (preamble, operative part, points)
DRAFT = "a-c-3-80-l-10"  # a draft: its page carries the draft notice and badge
DOCUMENT_WITH_PREDECESSOR = "a-res-70-126"  # has a comparison page (predecessor: A/RES/68/131)
PRINT_CSS = "assets/palimpsest/print.css"
BLOCKING_IMPACTS = {"serious", "critical"}

# Violations in Material for MkDocs' own markup that we cannot fix without copying one of its
# templates: (axe rule id, CSS selector of the node as axe reports it) → reason. Keep it short.
# (Material's search overlay is gone: the palimpsest search box replaces it.)
AXE_IGNORED: dict[tuple[str, str], str] = {}


# --- pages --------------------------------------------------------------------------------------


# Lineage pages are optional (the lineage layer adds them): the first built page whose
# site-relative path matches is used, and the case is skipped when none exists.
def page_path(site: Path, kind: str) -> str:
    """Site-relative URL of a page of the given kind; fails when the page is missing (every
    kind is a page the real corpus has: a gate never skips because a page disappeared)."""
    required = {
        "home": "",
        "long-document": f"{LONG_DOCUMENT}/",
        "document": f"{DOCUMENT}/",
        "draft": f"{DRAFT}/",
        "comparison": f"{DOCUMENT_WITH_PREDECESSOR}/compare/",
        "corpus-map": "corpus-map/",
    }
    url = required[kind]
    if not (site / url / "index.html").is_file():
        pytest.fail(f"{kind} page {url or '/'}index.html is missing from the built site", pytrace=False)
    return url


def open_everything(page) -> None:
    """Open every disclosure: <details>, aria-expanded toggles, Material's toc/nav checkboxes."""
    page.evaluate(
        """() => {
        document.querySelectorAll('details').forEach(d => { d.open = true; });
        document.querySelectorAll('[aria-expanded="false"]').forEach(b => { try { b.click(); } catch (e) {} });
        document.querySelectorAll('input.md-nav__toggle[type=checkbox]').forEach(c => { c.checked = true; });
    }"""
    )


# --- accessibility ------------------------------------------------------------------------------


def axe_script() -> str:
    try:
        import axe_playwright_python
    except ImportError:
        pytest.fail("axe-playwright-python is missing: pip install -e .[test]", pytrace=False)
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", ["home", "long-document", "draft", "comparison", "corpus-map"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(page, built_site, kind, scheme, js_errors):
    url = page_path(built_site, kind)
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(url)
    page.wait_for_selector("header.md-header")
    open_everything(page)
    page.evaluate(axe_script())
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    blocking = []
    for v in results["violations"]:
        nodes = [n for n in v["nodes"] if (v["id"], " ".join(n["target"])) not in AXE_IGNORED]
        if v.get("impact") in BLOCKING_IMPACTS and nodes:
            blocking.append({**v, "nodes": nodes})
    assert not blocking, f"axe-core {results['testEngine']['version']} on /{url} ({scheme}):\n{describe(blocking)}"
    assert js_errors == []


# --- layout -------------------------------------------------------------------------------------

CLAUSE_TEXT_BOXES = """() => Array.from(document.querySelectorAll('.pal-clause')).map(c => {
    const p = c.querySelector(':scope > p') || c;
    const r = p.getBoundingClientRect();
    return {id: c.id, top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right};
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 768, 1440])
def test_document_layout(page, built_site, width, scheme, js_errors):
    url = page_path(built_site, "document")
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.wait_for_selector(".pal-clause")
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{DOCUMENT}-{width}-{scheme}.png"), full_page=True)

    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll_width <= inner_width, f"/{url} at {width}px scrolls sideways: content {scroll_width}px wide"

    boxes = page.evaluate(CLAUSE_TEXT_BOXES)
    assert len(boxes) > 10
    overlaps = [
        f"#{a['id']} (bottom {a['bottom']:.0f}) / #{b['id']} (top {b['top']:.0f})"
        for a, b in zip(boxes, boxes[1:])
        if b["top"] < a["bottom"] - 1  # 1 px of rounding
    ]
    assert not overlaps, f"/{url} at {width}px: clause text overlaps: {overlaps[:5]}"
    outside = [b["id"] for b in boxes if b["right"] > inner_width + 1 or b["left"] < -1]
    assert not outside, f"/{url} at {width}px: clause text outside the viewport: {outside[:5]}"
    assert js_errors == []


# --- JavaScript off -----------------------------------------------------------------------------


@pytest.fixture
def no_js_page(browser, site_url):
    ctx = browser.new_context(base_url=site_url, java_script_enabled=False)
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    tab = ctx.new_page()
    tab.set_default_timeout(10_000)
    try:
        yield tab
    finally:
        ctx.close()


def test_document_readable_without_javascript(no_js_page, built_site):
    import json

    url = page_path(built_site, "document")
    record = json.loads((built_site / "api" / f"{DOCUMENT}.json").read_text(encoding="utf-8"))
    page = no_js_page
    page.goto(url + "#op3")
    assert page.evaluate("typeof window.__md_get") == "undefined", "JavaScript ran although it was disabled"
    # the clause text is visible, each clause keeps its anchor
    for clause in record["clauses"][:40]:
        el = page.locator(f"#{clause['anchor']}")
        assert el.count() == 1, f"#{clause['anchor']} missing without JavaScript"
        words = " ".join(clause["text"].split()[:6])
        assert words in " ".join(el.inner_text().split()), f"#{clause['anchor']}: text not readable"
        assert el.is_visible()
    # the targeted clause is scrolled to and highlighted by CSS alone
    assert page.evaluate("document.querySelector(':target')?.id") == "op3"
    # footnotes: call-outs link to visible notes holding their text
    if record["footnotes"]:
        first = record["footnotes"][0]
        note = page.locator(f"[id='fn:{first['number']}']")
        assert note.count() == 1 and note.is_visible()
        assert " ".join(first["text"].split()[:4]) in " ".join(note.inner_text().split())
        assert page.locator(f"a.footnote-ref[href='#fn:{first['number']}']").count() >= 1
    # without JS there is no Cite button (it would do nothing); the lineage markers link to
    # the lineage page, the notes open in place
    assert page.locator(".pal-cite").count() == 0
    assert page.locator(".pal-clause > .pal-aside > a.pal-marker[href*='lineage/#']").count() > 0


# --- print --------------------------------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def test_print_css_is_linked(built_site):
    html = (built_site / DOCUMENT / "index.html").read_text(encoding="utf-8")
    assert (built_site / PRINT_CSS).is_file(), f"{PRINT_CSS} not copied into the site"
    assert re.search(r'<link[^>]+href="[./]*' + re.escape(PRINT_CSS) + '"', html), (
        f"{PRINT_CSS} is not linked from /{DOCUMENT}/: the plugin's on_config must add "
        f"'{PRINT_CSS}' to config.extra_css (next to palimpsest.css)"
    )


def test_document_prints_cleanly(page, built_site):
    url = page_path(built_site, "document")
    record = __import__("json").loads((built_site / "api" / f"{DOCUMENT}.json").read_text(encoding="utf-8"))
    page.goto(url)
    page.wait_for_selector(".pal-clause")
    if not page.locator(f"link[href$='{PRINT_CSS}']").count():  # test the stylesheet anyway
        page.add_style_tag(path=str(ROOT / "plugins" / "palimpsest" / "assets" / "print.css"))
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['header.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', 'footer.md-footer',
                  '.md-search', '.pal-tools', '.md-top']
            .filter(s => { const e = document.querySelector(s); return e && e.offsetParent !== null; })"""
    )
    assert hidden == [], f"navigation chrome visible in print: {hidden}"
    pdf = page.pdf(format="A4", print_background=False)
    text = " ".join(pdf_text(pdf).split())
    for clause in record["clauses"][:15] + record["clauses"][-3:]:
        words = " ".join(clause["text"].split()[:5])
        assert words in text, f"printed PDF lacks the text of #{clause['anchor']}: {words!r}"
    assert record["symbol"] in text
    for chrome in ("Skip to content", "Search", "Switch to dark mode", "Made with"):
        assert chrome not in text, f"printed PDF holds navigation text {chrome!r}"
