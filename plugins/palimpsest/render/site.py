"""Where things live on the published site and on GitHub (no MkDocs import: plain settings)."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..ingest.dates import MONTH_NAMES
from ..ingest.metadata import UNDOCS
from ..model import DocumentMeta

MONTHS = MONTH_NAMES  # the ingest's one list


@dataclass(frozen=True)
class SiteContext:
    """What the renderers need to know about the site being built."""

    site_url: str = ""  # absolute site URL ("https://palimpsest-un.github.io/palimpsest/"), or ""
    repo_url: str = ""  # "https://github.com/palimpsest-un/palimpsest", or ""
    repo_branch: str = "main"
    use_directory_urls: bool = True
    api_dir: str = "api"
    # {official symbol: slug} of the whole corpus, to link citations found in footnotes
    symbol_to_slug: Mapping[str, str] = field(default_factory=dict)

    def page_src(self, slug: str) -> str:
        """The generated Markdown file of a document, relative to docs_dir."""
        return f"{slug}/index.md"

    def page_url(self, slug: str) -> str:
        """The page URL relative to the site root: ``a-res-70-126/``."""
        return f"{slug}/" if self.use_directory_urls else f"{slug}/index.html"

    def site_relative_url(self, url: str) -> str:
        """``a-res-70-126/`` (as in Citation.url) → this site's URL form."""
        if self.use_directory_urls or not url.endswith("/"):
            return url
        return url + "index.html"

    def absolute_url(self, slug: str, anchor: str = "") -> str:
        """Absolute page URL when ``site_url`` is known, else the site-relative one."""
        url = self.page_url(slug)
        if self.site_url:
            url = self.site_url.rstrip("/") + "/" + url
        return f"{url}#{anchor}" if anchor else url

    def data_path(self, slug: str | None = None) -> str:
        return f"{self.api_dir}/{slug or 'index'}.json"

    def source_url(self, meta: DocumentMeta) -> str:
        """The raw source file on GitHub (blob view), or "" without ``repo_url``."""
        if not self.repo_url or not meta.source:
            return ""
        return f"{self.repo_url.rstrip('/')}/blob/{self.repo_branch}/{meta.source.lstrip('/')}"

    def edit_url(self, meta: DocumentMeta) -> str:
        """The document's source folder on GitHub (source + document.yml + annotations)."""
        if not self.repo_url:
            return ""
        folder = meta.folder
        return f"{self.repo_url.rstrip('/')}/tree/{self.repo_branch}/{folder}"


def relative_md_link(from_src: str, to_src: str) -> str:
    """A Markdown link target from one docs file to another (MkDocs resolves and checks it)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


# --- document status ---------------------------------------------------------------------------


def adopted(meta: DocumentMeta) -> str | None:
    """ISO adoption date, or None for a draft."""
    return None if meta.is_draft else meta.adopted


def dated(meta: DocumentMeta) -> str | None:
    """The date a draft carries (``dated`` in document.yml), else the adoption date."""
    return (meta.dated or meta.distributed or None) if meta.is_draft else meta.adopted


def sort_date(meta: DocumentMeta) -> str:
    return adopted(meta) or dated(meta) or ""


def official_url(meta: DocumentMeta) -> str:
    return meta.official_url or f"{UNDOCS}{meta.symbol}"


def human_date(iso: str | None) -> str:
    """``2015-12-17`` → ``17 December 2015`` (no locale: same output everywhere)."""
    if not iso:
        return ""
    try:
        y, m, d = (int(x) for x in iso.split("-"))
        return f"{d} {MONTHS[m - 1]} {y}"
    except (ValueError, IndexError):
        return iso
