"""Reader for plain text with form feeds at page breaks, as ``pdftotext`` writes it (Security
Council resolutions, older General Assembly resolutions), and any UN text whose cover names a
body of ``bodies.yml`` and prints its enacting formula.

What such text looks like: no blank line between paragraphs (a paragraph ends where a line
that ends its sentence part — ``,`` ``;`` ``.`` ``:`` — is followed by a line that opens a new
clause: a capitalised word, a number ``7.`` or a point ``(a)``, possibly alone on its line);
the cover block before the formula (symbol, ``Distr.: General``, date, ``Resolution 2250
(2015)``, the adoption line ``Adopted by the Security Council at its 7573rd meeting, on`` /
``9 December 2015``); running headers and footers on every page; footnotes at page bottoms
after a rule of underscores, their number alone on a line or before the text.

The steps are the shared ones: pages (``pages.split_pages``) → furniture by repetition
(``pages.furniture``) → footnote blocks → paragraphs → call-outs (``callouts.mark_callouts``).
"""

from __future__ import annotations

import re

from ..errors import SourceError
from ..model import Footnote
from . import bodies
from .callouts import mark_callouts
from .dates import parse_date, session_number
from .pages import (
    EDGE,
    FOOTNOTE_NUM_RE,
    PAGE_NUMBER_RE,
    Line,
    furniture,
    join_wrapped,
    read_footnote_block,
    split_pages,
)
from .raw import RawBlock, RawText

RULE_RE = re.compile(r"^_{5,}$")
NUM_ALONE_RE = re.compile(r"^(\d{1,3})\.$")
NUM_INLINE_RE = re.compile(r"^(\d{1,3})\.\s+\S")
POINT_ALONE_RE = re.compile(r"^\((?:[a-z]{1,2}|[ivxl]+)\)$")
POINT_INLINE_RE = re.compile(r"^\((?:[a-z]{1,2}|[ivxl]+)\)\s+\S")
SECTION_RE = re.compile(r"^(?:[IVXL]+|[A-H])\.$")
BULLET_RE = re.compile(r"^[•\u2022\u2013\u2014-]\s+\S")
SYMBOL_LINE_RE = re.compile(r"^[A-Z]+(?:\.\d+)?/[A-Z0-9./\- ()]+\*?$")
CLOSING_LINE_RE = re.compile(r"^\d+(?:st|nd|rd|th) (?:plenary )?meeting,?$")
CLOSING_SEIZED_RE = re.compile(r"remain (?:actively )?seized of the matter")


def looks_like_paged_text(text: str) -> bool:
    head = [s.strip() for s in text[:3000].split("\n")[:60]]
    has_formula = any(bodies.named_formula_re().match(s) for s in head) or any(
        bodies.named_formula_re().match(s) for s in (x.strip() for x in text.split("\n")[:400])
    )
    has_symbol = any(bodies.symbol_search_re().search(s) for s in head[:15])
    return has_formula and has_symbol


