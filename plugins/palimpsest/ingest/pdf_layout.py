"""Reader for the official PDF itself (``sources/<slug>/source.pdf``, byte-identical to the
download), read with the fonts and positions PDFium gives (``pypdfium2``).

What plain text loses, the layout keeps, so this reader decides by *place and style*, never by
guessing words:

* **lines**: the text objects of each page, grouped by baseline (a raised, smaller object —
  a superscript — belongs to the line it overlaps), split where a wide horizontal gap
  separates columns (the cover's left and right blocks, a running header's symbol and title);
* **page furniture**: on pages after the first, the running header is every line above the
  horizontal rule drawn across the top of the page (or, with no rule, the top cluster of
  lines whose place repeats on other pages); on every page the footer (page counter, job
  number, barcode, "Please recycle") is the cluster of lines at the foot of the page set
  apart from the text above by a wide gap, or whose place repeats on other pages;
* **footnote call-outs**: a text object smaller than its line and raised above its baseline
  is a superscript; when it holds a footnote number printed at the foot of a page it becomes
  the footnote token of :mod:`raw`; nothing is inferred from digits;
* **italics**: every run set in an italic font is an ``emphasis`` span of its block, exactly
  as printed (the opening phrase of each clause, titles of publications);
* **footnote blocks**: below the rule of underscores at the foot of a page, in a smaller font
  than the text; a note starts with its superscript (or, failing that, next-in-order) number,
  and a block that starts without one continues the last note of the previous page;
* **paragraphs**: a new block starts after a vertical gap wider than the line pitch, at a
  line indented further than the line before (first-line indents, margin numbers, the
  closing date), or after a line that stops short of the right margin; a page break joins
  a paragraph whose first line on the new page sits at the left margin.

Line numbers in blocks, footnotes and messages are ``page * 1000 + line on the page`` (line
3012 is the twelfth line of page 3, counting every text line from the top), so a message
about a PDF names a place a contributor can find.

The cover block (everything before the enacting formula) is read with the plain-text reader's
cover logic (symbol, distribution date, session, agenda item, adoption, committee, title).
"""

from __future__ import annotations

import ctypes
import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from ..errors import SourceError
from ..model import Footnote
from .pdf_text import ANNEX_RE, _read_cover  # private: shared cover-block logic (see the lead's note)
from .raw import RawBlock, RawText, check_unique_footnotes, fn_token
from .structure import FORMULA_RE

PDF_MAGIC = b"%PDF-"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014/"
_RULE_TEXT_RE = re.compile(r"^_{5,}$")
_NOTE_MARK_RE = re.compile(r"^(\d{1,3}|[a-z])$")
_SPACE_RE = re.compile(r"\s+")
# a hyphen or dash glued to the word before it at a line end: the break goes, no space (as in pages.join_wrapped)
_GLUE_END_RE = re.compile(r"[^\s\-\u2013\u2011][\-\u2011\u2013]$")


# --- layout model ----------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A run of text in one font at one baseline (one PDF text object, or part of one)."""

    text: str
    x0: float
    x1: float
    baseline: float  # y of the baseline, from the top of the page
    size: float  # font size in points, as rendered
    font: str
    italic: bool
    bold: bool
    superscript: bool = False  # smaller than its line and raised above its baseline
    gap_space: bool = False  # PDFium saw a gap after this run (a space it generated, removed here)


@dataclass
class Line:
    page: int  # 1-based
    number: int  # 1-based, top to bottom on its page
    spans: list[Span]
    baseline: float
    size: float  # size of the line's main (largest) text
    x0: float
    x1: float
    role: str = "body"  # body | cover | header | footer | rule | footnote
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def line(self) -> int:
        return self.page * 1000 + self.number

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = _SPACE_RE.sub(" ", "".join(s.text for s in self.spans)).strip()
        return self._text

    @property
    def bold(self) -> bool:
        return all(s.bold for s in self.spans if s.text.strip())


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)  # drawn horizontal rules: (y, x0, x1)


