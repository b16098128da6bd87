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

import numpy as np

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


# ------------------------------------------------------------------------------------------
# Vectorised preparation of a whole corpus (same result as ``words`` / ``content_words`` per
# text, computed with one regex pass per chunk of texts and numpy over integer word ids)
# ------------------------------------------------------------------------------------------

_SEP = "\x00"  # not a word character: no word spans two texts
_CHUNK = 10000
_BLOCK = 4096  # texts per pass (bounds the transient arrays)
_BASE = 0x100000001B3  # polynomial hash of a word's code points (odd: invertible mod 2**64)
_BASE_INV = pow(_BASE, -1, 1 << 64)
_WORD_CHAR: np.ndarray | None = None  # [^\W_] for every code point of the BMP
_PRINTED_CHAR: np.ndarray | None = None  # not whitespace (str.split), for every code point of the BMP


def _word_char_table() -> np.ndarray:
    global _WORD_CHAR
    if _WORD_CHAR is None:
        _WORD_CHAR = np.fromiter((chr(i).isalnum() for i in range(0x10000)), dtype=bool, count=0x10000)
    return _WORD_CHAR


def _printed_char_table() -> np.ndarray:
    global _PRINTED_CHAR
    if _PRINTED_CHAR is None:
        _PRINTED_CHAR = np.fromiter((not chr(i).isspace() for i in range(0x10000)), dtype=bool, count=0x10000)
    return _PRINTED_CHAR


