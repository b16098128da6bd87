"""Notes are untrusted input: the rendered HTML is sanitized; cross-references resolve to
page-relative hrefs; the GitHub editor URLs and the note partial."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jinja2
import pytest
from bs4 import BeautifulSoup
from test_annotations_fixtures import small_corpus

from palimpsest.notes.html import page_href, render_body, sanitize_html
from palimpsest.notes.links import add_note_links, add_note_url, edit_url, new_file_url, note_context
from palimpsest.notes.read import parse_annotations

REPO = "https://github.com/example/palimpsest"
TEMPLATES = Path(__file__).resolve().parents[2] / "plugins" / "palimpsest" / "templates"


@pytest.fixture
def anchors_of():
    return {s: frozenset(c.anchor for c in d.clauses) for s, d in small_corpus().items()}


def render(md: str, anchors_of, slug: str = "a-res-68-131") -> str:
    html, problems, _ = render_body(md, slug, anchors_of)
    assert problems == []
    return html


def test_script_is_removed_with_its_content(anchors_of):
    html = render("Hello <script>alert('x')</script> world\n\n<script>\nalert(2)\n</script>\n", anchors_of)
    assert "script" not in html.lower() and "alert" not in html


def test_event_handlers_and_images_are_removed(anchors_of):
    html = render(
        '<img src="x" onerror="alert(1)"> and <b onclick="alert(2)">bold</b> <a href="https://x.org" onmouseover="alert(3)">x</a>\n',
        anchors_of,
    )
    assert "onerror" not in html and "onclick" not in html and "onmouseover" not in html
    assert "<img" not in html and "alert" not in html
    assert '<a href="https://x.org" rel="noopener">x</a>' in html


def test_javascript_urls_never_become_links(anchors_of):
    html = render(
        '[click](javascript:alert(1)) <a href="javascript:alert(2)">raw</a> <a href="JaVaScRiPt:alert(3)">mixed</a> [data](data:text/html,hi)\n',
        anchors_of,
    )
    soup = BeautifulSoup(html, "html.parser")
    for a in soup.find_all("a"):
        assert not (a.get("href") or "").lower().startswith(("javascript", "data"))
    assert 'href="javascript' not in html.lower()


def test_iframes_forms_and_styles_are_removed(anchors_of):
    md = (
        '<iframe src="https://evil.example"></iframe>\n\n'
        '<form action="https://evil.example"><input name="q"><button>Go</button></form>\n\n'
        '<p style="position:fixed;top:0">styled</p>\n\n'
        "<style>body{display:none}</style>\n"
    )
    html = render(md, anchors_of)
    low = html.lower()
    for bad in ("<iframe", "<form", "<input", "<button", "style=", "<style", "display:none", "evil.example"):
        assert bad not in low, bad
    assert "<p>styled</p>" in html


def test_ordinary_markdown_survives(anchors_of):
    md = (
        "A *quiet* **change** with `code`, H<sub>2</sub>O and x<sup>2</sup>.<br>\n\n"
        "> quoted text\n\n"
        "- one\n- two\n\n"
        "3. three\n4. four\n\n"
        "### Sub-heading\n\n"
        "```\npre\n```\n\n"
        "---\n\n"
        "[undocs](https://undocs.org/A/RES/70/1)\n"
    )
    html = render(md, anchors_of)
    for tag in (
        "<em>quiet</em>",
        "<strong>change</strong>",
        "<code>code</code>",
        "<sub>2</sub>",
        "<sup>2</sup>",
        "<br>",
        "<blockquote>",
        "<ul>",
        "<li>one</li>",
        '<ol start="3">',
        "<h3>Sub-heading</h3>",
        "<pre><code>pre",
        "<hr>",
    ):
        assert tag in html, tag
    assert '<a href="https://undocs.org/A/RES/70/1" rel="noopener">undocs</a>' in html


def test_sanitize_html_adds_rel_noopener_and_drops_foreign_rel():
    assert (
        sanitize_html('<a href="https://x.org" rel="opener" target="_blank">x</a>')
        == '<a href="https://x.org" rel="noopener">x</a>'
    )


def test_cross_references_resolve_relative_to_the_page(anchors_of):
    html, problems, refs = render_body(
        "[a](a-res-68-131#op4), [b](#pp2), [c](e-res-2010-12), [d](ilc-109-record-7a#conclusions-p13-b)\n",
        "e-res-2010-12",
        anchors_of,
    )
    assert problems == []
    hrefs = [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a")]
    assert hrefs == ["../a-res-68-131/#op4", "#pp2", "./", "../ilc-109-record-7a/#conclusions-p13-b"]
    assert refs == [("a-res-68-131", "op4"), ("e-res-2010-12", "pp2"), ("ilc-109-record-7a", "conclusions-p13-b")]


def test_page_href():
    assert page_href("a", "b", "op4") == "../b/#op4"
    assert page_href("a", "a", "op4") == "#op4"
    assert page_href("a", "b") == "../b/"


def test_relative_file_links_are_reported(anchors_of):
    _, problems, _ = render_body("Intro.\n\nSee [x](notes.html) here.\n", "a-res-68-131", anchors_of)
    assert len(problems) == 1 and problems[0].line == 3 and "notes.html" in problems[0].problem


def test_edit_and_new_file_urls():
    assert (
        edit_url(REPO + ".git/", "main", "sources/a-res-68-131")
        == f"{REPO}/edit/main/sources/a-res-68-131/annotations.md"
    )
    url = new_file_url(REPO, "main", "sources/a-res-70-126", "op4")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/new/main/sources/a-res-70-126"
    q = parse_qs(parts.query)
    assert q["filename"] == ["annotations.md"]
    assert "## op4\n" in q["value"][0] and "Author: " in q["value"][0]
    assert " " not in url and "\n" not in url
    assert "# Notes on a-res-70-126\n" in q["value"][0]
    assert add_note_url(REPO, "main", "sources/a-res-70-126", "op4", file_exists=True) == edit_url(
        REPO, "main", "sources/a-res-70-126"
    )
    assert add_note_url(REPO, "main", "sources/a-res-70-126", "op4", file_exists=False) == url
    # another sources folder (the plugin's `sources_dir`) is honoured
    assert edit_url(REPO, "main", "corpus/a-res-68-131") == f"{REPO}/edit/main/corpus/a-res-68-131/annotations.md"


def test_the_document_add_note_links_give_each_clause_its_url():
    """One pair of links per document page: the page script puts a clause's anchor in the
    template's slot (assets/palimpsest.js addNote) and gets that clause's add_note_url."""
    for exists in (True, False):
        links = add_note_links(REPO, "main", "sources/a-res-70-126", exists)
        assert links["slot"] in links["template"] or exists
        for anchor in ("op4", "pp12", "op1-a-ii"):
            got = links["template"].replace(links["slot"], anchor)
            assert got == add_note_url(REPO, "main", "sources/a-res-70-126", anchor, file_exists=exists)
        expected = edit_url(REPO, "main", "sources/a-res-70-126") if exists else None
        assert links["url"] == expected or (not exists and "/new/main/sources/a-res-70-126?" in links["url"])


def test_note_partial_renders_a_note():
    corpus = small_corpus()
    notes, errors = parse_annotations(
        "## op4\n\nAuthor: Jane <b>Doe</b>\nSources: A/RES/70/1, Plain text source\n\nA *note* with [a link](e-res-2010-12#op24).\n",
        "sources/a-res-68-131/annotations.md",
        corpus["a-res-68-131"],
        corpus,
    )
    assert errors == []
    ctx = note_context(notes["op4"], REPO, "main")
    assert ctx["edit_url"] == f"{REPO}/edit/main/sources/a-res-68-131/annotations.md"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    out = env.get_template("partials/palimpsest/note.html").render(note=ctx)
    soup = BeautifulSoup(out, "html.parser")
    aside = soup.find(class_="clause-note")
    assert aside is not None and aside["id"] == "op4-note"
    assert "Contributor's note" in aside.get_text()
    assert aside.find("em").get_text() == "note"
    assert aside.find("a", href="../e-res-2010-12/#op24") is not None
    assert aside.find("a", href="https://undocs.org/A/RES/70/1").get_text() == "A/RES/70/1"
    assert "Plain text source" in aside.get_text()
    assert aside.find("b") is None and "Jane <b>Doe</b>" in aside.get_text()  # author escaped
    assert aside.find("a", string="Edit this note")["href"] == ctx["edit_url"]
