"""Reader for UN documents as plain text extracted from the official PDF (PyMuPDF).

This is the form in which most contributors bring a new resolution: they copy the text out
of the PDF. The text carries the whole physical layout of the printed document:

* a cover block (``United Nations`` / symbol / ``General Assembly`` / ``Distr.: General`` /
  date / job number ``23-25998 (E)    040124`` / barcode ``*2325998*`` / session / agenda
  item / ``Resolution adopted by the General Assembly`` / ``on 19 December 2023`` /
  ``[on the report of the Third Committee (A/78/472, para. 57)]`` / ``78/178. Title``);
* at every page break an empty line (no space at all: "blank" lines elsewhere hold one
  space) followed by the running header of the next page (symbol, short title, job number,
  page counter ``2/8``, in either order, the title possibly wrapped), even mid-sentence;
* footnote blocks at the bottom of pages, after a rule of underscores, possibly in the middle
  of a split paragraph, and possibly after the closing line on the last page;
* paragraphs separated by blank lines (resolutions) or not at all (annexed declarations,
  where a numbered paragraph starts right on the next line); operative numbers and point
  markers alone on their line or inline; runs of one word per line (justification); hard
  wraps, including real compounds split after their hyphen (``people-`` / ``centred``).

``read_pdf_text`` turns that into a :class:`RawText`: one block per logical paragraph, the
footnotes (call-outs replaced by footnote tokens), the metadata stated by the cover block and
the closing line, and every line set aside (cover, page headers) in ``discarded``.

Typography is kept as printed: curly quotes, en dashes and U+2011 non-breaking hyphens are
not normalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import SourceError
from ..model import Footnote
from . import bodies
from .callouts import mark_callouts
from .dates import MONTHS, session_number
from .pages import Line, join_wrapped, read_footnote_block
from .raw import RawBlock, RawText, check_unique_footnotes, fn_token

# --- line patterns ---------------------------------------------------------------------

SYMBOL_RE = re.compile(r"^[A-Z]+(?:/[A-Z0-9.\-]+)+\*?$")  # "A/RES/78/68*": a reissued document
JOB_LINE_RE = re.compile(r"^\d{2}-\d{5}\*?(?:\s*\(E\))?(?:\s+\d{6})?$")  # cover: 23-25998 (E)    040124
JOB_RE = re.compile(r"^\d{2}-\d{5}\*?$")  # running header: 23-25998
BARCODE_RE = re.compile(r"^\*\d{6,8}\*$")
COUNTER_RE = re.compile(r"^\d{1,3}/\d{1,3}$")  # page counter 2/8
RULE_RE = re.compile(r"^_{5,}$")
FORMULA_RE = bodies.named_formula_re()  # "The General Assembly," "The Security Council," (bodies.yml)
FOOTNOTE_START_RE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
NUM_ALONE_RE = re.compile(r"^(\d{1,3})\.$")
NUM_BARE_RE = re.compile(r"^(\d{1,3})$")
NUM_INLINE_RE = re.compile(r"^(\d{1,3})\.\s+([A-Z\u201c\u2018\"'].*)$")
POINT_RE = r"\((?:[a-z]{1,2}|[ivxlc]+)\)"
POINT_ALONE_RE = re.compile(rf"^({POINT_RE})$")
POINT_INLINE_RE = re.compile(rf"^({POINT_RE})\s+([A-Z\u201c\u2018\"'].*)$")
SECTION_ALONE_RE = re.compile(r"^([A-Z]|[IVXLC]+)\.$")
SECTION_INLINE_RE = re.compile(r"^([A-Z]|[IVXLC]+)\.\s+([A-Z].*)$")
ANNEX_RE = re.compile(r"^Annex(?:\s+[IVXLC]+|\s+[A-Z])?$")
MEETING_RE = re.compile(r"^(\d+)(?:st|nd|rd|th) plenary meeting$")
DATE_RE = re.compile(r"^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$")
LETTER_NOTE_RE = re.compile(r"^([a-z])\s+([A-Z].*)$")
TERMINAL_PUNCT = (".", ",", ";", ":")


def looks_like_pdf_text(text: str) -> bool:
    """True for the text PyMuPDF extracts from a UN document-system PDF: the cover block
    (``United Nations`` / symbol / ``General Assembly`` / ``Distr.:``) in the first lines,
    with the job-number line, the barcode, or page headers with page counters."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    head = lines[:15]
    if "United Nations" not in head[:3]:
        return False
    if not any(SYMBOL_RE.match(line) for line in head[:4]):
        return False
    if not any(line.startswith("Distr.:") for line in head):
        return False
    furniture = sum(1 for line in lines[:20] if JOB_LINE_RE.match(line) or BARCODE_RE.match(line))
    counters = sum(1 for line in lines if COUNTER_RE.match(line))
    return furniture > 0 or counters > 0


