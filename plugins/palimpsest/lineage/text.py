"""Clause text → the word sequences lineage compares.

Three views of a clause, all computed for the whole corpus at once by ``prepare``:

* ``all_tokens`` — every word, lowercased (punctuation dropped); a resolution symbol
  (``62/30``) is one word of its own. The exact and near-exact keys (``exact_keys``) are built
  on it: two clauses with the same words are copies; with the same words once every number,
  date, ordinal and symbol is masked (``near_keys``: "seventy-eighth session" = "eightieth
  session", "resolution 77/150 of 14 December 2022" = "resolution 78/200 of 19 December 2023")
  they are copies that differ only by their numbers.
* ``tokens`` — the *content words*, the evidence of descent: the opening verb phrase stripped
  ("Stresses the importance of…" and "Stressing the importance of…" give the same sequence;
  so do "Recognizing also…" and "Recalls…"), then function words, the formulas every
  resolution repeats ("Secretary-General", "submit a report", "present resolution",
  months…), numbers, years, symbols, and the words of a quoted title (between quotation
  marks: "the item entitled “…”") removed. Two clauses that share only those share nothing:
  a match made of citations, years or a quoted title is not reuse. Words inside a *name*
  (three capitalised words or more: "Programme of Action to Prevent, Combat and Eradicate…")
  are flagged (``named``): the engine does not accept a match made only of names either.
* ``starts`` / ``ends`` — where each content word stands in its text (character offsets), so a
  shared passage found on content words can be quoted from the text.

Everything is a pure function of the text (no corpus statistics), so a score computed from
them can be cached by the hashes of the two texts. ``words`` and ``content_words`` give the
same for one text (``content_words`` is ``prepare`` on that text).
"""

from __future__ import annotations

import re

import numpy as np

from ..ingest.vocabulary import LEADING_ADVERBS

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

# Opening words that are not "-ing" forms but open a preambular or operative paragraph.
_OPENING_EXTRA = frozenset(
    """mindful aware conscious convinced concerned alarmed desirous guided deeply gravely seriously
    determined resolved cognizant noting further also to""".split()
)
# Words that continue an opening phrase: "Recognizing also", "Calls upon", "Takes note with
# appreciation of", "Expresses deep concern", "Bearing in mind", "Taking into account".
_LEADING_ADVERBS = frozenset(w.lower() for w in LEADING_ADVERBS)
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


# "62/30": the slash between two digits becomes a letter-like mark, so a symbol is one word
# (same length: character offsets are kept)
_SYMBOL_SLASH_RE = re.compile(r"(?<=\d)/(?=\d)")
SYMBOL_MARK = "\u00aa"
_QUOTE_OPEN, _QUOTE_CLOSE, _QUOTE_STRAIGHT = 0x201C, 0x201D, 0x22
# Words that are numbers when masked for the near-exact key (ordinals, cardinals, months).
NUMBER_WORDS = frozenset(
    """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
    fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth
    fiftieth sixtieth seventieth eightieth ninetieth hundredth one two three four five six seven
    eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen
    twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
    january february march april may june july august september october november december""".split()
)


def _join_symbols(text: str) -> str:
    """``_SYMBOL_SLASH_RE.sub(SYMBOL_MARK, text)`` for a long text, with numpy (same length)."""
    if "/" not in text:
        return text
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").copy()
    digit = (cp >= 0x30) & (cp <= 0x39)
    slash = np.flatnonzero(cp[1:-1] == 0x2F) + 1
    slash = slash[digit[slash - 1] & digit[slash + 1]]
    cp[slash] = ord(SYMBOL_MARK)
    return cp.tobytes().decode("utf-32-le", "surrogatepass")


def words(text: str) -> list[str]:
    return _WORD_RE.findall(_SYMBOL_SLASH_RE.sub(SYMBOL_MARK, text.lower()))


def content_words(text: str) -> list[str]:
    """The content words of one text (``prepare`` on it)."""
    p = prepare([text])
    return [p.vocab[i] for i in p.tokens.tolist()]


def is_number(w: str) -> bool:
    return any(ch.isdigit() for ch in w) or w in NUMBER_WORDS


# ------------------------------------------------------------------------------------------
# Vectorised preparation of a whole corpus (same result as ``words`` / ``content_words`` per
# text, computed with one regex pass per chunk of texts and numpy over integer word ids)
# ------------------------------------------------------------------------------------------

_SEP = "\x00"  # not a word character: no word spans two texts
_CHUNK = 4000
_BLOCK = 4096  # texts per pass (bounds the transient arrays)
_KEY_BLOCK = 1 << 21  # words per pass of ``sequence_keys``
_BASE = 0x100000001B3  # polynomial hash of a word's code points (odd: invertible mod 2**64)
_BASE_INV = pow(_BASE, -1, 1 << 64)
_WORD_CHAR: np.ndarray | None = None  # [^\W_] for every code point of the BMP
_PRINTED_CHAR: np.ndarray | None = None  # not whitespace (str.split), for every code point of the BMP
_UPPER_CHAR: np.ndarray | None = None  # an upper-case letter, for every code point of the BMP


