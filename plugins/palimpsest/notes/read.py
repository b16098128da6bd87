"""Contributors' notes: ``sources/<slug>/annotations.md``, one section per annotated clause.

Format (documented for contributors in docs/how-to-contribute.md)::

    ## op4

    Author: Jane Doe
    Sources: A/RES/70/1, https://undocs.org/A/RES/70/1
    Evolved from: e-res-2010-12#op24
    Not evolved from: a-res-68-131#pp2, #pp3

    The note, in Markdown. Links to clauses: [para. 4 of 68/131](a-res-68-131#op4), [#pp3](#pp3).

* A section starts at a level-2 heading whose text is exactly a clause anchor of the document.
* Optional fields are the first lines of the section, ``Name: value``. ``Evolved from`` and
  ``Not evolved from`` may repeat and take comma-separated targets (``slug#anchor``, or
  ``#anchor`` for this document); they confirm or reject a lineage link and override the
  machine's guess. ``Sources`` takes comma-separated items: an official symbol
  (``A/RES/70/1``, linked to undocs.org), a URL, or a Markdown link ``[text](url)``.
* The rest is Markdown, rendered with markdown-it-py and sanitized with nh3.

Everything a contributor can get wrong is collected in one pass as ``SourceError``s; nothing is
ever written back to disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from ..anchors import ANCHOR_RE, shorthand_to_anchor
from ..contributor_files import read_text
from ..errors import SourceError
from ..ingest.metadata import UNDOCS
from ..model import Document
from .html import SLUG_RE, render_body

ANNOTATIONS_FILE = "annotations.md"

EVOLVED_FROM = "evolved-from"
NOT_EVOLVED_FROM = "not-evolved-from"

# Field name as written (lowercased, single spaces) → key.
FIELDS = {
    "author": "author",
    "sources": "sources",
    "source": "sources",
    "evolved from": EVOLVED_FROM,
    "not evolved from": NOT_EVOLVED_FROM,
}
FIELD_NAMES = ("Author", "Sources", "Evolved from", "Not evolved from")

_HEADING_RE = re.compile(r"^ {0,3}##(?!#)(.*)$")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FIELD_RE = re.compile(r"^(?P<name>[A-Za-z][A-Za-z -]{0,30}?)[ \t]*:(?!//)[ \t]*(?P<value>.*?)\s*$")
_MD_LINK_RE = re.compile(r"^\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)$")
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_SYMBOL_RE = re.compile(r"^[A-Z]+(?:\.\d+)?(?:/[A-Za-z0-9.()\-]+)+$")


@dataclass(frozen=True)
class SourceRef:
    """One item of a note's ``Sources`` field: its text and, when known, a URL."""

    text: str
    url: str | None = None


@dataclass(frozen=True)
class Note:
    anchor: str  # the annotated clause
    html: str  # sanitized HTML of the body
    author: str | None
    sources: tuple[SourceRef, ...]
    overrides: tuple[tuple[str, str, str], ...]  # (EVOLVED_FROM | NOT_EVOLVED_FROM, slug, anchor)
    line: int  # line of the ``## anchor`` heading
    path: str  # annotations file, relative to the project root (POSIX)
    markdown: str = ""  # the body as written (fields removed), for exports to other generators
    references: tuple[tuple[str, str], ...] = ()  # clauses the body links to: (slug, anchor)

    @property
    def note_anchor(self) -> str:
        return f"{self.anchor}-note"


@dataclass
class _Section:
    heading: str  # text after "##"
    line: int  # 1-based line of the heading
    body: list[str]


def annotations_path(project_root: Path, document: Document) -> Path:
    return Path(project_root) / document.meta.folder / ANNOTATIONS_FILE


