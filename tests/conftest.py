"""Fixtures shared by every test directory.

``built_site`` (session): the real site, built once per test session with
``mkdocs build --strict`` from the repository root into a temporary directory. Integration
tests (HTML checks) and browser tests share it. To iterate on tests against a site you have
already built, set ``PALIMPSEST_TEST_SITE=/path/to/site``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The first documents of the corpus, hand-checked and annotated: the gates that build the site
# several times (reproducibility, ProperDocs, build-markdown with MkDocs and Zensical) build a
# copy of the project holding only these, so CI time does not grow with the corpus; the whole
# corpus is built once (``built_site``).
SEED_SLUGS = (
    "a-c-3-80-l-10",
    "a-res-68-131",
    "a-res-70-126",
    "a-res-78-175",
    "a-res-78-178",
    "a-res-78-261",
    "a-res-80-175",
    "a-res-80-178",
    "a-res-80-181",
    "a-res-80-182",
    "a-res-80-5",
    "e-escap-res-67-8",
    "e-res-2010-12",
    "ilc-109-record-7a",
)


def copy_project(dest: Path, slugs=SEED_SLUGS) -> Path:
    """A copy of the project (configuration, hand-written pages, the lock of ``slugs``) with
    only the documents ``slugs`` in ``sources/``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    for slug in slugs:
        shutil.copytree(ROOT / "sources" / slug, dest / "sources" / slug)
    keep = set(slugs)
    lines = (ROOT / "anchors.lock").read_text(encoding="utf-8").splitlines()
    (dest / "anchors.lock").write_text(
        "".join(f"{line}\n" for line in lines if line.startswith("#") or line.split("#", 1)[0] in keep),
        encoding="utf-8",
    )
    return dest


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