def _word_char_table() -> np.ndarray:
    global _WORD_CHAR
    if _WORD_CHAR is None:
        _WORD_CHAR = np.fromiter((chr(i).isalnum() for i in range(0x10000)), dtype=bool, count=0x10000)
    return _WORD_CHAR


def _upper_char_table() -> np.ndarray:
    global _UPPER_CHAR
    if _UPPER_CHAR is None:
        _UPPER_CHAR = np.fromiter((chr(i).isupper() for i in range(0x10000)), dtype=bool, count=0x10000)
    return _UPPER_CHAR


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
    ``tokens[offsets[t]:offsets[t + 1]]`` those of its content words, which stand at
    ``texts[t][starts[k]:ends[k]]`` (k over the same range); ``exact_keys`` / ``near_keys``: a
    64-bit key per text of its words, and of its words with numbers masked (``near_key``);
    ``named[k]``: content word k stands inside a name (``_names``); ``number[i]``: word i of
    vocab is a number, an ordinal or a month (``is_number``)."""

    __slots__ = (
        "vocab",
        "all_tokens",
        "all_offsets",
        "tokens",
        "offsets",
        "starts",
        "ends",
        "exact_keys",
        "near_keys",
        "named",
        "number",
    )

    def __init__(
        self, vocab, all_tokens, all_offsets, tokens, offsets, starts, ends, exact_keys, near_keys, named, number
    ):
        self.vocab: list[str] = vocab
        self.all_tokens: np.ndarray = all_tokens
        self.all_offsets: np.ndarray = all_offsets
        self.tokens: np.ndarray = tokens
        self.offsets: np.ndarray = offsets
        self.starts: np.ndarray = starts
        self.ends: np.ndarray = ends
        self.exact_keys: np.ndarray = exact_keys
        self.near_keys: np.ndarray = near_keys
        self.named: np.ndarray = named  # per content word: inside a name (see ``_names``)
        self.number: np.ndarray = number  # per word of vocab: a number (``is_number``)


def _tokenize(
    texts: list[str], printed: bool
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(vocab, ids, offsets, starts, ends, quoted, capital): the words of every text as ids into
    vocab, ``ids[offsets[t]:offsets[t + 1]]`` for text t, each word at ``texts[t][starts:ends]``,
    ``quoted`` when it stands between quotation marks, ``capital`` when it is printed with a
    capital initial. ``printed``: the words of
    ``text.split()``; otherwise those of ``words(text)`` (lowercased, symbols one word)."""
    vocab: list[str] = []
    known = np.zeros(0, np.uint64)  # hashes of vocab, sorted
    known_id = np.zeros(0, np.int32)
    token_parts: list[np.ndarray] = []
    count_parts: list[np.ndarray] = []
    start_parts: list[np.ndarray] = []
    end_parts: list[np.ndarray] = []
    quoted_parts: list[np.ndarray] = []
    capital_parts: list[np.ndarray] = []
    for k in range(0, len(texts), _CHUNK):
        if printed:  # a newline after every text (whitespace: no word spans two texts)
            chunk = texts[k : k + _CHUNK]
            big = "\n".join(chunk) + "\n"
            h, starts, ends, cp = _scan(big, printed=True)
            seps = np.cumsum(np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk)) + 1) - 1
        else:
            chunk = [t.replace(_SEP, " ") for t in texts[k : k + _CHUNK]]
            original = _SEP.join(chunk) + _SEP
            big = _join_symbols(original.lower())
            h, starts, ends, cp = _scan(big)
            seps = np.flatnonzero(cp == 0)
            if len(original) == len(big):  # (lowercasing can lengthen a rare letter: no capitals then)
                ocp = np.frombuffer(original.encode("utf-32-le", "surrogatepass"), dtype="<u4")[starts]
                capital = np.zeros(len(starts), bool)
                bmp = ocp < 0x10000
                capital[bmp] = _upper_char_table()[ocp[bmp]]
            else:
                capital = np.zeros(len(starts), bool)
        text_of_word = np.searchsorted(seps, starts)
        text_start = np.r_[0, seps[:-1] + 1][text_of_word] if len(seps) else np.zeros(0, np.int64)
        if printed:
            quoted = np.zeros(len(starts), bool)
            capital = quoted
        else:  # quotation depth, counted from the start of each text
            marks = np.flatnonzero((cp == _QUOTE_OPEN) | (cp == _QUOTE_CLOSE) | (cp == _QUOTE_STRAIGHT))
            if len(marks):  # quotation depth at every quotation mark, counted from the start of each text
                m = cp[marks]
                straight = m == _QUOTE_STRAIGHT
                odd = np.cumsum(straight) % 2 == 1
                step = np.where(m == _QUOTE_OPEN, 1, np.where(m == _QUOTE_CLOSE, -1, np.where(odd, 1, -1)))
                depth_after = np.cumsum(step)
                at = np.searchsorted(marks, starts)  # marks before each word
                at0 = np.searchsorted(marks, text_start)
                depth_of = np.r_[0, depth_after]
                quoted = (depth_of[at] - depth_of[at0]) > 0
            else:
                quoted = np.zeros(len(starts), bool)
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
        count_parts.append(np.bincount(text_of_word, minlength=len(chunk))[: len(chunk)])
        if not printed:  # (the printed words need no places: word counts and diffs only)
            start_parts.append((starts - text_start).astype(np.int32))
            end_parts.append((ends - text_start).astype(np.int32))
            quoted_parts.append(quoted)
            capital_parts.append(capital)
        del big, h, starts, ends, seps, uh, first, inv
    tokens = np.concatenate(token_parts) if token_parts else np.zeros(0, np.int32)
    offsets = np.zeros(len(texts) + 1, np.int64)
    if count_parts:
        np.cumsum(np.concatenate(count_parts), out=offsets[1:])

    def cat(parts, dt):
        return np.concatenate(parts) if parts else np.zeros(0, dt)

    return (
        vocab,
        tokens,
        offsets,
        cat(start_parts, np.int32),
        cat(end_parts, np.int32),
        cat(quoted_parts, bool),
        cat(capital_parts, bool),
    )


