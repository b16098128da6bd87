"""From a reader's logical paragraphs to the official structure of the document.

Decides what each block is (front matter, enacting formula, preambular or operative
paragraph, numbered paragraph of conclusions or an annex, lettered or roman point, heading,
closing line), splits the document into parts (a resolution followed by its conclusions or
an annex; annex sections that restart numbering), assigns anchors, eIds and labels, and checks
the numbering and the footnotes. Problems are collected as ``SourceError``s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from ..anchors import clause_anchor, clause_eid, clause_label
from ..errors import SourceError
from ..model import Block, BlockKind, Clause, ClauseKind, Document, DocumentMeta, Footnote, FootnoteRef, Part
from . import bodies
from .raw import FN_OPEN, FN_TOKEN_RE, RawBlock, RawText
from .vocabulary import LEADING_ADVERBS, VERB_MODIFIERS

NUMBERED_RE = re.compile(r"^(?P<num>\d{1,3})\.\s+(?P<rest>\S.*)$")
POINT_RE = re.compile(r"^\((?P<m>[a-z]{1,2}|[ivxl]{1,6})\)\s*(?P<rest>\S.*)$")
FORMULA_RE = bodies.formula_re()  # any body's enacting formula (bodies.yml), or the general form
MEETING_RE = re.compile(r"^\d+(?:st|nd|rd|th) (?:plenary )?meeting$")
DATE_RE = re.compile(
    r"^\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$"
)
SECTION_RE = re.compile(r"^(?P<letter>[A-Z])\.\s+\S")
ROMAN_HEADING_RE = re.compile(r"^(?P<roman>[IVXL]+)\.\s+\S")
PART_TITLE_RE = re.compile(r"^(?P<word>Annex|Appendix|Conclusions|Attachment)\b", re.I)

ROMAN = [
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "vii",
    "viii",
    "ix",
    "x",
    "xi",
    "xii",
    "xiii",
    "xiv",
    "xv",
    "xvi",
    "xvii",
    "xviii",
    "xix",
    "xx",
]


@dataclass
class _Item:
    kind: str  # preambular | operative | paragraph | point | formula | heading | closing | note
    text: str
    line: int
    number: str = ""
    level: int = 0  # points: 1 = (a), 2 = (i) under (a); headings: 2/3/4
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    refs: list[FootnoteRef] = field(default_factory=list)
    eid: str = ""  # the source's own id of the element (Akoma Ntoso), kept as the clause's eId


@dataclass
class _Part:
    base: str  # "" main, "conclusions", "annex"
    title: str | None
    section: str = ""  # "a" for "A. …" sections of an annex restarting numbering
    items: list[_Item] = field(default_factory=list)

    @property
    def has_numbered(self) -> bool:
        return any(i.kind in ("operative", "paragraph") for i in self.items)

    @property
    def has_formula(self) -> bool:
        return any(i.kind in ("formula", "preambular") for i in self.items)


def _split_footnote_tokens(
    text: str, emphasis: list[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]], list[FootnoteRef]]:
    """Remove footnote tokens from text; a footnote mark sits right after the word it follows
    (spaces before the token go, one space stays between the words around it)."""
    if FN_OPEN not in text:
        return text, list(emphasis), []
    out: list[str] = []  # pieces of the plain text
    length = 0
    refs: list[FootnoteRef] = []
    # (old offset, new offset) at the start of each piece, to move emphasis spans
    anchors: list[tuple[int, int]] = []
    pos = 0
    for m in FN_TOKEN_RE.finditer(text):
        piece = text[pos : m.start()]
        anchors.append((pos, length))
        out.append(piece)
        length += len(piece)
        # glue the mark to the previous word
        while out and out[-1].endswith(" "):
            trimmed = out[-1].rstrip(" ")
            length -= len(out[-1]) - len(trimmed)
            out[-1] = trimmed
            if out[-1] or len(out) == 1:
                break
        refs.append(FootnoteRef(offset=length, number=m.group(1)))
        pos = m.end()
        nxt = text[pos : pos + 1]
        if nxt and nxt not in " ,;:.)\u201d\u2019" + FN_OPEN and length:
            out.append(" ")
            length += 1
            # the inserted space has no counterpart in the source text
    anchors.append((pos, length))
    out.append(text[pos:])
    plain = "".join(out)

    def move(offset: int) -> int:
        best = anchors[0]
        for old, new in anchors:
            if old <= offset:
                best = (old, new)
            else:
                break
        return min(best[1] + (offset - best[0]), len(plain))

    spans = [(move(a), move(b)) for a, b in emphasis]
    return plain, [(a, b) for a, b in spans if b > a], refs


def _opening_phrase(text: str) -> tuple[int, int] | None:
    """Italic span of the opening verb phrase: "Recognizing also", "Takes note with
    appreciation", "Bearing in mind", "Deeply concerned", "Calls upon"."""
    m = re.match(r"[A-Z][a-z\u2011-]+", text)
    if not m:
        return None
    end = m.end()
    if m.group(0) in LEADING_ADVERBS:  # "Also encourages", "Further invites", "Strongly urges"
        w = re.match(r"\s+[a-z][a-z\u2011-]+", text[end:])
        if w:
            end += w.end()
    while True:
        w = re.match(r"\s+([a-z]+)", text[end:])
        if not w or w.group(1) not in VERB_MODIFIERS:
            return (0, end)
        if w.group(1) == "in" and not re.match(r"\s+in\s+mind\b", text[end:]):
            return (0, end)
        end += w.end()


