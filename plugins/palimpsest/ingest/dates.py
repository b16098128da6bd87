"""Dates and session numbers as printed in UN documents."""

from __future__ import annotations

import re
from datetime import date

# The one list of month names (the ingest reads them, the pages print them)
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, 1)}

_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def parse_date(text: str) -> str | None:
    """``"17 December 2015"`` → ``"2015-12-17"``; None when it is not such a date."""
    m = re.fullmatch(r"\s*(\d{1,2}) ([A-Z][a-z]+) (\d{4})\s*", text)
    if not m or m.group(2) not in MONTHS:
        return None
    try:
        return date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1))).isoformat()
    except ValueError:
        return None


def session_number(word: str) -> int | None:
    """``"Seventieth"`` → 70, ``"Sixty-eighth"`` → 68, ``"109th"`` → 109."""
    w = word.strip().lower()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", w)
    if m:
        return int(m.group(1))
    if w in _ORDINALS:
        return _ORDINALS[w]
    m = re.fullmatch(r"([a-z]+)[-\u2011]([a-z]+)", w)
    if m and m.group(1) in _TENS and m.group(2) in _ORDINALS:
        return _TENS[m.group(1)] + _ORDINALS[m.group(2)]
    return None
