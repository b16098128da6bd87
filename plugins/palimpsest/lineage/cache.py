"""Cache of pair scores, keyed by content hashes, so a rebuild only aligns new pairs.

One file per engine version and parameter set: ``<cache_dir>/pairs-<version>-<params>.npz``
holding sorted 64-bit pair keys and the LCS length of each pair. A pair key mixes the hashes
of the two clauses' content-word sequences (``text.content_words``), so editing one clause
invalidates only the pairs that involve it; changing the opening verb or a formula word
invalidates nothing. After a run the file holds exactly the pairs that run used.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

_MIX = np.uint64(0x9E3779B97F4A7C15)


def text_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


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
        self.hits = 0
        self.misses = 0

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(found mask, values) for ``keys``."""
        if len(self.keys) == 0:
            return np.zeros(len(keys), bool), np.zeros(len(keys), np.int64)
        pos = np.searchsorted(self.keys, keys)
        pos = np.minimum(pos, len(self.keys) - 1)
        found = self.keys[pos] == keys
        self.hits += int(found.sum())
        self.misses += int((~found).sum())
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
