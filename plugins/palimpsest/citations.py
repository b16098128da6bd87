"""References to other resolutions inside clause text → official symbols and links.

What is recognised (always the word *resolution(s)* followed by one or more numbers):

* ``General Assembly resolution 70/1``, ``its resolution 74/4``, ``resolution 70/1``
  → ``A/RES/70/1`` (in a General Assembly text "its" means the Assembly);
* ``resolutions 64/135 and 65/1``, ``resolutions 66/122 of 19 December 2011 and 68/131 of
  18 December 2013``, ``resolutions 47/19, 48/16, 49/9`` → one citation per number;
* ``Economic and Social Council resolution 2010/12`` (and any ``YYYY/NN`` number, which only
  the Council uses) → ``E/RES/2010/12``;
* ``resolution S-24/2`` (special sessions), ``ES-10/1`` (emergency special sessions)
  → ``A/RES/S-24/2``;
* ``resolution 54/237 C`` → ``A/RES/54/237C``; ``resolution 2200 A (XXI)`` → ``A/RES/2200(XXI)``;
* ``Security Council resolution 2250 (2015)`` → ``S/RES/2250(2015)``;
* ``Human Rights Council resolution 35/1`` (or "its resolution" in a Council text)
  → ``A/HRC/RES/35/1``;
* in an ESCAP text, ``resolution 67/8`` / ``Commission resolution 66/14``
  → ``E/ESCAP/RES/67/8``.

Not recognised on purpose: document symbols without the word "resolution" (``A/78/472`` is a
report), years, ``No. 202`` (an ILO Recommendation), ``resolution 1`` of a conference report,
and resolutions of a body we cannot name a symbol for (``Commission on the Status of Women
resolution 60/2`` is left alone rather than linked to the wrong document).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping

from .ingest.metadata import UNDOCS
from .model import Citation, Document, DocumentMeta

# Bodies a citation may name, longest first; value = the body key used by ``_symbol``.
_BODIES: tuple[tuple[str, str], ...] = (
    ("Economic and Social Commission for Asia and the Pacific", "escap"),
    ("Economic and Social Council", "ecosoc"),
    ("Human Rights Council", "hrc"),
    ("Security Council", "sc"),
    ("General Assembly", "ga"),
    ("Assembly", "ga"),
    ("ESCAP", "escap"),
    ("Council", "council"),  # the Council: the document's own council (ECOSOC, HRC)
    ("Commission", "commission"),  # the Commission: the document's own commission (ESCAP)
)

_ONE = r"""
    (?:
        (?P<special>E?S-\d{1,2}/\d{1,3})                       # S-24/2, ES-10/1
      | (?P<old>\d{1,4})(?:\s?(?P<oldpart>[A-H]))?\s\((?P<roman>[IVXL]+)\)   # 2200 A (XXI)
      | (?P<sc>\d{1,4})\s\((?P<scyear>(?:19|20)\d\d)\)         # 2250 (2015)
      | (?P<num>\d{1,4}/\d{1,4})(?:\s(?P<part>[A-H])(?=\s+of\b|\s+and\b|[,;.)]|$))?  # 70/1, 2010/12, 54/237 C
    )
    (?![\d/])
