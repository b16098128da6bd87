"""A document's lineage page (``<slug>/lineage/index.md``): for each clause that shares wording
with another text, what the margin panel shows — the nearest earlier clauses with their word
diffs, the later clauses it was carried into — then every other link. The document page keeps
only a marker per clause that links here (``lineage_view``), so its size does not grow with
the corpus; with JavaScript the page script shows the clause's section in the margin panel.
Data in front matter for the ``palimpsest/lineage-list.html`` template (escaped there).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Document
from .escape import front_matter_json
from .lineage_view import CorpusLinks, clause_view, lineage_list_url, relative_url
from .site import SiteContext


def lineage_list_pages(
    lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext, links: CorpusLinks | None = None
) -> list[tuple[str, str]]:
    links = links or CorpusLinks(lin, docs_by_slug)
    pages = []
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
        title = f"{doc.meta.symbol}: what its clauses share with other texts"
        front = {
            "title": title,
            "description": f"The lineage of {doc.meta.symbol}, clause by clause: shared wording and changes.",
            "template": "palimpsest/lineage-list.html",
            "search": {"exclude": True},
            "palimpsest": {
                "symbol": doc.meta.symbol,
                "doc_title": doc.meta.title,
                "document_url": relative_url(here, ctx.page_url(slug)),
                "data_url": relative_url(here, ctx.data_path(slug)),
                "clauses": clauses,
            },
        }
        pages.append((f"{slug}/lineage/index.md", front_matter_json(front)))
    return pages
