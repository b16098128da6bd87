"""Corpus-level lineage: which earlier clauses each clause shares wording with.

``compute_lineage(documents, cache_dir)`` runs the stages:

0. with a ``cache_dir``: if the whole-result cache holds this exact input (documents, dates,
   symbols, titles and series metadata, clause anchors/kinds/texts, parameters, engine
   version), return it — nothing is recomputed (``stats["result_cache"] == "hit"``; the stats
   then say only that and the time it took);
1. order the documents in time (``meta.date``: the adoption, or the date a draft carries; one
   day's documents by their number, then slug) and number every clause in that order; every
   distinct clause text is turned into integer word ids once, for all texts together
   (``text.prepare``: numpy over code points, no per-clause regex); the series of every
   document (``series``: same title with numbers masked, a draft and its adopted text; related:
   cited by symbol, same agenda item of a session);
2. candidates from the recency-bounded bigram index, and the same within each series
   (``index.py``) — no all-pairs comparison;
3. precise alignment of the candidates only (``score.py``: LCS on content words, cached by
   content hash in ``cache.py``; a shared passage for containment and long quotations,
   order-insensitive evidence for reworded clauses; names alone are not enough);
4. exact and near-exact copies (``exact_links``: same words, or same but for numbers), linked
   whatever their length or frequency; standard wording (a copy spread over many series)
   labelled ``formula``;
5. per clause, the accepted links: ``evolved_from`` (nearest parent first: own series
   preferred, earlier days before same-day siblings, then the most recent; ``order_links``)
   and the reverse ``carried_into``;
6. per document (``derive``): the predecessor (the earlier document its clauses' nearest
   parents come from most, by amount of text), the clause-by-clause comparison with it (kept /
   changed / moved / new / dropped, with word diffs computed on word encodings prepared for
   all texts at once), the flows of the corpus map and the share of the text carried over.

``stats`` holds counters and per-stage wall/CPU seconds.

Each link is a ``model.Link`` (document, anchor, similarity, origin "computed") with, when
they apply, ``series``, ``passage`` (the shared passage a containment or quotation link rests
on) and ``formula`` (a ``model.Formula``: texts, since, first); comparison rows, flows and
summaries are ``model.ComparisonRow``, ``Flow`` and ``LineageSummary``; ``apply_overrides`` puts contributors' links (origin "contributor") first, removes the links
they reject, and derives everything else again.
"""

from __future__ import annotations

import dataclasses
import gc
import re
import resource
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz.distance import Indel, LCSseq

from ..model import ComparisonRow, Document, Flow, Formula, LineageSummary, Link, RowStatus, new_link
from .cache import PairCache, ResultCache, pair_keys, params_tag, result_key, sequence_hashes
from .diff import Codes, encoded_diff
from .index import candidate_pairs
from .score import (
    Encoder,
    Params,
    bag_lengths,
    bag_ok,
    by_similarity,
    gapped_ok,
    gapped_passage,
    lcs_lengths_of,
    longest_run,
    needs_passage,
    passage_ok,
    plain_ok,
    similarity,
)
from .text import content_words, is_number, prepare, printed_words, words

ENGINE_VERSION = "5"

Override = tuple[str, str, str, str, str]  # (slug, anchor, "evolved_from"|"not_evolved_from", slug, anchor)

# Lenient alignment of a comparison (all words, verbs and formulas included): clauses that are
# nearly identical are "kept"/"changed" even when they are only boilerplate.
COMPARISON_MIN_SIMILARITY = 0.75


def document_date(doc: Document) -> str:
    return doc.meta.date


def _natural(symbol: str) -> str:
    """Numbers zero-padded, so that A/RES/80/90 sorts before A/RES/80/103."""
    return re.sub(r"\d+", lambda m: m.group().zfill(10), symbol)


def document_order_key(doc: Document) -> tuple[str, str, str]:
    """Time order: date, then the symbol by its numbers (documents of one day in the order of
    their numbers), then the slug."""
    return (document_date(doc) or "9999-99-99", _natural(doc.meta.symbol), doc.slug)


@dataclass
class ClauseInfo:
    anchor: str
    kind: str
    text: str
    n_words: int


@dataclass
class Lineage:
    """The result. Keys of the per-clause maps are ``(slug, anchor)``; clauses without links
    are absent from them (``ancestors`` / ``descendants`` return [] for those)."""

    order: list[str]  # slugs in time order
    dates: dict[str, str]
    symbols: dict[str, str]
    clauses: dict[str, list[ClauseInfo]]  # slug → clauses in reading order
    evolved_from: dict[tuple[str, str], list[Link]] = field(default_factory=dict)
    carried_into: dict[tuple[str, str], list[Link]] = field(default_factory=dict)
    predecessor: dict[str, str | None] = field(default_factory=dict)
    comparison: dict[str, list[ComparisonRow]] = field(default_factory=dict)
    flows: list[Flow] = field(default_factory=list)
    summary: dict[str, LineageSummary] = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    formulas: dict[tuple[str, str], Formula] = field(default_factory=dict)  # standard wording
    stats: dict = field(default_factory=dict)  # candidates, links, cache hits (not exported)

    # -- queries ---------------------------------------------------------------------------
    def ancestors(self, slug: str, anchor: str) -> list[Link]:
        return self.evolved_from.get((slug, anchor), [])

    def descendants(self, slug: str, anchor: str) -> list[Link]:
        return self.carried_into.get((slug, anchor), [])

    def parent(self, slug: str, anchor: str) -> Link | None:
        links = self.ancestors(slug, anchor)
        return links[0] if links else None

    def is_new(self, slug: str, anchor: str) -> bool:
        """True when no earlier clause shares wording with this one ("New in this text")."""
        return not self.ancestors(slug, anchor)

    def chain(self, slug: str, anchor: str, limit: int = 50) -> list[tuple[str, str]]:
        """Follow the nearest parent back: [(slug, anchor), (parent slug, anchor), …]."""
        out = [(slug, anchor)]
        seen = {(slug, anchor)}
        while len(out) < limit:
            p = self.parent(*out[-1])
            if p is None or (p.document, p.anchor) in seen:
                break
            out.append((p.document, p.anchor))
            seen.add(out[-1])
        return out

    # -- export ----------------------------------------------------------------------------
    def to_json(self) -> dict:
        """A JSON-ready dict (deterministic order; no timestamps)."""
        docs = {}
        for slug in self.order:
            clauses = {}
            for c in self.clauses[slug]:
                ef = self.evolved_from.get((slug, c.anchor), [])
                ci = self.carried_into.get((slug, c.anchor), [])
                clauses[c.anchor] = {
                    "evolved_from": [x.to_json() for x in ef],
                    "carried_into": [x.to_json() for x in ci],
                }
            docs[slug] = {
                "symbol": self.symbols[slug],
                "date": self.dates[slug],
                "predecessor": self.predecessor.get(slug),
                **(self.summary[slug].to_json() if slug in self.summary else {}),
                "comparison": [r.to_json() for r in self.comparison.get(slug, [])],
                "clauses": clauses,
            }
        return {
            "engine": ENGINE_VERSION,
            "params": dict(sorted(self.params.items())),
            "documents": docs,
            "flows": [f.to_json() for f in self.flows],
        }


