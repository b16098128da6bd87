"""The generated lineage pages (plain Markdown with raw HTML; the links are computed from the
SiteContext, so they are right with and without ``use_directory_urls``):

* ``<slug>/compare/index.md`` for each document with a predecessor: "A/RES/70/126 compared
  with A/RES/68/131" — a summary, then the whole text clause by clause in reading order (kept,
  changed with a word-level redline, moved, new), then the predecessor's dropped clauses;
* the corpus map is in ``corpus_map.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from ..lineage.diff import identical
from ..model import Document
from .escape import front_matter
from .inline import escape_md
from .lineage_view import compare_src, compare_url, diff_view, display_percent, percent, relative_url
from .site import SiteContext
from .templating import render_partial

CORPUS_MAP_SRC = "corpus-map/index.md"
STATUS_LABEL = {"kept": "Kept", "changed": "Changed", "moved": "Moved", "new": "New", "dropped": "Dropped"}


from .corpus_map import corpus_map_url  # noqa: E402 - re-exported for the comparison pages


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


def _front(title: str, description: str) -> list[str]:
    return front_matter(title=title, description=description)


def _year(iso: str) -> str:
    return (iso or "")[:4]


# --- comparison with the predecessor ---------------------------------------------------------


def comparison_counts(statuses: Iterable[str]) -> dict[str, int]:
    counts = {k: 0 for k in STATUS_LABEL}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return counts


def comparison_summary(lin, slug: str, pred_symbol: str, statuses: Iterable[str] | None = None) -> str:
    """Plain text (the template escapes it). ``statuses``: of the rows shown (default: the
    engine's comparison rows)."""
    if statuses is None:
        statuses = [r.status for r in lin.comparison.get(slug, [])]
    c = comparison_counts(statuses)
    s = lin.summary.get(slug)
    pct = (percent(s.carried_over) or 0) if s else 0
    n = s.new_clauses if s else 0

    def plural(k, word):  # noqa: E306
        return f"{k} {word}{'' if k == 1 else 's'}"

    return (
        f"{pct}% of this text was carried over from earlier texts; "
        f"{plural(n, 'clause')} share no wording with any earlier text. "
        f"Compared with {pred_symbol}: {c['kept']} kept, {c['changed']} changed, "
        f"{c['moved']} moved, {c['new']} new, {c['dropped']} dropped."
    )


def comparison_data(lin, doc: Document, pred: Document, ctx: SiteContext) -> dict[str, Any]:
    """The data of ``partials/palimpsest/compare.html`` (also the page's ``palimpsest_compare``
    meta): rows in reading order with their status, links, percent and printed diff.

    Status and percent follow the texts themselves: "kept" only for identical text (else
    "changed"), the percent is ``display_percent`` (100 only for identical text), the diff the
    same word-and-punctuation diff as the sidebar's."""
    slug, here = doc.slug, compare_url(ctx, doc.slug)
    mine = {c.anchor: c for c in doc.clauses}
    theirs = {c.anchor: c for c in pred.clauses}
    rows_out: list[dict[str, Any]] = []
    dropped: list[dict[str, Any]] = []
    engine_rows = lin.comparison.get(slug, [])
    for r in engine_rows:
        if r.status == "dropped":
            o = theirs.get(r.predecessor_anchor or "")
            if o is not None:
                dropped.append(
                    {
                        "anchor": o.anchor,
                        "label": o.label,
                        "text": o.text,
                        "url": relative_url(here, ctx.page_url(pred.slug), o.anchor),
                    }
                )
            continue
        c = mine.get(r.anchor or "")
        if c is None:
            continue
        o = theirs.get(r.predecessor_anchor or "")
        row: dict[str, Any] = {
            "anchor": c.anchor,
            "label": c.label,
            "url": relative_url(here, ctx.page_url(slug), c.anchor),
            "text": c.text,
            "status": r.status,
            "from": None,
        }
        if o is not None:
            same = identical(o.text, c.text)
            if r.status == "kept" and not same:
                row["status"] = "changed"
            elif r.status == "changed" and same:
                row["status"] = "kept"
            row["from"] = {
                "anchor": o.anchor,
                "label": o.label,
                "url": relative_url(here, ctx.page_url(pred.slug), o.anchor),
                "percent": display_percent(r.similarity, same),
                "identical": same,
            }
            row["diff"] = diff_view(o.text, c.text)
        rows_out.append(row)
    counted = [r["status"] for r in rows_out] + ["dropped"] * len(dropped)
    return {
        "slug": slug,
        "symbol": doc.meta.symbol,
        "predecessor": {"slug": pred.slug, "symbol": pred.meta.symbol},
        "title": f"{doc.meta.symbol} compared with {pred.meta.symbol}",
        "document_url": relative_url(here, ctx.page_url(slug)),
        "predecessor_url": relative_url(here, ctx.page_url(pred.slug)),
        "corpus_map_url": relative_url(here, corpus_map_url(ctx)),
        "summary": comparison_summary(lin, slug, pred.meta.symbol, counted),
        "status_labels": STATUS_LABEL,
        "rows": rows_out,
        "dropped": dropped,
    }


def _comparison_page(lin, doc: Document, pred: Document, ctx: SiteContext) -> str:
    data = comparison_data(lin, doc, pred, ctx)
    title = data["title"]
    out = _front(title, f"{title}: the text clause by clause, with the wording that changed.")
    out += [f"# {escape_md(title)} {{ #compare-title }}", "", render_partial("compare", cmp=data), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def comparison_pages(lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext) -> list[tuple[str, str]]:
    pages = []
    for slug in sorted(docs_by_slug):
        pred = lin.predecessor.get(slug)
        if pred and pred in docs_by_slug:
            pages.append((compare_src(slug), _comparison_page(lin, docs_by_slug[slug], docs_by_slug[pred], ctx)))
    return pages


# The corpus map moved to render/corpus_map.py (aggregated by session).
