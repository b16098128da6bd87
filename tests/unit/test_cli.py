"""`palimpsest check` and `palimpsest lock`: on the committed project, and on a copy of its seed
documents in a tmp dir (the tests that change files)."""

from __future__ import annotations

from pathlib import Path

import pytest
from seeds import SEED_SLUGS, copy_project
from test_annotations_fixtures import ROOT

from palimpsest import cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy_project(tmp_path)
    assert cli.main(["lock", "--root", str(tmp_path)]) == 0
    return tmp_path


def test_check_passes_on_the_real_corpus(project: Path, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    capsys.readouterr()
    assert cli.main(["check", "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "no problems" in out and f"{len(SEED_SLUGS)} documents" in out


def test_check_reports_every_problem_with_file_and_line(project: Path, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    notes = project / "sources" / "a-res-70-126" / "annotations.md"
    notes.write_text(
        "## op4\n\nFine, see [68/131](a-res-68-131#op4).\n\n## op99\n\nNo such clause.\n\n## op4\n\nAgain.\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert cli.main(["check", "--root", str(project)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert lines[0].startswith("sources/a-res-70-126/annotations.md:5: There is no clause `op99` in A/RES/70/126")
    assert " Fix: " in lines[0]
    assert lines[1].startswith(
        "sources/a-res-70-126/annotations.md:9: A second note for `op4` (the first is at line 1)."
    )
    assert len(lines) == 2
    assert "2 problem(s) in 1 file(s)" in captured.err


def test_github_format_from_flag_and_from_env(project: Path, capsys, monkeypatch):
    (project / "sources" / "a-res-70-126" / "annotations.md").write_text("## Paragraph 4\n\nx\n", encoding="utf-8")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    capsys.readouterr()
    assert cli.main(["check", "--root", str(project), "--github"]) == 1
    expected = "::error file=sources/a-res-70-126/annotations.md,line=1::The heading `## Paragraph 4` is not a clause anchor. Fix: Write `## op4`."
    assert capsys.readouterr().out.strip() == expected
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli.main(["check", "--root", str(project)]) == 1
    assert capsys.readouterr().out.strip() == expected


def test_removing_a_locked_anchor_fails_check_until_redirected(project: Path, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    lock = project / "anchors.lock"
    lock.write_text(lock.read_text() + "a-res-68-131#op16\n")  # as if op16 had been published
    capsys.readouterr()
    assert cli.main(["check", "--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert "anchors.lock:" in out and "`a-res-68-131#op16` no longer exists" in out and "redirects.yml" in out
    (project / "sources" / "a-res-68-131" / "redirects.yml").write_text("op16: op15\n")
    assert cli.main(["check", "--root", str(project)]) == 0


def test_new_anchors_must_be_locked(project: Path, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    lock = project / "anchors.lock"
    lock.write_text(
        "".join(ln + "\n" for ln in lock.read_text().splitlines() if not ln.startswith("e-res-2010-12#op3"))
    )
    capsys.readouterr()
    assert cli.main(["check", "--root", str(project)]) == 1
    assert "of `e-res-2010-12` are not in anchors.lock yet" in capsys.readouterr().out
    assert cli.main(["lock", "--root", str(project)]) == 0
    assert "+ e-res-2010-12#op3" in capsys.readouterr().out
    assert cli.main(["check", "--root", str(project)]) == 0


def test_the_committed_corpus_passes_check(capsys, monkeypatch):
    """The project itself, the whole corpus: its sources, notes, redirects and anchors.lock are
    valid."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = cli.main(["check", "--root", str(ROOT)])
    out = capsys.readouterr().out
    assert code == 0, out
    folders = [p for p in (ROOT / "sources").iterdir() if (p / "document.yml").is_file()]
    assert f"{len(folders)} documents: {len(folders)} clean" in out


def test_help_lists_the_subcommands(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "check" in out and "lock" in out
