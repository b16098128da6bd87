"""Contributors' notes and the anchor promise, in headless Chromium."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from subset_project import make_project, run_build  # noqa: E402


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


pytestmark = pytest.mark.browser


def test_note_shows_beside_its_clause(page, js_errors):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto("a-res-70-126/#op4")  # a link to a clause opens its panel on wide screens
    note = page.locator(".pal-panel #op4-note")
    assert note.is_visible()
    assert "Contributor's note" in note.inner_text()
    assert page.locator(".pal-panel__title").inner_text() == "A/RES/70/126, para. 4"
    c, n = page.locator("#op4 > p").bounding_box(), note.bounding_box()
    assert n["x"] >= c["x"] + c["width"]  # beside the clause, in the margin panel
    edit = note.get_by_role("link", name="Edit this note")
    assert edit.get_attribute("href").endswith("/edit/main/sources/a-res-70-126/annotations.md")
    # the marker of the clause says it has a note
    assert "1 note" in page.locator("#op4 summary.pal-marker").inner_text()
    assert js_errors == []


def test_add_a_note_link_is_in_the_panel(page):
    page.goto("a-res-70-126/")
    assert not page.locator("#pp6 .pal-add-note a").is_visible()  # not after every clause
    page.locator("#pp6 button.pal-cite").click()
    link = page.locator(".pal-panel .pal-add-note a")
    assert link.is_visible()
    assert link.get_attribute("href").endswith("/edit/main/sources/a-res-70-126/annotations.md")
    # the page-level edit action points at the source folder
    assert page.locator("a.md-content__button").first.get_attribute("href").endswith("/tree/main/sources/a-res-70-126")


@pytest.mark.parametrize("typed", ["OP4", "op-4", "para_4"])
def test_shorthand_and_eid_land_on_the_clause(page, typed):
    page.goto(f"a-res-70-126/#{typed}")
    page.wait_for_function("location.hash === '#op4'")
    assert page.locator("#op4").evaluate("el => el.classList.contains('pal-highlight')")
    top = page.locator("#op4").bounding_box()["y"]
    assert 0 <= top < page.viewport_size["height"]


@pytest.fixture(scope="module")
def redirected_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("redirect"), ("a-res-70-126",))
    (project / "anchors.lock").write_text("a-res-70-126#op15\na-res-70-126#op16\n", "utf-8")
    (project / "sources/a-res-70-126/redirects.yml").write_text("op16: op15\n", "utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output[-3000:]
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(build.site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_old_url_with_redirected_anchor_lands_on_the_new_clause(browser, redirected_site):
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(redirected_site + "a-res-70-126/#op16")
        page.wait_for_function("location.hash === '#op15'")
        assert page.locator("#op15").evaluate("el => el.classList.contains('pal-highlight')")
    finally:
        ctx.close()
