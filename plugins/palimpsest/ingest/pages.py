"""Pipeline steps shared by the readers of paged plain text: pages, then page furniture.

* ``split_pages``: the text as pages of numbered lines (a form feed, U+000C, starts a page, as
  pdftotext writes it).
* ``read_footnote_block``: the notes of one footnote block (numbers alone or before their text,
  as a column, lost or displaced; a note running on from the previous page).
* ``furniture``: which lines are page furniture — running headers and footers (the symbol,
  a short title, the job number, the page counter ``2/5``, barcodes ``*1521698*``, pdftotext's
  footnote-anchor artefacts ``0F``) — found by what repeats across pages near their top or
  bottom, plus the shapes the UN document system always prints. Nothing else is removed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Footnote

COUNTER_RE = re.compile(r"^\d{1,3}/\d{1,3}$")
JOB_RE = re.compile(r"^\d{2}-\d{5}\*?(?:\s*\([A-Z]\))?(?:\s+\d{6})?\s*\*?$")
BARCODE_RE = re.compile(r"^\*\d{6,9}\*$")
ANCHOR_ARTEFACT_RE = re.compile(r"^\d{1,3}F$")  # pdftotext's "0F", "1F": footnote anchors of Word
DATESTAMP_RE = re.compile(r"^\d{6}$")
CONTINUED_RE = re.compile(
    r"^/\s?\.\.\.$|^Page \d{1,3}$"
)  # WordPerfect era: "/..." at a page's foot, "Page 2" at its head
RECYCLE_RE = re.compile(r"^(?:Please\s+rec\s?y?cle\b\W*|\u2672)$")  # the recycling line of the first page
PAGE_NUMBER_RE = re.compile(r"^-?\s*\d{1,3}\s*-?$")
MARKER_RE = re.compile(r"^(?:\d{1,3}\.|\([a-z]{1,4}\)|[A-Z]\.|[IVXL]+\.)$")  # "7." "(a)": never furniture
FOOTNOTE_NUM_RE = re.compile(r"^(\d{1,3})(?:/)?$")  # a note number alone ("1", "1/" of the 1990s)
FOOTNOTE_INLINE_RE = re.compile(r"^(\d{1,3})(?:/)?\s+(\S.*)$")  # a note number before its text
EDGE = 4  # lines from the top or the bottom of a page where running headers and footers sit


@dataclass
class Line:
    number: int  # 1-based line in the source
    text: str  # stripped
    page: int  # 0-based page


def split_pages(text: str) -> list[list[Line]]:
    pages: list[list[Line]] = [[]]
    for i, raw in enumerate(text.split("\n")):
        while "\f" in raw:
            before, raw = raw.split("\f", 1)
            if before.strip():
                pages[-1].append(Line(i + 1, before.strip(), len(pages) - 1))
            pages.append([])
        pages[-1].append(Line(i + 1, raw.strip(), len(pages) - 1))
    return [p for p in pages if any(line.text for line in p)] or [[]]


def _shape(s: str) -> str:
    return re.sub(r"\d+", "#", s)


def furniture(pages: list[list[Line]]) -> set[int]:
    """Source line numbers of page furniture."""
    out: set[int] = set()
    edges: list[list[Line]] = []
    for p in pages:
        body = [line for line in p if line.text]
        edges.append(body[:EDGE] + body[-EDGE:] if len(body) > 2 * EDGE else body)
    if len(pages) > 1:
        seen: Counter = Counter()
        for e in edges:
            for shape in {_shape(line.text) for line in e if len(line.text) <= 80 and not MARKER_RE.match(line.text)}:
                seen[shape] += 1
        repeated = {s for s, c in seen.items() if c >= 2}
        for e in edges:
            for line in e:
                if _shape(line.text) in repeated and not line.text.endswith((",", ";")) and len(line.text) <= 80:
                    out.add(line.number)
    for p, e in zip(pages, edges):
        has_job = False
        for line in p:
            s = line.text
            if (
                COUNTER_RE.match(s)
                or JOB_RE.match(s)
                or BARCODE_RE.match(s)
                or ANCHOR_ARTEFACT_RE.match(s)
                or RECYCLE_RE.match(s)
            ):
                out.add(line.number)
                has_job = has_job or bool(JOB_RE.match(s))
        out.update(line.number for line in e if CONTINUED_RE.match(line.text))
        if has_job:
            # the job number's date stamp ("231115"), on its own line when pdftotext splits them
            out.update(line.number for line in p if DATESTAMP_RE.match(line.text) and line in e)
    return out


_HYPHEN_END = re.compile(r"[^\s\-\u2013\u2011][\-\u2011\u2013]$")


def join_wrapped(parts: list[str]) -> str:
    """Re-join hard-wrapped lines: a space, except after a hyphen or dash glued to the word
    before it (``people-`` / ``centred``, ``2024–`` / ``2034``) where only the break goes."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if not out:
            out = p
        elif _HYPHEN_END.search(out[-2:]):
            out += p
        else:
            out += " " + p
    return out


