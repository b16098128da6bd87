"""Corpus-level lineage: which earlier clauses each clause shares wording with.

``compute_lineage(documents, cache_dir)`` runs the stages:

0. with a ``cache_dir``: if the whole-result cache holds this exact input (documents, dates,
   symbols, clause anchors/kinds/texts, parameters, engine version), return it — nothing is
   recomputed (``stats["result_cache"] == "hit"``, ``stats["recomputed_clauses"] == 0``);
1. order the documents in time (``meta.adopted``, or ``meta.get("dated")`` for a draft; ties
   by symbol, then slug) and number every clause in that order; every distinct clause text is
   turned into integer word ids once, for all texts together (``text.prepare``: numpy over
   code points, no per-clause regex);
2. candidates from the recency-bounded bigram index (``index.py``) — no all-pairs comparison;
3. precise alignment of the candidates only (``score.py``: LCS on content words), cached by
   content hash (``cache.py``);
4. per clause, the accepted links: ``evolved_from`` (nearest parent first: the most similar
   earlier clause, the most recent one among near-ties; then the other ancestors, most recent
   first) and the reverse ``carried_into``;
5. per document (``derive``): the predecessor (the earlier document its clauses' nearest
   parents come from most, by amount of text), the clause-by-clause comparison with it (kept /
   changed / moved / new / dropped, with word diffs computed on word encodings prepared for
   all texts at once), the flows of the corpus map and the share of the text carried over.

The stages are numpy over whole-corpus arrays except the construction of the result's dicts
and the per-document comparison; ``stats`` holds counters and per-stage wall/CPU seconds.

Each link is ``{"document": slug, "anchor": anchor, "similarity": float, "origin":
"computed"}``; ``apply_overrides`` puts contributors' links (origin "contributor") first,
removes the links they reject, and derives everything else again.
"""

from __future__ import annotations

import copy
import gc
import resource
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz.distance import Indel, LCSseq

from ..model import Document
from .cache import PairCache, ResultCache, pair_keys, params_tag, result_key, sequence_hashes
from .diff import Codes, encoded_diff
from .index import candidate_pairs
from .score import Encoder, Params, accepted, lcs_lengths_of, similarity
from .text import content_words, prepare, printed_words, words

ENGINE_VERSION = "2"

Link = dict  # {"document": str, "anchor": str, "similarity": float | None, "origin": str}
Override = tuple[str, str, str, str, str]  # (slug, anchor, "evolved_from"|"not_evolved_from", slug, anchor)

# Lenient alignment of a comparison (all words, verbs and formulas included): clauses that are
# nearly identical are "kept"/"changed" even when they are only boilerplate.
COMPARISON_MIN_SIMILARITY = 0.75


def document_date(doc: Document) -> str:
    return doc.meta.adopted or doc.meta.get("dated") or ""


def document_order_key(doc: Document) -> tuple[str, str, str]:
    return (document_date(doc) or "9999-99-99", doc.meta.symbol, doc.slug)


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
    comparison: dict[str, list[dict]] = field(default_factory=dict)
    flows: list[dict] = field(default_factory=list)
    summary: dict[str, dict] = field(default_factory=dict)
    params: dict = field(default_factory=dict)
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
            if p is None or (p["document"], p["anchor"]) in seen:
                break
            out.append((p["document"], p["anchor"]))
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
                clauses[c.anchor] = {"evolved_from": [dict(x) for x in ef], "carried_into": [dict(x) for x in ci]}
            docs[slug] = {
                "symbol": self.symbols[slug],
                "date": self.dates[slug],
                "predecessor": self.predecessor.get(slug),
                **{k: v for k, v in self.summary.get(slug, {}).items()},
                "comparison": [_row_json(r) for r in self.comparison.get(slug, [])],
                "clauses": clauses,
            }
        return {"engine": ENGINE_VERSION, "params": dict(sorted(self.params.items())), "documents": docs, "flows": list(self.flows)}


def _row_json(row: dict) -> dict:
    out = dict(row)
    if out.get("diff") is not None:
        out["diff"] = [[op, list(ws)] for op, ws in out["diff"]]
    return out


# ------------------------------------------------------------------------------------------
# compute
# ------------------------------------------------------------------------------------------


