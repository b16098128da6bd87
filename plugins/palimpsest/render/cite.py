"""Citation formats for a clause, as data (the rules are documented in docs/how-to-cite.md).

Five formats, each a template per document with four per-clause placeholders, so the page
carries the document's templates once (``<script id="pal-cite">``), with the rules that turn a
clause's label into its OSCOLA and Bluebook pinpoints (``PIN_RULES``), and each clause only its
label (the accessible name of its number); the page script and ``fill`` below substitute them
the same way:

* ``short``    ``A/RES/70/126, para. 4 — https://…/a-res-70-126/#op4`` (``anchors.citation_text``)
* ``full``     ``General Assembly resolution 70/126, “Title”, A/RES/70/126, adopted on
               17 December 2015, para. 4 — URL``
* ``oscola``   ``UNGA Res 70/126 (17 December 2015) UN Doc A/RES/70/126, para 4.``
* ``bluebook`` ``G.A. Res. 70/126, ¶ 4 (Dec. 17, 2015).``
* ``link``     the URL alone.

URLs are absolute from ``site_url`` (never the address of a dev server); without ``site_url``
the page script uses the page's own address.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..model import DocumentMeta
from .site import MONTHS, dated, human_date

FORMATS = (
    ("short", "Short"),
    ("full", "Full"),
    ("oscola", "OSCOLA"),
    ("bluebook", "Bluebook"),
    ("link", "Link only"),
)
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(label|pin_oscola|pin_bluebook|url)\}")

# (OSCOLA, Bluebook) names of the bodies whose resolutions those guides abbreviate
BODY_ABBREVIATIONS = {
    "General Assembly": ("UNGA", "G.A."),
    "Security Council": ("UNSC", "S.C."),
    "Economic and Social Council": ("ECOSOC", "E.S.C."),
    "Human Rights Council": ("UNHRC", "Human Rights Council"),
}
BLUEBOOK_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
_RES = re.compile(r"^(?P<organ>[A-Z][A-Za-z.]*(?:/[A-Z][A-Za-z.]*)*)/RES/(?P<number>\S.*)$")
# UN document symbols start with a principal organ's letter: A/ S/ E/ T/ ST/
_UN_DOC = re.compile(r"^(A|S|E|T|ST)/")


def resolution_number(symbol: str) -> str | None:
    """``A/RES/70/126`` → ``70/126``; ``A/RES/217(III)`` → ``217 (III)``; ``S/RES/2334 (2016)``
    → ``2334 (2016)``; None for a symbol that is not a resolution's."""
    m = _RES.match(symbol.strip())
    if not m:
        return None
    return re.sub(r"(\S)\(", r"\1 (", m.group("number")).strip()


def bluebook_date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        y, m, d = (int(x) for x in iso.split("-"))
        return f"{BLUEBOOK_MONTHS[m - 1]} {d}, {y}"
    except (ValueError, IndexError):
        return iso


# A clause's pinpoint from its label: regular-expression replacements applied in order, as
# data, so the page script applies the very same rules (they travel in page_data; the patterns
# use only syntax that Python and JavaScript read alike).
PIN_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    # OSCOLA: no full stops in abbreviations, no space before a sub-paragraph
    "oscola": ((r"para\.", "para"), (r", para", " para"), (r"\s+\(", "(")),
    "bluebook": ((r"preambular para\.", "pmbl. ¶"), (r"para\.", "¶"), (r", ¶", " ¶"), (r"\s+\(", "(")),
}
_PIN_RES = {style: tuple((re.compile(p), r) for p, r in rules) for style, rules in PIN_RULES.items()}


def _pin(style: str, label: str) -> str:
    for pattern, replacement in _PIN_RES[style]:
        label = pattern.sub(replacement, label)
    return label


def pin_oscola(label: str) -> str:
    """``para. 4`` → ``para 4``; ``preambular para. 3`` → ``preambular para 3``;
    ``para. 1 (a)`` → ``para 1(a)``; ``conclusions, para. 14 (a)`` → ``conclusions para 14(a)``
    (OSCOLA: no full stops in abbreviations, no space before a sub-paragraph)."""
    return _pin("oscola", label)


def pin_bluebook(label: str) -> str:
    """``para. 4`` → ``¶ 4``; ``preambular para. 3`` → ``pmbl. ¶ 3``; ``para. 1 (a)`` →
    ``¶ 1(a)``; ``conclusions, para. 14 (a)`` → ``conclusions ¶ 14(a)``."""
    return _pin("bluebook", label)


