#!/usr/bin/env python3
"""Whole-site benchmark: the palimpsest plugin against a HAND-MADE Material site of the same texts.

    .venv/bin/python scripts/bench_site.py                      # N = 100 and 1,000 documents
    .venv/bin/python scripts/bench_site.py --sizes 100          # one size
    .venv/bin/python scripts/bench_site.py --search-only 10000  # search + listing figures at 10,000
    .venv/bin/python scripts/bench_site.py --weight-only        # page weight of the real site

For each N a synthetic project is written to a temporary folder: N documents copied from the
real ``sources/`` (round robin), each with a new slug, a new symbol (the original one with
``/S<i>`` appended), an adoption date shifted by i days and ~2 % of its words swapped for other
words of the same text (so no two pages are identical and lineage finds near-copies, as in a
real corpus of revisions); contributors' notes are copied along. Then, in the same run:

(a) ``mkdocs build`` of the project with the palimpsest plugin (cold: no lineage cache), whose
    ``on_post_build`` runs Pagefind;
(b) the HAND-MADE site: what a person would write by hand for the same texts — one Markdown
    page per document with the same clauses, anchors (``{: #op4 }``), footnotes and notes
    (admonitions), a home page listing every document, the same theme, features and Markdown
    extensions, and Material's own search plugin; built by plain ``mkdocs build``. Writing it is
    not timed.

Reported (Markdown table): build CPU (user + system of the build and its children: the fair
measure when other jobs share the machine) and wall seconds of (a) and (b) and their ratio
(target ≤ 2), the plugin build's peak memory (target ≤ 1.5 GB at 1,000), output MB, the median
document page HTML (kB) of each, the largest listing page and the corpus map (kB), the search
index (MB), and the bytes one query transfers (gzip, measured in Chromium: every response
after the reader types, in a fresh browser context) for three typical queries, against what
Material's search downloads on every page load in (b).

``--search-only N``: the search and listing figures for N documents without the MkDocs build
(too long at 10,000 on a small machine): the same pipeline renders every page's Markdown, which
Python-Markdown turns into HTML inside the same search markup (``data-pagefind-body``, the
``search-data.html`` partial); Pagefind indexes it; the queries run in Chromium; listing pages
and the corpus map are their templates' content plus Material's page chrome measured at 100.

``page_weight(site, page)`` is importable (tests/quality uses it for the page-weight budget).
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
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
        (folder / "document.yml").write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
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
    cpu: float  # user + system CPU seconds of the build process and its children (Pagefind)
    max_rss_mb: float  # peak resident memory of the build process (or of its largest child)
    bytes: int
    warnings: int
    returncode: int
    log: str


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def mkdocs_build(project: Path, site: Path, config: str = "mkdocs.yml") -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"}
    log_path = site.parent / f"{site.name}.log"
    with open(log_path, "w", encoding="utf-8") as log_file:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [PYTHON, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(site)],
            cwd=project,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=env,
        )
        _, status, usage = os.wait4(proc.pid, 0)  # this child's (and its children's) usage only
        seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    log = log_path.read_text(encoding="utf-8")
    return Build(
        seconds,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        tree_bytes(site) if site.is_dir() else 0,
        log.count("WARNING"),
        proc.returncode,
        log,
    )


# --- the hand-made site ------------------------------------------------------------------------


def handmade_project(project: Path, dest: Path) -> int:
    """Write what a person would write by hand for the documents of ``project``: one Markdown
    page each (title, a line of metadata, the parts, every clause a paragraph with its anchor,
    footnotes, notes as admonitions), a home page listing them, Material with its search."""
    import yaml

    sys.path.insert(0, str(ROOT / "plugins"))
    from palimpsest.enrich import load_notes
    from palimpsest.ingest import load_corpus
    from palimpsest.mkdocs_yml import read_config
    from palimpsest.model import Clause
    from palimpsest.render.inline import escape_md, protect_line_start, weave
    from palimpsest.render.site import human_date, sort_date

    docs, _ = load_corpus(project / "sources", project)
    notes, _ = load_notes(docs, project)
    (dest / "docs").mkdir(parents=True, exist_ok=True)
    for f in ("how-to-cite.md", "how-to-contribute.md", "data.md"):
        if (project / "docs" / f).is_file():
            shutil.copy2(project / "docs" / f, dest / "docs" / f)
    rows = ["# Palimpsest", "", "| Date | Symbol | Title |", "|---|---|---|"]
    for d in sorted(docs, key=lambda d: sort_date(d.meta), reverse=True):
        rows.append(
            f"| {human_date(sort_date(d.meta))} | [{escape_md(d.meta.symbol)}]({d.slug}.md) | {escape_md(d.meta.title)} |"
        )
    (dest / "docs" / "index.md").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for d in docs:
        m = d.meta
        known = {fn.number for fn in d.footnotes}
        out = [
            "---",
            f"title: {json_str(m.symbol + ' — ' + m.title)}",
            "---",
            "",
            f"# {escape_md(m.title)}",
            "",
            f"**{escape_md(m.symbol)}** · {escape_md(m.body)} · {human_date(sort_date(m))} · [Official text]({m.official_url or 'https://undocs.org/' + m.symbol})",
            "",
        ]
        for part in d.parts:
            if part.title:
                out += [f"## {escape_md(part.title)}", ""]
            for item in part.items:
                text = weave(item.text, item.emphasis, [(r.offset, r.number) for r in item.footnote_refs], [], known)
                if isinstance(item, Clause):
                    num = {"preambular": "", "point": f"({item.number}) "}.get(item.kind, f"{item.number}. ")
                    out += [protect_line_start(escape_md(num) + text), f"{{: #{item.anchor} }}", ""]
                    note = notes.get(d.slug, {}).get(item.anchor)
                    if note is not None:
                        body = (note.markdown or "").strip().splitlines() or [""]
                        out += ['!!! note "Contributor\'s note"', "", *("    " + line for line in body), ""]
                elif text:
                    out += [text, ""]
        for fn in sorted(d.footnotes, key=lambda f: (len(f.number), f.number)):
            out += [f"[^{fn.number}]: " + weave(fn.text, fn.emphasis, (), []), ""]
        (dest / "docs" / f"{d.slug}.md").write_text("\n".join(out), encoding="utf-8")
    cfg = read_config(project / "mkdocs.yml")  # resolves nothing: the plugin options (!ENV) are replaced
    cfg["plugins"] = ["search"]
    cfg.pop("watch", None)
    cfg["nav"] = [{"Documents": "index.md"}] + [
        {k: v}
        for k, v in (
            ("How to cite", "how-to-cite.md"),
            ("How to contribute", "how-to-contribute.md"),
            ("Data (JSON)", "data.md"),
        )
        if (dest / "docs" / v).is_file()
    ]
    cfg["not_in_nav"] = "/s[0-9]*.md"
    cfg["validation"] = {
        "omitted_files": "ignore",
        "unrecognized_links": "ignore",
        "anchors": "ignore",
        "absolute_links": "ignore",
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(docs)


def json_str(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


# --- sizes -------------------------------------------------------------------------------------


def median(values: list[int]) -> float:
    values = sorted(values)
    if not values:
        return 0.0
    mid = len(values) // 2
    return float(values[mid]) if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def doc_pages(site: Path, prefix: str = "s", slugs: list[str] | None = None) -> list[Path]:
    """The document pages of a built site: those of ``slugs``, or the synthetic ones."""
    if slugs is not None:
        return [site / slug / "index.html" for slug in sorted(slugs) if (site / slug / "index.html").is_file()]
    return sorted(p for p in site.glob(f"{prefix}[0-9]*/index.html"))


def page_ratios(plugin_site: Path, hand_site: Path, slugs: list[str]) -> tuple[float, float]:
    """Median and largest ratio of a document page's HTML, plugin / hand-made (same document)."""
    ratios = sorted(
        (plugin_site / s / "index.html").stat().st_size / (hand_site / s / "index.html").stat().st_size
        for s in slugs
        if (plugin_site / s / "index.html").is_file() and (hand_site / s / "index.html").is_file()
    )
    return (ratios[len(ratios) // 2], ratios[-1]) if ratios else (0.0, 0.0)


def site_sizes(site: Path, slugs: list[str] | None = None) -> dict:
    listing = [p.stat().st_size for p in (site / "browse").rglob("index.html")] if (site / "browse").is_dir() else []
    cmap = site / "corpus-map" / "index.html"
    pf = site / "pagefind"
    return {
        "page_kb": median([p.stat().st_size for p in doc_pages(site, slugs=slugs)]) / 1e3,
        "listing_kb": max(listing) / 1e3 if listing else 0.0,
        "home_kb": (site / "index.html").stat().st_size / 1e3,
        "map_kb": cmap.stat().st_size / 1e3 if cmap.is_file() else 0.0,
        "index_mb": tree_bytes(pf) / 1e6 if pf.is_dir() else 0.0,
    }


def handmade_sizes(site: Path, slugs: list[str] | None = None) -> dict:
    pages = doc_pages(site, slugs=slugs)
    idx = site / "search" / "search_index.json"
    raw = idx.read_bytes() if idx.is_file() else b""
    return {
        "page_kb": median([p.stat().st_size for p in pages]) / 1e3,
        "search_mb": len(raw) / 1e6,
        # what Material's search downloads with every page: the whole index (gzip on the wire)
        "search_gz_kb": len(gzip.compress(raw, 6, mtime=0)) / 1e3,
    }


# --- search queries in Chromium ------------------------------------------------------------------


def serve(folder: Path):
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # noqa: D401
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def query_transfers(site: Path, page: str, queries: list[str]) -> list[dict]:
    """For each query, in a fresh browser context (cold cache): open ``page``, check nothing of
    the index was fetched, type the query in the header box, wait for the results; the bytes
    of every response after typing, gzip-compressed as a server would send them (Pagefind's
    own files are already compressed)."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            for q in queries:
                ctx = browser.new_context()
                tab = ctx.new_page()
                got: list = []
                tab.on("requestfinished", lambda r: got.append(r))
                tab.goto(base + page, wait_until="networkidle")
                before = [r.url for r in got if "/pagefind/" in r.url]
                got.clear()
                t0 = time.perf_counter()
                tab.fill("#pal-search-input", q)
                tab.wait_for_function(
                    "() => /found|Nothing/.test(document.querySelector('.pal-search__status').textContent)",
                    timeout=60_000,
                )
                tab.wait_for_load_state("networkidle")
                seconds = time.perf_counter() - t0
                total = files = 0
                for r in got:
                    resp = r.response()
                    if resp is None:
                        continue
                    body = resp.body()
                    total += (
                        len(gzip.compress(body, 6, mtime=0))
                        if not r.url.endswith((".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"))
                        else len(body)
                    )
                    files += 1
                first = tab.locator(".pal-search__results a").first
                out.append(
                    {
                        "query": q,
                        "kb": total / 1e3,
                        "files": files,
                        "seconds": seconds,
                        "before": before,
                        "first": first.inner_text() if first.count() else "",
                    }
                )
                ctx.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def queries_for(site: Path, slugs: list[str] | None = None) -> tuple[str, list[str]]:
    """A document page to search from, and three typical queries: a common phrase, a rarer
    phrase, and a document's symbol."""
    pages = doc_pages(site, slugs=slugs)
    page = pages[len(pages) // 2]
    symbol = ""
    html = page.read_text(encoding="utf-8")
    m = re.search(r'data-pagefind-meta="symbol\[data-v\]" data-v="([^"]+)"', html)
    if m:
        symbol = m.group(1)
    return page.parent.name + "/", ["sustainable development", "Copenhagen Declaration", symbol or "A/RES/70/126"]


# --- one size ----------------------------------------------------------------------------------


def real_project(dest: Path) -> Path:
    """A copy of this project as it stands: configuration, hand-written pages, the whole corpus
    of ``sources/`` and its lock."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "anchors.lock"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "sources"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


def bench_size(n: int, work: Path, real: bool = False) -> dict:
    """One row: ``n`` synthetic documents, or (``real``) the project's own corpus."""
    project = real_project(work / f"project-{n}") if real else synthetic_project(work / f"project-{n}", n)
    plugin = mkdocs_build(project, work / f"site-plugin-{n}")
    if plugin.returncode != 0:
        raise SystemExit(f"N={n}: the plugin build failed (exit {plugin.returncode}):\n{plugin.log[-4000:]}")
    handmade_project(project, work / f"handmade-{n}")
    hand = mkdocs_build(work / f"handmade-{n}", work / f"site-handmade-{n}")
    if hand.returncode != 0:
        raise SystemExit(f"N={n}: the hand-made build failed (exit {hand.returncode}):\n{hand.log[-4000:]}")
    site = work / f"site-plugin-{n}"
    slugs = sorted(p.name for p in (project / "sources").iterdir() if (p / "document.yml").is_file())
    page, queries = queries_for(site, slugs)
    row = {
        "n": n,
        "real": real,
        "plugin": plugin,
        "hand": hand,
        **site_sizes(site, slugs),
        "hand_sizes": handmade_sizes(work / f"site-handmade-{n}", slugs),
        "page_ratio": page_ratios(site, work / f"site-handmade-{n}", slugs),
        "queries": query_transfers(site, page, queries),
    }
    print(f"N={n}: plugin {plugin.cpu:.1f} s CPU, hand-made {hand.cpu:.1f} s CPU", file=sys.stderr, flush=True)
    return row


# --- search and listings without the MkDocs build (10,000) --------------------------------------

SEARCH_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>
<script id="__config" type="application/json">{{"base": "{base}"}}</script>
{box}
<article class="md-content__inner md-typeset"><div data-pagefind-body>{data}{content}</div></article>
<script src="{base}/assets/palimpsest/search.js"></script>
</body></html>
"""


def search_only(n: int, work: Path, chrome: dict, reuse: bool = False) -> dict:
    """Search and listing figures for ``n`` documents (see the module docstring)."""
    if reuse and (work / f"site-search-{n}" / "pagefind").is_dir():
        site = work / f"site-search-{n}"
        page, queries = queries_for(site)
        return {
            "n": n,
            "pipeline_s": 0.0,
            "html_s": 0.0,
            "index_s": 0.0,
            "index_mb": tree_bytes(site / "pagefind") / 1e6,
            "listing_kb": 0.0,
            "listing_pages": 0,
            "map_kb": 0.0,
            "queries": query_transfers(site, page, queries),
        }
    import jinja2
    import markdown
    import yaml

    sys.path.insert(0, str(ROOT / "plugins"))
    from palimpsest.render import SiteContext
    from palimpsest.render.footnote_numbers import FootnoteNumbersExtension
    from palimpsest.search import build_index
    from palimpsest.site_build import generate_site

    project = synthetic_project(work / f"project-{n}", n)
    t0 = time.perf_counter()
    site_data = generate_site(project / "sources", project, SiteContext(), lineage=True, lock=False)
    pipeline_s = time.perf_counter() - t0
    templates = ROOT / "plugins" / "palimpsest" / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)))
    data_tpl = env.get_template("partials/palimpsest/search-data.html")
    box = (
        '<div class="pal-search" data-pal-search><form class="pal-search__form" action="../search/" method="get">'
        '<input class="pal-search__input" id="pal-search-input" type="search" name="q"></form>'
        '<div class="pal-search__panel" hidden><p class="pal-search__status"></p><ol class="pal-search__results"></ol>'
        '<p class="pal-search__all"><a href="../search/">All</a></p></div></div>'
    )
    site = work / f"site-search-{n}"
    (site / "assets" / "palimpsest").mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "plugins" / "palimpsest" / "assets" / "search.js", site / "assets" / "palimpsest" / "search.js")
    md = markdown.Markdown(extensions=["footnotes", "attr_list", "md_in_html", "tables", FootnoteNumbersExtension()])
    t0 = time.perf_counter()
    for page in site_data.pages:
        body = re.sub(r"^---\n.*?\n---\n", "", page.markdown, flags=re.S)
        html = md.reset().convert(body)
        out = site / page.src_uri.replace("index.md", "index.html")
        out.parent.mkdir(parents=True, exist_ok=True)
        data = data_tpl.render(page={"meta": {"palimpsest": page.meta}})
        out.write_text(
            SEARCH_PAGE.format(title=page.meta["symbol"], base="..", box=box, data=data, content=html), encoding="utf-8"
        )
    html_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    build_index(site)
    index_s = time.perf_counter() - t0
    page, queries = queries_for(site)
    listing_tpl = _content_template(env, templates / "palimpsest" / "listing.html")
    map_tpl = _content_template(env, templates / "palimpsest" / "corpus-map.html")
    sizes = []
    for src, text in site_data.browse_pages:
        meta = yaml.safe_load(text.split("---\n")[1])
        if meta.get("template") == "palimpsest/listing.html":
            sizes.append(len(listing_tpl.render(page={"meta": meta}, config={"use_directory_urls": True}).encode()))
    cmap = next(text for src, text in site_data.extra_pages if src == "corpus-map/index.md")
    map_bytes = len(map_tpl.render(page={"meta": yaml.safe_load(cmap.split("---\n")[1])}).encode())
    return {
        "n": n,
        "pipeline_s": pipeline_s,
        "html_s": html_s,
        "index_s": index_s,
        "index_mb": tree_bytes(site / "pagefind") / 1e6,
        "listing_kb": (max(sizes) + chrome.get("listing", 0)) / 1e3,
        "listing_pages": len(sizes),
        "map_kb": (map_bytes + chrome.get("map", 0)) / 1e3,
        "queries": query_transfers(site, page, queries),
    }


def replicate_search(site: Path, factor: int, work: Path) -> dict:
    """Search figures for ``factor`` × the documents of a ``--search-only`` site without running
    the pipeline again: each page is copied ``factor - 1`` times under a new slug with a new
    symbol (``…/S12`` → ``…/S12R3``, its symbol keys likewise), then indexed by Pagefind and
    queried in Chromium — a corpus of the same texts, ``factor`` times larger."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from palimpsest.search import build_index, symbol_keys

    out = work / f"site-search-x{factor}"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site, out, ignore=shutil.ignore_patterns("pagefind"))
    pages = doc_pages(out)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        m = re.search(r'data-pagefind-meta="symbol\[data-v\]" data-v="([^"]+)"', html)
        if not m:
            continue
        symbol = m.group(1)
        keys = " ".join(symbol_keys(symbol))
        for k in range(1, factor):
            new = f"{symbol}R{k}"
            text = html.replace(f'data-v="{symbol}', f'data-v="{new}').replace(keys, " ".join(symbol_keys(new)))
            dest = out / f"r{k}-{page.parent.name}" / "index.html"
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
    t0 = time.perf_counter()
    build_index(out)
    index_s = time.perf_counter() - t0
    page, queries = queries_for(out)
    return {
        "n": len(doc_pages(out)) + sum(1 for _ in out.glob("r*-s*/index.html")),
        "index_s": index_s,
        "index_mb": tree_bytes(out / "pagefind") / 1e6,
        "queries": query_transfers(out, page, queries),
    }


def listing_figures(n: int, chrome: dict) -> dict:
    """Listing pages and home summary for ``n`` documents made from the real sources' metadata
    (as ``synthetic_project`` names them: slug, symbol ``…/S<i>``, date shifted by i days),
    rendered by their templates (+ Material's chrome measured on a built site): the figures
    depend only on the metadata, so no pipeline run is needed."""
    import dataclasses

    import jinja2
    import yaml

    sys.path.insert(0, str(ROOT / "plugins"))
    from palimpsest.ingest import load_corpus
    from palimpsest.render import SiteContext, documents_listing
    from palimpsest.render.listings import listing_pages

    real, _ = load_corpus(ROOT / "sources", ROOT)
    real = sorted(real, key=lambda d: d.slug)
    docs = []
    for i in range(n):
        d = real[i % len(real)]
        m = d.meta
        shift = lambda iso: (date.fromisoformat(iso) + timedelta(days=i)).isoformat() if iso else iso  # noqa: E731
        meta = dataclasses.replace(
            m,
            slug=f"s{i:05d}-{d.slug}",
            symbol=f"{m.symbol}/S{i}",
            adopted=shift(m.adopted),
            dated=shift(m.dated),
        )
        docs.append(dataclasses.replace(d, meta=meta))
    templates = ROOT / "plugins" / "palimpsest" / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)))
    tpl = _content_template(env, templates / "palimpsest" / "listing.html")
    sizes = []
    for src, text in listing_pages(docs, SiteContext()):
        meta = yaml.safe_load(text.split("---\n")[1])
        sizes.append(len(tpl.render(page={"meta": meta}, config={"use_directory_urls": True}).encode()))
    home = len(documents_listing(docs, SiteContext()).encode())
    return {
        "n": n,
        "listing_kb": (max(sizes) + chrome.get("listing", 0)) / 1e3,
        "listing_pages": len(sizes),
        "home_listing_kb": home / 1e3,
    }


