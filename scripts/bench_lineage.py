"""Benchmark of the lineage stage on synthetic corpora with a known lineage.

    .venv/bin/python scripts/bench_lineage.py                 # 100, 1,000 and 10,000 documents
    .venv/bin/python scripts/bench_lineage.py --quick         # 100 and 1,000
    .venv/bin/python scripts/bench_lineage.py --sizes 300,3000
    .venv/bin/python scripts/bench_lineage.py --real          # only the real corpus

Corpora come from ``scripts/synthetic_corpus.py`` (families of revisions derived from the real
clause texts of ``sources/``, mutated, reordered, moved, with borrowed clauses and noise). Each
size runs in its own subprocess so the peak memory (``ru_maxrss``) is that size's alone.
The real corpus of the regression set (``tests/fixtures/lineage``) is measured first: time,
memory, and recall / precision on its judged set (``tests/unit/test_lineage_audit.py``).
Reported per size: documents, clauses, lineage time, peak RSS of the process, recall and
precision of the nearest-parent links (``Lineage.parent``) against the known lineage, and the
growth exponent of time (log-log slope from the previous size).

Stages are functions in ``STAGES`` (name → fn(documents, workdir) → dict of extra columns);
only "lineage" exists now; a "site" stage (whole site build vs plain MkDocs) can be added
there and selected with a flag.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))


def seed_clauses() -> list[str]:
    try:
        from palimpsest.ingest import load_corpus

        docs, _errors = load_corpus(ROOT / "sources", ROOT)
    except Exception:  # the ingest is not there: the crude splitter will do for texts
        docs = []
    if not docs:
        from synthetic_corpus import crude_documents

        docs = crude_documents(ROOT / "sources")
    return [c.text for d in docs for c in d.clauses]


def stage_lineage(documents, workdir: Path, truth) -> dict:
    from palimpsest.lineage import compute_lineage

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    lin = compute_lineage(documents, cache_dir=None)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    hit = predicted = expected = 0
    for key, parent in truth.items():
        got = lin.parent(*key)
        got_key = (got.document, got.anchor) if got else None
        if parent is not None:
            expected += 1
        if got_key is not None:
            predicted += 1
        if parent is not None and got_key == parent:
            hit += 1
    # rebuilds with a cache: the same corpus (whole-result cache), then one document edited
    # (every stage runs again; only the pairs touching the edited clauses are aligned again)
    cache = workdir / "cache"
    compute_lineage(documents, cache_dir=cache)
    t1, c1 = time.perf_counter(), time.process_time()
    again = compute_lineage(documents, cache_dir=cache)
    cached_seconds, cached_cpu = time.perf_counter() - t1, time.process_time() - c1
    edited = _edit_one_document(documents)
    t2, c2 = time.perf_counter(), time.process_time()
    after_edit = compute_lineage(edited, cache_dir=cache)
    edited_seconds, edited_cpu = time.perf_counter() - t2, time.process_time() - c2
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "stage_seconds": lin.stats.get("seconds", {}),
        "stage_cpu_seconds": lin.stats.get("cpu_seconds", {}),
        "cached_seconds": cached_seconds,
        "cached_cpu_seconds": cached_cpu,
        "cached_result": again.stats.get("result_cache"),
        "edited_seconds": edited_seconds,
        "edited_cpu_seconds": edited_cpu,
        "edited_aligned": after_edit.stats["aligned"],
        "peak_rss_mb": rss1 / 1024,
        "rss_before_mb": rss0 / 1024,
        "recall": hit / expected if expected else 1.0,
        "precision": hit / predicted if predicted else 1.0,
        "links": lin.stats["links"],
        "candidates": lin.stats["candidates"],
    }


def _edit_one_document(documents):
    """The corpus with one clause of the middle document reworded."""
    from dataclasses import replace

    docs = list(documents)
    k = len(docs) // 2
    d = docs[k]
    part = d.parts[0]
    items = list(part.items)
    for i, c in enumerate(items):
        if getattr(c, "text", None):
            items[i] = replace(c, text=c.text + " and in particular the most vulnerable")
            break
    docs[k] = replace(d, parts=(replace(part, items=tuple(items)),) + tuple(d.parts[1:]))
    return docs


STAGES = {"lineage": stage_lineage}


def real_corpus() -> dict:
    """The lineage of the real corpus of the regression set (tests/fixtures/lineage: 498 GA texts
    and the sources), timed, with precision and recall on its judged links and clauses."""
    sys.path.insert(0, str(ROOT / "tests" / "unit"))
    from test_lineage_audit import fixture_documents, judged, score

    from palimpsest.lineage import compute_lineage

    docs = fixture_documents()
    t0, c0 = time.perf_counter(), time.process_time()
    lin = compute_lineage(docs)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    result = score(lin, judged())
    n = sum(len(v) for v in lin.clauses.values())
    return {
        "docs": len(docs),
        "clauses": n,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "linked_clauses": len(lin.evolved_from),
        "formula_clauses": len(lin.formulas),
        "precision": result["precision"],
        "recall": result["recall"],
        "judged_links": result["true_links"] + result["false_links"],
        "formulas": result["formulas"],
    }


def worker(n_docs: int, seed: int, stages: list[str]) -> dict:
    from synthetic_corpus import generate

    t0 = time.perf_counter()
    docs, truth = generate(n_docs, seed_clauses(), seed=seed)
    gen_seconds = time.perf_counter() - t0
    out = {"docs": len(docs), "clauses": sum(len(d.clauses) for d in docs), "generate_seconds": gen_seconds}
    with tempfile.TemporaryDirectory() as tmp:
        for name in stages:
            out.update(STAGES[name](docs, Path(tmp), truth))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated numbers of documents")
    ap.add_argument("--quick", action="store_true", help="only 100 and 1,000 documents")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stages", default="lineage", help="comma-separated: " + ", ".join(STAGES))
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--real", action="store_true", help="only the real corpus of tests/fixtures/lineage")
    ap.add_argument("--real-worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    stages = [s for s in args.stages.split(",") if s]
    if args.worker:
        print(json.dumps(worker(args.worker, args.seed, stages)))
        return 0
    if args.real_worker:
        print(json.dumps(real_corpus()))
        return 0
    proc = subprocess.run([sys.executable, __file__, "--real-worker"], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return proc.returncode
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    print("Real corpus (tests/fixtures/lineage: GA sessions 78-79 as the ingest reads them, and sources/):")
    print(
        "| documents | clauses | lineage (s, wall) | CPU (s) | peak RSS (MB) | clauses linked | standard wording | recall | precision |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {r['docs']:,} | {r['clauses']:,} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {r['peak_rss_mb']:.0f} | "
        f"{r['linked_clauses']:,} | {r['formula_clauses']:,} | {r['recall']:.3f} | {r['precision']:.3f} |"
    )
    print(
        f"Recall and precision on the judged set ({r['judged_links']} judged pairs linked, {r['formulas']} formulas counted apart).\n"
    )
    if args.real:
        return 0
    sizes = [100, 1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    rows = []
    for n in sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--worker", str(n), "--seed", str(args.seed), "--stages", ",".join(stages)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(
        "| documents | clauses | lineage time (s) | CPU time (s) | growth exponent | unchanged rebuild (s) | one document edited (s) | peak RSS (MB) | recall | precision | candidates | links |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    prev = None
    for r in rows:
        slope = "–"
        if prev and r["cpu_seconds"] > 0 and prev["cpu_seconds"] > 0:
            slope = f"{math.log(r['cpu_seconds'] / prev['cpu_seconds']) / math.log(r['clauses'] / prev['clauses']):.2f}"
        print(
            f"| {r['docs']:,} | {r['clauses']:,} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {slope} | {r['cached_seconds']:.2f} | "
            f"{r['edited_seconds']:.2f} | {r['peak_rss_mb']:.0f} | {r['recall']:.4f} | {r['precision']:.4f} | {r['candidates']:,} | {r['links']:,} |"
        )
        prev = r
    print("\nGrowth exponent: log-log slope of lineage CPU time against the number of clauses, from the previous size.")
    print("CPU time: process time of the lineage stage (robust when the machine is shared).")
    print(
        "Unchanged rebuild: same corpus again with a cache directory (whole-result cache: "
        + ", ".join(sorted({str(r["cached_result"]) for r in rows}))
        + ")."
    )
    print(
        "One document edited: one clause reworded; every stage runs, the pair cache spares the alignment (pairs aligned again: "
        + ", ".join(f"{r['docs']:,}: {r['edited_aligned']}" for r in rows)
        + ")."
    )
    print(
        "Stage split, wall (s): "
        + "; ".join(f"{r['docs']:,}: " + ", ".join(f"{k} {v}" for k, v in r["stage_seconds"].items()) for r in rows)
    )
    print(
        "Stage split, CPU (s): "
        + "; ".join(f"{r['docs']:,}: " + ", ".join(f"{k} {v}" for k, v in r["stage_cpu_seconds"].items()) for r in rows)
    )
    print("Peak RSS: whole worker process (corpus generation included), ru_maxrss.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
