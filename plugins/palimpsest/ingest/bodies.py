"""The table of bodies (``bodies.yml``): symbols, enacting formulas, adoption and closing lines,
official-text URLs. The ingest asks this module; no other code names a body.

Add a body by adding an entry to ``bodies.yml`` (its header says what each field means).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass(frozen=True)
class Body:
    name: str
    symbols: tuple[re.Pattern, ...]
    formulas: tuple[str, ...]
    adoption: tuple[re.Pattern, ...]
    closing: tuple[re.Pattern, ...]
    official_url: str
    cover: tuple[str, ...]

    def symbol_match(self, symbol: str) -> re.Match | None:
        for rx in self.symbols:
            if m := rx.fullmatch(symbol.strip()):
                return m
        return None


@functools.lru_cache(maxsize=1)
def bodies() -> tuple[Body, ...]:
    data = yaml.safe_load(resources.files("palimpsest").joinpath("ingest/bodies.yml").read_text("utf-8"))
    return tuple(
        Body(
            name=e["name"],
            symbols=tuple(re.compile(s) for s in e.get("symbols") or ()),
            formulas=tuple(e.get("formulas") or ()),
            adoption=tuple(re.compile(rf"^{s}\.?$") for s in e.get("adoption") or ()),
            closing=tuple(re.compile(rf"^{s}$") for s in e.get("closing") or ()),
            official_url=e.get("official_url") or "",
            cover=tuple(e.get("cover") or ()),
        )
        for e in data
    )


def body_for_symbol(symbol: str) -> Body | None:
    for b in bodies():
        if b.symbol_match(symbol):
            return b
    return None


def body_named(name: str) -> Body | None:
    for b in bodies():
        if b.name == name:
            return b
    return None


def official_url(symbol: str) -> str:
    """The URL of the official text of ``symbol`` by its body's rule; "" when no rule applies."""
    for b in bodies():
        if b.official_url and (m := b.symbol_match(symbol)):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            try:
                return b.official_url.format(symbol=symbol.strip(), **groups)
            except (KeyError, IndexError):
                continue
    return ""


@functools.lru_cache(maxsize=1)
def formula_re() -> re.Pattern:
    """An enacting formula of any body, alone on its line (``The Security Council,``), or the
    general drafting form: ``The <Body>,`` (a capitalised name ending with a comma)."""
    named = "|".join(f"(?:{f})" for b in bodies() for f in b.formulas)
    return re.compile(rf"^(?:{named}),?$|^The [A-Z][^.;:]{{3,200}},$")


@functools.lru_cache(maxsize=1)
def named_formula_re() -> re.Pattern:
    """Only the formulas of the table (no general form): used to find where a text starts."""
    named = "|".join(f"(?:{f})" for b in bodies() for f in b.formulas)
    return re.compile(rf"^(?:{named}),?$")


def adoption(line: str) -> tuple[Body, dict[str, str]] | None:
    """``Adopted by the Security Council at its 7853rd meeting, on 23 December 2016`` →
    (Security Council, {"date": "23 December 2016", "meeting": "7853rd"})."""
    s = " ".join(line.split())
    for b in bodies():
        for rx in b.adoption:
            if m := rx.match(s):
                return b, {k: v for k, v in m.groupdict().items() if v}
    return None


def closing(line: str) -> re.Match | None:
    s = " ".join(line.split())
    for b in bodies():
        for rx in b.closing:
            if m := rx.match(s):
                return m
    return None


@functools.lru_cache(maxsize=1)
def symbol_search_re() -> re.Pattern:
    """Any body's symbol inside a line of text (for reading a cover block)."""
    parts = []
    for b in bodies():
        for rx in b.symbols:
            parts.append(re.sub(r"\(\?P<\w+>", "(?:", rx.pattern))
    return re.compile(r"(?<![\w/])(?:" + "|".join(parts) + r")(?![\w/])")
