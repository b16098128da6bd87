"""Lineage as readers see it: the per-clause data of the "Evolved from" sidebar and the JSON
export, and the generated pages (comparison with the predecessor, corpus map).

``clause_extras(lin, docs_by_slug, ctx)`` → ``{slug: {anchor: {...}}}`` merged into
``page.meta["palimpsest"]["clauses"][anchor]`` and the clause's JSON record:

* ``evolved_from`` / ``carried_into``: the engine's links as plain JSON
  (``{"document", "anchor", "similarity" (0–1, 3 decimals, or None), "origin"}``);
* ``lineage``: the view model of ``partials/palimpsest/clause-lineage.html``::

      {"new": bool, "summary": str, "marker": str,
       "evolved_from": [{"document", "anchor", "symbol", "label", "url", "percent", "origin",
                         "date", "identical": bool,
                         "diff": [{"op": "equal"|"delete"|"insert", "space", "text"}]}],
       "carried_into": [... the same without "diff" ...]}

  ``url`` is relative to the clause's own page (``../a-res-68-131/#op4``); ``diff`` is at the
  level of words and punctuation marks (``lineage.diff.printed_diff``), ``space`` the
  whitespace printed before the run (kept outside ``<del>``/``<ins>``), and empty when the two
  texts are identical.

One truth: the comparison page, the sidebar and the export say the same for every clause.
When the comparison with the predecessor pairs a clause with one of the predecessor's clauses
that the engine did not link (its lenient pass for near-identical formulas), that pair joins
the clause's ``evolved_from`` (``"basis": "comparison"``), so the page never calls "new" what
the comparison calls "kept". Percentages are ``display_percent``: 100 only for identical text.

The pages lineage adds (comparisons, corpus map, full lists): ``generated_pages.py``.

Words on screen: "shares wording with" and the similarity — text similarity is evidence, not
procedural history.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..lineage.diff import identical, printed_diff
from ..model import Document, Link
from .site import SiteContext


def percent(similarity: float | None) -> int | None:
    return None if similarity is None else int(round(similarity * 100))


def display_percent(similarity: float | None, same_text: bool) -> int | None:
    """The similarity shown to readers: 100 only for identical text, 99 at most otherwise (a
    one-word change in a long clause rounds to 100), at least 1 for a link that exists."""
    if same_text:
        return 100
    p = percent(similarity)
    return None if p is None else max(1, min(99, p))


def relative_url(from_url: str, to_url: str, anchor: str = "") -> str:
    """A link from the page at site-relative URL ``from_url`` (``a-res-70-126/`` or
    ``a-res-70-126/index.html``) to ``to_url``, with an optional ``#anchor``."""
    if from_url == to_url:
        return f"#{anchor}" if anchor else "./"
    rel = _relative(from_url, to_url)
    return f"{rel}#{anchor}" if anchor else rel


@lru_cache(maxsize=65536)
def _relative(from_url: str, to_url: str) -> str:
    # cached: a large corpus asks for the same page pairs for every clause (build time)
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath(to_url or ".", base.rstrip("/") or ".")
    if to_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    if rel == "./" or rel == ".":
        rel = "./"
    return rel


def compare_src(slug: str) -> str:
    """The generated Markdown file of a document's comparison page."""
    return f"{slug}/compare/index.md"


def compare_url(ctx: SiteContext, slug: str) -> str:
    """Site-relative URL of the comparison page (``a-res-70-126/compare/``)."""
    return f"{slug}/compare/" if ctx.use_directory_urls else f"{slug}/compare/index.html"


def link_json(link: Link, same_text: bool | None = None) -> dict[str, Any]:
    """The public form of a link (the export). ``same_text``: whether the two clauses print
    the same words; similarity 1.0 is kept for identical text (a changed text that rounds to
    1.000 is written 0.999)."""
    sim = link.similarity
    if sim is not None:
        sim = round(float(sim), 3)
        if same_text is True:
            sim = 1.0
        elif same_text is False:
            sim = min(sim, 0.999)
    out = {
        "document": link.document,
        "anchor": link.anchor,
        "similarity": sim,
        "origin": link.origin or "computed",
    }
    optional = link.optional_json()
    for key in sorted(optional):
        out[key] = optional[key]  # fields the engine or this module add (e.g. "basis")
    return out


def diff_view(old: str, new: str) -> list[dict[str, str]]:
    """``printed_diff`` as template data; [] when the texts are identical. The same pair of
    clauses is shown on the lineage page and on the comparison page: computed once (the
    result is template data, never changed)."""
    return _diff_view(old, new)