def compute_lineage(documents: Iterable[Document], cache_dir: Path | None = None, params: Params | None = None) -> Lineage:
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

    result_cache = ResultCache(cache_dir, result_key(docs, ENGINE_VERSION, p.as_dict(), document_date)) if cache_dir else None
    if result_cache is not None:
        cached = result_cache.load()
        if cached is not None:
            clock.lap("result_cache")
            stats = dict(cached.stats)
            stats.update(aligned=0, cache_hits=stats.get("candidates", 0), recomputed_clauses=0, result_cache="hit",
                         seconds=clock.laps, cpu_seconds=clock.cpu, peak_rss_mb=clock.peak_mb)
            cached.stats = stats
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
        lin.stats = {"clauses": 0, "candidates": 0, "aligned": 0, "cache_hits": 0, "links": 0, "recomputed_clauses": 0,
                     "result_cache": "miss" if result_cache else "off"}
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
    clock.lap("words")

    # 2. candidates
    a, b, _cand = candidate_pairs(
        tokens, off, max(int(used.sum()), 1), doc_arr,
        lag=p.lag, max_df=p.max_df, min_df_cap=p.min_df_cap, min_score=p.min_candidate_score, top_k=p.top_k,
    )
    del tokens
    clock.lap("candidates")

    # 3. precise alignment (cached by the content words' hash)
    hashes = sequence_hashes(prep.tokens, prep.offsets, prep.vocab)[tid]
    keys = pair_keys(hashes[a], hashes[b])
    cache = PairCache(cache_dir, params_tag(ENGINE_VERSION, {}))  # LCS depends on the texts only
    found, lcs = cache.lookup(keys)
    todo = np.flatnonzero(~found)
    if len(todo):
        ta, tb = tid[a[todo]], tid[b[todo]]
        need = np.unique(np.r_[ta, tb])
        big = Encoder.codepoints(len(prep.vocab))[prep.tokens].astype("<u4").tobytes().decode("utf-32-le")
        strings = {t: big[s:e] for t, s, e in zip(need.tolist(), ustart[need].tolist(), prep.offsets[need + 1].tolist())}
        del big
        lcs[todo] = lcs_lengths_of(strings, ta, tb)
        del strings
    cache.save(keys, lcs)
    la, lb = lengths[a], lengths[b]
    ok = accepted(lcs, la, lb, p)
    sim = similarity(lcs, la, lb)
    a, b, sim = a[ok], b[ok], np.round(sim[ok], 3)
    clock.lap("align")
    lin.stats = {"clauses": n, "candidates": int(len(keys)), "aligned": int(len(todo)), "cache_hits": int(found.sum()), "links": int(len(a)),
                 "recomputed_clauses": n, "result_cache": "miss" if result_cache else "off"}
    del prep, keys, found, lcs, la, lb, ok

    # 4. links per clause: nearest parent first, then most recent first
    a, b, sim = order_links(a, b, sim, doc_arr, p)
    slugs = [r[0] for r in ref]
    anchors = [r[1] for r in ref]
    _group_links(lin.evolved_from, b, a, sim, ref, slugs, anchors)
    clock.lap("links")
    # reverse links: per earlier clause (in corpus order), later documents first in time order,
    # then the most similar, then reading order — as _rebuild_carried_into orders them
    o = np.lexsort((b, -sim, doc_arr[b], a))
    a, b, sim = a[o], b[o], sim[o]
    _group_links(lin.carried_into, a, b, sim, ref, slugs, anchors)
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


