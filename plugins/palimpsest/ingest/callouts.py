"""Pipeline step: footnote call-outs in plain text → footnote tokens.

Plain text (any PDF extractor, the ODS export) loses the superscript: a call-out is digits glued
to a word (``Development1``, ``Secretary-General;2``), spaced (``Development, 3 as well as``),
or glued to a number (``resolution 59/3009`` is resolution 59/300 with note 9; ``of 19691`` is
1969 with note 1). The order of the notes is the evidence: notes are called in order, each
first called once, after the previous note and before the next, so a weak candidate (digits
glued to a number, a number after a year) is taken only where the next note is expected and no
plain call-out of that note follows nearby; ``70/1`` stays a number.
"""

from __future__ import annotations

import re

from ..model import Footnote
from .dates import MONTHS
from .raw import RawBlock, fn_token
from .vocabulary import NOTE_AFTER_WORDS, NUMBER_WORDS, UNIT_WORDS


def _candidates(text: str) -> list[tuple[int, int, int, str, str]]:
    """Possible call-outs in ``text``: (start, end, value, kind, suffix) where [start, end)
    is the span to replace by the token and ``suffix`` (spaces before the digits are part of
    the span), kind is "glued" or "spaced"."""
    out: list[tuple[int, int, int, str, str]] = []
    for m in re.finditer(r"\d+", text):
        s, e, digits = m.start(), m.end(), m.group()
        after = text[e : e + 1]
        rest = text[e:].lstrip()
        if s == 0:
            continue  # a paragraph number, never a call-out
        prev = text[s - 1]
        if prev == " " and after.isalpha() and len(digits) <= 3:
            # "inclusion”, 3and of": a spaced mark glued to the next word (one-word lines)
            before = text[:s].rstrip()
            if before[-1:] and before[-1] in ",;\u201d\u2019":
                out.append((len(before), s + len(digits), int(digits), "spaced", " "))
            continue
        if (
            after.isalpha()
            and prev in ",;"
            and len(digits) <= 2
            and text[s - 2 : s - 1].isalpha()
            and re.match(r"[a-z]{2,}\b", text[e:])
        ):
            out.append((s, e, int(digits), "weak", " "))  # "Agreement,38and": both spaces lost
            continue
        if (
            after.isalpha()
            and prev.isalpha()
            and len(digits) <= 2
            and re.search(r"(?<![A-Za-z])[A-Za-z][a-z]{2,}$", text[max(0, s - 40) : s])
            and re.match(r"[a-z]{2,}\b", text[e:])
        ):
            out.append((s, e, int(digits), "weak", " "))  # "Agreement4and": the extractor lost both spaces
            continue
        if after and after.isalnum() or after in ("/", "-", "\u2011", "\u2013"):
            continue
        if prev.isdigit():
            continue
        if len(digits) >= 2 and after not in (".",) and _split_host(text, s, digits):
            # "59/3009", "of 19691": a number with a mark glued to it (weak: order decides)
            for k in range(1, min(3, len(digits) - 1) + 1):
                head, tail = digits[:-k], digits[-k:]
                if tail[0] != "0" and _plausible_host(text, s, head):
                    out.append((s + len(head), e, int(tail), "weak", ""))
        # "2024–203412 and": a year range whose end carries the mark.
        if prev in ("\u2013", "-") and 5 <= len(digits) <= 7 and digits[:2] in ("19", "20"):
            if not (after and after.isalnum()):
                out.append((s + 4, e, int(digits[4:]), "glued", ""))
            continue
        if len(digits) > 3:
            continue
        if (
            prev == " "
            and after in ("", " ")
            and _YEAR_OR_SYMBOL_END_RE.search(text[max(0, s - 40) : s].rstrip())
            and not _UNIT_NEXT_RE.match(text[e:])
        ):
            # "of September 2016 7 and", "resolutions 71/205 13 and": a spaced mark after a year
            # or a symbol (weak: order decides)
            before = text[:s].rstrip()
            out.append((len(before), e, int(digits), "weak", ""))
            continue
        value = int(digits)
        if prev.isalpha() or prev in "\u201d\u2019)":
            letters = re.search(r"[A-Za-z]*$", text[max(0, s - 40) : s])
            prefix = letters.group() if letters else ""
            if prefix and prefix.isupper() and len(prefix) <= 3:
                # G20, CP21, L6: part of a name; "Protocol I6 to": a roman numeral's mark (weak)
                if (
                    re.fullmatch(r"[IVX]+", prefix)
                    and re.search(r"[A-Za-z]{3,} [IVX]+$", text[max(0, s - 40) : s])
                    and re.match(r"(?:\s|$|[,;:])", text[e:])
                ):
                    out.append((s, e, value, "weak", ""))
                continue
            if after == "." and not re.match(r"\.(\s|$)", text[e:]):
                continue
            out.append((s, e, value, "glued", ""))
        elif prev and prev in ",;:.":
            pp = text[s - 2] if s > 1 else ""
            if pp == "" or pp == " " or (pp.isupper() and prev == "."):
                continue  # L.6, No.2
            if pp.isdigit() and prev == ".":
                if not (rest == "" or re.match(r"[A-Z\u201c]", rest)):
                    continue  # 1.1 billion, rules 7.1, 8.1
            if after == ".":
                continue
            out.append((s, e, value, "glued", ""))
        elif prev == " ":
            before = text[:s].rstrip()
            q = before[-1:] if before else ""
            if not q or not (q.isalpha() or q in ",;\u201d\u2019)"):
                # "crime prevention. 8  When": after a full stop, before a new sentence
                if not (q == "." and before[-2:-1].islower() and (rest == "" or re.match(r"[A-Z]", rest))):
                    if q == "." and before[-2:-1].isdigit() and re.match(r"[A-Z][a-z]", rest) and after in ("", " "):
                        out.append((len(before), e, value, "weak", ""))  # "2015–2030. 14 Disasters"
                    continue
            if after not in ("", " "):
                continue
            word = re.search(r"([A-Za-z]+)\.?$", before[-40:])
            if q.isalpha() or (q == "." and word):
                if word and word.group(1).lower() in NUMBER_WORDS:
                    if (
                        q.isalpha()
                        and (word.group(1)[0].isupper() or word.group(1).lower() in NOTE_AFTER_WORDS)
                        and re.match(r"\s*(?:to|in|and|as|for|on|by|which|that|with)\b", text[e:])
                        and not re.match(r"\s*and\s+\d", text[e:])
                    ):
                        # "Development Goals 6 and", "eighth session 47 for": a number word, then a
                        # mark (weak: taken only where that note is due)
                        out.append((len(before), e, value, "weak", ""))
                    continue
            nxt = re.match(r"[A-Za-z%]+", rest)
            if nxt and (nxt.group().lower() in UNIT_WORDS or nxt.group() in MONTHS):
                continue  # "5 million", "proclaimed 3 March": a quantity, a date
            out.append((len(before), e, value, "spaced", ""))
    return out


