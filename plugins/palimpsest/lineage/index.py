"""Candidate generation: which earlier clauses are worth aligning with a clause.

No all-pairs comparison. Every clause becomes the set of its *content bigrams* (pairs of
consecutive content words, see ``text.content_words``), each bigram an integer. Clauses are
numbered in time order. For every bigram the occurrences are sorted by clause number, and each
occurrence is paired with the ``lag`` previous occurrences only (the most recent earlier
clauses that used the same two words) — a recency-bounded inverted index, computed with
numpy in ``lag`` vectorised passes, so the work is O(lag × bigrams) whatever the corpus. A
bigram used by a large share of the corpus (``max_df``) pairs nothing: it is boilerplate.

Pairs are weighted by the inverse document frequency of the shared bigrams; a pair's score is
the shared weight over the smaller clause's weight (weighted containment, so a clause quoted
inside a longer one scores high). Each clause keeps its ``top_k`` best earlier candidates.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


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
    key = np.unique(codes * n + clause_of)
    del codes, clause_of
    code = key // n
    cl = key % n
    del key
    starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
    sizes = np.diff(np.r_[starts, len(code)])
    df = np.repeat(sizes, sizes)
    # idf per occurrence; clause weight = sum over its distinct bigrams.
    idf = np.log((n + 1) / df)
    weight = np.bincount(cl, weights=idf, minlength=n)
    limit = max(min_df_cap, int(max_df * n))
    usable = (df > 1) & (df <= limit)
    code_u = code[usable]
    cl_u = cl[usable].astype(np.int32)
    idf_u = idf[usable].astype(np.float32)
    del code, cl, df, idf, usable
    # shared weight per (later, earlier) pair, summed lag by lag in a sparse matrix (duplicates
    # add up), so memory follows the number of distinct pairs, not of shared bigrams
    shared = sp.csr_matrix((n, n), dtype=np.float32)
    for d in range(1, lag + 1):
        if len(code_u) <= d:
            break
        same = code_u[d:] == code_u[:-d]
        a = cl_u[:-d][same]
        b = cl_u[d:][same]
        w = idf_u[d:][same]
        other_doc = doc_of[a] != doc_of[b]
        if other_doc.any():
            shared = shared + sp.csr_matrix((w[other_doc], (b[other_doc], a[other_doc])), shape=(n, n), dtype=np.float32)
        del same, a, b, w, other_doc
    coo = shared.tocoo()
    del shared
    b = coo.row.astype(np.int64)
    a = coo.col.astype(np.int64)
    score = coo.data.astype(np.float64) / np.maximum(np.minimum(weight[a], weight[b]), 1e-9)
    keep = score >= min_score
    a, b, score = a[keep], b[keep], score[keep]
    # top_k per later clause
    order = np.lexsort((a, -score, b))
    a, b, score = a[order], b[order], score[order]
    if len(b) == 0:
        return empty
    gstart = np.flatnonzero(np.r_[True, b[1:] != b[:-1]])
    rank = np.arange(len(b)) - np.repeat(gstart, np.diff(np.r_[gstart, len(b)]))
    keep = rank < top_k
    return a[keep], b[keep], np.minimum(score[keep], 1.0)
