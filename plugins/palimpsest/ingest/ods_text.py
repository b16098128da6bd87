"""Reader for plain text exported from the UN Official Document System (ODS).

Shape of such an export (A/RES/68/131, A/RES/70/126):

* a ``[Start1]`` / ``[DU1]`` marker, then ``Resolution adopted by the General Assembly on
  17 December 2015``, ``[on the report of the Third Committee (A/70/481)]`` and the title line
  ``70/126.<TAB>Promoting social integration…``;
* one clause per line, tab-indented; operative paragraphs ``<TAB>4.<TAB>Stresses…``; a clause
  may still be broken by a hard line break (``66/122 of`` / ``19 December 2011``);
* the closing line (``80th plenary meeting`` / ``17 December 2015``), then the footnote texts
  (``1 Resolution 70/1.``);
* the system's trailer: ``<<ODS JOB NO>>`` markers, rules of dashes and underscores, page
  headers and footers run together, page counters, "Please recycle", the job barcode, the
  distribution date, session and agenda item — read as metadata, never page text.

Footnote call-outs are digits glued to the word (``Development1``, ``Secretary-General;2``),
found by the same rules as in text extracted from PDFs (``callouts.mark_callouts``).
"""

from __future__ import annotations

import re

from ..model import Footnote
from .callouts import mark_callouts
from .dates import parse_date, session_number
from .raw import RawBlock, RawText

MARKER_RE = re.compile(r"^\[(?:Start|DU)\d*\]\s*$")
TRAILER_RE = re.compile(r"<<ODS [A-Z0-9 ]+>>")
ADOPTED_RE = re.compile(r"^Resolution adopted by the (?P<body>.+?) on (?P<date>\d{1,2} \w+ \d{4})\s*$")
REPORT_RE = re.compile(
    r"^\[on the report of the (?P<committee>.+?) \((?P<report>[A-Z][A-Z0-9/.\-]+)(?:, para\. \d+)?\)\]\s*$"
)
TITLE_RE = re.compile(r"^(?P<number>\d+/\d+)\.\s+(?P<title>.+?)\s*$")
FOOTNOTE_RE = re.compile(r"^(?P<number>\d{1,3})\s+(?P<text>\S.*?)\s*$")
CLOSING_MEETING_RE = re.compile(r"^\d+(?:st|nd|rd|th) plenary meeting\s*$")
DATE_LINE_RE = re.compile(
    r"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\s*$"
)


def looks_like_ods_text(text: str) -> bool:
    return bool(TRAILER_RE.search(text) or re.search(r"^\[(Start|DU)\d*\]", text, re.M))


def read_ods_text(text: str, path: str) -> RawText:
    lines = text.splitlines()
    meta: dict[str, str] = {}
    discarded: list[tuple[int, str]] = []
    body_lines: list[tuple[int, str]] = []  # (line number, text)
    trailer_start = len(lines)
    for i, line in enumerate(lines):
        if TRAILER_RE.search(line):
            trailer_start = i
            break
    _read_trailer(lines[trailer_start:], trailer_start, meta, discarded)

    # the text proper: until the trailer
    for i in range(trailer_start):
        raw = lines[i]
        n = i + 1
        stripped = raw.strip()
        if not stripped:
            continue
        if MARKER_RE.match(stripped):
            discarded.append((n, raw))
            continue
        m = ADOPTED_RE.match(stripped)
        if m:
            meta["adopted"] = parse_date(m.group("date")) or m.group("date")
            meta["adopting_body"] = m.group("body")
            discarded.append((n, raw))
            continue
        m = REPORT_RE.match(stripped)
        if m:
            meta["committee_report"] = m.group("report")
            discarded.append((n, raw))
            continue
        m = TITLE_RE.match(stripped)
        if m and "number" not in meta:
            meta["number"], meta["title"] = m.group("number"), m.group("title")
            discarded.append((n, raw))
            continue
        body_lines.append((n, raw))

    # footnote texts: after the closing date line, lines "N text"
    footnotes: list[Footnote] = []
    closing_at = None
    for k, (_n, raw) in enumerate(body_lines):
        if CLOSING_MEETING_RE.match(raw.strip()):
            closing_at = k
    if closing_at is not None:
        tail_start = closing_at + 1
        if tail_start < len(body_lines) and DATE_LINE_RE.match(body_lines[tail_start][1].strip()):
            tail_start += 1
        rest = body_lines[tail_start:]
        body_lines = body_lines[:tail_start]
        for n, raw in rest:
            m = FOOTNOTE_RE.match(raw.strip())
            if m:
                footnotes.append(Footnote(number=m.group("number"), text=m.group("text"), line=n))
            elif footnotes:  # a footnote text wrapped over two lines
                last = footnotes[-1]
                footnotes[-1] = Footnote(number=last.number, text=f"{last.text} {raw.strip()}", line=last.line)
            else:
                body_lines.append((n, raw))

    # logical paragraphs: a tab-indented line starts one; an unindented line continues the
    # previous paragraph (a hard line break inside a clause) unless it is a closing line
    blocks: list[RawBlock] = []
    for n, raw in body_lines:
        stripped = raw.strip()
        starts = raw.startswith("\t") or raw.startswith("    ") or not blocks
        if CLOSING_MEETING_RE.match(stripped) or DATE_LINE_RE.match(stripped):
            starts = True
        prev = blocks[-1].text if blocks else ""
        if (
            not starts
            and prev
            and (prev.endswith((",", ";", ".", ":")) and stripped[:1].isupper())
            and not _is_date_continuation(prev, stripped)
        ):
            starts = True
        text = re.sub(r"\s+", " ", stripped.replace("\t", " "))
        num = re.match(r"^(\d+)\.\s*\t", raw.lstrip(" "))
        if num:
            text = f"{num.group(1)}. " + re.sub(r"\s+", " ", raw.lstrip().split("\t", 1)[1].strip())
        if starts:
            blocks.append(RawBlock(text=text, line=n))
        else:
            blocks[-1].text = f"{blocks[-1].text} {text}"
    mark_callouts(blocks, footnotes)
    return RawText(blocks=blocks, footnotes=footnotes, meta=meta, discarded=discarded)


def _is_date_continuation(prev: str, nxt: str) -> bool:
    """``…resolution 66/122 of`` / ``19 December 2011 on…`` is one clause."""
    return bool(re.search(r"\bof$", prev)) and bool(re.match(r"^\d", nxt))


def _read_trailer(lines: list[str], offset: int, meta: dict[str, str], discarded: list[tuple[int, str]]) -> None:
    joined = "\n".join(lines)
    m = re.search(r"<<ODS DOC SYMBOL1>>(.*?)<<ODS DOC SYMBOL1>>", joined)
    if m and m.group(1).strip():
        meta["symbol"] = m.group(1).strip()
    m = re.search(r"<<ODS JOB NO>>(.*?)<<ODS JOB NO>>", joined)
    if m:
        meta["job_number"] = m.group(1).strip()
    m = re.search(r"Distr\.: (General|Limited)\s*\n?\s*(\d{1,2} \w+ \d{4})", joined)
    if m:
        meta["distribution"] = m.group(1)
        meta["distributed"] = parse_date(m.group(2)) or m.group(2)
    m = re.search(r"(\w+(?:-\w+)?) session", joined)
    if m:
        num = session_number(m.group(1))
        if num:
            meta["session"] = str(num)
    m = re.search(r"Agenda item (\d+(?: \([a-z]+\))?)", joined)
    if m:
        meta["agenda_item"] = m.group(1)
    for k, line in enumerate(lines):
        discarded.append((offset + k + 1, line))