def order_links(a: np.ndarray, b: np.ndarray, sim: np.ndarray, doc_of: np.ndarray, p: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Accepted links (earlier a, later b, similarity) sorted by b, and per b: the nearest
    parent first (the most similar; among near-ties the most recent document, then the higher
    similarity, then the earlier clause), then the others most recent first (then most similar,
    then clause order), at most ``p.max_links`` — ``_order_links`` for every clause at once."""
    if len(b) == 0:
        return a, b, sim
    da = doc_of[a]
    o = np.lexsort((a, -sim, -da, b))
    a, b, sim = a[o], b[o], sim[o]
    starts = np.flatnonzero(np.r_[True, b[1:] != b[:-1]])
    sizes = np.diff(np.r_[starts, len(b)])
    best = np.repeat(np.maximum.reduceat(sim, starts), sizes)
    near = sim >= best - p.parent_tolerance
    group = np.repeat(np.arange(len(starts)), sizes)
    near_idx = np.flatnonzero(near)  # every group has one (its best); its first is the parent
    g = group[near_idx]
    first = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    is_parent = np.zeros(len(b), bool)
    is_parent[near_idx[first]] = True
    pos = np.arange(len(b))
    o = np.lexsort((pos, ~is_parent, b))
    a, b, sim = a[o], b[o], sim[o]
    rank = pos - np.repeat(starts, sizes)
    keep = rank < p.max_links
    return a[keep], b[keep], sim[keep]



def _group_links(out: dict, keys: np.ndarray, targets: np.ndarray, sim: np.ndarray, ref: list, slugs: list[str],
                 anchors: list[str]) -> None:
    """``keys`` sorted (grouped): for each run of equal keys, the link list of that clause
    (``out[ref[key]]``) to its ``targets`` in the given order, with their similarities."""
    t_l, sim_l = targets.tolist(), sim.tolist()
    bounds = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1], True]).tolist() if len(keys) else [0]
    for g, k in enumerate(keys[bounds[:-1]].tolist()):
        out[ref[k]] = [
            {"document": slugs[x], "anchor": anchors[x], "similarity": s, "origin": "computed"}
            for x, s in zip(t_l[bounds[g] : bounds[g + 1]], sim_l[bounds[g] : bounds[g + 1]])
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


def _order_links(cands: list[tuple[int, float]], doc_of: list[int], p: Params) -> list[tuple[int, float]]:
    """Nearest parent first (the most similar; among near-ties the most recent), then the rest
    most recent first (then most similar)."""
    best = max(s for _, s in cands)
    near = [c for c in cands if c[1] >= best - p.parent_tolerance]
    parent = max(near, key=lambda c: (doc_of[c[0]], c[1], -c[0]))
    rest = sorted((c for c in cands if c is not parent), key=lambda c: (-doc_of[c[0]], -c[1], c[0]))
    return [parent] + rest[: p.max_links - 1]


def _rebuild_carried_into(lin: Lineage) -> None:
    rank = {s: i for i, s in enumerate(lin.order)}
    pos = {(s, c.anchor): i for s in lin.order for i, c in enumerate(lin.clauses[s])}
    into: dict[tuple[str, str], list[Link]] = {}
    for (slug, anchor), links in lin.evolved_from.items():
        for link in links:
            into.setdefault((link["document"], link["anchor"]), []).append(
                {"document": slug, "anchor": anchor, "similarity": link["similarity"], "origin": link["origin"]}
            )
    for key, links in into.items():
        links.sort(key=lambda x: (x["origin"] != "contributor", rank.get(x["document"], 1 << 30), -(x["similarity"] or 0.0), pos.get((x["document"], x["anchor"]), 0)))
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
        self._enc = Encoder.codepoints(len(self._vocab))[self._ids].astype("<u4").tobytes().decode("utf-32-le")
        self._codes = Codes()
        self._lower: dict[str, str] = {}

    def encoded(self, text: str) -> str:
        i = self._index[text]
        return self._enc[self._off[i] : self._off[i + 1]]

    def printed(self, text: str) -> list[str]:
        i = self._index[text]
        return list(map(self._vocab.__getitem__, self._ids[self._off[i] : self._off[i + 1]].tolist()))

    def lower(self, text: str) -> str:
        r = self._lower.get(text)
        if r is None:
            r = self._lower[text] = self._codes.encode(words(text))
        return r


def derive(lin: Lineage, texts: _Texts | None = None) -> None:
    """(Re)compute predecessor, flows, summary and comparison from ``evolved_from``."""
    rank = {s: i for i, s in enumerate(lin.order)}
    texts = texts or _Texts(lin)
    flows_into: dict[str, dict[str, list[float]]] = {}
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
            carried += c.n_words * max((x["similarity"] or 0.0) for x in links)
            src = links[0]["document"]
            f = flows_into.setdefault(slug, {}).setdefault(src, [0, 0.0])
            f[0] += 1
            f[1] += c.n_words * (links[0]["similarity"] or 0.0)
        into = list(flows_into.get(slug, {}).items())
        pred = max(into, key=lambda sv: (round(sv[1][1]), sv[1][0], rank.get(sv[0], -1)))[0] if into else None
        lin.predecessor[slug] = pred
        lin.summary[slug] = {
            "clauses": len(infos),
            "words": total,
            "carried_over": round(carried / total, 3) if total else 0.0,
            "new_clauses": new,
        }
        lin.comparison[slug] = compare(lin, slug, pred, texts) if pred else []
    lin.flows = [
        {"from": src, "to": dst, "clauses": v[0], "words": int(round(v[1]))}
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


def compare(lin: Lineage, slug: str, pred: str, texts: _Texts | None = None) -> list[dict]:
    """Clause-by-clause comparison of ``slug`` with the earlier document ``pred``.

    Rows in the reading order of ``slug``, dropped clauses placed after the row of the nearest
    earlier clause of ``pred``: ``{"status": "kept"|"changed"|"moved"|"new"|"dropped",
    "anchor": anchor in slug or None, "predecessor_anchor": anchor in pred or None,
    "similarity": float or None, "diff": [(op, words)…] or None}``. "moved" = out of order
    (not on the longest common order of the two texts) or moved between preamble and
    operative part; its diff is given when the wording changed too."""
    texts = texts or _Texts(lin)
    new_c = lin.clauses[slug]
    old_c = lin.clauses[pred]
    old_pos = {c.anchor: i for i, c in enumerate(old_c)}
    cand: list[tuple[float, int, int]] = []
    linked_new: set[int] = set()
    linked_old: set[int] = set()
    for i, c in enumerate(new_c):
        for link in lin.evolved_from.get((slug, c.anchor), []):
            j = old_pos.get(link["anchor"]) if link["document"] == pred else None
            if j is not None:
                cand.append((link["similarity"] if link["similarity"] is not None else 1.0, i, j))
                linked_new.add(i)
                linked_old.add(j)
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
        if i in match_new or j in used_old:
            continue
        match_new[i] = (j, s)
        used_old.add(j)
    matched = sorted(match_new.items())
    in_order = _lis_members([j for _, (j, _s) in matched])
    in_order_new = {matched[k][0] for k in in_order}

    rows: list[dict] = []
    for i, c in enumerate(new_c):
        if i not in match_new:
            rows.append({"status": "new", "anchor": c.anchor, "predecessor_anchor": None, "similarity": None, "diff": None})
            continue
        j, s = match_new[i]
        o = old_c[j]
        oe, ce = texts.encoded(o.text), texts.encoded(c.text)
        same = oe == ce
        moved = i not in in_order_new or (o.kind != c.kind and "point" not in (o.kind, c.kind))
        status = "moved" if moved else ("kept" if same else "changed")
        rows.append({
            "status": status,
            "anchor": c.anchor,
            "predecessor_anchor": o.anchor,
            "similarity": 1.0 if same else s,
            "diff": None if same else encoded_diff(texts.printed(o.text), texts.printed(c.text), oe, ce),
        })
    # dropped clauses after the row holding the nearest earlier matched old clause
    row_of_old = {r["predecessor_anchor"]: k for k, r in enumerate(rows) if r["predecessor_anchor"]}
    inserts: dict[int, list[dict]] = {}
    last_row = -1
    for j, o in enumerate(old_c):
        if j in used_old:
            last_row = max(last_row, row_of_old.get(o.anchor, last_row))
            continue
        inserts.setdefault(last_row, []).append({"status": "dropped", "anchor": None, "predecessor_anchor": o.anchor, "similarity": None, "diff": None})
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
    lin = copy.deepcopy(result)
    known = {(s, c.anchor): c for s in lin.order for c in lin.clauses[s]}
    added: dict[tuple[str, str], list[Link]] = {}
    for ov in overrides:
        slug, anchor, rel, t_slug, t_anchor = ov
        if (slug, anchor) not in known:
            raise ValueError(f"lineage override names {slug}#{anchor}, which is not a clause of the corpus")
        if (t_slug, t_anchor) not in known:
            raise ValueError(f"lineage override of {slug}#{anchor} names {t_slug}#{t_anchor}, which is not a clause of the corpus")
        links = lin.evolved_from.get((slug, anchor), [])
        existing = [x for x in links if x["document"] == t_slug and x["anchor"] == t_anchor]
        links = [x for x in links if not (x["document"] == t_slug and x["anchor"] == t_anchor)]
        if rel == "not_evolved_from":
            added[(slug, anchor)] = [x for x in added.get((slug, anchor), []) if not (x["document"] == t_slug and x["anchor"] == t_anchor)]
        elif rel == "evolved_from":
            s = existing[0]["similarity"] if existing else _similarity(known[(slug, anchor)].text, known[(t_slug, t_anchor)].text)
            lst = added.setdefault((slug, anchor), [])
            if not any(x["document"] == t_slug and x["anchor"] == t_anchor for x in lst):
                lst.append({"document": t_slug, "anchor": t_anchor, "similarity": s, "origin": "contributor"})
        else:
            raise ValueError(f"lineage override of {slug}#{anchor}: unknown relation {rel!r} (use evolved_from or not_evolved_from)")
        lin.evolved_from[(slug, anchor)] = links
    for key, lst in added.items():
        lin.evolved_from[key] = lst + lin.evolved_from.get(key, [])
    lin.evolved_from = {k: v for k, v in lin.evolved_from.items() if v}
    _rebuild_carried_into(lin)
    derive(lin)
    return lin


def _similarity(a: str, b: str) -> float:
    ids: dict[str, int] = {}
    ea = "".join(chr(0x100 + ids.setdefault(w, len(ids))) for w in content_words(a))
    eb = "".join(chr(0x100 + ids.setdefault(w, len(ids))) for w in content_words(b))
    return round(float(similarity(LCSseq.similarity(ea, eb), len(ea), len(eb))), 3)
