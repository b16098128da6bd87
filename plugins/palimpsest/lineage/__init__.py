"""Clause lineage across the corpus: which earlier clauses each clause shares wording with.

Modules: ``text`` (word sequences, opening verb and formulas stripped), ``index`` (candidate
pairs from a recency-bounded bigram index), ``score`` (LCS similarity and acceptance),
``diff`` (word diff as data), ``cache`` (pair scores by content hash; the whole result by a
hash of all inputs), ``engine`` (the corpus driver, predecessor, comparison, corpus map,
overrides).
"""

from .diff import word_diff
from .engine import ENGINE_VERSION, Lineage, apply_overrides, compute_lineage, document_order_key
from .score import Params

__all__ = [
    "ENGINE_VERSION",
    "Lineage",
    "Params",
    "apply_overrides",
    "compute_lineage",
    "document_order_key",
    "word_diff",
]
