"""The generated lineage pages (plain Markdown with raw HTML; the links are computed from the
SiteContext, so they are right with and without ``use_directory_urls``):

* ``<slug>/compare/index.md`` for each document with a predecessor: "A/RES/70/126 compared
  with A/RES/68/131" — a summary, then the whole text clause by clause in reading order (kept,
  changed with a word-level redline, moved, new), then the predecessor's dropped clauses;
* the corpus map is in ``corpus_map.py``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

from ..model import Document
from .lineage_view import compare_src, compare_url, percent, relative_url
from .site import SiteContext

CORPUS_MAP_SRC = "corpus-map/index.md"
STATUS_LABEL = {"kept": "Kept", "changed": "Changed", "moved": "Moved", "new": "New", "dropped": "Dropped"}


from .corpus_map import corpus_map_url  # noqa: E402 - re-exported for the comparison pages


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


def _front(title: str, description: str) -> list[str]:
    return [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"description: {json.dumps(description, ensure_ascii=False)}",
        "---",
        "",
    ]


def redline(diff, fallback: str = "") -> str:
    """Word diff (engine tuples or view dicts) → HTML with <del>/<ins>."""
    if not diff:
        return _e(fallback)
    parts = []
    for item in diff:
        op, text = (item["op"], item["text"]) if isinstance(item, Mapping) else (item[0], " ".join(item[1]))
        if op == "delete":
            parts.append(f"<del>{_e(text)}</del>")
        elif op == "insert":
            parts.append(f"<ins>{_e(text)}</ins>")
        else:
            parts.append(_e(text))
    return " ".join(parts)


def _year(iso: str) -> str:
    return (iso or "")[:4]


# --- comparison with the predecessor ---------------------------------------------------------


def comparison_counts(rows: list[dict]) -> dict[str, int]:
    counts = {k: 0 for k in STATUS_LABEL}
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    return counts


def comparison_summary(lin, slug: str, pred_symbol: str) -> str:
    rows = lin.comparison.get(slug, [])
    c = comparison_counts(rows)
    s = lin.summary.get(slug, {})
    pct = percent(s.get("carried_over", 0.0)) or 0
    n = s.get("new_clauses", 0)
    def plural(k, word):  # noqa: E306
        return f"{k} {word}{'' if k == 1 else 's'}"
    return (
        f"{pct}% of this text was carried over from earlier texts; "
        f"{plural(n, 'clause')} share no wording with any earlier text. "
        f"Compared with {_e(pred_symbol)}: {c['kept']} kept, {c['changed']} changed, "
        f"{c['moved']} moved, {c['new']} new, {c['dropped']} dropped."
    )


def _comparison_page(lin, doc: Document, pred: Document, ctx: SiteContext) -> str:
    slug, here = doc.slug, compare_url(ctx, doc.slug)
    mine = {c.anchor: c for c in doc.clauses}
    theirs = {c.anchor: c for c in pred.clauses}
    sym, psym = doc.meta.symbol, pred.meta.symbol
    title = f"{sym} compared with {psym}"
    to_doc = relative_url(here, ctx.page_url(slug))
    to_pred = relative_url(here, ctx.page_url(pred.slug))
    out = _front(title, f"{title}: the text clause by clause, with the wording that changed.")
    out += [
        f"# {title} {{ #compare-title }}",
        "",
        '<div class="pal-cmp-intro">',
        f'<p>This page sets the text of <a href="{_e(to_doc)}">{_e(sym)}</a> beside its predecessor, '
        f'<a href="{_e(to_pred)}">{_e(psym)}</a>: the earlier text it shares the most wording with. '
        "Deleted words are struck through, inserted words underlined. Shared wording is "
        "textual evidence, not a record of the negotiations.</p>",
        f'<p class="pal-cmp-summary"><strong>{comparison_summary(lin, slug, psym)}</strong></p>',
        f'<p><a href="{_e(relative_url(here, corpus_map_url(ctx)))}">Corpus map: where the texts share wording</a></p>',
        "</div>",
        "",
        f"## The text of {_e(sym)}, clause by clause {{ #text }}",
        "",
    ]
    rows = lin.comparison.get(slug, [])
    body = ['<div class="pal-redline">']
    for r in rows:
        if r["status"] == "dropped":
            continue
        c = mine.get(r["anchor"])
        if c is None:
            continue
        status = r["status"]
        head = [f'<span class="pal-cmp__status">{STATUS_LABEL[status]}</span>',
                f'<a href="{_e(relative_url(here, ctx.page_url(slug), c.anchor))}">{_e(c.label)}</a>']
        o = theirs.get(r["predecessor_anchor"] or "")
        if o is not None:
            pct = percent(r.get("similarity"))
            head.append(
                f'<span class="pal-cmp__from">from <a href="{_e(relative_url(here, ctx.page_url(pred.slug), o.anchor))}">'
                f"{_e(psym)} {_e(o.label)}</a>"
                + (f" (shares {pct}% of its wording)" if status != "kept" and pct is not None else "")
                + "</span>"
            )
        if status == "new":
            text = f"<ins>{_e(c.text)}</ins>"
        elif r.get("diff"):
            text = redline(r["diff"])
        else:
            text = _e(c.text)
        body += [
            f'<div class="pal-cmp pal-cmp--{status}" id="{_e(c.anchor)}">',
            f'<p class="pal-cmp__head">{" ".join(head)}</p>',
            f'<p class="pal-cmp__text">{text}</p>',
            "</div>",
        ]
    body.append("</div>")
    out += [*body, ""]
    dropped = [r for r in rows if r["status"] == "dropped" and r["predecessor_anchor"] in theirs]
    out += [f"## Dropped from {_e(psym)} {{ #dropped }}", ""]
    if not dropped:
        out += [f"<p>Every clause of {_e(psym)} has a counterpart in {_e(sym)}.</p>", ""]
    else:
        body = ['<div class="pal-redline">']
        for r in dropped:
            o = theirs[r["predecessor_anchor"]]
            body += [
                f'<div class="pal-cmp pal-cmp--dropped" id="dropped-{_e(o.anchor)}">',
                f'<p class="pal-cmp__head"><span class="pal-cmp__status">Dropped</span> '
                f'<a href="{_e(relative_url(here, ctx.page_url(pred.slug), o.anchor))}">{_e(psym)} {_e(o.label)}</a></p>',
                f'<p class="pal-cmp__text"><del>{_e(o.text)}</del></p>',
                "</div>",
            ]
        body.append("</div>")
        out += [*body, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def comparison_pages(lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext) -> list[tuple[str, str]]:
    pages = []
    for slug in sorted(docs_by_slug):
        pred = lin.predecessor.get(slug)
        if pred and pred in docs_by_slug:
            pages.append((compare_src(slug), _comparison_page(lin, docs_by_slug[slug], docs_by_slug[pred], ctx)))
    return pages


# The corpus map moved to render/corpus_map.py (aggregated by session).
