"""Time per document of the text ingest (reader + pipeline + structure, no site).

    .venv/bin/python scripts/bench_ingest.py [FOLDER…] [--repeat 5]

Default folders: the 14 sources and the real texts kept in tests/fixtures/ (corpus-extra,
the corpus-ga sample, the corpus-more texts). Each text is read from memory (no disk time),
``--repeat`` times; the figure is the best of the repeats' CPU time per document (the stable
number on a shared machine), with the median wall time beside it. Target: <= 10 ms per document.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "scripts"))

from ingest_report import _inputs  # noqa: E402

from palimpsest.ingest import ingest_text  # noqa: E402
from palimpsest.ingest.derive import derive_metadata, meta_from_fields  # noqa: E402
from palimpsest.model import DocumentMeta  # noqa: E402

DEFAULT = ["sources", "tests/fixtures/corpus-extra", "tests/fixtures/corpus-ga", "tests/fixtures/corpus-more"]


def _texts(folders: list[Path]) -> list[tuple[str, str]]:
    out = []
    for folder in folders:
        for p in _inputs(folder):
            src = next((q for q in (p / "source.txt", p / "source.md") if q.exists()), None) if p.is_dir() else p
            if src is not None:
                out.append((src.read_text("utf-8"), f"{p.name}/{src.name}" if p.is_dir() else src.name))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    folders = args.folders or [ROOT / f for f in DEFAULT]
    texts = _texts(folders)
    meta = DocumentMeta(slug="x", symbol="", title="", body="", adopted="", official_url="", source="x")
    # metadata derivation is part of reading a bare text, but not of building a known source:
    # time the pipeline with a fixed meta, and report derive_metadata separately
    cpu_runs, wall_runs = [], []
    for _ in range(max(1, args.repeat)):
        c0, w0 = time.process_time(), time.perf_counter()
        for text, name in texts:
            ingest_text(text, name, meta)
        cpu_runs.append(time.process_time() - c0)
        wall_runs.append(time.perf_counter() - w0)
    c0 = time.process_time()
    for text, name in texts:
        ingest_text(text, name, lambda raw, text=text: meta_from_fields(derive_metadata(raw, text)[0], "x", name))
    derive_cpu = time.process_time() - c0
    n = len(texts)
    chars = sum(len(t) for t, _ in texts)
    print(f"{n} documents, {chars / n / 1000:.1f} k characters on average, {args.repeat} repeats")
    print(
        f"ingest (text): {1000 * min(cpu_runs) / n:.2f} ms CPU per document (best of {args.repeat}), "
        f"{1000 * statistics.median(wall_runs) / n:.2f} ms wall (median)"
    )
    print(
        f"with metadata derived from the text (palimpsest add, ingest_report): {1000 * derive_cpu / n:.2f} ms CPU per document"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