_YEAR_OR_SYMBOL_END_RE = re.compile(r"(?:(?<![\d/.,])(?:19|20)\d\d|\d+/\d+)[\u201d\u2019)]?$")
_UNIT_NEXT_RE = re.compile(r"\s*(?:\d|%|(?:" + "|".join(sorted(UNIT_WORDS - {"%"})) + r")\b)", re.I)


# a name and its number: "Agenda 21", "Goal 16", "COVID-19"
_NAMED_NUMBER_RE = re.compile(r"\b([A-Z][A-Za-z]+)[ -](\d{1,4})\b")


def _name_splits(
    text: str, names: set[tuple[str, str]], matches: list[re.Match]
) -> list[tuple[int, int, int, str, str]]:
    """``Agenda 216``: Agenda 21 with note 6 (weak). ``names``, the names with a number the text
    uses elsewhere (``Goal 1``, ``COVID-19``), are the evidence for a two-digit split, and the
    only evidence that a year-like ``COVID-1915`` is COVID-19 with note 15."""
    out = []
    for m in matches:
        word, digits = m.group(1), m.group(2)
        if len(digits) == 4 and digits[:2] in ("19", "20") and not any((word, digits[:-k]) in names for k in (1, 2)):
            continue  # "December 2024": a year
        if (
            len(digits) < 2
            or text[m.end() : m.end() + 1] in ("/", ".", "-")
            and text[m.end() + 1 : m.end() + 2].isdigit()
        ):
            continue
        for k in range(1, min(3, len(digits) - 1) + 1):
            head, tail = digits[:-k], digits[-k:]
            if tail[0] != "0" and ((word, head) in names or len(digits) >= 3):
                out.append((m.start(2) + len(head), m.end(2), int(tail), "weak", ""))
    return out


