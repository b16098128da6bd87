"""Browser-test harness: the real site, served locally, driven by Playwright + Debian Chromium.

Fixtures (use them in ``tests/browser/test_*.py``; every test in this folder is marked
``@pytest.mark.browser`` automatically, mark it explicitly too for clarity):

``built_site`` (session, from tests/conftest.py)
    ``Path`` of the site built once with ``mkdocs build --strict``.
``site_url`` (session)
    Base URL of that site served by ``http.server`` on 127.0.0.1 (free port), ending in ``/``.
    Build page URLs with ``site_url + "a-res-78-175/"`` (``use_directory_urls`` layout).
``browser`` (session)
    A Playwright ``Browser``: ``/usr/bin/chromium`` headless with the project's flags.
``context`` (per test)
    A fresh ``BrowserContext`` with ``base_url=site_url`` (so ``page.goto("a-res-78-175/")``
    works), clipboard read/write granted for the site's origin, and every request that does
    not go to the local server aborted (tests never touch the network).
``page`` (per test)
    A fresh ``Page`` in that context; default timeout 10 s.
``js_errors`` (per test)
    List of uncaught JavaScript exceptions raised in ``page``; assert it is ``[]`` at the end.

When /usr/bin/chromium (or the playwright package) is missing, browser tests are skipped with
the reason shown in the summary; with ``CI=true`` they fail instead: in CI they must run.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_TIMEOUT_MS = 10_000
HERE = Path(__file__).resolve().parent


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def unavailable(reason: str):
    if in_ci():
        pytest.fail(f"{reason} (CI=true: browser tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        unavailable(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (python3 dev.py test installs it)")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:  # a broken browser is a failure everywhere, not a skip
        playwright.stop()
        pytest.fail(f"could not launch {CHROMIUM}: {exc}", pytrace=False)
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture
def context(browser, site_url):
    ctx = browser.new_context(base_url=site_url)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))

    def local_only(route):
        url = route.request.url
        if url.startswith(site_url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    ctx.route("**/*", local_only)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def js_errors():
    return []


@pytest.fixture
def page(context, js_errors):
    tab = context.new_page()
    tab.set_default_timeout(DEFAULT_TIMEOUT_MS)
    tab.on("pageerror", lambda error: js_errors.append(str(error)))
    yield tab
    tab.close()
