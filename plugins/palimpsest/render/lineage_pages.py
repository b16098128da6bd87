"""The generated lineage pages (plain Markdown with raw HTML; the links are computed from the
SiteContext, so they are right with and without ``use_directory_urls``):

* ``<slug>/compare/index.md`` for each document with a predecessor: "A/RES/70/126 compared
  with A/RES/68/131" — a summary, then the whole text clause by clause in reading order (kept,
  changed with a word-level redline, moved, new), then the predecessor's dropped clauses;
* ``corpus-map/index.md``: the documents on a timeline with the flows of inherited clauses
  between them, an inline SVG drawn here (no script, no external file) with the same facts in
  tables beside it for screen readers and keyboard users.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from html import escape
from typing import Any

from ..lineage.diff import identical
from ..model import Document
from .escape import front_matter
from .inline import escape_md
from .lineage_view import compare_src, compare_url, diff_view, display_percent, percent, relative_url
from .site import SiteContext, human_date
from .templating import render_partial

CORPUS_MAP_SRC = "corpus-map/index.md"
STATUS_LABEL = {"kept": "Kept", "changed": "Changed", "moved": "Moved", "new": "New", "dropped": "Dropped"}


def corpus_map_url(ctx: SiteContext) -> str:
    return "corpus-map/" if ctx.use_directory_urls else "corpus-map/index.html"


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


def _front(title: str, description: str) -> list[str]:
    return front_matter(title=title, description=description)


def _year(iso: str) -> str:
    return (iso or "")[:4]


# --- comparison with the predecessor ---------------------------------------------------------


def comparison_counts(rows: list[dict]) -> dict[str, int]:
    counts = {k: 0 for k in STATUS_LABEL}
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    return counts


def comparison_summary(lin, slug: str, pred_symbol: str, rows: list[dict] | None = None) -> str:
    """Plain text (the template escapes it)."""
    rows = lin.comparison.get(slug, []) if rows is None else rows
    c = comparison_counts(rows)
    s = lin.summary.get(slug, {})
    pct = percent(s.get("carried_over", 0.0)) or 0
    n = s.get("new_clauses", 0)
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
        if r["status"] == "dropped":
            o = theirs.get(r["predecessor_anchor"] or "")
            if o is not None:
                dropped.append({"anchor": o.anchor, "label": o.label, "text": o.text,
                                "url": relative_url(here, ctx.page_url(pred.slug), o.anchor)})
            continue
        c = mine.get(r["anchor"])
        if c is None:
            continue
        o = theirs.get(r["predecessor_anchor"] or "")
        row: dict[str, Any] = {
            "anchor": c.anchor,
            "label": c.label,
            "url": relative_url(here, ctx.page_url(slug), c.anchor),
            "text": c.text,
            "status": r["status"],
            "from": None,
        }
        if o is not None:
            same = identical(o.text, c.text)
            if r["status"] == "kept" and not same:
                row["status"] = "changed"
            elif r["status"] == "changed" and same:
                row["status"] = "kept"
            row["from"] = {
                "anchor": o.anchor,
                "label": o.label,
                "url": relative_url(here, ctx.page_url(pred.slug), o.anchor),
                "percent": display_percent(r.get("similarity"), same),
                "identical": same,
            }
            row["diff"] = diff_view(o.text, c.text)
        rows_out.append(row)
    counted = [{"status": r["status"]} for r in rows_out] + [{"status": "dropped"}] * len(dropped)
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


# --- corpus map --------------------------------------------------------------------------------

ROW = 30  # px between documents
TOP = 24
LABEL_W = 230  # room for "A/RES/80/182 · 2025"
DOT_X = LABEL_W + 14


def _svg(lin, docs: list[str], symbols: Mapping[str, str], label: str) -> str:
    pos = {s: i for i, s in enumerate(docs)}
    flows = [f for f in lin.flows if f["from"] in pos and f["to"] in pos]
    max_words = max([f["words"] for f in flows] or [1]) or 1
    max_span = max([abs(pos[f["to"]] - pos[f["from"]]) for f in flows] or [1])
    reach = lambda span: 24 + 22 * span  # noqa: E731 - horizontal bulge of an arc
    width = DOT_X + int(reach(max_span) * 0.75) + 30
    height = TOP * 2 + ROW * max(len(docs) - 1, 0)
    y = lambda s: TOP + ROW * pos[s]  # noqa: E731
    out = [
        f'<svg class="pal-map__svg" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{_e(label)}"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{_e(label)}</title>",
        '<defs><marker id="pal-map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9"'
        ' orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#455a64" class="pal-map__arrow"/></marker></defs>',
        f'<line class="pal-map__axis" x1="{DOT_X}" y1="{TOP - 12}" x2="{DOT_X}" y2="{height - TOP + 12}" stroke="#90a4ae" stroke-width="2"/>',
    ]
    # widest first, so thin flows stay visible on top
    for f in sorted(flows, key=lambda f: (-f["words"], pos[f["from"]], pos[f["to"]])):
        y0, y1 = y(f["from"]), y(f["to"])
        r = reach(abs(pos[f["to"]] - pos[f["from"]]))
        w = 1.5 + 8 * math.sqrt(f["words"] / max_words)
        tip = (f"{symbols[f['from']]} → {symbols[f['to']]}: {f['clauses']} clause{'s' if f['clauses'] != 1 else ''}, "
               f"{f['words']} words of shared wording")
        out.append(
            f'<path class="pal-map__flow" d="M{DOT_X},{y0} C{DOT_X + r},{y0} {DOT_X + r},{y1} {DOT_X + 4},{y1}"'
            f' fill="none" stroke="#00838f" stroke-opacity="0.7" stroke-width="{w:.1f}" marker-end="url(#pal-map-arrow)">'
            f"<title>{_e(tip)}</title></path>"
        )
    for s in docs:
        date = lin.dates.get(s, "")
        out.append(
            f'<g class="pal-map__doc"><circle cx="{DOT_X}" cy="{y(s)}" r="5" fill="#263238" class="pal-map__dot"/>'
            f'<text x="{LABEL_W}" y="{y(s) + 4}" text-anchor="end" font-size="13" fill="#263238" class="pal-map__label">'
            f"{_e(symbols[s])}{' · ' + _e(_year(date)) if date else ''}</text></g>"
        )
    out.append("</svg>")
    return "".join(out)


def corpus_map_page(lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext) -> tuple[str, str]:
    here = corpus_map_url(ctx)
    docs = [s for s in lin.order if s in docs_by_slug]
    symbols = {s: docs_by_slug[s].meta.symbol for s in docs}
    flows = [f for f in lin.flows if f["from"] in symbols and f["to"] in symbols]
    years = sorted({_year(lin.dates.get(s, "")) for s in docs if lin.dates.get(s)})
    span = f", {years[0]} to {years[-1]}" if len(years) > 1 else (f", {years[0]}" if years else "")
    label = (
        f"Timeline of {len(docs)} documents{span}, earliest at the top, with {len(flows)} flows of "
        "shared wording from earlier to later texts; line width grows with the amount of text. "
        "The table 'Flows of shared wording' gives the same facts."
    )
    link = lambda s, anchor="": relative_url(here, ctx.page_url(s), anchor)  # noqa: E731
    out = _front("Corpus map", "Which texts of the corpus share wording with which earlier texts, and how much.")
    out += [
        "# Corpus map { #corpus-map }",
        "",
        "<p>Each document of the corpus, earliest first, and the flows of clauses whose wording "
        "later texts share: an arrow goes from the earlier text to the later one, and it is wider "
        "when more text was carried over. Shared wording is textual evidence, not a record of the "
        "negotiations.</p>",
        "",
        '<div class="pal-map">',
        f'<figure class="pal-map__figure">{_svg(lin, docs, symbols, label)}'
        "<figcaption>Documents on a timeline (earliest at the top) and the flows of shared wording between them.</figcaption></figure>",
        '<div class="pal-map__facts">',
        '<table class="pal-map__table" id="flows">',
        "<caption>Flows of shared wording</caption>",
        '<thead><tr><th scope="col">From</th><th scope="col">Into</th><th scope="col">Clauses</th><th scope="col">Words</th></tr></thead>',
        "<tbody>",
    ]
    for f in flows:
        out.append(
            f'<tr><td><a href="{_e(link(f["from"]))}">{_e(symbols[f["from"]])}</a></td>'
            f'<td><a href="{_e(link(f["to"]))}">{_e(symbols[f["to"]])}</a></td>'
            f'<td>{f["clauses"]}</td><td>{f["words"]}</td></tr>'
        )
    if not flows:
        out.append('<tr><td colspan="4">No text of the corpus shares wording with an earlier one yet.</td></tr>')
    out += ["</tbody>", "</table>", "</div>", "</div>", "", "## Documents { #documents }", ""]
    out += [
        '<table class="pal-map__table pal-map__docs">',
        "<caption>Each document: what it carried over and what is new</caption>",
        '<thead><tr><th scope="col">Document</th><th scope="col">Date</th><th scope="col">Carried over</th>'
        '<th scope="col">Predecessor</th><th scope="col">Comparison</th></tr></thead>',
        "<tbody>",
    ]
    for s in docs:
        summ = lin.summary.get(s, {})
        pct = percent(summ.get("carried_over", 0.0)) or 0
        new = summ.get("new_clauses", 0)
        total = summ.get("clauses", 0)
        pred = lin.predecessor.get(s)
        date = lin.dates.get(s, "")
        pred_cell = f'<a href="{_e(link(pred))}">{_e(symbols[pred])}</a>' if pred in symbols else "—"
        cmp_cell = (
            f'<a href="{_e(relative_url(here, compare_url(ctx, s)))}">Compared with its predecessor'
            f'<span class="pal-lineage-sr"> ({_e(symbols[s])})</span></a>'
            if pred in symbols else "—"
        )
        out.append(
            f'<tr><th scope="row"><a href="{_e(link(s))}">{_e(symbols[s])}</a></th>'
            f'<td>{f"<time datetime={chr(34)}{_e(date)}{chr(34)}>{_e(human_date(date))}</time>" if date else "—"}</td>'
            f"<td>{pct}% of this text was carried over; {new} of {total} clause{'s' if total != 1 else ''} new</td>"
            f"<td>{pred_cell}</td><td>{cmp_cell}</td></tr>"
        )
    out += ["</tbody>", "</table>", ""]
    return CORPUS_MAP_SRC, "\n".join(out)
