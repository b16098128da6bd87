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


def word_diff(old: str, new: str) -> list[DiffOp]:
    # interned: the words of many diffs share one string object each
    a, b = list(map(sys.intern, old.split())), list(map(sys.intern, new.split()))
    if a == b:
        return [("equal", a)] if a else []
    code = {w: chr(0x100 + i) for i, w in enumerate(dict.fromkeys(a + b))}
    enc_a = "".join(map(code.__getitem__, a))
    enc_b = "".join(map(code.__getitem__, b))
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
