"""Inline Markdown for plain text + spans: escaping, italics, footnote marks, citation links.

Clause text is plain (model.py). Here the spans are woven back in, as HTML (``weave_html``:
the clauses and notes of a document page, a raw block its Markdown carries through) or as
Python-Markdown source (``weave``: headings, pages of other generators):

* emphasis spans → ``<em>…</em>`` (inline HTML: safe inside words and next to punctuation);
* footnote marks → ``[^3]`` (the standard ``footnotes`` extension, whose HTML Material's
  ``content.footnote.tooltips`` feature reads; see ``footnote_numbers.py`` for printed numbers);
* citations → ``[resolution 68/131](../a-res-68-131/index.md "A/RES/68/131")``.

Spans that cross each other cannot nest in HTML: a link that crosses an italic span is dropped
(its text stays), a footnote mark that falls inside a link moves to the end of the link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .escape import html, html_text
from .raw_blocks import raw_inline

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#])")
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")
NOTE_LABEL_RE = re.compile(r"^[A-Za-z0-9]+$")


def escape_md(text: str) -> str:
    """Plain text → Markdown source that renders as exactly that text (inline context)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def protect_line_start(md: str) -> str:
    """Keep a paragraph that starts with ``1.`` / ``-`` / ``+`` from becoming a list."""
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", md, count=1)


@dataclass(frozen=True)
class LinkSpan:
    start: int
    end: int
    href: str  # "../a-res-68-131/index.md" (Markdown), "../a-res-68-131/" (HTML) or an absolute URL
    title: str = ""
    css_class: str = ""


def _crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1]


class _MarkdownOut:
    """Python-Markdown source (see the module docstring); with ``refs``, the call-outs are
    HTML (a page whose notes list is HTML: ``FootnoteRefs``)."""

    def __init__(self, refs: FootnoteRefs | None = None) -> None:
        self.refs = refs

    def text(self, chunk: str) -> str:
        return escape_md(chunk)

    def note(self, number: str, known: set[str] | None) -> str:
        if self.refs is not None:
            return raw_inline(self.refs.call(number))
        if NOTE_LABEL_RE.match(number) and (known is None or number in known):
            return f"[^{number}]"
        return f"<sup>{escape_md(number)}</sup>"

    def open_link(self, link: LinkSpan) -> str:
        return "["

    def close_link(self, link: LinkSpan) -> str:
        title = f' "{link.title.replace(chr(34), "&quot;")}"' if link.title else ""
        classes = " ".join(f".{c}" for c in link.css_class.split())
        attrs = f"{{: {classes} }}" if classes else ""
        return f"]({link.href}{title}){attrs}"

    def finish(self, out: str) -> str:
        return protect_line_start(out)


class FootnoteRefs:
    """The call-outs of one page, written as HTML in the shape of Python-Markdown's
    ``footnotes`` extension (with ``footnote_numbers.py``: the printed number shown), so that
    the notes list (``footnote_list``) links back to each and Material's tooltips read them:
    the first call of note 3 is ``fnref:3``, the second ``fnref2:3``… ``known``: the page's
    notes in the order of its list; a note whose label is not a number shows its place in it."""

    def __init__(self, known: Iterable[str]) -> None:
        self.place = {number: i for i, number in enumerate(known, 1)}
        self.known = set(self.place)
        self.calls: dict[str, int] = {}

    def call(self, number: str) -> str:
        if not (NOTE_LABEL_RE.match(number) and number in self.known):
            return _plain_mark(number)
        k = self.calls[number] = self.calls.get(number, 0) + 1
        shown = number if number.isdigit() else str(self.place[number])
        return f'<sup id="{_ref_id(number, k)}"><a class="footnote-ref" href="#fn:{number}">{shown}</a></sup>'

    def backrefs(self, number: str) -> list[str]:
        """The ids of the call-outs of note ``number`` (one at least: the list links back to
        the first, as the extension does for a note never called)."""
        return [_ref_id(number, k) for k in range(1, max(1, self.calls.get(number, 0)) + 1)]


def _ref_id(number: str, k: int) -> str:
    """The id of the ``k``-th call of note ``number``: ``fnref:3``, ``fnref2:3``…"""
    return f"fnref{k if k > 1 else ''}:{number}"


def _plain_mark(number: str) -> str:
    """A mark of a note the page does not have: a plain superscript, as printed."""
    return f"<sup>{html_text(number)}</sup>"


