"""Everything a build generates from ``sources/``, as data: the one pipeline both the MkDocs
plugin and ``palimpsest build-markdown`` run (load → link citations → enrich → render).

Plain Python: no MkDocs import. The plugin turns the result into ``File.generated`` entries;
the Markdown export writes it to disk.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .anchor_lock import LOCK_FILE
from .citations import link_document, symbol_index
from .enrich import Enrichment, enrich
from .errors import SourceError
from .ingest import load_corpus
from .model import Document
from .notes.links import add_note_links, note_context
from .notes.read import annotations_path
from .render import RenderedPage, SiteContext, document_record, dumps, index_record, render_document
from .render.escape import front_matter_json
from .render.generated_pages import lineage_pages
from .render.lineage_view import CorpusLinks
from .render.lineage_view import clause_extras as lineage_extras
from .render.listings import listing_pages
from .search import KIND_LABELS, search_data, search_filters


@dataclass
class GeneratedSite:
    docs: list[Document]  # sorted by slug, citations linked
    ctx: SiteContext  # with the corpus' symbol → slug index
    enrichment: Enrichment
    pages: list[RenderedPage] = field(default_factory=list)  # one per document
    data: list[tuple[str, str]] = field(default_factory=list)  # (site path, JSON) of the export
    errors: list[SourceError] = field(default_factory=list)
    lineage_pages: list[tuple[str, str]] = field(default_factory=list)  # comparisons, corpus map, lists
    browse_pages: list[tuple[str, str]] = field(default_factory=list)  # listings + the search page

    @property
    def extra_pages(self) -> list[tuple[str, str]]:
        """(src_uri, Markdown) of the comparison pages, the corpus map, the lineage lists, the
        listing pages and the search page."""
        return self.lineage_pages + self.browse_pages


ClauseExtras = dict[str, dict[str, dict[str, Any]]]  # slug → anchor → data for page.meta and the export


def clause_extras(
    docs: list[Document], enrichment: Enrichment, ctx: SiteContext, links: CorpusLinks | None = None
) -> ClauseExtras:
    """What each clause shows beyond its text: its note and its lineage (``render.lineage_view``:
    the marker and the link to its section of the lineage page; ``links``: the corpus' links)."""
    extras: ClauseExtras = {}
    for doc in docs:
        per: dict[str, dict[str, Any]] = {}
        for clause in doc.clauses:
            entry: dict[str, Any] = {}
            note = enrichment.notes.get(doc.slug, {}).get(clause.anchor)
            if note is not None:
                entry["note"] = note_context(note, ctx.repo_url or None, ctx.repo_branch)
            per[clause.anchor] = entry
        extras[doc.slug] = per
    if enrichment.lineage is not None:
        for slug, per in lineage_extras(enrichment.lineage, {d.slug: d for d in docs}, ctx, links).items():
            for anchor, data in per.items():
                extras.setdefault(slug, {}).setdefault(anchor, {}).update(data)
    return extras


def document_extras(docs: list[Document], project_root: Path, ctx: SiteContext) -> dict[str, dict[str, Any]]:
    """What each document page shows beyond its clauses: with a ``repo_url``, its "Add a note"
    links (one for the page; the panel fills in the clause's anchor)."""
    if not ctx.repo_url:
        return {}
    return {
        doc.slug: {
            "add_note": add_note_links(
                ctx.repo_url, ctx.repo_branch, doc.meta.folder, annotations_path(project_root, doc).is_file()
            )
        }
        for doc in docs
    }


def generate_site(
    sources_dir: Path,
    project_root: Path,
    ctx: SiteContext,
    *,
    lineage: bool = True,
    lock: bool = True,
    previous_locks: tuple[str, ...] = (),
) -> GeneratedSite:
    docs, errors = load_corpus(Path(sources_dir), Path(project_root))
    docs = sorted(docs, key=lambda d: d.slug)
    index = symbol_index(docs)
    docs = [link_document(d, index) for d in docs]
    ctx = dataclasses.replace(ctx, symbol_to_slug=index)
    enrichment = enrich(docs, Path(project_root), lineage=lineage, lock=lock, previous_locks=previous_locks)
    site = GeneratedSite(docs=docs, ctx=ctx, enrichment=enrichment, errors=list(errors) + enrichment.errors)
    by_slug = {d.slug: d for d in docs}
    # the corpus' links, once for the document pages and the lineage pages
    links = CorpusLinks(enrichment.lineage, by_slug) if enrichment.lineage is not None else None
    extras = clause_extras(docs, enrichment, ctx, links)
    per_document = document_extras(docs, Path(project_root), ctx)
    if enrichment.lineage is not None:
        site.lineage_pages = lineage_pages(enrichment.lineage, by_slug, ctx, links)
    for doc in docs:
        page = render_document(doc, ctx, extras.get(doc.slug), per_document.get(doc.slug))
        if enrichment.redirects.get(doc.slug):
            # read by assets/palimpsest.js: old URLs with a redirected anchor land right
            page.meta["redirects"] = enrichment.redirects[doc.slug]
        page.meta["search"] = search_data(doc)  # what Pagefind indexes beyond the text
        site.pages.append(page)
        site.data.append((ctx.data_path(doc.slug), dumps(document_record(doc, ctx, extras.get(doc.slug)))))
    site.data.append((ctx.data_path(), dumps(index_record(docs, ctx))))
    lock_file = Path(project_root) / LOCK_FILE
    if lock_file.is_file():
        # published with the site: the next deployment checks that it lost no anchor (pages.yml)
        site.data.append((f"{ctx.api_dir}/{LOCK_FILE}", lock_file.read_text(encoding="utf-8")))
    site.browse_pages = listing_pages(docs, ctx) + [search_page(docs)]
    return site


SEARCH_SRC = "search/index.md"


def search_page(docs: list[Document]) -> tuple[str, str]:
    """The search page: its filters offer the corpus' bodies, sessions, years and clause kinds
    (template ``palimpsest/search.html``; the query runs in the browser)."""

    filters = {**search_filters(docs), "kind_labels": KIND_LABELS}
    front = {
        "title": "Search",
        "description": "Search every clause of the corpus.",
        "template": "palimpsest/search.html",
        "search": {"exclude": True},
        "hide": ["toc"],
        "palimpsest": {"filters": filters},
    }
    return SEARCH_SRC, front_matter_json(front)
