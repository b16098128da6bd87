"""The list of documents on the home page: grouped by body, newest first, with clause counts.

The hand-written ``docs/index.md`` holds the marker ``<!-- palimpsest:documents -->``; the
plugin puts this listing in its place (so the introduction stays hand-written)."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Document
from .inline import escape_md
from .site import SiteContext, human_date, is_draft, relative_md_link, sort_date

LISTING_MARKER = "<!-- palimpsest:documents -->"


def _cell(text: str) -> str:
    return escape_md(text).replace("|", "\\|")


def documents_listing(docs: Iterable[Document], ctx: SiteContext, from_src: str = "index.md") -> str:
    """Markdown: one section per body (alphabetical), a table of its documents, newest first."""
    docs = list(docs)
    if not docs:
        return "*No documents yet.*\n"
    by_body: dict[str, list[Document]] = {}
    for d in docs:
        by_body.setdefault(d.meta.body, []).append(d)
    total_clauses = sum(len(d.clauses) for d in docs)
    out = [
        f'<p class="pal-count">{len(docs)} documents, {total_clauses} citable clauses.</p>',
        "",
    ]
    for body in sorted(by_body):
        group = sorted(by_body[body], key=lambda d: (sort_date(d.meta), d.meta.symbol), reverse=True)
        out += [f"## {escape_md(body)}", "", "| Date | Symbol | Title | Clauses |", "|---|---|---|--:|"]
        for d in group:
            m = d.meta
            href = relative_md_link(from_src, ctx.page_src(d.slug))
            day = sort_date(m)
            date = f'<time datetime="{day}">{human_date(day)}</time>' if day else ""
            if is_draft(m):
                date = (date + " " if date else "") + '<span class="pal-badge pal-badge--draft">Draft</span>'
            out.append(
                f"| {date} | [{_cell(m.symbol)}]({href}) | [{_cell(m.title)}]({href}) | {len(d.clauses)} |"
            )
        out.append("")
    return "\n".join(out)
