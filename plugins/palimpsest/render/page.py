"""One document → the Markdown of its page + the data templates read from ``page.meta``.

Page layout: the page is Markdown (front matter, headings: the ``toc`` extension gives them
their ids and permalinks), and everything else is HTML rendered from data by the plugin's
partials and carried through Markdown as raw blocks (``raw_blocks.py``: the MkDocs plugin lifts
them out of Python-Markdown's way, ``build-markdown``'s pages keep them as they are):

* front matter (``title``, ``description``), an ``h1`` with the title, a header block with the
  symbol, body, adoption date (or a "Draft" badge and the date it carries), links to the
  official text and to the raw source (``document-header.html``);
* each part (the resolution, then its conclusions or an annex) with its title, then its items
  in reading order: enacting formula, headings, clauses, closing line; points nest inside the
  ``div`` of their parent clause (``document-items.html``, one block per run of items between
  two headings);
* each clause is ``<div class="pal-clause" data-eid="<eId>" id="<anchor>">`` holding one
  paragraph: its number in the margin (``PP3``, ``4.``, ``(a)``: a link to the clause itself,
  whose accessible name is the clause's label), its text (opening verb in italics, citations
  linked, footnote call-outs: ``inline.weave_html``); the script builds the citations from the
  label and the page's citation data (``cite.page_data``) and adds the "Cite" button (it could
  not work without JavaScript anyway). For a clause with a note or a lineage marker
  (``has_aside``), an empty ``<aside class="pal-aside" data-anchor="<anchor>"></aside>`` marker
  follows the paragraph; the MkDocs plugin replaces it with the
  ``partials/palimpsest/clause-aside.html`` partial;
* the footnotes, printed numbers kept, in the HTML of Python-Markdown's ``footnotes``
  extension (``footnotes.html``, ``footnote_list``), which Material's tooltips read.

``meta["palimpsest"]["clauses"][anchor]`` is what the aside partial gets (see ``page_meta``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import anchors
from ..model import Block, Citation, Clause, Document
from . import cite
from .escape import front_matter
from .inline import FootnoteRefs, LinkSpan, escape_md, weave, weave_html
from .lineage_view import relative_url
from .site import (
    SiteContext,
    adopted,
    dated,
    human_date,
    official_url,
    relative_md_link,
)
from .templating import render_partial

# Where a clause's aside goes (after its own paragraph, before its points): the marker that
# partials/palimpsest/document-items.html writes for clauses with a note or a lineage marker
# (has_aside), which the MkDocs plugin replaces with the clause-aside partial.
ASIDE_MARKER_RE = r'<aside class="pal-aside" data-anchor="([a-z0-9-]+)"></aside>'


@dataclass(frozen=True)
class RenderedPage:
    src_uri: str  # "a-res-70-126/index.md", relative to docs_dir
    markdown: str
    meta: dict[str, Any]  # goes to page.meta["palimpsest"]


def clause_number(clause: Clause) -> str:
    """How the number is printed in front of the clause."""
    if clause.kind == "preambular":
        return ""
    if clause.kind == "point":
        return f"({clause.number})"
    return f"{clause.number}."


def citation_links(
    page_src: str, citations: tuple[Citation, ...], ctx: SiteContext, html: bool = False
) -> list[LinkSpan]:
    """The citations of a text as links: to the document's page when the corpus has it (a
    Markdown link to its ``index.md``; with ``html``, its URL), else to the official text."""
    links = []
    here = ctx.page_url(page_src.split("/", 1)[0]) if html else ""
    for c in citations:
        if c.document:
            if html:
                href = relative_url(here, ctx.page_url(c.document))
            else:
                href = relative_md_link(page_src, ctx.page_src(c.document))
            links.append(LinkSpan(c.start, c.end, href, c.symbol, "pal-ref pal-ref--corpus"))
        else:
            links.append(LinkSpan(c.start, c.end, c.url, c.symbol, "pal-ref pal-ref--official"))
    return links


def clause_citation(doc: Document, clause: Clause, ctx: SiteContext) -> str:
    return anchors.citation_text(doc.meta.symbol, clause.label, ctx.absolute_url(doc.slug, clause.anchor))


def page_meta(doc: Document, ctx: SiteContext, extras: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The page's ``meta["palimpsest"]``: document fields + one dict per clause.

    ``clauses[anchor]`` always holds ``anchor``, ``eid``, ``label``, ``kind``, ``citation``;
    later stages add keys through ``extras`` (``{anchor: {key: value}}``), e.g. ``lineage``
    (list of related clauses) and ``note`` (a contributor's note), which the aside partial
    renders when present."""
    clauses: dict[str, dict[str, Any]] = {}
    for c in doc.clauses:
        entry: dict[str, Any] = {
            "anchor": c.anchor,
            "eid": c.eid,
            "label": c.label,
            "kind": c.kind,
            "citation": clause_citation(doc, c, ctx),
        }
        if extras and c.anchor in extras:
            entry.update(extras[c.anchor])
        clauses[c.anchor] = entry
    m = doc.meta
    return {
        "slug": m.slug,
        "symbol": m.symbol,
        "title": m.title,
        "body": m.body,
        "adopted": adopted(m),
        "draft": m.is_draft,
        "dated": dated(m),
        "official_url": official_url(m),
        "source_url": ctx.source_url(m),
        "edit_url": ctx.edit_url(m),
        "eids": {c.eid: c.anchor for c in doc.clauses},
        "clauses": clauses,
    }


