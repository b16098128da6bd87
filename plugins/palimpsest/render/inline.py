"""Inline Markdown for plain text + spans: escaping, italics, footnote marks, citation links.

Clause text is plain (model.py). Here the spans are woven back in as Python-Markdown source:

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

from .escape import html

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


def escape_attr(value: str) -> str:
    """A value inside an HTML attribute: the one HTML escaping (render/escape.py)."""
    return html(value)


@dataclass(frozen=True)
class LinkSpan:
    start: int
    end: int
    href: str  # a Markdown link target: "../a-res-68-131/index.md" or an absolute URL
    title: str = ""
    css_class: str = ""


def _crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1]


def weave(
    text: str,
    emphasis: Iterable[tuple[int, int]] = (),
    notes: Iterable[tuple[int, str]] = (),
    links: Sequence[LinkSpan] = (),
    known_notes: Iterable[str] | None = None,
) -> str:
    """Markdown source for ``text`` with italics, footnote marks ``(offset, number)`` and links.

    A mark whose number is not in ``known_notes`` (no footnote text) is printed as a plain
    superscript: a ``[^n]`` without definition would show up as literal brackets."""
    known = None if known_notes is None else set(known_notes)
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

    out: list[str] = []
    stack: list[tuple[int, int, str, object]] = []
    for i, p in enumerate(points):
        while stack and stack[-1][1] <= p:
            out.append(_close(stack.pop()))
        for number in marks.get(p, ()):
            if NOTE_LABEL_RE.match(number) and (known is None or number in known):
                out.append(f"[^{number}]")
            else:
                out.append(f"<sup>{escape_md(number)}</sup>")
        for sp in sorted(starts.get(p, ()), key=lambda sp: (-sp[1], sp[2] != "link")):
            out.append("<em>" if sp[2] == "em" else "[")
            stack.append(sp)
        if i + 1 < len(points):
            out.append(escape_md(text[p : points[i + 1]]))
    while stack:
        out.append(_close(stack.pop()))
    return protect_line_start("".join(out))


def _close(span: tuple[int, int, str, object]) -> str:
    if span[2] == "em":
        return "</em>"
    link = span[3]
    assert isinstance(link, LinkSpan)
    title = f' "{link.title.replace(chr(34), "&quot;")}"' if link.title else ""
    classes = " ".join(f".{c}" for c in link.css_class.split())
    attrs = f"{{: {classes} }}" if classes else ""
    return f"]({link.href}{title}){attrs}"