def _join_continuations(blocks: list[RawBlock]) -> list[RawBlock]:
    """Re-join a clause cut in two by a page break: the second half starts in lower case, or
    the first half does not end its sentence and the second half opens no clause."""
    out: list[RawBlock] = []
    for b in blocks:
        if (
            out
            and not b.heading
            and not out[-1].heading
            and not b.verbatim
            and not out[-1].verbatim
            and not b.element
            and not out[-1].element
        ):
            prev = out[-1].text.rstrip()
            first = b.text[:1]
            opens_clause = bool(
                NUMBERED_RE.match(b.text) or POINT_RE.match(b.text) or MEETING_RE.match(b.text) or DATE_RE.match(b.text)
            )
            prev_open = not prev.endswith((".", ";", ":", ",")) and not MEETING_RE.match(prev)
            prev_is_heading_like = _heading_like(prev) and not NUMBERED_RE.match(prev) and not POINT_RE.match(prev)
            if (
                not opens_clause
                and not prev_is_heading_like
                and (
                    first.islower()
                    or (prev_open and not first.isupper())
                    or (prev_open and re.match(r"^\(No\.", b.text))
                )
            ):
                shift = len(prev) + 1
                out[-1] = RawBlock(
                    text=prev + " " + b.text,
                    line=out[-1].line,
                    heading=0,
                    emphasis=out[-1].emphasis + [(s + shift, e + shift) for s, e in b.emphasis],
                )
                continue
        out.append(
            RawBlock(
                text=b.text,
                line=b.line,
                heading=b.heading,
                emphasis=list(b.emphasis),
                verbatim=b.verbatim,
                eid=b.eid,
                element=b.element,
            )
        )
    return out


def _heading_like(text: str) -> bool:
    plain = FN_TOKEN_RE.sub("", text).strip()
    if not plain or len(plain) > 160:
        return False
    if plain.endswith((".", ",", ";", ":")) and not ROMAN_HEADING_RE.match(plain) and not SECTION_RE.match(plain):
        return False
    if MEETING_RE.match(plain) or DATE_RE.match(plain):
        return False
    return not plain[0].isdigit()


def _part_base(title: str, index: int) -> str:
    m = PART_TITLE_RE.match(title.strip())
    if m:
        return m.group("word").lower()
    return f"part{index + 1}"


