"""Fixtures shared by every test directory.

``built_site`` (session): the real site — the whole corpus — built once per test session with
``mkdocs build --strict`` from the repository root into a temporary directory. The browser
tests and the checks that hold for every document read it. ``seed_root`` / ``seed_site``
(session): a copy of the project holding only the seed documents (``seeds.py``), and its site,
for the page-by-page gates and the tests of particular clauses. To iterate on tests against a site you have
already built, set ``PALIMPSEST_TEST_SITE=/path/to/site``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from seeds import SEED_SLUGS, copy_project  # noqa: F401  (SEED_SLUGS: for the test modules)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def seed_root(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("seed") / "project")


@pytest.fixture(scope="session")
def seed_site(seed_root) -> Path:
    site = seed_root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=seed_root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        pytest.fail(
            f"`mkdocs build --strict` of the seed project failed:\n{(result.stdout + result.stderr)[-6000:]}",
            pytrace=False,
        )
    return site


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    prebuilt = os.environ.get("PALIMPSEST_TEST_SITE")
    if prebuilt:
        site = Path(prebuilt).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"PALIMPSEST_TEST_SITE={prebuilt}: no index.html there; build the site first")
        return site
    if not (ROOT / "mkdocs.yml").is_file():
        pytest.fail(f"{ROOT / 'mkdocs.yml'} is missing: the site cannot be built")
    site = tmp_path_factory.mktemp("built") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        log = (result.stdout + result.stderr)[-6000:]
        pytest.fail(f"`mkdocs build --strict` failed (exit {result.returncode}):\n{log}", pytrace=False)
    return site