def read_footnote_block(region: list[Line], footnotes: list[Footnote]) -> list[Line]:
    """The notes of one footnote block: ``N text`` or ``N`` alone then its text; a block of
    numbers first and the texts after (``1`` / ``2`` / ``A/49/765, annex I.`` / ``A/52/174, annex
    I.``); a number the extractor lost (``1`` / ``text of 1.`` / ``text of 2.`` / ``3``: the note
    before the next number holds two sentences on their own lines: the last is the lost note); a
    number displaced after its block; a note running on from the previous page. Notes are added
    to ``footnotes``; the lines that belong to no note (text before any number) are returned."""
    region = _pair_number_columns(region)
    current: list | None = None
    expected = int(footnotes[-1].number) + 1 if footnotes and footnotes[-1].number.isdigit() else None

    unplaced: list[Line] = []

    def close(cur: list) -> None:
        footnotes.append(Footnote(number=cur[0], text=join_wrapped(cur[2]), line=cur[1]))

    for line in region:
        s = line.text
        m_alone = FOOTNOTE_NUM_RE.match(s)
        m_inline = FOOTNOTE_INLINE_RE.match(s)
        num = m_alone.group(1) if m_alone else (m_inline.group(1) if m_inline else None)
        lost = (
            num is not None
            and expected is not None
            and int(num) == expected + 1
            and current is not None
            and len(current[2]) >= 2
            and current[2][0].rstrip().endswith(".")
        )
        if m_alone and expected is not None and int(num or 0) < expected and num in {f.number for f in footnotes}:
            continue  # the number of a note already read, displaced after the block
        if num is not None and (expected is None or int(num) == expected or lost):
            if current and lost:
                close([current[0], current[1], current[2][:1]])
                close([str(expected), current[3][1] if len(current[3]) > 1 else current[1], current[2][1:]])
            elif current:
                close(current)
            text = [m_inline.group(2)] if m_inline and not m_alone else []
            current = [num, line.number, text, [line.number]]
            expected = int(num) + 1
        elif current is not None:
            current[2].append(s)
            current[3].append(line.number)
        elif footnotes:  # a note running on from the previous page
            last = footnotes.pop()
            current = [last.number, last.line, [last.text, s], [last.line, line.number]]
        else:
            unplaced.append(line)
    if current:
        close(current)
    return unplaced


def _pair_number_columns(region: list[Line]) -> list[Line]:
    """``1`` / ``2`` / ``text one`` / ``text two`` → ``1 text one`` / ``2 text two``: the numbers
    of a footnote block extracted as a column before their texts, one text line each."""
    k = 0
    while k < len(region) and FOOTNOTE_NUM_RE.match(region[k].text):
        k += 1
    texts = region[k : 2 * k]
    if k < 2 or len(texts) < k or any(FOOTNOTE_NUM_RE.match(t.text) or FOOTNOTE_INLINE_RE.match(t.text) for t in texts):
        return region
    nums = [int(FOOTNOTE_NUM_RE.match(r.text).group(1)) for r in region[:k]]  # type: ignore[union-attr]
    if nums != list(range(nums[0], nums[0] + k)):
        return region
    paired = [Line(n.number, f"{n.text} {t.text}", n.page) for n, t in zip(region[:k], texts)]
    return paired + region[2 * k :]  # the last note may run on
