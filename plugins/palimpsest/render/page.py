"""One document → the Markdown of its page + the data templates read from ``page.meta``.

Page layout (Python-Markdown with ``footnotes``, ``attr_list``, ``md_in_html``):

* front matter (``title``, ``description``), an ``h1`` with the title, a header block with the
  symbol, body, adoption date (or a "Draft" badge and the date it carries), links to the
  official text and to the raw source;
* each part (the resolution, then its conclusions or an annex) with its title, then its items
  in reading order: enacting formula, headings, clauses, closing line; points nest inside the
  ``div`` of their parent clause;
* each clause is ``<div class="pal-clause" id="<anchor>" data-eid="<eId>" data-label="<label>"
  markdown>`` holding one paragraph: its number in the margin (``PP3``, ``4.``, ``(a)``: a link
  to the clause itself), its text (opening verb in italics, citations linked, footnote marks);
  the script builds the citations from the label and the page's citation data (``cite.page_data``)
  and adds the "Cite" button (it could not work without JavaScript anyway). For a
  clause with a note or a lineage marker (``has_aside``), an empty
  ``<aside class="pal-aside" data-anchor="<anchor>"></aside>`` marker follows the paragraph; the
  MkDocs plugin replaces it with the ``partials/palimpsest/clause-aside.html`` partial;
* the footnotes, as standard ``[^n]: text`` definitions (printed numbers kept).

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
from .inline import LinkSpan, escape_attr, escape_md, weave
from .site import (
    SiteContext,
    adopted,
    dated,
    human_date,
    official_url,
    relative_md_link,
)
from .templating import render_partial

# Where a clause's aside goes (after its own paragraph, before its points). Written only for
# clauses with a note or a lineage marker (has_aside): an empty marker costs Markdown time on
# every clause of a large corpus.
ASIDE_MARKER = '<aside class="pal-aside" data-anchor="{anchor}"></aside>'
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


def citation_links(page_src: str, citations: tuple[Citation, ...], ctx: SiteContext) -> list[LinkSpan]:
    links = []
    for c in citations:
        if c.document:
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


def _number_link(clause: Clause) -> str:
    """The clause's number in the margin, a link to the clause itself (its permalink)."""
    label = escape_attr(clause.label)
    return (
        f'<a aria-label="{label}" class="pal-num pal-permalink" href="#{clause.anchor}">'
        f"{escape_md(margin_number(clause))}</a>"
    )


def _clause_open(doc: Document, clause: Clause, ctx: SiteContext, src: str, known: set[str], aside: bool) -> list[str]:
    num = clause_number(clause)
    text = weave(
        clause.text,
        clause.emphasis,
        [(r.offset, r.number) for r in clause.footnote_refs],
        citation_links(src, clause.citations, ctx),
        known,
    )
    del num  # printed in the margin by _number_link
    css = f"pal-clause pal-clause--{clause.kind}"
    return [
        f'<div class="{css}" id="{clause.anchor}" data-eid="{escape_attr(clause.eid)}"'
        f' data-label="{escape_attr(clause.label)}" markdown>',
        f"{_number_link(clause)} {text}",
        "",
        *([ASIDE_MARKER.format(anchor=clause.anchor), ""] if aside else []),
    ]


def _block(block: Block, src: str, ctx: SiteContext, doc: Document, known: set[str]) -> list[str]:
    notes = [(r.offset, r.number) for r in block.footnote_refs]
    links = citation_links(src, block.citations, ctx)
    text = weave(block.text, block.emphasis, notes, links, known)
    if block.kind == "heading":
        level = min(max(block.level, 2), 6)
        return ["#" * level + " " + text, ""] if text else []
    return [f'<div class="pal-{block.kind}" markdown>', text, "</div>", ""]


def _footnote(doc: Document, fn, src: str, ctx: SiteContext) -> str:
    links = citation_links(src, fn.citations, ctx)
    return f"[^{fn.number}]: " + weave(fn.text, fn.emphasis, (), links)


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
    known = {fn.number for fn in doc.footnotes}
    meta = page_meta(doc, ctx, extras)
    asides = {a for a, entry in meta["clauses"].items() if has_aside(entry)}
    # a clause with an "evolved_from" link means the document has a predecessor (lineage)
    meta["header"] = header_data(doc, ctx, compare=any(e.get("evolved_from") for e in (extras or {}).values()))
    meta["header"]["add_note"] = (document_extras or {}).get("add_note")
    meta["cite"] = cite.page_data(m, ctx.absolute_url(doc.slug))
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
        open_stack: list[str] = []  # anchors of the clause divs still open
        for item in part.items:
            if isinstance(item, Clause):
                while open_stack and open_stack[-1] != item.parent:
                    out += ["</div>", ""]
                    open_stack.pop()
                out += _clause_open(doc, item, ctx, src, known, item.anchor in asides)
                open_stack.append(item.anchor)
            else:
                while open_stack:
                    out += ["</div>", ""]
                    open_stack.pop()
                out += _block(item, src, ctx, doc, known)
        while open_stack:
            out += ["</div>", ""]
            open_stack.pop()
    out += ["</div>", ""]
    if doc.footnotes:
        for fn in sorted(doc.footnotes, key=lambda f: (len(f.number), f.number)):
            out += [_footnote(doc, fn, src, ctx), ""]
    return RenderedPage(src_uri=src, markdown="\n".join(out).rstrip("\n") + "\n", meta=meta)


def _description(doc: Document) -> str:
    m = doc.meta
    if m.is_draft:
        day = human_date(dated(m))
        return f"{m.symbol}, draft submitted to the {m.body}" + (f", dated {day}" if day else "") + "."
    return f"{m.symbol}, adopted by the {m.body} on {human_date(m.adopted)}."
