"""Publishing-quality gates (no browser): valid HTML, links, reproducible builds, other
generators (ProperDocs, plain MkDocs and Zensical from ``palimpsest build-markdown``), page
weight. Browser gates (accessibility, layout, no-JS, print) are in
``tests/browser/test_quality_browser.py``.

Fixtures: ``seed_site`` (tests/conftest.py: the site of the seed documents, which holds every
kind of page: the page-by-page gates — valid HTML, unique ids, links — read every page of it;
the whole corpus would take minutes to read), ``built_site`` (the real site, the whole corpus,
built once per session: page weight) and ``markdown_export`` (session: ``palimpsest
build-markdown`` of the seed project, ``seed_root``).
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def markdown_export(tmp_path_factory, seed_root) -> Path:
    from palimpsest.build_markdown import build_markdown

    out = tmp_path_factory.mktemp("export") / "markdown"
    result = build_markdown(seed_root, out)
    assert result.errors == [], "\n".join(e.message for e in result.errors)
    return out