# --- extraction (PDFium through pypdfium2) ---------------------------------------------


def _pdfium():
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    return pdfium, raw


def read_pages(data: bytes, path: str) -> list[Page]:
    """The text objects of every page as :class:`Span`s grouped into :class:`Line`s."""
    pdfium, raw = _pdfium()
    if not data.startswith(PDF_MAGIC):
        raise SourceError(
            path,
            1,
            "This file is not a PDF (it does not start with '%PDF-').",
            "Put the official PDF exactly as downloaded in source.pdf, or save text as source.txt.",
        )
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise SourceError(
            path,
            1,
            f"PDFium cannot open this PDF ({exc}).",
            "Download the official PDF again (the file may be truncated or password-protected).",
        ) from None
    pages: list[Page] = []
    try:
        fonts: dict[int, tuple[str, bool, bool]] = {}
        name_buf = ctypes.create_string_buffer(256)
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            width, height = page.get_size()
            pg = Page(number=index + 1, width=width, height=height)
            spans: list[Span] = []
            texts = _object_texts(raw, textpage)
            _collect(raw, page.raw, textpage.raw, height, None, spans, pg.rules, fonts, name_buf, texts)
            pg.lines = _make_lines(spans, pg.number)
            pages.append(pg)
            textpage.close()
            page.close()
    finally:
        doc.close()
    if not any(p.lines for p in pages):
        raise SourceError(
            path,
            1,
            "This PDF has no text layer (it is a scan or an image).",
            "Use the text PDF from the official site, or add the OCR text as source.txt.",
        )
    return pages


_CHAR_OBJECT: list[Any] = []


def _char_object_fn(raw):
    """``FPDFText_GetTextObject`` returning the handle as a plain integer (it is called once per
    character: the pointer objects of the generic binding cost more than the call itself)."""
    if not _CHAR_OBJECT:
        proto = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
        address = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
        assert address is not None, "PDFium has no FPDFText_GetTextObject"
        _CHAR_OBJECT.append(proto(address))
    return _CHAR_OBJECT[0]


def _object_texts(raw, textpage) -> tuple[dict[int, str], set[int], dict[int, float]]:
    """The text of each text object (by handle) from PDFium's text page, without the spaces
    and line breaks PDFium *generates* (it adds a space wherever it sees a gap, even inside a
    word of justified text), and the objects after which it generated a space: the reader
    decides spaces from the geometry, with PDFium's gap as one piece of evidence."""
    text = textpage.get_text_range()
    get_object = _char_object_fn(raw)
    is_generated = raw.FPDFText_IsGenerated
    handle = textpage.raw
    address = ctypes.cast(handle, ctypes.c_void_p)
    chars: dict[int, list[str]] = {}
    gap_after: set[int] = set()
    last_index: dict[int, int] = {}
    last = 0
    for i, ch in enumerate(text):
        key = get_object(address, i) or 0
        if not key:  # a generated character: no object behind it
            if ch == " " and last:
                gap_after.add(last)
            continue
        if ch in " \r\n" and is_generated(handle, i) == 1:
            if ch == " " and last:
                gap_after.add(last)
            continue
        chars.setdefault(key, []).append(ch)
        last_index[key] = i
        last = key
    # where each object's last glyph *advances* to (its ink box stops short of that, by up to
    # a quarter of an em for a narrow glyph such as "1")
    box = raw.FS_RECTF()
    ends: dict[int, float] = {}
    for key, i in last_index.items():
        if raw.FPDFText_GetLooseCharBox(handle, i, box):
            ends[key] = box.right
    return {k: "".join(v) for k, v in chars.items()}, gap_after, ends


