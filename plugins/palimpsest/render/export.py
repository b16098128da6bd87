"""The JSON export: ``api/index.json`` (the corpus) and ``api/<slug>.json`` (one document).

Formats are described in docs/data.md and by the JSON Schemas in ``schemas/``; fields are only
ever added, never renamed or removed. Output is deterministic (no timestamps, stable order)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..model import Clause, Document
from .site import SiteContext, adopted, dated, official_url, sort_date

SCHEMA_VERSION = 1


def _citation(c, ctx: SiteContext) -> dict[str, Any]:
    return {
        "text": c.text,
        "symbol": c.symbol,
        "document": c.document,
        "url": ctx.site_relative_url(c.url) if c.document else c.url,
        "start": c.start,
        "end": c.end,
    }


def clause_record(clause: Clause, ctx: SiteContext) -> dict[str, Any]:
    return {
        "anchor": clause.anchor,
        "eid": clause.eid,
        "label": clause.label,
        "kind": clause.kind,
        "number": clause.number,
        "parent": clause.parent,
        "part": clause.part,
        "text": clause.text,
        "footnotes": list(clause.footnotes),
        "citations": [_citation(c, ctx) for c in clause.citations],
        "line": clause.line,
    }


# Clause fields later stages add to the export (a public interface: fields are only added).
EXPORTED_EXTRAS = ("evolved_from", "carried_into")


def document_record(
    doc: Document, ctx: SiteContext, extras: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """``extras``: ``{anchor: {field: value}}`` added to clause records by later stages; only
    the public fields (``EXPORTED_EXTRAS``) go into the export, not the page's view models."""
    m = doc.meta
    clauses = []
    for c in doc.clauses:
        rec = clause_record(c, ctx)
        for key in EXPORTED_EXTRAS:
            if extras and key in extras.get(c.anchor, {}):
                rec[key] = extras[c.anchor][key]
        clauses.append(rec)
    return {
        "slug": m.slug,
        "symbol": m.symbol,
        "title": m.title,
        "body": m.body,
        "adopted": adopted(m),
        "status": "draft" if m.is_draft else "adopted",
        "dated": dated(m),
        "official_url": official_url(m),
        "source": m.source,
        "url": ctx.page_url(m.slug),
        "parts": [{"slug": p.slug, "title": p.title} for p in doc.parts],
        # the text that is not a clause (enacting formula, headings, closing lines, unnumbered
        # sentences the structure could not place): in the export too, never only on the page
        "blocks": [
            {"kind": b.kind, "part": p.slug, "text": b.text, "line": b.line}
            for p in doc.parts
            for b in p.items
            if not isinstance(b, Clause)
        ],
        "clauses": clauses,
        "footnotes": [
            {"number": f.number, "text": f.text, "citations": [_citation(c, ctx) for c in f.citations]}
            for f in doc.footnotes
        ],
    }


def index_record(docs: Iterable[Document], ctx: SiteContext) -> dict[str, Any]:
    ordered = sorted(docs, key=lambda d: (sort_date(d.meta), d.meta.symbol, d.slug))
    return {
        "version": SCHEMA_VERSION,
        "documents": [
            {
                "slug": d.slug,
                "symbol": d.meta.symbol,
                "title": d.meta.title,
                "body": d.meta.body,
                "adopted": adopted(d.meta),
                "status": "draft" if d.meta.is_draft else "adopted",
                "dated": dated(d.meta),
                "clauses": len(d.clauses),
                "url": ctx.page_url(d.slug),
                "data": ctx.data_path(d.slug),
            }
            for d in ordered
        ],
    }


def dumps(record: Mapping[str, Any]) -> str:
    """Compact JSON: the C encoder (an ``indent`` falls back to the pure-Python one, seconds on
    a large corpus) and smaller files; browsers and ``jq`` show it indented."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