def printed_words(texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """``text.split()`` of every text as ids: (vocab, ids, offsets), see ``_tokenize``."""
    vocab, ids, offsets, _s, _e, _q, _c = _tokenize(texts, printed=True)
    return vocab, ids, offsets


def sequence_keys(ids: np.ndarray, offsets: np.ndarray, word_hash: np.ndarray) -> np.ndarray:
    """A 64-bit key of every sequence ``ids[offsets[t]:offsets[t + 1]]`` (``word_hash[id]``: the
    hash of each word): a polynomial hash mixed with the length (uint64 arithmetic wraps)."""
    n = len(offsets) - 1
    if n <= 0:
        return np.zeros(0, np.uint64)
    lengths = np.diff(offsets)
    out = np.zeros(n, np.uint64)
    low, high = _pow_blocks(_BASE, int(lengths.max()) + 1)
    # texts in blocks of about _KEY_BLOCK words (bounds the transient arrays)
    t0 = 0
    while t0 < n:
        t1 = int(np.searchsorted(offsets, offsets[t0] + _KEY_BLOCK, side="right")) - 1
        t1 = min(max(t1, t0 + 1), n)
        lo, hi = int(offsets[t0]), int(offsets[t1])
        blen = lengths[t0:t1]
        pos = np.arange(hi - lo, dtype=np.int64) - np.repeat(offsets[t0:t1] - lo, blen)
        with np.errstate(over="ignore"):
            terms = word_hash[ids[lo:hi]] * (high[pos // _BLOCK] * low[pos % _BLOCK])
            nonempty = blen > 0
            if len(terms):
                block = np.zeros(t1 - t0, np.uint64)
                block[nonempty] = np.add.reduceat(terms, (offsets[t0:t1] - lo)[nonempty])
                out[t0:t1] = block
        del pos, terms
        t0 = t1
    with np.errstate(over="ignore"):
        return out * np.uint64(0x9E3779B97F4A7C15) + lengths.astype(np.uint64)


def _word_hashes(vocab: list[str]) -> np.ndarray:
    import hashlib

    return np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(w.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
            for w in vocab
        ),
        dtype=np.uint64,
        count=len(vocab),
    )


def prepare(texts: list[str]) -> Prepared:
    """Words, content words, their places and the exact / near-exact keys of every text, as
    integer ids: one lowercasing and one numpy scan per chunk of texts, words identified by a
    64-bit hash of their characters."""
    vocab, all_tokens, all_offsets, w_starts, w_ends, quoted, capital = _tokenize(texts, printed=False)

    # per word: opening word, opening modifier, dropped (stopword / formula / number / symbol)
    opening = np.fromiter(
        (w in _OPENING_EXTRA or (w.isalpha() and len(w) > 3 and w.endswith(("ing", "s", "ed"))) for w in vocab),
        dtype=bool,
        count=len(vocab),
    )
    modifier = np.fromiter((w in _OPENING_MODIFIERS for w in vocab), dtype=bool, count=len(vocab))
    # "Also encourages", "Strongly urges": the ingest's leading adverbs before the opening verb
    adverb = np.fromiter((w in _LEADING_ADVERBS for w in vocab), dtype=bool, count=len(vocab))
    number = np.fromiter((is_number(w) for w in vocab), dtype=bool, count=len(vocab))
    drop = number | np.fromiter((w in _DROP for w in vocab), dtype=bool, count=len(vocab))
    to_id = vocab.index("to") if "to" in vocab else -1

    # the opening verb phrase, vectorised over texts: skip = number of leading words dropped
    starts = all_offsets[:-1]
    lengths = np.diff(all_offsets)
    padded = np.r_[all_tokens, np.zeros(8, np.int32)]  # reads past a text's end are masked

    def at(i):
        return padded[starts + i]

    skip = np.zeros(len(texts), np.int64)
    active = (lengths > 0) & opening[at(0)]
    skip[active] = 1
    skip[active & (at(0) == to_id) & (lengths > 1)] = 2
    # one or two leading adverbs ("Also", "Once again") before the opening word
    lead = (lengths > 1) & adverb[at(0)] & opening[at(1)] & ~adverb[at(1)]
    lead2 = (lengths > 2) & adverb[at(0)] & adverb[at(1)] & opening[at(2)]
    skip[lead] = 2
    skip[lead2] = 3
    active = active | lead | lead2
    while active.any():
        active = active & (skip < lengths) & (skip < 5) & modifier[padded[starts + skip]]
        skip[active] += 1

    text_of = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)
    pos = np.arange(len(all_tokens), dtype=np.int32) - np.repeat(starts.astype(np.int32), lengths)
    named = _names(
        all_tokens, text_of, capital, np.fromiter((w in _NAME_JOINERS for w in vocab), dtype=bool, count=len(vocab))
    )
    skip_of = np.repeat(skip.astype(np.int32), lengths)
    keep = (pos >= skip_of) & ~drop[all_tokens] & ~quoted
    tokens = all_tokens[keep]
    offsets = np.zeros(len(texts) + 1, np.int64)
    np.cumsum(np.bincount(text_of[keep], minlength=len(texts)), out=offsets[1:])

    # keys: all words; all words with every run of numbers masked as one "#" and the words
    # that continue an opening verb dropped ("Recalling also" = "Recalling")
    word_hash = _word_hashes(vocab)
    exact = sequence_keys(all_tokens, all_offsets, word_hash)
    is_num = number[all_tokens]
    run_head = is_num & ~np.r_[False, is_num[:-1] & (text_of[1:] == text_of[:-1])] if len(all_tokens) else is_num
    in_opening = (pos >= 1) & (pos < skip_of) & modifier[all_tokens]
    del pos, skip_of
    masked_keep = (~is_num | run_head) & ~in_opening
    mask_hash = np.r_[word_hash, np.uint64(0x5BD1E9955BD1E995)]
    masked = np.where(is_num, len(vocab), all_tokens)[masked_keep]
    moff = np.zeros(len(texts) + 1, np.int64)
    np.cumsum(np.bincount(text_of[masked_keep], minlength=len(texts)), out=moff[1:])
    near = sequence_keys(masked, moff, mask_hash)
    # a text made mostly of numbers (a list of citations with their dates) has no near-exact
    # copy: equal but for the numbers would mean equal but for everything it says. A template
    # whose words outnumber its runs of numbers (an apportionment: amount, period, resolutions
    # and dates, a dozen words of its own) is a copy when only its numbers change.
    runs = np.bincount(text_of[run_head], minlength=len(texts))
    wordy = np.bincount(text_of[~is_num & ~drop[all_tokens] | (~is_num & quoted)], minlength=len(texts))
    near_ok = runs <= np.maximum(2, wordy)
    near = np.where(near_ok, near, exact)
    return Prepared(
        vocab, all_tokens, all_offsets, tokens, offsets, w_starts[keep], w_ends[keep], exact, near, named[keep], number
    )


# Words a name may hold between its capitalised words: "Programme of Action to Prevent, Combat and
# Eradicate the Illicit Trade in Small Arms…", "Convention on the Rights of the Child".
_NAME_JOINERS = frozenset("of the and on in for to against with its all a an de la et des du".split())


def _names(ids: np.ndarray, text_of: np.ndarray, capital: np.ndarray, joiner: np.ndarray) -> np.ndarray:
    """Words inside a name: a run of capitalised words (and the small words that join them)
    holding three capitalised words or more — the title of an instrument, a body, a
    conference. A name shared is not, alone, shared wording."""
    if len(ids) == 0:
        return np.zeros(0, bool)
    part = capital | joiner[ids]
    head = part & ~np.r_[False, part[:-1] & (text_of[1:] == text_of[:-1])]
    run = np.cumsum(head, dtype=np.int32) - 1
    caps = np.bincount(run[capital], minlength=int(run.max()) + 1 if len(run) else 0)
    return part & (caps[np.maximum(run, 0)] >= 3)