@lru_cache(maxsize=65536)
def _diff_view(old: str, new: str) -> list[dict[str, str]]:
    if identical(old, new):
        return []
    out: list[dict[str, str]] = []
    for op, text in printed_diff(old, new):
        stripped = text.lstrip()
        space = text[: len(text) - len(stripped)]
        if op == "insert" and out and out[-1]["op"] == "delete" and not space and stripped[:1].isalnum():
            # a replacement at the start of the text: "<del>Recalling further</del> <ins>Recognizing</ins>"
            space = " "
        out.append({"op": op, "space": space, "text": stripped})
    return out


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


def _link_view(
    lin, clauses: _Clauses, ctx: SiteContext, from_url: str, link: Link, own: str | None, diff: bool
) -> dict[str, Any]:
    """``from_url``: the site-relative URL of the page the view is shown on; ``own``: the text
    of the clause whose lineage this is; ``diff``: give the word diff (for the nearest of
    "Evolved from"; the others only name the clauses)."""
    slug, anchor = link.document, link.anchor
    other = clauses.get(slug, anchor)
    doc = clauses.docs.get(slug)
    symbol = doc.meta.symbol if doc else lin.symbols.get(slug, slug)
    view: dict[str, Any] = {
        "document": slug,
        "anchor": anchor,
        "symbol": symbol,
        "label": other.label if other is not None else anchor,
        "url": relative_url(from_url, ctx.page_url(slug), anchor),
        "origin": link.origin or "computed",
        "date": lin.dates.get(slug, "") if hasattr(lin, "dates") else "",
    }
    # what the link rests on: the passage both clauses print (a containment or a quotation),
    # or standard wording used across many series of texts
    view["passage"] = link.passage or ""
    view["formula"] = link.formula.to_json() if link.formula is not None else None
    view["series"] = link.series
    same = other is not None and own is not None and identical(other.text, own)
    view["identical"] = same
    view["percent"] = display_percent(link.similarity, same)
    if diff:
        view["diff"] = diff_view(other.text, own) if other is not None and own is not None else []
    return view


def summary_text(view: Mapping[str, Any], carried: int | None = None) -> str:
    """One sentence for screen readers and the panel's heading line (``carried``: how many
    later texts in all, when the view shows only the nearest)."""
    if view["evolved_from"]:
        first = view["evolved_from"][0]
        pct = f" ({first['percent']}%)" if first["percent"] is not None else ""
        text = f"Evolved from {first['symbol']} {first['label']}{pct}"
    else:
        text = "New in this text"
    n = len(view["carried_into"]) if carried is None else carried
    if n:
        text += f" · carried into {n} later text{'s' if n != 1 else ''}"
    return text


def marker_text(view: Mapping[str, Any], carried: int | None = None) -> str:
    """The compact marker on the clause ("↰ 65% · A/RES/68/131", "↳ 2 later texts"); "" when
    the clause shares no wording with any other text (the notes count is added by the
    template)."""
    parts = []
    if view["evolved_from"]:
        first = view["evolved_from"][0]
        pct = f"{first['percent']}% · " if first["percent"] is not None else ""
        parts.append(f"↰ {pct}{first['symbol']}")
    n = len(view["carried_into"]) if carried is None else carried
    if n:
        parts.append(f"↳ {n} later text{'s' if n != 1 else ''}")
    return " · ".join(parts)


def comparison_links(lin, docs_by_slug: Mapping[str, Document]) -> dict[tuple[str, str], Link]:
    """The pairs the comparison with the predecessor makes that the engine's links lack:
    ``{(slug, anchor): link}`` (see the module docstring: one truth)."""
    out: dict[tuple[str, str], Link] = {}
    for slug in sorted(docs_by_slug):
        pred = lin.predecessor.get(slug)
        if not pred:
            continue
        for row in lin.comparison.get(slug, []):
            if row.status == "dropped" or not row.anchor or not row.predecessor_anchor:
                continue
            links = lin.evolved_from.get((slug, row.anchor), [])
            if any(x.document == pred and x.anchor == row.predecessor_anchor for x in links):
                continue
            out[(slug, row.anchor)] = Link(
                document=pred,
                anchor=row.predecessor_anchor,
                similarity=row.similarity,
                origin="computed",
                basis="comparison",
            )
    return out


def ancestors_of(lin, extra: Mapping[tuple[str, str], Link], slug: str, anchor: str) -> list[Link]:
    links = list(lin.evolved_from.get((slug, anchor), []))
    if (slug, anchor) in extra:
        links.append(extra[(slug, anchor)])
    return links


def descendants_of(lin, extra_into: Mapping[tuple[str, str], list[Link]], slug: str, anchor: str) -> list[Link]:
    return list(lin.carried_into.get((slug, anchor), [])) + list(extra_into.get((slug, anchor), []))


