"""Precise similarity of a candidate pair, on content words (``text``: numbers, symbols and
quoted titles are not content words).

Words are encoded as one character each (``Encoder``), so rapidfuzz's bit-parallel LCS works
on whole words. For the longest common subsequence ``lcs`` of two clauses of ``la`` and ``lb``
content words:

* ``similarity`` = 2·lcs / (la + lb) — the share of wording the two clauses have in common
  (insertions and deletions in the middle only cost the words inserted or deleted);
* ``cover`` = lcs / min(la, lb) — how much of the shorter clause the longer one contains
  (an earlier clause quoted inside a longer one);
* ``passage`` — the longest run of content words the two share contiguously (local
  alignment): the quoted passage;
* ``bag`` — the content words they share in any order (the LCS of the two sequences sorted):
  order-insensitive evidence, for a clause whose halves were swapped or reordered.

A link is accepted when at least ``min_shared`` content words are shared and either

1. the similarity reaches ``min_similarity``; or
2. the cover reaches ``min_cover`` with ``min_cover_shared`` words shared *and* a contiguous
   passage of ``min_passage`` words and ``passage_share`` of the shorter clause (containment
   needs a quoted passage, not scattered shared words); or
3. the order-insensitive share reaches ``min_bag_similarity`` with ``min_bag_shared`` words and
   a passage of ``min_passage`` words (a reworded descent, shown with its lower similarity); or
4. the two share a contiguous passage of content words (names apart) that spans
   ``long_passage`` printed words (``series_long_passage`` in the own series): a long
   quotation inside otherwise different clauses; or
5. the two share a passage of ``min_gapped_passage`` content words with small changes inside
   (pieces in the same order, at most ``max_gap`` words between two, ``min_cover`` of the
   passage's span matched): a long passage quoted with a word inserted or changed here and
   there inside otherwise different clauses; or
6. the earlier text is of the clause's own series (``engine.Series``, same title or draft) and
   they share ``series_min_shared`` words, ``series_min_similarity`` of their wording and
   ``series_min_cover`` of the shorter's: a text's own earlier version needs less evidence
   than a stranger.

Whatever the rule, the words shared outside names must be ``min_plain_shared`` and
``min_plain_cover`` of all the words shared (``plain_ok``): sharing the name of a convention or a
conference is not sharing wording. Exact and near-exact copies (the same words, or the same but for numbers) are linked whatever
these thresholds (``engine``). Scores depend on the two texts only, so they are cached by the
texts' hashes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from rapidfuzz.distance import LCSseq


@dataclass(frozen=True)
class Params:
    min_shared: int = 5
    min_similarity: float = 0.5
    min_cover: float = 0.75
    min_cover_shared: int = 10
    # candidate stage (index.py)
    lag: int = 8
    max_df: float = 0.002
    min_df_cap: int = 40
    min_candidate_score: float = 0.2
    top_k: int = 10
    series_lag: int = 8  # the same within one series, boilerplate included
    passage_bigrams: int = 6  # long clauses sharing this many rare bigrams' weight are candidates
    # containment and reworded descents (see the module docstring)
    min_passage: int = 5
    passage_share: float = 0.4
    min_bag_similarity: float = 0.7
    min_bag_shared: int = 8
    long_passage: int = 12  # printed words of a contiguous shared passage that is reuse whatever the rest
    min_gapped_passage: int = 16  # content words of a passage shared with small changes inside (rule 6)
    max_gap: int = 3  # words inserted or changed between two pieces of such a passage
    # the own series (same title, or a draft and its adopted text) needs less evidence
    series_min_shared: int = 4
    series_min_similarity: float = 0.4
    series_min_cover: float = 0.6
    series_long_passage: int = 8
    min_plain_shared: int = 3  # outside names (see ``plain_ok``)
    min_plain_cover: float = 0.25
    whole_similarity: float = 0.85  # all words (numbers masked): a near copy as a whole, names included
    # result
    max_links: int = 6  # evolved_from entries kept per clause
    max_per_document: int = 2  # clauses of one earlier document before those of other documents
    parent_tolerance: float = 0.03  # near-ties for the nearest parent go to the most recent
    series_tolerance: float = 0.25  # the own series' clause is the parent unless this much less similar
    formula_series: int = 5  # a copy used in this many series is a standard formula

    def as_dict(self) -> dict:
        return asdict(self)


class Encoder:
    """Word id → one private character (only equality matters)."""

    @staticmethod
    def char(i: int) -> str:
        # skip the surrogate block so every id is a valid code point
        return chr(i + 0x100 if i + 0x100 < 0xD800 else i + 0x100 + 0x800)

    @staticmethod
    def codepoints(n: int) -> np.ndarray:
        """The code points of ``char(0) … char(n - 1)``, for encoding id arrays with numpy."""
        cp = np.arange(n, dtype=np.int64) + 0x100
        cp[cp >= 0xD800] += 0x800
        if n and cp[-1] > 0x10FFFF:
            raise ValueError(f"{n} distinct words: more than the code points that encode them")
        return cp


def lcs_lengths_of(strings: dict[int, str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """LCS length (in words) for each pair (strings[a[i]], strings[b[i]]); identical texts are
    not aligned (their LCS is their length)."""
    sim = LCSseq.similarity
    return np.fromiter(
        (len(strings[i]) if i == j else sim(strings[i], strings[j]) for i, j in zip(a.tolist(), b.tolist())),
        dtype=np.int64,
        count=len(a),
    )


def similarity(lcs, la, lb):
    return 2.0 * lcs / np.maximum(la + lb, 1)


def by_similarity(lcs, la, lb, p: Params):
    """Rule 1: enough of the wording in common (no passage needed)."""
    lcs = np.asarray(lcs)
    return (lcs >= p.min_shared) & (similarity(lcs, la, lb) >= p.min_similarity)


def needs_passage(lcs, la, lb, p: Params):
    """Pairs that rules 2 would accept if they share a passage (containment)."""
    lcs = np.asarray(lcs)
    cover = lcs / np.maximum(np.minimum(la, lb), 1)
    return (lcs >= max(p.min_shared, p.min_cover_shared)) & (cover >= p.min_cover) & ~by_similarity(lcs, la, lb, p)


def passage_ok(run, la, lb, p: Params):
    return (run >= p.min_passage) & (run >= p.passage_share * np.minimum(la, lb))


def bag_ok(bag, run, la, lb, p: Params):
    """Rule 3 (order-insensitive), given the shared bag of words and the longest passage."""
    return (bag >= p.min_bag_shared) & (similarity(bag, la, lb) >= p.min_bag_similarity) & (run >= p.min_passage)


def plain_ok(nf, lcs, p: Params):
    """Outside names (``text.Prepared.named``) the pair still shares ``min_plain_shared`` words,
    and ``min_plain_cover`` of what it shares: a match made of names is not reuse."""
    nf = np.asarray(nf)
    return (nf >= p.min_plain_shared) & (nf >= p.min_plain_cover * np.asarray(lcs))


def longest_run(x: str, y: str) -> tuple[int, int, int]:
    """(start in x, start in y, length) of the longest common run of two encoded sequences."""
    from difflib import SequenceMatcher

    m = SequenceMatcher(None, x, y, autojunk=False).find_longest_match(0, len(x), 0, len(y))
    return m.a, m.b, m.size


def gapped_passage(x: str, y: str, max_gap: int) -> tuple[int, int, int, int, int]:
    """The longest passage two encoded sequences share with small changes inside (local
    alignment): the matching blocks of the two, in order, chained while the words between two
    blocks are at most ``max_gap`` on either side. (start in x, start in y, span in x, span in
    y, words matched) of the chain matching most words."""
    from difflib import SequenceMatcher

    blocks = SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks()[:-1]
    best = (0, 0, 0, 0, 0)
    start = 0
    matched = 0
    for i, blk in enumerate(blocks):
        if i:
            prev = blocks[i - 1]
            if blk.a - prev.a - prev.size > max_gap or blk.b - prev.b - prev.size > max_gap:
                start, matched = i, 0
        matched += blk.size
        if matched > best[4]:
            first = blocks[start]
            best = (first.a, first.b, blk.a + blk.size - first.a, blk.b + blk.size - first.b, matched)
    return best


def gapped_ok(span_a, span_b, matched, p: Params):
    """Rule 6: a passage of ``min_gapped_passage`` content words shared with small changes
    inside (``gapped_passage``), at least ``min_cover`` of its span on both sides."""
    return matched >= p.min_gapped_passage and matched >= p.min_cover * max(span_a, span_b)


def bag_lengths(strings: dict[int, str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Words shared in any order (multiset intersection: the LCS of the sorted sequences)."""
    sim = LCSseq.similarity
    return np.fromiter(
        (sim(strings[i], strings[j]) for i, j in zip(a.tolist(), b.tolist())), dtype=np.int64, count=len(a)
    )
