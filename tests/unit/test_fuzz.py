"""Property and fuzz tests (Hypothesis): whatever a contributor's files hold, the core answers
with its own located errors (``SourceError``: file, line >= 1, a fix), never another exception,
and within a time bound per file.

Inputs: random bytes and random Unicode as a source text, random YAML (and random text) as
``document.yml``, ``redirects.yml`` and ``annotations.md``, and mutations of the real sources
(lines dropped, duplicated, swapped, re-wrapped, a page break moved). The CI profile is
derandomized, so a failure in CI reproduces locally with ``HYPOTHESIS_PROFILE=ci``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import tracemalloc
from datetime import timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palimpsest.anchor_lock import parse_lock, parse_redirects
from palimpsest.errors import SourceError
from palimpsest.ingest import load_document
from palimpsest.notes.read import parse_annotations

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "sources"
REAL = sorted(p for p in SOURCES.iterdir() if (p / "document.yml").is_file())

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=40,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "dev", max_examples=40, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

GOOD_YML = "symbol: A/RES/99/1\ntitle: A test resolution\nbody: General Assembly\nadopted: 2024-01-02\n"


class Project:
    """One scratch project reused by every example of a test (Hypothesis forbids function-scoped
    fixtures inside ``@given``)."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="palimpsest-fuzz-"))
        self.folder = self.root / "sources" / "a-res-99-1"

    def write(self, files: dict[str, bytes]) -> Path:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        for name, data in files.items():
            (self.folder / name).write_bytes(data)
        return self.folder


PROJECT = Project()


def assert_only_located_errors(errors) -> None:
    for e in errors:
        assert isinstance(e, SourceError), e
        assert e.path and isinstance(e.line, int) and e.line >= 1, e.message
        assert e.problem and e.fix, e.message
        assert "Traceback" not in e.message and "internal error" not in e.problem.lower(), e.message


def load(files: dict[str, bytes]):
    doc, errors = load_document(PROJECT.write(files), PROJECT.root)
    assert_only_located_errors(errors)
    return doc, errors


# --- random sources -----------------------------------------------------------------------


@given(st.binary(max_size=4000), st.sampled_from(["source.txt", "source.md"]))
def test_random_bytes_as_a_source(data, name):
    load({name: data, "document.yml": GOOD_YML.encode()})


UN_WORDS = st.sampled_from(
    [
        "The General Assembly,",
        "Recalling",
        "Decides",
        "1.",
        "2.",
        "(a)",
        "(i)",
        "Annex",
        "_____",
        "*",
        "\f",
        "A/RES/70/1",
        "59/3009",
        "1/",
        "Adopted by the Security Council at its 7853rd meeting, on 23 December 2016",
        "50th plenary meeting",
        "17 December 2015",
        "Distr.: General",
        "23-24567 (E)",
        "*2324567*",
        "#",
        ">",
        "|",
        "<div>",
        "```",
        "[^1]",
        "\u00ad",
        "\u2011",
        "\ufeff",
        "\r\n",
        "\n",
        "\n\n",
        " ",
        "中文",
        "é",
    ]
)


@given(st.lists(st.one_of(UN_WORDS, st.text(max_size=30)), max_size=200), st.sampled_from(["source.txt", "source.md"]))
def test_random_unicode_in_the_shape_of_a_resolution(words, name):
    load(
        {
            name: " ".join(words).encode("utf-8", "surrogatepass").decode("utf-8", "replace").encode(),
            "document.yml": GOOD_YML.encode(),
        }
    )


# --- random YAML and annotation files -------------------------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(["2021-02-30", "2025-13-45", "2024-01-02", "A/RES/1/1", "draft", "yes", "~"]),
)
YAML_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
KEYS = st.sampled_from(
    [
        "symbol",
        "title",
        "body",
        "adopted",
        "status",
        "dated",
        "session",
        "official_url",
        "draft",
        "sponsors",
        "meeting",
        "agenda_item",
        "distributed",
        "adopted_note",
        "extra",
    ]
)


