"""Corpus-level lineage: which earlier clauses each clause shares wording with.

``compute_lineage(documents, cache_dir)`` runs the stages:

1. order the documents in time (``meta.adopted``, or ``meta.get("dated")`` for a draft; ties
   by symbol, then slug) and number every clause in that order;
2. candidates from the recency-bounded bigram index (``index.py``) — no all-pairs comparison;
3. precise alignment of the candidates only (``score.py``: LCS on content words), cached by
   content hash (``cache.py``);
4. per clause, the accepted links: ``evolved_from`` (nearest parent first: the most similar
   earlier clause, the most recent one among near-ties; then the other ancestors, most recent
   first) and the reverse ``carried_into``;
5. per document (``derive``): the predecessor (the earlier document its clauses' nearest
   parents come from most, by amount of text), the clause-by-clause comparison with it (kept /
   changed / moved / new / dropped, with word diffs), the flows of the corpus map and the share
   of the text carried over.

Each link is ``{"document": slug, "anchor": anchor, "similarity": float, "origin":
"computed"}``; ``apply_overrides`` puts contributors' links (origin "contributor") first,
removes the links they reject, and derives everything else again.
"""

from __future__ import annotations

import copy
import resource
from array import array
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
from rapidfuzz.distance import Indel, LCSseq

from ..model import Document
from .cache import PairCache, pair_keys, params_tag, text_hash
from .diff import word_diff
from .index import candidate_pairs
from .score import Encoder, Params, accepted, lcs_lengths, similarity
from .text import content_words, words

ENGINE_VERSION = "1"

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
    p = params or Params()
    clock = _Clock()
    docs = sorted(documents, key=document_order_key)
    seen: set[str] = set()
    for d in docs:
        if d.slug in seen:
            raise ValueError(f"two documents share the slug {d.slug!r}; every document needs its own folder name")
        seen.add(d.slug)

    order = [d.slug for d in docs]
    lin = Lineage(
        order=order,
        dates={d.slug: document_date(d) for d in docs},
        symbols={d.slug: d.meta.symbol for d in docs},
        clauses={},
        params=p.as_dict(),
    )

    # 1. clauses in time order, content words encoded
    enc = Encoder()
    ref: list[tuple[str, str]] = []
    doc_of: list[int] = []
    flat = array("l")
    offsets = [0]
    content_str: list[str] = []
    content_hash: list[int] = []
    seen_text: dict[str, tuple] = {}
    for di, d in enumerate(docs):
        infos = []
        for c in d.clauses:
            done = seen_text.get(c.text)
            if done is None:  # identical clause texts (kept clauses) are prepared once
                cw = content_words(c.text)
                ids = enc.ids_of(cw)
                done = seen_text[c.text] = (ids, enc.chars_of(ids), text_hash(" ".join(cw)), len(c.text.split()))
            ids, chars, h, n_words = done
            infos.append(ClauseInfo(c.anchor, c.kind, c.text, n_words))
            flat.extend(ids)
            offsets.append(len(flat))
            content_str.append(chars)
            content_hash.append(h)
            ref.append((d.slug, c.anchor))
            doc_of.append(di)
        lin.clauses[d.slug] = infos
    n = len(ref)
    if n == 0:
        derive(lin)
        return lin
    tokens = np.frombuffer(flat, dtype=np.int64) if flat.itemsize == 8 else np.asarray(flat, dtype=np.int64)
    off = np.asarray(offsets, dtype=np.int64)
    doc_arr = np.asarray(doc_of, dtype=np.int64)
    lengths = np.diff(off)

    clock.lap("words")
    # 2. candidates
    a, b, _cand = candidate_pairs(
        tokens, off, max(len(enc.ids), 1), doc_arr,
        lag=p.lag, max_df=p.max_df, min_df_cap=p.min_df_cap, min_score=p.min_candidate_score, top_k=p.top_k,
    )

    clock.lap("candidates")
    # 3. precise alignment (cached)
    hashes = np.asarray(content_hash, dtype=np.uint64)
    keys = pair_keys(hashes[a], hashes[b])
    cache = PairCache(cache_dir, params_tag(ENGINE_VERSION, {}))  # LCS depends on the texts only
    found, lcs = cache.lookup(keys)
    todo = ~found
    if todo.any():
        lcs[todo] = lcs_lengths(content_str, a[todo], b[todo])
    cache.save(keys, lcs)
    la, lb = lengths[a], lengths[b]
    ok = accepted(lcs, la, lb, p)
    sim = similarity(lcs, la, lb)
    a, b, sim = a[ok], b[ok], np.round(sim[ok], 3)
    clock.lap("align")
    lin.stats = {"clauses": n, "candidates": int(len(keys)), "aligned": int(todo.sum()), "cache_hits": int(found.sum()), "links": int(len(a))}

    # 4. links per clause
    order_idx = np.lexsort((a, b))
    a, b, sim = a[order_idx].tolist(), b[order_idx].tolist(), sim[order_idx].tolist()
    i = 0
    while i < len(b):
        j = i
        while j < len(b) and b[j] == b[i]:
            j += 1
        cands = [(a[k], sim[k]) for k in range(i, j)]
        lin.evolved_from[ref[b[i]]] = [
            {"document": ref[x][0], "anchor": ref[x][1], "similarity": float(s), "origin": "computed"}
            for x, s in _order_links(cands, doc_of, p)
        ]
        i = j
    clock.lap("links")
    _rebuild_carried_into(lin)
    clock.lap("carried_into")
    derive(lin)
    clock.lap("documents")
    lin.stats["seconds"] = clock.laps
    lin.stats["peak_rss_mb"] = clock.peak_mb
    return lin


class _Clock:
    def __init__(self) -> None:
        self.t = time.perf_counter()
        self.laps: dict[str, float] = {}
        self.peak_mb: dict[str, int] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self.t, 3)
        self.t = now
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


def derive(lin: Lineage) -> None:
    """(Re)compute predecessor, flows, summary and comparison from ``evolved_from``."""
    rank = {s: i for i, s in enumerate(lin.order)}
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
        lin.comparison[slug] = compare(lin, slug, pred) if pred else []
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


def compare(lin: Lineage, slug: str, pred: str) -> list[dict]:
    """Clause-by-clause comparison of ``slug`` with the earlier document ``pred``.

    Rows in the reading order of ``slug``, dropped clauses placed after the row of the nearest
    earlier clause of ``pred``: ``{"status": "kept"|"changed"|"moved"|"new"|"dropped",
    "anchor": anchor in slug or None, "predecessor_anchor": anchor in pred or None,
    "similarity": float or None, "diff": [(op, words)…] or None}``. "moved" = out of order
    (not on the longest common order of the two texts) or moved between preamble and
    operative part; its diff is given when the wording changed too."""
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
        ids: dict[str, int] = {}
        enc = lambda t: "".join(chr(0x100 + ids.setdefault(w, len(ids))) for w in words(t))  # noqa: E731
        en = {i: enc(new_c[i].text) for i in rest_new}
        eo = {j: enc(old_c[j].text) for j in rest_old}
        for i in rest_new:
            for j in rest_old:
                s = Indel.normalized_similarity(en[i], eo[j])
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
        same = o.text.split() == c.text.split()
        moved = i not in in_order_new or (o.kind != c.kind and "point" not in (o.kind, c.kind))
        status = "moved" if moved else ("kept" if same else "changed")
        rows.append({
            "status": status,
            "anchor": c.anchor,
            "predecessor_anchor": o.anchor,
            "similarity": 1.0 if same else s,
            "diff": None if same else word_diff(o.text, c.text),
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