def _rel(path: Path, project_root: Path) -> str:
    try:
        return path.resolve().relative_to(project_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _split_sections(lines: list[str], path: str) -> tuple[list[_Section], list[SourceError]]:
    sections: list[_Section] = []
    errors: list[SourceError] = []
    fence: str | None = None
    in_comment = False
    stray_reported = False
    for i, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        m_fence = _FENCE_RE.match(line)
        if fence:
            if m_fence and m_fence.group(1)[0] == fence[0] and len(m_fence.group(1)) >= len(fence):
                fence = None
        elif m_fence:
            fence = m_fence.group(1)
        else:
            m = _HEADING_RE.match(line)
            if m:
                text = m.group(1)
                if text and not text[0].isspace():
                    errors.append(
                        SourceError(
                            path,
                            i,
                            f"`{line.strip()}` is not read as a heading (no space after `##`).",
                            f"Write `## {text.strip()}`.",
                        )
                    )
                    heading = text
                else:
                    heading = re.sub(r"\s+#+\s*$", "", text).strip()
                sections.append(_Section(heading, i, []))
                continue
        if sections:
            sections[-1].body.append(line)
            continue
        # Before the first section: a title, blank lines and HTML comments are fine.
        stripped = line.strip()
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        if stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if not stripped or re.match(r"^#(?!#)\s", stripped) or stripped == "#":
            continue
        if not stray_reported:
            stray_reported = True
            errors.append(
                SourceError(
                    path,
                    i,
                    "Text before the first `## <anchor>` heading belongs to no clause and would not be shown.",
                    "Move it under the heading of the clause it is about (e.g. `## op4`), or delete it.",
                )
            )
    return sections, errors


_PARA_WORDS = re.compile(
    r"^(?:(?P<pre>preambular|pre-ambular|pp)\s*)?(?:(?P<op>operative|op)\s*)?(?:paragraph|para\.?|paras?\.?|§)?\s*(?P<num>\d+)\s*(?:\(?(?P<pt>[a-z]{1,4})\)?)?$",
    re.IGNORECASE,
)


def guess_anchor(text: str, anchors: frozenset[str]) -> str | None:
    """What a heading like ``Paragraph 4``, ``OP4``, ``op-4``, ``PP 3``, ``op1(a)`` most likely
    meant, if that anchor exists."""
    cand = shorthand_to_anchor(text)
    if cand in anchors:
        return cand
    m = _PARA_WORDS.match(text.strip())
    if m:
        num, pt = m.group("num"), (m.group("pt") or "").lower()
        suffix = f"-{pt}" if pt else ""
        bases = ["pp"] if m.group("pre") else ["op", "p"]
        for base in bases:
            for a in (f"{base}{num}{suffix}", f"{base}{num}"):
                if a in anchors:
                    return a
        for base in bases:
            for a in sorted(anchors):  # a prefixed part: conclusions-p4
                if re.fullmatch(rf"[a-z0-9-]+-{base}{num}{re.escape(suffix)}", a):
                    return a
    return None


def _split_targets(value: str) -> list[str]:
    return [t.strip() for t in value.split(",")]


def _split_sources(value: str) -> list[str]:
    """Commas and semicolons separate items, except inside [brackets] or (parentheses)."""
    items: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in value:
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            items.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur).strip())
    return items


def _source_ref(item: str) -> tuple[SourceRef | None, str]:
    m = _MD_LINK_RE.match(item)
    if m:
        url = m.group("url")
        if not re.match(r"^https?://", url):
            return None, f"the link `{url}` is not an http(s) URL"
        return SourceRef(m.group("text").strip(), url), ""
    if _URL_RE.match(item):
        if not re.match(r"^https?://", item):
            return None, f"`{item}` is not an http(s) URL"
        return SourceRef(item, item), ""
    if _SYMBOL_RE.match(item):
        return SourceRef(item, f"{UNDOCS}{item}"), ""
    return SourceRef(item), ""


def _describe(document: Document) -> str:
    return f"{document.meta.symbol} (`{document.slug}`)"


def corpus_anchors(corpus: dict[str, Document]) -> dict[str, frozenset[str]]:
    """slug → its clause anchors: compute it once per corpus and pass it to ``load_annotations``
    (building it per document would make reading all notes quadratic in the corpus)."""
    return {s: frozenset(c.anchor for c in d.clauses) for s, d in corpus.items()}


def load_annotations(
    folder: Path,
    document: Document,
    corpus: dict[str, Document],
    project_root: Path,
    anchors_of: dict[str, frozenset[str]] | None = None,
) -> tuple[dict[str, Note], list[SourceError]]:
    """Read ``folder/annotations.md`` for ``document``. Returns the notes by clause anchor and
    every problem found (all of them, in file order). A missing file is no error."""
    file = folder / ANNOTATIONS_FILE
    if not file.is_file():
        return {}, []
    path = _rel(file, project_root)
    try:
        text = read_text(file, project_root)
    except SourceError as exc:
        return {}, [exc]
    return parse_annotations(text, path, document, corpus, anchors_of)


