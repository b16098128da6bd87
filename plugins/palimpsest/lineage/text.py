"""Clause text → the word sequences lineage compares.

Two views of a clause:

* ``words(text)`` — every word, lowercased (punctuation dropped). Used for the word diff
  (``diff.py`` works on the printed words) and for the lenient clause alignment of a
  comparison with the predecessor.
* ``content_words(text)`` — the evidence of descent: the opening verb phrase stripped
  ("Stresses the importance of…" and "Stressing the importance of…" give the same sequence;
  so do "Recognizing also…" and "Recalls…"), then function words and the formulas every
  resolution repeats ("Secretary-General", "submit a report", "present resolution", "at its
  seventy-second session", months…) removed. Two clauses that share only those share nothing.

Both are pure functions of the text (no corpus statistics), so a score computed from them can
be cached by the hashes of the two texts.
"""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

# Opening words that are not "-ing" forms but open a preambular or operative paragraph.
_OPENING_EXTRA = frozenset(
    """mindful aware conscious convinced concerned alarmed desirous guided deeply gravely seriously
    determined resolved cognizant noting further also to""".split()
)
# Words that continue an opening phrase: "Recognizing also", "Calls upon", "Takes note with
# appreciation of", "Expresses deep concern", "Bearing in mind", "Taking into account".
_OPENING_MODIFIERS = frozenset(
    """also further furthermore moreover again once strongly firmly deeply fully upon note with
    appreciation satisfaction concern deep grave serious interest in mind into account""".split()
)

STOPWORDS = frozenset(
    """a an the and or nor but of to in on for with by at from as that which who whom whose this these
    those it its their them they he she his her we our us is are be been being was were has have had
    shall should will would can could may might must not no all any each every such other others into
    within through throughout also further well than so if then there where when while both either
    neither upon among between about against during before after over under up down out off very
    more most same own only too just including include includes inter alia etc i ii iii iv v vi
    vii viii ix x""".split()
)
# Words of the formulas every resolution repeats: not evidence of descent.
FORMULA_WORDS = frozenset(
    """secretary general assembly council commission conference member states state united nations
    system resolution resolutions present report reports submit session sessions item items
    entitled agenda provisional question consider decides decide requests request invites
    implementation appropriate relevant accordance regard thereto therein hereby herein
    january february march april may june july august september october november december
    first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth
    one two three four five six seven eight nine ten twenty thirty forty fifty sixty seventy
    eighty ninety hundred""".split()
)
_DROP = STOPWORDS | FORMULA_WORDS


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


def strip_opening(tokens: list[str]) -> list[str]:
    """Drop the opening verb phrase: the first word when it is a participle or a verb in
    -s/-es/-ed (or one of a few fixed openings), then up to four continuing words."""
    if not tokens:
        return tokens
    first = tokens[0]
    i = 0
    if first in _OPENING_EXTRA or (first.isalpha() and len(first) > 3 and first.endswith(("ing", "s", "ed"))):
        i = 1
        if first == "to" and len(tokens) > 1:  # "(a) To accord higher priority…"
            i = 2
        while i < len(tokens) and i < 5 and tokens[i] in _OPENING_MODIFIERS:
            i += 1
    return tokens[i:]


def content_words(text: str) -> list[str]:
    return [w for w in strip_opening(words(text)) if w not in _DROP and not (w.isdigit() and len(w) < 3)]
