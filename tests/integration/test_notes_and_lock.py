"""Contributors' notes and the anchor promise through a real `mkdocs build --strict`."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from seeds import SEED_SLUGS
from subset_project import REPO_URL, make_project, run_build


@pytest.fixture(scope="module")
def noted(tmp_path_factory):
    # the annotated documents
    build = run_build(make_project(tmp_path_factory.mktemp("notes"), SEED_SLUGS, notes=True))
    assert build.returncode == 0, build.output[-4000:]
    return build


def soup(site, slug):
    return BeautifulSoup((site / slug / "index.html").read_text("utf-8"), "html.parser")


def test_note_beside_its_clause_with_edit_link(noted):
    page = soup(noted.site, "a-res-70-126")
    note = page.find(id="pp4-note")
    assert note is not None and "Contributor's note" in note.get_text()
    clause = page.find(id="pp4")
    assert note in clause.find_all("aside"), "the note is rendered inside its clause's block"
    edit = note.find("a", string="Edit this note")
    assert edit["href"] == f"{REPO_URL}/edit/trunk/sources/a-res-70-126/annotations.md"
    # cross-reference written as a-res-68-131#pp9 resolves to the other page
    assert note.find("a", href="../a-res-68-131/#pp9") is not None


def test_the_document_offers_add_a_note(noted):
    """One link in the header (the panel gives each clause its own from its template)."""
    page = soup(noted.site, "a-res-70-126")
    add = page.select_one(".pal-header a.pal-add-note")
    assert add["href"] == f"{REPO_URL}/edit/trunk/sources/a-res-70-126/annotations.md"
    assert add["data-template"] == add["href"]  # the file exists: every clause edits it
    assert "Add a note" in add.get_text()
    assert page.find(id="pp6").find(class_="pal-add-note") is None  # no repeated link per clause


def test_page_edit_action_points_at_the_source_folder(noted):
    page = soup(noted.site, "a-res-70-126")
    edit = page.select_one("a.md-content__button[href]")
    assert edit["href"] == f"{REPO_URL}/tree/trunk/sources/a-res-70-126"


def test_sanitized_note_html(tmp_path):
    project = make_project(tmp_path / "p", ("a-res-70-126",))
    (project / "sources/a-res-70-126/annotations.md").write_text(
        "## op1\n\nSafe *text* <script>alert(1)</script> <img src=x onerror=alert(1)> "
        "[bad](javascript:alert(1)) <iframe src=https://evil.example></iframe>\n",
        "utf-8",
    )
    build = run_build(project)
    assert build.returncode == 0, build.output[-3000:]
    note = soup(build.site, "a-res-70-126").find(id="op1-note")
    html = str(note)
    assert "<em>text</em>" in html
    for bad in ("<script", "onerror", "<iframe", "evil.example"):
        assert bad not in html
    assert not [a for a in note.find_all("a") if a.get("href", "").lower().startswith("javascript")]


def test_note_for_missing_anchor_fails_strict_build(tmp_path):
    project = make_project(tmp_path / "p", ("a-res-70-126",))
    (project / "sources/a-res-70-126/annotations.md").write_text(
        "## op4\n\nFine.\n\n## op44\n\nNo such clause.\n", "utf-8"
    )
    build = run_build(project)
    assert build.returncode != 0
    assert "sources/a-res-70-126/annotations.md:5:" in build.output
    assert "op44" in build.output and "op4" in build.output


def test_removed_anchor_fails_unless_redirected(tmp_path):
    project = make_project(tmp_path / "p", ("a-res-70-126",))
    (project / "anchors.lock").write_text("a-res-70-126#op1\na-res-70-126#op16\n", "utf-8")
    build = run_build(project)
    assert build.returncode != 0
    assert "anchors.lock:2:" in build.output and "a-res-70-126#op16" in build.output
    assert "redirects.yml" in build.output  # says how to fix it
    (project / "sources/a-res-70-126/redirects.yml").write_text("op16: op15\n", "utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output[-3000:]
    data = soup(build.site, "a-res-70-126").find("script", id="pal-redirects")
    assert json.loads(data.string) == {"op16": "op15"}
