"""Word-level diff as data: a list of ``(op, words)`` with op "equal", "delete" or "insert".

Words are the printed words (split on whitespace, punctuation kept), so joining the "equal" and
"delete" words with spaces gives the old text and the "equal" and "insert" words the new one.
Computed with rapidfuzz's Indel opcodes on words encoded as characters (fast, no "replace":
a replacement is a delete followed by an insert).
"""

from __future__ import annotations

import sys

from rapidfuzz.distance import Indel

DiffOp = tuple[str, list[str]]


class Codes(dict):
    """Word → one private character (assigned on first use); only equality matters, so one
    instance can encode the words of many texts."""

    def __missing__(self, word: str) -> str:
        i = len(self) + 0x100
        c = self[word] = chr(i if i < 0xD800 else i + 0x800)
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
    for tag, i1, i2, j1, j2 in Indel.opcodes(enc_a, enc_b).as_list():
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


def diff_counts(ops: list[DiffOp]) -> tuple[int, int, int]:
    """(equal, deleted, inserted) word counts."""
    e = sum(len(w) for o, w in ops if o == "equal")
    d = sum(len(w) for o, w in ops if o == "delete")
    i = sum(len(w) for o, w in ops if o == "insert")
    return e, d, i
