"""Footnote call-outs in plain text: digits glued to a word or punctuation (``Development1``,
``Secretary-General;2``, ``Goals,1 in which``) or spaced (``Development, 3 as well as``).

Only numbers that are footnotes of the document are taken, in reading order (each call-out
is either a repeat of an earlier note or the next one), and never digits that belong to a
symbol, a number or a date (``70/1``, ``COVID-19``, ``No. 202``, ``G20``, ``2030 Agenda``).
"""

from __future__ import annotations

import re

from .raw import fn_token

# digits glued to a letter or closing punctuation, not part of a larger number or symbol
GLUED_RE = re.compile(r"(?<=[A-Za-z\)\]\u201d\u2019\"',;:.])(\d{1,3})(?=[\s,;:.)\u201d]|$)")
# a spaced call-out after punctuation, followed by a lowercase word
SPACED_RE = re.compile(r"(?<=[,;:\u201d])( )(\d{1,3})(?= [a-z])")
_ACRONYM_RE = re.compile(r"(?:^|[\s(])([A-Z]{1,4})$")


def mark_callouts(text: str, numbers: list[str], state: dict | None = None) -> str:
    """Replace footnote call-outs in ``text`` by footnote tokens. ``state`` carries the highest
    note seen so far across the blocks of one document (pass the same dict for each block)."""
    if not numbers:
        return text
    known = {int(n) for n in numbers if n.isdigit()}
    st = state if state is not None else {"max": 0}
    out: list[str] = []
    pos = 0
    pattern = re.compile(GLUED_RE.pattern + "|" + SPACED_RE.pattern)
    for m in pattern.finditer(text):
        digits = m.group(1) or m.group(3)
        n = int(digits)
        if n not in known or n > st["max"] + 1:
            continue
        before = text[: m.start()]
        if m.group(1):
            # not the tail of a number or symbol: "70/1", "IV.8", "1.3"
            if re.search(r"[\d/\-\u2011]\W?$", before) or re.search(r"\d\.$", before):
                continue
            if re.search(r"\b[IVX]+\.$", before):
                continue
            if _ACRONYM_RE.search(before):
                continue
            # "No. 202" / "para. 57": a glued number after an abbreviation's period
            if re.search(r"\b(?:No|para|paras|art|chap|Sales No)\.$", before):
                continue
            out.append(text[pos:m.start()])
            out.append(fn_token(digits))
            pos = m.end()
        else:
            if n != st["max"] + 1:
                continue
            out.append(text[pos:m.start()])
            out.append(fn_token(digits))
            pos = m.end()
        st["max"] = max(st["max"], n)
    out.append(text[pos:])
    return "".join(out)
