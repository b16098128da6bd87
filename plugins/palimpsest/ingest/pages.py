"""Pipeline steps shared by the readers of paged plain text: pages, then page furniture.

* ``split_pages``: the text as pages of numbered lines (a form feed, U+000C, starts a page, as
  pdftotext writes it).
* ``furniture``: which lines are page furniture — running headers and footers (the symbol,
  a short title, the job number, the page counter ``2/5``, barcodes ``*1521698*``, pdftotext's
  footnote-anchor artefacts ``0F``) — found by what repeats across pages near their top or
  bottom, plus the shapes the UN document system always prints. Nothing else is removed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

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
