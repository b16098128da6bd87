"""The data model every stage shares: frozen dataclasses, no behaviour beyond small helpers.

Flow (see DESIGN.md): ingest builds a ``Document`` (parts → blocks → clauses, footnotes),
anchors are assigned during ingest from the official numbering, ``citations`` finds references
to other resolutions inside clause text, ``lineage`` relates clauses across documents, and
``render`` turns all of it into Markdown + page meta + JSON.

Clause text is *plain text* (no markup). Inline features are spans over that text:
``emphasis`` (the italic opening verb) and ``footnote_refs`` (a footnote mark placed after a
character offset). Renderers weave the spans back in; the JSON export keeps ``text`` plain.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field, fields
from typing import Any, Literal

ClauseKind = Literal["preambular", "operative", "paragraph", "point"]

# Kinds of non-clause blocks that keep the official layout of the text.
BlockKind = Literal["formula", "heading", "closing", "note"]


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote mark placed right after ``text[offset - 1]`` of the clause text."""

    offset: int
    number: str


@dataclass(frozen=True)
class Citation:
    """A reference to another resolution found in a clause's text."""

    text: str  # the words as printed, e.g. "resolution 70/1"
    start: int  # offsets into the clause text
    end: int
    symbol: str  # normalised official symbol, e.g. "A/RES/70/1", "E/RES/2010/12"
    document: str | None  # slug when the document is in the corpus
    url: str  # page URL (site-relative, e.g. "a-res-70-1/") or the official text's URL


@dataclass(frozen=True)
class Footnote:
    number: str  # printed number, kept as a string ("1", "12")
    text: str  # plain text of the note
    line: int  # line in the source where the note text starts
    emphasis: tuple[tuple[int, int], ...] = ()  # italic spans (e.g. a publication title)
    citations: tuple[Citation, ...] = ()  # filled by ``citations.link_document``


@dataclass(frozen=True)
class Clause:
    anchor: str  # stable citation anchor: "pp3", "op4", "op1-a", "annex-p12-b"
    eid: str  # Akoma Ntoso-style id: "preamble__recital_3", "para_4", "para_1__list_1__point_a"
    kind: ClauseKind
    number: str  # printed number or letter: "4", "a", "ii"; preambular: ordinal as string
    label: str  # how a citation names it: "para. 4", "preambular para. 3", "para. 1 (a)"
    parent: str | None  # anchor of the containing clause, or None
    part: str  # slug of the part ("" for the main sequence)
    text: str  # plain text, re-joined, no footnote marks
    line: int  # 1-based line in the source where the clause starts
    emphasis: tuple[tuple[int, int], ...] = ()  # italic spans over ``text`` (opening verb)
    footnote_refs: tuple[FootnoteRef, ...] = ()
    citations: tuple[Citation, ...] = ()  # filled by ``citations.link_document``

    @property
    def footnotes(self) -> tuple[str, ...]:
        seen: list[str] = []
        for ref in self.footnote_refs:
            if ref.number not in seen:
                seen.append(ref.number)
        return tuple(seen)


@dataclass(frozen=True)
class Block:
    """A non-clause line of the official layout: enacting formula, heading, closing line."""

    kind: BlockKind
    text: str
    line: int
    level: int = 2  # heading level (2 = part title, 3 = section, 4 = sub-section)
    emphasis: tuple[tuple[int, int], ...] = ()
    footnote_refs: tuple[FootnoteRef, ...] = ()
    citations: tuple[Citation, ...] = ()  # filled by ``citations.link_document``


@dataclass(frozen=True)
class Part:
    """One numbered sequence of the document (the resolution, its conclusions, an annex)."""

    slug: str  # "" for the main sequence; "conclusions", "annex", "annex-b"... otherwise
    title: str | None  # heading printed above the part, if any
    items: tuple[Clause | Block, ...]  # in reading order; points follow their parent clause

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(i for i in self.items if isinstance(i, Clause))


DocumentStatus = Literal["adopted", "draft"]

# The optional fields of ``document.yml`` (schemas/document-yml.schema.json) that are kept as
# they are written; the source itself may state some of them (``ingest`` fills them from it).
OPTIONAL_FIELDS = (
    "dated",
    "adopted_note",
    "session",
    "committee_report",
    "distributed",
    "meeting",
    "sponsors",
    "draft",
    "agenda_item",
)


@dataclass(frozen=True, kw_only=True)
class DocumentMeta:
    """From ``document.yml`` (validated), completed by what the source itself says. Optional
    fields are "" when neither states them."""

    slug: str
    symbol: str
    title: str
    body: str
    adopted: str  # ISO date YYYY-MM-DD; "" for a draft
    official_url: str
    source: str  # path of the raw source relative to the project root
    status: DocumentStatus = "adopted"  # a text without an adoption date is always a draft
    dated: str = ""  # ISO date a draft carries
    adopted_note: str = ""  # a remark on the adoption (e.g. "adopted without a vote")
    session: str = ""  # "78", or "ES-10" for an emergency special session
    committee_report: str = ""  # symbol of the committee report it was adopted on
    distributed: str = ""  # ISO date of distribution printed on the document
    meeting: str = ""  # "8980th meeting"
    sponsors: str = ""  # of a draft, as printed
    draft: str = ""  # symbol of the draft this text was adopted from
    agenda_item: str = ""  # "28 (b)", as printed

    def __post_init__(self) -> None:
        if not self.adopted and self.status != "draft":
            object.__setattr__(self, "status", "draft")

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def date(self) -> str:
        """The date the document is known by: its adoption, or for a draft the date it carries
        (``dated``, else ``distributed``); "" when it states none. Time order, listings and
        the export all use it."""
        return (self.dated or self.distributed) if self.is_draft else self.adopted

    def optional_fields(self) -> dict[str, str]:
        """The optional fields that are set, by name (``OPTIONAL_FIELDS`` order)."""
        return {k: v for k in OPTIONAL_FIELDS if (v := getattr(self, k))}

    @property
    def folder(self) -> str:
        """The document's folder (source, document.yml, annotations, redirects), relative to
        the project root: ``sources/a-res-70-126`` or under another configured sources folder."""
        return posixpath.dirname(self.source.lstrip("/")) or f"sources/{self.slug}"


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    parts: tuple[Part, ...]
    footnotes: tuple[Footnote, ...]
    # Lines of the document system that were recognised and set aside (page headers, job
    # numbers...), kept so tests and `palimpsest check` can show nothing was lost silently.
    discarded: tuple[tuple[int, str], ...] = field(default=(), compare=False, repr=False)

    @property
    def slug(self) -> str:
        return self.meta.slug

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(c for p in self.parts for c in p.clauses)

    def clause(self, anchor: str) -> Clause | None:
        for c in self.clauses:
            if c.anchor == anchor:
                return c
        return None


