"""Publishing-quality gates (no browser): valid HTML, links, reproducible builds, other
generators (ProperDocs, plain MkDocs and Zensical from ``palimpsest build-markdown``), page
weight. Browser gates (accessibility, layout, no-JS, print) are in
``tests/browser/test_quality_browser.py``.

Fixtures: ``built_site`` (tests/conftest.py: the real site, built once per session) and
``markdown_export`` (session: ``palimpsest build-markdown`` of the real project).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from quality_support import ROOT


@pytest.fixture(scope="session")
def markdown_export(tmp_path_factory) -> Path:
    from palimpsest.export_markdown import build_markdown

    out = tmp_path_factory.mktemp("export") / "markdown"
    result = build_markdown(ROOT, out)
    assert result.errors == [], "\n".join(e.message for e in result.errors)
    return out