def _esc(value: Any) -> str:
    """A document value inside a template: braces doubled (see ``PLACEHOLDER``)."""
    return str(value or "").replace("{", "{{").replace("}", "}}")


def templates(meta: DocumentMeta) -> list[dict[str, str]]:
    """The five formats of one document: ``[{"id", "name", "template"}]``. A title is quoted
    (double quotes in the full form, single in OSCOLA); quotation marks inside it take the
    other kind, as English nests quotations."""
    symbol, body = _esc(meta.symbol), _esc(meta.body)
    title = _esc(meta.title).replace("“", "‘").replace("”", "’")
    title_oscola = _esc(meta.title)  # its double quotation marks already nest inside single ones
    draft = meta.is_draft
    day = dated(meta)
    number = None if draft else resolution_number(meta.symbol)
    un_doc = "UN Doc " if _UN_DOC.match(meta.symbol) else ""
    bb_doc = "U.N. Doc. " if _UN_DOC.match(meta.symbol) else ""
    when = (f"dated {human_date(day)}" if draft else f"adopted on {human_date(day)}") if day else ""
    oscola_date = f" ({human_date(day)})" if day else ""
    bb_date = f" ({bluebook_date(day)})" if day else ""

    if number:
        designation = f"{body} resolution {_esc(number)}"
    elif draft:
        designation = f"{body}, draft resolution"
    else:
        designation = body
    full = ", ".join(x for x in (designation, f"“{title}”", symbol, when, "{label}") if x) + " — {url}"

    abbr = BODY_ABBREVIATIONS.get(meta.body)
    if number and abbr:
        oscola = f"{abbr[0]} Res {_esc(number)}{oscola_date} {un_doc}{symbol}, {{pin_oscola}}."
        bluebook = f"{abbr[1]} Res. {_esc(number)}, {{pin_bluebook}}{bb_date}."
    elif number:
        oscola = f"{body} Res {_esc(number)}{oscola_date} {un_doc}{symbol}, {{pin_oscola}}."
        bluebook = f"{body} Res. {_esc(number)}, {{pin_bluebook}}, {bb_doc}{symbol}{bb_date}."
    else:
        kind = "Draft resolution: " if draft else ""
        oscola = f"{body}, ‘{kind}{title_oscola}’{oscola_date} {un_doc}{symbol}, {{pin_oscola}}."
        bb_kind = "Draft Resolution, " if draft else ""
        bluebook = f"{body}, {bb_kind}{_esc(meta.title)}, {{pin_bluebook}}, {bb_doc}{symbol}{bb_date}."
    by_id = {
        "short": f"{symbol}, {{label}} — {{url}}",
        "full": full,
        "oscola": oscola,
        "bluebook": bluebook,
        "link": "{url}",
    }
    return [{"id": i, "name": name, "template": by_id[i]} for i, name in FORMATS]


def clause_values(label: str, url: str) -> dict[str, str]:
    return {"label": label, "pin_oscola": pin_oscola(label), "pin_bluebook": pin_bluebook(label), "url": url}


def fill(template: str, values: Mapping[str, str]) -> str:
    """One citation: the template with the clause's values (the page script does the same)."""
    return PLACEHOLDER.sub(lambda m: values[m.group(1)] if m.group(1) else m.group(0)[0], template)


def page_data(meta: DocumentMeta, page_url: str) -> dict[str, Any]:
    """What the page script needs (``<script type="application/json" id="pal-cite">``):
    the formats, the pinpoint rules and the page's absolute URL ("" without ``site_url``)."""
    absolute = page_url if re.match(r"^https?://", page_url) else ""
    pins = {style: [list(rule) for rule in rules] for style, rules in PIN_RULES.items()}
    return {"url": absolute, "formats": templates(meta), "pins": pins}


def citations(meta: DocumentMeta, label: str, url: str) -> dict[str, str]:
    """Every format for one clause: ``{format id: text}``."""
    values = clause_values(label, url)
    return {f["id"]: fill(f["template"], values) for f in templates(meta)}


__all__ = ["FORMATS", "MONTHS", "citations", "fill", "page_data", "pin_bluebook", "pin_oscola", "templates"]
