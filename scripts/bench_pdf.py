#!/usr/bin/env python3
"""Benchmark of the official-PDF input: which PDF library, and how well the reader does.

Two parts (both read the GA corpus of ``../shared/corpus-ga``: official PDFs in ``pdf/`` and
their PyMuPDF plain-text twins in ``texts/``):

``python scripts/bench_pdf.py libraries [--sample N]``
    Extracts styled runs (text, font name, size, baseline, x) from the same PDFs with
    pypdfium2, PyMuPDF, pdfplumber (pdfminer.six) and pypdf, and reports per library: time
    per document (wall and CPU), how many in-text superscript digits its runs show (a digit run
    smaller than the run before it and raised above its baseline: footnote call-outs), whether
    the enacting formula comes out in an italic font, and how close its text is to the text twin (word
    similarity, rapidfuzz). A library that is not installed is skipped with a note; to
    compare all four: ``pip install pypdfium2 pymupdf pdfplumber pypdf``.

``python scripts/bench_pdf.py corpus``
    Runs the reader (``palimpsest.ingest.pdf_layout``) and the structure builder over every
    PDF, and the plain-text reader over its twin, and reports: PDFs parsed clean, same
    clauses (anchors and whitespace-normalised text) as the twin, same number of operative
    paragraphs, and time per PDF (read + structure).

``--pdf-dir`` / ``--text-dir`` point elsewhere. Nothing here is timed by the test suite.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus-ga"
if not SHARED.is_dir():
    SHARED = Path("/work/shared/corpus-ga")


# --- one extractor per library: PDF path -> list of runs (page, text, font, size, x, baseline) ---


def runs_pypdfium2(path: Path):
    from palimpsest.ingest.pdf_layout import read_pages

    out = []
    for p in read_pages(path.read_bytes(), str(path)):
        for ln in p.lines:
            for s in ln.spans:
                if s.text == " ":
                    continue  # a space the reader inserted between two runs
                out.append((p.number, s.text, s.font + (" Italic" if s.italic else ""), s.size, s.x0, s.baseline))
    return out


def runs_pymupdf(path: Path):
    import pymupdf

    out = []
    with pymupdf.open(path) as doc:
        for pn, page in enumerate(doc, 1):
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for s in line["spans"]:
                        font = s["font"] + (" Italic" if s["flags"] & 2 else "")
                        out.append((pn, s["text"], font, s["size"], s["origin"][0], s["origin"][1]))
    return out


def runs_pdfplumber(path: Path):
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for pn, page in enumerate(pdf.pages, 1):
            run = None
            for c in page.chars:
                base = page.height - c["matrix"][5]
                key = (c["fontname"], round(c["size"], 1), round(base, 1))
                if run and run[0] == key and c["x0"] - run[3] < 0.5 * c["size"]:
                    run[1].append(c["text"])
                    run[3] = c["x1"]
                else:
                    if run:
                        out.append((pn, "".join(run[1]), run[0][0], run[0][1], run[2], run[0][2]))
                    run = [key, [c["text"]], c["x0"], c["x1"]]
            if run:
                out.append((pn, "".join(run[1]), run[0][0], run[0][1], run[2], run[0][2]))
    return out


def runs_pypdf(path: Path):
    import pypdf

    out = []
    reader = pypdf.PdfReader(path)
    for pn, page in enumerate(reader.pages, 1):
        height = float(page.mediabox.height)

        def visit(text, cm, tm, font_dict, font_size, pn=pn, height=height):
            if not text.strip():
                return
            a, b, c, d, e, f = tm
            A, B, C, D, E, F = cm
            x, y = e * A + f * C + E, e * B + f * D + F
            scale = abs(d * D) or 1.0
            font = str((font_dict or {}).get("/BaseFont", ""))
            out.append((pn, text, font, font_size * scale, x, height - y))

        page.extract_text(visitor_text=visit)
    return out


LIBRARIES = {
    "pypdfium2": (runs_pypdfium2, "Apache-2.0 / BSD-3-Clause (PDFium)", "pypdfium2"),
    "PyMuPDF": (runs_pymupdf, "AGPL-3.0 or commercial", "pymupdf"),
    "pdfplumber": (runs_pdfplumber, "MIT (pdfminer.six: MIT)", "pdfplumber"),
    "pypdf": (runs_pypdf, "BSD-3-Clause", "pypdf"),
}


def _words(text: str) -> str:
    return " ".join(re.sub(r"[\u00ad\x02]", "", text).split())


def _superscripts(runs) -> int:
    """Digit runs smaller than the run before them and raised above its baseline."""
    n = 0
    runs = [r for r in runs if r[1].strip()]
    for prev, r in zip(runs, runs[1:]):
        if prev[0] == r[0] and r[1].strip().isdigit() and r[3] < 0.8 * prev[3] and prev[5] - r[5] > 0.15 * prev[3]:
            n += 1
    return n


def bench_libraries(pdfs: list[Path], texts: Path, sample: int) -> None:
    from rapidfuzz import fuzz

    chosen = pdfs[:sample] if sample else pdfs
    print(f"{len(chosen)} official PDFs ({sum(p.stat().st_size for p in chosen) / 1e6:.1f} MB)")
    print(
        f"{'library':<11} {'ms/doc mean':>11} {'median':>7} {'max':>7} {'CPU mean':>8} {'text≈twin':>9} "
        f"{'italic formula':>14} {'superscripts':>12}  licence"
    )
    for name, (extract, licence, module) in LIBRARIES.items():
        try:
            __import__(module)
        except ImportError:
            print(f"{name:<11} not installed (pip install {module})")
            continue
        times, cpu, sims, italic, supers = [], [], [], 0, 0
        extract(chosen[0])  # warm up: load the library and its fonts once
        for pdf in chosen:
            t0, c0 = time.perf_counter(), time.process_time()
            runs = extract(pdf)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            twin = texts / (pdf.stem + ".txt")
            if twin.exists():
                sims.append(fuzz.ratio(_words("".join(r[1] + " " for r in runs)), _words(twin.read_text("utf-8"))))
            formula = next((r for r in runs if r[1].strip().startswith("The General")), None)
            italic += bool(formula and re.search(r"italic|oblique", formula[2], re.I))
            supers += _superscripts(runs)
        ms = [t * 1000 for t in times]
        print(
            f"{name:<11} {statistics.mean(ms):>11.1f} {statistics.median(ms):>7.1f} {max(ms):>7.1f} "
            f"{1000 * statistics.mean(cpu):>8.1f} "
            f"{statistics.mean(sims):>8.1f}% {italic:>9}/{len(chosen):<4} {supers:>12}  {licence}"
        )


def _norm(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" (?=[,;.:)\]])|(?<=[(\[]) ", "", text).strip()


def bench_corpus(pdfs: list[Path], texts: Path, verbose: bool) -> None:
    from palimpsest.errors import SourceError
    from palimpsest.ingest.pdf_layout import read_pdf
    from palimpsest.ingest.pdf_text import read_pdf_text
    from palimpsest.ingest.structure import build_document
    from palimpsest.model import DocumentMeta

    clean = same = same_ops = refused = crashed = twins = 0
    times: list[float] = []
    cpu: list[float] = []
    for pdf in pdfs:
        symbol = pdf.stem.replace("-", "/")
        meta = DocumentMeta(
            slug=pdf.stem.lower(),
            symbol=symbol,
            title="",
            body="General Assembly",
            adopted="",
            official_url="",
            source=pdf.name,
        )
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            doc, errors = build_document(read_pdf(pdf.read_bytes(), pdf.name), meta, pdf.name)
        except SourceError as exc:
            refused += 1
            print(f"{pdf.stem}: refused: {exc}")
            continue
        except Exception as exc:  # noqa: BLE001 - a crash is what this counts
            crashed += 1
            print(f"{pdf.stem}: CRASH {type(exc).__name__}: {exc}")
            continue
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        clean += not errors
        if errors and verbose:
            for e in errors[:3]:
                print(f"{pdf.stem}: {e}")
        twin = texts / (pdf.stem + ".txt")
        if not twin.exists():
            continue
        twins += 1
        try:
            tdoc, _ = build_document(read_pdf_text(twin.read_text("utf-8"), twin.name), meta, twin.name)
        except SourceError:
            if verbose:
                print(f"{pdf.stem}: the text twin is refused by the text reader")
            continue
        a = [(c.anchor, _norm(c.text)) for c in doc.clauses]
        b = [(c.anchor, _norm(c.text)) for c in tdoc.clauses]
        same += a == b
        ops = sum(c.kind == "operative" for c in doc.clauses)
        same_ops += ops == sum(c.kind == "operative" for c in tdoc.clauses)
        if verbose and a != b:
            print(f"{pdf.stem}: clauses differ from the text twin ({len(a)} vs {len(b)})")
    ms = [t * 1000 for t in times]
    print(
        f"{len(pdfs)} PDFs: {clean} clean, {len(pdfs) - clean - refused - crashed} with problems, "
        f"{refused} refused, {crashed} crashed"
    )
    print(f"against the {twins} text twins: {same} same clauses, {same_ops} same operative count")
    if ms:
        cms = [t * 1000 for t in cpu]
        print(
            f"time per PDF (read + structure), wall: mean {statistics.mean(ms):.0f} ms, median "
            f"{statistics.median(ms):.0f} ms, max {max(ms):.0f} ms; CPU: mean {statistics.mean(cms):.0f} ms, "
            f"median {statistics.median(cms):.0f} ms, max {max(cms):.0f} ms"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=["libraries", "corpus"])
    ap.add_argument("--pdf-dir", type=Path, default=SHARED / "pdf")
    ap.add_argument("--text-dir", type=Path, default=SHARED / "texts")
    ap.add_argument("--sample", type=int, default=20, help="libraries: the first N PDFs by name (0 = all)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    pdfs = sorted(args.pdf_dir.glob("*.pdf"))
    if not pdfs:
        print(f"No PDFs in {args.pdf_dir}", file=sys.stderr)
        return 1
    if args.what == "libraries":
        bench_libraries(pdfs, args.text_dir, args.sample)
    else:
        bench_corpus(pdfs, args.text_dir, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
