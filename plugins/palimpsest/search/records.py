"""The search data of a document page, as ``page.meta["palimpsest"]["search"]`` for the
``partials/palimpsest/search-data.html`` partial, which writes it as Pagefind attributes.

Pagefind indexes each document page as one record; the reader's browser turns a page hit into
clause hits (``assets/search.js``): every clause ``div`` has an ``id``, Pagefind records the word
position of each ``id`` (its *anchors*) and of each matched word, so each match falls in the
clause whose anchor precedes it. What the page script needs for that travels in the page's
Pagefind metadata (downloaded only with the results that show it):

* ``clauses``: ``anchor|kind|label`` of each clause, ``;`` between them (``pp1|pp|preambular
  para. 1;op1|op|para. 1``: ``CLAUSE_KIND_CODES``, the label percent-encoded but for letters,
  digits and `` ,.()``) — to title a hit ``A/RES/70/126, para. 4`` and to filter by clause
  kind. Not JSON: in an HTML attribute each of its quotes is written ``&#34;``, and the map
  took 16.8 kB of a long resolution's 234 kB page;
* ``symbol``, ``doc_title``, ``date``;

and in its filters (``body``, ``session``, ``year``). A symbol is indexed as *keys* — single
words a reader's query is turned into by the same rule in ``assets/search.js``
(``A/RES/70/126`` → ``symaxresx70x126z``; the part after ``RES``, ``70/126`` → ``sym70x126z``), in a
heavily weighted element, so a query for a symbol in any usual form puts its document first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from ..model import Document
from ..render.site import sort_date

KIND_LABELS = {
    "preambular": "Preambular paragraph",
    "operative": "Operative paragraph",
    "paragraph": "Paragraph (annex, conclusions)",
    "point": "Point of a paragraph",
}
_CLEAN = re.compile(r"[^a-z0-9]")


def _key(segments: Iterable[str]) -> str:
    # ends with "z": Pagefind matches the last word of a query as a prefix, and the key of
    # 70/1 must not be a prefix of the key of 70/10
    parts = [_CLEAN.sub("", s.lower()) for s in segments]
    return "sym" + "x".join(p for p in parts if p) + "z"


def symbol_keys(symbol: str) -> list[str]:
    """``A/RES/70/126`` → ``["symaxresx70x126z", "sym70x126z"]``; ``S/RES/2334 (2016)`` →
    ``["symsxresx2334z", "sym2334z"]``; a symbol without ``RES`` has only its full key."""
    symbol = re.sub(r"\s*\(\d{4}\)\s*$", "", symbol.strip())
    segments = [s for s in symbol.split("/") if s.strip()]
    keys = [_key(segments)]
    upper = [s.strip().upper() for s in segments]
    if "RES" in upper:
        tail = segments[upper.index("RES") + 1 :]
        if tail:
            keys.append(_key(tail))
    return list(dict.fromkeys(k for k in keys if k != "symz"))


def search_data(doc: Document) -> dict[str, Any]:
    m = doc.meta
    day = sort_date(m)
    session = m.session
    return {
        "symbol": m.symbol,
        "doc_title": m.title,
        "date": day,
        "draft": m.is_draft,
        "symbol_keys": " ".join(symbol_keys(m.symbol)),
        "clauses": clause_list(doc),
        "filters": {"body": m.body, "session": str(session), "year": day[:4]},
    }


# the kind of a clause in ``clauses`` (the same table is in assets/search.js)
CLAUSE_KIND_CODES = {"preambular": "pp", "operative": "op", "paragraph": "pa", "point": "pt"}
_LABEL_SAFE = " ,.()"


def clause_list(doc: Document) -> str:
    """The page's clauses for the search script, in reading order (see the module docstring)."""
    return ";".join(f"{c.anchor}|{CLAUSE_KIND_CODES[c.kind]}|{quote(c.label, safe=_LABEL_SAFE)}" for c in doc.clauses)


def search_filters(docs: Iterable[Document]) -> dict[str, list[str]]:
    """The values each filter of the search page offers (sorted; sessions and years newest first)."""
    bodies, sessions, years = set(), set(), set()
    for d in docs:
        data = search_data(d)["filters"]
        bodies.add(data["body"])
        if data["session"]:
            sessions.add(data["session"])
        if data["year"]:
            years.add(data["year"])
    num = lambda s: (int(s) if s.isdigit() else 0, s)  # noqa: E731
    return {
        "body": sorted(bodies),
        "session": sorted(sessions, key=num, reverse=True),
        "year": sorted(years, reverse=True),
        "kind": list(KIND_LABELS),
    }
