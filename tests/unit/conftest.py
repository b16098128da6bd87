"""Fixtures the unit tests share: the seed documents of ``sources/`` (``tests/seeds.py``),
loaded once per session (``seed_docs``), and their lineage with the citations linked (``seed_lineage``: ``(lin,
{slug: document})``). Documents are frozen; tests read the lineage and never change it."""

from __future__ import annotations

from pathlib import Path

import pytest
from seeds import seed_corpus

from palimpsest.citations import link_document, symbol_index
from palimpsest.lineage import Lineage, compute_lineage
from palimpsest.model import Document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def seed_docs() -> list[Document]:
    docs, errors = seed_corpus()
    assert not errors, [e.message for e in errors]
    return docs


@pytest.fixture(scope="session")
def seed_lineage(seed_docs, tmp_path_factory) -> tuple[Lineage, dict[str, Document]]:
    index = symbol_index(seed_docs)
    docs = [link_document(d, index) for d in seed_docs]
    lin = compute_lineage(docs, cache_dir=tmp_path_factory.mktemp("lineage-cache"))
    return lin, {d.slug: d for d in docs}