def header_data(doc: Document, ctx: SiteContext, compare: bool = False) -> dict[str, Any]:
    """The data of ``partials/palimpsest/document-header.html`` (``page.meta["palimpsest"]
    ["header"]``): the rows of the metadata list as (label, kind, value) and the links.
    ``compare``: the document has a comparison page with its predecessor (lineage)."""
    m = doc.meta
    draft = m.is_draft
    rows: list[dict[str, str]] = [
        {"label": "Symbol", "kind": "symbol", "value": m.symbol},
        {"label": "Submitted to" if draft else "Adopted by", "kind": "text", "value": m.body},
    ]
    day = dated(m)
    if day:
        rows.append({"label": "Dated" if draft else "Adopted", "kind": "date", "value": day, "human": human_date(day)})
    for value, label in (
        (m.sponsors, "Sponsors"),
        (m.session, "Session"),
        (m.committee_report, "Report"),
        (m.draft, "Draft text"),
    ):
        if value:
            rows.append({"label": label, "kind": "text", "value": str(value)})
    compare_href = ("compare/" if ctx.use_directory_urls else "compare/index.html") if compare else ""
    return {
        "draft": draft,
        "rows": rows,
        "official_url": official_url(m),
        "source_url": ctx.source_url(m),
        "compare_url": compare_href,
    }


def has_aside(entry: Mapping[str, Any]) -> bool:
    """Whether a clause's page meta asks for the aside partial: a note, or wording shared with
    another text (its lineage marker)."""
    return bool(entry.get("note") or (entry.get("lineage") or {}).get("page"))


def margin_number(clause: Clause) -> str:
    """The number in the margin: ``PP3`` for preambular paragraph 3 (the citation says
    "preambular para. 3"), the printed number otherwise (``4.``, ``(a)``)."""
    return f"PP{clause.number}" if clause.kind == "preambular" else clause_number(clause)


def _clause_item(clause: Clause, closes: int, src: str, ctx: SiteContext, refs: FootnoteRefs, aside: bool) -> dict:
    return {
        "clause": True,
        "closes": closes,
        "kind": clause.kind,
        "anchor": clause.anchor,
        "eid": clause.eid,
        "label": clause.label,
        "number": margin_number(clause),
        "html": weave_html(
            clause.text,
            clause.emphasis,
            [(r.offset, r.number) for r in clause.footnote_refs],
            citation_links(src, clause.citations, ctx, html=True),
            refs,
        ),
        "aside": aside,
    }


def _block_item(block: Block, closes: int, src: str, ctx: SiteContext, refs: FootnoteRefs) -> dict:
    notes = [(r.offset, r.number) for r in block.footnote_refs]
    links = citation_links(src, block.citations, ctx, html=True)
    return {
        "clause": False,
        "closes": closes,
        "kind": block.kind,
        "html": weave_html(block.text, block.emphasis, notes, links, refs),
    }


def _heading(block: Block, src: str, ctx: SiteContext, refs: FootnoteRefs) -> list[str]:
    """A heading stays Markdown (the ``toc`` extension gives it its id and permalink)."""
    notes = [(r.offset, r.number) for r in block.footnote_refs]
    text = weave(block.text, block.emphasis, notes, citation_links(src, block.citations, ctx), refs=refs)
    level = min(max(block.level, 2), 6)
    return ["#" * level + " " + text, ""] if text else []


