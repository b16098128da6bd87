"""Candidate generation: which earlier clauses are worth aligning with a clause.

No all-pairs comparison. Every clause becomes the set of its *content bigrams* (pairs of
consecutive content words, see ``text.content_words``), each bigram an integer. Clauses are
numbered in time order. For every bigram the occurrences are sorted by clause number, and each
occurrence is paired with the ``lag`` previous occurrences only (the most recent earlier
clauses that used the same two words) — a recency-bounded inverted index, computed with
numpy in ``lag`` vectorised passes summed in one sparse matrix, so the work is O(lag × bigrams) whatever the corpus. A
bigram used by a large share of the corpus (``max_df``) pairs nothing: it is boilerplate.

Pairs are weighted by the inverse document frequency of the shared bigrams; a pair's score is
the shared weight over the smaller clause's weight (weighted containment, so a clause quoted
inside a longer one scores high). Each clause keeps its ``top_k`` best earlier candidates.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

IDF_SCALE = 4096


def bigram_codes(tokens: np.ndarray, offsets: np.ndarray, vocab_size: int) -> tuple[np.ndarray, np.ndarray]:
    """(bigram code, clause number) for every pair of consecutive tokens inside one clause."""
    n_clauses = len(offsets) - 1
    lengths = np.diff(offsets)
    clause_of = np.repeat(np.arange(n_clauses, dtype=np.int64), lengths)
    if len(tokens) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    same = clause_of[:-1] == clause_of[1:]
    codes = tokens[:-1].astype(np.int64) * vocab_size + tokens[1:].astype(np.int64)
    return codes[same], clause_of[:-1][same]


def candidate_pairs(
    tokens: np.ndarray,
    offsets: np.ndarray,
    vocab_size: int,
    doc_of: np.ndarray,
    *,
    lag: int = 12,
    max_df: float = 0.02,
    min_df_cap: int = 40,
    min_score: float = 0.2,
    top_k: int = 10,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Earlier/later clause pairs worth aligning: arrays (earlier, later, score), sorted by
    later clause then descending score. ``doc_of[c]`` is the document number of clause c
    (clauses of one document are never paired; clause numbers follow the time order)."""
    n = len(offsets) - 1
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64))
    codes, clause_of = bigram_codes(tokens, offsets, vocab_size)
    if len(codes) == 0:
        return empty
    # One occurrence per (bigram, clause), sorted by bigram then clause (= time order).
    key = codes * n + clause_of
    key.sort()
    key = key[np.r_[True, key[1:] != key[:-1]]]
    del codes, clause_of
    code = key // n
    cl = key % n
    del key
    starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
    sizes = np.diff(np.r_[starts, len(code)])
    df = np.repeat(sizes, sizes)
    # idf per occurrence, in fixed point (1/4096) so that sums are exact whatever their order
    # (identical clauses get identical scores); clause weight = sum over its distinct bigrams.
    idf = np.rint(np.log((n + 1) / df) * IDF_SCALE).astype(np.int32)
    weight = np.bincount(cl, weights=idf, minlength=n)
    limit = max(min_df_cap, int(max_df * n))
    usable = (df > 1) & (df <= limit)
    code_u = code[usable]
    cl_u = cl[usable].astype(np.int32)
    idf_u = idf[usable]
    del code, cl, df, idf, usable
    # shared weight per (later, earlier) pair: the pairs of every lag collected, then summed in
    # one sparse construction (duplicates add up), so memory follows the number of distinct
    # pairs plus one batch of triplets
    doc32 = doc_of.astype(np.int32)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    for d in range(1, lag + 1):
        if len(code_u) <= d:
            break
        same = np.flatnonzero(code_u[d:] == code_u[:-d])
        a = cl_u[same]
        b = cl_u[same + d]
        other_doc = doc32[a] != doc32[b]
        rows.append(b[other_doc])
        cols.append(a[other_doc])
        vals.append(idf_u[same + d][other_doc])
        del same, a, b, other_doc
    del code_u, cl_u, idf_u
    if not rows or not sum(len(r) for r in rows):
        return empty
    r = np.concatenate(rows)
    del rows
    c = np.concatenate(cols)
    del cols
    v = np.concatenate(vals)
    del vals
    shared = sp.csr_matrix((v, (r, c)), shape=(n, n), dtype=np.int32)  # sums duplicates
    del r, c, v
    shared.sum_duplicates()
    b = np.repeat(np.arange(n, dtype=np.int64), np.diff(shared.indptr))
    a = shared.indices.astype(np.int64)
    score = shared.data.astype(np.float64) / np.maximum(np.minimum(weight[a], weight[b]), 1e-9)
    del shared
    keep = score >= min_score
    a, b, score = a[keep], b[keep], score[keep]
    if len(b) == 0:
        return empty
    # top_k per later clause: best score first, then the earlier clause number
    order = np.lexsort((a, -score, b))
    a, b, score = a[order], b[order], score[order]
    gstart = np.flatnonzero(np.r_[True, b[1:] != b[:-1]])
    rank = np.arange(len(b)) - np.repeat(gstart, np.diff(np.r_[gstart, len(b)]))
    keep = rank < top_k
    return a[keep], b[keep], np.minimum(score[keep], 1.0)
