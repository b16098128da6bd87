"""Fixtures shared by every test directory.

``built_site`` (session): the real site, built once per test session with
``mkdocs build --strict`` from the repository root into a temporary directory. Integration
tests (HTML checks) and browser tests share it. To iterate on tests against a site you have
already built, set ``PALIMPSEST_TEST_SITE=/path/to/site``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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
        cwd=ROOT, capture_output=True, text=True,
    )
    if result.returncode != 0:
        log = (result.stdout + result.stderr)[-6000:]
        pytest.fail(f"`mkdocs build --strict` failed (exit {result.returncode}):\n{log}", pytrace=False)
    return site
