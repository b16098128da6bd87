"""Reader for Markdown sources (as exported by document converters), through markdown-it-py.

Markdown gives the block structure (paragraphs, list items with their numbers, headings,
rules) and inline emphasis; the document-system furniture is still there and handled here:

* footnote marks written ``<sup>3</sup>`` or as superscript digits ``¹``;
* footnote texts, at the bottom of each printed page, as paragraphs that *start* with a
  mark (``<sup>1</sup> Report of…`` or ``¹ *The Promise…*``), often after a ``---`` rule,
  in the middle of a clause cut by the page break;
* stray bold markers (``- 16.** In giving…``), list markers that vary (``- (a)``, `` - (b)``);
* lines after the text that are not part of it (a preview website's watermark and URL).

Continuation of a clause cut by a page break is left to the structure builder
(``structure._join_continuations``).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import Footnote
from .raw import RawBlock, RawText, fn_token

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
SUPERSCRIPT_RE = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
URL_LINE_RE = re.compile(r"^\s*https?://\S+\s*$")
# A CJK notice ("预览已结束…") at the end of a file is a document-preview site's watermark.
CJK_RE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")

_md = MarkdownIt("commonmark")


def looks_like_markdown(text: str) -> bool:
    return bool(
        re.search(r"^#{1,6} ", text, re.M)
        or re.search(r"<sup>\d+</sup>", text)
        or re.search(r"\*[A-Z][a-z]+(?: [a-z]+)*\*", text)
        or re.search(r"^\s*- \(?[a-z0-9]+[.)]", text, re.M)
    )


class _Inline:
    """Accumulates plain text + emphasis spans + footnote tokens from inline tokens."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.emphasis: list[tuple[int, int]] = []
        self._em_start: int | None = None
        self.in_sup = False
        self.sup_text = ""
        self.breaks: list[int] = []  # offsets of hard line breaks

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def add(self, s: str) -> None:
        if self.in_sup:
            self.sup_text += s
            return
        self.parts.append(s)

    def feed(self, tokens: list[Token]) -> None:
        for t in tokens:
            if t.type == "text":
                self.add(SUPERSCRIPT_RE.sub(lambda m: fn_token(m.group(0).translate(SUPERSCRIPT_DIGITS)), t.content))
            elif t.type == "softbreak":
                self.add(" ")
            elif t.type == "hardbreak":
                self.breaks.append(len(self.text))
            elif t.type == "em_open":
                self._em_start = len(self.text)
            elif t.type == "em_close":
                if self._em_start is not None:
                    self.emphasis.append((self._em_start, len(self.text)))
                self._em_start = None
            elif t.type in ("strong_open", "strong_close"):
                pass  # bold carries no meaning in these exports
            elif t.type == "html_inline":
                tag = t.content.strip().lower()
                if tag == "<sup>":
                    self.in_sup, self.sup_text = True, ""
                elif tag == "</sup>":
                    self.in_sup = False
                    num = self.sup_text.strip()
                    if num.isdigit():
                        self.parts.append(fn_token(num))
                    else:
                        self.parts.append(num)
                else:
                    self.add(t.content)
            elif t.type in ("link_open", "link_close"):
                pass  # the words of a link stay, its target does not belong to the text
            elif t.type == "image":
                self.add(t.content)  # an image's alt text is the words it stands for: never dropped
            else:
                self.add(t.content)


def _clean(text: str, emphasis: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Collapse white space, drop stray ``*`` (unbalanced bold), keep spans aligned."""
    out: list[str] = []
    mapping: list[int] = []  # offset in ``text`` -> offset in the result
    prev_space = True  # also strips leading space
    for ch in text:
        mapping.append(len(out))
        if ch == "*":
            continue
        if ch.isspace():
            if not prev_space:
                out.append(" ")
            prev_space = True
        else:
            out.append(ch)
            prev_space = False
    mapping.append(len(out))
    while out and out[-1] == " ":
        out.pop()
    new = "".join(out)
    spans = []
    for a, b in emphasis:
        na, nb = mapping[a], min(mapping[b], len(new))
        while na < nb and new[na] == " ":
            na += 1
        while nb > na and new[nb - 1] == " ":
            nb -= 1
        if nb > na:
            spans.append((na, nb))
    return new, spans


def read_markdown(text: str, path: str) -> RawText:
    tokens = _md.parse(text)
    lines = text.splitlines()
    blocks: list[RawBlock] = []
    footnotes: list[Footnote] = []
    discarded: list[tuple[int, str]] = []
    pending_number: str | None = None
    heading_level = 0

    for tok in tokens:
        if tok.type == "list_item_open":
            pending_number = tok.info or None
            continue
        if tok.type == "heading_open":
            heading_level = int(tok.tag[1])
            continue
        if tok.type == "heading_close":
            heading_level = 0
            continue
        start = tok.map[0] if tok.map else 0
        if tok.type == "hr":
            discarded.append((start + 1, lines[start]))
            continue
        if tok.type in ("html_block", "fence", "code_block"):
            # raw HTML or code in a resolution export is not text of the resolution; keep it
            # visible as a block so the builder reports it rather than dropping it silently
            blocks.append(RawBlock(text=tok.content.strip(), line=start + 1, verbatim=True))
            continue
        if tok.type != "inline":
            continue
        line = tok.map[0] + 1 if tok.map else 0
        acc = _Inline()
        acc.feed(tok.children or [])
        raw = acc.text
        # split at hard breaks (the closing "45th plenary meeting  \n22 July 2010")
        cuts = [0] + acc.breaks + [len(raw)]
        for k in range(len(cuts) - 1):
            a, b = cuts[k], cuts[k + 1]
            spans = [(max(s, a) - a, min(e, b) - a) for s, e in acc.emphasis if e > a and s < b]
            seg_text, seg_spans = _clean(raw[a:b], spans)
            if not seg_text:
                continue
            seg_line = line + k
            if k == 0 and pending_number is not None:
                prefix = f"{pending_number}. "
                seg_text = prefix + seg_text
                seg_spans = [(s + len(prefix), e + len(prefix)) for s, e in seg_spans]
            # a paragraph that starts with a footnote mark is a footnote text
            m = re.match("^\ue000(\\d+)\ue001\\s*", seg_text)
            if m and not heading_level:
                body = seg_text[m.end() :]
                shift = m.end()
                fspans = [(s - shift, e - shift) for s, e in seg_spans if s >= shift]
                footnotes.append(Footnote(number=m.group(1), text=body.strip(), line=seg_line, emphasis=tuple(fspans)))
                continue
            blocks.append(RawBlock(text=seg_text, line=seg_line, heading=heading_level, emphasis=seg_spans))
        pending_number = None

    # A preview site's watermark: the paragraphs in Chinese, Japanese or Korean script and bare
    # URLs that END the file, after the text. Anywhere else such a paragraph is text: kept.
    while blocks and not blocks[-1].heading and (CJK_RE.search(blocks[-1].text) or URL_LINE_RE.match(blocks[-1].text)):
        last = blocks.pop()
        discarded.append((last.line, last.text))
    discarded.sort()
    return RawText(blocks=blocks, footnotes=footnotes, meta={}, discarded=discarded)
