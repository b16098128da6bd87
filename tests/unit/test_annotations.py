"""annotations.md: sections, fields, overrides, errors (file, line, message), no disk writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_annotations_fixtures import small_corpus

from palimpsest.errors import SourceError
from palimpsest.notes.read import (
    EVOLVED_FROM,
    NOT_EVOLVED_FROM,
    SourceRef,
    guess_anchor,
    load_annotations,
    parse_annotations,
)

PATH = "sources/a-res-68-131/annotations.md"


@pytest.fixture
def corpus():
    return small_corpus()


def parse(text: str, corpus, slug: str = "a-res-68-131"):
    return parse_annotations(text, f"sources/{slug}/annotations.md", corpus[slug], corpus)


def only(errors: list[SourceError]) -> SourceError:
    assert len(errors) == 1, [e.message for e in errors]
    return errors[0]


def test_a_valid_file_gives_notes_and_no_error(corpus):
    text = (
        "# Notes on A/RES/68/131\n"
        "\n"
        "<!-- comments before the first section are fine -->\n"
        "\n"
        "## op4\n"
        "\n"
        "Author: Jane Doe\n"
        "Sources: A/RES/70/1, [ILO R202](https://normlex.ilo.org/r202), https://undocs.org/A/68/448\n"
        "Evolved from: e-res-2010-12#op24\n"
        "\n"
        "The *education* paragraph, first seen in [E/RES/2010/12](e-res-2010-12#op24).\n"
        "\n"
        "## pp1\n"
        "\n"
        "Short.\n"
    )
    notes, errors = parse(text, corpus)
    assert errors == []
    assert list(notes) == ["op4", "pp1"]
    op4 = notes["op4"]
    assert op4.anchor == "op4" and op4.line == 5 and op4.path == PATH
    assert op4.author == "Jane Doe"
    assert op4.sources == (
        SourceRef("A/RES/70/1", "https://undocs.org/A/RES/70/1"),
        SourceRef("ILO R202", "https://normlex.ilo.org/r202"),
        SourceRef("https://undocs.org/A/68/448", "https://undocs.org/A/68/448"),
    )
    assert op4.overrides == ((EVOLVED_FROM, "e-res-2010-12", "op24"),)
    assert "<em>education</em>" in op4.html
    assert '<a href="../e-res-2010-12/#op24" rel="noopener">E/RES/2010/12</a>' in op4.html
    assert op4.references == (("e-res-2010-12", "op24"),)
    assert op4.note_anchor == "op4-note"
    assert notes["pp1"].author is None and notes["pp1"].html == "<p>Short.</p>"


def test_overrides_repeat_and_take_comma_separated_targets(corpus):
    text = (
        "## op5\n"
        "Evolved from: e-res-2010-12#op24, e-res-2010-12#op25\n"
        "Evolved from: #op4\n"
        "Not evolved from: e-res-2010-12#pp2 , #pp3\n"
        "\n"
        "Why.\n"
    )
    notes, errors = parse(text, corpus)
    assert errors == []
    assert notes["op5"].overrides == (
        (EVOLVED_FROM, "e-res-2010-12", "op24"),
        (EVOLVED_FROM, "e-res-2010-12", "op25"),
        (EVOLVED_FROM, "a-res-68-131", "op4"),
        (NOT_EVOLVED_FROM, "e-res-2010-12", "pp2"),
        (NOT_EVOLVED_FROM, "a-res-68-131", "pp3"),
    )


def test_a_note_with_only_an_override_is_allowed(corpus):
    notes, errors = parse("## op5\n\nNot evolved from: e-res-2010-12#op27\n", corpus)
    assert errors == []
    assert notes["op5"].html == ""
    assert notes["op5"].overrides == ((NOT_EVOLVED_FROM, "e-res-2010-12", "op27"),)


def test_note_for_a_missing_anchor_suggests_the_closest(corpus):
    notes, errors = parse("## op1\n\nOk.\n\n## op40\n\nText.\n", corpus)
    e = only(errors)
    assert (e.path, e.line) == (PATH, 5)
    assert "no clause `op40` in A/RES/68/131" in e.problem
    assert "`op4`" in e.fix and "op40" not in notes


def test_the_same_anchor_twice_names_both_lines(corpus):
    notes, errors = parse("## op4\n\nOne.\n\n## op2\n\nTwo.\n\n## op4\n\nThree.\n", corpus)
    e = only(errors)
    assert e.line == 9
    assert "second note for `op4`" in e.problem and "line 1" in e.problem
    assert "line 1" in e.fix
    assert notes["op4"].html == "<p>One.</p>"


@pytest.mark.parametrize(
    "heading, suggestion",
    [("Paragraph 4", "op4"), ("OP4", "op4"), ("op-4", "op4"), ("Preambular paragraph 3", "pp3"), ("PP 3", "pp3")],
)
def test_a_heading_that_is_not_an_anchor_gets_the_anchor_it_meant(corpus, heading, suggestion):
    notes, errors = parse(f"## {heading}\n\nText.\n", corpus)
    e = only(errors)
    assert e.line == 1
    assert e.problem == f"The heading `## {heading}` is not a clause anchor."
    assert e.fix == f"Write `## {suggestion}`."
    assert notes == {}


def test_heading_guesses_points_and_parts(corpus):
    escap = frozenset(c.anchor for c in corpus["e-escap-res-67-8"].clauses)
    ilo = frozenset(c.anchor for c in corpus["ilc-109-record-7a"].clauses)
    assert guess_anchor("op1(a)", escap) == "op1-a"
    assert guess_anchor("Paragraph 1 (d)", escap) == "op1-d"
    assert guess_anchor("paragraph 13", ilo) == "conclusions-p13"
    assert guess_anchor("nothing like it", escap) is None


def test_heading_without_space_and_empty_heading(corpus):
    _, errors = parse("##op4\n\nText.\n\n##\n\nMore.\n", corpus)
    assert [e.line for e in errors] == [1, 5]
    assert "no space after `##`" in errors[0].problem and errors[0].fix == "Write `## op4`."
    assert "no anchor" in errors[1].problem


def test_text_before_the_first_section(corpus):
    _, errors = parse("# Title\n\nStray words.\n\n## op4\n\nText.\n", corpus)
    e = only(errors)
    assert e.line == 3 and "belongs to no clause" in e.problem


def test_headings_inside_code_fences_do_not_start_sections(corpus):
    notes, errors = parse("## op4\n\n```\n## op40\n```\n", corpus)
    assert errors == []
    assert "<pre><code>## op40" in notes["op4"].html


def test_broken_cross_references(corpus):
    text = (
        "## op4\n"
        "\n"
        "See [a](a-res-99-1#op4) and\n"
        "[b](e-res-2010-12#op99) and [c](#pp9).\n"
        "And [ok](https://undocs.org/A/RES/70/1).\n"
    )
    notes, errors = parse(text, corpus)
    assert [e.line for e in errors] == [3, 4, 4]
    assert "`a-res-99-1` is not a folder of sources/" in errors[0].problem
    assert (
        errors[1].problem
        == "The link `e-res-2010-12#op99` is broken: `op99` is not a clause anchor of `e-res-2010-12`."
    )
    assert errors[2].problem == "The link `#pp9` is broken: `pp9` is not a clause anchor of this document."
    assert "`pp1`" in errors[2].fix or "`pp2`" in errors[2].fix
    assert 'href="https://undocs.org/A/RES/70/1"' in notes["op4"].html


def test_slug_typo_in_a_link_is_suggested(corpus):
    _, errors = parse("## op4\n\n[x](e-res-2010-21#op24)\n", corpus)
    assert "`e-res-2010-12`" in only(errors).fix


def test_override_naming_missing_clauses(corpus):
    text = (
        "## op4\n"
        "Evolved from: e-res-2010-12#op99\n"
        "Not evolved from: e-res-2099-1#op1, e-res-2010-12\n"
        "Evolved from: #op4\n"
        "\n"
        "Text.\n"
    )
    notes, errors = parse(text, corpus)
    assert [e.line for e in errors] == [2, 3, 3, 4]
    assert "`e-res-2010-12` has no clause `op99`" in errors[0].problem
    assert "there is no document `e-res-2099-1`" in errors[1].problem
    assert "names no clause" in errors[2].problem
    assert "the annotated clause itself" in errors[3].problem
    assert notes["op4"].overrides == ()


def test_override_both_ways_is_an_error(corpus):
    _, errors = parse(
        "## op4\nEvolved from: e-res-2010-12#op24\nNot evolved from: e-res-2010-12#op24\n\nText.\n", corpus
    )
    e = only(errors)
    assert e.line == 3 and "both" in e.problem and "line 2" in e.problem


def test_malformed_fields(corpus):
    text = "## op4\nAutor: Jane\nAuthor:\nNote: something\nSources: A/RES/70/1,, javascript:alert(1)\n\nText.\n"
    _, errors = parse(text, corpus)
    assert [e.line for e in errors] == [2, 3, 4, 5, 5]
    assert errors[0].problem == "Unknown field `Autor:` at the top of the note."
    assert "`Author:`" in errors[0].fix
    assert errors[1].problem == "The field `Author:` is empty."
    assert errors[2].problem == "Unknown field `Note:` at the top of the note."
    assert "empty item" in errors[3].problem
    assert "not an http(s) URL" in errors[4].problem


def test_all_errors_are_collected_in_one_pass(corpus):
    text = "## op40\n\nx\n\n## Paragraph 2\n\ny\n\n## op1\nAutor: z\n\n[l](#nope)\n"
    _, errors = parse(text, corpus)
    assert [e.line for e in errors] == [1, 5, 10, 12]
    assert all(e.path == PATH for e in errors)


def test_an_empty_note_is_an_error(corpus):
    _, errors = parse("## op4\n\n\n## op5\n\nx\n", corpus)
    e = only(errors)
    assert e.line == 1 and "empty" in e.problem


def test_load_annotations_reads_the_file_and_never_writes(tmp_path: Path, corpus):
    folder = tmp_path / "sources" / "a-res-68-131"
    folder.mkdir(parents=True)
    file = folder / "annotations.md"
    file.write_text("## op4\n\nText with [x](#nope).\n", encoding="utf-8")
    before = file.read_bytes(), file.stat().st_mtime_ns
    notes, errors = load_annotations(folder, corpus["a-res-68-131"], corpus, tmp_path)
    assert list(notes) == ["op4"]
    e = only(errors)
    assert (e.path, e.line) == ("sources/a-res-68-131/annotations.md", 3)
    assert (file.read_bytes(), file.stat().st_mtime_ns) == before
    assert sorted(p.name for p in folder.iterdir()) == ["annotations.md"]


def test_missing_file_is_no_error(tmp_path: Path, corpus):
    assert load_annotations(tmp_path, corpus["a-res-68-131"], corpus, tmp_path) == ({}, [])


def test_github_annotation_of_an_annotation_error(corpus):
    _, errors = parse("## op40\n\nx\n", corpus)
    line = only(errors).github_annotation()
    assert line.startswith("::error file=sources/a-res-68-131/annotations.md,line=1::There is no clause `op40`")
