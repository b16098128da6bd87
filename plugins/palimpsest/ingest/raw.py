"""What a reader hands to the structure builder: cleaned logical paragraphs, footnotes,
and metadata the source itself states (cover block, trailer).

Readers (one per source format) deal with everything physical: page headers and footers,
job numbers, barcodes, footnote blocks at page bottoms, lines split by hard wraps, one-word
lines, words split at line ends, page breaks inside a clause. What comes out is one
``RawBlock`` per logical paragraph of the official text, in reading order, each starting at
the source line where it begins. A footnote call-out inside a block is written as the token
``FN_OPEN + number + FN_CLOSE`` right after the word it follows (no space before it).

The structure builder (``structure.py``) then decides what each block is: enacting formula,
preambular or operative paragraph, numbered paragraph, point, heading, closing line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import SourceError
from ..model import Footnote

FN_OPEN = "\ue000"
FN_CLOSE = "\ue001"
FN_TOKEN_RE = re.compile(FN_OPEN + r"([0-9]+|[a-z])" + FN_CLOSE)


def fn_token(number: str | int) -> str:
    return f"{FN_OPEN}{number}{FN_CLOSE}"


@dataclass
class RawBlock:
    text: str  # one logical paragraph, single spaces, footnote tokens inline
    line: int  # 1-based source line where it starts
    # Hints a reader may know from the format (Markdown headings, list items, italics):
    heading: int = 0  # Markdown heading level, 0 if not a heading
    emphasis: list[tuple[int, int]] = field(default_factory=list)  # italic spans in ``text``
    verbatim: bool = False  # raw HTML or code in a Markdown source: never joined to a clause
    eid: str = ""  # the element's own id when the source names it (Akoma Ntoso ``eId``)
    element: bool = False  # a whole element of a structured source (XML): never joined to another
    # (offsets count footnote tokens as they stand in ``text``)


@dataclass
class RawText:
    blocks: list[RawBlock]
    footnotes: list[Footnote]
    # What the source states about itself: "symbol", "title", "distributed" (ISO date),
    # "adopted" (ISO date), "session", "agenda_item", "committee_report", "status" ("draft"),
    # "sponsors", "meeting" (closing line, e.g. "50th plenary meeting").
    meta: dict[str, str] = field(default_factory=dict)
    # Lines recognised as document-system furniture and set aside: (line, text).
    discarded: list[tuple[int, str]] = field(default_factory=list)
    # Set by a reader that knows where the text proper begins although no enacting formula is
    # printed (the cover ended with the number and title): the index of that block.
    body_start: int | None = None


def check_unique_footnotes(footnotes: list[Footnote], path: str, where: str, fix: str) -> None:
    """Every printed footnote number once: otherwise a ``SourceError`` at the line of the first
    note whose number is repeated (``where``: e.g. " at the foot of the pages"), with ``fix``."""
    numbers = [f.number for f in footnotes]
    if len(set(numbers)) != len(numbers):
        dup = next(f for f in footnotes if numbers.count(f.number) > 1)
        raise SourceError(path, dup.line, f"Footnote {dup.number} appears twice{where}.", fix)
