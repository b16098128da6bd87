"""The reader of OCR'd pages of printed volumes (``ingest/ocr_volume.py``): several texts on one
page, the one named kept, the rest set aside with the reason, OCR'd numbers read by the sequence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from palimpsest.errors import SourceError
from palimpsest.ingest import read_source
from palimpsest.ingest.ocr_volume import (
    _formula_body,
    looks_like_ocr_volume,
    read_ocr_volume,
    roman_to_int,
    spelled_ordinal,
)
from palimpsest.ingest.raw import FN_TOKEN_RE

ROOT = Path(__file__).resolve().parents[2]
MORE = ROOT / "tests" / "fixtures" / "corpus-more"

PAGE = """Resolution 11 (1990)
of 2 May 1990

The Security Council,
Recalling its resolution 10 (1990),
1. Decides to keep the matter under review.

Adopted at the 2001st meeting by 15 votes to none.

Resolution 12 (1990)
of 3 May 1990

Decision

At its 2002nd meeting, on 3 May 1990, the Council
decided to invite the representative of Chad.

The Security Council,
Noting the report of the Secretary-General, 4
Convinced that peace is needed,
l. Welcomes the report;
2. Requests the Secretary-General to report;
3. Notes the letter;
4. Urges the parties;
5. Calls for calm;
6. Invites the parties;
1. Decides to remain seized of the matter.

Adopted at the 2003rd meeting by 15 votes to none.
4 See Official Records of the Security Council, Forty-fifth Year.

Resolution 13 (1990)
The Security Council,
Noting the text,
1. Decides nothing.
"""


def test_detected_as_pages_of_a_volume():
    assert looks_like_ocr_volume(PAGE)
    assert not looks_like_ocr_volume("The Security Council,\n1. Decides.\n")  # no resolution heading


def test_keeps_the_named_resolution_and_sets_the_rest_aside():
    raw = read_ocr_volume(PAGE, "x.txt", "S/RES/12 (1990)")
    assert raw.meta["symbol"] == "S/RES/12 (1990)"
    assert raw.meta["adopted"] == "1990-05-03"
    assert raw.meta["meeting"] == "2003rd meeting"
    texts = [b.text for b in raw.blocks]
    assert texts[0] == "The Security Council,"
    # OCR "l." is 1, and "1." where 7 is due is 7 (a 1/7 confusion, read by the sequence)
    assert [t.split(".")[0] for t in texts if re.match(r"\d+\. ", t)] == ["1", "2", "3", "4", "5", "6", "7"]
    assert texts[-1] == "2003rd meeting"  # the closing line, for the structure builder
    assert [f.number for f in raw.footnotes] == ["4"]
    aside = dict(raw.discarded)
    assert any("S/RES/11 (1990)" in v for v in aside.values())  # the other texts, by symbol
    assert any("S/RES/13 (1990)" in v for v in aside.values())
    assert any("a decision" in v and "2002nd" in v for v in aside.values())
    assert all(v.startswith("[set aside: ") for v in aside.values())


def test_a_symbol_not_on_the_pages_is_a_located_message():
    with pytest.raises(SourceError) as exc:
        read_ocr_volume(PAGE, "x.txt", "S/RES/99 (1990)")
    assert "S/RES/11 (1990), S/RES/12 (1990), S/RES/13 (1990)" in exc.value.problem
    assert exc.value.fix


def test_bare_text_keeps_what_its_file_name_designates():
    assert read_source(PAGE, "sources/s-res-11-1990/source.txt").meta["symbol"] == "S/RES/11 (1990)"
    # no name to go by: the first resolution printed with its formula
    assert read_source(PAGE, "page.txt").meta["symbol"] == "S/RES/11 (1990)"


def test_ordinals_and_romans():
    assert spelled_ordinal("Fifty-fif th") == 55
    assert spelled_ordinal("Hurulred arul eighty-third") == 183
    assert spelled_ordinal("Seventeenth") == 17
    assert spelled_ordinal("Some words") is None
    assert roman_to_int("XXIX") == 29 and roman_to_int("XVII") == 17 and roman_to_int("IV") == 4


@pytest.mark.parametrize(
    "name, symbol, others",
    [
        ("S-RES-425-1978.txt", "S/RES/425 (1978)", ["S/RES/426 (1978)"]),
        ("A-RES-3314-XXIX.txt", "A/RES/3314 (XXIX)", ["A/RES/3233 (XXIX)", "A/RES/3315 (XXIX)"]),
        ("A-RES-1803-XVII.txt", "A/RES/1803 (XVII)", ["A/RES/1820 (XVII)"]),
    ],
)
def test_real_volume_pages(name, symbol, others):
    text = (MORE / name).read_text("utf-8")
    raw = read_source(text, name, symbol)
    assert raw.meta["symbol"] == symbol
    aside = " ".join(v for _line, v in raw.discarded)
    for other in others:
        assert other in aside
    kept = " ".join(b.text for b in raw.blocks)
    assert raw.blocks[0].text in ("The Security Council,", "The General Assembly,")
    assert "plenary meeting" not in kept.replace(raw.meta.get("meeting", "~"), "")


OCR_TEXTS = sorted(
    n
    for n, e in __import__("yaml").safe_load((MORE / "expected.yml").read_text("utf-8")).items()
    if e["family"] == "ocr"
)


@pytest.mark.parametrize("name", OCR_TEXTS)
def test_nothing_on_the_pages_is_lost(name):
    """Every word of every line is in the resolution kept, its notes, or what was set aside (with
    its reason): the other texts of the volume's pages are never dropped silently."""
    import yaml

    symbol = yaml.safe_load((MORE / "expected.yml").read_text("utf-8"))[name]["symbol"]
    text = (MORE / name).read_text("utf-8")
    try:
        raw = read_source(text, name, symbol)
    except SourceError as err:
        # refused: nothing is published, and the refusal says where and what to do
        assert err.path and err.line >= 1 and err.problem and err.fix, err
        return
    kept = " ".join(
        [FN_TOKEN_RE.sub(" ", b.text) for b in raw.blocks]
        + [f.text for f in raw.footnotes]
        + [t for _line, t in raw.discarded]
    )

    def words(s: str) -> set[str]:  # letters only: an OCR'd digit may have become a call-out
        return set(re.findall(r"[^\W\d_]{4,}", s))

    seen = words(kept)
    # (an enacting formula is kept as its reading: "The General A,aembly" is "The General Assembly,")
    lost = [line for line in text.split("\n") if not words(line) <= seen and not _formula_body(line.strip())]
    assert lost == []
    assert all(t.startswith("[set aside: ") for _line, t in raw.discarded)


def test_a_dated_heading_without_formula_says_what_is_missing():
    page = "1 (1946). Resolution of 25 January 1946\n\nBy Article 47 of the Charter, …\n1. The Council requests.\n"
    with pytest.raises(SourceError) as exc:
        read_source(page, "sources/s-res-1-1946/source.txt", "S/RES/1 (1946)")
    assert exc.value.line == 1 and "no enacting formula" in exc.value.problem and "source.md" in exc.value.fix