def parse_annotations(
    text: str,
    path: str,
    document: Document,
    corpus: dict[str, Document],
    anchors_of: dict[str, frozenset[str]] | None = None,
) -> tuple[dict[str, Note], list[SourceError]]:
    """Like ``load_annotations`` on the text of a file; ``path`` is used in messages."""
    anchors_of = dict(anchors_of) if anchors_of is not None else corpus_anchors(corpus)
    anchors_of[document.slug] = frozenset(c.anchor for c in document.clauses)
    own = anchors_of[document.slug]

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sections, errors = _split_sections(lines, path)
    notes: dict[str, Note] = {}
    first_line: dict[str, int] = {}

    for sec in sections:
        anchor = _check_heading(sec, own, document, path, errors)
        if anchor is not None:
            if anchor in first_line:
                errors.append(
                    SourceError(
                        path,
                        sec.line,
                        f"A second note for `{anchor}` (the first is at line {first_line[anchor]}).",
                        f"Keep one `## {anchor}` section: merge this one into the section at line {first_line[anchor]}.",
                    )
                )
                anchor = None
            else:
                first_line[anchor] = sec.line
        note = _parse_section(sec, anchor, document, anchors_of, path, errors)
        if note is not None:
            notes[note.anchor] = note

    errors.sort(key=lambda e: e.line)
    return dict(sorted(notes.items(), key=lambda kv: kv[1].line)), errors


def _check_heading(
    sec: _Section, own: frozenset[str], document: Document, path: str, errors: list[SourceError]
) -> str | None:
    heading = sec.heading
    if heading in own:
        return heading
    guess = guess_anchor(heading, own) if heading else None
    if not heading:
        errors.append(
            SourceError(
                path,
                sec.line,
                "A `##` heading with no anchor.",
                "Write the anchor of the clause after `## `, e.g. `## op4`.",
            )
        )
    elif not ANCHOR_RE.match(heading) or guess:
        fix = (
            f"Write `## {guess}`."
            if guess
            else "Head each note with the anchor of its clause as it appears in the page URL, e.g. `## op4` or `## pp3`."
        )
        errors.append(SourceError(path, sec.line, f"The heading `## {heading}` is not a clause anchor.", fix))
    else:
        near = get_close_matches(heading, sorted(own), n=3, cutoff=0.5)
        fix = (
            f"Use the anchor of an existing clause; the closest are {', '.join(f'`{n}`' for n in near)}."
            if near
            else "Use the anchor of an existing clause (shown on the document's page, e.g. `op4`)."
        )
        errors.append(
            SourceError(
                path,
                sec.line,
                f"There is no clause `{heading}` in {_describe(document)}, so this note has nothing to attach to.",
                fix,
            )
        )
    return None


