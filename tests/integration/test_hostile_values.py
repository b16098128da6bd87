"""Hostile strings through every field contributors write, then a real strict build, then a scan
of every output (HTML pages and their head, the search index, the sitemap, the JSON export) for
active content. A value is either refused with a message or shown as the text it is."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from subset_project import mkdocs_yml, run_build, start_project

pytestmark = pytest.mark.integration

MARK = "PWNED"
# One payload per context: element content, attribute break-out, URL scheme, Markdown link,
# template syntax, an event handler.
PAYLOADS = [
    f"</title><script>alert('{MARK}')</script>",
    f'"><img src=x onerror=alert("{MARK}")>',
    f"<svg onload=alert('{MARK}')>",
    f"[click](javascript:alert('{MARK}'))",
    f"{{{{ config.{MARK} }}}} {{% raw %}}",
    f"<a href=\"javascript:alert('{MARK}')\">x</a>",
]
HOSTILE = " ".join(PAYLOADS)

MKDOCS_YML = mkdocs_yml("Hostile test", {"sources_dir": "corpus"}, mkdocs_search=True)


def _yml(symbol: str, adopted: str) -> str:
    fields = {
        "symbol": symbol,
        "title": f"Title {HOSTILE}",
        "body": f"General Assembly {PAYLOADS[0]} {PAYLOADS[1]}",
        "adopted": adopted,
        "session": "80",  # markup in a session is refused (test below)
        "committee_report": f"A/80/1 {HOSTILE}",
        "distributed": adopted,
        "meeting": f"50th plenary meeting {HOSTILE}",
        "agenda_item": f"Item 1 {HOSTILE}",
        "adopted_note": f"Note {HOSTILE}",
        "draft": f"A/80/L.1 {HOSTILE}",
        "official_url": f"https://example.org/{MARK}",
    }
    return "".join(f"{k}: {json.dumps(v)}\n" for k, v in fields.items())


SOURCE = f"""\
*The General Assembly,*

*Recalling* its earlier work on {HOSTILE} and the rest of the preamble,

1. *Decides* that {HOSTILE} shall be kept in view by all concerned;

2. *Requests* the Secretary-General to report on {PAYLOADS[0]} at its next session.
"""

NOTES = f"""\
# Notes

## op1

