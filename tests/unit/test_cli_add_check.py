"""`palimpsest add FILE…` and the summary / JSON report of `palimpsest check`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from palimpsest import cli

ROOT = Path(__file__).resolve().parents[2]
GA = ROOT / "tests" / "fixtures" / "corpus-ga"
MORE = ROOT / "tests" / "fixtures" / "corpus-more"


def test_add_copies_the_file_unchanged_and_fills_document_yml(tmp_path, capsys):
    (tmp_path / "sources").mkdir()
    src = GA / "A-RES-78-102.txt"
    assert cli.main(["add", "--root", str(tmp_path), str(src)]) == 0
    folder = tmp_path / "sources" / "a-res-78-102"
    assert (folder / "source.txt").read_bytes() == src.read_bytes()
    data = yaml.safe_load((folder / "document.yml").read_text("utf-8"))
    assert data["symbol"] == "A/RES/78/102" and data["body"] == "General Assembly"
    assert data["title"] == "Criminal accountability of United Nations officials and experts on mission"
    assert str(data["adopted"]) == "2023-12-07" and data["session"] == 78
    out = capsys.readouterr().out
    assert "sources/a-res-78-102/" in out and "not found" not in out
    # the new folder passes the loader as it stands
    from palimpsest.ingest import load_document

    doc, errors = load_document(folder, tmp_path)
    assert doc is not None and errors == []


def test_add_reads_a_title_printed_without_its_number(tmp_path, capsys):
    """A/RES/79/9 prints its title without "79/9." before it: the title is then the group
    after the committee line, and the enacting formula is never taken for it."""
    (tmp_path / "sources").mkdir()
    src = tmp_path / "A-RES-79-9.txt"
    shutil.copy2(ROOT / "sources" / "a-res-79-9" / "source.txt", src)
    assert cli.main(["add", "--root", str(tmp_path), str(src)]) == 0
    data = yaml.safe_load((tmp_path / "sources" / "a-res-79-9" / "document.yml").read_text("utf-8"))
    assert data["title"] == "Cooperation between the United Nations and the Organization of Islamic Cooperation"
    # a title with its number is read as before (the number is not part of the title)
    assert cli.main(["add", "--root", str(tmp_path), str(GA / "A-RES-78-102.txt")]) == 0
    data = yaml.safe_load((tmp_path / "sources" / "a-res-78-102" / "document.yml").read_text("utf-8"))
    assert data["title"] == "Criminal accountability of United Nations officials and experts on mission"
    assert "not found" not in capsys.readouterr().out


def test_add_names_the_fields_it_could_not_find(tmp_path, capsys):
    (tmp_path / "sources").mkdir()
    assert cli.main(["add", "--root", str(tmp_path), str(MORE / "S-RES-1373-2001.txt")]) == 0
    folder = tmp_path / "sources" / "s-res-1373-2001"
    text = (folder / "document.yml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert data["symbol"] == "S/RES/1373 (2001)" and data["body"] == "Security Council"
    assert str(data["adopted"]) == "2001-09-28"
    assert "# title: not found in the text" in text
    out = capsys.readouterr().out
    assert "title: not found in the text. Fix: in sources/s-res-1373-2001/document.yml write" in out
    assert "document.yml has no `title`" in out  # and the loader says the same, with the line


def test_add_never_overwrites_and_refuses_what_it_cannot_read(tmp_path, capsys):
    (tmp_path / "sources").mkdir()
    src = GA / "A-RES-78-102.txt"
    assert cli.main(["add", "--root", str(tmp_path), str(src)]) == 0
    assert cli.main(["add", "--root", str(tmp_path), str(src)]) == 1
    assert "already exists" in capsys.readouterr().out
    bad = tmp_path / "notes.txt"
    bad.write_text("Just some words.\n", "utf-8")
    assert cli.main(["add", "--root", str(tmp_path), str(bad)]) == 1
    assert "not added" in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "sources").iterdir()) == ["a-res-78-102"]


def test_check_summary_and_json_report(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    shutil.copytree(ROOT / "sources" / "a-res-78-175", tmp_path / "sources" / "a-res-78-175")
    shutil.copytree(ROOT / "sources" / "a-res-70-126", tmp_path / "sources" / "a-res-70-126")
    bad = tmp_path / "sources" / "a-res-70-126" / "source.txt"
    bad.write_text("nothing a reader knows\n", "utf-8")
    assert cli.main(["lock", "--root", str(tmp_path)]) == 1  # the corpus does not load cleanly
    report_file = tmp_path / "report.json"
    assert cli.main(["check", "--root", str(tmp_path), "--json", str(report_file)]) == 1
    err = capsys.readouterr().err
    assert "2 documents: 1 clean, 0 with problems, 1 refused." in err
    report = json.loads(report_file.read_text("utf-8"))
    assert report["summary"]["documents"] == 2 and report["summary"]["refused"] == 1
    refused = next(d for d in report["documents"] if d["status"] == "refused")
    assert refused["folder"] == "sources/a-res-70-126"
    assert refused["problems"][0]["line"] >= 1 and refused["problems"][0]["fix"]
    assert sum(report["summary"]["by_kind"].values()) >= 1
