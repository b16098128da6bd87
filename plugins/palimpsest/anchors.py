"""Anchor ids, Akoma Ntoso-style eIds and citation labels, from the official numbering.

The rules (written for users in docs/how-to-cite.md):

* preambular paragraph n            → ``pp<n>``         eId ``preamble__recital_<n>``
* operative paragraph n             → ``op<n>``         eId ``para_<n>``
* numbered paragraph n (conclusions, annex, declaration) → ``p<n>``  eId ``para_<n>``
* point (a) of a clause             → ``<clause>-a``    eId ``<clause eId>__list_1__point_a``
* point (ii) of point (a)           → ``<point>-ii``    eId ``<point eId>__list_1__point_ii``
* a secondary numbered sequence (the conclusions after a resolution, an annex) prefixes its
  anchors with its part slug and a hyphen: ``conclusions-p14-a``, ``annex-p12``; its eIds with
  the part slug and a double underscore: ``conclusions__para_14__list_1__point_a``.

Anchors are lowercase ASCII letters, digits and hyphens, so they survive in any URL.
"""

from __future__ import annotations

import re

from .model import ClauseKind

ANCHOR_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_BASE = {"preambular": "pp", "operative": "op", "paragraph": "p"}
_EID = {"preambular": "preamble__recital_", "operative": "para_", "paragraph": "para_"}


def normalise_number(number: str) -> str:
    """``"(a)"`` → ``"a"``, ``"4."`` → ``"4"``, ``"II"`` → ``"ii"``."""
    return re.sub(r"[^0-9a-z]", "", number.lower())


def clause_anchor(kind: ClauseKind, number: str, part: str = "", parent: str | None = None) -> str:
    num = normalise_number(number)
    if kind == "point":
        if not parent:
            raise ValueError("a point needs the anchor of its parent clause")
        return f"{parent}-{num}"
    base = f"{_BASE[kind]}{num}"
    return f"{part}-{base}" if part else base


def clause_eid(kind: ClauseKind, number: str, part: str = "", parent_eid: str | None = None) -> str:
    num = normalise_number(number)
    if kind == "point":
        if not parent_eid:
            raise ValueError("a point needs the eId of its parent clause")
        return f"{parent_eid}__list_1__point_{num}"
    base = f"{_EID[kind]}{num}"
    return f"{part.replace('-', '_')}__{base}" if part else base


def clause_label(kind: ClauseKind, number: str, part_label: str = "", parent_label: str | None = None) -> str:
    """How a legal citation names the clause: ``para. 4``, ``preambular para. 3``,
    ``para. 1 (a)``, ``conclusions, para. 14 (a)``."""
    num = normalise_number(number)
    if kind == "point":
        if not parent_label:
            raise ValueError("a point needs the label of its parent clause")
        return f"{parent_label} ({num})"
    base = f"preambular para. {num}" if kind == "preambular" else f"para. {num}"
    return f"{part_label}, {base}" if part_label else base


def citation_text(symbol: str, label: str, url: str) -> str:
    """The text the "copy citation" button puts on the clipboard."""
    return f"{symbol}, {label} \u2014 {url}"


def shorthand_to_anchor(fragment: str) -> str:
    """Normalise what people type after ``#``: ``OP4`` → ``op4``, ``op-4`` → ``op4``,
    ``PP3`` → ``pp3``, ``op1(a)`` → ``op1-a``. Returns the input lowercased when no rule applies.
    (The same rules run client-side in assets/palimpsest.js.)"""
    frag = fragment.strip().lower()
    frag = re.sub(r"\(([a-z0-9]+)\)", r"-\1", frag)
    frag = re.sub(r"^(.*?\b)?(pp|op|p)[-_. ]+(\d)", lambda m: (m.group(1) or "") + m.group(2) + m.group(3), frag)
    frag = re.sub(r"[-_. ]+", "-", frag).strip("-")
    return frag
