"""The notes of a document page are HTML the plugin writes itself (render/page.py
footnote_list, partials/palimpsest/footnotes.html, inline.FootnoteRefs), in the shape of
Python-Markdown's ``footnotes`` extension with ``footnote_numbers``, which Material's tooltips
read. Here both are built for the same texts, on every seed document and on lettered notes,
and must agree element by element."""

from __future__ import annotations

from dataclasses import replace

import markdown
import pytest
from bs4 import BeautifulSoup
from seeds import seed_corpus

from palimpsest.model import Footnote, FootnoteRef
from palimpsest.render import SiteContext
from palimpsest.render.footnote_numbers import FootnoteNumbersExtension
from palimpsest.render.inline import FootnoteRefs, weave, weave_html
from palimpsest.render.page import footnote_list, note_order
from palimpsest.render.templating import render_partial

CTX = SiteContext()


def by_markdown(doc) -> BeautifulSoup:
    """The clauses' call-outs and the notes as the footnotes extension writes them."""
    known = {fn.number for fn in doc.footnotes}
    lines = []
    for c in doc.clauses:
        lines += [weave(c.text, c.emphasis, [(r.offset, r.number) for r in c.footnote_refs], (), known), ""]
    for fn in note_order(doc):
        lines += [f"[^{fn.number}]: " + weave(fn.text, fn.emphasis, (), ()), ""]
    md = markdown.Markdown(extensions=["footnotes", FootnoteNumbersExtension()])
    return BeautifulSoup(md.convert("\n".join(lines)), "html.parser")


def by_plugin(doc) -> BeautifulSoup:
    refs = FootnoteRefs(fn.number for fn in note_order(doc))
    html = [
        "<p>" + weave_html(c.text, c.emphasis, [(r.offset, r.number) for r in c.footnote_refs], (), refs) + "</p>"
        for c in doc.clauses
    ]
    notes = footnote_list(
        replace(doc, footnotes=tuple(replace(f, citations=()) for f in doc.footnotes)), "x/index.md", CTX, refs
    )
    html.append(render_partial("footnotes", notes=notes))
    return BeautifulSoup("\n".join(html), "html.parser")


def shape(soup: BeautifulSoup) -> list:
    calls = [(s.get("id"), s.a.get("href"), s.get_text()) for s in soup.select("sup[id^=fnref]")]
    notes = [
        (
            li.get("id"),
            li.get("value"),
            li.get_text(" ", strip=True),
            [(a["href"], a.get("title")) for a in li.select("a.footnote-backref")],
        )
        for li in soup.select("div.footnote > ol > li")
    ]
    return [calls, notes, [s.get_text() for s in soup.select("sup:not([id])")]]


@pytest.mark.parametrize("doc", [d for d in seed_corpus()[0] if d.footnotes], ids=lambda d: d.slug)
def test_the_notes_of_every_seed_document_match_the_footnotes_extension(doc):
    assert shape(by_plugin(doc)) == shape(by_markdown(doc))


def test_lettered_notes_and_a_note_called_twice():
    doc = next(d for d in seed_corpus()[0] if d.footnotes and len(d.clauses) > 2)
    first, second = doc.clauses[0], doc.clauses[1]
    calls = {
        first.anchor: [FootnoteRef(offset=3, number="a"), FootnoteRef(offset=5, number="b")],
        second.anchor: [FootnoteRef(offset=2, number="a")],
    }
    parts = tuple(
        replace(
            p,
            items=tuple(
                replace(i, footnote_refs=tuple(calls.get(getattr(i, "anchor", None), ())))
                if hasattr(i, "footnote_refs")
                else i
                for i in p.items
            ),
        )
        for p in doc.parts
    )
    lettered = replace(
        doc,
        parts=parts,
        footnotes=(Footnote(number="a", text="Note a.", line=1), Footnote(number="b", text="Note b.", line=2)),
    )
    got = shape(by_plugin(lettered))
    assert got == shape(by_markdown(lettered))
    assert [c[0] for c in got[0]] == ["fnref:a", "fnref:b", "fnref2:a"]  # the second call of a
