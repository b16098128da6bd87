"""A document's lineage page (``<slug>/lineage/index.md``): for each clause that shares wording
with another text, what the margin panel shows — the nearest earlier clauses with their word
diffs, the later clauses it was carried into — then every other link. The document page keeps
only a marker per clause that links here (``lineage_view``), so its size does not grow with
the corpus; with JavaScript the page script shows the clause's section in the margin panel.
Rendered by the ``partials/palimpsest/lineage-list.html`` partial into the page's Markdown as a
raw block (escaped there), as the comparison pages are: the plugin lifts it past Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from .escape import front_matter_json
from .lineage_view import CorpusLinks, clause_view, lineage_list_url, relative_url
from .site import SiteContext
from .templating import render_partial


def lineage_list_data(
    lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext, links: CorpusLinks | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """(src_uri, data of ``partials/palimpsest/lineage-list.html``) of every document that
    shares wording with another text."""
    links = links or CorpusLinks(lin, docs_by_slug)
    out = []
    for slug in sorted(docs_by_slug):
        doc = docs_by_slug[slug]
        here = lineage_list_url(ctx, slug)
        clauses = []
        for c in doc.clauses:
            if not links.ancestors(slug, c.anchor) and not links.descendants(slug, c.anchor):
                continue
            clauses.append(
                {
                    "anchor": c.anchor,
                    "label": c.label,
                    "url": relative_url(here, ctx.page_url(slug), c.anchor),
                    "lineage": clause_view(links, ctx, slug, c, here),
                }
            )
        if not clauses:
            continue
        data = {
            "title": f"{doc.meta.symbol}: what its clauses share with other texts",
            "symbol": doc.meta.symbol,
            "doc_title": doc.meta.title,
            "document_url": relative_url(here, ctx.page_url(slug)),
            "data_url": relative_url(here, ctx.data_path(slug)),
            "clauses": clauses,
        }
        out.append((f"{slug}/lineage/index.md", data))
    return out


def lineage_list_pages(
    lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext, links: CorpusLinks | None = None
) -> list[tuple[str, str]]:
    """(src_uri, Markdown) of the lineage pages: front matter, then the page as one raw block."""
    pages = []
    for src, data in lineage_list_data(lin, docs_by_slug, ctx, links):
        front = {
            "title": data["title"],
            "description": f"The lineage of {data['symbol']}, clause by clause: shared wording and changes.",
            "search": {"exclude": True},
        }
        pages.append((src, front_matter_json(front) + "\n" + render_partial("lineage-list", d=data) + "\n"))
    return pages
