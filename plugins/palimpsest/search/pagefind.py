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
from collections.abc import Iterable
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


# A command-line argument longer than this is refused by Linux (MAX_ARG_STRLEN is 128 KiB)
GLOB_MAX = 100_000


def index_glob(pages: Iterable[str]) -> str | None:
    """The files Pagefind reads, for the site-relative paths of the pages to index: any page
    at the top or one folder down (``how-to-cite.html``, ``a-res-70-126/index.html``), and the
    deeper ones by name. The pages it need not read — the lineage lists and comparisons under
    each document, the listings — are most of a large site's HTML; reading them only to find
    no ``data-pagefind-body`` took half of Pagefind's time. None (read everything) when the
    names would make too long an argument."""
    deeper = sorted({p for p in pages if p.count("/") > 1 or (p.count("/") == 1 and not p.endswith("/index.html"))})
    glob = "{" + ",".join(["*.html", "*/index.html", *(_glob_escape(p) for p in deeper)]) + "}"
    return glob if len(glob) <= GLOB_MAX else None


def _glob_escape(path: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]{}," else c for c in path)


def command(site_dir: Path, keep_index_url: bool = False, pages: Iterable[str] | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", PAGEFIND_DIR, "--quiet"]
    glob = index_glob(pages) if pages is not None else None
    if glob:
        cmd += ["--glob", glob]
    for sel in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", sel]
    if keep_index_url:  # use_directory_urls: false → result URLs keep index.html
        cmd.append("--keep-index-url")
    return cmd


def build_index(site_dir: Path, keep_index_url: bool = False, pages: Iterable[str] | None = None) -> None:
    """Index ``site_dir`` in place; ``SearchIndexError`` with Pagefind's own message on failure.
    ``pages``: the site-relative paths of the pages to index (``index_glob``), when the caller
    knows them; else every HTML file is read (Pagefind keeps those with ``data-pagefind-body``)."""
    try:
        proc = subprocess.run(command(Path(site_dir), keep_index_url, pages), capture_output=True, text=True)
    except OSError as err:
        raise SearchIndexError(f"could not run Pagefind ({err}). Fix: pip install 'pagefind[extended]'.") from err
    if proc.returncode != 0:
        out = (proc.stderr or proc.stdout).strip()[-2000:]
        raise SearchIndexError(
            f"Pagefind failed (exit {proc.returncode}) indexing {site_dir}: {out}\n"
            "Fix: check that the pagefind[extended] package from constraints.txt is installed."
        )
