"""Run the ingest (no site) over folders of raw texts and report how it fares.

    .venv/bin/python scripts/ingest_report.py FOLDER… [--json FILE] [--list] [--show-disagreements]

A FOLDER may hold bare texts (``*.txt``, ``*.md``; metadata derived from the text itself, as
``palimpsest add`` would) or document folders (``<slug>/source.* + document.yml``, as in
``sources/``). Prints documents clean / refused / crashed, the refusals by kind (documents per
kind) and, when the folder or its parent has a ``records.jsonl`` (``file`` and
``record_operative_paragraphs``), how the operative-paragraph counts agree with it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from palimpsest.ingest import IngestCrash, ingest_text, load_document  # noqa: E402
from palimpsest.ingest.derive import derive_metadata, meta_from_fields, slug_for  # noqa: E402
from palimpsest.ingest.summary import problem_kind  # noqa: E402


def _inputs(folder: Path) -> list[Path]:
    """Bare texts and document folders under ``folder`` (sorted)."""
    if folder.is_file():
        return [folder]
    out: list[Path] = []
    for p in sorted(folder.iterdir()):
        if p.is_dir() and any(p.glob("source.*")):
            out.append(p)
        elif p.is_dir() and p.name in ("texts",):
            out.extend(_inputs(p))
        elif p.is_file() and p.suffix in (".txt", ".md") and not p.name.lower().startswith("readme"):
            out.append(p)
    return out


def run_one(p: Path):
    """(document or None, errors) for a bare text or a document folder."""
    if p.is_dir():
        return load_document(p, p.parent)
    text = p.read_bytes().decode("utf-8", errors="replace")
    rel = p.name

    def meta(raw):
        fields, _missing = derive_metadata(raw, text)
        return meta_from_fields(fields, slug_for(fields.get("symbol") or p.stem), rel)

    doc, _raw, errors = ingest_text(text, rel, meta)
    return doc, errors


def _records(folder: Path) -> dict[str, int]:
    for cand in (folder / "records.jsonl", folder.parent / "records.jsonl"):
        if cand.exists():
            out = {}
            for line in cand.read_text("utf-8").splitlines():
                if line.strip():
                    r = json.loads(line)
                    if r.get("record_operative_paragraphs") is not None:
                        out[Path(r["file"]).name] = int(r["record_operative_paragraphs"])
            return out
    return {}


def operative_count(doc) -> int:
    """Operative paragraphs of the resolution itself (its main part: not an annex's paragraphs)."""
    main = doc.parts[0] if doc.parts else None
    return sum(1 for c in (main.items if main else ()) if getattr(c, "kind", "") == "operative")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--json", type=Path, help="write the per-document report to this file")
    ap.add_argument("--list", action="store_true", help="list every refused document with its problems")
    ap.add_argument("--show-disagreements", action="store_true", help="list every count that disagrees")
    args = ap.parse_args(argv)

    report = []
    for folder in args.folders:
        records = _records(folder if folder.is_dir() else folder.parent)
        inputs = _inputs(folder)
        t0 = time.perf_counter()
        clean = refused = crashed = 0
        kinds: Counter = Counter()
        agree, disagree = 0, []
        for p in inputs:
            doc, errors = run_one(p)
            crash = [e for e in errors if isinstance(e, IngestCrash)]
            status = "crashed" if crash else ("refused" if errors or doc is None else "clean")
            clean += status == "clean"
            refused += status == "refused"
            crashed += status == "crashed"
            for k in {problem_kind(e) for e in errors}:
                kinds[k] += 1
            entry = {"input": str(p), "status": status, "problems": [e.message for e in errors]}
            if doc is not None:
                entry["clauses"] = len(doc.clauses)
                entry["operative"] = operative_count(doc)
                entry["parts"] = [pt.slug for pt in doc.parts]
                rec = records.get(p.name)
                if rec is not None:
                    entry["record_operative"] = rec
                    if rec == entry["operative"]:
                        agree += 1
                    else:
                        disagree.append((p.name, entry["operative"], rec, status))
            report.append(entry)
            if args.list and status != "clean":
                print(f"  {status}: {p.name}")
                for e in errors[:6]:
                    print(f"      {e.message[:300]}")
        dt = time.perf_counter() - t0
        n = len(inputs)
        print(
            f"{folder}: {n} documents: {clean} clean ({100 * clean / max(n, 1):.1f}%), {refused} refused, "
            f"{crashed} crashed ({1000 * dt / max(n, 1):.1f} ms per document)"
        )
        if kinds:
            print("  problems (documents showing each kind):")
            for k, c in kinds.most_common():
                print(f"    {c:4d}  {k}")
        if records:
            compared = agree + len(disagree)
            print(f"  operative paragraphs vs records.jsonl: {agree} of {compared} agree, {len(disagree)} disagree")
            if args.show_disagreements:
                for name, ours, rec, status in disagree:
                    print(f"    {name}: ingest {ours}, record {rec} ({status})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