def read_paged_text(text: str, path: str) -> RawText:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = split_pages(text)
    lines = [line for p in pages for line in p]
    furn = furniture(pages)
    # page numbers alone as the last line of a page ("3", "- 4 -")
    for p in pages:
        body = [line for line in p if line.text]
        if body and PAGE_NUMBER_RE.match(body[-1].text) and len(pages) > 1:
            furn.add(body[-1].number)
    formula_rx = bodies.named_formula_re()
    start = next((k for k, line in enumerate(lines) if formula_rx.match(line.text)), None)
    if start is None:
        raise SourceError(
            path,
            1,
            "No enacting formula ('The Security Council,', 'The General Assembly,'…) found.",
            "Copy the whole text of the document, including its first page.",
        )
    meta: dict[str, str] = {}
    discarded: list[tuple[int, str]] = []
    _read_cover([line for line in lines[:start] if line.text], meta)
    discarded.extend((line.number, line.text) for line in lines[:start] if line.text)
    if title := meta.get("title"):
        # the running header's second line is the title (as on the cover): furniture
        for p in pages[1:]:
            for line in [x for x in p if x.text][:EDGE]:
                if line.text == title and line.number > lines[start].number:
                    furn.add(line.number)

    # footnote blocks: from a rule to the end of its page
    footnote_lines: set[int] = set()
    footnotes: list[Footnote] = []
    for p in pages:
        rule = next(
            (k for k, line in enumerate(p) if RULE_RE.match(line.text) and line.number > lines[start].number), None
        )
        if rule is None:
            rule = _unruled_block(p, furn, footnotes, lines[start].number)
            if rule is None:
                continue
            rule -= 1  # the blank line before the block stands for the rule
        else:
            footnote_lines.add(p[rule].number)
            discarded.append((p[rule].number, p[rule].text))
        # a note number alone at the foot of the page looks like a page number (furniture by
        # repetition): it is a note's when it is not below the next note due
        due = int(footnotes[-1].number) + 1 if footnotes and footnotes[-1].number.isdigit() else 1
        region = [
            line
            for line in p[rule + 1 :]
            if line.text
            and (
                line.number not in furn
                or ((m := FOOTNOTE_NUM_RE.match(line.text)) is not None and due <= int(m.group(1)) < due + 30)
            )
        ]
        for line in read_footnote_block(region, footnotes):
            discarded.append((line.number, f"[set aside: text in a footnote block before any note number] {line.text}"))
        footnote_lines.update(line.number for line in region)
    if meta.get("symbol_starred"):
        # "* Reissued for technical reasons on 5 January 2016.": the note of the starred symbol
        for line in lines[start:]:
            if line.text.startswith("* ") and line.number not in furn:
                furn.add(line.number)
                meta.setdefault("document_note", line.text[2:])
                break
    body = [
        line for line in lines[start:] if line.text and line.number not in furn and line.number not in footnote_lines
    ]
    for line in lines[start:]:
        if line.text and line.number in furn:
            discarded.append((line.number, line.text))
    blocks = _paragraphs(_late_letters(_exploded_before_number(body)))
    for b in blocks:  # the closing line after the text ("80th plenary meeting")
        if m := bodies.closing(b.text):
            if m.groupdict().get("meeting"):
                meta.setdefault("meeting", m.group("meeting"))
    mark_callouts(blocks, footnotes)
    for b in blocks:
        b.text = re.sub(r"[ \t]+", " ", b.text).strip()
    discarded.sort()
    return RawText(blocks=blocks, footnotes=sorted(footnotes, key=lambda f: f.line), meta=meta, discarded=discarded)


def _read_cover(cover: list[Line], meta: dict[str, str]) -> None:
    texts = [line.text for line in cover]
    joined = " ".join(texts)
    for s in texts[:12]:
        if m := bodies.symbol_search_re().search(s):
            if s.strip().rstrip("*") == m.group(0) or s.startswith(m.group(0)):
                meta.setdefault("symbol", " ".join(m.group(0).split()))
                if s.rstrip().endswith("*"):
                    meta["symbol_starred"] = "yes"
                break
    # the adoption line may be wrapped over two lines
    for k in range(len(texts)):
        for span in (texts[k], " ".join(texts[k : k + 2]), " ".join(texts[k : k + 3])):
            found = bodies.adoption(span)
            if found and found[1].get("date"):
                date = parse_date(found[1]["date"])
                if date:
                    meta.setdefault("adopted", date)
                if found[1].get("meeting"):
                    meta.setdefault("meeting", f"{found[1]['meeting']} meeting")
                break
        if "adopted" in meta:
            break
    if m := re.search(r"Distr\.: \w+ (\d{1,2} [A-Z][a-z]+ \d{4})", joined):
        if d := parse_date(m.group(1)):
            meta.setdefault("distributed", d)
    for s in texts:
        if (m := re.match(r"^(.+?) session$", s)) and (num := session_number(m.group(1))):
            meta.setdefault("session", str(num))
        if m := re.match(r"^(\d+/\d+)\.\s+(.+)$", s):
            meta.setdefault("number", m.group(1))
            meta.setdefault("title", m.group(2))