Author: {HOSTILE}
Sources: A/RES/99/1, [{PAYLOADS[2]}](https://example.org/{MARK})

A note with {HOSTILE} inside, <script>alert('{MARK}')</script> and
<iframe src="javascript:alert('{MARK}')"></iframe>.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = start_project(tmp_path_factory.mktemp("hostile"), MKDOCS_YML)
    for slug, symbol, day in (("a-res-99-1", "A/RES/99/1", "2024-01-02"), ("a-res-100-1", "A/RES/100/1", "2025-01-02")):
        folder = root / "corpus" / slug
        folder.mkdir(parents=True)
        (folder / "document.yml").write_text(_yml(symbol, day), encoding="utf-8")
        (folder / "source.md").write_text(SOURCE, encoding="utf-8")
    (root / "corpus" / "a-res-100-1" / "annotations.md").write_text(NOTES, encoding="utf-8")
    lock = "".join(f"{slug}#{a}\n" for slug in ("a-res-100-1", "a-res-99-1") for a in ("op1", "op2", "pp1"))
    (root / "anchors.lock").write_text(lock, encoding="utf-8")
    build = run_build(root)
    if build.returncode != 0:
        pytest.fail(f"the strict build failed:\n{build.output[-4000:]}", pytrace=False)
    return build.site


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_hostile_corpus_builds_and_publishes_both_documents(hostile_site: Path):
    assert (hostile_site / "a-res-99-1" / "index.html").is_file()
    assert (hostile_site / "a-res-100-1" / "compare" / "index.html").is_file()  # titles in a generated page too


def test_no_page_carries_active_content_from_a_contributor(hostile_site: Path):
    checked = 0
    for page in _pages(hostile_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            body = script.string or ""
            if script.get("type") == "application/json":
                # data for the page script: valid JSON with no raw "<" (so no "</script>" break-out)
                json.loads(body)
                assert "<" not in body, f"{page}: unescaped markup in #{script.get('id')}"
            else:
                assert MARK not in body, f"{page}: a contributor's script runs"
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                if name.lower().startswith("on"):
                    assert MARK not in text, f"{page}: <{tag.name} {name}> comes from a contributor"
                if name.lower() in ("href", "src", "action", "formaction", "xlink:href"):
                    assert not text.strip().lower().startswith("javascript:"), f"{page}: {name}={text!r}"
        for tag in soup.find_all(["iframe", "object", "embed", "svg", "img"]):
            # our own SVG (the corpus map) may show a contributor's words as escaped text; an
            # element made from a contributor's markup would carry the payload in an attribute
            assert MARK not in " ".join(map(str, tag.attrs.values())), f"{page}: contributor markup became <{tag.name}>"
            if tag.name in ("iframe", "object", "embed"):
                assert MARK not in str(tag), f"{page}: contributor markup became a <{tag.name}> element"
        checked += 1
    assert checked >= 4


def test_values_handed_to_the_theme_are_shown_as_text(hostile_site: Path):
    soup = BeautifulSoup((hostile_site / "a-res-99-1" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title is not None and PAYLOADS[0] in soup.title.get_text()  # the title, as text
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None and PAYLOADS[1] in description["content"]
    assert PAYLOADS[1] in soup.find(id="document-title").get_text()
    # template syntax stays literal: nothing renders it
    assert "{{ config." + MARK in soup.get_text()


def test_the_search_index_and_sitemap_hold_no_markup_from_a_contributor(hostile_site: Path):
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            value = doc.get(field, "")
            # Material's search shows these strings as HTML: a contributor's tags arrive escaped
            assert not re.search(r"<(script|img|svg|iframe|a)\b", value, re.I), (doc["location"], value[:200])
    sitemap = (hostile_site / "sitemap.xml").read_text(encoding="utf-8")
    assert MARK not in sitemap and "<script" not in sitemap


def test_the_json_export_keeps_values_as_data(hostile_site: Path):
    record = json.loads((hostile_site / "api" / "a-res-99-1.json").read_text(encoding="utf-8"))
    assert record["title"] == f"Title {HOSTILE}"  # verbatim: JSON is data; consumers escape
    blob = json.dumps(record)
    assert MARK in blob
    op1 = next(c for c in record["clauses"] if c["anchor"] == "op1")
    assert HOSTILE in op1["text"]


def test_notes_under_another_sources_dir_are_published(hostile_site: Path):
    soup = BeautifulSoup((hostile_site / "a-res-100-1" / "index.html").read_text(encoding="utf-8"), "html.parser")
    note = soup.find(id="op1-note")
    assert note is not None, "the note of corpus/a-res-100-1/annotations.md is missing"
    edit = [a["href"] for a in soup.find_all("a", href=True) if "/edit/" in a["href"] and "annotations.md" in a["href"]]
    assert edit and all("/corpus/a-res-100-1/annotations.md" in h for h in edit)


def test_an_official_url_that_breaks_out_of_its_attribute_is_refused(tmp_path):
    from palimpsest.ingest import load_document

    folder = tmp_path / "sources" / "a-res-99-1"
    folder.mkdir(parents=True)
    (folder / "source.md").write_text(SOURCE, encoding="utf-8")
    yml = _yml("A/RES/99/1", "2024-01-02").replace(f"https://example.org/{MARK}", 'https://x.org/\\"><script>')
    (folder / "document.yml").write_text(yml, encoding="utf-8")
    _, errors = load_document(folder, tmp_path)
    assert any("official_url" in e.problem and e.line == 12 for e in errors)


def test_a_session_with_markup_is_refused(tmp_path):
    from palimpsest.ingest import load_document

    folder = tmp_path / "sources" / "a-res-99-1"
    folder.mkdir(parents=True)
    (folder / "source.md").write_text(SOURCE, encoding="utf-8")
    yml = _yml("A/RES/99/1", "2024-01-02").replace('session: "80"', f"session: {json.dumps('80 ' + PAYLOADS[0])}")
    (folder / "document.yml").write_text(yml, encoding="utf-8")
    _, errors = load_document(folder, tmp_path)
    assert any("session" in e.problem and e.line == 5 for e in errors)