# --- the reader ------------------------------------------------------------------------


@dataclass
class _Group:
    """Consecutive body lines forming one logical paragraph (before classification)."""

    lines: list[tuple[int, str]]  # (1-based line, stripped text)
    blanks_before: int
    marker: str = ""  # "1.", "(a)", "A." when the marker stood alone on its line
    marker_line: int = 0
    kind: str = "text"  # text | heading | closing | date | note


@dataclass
class _Accounting:
    """Which source line went where (for tests: nothing lost)."""

    block_lines: set[int] = field(default_factory=set)
    footnote_lines: set[int] = field(default_factory=set)


def read_pdf_text(text: str, path: str) -> RawText:
    return _read(text, path)[0]


def _read(text: str, path: str) -> tuple[RawText, _Accounting]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines.pop()  # the final newline is not a page break
    n = len(lines)
    stripped = [line.strip() for line in lines]
    acct = _Accounting()
    discarded: list[tuple[int, str]] = []
    meta: dict[str, str] = {}

    # 1. Cover block: everything before the enacting formula.
    formula = next((i for i, s in enumerate(stripped) if FORMULA_RE.match(s)), None)
    has_formula = formula is not None
    if formula is None:
        formula = _after_title(stripped)
    if formula is None:
        raise SourceError(
            path,
            1,
            "No enacting formula ('The General Assembly,', 'The Security Council,'…) found in this PDF text.",
            "Copy the whole text of the document from the PDF, including its first page.",
        )
    _read_cover(stripped[:formula], path, meta)
    discarded.extend((i + 1, stripped[i]) for i in range(formula) if stripped[i])

    # 2. Page breaks: an empty line, then the running header (up to its page counter and job
    #    number), then the header's own blank line.
    role = ["body"] * n
    for i in range(formula):
        role[i] = "cover"
    i = formula
    while i < n:
        if lines[i] != "":
            i += 1
            continue
        j, counter, job, symbol_at = i + 1, False, False, 0
        after_counter = 0
        while j < n and j - i <= 10 and not (counter and job):
            if COUNTER_RE.match(stripped[j]):
                counter, after_counter = True, j + 1
            elif JOB_RE.match(stripped[j]):
                job = True
            elif SYMBOL_RE.match(stripped[j]) and symbol_at == 0:
                symbol_at = j
            j += 1
        if counter and not job and symbol_at:
            j = after_counter  # a header without job number: symbol, short title, counter
        elif not (counter and job):
            raise SourceError(
                path,
                i + 1,
                "An empty line (a page break) is not followed by a page header with a page "
                "counter ('2/8') and a job number ('23-25998').",
                "Keep the text exactly as extracted from the PDF; if you edited it, put a "
                "single space on lines that should be blank.",
            )
        if j < n and stripped[j] == "" and lines[j] != "":
            j += 1
        for k in range(i, j):
            role[k] = "header"
            if stripped[k]:
                discarded.append((k + 1, stripped[k]))
        i = j

    # 3. Footnote blocks: from a rule of underscores to the next page break (or the end).
    footnotes: list[Footnote] = []
    i = formula
    while i < n:
        if role[i] == "body" and RULE_RE.match(stripped[i]):
            j = i
            while j < n and role[j] != "header":
                role[j] = "footnote"
                j += 1
            discarded.append((i + 1, stripped[i]))
            star_notes: list[tuple[int, str]] = []
            _read_footnotes([(k + 1, stripped[k]) for k in range(i + 1, j)], footnotes, path, acct, star_notes)
            for line_no, note in star_notes:
                discarded.append((line_no, note))
                meta.setdefault("document_note", note[2:])
            i = j
        else:
            i += 1
    check_unique_footnotes(footnotes, path, "", "Check the footnote blocks at the bottom of the pages.")

    # 4. Body lines → groups (logical paragraphs).
    groups = _group_body(lines, stripped, role, formula, has_formula)

    # 5. Groups → blocks.
    blocks = _blocks_from_groups(groups, footnotes, meta, acct)

    # 6. Footnote call-outs → tokens.
    mark_callouts(blocks, footnotes)
    for b in blocks:
        b.text = re.sub(r"[ \t]+", " ", b.text).strip()

    discarded.sort()
    footnotes.sort(key=lambda f: (f.line, f.number))
    return RawText(
        blocks=blocks, footnotes=footnotes, meta=meta, discarded=discarded, body_start=None if has_formula else 0
    ), acct


