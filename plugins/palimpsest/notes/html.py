"""Annotation bodies: Markdown → HTML through markdown-it-py, cross-references to clauses
rewritten to page-relative hrefs, and the result sanitized with nh3 (notes are untrusted
input from pull requests).

A cross-reference is a Markdown link whose target is ``#pp3`` (a clause of the annotated
document), ``a-res-68-131#op4`` (a clause of another document of the corpus) or
``a-res-68-131`` (the document itself). Pages live at ``<slug>/`` (MkDocs directory URLs),
so from the page of ``e-res-2010-12`` those become ``#pp3``, ``../a-res-68-131/#op4`` and
``../a-res-68-131/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

from ..ingest.metadata import SLUG_RE  # the folder names of sources/ (one definition)

# What ordinary Markdown produces, and nothing that can run code, load frames or restyle
# the page. ``h1``/``h2`` are left out: a note sits under its clause, its headings start at 3.
ALLOWED_TAGS = frozenset(
    {
        "p",
        "a",
        "em",
        "strong",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
        "h3",
        "h4",
        "h5",
        "h6",
        "br",
        "hr",
        "sup",
        "sub",
        "del",
        "s",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
# Tags removed together with their content (the rest of a disallowed tag's text is kept).
REMOVED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "template",
        "noscript",
        "form",
        "textarea",
        "select",
        "svg",
        "math",
    }
)
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener"

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def sanitize_html(html: str) -> str:
    """Keep ordinary Markdown HTML; drop scripts, event handlers, ``javascript:`` URLs,
    iframes, forms, ``style`` attributes and elements. Links get ``rel="noopener"``."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        link_rel=LINK_REL,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
    )


def _markdown() -> MarkdownIt:
    # Raw HTML is parsed (so <sup>, <sub>, <br> work) and then sanitized; linkify is off so
    # nothing but explicit links become links.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


_MD = _markdown()


@dataclass(frozen=True)
class LinkProblem:
    """A cross-reference that does not resolve: ``line`` is 1-based within the body text."""

    line: int
    href: str
    problem: str
    fix: str


def page_href(from_slug: str, to_slug: str, anchor: str | None = None) -> str:
    """The href, relative to the page of ``from_slug``, of a clause (or the top) of ``to_slug``."""
    if to_slug == from_slug:
        return f"#{anchor}" if anchor else "./"
    base = f"../{to_slug}/"
    return f"{base}#{anchor}" if anchor else base


def is_corpus_reference(href: str) -> bool:
    """``#op4``, ``a-res-68-131#op4``, ``a-res-68-131``: no scheme, not site-absolute."""
    return not (_SCHEME_RE.match(href) or href.startswith("/"))


def resolve_reference(href: str, from_slug: str, anchors_of: dict[str, frozenset[str]]) -> tuple[str | None, str, str]:
    """Resolve a note's link target. Returns ``(new_href, problem, fix)``: ``new_href`` is
    None when the reference is broken; external URLs come back unchanged."""
    from difflib import get_close_matches

    if not is_corpus_reference(href):
        return href, "", ""
    slug, _, anchor = href.partition("#")
    if not slug:
        slug = from_slug
    if not SLUG_RE.match(slug) or slug not in anchors_of:
        near = get_close_matches(slug, sorted(anchors_of), n=3, cutoff=0.6)
        hint = f" Did you mean {', '.join(f'`{n}`' for n in near)}?" if near else ""
        return (
            None,
            f"The link `{href}` names no document of the corpus (`{slug}` is not a folder of sources/).",
            f"Write a corpus link as `<slug>#<anchor>` with the slug of a folder in sources/ (e.g. `a-res-68-131#op4`), or a full https:// URL.{hint}",
        )
    if not anchor:
        return page_href(from_slug, slug), "", ""
    known = anchors_of[slug]
    if anchor not in known:
        near = get_close_matches(anchor, sorted(known), n=3, cutoff=0.5)
        hint = (
            f"Closest anchors there: {', '.join(f'`{n}`' for n in near)}."
            if near
            else "See the anchors on that document's page."
        )
        where = "this document" if slug == from_slug else f"`{slug}`"
        return (
            None,
            f"The link `{href}` is broken: `{anchor}` is not a clause anchor of {where}.",
            f"Use an existing anchor. {hint}",
        )
    return page_href(from_slug, slug, anchor), "", ""


def _line_of(text_lines: list[str], start: int, end: int, needle: str) -> int:
    for i in range(start, min(end, len(text_lines))):
        if needle in text_lines[i]:
            return i + 1
    return start + 1


def render_body(
    markdown: str, from_slug: str, anchors_of: dict[str, frozenset[str]]
) -> tuple[str, list[LinkProblem], list[tuple[str, str]]]:
    """Render a note body. Returns the sanitized HTML, the broken cross-references, and the
    clauses the note links to as ``(slug, anchor)`` pairs (sorted, unique)."""
    tokens = _MD.parse(markdown)
    lines = markdown.split("\n")
    problems: list[LinkProblem] = []
    refs: set[tuple[str, str]] = set()
    block_start, block_end = 0, len(lines)
    for tok in tokens:
        if tok.map:
            block_start, block_end = tok.map
        if tok.type != "inline" or not tok.children:
            continue
        for child in tok.children:
            if child.type != "link_open":
                continue
            href = str(child.attrGet("href") or "")
            new, problem, fix = resolve_reference(href, from_slug, anchors_of)
            if new is None:
                # markdown-it percent-encodes; look for the text as typed, then as parsed.
                line = _line_of(lines, block_start, block_end, f"({href}") if href else block_start + 1
                problems.append(LinkProblem(line, href, problem, fix))
                child.attrSet("href", "#")
                continue
            if is_corpus_reference(href):
                slug, _, anchor = href.partition("#")
                if anchor:
                    refs.add((slug or from_slug, anchor))
            child.attrSet("href", new)
    html = _MD.renderer.render(tokens, _MD.options, {})
    return sanitize_html(html).strip(), problems, sorted(refs)