# ------------------------------------------------------------------------------------------
# compute
# ------------------------------------------------------------------------------------------


def compute_lineage(
    documents: Iterable[Document], cache_dir: Path | None = None, params: Params | None = None
) -> Lineage:
    """The lineage of a corpus (see ``_compute``). Python's cyclic garbage collector is paused
    meanwhile: the result is millions of small dicts and lists without cycles, and repeated
    full collections over them would cost more than the computation itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _compute(documents, cache_dir, params)
    finally:
        if was_enabled:
            gc.enable()


def _compute(documents: Iterable[Document], cache_dir: Path | None, params: Params | None) -> Lineage:
    """The lineage of a corpus. With ``cache_dir``, an unchanged corpus (same documents, dates,
    symbols, clauses, parameters and engine version) is read back whole from the result cache
    (``stats["result_cache"] == "hit"``, nothing recomputed), and otherwise only the pairs of
    clauses whose content words changed are aligned again (the pair cache)."""
    p = params or Params()
    clock = _Clock()
    docs = sorted(documents, key=document_order_key)
    seen: set[str] = set()
    for d in docs:
        if d.slug in seen:
            raise ValueError(f"two documents share the slug {d.slug!r}; every document needs its own folder name")
        seen.add(d.slug)

    result_cache = (
        ResultCache(cache_dir, result_key(docs, ENGINE_VERSION, p.as_dict(), document_date)) if cache_dir else None
    )
    if result_cache is not None:
        cached = result_cache.load()
        if cached is not None:
            clock.lap("result_cache")
            # only what this run did: nothing was computed, the result was read back
            cached.stats = {
                "clauses": cached.stats.get("clauses", 0),
                "result_cache": "hit",
                "seconds": clock.laps,
                "cpu_seconds": clock.cpu,
                "peak_rss_mb": clock.peak_mb,
            }
            return cached

    order = [d.slug for d in docs]
    lin = Lineage(
        order=order,
        dates={d.slug: document_date(d) for d in docs},
        symbols={d.slug: d.meta.symbol for d in docs},
        clauses={},
        params=p.as_dict(),
    )

    # 1. clauses in time order; every distinct text prepared once, all texts in one pass
    ref: list[tuple[str, str]] = []
    doc_of: list[int] = []
    text_id: list[int] = []
    uniq: dict[str, int] = {}
    for di, d in enumerate(docs):
        for c in d.clauses:
            text_id.append(uniq.setdefault(c.text, len(uniq)))
            ref.append((d.slug, c.anchor))
            doc_of.append(di)
    utexts = list(uniq)
    del uniq
    printed = printed_words(utexts)  # text.split() of every text, for word counts and diffs
    n_words_of = np.diff(printed[2]).tolist()
    k = 0
    for d in docs:
        infos = []
        for c in d.clauses:
            infos.append(ClauseInfo(c.anchor, c.kind, c.text, n_words_of[text_id[k]]))
            k += 1
        lin.clauses[d.slug] = infos
    n = len(ref)
    if n == 0:
        derive(lin)
        lin.stats = {
            "clauses": 0,
            "candidates": 0,
            "aligned": 0,
            "cache_hits": 0,
            "links": 0,
            "result_cache": "miss" if result_cache else "off",
        }
        if result_cache is not None:
            result_cache.save(lin)
        return lin
    prep = prepare(utexts)
    tid = np.asarray(text_id, dtype=np.int64)
    del text_id
    ustart = prep.offsets[:-1]
    ulen = np.diff(prep.offsets)
    # content-word ids compacted to the words actually used, expanded to one run per clause
    used = np.zeros(len(prep.vocab), bool)
    used[prep.tokens] = True
    compact = (np.cumsum(used) - 1).astype(np.int32)
    lengths = ulen[tid]
    off = np.zeros(n + 1, np.int64)
    np.cumsum(lengths, out=off[1:])
    gather = np.repeat(ustart[tid] - off[:-1], lengths) + np.arange(off[-1])
    tokens = compact[prep.tokens[gather]]
    del gather
    doc_arr = np.asarray(doc_of, dtype=np.int64)
    ser = series(docs)
    day_arr = ser.day
    clock.lap("words")

    # 2. candidates: the recency-bounded index, and the same within each series
    a, b, _cand = candidate_pairs(
        tokens,
        off,
        max(int(used.sum()), 1),
        doc_arr,
        lag=p.lag,
        max_df=p.max_df,
        min_df_cap=p.min_df_cap,
        min_score=p.min_candidate_score,
        top_k=p.top_k,
        series_of=ser.series_id,
        series_lag=p.series_lag,
        passage_bigrams=p.passage_bigrams,
    )
    del tokens
    clock.lap("candidates")

    # 3. precise alignment (LCS cached by the content words' hash); containment needs a
    # passage, reworded descents need order-insensitive evidence and a passage
    hashes = sequence_hashes(prep.tokens, prep.offsets, prep.vocab)[tid]
    keys = pair_keys(hashes[a], hashes[b])
    cache = PairCache(cache_dir, params_tag(ENGINE_VERSION, {}))  # LCS depends on the texts only
    found, lcs = cache.lookup(keys)
    todo = np.flatnonzero(~found)
    codepoints = Encoder.codepoints(len(prep.vocab))
    enc = _EncodedTexts(prep, codepoints)
    if len(todo):
        lcs[todo] = lcs_lengths_of(enc.strings(np.r_[tid[a[todo]], tid[b[todo]]]), tid[a[todo]], tid[b[todo]])
    cache.save(keys, lcs)
    la, lb = lengths[a], lengths[b]
    sim = similarity(lcs, la, lb)
    ok = by_similarity(lcs, la, lb, p)
    kin = ser.relation(doc_arr[a], doc_arr[b]) == 2
    ok |= (
        kin
        & (lcs >= p.series_min_shared)
        & (sim >= p.series_min_similarity - 1e-9)
        & (lcs >= p.series_min_cover * np.minimum(la, lb))
    )
    contain = np.flatnonzero(needs_passage(lcs, la, lb, p))
    reword = np.flatnonzero(
        ~ok & ~needs_passage(lcs, la, lb, p) & (lcs >= p.min_shared) & (np.minimum(la, lb) >= p.min_bag_shared)
    )
    quoting = np.setdiff1d(np.flatnonzero(~ok & (lcs >= p.min_passage)), np.r_[contain, reword])
    passage_of: dict[int, tuple[int, int, int]] = {}  # candidate index → (start in a, start in b, length)
    need = np.r_[contain, reword, quoting]
    if len(need):
        strings = enc.strings(np.r_[tid[a[need]], tid[b[need]]])
        runs = {int(i): longest_run(strings[int(tid[a[i]])], strings[int(tid[b[i]])]) for i in need.tolist()}
        run_len = np.zeros(len(a), np.int64)
        for i, r in runs.items():
            run_len[i] = r[2]
        # rule 4: a passage outside names (a long name shared is not a quotation), measured in
        # the printed words of the later clause
        plain = enc.plain_strings(np.r_[tid[a[need]], tid[b[need]]])
        long_run = np.zeros(len(need), np.int64)
        for k, i in enumerate(need.tolist()):
            ta_, tb_ = int(tid[a[i]]), int(tid[b[i]])
            _sa, sb, size = longest_run(plain[ta_], plain[tb_])
            if size >= p.min_passage:
                long_run[k] = len(enc.plain_span(tb_, sb, size, utexts[tb_]).split())
        bar = np.where(kin[need], p.series_long_passage, p.long_passage)
        good = [contain[passage_ok(run_len[contain], la[contain], lb[contain], p)], need[long_run >= bar]]
        if len(reword):
            sorted_strings = {t: "".join(sorted(x)) for t, x in strings.items()}
            bag = bag_lengths(sorted_strings, tid[a[reword]], tid[b[reword]])
            good.append(reword[bag_ok(bag, run_len[reword], la[reword], lb[reword], p)])
        accepted = np.unique(np.concatenate(good))
        for i in accepted.tolist():
            passage_of[i] = runs[i]
            ok[i] = True
        # rule 5: a long passage quoted with small changes inside (local alignment with gaps)
        rest = np.setdiff1d(need, accepted)
        for i in rest[lcs[rest] >= p.min_gapped_passage].tolist():
            sa, sb, span_a, span_b, matched = gapped_passage(
                strings[int(tid[a[i]])], strings[int(tid[b[i]])], p.max_gap
            )
            if gapped_ok(span_a, span_b, matched, p):
                passage_of[i] = (sa, sb, span_a)
                ok[i] = True
    # names are not enough: what the two share outside names must be a fair part of it —
    # unless the two clauses are near copies as a whole: all their words (numbers masked)
    # alike, and whatever the shorter says outside the name said by the other too (the same
    # frame around the same name, "Looking forward to the convening of the Fourth
    # International Conference on Financing for Development…" with its dates moved)
    idx = np.flatnonzero(ok)
    if len(idx):
        plain = enc.plain_strings(np.r_[tid[a[idx]], tid[b[idx]]])
        ta, tb = tid[a[idx]], tid[b[idx]]
        nf = lcs_lengths_of(plain, ta, tb)
        keep = plain_ok(nf, lcs[idx], p)
        for k in np.flatnonzero(~keep & (nf >= 1)).tolist():
            x, y = enc.masked_words(int(ta[k])), enc.masked_words(int(tb[k]))
            frame = min(len(plain[int(ta[k])]), len(plain[int(tb[k])]))
            keep[k] = nf[k] >= p.min_cover * frame and Indel.normalized_similarity(x, y) >= p.whole_similarity - 1e-9
        idx = idx[keep]
    a, b, sim = a[idx], b[idx], np.round(sim[idx], 3)
    passages = {k: passage_of[int(i)] for k, i in enumerate(idx.tolist()) if int(i) in passage_of}
    lin.stats = {
        "clauses": n,
        "candidates": int(len(keys)),
        "aligned": int(len(todo)),
        "cache_hits": int(found.sum()),
        "passages_checked": int(len(need)),
        "result_cache": "miss" if result_cache else "off",
    }
    del keys, found, la, lb, ok
    clock.lap("align")

    # 4. exact and near-exact copies, whatever their length or frequency
    ea, eb, esim, formula_of = exact_links(prep, tid, doc_arr, ser, p, enc, docs)
    lin.stats["exact_links"] = int(len(ea))
    a, b, sim, passages = _merge(a, b, sim, passages, ea, eb, esim)
    lin.stats["links"] = int(len(a))
    clock.lap("exact")

    # 5. links per clause: nearest parent first (own series preferred), then the rest
    rel = ser.relation(doc_arr[a], doc_arr[b])
    a, b, sim, rel, pidx = order_links(a, b, sim, rel, doc_arr, day_arr, p)
    slugs = [r[0] for r in ref]
    anchors = [r[1] for r in ref]
    extras = _link_extras(a, b, rel, pidx, passages, formula_of, prep, tid, utexts)
    _group_links(lin.evolved_from, b, a, sim, extras, ref, slugs, anchors)
    lin.formulas = {ref[c]: v for c, v in sorted(formula_of.items())}
    clock.lap("links")
    # reverse links: per earlier clause (in corpus order), later documents first in time order,
    # then the most similar, then reading order — as _rebuild_carried_into orders them
    o = np.lexsort((b, -sim, doc_arr[b], a))
    _group_links(lin.carried_into, a[o], b[o], sim[o], [extras[i] for i in o.tolist()], ref, slugs, anchors)
    del prep, enc
    clock.lap("carried_into")
    derive(lin, _Texts(None, (utexts, printed)))
    clock.lap("documents")
    lin.stats["seconds"] = clock.laps
    lin.stats["cpu_seconds"] = clock.cpu
    lin.stats["peak_rss_mb"] = clock.peak_mb
    if result_cache is not None:
        result_cache.save(lin)
        clock.lap("result_cache_save")
    return lin


class _EncodedTexts:
    """Content words of the prepared texts as strings of one character per word (for rapidfuzz
    and difflib), decoded on demand for the texts a stage needs."""

    def __init__(self, prep, codepoints: np.ndarray) -> None:
        self._prep = prep
        self._cp = codepoints.astype("<u4")
        self._cache: dict[int, str] = {}

    def strings(self, text_ids: np.ndarray) -> dict[int, str]:
        need = [t for t in np.unique(text_ids).tolist() if t not in self._cache]
        if need:
            off = self._prep.offsets
            need_a = np.asarray(need, np.int64)
            lens = off[need_a + 1] - off[need_a]
            gather = np.repeat(off[need_a] - np.r_[0, np.cumsum(lens)[:-1]], lens) + np.arange(int(lens.sum()))
            big = self._cp[self._prep.tokens[gather]].astype("<u4").tobytes().decode("utf-32-le")
            pos = np.r_[0, np.cumsum(lens)].tolist()
            for k, t in enumerate(need):
                self._cache[t] = big[pos[k] : pos[k + 1]]
        return {t: self._cache[t] for t in np.unique(text_ids).tolist()}

    def plain_strings(self, text_ids: np.ndarray) -> dict[int, str]:
        """The same without the words inside names."""
        full = self.strings(text_ids)
        out = {}
        named = self._prep.named
        off = self._prep.offsets
        for t, x in full.items():
            flags = named[off[t] : off[t + 1]]
            out[t] = "".join(ch for ch, f in zip(x, flags.tolist()) if not f) if flags.any() else x
        return out

    def plain_span(self, t: int, start: int, size: int, text: str) -> str:
        """The printed text of ``size`` name-free content words of text t from ``start``."""
        off = self._prep.offsets
        full = np.flatnonzero(~self._prep.named[off[t] : off[t + 1]])
        first, last = int(off[t] + full[start]), int(off[t] + full[start + size - 1])
        return text[int(self._prep.starts[first]) : int(self._prep.ends[last])]

    def masked_words(self, t: int) -> str:
        """All words of text t, one character each, every run of numbers as one mark (the
        sequence the near-exact key is made of)."""
        s, e = self._prep.all_offsets[t], self._prep.all_offsets[t + 1]
        ids = self._prep.all_tokens[s:e]
        num = self._prep.number[ids]
        keep = ~num | ~np.r_[False, num[:-1]]
        cp = np.where(num, 0x2A, self._cp[ids])[keep]
        return cp.astype("<u4").tobytes().decode("utf-32-le")

    def all_words(self, t: int) -> str:
        """All words of text t (not only content words), one character each."""
        s, e = self._prep.all_offsets[t], self._prep.all_offsets[t + 1]
        return self._cp[self._prep.all_tokens[s:e]].astype("<u4").tobytes().decode("utf-32-le")


# ------------------------------------------------------------------------------------------
# series: which documents continue one another
# ------------------------------------------------------------------------------------------

_CITED_RE = re.compile(r"(?<![\w/.])(\d{2,4})/(\d{1,4})(?![\w/])")


def _symbol_key(symbol: str) -> str | None:
    """ "78/102" for A/RES/78/102, "2010/12" for E/RES/2010/12: how a resolution is cited."""
    m = re.search(r"(\d+)/(\d+)$", symbol)
    return f"{m.group(1)}/{m.group(2)}" if m else None


def title_key(title: str) -> str:
    """A title with its numbers masked: the sessions of one yearly report share it."""
    out: list[str] = []
    for w in words(re.sub(r"^\s*\d+/\d+\.\s*", "", title or "")):
        w = "#" if is_number(w) else w
        if not (w == "#" and out and out[-1] == "#"):
            out.append(w)
    return " ".join(out)


@dataclass
class Series:
    """Per document (in time order): ``series_id`` (same title with numbers masked, or a draft
    and the text adopted from it); ``day`` (date rank); ``related``: codes ``later * n +
    earlier`` of pairs of another kind of kinship — the later text cites the earlier by its
    symbol, or both are under one agenda item of one session."""

    series_id: np.ndarray
    day: np.ndarray
    related: np.ndarray
    n: int

    def relation(self, da: np.ndarray, db: np.ndarray) -> np.ndarray:
        """2: same series; 1: cited or same agenda item; 0: none (for earlier da, later db)."""
        rel = np.zeros(len(da), np.int8)
        if len(self.related):
            rel[np.isin(db * self.n + da, self.related)] = 1
        rel[self.series_id[da] == self.series_id[db]] = 2
        return rel


def series(docs: list[Document]) -> Series:
    n = len(docs)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_title: dict[str, int] = {}
    by_symbol = {d.meta.symbol: i for i, d in enumerate(docs)}
    by_key = {k: i for i, d in enumerate(docs) if (k := _symbol_key(d.meta.symbol))}
    for i, d in enumerate(docs):
        key = title_key(d.meta.title)
        if key:
            j = by_title.setdefault(key, i)
            parent[find(i)] = find(j)
        draft = d.meta.draft
        if draft and draft in by_symbol:
            parent[find(i)] = find(by_symbol[draft])
    series_id = np.asarray([find(i) for i in range(n)], np.int64)
    dates = [document_date(d) for d in docs]
    day = np.searchsorted(np.asarray(sorted(set(dates))), np.asarray(dates)) if n else np.zeros(0, np.int64)
    related: set[int] = set()
    agenda: dict[tuple[str, str], list[int]] = {}
    for i, d in enumerate(docs):
        for c in d.clauses:
            if "/" not in c.text:
                continue
            for m in _CITED_RE.finditer(c.text):
                cited = by_key.get(f"{m.group(1)}/{m.group(2)}")
                if cited is not None and cited < i:
                    related.add(i * n + cited)
        session = d.meta.session
        for item in re.findall(r"\d+", d.meta.agenda_item):
            agenda.setdefault((str(session), item), []).append(i)
    for members in agenda.values():
        if str(members) and len(members) < 200:
            for x in range(len(members)):
                for y in range(x):
                    related.add(members[x] * n + members[y])
    return Series(series_id, np.asarray(day, np.int64), np.asarray(sorted(related), np.int64), n)


# ------------------------------------------------------------------------------------------
# exact and near-exact copies
# ------------------------------------------------------------------------------------------


def exact_links(
    prep, tid: np.ndarray, doc_of: np.ndarray, ser: Series, p: Params, enc: _EncodedTexts, docs: list[Document]
):
    """Links between clauses with the same words, or the same but for numbers (``near_keys``),
    whatever their length or frequency: each clause to the most recent earlier copy of its own
    series, the most recent earlier copy of an earlier day and the most recent earlier copy
    (other documents only). Returns (earlier, later, similarity, formula_of), ``formula_of``:
    clause → {"texts", "since", "first"} for copies used in ``p.formula_series`` series or more
    (standard wording)."""
    n = len(tid)
    words_len = np.diff(prep.all_offsets)[tid]
    key = prep.near_keys[tid]
    ex = prep.exact_keys[tid]
    clause = np.arange(n)
    valid = words_len > 0
    pa: list[np.ndarray] = []
    pb: list[np.ndarray] = []
    sid = ser.series_id[doc_of]
    day = ser.day[doc_of]
    for group_by in ("any", "series", "day"):
        if group_by == "series":
            o = np.lexsort((clause, sid, key))
        else:
            o = np.lexsort((clause, key))
        o = o[valid[o]]
        k, d = key[o], doc_of[o]
        g = sid[o] if group_by == "series" else np.zeros(len(o), np.int64)
        run_of = day[o] if group_by == "day" else d
        same_group = np.r_[False, (k[1:] == k[:-1]) & (g[1:] == g[:-1])]
        # index of the first entry of each run of one document (or one day) inside a group
        new_run = ~(same_group & np.r_[False, run_of[1:] == run_of[:-1]])
        run_start = np.maximum.accumulate(np.where(new_run, np.arange(len(o)), 0))
        prev = run_start - 1
        has = np.zeros(len(o), bool)
        if len(o):
            ok_prev = prev >= 0
            has[ok_prev] = (k[prev[ok_prev]] == k[ok_prev]) & (g[prev[ok_prev]] == g[ok_prev])
        pa.append(o[prev[has]])
        pb.append(o[has])
    a = np.concatenate(pa) if pa else np.zeros(0, np.int64)
    b = np.concatenate(pb) if pb else np.zeros(0, np.int64)
    if len(a):
        code = np.unique(b * n + a)
        a, b = code % n, code // n
    sim = np.ones(len(a))
    near_only = np.flatnonzero(ex[a] != ex[b])
    for i in near_only.tolist():
        x, y = enc.all_words(int(tid[a[i]])), enc.all_words(int(tid[b[i]]))
        sim[i] = round(Indel.normalized_similarity(x, y), 3)
    # standard wording: a copy group spread over many series
    formula_of: dict[int, Formula] = {}
    o = np.lexsort((clause, key))
    o = o[valid[o]]
    k = key[o]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    ends = np.r_[starts[1:], len(o)]
    sizes = ends - starts
    for s_, e_ in zip(starts[sizes >= p.formula_series].tolist(), ends[sizes >= p.formula_series].tolist()):
        members = o[s_:e_]
        if len(np.unique(sid[members])) < p.formula_series:
            continue
        first = docs[int(doc_of[members[0]])]
        label = Formula(
            texts=int(len(np.unique(doc_of[members]))),
            since=document_date(first),
            first=first.meta.symbol,
        )
        for c in members.tolist():
            formula_of[c] = label
    return a, b, sim, formula_of


def _merge(a, b, sim, passages, ea, eb, esim):
    """Accepted links and copy links together, one per pair (the copy's similarity wins)."""
    all_a = np.r_[ea, a]
    all_b = np.r_[eb, b]
    all_s = np.r_[esim, sim]
    src = np.r_[np.full(len(ea), -1), np.arange(len(a))]
    o = np.lexsort((np.arange(len(all_a)), all_a, all_b))
    all_a, all_b, all_s, src = all_a[o], all_b[o], all_s[o], src[o]
    first = np.r_[True, (all_a[1:] != all_a[:-1]) | (all_b[1:] != all_b[:-1])] if len(all_a) else np.zeros(0, bool)
    all_a, all_b, all_s, src = all_a[first], all_b[first], all_s[first], src[first]
    out_passages = {k: passages[int(s)] for k, s in enumerate(src.tolist()) if s >= 0 and int(s) in passages}
    return all_a, all_b, all_s, out_passages


def order_links(
    a: np.ndarray, b: np.ndarray, sim: np.ndarray, rel: np.ndarray, doc_of: np.ndarray, day_of: np.ndarray, p: Params
):
    """Accepted links (earlier a, later b, similarity, relation) sorted by b, and per b: the
    nearest parent first, then the others, at most ``p.max_links``; also the index of each
    kept link in the input (for its extras).

    The parent is the most similar earlier clause, except that a clause of the own series
    (``Series.relation`` 2) wins unless ``p.series_tolerance`` less similar, a related text
    (cited, same agenda item: 1) unless 0.1 less, and among near-ties (``p.parent_tolerance``)
    an earlier day before a same-day sibling, then the most recent document. The others: own
    series, then related texts, then earlier days before same-day siblings, each most recent
    first (then most similar, then clause order) — so siblings never crowd out ancestors; but
    no more than ``p.max_per_document`` clauses of one earlier document before the others
    (its weaker matches last), so that one document's lesser matches never crowd out another
    text's copy."""
    pos = np.arange(len(b))
    if len(b) == 0:
        return a, b, sim, rel, pos
    da = doc_of[a]
    same_day = (day_of[da] == day_of[doc_of[b]]).astype(np.int8)
    o = np.lexsort((a, -sim, b))
    best = np.zeros(int(b.max()) + 1)
    np.maximum.at(best, b, sim)
    tol = np.where(rel == 2, p.series_tolerance, np.where(rel == 1, 0.1, p.parent_tolerance))
    eligible = (sim >= best[b] - tol - 1e-9).astype(np.int8)
    o = np.lexsort((a, -sim, -da, same_day, -rel, -eligible, b))
    bo = b[o]
    first = np.r_[True, bo[1:] != bo[:-1]]
    is_parent = np.zeros(len(b), np.int8)
    is_parent[o[first]] = 1
    # beyond ``p.max_per_document`` clauses of one earlier document (its best ones), the others
    # come last: one document's lesser matches never crowd out another text's copy
    o = np.lexsort((a, -sim, -is_parent, da, b))
    surplus = np.zeros(len(b), np.int8)
    surplus[o] = (_rank_in_groups(b[o] * (int(da.max()) + 1) + da[o]) >= p.max_per_document).astype(np.int8)
    o = np.lexsort((a, -sim, -da, same_day, -rel, surplus, -is_parent, b))
    o = o[_rank_in_groups(b[o]) < p.max_links]
    return a[o], b[o], sim[o], rel[o], o


def _rank_in_groups(keys: np.ndarray) -> np.ndarray:
    """For grouped (sorted) ``keys``: the rank of each entry inside its run of equal keys."""
    if len(keys) == 0:
        return np.zeros(0, np.int64)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    return np.arange(len(keys)) - np.repeat(starts, sizes)


def _link_extras(a, b, rel, pidx, passages, formula_of, prep, tid, utexts) -> list[dict]:
    """Optional fields of each link: ``series`` (the earlier text is of the clause's own series,
    or a text it cites or shares an agenda item with), ``passage`` (the contiguous passage a
    containment or reworded link rests on, as printed in the earlier clause) and ``formula``
    (standard wording: {"texts": N, "since": date of first use, "first": its symbol})."""
    out: list[dict] = []
    for k in range(len(a)):
        e: dict = {}
        if rel[k] >= 1:
            e["series"] = True
        src = int(pidx[k])
        if src in passages:
            sa, _sb, size = passages[src]
            t = int(tid[a[k]])
            s0 = int(prep.offsets[t]) + sa
            text = utexts[t]
            e["passage"] = text[int(prep.starts[s0]) : int(prep.ends[s0 + size - 1])]
        f = formula_of.get(int(b[k]))
        if f is not None and formula_of.get(int(a[k])) is f:
            e["formula"] = f
        out.append(e)
    return out


def _group_links(
    out: dict,
    keys: np.ndarray,
    targets: np.ndarray,
    sim: np.ndarray,
    extras: list[dict],
    ref: list,
    slugs: list[str],
    anchors: list[str],
) -> None:
    """``keys`` sorted (grouped): for each run of equal keys, the link list of that clause
    (``out[ref[key]]``) to its ``targets`` in the given order, with their similarities and
    optional fields (``extras``)."""
    t_l, sim_l = targets.tolist(), sim.tolist()
    bounds = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1], True]).tolist() if len(keys) else [0]
    for g, k in enumerate(keys[bounds[:-1]].tolist()):
        lo, hi = bounds[g], bounds[g + 1]
        out[ref[k]] = [
            new_link(slugs[x], anchors[x], s, "computed", **e)
            for x, s, e in zip(t_l[lo:hi], sim_l[lo:hi], extras[lo:hi])
        ]