# --- lineage: what the engine (``lineage/engine.py``) relates, and what the pages and the JSON
# export read. Frozen; ``to_json`` gives the public form (docs/data.md, schemas/).

LinkOrigin = Literal["computed", "contributor"]
RowStatus = Literal["kept", "changed", "moved", "new", "dropped"]


@dataclass(frozen=True, slots=True)
class Formula:
    """Standard wording: a copy used in many series of texts."""

    texts: int  # how many documents print it
    since: str  # date of its first use
    first: str  # symbol of the first document that printed it

    def to_json(self) -> dict[str, Any]:
        return {"texts": self.texts, "since": self.since, "first": self.first}


@dataclass(frozen=True, slots=True)
class Link:
    """One clause shares wording with another: ``document``/``anchor`` name the other clause
    (the earlier one in ``evolved_from``, the later one in ``carried_into``)."""

    document: str  # slug
    anchor: str
    similarity: float | None  # 0–1, 3 decimals
    origin: LinkOrigin = "computed"  # "contributor": a contributor confirmed or added it
    series: bool = False  # the other text is of the clause's series, cited, or of its agenda item
    passage: str | None = None  # the shared passage a containment or quotation link rests on
    formula: Formula | None = None  # standard wording
    basis: str | None = None  # "comparison": paired by the comparison with the predecessor only

    def __reduce__(self):  # pickled (the result cache) and deep-copied through ``new_link``
        return (
            new_link,
            (
                self.document,
                self.anchor,
                self.similarity,
                self.origin,
                self.series,
                self.passage,
                self.formula,
                self.basis,
            ),
        )

    def optional_json(self) -> dict[str, Any]:
        """The optional fields that apply, in field order."""
        out: dict[str, Any] = {}
        if self.series:
            out["series"] = True
        if self.passage is not None:
            out["passage"] = self.passage
        if self.formula is not None:
            out["formula"] = self.formula.to_json()
        if self.basis is not None:
            out["basis"] = self.basis
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "anchor": self.anchor,
            "similarity": self.similarity,
            "origin": self.origin,
            **self.optional_json(),
        }


_LINK_SETTERS = tuple(Link.__dict__[f.name].__set__ for f in fields(Link))


def new_link(
    document: str,
    anchor: str,
    similarity: float | None,
    origin: LinkOrigin = "computed",
    series: bool = False,
    passage: str | None = None,
    formula: Formula | None = None,
    basis: str | None = None,
) -> Link:
    """``Link(...)``, the same frozen object, built in half the time: a frozen dataclass's
    ``__init__`` calls ``object.__setattr__`` once per field, and the lineage builds (and reads
    back from its result cache) a million links for 10,000 documents."""
    link = object.__new__(Link)
    s_doc, s_anchor, s_sim, s_origin, s_series, s_passage, s_formula, s_basis = _LINK_SETTERS
    s_doc(link, document)
    s_anchor(link, anchor)
    s_sim(link, similarity)
    s_origin(link, origin)
    s_series(link, series)
    s_passage(link, passage)
    s_formula(link, formula)
    s_basis(link, basis)
    return link


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One row of the clause-by-clause comparison of a document with its predecessor."""

    status: RowStatus
    anchor: str | None  # the clause in the document (None: dropped)
    predecessor_anchor: str | None  # the clause in the predecessor (None: new)
    similarity: float | None = None
    diff: list[tuple[str, list[str]]] | None = None  # word diff [(op, words)]; None when identical

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "anchor": self.anchor,
            "predecessor_anchor": self.predecessor_anchor,
            "similarity": self.similarity,
            "diff": None if self.diff is None else [[op, list(ws)] for op, ws in self.diff],
        }


@dataclass(frozen=True, slots=True)
class Flow:
    """Clauses of ``target`` whose nearest parent is in ``source`` (the corpus map)."""

    source: str  # slug of the earlier document ("from" in the export)
    target: str  # slug of the later document ("to")
    clauses: int
    words: int

    def to_json(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "clauses": self.clauses, "words": self.words}


@dataclass(frozen=True, slots=True)
class LineageSummary:
    """Per document: its size and how much of it was carried over from earlier texts."""

    clauses: int
    words: int
    carried_over: float  # share of its words, 0–1, 3 decimals
    new_clauses: int  # clauses sharing no wording with any earlier text

    def to_json(self) -> dict[str, Any]:
        return {
            "clauses": self.clauses,
            "words": self.words,
            "carried_over": self.carried_over,
            "new_clauses": self.new_clauses,
        }
