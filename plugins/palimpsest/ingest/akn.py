"""Reader for Akoma Ntoso 3.0 XML (``source.xml``), as the UN marks up its resolutions (AKN4UN).

The structure is taken from the elements, never guessed from the words:

* ``coverPage`` / ``preface``: ``docNumber`` (the symbol ``A/RES/79/275``, or the number
  ``79/275.`` printed before the title), ``docTitle``, ``session value="79"``; ``FRBRdate
  name="adoption"`` of the work gives the adoption date;
* ``preamble``: the ``formula`` (enacting formula) and the recitals (``recital``, ``container``
  or ``p``): preambular paragraphs;
* ``mainBody``: ``paragraph`` with its ``num`` (operative paragraphs; an unnumbered one stays
  unnumbered), its ``content`` or ``list`` (``intro`` and ``point``s with their ``num``, nested
  lists), ``hcontainer``/``heading``s between them;
* ``conclusions``: the closing line (``62nd plenary meeting``) and its date;
* ``attachments`` / ``attachment`` / ``doc``: annexes, with their own heading and paragraphs;
* ``authorialNote marker="1"``: a footnote, its call-out where the element stands;
* ``eId`` of each paragraph, recital and point is kept as the clause's eId;
* ``<span class="italic">``, ``<i>``: the printed italics (the opening phrase), as spans.

A document type declaration or entity is refused (an XML source needs neither, and entities
can expand without bound). Every element carries its source line.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass, field

from ..errors import SourceError
from ..model import Footnote
from .raw import RawBlock, RawText, fn_token

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
DOCUMENT_TYPES = ("statement", "doc", "act", "bill", "documentCollection")
_ITALIC = {"i", "em"}
_SKIP = {"meta", "authorialNote", "num", "eol"}


@dataclass
class Node:
    tag: str  # local name, namespace removed
    attrs: dict[str, str]
    line: int
    children: list[Node | str] = field(default_factory=list)

    def find(self, tag: str) -> Node | None:
        return next(self.iter(tag), None)

    def iter(self, tag: str):
        for c in self.children:
            if isinstance(c, Node):
                if c.tag == tag:
                    yield c
                yield from c.iter(tag)

    def kids(self, *tags: str) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node) and (not tags or c.tag in tags)]

    def text(self) -> str:
        out: list[str] = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif c.tag not in ("authorialNote",):
                out.append(c.text())
        return " ".join("".join(out).split())


def looks_like_akn(text: str) -> bool:
    head = text.lstrip()[:2000]
    return head.startswith("<") and "<akomaNtoso" in head


def parse_xml(text: str, path: str) -> Node:
    """The element tree of ``text`` with source lines (expat; no DTD, no entities)."""
    if re.search(r"<!DOCTYPE|<!ENTITY", text):
        line = text[: re.search(r"<!DOCTYPE|<!ENTITY", text).start()].count("\n") + 1  # type: ignore[union-attr]
        raise SourceError(
            path,
            line,
            "The XML source declares a document type or an entity; an Akoma Ntoso source needs neither.",
            "Save the Akoma Ntoso file as published (no <!DOCTYPE> or <!ENTITY> declarations).",
        )
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    root = Node("#root", {}, 1)
    stack = [root]

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        node = Node(local, {k.rsplit(" ", 1)[-1]: v for k, v in attrs.items()}, parser.CurrentLineNumber)
        stack[-1].children.append(node)
        stack.append(node)

    def end(_name: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        stack[-1].children.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as exc:
        raise SourceError(
            path,
            exc.lineno or 1,
            f"The XML source is not well-formed ({xml.parsers.expat.ErrorString(exc.code)}, column {exc.offset}).",
            "Save the Akoma Ntoso file again from its origin, unedited.",
        ) from None
    return root


class _Inline:
    """Plain text of a block element with its italic spans and footnote tokens."""

    def __init__(self, notes: list[Footnote], path: str):
        self.notes = notes
        self.path = path
        self.out: list[str] = []
        self.spans: list[tuple[int, int]] = []

    @property
    def pos(self) -> int:
        return len("".join(self.out))

    def walk(self, node: Node, italic: bool = False) -> None:
        for c in node.children:
            if isinstance(c, str):
                self.out.append(re.sub(r"\s+", " ", c))
                continue
            if c.tag == "authorialNote":
                marker = c.attrs.get("marker", "").strip()
                if not marker:
                    raise SourceError(
                        self.path,
                        c.line,
                        "An authorialNote has no marker attribute: the footnote's number is unknown.",
                        'Give the note its printed number, e.g. <authorialNote marker="1" …>.',
                    )
                while self.out and self.out[-1].endswith(" "):
                    self.out[-1] = self.out[-1].rstrip(" ")
                self.out.append(fn_token(marker))
                note = _Inline([], self.path)
                note.walk(c)
                self.notes.append(Footnote(number=marker, text=note.plain(), line=c.line))
                continue
            if c.tag in _SKIP:
                continue
            is_italic = italic or c.tag in _ITALIC or "italic" in c.attrs.get("class", "").split()
            start = self.pos
            if c.tag == "p" and self.out and not self.out[-1].endswith(" "):
                self.out.append(" ")
                start += 1
            self.walk(c, is_italic)
            if is_italic and not italic and self.pos > start:
                self.spans.append((start, self.pos))

    def plain(self) -> str:
        return "".join(self.out).strip()

    def block(self, line: int, prefix: str = "", eid: str = "", heading: int = 0) -> RawBlock | None:
        raw = "".join(self.out)
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        if not text:
            return None
        shift = len(prefix) - lead
        spans = [(max(0, a + shift), b + shift) for a, b in self.spans if b - lead > 0]
        spans = [(a, min(b, len(prefix) + len(text))) for a, b in spans if b > a]
        return RawBlock(text=prefix + text, line=line, emphasis=spans, eid=eid, element=True, heading=heading)


def read_akn(text: str, path: str) -> RawText:
    root = parse_xml(text, path)
    akn = root.find("akomaNtoso")
    doc = next((n for n in (akn.kids(*DOCUMENT_TYPES) if akn else [])), None)
    if doc is None:
        raise SourceError(
            path,
            1,
            "No Akoma Ntoso document in this XML (an <akomaNtoso> element holding a <statement>, <doc> or <act>).",
            "Use the Akoma Ntoso 3.0 file of the resolution as published.",
        )
    meta: dict[str, str] = {}
    notes: list[Footnote] = []
    blocks: list[RawBlock] = []
    _read_meta(doc, meta)
    # what is not text of the resolution is set aside with its line, as a cover block is
    discarded: list[tuple[int, str]] = []
    for tag in ("meta", "coverPage", "preface"):
        for el in doc.kids(tag):
            for node in _leaves(el):
                if text := node.text():
                    discarded.append((node.line, f"[{tag}] {text}"))
    body_start = None
    if (preamble := doc.find("preamble")) is not None:
        for el in preamble.kids():
            if el.tag == "formula":
                _add(blocks, el, notes, path)
            elif el.tag in ("recitals",):
                for r in el.kids("recital", "p", "container"):
                    _add(blocks, r, notes, path, eid=_eid(r))
            elif el.tag in ("recital", "container", "p", "blockContainer"):
                _add(blocks, el, notes, path, eid=_eid(el))
    if not blocks:
        body_start = 0
    main = doc.find("mainBody") or doc.find("body")
    if main is None:
        raise SourceError(
            path,
            akn.line if akn else 1,
            "The Akoma Ntoso document has no <mainBody>: the operative part is missing.",
            "Use the complete Akoma Ntoso file of the resolution.",
        )
    _body(main, blocks, notes, path)
    if (concl := doc.find("conclusions")) is not None:
        for loc in concl.iter("location"):
            if loc.text():
                blocks.append(RawBlock(text=loc.text(), line=loc.line, element=True))
                meta.setdefault("meeting", loc.text())
        for date in concl.iter("docDate"):
            if date.text():
                blocks.append(RawBlock(text=date.text(), line=date.line, element=True))
    for att in doc.iter("attachment"):
        inner = next(iter(att.kids(*DOCUMENT_TYPES)), att)
        title = inner.find("docTitle") or inner.find("heading")
        blocks.append(
            RawBlock(text=title.text() if title else "Annex", line=(title or att).line, heading=2, element=True)
        )
        if (body := inner.find("mainBody")) is not None:
            _body(body, blocks, notes, path)
    seen: set[str] = set()
    for n in notes:
        if n.number in seen:
            raise SourceError(
                path, n.line, f"Footnote {n.number} appears twice.", "Give each authorialNote its own marker."
            )
        seen.add(n.number)
    return RawText(blocks=blocks, footnotes=notes, meta=meta, body_start=body_start, discarded=sorted(discarded))


def _leaves(el: Node) -> list[Node]:
    """The innermost elements holding text (one per line of markup, as a rule)."""
    inner = [c for c in el.kids() if c.text()]
    if not inner or any(isinstance(c, str) and c.strip() for c in el.children):
        return [el]
    return [leaf for c in inner for leaf in _leaves(c)]


def _read_meta(doc: Node, meta: dict[str, str]) -> None:
    work = doc.find("FRBRWork")
    for d in work.iter("FRBRdate") if work else ():
        if d.attrs.get("name") == "adoption" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.attrs.get("date", "")):
            meta["adopted"] = d.attrs["date"]
    for num in doc.iter("docNumber"):
        value = num.text()
        if "/" in value and re.match(r"^[A-Z]+/", value):
            meta.setdefault("symbol", value)
        elif m := re.match(r"^(\d+/\d+)\.?$", value):
            meta.setdefault("number", m.group(1))
    if (preface := doc.find("preface")) is not None and (title := preface.find("docTitle")) is not None:
        meta["title"] = title.text()
    if (session := doc.find("session")) is not None and session.attrs.get("value", "").isdigit():
        meta["session"] = session.attrs["value"]


def _eid(el: Node) -> str:
    """The element's eId when it is a valid clause id (lower-case letters, digits, ``_``), else ""
    (the ingest then derives one from the numbering)."""
    eid = el.attrs.get("eId", "")
    return eid if re.fullmatch(r"[a-z0-9_]+", eid) else ""


def _add(blocks: list[RawBlock], el: Node, notes: list[Footnote], path: str, prefix: str = "", eid: str = "") -> None:
    inline = _Inline(notes, path)
    inline.walk(el)
    if b := inline.block(el.line, prefix, eid):
        blocks.append(b)


def _num(el: Node) -> str:
    n = next(iter(el.kids("num")), None)
    return n.text() if n is not None else ""


def _body(main: Node, blocks: list[RawBlock], notes: list[Footnote], path: str) -> None:
    for el in main.kids():
        if el.tag in ("paragraph", "article", "section", "point"):
            _numbered(el, blocks, notes, path)
        elif el.tag in ("hcontainer", "chapter", "part", "division", "title"):
            _body(el, blocks, notes, path)  # its heading, then what it holds
        elif el.tag == "heading":
            blocks.append(RawBlock(text=el.text(), line=el.line, heading=3, element=True))
        elif el.tag in ("p", "content", "blockContainer"):
            _add(blocks, el, notes, path, eid=_eid(el))


def _numbered(el: Node, blocks: list[RawBlock], notes: list[Footnote], path: str) -> None:
    """A paragraph or point: ``N. `` / ``(a) `` before its own text, then its list's points."""
    num = _num(el)
    prefix = ""
    if num:
        printed = num.strip()
        prefix = (printed if printed.endswith(".") or printed.startswith("(") else printed + ".") + " "
    eid = _eid(el)
    own = [c for c in el.kids() if c.tag in ("content", "intro", "p")]
    lists = [c for c in el.kids() if c.tag in ("list", "blockList")]
    for lst in lists:
        own.extend(c for c in lst.kids() if c.tag in ("intro", "listIntroduction"))
    holder = Node(el.tag, {}, el.line, children=list(own))
    inline = _Inline(notes, path)
    inline.walk(holder)
    if b := inline.block(el.line, prefix, eid):
        blocks.append(b)
    for lst in lists:
        for item in lst.kids("point", "item", "indent", "paragraph"):
            _numbered(item, blocks, notes, path)
        for wrap in lst.kids("wrapUp", "listWrapUp"):
            _add(blocks, wrap, notes, path)
    for sub in el.kids("paragraph", "subparagraph", "point"):
        _numbered(sub, blocks, notes, path)