class _Clock:
    def __init__(self) -> None:
        self.t = time.perf_counter()
        self.c = time.process_time()
        self.laps: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.peak_mb: dict[str, int] = {}

    def lap(self, name: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        self.laps[name] = round(now - self.t, 3)
        self.cpu[name] = round(cpu - self.c, 3)
        self.t, self.c = now, cpu
        self.peak_mb[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _rebuild_carried_into(lin: Lineage) -> None:
    rank = {s: i for i, s in enumerate(lin.order)}
    pos = {(s, c.anchor): i for s in lin.order for i, c in enumerate(lin.clauses[s])}
    into: dict[tuple[str, str], list[Link]] = {}
    for (slug, anchor), links in lin.evolved_from.items():
        for link in links:
            into.setdefault((link.document, link.anchor), []).append(
                dataclasses.replace(link, document=slug, anchor=anchor)
            )
    for links in into.values():
        links.sort(
            key=lambda x: (
                x.origin != "contributor",
                rank.get(x.document, 1 << 30),
                -(x.similarity or 0.0),
                pos.get((x.document, x.anchor), 0),
            )
        )
    lin.carried_into = dict(sorted(into.items(), key=lambda kv: (rank.get(kv[0][0], 1 << 30), pos.get(kv[0], 0))))


# ------------------------------------------------------------------------------------------
# per document: predecessor, flows, summary, comparison
# ------------------------------------------------------------------------------------------


class _Texts:
    """The clause texts of a result, prepared once per ``derive``: the printed words
    (``text.split()``, for the word diff and the "same text" test) as one character per
    distinct word, all texts in one vectorised pass; and, on demand, the encoding of
    ``words(text)`` (for the lenient alignment)."""

    def __init__(self, lin: Lineage | None, prepared: tuple | None = None) -> None:
        """From the clauses of ``lin``, or from ``prepared`` = (texts, printed_words(texts))."""
        if prepared is None:
            assert lin is not None, "_Texts needs a lineage or prepared texts"
            index: dict[str, int] = {}
            for slug in lin.order:
                for c in lin.clauses[slug]:
                    index.setdefault(c.text, len(index))
            prepared = (list(index), printed_words(list(index)))
        else:
            index = {t: i for i, t in enumerate(prepared[0])}
        self._index = index
        self._vocab, self._ids, off = prepared[1]
        self._off = off.tolist()
        self._cp = Encoder.codepoints(len(self._vocab)).astype("<u4")  # decoded per text, on demand
        self._codes = Codes()
        self._lower: dict[str, str] = {}

    def encoded(self, text: str) -> str:
        i = self._index[text]
        return self._cp[self._ids[self._off[i] : self._off[i + 1]]].tobytes().decode("utf-32-le")

    def printed(self, text: str) -> list[str]:
        i = self._index[text]
        return list(map(self._vocab.__getitem__, self._ids[self._off[i] : self._off[i + 1]].tolist()))

    def lower(self, text: str) -> str:
        r = self._lower.get(text)
        if r is None:
            r = self._lower[text] = self._codes.encode(words(text))
        return r


def derive(lin: Lineage, texts: _Texts | None = None, changed: Collection[str] | None = None) -> None:
    """(Re)compute predecessor, flows, summary and comparison from ``evolved_from``.

    ``changed``: the documents whose ``evolved_from`` changed since ``lin`` was last derived.
    A document's comparison rests only on its own links and on its predecessor's clauses, so
    the others keep theirs when their predecessor is the same (the comparisons are the costly
    part)."""
    rank = {s: i for i, s in enumerate(lin.order)}
    flows_into: dict[str, dict[str, list[float]]] = {}
    old_pred, old_comparison = lin.predecessor, lin.comparison
    lin.predecessor, lin.summary, lin.comparison = {}, {}, {}
    for slug in lin.order:
        infos = lin.clauses[slug]
        total = sum(c.n_words for c in infos)
        carried = 0.0
        new = 0
        for c in infos:
            links = lin.evolved_from.get((slug, c.anchor), [])
            if not links:
                new += 1
                continue
            carried += c.n_words * max((x.similarity or 0.0) for x in links)
            src = links[0].document
            f = flows_into.setdefault(slug, {}).setdefault(src, [0, 0.0])
            f[0] += 1
            f[1] += c.n_words * (links[0].similarity or 0.0)
        into = list(flows_into.get(slug, {}).items())
        pred = max(into, key=lambda sv: (round(sv[1][1]), sv[1][0], rank.get(sv[0], -1)))[0] if into else None
        lin.predecessor[slug] = pred
        lin.summary[slug] = LineageSummary(
            clauses=len(infos),
            words=total,
            carried_over=round(carried / total, 3) if total else 0.0,
            new_clauses=new,
        )
        if changed is not None and slug not in changed and slug in old_comparison and old_pred.get(slug) == pred:
            lin.comparison[slug] = old_comparison[slug]
        elif pred:
            texts = texts or _Texts(lin)
            lin.comparison[slug] = compare(lin, slug, pred, texts)
        else:
            lin.comparison[slug] = []
    lin.flows = [
        Flow(source=src, target=dst, clauses=int(v[0]), words=int(round(v[1])))
        for dst in lin.order
        for src, v in sorted(flows_into.get(dst, {}).items(), key=lambda kv: rank.get(kv[0], 0))
    ]


def _lis_members(seq: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence of ``seq`` (patience sort)."""
    import bisect

    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(seq)
    for i, v in enumerate(seq):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_idx.append(i)
        else:
            tails[k] = v
            tails_idx[k] = i
        prev[i] = tails_idx[k - 1] if k else -1
    out: set[int] = set()
    i = tails_idx[-1] if tails_idx else -1
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


def compare(lin: Lineage, slug: str, pred: str, texts: _Texts | None = None) -> list[ComparisonRow]:
    """Clause-by-clause comparison of ``slug`` with the earlier document ``pred``.

    Rows in the reading order of ``slug``, dropped clauses placed after the row of the nearest
    earlier clause of ``pred`` (``model.ComparisonRow``: status kept|changed|moved|new|dropped,
    anchor in slug or None, predecessor_anchor in pred or None, similarity or None, diff
    [(op, words)…] or None). "moved" = out of order
    (not on the longest common order of the two texts) or moved between preamble and
    operative part; its diff is given when the wording changed too."""
    texts = texts or _Texts(lin)
    new_c = lin.clauses[slug]
    old_c = lin.clauses[pred]
    old_pos = {c.anchor: i for i, c in enumerate(old_c)}
    cand: list[tuple[float, int, int]] = []
    linked_new: set[int] = set()
    linked_old: set[int] = set()
    linked_pairs: set[tuple[int, int]] = set()
    for i, c in enumerate(new_c):
        for link in lin.evolved_from.get((slug, c.anchor), []):
            j = old_pos.get(link.anchor) if link.document == pred else None
            if j is not None:
                cand.append((link.similarity if link.similarity is not None else 1.0, i, j))
                linked_new.add(i)
                linked_old.add(j)
                linked_pairs.add((i, j))
    # lenient pass for what lineage left unlinked (near-identical formulas)
    rest_new = [i for i in range(len(new_c)) if i not in linked_new]
    rest_old = [j for j in range(len(old_c)) if j not in linked_old]
    if rest_new and rest_old:
        eo = [(j, texts.lower(old_c[j].text)) for j in rest_old]
        norm_sim = Indel.normalized_similarity
        for i in rest_new:
            en = texts.lower(new_c[i].text)
            for j, ej in eo:
                s = norm_sim(en, ej, score_cutoff=COMPARISON_MIN_SIMILARITY)
                if s >= COMPARISON_MIN_SIMILARITY:
                    cand.append((round(s, 3), i, j))
    cand.sort(key=lambda t: (-t[0], t[1], t[2]))
    match_new: dict[int, tuple[int, float]] = {}
    used_old: set[int] = set()
    for s, i, j in cand:
        # one truth with the links: a clause linked to the predecessor is never "new" here, even
        # when its earlier clause was split into several (one old clause, more than one row)
        if i in match_new or (j in used_old and (i, j) not in linked_pairs):
            continue
        match_new[i] = (j, s)
        used_old.add(j)
    matched = sorted(match_new.items())
    in_order = _lis_members([j for _, (j, _s) in matched])
    in_order_new = {matched[k][0] for k in in_order}

    rows: list[ComparisonRow] = []
    for i, c in enumerate(new_c):
        if i not in match_new:
            rows.append(
                ComparisonRow(status="new", anchor=c.anchor, predecessor_anchor=None, similarity=None, diff=None)
            )
            continue
        j, s = match_new[i]
        o = old_c[j]
        oe, ce = texts.encoded(o.text), texts.encoded(c.text)
        same = oe == ce
        moved = i not in in_order_new or (o.kind != c.kind and "point" not in (o.kind, c.kind))
        status: RowStatus = "moved" if moved else ("kept" if same else "changed")
        rows.append(
            ComparisonRow(
                status=status,
                anchor=c.anchor,
                predecessor_anchor=o.anchor,
                similarity=1.0 if same else s,
                diff=None if same else encoded_diff(texts.printed(o.text), texts.printed(c.text), oe, ce),
            )
        )
    # dropped clauses after the row holding the nearest earlier matched old clause
    row_of_old = {r.predecessor_anchor: k for k, r in enumerate(rows) if r.predecessor_anchor}
    inserts: dict[int, list[ComparisonRow]] = {}
    last_row = -1
    for j, o in enumerate(old_c):
        if j in used_old:
            last_row = max(last_row, row_of_old.get(o.anchor, last_row))
            continue
        inserts.setdefault(last_row, []).append(
            ComparisonRow(status="dropped", anchor=None, predecessor_anchor=o.anchor, similarity=None, diff=None)
        )
    out = list(inserts.get(-1, []))
    for k, r in enumerate(rows):
        out.append(r)
        out.extend(inserts.get(k, []))
    return out


# ------------------------------------------------------------------------------------------
# contributor overrides
# ------------------------------------------------------------------------------------------


def apply_overrides(result: Lineage, overrides: Iterable[Override]) -> Lineage:
    """A copy of ``result`` with contributors' word applied: each override is
    ``(slug, anchor, "evolved_from" | "not_evolved_from", target_slug, target_anchor)``.
    Confirmed/added links come first with origin "contributor" (keeping the computed
    similarity when there was one, else computing it), rejected links are removed; then
    carried_into, predecessors, flows and comparisons are derived again.
    Raises ValueError for an unknown clause or relation (annotations validate before)."""
    overrides = list(overrides)
    # every derived field is rebuilt below and the lists of ``evolved_from`` are replaced, not
    # changed in place (links are frozen): a shallow copy leaves ``result`` as it was
    lin = dataclasses.replace(result, evolved_from=dict(result.evolved_from), stats=dict(result.stats))
    known = {(s, c.anchor): c for s in lin.order for c in lin.clauses[s]}
    added: dict[tuple[str, str], list[Link]] = {}
    for ov in overrides:
        slug, anchor, rel, t_slug, t_anchor = ov
        if (slug, anchor) not in known:
            raise ValueError(f"lineage override names {slug}#{anchor}, which is not a clause of the corpus")
        if (t_slug, t_anchor) not in known:
            raise ValueError(
                f"lineage override of {slug}#{anchor} names {t_slug}#{t_anchor}, which is not a clause of the corpus"
            )
        links = lin.evolved_from.get((slug, anchor), [])
        existing = [x for x in links if x.document == t_slug and x.anchor == t_anchor]
        links = [x for x in links if not (x.document == t_slug and x.anchor == t_anchor)]
        if rel == "not_evolved_from":
            added[(slug, anchor)] = [
                x for x in added.get((slug, anchor), []) if not (x.document == t_slug and x.anchor == t_anchor)
            ]
        elif rel == "evolved_from":
            s = (
                existing[0].similarity
                if existing
                else _similarity(known[(slug, anchor)].text, known[(t_slug, t_anchor)].text)
            )
            lst = added.setdefault((slug, anchor), [])
            if not any(x.document == t_slug and x.anchor == t_anchor for x in lst):
                lst.append(Link(document=t_slug, anchor=t_anchor, similarity=s, origin="contributor"))
        else:
            raise ValueError(
                f"lineage override of {slug}#{anchor}: unknown relation {rel!r} (use evolved_from or not_evolved_from)"
            )
        lin.evolved_from[(slug, anchor)] = links
    for key, lst in added.items():
        lin.evolved_from[key] = lst + lin.evolved_from.get(key, [])
    lin.evolved_from = {k: v for k, v in lin.evolved_from.items() if v}
    _rebuild_carried_into(lin)
    derive(lin, changed={ov[0] for ov in overrides})
    return lin


def _similarity(a: str, b: str) -> float:
    ids: dict[str, int] = {}
    ea = "".join(chr(0x100 + ids.setdefault(w, len(ids))) for w in content_words(a))
    eb = "".join(chr(0x100 + ids.setdefault(w, len(ids))) for w in content_words(b))
    return round(float(similarity(LCSseq.similarity(ea, eb), len(ea), len(eb))), 3)