def build_document(raw: RawText, meta: DocumentMeta, path: str) -> tuple[Document, list[SourceError]]:
    errors: list[SourceError] = []
    blocks = _join_continuations(raw.blocks)
    discarded = list(raw.discarded)

    # --- find where the text proper starts: the first formula, else the first numbered clause
    start = None
    for k, b in enumerate(blocks):
        if FORMULA_RE.match(FN_TOKEN_RE.sub("", b.text)) and not b.heading:
            start = k
            break
    if start is None and raw.body_start is not None and blocks:
        start = min(raw.body_start, len(blocks) - 1)
    if start is None:
        for k, b in enumerate(blocks):
            if NUMBERED_RE.match(b.text):
                start = k
                break
    if start is None:
        errors.append(
            SourceError(
                path,
                1,
                "No clauses found: the ingest recognised no enacting formula "
                '("The General Assembly,") and no numbered paragraph ("1. …").',
                "Check that this is the full text of a resolution; numbered paragraphs must "
                "start with their number followed by a period.",
            )
        )
        return Document(meta=meta, parts=(), footnotes=tuple(raw.footnotes), discarded=tuple(discarded)), errors

    # a heading right before the formula is the part's title; other front matter is set aside
    main_title = None
    k = start - 1
    if k >= 0 and _heading_like(blocks[k].text) and not FORMULA_RE.match(blocks[k].text):
        cand = blocks[k].text.strip()
        if not re.match(r"^(Resolution\s+)?\d+/\d+\b", cand) and cand != meta.title:
            main_title = cand
        start_front = k
    else:
        start_front = start
    for b in blocks[:start_front]:
        discarded.append((b.line, b.text))
    if main_title is None and start_front < start:
        discarded.append((blocks[start_front].line, blocks[start_front].text))

    parts: list[_Part] = [_Part(base="", title=main_title)]
    point_stack: list[_Item] = []
    closed = False  # the closing line was seen
    pending_headings: list[_Item] = []
    under_text = False  # inside points introduced by an unnumbered text

    def current() -> _Part:
        return parts[-1]

    def flush_headings() -> None:
        current().items.extend(pending_headings)
        pending_headings.clear()

    def new_part(title_item: _Item | None, base: str | None = None) -> None:
        nonlocal point_stack
        title = title_item.text if title_item else None
        b = base if base is not None else (_part_base(title, len(parts)) if title else f"part{len(parts) + 1}")
        parts.append(_Part(base=b, title=title))
        point_stack = []

    for b in blocks[start:]:
        text, spans, refs = _split_footnote_tokens(b.text, b.emphasis)
        text = text.strip()
        if not text:
            continue
        item = _Item(kind="note", text=text, line=b.line, emphasis=spans, refs=refs, eid=b.eid)
        if b.verbatim:
            errors.append(
                SourceError(
                    path,
                    b.line,
                    "An HTML or code block in the Markdown source is not text of the "
                    "resolution; it is shown apart as a note, joined to no clause.",
                    "Write the words as plain Markdown text (or remove the block if it is not part "
                    "of the official text).",
                )
            )
            flush_headings()
            current().items.append(item)
            continue
        m_num = NUMBERED_RE.match(text)
        m_pt = POINT_RE.match(text)
        if not m_pt:
            under_text = False
        if MEETING_RE.match(text):
            item.kind = "closing"
            closed = True
        elif DATE_RE.match(text) and current().items and current().items[-1].kind == "closing":
            item.kind = "closing"
        elif FORMULA_RE.match(text) and not current().has_numbered:
            item.kind = "formula"
        elif m_num and not b.heading:
            n = int(m_num.group("num"))
            restart = n == 1 and _has_numbered_paragraph(current())
            if restart or (closed and n == 1):
                # a new numbered sequence: its title is the first pending heading
                title_item = pending_headings[0] if pending_headings else None
                section = ""
                for h in pending_headings:
                    sm = SECTION_RE.match(h.text)
                    if sm:
                        section = sm.group("letter").lower()
                base = None
                if (
                    section
                    and current().base not in ("",)
                    and (title_item is None or SECTION_RE.match(title_item.text))
                ):
                    base = current().base  # annex section restarting numbering: same base
                    if not current().section:
                        current().section = _section_of(current())
                new_part(title_item, base)
                current().section = section
                current().items.extend(pending_headings)
                pending_headings.clear()
                closed = False
            elif _resumes_outer_sequence(parts, n):
                # "11. Approves the following agenda: 1. Opening… 7. Adoption…" then "12.": the
                # short list numbered from 1 was quoted inside paragraph 11; it is kept as its
                # text (blocks), and the numbering of the paragraphs goes on
                quoted = parts.pop()
                for q in quoted.items:
                    if q.kind in ("operative", "paragraph", "point"):
                        mark = f"{q.number}." if q.kind != "point" else f"({q.number})"
                        q.kind, q.text, q.number = "note", f"{mark} {q.text}", ""
                    current().items.append(q)
                point_stack = []
                flush_headings()
            else:
                flush_headings()
            item.kind = "operative" if current().has_formula else "paragraph"
            item.number = m_num.group("num")
            off = len(text) - len(m_num.group("rest"))
            item.text = m_num.group("rest")
            item.emphasis = [(max(0, s - off), e - off) for s, e in item.emphasis if e - off > 0]
            item.refs = [FootnoteRef(offset=max(0, r.offset - off), number=r.number) for r in item.refs]
            point_stack = []
        elif (
            m_pt
            and not b.heading
            and (under_text or _points_of_unnumbered_text(current(), pending_headings, m_pt.group("m")))
        ):
            # points introduced by an unnumbered text ("Article 5" / "Everyone has the right…:" /
            # "(a) …"): they belong to that text, which has no official number, so they are
            # kept as its blocks, never attached to the paragraph before the heading
            flush_headings()
            under_text = True
            item.kind = "note"
        elif (
            m_pt and not b.heading and any(i.kind in ("operative", "paragraph", "preambular") for i in current().items)
        ):
            flush_headings()
            mark = m_pt.group("m")
            level = 1
            if point_stack:
                top = point_stack[-1]
                if mark in ROMAN and top.level == 1 and not _is_next_letter(top.number, mark):
                    level = 2
                elif top.level == 2 and mark in ROMAN and _is_next_roman(top.number, mark):
                    level = 2
            item.kind, item.number, item.level = "point", mark, level
            off = len(text) - len(m_pt.group("rest"))
            item.text = m_pt.group("rest")
            item.emphasis = [(max(0, s - off), e - off) for s, e in item.emphasis if e - off > 0]
            item.refs = [FootnoteRef(offset=max(0, r.offset - off), number=r.number) for r in item.refs]
            point_stack = [p for p in point_stack if p.level < level] + [item]
        elif b.heading or (_heading_like(text) and not text.endswith((",", ";"))):
            item.kind = "heading"
            item.level = 3
            if b.heading:
                item.level = max(2, min(4, b.heading))
            if PART_TITLE_RE.match(text) and (closed or current().has_numbered) and not current().base:
                flush_headings()
                new_part(item)
                closed = False
                continue
            pending_headings.append(item)
            continue
        elif (
            not _has_numbered_paragraph(current())
            and (current().has_formula or (len(parts) == 1 and raw.body_start is not None))
            and text.endswith((",", ";"))
        ):
            item.kind = "preambular"
        elif not current().has_numbered and (current().has_formula or current().items) and text.endswith("."):
            # an unnumbered operative paragraph (a one-sentence resolution)
            item.kind = "operative"
            item.number = ""
        elif not current().has_numbered and not current().items and not parts[:-1]:
            item.kind = "preambular"
        flush_headings()
        current().items.append(item)
    flush_headings()
    _unnumbered_before_numbered(parts)

    doc_parts, clause_errors = _assemble(parts, meta, path, raw.footnotes)
    errors.extend(clause_errors)
    document = Document(
        meta=meta, parts=tuple(doc_parts), footnotes=tuple(raw.footnotes), discarded=tuple(sorted(discarded))
    )
    errors.extend(_check_footnotes(document, path))
    if not document.clauses:
        errors.append(
            SourceError(
                path,
                blocks[start].line if blocks else 1,
                "No clauses found in the text.",
                "Check that the source holds the resolution's paragraphs.",
            )
        )
    return document, errors


