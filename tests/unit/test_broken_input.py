"""Broken and hostile contributor files: a located message every time, never a traceback.

Each test is one defect class of the hostile-input audit (issue 12): files that are not UTF-8,
NUL bytes, impossible dates (quoted or not), YAML alias bombs and deep nesting, symbolic links
out of the project, build-markdown onto a file, symbols that would smuggle markup.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from test_annotations_fixtures import make_doc

from palimpsest import cli
from palimpsest.anchor_lock import check_lock, load_redirects, read_lock, update_lock
from palimpsest.contributor_files import load_yaml, read_text
from palimpsest.errors import SourceError
from palimpsest.ingest import load_corpus, load_document

GOOD_YML = "symbol: A/RES/99/1\ntitle: A test resolution\nbody: General Assembly\nadopted: 2024-01-02\n"
SOURCE = "*The General Assembly,*\n\n*Recalling* its resolution,\n\n1. *Decides* to act.\n"


def make(tmp_path: Path, yml: str | bytes = GOOD_YML, source: str | bytes = SOURCE, slug: str = "a-res-99-1") -> Path:
    folder = tmp_path / "sources" / slug
    folder.mkdir(parents=True)
    for name, data in (("source.md", source), ("document.yml", yml)):
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return folder


# --- encodings, NUL, size ------------------------------------------------------------------


def test_a_file_that_is_not_utf8_names_its_line_and_column(tmp_path):
    path = tmp_path / "annotations.md"
    path.write_bytes(b"## op1\n\nAuthor: Ana\n\nCaf\xe9 au lait.\n")
    with pytest.raises(SourceError) as info:
        read_text(path, tmp_path)
    e = info.value
    assert (e.path, e.line) == ("annotations.md", 5)
    assert "not UTF-8" in e.problem and "0xe9" in e.problem and "column 4" in e.problem
    assert "UTF-8" in e.fix


@pytest.mark.parametrize("name", ["document.yml", "source.md"])
def test_non_utf8_document_files_give_a_located_error(tmp_path, name):
    bad = b"symbol: A/RES/99/1\ntitle: Caf\xe9\nbody: General Assembly\nadopted: 2024-01-02\n"
    folder = make(tmp_path, yml=bad) if name == "document.yml" else make(tmp_path, source=b"x\n\n\xff\xfe text\n")
    doc, errors = load_document(folder, tmp_path)
    assert doc is None
    assert [(e.path, e.line) for e in errors if "not UTF-8" in e.problem] == [
        (f"sources/a-res-99-1/{name}", 2 if name == "document.yml" else 3)
    ]


def test_bad_bytes_in_annotations_redirects_and_lock_are_messages(tmp_path):
    folder = make(tmp_path)
    doc, errors = load_document(folder, tmp_path)
    assert errors == []
    (folder / "redirects.yml").write_bytes(b"op9: op1 \xc3\x28\n")
    _, errors = load_redirects([doc], tmp_path)
    assert [(e.path, e.line) for e in errors] == [("sources/a-res-99-1/redirects.yml", 1)]
    lock = tmp_path / "anchors.lock"
    lock.write_bytes(b"a-res-99-1#op1\n\x80\n")
    entries, errors = read_lock(lock)
    assert [(e.path, e.line) for e in errors] == [("anchors.lock", 2)]


def test_a_nul_byte_is_reported_with_its_line_and_never_published(tmp_path):
    folder = make(tmp_path, source="*The General Assembly,*\n\n1. *Decides* to\x00 act.\n")
    doc, errors = load_document(folder, tmp_path)
    assert [(e.path, e.line) for e in errors] == [("sources/a-res-99-1/source.md", 3)]
    assert "NUL" in errors[0].problem
    assert doc is None or all("\x00" not in c.text for c in doc.clauses)
    # in a YAML file it is refused outright
    (folder / "document.yml").write_bytes(GOOD_YML.encode() + b"session: 8\x000\n")
    _, errors = load_document(folder, tmp_path)
    assert any(e.path.endswith("document.yml") and e.line == 5 and "NUL" in e.problem for e in errors)


def test_a_huge_yaml_file_is_refused_before_it_is_read(tmp_path):
    folder = make(tmp_path, yml=GOOD_YML + "adopted_note: " + "x" * 400_000 + "\n")
    _, errors = load_document(folder, tmp_path)
    assert len(errors) == 1 and "limit" in errors[0].problem and errors[0].path.endswith("document.yml")


# --- YAML: aliases, depth, dates -------------------------------------------------------------

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)


def test_a_yaml_alias_bomb_in_document_yml_is_refused_at_once(tmp_path):
    folder = make(tmp_path, yml=GOOD_YML + ALIAS_BOMB.replace("a: &a", "sponsors: &a", 1))
    start = time.perf_counter()
    _, errors = load_document(folder, tmp_path)
    assert time.perf_counter() - start < 2  # expanded, the bomb is 9**9 strings
    assert len(errors) == 1 and "aliases" in errors[0].problem and errors[0].line == 5


def test_deeply_nested_yaml_is_refused():
    with pytest.raises(SourceError) as info:
        load_yaml("a: " + "[" * 50 + "]" * 50 + "\n", "x.yml", "fix")
    assert "nested" in info.value.problem


@pytest.mark.parametrize("line", ["adopted: 2021-02-30", 'adopted: "2021-02-30"', "adopted: 2025-13-45"])
def test_an_impossible_adoption_date_is_a_message(tmp_path, line):
    yml = GOOD_YML.replace("adopted: 2024-01-02", line)
    _, errors = load_document(make(tmp_path, yml=yml), tmp_path)
    assert [(e.line, "not a date that exists" in e.problem) for e in errors] == [(4, True)]


def test_an_impossible_draft_date_is_a_message(tmp_path):
    yml = GOOD_YML.replace("adopted: 2024-01-02", "status: draft\ndated: 2025-13-45")
    _, errors = load_document(make(tmp_path, yml=yml), tmp_path)
    assert [(e.line, "`dated: 2025-13-45` is not a date that exists" in e.problem) for e in errors] == [(5, True)]


def test_dates_stay_the_strings_the_contributor_wrote():
    assert load_yaml("adopted: 2024-01-02\n", "x.yml", "fix") == {"adopted": "2024-01-02"}


@pytest.mark.parametrize("symbol", ['A/RES/1/1"><script>alert(1)</script>', "A/RES/<b>1</b>", "A/RES/1\u0000"])
def test_a_symbol_that_carries_markup_is_refused(tmp_path, symbol):
    yml = GOOD_YML.replace("symbol: A/RES/99/1", f"symbol: {json.dumps(symbol)}")  # JSON strings are YAML
    _, errors = load_document(make(tmp_path, yml=yml), tmp_path)
    assert errors and all(e.line == 1 and "symbol" in e.problem for e in errors)


# --- files outside the project ---------------------------------------------------------------


def test_a_symlinked_document_folder_outside_the_project_is_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    make(outside)
    project = tmp_path / "project"
    (project / "sources").mkdir(parents=True)
    os.symlink(outside / "sources" / "a-res-99-1", project / "sources" / "a-res-99-1")
    docs, errors = load_corpus(project / "sources", project)
    assert docs == []
    assert len(errors) == 1 and "symbolic link" in errors[0].problem and errors[0].path == "sources/a-res-99-1"


def test_a_symlinked_source_file_outside_the_project_is_refused(tmp_path):
    project = tmp_path / "project"
    folder = make(project)
    secret = tmp_path / "secret.md"
    secret.write_text(SOURCE, "utf-8")
    (folder / "source.md").unlink()
    os.symlink(secret, folder / "source.md")
    doc, errors = load_document(folder, project)
    assert doc is None and any("symbolic link" in e.problem for e in errors)


# --- build-markdown onto a file ----------------------------------------------------------------


def test_build_markdown_onto_a_file_is_a_message(tmp_path, capsys):
    target = tmp_path / "out.txt"
    target.write_text("not a folder")
    assert cli.main(["build-markdown", "--root", str(Path(__file__).resolve().parents[2]), str(target)]) == 1
    # refused before any work: the whole corpus is not built for nothing (a timing-free check:
    # nothing was written next to the target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    assert "is a file, not a folder" in capsys.readouterr().err


# --- the lock cannot shrink by accident ------------------------------------------------------


def test_a_missing_lock_fails_when_there_are_documents(tmp_path):
    errors = check_lock([make_doc("a-res-1-1", ["op1"])], tmp_path / "anchors.lock", {}, project_root=tmp_path)
    assert len(errors) == 1 and "There is no anchors.lock" in errors[0].problem and "git checkout" in errors[0].fix


def test_an_emptied_lock_fails(tmp_path):
    lock = tmp_path / "anchors.lock"
    lock.write_text("# nothing\n")
    errors = check_lock([make_doc("a-res-1-1", ["op1"])], lock, {}, project_root=tmp_path)
    assert len(errors) == 1 and "lists no anchor" in errors[0].problem


def test_a_lock_that_lost_lines_is_caught_and_the_vanished_anchor_named(tmp_path):
    lock = tmp_path / "anchors.lock"
    update_lock([make_doc("a-res-1-1", ["op1", "op2", "op3"])], lock)
    published = ("anchors.lock of the published site", lock.read_text())
    # someone deletes op3 from the lock and removes the clause
    lock.write_text("a-res-1-1#op1\na-res-1-1#op2\n")
    now = [make_doc("a-res-1-1", ["op1", "op2"])]
    assert check_lock(now, lock, {}, project_root=tmp_path) == []  # without history the hole is invisible
    errors = check_lock(now, lock, {}, project_root=tmp_path, history=[published])
    problems = [e.problem for e in errors]
    assert any("1 published anchor(s) that anchors.lock of the published site lists are missing" in p for p in problems)
    assert any("`a-res-1-1#op3` no longer exists" in p for p in problems)
    # `palimpsest lock` puts the lost line back instead of recording the loss
    assert update_lock(now, lock, [published]) == ["a-res-1-1#op3"]
    assert "a-res-1-1#op3" in read_lock(lock)[0]


def test_the_committed_lock_is_the_history_check_and_lock_compare_with(tmp_path, capsys, monkeypatch):
    """Delete anchors.lock and a clause in a git checkout: `palimpsest check` names the lost
    anchor (from the lock committed at HEAD), and `palimpsest lock` restores the lock rather than
    recording the loss."""
    import subprocess

    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    folder = make(tmp_path, source=SOURCE + "\n2. *Requests* a report.\n")
    assert cli.main(["lock", "--root", str(tmp_path)]) == 0
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git[:3] + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "publish"], check=True)
    (tmp_path / "anchors.lock").unlink()
    (folder / "source.md").write_text(SOURCE, "utf-8")  # op2 removed
    capsys.readouterr()
    assert cli.main(["check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "There is no anchors.lock" in out
    assert cli.main(["lock", "--root", str(tmp_path)]) == 0
    assert "a-res-99-1#op2" in read_lock(tmp_path / "anchors.lock")[0]  # put back, not lost
    capsys.readouterr()
    assert cli.main(["check", "--root", str(tmp_path)]) == 1
    assert "`a-res-99-1#op2` no longer exists" in capsys.readouterr().out


def test_check_verbose_lists_what_the_ingest_set_aside(tmp_path, capsys, monkeypatch):
    import shutil

    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    root = Path(__file__).resolve().parents[2]
    shutil.copytree(
        root / "sources" / "a-res-70-126",
        tmp_path / "sources" / "a-res-70-126",
        ignore=shutil.ignore_patterns("annotations.md"),
    )  # its notes cite other documents
    assert cli.main(["lock", "--root", str(tmp_path)]) == 0
    capsys.readouterr()
    assert cli.main(["check", "--root", str(tmp_path), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "sources/a-res-70-126/source.txt: 36 line(s) set aside as page furniture" in out
    assert "  sources/a-res-70-126/source.txt:" in out