def _part_body(part, src: str, ctx: SiteContext, refs: FootnoteRefs, asides: set[str]) -> list[str]:
    """A part's items in reading order: runs of clauses and blocks as one raw HTML block each
    (``partials/palimpsest/document-items.html``; points inside the ``div`` of their parent
    clause), headings as Markdown between them."""
    out: list[str] = []
    run: list[dict] = []
    open_stack: list[str] = []  # anchors of the clause divs still open

    def flush() -> None:
        if run or open_stack:
            out.extend([render_partial("document-items", items=run, closes=len(open_stack)), ""])
            run.clear()
            open_stack.clear()

    for item in part.items:
        if isinstance(item, Clause):
            closes = 0
            while open_stack and open_stack[-1] != item.parent:
                open_stack.pop()
                closes += 1
            run.append(_clause_item(item, closes, src, ctx, refs, item.anchor in asides))
            open_stack.append(item.anchor)
        elif item.kind == "heading":
            flush()
            out.extend(_heading(item, src, ctx, refs))
        else:
            run.append(_block_item(item, len(open_stack), src, ctx, refs))
            open_stack.clear()
    flush()
    return out


def note_order(doc: Document) -> list:
    """The document's notes in the order of its notes list (and of the call-outs' places)."""
    return sorted(doc.footnotes, key=lambda f: (len(f.number), f.number))


def footnote_list(doc: Document, src: str, ctx: SiteContext, refs: FootnoteRefs) -> list[dict]:
    """The notes of a page for ``partials/palimpsest/footnotes.html``, in the shape of the
    ``footnotes`` extension with ``footnote_numbers.py``: ordered by printed number (``value``
    set) when every label is a number; each links back to every call-out of it."""
    notes = note_order(doc)
    numeric = all(f.number.isdigit() for f in notes)
    if numeric:
        notes.sort(key=lambda f: int(f.number))
    return [
        {
            "number": fn.number,
            "value": fn.number if numeric else "",
            "shown": fn.number if numeric else str(i),
            "html": weave_html(fn.text, fn.emphasis, (), citation_links(src, fn.citations, ctx, html=True)),
            "backrefs": refs.backrefs(fn.number),
        }
        for i, fn in enumerate(notes, 1)
    ]


def render_document(
    doc: Document,
    ctx: SiteContext,
    extras: Mapping[str, Mapping[str, Any]] | None = None,
    document_extras: Mapping[str, Any] | None = None,
) -> RenderedPage:
    """The page of one document (its clauses already linked by ``citations.link_document``).
    ``extras``: per clause (lineage, note); ``document_extras``: for the document
    (``add_note``: its "Add a note" links)."""
    src = ctx.page_src(doc.slug)
    m = doc.meta
    meta = page_meta(doc, ctx, extras)
    asides = {a for a, entry in meta["clauses"].items() if has_aside(entry)}
    # a clause with an "evolved_from" link means the document has a predecessor (lineage)
    meta["header"] = header_data(doc, ctx, compare=any(e.get("evolved_from") for e in (extras or {}).values()))
    meta["header"]["add_note"] = (document_extras or {}).get("add_note")
    meta["cite"] = cite.page_data(m, ctx.absolute_url(doc.slug))
    refs = FootnoteRefs(fn.number for fn in note_order(doc))
    out: list[str] = [
        # the margin panel takes the place of the table of contents
        *front_matter(title=f"{m.symbol} — {m.title}", description=_description(doc), hide=("toc",)),
        f"# {escape_md(m.title)} {{ #document-title }}",
        "",
        render_partial("document-header", document=meta),
        "",
        '<div class="pal-document" markdown>',
        "",
    ]
    for part in doc.parts:
        if part.title:
            ident = f" {{ #{part.slug} }}" if part.slug else ""
            out += [f"## {escape_md(part.title)}{ident}", ""]
        out += _part_body(part, src, ctx, refs, asides)
    out += ["</div>", ""]
    if doc.footnotes:  # after the text: every call-out is numbered by now
        out += [render_partial("footnotes", notes=footnote_list(doc, src, ctx, refs)), ""]
    return RenderedPage(src_uri=src, markdown="\n".join(out).rstrip("\n") + "\n", meta=meta)


def _description(doc: Document) -> str:
    m = doc.meta
    if m.is_draft:
        day = human_date(dated(m))
        return f"{m.symbol}, draft submitted to the {m.body}" + (f", dated {day}" if day else "") + "."
    return f"{m.symbol}, adopted by the {m.body} on {human_date(m.adopted)}."