def _last_number(part: _Part) -> int:
    nums = [int(i.number) for i in part.items if i.kind in ("operative", "paragraph") and i.number]
    return nums[-1] if nums else 0


def _resumes_outer_sequence(parts: list[_Part], n: int) -> bool:
    """Paragraph ``n`` continues the numbering of the part before an untitled sequence that
    restarted at 1 (a list quoted inside a paragraph), not that sequence's own; a heading may
    stand between the list and paragraph ``n`` (it heads ``n``: "Principles" / "8.")."""
    if len(parts) < 2 or parts[-1].title is not None:
        return False
    inner, outer = parts[-1], parts[-2]
    last_inner = _last_number(inner)
    return bool(last_inner) and n != last_inner + 1 and n == _last_number(outer) + 1 and last_inner < n


def _has_numbered_paragraph(part: _Part) -> bool:
    return any(i.kind in ("operative", "paragraph") and i.number for i in part.items)


def _points_of_unnumbered_text(part: _Part, pending: list[_Item], mark: str) -> bool:
    """A list restarting at (a) right after an unnumbered text ending with a colon, which
    itself follows a heading: the list belongs to that text."""
    if mark != "a" or pending or not part.items:
        return False
    last = part.items[-1]
    if last.kind != "note" or not last.text.rstrip().endswith(":"):
        return False
    before = part.items[-2] if len(part.items) > 1 else None
    return (
        before is not None
        and before.kind in ("heading", "note")
        and any(i.kind in ("point",) for i in part.items)
        or (before is not None and before.kind == "heading")
    )


