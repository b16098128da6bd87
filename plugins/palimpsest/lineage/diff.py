"""Word-level diff as data: a list of ``(op, words)`` with op "equal", "delete" or "insert".

Words are the printed words (split on whitespace, punctuation kept), so joining the "equal" and
"delete" words with spaces gives the old text and the "equal" and "insert" words the new one.
Computed with rapidfuzz's Indel opcodes on words encoded as characters (fast, no "replace":
a replacement is a delete followed by an insert).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Sequence

from rapidfuzz.distance import Indel

from .score import Encoder

DiffOp = tuple[str, list[str]]


class Codes(dict):
    """Word → one private character (assigned on first use); only equality matters, so one
    instance can encode the words of many texts."""

    def __missing__(self, word: str) -> str:
        c = self[word] = Encoder.char(len(self))  # the one code-point rule (score.Encoder)
        return c

    def encode(self, words: list[str]) -> str:
        return "".join(map(self.__getitem__, words))


def word_diff(old: str, new: str) -> list[DiffOp]:
    # interned: the words of many diffs share one string object each
    a, b = list(map(sys.intern, old.split())), list(map(sys.intern, new.split()))
    codes = Codes()
    return encoded_diff(a, b, codes.encode(a), codes.encode(b))


def encoded_diff(a: list[str], b: list[str], enc_a: str, enc_b: str) -> list[DiffOp]:
    """``word_diff`` of the word lists ``a`` and ``b`` given their encodings (one character per
    distinct word, the same code for both)."""
    if enc_a == enc_b:
        return [("equal", list(a))] if a else []
    ops: list[DiffOp] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for tag, i1, i2, j1, j2 in _opcodes(enc_a, enc_b):
        if tag == "equal":
            if deleted:
                ops.append(("delete", deleted))
                deleted = []
            if inserted:
                ops.append(("insert", inserted))
                inserted = []
            ops.append(("equal", a[i1:i2]))
        else:  # a changed stretch: its deletions first, then its insertions
            deleted.extend(a[i1:i2])
            inserted.extend(b[j1:j2])
    if deleted:
        ops.append(("delete", deleted))
    if inserted:
        ops.append(("insert", inserted))
    return ops


# --- printed diff: words and punctuation ---------------------------------------------------------

# A token is a word (letters and digits, with inner hyphens, apostrophes and decimal points:
# "seventy-second", "Member States'", "3.5") or one punctuation mark; each keeps the
# whitespace printed before it, so the text can be rebuilt exactly.
_TOKEN = re.compile(r"(\s*)(\w+(?:[-'’.,/]\w+)*|[^\w\s])", re.UNICODE)


def tokens(text: str) -> list[tuple[str, str]]:
    """``(space before, token)`` pairs, the space one " " (or "" between a word and its
    punctuation); ``"".join(s + t for s, t in tokens(x))`` is ``x`` with its whitespace runs
    made single spaces (and none at the ends)."""
    return list(_tokens(text))


@functools.lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[tuple[str, str], ...]:
    # cached: a clause is diffed against each of its neighbours, for the lineage page and the
    # comparison page
    return tuple((" " if m.group(1) else "", m.group(2)) for m in _TOKEN.finditer(text))


def printed_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A diff of two printed texts at the level of words *and* punctuation marks, as
    ``(op, text)`` runs whose texts keep their spacing: joining the "equal" and "delete" runs
    gives ``old``, the "equal" and "insert" runs ``new`` (each whitespace run one space). "training" → "training," is an equal "training" and an inserted ",".
    Runs come in reading order; a changed stretch lists its deletion before its insertion.
    Identical texts give one "equal" run (or none for two empty texts)."""
    a, b = _tokens(old), _tokens(new)
    codes = Codes()
    enc_a, enc_b = codes.encode([t for _, t in a]), codes.encode([t for _, t in b])
    ops: list[tuple[str, str]] = []

    def put(op: str, toks: Sequence[tuple[str, str]]) -> None:
        if not toks:
            return
        text = "".join(s + t for s, t in toks)
        if not ops:
            text = text.lstrip()
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))

    if enc_a == enc_b:
        put("equal", b)
        return ops
    for tag, i1, i2, j1, j2 in _opcodes(enc_a, enc_b):
        if tag == "equal":
            put("equal", b[j1:j2])
        else:
            put("delete", a[i1:i2])
            put("insert", b[j1:j2])
    return _merge_stretches(ops)


def _merge_stretches(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """delete/insert/delete/insert with no equal run between → one deletion, one insertion."""
    out: list[tuple[str, str]] = []
    dele, ins = "", ""
    for op, text in ops:
        if op == "equal":
            if dele:
                out.append(("delete", dele))
            if ins:
                out.append(("insert", ins))
            dele, ins = "", ""
            out.append((op, text))
        elif op == "delete":
            dele += text
        else:
            ins += text
    if dele:
        out.append(("delete", dele))
    if ins:
        out.append(("insert", ins))
    return out


def identical(old: str, new: str) -> bool:
    """The same printed text (only whitespace may differ)."""
    return old.split() == new.split()


def _opcodes(a, b) -> list[tuple[str, int, int, int, int]]:
    """rapidfuzz's Indel opcodes with their positions typed as ints."""
    return [(str(tag), int(i1), int(i2), int(j1), int(j2)) for tag, i1, i2, j1, j2 in Indel.opcodes(a, b).as_list()]