def _unruled_block(page: list[Line], furn: set[int], footnotes: list[Footnote], start: int) -> int | None:
    """A footnote block printed without its rule (WordPerfect-era PDFs): after a blank line, the
    number of the next note alone on its line, and down to the end of the page nothing but note
    numbers and note text (no paragraph number, no point, no enacting formula); the index of that
    number in ``page``."""
    due = int(footnotes[-1].number) + 1 if footnotes and footnotes[-1].number.isdigit() else 1
    for k, line in enumerate(page):
        if line.number <= start or k == 0 or page[k - 1].text or FOOTNOTE_NUM_RE.match(line.text) is None:
            continue
        if int(FOOTNOTE_NUM_RE.match(line.text).group(1)) != due:  # type: ignore[union-attr]
            continue
        rest = [x.text for x in page[k + 1 :] if x.text and x.number not in furn]
        opens = [t for t in rest if _opens_clause(t) and not SECTION_RE.match(t)]  # "A." ends "sect. A."
        if rest and not opens and not any(bodies.named_formula_re().match(t) for t in rest):
            return k
    return None


def _exploded_before_number(body: list[Line]) -> list[Line]:
    """``Member`` / ``States,`` / ``relevant`` / … / ``10. Urges`` / ``intergovernmental …``: a
    justified first line that the extractor wrote one word per line *before* its paragraph
    number and opening word; the line is rebuilt in its order (``10. Urges Member States, …``)."""
    out: list[Line] = []
    k = 0
    while k < len(body):
        j = k
        while j < len(body) and re.fullmatch(r"\S+[^\s.;:]", body[j].text) and not _opens_clause(body[j].text):
            j += 1
        if j - k >= 3 and j < len(body) and re.fullmatch(r"\d{1,3}\.\s+[A-Z]\w+", body[j].text):
            words = " ".join(x.text for x in body[k:j])
            out.append(Line(body[k].number, f"{body[j].text} {words}", body[k].page))
            k = j + 1
            continue
        out.extend(body[k : max(j, k + 1)])
        k = max(j, k + 1)
    return out


def _late_letters(body: list[Line]) -> list[Line]:
    """``… in that regard:`` / ``Calls upon all States … yet`` / ``a.`` / ``to bring …``: points
    lettered ``a.``, ``b.`` whose letter pdftotext printed after their first line; the letter goes
    back before that line as a point marker (``(a)``). A list starts after a line ending with a
    colon and goes on letter by letter."""
    out = list(body)
    due = ""
    for k in range(1, len(out)):
        s = out[k].text
        if NUM_ALONE_RE.match(s) or NUM_INLINE_RE.match(s):
            due = ""
            continue
        m = re.fullmatch(r"([a-z])\.", s)
        if not m:
            continue
        letter = m.group(1)
        prev = out[k - 1].text
        starts = letter == "a" and k >= 2 and out[k - 2].text.endswith(":")
        if (starts or letter == due) and prev[:1].isupper() and not prev.endswith((".", ";", ":")):
            out[k - 1] = Line(out[k - 1].number, f"({letter}) {prev}", out[k - 1].page)
            out[k] = Line(out[k].number, "", out[k].page)
            due = chr(ord(letter) + 1)
    return [line for line in out if line.text]


def _opens_clause(s: str) -> bool:
    return bool(
        NUM_ALONE_RE.match(s)
        or NUM_INLINE_RE.match(s)
        or POINT_ALONE_RE.match(s)
        or POINT_INLINE_RE.match(s)
        or SECTION_RE.match(s)
        or BULLET_RE.match(s)
    )