def _pow_blocks(base: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) with base**i == high[i // 4096] * low[i % 4096] mod 2**64, for i < n."""
    with np.errstate(over="ignore"):
        low = np.full(_BLOCK, base, np.uint64)
        low[0] = 1
        low = np.cumprod(low, dtype=np.uint64)
        high = np.full(n // _BLOCK + 1, low[-1] * np.uint64(base), np.uint64)
        high[0] = 1
        return low, np.cumprod(high, dtype=np.uint64)


def _pow_at(base: int, n: int, at: np.ndarray | None = None) -> np.ndarray:
    """base**i mod 2**64 for i < n (or for i in ``at``)."""
    low, high = _pow_blocks(base, n)
    with np.errstate(over="ignore"):
        if at is None:
            return np.multiply.outer(high, low).reshape(-1)[:n]
        return high[at // _BLOCK] * low[at % _BLOCK]


def _scan(text: str, printed: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    r"""The words (``[^\W_]+`` runs) of ``text`` without a regex: (hash, start, end) of every
    word and the positions of the separators, from the code points with numpy. A word's hash
    is a polynomial hash of its code points mixed with its length (shift-invariant, computed
    from prefix sums)."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    table = _printed_char_table() if printed else _word_char_table()
    bmp = cp < 0x10000
    if bmp.all():
        isw = table[cp]
    else:
        isw = np.ones(len(cp), bool)  # no whitespace outside the BMP
        isw[bmp] = table[cp[bmp]]
        if not printed:
            astral = np.flatnonzero(~bmp)
            values = np.unique(cp[astral])
            ok = np.fromiter((chr(int(v)).isalnum() for v in values), dtype=bool, count=len(values))
            isw[astral] = ok[np.searchsorted(values, cp[astral])]
    edge = np.diff(isw.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edge == 1)
    ends = np.flatnonzero(edge == -1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(len(cp) + 1, np.uint64)
        terms = _pow_at(_BASE, len(cp))
        terms *= cp
        np.cumsum(terms, out=prefix[1:])
        del terms
        h = (prefix[ends] - prefix[starts]) * _pow_at(_BASE_INV, len(cp), starts)
        h = h * np.uint64(0x9E3779B97F4A7C15) + (ends - starts).astype(np.uint64)
    return h, starts, ends, cp


class Prepared:
    """Word ids of a list of texts (``vocab[i]`` is the word of id i).

    ``all_tokens[all_offsets[t]:all_offsets[t + 1]]`` are the ids of ``words(texts[t])``;
    ``tokens[offsets[t]:offsets[t + 1]]`` those of ``content_words(texts[t])``."""

    __slots__ = ("vocab", "all_tokens", "all_offsets", "tokens", "offsets")

    def __init__(self, vocab, all_tokens, all_offsets, tokens, offsets):
        self.vocab: list[str] = vocab
        self.all_tokens: np.ndarray = all_tokens
        self.all_offsets: np.ndarray = all_offsets
        self.tokens: np.ndarray = tokens
        self.offsets: np.ndarray = offsets


def _tokenize(texts: list[str], printed: bool) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(vocab, ids, offsets): the words of every text as ids into vocab, ``ids[offsets[t]:
    offsets[t + 1]]`` for text t. ``printed``: the words of ``text.split()``; otherwise those of
    ``words(text)`` (lowercased)."""
    vocab: list[str] = []
    known = np.zeros(0, np.uint64)  # hashes of vocab, sorted
    known_id = np.zeros(0, np.int32)
    token_parts: list[np.ndarray] = []
    count_parts: list[np.ndarray] = []
    for k in range(0, len(texts), _CHUNK):
        if printed:  # a newline after every text (whitespace: no word spans two texts)
            chunk = texts[k : k + _CHUNK]
            big = "\n".join(chunk) + "\n"
            h, starts, ends, _cp = _scan(big, printed=True)
            seps = np.cumsum(np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk)) + 1) - 1
        else:
            chunk = [t.replace(_SEP, " ") for t in texts[k : k + _CHUNK]]
            big = (_SEP.join(chunk) + _SEP).lower()
            h, starts, ends, cp = _scan(big)
            seps = np.flatnonzero(cp == 0)
            del cp
        uh, first, inv = np.unique(h, return_index=True, return_inverse=True)
        pos = np.searchsorted(known, uh)
        hit = pos < len(known)
        hit[hit] = known[pos[hit]] == uh[hit]
        ids = np.empty(len(uh), np.int32)
        ids[hit] = known_id[pos[hit]]
        new = np.flatnonzero(~hit)
        ids[new] = np.arange(len(vocab), len(vocab) + len(new), dtype=np.int32)
        vocab.extend(big[s:e] for s, e in zip(starts[first[new]].tolist(), ends[first[new]].tolist()))
        if len(new):
            known = np.r_[known, uh[new]]
            known_id = np.r_[known_id, ids[new]]
            o = np.argsort(known, kind="stable")
            known, known_id = known[o], known_id[o]
        token_parts.append(ids[inv.reshape(-1)])
        count_parts.append(np.bincount(np.searchsorted(seps, starts), minlength=len(chunk))[: len(chunk)])
        del big, h, starts, ends, seps, uh, first, inv
    tokens = np.concatenate(token_parts) if token_parts else np.zeros(0, np.int32)
    offsets = np.zeros(len(texts) + 1, np.int64)
    if count_parts:
        np.cumsum(np.concatenate(count_parts), out=offsets[1:])
    return vocab, tokens, offsets


def printed_words(texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """``text.split()`` of every text as ids: (vocab, ids, offsets), see ``_tokenize``."""
    return _tokenize(texts, printed=True)


def prepare(texts: list[str]) -> Prepared:
    """``words`` and ``content_words`` of every text, as integer ids: one lowercasing and one
    numpy scan per chunk of texts, words identified by a 64-bit hash of their characters."""
    vocab, all_tokens, all_offsets = _tokenize(texts, printed=False)
    ids = {w: i for i, w in enumerate(vocab)}

    # per word: opening word, opening modifier, dropped (stopword / formula / short number)
    opening = np.fromiter(
        (w in _OPENING_EXTRA or (w.isalpha() and len(w) > 3 and w.endswith(("ing", "s", "ed"))) for w in vocab),
        dtype=bool, count=len(vocab),
    )
    modifier = np.fromiter((w in _OPENING_MODIFIERS for w in vocab), dtype=bool, count=len(vocab))
    drop = np.fromiter((w in _DROP or (w.isdigit() and len(w) < 3) for w in vocab), dtype=bool, count=len(vocab))
    to_id = ids.get("to", -1)

    # strip_opening, vectorised over texts: skip = number of leading words dropped
    starts = all_offsets[:-1]
    lengths = np.diff(all_offsets)
    padded = np.r_[all_tokens, np.zeros(8, np.int32)]  # reads past a text's end are masked

    def at(i):
        return padded[starts + i]

    skip = np.zeros(len(texts), np.int64)
    active = (lengths > 0) & opening[at(0)]
    skip[active] = 1
    skip[active & (at(0) == to_id) & (lengths > 1)] = 2
    while active.any():
        active = active & (skip < lengths) & (skip < 5) & modifier[padded[starts + skip]]
        skip[active] += 1

    pos = np.arange(len(all_tokens)) - np.repeat(starts, lengths)
    keep = (pos >= np.repeat(skip, lengths)) & ~drop[all_tokens]
    tokens = all_tokens[keep]
    offsets = np.zeros(len(texts) + 1, np.int64)
    text_of = np.repeat(np.arange(len(texts)), lengths)
    np.cumsum(np.bincount(text_of[keep], minlength=len(texts)), out=offsets[1:])
    return Prepared(vocab, all_tokens, all_offsets, tokens, offsets)