"""
_ONE_RE = re.compile(_ONE, re.X)
# After a number: an optional "of 19 December 2011" / "of 2011", then a list separator.
_DATE = r"(?:,?\s+of\s+(?:\d{1,2}\s+[A-Z][a-z]+\s+)?(?:19|20)\d\d)?"
_SEP_RE = re.compile(_DATE + r"(?P<sep>\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s+as\s+well\s+as\s+)")

_KEYWORD_RE = re.compile(
    r"(?P<prefix>(?:(?:"
    + "|".join(re.escape(b) for b, _ in _BODIES)
    + r")\s+))?(?P<kw>[Rr]esolutions?)\s+(?=(?:E?S-)?\d)"
)
# Capitalised words just before "resolution" that name a body we do not know.
_UNKNOWN_BODY_RE = re.compile(
    r"(?:Women|Development|Commission|Council|Conference|Committee|Board|Organization|Forum|"
    r"Programme|Assembly|Rights|Agency|Union|Fund|Session|Parties|Drugs|Crime|Statistics|Population)"
    r"\s+$"
)
# A capitalised word (not a verb such as "Recalling") right before "Council"/"Commission".
_NAME_BEFORE_RE = re.compile(r"\b(?!\w+ing\b)[A-Z][A-Za-z]*\s+$")


def own_body(meta: DocumentMeta) -> str:
    """The body key of the document itself, from its symbol (then its body name)."""
    symbol = meta.symbol.upper()
    if symbol.startswith("E/ESCAP/"):
        return "escap"
    if symbol.startswith("A/HRC/"):
        return "hrc"
    if symbol.startswith("S/"):
        return "sc"
    if symbol.startswith("E/"):
        return "ecosoc"
    body = meta.body.lower()
    if "economic and social council" in body:
        return "ecosoc"
    if "asia and the pacific" in body:
        return "escap"
    if "human rights council" in body:
        return "hrc"
    return "ga"  # General Assembly and its committees; ILO texts cite GA resolutions by number


def _symbol(match: re.Match[str], body: str, own: str) -> str | None:
    """The official symbol for one number, or None when we cannot tell."""
    if body == "council":
        body = own if own in ("ecosoc", "hrc") else "unknown"
    elif body == "commission":
        body = own if own == "escap" else "unknown"
    if match.group("special"):
        return f"A/RES/{match.group('special')}" if body in ("ga", "") else None
    if match.group("old"):
        return f"A/RES/{match.group('old')}({match.group('roman')})" if body in ("ga", "") else None
    if match.group("sc"):
        return f"S/RES/{match.group('sc')}({match.group('scyear')})" if body in ("sc", "") else None
    num = match.group("num")
    first, _, second = num.partition("/")
    part = match.group("part") or ""
    yearly = len(first) == 4
    if body == "":  # not named: the document's own body, or ECOSOC for a year-numbered one
        if yearly:
            body = "ecosoc" if own not in ("hrc",) else "unknown"
        else:
            body = own if own in ("ga", "escap", "hrc") else "ga"
    if body == "ga" and not yearly and 1 <= int(first) <= 99:
        return f"A/RES/{num}{part}"
    if body == "ecosoc" and yearly and first.startswith(("19", "20")):
        return f"E/RES/{num}"
    if body == "hrc" and not yearly:
        return f"A/HRC/RES/{num}"
    if body == "escap" and not yearly:
        return f"E/ESCAP/RES/{num}"
    return None


def normalise_symbol(symbol: str) -> str:
    """For matching symbols against the corpus: upper case, no spaces."""
    return re.sub(r"\s+", "", symbol).upper()


def find_citations(text: str, meta: DocumentMeta) -> list[tuple[str, int, int, str]]:
    """``(printed text, start, end, symbol)`` for every resolution cited in ``text``.

    The first citation of a list spans the body name (if printed), the word "resolution(s)"
    and the first number; the following ones span their number only."""
    own = own_body(meta)
    found: list[tuple[str, int, int, str]] = []
    pos = 0
    while True:
        kw = _KEYWORD_RE.search(text, pos)
        if not kw:
            break
        pos = kw.end()
        prefix = (kw.group("prefix") or "").strip()
        before = text[: kw.start()]
        if prefix:
            body = dict(_BODIES)[re.sub(r"\s+", " ", prefix)]
            # A bare "Council"/"Commission"/"Assembly" that ends a longer name we do not know
            # ("Statistical Commission resolution 47/1") is left alone.
            if prefix in ("Council", "Commission", "Assembly") and _NAME_BEFORE_RE.search(before):
                continue
        else:
            body = ""
            if _UNKNOWN_BODY_RE.search(before):
                continue
        start = kw.start()
        cursor = kw.end()
        first = True
        while True:
            m = _ONE_RE.match(text, cursor)
            if not m:
                break
            symbol = _symbol(m, body, own)
            if symbol:
                s = start if first else m.start()
                found.append((text[s : m.end()], s, m.end(), symbol))
            first = False
            cursor = m.end()
            sep = _SEP_RE.match(text, cursor)
            if not sep or not _ONE_RE.match(text, sep.end()):
                break
            cursor = sep.end()
        pos = max(pos, cursor)
    return found


class SymbolIndex(dict):
    """``{normalised symbol: slug}``, built once per corpus (see ``symbol_index``)."""

    def __init__(self, symbol_to_slug: Mapping[str, str] | None = None):
        super().__init__((normalise_symbol(k), v) for k, v in dict(symbol_to_slug or {}).items())


def _index(symbol_to_slug: Mapping[str, str]) -> SymbolIndex:
    return symbol_to_slug if isinstance(symbol_to_slug, SymbolIndex) else SymbolIndex(symbol_to_slug)


def link_text(text: str, meta: DocumentMeta, symbol_to_slug: Mapping[str, str]) -> tuple[Citation, ...]:
    """The citations of one text (a clause, a footnote) with their links."""
    slugs = _index(symbol_to_slug)
    out: list[Citation] = []
    for printed, start, end, symbol in find_citations(text, meta):
        slug = slugs.get(normalise_symbol(symbol))
        if slug == meta.slug:
            slug = None  # a text citing itself links to the official text, not to itself
        url = f"{slug}/" if slug else f"{UNDOCS}{symbol}"
        out.append(Citation(text=printed, start=start, end=end, symbol=symbol, document=slug, url=url))
    return tuple(out)


def link_document(doc: Document, symbol_to_slug: Mapping[str, str]) -> Document:
    """A new Document whose clauses, blocks (headings, formula, closing) and footnotes carry
    their ``citations``: the one citation stage, before rendering and the export.

    ``Citation.url`` is the cited page's URL relative to the site root (``a-res-68-131/``) when
    the document is in the corpus, else the official text (``https://undocs.org/A/RES/66/122``).
    Renderers turn the site-relative URL into a link relative to the citing page."""
    index = _index(symbol_to_slug)
    parts = []
    for part in doc.parts:
        items = tuple(dataclasses.replace(item, citations=link_text(item.text, doc.meta, index)) for item in part.items)
        parts.append(dataclasses.replace(part, items=items))
    footnotes = tuple(dataclasses.replace(f, citations=link_text(f.text, doc.meta, index)) for f in doc.footnotes)
    return dataclasses.replace(doc, parts=tuple(parts), footnotes=footnotes)


def symbol_index(docs: Iterable[Document]) -> SymbolIndex:
    """``{symbol: slug}`` for a corpus (symbols normalised), for ``link_document``."""
    return SymbolIndex({d.meta.symbol: d.slug for d in sorted(docs, key=lambda d: d.slug)})
