"""The metadata a text states about itself, as ``document.yml`` would hold it.

Used by ``palimpsest add`` (which writes it to a new ``document.yml``) and by
``scripts/ingest_report.py`` (which reads bare texts that have no ``document.yml``). Fields the
text does not state are returned as missing, each with what the contributor should write.
"""

from __future__ import annotations

import re

from ..model import OPTIONAL_FIELDS, DocumentMeta
from . import bodies
from .dates import parse_date
from .raw import RawText

FIELD_HELP = {
    "symbol": "the official symbol as printed on the document, e.g. `symbol: A/RES/78/175`",
    "title": "the title as printed, e.g. `title: Cooperatives in social development`",
    "body": "the adopting body, e.g. `body: General Assembly` (see plugins/palimpsest/ingest/bodies.yml)",
    "adopted": "the adoption date, e.g. `adopted: 2023-12-19` (a draft: `status: draft` and `dated: 2025-10-14`)",
    "session": "the session number, e.g. `session: 78`",
    "official_url": "the address of the official text, e.g. `official_url: https://…`",
}

_DATE_IN_LINE = re.compile(
    r"\b(\d{1,2} (?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December) \d{4})\b"
)


def slug_for(symbol: str) -> str:
    """``A/RES/78/175`` → ``a-res-78-175``; ``S/RES/2334 (2016)`` → ``s-res-2334-2016``."""
    return re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-")


def _symbol_in_text(text: str) -> str:
    """The first symbol of a known body in the first lines of the text."""
    rx = bodies.symbol_search_re()
    for line in text.splitlines()[:80]:
        if m := rx.search(line.strip()):
            return " ".join(m.group(0).split())
    return ""


def derive_metadata(raw: RawText, text: str) -> tuple[dict[str, str], list[str]]:
    """``(fields, missing)``: the ``document.yml`` fields the text states, and the required or
    useful fields it does not (names from ``FIELD_HELP``)."""
    meta = raw.meta
    fields: dict[str, str] = {}
    symbol = meta.get("symbol") or _symbol_in_text(text)
    if symbol:
        fields["symbol"] = symbol
    if meta.get("title"):
        fields["title"] = meta["title"]
    body = bodies.body_for_symbol(symbol) if symbol else None
    if body is None:
        for line in text.splitlines()[:60]:
            if found := bodies.adoption(line.strip()):
                body = found[0]
                break
    if body is not None:
        fields["body"] = body.name
    if meta.get("status") == "draft":
        fields["status"] = "draft"
        dated = meta.get("distributed") or meta.get("dated")
        if dated:
            fields["dated"] = dated
        if meta.get("sponsors"):
            fields["sponsors"] = meta["sponsors"]
    else:
        adopted = meta.get("adopted") or meta.get("closing_date")
        if not adopted:
            for line in text.splitlines()[:60]:
                if (found := bodies.adoption(line.strip())) and found[1].get("date"):
                    adopted = parse_date(found[1]["date"]) or ""
                    break
        if adopted:
            fields["adopted"] = adopted
    for key in ("session", "meeting", "agenda_item", "committee_report", "distributed"):
        if meta.get(key) and key not in fields:
            fields[key] = meta[key]
    if symbol and not bodies.official_url(symbol):
        fields.pop("official_url", None)
    missing = [k for k in ("symbol", "title", "body") if k not in fields]
    if "adopted" not in fields and fields.get("status") != "draft":
        missing.append("adopted")
    if fields.get("status") == "draft" and "dated" not in fields:
        missing.append("dated")
    if symbol and not bodies.official_url(symbol):
        missing.append("official_url")
    return fields, missing


def meta_from_fields(fields: dict[str, str], slug: str, source: str) -> DocumentMeta:
    """A ``DocumentMeta`` from derived fields (missing ones left empty): for reading bare texts."""
    symbol = fields.get("symbol", "")
    return DocumentMeta(
        slug=slug,
        symbol=symbol,
        title=fields.get("title", ""),
        body=fields.get("body", ""),
        adopted=fields.get("adopted", ""),
        official_url=bodies.official_url(symbol) if symbol else "",
        source=source,
        status="draft" if fields.get("status") == "draft" else "adopted",
        **{k: fields[k] for k in OPTIONAL_FIELDS if fields.get(k)},
    )
