"""A document's full lineage list (``<slug>/lineage/index.md``): every earlier clause each of
its clauses shares wording with, and every later one it was carried into. The sidebar shows
only the nearest few (``lineage_view.LINEAGE_SHOWN``) and links here for the rest, so a
document page does not grow with the corpus; this page exists only for documents that need
it. Data in front matter for the ``palimpsest/lineage-list.html`` template (escaped there).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Document
from .escape import front_matter_json
from .lineage_view import LINEAGE_SHOWN, lineage_list_url, percent, relative_url
from .site import SiteContext


def _links(
    lin, links, docs_by_slug: Mapping[str, Document], ctx: SiteContext, here: str, labels: dict[str, dict[str, str]]
) -> list[dict[str, Any]]:
    out = []
    for link in links:
        slug, anchor = link.document, link.anchor
        doc = docs_by_slug.get(slug)
        if doc is not None and slug not in labels:
            labels[slug] = {c.anchor: c.label for c in doc.clauses}
        label = labels.get(slug, {}).get(anchor, anchor)
        out.append(
            {
                "symbol": doc.meta.symbol if doc else lin.symbols.get(slug, slug),
                "label": label,
                "url": relative_url(here, ctx.page_url(slug), anchor),
                "percent": percent(link.similarity),
                "origin": link.origin or "computed",
                "date": lin.dates.get(slug, "") if hasattr(lin, "dates") else "",
            }
        )
    return out


def lineage_list_pages(lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext) -> list[tuple[str, str]]:
    pages = []
    labels: dict[str, dict[str, str]] = {}
    for slug in sorted(docs_by_slug):
        doc = docs_by_slug[slug]
        keys = [(slug, c.anchor) for c in doc.clauses]
        if not any(
            len(lin.evolved_from.get(k, [])) > LINEAGE_SHOWN or len(lin.carried_into.get(k, [])) > LINEAGE_SHOWN
            for k in keys
        ):
            continue
        here = lineage_list_url(ctx, slug)
        clauses = []
        for c in doc.clauses:
            ev = lin.evolved_from.get((slug, c.anchor), [])
            ca = lin.carried_into.get((slug, c.anchor), [])
            if not ev and not ca:
                continue
            clauses.append(
                {
                    "anchor": c.anchor,
                    "label": c.label,
                    "url": relative_url(here, ctx.page_url(slug), c.anchor),
                    "evolved_from": _links(lin, ev, docs_by_slug, ctx, here, labels),
                    "carried_into": _links(lin, ca, docs_by_slug, ctx, here, labels),
                }
            )
        title = f"{doc.meta.symbol}: every clause it shares wording with"
        front = {
            "title": title,
            "description": f"The full lineage of {doc.meta.symbol}, clause by clause.",
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
