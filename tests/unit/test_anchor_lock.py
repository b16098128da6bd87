"""The anchor promise: anchors.lock, redirects.yml, fragment aliases."""

from __future__ import annotations

from pathlib import Path

from test_annotations_fixtures import ROOT, make_doc, real_corpus

from palimpsest.anchor_lock import (
    check_lock,
    load_redirects,
    parse_redirects,
    read_lock,
    unlocked_anchors,
    update_lock,
)
from palimpsest.anchors import shorthand_to_anchor


def test_update_lock_writes_sorted_entries_and_never_removes(tmp_path: Path):
    lock = tmp_path / "anchors.lock"
    docs = [make_doc("a-res-1-1", ["pp1", "op2", "op10", "op1"])]
    added = update_lock(docs, lock)
    assert added == ["a-res-1-1#op1", "a-res-1-1#op2", "a-res-1-1#op10", "a-res-1-1#pp1"]
    body = [ln for ln in lock.read_text().splitlines() if not ln.startswith("#")]
    assert body == added
    # A later corpus without op10 and with a new op3: op10 stays, op3 is added.
    added2 = update_lock([make_doc("a-res-1-1", ["pp1", "op1", "op2", "op3"])], lock)
    assert added2 == ["a-res-1-1#op3"]
    entries, errors = read_lock(lock)
    assert errors == [] and "a-res-1-1#op10" in entries and len(entries) == 5
    # Nothing new: the file is not rewritten (byte-identical).
    before = lock.read_bytes()
    assert update_lock([make_doc("a-res-1-1", ["op1"])], lock) == []
    assert lock.read_bytes() == before


def test_removing_a_published_anchor_fails_naming_the_lock_line(tmp_path: Path):
    lock = tmp_path / "anchors.lock"
    update_lock([make_doc("a-res-1-1", ["op1", "op15", "op16"])], lock)
    line_of_op16 = next(i for i, ln in enumerate(lock.read_text().splitlines(), 1) if ln == "a-res-1-1#op16")
    errors = check_lock([make_doc("a-res-1-1", ["op1", "op15"])], lock, {}, project_root=tmp_path)
    assert len(errors) == 1
    e = errors[0]
    assert (e.path, e.line) == ("anchors.lock", line_of_op16)
    assert "`a-res-1-1#op16` no longer exists" in e.problem
    assert "sources/a-res-1-1/redirects.yml" in e.fix and "`op16: op15`" in e.fix


def test_a_declared_redirect_passes(tmp_path: Path):
    lock = tmp_path / "anchors.lock"
    update_lock([make_doc("a-res-1-1", ["op1", "op15", "op16"])], lock)
    now = make_doc("a-res-1-1", ["op1", "op15"])
    folder = tmp_path / "sources" / "a-res-1-1"
    folder.mkdir(parents=True)
    (folder / "redirects.yml").write_text("# merged into op15\nop16: op15\n")
    redirects, errors = load_redirects([now], tmp_path)
    assert errors == [] and redirects == {"a-res-1-1": {"op16": "op15"}}
    assert check_lock([now], lock, redirects, project_root=tmp_path) == []


def test_redirects_are_validated_with_their_line():
    doc = make_doc("a-res-1-1", ["op1", "op15"])
    text = "op16: op15\nop17: op99\nop1: op15\nOP 9: op1\nop18:\nop16: op1\n"
    mapping, errors = parse_redirects(text, "sources/a-res-1-1/redirects.yml", doc)
    assert mapping == {"op16": "op15"}
    assert [e.line for e in errors] == [2, 3, 4, 5, 6]
    assert (
        "points to `op99`, which is not a clause" in errors[0].problem
        and "`op15`" in errors[0].fix
        or "`op1`" in errors[0].fix
    )
    assert "still a clause" in errors[1].problem and errors[1].fix == "Delete the line `op1: op15`."
    assert "is not an anchor" in errors[2].problem
    assert "no target" in errors[3].problem
    assert "twice" in errors[4].problem and "line 1" in errors[4].problem
    assert all(e.path == "sources/a-res-1-1/redirects.yml" for e in errors)


def test_redirects_yaml_syntax_error_has_a_line():
    _, errors = parse_redirects("op16: op15\nop17: [op1\n", "r.yml", make_doc("a-res-1-1", ["op1", "op15"]))
    assert len(errors) == 1 and errors[0].line >= 2 and "YAML" in errors[0].problem


def test_a_removed_document_and_malformed_lines(tmp_path: Path):
    lock = tmp_path / "anchors.lock"
    lock.write_text("# header\na-res-1-1#op1\na-res-2-2#op1\na-res-2-2#op2\nnot an entry\n")
    errors = check_lock([make_doc("a-res-1-1", ["op1"])], lock, {}, project_root=tmp_path)
    assert [e.line for e in errors] == [3, 5]
    assert "`a-res-2-2` (2 anchors, lines 3–4) is gone" in errors[0].problem
    assert "not a `<slug>#<anchor>` entry" in errors[1].problem


def test_unlocked_anchors(tmp_path: Path):
    lock = tmp_path / "anchors.lock"
    docs = [make_doc("a-res-1-1", ["op1", "op2"])]
    assert "no anchors.lock" in unlocked_anchors(docs, lock, tmp_path)[0].problem
    update_lock([make_doc("a-res-1-1", ["op1"])], lock)
    (e,) = unlocked_anchors(docs, lock, tmp_path)
    assert "1 anchor(s) of `a-res-1-1` are not in anchors.lock yet (op2)" in e.problem and "palimpsest lock" in e.fix
    update_lock(docs, lock)
    assert unlocked_anchors(docs, lock, tmp_path) == []


def test_real_corpus_lock_round_trip(tmp_path: Path):
    docs, _ = real_corpus()
    lock = tmp_path / "anchors.lock"
    added = update_lock(docs, lock)
    assert "e-res-2010-12#op27" in added and "ilc-109-record-7a#conclusions-p13-b" in added
    assert check_lock(docs, lock, {}, project_root=tmp_path) == []
    # The committed lock of the project covers the corpus.
    assert (ROOT / "anchors.lock").is_file()
    from seeds import full_corpus

    corpus, _ = full_corpus()  # the whole corpus: every published document
    assert check_lock(corpus, ROOT / "anchors.lock", load_redirects(corpus, ROOT)[0], project_root=ROOT) == []


def test_shorthand_people_type_after_the_hash_names_the_anchor():
    cases = {
        "OP1": "op1",
        "op-1": "op1",
        "OP.1": "op1",
        "op.1": "op1",
        "PP1": "pp1",
        "op1(a)": "op1-a",
        "OP1(a)": "op1-a",
        "OP.1-a": "op1-a",
        "conclusions-p13(b)": "conclusions-p13-b",
        "conclusions-p-13": "conclusions-p13",
        "op1-a-ii": "op1-a-ii",
    }
    assert {k: shorthand_to_anchor(k) for k in cases} == cases