def _split_host(text: str, s: int, digits: str) -> bool:
    """The digits at ``s`` may be a number with a call-out glued to it: after a slash
    (``59/3009``) or a year-like run of five or six digits (``19691``)."""
    if s > 1 and text[s - 1] in "/." and text[s - 2].isalnum():
        return True  # 59/3009, CP.2731, VIII/1914
    # a year and a note of one to three digits
    return 5 <= len(digits) <= 7 and digits[:2] in ("19", "20") and (s == 0 or not text[s - 1].isalnum())


def _plausible_host(text: str, s: int, head: str) -> bool:
    if text[s - 1 : s] in ("/", "."):
        whole = text[s:].split()[0] if text[s:].split() else ""
        lead = re.match(r"\d+", whole)
        whole = lead.group() if lead else ""
        if len(whole) == 4 and whole[:2] in ("19", "20") and text[s - 2 : s - 1].isdigit():
            return False  # "Law No. 10/2018": a year, not 10/201 with note 8
        return not head.startswith("0")
    return len(head) == 4 and head[:2] in ("19", "20")


def mark_callouts(blocks: list[RawBlock], footnotes: list[Footnote]) -> None:
    """Footnote call-outs in plain text (glued ``Development1``, ``Secretary-General;2`` or
    spaced ``Development, 3 as well as``) → footnote tokens, in reading order; real numbers
    (``70/1``, ``No. 202``, ``1.1 billion``, ``G20``) are left alone. Shared by the readers of
    plain-text formats."""
    numbers = sorted(int(f.number) for f in footnotes if f.number.isdigit())
    if not numbers:
        _orphan_marks(blocks, set())
        return
    cands = [_candidates(b.text) for b in blocks]
    found = [list(_NAMED_NUMBER_RE.finditer(b.text)) for b in blocks]
    names = {(m.group(1), m.group(2)) for ms in found for m in ms}
    for b, c, ms in zip(blocks, cands, found):
        if ms:
            c.extend(_name_splits(b.text, names, ms))
            c.sort(key=lambda x: (x[0], x[1]))
    idx = 0
    called: set[int] = set()
    for bi, b in enumerate(blocks):
        edits: list[tuple[int, int, int, str]] = []
        taken_end = -1
        for ci, (start, end, value, kind, suffix) in enumerate(cands[bi]):
            if start < taken_end:
                continue  # overlaps a call-out already taken (a weak split of the same digits)
            if idx < len(numbers) and value == numbers[idx]:
                if kind == "weak" and _strong_ahead(
                    cands, bi, ci, value, numbers[idx + 1] if idx + 1 < len(numbers) else None
                ):
                    continue
                edits.append((start, end, value, suffix))
                called.add(value)
                idx += 1
                taken_end = end
            elif kind != "weak" and value in numbers[idx + 1 : idx + 3] and _next_missing(cands, bi, ci, numbers[idx]):
                # the expected note is never called (a mark the extractor lost): go on with the
                # next ones rather than lose every later call-out
                idx = numbers.index(value, idx) + 1
                edits.append((start, end, value, suffix))
                called.add(value)
                taken_end = end
            elif kind == "glued" and value in called:
                edits.append((start, end, value, suffix))
                taken_end = end
        for start, end, value, suffix in reversed(edits):
            b.text = b.text[:start] + fn_token(value) + suffix + b.text[end:]
    for n in numbers:
        if n not in called:
            _fill_gap(blocks, numbers, n)
    _orphan_marks(blocks, set(numbers))