def _paragraphs(body: list[Line], full: int | None = None) -> list[RawBlock]:
    """Lines → logical paragraphs. A new paragraph starts at the formula, at a number or point
    marker, or at a capitalised line after a line that ends a clause (``,`` ``;`` ``.`` ``:``)
    and is not a full-width line (a justified line that happens to end with a comma). ``full``:
    the width of a full line when the reader knows it (else the 90th percentile of the widths)."""
    if not body:
        return []
    if full is None:
        widths = sorted(len(line.text) for line in body)
        full = widths[int(len(widths) * 0.9)] if widths else 80
    blocks: list[RawBlock] = []
    current: list[Line] = []
    marker: Line | None = None

    def flush() -> None:
        nonlocal current, marker
        parts = ([marker.text] if marker else []) + [line.text for line in current]
        if parts:
            first = marker.number if marker else current[0].number
            blocks.append(RawBlock(text=join_wrapped(parts), line=first))
        current, marker = [], None

    prev: Line | None = None
    for k, line in enumerate(body):
        s = line.text
        if k == 0:
            blocks.append(RawBlock(text=s, line=line.number))  # the formula
            prev = None
            continue
        alone = NUM_ALONE_RE.match(s) or POINT_ALONE_RE.match(s) or SECTION_RE.match(s)
        starts = False
        if prev is None:
            starts = True
        elif _opens_clause(s):
            starts = True
        elif prev.text.endswith(".") and CLOSING_LINE_RE.match(s) or CLOSING_LINE_RE.match(prev.text):
            starts = True  # the closing line after the text ("80th plenary meeting") and its date
        elif s[:1].isupper() or s[:1] in '\u201c"':
            ends = prev.text.endswith((",", ";", ".", ":")) or bool(re.search(r"[,;.:]\s*\d{0,3}$", prev.text))
            short = len(prev.text) < 0.85 * full
            opener = bool(
                re.match(r"^(?:[A-Z][a-z]+(?:ing|ed|s)\b|Also|Further|Again|Deeply|Strongly|Bearing|Aware|Mindful)", s)
            )
            if ends and (short or opener):
                starts = True
            elif (
                len(current) == 1
                and marker is None
                and len(prev.text) < 0.6 * full
                and not ends
                and not prev.text.endswith(("-", "\u2011"))
                and not re.search(r"\b(?:of|the|and|to|in|on|for|a)$", prev.text)
            ):
                starts = True  # a heading alone on its line ("Article 5", "Youth, peace and security")
        if starts and not (marker is not None and not current):
            flush()
        if alone and not current and marker is None:
            marker = line
        elif alone and current:
            flush()
            marker = line
        else:
            current.append(line)
        prev = line
    flush()
    return _number_after_first_line(blocks)


_LATE_NUMBER_RE = re.compile(r"^(\d{1,3})\.\s+([a-z\u2011].*)$")


def _number_after_first_line(blocks: list[RawBlock]) -> list[RawBlock]:
    """``Welcomes the decision … the`` / ``3. independent expert …``: pdftotext printed the
    paragraph's number after its first line. The number that continues the sequence, followed by
    a lowercase word, belongs to the line before it when that line opens a clause and does not
    end its sentence."""
    out: list[RawBlock] = []
    last = 0
    for b in blocks:
        m = _LATE_NUMBER_RE.match(b.text)
        prev = out[-1] if out else None
        if not m and prev is not None and re.search(r"\b(?:and|or|of|the|to|in|on|for|with|by|an?)$", prev.text):
            m = re.match(r"^(\d{1,3})\.\s+(.+)$", b.text)  # "… Remedy and" / "1." / "Reparation …"
        if (
            m
            and prev is not None
            and int(m.group(1)) == last + 1
            and prev.text[:1].isupper()
            and not NUM_INLINE_RE.match(prev.text)
            and not prev.text.endswith((".", ";", ":"))
        ):
            out[-1] = RawBlock(text=f"{m.group(1)}. {prev.text} {m.group(2)}", line=prev.line)
            last += 1
            continue
        if not NUM_INLINE_RE.match(b.text) and b.text[:1].isupper():
            # "Reiterates that … relevant Council5." / "mandated entities …": the number glued
            # to the end of the first line, the sentence going on in lower case
            g = re.search(rf"(?<=[A-Za-z,;])({last + 1})\.\s+(?=[a-z])", b.text[:200])
            if g:
                b = RawBlock(text=f"{last + 1}. {b.text[: g.start()]} {b.text[g.end() :]}", line=b.line)
        if n := re.match(r"^(\d{1,3})\.(?:\s|$)", b.text):
            last = int(n.group(1))
        out.append(b)
    return out
