"""Corpus-level enrichment after ingest: contributors' notes, lineage (with their overrides),
the anchor promise and its redirects — everything the pages need beyond one document.

Plain Python (no MkDocs): the build calls ``enrich`` once (``site_build.generate_site``) and
``palimpsest check`` runs the same validation. The result is the model only (notes, the
``Lineage``, redirects) and the problems found; the views of it the pages show (per-clause
extras, comparison pages, corpus map) are made by the render stage (``site_build``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .anchor_lock import LOCK_FILE, check_lock, load_redirects, lock_history
from .errors import SourceError
from .lineage import Lineage, apply_overrides, compute_lineage
from .model import Document
from .notes.read import EVOLVED_FROM, Note, annotations_path, corpus_anchors, load_annotations

CACHE_DIR = ".palimpsest-cache"


@dataclass
class Enrichment:
    redirects: dict[str, dict[str, str]] = field(default_factory=dict)  # slug → {old anchor: new}
    notes: dict[str, dict[str, Note]] = field(default_factory=dict)
    lineage: Lineage | None = None  # None when lineage is off or the corpus is empty
    errors: list[SourceError] = field(default_factory=list)


def load_notes(docs: list[Document], project_root: Path) -> tuple[dict[str, dict[str, Note]], list[SourceError]]:
    corpus = {d.slug: d for d in docs}
    anchors_of = corpus_anchors(corpus)
    notes: dict[str, dict[str, Note]] = {}
    errors: list[SourceError] = []
    for doc in docs:
        folder = annotations_path(project_root, doc).parent
        found, errs = load_annotations(folder, doc, corpus, project_root, anchors_of)
        notes[doc.slug] = found
        errors.extend(errs)
    return notes, errors


def lineage_overrides(notes: dict[str, dict[str, Note]]) -> list[tuple[str, str, str, str, str]]:
    out = []
    for slug in sorted(notes):
        for anchor in sorted(notes[slug]):
            for kind, t_slug, t_anchor in notes[slug][anchor].overrides:
                rel = "evolved_from" if kind == EVOLVED_FROM else "not_evolved_from"
                out.append((slug, anchor, rel, t_slug, t_anchor))
    return out


def enrich(
    docs: list[Document],
    project_root: Path,
    *,
    lineage: bool = True,
    lock: bool = True,
    previous_locks: tuple[str, ...] = (),
) -> Enrichment:
    """``previous_locks``: earlier anchors.lock files the current one must contain (besides the
    one committed in git)."""
    project_root = Path(project_root)
    result = Enrichment()
    notes, errors = load_notes(docs, project_root)
    result.notes = notes
    result.errors.extend(errors)

    redirects, errors = load_redirects(docs, project_root)
    result.errors.extend(errors)
    if lock:
        history, errors = lock_history(project_root, previous_locks)
        result.errors.extend(errors)
        result.errors.extend(check_lock(docs, project_root / LOCK_FILE, redirects, project_root, history))
    for doc in docs:
        result.redirects[doc.slug] = dict(sorted(redirects.get(doc.slug, {}).items()))

    if lineage and docs:
        lin = compute_lineage(docs, cache_dir=project_root / CACHE_DIR / "lineage")
        overrides = lineage_overrides(notes)
        if overrides:
            lin = apply_overrides(lin, overrides)
        result.lineage = lin
    return result
