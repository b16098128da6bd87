"""The seed documents: the first fourteen texts of the corpus, hand-checked and annotated.

The whole corpus (``sources/``, ~660 documents) is built once per test session
(``built_site`` in conftest.py) and read whole by the tests that hold for every document
(ingest, anchors, copies left unlinked). Tests that assert particular facts about particular
clauses (a lineage chain, a note, a comparison page) and the gates that build a site several
times read only these documents, so what they check does not shift, and CI time does not grow,
as the corpus grows.
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SEED_SLUGS = (
    "a-c-3-80-l-10",
    "a-res-68-131",
    "a-res-70-126",
    "a-res-78-175",
    "a-res-78-178",
    "a-res-78-261",
    "a-res-80-175",
    "a-res-80-178",
    "a-res-80-181",
    "a-res-80-182",
    "a-res-80-5",
    "e-escap-res-67-8",
    "e-res-2010-12",
    "ilc-109-record-7a",
)


def copy_project(dest: Path, slugs=SEED_SLUGS) -> Path:
    """A copy of the project (configuration, hand-written pages, the lock of ``slugs``) with
    only the documents ``slugs`` in ``sources/``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    for slug in slugs:
        shutil.copytree(ROOT / "sources" / slug, dest / "sources" / slug)
    keep = set(slugs)
    lines = (ROOT / "anchors.lock").read_text(encoding="utf-8").splitlines()
    (dest / "anchors.lock").write_text(
        "".join(f"{line}\n" for line in lines if line.startswith("#") or line.split("#", 1)[0] in keep),
        encoding="utf-8",
    )
    return dest


@lru_cache(maxsize=2)
def _corpus(only: tuple[str, ...] | None):
    from palimpsest.ingest import load_corpus

    docs, errors = load_corpus(ROOT / "sources", ROOT, only=only)
    return tuple(docs), tuple(errors)


def seed_corpus():
    """(documents, errors) of the seed documents, read from ``sources/`` by the real loader."""
    docs, errors = _corpus(SEED_SLUGS)
    return list(docs), list(errors)


def full_corpus():
    """(documents, errors) of the whole corpus in ``sources/``, read once per test session."""
    docs, errors = _corpus(None)
    return list(docs), list(errors)