def _after_title(stripped: list[str]) -> int | None:
    """Where the text starts when the document prints no enacting formula: the first line
    after the number-and-title group ("78/225. Enhancing …") of the cover."""
    for i, s in enumerate(stripped[:80]):
        if re.match(r"^\d+/\d+\.\s+\S", s):
            j = i
            while j < len(stripped) and stripped[j]:
                j += 1
            while j < len(stripped) and not stripped[j]:
                j += 1
            return j if j < len(stripped) else None
    return None


# --- cover -----------------------------------------------------------------------------


def _iso(day: str, month: str, year: str, path: str, line: int) -> str:
    if month not in MONTHS:
        raise SourceError(
            path,
            line,
            f"Unknown month name '{month}' in a date.",
            "Write the date as printed, e.g. '19 December 2023'.",
        )
    return f"{int(year):04d}-{MONTHS[month]:02d}-{int(day):02d}"


def _read_cover(cover: list[str], path: str, meta: dict[str, str]) -> None:
    groups: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for i, s in enumerate(cover):
        if s:
            current.append((i + 1, s))
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    flat = [item for g in groups for item in g]

    for idx, (_line, s) in enumerate(flat):
        if idx > 0 and flat[idx - 1][1] == "United Nations" and SYMBOL_RE.match(s):
            meta.setdefault("symbol", s.rstrip("*"))
        elif s.startswith("Distr.:"):
            meta["distribution"] = s.split(":", 1)[1].strip()
            if idx + 1 < len(flat) and (m := DATE_RE.match(flat[idx + 1][1])):
                meta["distributed"] = _iso(m.group(1), m.group(2), m.group(3), path, flat[idx + 1][0])
        elif (m := re.match(r"^(.+?) session$", s)) and (num := session_number(m.group(1))):
            meta["session"] = str(num)
        elif re.match(r"^(First|Second|Third|Fourth|Fifth|Sixth) Committee$", s):
            meta["committee"] = s

    after_bracket = None  # the group after the committee line ("[on the report of …]")
    for k, g in enumerate(groups):
        text = join_wrapped([s for _, s in g])
        agenda = next((k for k, (_, s) in enumerate(g) if s.startswith("Agenda item ")), None)
        if agenda is not None:
            meta["agenda_item"] = g[agenda][1][len("Agenda item ") :].strip()
            if agenda + 1 < len(g):
                meta["agenda_title"] = join_wrapped([s for _, s in g[agenda + 1 :]])
        elif m := re.match(r"^(.+): draft resolution$", text):
            meta["status"] = "draft"
            meta["sponsors"] = m.group(1)
        elif m := re.match(r"^Resolution adopted by the General Assembly on (\d{1,2}) ([A-Z][a-z]+) (\d{4})$", text):
            meta["adopted"] = _iso(m.group(1), m.group(2), m.group(3), path, g[-1][0])
        elif m := re.match(r"^\[on the report of the (.+?) \(([^,)]+)(?:, (.+?))?\)\]$", text):
            meta["committee"] = m.group(1)
            meta["committee_report"] = m.group(2)
            if m.group(3):
                meta["report_paragraph"] = m.group(3)
            after_bracket = k + 1
        elif m := re.match(r"^\[without reference to a Main Committee \(([^)]+)\)\]$", text):
            meta["committee"] = "without reference to a Main Committee"
            meta["draft_symbol"] = m.group(1)
            after_bracket = k + 1
        elif m := re.match(r"^(\d+/\d+)\.\s+(.+)$", text):
            meta["number_title"] = text
            meta["number"] = m.group(1)
            meta["title"] = m.group(2)
    if "title" not in meta and after_bracket is not None and after_bracket < len(groups):
        # a title printed without its number ("Cooperation between …" for "79/9. Cooperation
        # between …"): the group after the committee line, unless it is the enacting formula
        text = join_wrapped([s for _, s in groups[after_bracket]])
        if not text.endswith(","):
            meta["title"] = text
    if meta.get("status") == "draft" and "title" not in meta:
        # The title of a draft is the group after the sponsor line.
        for k, g in enumerate(groups):
            if join_wrapped([s for _, s in g]).endswith(": draft resolution") and k + 1 < len(groups):
                meta["title"] = join_wrapped([s for _, s in groups[k + 1]])
                break


