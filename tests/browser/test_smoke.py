"""Smoke test: the built home page loads in Chromium without script errors."""

import pytest

pytestmark = pytest.mark.browser


def test_home_page_loads(page, site_url, js_errors):
    response = page.goto(site_url)
    assert response is not None and response.status == 200
    assert "Palimpsest" in page.title()
    # The Material theme rendered the page (its header is part of every page).
    page.wait_for_selector("header.md-header")
    assert js_errors == []
