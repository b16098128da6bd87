"""A text the ingest cannot make sense of gives errors that name the file, the line and the fix."""

from __future__ import annotations

from pathlib import Path

from seeds import SEED_SLUGS, full_corpus

from palimpsest.ingest import load_document

ROOT = Path(__file__).resolve().parents[2]
GOOD_YML = "symbol: A/RES/99/1\ntitle: A test resolution\nbody: General Assembly\nadopted: 2024-01-02\n"


def make(tmp_path: Path, source: str, yml: str = GOOD_YML, name: str = "source.md") -> Path:
    folder = tmp_path / "sources" / "a-res-99-1"
    folder.mkdir(parents=True)
    (folder / name).write_text(source, "utf-8")
    (folder / "document.yml").write_text(yml, "utf-8")
    return folder


def messages(errors):
    return [e.message for e in errors]


def test_numbering_that_jumps(tmp_path):
    folder = make(tmp_path, "*The General Assembly,*\n\n*Recalling* x,\n\n1. *Decides* a;\n\n3. *Decides* b.\n")
    doc, errors = load_document(folder, tmp_path)
    assert len(errors) == 1
    e = errors[0]
    assert e.path == "sources/a-res-99-1/source.md" and e.line == 7
    assert "jumps: paragraph 3 follows paragraph 1" in e.problem
    assert "Fix:" in e.message and "page break" in e.fix


def test_numbering_that_repeats(tmp_path):
    folder = make(tmp_path, "*The General Assembly,*\n\n1. *Decides* a;\n\n2. *Decides* b;\n\n2. *Decides* c.\n")
    _, errors = load_document(folder, tmp_path)
    assert any("repeats: paragraph 2 follows paragraph 2" in m and ":7:" in m for m in messages(errors))


def test_footnote_mark_without_note_and_note_never_called(tmp_path):
    folder = make(
        tmp_path,
        "*The General Assembly,*\n\n*Recalling* x,<sup>2</sup>\n\n1. *Decides* a.\n\n"
        "<sup>1</sup> A note nobody calls.\n",
    )
    _, errors = load_document(folder, tmp_path)
    msgs = messages(errors)
    assert any(m.startswith("sources/a-res-99-1/source.md:3: Footnote mark 2 has no footnote text.") for m in msgs)
    assert any(m.startswith("sources/a-res-99-1/source.md:7: Footnote 1 is never called") for m in msgs)


def test_no_clauses(tmp_path):
    folder = make(tmp_path, "Just a shopping list\n\nEggs and milk\n", name="source.md")
    doc, errors = load_document(folder, tmp_path)
    assert any("No clauses found" in m for m in messages(errors))


def test_unknown_format(tmp_path):
    folder = make(tmp_path, "just some words\nmore words\n", name="source.txt")
    doc, errors = load_document(folder, tmp_path)
    assert doc is None
    assert errors[0].path == "sources/a-res-99-1/source.txt"
    assert "does not recognise the format" in errors[0].problem


def test_document_yml_missing_field_and_bad_date(tmp_path):
    yml = "symbol: A/RES/99/1\nbody: General Assembly\nadopted: 17 December 2015\n"
    folder = make(tmp_path, "*The General Assembly,*\n\n1. *Decides* a.\n", yml=yml)
    doc, errors = load_document(folder, tmp_path)
    assert doc is None
    msgs = messages(errors)
    assert "sources/a-res-99-1/document.yml:1: document.yml has no `title`." in msgs[0] or any(
        "has no `title`" in m for m in msgs
    )
    assert any(m.startswith("sources/a-res-99-1/document.yml:3: `adopted` is malformed") for m in msgs)


def test_document_yml_unknown_field_and_invalid_yaml(tmp_path):
    folder = make(tmp_path, "*The General Assembly,*\n\n1. *Decides* a.\n", yml=GOOD_YML + "adoptd: 2024-01-02\n")
    _, errors = load_document(folder, tmp_path)
    assert any(":5: Unknown field `adoptd`" in m for m in messages(errors))
    (folder / "document.yml").write_text("symbol: [unclosed\n", "utf-8")
    _, errors = load_document(folder, tmp_path)
    assert "not valid YAML" in errors[0].problem


def test_symbol_in_source_must_match_document_yml(tmp_path):
    text = (ROOT / "sources/a-res-70-126/source.txt").read_text("utf-8")
    folder = make(
        tmp_path,
        text,
        name="source.txt",
        yml="symbol: A/RES/99/1\ntitle: x y z\nbody: General Assembly\nadopted: 2015-12-17\n",
    )
    _, errors = load_document(folder, tmp_path)
    assert any("source says A/RES/70/126" in m and "document.yml:1" in m for m in messages(errors))


def test_real_corpus_loads_without_errors():
    docs, errors = full_corpus()
    assert not errors, messages(errors)
    folders = [p.name for p in (ROOT / "sources").iterdir() if (p / "document.yml").is_file()]
    assert sorted(d.slug for d in docs) == sorted(folders) and set(SEED_SLUGS) <= set(folders)
    assert len(docs) > 600  # the seeds and two General Assembly sessions
    dates = [d.meta.adopted or d.meta.dated for d in docs]
    assert dates == sorted(dates)
