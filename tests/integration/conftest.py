"""A real ``mkdocs build --strict`` of a subset of the real corpus, once per test session.

``subset_site``: a temporary project holding a minimal mkdocs.yml, a docs/index.md with the
listing marker and a copy of some real ``sources/`` folders (chosen for their variety: a draft,
a resolution + conclusions, an annex, many footnotes, citations between them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from subset_project import make_project, run_build


@pytest.fixture(scope="session")
def subset_site(tmp_path_factory) -> Path:
    build = run_build(make_project(tmp_path_factory.mktemp("subset")))
    if build.returncode != 0:
        pytest.fail(f"`mkdocs build --strict` failed (exit {build.returncode}):\n{build.output[-6000:]}", pytrace=False)
    return build.site
