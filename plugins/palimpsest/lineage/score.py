"""Precise similarity of a candidate pair, on content words (``text.content_words``).

Words are encoded as one character each (``Encoder``), so rapidfuzz's bit-parallel LCS works
on whole words. For the longest common subsequence ``lcs`` of two clauses of ``la`` and ``lb``
content words:

* ``similarity`` = 2·lcs / (la + lb) — the share of wording the two clauses have in common
  (insertions and deletions in the middle only cost the words inserted or deleted);
* ``cover`` = lcs / min(la, lb) — how much of the shorter clause the longer one contains
  (an earlier clause quoted inside a longer one).

A link is accepted when at least ``min_shared`` content words are shared and either the
similarity reaches ``min_similarity`` or the cover reaches ``min_cover`` with at least
``min_cover_shared`` words shared. Scores depend on the two texts only, so they are cached by
the texts' hashes.
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
    # result
    max_links: int = 6  # evolved_from entries kept per clause
    parent_tolerance: float = 0.03  # near-ties for the nearest parent go to the most recent

    def as_dict(self) -> dict:
        return asdict(self)


class Encoder:
    """Word → one private character, shared by a whole run (only equality matters)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._chars: list[str] = []

    def ids_of(self, words: list[str]) -> list[int]:
        ids = self.ids
        for w in words:
            if w not in ids:
                i = ids[w] = len(ids)
                self._chars.append(self.char(i))
        return [ids[w] for w in words]

    def chars_of(self, ids: list[int]) -> str:
        return "".join(map(self._chars.__getitem__, ids))

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


def lcs_lengths(texts: list[str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """LCS length (in words) for each pair (texts[a[i]], texts[b[i]])."""
    sim = LCSseq.similarity
    return np.fromiter((sim(texts[i], texts[j]) for i, j in zip(a.tolist(), b.tolist())), dtype=np.int64, count=len(a))


def lcs_lengths_of(strings: dict[int, str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """LCS length (in words) for each pair (strings[a[i]], strings[b[i]]); identical texts are
    not aligned (their LCS is their length)."""
    sim = LCSseq.similarity
    return np.fromiter(
        (len(strings[i]) if i == j else sim(strings[i], strings[j]) for i, j in zip(a.tolist(), b.tolist())),
        dtype=np.int64, count=len(a),
    )


def similarity(lcs, la, lb):
    return 2.0 * lcs / np.maximum(la + lb, 1)


def accepted(lcs, la, lb, p: Params):
    lcs = np.asarray(lcs)
    sim = similarity(lcs, la, lb)
    cover = lcs / np.maximum(np.minimum(la, lb), 1)
    return (lcs >= p.min_shared) & ((sim >= p.min_similarity) | ((cover >= p.min_cover) & (lcs >= p.min_cover_shared)))