def _matmul(m: tuple[float, ...], n: tuple[float, ...] | None) -> tuple[float, ...]:
    """``m`` (object in its form) then ``n`` (form on the page)."""
    if n is None:
        return m
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _collect(raw, container, textpage, height, outer, spans, rules, fonts, name_buf, texts, form=False) -> None:
    """Text objects (recursing into form XObjects) as spans; thin horizontal paths as rules."""
    count = raw.FPDFFormObj_CountObjects(container) if form else raw.FPDFPage_CountObjects(container)
    m = raw.FS_MATRIX()
    size = ctypes.c_float()
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for j in range(count):
        obj = raw.FPDFFormObj_GetObject(container, j) if form else raw.FPDFPage_GetObject(container, j)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            raw.FPDFPageObj_GetMatrix(obj, m)
            _collect(
                raw,
                obj,
                textpage,
                height,
                _matmul((m.a, m.b, m.c, m.d, m.e, m.f), outer),
                spans,
                rules,
                fonts,
                name_buf,
                texts,
                form=True,
            )
            continue
        if kind == raw.FPDF_PAGEOBJ_PATH:
            if outer is None and raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                if top.value - bottom.value < 2.5 and right.value - left.value > 50:
                    rules.append((height - top.value, left.value, right.value))
            continue
        if kind != raw.FPDF_PAGEOBJ_TEXT:
            continue
        obj_key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        text = texts[0].get(obj_key, "")
        text = text.replace("\x02", "-").replace("\ufffe", "-")  # PDFium's marks for a hyphen at a line end
        gap_space = obj_key in texts[1]
        if not text:
            continue
        font = raw.FPDFTextObj_GetFont(obj)
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        info = fonts.get(key)
        if info is None:
            raw.FPDFFont_GetBaseFontName(font, name_buf, 256)
            name = name_buf.value.decode("latin-1")
            flags = raw.FPDFFont_GetFlags(font)
            weight = raw.FPDFFont_GetWeight(font)
            low = name.lower()
            italic = bool(flags & 64) or "italic" in low or "oblique" in low
            bold = weight >= 600 or "bold" in low or bool(flags & (1 << 18))
            info = fonts[key] = (name, italic, bold)
        raw.FPDFTextObj_GetFontSize(obj, size)
        raw.FPDFPageObj_GetMatrix(obj, m)
        mat = _matmul((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        scale = (mat[2] ** 2 + mat[3] ** 2) ** 0.5 or 1.0
        x0 = mat[4]
        x1 = x0
        if outer is None and obj_key in texts[2]:
            x1 = texts[2][obj_key]
        elif raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            x1 = right.value
            if outer is not None:
                x1 = x0 + (right.value - left.value) * ((mat[0] ** 2 + mat[1] ** 2) ** 0.5)
        spans.append(
            Span(
                text=text,
                x0=x0,
                x1=max(x1, x0),
                baseline=height - mat[5],
                size=size.value * scale,
                font=info[0],
                italic=info[1],
                bold=info[2],
                gap_space=gap_space,
            )
        )


def _make_lines(spans: list[Span], page: int) -> list[Line]:
    """Group spans into lines: a span joins the line whose main text it overlaps vertically
    (a superscript overlaps the upper part of its line); then split at column gaps."""
    spans = [s for s in spans if s.size > 1.5]  # 1-pt spacer objects carry nothing
    spans.sort(key=lambda s: (s.baseline, s.x0))
    clusters: list[list[Span]] = []  # members; the first is the anchor (largest member)
    for s in spans:
        top, bottom = s.baseline - 0.6 * s.size, s.baseline + 0.1 * s.size
        for members in reversed(clusters[-3:]):
            anchor = members[0]
            if top < anchor.baseline + 0.1 * anchor.size and bottom > anchor.baseline - 0.6 * anchor.size:
                if s.size > anchor.size + 0.01 and s.text.strip():
                    members.insert(0, s)
                else:
                    members.append(s)
                break
        else:
            clusters.append([s])
    lines: list[Line] = []
    for members in clusters:
        main = members[0]
        members.sort(key=lambda s: s.x0)
        segment: list[Span] = []
        for s in members:
            if segment and s.text.strip() and s.x0 - max(p.x1 for p in segment) > 2.5 * main.size:
                lines.append(_line(segment, page, main))
                segment = []
            segment.append(s)
        if segment:
            lines.append(_line(segment, page, main))
    lines = [ln for ln in lines if ln.text]  # in baseline order; a line's columns left to right
    for k, ln in enumerate(lines, 1):
        ln.number = k
    return lines


def _line(segment: list[Span], page: int, main: Span) -> Line:
    visible = [s for s in segment if s.text.strip()] or segment
    big = max(visible, key=lambda s: s.size)
    base = big.baseline
    out: list[Span] = []
    for s in segment:
        sup = bool(s.text.strip()) and s.size < 0.8 * big.size and base - s.baseline > 0.18 * big.size
        if out and s.text and not s.text[0].isspace() and not out[-1].text[-1:].isspace():
            gap = (s.x0 - out[-1].x1) / min(s.size, out[-1].size)
            # A word space between two runs (gaps measured from the advance of the last glyph:
            # on the GA corpus gaps inside words stay under 0.15 em, word spaces are 0.19 em
            # and more): on that gap, on a narrower one where PDFium also saw a gap, or where
            # the style changes (italic opening phrase to roman text). A dash or closing
            # punctuation takes a space before it only on a wide gap.
            dash = s.text[0] in _DASHES or s.text[0] in ".,;:)]\u201d\u2019"
            if not sup and (
                gap > (0.3 if dash else 0.165)
                or (gap > 0.1 and out[-1].gap_space)
                or (not dash and out[-1].italic != s.italic and gap > (0.0 if out[-1].italic else 0.05))
            ):
                out.append(Span(" ", out[-1].x1, s.x0, base, s.size, s.font, out[-1].italic and s.italic, s.bold))
        out.append(Span(s.text, s.x0, s.x1, s.baseline, s.size, s.font, s.italic, s.bold, sup))
    return Line(
        page=page,
        number=0,
        spans=out,
        baseline=base,
        size=big.size,
        x0=min(s.x0 for s in visible),
        x1=max(s.x1 for s in visible),
    )


# --- page furniture ----------------------------------------------------------------------


def _body_size(pages: list[Page]) -> float:
    weights: dict[float, int] = {}
    for p in pages:
        for ln in p.lines:
            key = round(ln.size, 1)
            weights[key] = weights.get(key, 0) + len(ln.text)
    return max(weights, key=lambda k: weights[k]) if weights else 10.0


def _top_cluster(p: Page, body: float) -> list[Line]:
    """The lines at the top of a page set apart from the text below by a wide gap."""
    ordered = sorted(p.lines, key=lambda ln: ln.baseline)
    cluster: list[Line] = []
    for k, ln in enumerate(ordered):
        if ln.baseline > 0.12 * p.height:
            return []
        cluster.append(ln)
        if k + 1 == len(ordered) or ordered[k + 1].baseline - ln.baseline > 1.6 * body:
            return cluster
    return []


def _bottom_cluster(p: Page, body: float) -> list[Line]:
    """The lines at the foot of a page set apart from the text above by a wide gap."""
    ordered = sorted(p.lines, key=lambda ln: -ln.baseline)
    cluster: list[Line] = []
    for k, ln in enumerate(ordered):
        if ln.baseline < 0.85 * p.height or _RULE_TEXT_RE.match(ln.text):
            return []
        cluster.append(ln)
        if k + 1 == len(ordered) or ln.baseline - ordered[k + 1].baseline > 2.0 * body:
            return cluster if len(cluster) <= 6 else []
    return []


def _mark_furniture(pages: list[Page], body: float) -> None:
    tops = {p.number: _top_cluster(p, body) for p in pages if p.number > 1}
    top_places: dict[Any, Any] = {}
    for number, cluster in tops.items():
        for ln in cluster:
            top_places.setdefault(round(ln.baseline / 2), set()).add(number)
    for p in pages:
        for ln in _bottom_cluster(p, body):
            ln.role = "footer"
        if p.number == 1:
            continue  # the cover: read as such
        # running header: above the rule drawn across the top of the page, else the top
        # cluster when its place recurs on another page
        top_rules = [y for y, x0, x1 in p.rules if y < 0.15 * p.height and x1 - x0 > 0.4 * p.width]
        if top_rules:
            limit = max(top_rules)
            for ln in p.lines:
                if ln.baseline < limit:
                    ln.role = "header"
            continue
        cluster = tops.get(p.number, [])
        recurs = any(
            len(top_places.get(round(ln.baseline / 2) + d, set()) - {p.number}) >= 1
            for ln in cluster
            for d in (-1, 0, 1)
        )
        if cluster and (recurs or len(pages) == 2):
            for ln in cluster:
                ln.role = "header"


# --- footnote blocks -----------------------------------------------------------------------


def _page_footnotes(p: Page, body: float) -> list[Line]:
    """Lines of the footnote block at the foot of the page: below the footnote rule (a rule of
    underscores, or a short drawn rule in the lower half), set in a smaller font."""
    lines = [ln for ln in p.lines if ln.role == "body"]
    rule_y = None
    for ln in lines:
        if _RULE_TEXT_RE.match(ln.text) and ln.baseline > 0.3 * p.height:
            rule_y = ln.baseline if rule_y is None else min(rule_y, ln.baseline)
            ln.role = "rule"
    if rule_y is None:
        drawn = [y for y, x0, x1 in p.rules if y > 0.4 * p.height and x1 - x0 < 0.5 * p.width]
        below = [ln for ln in lines if drawn and ln.baseline > min(drawn)]
        if drawn and below and all(ln.size < 0.95 * body for ln in below):
            rule_y = min(drawn)
    if rule_y is None:
        return []
    notes = [ln for ln in lines if ln.role == "body" and ln.baseline > rule_y and ln.size < 0.95 * body]
    for ln in notes:
        ln.role = "footnote"
    return notes


def _read_notes(note_lines: list[Line], footnotes: list[Footnote], path: str) -> None:
    for ln in note_lines:
        if ln.text.startswith("*") and not footnotes:
            ln.role = "cover"  # the note on the symbol's asterisk ("* Reissued for technical reasons ...")
            continue
        spans = list(ln.spans)
        while spans and not spans[0].text.strip():
            spans.pop(0)
        number = None
        if spans and spans[0].superscript and _NOTE_MARK_RE.match(spans[0].text.strip()):
            number = spans[0].text.strip()
            spans = spans[1:]
        elif spans:
            m = re.match(r"^(\d{1,3})\s+\S", "".join(s.text for s in spans))
            last = footnotes[-1].number if footnotes else "0"
            if m and last.isdigit() and int(m.group(1)) == int(last) + 1:
                number = m.group(1)
                cut = len(m.group(1))
                rest: list[Span] = []
                for s in spans:
                    if cut >= len(s.text):
                        cut -= len(s.text)
                        continue
                    rest.append(Span(s.text[cut:], s.x0, s.x1, s.baseline, s.size, s.font, s.italic, s.bold))
                    cut = 0
                spans = rest
        text, emphasis = _assemble_text([(s.text, s.italic) for s in spans])
        if number is not None:
            footnotes.append(Footnote(number=number, text=text, line=ln.line, emphasis=tuple(emphasis)))
        elif footnotes:
            prev = footnotes.pop()
            joined, spans2 = _join_two(prev.text, list(prev.emphasis), text, emphasis)
            footnotes.append(Footnote(number=prev.number, text=joined, line=prev.line, emphasis=tuple(spans2)))
        else:
            raise SourceError(
                path,
                ln.line,
                f"The footnote block at the foot of page {ln.page} starts without a footnote number: '{ln.text}'.",
                "Check that source.pdf is the official PDF exactly as downloaded.",
            )


# --- text assembly -------------------------------------------------------------------------


def _assemble_text(pieces: list[tuple[str, bool]]) -> tuple[str, list[tuple[int, int]]]:
    """Pieces (text, italic) → single-spaced text and its italic spans (trimmed of spaces)."""
    out: list[str] = []
    length = 0
    spans: list[tuple[int, int]] = []
    for text, italic in pieces:
        text = _SPACE_RE.sub(" ", text)
        if (not out or out[-1].endswith(" ")) and text.startswith(" "):
            text = text[1:]
        if not text:
            continue
        start = length
        out.append(text)
        length += len(text)
        if italic:
            lead = len(text) - len(text.lstrip(" "))
            trail = len(text) - len(text.rstrip(" "))
            s, e = start + lead, length - trail
            if e > s:
                if spans and spans[-1][1] >= s - 1:
                    spans[-1] = (spans[-1][0], e)
                else:
                    spans.append((s, e))
    text = "".join(out)
    stripped = text.rstrip(" ")
    spans = [(s, min(e, len(stripped))) for s, e in spans if s < len(stripped)]
    return stripped, spans


def _join_two(
    a: str, a_spans: list[tuple[int, int]], b: str, b_spans: list[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]]]:
    """Join two wrapped lines/blocks like pages.join_wrapped: no space after a glued hyphen or dash."""
    if not a:
        return b, list(b_spans)
    if not b:
        return a, list(a_spans)
    sep = "" if _GLUE_END_RE.search(a) else " "
    shift = len(a) + len(sep)
    spans = list(a_spans)
    for s, e in b_spans:
        s, e = s + shift, e + shift
        if spans and spans[-1][1] in (s - len(sep), s) and sep.strip() == "":
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return a + sep + b, spans


def _line_pieces(ln: Line, notes: set[str]) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    for s in ln.spans:
        mark = s.text.strip()
        if s.superscript and mark in notes:
            pieces.append((fn_token(mark), False))
        else:
            pieces.append((s.text, s.italic))
    return pieces


# --- paragraphs ------------------------------------------------------------------------------


@dataclass
class _Frame:
    left: float
    right: float
    center: float


def _frame(lines: list[Line], page: Page, body: float) -> _Frame:
    """The text frame of a page, from its lines in the body size (not tables, not notes)."""
    lines = [ln for ln in lines if abs(ln.size - body) < 0.06 * body] or lines
    if not lines:
        return _Frame(0, page.width, page.width / 2)
    left = statistics.mode(round(ln.x0) for ln in lines)  # where continuation lines start
    right = statistics.mode(round(ln.x1) for ln in lines)  # where justified lines end
    return _Frame(left, right, (left + right) / 2)


def _centered(ln: Line, fr: _Frame, body: float) -> bool:
    return ln.x0 > fr.left + body and abs((ln.x0 + ln.x1) / 2 - fr.center) < 0.6 * body


def _paragraphs(pages: list[Page], body: float, notes: set[str]) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    current: list[tuple[Line, _Frame]] = []

    def flush() -> None:
        if not current:
            return
        text = ""
        spans: list[Any] = []
        for ln, _ in current:
            t, s = _assemble_text(_line_pieces(ln, notes))
            text, spans = _join_two(text, spans, t, s)
        bold = all(ln.bold for ln, _ in current)
        heading = 0
        if bold and not FORMULA_RE.match(text):
            heading = 2 if ANNEX_RE.match(text) else 3
        blocks.append(RawBlock(text=text, line=current[0][0].line, heading=heading, emphasis=spans))
        current.clear()

    prev: tuple[Line, _Frame] | None = None
    pitch = 1.2 * body
    for p in pages:
        body_lines = [ln for ln in p.lines if ln.role == "body"]
        fr = _frame(body_lines, p, body)
        for ln in body_lines:
            new = prev is None
            if prev is not None:
                pln, pfr = prev
                indent = (ln.x0 - fr.left) - (pln.x0 - pfr.left)
                short = pln.x1 < pfr.right - 2.5 * body
                both_centered = _centered(ln, fr, body) and _centered(pln, pfr, body)
                if pln.page == ln.page:
                    gap = ln.baseline - pln.baseline
                    new = gap > 1.3 * max(pitch, 1.2 * min(ln.size, pln.size)) or gap < -0.5 * body
                    if not new and ln.size < 0.9 * pln.size and not both_centered:
                        new = True
                if pln.page != ln.page:
                    indent = ln.x0 - fr.left  # a first-line indent at the top of the new page
                if not new and indent > 0.5 * body and not both_centered:
                    new = True
                if not new and short and not both_centered:
                    new = True
                if not new and (pln.bold != ln.bold):
                    new = True
            if new:
                flush()
            current.append((ln, fr))
            prev = (ln, fr)
    flush()
    return blocks


# --- the reader ------------------------------------------------------------------------------


@dataclass
class PdfLayout:
    """Everything the reader saw, for tests and the benchmark: the pages with each line's
    role, and the ``RawText`` handed to the structure builder."""

    pages: list[Page]
    raw: RawText
    body_size: float


def read_layout(data: bytes, path: str) -> PdfLayout:
    pages = read_pages(data, path)
    body = _body_size(pages)
    _mark_furniture(pages, body)

    # the cover: page-1 lines before the enacting formula
    meta: dict[str, str] = {}
    discarded: list[tuple[int, str]] = []
    formula = next((ln for p in pages[:2] for ln in p.lines if ln.role == "body" and FORMULA_RE.match(ln.text)), None)
    if formula is not None:
        cover = [
            ln
            for p in pages
            for ln in p.lines
            if ln.role == "body" and (p.number, ln.baseline) < (formula.page, formula.baseline - 0.5)
        ]
        for ln in cover:
            ln.role = "cover"
        cover_lines: list[str] = []
        prev: Line | None = None
        for ln in sorted(cover, key=lambda x: x.line):
            if prev is not None and (
                ln.baseline - prev.baseline > 1.6 * max(prev.size, ln.size) * 1.0 or ln.page != prev.page
            ):
                cover_lines.append("")
            cover_lines.append(ln.text)
            prev = ln
        _read_cover(cover_lines, path, meta)
    # footnotes, page by page
    footnotes: list[Footnote] = []
    for p in pages:
        _read_notes(_page_footnotes(p, body), footnotes, path)
    check_unique_footnotes(
        footnotes, path, " at the foot of the pages", "Check that source.pdf is the official PDF exactly as downloaded."
    )
    blocks = _paragraphs(pages, body, {f.number for f in footnotes})
    for p in pages:
        for ln in p.lines:
            if ln.role in ("cover", "header", "footer", "rule"):
                discarded.append((ln.line, ln.text))
    for b in blocks:
        if m := re.match(r"^\d+(?:st|nd|rd|th) plenary meeting$", b.text):
            meta.setdefault("meeting", m.group(0))
    discarded.sort()
    raw = RawText(blocks=blocks, footnotes=footnotes, meta=meta, discarded=discarded)
    return PdfLayout(pages=pages, raw=raw, body_size=body)


def read_pdf(data: bytes, path: str) -> RawText:
    """The official PDF (bytes of ``source.pdf``) → :class:`RawText`."""
    try:
        return read_layout(data, path).raw
    except SourceError:
        raise
    except Exception as exc:  # an unexpected shape inside the PDF: a located message, never a traceback
        raise SourceError(
            path,
            1,
            f"The PDF reader could not read this file ({type(exc).__name__}: {exc}).",
            "Check that source.pdf is the official PDF exactly as downloaded; if it is, report "
            "the file to the maintainers.",
        ) from None
