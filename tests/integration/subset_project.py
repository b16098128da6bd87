"""Helpers to build a temporary Palimpsest project with a subset of the real corpus."""

import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUBSET = (
    "a-c-3-80-l-10",  # draft
    "a-res-68-131",  # cited by 70/126
    "a-res-70-126",
    "a-res-80-178",  # 27 footnotes, one after the closing line
    "a-res-80-5",  # resolution + annex
    "e-res-2010-12",  # Economic and Social Council, cited by 70/126
    "ilc-109-record-7a",  # resolution + conclusions, official_url from document.yml
)
SITE_URL = "https://example.org/palimpsest/"
REPO_URL = "https://github.com/example/palimpsest"

# The plugin's options in the subset projects: no lineage (quick builds), a branch that is not
# the default (edit links must use it).
SUBSET_OPTIONS = {"lineage": "false", "repo_branch": "trunk"}


def mkdocs_yml(
    site_name: str = "Palimpsest test", options: Mapping[str, str] = SUBSET_OPTIONS, mkdocs_search: bool = False
) -> str:
    """The test projects' mkdocs.yml: Material with footnote tooltips and edit links, the
    palimpsest plugin with ``options``; ``mkdocs_search``: MkDocs' own search plugin too (its
    index is one more output to scan)."""
    plugins = "  - search\n" if mkdocs_search else ""
    plugins += "  - palimpsest:\n" + "".join(f"      {k}: {v}\n" for k, v in options.items())
    return f"""\
site_name: {site_name}
site_url: {SITE_URL}
repo_url: {REPO_URL}
theme:
  name: material
  font: false
  features:
    - content.footnote.tooltips
    - content.action.edit
nav:
  - Documents: index.md
plugins:
{plugins}markdown_extensions:
  - footnotes
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
"""


MKDOCS_YML = mkdocs_yml()
INDEX_MD = """\
# Test corpus

<!-- palimpsest:documents -->
"""


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str


def start_project(root: Path, config: str = MKDOCS_YML) -> Path:
    """A project with its ``mkdocs.yml`` (``config``) and a home page listing the documents,
    and no documents yet."""
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "docs" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    return root


def make_project(root: Path, slugs=SUBSET, notes: bool = False) -> Path:
    """A project with a copy of ``slugs`` from sources/. Contributors' notes (annotations.md)
    link to documents outside a subset, so they are copied only when ``notes`` is set."""
    start_project(root)
    for slug in slugs:
        ignore = None if notes else shutil.ignore_patterns("annotations.md")
        shutil.copytree(ROOT / "sources" / slug, root / "sources" / slug, ignore=ignore)
    # the published anchors of these documents, as the project's own lock holds them
    lines = (ROOT / "anchors.lock").read_text(encoding="utf-8").splitlines()
    wanted = set(slugs)
    keep = [line for line in lines if line.split("#", 1)[0] in wanted]
    (root / "anchors.lock").write_text("".join(f"{line}\n" for line in keep), encoding="utf-8")
    return root


def run_build(project: Path) -> Build:
    site = project / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)
