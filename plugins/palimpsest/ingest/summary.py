"""Problems grouped by kind, for the summary of ``palimpsest check`` and the ingest report.

The kind of a problem is its message with the particulars taken out (numbers, quoted text,
symbols), so "Footnote 9 is never called in the text." and "Footnote 12 is never called in the
text." count as one kind.
"""

from __future__ import annotations

import re
from collections import Counter

from ..errors import SourceError


def problem_kind(err: SourceError) -> str:
    text = err.problem
    text = re.sub(r"\(([A-Za-z]+Error|[A-Za-z]+Exception): .*\)", r"(\1)", text)
    text = re.sub(r"'[^']*'|\u2018[^\u2019]*\u2019|\"[^\"]*\"|`[^`]*`", "…", text)
    text = re.sub(r"\b[A-Z]+(?:\.\d+)?(?:/[A-Za-z0-9.\-]+)+(?: \(\d{4}\))?", "SYMBOL", text)
    text = re.sub(r"\(\w{1,5}\)", "(x)", text)
    text = re.sub(r"\d+", "N", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:160]


def by_document(errors: list[SourceError]) -> dict[str, list[SourceError]]:
    """Errors grouped by the document folder they belong to (``sources/<slug>``), else by file."""
    out: dict[str, list[SourceError]] = {}
    for e in errors:
        parts = e.path.split("/")
        key = "/".join(parts[:2]) if len(parts) > 2 and parts[0] == "sources" else e.path
        out.setdefault(key, []).append(e)
    return out


def kinds_of_documents(per_doc: dict[str, list[SourceError]]) -> Counter:
    """How many documents show each kind of problem (a document counts once per kind)."""
    c: Counter = Counter()
    for errs in per_doc.values():
        for k in {problem_kind(e) for e in errs}:
            c[k] += 1
    return c