@given(
    st.one_of(
        st.dictionaries(KEYS, YAML_VALUES, max_size=8).map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
        st.text(max_size=500),
    )
)
def test_random_document_yml(text):
    doc, errors = load(
        {"source.md": b"*The General Assembly,*\n\n1. *Decides* to act.\n", "document.yml": text.encode()}
    )
    assert doc is None or not errors or all(not e.path.endswith("document.yml") for e in errors)


@given(
    st.one_of(st.dictionaries(st.text(max_size=12), YAML_VALUES, max_size=6).map(yaml.safe_dump), st.text(max_size=300))
)
def test_random_redirects_yml(text):
    doc, errors = load(
        {
            "source.md": b"*The General Assembly,*\n\n1. *Decides* to act.\n\n2. *Requests* more.\n",
            "document.yml": GOOD_YML.encode(),
        }
    )
    assert doc is not None and errors == []
    tracemalloc.start()
    try:
        mapping, errors = parse_redirects(text, "sources/a-res-99-1/redirects.yml", doc)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert_only_located_errors(errors)
    assert peak < 50 * 1024 * 1024
    assert all(v in {"op1", "op2", "pp1"} for v in mapping.values())


NOTE_LINES = st.sampled_from(
    [
        "## op1",
        "## pp1",
        "## op9",
        "## Paragraph 2",
        "Author: Ana",
        "Sources: A/RES/70/1",
        "Evolved from: a-res-68-131#op4",
        "Not evolved from: x#y",
        "```",
        "<!--",
        "-->",
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "",
        "Text of a note.",
    ]
)


@given(st.lists(st.one_of(NOTE_LINES, st.text(max_size=40)), max_size=40))
def test_random_annotations(lines):
    doc, errors = load(
        {"source.md": b"*The General Assembly,*\n\n1. *Decides* to act.\n", "document.yml": GOOD_YML.encode()}
    )
    assert doc is not None
    notes, errors = parse_annotations("\n".join(lines), "sources/a-res-99-1/annotations.md", doc, {doc.slug: doc})
    assert_only_located_errors(errors)
    for note in notes.values():
        assert_inert(note.html)


def assert_inert(html: str) -> None:
    """No element or attribute of the HTML can run anything (text that *reads* like code is fine)."""
    from bs4 import BeautifulSoup

    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        assert tag.name not in ("script", "iframe", "object", "embed", "style"), html
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), html
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert not text.strip().lower().startswith(("javascript:", "data:", "vbscript:")), html


@given(st.text(max_size=2000))
def test_random_lock_text(text):
    entries, errors = parse_lock(text)
    assert_only_located_errors(errors)
    assert all("#" in e for e in entries)


# --- mutations of the real sources ------------------------------------------------------------

MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["drop", "duplicate", "swap", "join", "split", "formfeed"]),
        st.integers(min_value=0, max_value=10_000),
        st.integers(min_value=0, max_value=10_000),
    ),
    min_size=1,
    max_size=6,
)


def mutate(text: str, ops) -> str:
    lines = text.split("\n")
    for op, i, j in ops:
        if not lines:
            break
        i, j = i % len(lines), j % len(lines)
        if op == "drop":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + " " + lines[i + 1]]
        elif op == "split" and " " in lines[i]:
            words = lines[i].split(" ")
            cut = 1 + j % max(len(words) - 1, 1)
            lines[i : i + 1] = [" ".join(words[:cut]), " ".join(words[cut:])]
        elif op == "formfeed":
            lines[i] = "\f" + lines[i]
    return "\n".join(lines)


@given(st.sampled_from(REAL), MUTATIONS)
def test_mutated_real_sources(folder, ops):
    source = next(p for p in folder.iterdir() if p.name.startswith("source."))
    text = mutate(source.read_text(encoding="utf-8"), ops)
    load({source.name: text.encode(), "document.yml": (folder / "document.yml").read_bytes()})
