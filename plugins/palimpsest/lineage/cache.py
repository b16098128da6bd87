"""Cache of pair scores, keyed by content hashes, so a rebuild only aligns new pairs.

One file per engine version and parameter set: ``<cache_dir>/pairs-<version>-<params>.npz``
holding sorted 64-bit pair keys and the LCS length of each pair. A pair key mixes the hashes
of the two clauses' content-word sequences (``text.content_words``; ``sequence_hashes``: a
polynomial hash of the words' own hashes, stable across runs), so editing one clause
invalidates only the pairs that involve it; changing the opening verb or a formula word
invalidates nothing. After a run the file holds exactly the pairs that run used.

``ResultCache``: the whole result of the last run (``<cache_dir>/result-<key>.pickle``), keyed
by a hash of every input (``result_key``), so an unchanged corpus skips every stage.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

import numpy as np

_MIX = np.uint64(0x9E3779B97F4A7C15)
# The pickled shape of a result (2: links, rows, flows and summaries are ``model`` dataclasses,
# no longer dicts): a result cached in another shape is never read back.
RESULT_FORMAT = 2


def text_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def sequence_hashes(tokens: np.ndarray, offsets: np.ndarray, vocab: list[str]) -> np.ndarray:
    """A 64-bit hash of every word sequence ``tokens[offsets[t]:offsets[t + 1]]`` (ids into
    ``vocab``), stable across runs (it depends on the words, not on their ids): a polynomial
    hash of the words' own hashes, computed with numpy (uint64 arithmetic wraps)."""
    n = len(offsets) - 1
    if n == 0:
        return np.zeros(0, np.uint64)
    word_hash = np.fromiter((text_hash(w) for w in vocab), dtype=np.uint64, count=len(vocab))
    lengths = np.diff(offsets)
    longest = int(lengths.max()) if n else 0
    powers = np.ones(max(longest, 1), np.uint64)
    with np.errstate(over="ignore"):
        if longest > 1:
            powers[1:] = np.uint64(0x100000001B3)
            powers = np.cumprod(powers, dtype=np.uint64)
        pos = np.arange(len(tokens), dtype=np.int64) - np.repeat(offsets[:-1], lengths)
        terms = word_hash[tokens] * powers[pos]
        out = np.zeros(n, np.uint64)
        nonempty = lengths > 0
        if len(terms):
            out[nonempty] = np.add.reduceat(terms, offsets[:-1][nonempty])
        out = out * _MIX + lengths.astype(np.uint64)
    return out


def pair_keys(ha: np.ndarray, hb: np.ndarray) -> np.ndarray:
    lo = np.minimum(ha, hb).astype(np.uint64)
    hi = np.maximum(ha, hb).astype(np.uint64)
    with np.errstate(over="ignore"):
        return (lo * _MIX) ^ (hi + (lo << np.uint64(7)) + (lo >> np.uint64(3)))


def params_tag(version: str, params: dict) -> str:
    blob = json.dumps({"version": version, "params": params}, sort_keys=True).encode()
    return f"{version}-{hashlib.blake2b(blob, digest_size=6).hexdigest()}"


class PairCache:
    def __init__(self, cache_dir: Path | None, tag: str):
        self.path = Path(cache_dir) / f"pairs-{tag}.npz" if cache_dir else None
        self.keys = np.zeros(0, np.uint64)
        self.values = np.zeros(0, np.int64)
        if self.path and self.path.exists():
            try:
                with np.load(self.path) as data:
                    self.keys, self.values = data["keys"], data["lcs"]
            except (OSError, ValueError, KeyError):  # a damaged cache is only a slower build
                pass

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(found mask, values) for ``keys``."""
        if len(self.keys) == 0:
            return np.zeros(len(keys), bool), np.zeros(len(keys), np.int64)
        pos = np.searchsorted(self.keys, keys)
        pos = np.minimum(pos, len(self.keys) - 1)
        found = self.keys[pos] == keys
        return found, np.where(found, self.values[pos], 0)

    def save(self, keys: np.ndarray, values: np.ndarray) -> None:
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        uniq, idx = np.unique(keys, return_index=True)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=uniq, lcs=values[idx])
        os.replace(tmp, self.path)
        for old in self.path.parent.glob("pairs-*.npz"):  # files of other versions/params
            if old != self.path:
                old.unlink(missing_ok=True)


def result_key(docs, version: str, params: dict, date_of) -> str:
    """Hash of everything a lineage result depends on: engine version, parameters, and per
    document (in time order) slug, date, symbol, title, the metadata that makes series
    (session, agenda item, draft) and every clause's anchor, kind and text."""
    h = hashlib.blake2b(digest_size=16)
    h.update(json.dumps({"version": version, "params": params, "format": RESULT_FORMAT}, sort_keys=True).encode())
    for d in docs:
        series = (d.meta.title, d.meta.session, d.meta.agenda_item, d.meta.draft)
        h.update("\x1d".join((d.slug, date_of(d), d.meta.symbol, *series)).encode("utf-8", "surrogatepass"))
        h.update("\x1e".join(f"{c.anchor}\x1f{c.kind}\x1f{c.text}" for c in d.clauses).encode("utf-8", "surrogatepass"))
        h.update(b"\x1c")
    return h.hexdigest()


class ResultCache:
    """The whole lineage result of the last run, keyed by ``result_key``:
    ``<cache_dir>/result-<key>.pickle`` (one file; a new key replaces the old one)."""

    def __init__(self, cache_dir: Path, key: str):
        self.path = Path(cache_dir) / f"result-{key}.pickle"

    def load(self):
        if not self.path.exists():
            return None
        try:
            with open(self.path, "rb") as f:
                return pickle.load(f)
        except Exception:  # a damaged or outdated cache is only a slower build
            return None

    def save(self, result) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
        for old in self.path.parent.glob("result-*.pickle"):
            if old != self.path:
                old.unlink(missing_ok=True)