# --- footnotes -------------------------------------------------------------------------


def _read_footnotes(
    region: list[tuple[int, str]],
    footnotes: list[Footnote],
    path: str,
    acct: _Accounting,
    notes: list[tuple[int, str]] | None = None,
) -> None:
    """One footnote block, read by the shared step (``pages.read_footnote_block``); a note on
    the document itself (``* Reissued for technical reasons …``, its symbol carries the star)
    goes to ``notes``, and text before any note number is an error here (PyMuPDF keeps each
    note's number before its text)."""
    notes = notes if notes is not None else []
    lines = [Line(line, s, 0) for line, s in region if s]
    acct.footnote_lines.update(x.number for x in lines)
    star: list[Line] = []
    if lines and lines[0].text.startswith("* "):
        star = [lines.pop(0)]
        while lines and not FOOTNOTE_START_RE.match(lines[0].text):
            star.append(lines.pop(0))
    if star:
        notes.append((star[0].number, "* " + join_wrapped([star[0].text[2:]] + [x.text for x in star[1:]])))
    unplaced = read_footnote_block(lines, footnotes)
    if unplaced:
        raise SourceError(
            path,
            unplaced[0].number,
            f"Text after a footnote rule does not start with a footnote number: '{unplaced[0].text}'.",
            "Keep the footnote block as extracted: each note starts with its number.",
        )


# --- body ------------------------------------------------------------------------------


def _group_body(
    lines: list[str], stripped: list[str], role: list[str], formula: int, has_formula: bool = True
) -> list[_Group]:
    groups: list[_Group] = []
    current: _Group | None = None
    blanks = 0
    last_num = 0
    prev_closing = False

    def flush() -> None:
        nonlocal current, blanks
        if current is not None and current.lines:
            groups.append(current)
            blanks = 0
        current = None

    for i in range(formula, len(lines)):
        if role[i] != "body":
            continue
        s = stripped[i]
        line = i + 1
        if not s:
            flush()
            blanks += 1
            continue
        starts = False
        marker = ""
        kind = "text"
        if i == formula:
            starts = True
        elif m := NUM_ALONE_RE.match(s):
            if int(m.group(1)) in (last_num + 1, 1):
                starts, marker, last_num = True, s, int(m.group(1))
        elif m := NUM_INLINE_RE.match(s):
            if int(m.group(1)) in (last_num + 1, 1):
                starts, last_num = True, int(m.group(1))
        elif (
            (m := NUM_BARE_RE.match(s))
            and last_num
            and int(m.group(1)) == last_num + 1
            and not stripped[i - 1]
            and _next_starts_sentence(stripped, role, i)
        ):
            # "26" alone, the extractor lost its full stop: the next number in sequence, on its
            # own line after a blank, before a capitalised line
            starts, marker, last_num = True, f"{m.group(1)}.", int(m.group(1))
        elif POINT_ALONE_RE.match(s):
            starts, marker = True, s
        elif POINT_INLINE_RE.match(s):
            starts = True
        elif SECTION_ALONE_RE.match(s):
            starts, marker, kind = True, s, "heading"
        elif MEETING_RE.match(s):
            starts, kind = True, "closing"
        elif prev_closing and DATE_RE.match(s):
            starts, kind = True, "date"
        elif ANNEX_RE.match(s):
            starts, kind = True, "heading"
        prev_closing = False
        if starts:
            flush()
        if current is None:
            current = _Group(lines=[], blanks_before=blanks, marker=marker, kind=kind)
            blanks = 0
            if not starts and (m := NUM_ALONE_RE.match(s) or NUM_INLINE_RE.match(s)):
                # a paragraph a blank line opened: its number is the last one all the same, so
                # that "13." glued under paragraph 12 still opens the next paragraph
                last_num = int(m.group(1))
        if marker:
            current.marker, current.marker_line = marker, line
        else:
            current.lines.append((line, s))
        if (
            (i == formula and has_formula)
            or kind in ("closing", "date")
            or (re.search(r"\S {2,}$", lines[i]) and not marker)  # two trailing spaces: end of paragraph
            # (not after a number alone on its line: "9.  " then the paragraph)
        ):
            prev_closing = kind == "closing"
            flush()
        if kind == "heading" and not marker:
            flush()  # "Annex" stands alone
    flush()
    return groups


