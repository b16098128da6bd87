"""The corpus map (``corpus-map/index.md``): where the texts of the corpus share wording, in
aggregate — one row per group of documents (a body's session, or a body's documents without a
session: the groups of the browse pages, render/listings.py), the flows of clauses carried
over between groups, and the largest flows between single documents. Its size grows with the
number of sessions, not of documents (≤ 300 kB at 1,000 documents).

Data only (geometry included): the ``palimpsest/corpus-map.html`` template draws the SVG and
the tables; every element links to a listing page, a document or a table row.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..model import Document
from .escape import front_matter_json
from .lineage_view import compare_url, percent, relative_url
from .listings import BROWSE, groups, session_label, slugify
from .site import SiteContext, human_date

CORPUS_MAP_SRC = "corpus-map/index.md"
TOP_DOCUMENT_FLOWS = 40
TOP_PAIRS_PER_FLOW = 3
ROW, TOP, LABEL_W = 34, 26, 300
DOT_X = LABEL_W + 14


def corpus_map_url(ctx: SiteContext) -> str:
    return "corpus-map/" if ctx.use_directory_urls else "corpus-map/index.html"


def _folder_url(ctx: SiteContext, path: str) -> str:
    return path + "/" if ctx.use_directory_urls else path + "/index.html"


def corpus_map_data(lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext) -> dict[str, Any]:
    here = corpus_map_url(ctx)
    docs = [docs_by_slug[s] for s in sorted(docs_by_slug)]
    group_of: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    all_groups = [g for gs in groups(docs).values() for g in gs]
    # earliest group first (the timeline reads downwards)
    all_groups.sort(key=lambda g: (min((lin.dates.get(d.slug, "") or "9999") for d in g.docs), g.body, g.session))
    for i, g in enumerate(all_groups):
        summ = [s for d in g.docs if (s := lin.summary.get(d.slug)) is not None]
        words = sum(s.words for s in summ)
        carried = sum(s.words * s.carried_over for s in summ)
        dates = sorted(lin.dates.get(d.slug, "") for d in g.docs if lin.dates.get(d.slug))
        for d in g.docs:
            group_of[d.slug] = i
        path = f"{BROWSE}/{slugify(g.body)}/{g.session}"
        rows.append(
            {
                "id": f"group-{i + 1}",
                "label": f"{g.body}, {session_label(g.session)}" if g.session != "other" else f"{g.body} (no session)",
                "documents": len(g.docs),
                "clauses": sum(s.clauses for s in summ),
                "new_clauses": sum(s.new_clauses for s in summ),
                "carried_over": percent(carried / words) if words else 0,
                "first": dates[0] if dates else "",
                "last": dates[-1] if dates else "",
                "first_text": human_date(dates[0]) if dates else "",
                "last_text": human_date(dates[-1]) if dates else "",
                "url": relative_url(here, _folder_url(ctx, path)),
                "within_clauses": 0,
            }
        )
    pair: dict[tuple[int, int], dict[str, Any]] = {}
    doc_flows = []
    for f in lin.flows:
        a, b = group_of.get(f.source), group_of.get(f.target)
        if a is None or b is None:
            continue
        doc_flows.append(f)
        if a == b:
            rows[a]["within_clauses"] += f.clauses
        p = pair.setdefault((a, b), {"clauses": 0, "words": 0, "pairs": []})
        p["clauses"] += f.clauses
        p["words"] += f.words
        p["pairs"].append(f)
    sym = lambda s: docs_by_slug[s].meta.symbol  # noqa: E731
    link = lambda s: relative_url(here, ctx.page_url(s))  # noqa: E731
    flows = []
    for k, ((a, b), p) in enumerate(sorted(pair.items(), key=lambda kv: (-kv[1]["words"], kv[0]))):
        top = sorted(p["pairs"], key=lambda f: (-f.words, f.source, f.target))[:TOP_PAIRS_PER_FLOW]
        flows.append(
            {
                "id": f"flow-{k + 1}",
                "from": a,
                "to": b,
                "from_label": rows[a]["label"],
                "to_label": rows[b]["label"],
                "from_url": rows[a]["url"],
                "to_url": rows[b]["url"],
                "clauses": p["clauses"],
                "words": p["words"],
                "document_pairs": len(p["pairs"]),
                "top": [
                    {
                        "from": sym(f.source),
                        "to": sym(f.target),
                        "from_url": link(f.source),
                        "to_url": link(f.target),
                        "words": f.words,
                    }
                    for f in top
                ],
            }
        )
    top_docs = []
    for f in sorted(doc_flows, key=lambda f: (-f.words, f.source, f.target))[:TOP_DOCUMENT_FLOWS]:
        pred = lin.predecessor.get(f.target) == f.source
        top_docs.append(
            {
                "from": sym(f.source),
                "to": sym(f.target),
                "from_url": link(f.source),
                "to_url": link(f.target),
                "clauses": f.clauses,
                "words": f.words,
                "compare_url": relative_url(here, compare_url(ctx, f.target)) if pred else "",
            }
        )
    return {
        "groups": rows,
        "flows": flows,
        "document_flows": top_docs,
        "documents": len(docs),
        "svg": _geometry(rows, flows),
    }


def _geometry(rows: list[dict], flows: list[dict]) -> dict[str, Any]:
    """Positions for the template's SVG: a dot per group, an arc per flow between two groups
    (width grows with the words carried over)."""
    between = [f for f in flows if f["from"] != f["to"]]
    max_words = max([f["words"] for f in between] or [1]) or 1
    max_span = max([abs(f["to"] - f["from"]) for f in between] or [1])
    reach = lambda span: 24 + 22 * span  # noqa: E731
    y = lambda i: TOP + ROW * i  # noqa: E731
    arcs = []
    for f in sorted(between, key=lambda f: -f["words"]):
        y0, y1, r = y(f["from"]), y(f["to"]), reach(abs(f["to"] - f["from"]))
        arcs.append(
            {
                "id": f["id"],
                "d": f"M{DOT_X},{y0} C{DOT_X + r},{y0} {DOT_X + r},{y1} {DOT_X + 4},{y1}",
                "width": f"{1.5 + 8 * math.sqrt(f['words'] / max_words):.1f}",
                "title": f"{f['from_label']} → {f['to_label']}: {f['clauses']} clauses, {f['words']} words of shared wording",
            }
        )
    width = DOT_X + int(reach(max_span) * 0.75) + 30
    return {
        "width": width,
        "height": TOP * 2 + ROW * max(len(rows) - 1, 0),
        "label_x": LABEL_W,
        "dot_x": DOT_X,
        "axis_top": TOP - 12,
        "axis_bottom": TOP * 2 + ROW * max(len(rows) - 1, 0) - TOP + 12,
        "dots": [
            {"y": y(i), "label": r["label"], "url": r["url"], "documents": r["documents"]} for i, r in enumerate(rows)
        ],
        "arcs": arcs,
    }


def corpus_map_page(lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext) -> tuple[str, str]:
    front = {
        "title": "Corpus map",
        "description": "Which sessions and texts of the corpus share wording with which earlier ones, and how much.",
        "template": "palimpsest/corpus-map.html",
        "search": {"exclude": True},
        "palimpsest": corpus_map_data(lin, docs_by_slug, ctx),
    }
    return CORPUS_MAP_SRC, front_matter_json(front)