def _content_template(env, path: Path):
    source = path.read_text(encoding="utf-8")
    return env.from_string(re.search(r"{% block content %}(.*){% endblock %}", source, re.S).group(1))


def chrome_bytes(site: Path) -> dict:
    """Material's page chrome around a listing page and the corpus map: the built page's size
    minus its article's content (used to estimate built sizes from template content alone)."""
    out = {}
    for key, page in (
        ("listing", next(iter(sorted((site / "browse").rglob("index.html"))), None)),
        ("map", site / "corpus-map" / "index.html"),
    ):
        if page is None or not page.is_file():
            continue
        html = page.read_text(encoding="utf-8")
        m = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
        out[key] = len(html.encode()) - (len(m.group(1).encode()) if m else 0)
    return out


# --- report ------------------------------------------------------------------------------------


def table(rows: list[dict]) -> str:
    out = [
        "| documents | build CPU, plugin / hand-made (s) | ratio | wall, plugin / hand-made (s) | peak memory, plugin (MB) "
        "| output, plugin / hand-made (MB) | page HTML median, plugin / hand-made (kB) | largest listing page (kB) "
        "| page HTML ratio per document, median / max "
        "| home (kB) | corpus map (kB) | search index, Pagefind / Material (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        p, h, hs = r["plugin"], r["hand"], r["hand_sizes"]
        out.append(
            f"| {r['n']:,}{' (real)' if r.get('real') else ''} | {p.cpu:.1f} / {h.cpu:.1f} | {p.cpu / h.cpu:.2f}× | {p.seconds:.1f} / {h.seconds:.1f} | "
            f"{p.max_rss_mb:,.0f} | {p.bytes / 1e6:.1f} / {h.bytes / 1e6:.1f} | {r['page_kb']:.1f} / {hs['page_kb']:.1f} | "
            f"{r['listing_kb']:.1f} | {r['page_ratio'][0]:.2f}× / {r['page_ratio'][1]:.2f}× | {r['home_kb']:.1f} | {r['map_kb']:.1f} | {r['index_mb']:.1f} / {hs['search_mb']:.1f} |"
        )
    return "\n".join(out)


def query_table(rows: list[dict]) -> str:
    out = [
        "| documents | query | transferred (kB, gzip) | files | time (s) | first result | fetched before typing |",
        "|---:|---|---:|---:|---:|---|---|",
    ]
    for r in rows:
        for q in r["queries"]:
            out.append(
                f"| {r['n']:,} | `{q['query']}` | {q['kb']:.1f} | {q['files']} | {q['seconds']:.2f} | "
                f"{q['first'].replace('|', '/')[:60]} | {len(q['before'])} files |"
            )
        if "hand_sizes" in r:
            out.append(
                f"| {r['n']:,} | hand-made site (Material search, every page load) | {r['hand_sizes']['search_gz_kb']:.1f} | 1 | | | |"
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
    p.add_argument(
        "--search-only",
        type=int,
        default=0,
        help="also: search and listing figures for this many documents, without MkDocs",
    )
    p.add_argument(
        "--replicate",
        type=int,
        default=0,
        help="with --search-only N: also index the site copied this many times (N × factor documents)",
    )
    p.add_argument("--keep", type=Path, help="keep the projects and sites in this folder")
    p.add_argument("--reuse", action="store_true", help="with --keep: reuse a --search-only site already there")
    p.add_argument("--listings", default="", help="comma-separated N: listing page figures only (metadata, no build)")
    p.add_argument("--chrome-from", type=Path, help="a built plugin site to measure Material's page chrome on")
    p.add_argument("--weight-only", action="store_true", help="build the real site once and report its page weight")
    p.add_argument("--real", action="store_true", help="also: a row for the project's own corpus (sources/)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.weight_only:
            real = mkdocs_build(ROOT, work / "site-real")
            if real.returncode != 0:
                raise SystemExit(f"the real site does not build:\n{real.log[-4000:]}")
            print(weight_report(work / "site-real"))
            return 0
        if args.listings:
            chrome = chrome_bytes(args.chrome_from) if args.chrome_from else {}
            for n in [int(s) for s in args.listings.split(",") if s.strip()]:
                r = listing_figures(n, chrome)
                print(
                    f"N={r['n']:,}: {r['listing_pages']} listing pages, the largest {r['listing_kb']:.1f} kB "
                    f"(content + {chrome.get('listing', 0) / 1e3:.1f} kB of Material's chrome); home summary "
                    f"{r['home_listing_kb']:.1f} kB"
                )
            return 0
        rows = []
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            print(f"N={n}: building…", file=sys.stderr, flush=True)
            rows.append(bench_size(n, work))
        if args.real:
            n_real = len([p for p in (ROOT / "sources").iterdir() if (p / "document.yml").is_file()])
            print(f"N={n_real} (the real corpus): building…", file=sys.stderr, flush=True)
            rows.append(bench_size(n_real, work, real=True))
        if rows:
            print(table(rows))
            print()
        extra = []
        if args.search_only:
            chrome = chrome_bytes(work / f"site-plugin-{rows[0]['n']}") if rows else {}
            print(f"N={args.search_only}: search and listings…", file=sys.stderr, flush=True)
            s = search_only(args.search_only, work, chrome, reuse=args.reuse)
            extra.append(s)
            print(
                f"N={s['n']:,} (no MkDocs build): pipeline {s['pipeline_s']:.0f} s, HTML {s['html_s']:.0f} s, "
                f"Pagefind {s['index_s']:.0f} s; search index {s['index_mb']:.1f} MB; largest listing page "
                f"{s['listing_kb']:.1f} kB ({s['listing_pages']} listing pages); corpus map {s['map_kb']:.1f} kB "
                f"(template content + Material's chrome measured on the built site)"
            )
            print()
            if args.replicate > 1:
                r = replicate_search(work / f"site-search-{args.search_only}", args.replicate, work)
                extra.append(r)
                print(
                    f"N={r['n']:,} ({args.search_only:,} documents × {args.replicate}): Pagefind {r['index_s']:.0f} s; "
                    f"search index {r['index_mb']:.1f} MB"
                )
                print()
        print(query_table(rows + extra))
        if rows:
            worst = max(r["plugin"].cpu / r["hand"].cpu for r in rows)
            print(
                f"\nTarget plugin ≤ 2× the hand-made site (CPU): {'met' if worst <= 2 else 'NOT met'} (worst {worst:.2f}×)."
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
