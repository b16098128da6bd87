"""Candidate generation: which earlier clauses are worth aligning with a clause.

No all-pairs comparison. Every clause becomes the set of its *content bigrams* (pairs of
consecutive content words, see ``text.content_words``), each bigram an integer. Clauses are
numbered in time order. For every bigram the occurrences are sorted by clause number, and each
occurrence is paired with the ``lag`` previous occurrences only (the most recent earlier
clauses that used the same two words) — a recency-bounded inverted index, computed with
numpy in ``lag`` vectorised passes summed in one sparse matrix, so the work is O(lag ×
bigrams) whatever the corpus. A
bigram used by a large share of the corpus (``max_df``) pairs nothing: it is boilerplate.

Pairs are weighted by the inverse document frequency of the shared bigrams; a pair's score is
the shared weight over the smaller clause's weight (weighted containment, so a clause quoted
inside a longer one scores high). Each clause keeps its ``top_k`` best earlier candidates.

A second pass does the same within each *series* of documents (same title, a draft and its
adopted text: ``engine.series``), boilerplate included, so that many recent uses of the same
words by other series never crowd out a clause's own earlier version. Exact and near-exact
copies do not need the index at all (the engine groups them by key).
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


def _shared(
    code: np.ndarray,
    cl: np.ndarray,
    idf: np.ndarray,
    lag: int,
    doc32: np.ndarray,
    n: int,
    group: np.ndarray | None = None,
) -> sp.csr_matrix:
    """Shared idf weight of every (later, earlier) clause pair that meets within ``lag``
    occurrences of one bigram (``code`` sorted, then ``group`` when given, then clause): one
    sparse matrix per lag (duplicates add up), summed as they come, so memory follows the
    number of distinct pairs plus one lag's triplets."""
    total = sp.csr_matrix((n, n), dtype=np.int32)
    for d in range(1, lag + 1):
        if len(code) <= d:
            break
        same = code[d:] == code[:-d]
        if group is not None:
            same &= group[d:] == group[:-d]
        same = np.flatnonzero(same)
        a = cl[same]
        b = cl[same + d]
        other_doc = doc32[a] != doc32[b]
        part = sp.csr_matrix((idf[same + d][other_doc], (b[other_doc], a[other_doc])), shape=(n, n), dtype=np.int32)
        del same, a, b, other_doc
        total = total + part
        del part
    total.sum_duplicates()
    return total


def _best(
    shared: sp.csr_matrix, weight: np.ndarray, n: int, min_score: float, top_k: int, min_shared: float | None = None
):
    """(earlier, later, score) of the pairs of ``shared`` scoring ``min_score`` or more, the
    ``top_k`` best per later clause (best score first, then the earlier clause number). With
    ``min_shared``, also the pairs sharing that much weight whatever the clauses' lengths (a
    passage two long clauses share), the ``top_k`` with most shared weight per later clause."""
    b = np.repeat(np.arange(n, dtype=np.int32), np.diff(shared.indptr))
    a = shared.indices
    data = shared.data
    denom = weight[a]
    np.minimum(denom, weight[b], out=denom)
    np.maximum(denom, 1e-9, out=denom)
    score = np.divide(data, denom, out=denom)
    keep = score >= min_score
    out_a, out_b, out_s = _top(a[keep], b[keep], score[keep], score[keep], top_k)
    if min_shared is not None:
        keep = (score < min_score) & (data >= min_shared)
        pa, pb, ps = _top(a[keep], b[keep], data[keep].astype(np.float64), score[keep], top_k)
        out_a, out_b, out_s = np.r_[out_a, pa], np.r_[out_b, pb], np.r_[out_s, ps]
        o = np.lexsort((out_a, -out_s, out_b))
        out_a, out_b, out_s = out_a[o], out_b[o], out_s[o]
    return out_a.astype(np.int64), out_b.astype(np.int64), np.minimum(out_s, 1.0)