# --- pages whose size does not grow with the corpus (issue 9) ---------------------------------
# A document page carries, per clause, only the compact marker ("↰ 65% · A/RES/68/131 · ↳ 3
# later texts"), a link to the clause's section of the document's lineage page
# (``<slug>/lineage/#op4``, render/lineage_lists.py). That page holds the panel's content: the
# nearest LINEAGE_SHOWN links of each list with their word diffs, then every other link; the
# page script shows it in the margin panel. The JSON export keeps every link.
LINEAGE_SHOWN = 3


def lineage_list_url(ctx: SiteContext, slug: str) -> str:
    """Site-relative URL of a document's lineage page (``a-res-70-126/lineage/``)."""
    return f"{slug}/lineage/" if ctx.use_directory_urls else f"{slug}/lineage/index.html"


class CorpusLinks:
    """Every clause's links: the engine's, plus the pairs the comparison with the predecessor
    makes (``comparison_links``), in both directions."""

    def __init__(self, lin, docs_by_slug: Mapping[str, Document]):
        self.lin = lin
        self.clauses = _Clauses(docs_by_slug)
        self.extra = comparison_links(lin, docs_by_slug)
        self.extra_into: dict[tuple[str, str], list[Link]] = {}
        for (slug, anchor), link in sorted(self.extra.items()):
            back = dataclasses.replace(link, document=slug, anchor=anchor)
            self.extra_into.setdefault((link.document, link.anchor), []).append(back)

    def ancestors(self, slug: str, anchor: str) -> list[Link]:
        return ancestors_of(self.lin, self.extra, slug, anchor)

    def descendants(self, slug: str, anchor: str) -> list[Link]:
        return descendants_of(self.lin, self.extra_into, slug, anchor)


def clause_view(links: CorpusLinks, ctx: SiteContext, slug: str, clause, from_url: str) -> dict[str, Any]:
    """The lineage of one clause as ``clause-lineage.html`` renders it, with URLs relative to
    ``from_url``: the nearest LINEAGE_SHOWN links of each list (earlier ones with their word
    diff) and the rest (``…_more``, names only)."""
    ancestors = links.ancestors(slug, clause.anchor)
    descendants = links.descendants(slug, clause.anchor)

    def views(found: list[Link], diff: bool) -> list[dict[str, Any]]:
        return [_link_view(links.lin, links.clauses, ctx, from_url, x, clause.text, diff) for x in found]

    view: dict[str, Any] = {
        "new": not ancestors,
        "evolved_from": views(ancestors[:LINEAGE_SHOWN], True),
        "evolved_from_more": views(ancestors[LINEAGE_SHOWN:], False),
        "carried_into": views(descendants[:LINEAGE_SHOWN], False),
        "carried_into_more": views(descendants[LINEAGE_SHOWN:], False),
    }
    view["summary"] = summary_text(view, len(descendants))
    view["marker"] = marker_text(view, len(descendants))
    return view


def clause_extras(
    lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext, links: CorpusLinks | None = None
) -> dict[str, dict[str, dict[str, Any]]]:
    """Per clause: its links as the export writes them, and ``lineage``, what the document page
    shows: ``{"new", "marker", "summary", "page"}`` (``page``: the clause's section of the
    lineage page, relative to the document page; "" when the clause shares no wording).
    ``links``: the corpus' links, when the caller has them already (the lineage pages use the
    same)."""
    links = links or CorpusLinks(lin, docs_by_slug)
    clauses = links.clauses

    def same(slug: str, anchor: str, link: Link) -> bool | None:
        a, b = clauses.get(slug, anchor), clauses.get(link.document, link.anchor)
        return None if a is None or b is None else identical(a.text, b.text)

    out: dict[str, dict[str, dict[str, Any]]] = {}
    for slug in sorted(docs_by_slug):
        doc = docs_by_slug[slug]
        here = ctx.page_url(slug)
        page = lineage_list_url(ctx, slug)
        per: dict[str, dict[str, Any]] = {}
        for clause in doc.clauses:
            ancestors = links.ancestors(slug, clause.anchor)
            descendants = links.descendants(slug, clause.anchor)
            nearest = {
                "evolved_from": [_link_view(lin, clauses, ctx, here, x, clause.text, False) for x in ancestors[:1]],
                "carried_into": [],
            }
            view = {
                "new": not ancestors,
                "summary": summary_text(nearest, len(descendants)),
                "marker": marker_text(nearest, len(descendants)),
                "page": relative_url(here, page, clause.anchor) if ancestors or descendants else "",
            }
            per[clause.anchor] = {
                "evolved_from": [link_json(x, same(slug, clause.anchor, x)) for x in ancestors],
                "carried_into": [link_json(x, same(slug, clause.anchor, x)) for x in descendants],
                "lineage": view,
            }
        out[slug] = per
    return out