def _token_pos(blocks: list[RawBlock], n: int) -> tuple[int, int] | None:
    tok = fn_token(n)
    for k, b in enumerate(blocks):
        i = b.text.find(tok)
        if i >= 0:
            return k, i
    return None


_GAP_NOT_A_MARK_RE = re.compile(
    r"\s*(?:(?:and|to|or|-|\u2013)\s*\d|(?:"
    + "|".join(MONTHS)
    + r")\b|(?:"
    + "|".join(sorted(UNIT_WORDS - {"%", "states"}))
    + r")\b|%)",
    re.I,
)


def _fill_gap(blocks: list[RawBlock], numbers: list[int], n: int) -> None:
    """A note never called: if its number stands exactly once between the call-outs of the
    notes before and after it, that is its call-out ("decision 20 on", "2003, 26 States"):
    note 20 is called once, after note 19 and before note 21."""
    k = numbers.index(n)
    lo = _token_pos(blocks, numbers[k - 1]) if k > 0 else (0, 0)
    hi = (
        _token_pos(blocks, numbers[k + 1])
        if k + 1 < len(numbers)
        else (len(blocks) - 1, len(blocks[-1].text) if blocks else 0)
    )
    if lo is None or hi is None or hi < lo:
        return
    rx = re.compile(rf"(?<![\d/.,\u2013\-\ue000\u2011])( ?){n}(?![\d/\u2013\-\u2011\ue001]|\.\d)")
    hits = []
    for bi in range(lo[0], hi[0] + 1):
        text = blocks[bi].text
        a = lo[1] if bi == lo[0] else 0
        z = hi[1] if bi == hi[0] else len(text)
        for m in rx.finditer(text, a, z):
            if m.start() == 0 and bi != lo[0]:
                continue  # a paragraph number
            if _GAP_NOT_A_MARK_RE.match(text, m.end()):
                continue  # "on 18 and 19 September", "18 countries": a date, a range, a quantity
            hits.append((bi, m))
            if len(hits) > 1:
                return
    if len(hits) == 1:
        bi, m = hits[0]
        b = blocks[bi]
        b.text = b.text[: m.start()] + fn_token(n) + b.text[m.end() :]


# "Secretary-General;2 and": digits glued after a word and its comma or semicolon are a
# call-out even when the note's text is missing from the source; made a token, the structure
# reports "Footnote mark 2 has no footnote text" at its line instead of leaving "…;2" in the text.
_ORPHAN_RE = re.compile(r"(?<=[a-z\u2019\u201d)][;,])(\d{1,2})(?=\s|$)")


def _orphan_marks(blocks: list[RawBlock], known: set[int]) -> None:
    for b in blocks:
        if not _ORPHAN_RE.search(b.text):
            continue
        b.text = _ORPHAN_RE.sub(lambda m: m.group(0) if int(m.group(1)) in known else fn_token(m.group(1)), b.text)


def _strong_ahead(cands: list, bi: int, ci: int, value: int, following: int | None) -> bool:
    """A plain (not weak) candidate of ``value`` comes later, before any call-out of the note
    after it (``following``): prefer it to a weak one here."""
    for k in range(bi, len(cands)):
        for j, c in enumerate(cands[k]):
            if k == bi and j <= ci or c[3] == "weak":
                continue
            if c[2] == value:
                return True
            if following is not None and c[2] == following:
                return False
    return False


def _next_missing(cands: list, bi: int, ci: int, expected: int) -> bool:
    """No candidate of ``expected`` anywhere after this point: the note is lost, not late."""
    for k in range(bi, len(cands)):
        for j, c in enumerate(cands[k]):
            if (k > bi or j > ci) and c[2] == expected and c[3] != "weak":
                return False
    return True