def _unnumbered_before_numbered(parts: list[_Part]) -> None:
    """A paragraph of the preamble printed with a full stop instead of its comma looks like
    the unnumbered operative paragraph of a one-sentence resolution; when numbered operative
    paragraphs follow, it is a preambular paragraph."""
    for p in parts:
        numbered = [k for k, i in enumerate(p.items) if i.kind == "operative" and i.number]
        if not numbered:
            continue
        for i in p.items[: numbered[0]]:
            if i.kind == "operative" and not i.number:
                i.kind = "preambular"


def _section_of(part: _Part) -> str:
    for i in part.items:
        if i.kind == "heading":
            sm = SECTION_RE.match(i.text)
            if sm:
                return sm.group("letter").lower()
    return ""


def _is_next_letter(prev: str, mark: str) -> bool:
    """(b) after (a); (ii) after (hh) in a list lettered past (z): (aa), (bb)…"""
    if len(prev) == 1 and len(mark) == 1:
        return ord(mark) == ord(prev) + 1
    if prev == "z" and mark == "aa":
        return True
    return (
        len(prev) == len(mark) == 2 and prev[0] == prev[1] and mark[0] == mark[1] and ord(mark[0]) == ord(prev[0]) + 1
    )


def _is_next_roman(prev: str, mark: str) -> bool:
    return prev in ROMAN and mark in ROMAN and ROMAN.index(mark) == ROMAN.index(prev) + 1