def _top(a: np.ndarray, b: np.ndarray, rank_by: np.ndarray, score: np.ndarray, top_k: int):
    """The ``top_k`` pairs with the highest ``rank_by`` per later clause b (then the earlier
    clause number), as (a, b, score)."""
    order = np.lexsort((a, -rank_by, b))
    a, b, score = a[order], b[order], score[order]
    gstart = np.flatnonzero(np.r_[True, b[1:] != b[:-1]])
    rank = np.arange(len(b)) - np.repeat(gstart, np.diff(np.r_[gstart, len(b)]))
    keep = rank < top_k
    return a[keep], b[keep], score[keep]


def candidate_pairs(
    tokens: np.ndarray,
    offsets: np.ndarray,
    vocab_size: int,
    doc_of: np.ndarray,
    *,
    lag: int,
    max_df: float,
    min_df_cap: int,
    min_score: float,
    top_k: int,
    series_of: np.ndarray | None = None,
    series_lag: int = 0,
    passage_bigrams: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Earlier/later clause pairs worth aligning: arrays (earlier, later, score), sorted by
    later clause then descending score. ``doc_of[c]`` is the document number of clause c
    (clauses of one document are never paired; clause numbers follow the time order).

    With ``series_of`` (a series number per document), a second pass pairs each occurrence of
    a bigram with its ``series_lag`` previous occurrences *in the same series*, boilerplate
    bigrams included: a clause's own earlier version is a candidate however many other texts
    used the same words since (no crowding out by siblings of other series).

    With ``passage_bigrams``, a pair of long clauses that shares a passage is a candidate too,
    however small a part of either it is: the shared weight reaches that of ``passage_bigrams``
    of the commonest bigrams the index uses (a run of that many rare word pairs)."""
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
    cl = (key % n).astype(np.int32)
    del key
    starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
    sizes = np.diff(np.r_[starts, len(code)]).astype(np.int32)
    df = np.repeat(sizes, sizes)
    del starts, sizes
    # idf per occurrence, in fixed point (1/4096) so that sums are exact whatever their order
    # (identical clauses get identical scores); clause weight = sum over its distinct bigrams.
    idf = np.rint(np.log((n + 1) / df) * IDF_SCALE).astype(np.int32)
    weight = np.bincount(cl, weights=idf, minlength=n)
    doc32 = doc_of.astype(np.int32)
    limit = max(min_df_cap, int(max_df * n))
    usable = (df > 1) & (df <= limit)
    shared = _shared(code[usable], cl[usable], idf[usable], lag, doc32, n)
    passage_weight = passage_bigrams * np.log((n + 1) / limit) * IDF_SCALE if passage_bigrams > 0 else None
    a, b, score = _best(shared, weight, n, min_score, top_k, passage_weight)
    del shared, usable
    if series_of is not None and series_lag > 0:
        multi = df > 1
        code_m, cl_m, idf_m = code[multi], cl[multi], idf[multi]
        del code, cl, idf, df, multi
        # occurrences by bigram, then series, then clause: they are by bigram and clause
        # already, so a stable sort on (bigram, series) does it (none with a single series)
        _ids, series_ix = np.unique(series_of, return_inverse=True)
        grp = series_ix.reshape(-1)[doc_of[cl_m]].astype(np.int64)
        if len(_ids) > 1:
            o = np.argsort(code_m * len(_ids) + grp, kind="stable")
            code_m, cl_m, idf_m, grp = code_m[o], cl_m[o], idf_m[o], grp[o]
            del o
        shared = _shared(code_m, cl_m, idf_m, series_lag, doc32, n, grp)
        del code_m, cl_m, idf_m, grp
        sa, sb, ss = _best(shared, weight, n, min_score, top_k)
        del shared
        a, b, score = np.r_[a, sa], np.r_[b, sb], np.r_[score, ss]
        o = np.lexsort((-score, a, b))
        a, b, score = a[o], b[o], score[o]
        first = np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1])]
        a, b, score = a[first], b[first], score[first]
        o = np.lexsort((a, -score, b))
        a, b, score = a[o], b[o], score[o]
    return a, b, score
