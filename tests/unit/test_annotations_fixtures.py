"""Small hand-built Documents for the annotation, lock and CLI tests (no loader needed), and
a helper to load the real corpus when the loader is available."""

from __future__ import annotations

import re
from pathlib import Path

from seeds import seed_corpus

from palimpsest.model import Clause, Document, DocumentMeta, Part

ROOT = Path(__file__).resolve().parents[2]


def _clause(anchor: str, line: int) -> Clause:
    tokens = anchor.split("-")
    idx = next(i for i, t in enumerate(tokens) if re.fullmatch(r"(pp|op|p)\d+", t))
    part = "-".join(tokens[:idx])
    base, num = re.fullmatch(r"(pp|op|p)(\d+)", tokens[idx]).groups()
    points = tokens[idx + 1 :]
    kind = {"pp": "preambular", "op": "operative", "p": "paragraph"}[base]
    eid = ("preamble__recital_" if kind == "preambular" else "para_") + num
    if part:
        eid = f"{part.replace('-', '_')}__{eid}"
    parent = None
    if points:
        kind = "point"
        parent = "-".join(tokens[: len(tokens) - 1])
        for p in points:
            eid += f"__list_1__point_{p}"
        num = points[-1]
    return Clause(
        anchor=anchor,
        eid=eid,
        kind=kind,
        number=num,
        label=anchor,
        parent=parent,
        part=part,
        text=f"Text of {anchor}.",
        line=line,
    )


def make_doc(slug: str, anchors: list[str], symbol: str | None = None) -> Document:
    symbol = symbol or slug.upper().replace("-", "/")
    meta = DocumentMeta(
        slug=slug,
        symbol=symbol,
        title=f"Title of {slug}",
        body="General Assembly",
        adopted="2015-12-17",
        official_url=f"https://undocs.org/{symbol}",
        source=f"sources/{slug}/source.txt",
    )
    parts: dict[str, list[Clause]] = {}
    for i, a in enumerate(anchors, start=1):
        c = _clause(a, i)
        parts.setdefault(c.part, []).append(c)
    return Document(
        meta=meta, parts=tuple(Part(slug=k, title=None, items=tuple(v)) for k, v in parts.items()), footnotes=()
    )


def small_corpus() -> dict[str, Document]:
    docs = [
        make_doc(
            "a-res-68-131", ["pp1", "pp2", "pp3", "op1", "op2", "op3", "op4", "op5", "op14", "op15"], "A/RES/68/131"
        ),
        make_doc("e-res-2010-12", ["pp1", "pp2", "op1", "op24", "op25", "op27"], "E/RES/2010/12"),
        make_doc("e-escap-res-67-8", ["pp1", "op1", "op1-a", "op1-b", "op1-d", "op2", "op2-a"], "E/ESCAP/RES/67/8"),
        make_doc(
            "ilc-109-record-7a",
            ["pp1", "op1", "op3", "op3-a", "conclusions-p1", "conclusions-p13", "conclusions-p13-b"],
            "ILC.109/Record No. 7A",
        ),
    ]
    return {d.slug: d for d in docs}


def real_corpus():
    """(documents, errors) from the real loader on the seed documents of sources/ (the ones with
    notes)."""
    docs, errors = seed_corpus()
    if not isinstance(docs, dict):
        docs = {d.slug: d for d in docs}
    return docs, errors
