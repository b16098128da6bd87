"""Reader for the OCR text of printed volumes: the Security Council's yearly *Resolutions and
decisions* and the General Assembly's *Official Records* resolution supplements.

One such text is one or more printed pages of the volume, not one resolution: it holds the end
of the previous text, the resolution that ``document.yml`` names and the start of the next, with
decisions ("At its 1529th meeting, on …, the Council decided …"), agenda headings in capitals,
running heads of the volume ("Resolutions adopted on the reports of the Sixth Committee",
"General Assembly—Seventeenth Session"), page numbers, the volume's footnotes and, in the early
years, the French text beside the English. There is no cover block: a resolution starts at its
heading (``Resolution 425 (1978)``, ``1803 (XVII). Permanent sovereignty …``, ``143 (1960).
Resolution of 14 July 1960``) and ends at its adoption line (``Adopted at the 2074th meeting
…``, ``1194th plenary meeting,`` + date).

The reader keeps the resolution whose symbol is asked for (``document.yml``; for a bare text, the
one its file or folder name designates, else the first printed in full) and sets every other
line aside, each with the reason (``Document.discarded``, listed by ``palimpsest check
--verbose``): the other resolutions by their symbol, decisions, running heads, French text, notes
of other texts. OCR noise is read by general rules: a paragraph number that breaks the sequence
where the next number is due and is a usual OCR confusion of it (``l.``/``I.`` for 1., ``S.`` for
5., ``1.`` for 7.) is read as the due number. The paragraphs then go through the shared steps
(paragraphs, call-outs) and the structure builder like any other text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import SourceError
from ..model import Footnote
from .callouts import mark_callouts
from .dates import MONTH_NAMES, parse_date, session_number
from .paged_text import _paragraphs
from .pages import Line, split_pages
from .raw import FN_TOKEN_RE, RawBlock, RawText

_ROMAN_OCR = str.maketrans({"1": "I", "l": "I", "i": "I"})
# "Resolution 425 (1978)" / "Resolution 426 ( 1978)"
SC_HEADING_RE = re.compile(r"^Resolution\s+(\d[\d ]{0,4})\s*\(\s*(\d[\d ]{3,5})\s*\)\s*$")
# "1803 (XVII). Permanent sovereignty …", "96 (1). The Crime of Genocide", "377 (V).",
# "3247 (XXIX), Participation …", "143 (1960). Resolution of 14 July 1960"
NUMBERED_HEADING_RE = re.compile(r"^(\d{1,4})\s*\(\s*([IVXLC1li]{1,7}|\d{4})\s*\)\s*[.,]\s*(.*)$")
FORMULA_OCR_RE = re.compile(
    r"^T[a-z]{1,2}\s+(?P<body>Security\s+Counc\S{1,3}|General\s+A\S{4,8}(?:y|ly))\s*[,.;]?\s*(?:there\S{3,5},?)?$", re.I
)
FRENCH_FORMULA_RE = re.compile(r"^(?:Le Conseil de s\S+rit\S*|L'Assembl\S+e g\S+n\S+rale)\s*[,.]?$")
SC_END_RE = re.compile(r"^Adopted at the (\d{1,4})\s*(?:st|nd|rd|th)\s+meet", re.I)
GA_END_RE = re.compile(r"^(\d{1,4})\s?(st|nd|rd|th) plenary [a-z_]{5,9}[,.]?\s*$")  # OCR "nieetin_q"
SPELLED_END_RE = re.compile(r"^(?P<words>[A-Z][A-Za-z/ \-]{3,60}?)\s+plenary meeting[,.]?\s*$")
DECISION_RE = re.compile(
    r"^(?:At\s+(?:it\S|the\s+same)\s|On\s+\d{1,2}\s+[A-Z][a-z]+\s+[I1l]?\s*\d{3,4},\s+the\s+President)"
)
RUNNING_HEAD_RE = re.compile(
    r"^(?:Re\S{0,3}olution\S{0,3}\s+adopted\b|RESOLUTIONS ADOPTED|General\s+A\S{4,9}\s*[-\u2014\u2013]|"
    r"Security\s+Council\s*[-\u2014\u2013]|Part\s+[IVX]+\.\s)",
    re.I,
)
DATE_LINE_RE = re.compile(r"^(?:o[fr]|du)\s+(\d{1,2}\s+\S+\s+[\dIl ]{4,6})\s*$")
BRACKET_SYMBOL_RE = re.compile(r"^\[[A-Z]/[\w./ ]+[\])]$")
_MONTHS = "|".join(MONTH_NAMES)
NOTE_RE = re.compile(rf"^(\d{{1,3}})\s+(?!(?:{_MONTHS})\b)(?=[A-Z\[/'\"]|[a-z]+\.,)(.*)$")
MEETING_LINE_RE = re.compile(r"^\d+(?:st|nd|rd|th) (?:plenary )?meeting$")
UNREADABLE_NOTE_RE = re.compile(r"^([~'\"•§!Ts])\s+(?=[A-Z\[/])(.*)$")
FORMULA_LINE_RE = re.compile(r"^The (?:Security Council|General Assembly),$")
LONE_DATE_RE = re.compile(rf"^\d{{1,2}} (?:{_MONTHS}) \d{{4}}\.?$")
PART_LETTER_RE = re.compile(r"^(?:[IVX]{1,4}|[A-H])\.?$")  # "I", "II", "B": parts of a resolution
ANNEX_RE = re.compile(r"^(?:ANNEX|Annex)\b")
NUM_RE = re.compile(r"^([0-9lISt]{1,3})[.,](\s|$)")
POINT_OCR_RE = re.compile(r"^\(\s?([a-z/])\s?\)")
_LETTER_PAIRS = {
    ("h", "b"),
    ("e", "c"),
    ("c", "e"),
    ("o", "c"),
    ("l", "i"),
    ("t", "f"),
    ("q", "g"),
    ("n", "h"),
    ("/", "f"),
}
_OCR_DIGITS = {"l": "1", "I": "1", "t": "1", "S": "5", "O": "0"}


@dataclass
class Heading:
    index: int  # index into the flat line list
    symbol: str
    title: str


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def spelled_ordinal(words: str) -> int | None:
    """``Fifty-fif th`` → 55, ``Hundred and eighty-third`` → 183 (OCR spaces, ``/`` for ``f``)."""
    s = re.sub(r"\s+", "", words.lower().replace("/", "f")).replace("arul", "and").replace("hurulred", "hundred")
    hundreds = 0
    if m := re.match(r"^(?:one)?hundred(?:and)?", s):
        hundreds, s = 100, s[m.end() :]
    n = session_number(s)
    return hundreds + n if n is not None else None


def roman_to_int(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = values[a]
        total += -v if b != " " and values[b] > v else v
    return total


def _heading(s: str, body: str) -> tuple[str, str] | None:
    """(symbol, title) of a resolution heading of a printed volume, or None."""
    if m := SC_HEADING_RE.match(s):
        return f"S/RES/{m.group(1).replace(' ', '')} ({m.group(2).replace(' ', '')})", ""
    if m := NUMBERED_HEADING_RE.match(s):
        num, session, title = m.group(1), m.group(2), m.group(3).strip()
        if re.fullmatch(r"\d{4}", session):
            return f"S/RES/{num} ({session})", title
        if body == "Security Council":
            return None
        return f"A/RES/{num} ({session.translate(_ROMAN_OCR)})", title
    return None


def _formula_body(s: str) -> str | None:
    if m := FORMULA_OCR_RE.match(s):
        return "Security Council" if m.group("body").lower().startswith("s") else "General Assembly"
    return None


def looks_like_ocr_volume(text: str) -> bool:
    """Pages of a printed volume: a resolution heading and an enacting formula, no cover block;
    or, with no formula the OCR could read, a heading that dates the resolution (``1 (1946).
    Resolution of 25 January 1946``), so that the contributor is told what is missing."""
    lines = [s.strip() for s in text.split("\n")]
    formulas = [b for s in lines if (b := _formula_body(s))]
    if not formulas:
        return any(
            (m := NUMBERED_HEADING_RE.match(s)) and re.match(r"R\S+solution\s+(?:of|du)\s", m.group(3)) for s in lines
        )
    body = max(set(formulas), key=formulas.count)
    return any(_heading(s, body) for s in lines)


def _norm_symbol(s: str) -> str:
    return re.sub(r"\s+", "", s).upper()


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def _end_of(s: str) -> str | None:
    """The meeting of an adoption line (``2074th meeting``, ``1194th plenary meeting``)."""
    if m := SC_END_RE.match(s):
        n = int(m.group(1))
        return f"{n}{_suffix(n)} meeting"
    if m := GA_END_RE.match(s):
        return f"{int(m.group(1))}{m.group(2)} plenary meeting"
    if m := SPELLED_END_RE.match(s):
        if (spelled := spelled_ordinal(m.group("words"))) is not None:
            return f"{spelled}{_suffix(spelled)} plenary meeting"
    return None


def read_ocr_volume(text: str, path: str, symbol: str | None = None) -> RawText:
    lines: list[Line] = [line for p in split_pages(text) for line in p]
    stray: list[tuple[int, str]] = []
    for line in lines:  # stray OCR marks alone on a line are no text
        if re.fullmatch(r"[\s•·~_\-^'\".,:;*]{0,4}", line.text):
            if line.text:
                stray.append((line.number, f"[set aside: a stray mark of the OCR] {line.text}"))
            line.text = ""
    formulas = [b for line in lines if (b := _formula_body(line.text))]
    body = max(set(formulas), key=formulas.count) if formulas else "General Assembly"
    headings: list[Heading] = []
    for k, line in enumerate(lines):
        if h := _heading(line.text, body):
            headings.append(Heading(k, h[0], h[1]))
    found = [h.symbol for h in headings]
    target = _choose(headings, lines, path, symbol)
    if target is None:
        raise SourceError(
            path,
            1,
            f"These pages of a printed volume hold {', '.join(dict.fromkeys(found)) or 'no resolution heading'}"
            + (f", not {symbol}." if symbol else "; none of them is named by the file or its folder."),
            "Check the symbol in document.yml, or take the pages of the volume that print the resolution.",
        )
    discarded: list[tuple[int, str]] = list(stray)

    def aside(line: Line, why: str) -> None:
        if line.text:
            discarded.append((line.number, f"[set aside: {why}] {line.text}"))

    nxt = next((h for h in headings if h.index > target.index and h.symbol != target.symbol), None)
    stop = nxt.index if nxt else len(lines)
    resumed = _resumed(lines, target.index + 1, stop, {h.index for h in headings})
    # the other resolutions printed on these pages
    for k, line in enumerate(lines):
        if (k < target.index or k >= stop) and k not in resumed:
            owner = next((h.symbol for h in reversed(headings) if h.index <= k), None)
            aside(line, f"{owner}, another text printed on the same pages" if owner else "text printed before it")
    meta: dict[str, str] = {"symbol": target.symbol, "ocr_volume": "yes"}
    if target.title:
        meta["title"] = target.title
    if m := re.match(r"^A/RES/\d+ \(([IVXLC]+)\)$", target.symbol):
        meta["session"] = str(roman_to_int(m.group(1)))
    seg = lines[target.index + 1 : stop] + [lines[k] for k in sorted(resumed)]
    aside(lines[target.index], "the heading of the resolution in the volume")
    body_lines: list[Line] = []
    notes: list[list] = []  # [number, line, [texts]]
    merged: set[int] = set()  # lines read into the title of an annex
    mode = "front"  # front | text | decision | french | note | after
    for k, line in enumerate(seg):
        s = line.text
        if not s:
            if mode == "note" and not notes[-1][2][-1].rstrip().endswith("."):
                continue  # a note not yet at its full stop goes on after the blank line
            if mode in ("decision", "note"):
                mode = "after" if mode == "note" and notes[-1][3] == "after" else ("text" if body_lines else "front")
            continue
        if mode == "text" and LONE_DATE_RE.match(s):
            aside(line, "a date printed apart (a column of the volume's tables)")
            continue
        if RUNNING_HEAD_RE.match(s) or re.fullmatch(r"\d{1,4}", s) or BRACKET_SYMBOL_RE.match(s):
            aside(line, "running head or page number of the volume")
            continue
        if mode == "after" and ANNEX_RE.match(s):
            mode = "text"  # the annex printed after the adoption line belongs to the resolution
        if mode == "after" and not NOTE_RE.match(s):
            aside(line, "after the adoption line")
            continue
        if (m := DATE_LINE_RE.match(s)) and mode in ("front", "text") and "adopted" not in meta:
            d = parse_date(re.sub(r"(?<=\d) (?=\d)", "", m.group(1).replace("I", "1").replace("l", "1")))
            year = re.search(r"\((\d{4})\)$", target.symbol)
            if d and (year is None or d[:4] == year.group(1)):  # an OCR'd year ("1911" for 1981) is no date
                meta["adopted"] = d
            aside(line, "the date of the resolution")
            continue
        if FRENCH_FORMULA_RE.match(s):
            mode = "french"
        if mode == "french":
            if _formula_body(s) or _end_of(s):
                mode = "text"
            else:
                aside(line, "French text of the volume")
                continue
        if DECISION_RE.match(s) or (
            len(s.split()) == 1
            and k + 1 < len(seg)
            and (DECISION_RE.match(seg[k + 1].text) or (s[:1].isupper() and s.isalpha() and not seg[k + 1].text))
            and k
            and seg[k - 1].text.endswith((",", ";", ".", ":"))
            and not PART_LETTER_RE.match(s)
        ):  # a decision, or its title ("Decision") alone above it, the clause before it complete
            mode = "decision"
        if mode == "decision":
            aside(line, "a decision printed beside the resolution")
            continue
        if ((m := NOTE_RE.match(s)) or (m := UNREADABLE_NOTE_RE.match(s))) and mode != "front" and not NUM_RE.match(s):
            notes.append([m.group(1), line.number, [m.group(2)], mode])
            mode = "note"
            continue
        if mode == "note":
            if _end_of(s) or NUM_RE.match(s) or _formula_body(s):
                mode = "after" if notes[-1][3] == "after" else "text"
            else:
                notes[-1][2].append(s)
                continue
        if meeting := _end_of(s):
            meta.setdefault("meeting", meeting)
            if mode == "text":  # the closing line, as the structure builder knows it
                body_lines.append(Line(line.number, meeting, line.page))
            aside(line, "the adoption line")
            rest = seg[k + 1 : k + 4]
            for r in rest:
                if d := parse_date(r.text.rstrip(".")):
                    meta.setdefault("closing_date", d)
                    break
            mode = "after"
            continue
        if mode == "front":
            if _formula_body(s):
                mode = "text"
                line.text = (
                    "The Security Council," if _formula_body(s) == "Security Council" else "The General Assembly,"
                )
                body_lines.append(line)
            elif s.isupper() or len(s.split()) <= 2:
                aside(line, "heading of the volume")
            elif target.title and not body_lines:
                meta["title"] = meta["title"] + " " + s  # a title wrapped over two lines
                aside(line, "the heading of the resolution in the volume")
            else:
                aside(line, "before the enacting formula")
            continue
        alone = not (k and seg[k - 1].text) and not (k + 1 < len(seg) and seg[k + 1].text)
        if ANNEX_RE.match(s):
            body_lines.append(Line(line.number, s[:5], line.page))
            mode = "annex title"
            if s[5:].strip(" .:"):  # "ANNEX DECLARATION ON …": the title on the same line
                body_lines.append(Line(line.number, s[5:].strip(" .:"), line.page))
            continue
        if mode == "annex title":
            if not _formula_body(s) and not NUM_RE.match(s):
                title = body_lines[-1]
                if ANNEX_RE.fullmatch(title.text):  # the annex's title, in capitals over several lines
                    body_lines.append(Line(line.number, s, line.page))
                else:
                    title.text = f"{title.text} {s}"
                    merged.add(line.number)
                continue
            mode = "text"
        if named := _formula_body(s):
            line.text = f"The {named},"
        elif (s.isupper() and len(s) > 3 and not NUM_RE.match(s)) or (
            alone and len(s.split()) <= 2 and not s.endswith((",", ";", ":")) and not PART_LETTER_RE.match(s)
        ):
            aside(line, "heading of the volume")
            continue
        body_lines.append(line)
    if not body_lines:
        raise SourceError(
            path,
            lines[target.index].number,
            f"The heading of {target.symbol} is on these pages but no enacting formula after it ('The "
            "Security Council,', 'The General Assembly,'): the text opens without one, or the OCR damaged it, "
            "and the ingest cannot tell the resolution from the rest of the page.",
            "Take the pages of the volume again with a better OCR, or transcribe the resolution as source.md "
            "(Markdown) from the printed volume.",
        )
    _ocr_numbers(body_lines)
    # the closing line ends the resolution; what follows (an annex) is paragraphed on its own
    # a printed column: most lines are full, a few merged lines (OCR joins the columns) longer
    widths = sorted(len(line.text) for line in body_lines if len(line.text) >= 15) or [60]
    column = widths[len(widths) // 2]
    blocks: list[RawBlock] = []
    chunk: list[Line] = []
    for k, line in enumerate(body_lines):
        # a closing line, an annex, its title and an enacting formula each start afresh
        if chunk and (
            MEETING_LINE_RE.match(line.text)
            or ANNEX_RE.fullmatch(line.text)
            or (k and ANNEX_RE.fullmatch(body_lines[k - 1].text))
            or FORMULA_LINE_RE.match(line.text)
        ):
            blocks.extend(_paragraphs(chunk, column))
            chunk = []
        chunk.append(line)
    blocks.extend(_paragraphs(chunk, column))
    # the volume's notes stand at the foot of a column or page, wherever the OCR put it: every
    # note of these pages is a candidate (kept only if the resolution calls it); a marker the OCR
    # turned into a letter or a mark ("T", "s", "~") is the number after the note before it
    taken = {line.number for line in body_lines}
    found_notes: list[list] = []
    for k, line in enumerate(lines):
        if line.number in taken or NUM_RE.match(line.text):
            continue
        if m := NOTE_RE.match(line.text):
            num = m.group(1)
        elif (m := UNREADABLE_NOTE_RE.match(line.text)) and found_notes:
            num = str(int(found_notes[-1][0]) + 1)
        else:
            continue
        texts = [m.group(2)]
        numbers = [line.number]
        for nxt_line in lines[k + 1 :]:
            s2 = nxt_line.text
            if not s2 and not texts[-1].rstrip().endswith("."):
                continue  # a note not yet at its full stop goes on after a blank line
            if not s2 or NOTE_RE.match(s2) or UNREADABLE_NOTE_RE.match(s2) or nxt_line.number in taken:
                break
            texts.append(s2)
            numbers.append(nxt_line.number)
        found_notes.append([num, line.number, texts, numbers])
    footnotes: list[Footnote] = []
    seen: set[str] = set()
    note_lines: dict[int, set[int]] = {}  # first line of a kept note → its lines
    for num, line_no, texts, numbers in found_notes:
        if num not in seen:
            seen.add(num)
            footnotes.append(Footnote(number=num, text=" ".join(texts).strip(), line=line_no))
            note_lines[line_no] = set(numbers)
        else:
            discarded.append(
                (line_no, f"[set aside: note {num} again (the other language or column)] {' '.join(texts)}")
            )
            note_lines.setdefault(-1, set()).update(numbers)
    footnotes.sort(key=lambda f: int(f.number))
    mark_callouts(blocks, footnotes)
    called = {m.group(1) for b in blocks for m in FN_TOKEN_RE.finditer(b.text)}
    kept = []
    for f in footnotes:
        if f.number in called:
            kept.append(f)
        else:
            discarded.append((f.line, f"[set aside: a note of the volume this resolution does not call] {f.text}"))
    for block in blocks:
        block.text = re.sub(r"[ \t]+", " ", block.text).strip()
    # nothing is lost silently: a line neither read nor set aside above is shown as set aside
    accounted = taken | merged | {n for n, _ in discarded} | {n for ns in note_lines.values() for n in ns}
    for line in lines:
        if line.text and line.number not in accounted:
            aside(line, "not read by the ingest")
    discarded.sort()
    return RawText(blocks=blocks, footnotes=kept, meta=meta, discarded=discarded)


def _choose(headings: list[Heading], lines: list[Line], path: str, symbol: str | None) -> Heading | None:
    if symbol:
        want = _norm_symbol(symbol)
        return next((h for h in headings if _norm_symbol(h.symbol) == want), None)
    # a bare text: the resolution its file or folder name designates (S-RES-425-1978.txt,
    # sources/s-res-425-1978/source.txt), else the first followed by its enacting formula
    names = {_slug(part.rsplit(".", 1)[0]) for part in path.replace("\\", "/").split("/")[-2:]}
    for h in headings:
        if _slug(h.symbol) in names:
            return h
    for h in headings:
        after = [line.text for line in lines[h.index + 1 : h.index + 12]]
        if any(_formula_body(s) for s in after):
            return h
    return None


def _due_after(lines: list[Line]) -> int:
    """The paragraph number due after ``lines`` (OCR confusions read by the sequence)."""
    last = 0
    for line in lines:
        if m := NUM_RE.match(line.text):
            digits = "".join(_OCR_DIGITS.get(c, c) for c in m.group(1))
            due = str(last + 1)
            if digits == due or (len(digits) == len(due) and _confusable(digits, due)):
                last += 1
            elif digits.isdigit():
                last = int(digits)
        elif _formula_body(line.text):
            last = 0
    return last + 1


def _resumed(lines: list[Line], begin: int, stop: int, heading_at: set[int]) -> set[int]:
    """Indices of lines after ``stop`` that continue the resolution cut off there by another
    heading before its adoption line (the columns of the page read out of order): from the next
    paragraph that carries the number due (and the lower-case lines of its sentence just above
    it) to the adoption line, the next heading or the next enacting formula; again while a
    number is due and no adoption line was met."""
    out: set[int] = set()
    body = lines[begin:stop]
    if any(_end_of(line.text) for line in body) or not any(_formula_body(line.text) for line in body):
        return out
    due = _due_after(body)
    k = stop
    while k < len(lines):
        j = None
        foreign = 0  # the number due in another resolution whose formula came first
        for i in range(k, len(lines)):
            if _formula_body(lines[i].text):
                foreign = 1
            elif m := NUM_RE.match(lines[i].text):
                d = "".join(_OCR_DIGITS.get(c, c) for c in m.group(1))
                if foreign and _is_due(d, foreign):
                    foreign += 1  # that resolution's own paragraph
                elif _is_due(d, due):
                    j = i
                    break
        if j is None:
            return out
        first = j
        i = j - 1
        while i > k and lines[i].text and not NUM_RE.match(lines[i].text) and i not in heading_at:
            i -= 1
        if i + 1 < j and lines[i + 1].text[:1].islower() and not lines[i].text:
            first = i + 1  # the end of the sentence cut off before the paragraph
        end = None
        for i in range(first, len(lines)):
            s = lines[i].text
            if i in heading_at or (i > first and _formula_body(s)) or DECISION_RE.match(s):
                break
            out.add(i)
            if _end_of(s):
                end = i
                break
        if end is not None:
            return out
        due = _due_after([lines[i] for i in sorted(out)])
        k = max(out) + 1
    return out


def _is_due(digits: str, due: int) -> bool:
    return digits == str(due) or (len(digits) == len(str(due)) and _confusable(digits, str(due)))


def _ocr_numbers(body: list[Line]) -> None:
    """Paragraph numbers the OCR misread: where the next number is due and the printed one is a
    usual confusion of it (``l.`` ``I.`` for 1., ``S.`` for 5., ``1.`` for 7.), the due number."""
    last = 0
    letter = ""  # the last point letter under the current paragraph
    for line in body:
        if p := POINT_OCR_RE.match(line.text):
            due = chr(ord(letter) + 1) if letter else "a"
            got = p.group(1)
            if got != due and (got, due) in _LETTER_PAIRS:
                got = due
            line.text = f"({got})" + line.text[p.end() :]
            letter = got
            continue
        m = NUM_RE.match(line.text)
        if m:
            letter = ""
        if not m:
            if _formula_body(line.text):
                last = 0
            continue
        printed = m.group(1)
        digits = "".join(_OCR_DIGITS.get(c, c) for c in printed)
        due = str(last + 1)
        if digits == due or (len(digits) == len(due) and _confusable(digits, due)):
            last += 1
        elif digits == "1":
            last = 1  # a numbering that restarts (an article's paragraphs, an annex)
        elif digits.isdigit():
            last = int(digits)
            continue
        else:
            continue
        line.text = f"{last}." + line.text[m.end(1) + 1 :]


def _confusable(printed: str, due: str) -> bool:
    pairs = {("1", "7"), ("7", "1"), ("5", "6"), ("6", "5"), ("3", "8"), ("8", "3"), ("0", "6"), ("1", "4")}
    diff = [(a, b) for a, b in zip(printed, due) if a != b]
    return len(diff) == 1 and diff[0] in pairs
