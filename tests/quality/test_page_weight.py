"""Page-weight budget of a document page: its HTML + every CSS and JS file it loads (bytes,
not time; measured by ``scripts/bench_site.py``, which also reports it for synthetic corpora)."""

from __future__ import annotations

from quality_support import load_script

bench = load_script("bench_site")


def test_document_page_within_budget(built_site):
    w = bench.page_weight(built_site, bench.WEIGHT_PAGE)
    assert w.html > 10_000 and w.css > 0 and w.js > 0, w
    assert not any(f.endswith(".map") for f in w.files)
    summary = (
        f"/{bench.WEIGHT_PAGE}/: HTML {w.html:,} + CSS {w.css:,} + JS {w.js:,} = {w.total:,} bytes "
        f"({w.gzip:,} gzip); files: {', '.join(w.files)}"
    )
    assert w.total <= bench.PAGE_BUDGET_BYTES, f"over the {bench.PAGE_BUDGET_BYTES:,}-byte budget: {summary}"
    assert w.gzip <= bench.PAGE_BUDGET_GZIP_BYTES, (
        f"over the {bench.PAGE_BUDGET_GZIP_BYTES:,}-byte gzip budget: {summary}"
    )
