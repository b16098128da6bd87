"""The home page's view of the corpus: bodies and their sessions, latest first, with counts,
each linking to its listing page (render/listings.py). Rendered by the
``partials/palimpsest/corpus-summary.html`` partial.

The hand-written ``docs/index.md`` holds the marker ``<!-- palimpsest:documents -->``; the
plugin puts this summary in its place (so the introduction stays hand-written). The page's
size grows with the number of sessions, not of documents."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from ..model import Document
from .listings import summary
from .site import SiteContext
from .templating import render_partial

LISTING_MARKER = "<!-- palimpsest:documents -->"


def _page_url(src: str, ctx: SiteContext) -> str:
    """``index.md`` → ``""`` (the site root); ``about/index.md`` → ``about/``; ``x.md`` → ``x/``."""
    stem = src[:-3] if src.endswith(".md") else src
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return (folder + "/" if folder else "") if ctx.use_directory_urls else stem + ".html"
    return stem + "/" if ctx.use_directory_urls else stem + ".html"


def documents_listing(docs: Iterable[Document], ctx: SiteContext, from_src: str = "index.md") -> str:
    """HTML (a raw block in the Markdown page): the corpus by body and session."""
    docs = list(docs)
    if not docs:
        return "*No documents yet.*\n"
    here = _page_url(from_src, ctx)
    return "\n" + render_partial("corpus-summary", summary=summary(docs, ctx, here)) + "\n"