def _assemble(
    parts: list[_Part], meta: DocumentMeta, path: str, footnotes: list[Footnote]
) -> tuple[list[Part], list[SourceError]]:
    errors: list[SourceError] = []
    out: list[Part] = []
    used_slugs: set[str] = set()
    for index, p in enumerate(parts):
        if index == 0:
            slug = ""
            part_label = ""
        else:
            slug = p.base + (f"-{p.section}" if p.section else "")
            base_slug = slug
            k = 2
            while slug in used_slugs or not slug:
                slug = f"{base_slug or 'part'}-{k}"
                k += 1
            part_label = p.base + (f", section {p.section.upper()}" if p.section else "")
            if p.base.startswith("part"):
                part_label = f"part {p.base[4:]}"
        used_slugs.add(slug)
        items: list[Clause | Block] = []
        pp = 0
        last_num: dict[str, int] = {}
        parents: list[Clause] = []  # stack: numbered clause, level-1 point, level-2 point
        unnumbered_ops = [i for i in p.items if i.kind == "operative" and not i.number]
        for it in p.items:
            if it.kind in ("formula", "heading", "closing", "note"):
                items.append(
                    Block(
                        kind=cast(BlockKind, it.kind),
                        text=it.text,
                        line=it.line,
                        level=it.level or 2,
                        emphasis=tuple(it.emphasis),
                        footnote_refs=tuple(it.refs),
                    )
                )
                continue
            if it.kind == "preambular":
                pp += 1
                number = str(pp)
            elif it.kind in ("operative", "paragraph"):
                if not it.number:
                    # the sole, unnumbered operative paragraph of a one-sentence resolution
                    number = str(last_num.get(it.kind, 0) + 1)
                    if len(unnumbered_ops) > 1:
                        errors.append(
                            SourceError(
                                path,
                                it.line,
                                "An operative paragraph has no number, and it is not the only one.",
                                "Number the operative paragraphs as printed.",
                            )
                        )
                else:
                    number = it.number
                expected = last_num.get("numbered", 0) + 1
                if int(number) != expected:
                    what = "repeats" if int(number) < expected else "jumps"
                    errors.append(
                        SourceError(
                            path,
                            it.line,
                            f"Paragraph numbering {what}: paragraph {number} follows paragraph {expected - 1}"
                            + (f" in the {part_label}" if part_label else "")
                            + ".",
                            "Check the source around this line: a paragraph the ingest could not separate (a page "
                            "break or footnote block inside it), a missing paragraph, or a typo in the number.",
                        )
                    )
                last_num["numbered"] = int(number)
                last_num[it.kind] = int(number)
            else:  # point
                number = it.number
            if it.kind == "point":
                level = it.level
                parents = parents[:level]
                if not parents:
                    errors.append(
                        SourceError(
                            path,
                            it.line,
                            f"Point ({number}) does not follow a clause it could belong to.",
                            "Check that the lettered point follows its numbered paragraph.",
                        )
                    )
                    continue
                parent = parents[-1]
                siblings = [c for c in items if isinstance(c, Clause) and c.parent == parent.anchor]
                if level == 2:
                    exp = ROMAN[len(siblings)] if len(siblings) < len(ROMAN) else None
                else:
                    exp = chr(ord("a") + len(siblings)) if len(siblings) < 26 else None
                if exp and number != exp:
                    errors.append(
                        SourceError(
                            path,
                            it.line,
                            f"Point ({number}) of {parent.label} should be ({exp}): points are lettered in order.",
                            "Check the source for a missing or mis-lettered point.",
                        )
                    )
                anchor = clause_anchor("point", number, slug, parent.anchor)
                eid = it.eid or clause_eid("point", number, slug, parent.eid)
                label = clause_label("point", number, part_label, parent.label)
                parent_anchor = parent.anchor
            else:
                kind = cast(ClauseKind, it.kind)
                anchor = clause_anchor(kind, number, slug)
                eid = it.eid or clause_eid(kind, number, slug)
                label = clause_label(kind, number, part_label)
                parent_anchor = None
                if it.kind == "operative" and not it.number:
                    label = (
                        "operative paragraph (unnumbered)"
                        if not part_label
                        else f"{part_label}, operative paragraph (unnumbered)"
                    )
            emphasis = tuple(it.emphasis)
            if not emphasis and it.kind in ("preambular", "operative"):
                span = _opening_phrase(it.text)
                emphasis = (span,) if span else ()
            clause = Clause(
                anchor=anchor,
                eid=eid,
                kind=cast(ClauseKind, it.kind),
                number=number,
                label=label,
                parent=parent_anchor,
                part=slug,
                text=it.text,
                line=it.line,
                emphasis=emphasis,
                footnote_refs=tuple(it.refs),
            )
            items.append(clause)
            if it.kind == "point":
                parents = parents[: it.level] + [clause]
            else:
                parents = [clause]
        out.append(Part(slug=slug, title=p.title, items=tuple(items)))
    return out, errors


def _check_footnotes(doc: Document, path: str) -> list[SourceError]:
    errors: list[SourceError] = []
    known = {f.number: f for f in doc.footnotes}
    called: set[str] = set()
    for part in doc.parts:
        for it in part.items:
            for r in it.footnote_refs:
                called.add(r.number)
                if r.number not in known:
                    errors.append(
                        SourceError(
                            path,
                            it.line,
                            f"Footnote mark {r.number} has no footnote text.",
                            f"Make sure the text of footnote {r.number} is in the source (at the "
                            "bottom of its page or after the closing line).",
                        )
                    )
    seen: set[str] = set()
    for f in doc.footnotes:
        if f.number in seen:
            errors.append(
                SourceError(path, f.line, f"Footnote {f.number} is given twice.", "Keep one text per footnote number.")
            )
        seen.add(f.number)
        if f.number not in called:
            errors.append(
                SourceError(
                    path,
                    f.line,
                    f"Footnote {f.number} is never called in the text.",
                    f"Check that the call-out {f.number} follows the word it belongs to in the "
                    "source (the ingest recognises digits glued to a word or after punctuation).",
                )
            )
    return errors
