"""Build the Pagefind index over a finished site (``<site>/pagefind/``).

Pagefind (PyPI ``pagefind[extended]``: the binary ships in the wheel, nothing is downloaded at
run time) reads the built HTML: only pages marked ``data-pagefind-body`` (document pages and the
hand-written pages; listings, comparisons, the corpus map and the search page are not), minus
``EXCLUDE_SELECTORS`` (lineage asides and their word diffs, the header block, permalinks,
buttons). The index is fragmented: a query downloads the Pagefind script, the word chunks it
needs and the fragments of the results it shows, never one index of the whole site.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PAGEFIND_DIR = "pagefind"
EXCLUDE_SELECTORS = (
    ".pal-lineage",  # "Evolved from" / "Carried into" sidebars and their word diffs
    "[data-search-exclude]",
    "[data-pagefind-ignore]",
    ".pal-header",  # the symbol/body/date block: indexed once, as metadata and symbol keys
    ".pal-permalink",
    ".pal-marker",  # a clause's lineage marker and its note's "1 note" (the note itself is indexed)
    ".headerlink",
    ".md-content__button",
    ".pal-add-note",
    ".clause-note__label",
    ".footnote-backref",
)


class SearchIndexError(RuntimeError):
    pass


def command(site_dir: Path, keep_index_url: bool = False) -> list[str]:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", PAGEFIND_DIR, "--quiet"]
    for sel in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", sel]
    if keep_index_url:  # use_directory_urls: false → result URLs keep index.html
        cmd.append("--keep-index-url")
    return cmd


def build_index(site_dir: Path, keep_index_url: bool = False) -> None:
    """Index ``site_dir`` in place; ``SearchIndexError`` with Pagefind's own message on failure."""
    try:
        proc = subprocess.run(command(Path(site_dir), keep_index_url), capture_output=True, text=True)
    except OSError as err:
        raise SearchIndexError(f"could not run Pagefind ({err}). Fix: pip install 'pagefind[extended]'.") from err
    if proc.returncode != 0:
        out = (proc.stderr or proc.stdout).strip()[-2000:]
        raise SearchIndexError(
            f"Pagefind failed (exit {proc.returncode}) indexing {site_dir}: {out}\n"
            "Fix: check that the pagefind[extended] package from constraints.txt is installed."
        )