class _HtmlOut:
    """HTML: text escaped, links as ``<a>`` (``href`` a URL), call-outs by ``FootnoteRefs``."""

    def __init__(self, refs: FootnoteRefs | None) -> None:
        self.refs = refs

    def text(self, chunk: str) -> str:
        return html_text(chunk)

    def note(self, number: str, known: set[str] | None) -> str:
        return _plain_mark(number) if self.refs is None else self.refs.call(number)

    def open_link(self, link: LinkSpan) -> str:
        attrs = f' class="{html(link.css_class)}"' if link.css_class else ""
        attrs += f' href="{html(link.href)}"'
        attrs += f' title="{html(link.title)}"' if link.title else ""
        return f"<a{attrs}>"

    def close_link(self, link: LinkSpan) -> str:
        return "</a>"

    def finish(self, out: str) -> str:
        return out


def weave(
    text: str,
    emphasis: Iterable[tuple[int, int]] = (),
    notes: Iterable[tuple[int, str]] = (),
    links: Sequence[LinkSpan] = (),
    known_notes: Iterable[str] | None = None,
    refs: FootnoteRefs | None = None,
) -> str:
    """Markdown source for ``text`` with italics, footnote marks ``(offset, number)`` and links.

    A mark whose number is not in ``known_notes`` (no footnote text) is printed as a plain
    superscript: a ``[^n]`` without definition would show up as literal brackets. With
    ``refs`` the marks are the page's HTML call-outs instead (``FootnoteRefs``)."""
    known = None if known_notes is None else set(known_notes)
    return _weave(_MarkdownOut(refs), text, emphasis, notes, links, known)


def weave_html(
    text: str,
    emphasis: Iterable[tuple[int, int]] = (),
    notes: Iterable[tuple[int, str]] = (),
    links: Sequence[LinkSpan] = (),
    refs: FootnoteRefs | None = None,
) -> str:
    """The same as ``weave``, as HTML: link targets are URLs; the call-outs are numbered by the
    page's ``refs`` (a mark of a note the page does not have is a plain superscript)."""
    return _weave(_HtmlOut(refs), text, emphasis, notes, links, None)


def _weave(
    emit: _MarkdownOut | _HtmlOut,
    text: str,
    emphasis: Iterable[tuple[int, int]],
    notes: Iterable[tuple[int, str]],
    links: Sequence[LinkSpan],
    known: set[str] | None,
) -> str:
    n = len(text)
    ems: list[tuple[int, int]] = []
    for s, e in sorted(set(emphasis)):
        if 0 <= s < e <= n and not any(_crosses((s, e), x) or s < x[1] and x[0] < e for x in ems):
            ems.append((s, e))
    kept: list[LinkSpan] = []
    for link in sorted(links, key=lambda li: (li.start, li.end)):
        span = (link.start, link.end)
        if not (0 <= link.start < link.end <= n):
            continue
        if any(_crosses(span, x) for x in ems):
            continue
        if any(link.start < k.end and k.start < link.end for k in kept):
            continue
        kept.append(link)
    marks: dict[int, list[str]] = {}
    for offset, number in notes:
        offset = max(0, min(n, offset))
        for link in kept:
            if link.start < offset < link.end:
                offset = link.end
        marks.setdefault(offset, []).append(number)

    # (start, end, kind, payload); at one offset open the longer span first
    spans: list[tuple[int, int, str, object]] = [(s, e, "em", None) for s, e in ems]
    spans += [(li.start, li.end, "link", li) for li in kept]
    starts: dict[int, list[tuple[int, int, str, object]]] = {}
    for sp in spans:
        starts.setdefault(sp[0], []).append(sp)
    points = sorted({0, n, *marks, *(sp[0] for sp in spans), *(sp[1] for sp in spans)})

    def close(span: tuple[int, int, str, object]) -> str:
        if span[2] == "em":
            return "</em>"
        assert isinstance(span[3], LinkSpan)
        return emit.close_link(span[3])

    out: list[str] = []
    stack: list[tuple[int, int, str, object]] = []
    for i, p in enumerate(points):
        while stack and stack[-1][1] <= p:
            out.append(close(stack.pop()))
        for number in marks.get(p, ()):
            out.append(emit.note(number, known))
        for sp in sorted(starts.get(p, ()), key=lambda sp: (-sp[1], sp[2] != "link")):
            if sp[2] == "em":
                out.append("<em>")
            else:
                assert isinstance(sp[3], LinkSpan)
                out.append(emit.open_link(sp[3]))
            stack.append(sp)
        if i + 1 < len(points):
            out.append(emit.text(text[p : points[i + 1]]))
    while stack:
        out.append(close(stack.pop()))
    return emit.finish("".join(out))
