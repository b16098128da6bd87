"""Lineage as readers see it: the per-clause data of the "Evolved from" sidebar and the JSON
export, and the generated pages (comparison with the predecessor, corpus map).

``clause_extras(lin, docs_by_slug, ctx)`` → ``{slug: {anchor: {...}}}`` merged into
``page.meta["palimpsest"]["clauses"][anchor]`` and the clause's JSON record:

* ``evolved_from`` / ``carried_into``: the engine's links as plain JSON
  (``{"document", "anchor", "similarity" (0–1, 3 decimals, or None), "origin"}``);
* ``lineage``: the view model of ``partials/palimpsest/clause-lineage.html``::

      {"new": bool, "summary": str,
       "evolved_from": [{"document", "anchor", "symbol", "label", "url", "percent", "origin",
                         "date", "diff": [{"op": "equal"|"delete"|"insert", "text"}]}],
       "carried_into": [... the same without "diff" ...]}

  ``url`` is relative to the clause's own page (``../a-res-68-131/#op4``).

``lineage_pages(lin, docs_by_slug, ctx)`` → ``[(src_uri, markdown)]``: see ``lineage_pages.py``.

Words on screen: "shares wording with" and the similarity — text similarity is evidence, not
procedural history.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from typing import Any

from ..lineage import word_diff
from ..model import Document
from .site import SiteContext


def percent(similarity: float | None) -> int | None:
    return None if similarity is None else int(round(similarity * 100))


def relative_url(from_url: str, to_url: str, anchor: str = "") -> str:
    """A link from the page at site-relative URL ``from_url`` (``a-res-70-126/`` or
    ``a-res-70-126/index.html``) to ``to_url``, with an optional ``#anchor``."""
    if from_url == to_url:
        return f"#{anchor}" if anchor else "./"
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath(to_url or ".", base.rstrip("/") or ".")
    if to_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    if rel == "./" or rel == ".":
        rel = "./"
    return f"{rel}#{anchor}" if anchor else rel


def compare_src(slug: str) -> str:
    """The generated Markdown file of a document's comparison page."""
    return f"{slug}/compare/index.md"


def compare_url(ctx: SiteContext, slug: str) -> str:
    """Site-relative URL of the comparison page (``a-res-70-126/compare/``)."""
    return f"{slug}/compare/" if ctx.use_directory_urls else f"{slug}/compare/index.html"


# optional link fields of the engine, exported when present (lineage/engine.py ``_link_extras``)
LINK_EXTRAS = ("series", "passage", "formula")


def link_json(link: Mapping[str, Any]) -> dict[str, Any]:
    sim = link.get("similarity")
    out = {
        "document": link["document"],
        "anchor": link["anchor"],
        "similarity": None if sim is None else round(float(sim), 3),
        "origin": link.get("origin") or "computed",
    }
    out.update({k: link[k] for k in LINK_EXTRAS if k in link})
    return out


def diff_view(old: str, new: str) -> list[dict[str, str]]:
    return [{"op": op, "text": " ".join(ws)} for op, ws in word_diff(old, new)]


class _Clauses:
    """Label and text of any clause of the corpus, by (slug, anchor)."""

    def __init__(self, docs_by_slug: Mapping[str, Document]):
        self.docs = docs_by_slug
        self._by: dict[str, dict[str, Any]] = {}

    def get(self, slug: str, anchor: str):
        if slug not in self._by:
            doc = self.docs.get(slug)
            self._by[slug] = {c.anchor: c for c in doc.clauses} if doc else {}
        return self._by[slug].get(anchor)


def _link_view(lin, clauses: _Clauses, ctx: SiteContext, here: str, link: Mapping[str, Any],
               this_text: str | None) -> dict[str, Any]:
    slug, anchor = link["document"], link["anchor"]
    other = clauses.get(slug, anchor)
    doc = clauses.docs.get(slug)
    symbol = doc.meta.symbol if doc else lin.symbols.get(slug, slug)
    view: dict[str, Any] = {
        "document": slug,
        "anchor": anchor,
        "symbol": symbol,
        "label": other.label if other is not None else anchor,
        "url": relative_url(ctx.page_url(here), ctx.page_url(slug), anchor),
        "percent": percent(link.get("similarity")),
        "origin": link.get("origin") or "computed",
        "date": lin.dates.get(slug, "") if hasattr(lin, "dates") else "",
    }
    if this_text is not None:
        view["diff"] = diff_view(other.text, this_text) if other is not None else []
    return view


def summary_text(view: Mapping[str, Any]) -> str:
    """The one line shown on the collapsed lineage block."""
    if view["evolved_from"]:
        first = view["evolved_from"][0]
        pct = f" ({first['percent']}%)" if first["percent"] is not None else ""
        text = f"Evolved from {first['symbol']} {first['label']}{pct}"
    else:
        text = "New in this text"
    n = len(view["carried_into"])
    if n:
        text += f" · carried into {n} later text{'s' if n != 1 else ''}"
    return text


def clause_extras(lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext) -> dict[str, dict[str, dict[str, Any]]]:
    clauses = _Clauses(docs_by_slug)
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for slug in sorted(docs_by_slug):
        doc = docs_by_slug[slug]
        per: dict[str, dict[str, Any]] = {}
        for clause in doc.clauses:
            ancestors = lin.evolved_from.get((slug, clause.anchor), [])
            descendants = lin.carried_into.get((slug, clause.anchor), [])
            view = {
                "new": not ancestors,
                "evolved_from": [_link_view(lin, clauses, ctx, slug, x, clause.text) for x in ancestors],
                "carried_into": [_link_view(lin, clauses, ctx, slug, x, None) for x in descendants],
            }
            view["summary"] = summary_text(view)
            per[clause.anchor] = {
                "evolved_from": [link_json(x) for x in ancestors],
                "carried_into": [link_json(x) for x in descendants],
                "lineage": view,
            }
        out[slug] = per
    return out


def lineage_pages(lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext) -> list[tuple[str, str]]:
    from .lineage_pages import comparison_pages, corpus_map_page

    return [*comparison_pages(lin, docs_by_slug, ctx), corpus_map_page(lin, docs_by_slug, ctx)]