def _parse_section(
    sec: _Section,
    anchor: str | None,
    document: Document,
    anchors_of: dict[str, frozenset[str]],
    path: str,
    errors: list[SourceError],
) -> Note | None:
    body = sec.body
    i = 0
    while i < len(body) and not body[i].strip():
        i += 1
    author: str | None = None
    author_line = 0
    sources: list[SourceRef] = []
    overrides: list[tuple[str, str, str]] = []
    override_lines: dict[tuple[str, str], tuple[str, int]] = {}
    while i < len(body):
        m = _FIELD_RE.match(body[i])
        if not m:
            break
        lineno = sec.line + 1 + i
        name = re.sub(r"\s+", " ", m.group("name").strip()).lower()
        value = m.group("value")
        i += 1
        key = FIELDS.get(name)
        if key is None:
            near = get_close_matches(name, list(FIELDS), n=1, cutoff=0.6)
            known = ", ".join(f"`{f}:`" for f in FIELD_NAMES)
            if near:
                fix = f"Did you mean `{FIELDS[near[0]].replace('-', ' ').capitalize()}:`? Known fields: {known}."
            else:
                fix = (
                    f"Known fields: {known}. If this line is part of the note's text, "
                    f"write it so it does not start with `Word:` (e.g. `**{m.group('name').strip()}:** …`)."
                )
            errors.append(
                SourceError(path, lineno, f"Unknown field `{m.group('name').strip()}:` at the top of the note.", fix)
            )
            continue
        if not value:
            errors.append(
                SourceError(
                    path,
                    lineno,
                    f"The field `{m.group('name').strip()}:` is empty.",
                    "Give it a value, or delete the line.",
                )
            )
            continue
        if key == "author":
            if author is not None:
                errors.append(
                    SourceError(
                        path,
                        lineno,
                        f"A second `Author:` line (the first is at line {author_line}).",
                        "Put all authors on one line: `Author: Name One, Name Two`.",
                    )
                )
                continue
            author, author_line = value, lineno
        elif key == "sources":
            for item in _split_sources(value):
                if not item:
                    errors.append(
                        SourceError(
                            path,
                            lineno,
                            "An empty item in `Sources:` (two commas in a row, or a trailing comma).",
                            "Remove the extra comma.",
                        )
                    )
                    continue
                ref, problem = _source_ref(item)
                if ref is None:
                    errors.append(
                        SourceError(
                            path,
                            lineno,
                            f"In `Sources:`, {problem}.",
                            "Give sources as official symbols (`A/RES/70/1`), https:// URLs or Markdown links `[title](https://…)`.",
                        )
                    )
                else:
                    sources.append(ref)
        else:
            for target in _split_targets(value):
                parsed = _check_target(target, key, document, anchors_of, anchor, path, lineno, errors)
                if parsed is None:
                    continue
                slug, tanchor = parsed
                previous = override_lines.get((slug, tanchor))
                if previous and previous[0] != key:
                    errors.append(
                        SourceError(
                            path,
                            lineno,
                            f"`{slug}#{tanchor}` is named both in `Evolved from:` and in `Not evolved from:` (line {previous[1]}).",
                            "Keep only the one you mean.",
                        )
                    )
                    continue
                if previous:
                    continue
                override_lines[(slug, tanchor)] = (key, lineno)
                overrides.append((key, slug, tanchor))

    while i < len(body) and not body[i].strip():
        i += 1
    text_lines = body[i:]
    while text_lines and not text_lines[-1].strip():
        text_lines.pop()
    markdown = "\n".join(text_lines)
    body_first_line = sec.line + 1 + i  # file line of text_lines[0]
    html, problems, references = render_body(markdown + "\n", document.slug, anchors_of)
    for p in problems:
        errors.append(SourceError(path, body_first_line + p.line - 1, p.problem, p.fix))
    if anchor is None:
        return None
    if not markdown.strip() and not overrides:
        errors.append(
            SourceError(
                path,
                sec.line,
                f"The note for `{anchor}` is empty.",
                f"Write the note under `## {anchor}`, or delete the heading.",
            )
        )
        return None
    return Note(
        anchor=anchor,
        html=html,
        author=author,
        sources=tuple(sources),
        overrides=tuple(overrides),
        line=sec.line,
        path=path,
        markdown=markdown,
        references=tuple(references),
    )


def _check_target(
    target: str,
    key: str,
    document: Document,
    anchors_of: dict[str, frozenset[str]],
    own_anchor: str | None,
    path: str,
    lineno: int,
    errors: list[SourceError],
) -> tuple[str, str] | None:
    field = "Evolved from" if key == EVOLVED_FROM else "Not evolved from"
    example = (
        "Write targets as `<slug>#<anchor>` (e.g. `e-res-2010-12#op24`), or `#<anchor>` for a clause of this document."
    )
    if not target:
        errors.append(
            SourceError(
                path,
                lineno,
                f"An empty target in `{field}:` (two commas in a row, or a trailing comma).",
                "Remove the extra comma.",
            )
        )
        return None
    slug, sep, tanchor = target.partition("#")
    slug = slug.strip() or document.slug
    tanchor = tanchor.strip()
    if not sep or not tanchor:
        errors.append(SourceError(path, lineno, f"`{field}: {target}` names no clause.", example))
        return None
    if not SLUG_RE.match(slug) or slug not in anchors_of:
        near = get_close_matches(slug, sorted(anchors_of), n=3, cutoff=0.6)
        hint = f" Did you mean {', '.join(f'`{n}`' for n in near)}?" if near else ""
        errors.append(
            SourceError(
                path,
                lineno,
                f"`{field}: {target}` names a missing clause: there is no document `{slug}` in sources/.",
                example + hint,
            )
        )
        return None
    if tanchor not in anchors_of[slug]:
        near = get_close_matches(tanchor, sorted(anchors_of[slug]), n=3, cutoff=0.5)
        hint = f" Closest anchors there: {', '.join(f'`{n}`' for n in near)}." if near else ""
        errors.append(
            SourceError(
                path,
                lineno,
                f"`{field}: {target}` names a missing clause: `{slug}` has no clause `{tanchor}`.",
                "Use an existing anchor." + hint,
            )
        )
        return None
    if slug == document.slug and tanchor == own_anchor:
        errors.append(
            SourceError(
                path,
                lineno,
                f"`{field}: {target}` names the annotated clause itself.",
                "Name a clause of another document (or another clause).",
            )
        )
        return None
    return slug, tanchor
