#!/usr/bin/env python3
"""Site-build benchmark: the palimpsest plugin vs plain MkDocs + Material, same pages, same run.

    .venv/bin/python scripts/bench_site.py                    # N = 100 and 1,000 documents
    .venv/bin/python scripts/bench_site.py --sizes 100,300    # other sizes
    .venv/bin/python scripts/bench_site.py --weight-only      # page weight of the real site

For each N a synthetic project is written to a temporary folder: N documents copied from the
real ``sources/`` (round robin), each with a new slug, a new symbol (the original one with
``/S<i>`` appended), an adoption date shifted by i days and ~2 % of its words swapped for other
words of the same text (so no two pages are identical and lineage finds near-copies, as in a
real corpus of revisions); contributors' notes are copied along. Then, in the same run:

(a) ``mkdocs build`` of the project with the palimpsest plugin (cold: no lineage cache);
(b) ``palimpsest build-markdown`` of that project, then plain ``mkdocs build`` of its output —
    the same pages, navigation (hand-written pages only; documents ``not_in_nav``), theme and
    Markdown extensions, without the plugin. The Markdown export itself is not timed.

Reported (Markdown table): build seconds of (a) and (b), wall clock and CPU (user + system of the
build process: the fair measure when other jobs share the machine), their ratios (target ≤ 1.5), total
output size of each (MB; target: linear in N), the search index size, and the weight of a
document page (its HTML + every CSS and JS file it loads, uncompressed and gzip).

``page_weight(site, page)`` is importable (tests/quality uses it for the page-weight budget).
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import resource
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
WEIGHT_PAGE = "e-res-2010-12"
# Budget of a document page (HTML + the CSS and JS it loads), uncompressed bytes: the real
# e-res-2010-12 page weighed ~335 kB (61 kB HTML + Material's 264 kB CSS/JS + ours) at the
# time of writing; the budget leaves room for lineage asides and notes, not for a new library.
PAGE_BUDGET_BYTES = 450_000
PAGE_BUDGET_GZIP_BYTES = 120_000
_WORD = re.compile(r"\b[a-z]{4,}\b")


# --- page weight -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageWeight:
    html: int
    css: int
    js: int
    gzip: int  # all of it, gzip -9 each file
    files: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.html + self.css + self.js


def page_weight(site: Path, page: str = WEIGHT_PAGE) -> PageWeight:
    """Bytes of ``site/<page>/index.html`` and of every local stylesheet and script it loads
    (``<link rel=stylesheet>``, ``<script src>``; source maps and lazily fetched files —
    search index, search worker — are not counted)."""
    from bs4 import BeautifulSoup

    site = Path(site)
    html_file = site / page / "index.html"
    raw = html_file.read_bytes()
    soup = BeautifulSoup(raw, "html.parser")
    base = f"http://site/{page}/"
    css = js = 0
    zipped = len(gzip.compress(raw, 9, mtime=0))
    files = []
    refs = [("css", l.get("href")) for l in soup.find_all("link", href=True) if "stylesheet" in (l.get("rel") or [])]
    refs += [("js", s.get("src")) for s in soup.find_all("script", src=True)]
    for kind, ref in refs:
        url = urlsplit(urljoin(base, ref))
        if url.netloc != "site":
            continue  # external (none expected: fonts are off)
        path = site / url.path.lstrip("/")
        data = path.read_bytes()
        zipped += len(gzip.compress(data, 9, mtime=0))
        files.append(url.path.lstrip("/"))
        if kind == "css":
            css += len(data)
        else:
            js += len(data)
    return PageWeight(len(raw), css, js, zipped, tuple(files))


# --- synthetic project -----------------------------------------------------------------------


def mutate(text: str, rng: random.Random, share: float = 0.02) -> str:
    """Swap ~``share`` of the lowercase words (4+ letters) for other words of the same text;
    numbering, symbols and capitalised words are left alone, so the structure is kept."""
    words = _WORD.findall(text)
    if not words:
        return text

    def swap(m: re.Match[str]) -> str:
        return rng.choice(words) if rng.random() < share else m.group(0)

    return _WORD.sub(swap, text)


def synthetic_project(dest: Path, n: int, seed: int = 7) -> Path:
    """A project folder (mkdocs.yml, docs/, sources/) with ``n`` documents derived from the
    real sources."""
    import yaml

    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    real = sorted(p for p in (ROOT / "sources").iterdir() if p.is_dir() and (p / "document.yml").is_file())
    sources = dest / "sources"
    sources.mkdir()
    for i in range(n):
        orig = real[i % len(real)]
        meta = yaml.safe_load((orig / "document.yml").read_text(encoding="utf-8"))
        meta["symbol"] = f"{meta['symbol']}/S{i}"
        for key in ("adopted", "dated"):
            if meta.get(key):
                day = meta[key] if isinstance(meta[key], date) else date.fromisoformat(str(meta[key]))
                meta[key] = (day + timedelta(days=i)).isoformat()
        folder = sources / f"s{i:05d}-{orig.name}"
        folder.mkdir()
        (folder / "document.yml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
        for f in sorted(orig.iterdir()):
            if f.name.startswith("source."):
                (folder / f.name).write_text(mutate(f.read_text(encoding="utf-8"), rng), encoding="utf-8")
            elif f.name != "document.yml" and f.is_file():
                shutil.copy2(f, folder / f.name)
    return dest


# --- builds ------------------------------------------------------------------------------------


@dataclass
class Build:
    seconds: float  # wall clock
    cpu: float  # user + system CPU seconds of the build process (robust on a shared machine)
    bytes: int
    warnings: int
    returncode: int
    log: str


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def mkdocs_build(project: Path, site: Path, config: str = "mkdocs.yml") -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"}
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(site)],
                          cwd=project, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    log = proc.stdout + proc.stderr
    return Build(seconds, cpu, tree_bytes(site) if site.is_dir() else 0, log.count("WARNING"), proc.returncode, log)


def bench_size(n: int, work: Path) -> dict:
    sys.path.insert(0, str(ROOT / "plugins"))
    from palimpsest.export_markdown import build_markdown

    project = synthetic_project(work / f"project-{n}", n)
    plugin = mkdocs_build(project, work / f"site-plugin-{n}")
    export = build_markdown(project, work / f"markdown-{n}", page_data=False)
    plain = mkdocs_build(work / f"markdown-{n}", work / f"site-plain-{n}")
    for name, b in (("plugin", plugin), ("plain", plain)):
        if b.returncode != 0:
            raise SystemExit(f"N={n}: the {name} build failed (exit {b.returncode}):\n{b.log[-4000:]}")
    page = next(iter(sorted(p.parent.name for p in (work / f"site-plugin-{n}").glob(f"s*-{WEIGHT_PAGE}/index.html"))))
    weight = page_weight(work / f"site-plugin-{n}", page)
    search = work / f"site-plugin-{n}" / "search" / "search_index.json"
    return {
        "n": n,
        "documents": export.documents,
        "plugin_s": plugin.seconds,
        "plain_s": plain.seconds,
        "ratio": plugin.seconds / plain.seconds,
        "plugin_cpu": plugin.cpu,
        "plain_cpu": plain.cpu,
        "cpu_ratio": plugin.cpu / plain.cpu,
        "plugin_mb": plugin.bytes / 1e6,
        "plain_mb": plain.bytes / 1e6,
        "search_mb": search.stat().st_size / 1e6 if search.is_file() else 0.0,
        "warnings": plugin.warnings,
        "page_kb": weight.total / 1e3,
        "page_gz_kb": weight.gzip / 1e3,
    }


def table(rows: list[dict]) -> str:
    out = [
        "| N docs | plugin build (s wall / CPU) | plain MkDocs (s wall / CPU) | ratio wall / CPU | plugin output (MB) | plain output (MB) | MB per 100 docs (plugin) | search index (MB) | doc page HTML+CSS+JS (kB) | gzip (kB) | warnings |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        out.append(
            f"| {r['n']:,} | {r['plugin_s']:.1f} / {r['plugin_cpu']:.1f} | {r['plain_s']:.1f} / {r['plain_cpu']:.1f} | "
            f"{r['ratio']:.2f}× / {r['cpu_ratio']:.2f}× | {r['plugin_mb']:.1f} | "
            f"{r['plain_mb']:.1f} | {100 * r['plugin_mb'] / r['n']:.2f} | {r['search_mb']:.1f} | {r['page_kb']:.0f} | "
            f"{r['page_gz_kb']:.0f} | {r['warnings']} |"
        )
    return "\n".join(out)


def weight_report(site: Path) -> str:
    w = page_weight(site)
    ok = w.total <= PAGE_BUDGET_BYTES and w.gzip <= PAGE_BUDGET_GZIP_BYTES
    return (
        f"Page weight of /{WEIGHT_PAGE}/: HTML {w.html / 1e3:.1f} kB + CSS {w.css / 1e3:.1f} kB + JS {w.js / 1e3:.1f} kB "
        f"= {w.total / 1e3:.1f} kB ({w.gzip / 1e3:.1f} kB gzip); budget {PAGE_BUDGET_BYTES / 1e3:.0f} kB "
        f"/ {PAGE_BUDGET_GZIP_BYTES / 1e3:.0f} kB gzip: {'within' if ok else 'OVER'}.\n  files: {', '.join(w.files)}"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="100,1000", help="comma-separated numbers of documents (default 100,1000)")
    p.add_argument("--keep", type=Path, help="keep the projects and sites in this folder")
    p.add_argument("--weight-only", action="store_true", help="build the real site once and report its page weight")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        real = mkdocs_build(ROOT, work / "site-real")
        if real.returncode != 0:
            raise SystemExit(f"the real site does not build:\n{real.log[-4000:]}")
        print(weight_report(work / "site-real"))
        if args.weight_only:
            return 0
        rows = []
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            print(f"N={n}: building…", file=sys.stderr, flush=True)
            rows.append(bench_size(n, work))
        print()
        print(table(rows))
        if len(rows) > 1:
            a, b = rows[0], rows[-1]
            print(f"\nOutput growth {a['n']}→{b['n']} docs: ×{b['plugin_mb'] / a['plugin_mb']:.2f} for ×{b['n'] / a['n']:.0f} documents "
                  f"(linear = ×{b['n'] / a['n']:.0f}).")
        worst = max(r["cpu_ratio"] for r in rows)
        print(f"Target plugin ≤ 1.5× plain (CPU time): {'met' if worst <= 1.5 else 'NOT met'} (worst {worst:.2f}×); "
              f"wall-clock ratios are in the table (noisy on a shared machine).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
