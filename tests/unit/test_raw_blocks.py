"""Raw HTML blocks lifted out of Markdown and put back (render/raw_blocks.py): the HTML is the
same as Markdown's own, on the real pages that carry them."""

from __future__ import annotations

import re

import markdown
from seeds import seed_corpus

from palimpsest.lineage import compute_lineage
from palimpsest.render import SiteContext, render_document
from palimpsest.render.footnote_numbers import FootnoteNumbersExtension
from palimpsest.render.lineage_pages import comparison_pages
from palimpsest.render.raw_blocks import RAW_CLOSE, RAW_OPEN, RawBlocks, raw_block


def convert(text: str) -> str:
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    md = markdown.Markdown(extensions=["footnotes", "attr_list", "md_in_html", "toc", FootnoteNumbersExtension()])
    return md.convert(body)


def both_ways(text: str) -> tuple[str, str]:
    raw = RawBlocks()
    lifted = raw.lift("p.md", text)
    assert RAW_OPEN not in lifted
    # Markdown keeps the two marker comments; the lifted block comes back without them
    direct = re.sub(rf"{RAW_OPEN}\n?|\n?{RAW_CLOSE}", "", convert(text))
    html, ids = raw.restore("p.md", convert(lifted))
    assert ids <= set(re.findall(r'\sid="([^"]+)"', html))
    return direct, html


def test_document_and_comparison_pages_come_out_the_same():
    docs, _ = seed_corpus()
    ctx = SiteContext()
    pages = [render_document(d, ctx).markdown for d in docs]
    lin = compute_lineage(docs)
    pages += [md for _, md in comparison_pages(lin, {d.slug: d for d in docs}, ctx)]
    assert len(pages) > len(docs)
    lifted = 0
    for text in pages:
        direct, via = both_ways(text)
        assert direct == via
        lifted += text.count(RAW_OPEN)
    assert lifted >= len(pages)  # every page has its header or its comparison lifted


def test_a_placeholder_of_another_build_or_page_is_left_alone():
    raw = RawBlocks()
    text = "# T\n\n" + raw_block('<div class="x">\n<p>a</p>\n</div>') + "\n\nText.\n"
    lifted = raw.lift("a.md", text)
    html = convert(lifted)
    assert raw.restore("b.md", html) == (html, set())  # not this page's blocks
    other = RawBlocks()  # another build: another token
    assert other.restore("a.md", html) == (html, set())
    assert '<div class="x">' in raw.restore("a.md", html)[0]


def test_contributor_text_cannot_forge_a_block():
    raw = RawBlocks()
    forged = "<!-- palimpsest:raw 0000 0 -->"
    text = "# T\n\n" + raw_block("<p>kept</p>") + "\n\n" + forged + "\n"
    out, _ = raw.restore("a.md", convert(raw.lift("a.md", text)))
    assert out.count("<p>kept</p>") == 1 and forged in out


def test_the_anchors_of_the_blocks_put_back_are_reported():
    """MkDocs validates links to a page's anchors: those inside lifted blocks are handed back."""
    docs, _ = seed_corpus()
    for doc in docs:
        raw = RawBlocks()
        text = render_document(doc, SiteContext()).markdown
        _, ids = raw.restore("p.md", convert(raw.lift("p.md", text)))
        assert {c.anchor for c in doc.clauses} <= ids, doc.slug
        assert {f"fn:{fn.number}" for fn in doc.footnotes} <= ids, doc.slug