def _next_starts_sentence(stripped: list[str], role: list[str], i: int) -> bool:
    for k in range(i + 1, min(i + 4, len(stripped))):
        if role[k] == "body" and stripped[k]:
            return stripped[k][0].isupper()
    return False


def _is_heading_text(text: str) -> bool:
    return bool(text) and not text.endswith(TERMINAL_PUNCT) and not text[0].islower()


def _blocks_from_groups(
    groups: list[_Group], footnotes: list[Footnote], meta: dict[str, str], acct: _Accounting
) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    annex_title_next = False
    lettered_section = False

    def add(text: str, line: int, heading: int = 0, used: list[tuple[int, str]] | None = None) -> None:
        blocks.append(RawBlock(text=text, line=line, heading=heading))
        for ln, _ in used or []:
            acct.block_lines.add(ln)

    for g in groups:
        if not g.lines and g.marker:  # a marker with nothing after it
            add(g.marker, g.marker_line, used=[(g.marker_line, g.marker)])
            continue
        first_line = g.lines[0][0]
        text = join_wrapped([s for _, s in g.lines])
        if g.kind == "closing":
            meta.setdefault("meeting", text)
            add(text, first_line, used=g.lines)
            continue
        if g.kind == "date":
            if m := DATE_RE.match(text):
                meta.setdefault(
                    "closing_date", f"{int(m.group(3)):04d}-{MONTHS.get(m.group(2), 0):02d}-{int(m.group(1)):02d}"
                )
            add(text, first_line, used=g.lines)
            continue
        if g.kind == "heading" and ANNEX_RE.match(text) and not g.marker:
            add(text, first_line, heading=2, used=g.lines)
            annex_title_next, lettered_section = True, False
            continue
        if g.marker:
            first_line = g.marker_line
            acct.block_lines.add(g.marker_line)
        if g.kind == "heading" and g.marker:  # "A." alone, then its title
            add(f"{g.marker} {text}", first_line, heading=3, used=g.lines)
            lettered_section = True
            annex_title_next = False
            continue
        if g.marker:  # "1." or "(a)" alone, then the paragraph
            add(f"{g.marker} {text}", first_line, used=g.lines)
            annex_title_next = False
            continue
        if annex_title_next and _is_heading_text(text) and len(g.lines) <= 3:
            add(text, first_line, heading=2, used=g.lines)
            annex_title_next = False
            continue
        annex_title_next = False
        if (
            (m := LETTER_NOTE_RE.match(text))
            and len(g.lines) == 1
            and g.blanks_before >= 1
            and _letter_called(blocks, m.group(1))
        ):
            footnotes.append(Footnote(number=m.group(1), text=m.group(2), line=first_line))
            acct.footnote_lines.add(first_line)
            continue
        if SECTION_INLINE_RE.match(text) and _is_heading_text(text) and len(text) < 120 and g.blanks_before >= 2:
            add(text, first_line, heading=3, used=g.lines)
            lettered_section = True
            continue
        if g.blanks_before >= 2 and blocks and not NUM_INLINE_RE.match(text) and not re.match(POINT_RE, text):
            head = g.lines[0][1]
            if len(g.lines) <= 2 and _is_heading_text(text) and len(text) < 100:
                add(text, first_line, heading=4 if lettered_section else 3, used=g.lines)
                continue
            if len(g.lines) > 1 and _is_heading_text(head) and len(head) <= 40 and len(g.lines[1][1]) > len(head):
                # A box label ("Core principle I", "Model strategy No. 1") over its text.
                add(head, first_line, heading=5 if lettered_section else 4, used=g.lines[:1])
                add(join_wrapped([s for _, s in g.lines[1:]]), g.lines[1][0], used=g.lines[1:])
                continue
        add(text, first_line, used=g.lines)
    return blocks


def _letter_called(blocks: list[RawBlock], letter: str) -> bool:
    """A lettered note ("a See sect. E.") under a box whose text calls it (";a in")."""
    pattern = re.compile(rf"(?<=[;,.:\u201d\u2019)]){letter}(?=\s|$)")
    for b in reversed(blocks[-4:]):
        m = pattern.search(b.text)
        if m:
            b.text = b.text[: m.start()] + fn_token(letter) + b.text[m.end() :]
            return True
    return False
